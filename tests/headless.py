"""Headless Chromium for the tests of HTML output (``test_render.py``, ``test_site.py``): open a
page from the file system and report its DOM, its console messages (a Content-Security-Policy
violation among them), the network requests the page made, and a PDF of it.

The ``chromium`` fixture (in ``conftest.py``) gives the command, and skips the test when it is
not installed, except under CI (``CI=true``), where a missing Chromium fails it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
]


def find_chromium() -> str:
    """The ``chromium`` command; the test skips without it, except under CI (``CI=true``), where it fails."""
    found = shutil.which("chromium")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed, and CI=true: .ci/run installs Debian's chromium")
        pytest.skip("chromium is not installed (apt-get install chromium); these tests run in CI")
    return found


def netlog_events(path: Path) -> list[dict[str, Any]]:
    """The events of Chromium's NetLog (a JSON file; cut short, its closing brackets are missing)."""
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8", errors="replace").rstrip()
    for candidate in (text, text.rstrip(",") + "]}"):
        try:
            events = json.loads(candidate).get("events", [])
        except json.JSONDecodeError:
            continue
        return [e for e in events if isinstance(e, dict)]
    raise AssertionError(f"cannot read the NetLog {path}")


def open_page(chromium: str, page: Path, work: Path) -> dict[str, Any]:
    """Load ``page``: its DOM, console messages, page-initiated network requests, and a PDF of it."""
    work.mkdir(parents=True, exist_ok=True)
    url = page.resolve().as_uri()
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'dom'}", "--dump-dom", url],
        capture_output=True, text=True, timeout=120, check=False,
    )
    netlog = work / "netlog.json"
    pdf = work / "page.pdf"
    printed = subprocess.run(
        [
            chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work / 'pdf'}", f"--log-net-log={netlog}",
            "--net-log-capture-mode=Default", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", url,
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )
    console = [
        line for line in (dom.stderr + printed.stderr).splitlines()
        if re.search(r":CONSOLE[(:]", line) or "Refused to" in line or "Content Security Policy" in line
    ]
    requests = []
    for event in netlog_events(netlog):
        params = event.get("params", {})
        # A request the page made carries the page's (file://) network isolation key;
        # Chromium's own background requests do not.
        if "url" in params and str(params.get("network_isolation_key", "")).startswith("file://"):
            requests.append(params["url"])
    return {
        "dom": dom.stdout,
        "dom_rc": dom.returncode,
        "console": console,
        "requests": requests,
        "pdf": pdf.read_bytes() if pdf.is_file() else b"",
        "pdf_rc": printed.returncode,
    }

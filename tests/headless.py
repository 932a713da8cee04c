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

from samverkan.render.chromium import FLAGS

CHROMIUM_FLAGS = [
    *(flag for flag in FLAGS if flag != "--remote-debugging-pipe"),  # these tests read stdout and logs
    "--enable-logging=stderr",
    "--v=0",
]


def find_tool(command: str, package: str) -> str:
    """``command`` on PATH; the test skips without it, except under CI (``CI=true``), where it
    fails, since .ci/run installs Debian's ``package``."""
    found = shutil.which(command)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{command} is not installed, and CI=true: .ci/run installs Debian's {package}")
        pytest.skip(f"{command} is not installed (apt-get install {package}); these tests run in CI")
    return found


def find_chromium() -> str:
    """The ``chromium`` command (see :func:`find_tool`)."""
    return find_tool("chromium", "chromium")


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
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    netlog = work / "netlog.json"
    pdf = work / "page.pdf"
    printed = subprocess.run(
        [
            chromium,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={work / 'pdf'}",
            f"--log-net-log={netlog}",
            "--net-log-capture-mode=Default",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    console = [
        line
        for line in (dom.stderr + printed.stderr).splitlines()
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


# Measuring pages over the DevTools pipe (the one samverkan render --format pdf prints with) ----

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def find_axe() -> Path:
    """axe-core's ``axe.min.js``: ``$AXE_CORE``, else what ``.ci/run`` installs with ``npm install
    --no-save --prefix .ci/axe axe-core@4``; the test skips without it, except under CI."""
    root = Path(__file__).resolve().parent.parent
    named = os.environ.get("AXE_CORE")
    path = Path(named) if named else root / ".ci" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"axe-core is not at {path}, and CI=true: .ci/run installs it with npm")
        pytest.skip(f"axe-core is not at {path} (npm install --no-save --prefix .ci/axe axe-core@4)")
    return path


def widths(chromium: str, pages: list[Path], width: int = 320) -> dict[Path, int]:
    """``document.documentElement.scrollWidth`` of each page in a ``width`` px wide viewport."""
    from samverkan.render.chromium import DevTools

    found = {}
    with DevTools(chromium) as browser:
        for page in pages:
            session = browser.open(page.resolve().as_uri(), width=width)
            found[page] = int(browser.evaluate(session, "document.documentElement.scrollWidth"))
            browser.call("Target.detachFromTarget", {"sessionId": session})
    return found


def axe_violations(chromium: str, pages: list[Path], axe: Path) -> dict[Path, list[dict[str, Any]]]:
    """What axe-core finds against WCAG 2.1 A and AA on each page (the CSP bypassed to run it)."""
    from samverkan.render.chromium import DevTools

    source = axe.read_text(encoding="utf-8")
    options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    script = (
        f"axe.run(document, {options}).then(r => r.violations.map(v => ({{id: v.id, impact: v.impact, "
        "help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))"
    )
    found = {}
    with DevTools(chromium) as browser:
        for page in pages:
            session = browser.open("about:blank")
            browser.call("Page.setBypassCSP", {"enabled": True}, session)
            browser.call("Page.navigate", {"url": page.resolve().as_uri()}, session)
            browser.wait_for("Page.loadEventFired", session)
            browser.evaluate(session, source)
            found[page] = list(browser.evaluate(session, script))
            browser.call("Target.detachFromTarget", {"sessionId": session})
    return found

"""Every HTML page and document at 320 px (WCAG 2.1 1.4.10 Reflow), and axe-core against WCAG
2.1 A and AA, in headless Chromium.

The pages: every golden HTML render (``tests/golden/render/``), and every page of the sites of
``agreements/`` and ``tests/site/`` (their ``dokument/`` folders hold the real documents'
renders). The tests skip without Chromium or axe-core, except under CI (``CI=true``), where
``.ci/run`` installs both.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from headless import axe_violations, find_axe, widths
from samverkan.site import SiteRequest, build_site, write_site

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 320


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    found = sorted((ROOT / "tests" / "golden" / "render").glob("*.html"))
    for name, folder in (("real", ROOT / "agreements"), ("fixtures", ROOT / "tests" / "site")):
        out = tmp_path_factory.mktemp(name)
        result = build_site(SiteRequest((folder,), dt.date(2025, 6, 1)))
        write_site(out, result.files)
        found += sorted(out.rglob("*.html"))
    assert len(found) >= 40
    return found


def test_every_page_reads_at_320_px(chromium: str, pages: list[Path]) -> None:
    measured = widths(chromium, pages, WIDTH)
    wide = {f"{p.parent.name}/{p.name}": w for p, w in measured.items() if w > WIDTH}
    assert wide == {}, f"{len(wide)} of {len(pages)} pages wider than {WIDTH} px"


def test_axe_finds_no_wcag_21_aa_violation(chromium: str, pages: list[Path]) -> None:
    found = axe_violations(chromium, pages, find_axe())
    failing = {f"{p.parent.name}/{p.name}": v for p, v in found.items() if v}
    assert failing == {}, f"{len(failing)} of {len(pages)} pages"


def test_the_checks_see_a_wide_page_and_a_violation(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "dalig.html"
    page.write_text(
        '<!DOCTYPE html><html><head><title>x</title></head><body><div style="width: 900px">x</div>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>',
        encoding="utf-8",
    )
    assert widths(chromium, [page], WIDTH)[page] > WIDTH
    found = {v["id"] for v in axe_violations(chromium, [page], find_axe())[page]}
    assert {"image-alt", "html-has-lang"} <= found, found

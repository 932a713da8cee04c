"""``samverkan render --format pdf``: the HTML printed by headless Chromium, read back with
``pdftotext`` (Debian's ``poppler-utils``): A4, "Sida 1 av N" on every page, the running
header with the case number, a long table that starts on the page of its heading, the same
bytes twice; and the one-line error without a browser.

The printing tests skip without Chromium or ``pdftotext``, except under CI (``CI=true``),
where ``.ci/run`` installs both and a missing one fails them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

from headless import find_tool
from samverkan.cli_render import render
from samverkan.render.pdf import PageHeader, fixed_dates, header_template

ROOT = Path(__file__).resolve().parent.parent
UPPSALA_2014 = ROOT / "agreements" / "uppsala" / "uppsala-2014.yaml"
PLAN_2014 = ROOT / "agreements" / "uppsala" / "uppsala-2014-handlingsplan.yaml"


def _invoke(*args: str) -> Result:
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    app.command("render")(render)

    @app.callback()
    def _root() -> None:
        """samverkan"""

    return CliRunner().invoke(app, ["render", *args])


@pytest.fixture(scope="module")
def pdftotext() -> str:
    return find_tool("pdftotext", "poppler-utils")


def _pages(pdftotext: str, pdf: Path) -> list[str]:
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.rstrip("\f\n").split("\f")


@pytest.fixture(scope="module")
def printed(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    common = [str(UPPSALA_2014), str(PLAN_2014), "--format", "pdf", "--out", str(out), "--as-of", "2025-06-01"]
    for document in (["--document", "memo"], []):  # the memo, then each file's own document
        result = _invoke(*common, *document, "--browser", chromium)
        assert result.exit_code == 0, result.output
    assert "wrote " in result.stderr and ".pdf" in result.stderr
    return out


def test_memo_has_page_numbers_and_the_case_number(printed: Path, pdftotext: str) -> None:
    pdf = printed / "uppsala-2014.memo.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert re.search(rb"/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]", data)  # A4
    pages = _pages(pdftotext, pdf)
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} av {len(pages)}" in page
        first = page.strip().splitlines()[0]
        assert "Dnr KSN-2013-1258 · 15 november 2013" in first, first  # the running header, on top
    assert "Föredragning" in "".join(pages) or "Förslag till beslut" in "".join(pages)


def test_agreement_carries_its_case_number(printed: Path, pdftotext: str) -> None:
    pages = _pages(pdftotext, printed / "uppsala-2014.agreement.pdf")
    assert len(pages) > 1
    assert all("Dnr KSN-2013-1258" in p and f"Sida {n} av {len(pages)}" in p for n, p in enumerate(pages, 1))


def test_a_long_table_starts_under_its_heading_and_repeats_its_header(printed: Path, pdftotext: str) -> None:
    """The action plan's first activity table is long: it starts on page 1, under the focus
    area's "Förväntad effekt", and its column headings are printed again on the next page."""
    pages = _pages(pdftotext, printed / "uppsala-2014-handlingsplan.action-plan.pdf")
    first = pages[0]
    assert "Aktivitet/Insats" in first, first  # not pushed to page 2, leaving page 1 two thirds empty
    assert first.index("Förväntad effekt") < first.index("Aktivitet/Insats")
    lines = [line.strip() for line in pages[1].splitlines() if line.strip()]
    assert lines[1].startswith("Aktivitet/Insats"), lines[:3]  # the header again, above the rest of the rows


def test_same_input_same_bytes(chromium: str, printed: Path, tmp_path: Path) -> None:
    result = _invoke(
        str(UPPSALA_2014),
        "--format",
        "pdf",
        "--out",
        str(tmp_path),
        "--as-of",
        "2025-06-01",
        "--document",
        "memo",
        "--browser",
        chromium,
    )
    assert result.exit_code == 0, result.output
    again = (tmp_path / "uppsala-2014.memo.pdf").read_bytes()
    assert again == (printed / "uppsala-2014.memo.pdf").read_bytes()
    assert b"/CreationDate (D:20250601000000" in again


def test_no_browser_is_one_line_and_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = _invoke(str(UPPSALA_2014), "--format", "pdf", "--out", str(tmp_path / "ut"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "needs Chromium" in result.stderr, result.stderr
    result = _invoke(
        str(UPPSALA_2014), "--format", "pdf", "--out", str(tmp_path / "ut"), "--browser", str(tmp_path / "chromium")
    )
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "--browser" in result.stderr
    assert not (tmp_path / "ut").exists()


def test_pdf_needs_a_folder() -> None:
    for out in ((), ("--out", "-")):
        result = _invoke(str(UPPSALA_2014), "--format", "pdf", *out)
        assert result.exit_code == 2 and "--out DIR" in result.stderr


def test_header_is_escaped_and_dates_keep_their_length() -> None:
    assert "&lt;b&gt;" in header_template(PageHeader("<b>", "KS-1", None))
    pdf = b"x /CreationDate (D:20991231235959+01'00') /ModDate (D:20991231235959Z)"
    fixed = fixed_dates(pdf, __import__("datetime").date(2025, 6, 1))
    assert fixed == b"x /CreationDate (D:20250601000000+00'00') /ModDate (D:20250601000000Z)"

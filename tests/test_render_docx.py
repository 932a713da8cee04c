"""``samverkan render --format docx``: every heading and table of the HTML render reaches Word,
as Word heading styles and Word tables whose header row repeats; the same bytes twice; a
reference document's page and header; one-line errors; and LibreOffice opens the result.

The LibreOffice test skips when ``soffice`` is not installed, except under CI (``CI=true``),
where it must run (``.ci/run`` installs Debian's ``libreoffice-writer-nogui`` and
``poppler-utils``).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import typer
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Cm
from typer.testing import CliRunner, Result

from samverkan.cli_render import render
from samverkan.render import Rendered, RenderRequest, render_documents

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
EXEMPELBY = ROOT / "tests" / "render" / "exempelby" / "exempelby-2022.yaml"
UMEA = AGREEMENTS / "umea" / "umea-2021.yaml"
AS_OF = dt.date(2022, 5, 1)
HEADER_TEXT = "Exempelby kommun – Kommunstyrelsen"

# Every kind of document, from the bundled agreements where there is one, else the fixtures.
CASES = [
    pytest.param(UMEA, "agreement", id="agreement"),
    pytest.param(AGREEMENTS / "uppsala" / "uppsala-2014-handlingsplan.yaml", "action-plan", id="action-plan"),
    pytest.param(AGREEMENTS / "upplands-vasby" / "upplands-vasby-2021.yaml", "follow-up-report", id="follow-up"),
    pytest.param(EXEMPELBY, "citizen-promise", id="citizen-promise"),
    pytest.param(AGREEMENTS / "uppsala" / "uppsala-2014.yaml", "memo", id="memo"),
    pytest.param(AGREEMENTS / "uppsala" / "uppsala-interpellationssvar-polisen.yaml", "statement", id="statement"),
    pytest.param(EXEMPELBY, "agreement", id="agreement-with-annexes"),
]


def _render(path: Path, document: str, fmt: str, reference: Path | None = None) -> list[Rendered]:
    result = render_documents(RenderRequest((path,), AS_OF, fmt, document, reference_docx=reference))
    assert not result.problems, result.problems
    assert result.documents
    return list(result.documents)


def _open(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


def _squash(text: str) -> str:
    """Text without any whitespace: a line break in Word and a ``<span>`` in HTML compare equal."""
    return "".join(text.split())


class _Outline(HTMLParser):
    """The headings and the tables (rows of cell texts) of an HTML document, read independently
    of the converter under test."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.head_rows: list[bool] = []
        self._heading: list[str] | None = None
        self._cell: list[str] | None = None
        self._skip = 0
        self._in_thead = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "svg", "head", "caption"):
            self._skip += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = []
        elif tag == "table":
            self.tables.append([])
            self.head_rows.append(False)
        elif tag == "thead":
            self._in_thead = True
        elif tag == "tr":
            self.tables[-1].append([])
            if self._in_thead and len(self.tables[-1]) == 1:
                self.head_rows[-1] = True
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "svg", "head", "caption"):
            self._skip -= 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None
        elif tag == "thead":
            self._in_thead = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(_squash("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _outline(html_text: str) -> _Outline:
    parser = _Outline()
    parser.feed(html_text)
    return parser


def _word_headings(document: WordDocument) -> list[tuple[str, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and (p.style.name == "Title" or p.style.name.startswith("Heading "))
    ]


def _grid_tables(document: WordDocument) -> list[docx.table.Table]:
    """The tables made from HTML tables (the signatures' table has no borders and no style)."""
    return [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]


@pytest.mark.parametrize(("path", "document"), CASES)
def test_every_heading_and_table_of_the_html_reaches_word(path: Path, document: str) -> None:
    html_docs = _render(path, document, "html")
    word_docs = _render(path, document, "docx")
    assert [d.name.removesuffix(".html") for d in html_docs] == [d.name.removesuffix(".docx") for d in word_docs]
    for html_doc, word_doc in zip(html_docs, word_docs, strict=True):
        outline = _outline(html_doc.text)
        word = _open(word_doc.data)
        headings = _word_headings(word)
        assert [text for _, text in headings] == outline.headings
        levels = {"Title"} | {f"Heading {n}" for n in range(1, 6)}
        assert {style for style, _ in headings} <= levels
        if outline.headings:
            assert headings[0][0] in ("Title", "Heading 1")
        tables = _grid_tables(word)
        assert len(tables) == len(outline.tables)
        for table, expected, head in zip(tables, outline.tables, outline.head_rows, strict=True):
            cells = [[_squash(cell.text) for cell in row.cells] for row in table.rows]
            assert cells == expected
            repeats = [
                row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in table.rows
            ]
            assert repeats[0] == head
            assert not any(repeats[1:]) or head
            assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)  # no row splits


def test_the_bundled_documents_have_tables_with_repeating_headers() -> None:
    """The comparison above is not empty: the follow-up report has tables, each with a header row."""
    word = _open(_render(AGREEMENTS / "umea" / "umea-2021.yaml", "follow-up-report", "docx")[0].data)
    tables = _grid_tables(word)
    assert tables
    for table in tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_signatures_lists_and_language() -> None:
    word = _open(_render(UMEA, "agreement", "docx")[0].data)
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Umeå 9 februari 2021" in text
    signatures = [t for t in word.tables if t.style is None or t.style.name != "Table Grid"]
    assert len(signatures) == 1
    names = [c.text for row in signatures[0].rows for c in row.cells]
    assert any("Hans Lindberg" in n for n in names)
    assert any(p.style.name == "List Bullet" for p in word.paragraphs if p.style is not None)
    assert word.core_properties.language == "sv-SE"
    assert word.core_properties.title
    styles = word.styles.element.xml
    assert 'w:val="sv-SE"' in styles
    assert word.core_properties.created == dt.datetime(2022, 5, 1, tzinfo=dt.UTC)


def test_same_bytes_twice_and_fixed_zip_dates() -> None:
    first = _render(EXEMPELBY, "agreement", "docx")[0].data
    second = _render(EXEMPELBY, "agreement", "docx")[0].data
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2022, 5, 1, 0, 0, 0)}


def _reference(folder: Path, *, drop_styles: tuple[str, ...] = ()) -> Path:
    """A municipality's Word document: wide margins, a letterhead in the header, and a body that
    must not come along; ``drop_styles`` are taken out of its styles."""
    reference = docx.Document()
    section = reference.sections[0]
    section.left_margin = Cm(3.5)
    section.top_margin = Cm(4)
    section.header.paragraphs[0].text = HEADER_TEXT
    reference.add_paragraph("Brödtext i mallen som inte ska med")
    for name in drop_styles:
        element = reference.styles[name].element
        element.getparent().remove(element)
    path = folder / "mall.docx"
    reference.save(str(path))
    return path


def test_reference_docx_gives_page_header_and_styles(tmp_path: Path) -> None:
    reference = _reference(tmp_path)
    word = _open(_render(UMEA, "agreement", "docx", reference)[0].data)
    section, original = word.sections[0], docx.Document(str(reference)).sections[0]
    assert section.left_margin == original.left_margin and section.top_margin == original.top_margin
    assert abs(section.left_margin - Cm(3.5)) < Cm(0.01)
    assert section.header.paragraphs[0].text == HEADER_TEXT
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Brödtext i mallen" not in text
    assert "Samverkansöverenskommelse" in text


def test_styles_missing_from_the_reference_are_added(tmp_path: Path) -> None:
    reference = _reference(tmp_path, drop_styles=("Heading 2", "List Bullet", "List Number", "Table Grid"))
    html_text = _render(EXEMPELBY, "memo", "html")[0].text
    word = _open(_render(EXEMPELBY, "memo", "docx", reference)[0].data)
    assert [t for _, t in _word_headings(word)] == _outline(html_text).headings
    listed = [p for p in word.paragraphs if p.style is not None and p.style.name == "List Number"]
    assert listed and listed[0].text.startswith("1. ")
    assert word.tables or "<table" not in html_text


def _app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    app.command("render")(render)

    @app.callback()
    def _root() -> None:
        """samverkan"""

    return app


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(_app(), list(args))


def test_cli_writes_a_folder_or_one_file(tmp_path: Path) -> None:
    result = _invoke(
        "render", str(AGREEMENTS), "--format", "docx", "--out", str(tmp_path / "dok"), "--as-of", "2022-05-01"
    )
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "dok").iterdir())
    assert "umea-2021.agreement.docx" in names and all(n.endswith(".docx") for n in names)
    one = tmp_path / "umea.docx"
    result = _invoke("render", str(UMEA), "-f", "docx", "--out", str(one), "--as-of", "2022-05-01")
    assert result.exit_code == 0, result.output
    assert one.read_bytes() == (tmp_path / "dok" / "umea-2021.agreement.docx").read_bytes()


def test_cli_will_not_write_word_without_out() -> None:
    result = _invoke("render", str(UMEA), "--format", "docx")
    assert result.exit_code == 2
    assert "--out" in result.output


@pytest.mark.parametrize("kind", ["missing", "not-docx", "folder"])
def test_cli_bad_reference_is_one_line_and_exit_1(tmp_path: Path, kind: str) -> None:
    reference = tmp_path / "mall.docx"
    if kind == "not-docx":
        reference.write_text("inte ett Word-dokument\n", encoding="utf-8")
    elif kind == "folder":
        reference.mkdir()
    result = _invoke("render", str(UMEA), "-f", "docx", "-o", str(tmp_path / "ut"), "--reference-docx", str(reference))
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("samverkan: --reference-docx: ") and "mall.docx" in lines[0]
    assert "Traceback" not in result.output


def test_reference_docx_from_the_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _reference(tmp_path)
    (tmp_path / "samverkan.toml").write_text('reference_docx = "mall.docx"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = _invoke("render", str(UMEA), "-f", "docx", "-o", "ut.docx", "--as-of", "2022-05-01")
    assert result.exit_code == 0, result.output
    assert _open((tmp_path / "ut.docx").read_bytes()).sections[0].header.paragraphs[0].text == HEADER_TEXT


def test_libreoffice_opens_the_docx(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice and pdftotext must be installed under CI (libreoffice-writer-nogui, poppler-utils)")
        pytest.skip("soffice (LibreOffice) or pdftotext not installed")
    source = tmp_path / "umea.docx"
    source.write_bytes(_render(UMEA, "agreement", "docx")[0].data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "umea.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Samverkansöverenskommelse" in text
    assert "Hans Lindberg" in text

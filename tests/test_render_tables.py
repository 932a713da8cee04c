"""Tables in a document's own sections (``sections[].tables``): their shape is checked with a
message that says which row is wrong; they render after the section's text and before its
figures, as GitHub tables in Markdown, as ``<table>`` in HTML (a ``<thead>`` only with header
cells, in the box that scrolls sideways) and as Word tables (the header row repeated). The
Uppsala 2014 action plan renders its own sections, with its tables in the source's shape."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from markdown_it import MarkdownIt

from samverkan.diagnostics import Diagnostic
from samverkan.i18n import language
from samverkan.model import DocumentRoot, Section, Table
from samverkan.render import RenderRequest, render_documents
from samverkan.source import read_source
from test_render_fidelity import in_order, normalise, pieces

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "render" / "exempelby"
UPPSALA = ROOT / "agreements" / "uppsala"
PLAN_2014 = UPPSALA / "uppsala-2014-handlingsplan.yaml"
AGREEMENT_2014 = UPPSALA / "uppsala-2014.yaml"
AS_OF = dt.date(2022, 5, 1)

OWN_SECTIONS = """sections:
  - heading: Insatser
    text: Stycket före tabellerna.
    tables:
      - columns: [Aktivitet, "Syfte | mål", Ansvarig]
        rows:
          - [Trygghetsvandring, "<b>fler</b> *vuxna*", "Polisen:\\nKommunen:"]
          - ["", "", ""]
      - rows:
          - [Januari – april]
          - [Maj – augusti]
    figures:
      - caption: Figurtext efter tabellerna.
"""
"""A headed table (a ``|``, markup and a cell of two lines in it, and an empty row) and a
headerless one, between a paragraph and a figure."""

TERTIALS = ["Januari – april", "Maj – augusti", "September - december"]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the Exempelby files whose centrum action plan gives :data:`OWN_SECTIONS`."""
    for other in FIXTURES.glob("*.yaml"):
        (tmp_path / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "exempelby-2022-centrum.yaml"
    path.write_text(path.read_text(encoding="utf-8") + OWN_SECTIONS, encoding="utf-8")
    return path


def _render(path: Path, fmt: str, document: str | None = None) -> tuple[str, bytes | None]:
    result = render_documents(RenderRequest((path,), AS_OF, fmt, document))
    assert not result.problems, result.problems
    [doc] = result.documents
    return doc.text, doc.binary


def _tables(html_text: str) -> list[str]:
    return re.findall(r"<table.*?</table>", html_text, flags=re.DOTALL)


# The shape --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"columns": ["A", "B"], "rows": [["1", "2"], ["3"]]},
            "row 2 has 1 cell, but the table has 2 columns ('A', 'B'): "
            'give every row one cell per column (an empty cell is "")',
        ),
        ({"columns": ["A"], "rows": [["1", ""]]}, "row 1 has 2 cells, but the table has 1 column ('A')"),
        ({"rows": [["1"], ["2", "3"]]}, "row 2 has 2 cells, but row 1 has 1: give every row as many cells"),
        ({}, "a table gives its rows, its columns (header cells) or both"),
        ({"columns": ["", " "], "rows": [["1", "2"]]}, "leave out 'columns' for a table without a header row"),
    ],
)
def test_a_table_s_shape_is_checked(table: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Table.model_validate(table)


def test_a_headed_and_a_headerless_table_are_valid() -> None:
    assert Table.model_validate({"columns": ["A", "B"], "rows": [["", "x\ny"]]}).rows == [["", "x\ny"]]
    assert Table.model_validate({"rows": [["x"], [""]]}).columns is None
    assert Table.model_validate({"columns": ["A", "B"]}).rows == []


def test_a_wrong_row_is_a_located_error(
    plan: Path, loader_diagnostics: Callable[[Sequence[Path]], list[Diagnostic]]
) -> None:
    text = plan.read_text(encoding="utf-8").replace('          - ["", "", ""]\n', '          - ["", ""]\n')
    plan.write_text(text, encoding="utf-8")
    [found] = loader_diagnostics([plan])
    assert found.message.english() == (
        "sections[0].tables[0]: row 2 has 2 cells, but the table has 3 columns ('Aktivitet', 'Syfte | mål', "
        "'Ansvarig'): "
        'give every row one cell per column (an empty cell is "")'
    )
    with language("sv"):
        assert found.message.translate() == (
            "sections[0].tables[0]: rad 2 har 2 celler, men tabellen har 3 kolumner ('Aktivitet', 'Syfte | mål', "
            "'Ansvarig'): "
            'ge varje rad en cell per kolumn (en tom cell är "")'
        )
    assert text.splitlines()[found.span.line - 1].strip() == '- columns: [Aktivitet, "Syfte | mål", Ansvarig]'


# Rendered ---------------------------------------------------------------------------------


def test_markdown_tables(plan: Path) -> None:
    text, _ = _render(plan, "md", "action-plan")
    headed = (
        "| Aktivitet | Syfte \\| mål | Ansvarig |\n"
        "| --- | --- | --- |\n"
        "| Trygghetsvandring | \\<b\\>fler\\</b\\> \\*vuxna\\* | Polisen:<br>Kommunen: |\n"
        "|  |  |  |\n"
    )
    headerless = "|  |\n| --- |\n| Januari – april |\n| Maj – augusti |\n"
    assert headed + "\n" + headerless in text, text
    assert text.index("Stycket före tabellerna.") < text.index(headed) < text.index("*Figurtext efter tabellerna.*")
    page = MarkdownIt("commonmark").enable("table").render(text)
    tables = _tables(page)
    assert len(tables) == 2
    assert "<th>Syfte | mål</th>" in tables[0]
    assert "<td>&lt;b&gt;fler&lt;/b&gt; *vuxna*</td>" in tables[0]  # markup in a cell stays text
    assert "<td>Polisen:<br>Kommunen:</td>" in tables[0]
    assert "<th></th>" in tables[1] and "<td>Maj – augusti</td>" in tables[1]  # an empty header row


def test_html_tables(plan: Path) -> None:
    text, _ = _render(plan, "html", "action-plan")
    headed, headerless = _tables(text)
    assert headed.startswith('<table class="section-table">\n<thead>\n<tr><th scope="col">Aktivitet</th>')
    assert '<th scope="col">Syfte | mål</th>' in headed
    assert "<td>&lt;b&gt;fler&lt;/b&gt; *vuxna*</td><td>Polisen:<br>Kommunen:</td>" in headed
    assert "<tr><td></td><td></td><td></td></tr>" in headed
    assert "<thead>" not in headerless and "<th" not in headerless
    assert "<tbody>\n<tr><td>Januari – april</td></tr>\n<tr><td>Maj – augusti</td></tr>\n</tbody>" in headerless
    # Each in the box that scrolls sideways (the page reflows at 320 px), named for a screen reader.
    assert f'<div class="table-scroll" role="region" aria-label="Tabell 1: Insatser" tabindex="0">\n{headed}' in text
    assert (
        f'<div class="table-scroll" role="region" aria-label="Tabell 2: Insatser" tabindex="0">\n{headerless}' in text
    )
    assert text.index("<p>Stycket före tabellerna.</p>") < text.index(headed) < text.index("<figcaption>")


def test_word_tables(plan: Path) -> None:
    _, data = _render(plan, "docx", "action-plan")
    assert data is not None
    document = docx.Document(io.BytesIO(data))
    headed, headerless = document.tables
    assert [[c.text for c in row.cells] for row in headed.rows] == [
        ["Aktivitet", "Syfte | mål", "Ansvarig"],
        ["Trygghetsvandring", "<b>fler</b> *vuxna*", "Polisen:\nKommunen:"],
        ["", "", ""],
    ]
    assert [[c.text for c in row.cells] for row in headerless.rows] == [["Januari – april"], ["Maj – augusti"]]
    repeated = [row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in headed.rows]
    assert repeated == [True, False, False]  # the header row repeats on every page
    assert not any(
        row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None for row in headerless.rows
    )
    assert headed.style is not None and headed.style.name == "Table Grid"
    assert headerless.style is not None and headerless.style.name == "Table Grid"
    assert all(run.bold for run in headed.rows[0].cells[0].paragraphs[0].runs)


# The Uppsala 2014 action plan -----------------------------------------------------------------


def _plan_sections() -> list[Section]:
    root: Any = DocumentRoot.model_validate(read_source(PLAN_2014).located.data).root  # type: ignore[union-attr]
    return list(root.sections)


def test_the_2014_plan_s_tables_are_the_source_s() -> None:
    sections = _plan_sections()
    tables = [t for s in sections for t in s.tables]
    headed = [t for t in tables if t.columns]
    assert [t.columns for t in headed] == [["Aktivitet/Insats", "Syfte", "Ansvarig"]] * 3
    assert [[row[2] for row in t.rows] for t in headed] == [
        ["Polisen:\nKommunen:\nGemensamt:"] * 3 + ["", ""],
        ["Polisen:\n\nKommunen:\n\nGemensamt:"] * 3 + ["", ""],
        ["Polisen:", "Kommunen:", "Gemensamt:", "", ""],
    ]
    assert all(row[:2] == ["", ""] for t in headed for row in t.rows)
    follow_ups = [t for t in tables if not t.columns]
    assert [t.rows for t in follow_ups] == [[[m] for m in TERTIALS]] * 3


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("where", ["standalone", "annex"])
def test_the_2014_plan_renders_its_own_tertial_tables(fmt: str, where: str) -> None:
    """One column of tertials under each focus area, as in the source: no "Senast" column, no
    year, no generated "Mätning" list; standalone and as Bilaga 1 of the agreement."""
    path, document = (PLAN_2014, "action-plan") if where == "standalone" else (AGREEMENT_2014, "agreement")
    text, _ = _render(path, fmt, document)
    assert "Senast" not in text and "Mätning" not in text
    if fmt == "md":
        rows = [line for line in text.splitlines() if line.startswith("|")]
        tertials = "|  |\n| --- |\n" + "".join(f"| {m} |\n" for m in TERTIALS)
    else:
        rows = _tables(text)
        tertials = "<tbody>\n" + "".join(f"<tr><td>{m}</td></tr>\n" for m in TERTIALS) + "</tbody>"
    assert text.count(tertials) == 3, text
    assert not [row for row in rows if re.search(r"\b(19|20)\d\d\b", row)]  # no year in any table


def test_the_2014_plan_is_bilaga_1_of_the_agreement_in_the_source_s_order() -> None:
    text, _ = _render(AGREEMENT_2014, "md", "agreement")
    annex = text[text.index("**Bilaga 1**") :]
    assert annex.startswith("**Bilaga 1**\n\n## Handlingsplan 2014-\n\nSamverkan mellan Uppsala kommun")
    # The plan's headings one level under its title, which is one under the agreement's.
    assert "\n### Främjande och trygghetsskapande arbete\n" in annex and "\n#### Uppföljning\n" in annex
    assert in_order(pieces(_plan_sections()), normalise(annex)) == []
    html_text, _ = _render(AGREEMENT_2014, "html", "agreement")
    annex = html_text[html_text.index('<section class="annex"') :]
    assert "<h3>Övrigt - kommande behovsområden.</h3>" in annex and "<h4>Förväntad effekt</h4>" in annex
    labels = re.findall(r'aria-label="(Tabell[^"]*)"', annex)
    assert len(labels) == 6 and len(set(labels)) == 6, labels  # one name each, for a screen reader

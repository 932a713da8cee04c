"""Word documents from the rendered HTML: ``render --format docx``.

The HTML document (the same templates, so a user's overrides reach Word too) is read with the
standard library's :mod:`html.parser` into a small tree and written with python-docx:

======================  ==================================================================
HTML                    Word
======================  ==================================================================
``h1`` … ``h6``         the styles Title, Heading 1 … Heading 5
``p``, ``div`` text     Normal paragraphs (``p.subtitle``: Subtitle; ``figcaption``,
                        ``caption`` and an SVG's ``title``/``desc``: Caption)
``ul`` / ``ol``         List Bullet / List Number (… 2, … 3 when nested); each ``ol``
                        starts again at 1
``table``               a Word table; the ``thead`` rows (or a first row of ``th``) repeat
                        on every page (``w:tblHeader``); no row splits across pages
                        (``w:cantSplit``); ``colspan`` merges cells
``em``/``strong``/…     italic, bold, superscript, subscript runs; ``br`` a line break
``a``                   its text, then the address in brackets (not for ``#`` anchors)
``blockquote``/aside    Quote
``dl``                  each ``dt`` bold, each ``dd`` indented below it
``div.signatures``      a table without borders, two signatures a row, a line to sign on
``section.annex``       starts on a new page
======================  ==================================================================

``style``, ``script``, ``head``, elements with ``hidden``, ``aria-hidden="true"`` or
``display: none``, and a footnote's back link are left out. Footnotes stay what the HTML makes
them (python-docx has no footnotes): a superscript number in the text and a numbered list of
notes where the HTML puts it.

A reference document (``--reference-docx``) is opened as the base: its body is cleared and its
styles, page setup, headers, footers and letterhead stay. A style it lacks is copied from
python-docx's default template. The bytes depend only on the HTML, the reference and the date
given: the document's dates are that day, and the zip entries carry it too.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from .types import ReferenceProblem

LANGUAGE = "sv-SE"
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
_SKIP = frozenset({"head", "style", "script", "template", "noscript", "button", "input", "select", "textarea"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "svg", "table", "ul",
    }
)  # fmt: skip
_HEADINGS = {
    "h1": "Title",
    "h2": "Heading 1",
    "h3": "Heading 2",
    "h4": "Heading 3",
    "h5": "Heading 4",
    "h6": "Heading 5",
}


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[_Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return " ".join("".join(_texts(self)).split())


def _texts(node: _Node) -> Iterator[str]:
    for child in node.children:
        if isinstance(child, str):
            yield child
        elif not _hidden(child):
            yield from _texts(child)


def _hidden(node: _Node) -> bool:
    style = node.attrs.get("style", "").replace(" ", "").lower()
    return (
        node.tag in _SKIP
        or "hidden" in node.attrs
        or node.attrs.get("aria-hidden") == "true"
        or "display:none" in style
        or node.attrs.get("role") == "doc-backlink"
        or "footnote-backref" in node.classes
    )


class _TreeBuilder(HTMLParser):
    """The HTML as a tree of :class:`_Node`; an end tag closes up to its element, stray ones are ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> _Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _find(node: _Node, tag: str) -> _Node | None:
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                return child
            found = _find(child, tag)
            if found is not None:
                return found
    return None


# --- the reference document ---------------------------------------------------------------


def load_reference(path: Path) -> bytes:
    """The bytes of a usable reference document, or :class:`ReferenceProblem` saying why not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReferenceProblem(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ReferenceProblem(f"{path}: is a folder, not a .docx file") from None
    except OSError as exc:
        raise ReferenceProblem(f"{path}: cannot read: {exc.strerror}") from None
    _open(data, path)
    return data


def _open(data: bytes | None, where: Path | str = "reference") -> WordDocument:
    if data is None:
        return docx.Document()
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile):
        raise ReferenceProblem(f"{where}: not a Word document (.docx)") from None
    except (ValueError, KeyError, SyntaxError) as exc:  # a wrong content type, a missing part, bad XML
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReferenceProblem(f"{where}: not a usable Word document (.docx): {message}") from None


_DEFAULT_STYLES: Any = None


def _ensure_style(document: WordDocument, name: str) -> bool:
    """Make sure ``name`` is one of the document's styles, copying it (and the styles it is based
    on) from python-docx's default template if need be. ``False``: it has a list numbering that
    cannot come along (the caller numbers the items itself)."""
    global _DEFAULT_STYLES
    styles = document.styles
    if name in [s.name for s in styles]:
        return True
    if _DEFAULT_STYLES is None:
        _DEFAULT_STYLES = docx.Document().styles
    try:
        source = _DEFAULT_STYLES[name]
    except KeyError:
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        return True
    based_on = source.base_style
    if based_on is not None:
        _ensure_style(document, based_on.name)
    element = copy.deepcopy(source.element)
    numbered = element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if numbered is not None:
        numbered.getparent().remove(numbered)
    styles.element.append(element)
    return numbered is None


def _set_language(document: WordDocument) -> None:
    """Swedish (sv-SE) as the language of the document defaults and of the core properties."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        r_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), LANGUAGE)
    document.core_properties.language = LANGUAGE


# --- writing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Format:
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    subscript: bool = False
    style: str = "Normal"
    indent: bool = False
    caps: bool = False


class _Writer:
    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.paragraph: Paragraph | None = None
        self.page_break = False
        self.numbered_ok: dict[str, bool] = {}
        self.list_counters: list[int] = []

    # paragraphs -----------------------------------------------------------------------------

    def style(self, name: str) -> tuple[str, bool]:
        if name not in self.numbered_ok:
            self.numbered_ok[name] = _ensure_style(self.document, name)
        return name, self.numbered_ok[name]

    def new_paragraph(self, container: Any, fmt: _Format) -> Paragraph:
        style, _ = self.style(fmt.style)
        para: Paragraph
        first = container.paragraphs[0] if isinstance(container, _Cell) and len(container.paragraphs) == 1 else None
        if first is not None and not first.runs and first._p.pPr is None:  # a new cell's own paragraph
            para = first
            para.style = style
        else:
            para = container.add_paragraph(style=style)
        if fmt.indent:
            para.paragraph_format.left_indent = Pt(18)
        if self.page_break:
            para.paragraph_format.page_break_before = True
            self.page_break = False
        return para

    def end_paragraph(self) -> None:
        if self.paragraph is not None and self.paragraph.runs:
            last = self.paragraph.runs[-1]
            if last.text.endswith(" "):
                last.text = last.text.rstrip(" ")
        self.paragraph = None

    def text(self, container: Any, text: str, fmt: _Format) -> None:
        text = re.sub(r"\s+", " ", text)
        if self.paragraph is None:
            text = text.lstrip(" ")
            if not text:
                return
            self.paragraph = self.new_paragraph(container, fmt)
        elif not self.paragraph.text or self.paragraph.text.endswith((" ", "\n")):
            text = text.lstrip(" ")
        if not text:
            return
        run = self.paragraph.add_run(text)
        run.bold = fmt.bold or None
        run.italic = fmt.italic or None
        if fmt.superscript:
            run.font.superscript = True
        if fmt.subscript:
            run.font.subscript = True
        if fmt.caps:
            run.font.all_caps = True

    def line_break(self, container: Any, fmt: _Format) -> None:
        if self.paragraph is None:
            self.paragraph = self.new_paragraph(container, fmt)
        elif self.paragraph.runs and self.paragraph.runs[-1].text.endswith(" "):
            self.paragraph.runs[-1].text = self.paragraph.runs[-1].text.rstrip(" ")
        self.paragraph.add_run().add_break()

    # blocks ---------------------------------------------------------------------------------

    def blocks(self, node: _Node, container: Any, fmt: _Format) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.text(container, child, fmt)
            elif _hidden(child):
                continue
            elif child.tag in _BLOCK:
                self.end_paragraph()
                self.block(child, container, fmt)
                self.end_paragraph()
            else:
                self.inline(child, container, fmt)

    def block(self, node: _Node, container: Any, fmt: _Format) -> None:
        tag, classes = node.tag, node.classes
        if tag in _HEADINGS:
            self.blocks(node, container, _Format(style=_HEADINGS[tag]))
        elif tag in ("ul", "ol"):
            self.list(node, container, fmt, ordered=tag == "ol")
        elif tag == "table":
            self.table(node, container)
        elif tag == "svg":
            for part in ("title", "desc"):
                found = next((c for c in node.children if isinstance(c, _Node) and c.tag == part), None)
                if found is not None and found.text():
                    self.text(container, found.text(), _Format(style="Caption"))
                    self.end_paragraph()
        elif tag in ("figcaption", "caption"):
            self.blocks(node, container, _Format(style="Caption"))
        elif tag in ("blockquote", "aside"):
            self.blocks(node, container, _Format(style="Quote", bold=fmt.bold, italic=fmt.italic))
        elif tag == "dt":
            self.blocks(node, container, _Format(bold=True, style=fmt.style))
        elif tag == "dd":
            self.blocks(node, container, _Format(indent=True, style=fmt.style))
        elif tag == "div" and "signatures" in classes:
            self.signatures(node, container)
        elif tag == "div" and "line" in classes:
            self.signature_line(container)
        elif tag == "p" and "subtitle" in classes:
            self.blocks(node, container, _Format(style="Subtitle"))
        elif tag == "p" and "kicker" in classes:
            self.blocks(node, container, _Format(style=fmt.style, caps=True))
        elif tag == "section" and "annex" in classes:
            self.page_break = True
            self.blocks(node, container, fmt)
        elif tag == "hr":
            return
        else:
            self.blocks(node, container, fmt)

    def inline(self, node: _Node, container: Any, fmt: _Format) -> None:
        tag = node.tag
        if tag == "br":
            self.line_break(container, fmt)
            return
        if tag in ("strong", "b", "th"):
            fmt = replace(fmt, bold=True)
        elif tag in ("em", "i", "cite", "dfn"):
            fmt = replace(fmt, italic=True)
        elif tag == "sup":
            fmt = replace(fmt, superscript=True)
        elif tag == "sub":
            fmt = replace(fmt, subscript=True)
        if tag == "span" and "detail" in node.classes and self.paragraph is not None and self.paragraph.text:
            self.line_break(container, fmt)  # display: block in the stylesheet
        if tag == "img":
            alt = node.attrs.get("alt", "")
            if alt:
                self.text(container, alt, fmt)
            return
        self.blocks(node, container, fmt)
        if tag == "a":
            href = node.attrs.get("href", "").strip()
            address = href.removeprefix("mailto:")
            if href and not href.startswith("#") and address != node.text():
                self.text(container, f" ({address})", fmt)

    def list(self, node: _Node, container: Any, fmt: _Format, *, ordered: bool) -> None:
        depth = min(len(self.list_counters) + 1, 3)
        base = "List Number" if ordered else "List Bullet"
        style, numbered = self.style(base if depth == 1 else f"{base} {depth}")
        num_id = self.restart_numbering(style) if ordered and numbered else None
        self.list_counters.append(0)
        for item in node.children:
            if not isinstance(item, _Node) or _hidden(item):
                continue
            if item.tag != "li":
                self.blocks(_Node("div", children=[item]), container, fmt)
                continue
            self.list_counters[-1] += 1
            self.end_paragraph()
            self.paragraph = self.new_paragraph(container, _Format(style=style))
            if num_id is not None:
                num_pr = self.paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = num_id
            if not numbered:
                self.paragraph.add_run(f"{self.list_counters[-1]}. " if ordered else "• ")
            self.blocks(item, container, _Format(bold=fmt.bold, italic=fmt.italic, style=style))
            self.end_paragraph()
        self.list_counters.pop()

    def restart_numbering(self, style: str) -> int | None:
        """A new Word list that counts from 1, using the numbering of ``style``."""
        num_pr = self.document.styles[style].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_id is None:
            return None
        numbering = self.document.part.numbering_part.element
        current = next((n for n in numbering.num_lst if n.numId == int(num_id.get(qn("w:val")))), None)
        if current is None:
            return None
        new = numbering.add_num(current.abstractNumId.val)
        new.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(new.numId)

    def table(self, node: _Node, container: Any) -> None:
        caption = next((c for c in node.children if isinstance(c, _Node) and c.tag == "caption"), None)
        if caption is not None and not _hidden(caption):
            self.block(caption, container, _Format())
            self.end_paragraph()
        rows: list[tuple[_Node, bool]] = []
        for child in node.children:
            if not isinstance(child, _Node):
                continue
            if child.tag == "tr":
                rows.append((child, False))
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend((r, child.tag == "thead") for r in child.children if isinstance(r, _Node) and r.tag == "tr")
        if not rows:
            return
        if not any(head for _, head in rows):
            first = [c for c in rows[0][0].children if isinstance(c, _Node) and c.tag in ("td", "th")]
            if first and all(c.tag == "th" for c in first):
                rows[0] = (rows[0][0], True)
        cells_of = [[c for c in r.children if isinstance(c, _Node) and c.tag in ("td", "th")] for r, _ in rows]
        width = max((sum(_span(c) for c in cells) for cells in cells_of), default=0)
        if width == 0:
            return
        if self.page_break:
            self.new_paragraph(container, _Format())
        table = container.add_table(rows=len(rows), cols=width)
        self.table_look(table)
        for (_, head), cells, row in zip(rows, cells_of, table.rows, strict=True):
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays on one page, as in print
            if head:
                row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
            column = 0
            for cell_node in cells:
                span = _span(cell_node)
                cell = row.cells[column]
                if span > 1 and column + span <= width:
                    cell = cell.merge(row.cells[column + span - 1])
                cell_fmt = _Format(bold=cell_node.tag == "th" or head)
                self.blocks(cell_node, cell, cell_fmt)
                self.end_paragraph()
                column += span
        if caption is not None and caption.text():
            description = OxmlElement("w:tblCaption")
            description.set(qn("w:val"), caption.text())
            table._tbl.tblPr.append(description)

    def table_look(self, table: Any) -> None:
        if "Table Grid" in [s.name for s in self.document.styles]:
            table.style = "Table Grid"
            return
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "auto")
            borders.append(edge)
        table._tbl.tblPr.append(borders)

    def signatures(self, node: _Node, container: Any) -> None:
        """The signatures side by side, two a row, in a table without borders."""
        items = [c for c in node.children if isinstance(c, _Node) and not _hidden(c)]
        if not items:
            return
        columns = 2 if len(items) > 1 else 1
        table = container.add_table(rows=(len(items) + columns - 1) // columns, cols=columns)
        for i, item in enumerate(items):
            cell = table.rows[i // columns].cells[i % columns]
            self.blocks(_Node("div", children=[item]), cell, _Format())
            self.end_paragraph()
            for para in cell.paragraphs:  # margin: 0 in the stylesheet
                para.paragraph_format.space_after = Pt(0)
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))

    def signature_line(self, container: Any) -> None:
        para = self.new_paragraph(container, _Format())
        para.paragraph_format.space_before = Pt(36)
        para.paragraph_format.keep_with_next = True
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        para._p.get_or_add_pPr().append(borders)


def _span(cell: _Node) -> int:
    try:
        return max(1, int(cell.attrs.get("colspan", "1")))
    except ValueError:
        return 1


def _clear_body(document: WordDocument) -> None:
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def html_to_docx(html_text: str, as_of: dt.date, reference: bytes | None = None) -> bytes:
    """The Word document of ``html_text``; its dates are ``as_of``; styles and page from ``reference``."""
    tree = parse_html(html_text)
    document = _open(reference)
    _clear_body(document)
    _set_language(document)
    title = _find(tree, "title")
    props = document.core_properties
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    props.title = title.text() if title is not None else ""
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.last_modified_by = "samverkan"
    if props.author in ("python-docx", ""):
        props.author = "samverkan"
    if props.comments == "generated by python-docx":
        props.comments = ""
    body = _find(tree, "body") or tree
    writer = _Writer(document)
    writer.blocks(body, document, _Format())
    writer.end_paragraph()
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), as_of)


def _fixed_zip(data: bytes, day: dt.date) -> bytes:
    """The same zip with every entry dated ``day`` (python-docx stamps the current time)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()


__all__ = ["LANGUAGE", "ReferenceProblem", "html_to_docx", "load_reference", "parse_html"]

"""A document's own sections (avsnitt): its headings and prose in its own order.

A document that gives ``sections`` is rendered with them, in their order and with their
headings; the generic headings (Parter, Syfte, Bakgrund …) are only the default for a document
that gives none. The structured fields stay beside them for ``due`` and ``status``.

In ``text`` paragraphs are separated by blank lines; a paragraph whose every line starts with
``- `` is a bulleted list, with ``1. `` a numbered one. ``[^1]`` marks where footnote ``1`` of
the section is referred to.

A section's ``tables`` come after its text and before its figures and footnotes, as in the
documents, where a table follows the prose that introduces it and a figure's caption or a
footnote closes the section. Text that follows a table in the source goes in the next section
(one without a heading continues the one before).
"""

import re
from typing import Annotated

from pydantic import Field, model_validator

from ..i18n import N_, Nn_
from .types import Invalid, StrictModel, Text, quote_value

FOOTNOTE_REF = re.compile(r"\[\^([0-9A-Za-z†‡]+)\]")
"""A footnote reference in a section's text: ``[^1]``."""


class Footnote(StrictModel):
    """A footnote (fotnot) as the document gives it."""

    mark: str = Field(
        pattern=r"^[0-9A-Za-z†‡]+$",
        description="Fotnotens tecken som i dokumentet, t.ex. '1'; i texten hänvisar [^1] till den.",
    )
    text: Text = Field(description="Fotnotens text i dokumentets ordalydelse.")


class Figure(StrictModel):
    """A figure (figur): an image file and its caption, or the caption alone."""

    caption: Text = Field(description="Figurtext i dokumentets ordalydelse.")
    file: Text | None = Field(
        default=None,
        description=(
            "Bildfil (sökväg eller adress); utelämnas när bilden inte finns till hands: då visas bara figurtexten."
        ),
    )
    alt: Text | None = Field(default=None, description="Alternativtext som beskriver bilden för den som inte ser den.")


Row = Annotated[list[str], Field(min_length=1)]
"""A table row: its cells' text in order; an empty cell is ``""``."""


class Table(StrictModel):
    """A table (tabell) as the document draws it: its header cells, if it has a header row, and
    its rows, cell by cell, empty cells included (a form still to be filled in). A cell's lines
    render as lines of the cell."""

    columns: list[str] | None = Field(
        default=None,
        min_length=1,
        description=(
            "Kolumnrubriker (tabellhuvud), en per kolumn, t.ex. [Aktivitet/Insats, Syfte, Ansvarig]; "
            "utelämnas för en tabell utan rubrikrad."
        ),
    )
    rows: list[Row] = Field(
        default_factory=list,
        description=(
            "Rader: var och en en lista med cellernas text i dokumentets ordalydelse, lika många "
            'celler i varje rad (en per kolumn när kolumnrubriker ges). En tom cell skrivs ""; '
            'radbrytningar i en cell visas som radbrytningar, t.ex. "Polisen:\\nKommunen:".'
        ),
    )

    @model_validator(mode="after")
    def _shape(self) -> "Table":
        """Every row has one cell per column (as many as the first row, without columns)."""
        if self.columns is None and not self.rows:
            raise Invalid(N_("a table gives its rows, its columns (header cells) or both"))
        if self.columns is not None and not any(c.strip() for c in self.columns):
            raise Invalid(
                N_("the table's header cells are all empty: leave out 'columns' for a table without a header row")
            )
        width = len(self.columns) if self.columns is not None else len(self.rows[0])
        for number, row in enumerate(self.rows, start=1):
            if len(row) == width:
                continue
            cells = Nn_("{n} cell", "{n} cells", len(row))
            if self.columns is not None:
                heads = ", ".join(quote_value(" ".join(c.split())) for c in self.columns)
                raise Invalid(
                    N_(
                        "row {number} has {cells}, but the table has {columns} ({heads}): "
                        'give every row one cell per column (an empty cell is "")',
                        number=number,
                        cells=cells,
                        columns=Nn_("{n} column", "{n} columns", width),
                        heads=heads,
                    )
                )
            raise Invalid(
                N_(
                    "row {number} has {cells}, but row 1 has {width}: "
                    'give every row as many cells (an empty cell is "")',
                    number=number,
                    cells=cells,
                    width=width,
                )
            )
        return self


class Section(StrictModel):
    """One of the document's own sections: its heading and prose, tables, figures and footnotes."""

    heading: Text | None = Field(
        default=None, description="Rubrik som i dokumentet; utelämnas för inledande text utan rubrik."
    )
    level: int = Field(default=2, ge=2, le=6, description="Rubriknivå: 2 för huvudrubrik, 3 för underrubrik osv.")
    text: Text | None = Field(
        default=None,
        description=(
            "Avsnittets text i dokumentets ordalydelse; stycken skiljs åt av en tom rad. Ett stycke "
            "där varje rad börjar med '- ' är en punktlista, med '1. ' en numrerad lista; [^1] "
            "hänvisar till fotnot 1."
        ),
    )
    tables: list[Table] = Field(
        default_factory=list,
        description=(
            "Tabeller i avsnittet, i ordning: de visas efter texten och före figurerna och fotnoterna. "
            "Text som står efter en tabell i dokumentet skrivs i nästa avsnitt, utan rubrik om det "
            "fortsätter samma avsnitt."
        ),
    )
    footnotes: list[Footnote] = Field(
        default_factory=list,
        description=(
            "Fotnoter som dokumentet skriver ut efter detta avsnitt (t.ex. vid sidans fot), i ordning; "
            "hänvisningen [^1] kan stå i ett tidigare avsnitt."
        ),
    )
    figures: list[Figure] = Field(default_factory=list, description="Avsnittets figurer, efter texten och tabellerna.")


def check_sections(sections: list[Section]) -> None:
    """Footnote marks are unique within the document (they name the notes in Markdown and HTML),
    and every reference ``[^1]`` has its note in one of the document's sections."""
    marks = [f.mark for s in sections for f in s.footnotes]
    repeated = sorted({m for m in marks if marks.count(m) > 1})
    if repeated:
        raise Invalid(N_("footnote mark '{mark}' is used by more than one section", mark=repeated[0]))
    used = {m for s in sections for m in FOOTNOTE_REF.findall(s.text or "")}
    unknown = sorted(used - set(marks))
    if unknown:
        raise Invalid(N_("the text refers to footnote [^{mark}], which no section gives", mark=unknown[0]))

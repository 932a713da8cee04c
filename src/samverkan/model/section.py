"""A document's own sections (avsnitt): its headings and prose in its own order.

A document that gives ``sections`` is rendered with them, in their order and with their
headings; the generic headings (Parter, Syfte, Bakgrund …) are only the default for a document
that gives none. The structured fields stay beside them for ``due`` and ``status``.

In ``text`` paragraphs are separated by blank lines; a paragraph whose every line starts with
``- `` is a bulleted list, with ``1. `` a numbered one. ``[^1]`` marks where footnote ``1`` of
the section is referred to.
"""

from __future__ import annotations

import re

from pydantic import Field

from .types import StrictModel, Text

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


class Section(StrictModel):
    """One of the document's own sections: its heading and prose, footnotes and figures."""

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
    footnotes: list[Footnote] = Field(
        default_factory=list,
        description=(
            "Fotnoter som dokumentet skriver ut efter detta avsnitt (t.ex. vid sidans fot), i ordning; "
            "hänvisningen [^1] kan stå i ett tidigare avsnitt."
        ),
    )
    figures: list[Figure] = Field(default_factory=list, description="Avsnittets figurer, efter texten.")


def check_sections(sections: list[Section]) -> None:
    """Footnote marks are unique within the document (they name the notes in Markdown and HTML),
    and every reference ``[^1]`` has its note in one of the document's sections."""
    marks = [f.mark for s in sections for f in s.footnotes]
    repeated = sorted({m for m in marks if marks.count(m) > 1})
    if repeated:
        raise ValueError(f"footnote mark '{repeated[0]}' is used by more than one section")
    used = {m for s in sections for m in FOOTNOTE_REF.findall(s.text or "")}
    unknown = sorted(used - set(marks))
    if unknown:
        raise ValueError(f"the text refers to footnote [^{unknown[0]}], which no section gives")

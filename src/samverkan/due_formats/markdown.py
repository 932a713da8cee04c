"""``due --format markdown``: a heading, a pipe table (GitHub-flavoured CommonMark) and the
summary, for an issue, a pull-request comment or a wiki page.

Text from the YAML is escaped with backslashes wherever it could change the table or become
markup: ``|`` would end the cell; ``\\ ` * _ [ ] < > ~ &`` would start escapes, code, emphasis,
links, HTML, strikethrough or entities. Line breaks become spaces (a cell is one line).
"""

from __future__ import annotations

import re
from typing import TextIO

from ..api import DueResult
from ..i18n import _
from ..obligations import Obligation
from . import FormatOptions
from ._common import one_line, state_label, summary, what, when


def headers() -> tuple[str, ...]:
    """Due, State, When, Agreement, What, Responsible, Source: in the current language."""
    return (_("Due"), _("State"), _("When"), _("Agreement"), _("What"), _("Responsible"), _("Source"))


_SIGNIFICANT = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    """``text`` as literal inline Markdown inside a table cell."""
    return _SIGNIFICANT.sub(r"\\\1", one_line(text))


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cells(o: Obligation, result: DueResult) -> tuple[str, ...]:
    return tuple(
        escape(cell)
        for cell in (
            o.due.isoformat(),
            state_label(o.state),
            when(o, result.as_of),
            o.agreement,
            what(o),
            o.responsible or "",
            f"{o.span.path}:{o.span.line}",
        )
    )


def write_due(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    lines = ["## " + _("Due as of {date}").format(date=result.as_of.isoformat()), ""]
    if result.obligations:
        names = headers()
        lines.append(_row(names))
        lines.append(_row(tuple("---" for _name in names)))
        lines.extend(_row(_cells(o, result)) for o in result.obligations)
        lines.append("")
    lines.append(escape(summary(result)))
    stream.write("\n".join(lines) + "\n")

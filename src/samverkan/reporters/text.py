"""Human text: each finding with its source line and a caret under the column.

On a terminal the pieces are styled with Rich. Output that Rich would print without styles (a
pipe, a file, a pre-commit hook) is written directly, with the same characters, so that such a
run does not import Rich.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from ..diagnostics import Diagnostic, Severity
from ..i18n import _
from ..report import Report

if TYPE_CHECKING:
    from rich.text import Text

_VISIBLE = {
    **{code: 0x2400 + code for code in range(0x20) if code != 0x09},
    0x7F: 0x2421,
    **dict.fromkeys(range(0x80, 0xA0), 0xFFFD),
    0x2028: 0xFFFD,
    0x2029: 0xFFFD,
}
"""Characters of a source line that a terminal would act on or break the line at, as one
visible character each (so the caret stays under its column): C0 controls as their Control
Pictures (U+241B for ESC), DEL, C1 controls, LS and PS as U+FFFD."""

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.NOTICE: "bold cyan"}

_RICH_STRIPS = dict.fromkeys((7, 8, 11, 12, 13))
"""What Rich's ``Text`` leaves out of the text it is given (``rich.control.STRIP_CONTROL_CODES``:
BEL, BS, VT, FF, CR), so that the plain output has the same characters."""

Piece = tuple[str, str | None]
"""A piece of the output and its Rich style."""


def _pieces(diagnostic: Diagnostic, report: Report) -> Iterator[Piece]:
    yield f"{diagnostic.span}: ", "bold"
    yield f"{diagnostic.severity.label}[{diagnostic.code}]", _STYLE[diagnostic.severity]
    yield f" {diagnostic.said()}\n", None
    source = report.sources.get(diagnostic.span.path)
    line = source.line_text(diagnostic.span.line) if source is not None else None
    if line is not None:
        number = str(diagnostic.span.line)
        pad = " " * len(number)
        shown = line.expandtabs(1).translate(_VISIBLE)
        caret_at = max(diagnostic.span.col - 1, 0)
        yield f"{pad} |\n", "blue"
        yield f"{number} | ", "blue"
        yield f"{shown}\n", None
        yield f"{pad} | ", "blue"
        yield " " * caret_at + "^\n", _STYLE[diagnostic.severity]
    hint = diagnostic.hint_said()
    if hint:
        yield "  = " + _("hint: {hint}").format(hint=hint) + "\n", "dim"


def _text(pieces: list[Piece]) -> Text:
    from rich.text import Text

    out = Text()
    for piece, style in pieces:
        out.append(piece, style=style)
    return out


def _unstyled(stream: TextIO) -> bool:
    """Whether Rich would print to ``stream`` without styles: not a terminal as Rich tells one
    (``FORCE_COLOR``, ``TTY_COMPATIBLE``, ``isatty``; Jupyter and IDLE are left to Rich)."""
    if "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ or hasattr(builtins, "get_ipython"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is not None and not isatty()
    except ValueError:  # a closed stream
        return False


def _plain(pieces: list[Piece]) -> str | None:
    """The block as Rich prints it without styles; ``None`` where Rich would change more than the
    control characters it leaves out (a tab, which it expands)."""
    text = "".join(piece for piece, _style in pieces)
    return None if "\t" in text else text.translate(_RICH_STRIPS) + "\n"


def write(report: Report, stream: TextIO) -> None:
    blocks = [list(_pieces(diagnostic, report)) for diagnostic in report.diagnostics]
    summary = report.summary_said()
    if _unstyled(stream):
        last: list[Piece] = [(summary, None)]
        plain = [_plain(block) for block in [*blocks, last]]
        if all(text is not None for text in plain):
            stream.write("".join(text for text in plain if text is not None))
            return
    from rich.text import Text

    from ..console import data_console

    console = data_console(stream)
    for block in blocks:
        console.print(_text(block))
    console.print(Text(summary, style="bold red" if report.failed else "bold green"))

"""Human text: each finding with its source line and a caret under the column."""

from __future__ import annotations

from typing import TextIO

from rich.text import Text

from ..console import data_console
from ..diagnostics import Diagnostic, Severity
from ..i18n import _
from ..report import Report

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


def _render(diagnostic: Diagnostic, report: Report) -> Text:
    out = Text()
    out.append(f"{diagnostic.span}: ", style="bold")
    out.append(f"{diagnostic.severity.label}[{diagnostic.code}]", style=_STYLE[diagnostic.severity])
    out.append(f" {diagnostic.said()}\n")
    source = report.sources.get(diagnostic.span.path)
    line = source.line_text(diagnostic.span.line) if source is not None else None
    if line is not None:
        number = str(diagnostic.span.line)
        pad = " " * len(number)
        shown = line.expandtabs(1).translate(_VISIBLE)
        caret_at = max(diagnostic.span.col - 1, 0)
        out.append(f"{pad} |\n", style="blue")
        out.append(f"{number} | ", style="blue")
        out.append(f"{shown}\n")
        out.append(f"{pad} | ", style="blue")
        out.append(" " * caret_at + "^\n", style=_STYLE[diagnostic.severity])
    hint = diagnostic.hint_said()
    if hint:
        out.append("  = " + _("hint: {hint}").format(hint=hint) + "\n", style="dim")
    return out


def write(report: Report, stream: TextIO) -> None:
    console = data_console(stream)
    for diagnostic in report.diagnostics:
        console.print(_render(diagnostic, report))
    summary = Text(report.summary_said(), style="bold red" if report.failed else "bold green")
    console.print(summary)

"""``due --format table``: a Rich table on a terminal, aligned plain text otherwise.

On a terminal the rows are coloured by state (overdue red, due yellow, upcoming plain, done
dim); Rich drops the colours under ``NO_COLOR``. Piped, the same columns are written as plain
text padded to line up, with no escape codes, so the output is the same bytes on every run.
Every cell is a :class:`rich.text.Text`, never a markup string: ``[bold]`` in a title prints.
"""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from ..api import DueResult
from ..i18n import _
from ..obligations import Obligation
from . import WIDE_COLUMNS, FormatOptions
from ._common import (
    STATE_STYLE,
    agreement_state_text,
    columns,
    console_for,
    one_line,
    state_label,
    summary,
    what,
    when,
    write_lines,
)


def headers() -> tuple[str, ...]:
    """Due, State, When, Agreement, What, Responsible: in the current language."""
    return (_("Due"), _("State"), _("When"), _("Agreement"), _("What"), _("Responsible"))


def _cells(o: Obligation, result: DueResult) -> tuple[str, ...]:
    return (
        o.due.isoformat(),
        state_label(o.state),
        when(o, result.as_of),
        o.agreement,
        one_line(what(o)),
        one_line(o.responsible or ""),
    )


def _agreement_rows(result: DueResult) -> list[tuple[str, str]]:
    """Each agreement in the list with its state: ``umea-2021  continuing indefinitely (since …)``."""
    shown = {o.agreement for o in result.obligations}
    rows = []
    for status in sorted(result.statuses, key=lambda s: s.id):
        if status.id in shown:
            state = agreement_state_text(status.state, status.detail_message)
            rows.append((status.id, one_line(f"{status.title}: {state}")))
    return rows


def write_due(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    console = console_for(stream, options)
    agreements = _agreement_rows(result)
    if not console.is_terminal:
        rows = [headers(), *(_cells(o, result) for o in result.obligations)] if result.obligations else []
        write_lines(stream, columns(rows))
        if rows:
            stream.write("\n")
        if agreements:
            write_lines(stream, columns(agreements))
            stream.write("\n")
        stream.write(summary(result) + "\n")
        return
    if result.obligations:
        console.print(_table(result, wide=options.wide or console.width >= WIDE_COLUMNS), soft_wrap=False)
    for agreement_id, state in agreements:
        console.print(Text(agreement_id, style="bold"), Text(state), soft_wrap=False)
    if agreements:
        console.print()
    style = "bold red" if result.overdue else "bold"
    console.print(Text(summary(result), style=style), soft_wrap=False)


COMPACT = (0, 2, 3, 4)
"""The columns of a narrow terminal: Due, When, Agreement, What (the row's colour tells the state)."""


def _table(result: DueResult, *, wide: bool) -> Table:
    """Every column when ``wide``; else :data:`COMPACT`, the text of each obligation taking the
    width that is left."""
    shown = range(6) if wide else COMPACT
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False, collapse_padding=True)
    names = headers()
    for i in shown:
        if wide:
            table.add_column(names[i], no_wrap=i in (0, 1, 3), overflow="fold", max_width=20 if i == 5 else None)
        else:
            table.add_column(names[i], no_wrap=i == 0, overflow="fold", max_width=12 if i == 2 else None)
    for o in result.obligations:
        cells = _cells(o, result)
        table.add_row(*(Text(cells[i]) for i in shown), style=STATE_STYLE[o.state] or None)
    return table

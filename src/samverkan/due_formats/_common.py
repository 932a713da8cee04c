"""What several formats share: the words for days, counts and periods, aligned plain columns,
and the console that decides between Rich and plain text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console

from ..api import DueResult
from ..console import data_console
from ..obligations import Obligation, State
from . import FormatOptions

STATE_ORDER = (State.OVERDUE, State.DUE, State.UPCOMING, State.DONE, State.PASSED)

STATE_STYLE = {State.OVERDUE: "red", State.DUE: "yellow", State.UPCOMING: "", State.DONE: "dim", State.PASSED: "dim"}
"""Row styles of the terminal table: overdue red, due yellow, upcoming plain, done and passed dim."""

NO_END = "…"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 day``, ``2 days``; ``nouns`` for an irregular plural."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def when(o: Obligation, as_of: dt.date) -> str:
    """``in 40 days``, ``12 days overdue``, ``today``, ``done 2021-12-15``."""
    if o.state is State.DONE:
        if o.done_on is None:
            return "done"
        late = (o.done_on - o.due).days
        return f"done {o.done_on.isoformat()}" + (f" ({plural(late, 'day')} late)" if late > 0 else "")
    days = o.days_left(as_of)
    if o.state is State.PASSED:
        return f"{plural(-days, 'day')} ago"
    if days < 0:
        return f"{plural(-days, 'day')} overdue"
    if days == 0:
        return "today"
    return f"in {plural(days, 'day')}"


def what(o: Obligation) -> str:
    """The obligation's text, with its detail (``0 of at least 2 recorded``) when it has one."""
    return f"{o.text} — {o.detail}" if o.detail else o.text


def counts(obligations: Iterable[Obligation]) -> dict[str, int]:
    """``total`` and one count per state, every key present, in a fixed order."""
    items = list(obligations)
    out = {"total": len(items)}
    for state in STATE_ORDER:
        out[state.value] = sum(1 for o in items if o.state is state)
    return out


def summary(result: DueResult) -> str:
    """``15 obligations: 3 overdue, 4 due, 8 upcoming (as of 2022-05-01)``."""
    if not result.obligations:
        return f"nothing due as of {result.as_of.isoformat()}"
    numbers = counts(result.obligations)
    parts = [f"{numbers[s.value]} {s.value}" for s in STATE_ORDER if numbers[s.value]]
    return f"{plural(numbers['total'], 'obligation')}: {', '.join(parts)} (as of {result.as_of.isoformat()})"


def period(start: dt.date | None, end: dt.date | None) -> str:
    """``2021-01-01 – 2024-12-31``; ``…`` for no end; ``signing`` for a start at a signing yet to come."""
    begin = start.isoformat() if start is not None else "signing"
    return f"{begin} – {end.isoformat() if end is not None else NO_END}"


def one_line(text: str) -> str:
    """User text on one line: line breaks and tabs become spaces."""
    return " ".join(text.split()) if any(c in text for c in "\r\n\t\v\f") else text


def columns(rows: Sequence[Sequence[str]], *, indent: str = "", gap: str = "  ") -> list[str]:
    """Rows as lines of left-aligned columns (padded by display width), trailing spaces removed."""
    if not rows:
        return []
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - cell_len(cell)) for i, cell in enumerate(row)]
        lines.append((indent + gap.join(cells)).rstrip())
    return lines


def console_for(stream: TextIO, options: FormatOptions) -> Console:
    """The data console on ``stream``; ``options.terminal`` overrides what the stream says."""
    return data_console(stream, force_terminal=options.terminal)


def write_lines(stream: TextIO, lines: Iterable[str]) -> None:
    for line in lines:
        stream.write(line + "\n")

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
from ..i18n import N_, Message, _, ngettext
from ..lifecycle import LifecycleState
from ..obligations import Kind, Obligation, State
from . import FormatOptions

STATE_ORDER = (State.OVERDUE, State.DUE, State.UPCOMING, State.DONE, State.PASSED)

STATE_STYLE = {State.OVERDUE: "red", State.DUE: "yellow", State.UPCOMING: "", State.DONE: "dim", State.PASSED: "dim"}
"""Row styles of the terminal table: overdue red, due yellow, upcoming plain, done and passed dim."""

NO_END = "…"

STATE_LABELS = {
    State.OVERDUE: N_("overdue"),
    State.DUE: N_("due"),
    State.UPCOMING: N_("upcoming"),
    State.DONE: N_("done"),
    State.PASSED: N_("passed"),
}
"""Each state's word in a table; JSON keeps the state's value."""

KIND_LABELS = {
    Kind.START: N_("start"),
    Kind.FOLLOW_UP: N_("follow-up"),
    Kind.MEETINGS: N_("meetings"),
    Kind.CONSULTATION: N_("consultation"),
    Kind.EXTENSION_DECISION: N_("extension decision"),
    Kind.EXPIRY: N_("expiry"),
    Kind.REVIEW: N_("review"),
    Kind.PLAN_DECISION: N_("action plan decision"),
    Kind.PROMISE_END: N_("end of a citizen promise"),
    Kind.PROMISE_NEXT: N_("next citizen promise"),
}
"""Each kind of obligation in words, for people (calendar descriptions); JSON, CSV and the
calendar's CATEGORIES keep the kind's value."""


def kind_label(kind: Kind) -> str:
    """``follow-up``; ``uppföljning`` in Swedish."""
    return KIND_LABELS[kind].translate()


AGREEMENT_STATE_LABELS = {
    LifecycleState.DRAFT: N_("draft"),
    LifecycleState.AWAITING_SIGNING: N_("not in force, starts at signing"),
    LifecycleState.NOT_STARTED: N_("not yet in force"),
    LifecycleState.SIGNED: N_("signed, not yet in force"),
    LifecycleState.IN_FORCE: N_("in force"),
    LifecycleState.IN_FORCE_UNSIGNED: N_("in force, signing not recorded"),
    LifecycleState.EXTENSION_PENDING: N_("extension decision pending"),
    LifecycleState.EXTENDED: N_("extended"),
    LifecycleState.INDEFINITE: N_("continuing indefinitely"),
    LifecycleState.UNTIL_REPLACED: N_("valid until replaced"),
    LifecycleState.ENDED: N_("ended"),
    LifecycleState.REPLACED: N_("replaced"),
}
"""An agreement's state in words (the English ids are the states' JSON values)."""


def agreement_state_label(state: LifecycleState) -> str:
    """``in force``; ``gäller`` in Swedish."""
    return AGREEMENT_STATE_LABELS[state].translate()


def agreement_state_text(state: LifecycleState, detail: Message | None) -> str:
    """``in force (until 2024-12-31)``; ``gäller (till och med 2024-12-31)`` in Swedish."""
    label = agreement_state_label(state)
    return f"{label} ({detail.translate()})" if detail is not None else label


def state_label(state: State) -> str:
    """``overdue``; ``försenad`` in Swedish."""
    return STATE_LABELS[state].translate()


def state_count(state: State, n: int) -> str:
    """``3 overdue``; ``3 försenade`` in Swedish (the adjective agrees with the count)."""
    forms = {
        State.OVERDUE: ngettext("{n} overdue", "{n} overdue", n),
        State.DUE: ngettext("{n} due", "{n} due", n),
        State.UPCOMING: ngettext("{n} upcoming", "{n} upcoming", n),
        State.DONE: ngettext("{n} done", "{n} done", n),
        State.PASSED: ngettext("{n} passed", "{n} passed", n),
    }
    return forms[state].format(n=n)


def days(n: int) -> str:
    """``1 day``, ``40 days``."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


def when(o: Obligation, as_of: dt.date) -> str:
    """``in 40 days``, ``12 days overdue``, ``today``, ``done 2021-12-15``."""
    if o.state is State.DONE:
        if o.done_on is None:
            return _("done")
        late = (o.done_on - o.due).days
        if late > 0:
            return ngettext("done {date} ({n} day late)", "done {date} ({n} days late)", late).format(
                date=o.done_on.isoformat(), n=late
            )
        return _("done {date}").format(date=o.done_on.isoformat())
    left = o.days_left(as_of)
    if o.state is State.PASSED:
        return ngettext("{n} day ago", "{n} days ago", -left).format(n=-left)
    if left < 0:
        return ngettext("{n} day overdue", "{n} days overdue", -left).format(n=-left)
    if left == 0:
        return _("today")
    return ngettext("in {n} day", "in {n} days", left).format(n=left)


def what(o: Obligation) -> str:
    """The obligation's text, with its detail (``0 of at least 2 recorded``) when it has one,
    in the current language."""
    detail = o.detail_said()
    return f"{o.said()} — {detail}" if detail else o.said()


def counts(obligations: Iterable[Obligation]) -> dict[str, int]:
    """``total`` and one count per state, every key present, in a fixed order."""
    items = list(obligations)
    out = {"total": len(items)}
    for state in STATE_ORDER:
        out[state.value] = sum(1 for o in items if o.state is state)
    return out


def summary(result: DueResult) -> str:
    """``15 obligations: 3 overdue, 4 due, 8 upcoming (as of 2022-05-01)``."""
    day = result.as_of.isoformat()
    if not result.obligations:
        return _("nothing due as of {date}").format(date=day)
    numbers = counts(result.obligations)
    parts = ", ".join(state_count(s, numbers[s.value]) for s in STATE_ORDER if numbers[s.value])
    total = numbers["total"]
    return ngettext(
        "{n} obligation: {counts} (as of {date})", "{n} obligations: {counts} (as of {date})", total
    ).format(n=total, counts=parts, date=day)


def period(start: dt.date | None, end: dt.date | None) -> str:
    """``2021-01-01 – 2024-12-31``; ``…`` for no end; ``signing`` for a start at a signing yet to come."""
    begin = start.isoformat() if start is not None else _("signing")
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


def write_bytes(stream: TextIO, data: bytes) -> None:
    """``data`` exactly, to the bytes beneath ``stream`` (a BOM or CRLF stay as they are), or
    decoded when the stream has no bytes beneath it (a test's ``StringIO``)."""
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(data.decode("utf-8"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()

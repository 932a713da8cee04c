"""``status --format table``: each municipality with its chain of agreements and their gaps.

One line per agreement: id, title, police area(s), period (``…`` for no end), state with
detail, and the next deadline (due date, text, state). A gap in a chain is a line of its own
after the agreement it follows. On a terminal this is a Rich table with a section per
municipality and states in colour; piped, it is plain text whose columns line up across the
whole output. User text is never read as markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from ..i18n import Nn_, _, ngettext
from ..obligations import Obligation, State
from ..status import AgreementState, AgreementStatus, Chain, Gap
from . import WIDE_COLUMNS, FormatOptions
from ._common import (
    STATE_STYLE,
    agreement_state_text,
    columns,
    console_for,
    days,
    one_line,
    period,
    state_label,
    when,
    write_lines,
)

AGREEMENT_STYLE = {
    AgreementState.DRAFT: "dim",
    AgreementState.AWAITING_SIGNING: "cyan",
    AgreementState.NOT_STARTED: "cyan",
    AgreementState.SIGNED: "cyan",
    AgreementState.IN_FORCE: "green",
    AgreementState.IN_FORCE_UNSIGNED: "green",
    AgreementState.EXTENSION_PENDING: "yellow",
    AgreementState.EXTENDED: "green",
    AgreementState.INDEFINITE: "yellow",
    AgreementState.UNTIL_REPLACED: "yellow",
    AgreementState.ENDED: "red",
    AgreementState.REPLACED: "dim",
}


def headers() -> tuple[str, ...]:
    """Agreement, Title, Police area, Period, State, Next deadline: in the current language."""
    return (_("Agreement"), _("Title"), _("Police area"), _("Period"), _("State"), _("Next deadline"))


def state_text(s: AgreementStatus) -> str:
    """``continuing indefinitely (since 2025-01-01)``."""
    return agreement_state_text(s.state, s.detail_message)


def next_text(o: Obligation | None, as_of: dt.date) -> str:
    """``2025-12-31 yearly follow-up … (2025) — due, in 213 days``; ``none`` when nothing is open."""
    if o is None:
        return _("none")
    words = when(o, as_of)
    state = words if o.state is State.OVERDUE else f"{state_label(o.state)}, {words}"
    return f"{o.due.isoformat()} {one_line(o.said())} — {state}"


def gap_text(g: Gap) -> str:
    """``gap: 2015-01-01 – 2023-12-31 (3287 days) between 'a' and 'b'``; lapses and overlaps likewise."""
    span, length = period(g.start, g.end), days(g.days)
    if g.kind == "lapse":
        return _("lapse: {period} ({days}) before '{id}' was extended").format(period=span, days=length, id=g.after)
    if g.kind == "overlap":
        text = _("overlap: {period} ({days}) between '{after}' and '{before}'")
    else:
        text = _("gap: {period} ({days}) between '{after}' and '{before}'")
    return text.format(period=span, days=length, after=g.after, before=g.before)


def _placed(chain: Chain) -> list[AgreementStatus | Gap]:
    """The chain's agreements, each followed by the gaps that come after it."""
    out: list[AgreementStatus | Gap] = []
    placed: set[int] = set()
    for s in chain.agreements:
        out.append(s)
        for i, g in enumerate(chain.gaps):
            if g.after == s.id and i not in placed:
                out.append(g)
                placed.add(i)
    out.extend(g for i, g in enumerate(chain.gaps) if i not in placed)
    return out


def _cells(s: AgreementStatus, as_of: dt.date) -> tuple[str, ...]:
    return (
        s.id,
        one_line(s.title),
        one_line(", ".join(s.police)),
        period(s.start, s.end),
        state_text(s),
        next_text(s.next, as_of),
    )


def summary(chains: Sequence[Chain], as_of: dt.date) -> str:
    """``5 agreements in 3 municipalities, 1 gap (as of 2025-06-01)``; citizen promises, lapses
    and overlaps are counted too where there are any."""
    agreements = {s.id for c in chains for s in c.agreements if s.kind == "agreement"}
    promises = {s.id for c in chains for s in c.agreements if s.kind == "citizen-promise"}
    counted = (
        [ngettext("{n} agreement", "{n} agreements", len(agreements)).format(n=len(agreements))]
        if agreements or not promises
        else []
    )
    if promises:
        counted.append(ngettext("{n} citizen promise", "{n} citizen promises", len(promises)).format(n=len(promises)))
    places = ngettext("{n} municipality", "{n} municipalities", len(chains)).format(n=len(chains))
    text = _("{documents} in {municipalities}").format(documents=_(" and ").join(counted), municipalities=places)
    breaks = {g for c in chains for g in c.gaps}  # a break in a chain of two municipalities counts once
    for kind, words in _BREAKS.items():
        count = sum(1 for g in breaks if g.kind == kind)
        if count:
            text += ", " + words.counted(count).translate()
    return _("{text} (as of {date})").format(text=text, date=as_of.isoformat())


_BREAKS = {
    "gap": Nn_("{n} gap", "{n} gaps", 1),
    "lapse": Nn_("{n} lapse", "{n} lapses", 1),
    "overlap": Nn_("{n} overlap", "{n} overlaps", 1),
}


def _plain(chains: Sequence[Chain], as_of: dt.date, stream: TextIO) -> None:
    rows = [_cells(s, as_of) for c in chains for s in c.agreements]
    aligned = iter(columns(rows, indent="  "))
    lines: list[str] = []
    for chain in chains:
        lines.append(one_line(chain.municipality))
        for item in _placed(chain):
            lines.append(next(aligned) if isinstance(item, AgreementStatus) else f"  {gap_text(item)}")
    write_lines(stream, lines)


def write_status(chains: Sequence[Chain], as_of: dt.date, stream: TextIO, options: FormatOptions) -> None:
    console = console_for(stream, options)
    if not chains:
        console.print(Text(_("no agreements as of {date}").format(date=as_of.isoformat())))
        return
    if not console.is_terminal:
        _plain(chains, as_of, stream)
        stream.write("\n" + summary(chains, as_of) + "\n")
        return
    table = _table(chains, as_of, wide=options.wide or console.width >= WIDE_COLUMNS)
    console.print(table, soft_wrap=False)
    console.print(Text(summary(chains, as_of), style="bold"), soft_wrap=False)


COMPACT = (0, 4, 5)
"""The columns of a narrow terminal: Agreement, State, Next deadline."""


def _table(chains: Sequence[Chain], as_of: dt.date, *, wide: bool) -> Table:
    """Every column when ``wide``; else :data:`COMPACT`, a gap's period and neighbours in the last
    column."""
    shown = range(6) if wide else COMPACT
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False, collapse_padding=True)
    names = headers()
    for i in shown:
        if wide:
            table.add_column(names[i], no_wrap=i in (0, 3), overflow="fold")
        else:
            table.add_column(names[i], no_wrap=i == 0, overflow="fold")
    for c, chain in enumerate(chains):
        table.add_row(Text(one_line(chain.municipality), style="bold"), *(Text("") for _i in shown[1:]))
        items = _placed(chain)
        for n, item in enumerate(items):
            last = n == len(items) - 1 and c < len(chains) - 1
            if isinstance(item, Gap):
                between = _("between '{after}' and '{before}'").format(after=item.after, before=item.before)
                span = period(item.start, item.end)
                cells = [
                    Text("  " + _("gap"), style="yellow"),
                    Text(between),
                    Text(""),
                    Text(span, style="yellow"),
                    Text(_("no agreement in force"), style="yellow"),
                    Text("" if wide else f"{span} {between}"),
                ]
            else:
                ident, title, police, span, state, following = _cells(item, as_of)
                next_style = STATE_STYLE[item.next.state] if item.next is not None else "dim"
                cells = [
                    Text(f"  {ident}"),
                    Text(title),
                    Text(police),
                    Text(span),
                    Text(state, style=AGREEMENT_STYLE[item.state]),
                    Text(following, style=next_style),
                ]
            table.add_row(*(cells[i] for i in shown), end_section=last)
    return table

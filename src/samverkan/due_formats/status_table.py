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

from ..obligations import Obligation, State
from ..status import AgreementState, AgreementStatus, Chain, Gap
from . import FormatOptions
from ._common import STATE_STYLE, columns, console_for, one_line, period, plural, when, write_lines

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

HEADERS = ("Agreement", "Title", "Police area", "Period", "State", "Next deadline")


def state_text(s: AgreementStatus) -> str:
    """``continuing indefinitely (since 2025-01-01)``."""
    return f"{s.state.value} ({s.detail})" if s.detail else s.state.value


def next_text(o: Obligation | None, as_of: dt.date) -> str:
    """``2025-12-31 yearly follow-up … (2025) — due, in 213 days``; ``none`` when nothing is open."""
    if o is None:
        return "none"
    days = when(o, as_of)
    state = days if o.state is State.OVERDUE else f"{o.state.value}, {days}"
    return f"{o.due.isoformat()} {one_line(o.text)} — {state}"


def gap_text(g: Gap) -> str:
    """``gap: 2015-01-01 – 2023-12-31 (3287 days) between 'a' and 'b'``; lapses and overlaps likewise."""
    days = "1 day" if g.days == 1 else f"{g.days} days"
    if g.kind == "lapse":
        return f"lapse: {period(g.start, g.end)} ({days}) before '{g.after}' was extended"
    return f"{g.kind}: {period(g.start, g.end)} ({days}) between '{g.after}' and '{g.before}'"


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
    counted = [plural(len(agreements), "agreement")] if agreements or not promises else []
    if promises:
        counted.append(plural(len(promises), "citizen promise"))
    text = f"{' and '.join(counted)} in {plural(len(chains), 'municipality', 'municipalities')}"
    breaks = {g for c in chains for g in c.gaps}  # a break in a chain of two municipalities counts once
    for kind in ("gap", "lapse", "overlap"):
        count = sum(1 for g in breaks if g.kind == kind)
        if count:
            text += f", {plural(count, kind)}"
    return f"{text} (as of {as_of.isoformat()})"


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
        console.print(Text(f"no agreements as of {as_of.isoformat()}"))
        return
    if not console.is_terminal:
        _plain(chains, as_of, stream)
        stream.write("\n" + summary(chains, as_of) + "\n")
        return
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, header_style="bold", pad_edge=False, collapse_padding=True)
    for header in HEADERS:
        table.add_column(header, no_wrap=header in ("Agreement", "Period"), overflow="fold")
    for c, chain in enumerate(chains):
        table.add_row(Text(one_line(chain.municipality), style="bold"), *(Text("") for _ in HEADERS[1:]))
        items = _placed(chain)
        for n, item in enumerate(items):
            last = n == len(items) - 1 and c < len(chains) - 1
            if isinstance(item, Gap):
                table.add_row(
                    Text("  gap", style="yellow"),
                    Text(f"between '{item.after}' and '{item.before}'"),
                    Text(""),
                    Text(period(item.start, item.end), style="yellow"),
                    Text("no agreement in force", style="yellow"),
                    Text(""),
                    end_section=last,
                )
                continue
            ident, title, police, span, state, following = _cells(item, as_of)
            next_style = STATE_STYLE[item.next.state] if item.next is not None else "dim"
            table.add_row(
                Text(f"  {ident}"),
                Text(title),
                Text(police),
                Text(span),
                Text(state, style=AGREEMENT_STYLE[item.state]),
                Text(following, style=next_style),
                end_section=last,
            )
    console.print(table, soft_wrap=False)
    console.print(Text(summary(chains, as_of), style="bold"))

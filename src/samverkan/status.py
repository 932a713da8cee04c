"""The state of each agreement on a date, and each municipality's chain of agreements.

States: draft, signed (not started), in force, extension decision pending, extended (until
when), continuing indefinitely, expired, replaced (by which). Pure: the date is a parameter.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from .dates import add_months, next_day
from .diagnostics import Span
from .model import Agreement, ExtensionIndefinite, ExtensionOpenEnded, ExtensionOption, ExtensionRenewal
from .obligations import Obligation, State
from .periods import continues_indefinitely, effective_end
from .workspace import Workspace

PENDING_DAYS = 90
"""An option to extend (no deadline given) counts as pending in the last 90 days of the period."""

LONG_AGO = dt.timedelta(days=365)
"""An agreement that ended or was replaced longer ago than this makes no noise in ``due``."""


class AgreementState(enum.StrEnum):
    DRAFT = "draft"
    SIGNED = "signed, not started"
    IN_FORCE = "in force"
    EXTENSION_PENDING = "extension decision pending"
    EXTENDED = "extended"
    INDEFINITE = "continuing indefinitely"
    EXPIRED = "expired"
    REPLACED = "replaced"


@dataclass(frozen=True)
class AgreementStatus:
    """One agreement on a date: who, when, its state, and what is next."""

    id: str
    title: str
    municipalities: tuple[str, ...]
    police: tuple[str, ...]
    start: dt.date
    end: dt.date | None
    """The last day of the period with recorded extensions (``None``: no end date)."""
    state: AgreementState
    detail: str | None
    """``until 2024-12-31``, ``by 'uppsala-2024'``, ``consultation was due 2022-06-30`` …"""
    next: Obligation | None
    """The first obligation that is not done: overdue first, then by date."""
    replaces: str | None
    replaced_by: tuple[str, ...]
    span: Span
    quiet: bool
    """Ended or replaced long before the date: left out of ``due`` unless ``--all``."""
    runs_on: bool
    """It continues after its end date (indefinitely, or open-ended) until something replaces it."""


@dataclass(frozen=True)
class Gap:
    """Days between an agreement and the one that replaces it, when no agreement was in force."""

    after: str
    before: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Chain:
    """One municipality's agreements, oldest first, and the gaps inside its replaces-links."""

    municipality: str
    agreements: tuple[AgreementStatus, ...]
    gaps: tuple[Gap, ...]


def municipalities(agreement: Agreement) -> tuple[str, ...]:
    return tuple(p.name for p in agreement.parties if p.kind == "municipality")


def police_areas(agreement: Agreement) -> tuple[str, ...]:
    return tuple(p.unit or p.name for p in agreement.parties if p.kind == "police")


def agreement_state(
    agreement: Agreement, successors: Sequence[Agreement], as_of: dt.date
) -> tuple[AgreementState, str | None]:
    """The state of ``agreement`` on ``as_of``; ``successors`` are the agreements that replace it."""
    started = sorted((s for s in successors if s.period.start <= as_of), key=lambda s: s.period.start)
    if started:
        return AgreementState.REPLACED, f"by '{started[0].id}' from {started[0].period.start}"
    if agreement.draft:
        return AgreementState.DRAFT, None
    if as_of < agreement.period.start:
        return AgreementState.SIGNED, f"starts {agreement.period.start}"
    end = effective_end(agreement)
    clause = agreement.extension
    if end is None:
        return AgreementState.IN_FORCE, "with no end date"
    if as_of > end:
        if isinstance(clause, ExtensionIndefinite | ExtensionOpenEnded):
            return AgreementState.INDEFINITE, f"since {next_day(end)}"
        return AgreementState.EXPIRED, f"on {end}"
    if isinstance(clause, ExtensionRenewal) and clause.consultation_months_before is not None:
        deadline = add_months(end, -clause.consultation_months_before)
        if as_of > deadline:
            return AgreementState.EXTENSION_PENDING, f"consultation was due {deadline}"
    elif isinstance(clause, ExtensionRenewal | ExtensionOption) and (end - as_of).days < PENDING_DAYS:
        return AgreementState.EXTENSION_PENDING, f"decide before {end}"
    if end == agreement.period.end:
        return AgreementState.IN_FORCE, f"until {end}"
    return AgreementState.EXTENDED, f"until {end}"


def statuses(ws: Workspace, obligations: Sequence[Obligation], as_of: dt.date) -> list[AgreementStatus]:
    """Every valid agreement's status on ``as_of``, in file order."""
    agreements = list(ws.agreements())
    successors: dict[str, list[Agreement]] = {}
    for _, a in agreements:
        if a.replaces is not None:
            successors.setdefault(a.replaces, []).append(a)
    open_by_agreement: dict[str, Obligation] = {}
    for o in obligations:  # already sorted: the first open one is the next
        if o.state is not State.DONE:
            open_by_agreement.setdefault(o.agreement, o)
    out = []
    seen: set[str] = set()
    for loaded, a in agreements:
        if a.id in seen:
            continue
        seen.add(a.id)
        state, detail = agreement_state(a, successors.get(a.id, ()), as_of)
        end = effective_end(a)
        ended = _ended_on(a, successors.get(a.id, ()), state)
        out.append(
            AgreementStatus(
                id=a.id,
                title=a.title,
                municipalities=municipalities(a),
                police=police_areas(a),
                start=a.period.start,
                end=end,
                state=state,
                detail=detail,
                next=open_by_agreement.get(a.id),
                replaces=a.replaces,
                replaced_by=tuple(sorted(s.id for s in successors.get(a.id, ()))),
                span=loaded.source.span(("id",)),
                quiet=ended is not None and as_of - ended > LONG_AGO,
                runs_on=continues_indefinitely(a),
            )
        )
    return out


def _ended_on(agreement: Agreement, successors: Sequence[Agreement], state: AgreementState) -> dt.date | None:
    if state is AgreementState.REPLACED:
        return min(s.period.start for s in successors)
    if state is AgreementState.EXPIRED:
        return effective_end(agreement)
    return None


def chains(items: Sequence[AgreementStatus]) -> list[Chain]:
    """Agreements grouped by municipality (an agreement of several municipalities is in each),
    oldest first, with the gaps between an agreement and the one that replaces it."""
    groups: dict[str, list[AgreementStatus]] = {}
    for item in items:
        for name in item.municipalities or ("(no municipality)",):
            groups.setdefault(name, []).append(item)
    out = []
    for name in sorted(groups):
        members = sorted(groups[name], key=lambda s: (s.start, s.id))
        by_id = {m.id: m for m in members}
        gaps = []
        for m in members:
            old = by_id.get(m.replaces) if m.replaces else None
            if old is not None and not old.runs_on and old.end is not None and next_day(old.end) < m.start:
                gaps.append(Gap(old.id, m.id, next_day(old.end), m.start - dt.timedelta(days=1)))
        out.append(Chain(name, tuple(members), tuple(gaps)))
    return out

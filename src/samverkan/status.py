"""The state of each agreement and citizen promise on a date, and each municipality's chain.

States (see :class:`samverkan.lifecycle.LifecycleState`): draft; not in force until signed
(``start: signing``); not yet in force; signed, not yet in force; in force; in force,
unsigned; extension decision pending; extended (until when); continuing indefinitely; valid
until replaced; ended; replaced (by which). Pure: the date is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .diagnostics import Span
from .i18n import Message
from .lifecycle import (
    Lapse,
    LifecycleState,
    RunsOn,
    Subject,
    SubjectKind,
    agreement_subject,
    chain_breaks,
    ended_on,
    state_on,
    state_said_on,
    subjects,
    successors,
    successors_of,
)
from .model import Agreement
from .obligations import Obligation, subject_span
from .workspace import Workspace

AgreementState = LifecycleState
"""The state of an agreement or a citizen promise (the name is kept for the reporters)."""

Gap = Lapse

LONG_AGO = dt.timedelta(days=365)
"""A document that ended or was replaced longer ago than this makes no noise in ``due``."""


@dataclass(frozen=True)
class AgreementStatus:
    """One agreement or citizen promise on a date: who, when, its state, and what is next."""

    id: str
    title: str
    municipalities: tuple[str, ...]
    police: tuple[str, ...]
    start: dt.date | None
    """``None``: it starts when signed, and is not yet."""
    end: dt.date | None
    """The last day of the period with the extensions decided by the date (``None``: no end date)."""
    state: AgreementState
    detail: str | None
    """``until 2024-12-31``, ``by 'uppsala-2024' from 2024-01-01``, ``consultation was due 2022-06-30`` …"""
    next: Obligation | None
    """The first obligation that is not done: overdue first, then by date."""
    replaces: str | None
    replaced_by: tuple[str, ...]
    span: Span
    quiet: bool
    """Ended or replaced long before the date: left out of ``due`` unless ``--all``."""
    runs_on: bool
    """It continues after its end date (indefinitely, open-ended, until the next) until replaced."""
    kind: SubjectKind = "agreement"
    signed: dt.date | None = None
    """The signing date, if signed on or before the date."""
    signed_late_days: int | None = None
    """Days between the start and a signing after it."""
    agreement: str | None = None
    """For a citizen promise: the agreement it belongs to, if among the files."""
    detail_message: Message | None = field(default=None, compare=False)
    """:attr:`detail` to be said in the reader's language."""


@dataclass(frozen=True)
class Chain:
    """One municipality's agreements and promises, oldest first, with the gaps, lapses and
    overlaps inside their replaces-links."""

    municipality: str
    agreements: tuple[AgreementStatus, ...]
    gaps: tuple[Gap, ...]


def agreement_state(
    agreement: Agreement, later: Sequence[Agreement], as_of: dt.date
) -> tuple[AgreementState, str | None]:
    """The state of ``agreement`` on ``as_of``; ``later`` are the agreements that replace it."""
    after = [agreement_subject(None, a) for a in later]
    return state_on(agreement_subject(None, agreement), after, as_of)


def _status(
    subject: Subject, after: Sequence[Subject], next_open: Obligation | None, as_of: dt.date
) -> AgreementStatus:
    state, said = state_said_on(subject, after, as_of)
    detail = said.english() if said is not None else None
    ended = ended_on(subject, after, state, as_of)
    signed = subject.signed if subject.signed_by(as_of) else None
    late = (signed - subject.start).days if signed is not None and subject.start is not None else None
    return AgreementStatus(
        id=subject.id,
        title=subject.title,
        municipalities=subject.municipalities,
        police=subject.police,
        start=subject.start if not subject.from_signing or signed is not None else None,
        end=subject.end_as_of(as_of),
        state=state,
        detail=detail,
        detail_message=said,
        next=next_open,
        replaces=subject.replaces,
        replaced_by=tuple(sorted(s.id for s in after)),
        span=subject_span(subject, "id"),
        quiet=ended is not None and as_of - ended > LONG_AGO,
        runs_on=subject.runs_on is not None,
        kind=subject.kind,
        signed=signed,
        signed_late_days=late if late is not None and late > 0 else None,
        agreement=subject.agreement.id if subject.kind == "citizen-promise" and subject.agreement else None,
    )


def statuses(
    ws: Workspace,
    obligations: Sequence[Obligation],
    as_of: dt.date,
    found: Sequence[Subject] | None = None,
    by_id: Mapping[str, Sequence[Subject]] | None = None,
) -> list[AgreementStatus]:
    """Every valid agreement's and citizen promise's status on ``as_of``, in file order
    (``found``: the workspace's subjects, and ``by_id`` their successors, when the caller has
    them already)."""
    found = subjects(ws) if found is None else found
    by_id = successors(found) if by_id is None else by_id
    open_by: dict[tuple[str, str], Obligation] = {}
    for o in obligations:  # already sorted: the first open one is the next
        if not o.closed:
            open_by.setdefault((o.document, o.agreement), o)
    return [_status(s, successors_of(s, by_id), open_by.get((s.kind, s.id)), as_of) for s in found]


def breaks(
    ws: Workspace,
    as_of: dt.date,
    found: Sequence[Subject] | None = None,
    by_id: Mapping[str, Sequence[Subject]] | None = None,
) -> list[Gap]:
    """The gaps, lapses and overlaps in the workspace's chains, as known on ``as_of``."""
    found = subjects(ws) if found is None else found
    return chain_breaks(found, successors(found) if by_id is None else by_id, as_of)


def chains(items: Sequence[AgreementStatus], found_breaks: Sequence[Gap] = ()) -> list[Chain]:
    """Documents grouped by municipality (a document of several municipalities is in each),
    oldest first, with the gaps, lapses and overlaps of each."""
    groups: dict[str, list[AgreementStatus]] = {}
    for item in items:
        for name in item.municipalities or ("(no municipality)",):
            groups.setdefault(name, []).append(item)
    out = []
    for name in sorted(groups):
        members = sorted(groups[name], key=lambda s: (s.start or dt.date.max, s.kind, s.id))
        ids = {(m.kind, m.id) for m in members}
        mine = tuple(g for g in found_breaks if (g.of, g.after) in ids and (g.of, g.before) in ids)
        out.append(Chain(name, tuple(members), mine))
    return out


__all__ = [
    "LONG_AGO",
    "AgreementState",
    "AgreementStatus",
    "Chain",
    "Gap",
    "RunsOn",
    "agreement_state",
    "breaks",
    "chains",
    "statuses",
]

"""Agreements and citizen promises as documents with a lifecycle.

A :class:`Subject` is what has a period, a signing, extensions and a place in a chain of
documents that replace each other: an agreement, or a citizen promise (inline in an
agreement or in a file of its own; both behave the same). Everything here is a pure function
of the files and, for states, of the date asked about; nothing reads today's date.

* An extension counts from the day it was decided: asked about an earlier day, the document
  still ends where it ended then. An extension decided after the document had ended leaves a
  *lapse* from the day after the old end to the day before the decision.
* A document is *signed* on and after its signing date, never before. A date known only to
  the month (``2022-05``) counts from the month's first day.
* ``start: signing`` takes the signing date; until it is signed the document has no start.
* What a document owes ends with it: at its last day, or on the day before the document that
  replaces it starts.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .dates import add_months, next_day, previous_day
from .diagnostics import Span
from .i18n import N_, Message
from .model import (
    Agreement,
    CitizenPromise,
    CitizenPromiseFile,
    ExtensionIndefinite,
    ExtensionOpenEnded,
    ExtensionOption,
    ExtensionRenewal,
    Party,
)
from .periods import extension_steps
from .source import PathKey, Place
from .walk import agreement_index
from .workspace import LoadedFile, Workspace

SubjectKind = Literal["agreement", "citizen-promise"]

HORIZON_YEARS = 25
"""Recurring obligations of a document that runs on with no end (``indefinite``, ``open-ended``,
no end date, a promise valid until the next one) are drawn until this many years after the
latest of its start, its last day and its last recorded review. The horizon depends on the files alone, never on the
date asked about, so the obligations and their calendar UIDs stay the same whatever ``--as-of``."""

MAX_OCCURRENCES = 1000
"""At most this many occurrences of one recurring obligation (weekly meetings for 19 years)."""

PENDING_DAYS = 90
"""An option to extend (no deadline given) counts as pending in the last 90 days of the period."""


class RunsOn(enum.StrEnum):
    """What happens after the last day of the period."""

    INDEFINITE = "indefinite"
    """Continues indefinitely until a new agreement is signed (``förlängs tillsvidare``)."""
    OPEN_ENDED = "open-ended"
    """No end, reviewed every N years."""
    NO_END = "no-end"
    """No end date given."""
    UNTIL_REPLACED = "until-replaced"
    """A citizen promise valid until the next one."""


@dataclass(frozen=True)
class Extension:
    """One recorded extension, in the order decided, with the last day before and after it."""

    index: int
    """Position in the document's ``extensions`` list."""
    decided: dt.date | None
    """When it was decided; ``None``: the document does not say (it counts from the start)."""
    before: dt.date
    after: dt.date
    text: str | None


@dataclass(frozen=True)
class Lapse:
    """Days with no document in force: between a document and the one that replaces it (``gap``),
    or between the end of a document and a later decision to extend it (``lapse``); or days when
    a document and the one that replaces it are both in force (``overlap``)."""

    kind: Literal["gap", "lapse", "overlap"]
    after: str
    """The earlier document's id."""
    before: str
    """The later document's id (for a lapse: the same document)."""
    start: dt.date
    end: dt.date
    of: SubjectKind = "agreement"
    """What kind of documents the chain is of."""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Subject:
    """An agreement or a citizen promise, with what its lifecycle needs."""

    kind: SubjectKind
    id: str
    title: str
    loaded: LoadedFile | None
    """The file it is in (``None`` for a document built in code, with no place to point to)."""
    path: PathKey
    """The key path of the document in its file: ``()``, or ``("citizen_promises", 2)``."""
    document: Agreement | CitizenPromise
    agreement: Agreement | None
    """The agreement: the document itself, or the one a promise belongs to (if among the files)."""
    parties: tuple[Party, ...]
    start: dt.date | None
    from_signing: bool
    end: dt.date | None
    """The period's own last day (``None``: no end date)."""
    signed: dt.date | None
    draft: bool
    replaces: str | None
    runs_on: RunsOn | None
    extensions: tuple[Extension, ...]

    def span(self, *more: str | int) -> Span:
        if self.loaded is None:
            return Span("")
        return self.loaded.source.span(self.path + more)

    def place(self, *more: str | int) -> Place:
        """:meth:`span` read only when its line or column is asked for."""
        if self.loaded is None:
            return Place("")
        return self.loaded.source.place(self.path + more)

    @property
    def final_end(self) -> dt.date | None:
        """The last day of the period with every recorded extension."""
        return self.extensions[-1].after if self.extensions else self.end

    def end_as_of(self, as_of: dt.date) -> dt.date | None:
        """The last day as it stood on ``as_of``: extensions decided later do not count yet."""
        end = self.end
        for ext in self.extensions:
            if ext.decided is None or ext.decided <= as_of:
                end = ext.after
        return end

    def signed_by(self, as_of: dt.date) -> bool:
        return self.signed is not None and self.signed <= as_of

    @property
    def upper_bound(self) -> dt.date | None:
        """The last day it can be in force; ``None`` when it runs on until replaced."""
        return None if self.runs_on is not None else self.final_end

    @property
    def municipalities(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.parties if p.kind == "municipality")

    @property
    def police(self) -> tuple[str, ...]:
        return tuple(p.unit or p.name for p in self.parties if p.kind == "police")

    @functools.cached_property
    def party_names(self) -> tuple[str, ...]:
        """Every party's name (asked for by each of its obligations: computed once)."""
        return tuple(p.name for p in self.parties)

    def lapses(self) -> Iterator[Lapse]:
        """Extensions decided after the document had already ended."""
        for ext in self.extensions:
            if ext.decided is not None and ext.decided > next_day(ext.before):
                yield Lapse("lapse", self.id, self.id, next_day(ext.before), previous_day(ext.decided), self.kind)


# Building subjects from the files --------------------------------------------------------------


def _agreement_extensions(agreement: Agreement) -> tuple[Extension, ...]:
    out = []
    for step in extension_steps(agreement):
        if step.before is None or step.after is None or step.after <= step.before:
            continue
        decision = step.decision
        out.append(Extension(step.index, decision.decided, step.before, step.after, decision.text or decision.note))
    return tuple(out)


def _promise_extensions(promise: CitizenPromise) -> tuple[Extension, ...]:
    end = promise.period.end
    if end is None:
        return ()
    order = sorted(enumerate(promise.extensions), key=lambda p: (p[1].decided or dt.date.min, p[1].until, p[0]))
    out = []
    for index, ext in order:
        if ext.until <= end:
            continue
        out.append(Extension(index, ext.decided, end, ext.until, ext.text))
        end = ext.until
    return tuple(out)


def _agreement_runs_on(agreement: Agreement) -> RunsOn | None:
    if agreement.period.end is None:
        return RunsOn.OPEN_ENDED if isinstance(agreement.extension, ExtensionOpenEnded) else RunsOn.NO_END
    if isinstance(agreement.extension, ExtensionIndefinite):
        return RunsOn.INDEFINITE
    if isinstance(agreement.extension, ExtensionOpenEnded):
        return RunsOn.OPEN_ENDED
    return None


def agreement_subject(loaded: LoadedFile | None, agreement: Agreement) -> Subject:
    return Subject(
        kind="agreement",
        id=agreement.id,
        title=agreement.title,
        loaded=loaded,
        path=(),
        document=agreement,
        agreement=agreement,
        parties=tuple(agreement.parties),
        start=agreement.period.start,
        from_signing=agreement.period.from_signing,
        end=agreement.period.end,
        signed=agreement.signing.date if agreement.signing is not None else None,
        draft=agreement.draft,
        replaces=agreement.replaces,
        runs_on=_agreement_runs_on(agreement),
        extensions=_agreement_extensions(agreement),
    )


def promise_subject(
    loaded: LoadedFile | None, path: PathKey, promise: CitizenPromise, agreement: Agreement | None
) -> Subject:
    own = tuple(promise.parties) if isinstance(promise, CitizenPromiseFile) else ()
    inherited = tuple(agreement.parties) if agreement is not None else ()
    parties = own + tuple(p for p in inherited if p.id not in {o.id for o in own})
    period = promise.period
    return Subject(
        kind="citizen-promise",
        id=promise.id,
        title=promise.title,
        loaded=loaded,
        path=path,
        document=promise,
        agreement=agreement,
        parties=parties,
        start=period.start,
        from_signing=period.from_signing,
        end=period.end,
        signed=promise.signing.date if promise.signing is not None else None,
        draft=promise.draft or (agreement is not None and agreement.draft),
        replaces=promise.replaces,
        runs_on=RunsOn.UNTIL_REPLACED if period.until_next else None,
        extensions=_promise_extensions(promise),
    )


def subjects(ws: Workspace) -> list[Subject]:
    """Every agreement and citizen promise among the valid files, in file order; the first of
    two documents with the same id wins (rule SV106 reports the other)."""
    index = agreement_index(ws)
    out: list[Subject] = []
    seen: set[tuple[str, str]] = set()

    def add(subject: Subject) -> None:
        if (subject.kind, subject.id) not in seen:
            seen.add((subject.kind, subject.id))
            out.append(subject)

    for loaded, doc in ws.documents():
        if isinstance(doc, Agreement):
            add(agreement_subject(loaded, doc))
            for i, promise in enumerate(doc.citizen_promises):
                add(promise_subject(loaded, ("citizen_promises", i), promise, doc))
        elif isinstance(doc, CitizenPromiseFile):
            entry = index.get(doc.agreement) if doc.agreement is not None else None
            add(promise_subject(loaded, (), doc, entry[1] if entry is not None else None))
    return out


def successors(items: Iterable[Subject]) -> dict[str, list[Subject]]:
    """For each id, the documents of the same kind that say they replace it."""
    out: dict[str, list[Subject]] = {}
    for s in items:
        if s.replaces is not None and s.replaces != s.id:
            out.setdefault(f"{s.kind}:{s.replaces}", []).append(s)
    return out


def successors_of(subject: Subject, by_id: Mapping[str, Sequence[Subject]]) -> Sequence[Subject]:
    return by_id.get(f"{subject.kind}:{subject.id}", ())


def replaced_from(subject: Subject, after: Sequence[Subject]) -> dt.date | None:
    """The first day of the earliest known document that replaces ``subject``."""
    starts = [s.start for s in after if s.start is not None and not s.draft]
    return min(starts) if starts else None


def decided_on(subject: Subject) -> dt.date | None:
    """When the document was evidently decided: its signing, else its start (``None``: neither known)."""
    return subject.signed or subject.start


def owes_until(subject: Subject, after: Sequence[Subject]) -> dt.date | None:
    """The last day ``subject`` owes anything: its end, or the day before it is replaced;
    ``None`` when it runs on with nothing replacing it."""
    bound = subject.upper_bound
    replaced = replaced_from(subject, after)
    if replaced is not None:
        cut = previous_day(replaced)
        bound = cut if bound is None else min(bound, cut)
    return bound


def series_end(subject: Subject, after: Sequence[Subject]) -> dt.date | None:
    """The last day recurring obligations are drawn for: what it owes, capped at the horizon."""
    if subject.start is None:
        return None
    reviews = subject.document.reviews if isinstance(subject.document, Agreement) else []
    anchor = max([subject.start, subject.final_end or subject.start, *(r.date for r in reviews)])
    horizon = add_months(anchor, 12 * HORIZON_YEARS)
    bound = owes_until(subject, after)
    return horizon if bound is None else min(bound, horizon)


# States ----------------------------------------------------------------------------------------


class LifecycleState(enum.StrEnum):
    DRAFT = "draft"
    AWAITING_SIGNING = "not in force, starts at signing"
    NOT_STARTED = "not yet in force"
    SIGNED = "signed, not yet in force"
    IN_FORCE = "in force"
    IN_FORCE_UNSIGNED = "in force, signing not recorded"
    EXTENSION_PENDING = "extension decision pending"
    EXTENDED = "extended"
    INDEFINITE = "continuing indefinitely"
    UNTIL_REPLACED = "valid until replaced"
    ENDED = "ended"
    REPLACED = "replaced"


def _pending(subject: Subject, end: dt.date, as_of: dt.date) -> Message | None:
    agreement = subject.document
    clause = agreement.extension if isinstance(agreement, Agreement) else None
    if isinstance(clause, ExtensionRenewal) and clause.consultation_months_before is not None:
        deadline = add_months(end, -clause.consultation_months_before)
        if as_of > deadline:
            return N_("consultation was due {date}", date=str(deadline))
    elif isinstance(clause, ExtensionRenewal | ExtensionOption) and (end - as_of).days < PENDING_DAYS:
        return N_("decide before {end}", end=str(end))
    return None


def state_on(subject: Subject, after: Sequence[Subject], as_of: dt.date) -> tuple[LifecycleState, str | None]:
    """The state of ``subject`` on ``as_of`` and its detail in English (``until 2024-12-31`` …);
    ``after`` are the documents that replace it."""
    state, detail = state_said_on(subject, after, as_of)
    return state, detail.english() if detail is not None else None


def state_said_on(subject: Subject, after: Sequence[Subject], as_of: dt.date) -> tuple[LifecycleState, Message | None]:
    """:func:`state_on` with its detail as a :class:`Message`, to be said in the reader's language."""
    started = sorted(
        (s for s in after if s.start is not None and s.start <= as_of and not s.draft), key=lambda s: (s.start, s.id)
    )
    if started:
        first = started[0]
        return LifecycleState.REPLACED, N_("by '{id}' from {start}", id=first.id, start=str(first.start))
    if subject.draft:
        return LifecycleState.DRAFT, None
    signed = subject.signed_by(as_of)
    if subject.start is None:
        if subject.end is not None and as_of > subject.end:
            return LifecycleState.ENDED, N_("on {end}, never signed", end=str(subject.end))
        return LifecycleState.AWAITING_SIGNING, N_("no signing recorded")
    if subject.from_signing and not signed:  # the signing date is known, but it has not come
        return LifecycleState.AWAITING_SIGNING, N_("to be signed {date}", date=str(subject.signed))
    if as_of < subject.start:
        if signed:
            return LifecycleState.SIGNED, N_(
                "signed {date}, starts {start}", date=str(subject.signed), start=str(subject.start)
            )
        return LifecycleState.NOT_STARTED, N_("starts {start}", start=str(subject.start))
    end = subject.end_as_of(as_of)
    if end is None:
        state = LifecycleState.IN_FORCE if signed else LifecycleState.IN_FORCE_UNSIGNED
        return state, N_("until replaced") if subject.runs_on is RunsOn.UNTIL_REPLACED else N_("with no end date")
    if as_of > end:
        if subject.runs_on in (RunsOn.INDEFINITE, RunsOn.OPEN_ENDED, RunsOn.NO_END):
            return LifecycleState.INDEFINITE, N_("since {start}", start=str(next_day(end)))
        if subject.runs_on is RunsOn.UNTIL_REPLACED:
            return LifecycleState.UNTIL_REPLACED, N_("since {start}", start=str(next_day(end)))
        return LifecycleState.ENDED, N_("on {end}", end=str(end))
    decided = sorted(
        (
            s
            for s in after
            if not s.draft and s.start is not None and (day := decided_on(s)) is not None and day <= as_of
        ),
        key=lambda s: (s.start, s.id),
    )
    if decided:  # signed, not yet begun: what happens after the end is settled
        if end != subject.end:
            state = LifecycleState.EXTENDED
        else:
            state = LifecycleState.IN_FORCE if signed else LifecycleState.IN_FORCE_UNSIGNED
        return state, N_(
            "until {end}; replaced by '{id}' from {start}", end=str(end), id=decided[0].id, start=str(decided[0].start)
        )
    pending = _pending(subject, end, as_of)
    if pending is not None:
        return LifecycleState.EXTENSION_PENDING, pending
    if end != subject.end:
        return LifecycleState.EXTENDED, N_("until {end}", end=str(end))
    if signed:
        return LifecycleState.IN_FORCE, N_("until {end}", end=str(end))
    return LifecycleState.IN_FORCE_UNSIGNED, N_("until {end}", end=str(end))


def ended_on(subject: Subject, after: Sequence[Subject], state: LifecycleState, as_of: dt.date) -> dt.date | None:
    """The day it stopped being in force, for a document that ended or was replaced."""
    if state is LifecycleState.REPLACED:
        return replaced_from(subject, after)
    if state is LifecycleState.ENDED:
        return subject.end_as_of(as_of)
    return None


# Chains ----------------------------------------------------------------------------------------


def chain_breaks(items: Sequence[Subject], by_id: Mapping[str, Sequence[Subject]], as_of: dt.date) -> list[Lapse]:
    """Gaps and overlaps between each document and the ones that replace it, and the lapses
    left by extensions decided (on or before ``as_of``) after a document had ended."""
    out: list[Lapse] = []
    for old in items:
        out.extend(lapse for lapse in old.lapses() if lapse.end < as_of)
        end = old.end_as_of(as_of)
        for new in successors_of(old, by_id):
            if new.start is None or old.start is None:
                continue
            if end is not None and old.runs_on is None and next_day(end) < new.start:
                out.append(Lapse("gap", old.id, new.id, next_day(end), previous_day(new.start), old.kind))
            first = max(old.start, new.start)
            new_end = new.end_as_of(as_of)
            last = end if new_end is None else (new_end if end is None else min(end, new_end))
            if end is not None and last is not None and first <= last:
                out.append(Lapse("overlap", old.id, new.id, first, last, old.kind))
    return sorted(out, key=lambda g: (g.start, g.after, g.before, g.kind))


__all__ = [
    "HORIZON_YEARS",
    "MAX_OCCURRENCES",
    "Extension",
    "Lapse",
    "LifecycleState",
    "RunsOn",
    "Subject",
    "chain_breaks",
    "decided_on",
    "ended_on",
    "owes_until",
    "series_end",
    "state_on",
    "state_said_on",
    "subjects",
    "successors",
    "successors_of",
]

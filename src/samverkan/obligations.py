"""Every dated thing an agreement or a citizen promise asks for, and its state on a date.

:func:`obligations` turns a workspace into a sorted list of :class:`Obligation`: the start,
follow-ups (one-off and recurring, of the document, each action plan and each activity), the
meetings a group's cadence asks for (one obligation per period of the cadence), the
consultation or extension-decision deadline of each term, the end of each term, the reviews
of open-ended agreements, the decision on the next action plan when a plan is decided a period
at a time, and, for citizen promises, their end and the day the next one must be in force.

The obligations (their ids, due dates and calendar UIDs) are a function of the files alone;
the date asked about, ``as_of``, decides only their states:

* a task is *done* when what fulfils it is recorded with a date on or before ``as_of``,
  *overdue* after its due date, *due* while its window is open, else *upcoming*;
* an event (a start, an end) is *upcoming*, *due* on its day, and *passed* after it: an
  expiry is never overdue.

Recurring obligations end with what they belong to (its last day, or the day before the
document that replaces it starts), and for a document that runs on with no end they are drawn
up to :data:`samverkan.lifecycle.HORIZON_YEARS` after its start or last day, at most
:data:`samverkan.lifecycle.MAX_OCCURRENCES` of each. Nothing reads today's date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import functools
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import overload

from .dates import Window, add_months, iso_week_windows, month_end, next_day, recurring_windows
from .diagnostics import Where
from .i18n import N_, Message, Nn_, verbatim
from .lifecycle import (
    MAX_OCCURRENCES,
    RunsOn,
    Subject,
    SubjectKind,
    decided_on,
    owes_until,
    series_end,
    subjects,
    successors,
    successors_of,
)
from .model import (
    ActionPlanBody,
    ActionPlanFile,
    Agreement,
    CitizenPromise,
    ExtensionOpenEnded,
    ExtensionOption,
    ExtensionRenewal,
    FollowUp,
    FollowUpOnce,
    FollowUpRecord,
    Group,
)
from .periods import upper_bound
from .source import PathKey, Place
from .workspace import LoadedFile, Workspace


class Kind(enum.StrEnum):
    START = "start"
    FOLLOW_UP = "follow-up"
    MEETINGS = "meetings"
    CONSULTATION = "consultation"
    EXTENSION_DECISION = "extension-decision"
    EXPIRY = "expiry"
    REVIEW = "review"
    PLAN_DECISION = "plan-decision"
    PROMISE_END = "promise-end"
    PROMISE_NEXT = "promise-next"

    @property
    def is_event(self) -> bool:
        """Something that happens on its day (a start, an end), not a task someone can miss."""
        return self.value in _EVENTS


_EVENTS = frozenset({"start", "expiry", "promise-end"})


class State(enum.StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    DONE = "done"
    PASSED = "passed"


CLOSED = frozenset({State.DONE, State.PASSED})
"""States that need nothing more from anyone."""


@dataclass(frozen=True, slots=True)
class Obligation:
    """One dated thing an agreement or a citizen promise asks for."""

    agreement: str
    """The id of the agreement or citizen promise it belongs to."""
    kind: Kind
    key: str
    """Stable within the document (it does not change with ``as_of``): the calendar UID's base."""
    due: dt.date
    window_start: dt.date | None
    """First day of the window it may be done in; ``None``: a deadline on ``due`` alone."""
    state: State
    span: Where
    """Where it comes from in the YAML (a :class:`~samverkan.source.Place`: its line is read
    from the file only when shown)."""
    responsible: str | None = None
    done_on: dt.date | None = None
    parties: tuple[str, ...] = field(default=(), compare=False)
    """Names of the document's parties, for filtering by party."""
    document: str = "agreement"
    """``agreement`` or ``citizen-promise``: what ``agreement`` names."""
    message: Message | None = field(default=None, compare=False)
    """What it is, as a message id with parameters, for the languages of :mod:`samverkan.i18n`."""
    detail_message: Message | None = field(default=None, compare=False)
    """More about it (who, what was decided), likewise."""
    record: FollowUpRecord | None = field(default=None, compare=False)
    """For a follow-up done by ``as_of``: the entry in ``done`` that fulfils it (its note and
    link are this occurrence's, also when two entries share a date)."""

    @property
    def text(self) -> str:
        """A short English text: ``half-time follow-up 'Halvtidsuppföljning' (Dec 2021)``; made
        when asked for (most obligations of a run are never shown)."""
        return self.message.english() if self.message is not None else ""

    @property
    def detail(self) -> str | None:
        """:attr:`detail_message` in English."""
        return self.detail_message.english() if self.detail_message is not None else None

    def said(self) -> str:
        """``text`` in the current language."""
        return self.message.translate() if self.message is not None else self.text

    def detail_said(self) -> str | None:
        """``detail`` in the current language."""
        return self.detail_message.translate() if self.detail_message is not None else self.detail

    @property
    def uid(self) -> str:
        return f"{self.agreement}/{self.key}@samverkan"

    @property
    def closed(self) -> bool:
        return self.state in CLOSED

    def days_left(self, as_of: dt.date) -> int:
        return (self.due - as_of).days

    def sort_key(self) -> tuple[int, dt.date, str, str]:
        return (0 if self.state is State.OVERDUE else 1, self.due, self.agreement, self.key)


AHEAD_MONTHS = 12
"""How far ahead a reader is shown upcoming obligations by default (``due``, reports, pages)."""


def in_reach(o: Obligation, as_of: dt.date, months: int = AHEAD_MONTHS) -> bool:
    """Worth showing on ``as_of``: what is overdue or done, and what falls due within ``months``
    (the same as ``samverkan due``'s default ``--within``, so the site's due page and calendar
    list what ``due`` lists)."""
    return o.state in (State.OVERDUE, State.DONE) or o.due <= add_months(as_of, months)


def task_state(due: dt.date, window_start: dt.date | None, as_of: dt.date, done_on: dt.date | None) -> State:
    """A task's state: done once fulfilled on or before ``as_of``; overdue after ``due``."""
    if done_on is not None and done_on <= as_of:
        return State.DONE
    if as_of > due:
        return State.OVERDUE
    if as_of >= (window_start if window_start is not None else due):
        return State.DUE
    return State.UPCOMING


def event_state(day: dt.date, as_of: dt.date) -> State:
    """An event's state: upcoming, due on its day, passed after it."""
    if as_of > day:
        return State.PASSED
    return State.DUE if as_of == day else State.UPCOMING


@dataclass(frozen=True)
class _Context:
    """What every obligation of one document shares."""

    subject: Subject
    after: tuple[Subject, ...]
    """The documents that replace it."""
    as_of: dt.date
    last: dt.date | None
    """The last day recurring obligations are drawn for (``None``: no start yet)."""

    def make(
        self,
        kind: Kind,
        key: str,
        text: Message,
        due: dt.date,
        window_start: dt.date | None,
        span: Where,
        *,
        done_on: dt.date | None = None,
        responsible: str | None = None,
        detail: Message | None = None,
        record: FollowUpRecord | None = None,
    ) -> Obligation:
        due, window_start, done_on = _day(due), _day(window_start), _day(done_on)
        state = event_state(due, self.as_of) if kind.is_event else task_state(due, window_start, self.as_of, done_on)
        return Obligation(
            agreement=self.subject.id,
            kind=kind,
            key=key,
            due=due,
            window_start=window_start,
            state=state,
            span=span,
            responsible=responsible,
            done_on=done_on if done_on is not None and done_on <= self.as_of else None,
            parties=self.subject.party_names,
            document=self.subject.kind,
            message=text,
            detail_message=detail,
            record=record if done_on is not None and done_on <= self.as_of else None,
        )

    def responsible_name(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        for party in self.subject.parties:
            if party.id == ref:
                return party.name
        organisation = self.subject.document.organisation
        if organisation is not None:
            for group in organisation.groups:
                if group.id == ref:
                    return group.name
        return ref


@overload
def _day(day: dt.date) -> dt.date: ...
@overload
def _day(day: None) -> None: ...
@overload
def _day(day: dt.date | None) -> dt.date | None: ...
def _day(day: dt.date | None) -> dt.date | None:
    """A plain date: a date known to the month (``MonthDate``) counts from its first day."""
    return dt.date(day.year, day.month, day.day) if day is not None and type(day) is not dt.date else day


def _bounded(windows: Iterable[Window]) -> list[Window]:
    return list(itertools.islice(windows, MAX_OCCURRENCES))


# Follow-ups ----------------------------------------------------------------------------------


def _place(loaded: LoadedFile | None, path: PathKey) -> Place:
    return loaded.source.place(path) if loaded is not None else Place("")


@dataclass(frozen=True)
class _FollowUpPlace:
    loaded: LoadedFile | None
    path: PathKey
    follow_up: FollowUp
    owner: str
    """``agreement-x``, ``action-plan-p``, ``activity-a``: the key's middle part."""
    label: Message
    """For the text: nothing, `` of action plan 'p'``, `` of activity 'a'``."""
    start: dt.date | None = None
    end: dt.date | None = None
    """The activity's or plan's own dates, where it has them."""


def _plan_places(loaded: LoadedFile | None, path: PathKey, plan: ActionPlanBody) -> Iterator[_FollowUpPlace]:
    plan_start = plan.period.start if plan.period is not None else None
    plan_end = plan.period.end if plan.period is not None else None
    if plan.follow_up is not None:
        yield _FollowUpPlace(
            loaded,
            (*path, "follow_up"),
            plan.follow_up,
            f"action-plan-{plan.id}",
            N_(" of action plan '{id}'", id=plan.id),
            plan_start,
            plan_end,
        )
    for j, activity in enumerate(plan.activities):
        if activity.follow_up is not None:
            yield _FollowUpPlace(
                loaded,
                (*path, "activities", j, "follow_up"),
                activity.follow_up,
                f"activity-{activity.id}",
                N_(" of activity '{id}'", id=activity.id),
                activity.start or plan_start,
                activity.end or plan_end,
            )


_PlanPlace = tuple[LoadedFile | None, PathKey, ActionPlanBody]
"""An action plan with its file and its key path there."""


def _plans(subject: Subject, plan_files: Mapping[str, Sequence[tuple[LoadedFile, ActionPlanFile]]]) -> list[_PlanPlace]:
    """The document's inline action plans, then (for an agreement) the plan files that name it
    (``plan_files``: by agreement id, in file order)."""
    doc = subject.document
    out: list[_PlanPlace] = [
        (subject.loaded, (*subject.path, "action_plans", i), entry)
        for i, entry in enumerate(doc.action_plans)
        if isinstance(entry, ActionPlanBody)
    ]
    if subject.kind == "agreement":
        out.extend((loaded, (), plan) for loaded, plan in plan_files.get(subject.id, ()))
    return out


def _follow_up_places(subject: Subject, plans: Sequence[_PlanPlace]) -> Iterator[_FollowUpPlace]:
    doc = subject.document
    if doc.follow_up is not None:
        path = (*subject.path, "follow_up")
        yield _FollowUpPlace(subject.loaded, path, doc.follow_up, f"{subject.kind}-{doc.id}", Message(""))
    for loaded, path, plan in plans:
        yield from _plan_places(loaded, path, plan)


@dataclass(frozen=True)
class _Occurrence:
    key: str
    label: str
    window_start: dt.date | None
    due: dt.date


def _occurrences(place: _FollowUpPlace, rule_index: int, ctx: _Context) -> list[_Occurrence]:
    rule = place.follow_up.schedule[rule_index]
    if isinstance(rule, FollowUpOnce):
        if rule.month is not None:
            label = f"{rule.month.first_day:%b %Y}"
            return [_Occurrence(str(rule.month), label, rule.month.first_day, rule.month.last_day)]
        assert rule.date is not None
        return [_Occurrence(rule.date.isoformat(), rule.date.isoformat(), None, rule.date)]
    start = place.start or ctx.subject.start
    end = ctx.last if place.end is None else (place.end if ctx.last is None else min(place.end, ctx.last))
    if start is None or end is None or end < start:
        return []
    windows = _bounded(recurring_windows(rule.type, rule.every, start, end, end))
    return [_Occurrence(w.end.isoformat(), w.label, w.start, w.end) for w in windows]


def _match(occurrences: Sequence[_Occurrence], records: Sequence[FollowUpRecord]) -> dict[str, FollowUpRecord]:
    """Which occurrence each record fulfils: by its ``due`` if given, else the earliest open one
    that had begun when the record was made (or the earliest open one at all)."""
    done: dict[str, FollowUpRecord] = {}
    by_due = {occ.due: occ for occ in occurrences}
    loose = []
    for record in sorted(records, key=lambda r: (r.date, r.due or r.date)):
        occ = by_due.get(record.due) if record.due is not None else None
        if occ is not None and occ.key not in done:
            done[occ.key] = record
        else:
            loose.append(record)
    open_ones = [o for o in occurrences if o.key not in done]
    for record in loose:
        begun = [o for o in open_ones if (o.window_start or o.due) <= record.date]
        chosen = begun[0] if begun else (open_ones[0] if open_ones else None)
        if chosen is not None:
            done[chosen.key] = record
            open_ones.remove(chosen)
    return done


def _follow_up_obligations(place: _FollowUpPlace, ctx: _Context) -> Iterator[Obligation]:
    for i, rule in enumerate(place.follow_up.schedule):
        occurrences = _occurrences(place, i, ctx)
        records = [r for r in place.follow_up.done if r.rule == rule.id]
        done = _match(occurrences, records)
        what = N_("follow-up") if isinstance(rule, FollowUpOnce) else _FREQUENCY_FOLLOW_UP[rule.type]
        span = _place(place.loaded, (*place.path, "schedule", i))
        for occ in occurrences:
            yield ctx.make(
                Kind.FOLLOW_UP,
                f"follow-up/{place.owner}/{rule.id}/{occ.key}",
                N_(
                    "{what} '{title}'{owner} ({period})",
                    what=what,
                    title=rule.title or rule.id,
                    owner=place.label,
                    period=window_label(occ.label),
                ),
                occ.due,
                occ.window_start,
                span,
                done_on=done[occ.key].date if occ.key in done else None,
                responsible=ctx.responsible_name(place.follow_up.responsible),
                record=done.get(occ.key),
            )


_FREQUENCY_FOLLOW_UP = {
    "yearly": N_("yearly follow-up"),
    "half-yearly": N_("half-yearly follow-up"),
    "tertial": N_("tertial follow-up"),
    "quarterly": N_("quarterly follow-up"),
    "monthly": N_("monthly follow-up"),
    "weekly": N_("weekly follow-up"),
}

_MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
_MONTH_INDEX = {m.singular: m for m in _MONTHS}
_MONTH_LABEL = re.compile(r"([A-Z][a-z]{2})(?:–([A-Z][a-z]{2}))? (\d{4})")
_WEEK_LABEL = re.compile(r"(weeks?) (\S+)")


@functools.lru_cache(maxsize=4096)
def window_label(label: str) -> Message:
    """A window's label (``Dec 2021``, ``Jan–Apr 2014``, ``week 2023-W19``, ``2021``) as a message."""
    match = _MONTH_LABEL.fullmatch(label)
    if match and match[1] in _MONTH_INDEX and (match[2] is None or match[2] in _MONTH_INDEX):
        first = _MONTH_INDEX[match[1]]
        if match[2] is None:
            return verbatim("{month} {year}", month=first, year=match[3])
        return verbatim("{first}–{last} {year}", first=first, last=_MONTH_INDEX[match[2]], year=match[3])
    match = _WEEK_LABEL.fullmatch(label)
    if match:
        return N_("week {week}", week=match[2]) if match[1] == "week" else N_("weeks {weeks}", weeks=match[2])
    return verbatim(label)


# Meetings ------------------------------------------------------------------------------------

_CADENCE_FREQUENCY = {"year": "yearly", "half-year": "half-yearly", "quarter": "quarterly", "month": "monthly"}


def _meeting_obligations(ctx: _Context) -> Iterator[Obligation]:
    organisation = ctx.subject.document.organisation
    if organisation is None or ctx.subject.start is None or ctx.last is None:
        return
    for g, group in enumerate(organisation.groups):
        if group.cadence is not None:
            yield from _group_meetings(ctx, g, group)


def _group_meetings(ctx: _Context, g: int, group: Group) -> Iterator[Obligation]:
    cadence = group.cadence
    start, end = ctx.subject.start, ctx.last
    assert cadence is not None and start is not None and end is not None
    if cadence.unit == "week":
        windows = _bounded(iso_week_windows(cadence.every, start, end))
    else:
        frequency = _CADENCE_FREQUENCY[cadence.unit]
        windows = _bounded(recurring_windows(frequency, cadence.every, start, end, end))
    span = ctx.subject.place("organisation", "groups", g, "cadence")
    count = cadence.times
    dates = sorted(m.date for m in group.meetings)
    for window in windows:
        held = dates[bisect.bisect_left(dates, window.start) : bisect.bisect_right(dates, window.end)]
        done_on = held[count - 1] if len(held) >= count else None
        known = sum(1 for d in held if d <= ctx.as_of)
        yield ctx.make(
            Kind.MEETINGS,
            f"meetings/{group.id}/{window.end.isoformat()}",
            (
                Nn_(
                    "{group}: at least {n} meeting in {period}",
                    "{group}: at least {n} meetings in {period}",
                    count,
                    group=group.name,
                    period=window_label(window.label),
                )
                if cadence.at_least
                else Nn_(
                    "{group}: {n} meeting in {period}",
                    "{group}: {n} meetings in {period}",
                    count,
                    group=group.name,
                    period=window_label(window.label),
                )
            ),
            window.end,
            window.start,
            span,
            done_on=done_on,
            responsible=group.name,
            detail=(
                N_("{known} of at least {count} recorded", known=known, count=count)
                if cadence.at_least
                else N_("{known} of {count} recorded", known=known, count=count)
            ),
        )


# Terms: consultation, extension decision, end; reviews ---------------------------------------


@dataclass(frozen=True)
class _Term:
    start: dt.date
    end: dt.date
    decided: dt.date | None
    """When the decision to extend past ``end`` was taken (``None``: not extended)."""
    extended_to: dt.date | None


def _terms(subject: Subject) -> list[_Term]:
    """The stretches between recorded extensions; the last one ends at the final end."""
    assert subject.start is not None and subject.end is not None
    out = []
    start = subject.start
    for ext in subject.extensions:
        out.append(_Term(start, ext.before, ext.decided or start, ext.after))
        start = next_day(ext.before)
    final = subject.final_end
    assert final is not None
    out.append(_Term(start, final, None, None))
    return out


def _replaced_on(ctx: _Context) -> dt.date | None:
    """When the decision to replace was evidently taken: the successor's signing, else its start."""
    return min((d for s in ctx.after if not s.draft and (d := decided_on(s)) is not None), default=None)


def _term_obligations(ctx: _Context) -> Iterator[Obligation]:
    subject = ctx.subject
    if subject.start is None:
        if subject.end is not None:  # starts at a signing yet to come; the last day is known
            yield from _ends(ctx, [_Term(subject.end, subject.end, None, None)], None)
        return
    clause = subject.document.extension if isinstance(subject.document, Agreement) else None
    if subject.end is None:
        if isinstance(clause, ExtensionOpenEnded):
            yield from _reviews(ctx, clause.review_every_years)
        return
    bound = owes_until(subject, ctx.after)
    replaced = _replaced_on(ctx)
    replaced_note = N_("replaced by '{id}'", id=ctx.after[0].id) if ctx.after else None
    terms = [t for t in _terms(subject) if bound is None or t.start <= bound]
    consulted = (
        sorted(c.date for c in subject.document.consultations) if isinstance(subject.document, Agreement) else []
    )
    for term in terms:
        held = [d for d in consulted if term.start <= d <= term.end]
        decided_or_held = term.decided if term.decided is not None else (held[0] if held else replaced)
        if isinstance(clause, ExtensionRenewal) and clause.consultation_months_before is not None:
            # The consultation recorded is the day it was held; without one, a decision on
            # extension shows that it was (the clause asks for it before deciding).
            done_on = held[0] if held else decided_or_held
            months = clause.consultation_months_before
            yield ctx.make(
                Kind.CONSULTATION,
                f"consultation/{term.end.isoformat()}",
                Nn_(
                    "consultation on extension ({n} month before {end})",
                    "consultation on extension ({n} months before {end})",
                    months,
                    end=term.end.isoformat(),
                ),
                add_months(term.end, -months),
                term.start,
                subject.place("extension", "consultation_months_before"),
                done_on=done_on,
                detail=replaced_note if term.decided is None else None,
            )
        elif isinstance(clause, ExtensionRenewal | ExtensionOption):
            yield ctx.make(
                Kind.EXTENSION_DECISION,
                f"extension-decision/{term.end.isoformat()}",
                N_("decision on extension before {end}", end=term.end.isoformat()),
                term.end,
                term.start,
                subject.place("extension", "type"),
                done_on=decided_or_held,
                detail=replaced_note if term.decided is None else None,
            )
    yield from _ends(ctx, terms, bound)
    if isinstance(clause, ExtensionOpenEnded):
        yield from _reviews(ctx, clause.review_every_years)


_EXTENDED_END: dict[tuple[SubjectKind, str], Message] = {
    ("agreement", "not yet decided"): N_("agreement period ends {end}"),
    ("citizen-promise", "not yet decided"): N_("citizen promise period ends {end}"),
    ("agreement", "decided"): N_("agreement period ends {end}, extended on {decided} until {until}"),
    ("citizen-promise", "decided"): N_("citizen promise period ends {end}, extended on {decided} until {until}"),
    ("agreement", "undated"): N_("agreement period ends {end}, extended until {until}"),
    ("citizen-promise", "undated"): N_("citizen promise period ends {end}, extended until {until}"),
}
"""The end of a period that was extended, by kind of document and by what is known of the
extension on the date: not yet decided (only the end is said), decided on a day, or undated."""


def _ends(ctx: _Context, terms: Sequence[_Term], bound: dt.date | None) -> Iterator[Obligation]:
    subject = ctx.subject
    kind = Kind.EXPIRY if subject.kind == "agreement" else Kind.PROMISE_END
    span = subject.place("period", "end") if not subject.extensions else subject.place("extensions")
    for term in terms:
        if bound is not None and term.end > bound:
            continue  # replaced before this day: the successor's start is the event
        if term.extended_to is not None:
            # Said only once it was decided: asked about an earlier day, the end is just the end.
            known = term.decided is None or term.decided <= ctx.as_of
            ends = term.end.isoformat()
            until = term.extended_to.isoformat()
            if not known:
                text = _EXTENDED_END[(subject.kind, "not yet decided")].fill(end=ends)
            elif term.decided is not None:
                text = _EXTENDED_END[(subject.kind, "decided")].fill(
                    end=ends, decided=term.decided.isoformat(), until=until
                )
            else:
                text = _EXTENDED_END[(subject.kind, "undated")].fill(end=ends, until=until)
            yield ctx.make(
                kind,
                f"{kind.value}/{term.end.isoformat()}",
                text,
                term.end,
                None,
                span,
            )
            continue
        if subject.runs_on is RunsOn.INDEFINITE:
            text = N_("period ends; continues indefinitely until a new agreement is signed")
        elif subject.runs_on is RunsOn.OPEN_ENDED:
            text = N_("period ends; continues until replaced")
        elif subject.runs_on is RunsOn.UNTIL_REPLACED:
            text = N_("citizen promise period ends; valid until the next promise")
        elif subject.kind == "citizen-promise":
            text = N_("citizen promise '{title}' ends", title=subject.title)
        else:
            text = N_("agreement ends")
        yield ctx.make(kind, f"{kind.value}/{term.end.isoformat()}", text, term.end, None, span)


def _reviews(ctx: _Context, every_years: int) -> Iterator[Obligation]:
    """Reviews every N years: on the anniversary of the start, or of the last review held."""
    subject = ctx.subject
    agreement = subject.document
    assert isinstance(agreement, Agreement) and subject.start is not None
    last = ctx.last or subject.start
    months = 12 * every_years
    span = subject.place("extension", "review_every_years")
    anchor = subject.start
    held = sorted(r.date for r in agreement.reviews if r.date > subject.start)
    count = 0
    while count < MAX_OCCURRENCES:
        due = add_months(anchor, months)
        if due > last or due == anchor:
            return
        done_on = held.pop(0) if held else None
        yield ctx.make(
            Kind.REVIEW,
            f"review/{due.isoformat()}",
            Nn_(
                "review of the agreement (every {n} year, from {start})",
                "review of the agreement (every {n} years, from {start})",
                every_years,
                start=anchor.isoformat(),
            ),
            due,
            next_day(add_months(due, -12)),
            span,
            done_on=done_on,
            responsible=None,
        )
        anchor = done_on if done_on is not None else due
        count += 1


# Action plans decided a period at a time ------------------------------------------------------


def _plan_decisions(ctx: _Context, plans: Sequence[_PlanPlace]) -> Iterator[Obligation]:
    for loaded, path, plan in plans:
        if plan.renewal is None or plan.period is None:
            continue
        following = next_day(plan.period.end)
        if ctx.last is None or following > ctx.last or following == plan.period.end:
            continue
        nexts = [p for _, _, p in plans if p.replaces == plan.id and p is not plan]
        days = [
            p.decision.date
            if p.decision is not None and p.decision.date is not None
            else (p.period.start if p.period is not None else None)
            for p in nexts
        ]
        known = [d for d in days if d is not None]
        yield ctx.make(
            Kind.PLAN_DECISION,
            f"plan-decision/{plan.id}",
            N_(
                "next action plan decided (after '{title}' ends {end})",
                title=plan.title,
                end=plan.period.end.isoformat(),
            ),
            following,
            plan.period.start,
            _place(loaded, (*path, "renewal")),
            done_on=min(known) if known else None,
            detail=Nn_("{n} month at a time", "{n} months at a time", plan.renewal.months),
        )


# Citizen promises ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Promises:
    """The citizen promises of a run, by the id they replace and by their agreement, so that
    each promise looks only at the ones that may cover it (not at every promise)."""

    by_replaces: dict[str, list[Subject]]
    by_agreement: dict[int, list[Subject]]

    @classmethod
    def of(cls, promises: Sequence[Subject]) -> _Promises:
        by_replaces: dict[str, list[Subject]] = {}
        by_agreement: dict[int, list[Subject]] = {}
        for p in promises:
            if p.replaces is not None:
                by_replaces.setdefault(p.replaces, []).append(p)
            if p.agreement is not None:
                by_agreement.setdefault(id(p.agreement), []).append(p)
        return cls(by_replaces, by_agreement)

    def near(self, subject: Subject) -> list[Subject]:
        """The promises that replace ``subject`` or share its agreement, each once, in order."""
        found = {id(p): p for p in self.by_replaces.get(subject.id, ())}
        if subject.agreement is not None:
            found.update((id(p), p) for p in self.by_agreement.get(id(subject.agreement), ()))
        return list(found.values())


def _promise_next(ctx: _Context, promises: _Promises) -> Iterator[Obligation]:
    subject = ctx.subject
    promise = subject.document
    assert isinstance(promise, CitizenPromise)
    last = subject.final_end
    if last is None or subject.runs_on is not None or subject.start is None:
        return
    terms = subject.agreement.citizen_promise_terms if subject.agreement is not None else None
    if promise.renewal is None and terms is None:
        return
    following = next_day(last)
    if following == last:
        return
    if subject.agreement is not None:
        agreement_end = upper_bound(subject.agreement)
        if agreement_end is not None and following > agreement_end:
            return
    covering = [
        p.signed if p.signed is not None and p.signed <= p.start else p.start
        for p in promises.near(subject)
        if p is not subject
        and p.start is not None
        and not p.draft
        and (
            p.replaces == subject.id
            or (
                subject.agreement is not None
                and p.agreement is subject.agreement
                and p.start <= following
                and (p.final_end is None or following <= p.final_end)
            )
        )
    ]
    yield ctx.make(
        Kind.PROMISE_NEXT,
        f"promise-next/{subject.id}",
        N_("next citizen promise in force after '{title}'", title=subject.title),
        following,
        subject.start,
        subject.place("period"),
        done_on=min(covering) if covering else None,
    )


# The whole workspace -------------------------------------------------------------------------


def _start(ctx: _Context) -> Iterator[Obligation]:
    subject = ctx.subject
    if subject.start is None:
        return
    if subject.kind == "agreement":
        text = (
            N_("agreement comes into force (from signing)")
            if subject.from_signing
            else N_("agreement comes into force")
        )
    else:
        text = (
            N_("citizen promise comes into force (from signing)")
            if subject.from_signing
            else N_("citizen promise comes into force")
        )
    yield ctx.make(
        Kind.START,
        "start",
        text,
        subject.start,
        None,
        subject.place("period", "start"),
    )


def obligations(
    ws: Workspace,
    as_of: dt.date,
    found: Sequence[Subject] | None = None,
    by_id: Mapping[str, Sequence[Subject]] | None = None,
) -> list[Obligation]:
    """Every obligation of every valid agreement and citizen promise in ``ws``, with its state on
    ``as_of``, sorted: overdue first, then by due date, document and key. ``found``: the
    workspace's :func:`~samverkan.lifecycle.subjects`, and ``by_id`` their
    :func:`~samverkan.lifecycle.successors`, when the caller has them already."""
    found = subjects(ws) if found is None else found
    by_id = successors(found) if by_id is None else by_id
    promises = _Promises.of([s for s in found if s.kind == "citizen-promise"])
    plan_files: dict[str, list[tuple[LoadedFile, ActionPlanFile]]] = {}
    for loaded, plan in ws.action_plan_files():
        plan_files.setdefault(plan.agreement, []).append((loaded, plan))
    out: list[Obligation] = []
    for subject in found:
        if subject.draft:
            continue  # a draft owes nothing until it is decided
        after = tuple(successors_of(subject, by_id))
        ctx = _Context(subject, after, as_of, series_end(subject, after))
        out.extend(_start(ctx))
        out.extend(_term_obligations(ctx))
        out.extend(_meeting_obligations(ctx))
        plans = _plans(subject, plan_files)
        for place in _follow_up_places(subject, plans):
            out.extend(_follow_up_obligations(place, ctx))
        out.extend(_plan_decisions(ctx, plans))
        if subject.kind == "citizen-promise":
            out.extend(_promise_next(ctx, promises))
    return sorted(out, key=Obligation.sort_key)


__all__ = [
    "AHEAD_MONTHS",
    "CLOSED",
    "Kind",
    "Obligation",
    "State",
    "event_state",
    "in_reach",
    "month_end",
    "obligations",
    "task_state",
]

"""Every dated thing an agreement asks for, as of a given date.

:func:`obligations` turns a workspace into a sorted list of :class:`Obligation`: the start,
follow-ups (one-off and recurring, for the agreement, each action plan and each activity),
the meetings a group's cadence asks for, the consultation or extension-decision deadline,
expiry, the reviews of open-ended agreements, and the end of each citizen promise with the
day the next one must be in force. Each has a due date (and, where the thing can be done
over a stretch of days, a window), where it comes from, and a state read from what was
recorded: done, due (its window is open), overdue, or upcoming.

Everything is a pure function of the workspace and ``as_of``; nothing reads today's date.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .dates import Window, add_months, extend_end, month_end, next_day, previous_day, recurring_windows
from .diagnostics import Span
from .model import (
    Agreement,
    ExtensionIndefinite,
    ExtensionOpenEnded,
    ExtensionOption,
    ExtensionRenewal,
    FollowUpOnce,
    FollowUpRecord,
    Group,
)
from .periods import effective_end, extension_steps, upper_bound
from .walk import AgreementIndex, FollowUpPlace, agreement_index, follow_ups, promises
from .workspace import LoadedFile, Workspace

HORIZON = dt.timedelta(days=366)
"""How far past ``as_of`` the series of an agreement with no end are drawn."""


class Kind(enum.StrEnum):
    START = "start"
    FOLLOW_UP = "follow-up"
    MEETINGS = "meetings"
    CONSULTATION = "consultation"
    EXTENSION_DECISION = "extension-decision"
    EXPIRY = "expiry"
    REVIEW = "review"
    PROMISE_END = "promise-end"
    PROMISE_NEXT = "promise-next"


class State(enum.StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    UPCOMING = "upcoming"
    DONE = "done"


@dataclass(frozen=True)
class Obligation:
    """One dated thing an agreement asks for."""

    agreement: str
    """The agreement's id."""
    kind: Kind
    key: str
    """Stable within the agreement (it does not change with ``as_of``): the calendar UID's base."""
    text: str
    """A short English text: ``half-time follow-up 'Halvtidsuppföljning' (Dec 2021)``."""
    due: dt.date
    window_start: dt.date | None
    """First day of the window it may be done in; ``None``: a deadline on ``due`` alone."""
    state: State
    span: Span
    """Where it comes from in the YAML."""
    responsible: str | None = None
    done_on: dt.date | None = None
    detail: str | None = None
    parties: tuple[str, ...] = field(default=(), compare=False)
    """Names of the agreement's parties, for filtering by party."""

    @property
    def uid(self) -> str:
        return f"{self.agreement}/{self.key}@samverkan"

    def days_left(self, as_of: dt.date) -> int:
        return (self.due - as_of).days

    def sort_key(self) -> tuple[int, dt.date, str, str]:
        return (0 if self.state is State.OVERDUE else 1, self.due, self.agreement, self.key)


def _state(due: dt.date, window_start: dt.date | None, as_of: dt.date, done: bool) -> State:
    if done:
        return State.DONE
    if as_of > due:
        return State.OVERDUE
    if as_of >= (window_start if window_start is not None else due):
        return State.DUE
    return State.UPCOMING


@dataclass(frozen=True)
class _Context:
    """What every obligation of one agreement shares."""

    loaded: LoadedFile
    agreement: Agreement
    as_of: dt.date
    replaced_by: tuple[Agreement, ...]

    def span(self, *path: str | int) -> Span:
        return self.loaded.source.span(path)

    def make(
        self,
        kind: Kind,
        key: str,
        text: str,
        due: dt.date,
        window_start: dt.date | None,
        span: Span,
        *,
        done_on: dt.date | None = None,
        done: bool = False,
        responsible: str | None = None,
        detail: str | None = None,
    ) -> Obligation:
        finished = done or done_on is not None
        return Obligation(
            agreement=self.agreement.id,
            kind=kind,
            key=key,
            text=text,
            due=due,
            window_start=window_start,
            state=_state(due, window_start, self.as_of, finished),
            span=span,
            responsible=responsible,
            done_on=done_on,
            detail=detail,
            parties=self.party_names,
        )

    @functools.cached_property
    def party_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.agreement.parties)

    @property
    def successor(self) -> Agreement | None:
        """The agreement that replaces this one and has started, as of the date."""
        started = [a for a in self.replaced_by if a.period.start <= self.as_of]
        return min(started, key=lambda a: a.period.start) if started else None

    def responsible_name(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        for party in self.agreement.parties:
            if party.id == ref:
                return party.name
        if self.agreement.organisation is not None:
            for group in self.agreement.organisation.groups:
                if group.id == ref:
                    return group.name
        return ref


# Follow-ups ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Occurrence:
    key: str
    label: str
    window_start: dt.date | None
    due: dt.date


def _occurrences(place: FollowUpPlace, rule_index: int, ctx: _Context) -> list[_Occurrence]:
    rule = place.follow_up.schedule[rule_index]
    if isinstance(rule, FollowUpOnce):
        if rule.month is not None:
            label = f"{rule.month.first_day:%b %Y}"
            return [_Occurrence(str(rule.month), label, rule.month.first_day, rule.month.last_day)]
        assert rule.date is not None
        return [_Occurrence(rule.date.isoformat(), rule.date.isoformat(), None, rule.date)]
    start, end = _series_bounds(place, ctx)
    windows: Iterable[Window] = recurring_windows(rule.type, rule.every, start, end, ctx.as_of + HORIZON)
    return [_Occurrence(w.end.isoformat(), w.label, w.start, w.end) for w in windows]


def _series_bounds(place: FollowUpPlace, ctx: _Context) -> tuple[dt.date, dt.date | None]:
    """The stretch a recurring follow-up runs over: the activity's own dates, else the agreement's."""
    start, end = ctx.agreement.period.start, upper_bound(ctx.agreement)
    path = place.path
    if len(path) >= 3 and path[-3] == "activities":
        plan_path, index = path[:-3], path[-2]
        assert isinstance(index, int)
        activity = _activity_at(place, plan_path, index)
        if activity is not None:
            start = activity[0] or start
            end = activity[1] or end
    return start, end


def _activity_at(
    place: FollowUpPlace, plan_path: tuple[str | int, ...], index: int
) -> tuple[dt.date | None, dt.date | None] | None:
    doc = place.loaded.document
    node: object = doc
    for part in plan_path:
        node = node[part] if isinstance(part, int) and isinstance(node, list) else getattr(node, str(part), None)
    activities = getattr(node, "activities", None)
    if not isinstance(activities, list) or index >= len(activities):
        return None
    activity = activities[index]
    return activity.start, activity.end


def _match(occurrences: Sequence[_Occurrence], records: Sequence[FollowUpRecord]) -> dict[str, dt.date]:
    """Which occurrence each record fulfils: by its ``due`` if given, else the earliest open one
    that had begun when the record was made (or the earliest open one at all)."""
    done: dict[str, dt.date] = {}
    loose = []
    for record in sorted(records, key=lambda r: (r.date, r.due or r.date)):
        if record.due is not None:
            for occ in occurrences:
                if occ.due == record.due and occ.key not in done:
                    done[occ.key] = record.date
                    break
            else:
                loose.append(record)
        else:
            loose.append(record)
    for record in loose:
        open_ones = [o for o in occurrences if o.key not in done]
        begun = [o for o in open_ones if (o.window_start or o.due) <= record.date]
        chosen = begun[0] if begun else (open_ones[0] if open_ones else None)
        if chosen is not None:
            done[chosen.key] = record.date
    return done


def _follow_up_obligations(place: FollowUpPlace, ctx: _Context) -> Iterator[Obligation]:
    for i, rule in enumerate(place.follow_up.schedule):
        occurrences = _occurrences(place, i, ctx)
        records = [r for r in place.follow_up.done if r.rule == rule.id]
        done = _match(occurrences, records)
        what = "follow-up" if isinstance(rule, FollowUpOnce) else f"{rule.type} follow-up"
        title = f" '{rule.title}'" if rule.title else f" '{rule.id}'"
        owner = "" if place.owner.startswith("agreement") else f" of {place.owner}"
        span = place.loaded.source.span((*place.path, "schedule", i))
        prefix = place.owner.replace("'", "").replace(" ", "-")  # agreement-x, action-plan-p, activity-a
        for occ in occurrences:
            yield ctx.make(
                Kind.FOLLOW_UP,
                f"follow-up/{prefix}/{rule.id}/{occ.key}",
                f"{what}{title}{owner} ({occ.label})",
                occ.due,
                occ.window_start,
                span,
                done_on=done.get(occ.key),
                responsible=ctx.responsible_name(place.follow_up.responsible),
            )


# Meetings ------------------------------------------------------------------------------------

_CADENCE_FREQUENCY = {"year": "yearly", "half-year": "half-yearly", "quarter": "quarterly", "month": "monthly"}


def _meeting_obligations(ctx: _Context) -> Iterator[Obligation]:
    organisation = ctx.agreement.organisation
    if organisation is None:
        return
    for g, group in enumerate(organisation.groups):
        if group.cadence is None:
            continue
        yield from _group_meetings(ctx, g, group)


def _group_meetings(ctx: _Context, g: int, group: Group) -> Iterator[Obligation]:
    cadence = group.cadence
    assert cadence is not None
    start, end = ctx.agreement.period.start, upper_bound(ctx.agreement)
    horizon = ctx.as_of + HORIZON
    if cadence.unit in ("year", "half-year", "quarter"):
        windows = list(recurring_windows(_CADENCE_FREQUENCY[cadence.unit], cadence.every, start, end, horizon))
        owed = [(w, cadence.times) for w in windows]
    else:
        # Monthly and weekly cadences are counted per calendar year, not per month or week.
        unit = "monthly" if cadence.unit == "month" else "weekly"
        slots = list(recurring_windows(unit, cadence.every, start, end, horizon))
        per_year: dict[int, list[Window]] = {}
        for slot in slots:
            per_year.setdefault(slot.start.year, []).append(slot)
        owed = [
            (Window(items[0].start, items[-1].end, str(year)), cadence.times * len(items))
            for year, items in sorted(per_year.items())
        ]
    span = ctx.span("organisation", "groups", g, "cadence")
    least = "at least " if cadence.at_least else ""
    for window, count in owed:
        held = sum(1 for m in group.meetings if window.start <= m.date <= window.end)
        enough = held >= count
        noun = "meeting" if count == 1 else "meetings"
        yield ctx.make(
            Kind.MEETINGS,
            f"meetings/{group.id}/{window.end.isoformat()}",
            f"{group.name}: {least}{count} {noun} in {window.label}",
            window.end,
            window.start,
            span,
            done=enough,
            done_on=max((m.date for m in group.meetings if window.start <= m.date <= window.end), default=None)
            if enough
            else None,
            responsible=group.name,
            detail=f"{held} of {least}{count} recorded",
        )


# Extension, expiry, review -------------------------------------------------------------------


def _term_obligations(ctx: _Context) -> Iterator[Obligation]:
    agreement = ctx.agreement
    clause = agreement.extension
    end = agreement.period.end
    if end is None:
        if isinstance(clause, ExtensionOpenEnded):
            yield from _reviews(ctx, clause.review_every_years)
        return
    successor = ctx.successor
    steps = extension_steps(agreement)
    # Each term ends on the day before an extension decision took effect, or on the current end.
    terms: list[tuple[dt.date, dt.date, dt.date | None]] = []  # (term start, term end, decided)
    term_start = agreement.period.start
    for step in steps:
        if step.before is None or step.after is None or step.after == step.before:
            continue
        terms.append((term_start, step.before, step.decision.decided))
        term_start = next_day(step.before)
    final_end = effective_end(agreement)
    assert final_end is not None
    terms.append((term_start, final_end, None))
    replaced_note = f"replaced by '{successor.id}'" if successor is not None else None
    if isinstance(clause, ExtensionRenewal) and clause.consultation_months_before is not None:
        months = clause.consultation_months_before
        for start, last, decided in terms:
            deadline = add_months(last, -months)
            yield ctx.make(
                Kind.CONSULTATION,
                f"consultation/{last.isoformat()}",
                f"consultation on extension ({months} months before {last.isoformat()})",
                deadline,
                start,
                ctx.span("extension", "consultation_months_before"),
                done_on=decided,
                done=successor is not None,
                detail=replaced_note,
            )
    elif isinstance(clause, ExtensionRenewal | ExtensionOption):
        for start, last, decided in terms:
            yield ctx.make(
                Kind.EXTENSION_DECISION,
                f"extension-decision/{last.isoformat()}",
                f"decision on extension before {last.isoformat()}",
                last,
                start,
                ctx.span("extension", "type"),
                done_on=decided,
                done=successor is not None,
                detail=replaced_note,
            )
    indefinite = isinstance(clause, ExtensionIndefinite)
    text = "period ends; continues indefinitely until a new agreement is signed" if indefinite else "agreement expires"
    yield ctx.make(
        Kind.EXPIRY,
        f"expiry/{final_end.isoformat()}",
        text,
        final_end,
        None,
        ctx.span("period", "end") if not steps else ctx.span("extensions"),
        done=ctx.as_of > final_end and (indefinite or successor is not None),
        detail=replaced_note or ("continues indefinitely" if indefinite and ctx.as_of > final_end else None),
    )
    if isinstance(clause, ExtensionOpenEnded):
        yield from _reviews(ctx, clause.review_every_years)


def _reviews(ctx: _Context, every_years: int) -> Iterator[Obligation]:
    start = ctx.agreement.period.start
    horizon = ctx.as_of + HORIZON
    k = 1
    while True:
        due = extend_end(previous_day(start), every_years * k)
        window_start = next_day(extend_end(previous_day(start), every_years * (k - 1)))
        if window_start > horizon:
            return
        yield ctx.make(
            Kind.REVIEW,
            f"review/{due.isoformat()}",
            f"review of the agreement (every {every_years} years)",
            due,
            window_start,
            ctx.span("extension", "review_every_years"),
        )
        if due == dt.date.max:
            return
        k += 1


# Citizen promises ----------------------------------------------------------------------------


def _promise_obligations(ws: Workspace, index: AgreementIndex, contexts: dict[str, _Context]) -> Iterator[Obligation]:
    by_agreement: dict[str, list[tuple[dt.date, dt.date | None]]] = {}
    places = [p for p in promises(ws, index) if p.agreement is not None and p.agreement.id in contexts]
    for place in places:
        assert place.agreement is not None
        period = place.promise.period
        ends = [e.until for e in place.promise.extensions] + ([period.end] if period.end else [])
        last = max(ends) if ends and not period.until_next else None
        by_agreement.setdefault(place.agreement.id, []).append((period.start, last))
    for place in places:
        assert place.agreement is not None
        ctx = contexts[place.agreement.id]
        promise = place.promise
        period = promise.period
        if period.until_next:
            continue
        ends = [e.until for e in promise.extensions] + ([period.end] if period.end else [])
        if not ends:
            continue
        last = max(ends)
        span = place.loaded.source.span((*place.path, "period"))
        yield ctx.make(
            Kind.PROMISE_END,
            f"promise-end/{promise.id}",
            f"citizen promise '{promise.title}' ends",
            last,
            None,
            span,
            done=ctx.as_of > last,
        )
        following = next_day(last)
        covered = any(
            start <= following and (end is None or end >= following)
            for start, end in by_agreement.get(place.agreement.id, [])
        )
        yield ctx.make(
            Kind.PROMISE_NEXT,
            f"promise-next/{promise.id}",
            f"next citizen promise in force after '{promise.title}'",
            following,
            period.start,
            span,
            done=covered,
        )


# The whole workspace -------------------------------------------------------------------------


def obligations(ws: Workspace, as_of: dt.date) -> list[Obligation]:
    """Every obligation of every valid agreement in ``ws``, as of ``as_of``, sorted: overdue
    first, then by due date, agreement and key."""
    index = agreement_index(ws)
    replaced_by: dict[str, list[Agreement]] = {}
    for _, agreement in ws.agreements():
        if agreement.replaces is not None:
            replaced_by.setdefault(agreement.replaces, []).append(agreement)
    contexts: dict[str, _Context] = {}
    for loaded, agreement in index.values():
        contexts[agreement.id] = _Context(loaded, agreement, as_of, tuple(replaced_by.get(agreement.id, ())))
    out: list[Obligation] = []
    for ctx in contexts.values():
        agreement = ctx.agreement
        out.append(
            ctx.make(
                Kind.START,
                "start",
                "agreement comes into force",
                agreement.period.start,
                None,
                ctx.span("period", "start"),
                done=as_of >= agreement.period.start,
            )
        )
        out.extend(_term_obligations(ctx))
        out.extend(_meeting_obligations(ctx))
    for place in follow_ups(ws, index):
        if place.agreement is not None and place.agreement.id in contexts:
            out.extend(_follow_up_obligations(place, contexts[place.agreement.id]))
    out.extend(_promise_obligations(ws, index, contexts))
    return sorted(out, key=Obligation.sort_key)


__all__ = ["Kind", "Obligation", "State", "month_end", "obligations"]

"""Rules about one agreement at a time, with its action plans and citizen promises.

An action-plan or citizen-promise file is checked against the agreement its
``agreement:`` field names; when that agreement is not among the files read, these
rules skip the file (SV113 reports the broken link).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..dates import length_in_months
from ..diagnostics import Severity
from ..i18n import N_, Message, Nn_
from ..model import (
    JOINT,
    Agreement,
    CitizenPromise,
    ExtensionIndefinite,
    ExtensionNone,
    ExtensionOpenEnded,
    ExtensionOption,
    ExtensionRenewal,
    FollowUpOnce,
    Month,
    MonthDate,
    Signing,
)
from ..periods import extension_steps, upper_bound
from ..source import PathKey
from ..spelling import closest
from ..walk import Place, agreement_index, follow_ups, plans, promises
from ..workspace import LoadedFile, Workspace
from .base import Finding, Rule

_LISTS = {
    "parties": (N_("parties: {ids}"), N_("there are no parties")),
    "parties and groups": (N_("parties and groups: {ids}"), N_("there are no parties and groups")),
    "scheduled follow-ups": (N_("scheduled follow-ups: {ids}"), N_("there are no scheduled follow-ups")),
    "focus areas": (N_("focus areas: {ids}"), N_("there are no focus areas")),
}
"""What a hint lists, by its label: the ids there are, or that there are none."""


def _choices_hint(word: str, choices: Iterable[str], label: str, *, joint: bool = False) -> Message:
    """``did you mean 'polisen'? parties: kommunen, polisen``, and ``, or 'joint'``."""
    options = sorted(set(choices))
    close = closest(word, [*options, JOINT] if joint else options)
    some, none = _LISTS[label]
    listed = some.fill(ids=", ".join(options)) if options else none
    if joint:
        listed = N_("{listed}, or '{joint}'", listed=listed, joint=JOINT)
        if word.startswith("gemensam"):
            return N_("write '{joint}' for gemensamt; {listed}", joint=JOINT, listed=listed)
    return N_("did you mean '{word}'? {listed}", word=close, listed=listed) if close is not None else listed


# SV101 -----------------------------------------------------------------------------------


def period_order(ws: Workspace) -> Iterator[Finding]:
    """A period ends on or after the day it starts.

    Applies to the agreement's validity period, to citizen promise periods (inline and in
    files of their own) and their extensions, to activities' ``start`` and ``end``, and to
    recorded extension decisions, whose ``until`` may not be earlier than the end they extend.
    """
    index = ws.view(agreement_index)
    for loaded, agreement in ws.agreements():
        period = agreement.period
        if period.end is not None and period.start is not None and period.end < period.start:
            yield Finding(
                loaded.source.span(("period", "end")),
                N_("period ends ({end}) before it starts ({start})", end=str(period.end), start=str(period.start)),
            )
        for step in extension_steps(agreement):
            until = step.decision.until
            if until is not None and step.before is not None and until < step.before:
                yield Finding(
                    loaded.source.span(("extensions", step.index, "until")),
                    N_(
                        "extension decided {decided} runs until {until}, before the current end {end}",
                        decided=str(step.decision.decided),
                        until=str(until),
                        end=str(step.before),
                    ),
                )
    for place in plans(ws, index):
        for j, activity in enumerate(place.plan.activities):
            if activity.start is not None and activity.end is not None and activity.end < activity.start:
                yield Finding(
                    place.span("activities", j, "end"),
                    N_(
                        "activity '{id}' ends ({end}) before it starts ({start})",
                        id=activity.id,
                        end=str(activity.end),
                        start=str(activity.start),
                    ),
                )
    for promise_place in promises(ws, index):
        promise = promise_place.promise
        current = promise.period.end
        if current is not None and promise.period.start is not None and current < promise.period.start:
            yield Finding(
                promise_place.span("period", "end"),
                N_(
                    "citizen promise '{id}' ends ({end}) before it starts ({start})",
                    id=promise.id,
                    end=str(current),
                    start=str(promise.period.start),
                ),
            )
        for k, extension in enumerate(promise.extensions):
            if current is not None and extension.until < current:
                yield Finding(
                    promise_place.span("extensions", k, "until"),
                    N_(
                        "extension of citizen promise '{id}' runs until {until}, before the current end {end}",
                        id=promise.id,
                        until=str(extension.until),
                        end=str(current),
                    ),
                )
            current = extension.until if current is None else max(current, extension.until)


# SV102 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Bounds:
    """An agreement's period as extended: the first day and the last (``None``: no end)."""

    agreement_id: str
    start: dt.date
    """The first day; a period not yet started (``start: signing``) counts from the last day there is."""
    end: dt.date | None
    extended: bool

    @classmethod
    def of(cls, agreement: Agreement) -> _Bounds:
        end = upper_bound(agreement)
        extended = end is not None and end != agreement.period.end
        return cls(agreement.id, agreement.period.start or dt.date.max, end, extended)

    @property
    def inverted(self) -> bool:
        """The period ends before it starts (SV101): nothing can be inside it, so say nothing."""
        return self.end is not None and self.end < self.start

    def side(self, day: dt.date) -> str | None:
        if self.inverted or self.start == dt.date.max:
            return None
        if day < self.start:
            return "before"
        if self.end is not None and day > self.end:
            return "after"
        return None

    def month_side(self, month: Month) -> str | None:
        if self.inverted or self.start == dt.date.max:
            return None
        if month.last_day < self.start:
            return "before"
        if self.end is not None and month.first_day > self.end:
            return "after"
        return None

    def said(self) -> Message:
        """``the period of 'x' (2021-01-01 to 2024-12-31, as extended)``."""
        if self.end is None:
            return N_("the period of '{id}' (from {start}, with no end)", id=self.agreement_id, start=str(self.start))
        if self.extended:
            return N_(
                "the period of '{id}' ({start} to {end}, as extended)",
                id=self.agreement_id,
                start=str(self.start),
                end=str(self.end),
            )
        return N_(
            "the period of '{id}' ({start} to {end})", id=self.agreement_id, start=str(self.start), end=str(self.end)
        )

    def outside(self, what: Message, day: object, side: str) -> Message:
        """``{what} {day}, before the period of …`` (or after)."""
        if side == "before":
            return N_("{what} {day}, before {period}", what=what, day=str(day), period=self.said())
        return N_("{what} {day}, after {period}", what=what, day=str(day), period=self.said())


# What a date checked by dated_inside_period is, in words: filled in (with the id) only for a
# date outside the period; most are inside, and a message costs more than the check.
_SCHEDULED = N_("follow-up '{id}' scheduled for")
_DUE = N_("follow-up '{id}' due")
_DONE = N_("follow-up '{id}' done on")
_STARTS = N_("activity '{id}' starts")
_ENDS = N_("activity '{id}' ends")
_HELD = N_("meeting of '{id}' held")
_PROMISE_STARTS = N_("citizen promise '{id}' starts")
_PROMISE_ENDS = N_("citizen promise '{id}' ends")
_EXTENDED = N_("citizen promise '{id}' is extended until")


_Dated = tuple[PathKey, dt.date, Message, str]
"""A date to check: where it is, the date, what it is (a message to fill in with ``id``) and whose."""


def _date_findings(place: Place, bounds: _Bounds, items: Iterable[_Dated]) -> Iterator[Finding]:
    for path, day, what, ident in items:
        side = bounds.side(day)
        if side is not None:
            yield Finding(place.span(*path), bounds.outside(what.fill(id=ident), day, side))


def dated_inside_period(ws: Workspace) -> Iterator[Finding]:
    """Dates that belong to an agreement fall inside its period.

    Checked: one-off follow-ups (``date``, or a ``month`` that must overlap the period),
    follow-ups done (``due`` if given, otherwise ``date``; and never done before the period
    starts), activities' ``start`` and ``end``, meetings held, and citizen promise periods and
    their extensions. The period is the agreement's, extended by its recorded extension
    decisions; an agreement without an end date or with an ``indefinite`` or ``open-ended``
    extension clause has no upper bound. Action-plan and citizen-promise files are checked
    against the agreement they name.
    """
    index = ws.view(agreement_index)
    known: dict[int, _Bounds] = {}

    def bounds_of(agreement: Agreement) -> _Bounds:  # each agreement's bounds once, not per place
        found = known.get(id(agreement))
        if found is None:
            found = known[id(agreement)] = _Bounds.of(agreement)
        return found

    for fu in follow_ups(ws, index):
        if fu.agreement is None:
            continue
        bounds = bounds_of(fu.agreement)
        for k, rule in enumerate(fu.follow_up.schedule):
            if not isinstance(rule, FollowUpOnce):
                continue
            if rule.date is not None:
                yield from _date_findings(fu, bounds, [(("schedule", k, "date"), rule.date, _SCHEDULED, rule.id)])
            elif rule.month is not None:
                side = bounds.month_side(rule.month)
                if side is not None:
                    yield Finding(
                        fu.span("schedule", k, "month"),
                        bounds.outside(N_("follow-up '{id}' scheduled in", id=rule.id), rule.month, side),
                    )
        for k, record in enumerate(fu.follow_up.done):
            items: list[_Dated] = []
            if record.due is not None:
                items.append((("done", k, "due"), record.due, _DUE, record.rule))
            if record.due is None or record.date < bounds.start:
                items.append((("done", k, "date"), record.date, _DONE, record.rule))
            yield from _date_findings(fu, bounds, items)
    for place in plans(ws, index):
        if place.agreement is None:
            continue
        bounds = bounds_of(place.agreement)
        for j, activity in enumerate(place.plan.activities):
            items = []
            if activity.start is not None:
                items.append((("activities", j, "start"), activity.start, _STARTS, activity.id))
            if activity.end is not None:
                items.append((("activities", j, "end"), activity.end, _ENDS, activity.id))
            yield from _date_findings(place, bounds, items)
    for loaded, agreement in ws.agreements():
        if agreement.organisation is None:
            continue
        bounds = bounds_of(agreement)
        here = Place(loaded, ("organisation",), agreement)
        for g, group in enumerate(agreement.organisation.groups):
            items = [
                (("groups", g, "meetings", m, "date"), meeting.date, _HELD, group.id)
                for m, meeting in enumerate(group.meetings)
            ]
            yield from _date_findings(here, bounds, items)
    for pp in promises(ws, index):
        if pp.agreement is None:
            continue
        bounds = bounds_of(pp.agreement)
        promise = pp.promise
        items = []
        if promise.period.start is not None:
            items.append((("period", "start"), promise.period.start, _PROMISE_STARTS, promise.id))
        if promise.period.end is not None:
            items.append((("period", "end"), promise.period.end, _PROMISE_ENDS, promise.id))
        for k, ext in enumerate(promise.extensions):
            items.append((("extensions", k, "until"), ext.until, _EXTENDED, promise.id))
        yield from _date_findings(pp, bounds, items)


# SV103 -----------------------------------------------------------------------------------


def responsible_is_party(ws: Workspace) -> Iterator[Finding]:
    """Those responsible, group members and those who promise are parties of the agreement.

    An activity's ``responsible[].party`` and a promise's ``party`` are a party id of the
    agreement or ``joint``; ``follow_up.responsible`` is a party id or the id of a group in
    the agreement's organisation; a group member's ``party`` is a party id. An action-plan
    file uses the parties of the agreement it names; a citizen-promise file its own parties
    and those of its agreement.
    """
    index = ws.view(agreement_index)
    for place in plans(ws, index):
        if place.agreement is None:
            continue
        party_ids = {p.id for p in place.agreement.parties}
        for j, activity in enumerate(place.plan.activities):
            for k, responsible in enumerate(activity.responsible):
                if responsible.party == JOINT or responsible.party in party_ids:
                    continue
                yield Finding(
                    place.span("activities", j, "responsible", k, "party"),
                    N_(
                        "activity '{activity}': responsible '{party}' is not a party of agreement '{agreement}'",
                        activity=activity.id,
                        party=responsible.party,
                        agreement=place.agreement.id,
                    ),
                    _choices_hint(responsible.party, party_ids, "parties", joint=True),
                )
    for fu in follow_ups(ws, index):
        who = fu.follow_up.responsible
        if fu.agreement is None or who is None:
            continue
        party_ids = {p.id for p in fu.agreement.parties}
        groups = fu.agreement.organisation.groups if fu.agreement.organisation is not None else []
        group_ids = {g.id for g in groups}
        if who in party_ids or who in group_ids:
            continue
        yield Finding(
            fu.span("responsible"),
            N_(
                "follow-up of {owner}: responsible '{who}' is neither a party nor a group of agreement '{agreement}'",
                owner=fu.owner_message,
                who=who,
                agreement=fu.agreement.id,
            ),
            _choices_hint(who, party_ids | group_ids, "parties and groups"),
        )
    for loaded, agreement in ws.agreements():
        if agreement.organisation is None:
            continue
        party_ids = {p.id for p in agreement.parties}
        for g, group in enumerate(agreement.organisation.groups):
            for key, members in (("members", group.members), ("co_opted", group.co_opted)):
                for m, member in enumerate(members):
                    if member.party is None or member.party in party_ids:
                        continue
                    yield Finding(
                        loaded.source.span(("organisation", "groups", g, key, m, "party")),
                        N_(
                            "group '{group}': member '{member}' comes from '{party}', "
                            "which is not a party of agreement '{agreement}'",
                            group=group.id,
                            member=member.label,
                            party=member.party,
                            agreement=agreement.id,
                        ),
                        _choices_hint(member.party, party_ids, "parties"),
                    )
    for pp in promises(ws, index):
        if not pp.parties:
            continue
        party_ids = {p.id for p in pp.parties}
        for k, promise in enumerate(pp.promise.promises):
            several = not isinstance(promise.party, str)
            for m, party in enumerate(promise.party_ids):
                if party == JOINT or party in party_ids:
                    continue
                path = ("promises", k, "party", m) if several else ("promises", k, "party")
                yield Finding(
                    pp.span(*path),
                    N_(
                        "citizen promise '{id}': '{party}' is not a party of {whose}",
                        id=pp.promise.id,
                        party=party,
                        whose=pp.whose(),
                    ),
                    _choices_hint(party, party_ids, "parties", joint=True),
                )


# SV104 -----------------------------------------------------------------------------------


def _signatory_findings(
    loaded: LoadedFile, path: PathKey, signing: Signing | None, party_ids: set[str], whose: Message
) -> Iterator[Finding]:
    if signing is None:
        return
    for k, signatory in enumerate(signing.signatories):
        if signatory.party is None or signatory.party in party_ids:
            continue
        yield Finding(
            loaded.source.span((*path, "signing", "signatories", k, "party")),
            N_(
                "signatory '{name}' signs for '{party}', which is not a party of {whose}",
                name=signatory.name,
                party=signatory.party,
                whose=whose,
            ),
            _choices_hint(signatory.party, party_ids, "parties"),
        )


def signatories_are_parties(ws: Workspace) -> Iterator[Finding]:
    """Every signatory's ``party`` is a party id of what they sign.

    That is the agreement's parties; for a citizen promise inline in an agreement, the
    agreement's; for a citizen-promise file, its own parties and its agreement's.
    """
    index = ws.view(agreement_index)
    for loaded, agreement in ws.agreements():
        party_ids = {p.id for p in agreement.parties}
        whose = N_("agreement '{id}'", id=agreement.id)
        yield from _signatory_findings(loaded, (), agreement.signing, party_ids, whose)
    for pp in promises(ws, index):
        if pp.parties:
            yield from _signatory_findings(
                pp.loaded, pp.path, pp.promise.signing, {p.id for p in pp.parties}, pp.whose()
            )


# SV105 -----------------------------------------------------------------------------------


def extension_fits_period(ws: Workspace) -> Iterator[Finding]:
    """The extension clause and the recorded extension decisions fit the period.

    A ``renewal``, ``indefinite`` or ``option`` clause extends an end, so the period needs
    one; a renewal's ``consultation_months_before`` is shorter than the period; an
    ``open-ended`` agreement has no end date; extension decisions are recorded only under a
    clause that allows them (not ``none``, not missing), and a decision under an ``option``
    clause, which names no length, says ``until`` when; and a renewal can still add its years
    (a period ending 9999-12-31 cannot be extended).
    """
    for loaded, agreement in ws.agreements():
        clause = agreement.extension
        period = agreement.period
        span = loaded.source.span
        if isinstance(clause, ExtensionRenewal | ExtensionIndefinite | ExtensionOption) and period.end is None:
            yield Finding(
                span(("extension", "type")),
                N_("a '{type}' extension extends the period's end, but the period has no 'end'", type=clause.type),
            )
        if isinstance(clause, ExtensionRenewal) and clause.consultation_months_before is not None:
            months = clause.consultation_months_before
            if period.end is not None and period.start is not None and period.end >= period.start:
                length = length_in_months(period.start, period.end)
                if months >= length:
                    yield Finding(
                        span(("extension", "consultation_months_before")),
                        Nn_(
                            "consultation {n} month before expiry is not within the period {start} to {end} ({length})",
                            "consultation {n} months before expiry is not within the period {start} to {end} "
                            "({length})",
                            months,
                            start=str(period.start),
                            end=str(period.end),
                            length=Nn_("{n} month", "{n} months", length),
                        ),
                    )
        if isinstance(clause, ExtensionOpenEnded) and period.end is not None:
            yield Finding(
                span(("period", "end")),
                N_("an 'open-ended' agreement has no end, but the period ends {end}", end=str(period.end)),
                N_("remove 'period.end', or use another extension type"),
            )
        for k, decision in enumerate(agreement.extensions):
            where: PathKey = ("extensions", k, "decided")
            decided = str(decision.decided)
            if clause is None or isinstance(clause, ExtensionNone):
                if clause is None:
                    said = N_("extension decided {decided}, but the agreement has no extension clause", decided=decided)
                else:
                    said = N_(
                        "extension decided {decided}, but the agreement says it cannot be extended", decided=decided
                    )
                yield Finding(span(where), said, N_("add or correct 'extension', or remove the decision"))
            elif isinstance(clause, ExtensionOption) and decision.until is None:
                yield Finding(
                    span(where),
                    N_(
                        "extension decided {decided} has no 'until', and an 'option' clause names no length",
                        decided=decided,
                    ),
                )
        for step in extension_steps(agreement):
            if step.computed and step.before is not None and step.before == step.after == dt.date.max:
                yield Finding(
                    span(("extensions", step.index, "decided")),
                    N_(
                        "extension decided {decided} cannot extend the period: it already ends {end}, "
                        "the last day there is",
                        decided=str(step.decision.decided),
                        end=str(dt.date.max),
                    ),
                )


# SV111 -----------------------------------------------------------------------------------


def _signed_late(
    loaded: LoadedFile, path: PathKey, signing: Signing | None, start: dt.date | None
) -> Iterator[Finding]:
    if start is None or signing is None or signing.date is None or signing.date <= start:
        return
    days = (signing.date - start).days
    if isinstance(signing.date, MonthDate):
        said = Nn_(
            "signed in {signed}, at least +{n} day after the period began on {start}",
            "signed in {signed}, at least +{n} days after the period began on {start}",
            days,
            signed=str(signing.date),
            start=str(start),
        )
    else:
        said = Nn_(
            "signed {signed}, +{n} day after the period began on {start}",
            "signed {signed}, +{n} days after the period began on {start}",
            days,
            signed=str(signing.date),
            start=str(start),
        )
    yield Finding(
        loaded.source.span((*path, "signing", "date")),
        said,
        data=(("signed", str(signing.date)), ("start", start.isoformat()), ("days", days)),
    )


def signed_after_start(ws: Workspace) -> Iterator[Finding]:
    """Signed after the period began: common, not an error, but worth knowing.

    Applies to agreements and to citizen promises (inline and in files of their own).
    """
    index = ws.view(agreement_index)
    for loaded, agreement in ws.agreements():
        yield from _signed_late(loaded, (), agreement.signing, agreement.period.start)
    for pp in promises(ws, index):
        promise: CitizenPromise = pp.promise
        yield from _signed_late(pp.loaded, pp.path, promise.signing, promise.period.start)


# SV112 -----------------------------------------------------------------------------------


def references_resolve(ws: Workspace) -> Iterator[Finding]:
    """References inside an agreement name something that exists.

    A follow-up record's ``rule`` names a follow-up in the ``schedule`` of the same
    ``follow_up`` block; an action plan's ``focus_areas`` and an activity's ``focus_area``
    name a focus area of the agreement (for an action-plan file: the agreement it names).
    """
    index = ws.view(agreement_index)
    for fu in follow_ups(ws, index):
        rule_ids = {rule.id for rule in fu.follow_up.schedule}
        for k, record in enumerate(fu.follow_up.done):
            if record.rule in rule_ids:
                continue
            yield Finding(
                fu.span("done", k, "rule"),
                N_(
                    "follow-up of {owner} done on {date} names '{rule}', which is not in its schedule",
                    owner=fu.owner_message,
                    date=str(record.date),
                    rule=record.rule,
                ),
                _choices_hint(record.rule, rule_ids, "scheduled follow-ups"),
            )
    for place in plans(ws, index):
        if place.agreement is None:
            continue
        area_ids = {area.id for area in place.agreement.focus_areas}
        owner = N_("agreement '{id}'", id=place.agreement.id)
        for k, area in enumerate(place.plan.focus_areas):
            if area not in area_ids:
                yield Finding(
                    place.span("focus_areas", k),
                    N_(
                        "action plan '{plan}' names focus area '{area}', which {owner} does not have",
                        plan=place.plan.id,
                        area=area,
                        owner=owner,
                    ),
                    _choices_hint(area, area_ids, "focus areas"),
                )
        for j, activity in enumerate(place.plan.activities):
            area_id = activity.focus_area
            if area_id is not None and area_id not in area_ids:
                yield Finding(
                    place.span("activities", j, "focus_area"),
                    N_(
                        "activity '{activity}' names focus area '{area}', which {owner} does not have",
                        activity=activity.id,
                        area=area_id,
                        owner=owner,
                    ),
                    _choices_hint(area_id, area_ids, "focus areas"),
                )


RULES: tuple[Rule, ...] = (
    Rule("SV101", "period-order", Severity.ERROR, period_order, per_file=period_order),
    Rule("SV102", "dated-inside-period", Severity.WARNING, dated_inside_period, per_file=dated_inside_period),
    Rule("SV103", "responsible-is-party", Severity.ERROR, responsible_is_party, per_file=responsible_is_party),
    Rule("SV104", "signatories-are-parties", Severity.ERROR, signatories_are_parties, per_file=signatories_are_parties),
    Rule("SV105", "extension-fits-period", Severity.ERROR, extension_fits_period, per_file=extension_fits_period),
    Rule("SV111", "signed-after-start", Severity.NOTICE, signed_after_start, per_file=signed_after_start),
    Rule("SV112", "references-resolve", Severity.ERROR, references_resolve, per_file=references_resolve),
)

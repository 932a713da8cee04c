"""Citizen promises (medborgarlöften) on the site: their obligations and their facts in Swedish.

A promise in a file of its own usually has no agreement among the files, so the follow-up
report's Swedish rows (:func:`samverkan.render.report.describe`, which needs an agreement) do
not reach it; :func:`promise_row` words a promise's obligations from the promise itself.
Pure: the date is a parameter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import next_day
from ..model import ActionPlanBody, CitizenPromise, FollowUp, FollowUpOnce, Party
from ..obligations import Kind, Obligation
from ..render.report import STATES, ReportRow, StateView
from ..render.swedish import (
    FREQUENCY_TITLE,
    cadence_window_label,
    capfirst,
    date_sv,
    meetings_sv,
    place_and_date,
    promise_period_sentences,
    window_label,
)
from ..render.views import PromiseGroup, party_views, promise_groups


def _state(key: str) -> StateView:
    return next(s for s in STATES if s.key == key)


def _plans(promise: CitizenPromise) -> list[ActionPlanBody]:
    return [p for p in promise.action_plans if isinstance(p, ActionPlanBody)]


def _follow_up_owner(promise: CitizenPromise, owner: str) -> tuple[FollowUp | None, str]:
    """The follow-up block a key's owner part names (``citizen-promise-x``, ``action-plan-p``,
    ``activity-a``), and what it concerns in Swedish."""
    if owner == f"citizen-promise-{promise.id}":
        return promise.follow_up, "Medborgarlöftet"
    for plan in _plans(promise):
        if owner == f"action-plan-{plan.id}":
            return plan.follow_up, f"Åtgärdsplan: {plan.title}"
        for activity in plan.activities:
            if owner == f"activity-{activity.id}":
                return activity.follow_up, f"Aktivitet: {activity.title}"
    return None, "Medborgarlöftet"


def promise_row(o: Obligation, promise: CitizenPromise, as_of: dt.date) -> ReportRow:
    """One obligation of ``promise`` as a Swedish row, like the follow-up report's rows."""
    state = _state(o.state.value)
    what, concerns, period, detail = o.text, "Medborgarlöftet", None, None
    parts = o.key.split("/")
    if o.kind is Kind.START:
        what = "Medborgarlöftet börjar gälla"
    elif o.kind is Kind.PROMISE_END:
        passed = as_of > o.due
        what = "Medborgarlöftets period gick ut" if passed else "Medborgarlöftets period går ut"
        if ", extended" in o.text:
            extended = next((e for e in promise.extensions if e.until > o.due), None)
            if extended is not None:
                when = f" den {date_sv(extended.decided)}" if extended.decided is not None else ""
                detail = f"förlängt{when} till och med {date_sv(extended.until)}"
        elif promise.period.until_next:
            detail = "därefter gäller det tills nästa medborgarlöfte ersätter det"
        else:
            what = "Medborgarlöftet har löpt ut" if passed else "Medborgarlöftet löper ut"
    elif o.kind is Kind.PROMISE_NEXT:
        what = "Nästa medborgarlöfte ska gälla"
        if promise.renewal is not None:
            detail = promise.renewal.text
    elif o.kind is Kind.FOLLOW_UP and len(parts) == 4:
        follow_up, concerns = _follow_up_owner(promise, parts[1])
        rule = next((r for r in follow_up.schedule if r.id == parts[2]), None) if follow_up else None
        if isinstance(rule, FollowUpOnce):
            what = rule.title or "Uppföljning"
            period = capfirst(window_label("monthly", 1, o.due, o.due)) if rule.month is not None else None
        elif rule is not None:
            what = rule.title or FREQUENCY_TITLE[rule.type]
            period = capfirst(window_label(rule.type, rule.every, o.window_start or o.due, o.due))
    elif o.kind is Kind.MEETINGS and len(parts) == 3 and promise.organisation is not None:
        group = next((g for g in promise.organisation.groups if g.id == parts[1]), None)
        if group is not None and group.cadence is not None:
            start = o.window_start or o.due
            held = sum(1 for m in group.meetings if start <= m.date <= o.due)
            what = f"{group.name}: {meetings_sv(group.cadence.times, at_least=group.cadence.at_least)}"
            period = capfirst(cadence_window_label(group.cadence.unit, group.cadence.every, start, o.due))
            detail = f"{held} möte registrerat" if held == 1 else f"{held} möten registrerade"
    elif o.kind is Kind.PLAN_DECISION:
        what = "Beslut om nästa åtgärdsplan"
    return ReportRow(what, concerns, period, o.due, state, o.responsible, o.done_on, detail)


@dataclass(frozen=True)
class ExtensionLine:
    until: dt.date
    decided: dt.date | None
    text: str | None
    sentence: str
    """``Förlängt till och med 31 december 2020 genom beslut den 1 mars 2020.``"""
    counted: bool
    """Whether it counts on the date: decided on or before it (or undated)."""


@dataclass(frozen=True)
class PromiseFacts:
    """What a citizen promise's page says beside its state."""

    parties: tuple[str, ...]
    """Each party in full: ``Polismyndigheten, Lokalpolisområde Exempelby``."""
    validity: tuple[str, ...]
    wording: str | None
    """The period as the document words it (``period.text``)."""
    groups: tuple[PromiseGroup, ...]
    extensions: tuple[ExtensionLine, ...]
    signing: str | None
    """``Exempelby den 26 oktober 2018``; ``None`` when no signing is recorded."""
    signatories: tuple[str, ...]
    background: str | None
    renewal: str | None
    until_next: bool


def promise_facts(promise: CitizenPromise, parties: Sequence[Party], as_of: dt.date) -> PromiseFacts:
    views = party_views(parties)
    end = promise.period.end
    extended = max(
        (e.until for e in promise.extensions
         if (e.decided is None or e.decided <= as_of) and (end is None or e.until > end)),
        default=None,
    )
    lines = []
    for e in sorted(promise.extensions, key=lambda e: (e.decided or dt.date.min, e.until)):
        decided = f" genom beslut den {date_sv(e.decided)}" if e.decided is not None else ""
        sentence = f"Förlängt till och med {date_sv(e.until)}{decided}."
        if e.decided is not None and end is not None and e.decided > next_day(end):
            sentence += f" Beslutet kom efter att perioden hade gått ut {date_sv(end)}."
        lines.append(ExtensionLine(e.until, e.decided, e.text, sentence, e.decided is None or e.decided <= as_of))
        end = max(end, e.until) if end is not None else e.until
    signing = promise.signing
    names = {v.id: v.name for v in views}
    return PromiseFacts(
        parties=tuple(v.full for v in views),
        validity=tuple(promise_period_sentences(promise.period, extended)),
        wording=promise.period.text,
        groups=tuple(promise_groups(promise, views)),
        extensions=tuple(lines),
        signing=place_and_date(signing) if signing is not None and (signing.place or signing.date) else None,
        signatories=tuple(
            ", ".join(x for x in (s.name, s.title, names.get(s.party or "")) if x)
            for s in (signing.signatories if signing is not None else [])
        ),
        background=promise.background,
        renewal=promise.renewal.text if promise.renewal is not None else None,
        until_next=promise.period.until_next,
    )

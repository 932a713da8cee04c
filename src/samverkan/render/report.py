"""The follow-up report as of a date: obligations and activities with their states, and a chart.

States, in Swedish: klar (done), aktuell (due: its window is open), försenad (overdue),
kommande (upcoming); an activity can also be avbruten (cancelled). An activity's state is read
from its status, its dates and its follow-ups:

* ``done`` → klar; ``cancelled`` → avbruten;
* a follow-up of the activity overdue, or its end date passed → försenad;
* not begun (its start is after the date, or it is ``planned`` with no start) → kommande;
* otherwise → aktuell.

The chart is a small inline SVG (no script, no external assets) with a ``<title>`` and a
``<desc>``, and the same numbers stand in a table beside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..lifecycle import RunsOn, agreement_subject, promise_subject
from ..model import (
    ActionPlanBody,
    Activity,
    Agreement,
    CitizenPromise,
    ExtensionRenewal,
    FollowUp,
    FollowUpOnce,
    FollowUpRecord,
    FollowUpRecurring,
    Group,
)
from ..obligations import Kind, Obligation, State
from ..periods import extension_steps
from ..status import AgreementState
from .library import Library
from .swedish import (
    FREQUENCY_TITLE,
    cadence_window_label,
    date_sv,
    meetings_sv,
    months_sv,
    window_label,
)
from .views import ACTIVITY_STATUS, PartyView, join_sv, party_views, responsible_label, timetable_sv

CANCELLED = "cancelled"

STATE_LABELS = {
    State.OVERDUE.value: "försenad",
    State.DUE.value: "aktuell",
    State.UPCOMING.value: "kommande",
    State.DONE.value: "klar",
    State.PASSED.value: "passerad",
    CANCELLED: "avbruten",
}
STATE_PLURALS = {
    State.OVERDUE.value: "försenade",
    State.DUE.value: "aktuella",
    State.UPCOMING.value: "kommande",
    State.DONE.value: "klara",
    State.PASSED.value: "passerade",
    CANCELLED: "avbrutna",
}
STATE_ORDER = (
    State.OVERDUE.value,
    State.DUE.value,
    State.UPCOMING.value,
    State.DONE.value,
    State.PASSED.value,
    CANCELLED,
)
STATE_COLOURS = {
    State.OVERDUE.value: "#b3261e",
    State.DUE.value: "#8a5300",
    State.UPCOMING.value: "#44617b",
    State.DONE.value: "#1e6b34",
    State.PASSED.value: "#5c5c5c",
    CANCELLED: "#6b6b6b",
}


@dataclass(frozen=True)
class StateView:
    key: str
    label: str
    plural: str
    colour: str

    def count(self, n: int) -> str:
        """``1 klar``, ``3 klara``."""
        return f"{n} {self.label if n == 1 else self.plural}"


STATES = tuple(StateView(k, STATE_LABELS[k], STATE_PLURALS[k], STATE_COLOURS[k]) for k in STATE_ORDER)
ACTIVITY_STATES = tuple(s for s in STATES if s.key != State.PASSED.value)
"""An activity is never passed: that is for events (a start, an end)."""


@dataclass(frozen=True)
class ReportRow:
    what: str
    concerns: str
    period: str | None
    due: dt.date
    state: StateView
    responsible: str | None
    done_on: dt.date | None
    detail: str | None
    note: str | None = None
    """The note recorded with the follow-up, review or consultation done (left out of public
    renders with the notes)."""
    link: str | None = None
    """The link or path to the report or minutes recorded with it (left out of public renders)."""
    outcome: str | None = None
    """What a consultation on extension led to, as recorded (left out of public renders)."""


@dataclass(frozen=True)
class ActivityStateRow:
    title: str
    focus: str
    responsible: str
    timetable: str | None
    status: str | None
    next_follow_up: str | None
    state: StateView


@dataclass(frozen=True)
class Segment:
    state: StateView
    count: int
    x: float
    width: float

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass(frozen=True)
class Bar:
    label: str
    short_label: str
    total: int
    y: int
    segments: tuple[Segment, ...]
    counts: tuple[int, ...]
    """Per state, in the order of :data:`STATES`."""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    bar_height: int
    bars: tuple[Bar, ...]
    description: str


CHART_WIDTH = 640
LABEL_WIDTH = 230
BAR_AREA = 360
ROW = 30
BAR = 18


def _state(key: str) -> StateView:
    return next(s for s in STATES if s.key == key)


# Obligations in Swedish --------------------------------------------------------------------


@dataclass(frozen=True)
class _RuleInfo:
    rule: FollowUpOnce | FollowUpRecurring
    concerns: str
    records: tuple[FollowUpRecord, ...]


Owner = Agreement | CitizenPromise
"""What an obligation belongs to: an agreement, or a citizen promise."""


def _rules(lib: Library, agreement: Agreement) -> dict[tuple[str, str], _RuleInfo]:
    """Follow-up rules by (owner prefix as the deadlines engine keys them, rule id): the
    agreement's, its action plans' and activities', and those of its citizen promises."""
    out: dict[tuple[str, str], _RuleInfo] = {}
    titles = {a.id: a.title for p in _plans(lib, agreement) for a in p.activities}
    plan_titles = {p.id: p.title for p in _plans(lib, agreement)}
    for place in lib.follow_ups_of(agreement):
        prefix = place.owner.replace("'", "").replace(" ", "-")
        kind, _, ident = place.owner.partition(" '")
        ident = ident.rstrip("'")
        if kind == "activity":
            concerns = f"Aktivitet: {titles.get(ident, ident)}"
        elif kind == "action plan":
            concerns = f"Åtgärdsplan: {plan_titles.get(ident, ident)}"
        else:
            concerns = "Överenskommelsen"
        for rule in place.follow_up.schedule:
            records = tuple(r for r in place.follow_up.done if r.rule == rule.id)
            out[(prefix, rule.id)] = _RuleInfo(rule, concerns, records)
    for promise in lib.promises_of(agreement):
        out.update(_promise_rules(promise, f"Medborgarlöfte: {promise.title}"))
    return out


def _promise_rules(promise: CitizenPromise, concerns: str) -> dict[tuple[str, str], _RuleInfo]:
    """The follow-up rules of a citizen promise, its action plans and their activities."""
    places: list[tuple[str, str, FollowUp | None]] = [(f"citizen-promise-{promise.id}", concerns, promise.follow_up)]
    for plan in promise.action_plans:
        if isinstance(plan, ActionPlanBody):
            places.append((f"action-plan-{plan.id}", f"Åtgärdsplan: {plan.title}", plan.follow_up))
            places.extend((f"activity-{a.id}", f"Aktivitet: {a.title}", a.follow_up) for a in plan.activities)
    out: dict[tuple[str, str], _RuleInfo] = {}
    for prefix, what, follow_up in places:
        if follow_up is None:
            continue
        for rule in follow_up.schedule:
            records = tuple(r for r in follow_up.done if r.rule == rule.id)
            out[(prefix, rule.id)] = _RuleInfo(rule, what, records)
    return out


def _plans(lib: Library, agreement: Agreement) -> list[ActionPlanBody]:
    return [ref.plan for ref in lib.plans_of(agreement) if ref.plan is not None]


def _group(owner: Owner, group_id: str) -> Group | None:
    if owner.organisation is None:
        return None
    return next((g for g in owner.organisation.groups if g.id == group_id), None)


def _describe(
    o: Obligation, owner: Owner, concerns: str, rules: dict[tuple[str, str], _RuleInfo], as_of: dt.date
) -> ReportRow:
    """One obligation in Swedish; ``owner`` is the agreement or citizen promise it belongs to,
    ``concerns`` what the row says it concerns when nothing more precise is known."""
    state = _state(o.state.value)
    what, period, detail, note = o.text, None, None, None
    link: str | None = None
    outcome: str | None = None
    parts = o.key.split("/")
    promise = isinstance(owner, CitizenPromise)
    if o.kind is Kind.START:
        what = "Medborgarlöftet börjar gälla" if promise else "Överenskommelsen börjar gälla"
    elif o.kind is Kind.FOLLOW_UP and len(parts) == 4 and (parts[1], parts[2]) in rules:
        info = rules[(parts[1], parts[2])]
        rule = info.rule
        concerns = info.concerns
        note = o.record.note if o.record is not None else None
        link = o.record.link if o.record is not None else None
        if isinstance(rule, FollowUpOnce):
            what = rule.title or "Uppföljning"
            period = window_label("monthly", 1, o.due, o.due) if rule.month is not None else None
        else:
            what = rule.title or FREQUENCY_TITLE[rule.type]
            period = window_label(rule.type, rule.every, o.window_start or o.due, o.due)
    elif o.kind is Kind.MEETINGS and len(parts) == 3:
        group = _group(owner, parts[1])
        if group is not None and group.cadence is not None:
            cadence = group.cadence
            start = o.window_start or o.due
            met = sorted((m for m in group.meetings if start <= m.date <= o.due), key=lambda m: m.date)
            held = len(met)
            what = f"{group.name}: {meetings_sv(cadence.times, at_least=cadence.at_least)}"
            period = cadence_window_label(cadence.unit, cadence.every, start, o.due)
            detail = f"{held} möte registrerat" if held == 1 else f"{held} möten registrerade"
            if met:
                detail += ": " + ", ".join(date_sv(m.date) for m in met)
            note = "; ".join(f"{date_sv(m.date)}: {m.note}" for m in met if m.note) or None
    elif o.kind is Kind.CONSULTATION:
        clause = owner.extension if isinstance(owner, Agreement) else None
        months = clause.consultation_months_before if isinstance(clause, ExtensionRenewal) else None
        last = dt.date.fromisoformat(parts[1]) if len(parts) == 2 else o.due
        what = "Samråd om förlängning"
        detail = f"senast {months_sv(months)} före giltighetstidens utgång den {date_sv(last)}" if months else None
        consulted = [c for c in owner.consultations if c.date == o.done_on] if isinstance(owner, Agreement) else []
        note = next((c.note for c in consulted if c.note), None)
        outcome = next((c.outcome for c in consulted if c.outcome), None)
    elif o.kind is Kind.EXTENSION_DECISION:
        what = "Beslut om förlängning"
    elif o.kind in (Kind.EXPIRY, Kind.PROMISE_END):
        what, detail = _end_sv(o, owner, as_of)
        if isinstance(owner, Agreement):
            steps = [s for s in extension_steps(owner) if s.before == o.due and s.decision.decided <= as_of]
            note = next((s.decision.note for s in steps if s.decision.note), None)
    elif o.kind is Kind.REVIEW:
        what = "Översyn av överenskommelsen"
        reviews = [r for r in owner.reviews if r.date == o.done_on] if isinstance(owner, Agreement) else []
        note = next((r.note for r in reviews if r.note), None)
        link = next((r.link for r in reviews if r.link), None)
    elif o.kind is Kind.PLAN_DECISION:
        what = "Nästa åtgärdsplan ska vara beslutad"
    elif o.kind is Kind.PROMISE_NEXT:
        what = "Nästa medborgarlöfte ska gälla"
        if isinstance(owner, CitizenPromise) and owner.renewal is not None:
            detail = owner.renewal.text
    return ReportRow(what, concerns, period, o.due, state, o.responsible, o.done_on, detail, note, link, outcome)


def _end_sv(o: Obligation, owner: Owner, as_of: dt.date) -> tuple[str, str | None]:
    """The end of a period, in Swedish: an event, so it has passed, never been missed."""
    if isinstance(owner, CitizenPromise):
        subject, name = promise_subject(None, (), owner, None), "Medborgarlöftet"
    else:
        subject, name = agreement_subject(None, owner), "Överenskommelsen"
    ended = as_of > o.due
    period = "Giltighetstiden gick ut" if ended else "Giltighetstiden går ut"
    extension = next((e for e in subject.extensions if e.before == o.due), None)
    if extension is not None:
        if extension.decided is not None and extension.decided > as_of:
            return (f"{name} upphörde att gälla" if ended else f"{name} upphör att gälla"), None
        when = f" den {date_sv(extension.decided)}" if extension.decided is not None else ""
        return period, f"{name.lower()} förlängdes{when} till och med {date_sv(extension.after)}"
    if subject.runs_on is RunsOn.UNTIL_REPLACED:
        return period, "därefter gäller medborgarlöftet tills ett nytt ersätter det"
    if subject.runs_on is not None:
        return period, "därefter gäller överenskommelsen tills en ny tecknas"
    return (f"{name} upphörde att gälla" if ended else f"{name} upphör att gälla"), None


# Activities --------------------------------------------------------------------------------


def activity_state(activity: Activity, overdue_follow_up: bool, as_of: dt.date) -> str:
    """The state of an activity on ``as_of`` (see the module's docstring)."""
    if activity.status == "done":
        return State.DONE.value
    if activity.status == "cancelled":
        return CANCELLED
    if overdue_follow_up or (activity.end is not None and as_of > activity.end):
        return State.OVERDUE.value
    not_begun = activity.start is not None and as_of < activity.start
    if not_begun or (activity.status == "planned" and activity.start is None):
        return State.UPCOMING.value
    return State.DUE.value


def _by_prefix(found: Sequence[Obligation], prefixes: set[str]) -> dict[str, list[Obligation]]:
    """For each of ``prefixes`` (each ending in ``/``), the obligations whose key starts with it,
    in order: one pass over ``found`` instead of one per activity."""
    out: dict[str, list[Obligation]] = {}
    for o in found:
        end = o.key.find("/")
        while end != -1:
            prefix = o.key[: end + 1]
            if prefix in prefixes:
                out.setdefault(prefix, []).append(o)
            end = o.key.find("/", end + 1)
    return out


def _activity_rows(
    lib: Library, agreement: Agreement, found: Sequence[Obligation], parties: Sequence[PartyView]
) -> list[ActivityStateRow]:
    areas = {a.id: a.name for a in agreement.focus_areas}
    plans = _plans(lib, agreement)
    by_prefix = _by_prefix(found, {f"follow-up/activity-{a.id}/" for p in plans for a in p.activities})
    rows = []
    for plan in plans:
        for activity in plan.activities:
            mine = by_prefix.get(f"follow-up/activity-{activity.id}/", [])
            overdue = any(o.state is State.OVERDUE for o in mine)
            upcoming = [o for o in mine if o.state is not State.DONE]
            state = activity_state(activity, overdue, lib.as_of)
            timetable = timetable_sv(activity)
            rows.append(
                ActivityStateRow(
                    activity.title,
                    areas.get(activity.focus_area or "", "Övriga insatser"),
                    join_sv([responsible_label(parties, r.party, r.unit) for r in activity.responsible]),
                    timetable,
                    ACTIVITY_STATUS[activity.status] if activity.status else None,
                    date_sv(upcoming[0].due) if upcoming else None,
                    _state(state),
                )
            )
    return rows


def chart(rows: Sequence[ActivityStateRow], focus_order: Sequence[str]) -> Chart | None:
    """Activities by state per focus area, as bars; ``None`` when there are no activities."""
    if not rows:
        return None
    labels = [f for f in focus_order if any(r.focus == f for r in rows)]
    labels += sorted({r.focus for r in rows} - set(labels))
    counted = []
    for label in labels:
        counts = tuple(sum(1 for r in rows if r.focus == label and r.state.key == s.key) for s in ACTIVITY_STATES)
        counted.append((label, counts))
    longest = max(sum(c) for _, c in counted)
    unit = BAR_AREA / longest
    bars = []
    for i, (label, counts) in enumerate(counted):
        x = float(LABEL_WIDTH)
        segments = []
        for state, count in zip(ACTIVITY_STATES, counts, strict=True):
            if count:
                width = round(count * unit, 2)
                segments.append(Segment(state, count, round(x, 2), width))
                x += width
        short = label if len(label) <= 32 else label[:31].rstrip() + "…"
        bars.append(Bar(label, short, sum(counts), 10 + i * ROW, tuple(segments), counts))
    parts = []
    for bar in bars:
        said = [s.count(c) for s, c in zip(ACTIVITY_STATES, bar.counts, strict=True) if c]
        parts.append(f"{bar.label}: {join_sv(said)}")
    description = "Aktiviteter per status och fokusområde. " + "; ".join(parts) + "."
    return Chart(CHART_WIDTH, 20 + len(bars) * ROW, LABEL_WIDTH, BAR, tuple(bars), description)


# The report --------------------------------------------------------------------------------

_AGREEMENT_STATE = {
    AgreementState.DRAFT: "Överenskommelsen är ett utkast.",
    AgreementState.AWAITING_SIGNING: "Överenskommelsen gäller från undertecknandet och är ännu inte undertecknad.",
    AgreementState.NOT_STARTED: "Överenskommelsen har inte börjat gälla.",
    AgreementState.SIGNED: "Överenskommelsen är undertecknad men har inte börjat gälla.",
    AgreementState.IN_FORCE: "Överenskommelsen gäller.",
    AgreementState.IN_FORCE_UNSIGNED: "Överenskommelsen gäller; inget undertecknande är registrerat.",
    AgreementState.EXTENSION_PENDING: "Överenskommelsen gäller; beslut om förlängning väntar.",
    AgreementState.EXTENDED: "Överenskommelsen gäller och är förlängd.",
    AgreementState.INDEFINITE: "Giltighetstiden har gått ut; överenskommelsen gäller tills vidare.",
    AgreementState.UNTIL_REPLACED: "Giltighetstiden har gått ut; den gäller tills en ny ersätter den.",
    AgreementState.ENDED: "Överenskommelsen har upphört att gälla.",
    AgreementState.REPLACED: "Överenskommelsen är ersatt av en ny.",
}


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    state: str
    rows: tuple[ReportRow, ...]
    activities: tuple[ActivityStateRow, ...]
    summary: tuple[tuple[StateView, int], ...]
    activity_summary: tuple[tuple[StateView, int], ...]
    chart: Chart | None
    no_activities: str = "Inga aktiviteter är registrerade i åtgärdsplanen."
    """What the report says when it has no activity rows: that there is no action plan, that the
    plan is not in the files, or that the plan has no activities."""


def no_activities_sv(lib: Library, agreement: Agreement) -> str:
    """Why there are no activities to follow up, said as it is."""
    plans = _plans(lib, agreement)
    if not plans:
        return "Överenskommelsen har ingen åtgärdsplan."
    if not any(plan.encoded for plan in plans):
        return "Åtgärdsplanen ingår inte i denna utgåva."
    return "Inga aktiviteter är registrerade i åtgärdsplanen."


def report_obligations(lib: Library, agreement: Agreement) -> list[Obligation]:
    """The agreement's obligations and those of its citizen promises, in reach on the date,
    by due date (worked out once per agreement and library: the site's outline asks for them,
    and then the agreement's rows; a new list)."""
    key = ("report_obligations", lib.key(agreement))
    found: list[Obligation] | None = lib.memo.get(key)
    if found is None:
        found = lib.memo[key] = _report_obligations(lib, agreement)
    return list(found)


def _report_obligations(lib: Library, agreement: Agreement) -> list[Obligation]:
    found = [o for o in lib.obligations_of(agreement.id) if o.document == "agreement"]
    for promise_id in lib.promise_ids_of(agreement):
        found.extend(o for o in lib.obligations_of(promise_id) if o.document == "citizen-promise")
    return sorted(found, key=lambda o: (o.due, o.document, o.agreement, o.key))


def _promises_by_id(lib: Library, agreement: Agreement) -> dict[str, CitizenPromise]:
    """The agreement's citizen promises by id; the first of two with the same id wins."""
    out: dict[str, CitizenPromise] = {}
    for promise in lib.promises_of(agreement):
        out.setdefault(promise.id, promise)
    return out


def _owned(agreement: Agreement, promises: Mapping[str, CitizenPromise], o: Obligation) -> tuple[Owner, str]:
    """The agreement or citizen promise ``o`` belongs to, and what its rows concern."""
    if o.document == "citizen-promise":
        promise = promises.get(o.agreement)
        if promise is not None:
            return promise, f"Medborgarlöfte: {promise.title}"
    return agreement, "Överenskommelsen"


def describe(lib: Library, agreement: Agreement, o: Obligation) -> ReportRow:
    """One obligation of the agreement (or of one of its citizen promises) as a Swedish row."""
    owner, concerns = _owned(agreement, _promises_by_id(lib, agreement), o)
    return _describe(o, owner, concerns, _rules(lib, agreement), lib.as_of)


def report_rows(lib: Library, agreement: Agreement) -> list[tuple[Obligation, ReportRow]]:
    """Each of :func:`report_obligations` with its Swedish row (the rules and the owners
    looked up once; the rows worked out once per agreement and library)."""
    key = ("report_rows", lib.key(agreement))
    rows: list[tuple[Obligation, ReportRow]] | None = lib.memo.get(key)
    if rows is None:
        rows = lib.memo[key] = _report_rows(lib, agreement)
    return list(rows)


def _report_rows(lib: Library, agreement: Agreement) -> list[tuple[Obligation, ReportRow]]:
    rules = _rules(lib, agreement)
    promises = _promises_by_id(lib, agreement)
    return [
        (o, _describe(o, *_owned(agreement, promises, o), rules, lib.as_of)) for o in report_obligations(lib, agreement)
    ]


def describe_promise(promise: CitizenPromise, o: Obligation, as_of: dt.date) -> ReportRow:
    """One obligation of a citizen promise, read on its own (no agreement needed), in Swedish."""
    return _describe(o, promise, "Medborgarlöftet", _promise_rules(promise, "Medborgarlöftet"), as_of)


def report(lib: Library, agreement: Agreement) -> Report:
    pairs = report_rows(lib, agreement)
    found = [o for o, _ in pairs]
    parties = party_views(agreement.parties)
    rows = tuple(row for _, row in pairs)
    state, _ = lib.state_of(agreement)
    activities = tuple(_activity_rows(lib, agreement, found, parties))
    summary = tuple((s, n) for s in STATES if (n := sum(1 for r in rows if r.state.key == s.key)))
    activity_summary = tuple(
        (s, n) for s in ACTIVITY_STATES if (n := sum(1 for r in activities if r.state.key == s.key))
    )
    focus_order = [a.name for a in agreement.focus_areas] + ["Övriga insatser"]
    return Report(
        lib.as_of,
        _AGREEMENT_STATE[state],
        rows,
        activities,
        summary,
        activity_summary,
        chart(activities, focus_order),
        no_activities_sv(lib, agreement),
    )

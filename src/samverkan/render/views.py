"""What the templates show, built from the model: labels, Swedish sentences and dates.

The templates read these small frozen views (and the model itself for plain text fields); all
wording that is generated from the data is made here, once for Markdown and HTML alike.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..dates import add_months, recurring_windows
from ..lifecycle import MAX_OCCURRENCES
from ..model import (
    JOINT,
    ActionPlanBody,
    ActionPlanFile,
    Activity,
    Agreement,
    CitizenPromise,
    Decision,
    FocusArea,
    FollowUp,
    FollowUpOnce,
    FollowUpRecurring,
    Goal,
    Group,
    Member,
    Party,
    Section,
    Signing,
)
from ..periods import continues_indefinitely, effective_end
from .swedish import (
    FREQUENCY_TITLE,
    cadence_sv,
    capfirst,
    date_sv,
    frequency_sv,
    month_year_sv,
    place_and_date,
    temporary_sv,
    window_label,
)

MAX_LISTED = 12
"""A follow-up rule lists its dates when it has at most this many; else the first ones and a count."""

ACTIVITY_STATUS = {
    "planned": "planerad",
    "ongoing": "pågående",
    "done": "genomförd",
    "paused": "pausad",
    "cancelled": "avbruten",
}


def join_sv(items: Sequence[str]) -> str:
    """``A``, ``A och B``, ``A, B och C``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"


# Parties ------------------------------------------------------------------------------------

_KIND_LABEL = {
    "police": "Polisen",
    "municipality": "Kommunen",
    "region": "Regionen",
    "county-administrative-board": "Länsstyrelsen",
}


@dataclass(frozen=True)
class PartyView:
    id: str
    name: str
    kind: str
    full: str
    """``Polismyndigheten i Uppsala län, polisområde Uppsala``, ``Lokalpolisområde Umeå (Polisområde Västerbotten)``."""
    label: str
    """How a table names it: ``Polisen``, ``Kommunen``, or its name when the kind is not unique."""


def party_views(parties: Sequence[Party]) -> list[PartyView]:
    counts: dict[str, int] = {}
    for p in parties:
        counts[p.kind] = counts.get(p.kind, 0) + 1
    out = []
    for p in parties:
        full = p.name + (f", {p.unit}" if p.unit else "") + (f" ({p.part_of})" if p.part_of else "")
        label = _KIND_LABEL.get(p.kind, p.name) if counts[p.kind] == 1 else p.name
        out.append(PartyView(p.id, p.name, p.kind, full, label))
    return out


def _party(parties: Sequence[PartyView], ref: str | None) -> PartyView | None:
    return next((p for p in parties if p.id == ref), None)


def responsible_label(parties: Sequence[PartyView], ref: str, unit: str | None) -> str:
    """``Polisen``, ``Kommunen (socialtjänsten)``, ``Gemensamt``."""
    if ref == JOINT:
        base = "Gemensamt"
    else:
        party = _party(parties, ref)
        base = party.label if party is not None else ref
    return f"{base} ({unit})" if unit else base


# Goals and focus areas ---------------------------------------------------------------------

_GOAL_LEVELS = {
    "overall": ("Övergripande mål", "Övergripande mål"),
    "target-area": ("Målområde", "Målområden"),
    "long-term": ("Långsiktig målsättning", "Långsiktiga målsättningar"),
    "vision": ("Målbild", "Målbilder"),
    "goal": ("Mål", "Mål"),
}


@dataclass(frozen=True)
class GoalGroup:
    level: str
    label: str
    goals: tuple[str, ...]
    numbered: bool


def goal_groups(goals: Sequence[Goal]) -> list[GoalGroup]:
    """Goals by level, in the order övergripande mål, målområden, långsiktig målsättning, målbild, mål."""
    out = []
    for level, (singular, plural) in _GOAL_LEVELS.items():
        texts = tuple(g.text for g in goals if g.level == level)
        if texts:
            out.append(GoalGroup(level, singular if len(texts) == 1 else plural, texts, level == "target-area"))
    return out


_FOCUS_KINDS = {
    "focus-area": ("Fokusområde", "Fokusområden"),
    "collaboration-area": ("Samverkansområde", "Samverkansområden"),
    "target-area": ("Målområde", "Målområden"),
    "priority": ("Prioritering", "Särskilt fokus"),
}


@dataclass(frozen=True)
class FocusView:
    id: str
    name: str
    kind_label: str
    definition: str | None
    expected_effect: str | None
    measurement: tuple[str, ...]
    goal_groups: tuple[GoalGroup, ...]

    @property
    def compact(self) -> bool:
        """Nothing but a name: shown as a list item."""
        return not (self.definition or self.expected_effect or self.measurement or self.goal_groups)


def focus_views(areas: Sequence[FocusArea]) -> list[FocusView]:
    return [
        FocusView(
            a.id,
            a.name,
            _FOCUS_KINDS[a.kind][0],
            a.definition,
            a.expected_effect,
            tuple(a.measurement),
            tuple(goal_groups(a.goals)),
        )
        for a in areas
    ]


def focus_heading(areas: Sequence[FocusArea]) -> str:
    """The section's heading: the plural of the areas' kind, ``Fokusområden`` when they differ."""
    kinds = {a.kind for a in areas}
    if len(kinds) == 1:
        singular, plural = _FOCUS_KINDS[kinds.pop()]
        return plural if len(areas) > 1 or singular == "Prioritering" else singular
    return "Fokusområden"


# Follow-up ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DueView:
    label: str
    due: dt.date


@dataclass(frozen=True)
class RuleView:
    id: str
    title: str
    how: str
    """``i december 2021``, ``per tertial``, ``årligen``."""
    dates: tuple[DueView, ...]
    more: int
    """How many more dates there are than are listed."""
    last: dt.date | None
    continues: str | None
    """``Därefter sker uppföljningen årligen så länge överenskommelsen gäller.`` for an agreement that runs on."""
    covers: tuple[str, ...]
    sentence: str
    """``Uppföljningen sker i december 2021 och ska vara klar senast den 31 december 2021.``"""

    @property
    def short(self) -> str:
        """For a table cell: ``Halvtidsuppföljning, i december 2021``; ``per tertial`` for an untitled rule."""
        if self.title in FREQUENCY_TITLE.values() or self.title == "Uppföljning":
            return self.how
        return f"{self.title}, {self.how}"


@dataclass(frozen=True)
class FollowUpView:
    text: str | None
    """The document's own wording; where there is one, the rules' generated sentences
    (:attr:`RuleView.sentence`) are not shown beside it (they stay in the follow-up report)."""
    form: str | None
    responsible: str | None
    reported_to: str | None
    rules: tuple[RuleView, ...]


def _bounds(agreement: Agreement | None, start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date, bool]:
    """The stretch a recurring follow-up is listed for, and whether it runs on after it."""
    runs_on = False
    if agreement is not None:
        a_start = agreement.period.start
        a_end = effective_end(agreement)
        runs_on = continues_indefinitely(agreement)
    else:
        a_start, a_end = start or dt.date.min, None
    first = start or a_start or dt.date.min
    last = end or a_end
    if last is None:
        last = add_months(first, 24)
        runs_on = True
    return first, last, runs_on and end is None


def rule_view(
    rule: FollowUpOnce | FollowUpRecurring,
    agreement: Agreement | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> RuleView:
    """A follow-up rule with its dates: one-off, or each window over the agreement's period (or
    the activity's own ``start``/``end``), computed as the deadlines engine does."""
    covers = tuple(rule.covers)
    if isinstance(rule, FollowUpOnce):
        if rule.month is not None:
            due = rule.month.last_day
            when = month_year_sv(due)
            sentence = f"Uppföljningen sker i {when} och ska vara klar senast den {date_sv(due)}."
            return RuleView(
                rule.id,
                rule.title or "Uppföljning",
                f"i {when}",
                (DueView(capfirst(when), due),),
                0,
                due,
                None,
                covers,
                sentence,
            )
        assert rule.date is not None
        sentence = f"Uppföljningen ska vara klar senast den {date_sv(rule.date)}."
        return RuleView(
            rule.id,
            rule.title or "Uppföljning",
            f"senast den {date_sv(rule.date)}",
            (DueView(date_sv(rule.date), rule.date),),
            0,
            rule.date,
            None,
            covers,
            sentence,
        )
    first, last, runs_on = _bounds(agreement, start, end)
    # As many as the deadlines engine draws (MAX_OCCURRENCES); only the ones listed get a label.
    windows = list(itertools.islice(recurring_windows(rule.type, rule.every, first, last, last), MAX_OCCURRENCES))
    how = frequency_sv(rule.type, rule.every)
    continues = f"Därefter sker uppföljningen {how} så länge överenskommelsen gäller." if runs_on else None
    shown = windows if len(windows) <= MAX_LISTED else windows[:3]
    listed = [DueView(capfirst(window_label(rule.type, rule.every, w.start, w.end)), w.end) for w in shown]
    return RuleView(
        rule.id,
        rule.title or FREQUENCY_TITLE[rule.type],
        how,
        tuple(listed),
        len(windows) - len(listed),
        windows[-1].end if windows else None,
        continues,
        covers,
        f"Uppföljningen sker {how}.",
    )


def follow_up_view(
    follow_up: FollowUp | None,
    agreement: Agreement | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> FollowUpView | None:
    if follow_up is None:
        return None
    responsible = None
    if follow_up.responsible is not None and agreement is not None:
        responsible = _name_of(agreement, follow_up.responsible)
    elif follow_up.responsible is not None:
        responsible = follow_up.responsible
    # Where the document words the follow-up itself, a generated sentence that only repeats it
    # is left out: Umeå's "… redovisas för Umeå brotts- och drogförebyggande råd." needs no
    # "Uppföljningen redovisas för Umeå brotts- och drogförebyggande råd." after it.
    said = (follow_up.text or "").casefold()
    if responsible is not None and responsible.casefold() in said:
        responsible = None
    reported_to = join_sv(follow_up.reported_to) or None
    if said and follow_up.reported_to and all(r.casefold() in said for r in follow_up.reported_to):
        reported_to = None
    return FollowUpView(
        follow_up.text,
        follow_up.form,
        responsible,
        reported_to,
        tuple(rule_view(r, agreement, start, end) for r in follow_up.schedule),
    )


def _name_of(agreement: Agreement, ref: str) -> str:
    for party in agreement.parties:
        if party.id == ref:
            return party.name
    if agreement.organisation is not None:
        for group in agreement.organisation.groups:
            if group.id == ref:
                return group.name
    return ref


# Action plans ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActivityRow:
    id: str
    title: str
    purpose: str | None
    responsible: tuple[str, ...]
    commitment: str | None
    timetable: str | None
    follow_up: tuple[str, ...]
    communicated: str | None
    status: str | None
    internal_note: str | None


@dataclass(frozen=True)
class PlanSection:
    heading: str | None
    focus: FocusView | None
    rows: tuple[ActivityRow, ...]


@dataclass(frozen=True)
class PlanView:
    id: str
    title: str
    annex: str | None
    """``Bilaga 4``; None for a plan that is not encoded and that the document gives no annex number."""
    anchor: str
    area: str | None
    status: str | None
    framework: bool
    description: str | None
    sections: tuple[PlanSection, ...]
    follow_up: FollowUpView | None
    columns: tuple[str, ...]
    """Optional columns with something in them: ``timetable``, ``follow_up``; and ``communicated``: a
    line in each activity's cell saying whether it is to be communicated (not in public renders)."""
    framework_rows: tuple[str, ...]
    """``Polisen:``, ``Kommunen:``, ``Gemensamt:``: the empty rows of a framework's table."""
    internal_note: str | None
    inline: bool = True
    """Written in the agreement (its description then stands in the agreement's text, not the annex)."""
    missing: str | None = None
    """The file of a linked plan that could not be read."""
    decision: str | None = None
    """Who decided the plan and when, and whether from the lägesbild, as a sentence."""
    encoded: bool = True
    """False for a plan the agreement names but whose activities are not in the files: it is shown
    as a named reference (:attr:`reference`), never as an empty plan."""
    own_sections: tuple[Section, ...] = ()
    """The plan's own sections (``sections:``): when given, the plan is rendered with them instead
    of its description, activity tables by focus area and follow-up."""

    @property
    def reference(self) -> str:
        """``Bilaga 4: Åtgärdsplan (ingår inte i denna utgåva)``; ``Åtgärdsplan (…)`` without an annex."""
        return annex_reference(self.annex, self.title, included=self.encoded)


NOT_INCLUDED = "ingår inte i denna utgåva"
"""What a plan that is named but not encoded says of itself."""


def annex_reference(annex: str | None, title: str, *, included: bool = False) -> str:
    """How the agreement's annex list and the memo name a plan: ``Bilaga 1: Handlingsplan 2014-``;
    for a plan that is named but not encoded (not ``included``), ``Bilaga 4: Åtgärdsplan (ingår
    inte i denna utgåva)``; ``Åtgärdsplan (…)`` without an annex."""
    head = f"{annex}: {title}" if annex else title
    return head if included else f"{head} ({NOT_INCLUDED})"


PLAN_STATUS = {"framework": "ramverk", "draft": "utkast", "adopted": "antagen", "revised": "reviderad"}


def timetable_sv(activity: Activity) -> str | None:
    if activity.timetable:
        return activity.timetable
    if activity.start and activity.end:
        return f"{date_sv(activity.start)} – {date_sv(activity.end)}"
    if activity.start:
        return f"från {date_sv(activity.start)}"
    if activity.end:
        return f"senast den {date_sv(activity.end)}"
    return None


def activity_row(activity: Activity, parties: Sequence[PartyView], agreement: Agreement | None) -> ActivityRow:
    follow = follow_up_view(activity.follow_up, agreement, activity.start, activity.end)
    communicated = {None: "ej angivet", True: "ja", False: "nej"}[activity.communicated]
    return ActivityRow(
        activity.id,
        activity.title,
        activity.purpose,
        tuple(responsible_label(parties, r.party, r.unit) for r in activity.responsible),
        activity.commitment,
        timetable_sv(activity),
        tuple(capfirst(r.short) for r in follow.rules) if follow is not None else (),
        communicated,
        ACTIVITY_STATUS[activity.status] if activity.status else None,
        activity.internal_note,
    )


def decision_sv(decision: Decision, *, subject: str, suffix: str = "") -> str:
    """``Överenskommelsen beslutades av Kommunstyrelsen den 7 april 2010, § 55.``: ``subject`` is
    who or what was decided (``Överenskommelsen``, ``Åtgärdsplanen``)."""
    when = f" den {date_sv(decision.date)}" if decision.date else ""
    paragraph = f", {decision.paragraph}" if decision.paragraph else ""
    return f"{subject} beslutades av {decision.body}{when}{paragraph}{suffix}."


def plan_decision_sv(plan: ActionPlanBody) -> str | None:
    """The plan's decision, and whether it was decided from the lägesbild, as a sentence."""
    based = plan.based_on_situation_picture
    if plan.decision is not None:
        return decision_sv(plan.decision, subject="Åtgärdsplanen", suffix=" utifrån lägesbilden" if based else "")
    return "Åtgärdsplanen bygger på lägesbilden." if based else None


def plan_view(plan: ActionPlanBody, number: int, agreement: Agreement | None, *, public: bool) -> PlanView:
    """A plan's activities by focus area, in the plan's (else the agreement's) order of areas."""
    areas = {a.id: a for a in agreement.focus_areas} if agreement is not None else {}
    parties = party_views(agreement.parties) if agreement is not None else []
    order = list(plan.focus_areas) or [a for a in areas if any(x.focus_area == a for x in plan.activities)]
    sections = []
    for area_id in order:
        area = areas.get(area_id)
        rows = tuple(activity_row(x, parties, agreement) for x in plan.activities if x.focus_area == area_id)
        focus = focus_views([area])[0] if area is not None else None
        sections.append(PlanSection(area.name if area is not None else area_id, focus, rows))
    rest = tuple(activity_row(x, parties, agreement) for x in plan.activities if x.focus_area not in order)
    if rest or not sections:
        sections.append(PlanSection("Övriga insatser" if sections else None, None, rest))
    every_row = [r for s in sections for r in s.rows]
    columns = []
    if any(r.timetable for r in every_row):
        columns.append("timetable")
    if any(r.follow_up for r in every_row):
        columns.append("follow_up")
    if not public and any(a.communicated is not None for a in plan.activities):
        columns.append("communicated")
    labels = []
    for kind in ("police", "municipality"):
        label = next((p.label for p in parties if p.kind == kind), None)
        if label is not None:
            labels.append(label)
    labels.append("Gemensamt")
    return PlanView(
        plan.id,
        plan.title,
        plan.annex or (f"Bilaga {number}" if plan.encoded else None),
        annex_anchor(plan.annex, number),
        plan.area,
        PLAN_STATUS[plan.status] if plan.status else None,
        plan.status == "framework",
        plan.description,
        tuple(sections),
        follow_up_view(plan.follow_up, agreement),
        tuple(columns),
        tuple(f"{label}:" for label in labels),
        plan.internal_note,
        not isinstance(plan, ActionPlanFile),
        decision=plan_decision_sv(plan),
        encoded=plan.encoded,
        own_sections=tuple(plan.sections),
    )


def annex_anchor(annex: str | None, number: int) -> str:
    """``bilaga-4`` for the document's own "Bilaga 4", else ``bilaga-`` and the plan's place."""
    own = re.fullmatch(r"bilaga\s+([0-9A-Za-z]+)\.?", (annex or "").strip(), re.IGNORECASE)
    return f"bilaga-{own.group(1).lower()}" if own else f"bilaga-{number}"


def missing_plan(link: str, number: int) -> PlanView:
    return PlanView(
        link,
        "Åtgärdsplan",
        f"Bilaga {number}",
        f"bilaga-{number}",
        None,
        None,
        False,
        None,
        (),
        None,
        (),
        (),
        None,
        inline=False,
        missing=link,
    )


# Organisation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingView:
    date: dt.date
    note: str | None


@dataclass(frozen=True)
class GroupView:
    id: str
    kind: str
    name: str
    description: str | None
    temporary: str | None
    """``tillfällig``, or ``tillfälliga`` for a group named in the plural (``Arbetsgrupper``)."""
    members: tuple[str, ...]
    co_opted: tuple[str, ...]
    duties: tuple[str, ...]
    cadence: str | None
    """``Gruppen träffas minst två gånger per år.``"""
    cadence_text: str | None
    meetings: tuple[MeetingView, ...]
    internal_note: str | None


def _member(member: Member, parties: Sequence[PartyView]) -> str:
    """``kommundirektör (Upplands Väsby kommun)``, ``Anna Berg, samordnare, socialtjänsten (Umeå kommun)``."""
    head = ", ".join(x for x in (member.name, member.role, member.unit) if x)
    party = _party(parties, member.party)
    return f"{head} ({party.name})" if party is not None else head


def group_view(group: Group, parties: Sequence[PartyView]) -> GroupView:
    cadence = None
    if group.cadence is not None:
        cadence = f"Gruppen träffas {cadence_sv(group.cadence)}."
    return GroupView(
        group.id,
        group.kind,
        group.name,
        group.description,
        temporary_sv(group.name) if group.temporary else None,
        tuple(_member(m, parties) for m in group.members),
        tuple(_member(m, parties) for m in group.co_opted),
        tuple(group.duties),
        cadence,
        group.cadence.text if group.cadence is not None else None,
        tuple(MeetingView(m.date, m.note) for m in sorted(group.meetings, key=lambda m: m.date)),
        group.internal_note,
    )


# Signatures and citizen promises -----------------------------------------------------------


@dataclass(frozen=True)
class SignatoryView:
    name: str
    title: str | None
    party: str | None
    """The organisation under the title: as the document words it, else (on a draft's form for
    signing) the party's name."""


@dataclass(frozen=True)
class SigningView:
    """The signature block (underskrifter).

    A document signed on a recorded date shows its place-and-date line and the names and titles,
    as a signed copy does: no lines to sign on, and no organisation the document does not give.
    One that awaits signing (no date recorded: a proposal, a draft) is a form: a line to sign on
    above each name, blanks where the place or date is missing (and, on a draft, the party's name
    under the title).
    A draft that names nobody gets two blank signature lines; a document that is not a draft and
    records no signing gets no block at all, rather than an invented one.
    """

    place_and_date: str
    signatories: tuple[SignatoryView, ...]
    form: bool
    """Lines to sign on: the document awaits signing."""


def signing_view(signing: Signing | None, parties: Sequence[PartyView], *, draft: bool = False) -> SigningView | None:
    recorded = signing is not None and bool(signing.place or signing.date or signing.text or signing.signatories)
    if not recorded and not draft:
        return None
    form = signing is None or signing.date is None
    signatories: tuple[SignatoryView, ...] = ()
    if signing is not None:
        signatories = tuple(
            SignatoryView(s.name, s.title, s.organisation or (_party_name(parties, s.party) if draft else None))
            for s in signing.signatories
        )
    line = signing.text if signing is not None and signing.text else place_and_date(signing)
    return SigningView(line, signatories, form)


def _party_name(parties: Sequence[PartyView], ref: str | None) -> str | None:
    party = _party(parties, ref)
    return party.name if party is not None else None


@dataclass(frozen=True)
class PromiseGroup:
    heading: str
    items: tuple[str, ...]


def promise_groups(promise: CitizenPromise, parties: Sequence[PartyView]) -> list[PromiseGroup]:
    """What each party promises, in the order the parties first appear; ``Tillsammans lovar vi`` last."""
    order: list[tuple[str, ...]] = []
    for p in promise.promises:
        if p.party_ids not in order:
            order.append(p.party_ids)
    order.sort(key=lambda refs: refs == (JOINT,))
    out = []
    for refs in order:
        labels = []
        for ref in refs:
            party = _party(parties, ref)
            labels.append(party.label if party is not None else ref)
        heading = "Tillsammans lovar vi" if refs == (JOINT,) else f"{join_sv(labels)} lovar"
        out.append(PromiseGroup(heading, tuple(p.text for p in promise.promises if p.party_ids == refs)))
    return out

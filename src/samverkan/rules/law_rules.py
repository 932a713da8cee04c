"""The statutory check: lag (2023:196) om kommuners ansvar för brottsförebyggande arbete.

The law has applied since 1 July 2023. It puts duties on the municipality, not on an
agreement, so these rules look at each municipality across all its agreement files (and the
action-plan files that belong to them): what is written somewhere in those files counts.

Only agreements in force on or after 1 July 2023 are looked at: from their start to their
end as extended by recorded decisions (no end when they continue indefinitely), and ended
the day before an agreement that replaces them starts. A municipality with no such agreement
among the files is not checked, since samverkan cannot know what it has done since. Each rule
reports at most one finding per municipality. None of them looks at today's date, and none
knows a deadline: the law sets none for these duties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..dates import previous_day
from ..diagnostics import Severity, Span
from ..i18n import N_, Message, joined, verbatim
from ..model import ActionPlanBody, Agreement, SituationPicture
from ..periods import upper_bound
from ..walk import PlanPlace, agreement_index, plans
from ..workspace import LoadedFile, Workspace
from .base import Finding, Rule

IN_FORCE = dt.date(2023, 7, 1)
"""The day lag (2023:196) came into force."""

LAW = "lag (2023:196)"


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class _Checked:
    """One agreement in force on or after :data:`IN_FORCE`, with the place of the municipality."""

    loaded: LoadedFile
    agreement: Agreement
    party_index: int
    """Position of the municipality in the agreement's ``parties``."""

    @property
    def party_span(self) -> Span:
        return self.loaded.source.span(("parties", self.party_index, "name"))


@dataclass(frozen=True)
class _Municipality:
    """A municipality and its checked agreements, newest first (latest start, then id)."""

    name: str
    """As written in the newest agreement."""
    agreements: tuple[_Checked, ...]

    @property
    def newest(self) -> _Checked:
        return self.agreements[0]


def _in_force_until(agreement: Agreement, replaced_from: dict[str, dt.date]) -> dt.date | None:
    """The last day in force: the (extended) end, or the day before a replacement starts."""
    end = upper_bound(agreement)
    start = replaced_from.get(agreement.id)
    if start is not None:
        cut = previous_day(start)
        end = cut if end is None else min(end, cut)
    return end


def _municipalities(ws: Workspace) -> list[_Municipality]:
    """Every municipality with an agreement in force on or after 1 July 2023, by name."""
    found = list(ws.agreements())
    replaced_from: dict[str, dt.date] = {}
    for _, agreement in found:
        old = agreement.replaces
        if old is not None and old != agreement.id:
            start = agreement.period.start
            if start is not None:
                replaced_from[old] = min(start, replaced_from.get(old, start))
    groups: dict[str, list[_Checked]] = {}
    for loaded, agreement in found:
        until = _in_force_until(agreement, replaced_from)
        if until is not None and until < IN_FORCE:
            continue
        seen: set[str] = set()
        for i, party in enumerate(agreement.parties):
            key = _norm(party.name)
            if party.kind != "municipality" or key in seen:
                continue
            seen.add(key)
            groups.setdefault(key, []).append(_Checked(loaded, agreement, i))
    out = []
    for key in sorted(groups):
        # Newest first; an agreement that starts at a signing not yet recorded is the newest.
        checked = sorted(
            groups[key], key=lambda c: (c.agreement.period.start or dt.date.max, c.agreement.id), reverse=True
        )
        name = checked[0].agreement.parties[checked[0].party_index].name
        out.append(_Municipality(name, tuple(checked)))
    return out


def _picture(checked: _Checked) -> SituationPicture:
    picture = checked.agreement.situation_picture
    assert picture is not None
    return picture


_NOT_FOUND = {
    "situation_picture": N_(
        "no lägesbild (situation_picture) for {town} in its agreements in force on or after {date}"
    ),
    "action_plan": N_("no åtgärdsplan (action plan) for {town} in its agreements in force on or after {date}"),
    "coordinating_function": N_(
        "no samordningsfunktion (coordinating_function) for {town} in its agreements in force on or after {date}"
    ),
}


def _not_found(what: str, town: _Municipality) -> Message:
    """``no lägesbild (situation_picture) for Umeå kommun in its agreements in force on or after …``."""
    return _NOT_FOUND[what].fill(town=town.name, date=str(IN_FORCE))


# LAW001 ----------------------------------------------------------------------------------


def situation_picture(ws: Workspace) -> Iterator[Finding]:
    """Each municipality checked has a dated lägesbild.

    Lag (2023:196) 4 § says that the municipality shall produce a lägesbild (situational
    picture) of crime within its geographical area. samverkan looks for a ``situation_picture``
    in the municipality's agreements in force on or after 1 July 2023. The date is samverkan's
    own demand, not the law's: without it no one can tell which lägesbild the work rests on.
    The law sets no interval for renewing the lägesbild, and samverkan invents none.
    """
    for town in ws.view(_municipalities):
        pictures = [c for c in town.agreements if c.agreement.situation_picture is not None]
        if not pictures:
            yield Finding(
                town.newest.party_span,
                _not_found("situation_picture", town),
                N_(
                    "{law} 4 §: add 'situation_picture' with its date, mapping, other_information and analysis",
                    law=LAW,
                ),
            )
        elif not any(_picture(c).date is not None for c in pictures):
            where = pictures[0]
            yield Finding(
                where.loaded.source.span(("situation_picture",), at_key=True),
                N_("the lägesbild for {town} in '{id}' has no date", town=town.name, id=where.agreement.id),
                N_("add 'date:' (YYYY-MM-DD), the day the lägesbild was produced"),
            )


# LAW002 ----------------------------------------------------------------------------------

_PARTS = (
    ("mapping", N_("a mapping of crime, its extent and consequences")),
    ("other_information", N_("other relevant information")),
    ("analysis", N_("an analysis")),
)


def situation_picture_parts(ws: Workspace) -> Iterator[Finding]:
    """The lägesbild has the three parts that lag (2023:196) 4 § names.

    They are: a mapping of crime, its extent and consequences (``mapping``, *kartläggning*);
    other information that matters in the context (``other_information``); and an analysis of
    the mapping and the information (``analysis``). A municipality passes when one of its
    lägesbilder in agreements in force on or after 1 July 2023 has all three; otherwise the
    newest is reported with the parts it lacks. A municipality without a lägesbild is LAW001's.
    """
    for town in ws.view(_municipalities):
        pictures = [c for c in town.agreements if c.agreement.situation_picture is not None]
        missing_per_picture = [[f for f, _ in _PARTS if getattr(_picture(c), f) is None] for c in pictures]
        if not pictures or any(not missing for missing in missing_per_picture):
            continue
        where, missing = pictures[0], missing_per_picture[0]
        described = dict(_PARTS)
        yield Finding(
            where.loaded.source.span(("situation_picture",), at_key=True),
            N_(
                "the lägesbild for {town} in '{id}' lacks parts that {law} 4 § names: {parts}",
                town=town.name,
                id=where.agreement.id,
                law=LAW,
                parts=", ".join(missing),
            ),
            joined("; ", [verbatim("{field}: {what}", field=field, what=described[field]) for field in missing]),
        )


# LAW003 ----------------------------------------------------------------------------------


def _plan_gaps(plan: ActionPlanBody) -> tuple[list[Message], list[Message]]:
    """What a plan lacks, for the message, and what to add, for the hint."""
    gaps: list[Message] = []
    add: list[Message] = []
    if plan.decision is None:
        gaps.append(N_("no decision recorded (by whom, when)"))
        add.append(verbatim("'decision: {body: …, date: …}'"))
    elif plan.decision.date is None:
        gaps.append(N_("the decision by {body} has no date", body=plan.decision.body))
        add.append(N_("the decision's 'date'"))
    if plan.based_on_situation_picture is None:
        gaps.append(N_("not said to be decided from the lägesbild"))
        add.append(verbatim("'based_on_situation_picture: true'"))
    elif not plan.based_on_situation_picture:
        gaps.append(N_("said not to be decided from the lägesbild"))
    return gaps, add


def _both(items: list[Message]) -> Message:
    """``a``, or ``a and b``."""
    if len(items) == 1:
        return items[0]
    return N_("{first} and {second}", first=joined(", ", items[:-1]), second=items[-1])


def action_plan(ws: Workspace) -> Iterator[Finding]:
    """Each municipality checked has an åtgärdsplan decided from its lägesbild, by a named body on a date.

    The government bill's summary of the law (prop. 2022/23:43) says that the municipality,
    from the lägesbild, takes a position on the need for measures and decides an åtgärdsplan
    (action plan); the law puts this under the heading *Lägesbild och åtgärdsplan* with 4 §.
    samverkan looks at the action plans (inline, or files naming the agreement) of the
    municipality's agreements in force on or after 1 July 2023. One passes when its
    ``decision`` names the body and the date and ``based_on_situation_picture`` is true;
    otherwise the newest plan is reported with what it lacks. Which body must decide is not
    checked.
    """
    index = ws.view(agreement_index)
    by_agreement: dict[int, list[PlanPlace]] = {}
    for place in plans(ws, index):
        if place.agreement is not None:
            by_agreement.setdefault(id(place.agreement), []).append(place)
    for town in ws.view(_municipalities):
        own = [p for c in town.agreements for p in by_agreement.get(id(c.agreement), ())]
        if not own:
            yield Finding(
                town.newest.party_span,
                _not_found("action_plan", town),
                N_("add an action plan with its 'decision' (body, date) and 'based_on_situation_picture: true'"),
            )
            continue
        gaps = [_plan_gaps(p.plan) for p in own]
        if any(not missing for missing, _ in gaps):
            continue
        place, (missing, add) = own[0], gaps[0]
        at = place.span("decision") if place.plan.decision is not None else place.span()
        yield Finding(
            at,
            N_("action plan '{id}' for {town}: {gaps}", id=place.plan.id, town=town.name, gaps=joined("; ", missing)),
            N_("add {what}", what=_both(add)) if add else None,
        )


# LAW004 ----------------------------------------------------------------------------------


def coordinating_function(ws: Workspace) -> Iterator[Finding]:
    """Each municipality checked names its coordinating function (samordningsfunktion).

    Lag (2023:196) 3 § states the aim that municipalities take some responsibility for
    coordinating the crime-prevention work within the municipality; the government bill's
    summary of the law (prop. 2022/23:43) adds that they set up a coordinating function.
    samverkan looks for ``coordinating_function`` in the municipality's agreements in force
    on or after 1 July 2023.
    """
    for town in ws.view(_municipalities):
        if any(c.agreement.coordinating_function is not None for c in town.agreements):
            continue
        yield Finding(
            town.newest.party_span,
            _not_found("coordinating_function", town),
            N_("add 'coordinating_function: {name: …, unit: …}'"),
        )


RULES: tuple[Rule, ...] = (
    Rule("LAW001", "situation-picture", Severity.NOTICE, situation_picture),
    Rule("LAW002", "situation-picture-parts", Severity.NOTICE, situation_picture_parts),
    Rule("LAW003", "action-plan", Severity.NOTICE, action_plan),
    Rule("LAW004", "coordinating-function", Severity.NOTICE, coordinating_function),
)

"""Rules across files: ids, links between files, replaces-chains, overlaps and gaps."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

from ..dates import next_day, previous_day
from ..diagnostics import Severity
from ..i18n import N_, Message, Nn_
from ..model import (
    ActionPlanBody,
    ActionPlanFile,
    Agreement,
    CitizenPromiseFile,
    Document,
    FollowUp,
    Organisation,
    Statement,
)
from ..periods import continues_indefinitely, effective_end, upper_bound
from ..source import PathKey
from ..walk import AgreementIndex, agreement_index
from ..workspace import LoadedFile, Workspace
from .base import Finding, Rule, did_you_mean

_NOT_AN_AGREEMENT = {
    "action-plan": N_("replaces '{id}', which is an action plan, not an agreement"),
    "citizen-promise": N_("replaces '{id}', which is a citizen promise, not an agreement"),
    "statement": N_("replaces '{id}', which is a statement, not an agreement"),
}
"""SV107's message when ``replaces`` names a file of another kind."""

_NOT_A_PLAN = {
    "agreement": N_("'{file}' is an agreement, not an action plan"),
    "citizen-promise": N_("'{file}' is a citizen promise, not an action plan"),
    "statement": N_("'{file}' is a statement, not an action plan"),
}
"""SV113's message when an agreement's ``action_plans[].file`` is a file of another kind."""

_USED_ON_LINE = {
    "party": N_("party id '{id}' is already used on line {line}"),
    "focus area": N_("focus area id '{id}' is already used on line {line}"),
    "follow-up": N_("follow-up id '{id}' is already used on line {line}"),
    "action plan": N_("action plan id '{id}' is already used on line {line}"),
    "activity": N_("activity id '{id}' is already used on line {line}"),
    "group": N_("group id '{id}' is already used on line {line}"),
    "citizen promise": N_("citizen promise id '{id}' is already used on line {line}"),
    "collaboration": N_("collaboration id '{id}' is already used on line {line}"),
}
"""SV106's message for an id used twice within one file, by the kind of thing it names."""


# SV106 -----------------------------------------------------------------------------------


def _follow_up_ids(prefix: PathKey, follow_up: FollowUp | None) -> Iterator[tuple[str, str, PathKey]]:
    if follow_up is not None:
        for k, rule in enumerate(follow_up.schedule):
            yield "follow-up", rule.id, (*prefix, "follow_up", "schedule", k, "id")


def _plan_ids(prefix: PathKey, plan: ActionPlanBody) -> Iterator[tuple[str, str, PathKey]]:
    yield from _follow_up_ids(prefix, plan.follow_up)
    for j, activity in enumerate(plan.activities):
        yield "activity", activity.id, (*prefix, "activities", j, "id")
        yield from _follow_up_ids((*prefix, "activities", j), activity.follow_up)


def _organisation_ids(organisation: Organisation | None) -> Iterator[tuple[str, str, PathKey]]:
    """(kind, id, path) of the groups under ``organisation``."""
    if organisation is not None:
        for g, group in enumerate(organisation.groups):
            yield "group", group.id, ("organisation", "groups", g, "id")


def _inner_ids(doc: Document) -> Iterator[tuple[str, str, PathKey]]:
    """(kind, id, path) of every id inside one file."""
    if isinstance(doc, Agreement):
        for i, party in enumerate(doc.parties):
            yield "party", party.id, ("parties", i, "id")
        for i, area in enumerate(doc.focus_areas):
            yield "focus area", area.id, ("focus_areas", i, "id")
        yield from _follow_up_ids((), doc.follow_up)
        for i, entry in enumerate(doc.action_plans):
            if isinstance(entry, ActionPlanBody):
                yield "action plan", entry.id, ("action_plans", i, "id")
                yield from _plan_ids(("action_plans", i), entry)
        yield from _organisation_ids(doc.organisation)
        for i, promise in enumerate(doc.citizen_promises):
            yield "citizen promise", promise.id, ("citizen_promises", i, "id")
    elif isinstance(doc, ActionPlanFile):
        yield from _plan_ids((), doc)
    elif isinstance(doc, Statement):
        for i, plan in enumerate(doc.action_plans):
            yield "action plan", plan.id, ("action_plans", i, "id")
            yield from _plan_ids(("action_plans", i), plan)
        yield from _organisation_ids(doc.organisation)
        for i, item in enumerate(doc.collaboration):
            yield "collaboration", item.id, ("collaboration", i, "id")
    else:
        for i, party in enumerate(doc.parties):
            yield "party", party.id, ("parties", i, "id")


def unique_ids(ws: Workspace) -> Iterator[Finding]:
    """Ids are unique: a file's id among all files, and every inner id within its file.

    Agreements, action-plan files, citizen-promise files and statements have an id no other
    file uses. Within one file, each party, focus area, action plan, activity, follow-up (in
    any ``schedule``), group, citizen promise and collaboration has an id no other of its kind uses.
    The first file in the workspace's order keeps an id and the others are reported; examine
    gives :meth:`Workspace.with_context`, whose order puts the context before the named files and
    does not depend on the current folder.
    """
    yield from unique_file_ids(ws)
    yield from unique_inner_ids(ws)


def unique_file_ids(ws: Workspace) -> Iterator[Finding]:
    """SV106 across files: a file's id among all files."""
    seen: dict[str, LoadedFile] = {}
    for loaded, doc in ws.documents():
        first = seen.get(doc.id)
        if first is None:
            seen[doc.id] = loaded  # its place is read only if the id comes again
        else:
            yield Finding(
                loaded.source.span(("id",)),
                N_("id '{id}' is already used at {first}", id=doc.id, first=str(first.source.span(("id",)))),
            )


def unique_inner_ids(ws: Workspace) -> Iterator[Finding]:
    """SV106 within each file: every inner id among those of its kind in the file."""
    for loaded, doc in ws.documents():
        first: dict[tuple[str, str], PathKey] = {}
        for kind, inner, path in _inner_ids(doc):
            earlier = first.get((kind, inner))
            if earlier is None:
                first[(kind, inner)] = path
            else:
                line = loaded.source.span(earlier).line
                yield Finding(loaded.source.span(path), _USED_ON_LINE[kind].fill(id=inner, line=line))


# SV107 -----------------------------------------------------------------------------------


def replaces_resolves(ws: Workspace) -> Iterator[Finding]:
    """``replaces`` names an agreement among the files read."""
    index = ws.view(agreement_index)
    kinds = {doc.id: doc.kind for _, doc in ws.documents()}
    for loaded, agreement in ws.agreements():
        target = agreement.replaces
        if target is None or target in index:
            continue
        other_kind = _NOT_AN_AGREEMENT.get(kinds.get(target, ""))
        if other_kind is not None:
            message = other_kind.fill(id=target)
        else:
            message = N_("replaces '{id}', which is not an agreement among the files read", id=target)
        yield Finding(loaded.source.span(("replaces",)), message, did_you_mean(target, index))


# SV108 -----------------------------------------------------------------------------------


def no_replaces_cycle(ws: Workspace) -> Iterator[Finding]:
    """Following ``replaces`` from agreement to agreement never comes back to where it started."""
    index = ws.view(agreement_index)
    position = {agreement_id: n for n, agreement_id in enumerate(index)}
    done: set[str] = set()
    for start in index:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in index and current not in done:
            if current in on_path:
                cycle = path[on_path[current] :]
                first = min(range(len(cycle)), key=lambda n: position[cycle[n]])
                cycle = cycle[first:] + cycle[:first]
                loaded, _ = index[cycle[0]]
                if len(cycle) == 1:
                    message = N_("agreement '{id}' replaces itself", id=cycle[0])
                else:
                    message = N_("replaces-chain is a cycle: {chain}", chain=" -> ".join([*cycle, cycle[0]]))
                yield Finding(loaded.source.span(("replaces",)), message)
                break
            on_path[current] = len(path)
            path.append(current)
            current = index[current][1].replaces
        done.update(path)


# SV109 -----------------------------------------------------------------------------------


def _norm(name: str) -> str:
    return " ".join(name.split()).casefold()


def _area(agreement: Agreement) -> tuple[frozenset[str], frozenset[str]] | None:
    """The municipalities and police areas an agreement is for (``None``: not both known)."""
    municipalities = frozenset(_norm(p.name) for p in agreement.parties if p.kind == "municipality")
    police = frozenset(_norm(p.unit or p.name) for p in agreement.parties if p.kind == "police")
    if not municipalities or not police:
        return None
    return municipalities, police


def _area_text(agreement: Agreement) -> Message:
    municipalities = sorted(p.name for p in agreement.parties if p.kind == "municipality")
    police = sorted(p.unit or p.name for p in agreement.parties if p.kind == "police")
    return N_("{municipalities} and {police}", municipalities=", ".join(municipalities), police=", ".join(police))


def _chain(agreement: Agreement, index: AgreementIndex) -> set[str]:
    """The ids an agreement replaces, directly or through the agreements it replaces."""
    found: set[str] = set()
    current = agreement.replaces
    while current is not None and current not in found:
        found.add(current)
        entry = index.get(current)
        current = entry[1].replaces if entry is not None else None
    return found


def _in_force_until(agreement: Agreement, replacers: dict[str, list[Agreement]]) -> dt.date | None:
    """The last day in force: the (extended) end, or the day before a replacement starts."""
    end = upper_bound(agreement)
    starts = [r.period.start for r in replacers.get(agreement.id, []) if r is not agreement and r.period.start]
    if starts:
        cut = previous_day(min(starts))
        end = cut if end is None else min(end, cut)
    return end


def no_overlap(ws: Workspace) -> Iterator[Finding]:
    """Two agreements for the same municipality and police area are not in force on the same day.

    Unless one replaces the other, directly or through a chain of ``replaces``. The
    municipality is the set of names of the parties of kind ``municipality``; the police area
    the ``unit`` (or else the ``name``) of the parties of kind ``police``. An agreement is in
    force from its start to its end as extended by recorded decisions, with no end when it
    continues indefinitely; an agreement that replaces it ends it the day before it starts.
    """
    index = ws.view(agreement_index)
    replacers: dict[str, list[Agreement]] = {}
    for _, agreement in ws.agreements():
        if agreement.replaces is not None:
            replacers.setdefault(agreement.replaces, []).append(agreement)
    found = [(loaded, a, _area(a)) for loaded, a in ws.agreements()]
    for i, (loaded_a, a, area_a) in enumerate(found):
        for loaded_b, b, area_b in found[i + 1 :]:
            if area_a is None or area_a != area_b or a.id == b.id:
                continue
            if a.period.start is None or b.period.start is None:
                continue
            if b.id in _chain(a, index) or a.id in _chain(b, index):
                continue
            end_a, end_b = _in_force_until(a, replacers), _in_force_until(b, replacers)
            low = max(a.period.start, b.period.start)
            ends = [e for e in (end_a, end_b) if e is not None]
            high = min(ends) if ends else None
            if high is not None and high < low:
                continue
            later_loaded, later, other = (loaded_a, a, b) if a.period.start > b.period.start else (loaded_b, b, a)
            area = _area_text(later)
            if high is not None:
                message = N_(
                    "in force at the same time as '{other}' (from {start} to {end}), both for {area}",
                    other=other.id,
                    start=str(low),
                    end=str(high),
                    area=area,
                )
            else:
                message = N_(
                    "in force at the same time as '{other}' (from {start} on), both for {area}",
                    other=other.id,
                    start=str(low),
                    area=area,
                )
            yield Finding(
                later_loaded.source.span(("period", "start")),
                message,
                N_("if '{later}' replaces '{other}', say so: replaces: {other}", later=later.id, other=other.id),
            )


# SV110 -----------------------------------------------------------------------------------


def no_gap_in_chain(ws: Workspace) -> Iterator[Finding]:
    """An agreement starts no later than the day after the agreement it replaces ends.

    The end is the replaced agreement's period end as extended by its recorded decisions; an
    agreement that continues indefinitely (no end date, or an ``indefinite`` or ``open-ended``
    clause) runs on until its replacement starts, so there is no gap.
    """
    index = ws.view(agreement_index)
    for loaded, agreement in ws.agreements():
        entry = index.get(agreement.replaces) if agreement.replaces is not None else None
        if entry is None or entry[1] is agreement:
            continue
        old = entry[1]
        end = effective_end(old)
        if continues_indefinitely(old) or end is None:
            continue
        start = agreement.period.start
        if start is None or start <= next_day(end):
            continue
        first, last = next_day(end), previous_day(start)
        days = (last - first).days + 1
        missing: Message = Nn_(
            "{n} day without an agreement ({first} to {last})",
            "{n} days without an agreement ({first} to {last})",
            days,
            first=str(first),
            last=str(last),
        )
        if days == 1:
            missing = N_("1 day without an agreement ({first})", first=str(first))
        if end != old.period.end:
            message = N_("'{old}' ends {end} (as extended) and this agreement starts {start}: {missing}")
        else:
            message = N_("'{old}' ends {end} and this agreement starts {start}: {missing}")
        message = message.fill(old=old.id, end=str(end), start=str(start), missing=missing)
        yield Finding(loaded.source.span(("period", "start")), message)


# SV113 -----------------------------------------------------------------------------------


def _normal(path: str | Path) -> str:
    # Path(path).absolute() normalised, without following links (resolve would): a fifth of the time
    return os.path.abspath(path)  # noqa: PTH100


def file_links_resolve(ws: Workspace) -> Iterator[Finding]:
    """Links between files resolve.

    An agreement's ``action_plans: [{file: …}]`` entry names (relative to the agreement's
    folder) a file among those checked that is an action plan whose ``agreement`` is this
    agreement. Every action-plan file's ``agreement`` names an agreement among the files
    checked; so does a citizen-promise file's ``agreement``, if it has one; a citizen-promise
    file without one has its own ``parties``, at least two.
    """
    index = ws.view(agreement_index)
    by_path = {_normal(loaded.path): loaded for loaded in ws.files}
    for loaded, agreement in ws.agreements():
        folder = Path(loaded.path).parent
        for i, entry in enumerate(agreement.action_plans):
            if isinstance(entry, ActionPlanBody):
                continue
            where: PathKey = ("action_plans", i, "file")
            target = by_path.get(_normal(folder / entry.file))
            if target is None:
                yield Finding(
                    loaded.source.span(where),
                    N_("action plan file '{file}' is not among the files read", file=entry.file),
                    N_("looked for {path}", path=os.path.normpath(folder / entry.file)),
                )
            elif target.document is None:
                continue  # its own problems are reported where they are
            elif not isinstance(target.document, ActionPlanFile):
                yield Finding(loaded.source.span(where), _NOT_A_PLAN[target.document.kind].fill(file=entry.file))
            elif target.document.agreement != agreement.id:
                plan = target.document
                yield Finding(
                    loaded.source.span(where),
                    N_(
                        "action plan '{plan}' in '{file}' belongs to agreement '{belongs}', not '{agreement}'",
                        plan=plan.id,
                        file=entry.file,
                        belongs=str(plan.agreement),
                        agreement=agreement.id,
                    ),
                )
    for loaded, doc in ws.documents():
        if isinstance(doc, ActionPlanFile | CitizenPromiseFile) and doc.agreement is not None:
            if doc.agreement not in index:
                if isinstance(doc, ActionPlanFile):
                    message = N_(
                        "action plan '{id}' belongs to agreement '{agreement}', which is not among the files read",
                        id=doc.id,
                        agreement=doc.agreement,
                    )
                else:
                    message = N_(
                        "citizen promise '{id}' belongs to agreement '{agreement}', which is not among the files read",
                        id=doc.id,
                        agreement=doc.agreement,
                    )
                yield Finding(loaded.source.span(("agreement",)), message, did_you_mean(doc.agreement, index))
        elif isinstance(doc, CitizenPromiseFile) and len(doc.parties) < 2:
            yield Finding(
                loaded.source.span(("parties",) if doc.parties else ()),
                N_(
                    "citizen promise '{id}' names no agreement, so it needs its own parties (at least two), has {n}",
                    id=doc.id,
                    n=len(doc.parties),
                ),
                N_("add 'agreement: <id>' or list the parties"),
            )


RULES: tuple[Rule, ...] = (
    Rule("SV106", "unique-ids", Severity.ERROR, unique_ids, per_file=unique_inner_ids, across=unique_file_ids),
    Rule("SV107", "replaces-resolves", Severity.ERROR, replaces_resolves),
    Rule("SV108", "no-replaces-cycle", Severity.ERROR, no_replaces_cycle),
    Rule("SV109", "no-overlap", Severity.WARNING, no_overlap),
    Rule("SV110", "no-gap-in-chain", Severity.WARNING, no_gap_in_chain),
    Rule("SV113", "file-links-resolve", Severity.ERROR, file_links_resolve),
)

"""Rules on chains of documents that replace each other, for agreements and citizen promises:
overlaps between a document and its successor, lapses, and promise references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Severity
from ..lifecycle import Lapse, chain_breaks, subjects, successors
from ..walk import agreement_index, plans
from ..workspace import Workspace
from .base import Finding, Rule, did_you_mean


def _days(lapse: Lapse) -> str:
    return "1 day" if lapse.days == 1 else f"{lapse.days} days"


def _data(lapse: Lapse) -> tuple[tuple[str, int | str], ...]:
    return (("first", lapse.start.isoformat()), ("last", lapse.end.isoformat()), ("days", lapse.days))


# SV114 -----------------------------------------------------------------------------------


def chain_overlap(ws: Workspace) -> Iterator[Finding]:
    """A document that replaces another starts after the other has ended.

    For agreements and for citizen promises. When the new one starts while the old one is
    still in force (by its period and the extensions recorded), both hold for the days between:
    the notice gives the first and last day and how many days that is.
    """
    found = subjects(ws)
    by_id = {(s.kind, s.id): s for s in found}
    for lapse in chain_breaks(found, successors(found), dt.date.max):
        if lapse.kind != "overlap":
            continue
        new = by_id[(lapse.of, lapse.before)]
        old = by_id[(lapse.of, lapse.after)]
        yield Finding(
            new.span("period", "start"),
            f"starts {new.start} while '{old.id}', which it replaces, is in force until {lapse.end}: "
            f"{_days(lapse)} of overlap ({lapse.start} to {lapse.end})",
            f"if '{old.id}' ended early, record it; otherwise start '{new.id}' on the day after {lapse.end}",
            _data(lapse),
        )


# SV115 -----------------------------------------------------------------------------------


def no_lapse(ws: Workspace) -> Iterator[Finding]:
    """A citizen promise is followed without a break, and an extension is decided in time.

    Reports the days with no promise in force between a citizen promise and the one that
    replaces it (agreements have SV110 for this), and, for agreements and promises alike, an
    extension decided after the document had already ended: the document lapsed from the day
    after its end to the day before the decision. Each notice gives the first and last day and
    the length in days.
    """
    found = subjects(ws)
    by_id = {(s.kind, s.id): s for s in found}
    for lapse in chain_breaks(found, successors(found), dt.date.max):
        if lapse.kind == "lapse":
            subject = by_id[(lapse.of, lapse.after)]
            ext = next(e for e in subject.extensions if e.before + dt.timedelta(days=1) == lapse.start)
            yield Finding(
                subject.span("extensions", ext.index, "decided"),
                f"{subject.noun} '{subject.id}' ended {lapse.start - dt.timedelta(days=1)} and was extended only on "
                f"{lapse.end + dt.timedelta(days=1)}: a lapse of {_days(lapse)} ({lapse.start} to {lapse.end})",
                data=_data(lapse),
            )
        elif lapse.kind == "gap" and lapse.of == "citizen-promise":
            new = by_id[(lapse.of, lapse.before)]
            yield Finding(
                new.span("period", "start"),
                f"citizen promise '{lapse.after}' ends {lapse.start - dt.timedelta(days=1)} and this promise starts "
                f"{lapse.end + dt.timedelta(days=1)}: {_days(lapse)} without a promise ({lapse.start} to {lapse.end})",
                data=_data(lapse),
            )


# SV116 -----------------------------------------------------------------------------------


def promise_replaces_resolves(ws: Workspace) -> Iterator[Finding]:
    """A citizen promise's ``replaces`` names another citizen promise among the files checked.

    Following ``replaces`` from promise to promise never comes back to where it started, and a
    promise does not replace itself.
    """
    found = subjects(ws)
    promises = {s.id for s in found if s.kind == "citizen-promise"}
    agreements = {s.id for s in found if s.kind == "agreement"}
    by_id = {s.id: s for s in found if s.kind == "citizen-promise"}
    reported: set[str] = set()
    for s in found:
        if s.kind != "citizen-promise" or s.replaces is None:
            continue
        cycle = _cycle(s.id, {i: p.replaces for i, p in by_id.items()})
        if len(cycle) > 1 and not reported & set(cycle):
            reported |= set(cycle)
            yield Finding(s.span("replaces"), "replaces-chain of citizen promises is a cycle: " + " -> ".join(cycle))
        elif s.replaces == s.id:
            yield Finding(s.span("replaces"), f"citizen promise '{s.id}' replaces itself")
        elif s.replaces in agreements and s.replaces not in promises:
            yield Finding(s.span("replaces"), f"replaces '{s.replaces}', which is an agreement, not a citizen promise")
        elif s.replaces not in promises:
            yield Finding(
                s.span("replaces"),
                f"replaces '{s.replaces}', which is not a citizen promise among the files checked",
                did_you_mean(s.replaces, promises),
            )


def _cycle(start: str, replaces: dict[str, str | None]) -> list[str]:
    """The ids from ``start`` following ``replaces`` back to ``start`` (empty: no cycle through it)."""
    path = [start]
    current = replaces.get(start)
    while current is not None and current in replaces and current not in path:
        path.append(current)
        current = replaces.get(current)
    return [*path, start] if current == start else []


# SV117 -----------------------------------------------------------------------------------


def plan_replaces_resolves(ws: Workspace) -> Iterator[Finding]:
    """An action plan's ``replaces`` names another action plan of the same agreement or promise.

    A plan decided a period at a time (``renewal``) is followed by the plan that says it
    replaces it; a plan that replaces itself, or one that is not among the plans of the same
    document, cannot be that.
    """
    for place in plans(ws, agreement_index(ws)):
        target = place.plan.replaces
        if target is None:
            continue
        ids = [p.plan.id for p in plans(ws, agreement_index(ws)) if p.agreement is place.agreement]
        if target == place.plan.id:
            yield Finding(place.span("replaces"), f"action plan '{target}' replaces itself")
        elif target not in ids:
            yield Finding(
                place.span("replaces"),
                f"replaces '{target}', which is not an action plan of the same agreement among the files checked",
                did_you_mean(target, ids),
            )


RULES: tuple[Rule, ...] = (
    Rule("SV114", "chain-overlap", Severity.NOTICE, chain_overlap),
    Rule("SV115", "no-lapse", Severity.NOTICE, no_lapse),
    Rule("SV116", "promise-replaces-resolves", Severity.ERROR, promise_replaces_resolves),
    Rule("SV117", "plan-replaces-resolves", Severity.ERROR, plan_replaces_resolves),
)

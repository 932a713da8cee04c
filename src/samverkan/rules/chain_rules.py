"""Rules on chains of documents that replace each other, for agreements and citizen promises:
overlaps between a document and its successor, lapses, and promise references."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Severity
from ..i18n import N_, Nn_
from ..lifecycle import Lapse, Subject, chain_breaks, subjects, successors
from ..walk import agreement_index, plans
from ..workspace import Workspace
from .base import Finding, Rule, did_you_mean


def _breaks(ws: Workspace) -> tuple[dict[tuple[str, str], Subject], list[Lapse]]:
    """The agreements and citizen promises by ``(kind, id)``, and every break in their chains
    (gaps, overlaps, lapses), whatever the date."""
    found = ws.view(subjects)
    return {(s.kind, s.id): s for s in found}, chain_breaks(found, successors(found), dt.date.max)


def _data(lapse: Lapse) -> tuple[tuple[str, int | str], ...]:
    return (("first", lapse.start.isoformat()), ("last", lapse.end.isoformat()), ("days", lapse.days))


# SV114 -----------------------------------------------------------------------------------


def chain_overlap(ws: Workspace) -> Iterator[Finding]:
    """A document that replaces another starts after the other has ended.

    For agreements and for citizen promises. When the new one starts while the old one is
    still in force (by its period and the extensions recorded), both hold for the days between:
    the notice gives the first and last day and how many days that is.
    """
    by_id, breaks = ws.view(_breaks)
    for lapse in breaks:
        if lapse.kind != "overlap":
            continue
        new = by_id[(lapse.of, lapse.before)]
        old = by_id[(lapse.of, lapse.after)]
        yield Finding(
            new.span("period", "start"),
            Nn_(
                "starts {start} while '{old}', which it replaces, is in force until {until}: "
                "{n} day of overlap ({first} to {last})",
                "starts {start} while '{old}', which it replaces, is in force until {until}: "
                "{n} days of overlap ({first} to {last})",
                lapse.days,
                start=str(new.start),
                old=old.id,
                until=str(lapse.end),
                first=str(lapse.start),
                last=str(lapse.end),
            ),
            N_(
                "if '{old}' ended early, record it; otherwise start '{new}' on the day after {end}",
                old=old.id,
                new=new.id,
                end=str(lapse.end),
            ),
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
    by_id, breaks = ws.view(_breaks)
    for lapse in breaks:
        if lapse.kind == "lapse":
            subject = by_id[(lapse.of, lapse.after)]
            ext = next(e for e in subject.extensions if e.before + dt.timedelta(days=1) == lapse.start)
            params = {
                "id": subject.id,
                "end": str(lapse.start - dt.timedelta(days=1)),
                "decided": str(lapse.end + dt.timedelta(days=1)),
                "first": str(lapse.start),
                "last": str(lapse.end),
            }
            if subject.kind == "agreement":
                message = Nn_(
                    "agreement '{id}' ended {end} and was extended only on {decided}: "
                    "a lapse of {n} day ({first} to {last})",
                    "agreement '{id}' ended {end} and was extended only on {decided}: "
                    "a lapse of {n} days ({first} to {last})",
                    lapse.days,
                    **params,
                )
            else:
                message = Nn_(
                    "citizen promise '{id}' ended {end} and was extended only on {decided}: "
                    "a lapse of {n} day ({first} to {last})",
                    "citizen promise '{id}' ended {end} and was extended only on {decided}: "
                    "a lapse of {n} days ({first} to {last})",
                    lapse.days,
                    **params,
                )
            yield Finding(subject.span("extensions", ext.index, "decided"), message, data=_data(lapse))
        elif lapse.kind == "gap" and lapse.of == "citizen-promise":
            new = by_id[(lapse.of, lapse.before)]
            yield Finding(
                new.span("period", "start"),
                Nn_(
                    "citizen promise '{id}' ends {end} and this promise starts {start}: "
                    "{n} day without a promise ({first} to {last})",
                    "citizen promise '{id}' ends {end} and this promise starts {start}: "
                    "{n} days without a promise ({first} to {last})",
                    lapse.days,
                    id=lapse.after,
                    end=str(lapse.start - dt.timedelta(days=1)),
                    start=str(lapse.end + dt.timedelta(days=1)),
                    first=str(lapse.start),
                    last=str(lapse.end),
                ),
                data=_data(lapse),
            )


# SV116 -----------------------------------------------------------------------------------


def promise_replaces_resolves(ws: Workspace) -> Iterator[Finding]:
    """A citizen promise's ``replaces`` names another citizen promise among the files read.

    Following ``replaces`` from promise to promise never comes back to where it started, and a
    promise does not replace itself.
    """
    found = ws.view(subjects)
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
            yield Finding(
                s.span("replaces"),
                N_("replaces-chain of citizen promises is a cycle: {chain}", chain=" -> ".join(cycle)),
            )
        elif s.replaces == s.id:
            yield Finding(s.span("replaces"), N_("citizen promise '{id}' replaces itself", id=s.id))
        elif s.replaces in agreements and s.replaces not in promises:
            yield Finding(
                s.span("replaces"),
                N_("replaces '{id}', which is an agreement, not a citizen promise", id=s.replaces),
            )
        elif s.replaces not in promises:
            yield Finding(
                s.span("replaces"),
                N_("replaces '{id}', which is not a citizen promise among the files read", id=s.replaces),
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
    every = list(plans(ws, ws.view(agreement_index)))
    for place in every:
        target = place.plan.replaces
        if target is None:
            continue
        ids = [p.plan.id for p in every if p.agreement is place.agreement]
        if target == place.plan.id:
            yield Finding(place.span("replaces"), N_("action plan '{id}' replaces itself", id=target))
        elif target not in ids:
            yield Finding(
                place.span("replaces"),
                N_(
                    "replaces '{id}', which is not an action plan of the same agreement among the files read",
                    id=target,
                ),
                did_you_mean(target, ids),
            )


RULES: tuple[Rule, ...] = (
    Rule("SV114", "chain-overlap", Severity.NOTICE, chain_overlap),
    Rule("SV115", "no-lapse", Severity.NOTICE, no_lapse),
    Rule("SV116", "promise-replaces-resolves", Severity.ERROR, promise_replaces_resolves),
    Rule("SV117", "plan-replaces-resolves", Severity.ERROR, plan_replaces_resolves),
)

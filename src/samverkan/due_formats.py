"""Output formats of ``samverkan due`` and ``samverkan status``: registries keyed by ``--format``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO

from .api import DueResult
from .obligations import Obligation
from .status import Chain


def _days(o: Obligation, result: DueResult) -> str:
    days = o.days_left(result.as_of)
    if days > 0:
        return f"in {days} day{'s' if days != 1 else ''}"
    if days == 0:
        return "today"
    return f"{-days} day{'s' if days != -1 else ''} overdue" if o.state.value == "overdue" else f"{-days} days ago"


def due_table(result: DueResult, stream: TextIO) -> None:
    for o in result.obligations:
        stream.write(f"{o.due}  {o.state.value:<8}  {_days(o, result):<18}  {o.agreement}: {o.text}\n")


def _obligation(o: Obligation, result: DueResult) -> dict[str, Any]:
    return {
        "agreement": o.agreement,
        "kind": o.kind.value,
        "text": o.text,
        "due": o.due.isoformat(),
        "window_start": o.window_start.isoformat() if o.window_start else None,
        "state": o.state.value,
        "days_left": o.days_left(result.as_of),
        "responsible": o.responsible,
        "done_on": o.done_on.isoformat() if o.done_on else None,
        "detail": o.detail,
        "path": o.span.path,
        "line": o.span.line,
        "uid": o.uid,
    }


def due_json(result: DueResult, stream: TextIO) -> None:
    data = {"as_of": result.as_of.isoformat(), "obligations": [_obligation(o, result) for o in result.obligations]}
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def status_table(chains: list[Chain], stream: TextIO) -> None:
    for chain in chains:
        stream.write(f"{chain.municipality}\n")
        for s in chain.agreements:
            end = s.end.isoformat() if s.end else "…"
            stream.write(f"  {s.id}  {s.start} – {end}  {s.state.value}" + (f" ({s.detail})" if s.detail else "") + "\n")


def status_json(chains: list[Chain], stream: TextIO) -> None:
    data = [
        {
            "municipality": c.municipality,
            "agreements": [{"id": s.id, "state": s.state.value, "detail": s.detail} for s in c.agreements],
        }
        for c in chains
    ]
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


DueFormat = Callable[[DueResult, TextIO], None]
StatusFormat = Callable[[list[Chain], TextIO], None]

DUE_FORMATS: dict[str, DueFormat] = {"table": due_table, "json": due_json}
STATUS_FORMATS: dict[str, StatusFormat] = {"table": status_table, "json": status_json}

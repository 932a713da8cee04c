"""``--format json`` of ``due`` and ``status``: every field, dates as ISO strings, UTF-8.

``due``::

    {"as_of": "2022-05-01",
     "counts": {"total": 15, "overdue": 3, "due": 4, "upcoming": 8, "done": 0},
     "obligations": [{"uid": …, "agreement": …, "kind": …, "key": …, "text": …, "due": …,
                      "window_start": …, "state": …, "days_left": …, "when": …,
                      "responsible": …, "done_on": …, "detail": …, "parties": […],
                      "path": …, "line": …, "col": …}, …],
     "files_left_out": ["agreements/broken.yaml"]}

``status``::

    {"as_of": "2025-06-01",
     "municipalities": [{"municipality": "Umeå kommun",
                         "agreements": [{"id": …, "title": …, "municipalities": […], "police": […],
                                         "start": …, "end": …, "state": …, "detail": …,
                                         "next": {an obligation as above} or null,
                                         "replaces": …, "replaced_by": […], "quiet": …,
                                         "runs_on": …, "path": …, "line": …, "col": …}, …],
                         "gaps": [{"after": …, "before": …, "start": …, "end": …}, …]}, …]}
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any, TextIO

from ..api import DueResult
from ..i18n import language
from ..obligations import Obligation
from ..status import AgreementStatus, Chain, Gap
from . import FormatOptions
from ._common import counts, when


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def obligation(o: Obligation, as_of: dt.date) -> dict[str, Any]:
    """Every field of an obligation, with its uid, days left and the words for them."""
    return {
        "uid": o.uid,
        "agreement": o.agreement,
        "document": o.document,
        "kind": o.kind.value,
        "key": o.key,
        "text": o.text,
        "due": o.due.isoformat(),
        "window_start": _date(o.window_start),
        "state": o.state.value,
        "days_left": o.days_left(as_of),
        "when": when(o, as_of),
        "responsible": o.responsible,
        "done_on": _date(o.done_on),
        "detail": o.detail,
        "parties": list(o.parties),
        "path": o.span.path,
        "line": o.span.line,
        "col": o.span.col,
    }


def agreement_status(s: AgreementStatus, as_of: dt.date) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "municipalities": list(s.municipalities),
        "police": list(s.police),
        "kind": s.kind,
        "start": _date(s.start),
        "end": _date(s.end),
        "state": s.state.value,
        "detail": s.detail,
        "next": obligation(s.next, as_of) if s.next is not None else None,
        "replaces": s.replaces,
        "replaced_by": list(s.replaced_by),
        "quiet": s.quiet,
        "runs_on": s.runs_on,
        "signed": _date(s.signed),
        "signed_late_days": s.signed_late_days,
        "agreement": s.agreement,
        "path": s.span.path,
        "line": s.span.line,
        "col": s.span.col,
    }


def gap(g: Gap) -> dict[str, Any]:
    return {
        "kind": g.kind,
        "after": g.after,
        "before": g.before,
        "start": g.start.isoformat(),
        "end": g.end.isoformat(),
        "days": g.days,
    }


def _dump(data: object, stream: TextIO) -> None:
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_due(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    with language("en"):  # JSON is for scripts: the same words whatever the language
        _write_due(result, stream)


def _write_due(result: DueResult, stream: TextIO) -> None:
    _dump(
        {
            "as_of": result.as_of.isoformat(),
            "counts": counts(result.obligations),
            "obligations": [obligation(o, result.as_of) for o in result.obligations],
            "files_left_out": sorted({d.span.path for d in result.problems}),
        },
        stream,
    )


def write_status(chains: Sequence[Chain], as_of: dt.date, stream: TextIO, options: FormatOptions) -> None:
    with language("en"):  # JSON is for scripts: the same words whatever the language
        _write_status(chains, as_of, stream)


def _write_status(chains: Sequence[Chain], as_of: dt.date, stream: TextIO) -> None:
    _dump(
        {
            "as_of": as_of.isoformat(),
            "municipalities": [
                {
                    "municipality": c.municipality,
                    "agreements": [agreement_status(s, as_of) for s in c.agreements],
                    "gaps": [gap(g) for g in c.gaps],
                }
                for c in chains
            ],
        },
        stream,
    )

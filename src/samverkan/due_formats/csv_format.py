"""``due --format csv``: a header row and one row per obligation, UTF-8, ``\\n`` line ends.

Written with the :mod:`csv` module (quotes where needed). Text that comes from the YAML and
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so a
spreadsheet shows it instead of running it as a formula (CSV injection); generated fields
(dates, numbers, states, ids) are written as they are.
"""

from __future__ import annotations

import csv
from typing import TextIO

from ..api import DueResult
from ..obligations import Obligation
from . import FormatOptions
from ._common import when

HEADER = (
    "due",
    "state",
    "days_left",
    "when",
    "agreement",
    "kind",
    "text",
    "detail",
    "responsible",
    "window_start",
    "done_on",
    "parties",
    "path",
    "line",
    "uid",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str | None) -> str:
    """User text, defused for spreadsheets."""
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(o: Obligation, result: DueResult) -> tuple[str | int, ...]:
    return (
        o.due.isoformat(),
        o.state.value,
        o.days_left(result.as_of),
        when(o, result.as_of),
        o.agreement,
        o.kind.value,
        _safe(o.text),
        _safe(o.detail),
        _safe(o.responsible),
        o.window_start.isoformat() if o.window_start else "",
        o.done_on.isoformat() if o.done_on else "",
        _safe("; ".join(o.parties)),
        o.span.path,
        o.span.line,
        o.uid,
    )


def write_due(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(_row(o, result) for o in result.obligations)

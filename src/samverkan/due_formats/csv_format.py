"""``due --format csv``: a header row and one row per obligation, UTF-8.

Two dialects (``--csv-dialect``): ``rfc4180`` (``,``, no BOM, ``\\n`` line ends; the default in
English) and ``excel-sv`` (``;``, a UTF-8 byte order mark, CRLF: what a Swedish Excel opens
into columns with å, ä and ö intact; the default in Swedish). Dates are ISO in both. The
header and the words (state, when, text, detail) are in the current language; ``kind``, ids,
paths and dates are the same in both.

Written with the :mod:`csv` module (quotes where needed). Text that comes from the YAML and
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with ``'`` so a
spreadsheet shows it instead of running it as a formula (CSV injection); generated fields
(dates, numbers, states, ids) are written as they are.
"""

from __future__ import annotations

import csv
import io
from typing import TextIO

from ..api import DueResult
from ..i18n import current, pgettext
from ..obligations import Obligation
from . import FormatOptions
from ._common import state_label, when, write_bytes

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
"""The column names in English."""


def header() -> tuple[str, ...]:
    """:data:`HEADER` in the current language."""
    return (
        pgettext("CSV column", "due"),
        pgettext("CSV column", "state"),
        pgettext("CSV column", "days_left"),
        pgettext("CSV column", "when"),
        pgettext("CSV column", "agreement"),
        pgettext("CSV column", "kind"),
        pgettext("CSV column", "text"),
        pgettext("CSV column", "detail"),
        pgettext("CSV column", "responsible"),
        pgettext("CSV column", "window_start"),
        pgettext("CSV column", "done_on"),
        pgettext("CSV column", "parties"),
        pgettext("CSV column", "path"),
        pgettext("CSV column", "line"),
        pgettext("CSV column", "uid"),
    )


BOM = "\ufeff"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str | None) -> str:
    """User text, defused for spreadsheets."""
    if not text:
        return ""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(o: Obligation, result: DueResult) -> tuple[str | int, ...]:
    return (
        o.due.isoformat(),
        state_label(o.state),
        o.days_left(result.as_of),
        when(o, result.as_of),
        o.agreement,
        o.kind.value,
        _safe(o.said()),
        _safe(o.detail_said()),
        _safe(o.responsible),
        o.window_start.isoformat() if o.window_start else "",
        o.done_on.isoformat() if o.done_on else "",
        _safe("; ".join(o.parties)),
        o.span.path,
        o.span.line,
        o.uid,
    )


def dialect(options: FormatOptions) -> str:
    """``excel-sv`` or ``rfc4180``: as asked, else by the language."""
    if options.csv_dialect is not None:
        return options.csv_dialect
    return "excel-sv" if current() == "sv" else "rfc4180"


def write_due(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    rows = (_row(o, result) for o in result.obligations)
    if dialect(options) != "excel-sv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(header())
        writer.writerows(rows)
        return
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    writer.writerows(rows)
    data = (BOM + text.getvalue()).encode("utf-8")
    write_bytes(stream, data)

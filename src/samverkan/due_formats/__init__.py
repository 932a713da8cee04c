"""Output formats of ``samverkan due`` and ``samverkan status``.

:data:`DUE_FORMATS` and :data:`STATUS_FORMATS` are the registries; their keys are the
``--format`` choices of the two commands. Every format is a function of the result, the stream
it writes to and the :class:`FormatOptions`; it prints and decides nothing (the result decides
the exit code).

This module stays light: the CLI imports it to list the choices in ``--help``, so each entry
imports its module (and Rich, csv or icalendar) only when it is used.

| key | ``due`` | ``status`` |
|---|---|---|
| ``table`` | a Rich table on a terminal, aligned plain text when piped | the same, grouped by municipality |
| ``json`` | ``as_of``, counts and every obligation | ``as_of`` and each municipality's agreements and gaps |
| ``csv`` | a header and one row per obligation | |
| ``markdown`` | a heading and a pipe table, user text escaped | |
| ``ics`` | an RFC 5545 calendar, one all-day ``VEVENT`` per obligation | |
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from ..api import DueResult
    from ..status import Chain

DEFAULT_ALARM_DAYS = 14


@dataclass(frozen=True)
class FormatOptions:
    """How to write, beyond what to write."""

    terminal: bool | None = None
    """``True``/``False`` forces terminal (Rich, colour) or plain output; ``None`` asks the
    stream (and honours ``FORCE_COLOR``, ``TTY_COMPATIBLE`` and ``NO_COLOR``)."""
    alarm_days: int = DEFAULT_ALARM_DAYS
    """``ics``: an alarm this many days before each open obligation; 0: no alarm."""
    csv_dialect: str | None = None
    """``csv``: ``excel-sv`` (``;``, a UTF-8 BOM, CRLF) or ``rfc4180`` (``,``, no BOM); ``None``:
    ``excel-sv`` when the language is Swedish, else ``rfc4180``."""
    calendar_language: str = "sv"
    """``ics``: the calendar's language; Swedish unless ``--lang en`` is given."""
    wide: bool = False
    """``table`` on a terminal: every column however narrow the terminal; otherwise a terminal
    narrower than :data:`WIDE_COLUMNS` gets fewer columns, so that lines fit (piped output always
    has every column)."""


WIDE_COLUMNS = 120
"""From this many columns a terminal gets every column of the ``table`` formats."""


class DueFormat(Protocol):
    def __call__(self, result: DueResult, stream: TextIO, options: FormatOptions, /) -> None: ...


class StatusFormat(Protocol):
    def __call__(self, chains: Sequence[Chain], as_of: dt.date, stream: TextIO, options: FormatOptions, /) -> None: ...


def _due_table(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    from .table import write_due

    write_due(result, stream, options)


def _due_json(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    from .json_format import write_due

    write_due(result, stream, options)


def _due_csv(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    from .csv_format import write_due

    write_due(result, stream, options)


def _due_markdown(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    from .markdown import write_due

    write_due(result, stream, options)


def _due_ics(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    from .ics import write_due

    write_due(result, stream, options)


def _status_table(chains: Sequence[Chain], as_of: dt.date, stream: TextIO, options: FormatOptions) -> None:
    from .status_table import write_status

    write_status(chains, as_of, stream, options)


def _status_json(chains: Sequence[Chain], as_of: dt.date, stream: TextIO, options: FormatOptions) -> None:
    from .json_format import write_status

    write_status(chains, as_of, stream, options)


DUE_FORMATS: Mapping[str, DueFormat] = MappingProxyType(
    {
        "table": _due_table,
        "json": _due_json,
        "csv": _due_csv,
        "markdown": _due_markdown,
        "ics": _due_ics,
    }
)

STATUS_FORMATS: Mapping[str, StatusFormat] = MappingProxyType(
    {
        "table": _status_table,
        "json": _status_json,
    }
)

CSV_DIALECTS = ("rfc4180", "excel-sv")

__all__ = [
    "CSV_DIALECTS",
    "DEFAULT_ALARM_DAYS",
    "DUE_FORMATS",
    "STATUS_FORMATS",
    "WIDE_COLUMNS",
    "DueFormat",
    "FormatOptions",
    "StatusFormat",
]

"""``due --format ics``: an RFC 5545 calendar, one all-day ``VEVENT`` per obligation.

Why events and not to-dos (``VTODO``): the people who use this keep a calendar, not a task
manager, and the common calendars import only events (Google Calendar and Outlook drop
``VTODO`` on import; Apple sends them to Reminders, away from the dates). An all-day event on
the due date is visible in every client; the state and the window are in the description.

- ``DTSTART;VALUE=DATE`` is the due date and ``DTEND`` the day after (an all-day event of one
  day, spelt out for clients that need it); ``TRANSP:TRANSPARENT``: a deadline is not busy time.
- ``UID`` is :attr:`Obligation.uid`, built from the agreement id and a key that does not depend
  on ``as_of``: importing again updates the entries instead of duplicating them.
- ``DTSTAMP`` is ``as_of`` at 00:00 UTC, never the clock, so the same input gives the same
  bytes, and an export for a later date carries a later stamp.
- ``VALARM`` (``ACTION:DISPLAY``, ``TRIGGER:-PnD``) ``--alarm-days`` days before each
  obligation that is not done; ``--alarm-days 0`` leaves alarms out.

The output is written as bytes (CRLF line ends, folded at 75 octets, as the RFC asks) to the
stream's binary buffer when it has one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from ..api import DueResult
from ..i18n import Language, _, language
from ..obligations import Obligation, State
from ..source import Place, SourceFile
from . import FormatOptions
from ._common import kind_label, state_label, when, write_bytes

if TYPE_CHECKING:
    from icalendar import Calendar

PRODID = "-//samverkan//samverkan//SV"
CALENDAR_NAME = "samverkan"


def summary(o: Obligation) -> str:
    """``umea-2021: yearly follow-up 'Årlig uppföljning' (2022)``, in the current language."""
    return f"{o.agreement}: {o.said()}"


def description(o: Obligation, as_of: dt.date, place: str) -> str:
    """State, window, detail, who, kind and source (``place``, ``path:line``, from
    :func:`_places`), one a line, in the current language."""
    lines = [
        _("State: {state}, {when} (as of {date})").format(
            state=state_label(o.state), when=when(o, as_of), date=as_of.isoformat()
        )
    ]
    if o.window_start is not None:
        lines.append(_("Window: {start} – {end}").format(start=o.window_start.isoformat(), end=o.due.isoformat()))
    detail = o.detail_said()
    if detail:
        lines.append(_("Detail: {detail}").format(detail=detail))
    if o.responsible:
        lines.append(_("Responsible: {name}").format(name=o.responsible))
    lines.append(_("Kind: {kind}").format(kind=kind_label(o.kind)))
    lines.append(_("Source: {place}").format(place=place))
    return "\n".join(lines)


def _places(obligations: Sequence[Obligation]) -> dict[int, str]:
    """Each obligation's ``path:line`` by ``id``, read a file at a time: the lines and columns
    of a file that had been let go (:meth:`SourceFile.release`) are let go again once its
    obligations' lines are read. A calendar of the national corpus reads some 500 files for
    them, whose positions would otherwise be kept to the end of the run (some 60 MB)."""
    by_file: dict[int, tuple[SourceFile | None, list[Obligation]]] = {}
    for o in obligations:
        source = o.span.source if isinstance(o.span, Place) else None
        by_file.setdefault(id(source), (source, []))[1].append(o)
    places: dict[int, str] = {}
    for source, mine in by_file.values():
        let_go = source is not None and source.released
        for o in mine:
            places[id(o)] = f"{o.span.path}:{o.span.line}"
        if let_go:
            assert source is not None
            source.release()
    return places


def calendar(result: DueResult, alarm_days: int, lang: Language = "sv") -> Calendar:
    """The calendar of ``result``, in Swedish unless ``lang`` says otherwise (it is read by
    Swedish officials); the same result gives the same calendar."""
    with language(lang):
        return _calendar(result, alarm_days)


def _calendar(result: DueResult, alarm_days: int) -> Calendar:
    from icalendar import Alarm, Calendar, Event

    stamp = dt.datetime.combine(result.as_of, dt.time(0, 0), tzinfo=dt.UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", CALENDAR_NAME)
    places = _places(result.obligations)
    for o in result.obligations:
        event = Event()
        event.add("uid", o.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", o.due)
        if o.due < dt.date.max:
            event.add("dtend", o.due + dt.timedelta(days=1))
        event.add("summary", summary(o))
        event.add("description", description(o, result.as_of, places[id(o)]))
        event.add("categories", ["samverkan", o.kind.value])
        event.add("transp", "TRANSPARENT")
        if alarm_days > 0 and o.state is not State.DONE:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary(o))
            alarm.add("trigger", -dt.timedelta(days=alarm_days))
            event.add_component(alarm)
        cal.add_component(event)
    return cal


def to_bytes(cal: Calendar) -> bytes:
    """``cal.to_ical()``: the same bytes, in a third of the time for a large calendar. icalendar
    folds every content line character by character, most of the time a calendar of thousands
    of events takes; here a line that needs no folding is left as it is and a longer one is
    folded as icalendar folds it from 7.3 on, keeping an escape whole (:func:`_fold`;
    ``tests/test_due_formats.py`` compares; ``pyproject.toml`` asks for 7.3)."""
    return b"\r\n".join(_fold(line).encode("utf-8") for line in cal.content_lines() if line) + b"\r\n"


_FOLD_AT = 75
"""RFC 5545: a content line is folded before it is 75 octets long."""


def _fold(line: str) -> str:
    """``line`` folded as icalendar folds a content line: segments of at most 74 octets of UTF-8
    joined by CRLF and a space, never splitting a character, and a backslash or a caret that
    would end a segment moved to the next (an escape stays whole)."""
    if len(line) < _FOLD_AT // 4 or len(line.encode("utf-8")) < _FOLD_AT:
        return line
    folded: list[str] = []
    current: list[str] = []
    size = 0
    for char in line:
        width = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and size + width >= _FOLD_AT:
            if len(current) > 1 and current[-1] in "\\^":
                moved = current.pop()
                folded.append("".join(current))
                current, size = [moved], 1
            else:
                folded.append("".join(current))
                current, size = [], 0
        current.append(char)
        size += width
    if current:
        folded.append("".join(current))
    return "\r\n ".join(folded)


def write_due(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    lang: Language = "en" if options.calendar_language == "en" else "sv"
    write_bytes(stream, to_bytes(calendar(result, options.alarm_days, lang)))

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
from typing import TYPE_CHECKING, TextIO

from ..api import DueResult
from ..i18n import Language, _, language
from ..obligations import Obligation, State
from . import FormatOptions
from ._common import kind_label, state_label, when, write_bytes

if TYPE_CHECKING:
    from icalendar import Calendar

PRODID = "-//samverkan//samverkan//SV"
CALENDAR_NAME = "samverkan"


def summary(o: Obligation) -> str:
    """``umea-2021: yearly follow-up 'Årlig uppföljning' (2022)``, in the current language."""
    return f"{o.agreement}: {o.said()}"


def description(o: Obligation, as_of: dt.date) -> str:
    """State, window, detail, who, kind and source, one a line, in the current language."""
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
    lines.append(_("Source: {place}").format(place=f"{o.span.path}:{o.span.line}"))
    return "\n".join(lines)


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
    for o in result.obligations:
        event = Event()
        event.add("uid", o.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", o.due)
        if o.due < dt.date.max:
            event.add("dtend", o.due + dt.timedelta(days=1))
        event.add("summary", summary(o))
        event.add("description", description(o, result.as_of))
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


def write_due(result: DueResult, stream: TextIO, options: FormatOptions) -> None:
    lang: Language = "en" if options.calendar_language == "en" else "sv"
    data: bytes = calendar(result, options.alarm_days, lang).to_ical()
    write_bytes(stream, data)

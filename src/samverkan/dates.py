"""Pure calendar arithmetic, and reading a day written ``YYYY-MM-DD``. Nothing here reads today's date.

Months are added with month-end clamping (six months before 2022-12-31 is 2022-06-30, before
2023-08-31 is 2023-02-28); periods are inclusive at both ends; recurring follow-ups fall in
calendar-aligned windows (years, half-years, tertials, quarters, months) or in runs of N weeks
counted from a start day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .i18n import N_, Message, MessageError

ONE_DAY = dt.timedelta(days=1)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class NotADay(MessageError, ValueError):
    """A text that is not a day: ``message`` says why; ``reason`` is the calendar's reason when
    the text has the form ``YYYY-MM-DD`` but no such day exists, else ``None``."""

    def __init__(self, message: Message, reason: Message | None = None) -> None:
        super().__init__(message)
        self.reason = reason


def impossible_date(year: int, month: int, day: int) -> Message | None:
    """Why ``year-month-day`` is not a day of the calendar (in Python's words), or ``None``."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return N_("year {year} is out of range", year=year)
    if not 1 <= month <= 12:
        return N_("month must be in 1..12")
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return N_("day is out of range for month")
    return None


def parse_day(text: str) -> dt.date:
    """A date written ``YYYY-MM-DD``; :class:`NotADay` (a :class:`ValueError`) with a reason otherwise."""
    if not _DAY.fullmatch(text):
        raise NotADay(N_("{value} is not a date; write it as YYYY-MM-DD", value=repr(text)))
    year, month, day = (int(part) for part in text.split("-"))
    reason = impossible_date(year, month, day)
    if reason is not None:
        raise NotADay(N_("{value} is not a real date: {reason}", value=text, reason=reason), reason)
    return dt.date(year, month, day)


def next_day(day: dt.date) -> dt.date:
    """The day after ``day`` (the last representable day stays itself)."""
    return day if day == dt.date.max else day + ONE_DAY


def previous_day(day: dt.date) -> dt.date:
    """The day before ``day`` (the first representable day stays itself)."""
    return day if day == dt.date.min else day - ONE_DAY


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the month's end (01-31 + 1 → 02-28).

    Beyond the years a date can hold (1–9999), the result is the first or last day there is.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


def extend_end(end: dt.date, years: int) -> dt.date:
    """The last day of ``years`` more years after a period that ends on ``end``.

    Counted from the day after ``end``: 2022-12-31 + 2 years is 2024-12-31, and
    2023-02-28 + 1 year is 2024-02-29.
    """
    if end == dt.date.max:
        return end
    shifted = add_months(end + ONE_DAY, 12 * years)
    return shifted if shifted == dt.date.max else shifted - ONE_DAY


def length_in_months(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from ``start`` to ``end`` inclusive (2021-01-01 – 2022-12-31 is 24)."""
    after = next_day(end)
    months = (after.year - start.year) * 12 + after.month - start.month
    if add_months(start, months) > after:
        months -= 1
    return months


def month_end(day: dt.date) -> dt.date:
    """The last day of ``day``'s month."""
    return dt.date(day.year, day.month, days_in_month(day.year, day.month))


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """How many days ``month`` of ``year`` has: ``calendar.monthrange(year, month)[1]``, without
    working out the weekday the month starts on."""
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


# Months per window of each calendar-aligned frequency.
_MONTHS = {"yearly": 12, "half-yearly": 6, "tertial": 4, "quarterly": 3, "monthly": 1}

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, order=True)
class Window:
    """A stretch of days, both ends inclusive, with a short label such as ``2021``, ``Jan–Apr 2014``."""

    start: dt.date
    end: dt.date
    label: str


def _label(frequency: str, start: dt.date, months: int) -> str:
    if frequency == "yearly":
        return str(start.year)
    if frequency == "monthly":
        return f"{_MONTH_NAMES[start.month - 1]} {start.year}"
    last = _MONTH_NAMES[start.month - 1 + months - 1]
    return f"{_MONTH_NAMES[start.month - 1]}–{last} {start.year}"


@functools.lru_cache(maxsize=4096)
def aligned_window(frequency: str, day: dt.date) -> Window:
    """The calendar-aligned window of ``frequency`` that holds ``day``.

    Tertials are January–April, May–August and September–December.
    """
    months = _MONTHS[frequency]
    first_month = (day.month - 1) // months * months + 1
    start = dt.date(day.year, first_month, 1)
    end = month_end(dt.date(day.year, first_month + months - 1, 1))
    return Window(start, end, _label(frequency, start, months))


def recurring_windows(
    frequency: str, every: int, start: dt.date, end: dt.date | None, horizon: dt.date
) -> Iterator[Window]:
    """The windows of a recurring follow-up over a period, clipped to it.

    ``end`` is the period's last day; with ``None`` (the agreement runs on) windows go on
    until one would begin after ``horizon``. With ``frequency == "weekly"``, windows are runs
    of ``every`` weeks from ``start``; otherwise every ``every``-th calendar-aligned window,
    counted from the one that holds ``start``.
    """
    limit = end if end is not None else horizon

    def clip(window: Window) -> Window:
        last = window.end if end is None else min(window.end, end)
        return Window(max(window.start, start), last, window.label)

    if frequency == "weekly":
        step = dt.timedelta(weeks=every)
        begin = start
        while begin <= limit:
            if begin > dt.date.max - step:
                yield clip(Window(begin, dt.date.max, begin.isoformat()))
                return
            stop = begin + step - ONE_DAY
            yield clip(Window(begin, stop, f"{begin.isoformat()}–{stop.isoformat()}"))
            begin += step
        return
    months = _MONTHS[frequency] * every
    window = aligned_window(frequency, start)
    while window.start <= limit:
        if every > 1:
            last = month_end(add_months(window.start, months - 1))
            window = Window(window.start, last, f"{window.start.isoformat()}–{last.isoformat()}")
        yield clip(window)
        following = add_months(window.start, months)
        if following <= window.end:  # the end of the calendar: no window after the last one
            return
        window = aligned_window(frequency, following)


def iso_week_windows(every: int, start: dt.date, end: dt.date) -> Iterator[Window]:
    """Runs of ``every`` ISO weeks (Monday to Sunday) from the week that holds ``start``, clipped
    to ``start``–``end``, labelled ``week 2023-W19`` (or ``weeks 2023-W19–W20``)."""
    begin = start - dt.timedelta(days=start.weekday())
    step = dt.timedelta(weeks=every)
    while begin <= end:
        stop = dt.date.max if begin > dt.date.max - step else begin + step - ONE_DAY
        year, week, _ = begin.isocalendar()
        label = f"week {year:04d}-W{week:02d}"
        if every > 1:
            last_year, last_week, _ = stop.isocalendar()
            label = f"weeks {year:04d}-W{week:02d}–{last_year:04d}-W{last_week:02d}"
        yield Window(max(begin, start), min(stop, end), label)
        if stop == dt.date.max:
            return
        begin = stop + ONE_DAY

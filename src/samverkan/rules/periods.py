"""How long an agreement runs: its period, extended by recorded decisions.

Pure date arithmetic on the model; nothing here looks at today's date.

* :func:`extension_steps` replays the recorded extension decisions (``extensions``) in the
  order they were decided: a decision with ``until`` sets the new last day; one without it
  adds the clause's ``years`` to the current end for a ``renewal`` clause, and leaves the end
  unchanged otherwise (rule SV105 reports that).
* :func:`effective_end` is the last day covered by the period and those decisions.
* :func:`upper_bound` is that day, or ``None`` when the agreement has no end: no end date,
  or a clause that lets it continue (``indefinite``, ``open-ended``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from ..model import Agreement, ExtensionDecision, ExtensionIndefinite, ExtensionOpenEnded, ExtensionRenewal

ONE_DAY = dt.timedelta(days=1)


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
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


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


@dataclass(frozen=True)
class ExtensionStep:
    """One recorded extension decision, with the last day before and after it."""

    index: int
    """Position in the agreement's ``extensions`` list."""
    decision: ExtensionDecision
    before: dt.date | None
    """The last day before the decision (``None``: the period has no end)."""
    after: dt.date | None
    """The last day after the decision (``None``: the period has no end)."""
    computed: bool
    """``after`` was computed from a renewal clause, not read from ``until``."""


def extension_steps(agreement: Agreement) -> list[ExtensionStep]:
    """The recorded extension decisions in the order they were decided, each with its effect."""
    steps: list[ExtensionStep] = []
    current = agreement.period.end
    order = sorted(enumerate(agreement.extensions), key=lambda pair: (pair[1].decided, pair[0]))
    clause = agreement.extension
    for index, decision in order:
        before = current
        computed = False
        if current is None:
            after = None
        elif decision.until is not None:
            after = max(current, decision.until)
        elif isinstance(clause, ExtensionRenewal):
            after = extend_end(current, clause.years)
            computed = True
        else:
            after = current
        steps.append(ExtensionStep(index, decision, before, after, computed))
        current = after
    return steps


def effective_end(agreement: Agreement) -> dt.date | None:
    """The period's last day, extended by the recorded decisions; ``None`` if it has no end."""
    steps = extension_steps(agreement)
    return steps[-1].after if steps else agreement.period.end


def continues_indefinitely(agreement: Agreement) -> bool:
    """Whether the agreement runs on after its (extended) end, until something replaces it."""
    if agreement.period.end is None:
        return True
    return isinstance(agreement.extension, ExtensionIndefinite | ExtensionOpenEnded)


def upper_bound(agreement: Agreement) -> dt.date | None:
    """The last day the agreement can be in force; ``None`` when it has no upper bound."""
    if continues_indefinitely(agreement):
        return None
    return effective_end(agreement)


def describe(start: dt.date, end: dt.date | None) -> str:
    """``2021-01-01 to 2022-12-31``, or ``from 2021-01-01, with no end``."""
    if end is None:
        return f"from {start}, with no end"
    return f"{start} to {end}"

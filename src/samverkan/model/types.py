"""Shared field types: ids, dates, months and period boundaries.

YAML timestamps reach the model as strings (the loader does not resolve them), so an
impossible date such as ``2025-02-30`` fails here, inside Pydantic, with a location.

A value the schema refuses says why as a :class:`~samverkan.i18n.Message`: :func:`problem`
makes the error of a field's validator, :class:`Invalid` that of a model's, and
:mod:`samverkan.validation` prints the message in the reader's language.
"""

import calendar
import datetime as dt
import re
from typing import Annotated, Any, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from ..dates import impossible_date
from ..i18n import N_, Message, MessageError, verbatim


class Invalid(MessageError, ValueError):
    """What a model validator raises: the reason as a :class:`Message` (``str()`` is its English).

    A :class:`ValueError`, so Pydantic reports it as a validation error."""


def problem(kind: str, message: Message) -> PydanticCustomError:
    """A field validator's error of type ``kind``: Pydantic's text is the English, and the
    context keeps the message for :mod:`samverkan.validation`."""
    return PydanticCustomError(kind, "{text}", {"text": message.english(), "message": message})


class StrictModel(BaseModel):
    """Base of every schema model: unknown keys are errors, values are not coerced.

    ``defer_build``: Pydantic builds a model's validator when it is first used, not when the
    class is made, so that importing the schema is quick; a file is validated by the validator
    of :data:`~samverkan.model.DocumentType`, which :mod:`samverkan.validation` keeps between
    runs."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, defer_build=True)


_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_YEAR_RE = re.compile(r"\d{4}")


def _type_error(expected: Message, value: Any) -> PydanticCustomError:
    return problem("wrong_type", N_("expected {expected}, got {value}", expected=expected, value=describe_value(value)))


def _shown(value: str) -> str:
    """Text from the file, cut short with '…' like :func:`quote_value`, without the quotes."""
    return value if len(value) <= MAX_SHOWN else value[: MAX_SHOWN - 1] + "…"


MAX_SHOWN = 60
"""Longest piece of user text quoted in a message; longer text is cut with '…'."""


def quote_value(value: Any) -> str:
    """``repr`` of a value from the file, cut short so a huge value cannot flood the output."""
    if not isinstance(value, str):
        shown = repr(value)
        return shown if len(shown) <= MAX_SHOWN else shown[: MAX_SHOWN - 1] + "…"
    if len(value) > MAX_SHOWN:
        return repr(value[: MAX_SHOWN - 1]) + "…"
    return repr(value)


def describe_value(value: Any) -> Message:
    """``the text 'x'``, ``a number (5)``, ``a list`` …: what a value from the file is."""
    if value is None:
        return N_("nothing (null)")
    if isinstance(value, bool):
        return N_("a boolean ({value})", value=str(value).lower())
    if isinstance(value, int | float):
        return N_("a number ({value})", value=quote_value(value))
    if isinstance(value, str):
        return N_("the text {value}", value=quote_value(value))
    if isinstance(value, dict):
        return N_("a mapping")
    if isinstance(value, list):
        return N_("a list")
    return verbatim(type(value).__name__)


def _make_date(year: int, month: int, day: int, raw: str) -> dt.date:
    reason = impossible_date(year, month, day)
    if reason is None:
        return dt.date(year, month, day)
    raise problem("impossible_date", N_("{value} is not a real date: {reason}", value=_shown(raw), reason=reason))


def parse_date(value: Any) -> dt.date:
    """A calendar date written ``YYYY-MM-DD``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise _type_error(N_("a date (YYYY-MM-DD)"), value)
    m = _DATE_RE.fullmatch(value.strip())
    if not m:
        raise problem("date_format", N_("expected a date as YYYY-MM-DD, got '{value}'", value=_shown(value)))
    return _make_date(int(m[1]), int(m[2]), int(m[3]), value)


class Month(NamedTuple):
    """A calendar month, written ``YYYY-MM``."""

    year: int
    month: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def parse_month(value: Any) -> Month:
    if isinstance(value, Month):
        return value
    if not isinstance(value, str):
        raise _type_error(N_("a month (YYYY-MM)"), value)
    m = _MONTH_RE.fullmatch(value.strip())
    if not m:
        raise problem("month_format", N_("expected a month as YYYY-MM, got '{value}'", value=_shown(value)))
    year, month = int(m[1]), int(m[2])
    if not 1 <= month <= 12:
        raise problem("impossible_date", N_("{value} is not a real month: month must be in 1..12", value=_shown(value)))
    return Month(year, month)


class MonthDate(dt.date):
    """A date known only to the month (``2022-05``): it counts from the month's first day and
    prints as ``2022-05``, so nothing shows a day the document does not give."""

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def isoformat(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"MonthDate({self.year}, {self.month})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (MonthDate, (self.year, self.month, 1))

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])


def parse_day_or_month(value: Any) -> dt.date:
    """``YYYY-MM-DD``, or ``YYYY-MM`` when only the month is known (a :class:`MonthDate`)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _MONTH_RE.fullmatch(value.strip()):
        month = parse_month(value)
        return MonthDate(month.year, month.month, 1)
    if isinstance(value, str) and not _DATE_RE.fullmatch(value.strip()):
        raise problem(
            "date_format",
            N_("expected a date as YYYY-MM-DD or a month as YYYY-MM, got '{value}'", value=_shown(value)),
        )
    return parse_date(value)


SIGNING = "signing"
"""``start: signing``: the period begins on the day the agreement or promise is signed."""


def parse_start_or_signing(value: Any) -> dt.date | str:
    if isinstance(value, str) and value.strip() == SIGNING:
        return SIGNING
    if isinstance(value, str) and value.strip().isalpha():
        raise problem(
            "date_format",
            N_(
                "expected a date (YYYY-MM-DD), a month (YYYY-MM), a year (YYYY) or 'signing', got '{value}'",
                value=_shown(value),
            ),
        )
    return parse_period_start(value)


def _parse_boundary(value: Any, *, end: bool) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        value = str(value)
    if not isinstance(value, str):
        raise _type_error(N_("a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY)"), value)
    text = value.strip()
    if _DATE_RE.fullmatch(text):
        return parse_date(text)
    if _MONTH_RE.fullmatch(text):
        month = parse_month(text)
        return month.last_day if end else month.first_day
    if _YEAR_RE.fullmatch(text):
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    raise problem(
        "date_format",
        N_("expected a date (YYYY-MM-DD), a month (YYYY-MM) or a year (YYYY), got '{value}'", value=_shown(value)),
    )


def parse_period_start(value: Any) -> dt.date:
    """First day: ``2021-09`` means 2021-09-01, ``2024`` means 2024-01-01."""
    return _parse_boundary(value, end=False)


def parse_period_end(value: Any) -> dt.date:
    """Last day, inclusive: ``2022-09`` means 2022-09-30, ``2027`` means 2027-12-31."""
    return _parse_boundary(value, end=True)


# The exported schema's patterns are exact, so that an editor flags what Pydantic refuses at run
# time: month 13, 31 April, 30 February, and 29 February outside a leap year (year 0000 too).
# Editors do not enforce ``format: date`` (yaml-language-server checks only 01-12 and 01-31), so
# the patterns carry the whole rule; they use no look-around, which every regex dialect reads.
_YEAR = r"(?:\d{3}[1-9]|\d{2}[1-9]0|\d[1-9]00|[1-9]000)"
_LEAP_YEAR = r"(?:\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MM = r"(?:0[1-9]|1[0-2])"
_MONTH_DAY = r"(?:" + _MM + r"-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
_DAY = r"(?:" + _YEAR + "-" + _MONTH_DAY + "|" + _LEAP_YEAR + r"-02-29)"
DATE_PATTERN = "^" + _DAY + "$"
"""``YYYY-MM-DD``, a day that exists."""
MONTH_PATTERN = "^" + _YEAR + "-" + _MM + "$"
"""``YYYY-MM``, months 01 to 12."""
DAY_OR_MONTH_PATTERN = "^(?:" + _DAY + "|" + _YEAR + "-" + _MM + ")$"
BOUNDARY_PATTERN = "^(?:" + _DAY + "|" + _YEAR + "-" + _MM + "|" + _YEAR + ")$"
"""``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""

_DATE_SCHEMA = {"type": "string", "pattern": DATE_PATTERN}
_BOUNDARY_SCHEMA = {
    "anyOf": [
        {"type": "string", "pattern": BOUNDARY_PATTERN},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ]
}


def iso_text(day: dt.date) -> str:
    """A date as the file writes it (a :class:`MonthDate` as ``YYYY-MM``). A named function, not
    a lambda, so that the models' core schema can be pickled (see :mod:`samverkan.validation`)."""
    return day.isoformat()


def start_text(day: dt.date | None) -> str:
    """A period's first day as the file writes it; ``signing`` while it is not known."""
    return SIGNING if day is None else day.isoformat()


IsoDate = Annotated[
    dt.date,
    PlainValidator(parse_date),
    PlainSerializer(iso_text, return_type=str),
    WithJsonSchema(_DATE_SCHEMA),
]
MonthValue = Annotated[
    Month,
    PlainValidator(parse_month),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "pattern": MONTH_PATTERN}),
]
PeriodStart = Annotated[
    dt.date,
    PlainValidator(parse_period_start),
    PlainSerializer(iso_text, return_type=str),
    WithJsonSchema(_BOUNDARY_SCHEMA),
]
PeriodEnd = Annotated[
    dt.date,
    PlainValidator(parse_period_end),
    PlainSerializer(iso_text, return_type=str),
    WithJsonSchema(_BOUNDARY_SCHEMA),
]

DayOrMonth = Annotated[
    dt.date,
    PlainValidator(parse_day_or_month),
    PlainSerializer(iso_text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DAY_OR_MONTH_PATTERN,
            "description": "YYYY-MM-DD, eller YYYY-MM när bara månaden är känd.",
        }
    ),
]


def _start_or_none(value: Any) -> dt.date | None:
    parsed = parse_start_or_signing(value)
    return None if isinstance(parsed, str) else parsed


PeriodBegin = Annotated[
    dt.date | None,
    PlainValidator(_start_or_none),
    PlainSerializer(start_text, return_type=str),
    WithJsonSchema({"anyOf": [*_BOUNDARY_SCHEMA["anyOf"], {"const": SIGNING}]}),
]
"""A period's first day, or ``signing``: it begins when the document is signed (``None`` until then)."""

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9åäö][a-z0-9åäö._-]*$",
        max_length=80,
        description="Identifierare: gemener, siffror och bindestreck, unik i sitt sammanhang.",
    ),
]
Text = Annotated[str, Field(min_length=1)]
PositiveInt = Annotated[int, Field(gt=0)]

"""Swedish words and sentences generated from the data: dates, numbers, periods, cadences.

Dates are written with babel (``9 februari 2021``). Every function is pure; nothing reads
today's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.dates import format_date

from ..dates import add_months, aligned_window
from ..model import (
    Agreement,
    Cadence,
    ExtensionIndefinite,
    ExtensionNone,
    ExtensionOpenEnded,
    ExtensionOption,
    ExtensionRenewal,
    MonthDate,
    PromisePeriod,
    Signing,
)
from ..periods import effective_end, extension_steps

LOCALE = "sv_SE"
BLANK = "______________"
"""What stands where a place or a date is still to be filled in by hand."""


_DATES: dict[tuple[type, dt.date], str] = {}
"""Each date written once per process: babel's formatting is slow, and a site writes the same
few thousand dates tens of thousands of times. Keyed by type as well, since a
:class:`MonthDate` equals the first of its month but is written without the day."""
_MONTHS: dict[int, str] = {}


def date_sv(day: dt.date) -> str:
    """``9 februari 2021``; a date known only to the month: ``maj 2022``."""
    key = (type(day), day)
    said = _DATES.get(key)
    if said is None:
        pattern = "MMMM y" if isinstance(day, MonthDate) else "d MMMM y"
        said = _DATES[key] = format_date(day, format=pattern, locale=LOCALE)
    return said


def month_sv(day: dt.date) -> str:
    """``december`` (the month's name, lower case)."""
    said = _MONTHS.get(day.month)
    if said is None:
        said = _MONTHS[day.month] = format_date(day, format="MMMM", locale=LOCALE)
    return said


def month_year_sv(day: dt.date) -> str:
    """``december 2021``."""
    return f"{month_sv(day)} {day.year}"


def temporary_sv(name: str) -> str:
    """``tillfällig`` agreeing with a group's name: ``Arbetsgrupper`` → ``tillfälliga``,
    ``Styrgrupp`` → ``tillfällig``. Names in the plural end in ``-er``/``-ar``/``-or``."""
    last = name.split()[-1].casefold() if name.split() else ""
    plural = last.endswith(("er", "ar", "or")) and not last.endswith(("grupp", "ledare", "samordnare"))
    return "tillfälliga" if plural else "tillfällig"


def capfirst(text: str) -> str:
    """The first letter in upper case, the rest as it is (``januari–april`` → ``Januari–april``)."""
    return text[:1].upper() + text[1:]


_CARDINAL = {
    2: "två",
    3: "tre",
    4: "fyra",
    5: "fem",
    6: "sex",
    7: "sju",
    8: "åtta",
    9: "nio",
    10: "tio",
    11: "elva",
    12: "tolv",
}
_ORDINAL = {
    3: "tredje",
    4: "fjärde",
    5: "femte",
    6: "sjätte",
    7: "sjunde",
    8: "åttonde",
    9: "nionde",
    10: "tionde",
    11: "elfte",
    12: "tolfte",
}


def cardinal(n: int, *, neuter: bool = True) -> str:
    """``ett`` (``en`` for a common-gender noun), ``två`` … ``tolv``, then digits."""
    if n == 1:
        return "ett" if neuter else "en"
    return _CARDINAL.get(n, str(n))


def ordinal(n: int) -> str:
    """``tredje`` … ``tolfte``, then ``13:e``."""
    return _ORDINAL.get(n, f"{n}:e")


def years_sv(n: int) -> str:
    """``ett år``, ``två år``."""
    return f"{cardinal(n)} år"


def months_sv(n: int) -> str:
    """``en månad``, ``sex månader``."""
    return f"{cardinal(n, neuter=False)} {'månad' if n == 1 else 'månader'}"


# unit: (noun, neuter)
_UNITS = {
    "year": ("år", True),
    "half-year": ("halvår", True),
    "tertial": ("tertial", False),
    "quarter": ("kvartal", True),
    "month": ("månad", False),
    "week": ("vecka", False),
}

FREQUENCY_UNIT = {
    "yearly": "year",
    "half-yearly": "half-year",
    "tertial": "tertial",
    "quarterly": "quarter",
    "monthly": "month",
    "weekly": "week",
}

_FREQUENCY_ADVERB = {
    "yearly": "årligen",
    "half-yearly": "halvårsvis",
    "tertial": "per tertial",
    "quarterly": "kvartalsvis",
    "monthly": "månadsvis",
    "weekly": "varje vecka",
}

FREQUENCY_TITLE = {
    "yearly": "Årlig uppföljning",
    "half-yearly": "Halvårsuppföljning",
    "tertial": "Tertialuppföljning",
    "quarterly": "Kvartalsuppföljning",
    "monthly": "Månatlig uppföljning",
    "weekly": "Veckovis uppföljning",
}


def every_sv(unit: str, every: int) -> str:
    """``per år``, ``vartannat år``, ``varannan vecka``, ``var tredje månad``."""
    noun, neuter = _UNITS[unit]
    if every == 1:
        return f"per {noun}"
    if every == 2:
        return f"{'vartannat' if neuter else 'varannan'} {noun}"
    return f"{'vart' if neuter else 'var'} {ordinal(every)} {noun}"


def frequency_sv(frequency: str, every: int) -> str:
    """``årligen``, ``per tertial``, ``varannan vecka``."""
    if every == 1:
        return _FREQUENCY_ADVERB[frequency]
    return every_sv(FREQUENCY_UNIT[frequency], every)


def times_sv(n: int) -> str:
    """``en gång``, ``två gånger``."""
    return f"{cardinal(n, neuter=False)} {'gång' if n == 1 else 'gånger'}"


def cadence_sv(cadence: Cadence) -> str:
    """``minst två gånger per år``, ``en gång varannan vecka``."""
    least = "minst " if cadence.at_least else ""
    return f"{least}{times_sv(cadence.times)} {every_sv(cadence.unit, cadence.every)}"


def meetings_sv(count: int, *, at_least: bool) -> str:
    """``minst två möten``, ``ett möte``."""
    least = "minst " if at_least else ""
    return f"{least}{cardinal(count)} {'möte' if count == 1 else 'möten'}"


def window_label(frequency: str, every: int, start: dt.date, end: dt.date) -> str:
    """A follow-up period in Swedish: ``2021``, ``december 2021``, ``januari–april 2014``, or a date range."""
    if frequency == "weekly" or every > 1:
        return f"{date_sv(start)} – {date_sv(end)}"
    if frequency == "yearly":
        return str(end.year)
    if frequency == "monthly":
        return month_year_sv(end)
    aligned = aligned_window(frequency, end)
    return f"{month_sv(aligned.start)}–{month_sv(aligned.end)} {end.year}"


def cadence_window_label(unit: str, every: int, start: dt.date, end: dt.date) -> str:
    """The period a meeting count is for: ``2021``, ``första halvåret 2021``, ``januari 2022``,
    ``vecka 19 2023``, a date range."""
    if every > 1:
        return f"{date_sv(start)} – {date_sv(end)}"
    if unit == "year":
        return str(end.year)
    if unit == "month":
        return month_year_sv(end)
    if unit == "week":
        year, week, _ = end.isocalendar()
        return f"vecka {week} {year}"
    frequency = {"half-year": "half-yearly", "quarter": "quarterly"}[unit]
    return window_label(frequency, 1, start, end)


# The validity and extension clause ----------------------------------------------------------


def start_sv(start: dt.date | None, from_signing: bool) -> str:
    """``9 februari 2021``; ``undertecknandet`` for a period that starts at signing."""
    if start is None:
        return "undertecknandet"
    return f"undertecknandet {date_sv(start)}" if from_signing else date_sv(start)


def _period_sentence(start: dt.date | None, end: dt.date | None, from_signing: bool = False) -> str:
    begin = start_sv(start, from_signing)
    if end is None:
        return f"Överenskommelsen gäller från och med {begin} och tills vidare"
    return f"Överenskommelsen gäller från och med {begin} till och med {date_sv(end)}"


def _review_sv(every_years: int) -> str:
    if every_years == 1:
        return "varje år"
    return every_sv("year", every_years)


def validity_sentences(agreement: Agreement) -> list[str]:
    """The validity period and the extension clause as Swedish sentences, from the data.

    Upplands Väsby 2021: "Överenskommelsen gäller från och med 1 januari 2021 till och med
    31 december 2022.", "Den kan förlängas med två år i taget efter samråd mellan parterna.",
    "Samråd ska ske senast den 30 juni 2022."
    """
    out = [_period_generated(agreement, with_clause=True)]
    out.extend(_extension_generated(agreement))
    out.extend(extension_sentences(agreement))
    return out


def _period_generated(agreement: Agreement, *, with_clause: bool) -> str:
    """The period as a sentence; ``with_clause`` adds the option or review the extension clause gives."""
    period = agreement.period
    clause = agreement.extension if with_clause else None
    first = _period_sentence(period.start, period.end, period.from_signing)
    if isinstance(clause, ExtensionOption):
        return f"{first}, med option för förlängning."
    if isinstance(clause, ExtensionOpenEnded) and period.end is None:
        return f"{first} och ses över {_review_sv(clause.review_every_years)}."
    return f"{first}."


def _extension_generated(agreement: Agreement, *, alone: bool = False) -> list[str]:
    """The extension clause as sentences, from the data. An option, and the review of an
    agreement with no end, are said with the period, unless the clause stands ``alone``."""
    period = agreement.period
    clause = agreement.extension
    out: list[str] = []
    if alone and isinstance(clause, ExtensionOption):
        out.append("Den kan förlängas (option för förlängning).")
    elif alone and isinstance(clause, ExtensionOpenEnded) and period.end is None:
        out.append(f"Den ses över {_review_sv(clause.review_every_years)}.")
    if isinstance(clause, ExtensionNone):
        out.append("Den kan inte förlängas.")
    elif isinstance(clause, ExtensionRenewal):
        out.append(f"Den kan förlängas med {years_sv(clause.years)} i taget efter samråd mellan parterna.")
        if clause.consultation_months_before is not None and period.end is not None:
            deadline = add_months(period.end, -clause.consultation_months_before)
            out.append(f"Samråd ska ske senast den {date_sv(deadline)}.")
    elif isinstance(clause, ExtensionIndefinite):
        out.append("Om ingen ny överenskommelse tecknas förlängs den tills vidare.")
    elif isinstance(clause, ExtensionOpenEnded) and period.end is not None:
        out.append(f"Därefter gäller den tills vidare och ses över {_review_sv(clause.review_every_years)}.")
    return out


def is_sentence(text: str) -> bool:
    """Whether the document's wording is a clause of its own (``Överenskommelsen löper …``), not a
    phrase quoted from one (``perioden 2024–2027``, ``1 jan 2014 till och med 31 dec 2014``)."""
    text = text.strip()
    return text[:1].isupper() and text.endswith((".", "!", "?"))


@dataclass(frozen=True)
class ValidityClause:
    """The Giltighetstid section of the agreement document."""

    paragraphs: tuple[str, ...]
    """The document's own sentences where it words the period or the extension clause itself,
    else sentences generated from the data; then the recorded extension decisions."""
    quoted: tuple[str, ...]
    """The document's phrases that are not sentences, shown beside the generated sentence."""


def validity_clause(agreement: Agreement) -> ValidityClause:
    """The validity period and extension clause as the agreement document shows them.

    Where the document words a clause itself (a whole sentence in ``text``), its wording stands
    and the generated sentence is left out (it stays in the follow-up report and the site):
    Upplands Väsby 2021 shows "Överenskommelsen löper från och med 2021-01-01 till och med
    2022-12-31." and its extension clause, not "Överenskommelsen gäller från och med 1 januari
    2021 …". Uppsala 2024 gives only the phrase "perioden 2024–2027": the generated sentence
    "Överenskommelsen gäller från och med 1 januari 2024 till och med 31 december 2027." and the
    phrase beside it.
    """
    period_text = (agreement.period.text or "").strip()
    clause = agreement.extension
    clause_text = (clause.text or "").strip() if clause is not None else ""
    clause_worded = is_sentence(clause_text)
    in_clause = bool(period_text) and clause_worded and period_text in clause_text
    paragraphs: list[str] = []
    quoted: list[str] = []
    own_period = is_sentence(period_text) and not in_clause
    if own_period:
        paragraphs.append(period_text)
    elif not in_clause:
        paragraphs.append(_period_generated(agreement, with_clause=not clause_worded))
        if period_text:
            quoted.append(period_text)
    if clause_worded:
        paragraphs.append(clause_text)
    else:
        generated = _extension_generated(agreement, alone=own_period)
        if generated and own_period:
            paragraphs.append(" ".join(generated))
        elif generated:
            paragraphs[-1] = " ".join([paragraphs[-1], *generated])
        if clause_text:
            quoted.append(clause_text)
    decisions = extension_sentences(agreement, own_words=True)
    if decisions:
        paragraphs.append(" ".join(decisions))
    return ValidityClause(tuple(paragraphs), tuple(quoted))


def extension_sentences(agreement: Agreement, *, own_words: bool = False) -> list[str]:
    """One sentence per recorded extension decision, and the next consultation deadline;
    ``own_words``: a decision's ``text`` where it is a sentence, instead of the generated one."""
    out: list[str] = []
    steps = extension_steps(agreement)
    for step in steps:
        decided = date_sv(step.decision.decided)
        if own_words and step.decision.text and is_sentence(step.decision.text):
            out.append(step.decision.text.strip())
        elif step.after is not None and step.after != step.before:
            out.append(f"Överenskommelsen är förlängd till och med {date_sv(step.after)} genom beslut den {decided}.")
        else:
            out.append(f"Parterna beslutade den {decided} att förlänga överenskommelsen.")
    clause = agreement.extension
    end = effective_end(agreement)
    if (
        steps
        and end is not None
        and end != agreement.period.end
        and isinstance(clause, ExtensionRenewal)
        and clause.consultation_months_before is not None
    ):
        deadline = add_months(end, -clause.consultation_months_before)
        out.append(f"Samråd om ytterligare förlängning ska ske senast den {date_sv(deadline)}.")
    return out


def promise_period_sentences(period: PromisePeriod, extended_until: dt.date | None) -> list[str]:
    """``Medborgarlöftet gäller från och med … till och med …``, ``… tills nästa medborgarlöfte …``."""
    start = start_sv(period.start, period.from_signing)
    if period.end is not None and period.until_next:
        first = (
            f"Medborgarlöftet gäller från och med {start} till och med {date_sv(period.end)}, "
            "och därefter tills nästa medborgarlöfte ersätter det."
        )
    elif period.end is not None:
        first = f"Medborgarlöftet gäller från och med {start} till och med {date_sv(period.end)}."
    else:
        first = f"Medborgarlöftet gäller från och med {start} tills nästa medborgarlöfte ersätter det."
    out = [first]
    if extended_until is not None:
        out.append(f"Det är förlängt till och med {date_sv(extended_until)}.")
    return out


def place_and_date(signing: Signing | None) -> str:
    """``Upplands Väsby den 14 december 2020``; blanks to fill in where the data has none."""
    place = signing.place if signing is not None and signing.place else None
    day = signing.date if signing is not None else None
    when = date_sv(day) if day is not None else BLANK
    return f"{place or BLANK} den {when}"

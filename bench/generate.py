"""Generate a realistic national corpus of samverkan files, deterministically.

The 290 Swedish municipalities, each with the local police area that serves it and a
history of agreements chained with ``replaces``: periods of one to four years, extension
clauses and recorded extensions, some that run on indefinitely, a few gaps; action plans
with 10–40 activities (inline or in files of their own), follow-up schedules with records
of what was done, groups with a cadence and the meetings held, citizen promises (inline or
in files of their own), signatories. The text is Swedish, built from the phrases of the real
documents. The same ``--seed`` and ``--files`` always give the same bytes.

``--broken PERCENT`` breaks that share of the files in varied ways and writes
``broken.json``: for each broken file the code, line and column samverkan must report, and
the errors that follow in other files (a file that cannot be read is left out of the
rules, so the action plans that name it and the agreement that replaces it report it).

    python bench/generate.py --files 1000 --out /tmp/corpus --seed 1
    python bench/generate.py --files 1000 --out /tmp/broken --seed 1 --broken 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import random
import re
import shutil
import sys
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpus_data as words


def _schema_has() -> frozenset[str]:
    """The optional fields of lag (2023:196) that the installed samverkan knows.

    The schema is growing (issue 7's statutory check); a field the installed version does not
    know would be an unknown key, so the generator writes only those it finds. The random
    choices are the same either way: only the keys differ."""
    try:
        from samverkan.model import ActionPlanBody, Agreement, SituationPicture
    except ImportError:
        return frozenset()
    fields = {f"situation_picture.{name}" for name in SituationPicture.model_fields}
    fields |= {f"action_plan.{name}" for name in ActionPlanBody.model_fields}
    fields |= {f"agreement.{name}" for name in Agreement.model_fields}
    return frozenset(fields)


SCHEMA = _schema_has()
LAW_IN_FORCE = dt.date(2023, 7, 1)

REFERENCE = dt.date(2026, 9, 1)
"""The day the corpus is "as of": what lies before it may be recorded as done."""

MARKER = ".samverkan-bench-corpus"
"""A file in every generated folder, so that ``--force`` only ever clears a generated corpus."""

MANIFEST = "broken.json"
WIDTH = 96
ONE_DAY = dt.timedelta(days=1)

# --- Dates --------------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = _month_days(year, month + 1)
    return dt.date(year, month + 1, min(day.day, last))


def _month_days(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - ONE_DAY).day


def sv_date(day: dt.date) -> str:
    """``9 februari 2021``."""
    return f"{day.day} {words.MONTHS_SV[day.month - 1]} {day.year}"


def weekday_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    """A day in ``[first, last]``, moved back to a weekday when that stays in range."""
    span = (last - first).days
    day = first + dt.timedelta(days=rng.randint(0, max(span, 0)))
    while day.weekday() >= 5 and day - ONE_DAY >= first:
        day -= ONE_DAY
    return day


WINDOW_MONTHS = {"yearly": 12, "half-yearly": 6, "tertial": 4, "quarterly": 3}


def windows(frequency: str, start: dt.date, end: dt.date) -> Iterator[tuple[dt.date, dt.date]]:
    """Calendar-aligned windows of a recurring follow-up, clipped to ``[start, end]``."""
    months = WINDOW_MONTHS[frequency]
    first_month = (start.month - 1) // months * months + 1
    begin = dt.date(start.year, first_month, 1)
    while begin <= end:
        stop = add_months(begin, months) - ONE_DAY
        yield max(begin, start), min(stop, end)
        begin = add_months(begin, months)


# --- Names --------------------------------------------------------------------------------

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})


def slugify(text: str) -> str:
    """``Upplands Väsby`` → ``upplands-vasby``."""
    folded = text.lower().translate(_FOLD)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


SLUGS = {"Håbo": "haabo"}
"""Where folding the letters would make two names the same (Håbo and Habo)."""


def _short(slug: str, most: int = 40) -> str:
    """A slug cut at a word boundary: ``utveckling-av-det-lokala``, not ``…-brottsforebygga``."""
    return slug if len(slug) <= most else slug[: most + 1].rsplit("-", 1)[0]


def official_name(name: str) -> str:
    """``Umeå`` → ``Umeå kommun``, ``Danderyd`` → ``Danderyds kommun``, ``Malmö`` → ``Malmö stad``."""
    if name in words.CITY_NAMES:
        return words.CITY_NAMES[name]
    if name[-1] in "sxzaeiouyåäö":
        return f"{name} kommun"
    return f"{name}s kommun"


@dataclass(frozen=True)
class Municipality:
    name: str
    county: str
    official: str
    slug: str
    local_police: str
    police_area: str
    region: str

    @property
    def old_police(self) -> str:
        """The police authority before 2015: ``Polismyndigheten i Uppsala län``."""
        county = {"Skåne län": "Skåne", "Västra Götalands län": "Västra Götaland"}.get(self.county, self.county)
        return f"Polismyndigheten i {county}"


def municipalities() -> list[Municipality]:
    """The 290 municipalities, by county, with the police that serve them."""
    area_of: dict[str, str] = {}
    for area, members in words.SPLIT_POLICE_AREAS.items():
        for member in members:
            area_of[member] = area
    local_of: dict[str, str] = {}
    for local, members in words.LOCAL_POLICE_AREAS.items():
        for member in members:
            if member in local_of:
                raise ValueError(f"{member} is in two local police areas")
            local_of[member] = local
    found: list[Municipality] = []
    for county, names in words.COUNTIES.items():
        for name in names:
            found.append(
                Municipality(
                    name=name,
                    county=county,
                    official=official_name(name),
                    slug=SLUGS.get(name) or slugify(name),
                    local_police=local_of.get(name, f"Lokalpolisområde {name}"),
                    police_area=area_of.get(name) or words.POLICE_AREAS[county],
                    region=f"Polisregion {words.REGIONS[county]}",
                )
            )
    if len(found) != 290 or len({m.slug for m in found}) != 290:
        raise ValueError(f"expected 290 municipalities with distinct names, got {len(found)}")
    unknown = set(local_of) - {m.name for m in found}
    if unknown:
        raise ValueError(f"local police areas name unknown municipalities: {sorted(unknown)}")
    return found


# --- A small YAML writer that knows where everything is -------------------------------------


class Flow(dict[str, Any]):
    """A mapping written on one line: ``{party: polisen, unit: kommunpolisen}``."""


class Year(int):
    """A period boundary written as a year: ``start: 2024``."""


@dataclass
class Line:
    """One line of a generated file, and what is on it (for breaking it on purpose)."""

    text: str
    path: tuple[str | int, ...] = ()
    """Key path of the value this line belongs to."""
    key: str | None = None
    key_col: int = 0
    value_col: int = 0
    scalar: bool = False
    """The key's value is a scalar on this same line."""
    item: bool = False
    """The line starts a list item (``- key: …``)."""
    flow: bool = False


_SPECIAL_START = set("-?:,[]{}#&*!|>'\"%@` ")
_RESERVED = re.compile(r"(?i)(true|false|yes|no|on|off|y|n|null|~|[-+]?\.(inf|nan))")
_NUMBERISH = re.compile(r"[-+]?(\d[\d_]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\d+(:\d+)+")
_DATEISH = re.compile(r"\d{4}-\d\d?-\d\d?.*")


def _plain(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _SPECIAL_START:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\n" in text or "\t" in text:
        return False
    if flow and any(c in text for c in ",[]{}"):
        return False
    return not (_RESERVED.fullmatch(text) or _NUMBERISH.fullmatch(text) or _DATEISH.fullmatch(text))


def scalar(value: Any, *, flow: bool = False) -> str:
    """A value as a one-line YAML scalar (plain where that is safe, else single-quoted)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _plain(text, flow):
        return text
    return "'" + text.replace("'", "''") + "'"


class Writer:
    """Writes a mapping in block style, as the bundled agreements are written."""

    def __init__(self) -> None:
        self.lines: list[Line] = []

    def comment(self, text: str = "") -> None:
        self.lines.append(Line(f"# {text}".rstrip()))

    def document(self, mapping: Mapping[str, Any]) -> None:
        self._mapping(mapping, 0, (), item=False)

    def text(self) -> str:
        return "".join(f"{line.text}\n" for line in self.lines)

    def _mapping(self, mapping: Mapping[str, Any], indent: int, path: tuple[str | int, ...], *, item: bool) -> None:
        for i, (key, value) in enumerate(mapping.items()):
            if value is None:
                continue
            starts_item = item and i == 0
            lead = " " * (indent - 2) + "- " if starts_item else " " * indent
            self._entry(lead, indent, key, value, (*path, key), item=starts_item)

    def _entry(self, lead: str, indent: int, key: str, value: Any, path: tuple[str | int, ...], *, item: bool) -> None:
        head = f"{lead}{key}:"

        def line(text: str, *, value_col: int = 0, scalar_value: bool = False, flow: bool = False) -> Line:
            return Line(text, path, key, len(lead) + 1, value_col, scalar_value, item, flow)

        if isinstance(value, Flow):
            body = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items() if v is not None)
            self.lines.append(line(f"{head} {{{body}}}", value_col=len(head) + 2, flow=True))
        elif isinstance(value, dict):
            self.lines.append(line(head))
            self._mapping(value, indent + 2, path, item=False)
        elif isinstance(value, list):
            if not value:
                self.lines.append(line(f"{head} []", value_col=len(head) + 2))
                return
            self.lines.append(line(head))
            self._sequence(value, indent + 2, path)
        else:
            one = scalar(value)
            if isinstance(value, str) and ("\n" in value or len(head) + 1 + len(one) > WIDTH):
                self.lines.append(line(f"{head} >-"))
                self._folded(value, indent + 2, path)
            else:
                self.lines.append(line(f"{head} {one}", value_col=len(head) + 2, scalar_value=True))

    def _sequence(self, items: Sequence[Any], indent: int, path: tuple[str | int, ...]) -> None:
        for i, value in enumerate(items):
            where = (*path, i)
            if isinstance(value, Flow):
                body = ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in value.items() if v is not None)
                self.lines.append(Line(f"{' ' * indent}- {{{body}}}", where, flow=True, item=True))
            elif isinstance(value, dict):
                self._mapping(value, indent + 2, where, item=True)
            else:
                one = scalar(value)
                if isinstance(value, str) and ("\n" in value or indent + 2 + len(one) > WIDTH):
                    self.lines.append(Line(f"{' ' * indent}- >-", where, item=True))
                    self._folded(value, indent + 2, where)
                else:
                    self.lines.append(Line(f"{' ' * indent}- {one}", where, value_col=indent + 3, item=True))

    def _folded(self, text: str, indent: int, path: tuple[str | int, ...]) -> None:
        for n, paragraph in enumerate(text.split("\n")):
            if n:
                self.lines.append(Line("", path))
            for chunk in textwrap.wrap(paragraph, WIDTH - indent, break_long_words=False, break_on_hyphens=False):
                self.lines.append(Line(" " * indent + chunk, path))


# --- The plan of one municipality's history --------------------------------------------------


@dataclass
class PlanSpec:
    """An action plan: for the whole period, for one year, or for an area."""

    title: str
    scope: str
    first: dt.date
    last: dt.date
    area: str | None = None
    year: int | None = None
    as_file: bool = False
    inline: bool = False


@dataclass
class PromiseSpec:
    start: dt.date
    end: dt.date | None
    until_next: bool = False
    as_file: bool = False
    inline: bool = False


@dataclass
class AgreementSpec:
    id: str
    start: dt.date
    end: dt.date | None
    years: int
    clause: str  # none, option, renewal, indefinite, open-ended, or "" for no clause
    renewal_years: int = 2
    consult_months: int | None = None
    review_years: int = 2
    decisions: list[tuple[dt.date, dt.date | None]] = field(default_factory=list)
    effective_end: dt.date | None = None
    replaces: str | None = None
    replaced_on: dt.date | None = None
    """The start of the agreement that replaces this one."""
    plans: list[PlanSpec] = field(default_factory=list)
    promises: list[PromiseSpec] = field(default_factory=list)

    @property
    def under_the_law(self) -> bool:
        """In force on or after 1 July 2023, when lag (2023:196) began to apply."""
        if self.replaced_on is not None and self.replaced_on <= LAW_IN_FORCE:
            return False
        return self.effective_end is None or self.effective_end >= LAW_IN_FORCE

    @property
    def old_police(self) -> bool:
        return self.start < dt.date(2015, 1, 1)

    @property
    def horizon(self) -> dt.date:
        """The last day things are scheduled for: the period's end; without one, the day before the
        agreement that replaced it, or the end of the year after the reference day."""
        if self.end is not None:
            return self.end
        if self.replaced_on is not None:
            return self.replaced_on - ONE_DAY
        return dt.date(REFERENCE.year + 1, 12, 31)


def _clause(rng: random.Random) -> str:
    return rng.choices(("renewal", "option", "indefinite", "none", "", "open-ended"), weights=(34, 14, 20, 10, 14, 8))[
        0
    ]


def timeline(rng: random.Random, count: int, slug: str) -> list[AgreementSpec]:
    """``count`` agreements (fewer if they would start before 2005), oldest first, chained."""
    newest: list[AgreementSpec] = []
    next_start = dt.date(rng.randint(REFERENCE.year - 3, REFERENCE.year), rng.choice((1, 1, 1, 1, 1, 1, 4, 7, 9)), 1)
    for k in range(count):
        years = rng.choice((1, 2, 2, 3, 3, 4, 4))
        clause = _clause(rng)
        spec = AgreementSpec(id="", start=next_start, end=None, years=years, clause=clause)
        if clause == "renewal":
            spec.renewal_years = rng.choice((1, 2, 2))
            spec.consult_months = rng.choice((3, 6, 6, None))
        if clause == "open-ended":
            spec.review_years = rng.choice((2, 3))
        if k == 0:
            _newest(rng, spec)
        else:
            eff_end = next_start - ONE_DAY
            if clause in ("none", "", "option", "renewal") and rng.random() < 0.04:
                eff_end = add_months(next_start, -rng.randint(2, 8)) - ONE_DAY  # a gap before the next one
            _older(rng, spec, eff_end)
        if spec.start < dt.date(2005, 1, 1):
            break
        newest.append(spec)
        next_start = spec.start
    specs = list(reversed(newest))
    for spec in specs:
        spec.id = f"{slug}-{spec.start.year}"
    for older, newer in itertools.pairwise(specs):
        newer.replaces = older.id
        older.replaced_on = newer.start
    return specs


def _newest(rng: random.Random, spec: AgreementSpec) -> None:
    if spec.clause == "open-ended":
        spec.end = None
        return
    spec.end = add_months(spec.start, 12 * spec.years) - ONE_DAY
    current = spec.end
    if spec.clause == "renewal":
        while current < REFERENCE and len(spec.decisions) < 2 and rng.random() < 0.75:
            decided = _decided(rng, spec, current)
            if decided > REFERENCE:
                break
            explicit = add_months(current, 12 * spec.renewal_years) if rng.random() < 0.3 else None
            spec.decisions.append((decided, explicit))
            current = add_months(current + ONE_DAY, 12 * spec.renewal_years) - ONE_DAY
    elif spec.clause == "option" and current < REFERENCE and rng.random() < 0.5:
        decided = current - dt.timedelta(days=rng.randint(20, 120))
        if decided <= REFERENCE:
            until = add_months(current + ONE_DAY, 12 * rng.choice((1, 2))) - ONE_DAY
            spec.decisions.append((decided, until))
            current = until
    spec.effective_end = current


def _older(rng: random.Random, spec: AgreementSpec, eff_end: dt.date) -> None:
    """Fit ``spec`` so that it ends (as extended) on ``eff_end``."""
    spec.effective_end = eff_end
    if spec.clause == "open-ended":
        spec.end = None
        spec.start = add_months(eff_end + ONE_DAY, -12 * spec.years)
        return
    base_end = eff_end
    if spec.clause == "renewal":
        k = rng.choice((0, 1, 1, 2)) if eff_end + ONE_DAY < REFERENCE else 0
        base_end = add_months(eff_end + ONE_DAY, -12 * spec.renewal_years * k) - ONE_DAY
        current = base_end
        for _ in range(k):
            decided = _decided(rng, spec, current)
            spec.decisions.append((decided, None))
            current = add_months(current + ONE_DAY, 12 * spec.renewal_years) - ONE_DAY
    elif spec.clause == "option" and rng.random() < 0.5:
        base_end = add_months(eff_end + ONE_DAY, -12) - ONE_DAY
        spec.decisions.append((base_end - dt.timedelta(days=rng.randint(20, 120)), eff_end))
    elif spec.clause == "indefinite":
        base_end = add_months(eff_end + ONE_DAY, -rng.choice((0, 0, 0, 6, 12))) - ONE_DAY
        spec.effective_end = None
    spec.end = base_end
    spec.start = add_months(base_end + ONE_DAY, -12 * spec.years)


def _decided(rng: random.Random, spec: AgreementSpec, current_end: dt.date) -> dt.date:
    months = spec.consult_months or 3
    return add_months(current_end, -months) - dt.timedelta(days=rng.randint(3, 50))


def candidates(rng: random.Random, spec: AgreementSpec) -> None:
    """The action plans and citizen promises an agreement could have (files or inline)."""
    last = min(spec.horizon, dt.date(REFERENCE.year + 1, 12, 31))
    first_year, last_year = spec.start.year, last.year
    if spec.years >= 2 and rng.random() < 0.55:
        for year in range(first_year, last_year + 1):
            first = max(spec.start, dt.date(year, 1, 1))
            stop = min(last, dt.date(year, 12, 31))
            if first <= stop:
                spec.plans.append(PlanSpec(f"Åtgärdsplan {year}", "municipality", first, stop, year=year))
    else:
        label = f"{first_year}–{last_year}" if last_year > first_year else f"{first_year}"
        title = rng.choice((f"Åtgärdsplan {label}", f"Handlingsplan {first_year}-", "Åtgärdsplan"))
        spec.plans.append(PlanSpec(title, "municipality", spec.start, last))
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        spec.plans.append(_area_plan(rng, spec, last))
    if spec.start.year >= 2015 and rng.random() < 0.7:
        months = rng.choice((12, 24, 24, 12, 6))
        begin = spec.start
        while begin <= last and begin <= REFERENCE + dt.timedelta(days=200):
            stop = add_months(begin, months) - ONE_DAY
            if stop > last:
                spec.promises.append(PromiseSpec(begin, None, until_next=True))
                break
            spec.promises.append(PromiseSpec(begin, stop))
            begin = stop + ONE_DAY


def _area_plan(rng: random.Random, spec: AgreementSpec, last: dt.date) -> PlanSpec:
    taken = {p.area for p in spec.plans}
    free = [a for a in words.AREAS if a not in taken]
    area = rng.choice(free) if free else f"{rng.choice(words.AREAS)}, etapp {len(taken) + 1}"
    return PlanSpec(f"Handlingsplan för {area}", rng.choice(("area", "area", "site")), spec.start, last, area=area)


def allocate(rng: random.Random, specs: list[AgreementSpec], files: int) -> None:
    """Make exactly ``files`` of the candidates files of their own; some of the rest inline."""
    pool: list[PlanSpec | PromiseSpec] = [*(p for s in specs for p in s.plans), *(p for s in specs for p in s.promises)]
    while len(pool) < files + len(specs):  # a large budget: more area plans (a few stay inline)
        spec = rng.choice(specs)
        plan = _area_plan(rng, spec, min(spec.horizon, dt.date(REFERENCE.year + 1, 12, 31)))
        spec.plans.append(plan)
        pool.append(plan)
    weights = [3.0 if isinstance(p, PlanSpec) else 1.0 for p in pool]
    chosen: set[int] = set()
    while len(chosen) < files:
        (index,) = rng.choices(range(len(pool)), weights=weights)
        if index not in chosen:
            chosen.add(index)
            weights[index] = 0.0
    for index in chosen:
        pool[index].as_file = True
    for spec in specs:
        rest = [p for p in spec.plans if not p.as_file]
        if rest and (len(rest) == len(spec.plans) or rng.random() < 0.6):
            rest[0].inline = True
        inline_promises = 0
        for promise in spec.promises:
            if not promise.as_file and inline_promises < 2 and rng.random() < 0.8:
                promise.inline = True
                inline_promises += 1
        spec.plans = [p for p in spec.plans if p.as_file or p.inline]
        spec.promises = [p for p in spec.promises if p.as_file or p.inline]


# --- Writing one municipality -----------------------------------------------------------------


@dataclass
class GeneratedFile:
    path: str
    """Relative to the corpus folder, with ``/``."""
    kind: str
    lines: list[Line]
    agreement: str
    """The agreement's id (for an agreement: its own)."""


class Author:
    """Writes the files of one municipality, with its own random stream."""

    def __init__(self, rng: random.Random, place: Municipality) -> None:
        self.rng = rng
        self.place = place
        self.files: list[GeneratedFile] = []
        self.spot = "centrum"

    # small helpers

    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)

    def some(self, options: Sequence[str], low: int, high: int) -> list[str]:
        return self.rng.sample(list(options), min(len(options), self.rng.randint(low, high)))

    def paragraphs(self, options: Sequence[str], low: int, high: int) -> list[str]:
        """Some of ``options``, in their order (an introduction stays first)."""
        chosen = set(self.some(options, low, high))
        return [p for p in options if p in chosen]

    def focus_on(self) -> None:
        """Choose the place a document is mostly about (``{plats}``)."""
        self.spot = self.pick(words.PLACES).format(ort=self.place.name)

    def say(self, template: str, **extra: Any) -> str:
        ort = self.place.name
        slots = {
            "ort": ort,
            "kommun": self.place.official,
            "polis": extra.pop("polis", self.place.local_police),
            "county": self.place.county.removesuffix(" län").removesuffix("s"),
            "plats": self.spot if self.rng.random() < 0.8 else self.pick(words.PLACES).format(ort=ort),
            **extra,
        }
        text = template.format(**slots)
        return text[0].upper() + text[1:] if template.startswith("{") else text

    def person(self) -> str:
        return f"{self.pick(words.FIRST_NAMES)} {self.pick(words.LAST_NAMES)}"

    # the municipality

    def write(self, budget: int) -> None:
        rng = self.rng
        count = min(budget, max(rng.choice((1, 2, 2, 3, 3, 4)), -(-budget // 7)))
        specs = timeline(rng, count, self.place.slug)
        for spec in specs:
            candidates(rng, spec)
        allocate(rng, specs, budget - len(specs))
        people = {"kso": self.person(), "director": self.person(), "lpo": self.person(), "officer": self.person()}
        for n, spec in enumerate(specs):
            if rng.random() < 0.3:  # a new chair, a new chief
                people["kso" if n % 2 else "lpo"] = self.person()
            self._agreement(spec, people, history_from=specs[0].start.year)

    def _parties(self, spec: AgreementSpec) -> tuple[list[dict[str, Any]], str, str, str]:
        rng = self.rng
        kommun_id = rng.choice(("kommunen", f"{self.place.slug}-kommun", self.place.slug))
        polis_id = rng.choice(("polisen", "polisen", "lpo", "polismyndigheten"))
        kommun: dict[str, Any] = {"id": kommun_id, "kind": "municipality", "name": self.place.official}
        if spec.old_police:
            police_name = self.place.old_police
            polis: dict[str, Any] = {
                "id": polis_id,
                "kind": "police",
                "name": police_name,
                "unit": rng.choice((f"polisområde {self.place.name}", f"närpolisområde {self.place.name}")),
            }
        else:
            police_name = self.place.local_police
            polis = {"id": polis_id, "kind": "police", "name": police_name}
            if rng.random() < 0.6:
                polis["part_of"] = rng.choice((self.place.police_area, "Polismyndigheten", self.place.region))
        parties = [polis, kommun] if rng.random() < 0.4 else [kommun, polis]
        if rng.random() < 0.07:
            kind, name = rng.choice(words.THIRD_PARTIES)
            third = {"id": slugify(self.say(name))[:30], "kind": kind, "name": self.say(name)}
            parties.append(third)
        return parties, kommun_id, polis_id, police_name

    def _agreement(self, spec: AgreementSpec, people: dict[str, str], history_from: int) -> None:
        rng = self.rng
        self.focus_on()
        parties, kommun_id, polis_id, police_name = self._parties(spec)
        party_ids = [p["id"] for p in parties]
        years_label = self._years_label(spec)
        say = self.say
        doc: dict[str, Any] = {"kind": "agreement", "id": spec.id}
        doc["title"] = say(self.pick(words.TITLES), polis=police_name)
        if rng.random() < 0.6:
            doc["subtitle"] = say(self.pick(words.SUBTITLES), polis=police_name, years=years_label)
        doc["purpose"] = say(self.pick(words.PURPOSES))
        paragraphs = self.paragraphs(words.BACKGROUND_PARAGRAPHS, 2, 5)
        doc["background"] = "\n".join(say(p, polis=police_name, n_years=spec.years) for p in paragraphs)
        if spec.replaces is None and rng.random() < 0.5:
            doc["history"] = say(self.pick(words.HISTORY), year=history_from - rng.randint(1, 12))
        doc["parties"] = parties
        doc["period"] = self._period(spec)
        extension = self._extension(spec)
        if extension is not None:
            doc["extension"] = extension
        if spec.decisions:
            doc["extensions"] = [
                {"decided": d, "until": until, "note": self.pick(("Beslut i kommunstyrelsen.", "Efter samråd."))}
                if rng.random() < 0.4
                else {"decided": d, "until": until}
                for d, until in spec.decisions
            ]
        if spec.replaces:
            doc["replaces"] = spec.replaces
        signing_date = self._signing_date(spec.start)
        decision_date = signing_date - dt.timedelta(days=rng.randint(5, 40))
        if rng.random() < 0.7:
            doc["decision"] = {
                "body": self.pick(words.DECISION_BODIES),
                "date": decision_date,
                "paragraph": f"§ {rng.randint(5, 260)}",
            }
        statutory = spec.under_the_law and rng.random() < 0.93
        if statutory or rng.random() < 0.75:
            picture: dict[str, Any] = {
                "date": add_months(spec.start, -rng.randint(3, 10)) if statutory or rng.random() < 0.4 else None,
                "method": self.pick(words.SITUATION_METHODS) if rng.random() < 0.7 else None,
                "sources": self.some(words.SITUATION_SOURCES, 1, 4),
            }
            parts = {
                "mapping": say(
                    self.pick(words.SITUATION_MAPPING), years=f"{spec.start.year - 3}–{spec.start.year - 1}"
                ),
                "other_information": say(self.pick(words.SITUATION_OTHER)),
                "analysis": say(self.pick(words.SITUATION_ANALYSIS)),
            }
            for name, text in parts.items():
                if statutory and f"situation_picture.{name}" in SCHEMA:
                    picture[name] = text
            picture["text"] = say(self.pick(words.SITUATION_TEXTS))
            doc["situation_picture"] = picture
        doc["goals"] = self._goals()
        focus = rng.sample(words.FOCUS_AREAS, rng.randint(2, 5))
        focus_ids = [f[0] for f in focus]
        kind = self.pick(words.FOCUS_KINDS)
        doc["focus_areas"] = [self._focus_area(f, kind) for f in focus]
        if rng.random() < 0.5:
            doc["working_methods"] = [say(t) for t in self.some(words.WORKING_METHODS, 1, 3)]
        groups, group_ids = self._organisation(spec, kommun_id, polis_id)
        responsible = rng.choice(group_ids[:1] or [kommun_id]) if rng.random() < 0.8 else kommun_id
        plans: list[Any] = []
        for plan in spec.plans:
            if plan.as_file:
                name = self._plan_file(spec, plan, party_ids, focus_ids, group_ids or [kommun_id])
                plans.append({"file": name})
            else:
                plans.append(self._plan_body(spec, plan, party_ids, focus_ids, group_ids or [kommun_id], inline=True))
        doc["action_plans"] = plans
        doc["follow_up"] = self._follow_up(spec, responsible, agreement_level=True)
        doc["organisation"] = groups
        coordinator = {
            "name": self.pick(words.COORDINATOR_NAMES),
            "unit": self.pick(words.DEPARTMENTS),
            "text": say(self.pick(words.COORDINATOR_TEXTS)),
        }
        if statutory and "agreement.coordinating_function" in SCHEMA:
            doc["coordinating_function"] = coordinator
        if spec.promises:
            validity = rng.choice((12, 24))
            doc["citizen_promise_terms"] = {
                "text": say(self.pick(words.PROMISE_TERMS), period="två år" if validity == 24 else "ett år"),
                "validity_months": validity if rng.random() < 0.7 else None,
            }
            inline = [self._promise(spec, p, party_ids, kommun_id, polis_id, people) for p in spec.promises if p.inline]
            if inline:
                doc["citizen_promises"] = inline
            for promise in spec.promises:
                if promise.as_file:
                    self._promise_file(spec, promise, party_ids, kommun_id, polis_id, people)
        doc["signing"] = self._signing(spec, signing_date, kommun_id, polis_id, people)
        if rng.random() < 0.5:
            doc["memo"] = self._memo(spec, decision_date, people, police_name)
        doc["source"] = (
            f"Samverkansöverenskommelse, {self.place.official} och {police_name}, {signing_date.isoformat()}."
        )
        if rng.random() < 0.05:
            doc["internal_note"] = "Utkast till reviderad åtgärdsplan skickat till polisen för synpunkter."
        comments = [f"{self.place.official} och {police_name}, {years_label}."]
        if spec.replaces:
            comments.append(f"Ersätter {spec.replaces}.")
        writer = self._emit(comments, doc)
        path = f"{self.place.slug}/{spec.id}.yaml"
        self.files.insert(self._agreement_index(), GeneratedFile(path, "agreement", writer.lines, spec.id))

    def _agreement_index(self) -> int:
        """Agreements go before the files that were written for them (keeps the order readable)."""
        index = len(self.files)
        while index and self.files[index - 1].kind != "agreement":
            index -= 1
        return index

    @staticmethod
    def _emit(comments: Sequence[str], doc: dict[str, Any]) -> Writer:
        """Write ``doc``; over 600 lines, drop activities from its longest plan (never below 10)."""
        while True:
            writer = Writer()
            for text in comments:
                writer.comment(text)
            writer.document(doc)
            excess = len(writer.lines) - 600
            if excess <= 0:
                return writer
            plans = [doc] if doc["kind"] == "action-plan" else [p for p in doc.get("action_plans", []) if "id" in p]
            longest = max(plans, key=lambda p: len(p.get("activities", [])), default=None)
            groups = doc.get("organisation", {}).get("groups", [])
            busiest = max(groups, key=lambda g: len(g.get("meetings") or []), default=None)
            if longest is not None and len(longest.get("activities", [])) > 10:
                drop = max(1, min(excess // 14, len(longest["activities"]) - 10))
                longest["activities"] = longest["activities"][:-drop]
            elif busiest is not None and len(busiest.get("meetings") or []) > 4:
                busiest["meetings"] = busiest["meetings"][min(excess, len(busiest["meetings"]) - 4) :]
            else:
                return writer

    def _years_label(self, spec: AgreementSpec) -> str:
        if spec.end is None:
            return f"från {spec.start.year}"
        if spec.end.year == spec.start.year:
            return str(spec.start.year)
        return f"{spec.start.year}–{spec.end.year}"

    def _period(self, spec: AgreementSpec) -> dict[str, Any]:
        rng = self.rng
        start, end = spec.start, spec.end
        aligned = start.month == 1 and end is not None and end.month == 12 and end.day == 31
        if end is None:
            return {
                "start": start,
                "text": f"Överenskommelsen gäller tills vidare från och med {sv_date(start)}.",
            }
        style = rng.randint(0, 4)
        if aligned and style == 0:
            return {"start": Year(start.year), "end": Year(end.year), "text": f"perioden {start.year}–{end.year}"}
        texts = (
            f"Överenskommelsen löper från och med {start.isoformat()} till och med {end.isoformat()}.",
            f"Överenskommelsen gäller från den {sv_date(start)} till den {sv_date(end)}.",
            f"{start.day} {words.MONTHS_SV[start.month - 1][:3]} {start.year} till och med "
            f"{end.day} {words.MONTHS_SV[end.month - 1][:3]} {end.year}",
            f"Avtalet är giltigt från {start.isoformat()} till {end.isoformat()}.",
        )
        return {"start": start, "end": end, "text": texts[style % len(texts)]}

    def _extension(self, spec: AgreementSpec) -> dict[str, Any] | None:
        n = words.NUMBERS_SV
        if spec.clause == "renewal":
            text = (
                f"Överenskommelsen kan förlängas med {n[spec.renewal_years]} år i taget efter samråd mellan Parterna."
            )
            if spec.consult_months:
                text += f" Samråd ska ha skett senast {n[spec.consult_months]} månader före giltighetstidens utgång."
            return {
                "type": "renewal",
                "years": spec.renewal_years,
                "consultation_months_before": spec.consult_months,
                "text": text,
            }
        if spec.clause == "option":
            end = spec.end or spec.start
            return {
                "type": "option",
                "text": f"Föreliggande avtal gäller för tidsperioden {sv_date(spec.start)} till och med "
                f"{sv_date(end)}, med option för förlängning.",
            }
        if spec.clause == "indefinite":
            return {
                "type": "indefinite",
                "text": "Om ny överenskommelse inte tecknas efter utgånget datum förlängs denna "
                "överenskommelse tillsvidare.",
            }
        if spec.clause == "none":
            return {
                "type": "none",
                "text": "Överenskommelsen kan inte förlängas; en ny överenskommelse tas fram i god tid före "
                "giltighetstidens utgång.",
            }
        if spec.clause == "open-ended":
            every = "vartannat år" if spec.review_years == 2 else "vart tredje år"
            return {
                "type": "open-ended",
                "review_every_years": spec.review_years,
                "text": f"Överenskommelsen gäller tills vidare och ses över {every}.",
            }
        return None

    def _signing_date(self, start: dt.date) -> dt.date:
        if self.rng.random() < 0.04:
            return start + dt.timedelta(days=self.rng.randint(10, 60))  # signed after the start: a notice
        return weekday_between(self.rng, start - dt.timedelta(days=70), start - dt.timedelta(days=8))

    def _goals(self) -> list[dict[str, Any]]:
        rng = self.rng
        goals = [{"level": "overall", "text": self.say(t)} for t in self.some(words.GOALS_OVERALL, 1, 3)]
        if rng.random() < 0.5:
            goals.append({"level": "long-term", "text": self.say(self.pick(words.GOALS_LONG_TERM))})
        if rng.random() < 0.4:
            goals.append({"level": "vision", "text": self.say(self.pick(words.GOALS_VISION))})
        return goals

    def _focus_area(self, focus: tuple[str, str, str, str, tuple[str, ...]], kind: str) -> dict[str, Any]:
        rng = self.rng
        ident, name, definition, effect, goals = focus
        area: dict[str, Any] = {"id": ident, "name": name}
        if kind != "focus-area" or rng.random() < 0.3:
            area["kind"] = kind
        if rng.random() < 0.8:
            area["definition"] = self.say(definition)
        if rng.random() < 0.7:
            area["expected_effect"] = self.say(effect)
        if rng.random() < 0.7:
            area["measurement"] = self.some(words.MEASUREMENTS, 1, 5)
        if rng.random() < 0.7:
            level = rng.choice(("target-area", "goal"))
            area["goals"] = [{"level": level, "text": self.say(g)} for g in goals]
        return area

    def _organisation(self, spec: AgreementSpec, kommun_id: str, polis_id: str) -> tuple[dict[str, Any], list[str]]:
        rng = self.rng
        groups: list[dict[str, Any]] = []
        steering: dict[str, Any] = {
            "id": rng.choice(("styrgrupp", "strategiskt-forum", "styrgruppen")),
            "kind": "steering-group",
            "name": rng.choice(("Strategiskt samverkansforum/styrgrupp", "Styrgruppen", "Styrgrupp för samverkan")),
            "members": [
                {"role": rng.choice(("kommundirektör", "kommunchef", "stadsdirektör")), "party": kommun_id},
                {"role": "lokalpolisområdeschef" if not spec.old_police else "polisområdeschef", "party": polis_id},
            ],
            "co_opted": (
                [{"role": "chef", "unit": "avdelningen gata-park-natur", "party": kommun_id}]
                if rng.random() < 0.15
                else None
            ),
            "duties": self.some(words.STEERING_DUTIES, 1, 3),
        }
        times = rng.choice((2, 2, 2, 4))
        steering["cadence"] = {
            "unit": "year",
            "times": times,
            "at_least": rng.random() < 0.6,
            "text": "utifrån behov men minst två gånger per år" if times == 2 else "en gång per kvartal",
        }
        steering["meetings"] = self._meetings(spec, times, 12)
        groups.append(steering)
        if rng.random() < 0.8:
            monthly = rng.random() < 0.25
            preparatory: dict[str, Any] = {
                "id": "beredningsgrupp",
                "kind": "preparatory-group",
                "name": "Beredningsgrupp",
                "description": "Beredningsgruppen utökas vid behov." if rng.random() < 0.5 else None,
                "members": [
                    {"role": "brottsförebyggande samordnare", "party": kommun_id, "name": self.person()},
                    {"role": "kommunpolis", "party": polis_id, "name": self.person()},
                ],
                "duties": self.some(words.PREPARATORY_DUTIES, 1, 3),
                "cadence": {"unit": "month", "times": 1} if monthly else {"unit": "quarter", "times": 1},
            }
            preparatory["meetings"] = self._meetings(spec, 1, 1 if monthly else 3)
            groups.append(preparatory)
        if rng.random() < 0.6:
            groups.append(
                {
                    "id": "arbetsgrupper",
                    "kind": "working-group",
                    "name": "Arbetsgrupper",
                    "description": "Arbetsgrupper utgörs av befintliga samverkansgrupper, främst EST (Effektiv "
                    "Samordning för trygghet) strategisk eller EST fördjupning, men även andra grupperingar.",
                    "temporary": True if rng.random() < 0.5 else None,
                    "duties": self.some(words.WORKING_DUTIES, 1, 2),
                }
            )
        if rng.random() < 0.4:
            groups.append(
                {
                    "id": "bra",
                    "kind": "crime-prevention-council",
                    "name": f"Brottsförebyggande rådet i {self.place.name}",
                    "cadence": {"unit": "year", "times": 4, "at_least": False},
                    "meetings": self._meetings(spec, 4, 12) if rng.random() < 0.85 else None,
                }
            )
        organisation: dict[str, Any] = {"groups": groups}
        if rng.random() < 0.3:
            organisation = {"text": self.pick(words.ORGANISATION_TEXTS), "groups": groups}
        return organisation, [g["id"] for g in groups]

    def _meetings(self, spec: AgreementSpec, times: int, months: int) -> list[dict[str, Any]]:
        """Meetings held: ``times`` in each window of ``months`` months that has begun, sometimes fewer."""
        rng = self.rng
        held: list[dict[str, Any]] = []
        last = min(spec.horizon, REFERENCE - ONE_DAY)
        begin = dt.date(spec.start.year, 1, 1)
        while begin <= last:
            stop = min(add_months(begin, months) - ONE_DAY, last)
            first = max(begin, spec.start)
            if first <= stop:
                count = times - (1 if rng.random() < (0.08 if months >= 12 else 0.02) else 0)
                days = sorted({weekday_between(rng, first, stop) for _ in range(count)})
                for day in days:
                    meeting: dict[str, Any] = {"date": day}
                    if rng.random() < 0.15:
                        meeting["note"] = self.pick(words.MEETING_NOTES)
                    held.append(meeting)
            begin = add_months(begin, months)
        return held

    def _follow_up(
        self,
        spec: AgreementSpec,
        responsible: str,
        *,
        agreement_level: bool,
        first: dt.date | None = None,
        last: dt.date | None = None,
        suffix: str = "",
    ) -> dict[str, Any]:
        """A follow-up block; ``suffix`` keeps its ids apart from the other blocks of the file."""
        rng = self.rng
        first = first or spec.start
        last = last or spec.horizon
        follow: dict[str, Any] = {"responsible": responsible}
        if agreement_level:
            follow["reported_to"] = self.some(words.REPORTED_TO, 1, 2)
            if rng.random() < 0.5:
                follow["form"] = self.pick(words.FOLLOW_UP_FORMS)
        if rng.random() < 0.5:
            follow["text"] = self.pick(words.FOLLOW_UP_TEXTS)
        schedule: list[dict[str, Any]] = []
        done: list[dict[str, Any]] = []
        frequency = rng.choice(("yearly", "yearly", "tertial", "half-yearly", "quarterly"))
        rule_id = {"yearly": "arlig-uppfoljning", "tertial": "tertialuppfoljning"}.get(frequency, frequency) + suffix
        titles = {
            "yearly": "Årlig uppföljning",
            "tertial": "Uppföljning januari – april, maj – augusti, september – december",
            "half-yearly": "Uppföljning per halvår",
            "quarterly": "Kvartalsvis uppföljning",
        }
        schedule.append({"type": frequency, "id": rule_id, "title": titles[frequency]})
        for _, due in windows(frequency, first, last):
            if due + dt.timedelta(days=15) < REFERENCE and rng.random() < 0.93:
                record: dict[str, Any] = {"rule": rule_id, "date": due - dt.timedelta(days=rng.randint(1, 25))}
                if record["date"] < first:
                    record["date"] = first
                if rng.random() < 0.25:
                    record["note"] = self.pick(words.RECORD_NOTES)
                done.append(record)
            elif due >= REFERENCE:
                break
        if agreement_level and spec.end is not None and spec.years >= 2 and rng.random() < 0.5:
            half = add_months(spec.start, 6 * spec.years)
            month = add_months(half, -1)
            schedule.append(
                {
                    "type": "once",
                    "id": "halvtidsuppfoljning",
                    "title": "Halvtidsuppföljning",
                    "month": f"{month.year:04d}-{month.month:02d}",
                    "covers": self.some(words.HALF_TIME_COVERS, 2, 4),
                }
            )
            due = add_months(dt.date(month.year, month.month, 1), 1) - ONE_DAY
            if due < REFERENCE and rng.random() < 0.8:
                done.append({"rule": "halvtidsuppfoljning", "date": due - dt.timedelta(days=rng.randint(0, 20))})
        follow["schedule"] = schedule
        if done:
            follow["done"] = sorted(done, key=lambda r: r["date"])
        return follow

    def _plan_body(
        self,
        spec: AgreementSpec,
        plan: PlanSpec,
        party_ids: list[str],
        focus_ids: list[str],
        responsible: list[str],
        *,
        inline: bool,
    ) -> dict[str, Any]:
        rng = self.rng
        self.focus_on()
        plan_id = self._plan_id(spec, plan)
        body: dict[str, Any] = {"id": plan_id, "title": plan.title}
        if plan.scope != "municipality":
            body["scope"] = plan.scope
            body["area"] = plan.area.format(ort=self.place.name) if plan.area else None
        if plan.as_file:
            body["annex"] = f"Bilaga {rng.randint(1, 4)}" if rng.random() < 0.6 else None
        body["status"] = rng.choice(("adopted", "adopted", "revised", "draft")) if rng.random() < 0.7 else None
        body["description"] = "\n".join(
            self.say(d) for d in self.paragraphs(words.PLAN_DESCRIPTIONS, 1, 1 if inline else 3)
        )
        decided = {
            "body": self.pick(words.DECISION_BODIES),
            "date": weekday_between(rng, plan.first - dt.timedelta(days=60), plan.first - dt.timedelta(days=10)),
            "paragraph": f"§ {rng.randint(5, 260)}",
        }
        if spec.under_the_law and rng.random() < 0.93:
            if "action_plan.decision" in SCHEMA:
                body["decision"] = decided
            if "action_plan.based_on_situation_picture" in SCHEMA:
                body["based_on_situation_picture"] = True
        covered = rng.sample(focus_ids, rng.randint(1, len(focus_ids)))
        body["focus_areas"] = covered
        count = rng.randint(10, 24) if inline else rng.randint(14, 40)
        body["activities"] = self._activities(spec, plan, count, party_ids, covered)
        if rng.random() < 0.7:
            body["follow_up"] = self._follow_up(
                spec,
                rng.choice(responsible),
                agreement_level=False,
                suffix="-" + ("plan" if plan.year is None and plan.area is None else plan_id.rsplit("-", 1)[-1]),
            )
        return body

    def _plan_id(self, spec: AgreementSpec, plan: PlanSpec) -> str:
        if plan.area:
            return f"{spec.id}-{slugify(plan.area.format(ort=self.place.name))}"
        if plan.year is not None:
            return f"{spec.id}-atgardsplan-{plan.year}"
        return f"{spec.id}-atgardsplan"

    def _plan_file(
        self,
        spec: AgreementSpec,
        plan: PlanSpec,
        party_ids: list[str],
        focus_ids: list[str],
        responsible: list[str],
    ) -> str:
        rng = self.rng
        body = self._plan_body(spec, plan, party_ids, focus_ids, responsible, inline=False)
        doc: dict[str, Any] = {"kind": "action-plan", "id": body.pop("id"), "agreement": spec.id}
        doc.update(body)
        doc["source"] = f"Bilaga till samverkansöverenskommelsen {spec.id}."
        writer = self._emit([f"{plan.title}: åtgärdsplan till {spec.id}."], doc)
        folder = "bilagor/" if rng.random() < 0.3 else ""
        name = f"{folder}{doc['id']}.yaml"
        self.files.append(GeneratedFile(f"{self.place.slug}/{name}", "action-plan", writer.lines, spec.id))
        return name

    def _activities(
        self, spec: AgreementSpec, plan: PlanSpec, count: int, party_ids: list[str], focus_ids: list[str]
    ) -> list[dict[str, Any]]:
        rng = self.rng
        kommun_id = next(p for p in party_ids if p not in ("polisen", "lpo", "polismyndigheten"))
        polis_id = next(p for p in party_ids if p in ("polisen", "lpo", "polismyndigheten"))
        fitting = [a for a in words.ACTIVITIES if set(a[3]) & set(focus_ids) or not a[3]]
        others = [a for a in words.ACTIVITIES if a not in fitting]
        chosen = rng.sample(fitting, min(count, len(fitting)))
        if len(chosen) < count:
            chosen += rng.sample(others, min(count - len(chosen), len(others)))
        numbered = rng.random() < 0.4
        flow = rng.random() < 0.3
        activities: list[dict[str, Any]] = []
        used: set[str] = set()
        for n, (title, purpose, who, tags) in enumerate(chosen, start=1):
            shown = self.say(title)
            ident = f"a{n}" if numbered else _short(slugify(shown))
            while ident in used:
                ident += "-2"
            used.add(ident)
            activity: dict[str, Any] = {"id": ident, "title": shown}
            fits = [f for f in tags if f in focus_ids]
            activity["focus_area"] = rng.choice(fits or focus_ids)
            if rng.random() < 0.85:
                more = self.some(words.ACTIVITY_DETAILS, 1, 2)
                activity["purpose"] = " ".join([purpose, *(self.say(m) for m in more)])
            activity["responsible"] = self._responsible(who, kommun_id, polis_id, party_ids, flow)
            if rng.random() < 0.5:
                activity["commitment"] = self.pick(words.COMMITMENTS)
            if rng.random() < 0.7:
                activity["timetable"] = self.say(self.pick(words.TIMETABLES), year=plan.first.year)
            if rng.random() < 0.6:
                start = weekday_between(rng, plan.first, min(plan.last, plan.first + dt.timedelta(days=200)))
                end = weekday_between(rng, start, plan.last)
                activity["start"] = start
                activity["end"] = end
                if end < REFERENCE:
                    status = rng.choice(("done", "done", "done", "cancelled"))
                elif start <= REFERENCE:
                    status = rng.choice(("ongoing", "ongoing", "paused"))
                else:
                    status = "planned"
                activity["status"] = status
            elif rng.random() < 0.5:
                activity["status"] = rng.choice(("planned", "ongoing"))
            if rng.random() < 0.7:
                activity["communicated"] = rng.random() < 0.6
            if rng.random() < 0.12:
                activity["follow_up"] = self._activity_follow_up(plan, ident)
            if rng.random() < 0.04:
                activity["internal_note"] = "Kostnaden är inte beslutad; tas upp i styrgruppen."
            activities.append(activity)
        return activities

    def _responsible(
        self, who: str, kommun_id: str, polis_id: str, party_ids: list[str], flow: bool
    ) -> list[dict[str, Any]]:
        rng = self.rng
        entries: list[dict[str, Any]]
        if who == "police":
            entries = [{"party": polis_id, "unit": self.pick(words.POLICE_UNITS)}]
        elif who == "municipality":
            entries = [{"party": kommun_id, "unit": self.pick(words.MUNICIPAL_UNITS)}]
            if len(party_ids) > 2 and rng.random() < 0.3:
                entries.append({"party": party_ids[2]})
        elif rng.random() < 0.5:
            entries = [{"party": "joint"}]
        else:
            entries = [
                {"party": kommun_id, "unit": self.pick(words.MUNICIPAL_UNITS)},
                {"party": polis_id, "unit": self.pick(words.POLICE_UNITS)},
            ]
        for entry in entries:
            if "unit" in entry and rng.random() < 0.2:
                del entry["unit"]
        return [Flow(e) for e in entries] if flow else entries

    def _activity_follow_up(self, plan: PlanSpec, activity: str) -> dict[str, Any]:
        rng = self.rng
        day = weekday_between(rng, plan.first, plan.last)
        rule = f"avstamning-{activity}"
        follow: dict[str, Any] = {
            "schedule": [{"type": "once", "id": rule, "title": "Avstämning i beredningsgruppen", "date": day}]
        }
        if day < REFERENCE and rng.random() < 0.93:
            follow["done"] = [{"rule": rule, "date": max(plan.first, day - dt.timedelta(days=rng.randint(0, 10)))}]
        return follow

    def _promise_period(self, promise: PromiseSpec) -> dict[str, Any]:
        if promise.until_next:
            return {
                "start": promise.start,
                "until_next": True,
                "text": "Löftet gäller tills nästa medborgarlöfte ersätter det.",
            }
        assert promise.end is not None
        return {
            "start": promise.start,
            "end": promise.end,
            "text": f"Medborgarlöftet gäller {sv_date(promise.start)} – {sv_date(promise.end)}.",
        }

    def _promise(
        self,
        spec: AgreementSpec,
        promise: PromiseSpec,
        party_ids: list[str],
        kommun_id: str,
        polis_id: str,
        people: dict[str, str],
        *,
        long: bool = False,
    ) -> dict[str, Any]:
        rng = self.rng
        self.focus_on()
        years = f"{promise.start.year}" + (
            f"–{promise.end.year}" if promise.end and promise.end.year > promise.start.year else ""
        )
        body: dict[str, Any] = {
            "id": f"{self.place.slug}-medborgarlofte-{promise.start.year}-{promise.start.month:02d}",
            "title": self.say(self.pick(words.PROMISE_TITLES), years=years),
            "period": self._promise_period(promise),
        }
        paragraphs = self.paragraphs(words.PROMISE_BACKGROUNDS, 10 if long else 1, 14 if long else 2)
        survey = REFERENCE.year - 1 if promise.start.year > REFERENCE.year else promise.start.year - 1
        body["background"] = "\n".join(
            self.say(p, year=survey, pct=rng.randint(18, 46), n=rng.randint(40, 900)) for p in paragraphs
        )
        promises: list[dict[str, Any]] = []
        many = (3, 6) if long else (1, 2)

        def promise_text(template: str) -> str:
            if long and rng.random() < 0.7:
                return f"{self.say(template)} {self.say(self.pick(words.PROMISE_DETAILS))}"
            return self.say(template)

        promises += [{"party": polis_id, "text": promise_text(t)} for t in self.some(words.PROMISES_POLICE, *many)]
        promises += [
            {"party": kommun_id, "text": promise_text(t)} for t in self.some(words.PROMISES_MUNICIPALITY, *many)
        ]
        if rng.random() < 0.6:
            promises += [{"party": "joint", "text": self.say(t)} for t in self.some(words.PROMISES_JOINT, 1, 2)]
        body["promises"] = promises
        if promise.end is not None and spec.end is not None and rng.random() < 0.1:
            until = min(spec.end, add_months(promise.end + ONE_DAY, 6) - ONE_DAY)
            if until > promise.end:
                body["extensions"] = [{"until": until, "text": "Löftet förlängs till dess att ett nytt tagits fram."}]
        signed = weekday_between(rng, promise.start - dt.timedelta(days=40), promise.start - dt.timedelta(days=3))
        if long or rng.random() < 0.5:
            body["signing"] = {
                "place": self.place.name,
                "date": signed,
                "signatories": [
                    {"name": people["lpo"], "title": self.pick(words.POLICE_SIGNATORY_TITLES), "party": polis_id},
                    {"name": people["kso"], "title": self.pick(words.MUNICIPAL_SIGNATORY_TITLES), "party": kommun_id},
                ],
            }
            if long:
                body["signing"]["signatories"] += [
                    {
                        "name": people["director"],
                        "title": self.pick(words.MUNICIPAL_OFFICER_TITLES),
                        "party": kommun_id,
                    },
                    {"name": self.person(), "title": "kommunpolis", "party": polis_id},
                ]
        return body

    def _promise_file(
        self,
        spec: AgreementSpec,
        promise: PromiseSpec,
        party_ids: list[str],
        kommun_id: str,
        polis_id: str,
        people: dict[str, str],
    ) -> None:
        body = self._promise(spec, promise, party_ids, kommun_id, polis_id, people, long=True)
        doc: dict[str, Any] = {"kind": "citizen-promise", "id": body.pop("id"), "agreement": spec.id}
        parties: list[dict[str, Any]] = []
        if self.rng.random() < 0.6:  # the parties as the promise names them, and sometimes others that promise
            parties += [
                {"id": kommun_id, "kind": "municipality", "name": self.place.official},
                {"id": polis_id, "kind": "police", "name": self.place.local_police, "part_of": self.place.police_area},
            ]
            if self.rng.random() < 0.5:
                kind, name = self.rng.choice(words.THIRD_PARTIES)
                parties.append({"id": "medlovare", "kind": kind, "name": self.say(name)})
                body["promises"].append({"party": "medlovare", "text": self.say(self.pick(words.PROMISES_OTHERS))})
        if parties:
            doc["parties"] = parties
        doc.update(body)
        doc["source"] = f"Medborgarlöfte, {self.place.official} och {self.place.local_police}."
        writer = self._emit([f"Medborgarlöfte inom {spec.id}."], doc)
        more = [t for t in words.PROMISE_BACKGROUNDS if self.say(t, year=0, pct=0, n=0)[:30] not in doc["background"]]
        joint = list(words.PROMISES_JOINT)
        while len(writer.lines) < 100 and (more or joint):  # a promise is short: say more about the dialogue
            if more:
                template = more.pop(self.rng.randrange(len(more)))
                doc["background"] += "\n" + self.say(template, year=promise.start.year - 1, pct=31, n=250)
            else:
                doc["promises"].append({"party": "joint", "text": self.say(joint.pop())})
            writer = self._emit([f"Medborgarlöfte inom {spec.id}."], doc)
        self.files.append(
            GeneratedFile(f"{self.place.slug}/{doc['id']}.yaml", "citizen-promise", writer.lines, spec.id)
        )

    def _signing(
        self, spec: AgreementSpec, date: dt.date, kommun_id: str, polis_id: str, people: dict[str, str]
    ) -> dict[str, Any]:
        rng = self.rng
        police_title = self.pick(
            words.OLD_POLICE_SIGNATORY_TITLES if spec.old_police else words.POLICE_SIGNATORY_TITLES
        )
        signatories = [
            {"name": people["kso"], "title": self.pick(words.MUNICIPAL_SIGNATORY_TITLES), "party": kommun_id},
            {"name": people["lpo"], "title": police_title, "party": polis_id},
        ]
        if rng.random() < 0.3:
            signatories.insert(1, {"name": people["director"], "title": self.pick(words.MUNICIPAL_OFFICER_TITLES)})
        if rng.random() < 0.4:
            signatories.reverse()
        signing: dict[str, Any] = {"place": self.place.name, "date": date if rng.random() < 0.95 else None}
        signing["signatories"] = signatories
        return signing

    def _memo(self, spec: AgreementSpec, decision: dt.date, people: dict[str, str], police_name: str) -> dict[str, Any]:
        rng = self.rng
        date = decision - dt.timedelta(days=rng.randint(14, 60))
        number = rng.choice(
            (
                f"KS-{date.year}-{rng.randint(1, 1999):04d}",
                f"KS {date.year}/{rng.randint(1, 999)}",
                f"KSN-{date.year}-{rng.randint(100, 1999)}",
            )
        )
        previous = f"den {sv_date(add_months(spec.start, -12 * spec.years - rng.randint(1, 3)))}"
        return {
            "case_number": number,
            "officer": people["officer"],
            "date": date,
            "decision_body": "Kommunstyrelsen",
            "title": f"Samverkansöverenskommelse mellan {self.place.official} och {police_name}",
            "proposed_decision": [self.say(t, polis=police_name) for t in words.MEMO_PROPOSALS[: rng.randint(1, 3)]],
            "background": "\n".join(
                self.say(p, previous=previous) for p in self.paragraphs(words.MEMO_BACKGROUND, 2, 4)
            ),
            "economic_consequences": self.pick(words.MEMO_ECONOMY),
            "department": self.pick(words.DEPARTMENTS),
            "signed_by": [
                {"name": people["director"], "title": self.pick(words.MUNICIPAL_OFFICER_TITLES)},
                {"name": people["officer"], "title": "Brottsförebyggande samordnare"},
            ],
        }


# --- The corpus -----------------------------------------------------------------------------


def budgets(rng: random.Random, files: int, count: int) -> list[int]:
    """Files per municipality, summing to ``files``: about 3.4 each for a small corpus (so fewer
    municipalities), else ``files / count`` each, varied."""
    used = min(count, max(1, round(files / 3.4)))
    weights = [rng.uniform(0.4, 1.6) for _ in range(used)]
    raw = [w * files / sum(weights) for w in weights]
    out = [max(1, int(r)) for r in raw]
    order = sorted(range(used), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    step = 0
    while sum(out) != files:
        i = order[step % used]
        if sum(out) < files:
            out[i] += 1
        elif out[i] > 1:
            out[i] -= 1
        step += 1
    return out


def build(files: int, seed: int) -> list[GeneratedFile]:
    """The corpus, in memory: exactly ``files`` files."""
    if files < 1:
        raise ValueError("--files must be at least 1")
    rng = random.Random(seed)
    places = municipalities()
    rng.shuffle(places)
    out: list[GeneratedFile] = []
    for place, budget in zip(places, budgets(rng, files, len(places)), strict=False):
        author = Author(random.Random(f"{seed}:{place.slug}:{budget}"), place)
        author.write(budget)
        if len(author.files) != budget:
            raise AssertionError(f"{place.name}: wrote {len(author.files)} files for a budget of {budget}")
        out.extend(author.files)
    return out


# --- Breaking files on purpose --------------------------------------------------------------

SCHEMA_KINDS = ("syntax", "duplicate-key", "impossible-date", "unknown-key", "wrong-type", "missing-key", "tab")
RULE_KINDS = ("bad-reference",)

_RENAMES = {
    "purpose": "syfte",
    "timetable": "tidsplan",
    "commitment": "atagande",
    "communicated": "kommuniceras",
    "description": "beskrivning",
    "background": "bakgrund",
    "expected_effect": "expected_effects",
    "duties": "uppdrag",
    "measurement": "matning",
    "subtitle": "undertitel",
    "annex": "bilaga",
    "reported_to": "rapporteras_till",
    "definition": "definiton",
    "note": "anteckning",
    "form": "format",
}
_WRONG = {
    "communicated": "ja",
    "temporary": "ja",
    "at_least": "minst",
    "times": "två",
    "years": "två",
    "validity_months": "24 månader",
    "consultation_months_before": "sex",
    "review_every_years": "två",
}
_DATE_KEYS = {"start", "end", "date", "decided", "until", "due"}
_REQUIRED = {"title", "name", "kind", "text", "start"}


@dataclass(frozen=True)
class Expected:
    file: str
    code: str
    line: int
    column: int
    kind: str
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "code": self.code,
            "line": self.line,
            "column": self.column,
            "kind": self.kind,
            "detail": self.detail,
        }


def _typo(word: str) -> str:
    return word[:-1] if len(word) > 4 else word + "x"


def _break(rng: random.Random, gen: GeneratedFile, kind: str) -> Expected | None:
    """Break ``gen`` in place; where samverkan must report it, or ``None`` if this kind does not apply."""
    lines = gen.lines
    numbered = list(enumerate(lines, start=1))
    if kind == "syntax":
        options = [
            (n, ln)
            for n, ln in numbered
            if len(ln.path) == 1 and ln.key in ("id", "title") and ln.scalar and ":" not in ln.text[ln.value_col - 1 :]
        ]
        if not options:
            return None
        n, ln = rng.choice(options)
        ln.text = ln.text.replace(":", "", 1)
        return Expected(gen.path, "SV001", n, 1, kind, f"no ':' after '{ln.key}'")
    if kind == "tab":
        options = [(n, ln) for n, ln in numbered if ln.key and ln.key_col > 2 and not ln.item]
        if not options:
            return None
        n, ln = rng.choice(options)
        ln.text = "\t" + ln.text.lstrip(" ")
        return Expected(gen.path, "SV001", n, 1, kind, "a tab in the indentation")
    if kind == "duplicate-key":
        options = [(n, ln) for n, ln in numbered if ln.scalar and ln.key and len(ln.path) > 1]
        if not options:
            return None
        n, ln = rng.choice(options)
        copy = Line(" " * (ln.key_col - 1) + ln.text[ln.key_col - 1 :], ln.path, ln.key, ln.key_col, ln.value_col, True)
        lines.insert(n, copy)
        return Expected(gen.path, "SV002", n + 1, ln.key_col, kind, f"'{ln.key}' twice")
    if kind == "impossible-date":
        options = [
            (n, ln)
            for n, ln in numbered
            if ln.scalar and ln.key in _DATE_KEYS and re.fullmatch(r"\d{4}-\d\d-\d\d", ln.text[ln.value_col - 1 :])
        ]
        if not options:
            return None
        n, ln = rng.choice(options)
        year = int(ln.text[ln.value_col - 1 : ln.value_col + 3])
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        bad = rng.choice(
            (
                f"{year}-04-31",
                f"{year}-06-31",
                f"{year}-09-31",
                f"{year}-11-31",
                f"{year}-02-30",
                f"{year}-13-01",
                f"{year}-00-10",
                f"{year}-02-29" if not leap else f"{year}-02-30",
            )
        )
        ln.text = ln.text[: ln.value_col - 1] + bad
        return Expected(gen.path, "SV023", n, ln.value_col, kind, f"{ln.key}: {bad}")
    if kind == "unknown-key":
        options = [(n, ln) for n, ln in numbered if ln.key in _RENAMES]
        if not options:
            return None
        n, ln = rng.choice(options)
        assert ln.key is not None
        new = _RENAMES[ln.key]
        at = ln.key_col - 1
        ln.text = ln.text[:at] + new + ln.text[at + len(ln.key) :]
        return Expected(gen.path, "SV020", n, ln.key_col, kind, f"'{ln.key}' written '{new}'")
    if kind == "wrong-type":
        options = [(n, ln) for n, ln in numbered if ln.scalar and ln.key in _WRONG]
        if not options:
            return None
        n, ln = rng.choice(options)
        assert ln.key is not None
        ln.text = ln.text[: ln.value_col - 1] + _WRONG[ln.key]
        return Expected(gen.path, "SV022", n, ln.value_col, kind, f"{ln.key}: {_WRONG[ln.key]}")
    if kind == "missing-key":
        return _remove_key(rng, gen)
    if kind == "bad-reference":
        return _bad_reference(rng, gen)
    raise ValueError(kind)


def _remove_key(rng: random.Random, gen: GeneratedFile) -> Expected | None:
    lines = gen.lines

    def removable(ln: Line) -> bool:
        path = ln.path
        if ln.item or ln.key not in _REQUIRED:
            return False
        owner = path[-3] if len(path) >= 3 else None
        if ln.key == "title":
            return len(path) == 1 or owner in ("activities", "action_plans", "citizen_promises")
        if ln.key in ("name", "kind"):
            return owner in ("parties", "groups")
        if ln.key == "text":
            return owner == "promises"
        return path[-2:-1] == ("period",)

    options = [ln for ln in lines if removable(ln)]
    if not options:
        return None
    target = rng.choice(options)
    path = target.path
    kept = [ln for ln in lines if ln.path[: len(path)] != path]
    parent = path[:-1]
    first = next((n, ln) for n, ln in enumerate(kept, start=1) if ln.key is not None and ln.path[:-1] == parent)
    gen.lines[:] = kept
    where = ".".join(str(p) for p in parent) or "the top level"
    return Expected(gen.path, "SV021", first[0], first[1].key_col, "missing-key", f"'{target.key}' removed in {where}")


def _bad_reference(rng: random.Random, gen: GeneratedFile) -> Expected | None:
    codes = {"focus_area": "SV112", "rule": "SV112", "replaces": "SV107", "file": "SV113"}
    options: list[tuple[int, Line, str]] = []
    for n, ln in enumerate(gen.lines, start=1):
        if not ln.scalar or ln.key is None:
            continue
        if ln.key in codes:
            options.append((n, ln, codes[ln.key]))
        elif ln.key == "party" and "responsible" in ln.path:
            options.append((n, ln, "SV103"))
        elif ln.key == "party" and "signatories" in ln.path:
            options.append((n, ln, "SV104"))
    if not options:
        return None
    n, ln, code = rng.choice(options)
    value = ln.text[ln.value_col - 1 :]
    wrong = value.replace(".yaml", ".yml") if ln.key == "file" else _typo(value)
    ln.text = ln.text[: ln.value_col - 1] + wrong
    return Expected(gen.path, code, n, ln.value_col, "bad-reference", f"{ln.key}: '{value}' written '{wrong}'")


def _names(gen: GeneratedFile) -> set[str]:
    """The agreements a file names: its own agreement (action plans, promises) or the one it replaces."""
    if gen.kind != "agreement":
        return {gen.agreement}
    return {ln.text[ln.value_col - 1 :] for ln in gen.lines if ln.key == "replaces" and len(ln.path) == 1}


def break_files(rng: random.Random, corpus: list[GeneratedFile], percent: float) -> dict[str, Any]:
    """Break ``percent`` % of the files in varied ways; the manifest of what must be reported.

    A file that cannot be read is left out of the rules, so the files that name it report that
    (the *consequences*). Two kinds of break are kept where that cannot change what is reported:
    a bad reference only in a file whose agreement can be read (the rules skip the others), and a
    duplicate key only in a file unrelated to any unreadable one, since samverkan still loads a
    file whose only problem is a duplicate key (docs/rules.md says such a file is left out).
    """
    named = set().union(*(_names(g) for g in corpus)) if corpus else set()
    count = max(1, round(len(corpus) * percent / 100)) if percent > 0 else 0
    chosen = sorted(rng.sample(range(len(corpus)), min(count, len(corpus))))
    kinds = (*SCHEMA_KINDS, *RULE_KINDS)
    assigned = [kinds[i % len(kinds)] for i in range(len(chosen))]
    rng.shuffle(assigned)
    late = ("bad-reference", "duplicate-key")
    plan = sorted(
        zip(chosen, assigned, strict=True), key=lambda pair: late.index(pair[1]) + 1 if pair[1] in late else 0
    )
    expected: list[Expected] = []
    unreadable: set[str] = set()
    lost: set[str] = set()  # agreements that cannot be read
    relied_on: set[str] = set()  # agreements that must stay readable for what is expected
    for index, kind in plan:
        gen = corpus[index]
        at = kinds.index(kind)
        for attempt in (*kinds[at:], *kinds[:at]):
            if attempt == "bad-reference" and gen.kind != "agreement" and gen.agreement in lost:
                continue
            if attempt == "duplicate-key" and (
                (gen.kind == "agreement" and gen.agreement in named) or _names(gen) & lost
            ):
                continue
            unreads = attempt not in ("bad-reference", "duplicate-key")
            if unreads and gen.kind == "agreement" and gen.agreement in relied_on:
                continue
            found = _break(rng, gen, attempt)
            if found is None:
                continue
            expected.append(found)
            if unreads:
                unreadable.add(gen.path)
                if gen.kind == "agreement":
                    lost.add(gen.agreement)
            elif attempt == "duplicate-key" or gen.kind != "agreement":
                relied_on |= _names(gen)
            break
    expected.sort(key=lambda e: (e.file, e.line))
    return {
        "files": len(corpus),
        "broken": [e.as_dict() for e in expected],
        "consequences": [e.as_dict() for e in _consequences(corpus, unreadable)],
    }


def _consequences(corpus: list[GeneratedFile], unreadable: set[str]) -> list[Expected]:
    """Errors in readable files caused by an agreement that cannot be read."""
    lost = {gen.agreement: gen.path for gen in corpus if gen.kind == "agreement" and gen.path in unreadable}
    out: list[Expected] = []
    for gen in corpus:
        if gen.path in unreadable:
            continue
        for n, ln in enumerate(gen.lines, start=1):
            if not ln.scalar or len(ln.path) != 1:
                continue
            value = ln.text[ln.value_col - 1 :]
            if ln.key == "agreement" and value in lost:
                out.append(
                    Expected(gen.path, "SV113", n, ln.value_col, "consequence", f"agreement {lost[value]} unreadable")
                )
            elif ln.key == "replaces" and value in lost:
                out.append(
                    Expected(gen.path, "SV107", n, ln.value_col, "consequence", f"replaced {lost[value]} unreadable")
                )
    return out


# --- Command line -----------------------------------------------------------------------------


def stamp(files: int, seed: int, broken: float) -> str:
    """What the marker file says: the settings and a fingerprint of the generator and the schema
    it wrote for, so that a corpus is reused only if it would be generated the same."""
    digest = hashlib.sha256()
    for source in (Path(__file__), Path(words.__file__)):
        digest.update(source.read_bytes())
    digest.update(",".join(sorted(SCHEMA)).encode())
    return f"files={files} seed={seed} broken={broken:g} generator={digest.hexdigest()[:16]}\n"


def write(out: Path, files: int, seed: int, broken: float = 0.0, *, force: bool = False) -> dict[str, Any]:
    """Generate the corpus into ``out``; returns a summary (and the manifest, when broken)."""
    if out.exists() and any(out.iterdir()):
        if not force or not (out / MARKER).exists():
            raise SystemExit(f"{out} is not empty (use --force to replace a corpus generated here)")
        shutil.rmtree(out)
    corpus = build(files, seed)
    manifest = break_files(random.Random(f"{seed}:broken"), corpus, broken) if broken > 0 else None
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text(stamp(files, seed, broken), encoding="utf-8")
    total = 0
    for gen in corpus:
        target = out / gen.path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = "".join(f"{line.text}\n" for line in gen.lines).encode("utf-8")
        target.write_bytes(data)
        total += len(data)
    if manifest is not None:
        (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    kinds = {k: sum(1 for g in corpus if g.kind == k) for k in ("agreement", "action-plan", "citizen-promise")}
    return {"files": len(corpus), "bytes": total, "kinds": kinds, "manifest": manifest}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000, help="how many files (default 1000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created; must be empty)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--broken", type=float, default=0.0, metavar="PERCENT", help="break this share of the files")
    parser.add_argument("--force", action="store_true", help="replace a corpus generated earlier in --out")
    args = parser.parse_args(argv)
    summary = write(args.out, args.files, args.seed, args.broken, force=args.force)
    kinds = ", ".join(f"{n} {k}" for k, n in summary["kinds"].items())
    line = f"{summary['files']} files ({kinds}), {summary['bytes'] / 1e6:.1f} MB in {args.out}"
    if summary["manifest"] is not None:
        line += f"; {len(summary['manifest']['broken'])} broken, see {args.out / MANIFEST}"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

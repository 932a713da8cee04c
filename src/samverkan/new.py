"""A new agreement file for ``samverkan new``: commented YAML built from a few parameters.

Everything here is pure: the parameters come in, checked, and the text goes out. The file
holds only what the parameters say (parties, period, extension clause, marked as a draft);
every other section is there as a commented-out example with a Swedish comment saying what
belongs in it, so that nothing in the file is a fact the user did not give.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
import unicodedata
from dataclasses import dataclass

from .dates import add_months, length_in_months, previous_day
from .municipalities import base_name

ID_PATTERN = re.compile(r"[a-z0-9åäö][a-z0-9åäö._-]*")
ID_MAX = 80
EXTENSION_FORMS = ("none", "option", "renewal:YEARS:MONTHS", "indefinite", "open-ended:YEARS")
PLACEHOLDER_DATE = "ÅÅÅÅ-MM-DD"
"""Where an example needs a date the user must supply."""

_SUFFIXES = ("kommun", "stad")
"""What follows a municipality's name in a party's name (``Umeå kommun``, ``Göteborgs Stad``)."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_PLAIN = re.compile(r"[^\W\d_][\w .,/()–-]*")
_YAML_WORDS = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


class NewError(ValueError):
    """A parameter that cannot make a valid agreement; ``option`` names the flag."""

    def __init__(self, option: str, message: str) -> None:
        super().__init__(message)
        self.option = option
        self.message = message


@dataclass(frozen=True)
class Extension:
    """The extension clause asked for: ``none``, ``option``, ``renewal``, ``indefinite``, ``open-ended``."""

    type: str
    years: int | None = None
    """Years per renewal, or between reviews of an open-ended agreement."""
    months: int | None = None
    """Consultation no later than this many months before expiry (renewal)."""

    @property
    def open_ended(self) -> bool:
        return self.type == "open-ended"


def _positive(text: str, what: str, spec: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise NewError("--extension", f"{spec!r}: {what} must be a whole number of at least 1")
    return int(text)


def parse_extension(spec: str) -> Extension:
    """``none``, ``option``, ``renewal:2:6`` (or ``renewal:2``), ``indefinite``, ``open-ended:4``."""
    kind, *rest = spec.strip().lower().split(":")
    if kind in ("none", "option", "indefinite") and not rest:
        return Extension(kind)
    if kind == "renewal" and 1 <= len(rest) <= 2:
        years = _positive(rest[0], "YEARS", spec)
        months = _positive(rest[1], "MONTHS", spec) if len(rest) == 2 else None
        return Extension(kind, years, months)
    if kind == "open-ended" and len(rest) == 1:
        return Extension(kind, _positive(rest[0], "YEARS", spec))
    raise NewError("--extension", f"{spec!r}: choose from {', '.join(EXTENSION_FORMS)}")


def slug(name: str) -> str:
    """``Upplands Väsby kommun`` → ``upplands-vasby``: lower case, å/ä → a, ö → o, words joined by '-'."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in _SUFFIXES:
        words = base_name(" ".join(words[:-1])).split()
    ascii_text = unicodedata.normalize("NFKD", " ".join(words).casefold())
    ascii_text = "".join(ch for ch in ascii_text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def default_id(municipality: str, start: dt.date) -> str:
    """``<municipality-slug>-<start year>``, such as ``umea-2025``."""
    base = slug(municipality)[: ID_MAX - 5].rstrip("-")
    return f"{base}-{start.year}" if base else ""


def end_of(start: dt.date, years: int) -> dt.date:
    """The last day of ``years`` whole years from ``start``: 2025-01-01 + 4 years is 2028-12-31."""
    return previous_day(add_months(start, 12 * years))


def _name(value: str, option: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise NewError(option, "must not be empty")
    if _CONTROL.search(value.replace("\t", " ")):
        raise NewError(option, "must be one line of text")
    return text


@dataclass(frozen=True)
class NewAgreement:
    """The parameters of a new agreement, checked by :meth:`create`."""

    municipality: str
    police_area: str
    start: dt.date
    years: int | None
    extension: Extension
    id: str

    @classmethod
    def create(
        cls,
        *,
        municipality: str,
        police_area: str,
        start: dt.date,
        years: int | None,
        extension: Extension,
        agreement_id: str | None = None,
    ) -> NewAgreement:
        """Check the parameters together; raises :class:`NewError` naming the flag at fault."""
        municipality = _name(municipality, "--municipality")
        police_area = _name(police_area, "--police-area")
        if extension.open_ended:
            if years is not None:
                raise NewError("--years", "an open-ended agreement has no end: leave out --years")
        elif years is None:
            raise NewError("--years", "how many years the agreement runs is needed")
        elif years < 1 or start.year + years > 9999:
            raise NewError("--years", f"{years} is not a number of years from {start} (1 or more, ending by 9999)")
        if extension.type == "renewal" and extension.months is not None and years is not None:
            length = length_in_months(start, end_of(start, years))
            if extension.months >= length:
                raise NewError(
                    "--extension",
                    f"consultation {extension.months} months before expiry is not within the period of {length} months",
                )
        if agreement_id is None:
            agreement_id = default_id(municipality, start)
            if not agreement_id:
                raise NewError("--id", f"cannot make an id from {municipality!r}: give one with --id")
        if not ID_PATTERN.fullmatch(agreement_id) or len(agreement_id) > ID_MAX:
            raise NewError(
                "--id",
                f"{agreement_id!r} is not an id: lower case letters, digits, '.', '_' and '-', "
                f"at most {ID_MAX} characters, such as 'umea-2025'",
            )
        return cls(municipality, police_area, start, years, extension, agreement_id)

    @property
    def end(self) -> dt.date | None:
        return None if self.years is None else end_of(self.start, self.years)


# The text --------------------------------------------------------------------------------


def scalar(value: str) -> str:
    """A YAML 1.2 scalar for ``value``: plain where that is safe, double-quoted otherwise."""
    plain = (
        _PLAIN.fullmatch(value) is not None
        and value == value.strip()
        and value.casefold() not in _YAML_WORDS
        and not value.endswith((" -", ","))
    )
    return value if plain else json.dumps(value, ensure_ascii=False)


def _ordinal(n: int) -> str:
    """Swedish ordinal suffix: 1:a, 2:a, 3:e … 11:e, 12:e … 21:a, 22:a."""
    return f"{n}:a" if n % 10 in (1, 2) and n % 100 not in (11, 12) else f"{n}:e"


def _years(n: int) -> str:
    return "ett år" if n == 1 else f"{n} år"


def _span(new: NewAgreement) -> str:
    end = new.end
    return f"från {new.start.year}" if end is None else f"{new.start.year}–{end.year}"


def _extension(new: NewAgreement) -> tuple[str, list[str]]:
    ext = new.extension
    if ext.type == "none":
        return "Förlängning: överenskommelsen förlängs inte; en ny tecknas när den löper ut.", ["type: none"]
    if ext.type == "option":
        return (
            "Förlängning: option för förlängning, utan angiven frist. När den förlängs skriver "
            "`samverkan extend ID --decided DATUM --until DATUM` in beslutet.",
            ["type: option"],
        )
    if ext.type == "indefinite":
        return (
            "Förlängning: om ingen ny överenskommelse tecknas förlängs denna tillsvidare efter slutdatumet.",
            ["type: indefinite"],
        )
    if ext.type == "open-ended":
        assert ext.years is not None
        review = "varje år" if ext.years == 1 else f"vart {_ordinal(ext.years)} år"
        return f"Tillsvidare, utan slutdatum, med översyn {review}.", [
            "type: open-ended",
            f"review_every_years: {ext.years}",
        ]
    assert ext.years is not None
    prose = f"Förlängning: med {_years(ext.years)} i taget efter samråd mellan parterna."
    lines = ["type: renewal", f"years: {ext.years}"]
    if ext.months is not None:
        end = new.end
        assert end is not None
        prose += (
            f" Samrådet ska ske senast {ext.months} månader före giltighetstidens utgång, alltså senast "
            f"{add_months(end, -ext.months)}; `samverkan due` visar när."
        )
        lines.append(f"consultation_months_before: {ext.months}")
    prose += " Beslutet skrivs in med `samverkan extend`."
    return prose, lines


def _sections(new: NewAgreement) -> list[tuple[str, list[str]]]:
    """The commented-out sections: (a Swedish comment, example YAML lines)."""
    plan_id = f"{new.id}-atgardsplan"[:ID_MAX]
    d = PLACEHOLDER_DATE
    return [
        (
            "Syfte och bakgrund, i dokumentets ordalydelse.",
            ["purpose: >-", "  …", "background: >-", "  …"],
        ),
        (
            (
                "Lägesbild som överenskommelsen bygger på, med datum. Lag (2023:196) om kommuners "
                "ansvar för brottsförebyggande arbete, 4 §, nämner tre delar: en kartläggning av "
                "brottsligheten, dess omfattning och konsekvenser (mapping), annan information av "
                "betydelse (other_information) och en analys (analysis). `samverkan validate` påminner "
                "om det som saknas (LAW001, LAW002)."
            ),
            [
                "situation_picture:",
                f"  date: {d}",
                "  method: Effektiv samordning för trygghet (EST)",
                "  sources:",
                "    - …",
                "  mapping: >-",
                "    …",
                "  other_information: >-",
                "    …",
                "  analysis: >-",
                "    …",
            ],
        ),
        (
            (
                "Mål: övergripande mål (overall), långsiktig målsättning (long-term), målbild (vision), "
                "målområde (target-area). Fokusområden med förväntad effekt och hur den mäts."
            ),
            [
                "goals:",
                "  - level: overall",
                "    text: …",
                "focus_areas:",
                "  - id: fokusomrade-1",
                "    name: …",
                "    expected_effect: …",
                "    measurement:",
                "      - …",
            ],
        ),
        (
            (
                "Åtgärdsplan, beslutad utifrån lägesbilden: vilket organ som beslutade och när (LAW003). "
                "Ansvarig är en part (kommunen, polisen) eller joint (gemensamt). Planen kan också "
                "ligga i en egen fil (kind: action-plan), som då listas här med file."
            ),
            [
                "action_plans:",
                f"  - id: {plan_id}",
                "    title: Åtgärdsplan",
                "    based_on_situation_picture: true",
                f"    decision: {{body: …, date: {d}}}",
                "    activities:",
                "      - id: aktivitet-1",
                "        title: …",
                "        focus_area: fokusomrade-1",
                "        responsible: [{party: joint}]",
                "        communicated: true",
            ],
        ),
        (
            (
                "Uppföljning: vem som ansvarar, till vem den redovisas och när: once (date eller month), "
                "yearly, half-yearly, tertial, quarterly, monthly. `samverkan due` räknar ut datumen och "
                "`samverkan record follow-up` skriver in det som är gjort."
            ),
            [
                "follow_up:",
                "  responsible: styrgrupp",
                "  reported_to:",
                "    - …",
                "  schedule:",
                "    - type: yearly",
                "      id: arlig-uppfoljning",
                "      title: Årlig uppföljning",
            ],
        ),
        (
            (
                "Organisering: styrgrupp, beredningsgrupp, arbetsgrupper och hur ofta de träffas. "
                "`samverkan record meeting` skriver in genomförda möten."
            ),
            [
                "organisation:",
                "  groups:",
                "    - id: styrgrupp",
                "      kind: steering-group",
                "      name: Styrgrupp",
                "      members:",
                "        - {role: …, party: kommunen}",
                "        - {role: …, party: polisen}",
                "      cadence: {unit: year, times: 2, at_least: true}",
            ],
        ),
        (
            "Kommunens samordningsfunktion för det brottsförebyggande arbetet (LAW004).",
            ["coordinating_function:", "  name: …", "  unit: …"],
        ),
        (
            (
                "Undertecknande: ort, datum och undertecknare. Ta bort 'draft: true' ovan när "
                "överenskommelsen är beslutad och undertecknad."
            ),
            [
                "signing:",
                "  place: …",
                f"  date: {d}",
                "  signatories:",
                "    - {name: …, title: …, party: kommunen}",
                "    - {name: …, title: …, party: polisen}",
            ],
        ),
    ]


def _comment(lines: list[str]) -> list[str]:
    return [f"# {line}".rstrip() for line in lines]


def _prose(text: str) -> list[str]:
    """A paragraph as comment lines of at most 92 characters."""
    return _comment(textwrap.wrap(text, width=90, break_long_words=False, break_on_hyphens=False))


def agreement_text(new: NewAgreement, schema: str, *, examples: bool = False) -> str:
    """The new file: the schema modeline, the data the parameters give, the commented sections.

    ``schema`` is what the modeline points at: a path relative to the file, or a URL.
    ``examples=True`` leaves the example sections uncommented (for tests: they must be valid
    once their placeholders are filled in).
    """
    span = _span(new)
    out = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        *_prose(f"Samverkansöverenskommelse mellan {new.municipality} och {new.police_area}, {span}."),
        *_prose(
            "Skapad med `samverkan new` som utkast. Fyll i avsnitten utifrån era egna dokument. Det som "
            f"står bortkommenterat är exempel att ersätta (… och {PLACEHOLDER_DATE}), inte uppgifter: ta "
            "bort kommentarstecknet (#) i början av raderna för att använda ett avsnitt, och kontrollera "
            "sedan filen med `samverkan validate`. Nycklarna är engelska; editorn visar schemats svenska "
            "beskrivningar."
        ),
        "",
        "kind: agreement",
        f"id: {new.id}",
        "title: Samverkansöverenskommelse",
        "subtitle: " + scalar(f"Överenskommelse om samverkan mellan {new.municipality} och {new.police_area} {span}"),
        "# Utkast: ännu inte beslutad eller undertecknad.",
        "draft: true",
        "",
        "# Parterna. Id:na används av andra fält, t.ex. 'responsible' och 'party'.",
        "parties:",
        "  - id: kommunen",
        "    kind: municipality",
        f"    name: {scalar(new.municipality)}",
        "  - id: polisen",
        "    kind: police",
        f"    name: {scalar(new.police_area)}",
        "",
    ]
    end = new.end
    if end is None:
        out += ["# Giltighetstid: från och med startdagen, utan slutdatum.", "period:", f"  start: {new.start}"]
    else:
        out += [
            "# Giltighetstid: från och med start till och med end; båda dagarna ingår.",
            "period:",
            f"  start: {new.start}",
            f"  end: {end}",
        ]
    prose, lines = _extension(new)
    out += ["", *_prose(prose), "extension:", *(f"  {line}" for line in lines)]
    for section_prose, example in _sections(new):
        out += ["", *_prose(section_prose), *(example if examples else _comment(example))]
    return "\n".join(out) + "\n"

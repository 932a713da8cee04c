"""Parties, periods, signatures and the case memo."""

import datetime as dt
from typing import Literal

from pydantic import Field, PrivateAttr, model_validator

from ..i18n import N_
from .section import Section, check_sections
from .types import DayOrMonth, Id, Invalid, IsoDate, PeriodBegin, PeriodEnd, StrictModel, Text

PartyKind = Literal[
    "municipality",
    "police",
    "region",
    "county-administrative-board",
    "authority",
    "company",
    "organisation",
    "other",
]


class Party(StrictModel):
    """A party (part) to the agreement."""

    id: Id = Field(description="Partens id, som andra fält hänvisar till (t.ex. `ansvarig`).")
    kind: PartyKind = Field(
        description=(
            "Slag av part: kommun (municipality), polis (police), region, länsstyrelse "
            "(county-administrative-board), annan myndighet (authority), bolag (company), "
            "organisation eller annat."
        )
    )
    name: Text = Field(
        description=(
            "Partens namn som i dokumentet, t.ex. 'Uppsala kommun', 'Lokalpolisområde Sollentuna', "
            "'Polismyndigheten i Uppsala län'."
        )
    )
    unit: Text | None = Field(
        default=None,
        description="Enhet inom parten, t.ex. 'polisområde Uppsala' eller en förvaltning.",
    )
    part_of: Text | None = Field(
        default=None,
        description="Överordnad organisation, t.ex. 'Polisområde Västerbotten'.",
    )


class StartedPeriod(StrictModel):
    """A period whose first day may be the signing date (``start: signing``)."""

    start: PeriodBegin = Field(
        description=(
            "Gäller från och med. YYYY-MM-DD; en månad (YYYY-MM) betyder månadens första dag, "
            "ett år (YYYY) årets första dag; 'signing' när den gäller från undertecknandet."
        )
    )

    _from_signing: bool = PrivateAttr(default=False)

    @property
    def from_signing(self) -> bool:
        """Written ``start: signing``: the start is the signing date (``None`` until signed)."""
        return self._from_signing or self.start is None


class Period(StartedPeriod):
    """The validity period (giltighetstid), both ends inclusive."""

    end: PeriodEnd | None = Field(
        default=None,
        description=(
            "Gäller till och med. YYYY-MM-DD; en månad (YYYY-MM) betyder månadens sista dag, "
            "ett år (YYYY) den 31 december. Utelämnas för en överenskommelse utan slutdatum."
        ),
    )
    text: Text | None = Field(
        default=None,
        description="Dokumentets egen formulering av giltighetstiden, t.ex. 'perioden 2024–2027'.",
    )

    def contains(self, day: dt.date) -> bool:
        return self.start is not None and self.start <= day and (self.end is None or day <= self.end)


def resolve_signing_start(period: StartedPeriod, signing: "Signing | None") -> None:
    """Give a period written ``start: signing`` the signing date, where one is recorded."""
    if period.start is None and signing is not None and signing.date is not None:
        object.__setattr__(period, "start", signing.date)
        period._from_signing = True


class Decision(StrictModel):
    """A decision (beslut) taken by a body, e.g. the municipal board."""

    body: Text = Field(description="Beslutande organ, t.ex. 'Kommunstyrelsen'.")
    date: IsoDate | None = Field(default=None, description="Beslutsdatum.")
    paragraph: Text | None = Field(default=None, description="Paragraf i protokollet, t.ex. '§ 55'.")
    text: Text | None = Field(default=None, description="Beslutet i dokumentets ordalydelse.")


class Signatory(StrictModel):
    """A person who signs (undertecknar)."""

    name: Text = Field(description="Namn.")
    title: Text | None = Field(default=None, description="Titel, t.ex. 'Kommunstyrelsens ordförande'.")
    party: Id | None = Field(default=None, description="Id för den part personen företräder.")
    organisation: Text | None = Field(
        default=None,
        description=(
            "Organisationen som den står vid namnet i dokumentet, t.ex. 'Polisområde Västerbotten'; "
            "utelämnas när dokumentet bara ger namn och titel."
        ),
    )


class Signing(StrictModel):
    """Place and date of signing (ort och datum) and the signatories."""

    place: Text | None = Field(default=None, description="Ort.")
    date: DayOrMonth | None = Field(
        default=None,
        description=(
            "Datum för undertecknande (YYYY-MM-DD, eller YYYY-MM när bara månaden är känd); "
            "utelämnas om det står tomt i dokumentet."
        ),
    )
    text: Text | None = Field(
        default=None,
        description=(
            "Ort- och datumraden i dokumentets ordalydelse, t.ex. 'Upplands Väsby den 2020-12-14'; "
            "visas i stället för den som bildas av ort och datum."
        ),
    )
    signatories: list[Signatory] = Field(default_factory=list, description="Undertecknare.")


class Person(StrictModel):
    """A named person with a title."""

    name: Text = Field(description="Namn.")
    title: Text | None = Field(default=None, description="Titel.")


class CaseMemo(StrictModel):
    """The case memo (tjänsteskrivelse) that puts the agreement before a board."""

    case_number: Text | None = Field(default=None, description="Diarienummer, t.ex. 'KSN-2013-1258'.")
    officer: Text | None = Field(default=None, description="Handläggare.")
    date: IsoDate | None = Field(default=None, description="Datum för tjänsteskrivelsen.")
    decision_body: Text | None = Field(default=None, description="Det organ som ska besluta, t.ex. 'Kommunstyrelsen'.")
    title: Text | None = Field(default=None, description="Ärendemening.")
    proposed_decision: list[Text] = Field(
        default_factory=list, description="Förslag till beslut: en att-sats per punkt."
    )
    background: Text | None = Field(default=None, description="Ärendet och föredragning.")
    economic_consequences: Text | None = Field(default=None, description="Ekonomiska konsekvenser.")
    sections: list[Section] = Field(
        default_factory=list,
        description=(
            "Tjänsteskrivelsens egna avsnitt i ordning, med egna rubriker och egen text. När de ges visas de i "
            "stället för de allmänna rubrikerna Ärendet och Ekonomiska konsekvenser, som då inte får ges; "
            "förslaget till beslut visas före dem."
        ),
    )
    department: Text | None = Field(default=None, description="Förvaltning, t.ex. 'Kommunledningskontoret'.")
    signed_by: list[Person] = Field(default_factory=list, description="Tjänstepersoner som undertecknar.")

    @model_validator(mode="after")
    def _sections(self) -> "CaseMemo":
        check_sections(self.sections)
        if self.sections and (self.background or self.economic_consequences):
            raise Invalid(
                N_("a memo that gives its own sections gives its background and economic consequences among them")
            )
        return self

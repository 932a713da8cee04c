"""Organisation (organisering): groups, members, cadence and meetings held."""

from typing import Literal

from pydantic import Field, model_validator

from ..i18n import N_
from .types import Id, Invalid, IsoDate, PositiveInt, StrictModel, Text

GroupKind = Literal[
    "steering-group",
    "preparatory-group",
    "project-management",
    "project-group",
    "working-group",
    "reference-group",
    "crime-prevention-council",
    "other",
]

CadenceUnit = Literal["year", "half-year", "quarter", "month", "week"]


class Member(StrictModel):
    """A member of a group, by role, name or unit (at least one), and party, as the document says."""

    role: Text | None = Field(default=None, description="Roll, t.ex. 'kommundirektör', 'lokalpolisområdeschef'.")
    party: Id | None = Field(default=None, description="Id för den part medlemmen kommer från.")
    name: Text | None = Field(default=None, description="Namn, om dokumentet anger det.")
    unit: Text | None = Field(default=None, description="Enhet, t.ex. 'avdelningen gata-park-natur'.")

    @model_validator(mode="after")
    def _named(self) -> "Member":
        if self.role is None and self.name is None and self.unit is None:
            raise Invalid(N_("a member needs at least one of 'role', 'name' or 'unit'"))
        return self

    @property
    def label(self) -> str:
        """How messages name the member: its role, else its name, else its unit."""
        return self.role or self.name or self.unit or ""


class Cadence(StrictModel):
    """How often a group meets: 'minst två gånger per år' is times 2, unit year, at_least."""

    unit: CadenceUnit = Field(description="Period: år, halvår, kvartal, månad eller vecka.")
    times: PositiveInt = Field(default=1, description="Antal möten per period.")
    every: PositiveInt = Field(default=1, description="Var N:e period, t.ex. 2 för varannan vecka.")
    at_least: bool = Field(default=False, description="'Minst' så många gånger (utifrån behov därutöver).")
    text: Text | None = Field(default=None, description="Dokumentets formulering.")


class Meeting(StrictModel):
    """A meeting that was held (genomfört möte)."""

    date: IsoDate = Field(description="Mötesdatum.")
    note: Text | None = Field(default=None, description="Anteckning.")


class Group(StrictModel):
    """A group in the organisation: styrgrupp, beredningsgrupp, arbetsgrupp, referensgrupp, BRÅ …"""

    id: Id = Field(description="Gruppens id.")
    kind: GroupKind = Field(
        description=(
            "Slag: styrgrupp/strategiskt samverkansforum (steering-group), beredningsgrupp "
            "(preparatory-group), projektledning (project-management), projektarbetsgrupp "
            "(project-group), arbetsgrupp (working-group), referensgrupp (reference-group), "
            "brottsförebyggande råd (crime-prevention-council) eller annat."
        )
    )
    name: Text = Field(description="Gruppens namn som i dokumentet.")
    description: Text | None = Field(default=None, description="Beskrivning.")
    members: list[Member] = Field(default_factory=list, description="Ledamöter, efter roll.")
    co_opted: list[Member] = Field(default_factory=list, description="Adjungerade ledamöter.")
    duties: list[Text] = Field(default_factory=list, description="Uppdrag och ansvar.")
    temporary: bool | None = Field(default=None, description="Tillfällig grupp (t.ex. temporära arbetsgrupper).")
    cadence: Cadence | None = Field(default=None, description="Hur ofta gruppen träffas.")
    meetings: list[Meeting] = Field(default_factory=list, description="Genomförda möten.")
    internal_note: Text | None = Field(
        default=None, description="Intern anteckning: tas inte med i offentliga dokument (render --public)."
    )


class Organisation(StrictModel):
    """The organisation around the agreement (samverkan – organisering)."""

    text: Text | None = Field(default=None, description="Dokumentets egen text om organiseringen.")
    groups: list[Group] = Field(default_factory=list, description="Grupperna.")


class CoordinatingFunction(StrictModel):
    """The municipality's coordinating function (samordningsfunktion) for crime prevention."""

    name: Text = Field(description="Funktionens namn eller roll, t.ex. 'Samordnare för brottsförebyggande arbete'.")
    unit: Text | None = Field(default=None, description="Enhet eller förvaltning där funktionen finns.")
    text: Text | None = Field(default=None, description="Dokumentets text om samordningsfunktionen.")

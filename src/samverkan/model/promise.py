"""Citizen promises (medborgarlöften)."""

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag, model_validator

from ..i18n import N_
from .common import Signing, StartedPeriod, resolve_signing_start
from .follow_up import FollowUp
from .organisation import Organisation
from .plan import ActionPlanEntry
from .section import Section, check_sections
from .types import Id, Invalid, IsoDate, PeriodEnd, PositiveInt, StrictModel, Text


class PromisePeriod(StartedPeriod):
    """The period of a citizen promise: half a year to several years, or until the next one."""

    end: PeriodEnd | None = Field(
        default=None, description="Gäller till och med (YYYY-MM-DD; YYYY-MM betyder månadens sista dag)."
    )
    until_next: bool = Field(
        default=False,
        description="Gäller tills nästa medborgarlöfte ersätter det (efter 'end', om ett sådant anges).",
    )
    text: Text | None = Field(default=None, description="Dokumentets formulering.")

    @model_validator(mode="after")
    def _has_end(self) -> "PromisePeriod":
        if self.end is None and not self.until_next:
            raise Invalid(N_("a citizen promise needs an 'end' or 'until_next: true'"))
        return self


def _one_or_many(value: Any) -> str:
    return "many" if isinstance(value, list) else "one"


PartyRefs = Annotated[
    Annotated[Id, Tag("one")] | Annotated[list[Id], Tag("many")],
    Discriminator(_one_or_many),
]
"""One party id, or a list of the parties that promise together."""


class Promise(StrictModel):
    """What one party, or several together, promise (det här lovar vi)."""

    party: PartyRefs = Field(
        description=(
            "Id för parten som lovar, 'joint' för gemensamt, eller en lista av parter som lovar "
            "tillsammans ('Kommunerna lovar')."
        )
    )
    text: Text = Field(description="Löftet.")

    @property
    def party_ids(self) -> tuple[str, ...]:
        return (self.party,) if isinstance(self.party, str) else tuple(self.party)


class PromiseExtension(StrictModel):
    """An extension: 'the 2021 promise also covers 2022'."""

    until: PeriodEnd = Field(description="Gäller nu till och med.")
    decided: IsoDate | None = Field(default=None, description="Datum då förlängningen beslutades.")
    text: Text | None = Field(default=None, description="Beslutet eller dokumentets formulering.")


class PromiseRenewal(StrictModel):
    """The promise says a new one follows when it ends."""

    text: Text = Field(description="Dokumentets formulering, t.ex. 'Löftet förnyas årligen'.")
    months: PositiveInt | None = Field(default=None, description="Hur länge nästa löfte ska gälla, i månader.")


class CitizenPromise(StrictModel):
    """A citizen promise (medborgarlöfte)."""

    id: Id = Field(description="Medborgarlöftets id.")
    title: Text = Field(description="Rubrik.")
    draft: bool = Field(default=False, description="Utkast: löftet är ännu inte beslutat eller undertecknat.")
    period: PromisePeriod = Field(description="Giltighetstid.")
    background: Text | None = Field(default=None, description="Bakgrund, t.ex. från medborgardialog.")
    sections: list[Section] = Field(
        default_factory=list,
        description=(
            "Löftets egna avsnitt i ordning, med egna rubriker och egen text. När de ges visas de i "
            "stället för de allmänna rubrikerna (bakgrund, Det här lovar vi, Giltighetstid); löftena finns "
            "kvar för due och status, och underskrifterna visas sist."
        ),
    )
    promises: list[Promise] = Field(min_length=1, description="Löftena, per part eller gemensamt.")
    extensions: list[PromiseExtension] = Field(default_factory=list, description="Förlängningar.")
    renewal: PromiseRenewal | None = Field(
        default=None, description="Löftet säger att ett nytt löfte ska gälla när det upphör."
    )
    replaces: Id | None = Field(default=None, description="Id för medborgarlöftet som detta ersätter.")
    action_plans: list[ActionPlanEntry] = Field(
        default_factory=list, description="Handlingsplaner för löftet, t.ex. en per område eller station."
    )
    follow_up: FollowUp | None = Field(
        default=None, description="Uppföljning av löftet, t.ex. lägesbild varje kvartal."
    )
    organisation: Organisation | None = Field(default=None, description="Organisering, t.ex. en styrgrupp.")
    signing: Signing | None = Field(default=None, description="Undertecknande.")
    internal_note: Text | None = Field(
        default=None, description="Intern anteckning: tas inte med i offentliga dokument (render --public)."
    )

    @model_validator(mode="after")
    def _signing_start(self) -> "CitizenPromise":
        resolve_signing_start(self.period, self.signing)
        return self

    @model_validator(mode="after")
    def _sections(self) -> "CitizenPromise":
        check_sections(self.sections)
        return self


class CitizenPromiseTerms(StrictModel):
    """What the agreement says about citizen promises in general."""

    text: Text = Field(description="Dokumentets text om medborgarlöften.")
    validity_months: PositiveInt | None = Field(
        default=None, description="Hur länge varje medborgarlöfte gäller, i månader (två år = 24)."
    )

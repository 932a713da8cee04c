"""Citizen promises (medborgarlöften)."""

from __future__ import annotations

from pydantic import Field, model_validator

from .common import Signing
from .types import Id, PeriodEnd, PeriodStart, PositiveInt, StrictModel, Text


class PromisePeriod(StrictModel):
    """The period of a citizen promise: half a year to several years, or until the next one."""

    start: PeriodStart = Field(description="Gäller från och med.")
    end: PeriodEnd | None = Field(default=None, description="Gäller till och med.")
    until_next: bool = Field(default=False, description="Gäller tills nästa medborgarlöfte ersätter det.")
    text: Text | None = Field(default=None, description="Dokumentets formulering.")

    @model_validator(mode="after")
    def _has_end(self) -> PromisePeriod:
        if self.end is None and not self.until_next:
            raise ValueError("a citizen promise needs an 'end' or 'until_next: true'")
        return self


class Promise(StrictModel):
    """What one party promises (det här lovar vi)."""

    party: Id = Field(description="Id för parten som lovar, eller 'joint' för gemensamt.")
    text: Text = Field(description="Löftet.")


class PromiseExtension(StrictModel):
    """An extension: 'the 2021 promise also covers 2022'."""

    until: PeriodEnd = Field(description="Gäller nu till och med.")
    text: Text | None = Field(default=None, description="Dokumentets formulering.")


class CitizenPromise(StrictModel):
    """A citizen promise (medborgarlöfte)."""

    id: Id = Field(description="Medborgarlöftets id.")
    title: Text = Field(description="Rubrik.")
    period: PromisePeriod = Field(description="Giltighetstid.")
    background: Text | None = Field(default=None, description="Bakgrund, t.ex. från medborgardialog.")
    promises: list[Promise] = Field(min_length=1, description="Löftena, per part.")
    extensions: list[PromiseExtension] = Field(default_factory=list, description="Förlängningar.")
    signing: Signing | None = Field(default=None, description="Undertecknande.")
    internal_note: Text | None = Field(
        default=None, description="Intern anteckning: tas inte med i offentliga dokument (render --public)."
    )


class CitizenPromiseTerms(StrictModel):
    """What the agreement says about citizen promises in general."""

    text: Text = Field(description="Dokumentets text om medborgarlöften.")
    validity_months: PositiveInt | None = Field(
        default=None, description="Hur länge varje medborgarlöfte gäller, i månader (två år = 24)."
    )

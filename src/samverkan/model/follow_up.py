"""Follow-up (uppföljning): rules, who reports to whom, and what was done."""

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from ..i18n import N_
from .types import Id, Invalid, IsoDate, MonthValue, PositiveInt, StrictModel, Text

Frequency = Literal["yearly", "half-yearly", "tertial", "quarterly", "monthly", "weekly"]


class FollowUpOnce(StrictModel):
    """A one-off follow-up on a date, or within a month (due at the month's end)."""

    type: Literal["once"] = Field(description="Engångsuppföljning.")
    id: Id = Field(description="Uppföljningens id.")
    title: Text | None = Field(default=None, description="Benämning, t.ex. 'Halvtidsuppföljning'.")
    date: IsoDate | None = Field(default=None, description="Datum då uppföljningen ska vara gjord.")
    month: MonthValue | None = Field(
        default=None,
        description="Månad (YYYY-MM) då uppföljningen görs; den ska vara klar månadens sista dag.",
    )
    covers: list[Text] = Field(default_factory=list, description="Vad uppföljningen ska omfatta.")

    @model_validator(mode="after")
    def _one_when(self) -> "FollowUpOnce":
        if (self.date is None) == (self.month is None):
            raise Invalid(N_("a one-off follow-up needs exactly one of 'date' or 'month'"))
        return self


class FollowUpRecurring(StrictModel):
    """A recurring follow-up: yearly (årlig), half-yearly, per tertial, quarterly, monthly or weekly."""

    type: Frequency = Field(
        description=(
            "Återkommande uppföljning: årlig (yearly), halvårsvis (half-yearly), per tertial "
            "(jan–apr, maj–aug, sep–dec), kvartalsvis (quarterly), månadsvis (monthly) eller "
            "veckovis (weekly)."
        )
    )
    id: Id = Field(description="Uppföljningens id.")
    title: Text | None = Field(default=None, description="Benämning, t.ex. 'Årlig uppföljning'.")
    every: PositiveInt = Field(default=1, description="Var N:e period, t.ex. 2 med 'weekly' för varannan vecka.")
    covers: list[Text] = Field(default_factory=list, description="Vad uppföljningen ska omfatta.")


def _follow_up_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        kind = value.get("type")
        if kind == "once":
            return "once"
        if isinstance(kind, str):
            return "recurring"
    return None


_NEEDS_TYPE = N_("a follow-up needs 'type': once, yearly, half-yearly, tertial, quarterly, monthly or weekly")

FollowUpRule = Annotated[
    Annotated[FollowUpOnce, Tag("once")] | Annotated[FollowUpRecurring, Tag("recurring")],
    Discriminator(
        _follow_up_tag,
        custom_error_type="follow_up_type",
        custom_error_message=_NEEDS_TYPE.english(),
        custom_error_context={"message": _NEEDS_TYPE},
    ),
]


class FollowUpRecord(StrictModel):
    """A follow-up that was actually done (genomförd uppföljning)."""

    rule: Id = Field(description="Id för den uppföljning i schemat som detta gäller.")
    date: IsoDate = Field(description="Datum då uppföljningen gjordes.")
    due: IsoDate | None = Field(
        default=None,
        description="Förfallodagen för det tillfälle som avses, om det inte är det tidigaste öppna.",
    )
    note: Text | None = Field(default=None, description="Anteckning.")
    link: Text | None = Field(default=None, description="Länk eller sökväg till rapporten.")


class FollowUp(StrictModel):
    """How the agreement, an action plan or an activity is followed up (uppföljning)."""

    responsible: Id | None = Field(
        default=None, description="Id för gruppen eller parten som ansvarar för uppföljningen."
    )
    reported_to: list[Text] = Field(default_factory=list, description="Till vem uppföljningen redovisas (rapporteras).")
    form: Text | None = Field(default=None, description="Form, t.ex. 'i huvudsak skriftlig'.")
    text: Text | None = Field(default=None, description="Dokumentets egen text om uppföljningen.")
    schedule: list[FollowUpRule] = Field(default_factory=list, description="När uppföljning ska ske.")
    done: list[FollowUpRecord] = Field(default_factory=list, description="Genomförda uppföljningar.")

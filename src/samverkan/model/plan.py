"""The action plan (åtgärdsplan, handlingsplan) and its activities (aktiviteter, insatser)."""

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from ..i18n import N_
from .common import Decision
from .follow_up import FollowUp
from .section import Section, check_sections
from .types import Id, Invalid, IsoDate, PeriodEnd, PeriodStart, PositiveInt, StrictModel, Text

JOINT = "joint"


class Responsible(StrictModel):
    """Who is responsible (ansvarig): a party by id, or 'joint' (gemensamt), and a unit."""

    party: Id = Field(description="Id för den ansvariga parten (t.ex. polisen, kommunen), eller 'joint' för gemensamt.")
    unit: Text | None = Field(default=None, description="Ansvarig enhet, t.ex. 'socialtjänsten'.")


ActivityStatus = Literal["planned", "ongoing", "done", "paused", "cancelled"]


class Activity(StrictModel):
    """An activity in the action plan (aktivitet, insats, åtgärd)."""

    id: Id = Field(description="Aktivitetens id.")
    title: Text = Field(description="Aktivitet/insats.")
    focus_area: Id | None = Field(default=None, description="Id för fokusområdet aktiviteten hör till.")
    purpose: Text | None = Field(default=None, description="Syfte.")
    responsible: list[Responsible] = Field(default_factory=list, description="Ansvarig.")
    commitment: Text | None = Field(default=None, description="Åtagande.")
    timetable: Text | None = Field(default=None, description="Tidsplan, i dokumentets ordalydelse.")
    start: IsoDate | None = Field(default=None, description="Startdatum.")
    end: IsoDate | None = Field(default=None, description="Slutdatum.")
    status: ActivityStatus | None = Field(
        default=None, description="Status: planerad, pågående, genomförd, pausad eller avbruten."
    )
    communicated: bool | None = Field(default=None, description="Kommuniceras: ska insatsen kommuniceras utåt?")
    follow_up: FollowUp | None = Field(default=None, description="Uppföljning av insatsen.")
    internal_note: Text | None = Field(
        default=None, description="Intern anteckning: tas inte med i offentliga dokument (render --public)."
    )


class PlanPeriod(StrictModel):
    """The period an action plan covers, when it has one of its own (e.g. one year)."""

    start: PeriodStart = Field(description="Gäller från och med (YYYY-MM-DD, YYYY-MM eller YYYY).")
    end: PeriodEnd = Field(description="Gäller till och med (YYYY-MM-DD, YYYY-MM eller YYYY).")
    text: Text | None = Field(default=None, description="Dokumentets formulering, t.ex. 'för 2023'.")


class PlanRenewal(StrictModel):
    """The plan is decided for a stretch at a time: 'beslutas ett år i taget' is months 12."""

    months: PositiveInt = Field(description="Varje plan gäller så många månader (ett år = 12).")
    text: Text | None = Field(default=None, description="Dokumentets formulering.")


ActionPlanScope = Literal["municipality", "area", "site"]
ActionPlanStatus = Literal["framework", "draft", "adopted", "revised"]


class ActionPlanBody(StrictModel):
    """The fields an action plan has, inline in an agreement or in a file of its own."""

    id: Id = Field(description="Åtgärdsplanens id.")
    title: Text = Field(description="Rubrik, t.ex. 'Handlingsplan 2014-'.")
    scope: ActionPlanScope = Field(
        default="municipality",
        description="Omfattning: kommunövergripande (municipality), ett område (area) eller en plats (site).",
    )
    area: Text | None = Field(default=None, description="Område eller plats, t.ex. 'Gottsunda/Valsätra'.")
    annex: Text | None = Field(default=None, description="Bilaga, t.ex. 'Bilaga 1'.")
    status: ActionPlanStatus | None = Field(
        default=None, description="Skede: ramverk (framework), utkast, antagen eller reviderad."
    )
    description: Text | None = Field(default=None, description="Beskrivning i dokumentets ordalydelse.")
    sections: list[Section] = Field(
        default_factory=list,
        description=(
            "Planens egna avsnitt i ordning, med egna rubriker, egen text och egna tabeller. När de ges "
            "visas planen med dem, i stället för beskrivningen, aktivitetstabellerna per fokusområde och "
            "uppföljningen; aktiviteterna och uppföljningen finns kvar för due och status."
        ),
    )
    decision: Decision | None = Field(
        default=None, description="Beslut om åtgärdsplanen: vilket organ som beslutade och när."
    )
    based_on_situation_picture: bool | None = Field(
        default=None, description="Åtgärdsplanen är beslutad utifrån lägesbilden."
    )
    period: PlanPeriod | None = Field(
        default=None, description="Planens egen giltighetstid, om den har en (t.ex. ett år)."
    )
    renewal: PlanRenewal | None = Field(
        default=None,
        description="Planen beslutas för en period i taget; nästa plan ska vara beslutad när denna upphör.",
    )
    replaces: Id | None = Field(default=None, description="Id för åtgärdsplanen som denna ersätter.")
    focus_areas: list[Id] = Field(default_factory=list, description="Id för fokusområden planen omfattar.")
    activities: list[Activity] = Field(default_factory=list, description="Aktiviteter/insatser.")
    encoded: bool = Field(
        default=True,
        description=(
            "Planens insatser finns i filerna. false för en plan som överenskommelsen nämner men som "
            "inte är inlagd här (t.ex. en bilaga som finns bara i originalet): den visas då som en "
            "hänvisning, 'Bilaga 4: Åtgärdsplan (ingår inte i denna utgåva)', aldrig som en tom plan."
        ),
    )
    follow_up: FollowUp | None = Field(default=None, description="Uppföljning av planen.")
    internal_note: Text | None = Field(
        default=None, description="Intern anteckning: tas inte med i offentliga dokument (render --public)."
    )

    @model_validator(mode="after")
    def _encoded_or_empty(self) -> "ActionPlanBody":
        if not self.encoded and (self.activities or self.status == "framework"):
            raise Invalid(N_("an action plan with 'encoded: false' has no activities and is not a framework"))
        return self

    @model_validator(mode="after")
    def _sections(self) -> "ActionPlanBody":
        check_sections(self.sections)
        return self


class ActionPlanLink(StrictModel):
    """A link to an action plan kept in a file of its own."""

    file: Text = Field(description="Sökväg till åtgärdsplanens fil, relativt denna fil.")


def _plan_tag(value: Any) -> str:
    return "link" if isinstance(value, dict) and "file" in value else "inline"


ActionPlanEntry = Annotated[
    Annotated[ActionPlanBody, Tag("inline")] | Annotated[ActionPlanLink, Tag("link")],
    Discriminator(_plan_tag),
]

"""The collaboration agreement (samverkansöverenskommelse)."""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .common import CaseMemo, Decision, Party, Period, Signing, resolve_signing_start
from .follow_up import FollowUp
from .organisation import CoordinatingFunction, Organisation
from .plan import ActionPlanEntry
from .promise import CitizenPromise, CitizenPromiseTerms
from .section import Section, check_sections
from .types import Id, IsoDate, PeriodEnd, PositiveInt, StrictModel, Text


class ExtensionNone(StrictModel):
    """The agreement cannot be extended."""

    type: Literal["none"] = Field(description="Ingen förlängning.")
    text: Text | None = Field(default=None, description="Dokumentets formulering.")


class ExtensionOption(StrictModel):
    """An option to extend (option för förlängning), with no deadline given."""

    type: Literal["option"] = Field(description="Option för förlängning, utan angiven frist.")
    text: Text | None = Field(default=None, description="Dokumentets formulering.")


class ExtensionRenewal(StrictModel):
    """Renewal by N years at a time after consultation no later than M months before expiry."""

    type: Literal["renewal"] = Field(description="Förlängning med N år i taget efter samråd.")
    years: PositiveInt = Field(description="Antal år per förlängning.")
    consultation_months_before: PositiveInt | None = Field(
        default=None,
        description="Samråd senast så många månader före giltighetstidens utgång.",
    )
    text: Text | None = Field(default=None, description="Dokumentets formulering.")


class ExtensionIndefinite(StrictModel):
    """Continues indefinitely if no new agreement is signed (förlängs tillsvidare)."""

    type: Literal["indefinite"] = Field(description="Förlängs tillsvidare om ingen ny överenskommelse tecknas.")
    text: Text | None = Field(default=None, description="Dokumentets formulering.")


class ExtensionOpenEnded(StrictModel):
    """Open-ended, with a review every N years."""

    type: Literal["open-ended"] = Field(description="Tillsvidare, med översyn vart N:e år.")
    review_every_years: PositiveInt = Field(description="Översyn vart N:e år.")
    text: Text | None = Field(default=None, description="Dokumentets formulering.")


Extension = Annotated[
    ExtensionNone | ExtensionOption | ExtensionRenewal | ExtensionIndefinite | ExtensionOpenEnded,
    Field(discriminator="type"),
]


class ExtensionDecision(StrictModel):
    """An extension actually decided (beslut om förlängning)."""

    decided: IsoDate = Field(description="Datum för beslut eller samråd om förlängning.")
    until: PeriodEnd | None = Field(
        default=None, description="Ny sista giltighetsdag; utelämnas för att räkna den ur förlängningsklausulen."
    )
    text: Text | None = Field(default=None, description="Beslutet i dokumentets ordalydelse.")
    note: Text | None = Field(default=None, description="Anteckning.")


class Consultation(StrictModel):
    """A consultation on extension that was held (samråd om förlängning), whatever it decided."""

    date: IsoDate = Field(description="Datum för samrådet.")
    outcome: Text | None = Field(
        default=None, description="Vad samrådet ledde till, t.ex. 'ingen förlängning; ny överenskommelse tas fram'."
    )
    note: Text | None = Field(default=None, description="Anteckning.")


class Review(StrictModel):
    """A review (översyn) that was held, for an open-ended agreement reviewed every N years."""

    date: IsoDate = Field(description="Datum då översynen gjordes.")
    note: Text | None = Field(default=None, description="Anteckning.")
    link: Text | None = Field(default=None, description="Länk eller sökväg till protokoll eller beslut.")


GoalLevel = Literal["overall", "long-term", "vision", "target-area", "goal"]


class Goal(StrictModel):
    """A goal (mål): övergripande mål, långsiktig målsättning, målbild, målområde."""

    level: GoalLevel = Field(
        default="goal",
        description=(
            "Nivå: övergripande mål (overall), långsiktig målsättning (long-term), målbild "
            "(vision), målområde (target-area) eller mål (goal)."
        ),
    )
    text: Text = Field(description="Målet i dokumentets ordalydelse.")


FocusKind = Literal["focus-area", "collaboration-area", "target-area", "priority"]


class FocusArea(StrictModel):
    """A focus area (fokusområde, samverkansområde, prioritering, särskilt fokus)."""

    id: Id = Field(description="Fokusområdets id.")
    name: Text = Field(description="Namn.")
    kind: FocusKind = Field(
        default="focus-area",
        description=(
            "Slag: fokusområde (focus-area), samverkansområde (collaboration-area), målområde "
            "(target-area) eller prioritering/särskilt fokus (priority)."
        ),
    )
    definition: Text | None = Field(default=None, description="Definition: vad som avses.")
    expected_effect: Text | None = Field(default=None, description="Förväntad effekt.")
    measurement: list[Text] = Field(
        default_factory=list, description="Mätning: statistik och källor (BRÅ, polisen, SCB …)."
    )
    goals: list[Goal] = Field(default_factory=list, description="Mål inom området.")


class SituationPicture(StrictModel):
    """The shared local situational picture (gemensam lokal lägesbild)."""

    date: IsoDate | None = Field(default=None, description="Datum för lägesbilden.")
    method: Text | None = Field(default=None, description="Metod, t.ex. 'EST (Effektiv samordning för trygghet)'.")
    sources: list[Text] = Field(default_factory=list, description="Underlag och källor.")
    mapping: Text | None = Field(
        default=None,
        description=(
            "Kartläggning av brottsligheten, dess omfattning och konsekvenser "
            "(lag (2023:196) om kommuners ansvar för brottsförebyggande arbete, 4 § 1)."
        ),
    )
    other_information: Text | None = Field(
        default=None,
        description="Annan information av betydelse i sammanhanget (lag (2023:196) 4 § 2).",
    )
    analysis: Text | None = Field(
        default=None, description="Analys av kartläggningen och informationen (lag (2023:196) 4 § 3)."
    )
    text: Text | None = Field(default=None, description="Dokumentets text om lägesbilden.")


class AgreementBody(StrictModel):
    """Everything a collaboration agreement says."""

    id: Id = Field(description="Överenskommelsens id, unikt bland alla filer, t.ex. 'umea-2021'.")
    title: Text = Field(description="Rubrik.")
    draft: bool = Field(default=False, description="Utkast: överenskommelsen är ännu inte beslutad eller undertecknad.")
    subtitle: Text | None = Field(default=None, description="Underrubrik.")
    document_type: Text | None = Field(
        default=None,
        description=(
            "Slag av dokument när överenskommelsen bara är känd genom ett annat, t.ex. 'Pressmeddelande "
            "från Uppsala kommun': visas ovanför rubriken, så att återgivningen inte tas för själva "
            "överenskommelsen."
        ),
    )
    purpose: Text | None = Field(default=None, description="Syfte.")
    background: Text | None = Field(default=None, description="Inledning och bakgrund.")
    history: Text | None = Field(default=None, description="Tidigare samverkan, i dokumentets ordalydelse.")
    sections: list[Section] = Field(
        default_factory=list,
        description=(
            "Dokumentets egna avsnitt i ordning, med egna rubriker och egen text. När de ges visas de i "
            "stället för de allmänna rubrikerna (Parter, Syfte, Bakgrund …); de strukturerade uppgifterna "
            "finns kvar för due och status, och underskrifterna och bilagorna visas sist."
        ),
    )
    parties: list[Party] = Field(min_length=2, description="Parterna: minst två.")
    period: Period = Field(description="Giltighetstid.")
    extension: Extension | None = Field(default=None, description="Förlängningsklausul.")
    extensions: list[ExtensionDecision] = Field(default_factory=list, description="Beslutade förlängningar.")
    consultations: list[Consultation] = Field(
        default_factory=list,
        description="Genomförda samråd om förlängning (också de som inte ledde till en förlängning).",
    )
    reviews: list[Review] = Field(
        default_factory=list, description="Genomförda översyner (för en överenskommelse som ses över vart N:e år)."
    )
    replaces: Id | None = Field(default=None, description="Id för överenskommelsen som denna ersätter.")
    decision: Decision | None = Field(default=None, description="Beslut om att anta överenskommelsen.")
    situation_picture: SituationPicture | None = Field(
        default=None, description="Lägesbild som överenskommelsen bygger på."
    )
    goals: list[Goal] = Field(default_factory=list, description="Mål.")
    focus_areas: list[FocusArea] = Field(default_factory=list, description="Fokusområden.")
    working_methods: list[Text] = Field(default_factory=list, description="Arbetssätt.")
    action_plans: list[ActionPlanEntry] = Field(
        default_factory=list, description="Åtgärdsplaner: inline eller länk till egen fil ({file: …})."
    )
    follow_up: FollowUp | None = Field(default=None, description="Uppföljning av överenskommelsen.")
    organisation: Organisation | None = Field(default=None, description="Organisering.")
    coordinating_function: CoordinatingFunction | None = Field(
        default=None,
        description="Kommunens samordningsfunktion för det brottsförebyggande arbetet.",
    )
    citizen_promise_terms: CitizenPromiseTerms | None = Field(
        default=None, description="Vad överenskommelsen säger om medborgarlöften."
    )
    citizen_promises: list[CitizenPromise] = Field(default_factory=list, description="Medborgarlöften.")
    signing: Signing | None = Field(default=None, description="Undertecknande: ort, datum, undertecknare.")
    memo: CaseMemo | None = Field(default=None, description="Tjänsteskrivelse till beslutande organ.")
    source: Text | None = Field(default=None, description="Källa: dokumentet uppgifterna kommer från.")
    internal_note: Text | None = Field(
        default=None, description="Intern anteckning: tas inte med i offentliga dokument (render --public)."
    )

    @model_validator(mode="after")
    def _signing_start(self) -> "AgreementBody":
        resolve_signing_start(self.period, self.signing)
        return self

    @model_validator(mode="after")
    def _sections(self) -> "AgreementBody":
        check_sections(self.sections)
        return self

"""A statement (redogörelse, svar på interpellation): a document about collaboration in practice.

A statement is not an agreement: it has no parties that commit to anything, no validity
period and no deadlines. It records what a municipality says its collaboration with the
police looks like: the questions asked and the answers given, in the document's own words,
and, in the agreement's vocabulary, the organisation, the action plans and the other
collaboration it describes.
"""

from pydantic import Field

from .organisation import Organisation
from .plan import ActionPlanBody
from .types import Id, StrictModel, Text


class Politician(StrictModel):
    """A person as the document names them: 'Jonas Segersam (KD)', 'Marlene Burwick (S)'."""

    name: Text = Field(description="Namn, t.ex. 'Marlene Burwick'.")
    political_party: Text | None = Field(
        default=None, description="Partibeteckning som i dokumentet, t.ex. 'KD' eller 'S'."
    )
    title: Text | None = Field(default=None, description="Titel, t.ex. 'Kommunstyrelsens ordförande'.")


class Question(StrictModel):
    """A question and its answer (fråga och svar), in the document's own words."""

    question: Text = Field(description="Frågan, ordagrant.")
    answer: list[Text] = Field(
        min_length=1, description="Svaret: ett stycke per post, ordagrant, i dokumentets ordning."
    )


class Collaboration(StrictModel):
    """Collaboration in practice that the document describes (samverkan i praktiken)."""

    id: Id = Field(description="Id.")
    title: Text = Field(description="Vad samverkan gäller, i dokumentets ordalydelse.")
    occasions: list[Text] = Field(
        default_factory=list, description="Särskilda händelser samverkan sker vid, t.ex. 'Valborg'."
    )
    measures: list[Text] = Field(
        default_factory=list, description="Vad som görs tillsammans, i dokumentets ordalydelse."
    )
    area: Text | None = Field(default=None, description="Område eller plats, t.ex. 'Gottsunda/Valsätra-området'.")
    through: list[Text] = Field(
        default_factory=list,
        description=(
            "Verksamheter eller bolag samverkan sker genom eller inom, i dokumentets ordalydelse, "
            "t.ex. 'våra fastighetsbolag', 'socialtjänstens område'."
        ),
    )
    text: Text | None = Field(default=None, description="Dokumentets text om samverkan.")


class StatementBody(StrictModel):
    """Everything a statement says. It has no period and creates no obligations."""

    id: Id = Field(description="Dokumentets id, unikt bland alla filer.")
    document_type: Text = Field(
        description="Slag av dokument som i källan, t.ex. 'Svar på interpellation' eller 'Lägesrapport'."
    )
    title: Text = Field(description="Rubrik, som i dokumentet.")
    municipality: Text = Field(description="Kommunen dokumentet gäller, t.ex. 'Uppsala kommun'.")
    asked_by: Politician | None = Field(default=None, description="Den som ställt frågorna, t.ex. interpellanten.")
    answered_by: Politician | None = Field(default=None, description="Den som svarar och undertecknar.")
    introduction: list[Text] = Field(
        default_factory=list, description="Inledningen före frågorna: ett stycke per post, ordagrant."
    )
    questions: list[Question] = Field(default_factory=list, description="Frågorna och svaren, i dokumentets ordning.")
    organisation: Organisation | None = Field(
        default=None, description="Organiseringen av samverkan som dokumentet beskriver."
    )
    action_plans: list[ActionPlanBody] = Field(
        default_factory=list, description="Handlingsplaner som dokumentet nämner."
    )
    collaboration: list[Collaboration] = Field(
        default_factory=list, description="Annan samverkan som dokumentet nämner."
    )
    source: Text | None = Field(default=None, description="Källa: dokumentet uppgifterna kommer från.")
    internal_note: Text | None = Field(
        default=None, description="Intern anteckning: tas inte med i offentliga dokument (render --public)."
    )

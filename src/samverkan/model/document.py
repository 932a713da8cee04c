"""The four kinds of file: an agreement, an action plan, a citizen promise, a statement."""

from typing import Annotated, Literal

from pydantic import Field

from .agreement import AgreementBody
from .common import Party
from .plan import ActionPlanBody
from .promise import CitizenPromise
from .statement import StatementBody
from .types import Id, Text


class Agreement(AgreementBody):
    """A file holding one collaboration agreement (samverkansöverenskommelse)."""

    kind: Literal["agreement"] = Field(description="Filens slag: överenskommelse.")


class ActionPlanFile(ActionPlanBody):
    """A file holding one action plan (åtgärdsplan), linked to its agreement."""

    kind: Literal["action-plan"] = Field(description="Filens slag: åtgärdsplan.")
    agreement: Id = Field(description="Id för överenskommelsen planen hör till.")
    source: Text | None = Field(default=None, description="Källa.")


class CitizenPromiseFile(CitizenPromise):
    """A file holding one citizen promise (medborgarlöfte)."""

    kind: Literal["citizen-promise"] = Field(description="Filens slag: medborgarlöfte.")
    agreement: Id | None = Field(default=None, description="Id för överenskommelsen löftet hör till.")
    parties: list[Party] = Field(
        default_factory=list, description="Parterna, om löftet inte hör till en överenskommelse."
    )
    source: Text | None = Field(default=None, description="Källa.")


class Statement(StatementBody):
    """A file holding one statement about collaboration in practice (redogörelse, svar på
    interpellation). Not an agreement: no period, no obligations."""

    kind: Literal["statement"] = Field(description="Filens slag: redogörelse (t.ex. svar på interpellation).")


Document = Agreement | ActionPlanFile | CitizenPromiseFile | Statement

DocumentType = Annotated[Document, Field(discriminator="kind")]
"""Any samverkan file, told apart by its ``kind``: what a file's data is validated against
(:func:`samverkan.validation.validate_source`). A type rather than Pydantic's ``RootModel``,
whose base class Pydantic builds as soon as it is imported (a few milliseconds of every
start; the plugin loader and :mod:`importlib.metadata` that building imports, Typer's
parameters import anyway); :class:`~samverkan.model.DocumentRoot`, the same as a model, is
for the JSON Schema."""


DOCUMENT_KINDS = ("agreement", "action-plan", "citizen-promise", "statement")

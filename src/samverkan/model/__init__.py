"""The samverkan schema: Pydantic models for agreements, action plans and citizen promises.

The model modules leave out ``from __future__ import annotations``: Pydantic evaluates each
annotation kept as text when it makes a class, on every start. Only a class named before it is
made is quoted."""

from typing import TYPE_CHECKING

from .agreement import (
    Consultation,
    ExtensionDecision,
    ExtensionIndefinite,
    ExtensionNone,
    ExtensionOpenEnded,
    ExtensionOption,
    ExtensionRenewal,
    FocusArea,
    Goal,
    Review,
    SituationPicture,
)
from .common import CaseMemo, Decision, Party, Period, Signatory, Signing
from .document import DOCUMENT_KINDS, ActionPlanFile, Agreement, CitizenPromiseFile, Document, DocumentType, Statement
from .follow_up import FollowUp, FollowUpOnce, FollowUpRecord, FollowUpRecurring
from .organisation import Cadence, CoordinatingFunction, Group, Meeting, Member, Organisation
from .plan import JOINT, ActionPlanBody, ActionPlanLink, Activity, PlanPeriod, PlanRenewal, Responsible
from .promise import CitizenPromise, CitizenPromiseTerms, Promise, PromiseExtension, PromisePeriod, PromiseRenewal
from .section import Figure, Footnote, Section, Table
from .statement import Collaboration, Politician, Question
from .types import Month, MonthDate

__all__ = [
    "DOCUMENT_KINDS",
    "JOINT",
    "ActionPlanBody",
    "ActionPlanFile",
    "ActionPlanLink",
    "Activity",
    "Agreement",
    "Cadence",
    "CaseMemo",
    "CitizenPromise",
    "CitizenPromiseFile",
    "CitizenPromiseTerms",
    "Collaboration",
    "Consultation",
    "CoordinatingFunction",
    "Decision",
    "Document",
    "DocumentRoot",
    "DocumentType",
    "ExtensionDecision",
    "ExtensionIndefinite",
    "ExtensionNone",
    "ExtensionOpenEnded",
    "ExtensionOption",
    "ExtensionRenewal",
    "Figure",
    "FocusArea",
    "FollowUp",
    "FollowUpOnce",
    "FollowUpRecord",
    "FollowUpRecurring",
    "Footnote",
    "Goal",
    "Group",
    "Meeting",
    "Member",
    "Month",
    "MonthDate",
    "Organisation",
    "Party",
    "Period",
    "PlanPeriod",
    "PlanRenewal",
    "Politician",
    "Promise",
    "PromiseExtension",
    "PromisePeriod",
    "PromiseRenewal",
    "Question",
    "Responsible",
    "Review",
    "Section",
    "Signatory",
    "Signing",
    "SituationPicture",
    "Statement",
    "Table",
]


if TYPE_CHECKING:
    from .root import DocumentRoot


def __getattr__(name: str) -> object:
    """``DocumentRoot`` when first asked for (:mod:`samverkan.model.root`)."""
    if name == "DocumentRoot":
        from .root import DocumentRoot

        return DocumentRoot
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Where things are in a workspace, for the rules.

Every action plan, follow-up block and citizen promise is found with its key path in its
file and the agreement whose parties, period and focus areas apply to it: the agreement it
is written in, or, for an action-plan or citizen-promise file, the agreement its
``agreement:`` field names (``None`` when that is not among the files checked).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .diagnostics import Span
from .i18n import N_, Message, verbatim
from .model import (
    ActionPlanBody,
    ActionPlanFile,
    Agreement,
    CitizenPromise,
    CitizenPromiseFile,
    FollowUp,
    Party,
)
from .source import PathKey
from .workspace import LoadedFile, Workspace

AgreementIndex = dict[str, tuple[LoadedFile, Agreement]]


def agreement_index(ws: Workspace) -> AgreementIndex:
    """Agreements by id; the first file wins when an id is used twice (rule SV106 reports that).
    A workspace of some files only may carry the index of all (:attr:`Workspace.agreements_by_id`)."""
    if ws.agreements_by_id is not None:
        return ws.agreements_by_id
    index: AgreementIndex = {}
    for loaded, agreement in ws.agreements():
        index.setdefault(agreement.id, (loaded, agreement))
    return index


@dataclass(frozen=True)
class Place:
    """A thing in a file: the file, the key path to it, and the agreement that applies."""

    loaded: LoadedFile
    path: PathKey
    agreement: Agreement | None

    def span(self, *more: str | int) -> Span:
        return self.loaded.source.span(self.path + more)


@dataclass(frozen=True)
class PlanPlace(Place):
    plan: ActionPlanBody


@dataclass(frozen=True)
class FollowUpPlace(Place):
    follow_up: FollowUp
    owner_message: Message
    """What is followed up (``agreement 'x'``, ``activity 'a1'`` …), for findings in the reader's language."""

    @property
    def owner(self) -> str:
        """What is followed up, in English, for keys and English text: ``agreement 'x'`` …"""
        return self.owner_message.english()


@dataclass(frozen=True)
class PromisePlace(Place):
    promise: CitizenPromise
    parties: tuple[Party, ...]
    """The parties that may promise and sign: the promise file's own and its agreement's."""

    def whose(self) -> Message:
        """``agreement 'x'``, ``citizen promise 'p'`` or both: whose parties apply."""
        names = []
        if isinstance(self.promise, CitizenPromiseFile) and self.promise.parties:
            names.append(N_("citizen promise '{id}'", id=self.promise.id))
        if self.agreement is not None:
            names.append(N_("agreement '{id}'", id=self.agreement.id))
        if len(names) == 2:
            return N_("{first} or {second}", first=names[0], second=names[1])
        return names[0] if names else verbatim("")


def _resolve(index: AgreementIndex, agreement_id: str | None) -> Agreement | None:
    found = index.get(agreement_id) if agreement_id is not None else None
    return found[1] if found is not None else None


def plans(ws: Workspace, index: AgreementIndex) -> Iterator[PlanPlace]:
    """Every action plan: inline in an agreement (``action_plans[i]``) or a file of its own."""
    for loaded, doc in ws.documents():
        if isinstance(doc, Agreement):
            for i, entry in enumerate(doc.action_plans):
                if isinstance(entry, ActionPlanBody):
                    yield PlanPlace(loaded, ("action_plans", i), doc, entry)
        elif isinstance(doc, ActionPlanFile):
            yield PlanPlace(loaded, (), _resolve(index, doc.agreement), doc)


def follow_ups(ws: Workspace, index: AgreementIndex) -> Iterator[FollowUpPlace]:
    """Every follow-up block: of an agreement, of an action plan, of an activity."""
    for loaded, agreement in ws.agreements():
        if agreement.follow_up is not None:
            yield FollowUpPlace(
                loaded,
                ("follow_up",),
                agreement,
                agreement.follow_up,
                N_("agreement '{id}'", id=agreement.id),
            )
    for place in plans(ws, index):
        if place.plan.follow_up is not None:
            yield FollowUpPlace(
                place.loaded,
                (*place.path, "follow_up"),
                place.agreement,
                place.plan.follow_up,
                N_("action plan '{id}'", id=place.plan.id),
            )
        for j, activity in enumerate(place.plan.activities):
            if activity.follow_up is not None:
                yield FollowUpPlace(
                    place.loaded,
                    (*place.path, "activities", j, "follow_up"),
                    place.agreement,
                    activity.follow_up,
                    N_("activity '{id}'", id=activity.id),
                )


def promises(ws: Workspace, index: AgreementIndex) -> Iterator[PromisePlace]:
    """Every citizen promise: inline in an agreement (``citizen_promises[i]``) or a file of its own."""
    for loaded, doc in ws.documents():
        if isinstance(doc, Agreement):
            for i, promise in enumerate(doc.citizen_promises):
                yield PromisePlace(loaded, ("citizen_promises", i), doc, promise, tuple(doc.parties))
        elif isinstance(doc, CitizenPromiseFile):
            agreement = _resolve(index, doc.agreement)
            parties = tuple(doc.parties) + (tuple(agreement.parties) if agreement is not None else ())
            yield PromisePlace(loaded, (), agreement, doc, parties)

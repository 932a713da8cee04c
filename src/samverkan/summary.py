"""A checked document reduced to what is read of it once its own file is done.

After the rules' per-file parts have run on a file (:attr:`samverkan.rules.Rule.per_file`),
``validate`` reads a document only through the rules' cross-file parts and, for an agreement,
through the checks of the action-plan and citizen-promise files that name it. Those read ids,
parties, periods and extensions, ``replaces``, links between files, the lägesbild, the
coordinating function, the plans' decisions and the groups' and focus areas' ids; not the
activities, follow-ups, meetings, sections or free text that make up most of a document.

:func:`summary` keeps those fields and drops the rest: a summary is an instance of the same
model with the fields it keeps, and reading a dropped field raises :class:`AttributeError`
instead of giving a wrong answer. A summary is for reading fields: Pydantic's ``model_dump``
gives only the fields it kept (with a warning for each dropped one), and ``model_copy`` cannot
change it (its field names are a shared frozenset). ``tests/test_rule_parts.py`` shows that the rules find the
same on summaries as on whole documents.

``due`` and ``status`` keep a larger summary of each document, its :func:`lifecycle`: the
rules' summary and what the deadline engine reads (:mod:`samverkan.obligations`,
:mod:`samverkan.status`): follow-ups with their records, the groups' cadences and meetings,
consultations and reviews, each action plan's follow-up and each activity's id, dates and
follow-up; not the activities' texts, the goals, sections, members and free text.
``tests/test_lifecycle_summary.py`` shows that ``due`` and ``status`` give the same on these
summaries as on whole documents. ``render`` keeps them too, and reads a document's files whole
again when it makes that document (:class:`samverkan.render.library.Library`, shown the same
by ``tests/test_render_reread.py``); ``site`` reads whole documents. An activity's
``communicated`` is kept for ``render --public``, whose deadlines leave out the activities not
communicated.
"""

from __future__ import annotations

import io
import pickle
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from .cache import digest
from .compact import frozen_fields
from .model import ActionPlanBody, ActionPlanFile, Agreement, CitizenPromiseFile, Document, Statement
from .model.agreement import FocusArea
from .model.organisation import Organisation
from .model.plan import ActionPlanEntry
from .model.promise import CitizenPromise

__all__ = ["SummaryKind", "fingerprint", "lifecycle", "summary"]

SummaryKind = Literal["rules", "lifecycle"]
"""Which summary a run keeps: the rules' (``validate``), or the rules' and the deadline
engine's (``due`` and ``status``)."""

M = TypeVar("M", bound=BaseModel)
P = TypeVar("P", bound=ActionPlanBody)
C = TypeVar("C", bound=CitizenPromise)

_PLAN = ("id", "title", "decision", "based_on_situation_picture", "period", "renewal", "replaces")
_PROMISE = ("id", "title", "draft", "period", "extensions", "renewal", "replaces", "signing")
_AGREEMENT = (
    "id",
    "kind",
    "title",
    "draft",
    "parties",
    "period",
    "extension",
    "extensions",
    "replaces",
    "decision",
    "situation_picture",
    "coordinating_function",
    "citizen_promise_terms",
    "signing",
)


def _kept(model: M, fields: tuple[str, ...], **changed: Any) -> M:
    """A copy of ``model`` with only ``fields`` (and ``changed``), made as Pydantic's
    ``model_construct`` makes one, without validating again."""
    values = model.__dict__
    kept = {name: values[name] for name in fields}
    kept.update(changed)
    fields_set = frozenset(model.__pydantic_fields_set__ & kept.keys())
    copy = model.__class__.__new__(model.__class__)
    object.__setattr__(copy, "__dict__", kept)
    object.__setattr__(copy, "__pydantic_fields_set__", frozen_fields(fields_set))  # frozen: shared
    object.__setattr__(copy, "__pydantic_extra__", None)
    object.__setattr__(copy, "__pydantic_private__", None)
    return copy


_GROUP = ("id", "kind", "name")
_GROUP_DUE = (*_GROUP, "cadence", "meetings")
"""A group's fields in a lifecycle summary: its cadence and its meetings too."""
_ACTIVITY_DUE = ("id", "start", "end", "follow_up", "communicated")
"""An activity's fields in a lifecycle summary (the rules' summary keeps no activities)."""
_AGREEMENT_DUE = ("follow_up", "consultations", "reviews")
"""An agreement's fields in a lifecycle summary besides those of :data:`_AGREEMENT`."""


def _organisation(organisation: Organisation | None, due: bool) -> Organisation | None:
    if organisation is None:
        return None
    fields = _GROUP_DUE if due else _GROUP
    return _kept(organisation, (), groups=[_kept(group, fields) for group in organisation.groups])


def _plan(plan: P, due: bool) -> P:
    """An action plan, inline or a file of its own; with ``due``, its follow-up and activities too."""
    own = ("kind", "agreement") if isinstance(plan, ActionPlanFile) else ()
    if not due:
        return _kept(plan, (*_PLAN, *own))
    activities = [_kept(activity, _ACTIVITY_DUE) for activity in plan.activities]
    return _kept(plan, (*_PLAN, *own, "follow_up"), activities=activities)


def _plans(entries: list[ActionPlanEntry], due: bool) -> list[ActionPlanEntry]:
    return [_plan(e, due) if isinstance(e, ActionPlanBody) else e for e in entries]


def _promise(promise: C, due: bool) -> C:
    """A citizen promise, inline or a file of its own; with ``due``, its follow-up, action plans
    and organisation too."""
    own = ("kind", "agreement", "parties") if isinstance(promise, CitizenPromiseFile) else ()
    if not due:
        return _kept(promise, (*_PROMISE, *own))
    return _kept(
        promise,
        (*_PROMISE, *own, "follow_up"),
        action_plans=_plans(promise.action_plans, due),
        organisation=_organisation(promise.organisation, due),
    )


def _focus_area(area: FocusArea) -> FocusArea:
    return _kept(area, ("id", "name", "kind"))


def _agreement(agreement: Agreement, due: bool) -> Agreement:
    # A lifecycle summary says whether the agreement has a case memo (an empty one: a render
    # and a site choose the memos to make from it), not what the memo says.
    memo = {"memo": _kept(agreement.memo, ()) if agreement.memo is not None else None} if due else {}
    return _kept(
        agreement,
        (*_AGREEMENT, *(_AGREEMENT_DUE if due else ())),
        focus_areas=[_focus_area(area) for area in agreement.focus_areas],
        action_plans=_plans(agreement.action_plans, due),
        organisation=_organisation(agreement.organisation, due),
        citizen_promises=[_promise(p, due) for p in agreement.citizen_promises],
        **memo,
    )


def summary(document: Document, kind: SummaryKind = "rules") -> Document:
    """``document`` reduced to what the rules' cross-file parts, and the checks of the files
    that name it, read; for use once the rules' per-file parts have run on its file. ``kind``
    ``"lifecycle"``: to that and what the deadline engine reads (:func:`lifecycle`)."""
    due = kind == "lifecycle"
    if isinstance(document, Agreement):
        return _agreement(document, due)
    if isinstance(document, ActionPlanFile):
        return _plan(document, due)
    if isinstance(document, CitizenPromiseFile):
        return _promise(document, due)
    if isinstance(document, Statement):
        return _kept(document, ("id", "kind", "title", "municipality"))
    return document


def lifecycle(document: Document) -> Document:
    """``document`` reduced to its :func:`summary` and what ``due`` and ``status`` read of it
    (:mod:`samverkan.obligations`, :mod:`samverkan.lifecycle`, :mod:`samverkan.status`)."""
    return summary(document, "lifecycle")


def fingerprint(document: Document) -> bytes:
    """A digest of a summary's (or a document's) fields and values that is the same in every
    process, which a plain pickle's is not (a set's order follows the hash seed, and shared
    objects are written once): the same summaries at the same paths give the same cross-file
    findings, which a run can then take from the cache (:func:`samverkan.api.examine`).
    Empty if the document cannot be written so (never yet seen)."""
    out = io.BytesIO()
    pickler = _Canonical(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: equal values give equal bytes, whatever they share
    try:
        pickler.dump(document)
    except Exception:  # noqa: BLE001 - a value that cannot be written: no fingerprint, no reuse
        return b""
    return digest(out.getbuffer())


class _Canonical(pickle.Pickler):
    """Writes a model as its class, the names of the fields it was given and its values in
    field order, and a set in sorted order."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, BaseModel):
            fields_set = tuple(sorted(obj.__pydantic_fields_set__))
            return (_model, (type(obj).__module__, type(obj).__qualname__, fields_set, obj.__dict__))
        if isinstance(obj, set | frozenset):
            return (frozenset, (sorted(obj, key=repr),))
        return NotImplemented


def _model(*parts: Any) -> None:  # pragma: no cover - named in a fingerprint, never called
    """What :class:`_Canonical` names a model by."""

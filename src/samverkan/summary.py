"""A checked document reduced to what is read of it once its own file is done.

After the rules' per-file parts have run on a file (:attr:`samverkan.rules.Rule.per_file`),
``validate`` reads a document only through the rules' cross-file parts and, for an agreement,
through the checks of the action-plan and citizen-promise files that name it. Those read ids,
parties, periods and extensions, ``replaces``, links between files, the lägesbild, the
coordinating function, the plans' decisions and the groups' and focus areas' ids; not the
activities, follow-ups, meetings, sections or free text that make up most of a document.

:func:`summary` keeps those fields and drops the rest: a summary is an instance of the same
model with the fields it keeps, and reading a dropped field raises :class:`AttributeError`
instead of giving a wrong answer. ``tests/test_rule_parts.py`` shows that the rules find the
same on summaries as on whole documents. Only ``validate`` uses summaries: ``due``, ``status``,
``render`` and ``site`` read whole documents.
"""

from __future__ import annotations

import io
import pickle
from typing import Any, TypeVar

from pydantic import BaseModel

from .cache import digest
from .model import ActionPlanBody, ActionPlanFile, Agreement, CitizenPromiseFile, Document, Statement
from .model.agreement import FocusArea
from .model.organisation import Organisation
from .model.promise import CitizenPromise

__all__ = ["fingerprint", "summary"]

M = TypeVar("M", bound=BaseModel)

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
    copy = model.__class__.__new__(model.__class__)
    object.__setattr__(copy, "__dict__", kept)
    object.__setattr__(copy, "__pydantic_fields_set__", model.__pydantic_fields_set__ & kept.keys())
    object.__setattr__(copy, "__pydantic_extra__", None)
    object.__setattr__(copy, "__pydantic_private__", None)
    return copy


def _plan(plan: ActionPlanBody) -> ActionPlanBody:
    return _kept(plan, _PLAN)


def _promise(promise: CitizenPromise) -> CitizenPromise:
    return _kept(promise, _PROMISE)


def _organisation(organisation: Organisation | None) -> Organisation | None:
    if organisation is None:
        return None
    groups = [_kept(group, ("id", "kind", "name")) for group in organisation.groups]
    return _kept(organisation, (), groups=groups)


def _focus_area(area: FocusArea) -> FocusArea:
    return _kept(area, ("id", "name", "kind"))


def _agreement(agreement: Agreement) -> Agreement:
    return _kept(
        agreement,
        _AGREEMENT,
        focus_areas=[_focus_area(area) for area in agreement.focus_areas],
        action_plans=[_plan(e) if isinstance(e, ActionPlanBody) else e for e in agreement.action_plans],
        organisation=_organisation(agreement.organisation),
        citizen_promises=[_promise(p) for p in agreement.citizen_promises],
    )


def summary(document: Document) -> Document:
    """``document`` reduced to what the rules' cross-file parts, and the checks of the files
    that name it, read; for use once the rules' per-file parts have run on its file."""
    if isinstance(document, Agreement):
        return _agreement(document)
    if isinstance(document, ActionPlanFile):
        return _kept(document, (*_PLAN, "kind", "agreement"))
    if isinstance(document, CitizenPromiseFile):
        return _kept(document, (*_PROMISE, "kind", "agreement", "parties"))
    if isinstance(document, Statement):
        return _kept(document, ("id", "kind", "title", "municipality"))
    return document


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

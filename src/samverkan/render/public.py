"""The public version of a document (``render --public``).

Left out: activities whose ``communicated`` is not ``true``, every ``internal_note``, and the
notes of what was recorded (follow-ups done, meetings held, extension decisions). A statement
(an answer to an interpellation) is a public document already: the activities it names stay,
unless one is marked ``communicated: false``.
The models are frozen, so this returns copies; what it leaves out is gone before any template
sees it.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from ..model import Activity, ExtensionDecision, FollowUpRecord, Meeting, Statement

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

_RECORDS = (FollowUpRecord, Meeting, ExtensionDecision)


def public(value: T) -> T:
    """``value`` without anything that is not for the public."""
    result: T = _strip(value)
    return result


def _shown(activity: Activity, said_in_public: bool) -> bool:
    return activity.communicated is not False if said_in_public else activity.communicated is True


def _summary_copy(value: M, updates: dict[str, Any]) -> M:
    """A summary with some of its values changed: as Pydantic's ``model_copy`` makes a copy,
    keeping its shared, frozen set of field names (which ``model_copy`` would change in place)."""
    copy = value.__class__.__new__(value.__class__)
    object.__setattr__(copy, "__dict__", value.__dict__ | updates)
    object.__setattr__(copy, "__pydantic_fields_set__", value.__pydantic_fields_set__)
    object.__setattr__(copy, "__pydantic_extra__", value.__pydantic_extra__)
    object.__setattr__(copy, "__pydantic_private__", value.__pydantic_private__)
    return copy


def _strip(value: Any, *, said_in_public: bool = False) -> Any:
    if isinstance(value, BaseModel):
        said_in_public = said_in_public or isinstance(value, Statement)
        updates: dict[str, Any] = {}
        for name in type(value).model_fields:
            if name not in value.__dict__:
                continue  # a summary's (see samverkan.summary): what it does not keep
            old = value.__dict__[name]
            if name == "internal_note" or (name == "note" and isinstance(value, _RECORDS)):
                new = None
            elif name == "activities" and isinstance(old, list):
                new = [_strip(a) for a in old if isinstance(a, Activity) and _shown(a, said_in_public)]
            else:
                new = _strip(old, said_in_public=said_in_public)
            if new is not old:
                updates[name] = new
        if not updates:
            return value
        if isinstance(value.__pydantic_fields_set__, frozenset):
            return _summary_copy(value, updates)
        return value.model_copy(update=updates)
    if isinstance(value, list):
        items = [_strip(item, said_in_public=said_in_public) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value

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

_RECORDS = (FollowUpRecord, Meeting, ExtensionDecision)


def public(value: T) -> T:
    """``value`` without anything that is not for the public."""
    result: T = _strip(value)
    return result


def _shown(activity: Activity, said_in_public: bool) -> bool:
    return activity.communicated is not False if said_in_public else activity.communicated is True


def _strip(value: Any, *, said_in_public: bool = False) -> Any:
    if isinstance(value, BaseModel):
        said_in_public = said_in_public or isinstance(value, Statement)
        updates: dict[str, Any] = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            if name == "internal_note" or (name == "note" and isinstance(value, _RECORDS)):
                new = None
            elif name == "activities" and isinstance(old, list):
                new = [_strip(a) for a in old if isinstance(a, Activity) and _shown(a, said_in_public)]
            else:
                new = _strip(old, said_in_public=said_in_public)
            if new is not old:
                updates[name] = new
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        items = [_strip(item, said_in_public=said_in_public) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value

"""Documents kept in less memory, for the commands that keep every one to the end: whole
(``render``, ``site``) or as the deadline engine's summary (``due``, ``status``).

A document is a tree of Pydantic models, and each model carries the set of the names of the
fields its file gave (``model_fields_set``): a set of its own for every model, about a third of
a whole document's memory, although a run has only a few hundred different ones. The short
texts that come back in file after file (ids, parties, roles, kinds, dates written as text)
are each a string of their own too.

:func:`compact` makes every model of a document share one set with the models that were given
the same fields, and every short text share one string with its equals (:func:`sys.intern`).
Nothing a reader can see changes: the same fields, the same values, equal documents. A whole
document's sets stay plain sets, so that Pydantic's ``model_copy(update=...)``, which copies
the set before it adds to it (``samverkan.render.public`` does so), works as on any document;
nothing changes one in place, since the models are frozen. A summary's frozen sets are shared
only with other summaries.

It is done to each file as it is loaded, before the next is read, so that the run never holds
the memory it saves (``samverkan.workspace``); it walks every model once, about 0.15 s per
1,000 whole documents of the benchmark's corpus and 0.08 s per 1,000 summaries. ``validate``
keeps only the rules' summaries, small already, and is left as it is: its time is the one-file
run's, the one a pre-commit hook waits for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from typing import TypeVar

from pydantic import BaseModel

__all__ = ["SHORT", "compact", "frozen_fields"]

SHORT = 64
"""The longest text shared with its equals: ids, names, kinds and dates, not paragraphs."""

M = TypeVar("M", bound=BaseModel)

_SETS: dict[frozenset[str], AbstractSet[str]] = {}
"""Each plain set of field names given to a model (a whole document's), once: a run meets a
few hundred."""
_FROZEN: dict[frozenset[str], frozenset[str]] = {}
"""Each frozen one (a summary's, :mod:`samverkan.summary`, which makes them with
:func:`frozen_fields`), once. Apart from the plain ones: a whole document given a summary's
frozen set could not be copied with changes (Pydantic's ``model_copy(update=...)`` adds to the
copy's set, and a frozen set has no ``update``)."""


def frozen_fields(fields: frozenset[str]) -> frozenset[str]:
    """The one frozen set of these field names that every summary given them shares (a set of
    its own took a third of a summary's memory)."""
    return _FROZEN.setdefault(fields, fields)


def compact(document: M) -> M:
    """``document`` itself, its models sharing their field-name sets and its short texts
    shared with their equals (see the module's text)."""
    _compact(document, sys.intern, object.__setattr__)
    return document


def _compact(model: BaseModel, intern: Callable[[str], str], setattr_: Callable[[object, str, object], None]) -> None:
    # Locals for the lookups: this runs for every model of every file a render keeps.
    fields: AbstractSet[str] = model.__pydantic_fields_set__
    shared = frozen_fields(fields) if isinstance(fields, frozenset) else _SETS.setdefault(frozenset(fields), fields)
    if shared is not fields:
        setattr_(model, "__pydantic_fields_set__", shared)
    values = model.__dict__
    for name, value in values.items():
        kind = type(value)
        if kind is str:
            if len(value) <= SHORT:
                values[name] = intern(value)
        elif kind is list:
            for i, item in enumerate(value):
                if type(item) is str:
                    if len(item) <= SHORT:
                        value[i] = intern(item)
                elif isinstance(item, BaseModel):
                    _compact(item, intern, setattr_)
        elif isinstance(value, BaseModel):
            _compact(value, intern, setattr_)

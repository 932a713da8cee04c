"""Rules across files: ids, replaces-chains, overlaps."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..workspace import Workspace
from .base import Finding, Rule


def unique_ids(ws: Workspace) -> Iterator[Finding]:
    """Every agreement, action-plan file and citizen-promise file has an id no other file uses."""
    seen: dict[str, str] = {}
    for loaded, doc in ws.documents():
        first = seen.get(doc.id)
        if first is None:
            seen[doc.id] = str(loaded.source.span(("id",)))
            continue
        yield Finding(loaded.source.span(("id",)), f"id {doc.id!r} is already used at {first}")


RULES: tuple[Rule, ...] = (Rule("SV106", "unique-ids", Severity.ERROR, unique_ids),)

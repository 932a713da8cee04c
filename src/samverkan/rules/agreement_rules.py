"""Rules about one agreement at a time."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Severity
from ..workspace import Workspace
from .base import Finding, Rule


def period_order(ws: Workspace) -> Iterator[Finding]:
    """A period ends on or after the day it starts.

    Applies to the agreement's validity period (both ends inclusive).
    """
    for loaded, agreement in ws.agreements():
        period = agreement.period
        if period.end is not None and period.end < period.start:
            yield Finding(
                loaded.source.span(("period", "end")),
                f"period ends ({period.end}) before it starts ({period.start})",
            )


RULES: tuple[Rule, ...] = (Rule("SV101", "period-order", Severity.ERROR, period_order),)

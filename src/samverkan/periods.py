"""How long an agreement runs: its period, extended by recorded decisions.

Pure date arithmetic on the model; nothing here looks at today's date.

* :func:`extension_steps` replays the recorded extension decisions (``extensions``) in the
  order they were decided: a decision with ``until`` sets the new last day; one without it
  adds the clause's ``years`` to the current end for a ``renewal`` clause, and leaves the end
  unchanged otherwise (rule SV105 reports that).
* :func:`effective_end` is the last day covered by the period and those decisions.
* :func:`upper_bound` is that day, or ``None`` when the agreement has no end: no end date,
  or a clause that lets it continue (``indefinite``, ``open-ended``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .dates import extend_end
from .model import Agreement, ExtensionDecision, ExtensionIndefinite, ExtensionOpenEnded, ExtensionRenewal


@dataclass(frozen=True)
class ExtensionStep:
    """One recorded extension decision, with the last day before and after it."""

    index: int
    """Position in the agreement's ``extensions`` list."""
    decision: ExtensionDecision
    before: dt.date | None
    """The last day before the decision (``None``: the period has no end)."""
    after: dt.date | None
    """The last day after the decision (``None``: the period has no end)."""
    computed: bool
    """``after`` was computed from a renewal clause, not read from ``until``."""


def extension_steps(agreement: Agreement) -> list[ExtensionStep]:
    """The recorded extension decisions in the order they were decided, each with its effect."""
    steps: list[ExtensionStep] = []
    current = agreement.period.end
    order = sorted(enumerate(agreement.extensions), key=lambda pair: (pair[1].decided, pair[0]))
    clause = agreement.extension
    for index, decision in order:
        before = current
        computed = False
        if current is None:
            after = None
        elif decision.until is not None:
            after = max(current, decision.until)
        elif isinstance(clause, ExtensionRenewal):
            after = extend_end(current, clause.years)
            computed = True
        else:
            after = current
        steps.append(ExtensionStep(index, decision, before, after, computed))
        current = after
    return steps


def effective_end(agreement: Agreement) -> dt.date | None:
    """The period's last day, extended by the recorded decisions; ``None`` if it has no end."""
    steps = extension_steps(agreement)
    return steps[-1].after if steps else agreement.period.end


def continues_indefinitely(agreement: Agreement) -> bool:
    """Whether the agreement runs on after its (extended) end, until something replaces it."""
    if agreement.period.end is None:
        return True
    return isinstance(agreement.extension, ExtensionIndefinite | ExtensionOpenEnded)


def upper_bound(agreement: Agreement) -> dt.date | None:
    """The last day the agreement can be in force; ``None`` when it has no upper bound."""
    if continues_indefinitely(agreement):
        return None
    return effective_end(agreement)


def describe(start: dt.date, end: dt.date | None) -> str:
    """``2021-01-01 to 2022-12-31``, or ``from 2021-01-01, with no end``."""
    if end is None:
        return f"from {start}, with no end"
    return f"{start} to {end}"

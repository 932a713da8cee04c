"""What a rule is: a code, a name, a default severity and a pure check."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..diagnostics import Severity, Span
from ..workspace import Workspace


@dataclass(frozen=True)
class Finding:
    """What a check reports; the runner adds the rule's code and severity."""

    span: Span
    message: str
    hint: str | None = None
    data: tuple[tuple[str, int | str], ...] = ()
    """Numbers and dates the message states, for JSON output."""


Check = Callable[[Workspace], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule: a stable code, a short name, a default severity and the check itself.

    The check's docstring states the rule; its first line is the rule's summary.
    """

    code: str
    name: str
    severity: Severity
    check: Check

    @property
    def summary(self) -> str:
        doc = (self.check.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else self.name


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """``did you mean 'x'?`` for the closest of ``choices``, if one is close enough."""
    close = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None

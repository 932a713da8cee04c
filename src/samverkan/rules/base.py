"""What a rule is: a code, a name, a default severity and a pure check.

A check's findings say what is wrong as :class:`~samverkan.i18n.Message` values (English
message ids with named parameters), so the check stays a pure function of the workspace
and the language is chosen where the finding is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..diagnostics import Severity, Span
from ..i18n import N_, Message
from ..spelling import closest
from ..workspace import Workspace


@dataclass(frozen=True)
class Finding:
    """What a check reports; the runner adds the rule's code and severity."""

    span: Span
    message: Message
    hint: Message | None = None
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
    """The whole rule over a workspace."""
    per_file: Check | None = None
    """The part of the check that reads one file only, and, for an action-plan or citizen-promise
    file that names its agreement, that agreement (:attr:`Workspace.agreements_by_id`): it runs
    as each file is loaded and its findings are kept (and cached) with the file."""
    across: Check | None = None
    """With :attr:`per_file`, the rest of the check, which reads across files; ``check`` is both."""

    @property
    def across_files(self) -> Check | None:
        """What of the check reads across files: run once over the whole workspace."""
        return self.check if self.per_file is None else self.across

    @property
    def summary(self) -> str:
        doc = (self.check.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else self.name


def did_you_mean(word: str, choices: Iterable[str]) -> Message | None:
    """``did you mean 'x'?`` for the closest of ``choices``, if one is close enough."""
    close = closest(word, sorted(set(choices)))
    return N_("did you mean '{word}'?", word=close) if close is not None else None

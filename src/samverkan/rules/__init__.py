"""Rules beyond the schema: small pure functions in an immutable registry.

Each rule takes the whole :class:`~samverkan.workspace.Workspace` (so cross-file rules
look like single-file ones) and yields findings. A rule that reads one file at a time says
so (:attr:`Rule.per_file`): that part runs as each file is loaded, and only the rest
(:attr:`Rule.across_files`) runs over the whole workspace. Codes, default severities and examples
are documented in ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..workspace import Workspace
from . import agreement_rules, chain_rules, law_rules, workspace_rules
from .base import Check, Finding, Rule

RULES: tuple[Rule, ...] = tuple(
    sorted(agreement_rules.RULES + workspace_rules.RULES + chain_rules.RULES + law_rules.RULES, key=lambda r: r.code)
)
"""Every rule, in code order."""

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}


def _diagnostics(rule: Rule, check: Check, ws: Workspace) -> Iterator[Diagnostic]:
    for finding in check(ws):
        yield Diagnostic(rule.code, rule.severity, finding.message, finding.span, finding.hint, finding.data)


def file_findings(ws: Workspace) -> Iterator[Diagnostic]:
    """The findings of every rule's per-file part (:attr:`Rule.per_file`) in the files of
    ``ws``, with the rules' own severities."""
    for rule in RULES:
        if rule.per_file is not None:
            yield from _diagnostics(rule, rule.per_file, ws)


def across_findings(ws: Workspace) -> Iterator[Diagnostic]:
    """The findings of every rule's part that reads across files (:attr:`Rule.across_files`); the
    views of ``ws`` they share are made once (:meth:`Workspace.sharing`)."""
    with ws.sharing():
        for rule in RULES:
            check = rule.across_files
            if check is not None:
                yield from _diagnostics(rule, check, ws)


__all__ = ["RULES", "RULES_BY_CODE", "Check", "Finding", "Rule", "across_findings", "file_findings"]

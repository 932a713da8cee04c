"""Rules beyond the schema: small pure functions in an immutable registry.

Each rule takes the whole :class:`~samverkan.workspace.Workspace` (so cross-file rules
look like single-file ones) and yields findings. Codes, default severities and examples
are documented in ``docs/rules.md``.
"""

from __future__ import annotations

from . import agreement_rules, chain_rules, law_rules, workspace_rules
from .base import Check, Finding, Rule

RULES: tuple[Rule, ...] = tuple(
    sorted(agreement_rules.RULES + workspace_rules.RULES + chain_rules.RULES + law_rules.RULES, key=lambda r: r.code)
)
"""Every rule, in code order."""

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_CODE", "Check", "Finding", "Rule"]

"""What the commands do, callable from tests and from Python."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .config import Config
from .diagnostics import Diagnostic, sort_diagnostics
from .report import Report
from .rules import RULES
from .workspace import Workspace, load_workspace


def run_rules(workspace: Workspace, config: Config) -> list[Diagnostic]:
    """Every enabled rule over the workspace, with the configured severities."""
    out: list[Diagnostic] = []
    for rule in RULES:
        if not config.enabled(rule.code):
            continue
        severity = config.severity_of(rule.code, rule.severity)
        for finding in rule.check(workspace):
            out.append(Diagnostic(rule.code, severity, finding.message, finding.span, finding.hint))
    return out


def check(paths: Sequence[Path], config: Config | None = None) -> Report:
    """Load and validate every file under ``paths``: schema problems and rule findings."""
    config = config or Config()
    workspace = load_workspace(paths)
    found = [d for d in workspace.diagnostics if config.enabled(d.code)]
    found = [d.with_severity(config.severity_of(d.code, d.severity)) for d in found]
    found.extend(run_rules(workspace, config))
    return Report(
        diagnostics=tuple(sort_diagnostics(found)),
        sources={f.path: f.source for f in workspace.files},
        files=len(workspace.files),
        strict=config.strict,
    )

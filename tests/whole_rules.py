"""What every rule finds when it runs whole over the whole workspace, as one, with no cache and
no summaries: what the split rules (:mod:`samverkan.rules`) and the cached cross-file findings
must find (``tests/test_rule_parts.py``, ``tests/test_across_cache.py``)."""

from __future__ import annotations

from pathlib import Path

from samverkan.api import run_rules
from samverkan.config import Config
from samverkan.context import read_with_context
from samverkan.diagnostics import sort_diagnostics
from samverkan.reporters.concise import line
from samverkan.workspace import load_workspace


def every_rule(paths: list[Path]) -> list[str]:
    """Every finding, as the concise reporter's lines."""
    found = read_with_context(paths)
    ws = load_workspace(paths, found=found, with_context=True)
    named = {f.path for f in ws.files} | {d.span.path for d in found.problems}
    every = list(ws.diagnostics) + [d for d in run_rules(ws.with_context(), Config()) if d.span.path in named]
    return [line(d) for d in sort_diagnostics(every)]

"""The views of a workspace that the rules' cross-file parts share (:meth:`Workspace.view`): made
once while :meth:`Workspace.sharing`, made each time outside it, and never kept past it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from samverkan.rules import across_findings
from samverkan.workspace import Workspace, load_workspace

ROOT = Path(__file__).resolve().parent.parent


def _count(calls: list[int]) -> Callable[[Workspace], list[int]]:
    def make(ws: Workspace) -> list[int]:
        calls.append(1)
        return [len(ws.files)]

    return make


def test_a_view_is_made_once_while_sharing_and_each_time_outside() -> None:
    ws = Workspace()
    calls: list[int] = []
    make = _count(calls)
    assert ws.view(make) == [0] and ws.view(make) == [0] and len(calls) == 2
    with ws.sharing():
        first = ws.view(make)
        with ws.sharing():  # inside already: the same views
            assert ws.view(make) is first
        assert ws.view(make) is first
    assert len(calls) == 3
    ws.view(make)
    assert len(calls) == 4 and ws._views is None


def test_views_go_when_the_rules_stop_early() -> None:
    ws = load_workspace([ROOT / "agreements"])
    findings = across_findings(ws.with_context())
    next(findings, None)
    findings.close()
    ordered = ws.with_context()
    assert ordered._views is None
    assert list(across_findings(ordered)) == list(across_findings(ws.with_context()))
    assert ordered._views is None

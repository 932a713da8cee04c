"""Positions read without the data (:func:`samverkan.source.positions`) against the located
reading (:func:`samverkan.source.parse_text`).

A file read the fast way, or let go of once its document was made, has its lines and columns
read only when something in it is shown. They are read from the parser's events without
building the data again; these must be the located reading's tables exactly, and a file the
located reading has anything to say about must be left to it (``None``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated import YAML_PIECES, yaml_texts
from samverkan.quick import quick_data
from samverkan.source import MAX_DEPTH, MAX_NODES, SourceFile, decode, parse_text, positions

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "cases").rglob("*.yaml")) + sorted((ROOT / "agreements").rglob("*.yaml"))


def _compare(text: str) -> bool | None:
    """Whether :func:`positions` gave the located reading's tables; ``None`` if it left the file
    to the located reading, which must then have had something to say."""
    located = parse_text(text, "x.yaml")
    tables = positions(text)
    if tables is None:
        assert located.diagnostics or located.located is None, "a clean file was left to the located reading"
        return None
    assert not located.diagnostics, [d.code for d in located.diagnostics]
    assert located.located is not None
    return tables == (located.located.values, located.located.keys)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(ROOT)) for p in FILES])
def test_every_case_and_bundled_file_has_the_located_positions(path: Path) -> None:
    text, _ = decode(path.read_bytes(), str(path))
    if text is not None:
        assert _compare(text) is not False


def test_the_cases_take_both_ways() -> None:
    """Clean files get their tables here; the invalid cases are left to the located reading."""
    outcomes = []
    for path in FILES:
        text, _ = decode(path.read_bytes(), str(path))
        if text is not None:
            outcomes.append(_compare(text))
    assert outcomes.count(True) >= 90
    assert outcomes.count(None) >= 30
    assert False not in outcomes


def test_a_generated_corpus_with_broken_files_has_the_located_positions(broken_corpus: Path) -> None:
    outcomes = {path: _compare(text) for path, text in yaml_texts(broken_corpus)}
    assert [path for path, outcome in outcomes.items() if outcome is False] == []
    assert list(outcomes.values()).count(True) >= 90


_PIECES = YAML_PIECES


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8))
def test_pieces_of_yaml_in_any_order_have_the_located_positions(pieces: list[str]) -> None:
    assert _compare("".join(pieces)) is not False


def test_a_file_read_the_fast_way_gets_its_positions_without_a_second_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """The data of a file read the fast way stays; its places are the located reading's."""
    import samverkan.source as source_module

    path = ROOT / "agreements" / "uppsala" / "uppsala-2014.yaml"
    text = path.read_text(encoding="utf-8")
    data = quick_data(text, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)
    assert data is not None
    located = parse_text(text, str(path)).located
    assert located is not None

    def refuse(*args: object, **kwargs: object) -> SourceFile:
        raise AssertionError("read again the located way")

    fast = source_module.parse_text(text, str(path), fast=True)
    assert not fast.positioned
    monkeypatch.setattr(source_module, "parse_text", refuse)
    for key, (line, col) in located.values.items():
        span = fast.span(key)
        assert (span.line, span.col) == (line, col)
    for key, (line, col) in located.keys.items():
        span = fast.span(key, at_key=True)
        assert (span.line, span.col) == (line, col)
    assert fast.located is not None and fast.located.data == data

"""Places read from a plain block-style file's lines (:func:`samverkan.block.block_positions`)
against those read from the parser's events (:func:`samverkan.source.positions`).

Where the line reading gives tables they must be the events' exactly; where the events have
something to say (``None``), or the file is not of the plain shape, it must give up."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated import YAML_PIECES, yaml_texts
from samverkan.block import block_positions
from samverkan.source import decode, positions

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted((ROOT / "tests" / "cases").rglob("*.yaml")) + sorted((ROOT / "agreements").rglob("*.yaml"))


def _compare(text: str) -> bool | None:
    """Whether the line reading gave the events' tables; ``None`` where it gave up."""
    ours = block_positions(text)
    if ours is None:
        return None
    theirs = positions(text)
    assert theirs is not None, "the line reading gave places where the events have something to say"
    return ours == theirs


def _texts() -> list[tuple[str, str]]:
    out = []
    for path in FILES:
        text, _ = decode(path.read_bytes(), str(path))
        if text is not None:
            out.append((str(path.relative_to(ROOT)), text))
    return out


def test_every_case_and_bundled_file() -> None:
    outcomes = {name: _compare(text) for name, text in _texts()}
    assert [name for name, outcome in outcomes.items() if outcome is False] == []
    assert list(outcomes.values()).count(True) >= 60  # most of them are of the plain shape


def test_the_bundled_agreements_are_read_from_their_lines() -> None:
    """All but the action plan whose table rows are lists of quoted texts (``["", "", "…"]``),
    which the line reading leaves to the events."""
    bundled = {name: _compare(text) for name, text in _texts() if name.startswith("agreements/")}
    assert [name for name, outcome in bundled.items() if outcome is not True] == [
        "agreements/uppsala/uppsala-2014-handlingsplan.yaml"
    ]


def test_a_generated_corpus_with_broken_files(broken_corpus: Path) -> None:
    outcomes = {path: _compare(text) for path, text in yaml_texts(broken_corpus)}
    assert [path for path, outcome in outcomes.items() if outcome is False] == []
    assert list(outcomes.values()).count(True) >= 90


_PIECES = [
    *YAML_PIECES,
    "title: 'it''s'\n",
    'quoted: "plain # not a comment"  # a comment\n',
    "items:\n  - x: 1\n    y:\n      - 2\n      -\n      - z: 3\n  -\n    w: 4\n",
    "indentless:\n- a\n- b\n",
    "text: |\n  two\n\n  lines\n# after\n",
    "kept: |+2\n    x\n",
    "plain: one\n  two # c\n   three\n",
    "tab:\tx\n",
    "crlf: a\r\nnext: b\r\n",
    "cr: a\rnext: b\n",
    "empty2: # nothing\n",
    "null: 1\n",
    "true: x\n",
    "yes: x\n",
    "spaced  :   x\n",
    "  indented: 1\n",
    "--- # start\n",
    "unclosed: 'a\n  b'\n",
    "colon: a: b\n",
    "dash: -1\n",
    "# comment only\n",
    "\n",
    "   \n",
    "a:\n  b:\n    - c\n    - d: e\n      f: g\n  h: i\n",
    "x:\n    - 1\n    -   y: 2\n        z: 3\n",
    "k: v\n  # indented comment\nl: w\n",
    "s: |\n   a\n  b\n",
    "t: >\n\n  a\n",
    "u:\n  - |\n    x\n  - y\n",
    'w: "x" y\n',
    "p: [a, b, ]\n",
    "q: {a: b, a: c}\n",
    "r: [ ]\n",
    "o: {}\n",
    "a: b\n c: d\n",
]


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=8), st.integers(0, 40), st.integers(0, 4))
def test_pieces_of_yaml_in_any_order(pieces: list[str], line: int, spaces: int) -> None:
    """Combined, and with one line indented by a few spaces more."""
    lines = "".join(pieces).split("\n")
    lines[line % len(lines)] = " " * spaces + lines[line % len(lines)]
    assert _compare("\n".join(lines)) is not False


@pytest.mark.parametrize("shape", ["keys", "items", "flow"])
def test_as_many_values_as_the_located_reading_accepts(shape: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys count as values, as the located reading counts them: at the limit both give up."""
    import samverkan.block
    import samverkan.source

    monkeypatch.setattr(samverkan.source, "MAX_NODES", 50)
    monkeypatch.setattr(samverkan.block, "MAX_NODES", 50)
    for n in range(15, 55):
        if shape == "keys":
            text = "".join(f"k{i}: v\n" for i in range(n))
        elif shape == "items":
            text = "a:\n" + "  - x\n" * n
        else:
            text = "a: {" + ", ".join(f"k{i}: v" for i in range(n)) + "}\n"
        theirs = positions(text)
        assert block_positions(text) == theirs, n
        if n == 54:
            assert theirs is None

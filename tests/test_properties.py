"""Property tests: mutated agreements and arbitrary input never crash the loader, and every
finding points inside the file.

The seeds are the bundled files in ``agreements/`` (whatever is there when the tests run)
and the valid cases in ``tests/cases/valid/``. Each is read into plain data, mutated (a key
deleted, copied under a new name, renamed with a typo or written twice; a value replaced by
one of another type) and written back as YAML 1.2 text by the small emitter below, in block
or flow style. The oracle for "the schema forbids it" is Pydantic itself, run on the mutated
data: if the model rejects the data, ``check`` must report at least one ``SV0xx`` finding;
if it accepts it, ``check`` must report none (apart from a written-twice key, which is
``SV002``).
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from samverkan.diagnostics import Diagnostic
from samverkan.model import DocumentRoot
from samverkan.source import PathKey, control_character, parse_bytes, parse_text, resolve_plain, yaml_lines
from samverkan.validation import validate_source

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("SAMVERKAN_EXAMPLES", "200"))
"""Examples per property; set ``SAMVERKAN_EXAMPLES=5000`` for a longer hunt."""
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WHOLE_FILE_CODES = {"SV012", "SV013"}
"""Codes about a file rather than a place in it (they may have line 0)."""


def _seed_files() -> list[Path]:
    bundled = sorted((ROOT / "agreements").rglob("*.yaml"))
    valid = sorted((ROOT / "tests" / "cases" / "valid").glob("*.yaml"))
    return bundled + valid


def _load_seed(path: Path) -> Any | None:
    source = parse_bytes(path.read_bytes(), str(path))
    if source.diagnostics or source.located is None:
        return None
    _, problems = validate_source(source, DocumentRoot)
    return None if problems else source.located.data


SEEDS: dict[str, Any] = {}
for _path in _seed_files():
    _data = _load_seed(_path)
    if _data is not None:
        SEEDS[str(_path.relative_to(ROOT))] = _data
SEED_NAMES = sorted(SEEDS)


# --- a small YAML 1.2 emitter ---------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9ÅÄÖåäö]([A-Za-z0-9ÅÄÖåäö ._/-]*[A-Za-z0-9ÅÄÖåäö._/-])?")


def _needs_escape(char: str) -> bool:
    code = ord(char)
    return code < 0x20 or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or char in "\u2028\u2029\ufeff\ufffe\uffff"


def _quoted(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif _needs_escape(char):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _key(key: str) -> str:
    return key if _PLAIN.fullmatch(key) else _quoted(key)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (".inf" if value > 0 else "-.inf") if math.isinf(value) else repr(value)
    assert isinstance(value, str)
    plain = _PLAIN.fullmatch(value) and resolve_plain(value) == value
    return value if plain else _quoted(value)


@dataclass(frozen=True)
class Duplicate:
    """Write ``key: value`` a second time at the end of the mapping at ``at``."""

    at: PathKey
    key: str
    value: Any


def emit(data: Any, *, flow_below: int = 99, duplicate: Duplicate | None = None) -> str:
    """YAML text for ``data``: block style down to depth ``flow_below``, flow style below it."""
    lines: list[str] = []

    def items(value: dict[str, Any], path: PathKey) -> list[tuple[str, Any]]:
        pairs = list(value.items())
        if duplicate is not None and duplicate.at == path:
            pairs.append((duplicate.key, duplicate.value))
        return pairs

    def flow(value: Any, path: PathKey) -> str:
        if isinstance(value, dict):
            return "{" + ", ".join(f"{_key(k)}: {flow(v, (*path, k))}" for k, v in items(value, path)) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(flow(v, (*path, i)) for i, v in enumerate(value)) + "]"
        return _scalar(value)

    def node(value: Any, path: PathKey, indent: int) -> None:
        pad = " " * indent
        if isinstance(value, dict) and value and len(path) < flow_below:
            for k, v in items(value, path):
                entry(pad + _key(k) + ":", v, (*path, k), indent)
        elif isinstance(value, list) and value and len(path) < flow_below:
            for i, v in enumerate(value):
                entry(pad + "-", v, (*path, i), indent)
        else:
            lines.append(pad + flow(value, path))

    def entry(head: str, value: Any, path: PathKey, indent: int) -> None:
        if isinstance(value, dict | list) and value and len(path) < flow_below:
            lines.append(head)
            node(value, path, indent + 2)
        else:
            lines.append(head + " " + flow(value, path))

    node(data, (), 0)
    return "\n".join(lines) + "\n"


# --- mutations ------------------------------------------------------------------------------


def _walk(value: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, Any]]:
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _walk(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _walk(v, (*path, i))


def _get(data: Any, path: PathKey) -> Any:
    for part in path:
        data = data[part]
    return data


def _entries(data: Any) -> list[tuple[PathKey, str]]:
    """Every (mapping path, key) in the data."""
    return [(p, k) for p, v in _walk(data) if isinstance(v, dict) for k in v]


def _rename(mapping: dict[str, Any], old: str, new: str) -> None:
    """Rename a key in place, keeping its position."""
    items = [(new if k == old else k, v) for k, v in mapping.items()]
    mapping.clear()
    mapping.update(items)


def _typo(draw: st.DrawFn, word: str) -> str:
    letters = "abcdefghijklmnopqrstuvwxyzåäö_"
    i = draw(st.integers(0, max(len(word) - 1, 0)))
    how = draw(st.sampled_from(["drop", "double", "swap", "replace", "upper"]))
    if not word or how == "replace":
        return word[:i] + draw(st.sampled_from(letters)) + word[i + 1 :]
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "double":
        return word[:i] + word[i] + word[i:]
    if how == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i].upper() + word[i + 1 :]


_DATES = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).map(dt.date.isoformat),
    st.from_regex(r"\A[0-9]{4}-[0-9]{2}(-[0-9]{2})?\Z"),
)
_OTHER_VALUES = st.one_of(
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    _DATES,
    st.sampled_from(["yes", "no", "on", "off", "~", "", " ", "agreement", "joint", "umea"]),
    st.lists(st.text(max_size=8), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(0, 9), max_size=3),
)


@dataclass
class Mutant:
    seed: str
    what: str
    data: Any
    duplicate: Duplicate | None = None
    new_key: str | None = None  # a key the schema may not know


@st.composite
def mutants(draw: st.DrawFn) -> Mutant:
    seed = draw(st.sampled_from(SEED_NAMES))
    data = copy.deepcopy(SEEDS[seed])
    what = draw(st.sampled_from(["delete", "copy", "typo", "duplicate", "replace"]))
    if what == "replace":
        paths = [p for p, _ in _walk(data) if p]
        path = draw(st.sampled_from(paths))
        _get(data, path[:-1])[path[-1]] = draw(_OTHER_VALUES)
        return Mutant(seed, f"replace {path}", data)
    at, key = draw(st.sampled_from(_entries(data)))
    mapping = _get(data, at)
    if what == "delete":
        del mapping[key]
        return Mutant(seed, f"delete {(*at, key)}", data)
    if what == "duplicate":
        value = draw(st.one_of(st.just(mapping[key]), _OTHER_VALUES))
        return Mutant(seed, f"duplicate {(*at, key)}", data, duplicate=Duplicate(at, key, value))
    suffix = draw(st.sampled_from(["_2", "2", "-kopia", " ", "_old", "s"]))
    new = key + suffix if what == "copy" else _typo(draw, key)
    if new in mapping:
        new = new + "_x"
    if what == "copy":
        mapping[new] = copy.deepcopy(mapping[key])
    else:
        _rename(mapping, key, new)
    return Mutant(seed, f"{what} {(*at, key)} as {new!r}", data, new_key=new)


# --- properties -----------------------------------------------------------------------------


def _schema_accepts(data: Any) -> bool:
    try:
        DocumentRoot.model_validate(data)
    except ValidationError:
        return False
    return True


def _has_control_character(data: Any) -> bool:
    """Whether a key or text value holds a character the loader refuses (SV014)."""
    texts = [k for _, v in _walk(data) if isinstance(v, dict) for k in v]
    texts += [v for _, v in _walk(data) if isinstance(v, str)]
    return any(control_character(t) for t in texts)


def _assert_inside(found: Sequence[Diagnostic], text: str) -> None:
    lines = yaml_lines(text)
    for d in found:
        if d.code in WHOLE_FILE_CODES:
            continue
        assert d.span.line >= 1 and d.span.col >= 1, d
        assert d.span.line <= len(lines), d
        assert d.span.col <= len(lines[d.span.line - 1]) + 1, d


@pytest.fixture(scope="module")
def workdir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="samverkan-properties-") as name:
        yield Path(name)


def test_there_are_seeds() -> None:
    assert len(SEED_NAMES) >= 4, SEED_NAMES


@pytest.mark.parametrize("seed", SEED_NAMES)
@pytest.mark.parametrize("flow_below", [0, 2, 99])
def test_emitter_round_trips_every_seed(seed: str, flow_below: int) -> None:
    text = emit(SEEDS[seed], flow_below=flow_below)
    source = parse_text(text, "x.yaml")
    assert source.diagnostics == []
    assert source.located is not None
    assert source.located.data == SEEDS[seed]


@SETTINGS
@given(mutant=mutants(), flow_below=st.sampled_from([0, 1, 3, 99]))
def test_mutated_file_is_reported_and_located(
    mutant: Mutant,
    flow_below: int,
    workdir: Path,
    loader_diagnostics: Callable[[Sequence[Path]], list[Diagnostic]],
) -> None:
    text = emit(mutant.data, flow_below=flow_below, duplicate=mutant.duplicate)
    path = workdir / "mutant.yaml"
    path.write_text(text, encoding="utf-8")

    found = loader_diagnostics([path])  # must not raise

    _assert_inside(found, text)
    codes = [d.code for d in found]
    if mutant.duplicate is not None:
        key = mutant.duplicate.key
        assert any(d.code == "SV002" and d.english.startswith(f"duplicate key {key!r}") for d in found), codes
        return
    if _has_control_character(mutant.data):
        event("a control character is refused")
        assert "SV014" in codes, codes
        return
    source = parse_text(text, str(path))
    assert source.located is not None and source.located.data == mutant.data
    accepted = _schema_accepts(mutant.data)
    event("schema accepts the mutant" if accepted else "schema rejects the mutant")
    if accepted:
        assert found == [], [str(d.span) + " " + d.english for d in found]
    else:
        assert found, f"{mutant.what}: the schema rejects it, but nothing was reported"
    if mutant.new_key is not None:
        # An unknown-key finding about the new key points at that key.
        new = mutant.new_key
        lines = yaml_lines(text)
        for d in found:
            if d.code == "SV020" and d.english.startswith(f"unknown key {new!r}"):
                event("unknown-key finding checked against the key's place")
                assert lines[d.span.line - 1][d.span.col - 1 :].startswith(_key(new)), (d, mutant.what)


_YAMLISH = st.text(alphabet=st.sampled_from(list("[]{}:,-?&*!|>'\"#%@`~ \n\t\r\\.0123456789abkindåö\x85\ufeff")))


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_no_bytes_crash_the_loader(data: bytes) -> None:
    source = parse_bytes(data, "x.yaml")
    if source.located is not None:
        validate_source(source, DocumentRoot)
    for d in source.diagnostics:
        assert d.span.line >= 1 and d.span.col >= 1


@SETTINGS
@given(text=st.one_of(st.text(max_size=2000), _YAMLISH))
def test_no_text_crashes_the_loader(text: str) -> None:
    source = parse_bytes(text.encode("utf-8"), "x.yaml")
    if source.located is not None:
        _, problems = validate_source(source, DocumentRoot)
        _assert_inside([*source.diagnostics, *problems], source.text or "")
    for d in source.diagnostics:
        assert d.span.line >= 1 and d.span.col >= 1

"""Evaluate YAML parsers for samverkan's fast (position-free) read path, measured.

    python bench/generate.py --files 1000 --out /tmp/c1k-parsers
    python bench/parsers.py --corpus /tmp/c1k-parsers --reps 7   # everything
    python bench/parsers.py --details       # no timing (no --corpus); the tests each gets wrong
    python bench/parsers.py --suite DIR --no-spellings              # conformance only

The suite's data is the yaml-test-suite repository's ``data-2022-01-17`` tag (its released
data, a folder per test), unpacked into ``bench/yaml-test-suite/``, e.g. with ``git archive
data-2022-01-17 | tar -x -C bench/yaml-test-suite`` in a clone of that repository.

Four parts, each printed as a Markdown table on standard output (progress on standard error):

1. **Conformance** on the yaml-test-suite's released data (per-test folders with ``in.yaml``,
   ``in.json`` and ``error``; by default ``bench/yaml-test-suite/``, which is gitignored, or
   ``--suite``). Each parser runs in a child process, so a crash or a hang costs one test, not
   the run. Valid inputs with an ``in.json`` count as right only when they load to the same
   data (types included: ``1`` is not ``"1"``, ``true`` is not ``1``); error tests count as
   right when refused.
2. **Spellings**: how each loader reads a list of plain scalars, beside YAML 1.2's core schema;
   and **other inputs** (duplicate keys, anchors, tags, directives, deep nesting), each loader
   on each in a child process of its own, since some of them crash.
3. **Timing** on a corpus folder (``--corpus``; ``python bench/generate.py --files 1000 --out
   DIR``): every ``*.yaml`` file outside dot-folders, read into memory once, then parsed from
   its bytes by every parser in one process; the median of ``--reps`` passes after one warm-up
   pass, the passes interleaved so that a change of load hits every parser alike. Each figure
   is a ratio to **F**, PyYAML's ``CSafeLoader`` (libyaml) on the same bytes: of the medians,
   and of the fastest passes (the figure a busy shared machine disturbs least).
4. **Corpus data**: on the same corpus, the files each loader reads to other data than YAML
   1.2's core schema (the rapidyaml walk), and how many of those still differ with dates as text.

The loaders:

* ``pyyaml-c``: ``yaml.load_all(data, Loader=yaml.CSafeLoader)``; YAML 1.1 resolvers, as shipped.
* ``yaml-rs``: ``yaml_rs.loads(text, parse_datetime=False)`` (duplicate keys: its default,
  refused). It returns one document as itself and several as a list, so the number of
  documents cannot be read from its result; against the suite it is given the benefit of
  the doubt (compared as one document, or as the list of documents when ``in.json`` has
  several).
* ``yaml-rs+gate``: the same behind :func:`gate`, substring tests over the bytes that send
  what yaml-rs would read otherwise than samverkan (or crash on) to the position path; timing
  only (a file it sends away counts as refused).
* ``rapidyaml``: ``ryml.parse_in_arena(data)``, the tree only (every value a string); and
  ``rapidyaml+walk``: the tree walked to Python data here, with YAML 1.2 core-schema scalars,
  explicit ``!!str``/``!!int``/… tags honoured, aliases resolved (``Tree.resolve``) and
  duplicate keys refused. Containers as keys are a parse error in rapidyaml trees. And, for
  information, ``rapidyaml+json``: the tree emitted as JSON by rapidyaml (``emit_json``) and
  read by ``json.loads``, the quickest way from its tree to Python data; its scalars are not
  the core schema's (rapidyaml writes ``~``, ``TRUE`` or ``0o17`` as strings) and it keeps
  duplicate keys (the last wins in ``json.loads``).
* ``ruamel-events``: ``_ruamel_yaml.CParser(text).get_event()`` until the end (what
  ``samverkan.source`` reads today; every event has a start and end mark); and
  ``ruamel-events+build``: those events built to Python data here by the same core-schema
  rules as the rapidyaml walk.
* ``ruamel-safe``: ``ruamel.yaml.YAML(typ="safe").load_all`` (for information: ruamel's own
  loader, the same C parser with its Python constructor).
* ``samverkan``: ``samverkan.source.parse_bytes``, today's read path with positions and every
  check (timing only; it refuses anchors, tags and several documents by design).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import selectors
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from samverkan.source import resolve_plain

HERE = Path(__file__).resolve().parent
DEFAULT_SUITE = HERE / "yaml-test-suite"

# --------------------------------------------------------------------------- YAML 1.2 core


def core_plain(text: str) -> Any:
    """A plain scalar resolved by YAML 1.2's core schema (10.3.2), as samverkan resolves it
    (:func:`samverkan.source.resolve_plain`); a whole number of more than samverkan's 1,000
    digits, which samverkan refuses, is still a number here, as the schema says."""
    try:
        return resolve_plain(text)
    except ValueError:
        return int(text, 0) if text[:2] in ("0x", "0o") else int(text)


class Refused(ValueError):
    """What the builders here refuse: a duplicate key, a scalar its tag does not fit."""


_CORE = "tag:yaml.org,2002:"


def _tag(tag: str) -> str:
    if tag.startswith("!<") and tag.endswith(">"):
        tag = tag[2:-1]
    elif tag.startswith("<") and tag.endswith(">"):
        tag = tag[1:-1]
    if tag.startswith("!!"):
        return _CORE + tag[2:]
    return tag


def core_tagged(tag: str, text: str) -> Any:
    """A scalar with an explicit tag: the core schema's own tags are checked, others are text."""
    tag = _tag(tag)
    if not tag.startswith(_CORE):
        return text
    kind = tag[len(_CORE) :]
    if kind == "str":
        return text
    value = core_plain(text)
    wanted = {"int": int, "float": (int, float), "bool": bool, "null": type(None)}.get(kind)
    if wanted is None:
        return text
    if (isinstance(value, bool) and kind != "bool") or not isinstance(value, wanted):
        raise Refused(f"{text!r} is not a !!{kind}")
    return float(value) if kind == "float" else value


def _key(value: Any) -> Any:
    try:
        hash(value)
    except TypeError:
        return ("<complex key>", repr(value))
    return value


# --------------------------------------------------------------------------- the loaders


def pyyaml_c() -> Callable[[bytes], list[Any]]:
    import yaml

    loader = yaml.CSafeLoader

    def load(data: bytes) -> list[Any]:
        return list(yaml.load_all(data, Loader=loader))

    return load


def yaml_rs() -> Callable[[bytes], Any]:
    import yaml_rs as yr

    loads = yr.loads

    def load(data: bytes) -> Any:
        return loads(data.decode("utf-8"), parse_datetime=False)

    return load


def _gate_table() -> bytes:
    table = bytearray(range(256))
    for byte in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]:
        table[byte] = 0  # C0 controls but tab, LF and CR; DEL
    for byte in b"0123456789":
        table[byte] = ord("0")
    for byte in b" ?:-":
        table[byte] = ord(" ")
    return bytes(table)


_GATE_TABLE = _gate_table()
_C1 = re.compile(rb"\xc2[\x80-\x9f]")


def gate(data: bytes) -> bool:
    """Whether a yaml-rs fast path should send ``data`` to the position path (ruamel's events)
    instead: what yaml-rs reads otherwise than samverkan does today, or may crash on. A sketch
    that errs on the safe side (an ``&`` in text sends the file the slow way too), built of
    substring tests, which run at memchr speed where a regular expression over every byte does not:

    * anchors, aliases, tags, directives (``& * ! %``): yaml-rs takes them, samverkan refuses them;
    * document markers: yaml-rs gives several documents as one list;
    * C0 and C1 controls, LS and PS: samverkan refuses them or treats them apart;
    * a digit before ``_`` or ``b`` (``1_000``, ``0b101``): yaml-rs reads integers there;
    * more than 1,000 digits in a row: samverkan's MAX_DIGITS;
    * 200 spaces, dashes, ``?`` or ``:`` in a row: a deep block nesting (yaml-rs crashes at
      20,000 levels; samverkan's MAX_DEPTH is 48).
    """
    if data.startswith((b"---", b"...")) or b"\n---" in data or b"\n..." in data:
        return True
    t = data.translate(_GATE_TABLE)
    return (
        b"\x00" in t
        or b"&" in t
        or b"*" in t
        or b"!" in t
        or b"%" in t
        or b"\xe2\x80\xa8" in t
        or b"\xe2\x80\xa9" in t
        or b"0_" in t
        or b"0b" in t
        or b"0" * 1001 in t
        or b" " * 200 in t
        or (b"\xc2" in t and _C1.search(t) is not None)
    )


def yaml_rs_gated() -> Callable[[bytes], Any]:
    import yaml_rs as yr

    loads = yr.loads

    def load(data: bytes) -> Any:
        if gate(data):
            raise Refused("to the position path")
        return loads(data.decode("utf-8"), parse_datetime=False)

    return load


def rapidyaml_tree() -> Callable[[bytes], Any]:
    import ryml

    parse = ryml.parse_in_arena

    def load(data: bytes) -> Any:
        return parse(data)

    return load


def rapidyaml_walk() -> Callable[[bytes], list[Any]]:
    import ryml

    parse = ryml.parse_in_arena
    _ryml = ryml._ryml
    NONE = ryml.NONE
    MAP, SEQ, STREAM = ryml.MAP, ryml.SEQ, ryml.STREAM
    KEYQUO, VALQUO, KEYTAG, VALTAG, VAL = ryml.KEYQUO, ryml.VALQUO, ryml.KEYTAG, ryml.VALTAG, ryml.VAL

    def load(data: bytes) -> list[Any]:
        tree = parse(data)
        if b"*" in data:  # a possible alias: resolve() copies anchored nodes into place
            tree.resolve()
        # The SWIG functions themselves, not the methods that wrap them: a Python call less a node.
        kind = partial(_ryml.Tree_type, tree)
        first, after = partial(_ryml.Tree_first_child, tree), partial(_ryml.Tree_next_sibling, tree)
        key_of, val_of = partial(_ryml.Tree_key, tree), partial(_ryml.Tree_val, tree)
        key_tag, val_tag = partial(_ryml.Tree_key_tag, tree), partial(_ryml.Tree_val_tag, tree)

        def scalar(raw: Any, quoted: int, tag: Any) -> Any:
            text = "" if raw is None else str(raw, "utf-8")
            if tag is not None:
                tag = str(tag, "utf-8")
                return text if tag == "!" else core_tagged(tag, text)
            return text if quoted else core_plain(text)

        def value(node: int, ty: int) -> Any:
            if ty & MAP:
                out: dict[Any, Any] = {}
                child = first(node)
                while child != NONE:
                    cty = kind(child)
                    key = _key(scalar(key_of(child), cty & KEYQUO, key_tag(child) if cty & KEYTAG else None))
                    if key in out:
                        raise Refused(f"duplicate key {key!r}")
                    out[key] = value(child, cty)
                    child = after(child)
                return out
            if ty & SEQ:
                items = []
                child = first(node)
                while child != NONE:
                    items.append(value(child, kind(child)))
                    child = after(child)
                return items
            if not ty & VAL:
                return None
            return scalar(val_of(node), ty & VALQUO, val_tag(node) if ty & VALTAG else None)

        root = tree.root_id()
        ty = kind(root)
        if ty & STREAM == STREAM:
            docs = []
            child = first(root)
            while child != NONE:
                docs.append(value(child, kind(child)))
                child = after(child)
            return docs
        if ty == 0:  # NOTYPE: an empty stream
            return []
        return [value(root, ty)]

    return load


def rapidyaml_json() -> Callable[[bytes], Any]:
    import ryml

    parse, emit_json, loads = ryml.parse_in_arena, ryml.emit_json, json.loads

    def one(tree: Any, node: int) -> Any:
        text = emit_json(tree, node)
        return None if text is None else loads(text)

    def load(data: bytes) -> Any:
        tree = parse(data)
        root = tree.root_id()
        if tree.is_stream(root):
            return [one(tree, child) for child in ryml.children(tree, root)]
        if tree.type(root) == 0:  # NOTYPE: an empty stream
            return []
        return [one(tree, root)]

    return load


def _ruamel_cparser() -> Any:
    from _ruamel_yaml import CParser

    return CParser


def ruamel_events() -> Callable[[bytes], int]:
    CParser = _ruamel_cparser()

    def load(data: bytes) -> int:
        parser = CParser(data.decode("utf-8"))
        get = parser.get_event
        n = 0
        while get() is not None:
            n += 1
        return n

    return load


def build(events: Iterator[Any]) -> list[Any]:
    """Events (ruamel's, PyYAML's) to Python data: core-schema scalars, duplicate keys refused."""
    from ruamel.yaml.events import (
        AliasEvent,
        DocumentStartEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceStartEvent,
    )

    missing = object()
    docs: list[Any] = []
    stack: list[list[Any]] = []  # [container, pending key]
    anchors: dict[str, Any] = {}

    def add(value: Any) -> None:
        if not stack:
            docs.append(value)
            return
        top = stack[-1]
        container = top[0]
        if type(container) is list:
            container.append(value)
        elif top[1] is missing:
            key = _key(value)
            if key in container:
                raise Refused(f"duplicate key {key!r}")
            top[1] = key
        else:
            container[top[1]] = value
            top[1] = missing

    for event in events:
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag
            if tag is not None and tag != "!":
                value = core_tagged(tag, event.value)
            elif tag is None and not event.style:
                value = core_plain(event.value)
            else:
                value = event.value
            if event.anchor is not None:
                anchors[event.anchor] = value
            add(value)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            container: Any = {} if kind is MappingStartEvent else []
            if event.anchor is not None:
                anchors[event.anchor] = container
            add(container)
            stack.append([container, missing])
        elif kind is AliasEvent:
            if event.anchor not in anchors:
                raise Refused(f"unknown alias {event.anchor!r}")
            add(anchors[event.anchor])
        elif event.__class__.__name__ in ("MappingEndEvent", "SequenceEndEvent"):
            stack.pop()
        elif kind is DocumentStartEvent:
            anchors.clear()
    return docs


def ruamel_build() -> Callable[[bytes], list[Any]]:
    CParser = _ruamel_cparser()

    def events(text: str) -> Iterator[Any]:
        parser = CParser(text)
        get = parser.get_event
        while True:
            event = get()
            if event is None:
                return
            yield event

    def load(data: bytes) -> list[Any]:
        return build(events(data.decode("utf-8")))

    return load


def ruamel_safe() -> Callable[[bytes], list[Any]]:
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe")

    def load(data: bytes) -> list[Any]:
        return list(yaml.load_all(data.decode("utf-8")))

    return load


def samverkan() -> Callable[[bytes], Any]:
    from samverkan.source import parse_bytes

    def load(data: bytes) -> Any:
        return parse_bytes(data, "x.yaml")

    return load


LOADERS: dict[str, Callable[[], Callable[[bytes], Any]]] = {
    "pyyaml-c": pyyaml_c,
    "yaml-rs": yaml_rs,
    "yaml-rs+gate": yaml_rs_gated,
    "rapidyaml": rapidyaml_tree,
    "rapidyaml+walk": rapidyaml_walk,
    "rapidyaml+json": rapidyaml_json,
    "ruamel-events": ruamel_events,
    "ruamel-events+build": ruamel_build,
    "ruamel-safe": ruamel_safe,
    "samverkan": samverkan,
}
CONFORMANCE = ["pyyaml-c", "yaml-rs", "rapidyaml+walk", "rapidyaml+json", "ruamel-events+build", "ruamel-safe"]
"""Loaders run against the suite: those that give data (rapidyaml and ruamel's events are
judged through the walk and the builder here, whose refusals are only duplicate keys and
scalars that do not fit their explicit tag)."""
TO_PYTHON = ["pyyaml-c", "yaml-rs", "rapidyaml+walk", "rapidyaml+json", "ruamel-events+build", "ruamel-safe"]

# --------------------------------------------------------------------------- conformance


def suite_tests(suite: Path) -> list[str]:
    return sorted(str(p.parent.relative_to(suite)) for p in suite.rglob("in.yaml"))


def json_stream(text: str) -> list[Any]:
    decoder = json.JSONDecoder()
    docs = []
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return docs
        value, index = decoder.raw_decode(text, index)
        docs.append(value)


def json_like(value: Any) -> Any:
    """Python data as the suite's in.json writes it; anything JSON has not stays a marker."""
    if isinstance(value, dict):
        return {_json_key(k): json_like(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_like(v) for v in value]
    if isinstance(value, (set, frozenset)):  # !!set: the suite writes a mapping to nulls
        return {_json_key(k): None for k in value}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return ("<not JSON>", type(value).__name__, str(value))


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return key
    try:
        return json.dumps(key)
    except (TypeError, ValueError):
        return repr(key)


def same(a: Any, b: Any) -> bool:
    """Equal data, types included: bool is not int, str is not number; int and float compare
    by value (the suite's in.json writes 1.0 as 1 in places), NaN equals NaN."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def judge(name: str, load: Callable[[bytes], Any], folder: Path) -> str:
    data = (folder / "in.yaml").read_bytes()
    error = (folder / "error").exists()
    try:
        result = load(data)
    except Exception:  # noqa: BLE001 - any refusal counts as one
        return "right-refusal" if error else "wrong-refusal"
    if error:
        return "wrong-acceptance"
    expected_file = folder / "in.json"
    if not expected_file.exists():
        return "accepted-unchecked"
    expected = json_stream(expected_file.read_text(encoding="utf-8"))
    if name == "yaml-rs":  # one document comes back as itself, several as a list
        if len(expected) == 0:
            docs = [] if result is None else [result]
        elif len(expected) > 1 and isinstance(result, list) and len(result) == len(expected):
            docs = result
        else:
            docs = [result]
    else:
        docs = result
    return "same-data" if same(json_like(docs), expected) else "different-data"


def child(name: str, suite: Path) -> None:
    """Judge the tests named on standard input, one JSON line each on the saved stdout."""
    out = os.fdopen(os.dup(1), "w", buffering=1)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)  # rapidyaml prints its parse errors; keep them off the protocol
    os.dup2(null, 2)
    load = LOADERS[name]()
    for line in sys.stdin:
        test = line.strip()
        out.write(json.dumps([test, "started"]) + "\n")
        out.write(json.dumps([test, judge(name, load, suite / test)]) + "\n")


def conformance(name: str, suite: Path, tests: list[str], timeout: float) -> dict[str, str]:
    results: dict[str, str] = {}
    todo = list(tests)
    while todo:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", name, "--suite", str(suite)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdin and proc.stdout
        proc.stdin.write("".join(t + "\n" for t in todo))
        proc.stdin.close()
        current = None
        selector = selectors.DefaultSelector()
        selector.register(proc.stdout, selectors.EVENT_READ)
        while True:
            if not selector.select(timeout):
                proc.kill()
                results[current or todo[0]] = "timeout"
                break
            line = proc.stdout.readline()
            if not line:
                proc.wait()
                if current is not None:
                    results[current] = f"crash ({proc.returncode})"
                break
            test, what = json.loads(line)
            if what == "started":
                current = test
            else:
                results[test] = what
                current = None
        proc.wait()
        selector.close()
        todo = [t for t in tests if t not in results]
    return results


# --------------------------------------------------------------------------- spellings

SPELLINGS = [
    "yes",
    "no",
    "on",
    "off",
    "y",
    "~",
    "null",
    "Null",
    "NULL",
    "nULL",
    "true",
    "True",
    "TRUE",
    "tRUE",
    "012",
    "0o17",
    "0x1F",
    "0x1f",
    "+12",
    "-0",
    "1_000",
    "1e3",
    "1E3",
    ".5",
    "5.",
    ".inf",
    "-.Inf",
    ".NaN",
    "nan",
    "inf",
    "2022-01-01",
    "2022-1-1",
    "2022-01-01T10:00:00",
    "12:30",
    "1:20:30",
    "0b101",
    "1" * 1001,
]


def show(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        text = str(value)
        return f"int ({len(text)} digits)" if len(text) > 20 else f"int {text}"
    if isinstance(value, float):
        return f"float {value!r}"
    if isinstance(value, str):
        return "str" if len(value) <= 20 else "str (as written)"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{type(value).__name__} {value.isoformat()}"
    return type(value).__name__


def spellings() -> list[list[str]]:
    loaders = {name: LOADERS[name]() for name in ("pyyaml-c", "yaml-rs", "rapidyaml+json", "ruamel-safe")}
    rows = []
    try:
        from samverkan.source import parse_text
    except ImportError:
        parse_text = None
    for spelling in SPELLINGS:
        data = f"v: {spelling}\n".encode()
        label = f"`{spelling}`" if len(spelling) < 30 else "1001-digit integer"
        row = [label, show(core_plain(spelling))]
        for name, load in loaders.items():
            try:
                result = load(data)
                docs = result if name != "yaml-rs" else [result]
                row.append(show(docs[0]["v"]))
            except Exception as exc:  # noqa: BLE001
                row.append(f"error ({type(exc).__name__})")
        if parse_text is not None:
            source = parse_text(data.decode(), "x.yaml")
            if source.located is not None:
                row.append(show(source.located.data["v"]))
            else:
                row.append("refused (" + ", ".join(d.code for d in source.diagnostics) + ")")
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- behaviours

BEHAVIOURS = [
    ("duplicate key, top level", "a: 1\nb: 2\na: 3\n"),
    ("duplicate key, nested", "a:\n  b: 1\n  b: 2\n"),
    ("duplicate key, flow", "a: {b: 1, b: 2}\n"),
    ("anchor and alias", "a: &x [1]\nb: *x\n"),
    ("merge key `<<`", "a: &x {k: 1}\nb:\n  <<: *x\n"),
    ("custom tag `!foo`", "a: !foo bar\n"),
    ("`!!binary`", "a: !!binary aGk=\n"),
    ("`%YAML 1.1` directive", "%YAML 1.1\n---\na: yes\n"),
    ("two documents", "a: 1\n---\nb: 2\n"),
    ("empty file", ""),
    ("block nesting 10,000 deep (`- - … x`, 20 kB)", "a:\n  " + "- " * 10_000 + "x\n"),
    ("block nesting 20,000 deep (`- - … x`, 40 kB)", "a:\n  " + "- " * 20_000 + "x\n"),
    ("nesting 1,000 deep (flow)", "a: " + "[" * 1000 + "]" * 1000 + "\n"),
    ("nesting 100,000 deep (flow)", "a: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("syntax error (line 2)", "a: [1\nb: 2\n"),
]


def short(value: Any) -> str:
    try:
        text = repr(value)
    except RecursionError:
        return f"accepted ({type(value).__name__} too deep to repr)"
    return text if len(text) <= 36 else text[:33] + "…"


def behaviour(name: str, text: str) -> str:
    """One loader on one input, as a table cell; an error shows its first line."""
    load = LOADERS[name]()
    try:
        result = load(text.encode())
    except RecursionError:
        return "RecursionError"
    except Exception as exc:  # noqa: BLE001
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        if hasattr(exc, "errdata_parse"):  # rapidyaml: the message and place are fields
            loc = exc.errdata_parse.ymlloc
            first = f"{getattr(exc, 'msg', '')} (line {loc.line}, col {loc.col})"
        return f"refused: {type(exc).__name__}: {first[:70]}"
    if name != "yaml-rs":
        result = result[0] if len(result) == 1 else result
    return short(result)


BEHAVIOUR_LOADERS = ["pyyaml-c", "yaml-rs", "rapidyaml+walk", "rapidyaml+json", "ruamel-safe"]


def behaviours() -> list[list[str]]:
    """Each loader on each input of BEHAVIOURS, each in a child process (some crash)."""
    rows = []
    for index, (label, _) in enumerate(BEHAVIOURS):
        row = [label]
        for name in BEHAVIOUR_LOADERS:
            proc = subprocess.run(
                [sys.executable, __file__, "--behaviour", name, str(index)],
                capture_output=True,
                text=True,
                timeout=120,
            )
            if proc.returncode == 0:
                cell = proc.stdout.strip()
            elif proc.returncode < 0:
                cell = f"crash (signal {-proc.returncode})"
            else:
                cell = f"crash (exit {proc.returncode})"
            row.append(cell.replace("|", "\\|"))
        rows.append(row)
    return rows


# --------------------------------------------------------------------------- timing


def corpus_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.rglob("*.yaml") if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def timing(folder: Path, names: list[str], reps: int) -> tuple[list[list[str]], dict[str, Any]]:
    datas = [p.read_bytes() for p in corpus_files(folder)]
    loaders = {}
    for name in names:
        try:
            loaders[name] = LOADERS[name]()
        except ImportError as exc:
            print(f"{name}: skipped ({exc})", file=sys.stderr)
    failures = {}
    for name, load in loaders.items():  # the warm-up pass, which also counts refusals
        failed = 0
        for data in datas:
            try:
                load(data)
            except Exception:  # noqa: BLE001
                failed += 1
        failures[name] = failed
    times: dict[str, list[float]] = {name: [] for name in loaders}
    for rep in range(reps):
        print(f"timing pass {rep + 1}/{reps}", file=sys.stderr)
        order = list(loaders) if rep % 2 == 0 else list(reversed(loaders))
        for name in order:
            load = loaders[name]
            start = time.perf_counter()
            for data in datas:
                try:  # noqa: SIM105 - suppress() would add a call a file to the timed loop
                    load(data)
                except Exception:  # noqa: BLE001
                    pass
            times[name].append(time.perf_counter() - start)
    floor = statistics.median(times["pyyaml-c"])
    best_floor = min(times["pyyaml-c"])
    rows = []
    for name, runs in times.items():
        median = statistics.median(runs)
        rows.append(
            [
                name,
                f"{median / floor:.2f} × F",
                f"{min(runs) / best_floor:.2f} × F",
                f"{median:.3f}",
                f"{min(runs):.3f}–{max(runs):.3f}",
                str(failures[name]),
            ]
        )
    info = {"files": len(datas), "bytes": sum(map(len, datas)), "floor": floor}
    return rows, info


def agreement(folder: Path) -> list[list[str]]:
    """On the corpus: files each to-Python loader reads to other data than rapidyaml+walk."""
    datas = [p.read_bytes() for p in corpus_files(folder)]
    loaders = {name: LOADERS[name]() for name in TO_PYTHON}

    def plain(name: str, result: Any) -> Any:
        docs = [result] if name == "yaml-rs" else result
        return json_like(docs)

    def dates_as_text(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: dates_as_text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [dates_as_text(v) for v in value]
        if isinstance(value, tuple) and value and value[0] == "<not JSON>":
            return value[2] if value[1] in ("date", "datetime") else value
        return value

    reference = [plain("rapidyaml+walk", loaders["rapidyaml+walk"](d)) for d in datas]
    rows = []
    for name in TO_PYTHON:
        differ = differ_dates = 0
        for data, ref in zip(datas, reference, strict=True):
            got = plain(name, loaders[name](data))
            if not same(got, ref):
                differ += 1
                if not same(dates_as_text(got), ref):
                    differ_dates += 1
        rows.append([name, str(differ), str(differ_dates)])
    return rows


# --------------------------------------------------------------------------- output


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"Python {platform.python_version()} ({platform.machine()})"]
    for dist in ("PyYAML", "yaml-rs", "rapidyaml", "ruamel.yaml", "ruamel.yaml.clib"):
        try:
            parts.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist} missing")
    try:
        import yaml

        parts.append(f"PyYAML's libyaml {yaml.__with_libyaml__ and yaml._yaml.get_version_string()}")
    except Exception:  # noqa: BLE001
        pass
    try:
        import _ruamel_yaml

        parts.append(f"ruamel.yaml.clib's libyaml {_ruamel_yaml.get_version_string()}")
    except Exception:  # noqa: BLE001
        pass
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=DEFAULT_SUITE, help="yaml-test-suite data folder")
    parser.add_argument("--corpus", type=Path, help="a folder of YAML files to time (bench/generate.py)")
    parser.add_argument("--reps", type=int, default=5, help="timed passes after the warm-up (default 5)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds a suite test may take")
    parser.add_argument("--details", action="store_true", help="list the suite tests each loader gets wrong")
    parser.add_argument("--no-suite", action="store_true")
    parser.add_argument("--no-spellings", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--behaviour", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.behaviour:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        print(behaviour(args.behaviour[0], BEHAVIOURS[int(args.behaviour[1])][1]))
        return 0
    if args.child:
        child(args.child, args.suite)
        return 0

    print(f"{versions()}; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f} at the start\n")
    if not args.no_suite:
        if not args.suite.is_dir():
            print(f"no test suite at {args.suite} (see --suite)", file=sys.stderr)
            return 2
        tests = suite_tests(args.suite)
        errors = sum((args.suite / t / "error").exists() for t in tests)
        with_json = sum(
            (args.suite / t / "in.json").exists() and not (args.suite / t / "error").exists() for t in tests
        )
        print(
            f"## Conformance: yaml-test-suite, {len(tests)} tests ({len(tests) - errors} valid, "
            f"{with_json} of them with in.json; {errors} error tests). Data compared with types; "
            "rapidyaml and ruamel's events are judged through the walk and builder here\n"
        )
        rows = []
        wrong: dict[str, list[str]] = {}
        for name in CONFORMANCE:
            print(f"suite: {name}", file=sys.stderr)
            results = conformance(name, args.suite, tests, args.timeout)
            counts: dict[str, int] = {}
            for test, what in results.items():
                key = what.split(" ")[0]
                counts[key] = counts.get(key, 0) + 1
                if key not in ("same-data", "right-refusal", "accepted-unchecked"):
                    wrong.setdefault(name, []).append(f"{test}:{what}")
            valid_ok = counts.get("same-data", 0)
            rows.append(
                [
                    name,
                    f"{valid_ok}/{with_json}",
                    str(counts.get("different-data", 0)),
                    f"{counts.get('accepted-unchecked', 0)}/{len(tests) - errors - with_json}",
                    str(counts.get("wrong-refusal", 0)),
                    f"{counts.get('right-refusal', 0)}/{errors}",
                    str(counts.get("wrong-acceptance", 0)),
                    str(counts.get("crash", 0) + counts.get("timeout", 0)),
                ]
            )
        print(
            table(
                [
                    "loader",
                    "same data as in.json",
                    "other data",
                    "valid, no in.json: accepted",
                    "wrong refusals (of all valid)",
                    "errors refused",
                    "wrong acceptances",
                    "crashes/timeouts",
                ],
                rows,
            )
        )
        print()
        if args.details:
            for name, items in wrong.items():
                print(f"- {name}: {' '.join(sorted(items))}")
            print()
    if not args.no_spellings:
        print("## Spellings: `v: <plain scalar>`\n")
        header = [
            "plain scalar",
            "YAML 1.2 core (= rapidyaml+walk, ruamel-events+build)",
            "pyyaml-c",
            "yaml-rs",
            "rapidyaml+json",
            "ruamel-safe",
        ]
        rows = spellings()
        if rows and len(rows[0]) > len(header):
            header.append("samverkan today")
        print(table(header, rows))
        print()
    if not args.no_spellings:
        print("## Other inputs\n")
        header = ["input", *BEHAVIOUR_LOADERS]
        print(table(header, behaviours()))
        print()
    if args.corpus:
        rows, info = timing(args.corpus, list(LOADERS), args.reps)
        print(
            f"## Timing: {info['files']} files, {info['bytes'] / 1e6:.1f} MB from {args.corpus}, "
            f"one process, median of {args.reps} passes after a warm-up; F = pyyaml-c = "
            f"{info['floor']:.3f} s\n"
        )
        header = ["loader", "ratio (medians)", "ratio (fastest passes)", "median s", "min–max s", "files refused"]
        print(table(header, rows))
        print()
        print("## Corpus data: files read to other data than rapidyaml+walk (YAML 1.2 core)\n")
        print(table(["loader", "files differing", "differing with dates as text"], agreement(args.corpus)))
        print()
    print(f"load {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())

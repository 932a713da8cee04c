"""The benchmark's corpus generator (``bench/generate.py``), for tests that need many realistic
files, some broken on purpose."""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "bench"


@functools.cache
def generator() -> ModuleType:
    """``bench/generate.py`` as a module (loaded once)."""
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # generate.py imports its sibling corpus_data.py
    spec = importlib.util.spec_from_file_location("samverkan_bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def write_corpus(root: Path, files: int, seed: int, broken: float) -> Path:
    """``files`` generated files under ``root``, ``broken`` per cent of them broken on purpose."""
    generator().write(root, files, seed, broken)
    return root


def yaml_texts(root: Path) -> Iterator[tuple[Path, str]]:
    """Each ``.yaml`` file under ``root``, in order, with its text: those that decode as
    samverkan decodes a file (the broken ones that do not are left out)."""
    from samverkan.source import decode

    for path in sorted(root.rglob("*.yaml")):
        text, _ = decode(path.read_bytes(), str(path))
        if text is not None:
            yield path, text


YAML_PIECES = [
    "kind: agreement\n",
    "id: a-1\n",
    "title: 'x'\n",
    'title: "a\\tb"\n',
    "list:\n  - a\n  - b: c\n    d: [1, {e: f}]\n",
    "nested:\n  deeper:\n    deepest: 12\n",
    "dup: 1\ndup: 2\n",
    "anchor: &a x\n",
    "alias: *a\n",
    "tagged: !!int 3\n",
    "? complex\n: key\n",
    "text: |\n  two\n  lines\n",
    "folded: >-\n  one\n  two\n",
    "nel: a\x85b\n",
    "ls: 'a\u2028b'\n",
    "flow: {a: [1, 2], b: {c: d}}\n",
    "empty:\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "bad: [\n",
    "- top\n",
    "long: " + "1" * 1001 + "\n",
    "'quoted key': v\n",
    "{a: b}: c\n",
]
"""Pieces of YAML, clean and not, for hypothesis to combine: the ways of reading a file's places
(``tests/test_positions.py``, ``tests/test_block.py``) must agree on every combination."""

"""Hostile files: each is refused quickly, in bounded memory, with exactly one located finding.

The files are generated in ``tmp_path``. Every one is run through the CLI
(``samverkan validate FILE --format concise``): one diagnostic line with the expected code
and place, exit code 1, no traceback. The deepest inputs were first run in a subprocess to
make sure libyaml (``ruamel.yaml.clib``) does not crash on them; :func:`test_deep_nesting_in_a_subprocess`
keeps that check, so a future parser that overflows its stack fails a test instead of killing
the test run.

Nesting 100,000 block mappings needs about 5 GB of indentation (level *n* is indented *n*
spaces), so the block-mapping case nests as deep as fits under the 1 MiB limit instead; the
100,000-level cases use flow sequences, flow mappings and compact block sequences.
"""

from __future__ import annotations

import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samples import AGREEMENT
from samverkan.api import check
from samverkan.cli import app
from samverkan.source import (
    ALIAS,
    MAX_BYTES,
    MAX_DEPTH,
    NOT_A_MAPPING,
    SYNTAX,
    TOO_DEEP,
    TOO_LARGE,
    UNREADABLE,
    read_source,
)
from samverkan.validation import INVALID_VALUE

PEAK_BYTES = 200 * 1024 * 1024

AGREEMENT_LINES = AGREEMENT.count("\n")
N = 100_000


def _alias_bomb(path: Path) -> None:
    lines = ["kind: agreement", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _twenty_megabytes(path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.write(AGREEMENT + "background: |\n")
        chunk = "  " + "Samverkan för ett tryggare Umeå. " * 30 + "\n"
        while out.tell() < 20 * 1024 * 1024:
            out.write(chunk)


def _flow_sequences(path: Path) -> None:
    path.write_text(AGREEMENT + "working_methods: " + "[" * N + "]" * N + "\n", encoding="utf-8")


def _flow_sequences_unclosed(path: Path) -> None:
    path.write_text(AGREEMENT + "working_methods: " + "[" * N + "\n", encoding="utf-8")


def _flow_mappings(path: Path) -> None:
    path.write_text(AGREEMENT + "memo: " + "{a: " * N + "1" + "}" * N + "\n", encoding="utf-8")


def _block_sequences(path: Path) -> None:
    path.write_text(AGREEMENT + "working_methods:\n" + "- " * N + "x\n", encoding="utf-8")


def _block_mappings(path: Path) -> None:
    depth = 1400  # 1 + 2 + … + 1400 spaces of indentation: just under 1 MiB
    text = AGREEMENT + "memo:\n" + "".join(" " * (level + 1) + "a:\n" for level in range(depth))
    assert len(text.encode()) < MAX_BYTES
    path.write_text(text, encoding="utf-8")


def _one_megabyte_line(path: Path) -> None:
    # A flow list on one line: 500,000 values, more than the loader accepts.
    path.write_text("[" + "0," * 499_999 + "0]", encoding="utf-8")


def _one_megabyte_scalar(path: Path) -> None:
    path.write_text("Samverkan" * 111_111, encoding="utf-8")


def _million_character_line(path: Path) -> None:
    path.write_text(AGREEMENT.replace("id: umea-2021", "id: " + "umea" * 250_000), encoding="utf-8")


def _huge_number(path: Path) -> None:
    # 0xfff…: Python cannot print a number this long (more than 4300 digits), so it is refused.
    path.write_text(AGREEMENT.replace("id: umea-2021", "id: 0x" + "f" * 100_000), encoding="utf-8")


def _nested_and_huge(path: Path) -> None:
    tail = "\n".join(["  - Samverkan för ett tryggare Umeå"] * 20_000)
    path.write_text(AGREEMENT + "working_methods: " + "[" * N + "\n" + tail + "\n", encoding="utf-8")


def _nested_and_too_large(path: Path) -> None:
    path.write_text(AGREEMENT + "working_methods: " + "[" * (2 * MAX_BYTES), encoding="utf-8")


PRIVATE_USE = "".join(map(chr, range(0xE000, 0xF900)))


def _no_stand_in_left(path: Path) -> None:
    # Every Private Use character, so none is left to stand in for the LS while parsing.
    path.write_text(AGREEMENT + "# " + PRIVATE_USE + "\u2028\n", encoding="utf-8")


@dataclass(frozen=True)
class Hostile:
    name: str
    write: Callable[[Path], None]
    code: str
    line: int
    col: int


# The top-level mapping is the first level, so the 48th bracket is one too many.
DEPTH_COL = len("working_methods: ") + MAX_DEPTH
FLOW_MAP_COL = len("memo: ") + len("{a: ") * (MAX_DEPTH - 1) + 1
HOSTILE = [
    Hostile("alias-bomb", _alias_bomb, ALIAS, 2, 5),
    Hostile("twenty-megabytes", _twenty_megabytes, TOO_LARGE, 1, 1),
    Hostile("flow-sequences-100000-deep", _flow_sequences, TOO_DEEP, AGREEMENT_LINES + 1, DEPTH_COL),
    Hostile("flow-sequences-100000-unclosed", _flow_sequences_unclosed, TOO_DEEP, AGREEMENT_LINES + 1, DEPTH_COL),
    Hostile("flow-mappings-100000-deep", _flow_mappings, TOO_DEEP, AGREEMENT_LINES + 1, FLOW_MAP_COL),
    Hostile("block-sequences-100000-deep", _block_sequences, TOO_DEEP, AGREEMENT_LINES + 2, 2 * MAX_DEPTH - 1),
    Hostile("block-mappings-1400-deep", _block_mappings, TOO_DEEP, AGREEMENT_LINES + 1 + MAX_DEPTH, MAX_DEPTH + 1),
    Hostile("one-megabyte-line", _one_megabyte_line, TOO_LARGE, 1, 2 * 200_000),
    Hostile("one-megabyte-scalar", _one_megabyte_scalar, NOT_A_MAPPING, 1, 1),
    Hostile("million-character-line", _million_character_line, INVALID_VALUE, 2, 5),
    Hostile("huge-number", _huge_number, TOO_LARGE, 2, 5),
    Hostile("nested-and-huge", _nested_and_huge, TOO_DEEP, AGREEMENT_LINES + 1, DEPTH_COL),
    Hostile("nested-and-too-large", _nested_and_too_large, TOO_LARGE, 1, 1),
    Hostile("no-stand-in-left", _no_stand_in_left, UNREADABLE, AGREEMENT_LINES + 1, 3 + len(PRIVATE_USE)),
]


@pytest.mark.parametrize("opener", ["[", "{a: ", "- ", "? "])
def test_deep_nesting_in_a_subprocess(opener: str, tmp_path: Path) -> None:
    """Nesting as deep as fits in 1 MiB (up to a million levels), run first and in a child
    process: the C parser must not crash, and the CLI exits 1 with a located SV004."""
    path = tmp_path / "deep.yaml"
    path.write_text(opener * ((MAX_BYTES - 1) // len(opener)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "samverkan", "validate", str(path), "--format", "concise"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert f":1:{len(opener) * MAX_DEPTH + 1}: error[{TOO_DEEP}] " in done.stdout


@pytest.fixture
def hostile_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Hostile, Path]:
    case: Hostile = request.param
    path = tmp_path / f"{case.name}.yaml"
    case.write(path)
    return case, path


@pytest.mark.parametrize("hostile_file", HOSTILE, ids=[h.name for h in HOSTILE], indirect=True)
def test_hostile_file_gives_one_located_finding_via_the_cli(hostile_file: tuple[Hostile, Path]) -> None:
    case, path = hostile_file
    result = CliRunner().invoke(app, ["validate", str(path), "--format", "concise"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.splitlines()
    assert len(lines) == 2, lines[:3]
    assert lines[0].startswith(f"{path}:{case.line}:{case.col}: error[{case.code}] "), lines[0][:200]
    assert len(lines[0]) < len(str(path)) + 200, "a message must not echo a huge value"
    assert lines[1] == "1 file checked: 1 error, 0 warnings, 0 notices"


@pytest.mark.parametrize("hostile_file", HOSTILE, ids=[h.name for h in HOSTILE], indirect=True)
def test_hostile_file_is_checked_in_bounded_memory(hostile_file: tuple[Hostile, Path]) -> None:
    case, path = hostile_file
    tracemalloc.start()
    try:
        report = check([path])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [d.code for d in report.diagnostics] == [case.code]
    assert peak < PEAK_BYTES


def test_alias_bomb_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    _alias_bomb(path)
    source = read_source(path)
    assert source.located is None
    assert [(d.code, d.english) for d in source.diagnostics] == [
        (ALIAS, "anchors are not supported (&a0); write the value out")
    ]


def test_too_large_file_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    _twenty_megabytes(path)
    (problem,) = read_source(path).diagnostics
    assert problem.english == "file is 20.1 MiB; the limit is 1 MiB"  # just over 20 MiB, rounded up


@pytest.mark.parametrize(
    ("size", "shown"),
    [(MAX_BYTES + 1, "1.1"), (1_100_030, "1.1"), (1_153_434, "1.2"), (2 * MAX_BYTES, "2.0")],
)
def test_a_file_just_over_the_limit_reads_as_over_it(tmp_path: Path, size: int, shown: str) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * size)
    (problem,) = read_source(path).diagnostics
    assert problem.english == f"file is {shown} MiB; the limit is 1 MiB"
    assert problem.message.translate("sv") == f"filen är {shown.replace('.', ',')} MiB; gränsen är 1 MiB"


def test_a_complex_key_nested_deep_is_bounded_too(tmp_path: Path) -> None:
    # '? ? ? …' nests mappings as keys; the key is refused, and its nesting is still bounded.
    path = tmp_path / "keys.yaml"
    path.write_text("? " * N + "x\n", encoding="utf-8")
    assert [(d.code, d.span.line, d.span.col) for d in read_source(path).diagnostics] == [
        (NOT_A_MAPPING, 1, 3),
        (TOO_DEEP, 1, 2 * MAX_DEPTH + 1),
    ]


def test_syntax_error_after_a_long_line_is_located(tmp_path: Path) -> None:
    path = tmp_path / "long.yaml"
    path.write_text(AGREEMENT + "source: " + "x" * 1_000_000 + ": y\n", encoding="utf-8")
    (problem,) = read_source(path).diagnostics
    assert (problem.code, problem.span.line, problem.span.col) == (SYNTAX, AGREEMENT_LINES + 1, 1_000_009)

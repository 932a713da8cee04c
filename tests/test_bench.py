"""The benchmark's corpus generator (``bench/generate.py``): what it writes is valid, the same
seed gives the same bytes, and every file it breaks on purpose is reported where its manifest
says. Nothing here is timed; ``python bench/run.py`` does the timing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generated import generator
from samverkan.api import check
from samverkan.diagnostics import Severity

FILES = 30
SEED = 7


generate = generator()


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generated_corpus_is_valid(tmp_path: Path) -> None:
    summary = generate.write(tmp_path, FILES, SEED)
    report = check([tmp_path])
    assert summary["files"] == FILES
    assert report.files == FILES
    assert set(summary["kinds"]) == {"agreement", "action-plan", "citizen-promise"}
    errors = [str(d.span) + f" {d.code} {d.english}" for d in report.diagnostics if d.severity is Severity.ERROR]
    assert errors == []


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    generate.write(tmp_path / "a", FILES, SEED, 10.0)
    generate.write(tmp_path / "b", FILES, SEED, 10.0)
    generate.write(tmp_path / "c", FILES, SEED + 1, 10.0)
    first, second, other = (_files(tmp_path / name) for name in "abc")
    assert first == second
    assert first != other


def test_broken_files_are_reported_where_the_manifest_says(tmp_path: Path) -> None:
    summary = generate.write(tmp_path, FILES, SEED, broken=20.0)
    manifest = summary["manifest"]
    report = check([tmp_path])
    errors = {
        (Path(d.span.path).relative_to(tmp_path).as_posix(), d.code, d.span.line, d.span.col)
        for d in report.diagnostics
        if d.severity is Severity.ERROR
    }
    expected = [(e["file"], e["code"], e["line"], e["column"]) for e in manifest["broken"] + manifest["consequences"]]
    assert len(manifest["broken"]) == round(FILES * 0.2)
    assert len({e["kind"] for e in manifest["broken"]}) >= 4, "the breaks should be of varied kinds"
    missing = [e for e in expected if e not in errors]
    assert missing == []
    assert errors == set(expected), "no error beyond the broken files and what follows from them"


def test_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit, match="not empty"):
        generate.write(tmp_path, 5, SEED, force=True)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"

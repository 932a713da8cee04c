"""``samverkan.pipeline.run``: discover once, replay a run's output from the cache, else compute."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TextIO

import pytest

from samverkan.cache import Cache
from samverkan.discovery import Found
from samverkan.pipeline import Output, run

ROOT = Path(__file__).resolve().parent.parent


class Counting:
    """A command that counts its computations and prints how many files it was given."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, cache: Cache | None, found: Found, out: TextIO, err: TextIO) -> int:
        self.calls += 1
        out.write(f"{len(found.files)} files, {len(found.context)} beside\n")
        err.write("note\n")
        return 1


def test_the_second_run_is_replayed_and_a_change_computes_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    produce = Counting()
    first = run("validate", ("text",), [Path("agreements")], produce)
    assert first == Output("7 files, 0 beside\n", "note\n", 1)
    assert run("validate", ("text",), [Path("agreements")], produce) == first
    assert produce.calls == 1
    assert run("validate", ("json",), [Path("agreements")], produce) == first  # other options: computed
    assert produce.calls == 2
    changed = next((tmp_path / "agreements").rglob("*.yaml"))
    changed.write_text(changed.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    run("validate", ("text",), [Path("agreements")], produce)
    assert produce.calls == 3


def test_one_file_is_given_with_its_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    (tmp_path / ".git").mkdir()  # the workspace root
    monkeypatch.chdir(tmp_path)
    output = run("validate", (), [Path("agreements/umea/umea-2021.yaml")], Counting())
    assert isinstance(output, Output)
    assert output.out == "1 files, 6 beside\n"


def test_without_the_cache_or_replay_the_command_prints_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    produce = Counting()
    assert run("validate", (), [Path("agreements")], produce, use_cache=False) == 1
    assert run("validate", (), [Path("agreements")], produce, replay=False) == 1
    assert produce.calls == 2
    assert capsys.readouterr().out == "7 files, 0 beside\n" * 2

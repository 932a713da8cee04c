"""The cache and the worker processes change how fast, never what: the same output with and
without the cache, with one and two workers, and a changed file is never answered from the
cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generated import write_corpus
from samverkan.api import check
from samverkan.cache import Cache
from samverkan.cli import app
from samverkan.reporters.concise import line
from samverkan.workspace import PARALLEL_FROM, load_workspace


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    write_corpus(root, PARALLEL_FROM + 16, 11, 5.0)  # some files broken on purpose
    return root


@pytest.fixture(autouse=True)
def _workers_from_eight_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The corpus is loaded in two waves (files that name their agreement come second), each
    under PARALLEL_FROM files: with the threshold at 8, ``jobs=2`` really starts workers."""
    import samverkan.workspace

    monkeypatch.setattr(samverkan.workspace, "PARALLEL_FROM", 8)


def _lines(root: Path, **kwargs: object) -> list[str]:
    return [line(d) for d in check([root], **kwargs).diagnostics]  # type: ignore[arg-type]


def test_one_and_two_workers_and_the_cache_give_the_same_findings(corpus: Path, tmp_path: Path) -> None:
    plain = _lines(corpus)
    assert any("error[" in text for text in plain), "the corpus has broken files"
    assert _lines(corpus, jobs=2) == plain
    cache = Cache(tmp_path / "cache")
    assert _lines(corpus, cache=cache, jobs=2) == plain  # cold: fills the cache
    assert _lines(corpus, cache=cache) == plain  # warm: every file from the cache
    assert len(list((tmp_path / "cache" / "summary").rglob("*"))) > PARALLEL_FROM  # checked files, summarised


def test_documents_from_the_cache_equal_parsed_ones(corpus: Path, tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    load_workspace([corpus], cache=cache)
    parsed = load_workspace([corpus])
    cached = load_workspace([corpus], cache=cache)
    assert [f.document for f in cached.files] == [f.document for f in parsed.files]
    assert [f.source.diagnostics for f in cached.files] == [f.source.diagnostics for f in parsed.files]


@pytest.mark.parametrize(
    "command",
    [["validate", "--format", "concise"], ["due", "--as-of", "2025-06-01"], ["status", "--as-of", "2025-06-01"]],
)
def test_cli_output_is_the_same_cold_warm_and_without_cache(corpus: Path, command: list[str]) -> None:
    runner = CliRunner()
    args = [command[0], str(corpus), *command[1:]]
    uncached = runner.invoke(app, [*args, "--no-cache", "--jobs", "1"])
    cold = runner.invoke(app, [*args, "--jobs", "2"])
    warm = runner.invoke(app, args)
    assert uncached.output == cold.output == warm.output
    assert uncached.exit_code == cold.exit_code == warm.exit_code


def test_a_changed_file_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    agreement = folder / "x.yaml"
    agreement.write_text(
        "kind: agreement\nid: x\ntitle: T\nparties:\n  - {id: k, kind: municipality, name: K}\n"
        "  - {id: p, kind: police, name: P}\nperiod: {start: 2021-01-01, end: 2022-12-31}\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    first = runner.invoke(app, ["validate", str(folder), "--format", "concise"])
    assert first.exit_code == 0
    agreement.write_text(agreement.read_text(encoding="utf-8").replace("2022-12-31", "2020-12-31"), encoding="utf-8")
    second = runner.invoke(app, ["validate", str(folder), "--format", "concise"])
    assert second.exit_code == 1
    assert "SV101" in second.output


def test_a_path_that_appears_or_goes_is_not_answered_from_the_cache(tmp_path: Path) -> None:
    """The run's key holds what could not be found or read, not only the bytes of the files."""
    folder = tmp_path / "later"
    runner = CliRunner()
    missing = runner.invoke(app, ["validate", str(folder), "--format", "concise"])
    assert missing.exit_code == 1 and "SV013" in missing.output
    folder.mkdir()
    empty = runner.invoke(app, ["validate", str(folder), "--format", "concise"])
    assert empty.exit_code == 0, empty.output
    assert "SV013" not in empty.output
    folder.rmdir()
    gone = runner.invoke(app, ["validate", str(folder), "--format", "concise"])
    assert gone.exit_code == 1 and "SV013" in gone.output


def test_the_places_of_findings_are_kept_for_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file reported on is parsed for its lines and columns once; when another file changes,
    the next run takes them from the cache, and says the same."""
    import shutil

    from samverkan import source

    root = tmp_path / "agreements"
    shutil.copytree(Path(__file__).resolve().parent.parent / "agreements", root)
    cache = Cache(tmp_path / "cache")
    first = [line(d) for d in check([root], cache=cache).diagnostics]
    assert first, "the bundled agreements have notices"
    assert list((tmp_path / "cache" / "places").rglob("*"))
    parsed: list[str] = []
    parse_text = source.parse_text

    def counting(text: str, path: str, *, fast: bool = False) -> source.SourceFile:
        parsed.append(path)
        return parse_text(text, path, fast=fast)

    monkeypatch.setattr(source, "parse_text", counting)
    other = next(p for p in sorted(root.rglob("*.yaml")) if not any(str(p) in text for text in first))
    other.write_text(other.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
    assert [line(d) for d in check([root], cache=cache).diagnostics] == first
    assert parsed == [str(other)]  # the changed file only: no file is parsed again for its places


def _written(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        (["render", "--format", "html", "--as-of", "2025-06-01"], "lifecycle"),
        (["render", "--format", "md", "--document", "follow-up-report", "--as-of", "2025-06-01"], "lifecycle"),
        (["site", "--as-of", "2025-06-01"], "checked"),
    ],
)
def test_written_files_are_the_same_cold_warm_and_without_cache(
    corpus: Path, tmp_path: Path, command: list[str], kind: str
) -> None:
    """``render`` and ``site`` load the files they were given through the cache too: findings
    (a broken file is left out the same way), places (the calendar's lines) and documents
    (``site``) or their lifecycle summaries (``render``, which reads each whole document again
    when it makes it)."""
    runner = CliRunner()
    results = {}
    for run in ("uncached", "cold", "warm"):
        out = tmp_path / run
        args = [command[0], str(corpus), "--out", str(out), *command[1:]]
        result = runner.invoke(app, [*args, "--no-cache"] if run == "uncached" else args)
        results[run] = (result.exit_code, result.output.replace(str(out), "OUT"), _written(out))
    assert results["uncached"][2], "something was written"
    assert results["uncached"][0] == 1, "the corpus's broken files are left out"
    assert results["uncached"] == results["cold"] == results["warm"]
    kept = Path(os.environ["SAMVERKAN_CACHE_DIR"]) / kind
    assert len(list(kept.rglob("*"))) > PARALLEL_FROM, "the cold run kept the files it checked"


def _files_digest(folder: Path) -> str:
    import hashlib

    from samverkan.cache import _digest_files

    digest = hashlib.blake2b(digest_size=16)
    _digest_files(digest, str(folder), "", (".py", ".html"), deep=True)
    return digest.hexdigest()


def test_the_code_fingerprint_follows_each_code_file_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / "render").mkdir()
    (tmp_path / "render" / "page.html").write_text("<p>", encoding="utf-8")
    (tmp_path / "cli.py").write_text("x = 1\n", encoding="utf-8")
    first = _files_digest(tmp_path)
    assert _files_digest(tmp_path) == first
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "cli.py").write_text("y", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not code", encoding="utf-8")
    assert _files_digest(tmp_path) == first
    (tmp_path / "render" / "page.html").write_text("<p>!", encoding="utf-8")
    changed = _files_digest(tmp_path)
    assert changed != first
    (tmp_path / "render" / "page.html").rename(tmp_path / "render" / "other.html")
    assert _files_digest(tmp_path) not in (first, changed)


def test_the_code_fingerprint_does_not_follow_links_to_folders(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "a.py").write_text("x = 1\n", encoding="utf-8")
    first = _files_digest(tmp_path)
    (tmp_path / "rules" / "loop").symlink_to(tmp_path, target_is_directory=True)  # a loop
    (tmp_path / "elsewhere").symlink_to(tmp_path / "rules", target_is_directory=True)
    assert _files_digest(tmp_path) == first

"""Shared test helpers: the repository root, and the loader/schema findings of a run."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from samverkan.api import check
from samverkan.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parent.parent


def _loader_diagnostics(paths: Sequence[Path]) -> list[Diagnostic]:
    """What the loader and the schema report (codes SV0xx); the rules (SV1xx) are left out."""
    return [d for d in check(list(paths)).diagnostics if d.code.startswith("SV0")]


@pytest.fixture(scope="session")
def chromium() -> str:
    """The ``chromium`` command (see ``tests/headless.py``)."""
    from headless import find_chromium

    return find_chromium()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def broken_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated files, a tenth of them broken on purpose (``tests/generated.py``)."""
    from generated import write_corpus

    return write_corpus(tmp_path_factory.mktemp("broken-corpus"), 120, 11, 10.0)


@pytest.fixture(scope="session")
def loader_diagnostics() -> Callable[[Sequence[Path]], list[Diagnostic]]:
    return _loader_diagnostics


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run in English whatever the machine's locale; a test that wants Swedish says so."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C")
    from samverkan.i18n import set_language

    set_language("en")


@pytest.fixture(autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets an empty cache folder of its own, so no test sees another's results."""
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


def strip_sections(text: str) -> str:
    """A YAML file's text without its top-level ``sections:`` (and the comment lines just above it)."""
    lines = text.split("\n")
    if "sections:" not in lines:
        return text
    start = end = lines.index("sections:")
    while start and lines[start - 1].startswith("#"):
        start -= 1
    end += 1
    while end < len(lines) and (lines[end].startswith(" ") or not lines[end]):
        end += 1
    return "\n".join(lines[:start] + lines[end:])


@pytest.fixture(scope="session")
def generic(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Path]:
    """A copy of a bundled file (and the files beside it, which it may link to) without its own
    ``sections``: to check the default render, with the generic headings and sentences, of a real
    document that now gives its own."""

    def make(path: Path) -> Path:
        folder = tmp_path_factory.mktemp("generic")
        for other in path.parent.glob("*.yaml"):
            (folder / other.name).write_text(strip_sections(other.read_text(encoding="utf-8")), encoding="utf-8")
        return folder / path.name

    return make


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled agreements in ``tmp_path/agreements``; the current folder is ``tmp_path``."""
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository of agreements to work in: ``.git`` and ``agreements/`` in ``tmp_path``,
    the current folder, with a cache folder of its own."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "agreements").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path

"""Shared test helpers: the repository root, and the loader/schema findings of a run."""

from __future__ import annotations

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

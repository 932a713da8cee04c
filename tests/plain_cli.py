"""Running the CLI in tests as a user would, with nothing in the environment that changes
what it prints (a forced terminal, colours, a width, the locale)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from typer.testing import CliRunner, Result

from samverkan.cli import app

TERMINAL_ENV = (
    "FORCE_COLOR",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "GITHUB_ACTIONS",
    "SAMVERKAN_DEBUG",
)
"""Environment variables that would change what the CLI prints."""


def clear_env(monkeypatch: pytest.MonkeyPatch, names: Sequence[str] = TERMINAL_ENV) -> None:
    for name in names:
        monkeypatch.delenv(name, raising=False)


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    """``samverkan ARGS``; an exception other than the exit is a failure of the test."""
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result

"""Everyday use of the command line: readable --help, completion of option values, tables that
fit the terminal, ``render --out FILE``, options that repeat, and ``--lang`` after the command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from samverkan.cli import app

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"

_ENV = (
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
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
)
_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, with nothing in the environment that forces a terminal."""
    monkeypatch.chdir(ROOT)
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)


def _run(*args: str, env: dict[str, str] | None = None) -> Result:
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def _terminal(columns: int) -> dict[str, str]:
    """A terminal ``columns`` wide, without colour (bold stays; it is taken out before measuring)."""
    return {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": str(columns)}


# Tables that fit the terminal -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command", ["due", "status"])
def test_tables_fit_80_columns(command: str, lang: str) -> None:
    result = _run("--lang", lang, command, "agreements", "--as-of", "2022-05-21", env=_terminal(80))
    assert result.exit_code == 0, result.output
    lines = _SGR.sub("", result.stdout).splitlines()
    assert "─" * 80 in lines  # a Rich table, as wide as the terminal
    assert max(len(line) for line in lines) <= 80
    text = " ".join(" ".join(lines).split())
    assert "umea-2021" in text and "upplands-vasby-2021" in text
    assert ("141 dagar" if lang == "sv" else "141 days") in text
    assert ("försenad" if lang == "sv" else "overdue") in text


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_due_at_80_columns_leaves_out_state_and_responsible(lang: str) -> None:
    out = _SGR.sub("", _run("--lang", lang, "due", "--as-of", "2022-05-21", env=_terminal(80)).stdout)
    header = out.splitlines()[0].split()
    assert header == (["Senast", "När", "Dokument", "Vad"] if lang == "sv" else ["Due", "When", "Agreement", "What"])


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_status_at_80_columns_leaves_out_title_police_and_period(lang: str) -> None:
    out = _SGR.sub("", _run("--lang", lang, "status", "--as-of", "2022-05-21", env=_terminal(80)).stdout)
    header = out.splitlines()[0]
    assert ("Titel" if lang == "sv" else "Title") not in header
    assert ("Nästa frist" if lang == "sv" else "Next deadline") in header


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command", ["due", "status"])
def test_wide_shows_every_column_even_at_80(command: str, lang: str) -> None:
    out = _SGR.sub("", _run("--lang", lang, command, "--as-of", "2022-05-21", "--wide", env=_terminal(80)).stdout)
    column = {"due": ("Ansvarig", "Responsible"), "status": ("Period", "Period")}[command]
    words = " ".join(out.split())
    assert (column[0] if lang == "sv" else column[1]) in words
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command", ["due", "status"])
def test_160_columns_show_every_column_on_one_line_each(command: str, lang: str) -> None:
    out = _SGR.sub("", _run("--lang", lang, command, "--as-of", "2022-05-21", env=_terminal(160)).stdout)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 160
    first = {
        ("due", "en"): ["Due", "State", "When", "Agreement", "What", "Responsible"],
        ("due", "sv"): ["Senast", "Status", "När", "Dokument", "Vad", "Ansvarig"],
    }
    if command == "due":
        assert lines[0].split() == first[(command, lang)]
        assert any(line.startswith("2022-06-30  ") and "upplands-vasby-2021" in line for line in lines)
    else:
        assert "Period" in lines[0] or "Period" in lines[1]
        assert any("umea-2021" in line and "2021-01-01 – 2024-12-31" in line for line in lines)


def test_piped_tables_keep_every_column() -> None:
    out = _run("due", "--as-of", "2022-05-21").stdout
    assert out.splitlines()[0].split() == ["Due", "State", "When", "Agreement", "What", "Responsible"]

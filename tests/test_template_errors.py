"""A fault in a user's template is one located line, ``template error: path:line: …``, exit 1.

The place is the partial's own file and line, not the top template's: a partial saved as
Windows-1252, one that includes itself without end, a misspelt name inside a partial. Through
the CLI (``render --templates``, ``site --templates``), as a user meets them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from samverkan.cli import app

ROOT = Path(__file__).resolve().parent.parent
VASBY = ROOT / "agreements" / "upplands-vasby" / "upplands-vasby-2021.yaml"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "SAMVERKAN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def partial(folder: Path, name: str, data: bytes) -> str:
    """Write ``data`` as the user's partial ``name`` in ``folder``; its path as the error names it."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


def assert_located(result: Result, expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not an internal error
    assert result.stderr == f"samverkan: template error: {expected}\n"


@pytest.mark.parametrize(("fmt", "ext"), [("md", "md"), ("html", "html")])
def test_a_partial_saved_as_windows_1252(tmp_path: Path, fmt: str, ext: str) -> None:
    mall = tmp_path / "mall"
    text = "Underskrifter\n\nOrt och datum: Upplands Väsby\n".encode("cp1252")
    path = partial(mall, f"{fmt}/partials/signatures.{ext}", text)
    result = invoke("render", str(VASBY), "--as-of", "2022-05-01", "--format", fmt, "--templates", str(mall))
    assert_located(result, f"{path}:3: not UTF-8 text (byte 0xe4); save the file as UTF-8")


@pytest.mark.parametrize(("fmt", "ext"), [("md", "md"), ("html", "html")])
def test_a_partial_that_includes_itself(tmp_path: Path, fmt: str, ext: str) -> None:
    mall = tmp_path / "mall"
    name = f"{fmt}/partials/signatures.{ext}"
    path = partial(mall, name, f"Underskrifter\n\n{{% include '{name}' %}}\n".encode())
    result = invoke("render", str(VASBY), "--as-of", "2022-05-01", "--format", fmt, "--templates", str(mall))
    assert_located(result, f"{path}:3: a template includes itself, or calls itself, without end")


def test_a_misspelt_name_in_a_partial_names_the_partial(tmp_path: Path) -> None:
    mall = tmp_path / "mall"
    path = partial(mall, "html/partials/signatures.html", b"<p>\n{{ agreement.signin }}\n</p>\n")
    result = invoke("render", str(VASBY), "--as-of", "2022-05-01", "--format", "html", "--templates", str(mall))
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"samverkan: template error: {path}:2: UndefinedError: ")


def test_a_site_partial_saved_as_windows_1252_or_including_itself(tmp_path: Path) -> None:
    mall = tmp_path / "mall"
    name = "html/site/partials/timeline.html"
    path = partial(mall, name, "<p>Tidslinje för Umeå</p>\n".encode("cp1252"))
    result = invoke("site", str(VASBY), "--as-of", "2022-05-01", "--out", str(tmp_path / "s"), "--templates", str(mall))
    assert_located(result, f"{path}:1: not UTF-8 text (byte 0xf6); save the file as UTF-8")
    partial(mall, name, f"<p>\n{{% include '{name}' %}}\n".encode())
    result = invoke("site", str(VASBY), "--as-of", "2022-05-01", "--out", str(tmp_path / "s"), "--templates", str(mall))
    assert_located(result, f"{path}:2: a template includes itself, or calls itself, without end")


# A template's own Python error: the partial's file and line, exit 1, not an internal error -----

PYTHON_ERRORS = [
    pytest.param("{{ 1 // 0 }}", "ZeroDivisionError: integer division or modulo by zero", id="division-by-zero"),
    pytest.param('{{ "a" + 1 }}', "TypeError: ", id="str-plus-int"),
    pytest.param("{% for x in 3 %}{{ x }}{% endfor %}", "TypeError: ", id="for-over-an-int"),
    pytest.param('{{ "x" | date_sv }}', "TypeError: date_sv: needs a date, not str ('x')", id="date_sv-of-a-string"),
    pytest.param(
        "{{ 3 | month_year_sv }}", "TypeError: month_year_sv: needs a date, not int (3)", id="month_year_sv-of-an-int"
    ),
    pytest.param("{{ 3 | capfirst }}", "TypeError: capfirst: needs text, not int (3)", id="capfirst-of-an-int"),
]


@pytest.mark.parametrize(("expression", "error"), PYTHON_ERRORS)
def test_a_python_error_in_a_partial_is_located(tmp_path: Path, expression: str, error: str) -> None:
    mall = tmp_path / "mall"
    path = partial(mall, "html/partials/signatures.html", f"<p>\n{expression}\n</p>\n".encode())
    out = tmp_path / "o.html"
    result = invoke(
        "render", str(VASBY), "--as-of", "2022-05-01", "--format", "html", "--templates", str(mall), "-o", str(out)
    )
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not an internal error
    assert result.stderr.startswith(f"samverkan: template error: {path}:2: {error}"), result.stderr
    assert result.stderr.count("\n") == 1
    assert not out.exists()


def test_a_python_error_in_a_site_partial_is_located(tmp_path: Path) -> None:
    mall = tmp_path / "mall"
    path = partial(mall, "html/site/partials/timeline.html", b"<p>\n\n{{ 1 // 0 }}\n</p>\n")
    result = invoke("site", str(VASBY), "--as-of", "2022-05-01", "--out", str(tmp_path / "s"), "--templates", str(mall))
    assert_located(result, f"{path}:3: ZeroDivisionError: integer division or modulo by zero")

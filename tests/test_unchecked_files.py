"""A file that cannot be checked is never passed in silence.

A file that cannot be read, or fails the schema, has no document: no rule can check it and
``due``, ``status``, ``render`` and ``site`` have nothing to compute from. Its errors stay
errors whatever the configuration's ``select``, ``ignore`` and ``severity`` or the command
line's ``--select`` and ``--ignore`` say (as a linter reports a syntax error whatever rules are
chosen), so that ``validate`` fails and the other commands name the file as left out rather
than leave its agreement's deadlines out unsaid. A finding in a file that has a document (a
duplicate key keeps the first value; a rule's finding) keeps its configured severity.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samverkan.cli import app

ROOT = Path(__file__).resolve().parent.parent
UMEA = ROOT / "agreements" / "umea" / "umea-2021.yaml"

runner = CliRunner()

CONFIGS = {
    "ignored by prefix": 'ignore = ["SV0"]\n',
    "ignored by a wider prefix": 'ignore = ["SV"]\n',
    "not selected": 'select = ["SV110"]\n',
}
REFUSED = {
    "a warning": 'severity = { SV020 = "warning" }\n',
    "a notice": 'severity = { SV021 = "notice" }\n',
    "ignored": 'ignore = ["SV020"]\n',
    "ignored, in lower case": 'ignore = ["sv001"]\n',
}


@pytest.fixture
def folder(repository: Path) -> Path:
    text = UMEA.read_text(encoding="utf-8").replace("\npurpose:", "\npurpse:", 1)
    (repository / "agreements" / "umea-2021.yaml").write_text(text, encoding="utf-8")
    return repository


@pytest.mark.parametrize("config", CONFIGS)
def test_validate_fails_on_a_file_that_fails_the_schema(folder: Path, config: str) -> None:
    (folder / "samverkan.toml").write_text(CONFIGS[config], encoding="utf-8")
    done = runner.invoke(app, ["validate", "--format", "concise", "--no-cache"])
    assert done.exit_code == 1, done.output
    assert "agreements/umea-2021.yaml:9:1: error[SV020] unknown key 'purpse'" in done.output


@pytest.mark.parametrize("config", REFUSED)
def test_a_configuration_that_would_pass_it_is_refused(folder: Path, config: str) -> None:
    (folder / "samverkan.toml").write_text(REFUSED[config], encoding="utf-8")
    done = runner.invoke(app, ["validate", "--no-cache"])
    assert done.exit_code == 2, done.output
    assert "stays an error: a file with it cannot be read or does not match the schema" in done.output


@pytest.mark.parametrize("option", [["--select", "SV110"], ["--ignore", "SV020"], ["--ignore", "SV"]])
def test_the_command_line_cannot_pass_it_either(folder: Path, option: list[str]) -> None:
    done = runner.invoke(app, ["validate", "--format", "concise", "--no-cache", *option])
    assert done.exit_code == 1, done.output
    assert "error[SV020]" in done.output


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("command", [["due", "--all"], ["status"]])
def test_due_and_status_name_it_as_left_out(folder: Path, config: str, command: list[str]) -> None:
    (folder / "samverkan.toml").write_text(CONFIGS[config], encoding="utf-8")
    done = runner.invoke(app, [*command, "--as-of", "2021-06-01", "--no-cache"])
    assert done.exit_code == 1, done.output
    assert "1 file left out because of errors: agreements/umea-2021.yaml" in done.output


def test_a_duplicate_key_keeps_its_configured_severity(folder: Path) -> None:
    """The first value of a duplicate key is kept: the file has a document, so SV002 can be a warning."""
    shutil.copy(UMEA, folder / "agreements" / "umea-2021.yaml")
    path = folder / "agreements" / "umea-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "kind: agreement\n", encoding="utf-8")
    done = runner.invoke(app, ["validate", "--format", "concise", "--no-cache"])
    assert done.exit_code == 1 and "error[SV002]" in done.output, done.output
    (folder / "samverkan.toml").write_text('severity = { SV002 = "warning" }\n', encoding="utf-8")
    done = runner.invoke(app, ["validate", "--format", "concise", "--no-cache"])
    assert done.exit_code == 0 and "warning[SV002]" in done.output, done.output
    due = runner.invoke(app, ["due", "--all", "--as-of", "2021-06-01", "--no-cache"])
    assert due.exit_code == 0 and "umea-2021" in due.output, due.output


def test_a_missing_path_cannot_be_ignored(folder: Path) -> None:
    done = runner.invoke(app, ["validate", "--no-cache", "--ignore", "SV013", "agreements/gone.yaml"])
    assert done.exit_code == 1, done.output
    assert "SV013" in done.output


@pytest.mark.parametrize(
    ("config", "expected"), [('ignore = ["SV002"]\n', None), ('severity = { SV002 = "notice" }\n', "notice[SV002]")]
)
def test_a_duplicate_key_in_a_file_that_fails_the_schema_is_configured_as_elsewhere(
    folder: Path, config: str, expected: str | None
) -> None:
    """Only the errors that leave a file without a document stay errors: its SV002 follows the configuration."""
    path = folder / "agreements" / "umea-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "kind: agreement\n", encoding="utf-8")
    (folder / "samverkan.toml").write_text(config, encoding="utf-8")
    done = runner.invoke(app, ["validate", "--format", "concise", "--no-cache"])
    assert done.exit_code == 1 and "error[SV020]" in done.output, done.output
    assert "error[SV002]" not in done.output
    assert (expected in done.output) if expected is not None else "SV002" not in done.output

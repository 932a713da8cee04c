"""The command line: exit codes, version, help, missing paths and the last line of defence.

Exit codes: 0 nothing that fails, 1 findings that fail (errors; warnings too with --strict),
2 usage error (bad option, unknown format or rule code, unusable configuration), 3 internal
error (a bug: one line and a hint, no traceback).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import samverkan.api
from samverkan import __version__
from samverkan.cli import app, main

CLEAN = """\
kind: agreement
id: umea-2024
title: Samverkansöverenskommelse [Umeå] 2024–2027
parties:
  - id: umea
    kind: municipality
    name: Umeå kommun
  - id: polisen
    kind: police
    name: Lokalpolisområde Umeå
period:
  start: 2024-01-01
  end: 2027-12-31
situation_picture:
  date: 2023-11-01
  mapping: Kartläggning av brottsligheten.
  other_information: Trygghetsmätning.
  analysis: Analys.
action_plans:
  - id: atgardsplan
    title: Åtgärdsplan
    based_on_situation_picture: true
    decision: {body: Kommunstyrelsen, date: 2023-12-01}
coordinating_function: {name: Samordnare för brottsförebyggande arbete}
"""
"""An agreement with nothing to report, the statutory check (LAW…) included."""

BACKWARDS = CLEAN.replace("2027-12-31", "2023-12-31")


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run inside an empty ``tmp_path``, colour off, not under GitHub Actions."""
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "SAMVERKAN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Exit codes -------------------------------------------------------------------------------


def test_exit_0_when_clean(tmp_path: Path) -> None:
    write(tmp_path, "agreements/umea.yaml", CLEAN)
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 file checked: 0 errors, 0 warnings, 0 notices\n"
    assert result.stderr == ""


def test_exit_1_on_findings(tmp_path: Path) -> None:
    write(tmp_path, "agreements/umea.yaml", BACKWARDS)
    result = invoke("validate", "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout.startswith("agreements/umea.yaml:13:8: error[SV101] ")


def test_exit_1_on_a_schema_error(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", CLEAN + "titel: x\n")
    result = invoke("validate", "a.yaml", "-f", "concise")
    assert result.exit_code == 1
    assert "a.yaml:25:1: error[SV020] unknown key 'titel'" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--format", "xml"], "Invalid value for --format"),
        (["validate", "--bogus"], "No such option: --bogus"),
        (["validate", "--select", "SV999"], "unknown rule code 'SV999'"),
        (["validate", "--ignore", "ZZ"], "unknown rule code 'ZZ'"),
        (["nonsense"], "No such command"),
    ],
)
def test_exit_2_on_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    write(tmp_path, "agreements/umea.yaml", BACKWARDS)
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_lists_the_choices() -> None:
    result = invoke("validate", "--format", "xml")
    assert "choose from text, concise, json, github, sarif, junit" in result.stderr


# Version and help -------------------------------------------------------------------------


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"samverkan {__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_commands(flag: str) -> None:
    result = invoke(flag)
    assert result.exit_code == 0
    assert "validate" in result.stdout
    assert "schema" in result.stdout
    assert "--version" in result.stdout


def test_no_arguments_shows_help() -> None:
    result = invoke()
    assert "validate" in result.output
    assert "Usage:" in result.output


def test_validate_help_documents_exit_codes() -> None:
    result = invoke("validate", "--help")
    assert result.exit_code == 0
    for option in ("--format", "--select", "--ignore", "--strict", "--config"):
        assert option in result.stdout
    assert "Exit codes" in result.stdout


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "samverkan", "--version"], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"samverkan {__version__}\n"


# Paths ------------------------------------------------------------------------------------


def test_missing_path_is_a_located_error(tmp_path: Path) -> None:
    result = invoke("validate", "nowhere/umea.yaml", "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "nowhere/umea.yaml: error[SV013] no such file or folder"
    assert "Traceback" not in result.output


def test_missing_default_folder(tmp_path: Path) -> None:
    result = invoke("validate", "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "agreements: error[SV013] no such file or folder"


def test_missing_path_among_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "agreements/umea.yaml", CLEAN)
    result = invoke("validate", "agreements", "gone.yaml", "-f", "concise")
    assert result.exit_code == 1
    assert result.stdout == (
        "gone.yaml: error[SV013] no such file or folder\n1 file checked: 1 error, 0 warnings, 0 notices\n"
    )


def test_a_path_that_is_not_a_file_says_what_it_is() -> None:
    result = invoke("validate", os.devnull, "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        f"{os.devnull}: error[SV012] not a regular file (a device, a pipe or a socket); name a YAML file or a folder"
    )


def test_a_broken_link_is_reported_named_or_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path, "agreements/umea.yaml", CLEAN)
    (tmp_path / "agreements" / "gone.yaml").symlink_to(tmp_path / "elsewhere" / "gone.yaml")
    (tmp_path / "agreements" / "gone-folder").symlink_to(tmp_path / "elsewhere")  # not YAML: not looked at
    target = tmp_path / "elsewhere" / "gone.yaml"
    said = f"agreements/gone.yaml: error[SV012] broken symbolic link: its target {target} does not exist"
    for path in ("agreements", "agreements/gone.yaml"):
        result = invoke("validate", path, "-f", "concise")
        assert result.exit_code == 1
        assert result.stdout.splitlines()[0] == said
    assert "1 file checked: 1 error" in invoke("validate", "agreements", "-f", "concise").stdout


def test_a_pipe_named_as_yaml_in_a_folder_is_reported_not_read(tmp_path: Path) -> None:
    write(tmp_path, "agreements/umea.yaml", CLEAN)
    os.mkfifo(tmp_path / "agreements" / "pipe.yaml")  # reading it would wait for ever
    result = invoke("validate", "agreements", "-f", "concise")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("agreements/pipe.yaml: error[SV012] not a regular file")


def test_text_output_keeps_brackets_and_shows_the_line(tmp_path: Path) -> None:
    write(tmp_path, "agreements/umea.yaml", BACKWARDS.replace("title: ", "titel: "))
    result = invoke("validate")
    assert result.exit_code == 1
    assert "titel: Samverkansöverenskommelse [Umeå] 2024–2027" in result.stdout
    assert "\x1b[" not in result.stdout


def test_a_folder_is_read_recursively_and_hidden_folders_skipped(tmp_path: Path) -> None:
    write(tmp_path, "agreements/2024/umea.yaml", CLEAN)
    write(tmp_path, "agreements/.git/x.yaml", "not: [valid")
    write(tmp_path, "agreements/notes.txt", "not yaml")
    result = invoke("validate", "-f", "concise")
    assert result.exit_code == 0
    assert result.stdout == "1 file checked: 0 errors, 0 warnings, 0 notices\n"


# The last line of defence -----------------------------------------------------------------


def _explode(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def test_internal_error_is_one_line_and_a_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "agreements/umea.yaml", CLEAN)
    monkeypatch.setattr(samverkan.api, "check", _explode)
    monkeypatch.setattr(sys, "argv", ["samverkan", "validate"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.splitlines() == [
        "samverkan: internal error: RuntimeError: boom",
        "hint: this is a bug in samverkan; run again with SAMVERKAN_DEBUG=1 for details",
    ]


def test_a_file_written_to_during_the_run_is_not_called_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from samverkan.discovery import ChangedWhileRead

    def changed(*args: object, **kwargs: object) -> None:
        raise ChangedWhileRead("agreements/umea.yaml")

    write(tmp_path, "agreements/umea.yaml", CLEAN)
    monkeypatch.setattr(samverkan.api, "check", changed)
    monkeypatch.setattr(sys, "argv", ["samverkan", "validate"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 4  # not 1: no findings were reported, a CI job must not read it so
    assert capsys.readouterr().err.splitlines() == [
        "samverkan: agreements/umea.yaml changed while it was being read; run the command again"
    ]


def test_internal_error_with_debug_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(samverkan.api, "check", _explode)
    monkeypatch.setattr(sys, "argv", ["samverkan", "validate"])
    monkeypatch.setenv("SAMVERKAN_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        main()


def test_main_passes_exit_codes_through(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "agreements/umea.yaml", BACKWARDS)
    monkeypatch.setattr(sys, "argv", ["samverkan", "validate", "-f", "json"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 1
    monkeypatch.setattr(sys, "argv", ["samverkan", "validate", "--format", "xml"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2


def test_interrupt_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(samverkan.api, "check", interrupt)
    monkeypatch.setattr(sys, "argv", ["samverkan", "validate"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 130

"""``validate`` without Typer (:mod:`samverkan.cli_fast`): the same output, exit code and files
as through Typer for every command line it takes, and Typer for every one it does not.

Each command line runs twice in this process: through :func:`samverkan.cli_fast.fast_validate`
(printing to the real, captured streams) and through Typer's ``CliRunner`` on the app the
program makes (:func:`samverkan.cli.command_app`). Both read the files afresh (``--no-cache``
where the line says, else each with a cache folder of its own).
"""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samverkan import cli_fast
from samverkan.cli import app, command_app
from samverkan.cli_fast import FLAGS, VALUED, ValidateCall, fast_validate, read_validate
from samverkan.cli_run import validate_files
from samverkan.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent

CONFIG = 'ignore = ["SV101"]\nseverity = { SV110 = "error" }\n'

TAKEN = [
    ["validate", "agreements/uppsala/uppsala-2014.yaml"],
    ["validate", "agreements/uppsala/uppsala-2014.yaml", "agreements/filipstad/filipstad-2025.yaml", "--no-cache"],
    ["validate", "tests/cases/invalid", "--no-cache", "-f", "concise"],
    ["validate", "tests/cases/invalid", "--format=json"],
    ["validate", "tests/cases/invalid", "-f", "sarif", "--no-cache"],
    ["validate", "tests/cases/invalid", "--format", "junit"],
    ["validate", "tests/cases/invalid", "-f", "github"],
    ["--lang", "sv", "validate", "tests/cases/invalid", "--no-cache"],
    ["--lang=en", "validate", "--lang", "SV", "tests/cases/lifecycle"],
    ["validate", "--lang=sv", "--lang", "en", "tests/cases/valid"],
    ["validate", "--documents-only", "tests/cases/valid", "tests/cases/left-out"],
    ["validate", "--strict", "tests/cases/valid/yaml-styles.yaml"],
    ["validate", "--strict", "--no-strict", "tests/cases/valid/yaml-styles.yaml"],
    ["validate", "--no-strict", "--strict", "tests/cases/valid/yaml-styles.yaml"],
    ["validate", "--select", "SV0", "--select=SV1", "--ignore", "SV101", "tests/cases/invalid", "--no-cache"],
    ["validate", "--config", "CONFIG", "tests/cases/invalid"],
    ["validate", "-j", "2", "tests/cases/invalid", "--no-cache", "-f", "concise"],
    ["validate", "--jobs=1", "tests/cases/valid"],
    ["validate", "no/such/file.yaml"],
    ["validate", "README.md", "agreements/uppsala"],
    ["validate"],
]
"""Command lines :mod:`samverkan.cli_fast` runs itself (``CONFIG``: a configuration file)."""

LEFT_TO_TYPER = [
    [],
    ["--help"],
    ["--version"],
    ["valdate"],
    ["due", "agreements"],
    ["--lang", "sv"],
    ["--lang", "fr", "validate"],
    ["--format", "json", "validate"],
    ["validate", "--help"],
    ["validate", "-h"],
    ["validate", "--", "agreements"],
    ["validate", "-"],
    ["validate", ""],
    ["validate", "--format"],
    ["validate", "--format", "-x", "agreements"],
    ["validate", "--format="],
    ["validate", "-fjson", "agreements"],
    ["validate", "--no-cache=1", "agreements"],
    ["validate", "--jobs", "0"],
    ["validate", "--jobs", "two"],
    ["validate", "-j", "+2"],
    ["validate", "--lang", "de"],
    ["validate", "--lang="],
    ["validate", "--unknown"],
    ["validate", "--no-documents-only"],
]
"""Command lines that :func:`~samverkan.cli_fast.read_validate` leaves to Typer."""

UNUSABLE = [
    ["validate", "-f", "nope", "agreements"],
    ["validate", "--select", "ZZ9", "agreements"],
    ["validate", "--config", "BROKEN", "agreements"],
    ["validate", "--config", "no/such.toml", "agreements"],
]
"""Command lines read without Typer whose values only the command finds unusable: Typer reports them."""


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Run in the repository, plain output, not under GitHub Actions; ``CONFIG`` and ``BROKEN`` files."""
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "TTY_COMPATIBLE", "SAMVERKAN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(ROOT)
    (tmp_path / "samverkan.toml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "broken.toml").write_text("[tool.samverkan\n", encoding="utf-8")
    return tmp_path


def _with_files(args: list[str], folder: Path) -> list[str]:
    names = {"CONFIG": str(folder / "samverkan.toml"), "BROKEN": str(folder / "broken.toml")}
    return [names.get(a, a) for a in args]


def _through_typer(args: list[str]) -> tuple[int, str, str]:
    set_language("en")
    result = CliRunner().invoke(command_app(args), args, prog_name="samverkan")
    return result.exit_code, result.stdout, result.stderr


def _fast(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, str, str]:
    set_language("en")
    capsys.readouterr()
    code = fast_validate(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("args", TAKEN, ids=" ".join)
def test_the_fast_path_says_what_typer_says(
    args: list[str], at_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = _with_files(args, at_root)
    fast = _fast(args, capsys)
    assert fast[0] is not None, "left to Typer"
    assert fast == _through_typer(args)
    assert fast[1] or fast[2]


def test_under_github_actions_the_default_format_is_github(
    at_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    args = ["validate", "tests/cases/invalid"]
    fast = _fast(args, capsys)
    assert fast == _through_typer(args)
    assert "::error file=" in fast[1]


def test_the_language_of_the_locale_is_the_same_both_ways(
    at_root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "sv_SE.UTF-8")
    args = ["validate", "tests/cases/invalid", "-f", "concise"]
    fast = _fast(args, capsys)
    assert fast == _through_typer(args)
    assert "filer kontrollerade" in fast[1]


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=lambda a: " ".join(a) or "(nothing)")
def test_what_it_does_not_know_goes_to_typer(args: list[str]) -> None:
    assert read_validate(args, {}) is None


def test_shell_completion_goes_to_typer() -> None:
    assert read_validate(["validate", "x.yaml"], {"_SAMVERKAN_COMPLETE": "complete_bash"}) is None
    assert read_validate(["validate", "x.yaml"], {"_TYPER_COMPLETE_ARGS": "x"}) is None
    assert read_validate(["validate", "x.yaml"], {"HOME": "/"}) is not None


@pytest.mark.parametrize("args", UNUSABLE, ids=" ".join)
def test_a_value_the_command_cannot_use_is_left_to_typer_before_anything_is_printed(
    args: list[str], at_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = _with_files(args, at_root)
    assert read_validate(args, {}) is not None
    assert _fast(args, capsys) == (None, "", "")
    code, _out, err = _through_typer(args)
    assert code == 2 and err


def test_a_line_is_read_as_typer_reads_it() -> None:
    call = read_validate(
        ["--lang", "en", "validate", "a.yaml", "-f", "json", "--select=SV1", "--select", "SV0", "b",
         "--jobs", "3", "--strict", "--no-strict", "--config", "c.toml", "--lang=sv", "--documents-only",
         "--no-cache", "-j", "2"],
        {},
    )  # fmt: skip
    assert call == ValidateCall(
        paths=[Path("a.yaml"), Path("b")],
        lang="sv",
        options={
            "output_format": "json",
            "select": ["SV1", "SV0"],
            "jobs": 2,
            "strict": False,
            "config": Path("c.toml"),
            "documents_only": True,
            "no_cache": True,
        },
    )


def _validate_command() -> typer.main.TyperCommand:
    command = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    assert isinstance(command, typer.main.TyperCommand)
    return command


def test_it_knows_only_options_of_typers_validate_by_the_same_names() -> None:
    """Every word :mod:`~samverkan.cli_fast` reads is an option of ``validate``, setting the
    parameter of the same name; and every option of ``validate`` is one it reads (a new option
    left out would go to Typer, which is safe but slow: this test asks to add it)."""
    typer_options = {
        opt: param
        for param in _validate_command().params
        if param.param_type_name == "option"
        for opt in [*param.opts, *param.secondary_opts]
    }
    assert set(typer_options) == set(FLAGS) | set(VALUED)
    for opt, (key, _value) in FLAGS.items():
        assert typer_options[opt].name == key and typer_options[opt].is_flag, opt
    for opt, key in VALUED.items():
        assert typer_options[opt].name == key and not typer_options[opt].is_flag, opt


def test_validate_files_takes_typers_defaults() -> None:
    """What ``validate_files`` is not given is what Typer gives when the option is not on the line."""
    defaults = {name: p.default for name, p in inspect.signature(validate_files).parameters.items()}
    for param in _validate_command().params:
        if param.name == "lang":  # the language is set before, not passed
            continue
        assert param.name in defaults, param.name
        assert defaults[param.name] == param.default, param.name


_PROGRAM = """
import contextlib, io, sys
from samverkan.cli_fast import process
sys.argv = ["samverkan", *sys.argv[1:]]
with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
    process()
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    ("args", "typer_imported"),
    [
        (["validate", "--no-cache", "agreements/uppsala/uppsala-2014.yaml"], False),
        (["validate", "-f", "nope", "agreements/uppsala/uppsala-2014.yaml"], True),
        (["validate", "--help"], True),
        (["--help"], False),
        (["-h"], False),
        (["--version"], True),
    ],
)
def test_the_program_imports_typer_only_when_typer_runs(args: list[str], typer_imported: bool, tmp_path: Path) -> None:
    env = {**os.environ, "SAMVERKAN_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, *args], capture_output=True, text=True, env=env, check=True, cwd=ROOT
    )
    imported = {name.split(".")[0] for name in done.stdout.split()}
    assert ("typer" in imported) is typer_imported
    assert "samverkan" in imported


def test_a_path_that_is_there_and_cannot_be_read_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer's ``Path`` refuses a path this process may not read (a usage error): so does the fast path."""
    assert read_validate(["validate", "README.md", "--config", "pyproject.toml"], {}) is not None
    monkeypatch.setattr(cli_fast.os, "access", lambda path, mode: False)
    assert read_validate(["validate", "README.md"], {}) is None
    assert read_validate(["validate", "--config", "pyproject.toml"], {}) is None
    assert read_validate(["validate", "no/such/file.yaml", "--config=no/such.toml"], {}) is not None
    assert read_validate(["validate", "a\x00b"], {}) is None


def test_an_interrupt_while_starting_ends_quietly_with_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    from samverkan import collector

    monkeypatch.setattr(cli_fast, "_dispatch", interrupted)
    monkeypatch.setattr(collector, "off_for_process", lambda: None)  # the collector stays on for the tests
    with pytest.raises(SystemExit) as ended:
        cli_fast.process()
    assert ended.value.code == 130


def test_an_interrupt_ends_with_130_as_under_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: ValidateCall) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(ValidateCall, "run", interrupted)
    assert fast_validate(["validate", "x.yaml"]) == 130


def test_the_program_runs_the_fast_path_and_typer(tmp_path: Path) -> None:
    """``python -m samverkan``: validate without Typer, and a usage error through it."""
    env = {**os.environ, "SAMVERKAN_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    ran = subprocess.run(
        [sys.executable, "-m", "samverkan", "validate", "agreements/uppsala/uppsala-2014.yaml"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert (ran.returncode, ran.stderr) == (0, "")
    assert ran.stdout.endswith("1 file checked: 0 errors, 0 warnings, 0 notices\n")
    wrong = subprocess.run(
        [sys.executable, "-m", "samverkan", "validate", "-f", "nope", "agreements"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert wrong.returncode == 2
    assert "Invalid value for --format: choose from" in wrong.stderr


# Any line it reads, Typer reads the same -------------------------------------------------------

WORDS = [
    *["a.yaml", "b", "sv", "validate", "--no-cache", "--documents-only", "--strict", "--no-strict"],
    *["-f", "--format", "json", "--format=concise", "-j", "--jobs", "2", "0", "--jobs=3", "--select"],
    *["SV1", "--select=LAW", "--ignore", "--ignore=SV0", "--config", "c.toml", "--config=d.toml"],
    *["--lang", "EN", "--lang=sv", "--lang=fr", "--", "-", "-x", "", "--format=", "-fjson", "--help"],
]
"""Words a line is made of: paths, every option of ``validate`` in every spelling, values
Typer takes and refuses, and words that only Typer reads."""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=9), st.sampled_from([[], ["--lang", "sv"], ["--lang=en"]]))
def test_any_line_it_reads_typer_reads_the_same(words: list[str], before: list[str]) -> None:
    """Where :func:`read_validate` takes a line, Typer takes it too, and both call
    ``validate_files`` with the same values in the same language."""
    from samverkan import cli_run
    from samverkan.i18n import current

    args = [*before, "validate", *words]
    if read_validate(args, {}) is None:
        return
    calls: list[tuple[object, ...]] = []

    def recorded(paths: object = None, **options: object) -> int:
        calls.append((paths, options, current()))
        return 0

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli_run, "validate_files", recorded)
        set_language("en")
        assert fast_validate(args) == 0
        set_language("en")
        result = CliRunner().invoke(command_app(args), args, prog_name="samverkan")
    assert result.exit_code == 0, result.output
    (fast_paths, fast_options, fast_lang), (paths, options, lang) = calls
    defaults = {k: v.default for k, v in inspect.signature(validate_files).parameters.items() if k != "paths"}
    assert (fast_paths, fast_lang) == (paths or None, lang)
    assert {**defaults, **fast_options} == {k: list(v) if isinstance(v, tuple) else v for k, v in options.items()}

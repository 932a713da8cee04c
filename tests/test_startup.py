"""A start-up that fits a hook (issue 13): the schema's validator kept in the cache folder between
runs, plain text without Rich, and the settings of a samverkan process.

The models defer building their validators; :func:`samverkan.validation.validator_for` keeps
``DocumentRoot``'s built validator in the cache folder and the next process unpickles it. A
validator read from the cache must give what the one Pydantic builds gives, on every test case:
the same documents and the same errors at the same locations. The cache is optional: an entry
that cannot be read is a miss, and without a cache (``SAMVERKAN_NO_CACHE``, a folder that cannot
be written) the validator is built as before.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import SchemaValidator

from samverkan import validation
from samverkan.cache import Cache, open_cache
from samverkan.diagnostics import Diagnostic, Severity, Span
from samverkan.i18n import verbatim
from samverkan.model import DocumentRoot, DocumentType
from samverkan.report import Report
from samverkan.reporters import text as text_reporter
from samverkan.source import SourceFile, read_source
from samverkan.validation import validate_source

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").rglob("*.yaml"))
PARSED = [p for p in CASES if read_source(p).located is not None]
"""The cases that reach the schema: the others fail in the YAML loader."""


def _data(path: Path) -> Any:
    source = read_source(path)
    assert source.located is not None, f"{path} does not parse; these tests need data"
    return source.located.data


def _plain(value: Any) -> Any:
    """An error's ``ctx`` with exceptions as their type and text (exceptions are never equal)."""
    if isinstance(value, BaseException):
        return (type(value).__name__, str(value), getattr(value, "message", None))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _outcome(validate: Any, data: Any) -> tuple[Any, Any]:
    """The document, or the errors: type, loc, msg, input and context of each."""
    try:
        return validate(data), None
    except ValidationError as exc:
        return None, [_plain(e) for e in exc.errors(include_url=False)]


def _entry(cache: Cache) -> Path:
    return (
        cache.folder
        / validation._VALIDATORS
        / validation._validator_key(DocumentRoot)[:2]
        / (validation._validator_key(DocumentRoot))
    )


@pytest.fixture
def cache() -> Cache:
    found = open_cache()
    assert found is not None
    return found


@pytest.fixture
def stored(cache: Cache) -> SchemaValidator:
    """The validator as a later process reads it: kept by a first use, then unpickled."""
    validation._cached_validator(DocumentRoot)
    assert _entry(cache).is_file()
    kept = validation._stored_validator(DocumentRoot, cache.get(validation._VALIDATORS, _entry(cache).name))
    assert kept is not None
    return kept


def test_there_are_cases() -> None:
    assert len(CASES) >= 120
    assert len(PARSED) >= 90


@pytest.mark.parametrize("case", PARSED, ids=[str(p.relative_to(ROOT / "tests" / "cases")) for p in PARSED])
def test_validator_from_the_cache_validates_as_pydantic_builds_it(case: Path, stored: SchemaValidator) -> None:
    data = _data(case)
    expected = _outcome(DocumentRoot.model_validate, data)
    actual = _outcome(stored.validate_python, data)
    assert actual == expected
    if expected[0] is not None:
        assert type(actual[0]) is DocumentRoot
        assert repr(actual[0]) == repr(expected[0])


def test_every_case_gives_the_same_diagnostics_from_the_cache(
    stored: SchemaValidator, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = [read_source(p) for p in CASES]

    def run() -> list[Any]:
        out = []
        for source in sources:
            document, problems = validate_source(source, DocumentRoot)
            said = [(d.code, d.severity, d.span, d.said(), d.hint_said(), d.data) for d in problems]
            out.append((document, said))
        return out

    monkeypatch.setitem(validation._validators, DocumentRoot, DocumentRoot.__pydantic_validator__)
    built = run()
    monkeypatch.setitem(validation._validators, DocumentRoot, stored)
    cached = run()
    assert cached == built
    assert sum(1 for _, problems in built if problems) >= 50  # the invalid cases are among them


def test_a_corrupt_entry_is_a_miss(cache: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    validation._cached_validator(DocumentRoot)
    entry = _entry(cache)
    good = entry.read_bytes()
    data = _data(ROOT / "agreements" / "uppsala" / "uppsala-2014.yaml")
    expected = _outcome(DocumentRoot.model_validate, data)
    for broken in (b"", b"not a pickle", good[: len(good) // 2], good[:-7] + b"garbage"):
        entry.write_bytes(broken)
        assert validation._stored_validator(DocumentRoot, cache.get(validation._VALIDATORS, entry.name)) is None
        monkeypatch.delitem(validation._validators, DocumentRoot, raising=False)
        validator = validation._cached_validator(DocumentRoot)
        assert _outcome(validator.validate_python, data) == expected
        assert entry.read_bytes() == good  # the miss stored the validator again


def test_an_entry_for_another_model_or_of_another_shape_is_a_miss() -> None:
    import pickle

    from samverkan.model import Agreement

    validator = DocumentRoot.__pydantic_validator__
    name = "samverkan.model.root.DocumentRoot"
    assert validation._stored_validator(DocumentRoot, pickle.dumps((name, validator))) is not None
    assert validation._stored_validator(DocumentRoot, pickle.dumps(("DocumentRoot", validator))) is None
    assert validation._stored_validator(Agreement, pickle.dumps((name, validator))) is None
    assert validation._stored_validator(DocumentType, pickle.dumps((name, validator))) is None
    assert validation._stored_validator(DocumentRoot, pickle.dumps((name, "validator"))) is None
    assert validation._stored_validator(DocumentRoot, pickle.dumps([name])) is None
    assert validation._stored_validator(DocumentRoot, (name, validator)) is None  # not bytes


def test_without_a_cache_nothing_is_kept(cache: Cache, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMVERKAN_NO_CACHE", "1")
    validator = validation._cached_validator(DocumentRoot)
    assert not (cache.folder / validation._VALIDATORS).exists()
    data = _data(ROOT / "agreements" / "uppsala" / "uppsala-2014.yaml")
    assert _outcome(validator.validate_python, data) == _outcome(DocumentRoot.model_validate, data)


def test_a_folder_that_cannot_be_written_builds_the_validator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder the user may not write (simulated: the tests may run as root, whom a
    read-only folder does not stop): the validator is built and nothing is kept."""
    import samverkan.cache

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(samverkan.cache.tempfile, "mkstemp", refuse)
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(tmp_path / "cache"))
    validator = validation._cached_validator(DocumentRoot)
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    data = _data(ROOT / "agreements" / "uppsala" / "uppsala-2014.yaml")
    assert _outcome(validator.validate_python, data) == _outcome(DocumentRoot.model_validate, data)


def test_a_cache_path_that_is_a_file_builds_the_validator(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(tmp_path / "cache"))
    validator = validation._cached_validator(DocumentRoot)
    data = _data(ROOT / "agreements" / "uppsala" / "uppsala-2014.yaml")
    assert _outcome(validator.validate_python, data) == _outcome(DocumentRoot.model_validate, data)


def test_the_key_follows_the_code() -> None:
    key = validation._validator_key(DocumentRoot)
    assert len(key) == 40
    from samverkan.model import Agreement

    assert validation._validator_key(Agreement) != key


_PROGRAM = """
import json, sys
from pathlib import Path
from pydantic import ValidationError
from samverkan.model import DocumentRoot, DocumentType
from samverkan.source import read_source
from samverkan.validation import validate_source
from samverkan.reporters.concise import line
out = {}
for name in sys.argv[1:]:
    document, problems = validate_source(read_source(Path(name)), DocumentRoot)
    out[name] = [repr(document), [line(d) for d in problems]]
out["built by pydantic"] = DocumentRoot.__pydantic_complete__
print(json.dumps(out))
"""


def _process(cache: Path, files: list[str]) -> dict[str, Any]:
    env = {**os.environ, "SAMVERKAN_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT / "src")}
    env.pop("SAMVERKAN_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", _PROGRAM, *files], capture_output=True, text=True, env=env, check=True, cwd=ROOT
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_a_second_process_reads_the_validator_and_says_the_same(tmp_path: Path) -> None:
    files = [str(p.relative_to(ROOT)) for p in CASES]
    first = _process(tmp_path, files)
    second = _process(tmp_path, files)
    assert first.pop("built by pydantic") is True  # a miss: Pydantic built it, and it was kept
    assert second.pop("built by pydantic") is False  # a hit: read from the cache, nothing built
    assert second == first
    entries = list((tmp_path / validation._VALIDATORS).rglob("*"))
    for entry in (e for e in entries if e.is_file()):
        entry.write_bytes(b"\x80\x05garbage")
    third = _process(tmp_path, files)
    assert third.pop("built by pydantic") is True
    assert third == first


# The text reporter without Rich ----------------------------------------------------------------


def _rich(report: Report) -> str:
    """What the text reporter printed before it wrote plain output itself: Rich, all of it."""
    from rich.text import Text

    from samverkan.console import data_console

    out = io.StringIO()
    console = data_console(out)
    for d in report.diagnostics:
        console.print(text_reporter._text(list(text_reporter._pieces(d, report))))
    console.print(Text(report.summary_said(), style="bold red" if report.failed else "bold green"))
    return out.getvalue()


def _written(report: Report) -> str:
    out = io.StringIO()
    text_reporter.write(report, out)
    return out.getvalue()


@pytest.fixture
def uncoloured(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)


def test_rich_strips_what_the_plain_text_strips() -> None:
    from rich.control import STRIP_CONTROL_CODES

    assert set(text_reporter._RICH_STRIPS) == set(STRIP_CONTROL_CODES)


@pytest.mark.usefixtures("uncoloured")
def test_plain_text_is_what_rich_prints_for_every_case() -> None:
    from samverkan.api import check

    report = check([ROOT / "tests" / "cases" / "invalid"])
    assert len(report.diagnostics) >= 100
    assert _written(report) == _rich(report)
    for folder in ("valid", "left-out"):
        report = check([ROOT / "tests" / "cases" / folder])
        assert _written(report) == _rich(report)


@pytest.mark.usefixtures("uncoloured")
@pytest.mark.parametrize(
    "said",
    [
        "plain",
        "a\rcarriage return, a bell\x07, a backspace\x08, a vertical tab\x0b and a form feed\x0c",
        "a tab\there",
        "wide 漢字 and combining e\u0301 and an emoji \U0001f600",
        "[bold]not markup[/bold] :smile: http://example.org",
        "x" * 500,
        "trailing spaces   ",
        "",
        "two\nlines",
    ],
)
def test_plain_text_is_what_rich_prints(said: str) -> None:
    line = f"key: {said}\n\tindented\x1b[31m\n"
    source = SourceFile(path="a.yaml", text=line)
    diagnostic = Diagnostic("SV023", Severity.ERROR, verbatim(said), Span("a.yaml", 1, 3), verbatim(said))
    for diagnostics in (
        (diagnostic,),
        (diagnostic, Diagnostic("SV111", Severity.NOTICE, verbatim(said), Span("a.yaml", 9, 1))),
    ):
        report = Report(diagnostics, {"a.yaml": source}, files=1)
        assert _written(report) == _rich(report)


def test_a_terminal_gets_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert not text_reporter._unstyled(Terminal())
    assert text_reporter._unstyled(io.StringIO())
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not text_reporter._unstyled(io.StringIO())


# What a validate run imports -------------------------------------------------------------------

_IMPORTS = """
import contextlib, io, sys
from samverkan.cli import main
sys.argv = ["samverkan", "validate", *sys.argv[1:], "--no-cache"]
with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
    main()
print(" ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize("target", ["agreements/uppsala/uppsala-2014.yaml", "tests/cases/invalid"])
def test_validate_in_a_pipe_imports_neither_rich_nor_jinja(target: str, tmp_path: Path) -> None:
    env = {**os.environ, "SAMVERKAN_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS"):
        env.pop(name, None)
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS, target], capture_output=True, text=True, env=env, check=True, cwd=ROOT
    )
    imported = set(done.stdout.split())
    modules = {name.split(".")[0] for name in imported}
    assert "samverkan" in modules
    assert not modules & {"rich", "jinja2", "docx", "icalendar", "babel", "markdown_it"}
    assert not imported & {"samverkan.obligations", "samverkan.status", "samverkan.render"}


# One command of the app ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "commands"),
    [
        (["validate", "x.yaml"], ["validate"]),
        (["--lang", "sv", "due", "--as-of", "2025-01-01"], ["due"]),
        (["--lang=en", "status"], ["status"]),
        (["record", "follow-up", "--help"], ["record"]),
        (["diff", "a", "b"], ["diff"]),
        (["--", "validate", "x.yaml"], ["validate"]),
        (["--lang", "sv", "--", "record", "--help"], ["record"]),
        (["--help"], None),
        ([], None),
        (["--version"], None),
        (["valdate"], None),
        (["--lang", "sv"], None),
    ],
)
def test_a_run_makes_only_the_command_it_names(args: list[str], commands: list[str] | None) -> None:
    import typer.main

    from samverkan.cli import app, command_app

    made = typer.main.get_command(command_app(args))
    every = typer.main.get_command(app)
    assert isinstance(made, typer.main.TyperGroup) and isinstance(every, typer.main.TyperGroup)
    assert sorted(made.commands) == (commands if commands is not None else sorted(every.commands))
    assert [(p.name, p.opts) for p in made.params] == [(p.name, p.opts) for p in every.params]
    for name in made.commands:  # the command is the one the whole app makes; listed: by name and help
        ours, theirs = made.commands[name], every.commands[name]
        assert type(ours) is type(theirs) and ours.help == theirs.help
        assert ours.get_short_help_str() == theirs.get_short_help_str()
        said = [[(p.name, p.opts, p.default) for p in command.params] for command in (ours, theirs)]
        assert said[0] == said[1] if commands is not None else said[0] == []


def test_a_listed_command_never_runs() -> None:
    from samverkan.cli import listing_app

    listed = listing_app()
    assert listed.registered_commands and all(c.callback is not None for c in listed.registered_commands)
    with pytest.raises(AssertionError, match="ran a command"):
        listed.registered_commands[0].callback()  # type: ignore[misc]


def test_typer_reads_no_annotation_as_text() -> None:
    """Every command's, option callback's and completion's annotations are objects, not text: Typer
    reads them all for ``--help`` and would ``eval`` each one written as text (the
    ``from __future__ import annotations`` the cli modules leave out), 12 ms of a 90 ms ``--help``."""
    import inspect

    import typer.main

    from samverkan.cli import app

    def functions(group: typer.Typer) -> list[Any]:
        found: list[Any] = [c.callback for c in group.registered_commands]
        found += [group.registered_callback.callback] if group.registered_callback else []
        for sub in group.registered_groups:
            assert sub.typer_instance is not None
            found += functions(sub.typer_instance)
        return found

    every = functions(app)
    for command in typer.main.get_command(app).commands.values():  # type: ignore[attr-defined]
        for param in command.params if hasattr(command, "params") else []:
            every += [f for f in (param.callback, getattr(param, "_custom_shell_complete", None)) if f]
    assert len(every) > 20
    as_text = {
        f"{f.__module__}.{f.__qualname__}": name
        for f in every
        for name, value in inspect.get_annotations(f).items()
        if isinstance(value, str)
    }
    assert as_text == {}


def test_shell_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from samverkan.cli import app, command_app

    monkeypatch.setenv("_SAMVERKAN_COMPLETE", "complete_bash")
    assert command_app(["validate"]) is app


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--help"],
        ["--lang", "sv", "validate", "--help"],
        ["valdate"],
        ["record", "--help"],
        ["--help"],
        ["-h"],
        [],
        ["-h", "--lang", "sv"],
        ["--version"],
        ["--lang", "sv"],
        ["--lang", "sv", "valdate"],
        ["--", "validate", "--no-cache", "agreements/uppsala/uppsala-2014.yaml"],
        ["--lang", "sv", "--", "validate", "--help"],
        ["--help", "validate"],
        ["--lang", "validate"],
        [
            "validate",
            "--no-cache",
            "agreements/uppsala/uppsala-2014.yaml",
            "tests/cases/invalid/syntax-tab-indentation.yaml",
        ],
        ["--lang", "sv", "validate", "-f", "nope", "agreements"],
    ],
)
def test_the_program_says_what_the_whole_app_says(args: list[str], tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "100", "NO_COLOR": "1"}
    program = "import sys; from samverkan.cli_fast import process; sys.argv[0] = 'samverkan'; process()"
    whole = "import sys; from samverkan.cli import app; app(prog_name='samverkan')"
    one, every = (
        subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False, cwd=ROOT
        )
        for code in (program, whole)
    )
    assert (one.returncode, one.stdout, one.stderr) == (every.returncode, every.stdout, every.stderr)
    assert one.stdout or one.stderr


# The settings of a samverkan process -----------------------------------------------------------

_SETTINGS = """
import os, sys
__import__(sys.argv[1])
print(repr(os.environ.get("PYDANTIC_DISABLE_PLUGINS")))
"""


@pytest.mark.parametrize("module", ["samverkan.cli", "samverkan.cli_fast"])
@pytest.mark.parametrize(("given", "expected"), [(None, "'__all__'"), ("", "''"), ("logfire", "'logfire'")])
def test_the_cli_turns_pydantic_plugins_off_unless_told(module: str, given: str | None, expected: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    done = subprocess.run(
        [sys.executable, "-c", _SETTINGS, module], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == expected


def test_a_process_that_freezes_its_memory_at_exit_still_prints_everything(tmp_path: Path) -> None:
    env = {**os.environ, "SAMVERKAN_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "GITHUB_ACTIONS"):
        env.pop(name, None)
    command = [sys.executable, "-m", "samverkan", "validate", "tests/cases/invalid", "--no-cache", "-f", "concise"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False, cwd=ROOT)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert len(lines) > 100
    assert lines[-1].endswith("notices") and "files checked" in lines[-1]


def test_files_are_validated_against_the_type_as_against_the_model(
    cache: Cache, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are validated against ``DocumentType`` (no ``RootModel`` to import at start-up);
    ``DocumentRoot`` is the same schema as a model: on every case, the same document and the
    same errors, whether the type's validator is built or read from the cache."""
    monkeypatch.delitem(validation._validators, DocumentType, raising=False)
    built = validation._cached_validator(DocumentType)  # builds it and keeps it in the cache
    stored = validation._stored_validator(
        DocumentType, cache.get(validation._VALIDATORS, validation._validator_key(DocumentType))
    )
    assert stored is not None
    for case in PARSED:
        data = _data(case)
        document, errors = _outcome(DocumentRoot.model_validate, data)
        expected = (document.root if document is not None else None, errors)
        assert _outcome(built.validate_python, data) == expected, case
        assert _outcome(stored.validate_python, data) == expected, case
    sources = [read_source(p) for p in CASES]
    for source in sources:
        as_model, model_problems = validate_source(source, DocumentRoot)
        as_type, type_problems = validate_source(source, DocumentType)
        assert as_type == (as_model.root if as_model is not None else None)
        assert [(d.code, d.span, d.said(), d.hint_said()) for d in type_problems] == [
            (d.code, d.span, d.said(), d.hint_said()) for d in model_problems
        ], source.path


def test_a_start_imports_no_root_model() -> None:
    """``pydantic.RootModel``'s base is built when it is imported: a run never needs it."""
    code = (
        "import sys; from samverkan.cli_fast import process\n"
        "sys.argv = ['samverkan', 'validate', '--no-cache', 'agreements/uppsala/uppsala-2014.yaml']\n"
        "try:\n    process()\n"
        "except SystemExit:\n    pass\n"
        "print('pydantic.root_model' in sys.modules, 'samverkan.model.root' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split()[-2:] == ["False", "False"], out.stdout + out.stderr

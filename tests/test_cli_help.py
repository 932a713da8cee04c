"""``samverkan --help`` without Typer (issue 13): :mod:`samverkan.cli_help` lists the program's
options and commands byte for byte as Typer does, at every terminal width, from texts that are the
app's own; any other line goes to Typer."""

from __future__ import annotations

import contextlib
import inspect
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from samverkan import cli_fast, cli_help
from samverkan.cli import _command_name, app, command_app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def as_program(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run as the ``samverkan`` program is, not as ``python -m`` (as pytest is)."""
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)


def _typer_help(columns: int, program: str = "samverkan") -> str:
    """What Typer prints for ``program --help`` in a terminal of ``columns`` (Click's test runner
    lays help out at 80 columns whatever the terminal, so the app runs as a program does)."""
    out = io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(out),
        pytest.raises(SystemExit) as ended,
    ):
        patch.setenv("COLUMNS", str(columns))
        app(["--help"], prog_name=program)
    assert ended.value.code == 0
    return out.getvalue()


@pytest.mark.parametrize("columns", [1, 20, 49, 50, 51, 52, 53, *range(54, 82), 100, 200, 1000])
def test_the_listing_is_typers_at_every_width(columns: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/samverkan", "--help"])
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)  # a program, not -m
    assert cli_help.fast_help(["--help"], "samverkan") == _typer_help(columns)


@pytest.mark.parametrize(
    ("program", "columns"),
    [
        *[
            (name, columns)
            for name in ("sv", "samverkan-2", "", "a-program-name-long-enough-to-push")
            for columns in (50, 64, 78)
        ],
        # the usage line goes down when the program's name leaves less than 20 columns beside it
        *[("p" * length, 52) for length in (21, 22, 23)],
        *[("p" * length, 80) for length in (49, 50, 51)],
    ],
)
def test_the_usage_line_names_the_program_as_typer_does(
    program: str, columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert cli_help.listing(program, cli_help.width()) == _typer_help(columns, program)


def _first_paragraph(info: typer.models.CommandInfo | typer.models.TyperInfo) -> str:
    if isinstance(info, typer.models.TyperInfo):
        assert info.typer_instance is not None
        text = info.typer_instance.info.help
    else:
        text = info.help if info.help is not None else inspect.getdoc(info.callback)
    assert isinstance(text, str)
    return " ".join(text.split("\n\n")[0].split())


def test_the_commands_are_the_apps_in_its_order_with_their_help() -> None:
    commands = [(_command_name(c), _first_paragraph(c)) for c in app.registered_commands]
    groups = [(g.name, _first_paragraph(g)) for g in app.registered_groups]
    assert list(cli_help.COMMANDS) == commands + groups, (
        "cli_help.COMMANDS must list every command of samverkan.cli.app with the first paragraph of its help"
    )


def test_the_program_help_is_the_apps() -> None:
    assert app.info.help == cli_help.PROGRAM_HELP


@pytest.mark.parametrize(
    ("text", "limit", "short"),
    [
        ("One sentence. And another.", 45, "One sentence."),
        ("Words that do not fit in the limit at all", 20, "Words that do not..."),
        ("Exactly twenty chars and more", 20, "Exactly twenty..."),
        ("Fits", 45, "Fits"),
        ("", 45, ""),
    ],
)
def test_short_help_shortens_as_click_does(text: str, limit: int, short: str) -> None:
    from typer._click.utils import make_default_short_help

    assert cli_help.short_help(text, limit) == short == make_default_short_help(text, limit)


@pytest.mark.parametrize("args", [[], ["--help", "validate"], ["-h", "--lang", "sv"], ["--version"], ["--HELP"]])
@pytest.mark.usefixtures("as_program")
def test_any_other_line_goes_to_typer(args: list[str]) -> None:
    assert cli_help.fast_help(args, "samverkan") is None


@pytest.mark.parametrize("program", ["samverkå", "sam\u2665", "\x1b[1msv\x1b[0m", "s\tv"])
@pytest.mark.usefixtures("as_program")
def test_a_name_click_would_write_otherwise_goes_to_typer(program: str) -> None:
    """Click writes a name in the output's encoding (``?`` or UTF-8 for ASCII) and strips escape
    codes from what is not a terminal."""
    assert cli_help.fast_help(["--help"], program) is None
    assert cli_help.fast_help(["--help"], "samverkan") is not None


def test_python_m_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules["__main__"], "__package__", "samverkan", raising=False)
    assert cli_help.fast_help(["--help"], "samverkan") is None


@pytest.mark.parametrize(
    ("program", "env", "asks"),
    [
        ("samverkan", {}, False),
        ("samverkan", {"_SAMVERKAN_COMPLETE": "bash_source"}, True),
        ("samverkan", {"_TYPER_COMPLETE_ARGS": "x"}, True),
        ("sv", {"_SV_COMPLETE": "source_bash"}, True),
        ("my-prog", {"_MY_PROG_COMPLETE": "zsh_source"}, True),
        ("sv", {"_SAMVERKAN_COMPLET": "x", "_SVCOMPLETE": "x"}, False),
    ],
)
def test_completion_is_asked_for_by_click_and_typer_variables(
    program: str, env: dict[str, str], asks: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "argv", [f"/usr/local/bin/{program}", "--help"])
    assert cli_fast.completing(env) is asks
    monkeypatch.setattr(os, "environ", {**os.environ, **env})
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)  # as the program
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert cli_fast.fast_help(["--help"]) == (None if asks else 0)
    assert sys.stdout.getvalue().startswith("" if asks else f"Usage: {program} [OPTIONS]")
    assert (cli_fast.read_validate(["validate", "x.yaml"], env) is None) is asks
    assert (command_app(["due"]) is app) is asks


@pytest.mark.usefixtures("as_program")
def test_without_standard_output_typer_says_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    assert cli_fast.fast_help(["--help"]) is None


@pytest.mark.parametrize("args", [["--help"], ["-h"]])
def test_the_program_prints_it_without_typer(args: list[str]) -> None:
    code = (
        "import contextlib, sys; from samverkan.cli_fast import process; sys.argv[0] = 'samverkan'\n"
        "with contextlib.suppress(SystemExit): process()\n"
        "print('typer' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "72"}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    assert (done.returncode, done.stderr) == (0, "False\n")
    assert done.stdout == _typer_help(72)


def test_python_m_samverkan_names_itself_as_before() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-m", "samverkan", "--help"], capture_output=True, text=True, env=env, check=True, cwd=ROOT
    )
    assert done.stdout.startswith("Usage: python -m samverkan [OPTIONS] COMMAND [ARGS]...\n")


_words = st.lists(st.text(alphabet="abcdefghij.,'-", min_size=1, max_size=12), min_size=0, max_size=25)


@settings(max_examples=300, deadline=None)
@given(words=_words, limit=st.integers(min_value=10, max_value=80))
def test_short_help_is_clicks_for_any_text(words: list[str], limit: int) -> None:
    from typer._click.utils import make_default_short_help

    text = " ".join(words)
    assert cli_help.short_help(text, limit) == make_default_short_help(text, limit)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.text(alphabet="-abcdefgh ,", min_size=1, max_size=40).map(str.strip).filter(bool), _words),
        min_size=1,
        max_size=6,
    ),
    columns=st.integers(min_value=50, max_value=78),
)
def test_a_definition_list_is_clicks(rows: list[tuple[str, list[str]]], columns: int) -> None:
    from typer._click.formatting import HelpFormatter

    listed = [(name, " ".join(words) or "-") for name, words in rows]
    formatter = HelpFormatter(width=columns)
    formatter.indent()
    formatter.write_dl(listed)
    assert "".join(cli_help._definitions(listed, columns)) == formatter.getvalue()


@pytest.mark.parametrize("length", [28, 29, 30, 31, 32])
def test_a_name_near_the_widest_column_is_laid_out_as_click_does(length: int) -> None:
    from typer._click.formatting import HelpFormatter

    rows = [("n" * length, "the help of a long name, which wraps beside it or below it"), ("-h", "short")]
    formatter = HelpFormatter(width=50)
    formatter.indent()
    formatter.write_dl(rows)
    assert "".join(cli_help._definitions(rows, 50)) == formatter.getvalue()


def test_without_docstrings_the_program_says_what_typer_says() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "80"}
    program = "import sys; from samverkan.cli_fast import process; sys.argv[0] = 'samverkan'; process()"
    whole = "import sys; from samverkan.cli import app; app(prog_name='samverkan')"
    one, every = (
        subprocess.run([sys.executable, "-OO", "-c", code, "--help"], capture_output=True, text=True, env=env, cwd=ROOT)
        for code in (program, whole)
    )
    assert (one.returncode, one.stdout, one.stderr) == (every.returncode, every.stdout, every.stderr)
    assert "  validate\n" in one.stdout  # Typer lists the commands whose help was a docstring without it

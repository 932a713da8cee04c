"""The command-line interface. Commands parse options, call :mod:`samverkan.api` and
return an exit code; the heavy modules are imported inside the commands. The program starts in
:mod:`samverkan.cli_fast`, which runs a ``validate`` line it can read without Typer and hands
every other line to :func:`command_app`.

The cli modules leave out ``from __future__ import annotations``: Typer reads every command's
annotations for ``--help`` and would ``eval`` each one kept as text (12 ms of about 90). A name
imported only for type checking is quoted where it is used."""

import copy
import datetime as dt
import inspect
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn, TextIO

import typer

from . import __version__, cli_process  # noqa: F401 - first: the settings of a samverkan process
from .cli_as_of import AsOf
from .cli_as_of import parse_as_of as _as_of
from .cli_cache import NoCache
from .cli_complete import completes, kind_names, reporter_names, rule_codes
from .cli_diff import DiffCommand, diff
from .cli_edit import extend, record_app
from .cli_help import LANG_AFTER, LANG_HELP, PROGRAM_HELP, VERSION_HELP
from .cli_lang import CommandLang, use_language
from .cli_new import new
from .cli_render import render
from .cli_run import DEFAULT_FOLDER, default_jobs, run_command, settings_key
from .cli_site import site
from .due_formats import (
    CSV_DIALECTS,
    DEFAULT_ALARM_DAYS,
    DUE_FORMATS,
    STATUS_FORMATS,
    WIDE_COLUMNS,
    FormatOptions,
)
from .i18n import LANGUAGES, _

if TYPE_CHECKING:
    from .cache import Cache
    from .config import Config
    from .diagnostics import Diagnostic
    from .discovery import Found


def _arguments_read_as_words() -> None:
    """``PATH...`` in ``--help`` for an argument with a metavar, where Typer 0.29 writes the metavar
    and the Python type (``PATH <list[Path]>``, ``AGREEMENT <str>``); ``...`` when it takes several."""
    from typer.core import TyperArgument

    typer_type = TyperArgument.display_type_rich
    typer_name = TyperArgument._rich_display_name

    def display_type(self: TyperArgument, ctx: typer.Context) -> str | None:
        return None if self.metavar is not None else typer_type(self, ctx)

    def display_name(self: TyperArgument) -> str:
        if self.metavar is None:
            return typer_name(self)
        return self.metavar + ("..." if self.nargs != 1 else "")

    TyperArgument.display_type_rich = display_type  # type: ignore[method-assign,assignment]
    TyperArgument._rich_display_name = display_name  # type: ignore[method-assign]


_arguments_read_as_words()

app = typer.Typer(
    name="samverkan",
    help=PROGRAM_HELP,
    rich_markup_mode=None,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

Paths = Annotated[
    list[Path] | None,
    typer.Argument(metavar="PATH", help="Files or folders to read (default: agreements/).", show_default=False),
]
Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        autocompletion=completes(reporter_names),
        help="Output format: text, concise, json, github, sarif or junit (default: text; github under GitHub Actions).",
        show_default=False,
    ),
]
Select = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        metavar="CODE",
        autocompletion=completes(rule_codes),
        help="Only these rule codes (or prefixes such as SV1 or LAW; see docs/rules.md); repeatable.",
        show_default=False,
    ),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option(
        "--ignore",
        metavar="CODE",
        autocompletion=completes(rule_codes),
        help="Skip these rule codes (or prefixes); repeatable.",
        show_default=False,
    ),
]
Strict = Annotated[
    bool | None,
    typer.Option("--strict/--no-strict", help="Make warnings fail the run (exit 1).", show_default=False),
]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes for loading many files (default: the CPUs this process may use, "
        "or 1 where that is 2 or fewer, as a worker costs more memory than the time it saves).",
        show_default=False,
    ),
]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="A samverkan.toml or pyproject.toml to use instead of the nearest one.",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"samverkan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help=VERSION_HELP)] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="LANG",
            autocompletion=completes(lambda: LANGUAGES),
            help=LANG_HELP + LANG_AFTER,
            show_default=False,
        ),
    ] = None,
) -> None:
    """samverkan: validate, track and render municipality–police collaboration agreements."""
    use_language(ctx, lang)


@app.command()
def validate(
    paths: Paths = None,
    output_format: Format = None,
    select: Select = None,
    ignore: Ignore = None,
    strict: Strict = None,
    config: ConfigFile = None,
    no_cache: NoCache = False,
    jobs: Jobs = None,
    lang: CommandLang = None,
    documents_only: Annotated[
        bool,
        typer.Option(
            "--documents-only",
            help="Pass over a YAML file without a samverkan 'kind:' outside an agreements/ folder "
            "(for a pre-commit hook given every YAML file).",
        ),
    ] = False,
) -> None:
    """Check every agreement file: schema, dates and cross-file rules.

    The cross-file rules also read the other files of the files' agreements/ folder (or of
    their own folder), so one file can be checked on its own; only the files named are reported.

    Exit codes: 0 no findings that fail, 1 findings (errors, or warnings with --strict),
    2 usage error, 3 an internal error, 4 a file changed while it was read.
    """
    from .cli_run import Unusable, validate_files

    try:
        code = validate_files(
            paths,
            output_format=output_format,
            select=select,
            ignore=ignore,
            strict=strict,
            config=config,
            no_cache=no_cache,
            jobs=jobs,
            documents_only=documents_only,
        )
    except Unusable as exc:
        if exc.hint is None:
            typer.echo(exc.message, err=True)
            raise typer.Exit(2) from None
        raise typer.BadParameter(exc.message, param_hint=exc.hint) from None
    raise typer.Exit(code)


def _run(
    command: str,
    options: object,
    paths: Sequence[Path],
    no_cache: bool,
    produce: "Callable[[Cache | None, Found, TextIO, TextIO], int]",
) -> NoReturn:
    """Run a command through :func:`samverkan.pipeline.run`, print what it printed and exit."""
    raise typer.Exit(run_command(command, options, paths, no_cache, produce))


DEFAULT_WITHIN = "1y"
"""What ``due`` shows ahead by default (overdue always shows); the calendar and ``--all`` show everything."""


def _within(value: str | None, as_of: dt.date) -> dt.date | None:
    if value is None or value.strip().lower() == "all":
        return None
    from .dates import add_months

    match = re.fullmatch(r"(\d+)\s*([dwmy])", value.strip().lower())
    if not match:
        raise typer.BadParameter(
            f"{value!r}: use a number and d, w, m or y, such as 90d, 6m, 1y; or all", param_hint="--within"
        )
    count, unit = int(match[1]), match[2]
    if unit in "dw":
        return as_of + dt.timedelta(days=count * (7 if unit == "w" else 1))
    return add_months(as_of, count * (12 if unit == "y" else 1))


Wide = Annotated[
    bool,
    typer.Option(
        "--wide",
        help=f"With --format table on a terminal narrower than {WIDE_COLUMNS} columns: every column "
        "(else the widest ones are left out so that lines fit; piped output always has every column).",
    ),
]


@app.command()
def due(
    ctx: typer.Context,
    paths: Paths = None,
    as_of: AsOf = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            metavar="DURATION",
            help="Only what falls due within this time: 90d, 8w, 6m, 1y, or all (default: 1y; all with --all). "
            "Overdue always shows.",
            show_default=False,
        ),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only what is overdue.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also what is done, and agreements that ended or were replaced long ago.")
    ] = False,
    agreement: Annotated[
        list[str] | None,
        typer.Option(
            "--agreement",
            metavar="ID",
            help="Only this agreement id; repeatable: any of them.",
            show_default=False,
        ),
    ] = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            metavar="TEXT",
            help="Only agreements with a party whose name contains this text (any case); repeatable: any of them.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            autocompletion=completes(kind_names),
            help="Only this kind: start, follow-up, meetings, consultation, extension-decision, expiry, review, "
            "plan-decision, promise-end, promise-next; repeatable: any of them.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            autocompletion=completes(lambda: DUE_FORMATS),
            help=f"Output format: {', '.join(DUE_FORMATS)}.",
        ),
    ] = "table",
    alarm_days: Annotated[
        int,
        typer.Option(
            "--alarm-days",
            min=0,
            metavar="N",
            help="With --format ics: an alarm this many days before each open obligation; 0 for none.",
        ),
    ] = DEFAULT_ALARM_DAYS,
    csv_dialect: Annotated[
        str | None,
        typer.Option(
            "--csv-dialect",
            metavar="DIALECT",
            autocompletion=completes(lambda: CSV_DIALECTS),
            help="With --format csv: excel-sv (';', a UTF-8 BOM, for a Swedish Excel) or rfc4180 (','; no BOM). "
            "Default: excel-sv in Swedish, else rfc4180.",
            show_default=False,
        ),
    ] = None,
    fail_on_overdue: Annotated[
        bool, typer.Option("--fail-on-overdue", help="Exit 1 when anything shown is overdue (for a nightly job).")
    ] = False,
    wide: Wide = False,
    no_cache: NoCache = False,
    jobs: Jobs = None,
    lang: CommandLang = None,
) -> None:
    """List what is due: follow-ups, meetings, extension decisions, expiries, renewals.

    Overdue first, then by date. Exit codes: 0 listed, 1 files with errors (or overdue with
    --fail-on-overdue), 2 usage error, 3 an internal error, 4 a file changed while it was read.
    """
    formatter = DUE_FORMATS.get(output_format)
    if formatter is None:
        raise typer.BadParameter(f"choose from {', '.join(DUE_FORMATS)}", param_hint="--format")
    if csv_dialect is not None and csv_dialect not in CSV_DIALECTS:
        raise typer.BadParameter(f"choose from {', '.join(CSV_DIALECTS)}", param_hint="--csv-dialect")
    given = (ctx.obj or {}).get("lang") if isinstance(ctx.obj, dict) else None
    format_options = FormatOptions(
        alarm_days=alarm_days,
        csv_dialect=csv_dialect,
        calendar_language="en" if given == "en" else "sv",
        wide=wide,
    )
    if kind:
        from .obligations import Kind

        kinds = {k.value for k in Kind}
        for k in kind:
            if k not in kinds:
                raise typer.BadParameter(f"{k!r}: choose from {', '.join(sorted(kinds))}", param_hint="--kind")
    day = _as_of(as_of)
    if within is None and not show_all:
        within = DEFAULT_WITHIN
    until = _within(within, day)
    folders = paths or [DEFAULT_FOLDER]
    settings = _settings()
    options = (
        settings_key(settings),
        output_format,
        day,
        until,
        overdue,
        show_all,
        sorted(agreement or ()),
        sorted(party or ()),
        sorted(kind or ()),
        alarm_days,
        csv_dialect,
        format_options.calendar_language,
        fail_on_overdue,
        wide,
    )

    def produce(cache: "Cache | None", found: "Found", out: TextIO, err: TextIO) -> int:
        from .api import DueQuery
        from .api import due as compute_due

        query = DueQuery(
            as_of=day,
            within=until,
            overdue_only=overdue,
            everything=show_all,
            agreements=frozenset(agreement or ()),
            parties=frozenset(party or ()),
            kinds=frozenset(kind or ()),
        )
        result = compute_due(folders, query, config=settings, cache=cache, jobs=jobs or default_jobs(), found=found)
        _warn_left_out(result.problems, err)
        for text in result.unmatched_parties:
            err.write(_("samverkan: no party's name contains {text!r}").format(text=text) + "\n")
        formatter(result, out, format_options)
        return result.exit_code(fail_on_overdue=fail_on_overdue)

    _run("due", options, folders, no_cache, produce)


@app.command()
def status(
    paths: Paths = None,
    as_of: AsOf = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            autocompletion=completes(lambda: STATUS_FORMATS),
            help=f"Output format: {', '.join(STATUS_FORMATS)}.",
        ),
    ] = "table",
    wide: Wide = False,
    no_cache: NoCache = False,
    jobs: Jobs = None,
    lang: CommandLang = None,
) -> None:
    """One line per agreement, grouped by municipality with its chain of agreements."""
    formatter = STATUS_FORMATS.get(output_format)
    if formatter is None:
        raise typer.BadParameter(f"choose from {', '.join(STATUS_FORMATS)}", param_hint="--format")
    day = _as_of(as_of)
    folders = paths or [DEFAULT_FOLDER]
    settings = _settings()

    def produce(cache: "Cache | None", found: "Found", out: TextIO, err: TextIO) -> int:
        from .api import status as compute_status

        chains, problems = compute_status(
            folders, day, config=settings, cache=cache, jobs=jobs or default_jobs(), found=found
        )
        _warn_left_out(problems, err)
        formatter(chains, day, out, FormatOptions(wide=wide))
        return 1 if problems else 0

    _run("status", (output_format, day, wide, settings_key(settings)), folders, no_cache, produce)


def _warn_left_out(problems: "Sequence[Diagnostic]", err: TextIO) -> None:
    from .reporters.left_out import left_out_lines

    for text in left_out_lines(problems):
        err.write(f"samverkan: {text}\n")


def _settings() -> "Config":
    """The nearest configuration file's settings (severities and rules switched off count for
    what is left out); a configuration that cannot be used is a usage error."""
    from .config import ConfigError, nearest_config

    try:
        return nearest_config(Path.cwd())
    except ConfigError as exc:
        typer.echo(f"samverkan: {exc.said()}", err=True)
        raise typer.Exit(2) from None


@app.command()
def schema(
    write: Annotated[
        Path | None,
        typer.Option(
            "--write",
            metavar="DIR",
            help="Write DIR/samverkan.schema.json (replacing only an older samverkan schema) instead of printing.",
            show_default=False,
        ),
    ] = None,
    lang: CommandLang = None,
) -> None:
    """Print the JSON Schema (draft-07) of samverkan files, for editors; or write it to a folder.

    Exit codes: 0 printed or written; 1 --write found another file in the way, or cannot write.
    """
    if write is not None:
        from .cli_new import write_schema_into

        raise typer.Exit(write_schema_into(write))
    from .schema import schema_text

    sys.stdout.write(schema_text())


app.add_typer(record_app, name="record")
app.command("extend")(extend)
app.command("render")(render)
app.command("new")(new)
app.command("site")(site)
app.command("diff", cls=DiffCommand)(diff)


def command_app(args: Sequence[str]) -> typer.Typer:
    """``app`` with only the command that ``args`` (the words after ``samverkan``) run, when
    they name one after nothing but ``--lang``: Typer makes a Click command of every command
    an app has each time it starts (some 15 ms for samverkan's, as long as reading a file), and
    a run needs one (also after ``--``, which ends the program's own options). A line in which
    no word names a command (help for the program, ``--version``, a word that names none) gets
    :func:`listing_app`; any other line Click may read otherwise, and shell completion, get the
    whole ``app``."""
    from .cli_fast import completing

    if completing(os.environ):
        return app
    rest = list(args)
    while rest and (rest[0] == "--lang" or rest[0].startswith("--lang=")):
        rest = rest[2:] if rest[0] == "--lang" else rest[1:]
    if rest[:1] == ["--"]:
        rest = rest[1:]
    named = {_command_name(c) for c in app.registered_commands} | {g.name for g in app.registered_groups}
    if not rest or rest[0] not in named:
        return app if named & set(args) else listing_app()
    commands = [c for c in app.registered_commands if _command_name(c) == rest[0]]
    groups = [g for g in app.registered_groups if g.name == rest[0]]
    one = copy.copy(app)
    one.registered_commands = commands
    one.registered_groups = groups
    return one


def listing_app() -> typer.Typer:
    """``app`` for a command line that runs no command (help for the program, ``--version``, a
    word that names no command): its commands and groups by name and help, without their
    options, which only their own runs and help read (making every command's options is most
    of a 100 ms ``samverkan --help``)."""

    def listed(command: typer.models.CommandInfo) -> typer.models.CommandInfo:
        stub = copy.copy(command)
        stub.name = _command_name(command)
        stub.help = command.help if command.help is not None else inspect.getdoc(command.callback)
        stub.callback = _runs_nothing
        return stub

    def group(info: typer.models.TyperInfo) -> typer.models.TyperInfo:
        assert info.typer_instance is not None
        named = copy.copy(info)
        named.typer_instance = copy.copy(info.typer_instance)
        named.typer_instance.registered_commands = [listed(c) for c in info.typer_instance.registered_commands]
        named.typer_instance.registered_groups = [group(g) for g in info.typer_instance.registered_groups]
        return named

    listing = copy.copy(app)
    listing.registered_commands = [listed(c) for c in app.registered_commands]
    listing.registered_groups = [group(g) for g in app.registered_groups]
    return listing


def _runs_nothing() -> None:
    """A command of :func:`listing_app`, which never runs one."""
    raise AssertionError("listing_app ran a command")


def _command_name(command: typer.models.CommandInfo) -> str | None:
    if command.name is not None:
        return command.name
    return None if command.callback is None else typer.main.get_command_name(command.callback.__name__)


def main() -> None:
    """Run the command line through Typer: an unexpected internal error prints one line and a
    hint, not a traceback (:func:`samverkan.cli_fast.guarded`). The ``samverkan`` program is
    :func:`samverkan.cli_fast.process`, which runs ``validate`` without Typer where it can."""
    from .cli_fast import guarded

    guarded(lambda: command_app(sys.argv[1:])())

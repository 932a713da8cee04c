"""``samverkan new``: start an agreement file from a few flags, or from questions on a terminal.

Register it on the app with ``app.command("new")(new)``. The command gathers its parameters,
lets :mod:`samverkan.new` build the text, and writes the file without ever replacing one. Its
first line points editors at the nearest schema beside or above it; when there is none,
``samverkan.schema.json`` is written beside it first (:func:`write_schema_into` does the same
for ``samverkan schema --write DIR``).
Exit codes: 0 written; 1 the file exists already, or cannot be written; 2 usage error (a
missing flag when there is no terminal to ask on, an impossible date, a bad id or extension).
"""

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from .cli_lang import CommandLang
from .i18n import _

if TYPE_CHECKING:
    from .new import Extension

T = TypeVar("T")


DEFAULT_YEARS = 4
DEFAULT_EXTENSION = "none"

Municipality = Annotated[
    str | None,
    typer.Option("--municipality", metavar="NAME", help="The municipality, e.g. 'Umeå kommun'.", show_default=False),
]
PoliceArea = Annotated[
    str | None,
    typer.Option(
        "--police-area", metavar="NAME", help="The police party, e.g. 'Lokalpolisområde Umeå'.", show_default=False
    ),
]
Start = Annotated[
    str | None,
    typer.Option("--start", metavar="DATE", help="First day of the period (YYYY-MM-DD).", show_default=False),
]
Years = Annotated[
    int | None,
    typer.Option(
        "--years", metavar="N", help="How many years the period runs (not for open-ended).", show_default=False
    ),
]
ExtensionOption = Annotated[
    str | None,
    typer.Option(
        "--extension",
        metavar="KIND",
        help="none, option, renewal:YEARS:MONTHS (renewal by YEARS after consultation MONTHS before expiry; "
        ":MONTHS may be left out), indefinite, or open-ended:YEARS (a review every YEARS years).",
        show_default=False,
    ),
]
AgreementId = Annotated[
    str | None,
    typer.Option(
        "--id",
        metavar="ID",
        help="The agreement's id (default: the municipality and the start year, e.g. umea-2024).",
        show_default=False,
    ),
]
Out = Annotated[
    Path | None,
    typer.Option("--out", "-o", metavar="FILE", help="The file to write.", show_default=False),
]
Folder = Annotated[
    Path | None,
    typer.Option(
        "--folder",
        metavar="DIR",
        help="Write ID.yaml into this folder (default: the current one).",
        show_default=False,
    ),
]


def _exists(target: object) -> str:
    return _("samverkan: {file} exists already; nothing was written (choose another --out, or --id)").format(
        file=target
    )


def _interactive() -> bool:
    """Whether there is someone to ask: standard input is a terminal."""
    return sys.stdin.isatty()


def _day(value: str) -> dt.date:
    from .dates import NotADay, parse_day  # only when a date is given: not on start-up

    try:
        return parse_day(value)
    except NotADay as exc:
        why = exc.reason.english() if exc.reason is not None else "write it as YYYY-MM-DD"
        raise typer.BadParameter(f"{value!r} is not a date ({why})", param_hint="'--start'") from None


def _ask(text: str, convert: Callable[[str], T], default: str | None = None) -> T:
    """Ask on the terminal until the answer converts; the question goes to standard error."""

    def proc(value: str) -> T:
        try:
            return convert(value.strip())
        except typer.BadParameter as exc:
            raise typer.BadParameter(exc.message) from None

    result: T = typer.prompt(text, default=default, value_proc=proc, err=True)
    return result


def _text(value: str) -> str:
    if not value:
        raise typer.BadParameter(_("an answer is needed"))
    return value


def _years(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise typer.BadParameter(_("{value} is not a number of years (1 or more)").format(value=repr(value)))
    return int(value)


def _extension(value: str) -> "Extension":
    from .new import NewError, parse_extension

    try:
        return parse_extension(value)
    except NewError as exc:
        raise typer.BadParameter(exc.message, param_hint=f"'{exc.option}'") from None


def _cannot_write(path: object, exc: OSError) -> str:
    return _("samverkan: cannot write {file}: {reason}").format(file=path, reason=exc.strerror or exc)


def _not_a_schema(path: object) -> str:
    return _("samverkan: {file} exists and is not a samverkan schema; nothing was written").format(file=path)


def _schema_for(target: Path) -> tuple[str, Path | None]:
    """The modeline's target for a new file at ``target``, and the schema file to write first
    (``None`` when one is there already): the nearest schema beside or above the file, else a
    new ``samverkan.schema.json`` beside it, so that the modeline always leads somewhere."""
    from .schema import SCHEMA_FILE, find_schema, modeline_target

    folder = Path(target).parent
    found = find_schema(folder)
    if found is not None:
        return modeline_target(found, folder), None
    return SCHEMA_FILE, folder / SCHEMA_FILE


def write_schema_into(folder: Path) -> int:
    """``samverkan schema --write DIR``: put the schema at ``DIR/samverkan.schema.json`` and say
    what was done. Exit code 0, or 1 when another file is in the way or the write fails."""
    from .schema import SCHEMA_FILE, SchemaConflict, Written, write_schema

    path = folder / SCHEMA_FILE
    try:
        written = write_schema(path)
    except SchemaConflict:
        typer.echo(_not_a_schema(path), err=True)
        return 1
    except OSError as exc:
        typer.echo(_cannot_write(path, exc), err=True)
        return 1
    said = {
        Written.CREATED: _("wrote {file}"),
        Written.REPLACED: _("wrote {file} (it held an older samverkan schema)"),
        Written.CURRENT: _("{file} holds the current schema already; nothing was written"),
    }[written]
    typer.echo(said.format(file=path), err=True)
    typer.echo(
        _(
            "editors check a YAML file against it when its first line is `# yaml-language-server: $schema=PATH`, "
            "PATH being the way to {file} from the YAML file's folder"
        ).format(file=path),
        err=True,
    )
    return 0


def new(
    ctx: typer.Context,
    municipality: Municipality = None,
    police_area: PoliceArea = None,
    start: Start = None,
    years: Years = None,
    extension: ExtensionOption = None,
    agreement_id: AgreementId = None,
    out: Out = None,
    folder: Folder = None,
    lang: CommandLang = None,
) -> None:
    """Start a new agreement: a commented YAML file that passes `samverkan validate`.

    Flags that are missing are asked for when standard input is a terminal. The file holds the
    parties, the period and the extension clause, marked as a draft; every other section is a
    commented-out example to fill in. An existing file is never replaced.
    Exit codes: 0 written, 1 the file exists or cannot be written, 2 usage error.
    """
    from .editing import write_new
    from .new import NewAgreement, NewError, agreement_text, default_id

    if out is not None and folder is not None:
        ctx.fail("give --out FILE or --folder DIR, not both")
    chosen = _extension(extension) if extension is not None else None
    first = _day(start) if start is not None else None
    missing = [
        flag
        for flag, value in (
            ("--municipality", municipality),
            ("--police-area", police_area),
            ("--start", start),
            ("--years", 0 if chosen is not None and chosen.open_ended else years),
            ("--extension", extension),
        )
        if value is None
    ]
    if missing and not _interactive():
        ctx.fail(f"missing {', '.join(missing)} (there is no terminal to ask on)")
    asked: set[str] = set()
    while True:  # ask for what is missing; on a terminal, ask again for what does not fit
        if municipality is None:
            municipality = _ask(_("Municipality (kommun)"), _text)
            asked.add("--municipality")
        if police_area is None:
            police_area = _ask(_("Police area (lokalpolisområde)"), _text)
            asked.add("--police-area")
        if first is None:  # the one place `new` reads the clock: the default start is next New Year's Day
            first = _ask(_("Start (YYYY-MM-DD)"), _day, f"{dt.date.today().year + 1}-01-01")
            asked.add("--start")
        if chosen is None:
            chosen = _ask(
                _("Extension: none, option, renewal:YEARS:MONTHS, indefinite or open-ended:YEARS"),
                _extension,
                DEFAULT_EXTENSION,
            )
            asked.add("--extension")
        if years is None and not chosen.open_ended:
            years = _ask(_("Years"), _years, str(DEFAULT_YEARS))
            asked.add("--years")
        if agreement_id is None and missing:
            agreement_id = _ask(_("Id"), _text, default_id(municipality, first) or None)
            asked.add("--id")
        try:
            params = NewAgreement.create(
                municipality=municipality,
                police_area=police_area,
                start=first,
                years=years,
                extension=chosen,
                agreement_id=agreement_id,
            )
            break
        except NewError as exc:
            if exc.option not in asked:
                raise typer.BadParameter(exc.message, param_hint=f"'{exc.option}'") from None
            typer.echo(_("Error: {message}").format(message=exc.message), err=True)
            if exc.option == "--municipality":
                municipality = None
            elif exc.option == "--police-area":
                police_area = None
            elif exc.option == "--extension":
                chosen = None
            elif exc.option == "--years":
                years = None
            else:
                agreement_id = None
    target = out if out is not None else (folder or Path()) / f"{params.id}.yaml"
    if out is None and folder is None and missing:
        target = _ask(_("File"), Path, str(target))
    if os.path.lexists(target):
        typer.echo(_exists(target), err=True)
        raise typer.Exit(1)
    reference, schema_file = _schema_for(Path(target))
    text = agreement_text(params, reference)
    if schema_file is not None:
        from .schema import SchemaConflict, write_schema

        try:
            write_schema(schema_file)
        except SchemaConflict:
            typer.echo(_not_a_schema(schema_file), err=True)
            raise typer.Exit(1) from None
        except OSError as exc:
            typer.echo(_cannot_write(schema_file, exc), err=True)
            raise typer.Exit(1) from None
    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        write_new(Path(target), text.encode("utf-8"))
    except FileExistsError:
        typer.echo(_exists(target), err=True)
        raise typer.Exit(1) from None
    except OSError as exc:
        typer.echo(_cannot_write(target, exc), err=True)
        raise typer.Exit(1) from None
    typer.echo(_("wrote {file}").format(file=target), err=True)
    if schema_file is not None:
        typer.echo(
            _("wrote {file}, the schema the new file's first line points editors at").format(file=schema_file), err=True
        )
    typer.echo(
        _("next: fill in the commented sections, then `samverkan validate {file}`").format(file=target), err=True
    )
    raise typer.Exit(0)

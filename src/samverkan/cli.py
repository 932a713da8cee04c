"""The command-line interface. Commands parse options, call :mod:`samverkan.api` and
return an exit code; the heavy modules are imported inside the commands."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from . import __version__

app = typer.Typer(
    name="samverkan",
    help="Collaboration agreements between a municipality and the police, kept as YAML.",
    rich_markup_mode=None,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

DEFAULT_FOLDER = Path("agreements")

Paths = Annotated[
    list[Path] | None,
    typer.Argument(help="Files or folders to read (default: agreements/).", show_default=False),
]
Format = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format: text, concise, json, github, sarif or junit (default: text; github under GitHub Actions).",
        show_default=False,
    ),
]
Select = Annotated[
    list[str] | None,
    typer.Option(
        "--select",
        help="Only these rule codes (or prefixes such as SV1; see docs/rules.md); repeatable.",
        show_default=False,
    ),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option("--ignore", help="Skip these rule codes (or prefixes); repeatable.", show_default=False),
]
Strict = Annotated[
    bool | None,
    typer.Option("--strict/--no-strict", help="Make warnings fail the run (exit 1).", show_default=False),
]
ConfigFile = Annotated[
    Path | None,
    typer.Option(
        "--config",
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
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """samverkan: validate, track and render municipality–police collaboration agreements."""


@app.command()
def validate(
    paths: Paths = None,
    output_format: Format = None,
    select: Select = None,
    ignore: Ignore = None,
    strict: Strict = None,
    config: ConfigFile = None,
) -> None:
    """Check every agreement file: schema, dates and cross-file rules.

    Exit codes: 0 no findings that fail, 1 findings (errors, or warnings with --strict),
    2 usage error.
    """
    from .api import check
    from .config import ConfigError, find_config, load_config
    from .reporters import REPORTERS
    from .rules import RULES
    from .validation import KNOWN_CODES

    name = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    reporter = REPORTERS.get(name)
    if reporter is None:
        raise typer.BadParameter(f"choose from {', '.join(REPORTERS)}", param_hint="--format")
    known = [r.code for r in RULES] + list(KNOWN_CODES)
    try:
        settings = load_config(config if config is not None else find_config(Path.cwd()), known)
    except ConfigError as exc:
        typer.echo(f"samverkan: {exc}", err=True)
        raise typer.Exit(2) from None
    for code in [*(select or []), *(ignore or [])]:
        if not any(k.startswith(code.upper()) for k in known):
            raise typer.BadParameter(f"unknown rule code {code!r}", param_hint="--select/--ignore")
    settings = settings.with_options(select=select or (), ignore=ignore or (), strict=strict)
    report = check(paths or [DEFAULT_FOLDER], settings)
    reporter(report, sys.stdout)
    raise typer.Exit(report.exit_code)


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft-07) of samverkan files, for editors."""
    from .schema import schema_text

    sys.stdout.write(schema_text())


def main() -> None:
    """Entry point: an unexpected internal error prints one line and a hint, not a traceback."""
    try:
        app()
    except Exception as exc:  # the last line of defence: one line, not a traceback
        if os.environ.get("SAMVERKAN_DEBUG"):
            raise
        sys.stderr.write(f"samverkan: internal error: {type(exc).__name__}: {exc}\n")
        sys.stderr.write("hint: this is a bug in samverkan; run again with SAMVERKAN_DEBUG=1 for details\n")
        sys.exit(3)

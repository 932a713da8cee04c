"""``samverkan diff``: what changed between two versions of an agreement, an action plan or a
citizen promise, as parsed models (comments and formatting are not changes).

* ``samverkan diff OLD.yaml NEW.yaml``: two files;
* ``samverkan diff [REV [REV]] -- FILE…``: each file in a revision against the working tree,
  or in two revisions (``A B``, ``A..B``, ``A...B``); the file must exist on both sides;
* ``samverkan diff main...`` (or ``A..B``, ``REV``, ``REV -- FOLDER``): every samverkan file
  that differs, for a pull request; a file added or removed is said so.

Exit codes: 0 compared (also when there are differences, as ``git diff``; ``--exit-code``
makes differences exit 1), 1 a version that cannot be read (its findings at file:line:col) or
a git error (git missing, not a repository, an unknown revision), 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

from .cli_complete import completes
from .cli_lang import CommandLang

if TYPE_CHECKING:
    from typer._click.core import Context

    from .diagnostics import Diagnostic
    from .diff import FileDiff, Version

_AFTER_DASHES = "samverkan.diff.after-dashes"


class DiffCommand(TyperCommand):
    """Remembers how many arguments came after ``--``: those are paths, the ones before revisions."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        ctx.meta[_AFTER_DASHES] = len(args) - args.index("--") - 1 if "--" in args else None
        return super().parse_args(ctx, args)


def _day(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()  # the command line is where the clock is read
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--as-of") from None


def _missing(label: str) -> Diagnostic:
    from .diagnostics import Diagnostic, Severity, Span
    from .i18n import N_

    return Diagnostic("SV013", Severity.ERROR, N_("no such file or folder"), Span(label))


def _is_yaml(name: str) -> bool:
    from .discovery import is_yaml_name

    return is_yaml_name(name)


def _diff_formats() -> list[str]:
    from .diff_formats import DIFF_FORMATS

    return list(DIFF_FORMATS)


def diff(
    ctx: typer.Context,
    items: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[OLD NEW | REV [REV] | A..B | A...B] [-- PATH…]",
            help="Two files; or git revisions (default: HEAD against the working tree), then -- and the files "
            "or folders to compare (default: every samverkan file that differs).",
            show_default=False,
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="The date the deadlines of both versions are computed for (default: today).",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            autocompletion=completes(_diff_formats),
            help="Output format: text, markdown or json.",
        ),
    ] = "text",
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when there are differences (as git diff --exit-code).")
    ] = False,
    lang: CommandLang = None,
) -> None:
    """Show what changed between two versions: period, extension, parties, goals, activities,
    follow-ups and meetings, and the deadlines that moved.

    Exit codes: 0 compared (also with differences, unless --exit-code), 1 a version with errors
    or a git error, 2 usage error.
    """
    from .diff_formats import DIFF_FORMATS

    formatter = DIFF_FORMATS.get(output_format)
    if formatter is None:
        raise typer.BadParameter(f"choose from {', '.join(DIFF_FORMATS)}", param_hint="--format")
    day = _day(as_of)
    args = list(items or [])
    after = ctx.meta.get(_AFTER_DASHES)
    if after is None and len(args) == 2 and any(_is_yaml(a) for a in args):
        pairs = _files(args[0], args[1])
    else:
        split = len(args) if after is None else len(args) - after
        pairs = _revisions(args[:split], args[split:])
    _report(pairs, day, formatter, exit_code)


def _files(old: str, new: str) -> list[tuple[Version, Version, bool]]:
    from .diff import Version

    versions = []
    for name in (old, new):
        path = Path(name)
        versions.append(Version(name, path.read_bytes() if path.is_file() else None))
    return [(versions[0], versions[1], True)]


def _revisions(revisions: list[str], paths: list[str]) -> list[tuple[Version, Version, bool]]:
    """Each file to compare, and whether it must exist on both sides (it was named)."""
    from .diff_git import GitError, changed_files, resolve, version

    cwd = Path.cwd()
    try:
        span = resolve(revisions, cwd)
        named = [p for p in paths if _is_yaml(p)]
        specs = [p for p in paths if not _is_yaml(p)]
        names = [(n, True) for n in named]
        if specs or not named:
            names.extend((n, False) for n in changed_files(span, specs, cwd) if n not in named)
        return [(version(span.old, n, cwd), version(span.new, n, cwd), must) for n, must in sorted(names)]
    except GitError as exc:
        _fail(exc.said())


def _fail(text: str) -> NoReturn:
    from .i18n import _

    sys.stderr.write(_("samverkan: diff: {error}").format(error=text) + "\n")
    raise typer.Exit(1)


def _report(pairs: list[tuple[Version, Version, bool]], day: dt.date, formatter: Any, exit_code: bool) -> None:
    from .diff import DiffResult, compare, is_samverkan
    from .reporters.concise import line

    files: list[FileDiff] = []
    problems: list[Diagnostic] = []
    for old, new, must in pairs:
        if must and (old.data is None or new.data is None):
            problems.extend(_missing(v.label) for v in (old, new) if v.data is None)
            continue
        if not must and not (is_samverkan(old.data) or is_samverkan(new.data)):
            continue  # another YAML file in the repository (a CI workflow, a config)
        found, errors = compare(old, new, day)
        problems.extend(errors)
        if found is not None:
            files.append(found)
    result = DiffResult(day, tuple(files), tuple(problems))
    if result.problems:
        for d in result.problems:
            sys.stderr.write(line(d) + "\n")
        raise typer.Exit(result.exit_code())
    formatter(result, sys.stdout)
    raise typer.Exit(result.exit_code(exit_code_on_changes=exit_code))


__all__ = ["DiffCommand", "diff"]

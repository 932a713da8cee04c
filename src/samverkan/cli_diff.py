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

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand

from .cli_as_of import AsOf, parse_as_of
from .cli_complete import completes
from .cli_lang import CommandLang

if TYPE_CHECKING:
    from collections.abc import Callable

    from typer._click.core import Context

    from .diagnostics import Diagnostic
    from .diff import Version
    from .workspace import LoadedFile

_Pairs = list[tuple["Version", "Version", bool]]

_AFTER_DASHES = "samverkan.diff.after-dashes"


class DiffCommand(TyperCommand):
    """Remembers how many arguments came after ``--``: those are paths, the ones before revisions."""

    def parse_args(self, ctx: "Context", args: list[str]) -> list[str]:
        ctx.meta[_AFTER_DASHES] = len(args) - args.index("--") - 1 if "--" in args else None
        return super().parse_args(ctx, args)


def _missing(label: str) -> "Diagnostic":
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
    as_of: AsOf = None,
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
    day = parse_as_of(as_of)
    _CONTEXTS.clear()
    args = list(items or [])
    after = ctx.meta.get(_AFTER_DASHES)
    if after is None and len(args) == 2 and any(_is_yaml(a) for a in args):
        pairs = _files(args[0], args[1])
    else:
        split = len(args) if after is None else len(args) - after
        options = [a for a in args[split:] if a.startswith("-") and not Path(a).exists()]
        if options:  # `diff HEAD -- file --as-of D`: after --, git would take it for a path
            raise typer.BadParameter(f"{options[0]} comes after --, where only paths go; put options before --")
        pairs = _revisions(args[:split], args[split:])
    _report(pairs, day, formatter, exit_code)


def _files(old: str, new: str) -> _Pairs:
    """The two files, each with the other files of its workspace (the other one left out)."""
    from .diff import from_file

    a, b = from_file(old, Path(old)), from_file(new, Path(new))
    both = {_key(old), _key(new)}
    return [(_with_context(a, Path(old), both), _with_context(b, Path(new), both), True)]


def _key(path: str | Path) -> str:
    import os

    return os.path.normcase(os.path.normpath(Path(path).absolute()))


class _Contexts:
    """Loads each context file once (by its path and bytes), for every version that needs it."""

    def __init__(self) -> None:
        self.loaded: dict[tuple[str, bytes], LoadedFile] = {}
        self.listed: dict[tuple[str | None, str, bool], list[tuple[str, bytes]]] = {}
        """The files of a context folder (``None``: in the working tree, else at a revision), read once."""

    def clear(self) -> None:
        self.loaded.clear()
        self.listed.clear()

    def files(
        self, rev: str | None, folder: Path, whole: bool, read: "Callable[[Path, bool], list[tuple[str, bytes]]]"
    ) -> list[tuple[str, bytes]]:
        key = (rev, str(folder), whole)
        if key not in self.listed:
            self.listed[key] = read(folder, whole)
        return self.listed[key]

    def load(self, files: list[tuple[str, bytes]], leave_out: set[str]) -> "tuple[LoadedFile, ...]":
        from .workspace import load_bytes

        out = []
        for name, data in files:
            if _key(name) in leave_out:
                continue
            if (name, data) not in self.loaded:
                self.loaded[name, data] = load_bytes(name, data)
            out.append(self.loaded[name, data])
        return tuple(out)


_CONTEXTS = _Contexts()


def _with_context(version: "Version", file: Path, leave_out: set[str]) -> "Version":
    """``version`` with the other files of the working tree's workspace of ``file``."""
    from dataclasses import replace

    from .context import context_files, context_folders
    from .discovery import read_limited

    if version.data is None or not file.is_file():
        return version

    def read(folder: Path, whole: bool) -> list[tuple[str, bytes]]:
        found = ((str(p), read_limited(p)) for p in context_files(folder, whole))
        return [(name, data) for name, data in found if data is not None]

    files: list[tuple[str, bytes]] = []
    for folder, whole in context_folders([file]):
        files.extend(_CONTEXTS.files(None, folder, whole, read))
    return replace(version, context=_CONTEXTS.load(sorted(set(files)), leave_out | {_key(file)}))


def _at_revision(version: "Version", rev: str, path: str, cwd: Path) -> "Version":
    """``version`` with the other files of its workspace in ``rev``; where git cannot list
    them (a folder outside the repository), those of the working tree."""
    from dataclasses import replace

    from .context import context_folders
    from .diff_git import GitError, files_at

    if version.data is None:
        return version

    def read(folder: Path, whole: bool) -> list[tuple[str, bytes]]:
        return files_at(rev, str(folder), whole, cwd)

    files: list[tuple[str, bytes]] = []
    try:
        for folder, whole in context_folders([Path(path)]):
            files.extend(_CONTEXTS.files(rev, folder, whole, read))
    except GitError:
        return _with_context(version, cwd / path, set())
    return replace(version, context=_CONTEXTS.load(sorted(set(files)), {_key(path)}))


def _revisions(revisions: list[str], paths: list[str]) -> _Pairs:
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
        pairs = []
        for n, must in sorted(names):
            old = _at_revision(version(span.old, n, cwd), span.old, n, cwd)
            new = version(span.new, n, cwd)
            new = _with_context(new, cwd / n, set()) if span.new is None else _at_revision(new, span.new, n, cwd)
            pairs.append((old, new, must))
        return pairs
    except GitError as exc:
        _fail(exc.said())


def _fail(text: str) -> NoReturn:
    from .i18n import _

    sys.stderr.write(_("samverkan: diff: {error}").format(error=text) + "\n")
    raise typer.Exit(1)


def _ours(version: "Version") -> bool:
    """A samverkan file, even one that does not parse: a samverkan ``kind:``, or a place in a
    conventional folder (as ``examine(documents_only=True)`` decides)."""
    from .context import in_conventional_folder, is_document

    return version.data is not None and (
        is_document(version.data) or (version.path is not None and in_conventional_folder(Path(version.path)))
    )


def _report(pairs: _Pairs, day: dt.date, formatter: Any, exit_code: bool) -> None:
    """Every file that could be compared on standard output, the errors of the others
    (marked there as not read) on standard error; exit 1 when there was one."""
    from .diff import DiffResult, FileDiff, FileStatus, compare
    from .reporters.concise import line

    files: list[FileDiff] = []
    problems: list[Diagnostic] = []
    for old, new, must in pairs:
        if must and (old.data is None or new.data is None) and old.problem is None and new.problem is None:
            problems.extend(_missing(v.label) for v in (old, new) if v.data is None)
            files.append(FileDiff(old.label, new.label, None, None, FileStatus.UNREADABLE))
            continue
        if not must and not (_ours(old) or _ours(new)):
            continue  # another YAML file in the repository (a CI workflow, a config)
        found, errors = compare(old, new, day)
        problems.extend(errors)
        files.append(found)
    result = DiffResult(day, tuple(files), tuple(problems))
    for d in result.problems:
        sys.stderr.write(line(d) + "\n")
    formatter(result, sys.stdout)
    raise typer.Exit(result.exit_code(exit_code_on_changes=exit_code))


__all__ = ["DiffCommand", "diff"]

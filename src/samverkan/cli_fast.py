"""The entry point of the ``samverkan`` program, and ``validate`` without Typer.

A pre-commit hook and an editor run ``samverkan validate`` on one file at every commit and
save. Typer would spend some 60 ms of such a run on importing Typer and Pydantic's schema
machinery and building a Pydantic adapter for each option, a quarter of the run. So
:func:`process` reads the words of a ``validate`` itself when every one of them is one that
:func:`read_validate` knows, and calls :func:`samverkan.cli_run.validate_files` as the
``validate`` command of :mod:`samverkan.cli` does; any other word (``--help``, an option it does
not know, a value it would have to complain about, shell completion) and every other command go
to Typer, which parses them and reports what is wrong. When a value turns out to be unusable
only once the command looks at it (an unknown format or rule code, a configuration it cannot
use), nothing has been read or printed yet, and Typer runs the command again to say so.

``samverkan --help`` is printed without Typer too (:mod:`samverkan.cli_help`).

``tests/test_cli_fast.py`` runs a list of command lines both ways and compares their output and
exit codes, and checks that the words this module knows are options of Typer's ``validate``.
"""

import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import cli_process  # noqa: F401 - first: the settings of a samverkan process

FLAGS = {
    "--no-cache": ("no_cache", True),
    "--documents-only": ("documents_only", True),
    "--strict": ("strict", True),
    "--no-strict": ("strict", False),
}
"""``validate``'s flags: the keyword of :func:`~samverkan.cli_run.validate_files` each sets, and to what."""

VALUED = {
    "--format": "output_format",
    "-f": "output_format",
    "--jobs": "jobs",
    "-j": "jobs",
    "--select": "select",
    "--ignore": "ignore",
    "--config": "config",
    "--lang": "lang",
}
"""``validate``'s options that take a value, by each of their names."""

REPEATED = frozenset({"select", "ignore"})
"""Options whose every value counts; of the others, the last given counts, as with Typer."""


@dataclass
class ValidateCall:
    """A ``samverkan validate`` command line, read."""

    paths: list[Path] = field(default_factory=list)
    lang: str | None = None
    options: dict[str, object] = field(default_factory=dict)

    def run(self) -> int:
        """Check the files and return the exit code; :class:`~samverkan.cli_run.Unusable` for a value
        that only Typer may report."""
        from .cli_run import validate_files
        from .i18n import choose, set_language

        set_language(choose(self.lang))
        return validate_files(self.paths or None, **self.options)  # type: ignore[arg-type]


def read_validate(args: Sequence[str], env: Mapping[str, str]) -> ValidateCall | None:
    """``args`` (the words after ``samverkan``) read as ``validate``, or ``None`` when Typer must read
    them: another command, a word or value this function does not know, or shell completion."""
    if _typer_only(env):
        return None
    call = ValidateCall()
    words = list(args)
    command = False
    while words:
        word = words.pop(0)
        name, equals, value = word.partition("=") if word.startswith("--") else (word, "", "")
        if not command:  # before the command only --lang
            if word == "validate":
                command = True
                continue
            if name != "--lang":
                return None
        if name in FLAGS and not equals:
            key, flag = FLAGS[name]
            call.options[key] = flag
        elif name in VALUED:
            if not equals:
                if not words:
                    return None
                value = words.pop(0)
            if not _plain(value) or not _take(call, VALUED[name], value):
                return None
        elif word.startswith("-") or not _readable(word):
            return None  # -h, --help, --, an option this function does not know, a path Typer refuses
        else:
            call.paths.append(Path(word))
    return call if command else None


def _plain(value: str) -> bool:
    """A value Typer would read as it is (not one that looks like an option, not empty)."""
    return bool(value) and not value.startswith("-")


def _readable(path: str) -> bool:
    """A path Typer takes: one that is not there, or that this process may read (Typer's
    ``Path`` parameters refuse one that is there and may not be read, a usage error)."""
    if not path:
        return False
    try:
        Path(path).stat()
    except OSError:
        return True
    except ValueError:  # a NUL character: Typer says what it makes of it
        return False
    return os.access(path, os.R_OK)


def _take(call: ValidateCall, key: str, value: str) -> bool:
    """Keep ``value`` of ``key``; ``False`` for one that Typer would report."""
    if key == "lang":
        from .i18n import LANGUAGES

        if value.strip().lower() not in LANGUAGES:
            return False
        call.lang = value
    elif key == "jobs":
        if not re.fullmatch(r"[0-9]+", value) or int(value) < 1:
            return False
        call.options[key] = int(value)
    elif key == "config":
        if not _readable(value):
            return False
        call.options[key] = Path(value)
    elif key in REPEATED:
        call.options[key] = [*call.options.get(key, []), value]  # type: ignore[misc]
    else:
        call.options[key] = value
    return True


def guarded(run: Callable[[], object]) -> None:
    """Run the command line: an unexpected internal error prints one line and a hint, not a traceback."""
    try:
        run()
    except Exception as exc:  # the last line of defence: one line, not a traceback
        from .discovery import ChangedWhileRead
        from .i18n import _

        if isinstance(exc, ChangedWhileRead):  # not a bug: a file was written to during the run
            message = _("samverkan: {path} changed while it was being read; run the command again")
            sys.stderr.write(message.format(path=exc.path) + "\n")
            from .report import EXIT_CHANGED

            sys.exit(EXIT_CHANGED)
        if os.environ.get("SAMVERKAN_DEBUG"):
            raise
        from concurrent.futures.process import BrokenProcessPool

        if isinstance(exc, BrokenProcessPool):  # not a bug: a worker was killed (out of memory, say)
            message = _("samverkan: a worker process stopped before its files were read; run the command again")
            sys.stderr.write(message + "\n")
            sys.exit(3)

        sys.stderr.write(_("samverkan: internal error: {error}").format(error=f"{type(exc).__name__}: {exc}") + "\n")
        sys.stderr.write(_("hint: this is a bug in samverkan; run again with SAMVERKAN_DEBUG=1 for details") + "\n")
        sys.exit(3)


def fast_validate(args: Sequence[str]) -> int | None:
    """Run ``validate`` without Typer and return its exit code, or ``None`` when Typer must run the
    command line. Ends as Typer ends a command: an interrupt with 130 and a closed pipe with 1."""
    call = read_validate(args, os.environ)
    if call is None:
        return None
    try:
        return call.run()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _pipe_closed()
    except Exception as exc:
        from .cli_run import Unusable

        if isinstance(exc, Unusable):
            return None
        raise


def program_name() -> str:
    """The program's name as Click gives it to a program (not to ``python -m``): the last part of
    the path it was run by, ``""`` for a path that ends in a slash."""
    return os.path.basename(sys.argv[0])  # noqa: PTH119 - Click's name: Path.name gives "samverkan" for "samverkan/"


def completing(env: Mapping[str, str]) -> bool:
    """Whether a shell asks for completions, which only Typer answers: Typer's variables, or the
    one Click names after the program (``_SV_COMPLETE`` for a program run as ``sv``)."""
    own = f"_{program_name()}_COMPLETE".replace("-", "_").upper()
    return own in env or any(name.startswith(("_SAMVERKAN_COMPLETE", "_TYPER_COMPLETE")) for name in env)


def _typer_only(env: Mapping[str, str]) -> bool:
    """A line only Typer may run, whatever its words: shell completion, and any line on Windows
    (where Click reads the program's name and its arguments its own way)."""
    return completing(env) or os.name == "nt"


def fast_help(args: Sequence[str]) -> int | None:
    """Print ``samverkan --help`` without Typer (:mod:`samverkan.cli_help`) and return 0, or
    ``None`` when Typer must run the command line (also with no standard output, where Click
    prints nothing)."""
    from .cli_help import fast_help as listing

    text = listing(args, program_name())  # None at once for any other line
    if text is None or sys.stdout is None or _typer_only(os.environ):
        return None
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        return _pipe_closed()
    return 0


def _pipe_closed() -> int:
    """End as Click ends when the reader of its output has gone: with 1 and nothing more said."""
    devnull = os.open(os.devnull, os.O_WRONLY)  # Python flushes stdout at exit: into nothing
    os.dup2(devnull, sys.stdout.fileno())
    return 1


def _dispatch() -> None:
    args = sys.argv[1:]
    code = fast_help(args)
    if code is None:
        code = fast_validate(args)
    if code is not None:
        sys.exit(code)
    from .cli import command_app

    command_app(sys.argv[1:])()


def process() -> None:
    """The entry point of the ``samverkan`` program (and ``python -m samverkan``): ``--help`` and
    ``validate`` without Typer where it can, else Typer's command line; in a process that ends with its
    command, so without the cyclic collector (:func:`samverkan.collector.off_for_process`)."""
    from .collector import off_for_process

    off_for_process()
    try:
        guarded(_dispatch)
    except KeyboardInterrupt:  # before Typer or the command has started: as Typer ends one, quietly
        sys.exit(130)


__all__ = [
    "ValidateCall",
    "completing",
    "fast_help",
    "fast_validate",
    "guarded",
    "process",
    "program_name",
    "read_validate",
]

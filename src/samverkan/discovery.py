"""Finding the YAML files of a run and reading their bytes. Light: no Pydantic here."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .diagnostics import Diagnostic, Severity, Span
from .i18n import N_
from .source import MAX_BYTES, control_character

SUFFIXES = (".yaml", ".yml")
"""The names of YAML files end so, in any case (``.YAML``, ``.Yml`` …)."""
NO_FILES = "SV013"
UNREADABLE = "SV012"


def is_yaml_name(name: str) -> bool:
    """Whether a file name ends in ``.yaml`` or ``.yml``, in any case."""
    return name.lower().endswith(SUFFIXES)


SURROGATE = re.compile("[\ud800-\udfff]")
"""A byte of a file name that is not UTF-8, as Python keeps it."""


def shown_path(path: str) -> str:
    """A path as it can be printed on one line: bytes that are not UTF-8 (which Python keeps
    as lone surrogates) as ``\\xe5``, control characters as ``\\x1b``, ``\\n``, ``\\t``."""
    shown = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    if control_character(shown, in_name=True) is None:
        return shown
    return "".join(repr(c)[1:-1] if control_character(c, in_name=True) else c for c in shown)


def unshowable(name: str) -> bool:
    """Whether a file name cannot be printed as it is: not UTF-8, or holding a control character."""
    return SURROGATE.search(name) is not None or control_character(name, in_name=True) is not None


def _not_utf8_name(path: str) -> Diagnostic:
    return Diagnostic(
        UNREADABLE,
        Severity.ERROR,
        N_("file name is not valid UTF-8; rename the file"),
        Span(shown_path(path)),
        N_("an old Windows tool may have written an å, ä or ö in the name as one byte"),
    )


def _bad_name(path: str) -> Diagnostic:
    """The finding for a name that :func:`unshowable` says no output can show as it is."""
    char = control_character(path, in_name=True)
    if SURROGATE.search(path) or char is None:
        return _not_utf8_name(path)
    return Diagnostic(
        UNREADABLE,
        Severity.ERROR,
        N_("file name holds a control character {char}; rename the file", char=f"U+{ord(char):04X}"),
        Span(shown_path(path)),
    )


def _unreadable_folder(path: str, error: OSError) -> Diagnostic:
    reason = str(error.strerror or error)
    return Diagnostic(
        UNREADABLE, Severity.ERROR, N_("cannot read folder: {reason}", reason=reason), Span(shown_path(path))
    )


def _walk(top: str, problems: list[Diagnostic]) -> Iterator[str]:
    """The YAML files under ``top``, hidden files and folders left out, symbolic links to
    folders not followed; each folder that cannot be read is a problem."""
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as entries:
                children = sorted(entries, key=lambda entry: entry.name, reverse=True)
        except OSError as exc:
            problems.append(_unreadable_folder(folder, exc))
            continue
        for entry in children:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)  # reversed above, so folders are walked in order
                elif is_yaml_name(entry.name) and entry.is_file():
                    yield entry.path
            except OSError as exc:  # pragma: no cover - a race with a file being removed
                problems.append(_unreadable_folder(entry.path, exc))


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The YAML files named or found (recursively) under ``paths``, sorted, without repeats.

    A file whose name is not UTF-8 or holds a control character is a problem, not a file: no
    output could name it as it is.
    """
    found: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            names = list(_walk(str(path), problems))
        elif path.is_file():
            names = [str(path)]
        else:
            problems.append(
                Diagnostic(NO_FILES, Severity.ERROR, N_("no such file or folder"), Span(shown_path(str(path))))
            )
            continue
        for name in names:
            if unshowable(name):
                problems.append(_bad_name(name))
            else:
                file = Path(name)
                found.setdefault(str(file), file)
    return [found[k] for k in sorted(found)], problems


def read_limited(path: Path) -> bytes | None:
    """The file's bytes, at most one more than the size limit; ``None`` if it cannot be read."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError:
        return None


class ChangedWhileRead(RuntimeError):
    """A file is no longer the text that was read at the start of the run: it was written to
    while samverkan was reading it. The command says so and asks to run it again."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


Contents = list[tuple[Path, bytes | None]]
"""Files with their bytes (``None``: unreadable), handed to the loader (:meth:`Found.take`)."""


class Found:
    """The files of a run with their bytes (``None``: unreadable), and the paths not found;
    ``context``: the other files of their workspace, read for the cross-file rules only.

    Each file is read once, and the bytes are handed over once: to the loader (:meth:`take`),
    which lets each file's bytes go as soon as the file is loaded, so that a run never holds
    the bytes of every file at the same time; or to a :meth:`narrowed` copy. A Found whose
    bytes were handed over refuses to give them again."""

    __slots__ = ("_context", "_files", "problems")

    def __init__(
        self,
        files: Iterable[tuple[Path, bytes | None]],
        problems: Iterable[Diagnostic],
        context: Iterable[tuple[Path, bytes | None]] = (),
    ) -> None:
        self._files: tuple[tuple[Path, bytes | None], ...] | None = tuple(files)
        self._context: tuple[tuple[Path, bytes | None], ...] | None = tuple(context)
        self.problems = tuple(problems)

    @property
    def files(self) -> tuple[tuple[Path, bytes | None], ...]:
        if self._files is None:
            raise RuntimeError("the files' bytes were handed over already")
        return self._files

    @property
    def context(self) -> tuple[tuple[Path, bytes | None], ...]:
        if self._context is None:
            raise RuntimeError("the files' bytes were handed over already")
        return self._context

    def take(self, with_context: bool) -> Contents:
        """The files, then (with ``with_context``) the context files, with their bytes, for
        the one who loads them; this Found keeps none of them."""
        contents = list(self.files) + (list(self.context) if with_context else [])
        self._files = self._context = None
        return contents

    def narrowed(self, keep: Callable[[Path, bytes | None], bool]) -> Found:
        """A Found of the files ``keep`` accepts (the context and problems unchanged), to which
        this one hands its bytes over."""
        narrowed = Found([(p, data) for p, data in self.files if keep(p, data)], self.problems, self.context)
        self._files = self._context = None
        return narrowed


def read_all(paths: Iterable[Path]) -> Found:
    """Discover the files under ``paths`` and read each once."""
    files, problems = discover(paths)
    return Found(tuple((path, read_limited(path)) for path in files), tuple(problems))

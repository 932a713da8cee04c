"""Finding the YAML files of a run and reading their bytes. Light: no Pydantic here."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .cache import digest
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


def _unreadable_file(path: str, error: OSError) -> Diagnostic:
    reason = str(error.strerror or error)
    return Diagnostic(
        UNREADABLE, Severity.ERROR, N_("cannot read file: {reason}", reason=reason), Span(shown_path(path))
    )


def _not_a_file(path: str) -> Diagnostic:
    """The finding for a path that exists but is neither a file nor a folder, or a symbolic link
    that leads nowhere: said as what it is, not as "no such file"."""
    link = Path(path)
    if link.is_symlink() and not link.exists():
        try:
            target = shown_path(str(link.readlink()))
        except OSError:  # pragma: no cover - the link was removed since
            target = "?"
        message = N_("broken symbolic link: its target {target} does not exist", target=target)
    else:
        message = N_("not a regular file (a device, a pipe or a socket); name a YAML file or a folder")
    return Diagnostic(UNREADABLE, Severity.ERROR, message, Span(shown_path(path)))


def _walk(top: str, problems: list[Diagnostic]) -> Iterator[str]:
    """The YAML files under ``top``, hidden files and folders left out, symbolic links to
    folders not followed; each folder that cannot be read is a problem, and so is an entry
    named as a YAML file that is not a file (a broken link, a pipe)."""
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
                elif is_yaml_name(entry.name):
                    if entry.is_file():
                        yield entry.path
                    elif not entry.is_dir():  # a link to a folder is not followed, as above
                        problems.append(_not_a_file(entry.path))
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
        try:
            folder = path.is_dir()
            regular = not folder and path.is_file()
        except OSError as exc:  # a folder on its way may not be searched (permission denied)
            problems.append(_unreadable_file(str(path), exc))
            continue
        if folder:
            names = list(_walk(str(path), problems))
        elif regular:
            names = [str(path)]
        elif os.path.lexists(path):
            problems.append(_not_a_file(str(path)))
            continue
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
    """The file's bytes, at most one more than the size limit; ``None`` if it cannot be read.

    Asked for all at once: reading by the size the file says it has is faster (15 ms against
    40–100 ms for 1,000 files of 17 KB) but left the heap more broken up, 10 MB more at the
    peak of a 1,000-file run (89 MB against 80 MB), which a warm run's time did not win back."""
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


_KIND = re.compile(rb"^kind:[ \t]*[\"']?(agreement|action-plan|citizen-promise|statement)[\"']?[ \t]*(#.*)?\r?$", re.M)
_AGREEMENT_KEY = re.compile(rb"agreement[ \t]*:")
_AGREEMENT_KEY_ON_A_LINE = re.compile(rb"\nagreement[ \t]*:")  # a literal first: searched fast


def is_document(data: bytes | None) -> bool:
    """Whether a file's bytes have a top-level ``kind:`` of a samverkan document (a quick look
    that works on a file that does not parse)."""
    return data is not None and _KIND.search(data) is not None


def names_an_agreement(data: bytes | None) -> bool:
    """Whether a file seems to name its agreement: a top-level ``agreement:``, which only
    action-plan and citizen-promise files have (a quick look; see
    :func:`samverkan.workspace.load_workspace` for what a wrong guess costs)."""
    if data is None:
        return False
    return _AGREEMENT_KEY.match(data) is not None or _AGREEMENT_KEY_ON_A_LINE.search(data) is not None


BYTES_KEPT = 16 * 1024 * 1024
"""The most bytes of its files that a run keeps between reading them at the start and loading
them; the files past this are read again when they are loaded, so that a run of any size
holds no more than this many (a run reads every file first: the key of its cached output is
made from them)."""


class Read:
    """One file as the run read it at the start: its bytes if the run keeps them, else their
    :func:`digest` and what the quick looks at them saw (:func:`is_document`,
    :func:`names_an_agreement`). :meth:`take` gives the bytes to the loader, read again if
    they were let go, and then they must be the same (else :class:`ChangedWhileRead`)."""

    __slots__ = ("_data", "_digest", "_document", "_names_agreement")

    def __init__(self, data: bytes, keep: bool = True) -> None:
        self._data: bytes | None = data if keep else None
        self._digest = None if keep else digest(data)
        self._document = None if keep else is_document(data)
        self._names_agreement = None if keep else names_an_agreement(data)

    @property
    def kept(self) -> bool:
        """Whether the bytes are held until they are taken."""
        return self._data is not None

    @property
    def digest(self) -> bytes:
        """The :func:`digest` of the bytes (known until kept bytes are taken)."""
        if self._digest is None:
            if self._data is None:
                raise RuntimeError("the file's bytes were taken before their digest was known")
            self._digest = digest(self._data)
        return self._digest

    @property
    def document(self) -> bool:
        """:func:`is_document` of the bytes."""
        return is_document(self._data) if self._document is None else self._document

    @property
    def names_agreement(self) -> bool:
        """:func:`names_an_agreement` of the bytes."""
        return names_an_agreement(self._data) if self._names_agreement is None else self._names_agreement

    def take(self, path: Path) -> bytes:
        """The bytes, handed over (this Read keeps them no longer): those kept, else read again
        from ``path``, which must give the same bytes."""
        kept, self._data = self._data, None
        if kept is not None:
            return kept
        again = read_limited(path)
        if again is None or digest(again) != self._digest:
            raise ChangedWhileRead(str(path))
        return again


class Reader:
    """Reads the files of one run, keeping their bytes until :data:`BYTES_KEPT` are held."""

    def __init__(self, budget: int | None = None) -> None:
        self.left = BYTES_KEPT if budget is None else budget

    def read(self, path: Path) -> Read | None:
        """The file at ``path`` read (``None``: it cannot be read)."""
        data = read_limited(path)
        if data is None:
            return None
        keep = len(data) <= self.left
        if keep:
            self.left -= len(data)
        return Read(data, keep)


Files = list[tuple[Path, "Read | None"]]
"""Files as read (``None``: unreadable), handed to the loader (:meth:`Found.take`)."""

Contents = list[tuple[Path, "Read | bytes | None"]]
"""Files as read or their bytes (a file read again), for :func:`samverkan.workspace._load_chunk`."""


class Found:
    """The files of a run as they were read (:class:`Read`; ``None``: unreadable), and the
    paths not found; ``context``: the other files of their workspace, read for the cross-file
    rules only.

    The files are handed over once: to the loader (:meth:`take`), which lets each file's bytes
    go as soon as the file is loaded, or to a :meth:`narrowed` copy. A Found that handed its
    files over refuses to give them again."""

    __slots__ = ("_context", "_files", "problems")

    def __init__(
        self,
        files: Iterable[tuple[Path, Read | None]],
        problems: Iterable[Diagnostic],
        context: Iterable[tuple[Path, Read | None]] = (),
    ) -> None:
        self._files: tuple[tuple[Path, Read | None], ...] | None = tuple(files)
        self._context: tuple[tuple[Path, Read | None], ...] | None = tuple(context)
        self.problems = tuple(problems)

    @property
    def files(self) -> tuple[tuple[Path, Read | None], ...]:
        if self._files is None:
            raise RuntimeError("the files' bytes were handed over already")
        return self._files

    @property
    def context(self) -> tuple[tuple[Path, Read | None], ...]:
        if self._context is None:
            raise RuntimeError("the files' bytes were handed over already")
        return self._context

    def take(self, with_context: bool) -> Files:
        """The files, then (with ``with_context``) the context files, with their bytes, for
        the one who loads them; this Found keeps none of them."""
        contents: Files = [*self.files, *(self.context if with_context else ())]
        self._files = self._context = None
        return contents

    def narrowed(self, keep: Callable[[Path, Read | None], bool]) -> Found:
        """A Found of the files ``keep`` accepts (the context and problems unchanged), to which
        this one hands its bytes over."""
        narrowed = Found([(p, data) for p, data in self.files if keep(p, data)], self.problems, self.context)
        self._files = self._context = None
        return narrowed


def read_all(paths: Iterable[Path], reader: Reader | None = None) -> Found:
    """Discover the files under ``paths`` and read each (with ``reader``, else a new one)."""
    files, problems = discover(paths)
    reader = reader or Reader()
    return Found(tuple((path, reader.read(path)) for path in files), tuple(problems))

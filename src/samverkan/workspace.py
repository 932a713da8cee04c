"""Loading every samverkan file under the given paths, going on past bad ones.

A run names some files or folders; the cross-file rules (an action plan's agreement, the
agreement a file replaces, ids used twice) also need the other files of the same workspace.
That is the files' *context*, read beside them (:func:`context_folders`): the conventional
folder (``agreements/``) of the workspace root that a named path is in, else the whole root
when a configuration file (``samverkan.toml``, ``[tool.samverkan]``) marks it, else the named
file's own folder. Only the named files are reported on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, Severity
from .discovery import SUFFIXES, Found, discover, is_yaml_name, read_all, read_limited, unshowable
from .model import ActionPlanFile, Agreement, CitizenPromiseFile, Document, DocumentRoot
from .source import MAX_BYTES, SourceFile, parse_bytes, read_source
from .validation import validate_source

if TYPE_CHECKING:
    from .cache import Cache

__all__ = [
    "CONVENTIONAL_FOLDERS",
    "SUFFIXES",
    "LoadedFile",
    "Workspace",
    "context_folders",
    "discover",
    "is_document",
    "load_bytes",
    "load_file",
    "load_workspace",
    "read_with_context",
]

CONVENTIONAL_FOLDERS = ("agreements",)
"""The folders of a workspace root that hold samverkan documents (the README's and ``new``'s)."""

_KIND = re.compile(rb"^kind:[ \t]*[\"']?(agreement|action-plan|citizen-promise|statement)[\"']?[ \t]*(#.*)?\r?$", re.M)


@dataclass
class LoadedFile:
    """A file as read and, if it was valid against the schema, its document."""

    source: SourceFile
    document: Document | None = None

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def has_error(self) -> bool:
        """An error-severity finding of the loader or the schema (the rules' are not here)."""
        return any(d.severity is Severity.ERROR for d in self.source.diagnostics)


@dataclass
class Workspace:
    """All files of one run, in a stable order, and the problems found loading them."""

    files: list[LoadedFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    context: list[LoadedFile] = field(default_factory=list)
    """The other files of the workspace, for the cross-file rules; never reported on."""

    def with_context(self) -> Workspace:
        """Every file, context and run, in the order the rules look at them; of two files with
        the same id the first is the original and the other is reported (SV106). First come the
        files named after their own id (``<id>.yaml``: a copy made to start another agreement
        is the one reported, whatever its name), then the context before the files of the run
        (an id used in a context file and again in a named file is reported in the named one),
        each by normalised absolute path (not on the current folder)."""
        ordered = [(f, 1) for f in self.context] + [(f, 2) for f in self.files]
        ordered.sort(key=lambda item: (not _named_after_its_id(item[0]), item[1], _absolute(item[0])))
        return Workspace(files=[f for f, _ in ordered])

    def without(self, paths: set[str]) -> Workspace:
        """The files of the run except those at ``paths``, without context."""
        return Workspace(files=[f for f in self.files if f.path not in paths])

    def documents(self) -> Iterator[tuple[LoadedFile, Document]]:
        for loaded in self.files:
            if loaded.document is not None:
                yield loaded, loaded.document

    def agreements(self) -> Iterator[tuple[LoadedFile, Agreement]]:
        for loaded, doc in self.documents():
            if isinstance(doc, Agreement):
                yield loaded, doc

    def action_plan_files(self) -> Iterator[tuple[LoadedFile, ActionPlanFile]]:
        for loaded, doc in self.documents():
            if isinstance(doc, ActionPlanFile):
                yield loaded, doc

    def promise_files(self) -> Iterator[tuple[LoadedFile, CitizenPromiseFile]]:
        for loaded, doc in self.documents():
            if isinstance(doc, CitizenPromiseFile):
                yield loaded, doc

    def by_path(self, path: str) -> LoadedFile | None:
        for loaded in self.files:
            if loaded.path == path:
                return loaded
        return None


def _named_after_its_id(loaded: LoadedFile) -> bool:
    document = loaded.document
    return document is not None and Path(loaded.path).stem == getattr(document, "id", None)


def _absolute(loaded: LoadedFile) -> str:
    """A file's place in an order that does not depend on the current folder."""
    return os.path.normcase(os.path.normpath(Path(loaded.path).absolute()))


def is_document(data: bytes | None) -> bool:
    """Whether a file's bytes have a top-level ``kind:`` of a samverkan document (a quick look
    that works on a file that does not parse)."""
    return data is not None and _KIND.search(data) is not None


def in_conventional_folder(path: Path) -> bool:
    """Whether ``path`` is inside a conventional folder (``agreements/``) of its workspace root."""
    from .config import find_root

    root, _ = find_root(path)
    return _conventional(Path(os.path.normpath(Path(path).absolute())), root) is not None


def _conventional(path: Path, root: Path) -> Path | None:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if len(parts) > 1 and parts[0] in CONVENTIONAL_FOLDERS:
        return root / parts[0]
    if len(parts) == 1 and parts[0] in CONVENTIONAL_FOLDERS and path.is_dir():
        return root / parts[0]
    return None


def context_folders(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """The folders whose files are the context of ``paths`` (see the module's docstring), and
    whether their subfolders count too: the conventional folder or the marked root, with its
    subfolders; else a named file's own folder, without (a folder named is read whole anyway).
    Relative to the current folder when the named path is relative."""
    from .config import find_root

    out: dict[str, tuple[Path, bool]] = {}
    roots: dict[Path, tuple[Path, bool]] = {}
    for path in paths:
        absolute = Path(os.path.normpath(Path(path).absolute()))
        start = absolute if absolute.is_dir() else absolute.parent
        if start not in roots:
            roots[start] = find_root(start)
        root, marked = roots[start]
        folder = _conventional(absolute, root) or (root if marked else None)
        if folder is None and absolute.is_dir():
            continue
        whole = folder is not None
        folder = folder or start
        shown = folder if path.is_absolute() else Path(os.path.relpath(folder))
        key = os.path.normcase(str(folder))
        if not out.get(key, (None, False))[1]:
            out[key] = (shown, whole)
    return [out[k] for k in sorted(out)]


def read_with_context(paths: Iterable[Path]) -> Found:
    """The files under ``paths`` with their bytes, and the other files of their workspace."""
    paths = list(paths)
    found = read_all(paths)
    named = {os.path.normcase(os.path.normpath(Path(p).absolute())) for p, _ in found.files}
    context = []
    for folder, whole in context_folders([p for p in paths if p.exists()]):
        for path in context_files(folder, whole):
            key = os.path.normcase(os.path.normpath(Path(path).absolute()))
            if key not in named:
                named.add(key)
                context.append((path, read_limited(path)))
    return Found(found.files, found.problems, tuple(context))


def context_files(folder: Path, whole: bool) -> list[Path]:
    """The YAML files of one context folder (:func:`context_folders`): all of it, or only the
    files directly in it; never a name no output could show (reported when named)."""
    files = discover([folder])[0] if whole else _yaml_files_in(folder)
    return [path for path in files if not unshowable(str(path))]


def _yaml_files_in(folder: Path) -> list[Path]:
    """The YAML files directly in ``folder`` (any case of the suffix), not hidden; none if it
    cannot be read (as context, it is only missed)."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    return sorted(p for p in children if is_yaml_name(p.name) and p.name[:1] != "." and p.is_file())


def load_file(path: Path) -> LoadedFile:
    source = read_source(path)
    return _validated(source)


def _validated(source: SourceFile) -> LoadedFile:
    root, problems = validate_source(source, DocumentRoot)
    source.diagnostics.extend(problems)
    document = root.root if isinstance(root, DocumentRoot) else None
    return LoadedFile(source, document)


def load_bytes(label: str, data: bytes) -> LoadedFile:
    """A file's bytes (from git, or another version of a file) parsed and validated, its
    findings located at ``label``."""
    return _validated(parse_bytes(data, label))


def _load_bytes(path: Path, data: bytes | None) -> LoadedFile:
    if data is None or len(data) > MAX_BYTES:
        return load_file(path)  # unreadable or too large: read_source says which, with the real size
    return _validated(parse_bytes(data, str(path)))


def _load_chunk(items: list[tuple[Path, bytes | None]], release: bool = False) -> list[LoadedFile]:
    """The files loaded; with ``release``, each done with as soon as its document is made
    (:meth:`SourceFile.release`), so that a worker returns little and a run keeps little."""
    out = []
    for path, data in items:
        loaded = _load_bytes(path, data)
        if release:
            loaded.source.release()
        out.append(loaded)
    return out


PARALLEL_FROM = 64
"""Fewer files than this are loaded in one process: starting workers would cost more."""


def load_workspace(
    paths: Iterable[Path],
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    found: Found | None = None,
    with_context: bool = False,
    release: bool = False,
) -> Workspace:
    """Every file under ``paths``, from the cache where its bytes are known, else parsed and
    validated (in ``jobs`` processes when there are many). ``found``: the files already read.
    ``with_context``: also the other files of their workspace (:func:`read_with_context`), as
    :attr:`Workspace.context`. ``release``: keep of each file without findings only its
    document (:meth:`SourceFile.release`); not for a command that edits the files."""
    from .cache import file_key

    if found is None:
        found = read_with_context(paths) if with_context else read_all(paths)
    workspace = Workspace(diagnostics=list(found.problems))
    contents = list(found.files) + (list(found.context) if with_context else [])
    loaded: list[LoadedFile | None] = [None] * len(contents)
    keys: list[str | None] = [None] * len(contents)
    missing: list[int] = []
    for i, (path, data) in enumerate(contents):
        if cache is not None and data is not None:
            key = keys[i] = file_key(str(path), data)
            loaded[i] = cache.get("file", key)
        if loaded[i] is None:
            missing.append(i)
    for i, result in zip(missing, _load_many([contents[i] for i in missing], jobs, release), strict=True):
        loaded[i] = result
        stored = keys[i]
        if cache is not None and stored is not None:
            cache.put("file", stored, result)
    for i, item in enumerate(loaded):
        assert item is not None
        if i < len(found.files):
            workspace.files.append(item)
            workspace.diagnostics.extend(item.source.diagnostics)
        else:
            workspace.context.append(item)
    return workspace


def _load_many(items: list[tuple[Path, bytes | None]], jobs: int, release: bool) -> list[LoadedFile]:
    if jobs <= 1 or len(items) < PARALLEL_FROM:
        return _load_chunk(items, release)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(8, len(items) // (jobs * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        done = pool.map(_load_chunk, chunks, [release] * len(chunks))
        return [loaded for chunk in done for loaded in chunk]

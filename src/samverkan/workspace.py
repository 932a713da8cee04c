"""Loading every samverkan file under the given paths, going on past bad ones, with the other
files of their workspace as context (:mod:`samverkan.context` says which files those are).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .context import read_with_context
from .diagnostics import Diagnostic, Severity
from .discovery import Found, read_all
from .model import ActionPlanFile, Agreement, CitizenPromiseFile, Document, DocumentRoot
from .source import MAX_BYTES, SourceFile, parse_bytes, read_source
from .validation import validate_source

if TYPE_CHECKING:
    from .cache import Cache

__all__ = ["LoadedFile", "Workspace", "load_bytes", "load_file", "load_workspace", "needs_its_agreement"]


@dataclass
class LoadedFile:
    """A file as read and, if it was valid against the schema, its document."""

    source: SourceFile
    document: Document | None = None
    findings: tuple[Diagnostic, ...] | None = None
    """The findings of the rules' per-file parts (:attr:`Rule.per_file`), with the rules' own
    severities, made as the file was loaded; ``None``: not run (not asked for, or the file
    names an agreement elsewhere, which only the whole run knows: :func:`needs_its_agreement`)."""

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
    agreements_by_id: dict[str, tuple[LoadedFile, Agreement]] | None = None
    """For a workspace of some files only: the agreements of all, by id, that their action-plan
    and citizen-promise files name (:func:`samverkan.walk.agreement_index`)."""

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


def needs_its_agreement(document: Document | None) -> bool:
    """An action-plan or citizen-promise file that names its agreement: the rules check it
    against that agreement, which may be in another file."""
    return isinstance(document, ActionPlanFile | CitizenPromiseFile) and document.agreement is not None


def _named_after_its_id(loaded: LoadedFile) -> bool:
    document = loaded.document
    return document is not None and Path(loaded.path).stem == getattr(document, "id", None)


def _absolute(loaded: LoadedFile) -> str:
    """A file's place in an order that does not depend on the current folder."""
    return os.path.normcase(os.path.normpath(Path(loaded.path).absolute()))


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


def _load_chunk(items: list[tuple[Path, bytes | None]], release: bool = False, check: bool = False) -> list[LoadedFile]:
    """The files loaded; with ``check``, each checked by the rules' per-file parts
    (:attr:`LoadedFile.findings`); with ``release``, each then done with
    (:meth:`SourceFile.release`), so that a worker returns little and a run keeps little."""
    if check:
        from .rules import file_findings
    out = []
    for path, data in items:
        loaded = _load_bytes(path, data)
        if check and not needs_its_agreement(loaded.document):
            loaded.findings = tuple(file_findings(Workspace(files=[loaded])))
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
    check: bool = False,
) -> Workspace:
    """Every file under ``paths``, from the cache where its bytes are known, else parsed and
    validated (in ``jobs`` processes when there are many). ``found``: the files already read.
    ``with_context``: also the other files of their workspace (:func:`read_with_context`), as
    :attr:`Workspace.context`. ``release``: keep of each file without findings only its
    document (:meth:`SourceFile.release`); not for a command that edits the files. ``check``:
    run the rules' per-file parts as each file is loaded (:attr:`LoadedFile.findings`)."""
    from .cache import file_key

    if found is None:
        found = read_with_context(paths) if with_context else read_all(paths)
    workspace = Workspace(diagnostics=list(found.problems))
    contents = list(found.files) + (list(found.context) if with_context else [])
    loaded: list[LoadedFile | None] = [None] * len(contents)
    keys: list[str | None] = [None] * len(contents)
    missing: list[int] = []
    kind = "checked" if check else "file"
    for i, (path, data) in enumerate(contents):
        if cache is not None and data is not None:
            key = keys[i] = file_key(str(path), data)
            loaded[i] = cache.get(kind, key)
        if loaded[i] is None:
            missing.append(i)
    for i, result in zip(missing, _load_many([contents[i] for i in missing], jobs, release, check), strict=True):
        loaded[i] = result
        stored = keys[i]
        if cache is not None and stored is not None:
            cache.put(kind, stored, result)
    for i, item in enumerate(loaded):
        assert item is not None
        if i < len(found.files):
            workspace.files.append(item)
            workspace.diagnostics.extend(item.source.diagnostics)
        else:
            workspace.context.append(item)
    return workspace


def _load_many(items: list[tuple[Path, bytes | None]], jobs: int, release: bool, check: bool) -> list[LoadedFile]:
    if jobs <= 1 or len(items) < PARALLEL_FROM:
        return _load_chunk(items, release, check)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(8, len(items) // (jobs * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        done = pool.map(_load_chunk, chunks, [release] * len(chunks), [check] * len(chunks))
        return [loaded for chunk in done for loaded in chunk]

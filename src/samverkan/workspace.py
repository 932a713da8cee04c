"""Loading every samverkan file under the given paths, going on past bad ones."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic
from .discovery import SUFFIXES, Found, discover, read_all
from .model import ActionPlanFile, Agreement, CitizenPromiseFile, Document, DocumentRoot
from .source import MAX_BYTES, SourceFile, parse_bytes, read_source
from .validation import validate_source

if TYPE_CHECKING:
    from .cache import Cache

__all__ = ["SUFFIXES", "LoadedFile", "Workspace", "discover", "load_file", "load_workspace"]


@dataclass
class LoadedFile:
    """A file as read and, if it was valid against the schema, its document."""

    source: SourceFile
    document: Document | None = None

    @property
    def path(self) -> str:
        return self.source.path


@dataclass
class Workspace:
    """All files of one run, in a stable order, and the problems found loading them."""

    files: list[LoadedFile] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

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


def load_file(path: Path) -> LoadedFile:
    source = read_source(path)
    return _validated(source)


def _validated(source: SourceFile) -> LoadedFile:
    root, problems = validate_source(source, DocumentRoot)
    source.diagnostics.extend(problems)
    document = root.root if isinstance(root, DocumentRoot) else None
    return LoadedFile(source, document)


def _load_bytes(path: Path, data: bytes | None) -> LoadedFile:
    if data is None or len(data) > MAX_BYTES:
        return load_file(path)  # unreadable or too large: read_source says which, with the real size
    return _validated(parse_bytes(data, str(path)))


def _load_chunk(items: list[tuple[Path, bytes | None]]) -> list[LoadedFile]:
    return [_load_bytes(path, data) for path, data in items]


PARALLEL_FROM = 64
"""Fewer files than this are loaded in one process: starting workers would cost more."""


def load_workspace(
    paths: Iterable[Path], *, cache: Cache | None = None, jobs: int = 1, found: Found | None = None
) -> Workspace:
    """Every file under ``paths``, from the cache where its bytes are known, else parsed and
    validated (in ``jobs`` processes when there are many). ``found``: the files already read."""
    from .cache import file_key

    if found is None:
        found = read_all(paths)
    workspace = Workspace(diagnostics=list(found.problems))
    contents = list(found.files)
    loaded: list[LoadedFile | None] = [None] * len(contents)
    keys: list[str | None] = [None] * len(contents)
    missing: list[int] = []
    for i, (path, data) in enumerate(contents):
        if cache is not None and data is not None:
            key = keys[i] = file_key(str(path), data)
            loaded[i] = cache.get("file", key)
        if loaded[i] is None:
            missing.append(i)
    for i, result in zip(missing, _load_many([contents[i] for i in missing], jobs), strict=True):
        loaded[i] = result
        stored = keys[i]
        if cache is not None and stored is not None:
            cache.put("file", stored, result)
    for item in loaded:
        assert item is not None
        workspace.files.append(item)
        workspace.diagnostics.extend(item.source.diagnostics)
    return workspace


def _load_many(items: list[tuple[Path, bytes | None]], jobs: int) -> list[LoadedFile]:
    if jobs <= 1 or len(items) < PARALLEL_FROM:
        return _load_chunk(items)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(8, len(items) // (jobs * 4))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return [loaded for chunk in pool.map(_load_chunk, chunks) for loaded in chunk]

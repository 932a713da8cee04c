"""Loading every samverkan file under the given paths, going on past bad ones."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Severity, Span
from .model import ActionPlanFile, Agreement, CitizenPromiseFile, Document, DocumentRoot
from .source import SourceFile, read_source
from .validation import validate_source

SUFFIXES = (".yaml", ".yml")
NO_FILES = "SV013"


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


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The YAML files named or found (recursively) under ``paths``, sorted, without repeats."""
    found: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix in SUFFIXES and child.is_file() and not _hidden(child, path):
                    found.setdefault(str(child), child)
        elif path.is_file():
            found.setdefault(str(path), path)
        else:
            problems.append(
                Diagnostic(NO_FILES, Severity.ERROR, "no such file or folder", Span(str(path)))
            )
    return [found[k] for k in sorted(found)], problems


def _hidden(child: Path, top: Path) -> bool:
    return any(part.startswith(".") for part in child.relative_to(top).parts)


def load_file(path: Path) -> LoadedFile:
    source = read_source(path)
    root, problems = validate_source(source, DocumentRoot)
    source.diagnostics.extend(problems)
    document = root.root if isinstance(root, DocumentRoot) else None
    return LoadedFile(source, document)


def load_workspace(paths: Iterable[Path]) -> Workspace:
    files, problems = discover(paths)
    workspace = Workspace(diagnostics=problems)
    for path in files:
        loaded = load_file(path)
        workspace.files.append(loaded)
        workspace.diagnostics.extend(loaded.source.diagnostics)
    return workspace

"""The files a render reads, and the lookups every document needs.

A render reads the files it was given, and beside them, for context only, the other files of
their workspace (see :mod:`samverkan.workspace`: their agreements/ folder, else their own
folder; so an action-plan file finds its agreement, and an agreement the one it replaces) and
the action-plan files its agreements link to. The files given are checked as ``validate``
checks them, and a file with an error is left out; problems in the context files do not matter
unless a rendered document needs them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..diagnostics import Diagnostic
from ..discovery import NO_FILES
from ..lifecycle import LifecycleState, Subject, state_on, subjects, successors, successors_of
from ..model import ActionPlanBody, ActionPlanFile, ActionPlanLink, Agreement, CitizenPromise, CitizenPromiseFile
from ..obligations import Obligation, in_reach, obligations
from ..walk import AgreementIndex, FollowUpPlace, agreement_index, follow_ups, promises
from ..workspace import LoadedFile, Workspace, keep, load_file
from .public import public

if TYPE_CHECKING:
    from ..cache import Cache


class _RealPaths:
    """Files' real paths (what tells two names of one file apart from two files), each worked
    out once in a run: a site asks for a file's several times (as a file of the workspace, as
    an agreement's folder, as a plan's link), and each resolve asks the file system about every
    folder on the way (some 0.3 s of 1,000 files)."""

    def __init__(self) -> None:
        self._known: dict[str, Path] = {}

    def __call__(self, path: str | Path) -> Path:
        name = os.fspath(path)
        real = self._known.get(name)
        if real is None:
            real = self._known[name] = Path(name).resolve()
        return real


@dataclass(frozen=True)
class Loaded:
    """What a render reads: the files named or found under its paths (the targets), the workspace
    that also holds the context files, the paths that do not exist, and the errors of the targets
    (loader, schema and rules, with the configured severities; each leaves its file out)."""

    targets: list[LoadedFile]
    ws: Workspace
    missing: list[str]
    errors: tuple[Diagnostic, ...]


def load_library(
    paths: Sequence[Path], config: Config | None = None, cache: Cache | None = None, jobs: int = 1
) -> Loaded:
    """The files under ``paths``, their context and their errors (see :class:`Loaded`); each
    file from ``cache`` where its bytes are known (its document, findings and positions); read
    in ``jobs`` processes when there are many."""
    from ..api import examine

    examined = examine(paths, config, cache=cache, jobs=jobs)
    missing = [d.span.path for d in examined.workspace.diagnostics if d.code == NO_FILES]
    errors = tuple(d for d in examined.errors() if d.code != NO_FILES)
    files: dict[Path, LoadedFile] = {}
    real = _RealPaths()
    for loaded in [*examined.workspace.files, *examined.workspace.context]:
        files.setdefault(real(loaded.path), loaded)
    targets = [files[real(loaded.path)] for loaded in examined.workspace.files]
    _load_links(files, real)
    ws = Workspace(files=list(files.values()))
    return Loaded(targets, ws, missing, errors)


def _load_links(files: dict[Path, LoadedFile], real: _RealPaths) -> None:
    """Add the action-plan files that agreements link to, as far as the links go."""
    pending = list(files.values())
    while pending:
        loaded = pending.pop()
        doc = loaded.document
        if not isinstance(doc, Agreement):
            continue
        folder = real(loaded.path).parent
        for entry in doc.action_plans:
            if isinstance(entry, ActionPlanLink):
                target = (folder / entry.file).resolve()
                if target not in files and target.is_file():
                    linked = files[target] = load_file(target)
                    if linked.document is not None:
                        keep(linked.document)  # to the end, as the others (see load_workspace)
                    pending.append(linked)


def public_workspace(ws: Workspace) -> Workspace:
    """The same files, each document replaced by its public version."""
    return Workspace(
        files=[LoadedFile(f.source, public(f.document) if f.document is not None else None) for f in ws.files],
        diagnostics=list(ws.diagnostics),
    )


@dataclass(frozen=True)
class PlanRef:
    """An action plan as an agreement has it: inline, or read from the file it links to."""

    plan: ActionPlanBody | None
    link: str | None = None
    """The ``file`` of a link; with ``plan`` None, the link could not be followed."""


@dataclass
class Library:
    """The workspace of one render, and lookups by id and by file."""

    ws: Workspace
    as_of: dt.date
    _by_path: dict[Path, LoadedFile] = field(init=False, repr=False)
    _real: _RealPaths = field(init=False, repr=False, compare=False, default_factory=_RealPaths)
    memo: dict[tuple[str, int], Any] = field(init=False, repr=False, compare=False, default_factory=dict)
    """What is worked out once per document and asked for by several pages (``samverkan site``
    wants an agreement's report rows for its report and again for its page): by what it is and
    the ``id()`` of the document, which the workspace keeps alive."""

    def __post_init__(self) -> None:
        self._by_path = {self._real(f.path): f for f in self.ws.files}

    @cached_property
    def index(self) -> AgreementIndex:
        return agreement_index(self.ws)

    @cached_property
    def obligations(self) -> list[Obligation]:
        return obligations(self.ws, self.as_of, self.subjects, self.successors)

    @cached_property
    def _obligations_by_agreement(self) -> dict[str, list[Obligation]]:
        out: dict[str, list[Obligation]] = {}
        for o in self.obligations:
            out.setdefault(o.agreement, []).append(o)
        return out

    def obligations_of(self, agreement_id: str) -> list[Obligation]:
        """The document's obligations in reach on the date (nothing upcoming more than a year
        ahead), in the order of :attr:`obligations` (a new list)."""
        return [o for o in self._obligations_by_agreement.get(agreement_id, ()) if in_reach(o, self.as_of)]

    @cached_property
    def _follow_ups_by_agreement(self) -> dict[int, list[FollowUpPlace]]:
        out: dict[int, list[FollowUpPlace]] = {}
        for place in follow_ups(self.ws, self.index):
            if place.agreement is not None:
                out.setdefault(id(place.agreement), []).append(place)
        return out

    def follow_ups_of(self, agreement: Agreement) -> list[FollowUpPlace]:
        """Every follow-up block that applies to ``agreement`` (this very object), in walk order."""
        return list(self._follow_ups_by_agreement.get(id(agreement), ()))

    def agreement(self, agreement_id: str | None) -> Agreement | None:
        found = self.index.get(agreement_id) if agreement_id is not None else None
        return found[1] if found is not None else None

    @cached_property
    def _file_by_document(self) -> dict[int, LoadedFile]:
        out: dict[int, LoadedFile] = {}
        for loaded in self.ws.files:
            if loaded.document is not None:
                out.setdefault(id(loaded.document), loaded)
        return out

    def file_of(self, document: object) -> LoadedFile | None:
        """The first file whose document is ``document`` (this very object)."""
        return self._file_by_document.get(id(document))

    @cached_property
    def subjects(self) -> list[Subject]:
        """The workspace's agreements and citizen promises (:func:`samverkan.lifecycle.subjects`), once."""
        return subjects(self.ws)

    @cached_property
    def successors(self) -> dict[str, list[Subject]]:
        """The subjects that replace each one (:func:`samverkan.lifecycle.successors`), once."""
        return successors(self.subjects)

    @cached_property
    def _subject_by_key(self) -> dict[tuple[str, str], Subject]:
        return {(s.kind, s.id): s for s in self.subjects}

    def state_of(self, agreement: Agreement) -> tuple[LifecycleState, str | None]:
        """The agreement's state on the date (see :mod:`samverkan.lifecycle`)."""
        subject = self._subject_by_key[("agreement", agreement.id)]
        return state_on(subject, successors_of(subject, self.successors), self.as_of)

    @cached_property
    def _promise_ids_by_agreement(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for s in self.subjects:
            if s.kind == "citizen-promise" and s.agreement is not None:
                out.setdefault(id(s.agreement), []).append(s.id)
        return out

    def promise_ids_of(self, agreement: Agreement) -> list[str]:
        """The ids of the citizen promises that belong to the agreement (inline or in files)."""
        return list(self._promise_ids_by_agreement.get(id(agreement), ()))

    def plans_of(self, agreement: Agreement) -> list[PlanRef]:
        """The agreement's action plans in its order: inline ones, and linked files followed."""
        loaded = self.file_of(agreement)
        folder = self._real(loaded.path).parent if loaded is not None else Path.cwd()
        out = []
        for entry in agreement.action_plans:
            if isinstance(entry, ActionPlanLink):
                target = self._by_path.get(self._real(folder / entry.file))
                doc = target.document if target is not None else None
                out.append(PlanRef(doc if isinstance(doc, ActionPlanFile) else None, entry.file))
            else:
                out.append(PlanRef(entry))
        return out

    @cached_property
    def _promises_by_agreement(self) -> dict[int, list[CitizenPromise]]:
        """The citizen promises of the workspace by their agreement (the object), walked once."""
        out: dict[int, list[CitizenPromise]] = {}
        for p in promises(self.ws, self.index):
            if p.agreement is not None:
                out.setdefault(id(p.agreement), []).append(p.promise)
        return out

    def promises_of(self, agreement: Agreement) -> list[CitizenPromise]:
        """Inline citizen promises, then the citizen-promise files that name the agreement."""
        found = self._promises_by_agreement.get(id(agreement), [])
        inline = [p for p in found if not isinstance(p, CitizenPromiseFile)]
        files = sorted((p for p in found if isinstance(p, CitizenPromiseFile)), key=lambda p: (p.period.start, p.id))
        return inline + files

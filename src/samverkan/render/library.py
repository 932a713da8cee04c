"""The files a render reads, and the lookups every document needs.

A render reads the files it was given, and beside them, for context only, the other files of
their workspace (see :mod:`samverkan.workspace`: their agreements/ folder, else their own
folder; so an action-plan file finds its agreement, and an agreement the one it replaces) and
the action-plan files its agreements link to. The files given are checked as ``validate``
checks them, and a file with an error is left out; problems in the context files do not matter
unless a rendered document needs them.

``render`` keeps of each file only its lifecycle summary (:func:`samverkan.summary.lifecycle`:
what the states, deadlines and links are worked out from, and the ids that choose the
documents) and reads a document's files whole again when it makes that document
(:class:`Library` with ``reread``), so that it holds the summaries and the files of one
document, not every document. ``site``, which makes four documents and a page of each
agreement at different times, keeps whole documents (:class:`Library` without ``reread``).
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from ..config import Config
from ..diagnostics import Diagnostic
from ..discovery import NO_FILES, ChangedWhileRead
from ..lifecycle import LifecycleState, Subject, state_on, subjects, successors, successors_of
from ..model import (
    ActionPlanBody,
    ActionPlanFile,
    ActionPlanLink,
    Agreement,
    CitizenPromise,
    CitizenPromiseFile,
    Document,
)
from ..obligations import Obligation, in_reach, obligations
from ..source import SourceFile
from ..summary import SummaryKind, summary
from ..walk import AgreementIndex, FollowUpPlace, agreement_index, follow_ups, promises
from ..workspace import LoadedFile, Workspace, keep, load_file
from .public import public

if TYPE_CHECKING:
    from ..cache import Cache

T = TypeVar("T")


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
    paths: Sequence[Path],
    config: Config | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    summaries: SummaryKind | None = None,
) -> Loaded:
    """The files under ``paths``, their context and their errors (see :class:`Loaded`); each
    file from ``cache`` where its bytes are known; read in ``jobs`` processes when there are
    many. ``summaries``: keep of each document only that summary (``"lifecycle"``: what the
    states and deadlines are worked out from), for a caller that reads each whole document
    again when it renders it (:class:`Library` with ``reread``)."""
    from ..api import examine

    examined = examine(paths, config, cache=cache, jobs=jobs, summaries=summaries or False)
    missing = [d.span.path for d in examined.workspace.diagnostics if d.code == NO_FILES]
    errors = tuple(d for d in examined.errors() if d.code != NO_FILES)
    files: dict[Path, LoadedFile] = {}
    real = _RealPaths()
    for loaded in [*examined.workspace.files, *examined.workspace.context]:
        files.setdefault(real(loaded.path), loaded)
    targets = [files[real(loaded.path)] for loaded in examined.workspace.files]
    _load_links(files, real, summaries)
    ws = Workspace(files=list(files.values()))
    return Loaded(targets, ws, missing, errors)


def _load_links(files: dict[Path, LoadedFile], real: _RealPaths, summaries: SummaryKind | None = None) -> None:
    """Add the action-plan files that agreements link to, as far as the links go (each kept
    as its ``summaries`` summary, where asked for)."""
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
                        if summaries:
                            linked.document = summary(linked.document, summaries)
                            linked.source.release()
                        keep(linked.document, summaries)  # to the end, as the others (see load_workspace)
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


Key = tuple[Path, tuple[str | int, ...]]
"""Where a document, or an action plan or citizen promise written in one, is: its file's real
path and its key path in the file (``()``, ``("action_plans", 0)``, ``("citizen_promises", 1)``)."""


def _parts(document: Document) -> Iterator[tuple[tuple[str | int, ...], object]]:
    """A document and what is written in it that a render looks up on its own: an agreement's
    inline action plans and citizen promises, by their key paths."""
    yield (), document
    if isinstance(document, Agreement):
        for i, entry in enumerate(document.action_plans):
            if isinstance(entry, ActionPlanBody):
                yield ("action_plans", i), entry
        for i, promise in enumerate(document.citizen_promises):
            yield ("citizen_promises", i), promise


def _at(document: Document, where: tuple[str | int, ...]) -> object:
    """What is at ``where`` (a key path of :func:`_parts`) in ``document``."""
    found: Any = document
    for step in where:
        found = found[step] if isinstance(step, int) else getattr(found, step)
    return found


def _same_text(first: SourceFile, again: SourceFile) -> bool:
    """Whether a file read again (``again``) is the text the run read first, kept or let go of
    (:meth:`SourceFile.release` keeps its checksum)."""
    if again.text is None:
        return False
    if first.text is not None:
        return first.text == again.text
    return first.released and zlib.crc32(again.text.encode("utf-8", "surrogatepass")) == first.checksum


@dataclass
class Library:
    """The workspace of one render, and lookups by id and by file.

    With ``reread``, the workspace holds each document's summary only (its lifecycle: what the
    states and deadlines are worked out from) and a document is read whole again when it is
    rendered: :meth:`full` gives the whole counterpart of a summary (or of an action plan or a
    citizen promise in one), and a lookup given a whole document gives whole documents back.
    What was read for one document is let go of (:meth:`done`) once the next one needs other
    files, so that a render holds the summaries and the files of one document at a time.
    Without it, the workspace's documents are whole and :meth:`full` gives each back as it is."""

    ws: Workspace
    as_of: dt.date
    reread: Callable[[Path], LoadedFile] | None = None
    """Reads a file again, its whole document as the run read it (public, where it is)."""
    _by_path: dict[Path, LoadedFile] = field(init=False, repr=False)
    _real: _RealPaths = field(init=False, repr=False, compare=False, default_factory=_RealPaths)
    memo: dict[tuple[str, Hashable], Any] = field(init=False, repr=False, compare=False, default_factory=dict)
    """What is worked out once per document and asked for by several pages (``samverkan site``
    wants an agreement's report rows for its report and again for its page): by what it is and
    the :meth:`key` of the document."""
    _keys: dict[int, Key] = field(init=False, repr=False, compare=False, default_factory=dict)
    """Where each document of the workspace is, and each action plan and citizen promise
    written in one, by the ``id()`` of the object (which the workspace keeps alive)."""
    _read: dict[Path, tuple[Document | None, list[int]]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )
    """The files read whole again (``reread``), each with the ``id()`` of its parts."""
    _read_keys: dict[int, Key] = field(init=False, repr=False, compare=False, default_factory=dict)
    """Where each part of a file read whole again is (as :attr:`_keys`), while it is held."""
    _used: set[Path] = field(init=False, repr=False, compare=False, default_factory=set)
    """The files read whole again that the current document has asked for."""

    def __post_init__(self) -> None:
        self._by_path = {}
        for loaded in self.ws.files:
            real = self._real(loaded.path)
            self._by_path[real] = loaded
            if loaded.document is not None:
                for where, part in _parts(loaded.document):
                    self._keys.setdefault(id(part), (real, where))

    def key(self, part: object) -> Hashable:
        """Where a document (or a plan or promise in one) is (:data:`Key`), whole or summary;
        the object's own ``id()`` for one that is not in the workspace."""
        return self._keys.get(id(part)) or self._read_keys.get(id(part)) or id(part)

    def _is_whole(self, part: object) -> bool:
        return self.reread is not None and id(part) in self._read_keys

    def full(self, part: T) -> T:
        """The whole counterpart of a summary of the workspace (a document, or an action plan
        or citizen promise written in one), read again; anything else as it is."""
        if self.reread is None:
            return part
        key = self._keys.get(id(part))
        if key is None:
            return part
        path, where = key
        document = self._document(path)
        found = _at(document, where) if document is not None else None
        if type(found) is not type(part):  # the same text gives the same document
            raise ChangedWhileRead(self._by_path[path].path)
        return found

    def _document(self, path: Path) -> Document | None:
        self._used.add(path)
        held = self._read.get(path)
        if held is None:
            assert self.reread is not None
            again = self.reread(path)
            if not _same_text(self._by_path[path].source, again.source):
                raise ChangedWhileRead(self._by_path[path].path)
            document = again.document
            ids = []
            if document is not None:
                for where, part in _parts(document):
                    self._read_keys[id(part)] = (path, where)
                    ids.append(id(part))
            held = self._read[path] = (document, ids)
        return held[0]

    def done(self) -> None:
        """A document is made: let go of the files read again that it did not ask for (those
        of the one before it); its own are kept for the next, which often asks for them too."""
        for path in [p for p in self._read if p not in self._used]:
            _, ids = self._read.pop(path)
            for i in ids:
                del self._read_keys[i]
        self._used = set()

    def _whole(self, part: object, found: list[Any]) -> list[Any]:
        """``found`` (summaries) as whole documents where ``part`` is whole."""
        return [self.full(x) for x in found] if self._is_whole(part) else found

    def ready(self, reports: bool) -> None:
        """Work out now what the documents' contexts look up (with ``reports``, the deadlines
        too), so that processes forked to make them share it instead of each working it out."""
        lookups = ["index", "_promises_by_agreement", "_follow_ups_by_agreement", "_subject_by_key"]
        if reports:
            lookups += ["_obligations_by_agreement", "_promise_ids_by_agreement"]
        for lookup in lookups:
            getattr(self, lookup)

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
    def _follow_ups_by_agreement(self) -> dict[Hashable, list[FollowUpPlace]]:
        out: dict[Hashable, list[FollowUpPlace]] = {}
        for place in follow_ups(self.ws, self.index):
            if place.agreement is not None:
                out.setdefault(self.key(place.agreement), []).append(place)
        return out

    def follow_ups_of(self, agreement: Agreement) -> list[FollowUpPlace]:
        """Every follow-up block that applies to ``agreement`` (the one at its place), in walk
        order (read from the workspace: a summary keeps every follow-up block whole)."""
        return list(self._follow_ups_by_agreement.get(self.key(agreement), ()))

    def agreement(self, agreement_id: str | None) -> Agreement | None:
        """The agreement with that id, as the workspace has it (a summary, with ``reread``)."""
        found = self.index.get(agreement_id) if agreement_id is not None else None
        return found[1] if found is not None else None

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
    def _promise_ids_by_agreement(self) -> dict[Hashable, list[str]]:
        out: dict[Hashable, list[str]] = {}
        for s in self.subjects:
            if s.kind == "citizen-promise" and s.agreement is not None:
                out.setdefault(self.key(s.agreement), []).append(s.id)
        return out

    def promise_ids_of(self, agreement: Agreement) -> list[str]:
        """The ids of the citizen promises that belong to the agreement (inline or in files)."""
        return list(self._promise_ids_by_agreement.get(self.key(agreement), ()))

    def plans_of(self, agreement: Agreement) -> list[PlanRef]:
        """The agreement's action plans in its order: inline ones, and linked files followed
        (whole where ``agreement`` is)."""
        key = self.key(agreement)
        folder = key[0].parent if isinstance(key, tuple) else Path.cwd()
        whole = self._is_whole(agreement)
        out = []
        for entry in agreement.action_plans:
            if isinstance(entry, ActionPlanLink):
                target = self._by_path.get(self._real(folder / entry.file))
                doc = target.document if target is not None else None
                if not isinstance(doc, ActionPlanFile):
                    out.append(PlanRef(None, entry.file))
                else:
                    out.append(PlanRef(self.full(doc) if whole else doc, entry.file))
            else:
                out.append(PlanRef(entry))
        return out

    @cached_property
    def _promises_by_agreement(self) -> dict[Hashable, list[CitizenPromise]]:
        """The citizen promises of the workspace by their agreement's place, walked once."""
        out: dict[Hashable, list[CitizenPromise]] = {}
        for p in promises(self.ws, self.index):
            if p.agreement is not None:
                out.setdefault(self.key(p.agreement), []).append(p.promise)
        return out

    def promises_of(self, agreement: Agreement) -> list[CitizenPromise]:
        """Inline citizen promises, then the citizen-promise files that name the agreement
        (whole where ``agreement`` is)."""
        found = self._promises_by_agreement.get(self.key(agreement), [])
        inline = [p for p in found if not isinstance(p, CitizenPromiseFile)]
        files = sorted((p for p in found if isinstance(p, CitizenPromiseFile)), key=lambda p: (p.period.start, p.id))
        return self._whole(agreement, inline + files)

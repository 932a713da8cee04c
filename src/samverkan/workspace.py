"""Loading every samverkan file under the given paths, going on past bad ones, with the other
files of their workspace as context (:mod:`samverkan.context` says which files those are).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .context import read_with_context
from .diagnostics import Diagnostic, Severity
from .discovery import ChangedWhileRead, Contents, Files, Found, Read, read_all, read_limited
from .model import ActionPlanFile, Agreement, CitizenPromiseFile, Document, DocumentType
from .source import MAX_BYTES, SourceFile, decode, parse_bytes, read_source
from .validation import validate_source

if TYPE_CHECKING:
    from .cache import Cache
    from .summary import SummaryKind

__all__ = ["LoadedFile", "Workspace", "load_bytes", "load_file", "load_workspace", "needs_its_agreement"]


_T = TypeVar("_T")


@dataclass
class LoadedFile:
    """A file as read and, if it was valid against the schema, its document."""

    source: SourceFile
    document: Document | None = None
    findings: tuple[Diagnostic, ...] | None = None
    """The findings of the rules' per-file parts (:attr:`Rule.per_file`), with the rules' own
    severities, made as the file was loaded; ``None``: not run (not asked for, or the file
    names an agreement elsewhere, which only the whole run knows: :func:`needs_its_agreement`)."""
    fingerprint: bytes | None = None
    """The :func:`~samverkan.summary.fingerprint` of its document's summary, made when the
    summary is cached (``None``: not made yet)."""

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
    _views: dict[Callable[[Workspace], Any], Any] | None = field(default=None, init=False, repr=False, compare=False)

    @contextmanager
    def sharing(self) -> Iterator[None]:
        """While inside, :meth:`view` makes each view of this workspace once: the cross-file parts
        of the rules read the same subjects, agreement index and municipalities (made once,
        0.12 to 0.16 s of a 1,000-file run, where each rule making its own took 0.17 to 0.30 s).
        The files must not change inside."""
        if self._views is not None:  # inside already
            yield
            return
        self._views = {}
        try:
            yield
        finally:
            self._views = None

    def view(self, make: Callable[[Workspace], _T]) -> _T:
        """``make(self)``: made once while :meth:`sharing`, else each time it is asked for."""
        views = self._views
        if views is None:
            return make(self)
        if make not in views:
            views[make] = make(self)
        made: _T = views[make]
        return made

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


def _agreement_named(loaded: LoadedFile | None) -> str | None:
    """The id of the agreement that a loaded action-plan or citizen-promise file names."""
    document = loaded.document if loaded is not None else None
    if isinstance(document, ActionPlanFile | CitizenPromiseFile):
        return document.agreement
    return None


def _named_after_its_id(loaded: LoadedFile) -> bool:
    document = loaded.document
    if document is None:
        return False
    name = os.path.basename(loaded.path)  # noqa: PTH119 - called for every file at each sort
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name  # Path(...).stem, without making a Path
    return stem == getattr(document, "id", None)


def _absolute(loaded: LoadedFile) -> str:
    """A file's place in an order that does not depend on the current folder."""
    return os.path.normcase(os.path.abspath(loaded.path))  # noqa: PTH100 - not resolved: as it was named


def load_file(path: Path) -> LoadedFile:
    source = read_source(path)
    return _validated(source)


def _validated(source: SourceFile) -> LoadedFile:
    document, problems = validate_source(source, DocumentType)
    source.diagnostics.extend(problems)
    return LoadedFile(source, document)


def load_bytes(label: str, data: bytes) -> LoadedFile:
    """A file's bytes (from git, or another version of a file) parsed and validated, its
    findings located at ``label``."""
    return _validated(parse_bytes(data, label))


def _load_bytes(path: Path, data: bytes | None) -> LoadedFile:
    if data is None or len(data) > MAX_BYTES:
        return load_file(path)  # unreadable or too large: read_source says which, with the real size
    return _validated(parse_bytes(data, str(path)))


AgreementIndex = dict[str, tuple[LoadedFile, Agreement]]
"""Agreements by id, the first in the rules' order winning (:func:`samverkan.walk.agreement_index`)."""

_AGAINST: AgreementIndex | None = None
"""The agreements that a worker of the second wave checks files against (inherited on fork)."""


def _load_chunk(
    items: Contents,
    release: bool = False,
    check: bool = False,
    summarize: SummaryKind | None = None,
    against: AgreementIndex | None = None,
) -> list[LoadedFile]:
    """The files loaded; with ``check``, each checked by the rules' per-file parts
    (:attr:`LoadedFile.findings`): a file that names its agreement against ``against`` (left
    unchecked without it), and, with ``summarize``, its document then reduced to that
    :func:`~samverkan.summary.summary`; with ``release``, each then done with
    (:meth:`SourceFile.release`), so that a worker returns little and a run keeps little."""
    if check:
        from .rules import file_findings
        from .summary import summary
    out = []
    for k, (path, read) in enumerate(items):
        items[k] = (path, None)  # the bytes go once the file is loaded
        data = read.take(path) if isinstance(read, Read) else read
        del read
        loaded = _load_bytes(path, data)
        del data
        if check:
            # Each finding's line and column are read here, while the file's text is at hand
            # (in the worker that loaded it), not read again from the file by the process that
            # reports them.
            linked = needs_its_agreement(loaded.document)
            if not linked or against is not None:  # a file that names its agreement needs ``against``
                found = file_findings(Workspace(files=[loaded], agreements_by_id=against if linked else None))
                loaded.findings = tuple(d.located() for d in found)
            if summarize and loaded.document is not None and loaded.findings is not None:
                loaded.document = summary(loaded.document, summarize)
        if release:
            loaded.source.release()
            _keep(loaded, summarize)
        out.append(loaded)
    return out


def _keep(loaded: LoadedFile, summarize: SummaryKind | None) -> None:
    if loaded.document is not None and not (summarize and loaded.findings is None):
        # (a file that names its agreement is summarised, then kept, by the run: api.examine)
        keep(loaded.document, summarize)


def keep(document: Document, summarize: SummaryKind | None = None) -> Document:
    """``document`` (whole, or the ``summarize`` summary of it), which the run keeps to its end:
    compacted (:func:`~samverkan.compact.compact`) when it is whole (``render``, ``site``) or
    the deadline engine's summary (``due``, ``status``); the rules' summaries (``validate``)
    are small already, and their time is the one-file run's."""
    if summarize == "rules":
        return document
    from .compact import compact

    return compact(document)


_CACHE_KIND = {"rules": "summary", "lifecycle": "lifecycle"}
"""The cache's name for the files kept as each kind of summary."""

_ITEMS: Contents = []
"""The files that the workers of a wave load (inherited on fork): each is sent the bounds of its
share, not the files' bytes."""


def _load_shared(
    bounds: tuple[int, int], release: bool, check: bool, summarize: SummaryKind | None
) -> list[LoadedFile]:
    """The files ``_ITEMS[start:end]`` loaded in a worker, against the agreements of ``_AGAINST``."""
    start, end = bounds
    if end > len(_ITEMS):  # a worker forked before the files were set: never, with "fork"
        raise RuntimeError("a worker was started without the files it was to load")
    return _load_chunk(_ITEMS[start:end], release, check, summarize, _AGAINST)


PARALLEL_FROM = 64
"""Fewer files than this are loaded (and a site of fewer is made) in one process: starting
workers would cost more."""


def _names_an_agreement(read: Read | None) -> bool:
    """Whether a file seems to name its agreement (:func:`samverkan.discovery.names_an_agreement`).
    Such files are loaded after the others, so that each is checked against its agreement as
    it is loaded and then let go of. A wrong guess costs time or memory, not findings: a file
    that names its agreement without such a line is checked once all are loaded
    (:func:`samverkan.api.examine`), and the files that name an agreement found among the
    second ones are checked again (:meth:`_Loader.check_again`)."""
    return read is not None and read.names_agreement


def load_workspace(
    paths: Iterable[Path],
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    found: Found | None = None,
    with_context: bool = False,
    release: bool = False,
    check: bool = False,
    summarize: SummaryKind | None = None,
) -> Workspace:
    """Every file under ``paths``, from the cache where its bytes are known, else parsed and
    validated (in ``jobs`` processes when there are many). ``found``: the files already read.
    ``with_context``: also the other files of their workspace (:func:`read_with_context`), as
    :attr:`Workspace.context`. ``release``: keep of each file without findings only its
    document (:meth:`SourceFile.release`); not for a command that edits the files.

    ``check``: run the rules' per-file parts as each file is loaded (:attr:`LoadedFile.findings`):
    first the files that do not name an agreement, then those that do, each against the
    agreement that the whole run resolves its id to (:meth:`_Loader.agreements`); ``summarize``: then
    keep of a checked file's document only that summary (:func:`samverkan.summary.summary`):
    what the rules' cross-file parts read (``"rules"``), or that and what ``due`` and
    ``status`` read (``"lifecycle"``). A file that names its agreement is cached without
    its findings, which are cached apart, keyed by the file and the agreement's file."""
    if found is None:
        found = read_with_context(paths) if with_context else read_all(paths)
    named = len(found.files)
    loader = _Loader(found.take(with_context), named, cache, jobs, release, check, summarize)
    if check:
        later = [i for i, (_, data) in enumerate(loader.contents) if _names_an_agreement(data)]
        chosen = set(later)
        loader.load([i for i in range(len(loader.contents)) if i not in chosen])
        first = loader.agreements()
        loader.load(later, against=first)
        every = loader.agreements()
        moved = {k for k, (f, _) in every.items() if first.get(k, (None, None))[0] is not f}
        if moved:  # an agreement among the files that seemed to name one: check their files again
            loader.check_again([i for i in later if _agreement_named(loader.loaded[i]) in moved], every)
    else:
        loader.load(list(range(len(loader.contents))))
    workspace = Workspace(diagnostics=list(found.problems))
    for i, item in enumerate(loader.loaded):
        assert item is not None
        if i < named:
            workspace.files.append(item)
            workspace.diagnostics.extend(item.source.diagnostics)
        else:
            workspace.context.append(item)
    return workspace


class _Loader:
    """The files of one :func:`load_workspace`, loaded in waves, from the cache or read."""

    def __init__(
        self,
        contents: Files,
        named: int,
        cache: Cache | None,
        jobs: int,
        release: bool,
        check: bool,
        summarize: SummaryKind | None,
    ) -> None:
        from .cache import file_key

        self.contents, self.named, self.cache, self.jobs = contents, named, cache, jobs
        self.release, self.check, self.summarize = release, check, summarize
        self.kind = (_CACHE_KIND[summarize] if summarize else "checked") if check else "file"
        self.loaded: list[LoadedFile | None] = [None] * len(contents)
        self.keys: list[str | None] = [None] * len(contents)
        if cache is not None:
            self.keys = [file_key(str(path), read.digest) if read is not None else None for path, read in contents]
        self.key_of = {str(path): key for (path, _), key in zip(contents, self.keys, strict=True) if key is not None}

    def agreements(self) -> AgreementIndex:
        """The agreements loaded so far by id, the first in the rules' order winning."""
        files = [f for i, f in enumerate(self.loaded) if f is not None and i < self.named]
        context = [f for i, f in enumerate(self.loaded) if f is not None and i >= self.named]
        index: AgreementIndex = {}
        for loaded in Workspace(files=files, context=context).with_context().files:
            if isinstance(loaded.document, Agreement):
                index.setdefault(loaded.document.id, (loaded, loaded.document))
        return index

    def _findings_key(self, key: str, document: Document | None, against: AgreementIndex) -> str:
        """The cache key of the findings of a file that names its agreement: its own key and
        that of the file the agreement is in (``-``: not among the files)."""
        from .cache import digest_bytes

        agreement_id = getattr(document, "agreement", None)
        entry = against.get(agreement_id) if agreement_id is not None else None
        other = self.key_of.get(entry[0].path, "?") if entry is not None else "-"
        return digest_bytes(f"{key}|{other}".encode())

    def load(self, indices: list[int], against: AgreementIndex | None = None) -> None:
        """Load the files at ``indices``: from the cache, else read (:func:`_load_many`); their
        bytes are let go as they are loaded."""
        missing: list[int] = []
        for i in indices:
            key = self.keys[i]
            hit = self.cache.get(self.kind, key) if self.cache is not None and key is not None else None
            if isinstance(hit, LoadedFile) and hit.findings is None and self.check and against is not None:
                assert self.cache is not None and key is not None
                findings = self.cache.get("linked", self._findings_key(key, hit.document, against))
                hit = replace(hit, findings=findings) if isinstance(findings, tuple) else None
            if hit is None:
                missing.append(i)
            else:
                if self.release:
                    _keep(hit, self.summarize)
                self.loaded[i] = hit
                self.contents[i] = (self.contents[i][0], None)
                hit.source.places = (self.cache, key) if self.cache is not None and key is not None else None
        items: Contents = []
        for i in missing:  # handed on, not copied: _load_chunk lets each file's bytes go
            items.append(self.contents[i])
            self.contents[i] = (self.contents[i][0], None)
        results = _load_many(items, self.jobs, self.release, self.check, self.summarize, against)
        for i, result in zip(missing, results, strict=True):
            self.loaded[i] = result
            key = self.keys[i]
            if self.cache is None or key is None:
                continue
            if self.summarize and result.findings is not None and result.document is not None:
                from .summary import fingerprint

                result.fingerprint = fingerprint(result.document)
            if self.check and needs_its_agreement(result.document) and result.findings is not None:
                assert against is not None
                self.cache.put("linked", self._findings_key(key, result.document, against), result.findings)
                self.cache.put(self.kind, key, replace(result, findings=None))
            else:
                self.cache.put(self.kind, key, result)
            result.source.places = (self.cache, key)  # set after it is stored: a file's own

    def check_again(self, indices: list[int], against: AgreementIndex) -> None:
        """Check again against ``against`` the files at ``indices``, which name an agreement
        that was loaded after them (its file seemed to name an agreement too: a line of a
        long text that starts with ``agreement:``). Their findings come from the cache if
        known, else the file is read again."""
        for i in indices:
            loaded = self.loaded[i]
            assert loaded is not None
            key = self.keys[i]
            known = None
            if self.cache is not None and key is not None:
                known = self.cache.get("linked", self._findings_key(key, loaded.document, against))
            if isinstance(known, tuple):
                self.loaded[i] = replace(loaded, findings=known)
                continue
            path = self.contents[i][0]
            again = _load_chunk([(path, _read_again(loaded))], self.release, self.check, self.summarize, against)[0]
            self.loaded[i] = again
            if self.cache is not None and key is not None:
                self.cache.put("linked", self._findings_key(key, again.document, against), again.findings)
                again.source.places = (self.cache, key)


def _read_again(loaded: LoadedFile) -> bytes:
    """The bytes of a file loaded in this run, read again, if they are still the text that
    was checked (:attr:`SourceFile.checksum`); else :class:`ChangedWhileRead`."""
    source = loaded.source
    data = read_limited(Path(source.path))
    text = decode(data, source.path)[0] if data is not None else None
    kept = source.text.encode("utf-8", "surrogatepass") if source.text is not None else None
    expected = zlib.crc32(kept) if kept is not None else source.checksum
    if text is None or zlib.crc32(text.encode("utf-8", "surrogatepass")) != expected:
        raise ChangedWhileRead(source.path)
    assert data is not None
    return data


def _load_many(
    items: Contents,
    jobs: int,
    release: bool,
    check: bool,
    summarize: SummaryKind | None,
    against: AgreementIndex | None = None,
) -> list[LoadedFile]:
    """The files of ``items`` loaded (:func:`_load_chunk`), in ``jobs`` processes when there are
    many. Workers that send back whole documents (no ``summarize``) cost this process the time
    to unpickle them, about a quarter of loading them: it then loads a share of the files
    itself while ``jobs - 1`` workers load the rest, rather than wait for ``jobs`` of them."""
    global _AGAINST, _ITEMS
    if jobs <= 1 or len(items) < PARALLEL_FROM:
        return _load_chunk(items, release, check, summarize, against)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = jobs if summarize else jobs - 1
    own = [] if summarize else items[: len(items) // jobs]
    theirs = items[len(own) :]
    items.clear()
    size = max(8, len(theirs) // (workers * 4))
    bounds = [(i, min(i + size, len(theirs))) for i in range(0, len(theirs), size)]
    n = len(bounds)
    # The workers are forked with the files and the agreements, rather than sent a copy of their
    # share: pickling the bytes, sending them through a pipe and unpickling them took the main
    # process's time while the workers loaded.
    _ITEMS, _AGAINST = theirs, against
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            done = pool.map(_load_shared, bounds, [release] * n, [check] * n, [summarize] * n)
            mine = _load_chunk(own, release, check, summarize, against)
            return mine + [loaded for chunk in done for loaded in chunk]
    finally:
        _ITEMS, _AGAINST = [], None

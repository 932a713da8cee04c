"""Building the site, in memory or written file by file inside the output folder as it is made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..config import Config
from ..i18n import _
from ..lifecycle import Subject
from ..model import Agreement, CitizenPromise, CitizenPromiseFile
from ..obligations import Obligation
from ..render import Plan, RenderRequest, plan_sources, safe_target
from ..render.documents import Unit
from ..render.environment import environment
from ..render.library import Library, load_library, public_workspace
from ..render.output import Writer
from ..reporters.left_out import left_out_lines
from ..status import AgreementStatus, breaks, chains, statuses
from ..workspace import PARALLEL_FROM
from .overview import (
    CALENDAR,
    DOCUMENT_KINDS,
    DUE,
    INDEX,
    PROMISE,
    Key,
    Outline,
    Overview,
    agreement_path,
    document_path,
    outline,
    overview,
)
from .pages import Page, Pages, with_site_nav

if TYPE_CHECKING:
    from ..cache import Cache

EXIT_OK = 0
EXIT_PROBLEMS = 1


@dataclass(frozen=True)
class SiteRequest:
    """What ``samverkan site`` asks for."""

    paths: tuple[Path, ...]
    as_of: dt.date
    public: bool = False
    templates: Path | None = None
    config: Config | None = None
    """The rules' settings: which findings are errors that leave a file out."""
    cache: Cache | None = field(default=None, compare=False, repr=False)
    """Where files already checked are loaded from (see :mod:`samverkan.cache`); none: read all."""


@dataclass(frozen=True)
class SiteFile:
    path: str
    """Relative to the site's root, with ``/``: ``index.html``, ``kommun/uppsala-kommun.html``."""
    data: bytes


@dataclass(frozen=True)
class SiteResult:
    files: tuple[SiteFile, ...]
    """Sorted by path."""
    problems: tuple[str, ...]
    """Files left out because of errors, links that could not be followed, ids used twice."""
    agreements: int
    municipalities: int
    promises: int = 0
    """Citizen promises, whether in files of their own or inline in an agreement."""

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEMS if self.problems or not (self.agreements or self.promises) else EXIT_OK


class SiteProgress(Protocol):
    """Told what is being done: a stage (``total`` steps, ``None`` if unknown), then each step."""

    def begin(self, label: str, total: int | None) -> None: ...

    def step(self) -> None: ...


class _Silent:
    def begin(self, label: str, total: int | None) -> None:
        pass

    def step(self) -> None:
        pass


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@dataclass
class _Prepared:
    """A site ready to be made: the files read, the documents chosen and named, the outline
    of the overview; nothing rendered yet. The overview and the pages are made when a page is
    first asked for (:attr:`ov`), so that a site made in several processes renders documents
    while this process makes them (:func:`make_site`)."""

    request: SiteRequest
    problems: list[str]
    found: list[AgreementStatus]
    plans: list[Plan]
    documents: dict[str, list[str]]
    """The names of each agreement's documents, by the agreement's id."""
    outline: Outline
    make_overview: Callable[[], Overview] = field(repr=False)
    make_pages: Callable[[Overview], Pages] = field(repr=False)

    def result(self, files: Sequence[SiteFile] = ()) -> SiteResult:
        keys = self.outline.keys
        return SiteResult(
            tuple(sorted(files, key=lambda f: f.path)),
            _unique(self.problems),
            sum(1 for kind, _ in keys if kind != PROMISE),
            len(self.outline.chains),
            sum(1 for kind, _ in keys if kind == PROMISE),
        )

    @cached_property
    def ov(self) -> Overview:
        """The overview, made when first asked for."""
        return self.make_overview()

    @cached_property
    def pages(self) -> Pages:
        return self.make_pages(self.ov)

    _units: list[list[tuple[str, Unit] | None]] | None = field(default=None, repr=False)
    """Each plan's documents, once taken out of it (:meth:`_begin`): a slot is emptied as its
    document is rendered."""
    _work: list[tuple[int, int]] = field(default_factory=list, repr=False)
    """What each number of :meth:`make` makes: ``(plan, document)``, ``(-1, page)``, ``(-2, 0)``."""

    @property
    def total(self) -> int:
        """How many files :meth:`files` makes: the steps of its progress, one a file."""
        self._begin()
        return len(self._work)

    def paths(self) -> list[str]:
        """The path of every file :meth:`files` makes, without making any, in its order."""
        self._begin()
        assert self._units is not None
        out = [document_path(unit[0]) for units in self._units for unit in units if unit is not None]
        out += [INDEX, DUE, *self.outline.municipality_paths, *self.outline.page_paths]
        out.append(CALENDAR)
        return out

    def _begin(self) -> None:
        """Take each plan's documents out of the plan, so that each document's context goes as
        soon as the document is rendered (a fifth of the site's peak memory on 1,000 files),
        and number the files: the documents, the pages, the calendar."""
        if self._units is not None:
            return
        self._units = [list(plan.units) for plan in self.plans]
        self.plans[:] = [replace(plan, units=()) for plan in self.plans]
        self._work = [(p, u) for p, units in enumerate(self._units) for u in range(len(units))]
        pages = 2 + len(self.outline.chains) + len(self.outline.keys)
        self._work += [(_PAGE, k) for k in range(pages)]
        self._work.append((_CALENDAR, 0))

    def files(self, progress: SiteProgress) -> Iterator[SiteFile]:
        """Every file of the site, each made when it is asked for (each document rendered
        once), so that a caller can write it and let go of it. The files are made once: ask
        for :meth:`paths` before."""
        for index in range(self.total):
            yield self.make(index)
            progress.step()

    def make(self, index: int) -> SiteFile:
        """File ``index`` of :meth:`paths`; a document's only once (its context is let go)."""
        self._begin()
        assert self._units is not None
        first, second = self._work[index]
        if first == _CALENDAR:
            return SiteFile(CALENDAR, _calendar(self.outline.due_obligations, self.found, self.request.as_of))
        if first == _PAGE:
            page = self._page(second)
            return SiteFile(page.path, page.text.encode("utf-8"))
        taken = self._units[first][second]
        if taken is None:
            raise ValueError(f"document {index} of the site is made already")
        self._units[first][second] = None
        name, unit = taken
        text = self.plans[first].render(name, unit).text
        ident = name.removesuffix(f".{unit.document}.html")
        del unit, taken
        path = document_path(name)
        links = [("Alla överenskommelser", "index.html")]
        status = self._agreements.get(ident)
        if status is not None:
            links = [(f"Om överenskommelsen {ident}", agreement_path(ident)), *links]
            links += [(m.label, m.path) for m in self.outline.mine(status)]
        return SiteFile(path, with_site_nav(text, path, links).encode("utf-8"))

    @cached_property
    def _agreements(self) -> dict[str, AgreementStatus]:
        """The agreements that have pages, by id (a document links to its agreement's page and
        municipalities)."""
        paged = {key for key in self.outline.keys if key[0] != PROMISE}
        return {s.id: s for s in self.found if (s.kind, s.id) in paged}

    def _page(self, number: int) -> Page:
        pages, municipalities = self.pages, self.ov.municipalities
        if number == 0:
            return pages.index()
        if number == 1:
            return pages.due()
        if number < 2 + len(municipalities):
            return pages.municipality(municipalities[number - 2])
        view = self.ov.agreements[number - 2 - len(municipalities)]
        return pages.promise(view) if view.is_promise else pages.agreement(view)

    def order(self, alongside: bool) -> tuple[list[int], list[int]]:
        """The numbers of :meth:`make` in two lists: those this process makes before it takes
        any of the second, which every process takes in turn.

        ``alongside``: this process makes the overview and then every page while the others
        make the calendar (the largest file) and the documents, which need no overview; the
        follow-up reports, which read the overview's Swedish rows, come last, where this
        process takes its numbers from (:func:`~samverkan.render.processes.write_in_processes`):
        it has the rows, and a worker that reaches a report works them out for itself.
        Otherwise the overview is made first and every file is shared, the calendar and the
        pages first. With two processes the two halves take about as long, and the overview is
        made while the other works; with more, the pages made by one process alone would keep
        the others waiting."""
        self._begin()
        documents = [k for k, (what, _) in enumerate(self._work) if what >= 0]
        pages = [k for k, (what, _) in enumerate(self._work) if what == _PAGE]
        calendar = len(self._work) - 1
        if not alongside:
            self.pages  # noqa: B018 - the overview and the pages, before the workers are forked
            return [], [calendar, *pages, *documents]
        reports = [k for k in documents if self.plans[self._work[k][0]].request.document == _READS_THE_ROWS]
        first = [k for k in documents if self.plans[self._work[k][0]].request.document != _READS_THE_ROWS]
        return pages, [calendar, *first, *reports]


_ALONGSIDE = 2
"""The number of processes for which ``site`` makes its overview while the other process makes
documents (:meth:`_Prepared.order`)."""


_PAGE = -1
_CALENDAR = -2
_READS_THE_ROWS = "follow-up-report"
"""The documents that read the Swedish rows of the overview (:func:`samverkan.render.report.report_rows`)."""


def _prepare(request: SiteRequest, progress: SiteProgress, jobs: int = 1) -> _Prepared:
    progress.begin(_("Reading the files"), None)
    read = load_library(request.paths, request.config, request.cache, jobs)
    targets, ws = read.targets, read.ws
    problems = [f"{path}: {_('no such file or folder')}" for path in read.missing]
    problems.extend(left_out_lines(read.errors))
    left_out = {d.span.path for d in read.errors}
    if request.public:
        ws = public_workspace(ws)
    lib = Library(ws, request.as_of)
    by_path = {f.path: f for f in ws.files}
    chosen: dict[str, tuple[str, Agreement]] = {}
    shown: dict[Key, tuple[str, Subject]] = {}
    first_subject: dict[Key, Subject] = {(s.kind, s.id): s for s in lib.subjects}
    for target in targets:
        loaded = by_path.get(target.path, target)
        doc = loaded.document
        if target.path in left_out:
            continue
        # Reachable: a configuration that ignores SV106 or a schema code, or makes it a warning,
        # lets such a file past ``examine`` (tests/test_site_left_out.py).
        if doc is None:
            problems.append(
                _("{file}: left out because of errors; run `samverkan validate {file}`").format(file=target.path)
            )
        elif isinstance(doc, Agreement):
            first = lib.index[doc.id]
            if first[1] is not doc:
                problems.append(
                    _("{file}: agreement id '{id}' is also used in {other}; left out").format(
                        file=target.path, id=doc.id, other=first[0].path
                    )
                )
                continue
            chosen[doc.id] = (target.path, doc)
            shown[("agreement", doc.id)] = (target.path, first_subject[("agreement", doc.id)])
            for promise in doc.citizen_promises:
                _show_promise(shown, first_subject, target.path, promise, problems)
        elif isinstance(doc, CitizenPromiseFile):
            _show_promise(shown, first_subject, target.path, doc, problems)
    every = statuses(ws, lib.obligations, request.as_of, lib.subjects, lib.successors)
    found = [s for s in every if (s.kind, s.id) in shown]
    municipality_chains = chains(found, breaks(ws, request.as_of, lib.subjects, lib.successors))

    sources = sorted(chosen.values(), key=lambda pair: pair[0])
    env = environment("html", request.templates)  # one for every document and page
    plans: list[Plan] = []
    documents: dict[str, list[str]] = {}
    for kind in DOCUMENT_KINDS:
        subset = [(path, a) for path, a in sources if kind != "memo" or a.memo is not None]
        render_request = RenderRequest(request.paths, request.as_of, "html", kind, request.public, request.templates)
        plan = plan_sources(lib, subset, render_request, env)
        problems.extend(plan.problems)
        for name, _unit in plan.units:
            documents.setdefault(name.removesuffix(f".{kind}.html"), []).append(name)
        plans.append(plan)
    plan_of_site = outline(lib, found, municipality_chains, shown)
    return _Prepared(
        request,
        problems,
        found,
        plans,
        documents,
        plan_of_site,
        lambda: overview(lib, found, municipality_chains, shown, documents, plan_of_site),
        lambda ov: Pages(ov, request.templates, public=request.public, files=len(targets), env=env),
    )


def build_site(request: SiteRequest, progress: SiteProgress | None = None) -> SiteResult:
    """Every file of the site for ``request``, in memory. Raises
    :class:`samverkan.render.TemplateProblem` when a template cannot be used."""
    progress = progress or _Silent()
    prepared = _prepare(request, progress)
    progress.begin(_("Building the site"), prepared.total)
    return prepared.result(list(prepared.files(progress)))


def make_site(
    request: SiteRequest, out: Path, progress: SiteProgress | None = None, jobs: int = 1
) -> tuple[SiteResult, int]:
    """Build the site for ``request`` into ``out`` (made if missing), writing each file
    atomically as soon as it is made, so that no more than one page is held at a time; the
    result (its ``files`` empty) and how many files were written. With ``jobs`` above 1 the
    files are read, and the site made, in that many processes
    (:func:`samverkan.render.processes.write_in_processes`): the same bytes. Nothing is
    written when there is nothing to show, and every path is checked (:func:`write_site`)
    before any file is. Raises :class:`samverkan.render.TemplateProblem` when a template
    cannot be used (the files made before it are written),
    :class:`samverkan.render.UnsafeOutput` and :class:`OSError`."""
    progress = progress or _Silent()
    prepared = _prepare(request, progress, jobs)
    result = prepared.result()
    if not result.agreements and not result.promises:
        return result, 0
    paths = prepared.paths()
    targets = _targets(out, paths)
    progress.begin(_("Building the site"), prepared.total)
    if jobs > 1 and len(paths) >= PARALLEL_FROM:
        from ..render.processes import write_in_processes

        mine, shared = prepared.order(alongside=jobs == _ALONGSIDE)

        def make(number: int) -> tuple[Path, bytes]:
            made = prepared.make(number)
            return targets[made.path], made.data

        def pages() -> Iterator[tuple[Path, bytes]]:  # in this process, after the workers are forked
            for number in mine:
                yield make(number)

        return result, write_in_processes(len(shared), lambda k: make(shared[k]), jobs, progress.step, first=pages())
    with Writer() as writer:
        for f in prepared.files(progress):
            writer.write(targets[f.path], f.data)
    return result, writer.written


def _show_promise(
    shown: dict[Key, tuple[str, Subject]],
    first: dict[Key, Subject],
    path: str,
    promise: CitizenPromise,
    problems: list[str],
) -> None:
    """Show ``promise`` (of the file at ``path``) unless another promise has its id."""
    ident = promise.id
    subject = first.get((PROMISE, ident))
    if subject is None:
        return
    if subject.document is not promise:
        other = subject.loaded.path if subject.loaded is not None else _("another file")
        problems.append(
            _("{file}: citizen promise id '{id}' is also used in {other}; left out").format(
                file=path, id=ident, other=other
            )
        )
        return
    shown[(PROMISE, ident)] = (path, subject)


def _calendar(obligations: Sequence[Obligation], found: Sequence[AgreementStatus], as_of: dt.date) -> bytes:
    """The due list as ``samverkan due --format ics`` writes it."""
    from ..api import DueResult
    from ..due_formats import DEFAULT_ALARM_DAYS
    from ..due_formats.ics import calendar, to_bytes

    result = DueResult(as_of, tuple(obligations), tuple(found), ())
    return to_bytes(calendar(result, DEFAULT_ALARM_DAYS))


def _targets(out: Path, paths: Sequence[str]) -> dict[str, Path]:
    """Where each of ``paths`` is written inside ``out``; every name and every folder is checked
    (:class:`samverkan.render.UnsafeOutput`) before ``out`` and its folders are made."""
    folders: dict[str, Path] = {}
    targets: dict[str, Path] = {}
    resolved = {out: out.resolve()}
    for path in paths:
        folder_name, _slash, name = path.rpartition("/")
        folder = out
        if folder_name:
            if folder_name not in folders:
                folders[folder_name] = safe_target(out, folder_name, resolved=resolved[out])
                resolved[folders[folder_name]] = folders[folder_name].resolve()
            folder = folders[folder_name]
        targets[path] = safe_target(folder, name, resolved=resolved[folder])
    out.mkdir(parents=True, exist_ok=True)
    for folder in folders.values():
        folder.mkdir(exist_ok=True)
    return targets


def write_site(out: Path, files: Sequence[SiteFile], progress: SiteProgress | None = None) -> list[Path]:
    """Write ``files`` inside ``out`` (made if missing), each atomically. Every name, and every
    folder inside ``out``, is checked before anything is written: a name or a folder (a symbolic
    link, say) that would land outside ``out`` raises :class:`samverkan.render.UnsafeOutput`."""
    progress = progress or _Silent()
    targets = _targets(out, [f.path for f in files])
    progress.begin(_("Writing the files"), len(files))
    with Writer() as writer:
        for f in files:
            writer.write(targets[f.path], f.data)
            progress.step()
    return [targets[f.path] for f in files]

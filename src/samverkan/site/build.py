"""Building the site, in memory or written file by file inside the output folder as it is made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ..config import Config
from ..i18n import _
from ..lifecycle import Subject
from ..model import Agreement, CitizenPromise, CitizenPromiseFile
from ..obligations import Obligation
from ..render import Plan, RenderRequest, plan_sources, safe_target
from ..render.environment import environment
from ..render.library import Library, load_library, public_workspace
from ..render.output import Writer
from ..reporters.left_out import left_out_lines
from ..status import AgreementStatus, breaks, chains, statuses
from .overview import (
    CALENDAR,
    DOCUMENT_KINDS,
    DUE,
    INDEX,
    PROMISE,
    Key,
    Overview,
    agreement_path,
    document_path,
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
    """A site ready to be made: the files read, the documents chosen and named, the overview;
    nothing rendered yet."""

    request: SiteRequest
    problems: list[str]
    found: list[AgreementStatus]
    plans: list[Plan]
    documents: dict[str, list[str]]
    """The names of each agreement's documents, by the agreement's id."""
    ov: Overview
    pages: Pages

    def result(self, files: Sequence[SiteFile] = ()) -> SiteResult:
        return SiteResult(
            tuple(sorted(files, key=lambda f: f.path)),
            _unique(self.problems),
            len(self.ov.only_agreements),
            len(self.ov.municipalities),
            len(self.ov.promises),
        )

    @property
    def total(self) -> int:
        """The steps of :meth:`files`: one per kind of document, one per page."""
        return len(DOCUMENT_KINDS) + 2 + len(self.ov.municipalities) + len(self.ov.agreements)

    def paths(self) -> list[str]:
        """The path of every file :meth:`files` makes, without making any."""
        out = [document_path(name) for plan in self.plans for name, _unit in plan.units]
        out += [INDEX, DUE, *(m.path for m in self.ov.municipalities), *(a.path for a in self.ov.agreements)]
        out.append(CALENDAR)
        return out

    def files(self, progress: SiteProgress) -> Iterator[SiteFile]:
        """Every file of the site, each made when it is asked for (each document rendered
        once), so that a caller can write it and let go of it. The plans let go of each
        document's context as it is rendered (a fifth of the site's peak memory on 1,000
        files), so the files are made once: ask for :meth:`paths` before."""
        views = {a.id: a for a in self.ov.only_agreements}
        for index in range(len(self.plans)):
            units = list(reversed(self.plans[index].units))
            plan = self.plans[index] = replace(self.plans[index], units=())  # a context goes with its document
            while units:
                name, unit = units.pop()
                text = plan.render(name, unit).text
                ident = name.removesuffix(f".{unit.document}.html")
                del unit
                view = views.get(ident)
                path = document_path(name)
                links = [("Alla överenskommelser", "index.html")]
                if view is not None:
                    links = [(f"Om överenskommelsen {ident}", agreement_path(ident)), *links]
                    links += [(m.label, m.path) for m in view.municipalities]
                yield SiteFile(path, with_site_nav(text, path, links).encode("utf-8"))
            progress.step()
        for page in self._pages(progress):
            yield SiteFile(page.path, page.text.encode("utf-8"))
        yield SiteFile(CALENDAR, _calendar(self.ov.due_obligations, self.found, self.request.as_of))

    def _pages(self, progress: SiteProgress) -> Iterator[Page]:
        pages = self.pages
        yield pages.index()
        progress.step()
        yield pages.due()
        progress.step()
        for m in self.ov.municipalities:
            yield pages.municipality(m)
            progress.step()
        for a in self.ov.agreements:
            yield pages.promise(a) if a.is_promise else pages.agreement(a)
            progress.step()


def _prepare(request: SiteRequest, progress: SiteProgress) -> _Prepared:
    progress.begin(_("Reading the files"), None)
    read = load_library(request.paths, request.config, request.cache)
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
    ov = overview(lib, found, municipality_chains, shown, documents)
    pages = Pages(ov, request.templates, public=request.public, files=len(targets), env=env)
    return _Prepared(request, problems, found, plans, documents, ov, pages)


def build_site(request: SiteRequest, progress: SiteProgress | None = None) -> SiteResult:
    """Every file of the site for ``request``, in memory. Raises
    :class:`samverkan.render.TemplateProblem` when a template cannot be used."""
    progress = progress or _Silent()
    prepared = _prepare(request, progress)
    progress.begin(_("Building the site"), prepared.total)
    return prepared.result(list(prepared.files(progress)))


def make_site(request: SiteRequest, out: Path, progress: SiteProgress | None = None) -> tuple[SiteResult, int]:
    """Build the site for ``request`` into ``out`` (made if missing), writing each file
    atomically as soon as it is made, so that no more than one page is held at a time; the
    result (its ``files`` empty) and how many files were written. Nothing is written when there
    is nothing to show, and every path is checked (:func:`write_site`) before any file is.
    Raises :class:`samverkan.render.TemplateProblem` when a template cannot be used (the files
    made before it are written), :class:`samverkan.render.UnsafeOutput` and :class:`OSError`."""
    progress = progress or _Silent()
    prepared = _prepare(request, progress)
    result = prepared.result()
    if not result.agreements and not result.promises:
        return result, 0
    targets = _targets(out, prepared.paths())
    progress.begin(_("Building the site"), prepared.total)
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
    from ..due_formats.ics import calendar

    result = DueResult(as_of, tuple(obligations), tuple(found), ())
    data: bytes = calendar(result, DEFAULT_ALARM_DAYS).to_ical()
    return data


def _targets(out: Path, paths: Sequence[str]) -> dict[str, Path]:
    """Where each of ``paths`` is written inside ``out``; every name and every folder is checked
    (:class:`samverkan.render.UnsafeOutput`) before ``out`` and its folders are made."""
    folders: dict[str, Path] = {}
    targets: dict[str, Path] = {}
    for path in paths:
        folder_name, _slash, name = path.rpartition("/")
        folder = out
        if folder_name:
            if folder_name not in folders:
                folders[folder_name] = safe_target(out, folder_name)
            folder = folders[folder_name]
        targets[path] = safe_target(folder, name)
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

"""Building the site in memory, and writing it inside the output folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..config import Config
from ..i18n import _
from ..lifecycle import Subject
from ..model import Agreement, CitizenPromise, CitizenPromiseFile
from ..obligations import Obligation
from ..render import RenderRequest, render_sources, safe_target, write_atomic
from ..render.library import Library, load_library, public_workspace
from ..reporters.left_out import left_out_lines
from ..status import AgreementStatus, breaks, chains, statuses
from .overview import (
    CALENDAR,
    DOCUMENT_KINDS,
    PROMISE,
    Key,
    agreement_path,
    document_path,
    overview,
)
from .pages import Pages, with_site_nav

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


def build_site(request: SiteRequest, progress: SiteProgress | None = None) -> SiteResult:
    """Every file of the site for ``request``, in memory. Raises
    :class:`samverkan.render.TemplateProblem` when a template cannot be used."""
    progress = progress or _Silent()
    progress.begin(_("Reading the files"), None)
    read = load_library(request.paths, request.config)
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

    pages_total = len(DOCUMENT_KINDS) + 2 + len(municipality_chains) + len(found)
    progress.begin(_("Building the site"), pages_total)
    sources = sorted(chosen.values(), key=lambda pair: pair[0])
    documents: dict[str, list[str]] = {}
    rendered: dict[str, str] = {}
    for kind in DOCUMENT_KINDS:
        subset = [(path, a) for path, a in sources if kind != "memo" or a.memo is not None]
        render_request = RenderRequest(request.paths, request.as_of, "html", kind, request.public, request.templates)
        result = render_sources(lib, subset, render_request)
        problems.extend(result.problems)
        for made in result.documents:
            ident = made.name.removesuffix(f".{kind}.html")
            documents.setdefault(ident, []).append(made.name)
            rendered[made.name] = made.text
        progress.step()

    ov = overview(lib, found, municipality_chains, shown, documents)
    pages = Pages(ov, request.templates, public=request.public, files=len(targets))
    out = [pages.index()]
    progress.step()
    out.append(pages.due())
    progress.step()
    for m in ov.municipalities:
        out.append(pages.municipality(m))
        progress.step()
    for a in ov.agreements:
        out.append(pages.promise(a) if a.is_promise else pages.agreement(a))
        progress.step()

    files = [SiteFile(page.path, page.text.encode("utf-8")) for page in out]
    views = {a.id: a for a in ov.only_agreements}
    for ident, names in documents.items():
        view = views.get(ident)
        for name in names:
            path = document_path(name)
            links = [("Alla överenskommelser", "index.html")]
            if view is not None:
                links = [(f"Om överenskommelsen {ident}", agreement_path(ident)), *links]
                links += [(m.label, m.path) for m in view.municipalities]
            files.append(SiteFile(path, with_site_nav(rendered[name], path, links).encode("utf-8")))
    files.append(SiteFile(CALENDAR, _calendar(ov.due_obligations, found, request.as_of)))
    return SiteResult(
        tuple(sorted(files, key=lambda f: f.path)),
        _unique(problems),
        len(ov.only_agreements),
        len(ov.municipalities),
        len(ov.promises),
    )


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


def write_site(out: Path, files: Sequence[SiteFile], progress: SiteProgress | None = None) -> list[Path]:
    """Write ``files`` inside ``out`` (made if missing), each atomically. Every name, and every
    folder inside ``out``, is checked before anything is written: a name or a folder (a symbolic
    link, say) that would land outside ``out`` raises :class:`samverkan.render.UnsafeOutput`."""
    progress = progress or _Silent()
    folders: dict[str, Path] = {}
    targets: list[tuple[Path, bytes]] = []
    for f in files:
        folder_name, _slash, name = f.path.rpartition("/")
        folder = out
        if folder_name:
            if folder_name not in folders:
                folders[folder_name] = safe_target(out, folder_name)
            folder = folders[folder_name]
        targets.append((safe_target(folder, name), f.data))
    out.mkdir(parents=True, exist_ok=True)
    for folder in folders.values():
        folder.mkdir(exist_ok=True)
    progress.begin(_("Writing the files"), len(targets))
    written = []
    for target, data in targets:
        write_atomic(target, data)
        written.append(target)
        progress.step()
    return written

"""Documents from the data: agreements, action plans, follow-up reports, citizen promises, case memos.

``render_documents`` reads the files, chooses the documents (see :mod:`.documents`), fills the
Jinja templates (see :mod:`.environment`) and returns the texts (a Word document is made from
the HTML one, see :mod:`.word`); ``write_all`` (in
:mod:`.output`) writes them atomically inside an output folder. Nothing here reads today's
date: ``as_of`` comes in with the request. Same input and ``as_of``, same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment

from ..config import Config
from ..i18n import _
from ..model import Document
from ..reporters.left_out import left_out_lines
from ..workspace import PARALLEL_FROM, LoadedFile, load_file
from .documents import DOCUMENTS, Unit, find_units
from .environment import EXTENSIONS, TemplateProblem, environment, render_template, tidy
from .library import Library, load_library, public_workspace
from .output import UnsafeOutput, safe_target, write_all, write_atomic, write_each, write_each_in_processes
from .pdf import print_pdfs
from .public import public as public_document
from .types import PageHeader, ReferenceProblem

if TYPE_CHECKING:
    from ..cache import Cache

FORMATS = ("md", "html")
"""The formats with templates of their own."""
OUTPUT_FORMATS = tuple(EXTENSIONS)
"""Every ``--format``: the template formats and ``docx``, made from the HTML."""
EXIT_OK = 0
EXIT_PROBLEMS = 1
MADE_IN_PROCESSES_FROM = PARALLEL_FROM
"""The fewest documents that :meth:`Prepared.write` makes in several processes (as the files
are read in several from as many): fewer are made in one, where starting the others costs
more than they save."""


@dataclass(frozen=True)
class RenderRequest:
    """What ``samverkan render`` asks for."""

    paths: tuple[Path, ...]
    as_of: dt.date
    output_format: str = "md"
    document: str | None = None
    """``None``: each file's own kind (agreement, action-plan, citizen-promise or statement)."""
    public: bool = False
    templates: Path | None = None
    reference_docx: Path | None = None
    """``docx``: the Word document whose styles, page setup, headers and footers are used."""
    draft: bool = False
    """An internal working copy: adds where the encoding comes from (``Källa: …``, the files'
    ``source``), which the document to be signed leaves out. Not with ``public``."""
    config: Config | None = None
    """The rules' settings: which findings are errors that leave a file out."""
    cache: Cache | None = field(default=None, compare=False, repr=False)
    """Where files already checked are loaded from (see :mod:`samverkan.cache`); none: read all."""
    jobs: int = 1
    """Processes that read the files (and make the documents, where they are written to a
    folder: :meth:`Prepared.write`)."""


@dataclass(frozen=True)
class Rendered:
    """One document: its file name (``<id>.<document>.<ext>``), its kind, the file it is from, its
    text (for ``docx``: the HTML it was made from), and for ``docx`` the Word file itself."""

    name: str
    document: str
    source: str
    text: str
    binary: bytes | None = None
    header: PageHeader = field(default_factory=lambda: PageHeader(""))
    """The running header of its printed pages: title, case number, date (see :mod:`.pdf`)."""

    @property
    def data(self) -> bytes:
        return self.binary if self.binary is not None else self.text.encode("utf-8")


@dataclass(frozen=True)
class RenderResult:
    documents: tuple[Rendered, ...]
    skipped: tuple[str, ...]
    """Files that gave nothing of the kind asked for (a note, not a failure)."""
    problems: tuple[str, ...]
    """Files left out because of errors, links that could not be followed, names used twice."""

    @property
    def exit_code(self) -> int:
        return EXIT_PROBLEMS if self.problems or not self.documents else EXIT_OK


def render_documents(request: RenderRequest) -> RenderResult:
    """Every document ``request`` asks for, rendered in memory, in a stable order."""
    prepared = prepare_render(request)
    documents = tuple(prepared.documents())
    return RenderResult(documents, prepared.skipped, prepared.problems)


def prepare_render(request: RenderRequest) -> Prepared:
    """The files ``request`` names read, checked and planned (each document named), no document
    made yet: :meth:`Prepared.write` makes and writes them one at a time."""
    _check(request)
    read = load_library(request.paths, request.config, request.cache, request.jobs, summaries="lifecycle")
    targets, ws = read.targets, read.ws
    problems = [f"{path}: {_('no such file or folder')}" for path in read.missing]
    problems.extend(left_out_lines(read.errors))
    left_out = {d.span.path for d in read.errors}
    if request.public:
        ws = public_workspace(ws)
    lib = Library(ws, request.as_of, reread=partial(_read_whole, public=request.public))
    by_path = {f.path: f for f in ws.files}
    sources = []
    for target in targets:
        loaded = by_path.get(target.path, target)
        if target.path in left_out:
            continue
        if loaded.document is None:
            problems.append(
                _("{file}: left out because of errors; run `samverkan validate {file}`").format(file=target.path)
            )
        else:
            sources.append((target.path, loaded.document))
    plan = plan_sources(lib, sources, request)
    return Prepared(plan, (*problems, *plan.problems))


def _read_whole(path: Path, public: bool) -> LoadedFile:
    """A file read again when a document made from it is rendered, its whole document public
    where the render is."""
    loaded = load_file(path)
    if public and loaded.document is not None:
        loaded.document = public_document(loaded.document)
    return loaded


class Prepared:
    """A render read and planned: its documents named, none made yet. :meth:`documents` makes
    them one at a time and lets go of each (its context too) once it is given, so that a caller
    that writes each as it comes (:meth:`write`) holds one document, not all of them."""

    def __init__(self, plan: Plan, problems: tuple[str, ...]) -> None:
        self.names = [name for name, _unit in plan.units]
        """The file name of each document, in the order they are made."""
        self.skipped = plan.skipped
        self.problems = problems
        """Files left out because of errors, links that could not be followed, names used twice."""
        self._units: deque[tuple[str, Unit]] | None = deque(plan.units)
        self._plan = replace(plan, units=())

    def documents(self) -> Iterator[Rendered]:
        """Each document, made when asked for, in :attr:`names`' order; once only."""
        if self._units is None:
            raise RuntimeError("the documents of a render are made once")
        units, self._units = self._units, None
        while units:  # no local name holds a document, or its unit, while the next is made
            yield self._plan.render(*units.popleft())

    def write(self, folder: Path, jobs: int = 1) -> list[Path]:
        """Make each document and write it inside ``folder`` as it is made, letting go of it
        before the next is made; all or nothing (:func:`~.output.write_each`): every name is
        checked first, and an error (a template's, a full disk) leaves the folder as it was. With
        ``jobs`` above 1 and :data:`MADE_IN_PROCESSES_FROM` documents or more, they are made in
        that many processes at once (:func:`~.output.write_each_in_processes`). The paths
        written, in :attr:`names`' order."""
        if jobs <= 1 or len(self.names) < max(2, MADE_IN_PROCESSES_FROM):
            # map, not a generator expression: its frame would hold the last document
            return write_each(folder, self.names, map(attrgetter("data"), self.documents()))
        if self._units is None:
            raise RuntimeError("the documents of a render are made once")
        units: list[tuple[str, Unit] | None] = list(self._units)
        self._units = None
        if self._plan.library is not None:  # worked out once here, not in each process
            self._plan.library.ready(reports=any(u is not None and u[1].document == "follow-up-report" for u in units))

        def make(index: int) -> bytes:
            unit = units[index]
            units[index] = None  # in the process that makes it: let go of once made
            assert unit is not None
            return self._plan.render(*unit).data

        return write_each_in_processes(folder, self.names, make, jobs)


@dataclass(frozen=True)
class Plan:
    """The documents a render will make, named, before any is rendered: a caller that renders
    many (``samverkan site``) renders and writes them one at a time (:meth:`render`)."""

    request: RenderRequest
    env: Environment
    units: tuple[tuple[str, Unit], ...]
    """``(name, unit)``, in a stable order; names used twice are left out (see ``problems``)."""
    skipped: tuple[str, ...]
    problems: tuple[str, ...]
    reference: bytes | None = None
    """``docx``: the reference document's bytes."""
    library: Library | None = field(default=None, compare=False, repr=False)
    """What the units' contexts are made from: told when each document is made
    (:meth:`Library.done`), so that it lets go of what it read again for the one before."""

    def render(self, name: str, unit: Unit) -> Rendered:
        """The document of one of :attr:`units`."""
        try:
            return self._render(name, unit)
        finally:
            if self.library is not None:
                self.library.done()

    def _render(self, name: str, unit: Unit) -> Rendered:
        request = self.request
        docx = request.output_format == "docx"
        source_format = "html" if docx else request.output_format  # Word is made from the HTML
        template_name = f"{source_format}/{unit.document}.{source_format}"
        text = render_template(self.env, template_name, unit.context | {"draft": request.draft})
        text = tidy(text, source_format)
        binary = None
        if docx:
            from .word import html_to_docx

            binary = html_to_docx(text, request.as_of, self.reference)
        return Rendered(name, unit.document, unit.source, text, binary, unit.page_header())


def plan_sources(
    lib: Library, sources: Sequence[tuple[str, Document]], request: RenderRequest, env: Environment | None = None
) -> Plan:
    """The documents ``request`` asks for from ``sources`` (``(path, document)`` pairs of files
    already read into ``lib``, which is already public when ``request.public`` is), named and
    not yet rendered, in a stable order; ``request.paths`` is not read. ``env`` (for the
    request's format and templates) is made if not given, so that one caller can share one."""
    _check(request)
    found = find_units(lib, list(sources), request.document, request.public)
    problems = list(found.problems)
    docx = request.output_format == "docx"
    source_format = "html" if docx else request.output_format  # Word is made from the HTML
    reference = None
    if docx and request.reference_docx:  # python-docx and lxml only when Word is asked for
        from .word import load_reference

        reference = load_reference(request.reference_docx)
    ext = EXTENSIONS[request.output_format]
    units: list[tuple[str, Unit]] = []
    names: set[str] = set()
    for unit in found.units:
        name = f"{unit.ident}.{unit.document}.{ext}"
        if name in names:
            problems.append(
                _("{file}: another document is also named {name}; left out").format(file=unit.source, name=name)
            )
            continue
        names.add(name)
        units.append((name, unit))
    env = env if env is not None else environment(source_format, request.templates)
    return Plan(request, env, tuple(units), tuple(found.skipped), tuple(problems), reference, lib)


def _check(request: RenderRequest) -> None:
    if request.output_format not in EXTENSIONS:
        raise ValueError(f"unknown format {request.output_format!r}")
    if request.document is not None and request.document not in DOCUMENTS:
        raise ValueError(f"unknown document {request.document!r}")
    if request.draft and request.public:
        raise ValueError("a draft (internal) render cannot also be public")


__all__ = [
    "DOCUMENTS",
    "FORMATS",
    "OUTPUT_FORMATS",
    "PageHeader",
    "Plan",
    "Prepared",
    "ReferenceProblem",
    "RenderRequest",
    "RenderResult",
    "Rendered",
    "TemplateProblem",
    "UnsafeOutput",
    "plan_sources",
    "prepare_render",
    "print_pdfs",
    "render_documents",
    "safe_target",
    "write_all",
    "write_atomic",
    "write_each",
]

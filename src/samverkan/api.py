"""What the commands do, callable from tests and from Python scripts.

The public surface is :data:`__all__`; the README's "Python API" section shows it at work:

* :func:`load_valid` reads the files under some paths (with the other files of their workspace)
  and gives the documents without errors, and the errors that left files out;
* :func:`check` validates, as ``samverkan validate`` does, into a :class:`Report`;
* :func:`due` and :func:`status` give what is due and each agreement's state on a date;
* :func:`render` renders documents in memory, as ``samverkan render`` does before writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import Cache
from .config import Config
from .context import in_conventional_folder, read_with_context
from .diagnostics import Diagnostic, Severity, leaves_no_document, sort_diagnostics
from .discovery import Found
from .lifecycle import subjects, successors
from .report import EXIT_FINDINGS, EXIT_OK, Report
from .rules import RULES, across_findings, file_findings
from .summary import SummaryKind, fingerprint, summary
from .walk import agreement_index
from .workspace import Workspace, keep, load_workspace

if TYPE_CHECKING:
    from .obligations import Obligation, State
    from .render import RenderRequest, RenderResult
    from .status import AgreementStatus, Chain

__all__ = [
    "AgreementStatus",
    "Chain",
    "Config",
    "Diagnostic",
    "DueQuery",
    "DueResult",
    "Examined",
    "Obligation",
    "RenderRequest",
    "RenderResult",
    "Report",
    "Severity",
    "State",
    "Workspace",
    "check",
    "due",
    "examine",
    "load_valid",
    "render",
    "status",
]


def run_rules(workspace: Workspace, config: Config) -> list[Diagnostic]:
    """Every enabled rule over the workspace, with the configured severities."""
    out: list[Diagnostic] = []
    for rule in RULES:
        if not config.enabled(rule.code):
            continue
        severity = config.severity_of(rule.code, rule.severity)
        for finding in rule.check(workspace):
            out.append(Diagnostic(rule.code, severity, finding.message, finding.span, finding.hint, finding.data))
    return out


@dataclass(frozen=True)
class Examined:
    """The files of a run (with their context) and every finding in the files of the run:
    the loader's, the schema's and the rules', with the configured severities, sorted."""

    workspace: Workspace
    diagnostics: tuple[Diagnostic, ...]

    def errors(self) -> tuple[Diagnostic, ...]:
        """The error-severity findings: each leaves its file out of due, status, render and site."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    def valid(self) -> Workspace:
        """The files of the run without an error, without context."""
        return self.workspace.without({d.span.path for d in self.errors()})

    def valid_with_context(self) -> Workspace:
        """The files of the run without an error, after the context files that read without
        one: what ``due`` and ``status`` compute from, so that a file named alone still knows
        the agreement that replaces it and the action plan kept in a file of its own."""
        context = [f for f in self.workspace.context if not f.has_error]
        return Workspace(files=[*context, *self.valid().files])


def examine(
    paths: Sequence[Path],
    config: Config | None = None,
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    found: Found | None = None,
    documents_only: bool = False,
    summaries: bool | SummaryKind = False,
) -> Examined:
    """Load the files under ``paths`` and the other files of their workspace, run the rules
    over all, and keep the findings in the files under ``paths``. ``documents_only``: a file
    outside the conventional folders without a samverkan ``kind:`` is not part of the run.
    ``summaries``: keep of each document only its :func:`~samverkan.summary.summary`, for a
    caller that wants the findings only (``True`` or ``"rules"``), or wants what ``due`` and
    ``status`` read (``"lifecycle"``: :func:`~samverkan.summary.lifecycle`)."""
    config = config or Config()
    kind: SummaryKind | None = "rules" if summaries is True else (summaries or None)
    if found is None:
        found = read_with_context(paths)
    if documents_only:
        found = found.narrowed(lambda p, read: (read is not None and read.document) or in_conventional_folder(p))
    workspace = load_workspace(
        paths, cache=cache, jobs=jobs, found=found, with_context=True, release=True, check=True, summarize=kind
    )
    named = {f.path for f in workspace.files} | {d.span.path for d in found.problems}
    ordered = workspace.with_context()
    found_here = list(workspace.diagnostics)
    found_here.extend(d for f in workspace.files if f.findings is not None for d in f.findings)
    # An action-plan or citizen-promise file that names its agreement is checked against the
    # agreement the whole run resolves that id to.
    linked = [f for f in workspace.files if f.findings is None]
    if linked:
        found_here.extend(file_findings(Workspace(files=linked, agreements_by_id=agreement_index(ordered))))
        if kind:
            for loaded in linked:
                if loaded.document is not None:
                    loaded.document = keep(summary(loaded.document, kind), kind)
    across = _across_known(ordered, cache) if kind and cache is not None else across_findings(ordered)
    found_here.extend(d for d in across if d.span.path in named)
    made = {f.path for f in workspace.files if f.document is not None}
    kept = [d for d in (_configured(d, config, made) for d in found_here) if d is not None]
    return Examined(workspace, tuple(sort_diagnostics(kept)))


def _configured(diagnostic: Diagnostic, config: Config, made: set[str]) -> Diagnostic | None:
    """``diagnostic`` with its configured severity, or ``None`` if switched off. An error that
    leaves a file without a document (``made``: the paths of the files with one), because the
    file cannot be read or fails the schema, stays an error whatever ``select``, ``ignore``
    and ``severity`` say, as a syntax error does in a linter: no rule can check such a file,
    and ``due``, ``status``, ``render`` and ``site`` must name it as left out rather than pass
    over its agreement in silence."""
    if (
        diagnostic.severity is Severity.ERROR
        and leaves_no_document(diagnostic.code)
        and diagnostic.span.path not in made
    ):
        return diagnostic
    if not config.enabled(diagnostic.code):
        return None
    return diagnostic.with_severity(config.severity_of(diagnostic.code, diagnostic.severity))


def _across_known(ordered: Workspace, cache: Cache) -> list[Diagnostic]:
    """The findings of the rules' cross-file parts over the summaries of ``ordered``: from the
    cache when a run before had the same summaries at the same paths and each file its
    findings point into is the same bytes (a comment added to a file changes neither); else
    made, and kept for the next run with the files their lines and columns were read from."""
    from .cache import across_key
    from .source import places_asked

    for loaded in ordered.files:
        if loaded.document is not None and loaded.fingerprint is None:
            loaded.fingerprint = fingerprint(loaded.document)
        if loaded.fingerprint == b"":  # a document without a fingerprint: the rules run
            return list(across_findings(ordered))
    key = across_key(str(Path.cwd()), ((f.path, f.fingerprint or b"-") for f in ordered.files))
    bytes_now = {f.path: f.source.places[1] if f.source.places is not None else None for f in ordered.files}
    known = cache.get("across", key)
    if isinstance(known, tuple) and len(known) == 2 and isinstance(known[1], dict):
        findings, read_from = known
        if all(file_key is not None and bytes_now.get(path) == file_key for path, file_key in read_from.items()):
            return list(findings)
    with places_asked() as asked:  # every place read now: a line and a column, not a Place read later
        made = [d.located() for d in across_findings(ordered)]
    read_from = {path: bytes_now.get(path) for path in asked}
    if all(file_key is not None for file_key in read_from.values()):
        cache.put("across", key, (tuple(made), read_from))
    return made


def check(
    paths: Sequence[Path],
    config: Config | None = None,
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    found: Found | None = None,
    documents_only: bool = False,
) -> Report:
    """Validate every file under ``paths``: schema problems and rule findings, the rules
    reading the other files of the workspace too (see :mod:`samverkan.workspace`)."""
    config = config or Config()
    examined = examine(
        paths, config, cache=cache, jobs=jobs, found=found, documents_only=documents_only, summaries=True
    )
    workspace = examined.workspace
    return Report(
        diagnostics=examined.diagnostics,
        sources={f.path: f.source for f in [*workspace.context, *workspace.files]},
        files=len(workspace.files),
        strict=config.strict,
        checked=tuple(f.path for f in workspace.files),
    )


@dataclass(frozen=True)
class DueQuery:
    """What ``samverkan due`` asks for. ``within`` is the last due date shown (overdue always is)."""

    as_of: dt.date
    within: dt.date | None = None
    overdue_only: bool = False
    everything: bool = False
    agreements: frozenset[str] = frozenset()
    parties: frozenset[str] = frozenset()
    """Only agreements with a party whose name contains one of these texts (any case)."""
    kinds: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DueResult:
    """The obligations asked for, the agreements' statuses, and the files that could not be read."""

    as_of: dt.date
    obligations: tuple[Obligation, ...]
    statuses: tuple[AgreementStatus, ...]
    problems: tuple[Diagnostic, ...]
    """Errors in files that were left out (their agreements are missing from the result)."""
    unmatched_parties: tuple[str, ...] = ()
    """The ``parties`` of the query that no document's party name contains (a typing mistake?)."""

    @property
    def overdue(self) -> int:
        from .obligations import State

        return sum(1 for o in self.obligations if o.state is State.OVERDUE)

    def exit_code(self, *, fail_on_overdue: bool) -> int:
        if self.problems or (fail_on_overdue and self.overdue):
            return EXIT_FINDINGS
        return EXIT_OK


def _wanted(o: Obligation, q: DueQuery, quiet: set[tuple[str, str]]) -> bool:
    from .obligations import State

    if q.agreements and o.agreement not in q.agreements:
        return False
    if q.parties and not any(p.casefold() in name.casefold() for p in q.parties for name in o.parties):
        return False
    if q.kinds and o.kind.value not in q.kinds:
        return False
    if q.overdue_only:
        return o.state is State.OVERDUE and (q.everything or (o.document, o.agreement) not in quiet)
    if q.everything:
        return q.within is None or o.due <= q.within or o.state is State.OVERDUE
    if o.closed or (o.document, o.agreement) in quiet:
        return False
    return q.within is None or o.due <= q.within or o.state is State.OVERDUE


def load_valid(
    paths: Sequence[Path],
    config: Config | None = None,
    *,
    cache: Cache | None = None,
    jobs: int = 1,
    found: Found | None = None,
) -> tuple[Workspace, tuple[Diagnostic, ...]]:
    """The files under ``paths`` without an error (loader, schema or rule, with the configured
    severities), and those errors: each file with one is left out."""
    examined = examine(paths, config, cache=cache, jobs=jobs, found=found)
    return examined.valid(), examined.errors()


@dataclass(frozen=True)
class _Named:
    """What ``due`` and ``status`` report on: the agreements and promises of the named files,
    the agreements of the action plans named in files of their own, and the named files."""

    subjects: frozenset[tuple[str, str]]
    plan_agreements: frozenset[str]
    paths: frozenset[str]

    @classmethod
    def of(cls, workspace: Workspace) -> _Named:
        return cls(
            frozenset((s.kind, s.id) for s in subjects(workspace)),
            frozenset(plan.agreement for _, plan in workspace.action_plan_files()),
            frozenset(f.path for f in workspace.files),
        )

    def obligation(self, o: Obligation) -> bool:
        """One of a named document's, or from a named file (a plan's follow-ups)."""
        return (o.document, o.agreement) in self.subjects or o.span.path in self.paths

    def status(self, s: AgreementStatus) -> bool:
        """A named document, or the agreement of a named action plan."""
        return (s.kind, s.id) in self.subjects or (s.kind == "agreement" and s.id in self.plan_agreements)


def _computed(
    paths: Sequence[Path],
    config: Config | None,
    cache: Cache | None,
    jobs: int,
    found: Found | None,
) -> tuple[Workspace, _Named, tuple[Diagnostic, ...]]:
    """What ``due`` and ``status`` compute from (the valid files with their valid context), the
    documents they report on (those of the named files), and the errors of the files left out."""
    examined = examine(paths, config, cache=cache, jobs=jobs, found=found, summaries="lifecycle")
    return examined.valid_with_context(), _Named.of(examined.valid()), examined.errors()


def due(
    paths: Sequence[Path],
    query: DueQuery,
    *,
    config: Config | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    found: Found | None = None,
) -> DueResult:
    """Every obligation of the agreements under ``paths`` that ``query`` asks for, sorted."""
    from .obligations import obligations
    from .status import statuses

    workspace, named, problems = _computed(paths, config, cache, jobs, found)
    documents = subjects(workspace)
    later = successors(documents)
    every = [o for o in obligations(workspace, query.as_of, documents, later) if named.obligation(o)]
    states = [s for s in statuses(workspace, every, query.as_of, documents, later) if named.status(s)]
    quiet: set[tuple[str, str]] = {(s.kind, s.id) for s in states if s.quiet}
    chosen = tuple(o for o in every if _wanted(o, query, quiet))
    names = {name.casefold() for s in states for name in (*s.municipalities, *s.police)}
    names.update(name.casefold() for o in every for name in o.parties)
    unmatched = tuple(p for p in sorted(query.parties) if not any(p.casefold() in name for name in names))
    return DueResult(query.as_of, chosen, tuple(states), problems, unmatched)


def status(
    paths: Sequence[Path],
    as_of: dt.date,
    *,
    config: Config | None = None,
    cache: Cache | None = None,
    jobs: int = 1,
    found: Found | None = None,
) -> tuple[list[Chain], tuple[Diagnostic, ...]]:
    """Each municipality's chain of agreements with their states on ``as_of``."""
    from .obligations import obligations
    from .status import breaks, chains, statuses

    workspace, named, problems = _computed(paths, config, cache, jobs, found)
    documents = subjects(workspace)
    later = successors(documents)
    every = obligations(workspace, as_of, documents, later)
    found_breaks = breaks(workspace, as_of, documents, later)
    states = [s for s in statuses(workspace, every, as_of, documents, later) if named.status(s)]
    return chains(states, found_breaks), problems


def render(request: RenderRequest) -> RenderResult:
    """The documents ``request`` asks for, rendered in memory (``result.documents``: each with
    its file ``name`` and ``text``, or ``data`` for Word); files with errors are left out and
    named in ``result.problems``. Nothing is written: :func:`samverkan.render.write_all` does that."""
    from .render import render_documents

    return render_documents(request)


_LATER = {
    "RenderRequest": "render",
    "RenderResult": "render",
    "Obligation": "obligations",
    "State": "obligations",
    "AgreementStatus": "status",
    "Chain": "status",
}


def __getattr__(name: str) -> object:
    """The names of the API that ``validate`` does not need, imported when asked for: the
    render request and result (so that importing the API does not load Jinja), obligations and
    statuses (some 7 ms of a one-file run's start). Once asked for (``from samverkan.api import
    *`` asks for all), a name is the module's like any other: ``typing.get_type_hints`` on
    :class:`DueResult` finds ``Obligation`` then."""
    if name in _LATER:
        from importlib import import_module

        value = getattr(import_module(f".{_LATER[name]}", __package__), name)
        globals()[name] = value  # asked for once
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LATER})

"""What the site's pages show, in Swedish: agreements, municipalities and their chains, deadlines.

Built from what ``samverkan status`` and ``samverkan due`` compute (:func:`samverkan.status.statuses`,
:func:`samverkan.status.chains`, the obligations of a :class:`samverkan.render.library.Library`)
and worded with the follow-up report's Swedish rows (:func:`samverkan.render.report.report`),
so the site, the report and the terminal say the same things. Pure: the date is a parameter.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from urllib.parse import quote

from ..dates import add_months, next_day
from ..lifecycle import Subject
from ..model import Agreement, CitizenPromise, ExtensionRenewal
from ..obligations import Kind, Obligation, State
from ..render.library import Library
from ..render.report import ReportRow, StateView, describe, describe_promise, report_obligations, report_rows
from ..render.swedish import date_sv, validity_sentences
from ..status import AgreementState, AgreementStatus, Chain, Gap
from .promises import PromiseFacts, promise_facts
from .timeline import BREAK_WORDS, EventSpec, GapSpec, PeriodSpec, RowSpec, Style

NO_MUNICIPALITY = "(no municipality)"
"""The name :func:`samverkan.status.chains` gives the chain of agreements without a municipality."""

INDEX = "index.html"
DUE = "frister.html"
CALENDAR = "samverkan.ics"
MUNICIPALITY_FOLDER = "kommun"
AGREEMENT_FOLDER = "overenskommelse"
PROMISE_FOLDER = "medborgarlofte"
DOCUMENT_FOLDER = "dokument"
FOLDERS = (MUNICIPALITY_FOLDER, AGREEMENT_FOLDER, PROMISE_FOLDER, DOCUMENT_FOLDER)

AGREEMENT = "agreement"
PROMISE = "citizen-promise"
Key = tuple[str, str]
"""A document on the site: its kind (``agreement`` or ``citizen-promise``) and its id. An
agreement and a citizen promise may share an id; two documents of one kind may not."""

AGREEMENT_STATES: Mapping[AgreementState, Style] = MappingProxyType(
    {
        AgreementState.DRAFT: Style("draft", "utkast", "#5c5c5c"),
        AgreementState.AWAITING_SIGNING: Style("awaiting-signing", "gäller från undertecknandet", "#2b5797"),
        AgreementState.NOT_STARTED: Style("not-started", "har inte börjat gälla", "#2b5797"),
        AgreementState.SIGNED: Style("signed", "undertecknad, har inte börjat gälla", "#2b5797"),
        AgreementState.IN_FORCE: Style("in-force", "gäller", "#1e6b34"),
        AgreementState.IN_FORCE_UNSIGNED: Style(
            "in-force-unsigned", "gäller, undertecknande ej registrerat", "#1e6b34"
        ),
        AgreementState.EXTENSION_PENDING: Style("extension-pending", "förlängning ska beslutas", "#8a5300"),
        AgreementState.EXTENDED: Style("extended", "förlängd", "#0b6362"),
        AgreementState.INDEFINITE: Style("indefinite", "gäller tillsvidare", "#5b3f8c"),
        AgreementState.UNTIL_REPLACED: Style("until-replaced", "gäller tills nästa ersätter det", "#5b3f8c"),
        AgreementState.ENDED: Style("ended", "har upphört", "#b3261e"),
        AgreementState.REPLACED: Style("replaced", "ersatt", "#616c78"),
    }
)
"""Each state's colour and Swedish label. Every colour has a contrast of at least 4.5:1 against
white (white text on a bar, a bar on the page), and a state is always named in words too."""

DEADLINE_KINDS = frozenset({Kind.CONSULTATION, Kind.EXTENSION_DECISION, Kind.REVIEW})
"""Marked as diamonds on the timeline."""

_MUNICIPALITY_NAME = {NO_MUNICIPALITY: "(ingen kommun)"}
_DOCUMENT_LABELS = {
    "agreement": "Överenskommelsen",
    "follow-up-report": "Uppföljningsrapport",
    "memo": "Tjänsteskrivelse",
}
DOCUMENT_KINDS = tuple(_DOCUMENT_LABELS)
"""The documents the site renders for each agreement, in the order its page lists them."""


# Names and links ----------------------------------------------------------------------------

_LETTERS = str.maketrans({"å": "a", "ä": "a", "ö": "o", "æ": "ae", "ø": "o", "ß": "ss"})


def slug(name: str) -> str:
    """A file name for a municipality: ``Upplands Väsby kommun`` → ``upplands-vasby-kommun``."""
    text = unicodedata.normalize("NFKD", name.casefold().translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "kommun"


def slugs(names: Iterable[str]) -> dict[str, str]:
    """A distinct slug for each name, in sorted order of the names (``-2``, ``-3`` on a clash)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names)):
        base = slug(_MUNICIPALITY_NAME.get(name, name))
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        out[name] = candidate
    return out


def municipality_path(municipality_slug: str) -> str:
    return f"{MUNICIPALITY_FOLDER}/{municipality_slug}.html"


def agreement_path(agreement_id: str) -> str:
    return f"{AGREEMENT_FOLDER}/{agreement_id}.html"


def promise_path(promise_id: str) -> str:
    return f"{PROMISE_FOLDER}/{promise_id}.html"


def subject_path(kind: str, ident: str) -> str:
    return promise_path(ident) if kind == PROMISE else agreement_path(ident)


def document_path(name: str) -> str:
    return f"{DOCUMENT_FOLDER}/{name}"


def relative(page: str, target: str) -> str:
    """The link from the page at ``page`` to ``target`` (both relative to the site's root),
    percent-encoded: ``kommun/x.html`` → ``../overenskommelse/%C3%A5-1.html``."""
    return _relative(posixpath.dirname(page) or ".", target)


@functools.lru_cache(maxsize=1 << 16)
def _relative(folder: str, target: str) -> str:
    """:func:`relative` from a page in ``folder``: the same few thousand links are made from
    every page of a folder."""
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + quote(fragment)
    if not target:
        return fragment
    return quote(_relpath(target, folder)) + fragment


_ODD_PARTS = frozenset({"", ".", ".."})


def _relpath(target: str, folder: str) -> str:
    """``posixpath.relpath(target, folder)`` for two paths relative to the site's root, worked
    out from their names alone (``relpath`` asks the system for the working folder twice a
    link); a path with an empty, ``.`` or ``..`` part goes to ``relpath`` itself."""
    to = target.split("/")
    start = [] if folder == "." else folder.split("/")
    if _ODD_PARTS.intersection(to) or _ODD_PARTS.intersection(start):
        return posixpath.relpath(target, folder)
    same = 0
    for a, b in zip(to, start, strict=False):
        if a != b:
            break
        same += 1
    return "/".join([".."] * (len(start) - same) + to[same:]) or "."


# Words --------------------------------------------------------------------------------------


def days_sv(count: int) -> str:
    """``1 dag``, ``213 dagar``, ``1\u00a0248 dagar`` (thousands set off by a no-break space)."""
    number = f"{count:,}".replace(",", "\u00a0")
    return f"{number} dag" if count == 1 else f"{number} dagar"


def when_sv(o: Obligation, as_of: dt.date) -> str:
    """``om 213 dagar``, ``för 152 dagar sedan``, ``i dag``, ``klar 15 december 2021``."""
    if o.state is State.DONE:
        return f"klar {date_sv(o.done_on)}" if o.done_on is not None else "klar"
    days = (o.due - as_of).days
    if days < 0:
        return f"för {days_sv(-days)} sedan"
    if days == 0:
        return "i dag"
    return f"om {days_sv(days)}"


def period_sv(start: dt.date | None, end: dt.date | None, runs_on: bool) -> str:
    """``1 januari 2021 – 31 december 2024, därefter tillsvidare``; ``från 1 januari 2020, utan slutdatum``;
    ``från undertecknandet – 31 december 2024`` before a document that starts at signing is signed."""
    begin = date_sv(start) if start is not None else "från undertecknandet"
    if end is None:
        return f"{begin if start is None else 'från ' + begin}, utan slutdatum"
    text = f"{begin} – {date_sv(end)}"
    return f"{text}, därefter tillsvidare" if runs_on else text


def years_label(start: dt.date | None, end: dt.date | None) -> str:
    """``2010–2013``, ``2014``, ``2020–``."""
    if start is None:
        return f"–{end.year}" if end is not None else ""
    if end is None:
        return f"{start.year}–"
    return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"


def municipality_name(name: str) -> str:
    return _MUNICIPALITY_NAME.get(name, name)


# Views --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """Something to link to: its text and its path in the site."""

    label: str
    path: str


@dataclass(frozen=True)
class DueRow:
    """An obligation in Swedish, with links to its agreement (or citizen promise) and municipalities."""

    obligation: Obligation
    agreement: Ref
    """The agreement or citizen promise it belongs to."""
    agreement_title: str
    municipalities: tuple[Ref, ...]
    what: str
    concerns: str
    period: str | None
    detail: str | None
    responsible: str | None
    state: StateView
    when: str
    kind: str = AGREEMENT
    """What ``agreement`` is: ``agreement`` or ``citizen-promise``."""

    @property
    def due(self) -> dt.date:
        return self.obligation.due

    @property
    def key(self) -> Key:
        return (self.kind, self.obligation.agreement)

    @property
    def text(self) -> str:
        """``Årlig uppföljning av målen (2021)``."""
        return f"{self.what} ({self.period})" if self.period else self.what


@dataclass(frozen=True)
class BreakView:
    """A gap, lapse or overlap in a chain, in Swedish, with its first and last day and days."""

    kind: str
    """``gap``, ``lapse`` or ``overlap``."""
    of: str
    after: str
    before: str
    start: dt.date
    end: dt.date
    days: int
    label: str
    """``Glapp``, ``Uppehåll``, ``Överlapp``."""
    detail: str
    """What follows the label: ``1 januari 2020 – 29 februari 2020: … (60 dagar)``."""

    @property
    def text(self) -> str:
        return f"{self.label.lower()} {self.detail}"


@dataclass(frozen=True)
class AgreementView:
    """An agreement or a citizen promise, as its page, its rows and its bar show it."""

    id: str
    title: str
    subtitle: str | None
    path: str
    style: Style
    state_detail: str | None
    period: str
    years: str
    start: dt.date
    end: dt.date | None
    runs_on: bool
    quiet: bool
    """Ended or replaced more than a year ago: its open obligations are no longer listed as due."""
    municipalities: tuple[Ref, ...]
    police: tuple[str, ...]
    replaces: Ref | None
    replaces_unknown: str | None
    """The id it replaces, when that agreement is not among the files."""
    replaced_by: tuple[Ref, ...]
    next: DueRow | None
    open_rows: tuple[DueRow, ...]
    """Obligations not done, overdue first then by date."""
    events: tuple[EventSpec, ...]
    validity: tuple[str, ...]
    documents: tuple[Ref, ...]
    source: str
    kind: str = AGREEMENT
    """``agreement`` or ``citizen-promise``."""
    facts: PromiseFacts | None = None
    """A citizen promise's parties, promises, extensions and signing."""
    belongs_to: Ref | None = None
    """A citizen promise's agreement, when it is among the files."""
    belongs_to_unknown: str | None = None
    """The id of a citizen promise's agreement that is not among the files."""
    breaks: tuple[BreakView, ...] = ()
    """The gaps, lapses and overlaps it is part of."""
    done_rows: tuple[DueRow, ...] = ()
    """Follow-ups done, by date (shown on a citizen promise's page)."""
    promises: tuple[AgreementView, ...] = ()
    """An agreement's citizen promises among the files."""

    @property
    def key(self) -> Key:
        return (self.kind, self.id)

    @property
    def is_promise(self) -> bool:
        return self.kind == PROMISE


@dataclass(frozen=True)
class ChainItem:
    """A line in a municipality's chain: an agreement, a gap, or a break where nothing is known."""

    kind: str
    """``agreement``, ``gap`` or ``unlinked``."""
    agreement: AgreementView | None
    text: str | None
    number: int | None = None
    """An agreement's place in the chain, from 1."""
    gap: BreakView | None = None
    """For ``gap``: the gap, lapse or overlap."""


class _Documents:
    """Agreements and citizen promises together (``agreements``), and each kind apart."""

    agreements: tuple[AgreementView, ...]

    @property
    def only_agreements(self) -> tuple[AgreementView, ...]:
        return tuple(a for a in self.agreements if not a.is_promise)

    @property
    def promises(self) -> tuple[AgreementView, ...]:
        return tuple(a for a in self.agreements if a.is_promise)


@dataclass(frozen=True)
class MunicipalityView(_Documents):
    name: str
    slug: str
    path: str
    agreements: tuple[AgreementView, ...]
    """Its agreements and citizen promises, oldest first."""
    gaps: tuple[Gap, ...]
    chain: tuple[ChainItem, ...]
    """The agreements' chain."""
    open_rows: tuple[DueRow, ...]
    police: tuple[str, ...]
    promise_chain: tuple[ChainItem, ...] = ()
    """The citizen promises' chain."""

    @property
    def breaks(self) -> tuple[BreakView, ...]:
        """The gaps, lapses and overlaps, in Swedish."""
        return tuple(break_view(g) for g in self.gaps)

    @property
    def years(self) -> str:
        """``2010–2027``; ``2021–`` when an agreement runs on with nothing to replace it."""
        if not self.agreements:
            return ""
        start = min((a.start for a in self.agreements), default=None)
        open_ended = any((a.runs_on or a.end is None) and not a.replaced_by for a in self.agreements)
        ends = [a.end for a in self.agreements if a.end is not None]
        return years_label(start, None if open_ended or not ends else max(ends))


def counted_sv(agreements: int, promises: int) -> str:
    """``3 överenskommelser``, ``1 överenskommelse och 2 medborgarlöften``, ``1 medborgarlöfte``."""
    parts = []
    if agreements or not promises:
        parts.append(f"{agreements} {'överenskommelse' if agreements == 1 else 'överenskommelser'}")
    if promises:
        parts.append(f"{promises} {'medborgarlöfte' if promises == 1 else 'medborgarlöften'}")
    return " och ".join(parts)


def _state_detail(
    status: AgreementStatus, agreement: Agreement | None, same_kind: Mapping[str, AgreementStatus], as_of: dt.date
) -> str | None:
    state = status.state
    if state is AgreementState.REPLACED:
        started = sorted(
            (
                same_kind[i]
                for i in status.replaced_by
                if i in same_kind and (same_kind[i].start or dt.date.max) <= as_of
            ),
            key=lambda s: (s.start or dt.date.max, s.id),
        )
        first = started[0] if started else None
        if first is not None and first.start is not None:
            return f"av {first.id} från {date_sv(first.start)}"
        return None
    if state in (AgreementState.SIGNED, AgreementState.NOT_STARTED) and status.start is not None:
        return f"börjar gälla {date_sv(status.start)}"
    if status.start is None:
        return None
    if status.end is None:
        return "utan slutdatum" if state is AgreementState.IN_FORCE else None
    if state in (AgreementState.IN_FORCE, AgreementState.IN_FORCE_UNSIGNED):
        return f"till och med {date_sv(status.end)}"
    if state is AgreementState.EXTENDED:
        return f"till och med {date_sv(status.end)}"
    if state is AgreementState.INDEFINITE:
        return f"sedan {date_sv(next_day(status.end))}, tills en ny överenskommelse ersätter den"
    if state is AgreementState.UNTIL_REPLACED:
        return f"sedan {date_sv(next_day(status.end))}, tills ett nytt medborgarlöfte ersätter det"
    if state is AgreementState.ENDED:
        return f"den {date_sv(status.end)}"
    if state is AgreementState.EXTENSION_PENDING:
        clause = agreement.extension if agreement is not None else None
        if isinstance(clause, ExtensionRenewal) and clause.consultation_months_before is not None:
            deadline = add_months(status.end, -clause.consultation_months_before)
            return f"samråd skulle ske senast {date_sv(deadline)}"
        return f"beslut före {date_sv(status.end)}"
    return None


def _due_row(
    o: Obligation, row: ReportRow, agreement: Ref, title: str, municipalities: tuple[Ref, ...], as_of: dt.date
) -> DueRow:
    return DueRow(
        obligation=o,
        agreement=agreement,
        agreement_title=title,
        municipalities=municipalities,
        what=row.what,
        concerns=row.concerns,
        period=row.period,
        detail=row.detail,
        responsible=row.responsible,
        state=row.state,
        when=when_sv(o, as_of),
        kind=o.document,
    )


def _event(o: Obligation, row: DueRow) -> EventSpec | None:
    """The timeline's mark for an obligation: follow-ups of the agreement and its action plans
    (not of single activities, which would crowd the picture), and extension deadlines."""
    if o.kind in DEADLINE_KINDS:
        deadline = True
    elif o.kind is Kind.FOLLOW_UP and not o.key.startswith("follow-up/activity-"):
        deadline = False
    else:
        return None
    text = f"{row.text}: {date_sv(o.due)}, {row.state.label}"
    return EventSpec(o.agreement, o.due, deadline, o.state.value, text, o.document)


def break_view(gap: Gap) -> BreakView:
    """A gap, lapse or overlap in Swedish, with its days."""
    span = f"{date_sv(gap.start)} – {date_sv(gap.end)}"
    days = days_sv(gap.days)
    if gap.kind == "lapse":
        detail = f"{span}: {gap.after} hade gått ut och förlängdes först den {date_sv(next_day(gap.end))} ({days})"
    elif gap.kind == "overlap":
        detail = f"{span}: både {gap.after} och {gap.before} gällde ({days})"
    else:
        none = "inget medborgarlöfte" if gap.of == PROMISE else "ingen överenskommelse"
        detail = f"{span} mellan {gap.after} och {gap.before}: {none} gällde ({days})"
    word = BREAK_WORDS.get(gap.kind, gap.kind)
    return BreakView(gap.kind, gap.of, gap.after, gap.before, gap.start, gap.end, gap.days, word.capitalize(), detail)


def gap_text(gap: Gap) -> str:
    """``glapp 1 januari 2019 – 31 mars 2019 mellan a och b: ingen överenskommelse gällde (90 dagar)``."""
    return break_view(gap).text


@dataclass(frozen=True)
class Overview(_Documents):
    """Everything the pages show."""

    as_of: dt.date
    agreements: tuple[AgreementView, ...]
    """Agreements and citizen promises, in the order of the municipalities and their chains,
    each once."""
    municipalities: tuple[MunicipalityView, ...]
    due: tuple[DueRow, ...]
    """Open obligations of documents that are not quiet, overdue first then by date."""
    old: tuple[DueRow, ...]
    """Open obligations of quiet documents (ended or replaced more than a year ago)."""
    due_obligations: tuple[Obligation, ...]
    """The obligations of ``due``, for the calendar."""


def _promise_obligations(lib: Library, promise_id: str) -> list[Obligation]:
    found = [o for o in lib.obligations_of(promise_id) if o.document == PROMISE]
    return sorted(found, key=lambda o: (o.due, o.key))


def _shown_obligations(lib: Library, subject: Subject, ident: str) -> list[Obligation]:
    """The obligations an agreement's or a citizen promise's view lists, in their order."""
    document = subject.document
    if isinstance(document, Agreement):
        return [o for o in report_obligations(lib, document) if o.document == AGREEMENT]
    return _promise_obligations(lib, ident)


@dataclass(frozen=True)
class Outline:
    """What the overview holds that is known before its views are worded (:func:`outline`):
    the pages and their paths, the links of each agreement, the calendar's obligations. A
    site's files can be named and checked, and its documents and calendar made, from it while
    the overview is still being made (:func:`samverkan.site.build.make_site`)."""

    slugs: Mapping[str, str]
    """Each municipality of a chain: the name of its page (:func:`slugs`)."""
    municipality_refs: Mapping[str, Ref]
    """Each municipality of a chain: its name and its page."""
    refs: Mapping[Key, Ref]
    """Each agreement and citizen promise: its id and its page."""
    keys: tuple[Key, ...]
    """Those that have pages (:attr:`Overview.agreements`), in the same order."""
    chains: tuple[tuple[Chain, tuple[Key, ...]], ...]
    """The chains that have a municipality page (:attr:`Overview.municipalities`), each with
    its members in order."""
    shown: Mapping[Key, tuple[Obligation, ...]]
    """The obligations each agreement's or citizen promise's view lists, in their order."""
    due_obligations: tuple[Obligation, ...]
    """:attr:`Overview.due_obligations`."""

    def mine(self, status: AgreementStatus) -> tuple[Ref, ...]:
        """The municipality pages of ``status``'s document."""
        names = status.municipalities or (NO_MUNICIPALITY,)
        return tuple(self.municipality_refs[n] for n in names if n in self.municipality_refs)

    @property
    def municipality_paths(self) -> list[str]:
        return [self.municipality_refs[chain.municipality].path for chain, _ in self.chains]

    @property
    def page_paths(self) -> list[str]:
        return [self.refs[key].path for key in self.keys]


def outline(
    lib: Library,
    statuses: Sequence[AgreementStatus],
    chains: Sequence[Chain],
    subjects: Mapping[Key, tuple[str, Subject]],
) -> Outline:
    """The :class:`Outline` of the overview of ``statuses`` (see :func:`overview`)."""
    names = slugs(c.municipality for c in chains)
    municipality_refs = {name: Ref(municipality_name(name), municipality_path(names[name])) for name in names}
    refs: dict[Key, Ref] = {(s.kind, s.id): Ref(s.id, subject_path(s.kind, s.id)) for s in statuses}
    keys: dict[Key, None] = {}
    paged: list[tuple[Chain, tuple[Key, ...]]] = []
    for chain in chains:
        members = tuple((s.kind, s.id) for s in chain.agreements if (s.kind, s.id) in refs)
        if members:
            keys.update(dict.fromkeys(members))
            paged.append((chain, members))
    shown: dict[Key, tuple[Obligation, ...]] = {}
    due: list[Obligation] = []
    for status in sorted(statuses, key=lambda s: (s.id, s.kind)):  # the order of the overview's rows
        key = (status.kind, status.id)
        shown[key] = tuple(_shown_obligations(lib, subjects[key][1], status.id))
        if not status.quiet:
            due.extend(o for o in shown[key] if not o.closed)
    due.sort(key=Obligation.sort_key)
    return Outline(
        MappingProxyType(names),
        MappingProxyType(municipality_refs),
        MappingProxyType(refs),
        tuple(keys),
        tuple(paged),
        MappingProxyType(shown),
        tuple(due),
    )


def overview(
    lib: Library,
    statuses: Sequence[AgreementStatus],
    chains: Sequence[Chain],
    subjects: Mapping[Key, tuple[str, Subject]],
    documents: Mapping[str, Sequence[str]],
    plan: Outline,
) -> Overview:
    """The views of the agreements and citizen promises in ``statuses`` (those of the files asked for).

    ``subjects`` maps each (kind, id) to its file and its :class:`~samverkan.lifecycle.Subject`;
    ``documents`` each agreement id to the names of its rendered documents
    (``uppsala-2014.agreement.html`` …); ``plan`` its :func:`outline`."""
    as_of = lib.as_of
    by_kind: dict[str, dict[str, AgreementStatus]] = {AGREEMENT: {}, PROMISE: {}}
    for s in statuses:
        by_kind[s.kind][s.id] = s
    refs = plan.refs
    all_breaks = {(g.of, g.kind, g.after, g.before, g.start): g for c in chains for g in c.gaps}
    breaks = sorted(all_breaks.values(), key=lambda g: (g.start, g.after, g.before, g.kind))

    views: dict[Key, AgreementView] = {}
    due_rows: list[DueRow] = []
    old_rows: list[DueRow] = []
    for status in sorted(statuses, key=lambda s: (s.id, s.kind)):
        key: Key = (status.kind, status.id)
        source, subject = subjects[key]
        mine = plan.mine(status)
        document = subject.document
        agreement = document if isinstance(document, Agreement) else None
        promise = document if isinstance(document, CitizenPromise) and agreement is None else None
        if agreement is not None:
            swedish = {o.uid: row for o, row in report_rows(lib, agreement)}
            rows = [(o, swedish[o.uid]) for o in plan.shown[key]]
        else:
            assert promise is not None
            rows = [(o, describe_promise(promise, o, as_of)) for o in plan.shown[key]]
        open_rows = []
        done_rows = []
        events = []
        for o, swedish_row in rows:
            row = _due_row(o, swedish_row, refs[key], status.title, mine, as_of)
            event = _event(o, row)
            if event is not None:
                events.append(event)
            if o.closed:
                if o.state is State.DONE and o.kind is Kind.FOLLOW_UP:
                    done_rows.append(row)
                continue
            open_rows.append(row)
            if status.quiet:
                old_rows.append(row)
            else:
                due_rows.append(row)
        next_row = None
        if status.next is not None:
            if agreement is not None:
                later = swedish.get(status.next.uid) or describe(lib, agreement, status.next)  # beyond a year ahead
            else:
                assert promise is not None
                later = describe_promise(promise, status.next, as_of)
            next_row = _due_row(status.next, later, refs[key], status.title, mine, as_of)
        replaces = None
        replaces_unknown = None
        if status.replaces is not None:
            if (status.kind, status.replaces) in refs:
                replaces = refs[(status.kind, status.replaces)]
            else:
                replaces_unknown = status.replaces
        belongs_to = belongs_to_unknown = None
        if promise is not None:
            if status.agreement is not None and (AGREEMENT, status.agreement) in refs:
                belongs_to = refs[(AGREEMENT, status.agreement)]
            elif subject.agreement is not None:
                belongs_to_unknown = subject.agreement.id
            else:
                named = getattr(promise, "agreement", None)
                belongs_to_unknown = named if isinstance(named, str) else None
        years = years_label(status.start, status.end)
        views[key] = AgreementView(
            id=status.id,
            title=status.title,
            subtitle=agreement.subtitle if agreement is not None else None,
            path=refs[key].path,
            style=AGREEMENT_STATES[status.state],
            state_detail=_state_detail(status, agreement, by_kind[status.kind], as_of),
            period=period_sv(status.start, status.end, status.runs_on),
            years=years,
            start=status.start or as_of,
            end=status.end,
            runs_on=status.runs_on,
            quiet=status.quiet,
            municipalities=mine,
            police=status.police,
            replaces=replaces,
            replaces_unknown=replaces_unknown,
            replaced_by=tuple(refs[(status.kind, i)] for i in status.replaced_by if (status.kind, i) in refs),
            next=next_row,
            open_rows=tuple(open_rows),
            events=tuple(events),
            validity=tuple(validity_sentences(agreement)) if agreement is not None else (),
            documents=tuple(
                Ref(_DOCUMENT_LABELS[kind], document_path(name))
                for kind in DOCUMENT_KINDS
                for name in documents.get(status.id, ())
                if name == f"{status.id}.{kind}.html"
            )
            if agreement is not None
            else (),
            source=source,
            kind=status.kind,
            facts=promise_facts(promise, subject.parties, as_of) if promise is not None else None,
            belongs_to=belongs_to,
            belongs_to_unknown=belongs_to_unknown,
            breaks=tuple(break_view(g) for g in breaks if g.of == status.kind and status.id in (g.after, g.before)),
            done_rows=tuple(done_rows),
        )
    belonging: dict[str, list[AgreementView]] = {}  # promises by the page of their agreement
    for v in views.values():
        if v.belongs_to is not None:
            belonging.setdefault(v.belongs_to.path, []).append(v)
    for view_key, view in list(views.items()):
        if view.kind == AGREEMENT:
            own = tuple(belonging.get(view.path, ()))
            if own:
                views[view_key] = replace(view, promises=tuple(sorted(own, key=lambda v: (v.start, v.id))))

    due_rows.sort(key=lambda r: r.obligation.sort_key())
    rows_at: dict[Key, list[int]] = {}  # where each agreement's rows are in due_rows
    for i, r in enumerate(due_rows):
        rows_at.setdefault(r.key, []).append(i)
    old_rows.sort(key=lambda r: r.obligation.sort_key())
    municipalities = []
    for chain, keys in plan.chains:
        members = tuple(views[k] for k in keys)
        member_keys = set(keys)
        agreement_gaps = [g for g in chain.gaps if g.of == AGREEMENT]
        promise_gaps = [g for g in chain.gaps if g.of == PROMISE]
        municipalities.append(
            MunicipalityView(
                name=municipality_name(chain.municipality),
                slug=plan.slugs[chain.municipality],
                path=plan.municipality_refs[chain.municipality].path,
                agreements=members,
                gaps=chain.gaps,
                chain=_chain_items([m for m in members if not m.is_promise], agreement_gaps),
                open_rows=tuple(due_rows[i] for i in sorted(i for k in member_keys for i in rows_at.get(k, ()))),
                police=tuple(sorted({p for m in members for p in m.police})),
                promise_chain=_chain_items([m for m in members if m.is_promise], promise_gaps),
            )
        )
    return Overview(
        as_of,
        tuple(views[k] for k in plan.keys),
        tuple(municipalities),
        tuple(due_rows),
        tuple(old_rows),
        plan.due_obligations,
    )


def _chain_items(members: Sequence[AgreementView], gaps: Sequence[Gap]) -> tuple[ChainItem, ...]:
    """The documents oldest first; after each, its lapses and the gap or overlap to the one that
    replaces it, or, when the next one does not say it replaces it, a line saying that the link
    is not known."""
    out: list[ChainItem] = []
    for i, m in enumerate(members):
        out.append(ChainItem("agreement", m, None, i + 1))
        for gap in gaps:
            if gap.after == m.id:
                view = break_view(gap)
                out.append(ChainItem("gap", None, view.text, gap=view))
        following = members[i + 1] if i + 1 < len(members) else None
        if following is None:
            continue
        linked = following.replaces is not None and following.replaces.label == m.id
        linked = linked or any(r.label == following.id for r in m.replaced_by)
        if not linked and m.end is not None and not m.runs_on and m.end < following.start:
            out.append(
                ChainItem(
                    "unlinked",
                    None,
                    f"Mellan {m.id} och {following.id}: ingen uppgift om att den ena ersätter den andra, "
                    "så tiden däremellan är okänd, inte ett glapp.",
                )
            )
    return tuple(out)


# The timeline's rows ------------------------------------------------------------------------

PROMISE_MARK = "ML"
"""Written before a citizen promise's years in its bar, and before its id as a row's label."""


def _period_spec(a: AgreementView, successors: Mapping[Key, dt.date]) -> PeriodSpec:
    until = successors.get(a.key)
    state = f"{a.style.label}" + (f" ({a.state_detail})" if a.state_detail else "")
    name = f"medborgarlöfte {a.id}" if a.is_promise else a.id
    return PeriodSpec(
        ident=a.id,
        label=f"{PROMISE_MARK} {a.years}" if a.is_promise else a.years,
        start=a.start,
        end=a.end,
        continues=a.runs_on,
        until=until,
        style=a.style,
        title=f"{name}, {a.period}: {state}",
        period=a.period,
        state=state,
        href=a.path,
        kind=a.kind,
    )


def successor_starts(members: Sequence[AgreementView]) -> dict[Key, dt.date]:
    """For each document replaced by one in ``members``, the day before the first successor starts
    (worked out once per site: every timeline asks it of every document)."""
    out: dict[Key, dt.date] = {}
    for m in members:
        if m.replaces is not None:
            before = m.start - dt.timedelta(days=1) if m.start > dt.date.min else m.start
            replaced = (m.kind, m.replaces.label)
            if replaced not in out or before < out[replaced]:
                out[replaced] = before
    return out


def _gap_specs(gaps: Sequence[Gap]) -> tuple[GapSpec, ...]:
    return tuple(GapSpec(g.after, g.before, g.start, g.end, gap_text(g), g.kind, g.of) for g in gaps)


def overall_rows(municipalities: Sequence[MunicipalityView], successors: dict[Key, dt.date]) -> list[RowSpec]:
    """One row per municipality, marking only what is not done (a municipality's page has it all);
    ``successors``: :func:`successor_starts` of every document."""
    return [
        RowSpec(
            m.slug,
            m.name,
            tuple(_period_spec(a, successors) for a in m.agreements),
            tuple(e for a in m.agreements for e in a.events if e.state != State.DONE.value),
            _gap_specs(m.gaps),
        )
        for m in municipalities
    ]


def municipality_rows(m: MunicipalityView, successors: dict[Key, dt.date]) -> list[RowSpec]:
    """One row per agreement or citizen promise of the municipality; a gap or an overlap is
    drawn in the row of the later document, a lapse in the row of the document that lapsed;
    ``successors``: :func:`successor_starts` of every document."""
    return [
        RowSpec(
            f"{PROMISE_MARK.lower()}-{a.id}" if a.is_promise else a.id,
            f"{PROMISE_MARK} {a.id}" if a.is_promise else a.id,
            (_period_spec(a, successors),),
            a.events,
            _gap_specs([g for g in m.gaps if g.before == a.id and g.of == a.kind]),
        )
        for a in m.agreements
    ]

"""What the site's pages show, in Swedish: agreements, municipalities and their chains, deadlines.

Built from what ``samverkan status`` and ``samverkan due`` compute (:func:`samverkan.status.statuses`,
:func:`samverkan.status.chains`, the obligations of a :class:`samverkan.render.library.Library`)
and worded with the follow-up report's Swedish rows (:func:`samverkan.render.report.report`),
so the site, the report and the terminal say the same things. Pure: the date is a parameter.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import quote

from ..dates import add_months, next_day
from ..model import Agreement, ExtensionRenewal
from ..obligations import Kind, Obligation, State
from ..render.library import Library
from ..render.report import ReportRow, StateView, describe, report, report_obligations
from ..render.swedish import date_sv, validity_sentences
from ..status import AgreementState, AgreementStatus, Chain, Gap
from .timeline import EventSpec, GapSpec, PeriodSpec, RowSpec, Style

NO_MUNICIPALITY = "(no municipality)"
"""The name :func:`samverkan.status.chains` gives the chain of agreements without a municipality."""

INDEX = "index.html"
DUE = "frister.html"
CALENDAR = "samverkan.ics"
MUNICIPALITY_FOLDER = "kommun"
AGREEMENT_FOLDER = "overenskommelse"
DOCUMENT_FOLDER = "dokument"
FOLDERS = (MUNICIPALITY_FOLDER, AGREEMENT_FOLDER, DOCUMENT_FOLDER)

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


def document_path(name: str) -> str:
    return f"{DOCUMENT_FOLDER}/{name}"


def relative(page: str, target: str) -> str:
    """The link from the page at ``page`` to ``target`` (both relative to the site's root),
    percent-encoded: ``kommun/x.html`` → ``../overenskommelse/%C3%A5-1.html``."""
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + quote(fragment)
    if not target:
        return fragment
    path = posixpath.relpath(target, posixpath.dirname(page) or ".")
    return quote(path) + fragment


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
    """An obligation in Swedish, with links to its agreement and municipalities."""

    obligation: Obligation
    agreement: Ref
    agreement_title: str
    municipalities: tuple[Ref, ...]
    what: str
    concerns: str
    period: str | None
    detail: str | None
    responsible: str | None
    state: StateView
    when: str

    @property
    def due(self) -> dt.date:
        return self.obligation.due

    @property
    def text(self) -> str:
        """``Årlig uppföljning av målen (2021)``."""
        return f"{self.what} ({self.period})" if self.period else self.what


@dataclass(frozen=True)
class AgreementView:
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


@dataclass(frozen=True)
class ChainItem:
    """A line in a municipality's chain: an agreement, a gap, or a break where nothing is known."""

    kind: str
    """``agreement``, ``gap`` or ``unlinked``."""
    agreement: AgreementView | None
    text: str | None
    number: int | None = None
    """An agreement's place in the chain, from 1."""


@dataclass(frozen=True)
class MunicipalityView:
    name: str
    slug: str
    path: str
    agreements: tuple[AgreementView, ...]
    gaps: tuple[Gap, ...]
    chain: tuple[ChainItem, ...]
    open_rows: tuple[DueRow, ...]
    police: tuple[str, ...]

    @property
    def years(self) -> str:
        """``2010–2027``; ``2021–`` when an agreement runs on with nothing to replace it."""
        if not self.agreements:
            return ""
        start = min((a.start for a in self.agreements), default=None)
        open_ended = any((a.runs_on or a.end is None) and not a.replaced_by for a in self.agreements)
        ends = [a.end for a in self.agreements if a.end is not None]
        return years_label(start, None if open_ended or not ends else max(ends))


def _state_detail(status: AgreementStatus, agreement: Agreement, by_id: Mapping[str, AgreementStatus],
                  as_of: dt.date) -> str | None:
    state = status.state
    if state is AgreementState.REPLACED:
        started = sorted(
            (by_id[i] for i in status.replaced_by if i in by_id and (by_id[i].start or dt.date.max) <= as_of),
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
        clause = agreement.extension
        if isinstance(clause, ExtensionRenewal) and clause.consultation_months_before is not None:
            deadline = add_months(status.end, -clause.consultation_months_before)
            return f"samråd skulle ske senast {date_sv(deadline)}"
        return f"beslut före {date_sv(status.end)}"
    return None


def _swedish_rows(lib: Library, agreement: Agreement) -> dict[str, ReportRow]:
    """The follow-up report's Swedish row of each of the agreement's obligations, by key."""
    found = report_obligations(lib, agreement)
    rows = report(lib, agreement).rows
    assert len(rows) == len(found), (agreement.id, len(rows), len(found))
    out = {}
    for o, row in zip(found, rows, strict=True):
        assert row.due == o.due, (agreement.id, o.key)
        out[o.uid] = row
    return out


def _due_row(o: Obligation, row: ReportRow, agreement: Ref, title: str, municipalities: tuple[Ref, ...],
             as_of: dt.date) -> DueRow:
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
    return EventSpec(o.agreement, o.due, deadline, o.state.value, text)


@dataclass(frozen=True)
class Overview:
    """Everything the pages show."""

    as_of: dt.date
    agreements: tuple[AgreementView, ...]
    """In the order of the municipalities and their chains, each agreement once."""
    municipalities: tuple[MunicipalityView, ...]
    due: tuple[DueRow, ...]
    """Open obligations of agreements that are not quiet, overdue first then by date."""
    old: tuple[DueRow, ...]
    """Open obligations of quiet agreements (ended or replaced more than a year ago)."""
    due_obligations: tuple[Obligation, ...]
    """The obligations of ``due``, for the calendar."""


def overview(
    lib: Library,
    statuses: Sequence[AgreementStatus],
    chains: Sequence[Chain],
    agreements: Mapping[str, tuple[str, Agreement]],
    documents: Mapping[str, Sequence[str]],
) -> Overview:
    """The views of the agreements in ``statuses`` (those of the files asked for).

    ``agreements`` maps each id to its file and model; ``documents`` each id to the names of its
    rendered documents (``uppsala-2014.agreement.html`` …)."""
    as_of = lib.as_of
    by_id = {s.id: s for s in statuses}
    names = slugs(c.municipality for c in chains)
    municipality_refs = {
        name: Ref(municipality_name(name), municipality_path(names[name])) for name in names
    }
    refs = {s.id: Ref(s.id, agreement_path(s.id)) for s in statuses}

    views: dict[str, AgreementView] = {}
    due_rows: list[DueRow] = []
    old_rows: list[DueRow] = []
    due_obligations: list[Obligation] = []
    for status in sorted(statuses, key=lambda s: s.id):
        source, agreement = agreements[status.id]
        mine = tuple(
            municipality_refs[n] for n in (status.municipalities or (NO_MUNICIPALITY,)) if n in municipality_refs
        )
        swedish = _swedish_rows(lib, agreement)
        open_rows = []
        events = []
        for o in report_obligations(lib, agreement):
            row = _due_row(o, swedish[o.uid], refs[status.id], status.title, mine, as_of)
            event = _event(o, row)
            if event is not None:
                events.append(event)
            if o.closed:
                continue
            open_rows.append(row)
            if status.quiet:
                old_rows.append(row)
            else:
                due_rows.append(row)
                due_obligations.append(o)
        next_row = None
        if status.next is not None:
            later = swedish.get(status.next.uid) or describe(lib, agreement, status.next)  # beyond a year ahead
            next_row = _due_row(status.next, later, refs[status.id], status.title, mine, as_of)
        replaces = None
        replaces_unknown = None
        if status.replaces is not None:
            if status.replaces in refs:
                replaces = refs[status.replaces]
            else:
                replaces_unknown = status.replaces
        views[status.id] = AgreementView(
            id=status.id,
            title=status.title,
            subtitle=agreement.subtitle,
            path=refs[status.id].path,
            style=AGREEMENT_STATES[status.state],
            state_detail=_state_detail(status, agreement, by_id, as_of),
            period=period_sv(status.start, status.end, status.runs_on),
            years=years_label(status.start, status.end),
            start=status.start or as_of,
            end=status.end,
            runs_on=status.runs_on,
            quiet=status.quiet,
            municipalities=mine,
            police=status.police,
            replaces=replaces,
            replaces_unknown=replaces_unknown,
            replaced_by=tuple(refs[i] for i in status.replaced_by if i in refs),
            next=next_row,
            open_rows=tuple(open_rows),
            events=tuple(events),
            validity=tuple(validity_sentences(agreement)),
            documents=tuple(
                Ref(_DOCUMENT_LABELS[kind], document_path(name))
                for kind in DOCUMENT_KINDS
                for name in documents.get(status.id, ())
                if name == f"{status.id}.{kind}.html"
            ),
            source=source,
        )

    due_rows.sort(key=lambda r: r.obligation.sort_key())
    old_rows.sort(key=lambda r: r.obligation.sort_key())
    due_obligations.sort(key=Obligation.sort_key)
    municipalities = []
    ordered: dict[str, AgreementView] = {}
    for chain in chains:
        members = tuple(views[s.id] for s in chain.agreements if s.id in views)
        if not members:
            continue
        for m in members:
            ordered.setdefault(m.id, m)
        member_ids = {m.id for m in members}
        municipalities.append(
            MunicipalityView(
                name=municipality_name(chain.municipality),
                slug=names[chain.municipality],
                path=municipality_refs[chain.municipality].path,
                agreements=members,
                gaps=chain.gaps,
                chain=_chain_items(members, chain.gaps),
                open_rows=tuple(r for r in due_rows if r.agreement.label in member_ids),
                police=tuple(sorted({p for m in members for p in m.police})),
            )
        )
    return Overview(
        as_of,
        tuple(ordered.values()),
        tuple(municipalities),
        tuple(due_rows),
        tuple(old_rows),
        tuple(due_obligations),
    )


def gap_text(gap: Gap) -> str:
    """``glapp 1 januari 2019 – 31 mars 2019 mellan a och b: ingen överenskommelse gällde``."""
    return (
        f"glapp {date_sv(gap.start)} – {date_sv(gap.end)} mellan {gap.after} och {gap.before}: "
        "ingen överenskommelse gällde"
    )


def _chain_items(members: Sequence[AgreementView], gaps: Sequence[Gap]) -> tuple[ChainItem, ...]:
    """The agreements oldest first; after each, the gap to the one that replaces it, or, when
    the next one does not say it replaces it, a line saying that the link is not known."""
    out: list[ChainItem] = []
    for i, m in enumerate(members):
        out.append(ChainItem("agreement", m, None, i + 1))
        for gap in gaps:
            if gap.after == m.id:
                out.append(ChainItem("gap", None, gap_text(gap)))
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


def _period_spec(a: AgreementView, successors: Mapping[str, dt.date]) -> PeriodSpec:
    until = successors.get(a.id)
    state = f"{a.style.label}" + (f" ({a.state_detail})" if a.state_detail else "")
    return PeriodSpec(
        ident=a.id,
        label=a.years,
        start=a.start,
        end=a.end,
        continues=a.runs_on,
        until=until,
        style=a.style,
        title=f"{a.id}, {a.period}: {state}",
        period=a.period,
        state=state,
        href=a.path,
    )


def _successor_starts(members: Sequence[AgreementView]) -> dict[str, dt.date]:
    """For each agreement replaced by one in ``members``, the day before the first successor starts."""
    out: dict[str, dt.date] = {}
    for m in members:
        if m.replaces is not None:
            before = m.start - dt.timedelta(days=1) if m.start > dt.date.min else m.start
            if m.replaces.label not in out or before < out[m.replaces.label]:
                out[m.replaces.label] = before
    return out


def _gap_specs(gaps: Sequence[Gap]) -> tuple[GapSpec, ...]:
    return tuple(GapSpec(g.after, g.before, g.start, g.end, gap_text(g)) for g in gaps)


def overall_rows(municipalities: Sequence[MunicipalityView], everything: Sequence[AgreementView]) -> list[RowSpec]:
    """One row per municipality, marking only what is not done (a municipality's page has it all)."""
    successors = _successor_starts(everything)
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


def municipality_rows(m: MunicipalityView, everything: Sequence[AgreementView]) -> list[RowSpec]:
    """One row per agreement of the municipality; a gap is drawn in the row of the later agreement."""
    successors = _successor_starts(everything)
    return [
        RowSpec(
            a.id,
            a.id,
            (_period_spec(a, successors),),
            a.events,
            _gap_specs([g for g in m.gaps if g.before == a.id]),
        )
        for a in m.agreements
    ]

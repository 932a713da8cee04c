"""What changed between two versions of a samverkan file, compared as parsed models.

:func:`compare` takes the two versions as bytes (either may be missing: a file added or
removed) and returns a :class:`FileDiff`: the changes to the period, the extension clause and
the extensions decided, the parties, the signing, the goals and focus areas, the action plans
and their activities, the follow-ups (scheduled and recorded), the groups and the meetings
held, the citizen promises; and the deadlines that moved as a result, found by running the
obligations engine on both versions at the same ``as_of`` and pairing the obligations.

List items are matched by a stable identity (a party's or an activity's id, a goal's text, a
meeting's date), so a reordering is no change; comments and formatting are never seen, since
the parsed models are compared. Nothing here reads the clock or prints.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity, Span
from .discovery import NO_FILES as MISSING
from .discovery import UNREADABLE
from .due_formats._common import KIND_LABELS
from .i18n import N_, Message, Param
from .lifecycle import subjects, successors
from .model import (
    ActionPlanBody,
    ActionPlanFile,
    ActionPlanLink,
    Agreement,
    CitizenPromise,
    CitizenPromiseFile,
    Document,
    FollowUp,
    Organisation,
)
from .model.plan import Responsible
from .obligations import Kind, Obligation, obligations
from .workspace import LoadedFile, Workspace, load_bytes


class Action(enum.StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """One field of an item: its old and new value (``None``: not set)."""

    field: str
    old: Param | None
    new: Param | None


@dataclass(frozen=True)
class Change:
    """One item added, removed or changed, in one aspect of the document."""

    aspect: str
    """One of :data:`ASPECTS`."""
    action: Action
    key: str
    """The item's identity, stable across versions (an id, a date, a goal's text)."""
    label: Param
    """How a reader knows the item: its title or text (a :class:`Message` for a deadline)."""
    fields: tuple[FieldChange, ...] = ()
    """Changed: the fields that differ; added or removed: the item's fields."""
    said: Message | None = None
    """A sentence for people, when the generic ``label: field old → new`` reads badly."""


class FileStatus(enum.StrEnum):
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    ADDED = "added"
    REMOVED = "removed"
    UNREADABLE = "unreadable"
    """A version could not be read (its errors are in :attr:`DiffResult.problems`): not compared."""


@dataclass(frozen=True)
class FileDiff:
    """The changes between two versions of one file."""

    old_label: str | None
    """Where the old version comes from (``HEAD~1:agreements/x.yaml``); ``None``: no old version."""
    new_label: str | None
    document: str | None
    """The id of the document (of the new version, else the old)."""
    kind: str | None
    status: FileStatus
    changes: tuple[Change, ...] = ()
    path: str | None = None
    """Both versions from git: the path, and the two revisions (``None``: the working tree)."""
    revisions: tuple[str | None, str | None] = (None, None)


@dataclass(frozen=True)
class DiffResult:
    """Every file compared, and the problems of versions that could not be read."""

    as_of: dt.date
    files: tuple[FileDiff, ...]
    problems: tuple[Diagnostic, ...] = ()

    @property
    def changed(self) -> int:
        return sum(1 for f in self.files if f.status is not FileStatus.UNCHANGED)

    def exit_code(self, *, exit_code_on_changes: bool = False) -> int:
        """1 when a version could not be read, or, with ``--exit-code``, when anything changed."""
        if self.problems or (exit_code_on_changes and self.changed):
            return 1
        return 0


ASPECTS: tuple[str, ...] = (
    "document",
    "period",
    "extension",
    "extensions",
    "consultations",
    "parties",
    "signing",
    "signatories",
    "goals",
    "focus-areas",
    "action-plans",
    "activities",
    "follow-ups",
    "follow-ups-recorded",
    "groups",
    "meetings",
    "citizen-promises",
    "promises",
    "deadlines",
)
"""The aspects compared, in the order they are reported."""


@dataclass(frozen=True)
class _Item:
    label: str
    fields: tuple[tuple[str, str], ...]


_Items = dict[str, dict[str, _Item]]


def _show(value: Any) -> str | None:
    """A field's value as plain text, the same in every language (it is YAML data)."""
    if value is None or value == []:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(s for s in (_show(v) for v in value) if s)
    if isinstance(value, Responsible):
        return f"{value.party} ({value.unit})" if value.unit else str(value.party)
    return " ".join(str(value).split())


def _fields(model: Any, *names: str) -> tuple[tuple[str, str], ...]:
    out = []
    for name in names:
        shown = _show(getattr(model, name, None))
        if shown is not None:
            out.append((name, shown))
    return tuple(out)


class _Collector:
    def __init__(self) -> None:
        self.items: _Items = {a: {} for a in ASPECTS}

    def add(self, aspect: str, key: str, label: str, fields: tuple[tuple[str, str], ...] = ()) -> None:
        self.items[aspect][key] = _Item(label, fields)

    def follow_up(self, scope: str, follow_up: FollowUp | None) -> None:
        if follow_up is None:
            return
        for rule in follow_up.schedule:
            self.add(
                "follow-ups",
                f"{scope}/{rule.id}",
                rule.title or rule.id,
                _fields(rule, "type", "date", "month", "every"),
            )
        for record in follow_up.done:
            label = f"{record.rule} {record.date.isoformat()}"
            self.add("follow-ups-recorded", f"{scope}/{record.rule}/{record.date}", label, _fields(record, "note"))

    def organisation(self, organisation: Organisation | None) -> None:
        if organisation is None:
            return
        for group in organisation.groups:
            cadence = group.cadence
            every = f"{cadence.times}/{cadence.every} {cadence.unit}" if cadence is not None else None
            self.add(
                "groups", group.id, group.name, (*_fields(group, "kind"), *((("cadence", every),) if every else ()))
            )
            for meeting in group.meetings:
                label = f"{group.name} {meeting.date.isoformat()}"
                self.add("meetings", f"{group.id}/{meeting.date}", label, _fields(meeting, "note"))

    def plan(self, plan: ActionPlanBody) -> None:
        self.add("action-plans", plan.id, plan.title, _fields(plan, "status", "scope", "area", "encoded"))
        for activity in plan.activities:
            self.add(
                "activities",
                f"{plan.id}/{activity.id}",
                activity.title,
                _fields(activity, "focus_area", "responsible", "status", "communicated", "start", "end", "timetable"),
            )
            self.follow_up(f"{plan.id}/{activity.id}", activity.follow_up)
        self.follow_up(plan.id, plan.follow_up)

    def plans(self, entries: Iterable[ActionPlanBody | ActionPlanLink]) -> None:
        for entry in entries:
            if isinstance(entry, ActionPlanLink):
                self.add("action-plans", f"file:{entry.file}", entry.file, (("file", entry.file),))
            else:
                self.plan(entry)

    def signing(self, document: Agreement | CitizenPromise) -> None:
        if document.signing is None:
            return
        self.add("signing", "signing", "signing", _fields(document.signing, "date", "place"))
        for person in document.signing.signatories:
            self.add("signatories", person.name, person.name, _fields(person, "title", "party", "organisation"))

    def promise(self, promise: CitizenPromise, final_end: dt.date | None) -> None:
        self.add(
            "period",
            promise.id,
            promise.id,
            (*_fields(promise.period, "start", "end", "until_next"), *_final(final_end)),
        )
        for ext in promise.extensions:
            self.add("extensions", f"{promise.id}/{ext.until}", ext.until.isoformat(), _fields(ext, "decided"))
        for p in promise.promises:
            self.add("promises", f"{promise.id}/{_show(p.text)}", _show(p.text) or "", _fields(p, "party"))
        self.plans(promise.action_plans)
        self.follow_up(promise.id, promise.follow_up)
        self.organisation(promise.organisation)
        self.signing(promise)


def _final(final_end: dt.date | None) -> tuple[tuple[str, str], ...]:
    """The last day with every extension recorded (dropped where it only repeats the end:
    :func:`_without_repeated_end`)."""
    return (("final_end", final_end.isoformat()),) if final_end is not None else ()


def _without_repeated_end(fields: tuple[FieldChange, ...]) -> tuple[FieldChange, ...]:
    """A period's fields without ``final_end`` where it says what ``end`` says (no extension)."""
    end = next(((f.old, f.new) for f in fields if f.field == "end"), None)
    return tuple(f for f in fields if f.field != "final_end" or (f.old, f.new) != end)


def _items(document: Document, final_ends: Mapping[str, dt.date | None], extended: Mapping[int, dt.date]) -> _Items:
    c = _Collector()
    c.add("document", "document", document.id, _fields(document, "title", "draft", "replaces", "agreement"))
    if isinstance(document, Agreement):
        period = document.period
        c.add(
            "period",
            document.id,
            document.id,
            (*_fields(period, "start", "end"), *_final(final_ends.get(document.id))),
        )
        if document.extension is not None:
            c.add(
                "extension",
                "extension",
                document.extension.type,
                _fields(document.extension, "type", "years", "consultation_months_before", "review_every_years"),
            )
        for i, ext in enumerate(document.extensions):
            until = ext.until or extended.get(i)
            shown = (("until", until.isoformat()),) if until is not None else ()
            c.add("extensions", str(ext.decided), ext.decided.isoformat(), (*shown, *_fields(ext, "note")))
        for consultation in document.consultations:
            c.add(
                "consultations", str(consultation.date), consultation.date.isoformat(), _fields(consultation, "outcome")
            )
        for party in document.parties:
            c.add("parties", party.id, party.name, _fields(party, "kind", "name", "unit", "part_of"))
        for goal in document.goals:
            c.add("goals", f"/{_show(goal.text)}", _show(goal.text) or "", _fields(goal, "level"))
        for area in document.focus_areas:
            c.add("focus-areas", area.id, area.name, _fields(area, "kind", "name"))
            for goal in area.goals:
                text = _show(goal.text) or ""
                c.add("goals", f"{area.id}/{text}", text, (("focus_area", area.id), *_fields(goal, "level")))
        c.plans(document.action_plans)
        c.follow_up(document.id, document.follow_up)
        c.organisation(document.organisation)
        c.signing(document)
        for promise in document.citizen_promises:
            c.add("citizen-promises", promise.id, promise.title)
            c.promise(promise, final_ends.get(promise.id))
    elif isinstance(document, ActionPlanFile):
        c.plan(document)
    elif isinstance(document, CitizenPromiseFile):
        for party in document.parties:
            c.add("parties", party.id, party.name, _fields(party, "kind", "name", "unit", "part_of"))
        c.promise(document, final_ends.get(document.id))
    return c.items


def _compare_items(aspect: str, old: Mapping[str, _Item], new: Mapping[str, _Item]) -> Iterator[Change]:
    for change in _item_changes(aspect, old, new):
        yield replace(change, fields=_without_repeated_end(change.fields)) if aspect == "period" else change


def _item_changes(aspect: str, old: Mapping[str, _Item], new: Mapping[str, _Item]) -> Iterator[Change]:
    for key in sorted(old.keys() - new.keys()):
        item = old[key]
        yield Change(aspect, Action.REMOVED, key, item.label, tuple(FieldChange(f, v, None) for f, v in item.fields))
    for key in sorted(new.keys() - old.keys()):
        item = new[key]
        yield Change(aspect, Action.ADDED, key, item.label, tuple(FieldChange(f, None, v) for f, v in item.fields))
    for key in sorted(old.keys() & new.keys()):
        before, after = dict(old[key].fields), dict(new[key].fields)
        names = sorted(before.keys() | after.keys(), key=lambda n: _order(n, old[key], new[key]))
        changed = tuple(FieldChange(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n))
        if changed:
            yield Change(aspect, Action.CHANGED, key, new[key].label, changed)


def _order(name: str, *items: _Item) -> int:
    for item in items:
        for i, (f, _value) in enumerate(item.fields):
            if f == name:
                return i
    return 0


TERM_KINDS = frozenset({Kind.CONSULTATION, Kind.EXTENSION_DECISION, Kind.EXPIRY, Kind.PROMISE_END, Kind.PROMISE_NEXT})
"""Kinds with one obligation a term: the last of each is the one that moves when the end does."""


def _said(o: Obligation) -> Param:
    return o.message if o.message is not None else o.text


def _plain(value: Param) -> str:
    return value.english() if isinstance(value, Message) else str(value)


def _detail(o: Obligation) -> Param | None:
    return o.detail_message if o.detail_message is not None else o.detail


def _deadline_changes(old: list[Obligation], new: list[Obligation]) -> Iterator[Change]:
    """Pair the obligations of the two versions by document and key; and the last of each term
    kind (the consultation before the final end, the final end) with the last, when the term's
    end moved: as "moves" when the old one is gone and the new one is new; as "next … due" when
    the old one is still there but closed or said anew (a consultation held, a period's end
    extended), and one for the next term came. Otherwise each is reported by its key."""
    before = {(o.agreement, o.key): o for o in old}
    after = {(o.agreement, o.key): o for o in new}
    moved: list[Change] = []
    following: list[Change] = []
    paired: set[tuple[str, str]] = set()
    for kind in sorted(TERM_KINDS):
        for doc in sorted({o.agreement for o in old + new if o.kind is kind}):
            a = max((o for o in old if o.kind is kind and o.agreement == doc), key=lambda o: o.due, default=None)
            b = max((o for o in new if o.kind is kind and o.agreement == doc), key=lambda o: o.due, default=None)
            if a is None or b is None or a.due == b.due or (doc, b.key) in before:
                continue
            was, now = a.due.isoformat(), b.due.isoformat()
            dues = (FieldChange("due", was, now),)
            key = f"{doc}/{kind.value}"
            if (doc, a.key) not in after:
                paired.update({("old", a.key + "\0" + doc), ("new", b.key + "\0" + doc)})
                line = N_("{what} moves from {old} to {new}", what=KIND_LABELS[kind], old=was, new=now)
                moved.append(Change("deadlines", Action.CHANGED, key, KIND_LABELS[kind], dues, line))
            elif after[doc, a.key].closed or _plain(_said(after[doc, a.key])) != _plain(_said(a)):
                paired.add(("new", b.key + "\0" + doc))
                line = N_("next {what} due {new} (was {old})", what=KIND_LABELS[kind], old=was, new=now)
                following.append(Change("deadlines", Action.CHANGED, key, KIND_LABELS[kind], dues, line))
    yield from moved
    for doc, key in sorted(before.keys() & after.keys()):
        a, b = before[doc, key], after[doc, key]
        fields: list[FieldChange] = []
        said: Message | None = None
        if a.due != b.due:
            fields.append(FieldChange("due", a.due.isoformat(), b.due.isoformat()))
            said = N_("{what} moves from {old} to {new}", what=_said(b), old=a.due.isoformat(), new=b.due.isoformat())
        if a.done_on != b.done_on:
            fields.append(FieldChange("done_on", _show(a.done_on), _show(b.done_on)))
            if b.done_on is not None and a.done_on is None and said is None:
                said = N_("{what}: recorded as done on {date}", what=_said(b), date=b.done_on.isoformat())
        if a.detail != b.detail:
            fields.append(FieldChange("detail", _detail(a), _detail(b)))
        if a.responsible != b.responsible:
            fields.append(FieldChange("responsible", a.responsible, b.responsible))
        if a.state != b.state:
            fields.append(FieldChange("state", a.state.value, b.state.value))
        if fields:
            yield Change("deadlines", Action.CHANGED, f"{doc}/{key}", _said(b), tuple(fields), said)
    yield from following
    for side, action, items in (("old", Action.REMOVED, before), ("new", Action.ADDED, after)):
        other = after if side == "old" else before
        for doc, key in sorted(items.keys() - other.keys()):
            if (side, key + "\0" + doc) in paired:
                continue
            o = items[doc, key]
            due = o.due.isoformat()
            value = FieldChange("due", due if side == "old" else None, due if side == "new" else None)
            said = (
                N_("new: {what}, due {date}", what=_said(o), date=due)
                if action is Action.ADDED
                else N_("no longer: {what}, due {date}", what=_said(o), date=due)
            )
            yield Change("deadlines", action, f"{doc}/{key}", _said(o), (value,), said)


@dataclass
class Version:
    """One version of a file: where it comes from, and its bytes (``None``: it does not exist)."""

    label: str
    data: bytes | None
    path: str | None = None
    """For a version from git: the file's path, the same in every revision."""
    revision: str | None = None
    """For a version from git: the revision; ``None`` with a ``path``: the working tree."""
    problem: Diagnostic | None = None
    """Why the version could not be read (a folder, a file that cannot be opened)."""
    context: tuple[LoadedFile, ...] = ()
    """The other files of the version's workspace (those of the same revision where practical):
    the agreement a plan belongs to, the plans kept in files of their own, the agreement that
    replaces it. Files with errors, and those with the version's own document, are passed over."""


def from_file(label: str, file: Path, path: str | None = None) -> Version:
    """The version in the file system at ``file``: ``data`` ``None`` when there is none; a folder
    or a file that cannot be read is a located :attr:`Version.problem`."""
    if file.is_dir():
        said = N_("is a folder: name two files, or give revisions and then -- FOLDER")
        return Version(label, None, path, problem=Diagnostic(MISSING, Severity.ERROR, said, Span(label)))
    if not file.exists():
        return Version(label, None, path)
    try:
        return Version(label, file.read_bytes(), path)
    except OSError as exc:
        said = N_("cannot read file: {reason}", reason=str(exc.strerror or exc))
        return Version(label, None, path, problem=Diagnostic(UNREADABLE, Severity.ERROR, said, Span(label)))


@dataclass
class _Loaded:
    document: Document | None = None
    obligations: list[Obligation] = field(default_factory=list)
    final_ends: dict[str, dt.date | None] = field(default_factory=dict)
    extended: dict[int, dt.date] = field(default_factory=dict)
    """The last day after each extension of the file's agreement, by its place in ``extensions``."""


def _load(version: Version, as_of: dt.date, problems: list[Diagnostic]) -> _Loaded:
    if version.problem is not None:
        problems.append(version.problem)
    if version.data is None:
        return _Loaded()
    loaded = load_bytes(version.label, version.data)
    errors = [d for d in loaded.source.diagnostics if d.severity is Severity.ERROR]
    if errors or loaded.document is None:
        problems.extend(errors)
        return _Loaded()
    own = {(s.kind, s.id) for s in subjects(Workspace(files=[loaded]))}
    ids = {loaded.document.id} | {i for _, i in own}
    context = [
        f
        for f in version.context
        if f.document is not None and f.document.id not in ids and f.path != version.label and not f.has_error
    ]
    ws = Workspace(files=[*context, loaded])
    found = subjects(ws)
    mine = [s for s in found if (s.kind, s.id) in own]
    every = obligations(ws, as_of, found, successors(found))
    return _Loaded(
        loaded.document,
        [o for o in every if (o.document, o.agreement) in own or o.span.path == version.label],
        {s.id: s.final_end for s in mine},
        {e.index: e.after for s in mine if s.kind == "agreement" for e in s.extensions},
    )


def compare(old: Version, new: Version, as_of: dt.date) -> tuple[FileDiff, list[Diagnostic]]:
    """The changes from ``old`` to ``new``, and the errors of a version that cannot be read
    (then the file is :attr:`FileStatus.UNREADABLE`, with no changes)."""
    problems: list[Diagnostic] = []
    a, b = _load(old, as_of, problems), _load(new, as_of, problems)
    doc = b.document or a.document
    document_id = doc.id if doc is not None else None
    kind = doc.kind if doc is not None else None
    old_label = old.label if old.data is not None else None
    new_label = new.label if new.data is not None else None
    same = old.path if old.path is not None and old.path == new.path else None
    revisions = (old.revision, new.revision) if same is not None else (None, None)

    def made(status: FileStatus, changes: tuple[Change, ...] = ()) -> FileDiff:
        return FileDiff(old_label, new_label, document_id, kind, status, changes, same, revisions)

    if problems:
        return made(FileStatus.UNREADABLE), problems

    if a.document is None or b.document is None:
        status = FileStatus.ADDED if a.document is None else FileStatus.REMOVED
        return made(status), []
    if kind != a.document.kind:
        change = Change("document", Action.CHANGED, "kind", "kind", (FieldChange("kind", a.document.kind, kind),))
        return made(FileStatus.CHANGED, (change,)), []
    old_items, new_items = _items(a.document, a.final_ends, a.extended), _items(b.document, b.final_ends, b.extended)
    changes: list[Change] = []
    for aspect in ASPECTS:
        if aspect != "deadlines":
            changes.extend(_compare_items(aspect, old_items[aspect], new_items[aspect]))
    changes.extend(_deadline_changes(a.obligations, b.obligations))
    status = FileStatus.CHANGED if changes else FileStatus.UNCHANGED
    return made(status, tuple(changes)), []


__all__ = [
    "ASPECTS",
    "Action",
    "Change",
    "DiffResult",
    "FieldChange",
    "FileDiff",
    "FileStatus",
    "Version",
    "compare",
    "from_file",
]

"""Recording what was done: a follow-up, a meeting, an extension decision.

Each entry point finds the agreement (by id among the files under ``paths``, or by the
path of its file), finds the list the entry belongs to, inserts the entry into the file's
text (:mod:`samverkan.editing`), and checks the result before anything is written: the
edited file must pass the schema, and the rules run over the workspace with the edited file
in place of the old one must not report an error they did not report before. Only then is
the file replaced, atomically. With ``write=False`` nothing is written (``--dry-run``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .api import run_rules
from .config import Config, ConfigError, nearest_config
from .dates import NotADay, add_months, parse_day
from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .discovery import is_yaml_name
from .editing import BOM, EditError, append_item, unified_diff, write_atomic
from .i18n import N_, Message, Nn_, joined, verbatim
from .model import (
    ActionPlanFile,
    Agreement,
    Document,
    DocumentType,
    ExtensionIndefinite,
    ExtensionOpenEnded,
    ExtensionRenewal,
)
from .periods import effective_end, upper_bound
from .source import PathKey, control_character, decode, parse_text
from .spelling import closest
from .validation import validate_source
from .walk import FollowUpPlace, agreement_index, follow_ups
from .workspace import LoadedFile, Workspace, load_workspace

DEFAULT_FOLDER = Path("agreements")

__all__ = [
    "DEFAULT_FOLDER",
    "EditError",
    "EditResult",
    "extend",
    "parse_day",
    "project_config",
    "record_follow_up",
    "record_meeting",
]


@dataclass(frozen=True)
class EditResult:
    """What an edit did, or would do with ``write=False``."""

    path: str
    """The file edited, as named in the workspace."""
    old_text: str
    new_text: str
    diff: str
    summary: Message
    """One line: ``recorded follow-up 'x' on 2021-12-15 in agreements/x.yaml``."""
    written: bool
    findings: tuple[Diagnostic, ...] = ()
    """New warnings and notices the edit brings; they do not stop it."""
    document: Document | None = None
    """The edited file's document."""

    @property
    def unchanged(self) -> bool:
        """The entry was already recorded exactly so: nothing was edited, ``summary`` says where it is."""
        return self.old_text == self.new_text


def project_config(start: Path | None = None) -> Config:
    """The configuration ``samverkan validate`` would use from ``start`` (default: the current folder)."""
    try:
        return nearest_config(start or Path.cwd())
    except ConfigError as exc:
        raise EditError(exc.message, exit_code=2) from None


# Entry points ----------------------------------------------------------------------------


def record_follow_up(
    agreement: str,
    rule: str,
    *,
    date: str,
    due: str | None = None,
    note: str | None = None,
    link: str | None = None,
    paths: Sequence[Path] = (),
    config: Config | None = None,
    write: bool = True,
    force: bool = False,
) -> EditResult:
    """Append ``{rule, date, due?, note?, link?}`` to the ``done`` list of the follow-up block
    whose ``schedule`` holds ``rule``: the agreement's, an action plan's or an activity's, in
    the agreement's file or in an action-plan file that names the agreement.

    A date outside the agreement's life (see :func:`_plausible`) is refused unless ``force``;
    the same rule on the same date (and the same ``due``, when given: two tertial reports filed
    on one day are two entries) again is not added twice (see :func:`_recorded`)."""
    ws, loaded, target, days = _opening(agreement, paths, date=date, due=due, note=note, link=link)
    places = [p for p in _follow_up_places(ws, loaded, target) if any(r.id == rule for r in p.follow_up.schedule)]
    if not places:
        known = sorted({r.id for p in _follow_up_places(ws, loaded, target) for r in p.follow_up.schedule})
        close = closest(rule, known)
        params = {"id": target.id, "rule": repr(rule)}
        if close is not None:
            message = N_("agreement '{id}' has no scheduled follow-up {rule}; did you mean {close}?", close=repr(close))
        elif known:
            message = N_("agreement '{id}' has no scheduled follow-up {rule} (it has: {known})", known=", ".join(known))
        else:
            message = N_("agreement '{id}' has no scheduled follow-up {rule}")
        raise EditError(_skipped_note(ws, target.id, message.fill(**params)))
    if len(places) > 1:
        where = joined(
            "; ",
            [
                N_(
                    "{owner} at {place}",
                    owner=p.owner_message,
                    place=str(p.span("schedule", _rule_index(p, rule), "id")),
                )
                for p in places
            ],
        )
        raise EditError(
            N_(
                "follow-up {rule} is scheduled in more than one place: {where}; edit the file by hand",
                rule=repr(rule),
                where=where,
            )
        )
    place = places[0]
    item = _entry(rule=rule, date=date, due=due, note=note, link=link)
    what = N_("follow-up {rule}", rule=repr(rule))
    already = _recorded(
        place.loaded,
        (*place.path, "done"),
        [_entry(**r.model_dump(mode="json")) for r in place.follow_up.done],
        item,
        ("rule", "date") if due is None else ("rule", "date", "due"),
        N_("{what} on {date}", what=what, date=date)
        if due is None
        else N_("{what} on {date} for the one due {due}", what=what, date=date, due=due),
    )
    if already is not None:
        return already
    if due is not None:
        _check_due(ws, target, rule, days["due"])
    _plausible(ws, loaded, target, days["date"], what=what, kind=_FOLLOW_UP, force=force)
    return _apply(
        ws,
        place.loaded,
        (*place.path, "done"),
        item,
        after="schedule",
        summary=N_("recorded follow-up {rule} on {date}", rule=repr(rule), date=date),
        config=config,
        write=write,
    )


def _check_due(ws: Workspace, target: Agreement, rule: str, due: dt.date) -> None:
    """``--due`` must be the due date of one of the rule's occurrences: the obligations engine
    gives a record whose ``due`` is none of them to another occurrence, so a mistyped date would
    close a follow-up the coordinator did not mean."""
    from .obligations import Kind, obligations

    dues = sorted(
        {
            o.due
            for o in obligations(ws, due)
            if o.kind is Kind.FOLLOW_UP and o.agreement == target.id and f"/{rule}/" in o.key
        }
    )
    if due not in dues:
        near = sorted(dues, key=lambda d: abs((d - due).days))[:3]
        raise EditError(
            N_(
                "refused: follow-up {rule} of '{id}' has no occurrence due {due} (the nearest: {near}); "
                "nothing written",
                rule=repr(rule),
                id=target.id,
                due=due.isoformat(),
                near=", ".join(d.isoformat() for d in sorted(near)) or "-",
            )
        )


def record_meeting(
    agreement: str,
    group: str,
    *,
    date: str,
    note: str | None = None,
    paths: Sequence[Path] = (),
    config: Config | None = None,
    write: bool = True,
    force: bool = False,
) -> EditResult:
    """Append ``{date, note?}`` to the ``meetings`` of the agreement's group ``group``. A day
    outside the agreement's period as extended is refused unless ``force`` (see :func:`_plausible`)."""
    ws, loaded, target, days = _opening(agreement, paths, date=date, note=note)
    groups = target.organisation.groups if target.organisation is not None else []
    ids = [g.id for g in groups]
    if group not in ids:
        if not ids:
            raise EditError(N_("agreement '{id}' has no groups under 'organisation'", id=target.id))
        close = closest(group, ids)
        if close is not None:
            message = N_("agreement '{id}' has no group {group}; did you mean {close}?", close=repr(close))
        else:
            message = N_("agreement '{id}' has no group {group} (it has: {known})", known=", ".join(ids))
        raise EditError(message.fill(id=target.id, group=repr(group)))
    index = ids.index(group)
    item = _entry(date=date, note=note)
    already = _recorded(
        loaded,
        ("organisation", "groups", index, "meetings"),
        [_entry(**m.model_dump(mode="json")) for m in groups[index].meetings],
        item,
        ("date",),
        N_("meeting of {group} on {date}", group=repr(group), date=date),
    )
    if already is not None:
        return already
    _plausible(ws, loaded, target, days["date"], what=N_("a meeting"), kind=_MEETING, force=force)
    return _apply(
        ws,
        loaded,
        ("organisation", "groups", index, "meetings"),
        item,
        after=None,
        summary=N_("recorded meeting of {group} on {date}", group=repr(group), date=date),
        config=config,
        write=write,
    )


def record_review(
    agreement: str,
    *,
    date: str,
    note: str | None = None,
    link: str | None = None,
    paths: Sequence[Path] = (),
    config: Config | None = None,
    write: bool = True,
    force: bool = False,
) -> EditResult:
    """Append ``{date, note?, link?}`` to the agreement's ``reviews``: a review (översyn) held.

    Only for an agreement reviewed every N years (``extension: {type: open-ended, …}``): its next
    review then falls N years after this one. A review before the agreement began is refused
    unless ``force`` (see :func:`_plausible`)."""
    ws, loaded, target, days = _opening(agreement, paths, date=date, note=note, link=link)
    clause = _clause(
        target,
        ExtensionOpenEnded,
        N_(
            "agreement '{id}' has no review every N years "
            "(extension: {{type: open-ended, review_every_years: N}}); nothing to record a review against"
        ),
    )
    held = days["date"]
    item = _entry(date=date, note=note, link=link)
    already = _recorded(
        loaded,
        ("reviews",),
        [_entry(**r.model_dump(mode="json")) for r in target.reviews],
        item,
        ("date",),
        N_("review of '{id}' on {date}", id=target.id, date=date),
    )
    if already is not None:
        return already
    _plausible(ws, loaded, target, held, what=N_("a review"), kind=_FOLLOW_UP, force=force)
    done = N_("recorded review of '{id}' on {date}", id=target.id, date=date)
    following = add_months(held, 12 * clause.review_every_years)
    return _apply(
        ws,
        loaded,
        ("reviews",),
        item,
        after=_after_extension(target),
        summary=done,
        summarise=lambda _: N_(
            "{done} (next review due {date}) in {path}", done=done, date=str(following), path=loaded.path
        ),
        config=config,
        write=write,
    )


def record_consultation(
    agreement: str,
    *,
    date: str,
    outcome: str | None = None,
    note: str | None = None,
    paths: Sequence[Path] = (),
    config: Config | None = None,
    write: bool = True,
    force: bool = False,
) -> EditResult:
    """Append ``{date, outcome?, note?}`` to the agreement's ``consultations``: a consultation on
    extension held, whatever it decided (an extension itself is recorded with ``extend``)."""
    ws, loaded, target, days = _opening(agreement, paths, date=date, outcome=outcome, note=note)
    _clause(
        target,
        ExtensionRenewal,
        N_(
            "agreement '{id}' asks for no consultation on extension "
            "(extension: {{type: renewal, consultation_months_before: N}})"
        ),
        lambda clause: clause.consultation_months_before is not None,
    )
    item = _entry(date=date, outcome=outcome, note=note)
    already = _recorded(
        loaded,
        ("consultations",),
        [_entry(**c.model_dump(mode="json")) for c in target.consultations],
        item,
        ("date",),
        N_("consultation on extension of '{id}' on {date}", id=target.id, date=date),
    )
    if already is not None:
        return already
    _plausible(ws, loaded, target, days["date"], what=N_("a consultation on extension"), kind=_DECISION, force=force)
    return _apply(
        ws,
        loaded,
        ("consultations",),
        item,
        after=_after_extension(target),
        summary=N_("recorded consultation on extension of '{id}' on {date}", id=target.id, date=date),
        config=config,
        write=write,
    )


def extend(
    agreement: str,
    *,
    decided: str,
    until: str | None = None,
    note: str | None = None,
    paths: Sequence[Path] = (),
    config: Config | None = None,
    write: bool = True,
    force: bool = False,
) -> EditResult:
    """Append ``{decided, until?, note?}`` to the agreement's ``extensions``.

    A decision outside the agreement's life (see :func:`_plausible`) is refused unless
    ``force``; the same decision again is not added twice (see :func:`_recorded`)."""
    ws, loaded, target, days = _opening(agreement, paths, decided=decided, until=until, note=note)
    item = _entry(decided=decided, until=until, note=note)
    already = _recorded(
        loaded,
        ("extensions",),
        [_entry(**e.model_dump(mode="json", exclude={"text"})) for e in target.extensions],
        item,
        ("decided",),
        N_("extension of '{id}' decided {decided}", id=target.id, decided=decided),
    )
    if already is not None:
        return already
    if until is None and isinstance(target.extension, ExtensionIndefinite | ExtensionOpenEnded):
        # It runs on by itself: a decision without a new last day would change nothing, and
        # "now until <the old end>" would mislead. (An 'option' or no clause: rule SV105 refuses.)
        raise EditError(
            N_(
                "agreement '{id}' runs on by its extension clause ({clause}, at {place}), which gives no term: "
                "a decision without --until would change no end; give --until with the new last day "
                "the decision names; nothing written",
                id=target.id,
                clause=target.extension.type,
                place=str(loaded.source.span(("extension",))),
            )
        )
    _plausible(ws, loaded, target, days["decided"], what=N_("an extension decided"), kind=_DECISION, force=force)
    done = N_("recorded extension of '{id}' decided {decided}", id=target.id, decided=decided)

    def now_until(document: Document | None) -> Message | None:
        end = effective_end(document) if isinstance(document, Agreement) else None
        return (
            None if end is None else N_("{done} (now until {end}) in {path}", done=done, end=str(end), path=loaded.path)
        )

    return _apply(
        ws,
        loaded,
        ("extensions",),
        item,
        after="extension",
        summary=done,
        summarise=now_until,
        config=config,
        write=write,
    )


# Finding things --------------------------------------------------------------------------


_DAYS = ("date", "due", "decided", "until")
"""The options :func:`_opening` parses as days; the others it is given are text."""


def _check_days(**days: str | None) -> dict[str, dt.date]:
    """The days given (``None`` is not given), parsed; a day that is not one is a usage error.
    The texts given (``note``, ``link``, ``outcome``) are checked: a control character in one is
    a usage error that names it (a line break is none, see :func:`_text`)."""
    parsed: dict[str, dt.date] = {}
    for name, value in days.items():
        if value is None:
            continue
        if name not in _DAYS:
            char = control_character(_text(value))
            if char is not None:
                raise EditError(
                    N_(
                        "--{name}: control character U+{code} is not allowed in text; remove it",
                        name=name,
                        code=f"{ord(char):04X}",
                    ),
                    exit_code=2,
                )
            continue
        try:
            parsed[name] = parse_day(value)
        except NotADay as exc:
            raise EditError(verbatim("--{name}: {reason}", name=name, reason=exc.message), exit_code=2) from None
    return parsed


def _opening(
    agreement: str, paths: Sequence[Path], **days: str | None
) -> tuple[Workspace, LoadedFile, Agreement, dict[str, dt.date]]:
    """What every entry point begins with: the days and texts checked (a usage error comes
    first), then the workspace and the agreement ``agreement`` names."""
    parsed = _check_days(**days)
    ws, loaded, target = _find_agreement(agreement, paths)
    return ws, loaded, target, parsed


_Clause = TypeVar("_Clause", ExtensionOpenEnded, ExtensionRenewal)


def _clause(
    target: Agreement, kind: type[_Clause], refusal: Message, fits: Callable[[_Clause], bool] = lambda _: True
) -> _Clause:
    """The agreement's extension clause when it is a ``kind`` that ``fits``; else ``refusal``
    (filled with the agreement's ``id``) as an :class:`EditError`."""
    clause = target.extension
    if not isinstance(clause, kind) or not fits(clause):
        raise EditError(refusal.fill(id=target.id))
    return clause


def _after_extension(target: Agreement) -> str:
    """The key a review or consultation list goes after: ``extensions`` if there, else ``extension``."""
    return "extensions" if target.extensions else "extension"


@dataclass(frozen=True)
class _Window:
    """How far past the agreement's last day an entry of a kind still belongs to it, and why."""

    grace_months: int
    why: Message

    @property
    def past(self) -> Message:
        """``after``, or ``more than 6 months after``: how far past the last day is too far."""
        if self.grace_months == 0:
            return N_("after")
        return Nn_("more than {n} month after", "more than {n} months after", self.grace_months, n=self.grace_months)


_FOLLOW_UP = _Window(6, N_("a follow-up or review belongs within the agreement's period, or shortly after it"))
"""Follow-ups and reviews: within the period, or up to half a year after it (the report on the
last tertial or year is often written in the weeks after the period ends)."""
_MEETING = _Window(0, N_("a group meets while the agreement is in force"))
"""Meetings: within the period as extended; the groups are the agreement's, and end with it
(rule SV102 warns of one outside it in a file)."""
_DECISION = _Window(
    12, N_("consultation and decision on extension come before the agreement ends, or at most a year after it lapsed")
)
"""Consultations and extension decisions: from the first valid day (nothing can be extended that
has not begun) to a year after the last, since an extension is sometimes decided only after the
agreement had lapsed, but not years after."""


def _plausible(
    ws: Workspace, loaded: LoadedFile, target: Agreement, day: dt.date, *, what: Message, kind: _Window, force: bool
) -> None:
    """Refuse ``day`` for ``what`` when it falls outside the agreement's life: before its period
    begins, or more than ``kind.grace_months`` after its last day (the end as extended by the
    recorded decisions; no upper bound for one that runs on indefinitely). Both bounds are
    allowed. ``force`` allows any day."""
    if force:
        return
    start = target.period.start
    if start is not None and day < start:
        raise EditError(
            N_(
                "refused: {what} on {date} is before agreement '{id}' began ({start}, at {place}): {why}; "
                "nothing written. If the date is right, run again with --force",
                what=what,
                date=day.isoformat(),
                id=target.id,
                start=start.isoformat(),
                place=str(loaded.source.span(("period", "start"))),
                why=kind.why,
            )
        )
    end = upper_bound(target)
    if end is None:  # it runs on until the first agreement that replaces it begins
        after = sorted(
            (
                (a.period.start, f, a)
                for f, a in ws.agreements()
                if a.replaces == target.id and not a.draft and a.period.start is not None
            ),
            key=lambda t: (t[0], t[1].path),
        )
        if after:
            begins, by_file, by = after[0]
            assert begins is not None
            if day > add_months(begins - dt.timedelta(days=1), kind.grace_months):
                raise EditError(
                    N_(
                        "refused: {what} on {date} is {past} agreement '{id}' "
                        "was replaced by '{by}' ({start}, at {place}): {why}; nothing written. "
                        "If the date is right, run again with --force",
                        what=what,
                        date=day.isoformat(),
                        past=kind.past,
                        id=target.id,
                        by=by.id,
                        start=begins.isoformat(),
                        place=str(by_file.source.span(("period", "start"))),
                        why=kind.why,
                    )
                )
    if end is not None and day > add_months(end, kind.grace_months):
        source = ("extensions", len(target.extensions) - 1) if target.extensions else ("period", "end")
        raise EditError(
            N_(
                "refused: {what} on {date} is {past} agreement '{id}' ended "
                "({end}, at {place}): {why}; nothing written. If the date is right, run again with --force",
                what=what,
                date=day.isoformat(),
                past=kind.past,
                id=target.id,
                end=end.isoformat(),
                place=str(loaded.source.span(source)),
                why=kind.why,
            )
        )


def _recorded(
    loaded: LoadedFile,
    list_path: PathKey,
    existing: Sequence[Mapping[str, str]],
    item: Mapping[str, str],
    key: tuple[str, ...],
    what: Message,
) -> EditResult | None:
    """An unchanged result when ``item`` is recorded already, exactly: running a command twice
    (a script run again, a command recalled from the shell's history) must not record one
    follow-up or decision twice, and is no error: the file already says what the coordinator
    wanted it to say. An entry with the same ``key`` fields but other details (another note, link
    or ``until``) is refused: which one is right is for a person to decide, in the file."""
    for k, entry in enumerate(existing):
        if any(entry.get(name) != item.get(name) for name in key):
            continue
        place = str(loaded.source.span((*list_path, k)))
        if dict(entry) == dict(item):
            text = loaded.source.text or ""
            return EditResult(
                path=loaded.path,
                old_text=text,
                new_text=text,
                diff="",
                summary=N_("already recorded: {what} at {place}; nothing written", what=what, place=place),
                written=False,
                document=loaded.document,
            )
        raise EditError(
            N_(
                "refused: {what} is already recorded at {place}, with other details; "
                "nothing written. Change that entry by hand if it is wrong",
                what=what,
                place=place,
            )
        )
    return None


_LINE_BREAK = re.compile("\r\n|\r|\x85")
"""A Windows (CR LF) or old Mac (CR) line break, and NEL: each written as one LF. LS and PS
(U+2028, U+2029) are kept: YAML 1.2 reads them as ordinary characters, and they read back."""


def _text(value: str) -> str:
    """``value`` with its line breaks as LF (see :data:`_LINE_BREAK`)."""
    return _LINE_BREAK.sub("\n", value)


def _entry(**fields: str | None) -> dict[str, str]:
    """The fields given, in order, their line breaks as LF: a note pasted from a Windows program
    is recorded with the line breaks the file has."""
    return {
        key: _text(value) if isinstance(value, str) else value for key, value in fields.items() if value is not None
    }


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    try:
        return _same_file(path, folder) or path.resolve().is_relative_to(folder.resolve())
    except OSError:
        return False


def _raw(loaded: LoadedFile, key: str) -> object:
    data = loaded.source.located.data if loaded.source.located is not None else None
    return data.get(key) if isinstance(data, dict) else None


def _broken(loaded: LoadedFile) -> EditError:
    return EditError(
        N_(
            "{path} has errors; run 'samverkan validate {path}' and fix them before recording anything",
            path=loaded.path,
        )
    )


def _find_agreement(ref: str, paths: Sequence[Path]) -> tuple[Workspace, LoadedFile, Agreement]:
    """The workspace and the agreement ``ref`` names: an id, or the path of its file."""
    search = list(paths) or [DEFAULT_FOLDER]
    as_path = Path(ref)
    if as_path.is_file() or is_yaml_name(ref) or "/" in ref or "\\" in ref:
        if not as_path.is_file():
            raise EditError(N_("no such file: {path}", path=ref))
        if not any(_inside(as_path, folder) for folder in search):
            search.append(as_path.parent)
        ws = load_workspace(search)
        loaded = next((f for f in ws.files if _same_file(Path(f.path), as_path)), None)
        if loaded is None:  # pragma: no cover - the file exists and its folder was searched
            raise EditError(N_("cannot read {path}", path=ref))
        if loaded.source.diagnostics:
            raise _broken(loaded)
        if not isinstance(loaded.document, Agreement):
            kind = getattr(loaded.document, "kind", "?")
            raise EditError(
                N_(
                    "{path} is not an agreement (kind: {kind}); name the agreement file or its id",
                    path=loaded.path,
                    kind=str(kind),
                )
            )
        return ws, loaded, loaded.document
    ws = load_workspace(search)
    if not ws.files:
        where = ", ".join(str(p) for p in search)
        raise EditError(N_("no samverkan files in {where}; say where the agreements are with --path", where=where))
    same_id = [f for f in ws.files if _raw(f, "kind") == "agreement" and _raw(f, "id") == ref]
    if len(same_id) > 1:
        where = ", ".join(str(f.source.span(("id",))) for f in sorted(same_id, key=lambda f: f.path))
        raise EditError(
            N_(
                "agreement id {ref} is used by {n} files: {where}; nothing written. "
                "Give each copy its own id, or name the file to edit instead of the id",
                ref=repr(ref),
                n=len(same_id),
                where=where,
            )
        )
    found = agreement_index(ws).get(ref)
    if found is not None:
        return ws, found[0], found[1]
    for loaded in ws.files:
        if loaded.document is None and _raw(loaded, "kind") == "agreement" and _raw(loaded, "id") == ref:
            raise _broken(loaded)
    close = closest(ref, sorted(agreement_index(ws)))
    if close is not None:
        raise EditError(N_("unknown agreement {ref}; did you mean {close}?", ref=repr(ref), close=repr(close)))
    raise EditError(N_("unknown agreement {ref}", ref=repr(ref)))


def _follow_up_places(ws: Workspace, loaded: LoadedFile, target: Agreement) -> list[FollowUpPlace]:
    """The follow-up blocks of the agreement: in its own file and in action-plan files naming it."""
    out = []
    for place in follow_ups(ws, agreement_index(ws)):
        if place.agreement is None or place.agreement.id != target.id:
            continue
        if isinstance(place.loaded.document, ActionPlanFile) or place.loaded is loaded:
            out.append(place)
    return out


def _rule_index(place: FollowUpPlace, rule: str) -> int:
    return next(k for k, r in enumerate(place.follow_up.schedule) if r.id == rule)


def _skipped_note(ws: Workspace, agreement_id: str, message: Message) -> Message:
    """``message``, and ``; a.yaml could not be searched …`` for action-plan files that could not be read."""
    broken = [
        f.path
        for f in ws.files
        if f.document is None and _raw(f, "kind") == "action-plan" and _raw(f, "agreement") == agreement_id
    ]
    if not broken:
        return message
    return N_(
        "{message}; {files} could not be searched: run 'samverkan validate'", message=message, files=", ".join(broken)
    )


# Editing and checking --------------------------------------------------------------------


def _key(d: Diagnostic) -> tuple[str, str, str]:
    """What identifies a finding across an edit: lines move, code, file and message do not."""
    return (d.code, d.span.path, d.english)


def _line(d: Diagnostic) -> Message:
    return verbatim(
        "{span}: {severity}[{code}] {message}",
        span=str(d.span),
        severity=d.severity.label,
        code=d.code,
        message=d.message,
    )


def _apply(
    ws: Workspace,
    loaded: LoadedFile,
    list_path: PathKey,
    item: Mapping[str, str],
    *,
    after: str | None,
    summary: Message,
    summarise: Callable[[Document | None], Message | None] | None = None,
    config: Config | None,
    write: bool,
) -> EditResult:
    """Insert ``item`` into the list at ``list_path``, check the result, and write it if ``write``.

    The result's summary is ``summary`` (what was done) ``in`` the file, unless ``summarise``
    makes the whole line from the edited document."""
    config = config or Config()
    if loaded.source.diagnostics:
        raise _broken(loaded)
    path = Path(loaded.path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EditError(N_("cannot read {path}: {reason}", path=loaded.path, reason=str(exc.strerror))) from None
    text, problems = decode(data, loaded.path)
    if text is None or problems or text != loaded.source.text:
        raise EditError(N_("{path} changed while it was being read; try again", path=loaded.path))
    has_bom = data.startswith(BOM.encode())

    new_text = append_item(text, list_path, item, after=after)

    edited_source = parse_text(new_text, loaded.path)
    document, schema_problems = validate_source(edited_source, DocumentType)
    edited_source.diagnostics.extend(schema_problems)
    if edited_source.diagnostics:
        raise EditError(
            N_("refused: the edit would make {path} invalid; nothing was written", path=loaded.path),
            details=[_line(d) for d in sort_diagnostics(edited_source.diagnostics)],
        )
    edited = LoadedFile(edited_source, document)
    after_ws = Workspace([edited if f is loaded else f for f in ws.files], ws.diagnostics)

    before = Counter(_key(d) for d in run_rules(ws, config))
    new_findings: list[Diagnostic] = []
    for d in sort_diagnostics(run_rules(after_ws, config)):
        if before[_key(d)] > 0:
            before[_key(d)] -= 1
        else:
            new_findings.append(d)
    worst = Severity.WARNING if config.strict else Severity.ERROR
    failing = [d for d in new_findings if d.severity >= worst]
    if failing:
        raise EditError(
            Nn_(
                "refused: the edit would bring {n} new error; nothing was written",
                "refused: the edit would bring {n} new errors; nothing was written",
                len(failing),
            ),
            details=[_line(d) for d in failing],
        )

    diff = unified_diff(text, new_text, loaded.path)
    if write:
        try:
            if path.read_bytes() != data:
                raise EditError(N_("{path} changed on disk while it was being edited; try again", path=loaded.path))
            write_atomic(path, (BOM if has_bom else "").encode() + new_text.encode("utf-8"))
        except OSError as exc:
            raise EditError(
                N_(
                    "cannot write {path}: {reason}; the file is unchanged",
                    path=loaded.path,
                    reason=str(exc.strerror or exc),
                )
            ) from None
    line = summarise(edited.document) if summarise is not None else None
    return EditResult(
        path=loaded.path,
        old_text=text,
        new_text=new_text,
        diff=diff,
        summary=N_("{done} in {path}", done=summary, path=loaded.path) if line is None else line,
        written=write,
        findings=tuple(new_findings),
        document=edited.document,
    )

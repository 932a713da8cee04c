"""Output formats of ``samverkan diff``: :data:`DIFF_FORMATS` is the registry, its keys the
``--format`` choices. A format writes a :class:`~samverkan.diff.DiffResult` to a stream and
decides nothing (the result decides the exit code).

| key | for |
|---|---|
| ``text`` | people, in their language: a block a file, a heading an aspect, a line a change |
| ``markdown`` | a pull-request comment: a heading a file, bullet lists, user text escaped |
| ``json`` | scripts: English keys and English text, stable order |
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import TextIO

from .diff import ASPECTS, Action, Change, DiffResult, FieldChange, FileDiff, FileStatus
from .i18n import N_, Language, Message, Param, _

ASPECT_LABELS: Mapping[str, Message] = {
    "document": N_("Document"),
    "period": N_("Validity period"),
    "extension": N_("Extension clause"),
    "extensions": N_("Extensions decided"),
    "consultations": N_("Consultations held"),
    "parties": N_("Parties"),
    "signing": N_("Signing"),
    "signatories": N_("Signatories"),
    "goals": N_("Goals"),
    "focus-areas": N_("Focus areas"),
    "action-plans": N_("Action plans"),
    "activities": N_("Activities"),
    "follow-ups": N_("Follow-ups scheduled"),
    "follow-ups-recorded": N_("Follow-ups recorded"),
    "groups": N_("Groups"),
    "meetings": N_("Meetings recorded"),
    "citizen-promises": N_("Citizen promises"),
    "promises": N_("Promises"),
    "deadlines": N_("Deadlines"),
}

FIELD_LABELS: Mapping[str, Message] = {
    "agreement": N_("agreement"),
    "area": N_("area"),
    "cadence": N_("cadence"),
    "communicated": N_("communicated"),
    "consultation_months_before": N_("consultation months before expiry"),
    "date": N_("date"),
    "decided": N_("decided"),
    "detail": N_("progress"),
    "done_on": N_("done on"),
    "draft": N_("draft"),
    "due": N_("due"),
    "encoded": N_("encoded"),
    "end": N_("end"),
    "every": N_("every"),
    "file": N_("file"),
    "final_end": N_("valid until (with extensions)"),
    "focus_area": N_("focus area"),
    "kind": N_("kind"),
    "level": N_("level"),
    "month": N_("month"),
    "name": N_("name"),
    "note": N_("note"),
    "organisation": N_("organisation"),
    "outcome": N_("outcome"),
    "part_of": N_("part of"),
    "party": N_("party"),
    "place": N_("place"),
    "replaces": N_("replaces"),
    "responsible": N_("responsible"),
    "review_every_years": N_("review every N years"),
    "scope": N_("scope"),
    "start": N_("start"),
    "state": N_("state"),
    "status": N_("status"),
    "timetable": N_("timetable"),
    "title": N_("title"),
    "type": N_("type"),
    "unit": N_("unit"),
    "until": N_("until"),
    "until_next": N_("until the next one"),
    "years": N_("years"),
}

NOT_SET = "—"


def _t(value: Param | None, lang: Language | None = None) -> str:
    if value is None:
        return NOT_SET
    if isinstance(value, Message):
        return value.translate(lang)
    return str(value)


def _field(f: FieldChange, lang: Language | None) -> str:
    label = FIELD_LABELS[f.field].translate(lang) if f.field in FIELD_LABELS else f.field
    return f"{label} {_t(f.old, lang)} → {_t(f.new, lang)}"


def _values(change: Change, lang: Language | None) -> str:
    shown = [(f.field, f.new if change.action is Action.ADDED else f.old) for f in change.fields]
    return ", ".join(
        f"{FIELD_LABELS[name].translate(lang) if name in FIELD_LABELS else name}: {_t(value, lang)}"
        for name, value in shown
    )


def sentence(change: Change, lang: Language | None = None) -> str:
    """The change in one line of the reader's language (``lang``: another one, for JSON)."""
    if change.said is not None:
        return change.said.translate(lang)
    label = _t(change.label, lang)
    if change.action is Action.CHANGED:
        details = "; ".join(_field(f, lang) for f in change.fields)
        return N_("{label}: {details}", label=label, details=details).translate(lang)
    values = _values(change, lang)
    if change.action is Action.ADDED:
        message = N_("added: {label} ({values})") if values else N_("added: {label}")
    else:
        message = N_("removed: {label} ({values})") if values else N_("removed: {label}")
    return message.fill(label=label, values=values).translate(lang)


def _title(f: FileDiff) -> str:
    if f.path is not None:
        old, new = (_("working tree") if r is None else r for r in f.revisions)
        names = f"{f.path} ({old} → {new})"
    else:
        names = " → ".join(dict.fromkeys(x for x in (f.old_label, f.new_label) if x is not None))
    return f"{names}: {f.document}" if f.document else names


def _status(f: FileDiff) -> str | None:
    if f.status is FileStatus.UNCHANGED:
        return _("no changes")
    if f.status is FileStatus.ADDED:
        return _("new file")
    if f.status is FileStatus.REMOVED:
        return _("file removed")
    if f.status is FileStatus.UNREADABLE:
        return _("could not be read (see the errors)")
    return None


def _groups(result: DiffResult, f: FileDiff) -> Iterator[tuple[str, list[Change]]]:
    for aspect in ASPECTS:
        changes = [c for c in f.changes if c.aspect == aspect]
        if changes:
            heading = ASPECT_LABELS[aspect].translate()
            if aspect == "deadlines":
                heading = _("{heading} as of {date}").format(heading=heading, date=result.as_of.isoformat())
            yield heading, changes


def write_text(result: DiffResult, stream: TextIO) -> None:
    if not result.files:
        stream.write(_("no changes") + "\n")
        return
    for i, f in enumerate(result.files):
        if i:
            stream.write("\n")
        stream.write(_title(f) + "\n")
        status = _status(f)
        if status is not None:
            stream.write(f"  {status}\n")
        for heading, changes in _groups(result, f):
            stream.write(f"  {heading}\n")
            for change in changes:
                stream.write(f"    {sentence(change)}\n")


def write_markdown(result: DiffResult, stream: TextIO) -> None:
    from .due_formats.markdown import escape

    if not result.files:
        stream.write(_("no changes") + "\n")
        return
    for i, f in enumerate(result.files):
        if i:
            stream.write("\n")
        stream.write(f"## {escape(_title(f))}\n")
        status = _status(f)
        if status is not None:
            stream.write(f"\n{escape(status)}\n")
        for heading, changes in _groups(result, f):
            stream.write(f"\n### {escape(heading)}\n\n")
            for change in changes:
                stream.write(f"- {escape(sentence(change))}\n")


def _json_value(value: Param | None) -> str | int | None:
    if isinstance(value, Message):
        return value.english()
    return value


def write_json(result: DiffResult, stream: TextIO) -> None:
    data = {
        "as_of": result.as_of.isoformat(),
        "changed": result.changed,
        "files": [
            {
                "old": f.old_label,
                "new": f.new_label,
                "document": f.document,
                "kind": f.kind,
                "status": f.status.value,
                "changes": [
                    {
                        "aspect": c.aspect,
                        "action": c.action.value,
                        "key": c.key,
                        "label": _json_value(c.label),
                        "fields": [
                            {"field": x.field, "old": _json_value(x.old), "new": _json_value(x.new)} for x in c.fields
                        ],
                        "text": sentence(c, "en"),
                    }
                    for c in f.changes
                ],
            }
            for f in result.files
        ],
    }
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


DIFF_FORMATS: Mapping[str, Callable[[DiffResult, TextIO], None]] = MappingProxyType(
    {"text": write_text, "markdown": write_markdown, "json": write_json}
)

__all__ = ["ASPECT_LABELS", "DIFF_FORMATS", "FIELD_LABELS", "sentence", "write_json", "write_markdown", "write_text"]

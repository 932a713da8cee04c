"""``due`` and ``status`` keep of each document only its lifecycle summary
(:func:`samverkan.summary.lifecycle`): the rules' summary and what the deadline engine reads.
They give exactly what they give on whole documents: every obligation (its key, state, dates,
record, text and line and column) and every status and chain, on every case file, the bundled
agreements and a generated corpus with broken files, on the day before, of and after its dates,
with and without the cache, with one and two workers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from samverkan import api, discovery, workspace
from samverkan.api import DueQuery, due, examine, status
from samverkan.cache import Cache
from samverkan.model import ActionPlanFile, Agreement
from samverkan.obligations import Kind
from samverkan.source import Place
from samverkan.summary import lifecycle

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").rglob("*.yaml"))
DAYS = (dt.date(2019, 6, 30), dt.date(2024, 3, 1), dt.date(2026, 12, 2))


def _seen(paths: Sequence[Path], as_of: dt.date, **kwargs: Any) -> Any:
    """What ``due --all`` and ``status`` give, every field of every obligation, status and
    chain (those equality leaves out too: texts, records), each place as its line and column."""
    result = due(paths, DueQuery(as_of, everything=True), **kwargs)
    chains, problems = status(paths, as_of, **kwargs)
    return _facts((result, chains, problems))


def _facts(value: Any) -> Any:
    if isinstance(value, Place):
        return ("place", value.path, value.key, value.line, value.col)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__name__, tuple((f.name, _facts(getattr(value, f.name))) for f in fields))
    if isinstance(value, tuple | list):
        return tuple(_facts(v) for v in value)
    return value


def _obligations(seen: Any) -> list[dict[str, Any]]:
    """The obligations of :func:`_seen`'s ``due``, each as its fields by name."""
    result = dict(seen[0][1])
    return [dict(fields) for _, fields in result["obligations"]]


def _whole(paths: Sequence[Path], as_of: dt.date, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> Any:
    """:func:`_seen` with whole documents: ``examine`` as it was before ``due`` kept summaries."""
    real = examine

    def whole_documents(*args: Any, summaries: Any = False, **more: Any) -> Any:
        assert summaries == "lifecycle"  # what due and status ask for
        return real(*args, **more)

    with monkeypatch.context() as patched:
        patched.setattr(api, "examine", whole_documents)
        return _seen(paths, as_of, **kwargs)


def test_every_case_file_is_due_the_same_on_summaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    obligations = 0
    for path in CASES:
        relative = [path.relative_to(ROOT)]
        for as_of in DAYS:
            seen = _seen(relative, as_of)
            assert seen == _whole(relative, as_of, monkeypatch), (path, as_of)
            obligations += len(_obligations(seen))
    assert obligations > 1000  # the cases owe something: the comparison is not of empty lists


def test_the_bundled_agreements_with_the_cases_are_due_the_same_on_summaries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    paths = [Path("agreements"), Path("tests/cases")]
    for as_of in DAYS:
        seen = _seen(paths, as_of)
        assert seen == _whole(paths, as_of, monkeypatch), as_of
    kinds = {o["kind"].value for o in _obligations(seen)}
    every_but_one = {k.value for k in Kind} - {"promise-next"}  # the generated corpus has that one
    assert kinds == every_but_one, kinds
    assert any(o["record"] is not None for o in _obligations(seen))  # follow-ups recorded as done
    assert all(isinstance(o["span"][3], int) and o["message"] is not None for o in _obligations(seen))


def test_each_day_before_of_and_after_a_bundled_deadline_is_the_same_on_summaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    paths = [Path("agreements")]
    days = sorted({o["due"] for o in _obligations(_seen(paths, dt.date(2026, 12, 2)))})
    assert len(days) > 30
    for day in days:
        for as_of in (day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)):
            assert _seen(paths, as_of) == _whole(paths, as_of, monkeypatch), as_of


def test_a_generated_corpus_is_due_the_same_on_summaries_every_way(
    broken_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = broken_corpus  # 120 files, a tenth broken on purpose (conftest.py)
    as_of = dt.date(2026, 12, 2)
    whole = _whole([corpus], as_of, monkeypatch)
    assert dict(whole[0][1])["problems"], "the corpus has files left out"
    assert len(_obligations(whole)) > 1000
    assert "promise-next" in {o["kind"].value for o in _obligations(whole)}
    cache = Cache(tmp_path / "cache")
    assert _seen([corpus], as_of) == whole
    monkeypatch.setattr(workspace, "PARALLEL_FROM", 8)  # both waves in workers, plan files too
    assert _seen([corpus], as_of, jobs=2) == whole
    assert _seen([corpus], as_of, cache=cache, jobs=2) == whole  # fills the cache
    assert len(list((tmp_path / "cache" / "lifecycle").rglob("*"))) > 100  # the summaries, kept
    assert _seen([corpus], as_of, cache=cache) == whole  # from it
    assert _whole([corpus], as_of, monkeypatch, cache=cache) == whole  # whole documents kept apart
    monkeypatch.setattr(discovery, "BYTES_KEPT", 200_000)  # most files read again when loaded
    assert _seen([corpus], as_of) == whole


def test_a_lifecycle_summary_drops_the_text_and_keeps_what_is_owed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    whole = examine([Path("agreements")]).workspace
    checked = 0
    for loaded in whole.files:
        document = loaded.document
        kept = lifecycle(document) if document is not None else None
        if isinstance(document, Agreement):
            assert isinstance(kept, Agreement)
            assert (kept.id, kept.period, kept.follow_up, kept.extension) == (
                document.id,
                document.period,
                document.follow_up,
                document.extension,
            )
            for attribute in ("internal_note", "goals", "background", "sections"):
                with pytest.raises(AttributeError):
                    getattr(kept, attribute)
            if document.organisation is not None and kept.organisation is not None:
                for group, full in zip(kept.organisation.groups, document.organisation.groups, strict=True):
                    assert (group.cadence, group.meetings) == (full.cadence, full.meetings)
                    with pytest.raises(AttributeError):
                        _ = group.members
            checked += 1
        elif isinstance(document, ActionPlanFile):
            assert isinstance(kept, ActionPlanFile)
            for activity, full in zip(kept.activities, document.activities, strict=True):
                assert (activity.id, activity.start, activity.end, activity.follow_up) == (
                    full.id,
                    full.start,
                    full.end,
                    full.follow_up,
                )
                with pytest.raises(AttributeError):
                    _ = activity.title
            checked += 1
    assert checked == 6  # the five agreements and the plan file


def test_summaries_given_the_same_fields_share_one_frozen_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    kept = [f.document for f in examine([Path("agreements")], summaries="lifecycle").workspace.files]
    agreements = [d for d in kept if isinstance(d, Agreement)]
    assert len(agreements) >= 2
    sets = [a.__pydantic_fields_set__ for a in agreements]
    assert all(isinstance(s, frozenset) for s in sets)
    same = [(a, b) for a in sets for b in sets if a == b]
    assert all(a is b for a, b in same)
    with pytest.raises(AttributeError):
        sets[0].add("title")  # type: ignore[attr-defined]

"""Summaries (:mod:`samverkan.summary`): what ``validate`` keeps of a document once its own
file is checked. A summary keeps the fields the cross-file rules read and nothing else: reading
a dropped field fails loudly instead of giving an empty answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan.model import ActionPlanBody, ActionPlanFile, Agreement, CitizenPromiseFile
from samverkan.summary import summary
from samverkan.workspace import load_file

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "agreements").rglob("*.yaml"))
VALID = sorted((ROOT / "tests" / "cases" / "valid").glob("*.yaml"))


def _documents() -> list[tuple[Path, object]]:
    out = []
    for path in [*BUNDLED, *VALID]:
        loaded = load_file(path)
        if loaded.document is not None:
            out.append((path, loaded.document))
    return out


DOCUMENTS = _documents()


def test_there_are_documents_of_every_kind_summarised() -> None:
    kinds = {type(doc) for _, doc in DOCUMENTS}
    assert {Agreement, ActionPlanFile, CitizenPromiseFile} <= kinds


@pytest.mark.parametrize(("path", "document"), DOCUMENTS, ids=lambda v: v.name if isinstance(v, Path) else "")
def test_a_summary_keeps_what_the_cross_file_rules_read(path: Path, document: object) -> None:
    reduced = summary(document)  # type: ignore[arg-type]
    assert type(reduced) is type(document)
    for name in ("id", "kind", "title"):
        assert getattr(reduced, name) == getattr(document, name)
    if isinstance(document, Agreement):
        assert isinstance(reduced, Agreement)
        assert reduced.parties == document.parties
        assert reduced.period == document.period
        assert reduced.extensions == document.extensions
        assert reduced.replaces == document.replaces
        assert reduced.situation_picture == document.situation_picture
        assert [a.id for a in reduced.focus_areas] == [a.id for a in document.focus_areas]
        plans = [p for p in document.action_plans if isinstance(p, ActionPlanBody)]
        kept = [p for p in reduced.action_plans if isinstance(p, ActionPlanBody)]
        assert [(p.id, p.decision, p.based_on_situation_picture) for p in kept] == [
            (p.id, p.decision, p.based_on_situation_picture) for p in plans
        ]
        if document.organisation is not None:
            assert reduced.organisation is not None
            assert [g.id for g in reduced.organisation.groups] == [g.id for g in document.organisation.groups]
    if isinstance(document, ActionPlanFile | CitizenPromiseFile):
        assert reduced.agreement == document.agreement  # type: ignore[union-attr]


def test_reading_what_a_summary_dropped_fails_loudly() -> None:
    agreement = next(doc for _, doc in DOCUMENTS if isinstance(doc, Agreement) and doc.sections)
    reduced = summary(agreement)
    assert isinstance(reduced, Agreement)
    with pytest.raises(AttributeError):
        _ = reduced.sections
    with pytest.raises(AttributeError):
        _ = reduced.follow_up
    plan = next(
        p
        for _, d in DOCUMENTS
        if isinstance(d, Agreement)
        for p in summary(d).action_plans  # type: ignore[union-attr]
        if isinstance(p, ActionPlanBody)
    )
    with pytest.raises(AttributeError):
        _ = plan.activities

"""Rules in two parts: what reads one file runs as the file is loaded and is cached with it
(:attr:`Rule.per_file`); what reads across files runs once over the whole workspace
(:attr:`Rule.across_files`). Together they find exactly what the whole rules find over the
whole workspace: on every rule's fixtures, every case file, the bundled agreements and a
generated corpus with broken files, with and without the cache, with one and two workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generated import write_corpus
from samverkan import discovery, rules, workspace
from samverkan.api import check
from samverkan.cache import Cache
from samverkan.reporters.concise import line
from samverkan.rules import RULES, RULES_BY_CODE
from whole_rules import every_rule

ROOT = Path(__file__).resolve().parent.parent
RULE_FIXTURES = sorted(p for p in (ROOT / "tests" / "rules").glob("*/*/*") if p.is_dir())
CASES = sorted((ROOT / "tests" / "cases").rglob("*.yaml"))


def _split(paths: list[Path], **kwargs: Any) -> list[str]:
    return [line(d) for d in check(paths, **kwargs).diagnostics]


def test_each_rule_is_whole_or_split_in_two() -> None:
    for rule in RULES:
        if rule.per_file is None:
            assert rule.across is None and rule.across_files is rule.check, rule.code
        elif rule.across is None:
            assert rule.per_file is rule.check and rule.across_files is None, rule.code
    sv106 = RULES_BY_CODE["SV106"]
    assert sv106.per_file is not None and sv106.across is not None  # inner ids per file, file ids across


@pytest.mark.parametrize("folder", RULE_FIXTURES, ids=lambda p: str(p.relative_to(ROOT / "tests" / "rules")))
def test_every_rule_fixture_finds_the_same_split(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    assert _split([Path()]) == every_rule([Path()])


def test_every_case_file_finds_the_same_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    for path in CASES:
        relative = [path.relative_to(ROOT)]
        assert _split(relative) == every_rule(relative), path


def test_the_cases_and_the_bundled_agreements_together_find_the_same_split(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    paths = [Path("tests/cases"), Path("tests/rules"), Path("agreements")]
    whole = every_rule(paths)
    assert any("[SV103]" in text for text in whole) and any("[SV106]" in text for text in whole)
    assert _split(paths) == whole


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 100, 23, 10.0)  # a tenth broken on purpose


def test_a_generated_corpus_finds_the_same_split_every_way(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = every_rule([corpus])
    assert any("error[SV0" in text for text in whole), "the corpus has files broken in the loader's ways"
    cache = Cache(tmp_path / "cache")
    assert _split([corpus]) == whole
    monkeypatch.setattr(workspace, "PARALLEL_FROM", 8)  # both waves in workers, plan files too
    assert _split([corpus], jobs=2) == whole
    assert _split([corpus], cache=cache, jobs=2) == whole  # fills the cache
    assert _split([corpus], cache=cache) == whole  # from it
    assert len(list((tmp_path / "cache" / "linked").rglob("*"))) >= 8  # plan files' findings, apart
    monkeypatch.setattr(discovery, "BYTES_KEPT", 200_000)  # most files read again when loaded
    assert _split([corpus]) == whole
    assert _split([corpus], jobs=2) == whole


def test_a_cached_file_is_not_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    cache = Cache(tmp_path / "cache")
    first = _split([Path("agreements")], cache=cache)
    checked: list[str] = []
    per_file = rules.file_findings

    def counting(ws: Any) -> Any:
        checked.extend(f.path for f in ws.files)
        return per_file(ws)

    monkeypatch.setattr(rules, "file_findings", counting)
    assert _split([Path("agreements")], cache=cache) == first
    assert checked == []  # every file's findings from the cache, the plan file's against its agreement too


AGREEMENT = """\
kind: agreement
id: a
title: Samverkansöverenskommelse
parties:
  - {id: kommunen, kind: municipality, name: Ale kommun}
  - {id: polisen, kind: police, name: Polismyndigheten, unit: Lokalpolisområde Kungälv-Ale}
period: {start: 2024-01-01, end: 2027-12-31}
"""

PLAN = """\
kind: action-plan
id: a-plan
agreement: a
title: Åtgärdsplan
activities:
  - id: trygghetsvandring
    title: Trygghetsvandringar
    responsible: [{party: foreningen}]
"""


def test_a_plan_file_is_checked_against_its_agreement_as_it_is_now(tmp_path: Path) -> None:
    """A file that names its agreement is checked again when only the agreement changes."""
    (tmp_path / "a.yaml").write_text(AGREEMENT, encoding="utf-8")
    (tmp_path / "a-plan.yaml").write_text(PLAN, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    before = _split([tmp_path], cache=cache)
    assert any("[SV103]" in text and "foreningen" in text for text in before), before
    party = "  - {id: foreningen, kind: organisation, name: Föreningen Trygga Ale}\n"
    (tmp_path / "a.yaml").write_text(AGREEMENT.replace("period:", party + "period:"), encoding="utf-8")
    after = _split([tmp_path], cache=cache)
    assert not any("[SV103]" in text for text in after), after
    assert after == every_rule([tmp_path])


def test_a_plan_file_that_hides_its_agreement_from_the_first_look_is_checked_all_the_same(tmp_path: Path) -> None:
    """A plan file written as one flow mapping is not seen to name its agreement before it is
    read, so it is loaded with the agreements; it is checked once they are all loaded."""
    (tmp_path / "a.yaml").write_text(AGREEMENT, encoding="utf-8")
    flow = (
        "{kind: action-plan, id: a-plan, agreement: a, title: Åtgärdsplan,\n"
        " activities: [{id: t, title: T, responsible: [{party: foreningen}]}]}\n"
    )
    (tmp_path / "a-plan.yaml").write_text(flow, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    for _ in range(2):  # cold, then from the cache
        found = _split([tmp_path], cache=cache)
        assert any("[SV103]" in text and "foreningen" in text for text in found), found
        assert found == every_rule([tmp_path])


WRAPPED = """\
kind: agreement
id: a
title: "Samverkan,
agreement: 2024"
parties:
  - {id: kommunen, kind: municipality, name: Ale kommun}
  - {id: polisen, kind: police, name: Polisen}
period: {start: 2024-01-01, end: 2027-12-31}
"""

DATED_PLAN = """\
kind: action-plan
id: a-plan
agreement: a
title: Plan
activities:
  - {id: t, title: T, responsible: [{party: foreningen}], start: 2020-01-01}
"""


def test_an_agreement_with_a_line_that_starts_like_a_link_still_checks_its_plans(tmp_path: Path) -> None:
    """An agreement whose long title wraps onto a line starting ``agreement:`` is loaded with
    the files that name an agreement; the plans that name it are checked against it all the same."""
    (tmp_path / "a.yaml").write_text(WRAPPED, encoding="utf-8")
    (tmp_path / "a-plan.yaml").write_text(DATED_PLAN, encoding="utf-8")
    whole = every_rule([tmp_path])
    assert any("[SV103]" in text for text in whole) and any("[SV102]" in text for text in whole), whole
    cache = Cache(tmp_path / "cache")
    assert _split([tmp_path]) == whole
    assert _split([tmp_path], cache=cache) == whole  # cold
    assert _split([tmp_path], cache=cache) == whole  # warm


def test_a_plan_is_checked_against_the_agreement_that_keeps_the_id(tmp_path: Path) -> None:
    """Of two agreements with one id, the plan is checked against the one the run keeps (the
    file named after the id), even when that one is loaded after the other."""
    (tmp_path / "a.yaml").write_text(WRAPPED, encoding="utf-8")
    copy = WRAPPED.replace('title: "Samverkan,\nagreement: 2024"', "title: Kopia").replace("id: polisen", "id: lpo")
    (tmp_path / "kopia.yaml").write_text(copy, encoding="utf-8")
    plan = DATED_PLAN.replace("foreningen", "polisen").replace(", start: 2020-01-01", "")
    (tmp_path / "a-plan.yaml").write_text(plan, encoding="utf-8")
    whole = every_rule([tmp_path])
    assert any("[SV106]" in text for text in whole) and not any("[SV103]" in text for text in whole), whole
    cache = Cache(tmp_path / "cache")
    assert _split([tmp_path]) == whole
    assert _split([tmp_path], cache=cache) == whole
    assert _split([tmp_path], cache=cache) == whole


def test_validate_keeps_summaries_and_examine_whole_documents_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """``due`` and ``status`` keep a larger summary: ``tests/test_lifecycle_summary.py``."""
    from samverkan.api import examine

    monkeypatch.chdir(ROOT)
    summarised = examine([Path("agreements")], summaries=True).workspace
    whole = examine([Path("agreements")]).workspace
    for kept, full in zip(summarised.files, whole.files, strict=True):
        assert kept.document is not None and full.document is not None
        assert kept.document.id == full.document.id
        with pytest.raises(AttributeError):
            _ = kept.document.internal_note  # dropped by the summary
        assert full.document.internal_note == full.document.internal_note

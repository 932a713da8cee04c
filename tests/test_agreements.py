"""The bundled agreements: they validate, they say what the real documents say, and the
committed JSON Schema is current."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from samverkan.api import check
from samverkan.cli import app
from samverkan.diagnostics import Severity
from samverkan.model import (
    ActionPlanFile,
    ActionPlanLink,
    Agreement,
    ExtensionIndefinite,
    ExtensionOption,
    ExtensionRenewal,
    FollowUpOnce,
    FollowUpRecurring,
    Statement,
)
from samverkan.schema import schema_text
from samverkan.source import parse_text
from samverkan.workspace import load_file, load_workspace

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
SCHEMA_FILE = ROOT / "schema" / "samverkan.schema.json"
FILES = sorted(AGREEMENTS.rglob("*.yaml"))


def _agreement(agreement_id: str) -> Agreement:
    for _, doc in load_workspace([AGREEMENTS]).agreements():
        if doc.id == agreement_id:
            return doc
    raise AssertionError(f"no agreement {agreement_id}")


def test_bundled_agreements_have_no_errors_or_warnings() -> None:
    report = check([AGREEMENTS])
    assert report.files == 7
    bad = [d for d in report.diagnostics if d.severity >= Severity.WARNING]
    assert bad == []
    assert report.exit_code == 0


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_file_loads_and_carries_the_schema_modeline(path: Path) -> None:
    loaded = load_file(path)
    assert loaded.source.diagnostics == []
    assert loaded.document is not None
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    assert (path.parent / first.removeprefix(prefix)).resolve() == SCHEMA_FILE


def test_validate_command_on_bundled_agreements_exits_0() -> None:
    result = CliRunner().invoke(app, ["validate", str(AGREEMENTS), "--format", "concise"])
    assert result.exit_code == 0, result.output
    assert "7 files checked: 0 errors, 0 warnings" in result.output


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schema/samverkan.schema.json is stale: run `samverkan schema > schema/samverkan.schema.json`"
    )


def test_schema_command_prints_the_committed_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.output == SCHEMA_FILE.read_text(encoding="utf-8")
    schema = json.loads(result.output)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in result.output
    assert "Förlängning med N år i taget efter samråd." in result.output


def test_bundled_agreements_validate_against_the_json_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    for path in FILES:
        located = parse_text(path.read_text(encoding="utf-8"), str(path)).located
        assert located is not None
        assert list(validator.iter_errors(located.data)) == [], path


def test_upplands_vasby_2021() -> None:
    a = _agreement("upplands-vasby-2021")
    assert (a.period.start, a.period.end) == (dt.date(2021, 1, 1), dt.date(2022, 12, 31))
    assert isinstance(a.extension, ExtensionRenewal)
    assert (a.extension.years, a.extension.consultation_months_before) == (2, 6)
    assert [p.name for p in a.parties] == ["Lokalpolisområde Sollentuna", "Upplands Väsby kommun"]
    assert a.signing is not None
    assert (a.signing.place, a.signing.date) == ("Upplands Väsby", dt.date(2020, 12, 14))
    assert [(s.name, s.title) for s in a.signing.signatories] == [
        ("Christine Hanefalk", "Kommunstyrelsens ordförande"),
        ("Christoffer Bohman", "Lokalpolisområdeschef"),
    ]
    assert a.follow_up is not None
    half_time = a.follow_up.schedule[0]
    assert isinstance(half_time, FollowUpOnce)
    assert half_time.month is not None
    assert (half_time.month.first_day, half_time.month.last_day) == (dt.date(2021, 12, 1), dt.date(2021, 12, 31))
    assert len(half_time.covers) == 3
    assert a.organisation is not None
    forum = a.organisation.groups[0]
    assert forum.cadence is not None
    assert (forum.cadence.times, forum.cadence.unit, forum.cadence.at_least) == (2, "year", True)
    assert [m.role for m in forum.members] == ["kommundirektör", "lokalpolisområdeschef"]
    assert a.focus_areas[0].name == "Trygghet i offentliga miljöer"
    assert [g.level for g in a.focus_areas[0].goals] == ["target-area"] * 3 + ["long-term"]


def test_umea_2021() -> None:
    a = _agreement("umea-2021")
    assert (a.period.start, a.period.end) == (dt.date(2021, 1, 1), dt.date(2024, 12, 31))
    assert isinstance(a.extension, ExtensionIndefinite)
    assert a.signing is not None and a.signing.date == dt.date(2021, 2, 9)
    assert [s.name for s in a.signing.signatories] == ["Hans Lindberg", "Margaretha Alfredsson", "Michael Rystedt"]
    assert [g.level for g in a.goals] == ["overall"] * 3 + ["vision"]
    assert len(a.focus_areas) == 4
    assert a.citizen_promise_terms is not None and a.citizen_promise_terms.validity_months == 24
    assert a.follow_up is not None
    assert isinstance(a.follow_up.schedule[0], FollowUpRecurring)
    assert a.follow_up.schedule[0].type == "yearly"
    assert a.follow_up.reported_to == ["Umeå brotts- och drogförebyggande råd"]


def test_uppsala_2014_with_its_action_plan_file_and_predecessor() -> None:
    ws = load_workspace([AGREEMENTS])
    a = _agreement("uppsala-2014")
    assert (a.period.start, a.period.end) == (dt.date(2014, 1, 1), dt.date(2014, 12, 31))
    assert isinstance(a.extension, ExtensionOption)
    assert a.replaces == "uppsala-2010"
    assert a.memo is not None
    memo = (a.memo.case_number, a.memo.officer, a.memo.date)
    assert memo == ("KSN-2013-1258", "Hagström Ingela", dt.date(2013, 11, 15))
    assert a.signing is not None and a.signing.date is None and a.signing.place == "Uppsala"
    assert [(s.name, s.title) for s in a.signing.signatories] == [
        ("Erik Steen", "Länspolismästare"),
        ("Fredrik Ahlstedt", "Kommunstyrelsens ordförande"),
    ]
    assert [p.unit for p in a.parties] == [None, "polisområde Uppsala"]
    assert isinstance(a.action_plans[0], ActionPlanLink)
    plans = [doc for _, doc in ws.action_plan_files()]
    assert len(plans) == 1 and isinstance(plans[0], ActionPlanFile)
    plan = plans[0]
    assert (plan.agreement, plan.status, plan.activities) == ("uppsala-2014", "framework", [])
    assert plan.follow_up is not None and plan.follow_up.schedule[0].type == "tertial"
    old = _agreement("uppsala-2010")
    assert (old.period.start, old.period.end) == (dt.date(2010, 4, 7), dt.date(2013, 12, 31))
    assert old.decision is not None and old.decision.paragraph == "§ 55"


def test_uppsala_2024_period_from_years_keeps_the_wording() -> None:
    a = _agreement("uppsala-2024")
    assert (a.period.start, a.period.end, a.period.text) == (
        dt.date(2024, 1, 1),
        dt.date(2027, 12, 31),
        "perioden 2024–2027",
    )
    assert a.replaces is None
    assert a.signing is None


STATEMENT_FILE = AGREEMENTS / "uppsala" / "uppsala-interpellationssvar-polisen.yaml"
SOURCE_FILE = ROOT.parent / "shared" / "seeds" / "002_0b95906dd943127e.txt"


def _statement() -> Statement:
    loaded = load_file(STATEMENT_FILE)
    assert loaded.source.diagnostics == []
    assert isinstance(loaded.document, Statement)
    return loaded.document


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def source_text() -> str:
    if not SOURCE_FILE.is_file():
        pytest.skip(f"{SOURCE_FILE} is not here (it lives beside the repository, in shared/seeds/)")
    return _flat(SOURCE_FILE.read_text(encoding="utf-8"))


def test_the_interpellation_answer_says_only_what_the_source_says(source_text: str) -> None:
    """Uppsala's answer to an interpellation (about 2018): every question, answer paragraph,
    activity and collaboration wording is in the source, the paragraphs in source order."""
    s = _statement()
    assert (s.kind, s.document_type, s.municipality) == ("statement", "Svar på interpellation", "Uppsala kommun")
    assert _flat(s.title) in source_text
    assert s.asked_by is not None and s.answered_by is not None
    assert (s.asked_by.name, s.asked_by.political_party) == ("Jonas Segersam", "KD")
    answered = (s.answered_by.name, s.answered_by.political_party, s.answered_by.title)
    assert answered == ("Marlene Burwick", "S", "Kommunstyrelsens ordförande")
    assert "Jonas Segersam (KD)" in source_text and "Marlene Burwick (S) Kommunstyrelsens ordförande" in source_text

    assert len(s.questions) == 3
    paragraphs = list(s.introduction)
    for q in s.questions:
        assert source_text.count(_flat(q.question)) == 1, q.question
        paragraphs += [q.question, *q.answer]
    position = 0
    for paragraph in paragraphs:
        found = source_text.find(_flat(paragraph), position)
        assert found >= position, f"not in the source after position {position}: {paragraph[:60]!r}"
        position = found + len(_flat(paragraph))
    # Everything between the first question and the signature is held as a paragraph.
    held = " ".join(_flat(p) for p in paragraphs)
    tail = source_text[source_text.index(_flat(s.questions[0].question)) : source_text.index("Marlene Burwick (S)")]
    assert held.endswith(tail.strip())

    lowered = source_text.casefold()
    for plan in s.action_plans:
        for activity in plan.activities:
            assert _flat(activity.title) in source_text, activity.title
            assert activity.responsible == [] and activity.start is None and activity.end is None
        assert plan.decision is None and plan.follow_up is None
    for item in s.collaboration:
        for wording in (item.title, *item.measures, *item.occasions, *item.through, item.area, item.text):
            if wording is not None:
                assert _flat(wording).casefold() in lowered, wording
    assert s.organisation is not None
    for group in s.organisation.groups:
        for member in (*group.members, *group.co_opted):
            for wording in (member.role, member.name, member.unit):
                assert wording is None or _flat(wording).casefold() in lowered, wording


def test_the_interpellation_answer_holds_the_organisation_and_the_plans() -> None:
    s = _statement()
    assert s.organisation is not None
    groups = {g.id: g for g in s.organisation.groups}
    steering = groups["styrgrupp"]
    assert steering.kind == "steering-group"
    assert [m.unit for m in steering.co_opted] == ["stadsbyggnadsförvaltningens avdelning för gata-park-natur"]
    assert steering.cadence is None  # "regelbundna", no number
    weekly = groups["utsattningsmoten"]
    assert weekly.cadence is not None
    assert (weekly.cadence.unit, weekly.cadence.times, weekly.cadence.every, weekly.cadence.text) == (
        "week",
        1,
        1,
        "varje vecka",
    )
    assert [m.unit for m in weekly.members] == ["socialtjänst", "räddningstjänst"]
    assert all(m.party is None for g in groups.values() for m in (*g.members, *g.co_opted))
    assert groups["ksau-och-polisen"].cadence is None
    assert "Skattemyndigheten" in [m.unit for m in groups["kunskapscentrum"].members]

    area, municipal = s.action_plans
    assert (area.scope, area.area, area.status) == ("area", "Gottsunda/Valsätra", None)
    titles = [a.title for a in area.activities]
    assert "förhindra stenkastning mot bussar" in titles and len(titles) == 7
    assert (municipal.scope, municipal.status, municipal.activities) == ("municipality", "draft", [])
    events = next(c for c in s.collaboration if c.occasions)
    assert events.occasions == ["Valborg", "Kulturnatten"]


def test_nothing_in_the_interpellation_answer_has_a_date() -> None:
    """The document is undated: no field in the file holds a date, and nothing is dated in the model."""

    def dates(value: object) -> Iterator[object]:
        if isinstance(value, dt.date):
            yield value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from dates(getattr(value, name))
        elif isinstance(value, list | tuple):
            for item in value:
                yield from dates(item)

    assert list(dates(_statement())) == []
    text = STATEMENT_FILE.read_text(encoding="utf-8")
    assert not re.search(r"\b\d{4}-\d{2}(-\d{2})?\b", text)
    assert not re.search(r"^\s*-?\s*(date|start|end|period|meetings|signing|decided):", text, re.MULTILINE)


@pytest.mark.parametrize(
    ("command", "formats"), [("due", ("table", "json", "csv", "markdown", "ics")), ("status", ("table", "json"))]
)
def test_due_and_status_leave_the_statement_out(command: str, formats: tuple[str, ...]) -> None:
    for fmt in formats:
        result = CliRunner().invoke(
            app, [command, str(AGREEMENTS), "--as-of", "2022-05-01", "--format", fmt, "--no-cache"]
        )
        assert result.exit_code == 0, result.output
        assert "interpellation" not in result.output
        assert "upplands-vasby-2021" in result.output


def test_site_leaves_the_statement_out(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", str(AGREEMENTS), "--out", str(out), "--as-of", "2022-05-01"])
    assert result.exit_code == 0, result.output
    assert "5 agreements" in result.output
    for page in out.rglob("*"):
        if page.is_file():
            assert b"interpellation" not in page.read_bytes(), page

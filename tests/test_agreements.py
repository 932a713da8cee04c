"""The bundled agreements: they validate, they say what the real documents say, and the
committed JSON Schema is current."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
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
)
from samverkan.schema import schema_text
from samverkan.source import parse_text
from samverkan.validation import validate_source
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
    assert memo == ("KSN-2013-1258", "Ingela Hagström", dt.date(2013, 11, 15))
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


INTERPELLATION = """\
kind: agreement
id: uppsala-samverkan
title: Samverkansavtal
parties:
  - {id: uppsala-kommun, kind: municipality, name: Uppsala kommun}
  - {id: polisen, kind: police, name: Polismyndigheten}
  - {id: fastighetsbolag, kind: company, name: kommunens fastighetsbolag}
period: {start: 2018-01-01}
extension: {type: open-ended, review_every_years: 2}
organisation:
  groups:
    - id: styrgrupp
      kind: steering-group
      name: Styrgruppen
      co_opted:
        - role: adjungerad
          party: uppsala-kommun
          unit: stadsbyggnadsförvaltningens avdelning för gata-park-natur
      meetings:
        - date: 2018-03-01
    - id: utsattningsmote
      kind: working-group
      name: Utsättningsmöte
      description: underlag för helgens riskbedömning
      members:
        - {role: personal, party: uppsala-kommun, unit: socialtjänsten}
        - {role: personal, party: uppsala-kommun, unit: räddningstjänsten}
      cadence: {unit: week, times: 1, text: varje vecka}
    - id: varannan-vecka
      kind: working-group
      name: Avstämning
      cadence: {unit: week, every: 2, text: varannan vecka}
action_plans:
  - id: kommunovergripande
    title: Kommunövergripande handlingsplan för ökad trygghet och säkerhet
    scope: municipality
    status: draft
  - id: gottsunda-valsatra
    title: Handlingsplan för Gottsunda/Valsätra
    scope: area
    area: Gottsunda/Valsätra
    activities:
      - id: stenkastning
        title: Förhindra stenkastning mot bussar
        responsible: [{party: joint}]
      - id: kameraovervakning
        title: Kameraövervakning
        responsible: [{party: fastighetsbolag}, {party: polisen}]
        communicated: true
"""


def test_the_interpellation_answer_is_expressible() -> None:
    """Co-opted members, weekly meetings and an area action plan (Uppsala, about 2018)."""
    source = parse_text(INTERPELLATION, "interpellation.yaml")
    from samverkan.model import DocumentRoot

    root, problems = validate_source(source, DocumentRoot)
    assert problems == []
    assert root is not None
    doc = root.root
    assert isinstance(doc, Agreement) and doc.organisation is not None
    steering = doc.organisation.groups[0]
    assert steering.co_opted[0].unit == "stadsbyggnadsförvaltningens avdelning för gata-park-natur"
    weekly = doc.organisation.groups[1].cadence
    assert weekly is not None and (weekly.unit, weekly.times, weekly.every) == ("week", 1, 1)
    fortnightly = doc.organisation.groups[2].cadence
    assert fortnightly is not None and fortnightly.every == 2
    area_plan = doc.action_plans[1]
    assert not isinstance(area_plan, ActionPlanLink)
    assert (area_plan.scope, area_plan.area) == ("area", "Gottsunda/Valsätra")

"""``samverkan render``: golden documents, the real documents' substance, --public, escaping,
template overrides, determinism, safe writes, and every HTML render opened in headless Chromium.

The golden files ``tests/golden/render/<id>.<document>.<ext>`` hold the exact render at
``--as-of 2022-05-01`` of every bundled agreement, the Uppsala 2014 action plan and case memo,
the Uppsala answer to an interpellation (a statement), follow-up reports, and the made-up
fixtures in ``tests/render/`` (activities, citizen promises, internal notes). When a render
changes on purpose, regenerate them and read the diff::

    SAMVERKAN_UPDATE_GOLDEN=1 python -m pytest tests/test_render.py

The Chromium tests skip when ``chromium`` is not installed, except under CI (``CI=true``),
where a missing Chromium fails them (``.ci/run`` installs Debian's ``chromium``).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import typer
from markdown_it import MarkdownIt
from pydantic import BaseModel
from ruamel.yaml import YAML
from typer.testing import CliRunner, Result

from conftest import strip_sections
from headless import open_page as _open
from samverkan.cli_render import DOCUMENT_CHOICES, FORMAT_CHOICES, render
from samverkan.config import Config
from samverkan.model import Activity, DocumentRoot
from samverkan.render import (
    DOCUMENTS,
    FORMATS,
    OUTPUT_FORMATS,
    Rendered,
    RenderRequest,
    UnsafeOutput,
    render_documents,
    safe_target,
    write_all,
)
from samverkan.render.environment import default_templates
from samverkan.render.markdown import md_escape
from samverkan.render.public import public
from samverkan.source import read_source

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
FIXTURES = ROOT / "tests" / "render"
GOLDEN = ROOT / "tests" / "golden" / "render"
AS_OF = dt.date(2022, 5, 1)
UPDATE = os.environ.get("SAMVERKAN_UPDATE_GOLDEN") == "1"

EXEMPELBY = FIXTURES / "exempelby" / "exempelby-2022.yaml"


def _kind(path: Path) -> str:
    return str(read_source(path).located.data.get("kind"))  # type: ignore[union-attr]


BUNDLED_AGREEMENTS = sorted(p for p in AGREEMENTS.rglob("*.yaml") if _kind(p) == "agreement")


def rendered(
    *paths: Path,
    document: str | None = None,
    fmt: str = "md",
    public: bool = False,
    templates: Path | None = None,
    as_of: dt.date = AS_OF,
    config: Config | None = None,
) -> list[Rendered]:
    request = RenderRequest(tuple(paths), as_of, fmt, document, public, templates, config=config)
    result = render_documents(request)
    assert not result.problems, result.problems
    return list(result.documents)


def one(path: Path, document: str | None = None, fmt: str = "md", **options: Any) -> str:
    docs = rendered(path, document=document, fmt=fmt, **options)
    assert len(docs) == 1, [d.name for d in docs]
    return docs[0].text


# Golden files ------------------------------------------------------------------------------

GOLDEN_CASES: list[tuple[Path, str | None]] = [
    *((p, "agreement") for p in BUNDLED_AGREEMENTS),
    (AGREEMENTS / "uppsala" / "uppsala-2014-handlingsplan.yaml", None),
    (AGREEMENTS / "uppsala" / "uppsala-interpellationssvar-polisen.yaml", None),
    (AGREEMENTS / "uppsala" / "uppsala-2014.yaml", "memo"),
    (AGREEMENTS / "upplands-vasby" / "upplands-vasby-2021.yaml", "follow-up-report"),
    (AGREEMENTS / "umea" / "umea-2021.yaml", "follow-up-report"),
    (EXEMPELBY, "agreement"),
    (EXEMPELBY, "action-plan"),
    (EXEMPELBY, "follow-up-report"),
    (EXEMPELBY, "citizen-promise"),
    (EXEMPELBY, "memo"),
    (FIXTURES / "exempelby" / "exempelby-medborgarlofte-2023.yaml", None),
]


GOLDEN_PARAMS = [
    pytest.param(path, document, fmt, id=f"{path.stem}-{document or 'own'}-{fmt}")
    for path, document in GOLDEN_CASES
    for fmt in FORMATS
]


@pytest.mark.parametrize(("path", "document", "fmt"), GOLDEN_PARAMS)
def test_golden(path: Path, document: str | None, fmt: str) -> None:
    for doc in rendered(path, document=document, fmt=fmt):
        golden = GOLDEN / doc.name
        if UPDATE:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(doc.data)
        assert golden.is_file(), f"no golden file {golden.name}; run with SAMVERKAN_UPDATE_GOLDEN=1"
        assert doc.data == golden.read_bytes(), f"{golden.name} differs; run with SAMVERKAN_UPDATE_GOLDEN=1"


def test_every_golden_file_is_made() -> None:
    names = {
        d.name for path, document in GOLDEN_CASES for fmt in FORMATS for d in rendered(path, document=document, fmt=fmt)
    }
    on_disk = {p.name for p in GOLDEN.iterdir()}
    assert on_disk == names


# What the real documents say -----------------------------------------------------------------

# For each real document: its goals, focus areas, the substance of its validity and extension
# clause, place and date, and its signatories' names and titles.
REAL: dict[str, dict[str, list[str]]] = {
    "umea-2021": {
        "goals": [
            "minska brottsligheten i Umeå kommun",
            "öka tryggheten i Umeå kommun",
            "minska nyttjandet av alkohol, narkotika, tobak, doping",
            "Umeå har i dag inget utsatt område, och ska inte heller få det i framtiden.",
        ],
        "focus": [
            "Krafttag mot narkotika.",
            "Öka förtroendet för samhällets företrädare.",
            "Skapa trygga och säkra platser utifrån aktuell lokal lägesbild.",
            "Motverka segregation och förebygga utanförskap.",
        ],
        "validity": [
            "Överenskommelsen gäller från den 1 januari 2021 till den 31 december 2024.",
            "Om ny överenskommelse inte tecknas efter utgånget datum förlängs denna överenskommelse tillsvidare.",
            "Umeå 9 februari 2021",
            "årligen",
        ],
        "signatories": [
            "Hans Lindberg",
            "Kommunstyrelsens ordförande",
            "Margaretha Alfredsson",
            "Stadsdirektör",
            "Michael Rystedt",
            "Lokalpolisområdeschef",
        ],
    },
    "upplands-vasby-2021": {
        "goals": [
            "Att i samverkan arbeta för att öka den brottsrelaterade tryggheten i kommunen.",
            "Minska antalet otrygghetsskapande händelser i offentlig miljö",
            "Reducera rekrytering till kriminella strukturer",
            "Utveckla myndighetssamverkan mot organiserad brottslighet",
            "Upplands Väsby kommun ska inte ha något kriminellt nätverk",
        ],
        "focus": ["Trygghet i offentliga miljöer"],
        "validity": [
            "Överenskommelsen löper från och med 2021-01-01 till och med 2022-12-31.",
            "Överenskommelsen kan förlängas med två år i taget efter samråd mellan Parterna.",
            "Samråd ska ha skett senast sex månader före giltighetstidens utgång.",
            "Upplands Väsby den 2020-12-14",
            "Uppföljningen sker i december 2021 och ska vara klar senast den 31 december 2021.",
            "Gruppen träffas minst två gånger per år.",
        ],
        "signatories": [
            "Christine Hanefalk",
            "Kommunstyrelsens ordförande",
            "Christoffer Bohman",
            "Lokalpolisområdeschef",
        ],
    },
    "uppsala-2014": {
        "goals": ["Att öka tryggheten för invånare och besökare i Uppsala kommun."],
        "focus": [
            "Främjande och trygghetsskapande arbete",
            "Brottsförebyggande och brottsreducerande arbete",
            "Övrigt - kommande behovsområden",
        ],
        "validity": [
            "Föreliggande avtal gäller för tidsperioden 1 jan 2014 till och med 31 dec 2014, "
            "med option för förlängning.",
            "Uppsala den ______________",
            "Överenskommelsen ersätter ”Samverkansavtal mellan Polismyndigheten i Uppsala län och Uppsala kommun”",
            "30 april 2014",
            "31 augusti 2014",
        ],
        "signatories": ["Erik Steen", "Länspolismästare", "Fredrik Ahlstedt", "Kommunstyrelsens ordförande"],
    },
    "uppsala-2024": {
        "goals": [
            "nolltolerans mot brott och ett tryggare Uppsala",
            "tryggheten hos de som bor, vistas eller verkar i Uppsala ska vara hög",
            "Uppsala ska vara en trygg, säker och socialt hållbar kommun",
        ],
        "focus": [],
        "validity": [
            "Överenskommelsen gäller från och med 1 januari 2024 till och med 31 december 2027.",
            "perioden 2024–2027",
        ],
        "signatories": [],
    },
    "uppsala-2010": {
        "goals": [],
        "focus": [],
        "validity": [
            "Överenskommelsen gäller från och med 7 april 2010 till och med 31 december 2013.",
            "Överenskommelsen beslutades av Kommunstyrelsen den 7 april 2010, § 55.",
        ],
        "signatories": [],
    },
}


def _plain(text: str, fmt: str) -> str:
    """The text a reader sees: HTML tags and entities, or Markdown escapes, undone."""
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"\\(.)", r"\1", text)


def test_every_bundled_agreement_is_checked_for_substance() -> None:
    assert {p.stem for p in BUNDLED_AGREEMENTS} == set(REAL)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("agreement_id", sorted(REAL))
def test_real_documents_substance(agreement_id: str, fmt: str, generic: Callable[[Path], Path]) -> None:
    """The structured data renders under the generic headings (for a document that gives its
    own sections, in a copy without them; tests/test_render_fidelity.py checks those)."""
    path = generic(next(p for p in BUNDLED_AGREEMENTS if p.stem == agreement_id))
    text = _plain(one(path, "agreement", fmt), fmt)
    expected = REAL[agreement_id]
    for group in ("goals", "focus", "validity", "signatories"):
        for phrase in expected[group]:
            assert phrase in text, f"{agreement_id} ({fmt}): missing {group} {phrase!r}"


def test_uppsala_2014_plan_is_an_empty_framework_table(generic: Callable[[Path], Path]) -> None:
    """The generic render of a framework plan (the 2014 plan now gives its own sections:
    tests/test_render_tables.py checks those)."""
    text = one(generic(AGREEMENTS / "uppsala" / "uppsala-2014-handlingsplan.yaml"))
    assert text.count("| Aktivitet/Insats | Syfte | Ansvarig |") == 3
    assert text.count("|  |  | *Polisen:*<br>*Kommunen:*<br>*Gemensamt:* |") == 9
    assert "| Januari–april 2014 | 30 april 2014 |" in text


def test_a_plan_with_its_own_sections_renders_them_alone(tmp_path: Path) -> None:
    """Its sections instead of its status, area, activity tables and follow-up, and no generated
    "Parter:" line; as an annex, its headings one level under its title."""
    for other in (FIXTURES / "exempelby").glob("*.yaml"):
        (tmp_path / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    plan = tmp_path / "exempelby-2022-centrum.yaml"
    own = "sections:\n  - heading: Egen rubrik\n    text: Eget stycke.\n  - heading: Underrubrik\n    level: 3\n"
    plan.write_text(plan.read_text(encoding="utf-8") + own, encoding="utf-8")
    generated = ("Område:", "Status:", "Trygg stadskärna", "Aktivitet/Insats", "Parter:")
    text = one(plan, "action-plan")
    assert "# Åtgärdsplan för centrum 2022\n\n## Egen rubrik\n\nEget stycke.\n\n### Underrubrik\n" in text, text
    assert [g for g in generated if g in text] == []
    annex = one(tmp_path / "exempelby-2022.yaml", "agreement").split("**Bilaga 2**")[1]
    assert annex.startswith("\n\n## Åtgärdsplan för centrum 2022\n\n### Egen rubrik\n\nEget stycke.\n\n#### Under")
    assert [g for g in generated[:4] if g in annex.split("---")[0]] == []
    html_text = one(tmp_path / "exempelby-2022.yaml", "agreement", "html")
    assert "<h2>Åtgärdsplan för centrum 2022</h2>\n<h3>Egen rubrik</h3>\n<p>Eget stycke.</p>\n<h4>" in html_text


def test_memo_reads_like_a_case_memo() -> None:
    text = one(AGREEMENTS / "uppsala" / "uppsala-2014.yaml", "memo")
    for phrase in (
        "| Hagström Ingela | 15 november 2013 | KSN-2013-1258 |",
        "## Förslag till beslut",
        "Kommunstyrelsen föreslås besluta",
        "**att** godkänna överenskommelsen mellan Uppsala kommun och Polismyndigheten i Uppsala län, bilaga.",
        "## Ärendet",
        "## Ekonomiska konsekvenser",
        "**Joachim Danielsson**\\\nStadsdirektör",
    ):
        assert phrase in text


def test_follow_up_report_states_and_chart() -> None:
    text = one(EXEMPELBY, "follow-up-report", "html")
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in text
    assert '<title id="chart-title">' in text and '<desc id="chart-desc">' in text
    assert "<script" not in text.lower()
    for label in ("klar", "aktuell", "försenad", "kommande", "avbruten"):
        assert f'<span class="state">{label}</span>' in text
    assert 'class="state-overdue"' in text
    # The text table beside the chart holds the same numbers.
    row = "<td>1</td><td>2</td><td>1</td><td>0</td><td>0</td><td>4</td>"
    assert f'<tr><th scope="row">Trygg stadskärna</th>{row}</tr>' in text


# --public ----------------------------------------------------------------------------------

_YAML = YAML(typ="rt")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _model_strings(node: Any) -> Iterator[str]:
    """Every text in a model, its ids and references included."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _model_strings(getattr(node, name))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _model_strings(item)


def _secrets(doc: Any) -> set[str]:
    """The texts of a document that must stay out of its public renders: everything in an
    activity that is not communicated, every internal note, every note of a thing recorded;
    less the texts the public document also has (a unit, a party name, ids)."""
    hidden: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, Activity) and node.communicated is not True:
            hidden.update(_model_strings(node))
            return
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                value = getattr(node, name)
                if name in ("internal_note", "note") and isinstance(value, str):
                    hidden.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(doc)
    visible = set(_model_strings(public(doc)))
    return {s for s in hidden - visible if len(s) > 3 and not re.fullmatch(r"[a-z0-9-]+", s)}


def _forms(secret: str) -> set[str]:
    return {secret, md_escape(secret), html.escape(secret), html.escape(secret, quote=False)}


def _all_renders(folder: Path, *, public_only: bool) -> Iterator[Rendered]:
    # The injected meetings, follow-ups and extensions fall outside the periods (SV102, SV105):
    # beside the point here, so the rules do not leave the files out.
    lenient = Config(ignore=frozenset({"SV1"}))
    for fmt in FORMATS:
        for document in DOCUMENTS:
            yield from rendered(folder, document=document, fmt=fmt, public=public_only, config=lenient)


def _load(path: Path) -> Any:
    return DocumentRoot.model_validate(read_source(path).located.data).root  # type: ignore[union-attr]


def test_public_leaves_out_the_fixture_secrets() -> None:
    secrets: set[str] = set()
    for path in sorted(FIXTURES.rglob("*.yaml")):
        secrets |= _secrets(_load(path))
    assert {"Riktade spaningsinsatser mot narkotikaförsäljning vid skolorna", "lokala spaningsgruppen"} <= secrets
    assert len(secrets) >= 15
    inside = "\n".join(d.text for d in _all_renders(FIXTURES, public_only=False))
    assert sum(1 for s in secrets if any(f in inside for f in _forms(s))) >= len(secrets) - 2  # they are rendered
    for doc in _all_renders(FIXTURES, public_only=True):
        for secret in secrets:
            for form in _forms(secret):
                assert form not in doc.text, f"{doc.name} shows {secret!r}"
        assert "INTERNT" not in doc.text


def _inject(data: Any, tag: str) -> None:
    """Internal notes and activities not to be communicated, at every place the schema has them."""

    def activities(where: str) -> list[dict[str, Any]]:
        party = data.get("parties", [{"id": "joint"}])[0]["id"] if "parties" in data else "joint"
        return [
            {
                "id": f"hemlig-{where}",
                "title": f"HEMLIGT {tag} {where} aktivitet",
                "purpose": f"HEMLIGT {tag} {where} syfte",
                "responsible": [{"party": party, "unit": f"HEMLIGT {tag} {where} enhet"}],
                "commitment": f"HEMLIGT {tag} {where} åtagande",
                "timetable": f"HEMLIGT {tag} {where} tidsplan",
                "communicated": False,
                "internal_note": f"HEMLIGT {tag} {where} anteckning",
                "follow_up": {
                    "schedule": [{"type": "yearly", "id": f"uppf-{where}", "title": f"HEMLIGT {tag} {where} uppf"}],
                    "done": [{"rule": f"uppf-{where}", "date": "2022-01-10", "note": f"HEMLIGT {tag} {where} not"}],
                },
            },
            {"id": f"okand-{where}", "title": f"HEMLIGT {tag} {where} okommunicerad", "communicated": None},
        ][: 1 if data["kind"] == "statement" else 2]  # a statement is public: what it names unmarked is shown

    data["internal_note"] = f"HEMLIGT {tag} avtal"
    if data["kind"] == "action-plan":
        data.setdefault("activities", []).extend(activities("plan"))
        return
    plans = data.setdefault("action_plans", [])
    encoded = [p for p in plans if "file" not in p and p.get("encoded", True)]  # 'encoded: false' has none
    if not encoded:
        plans.append({"id": "injicerad-plan", "title": "Åtgärdsplan"})
    for i, plan in enumerate(p for p in plans if "file" not in p and p.get("encoded", True)):
        plan["internal_note"] = f"HEMLIGT {tag} plan {i}"
        plan.setdefault("activities", []).extend(activities(f"inline{i}"))
    organisation = data.setdefault("organisation", {})
    groups = organisation.setdefault("groups", [])
    if not groups:
        groups.append({"id": "injicerad-grupp", "kind": "steering-group", "name": "Styrgruppen"})
    for g, group in enumerate(groups):
        group["internal_note"] = f"HEMLIGT {tag} grupp {g}"
        group.setdefault("meetings", []).append({"date": "2022-02-01", "note": f"HEMLIGT {tag} möte {g}"})
    if data["kind"] == "statement":
        return
    follow_up = data.setdefault("follow_up", {})
    follow_up.setdefault("schedule", []).append({"type": "yearly", "id": "injicerad-uppf"})
    record = {"rule": "injicerad-uppf", "date": "2022-01-20", "note": f"HEMLIGT {tag} uppf"}
    follow_up.setdefault("done", []).append(record)
    data.setdefault("extensions", []).append({"decided": "2022-03-01", "note": f"HEMLIGT {tag} förlängning"})
    data.setdefault("citizen_promises", []).append(
        {
            "id": "injicerat-lofte",
            "title": "Medborgarlöfte",
            "period": {"start": "2022-01-01", "end": "2022-12-31"},
            "promises": [{"party": data["parties"][0]["id"], "text": "Vi lovar."}],
            "internal_note": f"HEMLIGT {tag} löfte",
        }
    )


def test_public_leaves_out_injected_secrets_from_every_bundled_document(tmp_path: Path) -> None:
    copy = tmp_path / "agreements"
    shutil.copytree(AGREEMENTS, copy)
    for path in sorted(copy.rglob("*.yaml")):
        data = _YAML.load(path)
        _inject(data, path.stem)
        with path.open("w", encoding="utf-8") as stream:
            _YAML.dump(data, stream)
    inside = "\n".join(d.text for d in _all_renders(copy, public_only=False))
    assert inside.count("HEMLIGT") > 100  # the injected texts reach the internal renders
    for path in sorted(copy.rglob("*.yaml")):
        assert f"HEMLIGT {path.stem} avtal" in inside
    documents = list(_all_renders(copy, public_only=True))
    assert {d.document for d in documents} == set(DOCUMENTS)
    for doc in documents:
        assert "HEMLIGT" not in doc.text, f"{doc.name}: {doc.text[doc.text.index('HEMLIGT') - 80 :][:200]!r}"


# Escaping ----------------------------------------------------------------------------------

HOSTILE = """\
kind: agreement
id: hostile
title: "Trygghet <script>alert(1)</script> | *fet* _kursiv_ [länk](javascript:alert(1)) `kod`"
subtitle: "# Inte en rubrik"
parties:
  - {id: kommunen, kind: municipality, name: "Kommun | A"}
  - {id: polisen, kind: police, name: "Polis <b>B</b>"}
period: {start: 2022-01-01, end: 2022-12-31}
goals:
  - text: "- inte en lista | <img src=x onerror=alert(1)>"
focus_areas:
  - {id: a, name: "Område | ett"}
action_plans:
  - id: plan
    title: Plan
    activities:
      - id: x
        title: "Aktivitet | med <script>alert(2)</script> och \\\\| snedstreck"
        focus_area: a
        purpose: "1. inte en lista\\n    kodblock?"
        responsible: [{party: kommunen, unit: "enhet | x"}]
        communicated: true
signing:
  place: "Orten & <i>den</i>"
  signatories: [{name: "Namn <script>", title: "Titel | x", party: kommunen}]
"""


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


def test_hostile_text_is_escaped_in_html(hostile: Path) -> None:
    text = one(hostile, "agreement", "html")
    assert "<script" not in text.lower()
    assert "<img" not in text.lower() and "<b>B</b>" not in text and "<i>den</i>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<h1>Trygghet &lt;script&gt;alert(1)&lt;/script&gt; | *fet* _kursiv_" in text


def _table_rows(tokens: list[Any]) -> list[list[str]]:
    rows: list[list[str]] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            rows.append([])
        elif token.type in ("th_open", "td_open"):
            rows[-1].append(tokens[i + 1].content if tokens[i + 1].type == "inline" else "")
    return rows


def test_hostile_text_is_inert_in_markdown(hostile: Path) -> None:
    text = one(hostile, "agreement", "md")
    parser = MarkdownIt("commonmark").enable("table")
    page = parser.render(text)
    assert "<script" not in page.lower() and "<img" not in page.lower() and "<b>" not in page
    assert "<p><em># Inte en rubrik</em></p>" in page  # the template's emphasis around the subtitle
    assert "<em>fet</em>" not in page and "<em>kursiv</em>" not in page
    assert 'href="javascript' not in page and "<code>" not in page
    heading = "Trygghet &lt;script&gt;alert(1)&lt;/script&gt; | *fet* _kursiv_ [länk](javascript:alert(1)) `kod`"
    assert f"<h1>{heading}</h1>" in page
    assert "<h1>Inte en rubrik" not in page
    assert "<ul>\n<li>inte en lista" not in page
    # The activity table keeps its three cells in every row, with the | inside the text.
    rows = _table_rows(parser.parse(text))
    assert len(rows) == 2 and all(len(r) == 3 for r in rows), rows
    assert rows[1][0].startswith("Aktivitet | med \\<script\\>alert(2)\\</script\\>")
    assert rows[1][2] == "Kommunen (enhet | x)"
    assert "<pre><code>" not in page


HOSTILE_STATEMENT = """\
kind: statement
id: hostile-statement
document_type: "Svar på <i>interpellation</i>"
title: "Svar <script>alert(1)</script> | *fet*"
municipality: "Kommun <b>A</b>"
asked_by: {name: "Anna <b>B</b>", political_party: KD}
answered_by: {name: "Bo <b>C</b>", political_party: S, title: "Ordförande <i>x</i>"}
introduction: ["# Inte en rubrik <img src=x onerror=alert(1)>"]
questions:
  - question: "Fråga <script>alert(2)</script>?"
    answer: ["- inte en lista", "Svar | med [länk](javascript:alert(3))"]
organisation:
  groups:
    - id: g
      kind: other
      name: "Grupp <b>D</b>"
      co_opted: [{unit: "enhet <i>E</i>"}]
      cadence: {unit: week, text: "varje <b>vecka</b>"}
action_plans:
  - id: p
    title: "Plan <b>F</b>"
    scope: area
    area: "Område <b>G</b>"
    activities: [{id: a, title: "åtgärd <script>alert(4)</script>"}]
collaboration:
  - id: c
    title: "samverkan <b>H</b>"
    occasions: ["Valborg <i>I</i>"]
    measures: ["servicecenter <b>J</b>"]
"""


def test_statement_text_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "statement.yaml"
    path.write_text(HOSTILE_STATEMENT, encoding="utf-8")
    page = one(path, fmt="html")
    assert "<script" not in page and "<b>" not in page and "<i>" not in page and "<img" not in page
    assert "<h1>Svar &lt;script&gt;alert(1)&lt;/script&gt; | *fet*</h1>" in page
    assert "<li>Åtgärd &lt;script&gt;alert(4)&lt;/script&gt;</li>" in page
    assert "<li>Åtgärd &lt;script&gt;alert(4)&lt;/script&gt;</li>" in one(path, fmt="html", public=True)
    hidden = HOSTILE_STATEMENT.replace('title: "åtgärd', 'communicated: false, title: "åtgärd')
    path.write_text(hidden, encoding="utf-8")
    assert "Åtgärd" not in one(path, fmt="html", public=True)
    assert "Åtgärd" in one(path, fmt="html")
    path.write_text(HOSTILE_STATEMENT, encoding="utf-8")
    text = one(path, fmt="md")
    rendered_md = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script" not in rendered_md and "<b>" not in rendered_md and 'href="javascript' not in rendered_md
    assert "<h1>Inte en rubrik" not in rendered_md and "<ul>\n<li>inte en lista" not in rendered_md


def test_a_statement_gives_only_its_own_document(tmp_path: Path) -> None:
    path = tmp_path / "statement.yaml"
    path.write_text(HOSTILE_STATEMENT, encoding="utf-8")
    for document in DOCUMENTS:
        result = render_documents(RenderRequest((path,), AS_OF, "md", document))
        assert result.problems == ()
        if document == "statement":
            assert [d.name for d in result.documents] == ["hostile-statement.statement.md"]
        else:
            assert result.documents == () and len(result.skipped) == 1, document


def test_md_escape_makes_text_literal() -> None:
    parser = MarkdownIt("commonmark").enable("table")
    for raw in ("# a", "1. b", "- c", "> d", "a | b", "*e* _f_ `g` [h](i) <j> &amp; ~k~ \\l", "===", "+ m"):
        page = parser.render(md_escape(raw)).strip()
        assert page.startswith("<p>") and html.unescape(page[3:-4]) == raw, (raw, page)


def test_markdown_has_no_raw_html_but_the_framework_line_breaks() -> None:
    parser = MarkdownIt("commonmark").enable("table")
    for page in sorted(GOLDEN.glob("*.md")):
        raw = []
        for token in parser.parse(page.read_text(encoding="utf-8")):
            raw += [token.content] if token.type == "html_block" else []
            raw += [c.content for c in token.children or [] if c.type == "html_inline"]
        assert set(raw) <= {"<br>"}, (page.name, raw)


def test_readme_example_is_real_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ samverkan render agreements/upplands-vasby/upplands-vasby-2021.yaml\n")[1]
    example = example.split("$ samverkan render agreements/ --format html --out dok\n")[0]
    golden = (GOLDEN / "upplands-vasby-2021.agreement.md").read_text(encoding="utf-8")
    lines = [line for line in example.splitlines() if line != "…"]
    assert len(lines) > 5
    for line in lines:
        assert line in golden.splitlines(), line


# Overriding templates ----------------------------------------------------------------------


def _changed(before: str, after: str) -> tuple[int, int]:
    """The stretch of ``before`` that ``after`` changes: [start, end)."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, len(before) - end


def test_overriding_one_block_changes_only_that_block(tmp_path: Path, generic: Callable[[Path], Path]) -> None:
    path = generic(AGREEMENTS / "upplands-vasby" / "upplands-vasby-2021.yaml")
    user = tmp_path / "mall"
    (user / "html").mkdir(parents=True)
    (user / "html" / "agreement.html").write_text(
        '{% extends "html/layouts/agreement.html" %}\n'
        '{% block validity %}<section id="giltighetstid"><h2>Giltighetstid</h2><p>Egen text.</p></section>\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    before = one(path, "agreement", "html")
    after = one(path, "agreement", "html", templates=user)
    assert "<p>Egen text.</p>" in after and "Egen text" not in before
    start, end = _changed(before, after)
    block_start = before.index('<section id="giltighetstid">')
    block_end = before.index("</section>", block_start) + len("</section>")
    assert block_start <= start and end <= block_end


def test_overriding_one_partial_changes_only_that_part(tmp_path: Path) -> None:
    path = AGREEMENTS / "umea" / "umea-2021.yaml"
    user = tmp_path / "mall"
    (user / "md" / "partials").mkdir(parents=True)
    (user / "md" / "partials" / "signatures.md").write_text(
        "\n## Underskrifter\n\n{{ signing.place_and_date }}\n\n"
        "{% for s in signing.signatories %}- {{ s.name }}\n{% endfor %}\n",
        encoding="utf-8",
    )
    before = one(path, "agreement", "md")
    after = one(path, "agreement", "md", templates=user)
    assert "- Hans Lindberg\n- Margaretha Alfredsson\n- Michael Rystedt\n" in after
    start, end = _changed(before, after)
    last_words = "förlängs denna överenskommelse tillsvidare."  # the end of its own sections
    part_start = before.index(last_words) + len(last_words)
    part_end = before.find("\n---\n", part_start)
    part_end = len(before) - 1 if part_end < 0 else part_end  # the signatures end the document
    assert part_start <= start and end <= part_end + 1


def test_templates_folder_from_the_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "samverkan.toml").write_text('templates = "mallar"\n', encoding="utf-8")
    (tmp_path / "mallar" / "md" / "partials").mkdir(parents=True)
    (tmp_path / "mallar" / "md" / "partials" / "signatures.md").write_text("\nEGNA UNDERSKRIFTER\n", encoding="utf-8")
    (tmp_path / "under").mkdir()
    monkeypatch.chdir(tmp_path / "under")
    result = _invoke("render", str(EXEMPELBY), "--as-of", "2022-05-01")
    assert result.exit_code == 0, result.output
    assert "EGNA UNDERSKRIFTER" in result.stdout and "Eva Ek" not in result.stdout.split("## Giltighetstid")[1]
    (tmp_path / "samverkan.toml").write_text("templates = 3\n", encoding="utf-8")
    result = _invoke("render", str(EXEMPELBY))
    assert result.exit_code == 2 and "'templates' must be the path of a folder" in result.stderr


def test_a_broken_user_template_is_reported_with_its_place(tmp_path: Path) -> None:
    user = tmp_path / "mall"
    (user / "md").mkdir(parents=True)
    broken = "{% extends 'md/layouts/agreement.md' %}\n{% block x %}{{ }}\n"
    (user / "md" / "agreement.md").write_text(broken, encoding="utf-8")
    result = _invoke("render", str(EXEMPELBY), "--templates", str(user))
    assert result.exit_code == 1
    assert "template error" in result.stderr and "md/agreement.md" in result.stderr


def test_templates_are_packaged_and_complete() -> None:
    folder = default_templates()
    assert folder.is_dir()
    for fmt in FORMATS:
        for document in DOCUMENTS:
            assert (folder / fmt / f"{document}.{fmt}").is_file()
            assert (folder / fmt / "layouts" / f"{document}.{fmt}").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.hatch.build.targets.wheel.force-include]\n" in pyproject
    assert '"templates" = "samverkan/templates"' in pyproject
    assert set(DOCUMENT_CHOICES) == set(DOCUMENTS)
    assert set(FORMAT_CHOICES) == {*OUTPUT_FORMATS, "pdf"}  # pdf: the HTML printed


# Determinism -------------------------------------------------------------------------------


def test_same_input_same_bytes() -> None:
    first = [d.data for d in _all_renders(FIXTURES, public_only=False)]
    second = [d.data for d in _all_renders(FIXTURES, public_only=False)]
    assert first == second


def test_same_bytes_in_another_process(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "TZ": "Pacific/Auckland", "LANG": "C"}
    code = (
        "import sys, typer\n"
        "from samverkan.cli_render import render\n"
        "app = typer.Typer()\n"
        "app.command('render')(render)\n"
        "app.callback()(lambda: None)\n"
        "sys.argv = ['x', 'render', *sys.argv[1:]]\n"
        "app()\n"
    )
    args = [str(FIXTURES), "-d", "follow-up-report", "-f", "html", "--as-of", "2022-05-01", "--out", str(out)]
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, capture_output=True)
    assert (out / "exempelby-2022.follow-up-report.html").read_bytes() == (
        GOLDEN / "exempelby-2022.follow-up-report.html"
    ).read_bytes()


# The command and safe writes ---------------------------------------------------------------


def _app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    app.command("render")(render)

    @app.callback()
    def _root() -> None:
        """samverkan"""

    return app


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(_app(), list(args))


def test_cli_one_document_to_stdout() -> None:
    path = AGREEMENTS / "upplands-vasby" / "upplands-vasby-2021.yaml"
    for out in ([], ["--out", "-"]):
        result = _invoke("render", str(path), "--as-of", "2022-05-01", *out)
        assert result.exit_code == 0, result.output
        assert result.stdout_bytes == (GOLDEN / "upplands-vasby-2021.agreement.md").read_bytes()


def test_cli_several_documents_need_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for out in ([], ["--out", "-"]):
        result = _invoke("render", str(AGREEMENTS), *out)
        assert result.exit_code == 2
        assert "--out DIR" in result.stderr and result.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_cli_several_documents_are_counted_not_all_named(tmp_path: Path) -> None:
    """Seven documents for one file, or for the terminal: three named and the rest counted (a
    thousand names on one line are no help)."""
    existing = tmp_path / "one.html"
    existing.write_text("kept\n", encoding="utf-8")
    for out, code in ((["--out", str(existing)], 1), ([], 2)):  # a file named: 1; none: a usage error
        result = _invoke("render", str(AGREEMENTS), "--format", "html", *out)
        assert result.exit_code == code
        assert (
            "(umea-2021.agreement.html, upplands-vasby-2021.agreement.html, uppsala-2010.agreement.html and 4 more)"
            in result.stderr
        )
        assert "uppsala-2024" not in result.stderr
    assert existing.read_text(encoding="utf-8") == "kept\n"


def test_cli_writes_one_file_each_inside_out(tmp_path: Path) -> None:
    out = tmp_path / "dokument"
    result = _invoke("render", str(AGREEMENTS), "-f", "html", "--as-of", "2022-05-01", "--out", str(out))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "umea-2021.agreement.html",
        "upplands-vasby-2021.agreement.html",
        "uppsala-2010.agreement.html",
        "uppsala-2014-handlingsplan.action-plan.html",
        "uppsala-2014.agreement.html",
        "uppsala-2024.agreement.html",
        "uppsala-interpellationssvar-polisen.statement.html",
    ]
    for name in names:
        assert (out / name).read_bytes() == (GOLDEN / name).read_bytes()
    # Again, over the same files: replaced whole, no temporary files left behind.
    result = _invoke("render", str(AGREEMENTS), "-f", "html", "--as-of", "2022-05-01", "--out", str(out))
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == names


def test_cli_usage_errors(tmp_path: Path) -> None:
    path = str(EXEMPELBY)
    a_file = tmp_path / "fil.html"
    a_file.write_text("x", encoding="utf-8")
    for args in (
        ["--format", "pdf"],
        ["--document", "brev"],
        ["--as-of", "2022-13-01"],
        ["--templates", str(tmp_path / "saknas")],
        ["--out", str(a_file)],
    ):
        result = _invoke("render", path, *args)
        assert result.exit_code == 2, (args, result.output)
        assert "Usage:" in result.stderr
    assert a_file.read_text(encoding="utf-8") == "x"


def test_cli_problems_exit_1(tmp_path: Path) -> None:
    broken = tmp_path / "trasig.yaml"
    broken.write_text("kind: agreement\nid: x\n", encoding="utf-8")
    result = _invoke("render", str(broken))
    assert result.exit_code == 1 and "left out because of errors" in result.stderr
    result = _invoke("render", str(AGREEMENTS / "umea" / "umea-2021.yaml"), "-d", "memo")
    assert result.exit_code == 1 and "has no case memo" in result.stderr and "nothing to render" in result.stderr
    result = _invoke("render", str(tmp_path / "saknas.yaml"))
    assert result.exit_code == 1 and "no such file or folder" in result.stderr


@pytest.mark.parametrize("name", ["../ut.md", "..", ".", ".dold.md", "a/b.md", "a\\b.md", "", "x\0.md"])
def test_safe_target_refuses_names_that_leave_the_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(UnsafeOutput):
        safe_target(tmp_path / "ut", name)


def test_cli_names_the_file_it_cannot_write(tmp_path: Path) -> None:
    out = tmp_path / "dokument"
    (out / "umea-2021.agreement.html").mkdir(parents=True)
    result = _invoke("render", str(AGREEMENTS), "-f", "html", "--as-of", "2022-05-01", "--out", str(out))
    assert result.exit_code == 1
    assert result.stderr == f"samverkan: cannot write {out / 'umea-2021.agreement.html'}: Is a directory\n"


def test_write_all_checks_every_name_before_writing(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    with pytest.raises(UnsafeOutput):
        write_all(out, [("bra.md", b"a"), ("../dalig.md", b"b")])
    assert not out.exists() and not (tmp_path / "dalig.md").exists()
    (tmp_path / "mal").mkdir()
    (out).mkdir()
    (out / "lank.md").symlink_to(tmp_path / "mal" / "lank.md")
    with pytest.raises(UnsafeOutput):
        write_all(out, [("lank.md", b"c")])
    assert not (tmp_path / "mal" / "lank.md").exists()
    assert write_all(out, [("bra.md", b"a")]) == [out.resolve() / "bra.md"]
    assert (out / "bra.md").read_bytes() == b"a"
    assert sorted(p.name for p in out.iterdir()) == ["bra.md", "lank.md"]


def test_cli_refuses_an_id_that_would_leave_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import samverkan.render as render_package

    real = render_package.prepare_render

    def evil(request: RenderRequest) -> Any:
        prepared = real(request)
        prepared.names = ["../utanfor.md"]
        return prepared

    monkeypatch.setattr(render_package, "prepare_render", evil)
    result = _invoke("render", str(EXEMPELBY), "--out", str(tmp_path / "ut"))
    assert result.exit_code == 2 and "refusing to write" in result.stderr
    assert not (tmp_path / "ut").exists()
    assert not (tmp_path / "utanfor.md").exists()


# Headless Chromium -------------------------------------------------------------------------


def test_chromium_detector_sees_requests_and_csp_errors(chromium: str, tmp_path: Path) -> None:
    """The check below would notice a page that loads something, with or without the CSP."""
    page = tmp_path / "dalig.html"
    body = '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><img src="http://127.0.0.1:9/a.png">'
    page.write_text(
        f'<!DOCTYPE html><html lang="sv"><head><title>x</title>{body}</head><body>x</body></html>', encoding="utf-8"
    )
    seen = _open(chromium, page, tmp_path / "utan-csp")
    assert any("127.0.0.1:9" in url for url in seen["requests"]), seen
    golden = (GOLDEN / "uppsala-2014.agreement.html").read_text(encoding="utf-8")
    page.write_text(golden.replace("</head>", f"{body}</head>"), encoding="utf-8")
    seen = _open(chromium, page, tmp_path / "med-csp")
    assert seen["console"], seen
    assert not seen["requests"]


def test_every_html_render_opens_cleanly_and_prints(chromium: str, tmp_path: Path) -> None:
    pages = sorted(GOLDEN.glob("*.html"))
    public_dir = tmp_path / "public"
    public_dir.mkdir()
    for doc in _all_renders(FIXTURES, public_only=True):
        if doc.name.endswith(".html"):
            (public_dir / doc.name).write_bytes(doc.data)
    pages += sorted(public_dir.iterdir())
    assert len(pages) >= 15

    def check(page: Path) -> tuple[Path, dict[str, Any]]:
        return page, _open(chromium, page, tmp_path / "work" / page.stem)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(check, pages))
    for page, seen in results:
        assert seen["dom_rc"] == 0 and "<h1>" in seen["dom"] and 'lang="sv"' in seen["dom"], page.name
        assert seen["console"] == [], (page.name, seen["console"])
        assert seen["requests"] == [], (page.name, seen["requests"])
        assert seen["pdf_rc"] == 0 and seen["pdf"].startswith(b"%PDF") and len(seen["pdf"]) > 1000, page.name
        assert re.search(rb"/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]", seen["pdf"]), page.name  # A4


def test_html_is_self_contained() -> None:
    for page in sorted(GOLDEN.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert text.startswith('<!DOCTYPE html>\n<html lang="sv">'), page.name
        assert "default-src 'none'; style-src 'unsafe-inline'; img-src data:" in text
        assert "@page { size: A4;" in text and "break-before: page" in text
        assert "<script" not in text and "<link" not in text
        assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", text), page.name
        for th in re.findall(r"<th[ >][^>]*>?", text):
            assert 'scope="' in th, (page.name, th)


@pytest.mark.parametrize(
    ("sentence", "example"),
    [
        # An extension sentence has its subject (it once read "Förlängd till och med …").
        ("extension", "Överenskommelsen är förlängd till och med 31 december 2024 genom beslut den 5 april 2022."),
    ],
)
def test_generated_sentences_have_a_subject(sentence: str, example: str) -> None:
    from samverkan.render.swedish import extension_sentences

    agreement = _load(FIXTURES / "exempelby" / "exempelby-2022.yaml")
    assert example in extension_sentences(agreement)


def test_a_replaced_agreement_not_among_the_files_is_not_named_by_its_file_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (AGREEMENTS / "uppsala" / "uppsala-2014.yaml").read_text(encoding="utf-8")
    text = strip_sections(text.replace("action_plans:\n  - file: uppsala-2014-handlingsplan.yaml\n", ""))
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    # A replaced agreement that is not there is an error (SV107) that leaves the file out, unless ignored.
    (tmp_path / "samverkan.toml").write_text('ignore = ["SV107"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = _invoke("render", str(tmp_path / "a.yaml"), "--as-of", "2014-06-01")
    assert out.exit_code == 0, out.output
    assert "ersätter en tidigare överenskommelse" in out.stdout
    assert "uppsala-2010" not in out.stdout


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("Arbetsgrupper", "tillfälliga"),
        ("Referensgrupper", "tillfälliga"),
        ("Styrgrupp", "tillfällig"),
        ("Projektledare", "tillfällig"),
        ("Samverkansforum", "tillfällig"),
    ],
)
def test_temporary_agrees_with_the_groups_name(name: str, word: str) -> None:
    """Uppsala 2014's "temporära arbetsgrupper" render as "Arbetsgrupper (tillfälliga)"."""
    from samverkan.render.swedish import temporary_sv

    assert temporary_sv(name) == word


def test_a_linked_plan_that_cannot_be_read_is_named_once(tmp_path: Path) -> None:
    """The agreement is rendered with the plan marked missing, and the problem said once, before
    any document's context is worked out."""
    source = (AGREEMENTS / "uppsala" / "uppsala-2014.yaml").read_text(encoding="utf-8")
    (tmp_path / "uppsala-2014.yaml").write_text(source.replace("replaces: uppsala-2010\n", ""), encoding="utf-8")
    (tmp_path / "uppsala-2014-handlingsplan.yaml").write_text("kind: [\n", encoding="utf-8")
    result = _invoke("render", str(tmp_path / "uppsala-2014.yaml"), "-f", "md", "--as-of", "2022-01-01")
    problem = "agreement 'uppsala-2014': the action plan file 'uppsala-2014-handlingsplan.yaml' could not be read"
    assert result.stderr.count(problem) == 1
    assert "# Samverkansavtal och handlingsplan" in result.stdout

"""The rules (SV101 …, LAW001 …): cases are folders of YAML files, found by walking ``tests/rules``.

``tests/rules/<CODE>/fail/<case>/`` holds one or more YAML files and ``expected.txt``, the
exact findings of rule ``<CODE>`` in the concise format, with paths relative to the case
folder. ``tests/rules/<CODE>/pass/<case>/`` holds files on which the rule finds nothing.
Every case must be valid against the schema, so that it tests the rule and not the loader.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from samverkan.api import check
from samverkan.cli import app
from samverkan.config import Config
from samverkan.dates import add_months, extend_end, length_in_months
from samverkan.diagnostics import Severity
from samverkan.model import Agreement, DocumentRoot
from samverkan.periods import continues_indefinitely, effective_end, upper_bound
from samverkan.reporters.concise import line
from samverkan.rules import RULES, RULES_BY_CODE
from samverkan.source import parse_text
from samverkan.validation import KNOWN_CODES, validate_source
from samverkan.workspace import LoadedFile, Workspace, load_workspace

HERE = Path(__file__).resolve().parent
CASES = HERE / "rules"
DOCS = HERE.parent / "docs" / "rules.md"
RULE_CODE = r"SV1\d\d|LAW\d\d\d"
"""The rules' codes: SV101 … for the rules on the files, LAW001 … for the statutory check."""


def _cases(outcome: str) -> list[Path]:
    return sorted(p for p in CASES.glob(f"*/{outcome}/*") if p.is_dir())


FAIL_CASES = _cases("fail")
PASS_CASES = _cases("pass")


def _case_id(case: Path) -> str:
    return case.relative_to(CASES).as_posix()


def _code(case: Path) -> str:
    return case.parent.parent.name


def _lines(folder: Path, monkeypatch: pytest.MonkeyPatch, config: Config) -> list[str]:
    """The concise lines of a check of ``folder``, run from inside it (relative paths)."""
    monkeypatch.chdir(folder)
    report = check([Path()], config)
    return [line(d) for d in report.diagnostics]


def _loader_problems(folder: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    lines = _lines(folder, monkeypatch, Config())
    return [ln for ln in lines if re.search(r"\[(SV0\d\d)\]", ln)]


# The cases -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", FAIL_CASES, ids=_case_id)
def test_failing_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _code(case)
    assert _loader_problems(case, monkeypatch) == []
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case / 'expected.txt'} lists no findings"
    assert _lines(case, monkeypatch, Config(select=frozenset({code}))) == expected


@pytest.mark.parametrize("case", PASS_CASES, ids=_case_id)
def test_passing_case(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _code(case)
    assert _loader_problems(case, monkeypatch) == []
    assert _lines(case, monkeypatch, Config(select=frozenset({code}))) == []


def test_every_rule_has_passing_and_failing_cases() -> None:
    for rule in RULES:
        assert _cases_of(rule.code, "pass"), f"no passing case for {rule.code}"
        assert _cases_of(rule.code, "fail"), f"no failing case for {rule.code}"
    stray = {p.name for p in CASES.iterdir() if p.is_dir()} - set(RULES_BY_CODE)
    assert not stray, f"case folders for unknown rules: {sorted(stray)}"
    for case in FAIL_CASES:
        assert (case / "expected.txt").is_file(), f"{case} has no expected.txt"
    for case in [*FAIL_CASES, *PASS_CASES]:
        assert list(case.rglob("*.yaml")), f"{case} has no YAML files"


def _cases_of(code: str, outcome: str) -> list[Path]:
    return [c for c in (FAIL_CASES if outcome == "fail" else PASS_CASES) if _code(c) == code]


# The registry ----------------------------------------------------------------------------


def test_registry_is_an_immutable_tuple_in_code_order() -> None:
    assert isinstance(RULES, tuple)
    codes = [r.code for r in RULES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert not set(codes) & set(KNOWN_CODES)
    for rule in RULES:
        assert re.fullmatch(RULE_CODE, rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        assert rule.check.__doc__, f"{rule.code} has no docstring"
        assert rule.summary.endswith("."), f"{rule.code}: the summary is a sentence"


def test_default_severities() -> None:
    severities = {r.code: r.severity for r in RULES}
    assert severities == {
        "SV101": Severity.ERROR,
        "SV102": Severity.WARNING,
        "SV103": Severity.ERROR,
        "SV104": Severity.ERROR,
        "SV105": Severity.ERROR,
        "SV106": Severity.ERROR,
        "SV107": Severity.ERROR,
        "SV108": Severity.ERROR,
        "SV109": Severity.WARNING,
        "SV110": Severity.WARNING,
        "SV111": Severity.NOTICE,
        "SV112": Severity.ERROR,
        "SV113": Severity.ERROR,
        "SV114": Severity.NOTICE,
        "SV115": Severity.NOTICE,
        "SV116": Severity.ERROR,
        "SV117": Severity.ERROR,
        "LAW001": Severity.NOTICE,
        "LAW002": Severity.NOTICE,
        "LAW003": Severity.NOTICE,
        "LAW004": Severity.NOTICE,
    }


def test_severity_and_ignore_come_from_the_config(monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / "SV111" / "fail" / "signed-late"
    law = frozenset({"LAW"})  # the agreement is in force after 1 July 2023: leave the statutory check out
    raised = _lines(case, monkeypatch, Config(severity={"SV111": Severity.ERROR}, ignore=law))
    assert raised
    assert all("error[SV111]" in ln for ln in raised)
    assert _lines(case, monkeypatch, Config(ignore=law | {"SV111"})) == []


def test_the_statutory_check_is_one_group_for_select_ignore_and_severity(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    case = CASES / "LAW004" / "fail" / "not-named"
    monkeypatch.chdir(case)
    runner = CliRunner()
    selected = runner.invoke(app, ["validate", ".", "-f", "concise", "--select", "law"])
    assert selected.exit_code == 0, selected.output
    found = sorted({re.sub(r".*\[(\w+)\].*", r"\1", ln) for ln in selected.output.splitlines() if "[" in ln})
    assert found == ["LAW001", "LAW003", "LAW004"]
    ignored = runner.invoke(app, ["validate", ".", "-f", "concise", "--ignore", "LAW"])
    assert "LAW" not in ignored.output
    config = tmp_path / "samverkan.toml"
    config.write_text('severity = { LAW004 = "error" }\nignore = ["LAW001"]\n', encoding="utf-8")
    raised = runner.invoke(app, ["validate", ".", "-f", "concise", "--config", str(config), "--select", "LAW"])
    assert raised.exit_code == 1, raised.output
    assert [ln.split(" ")[1].split("]")[0] for ln in raised.output.splitlines()[:-1]] == [
        "notice[LAW003",
        "error[LAW004",
    ]


def test_which_bundled_agreements_the_statutory_check_speaks_of(monkeypatch: pytest.MonkeyPatch) -> None:
    """Umeå 2021 (continuing indefinitely) and Uppsala 2024 are in force after 1 July 2023;
    Uppsala 2010 and 2014 and Upplands Väsby 2021–2022 ended before it and are not checked."""
    monkeypatch.chdir(HERE.parent)
    found = [line(d) for d in check([Path("agreements")], Config(select=frozenset({"LAW"}))).diagnostics]
    where = sorted({(ln.split(":")[0], re.sub(r".*\[(\w+)\].*", r"\1", ln)) for ln in found})
    assert where == [
        ("agreements/umea/umea-2021.yaml", "LAW001"),
        ("agreements/umea/umea-2021.yaml", "LAW002"),
        ("agreements/umea/umea-2021.yaml", "LAW003"),
        ("agreements/umea/umea-2021.yaml", "LAW004"),
        ("agreements/uppsala/uppsala-2024.yaml", "LAW001"),
        ("agreements/uppsala/uppsala-2024.yaml", "LAW002"),
        ("agreements/uppsala/uppsala-2024.yaml", "LAW003"),
        ("agreements/uppsala/uppsala-2024.yaml", "LAW004"),
    ]
    assert len(found) == len(where), "one finding per rule and municipality"


def test_rules_are_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    for case in FAIL_CASES:
        first = _lines(case, monkeypatch, Config())
        assert _lines(case, monkeypatch, Config()) == first


# The command line ------------------------------------------------------------------------


@pytest.mark.parametrize("case", FAIL_CASES, ids=_case_id)
def test_validate_command_prints_the_expected_lines(case: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code = _code(case)
    monkeypatch.chdir(case)
    result = CliRunner().invoke(app, ["validate", ".", "--format", "concise", "--select", code])
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    printed = [ln for ln in result.output.splitlines() if f"[{code}]" in ln]
    assert printed == expected
    fails = RULES_BY_CODE[code].severity is Severity.ERROR
    assert result.exit_code == (1 if fails else 0), result.output


# The documentation -----------------------------------------------------------------------


def _doc_sections() -> dict[str, str]:
    """The text under each ``## <CODE> …`` heading, up to the next ``##`` heading of any kind."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## (\S+).*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2) if re.fullmatch(RULE_CODE, parts[i])}


def test_every_rule_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    sections = _doc_sections()
    for rule in RULES:
        section = sections.get(rule.code)
        assert section is not None, f"docs/rules.md has no section '## {rule.code}'"
        assert f"`{rule.name}`" in section, f"{rule.code}: name not in its section"
        assert f"Default severity: **{rule.severity.label}**" in section, f"{rule.code}: severity"
        assert rule.summary.replace("``", "`") in section, f"{rule.code}: summary not in its section"
        assert "**Fails**" in section and "**Passes**" in section, f"{rule.code}: examples"
    assert set(sections) == set(RULES_BY_CODE), "sections for unknown rules"
    for code in KNOWN_CODES:
        assert f"`{code}`" in text, f"loader code {code} is not listed"


_BLOCK = re.compile(r"```yaml\n# (?P<name>[^\n]+\.yaml)\n(?P<body>.*?)```", re.DOTALL)
_OUTPUT = re.compile(r"```text\n(?P<body>.*?)```", re.DOTALL)


def _examples() -> list[object]:
    out: list[object] = []
    for code, section in sorted(_doc_sections().items()):
        fails, _, passes = section.partition("**Passes**")
        out.append(pytest.param(code, "fail", fails.partition("**Fails**")[2], id=f"{code}-fail"))
        out.append(pytest.param(code, "pass", passes, id=f"{code}-pass"))
    return out


@pytest.mark.parametrize(("code", "outcome", "text"), _examples())
def test_documented_examples(
    code: str, outcome: str, text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocks = list(_BLOCK.finditer(text))
    assert blocks, f"{code}: no YAML example for {outcome}"
    for block in blocks:
        path = tmp_path / block["name"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block["body"], encoding="utf-8")
    assert _loader_problems(tmp_path, monkeypatch) == []
    found = _lines(tmp_path, monkeypatch, Config(select=frozenset({code})))
    if outcome == "pass":
        assert found == []
        return
    assert found, f"{code}: the failing example finds nothing"
    shown = _OUTPUT.search(text)
    assert shown is not None, f"{code}: the failing example shows no output"
    assert found == shown["body"].splitlines()


# The effective end -----------------------------------------------------------------------


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2021, 1, 31), 1) == dt.date(2021, 2, 28)
    assert add_months(dt.date(2022, 12, 31), -6) == dt.date(2022, 6, 30)
    assert add_months(dt.date(2021, 11, 15), 3) == dt.date(2022, 2, 15)


def test_extend_end_counts_whole_years_after_the_end() -> None:
    assert extend_end(dt.date(2022, 12, 31), 2) == dt.date(2024, 12, 31)
    assert extend_end(dt.date(2023, 2, 28), 1) == dt.date(2024, 2, 29)
    assert extend_end(dt.date(2022, 6, 30), 1) == dt.date(2023, 6, 30)


def test_length_in_months() -> None:
    assert length_in_months(dt.date(2021, 1, 1), dt.date(2022, 12, 31)) == 24
    assert length_in_months(dt.date(2014, 1, 1), dt.date(2014, 12, 31)) == 12
    assert length_in_months(dt.date(2021, 1, 15), dt.date(2021, 2, 13)) == 0
    assert length_in_months(dt.date(2021, 1, 15), dt.date(2021, 2, 14)) == 1


def _agreement(folder: Path, agreement_id: str) -> Agreement:
    for _, agreement in load_workspace([folder]).agreements():
        if agreement.id == agreement_id:
            return agreement
    raise AssertionError(agreement_id)


def test_effective_end_follows_the_recorded_decisions() -> None:
    renewed = _agreement(CASES / "SV101" / "pass" / "periods-in-order", "vasby-2021")
    assert effective_end(renewed) == dt.date(2026, 12, 31)  # computed to 2024, then 'until'
    assert upper_bound(renewed) == dt.date(2026, 12, 31)
    option = _agreement(CASES / "SV110" / "pass" / "no-gap", "uppsala-2014")
    assert effective_end(option) == dt.date(2015, 6, 30)
    indefinite = _agreement(CASES / "SV110" / "pass" / "no-gap", "umea-2021")
    assert effective_end(indefinite) == dt.date(2024, 12, 31)
    assert continues_indefinitely(indefinite)
    assert upper_bound(indefinite) is None


def test_extreme_dates_do_not_break_the_arithmetic() -> None:
    assert add_months(dt.date(9999, 12, 31), 12) == dt.date.max
    assert add_months(dt.date(1, 1, 1), -1) == dt.date.min
    assert extend_end(dt.date(9999, 12, 31), 1) == dt.date.max
    assert extend_end(dt.date(9998, 12, 31), 5) == dt.date.max
    assert length_in_months(dt.date(1, 1, 1), dt.date(9999, 12, 31)) == 9999 * 12 - 1


# Any valid workspace ---------------------------------------------------------------------

_IDS = st.sampled_from(["a", "b", "c"])
_DAYS = st.one_of(
    st.dates(dt.date(2019, 1, 1), dt.date(2026, 12, 31)),
    st.sampled_from([dt.date(1000, 1, 1), dt.date(9999, 12, 31), dt.date(9999, 12, 30)]),
).map(dt.date.isoformat)
_PARTY_IDS = st.sampled_from(["kommunen", "polisen", "joint", "forum", "x"])


def _maybe(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy)


def _drop_none(**fields: object) -> dict[str, object]:
    return {k: v for k, v in fields.items() if v is not None}


_ONCE = st.one_of(
    st.builds(lambda day: {"type": "once", "id": "en", "date": day}, _DAYS),
    st.builds(lambda day: {"type": "once", "id": "en", "month": day[:7]}, _DAYS),
)
_RECORD = st.builds(
    lambda rule, day, due: _drop_none(rule=rule, date=day, due=due),
    st.sampled_from(["arlig", "en", "z"]),
    _DAYS,
    _maybe(_DAYS),
)
_FOLLOW_UP = st.builds(
    lambda responsible, once, done: _drop_none(
        responsible=responsible, schedule=[{"type": "yearly", "id": "arlig"}, *once], done=done
    ),
    _maybe(_PARTY_IDS),
    st.lists(_ONCE, max_size=1),
    st.lists(_RECORD, max_size=2),
)
_ACTIVITY = st.builds(
    lambda n, start, end, who, area, fu: _drop_none(
        id=f"akt-{n}", title="A", start=start, end=end, responsible=[{"party": who}], focus_area=area, follow_up=fu
    ),
    st.integers(0, 2),
    _maybe(_DAYS),
    _maybe(_DAYS),
    _PARTY_IDS,
    _maybe(st.sampled_from(["unga", "z"])),
    _maybe(_FOLLOW_UP),
)
_EXTENSION = st.one_of(
    st.none(),
    st.just({"type": "none"}),
    st.just({"type": "option"}),
    st.just({"type": "indefinite"}),
    st.builds(lambda y: {"type": "open-ended", "review_every_years": y}, st.integers(1, 5)),
    st.builds(
        lambda y, c: _drop_none(type="renewal", years=y, consultation_months_before=c),
        st.sampled_from([1, 2, 10**6]),
        _maybe(st.integers(1, 48)),
    ),
)
_PROMISE = st.builds(
    lambda n, start, end, until, who, signed: _drop_none(
        id=f"lofte-{n}",
        title="L",
        period=_drop_none(start=start, end=end, until_next=None if end else True),
        extensions=[{"until": until}] if until else None,
        promises=[{"party": who, "text": "T"}],
        signing=_drop_none(date=signed, signatories=[{"name": "N", "party": who}]),
    ),
    st.integers(0, 1),
    _DAYS,
    _maybe(_DAYS),
    _maybe(_DAYS),
    _PARTY_IDS,
    _maybe(_DAYS),
)


_DECISION = st.builds(lambda day: _drop_none(body="Kommunstyrelsen", date=day), _maybe(_DAYS))
_SITUATION_PICTURE = st.builds(
    lambda day, parts: _drop_none(date=day, **dict.fromkeys(parts, "T")),
    _maybe(_DAYS),
    st.sets(st.sampled_from(["mapping", "other_information", "analysis"])),
)


@st.composite
def _agreement_data(draw: st.DrawFn) -> dict[str, object]:
    town = draw(st.sampled_from(["Umeå kommun", "Uppsala kommun"]))
    plans: list[object] = draw(
        st.lists(
            st.one_of(
                st.builds(
                    lambda n, acts, areas, decision, based: _drop_none(
                        id=f"plan-{n}",
                        title="P",
                        activities=acts,
                        focus_areas=areas,
                        decision=decision,
                        based_on_situation_picture=based,
                    ),
                    st.integers(0, 1),
                    st.lists(_ACTIVITY, max_size=3),
                    st.lists(st.sampled_from(["unga", "z"]), max_size=2),
                    _maybe(_DECISION),
                    _maybe(st.booleans()),
                ),
                st.builds(lambda f: {"file": f}, st.sampled_from(["plan-a.yaml", "b.yaml", "../x.yaml"])),
            ),
            max_size=2,
        )
    )
    return _drop_none(
        kind="agreement",
        id=draw(_IDS),
        title="T",
        parties=[
            {"id": "kommunen", "kind": "municipality", "name": town},
            {"id": "polisen", "kind": "police", "name": "Polisen", "unit": draw(st.sampled_from(["LPO 1", "LPO 2"]))},
        ],
        period=_drop_none(start=draw(_DAYS), end=draw(_maybe(_DAYS))),
        extension=draw(_EXTENSION),
        extensions=draw(
            st.lists(st.builds(lambda d, u: _drop_none(decided=d, until=u), _DAYS, _maybe(_DAYS)), max_size=2)
        ),
        replaces=draw(_maybe(_IDS)),
        focus_areas=[{"id": "unga", "name": "Unga"}],
        action_plans=plans,
        follow_up=draw(_maybe(_FOLLOW_UP)),
        organisation={
            "groups": [
                {
                    "id": "forum",
                    "kind": "steering-group",
                    "name": "F",
                    "members": [{"role": "r", "party": draw(_PARTY_IDS)}],
                    "meetings": [{"date": d} for d in draw(st.lists(_DAYS, max_size=2))],
                }
            ]
        },
        citizen_promises=draw(st.lists(_PROMISE, max_size=2)),
        situation_picture=draw(_maybe(_SITUATION_PICTURE)),
        coordinating_function=draw(_maybe(st.just({"name": "Samordnare"}))),
        signing=_drop_none(date=draw(_maybe(_DAYS)), signatories=[{"name": "N", "party": draw(_PARTY_IDS)}]),
    )


@st.composite
def _workspace_data(draw: st.DrawFn) -> dict[str, dict[str, object]]:
    files: dict[str, dict[str, object]] = {}
    for n in range(draw(st.integers(1, 4))):
        files[f"agreement-{n}.yaml"] = draw(_agreement_data())
    if draw(st.booleans()):
        files["plan-a.yaml"] = {
            "kind": "action-plan",
            "id": "plan-file",
            "agreement": draw(_IDS),
            "title": "P",
            "activities": draw(st.lists(_ACTIVITY, max_size=2)),
            "follow_up": draw(_maybe(_FOLLOW_UP)),
        }
    if draw(st.booleans()):
        promise = draw(_PROMISE)
        promise.update(kind="citizen-promise", id="promise-file")
        if draw(st.booleans()):
            promise["agreement"] = draw(_IDS)
        else:
            promise["parties"] = [{"id": "kommunen", "kind": "municipality", "name": "K"}]
        files["b.yaml"] = promise
    return files


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_workspace_data())
def test_rules_never_fail_on_a_valid_workspace(files: dict[str, dict[str, object]]) -> None:
    workspace = Workspace()
    for name, data in files.items():
        source = parse_text(json.dumps(data, ensure_ascii=False, indent=1), name)
        root, problems = validate_source(source, DocumentRoot)
        assert problems == [], (name, [d.english for d in problems])
        assert isinstance(root, DocumentRoot)
        workspace.files.append(LoadedFile(source, root.root))
    for rule in RULES:
        for finding in rule.check(workspace):
            assert finding.span.path in files
            assert finding.span.line >= 1
            english = finding.message.english()
            assert english[:1].islower() or english[:1] == "'", english

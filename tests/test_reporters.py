"""Output formats: golden files for every ``--format`` and unit tests for each reporter.

The golden files ``tests/golden/validate.*`` hold the exact output of::

    samverkan validate tests/golden/input --format FORMAT

run from the repository root, with colour off (``NO_COLOR=1``, not a terminal). The input
folder has one valid agreement (signed after its period began: a notice) and one invalid
agreement (a misspelt key with a "did you mean", an impossible date, a number where text
belongs).

When an output changes on purpose, regenerate the golden files and review the diff::

    SAMVERKAN_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters.py

The SARIF output is also validated against the official SARIF 2.1.0 JSON Schema, kept in
``tests/data/sarif-schema-2.1.0.json`` (from the OASIS repository ``oasis-tcs/sarif-spec``,
``Schemata/sarif-schema-2.1.0.json``).
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from samverkan import __version__
from samverkan.cli import app
from samverkan.diagnostics import Diagnostic, Severity, Span, sort_diagnostics
from samverkan.i18n import N_, verbatim
from samverkan.report import Report
from samverkan.reporters import REPORTERS
from samverkan.reporters.sarif import artifact_uri
from samverkan.rules import RULES_BY_CODE
from samverkan.source import SourceFile
from samverkan.validation import KNOWN_CODES

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
INPUT = "tests/golden/input"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
UPDATE = os.environ.get("SAMVERKAN_UPDATE_GOLDEN") == "1"

GOLDEN_FILES = {
    "text": "validate.txt",
    "concise": "validate.concise.txt",
    "json": "validate.json",
    "github": "validate.github.txt",
    "sarif": "validate.sarif",
    "junit": "validate.junit.xml",
}

# Environment variables that would change what the CLI prints.
_ENV = ("GITHUB_ACTIONS", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "SAMVERKAN_DEBUG")


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, colour off, not under GitHub Actions."""
    monkeypatch.chdir(ROOT)
    for name in _ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def _validate(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def _sarif_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def _report(*diagnostics: Diagnostic, strict: bool = False, sources: dict[str, SourceFile] | None = None) -> Report:
    sources = sources if sources is not None else {d.span.path: SourceFile(d.span.path) for d in diagnostics}
    return Report(
        diagnostics=tuple(sort_diagnostics(list(diagnostics))), sources=sources, files=len(sources), strict=strict
    )


def _write(name: str, report: Report) -> str:
    stream = io.StringIO()
    REPORTERS[name](report, stream)
    return stream.getvalue()


ERROR = Diagnostic(
    "SV101", Severity.ERROR, verbatim("period ends (2023-12-31) before it starts (2024-01-01)"), Span("a.yaml", 3, 8)
)
WARNING = Diagnostic(
    "SV109", Severity.WARNING, verbatim("in force at the same time as 'b'"), Span("a.yaml", 2, 10), verbatim("say so")
)
NOTICE = Diagnostic(
    "SV111", Severity.NOTICE, verbatim("signed 2024-01-15, after the period began"), Span("b.yaml", 9, 9)
)
WHOLE_FILE = Diagnostic("SV013", Severity.ERROR, N_("no such file or folder"), Span("missing"))


# Golden files -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FILES))
def test_golden(fmt: str) -> None:
    code, out = _validate(INPUT, "--format", fmt)
    assert code == 1
    golden = GOLDEN / GOLDEN_FILES[fmt]
    if UPDATE:
        golden.write_text(out, encoding="utf-8", newline="")
    assert out == golden.read_bytes().decode("utf-8"), f"regenerate with SAMVERKAN_UPDATE_GOLDEN=1: {golden}"


def test_every_format_has_a_golden_file() -> None:
    assert set(GOLDEN_FILES) == set(REPORTERS)


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_output_is_deterministic(fmt: str) -> None:
    assert _validate(INPUT, "--format", fmt) == _validate(INPUT, "--format", fmt)


def test_golden_input_is_one_valid_and_one_invalid_file() -> None:
    code, out = _validate(f"{INPUT}/umea-2024.yaml", "--format", "json")
    assert code == 0
    assert json.loads(out)["summary"]["errors"] == 0
    code, out = _validate(f"{INPUT}/vindeln-2025.yaml", "--format", "json")
    assert code == 1
    found = {(d["code"], d["line"]) for d in json.loads(out)["diagnostics"]}
    assert found == {("SV020", 5), ("SV022", 12), ("SV023", 15)}


def test_text_is_plain_when_not_a_terminal() -> None:
    _, out = _validate(INPUT)
    assert "\x1b[" not in out
    assert "did you mean 'purpose'?" in out


def test_github_actions_chooses_github_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out = _validate(INPUT)
    assert code == 1
    assert out == (GOLDEN / GOLDEN_FILES["github"]).read_text(encoding="utf-8")
    _, explicit = _validate(INPUT, "--format", "concise")
    assert explicit.startswith("tests/golden/input/")


def test_github_actions_other_values_keep_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    _, out = _validate(INPUT)
    assert not out.startswith("::")


def test_help_names_every_format() -> None:
    result = CliRunner().invoke(app, ["validate", "--help"])
    assert result.exit_code == 0
    for name in REPORTERS:
        assert name in result.stdout


# SARIF ------------------------------------------------------------------------------------


def test_sarif_schema_file_is_the_official_one() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    jsonschema.Draft4Validator.check_schema(schema)


def test_sarif_golden_is_valid_against_the_schema() -> None:
    _sarif_validator().validate(json.loads((GOLDEN / GOLDEN_FILES["sarif"]).read_text(encoding="utf-8")))


def test_sarif_schema_catches_a_broken_log() -> None:
    """The schema check is not vacuous: a wrong level and a line 0 region fail it."""
    doc = json.loads(_write("sarif", _report(ERROR)))
    doc["runs"][0]["results"][0]["level"] = "fatal"
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    errors = list(_sarif_validator().iter_errors(doc))
    assert len(errors) >= 2


def test_sarif_run() -> None:
    report = _report(ERROR, WARNING, NOTICE, WHOLE_FILE)
    doc = json.loads(_write("sarif", report))
    _sarif_validator().validate(doc)
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "samverkan"
    assert driver["version"] == __version__
    rules = driver["rules"]
    assert [r["id"] for r in rules] == ["SV013", "SV101", "SV109", "SV111"]
    for rule in rules:
        code = rule["id"]
        expected = RULES_BY_CODE[code].summary if code in RULES_BY_CODE else KNOWN_CODES[code]
        assert rule["shortDescription"]["text"] == expected
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["SV109", "SV101", "SV111", "SV013"]
    assert [r["level"] for r in results] == ["warning", "error", "note", "error"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert results[0]["message"]["text"] == "in force at the same time as 'b' (hint: say so)"
    where = results[1]["locations"][0]["physicalLocation"]
    assert where == {"artifactLocation": {"uri": "a.yaml"}, "region": {"startLine": 3, "startColumn": 8}}


def test_sarif_omits_region_for_a_whole_file() -> None:
    doc = json.loads(_write("sarif", _report(WHOLE_FILE)))
    where = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert where == {"artifactLocation": {"uri": "missing"}}


def test_sarif_rule_for_an_unknown_code_still_validates() -> None:
    odd = Diagnostic("SV999", Severity.WARNING, verbatim("x"), Span("a.yaml", 1, 1))
    doc = json.loads(_write("sarif", _report(odd)))
    _sarif_validator().validate(doc)
    assert doc["runs"][0]["tool"]["driver"]["rules"] == [{"id": "SV999", "shortDescription": {"text": "SV999"}}]


def test_sarif_of_a_clean_run_has_no_results() -> None:
    doc = json.loads(_write("sarif", Report(diagnostics=(), files=3)))
    _sarif_validator().validate(doc)
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["tool"]["driver"]["rules"] == []


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("agreements/umea.yaml", "agreements/umea.yaml"),
        ("agreements/Umeå kommun/2024.yaml", "agreements/Ume%C3%A5%20kommun/2024.yaml"),
        ("/srv/agreements/a.yaml", "file:///srv/agreements/a.yaml"),
        ("./a.yaml", "a.yaml"),
    ],
)
def test_sarif_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_sarif_keeps_non_ascii_text() -> None:
    d = Diagnostic("SV020", Severity.ERROR, verbatim("unknown key 'målbild'"), Span("å.yaml", 1, 1))
    out = _write("sarif", _report(d))
    assert "unknown key 'målbild'" in out
    assert out.endswith("}\n")


# JUnit ------------------------------------------------------------------------------------


def _junit(report: Report) -> ET.Element:
    return ET.fromstring(_write("junit", report))


def _cases(root: ET.Element) -> dict[str, ET.Element]:
    return {case.attrib["name"]: case for case in root.iter("testcase")}


def test_junit_golden_parses() -> None:
    root = ET.parse(GOLDEN / GOLDEN_FILES["junit"]).getroot()
    (suite,) = root.iter("testsuite")
    assert suite.attrib["name"] == "samverkan validate"
    assert (suite.attrib["tests"], suite.attrib["failures"], suite.attrib["errors"]) == ("2", "1", "0")
    cases = _cases(root)
    assert sorted(cases) == [f"{INPUT}/umea-2024.yaml", f"{INPUT}/vindeln-2025.yaml"]
    assert all(case.attrib["classname"] == "samverkan" for case in cases.values())
    failure = cases[f"{INPUT}/vindeln-2025.yaml"].find("failure")
    assert failure is not None
    assert failure.attrib["message"] == "error[SV020] unknown key 'purpse'; did you mean 'purpose'?"
    assert failure.text is not None
    assert len(failure.text.splitlines()) == 3


def test_junit_one_case_per_file_sorted() -> None:
    sources = {p: SourceFile(p) for p in ("c.yaml", "a.yaml", "b.yaml")}
    root = _junit(_report(ERROR, NOTICE, sources=sources))
    assert [c.attrib["name"] for c in root.iter("testcase")] == ["a.yaml", "b.yaml", "c.yaml"]
    cases = _cases(root)
    assert cases["c.yaml"].find("failure") is None
    assert len(cases["c.yaml"]) == 0
    out = cases["b.yaml"].find("system-out")
    assert out is not None
    assert out.text == "b.yaml:9:9: notice[SV111] signed 2024-01-15, after the period began"
    assert root.attrib["tests"] == "3"
    assert root.attrib["failures"] == "1"


def test_junit_failure_lists_every_finding_of_the_file() -> None:
    root = _junit(_report(WARNING, ERROR))
    failure = _cases(root)["a.yaml"].find("failure")
    assert failure is not None
    assert failure.attrib["message"] == f"error[SV101] {ERROR.english}"
    assert failure.attrib["type"] == "SV101"
    assert failure.text == (
        f"a.yaml:2:10: warning[SV109] in force at the same time as 'b'\na.yaml:3:8: error[SV101] {ERROR.english}"
    )


def test_junit_warnings_fail_only_when_strict() -> None:
    lenient = _cases(_junit(_report(WARNING, NOTICE)))
    assert lenient["a.yaml"].find("failure") is None
    assert lenient["a.yaml"].find("system-out") is not None
    strict = _junit(_report(WARNING, NOTICE, strict=True))
    cases = _cases(strict)
    failure = cases["a.yaml"].find("failure")
    assert failure is not None
    assert failure.attrib["message"].startswith("warning[SV109]")
    assert cases["b.yaml"].find("failure") is None, "a notice never fails"
    assert strict.attrib["failures"] == "1"


def test_junit_lists_a_path_that_was_not_read() -> None:
    root = _junit(_report(WHOLE_FILE, sources={}))
    case = _cases(root)["missing"]
    failure = case.find("failure")
    assert failure is not None
    assert failure.text == "missing: error[SV013] no such file or folder"


def test_junit_survives_characters_xml_cannot_hold() -> None:
    d = Diagnostic("SV023", Severity.ERROR, verbatim("title: 'a\x01b' <&> \"q\""), Span("a.yaml", 1, 1))
    failure = _cases(_junit(_report(d)))["a.yaml"].find("failure")
    assert failure is not None
    assert failure.attrib["message"] == "error[SV023] title: 'a\ufffdb' <&> \"q\""


def test_junit_of_a_clean_run() -> None:
    root = _junit(Report(diagnostics=()))
    assert root.attrib["tests"] == "0"
    assert root.find("testsuite") is not None


# JSON, GitHub, concise, text --------------------------------------------------------------


def test_json_counts_match_the_findings() -> None:
    doc: dict[str, Any] = json.loads(_write("json", _report(ERROR, WARNING, NOTICE)))
    assert doc["summary"] == {"errors": 1, "warnings": 1, "notices": 1, "failed": True}
    assert [d["code"] for d in doc["diagnostics"]] == ["SV109", "SV101", "SV111"]
    assert doc["diagnostics"][0]["hint"] == "say so"
    assert json.loads(_write("json", _report(WARNING, strict=True)))["summary"]["failed"] is True
    assert json.loads(_write("json", _report(WARNING)))["summary"]["failed"] is False


def test_github_escapes_data_and_properties() -> None:
    d = Diagnostic(
        "SV020", Severity.WARNING, verbatim("50% done\nnext line"), Span("dir,x/a:b.yaml", 4, 2), verbatim("use: x")
    )
    out = _write("github", _report(d)).splitlines()
    assert out[0] == "::warning file=dir%2Cx/a%3Ab.yaml,line=4,col=2,title=SV020::50%25 done%0Anext line (hint: use: x)"


def test_github_whole_file_has_no_line() -> None:
    out = _write("github", _report(WHOLE_FILE)).splitlines()
    assert out[0] == "::error file=missing,title=SV013::no such file or folder"
    assert out[-1] == "1 file checked: 1 error, 0 warnings, 0 notices"


def test_concise_one_line_a_finding() -> None:
    out = _write("concise", _report(ERROR, WHOLE_FILE)).splitlines()
    assert out[0] == f"a.yaml:3:8: error[SV101] {ERROR.english}"
    assert out[1] == "missing: error[SV013] no such file or folder"


def test_text_prints_brackets_from_user_data(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "kind: agreement\ntitle: '[bold]Umeå[/bold] [2024]'\n"
    source = SourceFile("a.yaml", text=text)
    d = Diagnostic(
        "SV023",
        Severity.ERROR,
        verbatim("title: '[bold]Umeå[/bold] [2024]' is odd"),
        Span("a.yaml", 2, 8),
        verbatim("[x]"),
    )
    out = _write("text", _report(d, sources={"a.yaml": source}))
    assert "error[SV023] title: '[bold]Umeå[/bold] [2024]' is odd" in out
    assert "2 | title: '[bold]Umeå[/bold] [2024]'" in out
    assert "  |        ^" in out
    assert "= hint: [x]" in out
    assert "\x1b[" not in out


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_handles_an_empty_report(fmt: str) -> None:
    out = _write(fmt, Report(diagnostics=()))
    assert out.endswith("\n")


@pytest.mark.parametrize("named", ["agreements/umea", "agreements/umea/umea-2021.yaml", "agreements"])
def test_junit_has_a_case_for_each_file_checked_not_for_the_rest_of_the_workspace(bundled: Path, named: str) -> None:
    """The other files of the workspace are read for the cross-file rules, not checked: they are no test cases."""
    from typer.testing import CliRunner

    from samverkan.cli import app

    (bundled / ".git").mkdir()  # the workspace: every file under the repository's root
    runner = CliRunner()
    said = runner.invoke(app, ["validate", "--no-cache", named]).stdout.strip().splitlines()[-1]
    checked = int(said.split()[0])
    junit = ET.fromstring(runner.invoke(app, ["validate", "--no-cache", "-f", "junit", named]).stdout)
    names = [case.attrib["name"] for case in junit.iter("testcase")]
    assert len(names) == checked == int(junit.attrib["tests"])
    assert all(name.startswith(named.removesuffix(".yaml")) for name in names)

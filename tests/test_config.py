"""Configuration: ``[tool.samverkan]`` in ``pyproject.toml``, ``samverkan.toml``, and the CLI
options that override them (``--select``, ``--ignore``, ``--strict``, ``--config``).

Each test builds a tiny folder of agreements in ``tmp_path`` that provokes one finding of a
known severity: SV101 (period ends before it starts, an error), SV109 (two agreements for the
same municipality and police area in force at once, a warning) and SV111 (signed after the
period began, a notice). A test whose rule is not in the registry is skipped, not failed.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from samverkan.cli import app
from samverkan.config import Config, ConfigError, find_config, load_config, parse_config
from samverkan.diagnostics import Severity
from samverkan.rules import RULES, RULES_BY_CODE
from samverkan.validation import KNOWN_CODES

KNOWN = {r.code for r in RULES} | set(KNOWN_CODES)

ERROR_RULE, WARNING_RULE, NOTICE_RULE = "SV101", "SV109", "SV111"


def _needs(*codes: str) -> None:
    missing = [c for c in codes if c not in RULES_BY_CODE]
    if missing:
        pytest.skip(f"rule(s) not in the registry yet: {', '.join(missing)}")


def agreement(
    agreement_id: str,
    start: str,
    end: str | None = None,
    signed: str | None = None,
    municipality: str = "Umeå kommun",
) -> str:
    lines = [
        "kind: agreement",
        f"id: {agreement_id}",
        f"title: Samverkansöverenskommelse {agreement_id}",
        "parties:",
        "  - id: kommunen",
        "    kind: municipality",
        f"    name: {municipality}",
        "  - id: polisen",
        "    kind: police",
        "    name: Lokalpolisområde Umeå",
        "period:",
        f"  start: {start}",
    ]
    if end is not None:
        lines.append(f"  end: {end}")
    if signed is not None:
        lines += ["signing:", f"  date: {signed}"]
    return "\n".join(lines) + "\n" + STATUTORY


STATUTORY = """\
situation_picture:
  date: 2023-11-01
  mapping: Kartläggning av brottsligheten.
  other_information: Trygghetsmätning.
  analysis: Analys.
action_plans:
  - id: atgardsplan
    title: Åtgärdsplan
    based_on_situation_picture: true
    decision: {body: Kommunstyrelsen, date: 2023-12-01}
coordinating_function: {name: Samordnare för brottsförebyggande arbete}
"""
"""What the statutory check (LAW…) asks for, so that each folder provokes only the findings meant."""


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Run inside ``tmp_path``, colour off, not under GitHub Actions."""
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "SAMVERKAN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """``agreements/`` with one error (SV101), one warning (SV109) and one notice (SV111)."""
    root = tmp_path / "agreements"
    root.mkdir()
    (root / "backwards.yaml").write_text(
        agreement("backwards", "2024-01-01", "2023-12-31", municipality="Vindelns kommun"), encoding="utf-8"
    )
    (root / "first.yaml").write_text(agreement("first", "2020-01-01", "2023-12-31"), encoding="utf-8")
    (root / "second.yaml").write_text(
        agreement("second", "2023-01-01", "2026-12-31", signed="2023-02-01"), encoding="utf-8"
    )
    return root


def run(*args: str) -> tuple[int, dict[str, Any], str]:
    """``samverkan validate --format json ARGS``: exit code, the JSON document and stderr."""
    result = CliRunner().invoke(app, ["validate", "--format", "json", *args])
    doc = json.loads(result.stdout) if result.stdout.strip() else {}
    return result.exit_code, doc, result.stderr


def codes(doc: dict[str, Any]) -> dict[str, str]:
    return {d["code"]: d["severity"] for d in doc["diagnostics"]}


def write_config(tmp_path: Path, kind: str, body: str) -> Path:
    """``body`` as ``samverkan.toml``, or under ``[tool.samverkan]`` in ``pyproject.toml``."""
    body = textwrap.dedent(body)
    if kind == "pyproject":
        path = tmp_path / "pyproject.toml"
        path.write_text('[project]\nname = "x"\n\n[tool.samverkan]\n' + body, encoding="utf-8")
    else:
        path = tmp_path / "samverkan.toml"
        path.write_text(body, encoding="utf-8")
    return path


CONFIG_KINDS = ["pyproject", "samverkan.toml"]


# Defaults ---------------------------------------------------------------------------------


def test_defaults_find_every_severity(folder: Path) -> None:
    _needs(ERROR_RULE, WARNING_RULE, NOTICE_RULE)
    code, doc, _ = run()
    assert code == 1
    assert codes(doc) == {ERROR_RULE: "error", WARNING_RULE: "warning", NOTICE_RULE: "notice"}


def test_default_folder_is_agreements(folder: Path) -> None:
    code, doc, _ = run()
    assert doc["files"] == 3
    code, doc, _ = run(str(folder / "first.yaml"))
    assert (code, doc["files"], doc["diagnostics"]) == (0, 1, [])


# Settings in a file -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", CONFIG_KINDS)
def test_ignore(tmp_path: Path, folder: Path, kind: str) -> None:
    _needs(ERROR_RULE, NOTICE_RULE)
    write_config(tmp_path, kind, f'ignore = ["{ERROR_RULE}", "{NOTICE_RULE.lower()}"]\n')
    code, doc, _ = run()
    assert ERROR_RULE not in codes(doc)
    assert NOTICE_RULE not in codes(doc)
    assert code == 0


@pytest.mark.parametrize("kind", CONFIG_KINDS)
def test_select_takes_prefixes(tmp_path: Path, folder: Path, kind: str) -> None:
    _needs(ERROR_RULE, NOTICE_RULE)
    write_config(tmp_path, kind, 'select = ["SV10"]\n')
    _, doc, _ = run()
    assert doc["diagnostics"]
    assert all(c.startswith("SV10") for c in codes(doc))
    assert NOTICE_RULE not in codes(doc)


@pytest.mark.parametrize("kind", CONFIG_KINDS)
def test_severity_override(tmp_path: Path, folder: Path, kind: str) -> None:
    _needs(ERROR_RULE, NOTICE_RULE)
    write_config(
        tmp_path,
        kind,
        f"""
        ignore = ["{WARNING_RULE}"]
        [{"tool.samverkan." if kind == "pyproject" else ""}severity]
        {ERROR_RULE} = "warning"
        {NOTICE_RULE} = "ERROR"
        """,
    )
    code, doc, _ = run()
    assert codes(doc) == {ERROR_RULE: "warning", NOTICE_RULE: "error"}
    assert code == 1


def test_severity_override_can_pass_a_run(tmp_path: Path, folder: Path) -> None:
    _needs(ERROR_RULE)
    write_config(tmp_path, "samverkan.toml", f'severity = {{ {ERROR_RULE} = "notice" }}\nignore = ["SV109"]\n')
    code, doc, _ = run()
    assert codes(doc)[ERROR_RULE] == "notice"
    assert code == 0


def test_severity_applies_to_a_loader_code_whose_file_has_a_document(tmp_path: Path) -> None:
    (tmp_path / "agreements").mkdir()
    text = agreement("a", "2024-01-01") + "kind: agreement\n"  # a duplicate key: the first value is kept
    (tmp_path / "agreements" / "a.yaml").write_text(text, encoding="utf-8")
    write_config(tmp_path, "samverkan.toml", 'severity = { SV002 = "warning" }\n')
    code, doc, _ = run()
    assert codes(doc) == {"SV002": "warning"}
    assert code == 0
    assert run("--strict")[0] == 1


def test_a_file_without_a_document_stays_an_error(tmp_path: Path) -> None:
    """tests/test_unchecked_files.py: what fails the schema cannot be configured away."""
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "a.yaml").write_text(agreement("a", "2024-01-01") + "titel: x\n", encoding="utf-8")
    write_config(tmp_path, "samverkan.toml", 'ignore = ["SV0"]\n')
    code, doc, _ = run()
    assert codes(doc) == {"SV020": "error"}
    assert code == 1
    write_config(tmp_path, "samverkan.toml", 'severity = { SV020 = "warning" }\n')
    assert run()[0] == 2


@pytest.mark.parametrize("kind", CONFIG_KINDS)
def test_strict_in_config(tmp_path: Path, folder: Path, kind: str) -> None:
    _needs(ERROR_RULE, WARNING_RULE)
    write_config(tmp_path, kind, f'strict = true\nignore = ["{ERROR_RULE}"]\n')
    code, doc, _ = run()
    assert codes(doc)[WARNING_RULE] == "warning"
    assert doc["summary"]["failed"] is True
    assert code == 1
    code, _, _ = run("--no-strict")
    assert code == 0


def test_samverkan_toml_wins_over_pyproject(tmp_path: Path, folder: Path) -> None:
    _needs(ERROR_RULE)
    write_config(tmp_path, "pyproject", f'ignore = ["{ERROR_RULE}"]\n')
    write_config(tmp_path, "samverkan.toml", "strict = false\n")
    _, doc, _ = run()
    assert ERROR_RULE in codes(doc)


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("not toml [", encoding="utf-8")
    assert find_config(tmp_path) is None


def test_nearest_config_above_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _needs(ERROR_RULE)
    write_config(tmp_path, "samverkan.toml", f'ignore = ["{ERROR_RULE}"]\n')
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (inner / "x.yaml").write_text(agreement("x", "2024-01-01", "2023-01-01"), encoding="utf-8")
    assert find_config(inner) == tmp_path / "samverkan.toml"
    monkeypatch.chdir(inner)
    code, doc, _ = run("x.yaml")
    assert (code, doc["diagnostics"]) == (0, [])


def test_config_option_names_a_file(tmp_path: Path, folder: Path) -> None:
    _needs(ERROR_RULE, WARNING_RULE, NOTICE_RULE)
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "strict.toml").write_text(f'ignore = ["{ERROR_RULE}", "{NOTICE_RULE}"]\n', encoding="utf-8")
    write_config(tmp_path, "samverkan.toml", "strict = true\n")
    code, doc, _ = run("--config", str(other / "strict.toml"))
    assert codes(doc) == {WARNING_RULE: "warning"}
    assert code == 0, "the named file replaces the nearest one, whose strict = true is not used"


# Options on the command line --------------------------------------------------------------


def test_cli_ignore_is_repeatable(folder: Path) -> None:
    _needs(ERROR_RULE, WARNING_RULE, NOTICE_RULE)
    code, doc, _ = run("--ignore", ERROR_RULE, "--ignore", NOTICE_RULE.lower())
    assert codes(doc) == {WARNING_RULE: "warning"}
    assert code == 0


def test_cli_ignore_adds_to_config(tmp_path: Path, folder: Path) -> None:
    _needs(ERROR_RULE, WARNING_RULE, NOTICE_RULE)
    write_config(tmp_path, "samverkan.toml", f'ignore = ["{ERROR_RULE}"]\n')
    _, doc, _ = run("--ignore", NOTICE_RULE)
    assert codes(doc) == {WARNING_RULE: "warning"}


def test_cli_select_replaces_config(tmp_path: Path, folder: Path) -> None:
    _needs(ERROR_RULE, NOTICE_RULE)
    write_config(tmp_path, "samverkan.toml", f'select = ["{ERROR_RULE}"]\n')
    _, doc, _ = run("--select", NOTICE_RULE)
    assert codes(doc) == {NOTICE_RULE: "notice"}
    _, doc, _ = run("--select", NOTICE_RULE, "--select", ERROR_RULE)
    assert set(codes(doc)) == {ERROR_RULE, NOTICE_RULE}


def test_cli_strict_turns_a_warning_into_a_failure(folder: Path) -> None:
    _needs(WARNING_RULE)
    code, doc, _ = run("--select", WARNING_RULE)
    assert (code, codes(doc)) == (0, {WARNING_RULE: "warning"})
    code, doc, _ = run("--select", WARNING_RULE, "--strict")
    assert (code, codes(doc)) == (1, {WARNING_RULE: "warning"})


def test_strict_never_fails_on_a_notice(folder: Path) -> None:
    _needs(NOTICE_RULE)
    code, doc, _ = run("--select", NOTICE_RULE, "--strict")
    assert (code, codes(doc)) == (0, {NOTICE_RULE: "notice"})


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_cli_unknown_rule_code_is_a_usage_error(folder: Path, option: str) -> None:
    code, doc, err = run(option, "SV999")
    assert code == 2
    assert doc == {}
    assert "unknown rule code 'SV999'" in err
    assert "Traceback" not in err


# Invalid configuration --------------------------------------------------------------------

BAD = {
    "unknown setting": ('ignor = ["SV101"]\n', "unknown setting(s): ignor"),
    "unknown code in ignore": ('ignore = ["SV999"]\n', "'ignore' names unknown rule 'SV999'"),
    "unknown code in select": ('select = ["XY"]\n', "'select' names unknown rule 'XY'"),
    "empty code in ignore": ('ignore = [""]\n', "'ignore' names unknown rule ''"),
    "ignore not a list": ('ignore = "SV101"\n', "'ignore' must be a list of rule codes"),
    "unknown code in severity": ('severity = { SV999 = "error" }\n', "'severity' names unknown rule 'SV999'"),
    "bad severity": ('severity = { SV101 = "fatal" }\n', "severity of SV101: unknown severity 'fatal'"),
    "severity not a table": ('severity = "error"\n', "'severity' must be a table"),
    "strict not a boolean": ('strict = "yes"\n', "'strict' must be true or false"),
    "bad TOML": ("ignore = [\n", "not valid TOML"),
}


@pytest.mark.parametrize("kind", CONFIG_KINDS)
@pytest.mark.parametrize("case", sorted(BAD))
def test_invalid_config_is_exit_2_with_one_line(tmp_path: Path, folder: Path, kind: str, case: str) -> None:
    body, expected = BAD[case]
    path = write_config(tmp_path, kind, body)
    code, doc, err = run()
    assert code == 2
    assert doc == {}, "nothing on stdout"
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"samverkan: {path}: ")
    assert expected in err


def test_config_option_that_does_not_exist(tmp_path: Path, folder: Path) -> None:
    code, _, err = run("--config", str(tmp_path / "nope.toml"))
    assert code == 2
    assert err.startswith(f"samverkan: {tmp_path / 'nope.toml'}: cannot read")
    assert len(err.strip().splitlines()) == 1


def test_config_not_utf8(tmp_path: Path, folder: Path) -> None:
    (tmp_path / "samverkan.toml").write_bytes(b'ignore = ["\xe5"]\n')
    code, _, err = run()
    assert code == 2
    assert "not valid TOML" in err
    assert "Traceback" not in err


# The functions behind it ------------------------------------------------------------------


def test_load_config_without_a_file_is_the_default() -> None:
    assert load_config(None, KNOWN) == Config()


def test_parse_config_normalises_codes() -> None:
    config = parse_config({"ignore": ["sv111"], "select": ["sv1"], "severity": {"sv101": "Warning"}}, "x", KNOWN)
    assert config.ignore == frozenset({"SV111"})
    assert config.select == frozenset({"SV1"})
    assert config.severity == {"SV101": Severity.WARNING}
    assert config.enabled("SV101")
    assert not config.enabled("SV111")
    assert not config.enabled("SV020"), "select applies to loader codes too"
    assert config.severity_of("SV101", Severity.ERROR) is Severity.WARNING
    assert config.severity_of("SV102", Severity.WARNING) is Severity.WARNING


def test_parse_config_rejects_a_non_table() -> None:
    with pytest.raises(ConfigError, match="must be a table"):
        parse_config(["ignore"], "pyproject.toml", KNOWN)


def test_with_options() -> None:
    base = Config(ignore=frozenset({"SV101"}), select=frozenset({"SV1"}), strict=True)
    same = base.with_options()
    assert same == base
    changed = base.with_options(select=[" sv020 ", ""], ignore=["sv111"], strict=False)
    assert changed.select == frozenset({"SV020"})
    assert changed.ignore == frozenset({"SV101", "SV111"})
    assert changed.strict is False

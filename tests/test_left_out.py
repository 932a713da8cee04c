"""A file with any error is left out of every command that builds on it.

Each folder of ``tests/cases/left-out`` holds a good agreement and a file with an error (see
its README): a duplicate key (the loader), a rule error, a duplicate id. ``due``, ``status``,
``render`` and ``site`` must each say on stderr which file they left out and why, at
``path:line:col`` and in the reader's language, show nothing of it, and exit 1 as ``validate`` does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from samverkan.cli import app

ROOT = Path(__file__).resolve().parent.parent
CASES = Path("tests") / "cases" / "left-out"
AS_OF = "2023-01-01"

# case: (the bad file, its error at path:line:col, the English message, the Swedish one, what of it must not show)
EXPECTED = {
    "duplicate-key": (
        "dubbelby-2022.yaml",
        "8:1: error[SV002]",
        "duplicate key 'title' (first at line 3)",
        "nyckeln 'title' förekommer redan (första gången på rad 3)",
        "Dubbelby",
    ),
    "rule-error": (
        "regelby-2022.yaml",
        "12:60: error[SV104]",
        "signatory 'Bo Berg' signs for 'polis'",
        "undertecknaren 'Bo Berg' skriver under för 'polis'",
        "Regelby",
    ),
    "duplicate-id": (
        "godby-2024.yaml",
        "2:5: error[SV106]",
        "id 'godby-2022' is already used at tests/cases/left-out/duplicate-id/godby-2022.yaml:2:5",
        "id 'godby-2022' används redan i tests/cases/left-out/duplicate-id/godby-2022.yaml:2:5",
        "2024–2025",
    ),
}


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(ROOT)  # the paths in the messages are relative to the repository
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(tmp_path / "cache"))


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _said(result: Result, case: str, *, swedish: bool = False) -> None:
    name, where, english, svenska, _ = EXPECTED[case]
    path = f"{CASES / case / name}"
    message = svenska if swedish else english
    assert f"samverkan: {path}:{where} {message}" in result.stderr, result.stderr
    summary = "1 fil utelämnad på grund av fel" if swedish else "1 file left out because of errors"
    assert f"samverkan: {summary}: {path}\n" in result.stderr, result.stderr
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_validate_finds_the_error(case: str) -> None:
    name, where, english, _, _ = EXPECTED[case]
    result = _run("validate", "--format", "concise", str(CASES / case))
    assert f"{CASES / case / name}:{where} {english}" in result.stdout
    assert result.exit_code == 1


@pytest.mark.parametrize("case", sorted(EXPECTED))
@pytest.mark.parametrize("output_format", ["table", "json"])
def test_due_leaves_the_file_out(case: str, output_format: str) -> None:
    result = _run("due", str(CASES / case), "--as-of", AS_OF, "--all", "--format", output_format)
    _said(result, case)
    assert "godby-2022" in result.stdout
    assert EXPECTED[case][4] not in result.stdout
    assert "2025" not in result.stdout  # no deadline of the copied agreement (it ends 2025-06-30)
    assert "2023-06-30" not in result.stdout  # nor of the bad ones (they end 2023-06-30)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_status_leaves_the_file_out(case: str) -> None:
    result = _run("status", str(CASES / case), "--as-of", AS_OF)
    _said(result, case)
    assert "godby-2022" in result.stdout
    assert EXPECTED[case][4] not in result.stdout
    assert "2023-06-30" not in result.stdout and "2025" not in result.stdout


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_status_says_it_in_swedish(case: str) -> None:
    result = _run("--lang", "sv", "status", str(CASES / case), "--as-of", AS_OF)
    _said(result, case, swedish=True)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_render_leaves_the_file_out(case: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _run("render", str(CASES / case), "--out", str(out), "--as-of", AS_OF)
    _said(result, case)
    assert sorted(p.name for p in out.iterdir()) == ["godby-2022.agreement.md"]
    assert EXPECTED[case][4] not in (out / "godby-2022.agreement.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_site_leaves_the_file_out(case: str, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = _run("site", str(CASES / case), "--out", str(out), "--as-of", AS_OF)
    _said(result, case)
    pages = {p: p.read_bytes().decode("utf-8") for p in out.rglob("*") if p.is_file()}
    assert any("godby-2022" in text for text in pages.values())
    for page, text in pages.items():
        assert EXPECTED[case][4] not in text, page


def test_a_rule_error_made_a_notice_does_not_leave_the_file_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The configured severities count: SV104 as a notice keeps Regelby in."""
    folder = tmp_path / "w"
    folder.mkdir()
    for source in (ROOT / CASES / "rule-error").glob("*.yaml"):
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "samverkan.toml").write_text('severity = { SV104 = "notice" }\n', encoding="utf-8")
    monkeypatch.chdir(folder)  # the configuration is the one nearest the current folder
    result = _run("status", ".", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "regelby-2022" in result.stdout and "left out" not in result.stderr


def test_a_missing_folder_is_an_error_but_no_file_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`due` where there is no agreements/ folder: the missing path is said, not counted as a
    file left out."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--lang", "sv", "due"])
    assert result.exit_code == 1
    assert result.stderr == "samverkan: agreements: error[SV013] filen eller mappen finns inte\n"

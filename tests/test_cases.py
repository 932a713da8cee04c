"""Test cases as files: invalid YAML with its exact expected output, and valid YAML.

* ``tests/cases/invalid/NAME.yaml`` is checked on its own; the loader and schema findings
  (codes ``SV0xx``; the rules' ``SV1xx`` are left out) are formatted by the concise reporter,
  one ``path:line:col: severity[CODE] message`` a line, without the closing summary, and must
  equal ``NAME.expected`` exactly.
* ``tests/cases/valid/NAME.yaml`` must give no ``SV0xx`` finding and load as a document.

To add a case, write ``NAME.yaml`` and run::

    SAMVERKAN_UPDATE_CASES=1 python -m pytest tests/test_cases.py

which (re)writes every ``NAME.expected`` from the current output. Then read each new or
changed expectation by eye: the line and column must point at the right token and the
message must be clear. Commit the ``.expected`` files with the cases.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from samverkan.diagnostics import Diagnostic
from samverkan.reporters.concise import line
from samverkan.validation import KNOWN_CODES
from samverkan.workspace import load_file

CASES = Path(__file__).resolve().parent / "cases"
INVALID = sorted((CASES / "invalid").glob("*.yaml"))
VALID = sorted((CASES / "valid").glob("*.yaml"))
UPDATE = os.environ.get("SAMVERKAN_UPDATE_CASES") == "1"

Loader = Callable[[Sequence[Path]], list[Diagnostic]]


def _relative(path: Path, root: Path) -> Path:
    return path.relative_to(root)


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case(case: Path, root: Path, loader_diagnostics: Loader, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root)  # paths in the output are relative to the repository root
    actual = [line(d) for d in loader_diagnostics([_relative(case, root)])]
    expected_file = case.with_suffix(".expected")
    if UPDATE:
        expected_file.write_text("".join(f"{x}\n" for x in actual), encoding="utf-8")
    assert expected_file.exists(), f"{expected_file.name} is missing; run with SAMVERKAN_UPDATE_CASES=1"
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    if actual != expected:
        diff = "\n".join(
            difflib.unified_diff(expected, actual, f"{expected_file.name} (expected)", "actual", lineterm="")
        )
        pytest.fail(f"output differs from {expected_file.name}:\n{diff}", pytrace=False)


@pytest.mark.parametrize("case", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case_reports_something_located(case: Path, loader_diagnostics: Loader) -> None:
    found = loader_diagnostics([case])
    assert found, "an invalid case must give at least one finding"
    assert all(d.span.line >= 1 and d.span.col >= 1 for d in found)


@pytest.mark.parametrize("case", VALID, ids=[p.stem for p in VALID])
def test_valid_case(case: Path, loader_diagnostics: Loader) -> None:
    assert [line(d) for d in loader_diagnostics([case])] == []
    assert load_file(case).document is not None


def test_every_expectation_has_its_case() -> None:
    orphans = [p.name for p in (CASES / "invalid").glob("*.expected") if not p.with_suffix(".yaml").exists()]
    assert orphans == []


def test_corpus_covers_the_loader_and_schema_codes() -> None:
    assert len(INVALID) >= 45
    seen = {
        text.split("[", 1)[1].split("]", 1)[0]
        for p in (CASES / "invalid").glob("*.expected")
        for text in p.read_text(encoding="utf-8").splitlines()
    }
    # SV012 (unreadable) and SV013 (no such file) are about files, not their content.
    wanted = set(KNOWN_CODES) - {"SV012", "SV013"}
    assert sorted(wanted - seen) == []


def test_every_case_together_is_checked_without_an_internal_error() -> None:
    """All the cases in one run, as a user who points samverkan at a folder of mistakes would:
    the cross-file rules meet every kind of odd document at once (an agreement whose start is a
    signing not yet recorded once crashed the LAW rules' ordering)."""
    from typer.testing import CliRunner

    from samverkan.cli import app

    result = CliRunner().invoke(app, ["validate", str(CASES), "--no-cache", "--format", "concise"])
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert result.output.splitlines()[-1].startswith(f"{len(list(CASES.rglob('*.yaml')))} files checked: ")

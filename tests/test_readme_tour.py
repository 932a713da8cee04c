"""The README's tour of ``samverkan validate`` is real output: the two broken copies of Upplands
Väsby's agreement it describes, made here, give exactly the findings it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samverkan.cli import app

ROOT = Path(__file__).resolve().parent.parent
VASBY = ROOT / "agreements" / "upplands-vasby" / "upplands-vasby-2021.yaml"

# The mistakes the README describes, each as (what the line says, what the copy says instead).
MISTAKES = [
    [("  end: 2022-12-31\n", "  end: 2022-02-30\n"), ("consultation_months_before:", "consultation_months_befor:")],
    [
        ("      month: 2021-12\n", "      month: 2023-12\n"),
        ("ordförande\n      party: upplands-vasby-kommun\n", "ordförande\n      party: upplands-vasby\n"),
    ],
]


def _readme_outputs() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```console\n\$ samverkan validate upplands-vasby-2021\.yaml\n(.*?)```", readme, re.S)


@pytest.mark.parametrize("number", range(len(MISTAKES)))
def test_the_readme_tour_is_real_output(number: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = VASBY.read_text(encoding="utf-8")
    for line, broken in MISTAKES[number]:
        assert text.count(line) == 1, line
        text = text.replace(line, broken)
    (tmp_path / VASBY.name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["--lang", "en", "validate", VASBY.name])
    assert result.exit_code == 1
    shown = _readme_outputs()
    assert len(shown) == len(MISTAKES)
    assert result.stdout == shown[number]

"""The findings of the rules' cross-file parts are kept in the cache under the summaries they
were made from (:func:`samverkan.summary.fingerprint`) and the paths, with the bytes of each
file they read a line and a column from: a change that leaves every summary as it was (a
comment, an activity's text) and moves no line a finding points at costs no cross-file run;
any other change makes them again. Either way they are what the whole rules find."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generated import write_corpus
from samverkan import api
from samverkan.api import check
from samverkan.cache import Cache
from samverkan.diagnostics import Diagnostic
from samverkan.reporters.concise import line
from samverkan.rules import RULES
from whole_rules import every_rule

ROOT = Path(__file__).resolve().parent.parent
ACROSS = {rule.code for rule in RULES if rule.across_files is not None}


class Counted:
    """``api.across_findings``, counting its runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.runs = 0
        self.real = api.across_findings
        monkeypatch.setattr(api, "across_findings", self)

    def __call__(self, ws: Any) -> Any:
        self.runs += 1
        return self.real(ws)


def _run(corpus: Path, cache: Cache) -> tuple[list[str], list[Diagnostic]]:
    diagnostics = list(check([corpus], cache=cache).diagnostics)
    return [line(d) for d in diagnostics], diagnostics


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", 100, 23, 10.0)  # a tenth broken on purpose


def test_cross_file_findings_come_from_the_cache_while_the_summaries_stay(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    counted = Counted(monkeypatch)
    first, diagnostics = _run(corpus, cache)
    assert first == every_rule([corpus]) and counted.runs == 1
    pointed = sorted({d.span.path for d in diagnostics if d.code in ACROSS})
    assert pointed, "the corpus has cross-file findings"

    assert _run(corpus, cache)[0] == first and counted.runs == 1  # nothing changed

    quiet = next(p for p in sorted(corpus.rglob("*.yaml")) if str(p) not in {d.span.path for d in diagnostics})
    quiet.write_text(quiet.read_text(encoding="utf-8") + "# en kommentar\n", encoding="utf-8")
    assert _run(corpus, cache)[0] == every_rule([corpus]) and counted.runs == 1  # same summaries

    loud = Path(pointed[0])
    loud.write_text("# en kommentar först\n" + loud.read_text(encoding="utf-8"), encoding="utf-8")
    moved = _run(corpus, cache)[0]
    assert moved == every_rule([corpus]) and moved != first and counted.runs == 2  # its lines moved

    assert _run(corpus, cache)[0] == moved and counted.runs == 2  # and are kept so

    gone = Path(pointed[-1]) if len(pointed) > 1 else quiet
    gone.unlink()
    assert _run(corpus, cache)[0] == every_rule([corpus]) and counted.runs == 3  # a summary less


def test_a_changed_summary_makes_the_findings_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    old = folder / "a.yaml"
    new = folder / "b.yaml"
    old.write_text(
        "kind: agreement\nid: a\ntitle: Överenskommelse\nparties:\n"
        "  - {id: kommunen, kind: municipality, name: Ale kommun}\n"
        "  - {id: polisen, kind: police, name: Polismyndigheten}\n"
        "period: {start: 2024-01-01, end: 2025-12-31}\n",
        encoding="utf-8",
    )
    new.write_text(old.read_text(encoding="utf-8").replace("id: a\n", "id: b\nreplaces: a\n"), encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    counted = Counted(monkeypatch)
    before = _run(folder, cache)[0]
    assert before == every_rule([folder])
    assert all("a.yaml" not in text for text in before)  # no place read in the old one
    old.write_text(old.read_text(encoding="utf-8").replace("end: 2025-12-31", "end: 2024-06-30"), encoding="utf-8")
    after = _run(folder, cache)[0]
    assert after == every_rule([folder]) and counted.runs == 2
    assert any("182 days of overlap" in text for text in after)  # the old one ends sooner now
    assert any("731 days of overlap" in text for text in before)


def test_a_fingerprint_is_the_same_in_every_process() -> None:
    program = (
        "import sys; from pathlib import Path; from samverkan.workspace import load_file;"
        "from samverkan.summary import fingerprint, summary;"
        "print(*(fingerprint(summary(load_file(Path(p)).document)).hex() for p in sys.argv[1:]))"
    )
    files = [str(p) for p in sorted((ROOT / "agreements").rglob("*.yaml"))]
    seen = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", program, *files], capture_output=True, text=True, env=env, check=True
        )
        seen.add(done.stdout)
    assert len(seen) == 1
    assert len(set(seen.pop().split())) == len(files)  # and differs between the documents

"""``samverkan diff``: two versions of a file compared as parsed models.

The golden files under ``tests/golden/diff/`` are the output on Upplands Väsby's agreement
before and after ``samverkan extend``, at a fixed ``--as-of``. After a deliberate change::

    SAMVERKAN_UPDATE_GOLDEN=1 python -m pytest tests/test_diff.py

and read the diff of the goldens before committing them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from samverkan.cli import app

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "diff"
UPDATE = os.environ.get("SAMVERKAN_UPDATE_GOLDEN") == "1"
VASBY = ROOT / "agreements" / "upplands-vasby" / "upplands-vasby-2021.yaml"
PLAN = ROOT / "tests" / "cases" / "valid" / "action-plan.yaml"
INVALID = ROOT / "tests" / "cases" / "invalid" / "diff-action-plan-mistakes.yaml"
AS_OF = "2022-05-21"


def _run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


@pytest.fixture
def extended(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``old.yaml`` and ``new.yaml`` in ``tmp_path`` (the current folder): Upplands Väsby's
    agreement before and after ``samverkan extend --decided 2022-05-20``."""
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(VASBY, tmp_path / "old.yaml")
    shutil.copyfile(VASBY, tmp_path / "new.yaml")
    result = _run("extend", "new.yaml", "--decided", "2022-05-20")
    assert result.exit_code == 0, result.output
    return tmp_path


# The extension: the new end and the moved consultation, in every format ----------------------


GOLDEN_CASES = [("text", "en", "txt"), ("text", "sv", "sv.txt"), ("markdown", "en", "md"), ("json", "en", "json")]


@pytest.mark.parametrize(("fmt", "lang", "suffix"), GOLDEN_CASES)
def test_golden_extension(extended: Path, fmt: str, lang: str, suffix: str) -> None:
    result = _run("--lang", lang, "diff", "old.yaml", "new.yaml", "--as-of", AS_OF, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    golden = GOLDEN / f"extend.{suffix}"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(result.stdout_bytes)
    assert result.stdout_bytes == golden.read_bytes(), f"regenerate with SAMVERKAN_UPDATE_GOLDEN=1: {golden}"


def test_extension_says_the_new_end_and_the_moved_consultation(extended: Path) -> None:
    text = _run("--lang", "sv", "diff", "old.yaml", "new.yaml", "--as-of", AS_OF).stdout
    assert "gäller till och med (med förlängningar) 2022-12-31 → 2024-12-31" in text
    assert "    nästa tidsfrist för samråd: 2024-06-30 (tidigare 2022-06-30)\n" in text
    english = _run("diff", "old.yaml", "new.yaml", "--as-of", AS_OF).stdout
    # the consultation of 2022-06-30 was held, not moved; the next one is due 2024-06-30
    assert (
        "    consultation on extension (6 months before 2022-12-31): recorded as done on 2022-05-20\n"
        "    next consultation due 2024-06-30 (was 2022-06-30)\n"
    ) in english
    assert "consultation moves" not in english
    assert "2024-06-30" not in english.replace("next consultation due 2024-06-30", "")
    markdown = _run("diff", "old.yaml", "new.yaml", "--as-of", AS_OF, "-f", "markdown").stdout
    assert markdown.startswith("## old.yaml → new.yaml: upplands-vasby-2021\n")
    assert "- next consultation due 2024-06-30 (was 2022-06-30)\n" in markdown
    data = json.loads(_run("diff", "old.yaml", "new.yaml", "--as-of", AS_OF, "-f", "json").stdout)
    changes = data["files"][0]["changes"]
    moved = {c["key"]: c["fields"] for c in changes if c["aspect"] == "deadlines" and c["action"] == "changed"}
    assert moved["upplands-vasby-2021/consultation"] == [{"field": "due", "old": "2022-06-30", "new": "2024-06-30"}]
    assert moved["upplands-vasby-2021/expiry"] == [{"field": "due", "old": "2022-12-31", "new": "2024-12-31"}]
    period = next(c for c in changes if c["aspect"] == "period")
    assert period["fields"] == [{"field": "final_end", "old": "2022-12-31", "new": "2024-12-31"}]


def test_a_moved_end_is_not_said_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an extension the last day is the end: a moved end is said once, and the
    consultation before it moves with it."""
    monkeypatch.chdir(tmp_path)
    text = VASBY.read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(text.replace("  end: 2022-12-31\n", "  end: 2023-06-30\n", 1), encoding="utf-8")
    result = _run("diff", "old.yaml", "new.yaml", "--as-of", AS_OF)
    assert "  Validity period\n    upplands-vasby-2021: end 2022-12-31 → 2023-06-30\n  Deadlines" in result.stdout
    assert "valid until" not in result.stdout
    assert "    consultation moves from 2022-06-30 to 2022-12-30\n" in result.stdout
    assert "    expiry moves from 2022-12-31 to 2023-06-30\n" in result.stdout


def test_exit_code_option(extended: Path) -> None:
    assert _run("diff", "old.yaml", "new.yaml", "--as-of", AS_OF).exit_code == 0
    assert _run("diff", "old.yaml", "new.yaml", "--as-of", AS_OF, "--exit-code").exit_code == 1
    assert _run("diff", "old.yaml", "old.yaml", "--as-of", AS_OF, "--exit-code").exit_code == 0


# What is and is not a change ---------------------------------------------------------------


def test_comments_formatting_and_order_are_no_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = VASBY.read_text(encoding="utf-8")
    title = "Samverkan för ett tryggare Upplands Väsby"
    restyled = "# En ny kommentar överst.\n" + text
    for before, after in (
        ("  start: 2021-01-01\n  end: 2022-12-31\n", "  end: 2022-12-31   # slutdatum\n  start: 2021-01-01\n"),
        (f"title: {title}\n", f"title: '{title}'\n"),
        ("  years: 2\n", "  years:    2\n"),
    ):
        assert before in restyled
        restyled = restyled.replace(before, after)
    parties = (
        "  - id: polisen\n    kind: police\n    name: Lokalpolisområde Sollentuna\n    part_of: Polismyndigheten\n"
    )
    municipality = "  - id: upplands-vasby-kommun\n    kind: municipality\n    name: Upplands Väsby kommun\n"
    assert parties + municipality in restyled
    restyled = restyled.replace(parties + municipality, municipality + parties)  # the parties in another order
    assert restyled != text
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(restyled, encoding="utf-8")
    result = _run("diff", "old.yaml", "new.yaml", "--as-of", AS_OF, "--exit-code")
    assert result.exit_code == 0, result.output
    assert result.stdout == "old.yaml → new.yaml: upplands-vasby-2021\n  no changes\n"
    swedish = _run("--lang", "sv", "diff", "old.yaml", "new.yaml", "--as-of", AS_OF)
    assert swedish.stdout == "old.yaml → new.yaml: upplands-vasby-2021\n  inga ändringar\n"


def _plan_versions(tmp_path: Path) -> None:
    old = PLAN.read_text(encoding="utf-8")
    new = old.replace("    status: ongoing\n    communicated: true\n", "    status: done\n    communicated: false\n")
    new = new.replace(
        "      - party: umea\n        unit: Fritid\n", "      - party: umea\n        unit: Kultur och fritid\n"
    )
    removed = "  - id: fritidsgard\n    title: Längre öppettider på fritidsgården\n    status: planned\n"
    added = (
        "  - id: nattvandring\n    title: Nattvandringar\n    responsible:\n      - party: umea\n    status: planned\n"
    )
    assert removed in new
    new = new.replace(removed, added)
    # the remaining activity moved after the new one: a reordering, not a removal and an addition
    first_start = new.index("  - id: trygghetsvandring")
    first_end = new.index("  - id: nattvandring")
    new = (
        new[:first_start]
        + new[first_end : new.index("source:")]
        + new[first_start:first_end]
        + new[new.index("source:") :]
    )
    (tmp_path / "plan-old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "plan-new.yaml").write_text(new, encoding="utf-8")


def test_activity_added_removed_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _plan_versions(tmp_path)
    result = _run("diff", "plan-old.yaml", "plan-new.yaml", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "plan-old.yaml → plan-new.yaml: umea-2021-plan\n"
        "  Activities\n"
        "    removed: Längre öppettider på fritidsgården (status: planned)\n"
        "    added: Nattvandringar (responsible: umea, status: planned)\n"
        "    Trygghetsvandringar: responsible joint, umea (Fritid) → joint, umea (Kultur och fritid);"
        " status ongoing → done; communicated true → false\n"
    )
    data = json.loads(_run("diff", "plan-old.yaml", "plan-new.yaml", "--as-of", AS_OF, "-f", "json").stdout)
    actions = [(c["action"], c["key"]) for c in data["files"][0]["changes"]]
    assert actions == [
        ("removed", "umea-2021-plan/fritidsgard"),
        ("added", "umea-2021-plan/nattvandring"),
        ("changed", "umea-2021-plan/trygghetsvandring"),
    ]


def test_meeting_and_follow_up_recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(VASBY, tmp_path / "old.yaml")
    shutil.copyfile(VASBY, tmp_path / "new.yaml")
    for args in (
        ("record", "follow-up", "new.yaml", "halvtidsuppfoljning", "--date", "2021-12-15"),
        ("record", "meeting", "new.yaml", "styrgrupp", "--date", "2021-05-10"),
    ):
        recorded = _run(*args)
        assert recorded.exit_code == 0, recorded.output
    text = _run("diff", "old.yaml", "new.yaml", "--as-of", AS_OF).stdout
    assert "  Follow-ups recorded\n    added: halvtidsuppfoljning 2021-12-15\n" in text
    assert "  Meetings recorded\n    added: Strategiskt samverkansforum/styrgrupp 2021-05-10\n" in text
    assert "follow-up 'Halvtidsuppföljning' (Dec 2021): recorded as done on 2021-12-15\n" in text


# Bad input: one located message, exit 1 ----------------------------------------------------


def test_invalid_version_is_located(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = _run("diff", "tests/cases/valid/action-plan.yaml", "tests/cases/invalid/diff-action-plan-mistakes.yaml")
    assert result.exit_code == 1
    assert result.stdout == (
        "tests/cases/valid/action-plan.yaml → tests/cases/invalid/diff-action-plan-mistakes.yaml: umea-2021-plan\n"
        "  could not be read (see the errors)\n"
    )
    data = json.loads(
        _run(
            "diff",
            "-f",
            "json",
            "tests/cases/valid/action-plan.yaml",
            "tests/cases/invalid/diff-action-plan-mistakes.yaml",
        ).stdout
    )
    assert [f["status"] for f in data["files"]] == ["unreadable"]
    expected = (ROOT / "tests" / "cases" / "invalid" / "diff-action-plan-mistakes.expected").read_text(encoding="utf-8")
    assert result.stderr == expected


def test_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(PLAN, tmp_path / "plan.yaml")
    result = _run("diff", "plan.yaml", "nowhere.yaml")
    assert result.exit_code == 1
    assert result.stderr == "nowhere.yaml: error[SV013] no such file or folder\n"


def test_a_folder_named_as_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.yaml").mkdir()
    shutil.copyfile(PLAN, tmp_path / "y.yaml")
    result = _run("diff", "d.yaml", "y.yaml")
    assert result.exit_code == 1
    assert result.stderr == ("d.yaml: error[SV013] is a folder: name two files, or give revisions and then -- FOLDER\n")
    assert "no such file" not in result.stderr
    swedish = _run("--lang", "sv", "diff", "d.yaml", "y.yaml")
    assert swedish.stderr == (
        "d.yaml: error[SV013] är en mapp: ange två filer, eller ange revisioner och sedan -- MAPP\n"
    )


def test_a_file_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(PLAN, tmp_path / "old.yaml")
    shutil.copyfile(PLAN, tmp_path / "new.yaml")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "new.yaml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = _run("diff", "old.yaml", "new.yaml")
    assert result.exit_code == 1
    assert result.stderr == "new.yaml: error[SV012] cannot read file: Permission denied\n"


def test_an_action_plan_with_its_agreement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan's deadlines come from its agreement, in another file of the workspace."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "agreements" / "uppsala"
    folder.mkdir(parents=True)
    uppsala = ROOT / "agreements" / "uppsala"
    shutil.copyfile(uppsala / "uppsala-2014.yaml", folder / "uppsala-2014.yaml")
    plan = (uppsala / "uppsala-2014-handlingsplan.yaml").read_text(encoding="utf-8")
    (folder / "plan-old.yaml").write_text(plan, encoding="utf-8")
    (folder / "plan-new.yaml").write_text(plan.replace("type: tertial", "type: yearly"), encoding="utf-8")
    result = _run(
        "diff", "agreements/uppsala/plan-old.yaml", "agreements/uppsala/plan-new.yaml", "--as-of", "2014-02-01"
    )
    assert result.exit_code == 0, result.output
    assert "  Deadlines as of 2014-02-01\n" in result.stdout
    assert "no longer: tertial follow-up" in result.stdout
    assert "(Jan–Apr 2014), due 2014-04-30\n" in result.stdout


# Git revisions ----------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch repository: the agreement on ``main``; a branch ``extend`` that extends it,
    records a meeting in a second commit and adds an action plan; a CI file that is not samverkan's."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    for name, value in {
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    _git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "agreements").mkdir()
    shutil.copyfile(VASBY, tmp_path / "agreements" / "vasby.yaml")
    (tmp_path / "ci.yaml").write_text("on: push\n", encoding="utf-8")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "agreement")
    _git(tmp_path, "checkout", "-q", "-b", "extend")
    assert _run("extend", "agreements/vasby.yaml", "--decided", "2022-05-20").exit_code == 0
    (tmp_path / "ci.yaml").write_text("on: [push, pull_request]\n", encoding="utf-8")
    _git(tmp_path, "commit", "-q", "-am", "extended")
    assert _run("record", "meeting", "agreements/vasby.yaml", "styrgrupp", "--date", "2022-05-10").exit_code == 0
    shutil.copyfile(PLAN, tmp_path / "agreements" / "plan.yaml")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "meeting and plan")
    return tmp_path


def _json(*args: str) -> dict[str, Any]:
    result = _run("diff", "--as-of", AS_OF, "-f", "json", *args)  # options before --
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _aspects(data: dict[str, Any], index: int = 0) -> set[str]:
    return {c["aspect"] for c in data["files"][index]["changes"]}


def test_git_revision_against_working_tree(repo: Path) -> None:
    text = (repo / "agreements" / "vasby.yaml").read_text(encoding="utf-8")
    (repo / "agreements" / "vasby.yaml").write_text(text.replace("2021-12\n", "2022-01\n", 1), encoding="utf-8")
    data = _json("HEAD", "--", "agreements/vasby.yaml")
    assert [(f["old"], f["new"]) for f in data["files"]] == [("HEAD:agreements/vasby.yaml", "agreements/vasby.yaml")]
    change = data["files"][0]["changes"][0]
    assert (change["aspect"], change["fields"]) == (
        "follow-ups",
        [{"field": "month", "old": "2021-12", "new": "2022-01"}],
    )


def test_an_option_after_the_dashes_is_a_usage_error(repo: Path) -> None:
    """After --, git takes everything for a path: `--as-of D` there would be passed over and
    the deadlines computed for today; say where it belongs instead."""
    result = _run("diff", "HEAD", "--", "agreements/vasby.yaml", "--as-of", AS_OF)
    assert result.exit_code == 2
    assert "--as-of comes after --, where only paths go; put options before --" in result.output


def test_git_two_revisions_and_a_range(repo: Path) -> None:
    by_two = _json("main", "extend~1", "--", "agreements/vasby.yaml")
    by_range = _json("main..extend~1", "--", "agreements/vasby.yaml")
    assert by_two["files"][0]["changes"] == by_range["files"][0]["changes"]
    assert {"period", "extensions", "deadlines"} == _aspects(by_two)
    only_meeting = _json("HEAD~1", "HEAD", "--", "agreements/vasby.yaml")
    assert _aspects(only_meeting) == {"meetings", "deadlines"}


def test_git_pull_request_every_changed_file(repo: Path) -> None:
    data = _json("main...")
    assert [(f["old"], f["new"], f["status"]) for f in data["files"]] == [
        (None, "HEAD:agreements/plan.yaml", "added"),
        (
            f"{_git(repo, 'merge-base', 'main', 'HEAD').strip()[:12]}:agreements/vasby.yaml",
            "HEAD:agreements/vasby.yaml",
            "changed",
        ),
    ]  # ci.yaml changed too, but is not a samverkan file
    assert _aspects(data, 1) == {"period", "extensions", "meetings", "deadlines"}
    text = _run("diff", "main...", "--as-of", AS_OF).stdout
    base = _git(repo, "merge-base", "main", "HEAD").strip()[:12]
    assert f"agreements/plan.yaml ({base} → HEAD): umea-2021-plan\n  new file\n" in text
    assert f"agreements/vasby.yaml ({base} → HEAD): upplands-vasby-2021\n  Validity period\n" in text


def test_git_errors_are_one_line(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unknown = _run("diff", "nosuchrev", "--", "agreements/vasby.yaml")
    assert unknown.exit_code == 1
    assert unknown.stderr == "samverkan: diff: unknown revision 'nosuchrev'\n"
    missing = _run("diff", "main", "--", "agreements/plan.yaml")
    assert missing.exit_code == 1
    assert missing.stderr == "main:agreements/plan.yaml: error[SV013] no such file or folder\n"
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    no_git = _run("diff", "HEAD~1", "--", "agreements/vasby.yaml")
    assert no_git.exit_code == 1
    assert no_git.stderr == "samverkan: diff: git is not installed (or not on PATH); compare two files instead\n"


def test_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = _run("diff", "HEAD~1", "--", "x.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith("samverkan: diff: git rev-parse --show-toplevel: fatal: not a git repository")
    assert "Traceback" not in result.output


def test_a_new_broken_file_is_reported(repo: Path) -> None:
    """A samverkan file that does not read is not taken for another YAML file: by its kind, or
    by its folder when even the kind is misspelt."""
    broken = (ROOT / "tests" / "cases" / "invalid" / "diff-new-file-does-not-parse.yaml").read_bytes()
    for name, data in (("new-2025.yaml", broken), ("typo-2025.yaml", b"kind: agreemnt\nid: x\n")):
        (repo / "agreements" / name).write_bytes(data)
        _git(repo, "add", "-N", f"agreements/{name}")
    result = _run("diff", "--as-of", AS_OF)
    assert result.exit_code == 1
    assert "no changes" not in result.stdout
    assert result.stderr.startswith("agreements/new-2025.yaml:5:1: error[SV001] YAML syntax error")
    assert "agreements/typo-2025.yaml:1:7: error[" in result.stderr
    assert "agreements/new-2025.yaml (HEAD → working tree)\n  could not be read (see the errors)\n" in result.stdout
    assert "agreements/typo-2025.yaml (HEAD → working tree)\n  could not be read (see the errors)\n" in result.stdout


def test_a_broken_file_does_not_hide_the_others(repo: Path) -> None:
    (repo / "agreements" / "plan.yaml").write_bytes(INVALID.read_bytes())
    _git(repo, "commit", "-q", "-am", "a mistake in the plan")
    result = _run("diff", "main...", "--as-of", AS_OF, "-f", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith("HEAD:agreements/plan.yaml:10:13: error[SV023]")
    data = json.loads(result.stdout)
    assert [(f["new"], f["status"]) for f in data["files"]] == [
        ("HEAD:agreements/plan.yaml", "unreadable"),
        ("HEAD:agreements/vasby.yaml", "changed"),
    ]
    assert _aspects(data, 1) == {"period", "extensions", "meetings", "deadlines"}


def test_a_plan_in_git_is_read_with_its_agreement_at_each_revision(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The context of a version from git is that revision's: the agreement a plan belongs to
    is found even when the working tree no longer has it."""
    uppsala = ROOT / "agreements" / "uppsala"
    shutil.copyfile(uppsala / "uppsala-2014.yaml", repo / "agreements" / "uppsala-2014.yaml")
    plan = (uppsala / "uppsala-2014-handlingsplan.yaml").read_text(encoding="utf-8")
    (repo / "agreements" / "uppsala-plan.yaml").write_text(plan, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "uppsala")
    (repo / "agreements" / "uppsala-plan.yaml").write_text(plan.replace("type: tertial", "type: yearly"), "utf-8")
    _git(repo, "commit", "-q", "-am", "yearly")
    (repo / "agreements" / "uppsala-2014.yaml").unlink()
    result = _run("diff", "HEAD~1", "HEAD", "--as-of", "2014-02-01", "--", "agreements/uppsala-plan.yaml")
    assert result.exit_code == 0, result.output
    assert "no longer: tertial follow-up" in result.stdout

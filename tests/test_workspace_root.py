"""A workspace that knows its root: one file can be checked on its own.

The cross-file rules read the other files of the named files' workspace (their ``agreements/``
folder under the root, or the whole root a configuration file marks, or their own folder), and
only the named files are reported on.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from samverkan import api
from samverkan.cli import app
from samverkan.config import find_root
from samverkan.context import context_folders, is_document
from samverkan.lifecycle import subjects

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
BUNDLED = sorted(AGREEMENTS.rglob("*.yaml"))


@pytest.fixture(autouse=True)
def _cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(tmp_path / "cache"))


def _validate(*args: str) -> Result:
    return CliRunner().invoke(app, ["validate", "--format", "concise", *args])


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_bundled_file_passes_on_its_own(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = _validate(str(path.relative_to(ROOT)))
    assert result.exit_code == 0, result.output
    assert "1 file checked: 0 errors, 0 warnings" in result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A scratch git repository with a copy of the bundled agreements and other YAML."""
    repo = tmp_path / "repo"
    shutil.copytree(AGREEMENTS, repo / "agreements")
    (repo / ".git").mkdir()
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text("on: push\njobs: {}\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    (repo / "agreements" / "notes.yaml").write_text("todo: [ask the police]\n", encoding="utf-8")
    (repo / "tests").mkdir()
    # A fixture elsewhere in the repository with the id of a bundled agreement: not context.
    shutil.copy(AGREEMENTS / "uppsala" / "uppsala-2024.yaml", repo / "tests" / "uppsala-2024.yaml")
    return repo


def test_the_root_is_the_git_root(repo: Path) -> None:
    assert find_root(repo / "agreements" / "uppsala" / "uppsala-2014.yaml") == (repo, False)
    assert find_root(repo / "agreements" / "uppsala") == (repo, False)
    (repo / "samverkan.toml").write_text("strict = false\n", encoding="utf-8")
    assert find_root(repo / "agreements" / "uppsala") == (repo, True)


def test_a_git_worktree_has_a_git_file(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_root(tmp_path / "a" / "b" / "x.yaml") == (tmp_path, False)


def test_one_file_of_the_linked_chain_in_a_scratch_repository(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    for name in ("uppsala-2014.yaml", "uppsala-2014-handlingsplan.yaml", "uppsala-2024.yaml"):
        result = _validate(f"agreements/uppsala/{name}")
        assert result.exit_code == 0, result.output
        assert "notes.yaml" not in result.stdout and "tests/" not in result.stdout
        assert "1 file checked: 0 errors, 0 warnings" in result.stdout
    assert context_folders([Path("agreements/uppsala/uppsala-2014.yaml")]) == [(Path("agreements"), True)]


def test_from_another_folder_with_an_absolute_path(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _validate(str(repo / "agreements" / "uppsala" / "uppsala-2014.yaml"))
    assert result.exit_code == 0, result.output


def test_a_copy_with_an_unchanged_id_is_found_against_the_context(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    shutil.copy(repo / "agreements" / "uppsala" / "uppsala-2024.yaml", repo / "agreements" / "uppsala-2028.yaml")
    result = _validate("agreements/uppsala-2028.yaml")
    assert result.exit_code == 1
    assert "agreements/uppsala-2028.yaml:8:5: error[SV106] id 'uppsala-2024' is already used at" in result.stdout
    assert "1 file checked: 1 error" in result.stdout


def test_only_the_named_files_are_reported(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken file in the context says nothing when another file is checked."""
    monkeypatch.chdir(repo)
    (repo / "agreements" / "broken.yaml").write_text("kind: agreement\nid: [\n", encoding="utf-8")
    result = _validate("agreements/umea/umea-2021.yaml")
    assert result.exit_code == 0, result.output
    assert "broken.yaml" not in result.stdout


def test_a_changed_context_file_is_not_answered_from_the_cache(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    plan = "agreements/uppsala/uppsala-2014-handlingsplan.yaml"
    assert _validate(plan).exit_code == 0
    agreement = repo / "agreements" / "uppsala" / "uppsala-2014.yaml"
    agreement.write_text(
        agreement.read_text(encoding="utf-8").replace("id: uppsala-2014\n", "id: uppsala-2014b\n", 1), encoding="utf-8"
    )
    result = _validate(plan)
    assert result.exit_code == 1, result.output
    assert "error[SV113]" in result.stdout


def test_a_configuration_file_marks_the_whole_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "samverkan.toml").write_text("strict = false\n", encoding="utf-8")
    for path in (AGREEMENTS / "uppsala").glob("*.yaml"):
        target = tmp_path / ("planer" if "handlingsplan" in path.name else "avtal") / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(
            path.read_bytes().replace(
                b"file: uppsala-2014-handlingsplan", b"file: ../planer/uppsala-2014-handlingsplan"
            )
        )
    monkeypatch.chdir(tmp_path)
    result = _validate("planer/uppsala-2014-handlingsplan.yaml")
    assert result.exit_code == 0, result.output


def test_without_a_root_the_files_own_folder_is_the_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in (AGREEMENTS / "uppsala").glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.chdir(tmp_path)
    assert _validate("uppsala-2014.yaml").exit_code == 0
    (tmp_path / "uppsala-2010.yaml").unlink()
    result = _validate("uppsala-2014.yaml")
    assert result.exit_code == 1 and "error[SV107]" in result.stdout


def test_is_document() -> None:
    assert is_document(b"# comment\nkind: agreement\nid: x\n")
    assert is_document(b"id: x\nkind: 'action-plan'  # a plan\r\n")
    assert not is_document(b"repos: []\n")
    assert not is_document(b"  kind: agreement\n")  # not at the top level
    assert not is_document(b"kind: pipeline\n")
    assert not is_document(None)


DAYS = [dt.date(2013, 12, 31), dt.date(2014, 1, 1), dt.date(2014, 6, 1), dt.date(2022, 5, 21), dt.date(2024, 6, 1)]


def _obligations(paths: list[Path], day: dt.date) -> set[tuple[str, str, str, dt.date, str]]:
    result = api.due(paths, api.DueQuery(as_of=day, everything=True))
    assert not result.problems
    return {(o.document, o.agreement, o.key, o.due, o.state.value) for o in result.obligations}


def _states(paths: list[Path], day: dt.date) -> dict[str, tuple[str, str | None]]:
    found, problems = api.status(paths, day)
    assert not problems
    return {s.id: (s.state.value, s.detail) for chain in found for s in chain.agreements}


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
@pytest.mark.parametrize("day", DAYS, ids=str)
def test_a_file_named_alone_has_the_deadlines_and_states_it_has_among_the_others(
    path: Path, day: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``due`` and ``status`` of one file know the agreement that replaces it and the action plan
    kept beside it: what they say of it is what they say of it with the whole folder."""
    monkeypatch.chdir(ROOT)
    alone = _obligations([path], day)
    everything = _obligations([AGREEMENTS], day)
    assert alone <= everything
    workspace, _ = api.load_valid([path])
    ids = {(s.kind, s.id) for s in subjects(workspace)}
    assert {o for o in alone if o[:2] in ids} == {o for o in everything if o[:2] in ids}
    states = _states([path], day)
    assert states.items() <= _states([AGREEMENTS], day).items()


def test_a_configuration_file_above_the_git_root_does_not_widen_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clones of the same agreements under a folder with a ``samverkan.toml``: each clone is
    its own workspace, and the other's copies are not ids used twice."""
    (tmp_path / "samverkan.toml").write_text("strict = false\n", encoding="utf-8")
    for clone in ("a", "b"):
        shutil.copytree(AGREEMENTS, tmp_path / clone / "agreements")
        (tmp_path / clone / ".git").mkdir()
    assert find_root(tmp_path / "a" / "agreements" / "umea") == (tmp_path / "a", False)
    assert find_root(tmp_path / "b") == (tmp_path / "b", False)
    assert find_root(tmp_path) == (tmp_path, True)
    monkeypatch.chdir(tmp_path / "a")
    result = _validate("agreements/")
    assert result.exit_code == 0, result.output
    assert "SV106" not in result.stdout and "../b" not in result.stdout
    due = CliRunner().invoke(
        app, ["due", "agreements/umea/umea-2021.yaml", "--as-of", "2022-05-21", "--format", "json"]
    )
    assert due.exit_code == 0, due.output
    assert "umea-2021" in due.stdout


@pytest.fixture
def dup(tmp_path: Path) -> Path:
    """A repository with two files of the same id in two folders."""
    (tmp_path / ".git").mkdir()
    for town in ("umea", "uppsala"):
        (tmp_path / "agreements" / town).mkdir(parents=True)
    text = (AGREEMENTS / "umea" / "umea-2021.yaml").read_text(encoding="utf-8")
    (tmp_path / "agreements" / "umea" / "x.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "agreements" / "uppsala" / "y.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _sv106(result: Result) -> list[str]:
    return [line for line in result.stdout.splitlines() if "SV106" in line]


def test_which_of_two_named_files_is_reported_does_not_depend_on_the_current_folder(
    dup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(dup)
    from_root = _sv106(_validate("agreements/umea/x.yaml", "agreements/uppsala/y.yaml"))
    monkeypatch.chdir(dup / "agreements" / "umea")
    from_umea = _sv106(_validate("x.yaml", "../uppsala/y.yaml"))
    assert len(from_root) == len(from_umea) == 1
    assert from_root[0].startswith("agreements/uppsala/y.yaml:")
    assert "is already used at agreements/umea/x.yaml:" in from_root[0]
    assert from_umea[0].startswith("../uppsala/y.yaml:")
    assert "is already used at x.yaml:" in from_umea[0]


def test_a_file_named_alone_is_reported_against_the_same_copy_from_any_folder(
    dup: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy named is the one reported, whichever comes first, and names the other one."""
    for cwd, named, other in (
        (dup, "agreements/umea/x.yaml", "agreements/uppsala/y.yaml"),
        (dup / "agreements" / "umea", "x.yaml", "../uppsala/y.yaml"),
        (dup / "agreements" / "uppsala", "../umea/x.yaml", "y.yaml"),
    ):
        monkeypatch.chdir(cwd)
        found = _sv106(_validate(named))
        assert len(found) == 1 and found[0].startswith(f"{named}:"), found
        at = found[0].split(" is already used at ")[1].rsplit(":", 2)[0]
        assert (cwd / at).resolve() == (cwd / other).resolve(), found


@pytest.mark.parametrize("name", ["kopia.yaml", "aaa.yaml", "zz-ny.yaml"])
def test_a_copy_is_reported_whatever_its_name(repo: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Copying an agreement to start another keeps its id until it is changed: the copy is the
    one reported (SV106) and left out of due, not the original named after its id."""
    monkeypatch.chdir(repo)
    original = Path("agreements/upplands-vasby/upplands-vasby-2021.yaml")
    copy = original.with_name(name)
    shutil.copy(original, copy)
    result = _validate("agreements/upplands-vasby")
    assert result.exit_code == 1
    assert f"{copy}:7:5: error[SV106] id 'upplands-vasby-2021' is already used at {original}:7:5" in result.stdout
    assert f"{original}:7:5: error[SV106]" not in result.stdout
    due = CliRunner().invoke(app, ["due", "agreements/upplands-vasby", "--as-of", "2022-05-21"])
    assert due.exit_code == 1
    assert "upplands-vasby-2021" in due.stdout
    assert f"1 file left out because of errors: {copy}" in due.stderr

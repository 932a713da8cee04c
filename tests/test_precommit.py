"""samverkan as a pre-commit hook, in a scratch git repository, as another repository uses it.

The hook repository is a snapshot of this checkout's working tree (the files a build needs,
committed in a temporary repository), so the test runs the code as it is, on a fresh clone in CI
as well as with uncommitted changes. pre-commit builds the hook's environment once for the
module (``PRE_COMMIT_HOME`` in a temporary folder); each test makes its own user repository.
"""

from __future__ import annotations

import os
import shutil
import site
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samverkan.cli import app

pre_commit = pytest.importorskip("pre_commit", reason="pip install -e '.[test]' installs pre-commit")

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
BUILD = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "src", "templates")
"""What pip needs to install samverkan from the hook repository."""

USER_CONFIG = """\
# The user's own configuration: samverkan must never rewrite it.
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: samverkan-validate
"""


def _git(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "SAMVERKAN_"))}
    env.update(
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        SAMVERKAN_CACHE_DIR=str(home / "samverkan-cache"),
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        LANG="C.UTF-8",
    )
    env.pop("GITHUB_ACTIONS", None)  # the text format, as on a laptop
    # pre-commit itself must import; the hook must not see this checkout's src on a path.
    where = str(Path(pre_commit.__file__).resolve().parent.parent)
    env.pop("PYTHONPATH", None)
    if where not in {str(Path(p).resolve()) for p in site.getsitepackages()}:
        env["PYTHONPATH"] = where
    return env


def _pre_commit(cwd: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str, dict[str, str]]]:
    """The hook repository (a snapshot of the working tree), its commit, and the environment;
    the hook's environment built once, by ``pre-commit install-hooks`` in a first user repository."""
    home = tmp_path_factory.mktemp("precommit")
    env = _environment(home)
    snapshot = home / "samverkan"
    snapshot.mkdir()
    for name in BUILD:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, snapshot / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, snapshot / name)
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "-m", "snapshot")):
        assert _git(snapshot, *args, env=env).returncode == 0
    rev = _git(snapshot, "rev-parse", "HEAD", env=env).stdout.strip()
    first = _user_repository(home / "first", snapshot, rev, env)
    built = _pre_commit(first, "install-hooks", env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    yield snapshot, rev, env


def _user_repository(where: Path, hook_repo: Path, rev: str, env: dict[str, str]) -> Path:
    """A user's repository: the bundled agreements, other YAML, their own pre-commit configuration,
    the hook installed, everything committed (without running the hook)."""
    shutil.copytree(AGREEMENTS, where / "agreements")
    (where / ".pre-commit-config.yaml").write_text(USER_CONFIG.format(repo=hook_repo, rev=rev), encoding="utf-8")
    (where / "docker-compose.yml").write_text("services: {}\n", encoding="utf-8")
    for args in (("init", "-q"), ("add", "-A"), ("commit", "-q", "--no-verify", "-m", "start")):
        assert _git(where, *args, env=env).returncode == 0
    return where


@pytest.fixture
def user(hook: tuple[Path, str, dict[str, str]], tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    hook_repo, rev, env = hook
    repo = _user_repository(tmp_path / "user", hook_repo, rev, env)
    installed = _pre_commit(repo, "install", env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    config = (repo / ".pre-commit-config.yaml").read_bytes()
    yield repo, env
    assert (repo / ".pre-commit-config.yaml").read_bytes() == config  # never touched


def _commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    assert _git(repo, "add", "-A", env=env).returncode == 0
    return _git(repo, "commit", "-m", message, env=env)


def test_a_good_commit_passes(user: tuple[Path, dict[str, str]]) -> None:
    repo, env = user
    path = repo / "agreements" / "umea" / "umea-2021.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    (repo / "docker-compose.yml").write_text("services: {web: {}}\n", encoding="utf-8")
    result = _commit(repo, env, "a good change")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "samverkan validate" in result.stdout + result.stderr and "Passed" in result.stdout + result.stderr


def test_a_bad_commit_is_blocked_with_the_located_message(user: tuple[Path, dict[str, str]]) -> None:
    repo, env = user
    path = repo / "agreements" / "upplands-vasby" / "upplands-vasby-2021.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  end: 2022-12-31\n" in text
    path.write_text(text.replace("  end: 2022-12-31\n", "  end: 2022-02-30\n", 1), encoding="utf-8")
    result = _commit(repo, env, "a bad change")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "agreements/upplands-vasby/upplands-vasby-2021.yaml:27:8: error[SV023] period.end: 2022-02-30" in output
    assert "Failed" in output
    assert _git(repo, "rev-list", "--count", "HEAD", env=env).stdout.strip() == "1"  # nothing committed


def test_one_file_of_the_linked_uppsala_chain_passes(user: tuple[Path, dict[str, str]]) -> None:
    repo, env = user
    path = repo / "agreements" / "uppsala" / "uppsala-2014.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# checked against the case memo\n", encoding="utf-8")
    plan = repo / "agreements" / "uppsala" / "uppsala-2014-handlingsplan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# likewise\n", encoding="utf-8")
    result = _commit(repo, env, "one file of the chain")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_file_passes_and_other_yaml_is_not_checked(user: tuple[Path, dict[str, str]]) -> None:
    repo, env = user
    result = _pre_commit(repo, "run", "--all-files", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SV021" not in result.stdout


# --documents-only, as the hook runs validate ------------------------------------------------


def test_documents_only_passes_over_other_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / ".git").mkdir()
    shutil.copytree(AGREEMENTS, tmp_path / "agreements")
    Path(".pre-commit-config.yaml").write_text("repos: []\n", encoding="utf-8")
    files = [".pre-commit-config.yaml", "agreements/umea/umea-2021.yaml"]
    plain = CliRunner().invoke(app, ["validate", "--format", "concise", *files])
    assert plain.exit_code == 1 and ".pre-commit-config.yaml:1:1: error[SV021]" in plain.stdout
    hooked = CliRunner().invoke(app, ["validate", "--format", "concise", "--documents-only", *files])
    assert hooked.exit_code == 0, hooked.stdout
    assert "1 file checked" in hooked.stdout


def test_documents_only_still_checks_the_agreements_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SAMVERKAN_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / ".git").mkdir()
    (tmp_path / "agreements").mkdir()
    Path("agreements/notes.yaml").write_text("todo: [ask the police]\n", encoding="utf-8")
    Path("elsewhere.yaml").write_text("kind: agreement\nid: x\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["validate", "--format", "concise", "--documents-only", "agreements/notes.yaml", "elsewhere.yaml"]
    )
    assert result.exit_code == 1
    assert "agreements/notes.yaml:1:1: error[SV021] missing required key 'kind'" in result.stdout
    assert "elsewhere.yaml:1:1: error[SV021] missing required key 'title'" in result.stdout  # a document: checked
    assert "2 files checked" in result.stdout


def test_the_hook_takes_the_suffixes_discovery_reads_in_any_case() -> None:
    """pre-commit matches ``files`` with Python's ``re``: ``x.YAML`` is read by discovery, so
    the hook must run on it too."""
    import re

    from ruamel.yaml import YAML

    (hook,) = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook["files"])
    for path in ("agreements/x.yaml", "agreements/umea/x.YAML", "sub/agreements/x.Yml", "agreements/x.yml"):
        assert files.search(path), path
    for path in ("agreements/x.yaml.bak", "agreements/x.txt", "notes/x.yaml", "x.yaml"):
        assert not files.search(path), path

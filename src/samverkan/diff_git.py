"""The versions ``samverkan diff`` compares, read from git through its command line.

A revision range is what ``git diff`` takes: nothing (``HEAD`` against the working tree), ``A``
(``A`` against the working tree), ``A B`` or ``A..B`` (``A`` against ``B``; a side left out is
``HEAD``) and ``A...B`` (the merge base of ``A`` and ``B`` against ``B``; ``main...`` for a pull
request: what the branch changed since it left ``main``). Every failure (git missing, not a
repository, an unknown revision) is a :class:`GitError` with a message that names it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .diff import Version, from_file
from .discovery import is_yaml_name
from .i18n import N_, MessageError

WORKING_TREE = None
"""The new side of a range that ends in the working tree."""


class GitError(MessageError):
    """git could not give what was asked."""


class GitMissing(GitError):
    """There is no git to ask."""


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise GitMissing(N_("git is not installed (or not on PATH); compare two files instead")) from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(N_("git {args}: {error}", args=" ".join(args), error=said[-1] if said else str(done.returncode)))
    return done.stdout


@dataclass(frozen=True)
class Range:
    """The old revision, and the new one (``None``: the working tree)."""

    old: str
    new: str | None


def _commit(rev: str, cwd: Path) -> str:
    try:
        return _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], cwd).decode().strip()
    except GitMissing:
        raise
    except GitError:
        _git(["rev-parse", "--show-toplevel"], cwd)  # says "not a git repository" when it is not one
        raise GitError(N_("unknown revision '{rev}'", rev=rev)) from None


def resolve(revisions: Sequence[str], cwd: Path) -> Range:
    """The range that ``revisions`` (as ``git diff`` takes them) names."""
    if len(revisions) > 2:
        raise GitError(N_("give at most two revisions, or one range A..B or A...B"))
    if not revisions:
        _commit("HEAD", cwd)
        return Range("HEAD", WORKING_TREE)
    if len(revisions) == 2:
        old, new = revisions
        _commit(old, cwd)
        _commit(new, cwd)
        return Range(old, new)
    rev = revisions[0]
    if "..." in rev:
        left, right = rev.split("...", 1)
        left, right = left or "HEAD", right or "HEAD"
        base = _git(["merge-base", _commit(left, cwd), _commit(right, cwd)], cwd).decode().strip()
        return Range(base, right)
    if ".." in rev:
        left, right = rev.split("..", 1)
        left, right = left or "HEAD", right or "HEAD"
        _commit(left, cwd)
        _commit(right, cwd)
        return Range(left, right)
    _commit(rev, cwd)
    return Range(rev, WORKING_TREE)


def changed_files(span: Range, paths: Sequence[str], cwd: Path) -> list[str]:
    """The YAML files that differ between the two sides, relative to ``cwd``, sorted."""
    args = ["diff", "--name-only", "--no-renames", "--relative", "-z", span.old]
    if span.new is not None:
        args.append(span.new)
    names = _git([*args, "--", *paths], cwd).decode("utf-8", "surrogateescape").split("\0")
    return sorted(n for n in names if n and is_yaml_name(n))


def show(rev: str, path: str, cwd: Path) -> bytes | None:
    """The file at ``path`` (relative to ``cwd``) in ``rev``; ``None`` when it is not there."""
    spec = f"{rev}:./{path}"
    try:
        _git(["cat-file", "-e", spec], cwd)
    except GitMissing:
        raise
    except GitError:
        return None
    return _git(["cat-file", "blob", spec], cwd)


def files_at(rev: str, folder: str, whole: bool, cwd: Path) -> list[tuple[str, bytes]]:
    """The YAML files in ``folder`` (relative to ``cwd``; ``whole``: and its subfolders, hidden
    ones left out) in ``rev``, with their bytes, sorted by path."""
    args = ["ls-tree", "-z", "--name-only", *(["-r"] if whole else []), rev, "--", f"{folder.rstrip('/')}/"]
    names = _git(args, cwd).decode("utf-8", "surrogateescape").split("\0")
    wanted = sorted(
        n for n in names if n and is_yaml_name(n) and not any(p.startswith(".") for p in Path(n).parts if p != "..")
    )
    if not wanted:
        return []
    batch = _git(
        ["cat-file", "--batch"], cwd, "".join(f"{rev}:./{n}\n" for n in wanted).encode("utf-8", "surrogateescape")
    )
    out: list[tuple[str, bytes]] = []
    at = 0
    for name in wanted:
        end = batch.index(b"\n", at)
        header = batch[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # missing, or a submodule
        size = int(header[2])
        out.append((name, batch[at : at + size]))
        at += size + 1
    return out


def label(rev: str | None, path: str) -> str:
    """``HEAD~1:agreements/x.yaml``, or the path itself in the working tree."""
    return path if rev is None else f"{rev}:{path}"


def version(rev: str | None, path: str, cwd: Path) -> Version:
    """The file at ``path`` in ``rev`` (``None``: the working tree)."""
    if rev is None:
        return from_file(label(rev, path), cwd / path, path)
    return Version(label(_short(rev), path), show(rev, path, cwd), path, _short(rev))


def _short(rev: str) -> str:
    """A merge base's full hash shortened for labels; names stay as given."""
    return rev[:12] if len(rev) == 40 and all(c in "0123456789abcdef" for c in rev) else rev


__all__ = ["GitError", "GitMissing", "Range", "changed_files", "files_at", "label", "resolve", "show", "version"]

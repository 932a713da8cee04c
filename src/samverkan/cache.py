"""A cache of results, keyed by file content, samverkan's code and the configuration.

Entries of these kinds, all in one folder that is safe to delete at any time
(``$SAMVERKAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/samverkan``, else ``~/.cache/samverkan``):

* **a loaded file**: the parsed and validated file (``checked``: with the findings of the rules'
  per-file parts; ``summary``: its document reduced to its summary, for ``validate``;
  ``lifecycle``: to its lifecycle summary, for ``due`` and ``status``), keyed by its path, its
  bytes and the code;
* **a linked file's findings** (``linked``): those of an action-plan or citizen-promise file
  checked against its agreement, keyed by the file's key and that of its agreement's file;
* **a file's places** (``places``): the lines and columns of its values and keys, once read;
* **the cross-file findings** (``across``): those of the rules' cross-file parts over the
  summaries of a run's files, keyed by the current folder and each file's path and summary's
  fingerprint, kept with the keys of the files their lines and columns were read from;
* **a command's output**: what ``validate``, ``due`` or ``status`` printed and its exit code,
  keyed by the command, its options, the date, the configuration, the code and the path and
  bytes of every file it read.

The code's fingerprint covers samverkan's version, every module file and compiled catalog (size
and modification time), Python's version, and the top-level files of Pydantic, its core and
yaml-rs, so an edited or upgraded samverkan never reads an old entry. An entry that cannot be
read is a miss. This module imports nothing heavy: a warm run never imports the schema (Typer
itself imports Pydantic).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__

_FORMAT = 2


def cache_dir() -> Path:
    explicit = os.environ.get("SAMVERKAN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "samverkan"


def disabled_by_environment() -> bool:
    return os.environ.get("SAMVERKAN_NO_CACHE", "") not in ("", "0")


@cache
def code_fingerprint() -> str:
    """What identifies the code that computed an entry: samverkan's version and Python's, and
    the name, size and time of each file of samverkan's code and templates and of the installed
    packages whose code decides what it reads (read with ``os.scandir``: every run asks, and a
    one-file run has some 200 files to look at)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_FORMAT}|{__version__}|{sys.version}".encode())
    for folder in _installed("pydantic", "pydantic_core", "yaml_rs"):  # an upgrade rewrites these
        _digest_files(digest, str(folder), "", (".py", ".so", ".pyd"), deep=False)
    roots = [package]
    templates = package.parent.parent / "templates"
    if templates.is_dir():
        roots.append(templates)
    for root in roots:
        _digest_files(digest, str(root), "", (".py", ".html", ".md", ".css", ".json", ".mo"), deep=True)
    return digest.hexdigest()


def _digest_files(
    digest: hashlib.blake2b, folder: str, relative: str, suffixes: tuple[str, ...], *, deep: bool
) -> None:
    """Add to ``digest`` the relative path, size and modification time of each file in
    ``folder`` whose name ends in one of ``suffixes``, in name order; with ``deep``, of each
    folder below it too, except ``__pycache__`` and links to folders (as ``Path.rglob``)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        name = f"{relative}/{entry.name}" if relative else entry.name
        if entry.is_dir(follow_symlinks=False):  # a link to a folder is not followed (a loop, a large tree)
            if deep and entry.name != "__pycache__":
                _digest_files(digest, entry.path, name, suffixes, deep=True)
        elif entry.name.endswith(suffixes) and entry.is_file():
            stat = entry.stat()
            digest.update(f"{name}|{stat.st_size}|{stat.st_mtime_ns}".encode())


def _installed(*names: str) -> list[Path]:
    """The folders of installed packages whose code decides what samverkan reads and reports
    (Pydantic, its core, the fast YAML reader), found without importing them."""
    from importlib.util import find_spec

    folders: list[Path] = []
    for name in names:
        spec = find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            folders.extend(Path(location) for location in spec.submodule_search_locations)
    return folders


def digest(data: bytes | memoryview) -> bytes:
    """The digest by which the cache knows bytes: a file's, a summary's."""
    return hashlib.blake2b(data, digest_size=20).digest()


def digest_bytes(data: bytes) -> str:
    return digest(data).hex()


@dataclass(frozen=True)
class Cache:
    """A cache folder. ``None`` in place of a Cache means: do not cache."""

    folder: Path

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> Any:
        try:
            with self._path(kind, key).open("rb") as handle:
                return pickle.load(handle)
        except Exception:  # noqa: BLE001 - a missing, partial or foreign entry is a miss
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        target = self._path(kind, key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            Path(tmp).replace(target)
        except OSError:
            return  # a read-only or full disk: go on without caching


def open_cache(enabled: bool = True) -> Cache | None:
    if not enabled or disabled_by_environment():
        return None
    return Cache(cache_dir())


def _reading() -> str:
    """How files are read (:mod:`samverkan.quick`): the fast read or the located one give the
    same results, but each keeps its own entries, so that a difference could never be hidden
    by an answer the other way kept."""
    from .quick import enabled

    return "fast" if enabled() else "located"


def file_key(path: str, digest: bytes) -> str:
    """The key of one file's loaded form: its path and the :func:`digest`
    of its bytes."""
    return digest_bytes(f"{code_fingerprint()}|{_reading()}|{path}|".encode() + digest)


def across_key(where: str, files: Iterable[tuple[str, bytes]]) -> str:
    """The key of the cross-file findings over summaries: the current folder (files are put in
    order by absolute path) and each file's path and summary's
    :func:`~samverkan.summary.fingerprint`, in the rules' order."""
    return _keyed(where, files)


def run_key(parts: Sequence[object], files: Iterable[tuple[str, bytes]]) -> str:
    """The key of a command's output: its parts (command, options, date, settings) and its
    files' paths with the :func:`digest` of their bytes (empty: unreadable)."""
    return _keyed(repr(tuple(parts)), files)


def _keyed(head: str, files: Iterable[tuple[str, bytes]]) -> str:
    """A key made from the code, the way files are read, ``head`` and each path with its digest."""
    key = hashlib.blake2b(digest_size=20)
    key.update(f"{code_fingerprint()}|{_reading()}|{head}".encode())
    for path, file_digest in files:
        key.update(f"\0{path}\0{len(file_digest)}\0".encode())
        key.update(file_digest)
    return key.hexdigest()

"""One run of a command, the same way for every command: discover, answer from the cache or
compute, and give the output back (``validate``, ``due`` and ``status``).

1. **Discover** the files under the paths and the other files of their workspace, and read
   their bytes (:func:`samverkan.context.read_with_context`), keeping at most
   :data:`~samverkan.discovery.BYTES_KEPT` of them until the files are loaded.
2. **Replay** a run's output from the cache when the command, its options, the date, the
   language, the configuration and the bytes of every file are those of a run before; only
   when the output does not depend on a terminal.
3. Else **compute**: ``produce`` is given what was discovered and calls :mod:`samverkan.api`,
   which loads each file from the per-file cache where its bytes are known, else reads it (in
   workers with ``--jobs``), then runs the cross-file rules and the command's own work; the
   output is stored for the next run.

The commands in :mod:`samverkan.cli` only parse their options, call :func:`run` and print.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .cache import open_cache, run_key
from .context import read_with_context

if TYPE_CHECKING:
    from .cache import Cache
    from .discovery import Found

Produce = Callable[["Cache | None", "Found", TextIO, TextIO], int]
"""What a command computes and prints: given the cache, the files discovered, stdout and
stderr; returns the exit code."""


@dataclass(frozen=True)
class Output:
    """What a run printed and its exit code."""

    out: str
    err: str
    code: int


def replayable() -> bool:
    """Whether output may come from the cache: it does not depend on a terminal."""
    return not sys.stdout.isatty() and not os.environ.get("FORCE_COLOR") and not os.environ.get("TTY_COMPATIBLE")


def run(
    command: str,
    options: object,
    paths: Sequence[Path],
    produce: Produce,
    *,
    use_cache: bool = True,
    replay: bool = True,
    language: str = "",
) -> Output | int:
    """Run ``command`` on ``paths``: its :class:`Output` (from the cache or computed), or, when
    it may not be replayed (``replay`` false or no cache), the exit code of ``produce`` having
    written to ``sys.stdout`` and ``sys.stderr`` directly (so a terminal sees colour)."""
    cache = open_cache(use_cache)
    found = read_with_context(paths)
    if cache is None or not replay:
        return produce(cache, found, sys.stdout, sys.stderr)
    problems = [d.sort_key() for d in found.problems]  # a missing path, a folder that cannot be read …
    unreadable = [str(p) for p, read in (*found.files, *found.context) if read is None]
    parts = (command, options, language, [str(p) for p in paths], str(Path.cwd()), problems, unreadable)
    key = run_key(parts, ((str(p), read.digest if read else b"") for p, read in (*found.files, *found.context)))
    hit = cache.get("run", key)
    if isinstance(hit, Output):
        return hit
    out, err = io.StringIO(), io.StringIO()
    code = produce(cache, found, out, err)
    output = Output(out.getvalue(), err.getvalue(), code)
    cache.put("run", key, output)
    return output

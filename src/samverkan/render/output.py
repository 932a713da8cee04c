"""Writing rendered documents: atomically, and only inside the output folder.

Each file is written to a temporary file in the same folder, flushed to disk and moved over
its name with :func:`os.replace`, so a reader sees the old file or the new one, never half a
file. A name that would land outside the folder (a separator, ``..``, a leading dot) is
refused before anything is written, whatever the ids allow.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType


class UnsafeOutput(ValueError):
    """An output name would leave the output folder."""


def safe_target(folder: Path, name: str, *, resolved: Path | None = None) -> Path:
    """``folder / name``, if that is a plain file name inside ``folder``; else :class:`UnsafeOutput`.
    ``resolved``: ``folder`` resolved already, by a caller that places many files in it."""
    if (
        not name
        or name in (".", "..")
        or name.startswith(".")
        or "/" in name
        or "\\" in name
        or "\0" in name
        or Path(name).name != name
    ):
        raise UnsafeOutput(f"refusing to write {name!r}: not a plain file name")
    root = folder.resolve() if resolved is None else resolved
    target = root / name
    # A plain name in a resolved folder stays in it unless the name is a symbolic link.
    if target.is_symlink() and target.resolve().parent != root:
        raise UnsafeOutput(f"refusing to write {name!r}: it would land outside {folder}")
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and ``os.replace``;
    an :class:`OSError` names ``target`` (its ``filename``), whatever step failed."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:  # named by the file the user will find, not by the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(target)  # os.replace: atomic within one folder
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise


class Writer:
    """Writes files with :func:`write_atomic` on background threads, so that the disk's part of
    each write (creating, syncing and renaming a file: waiting, mostly, without holding the GIL)
    overlaps the making of the next one.

    Use it as a context manager. No more than ``ahead`` files wait to be written, so memory
    stays bounded however many are made. Leaving the block waits for every write, also when the
    block raised (the files made before the error are written); the first error of a write is
    raised by the next :meth:`write` or on leaving, and no write is started after it."""

    def __init__(self, threads: int = 2, ahead: int = 32) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="samverkan-write")
        self._pending: deque[Future[None]] = deque()
        self._ahead = ahead
        self.written = 0
        """How many files have been written so far."""

    def write(self, target: Path, data: bytes) -> None:
        """Write ``data`` to ``target`` (a path already checked with :func:`safe_target`)."""
        pending = self._pending
        while pending and (pending[0].done() or len(pending) >= self._ahead):
            self._finish(pending.popleft())
        pending.append(self._pool.submit(write_atomic, target, data))

    def _finish(self, future: Future[None]) -> None:
        future.result()
        self.written += 1

    def __enter__(self) -> Writer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        try:
            while self._pending:
                future = self._pending.popleft()
                if kind is None:
                    self._finish(future)
                else:  # the block's own error wins; a write's error is only waited for
                    with contextlib.suppress(Exception):
                        self._finish(future)
        finally:
            for future in self._pending:
                future.cancel()
            self._pool.shutdown(wait=True)


def write_all(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Write each ``(name, data)`` inside ``folder`` (made if missing); every name is checked first."""
    root = folder.resolve()
    targets = [safe_target(folder, name, resolved=root) for name, _ in files]
    folder.mkdir(parents=True, exist_ok=True)
    with Writer() as writer:
        for target, (_, data) in zip(targets, files, strict=True):
            writer.write(target, data)
    return targets

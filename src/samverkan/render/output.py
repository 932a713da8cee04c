"""Writing rendered documents: atomically, and only inside the output folder.

Each file is written to a temporary file in the same folder, flushed to disk and moved over
its name with :func:`os.replace`, so a reader sees the old file or the new one, never half a
file (:class:`Writer` flushes many files at once). A name that would land outside the folder (a
separator, ``..``, a leading dot) is refused before anything is written, whatever the ids allow.
"""

from __future__ import annotations

import contextlib
import functools
import os
import secrets
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
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
    temp = _write_temp(target, data, sync=True)
    try:
        temp.replace(target)  # os.replace: atomic within one folder
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise OSError(exc.errno, exc.strerror, str(target)) from None


def _write_temp(target: Path, data: bytes, *, sync: bool = False, tag: str = "") -> Path:
    """``data`` in a new temporary file beside ``target`` (flushed to disk with ``sync``), its
    name ``.NAME.<tag><random>.tmp``; an :class:`OSError` names ``target``, and no temporary
    file is left after one (nor after an interrupt while it is written)."""
    temp = target.with_name(f".{target.name}.{tag}{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:  # named by the file the user will find, not by the temporary one
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    except BaseException:  # an interrupt (Ctrl-C) as the file was made
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise
    return temp


@functools.cache
def _syncfs() -> Callable[[int], int] | None:
    """Linux's ``syncfs(fd)``: flush the whole file system that holds ``fd`` to disk, in one call;
    None where the C library has none (then each file is flushed on its own)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        function: Callable[[int], int] = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    return function


def make_durable(paths: Sequence[Path]) -> None:
    """Flush the files at ``paths`` to disk: one ``syncfs`` for each file system they are on, where
    there is one (Linux), else an ``fsync`` of each file. An :class:`OSError` names the file."""
    syncfs = _syncfs()
    if syncfs is not None:
        flushed: set[int] = set()
        for path in paths:
            device = path.stat().st_dev
            if device in flushed:
                continue
            fd = os.open(path, os.O_RDONLY)
            try:
                if syncfs(fd) != 0:
                    import ctypes

                    code = ctypes.get_errno()
                    raise OSError(code, os.strerror(code), str(path))
            finally:
                os.close(fd)
            flushed.add(device)
        return
    for path in paths:
        fd = os.open(path, os.O_RDWR)  # fsync needs a file open for writing on some systems
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Writer:
    """Writes files atomically on background threads, so that the disk's part of each write
    overlaps the making of the next one, with one flush to disk for many files.

    Each file is written to a temporary file beside its name on a background thread. Every
    ``batch`` files, and on leaving, the finished temporary files are flushed to disk at once
    (:func:`make_durable`: one ``syncfs``) and each is moved over its name. So a reader, and the
    disk after a crash, sees the old file or the whole new one, as with :func:`write_atomic`; an
    ``fsync`` of each of 3,230 site pages took 0.6 to 0.8 s of an 8 s ``site`` run on ext4.

    Use it as a context manager. No more than ``ahead`` files wait to be written, so memory
    stays bounded however many are made. Leaving the block waits for every write, also when the
    block raised (the files made before the error are written); the first error of a write is
    raised by the next :meth:`write` or on leaving, and no write is started after it."""

    def __init__(self, threads: int = 2, ahead: int = 32, batch: int = 256) -> None:
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="samverkan-write")
        self._pending: deque[tuple[Path, Future[Path]]] = deque()
        self._written: list[tuple[Path, Path]] = []
        """``(temporary file, target)`` written, waiting for the flush."""
        self._ahead = ahead
        self._batch = batch
        self.written = 0
        """How many files have been moved over their names so far."""

    def write(self, target: Path, data: bytes) -> None:
        """Write ``data`` to ``target`` (a path already checked with :func:`safe_target`)."""
        pending = self._pending
        while pending and (pending[0][1].done() or len(pending) >= self._ahead):
            self._finish(*pending.popleft())
        pending.append((target, self._pool.submit(_write_temp, target, data)))

    def _finish(self, target: Path, future: Future[Path]) -> None:
        self._written.append((future.result(), target))
        if len(self._written) >= self._batch:
            self._flush()

    def _flush(self) -> None:
        """Flush the temporary files written to disk and move each over its name."""
        written, self._written = self._written, []
        _put_in_place(written, self._moved)

    def _moved(self) -> None:
        self.written += 1

    def __enter__(self) -> Writer:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        failure: Exception | None = None
        try:
            while self._pending:
                target, future = self._pending.popleft()
                if failure is not None:
                    future.cancel()  # no write is started after an error
                if future.cancelled():
                    continue
                try:
                    self._finish(target, future)
                except Exception as exc:  # noqa: BLE001 - the first is raised below, unless the block's wins
                    failure = failure or exc
            try:
                self._flush()
            except Exception as exc:  # noqa: BLE001 - as above
                failure = failure or exc
        finally:
            for _, future in self._pending:
                future.cancel()
            self._pool.shutdown(wait=True)
            _remove(self._written)
        if failure is not None and kind is None:
            raise failure


def write_all(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Write each ``(name, data)`` inside ``folder`` (made if missing), all or nothing, as
    :func:`write_each` does."""
    return write_each(folder, [name for name, _ in files], (data for _, data in files))


def write_each(folder: Path, names: Sequence[str], data: Iterator[bytes]) -> list[Path]:
    """Write the files ``names`` inside ``folder`` (made if missing), each with the next bytes of
    ``data``, made as it is asked for (``render --out``: a document made, written and let go of
    before the next is made). Every name is checked first (:class:`UnsafeOutput`). Each file is
    written to a temporary file beside its name; only when ``data`` has given them all are they
    flushed to disk at once (:func:`make_durable`) and moved over their names, so that an error
    in making them (a template's) or in writing them (a full disk) leaves the folder as it was,
    without a temporary file (and not there, if it was not). The paths written, in ``names``' order."""
    targets = _targets(folder, names)
    written: list[tuple[Path, Path]] = []
    with _folder_made(folder), _swept(folder) as tag:
        for target in targets:  # next(data) bound to no name: nothing holds it once written
            written.append((_write_temp(target, next(data), tag=tag), target))
        _put_in_place(written, whole=True)
    return targets


def write_each_in_processes(folder: Path, names: Sequence[str], make: Callable[[int], bytes], jobs: int) -> list[Path]:
    """:func:`write_each`, the bytes of file ``i`` made by ``make(i)`` in ``jobs`` processes
    (:func:`~.processes.made_in_processes`): each process writes the temporary files of those
    it makes, and once every one is made this one flushes them to disk at once and moves them
    over their names. After an error, every temporary file of the run is removed, those of a
    process that was killed too (they are known by the run's tag in their names)."""
    from .processes import made_in_processes

    targets = _targets(folder, names)
    with _folder_made(folder), _swept(folder) as tag:
        temps = made_in_processes(len(targets), lambda i: _write_temp(targets[i], make(i), tag=tag), jobs)
        _put_in_place(list(zip(temps, targets, strict=True)), whole=True)
    return targets


@contextlib.contextmanager
def _swept(folder: Path) -> Iterator[str]:
    """A tag for the names of one run's temporary files in ``folder``; after an error (or an
    interrupt), every temporary file with it is removed, whichever process wrote it and
    whether or not it was told of it."""
    tag = f"{secrets.token_hex(4)}-"
    try:
        yield tag
    except BaseException:
        for temp in folder.glob(f".*.{tag}*.tmp"):
            with contextlib.suppress(OSError):
                temp.unlink()
        raise


def _targets(folder: Path, names: Sequence[str]) -> list[Path]:
    root = folder.resolve()
    return [safe_target(folder, name, resolved=root) for name in names]


@contextlib.contextmanager
def _folder_made(folder: Path) -> Iterator[None]:
    """``folder`` made if missing; after an error, the folders made for it are removed again,
    if nothing was moved into them."""
    root = folder.resolve()
    made = [parent for parent in (root, *root.parents) if not parent.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    try:
        yield
    except BaseException:
        for parent in made:
            with contextlib.suppress(OSError):
                parent.rmdir()
        raise


def _put_in_place(
    written: Sequence[tuple[Path, Path]], moved: Callable[[], None] | None = None, *, whole: bool = False
) -> None:
    """Flush the temporary files of ``written`` (``(temporary file, target)``) to disk at once
    (:func:`make_durable`) and move each over its target, calling ``moved`` after each; after an
    error, the temporary files not moved are removed. An :class:`OSError` names the target.
    ``whole``: a Ctrl-C while they are moved is held back until every one is (it then
    interrupts as it would have), so that a render's folder has all its new files or none."""
    done = 0
    try:
        if written:
            make_durable([temp for temp, _ in written])
        with _uninterrupted() if whole else contextlib.nullcontext():
            for temp, target in written:
                try:
                    temp.replace(target)  # os.replace: atomic within one folder
                except OSError as exc:
                    raise OSError(exc.errno, exc.strerror, str(target)) from None
                done += 1
                if moved is not None:
                    moved()
    finally:
        _remove(written[done:])  # not moved: an error


@contextlib.contextmanager
def _uninterrupted() -> Iterator[None]:
    """Ctrl-C (``SIGINT``) held back while the block runs, then handled as it would have been
    (a :class:`KeyboardInterrupt` with Python's own handler); as it comes outside the main
    thread, where a handler cannot be set."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught and callable(previous):
        previous(signal.SIGINT, None)


def _remove(written: Sequence[tuple[Path, Path]]) -> None:
    """Remove the temporary files of ``written``, as far as they can be."""
    for temp, _ in written:
        with contextlib.suppress(OSError):
            temp.unlink()

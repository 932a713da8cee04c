"""Making and writing many files in several processes at once (``samverkan site --jobs N``).

The work is numbered ``0 … count-1``; ``make(i)`` makes file ``i`` and says where it goes. The
calling process forks ``jobs - 1`` workers after everything the files are made from is in
memory, so each worker has it without a copy being sent (the pages are shared until written to),
and every process then takes a number not yet taken until none is left, the workers the first
one, the calling process the last (what it has worked out for itself, the site's overview with
its rows, serves the last files: the follow-up reports): a large file holds up one process, not
the others. Each process writes what it makes itself
(:class:`~samverkan.render.output.Writer`) and only a count, or an error, comes back. The
calling process may first make files of its own from what it works out only once the workers
are forked (``first``: the site's overview and its pages, while the workers render documents).

The same numbers give the same files whichever process makes them, so the output is the same
bytes as one process's; only the order in which the files appear differs. The first error stops
every process after the file it is making (the files made before it are written) and is raised
in the caller: its own error first, else a worker's, as the worker raised it where it can be
sent back (:mod:`pickle`), else as a :class:`RuntimeError` naming it.

Workers are started with :func:`os.fork` and leave with :func:`os._exit`: a worker never flushes
the streams it inherited (the caller's half-written output would be written twice) and never
takes a lock that another thread of the caller (a progress bar's) held when it forked.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from ..i18n import _
from .output import Writer

__all__ = ["made_in_processes", "write_in_processes"]

T = TypeVar("T")

_POLL = 0.1
"""Seconds between progress updates while the caller waits for its workers."""


_HELD_AT_MOST = 10.0
"""Seconds a process waits for the counters' lock. It is held for a few instructions, so a lock
held longer was taken by a worker that was killed (``SIGKILL``) before it let go: the wait ends
in an error (:class:`_LockLost`) instead of lasting for ever. A process that was stopped while
it waited (Ctrl-Z) tries once more for :data:`_ONCE_MORE` seconds after its time is up, so that
only a lock still held then is lost."""

_ONCE_MORE = 1.0


class _LockLost(ChildProcessError):
    """The counters' lock is held by a process that is gone."""


class _Counters:
    """The numbers not yet taken (from the front, or from the back) and how many files are
    made, shared by every process."""

    def __init__(self, count: int) -> None:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.count = count
        self._lock = context.Lock()
        self._next = context.RawValue("q", 0)
        self._end = context.RawValue("q", count)
        self._made = context.RawValue("q", 0)
        self._stopped = context.RawValue("b", 0)
        self._lost = False

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        if self._lost or not (self._lock.acquire(timeout=_HELD_AT_MOST) or self._lock.acquire(timeout=_ONCE_MORE)):
            self._lost = True  # not waited for again in this process (stop() after the error)
            raise _LockLost(_("a worker process was stopped while it held the list of work"))
        try:
            yield
        finally:
            self._lock.release()

    def take(self, last: bool = False) -> int | None:
        """The first number not yet taken (``last``: the last one), or ``None`` when every one
        is taken (or the work was stopped)."""
        with self._locked():
            front, end = int(self._next.value), int(self._end.value)
            if front >= end:
                return None
            if last:
                self._end.value = end - 1
                return end - 1
            self._next.value = front + 1
            return front

    def made_one(self) -> None:
        with self._locked():
            self._made.value += 1

    @property
    def made(self) -> int:
        """How many files are made, for progress: read without the lock (one aligned 64-bit
        word, written whole), so that showing progress never waits."""
        return int(self._made.value)

    def stop(self) -> None:
        """Let no process take another number (none can, once the lock is lost)."""
        self._stopped.value = 1
        with contextlib.suppress(_LockLost), self._locked():
            self._next.value = self.count

    @property
    def stopped(self) -> bool:
        """Whether a process failed (:meth:`stop`); read without the lock, like :attr:`made`."""
        return bool(self._stopped.value)


def _work(
    make: Callable[[int], tuple[Path, bytes]],
    counters: _Counters,
    after: Callable[[], None],
    parent: int | None = None,
    first: Iterable[tuple[Path, bytes]] = (),
) -> int:
    """Write the files of ``first``, then take numbers until none is left: a worker (``parent``
    set) from the front, the calling process from the back. A worker also stops once its
    parent is gone (killed), rather than go on writing a site nobody waits for. Nothing more is
    made once another process has failed."""
    with Writer() as writer:
        for target, data in first:
            writer.write(target, data)
            counters.made_one()
            after()
            if counters.stopped:
                break
        while (parent is None or os.getppid() == parent) and (index := counters.take(last=parent is None)) is not None:
            target, data = make(index)
            writer.write(target, data)
            counters.made_one()
            after()
    return writer.written


def _worker(job: Callable[[], Any], counters: _Counters, channel: int) -> None:
    """A forked worker's whole life: run ``job``, send back what it gives or its error, leave
    with :func:`os._exit` whatever happens (status 1 after an error)."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the caller stops the work on Ctrl-C
        outcome: tuple[str, Any]
        try:
            outcome = ("done", job())
            status = 0
        except BaseException as exc:  # noqa: BLE001 - every error goes back to the caller
            counters.stop()
            outcome = ("error", exc)
        try:
            payload = pickle.dumps(outcome)
            pickle.loads(payload)  # an error that pickles but cannot be rebuilt is sent by name
        except Exception:  # noqa: BLE001
            error = outcome[1]
            try:
                said = f"{type(error).__name__}: {error}"
            except Exception:  # noqa: BLE001 - an error whose text cannot be made
                said = type(error).__name__
            payload = pickle.dumps(("error", RuntimeError(said)))
        with os.fdopen(channel, "wb") as stream:
            stream.write(payload)
    finally:
        os._exit(status)


def _fork(jobs: int, job: Callable[[int], Any], counters: _Counters) -> list[tuple[int, int]]:
    """``jobs - 1`` forked workers, each running ``job(parent)``: ``(pid, channel)`` of each."""
    parent = os.getpid()
    workers: list[tuple[int, int]] = []
    for _number in range(max(0, jobs - 1)):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the worker leaves with os._exit; tests see its files
            os.close(read_end)
            _worker(partial(job, parent), counters, write_end)
        os.close(write_end)
        workers.append((pid, read_end))
    return workers


def write_in_processes(
    count: int,
    make: Callable[[int], tuple[Path, bytes]],
    jobs: int,
    step: Callable[[], None],
    *,
    first: Iterable[tuple[Path, bytes]] = (),
) -> int:
    """Make and write files ``0 … count-1`` in ``jobs`` processes (this one and ``jobs - 1``
    forked workers); ``step`` is called in this process once for each file made by any of
    them. ``first``: files this process makes and writes before it takes numbers, made only
    once the workers are forked (a generator), so that what they need is made here while the
    workers make the numbered files. How many files were written."""
    counters = _Counters(count)
    workers: list[tuple[int, int]] = []
    try:
        workers = _fork(jobs, lambda parent: _work(make, counters, lambda: None, parent), counters)
        show = _Shown(counters, step)
        written = _work(make, counters, show, first=first)
        outcomes = _collect(workers, show)
    except BaseException:
        counters.stop()
        with contextlib.suppress(Exception):
            _collect(workers, lambda: None)
        raise
    show()
    errors = [value for kind, value in outcomes if kind == "error"]
    if errors:
        raise errors[0]
    return written + sum(int(value) for kind, value in outcomes if kind == "done")


def made_in_processes(
    count: int,
    make: Callable[[int], T],
    jobs: int,
    step: Callable[[], None] = lambda: None,
) -> list[T]:
    """What ``make(i)`` gives for ``i`` in ``0 … count-1``, made in ``jobs`` processes (this one
    and ``jobs - 1`` forked workers), in that order; what a worker's ``make`` gives is sent
    back (:mod:`pickle`), so it should be small (the name of a file it wrote). ``step`` is
    called in this process once for each made by any of them. After an error (or Ctrl-C) the
    first error is raised once every worker is gone; what was made before it is the caller's
    to clean up (:func:`~.output.write_each_in_processes` removes its temporary files by the
    run's tag, a killed worker's too, which never said what it made)."""
    counters = _Counters(count)
    workers: list[tuple[int, int]] = []
    mine: list[tuple[int, T]] = []

    def take(parent: int | None, after: Callable[[], None], out: list[tuple[int, T]]) -> list[tuple[int, T]]:
        try:
            while (parent is None or os.getppid() == parent) and (
                index := counters.take(last=parent is None)
            ) is not None:
                out.append((index, make(index)))
                counters.made_one()
                after()
        except BaseException:
            counters.stop()  # the other processes stop after what they are making
            raise
        return out

    forked: list[int] = []
    try:
        workers = _fork(jobs, lambda parent: take(parent, lambda: None, []), counters)
        forked = [pid for pid, _channel in workers]
        show = _Shown(counters, step)
        take(None, show, mine)
        outcomes = _collect(workers, show)
    except BaseException:
        counters.stop()
        with contextlib.suppress(Exception):
            _collect(workers, lambda: None)
        # Every worker is gone before this returns (one being waited for when Ctrl-C came
        # finishes the thing it is making first), so that nothing it makes outlives the
        # caller's clean-up.
        _reap(forked)
        raise
    show()
    errors = [value for kind, value in outcomes if kind == "error"]
    if errors:
        raise errors[0]
    found: list[Any] = [None] * count
    for index, made in [*mine, *(pair for _kind, value in outcomes for pair in value)]:
        found[index] = made
    return found


def _reap(pids: list[int]) -> None:
    """Wait for each of ``pids`` that has not been waited for yet."""
    for pid in pids:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


class _Shown:
    """Calls ``step`` once for each file made by any process since it was last called."""

    def __init__(self, counters: _Counters, step: Callable[[], None]) -> None:
        self._counters, self._step, self._shown = counters, step, 0

    def __call__(self) -> None:
        made = self._counters.made
        for _made in range(made - self._shown):
            self._step()
        self._shown = made


def _collect(workers: list[tuple[int, int]], show: Callable[[], None]) -> list[tuple[str, Any]]:
    """Wait for every worker and read what it sent back, calling ``show`` while waiting; each
    worker is taken off ``workers`` as it is waited for."""
    outcomes: list[tuple[str, Any]] = []
    while workers:
        pid, channel = workers.pop(0)
        chunks: list[bytes] = []
        with os.fdopen(channel, "rb", buffering=0) as stream:
            while True:
                ready = select.select([stream], [], [], _POLL)[0]
                show()
                if ready:
                    chunk = stream.read(1 << 16)
                    if not chunk:
                        break
                    chunks.append(chunk)
        status = os.waitpid(pid, 0)[1]
        payload = b"".join(chunks)
        if not payload:
            code = os.waitstatus_to_exitcode(status)
            said = _("killed by signal {number}") if code < 0 else _("exit status {number}")
            stopped = _("a worker process stopped without a result ({reason})").format(
                reason=said.format(number=abs(code))
            )
            outcomes.append(("error", ChildProcessError(stopped)))
            continue
        outcomes.append(pickle.loads(payload))
    return outcomes

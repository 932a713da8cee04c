"""``samverkan site --jobs N`` makes the site in several processes
(:mod:`samverkan.render.processes`): the same bytes as one process, every file counted and shown
in the progress once, and an error in any process raised in the caller as it was raised."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generated import write_corpus
from samverkan.cli import app
from samverkan.render import TemplateProblem
from samverkan.render.processes import write_in_processes
from samverkan.site import SiteRequest, make_site

AS_OF = dt.date(2026, 10, 1)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


class _Steps:
    def __init__(self) -> None:
        self.stages: list[tuple[str, int | None]] = []
        self.steps = 0

    def begin(self, label: str, total: int | None) -> None:
        self.stages.append((label, total))
        self.steps = 0

    def step(self) -> None:
        self.steps += 1


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("korpus"), 60, seed=7, broken=5)


@pytest.mark.parametrize("jobs", [2, 3])
def test_two_processes_write_the_bytes_one_process_writes(corpus: Path, tmp_path: Path, jobs: int) -> None:
    """With two processes one makes the overview and the pages while the other makes the
    calendar and the documents; with three the overview is made first and all is shared."""
    request = SiteRequest((corpus,), AS_OF)
    one, written_one = make_site(request, tmp_path / "en", jobs=1)
    progress = _Steps()
    two, written_two = make_site(request, tmp_path / "tva", progress, jobs=jobs)
    files = _files(tmp_path / "en")
    assert len(files) > 64, "enough files for the work to be shared"
    assert _files(tmp_path / "tva") == files
    assert written_one == written_two == len(files)
    assert (one.problems, one.agreements, one.promises) == (two.problems, two.agreements, two.promises)
    assert one.problems, "the broken files are named, the same either way"
    assert progress.stages[-1] == ("Building the site", len(files)) and progress.steps == len(files)


@pytest.mark.parametrize("jobs", [2, 3])
def test_a_template_error_in_any_process_stops_the_site(corpus: Path, tmp_path: Path, jobs: int) -> None:
    templates = tmp_path / "mallar" / "html" / "site"
    templates.mkdir(parents=True)
    (templates / "municipality.html").write_text("{{ nothing.at.all }}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem, match=r"municipality\.html"):
        make_site(SiteRequest((corpus,), AS_OF, templates=tmp_path / "mallar"), tmp_path / "ut", jobs=jobs)
    written = _files(tmp_path / "ut")
    assert "index.html" in written, "the files taken before the error are written"
    assert not [name for name in written if name.endswith(".tmp")], "and only whole"


def test_the_command_takes_jobs_and_writes_the_same_site(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["site", str(corpus), "--as-of", AS_OF.isoformat(), "--no-cache"]
    first = runner.invoke(app, [*args, "--out", str(tmp_path / "en"), "--jobs", "1"])
    second = runner.invoke(app, [*args, "--out", str(tmp_path / "tva"), "-j", "2"])
    assert first.exit_code == second.exit_code == 1  # broken files are left out, the rest written
    assert first.stderr.replace("/en", "/tva") == second.stderr
    assert _files(tmp_path / "tva") == _files(tmp_path / "en")


# write_in_processes on its own: a worker is a fork, so what the test sets up is the worker's too.


def _writer(
    folder: Path, worker: Callable[[int], None] | None = None, caller: Callable[[int], None] | None = None
) -> Callable[[int], tuple[Path, bytes]]:
    """A ``make`` that writes ``<number>.txt``, after calling ``worker`` in a worker and
    ``caller`` in the calling process; the caller is slowed so that the worker takes some."""
    parent = os.getpid()

    def make(number: int) -> tuple[Path, bytes]:
        in_caller = os.getpid() == parent
        act = caller if in_caller else worker
        if act is not None:
            act(number)
        if in_caller and worker is not None:
            time.sleep(0.01)
        return folder / f"{number}.txt", f"{number}\n".encode()

    return make


def _raise(error: BaseException) -> Callable[[int], None]:
    def act(number: int) -> None:
        raise error

    return act


def test_every_number_is_made_once_and_shown_once(tmp_path: Path) -> None:
    shown: list[int] = []
    written = write_in_processes(200, _writer(tmp_path), 3, lambda: shown.append(1))
    assert written == 200 == len(shown)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.txt" for n in range(200))


def test_the_callers_own_files_are_made_after_the_fork_and_counted(tmp_path: Path) -> None:
    """``first``: files only the calling process makes, begun once the workers are forked (the
    site's pages, after its overview), then it takes numbers like the workers."""
    parent = os.getpid()
    made_in: list[int] = []

    def own() -> Iterator[tuple[Path, bytes]]:
        for k in range(30):
            made_in.append(os.getpid())
            time.sleep(0.002)  # the worker takes numbers meanwhile
            yield tmp_path / f"own-{k}.txt", b"own\n"

    shown: list[int] = []
    written = write_in_processes(100, _writer(tmp_path), 2, lambda: shown.append(1), first=own())
    assert written == 130 == len(shown)
    assert made_in == [parent] * 30
    assert len(list(tmp_path.glob("own-*.txt"))) == 30 and len(list(tmp_path.glob("[0-9]*.txt"))) == 100


def test_an_error_in_a_worker_stops_the_callers_own_files(tmp_path: Path) -> None:
    denied = PermissionError(13, "Permission denied", str(tmp_path / "x.txt"))

    def own() -> Iterator[tuple[Path, bytes]]:
        for k in range(500):
            time.sleep(0.005)
            yield tmp_path / f"own-{k}.txt", b"own\n"

    with pytest.raises(PermissionError):
        write_in_processes(10, _writer(tmp_path, worker=_raise(denied)), 2, lambda: None, first=own())
    assert len(list(tmp_path.glob("own-*.txt"))) < 500, "the caller stopped making its own"


def test_an_error_in_a_worker_is_raised_in_the_caller(tmp_path: Path) -> None:
    denied = PermissionError(13, "Permission denied", str(tmp_path / "x.txt"))
    with pytest.raises(PermissionError) as raised:
        write_in_processes(100, _writer(tmp_path, worker=_raise(denied)), 2, lambda: None)
    assert raised.value.filename == str(tmp_path / "x.txt") and raised.value.errno == 13
    assert len(list(tmp_path.iterdir())) < 100, "the work stopped"


def test_an_error_that_cannot_be_sent_back_is_named(tmp_path: Path) -> None:
    class Odd(Exception):
        def __reduce__(self) -> tuple[object, ...]:
            return (lambda: None, ())  # a local function cannot be pickled

    with pytest.raises(RuntimeError, match=r"^Odd: odd$"):
        write_in_processes(50, _writer(tmp_path, worker=_raise(Odd("odd"))), 2, lambda: None)


def test_a_worker_that_dies_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ChildProcessError, match=r"stopped without a result \(exit status 3\)"):
        write_in_processes(50, _writer(tmp_path, worker=lambda _: os._exit(3)), 2, lambda: None)


def test_an_error_in_the_caller_waits_for_the_workers(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="in the caller"):
        write_in_processes(50, _writer(tmp_path, caller=_raise(ValueError("in the caller"))), 2, lambda: None)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no worker is left behind


@pytest.mark.parametrize(("cpus", "expected"), [(1, 1), (2, 2), (4, 4), (64, 4)])
def test_the_default_is_one_process_per_cpu_and_no_more_than_four(
    monkeypatch: pytest.MonkeyPatch, cpus: int, expected: int
) -> None:
    import samverkan.cli_process
    import samverkan.cli_site

    monkeypatch.setattr(samverkan.cli_process, "usable_cpus", lambda: cpus)
    assert samverkan.cli_site.default_jobs() == expected


@pytest.mark.parametrize(("bound", "machine", "expected"), [({0}, 8, 1), ({0, 3}, 8, 2), (None, 6, 6), (None, None, 1)])
def test_the_cpus_counted_are_those_the_process_may_run_on(
    monkeypatch: pytest.MonkeyPatch, bound: set[int] | None, machine: int | None, expected: int
) -> None:
    import samverkan.cli_process as process

    if bound is None:
        monkeypatch.delattr(process.os, "sched_getaffinity", raising=False)
    else:
        monkeypatch.setattr(process.os, "sched_getaffinity", lambda _pid: bound, raising=False)
    monkeypatch.setattr(process.os, "cpu_count", lambda: machine)
    assert process.usable_cpus() == expected


def test_a_worker_killed_by_a_signal_is_named_so(tmp_path: Path) -> None:
    import signal

    def killed(_: int) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(ChildProcessError, match=r"stopped without a result \(killed by signal 9\)"):
        write_in_processes(50, _writer(tmp_path, worker=killed), 2, lambda: None)


def test_a_worker_stops_when_its_parent_is_gone(tmp_path: Path) -> None:
    """A worker whose parent was killed takes no more numbers (here: its parent seems gone)."""
    from samverkan.render.processes import _Counters, _work

    counters = _Counters(10)
    made = _work(_writer(tmp_path), counters, lambda: None, parent=os.getpid() + 1_000_000)
    assert made == 0 and list(tmp_path.iterdir()) == []


def test_the_workers_take_from_the_front_and_the_caller_from_the_back() -> None:
    """Every number once, whichever end it is taken from, and none after a stop."""
    from samverkan.render.processes import _Counters

    counters = _Counters(5)
    taken = [counters.take(), counters.take(last=True), counters.take(), counters.take(last=True), counters.take()]
    assert taken == [0, 4, 1, 3, 2]
    assert counters.take() is None and counters.take(last=True) is None
    stopped = _Counters(5)
    stopped.stop()
    assert stopped.take() is None and stopped.take(last=True) is None


def test_a_lock_left_held_by_a_killed_process_is_an_error_not_a_hang(monkeypatch: pytest.MonkeyPatch) -> None:
    from samverkan.render import processes

    monkeypatch.setattr(processes, "_HELD_AT_MOST", 0.2)
    monkeypatch.setattr(processes, "_ONCE_MORE", 0.1)
    counters = processes._Counters(10)
    assert counters.take() == 0
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child takes the lock and dies holding it
        counters._lock.acquire()
        os._exit(0)
    os.waitpid(pid, 0)
    started = time.monotonic()
    with pytest.raises(ChildProcessError, match="stopped while it held the list of work"):
        counters.take()
    assert time.monotonic() - started < 5
    assert counters.made == 0  # progress is read without the lock
    started = time.monotonic()
    counters.stop()  # not waited for again
    with pytest.raises(ChildProcessError):
        counters.take()
    assert time.monotonic() - started < 0.2


def test_a_lock_held_a_moment_past_the_time_is_not_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """A process stopped while it waited (Ctrl-Z) finds its time up when it goes on: it tries once more."""
    import threading

    from samverkan.render import processes

    monkeypatch.setattr(processes, "_HELD_AT_MOST", 0.2)
    counters = processes._Counters(10)
    counters._lock.acquire()
    threading.Timer(0.5, counters._lock.release).start()
    assert counters.take() == 0


def test_a_worker_killed_while_it_holds_the_lock_ends_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from samverkan.render import processes

    monkeypatch.setattr(processes, "_HELD_AT_MOST", 1.0)
    monkeypatch.setattr(processes, "_ONCE_MORE", 0.1)
    parent = os.getpid()
    made_one = processes._Counters.made_one

    def dies_holding_the_lock(self: processes._Counters) -> None:
        if os.getpid() != parent:
            self._lock.acquire()
            os.kill(os.getpid(), signal.SIGKILL)
        made_one(self)

    monkeypatch.setattr(processes._Counters, "made_one", dies_holding_the_lock)
    started = time.monotonic()
    with pytest.raises(ChildProcessError):
        write_in_processes(200, _writer(tmp_path, worker=lambda _: time.sleep(0.001)), 2, lambda: None)
    assert time.monotonic() - started < 2.0  # one wait for the lock (1.1 s), not one more in stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no worker is left behind

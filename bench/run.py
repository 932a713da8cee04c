"""Benchmark samverkan against the parsing floor, whole processes, in one run.

    python bench/run.py                 # 1,000 and 5,000 files, 5 repetitions
    python bench/run.py --quick         # 200 and 1,000 files, 3 repetitions
    python bench/run.py --json out.json --corpus /tmp/samverkan-corpora

Generates the corpora (or reuses them under ``--corpus``), then times each command as a
whole process (``subprocess`` and ``time.perf_counter``; the median of ``--reps`` runs after
one warm-up run). The *floor* F is a plain Python process that parses every file of the
corpus with PyYAML's ``CSafeLoader``; every figure is a ratio to F or to another command
timed in the same run (check-jsonschema with the schema ``samverkan schema`` exports,
yamllint), beside its target from issue 13 and PASS or FAIL. Peak memory is the summed
resident memory of the whole process tree (the command and its workers), polled from
``/proc`` every 10 ms. Nothing here is asserted by the test suite: timings are for people.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (a sibling script, not a package)

FLOOR = """
import sys
from pathlib import Path
import yaml
loader = yaml.CSafeLoader
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    if not any(part.startswith(".") for part in path.relative_to(sys.argv[1]).parts):
        yaml.load(path.read_bytes(), Loader=loader)
"""
"""The floor: read and parse every file of the corpus with libyaml, nothing else."""

AS_OF = "2026-10-01"
"""``--as-of`` for ``due``, ``status`` and ``render``: a fixed day, so runs compare."""


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4
POLL = 0.010
"""Seconds between two readings of the process tree's resident memory."""


def tree_rss_kb(root: int) -> tuple[int, int]:
    """The resident memory of ``root`` and every process below it, summed, and that of the
    largest of them (kB), from /proc.

    One pass over ``/proc/*/stat`` gives each process's parent and resident pages; pages shared
    by a worker and its parent (fork) count in both, so the sum is an upper bound of what the
    tree holds. (0, 0) where /proc is missing."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    try:
        entries = os.scandir("/proc")
    except OSError:
        return 0, 0
    with entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_bytes()
            except OSError:
                continue
            fields = stat[stat.rfind(b")") + 2 :].split()  # after "pid (comm) "
            pid = int(entry.name)
            parents[pid] = int(fields[1])
            rss[pid] = int(fields[21])
    tree = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    sizes = [rss.get(pid, 0) for pid in tree]
    return sum(sizes) * PAGE_KB, max(sizes, default=0) * PAGE_KB


class TreeMemory(threading.Thread):
    """Polls :func:`tree_rss_kb` every :data:`POLL` seconds while a command runs; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.largest_kb = 0
        self.samples = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            total, largest = tree_rss_kb(self.pid)
            self.peak_kb = max(self.peak_kb, total)
            self.largest_kb = max(self.largest_kb, largest)
            self.samples += 1
            self.done.wait(POLL)


@dataclass
class Run:
    seconds: float
    max_rss_kb: int
    returncode: int
    tree_rss_kb: int | None = None


@dataclass
class Measure:
    """One figure of the table."""

    name: str
    command: list[str]
    runs: list[float] = field(default_factory=list)
    median: float | None = None
    max_rss_mb: float | None = None
    """The largest single process of the runs, workers included: polled from /proc when tracked,
    else ``ru_maxrss`` (which on Linux includes the high-water mark of this script)."""
    tree_rss_mb: float | None = None
    """The peak summed resident memory of the whole process tree (polled), when tracked."""
    returncodes: list[int] = field(default_factory=list)
    beside: list[float] = field(default_factory=list)
    """The times of the command run beside it, one after each counted run (:meth:`Bench.measure`)."""
    target: str = ""
    limit: float | None = None
    """The figure must be at most this (seconds, or MB for memory); ``None``: no target."""
    value: float | None = None
    """What is compared with ``limit`` (the median, a ratio, or memory)."""
    unit: str = "s"
    verdict: str = ""
    note: str = ""

    def judge(self) -> None:
        if self.verdict:
            return
        if self.limit is None or self.value is None:
            self.verdict = "—"
        else:
            self.verdict = "PASS" if self.value <= self.limit else "FAIL"


class Bench:
    def __init__(self, args: argparse.Namespace, samverkan: str, work: Path) -> None:
        self.args = args
        self.samverkan = samverkan
        self.work = work
        self.reps: int = args.reps
        self.results: list[Measure] = []
        self.help_text = self._output([samverkan, "--help"])
        self.validate_help = self._output([samverkan, "validate", "--help"])
        self.no_cache = ["--no-cache"] if "--no-cache" in self.validate_help else []
        self.has_jobs = "--jobs" in self.validate_help
        self.has_render = bool(re.search(r"^\s+render\b", self.help_text, re.MULTILINE))
        self.cache = work / "cache"
        self.env = {
            **os.environ,
            "XDG_CACHE_HOME": str(self.cache),
            "SAMVERKAN_CACHE_DIR": str(self.cache / "samverkan"),
            "NO_COLOR": "1",
            "COLUMNS": "200",
        }
        self.cwd = work / "cwd"
        self.cwd.mkdir(parents=True, exist_ok=True)

    # running

    def _output(self, command: list[str]) -> str:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return done.stdout + done.stderr

    def run_once(
        self,
        command: Sequence[str],
        *,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
        out: Any = None,
        track: bool = False,
    ) -> Run:
        """One whole-process run: wall-clock seconds, the peak resident memory of the largest
        process and, with ``track``, the peak of the whole tree's summed RSS (both polled)."""
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command),
            stdout=out if out is not None else subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env or self.env,
            cwd=cwd or self.cwd,
        )
        poller = TreeMemory(process.pid) if track else None
        if poller is not None:
            poller.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if poller is not None:
            poller.done.set()
            poller.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        # Not ru_maxrss when polled: Linux carries the high-water mark of the process that forked
        # (this script, holding its corpora) into the child across exec, so a child of a large
        # parent "peaks" at the parent's size whatever it does itself.
        if poller is None:
            return Run(seconds, usage.ru_maxrss, process.returncode, None)
        return Run(seconds, poller.largest_kb, process.returncode, poller.peak_kb)

    def measure(
        self,
        name: str,
        command: list[str],
        *,
        before: Callable[[int], dict[str, Any]] | None = None,
        warmup: bool = True,
        reps: int | None = None,
        track: bool = False,
        beside: list[str] | None = None,
    ) -> Measure:
        """The median of ``reps`` runs, after one warm-up run; ``before(i)`` prepares run ``i``
        (-1 for the warm-up) and may return ``env`` and ``cwd`` for it. ``track`` polls the
        process tree's memory during the counted runs. ``beside``: a command run once after each
        counted run (:attr:`Measure.beside`), so that the two are timed on the machine as it was
        then: a shared machine's speed drifts over a quarter of an hour by more than a target's
        margin."""
        result = Measure(name, command)
        count = reps or self.reps
        for i in range(-1 if warmup else 0, count):
            options = before(i) if before is not None else {}
            run = self.run_once(command, **options, track=track and i >= 0)
            if i >= 0 and beside is not None:
                result.beside.append(self.run_once(beside).seconds)
            if i >= 0:
                result.runs.append(run.seconds)
                result.returncodes.append(run.returncode)
                rss = run.max_rss_kb / 1024
                result.max_rss_mb = max(result.max_rss_mb or 0.0, rss)
                if run.tree_rss_kb is not None:
                    result.tree_rss_mb = max(result.tree_rss_mb or 0.0, run.tree_rss_kb / 1024)
        result.median = statistics.median(result.runs)
        print(f"  {name}: {result.median * 1000:.0f} ms (median of {count})", file=sys.stderr, flush=True)
        return result

    def fresh(self, i: int) -> dict[str, Any]:
        """A cold run: a cache folder and working folder nobody used before."""
        folder = Path(tempfile.mkdtemp(prefix=f"cold{i}-", dir=self.work))
        (folder / "cwd").mkdir()
        env = {**self.env, "XDG_CACHE_HOME": str(folder / "cache"), "SAMVERKAN_CACHE_DIR": str(folder / "cache" / "sv")}
        return {"env": env, "cwd": folder / "cwd"}

    def add(self, measure: Measure) -> Measure:
        self.results.append(measure)
        return measure


def corpora(args: argparse.Namespace, base: Path) -> dict[str, Path]:
    """The small, large and broken corpora: reused when generated earlier with the same settings."""
    wanted = {
        "small": (args.files, 0.0),
        "large": (args.large, 0.0),
        "broken": (args.files, args.broken),
        "hundred": (args.hundred, 0.0),
    }
    out: dict[str, Path] = {}
    for name, (files, broken) in wanted.items():
        folder = base / (f"{name}-{files}-seed{args.seed}" + (f"-broken{broken:g}" if broken else ""))
        marker = folder / generate.MARKER
        if marker.exists() and marker.read_text(encoding="utf-8") == generate.stamp(files, args.seed, broken):
            print(f"reusing {folder}", file=sys.stderr)
        else:
            print(f"generating {files} files into {folder} …", file=sys.stderr, flush=True)
            summary = generate.write(folder, files, args.seed, broken, force=True)
            print(f"  {summary['files']} files, {summary['bytes'] / 1e6:.1f} MB", file=sys.stderr)
        out[name] = folder
    return out


def _median_file(corpus: Path) -> Path:
    """An agreement of about the median size, for the one-file comparison."""
    agreements = sorted(
        (p for p in corpus.rglob("*.yaml") if "\nkind: agreement\n" in p.read_text(encoding="utf-8")),
        key=lambda p: (p.stat().st_size, str(p)),
    )
    return agreements[len(agreements) // 2]


def check_broken(bench: Bench, corpus: Path) -> tuple[str, bool]:
    """Run validate once with JSON output and compare every error with the manifest."""
    manifest = json.loads((corpus / generate.MANIFEST).read_text(encoding="utf-8"))
    report_file = bench.work / "broken-report.json"
    with report_file.open("w", encoding="utf-8") as out:
        bench.run_once([bench.samverkan, "validate", *bench.no_cache, "--format", "json", "."], cwd=corpus, out=out)
    try:
        report = json.loads(report_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return "validate --format json did not print JSON", False
    errors = {
        (Path(d["path"]).as_posix(), d["code"], d["line"], d["column"])
        for d in report["diagnostics"]
        if d["severity"] == "error"
    }

    def key(entry: dict[str, Any]) -> tuple[str, str, int, int]:
        return (entry["file"], entry["code"], entry["line"], entry["column"])

    broken = [key(e) for e in manifest["broken"]]
    follow = [key(e) for e in manifest["consequences"]]
    found = sum(1 for k in broken if k in errors)
    found_follow = sum(1 for k in follow if k in errors)
    extra = errors - set(broken) - set(follow)
    kinds = sorted({e["kind"] for e in manifest["broken"]})
    note = (
        f"{found}/{len(broken)} broken files reported at the manifest's code, line and column "
        f"({', '.join(kinds)}); {found_follow}/{len(follow)} follow-on errors; {len(extra)} unexpected errors"
    )
    missing = [k for k in broken if k not in errors]
    if missing:
        note += "; missing: " + ", ".join(f"{f}:{ln}:{col} {code}" for f, code, ln, col in missing[:5])
    return note, found == len(broken) and found_follow == len(follow) and not extra


def run(args: argparse.Namespace) -> list[Measure]:
    samverkan = shutil.which("samverkan", path=str(Path(sys.executable).parent)) or shutil.which("samverkan")
    if samverkan is None:
        raise SystemExit("samverkan is not installed here: pip install -e . (from the repository)")
    compile_bytecode(samverkan)
    base = Path(args.corpus) if args.corpus else Path(tempfile.mkdtemp(prefix="samverkan-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="samverkan-bench-work-"))
    try:
        paths = corpora(args, base)
        bench = Bench(args, samverkan, work)
        measure_all(bench, paths)
        return bench.results
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if not args.corpus and not args.keep:
            shutil.rmtree(base, ignore_errors=True)
        elif not args.corpus:
            print(f"corpora kept in {base}", file=sys.stderr)


def compile_bytecode(samverkan: str) -> None:
    """Write samverkan's bytecode (``.pyc``) before timing it, as ``pip install`` does for an
    installed package and a first run does for an editable one. Under ``PYTHONDONTWRITEBYTECODE``
    (set on some build machines) an editable install would otherwise compile every module it
    imports on every run, some 60 ms that no user's run pays; the tools it is compared with
    were installed by pip, compiled."""
    first = Path(samverkan).read_bytes()[:200].split(b"\n", 1)[0]
    python = first[2:].decode().strip() if first.startswith(b"#!") else sys.executable
    where = [python, "-c", "import os, samverkan; print(os.path.dirname(samverkan.__file__))"]
    package = subprocess.run(where, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([python, "-m", "compileall", "-q", package], check=True)
    print(f"bytecode written for {package}", file=sys.stderr)


def _usable_cpus() -> int:
    """The CPUs this process may use, as samverkan counts them for its default ``--jobs``."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _tool(name: str) -> str | None:
    """An installed command: beside this Python first, then on PATH."""
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)


def _yaml_files(corpus: Path) -> list[str]:
    return [str(p) for p in sorted(corpus.rglob("*.yaml")) if not p.name.startswith(".")]


def _exit_note(m: Measure) -> str:
    return "exit code 0" if not any(m.returncodes) else f"exit codes {sorted(set(m.returncodes))}"


def measure_all(bench: Bench, paths: dict[str, Path]) -> None:
    """Every figure of issue 13, each as a ratio to something measured in this same run."""
    args = bench.args
    small, large, broken, hundred = paths["small"], paths["large"], paths["broken"], paths["hundred"]
    sv = bench.samverkan
    py = sys.executable
    n_small, n_large, n_hundred = args.files, args.large, args.hundred
    cpus = _usable_cpus()
    slow_reps = max(1, min(3, bench.reps))  # the generic tools take many seconds a run
    slow = f"{slow_reps} run{'s' if slow_reps > 1 else ''}, no warm-up"
    print(f"measuring ({bench.reps} runs each) …", file=sys.stderr)

    floor_cmd = [py, "-c", FLOOR, str(small)]
    floor = bench.add(bench.measure(f"F: floor, PyYAML CSafeLoader, {n_small} files", floor_cmd))
    floor.target = "reference"
    floor.note = "read and parse every file in one process, nothing else; each target's row has its own F beside it"
    f = floor.median or 0.0

    def to_floor(m: Measure, factor: float | None) -> Measure:
        """The figure as a multiple of F: of the F runs beside it where it has them (a target's
        row, measured with ``beside=floor_cmd``), else of the F above; a target when the issue
        names one."""
        here = statistics.median(m.beside) if m.beside else f
        m.value = (m.median or 0.0) / here if here else None
        m.unit = "× F"
        if factor is not None:
            m.limit = factor
            m.target = f"≤ {factor:g} × F ({factor * here * 1000:.0f} ms)"
        else:
            m.target = "for information"
        return m

    def floor_note(m: Measure, note: str) -> str:
        """``note``, with the F this row is a ratio of, where it had its own."""
        return f"{note}; F beside it {statistics.median(m.beside) * 1000:.0f} ms" if m.beside else note

    def versus(m: Measure, other: Measure, label: str, factor: float | None) -> Measure:
        """The figure as a multiple of another command's time in this run."""
        m.value = (m.median or 0.0) / (other.median or 1.0)
        m.unit = f"× {label}"
        if factor is not None:
            m.limit = factor
            m.target = f"≤ {factor:g} × {label} ({factor * (other.median or 0) * 1000:.0f} ms)"
        else:
            m.target = "for information"
        return m

    # validate, cold

    cold_cmd = [sv, "validate", *bench.no_cache, str(small)]
    jobs_note = "" if bench.has_jobs else "no --jobs option: the default ran"
    for jobs, factor in ((1, 0.75), (2, 0.5)):
        command = [*cold_cmd, "--jobs", str(jobs)] if bench.has_jobs else cold_cmd
        m = bench.measure(
            f"validate, {n_small} files, cold, --jobs {jobs}", command, before=bench.fresh, beside=floor_cmd
        )
        bench.add(to_floor(m, factor)).note = floor_note(m, jobs_note or "--no-cache, a fresh cache folder each run")
    cold = bench.add(
        to_floor(
            bench.measure(f"validate, {n_small} files, cold (default jobs)", cold_cmd, before=bench.fresh, track=True),
            None,
        )
    )
    default_jobs = cpus if cpus > 2 else 1
    cold.note = f"the default: --jobs {default_jobs} here; the base of the growth, memory and check-jsonschema rows"
    small_memory = bench.add(Measure(f"peak memory, {n_small} files, cold", cold.command, unit="MB"))
    small_memory.value = cold.tree_rss_mb
    small_memory.target = "for information"
    small_memory.note = f"whole process tree (largest single process: {cold.max_rss_mb or 0:.0f} MB)"

    if bench.no_cache:
        first = bench.add(
            bench.measure(f"validate, {n_small} files, empty cache", [sv, "validate", str(small)], before=bench.fresh)
        )
        to_floor(first, None).note = "the first run: fills a fresh cache folder"

    # validate, warm

    warm_cmd = [sv, "validate", str(small)]
    warm = bench.add(
        to_floor(bench.measure(f"validate, {n_small} files, nothing changed", warm_cmd, beside=floor_cmd), 0.1)
    )
    warm.note = floor_note(
        warm, "one cache folder, after a warm-up run" if bench.no_cache else "no cache yet: same work as cold"
    )

    changing = _first_agreement(small)
    original = changing.read_bytes()

    def change(i: int) -> dict[str, Any]:
        changing.write_bytes(original + f"# ändrad {i + 2}\n".encode())
        return {}

    try:
        changed = bench.add(
            to_floor(
                bench.measure(f"validate, {n_small} files, one changed", warm_cmd, before=change, beside=floor_cmd), 0.2
            )
        )
    finally:
        changing.write_bytes(original)
    changed.note = floor_note(changed, f"a comment appended to {changing.relative_to(small)} before each run")

    # due, status, render, site

    for name in ("due", "status"):
        line = [sv, name, str(small), "--as-of", AS_OF]
        m = bench.measure(
            f"{name}, {n_small} files, cold", [*line, *bench.no_cache], before=bench.fresh, beside=floor_cmd
        )
        bench.add(to_floor(m, 1.5)).note = floor_note(m, _exit_note(m))
        m = bench.measure(f"{name}, {n_small} files, warm", line, beside=floor_cmd)
        replayed = f"the same command again: its output from the cache; {_exit_note(m)}"
        bench.add(to_floor(m, 0.15)).note = floor_note(m, replayed)

        def another_day(_: int) -> dict[str, Any]:
            shutil.rmtree(bench.cache / "samverkan" / "run", ignore_errors=True)  # the outputs kept
            return {}

        m = bench.measure(f"{name}, {n_small} files, warm, another day", line, before=another_day)
        m = bench.add(to_floor(m, None))
        m.note = f"every file from the per-file cache, the output made again (as on the next day); {_exit_note(m)}"

    out_dir = bench.work / "out"

    def clean(_: int) -> dict[str, Any]:
        shutil.rmtree(out_dir, ignore_errors=True)
        out_dir.mkdir()
        return {}

    def clean_and_fresh(i: int) -> dict[str, Any]:
        return {**clean(i), **bench.fresh(i)}

    def cold_and_warm(name: str, line: list[str], factor: float, what: str) -> None:
        """``line`` with ``--no-cache`` and a fresh cache folder (the target's row), then warm (for
        information) where the command has a cache; ``what`` counts the files written."""
        cached = "--no-cache" in bench._output([*line[:2], "--help"])
        cold = [*line, "--no-cache"] if cached else line
        label = f"{name}, cold" if cached else name
        m = bench.add(to_floor(bench.measure(label, cold, before=clean_and_fresh, beside=floor_cmd), factor))
        count = len(list(out_dir.rglob("*.htm*"))) if out_dir.exists() else 0
        m.note = floor_note(m, f"{count} {what}; {_exit_note(m)}")
        if cached:
            m = bench.add(to_floor(bench.measure(f"{name}, warm", line, before=clean), None))
            m.note = f"one cache folder, after a warm-up run; {_exit_note(m)}"

    agreements = sum(1 for p in small.rglob("*.yaml") if "\nkind: agreement\n" in p.read_text(encoding="utf-8"))
    if bench.has_render:
        render_help = bench._output([sv, "render", "--help"])
        render = [sv, "render", str(small), "--format", "html", "--out", str(out_dir)]
        if "--as-of" in render_help:
            render += ["--as-of", AS_OF]
        name = f"render --out, {n_small} files, HTML"
        cold_and_warm(name, render, 2.0, f"HTML files written ({agreements} agreements in the corpus)")
    else:
        bench.add(Measure(f"render --out, {n_small} files, HTML", [], verdict="SKIP", note="no render command"))
    if re.search(r"^\s+site\b", bench.help_text, re.MULTILINE):
        site = [sv, "site", str(small), "--out", str(out_dir), "--as-of", AS_OF]
        site_jobs = "--jobs" in bench._output([sv, "site", "--help"])
        cold_and_warm(
            f"site, {n_small} files", site, 3.0, "HTML pages written" + (" (default jobs)" if site_jobs else "")
        )
        if site_jobs:
            single = [*site, "--no-cache", "--jobs", "1"]
            m = bench.add(
                to_floor(bench.measure(f"site, {n_small} files, cold, --jobs 1", single, before=clean_and_fresh), None)
            )
            m.note = f"one process; the rows above make the site in one process per CPU; {_exit_note(m)}"
    else:
        bench.add(Measure(f"site, {n_small} files", [], verdict="SKIP", note="no site command"))

    # scale: the large corpus

    large_reps = args.large_reps or bench.reps
    big_floor = bench.add(
        bench.measure(f"floor, PyYAML CSafeLoader, {n_large} files", [py, "-c", FLOOR, str(large)], reps=large_reps)
    )
    big_floor.target = "for information"
    big_floor.value = (big_floor.median or 0.0) / f if f else None
    big_floor.unit = "× F"
    big_floor.note = "the floor of the large corpus"
    big = bench.add(
        bench.measure(
            f"validate, {n_large} files, cold (default jobs)",
            [sv, "validate", *bench.no_cache, str(large)],
            before=bench.fresh,
            reps=large_reps,
            track=True,
        )
    )
    factor = 1.1 * n_large / n_small  # 5,000 files in at most 5.5 × the time of 1,000
    versus(big, cold, f"{n_small}-file time", round(factor, 2))
    big.note = f"growth in time; {(big.median or 0) / (big_floor.median or 1):.2f} × its own floor"
    if bench.has_jobs:
        big_single = bench.add(
            bench.measure(
                f"validate, {n_large} files, cold, --jobs 1",
                [sv, "validate", *bench.no_cache, "--jobs", "1", str(large)],
                before=bench.fresh,
                reps=large_reps,
                track=True,
            )
        )
        versus(big_single, big, "default jobs", None)
        big_single.note = f"one process; whole-tree peak {big_single.tree_rss_mb or 0:.0f} MB"
    memory = bench.add(Measure(f"peak memory, {n_large} files, cold", big.command, unit="MB"))
    memory.value = big.tree_rss_mb
    memory.limit = 100.0
    memory.target = f"≤ {memory.limit:g} MB"
    memory.note = f"whole process tree (largest single process: {big.max_rss_mb or 0:.0f} MB)"
    growth = bench.add(Measure(f"memory growth, {n_small} → {n_large} files", big.command))
    growth.value = (big.tree_rss_mb or 0.0) / (cold.tree_rss_mb or 1.0)
    growth.unit = "×"
    growth.target = "flat (≈ 1 ×): reported"
    growth.note = f"{cold.tree_rss_mb or 0:.0f} MB → {big.tree_rss_mb or 0:.0f} MB; {n_large / n_small:g} × the files"
    for name in ("due", "status"):  # one run each: their memory, which no target bounds
        ran = bench.measure(
            f"{name}, {n_large} files, cold",
            [sv, name, str(large), "--as-of", AS_OF, *bench.no_cache],
            before=bench.fresh,
            warmup=False,
            reps=1,
            track=True,
        )
        peak = bench.add(Measure(f"peak memory, {name}, {n_large} files, cold", ran.command, unit="MB"))
        peak.value = ran.tree_rss_mb
        peak.target = "for information"
        peak.note = f"one run, {ran.median or 0:.1f} s; {_exit_note(ran)}; validate: {big.tree_rss_mb or 0:.0f} MB"
    if bench.has_render:  # one run: each document written and let go of before the next is made
        large_out = bench.work / "render-large"
        ran = bench.measure(
            f"render --out, {n_large} files, HTML, cold",
            [sv, "render", str(large), "--format", "html", "--out", str(large_out), "--as-of", AS_OF, *bench.no_cache],
            before=bench.fresh,
            warmup=False,
            reps=1,
            track=True,
        )
        written = len(list(large_out.glob("*.html"))) if large_out.exists() else 0
        shutil.rmtree(large_out, ignore_errors=True)
        peak = bench.add(Measure(f"peak memory, render --out, {n_large} files, cold", ran.command, unit="MB"))
        peak.value = ran.tree_rss_mb
        peak.target = "for information"
        peak.note = (
            f"one run, {ran.median or 0:.1f} s; {written} HTML files written; whole process tree "
            f"(largest single process: {ran.max_rss_mb or 0:.0f} MB); {_exit_note(ran)}"
        )
        if "--jobs" in bench._output([sv, "render", "--help"]):
            ran = bench.measure(
                f"render --out, {n_large} files, HTML, cold, --jobs 1",
                [*ran.command, "--jobs", "1"],
                before=bench.fresh,
                warmup=False,
                reps=1,
                track=True,
            )
            shutil.rmtree(large_out, ignore_errors=True)
            single = bench.add(
                Measure(f"peak memory, render --out, {n_large} files, cold, --jobs 1", ran.command, unit="MB")
            )
            single.value = ran.tree_rss_mb
            single.target = "for information"
            single.note = f"one process, one run, {ran.median or 0:.1f} s; {_exit_note(ran)}"

    # one file, start-up, and the generic tools

    helped = bench.add(bench.measure("samverkan --help", [sv, "--help"]))
    helped.limit = 0.100
    helped.value = helped.median
    helped.target = "≤ 100 ms"

    one = _median_file(small)
    checker = _tool("check-jsonschema")
    schema = bench.work / "samverkan.schema.json"
    schema.write_text(bench._output([sv, "schema"]), encoding="utf-8")
    check_cmd = [checker, "--schemafile", str(schema)] if checker is not None else []
    mine = bench.add(
        bench.measure(
            "validate, one file, no cache",
            [sv, "validate", *bench.no_cache, str(one)],
            beside=[*check_cmd, str(one)] if check_cmd else None,
        )
    )
    mine.note = f"{one.relative_to(small)} ({one.stat().st_size / 1024:.0f} KB)"
    if not check_cmd:
        mine.verdict = "SKIP"
        mine.note += "; check-jsonschema not installed (pip install check-jsonschema)"
    else:
        theirs = bench.add(Measure("check-jsonschema, one file", [*check_cmd, str(one)], runs=mine.beside))
        theirs.median = statistics.median(mine.beside)
        theirs.target = "reference"
        theirs.note = "the schema from `samverkan schema`; run after each run of the row above"
        versus(mine, theirs, "check-jsonschema", 0.6)
        many = bench.add(
            bench.measure(
                f"check-jsonschema, {n_small} files", [*check_cmd, *_yaml_files(small)], warmup=False, reps=slow_reps
            )
        )
        many.target = "reference"
        many.note = f"{slow}; {_exit_note(many)}"
        versus(bench.add(_copy(cold, f"validate vs check-jsonschema, {n_small} files")), many, "check-jsonschema", None)

    sv_hundred = bench.add(
        bench.measure(f"validate, {n_hundred} files, cold", [sv, "validate", *bench.no_cache, str(hundred)])
    )
    linter = _tool("yamllint")
    if linter is None:
        sv_hundred.verdict = "SKIP"
        sv_hundred.note = "yamllint not installed (pip install yamllint)"
    else:
        lint = bench.add(
            bench.measure(f"yamllint, {n_hundred} files", [linter, str(hundred)], warmup=False, reps=slow_reps)
        )
        lint.target = "reference"
        lint.note = f"default configuration, {slow}; {_exit_note(lint)}"
        versus(sv_hundred, lint, "yamllint", None)

    # correctness on a corpus with broken files

    broken_run = bench.add(
        bench.measure(
            f"validate, {n_small} files, {args.broken:g}% broken, cold",
            [sv, "validate", *bench.no_cache, str(broken)],
            before=bench.fresh,
        )
    )
    note, correct = check_broken(bench, broken)
    versus(broken_run, cold, "clean cold", None)
    broken_run.note = note
    broken_run.verdict = "PASS" if correct else "FAIL"  # the time is for information; the findings are not


def _copy(m: Measure, name: str) -> Measure:
    """A row that shows an existing measurement again, compared with something else."""
    return Measure(name, m.command, runs=list(m.runs), median=m.median, returncodes=list(m.returncodes))


def _first_agreement(corpus: Path) -> Path:
    for path in sorted(corpus.rglob("*.yaml")):
        if "\nkind: agreement\n" in path.read_text(encoding="utf-8"):
            return path
    raise SystemExit(f"no agreement in {corpus}")


def table(results: list[Measure]) -> str:
    rows = [("figure", "median", "min–max", "target", "measured", "", "note")]
    for m in results:
        m.judge()
        median = f"{m.median * 1000:.0f} ms" if m.median is not None else ""
        if m.unit == "MB":
            measured = f"{m.value:.0f} MB" if m.value is not None else ""
        elif m.unit == "s":
            measured = f"{m.value * 1000:.0f} ms" if m.value is not None else ""
        else:
            measured = f"{m.value:.2f} {m.unit}" if m.value is not None else ""
        spread = f"{min(m.runs) * 1000:.0f}–{max(m.runs) * 1000:.0f}" if m.runs else ""
        rows.append((m.name, median, spread, m.target, measured, m.verdict, m.note))
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    lines: list[str] = []
    for n, row in enumerate(rows):
        cells = [row[i].ljust(widths[i]) if i == 0 else row[i].rjust(widths[i]) for i in range(6)]
        lines.append("  ".join([*cells, row[6]]).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(encoding="utf-8"), re.MULTILINE)
        model = found.group(1).strip() if found else ""
    return {
        "cpus": _usable_cpus(),
        "cpu": model or platform.processor(),
        "system": platform.platform(),
        "python": platform.python_version(),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 and 1,000 files, 3 runs each: a smoke run")
    parser.add_argument("--files", type=int, help="files in the main corpus (default 1000; --quick 200)")
    parser.add_argument("--large", type=int, help="files in the large corpus (default 5000; --quick 1000)")
    parser.add_argument("--reps", type=int, help="runs per figure, after one warm-up (default 5; --quick 3)")
    parser.add_argument("--hundred", type=int, default=100, help="files for the yamllint comparison (default 100)")
    parser.add_argument("--large-reps", type=int, help="runs for the large corpus (default: --reps)")
    parser.add_argument("--broken", type=float, default=1.0, metavar="PERCENT", help="broken share (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--corpus", help="folder to keep the corpora in and reuse them from (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpora")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args(argv)
    args.files = args.files or (200 if args.quick else 1000)
    args.large = args.large or (1000 if args.quick else 5000)
    args.reps = args.reps or (3 if args.quick else 5)
    check = subprocess.run([sys.executable, "-c", "import yaml; yaml.CSafeLoader"], capture_output=True, check=False)
    if check.returncode != 0:
        print(
            "The floor needs PyYAML with libyaml: pip install pyyaml (into the Python running this script)",
            file=sys.stderr,
        )
        return 2
    started = dt.datetime.now(dt.UTC)
    load_before = os.getloadavg()[0]
    results = run(args)
    load_after = os.getloadavg()[0]
    host = machine()
    print(table(results))
    print(
        f"\n{host['cpus']} CPUs ({host['cpu']}), Python {host['python']}; load average {load_before:.1f} "
        f"at the start, {load_after:.1f} at the end (over {host['cpus']} means other work shared the machine)"
    )
    if args.json:
        document = {
            "when": started.isoformat(timespec="seconds"),
            "machine": host,
            "load_average": {"start": load_before, "end": load_after},
            "settings": {k: v for k, v in vars(args).items() if k != "json"},
            "results": [asdict(m) for m in results],
        }
        args.json.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
        print(f"results written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

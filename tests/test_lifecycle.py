"""Lifecycle cases as folders: states and obligations on named dates, computed by hand.

Each folder under ``tests/cases/lifecycle/`` holds the YAML files of one workspace and an
``expected.yaml`` (see ``tests/cases/lifecycle/README.md``). Every date in an expectation was
computed by hand from the rules in ``/work/shared/DOMAIN.md``, never copied from the tool's
output; where the tool disagrees, the entry carries ``xfail: <reason>`` and runs as a strict
xfail.

The commands run through the public CLI (``typer.testing.CliRunner``) with ``--format json``:

* ``samverkan status DIR --as-of D --format json`` for states, details and gaps;
* ``samverkan due DIR --as-of D --all --within all --format json`` for obligations;
* ``samverkan validate DIR --format json`` for rule findings;
* ``python -m samverkan ...`` in a subprocess for the smoke runs (a timeout only against a hang).

At the end, hypothesis properties over the bundled ``agreements/`` and some case folders.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from samverkan.cli import app
from samverkan.diagnostics import Severity
from samverkan.lifecycle import LifecycleState, state_on, subjects, successors, successors_of
from samverkan.obligations import Kind, State, obligations
from samverkan.workspace import Workspace, load_workspace

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases" / "lifecycle"
AGREEMENTS = ROOT / "agreements"
UID_SUFFIX = "@samverkan"


# Reading the expectations ---------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """YAML dates as ISO strings, everything else as it is (recursively)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _expected(folder: Path) -> dict[str, Any]:
    data = YAML(typ="safe", pure=True).load((folder / "expected.yaml").read_text(encoding="utf-8"))
    plain: dict[str, Any] = _plain(data or {})
    return plain


def _folders() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if p.is_dir() and (p / "expected.yaml").exists())


def _param(value: Any, entry: dict[str, Any], ident: str) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=entry["xfail"])] if entry.get("xfail") else []
    return pytest.param(*value, marks=marks, id=ident)


def _date_params() -> Iterator[Any]:
    for folder in _folders():
        for day, entries in _expected(folder).get("as_of", {}).items():
            items = entries if isinstance(entries, list) else [entries]
            for i, entry in enumerate(items):
                suffix = f"#{i + 1}" if len(items) > 1 else ""
                yield _param((folder, day, entry), entry, f"{folder.name}@{day}{suffix}")


def _validate_params() -> Iterator[Any]:
    for folder in _folders():
        for i, entry in enumerate(_expected(folder).get("validate", [])):
            yield _param((folder, entry), entry, f"{folder.name}/validate#{i + 1}")


def _smoke_params() -> Iterator[Any]:
    for folder in _folders():
        smoke = _expected(folder).get("smoke")
        if smoke:
            for command in smoke["commands"]:
                yield _param((folder, smoke["as_of"], command), smoke, f"{folder.name}/smoke/{'-'.join(command)}")


# Running the tool ----------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(app, [*args, "--no-cache", "--jobs", "1"], catch_exceptions=False)
    assert result.exit_code in (0, 1), (result.exit_code, result.output)
    return result.exit_code, json.loads(result.stdout)


def _inputs(folder: Path) -> list[Path]:
    """The case's YAML files: every ``*.yaml`` in the folder but ``expected.yaml``."""
    if folder == AGREEMENTS:
        return [folder]
    return sorted(p for p in folder.glob("*.yaml") if p.name != "expected.yaml")


def _rel(folder: Path) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in _inputs(folder)]


def _uid(text: str) -> str:
    return text if text.endswith(UID_SUFFIX) else text + UID_SUFFIX


def _check_states(expected: dict[str, Any], status: dict[str, Any], problems: list[str]) -> None:
    found: dict[str, dict[str, Any]] = {}
    for chain in status["municipalities"]:
        for doc in chain["agreements"]:
            found.setdefault(doc["id"], doc)
    for doc_id, want in expected.items():
        want = want if isinstance(want, dict) else {"state": want}
        if doc_id not in found:
            problems.append(f"status: no document '{doc_id}' (have {sorted(found)})")
            continue
        for field, value in want.items():
            if field.endswith("~"):  # "detail~": a part of the text
                got = found[doc_id].get(field[:-1]) or ""
                if value not in got:
                    problems.append(f"status {doc_id}.{field[:-1]}: expected to contain {value!r}, got {got!r}")
            elif found[doc_id].get(field) != value:
                problems.append(f"status {doc_id}.{field}: expected {value!r}, got {found[doc_id].get(field)!r}")


def _check_gaps(expected: list[dict[str, Any]], status: dict[str, Any], problems: list[str]) -> None:
    seen = []
    for chain in status["municipalities"]:
        for g in chain["gaps"]:
            if g not in seen:
                seen.append(g)
    key = lambda g: (g["start"], g["after"], g["before"], g["kind"])  # noqa: E731
    if sorted(seen, key=key) != sorted(expected, key=key):
        problems.append(f"status gaps: expected {expected!r}, got {seen!r}")


def _check_obligations(entry: dict[str, Any], due: dict[str, Any], problems: list[str]) -> None:
    by_uid: dict[str, dict[str, Any]] = {}
    for o in due["obligations"]:
        if o["uid"] in by_uid:
            problems.append(f"due: uid {o['uid']} appears twice")
        by_uid[o["uid"]] = o
    for want in entry.get("obligations", []):
        uid = _uid(want["uid"])
        got = by_uid.get(uid)
        if got is None:
            problems.append(f"due: no obligation {uid}")
            continue
        for field, value in want.items():
            if field != "uid" and got.get(field) != value:
                problems.append(f"due {uid} {field}: expected {value!r}, got {got.get(field)!r}")
    for doc_id, uids in entry.get("uids", {}).items():
        want_set = {_uid(u) for u in uids}
        have = {u for u, o in by_uid.items() if o["agreement"] == doc_id}
        if have != want_set:
            problems.append(
                f"due uids of {doc_id}: missing {sorted(want_set - have)}, unexpected {sorted(have - want_set)}"
            )
    for doc_id, kinds in entry.get("counts", {}).items():
        for kind, n in kinds.items():
            count = sum(1 for o in due["obligations"] if o["agreement"] == doc_id and o["kind"] == kind)
            if count != n:
                problems.append(f"due: {n} obligations of kind {kind} of {doc_id} expected, got {count}")
    for uid in entry.get("absent", []):
        if _uid(uid) in by_uid:
            problems.append(f"due: {_uid(uid)} should not exist (got {by_uid[_uid(uid)]['due']})")
    for o in by_uid.values():
        if o["kind"] in ("expiry", "promise-end", "start") and o["state"] == "overdue":
            problems.append(f"due: event {o['uid']} is overdue")


@pytest.mark.parametrize(("folder", "day", "entry"), list(_date_params()))
def test_case_on_date(folder: Path, day: str, entry: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    problems: list[str] = []
    if "states" in entry or "gaps" in entry:
        _, status = _cli("status", *_rel(folder), "--as-of", day, "--format", "json")
        _check_states(entry.get("states", {}), status, problems)
        if "gaps" in entry:
            _check_gaps(entry["gaps"], status, problems)
    if {"obligations", "uids", "absent", "counts"} & entry.keys():
        _, due = _cli("due", *_rel(folder), "--as-of", day, "--all", "--within", "all", "--format", "json")
        if due["files_left_out"]:
            problems.append(f"due: files left out {due['files_left_out']}")
        _check_obligations(entry, due, problems)
    assert not problems, f"{folder.name} on {day}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("folder", "entry"), list(_validate_params()))
def test_case_validate(folder: Path, entry: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, report = _cli("validate", *_rel(folder), "--format", "json")
    if "exit" in entry:
        assert code == entry["exit"]
    if "errors" in entry:
        assert report["summary"]["errors"] == entry["errors"], report["diagnostics"]
    if "code" in entry:
        hits = [d for d in report["diagnostics"] if d["code"] == entry["code"]]
        assert len(hits) == entry.get("count", 1), hits
        for d in hits:
            assert entry.get("message_contains", "") in d["message"], d["message"]
            for k, v in entry.get("data", {}).items():
                assert d["data"].get(k) == v, (k, d["data"])
    for absent in entry.get("absent_codes", []):
        assert not [d for d in report["diagnostics"] if d["code"] == absent]


@pytest.mark.parametrize(("folder", "day", "command"), list(_smoke_params()))
def test_case_smoke(folder: Path, day: str, command: list[str]) -> None:
    """The command finishes with exit 0 or 1 and no internal error. The timeout only stops a run
    that never ends; the time itself (under 5 s) is measured by ``bench/far_dates.py``."""
    args = [sys.executable, "-m", "samverkan", *command, *_rel(folder), "--no-cache"]
    if command[0] != "validate":
        args += ["--as-of", day]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 1), (done.returncode, done.stdout[-2000:], done.stderr[-2000:])
    assert "internal error" not in done.stderr + done.stdout, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def test_every_case_folder_has_an_expectation() -> None:
    folders = [p for p in CASES.iterdir() if p.is_dir()]
    assert folders and all((p / "expected.yaml").exists() for p in folders)


# Properties ----------------------------------------------------------------------------------

PROPERTY_FOLDERS = {
    "agreements": AGREEMENTS,
    **{
        name: CASES / name
        for name in (
            "03-promise-chain-lapse",
            "04b-open-ended-review-held",
            "05-plan-one-year-at-a-time",
            "06-start-at-signing",
            "07-expiry-is-an-event",
            "09-weekly-meetings",
            "10-chain-overlap",
        )
    },
}

dates = st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31))
PROPERTY_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def _ws(name: str) -> Workspace:
    ws = load_workspace(_inputs(PROPERTY_FOLDERS[name]))
    assert subjects(ws), name
    assert not [f for f in ws.diagnostics if f.severity is Severity.ERROR], name
    return ws


def _shape(ws: Workspace, day: dt.date) -> set[tuple[str, dt.date, dt.date | None, str]]:
    return {(o.uid, o.due, o.window_start, o.kind.value) for o in obligations(ws, day)}


@pytest.mark.parametrize("name", sorted(PROPERTY_FOLDERS))
@PROPERTY_SETTINGS
@given(first=dates, second=dates)
def test_obligations_do_not_depend_on_as_of(name: str, first: dt.date, second: dt.date) -> None:
    ws = _ws(name)
    a, b = _shape(ws, first), _shape(ws, second)
    assert a == b, (sorted(a - b)[:5], sorted(b - a)[:5])
    uids = [o.uid for o in obligations(ws, first)]
    assert len(uids) == len(set(uids))


@pytest.mark.parametrize("name", sorted(PROPERTY_FOLDERS))
@PROPERTY_SETTINGS
@given(day=dates)
def test_events_are_never_overdue(name: str, day: dt.date) -> None:
    for o in obligations(_ws(name), day):
        if o.kind in (Kind.EXPIRY, Kind.PROMISE_END, Kind.START):
            assert o.state is not State.OVERDUE, o
        if o.state is State.DONE:
            assert o.done_on is not None and o.done_on <= day, o
        else:
            assert o.done_on is None, o


@pytest.mark.parametrize("name", sorted(PROPERTY_FOLDERS))
@PROPERTY_SETTINGS
@given(day=dates)
def test_never_signed_before_the_signing_date(name: str, day: dt.date) -> None:
    found = subjects(_ws(name))
    by_id = successors(found)
    for subject in found:
        state, detail = state_on(subject, successors_of(subject, by_id), day)
        if state in (LifecycleState.SIGNED, LifecycleState.IN_FORCE):
            assert subject.signed is not None and subject.signed <= day, (subject.id, day, state, detail)
        if subject.signed is None or day < subject.signed:
            assert not (detail or "").startswith("signed"), (subject.id, day, detail)


@pytest.mark.parametrize("name", ["09-weekly-meetings", "04b-open-ended-review-held", "03-promise-chain-lapse"])
def test_calendar_uids_do_not_depend_on_as_of(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same calendar UIDs in ``due --format ics --all`` whatever ``--as-of``."""
    monkeypatch.chdir(ROOT)
    seen = []
    for day in ("2015-01-01", "2021-03-01", "2023-05-23", "2030-01-01"):
        args = ["due", *_rel(CASES / name), "--as-of", day, "--all", "--within", "all", "--format", "ics"]
        result = CliRunner().invoke(app, [*args, "--no-cache", "--jobs", "1"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        uids = sorted(line for line in result.stdout.splitlines() if line.startswith("UID:"))
        assert uids and len(uids) == len(set(uids)), name
        seen.append(uids)
    assert all(u == seen[0] for u in seen), name

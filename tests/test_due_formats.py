"""Output formats of ``samverkan due`` and ``samverkan status``: golden files, the filters, the
calendar export and text that must never turn into markup.

The golden files in ``tests/golden/due/`` hold the exact bytes of::

    samverkan due --as-of DATE --format FORMAT        -> due-DATE.{txt,json,csv,md,ics}
    samverkan status --as-of DATE --format FORMAT     -> status-DATE.{txt,json}

for DATE 2022-05-01 and 2025-06-01, run from the repository root over ``agreements/``. The
CLI runner is not a terminal, so the table formats are the plain text that a pipe gets; one
test forces a terminal (``FORCE_COLOR``) to see the Rich table with colours, and ``NO_COLOR``
take them away.

When an output changes on purpose, regenerate the golden files and review the diff::

    SAMVERKAN_UPDATE_GOLDEN=1 python -m pytest tests/test_due_formats.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from plain_cli import TERMINAL_ENV, clear_env, run
from samverkan.diagnostics import Span
from samverkan.due_formats import DEFAULT_ALARM_DAYS, DUE_FORMATS, STATUS_FORMATS
from samverkan.due_formats._common import when
from samverkan.due_formats.csv_format import HEADER
from samverkan.due_formats.ics import PRODID
from samverkan.due_formats.markdown import escape
from samverkan.i18n import verbatim
from samverkan.obligations import Kind, Obligation, State

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "due"
UPDATE = os.environ.get("SAMVERKAN_UPDATE_GOLDEN") == "1"
DATES = ("2022-05-01", "2025-06-01")
EXTENSION = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "ics": "ics"}

# Environment variables that would change what the CLI prints.
_ENV = TERMINAL_ENV


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, with nothing in the environment that forces a terminal."""
    monkeypatch.chdir(ROOT)
    clear_env(monkeypatch, _ENV)


_run = run


def _due_json(*args: str) -> dict[str, Any]:
    result = _run("due", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _status_json(*args: str) -> dict[str, Any]:
    result = _run("status", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _calendar(*args: str, lang: str | None = None) -> tuple[Calendar, bytes]:
    """``due --format ics``: in Swedish unless ``lang`` is given."""
    result = _run(*(("--lang", lang) if lang else ()), "due", *args, "--format", "ics")
    assert result.exit_code == 0, result.output
    return Calendar.from_ical(result.stdout_bytes), result.stdout_bytes


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _colours(text: str) -> set[int]:
    """The colour codes (foreground and background) in ``text``'s escape sequences."""
    found = set()
    for match in _SGR.finditer(text):
        for part in match[1].split(";"):
            if part and (30 <= int(part) <= 49 or 90 <= int(part) <= 107):
                found.add(int(part))
    return found


# Golden files -----------------------------------------------------------------------------

GOLDEN_CASES = [("due", date, fmt) for date in DATES for fmt in DUE_FORMATS] + [
    ("status", date, fmt) for date in DATES for fmt in STATUS_FORMATS
]


@pytest.mark.parametrize(("command", "date", "fmt"), GOLDEN_CASES)
def test_golden(command: str, date: str, fmt: str) -> None:
    result = _run(command, "--as-of", date, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    golden = GOLDEN / f"{command}-{date}.{EXTENSION[fmt]}"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(result.stdout_bytes)
    assert result.stdout_bytes == golden.read_bytes(), f"regenerate with SAMVERKAN_UPDATE_GOLDEN=1: {golden}"


def test_every_format_has_a_golden_file() -> None:
    assert set(EXTENSION) == set(DUE_FORMATS)
    assert set(STATUS_FORMATS) <= set(EXTENSION)
    expected = {f"{c}-{d}.{EXTENSION[f]}" for c, d, f in GOLDEN_CASES}
    assert expected <= {p.name for p in GOLDEN.iterdir()}


@pytest.mark.parametrize(
    ("command", "fmt"), [("due", f) for f in DUE_FORMATS] + [("status", f) for f in STATUS_FORMATS]
)
def test_same_input_same_bytes(command: str, fmt: str) -> None:
    first = _run(command, "--as-of", "2022-05-01", "--format", fmt).stdout_bytes
    assert first == _run(command, "--as-of", "2022-05-01", "--format", fmt).stdout_bytes


def test_format_choices_are_the_registry_keys() -> None:
    due_help = _run("due", "--help").stdout
    status_help = _run("status", "--help").stdout
    assert all(name in due_help for name in DUE_FORMATS)
    assert all(name in status_help for name in STATUS_FORMATS)


# What the issue asks the output to show ---------------------------------------------------


def test_upplands_vasby_consultation_deadline_on_2022_05_01() -> None:
    table = _run("due", "--as-of", "2022-05-01").stdout
    line = next(ln for ln in table.splitlines() if "consultation" in ln)
    assert line.split()[:4] == ["2022-06-30", "due", "in", "60"]
    assert "upplands-vasby-2021" in line
    data = _due_json("--as-of", "2022-05-01")
    [consultation] = [o for o in data["obligations"] if o["kind"] == "consultation"]
    assert consultation["agreement"] == "upplands-vasby-2021"
    assert consultation["due"] == "2022-06-30"
    assert consultation["days_left"] == 60


def test_table_ends_with_a_summary() -> None:
    lines = _run("due", "--as-of", "2022-05-01").stdout.splitlines()
    assert lines[0].split() == ["Due", "State", "When", "Agreement", "What", "Responsible"]
    # By default what falls due within a year; overdue always.
    assert lines[-1] == "7 obligations: 3 overdue, 3 due, 1 upcoming (as of 2022-05-01)"
    assert lines[1].startswith("2021-12-31  overdue   121 days overdue  ")


def test_umea_continues_indefinitely_on_2025_06_01() -> None:
    status = _run("status", "--as-of", "2025-06-01").stdout
    line = next(ln for ln in status.splitlines() if "umea-2021" in ln)
    assert "continuing indefinitely (since 2025-01-01)" in line
    data = _status_json("--as-of", "2025-06-01")
    [umea] = [m for m in data["municipalities"] if m["municipality"] == "Umeå kommun"]
    [agreement] = umea["agreements"]
    assert agreement["state"] == "continuing indefinitely"
    assert agreement["runs_on"] is True
    assert agreement["next"]["agreement"] == "umea-2021"


def test_umea_yearly_follow_up_for_2025_is_listed() -> None:
    table = _run("due", "--as-of", "2025-06-01").stdout
    assert any(ln.startswith("2025-12-31") and "umea-2021" in ln and "(2025)" in ln for ln in table.splitlines()), table
    data = _due_json("--as-of", "2025-06-01")
    follow_ups = [o for o in data["obligations"] if o["agreement"] == "umea-2021" and o["kind"] == "follow-up"]
    assert {"due": "2025-12-31", "state": "due"}.items() <= next(o for o in follow_ups if "(2025)" in o["text"]).items()


def test_status_shows_period_state_and_next_deadline() -> None:
    lines = _run("status", "--as-of", "2022-05-01").stdout.splitlines()
    assert lines[0] == "Umeå kommun"
    vasby = next(ln for ln in lines if "upplands-vasby-2021" in ln)
    assert "Lokalpolisområde Sollentuna" in vasby
    assert "2021-01-01 – 2022-12-31" in vasby
    assert "in force (until 2022-12-31)" in vasby
    assert "2021-12-31 follow-up 'Halvtidsuppföljning' (Dec 2021) — 121 days overdue" in vasby
    replaced = next(ln for ln in lines if "uppsala-2010" in ln)
    assert replaced.endswith("replaced (by 'uppsala-2014' from 2014-01-01)  none")
    assert lines[-1] == "5 agreements in 3 municipalities (as of 2022-05-01)"


def test_status_json_has_every_field() -> None:
    data = _status_json("--as-of", "2022-05-01")
    assert data["as_of"] == "2022-05-01"
    assert [m["municipality"] for m in data["municipalities"]] == [
        "Umeå kommun",
        "Upplands Väsby kommun",
        "Uppsala kommun",
    ]
    uppsala = data["municipalities"][2]
    assert [a["id"] for a in uppsala["agreements"]] == ["uppsala-2010", "uppsala-2014", "uppsala-2024"]
    old = uppsala["agreements"][0]
    assert old["next"] is None
    assert old["replaced_by"] == ["uppsala-2014"]
    assert set(old) == {
        "id", "title", "municipalities", "police", "start", "end", "state", "detail", "next", "replaces",
        "replaced_by", "quiet", "runs_on", "path", "line", "col", "kind", "signed", "signed_late_days",
        "agreement",
    }  # fmt: skip
    assert uppsala["agreements"][2]["end"] == "2027-12-31"
    assert uppsala["gaps"] == []


# Gaps in a chain --------------------------------------------------------------------------

CHAIN = {
    "ort-2013.yaml": """\
kind: agreement
id: ort-2013
title: Samverkan i Orten 2013
parties:
  - {id: ort, kind: municipality, name: Orts kommun}
  - {id: polisen, kind: police, name: Polismyndigheten i Län, unit: polisområde Orten}
period: {start: 2013-01-01, end: 2013-12-31}
""",
    "ort-2014.yaml": """\
kind: agreement
id: ort-2014
title: Samverkan i Orten 2014
replaces: ort-2013
parties:
  - {id: ort, kind: municipality, name: Orts kommun}
  - {id: polisen, kind: police, name: Lokalpolisområde Orten}
period: {start: 2014-04-01}
""",
}


@pytest.fixture
def chain(tmp_path: Path) -> Path:
    for name, text in CHAIN.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_status_shows_gaps(chain: Path) -> None:
    lines = _run("status", str(chain), "--as-of", "2015-01-01").stdout.splitlines()
    assert lines[0] == "Orts kommun"
    assert lines[1].startswith("  ort-2013  ")
    assert lines[2] == "  gap: 2014-01-01 – 2014-03-31 (90 days) between 'ort-2013' and 'ort-2014'"
    assert "ort-2014" in lines[3]
    assert "2014-04-01 – …" in lines[3]
    assert lines[-1] == "2 agreements in 1 municipality, 1 gap (as of 2015-01-01)"
    [town] = _status_json(str(chain), "--as-of", "2015-01-01")["municipalities"]
    assert town["gaps"] == [
        {
            "kind": "gap",
            "after": "ort-2013",
            "before": "ort-2014",
            "start": "2014-01-01",
            "end": "2014-03-31",
            "days": 90,
        }
    ]
    assert town["agreements"][1]["end"] is None


# Filters and exit codes -------------------------------------------------------------------


def test_within() -> None:
    data = _due_json("--as-of", "2022-05-01", "--within", "90d")
    assert data["obligations"]
    assert all(o["due"] <= "2022-07-30" or o["state"] == "overdue" for o in data["obligations"])
    assert "2022-06-30" in {o["due"] for o in data["obligations"]}
    assert len(data["obligations"]) < _due_json("--as-of", "2022-05-01")["counts"]["total"]
    year = _due_json("--as-of", "2025-06-01", "--within", "1y")
    assert max(o["due"] for o in year["obligations"]) <= "2026-06-01"


def test_overdue() -> None:
    data = _due_json("--as-of", "2022-05-01", "--overdue")
    assert data["counts"] == {"total": 3, "overdue": 3, "due": 0, "upcoming": 0, "done": 0, "passed": 0}


def test_all() -> None:
    default = _due_json("--as-of", "2022-05-01", "--within", "all")
    everything = _due_json("--as-of", "2022-05-01", "--all")
    assert default["counts"]["done"] == 0
    assert {o["agreement"] for o in default["obligations"]} == {"umea-2021", "upplands-vasby-2021", "uppsala-2024"}
    assert everything["counts"]["passed"] > 0  # starts and ends are events: passed, never overdue
    assert {"uppsala-2010", "uppsala-2014"} <= {o["agreement"] for o in everything["obligations"]}
    assert {o["uid"] for o in default["obligations"]} < {o["uid"] for o in everything["obligations"]}


def test_agreement() -> None:
    one = _due_json("--as-of", "2022-05-01", "--agreement", "umea-2021")
    assert {o["agreement"] for o in one["obligations"]} == {"umea-2021"}
    two = _due_json(
        "--as-of", "2022-05-01", "--within", "all", "--agreement", "umea-2021", "--agreement", "uppsala-2024"
    )
    assert {o["agreement"] for o in two["obligations"]} == {"umea-2021", "uppsala-2024"}


def test_party() -> None:
    data = _due_json("--as-of", "2022-05-01", "--party", "sollentuna")
    assert data["obligations"]
    assert {o["agreement"] for o in data["obligations"]} == {"upplands-vasby-2021"}
    assert all(any("Sollentuna" in p for p in o["parties"]) for o in data["obligations"])


def test_kind() -> None:
    data = _due_json("--as-of", "2022-05-01", "--kind", "consultation", "--kind", "expiry")
    assert {o["kind"] for o in data["obligations"]} == {"consultation", "expiry"}


def test_fail_on_overdue() -> None:
    assert _run("due", "--as-of", "2022-05-01", "--fail-on-overdue").exit_code == 1
    assert _run("due", "--as-of", "2022-05-01").exit_code == 0
    clean = _run("due", "--agreement", "uppsala-2024", "--as-of", "2024-06-01", "--fail-on-overdue")
    assert clean.exit_code == 0, clean.output
    assert "overdue" not in clean.stdout.split("\n\n")[0]


@pytest.mark.parametrize(
    "args",
    [
        ("due", "--as-of", "2022-13-01"),
        ("due", "--as-of", "yesterday"),
        ("due", "--within", "3x"),
        ("due", "--within", "soon"),
        ("due", "--kind", "party"),
        ("due", "--format", "yaml"),
        ("due", "--alarm-days", "-1"),
        ("status", "--as-of", "2025-02-30"),
        ("status", "--format", "csv"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""


def test_nothing_due() -> None:
    args = ("--as-of", "2022-05-01", "--kind", "review")
    assert _run("due", *args).stdout == "nothing due as of 2022-05-01\n"
    assert _due_json(*args)["counts"]["total"] == 0
    assert _run("due", *args, "--format", "csv").stdout == ",".join(HEADER) + "\n"
    assert (
        _run("due", *args, "--format", "markdown").stdout == "## Due as of 2022-05-01\n\nnothing due as of 2022-05-01\n"
    )
    calendar, _ = _calendar(*args)
    assert calendar.walk("VEVENT") == []


# JSON and CSV -----------------------------------------------------------------------------

OBLIGATION_FIELDS = {
    "uid", "agreement", "kind", "key", "text", "due", "window_start", "state", "days_left", "when",
    "responsible", "done_on", "detail", "parties", "path", "line", "col", "document",
}  # fmt: skip


def test_json_has_counts_and_every_field() -> None:
    data = _due_json("--as-of", "2022-05-01", "--all")
    assert data["as_of"] == "2022-05-01"
    assert data["files_left_out"] == []
    obligations = data["obligations"]
    assert data["counts"]["total"] == len(obligations)
    for state in ("overdue", "due", "upcoming", "done", "passed"):
        assert data["counts"][state] == sum(1 for o in obligations if o["state"] == state)
    assert all(set(o) == OBLIGATION_FIELDS for o in obligations)
    halftime = next(o for o in obligations if "Halvtidsuppföljning" in o["text"])
    assert halftime["window_start"] == "2021-12-01"
    assert halftime["due"] == "2021-12-31"
    assert halftime["uid"].endswith("@samverkan")
    assert halftime["path"] == "agreements/upplands-vasby/upplands-vasby-2021.yaml"
    assert halftime["line"] > 0


def test_csv_has_a_header_and_a_row_per_obligation() -> None:
    text = _run("due", "--as-of", "2022-05-01", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    data = _due_json("--as-of", "2022-05-01")
    assert tuple(rows[0]) == HEADER
    assert [r["uid"] for r in rows] == [o["uid"] for o in data["obligations"]]
    assert [int(r["days_left"]) for r in rows] == [o["days_left"] for o in data["obligations"]]
    assert "\r" not in text


# The calendar -----------------------------------------------------------------------------


def test_ics_parses_back_with_the_obligations() -> None:
    calendar, _ = _calendar("--as-of", "2022-05-01", lang="en")  # English: the summaries are JSON's texts
    data = _due_json("--as-of", "2022-05-01")
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    events = calendar.walk("VEVENT")
    assert len(events) == len(data["obligations"])
    for event, o in zip(events, data["obligations"], strict=True):
        start = event.decoded("DTSTART")
        assert type(start) is dt.date
        assert start.isoformat() == o["due"]
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == f"{o['agreement']}: {o['text']}"
        assert str(event["UID"]) == o["uid"]
        assert event.decoded("DTSTAMP") == dt.datetime(2022, 5, 1, tzinfo=dt.UTC)
        assert f"Source: {o['path']}:{o['line']}" in str(event["DESCRIPTION"])
    consultation = next(e for e in events if "consultation" in str(e["SUMMARY"]))
    assert consultation.decoded("DTSTART") == dt.date(2022, 6, 30)
    assert str(consultation["SUMMARY"]).startswith("upplands-vasby-2021: ")


def test_ics_is_the_same_bytes_and_uids_on_every_run() -> None:
    first, first_bytes = _calendar("--as-of", "2022-05-01")
    second, second_bytes = _calendar("--as-of", "2022-05-01")
    assert first_bytes == second_bytes
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in second.walk("VEVENT")]


def test_ics_uids_do_not_depend_on_as_of() -> None:
    def by_uid(date: str) -> dict[str, tuple[str, dt.date]]:
        calendar, _ = _calendar("--as-of", date, "--all")
        return {str(e["UID"]): (str(e["SUMMARY"]), e.decoded("DTSTART")) for e in calendar.walk("VEVENT")}

    before, after = by_uid("2022-05-01"), by_uid("2022-09-01")
    shared = before.keys() & after.keys()
    assert len(shared) > 10
    assert all(before[uid] == after[uid] for uid in shared)
    consultation = next(uid for uid, (summary, _) in before.items() if "samråd" in summary)
    assert consultation in after
    # the same obligation (summary and date) never changes its UID
    assert {v: k for k, v in before.items() if v in after.values()} == {
        v: k for k, v in after.items() if v in before.values()
    }


def test_ics_alarm() -> None:
    calendar, _ = _calendar("--as-of", "2022-05-01")
    for event in calendar.walk("VEVENT"):
        [alarm] = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == -dt.timedelta(days=DEFAULT_ALARM_DAYS)
        assert str(alarm["ACTION"]) == "DISPLAY"
    calendar, raw = _calendar("--as-of", "2022-05-01", "--alarm-days", "3")
    assert b"TRIGGER:-P3D" in raw
    assert all(e.walk("VALARM")[0].decoded("TRIGGER") == -dt.timedelta(days=3) for e in calendar.walk("VEVENT"))
    calendar, raw = _calendar("--as-of", "2022-05-01", "--alarm-days", "0")
    assert b"VALARM" not in raw
    assert calendar.walk("VEVENT")


def test_ics_no_alarm_for_what_is_done() -> None:
    calendar, _ = _calendar("--as-of", "2022-05-01", "--all")
    for event in calendar.walk("VEVENT"):
        done = "State: done" in str(event["DESCRIPTION"])
        assert bool(event.walk("VALARM")) is not done


def test_ics_lines_are_crlf_and_folded() -> None:
    _, raw = _calendar("--as-of", "2022-05-01")
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""
    assert all(b"\n" not in line and len(line) <= 75 for line in lines)


def _icalendar_bytes(raw: bytes) -> bytes:
    """What icalendar itself writes for the calendar in ``raw``."""
    data: bytes = Calendar.from_ical(raw).to_ical()
    return data


@pytest.mark.parametrize("as_of", ["2015-01-01", "2022-05-01", "2026-06-01"])
def test_ics_is_the_bytes_icalendar_writes(as_of: str) -> None:
    """The calendar is folded by samverkan (``ics.to_bytes``: icalendar folds a character at a
    time), into the bytes icalendar's own ``to_ical`` writes, in both languages."""
    for lang in ("sv", "en"):
        _, raw = _calendar("--as-of", as_of, lang=lang)
        assert raw == _icalendar_bytes(raw)


def test_the_calendar_lets_go_again_of_the_positions_it_reads() -> None:
    """A file let go of once loaded is read again for its obligations' lines; the calendar lets
    go of it again once they are read (some 60 MB for the national corpus otherwise), and the
    calendar is the same."""
    from samverkan.api import DueQuery, due
    from samverkan.due_formats.ics import calendar, to_bytes
    from samverkan.source import Place

    result = due([ROOT / "agreements"], DueQuery(dt.date(2022, 5, 1), everything=True))
    by_id = {id(o.span.source): o.span.source for o in result.obligations if isinstance(o.span, Place)}
    sources = [s for s in by_id.values() if s is not None]
    let_go = [s for s in sources if s.released]
    kept = [(s, s.located) for s in sources if not s.released]  # files with findings keep their text
    assert len(let_go) >= 3
    first = to_bytes(calendar(result, DEFAULT_ALARM_DAYS))
    assert all(s.released and s.located is None and s.text is None for s in let_go)
    assert all(not s.released and s.located is located for s, located in kept)
    assert to_bytes(calendar(result, DEFAULT_ALARM_DAYS)) == first
    described = [str(e["DESCRIPTION"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert all(re.search(r"\nKälla: /\S+\.yaml:\d+$", text) for text in described), described[0]


_FOLD_CHARS = 'a Z0-\\^,;:"\tåÅ€😀\u00a0\u2028漢'


@given(st.text(alphabet=st.sampled_from(list(_FOLD_CHARS)) | st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_a_content_line_is_folded_as_icalendar_folds_it(text: str) -> None:
    from icalendar import Event

    from samverkan.due_formats.ics import to_bytes

    cal = Calendar()
    event = Event()
    event.add("summary", text)
    event.add("description", text + "\n" + text)
    event.add("categories", ["samverkan", text[:50]])
    cal.add_component(event)
    assert to_bytes(cal) == cal.to_ical()


# Text from the YAML is never markup ---------------------------------------------------------

HOSTILE_TITLE = "[bold]Koll | av_läget[/bold] *x* `y` <b>&amp;</b>"
HOSTILE = f"""\
kind: agreement
id: hostile-2024
title: "[bold]Trygg | säker[/bold]"
parties:
  - {{id: kommunen, kind: municipality, name: "[red]Kommun[/red] | A"}}
  - {{id: polisen, kind: police, name: "=HYPERLINK(1)"}}
period: {{start: 2024-01-01, end: 2024-12-31}}
follow_up:
  responsible: polisen
  schedule:
    - type: once
      id: koll
      title: "{HOSTILE_TITLE}"
      date: 2024-06-30
"""


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return str(path)


def test_brackets_print_in_the_table(hostile: str) -> None:
    out = _run("due", hostile, "--as-of", "2024-05-01").stdout
    assert f"follow-up '{HOSTILE_TITLE}' (2024-06-30)" in out
    status = _run("status", hostile, "--as-of", "2024-05-01").stdout
    assert "[red]Kommun[/red] | A" in status
    assert "[bold]Trygg | säker[/bold]" in status


def test_brackets_print_in_the_terminal_table(hostile: str) -> None:
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "250"}
    out = _run("due", hostile, "--as-of", "2024-05-01", env=env).stdout
    assert HOSTILE_TITLE in _SGR.sub("", out)
    status = _run("status", hostile, "--as-of", "2024-05-01", env=env).stdout
    assert "[bold]Trygg | säker[/bold]" in _SGR.sub("", status)


def test_markdown_escapes_user_text(hostile: str) -> None:
    out = _run("due", hostile, "--as-of", "2024-05-01", "--format", "markdown").stdout
    assert r"\[bold\]Koll \| av\_läget\[/bold\] \*x\* \`y\` \<b\>\&amp;\</b\>" in out
    rows = [ln for ln in out.splitlines() if ln.startswith("|")]
    assert len(rows) == 4  # header, rule, two obligations
    assert all(len(re.findall(r"(?<!\\)\|", row)) == 8 for row in rows)  # seven cells each


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain text, 2021–2022 (Dec)", "plain text, 2021–2022 (Dec)"),
        ("a | b", r"a \| b"),
        (r"back\slash", r"back\\slash"),
        ("[link](x)", r"\[link\](x)"),
        ("*em* _em_ ~del~ `code`", r"\*em\* \_em\_ \~del\~ \`code\`"),
        ("<b>&amp;", r"\<b\>\&amp;"),
        ("two\nlines", "two lines"),
    ],
)
def test_markdown_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_csv_defuses_formulas(hostile: str) -> None:
    text = _run("due", hostile, "--as-of", "2024-05-01", "--format", "csv").stdout
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["responsible"] == "'=HYPERLINK(1)"
    assert row["days_left"] == "60"
    assert HOSTILE_TITLE in row["text"]


def test_json_keeps_user_text_as_it_is(hostile: str) -> None:
    [follow_up, _] = _due_json(hostile, "--as-of", "2024-05-01")["obligations"]
    assert follow_up["text"] == f"follow-up '{HOSTILE_TITLE}' (2024-06-30)"
    assert follow_up["responsible"] == "=HYPERLINK(1)"


# On a terminal ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["due", "status"])
def test_colour_on_a_terminal_and_none_with_no_color(command: str) -> None:
    terminal = {"FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "200"}
    coloured = _run(command, "--as-of", "2022-05-01", env=terminal).stdout
    assert 31 in _colours(coloured)  # overdue (due) or expired (status) in red
    assert "─" in coloured  # a Rich table, not the plain text
    plain_on_terminal = _run(command, "--as-of", "2022-05-01", env={**terminal, "NO_COLOR": "1"}).stdout
    assert _colours(plain_on_terminal) == set()
    assert "─" in plain_on_terminal
    piped = _run(command, "--as-of", "2022-05-01").stdout
    assert "\x1b[" not in piped
    assert "─" not in piped


def test_due_table_colours_by_state(monkeypatch: pytest.MonkeyPatch) -> None:
    from samverkan.api import DueQuery, due
    from samverkan.due_formats import FormatOptions

    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.setenv("TERM", "xterm-256color")

    result = due([Path("agreements")], DueQuery(as_of=dt.date(2022, 5, 1), everything=True))
    stream = io.StringIO()
    DUE_FORMATS["table"](result, stream, FormatOptions(terminal=True))
    lines = stream.getvalue().splitlines()

    def codes(fragment: str) -> set[int]:
        return _colours(next(ln for ln in lines if fragment in ln))

    assert 31 in codes("121 days overdue")
    assert 33 in codes("in 60 days")
    assert codes("in 610 days") == set()
    done = next(ln for ln in lines if "uppsala-2010" in ln)
    assert "\x1b[2m" in done  # dim


# The words for days -----------------------------------------------------------------------


def _obligation(due: dt.date, state: State, done_on: dt.date | None = None) -> Obligation:
    return Obligation(
        agreement="a",
        kind=Kind.EXPIRY,
        key="expiry",
        due=due,
        window_start=None,
        state=state,
        span=Span("a.yaml", 1, 1),
        done_on=done_on,
        message=verbatim("agreement expires"),
    )


@pytest.mark.parametrize(
    ("due", "state", "done_on", "words"),
    [
        (dt.date(2022, 6, 10), State.UPCOMING, None, "in 40 days"),
        (dt.date(2022, 5, 2), State.UPCOMING, None, "in 1 day"),
        (dt.date(2022, 5, 1), State.DUE, None, "today"),
        (dt.date(2022, 4, 30), State.OVERDUE, None, "1 day overdue"),
        (dt.date(2022, 4, 19), State.OVERDUE, None, "12 days overdue"),
        (dt.date(2021, 12, 31), State.DONE, dt.date(2021, 12, 15), "done 2021-12-15"),
        (dt.date(2021, 1, 1), State.DONE, None, "done"),
    ],
)
def test_when(due: dt.date, state: State, done_on: dt.date | None, words: str) -> None:
    assert when(_obligation(due, state, done_on), dt.date(2022, 5, 1)) == words

"""What ``record`` and ``extend`` refuse before they edit: an id two files share, a date outside
the agreement's life, and an entry recorded already.

Each refusal is one line, exit 1, and the file is left as it was; an exact repetition is no
error (exit 0) and changes nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from edit_cli import OPEN_ENDED, invoke

ROOT = Path(__file__).resolve().parent.parent
VASBY = Path("agreements/upplands-vasby/upplands-vasby-2021.yaml")
VASBY_ID = "upplands-vasby-2021"


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "SAMVERKAN_DEBUG", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("NO_COLOR", "1")


def snapshot() -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(Path("agreements").rglob("*.yaml"))}


# 1. An id that two files share --------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("record", "follow-up", VASBY_ID, "halvtidsuppfoljning", "--date", "2021-12-15"),
        ("record", "meeting", VASBY_ID, "styrgrupp", "--date", "2021-05-04"),
        ("record", "consultation", VASBY_ID, "--date", "2022-05-10"),
        ("extend", VASBY_ID, "--decided", "2022-05-20"),
    ],
)
def test_an_id_two_files_share_is_refused_naming_both(bundled: Path, args: tuple[str, ...]) -> None:
    # "Copy one to start your own": the copy sorts before the original and keeps its id.
    shutil.copyfile(VASBY, "agreements/upplands-vasby/a-copy.yaml")
    before = snapshot()
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"samverkan: agreement id '{VASBY_ID}' is used by 2 files: "
        "agreements/upplands-vasby/a-copy.yaml:7:5, agreements/upplands-vasby/upplands-vasby-2021.yaml:7:5; "
        "nothing written. Give each copy its own id, or name the file to edit instead of the id\n"
    )
    assert snapshot() == before


def test_naming_the_file_edits_that_file_when_the_id_is_shared(bundled: Path) -> None:
    copy = Path("agreements/upplands-vasby/a-copy.yaml")
    shutil.copyfile(VASBY, copy)
    original = VASBY.read_bytes()
    result = invoke("record", "meeting", str(VASBY), "styrgrupp", "--date", "2021-05-04")
    assert result.exit_code == 0, result.output
    assert VASBY.read_bytes() != original
    assert copy.read_bytes() == original


# 2. Dates outside the agreement's life --------------------------------------------------------
# Upplands Väsby runs 2021-01-01 to 2022-12-31. A follow-up belongs from its first day to half a
# year after its last (2023-06-30); consultation and decision on extension to a year after it
# (2023-12-31). Each bound is allowed, the day beyond it is not.


def _refused_before(what: str, day: str, why: str) -> str:
    return (
        f"samverkan: refused: {what} on {day} is before agreement '{VASBY_ID}' began "
        f"(2021-01-01, at {VASBY.as_posix()}:26:10): {why}; nothing written. "
        "If the date is right, run again with --force\n"
    )


def _refused_after(what: str, day: str, months: int, why: str) -> str:
    past = f"more than {months} months after" if months else "after"
    return (
        f"samverkan: refused: {what} on {day} is {past} agreement '{VASBY_ID}' ended "
        f"(2022-12-31, at {VASBY.as_posix()}:27:8): {why}; nothing written. "
        "If the date is right, run again with --force\n"
    )


FOLLOW_UP_WHY = "a follow-up or review belongs within the agreement's period, or shortly after it"
DECISION_WHY = (
    "consultation and decision on extension come before the agreement ends, or at most a year after it lapsed"
)
FOLLOW_UP = ("record", "follow-up", VASBY_ID, "halvtidsuppfoljning", "--date")
CONSULTATION = ("record", "consultation", VASBY_ID, "--date")
EXTEND = ("extend", VASBY_ID, "--decided")
MEETING = ("record", "meeting", VASBY_ID, "styrgrupp", "--date")
MEETING_WHY = "a group meets while the agreement is in force"


@pytest.mark.parametrize(
    ("command", "day", "refusal"),
    [
        (FOLLOW_UP, "2020-12-31", _refused_before("follow-up 'halvtidsuppfoljning'", "2020-12-31", FOLLOW_UP_WHY)),
        (FOLLOW_UP, "2021-01-01", None),
        (FOLLOW_UP, "2021-01-02", None),
        (FOLLOW_UP, "2023-06-29", None),
        (FOLLOW_UP, "2023-06-30", None),
        (
            FOLLOW_UP,
            "2023-07-01",
            _refused_after("follow-up 'halvtidsuppfoljning'", "2023-07-01", 6, FOLLOW_UP_WHY),
        ),
        (CONSULTATION, "2020-12-31", _refused_before("a consultation on extension", "2020-12-31", DECISION_WHY)),
        (CONSULTATION, "2021-01-01", None),
        (CONSULTATION, "2021-01-02", None),
        (CONSULTATION, "2023-12-30", None),
        (CONSULTATION, "2023-12-31", None),
        (CONSULTATION, "2024-01-01", _refused_after("a consultation on extension", "2024-01-01", 12, DECISION_WHY)),
        (EXTEND, "2020-12-31", _refused_before("an extension decided", "2020-12-31", DECISION_WHY)),
        (EXTEND, "2021-01-01", None),
        (EXTEND, "2021-01-02", None),
        (EXTEND, "2023-12-30", None),
        (EXTEND, "2023-12-31", None),
        (EXTEND, "2024-01-01", _refused_after("an extension decided", "2024-01-01", 12, DECISION_WHY)),
        (MEETING, "1921-05-04", _refused_before("a meeting", "1921-05-04", MEETING_WHY)),
        (MEETING, "2020-12-31", _refused_before("a meeting", "2020-12-31", MEETING_WHY)),
        (MEETING, "2021-01-01", None),
        (MEETING, "2022-12-31", None),
        (MEETING, "2023-01-01", _refused_after("a meeting", "2023-01-01", 0, MEETING_WHY)),
        # Six years after it ended: the case that was recorded without a word.
        (EXTEND, "2028-12-31", _refused_after("an extension decided", "2028-12-31", 12, DECISION_WHY)),
    ],
)
def test_a_date_outside_the_agreements_life_is_refused(
    bundled: Path, command: tuple[str, ...], day: str, refusal: str | None
) -> None:
    before = snapshot()
    result = invoke(*command, day)
    if refusal is None:
        assert result.exit_code == 0, result.output
        assert "refused" not in result.stderr
        assert snapshot() != before
    else:
        assert result.exit_code == 1, result.output
        assert result.stderr == refusal
        assert snapshot() == before
        forced = invoke(*command, day, "--force")
        assert forced.exit_code == 0, forced.output
        assert snapshot() != before


def test_the_bound_moves_with_a_recorded_extension(bundled: Path) -> None:
    assert invoke("extend", VASBY_ID, "--decided", "2022-05-20").exit_code == 0  # now until 2024-12-31
    result = invoke(*FOLLOW_UP, "2025-06-30")
    assert result.exit_code == 0, result.output
    result = invoke("record", "follow-up", VASBY_ID, "halvtidsuppfoljning", "--date", "2025-07-01")
    assert result.exit_code == 1
    assert "ended (2024-12-31, at agreements/upplands-vasby/upplands-vasby-2021.yaml:" in result.stderr


def test_an_agreement_that_runs_on_indefinitely_has_no_upper_bound(bundled: Path) -> None:
    # Umeå 2021–2024 continues indefinitely: its yearly follow-up goes on after 2024.
    result = invoke("record", "follow-up", "umea-2021", "arlig-uppfoljning", "--date", "2031-02-01", "--dry-run")
    assert result.exit_code == 0, result.output


REPLACEMENT = """\
kind: agreement
id: ort-2025
title: Samverkansöverenskommelse
replaces: ort-2017
parties:
  - {id: k, kind: municipality, name: Orts kommun}
  - {id: p, kind: police, name: Lokalpolisområde Ort}
period:
  start: 2025-01-01
  end: 2027-12-31
signing: {place: Ort, date: 2024-12-19}
"""


@pytest.mark.parametrize(("day", "refused"), [("2025-06-29", False), ("2025-06-30", False), ("2025-07-01", True)])
def test_a_review_after_the_agreement_was_replaced_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, day: str, refused: bool
) -> None:
    (tmp_path / "agreements").mkdir()
    (tmp_path / "agreements" / "ort-2017.yaml").write_text(OPEN_ENDED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # Without a successor it runs on: any later review is plausible.
    assert invoke("record", "review", "ort-2017", "--date", day, "--dry-run").exit_code == 0
    (tmp_path / "agreements" / "ort-2025.yaml").write_text(REPLACEMENT, encoding="utf-8")
    result = invoke("record", "review", "ort-2017", "--date", day, "--dry-run")
    if refused:
        assert result.exit_code == 1
        assert result.stderr == (
            f"samverkan: refused: a review on {day} is more than 6 months after agreement 'ort-2017' was replaced "
            f"by 'ort-2025' (2025-01-01, at agreements/ort-2025.yaml:9:10): {FOLLOW_UP_WHY}; nothing written. "
            "If the date is right, run again with --force\n"
        )
    else:
        assert result.exit_code == 0, result.output


def test_the_refusal_is_in_swedish_for_a_swedish_reader(bundled: Path) -> None:
    from samverkan.cli import app

    result = CliRunner().invoke(app, ["--lang", "sv", *EXTEND, "2028-12-31"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"samverkan: avböjt: en förlängning beslutad den 2028-12-31 ligger mer än 12 månader efter att "
        f"överenskommelsen '{VASBY_ID}' gick ut (2022-12-31, på {VASBY.as_posix()}:27:8): samråd och beslut om "
        "förlängning sker innan överenskommelsen går ut, eller högst ett år efter att den upphört; inget skrevs. "
        "Om datumet stämmer, kör kommandot igen med --force\n"
    )


# 3. Entries recorded already -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "what", "at"),
    [
        (
            ("record", "follow-up", VASBY_ID, "halvtidsuppfoljning", "--date", "2021-12-15", "--link", "r.pdf"),
            "follow-up 'halvtidsuppfoljning' on 2021-12-15",
            "97:7",
        ),
        (("extend", VASBY_ID, "--decided", "2022-05-20"), f"extension of '{VASBY_ID}' decided 2022-05-20", "37:5"),
        (
            ("record", "consultation", VASBY_ID, "--date", "2022-05-10", "--outcome", "förlängning"),
            f"consultation on extension of '{VASBY_ID}' on 2022-05-10",
            "37:5",
        ),
        (
            ("record", "meeting", VASBY_ID, "styrgrupp", "--date", "2021-05-04"),
            "meeting of 'styrgrupp' on 2021-05-04",
            "",
        ),
    ],
)
def test_the_same_entry_twice_is_recorded_once(bundled: Path, args: tuple[str, ...], what: str, at: str) -> None:
    first = invoke(*args)
    assert first.exit_code == 0, first.output
    after_first = snapshot()
    for again in (args, (*args, "--dry-run")):
        result = invoke(*again)
        assert result.exit_code == 0, result.output
        assert result.stdout == ""
        assert result.stderr.startswith(f"already recorded: {what} at {VASBY.as_posix()}:")
        assert result.stderr.endswith("; nothing written\n")
        if at:
            assert f":{at};" in result.stderr
        assert snapshot() == after_first


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            ("record", "follow-up", VASBY_ID, "halvtidsuppfoljning", "--date", "2021-12-15"),
            ("record", "follow-up", VASBY_ID, "halvtidsuppfoljning", "--date", "2021-12-15", "--note", "x"),
        ),
        (
            ("extend", VASBY_ID, "--decided", "2022-05-20"),
            ("extend", VASBY_ID, "--decided", "2022-05-20", "--until", "2025-12-31"),
        ),
    ],
)
def test_the_same_entry_with_other_details_is_refused(
    bundled: Path, first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    assert invoke(*first).exit_code == 0
    before = snapshot()
    result = invoke(*second)
    assert result.exit_code == 1
    assert "is already recorded at agreements/upplands-vasby/upplands-vasby-2021.yaml:" in result.stderr
    assert result.stderr.endswith("with other details; nothing written. Change that entry by hand if it is wrong\n")
    assert snapshot() == before


def test_another_date_is_another_entry(bundled: Path) -> None:
    for day in ("2021-12-15", "2021-12-16"):
        assert invoke(*FOLLOW_UP, day).exit_code == 0
    assert VASBY.read_text(encoding="utf-8").count("rule: halvtidsuppfoljning") == 2


def test_a_decision_without_until_on_a_clause_without_a_term_is_refused(bundled: Path) -> None:
    """Umeå's clause runs on indefinitely: an extension decided without --until would change no
    end, and saying 'now until 2024-12-31' would be wrong; with --until it is recorded."""
    umea = Path("agreements/umea/umea-2021.yaml")
    before = umea.read_bytes()
    result = invoke("extend", "umea-2021", "--decided", "2024-06-01")
    assert result.exit_code == 1
    assert result.stderr == (
        f"samverkan: agreement 'umea-2021' runs on by its extension clause (indefinite, at "
        f"{umea.as_posix()}:34:3), which gives no term: a decision without --until would change no end; "
        "give --until with the new last day the decision names; nothing written\n"
    )
    assert umea.read_bytes() == before
    named = invoke("extend", "umea-2021", "--decided", "2024-06-01", "--until", "2026-12-31")
    assert named.exit_code == 0, named.output
    assert "(now until 2026-12-31)" in named.stderr


@pytest.mark.parametrize(("due", "refused"), [("2022-12-30", True), ("2022-12-31", False), ("2023-01-01", True)])
def test_a_due_that_is_no_occurrence_is_refused(bundled: Path, due: str, refused: bool) -> None:
    """Umeå's yearly follow-up falls due each 31 December: a --due on another day would be given
    by the obligations engine to some other occurrence, closing one the coordinator did not mean."""
    before = snapshot()
    result = invoke("record", "follow-up", "umea-2021", "arlig-uppfoljning", "--date", "2022-02-01", "--due", due)
    if refused:
        assert result.exit_code == 1
        assert result.stderr == (
            f"samverkan: refused: follow-up 'arlig-uppfoljning' of 'umea-2021' has no occurrence due {due} "
            "(the nearest: 2021-12-31, 2022-12-31, 2023-12-31); nothing written\n"
        )
        assert snapshot() == before
    else:
        assert result.exit_code == 0, result.output
        assert snapshot() != before

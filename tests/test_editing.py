"""Recording what was done: ``record follow-up``, ``record meeting`` and ``extend``.

The edits are made in the file's text. Each test checks the bytes: the new text must be the
old text with only the intended lines added (or, in a flow collection, the one line that
holds it changed), in the file's own indentation, line breaks and byte-order mark.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edit_cli import invoke
from samverkan.api import check
from samverkan.api_edit import EditError, extend, record_follow_up
from samverkan.diagnostics import Severity
from samverkan.editing import append_item, scalar, split_lines, unified_diff
from samverkan.model import Agreement
from samverkan.periods import effective_end
from samverkan.source import parse_text
from samverkan.workspace import load_file

ROOT = Path(__file__).resolve().parent.parent
COMMENTED = Path(__file__).resolve().parent / "editing" / "commented.yaml"
VASBY = Path("agreements/upplands-vasby/upplands-vasby-2021.yaml")
UPPSALA = Path("agreements/uppsala/uppsala-2014.yaml")
UPPSALA_PLAN = Path("agreements/uppsala/uppsala-2014-handlingsplan.yaml")
COPY = Path("agreements/commented.yaml")


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "SAMVERKAN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def commented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The heavily commented file alone in ``tmp_path/agreements``; the current folder is ``tmp_path``."""
    (tmp_path / "agreements").mkdir()
    shutil.copyfile(COMMENTED, tmp_path / COPY)
    monkeypatch.chdir(tmp_path)
    return tmp_path / COPY


def added(old: bytes, new: bytes) -> tuple[int, list[str]]:
    """Where lines were added and which: the only change allowed is one block of new lines.

    Lines keep their line breaks, so a changed line break shows up as a change.
    """
    old_lines = split_lines(old.decode("utf-8"))
    new_lines = split_lines(new.decode("utf-8"))
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert len(changes) == 1, changes
    tag, i1, _, j1, j2 = changes[0]
    assert tag == "insert", changes
    inserted = new_lines[j1:j2]
    # Taking the added lines out gives back the original, byte for byte.
    assert "".join(new_lines[:j1] + new_lines[j2:]).encode("utf-8") == old
    return i1, inserted


def line_number(text: bytes, line: str) -> int:
    """0-based index of the line that is exactly ``line`` (without its line break)."""
    lines = [x.rstrip("\r\n") for x in split_lines(text.decode("utf-8"))]
    assert lines.count(line) == 1, line
    return lines.index(line)


def agreement_of(path: Path) -> Agreement:
    loaded = load_file(path)
    assert not loaded.source.diagnostics, loaded.source.diagnostics
    assert isinstance(loaded.document, Agreement)
    return loaded.document


def errors_in(*paths: Path) -> list[str]:
    report = check(list(paths))
    return [f"{d.span}: {d.code} {d.english}" for d in report.diagnostics if d.severity is Severity.ERROR]


# The heavily commented file --------------------------------------------------------------


def test_the_commented_fixture_is_valid() -> None:
    assert errors_in(COMMENTED) == []


def test_follow_up_adds_done_after_schedule_and_its_comments(commented: Path) -> None:
    old = commented.read_bytes()
    result = invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"recorded follow-up 'halvtidsuppfoljning' on 2021-12-15 in {COPY}\n"
    at, lines = added(old, commented.read_bytes())
    assert lines == [
        "  done:\n",
        "    - rule: halvtidsuppfoljning\n",
        "      date: 2021-12-15\n",
    ]
    # After the comment indented under the schedule entry, before the blank line and the
    # comment at the level of follow_up's keys.
    assert at == line_number(old, "      # A comment below the schedule entry, indented under it.") + 1
    assert agreement_of(commented).follow_up.done[0].date.isoformat() == "2021-12-15"  # type: ignore[union-attr]


def test_follow_up_appends_to_an_activitys_done_list(commented: Path) -> None:
    old = commented.read_bytes()
    result = invoke(
        "record",
        "follow-up",
        "upplands-vasby-2021",
        "vandringsuppfoljning",
        "--date",
        "2021-12-20",
        "--note",
        "Andra halvåret: två vandringar, # ingen kommentar",
        "--link",
        "https://example.org/rapport.pdf",
    )
    assert result.exit_code == 0, result.output
    at, lines = added(old, commented.read_bytes())
    assert lines == [
        "            - rule: vandringsuppfoljning\n",
        "              date: 2021-12-20\n",
        '              note: "Andra halvåret: två vandringar, # ingen kommentar"\n',
        "              link: https://example.org/rapport.pdf\n",
    ]
    assert at == line_number(old, "              # More walks to come.") + 1
    activity = agreement_of(commented).action_plans[0].activities[0]  # type: ignore[union-attr]
    assert [r.note for r in activity.follow_up.done] == [  # type: ignore[union-attr]
        "Första halvåret: tre vandringar",
        "Andra halvåret: två vandringar, # ingen kommentar",
    ]


def test_follow_up_into_an_empty_flow_list_changes_only_that_line(commented: Path) -> None:
    old = commented.read_bytes()
    result = invoke("record", "follow-up", "upplands-vasby-2021", "arlig-planuppfoljning", "--date", "2021-12-20")
    assert result.exit_code == 0, result.output
    new = commented.read_bytes()
    diff = list(difflib.unified_diff(split_lines(old.decode()), split_lines(new.decode()), n=0))
    assert diff[3:] == [
        "-      done: []   # nothing yet\n",
        "+      done: [{rule: arlig-planuppfoljning, date: 2021-12-20}]   # nothing yet\n",
    ]


def test_meeting_adds_meetings_at_the_end_of_the_group(commented: Path) -> None:
    old = commented.read_bytes()
    result = invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04")
    assert result.exit_code == 0, result.output
    assert result.stderr == f"recorded meeting of 'styrgrupp' on 2021-05-04 in {COPY}\n"
    at, lines = added(old, commented.read_bytes())
    assert lines == ["      meetings:\n", "        - date: 2021-05-04\n"]
    assert at == line_number(old, "          utifrån behov men minst två gånger per år") + 1
    groups = agreement_of(commented).organisation.groups  # type: ignore[union-attr]
    assert [m.date.isoformat() for m in groups[0].meetings] == ["2021-05-04"]


def test_meeting_of_a_group_written_as_a_flow_mapping(commented: Path) -> None:
    old = commented.read_bytes()
    result = invoke(
        "record", "meeting", "upplands-vasby-2021", "beredningsgrupp", "--date", "2021-05-04", "--note", "a, b"
    )
    assert result.exit_code == 0, result.output
    diff = list(difflib.unified_diff(split_lines(old.decode()), split_lines(commented.read_text()), n=0))
    assert diff[3:] == [
        "-    - {id: beredningsgrupp, kind: preparatory-group, name: Beredningsgrupp}\n",
        "+    - {id: beredningsgrupp, kind: preparatory-group, name: Beredningsgrupp, "
        'meetings: [{date: 2021-05-04, note: "a, b"}]}\n',
    ]
    assert agreement_of(commented).organisation.groups[1].meetings[0].note == "a, b"  # type: ignore[union-attr]


def test_extend_adds_extensions_after_the_extension_clause(commented: Path) -> None:
    old = commented.read_bytes()
    result = invoke("extend", "upplands-vasby-2021", "--decided", "2022-05-20", "--note", "Beslut i KS § 12")
    assert result.exit_code == 0, result.output
    *found, summary = result.stderr.splitlines()
    assert summary == f"recorded extension of 'upplands-vasby-2021' decided 2022-05-20 (now until 2024-12-31) in {COPY}"
    # Extended past 1 July 2023, the agreement now comes under the statutory check: notices only.
    assert found and all(": notice[LAW00" in line for line in found), found
    at, lines = added(old, commented.read_bytes())
    assert lines == ["extensions:\n", "  - decided: 2022-05-20\n", "    note: Beslut i KS § 12\n"]
    # The folded text's last line looks like a comment, but it is text: the list comes after it.
    assert at == line_number(old, "    # inte en kommentar") + 1
    assert effective_end(agreement_of(commented)).isoformat() == "2024-12-31"  # type: ignore[union-attr]


def test_every_edit_of_the_commented_file_validates(commented: Path) -> None:
    for args in (
        ("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15"),
        ("record", "follow-up", "upplands-vasby-2021", "arlig-planuppfoljning", "--date", "2021-12-20"),
        ("record", "follow-up", "upplands-vasby-2021", "vandringsuppfoljning", "--date", "2021-12-20"),
        ("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04"),
        ("record", "meeting", "upplands-vasby-2021", "beredningsgrupp", "--date", "2021-05-04"),
        ("extend", "upplands-vasby-2021", "--decided", "2022-05-20"),
        ("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-11-04"),
    ):
        result = invoke(*args)
        assert result.exit_code == 0, result.output
    assert errors_in(commented) == []
    text = commented.read_text(encoding="utf-8")
    for kept in split_lines(COMMENTED.read_text(encoding="utf-8")):
        if "beredningsgrupp" not in kept and "done: []" not in kept:
            assert kept in text


# The bundled agreements ------------------------------------------------------------------


def test_record_follow_up_in_upplands_vasby(bundled: Path) -> None:
    old = VASBY.read_bytes()
    result = invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == (
        "recorded follow-up 'halvtidsuppfoljning' on 2021-12-15 in agreements/upplands-vasby/upplands-vasby-2021.yaml\n"
    )
    at, lines = added(old, VASBY.read_bytes())
    assert lines == ["  done:\n", "    - rule: halvtidsuppfoljning\n", "      date: 2021-12-15\n"]
    assert at == line_number(old, "organisation:")
    done = agreement_of(VASBY).follow_up.done  # type: ignore[union-attr]
    assert [(r.rule, r.date.isoformat()) for r in done] == [("halvtidsuppfoljning", "2021-12-15")]
    assert errors_in(Path("agreements")) == []


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_record_in_a_file_with_unicode_line_separators(bundled: Path, char: str) -> None:
    """NEL, LS and PS are ordinary characters in YAML 1.2 (text pasted from PDF or Word): a file
    with one in a comment (and, for LS and PS, in a value) is edited like any other, and keeps them."""
    text = VASBY.read_text(encoding="utf-8")
    text = text.replace("title: ", f"# anteckning{char}från Word\ntitle: ", 1)
    if char != "\x85":  # NEL is refused in values (SV014); a comment may hold it
        text = text.replace("Samverkan för ett tryggare", f"Samverkan{char}för ett tryggare", 1)
    VASBY.write_text(text, encoding="utf-8")
    old = VASBY.read_bytes()
    result = invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15")
    assert result.exit_code == 0, result.output
    at, lines = added(old, VASBY.read_bytes())
    assert lines == ["  done:\n", "    - rule: halvtidsuppfoljning\n", "      date: 2021-12-15\n"]
    assert at == line_number(old, "organisation:")
    assert VASBY.read_text(encoding="utf-8").count(char) == text.count(char)
    assert errors_in(Path("agreements")) == []


def test_record_meeting_in_upplands_vasby(bundled: Path) -> None:
    old = VASBY.read_bytes()
    result = invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04")
    assert result.exit_code == 0, result.output
    at, lines = added(old, VASBY.read_bytes())
    assert lines == ["      meetings:\n", "        - date: 2021-05-04\n"]
    assert at == line_number(old, "    - id: beredningsgrupp")
    groups = agreement_of(VASBY).organisation.groups  # type: ignore[union-attr]
    assert [m.date.isoformat() for m in groups[0].meetings] == ["2021-05-04"]
    assert errors_in(Path("agreements")) == []


def test_extend_upplands_vasby(bundled: Path) -> None:
    old = VASBY.read_bytes()
    result = invoke("extend", "upplands-vasby-2021", "--decided", "2022-05-20")
    assert result.exit_code == 0, result.output
    at, lines = added(old, VASBY.read_bytes())
    assert lines == ["extensions:\n", "  - decided: 2022-05-20\n"]
    assert at == line_number(old, "situation_picture:")
    agreement = agreement_of(VASBY)
    assert [e.decided.isoformat() for e in agreement.extensions] == ["2022-05-20"]
    assert effective_end(agreement).isoformat() == "2024-12-31"  # type: ignore[union-attr]
    assert errors_in(Path("agreements")) == []


def test_record_follow_up_of_uppsala_edits_the_action_plan_file(bundled: Path) -> None:
    agreement_before = UPPSALA.read_bytes()
    old = UPPSALA_PLAN.read_bytes()
    result = invoke("record", "follow-up", "uppsala-2014", "tertialuppfoljning", "--date", "2014-05-10")
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"recorded follow-up 'tertialuppfoljning' on 2014-05-10 in {UPPSALA_PLAN.as_posix()}\n")
    assert UPPSALA.read_bytes() == agreement_before
    at, lines = added(old, UPPSALA_PLAN.read_bytes())
    assert lines == ["  done:\n", "    - rule: tertialuppfoljning\n", "      date: 2014-05-10\n"]
    assert at == line_number(old, "source: Tjänsteskrivelse KSN-2013-1258, bilaga 1, Uppsala kommun, 2013-11-15.")
    plan = load_file(UPPSALA_PLAN).document
    assert [r.date.isoformat() for r in plan.follow_up.done] == ["2014-05-10"]  # type: ignore[union-attr]
    assert errors_in(Path("agreements")) == []


def test_the_agreement_can_be_named_by_its_file(bundled: Path) -> None:
    old = VASBY.read_bytes()
    result = invoke("record", "meeting", str(VASBY), "styrgrupp", "--date", "2021-05-04")
    assert result.exit_code == 0, result.output
    assert added(old, VASBY.read_bytes())[1] == ["      meetings:\n", "        - date: 2021-05-04\n"]


def test_running_twice_records_once(bundled: Path) -> None:
    """A command run again (a script, the shell's history) finds its entry and writes nothing."""
    commands = [
        ("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04", "--note", "möte i maj"),
        ("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15"),
        ("extend", "upplands-vasby-2021", "--decided", "2022-05-20", "--note", "beslut i styrgruppen"),
    ]
    for command in commands:
        assert invoke(*command).exit_code == 0
        once = VASBY.read_bytes()
        again = invoke(*command)
        assert again.exit_code == 0, again.output
        assert again.stderr.startswith("already recorded: "), again.stderr
        assert again.stderr.endswith("; nothing written\n")
        assert VASBY.read_bytes() == once
    agreement = agreement_of(VASBY)
    meetings = agreement.organisation.groups[0].meetings  # type: ignore[union-attr]
    assert [(m.date.isoformat(), m.note) for m in meetings] == [("2021-05-04", "möte i maj")]
    assert len(agreement.follow_up.done) == 1  # type: ignore[union-attr]
    assert len(agreement.extensions) == 1


def test_a_new_warning_is_shown_but_does_not_stop_the_edit(bundled: Path) -> None:
    result = invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2030-05-04", "--force")
    assert result.exit_code == 0, result.output
    assert "warning[SV102] meeting of 'styrgrupp' held 2030-05-04, after the period" in result.stderr
    assert result.stderr.endswith(f"recorded meeting of 'styrgrupp' on 2030-05-04 in {VASBY.as_posix()}\n")


# Dry run, line breaks, byte-order mark, permissions ---------------------------------------


def test_dry_run_prints_the_diff_and_writes_nothing(bundled: Path) -> None:
    old = VASBY.read_bytes()
    result = invoke("extend", "upplands-vasby-2021", "--decided", "2022-05-20", "--dry-run")
    assert result.exit_code == 0, result.output
    assert VASBY.read_bytes() == old
    name = VASBY.as_posix()
    assert result.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n@@ ")
    assert [line for line in result.stdout.splitlines() if line.startswith(("+", "-"))][2:] == [
        "+extensions:",
        "+  - decided: 2022-05-20",
    ]
    assert "nothing written" in result.stderr


def test_crlf_file_stays_crlf(bundled: Path) -> None:
    text = VASBY.read_bytes().replace(b"\n", b"\r\n")
    VASBY.write_bytes(text)
    result = invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15")
    assert result.exit_code == 0, result.output
    new = VASBY.read_bytes()
    _, lines = added(text, new)
    assert lines == ["  done:\r\n", "    - rule: halvtidsuppfoljning\r\n", "      date: 2021-12-15\r\n"]
    assert new.count(b"\n") == new.count(b"\r\n")
    result = invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04", "--dry-run")
    assert "\r" not in result.stdout


def test_byte_order_mark_is_kept(bundled: Path) -> None:
    text = b"\xef\xbb\xbf" + VASBY.read_bytes()
    VASBY.write_bytes(text)
    result = invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04")
    assert result.exit_code == 0, result.output
    new = VASBY.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf") and not new.startswith(b"\xef\xbb\xbf" * 2)
    assert added(text[3:], new[3:])[1] == ["      meetings:\n", "        - date: 2021-05-04\n"]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_file_mode_is_kept(bundled: Path) -> None:
    VASBY.chmod(0o640)
    result = invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(VASBY.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symbolic_link_stays_a_link(bundled: Path) -> None:
    real = Path("real.yaml")
    VASBY.replace(real)
    VASBY.symlink_to(real.resolve())
    result = invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04")
    assert result.exit_code == 0, result.output
    assert VASBY.is_symlink()
    assert "      meetings:\n" in real.read_text(encoding="utf-8")


def test_an_agreement_file_outside_the_search_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere" / "vasby.yaml"
    elsewhere.parent.mkdir()
    shutil.copyfile(ROOT / VASBY, elsewhere)
    monkeypatch.chdir(tmp_path)
    result = invoke("extend", "elsewhere/vasby.yaml", "--decided", "2022-05-20", "--note", "KS 2022-05-20")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("(now until 2024-12-31) in elsewhere/vasby.yaml\n")
    assert [e.note for e in agreement_of(elsewhere).extensions] == ["KS 2022-05-20"]


def test_an_interrupted_write_leaves_the_old_file(bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = VASBY.read_bytes()
    before = sorted(p.name for p in VASBY.parent.iterdir())

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15")
    assert result.exit_code == 1
    assert result.stderr == (
        f"samverkan: cannot write {VASBY.as_posix()}: No space left on device; the file is unchanged\n"
    )
    assert VASBY.read_bytes() == old
    assert sorted(p.name for p in VASBY.parent.iterdir()) == before


# Refused edits ---------------------------------------------------------------------------


def test_extension_until_before_the_current_end_is_refused(bundled: Path) -> None:
    old = VASBY.read_bytes()
    result = invoke("extend", "upplands-vasby-2021", "--decided", "2022-05-20", "--until", "2022-06-30")
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "samverkan: refused: the edit would bring 1 new error; nothing was written"
    assert lines[1].startswith(f"  {VASBY.as_posix()}:")
    assert lines[1].endswith(
        "error[SV101] extension decided 2022-05-20 runs until 2022-06-30, before the current end 2022-12-31"
    )
    assert VASBY.read_bytes() == old


def test_extension_under_an_option_clause_needs_until(bundled: Path) -> None:
    old = UPPSALA.read_bytes()
    result = invoke("extend", "uppsala-2014", "--decided", "2014-10-01")
    assert result.exit_code == 1
    assert "error[SV105] extension decided 2014-10-01 has no 'until'" in result.stderr
    assert UPPSALA.read_bytes() == old
    result = invoke("extend", "uppsala-2014", "--decided", "2014-10-01", "--until", "2015-12-31")
    assert result.exit_code == 0, result.output
    assert "(now until 2015-12-31)" in result.stderr


def test_a_rule_raised_to_error_in_the_configuration_refuses_the_edit(bundled: Path) -> None:
    old = VASBY.read_bytes()
    Path("samverkan.toml").write_text('severity = { SV102 = "error" }\n', encoding="utf-8")
    result = invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2023-06-01")
    assert result.exit_code == 1
    assert "error[SV102] follow-up 'halvtidsuppfoljning' done on 2023-06-01, after the period" in result.stderr
    assert VASBY.read_bytes() == old


def test_an_edit_the_schema_refuses_is_not_written(bundled: Path) -> None:
    old = VASBY.read_bytes()
    result = invoke("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04", "--note", "")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"samverkan: refused: the edit would make {VASBY.as_posix()} invalid; nothing was written"
    assert lines[1].endswith("organisation.groups[0].meetings[0].note: must not be empty")
    assert VASBY.read_bytes() == old


def test_a_file_with_schema_errors_is_not_edited(bundled: Path) -> None:
    VASBY.write_bytes(VASBY.read_bytes() + b"titel: x\n")
    old = VASBY.read_bytes()
    for args in (
        ("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04"),
        ("record", "meeting", str(VASBY), "styrgrupp", "--date", "2021-05-04"),
    ):
        result = invoke(*args)
        assert result.exit_code == 1
        assert result.stderr == (
            f"samverkan: {VASBY.as_posix()} has errors; run 'samverkan validate {VASBY.as_posix()}' "
            "and fix them before recording anything\n"
        )
    assert VASBY.read_bytes() == old


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("record", "meeting", "upplands-vasbi-2021", "styrgrupp", "--date", "2021-05-04"),
            "samverkan: unknown agreement 'upplands-vasbi-2021'; did you mean 'upplands-vasby-2021'?",
        ),
        (
            ("record", "meeting", "upplands-vasby-2021", "styrgruppen", "--date", "2021-05-04"),
            "samverkan: agreement 'upplands-vasby-2021' has no group 'styrgruppen'; did you mean 'styrgrupp'?",
        ),
        (
            ("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljningen", "--date", "2021-12-15"),
            "samverkan: agreement 'upplands-vasby-2021' has no scheduled follow-up 'halvtidsuppfoljningen'; "
            "did you mean 'halvtidsuppfoljning'?",
        ),
        (
            ("record", "follow-up", "uppsala-2014", "x", "--date", "2014-05-10"),
            "samverkan: agreement 'uppsala-2014' has no scheduled follow-up 'x' (it has: tertialuppfoljning)",
        ),
        (
            ("record", "meeting", "agreements/nowhere.yaml", "styrgrupp", "--date", "2021-05-04"),
            "samverkan: no such file: agreements/nowhere.yaml",
        ),
        (
            ("record", "follow-up", str(UPPSALA_PLAN), "tertialuppfoljning", "--date", "2014-05-10"),
            f"samverkan: {UPPSALA_PLAN.as_posix()} is not an agreement (kind: action-plan); "
            "name the agreement file or its id",
        ),
        (
            ("extend", "upplands-vasby-2021", "--decided", "2022-05-20", "--path", "nowhere"),
            "samverkan: no samverkan files in nowhere; say where the agreements are with --path",
        ),
    ],
)
def test_unknown_names_are_one_line_and_exit_1(bundled: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == message + "\n"


def test_a_rule_id_scheduled_twice_is_refused(bundled: Path) -> None:
    plan = Path("agreements/upplands-vasby/plan.yaml")
    plan.write_text(
        "kind: action-plan\n"
        "id: vasby-plan\n"
        "agreement: upplands-vasby-2021\n"
        "title: Plan\n"
        "follow_up:\n"
        "  schedule:\n"
        "    - {type: once, id: halvtidsuppfoljning, month: 2021-12}\n",
        encoding="utf-8",
    )
    old = VASBY.read_bytes()
    result = invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15")
    assert result.exit_code == 1
    assert result.stderr == (
        "samverkan: follow-up 'halvtidsuppfoljning' is scheduled in more than one place: "
        f"agreement 'upplands-vasby-2021' at {VASBY.as_posix()}:89:11; "
        f"action plan 'vasby-plan' at {plan.as_posix()}:7:24; edit the file by hand\n"
    )
    assert VASBY.read_bytes() == old


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", "2021-02-30"), "Invalid value for '--date': 2021-02-30 is not a real date"),
        (("--date", "15/12/2021"), "Invalid value for '--date': '15/12/2021' is not a date; write it as YYYY-MM-DD"),
        (("--date", "2021-12-15", "--due", "2021-13-01"), "Invalid value for '--due': 2021-13-01 is not a real date"),
    ],
)
def test_a_malformed_date_is_a_usage_error(bundled: Path, args: tuple[str, ...], message: str) -> None:
    old = VASBY.read_bytes()
    result = invoke("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert VASBY.read_bytes() == old


def test_a_malformed_date_through_the_api_is_a_usage_error(bundled: Path) -> None:
    with pytest.raises(EditError) as caught:
        extend("upplands-vasby-2021", decided="2022-05-20", until="2024-02-30", paths=[Path("agreements")])
    assert caught.value.exit_code == 2
    assert "--until: 2024-02-30 is not a real date" in caught.value.message


def test_the_api_returns_the_diff_without_writing(bundled: Path) -> None:
    old = VASBY.read_bytes()
    result = record_follow_up(
        "upplands-vasby-2021", "halvtidsuppfoljning", date="2021-12-15", due="2021-12-31", write=False
    )
    assert VASBY.read_bytes() == old
    assert not result.written
    assert result.path == VASBY.as_posix()
    assert "+      due: 2021-12-31\n" in result.diff
    assert result.new_text.encode() != old


# The text edits themselves ---------------------------------------------------------------

INDENTLESS = """\
kind: agreement
parties:
- id: a
  name: A
follow_up:
  schedule:
  - type: yearly
    id: arlig
"""


def test_a_new_list_follows_the_files_indentless_style() -> None:
    new = append_item(INDENTLESS, ("follow_up", "done"), {"rule": "arlig", "date": "2022-01-31"}, after="schedule")
    assert new == INDENTLESS + "  done:\n  - rule: arlig\n    date: 2022-01-31\n"


WIDE = """\
kind: agreement
groups:
    -   id: a
        meetings:
            -   date: 2021-01-01   # first
                note: x
# after
"""


def test_an_appended_item_follows_its_lists_indentation() -> None:
    new = append_item(WIDE, ("groups", 0, "meetings"), {"date": "2021-02-01", "note": "later"})
    assert new == WIDE.replace("# after\n", "            -   date: 2021-02-01\n                note: later\n# after\n")
    new = append_item(WIDE, ("groups", 0, "extra"), {"date": "2021-02-01"})
    assert new.endswith("        extra:\n            -   date: 2021-02-01\n# after\n")


def test_a_new_key_goes_at_the_end_of_the_mapping_without_its_anchor() -> None:
    text = "kind: agreement\nid: x\n\n# trailing comment\n"
    new = append_item(text, ("extensions",), {"decided": "2022-05-20"}, after="extension")
    assert new == "kind: agreement\nid: x\nextensions:\n  - decided: 2022-05-20\n\n# trailing comment\n"


def test_a_file_without_a_final_line_break_keeps_it_that_way() -> None:
    text = "kind: agreement\nextensions:\n  - decided: 2020-01-01"
    new = append_item(text, ("extensions",), {"decided": "2022-05-20"})
    assert new == text + "\n  - decided: 2022-05-20"
    assert unified_diff(text, new, "x.yaml").endswith(
        " extensions:\n-  - decided: 2020-01-01\n\\ No newline at end of file\n"
        "+  - decided: 2020-01-01\n+  - decided: 2022-05-20\n\\ No newline at end of file\n"
    )


def test_a_block_scalar_that_keeps_its_line_breaks_keeps_them() -> None:
    text = "kind: agreement\nextension:\n  type: option\n  text: |+\n    kept\n\n\nid: x\n"
    new = append_item(text, ("extensions",), {"decided": "2022-05-20"}, after="extension")
    assert new == text.replace("id: x", "extensions:\n  - decided: 2022-05-20\nid: x")


def test_a_flow_list_with_items_and_a_trailing_comma() -> None:
    text = "kind: agreement\ndone: [\n  {rule: a, date: 2021-01-01},\n]\n"
    new = append_item(text, ("done",), {"rule": "a", "date": "2021-02-01"})
    assert new == "kind: agreement\ndone: [\n  {rule: a, date: 2021-01-01}, {rule: a, date: 2021-02-01},\n]\n"


@pytest.mark.parametrize(
    "value",
    [
        "plain text",
        "yes",
        "No",
        "y",
        "123",
        "1.5e3",
        "null",
        "~",
        "- a dash",
        "key: value",
        "a # hash",
        "#hash",
        "ends with colon:",
        " leading space",
        "trailing space ",
        "two\nlines",
        "tab\there",
        "quote ' and \"",
        "[brackets]",
        "{braces}",
        "a, b",
        "...",
        "åäö — 🚓",
        "line\u2028separator",
        "@at",
        "%percent",
        "back\\slash",
    ],
)
def test_any_note_reads_back_as_written(value: str) -> None:
    text = "kind: agreement\nlist:\n  - note: x\nflow: [{note: x}]\n"
    for path in (("list",), ("flow",), ("new",)):
        new = append_item(text, path, {"note": value})
        source = parse_text(new, "x.yaml")
        assert source.located is not None and not source.diagnostics
        assert source.located.data[path[0]][-1] == {"note": value}
    assert scalar("2021-12-15") == "2021-12-15"


@pytest.mark.parametrize(("value", "code"), [("bell\x07", "U+0007"), ("\x1b[2J", "U+001B"), ("nel\x85", "U+0085")])
def test_a_note_with_a_control_character_is_refused(value: str, code: str) -> None:
    # The loader refuses control characters in values (SV014), so the entry would not read back.
    text = "kind: agreement\nlist:\n  - note: x\n"
    with pytest.raises(EditError) as refused:
        append_item(text, ("list",), {"note": value})
    assert refused.value.message == "the new entry would not read back as written; nothing was changed"
    assert [d.english() for d in refused.value.details] == [f"control character {code} in text; remove it"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
    | st.text(alphabet=" :#-?,[]{}'\"\\\n\t|>!&*%@`.~0123456789yesnoabc", max_size=12)
)
def test_any_text_reads_back_in_block_and_flow_lists(value: str) -> None:
    text = "kind: agreement\nlist:\n  - note: x\nflow: [{note: x}]\n"
    for path in (("list",), ("flow",), ("new",)):
        source = parse_text(append_item(text, path, {"note": value}), "x.yaml")
        assert source.located is not None
        assert source.located.data[path[0]][-1] == {"note": value}


# Reviews of an open-ended agreement --------------------------------------------------------

OPEN_ENDED = """\
# Gäller tills vidare och revideras vart tredje år.
kind: agreement
id: ort-2017
title: Samverkansöverenskommelse
parties:
  - {id: k, kind: municipality, name: Orts kommun}
  - {id: p, kind: police, name: Lokalpolisområde Ort}
period:
  start: 2017-12-19  # dagen för beslutet
extension:
  type: open-ended
  review_every_years: 3
  text: Överenskommelsen revideras vart tredje år.
signing: {place: Ort, date: 2017-12-19}
"""


def test_record_review_adds_reviews_after_the_clause_and_moves_the_next_review(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "agreements").mkdir()
    path = tmp_path / "agreements" / "ort.yaml"
    path.write_text(OPEN_ENDED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from samverkan.obligations import Kind, State, obligations
    from samverkan.workspace import load_workspace

    def reviews(as_of: dt.date) -> list[tuple[dt.date, State]]:
        found = obligations(load_workspace([Path("agreements")]), as_of)
        return [(o.due, o.state) for o in found if o.kind is Kind.REVIEW][:3]

    # On the anniversary of the start: 2020-12-19, 2023-12-19; overdue the day after.
    assert reviews(dt.date(2020, 12, 19))[:2] == [
        (dt.date(2020, 12, 19), State.DUE),
        (dt.date(2023, 12, 19), State.UPCOMING),
    ]
    assert reviews(dt.date(2020, 12, 20))[0] == (dt.date(2020, 12, 19), State.OVERDUE)
    old = path.read_bytes()
    result = invoke("record", "review", "ort-2017", "--date", "2021-03-01", "--note", "Översyn i styrgruppen")
    assert result.exit_code == 0, result.output
    assert "next review due 2024-03-01" in result.stderr
    at, lines = added(old, path.read_bytes())
    assert lines == ["reviews:\n", "  - date: 2021-03-01\n", "    note: Översyn i styrgruppen\n"]
    assert at == line_number(old, "signing: {place: Ort, date: 2017-12-19}")
    # Held late: overdue until the day it was held, done from then; the next falls three years on.
    assert reviews(dt.date(2021, 2, 28))[0] == (dt.date(2020, 12, 19), State.OVERDUE)
    assert reviews(dt.date(2021, 3, 1))[:2] == [
        (dt.date(2020, 12, 19), State.DONE),
        (dt.date(2024, 3, 1), State.UPCOMING),
    ]


def test_record_review_needs_a_review_clause(bundled: Path) -> None:
    result = invoke("record", "review", "upplands-vasby-2021", "--date", "2022-01-10")
    assert result.exit_code == 1
    assert "has no review every N years" in result.stderr


def test_record_consultation_marks_the_consultation_done_without_an_extension(bundled: Path) -> None:
    from samverkan.obligations import Kind, State, obligations
    from samverkan.workspace import load_workspace

    def consultation(as_of: dt.date) -> tuple[State, dt.date | None]:
        [o] = [o for o in obligations(load_workspace([Path("agreements")]), as_of) if o.kind is Kind.CONSULTATION]
        return o.state, o.done_on

    old = VASBY.read_bytes()
    result = invoke(
        "record", "consultation", "upplands-vasby-2021", "--date", "2022-05-10", "--outcome", "ingen förlängning"
    )
    assert result.exit_code == 0, result.output
    _, lines = added(old, VASBY.read_bytes())
    assert lines == ["consultations:\n", "  - date: 2022-05-10\n", "    outcome: ingen förlängning\n"]
    assert consultation(dt.date(2022, 5, 9)) == (State.DUE, None)
    assert consultation(dt.date(2022, 5, 10)) == (State.DONE, dt.date(2022, 5, 10))
    assert agreement_of(VASBY).period.end == effective_end(agreement_of(VASBY))  # nothing was extended
    assert errors_in(Path("agreements")) == []


# Two reports on one day, line breaks and control characters in a note, a review before the start

TERTIAL = ("record", "follow-up", "uppsala-2014", "tertialuppfoljning", "--date", "2014-10-01")


def test_two_follow_ups_on_one_day_for_different_dues(bundled: Path) -> None:
    """Catching up: the January–April and May–August reports filed on one day are two entries,
    and the follow-up report shows each one's own note and link on its own row."""
    from samverkan.render.library import Library
    from samverkan.render.report import report_rows
    from samverkan.workspace import load_workspace

    first = invoke(*TERTIAL, "--due", "2014-04-30", "--note", "jan–apr", "--link", "https://example.se/t1")
    assert first.exit_code == 0, first.output
    second = invoke(*TERTIAL, "--due", "2014-08-31", "--note", "maj–aug", "--link", "https://example.se/t2")
    assert second.exit_code == 0, second.output
    assert second.stderr.startswith("recorded follow-up 'tertialuppfoljning' on 2014-10-01 in ")
    again = invoke(*TERTIAL, "--due", "2014-08-31", "--note", "maj–aug", "--link", "https://example.se/t2")
    assert again.stderr.startswith(
        "already recorded: follow-up 'tertialuppfoljning' on 2014-10-01 for the one due 2014-08-31 at "
    )
    other = invoke(*TERTIAL, "--due", "2014-08-31", "--note", "annan")
    assert other.exit_code == 1
    assert "with other details" in other.stderr

    lib = Library(load_workspace([Path("agreements")]), dt.date(2014, 11, 1))
    agreement = lib.agreement("uppsala-2014")
    assert agreement is not None
    rows = [(row.due, row.done_on, row.note, row.link) for o, row in report_rows(lib, agreement) if "tertial" in o.key]
    assert rows == [
        (dt.date(2014, 4, 30), dt.date(2014, 10, 1), "jan–apr", "https://example.se/t1"),
        (dt.date(2014, 8, 31), dt.date(2014, 10, 1), "maj–aug", "https://example.se/t2"),
        (dt.date(2014, 12, 31), None, None, None),
    ]


@pytest.mark.parametrize("brk", ["\r\n", "\r", "\x85"], ids=["CRLF", "CR", "NEL"])
def test_a_windows_line_break_in_a_note_is_recorded_as_a_line_break(bundled: Path, brk: str) -> None:
    result = invoke(
        "record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04", "--note", f"rad 1{brk}rad 2"
    )
    assert result.exit_code == 0, result.output
    meetings = agreement_of(VASBY).organisation.groups[0].meetings  # type: ignore[union-attr]
    assert [m.note for m in meetings] == ["rad 1\nrad 2"]


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (("record", "meeting", "upplands-vasby-2021", "styrgrupp", "--date", "2021-05-04"), "--note"),
        (("record", "follow-up", "upplands-vasby-2021", "halvtidsuppfoljning", "--date", "2021-12-15"), "--link"),
        (("record", "consultation", "upplands-vasby-2021", "--date", "2022-05-10"), "--outcome"),
        (("extend", "upplands-vasby-2021", "--decided", "2022-05-20"), "--note"),
    ],
)
def test_a_control_character_in_a_text_option_is_a_usage_error(
    bundled: Path, command: tuple[str, ...], option: str
) -> None:
    old = VASBY.read_bytes()
    result = invoke(*command, option, "klocka\x07")
    assert result.exit_code == 2, result.output
    assert result.stderr == f"samverkan: {option}: control character U+0007 is not allowed in text; remove it\n"
    assert VASBY.read_bytes() == old


def test_a_review_before_the_start_is_refused_unless_forced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "agreements").mkdir()
    path = tmp_path / "agreements" / "ort.yaml"
    path.write_text(OPEN_ENDED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    refused = invoke("record", "review", "ort-2017", "--date", "2017-06-01")
    assert refused.exit_code == 1
    assert refused.stderr.startswith(
        "samverkan: refused: a review on 2017-06-01 is before agreement 'ort-2017' began "
        "(2017-12-19, at agreements/ort.yaml:9:"
    )
    assert path.read_text(encoding="utf-8") == OPEN_ENDED
    forced = invoke("record", "review", "ort-2017", "--date", "2017-06-01", "--force")
    assert forced.exit_code == 0, forced.output
    assert "reviews:\n  - date: 2017-06-01\n" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["nope.YAML", "nope.Yml", "nope.yaml"])
def test_a_missing_file_in_any_case_is_no_such_file(bundled: Path, name: str) -> None:
    result = invoke("extend", name, "--decided", "2022-05-20")
    assert result.exit_code == 1
    assert result.stderr == f"samverkan: no such file: {name}\n"

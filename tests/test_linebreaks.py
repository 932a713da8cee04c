"""Hostile text: Unicode line breaks, control characters, and file names and folders that
were once skipped or crashed a run.

YAML 1.2 ends a line at LF, CR LF and CR only; NEL (U+0085), LS (U+2028) and PS (U+2029) are
ordinary characters, which libyaml (a YAML 1.1 reader) counts as line breaks. The property at
the end inserts them, CR LF and CR line endings and control characters into the bundled
agreements and checks every reported place against a count of YAML 1.2's line breaks.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from samples import AGREEMENT
from samverkan.cli import app
from samverkan.source import parse_text

ROOT = Path(__file__).resolve().parent.parent
SYNTAX, CONTROL = "SV001", "SV014"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _yaml12_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of ``text[offset]`` counting only LF, CR LF and CR as line breaks."""
    before = re.split(r"\r\n|\r|\n", text[:offset])
    return len(before), len(before[-1]) + 1


# --- Unicode line breaks ---------------------------------------------------------------------


def _separated(tmp_path: Path) -> Path:
    text = AGREEMENT.replace("title: Samverkan för", 'title: "Samverkan\u2028för') + "purpse: x\n"
    text = text.replace("tryggare Umeå\n", 'tryggare\u2029Umeå"\n', 1)
    path = tmp_path / "agreements" / "umea.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    return path


UNKNOWN_AT = "agreements/umea.yaml:14:1"


@pytest.mark.parametrize("fmt", ["text", "concise", "github"])
def test_a_separator_in_quoted_text_moves_no_line_in_the_text_formats(tmp_path: Path, fmt: str) -> None:
    _separated(tmp_path)
    result = invoke("validate", "agreements", "--format", fmt)
    assert result.exit_code == 1, result.output
    if fmt == "github":
        assert "::error file=agreements/umea.yaml,line=14,col=1,title=SV020::" in result.stdout
    else:
        assert f"{UNKNOWN_AT}: error[SV020] unknown key 'purpse'" in result.stdout
    if fmt == "text":
        assert "14 | purpse: x\n" in result.stdout  # the excerpt is the line reported


def test_a_separator_in_quoted_text_moves_no_line_in_json_sarif_junit(tmp_path: Path) -> None:
    _separated(tmp_path)
    found = json.loads(invoke("validate", "agreements", "--format", "json").stdout)
    first = found["diagnostics"][0]
    assert (first["code"], first["line"], first["column"]) == ("SV020", 14, 1)
    sarif = json.loads(invoke("validate", "agreements", "--format", "sarif").stdout)
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 14, "startColumn": 1}
    assert f"{UNKNOWN_AT}: error[SV020]" in invoke("validate", "agreements", "--format", "junit").stdout


def test_separators_in_comments_and_block_text_are_kept_not_refused() -> None:
    text = (
        AGREEMENT
        + "# from the PDF\u2028page 2\u0085page 3\u2029\npurpose: |\n  Trygghet\u2028i\u2029kommunen\n  rad två\n"
    )
    source = parse_text(text, "x.yaml")
    assert source.diagnostics == []
    assert source.located is not None
    assert source.located.data["purpose"] == "Trygghet\u2028i\u2029kommunen\nrad två\n"
    assert source.located.keys[("purpose",)] == (15, 1)


def test_a_file_holding_the_stand_ins_reads_them_as_they_are() -> None:
    # U+E000… are what NEL, LS and PS stand in as while parsing; a file may hold them too,
    # literally or as an escape.
    text = 'title: "a\u2028b\ue000\\ue001\ue002\\uE003"\nplace: x\u0085y\u2029\n'
    source = parse_text(text, "x.yaml")
    assert source.located is None  # NEL in a value is refused ...
    assert [(d.code, d.span.line, d.span.col) for d in source.diagnostics] == [(CONTROL, 2, 9)]  # at the NEL itself
    source = parse_text(text.replace("\u0085", ""), "x.yaml")
    assert source.located is not None
    assert source.located.data == {"title": "a\u2028b\ue000\ue001\ue002\ue003", "place": "xy\u2029"}


def test_the_excerpt_is_the_reported_line_with_cr_line_endings(tmp_path: Path) -> None:
    (tmp_path / "mac.yaml").write_bytes(b"kind: agreement\rid: umea-2021\rtitle: a \x1b[2J b\r")
    result = invoke("validate", "mac.yaml")
    assert result.exit_code == 1
    assert "mac.yaml:3:10: error[SV001]" in result.stdout
    assert "3 | title: a \u241b[2J b\n" in result.stdout  # ESC shown, not sent to the terminal
    assert "\x1b" not in result.stdout


# --- control characters ------------------------------------------------------------------------


def test_a_control_character_keeps_the_file_out_of_due_and_status(tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    text = AGREEMENT.replace("title: Samverkan för ett tryggare Umeå", 'title: "\\e[2J\\x07\\x9b"')
    (folder / "umea.yaml").write_text(text, encoding="utf-8")
    result = invoke("validate", "agreements", "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "agreements/umea.yaml:3:9: error[SV014] control character U+001B in text; remove it\n"
    )
    for command in (["status"], ["due", "--all"]):
        result = invoke(*command, "agreements", "--as-of", "2022-01-01")
        assert result.exit_code == 1, result.output
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.output), result.output


# --- file names and folders --------------------------------------------------------------------


def _bad_name(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    name = os.fsdecode(os.fsencode(folder) + b"/agreement-\xe5.yaml")  # as Python sees it: \udce5
    Path(name).write_bytes(AGREEMENT.encode())
    (folder / "umea.yaml").write_text("kind: agreement\n", encoding="utf-8")


BAD_NAME = "agreements/agreement-\\xe5.yaml: error[SV012] file name is not valid UTF-8; rename the file"


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "json", "sarif", "junit"])
def test_a_file_name_that_is_not_utf8_is_reported_and_the_run_goes_on(tmp_path: Path, fmt: str) -> None:
    _bad_name(tmp_path / "agreements")
    result = invoke("validate", "agreements", "--format", fmt)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    shown = "agreement-%5Cxe5.yaml" if fmt == "sarif" else "agreement-\\xe5.yaml"  # SARIF: a URI
    assert shown in result.stdout.replace("\\\\", "\\")
    assert "umea.yaml" in result.stdout  # the other file is checked
    if fmt == "concise":
        assert result.stdout.splitlines()[0] == BAD_NAME


@pytest.mark.parametrize("command", [["due", "--all"], ["status"]])
def test_due_and_status_go_on_past_a_name_that_is_not_utf8(tmp_path: Path, command: list[str]) -> None:
    _bad_name(tmp_path / "agreements")
    (tmp_path / "agreements" / "umea.yaml").write_text(AGREEMENT, encoding="utf-8")
    result = invoke(*command, "agreements", "--as-of", "2022-01-01")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "umea-2021" in result.stdout
    assert "agreement-\\xe5.yaml" in result.stderr


CONTROL_NAMES = {
    "a\x1b[31mred.yaml": "agreements/a\\x1b[31mred.yaml: error[SV012] file name holds a control character U+001B; "
    "rename the file",
    "a\nb.yaml": "agreements/a\\nb.yaml: error[SV012] file name holds a control character U+000A; rename the file",
}


def _control_names(folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for name in CONTROL_NAMES:
        (folder / name).write_text(AGREEMENT.replace("umea-2021", "other"), encoding="utf-8")
    (folder / "umea.yaml").write_text(AGREEMENT, encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_a_file_name_with_a_control_character_is_reported_escaped_and_the_run_goes_on(tmp_path: Path, fmt: str) -> None:
    _control_names(tmp_path / "agreements")
    result = invoke("validate", "agreements", "--format", fmt)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "\x1b" not in result.stdout
    if fmt == "json":
        found = json.loads(result.stdout)
        assert found["files"] == 1  # umea.yaml is checked
        shown = [(d["path"], d["code"]) for d in found["diagnostics"] if d["code"] == "SV012"]
        assert shown == [("agreements/a\\nb.yaml", "SV012"), ("agreements/a\\x1b[31mred.yaml", "SV012")]
        return
    lines = result.stdout.splitlines()
    for expected in CONTROL_NAMES.values():
        assert expected in lines  # each finding whole on one line
    if fmt == "concise":
        assert lines[:2] == sorted(CONTROL_NAMES.values())
        assert lines[-1].startswith("1 file checked: 2 errors, 0 warnings")


def test_due_names_a_file_with_a_control_character_on_one_line(tmp_path: Path) -> None:
    _control_names(tmp_path / "agreements")
    result = invoke("due", "--all", "agreements", "--as-of", "2022-01-01")
    assert result.exit_code == 1, result.output
    assert "umea-2021" in result.stdout
    assert "\x1b" not in result.stdout + result.stderr
    assert result.stderr.splitlines()[-1] == (
        "samverkan: 2 files left out because of errors: agreements/a\\nb.yaml, agreements/a\\x1b[31mred.yaml"
    )


def test_yaml_suffixes_in_any_case_are_read(tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    for name in ("a.YAML", "b.Yml", "c.yAmL", "d.yml", "e.txt"):
        (folder / name).write_text("kind: agreement\nid: Fel\n", encoding="utf-8")
    result = invoke("validate", "agreements", "--format", "json")
    assert result.exit_code == 1
    paths = {d["path"] for d in json.loads(result.stdout)["diagnostics"]}
    assert paths == {f"agreements/{name}" for name in ("a.YAML", "b.Yml", "c.yAmL", "d.yml")}


def _lock(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``folder`` unreadable: by its mode, or, as root (who reads it anyway), for os.scandir."""
    if os.geteuid() != 0:
        folder.chmod(0)
        return
    real = os.scandir
    locked = folder.resolve()

    def scandir(path: str) -> object:
        if Path(path).resolve() == locked:
            raise PermissionError(13, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a_folder_that_cannot_be_read_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "agreements" / "locked"
    folder.mkdir(parents=True)
    (folder / "umea.yaml").write_text("kind: agreement\nid: Fel\n", encoding="utf-8")
    (tmp_path / "agreements" / "umea.yaml").write_text(AGREEMENT, encoding="utf-8")
    _lock(folder, monkeypatch)
    try:
        result = invoke("validate", "agreements", "--format", "concise")
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == ("agreements/locked: error[SV012] cannot read folder: Permission denied")


# --- the property ------------------------------------------------------------------------------

SEEDS = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in sorted((ROOT / "agreements").rglob("*.yaml"))}
BREAKS = "\u2028\u2029"
RAW_CONTROLS = "\x01\x07\x08\x0b\x0c\x0e\x1b\x1c\x1d\x1e\x1f\x7f\x80\x9b\x9f"
ESCAPES = ("\\e", "\\x07", "\\x00", "\\x9b", "\\r", "\\N", "\\a", "\\b")
_ESCAPED = re.compile(r'"(?:\\e|\\x07|\\x00|\\x9b|\\r|\\N|\\a|\\b)')
_PLAIN_VALUE = re.compile(r"^(?P<head>( *)(- )?[A-Za-z_][A-Za-z0-9_]*: )(?P<value>[A-Za-zÅÄÖåäö][^\"'\\#:{}\[\]]*)$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _plain_value_lines(lines: list[str]) -> list[int]:
    """Lines ``key: plain value`` whose value does not go on on the next line."""
    found = []
    for i, line in enumerate(lines):
        match = _PLAIN_VALUE.match(line)
        if not match:
            continue
        following = next((nxt for nxt in lines[i + 1 :] if nxt.strip()), "")
        key_col = len(match["head"]) - len(match["head"].lstrip(" -"))
        if _indent(following) <= key_col:
            found.append(i)
    return found


def _mid_word(text: str) -> list[int]:
    return [i for i in range(1, len(text)) if text[i - 1].isalpha() and text[i].isalpha()]


def _in_comments(text: str) -> list[int]:
    sites, start = [], 0
    for line in text.split("\n"):
        if line.lstrip().startswith("#"):
            sites += [start + i for i in range(line.index("#") + 1, len(line) + 1)]
        start += len(line) + 1
    return sites


def _insert(text: str, chars: dict[int, str]) -> str:
    for offset in sorted(chars, reverse=True):
        text = text[:offset] + chars[offset] + text[offset:]
    return text


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_reported_place_counts_only_yaml12_line_breaks(data: st.DataObject) -> None:
    seed = data.draw(st.sampled_from(sorted(SEEDS)))
    text = SEEDS[seed]
    mode = data.draw(st.sampled_from(["comments", "raw", "escape"]))
    expected_codes = []
    if mode == "escape":
        lines = text.split("\n")
        chosen = data.draw(st.sets(st.sampled_from(_plain_value_lines(lines)), min_size=1, max_size=4))
        for i in chosen:
            match = _PLAIN_VALUE.match(lines[i])
            assert match is not None
            escape = data.draw(st.sampled_from(ESCAPES))
            lines[i] = f'{match["head"]}"{escape}{match["value"].rstrip()}"'
        text = "\n".join(lines)
        expected_codes = [CONTROL] * len(chosen)
    # NEL, LS and PS in comments; LS and PS in the middle of words (keys, values, block text) too.
    inserted: dict[int, str] = {}
    comment_sites = _in_comments(text)
    if comment_sites:
        for offset in data.draw(st.lists(st.sampled_from(comment_sites), max_size=6)):
            inserted[offset] = data.draw(st.sampled_from("\x85\u2028\u2029"))
    if mode != "comments":
        for offset in data.draw(st.lists(st.sampled_from(_mid_word(text)), max_size=12)):
            inserted[offset] = data.draw(st.sampled_from(BREAKS))
    text = _insert(text, inserted)
    if mode == "raw":
        offset = data.draw(st.integers(0, len(text)))
        text = _insert(text, {offset: data.draw(st.sampled_from(RAW_CONTROLS))})
        expected_codes = [SYNTAX]
    text = text.replace("\n", data.draw(st.sampled_from(["\n", "\r\n", "\r"])))

    source = parse_text(text, seed)

    if mode == "comments":
        original = parse_text(SEEDS[seed], seed)
        assert source.diagnostics == [] and source.located is not None and original.located is not None
        assert source.located.values == original.located.values
        assert source.located.keys == original.located.keys
        return
    if mode == "raw":
        at = next(i for i, c in enumerate(text) if c in RAW_CONTROLS)
        where = [_yaml12_position(text, at)]
    else:
        where = sorted(_yaml12_position(text, m.start() + 1) for m in _ESCAPED.finditer(text))  # at the backslash
    found = sorted((d.span.line, d.span.col) for d in source.diagnostics)
    assert [d.code for d in source.diagnostics] == expected_codes, [d.english for d in source.diagnostics]
    assert found == where
    for line, col in found:  # the excerpt under a finding is the line it names
        shown = source.line_text(line)
        assert shown is not None and shown[col - 1] in ("\\", *RAW_CONTROLS)


# --- stand-ins and line counting ---------------------------------------------------------------


def _every_private_use_code_in_a_comment() -> str:
    words = " ".join(f"{code:04x}" for code in range(0xE000, 0xF900))
    return f"# {words}\n" + AGREEMENT.replace("Samverkan för", "Samverkan\u2028för")


def test_private_use_codes_written_as_words_leave_the_stand_ins_free(tmp_path: Path) -> None:
    (tmp_path / "umea.yaml").write_text(_every_private_use_code_in_a_comment(), encoding="utf-8")
    result = invoke("validate", "umea.yaml", "--format", "concise")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output
    source = parse_text(_every_private_use_code_in_a_comment(), "x.yaml")
    assert source.located is not None
    assert source.located.data["title"] == "Samverkan\u2028ett tryggare Umeå".replace("ett", "för ett")


def _every_private_use_code_escaped() -> str:
    """A hostile file: every character of the Private Use Area spelled as an escape, some in
    the long form, and an LS on line 3."""
    codes = range(0xE000, 0xF900)
    escapes = "".join(f"\\U0000{code:04X}" if code % 7 == 0 else f"\\u{code:04x}" for code in codes)
    return f'kind: agreement\nnote: "{escapes}"\ntitle: "a\u2028b"\n'


def test_a_file_that_leaves_no_stand_in_is_one_located_finding(tmp_path: Path) -> None:
    (tmp_path / "hostile.yaml").write_text(_every_private_use_code_escaped(), encoding="utf-8")
    result = invoke("validate", "hostile.yaml", "--format", "concise")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines()[0] == (
        "hostile.yaml:3:10: error[SV012] cannot read the U+2028 here: the file holds or spells as escapes "
        "nearly every private-use character (U+E000–U+F8FF); remove the U+2028 or some of those characters"
    )
    assert "internal error" not in result.output


def test_the_editor_refuses_a_file_that_leaves_no_stand_in() -> None:
    from samverkan.editing import EditError, Tree

    with pytest.raises(EditError, match="cannot read the U\\+2028 here"):
        Tree(_every_private_use_code_escaped())


def test_plain_text_is_scanned_for_control_characters_only_when_the_file_holds_a_nel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import samverkan.source

    scanned: list[str] = []
    real = samverkan.source.control_character

    def counting(text: str) -> str | None:
        scanned.append(text)
        return real(text)

    monkeypatch.setattr(samverkan.source, "control_character", counting)
    text = AGREEMENT.replace("Samverkan för", "Samverkan\u2028för")  # LS, no NEL: nothing plain to refuse
    assert parse_text(text, "x.yaml").diagnostics == []
    assert scanned == []
    source = parse_text(text.replace("Umeå kommun", "Umeå\x85kommun"), "x.yaml")
    assert [d.code for d in source.diagnostics] == [CONTROL]
    assert "Umeå\x85kommun" in scanned


def test_editing_counts_the_lines_yaml_counts() -> None:
    from samverkan.editing import split_lines

    text = "a: x\u2028y\u0085z\u2029\rb: 1\r\nc: 2\n\nd"
    assert split_lines(text) == ["a: x\u2028y\u0085z\u2029\r", "b: 1\r\n", "c: 2\n", "\n", "d"]


def test_a_template_with_cr_line_endings_is_reported_at_its_own_line(tmp_path: Path) -> None:
    vasby = ROOT / "agreements" / "upplands-vasby" / "upplands-vasby-2021.yaml"
    partial = tmp_path / "mall" / "md" / "partials" / "signatures.md"
    partial.parent.mkdir(parents=True)
    partial.write_bytes("Underskrifter\r\rOrt och datum:\rUpplands Väsby\r".encode("cp1252"))
    result = invoke("render", str(vasby), "--as-of", "2022-05-01", "--format", "md", "--templates", "mall")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"samverkan: template error: {Path('mall') / 'md/partials/signatures.md'}:4: "
        "not UTF-8 text (byte 0xe4); save the file as UTF-8\n"
    )

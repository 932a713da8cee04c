"""Everyday use of the command line: readable --help, completion of option values, tables that
fit the terminal, ``render --out FILE``, options that repeat, and ``--lang`` after the command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from plain_cli import TERMINAL_ENV, clear_env, run
from samverkan.cli import app

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"

_ENV = (*TERMINAL_ENV, "LC_ALL", "LC_MESSAGES", "LANG")
_SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root, with nothing in the environment that forces a terminal."""
    monkeypatch.chdir(ROOT)
    clear_env(monkeypatch, _ENV)


_run = run


def _terminal(columns: int) -> dict[str, str]:
    """A terminal ``columns`` wide, without colour (bold stays; it is taken out before measuring)."""
    return {"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": str(columns)}


# Tables that fit the terminal -------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command", ["due", "status"])
def test_tables_fit_80_columns(command: str, lang: str) -> None:
    result = _run("--lang", lang, command, "agreements", "--as-of", "2022-05-21", env=_terminal(80))
    assert result.exit_code == 0, result.output
    lines = _SGR.sub("", result.stdout).splitlines()
    assert "─" * 80 in lines  # a Rich table, as wide as the terminal
    assert max(len(line) for line in lines) <= 80
    text = " ".join(" ".join(lines).split())
    assert "umea-2021" in text and "upplands-vasby-2021" in text
    assert ("141 dagar" if lang == "sv" else "141 days") in text
    assert ("försenad" if lang == "sv" else "overdue") in text


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_due_at_80_columns_leaves_out_state_and_responsible(lang: str) -> None:
    out = _SGR.sub("", _run("--lang", lang, "due", "--as-of", "2022-05-21", env=_terminal(80)).stdout)
    header = out.splitlines()[0].split()
    assert header == (["Senast", "När", "Dokument", "Vad"] if lang == "sv" else ["Due", "When", "Agreement", "What"])


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_status_at_80_columns_leaves_out_title_police_and_period(lang: str) -> None:
    out = _SGR.sub("", _run("--lang", lang, "status", "--as-of", "2022-05-21", env=_terminal(80)).stdout)
    header = out.splitlines()[0]
    assert ("Titel" if lang == "sv" else "Title") not in header
    assert ("Nästa frist" if lang == "sv" else "Next deadline") in header


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command", ["due", "status"])
def test_wide_shows_every_column_even_at_80(command: str, lang: str) -> None:
    out = _SGR.sub("", _run("--lang", lang, command, "--as-of", "2022-05-21", "--wide", env=_terminal(80)).stdout)
    column = {"due": ("Ansvarig", "Responsible"), "status": ("Period", "Period")}[command]
    words = " ".join(out.split())
    assert (column[0] if lang == "sv" else column[1]) in words
    assert max(len(line) for line in out.splitlines()) <= 80


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("command", ["due", "status"])
def test_160_columns_show_every_column_on_one_line_each(command: str, lang: str) -> None:
    out = _SGR.sub("", _run("--lang", lang, command, "--as-of", "2022-05-21", env=_terminal(160)).stdout)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 160
    first = {
        ("due", "en"): ["Due", "State", "When", "Agreement", "What", "Responsible"],
        ("due", "sv"): ["Senast", "Status", "När", "Dokument", "Vad", "Ansvarig"],
    }
    if command == "due":
        assert lines[0].split() == first[(command, lang)]
        assert any(line.startswith("2022-06-30  ") and "upplands-vasby-2021" in line for line in lines)
    else:
        assert "Period" in lines[0] or "Period" in lines[1]
        assert any("umea-2021" in line and "2021-01-01 – 2024-12-31" in line for line in lines)


def test_piped_tables_keep_every_column() -> None:
    out = _run("due", "--as-of", "2022-05-21").stdout
    assert out.splitlines()[0].split() == ["Due", "State", "When", "Agreement", "What", "Responsible"]


# render --out FILE ------------------------------------------------------------------------

UMEA = AGREEMENTS / "umea" / "umea-2021.yaml"
GOLDEN_RENDER = ROOT / "tests" / "golden" / "render"


def _render(*args: str) -> Result:
    return _run("render", *args, "--as-of", "2022-05-01")


@pytest.mark.parametrize(("output_format", "name"), [("html", "umea.html"), ("md", "umea.md"), ("html", "Umea.HTM")])
def test_render_out_with_the_format_suffix_writes_that_file(tmp_path: Path, output_format: str, name: str) -> None:
    target = tmp_path / name
    result = _render(str(UMEA), "-f", output_format, "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.is_file()
    golden = GOLDEN_RENDER / f"umea-2021.agreement.{output_format}"
    assert target.read_bytes() == golden.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no folder, no temporary file left
    assert str(target) in result.stderr


def test_render_out_file_in_a_folder_not_yet_made(tmp_path: Path) -> None:
    """As --out DIR makes its folder, --out FILE makes the folder the file goes in."""
    target = tmp_path / "ut" / "2022" / "umea.md"
    result = _render(str(UMEA), "-f", "md", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (GOLDEN_RENDER / "umea-2021.agreement.md").read_bytes()


def test_render_out_an_existing_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "utkast"
    target.write_text("old", encoding="utf-8")
    result = _render(str(UMEA), "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == (GOLDEN_RENDER / "umea-2021.agreement.md").read_bytes()


def test_render_out_an_existing_folder_with_a_suffix_stays_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ut.html"
    folder.mkdir()
    result = _render(str(UMEA), "-f", "html", "--out", str(folder))
    assert result.exit_code == 0, result.output
    assert [p.name for p in folder.iterdir()] == ["umea-2021.agreement.html"]


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_render_several_documents_to_one_file_is_an_error(tmp_path: Path, lang: str) -> None:
    target = tmp_path / "alla.html"
    result = _run("--lang", lang, "render", str(AGREEMENTS), "-f", "html", "--out", str(target))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"samverkan: --out {target} ")
    assert "umea-2021.agreement.html" in line
    assert ("mapp" if lang == "sv" else "folder") in line
    assert list(tmp_path.iterdir()) == []


def test_render_out_with_another_formats_suffix_is_a_usage_error(tmp_path: Path) -> None:
    other = tmp_path / "anteckningar.md"
    other.write_text("mine", encoding="utf-8")
    for target in (other, tmp_path / "umea.docx"):
        result = _render(str(UMEA), "-f", "html", "--out", str(target))
        assert result.exit_code == 2, result.output
        assert "--format is html" in result.stderr
    assert other.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anteckningar.md"]


def test_render_out_without_a_suffix_is_still_a_folder(tmp_path: Path) -> None:
    result = _render(str(UMEA), "-f", "html", "--out", str(tmp_path / "ut"))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "ut").iterdir()] == ["umea-2021.agreement.html"]


def test_render_pdf_to_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The printed PDF goes to the file named (the browser is replaced: this is about where it goes)."""
    import samverkan.cli_render
    import samverkan.render

    printed: list[int] = []

    def fake_print(browser: str, documents: list[tuple[str, object]], day: object) -> list[bytes]:
        printed.append(len(documents))
        return [b"%PDF-fake" for _document in documents]

    monkeypatch.setattr(samverkan.cli_render, "_find_browser", lambda named: "chromium")
    monkeypatch.setattr(samverkan.render, "print_pdfs", fake_print)
    target = tmp_path / "umea.pdf"
    result = _render(str(UMEA), "-f", "pdf", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == b"%PDF-fake" and printed == [1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["umea.pdf"]


# --help reads as words --------------------------------------------------------------------


def _command_paths() -> list[list[str]]:
    import typer.main

    def walk(command: object, path: list[str]) -> list[list[str]]:
        found = [path]
        for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
            found.extend(walk(sub, [*path, name]))
        return found

    return walk(typer.main.get_command(app), [])


def test_every_command_is_found() -> None:
    paths = _command_paths()
    assert ["due"] in paths and ["record", "meeting"] in paths and ["render"] in paths and len(paths) > 10


@pytest.mark.parametrize("command", [" ".join(p) or "samverkan" for p in _command_paths()])
def test_help_shows_words_not_python_types(command: str) -> None:
    args = [] if command == "samverkan" else command.split()
    result = _run(*args, "--help", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "<" not in result.output and "list[" not in result.output, result.output
    for python_type in ("<str>", "<int", "<path>", "<bool>"):
        assert python_type not in result.output


def test_help_names_values_as_words() -> None:
    out = _run("due", "--help", env={"COLUMNS": "100"}).stdout
    for words in ("[PATH]...", "PATH...", "--as-of DATE", "--agreement ID", "-f, --format FORMAT", "--jobs N"):
        assert words in out, words
    assert "--out DIR|FILE|-" in _run("render", "--help", env={"COLUMNS": "100"}).stdout
    assert "AGREEMENT  " in _run("extend", "--help", env={"COLUMNS": "100"}).stdout


# Options that repeat ----------------------------------------------------------------------


def _due_agreements(*args: str) -> set[str]:
    import json

    result = _run("due", "--as-of", "2022-05-01", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return {o["agreement"] for o in json.loads(result.stdout)["obligations"]}


def test_party_repeats_and_keeps_each() -> None:
    assert _due_agreements("--party", "sollentuna") == {"upplands-vasby-2021"}
    assert _due_agreements("--party", "UMEÅ KOMMUN") == {"umea-2021"}
    both = _due_agreements("--party", "sollentuna", "--party", "UMEÅ KOMMUN")
    assert both == {"upplands-vasby-2021", "umea-2021"}


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "samverkan: no party's name contains 'sollentuan'\n"),
        ("sv", "samverkan: ingen parts namn innehåller 'sollentuan'\n"),
    ],
)
def test_a_party_that_matches_nothing_is_said(lang: str, said: str) -> None:
    """A misspelt --party gives "nothing due", which reads as good news: say that it matched no party."""
    result = _run("--lang", lang, "due", "--as-of", "2022-05-01", "--party", "sollentuan", "--party", "umeå")
    assert result.exit_code == 0
    assert result.stderr == said
    matched = _run("due", "--as-of", "2022-05-01", "--party", "sollentuna")
    assert matched.stderr == ""


def test_agreement_and_kind_repeat() -> None:
    assert _due_agreements("--agreement", "umea-2021", "--agreement", "upplands-vasby-2021") == {
        "umea-2021",
        "upplands-vasby-2021",
    }
    import json

    out = _run("due", "--as-of", "2022-05-01", "-f", "json", "--kind", "consultation", "--kind", "expiry").stdout
    assert {o["kind"] for o in json.loads(out)["obligations"]} == {"consultation", "expiry"}


def test_repeatable_options_say_so_in_help() -> None:
    out = " ".join(_run("due", "--help", env={"COLUMNS": "100"}).stdout.split())
    for option in ("--agreement", "--party", "--kind"):
        help_text = out.split(option, 1)[1].split(" --", 1)[0]
        assert "repeatable" in help_text, option


# Completion of option values --------------------------------------------------------------


def _complete(line: str) -> list[str]:
    """What bash completion offers for the last word of ``line`` (``samverkan due --format ``)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_SAMVERKAN_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    result = CliRunner().invoke(app, [], env=env, prog_name="samverkan")
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_format_completes_to_the_registries_keys() -> None:
    from samverkan.cli_render import FORMAT_CHOICES
    from samverkan.due_formats import DUE_FORMATS, STATUS_FORMATS
    from samverkan.reporters import REPORTERS

    assert _complete("samverkan validate --format ") == sorted(REPORTERS)
    assert _complete("samverkan due --format ") == sorted(DUE_FORMATS)
    assert _complete("samverkan due -f ") == sorted(DUE_FORMATS)
    assert _complete("samverkan status --format ") == sorted(STATUS_FORMATS)
    assert _complete("samverkan render x.yaml --format ") == sorted(FORMAT_CHOICES)
    assert _complete("samverkan due --format j") == ["json"]


def test_fixed_sets_complete() -> None:
    from samverkan.cli_render import DOCUMENT_CHOICES
    from samverkan.due_formats import CSV_DIALECTS
    from samverkan.i18n import LANGUAGES
    from samverkan.obligations import Kind

    assert _complete("samverkan due --kind ") == sorted(k.value for k in Kind)
    assert _complete("samverkan due --kind promise") == ["promise-end", "promise-next"]
    assert _complete("samverkan --lang ") == sorted(LANGUAGES)
    assert _complete("samverkan due --csv-dialect ") == sorted(CSV_DIALECTS)
    assert _complete("samverkan render x.yaml --document ") == sorted(DOCUMENT_CHOICES)


def test_diff_format_completes_to_its_registry() -> None:
    from samverkan.diff_formats import DIFF_FORMATS

    assert _complete("samverkan diff a.yaml b.yaml --format ") == sorted(DIFF_FORMATS) == ["json", "markdown", "text"]


def test_render_choices_are_the_render_registries(monkeypatch: pytest.MonkeyPatch) -> None:
    import samverkan.cli_render as cli_render
    from samverkan.render.documents import DOCUMENTS
    from samverkan.render.environment import EXTENSIONS

    assert cli_render.DOCUMENT_CHOICES is DOCUMENTS
    assert cli_render.suffixes()["html"] == (".html", ".htm")
    monkeypatch.setitem(EXTENSIONS, "odt", "odt")
    assert cli_render.suffixes()["odt"] == (".odt",)


def test_the_cli_starts_without_jinja() -> None:
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", "import sys, samverkan.cli; print('jinja2' in sys.modules)"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.stdout.strip() == "False", run.stderr


def test_rule_codes_complete() -> None:
    from samverkan.rules import RULES

    codes = _complete("samverkan validate --select ")
    assert {r.code for r in RULES} <= set(codes)
    assert _complete("samverkan validate --ignore SV1") == sorted(c for c in codes if c.startswith("SV1"))


# --lang after the command -----------------------------------------------------------------

SUMMARY = {
    "sv": "7 åtaganden: 3 försenade, 3 aktuella, 1 kommande (per 2022-05-21)",
    "en": "7 obligations: 3 overdue, 3 due, 1 upcoming (as of 2022-05-21)",
}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_lang_after_the_command(lang: str) -> None:
    before = _run("--lang", lang, "due", "--as-of", "2022-05-21", "--no-cache").stdout
    after = _run("due", "--as-of", "2022-05-21", "--no-cache", "--lang", lang).stdout
    assert after == before
    assert after.splitlines()[-1] == SUMMARY[lang]


def test_lang_after_the_command_wins() -> None:
    out = _run("--lang", "sv", "due", "--as-of", "2022-05-21", "--lang", "en").stdout
    assert out.splitlines()[-1] == SUMMARY["en"]
    ics = _run("--lang", "sv", "due", "--as-of", "2022-05-21", "-f", "ics", "--lang", "en").stdout
    assert "SUMMARY:umea-2021: yearly follow-up" in ics  # the calendar follows the --lang given last


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (["status", "--as-of", "2022-05-21"], "5 överenskommelser i 3 kommuner (per 2022-05-21)"),
        (["validate", "agreements"], "7 filer kontrollerade"),
    ],
)
def test_lang_after_status_and_validate(args: list[str], swedish: str) -> None:
    assert swedish in _run(*args, "--lang", "sv").stdout


def test_lang_after_render_and_site(tmp_path: Path) -> None:
    swedish = _run("render", str(UMEA), "-f", "html", "-o", str(tmp_path / "a.html"), "--lang", "sv")
    english = _run("render", str(UMEA), "-f", "html", "-o", str(tmp_path / "b.html"), "--lang", "en")
    assert swedish.exit_code == english.exit_code == 0
    assert swedish.stderr.startswith("skrev ") and english.stderr.startswith("wrote ")
    site = _run("site", "-o", str(tmp_path / "site"), "--as-of", "2022-05-01", "--lang", "sv")
    assert site.exit_code == 0, site.output
    assert site.stderr.startswith("skrev ")


def test_lang_after_the_command_checks_its_value() -> None:
    result = _run("due", "--lang", "de")
    assert result.exit_code == 2
    assert "--lang" in result.stderr and "en, sv" in result.stderr


def test_lang_after_record_extend_new_and_schema(tmp_path: Path) -> None:
    refused = _run("record", "meeting", "upplands-vasbi-2021", "styrgrupp", "--date", "2021-05-04", "--lang", "sv")
    assert refused.exit_code == 1
    assert (
        refused.stderr == "samverkan: okänd överenskommelse 'upplands-vasbi-2021'; menade du 'upplands-vasby-2021'?\n"
    )
    extended = _run("extend", "upplands-vasby-2021", "--decided", "2022-05-20", "--dry-run", "--lang", "sv")
    assert extended.exit_code == 0, extended.output
    assert extended.stderr.splitlines()[-1].startswith(
        "provkörning, inget skrevs: skulle ha registrerat en förlängning"
    )
    target = tmp_path / "ort-2025.yaml"
    new = _run(
        *("new", "--municipality", "Ort", "--police-area", "Lokalpolisområde Ort", "--start", "2025-01-01"),
        *("--years", "2", "--extension", "none", "--out", str(target), "--lang", "sv"),
    )
    assert new.exit_code == 0, new.output
    assert new.stderr.startswith(f"skrev {target}")
    (tmp_path / "schema").mkdir()
    schema = _run("schema", "--write", str(tmp_path / "schema"), "--lang", "sv")
    assert schema.exit_code == 0, schema.output
    assert schema.stderr.startswith(f"skrev {tmp_path / 'schema' / 'samverkan.schema.json'}")

"""Swedish where a Swedish user reads: the catalog, the language choice, ``due``, ``status`` and
``validate`` in Swedish, the calendar, the CSV for a Swedish Excel, and the catalog in the wheel."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

import samverkan.api
from samverkan.api import check
from samverkan.cli import app, main
from samverkan.i18n import LOCALE_DIR, choose, language_from_env

ROOT = Path(__file__).resolve().parent.parent
PO = LOCALE_DIR / "sv" / "LC_MESSAGES" / "samverkan.po"
MO = PO.with_suffix(".mo")
POT = LOCALE_DIR / "samverkan.pot"
AGREEMENTS = str(ROOT / "agreements")
AS_OF = "2022-05-21"

runner = CliRunner()


def _run(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes.decode("utf-8")


# The catalog --------------------------------------------------------------------------------


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    catalog = read_po(PO.open("rb"), locale="sv")
    assert not catalog.fuzzy
    messages = [m for m in catalog if m.id]
    assert len(messages) > 100
    for m in messages:
        assert not m.fuzzy, m.id
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert strings and all(s.strip() for s in strings), m.id


def test_the_catalog_holds_every_message_of_the_template() -> None:
    template = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in read_po(POT.open("rb")) if m.id}
    catalog = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in read_po(PO.open("rb")) if m.id}
    assert template == catalog


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_every_translation_has_the_placeholders_of_its_message() -> None:
    """A translation may put ``{start}`` elsewhere, but not drop it, rename it or add one (the
    singular of a plural may leave out ``{n}``: ``varje år``)."""
    wrong = []
    for m in read_po(PO.open("rb"), locale="sv"):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = _placeholders(ids[-1])
        for k, text in enumerate(strings):
            found = _placeholders(text)
            if found != wanted and not (len(ids) == 2 and k == 0 and found == wanted - {"n"}):
                wrong.append((ids[0], text))
    assert wrong == []


def test_the_committed_mo_is_a_fresh_compile_of_the_po() -> None:
    """The .mo ships in the wheel as committed; after editing the .po run
    ``pybabel compile -d src/samverkan/locale -D samverkan`` (see the README)."""
    fresh = io.BytesIO()
    write_mo(fresh, read_po(PO.open("rb"), locale="sv"))
    assert MO.read_bytes() == fresh.getvalue()


# The language --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "en"),
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "C"}, "en"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "sv_FI", "LANG": "en_US"}, "sv"),
        ({"LC_MESSAGES": "", "LANG": "sv"}, "sv"),
    ],
)
def test_language_from_the_locale(env: dict[str, str], expected: str) -> None:
    assert language_from_env(env) == expected


def test_lang_comes_before_the_locale() -> None:
    assert choose("en", {"LANG": "sv_SE.UTF-8"}) == "en"
    assert choose("sv", {"LANG": "C"}) == "sv"


# due and status ------------------------------------------------------------------------------


def test_due_in_swedish_under_a_swedish_locale() -> None:
    out = _run("due", AGREEMENTS, "--as-of", AS_OF, env={"LANG": "sv_SE.UTF-8"})
    header = out.splitlines()[0].split()
    assert header == ["Senast", "Status", "När", "Dokument", "Vad", "Ansvarig"]
    assert "försenad" in out and "om 40 dagar" in out and "141 dagar försenad" in out
    assert "årlig uppföljning 'Årlig uppföljning av målen' (2021)" in out
    assert "samråd om förlängning (6 månader före 2022-12-31)" in out
    assert "uppföljning 'Halvtidsuppföljning' (dec 2021)" in out
    assert "minst 2 möten under 2021 — 0 av minst 2 registrerade" in out
    assert "gäller (till och med 2024-12-31)" in out
    assert out.rstrip().endswith("7 åtaganden: 3 försenade, 3 aktuella, 1 kommande (per 2022-05-21)")
    assert "overdue" not in out and "days" not in out


def test_lang_en_prints_english_under_a_swedish_locale() -> None:
    out = _run("--lang", "en", "due", AGREEMENTS, "--as-of", AS_OF, env={"LANG": "sv_SE.UTF-8"})
    assert out.splitlines()[0].split() == ["Due", "State", "When", "Agreement", "What", "Responsible"]
    assert "in 40 days" in out and "overdue" in out and "försenad" not in out


def test_lang_sv_without_a_swedish_locale() -> None:
    out = _run("--lang", "sv", "due", AGREEMENTS, "--as-of", AS_OF)
    assert "om 40 dagar" in out


def test_a_run_in_one_language_is_not_served_from_the_cache_in_the_other() -> None:
    english = _run("due", AGREEMENTS, "--as-of", AS_OF)
    swedish = _run("--lang", "sv", "due", AGREEMENTS, "--as-of", AS_OF)
    assert "in 40 days" in english and "om 40 dagar" in swedish


def test_json_stays_english_in_swedish() -> None:
    english = _run("due", AGREEMENTS, "--as-of", AS_OF, "--format", "json")
    swedish = _run("--lang", "sv", "due", AGREEMENTS, "--as-of", AS_OF, "--format", "json")
    assert swedish == english


def test_status_in_swedish() -> None:
    out = _run("--lang", "sv", "status", AGREEMENTS, "--as-of", AS_OF)
    assert "ersatt (av 'uppsala-2010'" in out or "ersatt (av 'uppsala-2014' från 2014-01-01)" in out
    assert "har upphört (den 2014-12-31)" in out
    assert out.rstrip().endswith("5 överenskommelser i 3 kommuner (per 2022-05-21)")


def test_markdown_in_swedish() -> None:
    out = _run("--lang", "sv", "due", AGREEMENTS, "--as-of", AS_OF, "--format", "markdown")
    assert out.startswith("## Frister per 2022-05-21\n")
    assert "| Senast | Status | När | Dokument | Vad | Ansvarig | Källa |" in out


def test_validate_summary_in_swedish() -> None:
    result = runner.invoke(app, ["--lang", "sv", "validate", AGREEMENTS, "--format", "concise"])
    assert result.stdout.rstrip().endswith("7 filer kontrollerade: 0 fel, 0 varningar, 9 notiser")


# validate ------------------------------------------------------------------------------------

INVALID = "tests/cases/invalid"
GOLDEN_INPUT = "tests/golden/input"
OVERLAP = "tests/rules/SV109/fail/overlap"
"""Two agreements for the same area in force at once: SV109, a rule across files."""
SEVERAL = [
    f"{INVALID}/unknown-key-in-party.yaml",
    f"{INVALID}/date-february-30.yaml",
    f"{INVALID}/action-plan-mistakes.yaml",
    f"{INVALID}/syntax-unclosed-flow-sequence.yaml",
    OVERLAP,
]
SWEDISH_TEXT = [
    f"{INVALID}/unknown-key-in-party.yaml:8:5: error[SV021] den obligatoriska nyckeln 'name' saknas i parties[1]",
    f"{INVALID}/unknown-key-in-party.yaml:10:5: error[SV020] okänd nyckel 'namn'; menade du 'name'?",
    f"{INVALID}/date-february-30.yaml:12:10: error[SV023] period.start: 2025-02-30 är inget giltigt datum: "
    "dagen finns inte i månaden",
    f"{INVALID}/action-plan-mistakes.yaml:8:13: error[SV023] activities[0].status: 'planed' är inte tillåtet; "
    "menade du 'planned'?",
    "  = tips: något av: planned, ongoing, done, paused, cancelled",
    f"{INVALID}/action-plan-mistakes.yaml:9:18: error[SV022] activities[0].responsible: ska vara en lista, "
    "inte texten 'umea'",
    f"{INVALID}/syntax-unclosed-flow-sequence.yaml:12:7: error[SV001] syntaxfel i YAML: hittade inte förväntat "
    "',' eller ']' (i en lista inom [ ] som börjar på rad 11, kolumn 18)",
    f"{OVERLAP}/vasby-2022.yaml:7:17: warning[SV109] gäller samtidigt som 'vasby-2021' (från 2022-07-01 till och "
    "med 2022-12-31), båda för Upplands Väsby kommun och Lokalpolisområde Sollentuna",
    "  = tips: om 'vasby-2022' ersätter 'vasby-2021', ange det: replaces: vasby-2021",
]
"""Lines of ``validate`` in Swedish: schema (missing key, unknown key, impossible date, a value
not allowed with its hint, a wrong type), YAML syntax, and a rule across files with its hint."""


@pytest.fixture
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths relative to the repository root, plain text (no colour, not GitHub Actions)."""
    monkeypatch.chdir(ROOT)
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


def _validate(*args: str, env: dict[str, str] | None = None) -> str:
    """What ``validate`` prints on stdout; the files here have errors, so it exits 1."""
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 1, result.output
    return result.stdout_bytes.decode("utf-8")


SWEDISH_WAYS = [
    pytest.param(["--lang", "sv"], None, id="--lang sv"),
    pytest.param([], {"LANG": "sv_SE.UTF-8"}, id="LANG=sv_SE.UTF-8"),
]


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize(("lang", "env"), SWEDISH_WAYS)
def test_validate_in_swedish(lang: list[str], env: dict[str, str] | None) -> None:
    out = _validate(*lang, "validate", *SEVERAL, env=env)
    lines = out.splitlines()
    for expected in SWEDISH_TEXT:
        assert expected in lines
    assert lines[-1] == "6 filer kontrollerade: 8 fel, 1 varning, 3 notiser"
    for english in ("missing required key", "did you mean", "hint:", "is not a real date", "YAML syntax error"):
        assert english not in out


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize(("lang", "env"), SWEDISH_WAYS)
def test_validate_counts_one_in_the_singular(lang: list[str], env: dict[str, str] | None) -> None:
    out = _validate(*lang, "validate", f"{INVALID}/date-february-30.yaml", "--format", "concise", env=env)
    assert out.splitlines()[-1] == "1 fil kontrollerad: 1 fel, 0 varningar, 0 notiser"


@pytest.mark.usefixtures("at_root")
def test_validate_github_annotations_in_swedish() -> None:
    out = _validate("--lang", "sv", "validate", *SEVERAL, "--format", "github").splitlines()
    assert (
        f"::error file={INVALID}/action-plan-mistakes.yaml,line=8,col=13,title=SV023::activities[0].status: "
        "'planed' är inte tillåtet; menade du 'planned'? (tips: något av: planned, ongoing, done, paused, cancelled)"
    ) in out
    assert out[-1] == "6 filer kontrollerade: 8 fel, 1 varning, 3 notiser"


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize(
    ("fmt", "golden"),
    [("text", "validate.txt"), ("concise", "validate.concise.txt"), ("github", "validate.github.txt")],
)
def test_lang_en_validate_is_english_as_before(fmt: str, golden: str) -> None:
    """Under a Swedish locale ``--lang en`` prints the English of the golden files, byte for byte."""
    out = _validate("--lang", "en", "validate", GOLDEN_INPUT, "--format", fmt, env={"LANG": "sv_SE.UTF-8"})
    assert out == (ROOT / "tests" / "golden" / golden).read_bytes().decode("utf-8")


@pytest.mark.usefixtures("at_root")
def test_lang_en_validate_gives_the_expected_english_of_the_cases() -> None:
    out = _validate("--lang", "en", "validate", *SEVERAL[:-1], "--format", "concise", env={"LANG": "sv_SE.UTF-8"})
    found = [line for line in out.splitlines() if "[SV0" in line]
    expected = [
        line
        for case in sorted(SEVERAL[:-1])
        for line in (ROOT / case).with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    ]
    assert found == expected
    assert out.splitlines()[-1] == "4 files checked: 8 errors, 0 warnings, 0 notices"


@pytest.mark.usefixtures("at_root")
@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_machine_formats_are_the_same_in_every_language(fmt: str) -> None:
    """JSON, SARIF and JUnit are for tools: English, byte for byte, whatever the language."""
    english = _validate("validate", *SEVERAL, "--format", fmt)
    assert "did you mean 'name'?" in english
    assert _validate("--lang", "sv", "validate", *SEVERAL, "--format", fmt) == english
    assert _validate("validate", *SEVERAL, "--format", fmt, env={"LANG": "sv_SE.UTF-8"}) == english


@pytest.mark.usefixtures("at_root")
def test_json_in_swedish_is_the_golden_english() -> None:
    out = _validate("--lang", "sv", "validate", GOLDEN_INPUT, "--format", "json")
    assert out == (ROOT / "tests" / "golden" / "validate.json").read_bytes().decode("utf-8")


def _every_case() -> list[Path]:
    cases = ROOT / "tests" / "cases"
    rules = ROOT / "tests" / "rules"
    return [*sorted((cases / "invalid").glob("*.yaml")), *sorted(p for p in rules.glob("*/fail/*") if p.is_dir())]


def test_every_finding_of_the_test_cases_is_said_in_swedish() -> None:
    """No message or hint of the loader, the schema or a rule reaches a Swedish reader in English:
    on every invalid case and every failing rule case, each finding reads differently in Swedish."""
    untranslated = []
    for case in _every_case():
        for d in check([case]).diagnostics:
            said = [(d.said("sv"), d.english), (d.hint_said("sv"), d.english_hint)]
            untranslated.extend(english for swedish, english in said if english is not None and swedish == english)
    assert untranslated == []


# Other error lines ---------------------------------------------------------------------------


def test_internal_error_in_swedish(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(samverkan.api, "check", explode)
    monkeypatch.setattr(sys, "argv", ["samverkan", "--lang", "sv", "validate", AGREEMENTS, "--no-cache"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 3
    assert capsys.readouterr().err.splitlines() == [
        "samverkan: internt fel: RuntimeError: boom",
        "tips: det här är ett fel i samverkan; kör igen med SAMVERKAN_DEBUG=1 för detaljer",
    ]


def test_a_configuration_error_in_swedish(tmp_path: Path) -> None:
    config = tmp_path / "samverkan.toml"
    config.write_text('severity = { SV999 = "error" }\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", AGREEMENTS, "--config", str(config)], env={"LANG": "sv_SE.UTF-8"})
    assert result.exit_code == 2
    assert result.stderr == f"samverkan: {config}: 'severity' anger en okänd regel 'SV999'\n"


def test_render_with_nothing_to_render_in_swedish() -> None:
    umea = str(ROOT / "agreements" / "umea" / "umea-2021.yaml")
    result = runner.invoke(app, ["--lang", "sv", "render", umea, "--document", "memo"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"samverkan: {umea}: hoppades över: en överenskommelse som saknar tjänsteskrivelse",
        "samverkan: inga dokument att skapa",
    ]
    english = runner.invoke(app, ["--lang", "en", "render", umea, "--document", "memo"])
    assert english.stderr.splitlines()[0] == f"samverkan: {umea}: skipped: an agreement that has no case memo"


def test_render_names_a_file_left_out_in_swedish(tmp_path: Path) -> None:
    broken = tmp_path / "trasig.yaml"
    broken.write_text("kind: agreement\nid: x\n", encoding="utf-8")
    result = runner.invoke(app, ["--lang", "sv", "render", str(broken)])
    assert result.exit_code == 1
    assert f"samverkan: {broken}:1:1: error[SV021] den obligatoriska nyckeln 'title' saknas" in result.stderr
    assert f"samverkan: 1 fil utelämnad på grund av fel: {broken}\n" in result.stderr


VASBY = "agreements/upplands-vasby/upplands-vasby-2021.yaml"


@pytest.mark.usefixtures("at_root")
def test_record_in_swedish_says_what_it_would_have_done() -> None:
    """A dry run writes nothing: the bundled agreements are safe to point at."""
    before = (ROOT / VASBY).read_bytes()
    result = runner.invoke(
        app,
        [
            "--lang",
            "sv",
            "record",
            "meeting",
            "upplands-vasby-2021",
            "styrgrupp",
            "--date",
            "2030-05-04",
            "--force",
            "--dry-run",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (ROOT / VASBY).read_bytes() == before
    warning, summary = result.stderr.splitlines()
    assert warning.startswith(f"{VASBY}:")
    assert warning.endswith(
        ": warning[SV102] möte i 'styrgrupp' hölls 2030-05-04, efter giltighetstiden för 'upplands-vasby-2021' "
        "(2021-01-01 – 2022-12-31)"
    )
    assert (
        summary == f"provkörning, inget skrevs: skulle ha registrerat ett möte i 'styrgrupp' den 2030-05-04 i {VASBY}"
    )
    result = runner.invoke(
        app, ["extend", "upplands-vasby-2021", "--decided", "2022-05-20", "--dry-run"], env={"LANG": "sv_SE.UTF-8"}
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == (
        "provkörning, inget skrevs: skulle ha registrerat en förlängning av 'upplands-vasby-2021', beslutad "
        f"2022-05-20 (gäller nu till och med 2024-12-31) i {VASBY}"
    )


@pytest.mark.usefixtures("at_root")
def test_record_refuses_in_swedish() -> None:
    result = runner.invoke(
        app, ["--lang", "sv", "record", "meeting", "upplands-vasbi-2021", "styrgrupp", "--date", "2021-05-04"]
    )
    assert result.exit_code == 1
    assert result.stderr == "samverkan: okänd överenskommelse 'upplands-vasbi-2021'; menade du 'upplands-vasby-2021'?\n"


def test_site_says_what_it_wrote_in_swedish(tmp_path: Path) -> None:
    out = tmp_path / "webb"
    result = runner.invoke(app, ["--lang", "sv", "site", "--out", str(out), AGREEMENTS, "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    written = sum(1 for p in out.rglob("*") if p.is_file())
    assert result.stderr == (
        f"skrev {written} filer (5 överenskommelser, 3 kommuner) till {out}; öppna {out / 'index.html'}\n"
    )


# The calendar --------------------------------------------------------------------------------


def _unfold(ics: str) -> str:
    return ics.replace("\r\n ", "").replace("\r\n", "\n")


def test_the_calendar_is_swedish_whatever_the_language() -> None:
    english = _unfold(_run("due", AGREEMENTS, "--as-of", AS_OF, "--format", "ics"))
    assert "SUMMARY:umea-2021: årlig uppföljning 'Årlig uppföljning av målen' (2021)" in english
    assert "DESCRIPTION:Status: försenad\\, 141 dagar försenad (per 2022-05-21)" in english
    assert "UID:umea-2021/follow-up/agreement-umea-2021/arlig-uppfoljning/2021-12-31@samverkan" in english
    assert "\\nTyp: uppföljning\\n" in english and "Typ: follow-up" not in english
    assert "CATEGORIES:samverkan,follow-up" in english  # the kind's value, for filters
    swedish = _unfold(_run("--lang", "sv", "due", AGREEMENTS, "--as-of", AS_OF, "--format", "ics"))
    assert swedish == english


def test_lang_en_makes_an_english_calendar() -> None:
    ics = _unfold(_run("--lang", "en", "due", AGREEMENTS, "--as-of", AS_OF, "--format", "ics"))
    assert "SUMMARY:umea-2021: yearly follow-up 'Årlig uppföljning av målen' (2021)" in ics
    assert "DESCRIPTION:State: overdue\\, 141 days overdue (as of 2022-05-21)" in ics
    assert "\\nKind: follow-up\\n" in ics


# CSV -----------------------------------------------------------------------------------------


def _csv_bytes(*args: str, env: dict[str, str] | None = None) -> bytes:
    result = runner.invoke(app, ["due", AGREEMENTS, "--as-of", AS_OF, "--format", "csv", *args], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_csv_for_a_swedish_excel() -> None:
    data = _csv_bytes("--csv-dialect", "excel-sv")
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("due;state;days_left;")  # the language is English here: English names
    assert lines[1].startswith("2021-12-31;overdue;-141;")


def test_csv_under_a_swedish_locale_is_excel_sv_and_swedish() -> None:
    data = _csv_bytes(env={"LANG": "sv_SE.UTF-8"})
    text = data.decode("utf-8")
    assert text.startswith("\ufeffsenast;status;dagar_kvar;när;dokument;")
    assert "\r\n2021-12-31;försenad;-141;141 dagar försenad;umea-2021;follow-up;" in text


def test_csv_default_and_rfc4180() -> None:
    default = _csv_bytes()
    assert not default.startswith(b"\xef\xbb\xbf")
    assert default.split(b"\n")[0].startswith(b"due,state,days_left,")
    assert _csv_bytes("--csv-dialect", "rfc4180", env={"LANG": "sv_SE.UTF-8"}).startswith(b"senast,status,")


def test_an_unknown_csv_dialect_is_a_usage_error() -> None:
    assert runner.invoke(app, ["due", AGREEMENTS, "--format", "csv", "--csv-dialect", "excel"]).exit_code == 2


def test_an_unknown_language_is_a_usage_error() -> None:
    assert runner.invoke(app, ["--lang", "de", "due", AGREEMENTS]).exit_code == 2


# The wheel -----------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git for a clean copy")
def test_the_compiled_catalog_is_in_the_wheel(tmp_path: Path) -> None:
    out = tmp_path / "wheel"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {result.stderr.strip()[-300:]}")
    (wheel,) = out.glob("samverkan-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "samverkan/locale/sv/LC_MESSAGES/samverkan.mo" in names
    assert "samverkan/locale/sv/LC_MESSAGES/samverkan.po" in names


def test_render_and_site_name_a_missing_path_in_swedish(tmp_path: Path) -> None:
    missing = str(tmp_path / "finns-inte")
    for command in (["render", missing], ["site", missing, "--out", str(tmp_path / "webb")]):
        result = runner.invoke(app, ["--lang", "sv", *command])
        assert result.exit_code == 1, command
        assert f"samverkan: {missing}: filen eller mappen finns inte" in result.stderr, command

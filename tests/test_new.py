"""``samverkan new``: a commented agreement file from flags or from answers on a terminal.

The command is a plain function in :mod:`samverkan.cli_new`; these tests register it on a
local Typer app, as ``cli.py`` does with ``app.command("new")(new)``. Every file written must
pass ``samverkan validate``: no errors and no warnings (the statutory check's notices about
what is still to be filled in are expected), checked with :func:`samverkan.api.check`.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner, Result

import samverkan.cli_new
from samverkan.api import check
from samverkan.cli import app as samverkan_app
from samverkan.cli_new import new
from samverkan.config import Config
from samverkan.diagnostics import Severity
from samverkan.editing import write_new
from samverkan.model import Agreement, ExtensionOpenEnded, ExtensionRenewal
from samverkan.new import (
    PLACEHOLDER_DATE,
    NewAgreement,
    NewError,
    agreement_text,
    default_id,
    end_of,
    parse_extension,
    slug,
)
from samverkan.periods import effective_end
from samverkan.schema import SCHEMA_ID, schema_text
from samverkan.workspace import load_workspace

ROOT = Path(__file__).resolve().parent.parent

app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
app.command("new")(new)


@app.callback()
def _root() -> None:
    """A stand-in for samverkan's app, with only `new`."""


UMEA = ["--municipality", "Umeå kommun", "--police-area", "Lokalpolisområde Umeå", "--start", "2025-01-01"]
LAW_NOTICES = {"LAW001", "LAW003", "LAW004"}
"""What the statutory check says of a new file: no lägesbild, action plan or coordinating function yet."""


@pytest.fixture(autouse=True)
def _here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run inside an empty ``tmp_path``, colour off, with no terminal unless a test says so."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(samverkan.cli_new, "_interactive", lambda: False)


def pin_root(folder: Path) -> None:
    """Make ``folder`` a workspace root (a ``.git`` folder in it), so that no schema above it counts."""
    (folder / ".git").mkdir()


def invoke(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, ["new", *args], input=input)


def on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(samverkan.cli_new, "_interactive", lambda: True)


def agreement_in(path: Path) -> Agreement:
    [(_, agreement)] = list(load_workspace([path]).agreements())
    return agreement


def assert_validates(path: Path) -> set[str]:
    """``path`` has no errors or warnings, and the run would exit 0; returns the codes found."""
    report = check([path])
    bad = [f"{d.code} {d.english}" for d in report.diagnostics if d.severity >= Severity.WARNING]
    assert bad == [], bad
    assert report.exit_code == 0
    return {d.code for d in report.diagnostics}


# With flags ------------------------------------------------------------------------------


def test_flags_write_a_commented_agreement_that_validates(tmp_path: Path) -> None:
    pin_root(tmp_path)
    result = invoke(*UMEA, "--years", "4", "--extension", "renewal:2:6")
    assert result.exit_code == 0, result.output
    path = tmp_path / "umea-2025.yaml"
    assert result.stderr.splitlines()[0] == "wrote umea-2025.yaml"
    assert result.stdout == ""
    assert assert_validates(path) == LAW_NOTICES
    a = agreement_in(path)
    assert (a.id, a.draft, a.title) == ("umea-2025", True, "Samverkansöverenskommelse")
    assert [(p.id, p.kind, p.name) for p in a.parties] == [
        ("kommunen", "municipality", "Umeå kommun"),
        ("polisen", "police", "Lokalpolisområde Umeå"),
    ]
    assert (a.period.start, a.period.end) == (dt.date(2025, 1, 1), dt.date(2028, 12, 31))
    assert isinstance(a.extension, ExtensionRenewal)
    assert (a.extension.years, a.extension.consultation_months_before) == (2, 6)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=samverkan.schema.json\n")  # no schema above: one beside
    assert (tmp_path / "samverkan.schema.json").read_text(encoding="utf-8") == schema_text()
    headings = ["Parterna.", "Giltighetstid:", "Förlängning:", "Lägesbild", "Åtgärdsplan", "Uppföljning:"]
    headings += ["Organisering:", "Kommunens samordningsfunktion", "Undertecknande:"]
    for heading in headings:
        assert f"\n# {heading}" in text, heading
    assert "senast 2028-06-30" in text  # six months before 2028-12-31


@pytest.mark.parametrize(
    ("extension", "years", "kind", "end"),
    [
        ("none", "2", "none", dt.date(2026, 12, 31)),
        ("option", "1", "option", dt.date(2025, 12, 31)),
        ("renewal:2", "2", "renewal", dt.date(2026, 12, 31)),
        ("Renewal:1:11", "1", "renewal", dt.date(2025, 12, 31)),
        ("indefinite", "4", "indefinite", dt.date(2028, 12, 31)),
        ("open-ended:4", None, "open-ended", None),
    ],
)
def test_every_extension_kind_validates(
    tmp_path: Path, extension: str, years: str | None, kind: str, end: dt.date | None
) -> None:
    result = invoke(*UMEA, *(["--years", years] if years else []), "--extension", extension)
    assert result.exit_code == 0, result.output
    path = tmp_path / "umea-2025.yaml"
    assert assert_validates(path) <= LAW_NOTICES
    a = agreement_in(path)
    assert a.extension is not None and a.extension.type == kind
    assert a.period.end == end
    if isinstance(a.extension, ExtensionOpenEnded):
        assert a.extension.review_every_years == 4


def test_out_folder_and_id(tmp_path: Path) -> None:
    result = invoke(*UMEA, "--years", "4", "--extension", "none", "--folder", "agreements/umea", "--id", "umea-ny")
    assert result.exit_code == 0, result.output
    assert agreement_in(tmp_path / "agreements" / "umea" / "umea-ny.yaml").id == "umea-ny"
    result = invoke(*UMEA, "--years", "4", "--extension", "none", "--out", "x/y/avtal.yaml")
    assert result.exit_code == 0, result.output
    assert agreement_in(tmp_path / "x" / "y" / "avtal.yaml").id == "umea-2025"


def test_the_modeline_points_at_the_repository_schema_when_there_is_one(tmp_path: Path) -> None:
    pin_root(tmp_path)
    (tmp_path / "schema").mkdir()
    schema = tmp_path / "schema" / "samverkan.schema.json"
    schema.write_text(schema_text(), encoding="utf-8")
    result = invoke(*UMEA, "--years", "4", "--extension", "none", "--folder", "agreements/umea")
    assert result.exit_code == 0, result.output
    path = tmp_path / "agreements" / "umea" / "umea-2025.yaml"
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../schema/samverkan.schema.json"
    assert (path.parent / first.split("=", 1)[1]).resolve() == schema.resolve()
    result = invoke(*UMEA, "--years", "4", "--extension", "none", "--id", "umea-2025-b")
    assert (
        (tmp_path / "umea-2025-b.yaml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=schema/samverkan.schema.json\n")
    )


def test_a_file_named_like_the_schema_that_is_not_one_is_a_conflict_not_a_target(tmp_path: Path) -> None:
    pin_root(tmp_path)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "samverkan.schema.json").write_text("not json\n", encoding="utf-8")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "samverkan.schema.json").write_text('{"$id": "elsewhere"}\n', encoding="utf-8")
    result = invoke(*UMEA, "--years", "4", "--extension", "none", "--folder", "c")
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "samverkan: c/samverkan.schema.json exists and is not a samverkan schema; nothing was written\n"
    )
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["samverkan.schema.json"]
    assert (tmp_path / "c" / "samverkan.schema.json").read_text(encoding="utf-8") == "not json\n"


def test_a_schema_above_the_workspace_root_is_not_pointed_at(tmp_path: Path) -> None:
    (tmp_path / "samverkan.schema.json").write_text(schema_text(), encoding="utf-8")  # above the root
    (tmp_path / "kommun").mkdir()
    pin_root(tmp_path / "kommun")
    result = invoke(*UMEA, "--years", "4", "--extension", "none", "--folder", "kommun/agreements")
    assert result.exit_code == 0, result.output
    path = tmp_path / "kommun" / "agreements" / "umea-2025.yaml"
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=samverkan.schema.json\n")
    assert (path.parent / "samverkan.schema.json").read_text(encoding="utf-8") == schema_text()


def test_running_twice_refuses_the_second_time(tmp_path: Path) -> None:
    args = [*UMEA, "--years", "4", "--extension", "indefinite"]
    assert invoke(*args).exit_code == 0
    path = tmp_path / "umea-2025.yaml"
    before = path.read_bytes()
    path.write_bytes(before + b"# my own notes\n")
    again = invoke(*args)
    assert again.exit_code == 1
    assert again.stderr == (
        "samverkan: umea-2025.yaml exists already; nothing was written (choose another --out, or --id)\n"
    )
    assert path.read_bytes() == before + b"# my own notes\n"
    found = sorted(p.name for p in tmp_path.iterdir())
    assert found == ["samverkan.schema.json", "umea-2025.yaml"], "no temporary file left behind"


def test_a_dangling_symbolic_link_is_not_written_through(tmp_path: Path) -> None:
    (tmp_path / "umea-2025.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = invoke(*UMEA, "--years", "4", "--extension", "none")
    assert result.exit_code == 1
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_names_that_need_quoting_come_back_as_written(tmp_path: Path) -> None:
    names = ["Kommun: test", "true", "Polisen [LPO] #1", 'Ö\'stra "kommun"', "- lista", "Uppsala/Knivsta"]
    for n, name in enumerate(names):
        flags = ["--municipality", name, "--police-area", names[-1 - n], "--id", f"test-{n}"]
        result = invoke(*flags, "--start", "2025-01-01", "--years", "1", "--extension", "none")
        assert result.exit_code == 0, result.output
        path = tmp_path / f"test-{n}.yaml"
        assert_validates(path)
        assert [p.name for p in agreement_in(path).parties] == [name, names[-1 - n]]


def test_the_new_file_can_be_extended_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert invoke(*UMEA, "--years", "2", "--extension", "renewal:2:6").exit_code == 0
    path = tmp_path / "umea-2025.yaml"
    result = CliRunner().invoke(samverkan_app, ["extend", "umea-2025", "--decided", "2026-05-01", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert effective_end(agreement_in(path)) == dt.date(2028, 12, 31)


# Usage errors ----------------------------------------------------------------------------


def test_missing_flags_without_a_terminal_are_a_usage_error(tmp_path: Path) -> None:
    result = invoke("--municipality", "Umeå kommun", "--extension", "open-ended:4")
    assert result.exit_code == 2
    assert "missing --police-area, --start (there is no terminal to ask on)" in result.stderr
    result = invoke()
    assert result.exit_code == 2
    assert "missing --municipality, --police-area, --start, --years, --extension" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--years", "4", "--extension", "none", "--start", "2025-02-30"], "'2025-02-30' is not a date"),
        (["--years", "4", "--extension", "none", "--start", "2025-1-1"], "is not a date"),
        (["--years", "4", "--extension", "none", "--start", "2025-W01-1"], "is not a date"),
        (["--years", "4", "--extension", "sometimes"], "choose from none, option, renewal:YEARS:MONTHS"),
        (["--years", "4", "--extension", "renewal:0:6"], "YEARS must be a whole number of at least 1"),
        (["--years", "1", "--extension", "renewal:1:12"], "consultation 12 months before expiry is not within"),
        (["--years", "4", "--extension", "open-ended:4"], "an open-ended agreement has no end: leave out --years"),
        (["--years", "0", "--extension", "none"], "is not a number of years"),
        (["--years", "4", "--extension", "none", "--id", "Umeå 2025"], "'Umeå 2025' is not an id"),
        (["--years", "4", "--extension", "none", "--out", "a.yaml", "--folder", "b"], "not both"),
        (["--years", "4", "--extension", "none", "--police-area", " "], "must not be empty"),
    ],
)
def test_bad_values_are_usage_errors(tmp_path: Path, args: list[str], says: str) -> None:
    result = invoke(*UMEA, *args)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert list(tmp_path.iterdir()) == []


# On a terminal ---------------------------------------------------------------------------


def test_prompts_ask_for_everything_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_a_terminal(monkeypatch)
    answers = ["Upplands Väsby kommun", "Lokalpolisområde Sollentuna", "2025-01-01", "renewal:2:6", "2", "", ""]
    result = invoke(input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    questions = ["Municipality (kommun):", "Police area (lokalpolisområde):", "Start (YYYY-MM-DD) [", "Extension: "]
    questions += ["Years [4]:", "Id [upplands-vasby-2025]:", "File [upplands-vasby-2025.yaml]:"]
    for question in questions:
        assert question in result.stderr, question
    path = tmp_path / "upplands-vasby-2025.yaml"
    assert assert_validates(path) == LAW_NOTICES
    a = agreement_in(path)
    assert [p.name for p in a.parties] == ["Upplands Väsby kommun", "Lokalpolisområde Sollentuna"]
    assert (a.period.start, a.period.end) == (dt.date(2025, 1, 1), dt.date(2026, 12, 31))
    assert isinstance(a.extension, ExtensionRenewal) and a.extension.consultation_months_before == 6


def test_prompts_have_defaults_and_ask_again_after_a_wrong_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_a_terminal(monkeypatch)
    answers = [
        "2025-02-30",  # start: not a date, asked again
        "2025-03-01",
        "renewal:2:60",  # extension: longer than the period, asked again after the years
        "",  # years: 4
        "",  # id: umea-2025
        "renewal:2:6",
        "Umeå!",  # file: a name of our own
    ]
    flags = ["--municipality", "Umeå kommun", "--police-area", "Lokalpolisområde Umeå"]
    result = invoke(*flags, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Error: '2025-02-30' is not a date" in result.stderr
    assert "Error: consultation 60 months before expiry is not within the period of 48 months" in result.stderr
    assert "Municipality" not in result.stderr, "given as a flag, not asked"
    path = tmp_path / "Umeå!"
    assert_validates(path)
    a = agreement_in(path)
    assert (a.id, a.period.start, a.period.end) == ("umea-2025", dt.date(2025, 3, 1), dt.date(2029, 2, 28))


def test_prompts_skip_years_for_an_open_ended_agreement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_a_terminal(monkeypatch)
    result = invoke(*UMEA, input="open-ended:3\numea-tillsvidare\n\n")
    assert result.exit_code == 0, result.output
    assert "Years" not in result.stderr
    a = agreement_in(tmp_path / "umea-tillsvidare.yaml")
    assert a.period.end is None and isinstance(a.extension, ExtensionOpenEnded)
    assert "med översyn vart 3:e år" in (tmp_path / "umea-tillsvidare.yaml").read_text(encoding="utf-8")


def test_on_a_terminal_the_second_run_is_refused_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    on_a_terminal(monkeypatch)
    answers = "Umeå kommun\nLokalpolisområde Umeå\n2025-01-01\nnone\n4\n\n\n"
    assert invoke(input=answers).exit_code == 0
    again = invoke(input=answers)
    assert again.exit_code == 1
    assert "umea-2025.yaml exists already" in again.stderr


# The text --------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["none", "option", "renewal:2:6", "indefinite", "open-ended:4"])
def test_the_commented_examples_are_valid_once_filled_in(tmp_path: Path, extension: str) -> None:
    """Uncommented, with a date for each placeholder, the examples make a file with no findings at all."""
    ext = parse_extension(extension)
    params = NewAgreement.create(
        municipality="Umeå kommun",
        police_area="Lokalpolisområde Umeå",
        start=dt.date(2025, 1, 1),
        years=None if ext.open_ended else 4,
        extension=ext,
    )
    text = agreement_text(params, SCHEMA_ID, examples=True).replace(PLACEHOLDER_DATE, "2025-01-01")
    path = tmp_path / "full.yaml"
    path.write_text(text, encoding="utf-8")
    report = check([path], Config())
    assert [f"{d.code} {d.english}" for d in report.diagnostics] == []
    a = agreement_in(path)
    assert a.situation_picture is not None and a.coordinating_function is not None
    commented = agreement_text(params, SCHEMA_ID)
    data = [ln for ln in commented.splitlines() if ln and not ln.startswith("#")]
    assert data[:3] == ["kind: agreement", "id: umea-2025", "title: Samverkansöverenskommelse"]
    clause = data.index("extension:")
    assert all(ln.startswith("  ") for ln in data[clause + 1 :]), "the data ends with the extension clause"
    assert len(commented.splitlines()) == len(text.splitlines()), "the examples differ only by their '# '"
    assert max(len(ln) for ln in commented.splitlines() if ln.startswith("# ")) <= 92


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        ("Vindelns kommun", "vindeln"),  # the genitive -s is dropped: the municipality is Vindeln
        ("Sölvesborgs kommun", "solvesborg"),
        ("Göteborgs Stad", "goteborg"),
        ("Hofors kommun", "hofors"),  # a name that ends in -s takes none
        ("Borås stad", "boras"),
        ("Grums kommun", "grums"),
        ("Storstads kommun", "storstads"),  # not a municipality's name: left as written
    ],
)
def test_slug_drops_the_genitive_s_of_a_municipalitys_name(party: str, expected: str) -> None:
    assert slug(party) == expected


def test_slug_and_default_id() -> None:
    assert slug("Upplands Väsby kommun") == "upplands-vasby"
    assert slug("Umeå kommun") == "umea"
    assert slug("Malmö stad") == "malmo"
    assert slug("Region Gotland") == "region-gotland"
    assert slug("Håbo") == "habo"
    assert slug("Kommun") == "kommun"
    assert default_id("Umeå kommun", dt.date(2025, 1, 1)) == "umea-2025"
    assert default_id("???", dt.date(2025, 1, 1)) == ""
    with pytest.raises(NewError, match="give one with --id"):
        NewAgreement.create(
            municipality="???", police_area="LPO", start=dt.date(2025, 1, 1), years=1, extension=parse_extension("none")
        )


def test_end_of_counts_whole_years() -> None:
    assert end_of(dt.date(2025, 1, 1), 4) == dt.date(2028, 12, 31)
    assert end_of(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 27)
    assert end_of(dt.date(2025, 7, 1), 2) == dt.date(2027, 6, 30)


def test_write_new_never_replaces_and_gives_new_files_the_usual_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    old = os.umask(0o022)
    try:
        write_new(target, b"x: 1\n")
    finally:
        os.umask(old)
    assert target.read_bytes() == b"x: 1\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    with pytest.raises(FileExistsError):
        write_new(target, b"y: 2\n")
    assert target.read_bytes() == b"x: 1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


@pytest.mark.parametrize("output_format", ["md", "html"])
def test_a_filled_in_agreement_renders_what_the_statutory_check_looks_for(tmp_path: Path, output_format: str) -> None:
    """The lägesbild's three parts, the plan's decision and the coordinating function reach the document."""
    from samverkan.render import RenderRequest, render_documents

    params = NewAgreement.create(
        municipality="Umeå kommun",
        police_area="Lokalpolisområde Umeå",
        start=dt.date(2025, 1, 1),
        years=4,
        extension=parse_extension("none"),
    )
    text = agreement_text(params, SCHEMA_ID, examples=True).replace(PLACEHOLDER_DATE, "2025-01-01")
    text = text.replace("body: …", "body: Kommunstyrelsen").replace(
        "  name: …\n  unit: …", "  name: Samordnare\n  unit: KLK"
    )
    path = tmp_path / "full.yaml"
    path.write_text(text, encoding="utf-8")
    result = render_documents(RenderRequest((path,), dt.date(2025, 6, 1), output_format, "agreement"))
    [document] = result.documents
    for expected in (
        "Kartläggning av brottsligheten, dess omfattning och konsekvenser",
        "Annan information av betydelse",
        "Analys",
        "Åtgärdsplanen beslutades av Kommunstyrelsen den 1 januari 2025 utifrån lägesbilden.",
        "Samordningsfunktion",
        "Kommunens samordningsfunktion för det brottsförebyggande arbetet: Samordnare, KLK.",
    ):
        assert expected in document.text, expected

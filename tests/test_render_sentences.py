"""Each sentence pattern the renders generate, pinned with real examples from the bundled
agreements (issue 11, parts 2 and 3): annexes that are named but not encoded, the document's
own wording instead of a generated sentence that repeats it, sentences with a verb and a subject,
and source metadata only in an internal (``--draft``) render."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from ruamel.yaml import YAML
from typer.testing import CliRunner

from samverkan.cli_render import render
from samverkan.model import Agreement, DocumentRoot, ExtensionDecision
from samverkan.render import RenderRequest, render_documents
from samverkan.render.swedish import extension_sentences, is_sentence, validity_clause, validity_sentences
from samverkan.source import read_source

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
UPPLANDS_VASBY = AGREEMENTS / "upplands-vasby" / "upplands-vasby-2021.yaml"
UMEA = AGREEMENTS / "umea" / "umea-2021.yaml"
UPPSALA_2010 = AGREEMENTS / "uppsala" / "uppsala-2010.yaml"
UPPSALA_2014 = AGREEMENTS / "uppsala" / "uppsala-2014.yaml"
UPPSALA_2014_PLAN = AGREEMENTS / "uppsala" / "uppsala-2014-handlingsplan.yaml"
UPPSALA_2024 = AGREEMENTS / "uppsala" / "uppsala-2024.yaml"
EXEMPELBY = ROOT / "tests" / "render" / "exempelby" / "exempelby-2022.yaml"
AS_OF = dt.date(2022, 5, 1)


def _text(path: Path, document: str | None = None, fmt: str = "md", *, draft: bool = False) -> str:
    """What a reader sees of one document: HTML tags and entities, or Markdown escapes, undone."""
    request = RenderRequest((path,), AS_OF, fmt, document, draft=draft)
    result = render_documents(request)
    assert not result.problems, result.problems
    [doc] = result.documents
    if fmt == "html":
        return html.unescape(re.sub(r"<[^>]+>", "", doc.text))
    return re.sub(r"\\(.)", r"\1", doc.text)


def _agreement(path: Path) -> Agreement:
    root: Any = DocumentRoot.model_validate(read_source(path).located.data).root  # type: ignore[union-attr]
    assert isinstance(root, Agreement)
    return root


# 2. Say what is not encoded -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_upplands_vasby_names_bilaga_4_as_not_included(fmt: str, generic: Callable[[Path], Path]) -> None:
    text = _text(UPPLANDS_VASBY, "agreement", fmt)
    assert "Bilaga 4: Åtgärdsplan (ingår inte i denna utgåva)" in text
    assert "Åtgärdsplanen finns i bilaga 4" not in text  # its own sections say where the plan is
    text = _text(generic(UPPLANDS_VASBY), "agreement", fmt)
    assert "Bilaga 4: Åtgärdsplan (ingår inte i denna utgåva)" in text
    assert "Åtgärdsplanen finns i bilaga 4, som inte ingår i denna utgåva." in text
    assert "Inga insatser är registrerade" not in text
    assert "Bilaga 1" not in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_upplands_vasby_action_plan_document_is_a_reference(fmt: str) -> None:
    text = _text(UPPLANDS_VASBY, "action-plan", fmt)
    assert "Åtgärdsplanen (bilaga 4) ingår inte i denna utgåva." in text
    assert "Inga insatser är registrerade" not in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_uppsala_2024_gets_no_invented_annex(fmt: str, generic: Callable[[Path], Path]) -> None:
    """The press release describes an action plan but gives it no annex number."""
    text = _text(UPPSALA_2024, "agreement", fmt)
    assert "Planen följs upp årsvis och justeras utifrån behov." in text  # the press release's own words
    assert "Bilaga" not in text and "bilaga" not in text
    text = _text(generic(UPPSALA_2024), "agreement", fmt)
    assert "Åtgärdsplanen ingår inte i denna utgåva." in text
    assert "Planen följs upp årsvis och justeras utifrån behov." in text
    assert "Bilaga" not in text and "bilaga" not in text
    assert "Inga insatser är registrerade" not in text


def test_uppsala_2014_framework_plan_still_renders_its_empty_tables(generic: Callable[[Path], Path]) -> None:
    agreement = _text(generic(UPPSALA_2014), "agreement")
    assert "Åtgärdsplanen ”Handlingsplan 2014-” finns i bilaga 1." in agreement
    assert "ingår inte i denna utgåva" not in agreement
    plan = _text(UPPSALA_2014_PLAN)
    assert plan.count("| Aktivitet/Insats | Syfte | Ansvarig |") == 3
    assert "Inga insatser är registrerade" not in plan


def test_the_memo_lists_only_annexes_it_has(tmp_path: Path) -> None:
    # In its own words the memo names its annex in the text ("bilaga") and has no list "Bilagor".
    memo = _text(UPPSALA_2014, "memo")
    assert "Bilagor" not in memo and "Bilaga 1: Handlingsplan 2014-" not in memo
    assert "Föreliggande förslag till avtal, bilaga, är en förnyad överenskommelse" in memo
    # A memo that gives no sections gets the list, with only the annexes it has.
    yaml = YAML()
    for other in UPPSALA_2014.parent.glob("*.yaml"):
        data = yaml.load(other.read_text(encoding="utf-8"))
        if other == UPPSALA_2014:
            del data["memo"]["sections"]
        with (tmp_path / other.name).open("w", encoding="utf-8") as out:
            yaml.dump(data, out)
    default = _text(tmp_path / UPPSALA_2014.name, "memo")
    assert "## Bilagor\n\n1. Samverkansavtal och handlingsplan\n2. Bilaga 1: Handlingsplan 2014-\n" in default


# The signature block (underskrifter) --------------------------------------------------------


def _plain(path: Path, fmt: str = "md") -> str:
    """The agreement's Markdown with hard line breaks as newlines and bold undone."""
    return _text(path, "agreement", fmt).replace("\\\n", "\n").replace("**", "")


def test_a_signed_copy_shows_names_and_titles_as_the_document_does() -> None:
    vasby = _plain(UPPLANDS_VASBY)
    assert "Upplands Väsby den 2020-12-14\n\nChristine Hanefalk\nKommunstyrelsens ordförande\n\n" in vasby
    assert "____" not in vasby  # signed: no lines to sign on
    assert "Kommunstyrelsens ordförande\nUpplands Väsby kommun" not in vasby  # no party the source lacks
    umea = _plain(UMEA)
    assert "Umeå 9 februari 2021\n\nHans Lindberg\nKommunstyrelsens ordförande\nUmeå kommun\n" in umea
    assert "Lokalpolisområdeschef\nPolisområde Västerbotten" in umea  # as the document words it
    html_text = _text(UMEA, "agreement", "html")
    assert "Umeå 9 februari 2021" in html_text and "Polisområde Västerbotten" in html_text


def test_a_proposal_awaiting_signature_is_a_form_with_the_source_s_names() -> None:
    proposal = _plain(UPPSALA_2014)
    block = proposal[proposal.index("Uppsala den") :]
    assert block.startswith("Uppsala den ______________\n\n____")
    assert "Erik Steen\nLänspolismästare\n\n" in block
    assert "Polismyndigheten i Uppsala län\n\n" not in block.split("Bilaga")[0]  # the party is not added


def test_no_signature_block_is_invented_for_a_document_that_records_none() -> None:
    uppsala_2024 = _plain(UPPSALA_2024)
    assert "Underskrifter" not in uppsala_2024 and "Namnförtydligande" not in uppsala_2024
    assert "____" not in uppsala_2024


def test_a_draft_is_a_form_to_sign(tmp_path: Path) -> None:
    draft = tmp_path / "utkast.yaml"
    draft.write_text(
        "kind: agreement\nid: utkast\ntitle: Utkast\ndraft: true\n"
        "parties:\n  - {id: kommunen, kind: municipality, name: Exempelby kommun}\n"
        "  - {id: polisen, kind: police, name: Lokalpolisområde Exempelby}\n"
        "period: {start: 2030-01-01, end: 2031-12-31}\n"
        "signing:\n  place: Exempelby\n  signatories:\n"
        "    - {name: Anna Andersson, title: kommunstyrelsens ordförande, party: kommunen}\n",
        encoding="utf-8",
    )
    text = _plain(draft)
    assert "Exempelby den ______________" in text
    assert "____\nAnna Andersson\nKommunstyrelsens ordförande\nExempelby kommun" in text
    bare = tmp_path / "bare" / "bare.yaml"  # a folder of its own: beside the draft its id would be used twice
    bare.parent.mkdir()
    bare.write_text(draft.read_text(encoding="utf-8").split("signing:")[0], encoding="utf-8")
    assert text.count("Namnförtydligande") == 0
    assert _plain(bare).count("Namnförtydligande och titel") == 2


def test_a_plan_that_is_not_encoded_has_no_activities() -> None:
    data = read_source(UPPLANDS_VASBY).located.data
    assert isinstance(data, dict)
    data["action_plans"][0]["activities"] = [{"id": "x", "title": "En insats"}]
    with pytest.raises(ValueError, match="encoded: false"):
        DocumentRoot.model_validate(data)


def test_no_file_ids_in_prose(generic: Callable[[Path], Path]) -> None:
    for path in (UPPLANDS_VASBY, UMEA, UPPSALA_2010, UPPSALA_2014, UPPSALA_2024):
        ids = {_agreement(path).id, *(_agreement(path).replaces or "",)} - {""}
        text = _text(path, "agreement")
        for ident in ids:
            assert ident not in text, (path.name, ident)
    assert "Överenskommelsen ersätter ”Samverkansavtal mellan Polismyndigheten i Uppsala län och Uppsala kommun”" in (
        _text(generic(UPPSALA_2014), "agreement")
    )


# 3. The document's own wording, not a generated sentence beside it ---------------------------


def test_is_sentence() -> None:
    assert is_sentence("Överenskommelsen löper från och med 2021-01-01 till och med 2022-12-31.")
    assert not is_sentence("perioden 2024–2027")
    assert not is_sentence("1 jan 2014 till och med 31 dec 2014")
    assert not is_sentence("2010-04-07 – 2013-12-31")


def test_validity_in_the_documents_own_words() -> None:
    """Upplands Väsby and Umeå word the period and the extension clause themselves."""
    vasby = validity_clause(_agreement(UPPLANDS_VASBY))
    assert vasby.paragraphs == (
        "Överenskommelsen löper från och med 2021-01-01 till och med 2022-12-31.",
        "Överenskommelsen kan förlängas med två år i taget efter samråd mellan Parterna. Samråd ska ha skett "
        "senast sex månader före giltighetstidens utgång.",
    )
    assert vasby.quoted == ()
    umea = validity_clause(_agreement(UMEA))
    assert umea.paragraphs == (
        "Överenskommelsen gäller från den 1 januari 2021 till den 31 december 2024.",
        "Om ny överenskommelse inte tecknas efter utgånget datum förlängs denna överenskommelse tillsvidare.",
    )
    text = _plain(UPPLANDS_VASBY)
    assert "Överenskommelsen gäller från och med 1 januari 2021" not in text
    assert "Samråd ska ske senast" not in text
    assert "I dokumentets ordalydelse" not in text


def test_validity_worded_by_the_extension_clause() -> None:
    """Uppsala 2014's extension clause holds its period: the clause stands alone."""
    clause = validity_clause(_agreement(UPPSALA_2014))
    assert clause.paragraphs == (
        "Föreliggande avtal gäller för tidsperioden 1 jan 2014 till och med 31 dec 2014, med option för förlängning.",
    )
    assert clause.quoted == ()


def test_validity_generated_beside_a_phrase() -> None:
    """Uppsala 2024 and 2010 give only a phrase: the sentence is generated, the phrase quoted."""
    clause = validity_clause(_agreement(UPPSALA_2024))
    assert clause.paragraphs == ("Överenskommelsen gäller från och med 1 januari 2024 till och med 31 december 2027.",)
    assert clause.quoted == ("perioden 2024–2027",)
    clause = validity_clause(_agreement(UPPSALA_2010))
    assert clause.paragraphs == ("Överenskommelsen gäller från och med 7 april 2010 till och med 31 december 2013.",)
    assert clause.quoted == ("2010-04-07 – 2013-12-31",)


def test_generated_validity_stays_for_the_report_and_site() -> None:
    assert validity_sentences(_agreement(UPPLANDS_VASBY)) == [
        "Överenskommelsen gäller från och med 1 januari 2021 till och med 31 december 2022.",
        "Den kan förlängas med två år i taget efter samråd mellan parterna.",
        "Samråd ska ske senast den 30 juni 2022.",
    ]
    assert validity_sentences(_agreement(UMEA)) == [
        "Överenskommelsen gäller från och med 1 januari 2021 till och med 31 december 2024.",
        "Om ingen ny överenskommelse tecknas förlängs den tills vidare.",
    ]


def test_extension_decisions_have_a_subject() -> None:
    umea = _agreement(UMEA).model_copy(update={"extensions": [ExtensionDecision(decided=dt.date(2024, 11, 5))]})
    assert extension_sentences(umea) == ["Parterna beslutade den 5 november 2024 att förlänga överenskommelsen."]
    text = _text(EXEMPELBY, "agreement")
    assert "Överenskommelsen är förlängd till och med 31 december 2024 genom beslut den 5 april 2022." in text
    assert "Samråd om ytterligare förlängning ska ske senast den 30 september 2024." in text


def test_follow_up_in_the_documents_own_words(generic: Callable[[Path], Path]) -> None:
    """Umeå words its follow-up: no generated sentence repeats it in the agreement."""
    text = _text(generic(UMEA), "agreement")
    own = "De mål som fastställts ovan ska årligen följas upp och redovisas för Umeå brotts- och drogförebyggande råd."
    assert own in text
    assert "Uppföljningen redovisas för Umeå" not in text
    assert "Uppföljningen sker årligen." not in text
    assert "Därefter sker uppföljningen årligen så länge överenskommelsen gäller." in text
    assert "Därefter årligen så länge" not in text


def test_follow_up_sentences_generated_where_the_document_has_none(generic: Callable[[Path], Path]) -> None:
    text = _text(generic(UPPLANDS_VASBY), "agreement")
    assert "Uppföljningen sker i december 2021 och ska vara klar senast den 31 december 2021." in text
    assert "Ansvarig för uppföljningen: Strategiskt samverkansforum/styrgrupp." in text
    assert "Uppföljningen redovisas för kommunen och polismyndigheten." in text


def test_decisions_have_a_verb_and_a_subject() -> None:
    text = _text(UPPSALA_2010, "agreement")
    assert "Överenskommelsen beslutades av Kommunstyrelsen den 7 april 2010, § 55." in text
    assert "\nBeslutad av" not in text


def test_focus_area_definition_has_a_verb() -> None:
    text = _plain(UPPLANDS_VASBY)
    # The document's own words, with the sentence that "Det" refers to.
    assert "Det innebär ett särskilt fokus under avtalsperioden på följande definierade målområden:" in text
    assert "\nEtt särskilt fokus" not in text


def test_groups_named_in_the_plural_agree(generic: Callable[[Path], Path]) -> None:
    text = _text(generic(UPPSALA_2014), "agreement")
    assert "Arbetsgrupper (tillfälliga)" in text
    assert "(tillfällig)" not in text.replace("Arbetsgrupp (tillfällig)", "")


def test_dates_after_senast_take_den() -> None:
    text = _text(EXEMPELBY, "agreement")
    assert "senast den 31 oktober 2022" in text
    assert not re.search(r"senast \d", text)


# Source metadata only in an internal render ---------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_no_source_metadata_in_the_document_to_sign(fmt: str) -> None:
    for path in (UPPLANDS_VASBY, UMEA, UPPSALA_2014, UPPSALA_2024):
        assert "Källa:" not in _text(path, "agreement", fmt)
    assert "Källa:" not in _text(UPPSALA_2014_PLAN, None, fmt)
    draft = _text(UPPLANDS_VASBY, "agreement", fmt, draft=True)
    assert (
        "Källa: Samverkansöverenskommelse, Upplands Väsby kommun och Lokalpolisområde Sollentuna, 2020-12-14." in draft
    )
    assert "Källa: Tjänsteskrivelse KSN-2013-1258, bilaga 1" in _text(UPPSALA_2014_PLAN, None, fmt, draft=True)


def _invoke(*args: str) -> Any:
    app = typer.Typer()
    app.command()(render)
    return CliRunner().invoke(app, list(args))


def test_cli_draft_adds_the_source_and_is_not_public() -> None:
    result = _invoke(str(UMEA), "--as-of", "2022-05-01", "--draft")
    assert result.exit_code == 0, result.output
    assert "Källa: Samverkansöverenskommelse, Umeå kommun" in result.stdout
    result = _invoke(str(UMEA), "--as-of", "2022-05-01")
    assert result.exit_code == 0 and "Källa:" not in result.stdout
    result = _invoke(str(UMEA), "--draft", "--public")
    assert result.exit_code == 2


def test_an_annex_is_anchored_by_its_own_number() -> None:
    vasby = render_documents(RenderRequest((UPPLANDS_VASBY,), AS_OF, "html", "agreement")).documents[0].text
    assert '<li id="bilaga-4">Bilaga 4: Åtgärdsplan (ingår inte i denna utgåva)</li>' in vasby
    assert 'id="bilaga-1"' not in vasby


def test_the_follow_up_report_says_why_there_are_no_activities() -> None:
    def activities(path: Path) -> str:
        text = _text(path, "follow-up-report")
        return text.split("## Aktiviteter\n\n")[1].split("\n")[0]

    assert activities(UMEA) == "Överenskommelsen har ingen åtgärdsplan."
    assert activities(UPPLANDS_VASBY) == "Åtgärdsplanen ingår inte i denna utgåva."
    assert activities(UPPSALA_2014) == "Inga aktiviteter är registrerade i åtgärdsplanen."

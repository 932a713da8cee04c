"""Renders as faithful as their sources (issue 11, part 1): for each document encoded with its
own ``sections``, every heading, paragraph, list item, footnote and figure caption the YAML
holds is in the source text (``../shared/seeds/``, beside the repository) and in the Markdown
render, in the source's order. Markdown and source markup (``**``, ``*``, ``<sup>1</sup>``,
``¹``, ``[^1]``, escapes) and whitespace are normalised away before comparing."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from typing import Any

import pytest

from samverkan.model import DocumentRoot, Section
from samverkan.render import RenderRequest, render_documents
from samverkan.render.environment import _blocks
from samverkan.source import read_source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
AGREEMENTS = ROOT / "agreements"

CASES = [
    # (YAML file, document, seed, where in the model the sections are, where the document starts
    # in the seed: the 2014 agreement follows its memo in seed 000)
    ("upplands-vasby/upplands-vasby-2021.yaml", "agreement", "001_6fc1ad7ce8b76b50.txt", "agreement", ""),
    (
        "uppsala/uppsala-2014.yaml",
        "agreement",
        "000_a13d4f782b21a22b.txt",
        "agreement",
        "Samverkansavtal och handlingsplan FÖR ÖKAD TRYGGHET",
    ),
    ("uppsala/uppsala-2014.yaml", "memo", "000_a13d4f782b21a22b.txt", "memo", ""),
    ("umea/umea-2021.yaml", "agreement", "003_98e7370acc341597.txt", "agreement", ""),
    # the press release on the agreement 2024–2027 (the agreement's own text is not in the seeds)
    ("uppsala/uppsala-2024.yaml", "agreement", "004_bc054cb32cd6ad0b.txt", "agreement", ""),
    (
        "uppsala/uppsala-2014-handlingsplan.yaml",
        "action-plan",
        "000_a13d4f782b21a22b.txt",
        "plan",
        "Handlingsplan 2014-",
    ),
]

STATEMENT = ("uppsala/uppsala-interpellationssvar-polisen.yaml", "002_0b95906dd943127e.txt")
"""The answer to an interpellation (seed 002), kept as a statement: questions and answers, no sections."""


def normalise(text: str) -> str:
    """Text as a reader sees it: markup, footnote marks and Markdown escapes out, whitespace as
    single spaces."""
    text = re.sub(r"<sup>[^<]*</sup>|\[\^[^\]]+\]:?|[¹²³]", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"[*#]", "", text)
    return " ".join(text.split())


def pieces(sections: list[Section]) -> list[str]:
    """Every heading, paragraph, list item, table cell that is not empty (header cells first,
    then row by row), caption and footnote, in the order they render."""
    out: list[str] = []
    for section in sections:
        if section.heading:
            out.append(section.heading)
        for block in _blocks(section.text):
            out.extend(block["items"] if block["kind"] != "p" else [block["text"]])
        for table in section.tables:
            out.extend(cell for row in [table.columns or [], *table.rows] for cell in row if cell.strip())
        out.extend(figure.caption for figure in section.figures)
        out.extend(note.text for note in section.footnotes)
    return [normalise(p) for p in out]


def in_order(needles: list[str], haystack: str, at: int = 0) -> list[str]:
    """The needles not found in ``haystack`` after the one before them, the first after ``at``
    (empty: all in order)."""
    missing = []
    for needle in needles:
        found = haystack.find(needle, at)
        if found < 0:
            missing.append(needle)
        else:
            at = found + len(needle)
    return missing


def _sections(path: Path, where: str) -> list[Section]:
    root: Any = DocumentRoot.model_validate(read_source(path).located.data).root  # type: ignore[union-attr]
    return list(root.memo.sections if where == "memo" else root.sections)


def _markdown(path: Path, document: str) -> str:
    result = render_documents(RenderRequest((path,), dt.date(2022, 5, 1), "md", document))
    assert not result.problems, result.problems
    [doc] = result.documents
    return doc.text


@pytest.mark.parametrize(("yaml_file", "document", "seed", "where", "start"), CASES)
def test_sections_are_the_source_s_in_its_order(
    yaml_file: str, document: str, seed: str, where: str, start: str
) -> None:
    source_file = SEEDS / seed
    if not source_file.is_file():
        pytest.skip(f"{source_file} is not here (it lives beside the repository, in shared/seeds/)")
    path = AGREEMENTS / yaml_file
    wanted = pieces(_sections(path, where))
    assert wanted, "the document gives no sections"
    source = normalise(source_file.read_text(encoding="utf-8"))
    assert start in source
    assert in_order(wanted, source, source.index(start)) == [], "not in the source, or not in its order"
    assert in_order(wanted, normalise(_markdown(path, document))) == [], "not in the render, or not in its order"


def _seed(seed: str) -> str:
    source_file = SEEDS / seed
    if not source_file.is_file():
        pytest.skip(f"{source_file} is not here (it lives beside the repository, in shared/seeds/)")
    return normalise(source_file.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("yaml_file", "seed", "start"),
    [(yaml_file, seed, start) for yaml_file, document, seed, _, start in CASES if document == "agreement"],
)
def test_title_and_subtitle_are_the_source_s_and_come_first(yaml_file: str, seed: str, start: str) -> None:
    """The title and subtitle render above the sections: they are the document's own opening lines,
    before its first section (case aside: Uppsala 2014's subtitle is in capitals in the source)."""
    source = _seed(seed).casefold()
    path = AGREEMENTS / yaml_file
    root: Any = DocumentRoot.model_validate(read_source(path).located.data).root  # type: ignore[union-attr]
    wanted = [normalise(t).casefold() for t in (root.title, root.subtitle) if t]
    wanted.append(pieces(_sections(path, "agreement"))[0].casefold())
    at = source.index(normalise(start).casefold())
    assert in_order(wanted, source, at) == [], "not in the source, or not before its first section"
    assert in_order(wanted, normalise(_markdown(path, "agreement")).casefold()) == [], "not in the render's order"


def _statement_pieces(path: Path) -> list[str]:
    """The statement's title, introduction, and each question with its answer's paragraphs."""
    root: Any = DocumentRoot.model_validate(read_source(path).located.data).root  # type: ignore[union-attr]
    out = [root.title, *root.introduction]
    for q in root.questions:
        out.extend([q.question, *q.answer])
    return [normalise(p) for p in out]


def test_statement_is_the_source_s_in_its_order() -> None:
    yaml_file, seed = STATEMENT
    source = _seed(seed)
    path = AGREEMENTS / yaml_file
    wanted = _statement_pieces(path)
    assert len(wanted) > 10, "the statement holds its questions and answers"
    assert in_order(wanted, source) == [], "not in the source, or not in its order"
    assert in_order(wanted, normalise(_markdown(path, "statement"))) == [], "not in the render, or not in its order"


def test_what_the_statement_describes_is_quoted_from_the_source() -> None:
    """The organisation, plans and collaboration the statement describes are in its own words: each
    text is in the source (its first letter's case aside: a phrase from mid-sentence may begin one)."""
    yaml_file, seed = STATEMENT
    source = _seed(seed)
    root: Any = DocumentRoot.model_validate(read_source(AGREEMENTS / yaml_file).located.data).root  # type: ignore[union-attr]
    texts = [root.organisation.text]
    texts += [g.description for g in root.organisation.groups]
    texts += [p.description for p in root.action_plans] + [a.title for p in root.action_plans for a in p.activities]
    texts += [c.text for c in root.collaboration] + [m for c in root.collaboration for m in c.measures]
    quoted = [p["text"] for t in texts for p in _blocks(t)]
    assert len(quoted) > 20
    missing = [q for q in map(normalise, quoted) if q not in source and q[0].swapcase() + q[1:] not in source]
    assert missing == []


def test_the_press_release_renders_as_what_it_is() -> None:
    """Uppsala 2024 is known only from a press release: the render says so above its headline, and
    has none of the generic headings nor the dates derived from "perioden 2024–2027"."""
    text = _markdown(AGREEMENTS / "uppsala" / "uppsala-2024.yaml", "agreement")
    assert text.startswith(
        "*Pressmeddelande från Uppsala kommun*\n\n# Förnyad samverkansöverenskommelse för ett tryggt Uppsala\n"
    )
    for generic in ("## Parter", "## Syfte", "## Mål", "## Åtgärdsplan", "## Giltighetstid", "1 januari 2024"):
        assert generic not in text
    umea = _markdown(AGREEMENTS / "umea" / "umea-2021.yaml", "agreement")
    for generic in ("## Parter", "## Syfte", "## Bakgrund", "## Mål\n", "## Organisation", "## Giltighetstid"):
        assert generic not in umea


def test_the_check_sees_a_paragraph_out_of_order() -> None:
    assert in_order(["b", "a"], "a b") == ["a"]
    assert in_order(["a", "b"], "a b") == []


def test_footnotes_render_as_footnotes() -> None:
    vasby = _markdown(AGREEMENTS / "upplands-vasby" / "upplands-vasby-2021.yaml", "agreement")
    assert "utsatta områden[^1], riskområden" in vasby
    assert '\n[^1]: Med "Utsatt område" menas' in vasby
    assert vasby.index("## Insatser") < vasby.index("[^1]: ") < vasby.index("## Uppföljning av överenskommelsen")
    memo = _markdown(AGREEMENTS / "uppsala" / "uppsala-2014.yaml", "memo")
    assert "enheter i kommunen[^1]." in memo
    assert "(samordnare för brottsförebyggande arbete" not in memo  # no longer folded into the text


def test_html_footnotes_link_both_ways_and_captions_stand_alone() -> None:
    result = render_documents(
        RenderRequest((AGREEMENTS / "upplands-vasby" / "upplands-vasby-2021.yaml",), dt.date(2022, 5, 1), "html", None)
    )
    [doc] = result.documents
    assert '<a href="#fn-1" id="fnref-1" class="footnote-ref" aria-label="Fotnot 1">1</a>' in doc.text
    assert 'id="fn-1"' in doc.text and 'href="#fnref-1"' in doc.text
    assert "Parter</h2>" not in doc.text  # the document's own headings, not the generic ones
    uppsala = render_documents(
        RenderRequest((AGREEMENTS / "uppsala" / "uppsala-2014.yaml",), dt.date(2022, 5, 1), "html", None)
    )
    text = uppsala.documents[0].text
    assert "<figcaption>Figuren illustrerar tänkt organisationsstruktur.</figcaption>" in text
    assert "<img" not in text  # the figure's image is not at hand: its caption alone


def test_a_reference_needs_its_footnote() -> None:
    data: dict[str, Any] = read_source(AGREEMENTS / "upplands-vasby" / "upplands-vasby-2021.yaml").located.data  # type: ignore[assignment]
    data = dict(data)
    data["sections"] = [{"heading": "A", "text": "x[^2]"}]
    with pytest.raises(ValueError, match=r"\[\^2\]"):
        DocumentRoot.model_validate(data)


def test_a_plan_and_a_promise_render_their_own_sections(tmp_path: Path) -> None:
    folder = ROOT / "tests" / "render" / "exempelby"
    own = (
        "sections:\n  - heading: Egen rubrik\n    text: Eget stycke[^a].\n"
        "    footnotes:\n      - {mark: a, text: Egen not.}\n"
    )
    for other in folder.glob("*.yaml"):
        (tmp_path / other.name).write_text(other.read_text(encoding="utf-8"), encoding="utf-8")
    for name, document in (
        ("exempelby-2022-centrum.yaml", "action-plan"),
        ("exempelby-medborgarlofte-2023.yaml", None),
    ):
        path = tmp_path / name
        path.write_text(path.read_text(encoding="utf-8") + own, encoding="utf-8")
        result = render_documents(RenderRequest((path,), dt.date(2022, 5, 1), "md", document))
        assert not result.problems, result.problems
        text = result.documents[0].text
        assert "## Egen rubrik\n\nEget stycke[^a].\n\n[^a]: Egen not." in text, text
    promise = tmp_path / "exempelby-medborgarlofte-2023.yaml"
    text = render_documents(RenderRequest((promise,), dt.date(2022, 5, 1), "md", None)).documents[0].text
    assert "Det här lovar vi" not in text  # its own sections instead of the generic ones


# The README's excerpts, each beside its original -----------------------------------------------

README_EXCERPTS = [
    # (seed, golden Markdown render), in the order the README shows them
    ("001_6fc1ad7ce8b76b50.txt", "upplands-vasby-2021.agreement.md"),
    ("003_98e7370acc341597.txt", "umea-2021.agreement.md"),
    ("000_a13d4f782b21a22b.txt", "uppsala-2014.agreement.md"),
    ("000_a13d4f782b21a22b.txt", "uppsala-2014.memo.md"),
    ("004_bc054cb32cd6ad0b.txt", "uppsala-2024.agreement.md"),
]


def _readme_pairs() -> list[tuple[str, str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td><pre>\n(.*?)</pre></td><td><pre>\n(.*?)</pre></td></tr>", readme, re.S)
    return [(html.unescape(left), html.unescape(right)) for left, right in rows]


def _spaced(text: str) -> str:
    return " ".join(text.split())


def test_the_readme_shows_each_document_beside_its_original() -> None:
    """Every stretch of the README's excerpts (between the "…" that mark cuts) is in the source,
    left, and in the golden render, right: the excerpts are real, and one is there per document."""
    pairs = _readme_pairs()
    assert len(pairs) == len(README_EXCERPTS)
    golden = ROOT / "tests" / "golden" / "render"
    for (left, right), (seed, render) in zip(pairs, README_EXCERPTS, strict=True):
        rendered = _spaced((golden / render).read_text(encoding="utf-8"))
        for piece in right.split("…"):
            assert _spaced(piece) in rendered, (render, piece)
        source_file = SEEDS / seed
        if source_file.is_file():
            source = normalise(source_file.read_text(encoding="utf-8"))
            for piece in left.split("…"):
                assert normalise(piece) in source, (seed, piece)

"""The fast read (:mod:`samverkan.quick`, yaml-rs) against the located read (:mod:`samverkan.source`,
libyaml events): a file the fast read accepts has exactly the located reading's data, and a
run gives the same findings (codes, lines, columns, messages) either way.

This is the differential test a young parser needs: on every file in ``tests/cases/`` and the
bundled agreements, on a generated corpus with broken files, on every spelling of every
scalar type, and on agreements mutated at random by hypothesis.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated import write_corpus, yaml_texts
from samverkan.api import check
from samverkan.quick import quick_data
from samverkan.reporters.concise import line
from samverkan.source import MAX_DEPTH, MAX_NODES, decode, parse_text

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "tests" / "cases").rglob("*.yaml"))
BUNDLED = sorted((ROOT / "agreements").rglob("*.yaml"))


def _quick(text: str) -> dict[str, Any] | None:
    return quick_data(text, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)


def _same(a: Any, b: Any) -> bool:
    """Equal data, with the types of every value (``1 == True`` and ``1 == 1.0`` in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _agrees(text: str) -> bool | None:
    """``None`` if the fast read stepped aside; else whether it agrees with the located read
    (which must then have found nothing to say)."""
    fast = _quick(text)
    if fast is None:
        return None
    located = parse_text(text, "x.yaml")
    return not located.diagnostics and located.located is not None and _same(fast, located.located.data)


@pytest.mark.parametrize("path", CASES + BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_case_file_reads_the_same(path: Path) -> None:
    text, problems = decode(path.read_bytes(), str(path))
    if text is None:
        assert problems  # not text: neither reader sees it
        return
    assert _agrees(text) is not False


def test_most_bundled_files_take_the_fast_read() -> None:
    """The fast read is not a path nothing takes: the bundled agreements go through it."""
    fast = [p for p in BUNDLED if _quick(p.read_text(encoding="utf-8")) is not None]
    assert len(fast) >= len(BUNDLED) - 1, [p.name for p in BUNDLED if p not in fast]


def _findings(paths: list[Path], monkeypatch: pytest.MonkeyPatch, fast: bool, **kwargs: Any) -> list[str]:
    monkeypatch.setenv("SAMVERKAN_FAST_YAML", "1" if fast else "0")
    return [line(d) for d in check(paths, **kwargs).diagnostics]


@pytest.mark.parametrize("path", CASES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_case_gives_the_same_findings_both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    relative = [path.relative_to(ROOT)]
    assert _findings(relative, monkeypatch, True) == _findings(relative, monkeypatch, False)


def test_bundled_agreements_give_the_same_findings_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    both = [_findings([Path("agreements")], monkeypatch, fast) for fast in (True, False)]
    assert both[0] == both[1]
    assert both[0], "the bundled agreements have notices, so positions are read"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 120, 7, 10.0)  # a tenth broken on purpose


def test_generated_corpus_gives_the_same_findings_both_ways(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _findings([corpus], monkeypatch, True)
    assert any("error[SV0" in text for text in fast), "the corpus has files broken in the loader's ways"
    assert fast == _findings([corpus], monkeypatch, False)
    assert fast == _findings([corpus], monkeypatch, True, jobs=2)


def test_generated_corpus_reads_the_same(corpus: Path) -> None:
    outcomes = {path: _agrees(text) for path, text in yaml_texts(corpus)}
    assert [path for path, agrees in outcomes.items() if agrees is False] == []
    assert list(outcomes.values()).count(True) >= 90  # of 120, a tenth broken


_WORDS = (
    # null, bool, int, float, and text that looks like them, in YAML 1.2's core schema and beyond
    "~ null Null NULL nULL true True TRUE tRUE false False FALSE fALSE yes no on off y n Yes NO "
    "0 -0 +0 012 -012 +12 0o17 0O17 0o8 0x1F 0x1f 0X1F +0x1F -0x1F 0b101 1_000 1__0 _1 1_ "
    "9223372036854775807 9223372036854775808 -9223372036854775809 123456789012345678901234567890 "
    "1e3 1E3 1e+3 1.5e-3 .5 5. -.5 +.5 1.e3 .e3 e3 .inf -.Inf +.INF .NaN .nan NaN nan inf -inf infinity "
    "2022-01-01 2022-1-1 2022-01-01T10:00:00 2022-01-01 10:00 12:30 1:20:30 190:20:30 "
    "0.1.2 1,000 1.000,5 3/4 ½ − 0x 0o 1e 0xG "
    "0xA_F 0xf_f 0xF_ 0xa__b 0o1_7 0x_1 0xFFFFFFFFFFFFFFFFFFFF 0o7777777777777777777777777 \ufffe \uffff x\uffffy"
)
SPELLINGS = _WORDS.split(" ")


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("template", ["k: {}\n", "{}: v\n", "k: [{}, x]\n", "k: {{a: {}}}\n", "k:\n  - {}\n"])
def test_every_scalar_spelling_reads_the_same(spelling: str, template: str) -> None:
    text = template.format(spelling)
    assert _agrees(text) is not False, text
    for quote in ("'{}'", '"{}"'):
        assert _agrees(template.format(quote.format(spelling))) is not False


def test_the_spellings_are_compared_not_only_passed_over() -> None:
    """The test above counts a spelling the fast read leaves to the located one as agreeing: so
    that it proves something, most of the plain spellings must take the fast read."""
    taken = sum(
        _agrees(template.format(spelling)) is True for spelling in SPELLINGS for template in ("k: {}\n", "k:\n  - {}\n")
    )
    assert taken >= len(SPELLINGS)  # of twice as many


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="0123456789+-._:eExXoObBaAfF, nNiItTrRuUlLsS~", min_size=1, max_size=12))
def test_generated_plain_scalars_read_the_same(word: str) -> None:
    for template in ("k: {}\n", "{}: v\n", "k: [{}]\n"):
        assert _agrees(template.format(word)) is not False, template.format(word)


MUTATIONS = [
    *":-?[]{},#&*!|>'\"%@` \n\r\t",
    "- ",
    ": ",
    "\n  ",
    "\n- ",
    " #",
    "---\n",
    "...\n",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "0xA_F",
    "[a:b]",
    "{x: 'y]'}",
    "[don't, x]",
    "['a', b?]",
    "{>a: b}",
    ", 'z'",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_agreements_read_the_same(data: st.DataObject) -> None:
    """Characters that matter to YAML, put anywhere in a bundled agreement: the fast read
    steps aside or agrees, and never accepts what the located read refuses."""
    path = data.draw(st.sampled_from(BUNDLED))
    text = path.read_text(encoding="utf-8")
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 3))
        text = text[:at] + data.draw(st.sampled_from(MUTATIONS)) + text[at + cut :]
    assert _agrees(text) is not False


def test_positions_are_read_only_for_files_with_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file read the fast way and reported on nowhere never has its positions read."""
    from samverkan.api import examine

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SAMVERKAN_FAST_YAML", "1")
    examined = examine([Path("agreements")])
    reported = {d.span.path for d in examined.diagnostics}
    files = {f.path: f.source for f in (*examined.workspace.files, *examined.workspace.context)}
    fast = [path for path in files if _quick(Path(path).read_text(encoding="utf-8")) is not None]
    quiet = [path for path in fast if path not in reported]
    assert quiet, "some bundled file the fast read takes has no finding"
    assert all(not files[path].positioned for path in quiet)
    assert all(files[path].positioned for path in reported)


def test_every_case_together_gives_the_same_findings_every_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``tests/cases/`` as one run (more than 64 files, so two workers are used): the same findings
    (codes, lines, columns, messages) fast or located, with one or two workers, without the
    cache, filling it, and answered from it."""
    from samverkan.cache import Cache
    from samverkan.workspace import PARALLEL_FROM

    monkeypatch.chdir(ROOT)
    cases = [Path("tests/cases")]
    assert len(CASES) >= PARALLEL_FROM
    located = _findings(cases, monkeypatch, False)
    assert any("error[SV0" in text for text in located)
    assert _findings(cases, monkeypatch, True) == located
    assert _findings(cases, monkeypatch, True, jobs=2) == located
    assert _findings(cases, monkeypatch, False, jobs=2) == located
    cache = Cache(tmp_path / "cache")
    assert _findings(cases, monkeypatch, True, cache=cache, jobs=2) == located  # fills it
    assert _findings(cases, monkeypatch, True, cache=cache) == located  # every file from it
    assert _findings(cases, monkeypatch, False, cache=Cache(tmp_path / "other")) == located


BLOCK_HEADERS = ["|", ">", "|-", "|+", ">-", ">+", "|2", ">2", "|2-", "|+2", "| #c", "> # c"]
BLOCK_CONTENTS = ["", "\n", "  a", "  a\n", "  a\n\n", "\n  a\n", "  a\n  b\n\n", "  a\n\n  b\n", "\n\n"]
BLOCK_AFTER = ["", "b: x\n", "\nb: x\n", "# c\n", "  # c\n", "b: |\n  y\n"]


def test_every_block_scalar_reads_the_same() -> None:
    """Literal and folded text (``|``, ``>``, with chomping and indentation indicators), empty or
    not, as a value and in a list, followed by nothing, a key, a comment or more block text.
    An empty block at the end of a file (``text: |``) and a block without a final line break
    once read apart (``""`` and ``"a"`` located, ``"\\n"`` and ``"a\\n"`` fast)."""
    apart = []
    taken = 0
    for header, content, after in itertools.product(BLOCK_HEADERS, BLOCK_CONTENTS, BLOCK_AFTER):
        for start, indent in (("k: ", ""), ("k:\n  - ", "  ")):
            body = "".join(indent + line if line.strip() else line for line in content.splitlines(keepends=True))
            text = f"{start}{header}\n{body}{after}"
            agrees = _agrees(text)
            apart += [text] if agrees is False else []
            taken += agrees is True
    assert not apart, apart[:5]
    assert taken > 1000  # most of these are read the fast way


ENDINGS = ["", "\n", "|\n", "|", "  text: |\n", "  text: >-\n\n", "  - |\n", "x: |\n  a", "x: 'a'", "\n\n# c"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_agreements_with_another_ending_read_the_same(data: st.DataObject) -> None:
    """A bundled agreement cut anywhere in its last lines and ended another way."""
    text = data.draw(st.sampled_from(BUNDLED)).read_text(encoding="utf-8")
    cut = data.draw(st.integers(0, 200))
    assert _agrees(text[: len(text) - cut] + data.draw(st.sampled_from(ENDINGS))) is not False


def test_a_warm_run_reads_no_file_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cache does answer: with every file in it, a run gives the same findings without
    reading a single file (loading one would fail here); either way of reading keeps its own."""
    from samverkan import workspace
    from samverkan.cache import Cache

    monkeypatch.chdir(ROOT)
    cases = [Path("tests/cases")]
    cache = Cache(tmp_path / "cache")
    filled = _findings(cases, monkeypatch, True, cache=cache)

    def no_reading(*args: object) -> object:
        raise AssertionError("a file was read although the cache holds it")

    monkeypatch.setattr(workspace, "_load_bytes", no_reading)
    assert _findings(cases, monkeypatch, True, cache=cache) == filled
    with pytest.raises(AssertionError, match="cache holds it"):
        _findings(cases, monkeypatch, False, cache=cache)  # the located way has no entries yet


_REFUSED_OR_NEAR = (
    "\x00\x01\x08\t\x0b\x0c\x0e\x1f\x7f\x80\x85\x9f\xa0\xa7\xc2\xe2"
    "\u2013\u2028\u2029\u202f\ufeff\ufffe\uffff\ud800\\\n\r aåö–”§"
)
"""Every character the fast read refuses, its neighbours, and characters whose UTF-8 shares a
first byte with one of them."""


@given(
    st.text(alphabet=st.sampled_from(_REFUSED_OR_NEAR) | st.characters(), max_size=60)
    | st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=60)
)
def test_the_quick_scan_for_refused_characters_is_the_regular_expression(text: str) -> None:
    from samverkan.quick import _REFUSED, _refused

    assert _refused(text) is (_REFUSED.search(text) is not None)


@given(st.text(alphabet=st.sampled_from("[]{}a\n '\"-:,"), max_size=60))
def test_the_brackets_are_found_where_a_regular_expression_finds_them(text: str) -> None:
    import re

    from samverkan.quick import _found

    assert _found(text, "[]{}") == [m.start() for m in re.finditer(r"[\[\]{}]", text)]
    assert _found(text, "[{") == [m.start() for m in re.finditer(r"[\[{]", text)]


@pytest.mark.parametrize(
    "value",
    ["1.5", "-0.25", "1e3", "6.02E+23", ".5", "1_000.5", "12345678901234567890", "-12345678901234567890"],
)
def test_floats_and_big_whole_numbers_are_read_the_located_way(value: str) -> None:
    """The fast read leaves a float, and a whole number past what both readers hold alike, to
    the located reader (its gate in ``quick._plain``), which says what libyaml says of it."""
    text = f"kind: agreement\nid: x\nvalue: {value}\n"
    assert _quick(text) is None
    assert _quick("kind: agreement\nid: x\nvalue: 15\n") == {"kind": "agreement", "id": "x", "value": 15}

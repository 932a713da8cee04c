"""``samverkan site``: the site of ``agreements/`` at 2025-06-01 opened in headless Chromium, every
link followed, the timeline read back from its SVG, goldens, determinism, safe writes.

The golden files ``tests/golden/site/`` hold the site's own pages and calendar for
``agreements/`` at ``--as-of 2025-06-01`` (the rendered documents in ``dokument/`` are the
render package's, checked against a fresh render here). When the site changes on purpose,
regenerate them and read the diff::

    SAMVERKAN_UPDATE_GOLDEN=1 python -m pytest tests/test_site.py

The fixtures in ``tests/site/`` add what the real agreements lack: a gap inside a chain of
``replaces`` links, an agreement that runs on until its successor starts, one with no end date,
a citizen promise in a file of its own, and a chain of promises with a lapse and a gap.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import posixpath
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import typer
from typer.testing import CliRunner, Result

from headless import open_page
from samverkan.api import DueQuery, due
from samverkan.cli_site import site
from samverkan.dates import add_months
from samverkan.i18n import Language, language
from samverkan.render import RenderRequest, TemplateProblem, UnsafeOutput, render_documents
from samverkan.site import SiteFile, SiteRequest, build_site, write_site
from samverkan.site.overview import AGREEMENT_STATES, relative, slug, slugs

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
FIXTURES = ROOT / "tests" / "site"
GOLDEN = ROOT / "tests" / "golden" / "site"
AS_OF = "2025-06-01"
UPDATE = os.environ.get("SAMVERKAN_UPDATE_GOLDEN") == "1"
SVG = "{http://www.w3.org/2000/svg}"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


# Building ----------------------------------------------------------------------------------


def _app() -> typer.Typer:
    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)
    app.command("site")(site)

    @app.callback()
    def _root() -> None:
        """samverkan"""

    return app


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(_app(), ["site", *args])


def _build(tmp: Path, *paths: str, extra: tuple[str, ...] = ()) -> Path:
    """The site of ``paths`` (relative to the repository, as a user would give them) in ``tmp``."""
    out = tmp / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = _invoke(*paths, "--out", str(out), "--as-of", AS_OF, *extra)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("real"), "agreements")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("fixtures"), "tests/site")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_the_site_has_every_page(real_site: Path) -> None:
    assert sorted(_files(real_site)) == [
        "dokument/umea-2021.agreement.html",
        "dokument/umea-2021.follow-up-report.html",
        "dokument/upplands-vasby-2021.agreement.html",
        "dokument/upplands-vasby-2021.follow-up-report.html",
        "dokument/uppsala-2010.agreement.html",
        "dokument/uppsala-2010.follow-up-report.html",
        "dokument/uppsala-2014.agreement.html",
        "dokument/uppsala-2014.follow-up-report.html",
        "dokument/uppsala-2014.memo.html",
        "dokument/uppsala-2024.agreement.html",
        "dokument/uppsala-2024.follow-up-report.html",
        "frister.html",
        "index.html",
        "kommun/umea-kommun.html",
        "kommun/upplands-vasby-kommun.html",
        "kommun/uppsala-kommun.html",
        "overenskommelse/umea-2021.html",
        "overenskommelse/upplands-vasby-2021.html",
        "overenskommelse/uppsala-2010.html",
        "overenskommelse/uppsala-2014.html",
        "overenskommelse/uppsala-2024.html",
        "samverkan.ics",
    ]


# Golden files ------------------------------------------------------------------------------


def test_golden(real_site: Path) -> None:
    """The site's own pages and calendar, byte for byte (the documents are checked below)."""
    own = {name: data for name, data in _files(real_site).items() if not name.startswith("dokument/")}
    if UPDATE:
        for old in GOLDEN.rglob("*"):
            if old.is_file() and old.name != ".gitattributes":
                old.unlink()
        for name, data in own.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
    golden = {name: data for name, data in _files(GOLDEN).items() if name != ".gitattributes"}
    assert sorted(golden) == sorted(own), "run with SAMVERKAN_UPDATE_GOLDEN=1"
    for name, data in own.items():
        assert data == golden[name], f"{name} differs; run with SAMVERKAN_UPDATE_GOLDEN=1 and read the diff"


def test_the_calendar_is_the_due_calendar(real_site: Path) -> None:
    """``samverkan.ics`` is what ``samverkan due --format ics`` writes for the same date."""
    due_golden = ROOT / "tests" / "golden" / "due" / f"due-{AS_OF}.ics"
    assert (real_site / "samverkan.ics").read_bytes() == due_golden.read_bytes()


def _due_uids(page: Path) -> list[str]:
    text = _text(page)
    main_list = text.split('<details class="old">')[0]
    return re.findall(r'<tr class="o-[a-z]+" data-uid="([^"]+)"', main_list)


def test_the_due_page_lists_what_due_lists(real_site: Path) -> None:
    day = dt.date.fromisoformat(AS_OF)
    expected = due([AGREEMENTS], DueQuery(day, within=add_months(day, 12))).obligations  # `due`'s default
    uids = _due_uids(real_site / "frister.html")
    assert uids == [o.uid for o in expected]
    states = re.findall(r'<tr class="o-([a-z]+)" data-uid=', _text(real_site / "frister.html").split("<details")[0])
    assert states == sorted(states, key=lambda s: s != "overdue"), "overdue first"
    assert states[:5] == ["overdue"] * 5 and "due" in states
    old = _text(real_site / "frister.html").split('<details class="old">')[1]
    assert "uppsala-2014" in old and "Uppföljning januari – april" in old


def _without_site_nav(text: str) -> str:
    text = re.sub(r"<style>\n\.site-nav .*?</style>\n", "", text, count=1, flags=re.S)
    return re.sub(r'\n<nav class="site-nav" aria-label="Webbplatsen">.*?</nav>', "", text, count=1)


@pytest.mark.parametrize("kind", ["agreement", "follow-up-report", "memo"])
def test_documents_are_the_rendered_documents(real_site: Path, kind: str) -> None:
    request = RenderRequest((AGREEMENTS,), dt.date.fromisoformat(AS_OF), "html", kind)
    rendered = {d.name: d.text for d in render_documents(request).documents}
    assert rendered
    for name, text in rendered.items():
        in_site = _text(real_site / "dokument" / name)
        assert '<nav class="site-nav" aria-label="Webbplatsen">' in in_site
        assert _without_site_nav(in_site) == text, name


# Links -------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.url_refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src", "xlink:href", "action", "poster", "srcset"):
                self.links.append(value)
            elif name == "id":
                self.ids.add(value)
            self.url_refs += re.findall(r"url\(#([^)]+)\)", value)
            if name in ("aria-labelledby", "aria-describedby"):
                self.url_refs += value.split()

    handle_startendtag = handle_starttag


def _parse(page: Path) -> _Links:
    parser = _Links()
    parser.feed(_text(page))
    return parser


def check_links(root: Path) -> list[str]:
    """Every href and src of every page: a file in the site (and, with a fragment, an id in it),
    never a scheme or another host; every ``url(#…)`` and ARIA reference an id in its page."""
    problems = []
    parsed = {page: _parse(page) for page in _pages(root)}
    for page, found in parsed.items():
        name = page.relative_to(root).as_posix()
        for ref in found.url_refs:
            if ref not in found.ids:
                problems.append(f"{name}: no id {ref!r}")
        for link in found.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                problems.append(f"{name}: {link} leaves the site")
                continue
            fragment = unquote(parts.fragment)
            if not parts.path:
                if fragment not in found.ids:
                    problems.append(f"{name}: {link}: no such id")
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            path = root / target
            if target.startswith("../") or not path.is_file():
                problems.append(f"{name}: {link}: no such file in the site")
            elif fragment and path.suffix == ".html" and fragment not in parsed[path].ids:
                problems.append(f"{name}: {link}: no id {fragment!r} in {target}")
    return problems


def _reachable(root: Path, start: str = "index.html") -> set[str]:
    seen: set[str] = set()
    pending = [start]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        if not name.endswith(".html"):
            continue
        for link in _parse(root / name).links:
            parts = urlsplit(link)
            if parts.path and not parts.scheme:
                pending.append(posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path))))
    return seen


def test_the_link_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.html").write_text('<p id="here">x</p>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/b.html#here">ok</a><a href="a/b.html#gone">1</a><a href="a/c.html">2</a>'
        '<a href="https://example.org/">3</a><a href="#nothing">4</a><a href="../utanfor.html">5</a>'
        '<svg aria-labelledby="t"><rect fill="url(#p)"/></svg><img src="//example.org/x.png">',
        encoding="utf-8",
    )
    problems = check_links(tmp_path)
    assert len(problems) == 8, problems


@pytest.mark.parametrize("which", ["real_site", "fixture_site"])
def test_every_link_resolves(which: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(which)
    assert check_links(root) == []
    assert _reachable(root) == set(_files(root)), "every file can be reached from index.html"


def test_relative_links() -> None:
    assert relative("index.html", "kommun/x.html") == "kommun/x.html"
    assert relative("kommun/x.html", "index.html") == "../index.html"
    assert relative("kommun/x.html", "overenskommelse/umeå-1.html") == "../overenskommelse/ume%C3%A5-1.html"
    assert relative("dokument/a.html", "dokument/b.html#bilaga-1") == "b.html#bilaga-1"
    assert relative("index.html", "#kommuner") == "#kommuner"


def test_slugs() -> None:
    assert slug("Upplands Väsby kommun") == "upplands-vasby-kommun"
    assert slug("Umeå kommun") == "umea-kommun"
    assert slug("Malung-Sälens kommun") == "malung-salens-kommun"
    assert slugs(["Å kommun", "A kommun", "(no municipality)"]) == {
        "(no municipality)": "ingen-kommun",
        "A kommun": "a-kommun",
        "Å kommun": "a-kommun-2",
    }


# Headless Chromium -------------------------------------------------------------------------


def test_every_page_opens_cleanly(chromium: str, real_site: Path, fixture_site: Path, tmp_path: Path) -> None:
    """No console message, no Content-Security-Policy violation, no network request."""
    pages = [*_pages(real_site), fixture_site / "index.html", *sorted((fixture_site / "kommun").iterdir())]
    assert len(pages) >= 25

    def check(page: Path) -> tuple[Path, dict[str, Any]]:
        work = tmp_path / "work" / f"{page.parent.name}-{page.stem}-{abs(hash(page.parent)) % 10_000}"
        return page, open_page(chromium, page, work)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(check, pages))
    for page, seen in results:
        assert seen["dom_rc"] == 0 and "<h1" in seen["dom"] and 'lang="sv"' in seen["dom"], page
        assert seen["console"] == [], (page, seen["console"])
        assert seen["requests"] == [], (page, seen["requests"])
        assert seen["pdf_rc"] == 0 and seen["pdf"].startswith(b"%PDF"), page


# The timeline ------------------------------------------------------------------------------


def _svgs(page: Path) -> list[ET.Element]:
    text = _text(page)
    return [
        ET.fromstring(m)
        for m in re.findall(r'<svg xmlns="http://www.w3.org/2000/svg" role="img".*?</svg>', text, flags=re.S)
    ]


def _timeline(page: Path) -> ET.Element:
    found = [s for s in _svgs(page) if "timeline" in s.get("class", "")]
    assert len(found) == 1, page
    return found[0]


def _row(svg: ET.Element, key: str) -> ET.Element:
    rows = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "row" and g.get("data-row") == key]
    assert len(rows) == 1, key
    return rows[0]


def _classed(node: ET.Element, name: str) -> Iterator[ET.Element]:
    for g in node.iter(f"{SVG}g"):
        if name in (g.get("class") or "").split():
            yield g


def _rect(g: ET.Element) -> tuple[float, float]:
    rect = g.find(f"{SVG}rect")
    assert rect is not None
    return float(rect.get("x", "0")), float(rect.get("width", "0"))


def _periods(row: ET.Element) -> list[tuple[str, float, float, str, str]]:
    """The bars of a row: id, x, width, first day, last day of the solid bar."""
    out = []
    for g in _classed(row, "period"):
        x, width = _rect(g)
        out.append((g.get("data-agreement", ""), x, width, g.get("data-start", ""), g.get("data-end", "")))
    return out


def _as_of_x(svg: ET.Element) -> float:
    line = next(_classed(svg, "as-of")).find(f"{SVG}line")
    assert line is not None
    return float(line.get("x1", "0"))


def test_timeline_shows_uppsala_in_order_without_claiming_a_gap(real_site: Path) -> None:
    svg = _timeline(real_site / "index.html")
    row = _row(svg, "uppsala-kommun")
    bars = _periods(row)
    assert [(b[0], b[3], b[4]) for b in bars] == [
        ("uppsala-2010", "2010-04-07", "2013-12-31"),
        ("uppsala-2014", "2014-01-01", "2014-12-31"),
        ("uppsala-2024", "2024-01-01", "2027-12-31"),
    ]
    xs = [b[1] for b in bars]
    assert xs == sorted(xs) and len(set(xs)) == 3
    for (_, x, width, _, _), (_, next_x, _, _, _) in itertools.pairwise(bars):
        assert x + width <= next_x + 0.2
    assert abs(bars[0][1] + bars[0][2] - bars[1][1]) <= 0.2, "2010–2013 and 2014 meet"
    assert list(_classed(svg, "gap")) == [], "no gap anywhere: the one break in Uppsala's history is unknown"
    page = real_site / "kommun" / "uppsala-kommun.html"
    per_agreement = _timeline(page)
    rows = [r.get("data-row") for r in _classed(per_agreement, "row")]
    assert rows == ["uppsala-2010", "uppsala-2014", "uppsala-2024"]
    assert list(_classed(per_agreement, "gap")) == []
    text = _text(page)
    assert "Mellan uppsala-2014 och uppsala-2024: ingen uppgift om att den ena ersätter den andra" in text
    assert "Glapp" not in text and 'class="chain-gap"' not in text


def test_timeline_marks_a_real_gap_inside_a_chain(fixture_site: Path) -> None:
    for page, row_key in (
        (fixture_site / "index.html", "glappby-kommun"),
        (fixture_site / "kommun" / "glappby-kommun.html", "glappby-2021"),
    ):
        svg = _timeline(page)
        gaps = list(_classed(_row(svg, row_key), "gap"))
        assert len(gaps) == 1, page
        gap = gaps[0]
        assert (gap.get("data-after"), gap.get("data-before")) == ("glappby-2019", "glappby-2021")
        assert (gap.get("data-start"), gap.get("data-end")) == ("2021-01-01", "2021-06-30")
        assert gap in list(_row(svg, row_key).iter(f"{SVG}g"))
        bars = {b[0]: b for b in _periods(svg)}
        gx, gw = _rect(gap)
        before, after = bars["glappby-2019"], bars["glappby-2021"]
        assert abs(before[1] + before[2] - gx) <= 0.2 and abs(gx + gw - after[1]) <= 0.2
        title = gap.find(f"{SVG}title")
        assert title is not None and "Glapp 1 januari 2021 – 30 juni 2021" in (title.text or "")
    text = _text(fixture_site / "kommun" / "glappby-kommun.html")
    assert "glapp 1 januari 2021 – 30 juni 2021 mellan glappby-2019 och glappby-2021" in text.lower()


def test_timeline_draws_umea_continuing_beyond_2024(real_site: Path) -> None:
    svg = _timeline(real_site / "index.html")
    row = _row(svg, "umea-kommun")
    [(ident, x, width, start, end)] = _periods(row)
    assert (ident, start, end) == ("umea-2021", "2021-01-01", "2024-12-31")
    [continues] = _classed(row, "continues")
    assert (continues.get("data-start"), continues.get("data-end")) == ("2025-01-01", "")
    cx, cw = _rect(continues)
    assert abs(cx - (x + width)) <= 0.2, "the continuation starts where the period ends"
    assert cx + cw > _as_of_x(svg) > cx, "it runs past the as-of line"
    assert continues.find(f"{SVG}polygon") is not None, "an arrow: it goes on"
    title = continues.find(f"{SVG}title")
    assert title is not None and "tills en ny överenskommelse ersätter den" in (title.text or "")
    # On Umeå's own page too.
    own = _timeline(real_site / "kommun" / "umea-kommun.html")
    assert next(_classed(own, "continues")).get("data-start") == "2025-01-01"


def test_continuations_stop_at_a_successor_and_run_on_without_an_end(fixture_site: Path) -> None:
    svg = _timeline(fixture_site / "index.html")
    row = _row(svg, "fortsattby-kommun")
    bars = {b[0]: b for b in _periods(row)}
    [continues] = _classed(row, "continues")
    assert (continues.get("data-start"), continues.get("data-end")) == ("2020-01-01", "2021-12-31")
    assert continues.find(f"{SVG}polygon") is None
    cx, cw = _rect(continues)
    assert abs(cx + cw - bars["fortsattby-2022"][1]) <= 0.2
    assert list(_classed(row, "gap")) == [], "running on indefinitely leaves no gap"
    row = _row(svg, "tillsvidareby-kommun")
    [(_, _, _, start, end)] = _periods(row)
    assert (start, end) == ("2020-03-01", AS_OF), "no end date: solid up to the as-of date"
    [continues] = _classed(row, "continues")
    assert continues.get("data-end") == "" and continues.find(f"{SVG}polygon") is not None


def test_timeline_marks_deadlines_and_follow_ups(real_site: Path) -> None:
    svg = _timeline(real_site / "index.html")
    marks = {(g.get("data-agreement"), g.get("data-date")): g.get("class", "").split() for g in _classed(svg, "mark")}
    assert marks[("upplands-vasby-2021", "2022-06-30")] == ["mark", "deadline", "mark-overdue"]
    assert marks[("upplands-vasby-2021", "2021-12-31")] == ["mark", "follow-up", "mark-overdue"]
    assert marks[("umea-2021", "2025-12-31")] == ["mark", "follow-up", "mark-due"]
    assert marks[("uppsala-2014", "2014-04-30")] == ["mark", "follow-up", "mark-overdue"]
    assert marks[("uppsala-2014", "2014-12-31")][1] == "deadline", "the decision on extension, with the follow-up"
    years = [int(t.text or 0) for t in svg.iter(f"{SVG}text") if (t.text or "").isdigit()]
    assert sorted(set(years)) == list(range(2010, 2028))
    assert _as_of_x(svg) > 0


def test_every_picture_has_text_alternatives(real_site: Path, fixture_site: Path) -> None:
    for page in [*_pages(real_site), *_pages(fixture_site)]:
        text = _text(page)
        for svg in _svgs(page):
            labels = (svg.get("aria-labelledby") or "").split()
            title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
            assert title is not None and desc is not None and title.get("id") in labels and desc.get("id") in labels
            assert (title.text or "").strip() and (desc.text or "").strip()
            if "timeline" in svg.get("class", ""):
                for g in _classed(svg, "period"):
                    assert g.get("data-agreement", "") in (desc.text or "")
                table = text.split('<details class="timeline-table">')[1].split("</details>")[0]
                for g in _classed(svg, "period"):
                    assert f">{g.get('data-agreement')}</a>" in table
                assert table.count('<tr class="gap">') == len(list(_classed(svg, "gap")))
    index = _text(real_site / "index.html")
    assert "gäller tillsvidare" in index and "ersatt" in index and "har upphört" in index


# Accessibility -----------------------------------------------------------------------------


def _own_pages(root: Path) -> list[Path]:
    return [p for p in _pages(root) if p.parent.name != "dokument"]


def test_pages_are_accessible(real_site: Path, fixture_site: Path) -> None:
    for page in [*_own_pages(real_site), *_own_pages(fixture_site)]:
        text = _text(page)
        assert text.startswith('<!DOCTYPE html>\n<html lang="sv">'), page
        assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in text
        assert "<script" not in text and "<link" not in text and "<iframe" not in text
        body = text.split("<body", 1)[1]
        first_link = re.search(r"<a [^>]*>", body)
        assert first_link is not None and 'class="skip-link" href="#innehall"' in first_link.group(0), page
        assert '<main id="innehall" tabindex="-1">' in text
        assert text.count("<h1") == 1 and "<nav" in text and "<header" in text and "<footer" in text
        levels = [int(n) for n in re.findall(r"<h([1-6])\b", text)]
        assert levels[0] == 1 and all(b <= a + 1 for a, b in itertools.pairwise(levels)), (page, levels)
        for th in re.findall(r"<th\b[^>]*>", text):
            assert 'scope="' in th, (page, th)
        for table in re.findall(r"<table\b.*?</table>", text, flags=re.S):
            assert "<caption" in table, page
    css = _text(ROOT / "templates" / "html" / "site" / "style.css")
    assert ":focus-visible" in css and ".skip-link:focus" in css


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colours_have_enough_contrast() -> None:
    """White on every state's bar, every state's text on white and on the row it colours, the
    links, the muted text and the page's ink: at least 4.5:1 (WCAG AA)."""
    for style in AGREEMENT_STATES.values():
        assert _contrast(style.colour, "#ffffff") >= 4.5, style
    css = _text(ROOT / "templates" / "html" / "site" / "style.css")
    colours = dict(re.findall(r"\.(ostate-[a-z]+|state-[a-z-]+) \{ color: (#[0-9a-f]{6}); \}", css))
    assert len(colours) == 12
    backgrounds = dict(re.findall(r"tr\.o-([a-z]+) td \{ background: (#[0-9a-f]{6}); \}", css))
    for name, colour in colours.items():
        assert _contrast(colour, "#ffffff") >= 4.5, name
        for background in backgrounds.values():
            if name.startswith("ostate-"):
                assert _contrast(colour, background) >= 4.5, (name, background)
    variables = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6});", css))
    for name in ("ink", "muted", "accent", "link"):
        assert _contrast(variables[name], "#ffffff") >= 4.5 and _contrast(variables[name], variables["band"]) >= 4.5
    assert _contrast("#ffffff", variables["accent"]) >= 4.5, "the header"


# Determinism -------------------------------------------------------------------------------


def test_two_builds_give_the_same_bytes(tmp_path: Path) -> None:
    request = SiteRequest((FIXTURES, AGREEMENTS), dt.date.fromisoformat(AS_OF))
    first, second = build_site(request), build_site(request)
    assert first.files == second.files and first.problems == second.problems == ()
    assert [f.path for f in first.files] == sorted(f.path for f in first.files)


def test_same_bytes_in_another_process(real_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONHASHSEED": "4321", "TZ": "Pacific/Auckland", "LANG": "C"}
    code = (
        "import sys, typer\n"
        "from samverkan.cli_site import site\n"
        "app = typer.Typer()\n"
        "app.command('site')(site)\n"
        "app.callback()(lambda: None)\n"
        "sys.argv = ['x', 'site', *sys.argv[1:]]\n"
        "app()\n"
    )
    args = ["agreements", "--as-of", AS_OF, "--out", str(out)]
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env, capture_output=True, cwd=ROOT)
    assert _files(out) == _files(real_site)


# The command -------------------------------------------------------------------------------


def test_cli_usage_errors(tmp_path: Path) -> None:
    a_file = tmp_path / "fil.txt"
    a_file.write_text("x", encoding="utf-8")
    for args in (
        ["--out", str(tmp_path / "ut"), "--as-of", "2025-13-01"],
        ["--out", str(a_file)],
        ["--out", str(tmp_path / "ut"), "--templates", str(tmp_path / "saknas")],
        [],
    ):
        result = _invoke(str(FIXTURES), *args)
        assert result.exit_code == 2, (args, result.output)
        assert "Usage:" in result.stderr
    assert not (tmp_path / "ut").exists() and a_file.read_text(encoding="utf-8") == "x"


def test_cli_writes_what_it_can_and_exits_1_for_files_with_errors(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "trasig.yaml").write_text("kind: agreement\nid: x\n", encoding="utf-8")
    (folder / "glappby-2019.yaml").write_bytes((FIXTURES / "glappby" / "glappby-2019.yaml").read_bytes())
    out = tmp_path / "ut"
    result = _invoke(str(folder), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert "trasig.yaml:1:1: error[SV021] missing required key" in result.stderr
    assert "1 file left out because of errors: " in result.stderr
    assert (out / "overenskommelse" / "glappby-2019.html").is_file()
    assert f"wrote {len(_files(out))} files" in result.stderr


def test_cli_nothing_to_show(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    result = _invoke(str(tmp_path / "saknas"), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 1 and "no such file or folder" in result.stderr and "nothing written" in result.stderr
    assert not out.exists()


def test_no_progress_bar_when_not_on_a_terminal(tmp_path: Path) -> None:
    result = _invoke(str(FIXTURES), "--out", str(tmp_path / "ut"), "--as-of", AS_OF)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"wrote {len(_files(tmp_path / 'ut'))} files (5 agreements, 3 citizen promises, 6 municipalities) "
        f"to {tmp_path / 'ut'}; "
        f"open {tmp_path / 'ut' / 'index.html'}"
    ]


class _Recorder:
    def __init__(self) -> None:
        self.stages: list[tuple[str, int | None]] = []
        self.steps: list[int] = []

    def begin(self, label: str, total: int | None) -> None:
        self.stages.append((label, total))
        self.steps.append(0)

    def step(self) -> None:
        self.steps[-1] += 1


@pytest.mark.parametrize(
    ("lang", "labels"),
    [
        ("sv", ["Läser filerna", "Bygger webbplatsen", "Skriver filerna"]),
        ("en", ["Reading the files", "Building the site", "Writing the files"]),
    ],
)
def test_progress_is_reported_per_page_and_per_file(tmp_path: Path, lang: Language, labels: list[str]) -> None:
    recorder = _Recorder()
    with language(lang):
        result = build_site(SiteRequest((FIXTURES,), dt.date.fromisoformat(AS_OF)), recorder)
        write_site(tmp_path / "ut", result.files, recorder)
    assert [label for label, _ in recorder.stages] == labels
    assert recorder.stages[0][1] is None
    for (_, total), steps in zip(recorder.stages[1:], recorder.steps[1:], strict=True):
        assert total == steps
    assert recorder.stages[2][1] == len(result.files)


def test_refuses_to_write_outside_out(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    outside = tmp_path / "utanfor"
    outside.mkdir()
    out.mkdir()
    (out / "kommun").symlink_to(outside, target_is_directory=True)
    result = _invoke(str(FIXTURES), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 2 and "refusing to write" in result.stderr
    assert list(outside.iterdir()) == [] and sorted(p.name for p in out.iterdir()) == ["kommun"]
    for name in ("../x.html", "kommun/../../x.html", "a/b/c.html", ".dold/x.html", "kommun/.x.html"):
        with pytest.raises(UnsafeOutput):
            write_site(tmp_path / "ny", [SiteFile("index.html", b"x"), SiteFile(name, b"y")])
    assert not (tmp_path / "ny").exists() and not (tmp_path / "x.html").exists()


def test_writes_are_whole_and_repeatable(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    for _ in range(2):
        result = _invoke(str(FIXTURES), "--out", str(out), "--as-of", AS_OF)
        assert result.exit_code == 0
    assert not [p for p in out.rglob("*") if p.name.startswith(".")], "no temporary files left behind"


def test_a_file_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    out = tmp_path / "ut"
    (out / "index.html").mkdir(parents=True)  # a folder where the index goes
    result = _invoke(str(FIXTURES), "--out", str(out), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr == f"samverkan: cannot write {out / 'index.html'}: Is a directory\n"
    assert not [p for p in out.rglob("*") if p.name.startswith(".")], "no temporary file left behind"
    regular = tmp_path / "fil"
    regular.write_text("", encoding="utf-8")
    result = _invoke(str(FIXTURES), "--out", str(regular / "ut"), "--as-of", AS_OF)
    assert result.exit_code == 1
    assert result.stderr == f"samverkan: cannot write {regular / 'ut'}: Not a directory\n"


# Templates and --public --------------------------------------------------------------------


def test_user_templates_come_first(tmp_path: Path) -> None:
    user = tmp_path / "mallar" / "html" / "site"
    user.mkdir(parents=True)
    (user / "index.html").write_text(
        '{% extends "html/site/layout.html" %}\n{% block content %}<h1>EGEN STARTSIDA</h1>{% endblock %}\n',
        encoding="utf-8",
    )
    out = tmp_path / "ut"
    result = _invoke(str(FIXTURES), "--out", str(out), "--as-of", AS_OF, "--templates", str(tmp_path / "mallar"))
    assert result.exit_code == 0, result.output
    index = _text(out / "index.html")
    assert "<h1>EGEN STARTSIDA</h1>" in index and "Hoppa till innehållet" in index
    assert "Tidslinje" in _text(out / "kommun" / "glappby-kommun.html")
    (user / "due.html").write_text("{{ no_such_name }}", encoding="utf-8")
    with pytest.raises(TemplateProblem, match=r"due\.html"):
        build_site(SiteRequest((FIXTURES,), dt.date.fromisoformat(AS_OF), templates=tmp_path / "mallar"))
    result = _invoke(str(FIXTURES), "--out", str(out), "--as-of", AS_OF, "--templates", str(tmp_path / "mallar"))
    assert result.exit_code == 1 and "template error" in result.stderr


def test_public_leaves_out_what_is_not_for_the_public(tmp_path: Path) -> None:
    fixtures = ROOT / "tests" / "render" / "exempelby"
    secrets = ("Riktade spaningsinsatser mot narkotikaförsäljning vid skolorna", "lokala spaningsgruppen")
    inside = build_site(SiteRequest((fixtures,), dt.date(2022, 5, 1)))
    public = build_site(SiteRequest((fixtures,), dt.date(2022, 5, 1), public=True))
    assert any(s.encode() in f.data for f in inside.files for s in secrets)
    for f in public.files:
        for secret in secrets:
            assert secret.encode() not in f.data, (f.path, secret)
    assert any(b"Offentlig version" in f.data for f in public.files if f.path == "index.html")


# Citizen promises --------------------------------------------------------------------------

PROMISE_UID = "exempelby-ml-2018/promise-end/2020-06-30@samverkan"


def _site_at(tmp: Path, day: str, *paths: str) -> Path:
    out = tmp / f"site-{day}"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = _invoke(*paths, "--out", str(out), "--as-of", day)
    assert result.exit_code == 0, result.output
    return out


def _due_calendar(paths: list[Path], day: dt.date) -> bytes:
    """What ``samverkan due --format ics`` writes for ``paths`` on ``day``."""
    from samverkan.due_formats import DEFAULT_ALARM_DAYS
    from samverkan.due_formats.ics import calendar

    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        result = due(paths, DueQuery(day, within=add_months(day, 12)))
    data: bytes = calendar(result, DEFAULT_ALARM_DAYS).to_ical()
    return data


def test_a_standalone_promise_has_its_page_row_and_index_entry(tmp_path: Path) -> None:
    out = _site_at(tmp_path, "2019-06-01", "tests/site/exempelby")
    page = _text(out / "medborgarlofte" / "exempelby-ml-2018.html")
    assert '<p class="kicker">Medborgarlöfte</p>' in page and "<h1>Medborgarlöfte för Exempelby</h1>" in page
    state = '<span class="badge state-in-force">gäller</span> <span class="detail">till och med 30 juni 2020</span>'
    assert state in page
    assert "1 juli 2018 – 30 juni 2020" in page and "Exempelby den 26 oktober 2018" in page
    assert "<h3>Tillsammans lovar vi</h3>" in page and "Genomföra trygghetsvandringar i centrum." in page
    assert "Polismyndigheten, Lokalpolisområde Exempelby" in page
    assert "30 juni 2020: Medborgarlöftet upphör att gälla" in page, "its next deadline, more than a year ahead"
    link = 'href="../medborgarlofte/exempelby-ml-2018.html"'
    municipality = _text(out / "kommun" / "exempelby-kommun.html")
    assert link in municipality and "1 medborgarlöfte med polisen" in municipality
    assert "Medborgarlöftena i tidsordning" in municipality and "Överenskommelserna i tidsordning" not in municipality
    svg = _timeline(out / "kommun" / "exempelby-kommun.html")
    [bar] = _classed(_row(svg, "ml-exempelby-ml-2018"), "period")
    assert "promise" in bar.get("class", "").split() and bar.get("data-kind") == "citizen-promise"
    assert "medborgarlöfte" in _text(out / "kommun" / "exempelby-kommun.html").split('class="legend"')[1]
    index = _text(out / "index.html")
    assert 'href="medborgarlofte/exempelby-ml-2018.html"' in index and "0 överenskommelser" not in index
    assert "1 medborgarlöfte mellan kommun och polis i 1 kommun" in index
    assert check_links(out) == [] and _reachable(out) == set(_files(out))


@pytest.mark.parametrize(("day", "listed"), [("2019-06-01", False), ("2019-07-01", True)])
def test_a_standalone_promise_is_due_and_in_the_calendar(tmp_path: Path, day: str, listed: bool) -> None:
    """The promise's end is listed once it is within the year ``due`` looks ahead (395 days ahead
    on 2019-06-01 it is not, there or in ``due``); the calendar is always ``due``'s."""
    out = _site_at(tmp_path, day, "tests/site/exempelby")
    calendar = (out / "samverkan.ics").read_bytes()
    assert calendar == _due_calendar([Path("tests/site/exempelby")], dt.date.fromisoformat(day))
    assert (f"UID:{PROMISE_UID}".encode() in calendar) is listed
    assert (PROMISE_UID in _due_uids(out / "frister.html")) is listed
    if listed:
        frister = _text(out / "frister.html")
        assert "Medborgarlöftet upphör att gälla" in frister and '<span class="tag">Medborgarlöfte</span>' in frister


def test_a_promise_chain_shows_its_lapse_and_gap(fixture_site: Path) -> None:
    page = _text(fixture_site / "kommun" / "loftesby-kommun.html")
    assert "<strong>Uppehåll:</strong> 1 januari 2020 – 29 februari 2020: loftesby-ml-2019 hade gått ut" in page
    assert "förlängdes först den 1 mars 2020 (60 dagar)" in page
    assert (
        "<strong>Glapp:</strong> 1 januari 2021 – 31 mars 2021 mellan loftesby-ml-2019 och loftesby-ml-2021: "
        "inget medborgarlöfte gällde (90 dagar)" in page
    )
    svg = _timeline(fixture_site / "kommun" / "loftesby-kommun.html")
    breaks = {g.get("data-kind"): (g.get("data-start"), g.get("data-end")) for g in _classed(svg, "gap")}
    assert breaks == {"lapse": ("2020-01-01", "2020-02-29"), "gap": ("2021-01-01", "2021-03-31")}
    promise = _text(fixture_site / "medborgarlofte" / "loftesby-ml-2019.html")
    assert "(60 dagar)" in promise and "(90 dagar)" in promise
    assert "Medborgarlöftet är förlängt till och med 31 december 2020 genom beslut den 1 mars 2020." in promise
    assert "I dokumentet: ”Löftet gäller under 2019.”" in promise
    assert 'Ersätts av</dt><dd><a href="loftesby-ml-2021.html">' in promise
    assert "<h3>Löftesby kommun och Grannby kommun lovar</h3>" in promise
    # A promise of two municipalities is under each; the lapse is in both chains.
    grannby = _text(fixture_site / "kommun" / "grannby-kommun.html")
    assert 'href="../medborgarlofte/loftesby-ml-2019.html"' in grannby and "(60 dagar)" in grannby


def test_inline_promises_get_pages_and_their_obligations_are_listed_once(tmp_path: Path) -> None:
    fixtures = ROOT / "tests" / "render" / "exempelby"
    day = dt.date(2022, 5, 1)
    result = build_site(SiteRequest((fixtures,), day))
    files = {f.path: f.data for f in result.files}
    promises = sorted(p for p in files if p.startswith("medborgarlofte/"))
    assert len(promises) == result.promises >= 2
    agreement = files["overenskommelse/exempelby-2022.html"].decode()
    for path in promises:
        assert f'href="../{path}"' in agreement
    frister = files["frister.html"].decode().split('<details class="old">')[0]
    uids = re.findall(r'data-uid="([^"]+)"', frister)
    assert len(uids) == len(set(uids))
    assert files["samverkan.ics"] == _due_calendar([fixtures], day)

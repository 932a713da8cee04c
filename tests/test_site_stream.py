"""``make_site`` (the command's way) writes each file as it is made: the same files, the same
bytes, as :func:`build_site` then :func:`write_site`; each document rendered once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment

import samverkan.render
import samverkan.site.pages
from samverkan.render import UnsafeOutput
from samverkan.render.environment import render_template
from samverkan.site import SiteRequest, build_site, make_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "site"
AS_OF = dt.date(2025, 6, 1)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_make_site_writes_what_build_site_builds(tmp_path: Path) -> None:
    request = SiteRequest((FIXTURES,), AS_OF)
    built = build_site(request)
    result, written = make_site(request, tmp_path / "ut")
    assert written == len(built.files)
    assert _files(tmp_path / "ut") == {f.path: f.data for f in built.files}
    assert result.problems == built.problems
    assert (result.agreements, result.municipalities, result.promises) == (
        built.agreements,
        built.municipalities,
        built.promises,
    )


def test_each_document_and_page_is_rendered_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    filled: list[tuple[int, str]] = []

    def counting(env: Environment, name: str, context: Mapping[str, Any]) -> str:
        filled.append((id(env), name))
        return render_template(env, name, context)

    monkeypatch.setattr(samverkan.render, "render_template", counting)
    monkeypatch.setattr(samverkan.site.pages, "render_template", counting)
    _result, written = make_site(SiteRequest((FIXTURES,), AS_OF), tmp_path / "ut")
    assert len(filled) == written - 1  # every file but the calendar: one template, filled once
    assert len({env for env, _name in filled}) == 1, "one environment for the whole site"


def test_nothing_to_show_writes_nothing(tmp_path: Path) -> None:
    result, written = make_site(SiteRequest((tmp_path / "saknas",), AS_OF), tmp_path / "ut")
    assert written == 0 and not result.agreements and not (tmp_path / "ut").exists()


def test_every_path_is_checked_before_anything_is_written(tmp_path: Path) -> None:
    out, outside = tmp_path / "ut", tmp_path / "utanfor"
    out.mkdir()
    outside.mkdir()
    (out / "overenskommelse").symlink_to(outside, target_is_directory=True)
    with pytest.raises(UnsafeOutput):
        make_site(SiteRequest((FIXTURES,), AS_OF), out)
    assert list(outside.iterdir()) == [] and sorted(p.name for p in out.iterdir()) == ["overenskommelse"]


def test_each_documents_context_is_let_go_once_it_is_rendered() -> None:
    from samverkan.site.build import _prepare, _Silent

    prepared = _prepare(SiteRequest((FIXTURES,), AS_OF), _Silent())
    planned = [len(plan.units) for plan in prepared.plans]
    assert planned[0] > 1
    files = prepared.files(_Silent())
    next(files)  # the first document: its plan no longer holds the others' contexts either
    assert prepared.plans[0].units == ()
    pages = 2 + len(prepared.ov.municipalities) + len(prepared.ov.agreements)
    assert 1 + sum(1 for _ in files) == prepared.total == sum(planned) + pages + 1  # documents, pages, the calendar
    assert all(plan.units == () for plan in prepared.plans)


def test_a_documents_context_is_worked_out_only_when_it_is_rendered() -> None:
    """Prepared, no document has its context yet: each is made by the process that renders
    it (``--jobs``), one at a time."""
    from samverkan.site.build import _prepare, _Silent

    prepared = _prepare(SiteRequest((FIXTURES,), AS_OF), _Silent())
    units = [unit for plan in prepared.plans for _name, unit in plan.units]
    assert len(units) > 5 and all(callable(unit.made) for unit in units)
    name, unit = prepared.plans[0].units[0]
    prepared.plans[0].render(name, unit)
    assert isinstance(unit.made, dict) and unit.context is unit.made


def test_the_outline_is_what_the_overview_holds(tmp_path: Path) -> None:
    """The paths, counts, links and calendar that a site takes from its outline, before the
    overview is made, are those of the site made: every file the site writes and no other, a
    page for each agreement, citizen promise and municipality it counts, each document's links
    to its municipalities' pages, and the calendar's events the due rows of the overview."""
    from samverkan.site.build import _prepare, _Silent
    from samverkan.site.overview import MUNICIPALITY_FOLDER, PROMISE_FOLDER

    request = SiteRequest((FIXTURES,), AS_OF)
    prepared = _prepare(request, _Silent())
    planned = sorted(prepared.paths())
    counted = prepared.result()
    result, written = make_site(request, tmp_path)
    made = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert planned == made and written == len(made)
    pages = [p for p in made if p.count("/") == 1]
    assert sum(1 for p in pages if p.startswith(f"{MUNICIPALITY_FOLDER}/")) == counted.municipalities > 1
    assert sum(1 for p in pages if p.startswith(f"{PROMISE_FOLDER}/")) == counted.promises > 0
    assert (counted.agreements, counted.municipalities, counted.promises) == (
        result.agreements,
        result.municipalities,
        result.promises,
    )
    ov = prepared.ov
    assert counted.agreements == len(ov.only_agreements) > 1
    assert prepared.outline.due_obligations == tuple(row.obligation for row in ov.due)
    calendar = (tmp_path / "samverkan.ics").read_text(encoding="utf-8")
    assert calendar.count("BEGIN:VEVENT") == len(ov.due)
    for view in ov.only_agreements:
        for name in view.documents:
            document = (tmp_path / name.path).read_text(encoding="utf-8")
            for municipality in view.municipalities:
                assert f'href="../{municipality.path}"' in document, (name.path, municipality.path)

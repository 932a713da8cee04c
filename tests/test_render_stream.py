"""``render --out DIR`` makes each document and writes it as it is made: the same files, the same
bytes as :func:`samverkan.render.render_documents` makes in memory; each document and its
context let go of once written; and nothing moved into the folder unless every document was
made (a template error on the last document leaves the folder as it was)."""

from __future__ import annotations

import datetime as dt
import weakref
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import samverkan.render as render_package
from samverkan.cli import app
from samverkan.render import Plan, Rendered, RenderRequest, prepare_render, render_documents
from samverkan.render.documents import Unit

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
FIXTURES = ROOT / "tests" / "render"
AS_OF = dt.date(2026, 12, 2)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def _render(*args: str) -> Any:
    return CliRunner().invoke(app, ["render", *args], catch_exceptions=False)


@pytest.mark.parametrize(
    ("fmt", "more"),
    [
        ("md", ()),
        ("html", ("--public",)),
        ("docx", ()),
        ("md", ("--document", "follow-up-report")),
        ("md", ("--document", "action-plan", "--draft")),
    ],
)
def test_render_out_writes_what_render_documents_makes(tmp_path: Path, fmt: str, more: tuple[str, ...]) -> None:
    out = tmp_path / "ut"
    result = _render(
        str(AGREEMENTS), str(FIXTURES), "--format", fmt, "--as-of", AS_OF.isoformat(), "--out", str(out), *more
    )
    document = more[more.index("--document") + 1] if "--document" in more else None
    request = RenderRequest(
        (AGREEMENTS, FIXTURES), AS_OF, fmt, document, public="--public" in more, draft="--draft" in more
    )
    made = render_documents(request)
    assert len(made.documents) >= 3
    assert result.exit_code == made.exit_code
    assert _files(out) == {d.name: d.data for d in made.documents}
    wrote = [line for line in result.stderr.splitlines() if line.startswith("wrote ")]
    assert wrote == [f"wrote {out / d.name}" for d in made.documents]


def test_each_document_and_its_context_are_let_go_once_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When a document is made, no document made before it is held (nor its unit, which holds
    its context), however many there are."""
    real = Plan.render
    made: list[weakref.ref[Any]] = []
    held: list[int] = []

    def render(plan: Plan, name: str, unit: Unit) -> Rendered:
        held.append(sum(1 for ref in made if ref() is not None))
        document = real(plan, name, unit)
        made.extend((weakref.ref(unit), weakref.ref(document)))
        return document

    monkeypatch.setattr(Plan, "render", render)
    prepared = prepare_render(RenderRequest((AGREEMENTS, FIXTURES), AS_OF, "html"))
    count = len(prepared.names)
    assert count >= 8
    written = prepared.write(tmp_path / "ut")
    assert len(written) == count == len(held)
    assert held == [0] * count
    assert all(ref() is None for ref in made)
    with pytest.raises(RuntimeError):
        next(prepared.documents())  # made once


def test_a_template_error_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    """The first documents are made and written before the last one fails; none is moved into
    place, the file that was there stays, and no temporary file is left."""
    templates = tmp_path / "mallar" / "md"
    templates.mkdir(parents=True)
    (templates / "agreement.md").write_text(
        '{{ a.id }}\n{% if a.id == "uppsala-2024" %}{{ 1 // 0 }}{% endif %}\n', encoding="utf-8"
    )
    out = tmp_path / "ut"
    out.mkdir()
    (out / "umea-2021.agreement.md").write_bytes(b"old")
    result = _render(
        str(AGREEMENTS), "--templates", str(templates.parent), "--as-of", AS_OF.isoformat(), "--out", str(out)
    )
    assert result.exit_code == 1
    assert "template error" in result.stderr and "ZeroDivisionError" in result.stderr
    assert "wrote" not in result.stderr
    assert [p.name for p in out.iterdir()] == ["umea-2021.agreement.md"]
    assert (out / "umea-2021.agreement.md").read_bytes() == b"old"
    # A folder that was not there is not there after the error either.
    new = tmp_path / "ny" / "ut"
    result = _render(
        str(AGREEMENTS), "--templates", str(templates.parent), "--as-of", AS_OF.isoformat(), "--out", str(new)
    )
    assert result.exit_code == 1 and not (tmp_path / "ny").exists()
    # Without the error, the same files are written: the one that was there is replaced.
    (templates / "agreement.md").write_text("{{ a.id }}\n", encoding="utf-8")
    result = _render(
        str(AGREEMENTS), "--templates", str(templates.parent), "--as-of", AS_OF.isoformat(), "--out", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert (out / "umea-2021.agreement.md").read_bytes() == b"umea-2021\n"
    assert len(_files(out)) == len([line for line in result.stderr.splitlines() if line.startswith("wrote ")])


def test_the_documents_are_made_only_for_a_folder_one_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prepared, no document is made yet: the names, notes and problems come first."""
    calls: list[str] = []
    real = Plan.render
    monkeypatch.setattr(Plan, "render", lambda plan, name, unit: (calls.append(name), real(plan, name, unit))[1])
    prepared = render_package.prepare_render(RenderRequest((AGREEMENTS,), AS_OF, "md"))
    assert prepared.names and calls == []
    first = next(prepared.documents())
    assert calls == [first.name] == prepared.names[:1]

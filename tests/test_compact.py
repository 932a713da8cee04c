"""Documents kept in less memory (:mod:`samverkan.compact`): the models of a document share
their field-name sets and its short texts share their strings, and nothing a reader sees
changes. ``render`` and ``site`` keep whole documents so, ``due`` and ``status`` their
summaries."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest
from pydantic import BaseModel

import samverkan.compact
from samverkan.api import examine
from samverkan.cache import Cache
from samverkan.compact import SHORT, compact
from samverkan.model import Agreement, Document
from samverkan.render.library import load_library
from samverkan.render.public import public
from samverkan.summary import summary
from samverkan.workspace import load_file

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "agreements").rglob("*.yaml"))
VALID = sorted((ROOT / "tests" / "cases" / "valid").glob("*.yaml"))
LARGEST = max(BUNDLED, key=lambda p: p.stat().st_size)


def _models(model: BaseModel) -> Iterator[BaseModel]:
    yield model
    for value in model.__dict__.values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                yield from _models(item)


def _texts(model: BaseModel) -> Iterator[str]:
    for each in _models(model):
        for value in each.__dict__.values():
            yield from (v for v in (value if isinstance(value, list) else [value]) if type(v) is str)


@pytest.mark.parametrize("path", [*BUNDLED, *VALID], ids=lambda p: p.name)
def test_a_compacted_document_is_the_same_document(path: Path) -> None:
    document = load_file(path).document
    if document is None:
        pytest.skip("not a valid document")
    before = repr(document)
    sets = [m.model_fields_set for m in _models(document)]
    again = load_file(path).document
    assert compact(document) is document
    assert document == again
    assert repr(document) == before
    assert [m.model_fields_set for m in _models(document)] == sets


def _document(path: Path) -> Document:
    document = load_file(path).document
    assert document is not None
    return document


def test_models_given_the_same_fields_share_one_set_and_short_texts_one_string() -> None:
    first, second = compact(_document(LARGEST)), compact(_document(LARGEST))
    assert first is not second and first == second
    pairs = list(zip(_models(first), _models(second), strict=True))
    assert len(pairs) > 20
    assert all(a is not b and a.__pydantic_fields_set__ is b.__pydantic_fields_set__ for a, b in pairs)
    texts = list(zip(_texts(first), _texts(second), strict=True))
    short = [(a, b) for a, b in texts if len(a) <= SHORT]
    long = [(a, b) for a, b in texts if len(a) > SHORT]
    assert short and long
    assert all(a is b for a, b in short)
    assert not any(a is b for a, b in long)  # paragraphs are left as they are


def test_a_copy_with_changes_leaves_the_shared_set_alone() -> None:
    document = compact(_document(LARGEST))
    assert isinstance(document, Agreement)
    other = compact(_document(LARGEST))
    shared = document.__pydantic_fields_set__
    assert "internal_note" not in shared
    copy = document.model_copy(update={"internal_note": "x"})
    assert "internal_note" in copy.model_fields_set
    assert document.__pydantic_fields_set__ is shared is other.__pydantic_fields_set__
    assert "internal_note" not in shared
    stripped = public(document)  # copies with changes, as model_copy(update=...) does
    assert stripped == public(_document(LARGEST))


def test_a_whole_document_never_gets_a_summarys_frozen_set(monkeypatch: pytest.MonkeyPatch) -> None:
    """A summary's field-name sets are frozen (:mod:`samverkan.summary`): one given to a whole
    document would make its copies with changes fail, as ``render --public`` makes them, in a
    process that has compacted summaries first (``due``, then ``render``, through the API)."""
    for table in ("_SETS", "_FROZEN"):  # as in a new process: the summaries' sets come first
        monkeypatch.setattr(samverkan.compact, table, {}, raising=False)
    paths = [p for p in [*BUNDLED, *VALID] if load_file(p).document is not None]
    for path in paths:
        for kind in ("rules", "lifecycle"):
            compact(summary(_document(path), kind))
    for path in paths:
        document = compact(_document(path))
        for model in _models(document):
            assert type(model.__pydantic_fields_set__) is set, path.name
            name = next(iter(type(model).model_fields))
            copy = model.model_copy(update={name: getattr(model, name)})  # as render --public copies
            assert copy == model and name in copy.model_fields_set
        assert public(document) == public(_document(path)), path.name
    reduced = compact(summary(_document(LARGEST), "lifecycle"))
    again = compact(summary(_document(LARGEST), "lifecycle"))
    assert reduced.__pydantic_fields_set__ is again.__pydantic_fields_set__
    assert isinstance(reduced.model_fields_set, frozenset)


def _render_documents(cache: Cache | None) -> list[BaseModel]:
    read = load_library([ROOT / "agreements"], cache=cache)
    return [f.document for f in read.ws.files if f.document is not None]


def _due_summaries(cache: Cache | None) -> list[BaseModel]:
    examined = examine([ROOT / "agreements"], cache=cache, summaries="lifecycle")  # as due and status read
    return [f.document for f in examined.workspace.files if f.document is not None]


@pytest.mark.parametrize("cached", [False, True], ids=["read", "from the cache"])
@pytest.mark.parametrize("kept", [_render_documents, _due_summaries], ids=["render", "due"])
def test_a_run_keeps_its_documents_compacted(
    tmp_path: Path, cached: bool, kept: Callable[[Cache | None], list[BaseModel]]
) -> None:
    cache = Cache(tmp_path / "cache") if cached else None
    if cache is not None:
        kept(cache)  # fills the cache: the run below reads from it
    documents = kept(cache)
    assert len(documents) >= 7
    sets: dict[tuple[type, frozenset[str]], AbstractSet[str]] = {}  # a summary's frozen, apart
    for document in documents:
        for model in _models(document):
            fields: AbstractSet[str] = model.__pydantic_fields_set__
            assert sets.setdefault((type(fields), frozenset(fields)), fields) is fields
    parties = [p.name for d in documents if isinstance(d, Agreement) for p in d.parties]
    by_value: dict[str, str] = {}
    assert all(by_value.setdefault(name, name) is name for name in parties)
    assert len(parties) > len(by_value)  # a party named in several files: one string

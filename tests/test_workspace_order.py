"""The order the cross-file rules see the files in (``Workspace.with_context``) is worked out
without making a ``Path`` of each file's name: the same answers as ``Path``'s."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from samverkan.workspace import _absolute, _named_after_its_id

names = st.text(alphabet="ab.-_/", min_size=1, max_size=12).filter(
    lambda n: not n.endswith("/") and os.path.basename(n) not in ("", ".", "..")  # noqa: PTH119 - as the loader names files
)


@given(names)
def test_a_file_is_named_after_its_id_as_path_stem_says(name: str) -> None:
    stem = Path(name).stem
    assert _named_after_its_id(SimpleNamespace(path=name, document=SimpleNamespace(id=stem)))  # type: ignore[arg-type]
    assert not _named_after_its_id(SimpleNamespace(path=name, document=SimpleNamespace(id=stem + "x")))  # type: ignore[arg-type]
    assert not _named_after_its_id(SimpleNamespace(path=name, document=None))  # type: ignore[arg-type]


@given(names)
def test_a_files_place_is_its_normalised_absolute_path(name: str) -> None:
    expected = os.path.normcase(os.path.normpath(Path(name).absolute()))
    assert _absolute(SimpleNamespace(path=name)) == expected  # type: ignore[arg-type]

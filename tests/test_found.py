"""The bytes of the files a run found are handed over once (:class:`samverkan.discovery.Found`):
to the loader, which lets each file's bytes go once the file is loaded, or to a narrowed copy.
A Found that handed its bytes over refuses to give them again, rather than give nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from samverkan.context import read_with_context
from samverkan.workspace import load_workspace

ROOT = Path(__file__).resolve().parent.parent


def test_the_loader_takes_the_bytes_once() -> None:
    found = read_with_context([ROOT / "agreements"])
    count = len(found.files)
    assert count and all(data for _, data in found.files)
    ws = load_workspace([ROOT / "agreements"], found=found, with_context=True)
    assert len(ws.files) == count and all(f.document is not None for f in ws.files)
    with pytest.raises(RuntimeError, match="handed over"):
        _ = found.files
    with pytest.raises(RuntimeError, match="handed over"):
        load_workspace([ROOT / "agreements"], found=found)


def test_a_narrowed_copy_takes_the_bytes_of_what_it_keeps() -> None:
    found = read_with_context([ROOT / "agreements"])
    names = sorted(p.name for p, _ in found.files)
    narrowed = found.narrowed(lambda path, data: path.name == names[0])
    assert [p.name for p, _ in narrowed.files] == names[:1]
    assert narrowed.problems == found.problems
    with pytest.raises(RuntimeError, match="handed over"):
        _ = found.files


def test_loading_lets_each_file_s_bytes_go() -> None:
    from samverkan.workspace import _load_chunk

    items = [(path, path.read_bytes()) for path in sorted((ROOT / "agreements").rglob("*.yaml"))]
    loaded = _load_chunk(items)
    assert all(f.document is not None for f in loaded)
    assert all(data is None for _, data in items)  # handed on, not kept


def test_a_file_read_again_must_be_the_text_that_was_checked(tmp_path: Path) -> None:
    from samverkan.discovery import ChangedWhileRead
    from samverkan.workspace import _read_again, load_file

    path = tmp_path / "a.yaml"
    original = (ROOT / "agreements" / "umea" / "umea-2021.yaml").read_bytes()
    path.write_bytes(original)
    loaded = load_file(path)
    assert _read_again(loaded) == original
    loaded.source.release()
    assert _read_again(loaded) == original
    path.write_bytes(original + b"# changed\n")
    with pytest.raises(ChangedWhileRead):
        _read_again(loaded)

"""The bytes of the files a run found are handed over once (:class:`samverkan.discovery.Found`):
to the loader, which lets each file's bytes go once the file is loaded, or to a narrowed copy.
A Found that handed its bytes over refuses to give them again, rather than give nothing. A run
keeps at most :data:`~samverkan.discovery.BYTES_KEPT` of its files' bytes from reading them to
loading them; the others are read again, and must be the bytes that were read."""

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


def test_a_run_keeps_at_most_so_many_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    from samverkan import discovery

    sizes = {str(p): p.stat().st_size for p in (ROOT / "agreements").rglob("*.yaml")}
    limit = sum(sizes.values()) // 3
    monkeypatch.setattr(discovery, "BYTES_KEPT", limit)
    found = read_with_context([ROOT / "agreements"])
    reads = [(p, read) for p, read in found.files if read is not None]
    kept = [p for p, read in reads if read.kept]
    assert kept and len(kept) < len(reads)
    assert sum(sizes[str(p)] for p in kept) <= limit
    for path, read in reads:  # a file let go is known by its digest and its quick looks all the same
        data = path.read_bytes()
        assert read.digest == discovery.digest(data)
        assert read.document == discovery.is_document(data)
        assert read.names_agreement == discovery.names_an_agreement(data)
        assert read.take(path) == data


def test_files_read_again_load_as_the_files_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    from samverkan import discovery
    from samverkan.api import check
    from samverkan.reporters.concise import line

    cases = ROOT / "tests" / "cases"
    kept = [line(d) for d in check([ROOT / "agreements", cases]).diagnostics]
    monkeypatch.setattr(discovery, "BYTES_KEPT", 0)
    again = [line(d) for d in check([ROOT / "agreements", cases]).diagnostics]
    assert again == kept and kept


@pytest.mark.parametrize("change", ["write", "remove"])
def test_a_file_changed_after_it_was_read_stops_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    from samverkan import discovery
    from samverkan.discovery import ChangedWhileRead

    folder = tmp_path / "agreements"
    folder.mkdir()
    for source in sorted((ROOT / "agreements").rglob("*.yaml"))[:3]:
        (folder / source.name).write_bytes(source.read_bytes())
    monkeypatch.setattr(discovery, "BYTES_KEPT", 0)
    found = read_with_context([folder])
    target = sorted(folder.glob("*.yaml"))[1]
    if change == "write":
        target.write_bytes(target.read_bytes() + b"# changed\n")
    else:
        target.unlink()
    with pytest.raises(ChangedWhileRead) as raised:
        load_workspace([folder], found=found, with_context=True)
    assert raised.value.path == str(target)


def test_a_named_path_in_a_folder_that_cannot_be_searched_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``stat`` of a path inside a folder without search permission fails with EACCES, which
    ``Path.is_dir`` raises: the path is reported as unreadable (SV012), and the run goes on to
    the other paths and reports the file it could not read as left out, not as an internal error."""
    import errno
    import os

    from samverkan.context import read_with_context
    from samverkan.discovery import discover
    from samverkan.reporters.left_out import left_out_lines

    hidden = tmp_path / "closed" / "x.yaml"
    seen = tmp_path / "open.yaml"
    seen.write_text("kind: agreement\n", encoding="utf-8")
    real_stat = Path.stat

    def stat(self: Path, **kwargs: bool) -> os.stat_result:
        if self.parent.name == "closed":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    monkeypatch.setattr(os.path, "exists", lambda p: Path(p).parent.name != "closed" and Path(p).exists())
    files, problems = discover([hidden, seen])
    assert files == [seen]
    assert [(d.code, d.span.path, d.said()) for d in problems] == [
        ("SV012", str(hidden), "cannot read file: Permission denied")
    ]
    found = read_with_context([hidden, seen])
    assert [p for p, _ in found.files] == [seen]
    assert left_out_lines(problems)[-1] == f"1 file left out because of errors: {hidden}"

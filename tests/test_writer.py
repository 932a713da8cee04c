"""The background writer of ``site``: every file written atomically, at most
``ahead`` waiting, the first error raised, and the files made before an error written; the files
flushed to disk a batch at a time, before any of them is moved over its name."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import samverkan.render.output as output
from samverkan.render.output import Writer


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_every_file_is_written_with_its_bytes_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    expected = {f"{n:03}.html": f"<p>{n}</p>".encode() * n for n in range(200)}
    with Writer(threads=3, ahead=4) as writer:
        for name, data in expected.items():
            writer.write(tmp_path / name, data)
    assert writer.written == 200
    assert _files(tmp_path) == expected  # no ".name.xxxx.tmp" either


def test_an_existing_file_is_replaced(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"old")
    with Writer() as writer:
        writer.write(tmp_path / "index.html", b"new")
    assert _files(tmp_path) == {"index.html": b"new"}


def test_no_more_than_ahead_files_wait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gate = threading.Event()
    real = output._write_temp

    def held(target: Path, data: bytes) -> Path:
        gate.wait(5)
        return real(target, data)

    monkeypatch.setattr(output, "_write_temp", held)
    waiting: list[int] = []
    timer = threading.Timer(0.2, gate.set)  # the writes stay held until the maker has had to wait
    timer.start()
    try:
        with Writer(threads=2, ahead=3) as writer:
            for n in range(10):
                writer.write(tmp_path / f"{n}.txt", b"x")
                waiting.append(len(writer._pending))
    finally:
        timer.cancel()
        gate.set()
    assert max(waiting) <= 3
    assert writer.written == 10 and len(_files(tmp_path)) == 10


def test_a_failed_write_is_raised_and_the_files_before_it_are_written(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), Writer(threads=1) as writer:
        writer.write(tmp_path / "a.html", b"a")
        writer.write(tmp_path / "saknas" / "b.html", b"b")  # no such folder
    assert _files(tmp_path) == {"a.html": b"a"}


def test_an_error_in_the_block_wins_and_what_was_made_before_is_written(tmp_path: Path) -> None:
    class TemplateBroke(Exception):
        pass

    with pytest.raises(TemplateBroke), Writer() as writer:
        for n in range(20):
            writer.write(tmp_path / f"{n}.html", b"ok")
        writer.write(tmp_path / "saknas" / "x.html", b"lost")  # its error is not the one raised
        raise TemplateBroke
    assert len(_files(tmp_path)) == 20


def test_a_batch_is_flushed_whole_before_any_file_of_it_is_moved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = output.make_durable
    batches: list[int] = []

    def durable(paths: list[Path]) -> None:
        for path in paths:  # every file of the batch is whole, and none is in place yet
            target = tmp_path / path.name.split(".")[1]
            assert path.read_bytes() == target.stem.encode() * 100 and not target.exists()
        batches.append(len(paths))
        real(paths)

    monkeypatch.setattr(output, "make_durable", durable)
    with Writer(threads=2, ahead=4, batch=10) as writer:
        for n in range(25):
            writer.write(tmp_path / f"{n}", str(n).encode() * 100)
    assert batches == [10, 10, 5] and writer.written == 25
    assert _files(tmp_path) == {str(n): str(n).encode() * 100 for n in range(25)}


@pytest.mark.skipif(output._syncfs() is None, reason="no syncfs here")
def test_one_syncfs_for_a_batch_on_one_file_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = output._syncfs()
    assert real is not None
    calls: list[int] = []

    def counted(fd: int) -> int:
        calls.append(fd)
        return real(fd)

    monkeypatch.setattr(output, "_syncfs", lambda: counted)
    (tmp_path / "sub").mkdir()
    with Writer(batch=1000) as writer:
        for n in range(50):
            writer.write(tmp_path / ("sub" if n % 2 else "") / f"{n}.html", b"x")
    assert len(calls) == 1 and writer.written == 50


def test_without_syncfs_each_file_is_flushed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    flushed: list[int] = []
    real = output.os.fsync
    monkeypatch.setattr(output, "_syncfs", lambda: None)
    monkeypatch.setattr(output.os, "fsync", lambda fd: (flushed.append(fd), real(fd))[1])
    with Writer(batch=7) as writer:
        for n in range(20):
            writer.write(tmp_path / f"{n}.html", b"x")
    assert len(flushed) == 20
    assert _files(tmp_path) == {f"{n}.html": b"x" for n in range(20)}


def test_a_flush_that_fails_is_raised_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(paths: list[Path]) -> None:
        raise OSError(28, "No space left on device", str(paths[0]))

    monkeypatch.setattr(output, "make_durable", full)
    (tmp_path / "0.html").write_bytes(b"old")
    with pytest.raises(OSError, match="No space left"), Writer() as writer:
        for n in range(5):
            writer.write(tmp_path / f"{n}.html", b"new")
    assert _files(tmp_path) == {"0.html": b"old"}  # the old file as it was, and nothing else


def test_write_each_flushes_once_and_moves_every_file_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``render --out``: each file is written as its bytes come, none is in place before the
    last has come, then one flush and every file moved."""
    real = output.make_durable
    batches: list[int] = []
    monkeypatch.setattr(output, "make_durable", lambda paths: (batches.append(len(paths)), real(paths))[1])
    names = [f"{n}.html" for n in range(25)]

    def made() -> Iterator[bytes]:
        for n in range(25):
            assert not any((tmp_path / name).exists() for name in names)
            yield str(n).encode()

    assert output.write_each(tmp_path, names, made()) == [tmp_path.resolve() / name for name in names]
    assert batches == [25]
    assert _files(tmp_path) == {f"{n}.html": str(n).encode() for n in range(25)}


def test_write_each_moves_nothing_after_an_error_in_making_the_files(tmp_path: Path) -> None:
    class TemplateBroke(Exception):
        pass

    def made() -> Iterator[bytes]:
        yield from (b"new" for _ in range(10))
        raise TemplateBroke

    (tmp_path / "0.html").write_bytes(b"old")
    with pytest.raises(TemplateBroke):
        output.write_each(tmp_path, [f"{n}.html" for n in range(20)], made())
    assert _files(tmp_path) == {"0.html": b"old"}


def test_write_each_moves_nothing_after_a_failed_flush(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(paths: list[Path]) -> None:
        raise OSError(28, "No space left on device", str(paths[0]))

    monkeypatch.setattr(output, "make_durable", full)
    (tmp_path / "0.html").write_bytes(b"old")
    with pytest.raises(OSError, match="No space left"):
        output.write_each(tmp_path, ["0.html", "1.html"], iter([b"new", b"new"]))
    assert _files(tmp_path) == {"0.html": b"old"}
    with pytest.raises(OSError, match="No space left"):  # a folder made for it is gone again
        output.write_each(tmp_path / "ny" / "ut", ["0.html"], iter([b"new"]))
    assert _files(tmp_path) == {"0.html": b"old"}

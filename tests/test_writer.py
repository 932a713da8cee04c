"""The background writer of ``render --out`` and ``site``: every file written atomically, at most
``ahead`` waiting, the first error raised, and the files made before an error written."""

from __future__ import annotations

import threading
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
    real = output.write_atomic

    def held(target: Path, data: bytes) -> None:
        gate.wait(5)
        real(target, data)

    monkeypatch.setattr(output, "write_atomic", held)
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

"""A loaded file keeps only its document once it is done (``SourceFile.release``); a place or a
line asked for later is read again from the file, and only if the file is still what was checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from samverkan.api import check, examine
from samverkan.reporters.concise import line

ROOT = Path(__file__).resolve().parent.parent


def test_files_without_findings_keep_only_their_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    examined = examine([Path("agreements")])
    reported = {d.span.path for d in examined.diagnostics}
    quiet = [f.source for f in examined.workspace.files if f.path not in reported]
    assert quiet
    assert all(s.text is None and s.located is None and s.released for s in quiet)
    assert all(f.document is not None for f in examined.workspace.files)


def test_a_place_asked_for_later_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    examined = examine([Path("agreements")])
    source = next(f.source for f in examined.workspace.files if f.source.released)
    span = source.span(("id",))
    assert span.line > 1
    assert source.line_text(span.line) is not None
    assert source.line_text(span.line).lstrip().startswith("id:")  # type: ignore[union-attr]


def test_a_file_changed_since_it_was_checked_is_not_misplaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "agreements", tmp_path / "agreements")
    monkeypatch.chdir(tmp_path)
    examined = examine([Path("agreements")])
    source = next(f.source for f in examined.workspace.files if f.source.released)
    Path(source.path).write_text("# edited meanwhile\n" + Path(source.path).read_text(encoding="utf-8"), "utf-8")
    span = source.span(("id",))
    assert (span.line, span.col) == (1, 1)
    assert source.line_text(1) is None


def test_findings_are_the_same_whether_files_are_released_or_not(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules' findings in released files (read again for their places) are those of a run
    that keeps every file whole."""
    import samverkan.source as source

    monkeypatch.chdir(ROOT)
    released = [line(d) for d in check([Path("agreements")]).diagnostics]
    monkeypatch.setattr(source.SourceFile, "release", lambda self: None)
    kept = [line(d) for d in check([Path("agreements")]).diagnostics]
    assert released == kept
    assert released

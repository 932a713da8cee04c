"""``render`` keeps of each file only its lifecycle summary (what states and deadlines are worked
out from) and reads a document's files whole again when it makes that document
(:class:`samverkan.render.library.Library` with ``reread``): the same bytes as a render from
whole documents, for every kind of document, public or not; what was read again let go of
once the next document needs other files; a file written to in between is said to have
changed (exit 4), not rendered from two texts. With ``--jobs``, the documents are made in
several processes: the same files, and an error still leaves the folder as it was."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import samverkan.render as render_package
from samverkan.cli import app, main
from samverkan.model import Agreement
from samverkan.render import DOCUMENTS, Plan, Rendered, RenderRequest, plan_sources, prepare_render, render_documents
from samverkan.render.documents import Unit
from samverkan.render.library import Library, load_library, public_workspace

ROOT = Path(__file__).resolve().parent.parent
AGREEMENTS = ROOT / "agreements"
FIXTURES = ROOT / "tests" / "render"
AS_OF = dt.date(2026, 12, 2)


def _from_whole_documents(request: RenderRequest) -> list[Rendered]:
    """The documents as render made them before it kept summaries: from a library of whole
    documents, read once."""
    read = load_library(request.paths, request.config)
    left_out = {d.span.path for d in read.errors}
    ws = public_workspace(read.ws) if request.public else read.ws
    lib = Library(ws, request.as_of)
    by_path = {f.path: f for f in ws.files}
    sources = []
    for target in read.targets:
        document = by_path[target.path].document
        if target.path not in left_out and document is not None:
            sources.append((target.path, document))
    plan = plan_sources(lib, sources, request)
    return [plan.render(name, unit) for name, unit in plan.units]


def _same(request: RenderRequest) -> int:
    made = render_documents(request).documents
    whole = _from_whole_documents(request)
    assert [(d.name, d.data) for d in made] == [(d.name, d.data) for d in whole]
    return len(made)


@pytest.mark.parametrize("document", [None, *DOCUMENTS])
@pytest.mark.parametrize("variant", ["", "public", "draft"])
def test_the_real_documents_render_the_same_from_summaries_as_from_whole_documents(
    document: str | None, variant: str
) -> None:
    request = RenderRequest(
        (AGREEMENTS, FIXTURES), AS_OF, "html", document, public=variant == "public", draft=variant == "draft"
    )
    count = _same(request)
    assert count >= (3 if document in (None, "agreement", "action-plan", "follow-up-report") else 1)


@pytest.mark.parametrize("document", [None, "follow-up-report", "citizen-promise", "action-plan", "memo"])
def test_a_corpus_with_broken_files_renders_the_same_from_summaries(broken_corpus: Path, document: str | None) -> None:
    for public in (False, True):
        assert _same(RenderRequest((broken_corpus,), AS_OF, "md", document, public=public)) >= 10


def test_render_holds_summaries_and_one_documents_files_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The library's documents are summaries (a field it does not keep cannot be read); while
    the documents are made, it holds the whole files of the one being made and of the one
    before it, never more."""
    prepared = prepare_render(RenderRequest((AGREEMENTS, FIXTURES), AS_OF, "md", "follow-up-report"))
    lib = prepared._plan.library
    assert lib is not None and lib.reread is not None
    agreements = [f.document for f in lib.ws.files if isinstance(f.document, Agreement)]
    assert len(agreements) >= 5
    for agreement in agreements:
        with pytest.raises(AttributeError):
            _ = agreement.goals
        assert lib.full(agreement).goals == lib.full(agreement).goals  # the whole one reads it
        lib.done()
        lib.done()
    assert lib._read == {} and lib._read_keys == {}
    held: list[int] = []
    real = Plan.render

    def render(plan: Plan, name: str, unit: Unit) -> Rendered:
        document = real(plan, name, unit)
        held.append(len(lib._read))
        return document

    monkeypatch.setattr(Plan, "render", render)
    names = [d.name for d in prepared.documents()]
    assert len(names) == len(held) >= 5
    assert max(held) <= 4  # an agreement, its linked plan file and the files of the one before


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_file_written_to_while_render_runs_is_said_to_have_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    """A file whose text is not the one the run read first is not rendered from two texts: the
    command says it changed and exits 4, and writes nothing."""
    folder = tmp_path / "agreements"
    folder.mkdir()
    for path in (AGREEMENTS / "uppsala").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    load_file = render_package.load_file

    def changed(path: Path) -> Any:
        path.write_text(path.read_text(encoding="utf-8") + "# ändrad\n", encoding="utf-8")
        return load_file(path)

    monkeypatch.setattr(render_package, "load_file", changed)
    monkeypatch.setattr(render_package, "MADE_IN_PROCESSES_FROM", 2)
    out = tmp_path / "ut"
    argv = ["samverkan", "render", str(folder), "--as-of", AS_OF.isoformat(), "--out", str(out), "--jobs", jobs]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 4  # not a bug, and not a file with errors
    said = capsys.readouterr().err.splitlines()
    assert len(said) == 1 and said[0].endswith(".yaml changed while it was being read; run the command again")
    assert not out.exists()


@pytest.mark.parametrize("jobs", ["1", "2", "3"])
def test_render_out_writes_the_same_files_in_several_processes(
    broken_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    import samverkan.render.processes as processes

    forked: list[int] = []
    real = processes.made_in_processes

    def counted(count: int, *args: Any, **kwargs: Any) -> Any:
        forked.append(count)
        return real(count, *args, **kwargs)

    monkeypatch.setattr(processes, "made_in_processes", counted)
    out = tmp_path / "ut"
    args = ["render", str(broken_corpus), "--as-of", AS_OF.isoformat(), "--no-cache", "--jobs", jobs]
    result = CliRunner().invoke(app, [*args, "--format", "html", "--out", str(out)])
    assert result.exit_code == 1  # the corpus's broken files are left out
    made = render_documents(RenderRequest((broken_corpus,), AS_OF, "html"))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {d.name: d.data for d in made.documents}
    assert len(made.documents) >= render_package.MADE_IN_PROCESSES_FROM
    wrote = [line for line in result.stderr.splitlines() if line.startswith("wrote ")]
    assert wrote == [f"wrote {out / d.name}" for d in made.documents]
    assert forked == ([] if jobs == "1" else [len(made.documents)])


def test_an_error_in_another_process_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template that fails on one document, whichever process makes it: nothing moved into
    the folder, no temporary file left by any process, the error said once."""
    import samverkan.render.processes as processes

    monkeypatch.setattr(render_package, "MADE_IN_PROCESSES_FROM", 2)
    forked: list[int] = []
    real = processes.made_in_processes
    monkeypatch.setattr(processes, "made_in_processes", lambda *a, **k: (forked.append(a[2]), real(*a, **k))[1])
    templates = tmp_path / "mallar" / "md"
    templates.mkdir(parents=True)
    (templates / "agreement.md").write_text(
        '{{ a.id }}\n{% if a.id == "umea-2021" %}{{ 1 // 0 }}{% endif %}\n', encoding="utf-8"
    )
    out = tmp_path / "ut"
    out.mkdir()
    (out / "uppsala-2024.agreement.md").write_bytes(b"old")
    args = ["render", str(AGREEMENTS), "--templates", str(templates.parent), "--as-of", AS_OF.isoformat()]
    for jobs in ("2", "3"):
        result = CliRunner().invoke(app, [*args, "--out", str(out), "--jobs", jobs])
        assert result.exit_code == 1, result.output
        assert result.stderr.count("ZeroDivisionError") == 1
        assert [p.name for p in out.iterdir()] == ["uppsala-2024.agreement.md"]
        assert (out / "uppsala-2024.agreement.md").read_bytes() == b"old"
    assert forked == [2, 3]


def test_a_killed_worker_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker killed after it wrote a temporary file (the out-of-memory killer, say) never
    sends back its name: the run's tag finds it, the folder is left as it was, and the command
    says the work stopped, in the reader's language."""
    import signal

    monkeypatch.setattr(render_package, "MADE_IN_PROCESSES_FROM", 2)
    main_process = os.getpid()
    made_here: list[str] = []
    real = Plan.render

    def render(plan: Plan, name: str, unit: Unit) -> Rendered:
        if os.getpid() != main_process:
            made_here.append(name)
            if len(made_here) == 2:  # the first one's temporary file is written by now
                os.kill(os.getpid(), signal.SIGKILL)
        return real(plan, name, unit)

    monkeypatch.setattr(Plan, "render", render)
    out = tmp_path / "ut"
    out.mkdir()
    (out / "kvar.txt").write_bytes(b"old")
    args = ["render", str(AGREEMENTS), "--as-of", AS_OF.isoformat(), "--out", str(out), "--jobs", "2"]
    for lang, said in (
        ("en", "samverkan: the work stopped: a worker process stopped without a result (killed by signal 9)"),
        ("sv", "samverkan: arbetet avbröts: en arbetsprocess avslutades utan resultat (dödad av signal 9)"),
    ):
        result = CliRunner().invoke(app, [*args, "--lang", lang])
        assert result.exit_code == 1, result.output
        assert result.stderr.splitlines() == [said]
        assert [p.name for p in out.iterdir()] == ["kvar.txt"]


def test_an_interrupt_as_a_temporary_file_is_made_leaves_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C arriving just as a temporary file is created (after the system made it, before
    Python has its descriptor in hand) removes it."""
    import samverkan.render.output as output

    opened = os.open

    def interrupted(path: Any, flags: int, mode: int = 0o777) -> int:
        os.close(opened(path, flags, mode))
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "open", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output._write_temp(tmp_path / "a.md", b"text")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    calls = iter([b"first", b"second"])

    def data() -> Any:
        yield next(calls)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        output.write_each(tmp_path / "ut", ["a.md", "b.md", "c.md"], data())
    assert not (tmp_path / "ut").exists()


def test_a_killed_reading_worker_is_not_called_a_bug(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    from concurrent.futures.process import BrokenProcessPool

    from samverkan.cli_fast import guarded

    def killed() -> None:
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    with pytest.raises(SystemExit) as exc:
        guarded(killed)
    assert exc.value.code == 3
    assert capsys.readouterr().err.splitlines() == [
        "samverkan: a worker process stopped before its files were read; run the command again"
    ]


def test_ctrl_c_while_a_worker_is_waited_for_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C after this process made its share, while it waits for a worker still making one:
    the worker (which ignores Ctrl-C) is waited for, so its temporary file is swept too, not
    written after the clean-up."""
    import time

    import samverkan.render.output as output
    import samverkan.render.processes as processes

    main_process = os.getpid()

    def make(index: int) -> bytes:
        if os.getpid() != main_process:
            time.sleep(0.05)
        return f"{index}\n".encode()

    calls: list[int] = []

    def interrupted(workers: list[tuple[int, int]], show: Any) -> Any:
        calls.append(len(workers))
        if len(calls) == 1:  # the first wait: Ctrl-C once the worker is taken off the list
            workers.pop(0)
            raise KeyboardInterrupt
        return real(workers, show)

    real = processes._collect
    monkeypatch.setattr(processes, "_collect", interrupted)
    out = tmp_path / "ut"
    out.mkdir()
    (out / "kvar.txt").write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt):
        output.write_each_in_processes(out, [f"{i}.md" for i in range(40)], make, 2)
    time.sleep(0.3)  # a worker left running would write its file by now
    assert calls == [1, 0]
    assert [p.name for p in out.iterdir()] == ["kvar.txt"]


def test_ctrl_c_while_the_files_are_moved_in_waits_until_all_are(tmp_path: Path) -> None:
    """A render's files are moved into the folder all or none: Ctrl-C while they are moved is
    raised once every one is."""
    import signal

    import samverkan.render.output as output

    out = tmp_path / "ut"
    moved: list[str] = []

    def data() -> Any:
        for i in range(5):
            yield f"{i}\n".encode()

    real = Path.replace

    def replace(self: Path, target: Any) -> Any:
        if not moved:
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the first file is moved in
        moved.append(Path(target).name)
        return real(self, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "replace", replace)
        with pytest.raises(KeyboardInterrupt):
            output.write_each(out, [f"{i}.md" for i in range(5)], data())
    assert sorted(p.name for p in out.iterdir()) == [f"{i}.md" for i in range(5)] == sorted(moved)

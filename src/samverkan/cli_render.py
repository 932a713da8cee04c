"""``samverkan render``: documents in Swedish, as Markdown, HTML or Word, from the YAML.

Register it on the app with ``app.command("render")(render)``. The command parses its options,
calls :func:`samverkan.render.render_documents`, writes or prints, and returns an exit code:
0 written, 1 files left out because of errors (or nothing to render, a template error, or a
reference document that cannot be used), 2 usage error (an unknown option value, several
documents without ``--out``, an output name that would leave ``--out``, Word to a terminal).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from .render import Rendered

DOCUMENT_CHOICES = ("agreement", "action-plan", "follow-up-report", "citizen-promise", "memo", "statement")
FORMAT_CHOICES = ("md", "html", "docx")

RenderPaths = Annotated[
    list[Path],
    typer.Argument(help="Files or folders to render (folders are searched for .yaml files).", show_default=False),
]
RenderFormat = Annotated[
    str,
    typer.Option("--format", "-f", help="Output format: md (Markdown), html (one self-contained file) or docx (Word)."),
]
RenderOut = Annotated[
    str | None,
    typer.Option(
        "--out",
        "-o",
        help="Folder to write <id>.<document>.<ext> files into, or - for standard output "
        "(default: standard output when there is one document); for docx also FILE.docx.",
        show_default=False,
    ),
]
RenderDocument = Annotated[
    str | None,
    typer.Option(
        "--document",
        "-d",
        help="agreement, action-plan, follow-up-report, citizen-promise, memo or statement "
        "(default: each file's own kind).",
        show_default=False,
    ),
]
RenderPublic = Annotated[
    bool,
    typer.Option(
        "--public",
        help="Leave out activities not to be communicated, internal notes and the notes of follow-ups done.",
    ),
]
RenderTemplates = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help="A folder of templates searched before the built-in ones, file by file (html/…, md/…); "
        "default: 'templates' in [tool.samverkan] or samverkan.toml.",
        show_default=False,
    ),
]
RenderReferenceDocx = Annotated[
    Path | None,
    typer.Option(
        "--reference-docx",
        help="docx: a Word document whose styles, page setup, headers and footers are used; "
        "default: 'reference_docx' in [tool.samverkan] or samverkan.toml.",
        show_default=False,
    ),
]
RenderAsOf = Annotated[
    str | None,
    typer.Option("--as-of", help="The date of the follow-up report, YYYY-MM-DD (default: today).", show_default=False),
]


def _print(document: Rendered) -> None:
    """The document on standard output, as bytes (UTF-8 for text) whatever the locale."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(document.data)
        buffer.flush()
    else:
        sys.stdout.write(document.text)


def configured_templates(setting: str = "templates") -> Path | None:
    """The ``templates`` folder (or another path ``setting``, such as ``reference_docx``) of the
    nearest configuration file, relative to that file.

    Raises :class:`samverkan.config.ConfigError` for a configuration that cannot be used."""
    from .config import find_config, load_config
    from .rules import RULES
    from .validation import KNOWN_CODES

    found = find_config(Path.cwd())
    settings = load_config(found, [*(r.code for r in RULES), *KNOWN_CODES])
    value: str | None = getattr(settings, setting)
    if found is None or value is None:
        return None
    return found.parent / value


def templates_and_day(
    templates: Path | None, as_of: str | None, usage: Callable[[str], typer.Exit]
) -> tuple[Path | None, dt.date]:
    """The templates folder (``--templates``, else the configuration's) and the ``--as-of`` day,
    checked; ``usage`` makes the command's own usage error. Shared by ``render`` and ``site``."""
    from .config import ConfigError

    if templates is None:
        try:
            templates = configured_templates()
        except ConfigError as exc:
            raise usage(str(exc)) from None
    if templates is not None and not templates.is_dir():
        raise usage(f"--templates: {templates} is not a folder")
    if as_of is None:
        return templates, dt.date.today()  # the one place render and site read the clock
    try:
        return templates, dt.date.fromisoformat(as_of)
    except ValueError:
        raise usage(f"--as-of: {as_of!r} is not a date (YYYY-MM-DD)") from None


def _usage(message: str) -> typer.Exit:
    typer.echo(f"Usage: samverkan render [OPTIONS] PATHS...\nError: {message}", err=True)
    return typer.Exit(2)


def render(
    paths: RenderPaths,
    output_format: RenderFormat = "md",
    out: RenderOut = None,
    document: RenderDocument = None,
    public: RenderPublic = False,
    templates: RenderTemplates = None,
    as_of: RenderAsOf = None,
    reference_docx: RenderReferenceDocx = None,
) -> None:
    """Render agreements, action plans, follow-up reports, citizen promises and case memos.

    Each file gives one document (see --document), named <id>.<document>.<ext> in --out.
    Exit codes: 0 written, 1 files with errors left out or nothing to render, 2 usage error.
    """
    from .config import ConfigError
    from .render import (
        ReferenceProblem,
        RenderRequest,
        TemplateProblem,
        UnsafeOutput,
        render_documents,
        write_all,
        write_atomic,
    )

    if output_format not in FORMAT_CHOICES:
        raise _usage(f"--format: choose from {', '.join(FORMAT_CHOICES)}")
    if document is not None and document not in DOCUMENT_CHOICES:
        raise _usage(f"--document: choose from {', '.join(DOCUMENT_CHOICES)}")
    docx = output_format == "docx"
    one_file = docx and out is not None and out.lower().endswith(".docx") and not Path(out).is_dir()
    if out is not None and out != "-" and not one_file and Path(out).exists() and not Path(out).is_dir():
        raise _usage(f"--out: {out} is not a folder")
    if docx and out is None:
        raise _usage("--format docx writes a file: name a folder or a .docx file with --out")
    if docx and out == "-" and sys.stdout.isatty():
        raise _usage("--format docx: refusing to write a Word file to the terminal; redirect it or use --out")
    templates, day = templates_and_day(templates, as_of, _usage)
    if docx and reference_docx is None:
        try:
            reference_docx = configured_templates("reference_docx")
        except ConfigError as exc:
            raise _usage(str(exc)) from None
    request = RenderRequest(tuple(paths), day, output_format, document, public, templates, reference_docx)
    try:
        result = render_documents(request)
    except TemplateProblem as exc:
        typer.echo(f"samverkan: template error: {exc}", err=True)
        raise typer.Exit(1) from None
    except ReferenceProblem as exc:
        typer.echo(f"samverkan: --reference-docx: {exc}", err=True)
        raise typer.Exit(1) from None
    for note in result.skipped:
        typer.echo(f"samverkan: {note}", err=True)
    for problem in result.problems:
        typer.echo(f"samverkan: {problem}", err=True)
    if not result.documents:
        typer.echo("samverkan: nothing to render", err=True)
        raise typer.Exit(1)
    if out is None or out == "-":
        if len(result.documents) > 1:
            names = ", ".join(d.name for d in result.documents)
            raise _usage(f"{len(result.documents)} documents ({names}); name a folder with --out DIR to write them")
        _print(result.documents[0])
        raise typer.Exit(result.exit_code)
    if one_file:
        if len(result.documents) > 1:
            names = ", ".join(d.name for d in result.documents)
            raise _usage(f"{len(result.documents)} documents ({names}); name a folder with --out DIR to write them")
        try:
            write_atomic(Path(out), result.documents[0].data)
        except OSError as exc:
            typer.echo(f"samverkan: cannot write {out}: {exc.strerror}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"wrote {out}", err=True)
        raise typer.Exit(result.exit_code)
    try:
        write_all(Path(out), [(d.name, d.data) for d in result.documents])
    except UnsafeOutput as exc:
        raise _usage(f"--out: {exc}") from None
    except OSError as exc:
        typer.echo(f"samverkan: cannot write to {out}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None
    for d in result.documents:
        typer.echo(f"wrote {Path(out) / d.name}", err=True)
    raise typer.Exit(result.exit_code)

"""``samverkan render``: documents in Swedish, as Markdown, HTML, Word or PDF, from the YAML.

Register it on the app with ``app.command("render")(render)``. The command parses its options,
reads and plans the documents (:func:`samverkan.render.prepare_render`), makes them and writes
(to a folder: one at a time, as each is made, all or nothing) or prints, and returns an exit code:
0 written, 1 files left out because of errors (or nothing to render, a template error, a
reference document that cannot be used, no browser to print a PDF with, several documents for
the one file ``--out`` names, or a file or folder that cannot be written), 2 usage error (an
unknown option value, several documents without ``--out``, a PDF without ``--out``, an
``--out`` file name with another format's suffix, an output name that would leave ``--out``,
Word to a terminal), 4 a file changed while it was read.
"""

import contextlib
import datetime as dt
import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from .cli_cache import NoCache
from .cli_complete import completes
from .cli_lang import CommandLang
from .i18n import _, ngettext

if TYPE_CHECKING:
    from .config import Config
    from .render import Rendered

FORMAT_CHOICES = ("md", "html", "docx", "pdf")

RenderPaths = Annotated[
    list[Path],
    typer.Argument(
        metavar="PATH",
        help="Files or folders to render (folders are searched for .yaml files).",
        show_default=False,
    ),
]
RenderFormat = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        autocompletion=completes(lambda: FORMAT_CHOICES),
        help="Output format: md (Markdown), html (one self-contained file), docx (Word) or pdf (the HTML "
        "printed on A4 by headless Chromium; needs --out).",
    ),
]
RenderBrowser = Annotated[
    str | None,
    typer.Option(
        "--browser",
        metavar="PROGRAM",
        help="The Chromium or Chrome to print PDFs with (default: chromium, chromium-browser or google-chrome "
        "on PATH).",
        show_default=False,
    ),
]
RenderOut = Annotated[
    str | None,
    typer.Option(
        "--out",
        "-o",
        metavar="DIR|FILE|-",
        help="A folder to write ID.DOCUMENT.EXT files into (made if missing); or, for one document, the file "
        "to write (a name ending in the format's suffix, such as umea.html, or an existing file); or - for "
        "standard output (default: standard output when there is one document).",
        show_default=False,
    ),
]
RenderDocument = Annotated[
    str | None,
    typer.Option(
        "--document",
        "-d",
        metavar="DOCUMENT",
        autocompletion=completes(lambda: _document_choices()),
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
RenderDraft = Annotated[
    bool,
    typer.Option(
        "--draft",
        help="An internal working copy: adds where each document was encoded from (Källa: …, the "
        "files' 'source'), which the document to be signed leaves out. Not with --public.",
    ),
]
RenderTemplates = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        metavar="DIR",
        help="A folder of templates searched before the built-in ones, file by file (html/…, md/…); "
        "default: 'templates' in [tool.samverkan] or samverkan.toml.",
        show_default=False,
    ),
]
RenderReferenceDocx = Annotated[
    Path | None,
    typer.Option(
        "--reference-docx",
        metavar="FILE",
        help="docx: a Word document whose styles, page setup, headers and footers are used; "
        "default: 'reference_docx' in [tool.samverkan] or samverkan.toml.",
        show_default=False,
    ),
]
RenderJobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Processes that read the files and make the documents of --out DIR (default: the CPUs "
        "this process may use, at most 4); the same files either way.",
        show_default=False,
    ),
]
RenderAsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The date of the follow-up report, YYYY-MM-DD (default: today).",
        show_default=False,
    ),
]


def _print(document: "Rendered") -> None:
    """The document on standard output, as bytes (UTF-8 for text) whatever the locale."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(document.data)
        buffer.flush()
    else:
        sys.stdout.write(document.text)


class ConfiguredPaths(NamedTuple):
    """The paths the nearest configuration file sets, relative to that file's folder."""

    templates: Path | None = None
    reference_docx: Path | None = None
    settings: "Config | None" = None
    """The rules' settings of that file: which findings are errors that leave a file out."""


def configured_paths() -> ConfiguredPaths:
    """The ``templates`` folder and the ``reference_docx`` file of the nearest configuration file.

    Raises :class:`samverkan.config.ConfigError` for a configuration that cannot be used."""
    from .config import find_config, known_codes, load_config

    found = find_config(Path.cwd())
    settings = load_config(found, known_codes())
    if found is None:
        return ConfiguredPaths()

    def beside(value: str | None) -> Path | None:
        return None if value is None else found.parent / value

    return ConfiguredPaths(beside(settings.templates), beside(settings.reference_docx), settings)


def templates_and_day(
    templates: Path | None,
    as_of: str | None,
    usage: Callable[[str], typer.Exit],
    configured: Callable[[], ConfiguredPaths] = configured_paths,
) -> tuple[Path | None, dt.date]:
    """The templates folder (``--templates``, else the configuration's) and the ``--as-of`` day,
    checked; ``usage`` makes the command's own usage error. Shared by ``render`` and ``site``."""
    from .config import ConfigError

    if templates is None:
        try:
            templates = configured().templates
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
    browser: RenderBrowser = None,
    draft: RenderDraft = False,
    no_cache: NoCache = False,
    jobs: RenderJobs = None,
    lang: CommandLang = None,
) -> None:
    """Render agreements, action plans, follow-up reports, citizen promises and case memos.

    Each file gives one document (see --document), named ID.DOCUMENT.EXT in --out.
    Exit codes: 0 written, 1 files with errors left out, nothing to render, a template error, no
    browser for a PDF, a file that cannot be written or a process making documents that
    stopped, 2 usage error, 3 an internal error or a process reading files that stopped,
    4 a file changed while it was read.
    """
    from .cache import open_cache
    from .cli_process import making_jobs
    from .config import ConfigError
    from .render import EXIT_OK, EXIT_PROBLEMS, RenderRequest, UnsafeOutput, prepare_render, write_all, write_atomic

    if output_format not in FORMAT_CHOICES:
        raise _usage(f"--format: choose from {', '.join(FORMAT_CHOICES)}")
    pdf = output_format == "pdf"
    if pdf and (out is None or out == "-"):
        raise _usage("--format pdf writes binary files: name a folder with --out DIR")
    if document is not None and document not in _document_choices():
        raise _usage(f"--document: choose from {', '.join(_document_choices())}")
    if draft and public:
        raise _usage("--draft is an internal copy and --public one for publishing: choose one")
    docx = output_format == "docx"
    one_file = out is not None and out != "-" and _one_file(Path(out), output_format)
    if docx and out is None:
        raise _usage("--format docx writes a file: name a folder or a .docx file with --out")
    if docx and out == "-" and sys.stdout.isatty():
        raise _usage("--format docx: refusing to write a Word file to the terminal; redirect it or use --out")
    configured = functools.cache(configured_paths)  # the configuration file is read once, if at all
    templates, day = templates_and_day(templates, as_of, _usage, configured)
    if docx and reference_docx is None:
        try:
            reference_docx = configured().reference_docx
        except ConfigError as exc:
            raise _usage(str(exc)) from None
    try:
        settings = configured().settings
    except ConfigError as exc:
        raise _usage(str(exc)) from None
    printer = _find_browser(browser) if pdf else None
    request = RenderRequest(
        tuple(paths),
        day,
        "html" if pdf else output_format,
        document,
        public,
        templates,
        reference_docx,
        draft,
        settings,
        open_cache(not no_cache),
        jobs or making_jobs(),
    )
    with _rendering():
        prepared = prepare_render(request)
    for note in prepared.skipped:
        typer.echo(f"samverkan: {note}", err=True)
    for problem in prepared.problems:
        typer.echo(f"samverkan: {problem}", err=True)
    count = len(prepared.names)
    if not count:
        typer.echo(_("samverkan: nothing to render"), err=True)
        raise typer.Exit(1)
    exit_code = EXIT_PROBLEMS if prepared.problems else EXIT_OK
    names = _some_names(prepared.names)
    if (out is None or out == "-") and count > 1:
        said = _("{n} documents ({names}); name a folder with --out DIR to write them")
        raise _usage(said.format(n=count, names=names))
    if one_file and count > 1:
        said = _("samverkan: --out {file} names one file, but there are {n} documents ({names}); name a folder")
        typer.echo(said.format(file=out, n=count, names=names), err=True)
        raise typer.Exit(1)
    if out is not None and out != "-" and not one_file and printer is None:
        # A folder: each document is written as it is made, and let go of.
        try:
            with _rendering():
                prepared.write(Path(out), request.jobs)
        except UnsafeOutput as exc:
            raise _usage(f"--out: {exc}") from None
        except OSError as exc:
            typer.echo(cannot_write(out, exc), err=True)
            raise typer.Exit(1) from None
        for name in prepared.names:
            typer.echo(_("wrote {file}").format(file=Path(out) / name), err=True)
        raise typer.Exit(exit_code)
    with _rendering():
        documents = list(prepared.documents())
    if out is None or out == "-":
        _print(documents[0])
        raise typer.Exit(exit_code)
    assert printer is not None or one_file
    if one_file:
        data = documents[0].data if printer is None else _printed(printer, documents, day)[0][1]
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)  # as --out DIR makes its folder
            write_atomic(Path(out), data)
        except OSError as exc:
            typer.echo(_("samverkan: cannot write {file}: {reason}").format(file=out, reason=exc.strerror), err=True)
            raise typer.Exit(1) from None
        typer.echo(_("wrote {file}").format(file=out), err=True)
        raise typer.Exit(exit_code)
    assert printer is not None
    files = _printed(printer, documents, day)
    try:
        write_all(Path(out), files)
    except UnsafeOutput as exc:
        raise _usage(f"--out: {exc}") from None
    except OSError as exc:
        typer.echo(cannot_write(out, exc), err=True)
        raise typer.Exit(1) from None
    for name, _data in files:
        typer.echo(_("wrote {file}").format(file=Path(out) / name), err=True)
    raise typer.Exit(exit_code)


@contextlib.contextmanager
def _rendering() -> Iterator[None]:
    """Read, plan or make documents with the cyclic collector paused; a template that cannot be
    used, or a reference document that cannot be read, is one line and exit 1."""
    from .collector import paused
    from .render import ReferenceProblem, TemplateProblem

    try:
        with paused():
            yield
    except TemplateProblem as exc:
        typer.echo(_("samverkan: template error: {error}").format(error=exc), err=True)
        raise typer.Exit(1) from None
    except ReferenceProblem as exc:
        typer.echo(f"samverkan: --reference-docx: {exc}", err=True)
        raise typer.Exit(1) from None


def cannot_write(out: Path | str, exc: OSError) -> str:
    """What ``render --out`` and ``site --out`` say when a file or folder cannot be written: the
    path that failed (a file inside ``out``, or ``out`` itself) and why; or, for a worker process
    that stopped (killed, say), that the work stopped and why."""
    if isinstance(exc, ChildProcessError):
        return _("samverkan: the work stopped: {reason}").format(reason=exc)
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        return _("samverkan: cannot write {file}: {reason}").format(file=exc.filename, reason=reason)
    return _("samverkan: cannot write to {folder}: {reason}").format(folder=out, reason=reason)


_OTHER_SUFFIXES = {"md": (".markdown",), "html": (".htm",)}
"""Suffixes a format's files may also have, besides its extension."""


def suffixes() -> dict[str, tuple[str, ...]]:
    """The file name suffixes of each ``--format``, from the render registry's extensions (and
    ``pdf``, the HTML printed): ``--out`` with one of them names a file, not a folder. Imported
    when asked for, so that the CLI starts without Jinja."""
    from .render.environment import EXTENSIONS

    return {
        output_format: (f".{extension}", *_OTHER_SUFFIXES.get(output_format, ()))
        for output_format, extension in {**EXTENSIONS, "pdf": "pdf"}.items()
    }


def _document_choices() -> tuple[str, ...]:
    """``--document``'s choices: the render registry's documents (imported when asked for)."""
    from .render.documents import DOCUMENTS

    return DOCUMENTS


def __getattr__(name: str) -> tuple[str, ...]:
    """``DOCUMENT_CHOICES``, the render registry's documents, imported when asked for."""
    if name == "DOCUMENT_CHOICES":
        return _document_choices()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _one_file(out: Path, output_format: str) -> bool:
    """Whether ``--out`` names the one file to write: an existing file, or a name ending in the
    format's suffix that is not a folder. A name ending in another format's suffix, or something
    that is neither a file nor a folder, is a usage error."""
    if out.is_dir():
        return False
    suffix = out.suffix.lower()
    known = suffixes()
    other = {s for f, names in known.items() if f != output_format for s in names}
    if suffix in other:
        raise _usage(f"--out: {out} is a {suffix} name, but --format is {output_format}")
    if out.exists() and not out.is_file():
        raise _usage(f"--out: {out} is neither a folder nor a file")
    return out.is_file() or suffix in known[output_format]


def _find_browser(named: str | None) -> str:
    """The browser to print with; without one, a one-line error and exit 1."""
    from .render.chromium import BROWSER_NAMES, find_browser

    found = find_browser(named)
    if found is None:
        if named:
            said = _("samverkan: --format pdf needs Chromium or Chrome: --browser {browser} cannot be run")
        else:
            said = _("samverkan: --format pdf needs Chromium or Chrome: none of {names} is on PATH")
        typer.echo(said.format(browser=named, names=", ".join(BROWSER_NAMES)), err=True)
        raise typer.Exit(1)
    return found


def _printed(browser: str, documents: "Sequence[Rendered]", day: dt.date) -> list[tuple[str, bytes]]:
    """Each HTML document as ``<id>.<document>.pdf`` and its bytes; a browser failure exits 1."""
    from .render import print_pdfs
    from .render.chromium import BrowserError

    try:
        pdfs = print_pdfs(browser, [(d.text, d.header) for d in documents], day)
    except BrowserError as exc:
        typer.echo(_("samverkan: cannot print with {browser}: {error}").format(browser=browser, error=exc), err=True)
        raise typer.Exit(1) from None
    return [(d.name.removesuffix(".html") + ".pdf", data) for d, data in zip(documents, pdfs, strict=True)]


_NAMES_SHOWN = 3
"""Documents named in a message about how many there are; a thousand names are no help."""


def _some_names(names: list[str]) -> str:
    """``a, b, c`` or ``a, b, c and 997 more``, in the current language."""
    if len(names) <= _NAMES_SHOWN:
        return ", ".join(names)
    more = len(names) - _NAMES_SHOWN
    said = ngettext("{names} and {n} more", "{names} and {n} more", more)
    return said.format(names=", ".join(names[:_NAMES_SHOWN]), n=more)

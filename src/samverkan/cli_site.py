"""``samverkan site``: a static site of the agreements, with a timeline, to look at.

Register it on the app with ``app.command("site")(site)``. The command parses its options,
calls :func:`samverkan.site.make_site`, which writes each file as it is made, and returns an
exit code: 0 written, 1 files left out because of errors (the rest is written), nothing to
show, a template error or a folder that cannot be written, 2 usage error.
"""

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_cache import NoCache
from .cli_lang import CommandLang
from .cli_render import RenderPublic, RenderTemplates
from .i18n import _, ngettext

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

DEFAULT_FOLDER = Path("agreements")

SitePaths = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        help="Files or folders to read (folders are searched for .yaml files; default: agreements/).",
        show_default=False,
    ),
]
SiteOut = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        metavar="DIR",
        help="The folder to write the site into (made if missing); nothing is written outside it.",
        show_default=False,
    ),
]
SiteJobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Processes that read the files and make the site (default: the CPUs this process may use, "
        "at most 4); the same files either way.",
        show_default=False,
    ),
]
SiteAsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The day the site shows the state on, YYYY-MM-DD (default: today).",
        show_default=False,
    ),
]


def default_jobs() -> int:
    """The default ``--jobs`` (:func:`~samverkan.cli_process.making_jobs`, as ``render``'s)."""
    from .cli_process import making_jobs

    return making_jobs()


def _usage(message: str) -> typer.Exit:
    typer.echo(f"Usage: samverkan site [OPTIONS] [PATHS]...\nError: {message}", err=True)
    return typer.Exit(2)


class _RichProgress:
    """A progress bar on standard error, one task per stage; gone when the command ends."""

    def __init__(self, progress: "Progress") -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def begin(self, label: str, total: int | None) -> None:
        if self.task is not None:
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task(label, total=total)

    def step(self) -> None:
        if self.task is not None:
            self.progress.advance(self.task)


def site(
    out: SiteOut,
    paths: SitePaths = None,
    as_of: SiteAsOf = None,
    templates: RenderTemplates = None,
    public: RenderPublic = False,
    no_cache: NoCache = False,
    jobs: SiteJobs = None,
    lang: CommandLang = None,
) -> None:
    """Build a static site: the agreements by municipality, a timeline, what is due, a calendar.

    It works offline from the file system and needs no JavaScript. Exit codes: 0 written,
    1 files with errors left out (the rest is written), nothing to show, a template error or a
    file that cannot be written, 2 usage error, 3 an internal error, 4 a file changed while it
    was read.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .cache import open_cache
    from .cli_render import cannot_write, configured_paths, templates_and_day
    from .collector import paused
    from .config import ConfigError
    from .console import message_console
    from .render import TemplateProblem, UnsafeOutput
    from .site import SiteRequest, make_site

    if out.exists() and not out.is_dir():
        raise _usage(f"--out: {out} is not a folder")
    configured = functools.cache(configured_paths)  # the configuration file is read once, if at all
    templates, day = templates_and_day(templates, as_of, _usage, configured)
    try:
        settings = configured().settings
    except ConfigError as exc:
        raise _usage(str(exc)) from None
    request = SiteRequest(tuple(paths or [DEFAULT_FOLDER]), day, public, templates, settings, open_cache(not no_cache))
    console = message_console()
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    reporter = _RichProgress(progress)
    with progress:
        try:
            with paused():
                result, written = make_site(request, out, reporter, jobs or default_jobs())
        except TemplateProblem as exc:
            progress.stop()
            typer.echo(_("samverkan: template error: {error}").format(error=exc), err=True)
            raise typer.Exit(1) from None
        except UnsafeOutput as exc:
            progress.stop()
            raise _usage(f"--out: {exc}") from None
        except OSError as exc:
            progress.stop()
            typer.echo(cannot_write(out, exc), err=True)
            raise typer.Exit(1) from None
        if not result.agreements and not result.promises:
            progress.stop()
            for problem in result.problems:
                typer.echo(f"samverkan: {problem}", err=True)
            typer.echo(_("samverkan: no agreements or citizen promises to show; nothing written"), err=True)
            raise typer.Exit(1)
    for problem in result.problems:
        typer.echo(f"samverkan: {problem}", err=True)
    counts = [ngettext("{n} agreement", "{n} agreements", result.agreements).format(n=result.agreements)]
    if result.promises:
        counts.append(
            ngettext("{n} citizen promise", "{n} citizen promises", result.promises).format(n=result.promises)
        )
    counts.append(
        ngettext("{n} municipality", "{n} municipalities", result.municipalities).format(n=result.municipalities)
    )
    wrote = ngettext(
        "wrote {n} file ({counts}) to {folder}; open {index}",
        "wrote {n} files ({counts}) to {folder}; open {index}",
        written,
    )
    typer.echo(wrote.format(n=written, counts=", ".join(counts), folder=out, index=out / "index.html"), err=True)
    sys.stderr.flush()
    raise typer.Exit(result.exit_code)

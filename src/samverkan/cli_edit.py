"""Commands that record what was done by editing the YAML in place.

``samverkan record follow-up``, ``samverkan record meeting`` and ``samverkan extend``. They
parse options, call :mod:`samverkan.api_edit` and return an exit code: 0 recorded (or, with
``--dry-run``, the diff printed; or the same entry found recorded already, nothing written),
1 refused (unknown agreement, rule or group; an id two files share; a date outside the
agreement's life without ``--force``; the same entry with other details; a file with errors;
an edit that would bring new errors; a failed write), 2 usage error (such as an impossible
date, or a control character in --note, --link or --outcome). The heavy modules are imported
inside the commands.
"""

import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_lang import CommandLang
from .i18n import _

if TYPE_CHECKING:
    from .api_edit import EditResult

record_app = typer.Typer(
    help="Record what was done: a follow-up, a meeting, a review, a consultation. The YAML is edited in place.",
    rich_markup_mode=None,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _day(value: str | None) -> str | None:
    """Check a ``YYYY-MM-DD`` option; an impossible date is a usage error (exit 2)."""
    from .dates import NotADay, parse_day  # only when a date is given: not on start-up

    if value is None:
        return None
    try:
        parse_day(value)
    except NotADay as exc:
        raise typer.BadParameter(exc.said()) from None
    return value


AgreementRef = Annotated[
    str,
    typer.Argument(metavar="AGREEMENT", help="The agreement's id, or the path of its YAML file.", show_default=False),
]
Note = Annotated[
    str | None, typer.Option("--note", metavar="TEXT", help="A note to keep with the entry.", show_default=False)
]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Print the diff and write nothing.")]
Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Record a date outside the agreement's life (before it began, or long after it ended) all the same.",
    ),
]
SearchPaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--path",
        metavar="PATH",
        help="Folder or file to look for the agreement in (default: agreements/); repeatable.",
        show_default=False,
    ),
]


def _run(edit: "Callable[..., EditResult]", *, dry_run: bool, path: list[Path] | None, force: bool) -> None:
    """Do the edit (``edit`` given what every edit takes: where to look, the project's
    configuration, whether to write, ``--force``), print the diff or the confirmation, and exit
    with the right code."""
    from .api_edit import EditError, project_config
    from .console import message_console

    messages = message_console()
    try:
        result = edit(paths=path or (), config=project_config(), write=not dry_run, force=force)
    except EditError as exc:
        messages.print(f"samverkan: {exc.said()}")
        for line in exc.details:
            messages.print(f"  {line.translate()}")
        raise typer.Exit(exc.exit_code) from None
    if result.unchanged:
        messages.print(result.summary.translate())
        raise typer.Exit(0)
    for finding in result.findings:
        messages.print(f"{finding.span}: {finding.severity.label}[{finding.code}] {finding.said()}")
    if dry_run:
        sys.stdout.write(result.diff)
        messages.print(_("dry run, nothing written: would have {summary}").format(summary=result.summary.translate()))
    else:
        messages.print(result.summary.translate())
    raise typer.Exit(0)


@record_app.command("follow-up")
def follow_up(
    agreement: AgreementRef,
    rule: Annotated[
        str,
        typer.Argument(
            metavar="RULE",
            help="The id of the follow-up in a 'schedule' (e.g. halvtidsuppfoljning).",
            show_default=False,
        ),
    ],
    date: Annotated[
        str,
        typer.Option(
            "--date", metavar="DATE", callback=_day, help="When it was done (YYYY-MM-DD).", show_default=False
        ),
    ],
    due: Annotated[
        str | None,
        typer.Option(
            "--due",
            metavar="DATE",
            callback=_day,
            help="The due date it answers, if not the earliest open one.",
            show_default=False,
        ),
    ] = None,
    note: Note = None,
    link: Annotated[
        str | None, typer.Option("--link", metavar="TEXT", help="Link or path to the report.", show_default=False)
    ] = None,
    dry_run: DryRun = False,
    path: SearchPaths = None,
    force: Force = False,
    lang: CommandLang = None,
) -> None:
    """Record a follow-up as done: add it to the 'done' list of the block that schedules it."""
    from .api_edit import record_follow_up

    _run(
        partial(record_follow_up, agreement, rule, date=date, due=due, note=note, link=link),
        dry_run=dry_run,
        path=path,
        force=force,
    )


@record_app.command("meeting")
def meeting(
    agreement: AgreementRef,
    group: Annotated[
        str, typer.Argument(metavar="GROUP", help="The id of the group (e.g. styrgrupp).", show_default=False)
    ],
    date: Annotated[
        str, typer.Option("--date", metavar="DATE", callback=_day, help="When it met (YYYY-MM-DD).", show_default=False)
    ],
    note: Note = None,
    dry_run: DryRun = False,
    path: SearchPaths = None,
    force: Force = False,
    lang: CommandLang = None,
) -> None:
    """Record a meeting a group held: add it to the group's 'meetings'.

    A meeting belongs within the agreement's period (as extended); another day needs --force."""
    from .api_edit import record_meeting

    _run(partial(record_meeting, agreement, group, date=date, note=note), dry_run=dry_run, path=path, force=force)


@record_app.command("review")
def review(
    agreement: AgreementRef,
    date: Annotated[
        str,
        typer.Option(
            "--date", metavar="DATE", callback=_day, help="When the review was held (YYYY-MM-DD).", show_default=False
        ),
    ],
    note: Note = None,
    link: Annotated[
        str | None,
        typer.Option("--link", metavar="URL", help="Where the minutes or decision are (a link or a path)."),
    ] = None,
    dry_run: DryRun = False,
    path: SearchPaths = None,
    force: Force = False,
    lang: CommandLang = None,
) -> None:
    """Record a review (översyn) of an open-ended agreement: add it to 'reviews'.

    The next review then falls N years after this one (review_every_years)."""
    from .api_edit import record_review

    _run(partial(record_review, agreement, date=date, note=note, link=link), dry_run=dry_run, path=path, force=force)


@record_app.command("consultation")
def consultation(
    agreement: AgreementRef,
    date: Annotated[
        str,
        typer.Option(
            "--date",
            metavar="DATE",
            callback=_day,
            help="When the consultation was held (YYYY-MM-DD).",
            show_default=False,
        ),
    ],
    outcome: Annotated[
        str | None,
        typer.Option("--outcome", metavar="TEXT", help="What it led to, e.g. 'ingen förlängning'."),
    ] = None,
    note: Note = None,
    dry_run: DryRun = False,
    path: SearchPaths = None,
    force: Force = False,
    lang: CommandLang = None,
) -> None:
    """Record a consultation on extension that was held: add it to 'consultations'.

    Use it when the consultation did not lead to an extension; an extension is recorded with
    `samverkan extend`."""
    from .api_edit import record_consultation

    _run(
        partial(record_consultation, agreement, date=date, outcome=outcome, note=note),
        dry_run=dry_run,
        path=path,
        force=force,
    )


def extend(
    agreement: AgreementRef,
    decided: Annotated[
        str,
        typer.Option(
            "--decided",
            metavar="DATE",
            callback=_day,
            help="When the extension was decided (YYYY-MM-DD).",
            show_default=False,
        ),
    ],
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="DATE",
            callback=_day,
            help="The new last day (YYYY-MM-DD); leave out to compute it from the extension clause.",
            show_default=False,
        ),
    ] = None,
    note: Note = None,
    dry_run: DryRun = False,
    path: SearchPaths = None,
    force: Force = False,
    lang: CommandLang = None,
) -> None:
    """Record an extension decision: add it to the agreement's 'extensions'."""
    from .api_edit import extend as record_extension

    _run(
        partial(record_extension, agreement, decided=decided, until=until, note=note),
        dry_run=dry_run,
        path=path,
        force=force,
    )

"""``--as-of``: the date a command computes for, the one place samverkan reads the clock.

Shared by ``due``, ``status`` and ``diff`` (in a module of its own, so that ``cli_diff`` need
not import ``cli``).
"""

import datetime as dt
from typing import Annotated

import typer


def parse_as_of(value: str | None) -> dt.date:
    """The date given, or today (``None``); a malformed date is a usage error."""
    if value is None:
        return dt.date.today()  # the one place samverkan reads the clock
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint="--as-of") from None


AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The date to compute for, YYYY-MM-DD (default: today).",
        show_default=False,
    ),
]

__all__ = ["AsOf", "parse_as_of"]

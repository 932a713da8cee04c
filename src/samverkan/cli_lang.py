"""``--lang``, before the command (``samverkan --lang sv due``) or after it (``samverkan due --lang sv``).

:func:`use_language` sets the language of what is printed and keeps the ``--lang`` given in the
root context's ``obj`` (``{"lang": "sv"}``; ``None`` when the language comes from the locale),
where ``due`` reads it for the calendar. :data:`CommandLang` is the option each command takes;
given after the command, it wins over one before it.
"""

from typing import Annotated

import typer

from .cli_complete import completes
from .cli_help import LANG_HELP
from .i18n import LANGUAGES, choose, set_language


def use_language(ctx: typer.Context, lang: str | None) -> None:
    """Print in ``lang`` (``None``: the locale's language); a value other than sv or en is a usage error."""
    if lang is not None and lang.strip().lower() not in LANGUAGES:
        raise typer.BadParameter(f"choose from {', '.join(LANGUAGES)}", param_hint="--lang")
    set_language(choose(lang))
    root = ctx.find_root()
    if not isinstance(root.obj, dict):
        root.obj = {}
    root.obj["lang"] = lang.strip().lower() if lang is not None else None


def _after_the_command(ctx: typer.Context, value: str | None) -> None:
    if value is not None and not ctx.resilient_parsing:
        use_language(ctx, value)


CommandLang = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        callback=_after_the_command,
        is_eager=True,
        expose_value=False,
        autocompletion=completes(lambda: LANGUAGES),
        help=LANG_HELP,
        show_default=False,
    ),
]

__all__ = ["LANG_HELP", "CommandLang", "use_language"]

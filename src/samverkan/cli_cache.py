"""``--no-cache``: shared by every command that reads files through the cache (``validate``,
``due``, ``status``, ``render``, ``site``), in a module of its own so that ``cli_render`` and
``cli_site`` need not import ``cli``."""

from typing import Annotated

import typer

NoCache = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Neither read nor write results in the cache (see SAMVERKAN_CACHE_DIR in the README); "
        "compiled code (the schema's validator, the templates) is still kept there, unless "
        "SAMVERKAN_NO_CACHE=1.",
    ),
]

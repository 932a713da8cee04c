"""One console for data (stdout) and one for messages (stderr); markup is off for both.

Text from users' files can hold ``[brackets]``; with markup and highlighting off, Rich
prints it as it is. Rich honours ``NO_COLOR`` and prints plain text when not on a terminal.
"""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console


def data_console(file: TextIO | None = None, *, force_terminal: bool | None = None) -> Console:
    return Console(
        file=file or sys.stdout,
        markup=False,
        highlight=False,
        emoji=False,
        soft_wrap=True,
        force_terminal=force_terminal,
    )


def message_console(file: TextIO | None = None) -> Console:
    return Console(file=file or sys.stderr, markup=False, highlight=False, emoji=False, soft_wrap=True)

"""``samverkan --help`` without Typer: the program's options and commands, listed as Typer lists them.

``samverkan --help`` is what a new user runs first and what shell tools run to learn the
commands. Typer takes some 50 ms to import before it prints a line; the listing itself is a few
fixed texts laid out in a width that the terminal decides. So :func:`listing` lays them out as
Typer's Click does (its ``HelpFormatter``: usage, help text, definition lists; its short help of a
command), from the texts here, which :mod:`samverkan.cli` gives Typer too: the program's help and
its options' help. The commands' first paragraphs, in :data:`COMMANDS`, are those of their help in
:mod:`samverkan.cli`.

``tests/test_cli_help.py`` compares :func:`listing` with Typer's ``samverkan --help`` at every
width Click lays help out in (50 to 78 columns), and :data:`COMMANDS` with the app's commands.
Any other command line goes to Typer, and so does ``--help`` wherever Typer's would differ
(:func:`fast_help`) or a shell asks for completions (:func:`samverkan.cli_fast.completing`).
"""

import sys
from collections.abc import Sequence

PROGRAM_HELP = "Collaboration agreements between a municipality and the police, kept as YAML."
"""The program's help text, under its usage line."""

VERSION_HELP = "Show the version and exit."

LANG_HELP = (
    "Language of what is printed: sv or en (default: from LC_ALL, LC_MESSAGES or LANG; else en). "
    "Codes, JSON and SARIF stay English; the calendar is Swedish unless --lang en."
)
"""The help of every command's ``--lang``; the program's adds :data:`LANG_AFTER`."""

LANG_AFTER = " Also after the command."

USAGE = "[OPTIONS] COMMAND [ARGS]..."

OPTIONS = (
    ("--version", VERSION_HELP),
    ("--lang LANG", LANG_HELP + LANG_AFTER),
    ("--install-completion", "Install completion for the current shell."),
    ("--show-completion", "Show completion for the current shell, to copy it or customize the installation."),
    ("-h, --help", "Show this message and exit."),
)
"""The program's options as Typer lists them: its own, then Typer's."""

COMMANDS = (
    ("validate", "Check every agreement file: schema, dates and cross-file rules."),
    ("due", "List what is due: follow-ups, meetings, extension decisions, expiries, renewals."),
    ("status", "One line per agreement, grouped by municipality with its chain of agreements."),
    ("schema", "Print the JSON Schema (draft-07) of samverkan files, for editors; or write it to a folder."),
    ("extend", "Record an extension decision: add it to the agreement's 'extensions'."),
    ("render", "Render agreements, action plans, follow-up reports, citizen promises and case memos."),
    ("new", "Start a new agreement: a commented YAML file that passes `samverkan validate`."),
    ("site", "Build a static site: the agreements by municipality, a timeline, what is due, a calendar."),
    (
        "diff",
        "Show what changed between two versions: period, extension, parties, goals, activities, "
        "follow-ups and meetings, and the deadlines that moved.",
    ),
    ("record", "Record what was done: a follow-up, a meeting, a review, a consultation. The YAML is edited in place."),
)
"""Each command, in the order Typer lists them, with the first paragraph of its help (its lines
joined by spaces)."""

COLUMN_MAX = 30
"""Click's widest first column of a definition list; a longer name puts its help on the next line."""


def width() -> int:
    """The width Click lays help out in: the terminal's (``COLUMNS`` first), at most 78, at least 50."""
    import shutil  # here, as textwrap below: ``validate`` imports this module and needs neither

    return max(min(shutil.get_terminal_size().columns, 80) - 2, 50)


def listing(program: str, columns: int) -> str:
    """``program --help``, laid out in ``columns``, as Typer prints it (with its last newline)."""
    lines = [_usage(program, columns), "\n", _wrap(PROGRAM_HELP, columns, "  "), "\n"]
    lines += ["\n", "Options:\n", *_definitions(OPTIONS, columns)]
    limit = columns - 6 - max(len(name) for name, _ in COMMANDS)
    commands = [(name, short_help(text, limit)) for name, text in COMMANDS]
    lines += ["\n", "Commands:\n", *_definitions(commands, columns)]
    return "".join(lines)


def short_help(text: str, limit: int) -> str:
    """A command's help in a listing, as Click shortens it: its first sentence if that fits in
    ``limit`` characters, else as many words as fit with ``...``."""
    words = text.split()
    length = 0
    for i, word in enumerate(words):
        length += len(word) + (i > 0)
        if length > limit:
            break
        if word.endswith("."):
            return " ".join(words[: i + 1])
        if length == limit and i != len(words) - 1:
            break
    else:
        return " ".join(words)
    length += len("...")
    while i > 0:
        length -= len(words[i]) + (i > 0)
        if length <= limit:
            break
        i -= 1
    return " ".join(words[:i]) + "..."


def _usage(program: str, columns: int) -> str:
    prefix = f"Usage: {program} "
    if columns >= len(prefix) + 20:
        return _wrap(USAGE, columns, prefix, " " * len(prefix)) + "\n"
    indent = " " * (len("Usage: ") + 4)
    return prefix + "\n" + _wrap(USAGE, columns, indent) + "\n"


def _definitions(rows: Sequence[tuple[str, str]], columns: int, indent: int = 2) -> list[str]:
    """Click's definition list: names in a first column, their help wrapped beside them."""
    first = min(max(len(name) for name, _ in rows), COLUMN_MAX) + 2
    text_width = max(columns - first - 2, 10)
    lines = []
    for name, text in rows:
        head = " " * indent + name
        head += " " * (first - len(name)) if len(name) <= first - 2 else "\n" + " " * (first + indent)
        wrapped = _wrap(text, text_width).splitlines()
        lines.append(head + wrapped[0] + "\n")
        lines += [" " * (first + indent) + line + "\n" for line in wrapped[1:]]
    return lines


def _wrap(text: str, columns: int, first: str = "", rest: str | None = None) -> str:
    import textwrap

    wrapper = textwrap.TextWrapper(
        columns, initial_indent=first, subsequent_indent=first if rest is None else rest, replace_whitespace=False
    )
    return wrapper.fill(text)


def fast_help(args: Sequence[str], program: str) -> str | None:
    """What ``program --help`` (or ``-h``) prints, or ``None`` for any other command line, and
    where Typer's would differ from :func:`listing`: for ``python -m samverkan`` (whose usage line
    Click writes), a program name that is not plain printable ASCII (Click writes it in the output's
    encoding, without escape codes), and with docstrings stripped (``python -OO``: Typer lists
    those commands without their help)."""
    if list(args) not in (["--help"], ["-h"]) or sys.flags.optimize >= 2:
        return None
    if getattr(sys.modules.get("__main__"), "__package__", None) not in (None, ""):
        return None  # python -m samverkan: Click names the program "python -m samverkan"
    if not (program.isascii() and program.isprintable()):
        return None
    return listing(program, width())


__all__ = ["COMMANDS", "LANG_HELP", "OPTIONS", "PROGRAM_HELP", "VERSION_HELP", "fast_help", "listing", "width"]

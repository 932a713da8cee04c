"""Shell completion of option values: each option with a fixed set of values completes from the
registry or tuple the command checks its value against, never from a copy of it.

``completes(source)`` is an ``autocompletion=`` callback for ``typer.Option``; ``source`` is
called only when the shell asks, so a registry that is heavy to import (the rules, the
reporters) is imported then and not when the command runs.
"""

from collections.abc import Callable, Iterable


def completes(source: Callable[[], Iterable[str]]) -> Callable[[str], list[str]]:
    """A completion callback offering the values of ``source()`` that start with what is typed
    (any case), sorted."""

    def complete(incomplete: str) -> list[str]:
        typed = incomplete.casefold()
        return sorted(v for v in source() if v.casefold().startswith(typed))

    return complete


def reporter_names() -> list[str]:
    """``validate --format``: the reporters' keys."""
    from .reporters import REPORTERS

    return list(REPORTERS)


def kind_names() -> list[str]:
    """``due --kind``: the kinds of obligation."""
    from .obligations import Kind

    return [k.value for k in Kind]


def rule_codes() -> list[str]:
    """``validate --select`` and ``--ignore``: every rule and schema code."""
    from .config import known_codes

    return known_codes()


__all__ = ["completes", "kind_names", "reporter_names", "rule_codes"]

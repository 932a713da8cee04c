"""Problems in user data, as values.

A :class:`Diagnostic` is what every stage (loader, schema, rules) produces when the
data is wrong. It carries a stable code, a severity and a :class:`Span` so that
editors and CI can jump to the place. Its message and hint are
:class:`~samverkan.i18n.Message` values, English message ids with named parameters:
the reporters a person reads translate them when they print, while JSON, SARIF and JUnit
print them in English whatever the language.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from .i18n import N_, Language, Message, MessageError


class Severity(enum.IntEnum):
    """How serious a finding is. Ordered: ``ERROR > WARNING > NOTICE``."""

    NOTICE = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """The severity named ``text`` (any case); :class:`UnknownSeverity` otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise UnknownSeverity(
                N_("unknown severity {level} (choose from {choices})", level=repr(text), choices=choices)
            ) from None


class UnknownSeverity(MessageError, ValueError):
    """A severity that is not ``error``, ``warning`` or ``notice``."""


@dataclass(frozen=True, order=True)
class Span:
    """A place in a file. ``line`` and ``col`` are 1-based; 0 means "the whole file"."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


class LazySpan(Span):
    """A :class:`Span` whose line and column are looked up only when first asked for.

    Finding a place may mean reading a file again for its positions (a file read the fast way
    keeps none, see :meth:`samverkan.source.SourceFile.span`); an obligation or a status that is
    never printed with its place then costs nothing. It equals, hashes, orders and pickles as
    the plain :class:`Span` it stands for."""

    def __init__(self, path: str, find: Callable[[], Span]) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "_find", find)
        object.__setattr__(self, "_found", None)

    def resolved(self) -> Span:
        """The plain span, looked up once."""
        found: Span | None = self.__dict__["_found"]
        if found is None:
            found = self.__dict__["_find"]()
            object.__setattr__(self, "_found", found)
            object.__setattr__(self, "_find", None)
        return found

    @property
    def line(self) -> int:
        return self.resolved().line

    @property
    def col(self) -> int:
        return self.resolved().col

    def _key(self) -> tuple[str, int, int]:
        found = self.resolved()
        return (found.path, found.line, found.col)

    def __reduce__(self) -> tuple[Any, ...]:
        found = self.resolved()
        return (Span, (found.path, found.line, found.col))

    def __repr__(self) -> str:
        return repr(self.resolved())

    def __hash__(self) -> int:
        return hash(self._key())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self._key() == (other.path, other.line, other.col)

    def __ne__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self._key() != (other.path, other.line, other.col)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self._key() < (other.path, other.line, other.col)

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self._key() <= (other.path, other.line, other.col)

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self._key() > (other.path, other.line, other.col)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return self._key() >= (other.path, other.line, other.col)


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a rule code, a severity, a message and where it is."""

    code: str
    severity: Severity
    message: Message
    span: Span
    hint: Message | None = field(default=None, compare=False)
    data: tuple[tuple[str, int | str], ...] = field(default=(), compare=False)
    """Numbers and dates the message states, as fields for JSON (``(("days", 117),)``)."""

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)

    @property
    def english(self) -> str:
        """The message in English: what JSON, SARIF and JUnit print, whatever the language."""
        return self.message.english()

    @property
    def english_hint(self) -> str | None:
        return self.hint.english() if self.hint is not None else None

    def said(self, lang: Language | None = None) -> str:
        """The message in ``lang``, by default the current language."""
        return self.message.translate(lang)

    def hint_said(self, lang: Language | None = None) -> str | None:
        """The hint in ``lang``, by default the current language."""
        return self.hint.translate(lang) if self.hint is not None else None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.span.path, self.span.line, self.span.col, self.code, self.english)


def sort_diagnostics(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Diagnostics in a stable order: by file, line, column, code, message."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)

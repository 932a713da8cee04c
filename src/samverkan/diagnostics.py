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
from dataclasses import dataclass, field, replace
from typing import Protocol

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


class Where(Protocol):
    """A place that says its file, line and column: a :class:`Span`, or a
    :class:`~samverkan.source.Place` that reads its line and column only when asked."""

    @property
    def path(self) -> str: ...

    @property
    def line(self) -> int: ...

    @property
    def col(self) -> int: ...


def leaves_no_document(code: str) -> bool:
    """Whether an error with ``code`` leaves its file without a document: a reading or schema
    error (``SV0xx``), but a duplicate key (``SV002``), after which the first value is kept.
    Such an error stays an error whatever the configuration says (:func:`samverkan.api.examine`)."""
    return code.startswith("SV0") and code != "SV002"


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

    def located(self) -> Diagnostic:
        """This finding with its line and column read (a place in a file reads them only when
        asked: :class:`samverkan.source.Place`), so that it can be kept or sent on as it is."""
        where = self.span
        if type(where) is Span:
            return self
        return replace(self, span=Span(where.path, where.line, where.col))

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

"""The language of what a person reads: gettext catalogs compiled from ``locale/*/LC_MESSAGES/samverkan.po``.

The language is ``--lang sv|en``, else the locale (the first non-empty of ``LC_ALL``,
``LC_MESSAGES`` and ``LANG``; ``sv…`` is Swedish), else English. English is the source text:
it needs no catalog. Codes, severities, JSON, SARIF and JUnit stay English whatever the language.

Text built far from where it is printed (the obligations' texts, every finding of ``validate``)
is a :class:`Message`: a message id and its named parameters, translated when printed. ``N_``
and ``Nn_`` mark such ids for ``pybabel extract`` (see ``babel.cfg``); ``_``, ``ngettext`` and
``pgettext`` translate now.
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Union

DOMAIN = "samverkan"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
Language = Literal["en", "sv"]
LANGUAGES: tuple[Language, ...] = ("en", "sv")
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def language_from_env(env: Mapping[str, str] | None = None) -> Language:
    """``sv`` when the first non-empty of ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` starts with ``sv``."""
    values = os.environ if env is None else env
    for name in LOCALE_VARIABLES:
        value = values.get(name)
        if value:
            return "sv" if value.strip().lower().startswith("sv") else "en"
    return "en"


def choose(lang: str | None, env: Mapping[str, str] | None = None) -> Language:
    """``lang`` when given (``sv``/``en``, any case, ``sv_SE`` counts as ``sv``), else the locale's."""
    if lang:
        return "sv" if lang.strip().lower().startswith("sv") else "en"
    return language_from_env(env)


@functools.cache
def translations(lang: Language) -> gettext.NullTranslations:
    """The compiled catalog of ``lang``, read once a process; English (and a missing catalog)
    translates nothing."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


_current: list[Language] = ["en"]


def set_language(lang: Language) -> None:
    _current[0] = lang


def current() -> Language:
    return _current[0]


@contextmanager
def language(lang: Language) -> Iterator[None]:
    """Translate into ``lang`` inside the block (the calendar is Swedish whatever the language)."""
    before = _current[0]
    _current[0] = lang
    try:
        yield
    finally:
        _current[0] = before


def _(message: str) -> str:
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations(current()).pgettext(context, message)


Param = Union[str, int, "Message"]


@dataclass(frozen=True, slots=True)
class Message:
    """A message id (and plural) with ``str.format`` parameters, translated when printed;
    a parameter that is itself a :class:`Message` is translated too."""

    singular: str
    plural: str | None = None
    n: int = 1
    params: tuple[tuple[str, Param], ...] = ()

    def translate(self, lang: Language | None = None) -> str:
        lang = current() if lang is None else lang
        if lang == "en":  # the message ids are the English: what gettext's NullTranslations gives
            text = self.singular if self.plural is None or self.n == 1 else self.plural
        elif self.plural is None:
            text = translations(lang).gettext(self.singular) if self.singular else ""
        else:
            text = translations(lang).ngettext(self.singular, self.plural, self.n)
        values = {k: v.translate(lang) if isinstance(v, Message) else v for k, v in self.params}
        return text.format(**values) if values else text

    def english(self) -> str:
        """:meth:`translate` into English, which has no catalog: the source text."""
        return self.translate("en")

    def fill(self, /, **params: Param) -> Message:
        """This message with more parameters: for an id marked with ``N_`` before its values are known."""
        return replace(self, params=(*self.params, *params.items()))

    def counted(self, n: int) -> Message:
        """This message for a count of ``n``: the plural form and the ``{n}`` parameter both follow it."""
        return replace(self, n=n, params=(*(p for p in self.params if p[0] != "n"), ("n", n)))


class MessageError(Exception):
    """An error whose reason is a :class:`Message`: ``str()`` is its English, :meth:`said` the
    reader's language."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.english())
        self.message = message

    def said(self) -> str:
        return self.message.translate()


def N_(message: str, /, **params: Param) -> Message:
    """Mark ``message`` for extraction; translated when printed."""
    return Message(message, params=tuple(params.items()))


def Nn_(singular: str, plural: str, n: int, /, **params: Param) -> Message:
    """Mark a singular and plural for extraction; ``{n}`` is the count."""
    return Message(singular, plural, n, tuple({"n": n, **params}.items()))


def verbatim(text: str, /, **params: Param) -> Message:
    """A pattern that needs no translation (``{first}–{last} {year}``), around parameters that may."""
    return Message(text, params=tuple(params.items())) if params else Message("{text}", params=(("text", text),))


def joined(separator: str, parts: Sequence[Param]) -> Message:
    """``parts`` (each translated if it is a :class:`Message`) with ``separator`` between them."""
    names = [f"p{i}" for i in range(len(parts))]
    return Message(separator.join(f"{{{name}}}" for name in names), params=tuple(zip(names, parts, strict=True)))


__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Language",
    "Message",
    "MessageError",
    "Nn_",
    "_",
    "choose",
    "current",
    "joined",
    "language",
    "language_from_env",
    "ngettext",
    "pgettext",
    "set_language",
    "translations",
    "verbatim",
]

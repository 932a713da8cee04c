"""Escaping for Markdown (CommonMark with pipe tables), so that text from users stays inert.

The Markdown templates escape every ``{{ … }}`` by themselves: the environment runs
:func:`finalize` on each value before Jinja's autoescape, and it returns the value escaped for
Markdown, marked safe. What templates write themselves (and what macros, ``super()`` and
``{% set %}`` blocks return, which Jinja marks safe) is left alone.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from markupsafe import Markup

# Characters that start inline markup anywhere in a line: code, emphasis, links, raw HTML and
# autolinks, table cells, strikethrough; the backslash itself.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An entity or numeric character reference (``&amp;``, ``&#60;``) would be decoded.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What starts a block at the beginning of a line: headings, list items, thematic breaks and
# setext underlines; an ordered list item's ``1.`` or ``1)``.
_BLOCK_START = re.compile(r"^(\s*)([#+=-])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")


# Whether a line may need any of the above: without a match it is left as it is.
_MAYBE = re.compile(r"[\\`*_\[\]<>|~&]|^\s*[#+=\d-]|\n|^\s")


def md_escape(text: object) -> str:
    """``text`` with everything Markdown would read as markup escaped by a backslash.

    Lines after the first lose their leading spaces (four would start a code block); the first,
    which continues a line of the template, keeps at most one. Line breaks are kept, so a
    template decides whether they end a paragraph.
    """
    text = str(text)
    if _MAYBE.search(text) is None:  # most values: one line of plain words
        return text
    return _escaped(text)


@functools.lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    lines = []
    for number, raw in enumerate(text.split("\n")):
        line = raw.lstrip()
        if not number and line != raw:
            line = " " + line
        line = _INLINE.sub(r"\\\1", line)
        line = _ENTITY.sub(r"\\&", line)
        line = _BLOCK_START.sub(r"\1\\\2", line)
        line = _ORDERED.sub(r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def finalize(value: Any) -> Any:
    """Every ``{{ value }}`` of a Markdown template: safe values as they are, the rest escaped."""
    if hasattr(value, "__html__"):
        return value
    return Markup(md_escape(value))


def md_filter(value: Any) -> Markup:
    """The ``md`` filter: escape for Markdown explicitly (e.g. in a user's own template)."""
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(md_escape(value))

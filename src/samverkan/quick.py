"""The fast read: a file's data without positions, for the files that need none.

Most files have no finding at all, so no line or column is ever shown for them. Those are
read by `yaml-rs <https://pypi.org/project/yaml-rs/>`_ (a Rust YAML 1.2 parser) straight to
Python data, several times faster than building the located tree of :mod:`samverkan.source`;
a file's positions are computed from its text only when something in it is reported
(:meth:`samverkan.source.SourceFile.span`).

The two readings must give the same data, or the fast one must step aside. :func:`quick_data`
returns ``None`` ("read it the located way") for every file where they could differ or where
the located reader has something to say:

* bytes the located reader refuses or treats with care: control characters, tabs, NEL, LS
  and PS, a backslash (a double-quoted escape could write a control character);
* what samverkan refuses: anchors, aliases, tags, directives, several documents;
* a flow collection (``[…]``, ``{…}``) holding a stray quote, a ':' not followed by a space, a '?',
  or an item starting with a sign: libyaml refuses some of these, yaml-rs reads them;
* number spellings that YAML 1.2's core schema reads as text and yaml-rs as a number
  (``1_000``, ``0xA_F``, ``0b101``, ``+0x1F``, ``0X1F``, ``0O17``);
* U+FFFE and U+FFFF, which libyaml refuses;
* a file that does not end with a line break, or ends with the header of an empty block
  scalar (``text: |``), where yaml-rs adds a line break that libyaml does not;
* whatever yaml-rs refuses (a syntax error, a duplicate key), a top level that is not a
  mapping, a key that is not text or is close to libyaml's 1,024-character limit, nesting
  deeper or values more than the located reader accepts.

``tests/test_quick.py`` proves the rest: on every file in ``tests/cases/``, a generated
corpus with broken files and generated scalars of every type, a file read here has exactly
the data (and so the findings) of the located reading. ``SAMVERKAN_FAST_YAML=0`` turns the
fast read off.
"""

from __future__ import annotations

import os
import re
from typing import Any

__all__ = ["enabled", "quick_data"]

_REFUSED = re.compile(r"[\x00-\x08\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\\]")
"""Controls, tab, NEL, LS, PS, a BOM inside the text, U+FFFE and U+FFFF (which libyaml refuses
as it refuses controls), a backslash."""
_NODE_PROPERTY = re.compile(r"[&*!](?=\S)")
"""An anchor, an alias or a tag, where it starts a token (:func:`_at_token`)."""
_UNDERSCORE = re.compile(r"_(?:(?<=\d_)|(?=\d))")
_ZERO_BASE = re.compile(r"0[bBoOxX]")
_BASE_UNDERSCORE = re.compile(r"0[xXoO][0-9a-fA-F]*_")
"""``0xA_F``: yaml-rs reads digits with underscores in any base."""
_FLOW = "[{"
"""A flow collection, where it starts a token (after one of the characters :func:`_at_token` takes)."""
_TIGHT_COLON = re.compile(r":\S")
_INDICATOR_FIRST = re.compile(r"[\[\{,]\s*[^\s\w\"'\[\]\{\},]")
"""A ':' or a '?' inside a plain scalar of a flow collection (``[12:30]``, ``[https://…]``,
``{unit: vad?}``), or a scalar there that starts with an indicator (``{>a: b}``): libyaml
refuses some of these (YAML 1.1), yaml-rs reads them (YAML 1.2)."""
_FLOW_TOKEN = re.compile(
    r"""(?P<quoted>(?<=[\[\{,\s])(?:'(?:[^']|'')*'|"[^"]*"))|(?P<bracket>[\[\]{}])|(?P<stray>['"])"""
)
"""In a flow collection: a quoted item (after '[', '{', ',' or a space), a bracket, or a quote elsewhere."""
_MARKER = re.compile(r"^(?:---|\.\.\.)(?=[ \t\r\n]|$)", re.MULTILINE)
_BEFORE_START = re.compile(r"(?:[ \t]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*")
"""Blank and comment lines: what may stand before a document's one ``---``."""
_DEEP_LINE = re.compile(r"(?:^|[\r\n])[ ?:-]{24}")
"""A line whose block indentation and indicators (``- - ``, ``? ``) could nest 24 levels."""
_DEEP_LF_LINE = re.compile(r"\n[ ?:-]{24}")
_BRACKETS = "[]{}"
_DEEPEST_FLOW = 16
"""With at most 24 levels of block nesting and 16 of brackets, no file reaching yaml-rs nests
as deep as :data:`samverkan.source.MAX_DEPTH` (48): yaml-rs crashes on a million levels."""

_EMPTY_BLOCK_AT_END = re.compile(r"[|>][-+1-9]{0,2}(?:[ \t]+#.*)?$")
"""The header of a block scalar (``text: |``) as the last thing in a file: libyaml reads the
empty text there as ``""``, yaml-rs as ``"\n"``."""

_LONGEST_KEY = 1000
"""libyaml refuses a key of more than 1,024 characters; leave the neighbourhood to it."""


_NARROW_KEPT = bytes(c for c in range(256) if not (c < 0x20 or 0x7F <= c <= 0x9F or c == 0x5C) or c in b"\n\r")
"""The Latin-1 bytes that :data:`_REFUSED` lets pass (the line breaks too: they are read)."""
_WIDE_KEPT = bytes(c for c in range(256) if not (c < 0x20 or c in b"\x7f\\\xc2") or c in b"\n\r")
"""The UTF-8 bytes that cannot be part of a refused ASCII character or a C1 control: every byte
but the refused ASCII ones and ``\\xc2``, the first byte of U+0080–U+00BF."""
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_WIDE_REFUSED = "\u2028\u2029\ufeff\ufffe\uffff"


def _refused(text: str) -> bool:
    """``_REFUSED.search(text) is not None``, several times faster: a regular expression scans
    a character class at about 5 ns a character; :meth:`bytes.translate` and a search for one
    character take well under one. Text of Latin-1 characters only is encoded as it is held
    (one byte a character) and the refused bytes looked for; other text is searched for each
    refused character above U+00FF, and its UTF-8 for the others."""
    try:
        narrow = text.encode("latin-1")
    except UnicodeEncodeError:
        pass
    else:
        return bool(narrow.translate(None, _NARROW_KEPT))
    if any(char in text for char in _WIDE_REFUSED):
        return True
    wide = text.encode("utf-8", "surrogatepass")
    left = wide.translate(None, _WIDE_KEPT)
    if not left:
        return False
    if left.translate(None, b"\xc2"):
        return True  # an ASCII control, DEL or a backslash
    return _C1_UTF8.search(wide) is not None


def _steps_aside(text: str) -> bool:
    """Whether the fast read must leave ``text`` to the located one (the module's docstring).
    Each regular expression runs only when a plain ``in`` finds a character it needs."""
    if _refused(text):
        return True
    if not text.endswith(("\n", "\r")):
        return True  # a block scalar ending the file without a line break: yaml-rs adds one
    last = text.rstrip().rsplit("\n", 1)[-1].rsplit("\r", 1)[-1]
    if ("|" in last or ">" in last) and _EMPTY_BLOCK_AT_END.search(last) is not None:
        return True
    if ("&" in text or "*" in text or "!" in text) and _at_token(text, _NODE_PROPERTY, " \t\r\n[{,"):
        return True
    if "%" in text and (text.startswith("%") or "\n%" in text or "\r%" in text):
        return True  # a directive
    if "_" in text and _UNDERSCORE.search(text) is not None:
        return True  # 1_000: a number to yaml-rs, text to YAML 1.2's core schema; so are the next
    if "_" in text and _BASE_UNDERSCORE.search(text) is not None:
        return True
    for zero in _ZERO_BASE.finditer(text):  # 0b101, 0B1, 0O17, 0X1F, +0x1F, -0o17
        at = zero.start()
        if zero.group()[1] in "bBOX" or (at > 0 and text[at - 1] in "+-"):
            return True
    if ("---" in text or "..." in text) and not _one_document(text):
        return True
    if _may_be_deep(text):
        return True
    if "[" in text or "{" in text:
        flows = [at for at in _found(text, _FLOW) if at == 0 or text[at - 1] in " \t\r\n:,[{-"]
        return any(_doubtful_flow(text, start) for start in flows)
    return False


def _at_token(text: str, pattern: re.Pattern[str], before: str) -> list[int]:
    """Where ``pattern`` matches at the start of the text or after one of ``before`` (a regular
    expression that looks behind first would not skip ahead to its candidates)."""
    return [m.start() for m in pattern.finditer(text) if m.start() == 0 or text[m.start() - 1] in before]


def _found(text: str, chars: str) -> list[int]:
    """Where each of ``chars`` is in ``text``, in order: :meth:`str.find` for each (a search for
    one character is far faster than a regular expression's scan for a class of them)."""
    out: list[int] = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            out.append(at)
            at = text.find(char, at + 1)
    out.sort()
    return out


def _doubtful_flow(text: str, start: int) -> bool:
    """Whether the flow collection at ``start`` holds what libyaml and yaml-rs read apart: a
    ':' or a '?' inside a plain scalar, or an item starting with an indicator; or a quote that
    does not start an item (an apostrophe in a plain word could hide the collection's end); or
    no end. Quoted items are passed over whole."""
    depth = 0
    plain: list[str] = []
    at = start
    for token in _FLOW_TOKEN.finditer(text, start):
        kind = token.lastgroup
        if kind == "stray":
            return True
        plain.append(text[at : token.start()])
        at = token.end()
        if kind == "quoted":
            plain.append("x")
            continue
        plain.append(token.group())
        depth += 1 if token.group() in "[{" else -1
        if depth == 0:
            inside = "".join(plain)
            return (
                "?" in inside or _TIGHT_COLON.search(inside) is not None or _INDICATOR_FIRST.search(inside) is not None
            )
    return True


def enabled() -> bool:
    """Whether the fast read is on: ``SAMVERKAN_FAST_YAML`` unset, or not ``0``, ``false``,
    ``no``, ``off`` or empty."""
    return os.environ.get("SAMVERKAN_FAST_YAML", "1").strip().lower() not in ("0", "false", "no", "off", "")


def quick_data(text: str, *, max_depth: int, max_nodes: int) -> dict[str, Any] | None:
    """The data of ``text`` (a mapping at the top), or ``None`` when it must be read with
    positions: see the module's docstring."""
    if _steps_aside(text):
        return None
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - a declared dependency; without a wheel, read located
        return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any refusal: the located reader says what is wrong
        return None
    if type(data) is not dict or not _plain(data, max_depth, max_nodes):
        return None
    return data


def _may_be_deep(text: str) -> bool:
    lines = _DEEP_LINE if "\r" in text or text[:1] in " ?:-" else _DEEP_LF_LINE
    if lines.search(text) is not None:
        return True
    if "[" not in text and "{" not in text:
        return False
    depth = 0
    for at in _found(text, _BRACKETS):
        depth += 1 if text[at] in "[{" else -1
        if depth > _DEEPEST_FLOW:
            return True
    return False


def _one_document(text: str) -> bool:
    """No document marker, or one ``---`` after nothing but blank and comment lines."""
    markers = list(_MARKER.finditer(text))
    if not markers:
        return True
    if len(markers) > 1 or markers[0].group() != "---":
        return False
    start = markers[0].start()
    return _BEFORE_START.match(text).end() >= start  # type: ignore[union-attr]


def _plain(data: dict[str, Any], max_depth: int, max_nodes: int) -> bool:
    """Every key is text of a length libyaml accepts; no value is a float (whose spellings
    are the core schema's only in part) or a whole number near the located reader's limit of
    digits; and the tree is within its limits of depth and values (conservatively: keys,
    values and containers count)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    nodes = 1
    while stack:
        value, depth = stack.pop()
        if depth >= max_depth:
            return False
        if type(value) is dict:
            for key in value:
                if type(key) is not str or len(key) > _LONGEST_KEY:
                    return False
            children = value.values()
            nodes += 2 * len(value)
        else:
            children = value
            nodes += len(value)
        for item in children:
            kind = type(item)
            if kind is dict or kind is list:
                stack.append((item, depth + 1))
            elif kind is float or (kind is int and not -_BIGGEST < item < _BIGGEST):
                return False
    return nodes < max_nodes


_BIGGEST = 10**18

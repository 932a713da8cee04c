"""Lines and columns of a plain block-style YAML file, read from its lines alone.

Most agreement files are written the plain way: a ``key: value`` or a ``- item`` a line, nested
by indentation, values plain or quoted on one line or block text (``|``, ``>``). The places of
such a file's values and keys can be read from its lines without the parser's events, in a
fraction of their time (:func:`samverkan.source.positions` reads 500 files' events for a
calendar's ``Source: file:line`` lines in about a second).

:func:`block_positions` reads only that plain shape and gives up (``None``) at the first thing
it does not know for certain: a flow collection, an anchor, alias or tag, a quoted key, a quoted
text that goes on to the next line or holds an escape, a list written without indentation under
its key, a directive or a second document, a tab, a carriage return not followed by a line
feed, a control character or a line separator, a top level that is not a mapping, a key that
is not text, a duplicate key, more depth or values than the located reading accepts, anything
that does not read as a key or an item where one must be. The caller then reads the events.
Where it does give tables they are :func:`~samverkan.source.positions`' exactly:
``tests/test_block.py`` compares the two on every test case, the bundled agreements, a
generated corpus and pieces of YAML combined by hypothesis.
"""

from __future__ import annotations

import re

from .source import MAX_DEPTH, MAX_DIGITS, MAX_NODES, PathKey

Tables = tuple[dict[PathKey, tuple[int, int]], dict[PathKey, tuple[int, int]]]

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*) *:(?: +|$)")
"""A plain key that is a name, its colon and the spaces after it."""

_NOT_TEXT = frozenset(word for word in ("null", "true", "false") for word in (word, word.capitalize(), word.upper()))
"""The names that YAML reads as something other than text (a name cannot be a number)."""

_ODD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Any character but a line feed and those YAML calls printable, less the line and paragraph
separators and the byte order mark: tabs, control characters (a carriage return before a line
feed is taken out before), NEL, non-characters and lone surrogates are left to the parser."""

_BLOCK_HEADER = re.compile(r"[|>][-+]?(?: +#.*| *)")
"""A block text's first line: ``|`` or ``>``, perhaps how it ends (``-``, ``+``), no
indentation given (left to the parser), perhaps a comment."""
_PLAIN_START = frozenset("[]{},&*!%@`|>'\"#?:-")
_NOT_PLAIN = _PLAIN_START | {" "}
"""Characters a plain text cannot simply start with (``-``, ``?`` and ``:`` can, before a
non-space, but are left to the parser)."""


class _GiveUp(Exception):
    """The file is not of the plain shape: read its events instead."""


class _Frame:
    __slots__ = ("count", "indent", "is_map", "path", "seen")

    def __init__(self, indent: int, is_map: bool, path: PathKey) -> None:
        self.indent = indent
        self.is_map = is_map
        self.path = path
        self.seen: set[str] = set()
        self.count = 0


def block_positions(text: str) -> Tables | None:
    """The ``values`` and ``keys`` tables of :func:`samverkan.source.positions` for ``text``,
    read from its lines; ``None`` where the text is not of the plain shape this reads."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    if _ODD.search(text):
        return None
    try:
        return _Reader().read(text)
    except _GiveUp:
        return None


_LINE = re.compile(r"( *)(?:(-)(?: +|$))?(?:([A-Za-z_][A-Za-z0-9_-]*) *:(?: +|$))?")
"""A line's indentation, its item's dash and its key, each where there is one."""


class _Reader:
    def __init__(self) -> None:
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.keys: dict[PathKey, tuple[int, int]] = {}
        self.stack: list[_Frame] = []
        self.nodes = 0
        """The values read so far: with the keys, what the located reading counts against
        :data:`MAX_NODES`."""
        self.pending: tuple[PathKey, int, int, int, bool] | None = None
        """A value left empty on its line: its path, line, column, the indentation of what
        holds it, whether a mapping holds it."""
        self.continued: int | None = None
        """After a block text (``|``, ``>``): the lines indented more than this are its lines."""
        self.inner: int | None = None
        """The indentation of the block text's first line that is not blank."""

    def read(self, text: str) -> Tables:
        started = ended = rooted = False
        values, keys, stack = self.values, self.keys, self.stack
        line_shape = _LINE.match
        for number, line in enumerate(text.split("\n"), 1):
            if self.continued is not None and self._goes_on(line):
                continue
            shape = line_shape(line)
            assert shape is not None  # every part of the pattern may be empty
            indent = shape.end(1)
            if indent == len(line) or line[indent] == "#":
                continue  # blank, or a comment
            first = line[indent]
            if indent == 0 and (first == "-" or first == ".") and line[:3] in ("---", "..."):
                rest = line[3:]
                if not rest or rest[0] == " ":  # a document's start or end, not a text
                    if rest.strip() or (first == "-" and started) or ended:
                        raise _GiveUp
                    if first == ".":
                        ended = True
                        self._close_pending()
                    started = True
                    continue
            if ended or first == "%":
                raise _GiveUp
            started = True
            if self.pending is None or not self._opens(number, indent, line[indent:]):
                if self.pending is not None:
                    self._close_pending()
                while stack and stack[-1].indent > indent:
                    stack.pop()
                if not stack:
                    if rooted or shape.start(2) >= 0 or shape[3] is None:
                        raise _GiveUp  # a second top level, or one that is not a mapping
                    rooted = True
                    self._push(indent, True, (), number)
            top = stack[-1]
            if top.indent != indent:
                raise _GiveUp
            key = shape[3]
            if top.is_map:
                if key is None or shape.start(2) >= 0:
                    raise _GiveUp
            elif shape.start(2) < 0:
                raise _GiveUp
            else:  # an item of a list
                path = (*top.path, top.count)
                top.count += 1
                if key is None:
                    column = shape.end(2) if shape.end() == len(line) else shape.end()
                    self._value(path, line[shape.end() :], number, column, indent, indent, False)
                    continue
                indent = shape.start(3)  # a mapping that starts on the item's line
                top = self._push(indent, True, path, number)
            if key in top.seen or key in _NOT_TEXT or len(key) > MAX_DIGITS:
                raise _GiveUp
            top.seen.add(key)
            path = (*top.path, key)
            keys[path] = (number, indent + 1)
            after = shape.end()
            rest = line[after:]
            if rest and rest[0] not in _NOT_PLAIN and ":" not in rest and len(rest) <= MAX_DIGITS:
                self.nodes += 1  # a plain text, the most common value
                values[path] = (number, after + 1)
            else:
                self._value(path, rest, number, after, line.index(":", indent + len(key)), indent, True)
        self._close_pending()
        if not rooted or self.nodes + len(keys) > MAX_NODES:  # the located reading counts keys too
            raise _GiveUp
        return values, keys

    def _goes_on(self, line: str) -> bool:
        """Whether ``line`` is one of the block text's lines (or a blank line after it)."""
        assert self.continued is not None
        content = line.lstrip(" ")
        indent = len(line) - len(content)
        if not content:
            if self.inner is None and indent > self.continued:
                raise _GiveUp  # spaces the parser may count as the text's indentation
            return True
        if indent > self.continued:
            if self.inner is None:
                self.inner = indent
            elif indent < self.inner:
                raise _GiveUp  # less indented than the text's first line
            return True
        self.continued = self.inner = None
        return False

    def _push(self, indent: int, is_map: bool, path: PathKey, number: int) -> _Frame:
        if len(self.stack) >= MAX_DEPTH:
            raise _GiveUp
        self.nodes += 1
        self.values[path] = (number, indent + 1)
        frame = _Frame(indent, is_map, path)
        self.stack.append(frame)
        return frame

    def _opens(self, number: int, indent: int, content: str) -> bool:
        """Whether the pending empty value holds a mapping or a list that starts on this line."""
        assert self.pending is not None
        path, _line, _col, holder, in_map = self.pending
        is_item = content == "-" or content.startswith("- ")
        if indent <= holder:
            if in_map and is_item and indent == holder:
                raise _GiveUp  # a list not indented under its key
            return False
        self.pending = None
        if not is_item and not _KEY.match(content):
            raise _GiveUp  # a text that starts on the line after its key
        self._push(indent, not is_item, path, number)
        return True

    def _close_pending(self) -> None:
        """The pending value is empty (null): where the parser places it, after its ``:`` or ``-``."""
        if self.pending is not None:
            path, line, col, _holder, _in_map = self.pending
            self.pending = None
            self.nodes += 1
            self.values[path] = (line, col)

    def _value(self, path: PathKey, text: str, number: int, column: int, mark: int, holder: int, in_map: bool) -> None:
        """The value at ``path``: ``text`` from 0-based ``column`` of line ``number``; ``mark``
        is the column of its ``:`` or ``-``, ``holder`` the indentation of what holds it."""
        if not text or text[0] == "#":
            self.pending = (path, number, mark + 2, holder, in_map)
            return
        first = text[0]
        if first == "|" or first == ">":
            if not _BLOCK_HEADER.fullmatch(text):
                raise _GiveUp
            self.continued = holder
        elif first == '"' or first == "'":
            end = _closing(text)
            if end is None or not _only_comment(text[end + 1 :]):
                raise _GiveUp
        elif first == "[" or first == "{":
            self._flow(path, text, number, column)
            return
        elif first in _PLAIN_START:
            raise _GiveUp
        else:
            plain = text.split(" #", 1)[0].rstrip(" ")
            if ": " in plain or plain.endswith(":") or len(plain) > MAX_DIGITS:
                raise _GiveUp
            # A plain text that goes on to the next lines is left to the parser: such a line
            # ends the line reading (it is neither a key nor an item where one must be).
        self.nodes += 1
        self.values[path] = (number, column + 1)

    def _flow(self, path: PathKey, text: str, number: int, column: int) -> None:
        """A list (``[a, b]``) or mapping (``{a: b, c: d}``) written on one line, of plain
        texts only: anything else in it (another bracket, a quote, an empty entry, a comment)
        is left to the parser."""
        close = "]" if text[0] == "[" else "}"
        end = text.find(close)
        inner = text[1:end]
        if end < 0 or not _only_comment(text[end + 1 :]) or _FLOW_ODD.search(inner) or len(self.stack) >= MAX_DEPTH:
            raise _GiveUp
        self.nodes += 1
        self.values[path] = (number, column + 1)
        if not inner.strip(" "):
            return
        seen: set[str] = set()
        at = column + 1
        for k, item in enumerate(inner.split(",")):
            entry = item.strip(" ")
            start = at + len(item) - len(item.lstrip(" "))
            at += len(item) + 1
            if close == "]":
                _flow_plain(entry)
                self.nodes += 1
                self.values[(*path, k)] = (number, start + 1)
                continue
            match = _KEY.match(entry)
            if match is None or match.end() == len(entry):
                raise _GiveUp
            key = match[1]
            if key in seen or key in _NOT_TEXT:
                raise _GiveUp
            seen.add(key)
            _flow_plain(entry[match.end() :])
            self.nodes += 1
            self.keys[(*path, key)] = (number, start + 1)
            self.values[(*path, key)] = (number, start + match.end() + 1)


_FLOW_ODD = re.compile(r"[\[\]{}\"'#\\]|: *,|: *$|:(?! )")
"""In a one-line flow collection: a nested one, a quote, a comment, an escape, an empty value, a
colon that does not separate a key from its value."""


def _flow_plain(text: str) -> None:
    """Give up unless ``text`` is a plain text the parser reads as such inside brackets."""
    if not text or text[0] in _PLAIN_START or ": " in text or len(text) > MAX_DIGITS:
        raise _GiveUp


def _closing(text: str) -> int | None:
    """The index of the quote that closes the quoted text at the start of ``text``; ``None`` if
    it is not closed on this line, or holds an escape (``\\`` in double quotes)."""
    quote = text[0]
    at = 1
    while True:
        end = text.find(quote, at)
        if end < 0:
            return None
        if quote == '"':
            return None if "\\" in text[1:end] else end
        if text[end + 1 : end + 2] == "'":
            at = end + 2  # '' is a quote inside single quotes
            continue
        return end


def _only_comment(rest: str) -> bool:
    stripped = rest.lstrip(" ")
    return not stripped or (stripped[0] == "#" and len(stripped) < len(rest))

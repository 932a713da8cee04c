"""Reading a YAML file into plain data that remembers where every value came from.

The file is parsed into YAML *events* by ruamel.yaml's C parser (libyaml, through
``ruamel.yaml.clib``; the pure-Python parser is the fallback) and the tree is built here,
iteratively, so that this module alone decides what is accepted:

* YAML 1.2 only: a ``%YAML 1.1`` directive is refused, ``yes``/``no`` stay text;
* timestamps stay text, so Pydantic parses dates and can locate an impossible one;
* anchors, aliases and custom tags are refused (no "billion laughs");
* nesting deeper than :data:`MAX_DEPTH`, files larger than :data:`MAX_BYTES`, binary
  files, non-UTF-8 files, several documents and empty files are refused;
* duplicate keys are reported at the second key;
* lines are YAML 1.2's: only LF, CR LF and CR end a line. NEL (U+0085), LS (U+2028) and PS
  (U+2029), which YAML 1.1 and so libyaml count as line breaks, are ordinary characters
  (see :func:`stand_ins`);
* control characters in keys and values are refused (see :func:`control_character`).

Every problem becomes a :class:`~samverkan.diagnostics.Diagnostic` with a location; the
parser never raises for bad input.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import Cache
from .diagnostics import Diagnostic, Severity, Span
from .i18n import N_, Message, verbatim

MAX_BYTES = 1024 * 1024
"""Largest file read, in bytes. Real agreements are 5–40 KB."""

MAX_DEPTH = 48
"""Deepest nesting of mappings and sequences accepted."""

MAX_NODES = 200_000
"""Most scalars, mappings and sequences in one file."""

MAX_DIGITS = 1000
"""Longest whole number read; Python refuses to print one of more than 4300 digits."""

PathKey = tuple[str | int, ...]

# Codes of the problems found while reading and parsing a file.
SYNTAX = "SV001"
DUPLICATE_KEY = "SV002"
ALIAS = "SV003"
TOO_DEEP = "SV004"
TOO_LARGE = "SV005"
ENCODING = "SV006"
MULTIPLE_DOCUMENTS = "SV007"
EMPTY = "SV008"
YAML_VERSION = "SV009"
TAG = "SV010"
NOT_A_MAPPING = "SV011"
UNREADABLE = "SV012"
CONTROL = "SV014"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
"""YAML 1.2's line breaks. ``str.splitlines`` also splits on NEL, LS, PS, VT, FF and FS–RS."""

_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")


def yaml_lines(text: str, *, keepends: bool = False) -> list[str]:
    """The lines of ``text`` as YAML 1.2 counts them (only LF, CR LF and CR end a line).

    Without ``keepends``, as ``str.split``: a text ending in a line break has an empty last
    line. With it, each line keeps its own line break and the last one may have none."""
    if not keepends:
        return _LINE_BREAK.split(text) if "\r" in text else text.split("\n")
    lines: list[str] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def _line_and_start(data: str | bytes, offset: int) -> tuple[int, int]:
    """The 1-based YAML 1.2 line of ``data[offset]`` and the offset where that line starts."""
    line, start = 1, 0
    matches = (
        _BYTE_BREAK.finditer(data, 0, offset) if isinstance(data, bytes) else _LINE_BREAK.finditer(data, 0, offset)
    )
    for match in matches:
        line, start = line + 1, match.end()
    return line, start


def line_of(data: str | bytes, offset: int) -> int:
    """The 1-based line of ``data[offset]`` (text or bytes), counting YAML 1.2's line breaks only."""
    return _line_and_start(data, offset)[0]


_PRIVATE_USE = range(0xE000, 0xF900)
_SEPARATORS = "\x85\u2028\u2029"
_PRIVATE_ESCAPE = re.compile(r"\\(?:u|U0000)([eEfF][0-9a-fA-F]{3})")
"""An escape of double-quoted text that writes a character of the Private Use Area."""


class NoStandIns(ValueError):
    """The file holds or spells as escapes so many Private Use characters that three are not
    left to stand in for NEL, LS and PS: a hostile file. ``offset`` is where the first of
    those three is, ``char`` which it is."""

    def __init__(self, offset: int, char: str) -> None:
        super().__init__(f"no stand-in left for U+{ord(char):04X} at offset {offset}")
        self.offset = offset
        self.char = char

    def message(self) -> Message:
        return N_(
            "cannot read the {char} here: the file holds or spells as escapes nearly every private-use "
            "character (U+E000–U+F8FF); remove the {char} or some of those characters",
            char=f"U+{ord(self.char):04X}",
        )


def stand_ins(text: str) -> tuple[str, dict[int, int] | None]:
    """``text`` with NEL, LS and PS replaced for the parser, and the map that undoes it.

    libyaml (and ruamel's pure reader) treat these three as line breaks, so a comment or
    block text holding one fails to parse and every later line is reported one too far.
    Each becomes a character of the Private Use Area, which the parsers read as an ordinary
    printable character of the same length; the values and keys are mapped back. A stand-in
    is one that the file neither contains nor spells as an escape (``\\uE000``,
    ``\\U0000E000``), so mapping back never changes a character the file really holds.
    Raises :class:`NoStandIns` when fewer than three such characters are left.
    """
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:  # faster than a regex
        return text, None
    taken = {int(code, 16) for code in _PRIVATE_ESCAPE.findall(text)}
    taken.update(ord(char) for char in set(text))
    chosen: list[int] = []
    for code in _PRIVATE_USE:
        if code not in taken:
            chosen.append(code)
            if len(chosen) == 3:
                break
    if len(chosen) < 3:
        offset = min(i for i in (text.find(c) for c in _SEPARATORS) if i >= 0)
        raise NoStandIns(offset, text[offset])
    forward = dict(zip(map(ord, _SEPARATORS), chosen, strict=True))
    return text.translate(forward), {v: k for k, v in forward.items()}


@dataclass
class Located:
    """Plain data (dict, list, str, int, float, bool, None) with the place of every value.

    ``values[path]`` is where the value at ``path`` starts; ``keys[path]`` is where the key
    that holds it starts. Lines and columns are 1-based.
    """

    data: Any
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)


@dataclass
class SourceFile:
    """One file as read: its text (if it could be decoded), the data, and what went wrong.

    A file read the fast way (:mod:`samverkan.quick`) has its data but no positions yet
    (``positioned`` is false); the first :meth:`span` reads them from the text."""

    path: str
    text: str | None = None
    located: Located | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    positioned: bool = True
    released: bool = False
    """Its text and data were let go once its document was made (:meth:`release`)."""
    checksum: int = 0
    places: tuple[Cache, str] | None = field(default=None, compare=False, repr=False)
    """Where the file's positions are kept between runs, once read: a cache and the key of the
    file's bytes. A file reported on in one run is then not parsed again for its lines and
    columns in the next."""

    def release(self) -> None:
        """Let go of the text and the data of a file without findings whose document is made:
        they are most of a loaded file's memory. A place or a line asked for later is read
        again from the file at ``path`` (:meth:`span`)."""
        if self.diagnostics or self.text is None or self.located is None:
            return
        self.checksum = zlib.crc32(self.text.encode("utf-8", "surrogatepass"))
        self.text, self.located, self.released = None, None, True

    def place(self, key: PathKey) -> Place:
        """The place of the value at ``key``, its line and column read when first asked for."""
        return Place(self.path, key, self)

    def _restore(self) -> None:
        """The text and positions of a released file, read again from ``path``; none if the
        file is gone or no longer the text that was checked (every place is then 1:1)."""
        self.released = False
        self.positioned = True
        try:
            text, _ = decode(Path(self.path).read_bytes(), self.path)
        except OSError:
            return
        if text is None or zlib.crc32(text.encode("utf-8", "surrogatepass")) != self.checksum:
            return
        self.text, self.positioned = text, False  # its positions are read as a fast-read file's

    def span(self, key: PathKey, *, at_key: bool = False) -> Span:
        """The place of the value at ``key``, or of its key; the nearest known parent otherwise."""
        if _ASKED is not None:
            _ASKED.add(self.path)
        if self.released:
            self._restore()
        if not self.positioned:
            self._position()
        if self.located is None:
            return Span(self.path, 1, 1)
        probe = key
        while True:
            table = self.located.keys if at_key else self.located.values
            pos = table.get(probe) or self.located.values.get(probe)
            if pos is not None:
                return Span(self.path, pos[0], pos[1])
            if not probe:
                return Span(self.path, 1, 1)
            probe = probe[:-1]
            at_key = False

    def _position(self) -> None:
        """Read the positions of a file read the fast way (or released): those kept in
        :attr:`places` from a run before; else read from its lines where it is written the plain
        block way (:func:`samverkan.block.block_positions`, in half the time), else
        :func:`positions` of its text, which reads them from the parser's events without the
        data (a released file read again then has no data), or, where the located reading has
        something to say, that reading, whose data is the fast reading's
        (``tests/test_quick.py``)."""
        self.positioned = True
        if self.text is None:
            return
        data = self.located.data if self.located is not None else None
        kept = self.places[0].get("places", self.places[1]) if self.places is not None else None
        if isinstance(kept, tuple) and len(kept) == 2 and all(isinstance(table, dict) for table in kept):
            self.located = Located(data, kept[0], kept[1])
            return
        from .block import block_positions

        tables = block_positions(self.text) or positions(self.text)
        if tables is not None:  # a file read again after it was let go keeps its document, not its data
            self.located = Located(data, *tables)
        else:
            again = parse_text(self.text, self.path, fast=False).located
            if again is None:
                return
            self.located = Located(again.data if data is None else data, again.values, again.keys)
            tables = again.values, again.keys
        if self.places is not None:
            self.places[0].put("places", self.places[1], tables)

    def line_text(self, line: int) -> str | None:
        """The text of a 1-based line, for showing under a message."""
        if self.released:
            self._restore()
        if self.text is None or line < 1:
            return None
        lines = yaml_lines(self.text)
        return lines[line - 1] if line <= len(lines) else None


_ASKED: set[str] | None = None


@contextmanager
def places_asked() -> Iterator[set[str]]:
    """The paths of the files whose places (:meth:`SourceFile.span`) are asked for within the
    block: the files whose bytes, beyond their documents, what is made there depends on (a
    line and a column)."""
    global _ASKED
    outer, _ASKED = _ASKED, set()
    asked = _ASKED
    try:
        yield asked
    finally:
        _ASKED = outer
        if outer is not None:
            outer.update(asked)


@dataclass(frozen=True, slots=True)
class Place:
    """Where something in a file is, as a key path: its line and column are read only when asked
    for (:meth:`SourceFile.span`), so a file whose places are never shown is never read for
    positions. Equal places are those of one key path in one file."""

    path: str
    key: PathKey = ()
    source: SourceFile | None = field(default=None, compare=False, repr=False)

    def span(self) -> Span:
        return self.source.span(self.key) if self.source is not None else Span(self.path)

    @property
    def line(self) -> int:
        return self.span().line

    @property
    def col(self) -> int:
        return self.span().col

    def __str__(self) -> str:
        return str(self.span())


def value_at(data: Any, path: PathKey) -> Any:
    """The value at ``path`` in plain data, or ``None`` where the path leads nowhere."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _error(code: str, message: Message, span: Span, hint: Message | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, span, hint)


def _too_large(size: int) -> Message:
    """The size in MiB to a tenth, rounded up: a file just over the limit reads as over it
    (1,100,030 bytes is 1.1 MiB, not 1.0)."""
    tenths = -(-size * 10 // (1024 * 1024))
    return N_(
        "file is {size} MiB; the limit is {limit} MiB",
        # TRANSLATORS: a number with one decimal (1.1), in the language's own way (1,1)
        size=N_("{whole}.{tenth}", whole=tenths // 10, tenth=tenths % 10),
        limit=MAX_BYTES // 1024 // 1024,
    )


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line, start = _line_and_start(data, offset)
    col = len(data[start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def decode(data: bytes, path: str) -> tuple[str | None, list[Diagnostic]]:
    """Bytes to text, refusing what is not a UTF-8 text file."""
    if len(data) > MAX_BYTES:
        return None, [_error(TOO_LARGE, _too_large(len(data)), Span(path, 1, 1))]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            _error(
                ENCODING,
                N_("file is UTF-16; save it as UTF-8"),
                Span(path, 1, 1),
                N_("samverkan reads UTF-8 only"),
            )
        ]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        return None, [
            _error(ENCODING, N_("binary file (contains a NUL byte); expected UTF-8 text"), Span(path, line, col))
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        byte = data[exc.start]
        return None, [
            _error(
                ENCODING,
                N_("not valid UTF-8 (byte {byte}); save the file as UTF-8", byte=f"0x{byte:02x}"),
                Span(path, line, col),
                N_("a file saved as Latin-1 or Windows-1252 shows this at its first å, ä or ö"),
            )
        ]


def read_source(path: Path, display: str | None = None) -> SourceFile:
    """Read and parse one file; never raises for bad content."""
    name = display if display is not None else str(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                size = handle.seek(0, 2)
                return SourceFile(name, diagnostics=[_error(TOO_LARGE, _too_large(size), Span(name, 1, 1))])
    except OSError as exc:
        reason = str(exc.strerror)
        return SourceFile(
            name, diagnostics=[_error(UNREADABLE, N_("cannot read file: {reason}", reason=reason), Span(name))]
        )
    return parse_bytes(data, name)


def parse_bytes(data: bytes, path: str, *, fast: bool = True) -> SourceFile:
    text, problems = decode(data, path)
    if text is None:
        return SourceFile(path, diagnostics=problems)
    return parse_text(text, path, fast=fast)


def parse_text(text: str, path: str, *, fast: bool = False) -> SourceFile:
    """Parse YAML text into a :class:`SourceFile`. ``fast``: without positions where the
    fast reader can (:mod:`samverkan.quick`); they are read when first asked for."""
    if fast:
        from . import quick

        if quick.enabled():
            data = quick.quick_data(text, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)
            if data is not None:
                return SourceFile(path, text=text, located=Located(data), positioned=False)
    source = SourceFile(path, text=text)
    try:
        parsed, back = stand_ins(text)
    except NoStandIns as exc:
        line, start = _line_and_start(text, exc.offset)
        span = Span(path, line, exc.offset - start + 1)
        source.diagnostics.append(_error(UNREADABLE, exc.message(), span))
        return source
    builder = _Builder(path, back, nel="\x85" in text, text=parsed)
    try:
        builder.run(_events(parsed))
    except _Stop:
        pass
    except RecursionError:
        builder.diagnostics.append(_error(TOO_DEEP, _TOO_DEEP, Span(path, 1, 1)))
        builder.fatal = True
    except Exception as exc:  # noqa: BLE001 - ruamel's errors have no common base we can rely on
        builder.syntax_error(exc, parsed)
    if builder.refused:
        builder.fatal = True  # text that could clear a screen never reaches due, status or render
    source.diagnostics.extend(builder.diagnostics)
    if builder.fatal:
        return source
    if builder.root is None:
        source.diagnostics.append(
            _error(
                EMPTY,
                N_("file has no data (it is empty, only comments, or null); expected a mapping with 'kind:'"),
                Span(path, 1, 1),
            )
        )
    elif not isinstance(builder.root, dict):
        line, col = builder.values.get((), (1, 1))
        source.diagnostics.append(
            _error(
                NOT_A_MAPPING,
                N_("top level must be a mapping of keys to values (such as 'kind: agreement')"),
                Span(path, line, col),
            )
        )
    else:
        source.located = Located(builder.root, builder.values, builder.keys)
    return source


def _events(text: str) -> Iterator[Any]:
    try:
        from _ruamel_yaml import CParser
    except ImportError:  # pragma: no cover - the C extension is a declared dependency
        from ruamel.yaml import YAML

        yield from YAML(typ="safe", pure=True).parse(text)
        return
    parser = CParser(text)
    while True:
        event = parser.get_event()
        if event is None:
            return
        yield event


_KEY_LINE = re.compile(r"\s*(?:-\s+)?[^\s\"'#:][^:#]*:(?:\s|$)")
"""A line that reads as ``key: value`` (or ``- key: value``) of its own."""

_UNCLOSED = {
    "while scanning a quoted scalar": N_("the file ends before this quoted text is closed"),
    "while parsing a flow sequence": N_("the file ends before this '[' list is closed"),
    "while parsing a flow mapping": N_("the file ends before this '{' mapping is closed"),
}


def _by_id(*messages: Message) -> dict[str, Message]:
    """The messages by their id: the English text libyaml says."""
    return {m.singular: m for m in messages}


# What libyaml says, as message ids: what it says and does not appear here stays English.
_PROBLEMS = _by_id(
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected node content"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected <document start>"),
    N_("could not find expected ':'"),
    N_("found unknown escape character"),
    N_("found unexpected end of stream"),
    N_("found character that cannot start any token"),
    N_("found undefined tag handle"),
    N_("block sequence entries are not allowed in this context"),
)
_CONTEXTS = _by_id(
    N_("while parsing a block mapping"),
    N_("while parsing a block collection"),
    N_("while parsing a flow sequence"),
    N_("while parsing a flow mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow node"),
    N_("while parsing a quoted scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a plain scalar"),
    N_("while scanning a block scalar"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
)
_CONTROL = re.compile(r"unacceptable character (#x[0-9a-fA-F]+): control characters are not allowed")
_TOO_DEEP = N_("nesting is deeper than {n} levels", n=MAX_DEPTH)
_TOO_MANY_DIGITS = N_("a number may have at most {n} digits; quote it if it is text", n=MAX_DIGITS)


def _yaml_version(version: str) -> Message:
    return N_("YAML {version} is not supported; remove the %YAML directive (samverkan reads YAML 1.2)", version=version)


def _libyaml(text: str, known: dict[str, Message]) -> Message:
    """What libyaml said, as a message id if it is one samverkan knows, else in its own words."""
    control = _CONTROL.fullmatch(text)
    if control:
        return N_("unacceptable character {char}: control characters are not allowed", char=control[1])
    return known.get(text) or verbatim(text)


def _index(mark: Any, default: int) -> int:
    index = getattr(mark, "index", None)
    return index if isinstance(index, int) else default


def _at(text: str, mark: Any) -> str:
    """The character at a parser mark, or '' past the end."""
    index = _index(mark, -1)
    return text[index] if 0 <= index < len(text) else ""


_CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, and C1 controls, NEL (U+0085) among them.

YAML 1.2 counts NEL as printable, and a file may hold one in a comment. In a key or value it
is refused like the other C1 controls: Python's ``splitlines``, some terminals and some
calendar readers take it for a line break, so it would not show the same in every output;
and in text pasted from Word it is almost always a '…' of Windows-1252 read as Latin-1.
"""


_ANY_CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")


def control_character(text: str, *, in_name: bool = False) -> str | None:
    """The first control character in ``text`` that samverkan refuses, or ``None``; in a file
    name (``in_name``) tab and newline are refused too."""
    found = (_ANY_CONTROL_CHARACTER if in_name else _CONTROL_CHARACTER).search(text)
    return found.group() if found else None


_NAMED_ESCAPES = {
    "\x00": "0",
    "\x07": "a",
    "\x08": "b",
    "\x0b": "v",
    "\x0c": "f",
    "\x0d": "r",
    "\x1b": "e",
    "\x85": "N",
}
"""The short escapes of YAML 1.2's double-quoted style that make a control character."""


def _control_place(text: str, event: Any, char: str, back: dict[int, int] | None) -> int | None:
    """The offset in ``text`` (what the parser read) where the scalar of ``event`` writes
    ``char``: the character itself (a NEL in plain or block text, as its stand-in), or the
    escape that makes it in double quotes (``\\e``, ``\\x07``, ``\\u001B`` …); ``None`` if
    it cannot be told."""
    start, end = getattr(event.start_mark, "index", None), getattr(event.end_mark, "index", None)
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    piece = text[start:end]
    as_read = {v: k for k, v in back.items()}.get(ord(char), ord(char)) if back else ord(char)
    found = [piece.find(chr(as_read))]
    if event.style == '"':
        code = ord(char)
        lowered = piece.lower()  # hex digits in either case; the letters x, u and U are exact
        found += [lowered.find(f"\\x{code:02x}"), lowered.find(f"\\u{code:04x}"), lowered.find(f"\\u{code:08x}")]
        if char in _NAMED_ESCAPES:
            found.append(piece.find("\\" + _NAMED_ESCAPES[char]))
    hits = [i for i in found if i >= 0]
    return start + min(hits) if hits else None


def _control_message(char: str, *, in_key: bool) -> tuple[Message, Message]:
    code = f"U+{ord(char):04X}"
    if in_key:
        message = N_("control character {char} in a key; remove it", char=code)
    else:
        message = N_("control character {char} in text; remove it", char=code)
    if char == "\x85":
        hint = N_("U+0085 is usually a '…' from a file saved as Windows-1252")
    else:
        hint = N_("an escape in double-quoted text, such as \\e or \\x07, writes a control character")
    return message, hint


class _Stop(Exception):
    """Parsing cannot go on; the reason is already a diagnostic."""


# YAML 1.2 core schema, for plain (unquoted) scalars. Timestamps are not resolved.
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(inf|Inf|INF)")
_NAN = re.compile(r"\.(nan|NaN|NAN)")

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {None, "!", _CORE + "str", _CORE + "map", _CORE + "seq"}


def resolve_plain(value: str) -> Any:
    """The value of a plain scalar under YAML 1.2's core schema (timestamps stay text).

    Raises :class:`ValueError` for a whole number of more than :data:`MAX_DIGITS` digits.
    """
    if _NULL.fullmatch(value):
        return None
    if _BOOL.fullmatch(value):
        return value[0] in "tT"
    is_int = _INT10.fullmatch(value) or _INT8.fullmatch(value) or _INT16.fullmatch(value)
    if is_int and len(value) > MAX_DIGITS:
        raise ValueError(_TOO_MANY_DIGITS.english())
    if _INT10.fullmatch(value):
        return int(value)
    if _INT8.fullmatch(value):
        return int(value[2:], 8)
    if _INT16.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _INF.fullmatch(value):
        return -math.inf if value.startswith("-") else math.inf
    if _NAN.fullmatch(value):
        return math.nan
    return value


def positions(text: str) -> tuple[dict[PathKey, tuple[int, int]], dict[PathKey, tuple[int, int]]] | None:
    """The :attr:`Located.values` and :attr:`Located.keys` of ``text`` as the located reading
    (:func:`parse_text`) gives them, read from the same events without building the data: for a
    file whose data is known (read the fast way) or not needed (let go), in two thirds of the
    time.
    ``None`` where that reading would have something to say (an alias, an anchor, a tag, a
    duplicate key, a key that is not text, a control character, several documents, a version,
    more values or deeper nesting than it accepts, a top level that is not a mapping, a syntax
    error): read such a file with :func:`parse_text`. ``tests/test_positions.py`` shows the
    tables are the located reading's on every test case and a generated corpus."""
    try:
        parsed, back = stand_ins(text)
    except NoStandIns:
        return None
    from ruamel.yaml.events import (
        DocumentEndEvent,
        DocumentStartEvent,
        MappingEndEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceEndEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    nel = "\x85" in text
    values: dict[PathKey, tuple[int, int]] = {}
    keys: dict[PathKey, tuple[int, int]] = {}
    # One frame a container: its path, whether it is a mapping, its keys so far (a mapping)
    # or its length (a sequence), the key waiting for its value and where that key is.
    paths: list[PathKey] = []
    mappings: list[bool] = []
    seen: list[Any] = []
    pending: list[str | None] = []
    key_at: list[tuple[int, int] | None] = []
    documents = nodes = 0
    root_is_mapping = None
    try:
        for event in _events(parsed):
            kind = type(event)
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag not in _ALLOWED_TAGS:
                    return None
                nodes += 1
                if nodes > MAX_NODES:
                    return None
                mark = event.start_mark
                pos = (mark.line + 1, mark.column + 1)
                if kind is ScalarEvent:
                    raw: str = event.value.translate(back) if back else event.value
                    if (nel or event.style == '"') and control_character(raw) is not None:
                        return None
                    if len(raw) > MAX_DIGITS and event.implicit[0] and event.tag is None and not _resolves(raw):
                        return None  # a whole number too long to read
                    if mappings and mappings[-1] and pending[-1] is None:  # a key
                        if raw in seen[-1]:
                            return None
                        seen[-1].add(raw)
                        pending[-1] = raw
                        key_at[-1] = pos
                        continue
                elif len(paths) >= MAX_DEPTH or (mappings and mappings[-1] and pending[-1] is None):
                    return None  # too deep, or a mapping or a list as a key
                if not paths:
                    if root_is_mapping is not None:
                        return None
                    path: PathKey = ()
                    root_is_mapping = kind is MappingStartEvent
                elif mappings[-1]:
                    key = pending[-1]
                    assert key is not None
                    path = (*paths[-1], key)
                    keys[path] = key_at[-1]  # type: ignore[assignment]
                    pending[-1] = None
                else:
                    path = (*paths[-1], seen[-1])
                    seen[-1] += 1
                values[path] = pos
                if kind is not ScalarEvent:
                    mapping = kind is MappingStartEvent
                    paths.append(path)
                    mappings.append(mapping)
                    seen.append(set() if mapping else 0)
                    pending.append(None)
                    key_at.append(None)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                paths.pop()
                mappings.pop()
                seen.pop()
                pending.pop()
                key_at.pop()
            elif kind is DocumentStartEvent:
                documents += 1
                version = getattr(event, "version", None)
                if documents > 1 or (version is not None and tuple(version) != (1, 2)):
                    return None
            elif kind is not StreamStartEvent and kind is not StreamEndEvent and kind is not DocumentEndEvent:
                return None  # an alias
    except Exception:  # noqa: BLE001 - a syntax error: the located reading says what it is
        return None
    return (values, keys) if root_is_mapping else None


def _resolves(raw: str) -> bool:
    try:
        resolve_plain(raw)
    except ValueError:
        return False
    return True


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: PathKey
    pending_key: str | None = None
    key_pos: tuple[int, int] | None = None


class _Builder:
    """Builds plain data from YAML events with an explicit stack (no recursion)."""

    def __init__(self, path: str, back: dict[int, int] | None = None, *, nel: bool = False, text: str = "") -> None:
        self.path = path
        self.text = text  # what the parser reads: marks' offsets index it
        self.back = back  # undoes stand_ins in keys and values
        self.refused = False  # a key or value holds a control character
        self.nel = nel  # the file holds a NEL, which plain text may hold too
        self.diagnostics: list[Diagnostic] = []
        self.values: dict[PathKey, tuple[int, int]] = {}
        self.keys: dict[PathKey, tuple[int, int]] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.nodes = 0
        self.fatal = False
        self.skip_depth = 0  # > 0 while skipping a non-text mapping key
        self.quoted: tuple[int, int, int, int] | None = None
        """The last event, if it was quoted text over several lines: its line and column, and
        the line it ends on and the 0-based column after its closing quote."""

    def fail(self, code: str, message: Message, pos: tuple[int, int], hint: Message | None = None) -> None:
        self.diagnostics.append(_error(code, message, Span(self.path, pos[0], pos[1]), hint))
        self.fatal = True
        raise _Stop

    def syntax_error(self, exc: Exception, text: str) -> None:
        problem_mark = getattr(exc, "problem_mark", None)
        context_mark = getattr(exc, "context_mark", None)
        mark = problem_mark or context_mark
        pos = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        offset = getattr(exc, "position", None)  # a ReaderError (bad character) has a byte offset
        if mark is None and isinstance(offset, int):
            pos = _position(text.encode("utf-8", errors="surrogatepass"), offset)
        said = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
        context = getattr(exc, "context", None)
        unclosed = _UNCLOSED.get(str(context))
        if "incompatible YAML document" in said:
            directive = re.search(r"^%YAML[ \t]+(\S+)", text, re.MULTILINE)
            version = directive[1] if directive else "version"
            message = _yaml_version(version)
            self.diagnostics.append(_error(YAML_VERSION, message, Span(self.path, *pos)))
            self.fatal = True
            return
        problem = _libyaml(said, _PROBLEMS)
        if "tab character" in said or ("cannot start any token" in said and _at(text, mark) == "\t"):
            problem, context = N_("a tab cannot be used for indentation; indent with spaces"), None
        elif said == "mapping values are not allowed in this context":
            problem = N_("':' is not allowed here; check the indentation, or quote a value that contains ': '")
        elif said == "found unexpected ':'":
            # libyaml (YAML 1.1) refuses a ':' inside a plain value of a '[ ]' or '{ }' list.
            problem, context = (
                N_("a ':' inside a value of a '[ ]' or '{ }' list; quote the value, such as '12:30'"),
                None,
            )
        elif said == "did not find expected key":
            problem = N_("expected 'key: value' here; check the indentation")
        elif context == "while scanning a simple key" and context_mark is not None:
            # libyaml reports this where it gave up (often the next line); the key is what needs fixing.
            long_key = context_mark.line == getattr(problem_mark, "line", None)
            pos = (context_mark.line + 1, context_mark.column + 1)
            problem = N_("a key may be at most 1024 characters long")
            if not long_key:
                problem = N_("no ':' after this text; write 'key: value'")
            context = None
        elif unclosed and context_mark is not None and not text[_index(problem_mark, len(text)) :].strip():
            # The file ends inside a quote or a bracket: point at where it was opened.
            pos = (context_mark.line + 1, context_mark.column + 1)
            problem, context = unclosed, None
        if problem is not unclosed and self._runaway_quote(text, pos):
            assert self.quoted is not None
            # Quoted text ran on over lines that read as keys of their own, and the file stops
            # reading as YAML on the line where it ends: its closing quote is most likely
            # missing where it starts, not where the parser gave up.
            start_line, start_col, end_line, _ = self.quoted
            message = N_(
                "YAML syntax error: quoted text starts here and runs on to line {line}; is its closing quote missing?",
                line=end_line,
            )
            hint = N_("the lines up to line {line}, column {column} are read as part of it", line=pos[0], column=pos[1])
            self.diagnostics.append(_error(SYNTAX, message, Span(self.path, start_line, start_col), hint))
            self.fatal = True
            return
        if context and context_mark is not None and context_mark.line != getattr(problem_mark, "line", None):
            message = N_(
                "YAML syntax error: {problem} ({context} that starts at line {line}, column {column})",
                problem=problem,
                context=_libyaml(str(context), _CONTEXTS),
                line=context_mark.line + 1,
                column=context_mark.column + 1,
            )
        elif context:
            message = N_(
                "YAML syntax error: {problem} ({context})", problem=problem, context=_libyaml(str(context), _CONTEXTS)
            )
        else:
            message = N_("YAML syntax error: {problem}", problem=problem)
        self.diagnostics.append(_error(SYNTAX, message, Span(self.path, *pos)))
        self.fatal = True

    def _runaway_quote(self, text: str, pos: tuple[int, int]) -> bool:
        """Whether the last value read was quoted text over several lines that the parser
        failed right after, on its last line, and that took in a line reading as a key of its
        own (``purpose: …``, ``- id: …``): a quote that was not closed where it should be."""
        if self.quoted is None or pos[0] != self.quoted[2]:
            return False
        start, _, end, end_col = self.quoted
        lines = text.splitlines()[start:end]  # the lines after its first, to its last
        if lines:
            lines[-1] = lines[-1][: max(0, end_col - 1)]  # the last up to its closing quote
        return any(_KEY_LINE.match(line) for line in lines)

    def run(self, events: Iterator[Any]) -> None:
        for event in events:
            name = type(event).__name__
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            if name == "DocumentStartEvent":
                self.documents += 1
                if self.documents > 1:
                    self.fail(
                        MULTIPLE_DOCUMENTS,
                        N_("several YAML documents in one file; keep one agreement, plan or promise per file"),
                        pos,
                    )
                version = getattr(event, "version", None)
                if version is not None and tuple(version) != (1, 2):
                    self.fail(YAML_VERSION, _yaml_version(".".join(map(str, version))), pos)
                continue
            if name in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
                continue
            if name == "AliasEvent":
                alias = self.restore(str(event.anchor))
                self.fail(ALIAS, N_("aliases are not supported (*{anchor}); write the value out", anchor=alias), pos)
            anchor = getattr(event, "anchor", None)
            if anchor is not None and name in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent"):
                named = self.restore(str(anchor))
                self.fail(ALIAS, N_("anchors are not supported (&{anchor}); write the value out", anchor=named), pos)
            tag = getattr(event, "tag", None)
            if tag not in _ALLOWED_TAGS:
                shown = "!!" + str(tag).removeprefix(_CORE) if str(tag).startswith(_CORE) else self.restore(str(tag))
                self.fail(TAG, N_("tag {tag} is not supported; write plain YAML values", tag=shown), pos)
            if name == "ScalarEvent":
                self._scalar(event, pos, tag)
            elif name in ("MappingStartEvent", "SequenceStartEvent"):
                self._start({} if name == "MappingStartEvent" else [], pos)
            elif name in ("MappingEndEvent", "SequenceEndEvent"):
                self._end()

    def _count(self, pos: tuple[int, int]) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.fail(TOO_LARGE, N_("more than {n} values in one file", n=MAX_NODES), pos)

    def restore(self, text: str) -> str:
        """Text from the parser with NEL, LS and PS back in place of their stand-ins."""
        return text.translate(self.back) if self.back else text

    def _scalar(self, event: Any, pos: tuple[int, int], tag: str | None) -> None:
        self._count(pos)
        end = event.end_mark.line + 1
        self.quoted = (*pos, end, event.end_mark.column) if end > pos[0] and event.style in ('"', "'") else None
        raw: str = self.restore(event.value)
        plain = bool(event.implicit[0]) and tag is None
        if self.skip_depth:
            return
        frame = self.stack[-1] if self.stack else None
        is_key = isinstance(frame, _Frame) and isinstance(frame.container, dict) and frame.pending_key is None
        # Only an escape ("\e") or a NEL in the file can put a control character in a value:
        # libyaml refuses the others as they stand.
        char = control_character(raw) if self.nel or event.style == '"' else None
        if char is not None:
            message, hint = _control_message(char, in_key=is_key)
            at = _control_place(self.text, event, char, self.back)
            place = pos if at is None else _line_and_start(self.text, at)
            if at is not None:
                place = (place[0], at - place[1] + 1)
            self.diagnostics.append(_error(CONTROL, message, Span(self.path, *place), hint))
            self.refused = True
        if is_key:
            assert isinstance(frame, _Frame)
            self._key(frame, raw, pos)
            return
        try:
            value = resolve_plain(raw) if plain else raw
        except ValueError:
            self.fail(TOO_LARGE, _TOO_MANY_DIGITS, pos)
        self._place(value, pos)

    def _key(self, frame: _Frame, key: str, pos: tuple[int, int]) -> None:
        assert isinstance(frame.container, dict)
        if key in frame.container:
            first = self.keys.get((*frame.path, key))
            if first:
                message = N_("duplicate key {key} (first at line {line})", key=repr(key), line=first[0])
            else:
                message = N_("duplicate key {key}", key=repr(key))
            self.diagnostics.append(_error(DUPLICATE_KEY, message, Span(self.path, pos[0], pos[1])))
            frame.pending_key = "\0duplicate"
        else:
            frame.pending_key = key
        frame.key_pos = pos

    def _place(self, value: Any, pos: tuple[int, int]) -> PathKey | None:
        """Put a finished value into its parent; returns its path, or None if it is dropped."""
        if not self.stack:
            self.root = value
            self.values[()] = pos
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        else:
            key = frame.pending_key
            frame.pending_key = None
            if key is None or key == "\0duplicate":
                return None
            path = (*frame.path, key)
            frame.container[key] = value
            if frame.key_pos is not None:
                self.keys[path] = frame.key_pos
        self.values[path] = pos
        return path

    def _start(self, container: dict[str, Any] | list[Any], pos: tuple[int, int]) -> None:
        self._count(pos)
        self.quoted = None
        if len(self.stack) + self.skip_depth >= MAX_DEPTH:
            self.fail(TOO_DEEP, _TOO_DEEP, pos)
        if self.skip_depth:
            self.skip_depth += 1
            return
        parent = self.stack[-1] if self.stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.pending_key is None:
            self.diagnostics.append(
                _error(NOT_A_MAPPING, N_("a key must be plain text, not a mapping or a list"), Span(self.path, *pos))
            )
            parent.pending_key = "\0duplicate"
            self.skip_depth = 1
            return
        path = self._place(container, pos)
        self.stack.append(_Frame(container, path if path is not None else ("\0dropped",)))

    def _end(self) -> None:
        self.quoted = None
        if self.skip_depth:
            self.skip_depth -= 1
            return
        self.stack.pop()

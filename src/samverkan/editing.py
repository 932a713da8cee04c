"""Editing a samverkan file in place, as text, so that nothing but the new lines changes.

A round-trip dump (ruamel.yaml's ``typ="rt"``) re-wraps long lines and folded scalars and
moves some comments, so it is not used. Instead the file is parsed into YAML events, which
say where every node starts and where its content ends, and the new entry is rendered as a
few lines in the file's own indentation style and inserted into the original text:

* appended to a block list, after its last item (and after comment lines indented under it);
* as a new key of a block mapping (``done:``, ``meetings:``, ``extensions:``), after a given
  key's value or at the end of the mapping, followed by the list with the one new item;
* into a flow collection (``done: []``, ``{id: x, …}``): there the one line that holds it
  changes, which cannot be avoided.

Everything here is pure (text in, text out) except :func:`write_atomic` (and :func:`write_new`,
for ``samverkan new``). The result is read back with samverkan's own loader and must hold
exactly the new entry where it was meant to go.
"""

from __future__ import annotations

import bisect
import contextlib
import difflib
import errno
import os
import re
import stat
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .i18n import N_, Message
from .source import NoStandIns, PathKey, parse_text, stand_ins, value_at, yaml_lines

BOM = "\ufeff"
_SPACE = " \t\r\n\x85\u2028\u2029"


class EditError(Exception):
    """The edit cannot be made; the message says why (``message`` in English, :meth:`said` in
    the reader's language), the details one line each. ``exit_code`` 2 is a usage error."""

    def __init__(self, message: Message, *, details: Sequence[Message] = (), exit_code: int = 1) -> None:
        super().__init__(message.english())
        self.text = message
        self.details = tuple(details)
        self.exit_code = exit_code

    @property
    def message(self) -> str:
        """The reason in English."""
        return self.text.english()

    def said(self) -> str:
        return self.text.translate()


# Lines -----------------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, each with its own line break (the last one may have none), as
    YAML 1.2 counts them: NEL, LS and PS are ordinary characters (see
    :func:`samverkan.source.stand_ins`)."""
    return yaml_lines(text, keepends=True)


def _ending(line: str) -> str:
    """The line break a line of :func:`split_lines` ends with, or ``""``."""
    return line[len(line.rstrip("\r\n")) :]


def newline_of(text: str) -> str:
    """The line break the file uses most (``\\n`` for a file of one line or none)."""
    counts = Counter(_ending(line) for line in split_lines(text))
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else "\n"


# Where nodes are -------------------------------------------------------------------------


@dataclass
class Node:
    """A node of the YAML tree, by position: where it starts and where its content ends."""

    kind: str
    """``map``, ``seq`` or ``scalar``."""
    flow: bool
    line: int
    """0-based line of its start: the first key of a block mapping, the first dash of a block list."""
    col: int
    """0-based column of its start."""
    end: int = 0
    """Offset just past its last content character (a closing bracket for flow collections)."""
    children: list[str | int] = field(default_factory=list)


class Tree:
    """Every node of a one-document YAML text, by key path, with positions."""

    def __init__(self, text: str) -> None:
        from ruamel.yaml import YAML

        self.text = text
        self.lines = split_lines(text)
        self._starts = [0]
        for line in self.lines:
            self._starts.append(self._starts[-1] + len(line))
        self.nodes: dict[PathKey, Node] = {}
        try:
            self._build(YAML(typ="safe").parse(stand_ins(text)[0]))  # same length: the same offsets
        except EditError:
            raise
        except NoStandIns as exc:
            raise EditError(exc.message()) from None
        except Exception as exc:  # noqa: BLE001 - the file was validated; this is only a guard
            raise EditError(N_("cannot read the file's YAML structure: {error}", error=str(exc))) from None

    def offset(self, line: int, col: int) -> int:
        return self._starts[min(line, len(self._starts) - 1)] + col

    def line_of(self, offset: int) -> int:
        """0-based line that holds the character at ``offset``."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def _build(self, events: Any) -> None:
        stack: list[tuple[PathKey, Node]] = []
        pending: list[str | None] = []  # per open mapping: the key waiting for its value
        for event in events:
            name = type(event).__name__
            if name in ("StreamStartEvent", "StreamEndEvent", "DocumentStartEvent", "DocumentEndEvent"):
                continue
            if name in ("MappingEndEvent", "SequenceEndEvent"):
                closed_path, closed = stack.pop()
                if closed.kind == "map":
                    pending.pop()
                if closed.flow:
                    closed.end = self.offset(event.end_mark.line, event.end_mark.column)
                self._finish(closed_path, closed, stack)
                continue
            if name == "AliasEvent":
                raise EditError(N_("the file uses an alias; samverkan does not edit such files"))
            if stack and stack[-1][1].kind == "map" and pending[-1] is None:
                if name != "ScalarEvent":
                    raise EditError(N_("the file has a key that is not plain text"))
                pending[-1] = str(event.value)
                continue
            path = self._child_path(stack, pending)
            mark = event.start_mark
            if name == "ScalarEvent":
                end = self._scalar_end(event)
                self._finish(path, Node("scalar", False, mark.line, mark.column, end=end), stack)
                continue
            start = self.offset(mark.line, mark.column)
            kind = "map" if name == "MappingStartEvent" else "seq"
            node = Node(kind, bool(event.flow_style), mark.line, mark.column, end=start)
            if kind == "map":
                pending.append(None)
            stack.append((path, node))

    def _scalar_end(self, event: Any) -> int:
        """Offset just past a scalar's last character that belongs to it.

        That is its last non-blank character, except for a block scalar that keeps its final
        line breaks (``|+``, ``>+``): those blank lines are part of its value.
        """
        end = self.offset(event.end_mark.line, event.end_mark.column)
        start = self.offset(event.start_mark.line, event.start_mark.column)
        header = re.match(r"[|>][0-9+-]*", self.text[start:])
        if header is not None and "+" in header.group():
            line_start = self.offset(event.end_mark.line, 0)
            return line_start if self.text[line_start:end].strip(" \t") == "" else end
        while end > 0 and self.text[end - 1] in _SPACE:
            end -= 1
        return end

    @staticmethod
    def _child_path(stack: list[tuple[PathKey, Node]], pending: list[str | None]) -> PathKey:
        """The path of the node that starts now, and note it among its parent's children."""
        if not stack:
            return ()
        parent_path, parent = stack[-1]
        part: str | int
        if parent.kind == "map":
            key = pending[-1]
            assert key is not None
            part = key
            pending[-1] = None
        else:
            part = len(parent.children)
        parent.children.append(part)
        return (*parent_path, part)

    def _finish(self, path: PathKey, node: Node, stack: list[tuple[PathKey, Node]]) -> None:
        self.nodes[path] = node
        if stack:
            parent = stack[-1][1]
            parent.end = max(parent.end, node.end)

    # Style ---------------------------------------------------------------------------

    def dash_width(self, node: Node) -> int | None:
        """Columns from a list's dash to an item that starts on the dash's line: 2 for ``- x``."""
        before = self.lines[node.line][: node.col] if node.line < len(self.lines) else ""
        match = re.fullmatch(r"( *)-( +)", before)
        return len(match.group(2)) + 1 if match else None

    def style(self) -> tuple[int, int]:
        """The file's habits: (indent of a block list under its key, dash to item content).

        ``key:\\n  - a: 1`` is (2, 2); ``key:\\n- a: 1`` is (0, 2). The most common wins.
        """
        under: Counter[int] = Counter()
        inner: Counter[int] = Counter()
        for path, node in self.nodes.items():
            if not path:
                continue
            parent = self.nodes.get(path[:-1])
            if parent is None or parent.flow:
                continue
            if node.kind == "seq" and not node.flow and parent.kind == "map":
                under[node.col - parent.col] += 1
            if node.kind == "map" and not node.flow and parent.kind == "seq":
                width = self.dash_width(node)
                if width is not None:
                    inner[width] += 1
        return (
            under.most_common(1)[0][0] if under else 2,
            inner.most_common(1)[0][0] if inner else 2,
        )

    def after_node(self, node: Node, indent: int) -> int:
        """Index of the line before which to insert, after ``node`` and the comment lines
        indented deeper than ``indent`` that follow it."""
        index = self.line_of(max(node.end - 1, 0)) + 1
        while index < len(self.lines):
            line = self.lines[index]
            stripped = line.lstrip(" ")
            if not stripped.startswith("#") or len(line) - len(stripped) <= indent:
                break
            index += 1
        return index


# Rendering -------------------------------------------------------------------------------

_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_RESERVED = re.compile(
    r"""(?x)
    ~ | null | Null | NULL
    | y | Y | yes | Yes | YES | n | N | no | No | NO
    | true | True | TRUE | false | False | FALSE | on | On | ON | off | Off | OFF
    | [-+]? ( \.[0-9_]+ | [0-9][0-9_]* (\.[0-9_]*)? ) ([eE][-+]?[0-9]+)?
    | 0[xob][0-9a-fA-F_]+ | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
    | [0-9]+(:[0-9]{1,2})+(\.[0-9_]*)?
    """
)
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x85": "\\N", "\u2028": "\\L"}


def _plain_ok(value: str, *, flow: bool) -> bool:
    if not value or value != value.strip(" ") or value[0] in _INDICATORS or value.startswith("..."):
        return False
    if not value.isprintable() or any(ch in value for ch in "\x85\u2028\u2029\ufeff"):
        return False
    if ": " in value or " #" in value or value.endswith(":") or _RESERVED.fullmatch(value):
        return False
    return not (flow and any(ch in value for ch in ",[]{}:?#"))


def _double_quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch.isprintable() and ch not in "\u2029\ufeff":
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def scalar(value: str, *, flow: bool = False) -> str:
    """A string as YAML: plain when that reads back as the same text, double-quoted otherwise."""
    return value if _plain_ok(value, flow=flow) else _double_quoted(value)


def flow_mapping(item: Mapping[str, str]) -> str:
    """``{date: 2021-05-04, note: "x, y"}``."""
    return "{" + ", ".join(f"{key}: {scalar(value, flow=True)}" for key, value in item.items()) + "}"


def block_item(item: Mapping[str, str], dash_col: int, width: int) -> list[str]:
    """A list item as block lines (without line breaks): ``- rule: x`` then ``  date: y``."""
    lines = []
    for n, (key, value) in enumerate(item.items()):
        lead = " " * dash_col + "-" + " " * (width - 1) if n == 0 else " " * (dash_col + width)
        lines.append(f"{lead}{key}: {scalar(value)}")
    return lines


# Editing ---------------------------------------------------------------------------------


def _label(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out or "top level"


def _insert_lines(text: str, tree: Tree, index: int, new: list[str]) -> str:
    """Insert whole lines before line ``index``, with the line break of the lines around them."""
    lines = tree.lines
    nl = _ending(lines[index - 1]) if 0 < index <= len(lines) else ""
    nl = nl or newline_of(text)
    head = "".join(lines[:index])
    tail = "".join(lines[index:])
    block = "".join(line + nl for line in new)
    if index >= len(lines) and head and not _ending(lines[-1]):
        # The file does not end with a line break: keep it that way.
        return head + nl + block[: -len(nl)]
    return head + block + tail


def _insert_in_flow(text: str, tree: Tree, node: Node, path: PathKey, piece: str) -> str:
    """Insert ``piece`` as the last entry of a flow collection."""
    if not node.children:
        close = node.end - 1
        return text[:close] + piece + text[close:]
    last = tree.nodes[(*path, node.children[-1])]
    return text[: last.end] + ", " + piece + text[last.end :]


def append_item(text: str, list_path: PathKey, item: Mapping[str, str], *, after: str | None = None) -> str:
    """``text`` with ``item`` appended to the list at ``list_path``.

    When the list is missing, it is created as a new key of the mapping that should hold it,
    after the key ``after`` when that is present, else at the end of the mapping. ``text`` is
    the file without a byte-order mark. Raises :class:`EditError` when that mapping is missing.
    """
    if not list_path or not isinstance(list_path[-1], str):
        raise ValueError("list_path must end with a key")
    tree = Tree(text)
    node = tree.nodes.get(list_path)
    if node is not None:
        if node.kind != "seq":
            raise EditError(N_("'{key}' is not a list", key=_label(list_path)))
        if node.flow:
            new_text = _insert_in_flow(text, tree, node, list_path, flow_mapping(item))
        else:
            last = tree.nodes.get((*list_path, node.children[-1])) if node.children else None
            width = tree.dash_width(last) if last is not None and last.kind == "map" and not last.flow else None
            width = width or tree.style()[1]
            lines = (
                [" " * node.col + "-" + " " * (width - 1) + flow_mapping(item)]
                if last is not None and last.kind == "map" and last.flow
                else block_item(item, node.col, width)
            )
            new_text = _insert_lines(text, tree, tree.after_node(node, node.col), lines)
    else:
        parent_path = list_path[:-1]
        parent = tree.nodes.get(parent_path)
        if parent is None or parent.kind != "map":
            raise EditError(N_("'{key}' is not a mapping", key=_label(parent_path)))
        key = str(list_path[-1])
        if parent.flow:
            new_text = _insert_in_flow(text, tree, parent, parent_path, f"{key}: [{flow_mapping(item)}]")
        else:
            under, width = tree.style()
            anchor = tree.nodes.get((*parent_path, after)) if after is not None else None
            index = tree.after_node(anchor if anchor is not None else parent, parent.col)
            lines = [" " * parent.col + f"{key}:", *block_item(item, parent.col + under, width)]
            new_text = _insert_lines(text, tree, index, lines)
    _check_reads_back(text, new_text, list_path, item)
    return new_text


def _check_reads_back(old_text: str, new_text: str, list_path: PathKey, item: Mapping[str, str]) -> None:
    """The edited text must read as the old data plus the one new entry, and nothing else."""
    old = parse_text(old_text, "<old>")
    new = parse_text(new_text, "<edited>")
    before: Any = old.located.data if old.located is not None else None
    after: Any = new.located.data if new.located is not None else None
    problems = [d.message for d in new.diagnostics]
    holder = value_at(after, list_path[:-1])
    key = list_path[-1]
    entries = holder.get(key) if isinstance(holder, dict) else None
    if not problems and isinstance(entries, list) and entries and entries[-1] == dict(item):
        entries.pop()
        if not entries and isinstance(holder, dict) and value_at(before, list_path) is None:
            del holder[key]
        if after == before:
            return
    raise EditError(N_("the new entry would not read back as written; nothing was changed"), details=problems)


# Output ----------------------------------------------------------------------------------


def unified_diff(old: str, new: str, name: str) -> str:
    """A unified diff for people to read, with LF line ends whatever the file uses, and
    git's ``No newline at end of file`` marker under a last line that has none."""

    def shown(text: str) -> list[str]:
        lines = split_lines(text)
        return [line[: len(line) - len(_ending(line))] + ("\n" if _ending(line) else "") for line in lines]

    out = []
    for line in difflib.unified_diff(shown(old), shown(new), f"a/{name}", f"b/{name}"):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _synced_temp(target: Path, data: bytes, mode: int) -> Path:
    """A temporary file beside ``target`` holding ``data``, flushed, synced and given ``mode``;
    removed again if any of that fails."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temp.chmod(mode)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    return temp


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the file at ``path`` with ``data``: all or nothing.

    The bytes go to a temporary file in the same folder, are flushed and synced to disk,
    get the old file's permissions and then take its place with :func:`os.replace`. On any
    failure the temporary file is removed and the old file is left as it was. A symbolic link
    is followed: the file it points to is replaced, the link stays.
    """
    target = Path(os.path.realpath(path))
    temp = _synced_temp(target, data, stat.S_IMODE(target.stat().st_mode))
    try:
        temp.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    with contextlib.suppress(OSError, AttributeError):
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_new(path: Path, data: bytes) -> None:
    """Create the file ``path`` holding ``data``: all or nothing, and never over an existing file.

    The bytes go to a temporary file in the same folder, are flushed and synced to disk, get
    the permissions a new file gets (``0o666`` less the umask) and are then linked to ``path``;
    a link is not made over an existing name, so of two writers only one wins. Raises
    :class:`FileExistsError` when ``path`` exists (a dangling symbolic link too). On a file
    system without hard links the file is created in exclusive mode instead.
    """
    target = Path(path)
    if os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "File exists", str(target))
    temp = _synced_temp(target, data, 0o666 & ~_umask())
    try:
        try:
            os.link(temp, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here: exclusive creation is the next best thing
            with target.open("xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
    finally:
        with contextlib.suppress(OSError):
            Path(temp).unlink()

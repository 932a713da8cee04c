"""Which files a run reads, without parsing any: the files under the named paths and the other
files of their workspace (their *context*), with their bytes.

A run names some files or folders; the cross-file rules (an action plan's agreement, the
agreement a file replaces, ids used twice) also need the other files of the same workspace.
That is the files' context, read beside them (:func:`context_folders`): the conventional
folder (``agreements/``) of the workspace root that a named path is in, else the whole root
when a configuration file (``samverkan.toml``, ``[tool.samverkan]``) marks it, else the named
file's own folder. Only the named files are reported on.

Nothing here imports the schema, so a run answered from the cache never loads Pydantic.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .discovery import Found, Reader, discover, is_document, is_yaml_name, read_all, unshowable

__all__ = [
    "CONVENTIONAL_FOLDERS",
    "context_files",
    "context_folders",
    "in_conventional_folder",
    "is_document",
    "read_with_context",
]

CONVENTIONAL_FOLDERS = ("agreements",)
"""The folders of a workspace root that hold samverkan documents (the README's and ``new``'s)."""


def in_conventional_folder(path: Path) -> bool:
    """Whether ``path`` is inside a conventional folder (``agreements/``) of its workspace root."""
    from .config import find_root

    root, _ = find_root(path)
    return _conventional(Path(os.path.normpath(Path(path).absolute())), root) is not None


def _conventional(path: Path, root: Path) -> Path | None:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if len(parts) > 1 and parts[0] in CONVENTIONAL_FOLDERS:
        return root / parts[0]
    if len(parts) == 1 and parts[0] in CONVENTIONAL_FOLDERS and path.is_dir():
        return root / parts[0]
    return None


def context_folders(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """The folders whose files are the context of ``paths`` (see the module's docstring), and
    whether their subfolders count too: the conventional folder or the marked root, with its
    subfolders; else a named file's own folder, without (a folder named is read whole anyway).
    Relative to the current folder when the named path is relative."""
    from .config import find_root

    out: dict[str, tuple[Path, bool]] = {}
    roots: dict[Path, tuple[Path, bool]] = {}
    for path in paths:
        absolute = Path(os.path.normpath(Path(path).absolute()))
        start = absolute if absolute.is_dir() else absolute.parent
        if start not in roots:
            roots[start] = find_root(start)
        root, marked = roots[start]
        folder = _conventional(absolute, root) or (root if marked else None)
        if folder is None and absolute.is_dir():
            continue
        whole = folder is not None
        folder = folder or start
        shown = folder if path.is_absolute() else Path(os.path.relpath(folder))
        key = os.path.normcase(str(folder))
        if not out.get(key, (None, False))[1]:
            out[key] = (shown, whole)
    return [out[k] for k in sorted(out)]


def read_with_context(paths: Iterable[Path]) -> Found:
    """The files under ``paths`` as read, and the other files of their workspace."""
    paths = list(paths)
    reader = Reader()
    found = read_all(paths, reader)
    named = {os.path.normcase(os.path.normpath(Path(p).absolute())) for p, _ in found.files}
    context = []
    # os.path.exists is False for a path that cannot be seen; Path.exists raises PermissionError
    for folder, whole in context_folders([p for p in paths if os.path.exists(p)]):  # noqa: PTH110
        for path in context_files(folder, whole):
            key = os.path.normcase(os.path.normpath(Path(path).absolute()))
            if key not in named:
                named.add(key)
                context.append((path, reader.read(path)))
    return Found(found.files, found.problems, tuple(context))


def context_files(folder: Path, whole: bool) -> list[Path]:
    """The YAML files of one context folder (:func:`context_folders`): all of it, or only the
    files directly in it; never a name no output could show (reported when named)."""
    files = discover([folder])[0] if whole else _yaml_files_in(folder)
    return [path for path in files if not unshowable(str(path))]


def _yaml_files_in(folder: Path) -> list[Path]:
    """The YAML files directly in ``folder`` (any case of the suffix), not hidden; none if it
    cannot be read (as context, it is only missed)."""
    try:
        children = list(folder.iterdir())
    except OSError:
        return []
    return sorted(p for p in children if is_yaml_name(p.name) and p.name[:1] != "." and p.is_file())

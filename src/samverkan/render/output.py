"""Writing rendered documents: atomically, and only inside the output folder.

Each file is written to a temporary file in the same folder, flushed to disk and moved over
its name with :func:`os.replace`, so a reader sees the old file or the new one, never half a
file. A name that would land outside the folder (a separator, ``..``, a leading dot) is
refused before anything is written, whatever the ids allow.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Sequence
from pathlib import Path


class UnsafeOutput(ValueError):
    """An output name would leave the output folder."""


def safe_target(folder: Path, name: str) -> Path:
    """``folder / name``, if that is a plain file name inside ``folder``; else :class:`UnsafeOutput`."""
    if (
        not name
        or name in (".", "..")
        or name.startswith(".")
        or "/" in name
        or "\\" in name
        or "\0" in name
        or Path(name).name != name
    ):
        raise UnsafeOutput(f"refusing to write {name!r}: not a plain file name")
    root = folder.resolve()
    target = (root / name).resolve()
    if target.parent != root:
        raise UnsafeOutput(f"refusing to write {name!r}: it would land outside {folder}")
    return root / name


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and ``os.replace``."""
    temp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(target)  # os.replace: atomic within one folder
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def write_all(folder: Path, files: Sequence[tuple[str, bytes]]) -> list[Path]:
    """Write each ``(name, data)`` inside ``folder`` (made if missing); every name is checked first."""
    targets = [safe_target(folder, name) for name, _ in files]
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for target, (_, data) in zip(targets, files, strict=True):
        write_atomic(target, data)
        written.append(target)
    return written

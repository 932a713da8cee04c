"""Finding the YAML files of a run and reading their bytes. Light: no Pydantic here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Severity, Span
from .i18n import N_
from .source import MAX_BYTES

SUFFIXES = (".yaml", ".yml")
NO_FILES = "SV013"


def discover(paths: Iterable[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """The YAML files named or found (recursively) under ``paths``, sorted, without repeats."""
    found: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.suffix in SUFFIXES and child.is_file() and not _hidden(child, path):
                    found.setdefault(str(child), child)
        elif path.is_file():
            found.setdefault(str(path), path)
        else:
            problems.append(Diagnostic(NO_FILES, Severity.ERROR, N_("no such file or folder"), Span(str(path))))
    return [found[k] for k in sorted(found)], problems


def _hidden(child: Path, top: Path) -> bool:
    return any(part.startswith(".") for part in child.relative_to(top).parts)


def read_limited(path: Path) -> bytes | None:
    """The file's bytes, at most one more than the size limit; ``None`` if it cannot be read."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError:
        return None


@dataclass(frozen=True)
class Found:
    """The files of a run with their bytes (``None``: unreadable), and the paths not found;
    ``context``: the other files of their workspace, read for the cross-file rules only."""

    files: tuple[tuple[Path, bytes | None], ...]
    problems: tuple[Diagnostic, ...]
    context: tuple[tuple[Path, bytes | None], ...] = ()


def read_all(paths: Iterable[Path]) -> Found:
    """Discover the files under ``paths`` and read each once."""
    files, problems = discover(paths)
    return Found(tuple((path, read_limited(path)) for path in files), tuple(problems))

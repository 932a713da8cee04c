"""Settings from ``[tool.samverkan]`` in ``pyproject.toml`` or from ``samverkan.toml``.

::

    [tool.samverkan]
    ignore = ["SV111"]              # rules switched off
    severity = { SV110 = "error" }  # a rule's severity changed
    strict = false                  # warnings fail the run
    templates = "mallar"            # render: your templates folder, relative to this file
    reference_docx = "mall.docx"    # render --format docx: your Word look, relative to this file

The nearest such file in the current folder or above it is used; ``--config`` names one.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .diagnostics import Severity, UnknownSeverity, leaves_no_document
from .i18n import N_, MessageError, Nn_


class ConfigError(MessageError):
    """The configuration file cannot be used; the message says why and where (``str()`` in
    English, :meth:`said` in the reader's language)."""


@dataclass(frozen=True)
class Config:
    severity: dict[str, Severity] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()
    select: frozenset[str] | None = None
    strict: bool = False
    path: str | None = None
    templates: str | None = None
    """``render``'s templates folder, relative to the configuration file's folder."""
    reference_docx: str | None = None
    """``render --format docx``'s reference document, relative to the configuration file's folder."""

    def enabled(self, code: str) -> bool:
        if any(code.startswith(prefix) for prefix in self.ignore):
            return False
        return self.select is None or any(code.startswith(prefix) for prefix in self.select)

    def severity_of(self, code: str, default: Severity) -> Severity:
        return self.severity.get(code, default)

    def with_options(
        self, *, select: Iterable[str] = (), ignore: Iterable[str] = (), strict: bool | None = None
    ) -> Config:
        selected = frozenset(s.strip().upper() for s in select if s.strip())
        return replace(
            self,
            select=selected or self.select,
            ignore=self.ignore | {s.strip().upper() for s in ignore if s.strip()},
            strict=self.strict if strict is None else strict,
        )


def find_config(start: Path) -> Path | None:
    """The nearest ``samverkan.toml``, or ``pyproject.toml`` with ``[tool.samverkan]``."""
    for folder in (start, *start.parents):
        config = config_in(folder)
        if config is not None:
            return config
    return None


def config_in(folder: Path) -> Path | None:
    """``folder``'s ``samverkan.toml``, or its ``pyproject.toml`` if it has ``[tool.samverkan]``."""
    candidate = folder / "samverkan.toml"
    if candidate.is_file():
        return candidate
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        return None
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return pyproject if "tool.samverkan" in text else None  # broken, but meant for us: load_config says why
    tool = data.get("tool")
    return pyproject if isinstance(tool, dict) and "samverkan" in tool else None


def find_root(start: Path) -> tuple[Path, bool]:
    """The root of the workspace that ``start`` (a file or a folder) belongs to, and whether a
    configuration file marks it: walking up from ``start``'s folder, the first folder with a
    ``samverkan.toml``, a ``pyproject.toml`` with ``[tool.samverkan]`` or a ``.git`` (a folder,
    or the file of a git worktree); else ``start``'s own folder. A configuration file above the
    git repository may still give its settings (:func:`find_config`) but does not widen the
    workspace past the repository. Paths are made absolute, not resolved."""
    folder = Path(os.path.normpath(Path(start).absolute()))
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if config_in(candidate) is not None:
            return candidate, True
        if (candidate / ".git").exists():
            return candidate, False
    return folder, False


def known_codes() -> list[str]:
    """Every code a configuration may name: the rules' and the loader's and schema's."""
    from .rules import RULES
    from .validation import KNOWN_CODES

    return [r.code for r in RULES] + list(KNOWN_CODES)


def nearest_config(start: Path) -> Config:
    """The settings of the nearest configuration file from ``start`` (the defaults without one).
    Raises :class:`ConfigError` for one that cannot be used."""
    return load_config(find_config(start), known_codes())


def load_config(path: Path | None, known_codes: Iterable[str]) -> Config:
    """Read a configuration file (``None``: defaults). Raises :class:`ConfigError`."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(N_("{where}: not valid TOML: {error}", where=str(path), error=str(exc))) from None
    except OSError as exc:
        raise ConfigError(N_("{where}: cannot read: {reason}", where=str(path), reason=str(exc.strerror))) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        table: Any = tool.get("samverkan", {}) if isinstance(tool, dict) else None
    else:
        table = data
    return parse_config(table, str(path), set(known_codes))


_STAYS_AN_ERROR = N_(
    "{where}: {code} stays an error: a file with it cannot be read or does not match the schema, "
    "so no rule can check it and no command can use it (see docs/rules.md)"
)


def parse_config(table: Any, where: str, known: set[str]) -> Config:
    if not isinstance(table, dict):
        raise ConfigError(N_("{where}: [tool.samverkan] must be a table", where=where))
    unknown = set(table) - {"ignore", "select", "severity", "strict", "templates", "reference_docx"}
    if unknown:
        raise ConfigError(
            Nn_(
                "{where}: unknown setting(s): {names}",
                "{where}: unknown setting(s): {names}",
                len(unknown),
                where=where,
                names=", ".join(sorted(unknown)),
            )
        )

    def codes(name: str) -> frozenset[str]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(N_("{where}: '{name}' must be a list of rule codes", where=where, name=name))
        for code in value:
            if not code or not any(k.startswith(code.upper()) for k in known):
                raise ConfigError(
                    N_("{where}: '{name}' names unknown rule {code}", where=where, name=name, code=repr(code))
                )
            if name == "ignore" and code.upper() in known and leaves_no_document(code.upper()):
                raise ConfigError(_STAYS_AN_ERROR.fill(where=where, code=code.upper()))
        return frozenset(v.upper() for v in value)

    severity: dict[str, Severity] = {}
    raw = table.get("severity", {})
    if not isinstance(raw, dict):
        raise ConfigError(N_('{where}: \'severity\' must be a table of code = "error"|"warning"|"notice"', where=where))
    for code, level in raw.items():
        if code.upper() not in known:
            raise ConfigError(N_("{where}: 'severity' names unknown rule {code}", where=where, code=repr(code)))
        try:
            severity[code.upper()] = Severity.parse(str(level))
        except UnknownSeverity as exc:
            raise ConfigError(
                N_("{where}: severity of {code}: {reason}", where=where, code=code, reason=exc.message)
            ) from None
        if leaves_no_document(code.upper()) and severity[code.upper()] is not Severity.ERROR:
            raise ConfigError(_STAYS_AN_ERROR.fill(where=where, code=code.upper()))
    strict = table.get("strict", False)
    if not isinstance(strict, bool):
        raise ConfigError(N_("{where}: 'strict' must be true or false", where=where))
    templates = table.get("templates")
    if templates is not None and (not isinstance(templates, str) or not templates):
        raise ConfigError(N_("{where}: 'templates' must be the path of a folder", where=where))
    reference_docx = table.get("reference_docx")
    if reference_docx is not None and (not isinstance(reference_docx, str) or not reference_docx):
        raise ConfigError(N_("{where}: 'reference_docx' must be the path of a .docx file", where=where))
    select = codes("select")
    return Config(severity, codes("ignore"), select or None, strict, where, templates, reference_docx)

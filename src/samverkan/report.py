"""The result of a run. It alone decides the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity
from .source import SourceFile

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_CHANGED = 4
"""A file was written to while the run read it: no output, run the command again."""


@dataclass(frozen=True)
class Report:
    """Diagnostics of a run (sorted), the files it read, and whether warnings fail it."""

    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, SourceFile] = field(default_factory=dict)
    """Every file read, those checked and the other files of their workspace (for the lines
    that findings point at)."""
    files: int = 0
    strict: bool = False
    checked: tuple[str, ...] | None = None
    """The paths of the files checked (``files`` of them); ``None``: those of :attr:`sources`."""

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def failed(self) -> bool:
        worst = Severity.WARNING if self.strict else Severity.ERROR
        return any(d.severity >= worst for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        return EXIT_FINDINGS if self.failed else EXIT_OK

    def summary_said(self) -> str:
        """The closing line in the current language: ``5 files checked: 1 error, 2 warnings,
        0 notices`` (``5 filer kontrollerade: 1 fel, 2 varningar, 0 notiser`` in Swedish)."""
        from .i18n import _, ngettext

        errors = self.count(Severity.ERROR)
        warnings = self.count(Severity.WARNING)
        notices = self.count(Severity.NOTICE)
        counts = ", ".join(
            (
                ngettext("{n} error", "{n} errors", errors).format(n=errors),
                ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
                ngettext("{n} notice", "{n} notices", notices).format(n=notices),
            )
        )
        files = ngettext("{n} file checked", "{n} files checked", self.files).format(n=self.files)
        return _("{files}: {counts}").format(files=files, counts=counts)

"""The result of a run. It alone decides the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Severity
from .source import SourceFile

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


@dataclass(frozen=True)
class Report:
    """Diagnostics of a run (sorted), the files it read, and whether warnings fail it."""

    diagnostics: tuple[Diagnostic, ...]
    sources: dict[str, SourceFile] = field(default_factory=dict)
    files: int = 0
    strict: bool = False

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def failed(self) -> bool:
        worst = Severity.WARNING if self.strict else Severity.ERROR
        return any(d.severity >= worst for d in self.diagnostics)

    @property
    def exit_code(self) -> int:
        return EXIT_FINDINGS if self.failed else EXIT_OK

    def summary(self) -> str:
        """The closing line: ``5 files checked: 1 error, 2 warnings, 0 notices``."""
        errors = self.count(Severity.ERROR)
        warnings = self.count(Severity.WARNING)
        notices = self.count(Severity.NOTICE)

        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        counts = f"{n(errors, 'error')}, {n(warnings, 'warning')}, {n(notices, 'notice')}"
        return f"{n(self.files, 'file')} checked: {counts}"

    def summary_said(self) -> str:
        """:meth:`summary` in the current language (``5 filer kontrollerade: 1 fel, …`` in Swedish)."""
        from .i18n import _, ngettext

        counts = ", ".join(
            (
                ngettext("{n} error", "{n} errors", self.count(Severity.ERROR)).format(n=self.count(Severity.ERROR)),
                ngettext("{n} warning", "{n} warnings", self.count(Severity.WARNING)).format(
                    n=self.count(Severity.WARNING)
                ),
                ngettext("{n} notice", "{n} notices", self.count(Severity.NOTICE)).format(
                    n=self.count(Severity.NOTICE)
                ),
            )
        )
        files = ngettext("{n} file checked", "{n} files checked", self.files).format(n=self.files)
        return _("{files}: {counts}").format(files=files, counts=counts)

"""One line a finding: ``path:line:col: severity[CODE] message``, then the closing line.

The message and the closing line are in the current language; the severity and the code
stay English, so that a problem matcher reads the line in every language.
"""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic
from ..i18n import Language
from ..report import Report


def line(d: Diagnostic, lang: Language | None = None) -> str:
    """The finding on one line, its message in ``lang`` (by default the current language)."""
    return f"{d.span}: {d.severity.label}[{d.code}] {d.said(lang)}"


def write(report: Report, stream: TextIO) -> None:
    for d in report.diagnostics:
        stream.write(line(d) + "\n")
    stream.write(report.summary_said() + "\n")

"""One line a finding: ``path:line:col: severity[CODE] message``, then the closing line."""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Diagnostic
from ..report import Report


def line(d: Diagnostic) -> str:
    return f"{d.span}: {d.severity.label}[{d.code}] {d.message}"


def write(report: Report, stream: TextIO) -> None:
    for d in report.diagnostics:
        stream.write(line(d) + "\n")
    stream.write(report.summary_said() + "\n")

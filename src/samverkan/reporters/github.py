"""GitHub Actions workflow commands: one annotation a finding, with line and column.

The annotation's text (message and hint) and the closing line are in the current language,
for the person who reads them on the pull request; the command, the file and the code
(the annotation's title) stay as they are.
"""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Severity
from ..i18n import _
from ..report import Report

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write(report: Report, stream: TextIO) -> None:
    for d in report.diagnostics:
        props = [f"file={_escape_property(d.span.path)}"]
        if d.span.line:
            props += [f"line={d.span.line}", f"col={d.span.col}"]
        props.append(f"title={_escape_property(d.code)}")
        hint = d.hint_said()
        message = d.said() + (" " + _("(hint: {hint})").format(hint=hint) if hint else "")
        stream.write(f"::{_COMMAND[d.severity]} {','.join(props)}::{_escape_data(message)}\n")
    stream.write(report.summary_said() + "\n")

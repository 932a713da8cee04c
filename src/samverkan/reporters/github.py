"""GitHub Actions workflow commands: one annotation a finding, with line and column."""

from __future__ import annotations

from typing import TextIO

from ..diagnostics import Severity
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
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        stream.write(f"::{_COMMAND[d.severity]} {','.join(props)}::{_escape_data(message)}\n")
    stream.write(report.summary() + "\n")

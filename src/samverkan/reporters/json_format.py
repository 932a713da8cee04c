"""JSON: one object with the counts and every finding, in English whatever the language."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..diagnostics import Severity
from ..report import Report


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "version": 1,
        "files": report.files,
        "summary": {
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "notices": report.count(Severity.NOTICE),
            "failed": report.failed,
        },
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity.label,
                "message": d.english,
                "hint": d.english_hint,
                "path": d.span.path,
                "line": d.span.line,
                "column": d.span.col,
                **({"data": dict(d.data)} if d.data else {}),
            }
            for d in report.diagnostics
        ],
    }


def write(report: Report, stream: TextIO) -> None:
    json.dump(as_dict(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")

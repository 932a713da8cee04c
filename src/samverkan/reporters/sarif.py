"""SARIF 2.1.0: one run, a rule descriptor for every code that occurs, one result a finding.

Code-scanning services (GitHub, GitLab, Azure DevOps) read this format. Its text is English
whatever the language, and the output is deterministic: no timestamps, no absolute paths that
the report does not already hold, rules sorted by code and results in the report's order.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic, Severity
from ..report import Report
from ..rules import RULES_BY_CODE
from ..validation import KNOWN_CODES

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for a path: relative with forward slashes, ``file://`` when absolute."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def _descriptor(code: str) -> dict[str, Any]:
    rule = RULES_BY_CODE.get(code)
    if rule is not None:
        return {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
    return {"id": code, "shortDescription": {"text": KNOWN_CODES.get(code, code)}}


def _result(d: Diagnostic, rule_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(d.span.path)}}
    if d.span.line:
        region = {"startLine": d.span.line}
        if d.span.col:
            region["startColumn"] = d.span.col
        physical["region"] = region
    text = d.english + (f" (hint: {d.english_hint})" if d.hint is not None else "")
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[d.severity],
        "message": {"text": text},
        "locations": [{"physicalLocation": physical}],
    }


def as_dict(report: Report) -> dict[str, Any]:
    codes = sorted({d.code for d in report.diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    driver = {"name": "samverkan", "version": __version__, "rules": [_descriptor(c) for c in codes]}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, index[d.code]) for d in report.diagnostics],
            }
        ],
    }


def write(report: Report, stream: TextIO) -> None:
    stream.write(json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n")

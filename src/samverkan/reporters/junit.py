"""JUnit XML: one test suite, one test case a file, a failure for each file that fails.

CI services that show test results (GitLab, Jenkins, Azure DevOps) read this format. A file
fails when it has an error, or a warning when the report is strict; the failure's message is
its first failing finding and its text every finding of the file, one concise line each.
Findings that do not fail a file go to ``<system-out>``. ``errors`` stays 0: in JUnit it counts
tests that could not run, and every file was checked. The text is English whatever the language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ..diagnostics import Diagnostic, Severity
from ..report import Report
from .concise import line

SUITE = "samverkan validate"

# Characters that XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _by_file(report: Report) -> dict[str, list[Diagnostic]]:
    checked = report.checked if report.checked is not None else report.sources  # not the workspace's others
    paths = set(checked) | {d.span.path for d in report.diagnostics}
    found: dict[str, list[Diagnostic]] = {path: [] for path in sorted(paths)}
    for d in report.diagnostics:
        found[d.span.path].append(d)
    return found


def as_element(report: Report) -> ET.Element:
    worst = Severity.WARNING if report.strict else Severity.ERROR
    files = _by_file(report)
    root = ET.Element("testsuites", name="samverkan")
    suite = ET.SubElement(root, "testsuite", name=SUITE)
    failures = 0
    for path, found in files.items():
        case = ET.SubElement(suite, "testcase", classname="samverkan", name=_xml_text(path))
        failing = [d for d in found if d.severity >= worst]
        lines = "\n".join(_xml_text(line(d, "en")) for d in found)
        if failing:
            failures += 1
            first = failing[0]
            failure = ET.SubElement(
                case,
                "failure",
                message=_xml_text(f"{first.severity.label}[{first.code}] {first.english}"),
                type=first.code,
            )
            failure.text = lines
        elif found:
            ET.SubElement(case, "system-out").text = lines
    counts = {"tests": str(len(files)), "failures": str(failures), "errors": "0", "skipped": "0"}
    for element in (root, suite):
        element.attrib.update(counts)
    return root


def write(report: Report, stream: TextIO) -> None:
    root = as_element(report)
    ET.indent(root, space="  ")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode") + "\n")

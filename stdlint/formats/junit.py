"""``--format junit``: JUnit XML, which CI servers (GitLab, Jenkins, Azure) show as test results.

Each file the run checked is a test case named by its path (a file other findings are about,
such as ``handbook.yml``, is one too), and each error or warning on it a ``<failure>`` whose
type is the rule's code and whose text says where it is and what to do. Notes (info) do not
fail a test: they are listed in the test case's ``<system-out>``, which CI servers show with it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from stdlint.diagnostics import Diagnostic, Severity
from stdlint.formats.common import TOOL
from stdlint.i18n import Lang
from stdlint.result import FileState, Result

# Characters XML 1.0 does not allow, even escaped: shown as \xNN so the report stays readable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(result: Result, lang: Lang) -> str:
    """The result as one JUnit XML document."""
    cases = _findings_by_file(result)
    failures = sum(
        1
        for findings in cases.values()
        for diagnostic in findings
        if diagnostic.severity is not Severity.INFO
    )
    counts = {"tests": str(len(cases)), "failures": str(failures), "errors": "0"}
    suites = ET.Element("testsuites", {"name": TOOL, **counts})
    suite = ET.SubElement(suites, "testsuite", {"name": TOOL, **counts, "skipped": "0"})
    for path, findings in cases.items():
        case = ET.SubElement(suite, "testcase", {"classname": TOOL, "name": _xml(path)})
        notes = []
        for diagnostic in findings:
            if diagnostic.severity is Severity.INFO:
                notes.append(_describe(diagnostic, lang))
                continue
            failure = ET.SubElement(
                case, "failure", {"message": _xml(diagnostic.message), "type": diagnostic.code}
            )
            failure.text = _xml(_describe(diagnostic, lang))
        if notes:
            ET.SubElement(case, "system-out").text = _xml("\n".join(notes))
    ET.indent(suites)
    body = ET.tostring(suites, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _findings_by_file(result: Result) -> dict[str, list[Diagnostic]]:
    """Every file checked (read or not), then any other file a finding is about, with findings."""
    cases: dict[str, list[Diagnostic]] = {
        record.path: [] for record in result.files if record.state is not FileState.SKIPPED
    }
    for diagnostic in result.diagnostics:
        cases.setdefault(diagnostic.path, []).append(diagnostic)
    return cases


def _describe(diagnostic: Diagnostic, lang: Lang) -> str:
    where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
    line = f"{where}  {diagnostic.severity.word(lang)}  {diagnostic.code}  {diagnostic.message}"
    return f"{line}\n    → {diagnostic.suggestion}" if diagnostic.suggestion else line


def _xml(value: str) -> str:
    return _NOT_XML.sub(lambda match: f"\\x{ord(match.group()):02x}", value)

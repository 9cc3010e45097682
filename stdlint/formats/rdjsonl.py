"""``--format rdjsonl``: reviewdog's Diagnostic Format, one JSON object per line.

reviewdog posts the findings as review comments on the changed lines. Its columns count bytes
of UTF-8 (the ``Position`` message of reviewdog's proto/rdf), so a column after Russian text
differs from stdlint's, which counts characters. reviewdog's ``suggestions`` replace a range
with new text; stdlint's suggestions are advice in words, so they go into the message instead.

Paths are relative to the working folder: reviewdog, reading the output through a pipe, runs in
the same folder and resolves them from there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from stdlint.diagnostics import Diagnostic, Severity
from stdlint.fingerprints import StandardLines
from stdlint.formats.common import DOCUMENTATION_URL, TOOL, full_message, paths_from, rule_url
from stdlint.i18n import Lang
from stdlint.result import Result

SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def render(result: Result, lang: Lang) -> str:
    """One reviewdog diagnostic per line for every finding of ``result``."""
    return diagnostic_lines(result, os.getcwd())


def diagnostic_lines(result: Result, folder: str | Path) -> str:
    """The output of ``render`` with paths relative to ``folder``."""
    paths = paths_from(result, folder, outside=True)
    lines = _SourceLines(result)
    return "".join(
        json.dumps(_diagnostic(diagnostic, paths(diagnostic.path), lines), ensure_ascii=False)
        + "\n"
        for diagnostic in result.diagnostics
    )


def _diagnostic(diagnostic: Diagnostic, path: str, lines: _SourceLines) -> dict[str, Any]:
    span = diagnostic.span
    return {
        "message": full_message(diagnostic),
        "location": {
            "path": path,
            "range": {
                "start": {
                    "line": span.line,
                    "column": lines.byte_column(diagnostic, span.line, span.column),
                },
                "end": {
                    "line": span.end_line,
                    "column": lines.byte_column(diagnostic, span.end_line, span.end_column),
                },
            },
        },
        "severity": SEVERITIES[diagnostic.severity],
        "source": {"name": TOOL, "url": DOCUMENTATION_URL},
        "code": {"value": diagnostic.code, "url": rule_url(diagnostic.code)},
    }


class _SourceLines:
    """The lines of the files the diagnostics point into: the parsed ones, else read once."""

    def __init__(self, result: Result) -> None:
        self._result = result
        self._standards = StandardLines(result)
        self._lines: dict[str, list[str]] = {}

    def byte_column(self, diagnostic: Diagnostic, line: int, column: int) -> int:
        """The 1-based UTF-8 byte column of the character column ``column`` on ``line``."""
        file_lines = self._standards.get(diagnostic.path)
        if file_lines is None:
            if diagnostic.path not in self._lines:
                self._lines[diagnostic.path] = _read_lines(self._result.absolute(diagnostic))
            file_lines = self._lines[diagnostic.path]
        if not 1 <= line <= len(file_lines):
            return column  # a file that could not be read: its findings are at its start
        text = file_lines[line - 1]
        before = text[: column - 1].encode("utf-8", "surrogatepass")
        return len(before) + max(0, column - 1 - len(text)) + 1  # past the end: one per column


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []

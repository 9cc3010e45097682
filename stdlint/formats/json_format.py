"""``--format json``: one object, the contract other tools rely on (see DESIGN.md)."""

from __future__ import annotations

import json
from typing import Any

from stdlint.diagnostics import Diagnostic
from stdlint.i18n import Lang
from stdlint.result import Result

VERSION = 1


def diagnostic_object(diagnostic: Diagnostic) -> dict[str, Any]:
    """One diagnostic as the JSON contract spells it."""
    span = diagnostic.span
    return {
        "path": diagnostic.path,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "code": diagnostic.code,
        "criterion": diagnostic.criterion.value,
        "severity": diagnostic.severity.value,
        "message": diagnostic.message,
        "suggestion": diagnostic.suggestion,
    }


def render(result: Result, lang: Lang) -> str:
    """The whole result as one JSON object (UTF-8, not ASCII-escaped)."""
    document = {
        "version": VERSION,
        "files": result.checked_files,
        "diagnostics": [diagnostic_object(diagnostic) for diagnostic in result.diagnostics],
        "summary": result.summary,
        "suppressed": result.suppressed,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

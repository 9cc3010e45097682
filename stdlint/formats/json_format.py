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
        "diagnostics": [],
        "summary": result.summary,
        "suppressed": result.suppressed,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if not result.diagnostics:
        return text
    # The same text as json.dumps of the whole, which would hold about thirty small strings per
    # finding at once (100 MB for 30,000 findings): each finding is written alone, indented as
    # it would be nested (a JSON string has no raw line break), and all is joined once.
    head, tail = text.split(_EMPTY, 1)
    pieces = [head + _EMPTY[:-1]]
    for diagnostic in result.diagnostics:
        item = json.dumps(diagnostic_object(diagnostic), ensure_ascii=False, indent=2)
        pieces.append(_FIRST if len(pieces) == 1 else _NEXT)
        pieces.append(item.replace("\n", _NEW_LINE))
    pieces.append("\n  ]" + tail)
    return "".join(pieces)


_NEW_LINE = "\n    "  # and the indentation of an object in the list "diagnostics"
_FIRST, _NEXT = _NEW_LINE, "," + _NEW_LINE
_EMPTY = '"diagnostics": []'

"""``--format json``: one object, the contract other tools rely on (see DESIGN.md)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from json.encoder import encode_basestring
from typing import Any

from stdlint.diagnostics import Diagnostic, Span
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
    """The whole result as one JSON object (UTF-8, not ASCII-escaped), indented by two."""
    return "".join(chunks(result, lang))


def chunks(result: Result, lang: Lang) -> Iterator[str]:
    """:func:`render`'s text in pieces, a finding at a time, for a caller that writes them as
    they come rather than holding tens of megabytes of text for a large handbook.

    The text is ``json.dumps(document, ensure_ascii=False, indent=2)``'s, byte for byte; but
    with an indent the standard library encodes in Python, value by value, which took seconds
    for the tens of thousands of findings of a large handbook. Each finding is written here from
    its values, which the C encoder spells.
    """
    yield (
        f'{{\n  "version": {_nested(VERSION)},\n  "files": {_nested(result.checked_files)},\n'
        '  "diagnostics": '
    )
    if result.diagnostics:
        separator = "[\n"
        spelled: dict[object, str] = {}  # paths, messages, suggestions: most are written often
        for diagnostic in result.diagnostics:
            yield separator + _diagnostic_text(diagnostic, spelled)
            separator = ",\n"
        yield "\n  ]"
    else:
        yield "[]"
    yield (
        f',\n  "summary": {_nested(result.summary)},\n'
        f'  "suppressed": {_nested(result.suppressed)}\n}}\n'
    )


def _diagnostic_text(diagnostic: Diagnostic, spelled: dict[object, str]) -> str:
    """One finding as an item of the indented list (its fields at the third level): the
    fields of :func:`diagnostic_object`, in its order, spelled in one expression (a large
    handbook prints tens of thousands). Its texts are spelled once each (``spelled``)."""
    line, column, end_line, end_column = _numbers(diagnostic.span)
    return (
        f'    {{\n      "path": {_text(diagnostic.path, spelled)},\n'
        f'      "line": {line},\n'
        f'      "column": {column},\n'
        f'      "end_line": {end_line},\n'
        f'      "end_column": {end_column},\n'
        f'      "code": {_text(diagnostic.code, spelled)},\n'
        # The enums' members are their values (StrEnum), spelled as such.
        f'      "criterion": {_text(diagnostic.criterion, spelled)},\n'
        f'      "severity": {_text(diagnostic.severity, spelled)},\n'
        f'      "message": {_text(diagnostic.message, spelled)},\n'
        f'      "suggestion": {_text(diagnostic.suggestion, spelled)}\n    }}'
    )


def _numbers(span: Span) -> tuple[object, object, object, object]:
    """The span's four numbers, to be formatted as they are (ints, as nearly always) or as
    JSON spells them."""
    numbers = (span.line, span.column, span.end_line, span.end_column)
    if type(numbers[0]) is type(numbers[1]) is type(numbers[2]) is type(numbers[3]) is int:
        return numbers
    line, column, end_line, end_column = map(_number, numbers)
    return line, column, end_line, end_column


def _number(value: object) -> str:
    return repr(value) if type(value) is int else _other(value)


def _text(value: object, spelled: dict[object, str]) -> str:
    found = spelled.get(value)
    if found is None:
        found = spelled[value] = _string(value) if type(value) is str else _other(value)
    return found


_string = encode_basestring  # the C function json.dumps spells a string with (an int: repr)
_other = json.JSONEncoder(ensure_ascii=False).encode


def _nested(value: object) -> str:
    """``value`` as it reads one level down in the indented object."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")

"""``--format text``: one line per finding (where, severity in words, code, message) and its
suggestion, for people at a terminal and for CI logs without colour.

Styles are always written; the CLI strips them when the output is not a terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import click

from stdlint.diagnostics import Diagnostic, Severity
from stdlint.formats.common import SEVERITY_NOUNS
from stdlint.i18n import Lang, Text, plural
from stdlint.result import Result

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
# The severity on each finding line: the names used by --fail-on and the profile's rules.
_CHECKED = Text(en="Checked {files}: {counts}.", ru="Проверено: {files}; {counts}.")
_CLEAN = Text(en="Checked {files}: no findings.", ru="Проверено: {files}; замечаний нет.")
_SUPPRESSED = Text(en=" {count} suppressed.", ru=" Подавлено: {count}.")
_SKIPPED = Text(
    en=" Skipped {files} outside the handbook's standards (name a file to check it).",
    ru=" Пропущено вне папок стандартов: {files} (чтобы проверить файл, укажите его явно).",
)
_FILE = (("file", "files"), ("файл", "файла", "файлов"))


def format_line(
    diagnostic: Diagnostic, lang: Lang, location_width: int = 0, severity_width: int | None = None
) -> str:
    """``path:line:col  severity  CODE  message`` and, indented below, the suggestion.

    The severity is written in words so that a log without colour still shows what fails the
    build; the location and the severity are padded to the given widths (by default, the
    severity to the longest word of ``lang``) so that the codes line up.
    """
    location = _location(diagnostic)
    word = diagnostic.severity.word(lang)
    width = _widest_word(lang) if severity_width is None else severity_width
    colour = _COLOURS[diagnostic.severity]
    line = "  ".join(
        (
            click.style(location, bold=True) + " " * (location_width - len(location)),
            click.style(word, fg=colour) + " " * (width - len(word)),
            click.style(diagnostic.code, fg=colour, bold=True),
            diagnostic.message,
        )
    )
    if diagnostic.suggestion:
        line += "\n" + click.style(f"    → {diagnostic.suggestion}", fg="green")
    return line


def _location(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"


def _widest_word(lang: Lang, severities: Iterable[Severity] = Severity) -> int:
    return max((len(severity.word(lang)) for severity in severities), default=0)


def summary_line(result: Result, lang: Lang) -> str:
    """One sentence: how many files, and how many findings of each severity."""
    files = plural(lang, result.checked_files, *_FILE)
    if not result.diagnostics:
        line = _CLEAN.render(lang, files=files)
    else:
        counts = ", ".join(
            plural(lang, result.count(severity), *SEVERITY_NOUNS[severity])
            for severity in reversed(Severity)
        )
        line = _CHECKED.render(lang, files=files, counts=counts)
    if result.suppressed:
        line += _SUPPRESSED.render(lang, count=result.suppressed)
    if result.skipped_files:
        skipped = plural(lang, result.skipped_files, *_FILE)
        line += _SKIPPED.render(lang, files=skipped)
    return click.style(line, bold=True)


def render(result: Result, lang: Lang) -> str:
    """Every finding, then the summary."""
    return "".join(chunks(result, lang))


def chunks(result: Result, lang: Lang) -> Iterator[str]:
    """:func:`render`'s text a finding at a time, for a caller that writes as it goes."""
    findings = result.diagnostics
    location_width = max((len(_location(diagnostic)) for diagnostic in findings), default=0)
    severity_width = _widest_word(lang, {diagnostic.severity for diagnostic in findings})
    for diagnostic in findings:
        yield format_line(diagnostic, lang, location_width, severity_width) + "\n"
    if findings:
        yield "\n"
    yield summary_line(result, lang) + "\n"

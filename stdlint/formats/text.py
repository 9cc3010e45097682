"""``--format text``: one line per finding and its suggestion, for people at a terminal.

Styles are always written; the CLI strips them when the output is not a terminal.
"""

from __future__ import annotations

import click

from stdlint.diagnostics import Diagnostic, Severity
from stdlint.i18n import Lang, Text, plural
from stdlint.result import Result

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
_CHECKED = Text(en="Checked {files}: {counts}.", ru="Проверено: {files}; {counts}.")
_CLEAN = Text(en="Checked {files}: no findings.", ru="Проверено: {files}; замечаний нет.")
_SUPPRESSED = Text(en=" {count} suppressed.", ru=" Подавлено: {count}.")
_SKIPPED = Text(
    en=" Skipped {files} outside the handbook's standards (name a file to check it).",
    ru=" Пропущено вне папок стандартов: {files} (чтобы проверить файл, укажите его явно).",
)
_FILE = (("file", "files"), ("файл", "файла", "файлов"))
_NOUNS = {
    Severity.ERROR: (("error", "errors"), ("ошибка", "ошибки", "ошибок")),
    Severity.WARNING: (
        ("warning", "warnings"),
        ("предупреждение", "предупреждения", "предупреждений"),
    ),
    Severity.INFO: (("note", "notes"), ("подсказка", "подсказки", "подсказок")),
}


def format_line(diagnostic: Diagnostic) -> str:
    """``path:line:col  CODE  message`` and, indented below, the suggestion."""
    where = click.style(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}", bold=True)
    code = click.style(diagnostic.code, fg=_COLOURS[diagnostic.severity], bold=True)
    line = f"{where}  {code}  {diagnostic.message}"
    if diagnostic.suggestion:
        line += "\n" + click.style(f"    → {diagnostic.suggestion}", fg="green")
    return line


def summary_line(result: Result, lang: Lang) -> str:
    """One sentence: how many files, and how many findings of each severity."""
    files = plural(lang, result.checked_files, *_FILE)
    if not result.diagnostics:
        line = _CLEAN.render(lang, files=files)
    else:
        counts = ", ".join(
            plural(lang, result.count(severity), *_NOUNS[severity])
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
    lines = [format_line(diagnostic) for diagnostic in result.diagnostics]
    if lines:
        lines.append("")
    lines.append(summary_line(result, lang))
    return "\n".join(lines) + "\n"

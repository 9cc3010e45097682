"""``--format text``: one line per finding (where, severity in words, code, message) and its
suggestion, for people at a terminal and for CI logs without colour.

Styles are written unless ``styled=False`` (the CLI asks for none when the output is not a
terminal, and strips any the findings quote from the standards).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import click

from stdlint.diagnostics import Diagnostic, Severity
from stdlint.formats.common import SEVERITY_NOUNS
from stdlint.i18n import Lang, Text, plural
from stdlint.result import Result

STYLED = True  # its text is styled for a terminal, unless asked for with styled=False
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
    diagnostic: Diagnostic,
    lang: Lang,
    location_width: int = 0,
    severity_width: int | None = None,
    *,
    styled: bool = True,
) -> str:
    """``path:line:col  severity  CODE  message`` and, indented below, the suggestion.

    The severity is written in words so that a log without colour still shows what fails the
    build; the location and the severity are padded to the given widths (by default, the
    severity to the longest word of ``lang``) so that the codes line up.
    """
    location = _location(diagnostic)
    width = _widest_word(lang) if severity_width is None else severity_width
    bold, green, reset = _STYLES if styled else _PLAIN
    labels = _labels(diagnostic.severity, diagnostic.code, lang, width, styled)
    line = (
        f"{bold}{location}{reset}{' ' * (location_width - len(location))}  "
        f"{labels}  {diagnostic.message}"
    )
    if diagnostic.suggestion:
        line += f"\n{green}    → {diagnostic.suggestion}{reset}"
    return line


# click.style's codes, taken once: a large handbook's output styles tens of thousands of lines.
_BOLD, _RESET = click.style("\0", bold=True).split("\0")
_STYLES = (_BOLD, click.style("\0", fg="green").split("\0")[0], _RESET)
_PLAIN = ("", "", "")


@cache
def _labels(severity: Severity, code: str, lang: Lang, width: int, styled: bool) -> str:
    """The severity in words, padded to ``width``, and the rule's code, in the severity's colour."""
    word = severity.word(lang)
    colour = _COLOURS[severity] if styled else None
    return (
        _style(word, fg=colour)
        + " " * (width - len(word))
        + "  "
        + _style(code, fg=colour, bold=styled)
    )


def _style(text: str, fg: str | None, bold: bool = False) -> str:
    return click.style(text, fg=fg, bold=bold or None) if fg or bold else text


def _location(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"


def _widest_word(lang: Lang, severities: Iterable[Severity] = Severity) -> int:
    return max((len(severity.word(lang)) for severity in severities), default=0)


def summary_line(result: Result, lang: Lang, *, styled: bool = True) -> str:
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
    return click.style(line, bold=True) if styled else line


def render(result: Result, lang: Lang, *, styled: bool = True) -> str:
    """Every finding, then the summary."""
    return "".join(chunks(result, lang, styled=styled))


def chunks(result: Result, lang: Lang, *, styled: bool = True) -> Iterator[str]:
    """:func:`render`'s text a finding at a time, for a caller that writes as it goes."""
    findings = result.diagnostics
    location_width = max((len(_location(diagnostic)) for diagnostic in findings), default=0)
    severity_width = _widest_word(lang, {diagnostic.severity for diagnostic in findings})
    for diagnostic in findings:
        yield format_line(diagnostic, lang, location_width, severity_width, styled=styled) + "\n"
    if findings:
        yield "\n"
    yield summary_line(result, lang, styled=styled) + "\n"

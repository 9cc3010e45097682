"""``--format github``: GitHub Actions workflow commands, which GitHub shows as annotations on
the lines of a pull request, then every finding as a plain line of the log.

GitHub shows at most 10 error, 10 warning and 10 notice annotations per step (and 50 per job)
and drops the rest without a word: "Limitations" in actions/toolkit's docs/problem-matchers.md
(https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations). So the
annotations go most severe first, at most 10 of each kind, a line says how many were left out,
and the full list follows as text, so the log loses nothing.

Paths are relative to the repository's root (``GITHUB_WORKSPACE``) when it holds the handbook,
since that is where GitHub looks for the files. ``step_summary`` is the Markdown the CLI
appends to ``GITHUB_STEP_SUMMARY``; rendering itself writes nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections import Counter

import click

from stdlint.diagnostics import Diagnostic, Severity
from stdlint.formats import text
from stdlint.formats.common import (
    SEVERITY_NOUNS,
    PathMapper,
    full_message,
    most_severe_first,
    paths_from,
)
from stdlint.i18n import Lang, Text, plural
from stdlint.result import Result

ANNOTATIONS_PER_KIND = 10  # per step and per kind: the limit quoted above
SUMMARY_ROWS = 50  # findings listed in the step summary's table; the log has them all
_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_NOT_SHOWN = Text(
    en="GitHub shows {limit} annotations of each kind per step; not shown as annotations: "
    "{counts}. Every finding is listed below.",
    ru="GitHub показывает не больше {limit} аннотаций каждого вида за шаг; не показаны как "
    "аннотации: {counts}. Ниже перечислены все замечания.",
)
_COLUMNS = Text(
    en="File | Line | Severity | Code | Message", ru="Файл | Строка | Уровень | Код | Замечание"
)
_MORE = Text(
    en="…and {count} more: every finding is in the step's log.",
    ru="…и ещё {count}: все замечания — в журнале шага.",
)


def escape_data(value: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: as data, and ``:`` and ``,`` too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render(result: Result, lang: Lang) -> str:
    """Annotations for GitHub, then every finding and the summary as text."""
    return annotated_log(result, lang, os.environ.get("GITHUB_WORKSPACE", ""))


def annotated_log(result: Result, lang: Lang, workspace: str = "") -> str:
    """The output of ``render`` with paths relative to ``workspace`` when it holds the handbook."""
    paths = paths_from(result, workspace)
    lines = []
    shown: Counter[Severity] = Counter()
    for diagnostic in most_severe_first(result.diagnostics):
        if shown[diagnostic.severity] < ANNOTATIONS_PER_KIND:
            lines.append(annotation(diagnostic, paths(diagnostic.path), _title(result, diagnostic)))
        shown[diagnostic.severity] += 1
    left_out = {severity: count - ANNOTATIONS_PER_KIND for severity, count in shown.items()}
    if any(count > 0 for count in left_out.values()):
        counts = ", ".join(
            plural(lang, left_out[severity], *SEVERITY_NOUNS[severity])
            for severity in reversed(Severity)
            if left_out.get(severity, 0) > 0
        )
        lines.append(_NOT_SHOWN.render(lang, limit=ANNOTATIONS_PER_KIND, counts=counts))
    # Unstyled, and stripped of any style the findings quote from the standards.
    listing = click.unstyle(text.render(_with_paths(result, paths), lang, styled=False))
    # The findings quote the standards: a line of them that starts with "::" must not run as
    # a command. GitHub ignores commands until it sees the token again, and the token, a hash
    # of the listing, cannot occur in it.
    token = hashlib.sha256(listing.encode()).hexdigest()[:32]
    return "\n".join([*lines, f"::stop-commands::{token}", listing + f"::{token}::", ""])


def annotation(diagnostic: Diagnostic, path: str, title: str) -> str:
    """One workflow command: ``::error file=…,line=…,…,title=…::message``."""
    span = diagnostic.span
    properties: list[tuple[str, object]] = [
        ("file", path),
        ("line", span.line),
        ("endLine", span.end_line),
    ]
    if span.end_line == span.line:  # GitHub takes columns only for a span on one line
        properties += [("col", span.column), ("endColumn", span.end_column)]
    properties.append(("title", title))
    written = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties)
    command = _COMMANDS[diagnostic.severity]
    return f"::{command} {written}::{escape_data(full_message(diagnostic))}"


def _title(result: Result, diagnostic: Diagnostic) -> str:
    rule = result.rule(diagnostic.code)
    return f"{diagnostic.code} {rule.name}" if rule else diagnostic.code


def _with_paths(result: Result, paths: PathMapper) -> Result:
    """The result with its diagnostics' paths as the annotations give them."""
    if not paths.prefix:
        return result
    diagnostics = tuple(
        dataclasses.replace(diagnostic, path=paths(diagnostic.path))
        for diagnostic in result.diagnostics
    )
    return dataclasses.replace(result, diagnostics=diagnostics)


def step_summary(result: Result, lang: Lang, workspace: str = "") -> str:
    """The Markdown for the job's summary page: the counts, and a table of the findings.

    Past ``SUMMARY_ROWS`` findings the table keeps the most severe ones, in file order, and a
    line says how many more the log holds.
    """
    paths = paths_from(result, workspace)
    kept = set(map(id, most_severe_first(result.diagnostics)[:SUMMARY_ROWS]))
    lines = ["### stdlint", "", click.unstyle(text.summary_line(result, lang, styled=False)), ""]
    if result.diagnostics:
        columns = _COLUMNS.render(lang)
        lines += [f"| {columns} |", "|" + "---|" * (columns.count("|") + 1)]
        for diagnostic in result.diagnostics:
            if id(diagnostic) in kept:
                cells = (
                    paths(diagnostic.path),
                    str(diagnostic.line),
                    diagnostic.severity.word(lang),
                    diagnostic.code,
                    diagnostic.message,
                )
                lines.append("| " + " | ".join(_markdown_cell(cell) for cell in cells) + " |")
        hidden = len(result.diagnostics) - len(kept)
        if hidden > 0:
            lines += ["", _MORE.render(lang, count=hidden)]
        lines.append("")
    return "\n".join(lines) + "\n"


def _markdown_cell(value: str) -> str:
    """Text that stays text in a table cell: Markdown and HTML characters escaped."""
    value = " ".join(value.split())
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in value)


_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|#~&!")

"""Stable identities of findings: for baselines, SARIF, GitLab and reviewdog.

A fingerprint is the rule's code, the file, the words the finding quotes and the text of the line
it is on (spaces collapsed), never a line number: a finding keeps its fingerprint when lines are
inserted above it, when other rules start or stop reporting, and when the run's date changes.
Two findings that agree on all of that (the same vague word twice on one line) are told apart by
their order, counted per identity.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from stdlint.diagnostics import Diagnostic
from stdlint.parse.source import Source, read
from stdlint.result import Result

VERSION = "1"  # part of every fingerprint: changing the recipe changes them all, visibly


def identity(diagnostic: Diagnostic, line_text: str) -> str:
    """What a finding is, apart from where it is: code, file, quoted words, its line's text."""
    context = " ".join(line_text.split())
    quote = " ".join(diagnostic.quote.split())
    return "\x1f".join((VERSION, diagnostic.code, diagnostic.path, quote, context))


def fingerprints(result: Result) -> tuple[str, ...]:
    """The fingerprint of each of ``result.diagnostics``, in the same order (hex, 32 digits)."""
    lines = _line_reader(result)
    seen: Counter[str] = Counter()
    prints = []
    for diagnostic in result.diagnostics:
        key = identity(diagnostic, lines(diagnostic))
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x1e{occurrence}".encode()).hexdigest()
        prints.append(digest[:32])
    return tuple(prints)


class StandardLines:
    """The lines of the standards a result's findings are in, as the rules saw them (no BOM,
    LF newlines): from the documents the result kept (check_text), else read again, once per
    file and only for files with findings — check() keeps no text."""

    def __init__(self, result: Result) -> None:
        self._lines: dict[str, list[str]] = {
            doc.display_path: doc.lines for doc in result.documents
        }
        self._paths = {facts.display_path: facts.path for facts in result.handbook}

    def get(self, path: str) -> list[str] | None:
        """The lines of the standard whose diagnostic path is ``path``; None if it is none."""
        if path not in self._lines:
            if path not in self._paths:
                return None
            text = read(Source(self._paths[path], None)).text
            self._lines[path] = text.split("\n") if text is not None else []
        return self._lines[path]


def _line_reader(result: Result) -> Callable[[Diagnostic], str]:
    """A function giving the text of the line a diagnostic starts on ("" when unknown)."""
    standards = StandardLines(result)
    others: dict[str, list[str]] = {}

    def line_of(diagnostic: Diagnostic) -> str:
        file_lines = standards.get(diagnostic.path)
        if file_lines is None:
            if diagnostic.path not in others:
                others[diagnostic.path] = _read_lines(result.absolute(diagnostic))
            file_lines = others[diagnostic.path]
        index = diagnostic.line - 1
        return file_lines[index] if 0 <= index < len(file_lines) else ""

    return line_of


def _read_lines(path: Path) -> list[str]:
    """The lines of a file that is not a standard (handbook.yml); [] if unreadable."""
    try:
        return path.read_text("utf-8", errors="replace").split("\n")
    except OSError:
        return []

"""What several report formats share: a finding's words, its path as a CI tool reads it, and
where its rule is documented."""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from stdlint.diagnostics import Diagnostic, Severity
from stdlint.result import Result

# The project's documentation, as [project.urls] in pyproject.toml names it (a test keeps the
# two equal). stdlint publishes no rule reference page yet, so a rule's link is this address
# with the rule's code as anchor: stable, because codes are never reused.
DOCUMENTATION_URL = "https://example.invalid/stdlint"

TOOL = "stdlint"

# How a count of findings of each severity is worded (stdlint.i18n.plural's forms).
SEVERITY_NOUNS = {
    Severity.ERROR: (("error", "errors"), ("ошибка", "ошибки", "ошибок")),
    Severity.WARNING: (
        ("warning", "warnings"),
        ("предупреждение", "предупреждения", "предупреждений"),
    ),
    Severity.INFO: (("note", "notes"), ("подсказка", "подсказки", "подсказок")),
}


def rule_url(code: str) -> str:
    """Where the documentation of the rule ``code`` is read."""
    return f"{DOCUMENTATION_URL}#{code.lower()}"


def full_message(diagnostic: Diagnostic, separator: str = "\n") -> str:
    """The message and, after an arrow, the suggestion (for formats with one text field)."""
    if not diagnostic.suggestion:
        return diagnostic.message
    return f"{diagnostic.message}{separator}→ {diagnostic.suggestion}"


def most_severe_first(diagnostics: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """The diagnostics, errors first, then warnings, then notes; in their order within each."""
    return sorted(diagnostics, key=lambda diagnostic: -diagnostic.severity.rank)


@dataclass(frozen=True, slots=True)
class PathMapper:
    """Turns a diagnostic's path (relative to the handbook's root) into one relative to ``base``."""

    base: Path
    prefix: str  # the handbook's root as seen from ``base``: "" when they are the same folder

    def __call__(self, path: str) -> str:
        """``path`` as seen from ``base``."""
        if PurePosixPath(path).is_absolute():  # a file named outside the handbook
            inside = _relative(path, self.base)
            return path if inside is None or _climbs(inside) else inside
        if not self.prefix:
            return path
        return posixpath.normpath(posixpath.join(self.prefix, path))


def paths_from(result: Result, folder: str | Path | None, *, outside: bool = False) -> PathMapper:
    """Paths relative to ``folder`` (a CI workspace, the working folder), or to the handbook's root.

    The handbook's root must lie inside ``folder`` (a CI tool resolves paths from the
    repository's root, which holds the handbook); with ``outside``, a root above ``folder`` is
    reached with ``..`` (reviewdog resolves paths from the folder it runs in).
    """
    if folder:
        prefix = _relative(result.root, Path(folder))
        if prefix is not None and (outside or not _climbs(prefix)):
            return PathMapper(Path(folder), "" if prefix == "." else prefix)
    return PathMapper(result.root, "")


def _relative(path: str | Path, folder: Path) -> str | None:
    """``path`` relative to ``folder``: as written if inside it, else with symbolic links resolved.

    A path outside ``folder`` even then comes back as written, climbing with ``..``.
    """
    found = None
    for resolve in (os.path.abspath, os.path.realpath):
        try:
            relative = Path(os.path.relpath(resolve(path), resolve(folder))).as_posix()
        except ValueError:  # another drive (Windows)
            continue
        if not _climbs(relative):
            return relative
        found = found or relative
    return found


def _climbs(relative: str) -> bool:
    return relative == ".." or relative.startswith("../")

"""The linting half of the plugin, run in a worker process beside the build.

Kept free of MkDocs imports: the worker imports only what the check needs. The build reads
the front matter itself (for headers, indexes and navigation) while the rules run here, on
the other core, and the findings are logged when the pages are written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from stdlint.diagnostics import Diagnostic
from stdlint.engine import check
from stdlint.result import Failure
from stdlint.settings import load_settings


def lint(
    profile: Path | None, folder: Path, today: date
) -> tuple[tuple[Diagnostic, ...], tuple[Failure, ...]]:
    """The findings of a whole-handbook check, and stdlint's own failures, as the CLI has them."""
    # One process: this one already runs beside the build, on the other core. The cache is
    # the check's: a build after ``stdlint check`` (or a rebuild of ``mkdocs serve``) judges
    # only the files changed since.
    settings = load_settings(profile, [folder])
    result = check(settings=settings, today=today, jobs=1, cache=True, facts=False)
    return result.diagnostics, result.failures

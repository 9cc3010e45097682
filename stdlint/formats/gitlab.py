"""``--format gitlab``: a GitLab Code Quality report, shown in the merge request widget.

A JSON array with, for each finding, the fields GitLab's "Implement a custom tool" section of
the Code Quality docs requires: ``description``, ``check_name``, ``fingerprint``, ``severity``
(``info``, ``minor``, ``major``, ``critical`` or ``blocker``), ``location.path`` and
``location.lines.begin``. GitLab shows findings with one fingerprint as one entry, so each
finding has its own: the stdlint fingerprint, which survives lines moving.

Paths are relative to the repository's root (``CI_PROJECT_DIR``) when it holds the handbook.
"""

from __future__ import annotations

import json
import os
from typing import Any

from stdlint.diagnostics import Diagnostic, Severity
from stdlint.fingerprints import fingerprints
from stdlint.formats.common import PathMapper, full_message, paths_from
from stdlint.i18n import Lang
from stdlint.result import Result

# Errors fail the pipeline but are not "critical" or "blocker" (the words for broken builds and
# security holes): a vague rule is a major problem of a standard, a warning a minor one.
SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(result: Result, lang: Lang) -> str:
    """The Code Quality report of ``result`` as JSON (UTF-8, no byte order mark)."""
    report = code_quality(result, os.environ.get("CI_PROJECT_DIR", ""))
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def code_quality(result: Result, project_dir: str = "") -> list[dict[str, Any]]:
    """The report as plain data; paths relative to ``project_dir`` when it holds the handbook."""
    paths = paths_from(result, project_dir)
    return [
        _issue(diagnostic, fingerprint, paths)
        for diagnostic, fingerprint in zip(result.diagnostics, fingerprints(result), strict=True)
    ]


def _issue(diagnostic: Diagnostic, fingerprint: str, paths: PathMapper) -> dict[str, Any]:
    return {
        "description": full_message(diagnostic, " "),
        "check_name": diagnostic.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[diagnostic.severity],
        "location": {
            "path": paths(diagnostic.path),
            "lines": {"begin": diagnostic.span.line, "end": diagnostic.span.end_line},
        },
    }

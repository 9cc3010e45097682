"""Handbook reports: computed as plain data from a :class:`~stdlint.result.Result`, rendered apart.

``data`` builds the journey × channel coverage map and the review queue; ``tables`` lays them
out as text or Markdown for people, ``json_report`` as JSON for tools. The MkDocs plugin renders
the same data as pages. The modules are imported on first use: the command line names the
report formats without loading the reports.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stdlint.i18n import Lang
    from stdlint.reports.data import (
        Coverage,
        ReviewEntry,
        ReviewQueue,
        coverage,
        review_queue,
    )

REPORT_FORMATS = ("text", "markdown", "json")
_DATA = frozenset({"Coverage", "ReviewEntry", "ReviewQueue", "coverage", "review_queue"})


def __getattr__(name: str) -> Any:
    if name not in _DATA:
        raise AttributeError(f"module 'stdlint.reports' has no attribute {name!r}")
    value = getattr(import_module("stdlint.reports.data"), name)
    globals()[name] = value
    return value


def render_coverage(report: Coverage, output_format: str, lang: Lang) -> str:
    """The coverage report as ``text``, ``markdown`` or ``json``."""
    from stdlint.reports import json_report, tables

    renderers: dict[str, Callable[[Coverage, Lang], str]] = {
        "text": tables.coverage_text,
        "markdown": tables.coverage_markdown,
        "json": json_report.coverage,
    }
    return renderers[output_format](report, lang)


def render_review(queue: ReviewQueue, output_format: str, lang: Lang) -> str:
    """The review queue as ``text``, ``markdown`` or ``json``."""
    from stdlint.reports import json_report, tables

    renderers: dict[str, Callable[[ReviewQueue, Lang], str]] = {
        "text": tables.review_text,
        "markdown": tables.review_markdown,
        "json": json_report.review,
    }
    return renderers[output_format](queue, lang)


__all__ = [
    "REPORT_FORMATS",
    "Coverage",
    "ReviewEntry",
    "ReviewQueue",
    "coverage",
    "render_coverage",
    "render_review",
    "review_queue",
]

"""The reports as JSON for tools: a stable, versioned shape (see the README)."""

from __future__ import annotations

import json

from stdlint.i18n import Lang
from stdlint.reports.data import Coverage, ReviewQueue

VERSION = 1


def coverage(report: Coverage, lang: Lang) -> str:
    """The coverage report as one JSON object; titles in ``lang``."""
    return _dump(
        {
            "version": VERSION,
            "stages": [{"id": s.id, "title": s.name(lang)} for s in report.stages],
            "channels": [{"id": c.id, "title": c.name(lang)} for c in report.channels],
            "cells": [
                {
                    "stage": cell.stage,
                    "channel": cell.channel,
                    "standards": list(cell.standards),
                    "required": cell.required,
                    "not_applicable": cell.not_applicable,
                    "gap": cell.gap,
                }
                for cell in report.cells
            ],
            "dimensions": [
                {
                    "id": entry.dimension.id,
                    "title": entry.dimension.name(lang),
                    "standards": list(entry.standards),
                }
                for entry in report.dimensions
            ],
            "dimensions_tracked": report.dimensions_tracked,
            "coverage": report.figures(),
        }
    )


def review(queue: ReviewQueue, lang: Lang) -> str:
    """The review queue as one JSON object, grouped by owner."""
    return _dump(
        {
            "version": VERSION,
            "today": queue.today.isoformat(),
            "owners": [
                {
                    "owner": owner,
                    "standards": [
                        {
                            "id": e.id,
                            "title": e.title,
                            "lang": e.lang.value,
                            "path": e.path,
                            "state": e.state.value,
                            "last_reviewed": _day(e.review.last),
                            "due": _day(e.review.due),
                        }
                        for e in owned
                    ],
                }
                for owner, owned in queue.by_owner().items()
            ],
            "summary": {state.value: count for state, count in queue.counts().items()},
        }
    )


def _day(day: object) -> str | None:
    return None if day is None else str(day)


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

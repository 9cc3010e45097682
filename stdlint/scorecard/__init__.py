"""The traffic-light scorecard: real service measured against the standards' metrics.

``model`` holds the scorecard as plain data and the definitions of its figures; ``measure``
reads a data file with DuckDB and computes it (:func:`score`); ``render`` lays it out as text,
Markdown or JSON. The published handbook's scorecard page is built from the same data
(:mod:`stdlint.publish.scorecard`). DuckDB is imported only when data is scored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from stdlint.scorecard.measure import score
    from stdlint.scorecard.model import (
        DataError,
        Light,
        MetricScore,
        Period,
        PeriodError,
        Problem,
        ProblemKind,
        Scorecard,
        StandardScore,
        Stats,
    )

SCORE_FORMATS = ("text", "markdown", "json")


def __getattr__(name: str) -> Any:
    # The model's names are imported when first asked for: every command imports this package
    # for its formats, and only ``stdlint score`` needs the model's classes.
    if name == "score":
        from stdlint.scorecard.measure import score as value
    elif name in __all__:
        from stdlint.scorecard import model

        value = getattr(model, name)
    else:
        raise AttributeError(f"module 'stdlint.scorecard' has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "SCORE_FORMATS",
    "DataError",
    "Light",
    "MetricScore",
    "Period",
    "PeriodError",
    "Problem",
    "ProblemKind",
    "Scorecard",
    "StandardScore",
    "Stats",
    "score",
]

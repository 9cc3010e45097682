"""The scorecard as ``text``, ``markdown`` or ``json``; JSON is a versioned contract (README).

JSON keys come in a fixed order; shares (of a zone, of observations meeting the target) are
fractions rounded to 4 places; medians, percentiles, targets and bounds are left as computed.
A figure that does not exist is ``null``, never a made-up zero.
"""

from __future__ import annotations

import json
import math
from typing import Any

from stdlint.i18n import Lang
from stdlint.scorecard.labels import NO_DATA, balance
from stdlint.scorecard.model import MetricScore, Period, Problem, Scorecard, StandardScore, Stats

VERSION = 1


def render(card: Scorecard, output_format: str, lang: Lang, *, color: bool = False) -> str:
    """``card`` in ``output_format`` (one of ``SCORE_FORMATS``); ``color`` only for text."""
    if output_format == "json":
        return as_json(card)
    if output_format == "markdown":
        from stdlint.scorecard import markdown

        return markdown.page(card, lang)
    if output_format == "text":
        from stdlint.scorecard import text

        return text.text(card, lang, color=color)
    raise ValueError(f"unknown scorecard format {output_format!r}")


def as_json(card: Scorecard) -> str:
    """The scorecard as one JSON object (the same in every language)."""
    data = {
        "version": VERSION,
        "period": _period(card.period),
        "previous": _period(card.previous),
        "data": card.data,
        "rows": card.rows,
        "used": card.used,
        "bad_rows": card.bad_rows,
        "clean": card.clean,
        "light": card.light.value,
        "standards": [_standard(card, standard) for standard in card.standards],
        "problems": [_problem(problem) for problem in card.problems],
        "skipped": {
            "outside_period": card.skipped.outside_period,
            "inactive": card.skipped.inactive,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def _period(period: Period) -> dict[str, str]:
    return {"label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()}


def _standard(card: Scorecard, standard: StandardScore) -> dict[str, Any]:
    return {
        "id": standard.id,
        "title": standard.title,
        "lang": standard.lang,
        "path": standard.path,
        "light": standard.light.value,
        "metrics": [_metric(card, metric) for metric in standard.metrics],
    }


def _metric(card: Scorecard, metric: MetricScore) -> dict[str, Any]:
    zones = None
    if metric.green_bound is not None and metric.yellow_bound is not None:
        zones = {"green": _finite(metric.green_bound), "yellow": _finite(metric.yellow_bound)}
    return {
        "id": metric.metric,
        "name": metric.name,
        "unit": metric.unit,
        "target": _finite(metric.target),
        "direction": metric.direction,
        "zones": zones,
        **_figures(metric.current),
        "previous": None if metric.previous is None else _figures(metric.previous),
        "counterbalance": _counterbalance(card, metric),
    }


def _figures(stats: Stats) -> dict[str, Any]:
    """A period's figures: the light first, as in a metric."""
    return {
        "light": stats.light.value,
        "count": stats.count,
        "shares": _shares(stats),
        "median": _finite(stats.median),
        "p90": _finite(stats.p90),
        "attainment": _share(stats.attainment),
    }


def _counterbalance(card: Scorecard, metric: MetricScore) -> dict[str, Any] | None:
    if metric.counterbalance is None:
        return None
    other = balance(card, metric)
    stats = other.current if other is not None else NO_DATA
    return {
        "id": metric.counterbalance,
        "standard": other.standard if other is not None else None,
        "light": stats.light.value,
        "count": stats.count,
        "shares": _shares(stats),
    }


def _shares(stats: Stats) -> dict[str, float | None] | None:
    if stats.green is None or stats.yellow is None or stats.red is None:
        return None
    return {"green": _share(stats.green), "yellow": _share(stats.yellow), "red": _share(stats.red)}


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "kind": problem.kind.value,
        "count": problem.count,
        "examples": [
            {"row": found.row, "line": found.line, "column": found.column, "value": found.value}
            for found in problem.examples
        ],
    }


def _share(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(value, 4)


def _finite(value: float | None) -> float | None:
    """``value``, or None where it is not a number JSON can carry (NaN, infinity)."""
    return None if value is None or not math.isfinite(value) else value

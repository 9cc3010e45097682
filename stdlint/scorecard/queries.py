"""The SQL of the scorecard: classifying every row, aggregating the valid ones, quoting the bad.

Each row of the data is joined to the lookup tables :func:`stdlint.scorecard.measure.score`
registers (``score_keys``, ``score_channels``, ``score_units``, ``score_routes``, made by
:class:`~stdlint.scorecard.lookups.Handbook`) and gets a *state*: the first problem it has, in
:class:`~stdlint.scorecard.model.ProblemKind` order (1–8), or usable, inactive or outside the
periods. A usable row is fanned out to every standard it counts for (``route.target``); the
first of them (``is_first``) counts the row itself, once.
"""

from __future__ import annotations

from stdlint.scorecard.model import EXAMPLES_KEPT, Period, ProblemKind
from stdlint.scorecard.source import Source

# A row's state: 1–8 the row problems in ProblemKind order, or one of these.
USABLE, INACTIVE, OUTSIDE = 0, 9, 10
ROW_PROBLEMS = tuple(ProblemKind)[:8]
# The column each row problem quotes, in the same order.
QUOTED = ("metric", "standard", "channel", "value", "value", "timestamp", "unit", "channel")
# A unit column's distinct spellings normalised in Python, the most frequent first; rarer
# ones match only as the standard spells its unit.
UNITS_NORMALISED = 1000

# 1 green, 2 yellow, 3 red; a bound belongs to the better zone.
_ZONE = (
    "CASE WHEN green IS NULL THEN NULL WHEN direction = 'lower'"
    " THEN (CASE WHEN v <= green THEN 1 WHEN v <= yellow THEN 2 ELSE 3 END)"
    " ELSE (CASE WHEN v >= green THEN 1 WHEN v >= yellow THEN 2 ELSE 3 END) END"
)
_ATTAINED = "CASE WHEN direction = 'lower' THEN v <= goal ELSE v >= goal END"


def bucket(period: Period | None) -> str:
    """The period a row's day falls in, as its first day; NULL for neither the period nor the
    one before. Without a period: every month (the latest is chosen from the results)."""
    if period is None:
        return "CAST(date_trunc('month', src.d) AS DATE)"
    cases = [
        f"WHEN src.d BETWEEN DATE '{each.start}' AND DATE '{each.end}' THEN DATE '{each.start}'"
        for each in (period, period.previous())
    ]
    return f"CASE {' '.join(cases)} END"


def classified(
    source: Source, period: Period | None, *, numbered: bool = False, limit: int | None = None
) -> str:
    """Every row, fanned out to the standards it counts for, with its state and period."""
    day = bucket(period)
    return f"""
        SELECT src.*, route.target, route.is_first, route.direction, route.green, route.yellow,
            route.goal, {day} AS bucket,
            CASE
                WHEN known.metric IS NULL THEN 1
                WHEN src.s <> '' AND keyed.metric IS NULL THEN 2
                WHEN src.c <> '' AND channel.id IS NULL THEN 3
                WHEN src.v IS NULL OR NOT isfinite(src.v) THEN 4
                WHEN (keyed.scale = 'percent' AND (src.v < 0 OR src.v > 100))
                    OR (keyed.scale = 'time' AND src.v < 0) THEN 5
                WHEN src.d IS NULL THEN 6
                WHEN src.u <> '' AND keyed.has_unit AND unit.metric IS NULL THEN 7
                WHEN route.metric IS NULL THEN 8
                WHEN route.target IS NULL THEN {INACTIVE}
                WHEN {day} IS NULL THEN {OUTSIDE}
                ELSE {USABLE}
            END AS state
        FROM (
            SELECT *, lower(trim(metric_text)) AS m,
                coalesce(lower(trim(standard_text)), '') AS s,
                coalesce(lower(trim(channel_text)), '') AS c,
                coalesce(lower(trim(unit_text)), '') AS u
            FROM ({source.relation(numbered=numbered, limit=limit)})
        ) AS src
        LEFT JOIN score_keys AS known ON known.metric = src.m AND known.standard = ''
        LEFT JOIN score_keys AS keyed ON keyed.metric = src.m AND keyed.standard = src.s
        LEFT JOIN score_channels AS channel ON channel.id = src.c
        LEFT JOIN score_units AS unit
            ON unit.metric = src.m AND unit.standard = src.s AND unit.unit = src.u
        LEFT JOIN score_routes AS route
            ON route.metric = src.m AND route.standard_key = src.s AND route.channel = src.c
    """


def aggregate(source: Source, period: Period | None) -> str:
    """Rows per state; per target (standard and metric) and period for the usable rows: their
    count, counts per zone, how many attain the target, and the 0.1, 0.5 and 0.9 quantiles."""
    usable = f"state = {USABLE}"
    return f"""
        SELECT state,
            CASE WHEN {usable} THEN target END AS target,
            CASE WHEN {usable} THEN bucket END AS bucket,
            count(*) FILTER (WHERE is_first IS NOT FALSE) AS rows,
            count(*) FILTER (WHERE {usable}) AS count,
            count(*) FILTER (WHERE {usable} AND zone = 1) AS green,
            count(*) FILTER (WHERE {usable} AND zone = 2) AS yellow,
            count(*) FILTER (WHERE {usable} AND zone = 3) AS red,
            count(*) FILTER (WHERE {usable} AND attained) AS attained,
            quantile_cont(v, [0.1, 0.5, 0.9]) FILTER (WHERE {usable}) AS quantiles
        FROM (SELECT *, {_ZONE} AS zone, {_ATTAINED} AS attained
              FROM ({classified(source, period)}))
        GROUP BY ALL
    """


def examples(source: Source, period: Period | None, limit: int | None) -> str:
    """Per row problem, its first rows as (data_row, value): of the first ``limit`` rows of
    the file, or of all. Needs ``preserve_insertion_order``: rows are numbered as read."""
    value = " ".join(
        ["CASE state", *(f"WHEN {n} THEN {c}_text" for n, c in enumerate(QUOTED, 1)), "END"]
    )
    rows = classified(source, period, numbered=True, limit=limit)
    return f"""
        SELECT state,
            min_by(struct_pack(data_row := data_row, value := {value}), data_row, {EXAMPLES_KEPT})
        FROM ({rows})
        WHERE state BETWEEN 1 AND {len(ROW_PROBLEMS)} AND is_first IS NOT FALSE
        GROUP BY state
    """


def units(source: Source) -> str:
    """The most frequent spellings of the unit column, lowercased."""
    return f"""
        SELECT lower(trim(unit_text)) AS unit, count(*) AS rows FROM ({source.relation()})
        WHERE trim(unit_text) <> '' GROUP BY unit ORDER BY rows DESC, unit
        LIMIT {UNITS_NORMALISED}
    """

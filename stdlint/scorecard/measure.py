"""Reading measurements with DuckDB and computing the scorecard.

One scan of the data does the work: every row is classified in SQL under the first problem it
has (:mod:`stdlint.scorecard.queries`), and the valid rows are aggregated per standard, metric
and period. Two more reads happen only when needed: the distinct spellings of a ``unit`` column
before the scan (a few, normalised in Python), and, when there are bad rows, a read in file
order for the first rows of each problem (of the first rows of the file when they suffice).

DuckDB runs in memory with a memory limit, spilling to a private temporary folder removed
afterwards, so 10,000,000 rows are scored in bounded memory. It is imported only here, and
only when data is scored.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stdlint.i18n import Lang, Text
from stdlint.parse.models import Direction, Metric
from stdlint.result import Result
from stdlint.scorecard import queries
from stdlint.scorecard.lookups import Handbook, Shown
from stdlint.scorecard.model import (
    EXAMPLES_KEPT,
    DataError,
    Example,
    MetricScore,
    Period,
    Problem,
    ProblemKind,
    Scorecard,
    Skipped,
    StandardScore,
    Stats,
)
from stdlint.scorecard.queries import INACTIVE, OUTSIDE, QUOTED, ROW_PROBLEMS, USABLE
from stdlint.scorecard.source import NOT_FORMAT, NOT_UTF8, UNREADABLE, Source, open_source
from stdlint.text.analysis import LanguageEngine

if TYPE_CHECKING:
    import duckdb

# DuckDB's own memory. Exact quantiles keep every value they read, 8 bytes each, and cannot
# spill: 80 MB for 10,000,000 rows, twice that when each row counts for two standards; the
# hash tables are small (a few hundred groups; lookup tables of a few hundred rows). 512 MB
# holds 10,000,000 rows counted twice with room for the CSV reader's buffers on every core
# (256 MB does not); what can spill beyond it goes to the temporary folder, and data that
# still does not fit is a DataError, never a machine swapping.
MEMORY_LIMIT = "512MB"
# The first rows of the file searched for examples before the whole file is.
PREFIX_ROWS = 100_000
# A value quoted in an example is cut to this many characters.
VALUE_SHOWN = 80

_SETTINGS = (
    "SET enable_progress_bar = false",  # the terminal is stdlint's
    # A Parquet TIMESTAMPTZ is read in UTC, whatever the machine's zone.
    "SET TimeZone = 'UTC'",
)
# Optimizers turned off, the first list this DuckDB knows. join_order, build_side_probe_side:
# DuckDB cannot tell how many rows a CSV file has (it guesses a few dozen) and would build its
# hash tables on the data; the joins stay as written, data first, lookup table second.
# type_pushdown: it makes the CSV reader do a lone try_cast(value AS DOUBLE), which then
# raises on "abc" instead of giving NULL (DuckDB 2.0.1).
_DISABLED = (
    "join_order,build_side_probe_side,type_pushdown",
    "join_order,build_side_probe_side",
    "join_order",
)
# DuckDB's parallel CSV reader cannot pad a short row in a file with a quoted line break.
_SERIAL = "does not support null_padding in conjunction with quoted new lines"
_FORMATS = {"csv": "CSV", "jsonl": "JSON Lines", "parquet": "Parquet"}

TOO_LARGE = Text(
    en="{path}: the data does not fit in {limit} of memory ({error}); score a shorter period "
    "or a smaller file",
    ru="{path}: данные не помещаются в {limit} памяти ({error}); оцените более короткий период "
    "или файл поменьше",
)


def score(
    result: Result,
    data: Path,
    period: Period | None = None,
    *,
    lang: Lang | None = None,
    threads: int | None = None,
    today: date | None = None,
) -> Scorecard:
    """The scorecard of ``result``'s handbook from the measurements in ``data``.

    ``data`` is a CSV, JSON Lines or Parquet file, or a folder of Parquet files. ``period``
    defaults to the latest calendar month the data has a usable observation in (the month of
    ``today`` when it has none). Titles and metric names come from the standards in ``lang``
    (default: the handbook's first language), the figures always from the handbook's first
    language. ``threads``: DuckDB's threads (None: one per core). Raises
    :class:`~stdlint.scorecard.model.DataError` when the data cannot be read at all.
    """
    handbook = Handbook(result, lang, LanguageEngine())
    with _connection(threads) as connection:
        source = _open(connection, str(data), Path(data))
        units = (
            _fetch(connection, source, partial(queries.units, source)) if source.has_units else []
        )
        targets = _register(connection, handbook, [unit for unit, _ in units])
        rows = _fetch(connection, source, partial(queries.aggregate, source, period))
        groups = [Group(state, _target(targets, t), *rest) for state, t, *rest in rows]
        current = period or _latest_month(groups) or Period.month_of(today or date.today())
        tally = Tally.of(groups, current)
        found = _examples(connection, source, period, tally.problems) if tally.problems else {}
    lines = source.lines({row for examples in found.values() for row, _ in examples})
    problems = [
        Problem(kind, count, _quoted(source, kind, found.get(kind, []), lines))
        for kind, count in tally.problems.items()
    ]
    if not tally.used:
        problems.append(Problem(ProblemKind.EMPTY_PERIOD, 0))
    return Scorecard(
        data=str(data),
        period=current,
        previous=current.previous(),
        rows=tally.rows,
        used=tally.used,
        standards=tuple(_standard(each, tally) for each in handbook.shown),
        problems=tuple(problems),
        skipped=Skipped(outside_period=tally.outside, inactive=tally.inactive),
    )


# --- DuckDB ----------------------------------------------------------------------------------


@contextmanager
def _connection(threads: int | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB whose spill files go to a private folder, removed afterwards."""
    import duckdb

    folder = tempfile.mkdtemp(prefix="stdlint-score-")
    config: dict[str, Any] = {
        "memory_limit": MEMORY_LIMIT,
        "temp_directory": folder,
        "preserve_insertion_order": False,  # the examples' query alone needs the file order
        "autoinstall_known_extensions": False,  # never the network
    }
    if threads:
        config["threads"] = threads
    try:
        connection = duckdb.connect(":memory:", config=config)
        for setting in _SETTINGS:
            with suppress(duckdb.Error):  # an older DuckDB, or one without ICU, goes without
                connection.execute(setting)
        for disabled in _DISABLED:
            with suppress(duckdb.Error):
                connection.execute(f"SET disabled_optimizers = '{disabled}'")
                break
        try:
            yield connection
        finally:
            connection.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _open(connection: duckdb.DuckDBPyConnection, shown: str, path: Path) -> Source:
    import duckdb

    def describe(sql: str) -> list[tuple[str, str]]:
        try:
            found = connection.execute(f"DESCRIBE {sql}").fetchall()
        except duckdb.Error as error:
            raise _data_error(shown, "Parquet", error) or error from error
        return [(name, kind) for name, kind, *_ in found]

    return open_source(shown, path, describe)


def _fetch(
    connection: duckdb.DuckDBPyConnection, source: Source, sql: Callable[[], str]
) -> list[tuple[Any, ...]]:
    """The rows of ``sql()`` over ``source``; a complaint about the data is a DataError."""
    import duckdb

    try:
        try:
            return connection.execute(sql()).fetchall()
        except duckdb.Error as error:
            if not (source.format == "csv" and source.parallel and _SERIAL in str(error)):
                raise
            source.parallel = False  # read again, serially
            return connection.execute(sql()).fetchall()
    except duckdb.Error as error:
        problem = _data_error(source.shown, _FORMATS[source.format], error)
        if problem is None:
            raise  # stdlint's own SQL is wrong: a bug, with its traceback
        raise problem from error


def _data_error(shown: str, format_name: str, error: Exception) -> DataError | None:
    """The DataError a DuckDB error about the data means; None for any other error."""
    import duckdb

    message = str(error)
    detail = message.strip().splitlines()[0] if message.strip() else type(error).__name__
    if re.search(r"invalid (unicode|utf-8)", message, re.IGNORECASE):
        line = re.search(r"\b[Ll]ine:? (\d+)", message)
        return DataError(NOT_UTF8, path=shown, line=line.group(1) if line else "?")
    if isinstance(error, duckdb.OutOfMemoryException):
        return DataError(TOO_LARGE, path=shown, limit=MEMORY_LIMIT, error=detail)
    if isinstance(error, duckdb.IOException):
        return DataError(UNREADABLE, path=shown, error=detail)
    if isinstance(error, duckdb.InvalidInputException | duckdb.ConversionException):
        return DataError(NOT_FORMAT, path=shown, format=format_name, error=detail)
    return None


def _register(
    connection: duckdb.DuckDBPyConnection, handbook: Handbook, units: list[str]
) -> list[tuple[str, str]]:
    """The lookup tables every row is joined to; returns the (standard, metric) of each
    target id the routes use."""
    targets: dict[tuple[str, str], int] = {}
    routes = []
    for metric, key, channel, standard, first, figures in handbook.routes():
        target = None if standard is None else targets.setdefault((standard, metric), len(targets))
        routes.append((metric, key, channel, target, first, *_figures(figures)))
    tables: dict[str, tuple[str, list[tuple[Any, ...]]]] = {
        "score_keys": (
            "metric VARCHAR, standard VARCHAR, scale VARCHAR, has_unit BOOLEAN",
            list(handbook.keys()),
        ),
        "score_channels": ("id VARCHAR", [(channel,) for channel in handbook.channels]),
        "score_units": ("metric VARCHAR, standard VARCHAR, unit VARCHAR", handbook.units(units)),
        "score_routes": (
            "metric VARCHAR, standard_key VARCHAR, channel VARCHAR, target INTEGER, "
            "is_first BOOLEAN, direction VARCHAR, green DOUBLE, yellow DOUBLE, goal DOUBLE",
            routes,
        ),
    }
    for name, (columns, rows) in tables.items():
        connection.execute(f"CREATE TEMP TABLE {name} ({columns})")
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT INTO {name} VALUES ({marks})", rows)
    return list(targets)


def _figures(metric: Metric | None) -> tuple[str | None, float | None, float | None, float | None]:
    """Direction, green and yellow bound, and target, as the queries read them."""
    if metric is None or metric.direction is None:
        return None, None, None, None
    zones = metric.zones
    return (
        metric.direction.value,
        zones.green if zones else None,
        zones.yellow if zones else None,
        metric.target,
    )


def _examples(
    connection: duckdb.DuckDBPyConnection,
    source: Source,
    period: Period | None,
    counts: dict[ProblemKind, int],
) -> dict[ProblemKind, list[tuple[int, str | None]]]:
    """The first rows of each problem, as (row, offending text)."""
    connection.execute("SET preserve_insertion_order = true")  # rows numbered as read
    found: dict[ProblemKind, list[tuple[int, str | None]]] = {}
    for limit in (PREFIX_ROWS, None):
        rows = _fetch(connection, source, partial(queries.examples, source, period, limit))
        found = {
            ROW_PROBLEMS[state - 1]: [(item["data_row"], item["value"]) for item in items]
            for state, items in rows
        }
        wanted = {kind: min(count, EXAMPLES_KEPT) for kind, count in counts.items()}
        if all(len(found.get(kind, [])) >= count for kind, count in wanted.items()):
            break  # the first rows of the file hold the first rows of every problem
    return found


# --- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Group:
    """One row of the aggregate query."""

    state: int
    target: tuple[str, str] | None  # (standard, metric) of usable rows
    bucket: date | None  # the first day of their period
    rows: int
    count: int
    green: int
    yellow: int
    red: int
    attained: int
    quantiles: list[float] | None  # 0.1, 0.5, 0.9


def _target(targets: list[tuple[str, str]], index: int | None) -> tuple[str, str] | None:
    return None if index is None else targets[index]


def _latest_month(groups: list[Group]) -> Period | None:
    months = [g.bucket for g in groups if g.state == USABLE and g.bucket and g.count]
    return Period.month_of(max(months)) if months else None


@dataclass
class Tally:
    """The aggregate query's rows, sorted out for the chosen period."""

    rows: int = 0
    used: int = 0
    outside: int = 0
    inactive: int = 0
    problems: dict[ProblemKind, int] = field(default_factory=dict)  # the row problems found
    current: dict[tuple[str, str], Group] = field(default_factory=dict)
    previous: dict[tuple[str, str], Group] = field(default_factory=dict)

    @classmethod
    def of(cls, groups: list[Group], period: Period) -> Tally:
        """The tally of ``groups`` for ``period`` and the period before."""
        tally = cls()
        counts = dict.fromkeys(ROW_PROBLEMS, 0)
        for group in groups:
            tally.rows += group.rows
            if group.state == INACTIVE:
                tally.inactive += group.rows
            elif group.state == OUTSIDE:
                tally.outside += group.rows
            elif group.state != USABLE:
                counts[ROW_PROBLEMS[group.state - 1]] += group.rows
            elif group.target is not None and group.bucket == period.start:
                tally.current[group.target] = group
                tally.used += group.rows
            elif group.target is not None and group.bucket == period.previous().start:
                tally.previous[group.target] = group
            else:  # another month, when the period is the latest month
                tally.outside += group.rows
        tally.problems = {kind: count for kind, count in counts.items() if count}
        return tally


def _stats(group: Group | None, metric: Metric) -> Stats:
    if group is None or not group.count:
        return Stats(0, None, None, None, None, None, None)
    count, direction = group.count, metric.direction
    zoned = metric.zones is not None and direction is not None
    low, median, high = group.quantiles or (None, None, None)
    return Stats(
        count=count,
        green=group.green / count if zoned else None,
        yellow=group.yellow / count if zoned else None,
        red=group.red / count if zoned else None,
        median=median,
        # The value 9 observations in 10 are at least as good as.
        p90=None if direction is None else high if direction is Direction.LOWER else low,
        attainment=(
            group.attained / count if metric.target is not None and direction is not None else None
        ),
    )


def _standard(shown: Shown, tally: Tally) -> StandardScore:
    metrics = []
    for definition in shown.definitions:
        metric, key = definition.metric, (shown.id, definition.metric.id)
        zones = metric.zones if metric.direction is not None else None
        previous = tally.previous.get(key)
        metrics.append(
            MetricScore(
                standard=shown.id,
                metric=metric.id,
                name=shown.names[metric.id],
                unit=shown.units[metric.id],
                target=metric.target,
                direction=metric.direction.value if metric.direction else None,
                green_bound=zones.green if zones else None,
                yellow_bound=zones.yellow if zones else None,
                counterbalance=metric.counterbalance,
                current=_stats(tally.current.get(key), metric),
                previous=_stats(previous, metric) if previous and previous.count else None,
            )
        )
    return StandardScore(shown.id, shown.title, shown.lang.value, shown.path, tuple(metrics))


def _quoted(
    source: Source, kind: ProblemKind, rows: list[tuple[int, str | None]], lines: dict[int, int]
) -> tuple[Example, ...]:
    """The examples of ``kind``: the column as the file names it, the value cut short."""
    column = QUOTED[ROW_PROBLEMS.index(kind)]
    header = source.headers.get(column, column)
    return tuple(Example(row, header, _cut(value or ""), lines.get(row)) for row, value in rows)


def _cut(value: str) -> str:
    return value if len(value) <= VALUE_SHOWN else value[: VALUE_SHOWN - 1] + "…"

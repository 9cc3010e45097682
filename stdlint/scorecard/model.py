"""The traffic-light scorecard as plain data: what ``stdlint score`` computes, and renderers read.

The bank method ("Светофор"): each observation (one call, one letter, one visit) falls in the
green, yellow or red zone of its metric; a month of observations gives the share of customers
in each zone. A speed metric is read beside the quality metric that keeps it honest
(``counterbalance``).

Definitions every consumer shares (the README documents them for users):

- An observation is *green* when its value is within the metric's green bound, *yellow*
  within the yellow bound, *red* beyond; a bound belongs to the better zone
  (:func:`stdlint.handbook.zone_of`).
- A metric's **light** is green when at least 9 observations in 10 (:data:`LIGHT_SHARE`) are
  green, yellow when at least 9 in 10 are green or yellow, and red otherwise; ``none`` when the
  period has no observation of it, or the metric has no zones or direction.
- A standard's light is the worst light of its metrics that have one (red > yellow > green);
  ``none`` when none of them has.
- ``median`` and ``p90`` are exact, linearly interpolated percentiles (as DuckDB's
  ``quantile_cont`` and NumPy's default compute them). ``p90`` is the value 9 observations in 10
  are at least as good as: the 90th percentile of a lower-is-better metric, the 10th of a
  higher-is-better one.
- ``attainment`` is the share of observations that meet the target (``<=`` target when lower is
  better, ``>=`` when higher); None without a target or direction.
- ``previous`` holds the same figures for the period of the same length just before (the
  previous calendar month for a month), when the data has observations of the metric there.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from stdlint.i18n import Lang, Text

# The share of observations a zone (with the better ones) must hold to give the metric its light.
LIGHT_SHARE = 0.9
# How many offending rows of each kind of problem are quoted; the rest are counted.
EXAMPLES_KEPT = 5


class Light(StrEnum):
    """A traffic light; ``none`` when there is nothing to judge by."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"

    @property
    def rank(self) -> int:
        """How bad the light is: none 0, green 1, yellow 2, red 3."""
        return _RANK[self]


_RANK = {Light.NONE: 0, Light.GREEN: 1, Light.YELLOW: 2, Light.RED: 3}


def worst(lights: list[Light] | tuple[Light, ...]) -> Light:
    """The worst of ``lights``; ``none`` when there are none but ``none``."""
    return max(lights, key=lambda light: light.rank, default=Light.NONE)


def light_of(green: float | None, yellow: float | None) -> Light:
    """The light of a metric from its green and yellow shares (see the module's definitions)."""
    if green is None or yellow is None:
        return Light.NONE
    # Shares are ratios of whole counts: compare with a tolerance so 0.9 reads as 9 in 10.
    if green >= LIGHT_SHARE - 1e-12:
        return Light.GREEN
    if green + yellow >= LIGHT_SHARE - 1e-12:
        return Light.YELLOW
    return Light.RED


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


class PeriodError(ValueError):
    """A period that cannot be read (``2026-13``, or ``--from`` after ``--to``)."""


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days, both ends included; ``label`` as the user wrote it, or the dates."""

    start: date
    end: date
    kind: str = "days"  # month, quarter, year or days: how the previous period is found

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(f"{self.start.isoformat()} is after {self.end.isoformat()}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-10`` (a month), ``2026-Q4`` (a quarter) or ``2026`` (a year)."""
        text = text.strip()
        try:
            if match := _MONTH.match(text):
                year, month = int(match[1]), int(match[2])
                last = calendar.monthrange(year, month)[1]
                return cls(date(year, month, 1), date(year, month, last), "month")
            if match := _QUARTER.match(text):
                year, quarter = int(match[1]), int(match[2])
                first = 3 * quarter - 2
                last = calendar.monthrange(year, first + 2)[1]
                return cls(date(year, first, 1), date(year, first + 2, last), "quarter")
            if match := _YEAR.match(text):
                year = int(match[1])
                return cls(date(year, 1, 1), date(year, 12, 31), "year")
        except ValueError as error:  # month 13, year 0
            raise PeriodError(text) from error
        raise PeriodError(text)

    @classmethod
    def month_of(cls, day: date) -> Period:
        """The calendar month ``day`` is in."""
        return cls.parse(f"{day.year:04d}-{day.month:02d}")

    @property
    def label(self) -> str:
        """``2026-10``, ``2026-Q4``, ``2026``, or ``2026-10-01..2026-10-15``."""
        if self.kind == "month":
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year:04d}-Q{(self.start.month + 2) // 3}"
        if self.kind == "year":
            return f"{self.start.year:04d}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        """How many days the period has."""
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same kind (or the same number of days) just before this one."""
        before = self.start - timedelta(days=1)
        if self.kind == "month":
            return Period.month_of(before)
        if self.kind == "quarter":
            return Period.parse(f"{before.year:04d}-Q{(before.month + 2) // 3}")
        if self.kind == "year":
            return Period.parse(f"{before.year:04d}")
        return Period(self.start - timedelta(days=self.days), before)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@dataclass(frozen=True, slots=True)
class Stats:
    """One metric over one period. Shares are fractions (0.25, not 25)."""

    count: int
    green: float | None
    yellow: float | None
    red: float | None
    median: float | None
    p90: float | None
    attainment: float | None

    @property
    def light(self) -> Light:
        """The metric's light in this period."""
        return light_of(self.green, self.yellow) if self.count else Light.NONE


@dataclass(frozen=True, slots=True)
class MetricScore:
    """One metric of one standard: its definition, this period and the one before."""

    standard: str  # the standard's id
    metric: str  # the metric's id
    name: str | None  # in the language of the standard the scorecard was read in
    unit: str | None  # as the standard writes it
    target: float | None
    direction: str | None  # "lower" or "higher"
    green_bound: float | None
    yellow_bound: float | None
    counterbalance: str | None  # the id of the metric read beside this one
    current: Stats
    previous: Stats | None  # None when the data has nothing of this metric in the period before

    @property
    def light(self) -> Light:
        """This period's light."""
        return self.current.light


@dataclass(frozen=True, slots=True)
class StandardScore:
    """An active standard with metrics: its metrics' scores and its overall light."""

    id: str
    title: str
    lang: str  # the language of ``title`` and the metric names
    path: str  # the file the title comes from, as diagnostics name it
    metrics: tuple[MetricScore, ...]

    @property
    def light(self) -> Light:
        """The worst light of its metrics."""
        return worst([metric.light for metric in self.metrics])


class ProblemKind(StrEnum):
    """A kind of bad data. Each is counted; the first few rows of each are quoted."""

    UNKNOWN_METRIC = "unknown-metric"  # no standard of the handbook defines this metric id
    UNKNOWN_STANDARD = "unknown-standard"  # the standard column names no standard with the metric
    UNKNOWN_CHANNEL = "unknown-channel"  # a channel the handbook does not list
    BAD_VALUE = "bad-value"  # not a number (empty, text, NaN, infinity)
    OUT_OF_RANGE = "out-of-range"  # a negative time or count, a percentage outside 0–100
    BAD_TIMESTAMP = "bad-timestamp"  # empty, or not an ISO 8601 date or date and time
    UNIT_MISMATCH = "unit-mismatch"  # the unit column disagrees with the metric's unit
    NOT_MEASURED = "not-measured"  # no active standard measures the metric on that channel
    EMPTY_PERIOD = "empty-period"  # the period has no usable observation at all


@dataclass(frozen=True, slots=True)
class Example:
    """One offending row: its number (1 is the first data row), the column and the value."""

    row: int
    column: str
    value: str
    line: int | None = None  # the line of the file, where it differs from the row (CSV, JSONL)


@dataclass(frozen=True, slots=True)
class Problem:
    """One kind of bad data: how many rows have it, and the first few of them."""

    kind: ProblemKind
    count: int
    examples: tuple[Example, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """Valid rows that are not scored, and why: counted so that nothing disappears unseen."""

    outside_period: int = 0  # before or after the period and the one before it
    inactive: int = 0  # metrics only draft or retired standards measure


@dataclass(frozen=True)
class Scorecard:
    """The scorecard of one handbook over one period, from one data source."""

    data: str  # the data file or folder, as given
    period: Period
    previous: Period
    rows: int  # rows read
    used: int  # observations scored in the period
    standards: tuple[StandardScore, ...]  # active standards with metrics, by title
    problems: tuple[Problem, ...] = ()  # in the order of ProblemKind
    skipped: Skipped = field(default_factory=Skipped)

    @property
    def bad_rows(self) -> int:
        """Rows with a problem (a row is counted once, under its first problem)."""
        return sum(p.count for p in self.problems if p.kind is not ProblemKind.EMPTY_PERIOD)

    @property
    def clean(self) -> bool:
        """No bad row and a period with data: ``stdlint score`` exits 0."""
        return not self.problems

    @property
    def light(self) -> Light:
        """The worst light of the handbook's standards."""
        return worst([standard.light for standard in self.standards])

    def metric(self, metric: str, standard: str | None = None) -> MetricScore | None:
        """The score of ``metric``: in ``standard`` if it has it, else the first that does."""
        found = None
        for each in self.standards:
            for score in each.metrics:
                if score.metric == metric:
                    if each.id == standard:
                        return score
                    found = found or score
        return found


class DataError(Exception):
    """The data cannot be read at all (missing, unreadable, no ``metric`` column): exit 2."""

    def __init__(self, text: Text, **fields: object) -> None:
        super().__init__(text.render(Lang.EN, **fields))
        self.text, self.fields = text, fields

    def message(self, lang: Lang) -> str:
        """The problem in ``lang``."""
        return self.text.render(lang, **self.fields)

"""Facts about the standards of a handbook, asked by rules, reports, the plugin and the scorecard.

Rules judge; they do not own facts. "Is this standard in force", "when is its review due",
"which zone is 35 s in", "which stage × channel cells need a standard" are answered here, once,
so that ``check``, ``coverage``, ``review`` and the published pages can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stdlint.config import Profile
from stdlint.i18n import Lang
from stdlint.parse.facts import Facts
from stdlint.parse.models import Direction, Metric, StandardMeta, Status
from stdlint.text.analysis import LanguageEngine

# Time units a speed metric can be written in, in seconds.
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}


def is_active(meta: StandardMeta | None) -> bool:
    """Whether the standard is in force (neither a draft nor retired)."""
    return meta is not None and meta.status is Status.ACTIVE


def is_retired(meta: StandardMeta | None) -> bool:
    """Whether the standard no longer applies."""
    return meta is not None and meta.status is Status.RETIRED


def active_standards(standards: Iterable[Facts]) -> list[StandardMeta]:
    """The front matter of every active standard, one per id (translations count once)."""
    seen: dict[str, StandardMeta] = {}
    for doc in standards:
        if doc.meta is not None and is_active(doc.meta):
            seen.setdefault(doc.meta.id, doc.meta)
    return list(seen.values())


# --- reviews -------------------------------------------------------------------------------


class ReviewState(StrEnum):
    """Where an active standard stands against its review schedule, most urgent first."""

    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    NO_DATA = "no-data"
    FRESH = "fresh"


@dataclass(frozen=True, slots=True)
class Review:
    """When a standard was last looked at, when it is due again, and what that means today."""

    state: ReviewState
    last: date | None  # last_reviewed, else approved_on
    due: date | None  # None: no date to count from, or due past the end of the calendar (never)
    source: str | None  # the front-matter field the due date is counted from


def review_due(meta: StandardMeta, profile: Profile) -> tuple[date, str] | None:
    """When the next review is due, and the field the date counts from.

    None when there is no date to count from, and when the due date would fall past the end of
    the calendar (``last_reviewed: 9999-12-31``): such a review is never due.
    """
    interval = meta.review_every or profile.review.every
    for field, start in (("last_reviewed", meta.last_reviewed), ("approved_on", meta.approved_on)):
        if start is not None:
            due = interval.after(start)
            return None if due is None else (due, field)
    return None


def review(meta: StandardMeta, profile: Profile, today: date) -> Review:
    """The review state of ``meta`` on ``today`` under the profile's policy."""
    last = meta.last_reviewed or meta.approved_on
    due = review_due(meta, profile)
    if due is None:  # no date, or never due
        return Review(ReviewState.NO_DATA if last is None else ReviewState.FRESH, last, None, None)
    day, source = due
    horizon = profile.review.warn_within.after(today)  # None: past the end of the calendar
    if day < today:
        state = ReviewState.OVERDUE
    elif horizon is None or day <= horizon:
        state = ReviewState.DUE_SOON
    else:
        state = ReviewState.FRESH
    return Review(state, last, day, source)


def reviewed_on(meta: StandardMeta | None) -> date | None:
    """The last time anyone vouched for the standard: its review, else its approval."""
    return None if meta is None else meta.last_reviewed or meta.approved_on


# --- metrics -------------------------------------------------------------------------------


class Zone(StrEnum):
    """A traffic-light zone."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


def zone_of(metric: Metric, value: float) -> Zone | None:
    """The zone ``value`` falls in (bounds belong to the better zone); None without zones."""
    zones, direction = metric.zones, metric.direction
    if zones is None or direction is None:
        return None
    if direction is Direction.LOWER:
        return (
            Zone.GREEN
            if value <= zones.green
            else Zone.YELLOW
            if value <= zones.yellow
            else Zone.RED
        )
    return (
        Zone.GREEN if value >= zones.green else Zone.YELLOW if value >= zones.yellow else Zone.RED
    )


def metric_unit(metric: Metric, lang: Lang, language: LanguageEngine) -> str | None:
    """The normalised unit of a metric ("seconds", «рабочие часы» → second, hour), if known."""
    if not metric.unit:
        return None
    if metric.unit.strip() == "%":
        return "percent"
    quantities = language.facts(f"1 {metric.unit}", lang).quantities
    return quantities[0].unit if quantities else None


def is_speed(metric: Metric, lang: Lang, language: LanguageEngine) -> bool:
    """A time measured lower-is-better: answer time, time to resolve."""
    return (
        metric.direction is not Direction.HIGHER and metric_unit(metric, lang, language) in SECONDS
    )


# --- coverage ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequiredCell:
    """A stage × channel cell the coverage policy asks a standard for."""

    stage: str
    channel: str
    index: int | None  # its place in coverage.required; None when required is "all"


def required_cells(profile: Profile) -> list[RequiredCell]:
    """Every cell that needs an active standard, minus those declared not applicable."""
    skip = not_applicable_cells(profile)
    required = profile.coverage.required
    if required == "none":
        return []
    if required == "all":
        cells = [
            RequiredCell(stage.id, channel.id, None)
            for stage in profile.journey
            for channel in profile.channels
        ]
    else:
        cells = [
            RequiredCell(cell.stage, cell.channel, index) for index, cell in enumerate(required)
        ]
    return [cell for cell in cells if (cell.stage, cell.channel) not in skip]


def not_applicable_cells(profile: Profile) -> set[tuple[str, str]]:
    """The (stage, channel) cells the profile says need no standard."""
    return {(cell.stage, cell.channel) for cell in profile.coverage.not_applicable}


def covered_cells(standards: Iterable[Facts]) -> dict[tuple[str, str], list[str]]:
    """The ids of the active standards in each (stage, channel) cell they cover."""
    cells: dict[tuple[str, str], list[str]] = {}
    for meta in active_standards(standards):
        for stage in meta.journey:
            for channel in meta.channels:
                cells.setdefault((stage, channel), []).append(meta.id)
    return cells


def covered_stages(standards: Iterable[Facts]) -> set[str]:
    """The journey stages some active standard lists."""
    return {stage for meta in active_standards(standards) for stage in meta.journey}


def dimensions_tracked(profile: Profile, standards: Sequence[Facts]) -> bool:
    """Whether the handbook uses quality dimensions at all.

    It does when ``handbook.yml`` lists its own ``dimensions``, or when some active standard
    names one. A handbook that does neither has not adopted dimensions yet, and the six default
    ones are then not reported as gaps — by ``check`` and by ``coverage`` alike.
    """
    if "dimensions" in profile.model_fields_set:
        return True
    return any(meta.dimensions for meta in active_standards(standards))


def dimension_coverage(profile: Profile, standards: Sequence[Facts]) -> dict[str, list[str]]:
    """The ids of the active standards that address each of the profile's dimensions."""
    metas = active_standards(standards)
    return {
        dimension.id: [meta.id for meta in metas if dimension.id in meta.dimensions]
        for dimension in profile.dimensions
    }

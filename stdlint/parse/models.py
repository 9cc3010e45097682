"""The front matter of a standard, as pydantic models: exactly the fields of the design."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from stdlint.i18n import Lang
from stdlint.parse.sharing import reduced
from stdlint.parse.values import Interval, IsoDate, OneOrMany, Slug


class Status(StrEnum):
    """Where a standard is in its life."""

    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class Direction(StrEnum):
    """Whether a metric is better when lower (waiting time) or higher (satisfaction)."""

    LOWER = "lower"
    HIGHER = "higher"


class Strict(BaseModel):
    """Base of every front-matter and profile model: unknown keys are an error, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _Written(Strict):
    """Base of the front-matter models: unpickled (from a worker, the cache), they share what
    standards write alike (:mod:`stdlint.parse.sharing`)."""

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        return reduced(self)


class Zones(_Written):
    """Traffic-light bounds: green up to ``green``, yellow up to ``yellow``, red beyond."""

    green: float = Field(description="Bound of the green zone, in the metric's unit.")
    yellow: float = Field(description="Bound of the yellow zone; beyond it the metric is red.")


class Metric(_Written):
    """A number the standard is measured by."""

    id: Slug = Field(description="Metric id, shared by standards that measure the same thing.")
    name: str | None = Field(None, description="What is measured, in the standard's language.")
    unit: str | None = Field(None, description="Unit: seconds, minutes, working hours, %, points…")
    target: float | None = Field(None, description="The value the team aims for.")
    direction: Direction | None = Field(None, description="lower or higher is better.")
    zones: Zones | None = Field(None, description="Traffic-light zones (green/yellow bounds).")
    counterbalance: Slug | None = Field(
        None, description="Id of the quality metric that keeps this speed metric honest."
    )


class StandardMeta(_Written):
    """A standard's front matter."""

    # Each standard writes its own (an id, a title): never looked for among others written alike.
    shared_whole: ClassVar[bool] = False
    # A title is written once in a handbook: it is not interned (stdlint.parse.sharing), which
    # would only grow the interpreter's table of interned strings by one for every standard.
    own_strings: ClassVar[frozenset[str]] = frozenset({"title"})

    id: Slug = Field(description="Stable id; the same id in another language is a translation.")
    title: str = Field(description="Title shown to staff; the H1 heading, if any, must match.")
    lang: Lang = Field(description="Language of this file: en or ru.")
    status: Status = Field(description="draft, active or retired.")
    owner: str | None = Field(None, description="Who keeps the standard current.")
    approved_by: str | None = Field(None, description="Who approved it.")
    approved_on: IsoDate | None = Field(None, description="Approval date, YYYY-MM-DD.")
    last_reviewed: IsoDate | None = Field(None, description="Last review date, YYYY-MM-DD.")
    reviewed_by: str | None = Field(
        None, description="Who did the last review (written by “stdlint verify”)."
    )
    review_every: Interval | None = Field(None, description='Review interval, e.g. "6 months".')
    journey: OneOrMany = Field((), description="Ids of the journey stages it covers.")
    channels: OneOrMany = Field((), description="Ids of the channels it applies to.")
    services: OneOrMany = Field((), description="Ids of the services it applies to.")
    roles: OneOrMany = Field((), description="Ids of the staff roles who follow it.")
    dimensions: OneOrMany = Field((), description="Quality dimensions it addresses.")
    metrics: tuple[Metric, ...] = Field((), description="Metrics with targets and zones.")
    verification: OneOrMany = Field(
        (), description="How compliance is checked: call-recording-review, mystery-shopper…"
    )
    tags: tuple[str, ...] = Field((), description="Free labels for search and grouping.")
    supersedes: OneOrMany = Field((), description="Ids of the standards this one replaces.")

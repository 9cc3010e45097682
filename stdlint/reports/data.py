"""The reports as plain data: which standards cover what, and which reviews are due.

Built from a :class:`~stdlint.result.Result` and the handbook facts alone, so ``stdlint
coverage``, CMP001–003 and the published coverage page share one definition.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from stdlint.config import Item, Stage
from stdlint.handbook import (
    Review,
    ReviewState,
    covered_cells,
    dimension_coverage,
    dimensions_tracked,
    is_active,
    not_applicable_cells,
    required_cells,
    review,
)
from stdlint.i18n import Lang
from stdlint.result import Result


@dataclass(frozen=True, slots=True)
class Cell:
    """One journey stage on one channel, and the active standards that cover it."""

    stage: str
    channel: str
    standards: tuple[str, ...]
    required: bool
    not_applicable: bool

    @property
    def gap(self) -> bool:
        """A required cell with no standard."""
        return self.required and not self.standards


@dataclass(frozen=True, slots=True)
class DimensionCoverage:
    """A quality dimension and the active standards that address it."""

    dimension: Item
    standards: tuple[str, ...]


@dataclass(frozen=True)
class Coverage:
    """The journey × channel map, and the quality dimensions, of one handbook."""

    stages: tuple[Stage, ...]
    channels: tuple[Item, ...]
    cells: tuple[Cell, ...]  # stage by stage, channel by channel
    dimensions: tuple[DimensionCoverage, ...]
    dimensions_tracked: bool  # False: no standard names a dimension, and the profile lists none

    def cell(self, stage: str, channel: str) -> Cell:
        """The cell of ``stage`` on ``channel``."""
        return next(c for c in self.cells if (c.stage, c.channel) == (stage, channel))

    def figures(self) -> dict[str, float | int]:
        """Counts and the coverage percentage (of required cells, or of all applicable ones)."""
        applicable = [cell for cell in self.cells if not cell.not_applicable]
        covered = [cell for cell in applicable if cell.standards]
        required = [cell for cell in self.cells if cell.required]
        required_covered = [cell for cell in required if cell.standards]
        done, total = (
            (len(required_covered), len(required)) if required else (len(covered), len(applicable))
        )
        covered_stages = {cell.stage for cell in self.cells if cell.standards}
        return {
            "percent": round(100 * done / total, 1) if total else 100.0,
            "required_cells": len(required),
            "covered_required_cells": len(required_covered),
            "applicable_cells": len(applicable),
            "covered_cells": len(covered),
            "stages": len(self.stages),
            "covered_stages": len(covered_stages),
        }


def coverage(result: Result) -> Coverage:
    """The coverage of the profile's journey, channels and dimensions by active standards."""
    profile, docs = result.profile, result.handbook
    covered = covered_cells(docs)
    required = {(cell.stage, cell.channel) for cell in required_cells(profile)}
    not_applicable = not_applicable_cells(profile)
    by_dimension = dimension_coverage(profile, docs)
    return Coverage(
        stages=tuple(profile.journey),
        channels=tuple(profile.channels),
        cells=tuple(
            Cell(
                stage.id,
                channel.id,
                tuple(covered.get((stage.id, channel.id), ())),
                (stage.id, channel.id) in required,
                (stage.id, channel.id) in not_applicable,
            )
            for stage in profile.journey
            for channel in profile.channels
        ),
        dimensions=tuple(
            DimensionCoverage(dimension, tuple(by_dimension[dimension.id]))
            for dimension in profile.dimensions
        ),
        dimensions_tracked=dimensions_tracked(profile, docs),
    )


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    """One active standard in the review queue."""

    id: str
    title: str
    lang: Lang
    path: str
    owner: str
    review: Review

    @property
    def state(self) -> ReviewState:
        """Overdue, due soon, fresh, or without review data."""
        return self.review.state


@dataclass(frozen=True)
class ReviewQueue:
    """Every active standard with its review state, most urgent first within each owner."""

    today: date
    entries: tuple[ReviewEntry, ...]

    def by_owner(self) -> dict[str, list[ReviewEntry]]:
        """The entries grouped by owner, owners in alphabetical order."""
        groups: dict[str, list[ReviewEntry]] = defaultdict(list)
        for entry in self.entries:
            groups[entry.owner].append(entry)
        return dict(groups)

    def counts(self) -> dict[ReviewState, int]:
        """How many standards are in each state."""
        return {state: sum(1 for e in self.entries if e.state is state) for state in ReviewState}


def review_queue(result: Result) -> ReviewQueue:
    """The review queue of the handbook on ``result.today``, grouped by owner."""
    states = list(ReviewState)
    entries = []
    for doc in result.handbook:
        meta = doc.meta
        if meta is None or not is_active(meta):
            continue
        entries.append(
            ReviewEntry(
                meta.id,
                meta.title,
                meta.lang,
                doc.display_path,
                meta.owner or "—",
                review(meta, result.profile, result.today),
            )
        )
    entries.sort(key=lambda e: (e.owner, states.index(e.state), e.review.due or date.max, e.path))
    return ReviewQueue(result.today, tuple(entries))

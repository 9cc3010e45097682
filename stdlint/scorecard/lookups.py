"""The handbook as the scorecard reads it: which standards are scored, and the lookup tables.

Each standard is read in two versions: its figures (status, channels, metrics, targets, zones)
from the handbook's first language, so that a scorecard's numbers never depend on the language
it is shown in; its title and metric names from the language asked for. Either falls back to
the other language when the standard has only one.

The lookup tables are small (metrics × standards × channels): DuckDB joins every row of the
data to them, so that rows are classified in SQL and never one by one in Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from stdlint.handbook import SECONDS, is_active, metric_unit
from stdlint.i18n import Lang
from stdlint.parse.models import Metric, StandardMeta
from stdlint.result import Result
from stdlint.text.analysis import LanguageEngine


@dataclass(frozen=True, slots=True)
class Definition:
    """One metric of one standard: the figures it is scored by."""

    standard: str
    active: bool
    channels: frozenset[str]  # empty: every channel
    metric: Metric
    unit: str | None  # normalised: second, hour, percent…; None when unknown or none
    spellings: frozenset[str]  # the unit as every version of the standard writes it, lowercased

    @property
    def scale(self) -> str | None:
        """``percent`` or ``time`` when the value has a natural range, else None."""
        if self.unit == "percent":
            return "percent"
        return "time" if self.unit in SECONDS else None

    def measures_on(self, channel: str) -> bool:
        """Whether a row on ``channel`` ('' for none) counts for this standard."""
        return not channel or not self.channels or channel in self.channels


@dataclass(frozen=True, slots=True)
class Shown:
    """A scored standard as the scorecard shows it."""

    id: str
    title: str
    lang: Lang
    path: str
    definitions: tuple[Definition, ...]  # in the order the standard writes its metrics
    names: dict[str, str | None]  # metric id → name, in the shown language
    units: dict[str, str | None]  # metric id → unit as the shown version writes it


class Handbook:
    """The standards of a :class:`Result`, their metric definitions and the lookup tables."""

    def __init__(self, result: Result, lang: Lang | None, language: LanguageEngine) -> None:
        self.language = language
        self.channels = tuple(channel.id for channel in result.profile.channels)
        figures_lang = result.profile.default_lang
        shown_lang = lang or figures_lang
        versions: dict[str, dict[Lang, tuple[StandardMeta, str]]] = {}
        for facts in sorted(result.handbook, key=lambda each: each.display_path):
            if facts.meta is not None:
                by_lang = versions.setdefault(facts.meta.id, {})
                by_lang.setdefault(facts.meta.lang, (facts.meta, facts.display_path))
        self.definitions: list[Definition] = []
        self.shown: list[Shown] = []
        for standard_id, by_lang in versions.items():
            figures, _ = _version(by_lang, figures_lang)
            shown, path = _version(by_lang, shown_lang)
            spelled = [meta for meta, _ in by_lang.values()]
            definitions = self._definitions(figures, spelled)
            self.definitions.extend(definitions)
            if is_active(figures) and definitions:
                self.shown.append(
                    Shown(
                        standard_id,
                        shown.title,
                        shown.lang,
                        path,
                        tuple(definitions),
                        {d.metric.id: _written(shown, d.metric, "name") for d in definitions},
                        {d.metric.id: _written(shown, d.metric, "unit") for d in definitions},
                    )
                )
        self.shown.sort(key=lambda each: (each.title.casefold(), each.id))
        self.metrics = sorted({d.metric.id for d in self.definitions})

    def _definitions(self, meta: StandardMeta, versions: list[StandardMeta]) -> list[Definition]:
        found: dict[str, Definition] = {}
        for metric in meta.metrics:
            if metric.id in found:
                continue  # a second definition of the same id is a finding of the check
            spellings = {
                each.unit.strip().lower()
                for version in versions
                for each in version.metrics
                if each.id == metric.id and each.unit
            }
            found[metric.id] = Definition(
                meta.id,
                is_active(meta),
                frozenset(meta.channels),
                metric,
                metric_unit(metric, meta.lang, self.language),
                frozenset(spellings),
            )
        return list(found.values())

    def candidates(self, metric: str, standard: str) -> list[Definition]:
        """The definitions a row of ``metric`` naming ``standard`` ('' for none) is checked
        against: the named standard's, else the active standards', else every standard's."""
        defined = [d for d in self.definitions if d.metric.id == metric]
        if standard:
            return [d for d in defined if d.standard == standard]
        return [d for d in defined if d.active] or defined

    def keys(self) -> list[tuple[str, str, str | None, bool]]:
        """(metric, standard or '', scale, has a unit) for every metric and defining standard."""
        rows: list[tuple[str, str, str | None, bool]] = []
        for metric in self.metrics:
            for standard in ["", *self._standards_of(metric)]:
                candidates = self.candidates(metric, standard)
                scales = {d.scale for d in candidates}
                scale = scales.pop() if len(scales) == 1 else None
                rows.append((metric, standard, scale, any(d.metric.unit for d in candidates)))
        return rows

    def units(self, written: Iterable[str]) -> list[tuple[str, str, str]]:
        """(metric, standard or '', unit) for each unit of ``written`` that matches: spelled as
        the standard spells it, or normalised to the same unit."""
        normalised = {unit: self.normalise(unit) for unit in written}
        rows: list[tuple[str, str, str]] = []
        for metric in self.metrics:
            for standard in ["", *self._standards_of(metric)]:
                accepted: set[str] = set()
                for definition in self.candidates(metric, standard):
                    accepted |= definition.spellings
                    accepted |= {
                        unit
                        for unit, norm in normalised.items()
                        if norm is not None and norm == definition.unit
                    }
                rows.extend((metric, standard, unit) for unit in sorted(accepted))
        return rows

    def normalise(self, unit: str) -> str | None:
        """``unit`` as :func:`stdlint.handbook.metric_unit` normalises it, in either language."""
        for lang in Lang:
            norm = metric_unit(Metric(id="unit", unit=unit), lang, self.language)
            if norm is not None:
                return norm
        return None

    def routes(self) -> list[tuple[str, str, str, str | None, bool, Metric | None]]:
        """(metric, standard or '', channel or '', scored standard, first, its metric) for every
        way a valid row can be keyed. A scored standard of None: only inactive standards
        measure it (skipped, not a problem); no route at all: not measured (a problem)."""
        rows: list[tuple[str, str, str, str | None, bool, Metric | None]] = []
        for metric in self.metrics:
            defined = [d for d in self.definitions if d.metric.id == metric]
            for standard in ["", *self._standards_of(metric)]:
                named = [d for d in defined if d.standard == standard] if standard else defined
                for channel in ["", *self.channels]:
                    if not any(d.active for d in named):
                        rows.append((metric, standard, channel, None, True, None))
                        continue
                    targets = [d for d in named if d.active and d.measures_on(channel)]
                    rows.extend(
                        (metric, standard, channel, d.standard, index == 0, d.metric)
                        for index, d in enumerate(targets)
                    )
        return rows

    def _standards_of(self, metric: str) -> list[str]:
        return sorted({d.standard for d in self.definitions if d.metric.id == metric})


def _version(by_lang: dict[Lang, tuple[StandardMeta, str]], lang: Lang) -> tuple[StandardMeta, str]:
    return by_lang.get(lang) or next(iter(by_lang.values()))


def _written(meta: StandardMeta, metric: Metric, field: str) -> str | None:
    """The metric's ``field`` as ``meta`` writes it; the figures' version's when it does not."""
    same = next((each for each in meta.metrics if each.id == metric.id), None)
    value: str | None = getattr(same, field, None) if same is not None else None
    return value if value is not None else getattr(metric, field)

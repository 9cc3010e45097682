"""Handbook reports: the journey × channel coverage map and the review queue.

Each report is computed from the parsed handbook (pure data, no printing) and rendered as
text, Markdown or JSON; the MkDocs plugin can publish the Markdown.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from stdlint.config.profile import Profile
from stdlint.i18n import Lang, Text
from stdlint.parse.document import Document
from stdlint.parse.models import Status
from stdlint.rules.completeness import active_metas, required_cells
from stdlint.rules.currency import review_due

VERSION = 1
OVERDUE, DUE_SOON, FRESH, NO_DATA = "overdue", "due-soon", "fresh", "no-data"
STATES = (OVERDUE, DUE_SOON, NO_DATA, FRESH)


@dataclass
class Coverage:
    """Which active standards cover each journey stage on each channel, and each dimension."""

    profile: Profile
    cells: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    required: set[tuple[str, str]] = field(default_factory=set)
    not_applicable: set[tuple[str, str]] = field(default_factory=set)
    dimensions: dict[str, list[str]] = field(default_factory=dict)

    def applicable(self) -> list[tuple[str, str]]:
        """Every stage × channel cell not declared not applicable."""
        return [
            (stage.id, channel.id)
            for stage in self.profile.journey
            for channel in self.profile.channels
            if (stage.id, channel.id) not in self.not_applicable
        ]

    def figures(self) -> dict[str, float | int]:
        """Counts and the coverage percentage (of required cells, or of all applicable ones)."""
        applicable = self.applicable()
        covered = [cell for cell in applicable if self.cells.get(cell)]
        required_covered = [cell for cell in self.required if self.cells.get(cell)]
        basis = (
            (len(required_covered), len(self.required))
            if self.required
            else (len(covered), len(applicable))
        )
        stages_covered = sum(
            1
            for stage in self.profile.journey
            if any(self.cells.get((stage.id, c.id)) for c in self.profile.channels)
        )
        return {
            "percent": round(100 * basis[0] / basis[1], 1) if basis[1] else 100.0,
            "required_cells": len(self.required),
            "covered_required_cells": len(required_covered),
            "applicable_cells": len(applicable),
            "covered_cells": len(covered),
            "stages": len(self.profile.journey),
            "covered_stages": stages_covered,
        }


def coverage(docs: list[Document], profile: Profile) -> Coverage:
    """The coverage of ``profile``'s journey, channels and dimensions by active standards."""
    report = Coverage(profile)
    metas = active_metas(docs)
    for meta in metas:
        for stage in meta.journey:
            for channel in meta.channels:
                report.cells.setdefault((stage, channel), []).append(meta.id)
    report.required = {(stage, channel) for _, stage, channel in required_cells(profile)}
    report.not_applicable = {(c.stage, c.channel) for c in profile.coverage.not_applicable}
    for dimension in profile.dimensions:
        report.dimensions[dimension.id] = [
            meta.id for meta in metas if dimension.id in meta.dimensions
        ]
    return report


_COVERAGE_TITLE = Text(en="Coverage of the customer journey", ru="Покрытие пути клиента")
_STAGE = Text(en="Stage", ru="Этап")
_DIMENSIONS = Text(en="Quality dimensions", ru="Измерения качества")
_LEGEND = Text(
    en="Numbers are active standards per cell; GAP: a required cell with none; "
    "n/a: not applicable; ·: none, not required.",
    ru="Числа — действующие стандарты в ячейке; ПРОБЕЛ — обязательная ячейка без стандарта; "
    "н/п — неприменимо; · — нет, не обязательно.",
)
_SUMMARY = Text(
    en="Coverage: {percent}% ({covered} of {total} {basis}); "
    "stages covered: {stages_covered} of {stages}.",
    ru="Покрытие: {percent}% ({covered} из {total}, {basis}); "
    "этапов охвачено: {stages_covered} из {stages}.",
)
_BASIS_REQUIRED = Text(en="required cells", ru="обязательные ячейки")
_BASIS_ALL = Text(en="applicable cells", ru="применимые ячейки")
_NONE = Text(en="none", ru="нет")
_GAP = Text(en="GAP", ru="ПРОБЕЛ")
_NA = Text(en="n/a", ru="н/п")


def _cell(report: Coverage, stage: str, channel: str, lang: Lang) -> str:
    count = len(report.cells.get((stage, channel), []))
    if (stage, channel) in report.not_applicable:
        return _NA.render(lang)
    if count:
        return str(count)
    return _GAP.render(lang) if (stage, channel) in report.required else "·"


def _summary(report: Coverage, lang: Lang) -> str:
    figures = report.figures()
    required = bool(report.required)
    return _SUMMARY.render(
        lang,
        percent=f"{figures['percent']:g}",
        covered=figures["covered_required_cells"] if required else figures["covered_cells"],
        total=figures["required_cells"] if required else figures["applicable_cells"],
        basis=(_BASIS_REQUIRED if required else _BASIS_ALL).render(lang),
        stages_covered=figures["covered_stages"],
        stages=figures["stages"],
    )


def render_coverage(report: Coverage, output_format: str, lang: Lang) -> str:
    """The coverage report as ``text``, ``markdown`` or ``json``."""
    profile = report.profile
    if output_format == "json":
        return _json(
            {
                "version": VERSION,
                "stages": [{"id": s.id, "title": s.name(lang)} for s in profile.journey],
                "channels": [{"id": c.id, "title": c.name(lang)} for c in profile.channels],
                "cells": [
                    {
                        "stage": stage.id,
                        "channel": channel.id,
                        "standards": report.cells.get((stage.id, channel.id), []),
                        "required": (stage.id, channel.id) in report.required,
                        "not_applicable": (stage.id, channel.id) in report.not_applicable,
                        "gap": (stage.id, channel.id) in report.required
                        and not report.cells.get((stage.id, channel.id)),
                    }
                    for stage in profile.journey
                    for channel in profile.channels
                ],
                "dimensions": [
                    {
                        "id": dimension.id,
                        "title": dimension.name(lang),
                        "standards": report.dimensions[dimension.id],
                    }
                    for dimension in profile.dimensions
                ],
                "coverage": report.figures(),
            }
        )
    header = [_STAGE.render(lang), *(channel.name(lang) for channel in profile.channels)]
    rows = [
        [
            stage.name(lang),
            *(_cell(report, stage.id, channel.id, lang) for channel in profile.channels),
        ]
        for stage in profile.journey
    ]
    dimension_rows = [
        [dimension.name(lang), ", ".join(report.dimensions[dimension.id]) or _GAP.render(lang)]
        for dimension in profile.dimensions
    ]
    if output_format == "markdown":
        return "\n".join(
            [
                f"# {_COVERAGE_TITLE.render(lang)}",
                "",
                _markdown_table(header, rows),
                "",
                _LEGEND.render(lang),
                "",
                f"## {_DIMENSIONS.render(lang)}",
                "",
                _markdown_table(
                    [_DIMENSIONS.render(lang), _STANDARDS.render(lang)], dimension_rows
                ),
                "",
                _summary(report, lang),
                "",
            ]
        )
    return "\n".join(
        [
            _text_table(header, rows),
            "",
            _LEGEND.render(lang),
            "",
            _text_table([_DIMENSIONS.render(lang), _STANDARDS.render(lang)], dimension_rows),
            "",
            _summary(report, lang),
            "",
        ]
    )


_STANDARDS = Text(en="Standards", ru="Стандарты")


@dataclass(frozen=True)
class ReviewEntry:
    """One active standard in the review queue."""

    id: str
    title: str
    lang: Lang
    path: str
    owner: str
    state: str
    last_reviewed: date | None
    due: date | None


def review_queue(docs: list[Document], profile: Profile, today: date) -> list[ReviewEntry]:
    """Every active standard with its review state, most urgent first, grouped by owner."""
    entries = []
    horizon = profile.review.warn_within.after(today)
    for doc in docs:
        meta = doc.meta
        if meta is None or meta.status is not Status.ACTIVE:
            continue
        due = review_due(meta, profile.review.every)
        if due is None:
            state, due_day = NO_DATA, None
        else:
            due_day = due[0]
            state = OVERDUE if due_day < today else DUE_SOON if due_day <= horizon else FRESH
        entries.append(
            ReviewEntry(
                meta.id,
                meta.title,
                meta.lang,
                doc.display_path,
                meta.owner or "—",
                state,
                meta.last_reviewed or meta.approved_on,
                due_day,
            )
        )
    entries.sort(key=lambda e: (e.owner, STATES.index(e.state), e.due or date.min, e.path))
    return entries


_STATE_NAMES = {
    OVERDUE: Text(en="overdue", ru="просрочен"),
    DUE_SOON: Text(en="due soon", ru="скоро"),
    FRESH: Text(en="fresh", ru="актуален"),
    NO_DATA: Text(en="no review data", ru="нет данных"),
}
_REVIEW_TITLE = Text(en="Reviews by owner", ru="Пересмотры по владельцам")
_REVIEW_HEADER = (
    Text(en="State", ru="Состояние"),
    Text(en="Due", ru="Срок"),
    Text(en="Last reviewed", ru="Пересмотрен"),
    Text(en="Standard", ru="Стандарт"),
    Text(en="File", ru="Файл"),
)
_REVIEW_SUMMARY = Text(
    en="{overdue} overdue, {soon} due soon, {fresh} fresh, {none} without review data "
    "(as of {today}).",
    ru="Просрочено: {overdue}, скоро: {soon}, актуально: {fresh}, без данных: {none} (на {today}).",
)


def render_review(entries: list[ReviewEntry], output_format: str, lang: Lang, today: date) -> str:
    """The review queue as ``text``, ``markdown`` or ``json``, grouped by owner."""
    by_owner: dict[str, list[ReviewEntry]] = defaultdict(list)
    for entry in entries:
        by_owner[entry.owner].append(entry)
    counts = {state: sum(1 for e in entries if e.state == state) for state in STATES}
    if output_format == "json":
        return _json(
            {
                "version": VERSION,
                "today": today.isoformat(),
                "owners": [
                    {
                        "owner": owner,
                        "standards": [
                            {
                                "id": e.id,
                                "title": e.title,
                                "lang": e.lang.value,
                                "path": e.path,
                                "state": e.state,
                                "last_reviewed": e.last_reviewed.isoformat()
                                if e.last_reviewed
                                else None,
                                "due": e.due.isoformat() if e.due else None,
                            }
                            for e in owned
                        ],
                    }
                    for owner, owned in by_owner.items()
                ],
                "summary": counts,
            }
        )
    header = [text.render(lang) for text in _REVIEW_HEADER]
    summary = _REVIEW_SUMMARY.render(
        lang,
        overdue=counts[OVERDUE],
        soon=counts[DUE_SOON],
        fresh=counts[FRESH],
        none=counts[NO_DATA],
        today=today.isoformat(),
    )
    lines = [f"# {_REVIEW_TITLE.render(lang)}", ""] if output_format == "markdown" else []
    for owner, owned in by_owner.items():
        rows = [
            [
                _STATE_NAMES[e.state].render(lang),
                e.due.isoformat() if e.due else "—",
                e.last_reviewed.isoformat() if e.last_reviewed else "—",
                f"{e.title} ({e.lang.value})",
                e.path,
            ]
            for e in owned
        ]
        if output_format == "markdown":
            lines += [f"## {owner}", "", _markdown_table(header, rows), ""]
        else:
            lines += [owner, _text_table(header, rows), ""]
    lines += [summary, ""]
    return "\n".join(lines)


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return "\n".join([line(header), "|" + "---|" * len(header), *(line(row) for row in rows)])


def _text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)
        ).rstrip()

    return "\n".join(
        [line(header), line(["-" * width for width in widths]), *(line(row) for row in rows)]
    )

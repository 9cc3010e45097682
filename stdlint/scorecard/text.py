"""The scorecard for people: aligned text for a terminal or a CI log, Markdown for a page.

Text fits 100 columns: each metric is a row of figures (the columns line up across the whole
scorecard), a line under it with its name, unit and trend, and, for a speed metric, a line with
the light and green share of the quality metric read with it. Lights are always words; with
colour, a coloured dot comes before the word, so a log without colour reads the same.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass

import click

from stdlint.i18n import Lang, Text
from stdlint.scorecard import labels
from stdlint.scorecard.labels import count_of, integer, light_word, number, percent
from stdlint.scorecard.model import (
    Light,
    MetricScore,
    Problem,
    ProblemKind,
    Scorecard,
    StandardScore,
)

WIDTH = 100
DOT = "●"
ARROW = "↳ "

_HEADING = Text(en="Scorecard {period}", ru="Светофор за {period}")
_AGAINST = Text(en="trend against {period}", ru="динамика к {period}")
_DATA = Text(
    en="Data: {data} — {rows} read, {used} scored",
    ru="Данные: {data} — прочитано строк: {rows}, учтено наблюдений: {used}",
)
_OBSERVATIONS = (("observation", "observations"), ("наблюдение", "наблюдения", "наблюдений"))
SKIPPED = Text(
    en="Not scored: {outside} rows outside {period} and {previous}, {inactive} rows of metrics "
    "only draft or retired standards measure.",
    ru="Не учтено строк: {outside} — вне {period} и {previous}; {inactive} — с метриками только "
    "черновиков и отменённых стандартов.",
)
_COLUMNS = (
    Text(en="light", ru="светофор"),
    Text(en="metric", ru="метрика"),
    Text(en="count", ru="кол-во"),
    Text(en="green", ru="зел."),
    Text(en="yellow", ru="жёлт."),
    Text(en="red", ru="кр."),
    Text(en="median", ru="медиана"),
    Text(en="p90", ru="p90"),
    Text(en="target", ru="цель"),
    Text(en="met", ru="в цели"),
)
_LEFT = 2  # the light and the metric are left-aligned, the figures right-aligned
# The spaces before each column after the first: the three shares sit closer together.
_GAPS = (2, 2, 2, 1, 1, 2, 2, 2, 2)
_READ_WITH = Text(en="read with {metric}", ru="смотреть вместе с {metric}")
_GREEN_SHARE = Text(en="{share} green", ru="в зелёной зоне {share}")
_PROBLEMS = Text(en="Problems in the data", ru="Проблемы в данных")
_CLEAN = Text(
    en="Clean data: {used} scored. Overall light: {light}.",
    ru="Данные без ошибок, учтено наблюдений: {used}. Общий светофор: {light}.",
)
_NOT_CLEAN = Text(
    en="Data not clean: problems in {bad} of {rows} (listed above), not scored. "
    "Overall light: {light}.",
    ru="Данные с ошибками: проблемы в {bad} из {rows} (см. выше), они не учтены. "
    "Общий светофор: {light}.",
)
_EMPTY = Text(
    en="Data not clean: no usable observation in {period}.",
    ru="Данные с ошибками: в периоде {period} нет ни одного пригодного наблюдения.",
)
_NO_METRICS = Text(
    en="No standard in force has a metric to score: add metrics (id, unit, target, direction "
    "and zones) to a standard's front matter.",
    ru="Ни у одного действующего стандарта нет показателей: добавьте metrics (id, unit, "
    "target, direction и zones) во front matter стандарта.",
)
_ALSO_BAD = Text(
    en="Problems in {bad} of {rows} (listed above).",
    ru="Проблемы в {bad} из {rows} (см. выше).",
)
_ROWS_OF = (("row", "rows"), ("строки", "строк", "строк"))  # «в 2 из 10 строк»


@dataclass(frozen=True, slots=True)
class _Under:
    """A line under a metric's figures, from the column of its id: its name (cut to fit, a
    long name being the one thing that can be), unit and trend; or the metric read with it."""

    name: str
    rest: str = ""
    light: Light | None = None  # the light whose dot the line holds

    def text(self, room: int) -> str:
        rest = f" · {self.rest}" if self.name and self.rest else self.rest
        name = self.name
        if len(name) + len(rest) > room:
            name = name[: max(room - len(rest) - 1, 10)] + "…"
        return name + rest


# A row of figures (its light, its cells), or a line under it.
Row = tuple[Light, list[str]] | _Under


def text(card: Scorecard, lang: Lang, *, color: bool = False) -> str:
    """The scorecard as aligned text; ``color`` puts a coloured dot before each light."""
    header = [column.render(lang) for column in _COLUMNS]
    tables = [(standard, _rows(card, standard, lang, color)) for standard in card.standards]
    widths = [len(cell) for cell in header]
    for _, rows in tables:
        for row in rows:
            for index, cell in enumerate(row[1] if not isinstance(row, _Under) else ()):
                widths[index] = max(widths[index], len(cell))
    lines = [*_heading(card, lang), ""]
    if not card.standards:
        lines += [*_wrap(_NO_METRICS.render(lang)), ""]
    for standard, rows in tables:
        word = light_word(lang, standard.light)
        lines.append(f"{_light(standard.light, word, color)}  {standard.title} ({standard.id})")
        lines.append(_figures(header, widths))
        lines += [_line(row, widths, color) for row in rows]
        lines.append("")
    if card.problems:
        lines += [*problem_lines(card.problems, lang), ""]
    lines += _wrap(summary(card, lang, _light(card.light, light_word(lang, card.light), color)))
    return "\n".join(lines) + "\n"


def _heading(card: Scorecard, lang: Lang) -> list[str]:
    period = labels.period(lang, card.period)
    against = _AGAINST.render(lang, period=card.previous.label)
    if lang is Lang.RU:  # «прочитано строк: 12 345»: the noun is already in the sentence
        rows, used = integer(card.rows, lang), integer(card.used, lang)
    else:
        rows = count_of(lang, card.rows, *labels.ROWS)
        used = count_of(lang, card.used, *_OBSERVATIONS)
    lines = [
        *_wrap(f"{_HEADING.render(lang, period=period)}, {against}"),
        *_wrap(_DATA.render(lang, data=card.data, rows=rows, used=used), "", "  "),
    ]
    skipped = card.skipped
    if skipped.outside_period or skipped.inactive:
        lines += _wrap(skipped_line(card, lang), "", "  ")
    return lines


def _rows(card: Scorecard, standard: StandardScore, lang: Lang, color: bool) -> list[Row]:
    """Each metric of ``standard``: its figures, the line under them, the metric read with it."""
    rows: list[Row] = []
    for metric in standard.metrics:
        now = metric.current
        shares = (percent(now.green), percent(now.yellow), percent(now.red))
        cells = [
            _light_cell(light_word(lang, metric.light, now), color),
            metric.metric,
            integer(now.count, lang),
            *shares,
            number(now.median, lang),
            number(now.p90, lang),
            labels.target(metric, lang),
            percent(now.attainment),
        ]
        rows.append((metric.light, cells))
        change = labels.trend(metric, lang)
        trend = None if change is None else f"{card.previous.label}: {change}"
        rest = " · ".join(part for part in (metric.unit, trend) if part)
        if metric.name or rest:
            rows.append(_Under(metric.name or "", rest))
        if metric.counterbalance:
            rows.append(_balance(card, metric, lang, color))
    return rows


def _balance(card: Scorecard, metric: MetricScore, lang: Lang, color: bool) -> _Under:
    """``↳ read with call-rating: green, 92% green``: the quality metric beside a speed one."""
    assert metric.counterbalance is not None
    other = labels.balance(card, metric)
    stats = other.current if other is not None else labels.NO_DATA
    name = metric.counterbalance
    if other is not None and other.standard != metric.standard:
        name += f" ({other.standard})"
    said = f"{ARROW}{_READ_WITH.render(lang, metric=name)}: "
    said += _light_cell(light_word(lang, stats.light, stats), color)
    if stats.green is not None:
        said += ", " + _GREEN_SHARE.render(lang, share=percent(stats.green))
    return _Under("", said, stats.light)


def _light_cell(word: str, color: bool) -> str:
    return f"{DOT} {word}" if color else word


def _light(light: Light, word: str, color: bool) -> str:
    """The light as words, after a dot in the light's colour when ``color``."""
    if not color:
        return word
    return f"{click.style(DOT, fg=labels.LIGHT_COLOURS[light])} {word}"


def _figures(cells: list[str], widths: list[int]) -> str:
    line = "  "
    for index, (cell, width) in enumerate(zip(cells, widths, strict=False)):
        if index:
            line += " " * _GAPS[index - 1]
        line += cell.ljust(width) if index < _LEFT else cell.rjust(width)
    return line.rstrip()


def _line(row: Row, widths: list[int], color: bool) -> str:
    if isinstance(row, _Under):
        line = f"  {'':{widths[0]}}  {row.text(WIDTH - widths[0] - 4)}"
        light = row.light
    else:
        light, cells = row
        line = _figures(cells, widths)
    if color and light is not None:  # styled after padding: the escape codes take no column
        line = line.replace(DOT, click.style(DOT, fg=labels.LIGHT_COLOURS[light]), 1)
    return line


def problem_lines(
    problems: tuple[Problem, ...], lang: Lang, *, quote: Callable[[str], str] | None = None
) -> list[str]:
    """Each kind of bad data with its count, its meaning and the rows quoted.

    With ``quote`` (which marks a value as code), a Markdown list; else indented text.
    """
    markdown = quote is not None
    lines = [f"## {_PROBLEMS.render(lang)}", ""] if markdown else [_PROBLEMS.render(lang)]
    for problem in problems:
        meaning = labels.PROBLEMS[problem.kind].render(lang)
        kind = f"**{problem.kind.value}**" if markdown else problem.kind.value
        if problem.kind is not ProblemKind.EMPTY_PERIOD:
            kind += f" ({count_of(lang, problem.count, *labels.ROWS)})"
        if markdown:
            lines.append(f"- {kind}: {meaning}")
        else:
            lines += _wrap(f"{kind}: {meaning}", "  ", "      ")
        quoted = [labels.example(lang, found, quote) for found in problem.examples]
        more = problem.count - len(problem.examples)
        if quoted and more > 0:
            quoted.append(labels.MORE.render(lang, count=integer(more, lang)))
        lines += [f"  - {line}" if markdown else f"    {line}" for line in quoted]
    return lines


def skipped_line(card: Scorecard, lang: Lang) -> str:
    """The valid rows that were not scored, and why."""
    return SKIPPED.render(
        lang,
        outside=integer(card.skipped.outside_period, lang),
        inactive=integer(card.skipped.inactive, lang),
        period=card.period.label,
        previous=card.previous.label,
    )


def summary(card: Scorecard, lang: Lang, overall: str) -> str:
    """The closing line: clean or not, and the overall light (``overall``, already in words)."""
    if card.clean:
        used = integer(card.used, lang)
        if lang is Lang.EN:
            used = count_of(lang, card.used, *_OBSERVATIONS)
        return _CLEAN.render(lang, used=used, light=overall)
    bad, rows = integer(card.bad_rows, lang), count_of(lang, card.rows, *_ROWS_OF)
    if not any(problem.kind is ProblemKind.EMPTY_PERIOD for problem in card.problems):
        return _NOT_CLEAN.render(lang, bad=bad, rows=rows, light=overall)
    empty = _EMPTY.render(lang, period=card.period.label)
    return f"{empty} {_ALSO_BAD.render(lang, bad=bad, rows=rows)}" if card.bad_rows else empty


def _wrap(words: str, indent: str = "", then: str = "") -> list[str]:
    """``words`` in lines of at most 100 columns."""
    return textwrap.wrap(
        words,
        WIDTH,
        initial_indent=indent,
        subsequent_indent=then,
        break_long_words=False,  # a path or an id stays whole, even past the margin
        break_on_hyphens=False,
    )

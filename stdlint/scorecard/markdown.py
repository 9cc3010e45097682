"""The scorecard as Markdown, for a pull-request comment or a wiki page.

A table per standard, each light an emoji and its word (🟢 green), the metric read together
with a speed metric in its row's last column, and the problems as a list.
"""

from __future__ import annotations

from stdlint.i18n import Lang, Text
from stdlint.scorecard import labels
from stdlint.scorecard.labels import LIGHT_EMOJI, integer, light_word, number, percent
from stdlint.scorecard.model import Light, MetricScore, Scorecard, StandardScore, Stats
from stdlint.scorecard.text import problem_lines, skipped_line, summary

_TITLE = Text(en="Scorecard {period}", ru="Светофор за {period}")
_INTRO = Text(
    en="Trend against {previous}. Data: {data}, {rows} rows read, {used} observations scored.",
    ru="Динамика к {previous}. Данные: {data}, прочитано строк: {rows}, учтено наблюдений: {used}.",
)
_COLUMNS = (
    Text(en="Light", ru="Светофор"),
    Text(en="Metric", ru="Метрика"),
    Text(en="Count", ru="Кол-во"),
    Text(en="Green", ru="Зелёная"),
    Text(en="Yellow", ru="Жёлтая"),
    Text(en="Red", ru="Красная"),
    Text(en="Median", ru="Медиана"),
    Text(en="p90", ru="p90"),
    Text(en="Unit", ru="Единица"),
    Text(en="Target", ru="Цель"),
    Text(en="Met", ru="В цели"),
    Text(en="Trend", ru="Динамика"),
    Text(en="Read together with", ru="Смотреть вместе с"),
)
# Left for words, right for figures: the separator row of the table.
_ALIGN = ("---", "---", "--:", "--:", "--:", "--:", "--:", "--:", "---", "--:", "--:", "---", "---")
_BALANCE = Text(en="{light} {metric}: {green} green", ru="{light} {metric}: {green} в зелёной зоне")


def page(card: Scorecard, lang: Lang) -> str:
    """The scorecard as a Markdown page."""
    intro = _INTRO.render(
        lang,
        previous=card.previous.label,
        data=_code(card.data),
        rows=integer(card.rows, lang),
        used=integer(card.used, lang),
    )
    lines = [f"# {_TITLE.render(lang, period=labels.period(lang, card.period))}", "", intro, ""]
    skipped = card.skipped
    if skipped.outside_period or skipped.inactive:
        lines += [skipped_line(card, lang), ""]
    for standard in card.standards:
        lines += [*_standard(card, standard, lang), ""]
    if card.problems:
        lines += [*problem_lines(card.problems, lang, quote=_code), ""]
    lines.append(summary(card, lang, _light(card.light, light_word(lang, card.light))))
    return "\n".join(lines) + "\n"


def _standard(card: Scorecard, standard: StandardScore, lang: Lang) -> list[str]:
    light = _light(standard.light, light_word(lang, standard.light))
    header = [column.render(lang) for column in _COLUMNS]
    return [
        f"## {_escape(standard.title)} ({standard.id}): {light}",
        "",
        _row(header),
        "|" + "|".join(_ALIGN) + "|",
        *(_row(_cells(card, metric, lang)) for metric in standard.metrics),
    ]


def _cells(card: Scorecard, metric: MetricScore, lang: Lang) -> list[str]:
    now = metric.current
    name = f"{_code(metric.metric)} {_escape(metric.name)}" if metric.name else _code(metric.metric)
    return [
        _light(metric.light, light_word(lang, metric.light, now)),
        name,
        integer(now.count, lang),
        percent(now.green),
        percent(now.yellow),
        percent(now.red),
        number(now.median, lang),
        number(now.p90, lang),
        _escape(metric.unit) if metric.unit else "—",
        labels.target(metric, lang),
        percent(now.attainment),
        labels.trend(metric, lang) or "—",
        _balance(card, metric, lang),
    ]


def _balance(card: Scorecard, metric: MetricScore, lang: Lang) -> str:
    if metric.counterbalance is None:
        return "—"
    other = labels.balance(card, metric)
    stats: Stats = other.current if other is not None else labels.NO_DATA
    light = _light(stats.light, light_word(lang, stats.light, stats))
    name = _code(metric.counterbalance)
    if other is not None and other.standard != metric.standard:
        name += f" ({other.standard})"
    if stats.green is None:
        return f"{light} {name}"
    return _BALANCE.render(lang, light=light, metric=name, green=percent(stats.green))


def _light(light: Light, word: str) -> str:
    return f"{LIGHT_EMOJI[light]} {word}"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _escape(words: str) -> str:
    """Words safe in a table cell: no column break, no line break."""
    return " ".join(words.split()).replace("|", "\\|")


def _code(words: str) -> str:
    """``words`` as inline code, fenced with more backticks than it holds."""
    words = " ".join(words.split())
    fence = "`"
    while fence in words:
        fence += "`"
    padding = " " if words.startswith("`") or words.endswith("`") else ""
    return f"{fence}{padding}{words}{padding}{fence}"

"""The scorecard's words and numbers as people read them, shared by the text and Markdown layouts.

Numbers follow the language: "12,345" and "17.5" in English, «12 345» and «17,5» in Russian;
shares are whole percents rounded down, so a share just short of 9 in 10 never reads as a green
90%. A metric without zones reads "no zones", not "no data": it has observations, only nothing
to judge them by.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

from stdlint.i18n import Lang, Text, plural
from stdlint.scorecard.model import (
    Example,
    Light,
    MetricScore,
    Period,
    ProblemKind,
    Scorecard,
    Stats,
)

LIGHT_WORDS = {
    Light.GREEN: Text(en="green", ru="зелёный"),
    Light.YELLOW: Text(en="yellow", ru="жёлтый"),
    Light.RED: Text(en="red", ru="красный"),
    Light.NONE: Text(en="no data", ru="нет данных"),
}
NO_ZONES = Text(en="no zones", ru="нет зон")
LIGHT_COLOURS = {
    Light.GREEN: "green",
    Light.YELLOW: "yellow",
    Light.RED: "red",
    Light.NONE: "bright_black",
}
LIGHT_EMOJI = {Light.GREEN: "🟢", Light.YELLOW: "🟡", Light.RED: "🔴", Light.NONE: "⚪"}

# A kind of bad data: what it means, and what to do about it.
PROBLEMS = {
    ProblemKind.UNKNOWN_METRIC: Text(
        en="no standard of the handbook defines this metric id; correct the id, or add the "
        "metric to its standard",
        ru="ни один стандарт справочника не задаёт такую метрику; исправьте id или добавьте "
        "метрику в её стандарт",
    ),
    ProblemKind.UNKNOWN_STANDARD: Text(
        en="the standard column names no standard with this metric; correct the standard's id, "
        "or leave the column empty",
        ru="в столбце standard указан стандарт, в котором нет этой метрики; исправьте id "
        "стандарта или оставьте столбец пустым",
    ),
    ProblemKind.UNKNOWN_CHANNEL: Text(
        en="a channel handbook.yml does not list; use a channel id from handbook.yml",
        ru="канал, которого нет в handbook.yml; укажите id канала из handbook.yml",
    ),
    ProblemKind.BAD_VALUE: Text(
        en="the value is not a number; write it as 18 or 17.5 (a decimal comma is fine too)",
        ru="значение — не число; запишите его как 18 или 17,5 (можно и с точкой)",
    ),
    ProblemKind.OUT_OF_RANGE: Text(
        en="impossible for the metric: a negative time or count, or a percentage outside 0–100",
        ru="невозможное значение: отрицательные время или количество, процент вне 0–100",
    ),
    ProblemKind.BAD_TIMESTAMP: Text(
        en="the timestamp is empty or not a date; write it as 2026-10-05 or 2026-10-05 14:30",
        ru="время пустое или не дата; запишите его как 2026-10-05 или 2026-10-05 14:30",
    ),
    ProblemKind.UNIT_MISMATCH: Text(
        en="the unit column disagrees with the metric's unit in its standard; convert the "
        "values, or correct the unit",
        ru="единица в столбце unit не совпадает с единицей метрики в стандарте; пересчитайте "
        "значения или исправьте единицу",
    ),
    ProblemKind.NOT_MEASURED: Text(
        en="no active standard measures this metric on that channel; check the channel, or the "
        "standard's channels",
        ru="ни один действующий стандарт не измеряет эту метрику в этом канале; проверьте канал "
        "или каналы стандарта",
    ),
    ProblemKind.EMPTY_PERIOD: Text(
        en="the period has no usable observation; choose another with --period, or check the "
        "timestamps",
        ru="в периоде нет ни одного пригодного наблюдения; выберите другой период (--period) "
        "или проверьте время в данных",
    ),
}
EXAMPLE = Text(
    en="row {row}, column {column}: {value}", ru="строка {row}, столбец {column}: {value}"
)
EXAMPLE_AT_LINE = Text(
    en="row {row} (line {line}), column {column}: {value}",
    ru="строка {row} (строка файла {line}), столбец {column}: {value}",
)
MORE = Text(en="… and {count} more", ru="… и ещё {count}")
ROWS = (("row", "rows"), ("строка", "строки", "строк"))
PERIOD_DATES = Text(en="{label} ({start} – {end})", ru="{label} ({start} – {end})")
POINTS = Text(en="pp", ru="п.п.")
# The light of the period before, as the trend names it («был жёлтым»: Russian wants the
# instrumental case here, not the word of the light column).
WAS = {
    Light.GREEN: Text(en="was green", ru="был зелёным"),
    Light.YELLOW: Text(en="was yellow", ru="был жёлтым"),
    Light.RED: Text(en="was red", ru="был красным"),
}
# A shown value is cut to this many characters: a whole line of a broken file is no example.
VALUE_WIDTH = 60


def light_word(lang: Lang, light: Light, stats: Stats | None = None) -> str:
    """The light in words; "no zones" when ``stats`` has observations but nothing to judge by."""
    if light is Light.NONE and stats is not None and stats.count:
        return NO_ZONES.render(lang)
    return LIGHT_WORDS[light].render(lang)


def integer(value: int, lang: Lang) -> str:
    """A count with the language's thousands separator: 12,345 or «12 345»."""
    text = f"{value:,}"
    return text.replace(",", " ") if lang is Lang.RU else text


def count_of(lang: Lang, value: int, en: tuple[str, str], ru: tuple[str, str, str]) -> str:
    """``value`` with its noun in the form the language needs, the number grouped."""
    words = plural(lang, value, en, ru)
    return integer(value, lang) + words[len(str(value)) :]


def number(value: float | None, lang: Lang) -> str:
    """A measured figure to three significant digits, no fewer than its whole part; — for none."""
    if value is None:
        return "—"
    magnitude = math.floor(math.log10(abs(value))) if value else 0
    text = f"{value:,.{min(max(0, 2 - magnitude), 6)}f}"  # 0.000001 at the finest
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    if lang is Lang.RU:
        text = text.replace(",", " ").replace(".", ",")
    return text


def bound(value: float | None, lang: Lang) -> str:
    """A target or zone bound as the standard writes it: 20, 1.5 («1,5»); — for none."""
    if value is None:
        return "—"
    text = f"{value:.15g}"
    return text.replace(".", ",") if lang is Lang.RU else text


def target(metric: MetricScore, lang: Lang) -> str:
    """The target with its direction: ≤ 20 when lower is better, ≥ 90 when higher; — for none."""
    if metric.target is None:
        return "—"
    sign = {"lower": "≤ ", "higher": "≥ "}.get(metric.direction or "", "")
    return sign + bound(metric.target, lang)


def percent(share: float | None) -> str:
    """A share as a whole percent, rounded down (89.9% reads 89%); — for none."""
    if share is None:
        return "—"
    # The tolerance keeps 0.29 (28.999… in binary) at 29%.
    return f"{math.floor(share * 100 + 1e-9)}%"


def trend(metric: MetricScore, lang: Lang) -> str | None:
    """The change of the green share against the previous period, and its light: +3 pp, was …."""
    before, now = metric.previous, metric.current
    if before is None or before.light is Light.NONE:  # no data then, or no zones to judge by
        return None
    was = WAS[before.light].render(lang)
    if now.green is None or before.green is None:
        return was
    change = (now.green - before.green) * 100
    whole = math.floor(abs(change) + 0.5 + 1e-9)  # half away from zero: 2.5 pp reads 3
    sign = "±" if whole == 0 else "+" if change > 0 else "−"
    return f"{sign}{whole} {POINTS.render(lang)}, {was}"


def period(lang: Lang, span: Period) -> str:
    """``2026-10 (2026-10-01 – 2026-10-31)``; the label alone when it is the dates."""
    if span.kind == "days":
        return span.label
    start, end = span.start.isoformat(), span.end.isoformat()
    return PERIOD_DATES.render(lang, label=span.label, start=start, end=end)


def example(lang: Lang, found: Example, quote: Callable[[str], str] | None = None) -> str:
    """``row 12 (line 13), column value: "abc"``: the value quoted as JSON, cut if long.

    ``quote`` marks the quoted value up further (as code, in Markdown).
    """
    value = found.value if len(found.value) <= VALUE_WIDTH else found.value[:VALUE_WIDTH] + "…"
    shown = json.dumps(value, ensure_ascii=False)
    fields = {"row": found.row, "column": found.column, "value": quote(shown) if quote else shown}
    if found.line is not None:
        return EXAMPLE_AT_LINE.render(lang, line=found.line, **fields)
    return EXAMPLE.render(lang, **fields)


NO_DATA = Stats(0, None, None, None, None, None, None)


def balance(card: Scorecard, metric: MetricScore) -> MetricScore | None:
    """The score of the metric read together with ``metric``: in its standard first."""
    if metric.counterbalance is None:
        return None
    return card.metric(metric.counterbalance, metric.standard)

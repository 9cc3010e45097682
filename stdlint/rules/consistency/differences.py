"""What differs between two versions of one standard, worded for the reader of either."""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TypeVar

from stdlint.i18n import Lang, Text, plural, quote
from stdlint.parse.document import Document
from stdlint.parse.facts import Facts
from stdlint.parse.models import Metric, StandardMeta
from stdlint.parse.sections import SectionId
from stdlint.rules.base import Context

Bound = tuple[float, str | None]  # (value, unit name as the language engine reports it)


def number_text(value: float | None) -> str:
    """A number as a message shows it: no trailing zeros, a dash for none."""
    return "—" if value is None else f"{value:g}"


def rule_numbers(doc: Document, ctx: Context) -> list[Bound]:
    """The bounds written in the Rule section, in the order they appear."""
    return [
        (float(quantity.value), quantity.unit)
        for sentence in doc.sentences(SectionId.RULE)
        for quantity in ctx.language.facts(sentence.text, doc.lang).quantities
        if quantity.value is not None
    ]


Item = TypeVar("Item", str, Bound)


def _only_in(one: Sequence[Item], other: Sequence[Item]) -> list[Item]:
    """The items of ``one`` that ``other`` lacks, counting repeats, in ``one``'s order."""
    if len(one) == len(other) and all(map(operator.eq, one, other)):
        return []  # what translations mostly write: the same, in the same order
    spare = Counter(other)
    left = []
    for item in one:
        if spare[item]:
            spare[item] -= 1
        else:
            left.append(item)
    return left


# Unit names of stdlint.text.quantities: English (one, many), Russian (one, few, many).
_UNIT_NAMES: dict[str, tuple[tuple[str, str], tuple[str, str, str]]] = {
    "second": (("second", "seconds"), ("секунда", "секунды", "секунд")),
    "minute": (("minute", "minutes"), ("минута", "минуты", "минут")),
    "hour": (("hour", "hours"), ("час", "часа", "часов")),
    "day": (("day", "days"), ("день", "дня", "дней")),
    "week": (("week", "weeks"), ("неделя", "недели", "недель")),
    "month": (("month", "months"), ("месяц", "месяца", "месяцев")),
    "quarter": (("quarter", "quarters"), ("квартал", "квартала", "кварталов")),
    "year": (("year", "years"), ("год", "года", "лет")),
    "shift": (("shift", "shifts"), ("смена", "смены", "смен")),
    "ring": (("ring", "rings"), ("гудок", "гудка", "гудков")),
    "time": (("time", "times"), ("раз", "раза", "раз")),
}


def _bound(lang: Lang, bound: Bound) -> str:
    """A bound in words: "3 rings", «3 гудка», "1.5 hours", «1,5 часа», "90%"."""
    value, unit = bound
    number = f"{value:g}".replace(".", ",") if lang is Lang.RU else f"{value:g}"
    if unit == "percent":
        return f"{number}%"
    if unit not in _UNIT_NAMES:
        return f"{number} {unit}" if unit else number
    en, ru = _UNIT_NAMES[unit]
    if value.is_integer():
        return plural(lang, int(value), en, ru)
    # A fraction takes the plural in English and the genitive singular in Russian.
    return f"{number} {ru[1] if lang is Lang.RU else en[1]}"


def _listing(lang: Lang, items: Sequence[str]) -> str:
    """Items joined as "a", "a and b", "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {'и' if lang is Lang.RU else 'and'} {items[-1]}"


_BOTH_SIDES = Text(en="{here} here, {there} there", ru="здесь {here}, там {there}")
_ONLY_HERE = Text(en="{here} only here", ru="только здесь {here}")
_ONLY_THERE = Text(en="{there} only there", ru="только там {there}")
_NONE = Text(en="none", ru="нет")


def _sides(lang: Lang, here: Sequence[str], there: Sequence[str], contrast: bool = True) -> str:
    """What this version has and the other lacks, and the reverse."""
    words = {"here": _listing(lang, here), "there": _listing(lang, there)}
    if here and there and contrast:
        return _BOTH_SIDES.render(lang, **words)
    parts = [_ONLY_HERE.render(lang, **words)] if here else []
    return ", ".join([*parts, *([_ONLY_THERE.render(lang, **words)] if there else [])])


_LIST_FIELDS = {
    "journey": Text(en="journey", ru="этапы пути клиента"),
    "channels": Text(en="channels", ru="каналы"),
    "services": Text(en="services", ru="услуги"),
    "roles": Text(en="roles", ru="роли"),
    "dimensions": Text(en="dimensions", ru="измерения качества"),
    "metrics": Text(en="metrics", ru="метрики"),
}
_METRIC_FIELDS = {
    "target": Text(en="target", ru="цель"),
    "direction": Text(en="direction", ru="направление"),
    "green": Text(en="green zone", ru="зелёная зона"),
    "yellow": Text(en="yellow zone", ru="жёлтая зона"),
    "counterbalance": Text(en="counterbalance", ru="уравновешивающая метрика"),
}
_LIST_DIFFERENCE = Text(en="{field}: {sides}", ru="{field}: {sides}")
_METRIC_DIFFERENCE = Text(en="metric {id}: {field} {sides}", ru="метрика {id}: {field} {sides}")
_NUMBERS_DIFFERENCE = Text(en="numbers in the rule: {sides}", ru="числа в правиле: {sides}")


def differences(
    one: Facts, other: Facts, mine_bounds: Sequence[Bound], their_bounds: Sequence[Bound]
) -> list[str]:
    """What ``one`` says otherwise than ``other``, in ``one``'s language, promises first.

    ``mine_bounds`` and ``their_bounds`` are the numbers of their Rule sections
    (:func:`rule_numbers`).
    """
    a, b, lang = one.meta, other.meta, one.lang
    assert a is not None and b is not None
    found = []
    here_bounds = [_bound(lang, bound) for bound in _only_in(mine_bounds, their_bounds)]
    there_bounds = [_bound(lang, bound) for bound in _only_in(their_bounds, mine_bounds)]
    if here_bounds or there_bounds:
        found.append(
            _NUMBERS_DIFFERENCE.render(lang, sides=_sides(lang, here_bounds, there_bounds))
        )
    metrics = list(_metric_differences(a, b, lang))
    # A metric id written twice (the same metrics, in the same order, differ in nothing).
    if not metrics and a.metrics != b.metrics and _metric_facts(a) != _metric_facts(b):
        metrics.append(_LIST_FIELDS["metrics"].render(lang))
    found += metrics
    for field, name in _LIST_FIELDS.items():
        if field == "metrics":
            mine, theirs = [metric.id for metric in a.metrics], [metric.id for metric in b.metrics]
        else:
            mine, theirs = getattr(a, field), getattr(b, field)
        here = [quote(lang, item) for item in _only_in(mine, theirs)]
        there = [quote(lang, item) for item in _only_in(theirs, mine)]
        if here or there:
            sides = _sides(lang, here, there, contrast=False)
            found.append(_LIST_DIFFERENCE.render(lang, field=name.render(lang), sides=sides))
    return found


def _metric_differences(a: StandardMeta, b: StandardMeta, lang: Lang) -> Iterator[str]:
    """Each field of a metric that both versions have but set differently."""
    theirs = {metric.id: _metric_fields(metric) for metric in reversed(b.metrics)}
    for metric in a.metrics:
        if metric.id not in theirs:
            continue  # named among the ids only one version has
        pairs = zip(_metric_fields(metric), theirs[metric.id], strict=True)
        for name, (here, there) in zip(_METRIC_FIELDS.values(), pairs, strict=True):
            if here != there:
                sides = _BOTH_SIDES.render(lang, here=_value(lang, here), there=_value(lang, there))
                yield _METRIC_DIFFERENCE.render(
                    lang, id=quote(lang, metric.id), field=name.render(lang), sides=sides
                )


def _metric_fields(metric: Metric) -> tuple[object, ...]:
    zones = metric.zones
    return (
        metric.target,
        metric.direction,
        zones.green if zones else None,
        zones.yellow if zones else None,
        metric.counterbalance,
    )


def _value(lang: Lang, value: object) -> str:
    if value is None:
        return _NONE.render(lang)
    if isinstance(value, float):
        return number_text(value)
    return quote(lang, value)


def _metric_facts(meta: StandardMeta) -> Counter[tuple[object, ...]]:
    return Counter((metric.id, *_metric_fields(metric)) for metric in meta.metrics)

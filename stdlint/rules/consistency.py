"""CNS: consistency — one promise per metric and channel, and translations that agree."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from typing import TypeVar

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.handbook import is_active, reviewed_on
from stdlint.i18n import Lang, Text, plural, quote
from stdlint.parse.document import Document
from stdlint.parse.models import Metric, StandardMeta
from stdlint.parse.sections import SectionId
from stdlint.rules.base import Context, HandbookRule


def _number(value: float | None) -> str:
    return "—" if value is None else (f"{value:g}")


class ConflictingTargets(HandbookRule):
    """Two active standards promise different targets for one metric on one channel.

    ## What it does
    Groups the metrics of active standards by metric `id` and channel, and flags each metric
    whose target differs from another standard's target for the same pair. Translations (the
    same standard `id`) are compared by CNS002 instead.

    ## Why it matters
    Consistency: if the phone standard promises an answer in 20 seconds and the complaints
    standard 60 seconds, the customer gets whichever agent they reach, and reports disagree.

    ## Example
    ```markdown title="a.md"
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    channels: [phone]
    metrics: [{id: answer-time, unit: seconds, target: 20}]
    ---
    ```
    ```markdown title="b.md"
    ---
    id: complaint-call
    title: Complaint calls
    lang: en
    status: active
    channels: [phone]
    metrics: [{id: answer-time, unit: seconds, target: 60}]
    ---
    ```

    ## Use instead
    ```markdown title="a.md"
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    channels: [phone]
    metrics: [{id: answer-time, unit: seconds, target: 20}]
    ---
    ```
    ```markdown title="b.md"
    ---
    id: complaint-call
    title: Complaint calls
    lang: en
    status: active
    channels: [phone]
    metrics: [{id: answer-time, unit: seconds, target: 20}]
    ---
    ```
    """

    code, name = "CNS001", "conflicting-targets"
    criterion, default_severity = Criterion.CONSISTENCY, Severity.ERROR
    _message = Text(
        en="“{metric}” on “{channel}” targets {target} here but {other_target} in {other}",
        ru="«{metric}» в канале «{channel}»: здесь цель {target}, а в {other} — {other_target}",
    )
    _suggestion = Text(
        en="agree one target with both owners and write it in both standards",
        ru="согласуйте одну цель с владельцами обоих стандартов и укажите её в обоих",
    )

    def check_handbook(self, docs: Sequence[Document], ctx: Context) -> Iterator[Diagnostic]:
        """One finding on each metric that disagrees with another standard's."""
        groups: dict[tuple[str, str], list[tuple[Document, int]]] = defaultdict(list)
        for doc in docs:
            meta = doc.meta
            if meta is None or not is_active(meta):
                continue
            for index, metric in enumerate(meta.metrics):
                if metric.target is None:
                    continue
                for channel in meta.channels or ["*"]:
                    groups[(metric.id, channel)].append((doc, index))
        reported: set[tuple[str, int]] = set()
        for (metric_id, channel), members in groups.items():
            for doc, index in members:
                assert doc.meta is not None and doc.front_matter is not None
                target = doc.meta.metrics[index].target
                for other, other_index in members:
                    assert other.meta is not None
                    other_target = other.meta.metrics[other_index].target
                    if other.meta.id == doc.meta.id or other_target == target:
                        continue
                    if (doc.display_path, index) in reported:
                        break
                    reported.add((doc.display_path, index))
                    yield self.report(
                        doc,
                        doc.front_matter.position(("metrics", index, "target"), value=True),
                        self._message,
                        self._suggestion,
                        metric_id,
                        metric=metric_id,
                        channel=channel,
                        target=_number(target),
                        other_target=_number(other_target),
                        other=quote(doc.lang, other.display_path),
                    )
                    break


Bound = tuple[float, str | None]  # (value, unit name as the language engine reports it)


def _rule_numbers(doc: Document, ctx: Context) -> list[Bound]:
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
_MORE = Text(en="and {count}", ru="и ещё {count}")
_SHOWN = 3


def _differences(one: Document, other: Document, ctx: Context) -> list[str]:
    """What ``one`` says otherwise than ``other``, in ``one``'s language, promises first."""
    a, b, lang = one.meta, other.meta, one.lang
    assert a is not None and b is not None
    found = []
    mine_bounds, their_bounds = _rule_numbers(one, ctx), _rule_numbers(other, ctx)
    here_bounds = [_bound(lang, bound) for bound in _only_in(mine_bounds, their_bounds)]
    there_bounds = [_bound(lang, bound) for bound in _only_in(their_bounds, mine_bounds)]
    if here_bounds or there_bounds:
        found.append(
            _NUMBERS_DIFFERENCE.render(lang, sides=_sides(lang, here_bounds, there_bounds))
        )
    metrics = list(_metric_differences(a, b, lang))
    if not metrics and _metric_facts(a) != _metric_facts(b):  # a metric id written twice
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
        return _number(value)
    return quote(lang, value)


def _metric_facts(meta: StandardMeta) -> Counter[tuple[object, ...]]:
    return Counter((metric.id, *_metric_fields(metric)) for metric in meta.metrics)


def _translations(docs: Sequence[Document], ctx: Context) -> Iterator[tuple[Document, Document]]:
    """(translation, original) pairs: the original is in the handbook's first language."""
    by_id: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        if doc.meta is not None:
            by_id[doc.meta.id].append(doc)
    for group in by_id.values():
        if len({doc.lang for doc in group}) < 2:
            continue
        group.sort(key=lambda doc: (doc.lang is not ctx.profile.default_lang, doc.display_path))
        original = group[0]
        for translation in group[1:]:
            if translation.lang is not original.lang:
                yield translation, original


class TranslationDrift(HandbookRule):
    """A translation that disagrees with its original.

    ## What it does
    Compares the versions of one standard (the same `id` in different `lang`): stages,
    channels, services, roles, dimensions, metrics (targets, zones, counterbalances) and the
    numbers in the Rule section (20 seconds, «двух рабочих часов» → 2 hours). The finding is on
    the version that is not in the handbook's first language, and names in that language what
    differs: the Rule's numbers that only one version has ("numbers in the rule: 4 hours here,
    2 hours there"), the ids that only one version lists, and each metric field set differently
    ("metric “first-reply”: target 4 here, 2 there"); the first three, then how many more.

    ## Why it matters
    Consistency: the English-speaking agent and the Russian-speaking agent must make the same
    promise; a number changed in one language only is the most common drift.

    ## Example
    ```markdown title="reply.ru.md"
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    ---

    ## Правило

    1. Ответьте в течение двух рабочих часов.
    ```
    ```markdown title="reply.en.md"
    ---
    id: email-reply
    title: Replying to an email
    lang: en
    status: active
    ---

    ## Rule

    1. Reply within 4 working hours.
    ```

    ## Use instead
    ```markdown title="reply.ru.md"
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    ---

    ## Правило

    1. Ответьте в течение двух рабочих часов.
    ```
    ```markdown title="reply.en.md"
    ---
    id: email-reply
    title: Replying to an email
    lang: en
    status: active
    ---

    ## Rule

    1. Reply within 2 working hours.
    ```
    """

    code, name = "CNS002", "translation-drift"
    criterion, default_severity = Criterion.CONSISTENCY, Severity.ERROR
    _message = Text(
        en="this translation of “{id}” differs from {other}: {differences}",
        ru="этот перевод «{id}» расходится с {other}: {differences}",
    )
    _suggestion = Text(
        en="make both versions say the same, then review them together",
        ru="приведите обе версии к одному содержанию и пересмотрите их вместе",
    )

    def check_handbook(self, docs: Sequence[Document], ctx: Context) -> Iterator[Diagnostic]:
        """One finding per translation that differs from its original."""
        for translation, original in _translations(docs, ctx):
            differences = _differences(translation, original, ctx)
            if not differences:
                continue
            assert translation.meta is not None and translation.front_matter is not None
            lang = translation.lang
            shown = differences[:_SHOWN]
            if len(differences) > _SHOWN:
                more = plural(
                    lang,
                    len(differences) - _SHOWN,
                    ("more difference", "more differences"),
                    ("расхождение", "расхождения", "расхождений"),
                )
                shown.append(_MORE.render(lang, count=more))
            yield self.report(
                translation,
                translation.front_matter.position(("id",), value=True),
                self._message,
                self._suggestion,
                translation.meta.id,
                id=translation.meta.id,
                other=quote(translation.lang, original.display_path),
                differences="; ".join(shown),
            )


class TranslationReviewLag(HandbookRule):
    """One version of a standard reviewed long after another.

    ## What it does
    Flags the version whose `last_reviewed` (or `approved_on`) is more than the profile's
    `review.translation_lag` (90 days by default) older than another version's.

    ## Why it matters
    Consistency: a review changes one language; the other keeps the old rule until someone
    reviews it too.

    ## Example
    ```markdown title="reply.ru.md"
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    last_reviewed: 2026-05-01
    ---
    ```
    ```markdown title="reply.en.md"
    ---
    id: email-reply
    title: Replying to an email
    lang: en
    status: active
    last_reviewed: 2025-09-01
    ---
    ```

    ## Use instead
    ```markdown title="reply.ru.md"
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    last_reviewed: 2026-05-01
    ---
    ```
    ```markdown title="reply.en.md"
    ---
    id: email-reply
    title: Replying to an email
    lang: en
    status: active
    last_reviewed: 2026-05-04
    ---
    ```
    """

    code, name = "CNS003", "translation-review-lag"
    criterion, default_severity = Criterion.CONSISTENCY, Severity.WARNING
    _message = Text(
        en="this version was reviewed on {day}, but {other} on {other_day}",
        ru="эта версия пересмотрена {day}, а {other} — {other_day}",
    )
    _suggestion = Text(
        en="review this version against the newer one and update “last_reviewed”",
        ru="сверьте эту версию с более новой и обновите «last_reviewed»",
    )

    def check_handbook(self, docs: Sequence[Document], ctx: Context) -> Iterator[Diagnostic]:
        """A finding on the older version of each pair that lags too far behind."""
        for one, other in _translations(docs, ctx):
            for older, newer in ((one, other), (other, one)):
                older_day, newer_day = reviewed_on(older.meta), reviewed_on(newer.meta)
                if older_day is None or newer_day is None or older.front_matter is None:
                    continue
                if ctx.profile.review.translation_lag.after(older_day) < newer_day:
                    field = (
                        "last_reviewed"
                        if older.meta and older.meta.last_reviewed
                        else "approved_on"
                    )
                    yield self.report(
                        older,
                        older.front_matter.position((field,), value=True),
                        self._message,
                        self._suggestion,
                        day=older_day.isoformat(),
                        other=quote(older.lang, newer.display_path),
                        other_day=newer_day.isoformat(),
                    )

"""CNS: consistency — one promise per metric and channel, and translations that agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.handbook import is_active, reviewed_on
from stdlint.i18n import Text, quote
from stdlint.parse.document import Document
from stdlint.parse.models import StandardMeta
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


def _rule_numbers(doc: Document, ctx: Context) -> list[str]:
    """The bounds written in the Rule section, as sorted "value unit" strings."""
    return sorted(
        f"{quantity.value:g} {quantity.unit or ''}".strip()
        for sentence in doc.sentences(SectionId.RULE)
        for quantity in ctx.language.facts(sentence.text, doc.lang).quantities
        if quantity.value is not None
    )


def _differences(one: Document, other: Document, ctx: Context) -> list[str]:
    a, b = one.meta, other.meta
    assert a is not None and b is not None
    found = [
        field
        for field in ("journey", "channels", "services", "roles", "dimensions")
        if sorted(getattr(a, field)) != sorted(getattr(b, field))
    ]
    if _metric_facts(a) != _metric_facts(b):
        found.append("metrics")
    if _rule_numbers(one, ctx) != _rule_numbers(other, ctx):
        found.append("numbers in the rule")
    return found


def _metric_facts(meta: StandardMeta) -> list[tuple[object, ...]]:
    return sorted(
        (
            metric.id,
            metric.target,
            metric.direction,
            metric.zones.green if metric.zones else None,
            metric.zones.yellow if metric.zones else None,
            metric.counterbalance,
        )
        for metric in meta.metrics
    )


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


_FIELD_NAMES = {
    "numbers in the rule": Text(en="numbers in the rule", ru="числа в правиле"),
}


class TranslationDrift(HandbookRule):
    """A translation that disagrees with its original.

    ## What it does
    Compares the versions of one standard (the same `id` in different `lang`): stages,
    channels, services, roles, dimensions, metrics (targets, zones, counterbalances) and the
    numbers in the Rule section (20 seconds, «двух рабочих часов» → 2 hours). The finding is on
    the version that is not in the handbook's first language.

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
        en="this translation of “{id}” differs from {other} in: {fields}",
        ru="этот перевод «{id}» расходится с {other}: {fields}",
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
            fields = ", ".join(
                _FIELD_NAMES[field].render(translation.lang) if field in _FIELD_NAMES else field
                for field in differences
            )
            yield self.report(
                translation,
                translation.front_matter.position(("id",), value=True),
                self._message,
                self._suggestion,
                translation.meta.id,
                id=translation.meta.id,
                other=quote(translation.lang, original.display_path),
                fields=fields,
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

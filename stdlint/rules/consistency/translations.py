"""CNS002–CNS003: translations of one standard agree, and are reviewed together."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.handbook import reviewed_on
from stdlint.i18n import Text, plural, quote
from stdlint.parse.document import Document
from stdlint.parse.facts import Facts
from stdlint.rules.base import Context, HandbookRule
from stdlint.rules.consistency.differences import Bound, differences, rule_numbers

_MORE = Text(en="and {count}", ru="и ещё {count}")
_SHOWN = 3


def _translations(docs: Sequence[Facts], ctx: Context) -> Iterator[tuple[Facts, Facts]]:
    """(translation, original) pairs: the original is in the handbook's first language."""
    by_id: dict[str, list[Facts]] = defaultdict(list)
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

    def gather(self, doc: Document, ctx: Context) -> tuple[Bound, ...]:
        """The bounds written in the Rule section, compared between translations."""
        return tuple(rule_numbers(doc, ctx))

    def _bounds(self, doc: Facts) -> list[Bound]:
        gathered = doc.gathered.get(self.code, ())
        assert isinstance(gathered, tuple)
        return list(gathered)

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """One finding per translation that differs from its original."""
        for translation, original in _translations(standards, ctx):
            found = differences(
                translation, original, self._bounds(translation), self._bounds(original)
            )
            if not found:
                continue
            assert translation.meta is not None
            lang = translation.lang
            shown = found[:_SHOWN]
            if len(found) > _SHOWN:
                more = plural(
                    lang,
                    len(found) - _SHOWN,
                    ("more difference", "more differences"),
                    ("расхождение", "расхождения", "расхождений"),
                )
                shown.append(_MORE.render(lang, count=more))
            yield self.report(
                translation,
                translation.position(("id",), value=True),
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

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """A finding on the older version of each pair that lags too far behind."""
        for one, other in _translations(standards, ctx):
            for older, newer in ((one, other), (other, one)):
                older_day, newer_day = reviewed_on(older.meta), reviewed_on(newer.meta)
                if older_day is None or newer_day is None:
                    continue
                # None: the lag reaches past the end of the calendar and is never exceeded.
                lag_end = ctx.profile.review.translation_lag.after(older_day)
                if lag_end is not None and lag_end < newer_day:
                    field = (
                        "last_reviewed"
                        if older.meta and older.meta.last_reviewed
                        else "approved_on"
                    )
                    yield self.report(
                        older,
                        older.position((field,), value=True),
                        self._message,
                        self._suggestion,
                        day=older_day.isoformat(),
                        other=quote(older.lang, newer.display_path),
                        other_day=newer_day.isoformat(),
                    )

"""ECO: economic reason — a standard says why it is worth its cost."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.i18n import Text, plural
from stdlint.parse.document import Document
from stdlint.parse.models import Strict
from stdlint.parse.sections import SectionId, heading_for
from stdlint.rules.base import Context, DocumentRule
from stdlint.text.tokens import count_words

MIN_WORDS = 8


class MissingReason(DocumentRule):
    """A standard that does not say why it is worth following.

    ## What it does
    Flags a standard whose Why section is missing (when the profile does not already require
    it, which STR006 reports) or says less than a sentence (fewer than 8 words; the minimum is
    an option).

    ## Why it matters
    Economic reason: every promise costs staff time; the Why section states what the customer
    and the company gain, so that a manager can weigh the cost and staff understand the point
    of the rule when a case does not fit it.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    ---

    ## Rule

    1. Answer every call within 20 seconds.

    ## Why

    It is important.

    ## How we check

    The phone system reports answer times every Monday.
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    ---

    ## Rule

    1. Answer every call within 20 seconds.

    ## Why

    One caller in five hangs up after 30 seconds and calls a competitor instead.

    ## How we check

    The phone system reports answer times every Monday.
    ```

    ## Options
    `rules: {ECO001: {min_words: 12}}` in `handbook.yml` sets the minimum (at least 1).
    """

    code, name = "ECO001", "missing-reason"
    criterion, default_severity = Criterion.ECONOMY, Severity.WARNING

    class Options(Strict):
        """ECO001's options."""

        min_words: int = Field(MIN_WORDS, ge=1, description="Fewest words a reason may have.")

    options: Options

    _missing = Text(en="the standard does not say why", ru="в стандарте не сказано, зачем он нужен")
    _thin = Text(
        en="the “{heading}” section gives no real reason ({count})",
        ru="раздел «{heading}» не объясняет причину ({count})",
    )
    _suggestion = Text(
        en="say what the customer gains and what the company gains or saves, with a number if "
        "you have one",
        ru="напишите, что получает клиент и что получает или экономит компания; если есть цифра — "
        "приведите её",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """A finding when the reason is missing or too thin."""
        if doc.front_matter is None or not doc.front_matter.closed or doc.meta is None:
            return
        why = doc.section(SectionId.WHY)
        heading = heading_for(SectionId.WHY, doc.lang)
        if why is None:
            if SectionId.WHY not in ctx.profile.required_sections:
                where = doc.title.span if doc.title else doc.front_matter.position(("title",))
                yield self.report(doc, where, self._missing, self._suggestion)
            return
        count = sum(count_words(prose.text) for prose in why.prose)
        if why.has_content and count < self.options.min_words:
            words = plural(doc.lang, count, ("word", "words"), ("слово", "слова", "слов"))
            yield self.report(
                doc, why.heading.span, self._thin, self._suggestion, heading=heading, count=words
            )

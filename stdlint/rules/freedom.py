"""FRD: freedom to deviate — an absolute rule says when staff may depart from it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.i18n import Lang, Text, quote
from stdlint.parse.document import Document
from stdlint.parse.sections import SectionId
from stdlint.rules.base import Context, DocumentRule
from stdlint.rules.vagueness import commitment_sentences
from stdlint.text.lexicon import Entry, Matcher


@cache
def _matcher(lang: Lang, absolutes: tuple[str, ...]) -> Matcher:
    """The absolute terms of a language's lexicon, built once per language."""
    return Matcher(lang, (Entry("absolute", term) for term in absolutes))


class AbsoluteWithoutExceptions(DocumentRule):
    """An absolute rule ("always", "never") in a standard with no Exceptions section.

    ## What it does
    Flags "always", "never", "under no circumstances", «всегда», «никогда», «ни в коем
    случае» in the text that instructs (everything but Why and Examples) when the standard has
    no (or an empty) Exceptions section. The words are the lexicon's `absolutes`
    (`lexicons/<lang>.yml`).

    ## Why it matters
    Freedom to deviate: real customers bring situations no rule foresaw, especially in B2B.
    An absolute rule without stated exceptions is either broken quietly or followed against
    the customer's interest; the Exceptions section says when and how to deviate.

    ## Example
    ```markdown
    ---
    id: refund
    title: Возврат денег
    lang: ru
    status: active
    ---

    ## Правило

    1. Никогда не возвращайте деньги без чека.

    ## Зачем

    Без чека нельзя подтвердить покупку.

    ## Как проверяем

    Бухгалтер каждую пятницу сверяет 10 возвратов с чеками.
    ```

    ## Use instead
    ```markdown
    ---
    id: refund
    title: Возврат денег
    lang: ru
    status: active
    ---

    ## Правило

    1. Никогда не возвращайте деньги без чека.

    ## Зачем

    Без чека нельзя подтвердить покупку.

    ## Исключения

    Если покупку видно в банковской выписке клиента, директор магазина может разрешить возврат.

    ## Как проверяем

    Бухгалтер каждую пятницу сверяет 10 возвратов с чеками.
    ```
    """

    code, name = "FRD001", "absolute-without-exceptions"
    criterion, default_severity = Criterion.FREEDOM, Severity.WARNING
    _message = Text(
        en="{words} makes the rule absolute, and the standard has no exceptions",
        ru="{words} делает правило абсолютным, а исключений в стандарте нет",
    )
    _suggestion = Text(
        en="add a section “## Exceptions”: when staff may deviate, and who decides",
        ru="добавьте раздел «## Исключения»: когда можно отступить от правила и кто это решает",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per absolute word, when there are no exceptions."""
        exceptions = doc.section(SectionId.EXCEPTIONS)
        if exceptions is not None and exceptions.has_content:
            return
        matcher = None  # built at the first sentence: a standard with no prose needs none
        for sentence in commitment_sentences(doc):
            if matcher is None:
                matcher = _matcher(doc.lang, ctx.language.lexicon(doc.lang).absolutes)
            facts = ctx.language.facts(sentence.text, doc.lang)
            for match in matcher.find(facts.infos):
                start, end = facts.words[match.first].start, facts.words[match.last - 1].end
                words = sentence.text[start:end]
                span = sentence.prose.span(sentence.start + start, sentence.start + end)
                yield self.report(
                    doc, span, self._message, self._suggestion, words, words=quote(doc.lang, words)
                )

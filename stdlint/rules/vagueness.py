"""The shared shape of the concreteness and measurability rules.

Each of them reports one kind of verdict of the language engine (see ``text/analysis.py``) in
the text that instructs staff — the introduction above the first section, Rule, Exceptions,
How we check and free-form sections; not Why or Examples, which explain and illustrate (see
``Document.instructions``) — quoting the words and suggesting a concrete rewrite in the
document's language.

The verdict is the engine's; the wording is this layer's (``rules/wording/``): a quote ends at
the end of its phrase ("the appropriate name and contact details", not "the appropriate"), and
the example fits the sentence — an action for the step's topic instead of a manner word, a
count of what is counted instead of a vague quantity.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import ClassVar

from stdlint.diagnostics import Diagnostic
from stdlint.i18n import Text, quote
from stdlint.parse.document import Document
from stdlint.parse.prose import Sentence
from stdlint.rules.base import Context, DocumentRule
from stdlint.rules.wording.counts import count_example
from stdlint.rules.wording.data import Wording, wording
from stdlint.rules.wording.phrases import quote_end
from stdlint.rules.wording.topics import manner_example
from stdlint.text.analysis import Flag, SentenceFacts
from stdlint.text.lexicon import Lexicon, word_infos
from stdlint.text.morph import WordInfo
from stdlint.text.tokens import tokenize


def commitment_sentences(doc: Document) -> Iterator[Sentence]:
    """Every sentence that instructs staff: all the body's text but the title, Why and Examples."""
    return doc.instructions()


class Fit(Enum):
    """How a rule's example is chosen."""

    TERM = "term"  # the lexicon entry's rewrite, or the rule's default
    TOPIC = "topic"  # an action for what the step is about; the quote runs to its phrase's end
    COUNT = "count"  # a bound on what is counted; the quote takes in the counted noun


class VaguenessRule(DocumentRule):
    """A rule that reports the language engine's verdicts of one kind."""

    kind: ClassVar[str]
    message: ClassVar[Text]
    suggestion: ClassVar[Text]
    # Used when the lexicon entry offers no rewrite of its own.
    default_example: ClassVar[Text] = Text(en="", ru="")
    fit: ClassVar[Fit] = Fit.TERM
    # Further kinds this rule reports, each with its own message and suggestion.
    also: ClassVar[dict[str, tuple[Text, Text]]] = {}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per vague term of this rule's kind."""
        # The wording data is built at the first finding: a clean standard, or one with no
        # prose, never pays for it (nor, with no prose at all, for the dictionaries).
        fitting: tuple[Wording, Lexicon, tuple[WordInfo, ...]] | None = None
        for sentence in commitment_sentences(doc):
            facts = ctx.language.facts(sentence.text, doc.lang)
            for flag in facts.flags:
                if flag.kind == self.kind:
                    message, suggestion = self.message, self.suggestion
                elif flag.kind in self.also:
                    message, suggestion = self.also[flag.kind]
                else:
                    continue
                if fitting is None:
                    title = _title_words(doc) if self.fit is Fit.TOPIC else ()
                    fitting = wording(doc.lang), ctx.language.lexicon(doc.lang), title
                end, example = self._wording(doc, facts, flag, *fitting)
                words = sentence.text[flag.start : end]
                span = sentence.prose.span(sentence.start + flag.start, sentence.start + end)
                yield self.report(
                    doc,
                    span,
                    message,
                    suggestion,
                    words,
                    words=quote(doc.lang, words),
                    example=quote(doc.lang, example),
                )

    def _wording(
        self,
        doc: Document,
        facts: SentenceFacts,
        flag: Flag,
        data: Wording,
        lexicon: Lexicon,
        title: tuple[WordInfo, ...],
    ) -> tuple[int, str]:
        """Where the quote of ``flag`` ends (an offset into the sentence), and the example."""
        example = flag.term.suggest or self.default_example.render(doc.lang)
        first, last = word_range(facts, flag.start, flag.end)
        if self.fit is Fit.TOPIC:
            last = quote_end(facts, last, data.phrases)
            example = flag.term.suggest or manner_example(facts, first, last, title, data)
            return facts.words[last].end, example
        if self.fit is Fit.COUNT:
            count = count_example(facts, last, example, data, lexicon)
            if count is not None:
                return facts.words[count.last].end, count.example
        return flag.end, example


def word_range(facts: SentenceFacts, start: int, end: int) -> tuple[int, int]:
    """The indexes of the first and the last word of ``facts.text[start:end]``."""
    inside = [i for i, word in enumerate(facts.words) if word.end > start and word.start < end]
    return inside[0], inside[-1]


def _title_words(doc: Document) -> tuple[WordInfo, ...]:
    """The standard's title, analysed: a step with no topic of its own takes the title's."""
    meta = doc.meta
    title = meta.title if meta is not None else doc.title.text if doc.title else ""
    return tuple(word_infos(tokenize(title), doc.lang))

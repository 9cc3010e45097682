"""The shared shape of the concreteness and measurability rules.

Each of them reports one kind of verdict of the language engine (see ``text/analysis.py``) in
the text that instructs staff — the introduction above the first section, Rule, Exceptions,
How we check and free-form sections; not Why or Examples, which explain and illustrate (see
``Document.instructions``) — quoting the words and suggesting a concrete rewrite in the
document's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from stdlint.diagnostics import Diagnostic
from stdlint.i18n import Text, quote
from stdlint.parse.document import Document
from stdlint.parse.prose import Sentence
from stdlint.rules.base import Context, DocumentRule


def commitment_sentences(doc: Document) -> Iterator[Sentence]:
    """Every sentence that instructs staff: all the body's text but the title, Why and Examples."""
    return doc.instructions()


class VaguenessRule(DocumentRule):
    """A rule that reports the language engine's verdicts of one kind."""

    kind: ClassVar[str]
    message: ClassVar[Text]
    suggestion: ClassVar[Text]
    # Used when the lexicon entry offers no rewrite of its own.
    default_example: ClassVar[Text] = Text(en="", ru="")
    # Further kinds this rule reports, each with its own message and suggestion.
    also: ClassVar[dict[str, tuple[Text, Text]]] = {}

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per vague term of this rule's kind."""
        for sentence in commitment_sentences(doc):
            facts = ctx.language.facts(sentence.text, doc.lang)
            for flag in facts.flags:
                if flag.kind == self.kind:
                    message, suggestion = self.message, self.suggestion
                elif flag.kind in self.also:
                    message, suggestion = self.also[flag.kind]
                else:
                    continue
                words = sentence.text[flag.start : flag.end]
                span = sentence.prose.span(sentence.start + flag.start, sentence.start + flag.end)
                example = flag.term.suggest or self.default_example.render(doc.lang)
                yield self.report(
                    doc,
                    span,
                    message,
                    suggestion,
                    words,
                    words=quote(doc.lang, words),
                    example=quote(doc.lang, example),
                )

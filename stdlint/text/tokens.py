"""Tokens of a sentence: words, numbers, clock times and punctuation, with their offsets."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

WORD, NUMBER, CLOCK, PUNCT = "word", "number", "clock", "punct"

# No nested quantifiers: every branch consumes what it matches once, so a 100 KB line is linear.
_TOKEN = re.compile(
    r"(?P<clock>\d{1,2}:\d{2})(?!\d)"
    r"|(?P<number>\d+(?:[.,]\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:[-'’][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token and where it stands in the sentence."""

    text: str
    start: int
    end: int
    kind: str

    @property
    def lower(self) -> str:
        """The token in lower case, with ё read as е (Russian texts write both)."""
        return self.text.lower().replace("ё", "е")

    @property
    def value(self) -> float | None:
        """The number a NUMBER token writes (``2,5`` and ``2.5`` alike)."""
        if self.kind != NUMBER:
            return None
        return float(self.text.replace(",", "."))


# Several rules read each sentence of a document: it is split once. The sentences of one
# document are far fewer than this; the language engine keeps the tokens of the 4,096
# sentences it analysed last with their facts (stdlint.text.analysis), so this cache serves
# the rest (titles, channel names, units), and a larger one only held those sentences' tokens
# again (4,096 here: 2.3 MiB more at 10,000 standards, in no less time). The words of the
# tokens kept are kept once each (interned): the same few thousand words make up most of them.
@lru_cache(maxsize=512)
def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into tokens (several rules read one sentence: it is split once)."""
    return tuple(
        Token(_intern(match.group()), match.start(), match.end(), match.lastgroup or PUNCT)
        for match in _TOKEN.finditer(text)
    )


_intern = sys.intern


def words(text: str) -> Iterator[re.Match[str]]:
    """The word tokens of ``text`` (a whole paragraph, read once) as they are matched: neither
    made :class:`Token` nor kept, so that they take no place in :func:`tokenize`'s cache of
    sentences. ``match.group()``, ``start()`` and ``end()`` are a word token's text and offsets."""
    return (match for match in _TOKEN.finditer(text) if match.lastgroup == WORD)


def count_words(text: str) -> int:
    """How many words ``text`` has (a whole paragraph, whose tokens are not worth keeping)."""
    return sum(1 for _ in words(text))

"""Tokens of a sentence: words, numbers, clock times and punctuation, with their offsets."""

from __future__ import annotations

import re
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


@lru_cache(maxsize=16384)
def tokenize(text: str) -> tuple[Token, ...]:
    """Split ``text`` into tokens (several rules read one sentence: it is split once)."""
    return tuple(
        Token(match.group(), match.start(), match.end(), match.lastgroup or PUNCT)
        for match in _TOKEN.finditer(text)
    )

"""Sentence splitting for English and Russian prose, with offsets into the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from ruamel.yaml import YAML

# A boundary: terminal punctuation, optional closing quotes or brackets, whitespace, then what
# can start a sentence (a capital, a digit, an opening quote, bracket or dash; group 1).
# Only a whole run of punctuation can be a boundary, so the run is taken from its first
# character and never given back (possessive quantifiers): retrying from every dot of a long
# run of dots rescanned the run each time, and 40 KB of dots took 20 s.
_BOUNDARY = re.compile(r"(?<![.!?…])[.!?…]++[»”\"')\]]*+(?=\s++([«“\"'(\[—–\-\d\w]))")
_DOT_SPACE = re.compile(r"\.\s+")
_WORD_BEFORE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$")


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(inner, final) abbreviations of both languages."""
    text = resources.files("stdlint").joinpath("data/abbreviations.yml").read_text("utf-8")
    data = YAML(typ="safe").load(text)
    inner = frozenset(word for lang in data.values() for word in lang["inner"])
    final = frozenset(word for lang in data.values() for word in lang["final"])
    return inner, final


@cache
def _word_window() -> int:
    """How far back to look for the word before a dot.

    A word longer than any abbreviation is judged the same whether it is read whole or cut to
    this window, and a bounded look keeps a paragraph of many short sentences linear (searching
    from the start of the text for every dot made it quadratic).
    """
    inner, final = _abbreviations()
    return max(len(word) for word in inner | final) + 2


@cache
def _multi_part() -> tuple[str, ...]:
    """The abbreviations with inner dots, longest first."""
    inner, final = _abbreviations()
    return tuple(sorted((a for a in inner | final if "." in a), key=len, reverse=True))


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of each sentence of ``text``, surrounding spaces excluded."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if not _ends_sentence(text, match.start(), match.group(1)):
            continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _ends_sentence(text: str, dot: int, next_char: str) -> bool:
    """Whether the punctuation at ``dot``, followed by ``next_char`` after spaces, ends one."""
    if text[dot] != ".":
        return True
    if next_char.islower():
        return False
    word = _WORD_BEFORE.search(text, max(0, dot - _word_window()), dot)
    if word is None:
        return True
    inner, final = _abbreviations()
    # "т. е." and "e. g." are written with or without spaces: compare without them.
    tail = _DOT_SPACE.sub(".", text[max(0, dot - 12) : dot]).lower()
    for abbreviation in _multi_part():
        if tail.endswith(abbreviation) and not tail[: -len(abbreviation)][-1:].isalpha():
            return abbreviation in final and next_char.isupper()
    before = word.group(1).lower()
    if before in inner:
        return False
    if before in final:
        return next_char.isupper()
    # "A. Smith": a single capital letter is an initial.
    return not (len(before) == 1 and word.group(1).isupper())


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end

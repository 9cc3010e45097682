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


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(inner, final) abbreviations of both languages."""
    text = resources.files("stdlint").joinpath("data/abbreviations.yml").read_text("utf-8")
    data = YAML(typ="safe").load(text)
    inner = frozenset(word for lang in data.values() for word in lang["inner"])
    final = frozenset(word for lang in data.values() for word in lang["final"])
    return inner, final


@cache
def _multi_part() -> tuple[str, ...]:
    """The abbreviations with inner dots, longest first."""
    inner, final = _abbreviations()
    return tuple(sorted((a for a in inner | final if "." in a), key=len, reverse=True))


_PAIRED_QUOTE = re.compile(r"«[^«»]{1,400}»|“[^“”]{1,400}”|\"[^\"\n]{1,400}\"")


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of each sentence of ``text``, surrounding spaces excluded.

    A quotation is part of its sentence: 'Say “Good morning. How can I help?” and smile' is
    one sentence (only quotes that open and close, within 400 characters, are followed).
    """
    quotes = [(found.start(), found.end()) for found in _PAIRED_QUOTE.finditer(text)]
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if any(first < match.start() and end < last for first, last in quotes):
            continue  # inside a quotation
        if match.group(0)[-1:] in '»”"' and match.group(1).islower():
            continue  # «Чем помочь?» и улыбнитесь: the sentence goes on after the quotation
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
    word = _word_before(text, dot)
    if not word:
        return True
    inner, final = _abbreviations()
    # "т. е." and "e. g." are written with or without spaces: compare without them.
    tail = _DOT_SPACE.sub(".", text[max(0, dot - 12) : dot]).lower()
    for abbreviation in _multi_part():
        if tail.endswith(abbreviation) and not tail[: -len(abbreviation)][-1:].isalpha():
            return abbreviation in final and next_char.isupper()
    before = word.lower()
    if before in inner:
        return False
    if before in final:
        return next_char.isupper()
    # "A. Smith": a single capital letter is an initial.
    return not (len(before) == 1 and word.isupper())


def _word_before(text: str, end: int) -> str:
    """The letters just before ``end``, with single dots between them ("e.g", "т.е"), or "".

    A scan back from the dot, where a regular expression anchored at the dot had to be
    searched from the start of the text for every dot: a paragraph of many short sentences
    was quadratic. It never scans past the space after the previous boundary, so the whole
    split stays linear.
    """
    if text[end - 1 : end] == "\n":
        # The regular expression's "$" matched before a final newline too; kept as it was.
        end -= 1
    start = _letters_before(text, end)
    if start == end:
        return ""
    while start > 1 and text[start - 1] == "." and _is_letter(text[start - 2]):
        start = _letters_before(text, start - 1)
    return text[start:end]


def _letters_before(text: str, end: int) -> int:
    start = end
    while start > 0 and _is_letter(text[start - 1]):
        start -= 1
    return start


def _is_letter(char: str) -> bool:
    # The same test as the class [^\W\d_] (checked over every code point).
    return char.isalnum() and not char.isdecimal()


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end

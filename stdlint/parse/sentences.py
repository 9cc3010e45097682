"""Sentence splitting for English and Russian prose, with offsets into the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from ruamel.yaml import YAML

# A boundary: terminal punctuation, optional closing quotes or brackets, whitespace, then what
# can start a sentence (a capital, a digit, an opening quote, bracket or dash).
_BOUNDARY = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s+[«“\"'(\[—–\-\d\w])")
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
def _multi_part(abbreviations: frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted((a for a in abbreviations if "." in a), key=len, reverse=True))


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) offsets of each sentence of ``text``, surrounding spaces excluded."""
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if not _ends_sentence(text, match.start(), end):
            continue
        yield from _trimmed(text, start, end)
        start = end
    yield from _trimmed(text, start, len(text))


def _ends_sentence(text: str, dot: int, end: int) -> bool:
    if text[dot] != ".":
        return True
    next_char = text[end:].lstrip()[:1]
    if next_char.islower():
        return False
    word = _WORD_BEFORE.search(text, 0, dot)
    if word is None:
        return True
    inner, final = _abbreviations()
    # "т. е." and "e. g." are written with or without spaces: compare without them.
    tail = _DOT_SPACE.sub(".", text[max(0, dot - 12) : dot]).lower()
    for abbreviation in _multi_part(inner | final):
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

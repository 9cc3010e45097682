"""A bound that fits what a quantity word counts: things get a count, people a headcount.

The lexicon's example for a quantity word is written for its most common use ("excessive" →
"more than 10 minutes"); when the word counts something else ("Avoid excessive jewellery",
«Не используйте много украшений»), the example keeps the lexicon's bound — a cap, a floor or a
plain count — and counts what the sentence counts: "more than 2 pieces of jewellery",
«более 2 украшений», "at least 3 staff members". Time keeps the lexicon's duration; a noun that
is not counted ("sufficient information", «достаточными знаниями») keeps the lexicon's example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdlint.i18n import Lang
from stdlint.rules.wording.data import PEOPLE, THINGS, TIME, Wording
from stdlint.rules.wording.phrases import Phrase, counted_phrase
from stdlint.text.analysis import SentenceFacts
from stdlint.text.lexicon import Lexicon
from stdlint.text.morph import agree_with_number, analyse_word, plural_noun
from stdlint.text.quantities import TIME_UNITS
from stdlint.text.tokens import WORD, tokenize

_NUMBER = re.compile(r"\d+")
# After a bound («более», «не менее», «до») Russian counts in the genitive plural, whatever the
# number: «более 2 украшений». It is the form that 5 takes.
_GENITIVE_PLURAL = 5


@dataclass(frozen=True, slots=True)
class Count:
    """An example that counts what the sentence counts, and the last word it replaces."""

    example: str
    last: int


@dataclass(frozen=True, slots=True)
class _Counted:
    """What is counted: its kind, a number of its own (or None), its noun and words after it."""

    kind: str
    number: int | None
    noun: str
    tail: str = ""


def count_example(
    facts: SentenceFacts, last: int, example: str, data: Wording, lexicon: Lexicon
) -> Count | None:
    """A bound on what the quantity word ending at word ``last`` counts; None keeps ``example``."""
    found = _NUMBER.search(example)
    phrase = counted_phrase(facts, last, data.phrases)
    if found is None or phrase is None:
        return None
    # The lexicon's example: how it begins (the bound), its number, and what it counts.
    start, unit = example[: found.start()].strip(), example[found.end() :].strip()
    bound = data.counts.bounds.get(start)
    if bound is None or "%" in unit:
        return None  # "longer than 10 minutes", "at most 5 %": a measure no count replaces
    counted = None
    for candidate in _candidates(facts, phrase):
        counted = _counted(facts, candidate, int(found.group()), unit, data, lexicon)
        if counted is not None:
            phrase = candidate
            break
    if counted is None:
        return None
    number = counted.number if counted.number is not None else data.numbers[counted.kind][bound]
    noun = _agree(counted.noun, number, bool(start), facts.lang)
    text = " ".join(part for part in (start, str(number), noun, counted.tail) if part)
    return Count(text, phrase.last)


def _candidates(facts: SentenceFacts, phrase: Phrase) -> list[Phrase]:
    """The phrase, then (English, whose parts of speech are unknown) its shorter beginnings:
    in "sufficient staff available" the counted noun is "staff", in "tills open" "tills"."""
    if facts.lang is Lang.RU:
        return [phrase]
    return [Phrase(phrase.first, head, head) for head in range(phrase.head, phrase.first - 1, -1)]


def _counted(
    facts: SentenceFacts, phrase: Phrase, number: int, unit: str, data: Wording, lexicon: Lexicon
) -> _Counted | None:
    """What ``phrase`` counts, when it is time, people or things that have a plural."""
    counts = data.counts
    info = facts.infos[phrase.head]
    written = facts.text[facts.words[phrase.first].start : facts.words[phrase.last].end]
    if info.lemmas & counts.time:
        if _names_time(unit, lexicon):
            return None  # the lexicon's duration already fits
        if _names_time(facts.words[phrase.head].text, lexicon):
            return _Counted(TIME, number, written)  # "a few days": the sentence's own unit
        return _Counted(TIME, None, counts.time_unit)
    counted_as = next(
        (counts.counted_as[lemma] for lemma in sorted(info.lemmas) if lemma in counts.counted_as),
        None,
    )
    if counted_as is not None:
        return _Counted(counted_as.kind, None, counted_as.noun, counted_as.tail)
    if info.lemmas & counts.people:
        return _Counted(PEOPLE, None, written)
    plural = plural_noun(facts.words[phrase.head].lower, facts.lang)
    if plural and not info.lemmas & counts.uncounted:
        return _Counted(THINGS, None, written)
    return None


def _agree(noun: str, number: int, bounded: bool, lang: Lang) -> str:
    """``noun`` in the form that follows ``number`` (Russian: after a bound, genitive plural)."""
    if lang is Lang.RU and bounded:
        return agree_with_number(noun, _GENITIVE_PLURAL, lang)
    return agree_with_number(noun, number, lang)


def _names_time(text: str, lexicon: Lexicon) -> bool:
    """``text`` names a unit of time ("minutes", «рабочих часов», "days")."""
    return any(
        lexicon.units.get(lemma) in TIME_UNITS
        for token in tokenize(text)
        if token.kind == WORD
        for lemma in analyse_word(token.lower, lexicon.lang).lemmas
    )

"""Where a quoted phrase ends: at the end of the noun phrase its last word belongs to.

An exhortation runs from its verb to the quality ("provide you with the appropriate"); quoted
as it stands, the noun is cut off. These helpers find the rest of the phrase in the words the
language engine already split and analysed (``SentenceFacts.words`` and ``infos``) and stop at
punctuation, a conjunction that does not join two nouns, a preposition or a verb.

Russian uses the part of speech of each word's most likely reading (``WordInfo.pos``); English,
which has no parts of speech here, reads the closed word classes of ``examples.yml``: a word
that is none of them is taken as part of the phrase, at most two in a row.
"""

from __future__ import annotations

from dataclasses import dataclass

from stdlint.i18n import Lang
from stdlint.rules.wording.data import PhraseWords
from stdlint.text.analysis import SentenceFacts

_ATTRIBUTES = frozenset({"ADJF", "PRTF"})  # «надлежащий», «оказанный»
_NOMINAL = _ATTRIBUTES | {"NOUN"}
_PREDICATIVE = frozenset({"ADJS", "PRTS"})  # «вежлив», «одет»
_QUANTIFIERS = frozenset({"ADVB", "NUMR"})  # «много», «несколько»
_VERBAL = frozenset({"VERB", "INFN", "ADJS", "PRTS", "GRND"})
_POSSESSIVE = frozenset({"", "'", "’"})
_RUSSIAN_REACH = 3  # adjectives before the noun
_ENGLISH_REACH = 2  # words of a noun phrase: "contact details", "name badge"


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase after a word: its words ``first``..``last`` and the noun that is counted."""

    first: int
    last: int
    head: int


def quote_end(facts: SentenceFacts, last: int, words: PhraseWords) -> int:
    """The last word of the phrase that the word at ``last`` (the end of a quote) belongs to."""
    if facts.lang is Lang.RU:
        end = _russian_end(facts, last, words)
    else:
        end = _english_end(facts, last, words)
    return _coordinated(facts, end, words)


def counted_phrase(facts: SentenceFacts, last: int, words: PhraseWords) -> Phrase | None:
    """The noun phrase that a quantity word at ``last`` counts («много украшений»), if any."""
    if facts.lang is Lang.RU:
        pos = facts.infos[last].pos
        if pos in _QUANTIFIERS:  # «много украшений», but not «максимально удобным»
            if not _next_is(facts, last, {"NOUN"}):
                return None
            return _measured(facts, _word(last + 1), words)
        if pos == "NOUN":
            measured = _measured(facts, _word(last), words)
            return measured if measured.head != last else None
        return _russian_phrase(facts, last, words)
    if _english_adverb(facts, last, words):
        return None
    if facts.infos[last].lemmas & words.measures:
        measured = _measured(facts, _word(last), words)
        return measured if measured.head != last else None
    return _english_phrase(facts, last, words)


def joined(facts: SentenceFacts, left: int, right: int) -> bool:
    """Nothing but spaces (or a possessive "guests' needs") stands between two words."""
    words = facts.words
    if right >= len(words):
        return False
    return facts.text[words[left].end : words[right].start].strip() in _POSSESSIVE


def _word(index: int) -> Phrase:
    return Phrase(index, index, index)


def _next_in(facts: SentenceFacts, index: int, forms: frozenset[str]) -> bool:
    return joined(facts, index, index + 1) and facts.words[index + 1].lower in forms


def _next_is(facts: SentenceFacts, index: int, parts: set[str] | frozenset[str]) -> bool:
    return joined(facts, index, index + 1) and facts.infos[index + 1].pos in parts


def _russian_end(facts: SentenceFacts, last: int, words: PhraseWords) -> int:
    pos = facts.infos[last].pos
    if pos == "ADVB":  # «тщательно причёсан», «аккуратно уложенные волосы»
        if _next_is(facts, last, _PREDICATIVE):
            return last + 1
        if _next_is(facts, last, {"PRTF"}):
            phrase = _russian_phrase(facts, last, words)
            return phrase.last if phrase else last
        return last
    if pos in _ATTRIBUTES:
        phrase = _russian_phrase(facts, last, words)
        return phrase.last if phrase else last
    if pos == "NOUN":
        return _measured(facts, _word(last), words).last
    return last


def _russian_phrase(facts: SentenceFacts, last: int, words: PhraseWords) -> Phrase | None:
    """Adjectives and then the noun they describe, right after ``last``."""
    index = last
    while index - last < _RUSSIAN_REACH and _next_is(facts, index, _ATTRIBUTES):
        index += 1
    if _next_is(facts, index, {"NOUN"}):
        return _measured(facts, Phrase(last + 1, index + 1, index + 1), words)
    # «контактные данные.»: an adjective used as a noun, at the end of the clause.
    if index > last and not joined(facts, index, index + 1):
        return Phrase(last + 1, index, index)
    return None


def _english_adverb(facts: SentenceFacts, index: int, words: PhraseWords) -> bool:
    word = facts.words[index].lower
    return (
        len(word) > 4
        and word.endswith("ly")
        and word not in words.not_adverbs
        and not word.endswith("friendly")
    )


def _english_open(facts: SentenceFacts, index: int, words: PhraseWords) -> bool:
    """A word that may continue a noun phrase: not a closed-class word, not an adverb."""
    return (
        index < len(facts.words)
        and facts.words[index].lower not in words.function_words
        and not _english_adverb(facts, index, words)
    )


def _english_end(facts: SentenceFacts, last: int, words: PhraseWords) -> int:
    word = facts.words[last].lower
    if _english_adverb(facts, last, words):
        # "appropriately dressed", "suitably qualified": the participle completes the phrase.
        after = last + 1
        if joined(facts, last, after) and facts.words[after].lower.endswith("ed"):
            return after if _english_open(facts, after, words) else last
        return last
    if word in words.function_words and word not in words.of:
        return last  # "aim to", "strive for": the verb or noun after it is another phrase
    phrase = _english_phrase(facts, last, words)
    if phrase is not None:
        return phrase.last
    if facts.infos[last].lemmas & words.measures:
        return _measured(facts, _word(last), words).last
    return last


def _english_phrase(facts: SentenceFacts, last: int, words: PhraseWords) -> Phrase | None:
    """Up to two words that continue a noun phrase after ``last`` ("name badge")."""
    opened = last
    if facts.words[last].lower in words.of:  # "of every customer issue", "of our products"
        while _next_in(facts, opened, words.determiners):
            opened += 1
    index = _english_run(facts, opened, words)
    if index == opened:
        return None
    return _measured(facts, Phrase(opened + 1, index, index), words)


def _measured(facts: SentenceFacts, phrase: Phrase, words: PhraseWords) -> Phrase:
    """After a measure ("number of tills", «количество касс»), the phrase of what is measured."""
    head = phrase.head
    if not facts.infos[head].lemmas & words.measures:
        return phrase
    if facts.lang is Lang.RU:
        after = _russian_phrase(facts, head, words)
        return after if after is not None else phrase
    of = head + 1
    if joined(facts, head, of) and facts.words[of].lower in words.of:
        after = _english_phrase(facts, of, words)
        if after is not None:
            return after
    return phrase


def _coordinated(facts: SentenceFacts, last: int, words: PhraseWords) -> int:
    """ "dignity and respect.", «с уважением и состраданием»: a second noun joined by "and"."""
    conjunction = last + 1
    if not joined(facts, last, conjunction):
        return last
    if facts.words[conjunction].lower not in words.conjunctions:
        return last
    if facts.lang is Lang.RU:
        return _russian_conjunct(facts, last, conjunction, words)
    return _english_conjunct(facts, last, conjunction, words)


def _russian_conjunct(facts: SentenceFacts, last: int, conjunction: int, words: PhraseWords) -> int:
    pos = facts.infos[last].pos
    if pos in _PREDICATIVE:  # «быть внимателен и вежлив»
        end = conjunction + 1 if _next_is(facts, conjunction, _PREDICATIVE) else last
    elif pos not in _NOMINAL:
        return last
    elif _next_is(facts, conjunction, {"NOUN"}):
        end = _measured(facts, _word(conjunction + 1), words).last
    else:
        phrase = _russian_phrase(facts, conjunction, words)
        end = phrase.last if phrase is not None else last
    # The conjunct ends a phrase: «с уважением и состраданием.», «… и внимание к пациентам»;
    # not «ценностью и каждый гражданин имеет»: a new clause with its own verb.
    if end != last and _next_is(facts, end, _VERBAL):
        return last
    return end


def _english_run(facts: SentenceFacts, start: int, words: PhraseWords) -> int:
    """The last of up to two words after ``start`` that go on the noun phrase."""
    index = start
    while (
        index - start < _ENGLISH_REACH
        and joined(facts, index, index + 1)
        and _english_open(facts, index + 1, words)
    ):
        index += 1
    return index


def _english_conjunct(facts: SentenceFacts, last: int, conjunction: int, words: PhraseWords) -> int:
    if not _english_open(facts, last, words):
        return last
    # Only a short conjunct that ends the clause: "name and contact details." — after "be
    # polite and answer …" the words go on, and "answer" may be a verb.
    index = _english_run(facts, conjunction, words)
    if index == conjunction or joined(facts, index, index + 1):
        return last
    return index

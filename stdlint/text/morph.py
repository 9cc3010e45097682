"""Lemmas and grammar of words: pymorphy3 for Russian, simplemma for English.

This is the only module that imports either library. Each is loaded lazily, once per process,
and every distinct word is analysed once: repeated words cost a dict lookup, and the words a
check analysed are kept in its cache for the next (:func:`known_words`, :func:`learn`).
Lexicon matching uses every reading of a word (``lemmas``: «стали» is both стать and сталь),
grammar checks use the most likely reading (``best``).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from stdlint.i18n import Lang


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the morphology knows of one word form."""

    form: str  # the word as written, lower case
    lemmas: frozenset[str]  # the form itself and the lemma of every plausible reading
    best: str  # the lemma of the most likely reading
    pos: str | None  # part of speech of the most likely reading (Russian only)
    imperative: bool  # some reading is an imperative (Russian only)
    number: bool  # some reading is a numeral (Russian only)
    # The edges of a lexicon's trie this word can follow: its lemmas and its exact form (see
    # ``lexicon.Matcher``); made once per word rather than at every match.
    keys: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", (*self.lemmas, "=" + self.form))


@cache
def _russian() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _english() -> Any:
    """simplemma's lemmatiser for English, this module's own, so that :func:`release` can let
    it go. Its dictionary is read in place rather than built as a dict (4 MB instead of 21; a
    lookup is slower, but each distinct word is looked up once, see ``_KNOWN``), and it keeps
    no cache of words of its own for the same reason (simplemma's module-level ``lemmatize``
    kept both to the end of the process: 1.9 MB at 10,000 standards)."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy
    from simplemma.strategies.dictionaries import StreamDictionaryFactory

    strategy = DefaultStrategy(dictionary_factory=StreamDictionaryFactory())
    return Lemmatizer(cache_max_size=0, lemmatization_strategy=strategy)


# Every word analysed in this process, by language: a check's cache keeps them (as plain rows,
# see :func:`known_words`), so the next check that judges a file knows its words without
# loading a dictionary (0.4 s for English, 0.15 s for Russian).
_KNOWN: dict[Lang, dict[str, WordInfo]] = {Lang.EN: {}, Lang.RU: {}}

# A word as a cache keeps it: its form, lemmas (sorted), best lemma, part of speech, and
# whether some reading is an imperative and a numeral.
WordRow = tuple[str, tuple[str, ...], str, str | None, bool, bool]


# Words learnt from an earlier process (:func:`learn`) and not asked for yet, as plain rows: a
# file judged after an edit asks for a few hundred of the tens of thousands a cache keeps.
_LEARNT: dict[Lang, dict[str, WordRow]] = {Lang.EN: {}, Lang.RU: {}}


def known_words(lang: Lang) -> list[WordRow]:
    """The words of ``lang`` analysed so far in this process, as plain rows."""
    rows = [
        (
            str(info.form),
            tuple(sorted(str(lemma) for lemma in info.lemmas)),
            str(info.best),
            None if info.pos is None else str(info.pos),  # pymorphy's is a str of its own
            bool(info.imperative),
            bool(info.number),
        )
        for info in _KNOWN[lang].values()
    ]
    return [*rows, *_LEARNT[lang].values()]


def known_count(lang: Lang) -> int:
    """How many words of ``lang`` :func:`known_words` would give (without making the rows)."""
    return len(_KNOWN[lang]) + len(_LEARNT[lang])


def learn(lang: Lang, rows: list[WordRow]) -> None:
    """Take ``rows`` (of :func:`known_words`, from an earlier process) as analysed words of
    ``lang``; a word analysed already keeps its analysis. Each is made a :class:`WordInfo`
    when first asked for."""
    known, learnt = _KNOWN[lang], _LEARNT[lang]
    for row in rows:
        if row[0] not in known:
            learnt[row[0]] = row


def forget() -> None:
    """Let go of every word analysed or learnt so far (at 10,000 standards, 8,600 words and
    5.6 MB); a word asked for again is analysed again, the same."""
    for lang in Lang:
        _KNOWN[lang].clear()
        _LEARNT[lang].clear()


def _known(word: str, lang: Lang) -> WordInfo | None:
    """The analysis of ``word`` made or learnt in this process, if any."""
    info = _KNOWN[lang].get(word)
    if info is None:
        row = _LEARNT[lang].pop(word, None)
        if row is not None:
            form, lemmas, best, pos, imperative, number = row
            info = WordInfo(form, frozenset(lemmas), best, pos, imperative, number)
            _KNOWN[lang][word] = info
    return info


def _russian_word(word: str) -> WordInfo:
    info = _known(word, Lang.RU)
    if info is None:
        info = _KNOWN[Lang.RU][word] = _analyse_russian(word)
    return info


def _analyse_russian(word: str) -> WordInfo:
    parses = _russian().parse(word)
    best = parses[0]
    # Readings below 5 % are noise for matching («стали» as сталь), and one- or two-letter words
    # are prepositions and conjunctions whose rare readings («к» as «как») only mislead.
    plausible = [best] if len(word) <= 2 else [p for p in parses if p.score >= 0.05] or [best]
    lemmas = frozenset({word, *(parse.normal_form.replace("ё", "е") for parse in plausible)})
    return WordInfo(
        form=word,
        lemmas=lemmas,
        best=best.normal_form.replace("ё", "е"),
        pos=best.tag.POS,
        # «Позвоните» is both "you will call" and "call!": a step reads it as the imperative.
        imperative=any("impr" in parse.tag for parse in parses),
        number=any(parse.tag.POS == "NUMR" for parse in parses),
    )


def _english_word(word: str) -> WordInfo:
    info = _known(word, Lang.EN)
    if info is None:
        info = _KNOWN[Lang.EN][word] = _analyse_english(word)
    return info


def _analyse_english(word: str) -> WordInfo:
    # Published text writes "can’t", "we’ll": the lemmatiser knows the straight apostrophe.
    lemma = _english().lemmatize(word.replace("’", "'"), "en").lower()
    return WordInfo(word, frozenset({word, lemma}), lemma, None, False, False)


@cache
def genitive_noun(word: str) -> bool:
    """Is the Russian word form most likely a noun, or its adjective, in the genitive?

    «при необходимости проверки», «… дополнительной проверки»: the need is named.
    """
    tag = _russian().parse(word)[0].tag
    return tag.POS in ("NOUN", "ADJF") and tag.case == "gent"


def analyse_word(word: str, lang: Lang) -> WordInfo:
    """The analysis of a lower-case word form in ``lang``."""
    return _russian_word(word) if lang is Lang.RU else _english_word(word)


@cache
def _russian_plural(word: str) -> bool:
    nouns = [parse for parse in _russian().parse(word) if parse.tag.POS == "NOUN"]
    return bool(nouns) and nouns[0].tag.number == "plur"


def plural_noun(word: str, lang: Lang) -> bool:
    """Whether a lower-case word form reads as a plural noun ("tills", «касс», «украшения»).

    Russian: the most likely noun reading is plural («улучшения» is read as the genitive
    singular). English: the form is not its own lemma ("tills" → till; "staff" stays "staff").
    """
    if lang is Lang.RU:
        return _russian_plural(word)
    return _english_word(word).best != word


@cache
def _russian_many(word: str) -> bool:
    nouns = [parse for parse in _russian().parse(word) if parse.tag.POS == "NOUN"]
    return bool(nouns) and nouns[0].tag.number == "plur" and "Pltm" not in nouns[0].tag


def counts_many(word: str, lang: Lang) -> bool:
    """Whether a plural form means more than one of its kind ("minutes", «минут»).

    «Суток» is plural in form only: «в течение суток» is one day.
    """
    return _russian_many(word) if lang is Lang.RU else plural_noun(word, lang)


def release() -> None:
    """Let the dictionaries go (the Russian one about 20 MB, the English one 4); the words
    analysed so far stay known, and a word not seen yet loads its dictionary again (0.15 s)."""
    _english.cache_clear()
    if _russian.cache_info().currsize:
        _russian.cache_clear()
        gc.collect()  # the analyser's parts refer to one another: only the collector frees them


def load(lang: Lang) -> None:
    """Load the dictionaries of ``lang`` now (benchmarks measure this one-off cost)."""
    analyse_word("тест" if lang is Lang.RU else "test", lang)


@cache
def agree_with_number(words: str, number: float, lang: Lang) -> str:
    """``words`` (a unit such as «рабочие часы», "minutes") in the form that follows ``number``.

    Russian: «20 секунды» → «20 секунд», «2 рабочих часа»; a fractional number takes the
    genitive singular («1,5 часа»). English: "1 minutes" → "1 minute". Words the dictionary
    does not know are left as they are.
    """
    if lang is Lang.EN:
        if number == 1 and words.endswith("s") and not words.endswith("ss"):
            return words[:-1]
        return words
    count = int(number) if float(number).is_integer() else 2  # fractions agree like 2: «часа»
    one = count % 10 == 1 and count % 100 != 11
    morph = _russian()
    words_list = words.split(" ")
    parsed = [morph.parse(word) for word in words_list]
    # The unit is its last word, a noun («рабочие часы»: час, not the watch «часы»); the words
    # before it are adjectives where they can be («рабочие»: working, not workers).
    last = sorted((p for p in parsed[-1] if p.tag.POS == "NOUN"), key=lambda p: "Pltm" in p.tag)
    if not last:
        return words
    head = last[0].normalized
    nouns = [None] * (len(parsed) - 1) + [last[0]]
    agreed = []
    for word, parses, noun in zip(words_list, parsed, nouns, strict=True):
        adjective = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF")), None)
        form = None
        if noun is not None:
            form = noun.normalized.make_agree_with_number(count)
        elif adjective is not None:
            wanted = {"nomn", "sing", head.tag.gender} if one else {"gent", "plur"}
            form = adjective.inflect({tag for tag in wanted if tag})
        agreed.append(_same_case(word, form.word) if form is not None else word)
    return " ".join(agreed)


def _same_case(original: str, form: str) -> str:
    return form.capitalize() if original[:1].isupper() else form

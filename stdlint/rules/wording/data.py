"""The examples and word lists that word a finding, read once per language from
``text/lexicons/examples.yml``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from stdlint.i18n import Lang
from stdlint.text import data_files
from stdlint.text.lexicon import Entry, Matcher
from stdlint.text.morph import analyse_word

GENERAL = "general"  # the topic of a step that names none of the others
THINGS, PEOPLE, TIME = "things", "people", "time"
CAP, FLOOR, EXACT = "cap", "floor", "exact"


@dataclass(frozen=True, slots=True)
class PhraseWords:
    """What ends a noun phrase and what continues it, in one language."""

    prepositions: frozenset[str]
    function_words: frozenset[str]  # with the prepositions: every word that ends a phrase
    not_adverbs: frozenset[str]  # "friendly": an adjective in -ly
    conjunctions: frozenset[str]
    of: frozenset[str]  # "a number of tills": the word after a measure
    determiners: frozenset[str]  # may open the phrase after "of": "of every customer issue"
    measures: frozenset[str]  # lemmas of "number", «количество»


@dataclass(frozen=True, slots=True)
class CountedAs:
    """How a noun with no plural of its own is counted: "jewellery" in "pieces of jewellery"."""

    kind: str
    noun: str
    tail: str = ""


@dataclass(frozen=True, slots=True)
class CountWords:
    """What a count is of, and how the lexicon's examples bound it, in one language."""

    bounds: Mapping[str, str]  # how a lexicon example begins → cap, floor or exact
    time_unit: str
    time: frozenset[str]
    people: frozenset[str]
    counted_as: Mapping[str, CountedAs]
    uncounted: frozenset[str]


@dataclass(frozen=True, slots=True)
class Wording:
    """Everything that words a finding in one language."""

    lang: Lang
    topics: Matcher  # each entry's category is its topic
    priorities: Mapping[tuple[str, str], int]  # (topic, term) → its entry's place in the list
    manner: Mapping[str, str]  # a topic → the action to offer instead of a manner word
    phrases: PhraseWords
    counts: CountWords
    numbers: Mapping[str, Mapping[str, int]]  # things/people/time → cap/floor/exact → number


@cache
def _raw() -> dict[str, Any]:
    data: dict[str, Any] = data_files.load("lexicons/examples.yml")
    return data


def _lemmas(words: Any, lang: Lang) -> frozenset[str]:
    return frozenset(analyse_word(str(word).lower(), lang).best for word in words or ())


@cache
def wording(lang: Lang) -> Wording:
    """The wording data of ``lang``, built once per process."""
    raw = _raw()
    entries: list[Entry] = []
    priorities: dict[tuple[str, str], int] = {}
    for place, item in enumerate(raw["topics"]):
        for term in item[lang.value]:
            entries.append(Entry(item["topic"], str(term)))
            priorities.setdefault((item["topic"], str(term)), place)
    phrases = raw["phrases"][lang.value]
    counts = raw["counts"][lang.value]
    return Wording(
        lang=lang,
        topics=Matcher(lang, entries),
        priorities=priorities,
        manner={topic: texts[lang.value] for topic, texts in raw["manner"].items()},
        phrases=PhraseWords(
            prepositions=frozenset(phrases.get("prepositions", ())),
            function_words=frozenset(phrases.get("function_words", ()))
            | frozenset(phrases.get("prepositions", ())),
            not_adverbs=frozenset(phrases.get("not_adverbs", ())),
            conjunctions=frozenset(phrases["conjunctions"]),
            of=frozenset(phrases["of"]),
            determiners=frozenset(phrases["determiners"]),
            measures=_lemmas(phrases["measures"], lang),
        ),
        counts=CountWords(
            bounds={str(start): bound for start, bound in counts["bounds"].items()},
            time_unit=counts["time_unit"],
            time=_lemmas(counts["time"], lang),
            people=_lemmas(counts["people"], lang),
            counted_as={
                analyse_word(str(noun), lang).best: CountedAs(**spec)
                for noun, spec in counts["counted_as"].items()
            },
            uncounted=_lemmas(counts["uncounted"], lang),
        ),
        numbers=raw["counts"]["numbers"],
    )

"""Lexicons: vague terms, escape clauses, units and bound phrases, matched by lemma sequence.

The terms live in ``lexicons/<lang>.yml`` (data, not code); a company adds and allows its own
in ``handbook.yml``. A term is a phrase of words, each matched by lemma, so «в кратчайшие сроки»
also finds «в кратчайший срок». Inside a term, ``*`` stands for any one word and ``...`` for up
to three ("do * best" finds "do our best"; "make ... effort" finds "make every reasonable
effort"), and ``=word`` matches that exact form only («если =нужно» is not «если нужного»).
All terms of a language are compiled into one trie keyed by lemma and matched in a
single pass over the sentence: the cost grows with the text, not with the number of terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from stdlint.i18n import Lang
from stdlint.text import data_files
from stdlint.text.morph import WordInfo, analyse_word
from stdlint.text.tokens import WORD, tokenize

ANY_WORD, GAP = "*", "..."
MAX_GAP = 3

# Categories of terms (keys of ``terms:`` in the lexicon files).
QUALITY, SPEED, FREQUENCY, QUANTITY = "quality", "speed", "frequency", "quantity"
ESCAPE, HEDGE, EXHORTATION, ASPIRATION = "escape", "hedge", "exhortation", "aspiration"
ACTION = "action"  # "take measures": vague unless the sentence names a bound
REFERENCE = "reference"  # "as the law requires": the rule lives elsewhere, unless a number is here
BOUND, ALLOWED, DEFINER = "bound", "allowed", "definer"
# Open time and caps (top-level keys of the lexicon files, read by ``text/open_time.py``).
TIME_DEPENDS, TIME_EXTENSION, HARD_CAP = "time_depends", "time_extension", "hard_caps"
_OPEN_TIME_KEYS = (TIME_DEPENDS, TIME_EXTENSION, HARD_CAP)


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon term."""

    category: str
    term: str
    suggest: str | None = None
    # The term does not count when the next word is one of these ("immediately after").
    unless_next: frozenset[str] = frozenset()
    # Russian: the term does not count before a genitive («при необходимости проверки» names
    # the need; «при необходимости» alone leaves it to someone's judgement).
    unless_genitive: bool = False
    # The term does not count in a sentence with a word of one of these lemmas: "clearly" is
    # checkable when something is displayed, marked or labelled.
    unless_with: frozenset[str] = frozenset()


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    any_word: _Node | None = None
    gap: _Node | None = None
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Match:
    """A term found in a sequence of words: ``words[first:last]`` (word indexes)."""

    entry: Entry
    first: int
    last: int


class Matcher:
    """A trie of terms, matched against the lemma sets of a word sequence."""

    def __init__(self, lang: Lang, entries: Iterable[Entry]) -> None:
        self.lang = lang
        self._root = _Node()
        # Where each entry stands in the lexicon: of two terms on the same words, the one written
        # first wins. Matching meets them in the order of a word's lemmas, a set whose order
        # changes from run to run, so the choice must not depend on the order they are met in.
        self._rank: dict[Entry, int] = {}
        for entry in entries:
            self._rank.setdefault(entry, len(self._rank))
            self._add(entry)
        # Most words start no term: those whose lemmas and form lead nowhere from the root are
        # passed over without a walk (unless a term starts with a wildcard).
        root = self._root
        self._any_start = bool(root.entries) or root.gap is not None or root.any_word is not None
        self._first_keys = frozenset(root.children)

    def _add(self, entry: Entry) -> None:
        nodes = [self._root]
        for word in entry.term.split():
            following: list[_Node] = []
            for node in nodes:
                if word == ANY_WORD:
                    node.any_word = node.any_word or _Node()
                    following.append(node.any_word)
                elif word == GAP:
                    node.gap = node.gap or _Node()
                    following.append(node.gap)
                elif word.startswith("=") and len(word) > 1:
                    key = word.lower().replace("ё", "е")
                    following.append(node.children.setdefault(key, _Node()))
                else:
                    for lemma in _term_lemmas(word, self.lang):
                        following.append(node.children.setdefault(lemma, _Node()))
            nodes = following
        for node in nodes:
            node.entries.append(entry)

    def find(self, words: Sequence[WordInfo]) -> list[Match]:
        """Every match, longest first at each start; matches inside a longer one are dropped."""
        rank = self._rank
        keys = [word.keys for word in words]
        best: dict[tuple[str, int, int], Entry] = {}
        for first in range(len(words)):
            if not self._any_start and self._first_keys.isdisjoint(keys[first]):
                continue
            for entry, last in self._ends(keys, first):
                # Two forms of one term ("вежливый", "вежливо") may meet on one span: keep one,
                # the one written first.
                key = (entry.category, first, last)
                kept_entry = best.get(key)
                if kept_entry is None or rank[entry] < rank[kept_entry]:
                    best[key] = entry
        found = [Match(entry, first, last) for (_, first, last), entry in best.items()]
        # Longest first at each start; one sweep then drops every match inside a longer one.
        # Of matches on one span, an allowed term wins, then the one with the fewest wildcards
        # ("as soon as possible" is speed, not the quantity "as * as possible"), then the one
        # written first in the lexicon.
        found.sort(
            key=lambda m: (
                m.first,
                -(m.last - m.first),
                m.entry.category != ALLOWED,
                _wildcards(m),
                rank[m.entry],
            )
        )
        kept: list[Match] = []
        reach = -1
        for match in found:
            if match.last > reach:
                kept.append(match)
                reach = match.last
        return kept

    def _ends(self, keys: Sequence[tuple[str, ...]], first: int) -> list[tuple[Entry, int]]:
        """Every term that starts at word ``first``, with the index just after its last word.

        One walk of the trie with a stack of (node, next word): the order the terms come out in
        does not matter, :meth:`find` ranks them.
        """
        ends: list[tuple[Entry, int]] = []
        count = len(keys)
        walks = [(self._root, first)]
        while walks:
            node, index = walks.pop()
            for entry in node.entries:
                ends.append((entry, index))
            if node.gap is not None:
                # Up to MAX_GAP words skipped, then the next term word must match at once: no
                # entry ends in a gap.
                edges = node.gap.children
                for after in range(index, min(index + MAX_GAP + 1, count)):
                    for key in keys[after]:
                        child = edges.get(key)
                        if child is not None:
                            walks.append((child, after + 1))
            if index >= count:
                continue
            if node.any_word is not None:
                walks.append((node.any_word, index + 1))
            edges = node.children
            for key in keys[index]:
                child = edges.get(key)
                if child is not None:
                    walks.append((child, index + 1))
        return ends


def _wildcards(match: Match) -> int:
    return sum(1 for word in match.entry.term.split() if word in (ANY_WORD, GAP))


def _term_lemmas(word: str, lang: Lang) -> frozenset[str]:
    return analyse_word(word.lower().replace("ё", "е"), lang).lemmas


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the language engine knows of one language."""

    lang: Lang
    matcher: Matcher
    numbers: dict[str, float]
    ordinals: dict[str, int]
    units: dict[str, str]  # lemma -> unit name
    unit_values: dict[str, tuple[float, str]]  # one-word quantities: «полчаса» -> (0.5, hour)
    qualifiers: frozenset[str]
    comparators: frozenset[str]
    frequency_words: frozenset[str]
    every_words: frozenset[str]
    weekdays: frozenset[str]
    abbreviations: frozenset[str]
    commitment_starts: frozenset[str]
    exhortation_leads: frozenset[str]
    clause_openers: frozenset[str]
    absolutes: tuple[str, ...]  # terms that make a rule absolute ("always", «никогда»)
    modals: frozenset[str]  # after a step's first word, a commitment: "Calls will …"
    duty_words: frozenset[str]  # a commitment by duty: «должен», «обязан»
    method_markers: frozenset[str] = frozenset()  # "normally by courier": a hedge of method
    target_leads: frozenset[str] = frozenset()  # "aim", «стремиться»: a bound is a target
    time_subjects: frozenset[str] = frozenset()  # "delivery time", «срок»: a sentence of time
    condition_words: frozenset[str] = frozenset()  # "if", «если»: a condition, not a promise
    telling_verbs: frozenset[str] = frozenset()  # "tell you if …": what is told, not a condition
    # "the appropriate officer", «компетентному служащему»: a quality that picks out whom or
    # what (before one of ``selected_nouns``) names the thing, it does not judge the manner.
    selector_qualities: frozenset[str] = frozenset()
    selected_nouns: frozenset[str] = frozenset()
    # "in exceptional circumstances … up to 8 weeks": the exception is bounded by its number.
    exception_words: frozenset[str] = frozenset()
    # "in advance", «заблаговременно»: a speed word that only a duration bounds ("24 hours").
    advance_words: frozenset[str] = frozenset()
    # "several", «несколько» before a unit: "within a few days" names no number.
    vague_counts: frozenset[str] = frozenset()
    # "on average … measured over each calendar month": an average with its period is a metric.
    average_words: frozenset[str] = frozenset()
    # «до начала рабочего дня»: a moment of a unit, not an amount of it.
    moment_words: frozenset[str] = frozenset()
    event_moments: frozenset[str] = frozenset()  # "on receipt", «при получении»: caps nothing
    # "Section 4", «статья 12», «№ 3»: the number after one names a clause, not an amount.
    reference_marks: frozenset[str] = frozenset()
    reference_suffixes: frozenset[str] = frozenset()  # «79-ФЗ»: a law's number, not an amount
    # "approximately 5 weeks": an estimate hedges the time right after it, nothing else.
    estimate_words: frozenset[str] = frozenset()
    # "Throughout the eight week investigation": a period, not how often something happens.
    period_words: frozenset[str] = frozenset()
    # "Within 3 days, depending on load": after a whole bound, these pick a time inside it.
    choice_leads: tuple[str, ...] = ()
    # "as many calls as possible": a share, which only a percentage pins down.
    share_words: frozenset[str] = frozenset()
    # "say", «скажите»: a quotation right after one is words to say (a script).
    speech_verbs: frozenset[str] = frozenset()
    metric_periods: frozenset[str] = frozenset()


@cache
def _raw(lang: Lang) -> dict[str, Any]:
    data: dict[str, Any] = data_files.load(f"lexicons/{lang.value}.yml")
    return data


def lexicon_data(lang: Lang) -> dict[str, Any]:
    """The parsed lexicon file of ``lang`` (read once per process): read it, never change it."""
    return _raw(lang)


def _entries(category: str, items: Iterable[Any]) -> Iterable[Entry]:
    for item in items:
        if isinstance(item, str):
            yield Entry(category, item)
        else:
            yield Entry(
                category,
                item["term"],
                item.get("suggest"),
                frozenset(item.get("unless_next", ())),
                bool(item.get("unless_genitive", False)),
                frozenset(item.get("unless_with", ())),
            )


def build_lexicon(lang: Lang, vague: Sequence[str] = (), allowed: Sequence[str] = ()) -> Lexicon:
    """The built-in lexicon of ``lang`` with a company's additions (built once per process)."""
    return _build(lang, tuple(vague), tuple(allowed))


@cache
def _build(lang: Lang, vague: tuple[str, ...], allowed: tuple[str, ...]) -> Lexicon:
    raw = _raw(lang)
    entries = [
        entry for category, items in raw["terms"].items() for entry in _entries(category, items)
    ]
    for key in _OPEN_TIME_KEYS:
        entries += _entries(key, raw.get(key, ()))
    entries += [Entry(QUALITY, term) for term in vague]
    entries += [Entry(ALLOWED, term) for term in allowed]
    units = {
        lemma: unit
        for unit, words in raw["units"].items()
        for word in words
        for lemma in _term_lemmas(word, lang)
    }
    return Lexicon(
        lang=lang,
        matcher=Matcher(lang, entries),
        numbers={str(word): float(value) for word, value in raw["numbers"].items()},
        ordinals={str(word): int(value) for word, value in raw["ordinals"].items()},
        units=units,
        unit_values={
            str(word): (float(value), str(unit))
            for word, (value, unit) in raw.get("unit_values", {}).items()
        },
        qualifiers=frozenset(raw["qualifiers"]),
        comparators=frozenset(raw["comparators"]),
        frequency_words=frozenset(raw["frequency_words"]),
        every_words=frozenset(raw["every_words"]),
        weekdays=frozenset(raw["weekdays"]),
        abbreviations=frozenset(raw["abbreviations"])
        | frozenset(word for word in allowed if word.isupper()),
        commitment_starts=frozenset(raw["commitment_starts"]),
        exhortation_leads=frozenset(raw["exhortation_leads"]),
        clause_openers=frozenset(raw["clause_openers"]),
        absolutes=tuple(raw["absolutes"]),
        modals=frozenset(raw["modals"]),
        duty_words=frozenset(raw["duty_words"]),
        method_markers=frozenset(raw.get("method_markers", ())),
        target_leads=frozenset(raw.get("target_leads", ())),
        time_subjects=frozenset(raw.get("time_subjects", ())),
        condition_words=frozenset(raw.get("condition_words", ())),
        telling_verbs=frozenset(raw.get("telling_verbs", ())),
        selector_qualities=frozenset(raw.get("selector_qualities", ())),
        selected_nouns=frozenset(raw.get("selected_nouns", ())),
        exception_words=frozenset(raw.get("exception_words", ())),
        advance_words=frozenset(raw.get("advance_words", ())),
        vague_counts=frozenset(raw.get("vague_counts", ())),
        average_words=frozenset(raw.get("average_words", ())),
        moment_words=frozenset(raw.get("moment_words", ())),
        event_moments=frozenset(raw.get("event_moments", ())),
        reference_marks=frozenset(raw.get("reference_marks", ())),
        reference_suffixes=frozenset(raw.get("reference_suffixes", ())),
        estimate_words=frozenset(raw.get("estimate_words", ())),
        period_words=frozenset(raw.get("period_words", ())),
        choice_leads=tuple(raw.get("choice_leads", ())),
        share_words=frozenset(raw.get("share_words", ())),
        speech_verbs=frozenset(raw.get("speech_verbs", ())),
        metric_periods=frozenset(raw.get("metric_periods", ())),
    )


def word_infos(tokens: Sequence[Any], lang: Lang) -> list[WordInfo]:
    """The analysis of every WORD token."""
    return [analyse_word(token.lower, lang) for token in tokens if token.kind == WORD]


def release() -> None:
    """Let go of the lexicons built so far and the data they were built from (each is built
    again when next asked for)."""
    _build.cache_clear()
    _raw.cache_clear()


__all__ = [
    "ACTION",
    "ALLOWED",
    "ASPIRATION",
    "BOUND",
    "DEFINER",
    "ESCAPE",
    "EXHORTATION",
    "FREQUENCY",
    "HARD_CAP",
    "HEDGE",
    "QUALITY",
    "QUANTITY",
    "REFERENCE",
    "SPEED",
    "TIME_DEPENDS",
    "TIME_EXTENSION",
    "Entry",
    "Lexicon",
    "Match",
    "Matcher",
    "build_lexicon",
    "release",
    "tokenize",
    "word_infos",
]

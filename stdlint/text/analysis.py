"""What a sentence says, as far as vagueness goes: its terms, its bounds, and the verdict.

:func:`LanguageEngine.facts` analyses a sentence once (cached by language and text) and
:func:`flags` decides which vague terms count, so every rule reads one consistent verdict:

- an escape clause, a usual-case hedge or an aspiration makes a promise optional: with a bound
  in the sentence it is a hedged bound ("generally within 20 days"), without one an escape;
  but not when a hard cap follows ("and all within 10 days"), when an aspiration states a
  target ("we aim to answer within 20 seconds": only a hint to name the share of cases that
  must meet it, unless it does, "80 % of calls") or the hedge is about the method ("normally by
  courier") — see ``text/open_time.py``, which also finds time left open ("depends on …", an
  extension with no cap);
- a speed word counts only when the sentence has no time bound ("promptly, within 30 minutes"
  is fine), a frequency word only without a frequency (a duration clears it in its own clause
  only), a quantity word only without a number;
- a quality word is vague; after "be", "show", «будьте», «проявляйте» it is an exhortation;
- a general measure ("take steps", «принимает меры») is an exhortation unless a bound names
  what and by when;
- a reference to rules elsewhere ("within the timescales the law sets", «в соответствии с
  требованиями законодательства») is vague unless the sentence itself names a number.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from stdlint.i18n import Lang
from stdlint.text import lexicon as lx
from stdlint.text.channels import ChannelFinder, ChannelMention, CompanyChannels, channel_finder
from stdlint.text.channels import release as release_channel_finders
from stdlint.text.lexicon import Lexicon, build_lexicon
from stdlint.text.morph import WordInfo, analyse_word, genitive_noun
from stdlint.text.open_time import (
    OPEN_CATEGORIES,
    break_between,
    frequency_bounded,
    hedge_counts,
    is_open,
    is_target,
)
from stdlint.text.quantities import (
    DEADLINE,
    DURATION,
    FREQUENCY,
    PERCENT,
    TIME_UNITS,
    Quantity,
    find_quantities,
    opening_hours,
)
from stdlint.text.tokens import NUMBER, WORD, Token, tokenize

VAGUE_QUALITY, ESCAPE, EXHORTATION = "vague-quality", "escape", "exhortation"
VAGUE_SPEED, VAGUE_FREQUENCY, VAGUE_QUANTITY, HEDGED_BOUND = (
    "vague-speed",
    "vague-frequency",
    "vague-quantity",
    "hedged-bound",
)
OPEN_TIME = "open-time"  # "depends on the region", «может быть продлён» (text/open_time.py)
VAGUE_REFERENCE = "vague-reference"  # «в соответствии с законодательством», no number here
TARGET_WITHOUT_SHARE = "target-without-share"  # "we aim to answer within 20 seconds": how often?
_OPTIONAL = (lx.ESCAPE, lx.HEDGE, lx.ASPIRATION)
_LEAD_REACH = 4  # words between "be"/"show" and the quality it exhorts
_SPEECH_REACH = 4  # words from a verb of speech to the quotation it introduces
_SELECTED_REACH = 2  # words from a selecting quality to its noun ("proper Council identification")
_DEFINER_REACH = 60  # characters between a quality and the "such as" that defines it


@dataclass(frozen=True, slots=True)
class Term:
    """A lexicon term found in a sentence; offsets are into the sentence text."""

    category: str
    start: int
    end: int
    text: str
    suggest: str | None
    first_word: int  # index among the sentence's words


@dataclass(frozen=True, slots=True)
class Flag:
    """A verdict: this term makes the sentence vague in this way."""

    kind: str
    term: Term
    start: int  # the span to report (a term, or an exhortation from its verb)
    end: int


@dataclass(frozen=True)
class SentenceFacts:
    """Everything the language engine found in one sentence."""

    lang: Lang
    text: str
    tokens: tuple[Token, ...]
    words: tuple[Token, ...]
    infos: tuple[WordInfo, ...]
    terms: tuple[Term, ...]
    quantities: tuple[Quantity, ...]
    exhortation_leads: frozenset[int]  # word indexes of "be", "show", «будьте» …
    definers: tuple[int, ...]  # offsets of "such as", «например», ":" that define a quality
    lexicon: Lexicon | None = None

    @cached_property
    def flags(self) -> tuple[Flag, ...]:
        """The vague terms that count, and how."""
        return tuple(flags(self))

    @property
    def has_time_bound(self) -> bool:
        """A duration, clock time, deadline, frequency or ring count is named."""
        return any(quantity.is_time for quantity in self.quantities)

    @property
    def has_frequency_bound(self) -> bool:
        """A frequency (or a period it repeats in) is named."""
        return any(q.kind in (FREQUENCY, DURATION, DEADLINE) for q in self.quantities)

    def term_words(self, term: Term) -> range:
        """The indexes of the words of ``term``."""
        end = term.first_word
        while end < len(self.words) and self.words[end].start < term.end:
            end += 1
        return range(term.first_word, end)

    def term_has(self, term: Term, lemmas: frozenset[str]) -> bool:
        """Some word of ``term`` has one of ``lemmas`` ("on average": average)."""
        return any(self.infos[index].lemmas & lemmas for index in self.term_words(term))

    @cached_property
    def has_script(self) -> bool:
        """Words to say: two words or more in quotation marks after a verb of speech or a colon.

        'Say “Good morning, how can I help?”' is a script; «избегать "параллельных разговоров"»
        only quotes a term.
        """
        lexicon = self.lexicon
        if lexicon is None:
            return False
        for start, end in quoted_ranges(self.text):
            if len(self.text[start:end].split()) < 2:
                continue
            if self.text[:start].rstrip().endswith(":"):
                return True
            before = [i for i, word in enumerate(self.words) if word.end <= start][-_SPEECH_REACH:]
            if any(self.infos[i].lemmas & lexicon.speech_verbs for i in before):
                return True
        return False

    @property
    def has_number(self) -> bool:
        """Some quantity is named."""
        return bool(self.quantities)

    @property
    def has_amount(self) -> bool:
        """A number with a unit or a count is named ("3 agents", "90 %", "5 minutes")."""
        return any(quantity.value is not None for quantity in self.quantities)

    @cached_property
    def word_count(self) -> int:
        """How many words (numbers included) the sentence has (counted once: the facts of a
        sentence are kept for every standard that writes it)."""
        return sum(1 for token in self.tokens if token.kind != "punct")


def flags(facts: SentenceFacts) -> list[Flag]:
    """The verdict on each term of ``facts`` (see the module docstring)."""
    found: list[Flag] = []
    for term in facts.terms:
        category = term.category
        if category == lx.HEDGE and _estimate_of_other(facts, term):
            continue  # "approximately 10 steps away", «сколько примерно продлится»: no promise
        if category in _OPTIONAL:
            if facts.has_number:
                if hedge_counts(facts, term):  # not a target, a capped hedge, a hedge of method
                    found.append(Flag(HEDGED_BOUND, term, term.start, term.end))
                elif is_target(facts, term) and not any(
                    q.kind == PERCENT for q in facts.quantities
                ):
                    found.append(Flag(TARGET_WITHOUT_SHARE, term, term.start, term.end))
            elif category == lx.ASPIRATION:
                found.append(Flag(EXHORTATION, term, term.start, term.end))
            else:
                found.append(Flag(ESCAPE, term, term.start, term.end))
        elif category == lx.EXHORTATION or (
            # "Take measures": only a number in its own clause says what and by when.
            category == lx.ACTION
            and all(break_between(facts, term, q.start, q.end) for q in facts.quantities)
        ):
            if category == lx.ACTION and _defined(facts, term):
                continue  # «необходимые условия (ручка и бланк)»: the measures are listed
            found.append(Flag(EXHORTATION, term, term.start, term.end))
        elif category == lx.QUALITY:
            if _defined(facts, term):
                continue  # "an appropriate ID, such as a passport": the quality is defined
            if _selects(facts, term):
                continue  # "the appropriate officer": which one, not how
            if facts.has_script:
                continue  # 'say “Good morning” in a friendly manner': the script pins it down
            lead = _lead_before(facts, term)
            if lead is not None:
                start = facts.words[lead].start
                if found and found[-1].kind == EXHORTATION and found[-1].start == start:
                    # "Be friendly and professional": one exhortation, not one per quality.
                    found[-1] = Flag(EXHORTATION, found[-1].term, start, term.end)
                else:
                    found.append(Flag(EXHORTATION, term, start, term.end))
            else:
                found.append(Flag(VAGUE_QUALITY, term, term.start, term.end))
        elif category == lx.SPEED and not _speed_bounded(facts, term):
            found.append(Flag(VAGUE_SPEED, term, term.start, term.end))
        elif category == lx.FREQUENCY and not frequency_bounded(facts, term):
            found.append(Flag(VAGUE_FREQUENCY, term, term.start, term.end))
        elif category == lx.QUANTITY and not _amount_for(facts, term):
            found.append(Flag(VAGUE_QUANTITY, term, term.start, term.end))
        elif category == lx.REFERENCE and not _bounds_here(facts):
            found.append(Flag(VAGUE_REFERENCE, term, term.start, term.end))
        elif category in OPEN_CATEGORIES and is_open(facts, term):
            found.append(Flag(OPEN_TIME, term, term.start, term.end))
    return _merge_overlaps(found)


def _merge_overlaps(found: list[Flag]) -> list[Flag]:
    """Two terms of one kind over the same words («в сроки, установленные законодательством»
    matches two phrasings) are one finding, spanning both."""
    merged: list[Flag] = []
    spans = [(flag.start, flag.end) for flag in found if flag.kind != OPEN_TIME]
    for flag in sorted(found, key=lambda flag: (flag.start, flag.end)):
        if flag.kind == OPEN_TIME and any(s < flag.end and flag.start < e for s, e in spans):
            continue  # "as soon as we can": the speed word says it already
        previous = merged[-1] if merged else None
        if previous is not None and previous.kind == flag.kind and flag.start < previous.end:
            merged[-1] = Flag(
                previous.kind, previous.term, previous.start, max(previous.end, flag.end)
            )
        else:
            merged.append(flag)
    return merged


def _defined(facts: SentenceFacts, term: Term) -> bool:
    """A definer ("such as", «например», a colon or a bracket) follows the term closely."""
    return any(term.end <= offset <= term.end + _DEFINER_REACH for offset in facts.definers)


def _speed_bounded(facts: SentenceFacts, term: Term) -> bool:
    """A time bound clears a speed word; "in advance", «заблаговременно» need a duration.

    "Arrive well before the start of the shift" names when, not how long before.
    """
    lexicon = facts.lexicon
    if lexicon is not None and facts.term_has(term, lexicon.advance_words):
        return any(q.kind == DURATION and q.value is not None for q in facts.quantities)
    # "We deal with complaints promptly and acknowledge them within 5 days": the bound belongs
    # to its own clause; a hard cap ("and in any case within 30 minutes") bounds the speed.
    hours = opening_hours(facts.quantities, facts.text)
    return any(
        q.is_time and q not in hours and not break_between(facts, term, q.start, q.end)
        for q in facts.quantities
    ) or any(t.category == lx.HARD_CAP for t in facts.terms)


def _bounds_here(facts: SentenceFacts) -> bool:
    """Some quantity other than opening hours ("with 9:00 to 18:00") is named."""
    hours = opening_hours(facts.quantities, facts.text)
    return any(quantity not in hours for quantity in facts.quantities)


def _estimate_of_other(facts: SentenceFacts, term: Term) -> bool:
    """An estimate word ("approximately", «примерно») hedges only the time right after it."""
    lexicon = facts.lexicon
    if lexicon is None or not facts.term_has(term, lexicon.estimate_words):
        return False
    return not any(q.is_time and 0 <= q.start - term.end <= 2 for q in facts.quantities)


def _amount_for(facts: SentenceFacts, term: Term) -> bool:
    """A number clears a quantity word; a share word ("as many calls as possible") needs a share."""
    lexicon = facts.lexicon
    if lexicon is not None and facts.term_has(term, lexicon.share_words):
        return any(q.kind == PERCENT for q in facts.quantities)
    end = facts.term_words(term).stop
    following = facts.infos[end : end + 1]
    if lexicon is not None and any(
        lexicon.units.get(lemma) in TIME_UNITS for info in following for lemma in info.lemmas
    ):
        return False  # "from 3 days to several weeks": the upper end names no number
    return facts.has_amount


def _selects(facts: SentenceFacts, term: Term) -> bool:
    """A one-word quality that picks out a person or thing right after it ("proper ID")."""
    lexicon = facts.lexicon
    index = term.first_word
    if lexicon is None or facts.words[index].end != term.end:
        return False
    if not facts.infos[index].lemmas & lexicon.selector_qualities:
        return False
    following = facts.infos[index + 1 : index + 1 + _SELECTED_REACH]
    return any(info.lemmas & lexicon.selected_nouns for info in following)


def _lead_before(facts: SentenceFacts, term: Term) -> int | None:
    for index in range(max(0, term.first_word - _LEAD_REACH), term.first_word):
        if index in facts.exhortation_leads:
            return index
    return None


FACTS_KEPT = 4096  # sentences whose analysis is kept, the most recently asked


class LanguageEngine:
    """Lexicons of both languages (with the company's additions) and a cache of analyses."""

    def __init__(
        self,
        additions: Mapping[Lang, tuple[Sequence[str], Sequence[str]]] | None = None,
        channels: CompanyChannels = (),
    ) -> None:
        self._additions = additions or {}
        self._channels = channels
        self._lexicons: dict[Lang, Lexicon] = {}
        # Bounded, so that memory does not grow with the text of the handbook: the rules of one
        # document ask about its sentences again and again, rarely about another document's.
        self._facts: OrderedDict[tuple[Lang, str], SentenceFacts] = OrderedDict()
        self._mentions: OrderedDict[tuple[Lang, str], tuple[ChannelMention, ...]] = OrderedDict()

    def forget(self) -> None:
        """Drop the analyses kept of sentences (the lexicons stay): once the documents are
        judged, the handbook-wide step and the output have the memory they took."""
        self._facts.clear()
        self._mentions.clear()

    def release(self) -> None:
        """:meth:`forget`, and let go of the lexicons and the channel finders too, this
        engine's and every one built in this process (3.4 MB): once the documents of a large
        check are judged, none of stdlint's handbook-wide rules asks for them. Whatever does
        has them built again."""
        self.forget()
        self._lexicons.clear()
        lx.release()
        release_channel_finders()

    def lexicon(self, lang: Lang) -> Lexicon:
        """The lexicon of ``lang``, built on first use."""
        if lang not in self._lexicons:
            vague, allowed = self._additions.get(lang, ((), ()))
            self._lexicons[lang] = build_lexicon(lang, vague, allowed)
        return self._lexicons[lang]

    def channels(self, lang: Lang) -> ChannelFinder:
        """The channel finder of ``lang``: built-in channel words and the company's channels."""
        return channel_finder(lang, self._channels)

    def channel_mentions(self, text: str, lang: Lang) -> list[ChannelMention]:
        """Every channel named in ``text``, quoted or not, and which company channel offers it."""
        key = (lang, text)
        found = self._mentions.get(key)
        if found is None:
            facts = self.facts(text, lang)
            found = self._mentions[key] = tuple(self.channels(lang).find(facts.tokens, facts.infos))
            if len(self._mentions) > FACTS_KEPT:
                self._mentions.popitem(last=False)
        else:
            self._mentions.move_to_end(key)
        return list(found)

    def facts(self, text: str, lang: Lang) -> SentenceFacts:
        """The analysis of one sentence (computed once per distinct sentence)."""
        key = (lang, text)
        cached = self._facts.get(key)
        if cached is None:
            cached = self._facts[key] = self._analyse(text, lang)
            if len(self._facts) > FACTS_KEPT:
                self._facts.popitem(last=False)
        else:
            self._facts.move_to_end(key)
        return cached

    def _analyse(self, text: str, lang: Lang) -> SentenceFacts:
        lexicon = self.lexicon(lang)
        tokens = tokenize(text)
        words = [token for token in tokens if token.kind == WORD]
        infos = [analyse_word(word.lower, lang) for word in words]
        token_infos = _align(tokens, infos)
        terms, bounds, definers = _terms(words, infos, lexicon, text)
        # A colon spells out what comes before it («тщательно проверьте паспорт: сверьте фото»);
        # a bracket defines only the word right before it ("neat (ironed shirt, name badge)"),
        # further on it explains something else («резкого запаха духов (туалетной воды)»).
        definers += [
            token.start
            for index, token in enumerate(tokens)
            if token.text == ":"
            or (token.text == "(" and any(0 <= token.start - t.end <= 1 for t in terms))
            or (token.text == "(" and _actions_follow(token_infos, index))
            or (token.text in _DASHES and _number_follows(tokens, token_infos, index))
        ]
        # A bound phrase ("next working day") already covers the units inside it.
        parsed = [
            q
            for q in find_quantities(tokens, token_infos, lexicon)
            if not any(b.start <= q.start and q.end <= b.end for b in bounds)
        ]
        quantities = sorted([*parsed, *bounds], key=lambda q: q.start)
        leads = frozenset(
            index
            for index, (word, info) in enumerate(zip(words, infos, strict=True))
            if word.lower in lexicon.exhortation_leads or info.best in lexicon.exhortation_leads
        )
        return SentenceFacts(
            lang,
            text,
            tuple(tokens),
            tuple(words),
            tuple(infos),
            tuple(terms),
            tuple(quantities),
            leads,
            tuple(sorted(definers)),
            lexicon,
        )


_DASHES = frozenset({"-", "–", "—"})
_ACTION_POS = frozenset({"INFN", "VERB", "PRTS"})
_DEFINING_REACH = 3  # tokens after a bracket or a dash that show what it defines


def _actions_follow(infos: Sequence[WordInfo | None], index: int) -> bool:
    """A bracket that lists actions («следить за чистотой (убирать посуду)») defines the step."""
    following = infos[index + 1 : index + 1 + _DEFINING_REACH]
    return any(info is not None and info.pos in _ACTION_POS for info in following)


def _number_follows(tokens: Sequence[Token], infos: Sequence[WordInfo | None], index: int) -> bool:
    """A dash before a number («оптимальный объём — 3–5 предложений») gives the measure."""
    window = slice(index + 1, index + 1 + _DEFINING_REACH)
    return any(
        token.kind == NUMBER or (info is not None and info.number)
        for token, info in zip(tokens[window], infos[window], strict=True)
    )


def _align(tokens: Sequence[Token], infos: Sequence[WordInfo]) -> list[WordInfo | None]:
    aligned: list[WordInfo | None] = []
    word_infos = iter(infos)
    for token in tokens:
        aligned.append(next(word_infos) if token.kind == WORD else None)
    return aligned


_QUOTES = {"«": "»", "“": "”", "„": "“", '"': '"'}
_SINGLE_QUOTES = {"‘": "’", "'": "'"}  # also apostrophes: "don’t", "customer's"
_QUOTE_CHARS = re.compile("[«“„\"‘']")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Spans of text in quotation marks: a script to say («скажите „Спасибо“») is not a promise.

    Single quotes ("say ‘Good morning’") open only after a space or a bracket and close only
    before a non-letter, so an apostrophe ("don’t") neither opens nor closes a quote.
    """
    ranges: list[tuple[int, int]] = []
    after = 0  # the end of the last quote: quote marks inside it are its own
    for found in _QUOTE_CHARS.finditer(text):
        index = found.start()
        if index < after:
            continue
        char = found.group()
        end = -1
        if char in _QUOTES:
            end = text.find(_QUOTES[char], index + 1)
        elif index == 0 or not text[index - 1].isalnum():
            end = _single_quote_end(text, index + 1, _SINGLE_QUOTES[char])
        if end > index:
            ranges.append((index, end + 1))
            after = end + 1
    return ranges


def _single_quote_end(text: str, start: int, closing: str) -> int:
    end = text.find(closing, start)
    while end != -1 and end + 1 < len(text) and text[end + 1].isalpha():
        end = text.find(closing, end + 1)  # "don’t": an apostrophe inside the quote
    return end


def _script_after_colon(
    words: Sequence[Token], infos: Sequence[WordInfo], lexicon: Lexicon, text: str
) -> list[tuple[int, int]]:
    """ "Say: Good morning, how may I help you?" — the words after "say:" are a script too."""
    if ":" not in text:
        return []
    for index, word in enumerate(words[:-1]):
        if text[word.end : word.end + 1] == ":" and infos[index].lemmas & lexicon.speech_verbs:
            return [(word.end, len(text))]
    return []


def _in_a_name(words: Sequence[Token], first: int, last: int) -> bool:
    """ "the Quick Pay service": capitalised mid-sentence and followed by a capital is a name."""
    return (
        first > 0
        and words[first].text[:1].isupper()
        and last < len(words)
        and words[last].text[:1].isupper()
    )


def _terms(
    words: Sequence[Token], infos: Sequence[WordInfo], lexicon: Lexicon, text: str
) -> tuple[list[Term], list[Quantity], list[int]]:
    matches = lexicon.matcher.find(infos)
    allowed = [(m.first, m.last) for m in matches if m.entry.category == lx.ALLOWED]
    quoted = quoted_ranges(text) + _script_after_colon(words, infos, lexicon, text)
    terms: list[Term] = []
    bounds: list[Quantity] = []
    definers: list[int] = []
    for match in matches:
        entry = match.entry
        start, end = words[match.first].start, words[match.last - 1].end
        if entry.category == lx.BOUND:
            bounds.append(Quantity(DEADLINE, None, None, start, end))
            continue
        if entry.category == lx.DEFINER:
            definers.append(start)
            continue
        if entry.category == lx.ALLOWED:
            continue
        if any(first <= match.first and match.last <= last for first, last in allowed):
            continue
        if any(first <= start and end <= last for first, last in quoted):
            continue
        if _in_a_name(words, match.first, match.last):
            continue
        if (
            entry.unless_genitive
            and match.last < len(words)
            and genitive_noun(words[match.last].lower)
        ):
            continue
        if match.last < len(words) and (
            words[match.last].lower in entry.unless_next
            or infos[match.last].lemmas & entry.unless_next
        ):
            continue
        if entry.unless_with and any(info.lemmas & entry.unless_with for info in infos):
            continue
        terms.append(Term(entry.category, start, end, text[start:end], entry.suggest, match.first))
    return terms, bounds, definers

"""Quantities in a sentence: the bounds that make a promise measurable.

Finds numbers written as digits or words (inflected Russian numerals included: «двух»,
«пятнадцати», «полутора»), ranges ("30–60 minutes"), units (seconds to years, working days,
rings, percent, times), clock times ("by 18:00"), frequencies ("every Monday", "twice a week",
«ежедневно», «раз в месяц») and units bound without a number ("within the hour", «в течение
суток»). Phrases such as "next working day" come from the lexicon's ``bound`` terms.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from stdlint.text.lexicon import Lexicon
from stdlint.text.morph import WordInfo, counts_many
from stdlint.text.tokens import CLOCK, NUMBER, PUNCT, WORD, Token

DURATION, CLOCK_TIME, FREQUENCY, DEADLINE = "duration", "clock", "frequency", "deadline"
PERCENT, COUNT, ORDINAL = "percent", "count", "ordinal"
TIME_UNITS = frozenset(
    {"second", "minute", "hour", "day", "week", "month", "quarter", "year", "shift"}
)
_RANGE_MARKS = frozenset({"-", "–", "—", "to", "до", "or", "или", "and", "и"})
_AM_PM = frozenset({"am", "pm", "a.m", "p.m"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A bound found in a sentence; offsets are into the sentence text."""

    kind: str
    value: float | None
    unit: str | None
    start: int
    end: int

    @property
    def is_time(self) -> bool:
        """A bound on time: a duration, a clock time, a deadline, a frequency, an ordinal ring."""
        return self.kind in (DURATION, CLOCK_TIME, DEADLINE, FREQUENCY) or (
            self.kind == ORDINAL and self.unit == "ring"
        )


class _Reader:
    """One pass over the tokens of a sentence."""

    def __init__(
        self, tokens: Sequence[Token], infos: Sequence[WordInfo | None], lexicon: Lexicon
    ) -> None:
        self.tokens = tokens
        self.infos = infos
        self.lexicon = lexicon

    def lemmas(self, index: int) -> frozenset[str]:
        info = self.infos[index] if 0 <= index < len(self.infos) else None
        return info.lemmas if info else frozenset()

    def number_at(self, index: int) -> float | None:
        token = self.tokens[index]
        if token.kind == NUMBER:
            return token.value
        if token.kind != WORD:
            return None
        for lemma in self.lemmas(index):
            if lemma in self.lexicon.numbers:
                return self.lexicon.numbers[lemma]
        return None

    def unit_at(self, index: int) -> str | None:
        token = self.tokens[index]
        if token.text == "%":
            return "percent"
        if token.kind != WORD:
            return None
        units = self.lexicon.units
        return next((units[lemma] for lemma in self.lemmas(index) if lemma in units), None)

    def unit_after(self, index: int, reach: int = 3) -> tuple[str, int] | None:
        """The unit within ``reach`` tokens after ``index``, skipping qualifiers ("working")."""
        for step in range(index + 1, min(index + 1 + reach, len(self.tokens))):
            unit = self.unit_at(step)
            if unit is not None:
                return unit, step
            token = self.tokens[step]
            if token.lower not in self.lexicon.qualifiers and not (
                self.lemmas(step) & self.lexicon.qualifiers
            ):
                return None
        return None

    def comparator_before(self, index: int, reach: int = 3) -> bool:
        for step in range(max(0, index - reach), index):
            token = self.tokens[step]
            if token.kind == WORD and (
                token.lower in self.lexicon.comparators
                or self.lemmas(step) & self.lexicon.comparators
            ):
                return True
        return False


def find_quantities(
    tokens: Sequence[Token], infos: Sequence[WordInfo | None], lexicon: Lexicon
) -> list[Quantity]:
    """Every bound in the sentence, in order."""
    reader = _Reader(tokens, infos, lexicon)
    found: list[Quantity] = []
    index = 0
    while index < len(tokens):
        quantity, index = _read(reader, index)
        if quantity is not None:
            found.append(quantity)
    return found


def _read(reader: _Reader, index: int) -> tuple[Quantity | None, int]:
    tokens, lexicon = reader.tokens, reader.lexicon
    token = tokens[index]
    if token.kind == CLOCK:
        return Quantity(CLOCK_TIME, None, None, token.start, token.end), index + 1
    lower = token.lower
    lemmas = reader.lemmas(index)
    if token.kind == WORD and (
        lower in lexicon.frequency_words or lemmas & lexicon.frequency_words
    ):
        per = _per_unit(reader, index)
        if per is not None:  # "twice a week", «раз в месяц»: up to the unit
            return Quantity(FREQUENCY, None, None, token.start, tokens[per].end), per + 1
        if lower not in ("once", "twice", "дважды", "трижды", "раз"):
            return Quantity(FREQUENCY, None, None, token.start, token.end), index + 1
    if token.kind == WORD and (lower in lexicon.every_words or lemmas & lexicon.every_words):
        target = _every_target(reader, index)
        if target is not None:
            unit = None if reader.unit_at(target) in TIME_UNITS else "weekday"
            return Quantity(FREQUENCY, None, unit, token.start, tokens[target].end), target + 1
    if token.kind == WORD and (lower in lexicon.weekdays or lemmas & lexicon.weekdays):
        return Quantity(FREQUENCY, None, "weekday", token.start, token.end), index + 1
    if token.kind == WORD and lower in lexicon.unit_values:
        amount, unit_name = lexicon.unit_values[lower]
        return Quantity(DURATION, amount, unit_name, token.start, token.end), index + 1
    ordinal = next((lexicon.ordinals[lemma] for lemma in lemmas if lemma in lexicon.ordinals), None)
    if ordinal is not None and token.kind == WORD:
        after = reader.unit_after(index, reach=2)
        if after is not None and after[0] not in TIME_UNITS - {"shift"}:
            unit_name, unit_index = after
            end = tokens[unit_index].end
            return Quantity(ORDINAL, ordinal, unit_name, token.start, end), unit_index + 1
    value = reader.number_at(index)
    if value is not None:
        return _number(reader, index, value)
    unit = reader.unit_at(index)
    # "by second class post": a word that is also an ordinal is not a bare unit, and neither is
    # a one-letter abbreviation («отзыв с оценкой»).
    if (
        unit in TIME_UNITS
        and ordinal is None
        and len(token.text) > 1
        and reader.comparator_before(index)
        and not _no_amount(reader, index)
    ):
        return Quantity(DURATION, 1.0, unit, token.start, token.end), index + 1
    return None, index + 1


def _no_amount(reader: _Reader, index: int) -> bool:
    """«за несколько минут», «до начала рабочего дня», "within minutes": a unit with no amount
    of it."""
    lexicon = reader.lexicon
    if index > 0 and reader.lemmas(index - 1) & lexicon.vague_counts:
        return True  # "within a few days" names no number
    if counts_many(reader.tokens[index].lower, lexicon.lang):
        return True  # a plural with no number before it: "within minutes", «в течение минут»
    # «до начала рабочего дня», "by the end of the day": a moment of the day, not one day.
    before = range(max(0, index - 2), index)
    return any(reader.lemmas(step) & lexicon.moment_words for step in before)


def _number(reader: _Reader, index: int, value: float) -> tuple[Quantity | None, int]:
    tokens = reader.tokens
    token = tokens[index]
    end_index = index
    # A range: "30–60 minutes", «от 2 до 4 часов»; the upper end is the bound.
    if index + 2 < len(tokens) and tokens[index + 1].lower in _RANGE_MARKS:
        upper = reader.number_at(index + 2)
        if upper is not None and tokens[index + 2].kind == token.kind:
            value, end_index = upper, index + 2
    if (
        token.kind == NUMBER
        and end_index + 1 < len(tokens)
        and tokens[end_index + 1].lower in _AM_PM
    ) or (end_index > index and _is_hhmm(token) and _is_hhmm(tokens[end_index])):
        # "5 pm"; "between 0830 and 1700" (24-hour times written without a colon)
        return Quantity(
            CLOCK_TIME, value, None, token.start, tokens[end_index + 1].end
        ), end_index + 2
    after = reader.unit_after(end_index)
    if after is not None:
        unit, unit_index = after
        kind = PERCENT if unit == "percent" else (COUNT if unit == "time" else DURATION)
        if unit == "ring":
            kind = ORDINAL
        per = _per_unit(reader, unit_index) if unit == "time" else None
        if per is not None:  # "3 times a week"
            return Quantity(FREQUENCY, value, None, token.start, tokens[per].end), per + 1
        return Quantity(kind, value, unit, token.start, tokens[unit_index].end), unit_index + 1
    info = reader.infos[index]
    if token.kind == NUMBER or (info is not None and info.number):
        # A bare number: a count ("3 attempts", "10 calls") is still a bound on quantity.
        if token.kind == WORD and token.lower in ("a", "an"):
            return None, index + 1
        if _is_reference(reader, index):  # "clause 4.2", «статья 12», «№ 79-ФЗ», a date
            return None, end_index + 1
        return Quantity(COUNT, value, None, token.start, tokens[end_index].end), end_index + 1
    return None, index + 1


def _is_reference(reader: _Reader, index: int) -> bool:
    """A number that names a clause, a law or a day, not an amount.

    "Section 4", «пунктом 3.2», «статьи 12», «№ 79-ФЗ», «от 27.07.2004»: the number points
    elsewhere, so it bounds nothing in the sentence.
    """
    tokens, lexicon = reader.tokens, reader.lexicon
    before = index - 1
    if before >= 0 and tokens[before].text == ".":
        before -= 1  # «п. 3.2», "cl. 4"
    if before >= 0 and (
        tokens[before].lower in lexicon.reference_marks
        or reader.lemmas(before) & lexicon.reference_marks
    ):
        return True
    following = tokens[index + 1 : index + 3]
    if (
        len(following) == 2
        and following[0].text in "-–"
        and following[1].lower in lexicon.reference_suffixes
    ):
        return True  # «79-ФЗ»
    # A date: «27.07.2004», "01.03.2025" — a day and month, then the year.
    text = tokens[index].text
    return (
        len(following) == 2
        and following[0].text == "."
        and len(following[1].text) == 4
        and following[1].text.isdigit()
        and len(text) == 5
        and text[2] == "."
    ) or (
        len(text) == 4
        and text.isdigit()
        and index >= 2
        and tokens[index - 1].text == "."
        and len(tokens[index - 2].text) == 5
    )


def _is_hhmm(token: Token) -> bool:
    text = token.text
    return (
        token.kind == NUMBER
        and len(text) == 4
        and text.isdigit()
        and int(text[:2]) < 24
        and int(text[2:]) < 60
    )


def _per_unit(reader: _Reader, index: int) -> int | None:
    """The index of the unit of "a week", "per month", «в неделю» right after ``index``."""
    for step in range(index + 1, min(index + 4, len(reader.tokens))):
        unit = reader.unit_at(step)
        if unit in TIME_UNITS:
            return step
        if reader.tokens[step].kind == PUNCT:
            return None
    return None


def _every_target(reader: _Reader, index: int) -> int | None:
    """The unit or weekday after "every"/«каждый», possibly with a number: "every 2 hours"."""
    lexicon = reader.lexicon
    for step in range(index + 1, min(index + 4, len(reader.tokens))):
        token = reader.tokens[step]
        # A one-letter unit («с», "h") counts only after its number: «по согласованию с …».
        short = len(token.text) == 1 and reader.number_at(step - 1) is None
        if (
            (reader.unit_at(step) in TIME_UNITS and not short)
            or token.lower in lexicon.weekdays
            or reader.lemmas(step) & lexicon.weekdays
        ):
            return step
        if token.kind == PUNCT:
            return None
    return None


_HOURS_GAP = 6  # characters between the ends of a range: " to ", " – ", « до »
_HOURS_MARKS = frozenset({"to", "-", "–", "—", "до", "по", "till", "until"})


def opening_hours(quantities: Sequence[Quantity], text: str) -> list[Quantity]:
    """ "(8am to 6pm, Monday to Friday)", «с 9:00 до 21:00»: two clock times or two weekdays in
    a row are opening hours, not a bound."""
    hours = []
    for one, other in itertools.pairwise(quantities):
        if (
            _is_schedule(one)
            and _is_schedule(other)
            and 0 < other.start - one.end <= _HOURS_GAP
            and _range_mark(text[one.end : other.end])
        ):
            hours += [one, other]
    return hours


def _range_mark(between: str) -> bool:
    """ " to ", « до », or a frequency read from its own «по» («с понедельника по пятницу»)."""
    words = between.lower().split()
    return bool(words) and words[0] in _HOURS_MARKS


def _is_schedule(quantity: Quantity) -> bool:
    return quantity.kind == CLOCK_TIME or quantity.unit == "weekday"

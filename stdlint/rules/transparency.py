"""TRN: transparency — any newcomer understands the standard at first reading."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.i18n import Lang, Text, plural, quote
from stdlint.parse.document import Document
from stdlint.parse.models import Strict
from stdlint.parse.sections import SectionId
from stdlint.rules.base import Context, DocumentRule
from stdlint.text.analysis import SentenceFacts
from stdlint.text.lexicon import Lexicon
from stdlint.text.tokens import words

MAX_WORDS = 30
_WORDS_RU = ("слово", "слова", "слов")
_ROMAN = re.compile(r"^[IVXLC]+$")


class LongSentence(DocumentRule):
    """A sentence too long to follow at first reading.

    ## What it does
    Flags a sentence of more than 30 words (numbers count as words; the limit is an option) in
    any section but Examples.

    ## Why it matters
    Transparency: staff read standards on a phone, between customers. A long sentence hides
    its conditions; a numbered list or two sentences show them.

    ## Example
    ```markdown
    ---
    id: refund
    title: Refunds
    lang: en
    status: active
    ---

    ## Rule

    1. When a customer asks for a refund for an item bought in the last 30 days and brings the receipt or the card they paid with, check the item, refund the full price to the card they paid with and give them a printed refund slip.

    ## Why

    A refund without questions brings the customer back.

    ## How we check

    The store manager checks 10 refund slips every Monday.
    ```
    ```markdown title="refund.ru.md"
    ---
    id: refund
    title: Возврат денег
    lang: ru
    status: active
    ---

    ## Правило

    1. Если покупатель просит вернуть деньги за товар, купленный в последние 30 дней, и приносит чек или карту, которой платил, осмотрите товар, верните полную стоимость на эту карту и выдайте напечатанный чек возврата.

    ## Зачем

    Покупатель, которому вернули деньги без вопросов, возвращается в магазин.

    ## Как проверяем

    Директор магазина каждый понедельник проверяет 10 чеков возврата.
    ```

    ## Use instead
    ```markdown
    ---
    id: refund
    title: Refunds
    lang: en
    status: active
    ---

    ## Rule

    1. Accept a refund request for an item bought in the last 30 days.
    2. Ask for the receipt or the card the customer paid with.
    3. Refund the full price to that card and give a printed refund slip.

    ## Why

    A refund without questions brings the customer back.

    ## How we check

    The store manager checks 10 refund slips every Monday.
    ```
    ```markdown title="refund.ru.md"
    ---
    id: refund
    title: Возврат денег
    lang: ru
    status: active
    ---

    ## Правило

    1. Примите просьбу о возврате денег за товар, купленный в последние 30 дней.
    2. Попросите чек или карту, которой платил покупатель.
    3. Верните полную стоимость на эту карту и выдайте напечатанный чек возврата.

    ## Зачем

    Покупатель, которому вернули деньги без вопросов, возвращается в магазин.

    ## Как проверяем

    Директор магазина каждый понедельник проверяет 10 чеков возврата.
    ```

    ## Options
    `rules: {TRN001: {max_words: 25}}` in `handbook.yml` sets the limit (at least 5).
    """

    code, name = "TRN001", "long-sentence"
    criterion, default_severity = Criterion.TRANSPARENCY, Severity.WARNING

    class Options(Strict):
        """TRN001's options."""

        max_words: int = Field(MAX_WORDS, ge=5, description="Most words a sentence may have.")

    options: Options

    _message = Text(
        en="the sentence has {count}; more than {limit} are hard to follow",
        ru="в предложении {count}; больше {limit} трудно воспринять",
    )
    _suggestion = Text(
        en="split it into shorter sentences or a numbered list",
        ru="разбейте его на короткие предложения или нумерованный список",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per overlong sentence."""
        for section in doc.sections:
            if section.id is SectionId.EXAMPLES:
                continue
            for prose in section.prose:
                for sentence in prose.sentences():
                    count = ctx.language.facts(sentence.text, doc.lang).word_count
                    if count > self.options.max_words:
                        yield self.report(
                            doc,
                            sentence.span,
                            self._message,
                            self._suggestion,
                            count=plural(doc.lang, count, ("word", "words"), _WORDS_RU),
                            limit=self.options.max_words,
                        )


class UndefinedAbbreviation(DocumentRule):
    """An abbreviation used before it is spelled out.

    ## What it does
    Flags the first use of a word in capitals (CSAT, FCR, SLA, «ЛК», «НПС») that is not spelled
    out there — "customer satisfaction (CSAT)" or "CSAT (customer satisfaction)" — nor earlier
    in the standard. Abbreviations everyone knows (SMS, PIN, ID, «ФИО», «ИНН») and the
    company's allowed words are not flagged.

    ## Why it matters
    Transparency: a newcomer on their first shift does not know the team's jargon, and the
    customer hears it from them.

    ## Example
    ```markdown title="handover.en.md"
    ---
    id: chat-handover
    title: Handing over a chat
    lang: en
    status: active
    ---

    ## Rule

    1. Hand the chat to the second line if the CES is below 3.

    ## Why

    A customer who struggles leaves for a competitor.

    ## How we check

    The shift supervisor reads 10 handed-over chats every Monday.
    ```
    ```markdown title="handover.ru.md"
    ---
    id: chat-handover
    title: Передача чата
    lang: ru
    status: active
    ---

    ## Правило

    1. Передайте чат на вторую линию, если КРС ниже 3.

    ## Зачем

    Клиент с низкой оценкой уходит к конкуренту.

    ## Как проверяем

    Руководитель смены каждый понедельник просматривает 10 переданных чатов.
    ```

    ## Use instead
    ```markdown title="handover.en.md"
    ---
    id: chat-handover
    title: Handing over a chat
    lang: en
    status: active
    ---

    ## Rule

    1. Hand the chat to the second line if the customer effort score (CES) is below 3.

    ## Why

    A customer who struggles leaves for a competitor.

    ## How we check

    The shift supervisor reads 10 handed-over chats every Monday.
    ```
    ```markdown title="handover.ru.md"
    ---
    id: chat-handover
    title: Передача чата
    lang: ru
    status: active
    ---

    ## Правило

    1. Передайте чат на вторую линию, если клиент поставил оценку разговора (КРС) ниже 3.

    ## Зачем

    Клиент с низкой оценкой уходит к конкуренту.

    ## Как проверяем

    Руководитель смены каждый понедельник просматривает 10 переданных чатов.
    ```

    ## Options
    Add the company's common abbreviations to `lexicon: {ru: {allowed: [...]}}` in
    `handbook.yml`.
    """

    code, name = "TRN002", "undefined-abbreviation"
    criterion, default_severity = Criterion.TRANSPARENCY, Severity.WARNING
    _message = Text(
        en="the abbreviation {word} is not spelled out", ru="сокращение {word} не расшифровано"
    )
    _suggestion = Text(
        en="at its first use write the full words and the abbreviation in brackets: “customer "
        "satisfaction ({bare})”",
        ru="при первом упоминании напишите полностью, а сокращение — в скобках: «оценка "
        "удовлетворённости ({bare})»",
    )

    def rest(self) -> None:
        """The paragraphs read last go (1.2 MB once 3,000 standards are judged)."""
        _candidates.cache_clear()

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per abbreviation, at its first use, unless it is defined there."""
        known: frozenset[str] | None = None  # read at the first candidate: the lexicon is big
        seen: set[str] = set()
        for prose in doc.prose:
            text = prose.text
            for word, start, end in _candidates(text):
                if word in seen:
                    continue
                if known is None:
                    known = ctx.language.lexicon(doc.lang).abbreviations
                if word in known:
                    continue
                seen.add(word)
                if _defined_here(text, start, end):
                    continue
                yield self.report(
                    doc,
                    prose.span(start, end),
                    self._message,
                    self._suggestion,
                    word,
                    word=quote(doc.lang, word),
                    bare=word,
                )


# The paragraphs read last, with what each may hold: many standards repeat a paragraph (regional
# copies), and most paragraphs hold no abbreviation at all. Kept as words and offsets, not as
# the paragraph's tokens, which took most of the token cache's room.
@lru_cache(maxsize=4096)
def _candidates(text: str) -> tuple[tuple[str, int, int], ...]:
    """The words of a paragraph written like an abbreviation, with their offsets, in order."""
    found = []
    for match in words(text):
        word = match.group()
        # Most words have a lower-case letter: they are passed over at the first test.
        if word.isupper() and _is_abbreviation(word):
            found.append((word, match.start(), match.end()))
    return tuple(found)


def _is_abbreviation(word: str) -> bool:
    letters = word.replace("-", "")
    return (
        2 <= len(letters) <= 6
        and letters.isalpha()
        and letters.isupper()
        and not _ROMAN.match(letters)
    )


def _defined_here(text: str, start: int, end: int) -> bool:
    """ "CSAT (customer satisfaction)", "customer satisfaction (CSAT)", "CSAT — customer…"."""
    after = text[end:].lstrip()
    before = text[:start].rstrip()
    if after.startswith("(") or after.startswith(("—", "–", "- ")):
        return True
    if before.endswith("(") and after.startswith(")"):
        return True
    # An identifier such as REQ-1234 is not an abbreviation.
    return text[end : end + 1] == "-" and text[end + 1 : end + 2].isdigit()


class CommitmentStep(DocumentRule):
    """A rule step written as a commitment instead of an instruction.

    ## What it does
    Flags (as a hint) a step of the Rule section that starts with who will do it or with what
    happens — "We answer calls within 20 seconds", "Calls are answered…", «Мы отвечаем…»,
    «Оператор должен ответить…» — instead of the action: "Answer calls within 20 seconds",
    «Ответьте на звонок…» (the infinitive of regulations, «Ответить на звонок…», is an action
    too). A leading condition ("If the line is busy, …") is skipped.

    ## Why it matters
    Transparency: a commitment can be concrete and measurable, but staff follow an
    instruction more easily: it names the action first, and the reader is the one who acts.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    ---

    ## Rule

    1. We answer every call within 20 seconds.

    ## Why

    Callers who wait longer hang up.

    ## How we check

    The phone system reports answer times every Monday.
    ```
    ```markdown title="phone.ru.md"
    ---
    id: phone-answer
    title: Ответ на звонок
    lang: ru
    status: active
    ---

    ## Правило

    1. Оператор должен ответить на звонок в течение 20 секунд.

    ## Зачем

    Клиент, который ждёт дольше, кладёт трубку.

    ## Как проверяем

    Телефонная система каждый понедельник выгружает время ответа.
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    ---

    ## Rule

    1. Answer every call within 20 seconds.

    ## Why

    Callers who wait longer hang up.

    ## How we check

    The phone system reports answer times every Monday.
    ```
    ```markdown title="phone.ru.md"
    ---
    id: phone-answer
    title: Ответ на звонок
    lang: ru
    status: active
    ---

    ## Правило

    1. Ответьте на звонок в течение 20 секунд.

    ## Зачем

    Клиент, который ждёт дольше, кладёт трубку.

    ## Как проверяем

    Телефонная система каждый понедельник выгружает время ответа.
    ```
    """

    code, name = "TRN003", "commitment-step"
    criterion, default_severity = Criterion.TRANSPARENCY, Severity.INFO
    _message = Text(
        en="the step is a commitment ({words}), not an instruction",
        ru="шаг сформулирован как обязательство ({words}), а не как действие",
    )
    _suggestion = Text(
        en="start with the action: “Answer every call within 20 seconds”",
        ru="начните с действия: «Ответьте на звонок в течение 20 секунд»",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One hint per step whose main clause does not start with an action."""
        for step in doc.steps:
            if not step.prose:
                continue
            sentence = next(step.prose[0].sentences(), None)
            if sentence is None:
                continue
            facts = ctx.language.facts(sentence.text, doc.lang)
            word = _commitment_word(facts, ctx.language.lexicon(doc.lang))
            if word is not None:
                start, end = (
                    facts.words[word].start,
                    facts.words[min(word + 1, len(facts.words) - 1)].end,
                )
                words = sentence.text[start:end]
                span = sentence.prose.span(sentence.start + start, sentence.start + end)
                yield self.report(
                    doc,
                    span,
                    self._message,
                    self._suggestion,
                    words,
                    words=quote(doc.lang, words + "…"),
                )


def _commitment_word(facts: SentenceFacts, lexicon: Lexicon) -> int | None:
    """The index of the word that shows a commitment, or None for an instruction."""
    first = _main_clause(facts, lexicon)
    if first >= len(facts.words):
        return None
    opening = facts.words[first].lower
    if opening in lexicon.commitment_starts or facts.infos[first].best in lexicon.commitment_starts:
        return first
    if facts.lang is Lang.EN:
        following = facts.words[first + 1].lower if first + 1 < len(facts.words) else ""
        return first if following in lexicon.modals else None
    for index in range(first, min(first + 4, len(facts.words))):
        info = facts.infos[index]
        if info.best in lexicon.duty_words or info.form in lexicon.duty_words:
            return index
        if info.pos == "VERB":
            return None if info.imperative else index
        if info.pos == "INFN":
            return None
    return None


def _main_clause(facts: SentenceFacts, lexicon: Lexicon) -> int:
    """Index of the first word after a leading condition or time phrase ("If …, ", "Every Friday, ")."""
    comma = next((t for t in facts.tokens if t.text == ","), None)
    if comma is None or not facts.words:
        return 0
    before = [index for index, word in enumerate(facts.words) if word.end <= comma.start]
    if not before or len(before) > 12:
        return 0
    leads_with_clause = facts.words[0].lower in lexicon.clause_openers
    leads_with_time = any(
        q.start <= facts.words[0].end and q.end <= comma.start for q in facts.quantities
    )
    return before[-1] + 1 if leads_with_clause or leads_with_time else 0

"""Messages read naturally in both languages: quoted words, plurals, suggestions."""

from __future__ import annotations

from datetime import date

from stdlint.engine import check_text

RU = """---
id: demo
title: Ответ на обращение
lang: ru
status: draft
---

## Правило

1. Оперативно отвечайте на обращения клиентов.

## Зачем

Так надо.

## Как проверяем

Руководитель каждый понедельник проверяет 10 звонков.
"""


def _messages(text: str) -> dict[str, tuple[str, str]]:
    result = check_text(text, "demo.md", today=date(2026, 6, 1))
    return {d.code: (d.message, d.suggestion) for d in result.diagnostics}


def test_russian_messages_quote_inflect_and_suggest() -> None:
    messages = _messages(RU)
    assert messages["MEA001"] == (
        "«Оперативно» — обещание скорости без срока",
        "замените «Оперативно» на срок, например «в течение 15 минут»",
    )
    assert messages["ECO001"][0] == "раздел «Зачем» не объясняет причину (2 слова)"


def test_english_long_sentence_counts_words() -> None:
    sentence = " ".join(["Word"] * 31) + "."
    text = RU.replace("lang: ru", "lang: en").replace("## Правило", "## Rule")
    text = text.replace(
        "1. Оперативно отвечайте на обращения клиентов.", f"1. Answer within 2 hours. {sentence}"
    )
    messages = _messages(text)
    assert messages["TRN001"][0] == "the sentence has 31 words; more than 30 are hard to follow"

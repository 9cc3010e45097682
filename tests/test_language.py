"""The language engine: lemma matching, the quantity parser, and what counts as vague."""

from __future__ import annotations

import pytest

from stdlint.i18n import Lang
from stdlint.text.analysis import (
    ESCAPE,
    EXHORTATION,
    HEDGED_BOUND,
    VAGUE_FREQUENCY,
    VAGUE_QUALITY,
    VAGUE_SPEED,
    LanguageEngine,
)
from stdlint.text.quantities import CLOCK_TIME, DEADLINE, DURATION, FREQUENCY, ORDINAL, PERCENT

ENGINE = LanguageEngine()
EN, RU = Lang.EN, Lang.RU


def _flags(text: str, lang: Lang) -> list[tuple[str, str]]:
    facts = ENGINE.facts(text, lang)
    return [(flag.kind, text[flag.start : flag.end]) for flag in facts.flags]


def _bounds(text: str, lang: Lang) -> list[tuple[str, float | None, str | None]]:
    return [(q.kind, q.value, q.unit) for q in ENGINE.facts(text, lang).quantities]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Отвечайте вежливо.", "вежливо"),
        ("Говорите вежливым тоном.", "вежливым"),
        ("Отвечайте без вежливого тона.", "вежливого"),
        ("Добейтесь качественного результата.", "качественного"),
        ("Оформите заказ надлежащим образом.", "надлежащим образом"),
    ],
)
def test_russian_qualities_match_in_every_inflected_form(text: str, words: str) -> None:
    assert _flags(text, RU) == [(VAGUE_QUALITY, words)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Дайте ответ в кратчайшие сроки.", "в кратчайшие сроки"),
        ("Дайте ответ в кратчайший срок.", "в кратчайший срок"),
        ("Ждём оперативного ответа от отдела.", "оперативного"),
        ("Решение о своевременном возврате принимает отдел.", "своевременном"),
        ("Respond promptly to the customer.", "promptly"),
        ("We responded as quickly as possible.", "as quickly as possible"),
    ],
)
def test_unbounded_speed_is_found_by_lemma_and_phrase(text: str, words: str) -> None:
    lang = RU if any("а" <= char <= "я" for char in text.lower()) else EN
    assert _flags(text, lang) == [(VAGUE_SPEED, words)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Respond promptly, and in any case within 30 minutes.", EN),
        ("Reply quickly: within 2 working hours.", EN),
        ("Ответьте оперативно, но не позднее 2 часов.", RU),
        ("Перезвоните быстро, в течение пятнадцати минут.", RU),
        ("Immediately after the call, log the ticket.", EN),
        ("Сразу после звонка зарегистрируйте обращение.", RU),
        ("Say “We will call you back soon” only when a slot is booked.", EN),
        ("Ask for an appropriate ID, such as a passport.", EN),
        ("Treat callers with courtesy, i.e. use their name and thank them.", EN),
        ("Customers of the Quick Pay service pay by text message.", EN),
        ("Faulty goods are refunded to the card they were paid with.", EN),
        ("Скажите «Спасибо за ожидание, сейчас быстро проверю».", RU),
    ],
)
def test_bounded_defined_quoted_or_sequencing_words_are_not_vague(text: str, lang: Lang) -> None:
    assert _flags(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("We do our best to reply within 14 days.", EN, [(HEDGED_BOUND, "do our best")]),
        ("We generally reply within 20 days.", EN, [(HEDGED_BOUND, "generally")]),
        (
            "We make every reasonable effort to reply.",
            EN,
            [(ESCAPE, "make every reasonable effort")],
        ),
        ("Как правило, отвечаем в течение 3 дней.", RU, [(HEDGED_BOUND, "Как правило")]),
        ("По возможности перезвоните клиенту.", RU, [(ESCAPE, "По возможности")]),
        ("Постарайтесь ответить за сутки.", RU, [(HEDGED_BOUND, "Постарайтесь")]),
        ("Be polite.", EN, [(EXHORTATION, "Be polite")]),
        ("Будьте вежливы.", RU, [(EXHORTATION, "Будьте вежливы")]),
        ("Update the customer regularly.", EN, [(VAGUE_FREQUENCY, "regularly")]),
        ("Держите клиента в курсе.", RU, [(VAGUE_FREQUENCY, "Держите клиента в курсе")]),
        ("Update the customer regularly, at least every 48 hours.", EN, []),
        (
            "Take reasonable steps to resolve the complaint.",
            EN,
            [(EXHORTATION, "Take reasonable steps")],
        ),
        ("Банк принимает меры по блокировке карты в течение 15 минут.", RU, []),
        ("Банк принимает меры по защите данных.", RU, [(EXHORTATION, "принимает меры")]),
    ],
)
def test_verdicts(text: str, lang: Lang, expected: list[tuple[str, str]]) -> None:
    assert _flags(text, lang) == expected


def test_exact_forms_and_unlikely_readings_do_not_match() -> None:
    assert _flags("Если нужно, позовите администратора.", RU) == [(ESCAPE, "Если нужно")]
    assert _flags("Если нужного размера нет, проверьте склад.", RU) == []
    # «наилучший» is a form of «хороший»; only the literal superlative is vague.
    assert _flags("Доля ответов «хорошо» за месяц.", RU) == []
    assert _flags("Предложите наилучший вариант.", RU) == [(VAGUE_QUALITY, "наилучший")]


def test_company_lexicon_adds_and_allows_terms() -> None:
    engine = LanguageEngine({EN: (("rock-star service",), ("quick win",))})
    assert [
        flag.kind for flag in engine.facts("Greet guests with rock-star service.", EN).flags
    ] == [VAGUE_QUALITY]
    assert engine.facts("Offer the quick win menu.", EN).flags == ()
    assert [flag.kind for flag in engine.facts("Offer a quick menu.", EN).flags] == [VAGUE_SPEED]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Reply within 2 business days.", EN, [(DURATION, 2.0, "day")]),
        ("Reply within two full working days.", EN, [(DURATION, 2.0, "day")]),
        ("Answer by the third ring.", EN, [(ORDINAL, 3, "ring")]),
        (
            "Answer 90% of calls within 20 seconds.",
            EN,
            [(PERCENT, 90.0, "percent"), (DURATION, 20.0, "second")],
        ),
        ("Call back within 30–60 minutes.", EN, [(DURATION, 60.0, "minute")]),
        ("Call back within the hour.", EN, [(DURATION, 1.0, "hour")]),
        ("Call back within an hour.", EN, [(DURATION, 1.0, "hour")]),
        ("Close the shift report by 18:00.", EN, [(CLOCK_TIME, None, None)]),
        ("Open at 9 am.", EN, [(CLOCK_TIME, 9.0, None)]),
        ("Check the queue every Monday.", EN, [(FREQUENCY, None, None)]),
        ("Check the queue twice a week.", EN, [(FREQUENCY, None, None)]),
        ("Check the queue every 2 hours.", EN, [(FREQUENCY, None, None)]),
        ("Fix it by the next working day.", EN, [(DEADLINE, None, None)]),
        ("Ответьте в течение двух рабочих дней.", RU, [(DURATION, 2.0, "day")]),
        ("Ответьте не позднее пятнадцати минут.", RU, [(DURATION, 15.0, "minute")]),
        ("Перезвоните в течение полутора часов.", RU, [(DURATION, 1.5, "hour")]),
        ("Перезвоните в течение 2-х часов.", RU, [(DURATION, 2.0, "hour")]),
        ("Ответьте в течение суток.", RU, [(DURATION, 1.0, "day")]),
        ("Ответьте за полчаса до визита.", RU, [(DURATION, 0.5, "hour")]),
        ("Ответьте не позднее третьего гудка.", RU, [(ORDINAL, 3, "ring")]),
        ("Проверяйте очередь ежедневно.", RU, [(FREQUENCY, None, None)]),
        ("Проверяйте очередь раз в месяц.", RU, [(FREQUENCY, None, None)]),
        ("Проверяйте очередь каждый понедельник.", RU, [(FREQUENCY, None, None)]),
        ("Закройте отчёт до 18:00.", RU, [(CLOCK_TIME, None, None)]),
        ("Устраните неисправность на следующий рабочий день.", RU, [(DEADLINE, None, None)]),
    ],
)
def test_quantity_parser(
    text: str, lang: Lang, expected: list[tuple[str, float | None, str | None]]
) -> None:
    assert _bounds(text, lang) == expected


def test_a_100_kb_line_is_analysed_and_positions_hold() -> None:
    text = "Answer the call and log it " * 4000 + "promptly."
    assert len(text) > 100_000
    facts = ENGINE.facts(text, EN)
    [flag] = facts.flags
    assert (flag.kind, text[flag.start : flag.end]) == (VAGUE_SPEED, "promptly")
    assert flag.start == len(text) - len("promptly.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Manner, tone and appearance that nothing observable pins down.
        ("Мастер тщательно убирает рабочее место.", [(VAGUE_QUALITY, "тщательно")]),
        (
            "Администратор держится выдержанно и отвечает гостю ровным голосом.",
            [(VAGUE_QUALITY, "выдержанно"), (VAGUE_QUALITY, "ровным голосом")],
        ),
        (
            "Продавец отзывчив и коммуникабелен.",
            [(VAGUE_QUALITY, "отзывчив"), (VAGUE_QUALITY, "коммуникабелен")],
        ),
        ("Курьер должен быть ухожен.", [(EXHORTATION, "быть ухожен")]),
        ("Кассир носит неброские украшения.", [(VAGUE_QUALITY, "неброские")]),
        # Principles and values with nothing to check.
        (
            "Мы ориентированы на потребности каждого гостя.",
            [(EXHORTATION, "ориентированы на")],
        ),
        (
            "Наши ценности — порядочность и добросовестность.",
            [
                (EXHORTATION, "Наши ценности"),
                (EXHORTATION, "порядочность"),
                (EXHORTATION, "добросовестность"),
            ],
        ),
        (
            "Сотрудник руководствуется принципами деловой этики.",
            [(EXHORTATION, "руководствуется принципами"), (EXHORTATION, "этики")],
        ),
        ("Мастер действует в интересах клиента.", [(EXHORTATION, "в интересах клиента")]),
        ("Мы всегда держим слово.", [(EXHORTATION, "держим слово")]),
        ("Оператор повышает свою квалификацию.", [(EXHORTATION, "повышает свою квалификацию")]),
        # Pinned by a script, an observable act or a number; or the word means something else.
        ("Отзывчиво отвечайте: «Понимаю вас, давайте разберёмся вместе».", []),
        ("Тщательно проверьте паспорт: сверьте фото, серию и номер с анкетой.", []),
        ("Оператор повышает квалификацию на курсе из 16 часов раз в год.", []),
        ("Оператор ориентирует клиента на раздел «Доставка» на сайте.", []),
        ("Сотрудник уходит с рабочего места только после передачи смены.", []),
        ("Посылка отправляется с объявленной ценностью.", []),
        ("Заявления принимаются по принципу одного окна.", []),
    ],
)
def test_manner_and_principles_without_a_check(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _flags(text, RU) == expected

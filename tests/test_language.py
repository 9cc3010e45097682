"""The language engine: lemma matching, the quantity parser, and what counts as vague."""

from __future__ import annotations

import pytest

from stdlint.i18n import Lang
from stdlint.text.analysis import (
    ESCAPE,
    EXHORTATION,
    HEDGED_BOUND,
    OPEN_TIME,
    TARGET_WITHOUT_SHARE,
    VAGUE_FREQUENCY,
    VAGUE_QUALITY,
    VAGUE_QUANTITY,
    VAGUE_REFERENCE,
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
        ("Say ‘Thanks for waiting, I’ll be quick’ when you come back to the line.", EN),
        ("Say: Thanks for waiting, I will be quick.", EN),
        ("Скажите: Спасибо за ожидание, сейчас быстро проверю.", RU),
        ("При необходимости дополнительной проверки срок продлевается на 10 дней.", RU),
        ("Say 'Thanks for waiting, it's a quick check' when you come back to the line.", EN),
        # Issue 11: selecting qualities, bounded exceptions, fallbacks, conditions, metrics.
        ("If we cannot assist the caller, we will direct the call to the appropriate person.", EN),
        (
            "Если вопрос не в его компетенции, служащий направляет к компетентному служащему.",
            RU,
        ),
        (
            "In exceptional circumstances, a complex complaint may take up to 8 weeks to resolve.",
            EN,
        ),
        ("В исключительных случаях срок рассмотрения продлевается не более чем на 30 дней.", RU),
        ("If you are not satisfied with our reply, tell us and we will review it.", EN),
        ("Calls are answered within 30 seconds on average, measured over each calendar month.", EN),
        ("Мастер может предложить дополнительные услуги, заранее оговорив их стоимость.", RU),
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
        ("Check the queue every Monday.", EN, [(FREQUENCY, None, "weekday")]),
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
        ("Проверяйте очередь каждый понедельник.", RU, [(FREQUENCY, None, "weekday")]),
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
def test_manner_and_principles_without_a_check(text: str, expected: list[tuple[str, str]]) -> None:
    assert _flags(text, RU) == expected


# Issue 11: time left open, hard caps, targets, hedges of method, mixed sentences.
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # Time that depends on something, with no bound.
        ("Installation time depends on the building.", EN, [(OPEN_TIME, "depends on")]),
        ("How long a repair takes depends on the model.", EN, [(OPEN_TIME, "depends on")]),
        (
            "Срок установки зависит от загруженности монтажников.",
            RU,
            [(OPEN_TIME, "зависит от")],
        ),
        (
            "Дата визита мастера согласуется с клиентом в индивидуальном порядке.",
            RU,
            [(OPEN_TIME, "в индивидуальном порядке")],
        ),
        ("The repair is finished within 5 working days; the price depends on the parts.", EN, []),
        ("Installation takes up to 3 days depending on the building.", EN, []),
        (
            "If the delivery date depends on a supplier, tell the customer the supplier's date"
            " the same day.",
            EN,
            [],
        ),
        ("Срок установки — 3 рабочих дня; стоимость зависит от этажа.", RU, []),
        # An extension with no cap.
        ("We may extend this period if a part is out of stock.", EN, [(OPEN_TIME, "extend")]),
        (
            "A claim can take longer than 30 days if we need a report from the bank.",
            EN,
            [(OPEN_TIME, "longer than")],
        ),
        (
            "Срок ремонта может быть продлён, если деталь нужно заказать у поставщика.",
            RU,
            [(OPEN_TIME, "продлён")],
        ),
        ("We may extend this period by up to 5 working days if a part is out of stock.", EN, []),
        ("If we take longer than 10 days, we refund the delivery fee.", EN, []),
        ("We refund the delivery fee if we take longer than 10 days.", EN, []),
        (
            "We reply within 7 working days, or tell you if it is going to take longer.",
            EN,
            [(OPEN_TIME, "take longer")],
        ),
        ("Сообщим клиенту, будет ли срок ремонта продлён.", RU, [(OPEN_TIME, "продлён")]),
        ("Tell the customer that we will extend the network to the new street.", EN, []),
        ("Срок ремонта может быть продлён не более чем на 10 рабочих дней.", RU, []),
        ("Если срок доставки увеличивается, сообщаем клиенту новую дату в тот же день.", RU, []),
        ("Спросите клиента, сколько продлится его поездка.", RU, []),
        # A hedge with a hard cap: the cap is the commitment.
        ("Most parcels arrive in 2 days, and all within 7 working days.", EN, []),
        ("Обычно привозим заказ за 2 дня, но не позднее 5 рабочих дней.", RU, []),
        ("We usually call back within 2 days.", EN, [(HEDGED_BOUND, "usually")]),
        ("Обычно привозим заказ за 2 дня.", RU, [(HEDGED_BOUND, "Обычно")]),
        ("Как правило, ответ занимает не более 3 дней.", RU, [(HEDGED_BOUND, "Как правило")]),
        # A target stated as a target (a hint to name its share, none once it is named); an
        # effort stays a hedge.
        (
            "We aim to close every fault ticket within 4 working hours.",
            EN,
            [(TARGET_WITHOUT_SHARE, "aim to")],
        ),
        ("Our aim is to answer 85% of chats within 60 seconds.", EN, []),
        (
            "Стремимся отвечать в чате в течение 2 минут.",
            RU,
            [(TARGET_WITHOUT_SHARE, "Стремимся")],
        ),
        (
            "We try to close every fault ticket within 4 working hours.",
            EN,
            [(HEDGED_BOUND, "try to")],
        ),
        ("Our agents aim to offer 3 tariffs to every caller.", EN, [(HEDGED_BOUND, "aim to")]),
        # Issue 11: an exception with no bound of its own, an average with no period, an
        # unbounded floor, a new date promised with no cap, lead time with no duration.
        (
            "Unless exceptional circumstances apply, repairs are completed within 28 days.",
            EN,
            [(HEDGED_BOUND, "exceptional circumstances")],
        ),
        ("Доставка занимает в среднем 25–30 дней.", RU, [(HEDGED_BOUND, "в среднем")]),
        (
            "It may take up to or more than 30 days to resolve your complaint.",
            EN,
            [(OPEN_TIME, "or more than")],
        ),
        (
            "If we need longer, we will write and let you know when to expect a reply.",
            EN,
            [(OPEN_TIME, "let you know when")],
        ),
        (
            "Приходите на работу заблаговременно до начала рабочего дня.",
            RU,
            [(VAGUE_SPEED, "заблаговременно")],
        ),
        (
            "Приходите на работу за несколько минут до начала смены.",
            RU,
            [(VAGUE_QUANTITY, "несколько")],
        ),
        # A soft word about the method, not the bound.
        ("A replacement card is posted within 3 days, normally by registered letter.", EN, []),
        ("Новую карту отправляем в течение 3 дней, обычно курьером.", RU, []),
        ("A replacement card is posted within 3 days, normally.", EN, [(HEDGED_BOUND, "normally")]),
        ("Typically we send the card by courier within 3 days.", EN, [(HEDGED_BOUND, "Typically")]),
        # A mixed sentence: the bound of one promise does not cover another.
        (
            "We confirm the table by text within an hour and keep you posted about changes.",
            EN,
            [(VAGUE_FREQUENCY, "keep you posted")],
        ),
        (
            "Подтверждаем запись по SMS в течение часа и держим вас в курсе изменений.",
            RU,
            [(VAGUE_FREQUENCY, "держим вас в курсе")],
        ),
        ("We confirm the table by text within an hour and send a reminder every Friday.", EN, []),
        ("Keep the customer informed within the 5 working days of the review.", EN, []),
        # The bound stated whole first; the hedge adds a better usual case of its own.
        ("Orders are dispatched within 24 hours (usually the same day).", EN, []),
        ("Срок доставки не более 7 дней, как правило — 2–3 дня.", RU, []),
        ("Максимальное время ожидания — 15 минут, обычно оператор отвечает за 2 минуты.", RU, []),
        ("Generally within 48 hours, with a maximum of 5 working days.", EN, []),
        # …but a condition after the bound still makes it optional.
        (
            "We will reply within 10 working days, unless your case is complex.",
            EN,
            [(HEDGED_BOUND, "unless your case is complex")],
        ),
        # An extension in a condition whose answer only tells of it: still open.
        ("If we need more time, we will let you know.", EN, [(OPEN_TIME, "more time")]),
        ("If we take longer than 10 days, we pay £30.", EN, []),
        # A moment of an event caps nothing.
        (
            "Large items take slightly longer to arrive and are signed for on receipt.",
            EN,
            [(OPEN_TIME, "take slightly longer")],
        ),
    ],
)
def test_open_time_caps_targets_and_method(
    text: str, lang: Lang, expected: list[tuple[str, str]]
) -> None:
    assert _flags(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Complaints are answered within the statutory timescale.",
            EN,
            [(VAGUE_REFERENCE, "statutory timescale")],
        ),
        ("Complaints are answered within the statutory timescale of 20 working days.", EN, []),
        (
            "Претензия рассматривается в соответствии с требованиями законодательства.",
            RU,
            [(VAGUE_REFERENCE, "в соответствии с требованиями законодательства")],
        ),
        ("Претензия рассматривается в течение 10 дней в соответствии с законодательством.", RU, []),
    ],
)
def test_a_reference_to_rules_elsewhere_needs_a_number_here(
    text: str, lang: Lang, expected: list[tuple[str, str]]
) -> None:
    assert _flags(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Сотрудник принимает меры, предусмотренные пунктом 3.2 настоящего Регламента.", RU),
        ("Оператор обеспечивает конфиденциальность в соответствии с законом № 152-ФЗ.", RU),
        ("Служащий соблюдает нормы этики, установленные статьёй 18 закона от 27.07.2004.", RU),
        ("Staff take measures to ensure safety under section 4.2 of this policy.", EN),
    ],
)
def test_a_number_that_names_a_clause_or_a_law_is_no_bound(text: str, lang: Lang) -> None:
    facts = ENGINE.facts(text, lang)
    assert facts.quantities == ()
    assert _flags(text, lang), "the obligation of means is no longer cleared by the clause number"


@pytest.mark.parametrize(
    ("text", "lang", "bounds"),
    [
        (
            "Ответьте на отзыв с оценкой 1 в течение 4 часов.",
            RU,
            [("count", 1.0, None), ("duration", 4.0, "hour")],
        ),
        ("Cards go by second class post.", EN, []),
        ("We acknowledge receipt within minutes.", EN, []),
        ("We reply within the hour.", EN, [("duration", 1.0, "hour")]),
        ("Отвечайте в течение минут.", RU, []),
        # «Сутки» is plural in form only: one day.
        ("Отвечайте в течение суток.", RU, [("duration", 1.0, "day")]),
    ],
)
def test_a_letter_an_ordinal_or_a_plural_is_not_a_bare_unit(
    text: str, lang: Lang, bounds: list[tuple[str, float | None, str | None]]
) -> None:
    assert _bounds(text, lang) == bounds


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Passports take approximately 5 weeks.", EN, [(HEDGED_BOUND, "approximately")]),
        ("Greet a guest who is approximately 10 steps away.", EN, []),
        ("Ответ готовится примерно 5 дней.", RU, [(HEDGED_BOUND, "примерно")]),
        ("Назовите, сколько примерно продлится ожидание.", RU, []),
    ],
)
def test_an_estimate_hedges_only_the_time_after_it(
    text: str, lang: Lang, expected: list[tuple[str, str]]
) -> None:
    assert _flags(text, lang) == expected


def test_opening_hours_do_not_bound_a_speed_word() -> None:
    text = "Calls are answered immediately during working hours (8am to 6pm, Monday to Friday)."
    assert _flags(text, EN) == [(VAGUE_SPEED, "immediately")]
    assert _flags("Calls are answered immediately and no later than 6pm.", EN) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Prices must be clearly displayed at the counter.", EN, []),
        ("Label each item clearly with the customer name.", EN, []),
        ("Explain the terms clearly.", EN, [(VAGUE_QUALITY, "clearly")]),
        ("Цены на услуги чётко обозначены на стойке.", RU, []),
        ("Чётко объясняйте условия.", RU, [(VAGUE_QUALITY, "Чётко")]),
    ],
)
def test_clearly_is_checkable_on_what_is_displayed_or_marked(
    text: str, lang: Lang, expected: list[tuple[str, str]]
) -> None:
    assert _flags(text, lang) == expected


def test_english_lemmas_from_the_in_place_dictionary_are_the_full_dictionarys() -> None:
    # stdlint reads simplemma's dictionary in place (4 MB rather than 21), with a lemmatiser of
    # its own that it lets go after a large check (morph.release); it must
    # give the lemmas the dictionary built in memory gives, for every English word stdlint's
    # lexicon and the example handbook's English standards use.
    import re
    from pathlib import Path

    from simplemma import lemmatize

    from stdlint.text import morph

    repo = Path(__file__).parent.parent
    texts = [repo / "stdlint" / "text" / "lexicons" / "en.yml"]
    texts += sorted((repo / "standards").rglob("*.en.md"))
    words = {
        word.replace("’", "'")
        for path in texts
        for word in re.findall(r"[a-z][a-z’']*", path.read_text("utf-8").lower())
    }
    assert len(words) > 1000
    differ = [
        word
        for word in sorted(words)
        if morph._english().lemmatize(word, "en") != lemmatize(word, lang="en")
    ]
    assert differ == []
    assert morph.analyse_word("responded", EN).best == "respond"

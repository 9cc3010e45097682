"""Suggestions that fit the sentence (issue 11, item 3).

The fixture handbook ``tests/fixtures/suggestions`` holds real standards in both languages; the
harness checks which lines are flagged, these tests check how the findings are worded: a count
for things, a headcount for people, a duration for time; an action chosen by what the step is
about; and a quote that ends at the end of its phrase.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from stdlint.config import load_profile
from stdlint.diagnostics import Diagnostic
from stdlint.engine import check, check_text
from stdlint.i18n import Lang
from stdlint.rules.vagueness import word_range
from stdlint.rules.wording.data import GENERAL, wording
from stdlint.rules.wording.phrases import quote_end
from stdlint.text.analysis import EXHORTATION, VAGUE_QUALITY, LanguageEngine
from tests.harness import FIXED_TODAY, FIXTURES

HANDBOOK = FIXTURES / "suggestions"
DEVSET = Path(__file__).parent / "devset" / "published"
_TIME_UNIT = re.compile(r"\b(second|minute|hour|day|week)s?\b|секунд|минут|час|дн[яей]|суток|недел")
_EXAMPLE = re.compile(r"(?:e\.g\.|например,?(?: на)?) [“«](?P<example>.+)[”»]$")


@cache
def _findings() -> dict[tuple[str, int, str], Diagnostic]:
    result = check(None, load_profile(HANDBOOK / "handbook.yml"), FIXED_TODAY)
    return {(Path(d.path).name, d.line, d.code): d for d in result.diagnostics}


def finding(file: str, words: str, code: str) -> Diagnostic:
    """The finding ``code`` on the line of ``file`` that contains ``words``."""
    lines = (HANDBOOK / file).read_text("utf-8").split("\n")
    line = next(number for number, text in enumerate(lines, start=1) if words in text)
    return _findings()[(file, line, code)]


def example(diagnostic: Diagnostic) -> str:
    """The example the suggestion offers (the text after "e.g." / «например»)."""
    found = _EXAMPLE.search(diagnostic.suggestion)
    assert found is not None, diagnostic.suggestion
    return found["example"]


def quoted(diagnostic: Diagnostic) -> str:
    """The words the message quotes."""
    found = re.match(r"[“«](.+?)[”»]", diagnostic.message)
    assert found is not None, diagnostic.message
    return found[1]


# A quantity of things gets a count, never a time.


@pytest.mark.parametrize(
    ("file", "words", "quote", "count"),
    [
        (
            "appearance.en.md",
            "excessive jewellery",
            "excessive jewellery",
            "more than 2 pieces of jewellery",
        ),
        ("appearance.ru.md", "много украшений", "много украшений", "более 2 украшений"),
        ("tills.en.md", "number of tills", "sufficient number of tills", "at least 3 tills"),
        ("tills.ru.md", "количество касс", "достаточное количество касс", "не менее 3 касс"),
    ],
)
def test_a_quantity_of_things_gets_a_count_and_no_time(
    file: str, words: str, quote: str, count: str
) -> None:
    diagnostic = finding(file, words, "MEA003")
    assert example(diagnostic) == count
    assert quoted(diagnostic) == quote
    assert not _TIME_UNIT.search(diagnostic.suggestion), diagnostic.suggestion


@pytest.mark.parametrize(
    ("file", "words", "count"),
    [
        ("tills.en.md", "enough staff", "at least 3 staff members"),
        ("tills.ru.md", "несколько сотрудников", "3 сотрудника"),
    ],
)
def test_people_get_a_headcount(file: str, words: str, count: str) -> None:
    assert example(finding(file, words, "MEA003")) == count


@pytest.mark.parametrize(
    ("file", "words", "duration"),
    [
        ("tills.en.md", "excessive waiting", "more than 10 minutes"),
        ("tills.ru.md", "чрезмерного ожидания", "более 10 минут"),
    ],
)
def test_time_keeps_a_duration(file: str, words: str, duration: str) -> None:
    diagnostic = finding(file, words, "MEA003")
    assert example(diagnostic) == duration
    assert quoted(diagnostic) == words.split()[0]  # the example replaces the word alone


# A manner word gets an action chosen by what the step is about.

TOPICS = {
    Lang.EN: {
        "greeting": ("greeting.en.md", "in a friendly manner", "CON001", "Good morning"),
        "appearance": ("appearance.en.md", "professional manner", "CON001", "uniform"),
        "writing": ("replies.en.md", "politely", "CON001", "reply"),
    },
    Lang.RU: {
        "greeting": ("greeting.ru.md", "вежливо", "CON001", "Добрый день"),
        "appearance": ("appearance.ru.md", "опрятно", "CON003", "форменную одежду"),
        "writing": ("replies.ru.md", "вежливо", "CON001", "ответ"),
    },
}


@pytest.mark.parametrize("lang", [Lang.EN, Lang.RU])
def test_manner_examples_differ_by_topic_and_fit_it(lang: Lang) -> None:
    examples = {}
    for topic, (file, words, code, fits) in TOPICS[lang].items():
        offered = example(finding(file, words, code))
        assert fits in offered, (topic, offered)
        assert offered == wording(lang).manner[topic]
        examples[topic] = offered
    assert len(set(examples.values())) == len(examples)


@pytest.mark.parametrize(
    ("file", "words"),
    [("farewell.en.md", "Be professional"), ("farewell.ru.md", "Будьте доброжелательны")],
)
def test_a_step_that_names_no_topic_takes_the_title_s(file: str, words: str) -> None:
    lang = Lang.RU if file.endswith(".ru.md") else Lang.EN
    assert example(finding(file, words, "CON003")) == wording(lang).manner["farewell"]


def test_a_step_with_no_topic_anywhere_gets_the_general_example() -> None:
    offered = example(finding("tills.en.md", "Be helpful", "CON003"))
    assert offered == wording(Lang.EN).manner[GENERAL]


# A quote ends at a phrase boundary.


def test_an_exhortation_is_quoted_to_the_end_of_its_noun_phrase() -> None:
    diagnostic = finding("referral.en.md", "appropriate advice", "CON003")
    quote = "provide you with the appropriate advice and support"
    assert quoted(diagnostic) == quote
    line = (HANDBOOK / "referral.en.md").read_text("utf-8").split("\n")[diagnostic.line - 1]
    # The column span follows the quote (1-based, end exclusive).
    assert line[diagnostic.column - 1 : diagnostic.span.end_column - 1] == quote


def test_a_russian_exhortation_is_quoted_to_its_noun() -> None:
    diagnostic = finding("referral.ru.md", "надлежащее", "CON003")
    assert quoted(diagnostic) == "обеспечьте надлежащее информирование"


STANDARD = """\
---
id: fx-wording
title: {title}
lang: {lang}
status: active
---

## {rule}

1. {step}
"""


def _quote_of(step: str, lang: Lang, code: str) -> str:
    rule = "Правило" if lang is Lang.RU else "Rule"
    text = STANDARD.format(title="Service", lang=lang.value, rule=rule, step=step)
    result = check_text(text, f"fx.{lang.value}.md", today=FIXED_TODAY)
    found = [d for d in result.diagnostics if d.code == code]
    assert len(found) == 1, [d.message for d in result.diagnostics]
    return quoted(found[0])


@pytest.mark.parametrize(
    ("step", "quote"),
    [
        # Published sentences (tests/devset/published) that were quoted up to the adjective.
        (
            "Engineers must provide a high-quality service at all times.",
            "provide a high-quality service",
        ),
        (
            "Team members are expected to maintain a professional appearance at all times.",
            "maintain a professional appearance",
        ),
        (
            "Advisers display a thorough understanding of our products.",
            "display a thorough understanding",
        ),
        (
            "Tenants will be given adequate notice before any planned works.",
            "be given adequate notice",
        ),
        (
            "Treat all patients with dignity and compassion.",
            "Treat all patients with dignity and compassion",
        ),
        ("Be friendly and helpful.", "Be friendly and helpful"),
    ],
)
def test_english_quotes_end_at_the_end_of_the_phrase(step: str, quote: str) -> None:
    assert _quote_of(step, Lang.EN, "CON003") == quote


@pytest.mark.parametrize(
    ("step", "quote"),
    [
        (
            "Обеспечить бесперебойную работу информационных систем.",
            "Обеспечить бесперебойную работу",
        ),
        ("Обеспечьте надлежащий внешний вид сотрудников.", "Обеспечьте надлежащий внешний вид"),
        (
            "Оператор поддерживает благожелательный тон на протяжении всего разговора.",
            "поддерживает благожелательный тон",
        ),
        ("Будьте вежливы с клиентами.", "Будьте вежливы"),
        # Two nouns joined by «и»; but not a new clause with its own verb.
        (
            "Медицинский персонал относится к пациентам с уважением и состраданием.",
            "относится к пациентам с уважением и состраданием",
        ),
        (
            "Права человека являются высшей ценностью и каждый гражданин имеет право на защиту.",
            "высшей ценностью",
        ),
    ],
)
def test_russian_quotes_end_at_the_end_of_the_phrase(step: str, quote: str) -> None:
    assert _quote_of(step, Lang.RU, "CON003") == quote


def _published(lang: Lang) -> list[str]:
    texts: list[str] = []
    for path in sorted(DEVSET.glob(f"*-{lang.value}.yml")):
        for item in YAML(typ="safe").load(path.read_text("utf-8")) or []:
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                texts.append(item["text"])
    return texts


def test_no_russian_quote_of_a_published_sentence_stops_between_adjective_and_noun() -> None:
    """Over every published Russian sentence: a quote never ends on an adjective or participle
    that the next word, a noun, completes («Обеспечить бесперебойную | работу»)."""
    engine, data = LanguageEngine(), wording(Lang.RU)
    cut = []
    for text in _published(Lang.RU):
        facts = engine.facts(text, Lang.RU)
        for flag in facts.flags:
            if flag.kind not in (VAGUE_QUALITY, EXHORTATION):
                continue
            last = quote_end(facts, word_range(facts, flag.start, flag.end)[1], data.phrases)
            following = last + 1
            if (
                following < len(facts.words)
                and facts.infos[last].pos in ("ADJF", "PRTF")
                and facts.infos[following].pos == "NOUN"
                and not text[facts.words[last].end : facts.words[following].start].strip()
            ):
                cut.append(text[flag.start : facts.words[last].end])
    assert cut == []


# The examples themselves.


EXAMPLES = Path(__file__).parent.parent / "stdlint" / "text" / "lexicons" / "examples.yml"


@pytest.mark.parametrize("lang", [Lang.EN, Lang.RU])
def test_every_topic_has_an_example_that_stdlint_itself_finds_concrete(lang: Lang) -> None:
    raw = YAML(typ="safe").load(EXAMPLES.read_text("utf-8"))
    assert all(item[lang.value] for item in raw["topics"])  # every topic has words
    data = wording(lang)
    assert {item["topic"] for item in raw["topics"]} | {GENERAL} == set(data.manner)
    engine = LanguageEngine()
    for topic, offered in data.manner.items():
        assert offered and not engine.facts(offered, lang).flags, (topic, offered)
        has_cyrillic = bool(re.search("[а-яё]", offered, re.IGNORECASE))
        assert has_cyrillic is (lang is Lang.RU), (topic, offered)

"""Text outside Why and Examples is judged like the Rule: the introduction above ``## Rule`` too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stdlint.engine import check_text
from stdlint.i18n import Lang
from stdlint.parse.document import parse
from stdlint.parse.source import decode

RU = """\
---
id: cashier
title: Обслуживание на кассе
lang: ru
status: active
---

# Обслуживание на кассе

{intro}

## Правило

1. Назовите сумму покупки и спросите, нужен ли пакет.

## Зачем

{why}

## Примеры

{examples}
"""

EN = """\
---
id: cashier
title: Serving at the till
lang: en
status: active
---

# Serving at the till

{intro}

## Rule

1. Say the total and ask whether the customer needs a bag.

## Why

{why}

## Examples

{examples}
"""

PLAIN = {
    Lang.RU: "Кассир работает на кассе с 9:00 до 21:00.",
    Lang.EN: "The cashier works at the till from 9:00 to 21:00.",
}
VAGUE = {
    Lang.RU: "Кассир всегда обслуживает покупателей быстро и вежливо.",
    Lang.EN: "The cashier always serves customers quickly and politely.",
}
TEMPLATE = {Lang.RU: RU, Lang.EN: EN}
# The rules that read Document.instructions(): concreteness, measurability, and FRD001 (absolute
# words with no exceptions).
VAGUENESS = ("CON001", "CON002", "CON003", "MEA001", "MEA002", "MEA003", "MEA004", "FRD001")


def _vague_lines(lang: Lang, intro: str, why: str, examples: str) -> set[tuple[str, int]]:
    text = TEMPLATE[lang].format(intro=intro, why=why, examples=examples)
    result = check_text(text, today=date(2026, 6, 1))
    return {(d.code, d.line) for d in result.diagnostics if d.code in VAGUENESS}


@pytest.mark.parametrize("lang", [Lang.RU, Lang.EN])
def test_a_vague_introduction_is_reported(lang: Lang) -> None:
    found = _vague_lines(lang, VAGUE[lang], PLAIN[lang], PLAIN[lang])
    codes = {code for code, _ in found}
    assert {"MEA001", "FRD001"} <= codes  # «быстро» / "quickly" has no bound; «всегда» / "always"
    assert codes & {"CON001", "CON003"}  # «вежливо» / "politely"
    assert {line for _, line in found} == {10}  # the introduction's line


@pytest.mark.parametrize("lang", [Lang.RU, Lang.EN])
def test_vague_words_in_why_and_examples_are_not_reported(lang: Lang) -> None:
    assert _vague_lines(lang, PLAIN[lang], VAGUE[lang], VAGUE[lang]) == set()


def test_instructions_are_the_intro_then_every_section_but_why_and_examples() -> None:
    text = (
        "---\nid: x\ntitle: T\nlang: en\nstatus: active\n---\n\n"
        "Above the title.\n\n# T\n\nIntro.\n\n## Rule\n\nRule.\n\n### Sub\n\nSub text.\n\n"
        "## Why\n\nWhy.\n\n## Exceptions\n\nExceptions.\n\n## Our own\n\nOwn.\n\n"
        "## Examples\n\nExample.\n\n## How we check\n\nCheck.\n"
    )
    doc = parse(decode(Path("x.md"), text.encode()), "x.md", Lang.EN)
    assert [block.text for block in doc.intro] == ["Above the title.", "Intro."]
    assert [sentence.text for sentence in doc.instructions()] == [
        "Above the title.",
        "Intro.",
        "Rule.",
        "Sub text.",
        "Exceptions.",
        "Own.",
        "Check.",
    ]
    assert [block.text for block in doc.instruction_prose()] == [
        sentence.text for sentence in doc.instructions()
    ]

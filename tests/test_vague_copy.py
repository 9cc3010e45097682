"""A deliberately vague copy of example standards yields the expected findings in both languages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import Run, example_copy


def _rewrite(path: Path, replacements: dict[str, str]) -> None:
    text = path.read_text("utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def test_vague_copy_in_english_and_russian(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    _rewrite(
        handbook / "standards/phone/answer-call.en.md",
        {
            "1. Answer an incoming call within 20 seconds, by the third ring at the latest.": (
                "1. Answer incoming calls promptly."
            ),
            '3. Ask "How can I help you?" as the last sentence of your greeting.': (
                "3. Be friendly and professional with every caller."
            ),
        },
    )
    _rewrite(
        handbook / "standards/email/first-reply.ru.md",
        {
            "1. Отправьте первый ответ в течение 2 рабочих часов с момента поступления письма.": (
                "1. Отправьте первый ответ в кратчайшие сроки."
            ),
            "2. Укажите номер обращения в теме письма и в первом предложении ответа.": (
                "2. По возможности укажите номер обращения и регулярно информируйте клиента."
            ),
        },
    )
    run = run_cli("check", "--format", "json", "--today", "2026-11-23", cwd=handbook)
    assert run.exit_code == 1
    found = {
        (d["path"].split("/")[-1], d["line"], d["code"], d["message"], d["suggestion"])
        for d in run.json()["diagnostics"]
    }
    # Changing the numbers of one language only is also translation drift, on the English copy.
    assert found == {
        (
            "answer-call.en.md",
            2,
            "CNS002",
            "this translation of “phone-answer” differs from “standards/phone/answer-call.ru.md”: "
            "numbers in the rule: 20 seconds and 3 rings only there",
            "make both versions say the same, then review them together",
        ),
        (
            "first-reply.en.md",
            2,
            "CNS002",
            "this translation of “email-first-reply” differs from "
            "“standards/email/first-reply.ru.md”: numbers in the rule: 2 hours only here",
            "make both versions say the same, then review them together",
        ),
        (
            "answer-call.en.md",
            38,
            "MEA001",
            "“promptly” promises speed without a time limit",
            "replace “promptly” with a bound, e.g. “within 15 minutes”",
        ),
        (
            "answer-call.en.md",
            40,
            "CON003",
            "“Be friendly and professional” is an exhortation, not an action",
            # "with every caller": the example is one for a phone call.
            "write the actions that show it, e.g. “answer by the third ring and use the caller’s "
            "name at least once during the call”",
        ),
        (
            "first-reply.ru.md",
            41,
            "MEA001",
            "«в кратчайшие сроки» — обещание скорости без срока",
            "замените «в кратчайшие сроки» на срок, например «в течение 4 рабочих часов»",
        ),
        (
            "first-reply.ru.md",
            42,
            "CON002",
            "«По возможности» делает правило необязательным",
            "уберите «По возможности»; если у правила есть исключения, опишите их в разделе "
            "«Исключения»",
        ),
        (
            "first-reply.ru.md",
            42,
            "MEA002",
            "«регулярно» — частота без числа",
            "укажите частоту: замените «регулярно», например, на «каждый понедельник»",
        ),
    }

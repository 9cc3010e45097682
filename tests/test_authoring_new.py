"""``stdlint new``: a draft whose hints keep it failing until they are replaced by text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stdlint.i18n import Lang
from stdlint.parse.sections import SectionId, heading_for
from tests.authoring import cli, findings, new_handbook

TEXTS = {
    "en": {
        "rule": "1. Send the first reply within 2 working hours of the email's arrival.\n"
        "2. Write the ticket number in the first sentence of the reply.",
        "why": "A customer who gets no reply within 2 working hours phones us, "
        "and one question then takes agent time twice.",
        "exceptions": "- If the customer writes again about an open ticket, add the email "
        "to that ticket.",
        "verification": "Every Monday the head of support reviews last week's first reply "
        "times for each agent.",
        "examples": '- Do: "Your request 4815162 is registered."',
    },
    "ru": {
        "rule": "1. Отправьте первый ответ в течение 2 рабочих часов с момента поступления "
        "письма.\n2. Укажите номер обращения в первом предложении ответа.",
        "why": "Клиент, не получивший ответа за 2 рабочих часа, звонит нам, и на один вопрос "
        "оператор тратит время дважды.",
        "exceptions": "- Если клиент написал повторно по открытому обращению, добавьте письмо "
        "в это обращение.",
        "verification": "Каждый понедельник руководитель поддержки разбирает время первых "
        "ответов за прошлую неделю по каждому оператору.",
        "examples": "- Как надо: «Ваше обращение № 4815162 зарегистрировано».",
    },
}
_HINT = re.compile(r"<!-- (?:hint|подсказка): .*? -->")


def _fill(text: str, lang: str) -> str:
    """The standard with each hint replaced by the section's real text."""
    by_heading = {heading_for(section, Lang(lang)): section for section in SectionId}
    lines, current = [], None
    for line in text.split("\n"):
        if line.startswith("## "):
            current = by_heading[line[3:]]
        if _HINT.fullmatch(line):
            assert current is not None
            line = TEXTS[lang][current.value]
        lines.append(line)
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_new_then_hints_replaced_then_check_is_clean(tmp_path: Path, lang: str) -> None:
    folder = new_handbook(tmp_path / "company")
    title = "First reply to an email" if lang == "en" else "Первый ответ на письмо"
    run = cli(
        "new", "--yes", "--id", "email-first-reply", "--title", title, "--lang", lang,
        "--stage", "support", "--channel", "email", "--owner", "Head of support",
        "--review-every", "6 month", "--today", "2026-11-30",
        cwd=folder,
    )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    created = folder / f"standards/email-first-reply.{lang}.md"
    text = created.read_text("utf-8")
    assert text.startswith(
        f"---\nid: email-first-reply\ntitle: {title}\nlang: {lang}\nstatus: draft\n"
    )
    assert "last_reviewed: 2026-11-30\n" in text
    assert ("review_every: 6 months\n" if lang == "en" else "review_every: 6 месяцев\n") in text
    assert f"\n# {title}\n" in text
    assert len(_HINT.findall(text)) == len(SectionId)

    # Hints alone: every section is empty, so the half-written standard cannot pass.
    empty = [d for d in findings(folder) if d["path"].endswith(created.name)]
    assert sorted(d["code"] for d in empty) == ["STR007"] * len(SectionId)
    # ... and says that what is left there is the hint, in the standard's language.
    only_hint = "still holds only its hint" if lang == "en" else "пока только подсказка"
    assert all(only_hint in d["message"] for d in empty), empty

    created.write_text(_fill(text, lang), "utf-8")
    assert findings(folder) == []


def test_new_asks_and_asks_again_after_a_wrong_answer(tmp_path: Path) -> None:
    folder = new_handbook(tmp_path / "company")
    answers = "\n".join(
        [
            "ru",  # language
            "Ответ на жалобу",  # title
            "",  # id: the default made from the title
            "complaint, nowhere",  # an unknown stage: asked again
            "complaint",
            "phone,email",
            "Руководитель поддержки",
            "every fortnight",  # not an interval: asked again
            "",  # the profile's default
        ]
    )
    run = cli("new", cwd=folder, input=answers + "\n")
    assert run.exit_code == 0, run.stderr
    assert "“nowhere”: not in the list" in run.output  # the handbook's first language: en
    created = folder / "standards/otvet-na-zhalobu.ru.md"
    text = created.read_text("utf-8")
    assert "journey: [complaint]\nchannels: [phone, email]\n" in text
    assert "owner: Руководитель поддержки\n" in text
    assert "review_every: 1 год\n" in text
    assert "## Правило\n\n<!-- подсказка:" in text


def test_a_duplicate_id_is_refused_and_a_translation_goes_beside_its_original(
    tmp_path: Path,
) -> None:
    folder = new_handbook(tmp_path / "company", "--languages", "en,ru")
    (folder / "standards/next-step.ru.md").unlink()
    duplicate = cli("new", "--yes", "--id", "next-step", "--title", "X", "--lang", "en", cwd=folder)
    assert duplicate.exit_code == 2
    assert "already used by standards/next-step.en.md" in duplicate.stderr
    assert sorted(p.name for p in (folder / "standards").iterdir()) == ["next-step.en.md"]

    translation = cli(
        "new", "--yes", "--id", "next-step", "--title", "Имя", "--lang", "ru", cwd=folder
    )
    assert translation.exit_code == 0, translation.stderr
    assert "будет его переводом" in translation.output  # messages in the standard's language
    assert (folder / "standards/next-step.ru.md").is_file()


def test_new_never_overwrites_a_file(tmp_path: Path) -> None:
    folder = new_handbook(tmp_path / "company")
    target = folder / "standards/mine.en.md"
    target.write_text("my words\n", "utf-8")
    run = cli("new", "--yes", "--title", "T", "--lang", "en", "--path", str(target), cwd=folder)
    assert run.exit_code == 2
    assert target.read_text("utf-8") == "my words\n"


def test_new_refuses_an_unknown_stage_given_as_a_flag(tmp_path: Path) -> None:
    folder = new_handbook(tmp_path / "company")
    run = cli("new", "--yes", "--title", "T", "--lang", "en", "--stage", "nowhere", cwd=folder)
    assert run.exit_code == 2
    assert "nowhere" in run.stderr
    assert sorted(p.name for p in (folder / "standards").iterdir()) == [
        "next-step.en.md",
        "next-step.ru.md",
    ]


def test_a_new_draft_is_already_as_fix_would_write_it(tmp_path: Path) -> None:
    folder = new_handbook(tmp_path / "company")
    run = cli(
        "new", "--yes", "--title", "Callback", "--lang", "en", "--owner", "QA: #1", cwd=folder
    )
    assert run.exit_code == 0, run.stderr
    text = (folder / "standards/callback.en.md").read_text("utf-8")
    assert "owner: 'QA: #1'\napproved_by:\napproved_on:\n" in text
    assert cli("fix", "--diff", cwd=folder).exit_code == 0

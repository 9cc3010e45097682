"""REL002 and the channels of handbook.yml: named networks, titles, words and generic groups."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from stdlint.config import load_profile
from stdlint.engine import check_text
from stdlint.i18n import Lang
from stdlint.parse.values import SLUG_PATTERN
from stdlint.rules.base import Context
from stdlint.rules.relevance import ChannelNotOffered
from stdlint.text.lexicon import lexicon_data

DAY = date(2026, 6, 1)

RU_STANDARD = """\
---
id: social-comments
title: Ответ на комментарии
lang: ru
status: active
---

## Правило

1. {step}

## Зачем

Покупатель, которому ответили в течение 2 часов, реже пишет жалобу.

## Как проверяем

Старший смены каждую пятницу проверяет 10 ответов.
"""

EN_STANDARD = """\
---
id: messages
title: Answering messages
lang: en
status: active
---

## Rule

1. {step}

## Why

Customers who get an answer within 2 hours rarely call the shop.

## How we check

The shift lead reads 10 conversations every Friday.
"""

RETAILER = """\
languages: [ru]
standards: [standards]
channels:
  - {id: vk, title: {ru: ВКонтакте}}
  - {id: telegram, title: {ru: Telegram}}
"""


def _findings(tmp_path: Path, profile: str, template: str, step: str) -> list[tuple[str, str]]:
    """(quoted words, message) of every REL002 in a one-step standard checked with ``profile``."""
    (tmp_path / "handbook.yml").write_text(profile, "utf-8")
    (tmp_path / "standards").mkdir(exist_ok=True)
    result = check_text(
        template.format(step=step), "standard.md", load_profile(tmp_path / "handbook.yml"), DAY
    )
    return [(d.quote, d.message) for d in result.diagnostics if d.code == "REL002"]


def _ru(tmp_path: Path, profile: str, step: str) -> list[tuple[str, str]]:
    return _findings(tmp_path, profile, RU_STANDARD, step)


def _en(tmp_path: Path, profile: str, step: str) -> list[tuple[str, str]]:
    return _findings(tmp_path, profile, EN_STANDARD, step)


def test_the_retailers_own_networks_are_offered(tmp_path: Path) -> None:
    step = "Отвечайте на комментарии во ВКонтакте и в Telegram в течение 2 часов."
    assert _ru(tmp_path, RETAILER, step) == []


def test_inflected_names_and_other_names_of_the_same_network(tmp_path: Path) -> None:
    step = "Отвечайте в ВК и в Телеграме в течение 2 часов."
    assert _ru(tmp_path, RETAILER, step) == []


def test_a_network_the_company_does_not_have_is_reported_by_its_name(tmp_path: Path) -> None:
    found = _ru(tmp_path, RETAILER, "Отвечайте в Одноклассниках в течение 2 часов.")
    assert [quote for quote, _ in found] == ["Одноклассниках"]
    assert "«Одноклассники»" in found[0][1]
    assert "социальная сеть" in found[0][1]


def test_words_of_a_channel_are_honoured(tmp_path: Path) -> None:
    profile = "languages: [ru]\nstandards: [standards]\nchannels:\n  - phone\n"
    profile += "  - {id: community, words: {ru: [ВКонтакте, Макс]}}\n"
    step = "Отвечайте во ВКонтакте, в ВК и в Максе в течение 2 часов."
    assert _ru(tmp_path, profile, step) == []


def test_the_companys_words_win_where_they_overlap_built_in_words(tmp_path: Path) -> None:
    profile = "languages: [ru]\nstandards: [standards]\nchannels:\n"
    profile += "  - {id: maps, words: {ru: [Яндекс]}}\n"
    assert _ru(tmp_path, profile, "Отвечайте на отзывы в Яндекс Картах в течение 2 часов.") == []
    found = _ru(tmp_path, profile, "Отвечайте на отзывы в 2ГИС в течение 2 часов.")
    assert [quote for quote, _ in found] == ["2ГИС"]


def test_titles_count_in_every_language(tmp_path: Path) -> None:
    profile = "languages: [en, ru]\nstandards: [standards]\nchannels:\n"
    profile += "  - {id: community, title: {ru: Telegram}}\n"
    assert _en(tmp_path, profile, "Reply on Telegram within 2 hours.") == []


def test_a_titled_channel_makes_the_networks_other_names_fine(tmp_path: Path) -> None:
    profile = "languages: [ru]\nstandards: [standards]\nchannels:\n"
    profile += "  - {id: vkontakte, title: {ru: ВКонтакте}}\n"
    assert _ru(tmp_path, profile, "Отвечайте в ВК в течение 2 часов.") == []


def test_the_generic_group_covers_every_network_in_it(tmp_path: Path) -> None:
    profile = "languages: [ru]\nstandards: [standards]\nchannels: [phone, messenger]\n"
    assert _ru(tmp_path, profile, "Отвечайте в Телеграме в течение 2 часов.") == []
    found = _ru(tmp_path, profile, "Отвечайте во ВКонтакте в течение 2 часов.")
    assert [quote for quote, _ in found] == ["ВКонтакте"]


def test_a_named_network_covers_its_generic_word(tmp_path: Path) -> None:
    step = "Напишите клиенту в мессенджер в течение 2 часов."
    assert _ru(tmp_path, RETAILER, step) == []
    found = _ru(tmp_path, RETAILER, "Оставьте ответ на сайте отзывов в течение 2 часов.")
    assert [quote for quote, _ in found] == ["сайте отзывов"]


def test_english_named_messenger(tmp_path: Path) -> None:
    step = "Message us on WhatsApp and we reply within 2 hours."
    own = "languages: [en]\nstandards: [standards]\nchannels: [phone, whatsapp]\n"
    assert _en(tmp_path, own, step) == []
    group = "languages: [en]\nstandards: [standards]\nchannels: [phone, messenger]\n"
    assert _en(tmp_path, group, step) == []
    other = "languages: [en]\nstandards: [standards]\nchannels: [phone, telegram]\n"
    found = _en(tmp_path, other, step)
    assert [quote for quote, _ in found] == ["WhatsApp"]
    assert found[0][1] == (
        "“WhatsApp” names the channel “WhatsApp” (messenger), which the company does not use"
    )


def test_the_suggestion_names_the_ids_to_add(tmp_path: Path) -> None:
    (tmp_path / "handbook.yml").write_text(RETAILER, "utf-8")
    (tmp_path / "standards").mkdir()
    text = RU_STANDARD.format(step="Отвечайте в Одноклассниках в течение 2 часов.")
    result = check_text(text, "standard.md", load_profile(tmp_path / "handbook.yml"), DAY)
    [finding] = [d for d in result.diagnostics if d.code == "REL002"]
    assert "(vk, telegram)" in finding.suggestion
    assert "«odnoklassniki»" in finding.suggestion and "«social»" in finding.suggestion


def test_channel_finders_are_built_once_per_language_and_company(tmp_path: Path) -> None:
    (tmp_path / "handbook.yml").write_text(RETAILER, "utf-8")
    (tmp_path / "standards").mkdir()
    profile = load_profile(tmp_path / "handbook.yml")
    first = Context.for_profile(profile, DAY).language.channels(Lang.RU)
    again = Context.for_profile(load_profile(tmp_path / "handbook.yml"), DAY).language
    assert again.channels(Lang.RU) is first
    assert again.channels(Lang.EN) is not first


@pytest.mark.parametrize("lang", list(Lang))
def test_the_lexicons_name_the_same_channels_in_the_same_groups(lang: Lang) -> None:
    data = lexicon_data(lang)
    assert set(data["channels"]) == set(lexicon_data(Lang.EN)["channels"])
    assert data["channel_groups"] == lexicon_data(Lang.EN)["channel_groups"]
    members = [member for group in data["channel_groups"].values() for member in group]
    assert len(members) == len(set(members)), "a network belongs to one group"
    assert set(members) | set(data["channel_groups"]) <= set(data["channels"])
    assert all(re.match(SLUG_PATTERN, str(channel)) for channel in data["channels"])


def test_rel002_documents_every_grouped_network() -> None:
    what = ChannelNotOffered.documentation()["What it does"]
    data = lexicon_data(Lang.EN)
    for group, members in data["channel_groups"].items():
        assert f"`{group}`" in what
        for member in members:
            assert data["channels"][member]["name"] in what, member

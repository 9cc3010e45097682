"""CNS002 names what differs between a translation and its original, in its own language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from stdlint.config import load_profile
from stdlint.engine import check

EN = """\
---
id: phone-pickup
title: Picking up the phone
lang: en
status: active
channels: {channels}
{metrics}---

## Rule

1. Answer the call within {rings} rings.
"""

RU = """\
---
id: phone-pickup
title: Ответ на звонок
lang: ru
status: active
channels: {channels}
{metrics}---

## Правило

1. Ответьте на звонок не позже {rings} гудков.
"""


@pytest.fixture(autouse=True)
def _in_handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths in messages are relative to the working folder: work in the handbook."""
    monkeypatch.chdir(tmp_path)


def _metric(target: int) -> str:
    return f"metrics: [{{id: answer-time, unit: seconds, target: {target}}}]\n"


def _drift(
    tmp_path: Path,
    languages: str,
    en: dict[str, object],
    ru: dict[str, object],
) -> str:
    """The one CNS002 message on a handbook of an English and a Russian version."""
    (tmp_path / "handbook.yml").write_text(
        f"languages: [{languages}]\nstandards: [standards]\n", "utf-8"
    )
    folder = tmp_path / "standards"
    folder.mkdir()
    defaults: dict[str, object] = {"channels": "[phone]", "metrics": "", "rings": 3}
    (folder / "pickup.en.md").write_text(EN.format(**{**defaults, **en}), "utf-8")
    (folder / "pickup.ru.md").write_text(RU.format(**{**defaults, **ru}), "utf-8")
    result = check(None, load_profile(Path("handbook.yml")), date(2026, 6, 1))
    [message] = [d.message for d in result.diagnostics if d.code == "CNS002"]
    return message


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        ("ru, en", "numbers in the rule: 3 rings here, 4 rings there"),
        ("en, ru", "числа в правиле: здесь 4 гудка, там 3 гудка"),
    ],
    ids=["english-translation", "russian-translation"],
)
def test_rule_numbers_on_each_side(tmp_path: Path, languages: str, expected: str) -> None:
    message = _drift(tmp_path, languages, {"rings": 3}, {"rings": 4})
    assert message.endswith(expected), message


def test_channels_only_in_one_version(tmp_path: Path) -> None:
    message = _drift(
        tmp_path, "ru, en", {"channels": "[phone, chat]"}, {"channels": "[phone, email]"}
    )
    assert message == (
        "this translation of “phone-pickup” differs from “standards/pickup.ru.md”: "
        "channels: “chat” only here, “email” only there"
    )


def test_metric_field_with_both_values(tmp_path: Path) -> None:
    message = _drift(tmp_path, "en, ru", {"metrics": _metric(20)}, {"metrics": _metric(30)})
    assert message.endswith("метрика «answer-time»: цель здесь 30, там 20"), message


def test_long_list_of_differences_is_cut(tmp_path: Path) -> None:
    message = _drift(
        tmp_path,
        "ru, en",
        {"channels": "[phone, chat, email]", "metrics": _metric(20), "rings": 3},
        {"channels": "[phone]", "metrics": _metric(30) + "roles: [agent]\n", "rings": 5},
    )
    assert message.endswith(
        ": numbers in the rule: 3 rings here, 5 rings there; "
        "metric “answer-time”: target 20 here, 30 there; "
        "channels: “chat” and “email” only here; and 1 more difference"
    ), message

"""Regional copies of the example handbook: the pieces the generated handbooks share.

Used by ``bench_site.py`` (the example's standards copied per branch) and
``generate_handbook.py`` (standards composed from the example's and the published sentences):
the fictional provider's branches, the profile's stages and channels, and the seeded choices
that make one branch's copy of a standard differ from another's (journey stages, channels,
review and approval dates).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"

# Regional branches of the fictional provider: folder, Russian and English names.
BRANCHES = [
    ("kazan", "Казань", "Kazan"),
    ("samara", "Самара", "Samara"),
    ("ufa", "Уфа", "Ufa"),
    ("perm", "Пермь", "Perm"),
    ("izhevsk", "Ижевск", "Izhevsk"),
    ("ulyanovsk", "Ульяновск", "Ulyanovsk"),
    ("penza", "Пенза", "Penza"),
    ("saratov", "Саратов", "Saratov"),
    ("tolyatti", "Тольятти", "Tolyatti"),
    ("cheboksary", "Чебоксары", "Cheboksary"),
    ("yoshkar-ola", "Йошкар-Ола", "Yoshkar-Ola"),
    ("saransk", "Саранск", "Saransk"),
    ("kirov", "Киров", "Kirov"),
    ("orenburg", "Оренбург", "Orenburg"),
    ("naberezhnye-chelny", "Набережные Челны", "Naberezhnye Chelny"),
    ("sterlitamak", "Стерлитамак", "Sterlitamak"),
    ("syzran", "Сызрань", "Syzran"),
    ("dimitrovgrad", "Димитровград", "Dimitrovgrad"),
    ("almetyevsk", "Альметьевск", "Almetyevsk"),
    ("nizhnekamsk", "Нижнекамск", "Nizhnekamsk"),
    ("engels", "Энгельс", "Engels"),
    ("balakovo", "Балаково", "Balakovo"),
    ("votkinsk", "Воткинск", "Votkinsk"),
    ("glazov", "Глазов", "Glazov"),
    ("sarapul", "Сарапул", "Sarapul"),
    ("berezniki", "Березники", "Berezniki"),
    ("solikamsk", "Соликамск", "Solikamsk"),
    ("kungur", "Кунгур", "Kungur"),
    ("orsk", "Орск", "Orsk"),
    ("buzuluk", "Бузулук", "Buzuluk"),
    ("novocheboksarsk", "Новочебоксарск", "Novocheboksarsk"),
    ("neftekamsk", "Нефтекамск", "Neftekamsk"),
]

# A Markdown link to another standard: [text](path.md#anchor).
LINK = re.compile(r"\[([^\]]+)\]\(([^)\s#]+\.md)(#[^)\s]*)?\)")


def branch(number: int) -> tuple[str, str, str]:
    """The ``number``-th branch (from 1): folder, Russian and English name; a numbered cycle
    of the list once it runs out (``kazan-2``, «Казань-2»)."""
    slug, ru, en = BRANCHES[(number - 1) % len(BRANCHES)]
    if number > len(BRANCHES):
        cycle = (number - 1) // len(BRANCHES) + 1
        slug, ru, en = f"{slug}-{cycle}", f"{ru}-{cycle}", f"{en}-{cycle}"
    return slug, ru, en


def journey_and_channels(profile: Path = REPO / "handbook.yml") -> tuple[list[str], list[str]]:
    """The ids of the profile's journey stages and channels, in order."""
    data = YAML(typ="safe").load(profile.read_text("utf-8"))
    return [s["id"] for s in data["journey"]], [c["id"] for c in data["channels"]]


def flow_list(line: str) -> list[str]:
    """The items of a one-line YAML flow list: ``journey: [a, b]`` → ``["a", "b"]``."""
    return [item.strip() for item in line.split("[", 1)[1].rsplit("]", 1)[0].split(",")]


def regional_choices(
    rng: random.Random,
    journey: list[str],
    own: list[str],
    stages: list[str],
    channels: list[str],
    today: date,
) -> dict[str, Any]:
    """One branch's copy of a standard: its stages reordered and sometimes one more, sometimes
    one more channel, and review dates mostly fresh, about one in ten due within the 30-day
    warning horizon. ``journey`` and ``own`` (the channels) are changed in place."""
    rng.shuffle(journey)
    if rng.random() < 0.3:
        extra = rng.choice(stages)
        journey += [] if extra in journey else [extra]
    if rng.random() < 0.2:
        extra = rng.choice(channels)
        own += [] if extra in own else [extra]
    reviewed = today - timedelta(
        days=rng.randint(335, 364) if rng.random() < 0.1 else rng.randint(1, 300)
    )
    approved = reviewed - timedelta(days=rng.randint(0, 60))
    return {
        "journey": journey,
        "channels": own,
        "last_reviewed": reviewed,
        "approved_on": approved,
    }


def regional_front(
    lines: Iterable[str], suffix: str, city: str, choices: Mapping[str, Any]
) -> list[str]:
    """The front matter's lines of an example standard, rewritten for a regional branch: the
    branch's suffix on the id, its city in the title, and the seeded ``choices`` (dates, stages,
    channels, and the status when chosen) in place of the example's."""
    rewritten = []
    for line in lines:
        key, _, value = line.partition(":")
        if key == "id":
            line = f"{line}-{suffix}"
        elif key == "title":
            line = f"title: {value.strip()} — {city}"
        elif key in ("status", "approved_on", "last_reviewed") and key in choices:
            line = f"{key}: {choices[key]}"  # a date as ISO 8601
        elif key in ("journey", "channels"):
            line = f"{key}: [{', '.join(choices[key])}]"
        rewritten.append(line)
    return rewritten

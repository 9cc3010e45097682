"""Section ids of a standard and the localised headings that name them (data/sections.yml)."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from importlib import resources

from ruamel.yaml import YAML

from stdlint.i18n import Lang


class SectionId(StrEnum):
    """The sections a standard can have."""

    RULE = "rule"
    WHY = "why"
    EXCEPTIONS = "exceptions"
    VERIFICATION = "verification"
    EXAMPLES = "examples"


# How a hint of ``stdlint new`` starts, per language: an HTML comment, so it never shows in the
# published handbook; a section that holds only its hint is empty (STR007) until it is written.
HINT_LABEL = {Lang.EN: "hint", Lang.RU: "подсказка"}
_HINT = re.compile(r"<!--\s*(?:" + "|".join(HINT_LABEL.values()) + r")\s*:")


def is_hint(line: str) -> bool:
    """Whether a line holds a hint that ``stdlint new`` wrote."""
    return _HINT.search(line) is not None


@cache
def headings() -> dict[SectionId, dict[Lang, tuple[str, ...]]]:
    """Every accepted heading of every section, by language."""
    text = resources.files("stdlint").joinpath("data/sections.yml").read_text("utf-8")
    raw = YAML(typ="safe").load(text)
    return {
        SectionId(section): {Lang(lang): tuple(names) for lang, names in by_lang.items()}
        for section, by_lang in raw.items()
    }


def normalise_heading(text: str) -> str:
    """A heading reduced to what matching compares: case, spaces, a trailing colon."""
    return " ".join(text.replace("ё", "е").replace("Ё", "Е").split()).rstrip(":").strip().casefold()


@cache
def _index() -> dict[str, SectionId]:
    return {
        normalise_heading(name): section
        for section, by_lang in headings().items()
        for names in by_lang.values()
        for name in names
    }


def section_of(heading: str) -> SectionId | None:
    """The section a heading names, in either language; None for a free-form section."""
    return _index().get(normalise_heading(heading))


def heading_for(section: SectionId, lang: Lang) -> str:
    """The template heading of ``section`` in ``lang``."""
    return headings()[section][lang][0]

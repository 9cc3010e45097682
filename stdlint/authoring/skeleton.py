"""The parts a new standard is made of: section headings with their hints, and front matter
values written the way the handbook's own standards write them."""

from __future__ import annotations

from functools import cache
from importlib import resources

from ruamel.yaml import YAML

from stdlint.i18n import Lang, plural
from stdlint.parse.sections import HINT_LABEL, SectionId, heading_for
from stdlint.parse.values import Interval

_UNIT_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str, str]]] = {
    "days": (("day", "days"), ("день", "дня", "дней")),
    "weeks": (("week", "weeks"), ("неделя", "недели", "недель")),
    "months": (("month", "months"), ("месяц", "месяца", "месяцев")),
    "years": (("year", "years"), ("год", "года", "лет")),
}


@cache
def _hints() -> dict[SectionId, dict[Lang, str]]:
    text = resources.files("stdlint").joinpath("data/hints.yml").read_text("utf-8")
    raw = YAML(typ="safe").load(text)
    return {
        SectionId(section): {Lang(lang): hint for lang, hint in by_lang.items()}
        for section, by_lang in raw.items()
    }


def hint(section: SectionId, lang: Lang) -> str:
    """The hint comment that says what to write in ``section``."""
    return f"<!-- {HINT_LABEL[lang]}: {_hints()[section][lang]} -->"


def section_block(section: SectionId, lang: Lang) -> str:
    """An H2 heading of ``section`` with its hint under it, ending with a newline."""
    return f"## {heading_for(section, lang)}\n\n{hint(section, lang)}\n"


def interval_text(interval: Interval, lang: Lang) -> str:
    """An interval as the standards of ``lang`` write it: "6 months", «6 месяцев», «1 год»."""
    english, russian = _UNIT_WORDS[interval.unit]
    return plural(lang, interval.count, english, russian)


def body(title: str, lang: Lang) -> str:
    """The body of a new standard: the H1 title and every section with its hint."""
    sections = "\n".join(section_block(section, lang) for section in SectionId)
    return f"# {title}\n\n{sections}"

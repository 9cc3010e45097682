"""Languages and bilingual texts: every message a user reads exists in English and Russian."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum


class Lang(StrEnum):
    """A language a standard can be written in."""

    EN = "en"
    RU = "ru"


@dataclass(frozen=True, slots=True)
class Text:
    """One message in both languages, with ``str.format`` placeholders."""

    en: str
    ru: str

    def render(self, lang: Lang, /, **fields: object) -> str:
        """The message in ``lang`` with ``fields`` filled in."""
        template = self.ru if lang is Lang.RU else self.en
        return template.format(**fields) if fields else template


# The hint after a misspelt name; ``candidate`` is already quoted.
DID_YOU_MEAN = Text(en="did you mean {candidate}?", ru="возможно, имелось в виду {candidate}?")


def quote(lang: Lang, value: object) -> str:
    """Quote a user's words the way each language's typography does."""
    return f"«{value}»" if lang is Lang.RU else f"“{value}”"


def join_quoted(lang: Lang, values: list[str] | tuple[str, ...]) -> str:
    """A comma-separated list of quoted values."""
    return ", ".join(quote(lang, value) for value in values)


def detect_lang(text: str, default: Lang) -> Lang:
    """Guess a text's language from its letters, for files whose front matter cannot be read."""
    cyrillic = latin = 0
    for char in text[:4000]:
        if "а" <= char.lower() <= "я" or char in "ёЁ":
            cyrillic += 1
        elif "a" <= char.lower() <= "z":
            latin += 1
    if cyrillic == latin == 0:
        return default
    return Lang.RU if cyrillic > latin else Lang.EN


def plural(lang: Lang, count: int, en: tuple[str, str], ru: tuple[str, str, str]) -> str:
    """``count`` with the noun form the language needs (Russian has three)."""
    if lang is Lang.RU:
        tail = count % 100
        if 11 <= tail <= 14:
            form = ru[2]
        elif count % 10 == 1:
            form = ru[0]
        elif 2 <= count % 10 <= 4:
            form = ru[1]
        else:
            form = ru[2]
        return f"{count} {form}"
    return f"{count} {en[0] if count == 1 else en[1]}"


def environment_lang() -> Lang | None:
    """The language asked for by ``STDLINT_LANG`` or the locale, if it is one stdlint speaks."""
    explicit = os.environ.get("STDLINT_LANG", "").lower()
    if explicit:
        return Lang.RU if explicit.startswith("ru") else Lang.EN
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").lower()
        if value:
            return next((lang for lang in Lang if value.startswith(lang.value)), None)
    return None

"""A rule's documentation in English (its docstring) or Russian (``docs.ru.yml``), and ``explain``.

The docstring stays the original; the Russian file translates its prose sections, while the
Example and Use instead blocks are shared by both languages. Sections are keyed by a stable id:
``summary``, ``what_it_does``, ``why_it_matters``, ``example``, ``use_instead``, ``options``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import click

from stdlint.diagnostics import Severity
from stdlint.i18n import Lang, Text
from stdlint.parse.yamlsource import load_data
from stdlint.rules.base import Rule

SUMMARY = "summary"
_HEADINGS = {
    "what_it_does": Text(en="What it does", ru="Что проверяет"),
    "why_it_matters": Text(en="Why it matters", ru="Почему это важно"),
    "example": Text(en="Example", ru="Пример"),
    "use_instead": Text(en="Use instead", ru="Как надо"),
    "options": Text(en="Options", ru="Настройки"),
}
_RULE_LINE = Text(
    en="criterion: {criterion} · default severity: {severity}",
    ru="критерий: {criterion} · уровень по умолчанию: {severity}",
)
# A standard's front matter names its language; other blocks (handbook.yml) have none.
_BLOCK_LANG = re.compile(r"^lang: *(\w+)", re.M)


def section_id(heading: str) -> str:
    """The stable id of a docstring heading: ``What it does`` → ``what_it_does``."""
    return heading.strip().lower().replace(" ", "_") or SUMMARY


@cache
def russian_documentation() -> dict[str, dict[str, str]]:
    """The Russian sections of the built-in rules, by rule code and section id."""
    text = resources.files("stdlint.rules").joinpath("docs.ru.yml").read_text("utf-8")
    data: dict[str, dict[str, str]] = load_data(text)
    return data


def rule_documentation(rule: type[Rule], lang: Lang) -> dict[str, str]:
    """The rule's non-empty sections in ``lang`` by section id, the summary first.

    Sections without a Russian text (a plugin rule's) stay in English.
    """
    translated = russian_documentation().get(rule.code, {}) if lang is Lang.RU else {}
    sections = {}
    for heading, body in rule.documentation().items():
        key = section_id(heading)
        text = translated.get(key, body).strip()
        if key in ("example", "use_instead"):
            text = _language_first(text, lang)
        if text:
            sections[key] = text
    return sections


def _language_first(section: str, lang: Lang) -> str:
    """The section's code blocks with those written in ``lang`` first, if it holds only blocks."""
    blocks, text_outside = _fenced_blocks(section)
    if not blocks or text_outside:
        return section

    def in_other_language(block: str) -> bool:
        found = _BLOCK_LANG.search(block)
        return found is not None and found.group(1) != lang.value

    return "\n".join(sorted(blocks, key=in_other_language))


def section_heading(key: str, lang: Lang) -> str:
    """The heading of documentation section ``key`` in ``lang`` (an unknown id: made from it)."""
    if key in _HEADINGS:
        return _HEADINGS[key].render(lang)
    return key.replace("_", " ").capitalize()


def rule_summary(rule: type[Rule], lang: Lang) -> str:
    """One line of the rule list: code, name, default severity and the summary, in ``lang``."""
    width = max(len(severity.word(lang)) for severity in Severity) + 1
    summary = rule_documentation(rule, lang).get(SUMMARY, "").split("\n")[0]
    severity = rule.default_severity.word(lang)
    return f"{rule.code}  {rule.name:<28} {severity:<{width}} {summary}"


def explain_text(rule: type[Rule], lang: Lang) -> str:
    """A rule's documentation as printed by ``stdlint explain CODE``."""
    sections = rule_documentation(rule, lang)
    lines = [
        click.style(f"{rule.code} {rule.name}", bold=True),
        _RULE_LINE.render(
            lang,
            criterion=rule.criterion.word(lang),
            severity=rule.default_severity.word(lang),
        ),
        "",
        sections.get(SUMMARY, ""),
    ]
    for key, body in sections.items():
        if key != SUMMARY:
            lines += ["", click.style(section_heading(key, lang), bold=True), body]
    return "\n".join(lines)


def _fenced_blocks(section: str) -> tuple[list[str], bool]:
    """The ```-fenced blocks of ``section``, and whether any text stands outside them.

    A scan of lines, not a regular expression: searching for a closing fence from every line
    that opens one was quadratic when none closes.
    """
    lines = section.split("\n")
    blocks: list[str] = []
    text_outside = False
    index = 0
    while index < len(lines):
        if lines[index].startswith("```"):
            closing = next((j for j in range(index + 1, len(lines)) if lines[j] == "```"), None)
            if closing is None:
                # An unclosed fence is text like any other, and no block can follow it.
                return blocks, text_outside or any(line.strip() for line in lines[index:])
            blocks.append("\n".join(lines[index : closing + 1]))
            index = closing + 1
        else:
            text_outside = text_outside or bool(lines[index].strip())
            index += 1
    return blocks, text_outside

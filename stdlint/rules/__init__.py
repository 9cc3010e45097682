"""The explicit registry of every rule, sorted by code.

Codes are never reused: a removed rule leaves a tombstone comment here. Third-party rules come
in through the ``stdlint.rules`` entry-point group (each entry point names a Rule subclass).
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from stdlint.rules import concreteness, measurability, structure, transparency
from stdlint.rules.base import (
    Context,
    DocumentRule,
    HandbookRule,
    ProblemRule,
    Rule,
    SuppressionRule,
)

BUILTIN_RULES: tuple[type[Rule], ...] = (
    concreteness.VagueQuality,  # CON001
    concreteness.EscapeClause,  # CON002
    concreteness.Exhortation,  # CON003
    measurability.UnboundedDeadline,  # MEA001
    measurability.UnboundedFrequency,  # MEA002
    measurability.VagueQuantity,  # MEA003
    measurability.HedgedBound,  # MEA004
    structure.MissingFrontMatter,  # STR001
    structure.InvalidFrontMatter,  # STR002
    structure.UnknownField,  # STR003
    structure.InvalidFieldValue,  # STR004
    structure.MissingField,  # STR005
    structure.MissingSection,  # STR006
    structure.EmptySection,  # STR007
    structure.DuplicateId,  # STR008
    structure.NotUtf8,  # STR009
    structure.UnreadableFile,  # STR010
    structure.TitleMismatch,  # STR011
    structure.UnusedSuppression,  # STR012
    structure.UnexplainedSuppression,  # STR013
    transparency.LongSentence,  # TRN001
    transparency.UndefinedAbbreviation,  # TRN002
    transparency.CommitmentStep,  # TRN003
)

ENTRY_POINT_GROUP = "stdlint.rules"


@cache
def all_rules() -> tuple[type[Rule], ...]:
    """Built-in rules, then those installed by plugins, sorted by code."""
    plugins = [entry.load() for entry in entry_points(group=ENTRY_POINT_GROUP)]
    rules = [
        *BUILTIN_RULES,
        *(rule for rule in plugins if isinstance(rule, type) and issubclass(rule, Rule)),
    ]
    return tuple(sorted(rules, key=lambda rule: rule.code))


def find_rule(code_or_name: str) -> type[Rule] | None:
    """The rule with this code (any case) or name."""
    wanted = code_or_name.strip()
    for rule in all_rules():
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None


__all__ = [
    "BUILTIN_RULES",
    "Context",
    "DocumentRule",
    "HandbookRule",
    "ProblemRule",
    "Rule",
    "SuppressionRule",
    "all_rules",
    "find_rule",
]

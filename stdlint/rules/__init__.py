"""The explicit registry of every rule, sorted by code.

Codes are never reused: a removed rule leaves a tombstone comment here. Third-party rules come
in through the ``stdlint.rules`` entry-point group (each entry point names a Rule subclass).
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from stdlint.rules import (
    completeness,
    concreteness,
    consistency,
    currency,
    economy,
    freedom,
    measurability,
    relevance,
    structure,
    transparency,
)
from stdlint.rules.base import (
    Context,
    DocumentRule,
    FactsRule,
    HandbookRule,
    ProblemRule,
    Rule,
    SuppressionRule,
)

BUILTIN_RULES: tuple[type[Rule], ...] = (
    completeness.StageWithoutStandard,  # CMP001
    completeness.CellWithoutStandard,  # CMP002
    completeness.DimensionNotCovered,  # CMP003
    completeness.UnverifiedStandard,  # CMP004
    consistency.ConflictingTargets,  # CNS001
    consistency.TranslationDrift,  # CNS002
    consistency.TranslationReviewLag,  # CNS003
    concreteness.VagueQuality,  # CON001
    concreteness.EscapeClause,  # CON002
    concreteness.Exhortation,  # CON003
    currency.ReviewOverdue,  # CUR001
    currency.ReviewDueSoon,  # CUR002
    currency.MissingGovernance,  # CUR003
    currency.DateInFuture,  # CUR004
    currency.LinkToRetired,  # CUR005
    currency.SupersededButActive,  # CUR006
    economy.MissingReason,  # ECO001
    freedom.AbsoluteWithoutExceptions,  # FRD001
    measurability.UnboundedDeadline,  # MEA001
    measurability.UnboundedFrequency,  # MEA002
    measurability.VagueQuantity,  # MEA003
    measurability.HedgedBound,  # MEA004
    measurability.IncompleteMetric,  # MEA005
    measurability.NonMonotoneZones,  # MEA006
    measurability.TargetOutsideGreen,  # MEA007
    measurability.ProseContradictsTarget,  # MEA008
    measurability.SpeedWithoutCounterbalance,  # MEA009
    measurability.TargetWithoutShare,  # MEA010
    relevance.UnknownProfileValue,  # REL001
    relevance.ChannelNotOffered,  # REL002
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
    "FactsRule",
    "HandbookRule",
    "ProblemRule",
    "Rule",
    "SuppressionRule",
    "all_rules",
    "find_rule",
]

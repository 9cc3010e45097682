"""CNS: consistency — one promise per metric and channel, and translations that agree."""

from stdlint.rules.consistency.targets import ConflictingTargets
from stdlint.rules.consistency.translations import TranslationDrift, TranslationReviewLag

__all__ = ["ConflictingTargets", "TranslationDrift", "TranslationReviewLag"]

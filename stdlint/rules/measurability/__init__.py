"""MEA: measurability — promises carry bounds, and metrics have units, targets and zones."""

from stdlint.rules.measurability.metrics import (
    IncompleteMetric,
    NonMonotoneZones,
    ProseContradictsTarget,
    SpeedWithoutCounterbalance,
    TargetOutsideGreen,
)
from stdlint.rules.measurability.prose import (
    HedgedBound,
    TargetWithoutShare,
    UnboundedDeadline,
    UnboundedFrequency,
    VagueQuantity,
)

__all__ = [
    "HedgedBound",
    "IncompleteMetric",
    "NonMonotoneZones",
    "ProseContradictsTarget",
    "SpeedWithoutCounterbalance",
    "TargetOutsideGreen",
    "TargetWithoutShare",
    "UnboundedDeadline",
    "UnboundedFrequency",
    "VagueQuantity",
]

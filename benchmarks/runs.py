"""What the whole-process benchmarks record of one command over their rounds."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Runs:
    """The measurements of one command over the rounds."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    failed: str = ""

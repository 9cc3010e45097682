"""Is placing the sentences of a long paragraph linear? Time at n against 4n sentences.

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/bench_prose.py``.

One paragraph of "Word `x`. " repeated: every code span is an anchor of its block, and every
sentence is placed by :meth:`stdlint.parse.prose.Prose.locate`. Four times the paragraph
should take about four times as long: a ratio near 4 is linear, near 16 quadratic (the
offsets of the anchors were once rebuilt on every call: 7 s for 8,000 repetitions).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stdlint.i18n import Lang
from stdlint.parse.document import parse
from stdlint.parse.source import decode

SMALL, LARGE = 2_000, 8_000


def _seconds(repetitions: int) -> tuple[float, float]:
    """Best of three: parsing the paragraph, then splitting and placing its sentences."""
    data = ("Word `x`. " * repetitions).encode("utf-8")
    best_parse = best_place = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        doc = parse(decode(Path("standard.md"), data), "standard.md", Lang.EN)
        parsed = time.perf_counter()
        placed = sum(1 for block in doc.prose for _ in block.sentences())
        done = time.perf_counter()
        assert placed == repetitions, placed
        best_parse = min(best_parse, parsed - start)
        best_place = min(best_place, done - parsed)
    return best_parse, best_place


def main() -> None:
    small, large = _seconds(SMALL), _seconds(LARGE)
    print(f"{'Word `x`. repeated':<28} {f'{SMALL:,} ×':>10} {f'{LARGE:,} ×':>10} {'ratio':>6}")
    for name, index in (("parse", 0), ("place the sentences", 1)):
        print(
            f"{name:<28} {small[index] * 1000:>8.1f}ms {large[index] * 1000:>8.1f}ms"
            f" {large[index] / max(small[index], 1e-9):>6.1f}"
        )


if __name__ == "__main__":
    main()

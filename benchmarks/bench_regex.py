"""Is every regular expression of the package linear? Time at 25 KB against 100 KB.

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/bench_regex.py``.

For each pattern (found as ``tests/test_regex_linear.py`` finds them), every adversarial input
of ``tests/regexes.py`` is run at about 25 KB and about 100 KB (search, match and every
match; the best of three). Four times the input should take about four times as long: a ratio
near 4 is linear, near 16 quadratic. Two columns: the total over all inputs, and the input
that took longest at 100 KB.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.regexes import adversarial_inputs, exercise, package_patterns

SMALL, LARGE = 25_000, 100_000


def _seconds(pattern: re.Pattern[str], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        exercise(pattern, text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    small, large = adversarial_inputs(SMALL), adversarial_inputs(LARGE)
    print(f"{'pattern':<42} {'all 25 KB':>10} {'all 100 KB':>10} {'ratio':>6}   worst input")
    for name, pattern in package_patterns().items():
        times = {
            key: (_seconds(pattern, small[key]), _seconds(pattern, large[key])) for key in large
        }
        total_small = sum(pair[0] for pair in times.values())
        total_large = sum(pair[1] for pair in times.values())
        worst = max(times, key=lambda key: times[key][1])
        worst_small, worst_large = times[worst]
        print(
            f"{name:<42} {total_small * 1000:>8.1f}ms {total_large * 1000:>8.1f}ms"
            f" {total_large / total_small:>6.1f}   {worst}: {worst_small * 1000:.1f} →"
            f" {worst_large * 1000:.1f} ms (×{worst_large / max(worst_small, 1e-9):.1f})"
        )


if __name__ == "__main__":
    main()

"""Every regular expression of the package stays linear on adversarial input.

No time is asserted (timing assertions are flaky): each pattern runs on inputs of about
100 KB built to make backtracking explode (``tests/regexes.py``), in a subprocess with a
generous timeout. A linear pattern takes milliseconds per input and the whole set a few
seconds; a quadratic one takes minutes to hours on a single input, so it cannot pass.
``benchmarks/bench_regex.py`` prints the figures.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.regexes import adversarial_inputs, package_patterns

ROOT = Path(__file__).resolve().parent.parent
# The whole set takes about 7 s; a quadratic pattern would need hours on one 100 KB input.
TIMEOUT_SECONDS = 60


def test_patterns_are_collected() -> None:
    names = set(package_patterns())
    assert {
        "stdlint.parse.sentences._BOUNDARY",
        "stdlint.parse.suppressions._DIRECTIVE",
        "stdlint.parse.values._INTERVAL",
        "stdlint.parse.values.SLUG_PATTERN",
        "stdlint.text.tokens._TOKEN",
        "stdlint.rules.base.CODE_PATTERN",
    } <= names
    # A literal passed to re.split inside a function is found too.
    assert any(name.startswith("stdlint.parse.suppressions:") for name in names)


def test_inputs_are_about_100_kb() -> None:
    sizes = [len(text) for text in adversarial_inputs(100_000).values()]
    assert min(sizes) >= 99_000
    assert max(sizes) <= 101_000


def test_every_pattern_is_linear_on_adversarial_input() -> None:
    try:
        completed = subprocess.run(
            [sys.executable, "-m", "tests.regexes"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired as error:
        output = error.stdout or ""
        if isinstance(output, bytes):
            output = output.decode("utf-8", "replace")
        running = output.strip().rsplit("\n", 1)[-1]
        pytest.fail(f"not linear: no end after {TIMEOUT_SECONDS} s, running {running}")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.rstrip().endswith("inputs"), completed.stdout[-500:]

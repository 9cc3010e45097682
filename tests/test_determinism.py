"""The same input gives the same findings in every process, whatever Python's hash seed.

Sets of strings iterate in an order that changes from process to process (PYTHONHASHSEED), so
anything chosen while walking one must not depend on that order: a finding's words are part of
its baseline fingerprint, and --jobs compares workers' output with a serial run's.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import REPO

# "highest standards" is both a quality and an action in the English lexicon; which one a
# sentence got used to depend on the order of a word's lemmas (a set).
_PROBE = """
from stdlint.i18n import Lang
from stdlint.text.analysis import LanguageEngine
facts = LanguageEngine().facts(
    "We want to make sure that we provide the highest standards of customer service.", Lang.EN
)
print([(flag.kind, facts.text[flag.start:flag.end]) for flag in facts.flags])
"""


def _run(seed: int, *arguments: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": str(seed)}
    completed = subprocess.run(
        [sys.executable, *arguments], capture_output=True, text=True, env=environment, cwd=REPO
    )
    assert completed.returncode in (0, 1), completed.stderr
    return completed.stdout


def test_a_term_written_in_two_categories_is_read_the_same_in_every_process() -> None:
    seen = {_run(seed, "-c", _PROBE) for seed in range(8)}
    assert seen == {"[('exhortation', 'provide the highest standards')]\n"}


def test_a_check_is_the_same_under_any_hash_seed() -> None:
    command = ("-m", "stdlint", "check", "--format", "json", "--today", "2026-11-30", "--jobs", "1")
    handbook = str(REPO / "tests" / "golden" / "handbook")
    outputs = {_run(seed, *command, handbook) for seed in (1, 2, 3)}
    assert len(outputs) == 1
    assert '"code": "CON003"' in outputs.pop()

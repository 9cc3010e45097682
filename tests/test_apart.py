"""Steps of work shared with a forked helper process give what they give in this one."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from functools import partial
from pathlib import Path

import pytest

from stdlint.config import load_profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.engine import apart, check, judge
from stdlint.parse.facts import Facts
from stdlint.rules import HandbookRule, all_rules
from stdlint.rules.base import Context
from tests.conftest import REPO
from tests.test_containment import CrashEverywhere

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forked on Linux")

PARENT = os.getpid()


def _slow(index: int) -> tuple[int, int]:
    time.sleep(0.05)
    return index * index, os.getpid()


Step = Callable[[], tuple[int, int]]  # a square, and the process that worked it out


def _steps(count: int, step: Callable[[int], tuple[int, int]] = _slow) -> list[Step]:
    return [partial(step, index) for index in range(count)]


def test_a_helper_takes_steps_from_the_first_and_the_results_keep_their_order() -> None:
    merged: list[object] = []
    results = apart.run_steps(_steps(8), 2, lambda: ("settled in", os.getpid()), merged.append)
    assert [square for square, _ in results] == [index * index for index in range(8)]
    helpers = {pid for _, pid in results if pid != PARENT}
    assert len(helpers) == 1
    assert results[0][1] in helpers and results[-1][1] == PARENT
    assert merged == [("settled in", *helpers)]
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_one_job_or_one_step_runs_here_and_settles_nothing(jobs: int) -> None:
    merged: list[object] = []
    steps = _steps(1 if jobs == 2 else 4)
    results = apart.run_steps(steps, jobs, lambda: "settled", merged.append)
    assert {pid for _, pid in results} == {PARENT}
    assert merged == []


def _dies_in_helper(index: int) -> tuple[int, int]:
    if os.getpid() != PARENT and index == 1:
        os._exit(3)  # killed, as native code might be
    return _slow(index)


def test_steps_a_dead_helper_took_are_run_here() -> None:
    merged: list[object] = []
    results = apart.run_steps(_steps(6, _dies_in_helper), 2, lambda: "settled", merged.append)
    assert [square for square, _ in results] == [index * index for index in range(6)]
    assert results[1][1] == PARENT
    assert merged == []  # the helper never settled
    assert multiprocessing.active_children() == []


def _interrupted_here(index: int) -> tuple[int, int]:
    if os.getpid() == PARENT and multiprocessing.active_children():
        raise KeyboardInterrupt
    return _slow(index)


def test_an_interrupted_run_leaves_no_helper() -> None:
    with pytest.raises(KeyboardInterrupt):
        apart.run_steps(_steps(8, _interrupted_here), 2, lambda: None, lambda _: None)
    assert multiprocessing.active_children() == []


class SlowHere(HandbookRule):
    """A handbook-wide plugin rule that takes its time in the process the check runs in.

    ## What it does
    Nothing useful: while it waits, the helper takes every other rule.
    """

    code, name = "STR998", "slow-here"
    criterion, default_severity = Criterion.STRUCTURE, Severity.INFO

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """Nothing, after half a second here."""
        if os.getpid() == PARENT:
            time.sleep(0.5)
        yield from ()


def test_the_handbook_rules_shared_with_a_helper_give_the_serial_result(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """With a rule that fails, reported in the order of the rules whichever process ran it;
    the positions the helper's rules asked (CUR001's: the last rule, slow here, leaves it to
    the helper) are kept with the facts here."""
    plugins = [CrashEverywhere, SlowHere]
    rules = tuple(sorted([*all_rules(), *plugins], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)
    profile = load_profile(REPO / "handbook.yml")
    day = date(2028, 1, 1)  # every standard's review is overdue: positions are asked
    serial = check(None, profile, day, jobs=1, cache=tmp_path / "serial")
    forked: list[int] = []
    run_steps = apart.run_steps

    def counted(*args: object) -> object:
        forked.append(len(args[0]))  # type: ignore[arg-type]
        return run_steps(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(judge, "APART_FROM", 0)
    monkeypatch.setattr(judge, "run_steps", counted)
    shared = check(None, profile, day, jobs=2, cache=tmp_path / "shared")
    assert forked and forked[0] > 10
    assert shared.diagnostics == serial.diagnostics
    assert "CUR001" in {diagnostic.code for diagnostic in shared.diagnostics}
    assert [(f.path, f.stage, f.error) for f in shared.failures] == [
        (f.path, f.stage, f.error) for f in serial.failures
    ]
    assert any(failure.stage == "CNS999" for failure in shared.failures)
    asked = {standard.display_path: set(standard.found) for standard in serial.handbook}
    assert any(asked.values())
    assert {standard.display_path: set(standard.found) for standard in shared.handbook} == asked


@pytest.mark.parametrize(
    "failing", ["tempfile.TemporaryFile", "multiprocessing.process.BaseProcess.start"]
)
def test_with_no_file_or_no_process_for_a_helper_every_step_runs_here(
    monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    def refused(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(failing, refused)
    merged: list[object] = []
    results = apart.run_steps(_steps(4), 2, lambda: "settled", merged.append)
    assert results == [(index * index, PARENT) for index in range(4)]
    assert merged == []

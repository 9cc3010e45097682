"""Building the example handbook's site for the tests: one copy, one command, one build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The example's review dates are set against this day (README: "Keeping the example current").
TODAY = "2026-11-23"


def site_copy(folder: Path) -> Path:
    """The example handbook with its site configuration, in ``folder/handbook``."""
    copy = folder / "handbook"
    copy.mkdir(parents=True)
    for name in ("handbook.yml", "mkdocs.yml"):
        shutil.copy(REPO / name, copy / name)
    for name in ("standards", "site", "examples"):  # examples: the scorecard's measurements
        shutil.copytree(REPO / name, copy / name)
    return copy


def run_module(
    module: str, *args: str, cwd: Path, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """``python -m MODULE ARGS`` in ``cwd``, as a user runs it, with the example's date pinned."""
    env = {**os.environ, "STDLINT_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def mkdocs(*args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    """``mkdocs ARGS`` in ``cwd``."""
    return run_module("mkdocs", *args, cwd=cwd, timeout=timeout)


def stdlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``stdlint ARGS`` in ``cwd``."""
    return run_module("stdlint", *args, cwd=cwd)

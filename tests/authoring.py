"""Helpers of the authoring tests: the CLI with typed answers, and a fresh handbook."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from stdlint.cli import main

TODAY = "2026-11-30"


@dataclass
class Outcome:
    """One CLI run."""

    exit_code: int
    output: str
    stderr: str


def cli(*args: str, cwd: Path, input: str | None = None) -> Outcome:
    """``stdlint ARGS`` in ``cwd`` through click's runner, in a neutral locale."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        env = {"STDLINT_LANG": None, "LANG": "C.UTF-8", "LC_ALL": None, "LC_MESSAGES": None}
        result = CliRunner(env=env).invoke(main, list(args), input=input, catch_exceptions=False)
    finally:
        os.chdir(previous)
    return Outcome(result.exit_code, result.stdout, result.stderr)


def findings(folder: Path, today: str = TODAY) -> list[dict[str, Any]]:
    """Every diagnostic ``stdlint check`` reports in ``folder``, as JSON objects."""
    run = cli("check", "--format", "json", "--today", today, "--fail-on", "never", cwd=folder)
    assert run.exit_code == 0, run.stderr
    diagnostics: list[dict[str, Any]] = json.loads(run.output)["diagnostics"]
    return diagnostics


def new_handbook(folder: Path, *args: str, today: str | None = TODAY) -> Path:
    """A handbook made by ``stdlint init --yes`` (both languages unless ``args`` say otherwise),
    dated ``today`` (None: the real date, for runs that cannot be given a date)."""
    options = args or ("--languages", "en,ru")
    dated = ("--today", today) if today else ()
    run = cli("init", str(folder), "--yes", *dated, *options, cwd=folder.parent)
    assert run.exit_code == 0, run.stderr
    return folder

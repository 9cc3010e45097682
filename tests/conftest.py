"""Shared helpers: a small handbook on disk, and running the CLI on it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stdlint.cli import main
from tests.sitebuild import mkdocs, site_copy

# Reviewed every 10 years, so that tests run on the real date stay clean for a decade.
GOOD_STANDARD = """\
---
id: phone-answer
title: Answering the phone
lang: en
status: active
owner: Head of support
approved_by: Service director
approved_on: 2026-01-10
review_every: 10 years
verification: [call-recording-review]
---

# Answering the phone

## Rule

1. Answer within 20 seconds.
2. Say the company name and your first name.

## Why

Callers who wait longer than 20 seconds hang up twice as often.

## How we check

The shift supervisor listens to 10 recorded calls per agent each month.
"""

PROFILE = """\
languages: [en, ru]
standards: [standards]
"""


@dataclass
class Run:
    """The outcome of one CLI run."""

    exit_code: int
    output: str
    stderr: str

    def json(self) -> dict[str, Any]:
        """The output parsed as JSON."""
        parsed: dict[str, Any] = json.loads(self.output)
        return parsed


REPO = Path(__file__).resolve().parent.parent


def example_copy(tmp_path: Path) -> Path:
    """A copy of the example handbook (profile and standards) in ``tmp_path/handbook``."""
    copy = tmp_path / "handbook"
    copy.mkdir()
    shutil.copy(REPO / "handbook.yml", copy / "handbook.yml")
    shutil.copytree(REPO / "standards", copy / "standards")
    return copy


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The example handbook built once with ``mkdocs build --strict``: its public/ and the log."""
    copy = site_copy(tmp_path_factory.mktemp("site"))
    run = mkdocs("build", "--strict", cwd=copy)
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stdout}\n{run.stderr}"
    return copy / "public", run.stderr


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    """A handbook folder with a profile and one good standard, ``standards/good.md``."""
    (tmp_path / "handbook.yml").write_text(PROFILE, "utf-8")
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "good.md").write_text(GOOD_STANDARD, "utf-8")
    return tmp_path


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test keeps the cache of its checks in a folder of its own, never in a fixture's."""
    folder = tmp_path_factory.mktemp("stdlint-cache")
    monkeypatch.setenv("STDLINT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run ``stdlint ARGS`` in a folder through click's runner."""

    def run(*args: str, cwd: Path) -> Run:
        monkeypatch.chdir(cwd)
        monkeypatch.delenv("STDLINT_LANG", raising=False)
        monkeypatch.setenv("LANG", "C.UTF-8")
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run

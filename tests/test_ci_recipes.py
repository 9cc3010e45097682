"""The README's CI recipes stay valid: real YAML, real stdlint commands, one install everywhere."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from ruamel.yaml import YAML

from stdlint.cli import main
from stdlint.formats import FORMATS
from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def _recipes() -> list[Any]:
    blocks = re.findall(r"```yaml\n(.*?)```", _section("Running stdlint in CI"), re.S)
    # YAML 1.2, as GitHub and GitLab read it: `on:` is a key, not `true`.
    return [YAML(typ="safe", pure=True).load(block) for block in blocks]


def _github() -> dict[str, Any]:
    [workflow] = [recipe for recipe in _recipes() if "jobs" in recipe]
    return workflow  # type: ignore[no-any-return]


def _gitlab() -> dict[str, Any]:
    [pipeline] = [recipe for recipe in _recipes() if "stdlint" in recipe]
    return pipeline  # type: ignore[no-any-return]


def _pre_commit() -> dict[str, Any]:
    [config] = [recipe for recipe in _recipes() if "repos" in recipe]
    return config  # type: ignore[no-any-return]


def _commands() -> list[str]:
    steps = [step["run"] for step in _github()["jobs"]["check"]["steps"] if "run" in step]
    return [*steps, *_gitlab()["stdlint"]["script"]]


def test_the_section_follows_checking_and_has_three_recipes() -> None:
    titles = re.findall(r"^## (.*)$", README, re.M)
    assert titles.index("Running stdlint in CI") == titles.index("Checking") + 1
    assert len(_recipes()) == 3


def test_the_github_workflow_fails_on_findings_and_annotates_them() -> None:
    workflow = _github()
    assert workflow["on"] == ["push", "pull_request"]
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[-1] == {"run": "stdlint check --format github"}
    assert any(step.get("uses", "").startswith("actions/checkout@") for step in steps)


def test_the_gitlab_job_fails_on_findings_and_uploads_a_code_quality_report() -> None:
    job = _gitlab()["stdlint"]
    write_report, check = job["script"][-2:]
    report = job["artifacts"]["reports"]["codequality"]
    # The report is written whatever the findings; the text run shows them and fails the job.
    assert write_report == f"stdlint check --format gitlab --fail-on never > {report}"
    assert check == "stdlint check"


def test_every_recipe_installs_the_same_pinned_stdlint() -> None:
    installs = {command for command in _commands() if command.startswith("pip install ")}
    [install] = installs
    [spec] = shlex.split(install)[2:]
    match = re.fullmatch(r"stdlint @ git\+(https://\S+)\.git@(v\S+)", spec)
    assert match, spec
    url, tag = match.groups()
    assert tag == f"v{VERSION}"
    [repository] = _pre_commit()["repos"]
    assert (repository["repo"], repository["rev"]) == (f"{url}.git", tag)
    assert repository["hooks"] == [{"id": "stdlint"}]
    section = _section("Using stdlint from your handbook's repository")
    assert f'`pip install "{spec}"`' in section
    assert f"stdlint is published at {url};" in section
    assert f"dist/stdlint-{VERSION}-py3-none-any.whl" in section


def test_the_recipes_run_real_stdlint_commands() -> None:
    checks = [command for command in _commands() if command.startswith("stdlint ")]
    assert checks
    for command in checks:
        arguments = shlex.split(command.split(" > ", 1)[0])[1:]
        assert arguments[0] in main.commands, command
        # The formats themselves are checked by their own tests; here the command and its
        # options must exist.
        options = [argument for argument in arguments if argument.startswith("-")]
        help_text = CliRunner().invoke(main, [arguments[0], "--help"]).output
        for option in options:
            assert option in help_text, (command, option)
        if "--format" in arguments:
            assert arguments[arguments.index("--format") + 1] in FORMATS, command


def test_the_pre_commit_recipe_is_a_valid_config(tmp_path: Path) -> None:
    block = re.findall(r"```yaml\n(repos:.*?)```", _section("Running stdlint in CI"), re.S)
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(block[0], "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_stdlint_init_writes_the_recipes_of_this_readme(tmp_path: Path) -> None:
    """What a company gets from ``stdlint init`` is what the README documents, file for file."""
    folder = tmp_path / "company"
    run = CliRunner().invoke(main, ["init", str(folder), "--yes", "--lang", "en"])
    assert run.exit_code == 0, run.output
    yaml = YAML(typ="safe", pure=True)
    written = {
        name: yaml.load((folder / name).read_text("utf-8"))
        for name in (".github/workflows/stdlint.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml")
    }
    assert written == {
        ".github/workflows/stdlint.yml": _github(),
        ".gitlab-ci.yml": _gitlab(),
        ".pre-commit-config.yaml": _pre_commit(),
    }

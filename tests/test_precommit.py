"""The pre-commit hook as a company's repository meets it: the manifest, and `pre-commit try-repo`.

`try-repo` runs the hook of this repository at HEAD, or, when tracked files have uncommitted
changes, of a temporary commit of them (untracked files are left out: `git add` a new file to
try it). It installs stdlint in a fresh virtualenv with pip, from the package index, for every
run: it keeps its environments in a store of its own in a temporary folder, whatever
PRE_COMMIT_HOME says (pre_commit/commands/try_repo.py), so each case below pays one install.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from stdlint.cli import main
from tests.conftest import GOOD_STANDARD, PROFILE, REPO

MANIFEST = REPO / ".pre-commit-hooks.yaml"
VAGUE_STANDARD = GOOD_STANDARD.replace("id: phone-answer", "id: phone-vague").replace(
    "1. Answer within 20 seconds.", "1. Answer promptly and politely."
)
# A stuck install should fail the run, not hang CI.
TRY_REPO_TIMEOUT = 900


def _hook() -> dict[str, object]:
    hooks = YAML(typ="safe").load(MANIFEST.read_text("utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1, hooks
    hook: dict[str, object] = hooks[0]
    return hook


def test_manifest_is_valid_for_pre_commit() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_hook_entry_is_a_stdlint_command() -> None:
    hook = _hook()
    program, *arguments = shlex.split(str(hook["entry"]))
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["scripts"].get(program) == "stdlint.cli:run", program
    assert arguments == ["check"]
    result = CliRunner().invoke(main, [*arguments, "--help"])
    assert result.exit_code == 0, result.output


def test_hook_runs_on_standards_and_the_profile_and_checks_the_whole_handbook() -> None:
    hook = _hook()
    assert hook["id"] == "stdlint"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert hook["require_serial"] is True
    files = re.compile(str(hook["files"]))
    for path in ["standards/phone/answer.en.md", "handbook.yml", "docs/handbook/handbook.yml"]:
        assert files.search(path), path
    for path in ["myhandbook.yml", "mkdocs.yml", "stdlint/cli.py"]:
        assert not files.search(path), path


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of git and pre-commit: nothing from an enclosing git hook or the user."""
    if shutil.which("git") is None:
        pytest.skip("pre-commit needs git")
    inside = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"], cwd=REPO, capture_output=True, check=False
    )
    if inside.returncode != 0:
        pytest.skip("pre-commit try-repo needs this repository as a git repository")
    # GIT_DIR or GIT_INDEX_FILE from a hook that runs the tests would redirect every git call.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GIT_", "PRE_COMMIT")) and name != "SKIP"
    }
    env.update(
        PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")),
        STDLINT_LANG="en",
        # pip would compile every module of every dependency to bytecode: a third of an install
        # here, for a hook that imports a fraction of them.
        PIP_NO_COMPILE="1",
        # CI machines may have no git identity; the test's handbook repository needs one.
        GIT_AUTHOR_NAME="stdlint tests",
        GIT_AUTHOR_EMAIL="tests@stdlint.invalid",
        GIT_COMMITTER_NAME="stdlint tests",
        GIT_COMMITTER_EMAIL="tests@stdlint.invalid",
    )
    return env


def _handbook_repository(folder: Path, standard: str, env: dict[str, str]) -> Path:
    """A company's handbook repository: handbook.yml and one standard, committed."""
    (folder / "standards").mkdir(parents=True)
    (folder / "handbook.yml").write_text(PROFILE, "utf-8")
    (folder / "standards" / "answer.md").write_text(standard, "utf-8")
    for command in (
        ["init", "--quiet"],
        ["add", "--all"],
        ["commit", "--quiet", "--no-verify", "--no-gpg-sign", "--message", "Handbook"],
    ):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True, capture_output=True)
    return folder


def _try_repo(handbook: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run ``pre-commit try-repo <this repository> stdlint --all-files`` in ``handbook``."""
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "stdlint"]
    command += ["--all-files", "--color", "never"]
    started = time.monotonic()
    run = subprocess.run(
        command,
        cwd=handbook,
        env=env,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        timeout=TRY_REPO_TIMEOUT,
        check=False,
    )
    seconds = time.monotonic() - started
    report = (
        f"$ {shlex.join(command)}  (in {handbook}, {seconds:.0f} s)\n"
        f"exit status {run.returncode}\n--- stdout\n{run.stdout}\n--- stderr\n{run.stderr}"
    )
    return run.returncode, report


def test_try_repo_fails_on_a_vague_standard_and_shows_the_finding(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    handbook = _handbook_repository(tmp_path / "handbook", VAGUE_STANDARD, environment)
    status, report = _try_repo(handbook, environment)
    assert status == 1, report
    assert re.search(r"^stdlint\.+Failed$", report, re.M), report
    assert re.search(r"^standards/answer\.md:17:11 +error +MEA001 +“promptly”", report, re.M), (
        report
    )
    assert "CON001" in report, report


def test_try_repo_passes_on_a_clean_standard(tmp_path: Path, environment: dict[str, str]) -> None:
    handbook = _handbook_repository(tmp_path / "handbook", GOOD_STANDARD, environment)
    status, report = _try_repo(handbook, environment)
    assert status == 0, report
    # "Passed", not "(no files to check) Skipped": the hook really ran on the handbook.
    assert re.search(r"^stdlint\.+Passed$", report, re.M), report

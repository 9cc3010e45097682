"""Choosing what a run checks: --select / --ignore (and the profile's), --changed-since REV."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stdlint.config.selection import Choice, Rules, chosen
from tests.conftest import GOOD_STANDARD, Run
from tests.test_containment import CrashOnBroken

# Three findings of three families on one line: MEA001, CON003, CON002.
VAGUE = GOOD_STANDARD.replace("phone-answer", "vague").replace(
    "1. Answer within 20 seconds.", "1. Answer promptly and be polite where possible."
)


@pytest.fixture
def vague(handbook: Path) -> Path:
    """The small handbook with one vague standard besides the good one."""
    (handbook / "standards" / "vague.md").write_text(VAGUE, "utf-8")
    return handbook


def _codes(run: Run) -> list[str]:
    return sorted(d["code"] for d in run.json()["diagnostics"])


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ([], ["CON002", "CON003", "MEA001"]),
        (["--select", "CON"], ["CON002", "CON003"]),
        (["--select", "MEA001,con002"], ["CON002", "MEA001"]),
        (["--select", "MEA", "--select", "exhortation"], ["CON003", "MEA001"]),
        (["--ignore", "CON00"], ["MEA001"]),
        # The longest matching prefix wins, whichever option it is in.
        (["--select", "CON", "--ignore", "CON002"], ["CON003"]),
        (["--ignore", "CON", "--select", "CON002"], ["CON002"]),
        (["--select", "ALL", "--ignore", "escape-clause"], ["CON003", "MEA001"]),
        # Equally specific: ignore wins.
        (["--select", "CON002", "--ignore", "CON002"], []),
    ],
    ids=["all", "prefix", "codes", "name", "ignore", "longest-1", "longest-2", "ALL", "tie"],
)
def test_select_and_ignore(
    run_cli: Callable[..., Run], vague: Path, options: list[str], expected: list[str]
) -> None:
    run = run_cli("check", "--format", "json", *options, cwd=vague)
    assert _codes(run) == expected
    assert run.exit_code == (1 if expected else 0)


def test_an_unknown_selector_is_a_usage_error_with_a_suggestion(
    run_cli: Callable[..., Run], vague: Path
) -> None:
    run = run_cli("check", "--select", "CON9", "--ignore", "vague-qualty", cwd=vague)
    assert run.exit_code == 2
    assert run.output == ""
    assert run.stderr.split("\n")[:2] == [
        "“CON9” in --select is not a rule code, prefix or name — did you mean “CON”?",
        "“vague-qualty” in --ignore is not a rule code, prefix or name — did you mean "
        "“vague-quality”?",
    ]
    russian = run_cli("check", "--select", "XYZ", "--lang", "ru", cwd=vague)
    assert russian.exit_code == 2
    assert "«XYZ» в --select — не код, префикс или имя правила" in russian.stderr


def test_internal_errors_can_never_be_deselected(
    run_cli: Callable[..., Run], vague: Path, buggy_rules: None
) -> None:
    run = run_cli("check", "--ignore", "STR000", cwd=vague)
    assert run.exit_code == 2
    assert "STR000 in --ignore cannot be ignored" in run.stderr
    (vague / "standards" / "broken.md").write_text(GOOD_STANDARD.replace("phone", "b"), "utf-8")
    # Ignoring every STR rule still reports the failure of the buggy rule.
    failed = run_cli("check", "--format", "json", "--ignore", "STR", cwd=vague)
    assert _codes(failed) == ["CON002", "CON003", "MEA001", "STR000"]
    assert failed.exit_code == 1
    only = run_cli(
        "check", "--format", "json", "--select", "CON999", "--fail-on", "never", cwd=vague
    )
    assert _codes(only) == ["STR000"]
    assert only.exit_code == 1  # a run that could not check everything is never clean
    deselected = run_cli("check", "--format", "json", "--select", "MEA", cwd=vague)
    assert _codes(deselected) == ["MEA001"]  # the buggy rule did not run at all


@pytest.fixture
def buggy_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plugin rule with a bug (it fails on files named ``broken``)."""
    from stdlint.rules import all_rules

    rules = tuple(sorted([*all_rules(), CrashOnBroken], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)


def _profile(handbook: Path, extra: str) -> Path:
    profile = handbook / "handbook.yml"
    profile.write_text(profile.read_text("utf-8") + extra, "utf-8")
    return profile


def test_profile_select_and_ignore_and_the_command_line_over_them(
    run_cli: Callable[..., Run], vague: Path
) -> None:
    _profile(vague, "select: [CON, MEA]\nignore: [CON003]\n")
    assert _codes(run_cli("check", "--format", "json", cwd=vague)) == ["CON002", "MEA001"]
    # --ignore adds to the profile's choice …
    narrowed = run_cli("check", "--format", "json", "--ignore", "MEA", cwd=vague)
    assert _codes(narrowed) == ["CON002"]
    # … and --select replaces it (its select and its ignore).
    replaced = run_cli("check", "--format", "json", "--select", "CON003", cwd=vague)
    assert _codes(replaced) == ["CON003"]


def test_a_rule_that_is_off_stays_off_when_selected(
    run_cli: Callable[..., Run], vague: Path
) -> None:
    _profile(vague, "rules: {CON003: off}\n")
    assert _codes(run_cli("check", "--format", "json", "--select", "CON", cwd=vague)) == ["CON002"]


def test_unknown_codes_in_the_profile_are_placed(run_cli: Callable[..., Run], vague: Path) -> None:
    _profile(vague, "select:\n  - CON\n  - MEA0001\nignore: [STR000, title-mismatch]\n")
    run = run_cli("check", cwd=vague)
    assert run.exit_code == 2
    assert run.stderr.split("\n")[:2] == [
        "handbook.yml:5:5: “MEA0001” in “select” is not a rule code, prefix or name — "
        "did you mean “MEA001”?",
        "handbook.yml:6:10: STR000 in “ignore” cannot be ignored: it reports a failure of "
        "stdlint itself — remove it; “stdlint check --debug” shows the traceback to report",
    ]


def test_a_suppression_of_a_deselected_rule_is_not_unused(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    text = VAGUE.replace(
        "1. Answer promptly and be polite where possible.",
        "1. Answer promptly. <!-- stdlint-disable-line MEA001 -- the caller sets the pace -->",
    )
    (handbook / "standards" / "vague.md").write_text(text, "utf-8")
    assert run_cli("check", "--format", "json", cwd=handbook).json()["suppressed"] == 1
    run = run_cli("check", "--format", "json", "--select", "STR", cwd=handbook)
    assert run.json()["diagnostics"] == []  # no STR012: the suppression's rule did not run
    assert run.exit_code == 0
    # Without the finding it silences, and with MEA001 running, the suppression is unused.
    (handbook / "standards" / "vague.md").write_text(
        text.replace("promptly", "within 20 seconds"), "utf-8"
    )
    assert "STR012" in _codes(run_cli("check", "--format", "json", cwd=handbook))


def test_selection_resolution_follows_ruff() -> None:
    rules = Rules(("CON001", "CON002", "MEA001", "MEA002"), {"vague-quality": "CON001"})
    assert chosen(rules, []) == {"CON001", "CON002", "MEA001", "MEA002"}
    profile = Choice(("CON",), ("CON002",))
    assert chosen(rules, [profile]) == {"CON001"}
    assert chosen(rules, [profile, Choice.of(None, ["vague-quality"])]) == set()
    assert chosen(rules, [profile, Choice.of(["MEA00,CON002"], [])]) == {
        "CON002",
        "MEA001",
        "MEA002",
    }


# --changed-since --------------------------------------------------------------------------


def _git(folder: Path, *arguments: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com", *arguments],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repository(handbook: Path) -> Iterator[Path]:
    """The small handbook with three more standards, committed to a git repository."""
    for name in ("billing", "chat", "email"):
        text = GOOD_STANDARD.replace("phone-answer", f"{name}-answer")
        (handbook / "standards" / f"{name}.md").write_text(text, "utf-8")
    (handbook / ".gitignore").write_text("*.log\n", "utf-8")
    _git(handbook, "init", "-q", "-b", "main")
    _git(handbook, "add", "-A")
    _git(handbook, "commit", "-q", "-m", "handbook")
    yield handbook


def _paths(run: Run) -> list[str]:
    return sorted({d["path"] for d in run.json()["diagnostics"]})


def test_changed_since_checks_only_what_changed(
    run_cli: Callable[..., Run], repository: Path
) -> None:
    standards = repository / "standards"
    # Committed, staged, unstaged and untracked changes; a rename and a deletion.
    (standards / "billing.md").write_text(VAGUE.replace("vague", "billing-answer"), "utf-8")
    _git(repository, "commit", "-q", "-am", "vague billing")
    (standards / "chat.md").write_text(VAGUE.replace("vague", "chat-answer"), "utf-8")
    _git(repository, "mv", "standards/email.md", "standards/mail.md")
    (standards / "mail.md").write_text(VAGUE.replace("vague", "mail-answer"), "utf-8")
    _git(repository, "rm", "-q", "standards/good.md")
    (standards / "new.md").write_text(VAGUE, "utf-8")
    (standards / "notes.log").write_text("ignored by git\n", "utf-8")
    (repository / "README.md").write_text("not a standard\n", "utf-8")

    run = run_cli("check", "--format", "json", "--changed-since", "HEAD~1", cwd=repository)
    assert _paths(run) == [
        "standards/billing.md",
        "standards/chat.md",
        "standards/mail.md",
        "standards/new.md",
    ]
    assert run.json()["files"] == 4
    assert run.exit_code == 1
    assert "Checking 4 standards changed since “HEAD~1”." in run.stderr
    since_head = run_cli("check", "--format", "json", "--changed-since", "HEAD", cwd=repository)
    assert _paths(since_head) == ["standards/chat.md", "standards/mail.md", "standards/new.md"]
    # Paths narrow the changed standards to those in them.
    named = run_cli(
        "check", "--format", "json", "--changed-since", "HEAD", "standards/new.md", cwd=repository
    )
    assert _paths(named) == ["standards/new.md"]


def test_changed_since_still_sees_the_whole_handbook(
    run_cli: Callable[..., Run], repository: Path
) -> None:
    (repository / "standards" / "copy.md").write_text(GOOD_STANDARD, "utf-8")
    run = run_cli("check", "--format", "json", "--changed-since", "main", cwd=repository)
    [diagnostic] = run.json()["diagnostics"]
    assert (diagnostic["path"], diagnostic["code"]) == ("standards/copy.md", "STR008")
    assert "standards/good.md" in diagnostic["message"]


def test_a_changed_profile_checks_every_standard(
    run_cli: Callable[..., Run], repository: Path
) -> None:
    (repository / "standards" / "billing.md").write_text(VAGUE.replace("vague", "billing-answer"))
    _git(repository, "commit", "-q", "-am", "vague billing")
    _profile(repository, "ignore: [CON]\n")
    run = run_cli("check", "--format", "json", "--changed-since", "HEAD", cwd=repository)
    assert run.stderr == "handbook.yml changed since “HEAD”: checking every standard.\n"
    assert run.json()["files"] == 4
    assert [(d["path"], d["code"]) for d in run.json()["diagnostics"]] == [
        ("standards/billing.md", "MEA001")
    ]


def test_nothing_changed_says_so_and_exits_0(run_cli: Callable[..., Run], repository: Path) -> None:
    (repository / "standards" / "debug.log").write_text("ignored\n", "utf-8")
    run = run_cli("check", "--changed-since", "main", cwd=repository)
    assert run.exit_code == 0
    assert run.stderr == "No standard changed since “main”: nothing to check.\n"
    assert run.output == "Checked 0 files: no findings.\n"
    report = run_cli("check", "--format", "json", "--changed-since", "main", cwd=repository)
    assert report.json()["diagnostics"] == []
    russian = run_cli("check", "--changed-since", "main", "--lang", "ru", cwd=repository)
    assert "С ревизии «main» ни один стандарт не изменился: проверять нечего." in russian.stderr


def test_changed_since_with_a_baseline_counts_only_checked_files_as_fixed(
    run_cli: Callable[..., Run], repository: Path
) -> None:
    (repository / "standards" / "billing.md").write_text(VAGUE.replace("vague", "billing-answer"))
    assert run_cli("check", "--write-baseline", "known.json", cwd=repository).exit_code == 0
    _git(repository, "add", "-A")
    _git(repository, "commit", "-q", "-m", "baseline")
    (repository / "standards" / "chat.md").write_text(VAGUE.replace("vague", "chat-answer"))
    args = ("check", "--format", "json", "--baseline", "known.json", "--changed-since", "HEAD")
    run = run_cli(*args, cwd=repository)
    assert _paths(run) == ["standards/chat.md"]
    assert "fixed" not in run.stderr  # billing.md was not checked: its entries are not fixed


@pytest.mark.parametrize(
    ("where", "revision", "message"),
    [
        ("repository", "no-such-branch", "--changed-since: git knows no revision “no-such-branch”"),
        ("repository", "--output=x", "--changed-since: git knows no revision “--output=x”"),
        ("plain", "main", "is not in a git repository"),
        ("no-git", "main", "--changed-since needs git, and git cannot be run"),
    ],
    ids=["unknown-revision", "option-like-revision", "not-a-repository", "no-git"],
)
def test_changed_since_errors_are_usage_errors(
    run_cli: Callable[..., Run],
    handbook: Path,
    monkeypatch: pytest.MonkeyPatch,
    where: str,
    revision: str,
    message: str,
) -> None:
    if where == "repository":
        _git(handbook, "init", "-q", "-b", "main")
        _git(handbook, "add", "-A")
        _git(handbook, "commit", "-q", "-m", "handbook")
    if where == "no-git":
        monkeypatch.setenv("PATH", str(handbook / "nothing-here"))
    run = run_cli("check", f"--changed-since={revision}", cwd=handbook)
    assert run.exit_code == 2
    assert run.output == ""
    assert run.stderr.startswith("stdlint check: ")
    assert message in run.stderr
    assert not (handbook / "x").exists()


def test_changed_since_in_a_real_process(repository: Path) -> None:
    (repository / "standards" / "chat.md").write_text(VAGUE.replace("vague", "chat-answer"))
    completed = subprocess.run(
        [sys.executable, "-m", "stdlint", "check", "--format", "json", "--changed-since", "main"],
        cwd=repository / "standards",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "STDLINT_LANG": "en"},
    )
    assert completed.returncode == 1, completed.stderr
    report = json.loads(completed.stdout)
    assert {d["path"] for d in report["diagnostics"]} == {"standards/chat.md"}
    assert report["files"] == 1
    assert shutil.which("git") is not None

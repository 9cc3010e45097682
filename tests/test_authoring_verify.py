"""``stdlint verify ID``: the review stamp, its refusal on errors, and its git commit."""

from __future__ import annotations

import os
import subprocess
from datetime import date
from pathlib import Path

import pytest

from stdlint.authoring.verify import stamped
from tests.authoring import cli, findings, new_handbook

DAY = "2026-12-01"


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A new handbook committed in a git repository whose user is Anna Petrova."""
    folder = new_handbook(tmp_path / "company")
    _git(folder, "init", "--quiet")
    _git(folder, "config", "user.name", "Анна Петрова")
    _git(folder, "config", "user.email", "anna@example.org")
    _git(folder, "add", "--all")
    _git(folder, "commit", "--quiet", "--message", "start")
    return folder


def _stamped(before: str, by: str) -> str:
    """``before`` with the lines verify writes, and nothing else changed."""
    return before.replace(
        "last_reviewed: 2026-11-30\n", f"last_reviewed: {DAY}\nreviewed_by: {by}\n"
    )


def test_verify_stamps_every_language_and_commits_only_those_files(repo: Path) -> None:
    english, russian = repo / "standards/next-step.en.md", repo / "standards/next-step.ru.md"
    before = {path: path.read_text("utf-8") for path in (english, russian)}
    (repo / "notes.txt").write_text("not part of the review\n", "utf-8")
    run = cli("verify", "next-step", "--today", DAY, "--lang", "en", cwd=repo)
    assert run.exit_code == 0, run.stderr
    for path in (english, russian):
        assert path.read_text("utf-8") == _stamped(before[path], "Анна Петрова")
    message = f"stdlint verify next-step: reviewed {DAY} by Анна Петрова"
    assert _git(repo, "log", "-1", "--format=%s") == message + "\n"
    assert _git(repo, "show", "--name-only", "--format=", "HEAD").split() == [
        "standards/next-step.en.md",
        "standards/next-step.ru.md",
    ]
    assert _git(repo, "status", "--porcelain") == "?? notes.txt\n"
    assert findings(repo, DAY) == []


def test_verifying_twice_the_same_day_changes_nothing_and_commits_nothing(repo: Path) -> None:
    assert cli("verify", "next-step", "--today", DAY, cwd=repo).exit_code == 0
    text = (repo / "standards/next-step.en.md").read_bytes()
    commits = _git(repo, "rev-list", "--count", "HEAD")
    again = cli("verify", "next-step", "--today", DAY, "--lang", "en", cwd=repo)
    assert again.exit_code == 0
    assert "nothing changed" in again.output
    assert (repo / "standards/next-step.en.md").read_bytes() == text
    assert _git(repo, "rev-list", "--count", "HEAD") == commits == "2\n"


def test_a_standard_with_errors_is_refused(repo: Path) -> None:
    target = repo / "standards/next-step.en.md"
    text = target.read_text("utf-8")
    broken = text.replace("## Why\n", "## Why\n\n## Spare\n")  # an empty section
    broken = broken.replace(text[text.index("## Why") + 7 : text.index("## Exceptions")], "\n")
    target.write_text(broken, "utf-8")
    run = cli("verify", "next-step", "--today", DAY, "--lang", "en", cwd=repo)
    assert run.exit_code == 1
    assert "STR007" in run.stderr
    assert "still has errors" in run.stderr
    assert target.read_text("utf-8") == broken
    assert _git(repo, "rev-list", "--count", "HEAD") == "1\n"


def test_an_overdue_review_is_what_verify_clears(repo: Path) -> None:
    late = "2028-06-01"
    assert {d["code"] for d in findings(repo, late)} == {"CUR001"}
    run = cli("verify", "next-step", "--today", late, "--by", "QA lead", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert findings(repo, late) == []
    assert "reviewed_by: QA lead\n" in (repo / "standards/next-step.ru.md").read_text("utf-8")


def test_a_review_dated_before_the_approval_is_cleared_by_the_stamp(repo: Path) -> None:
    # The last review is older than the approval (CUR004 on last_reviewed): today's review
    # fixes that, so it does not stop verify; an error elsewhere still would.
    target = repo / "standards/next-step.en.md"
    target.write_text(
        target.read_text("utf-8").replace("last_reviewed: 2026-11-30", "last_reviewed: 2026-01-05")
    )
    # (and the translations now differ in their review dates: CNS003)
    assert {d["code"] for d in findings(repo, DAY)} == {"CUR004", "CNS003"}
    _git(repo, "commit", "--quiet", "--all", "--message", "an old review date")
    run = cli("verify", "next-step", "--today", DAY, "--lang", "en", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert findings(repo, DAY) == []


def test_a_file_with_other_changes_is_written_but_not_committed(repo: Path) -> None:
    target = repo / "standards/next-step.en.md"
    target.write_text(target.read_text("utf-8") + "\nA line the author is still writing.\n")
    run = cli("verify", "next-step", "--today", DAY, "--lang", "en", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert "not committed" in run.output
    assert f"last_reviewed: {DAY}\n" in target.read_text("utf-8")
    assert _git(repo, "rev-list", "--count", "HEAD") == "1\n"


def test_no_commit_writes_only(repo: Path) -> None:
    run = cli("verify", "next-step", "--today", DAY, "--no-commit", "--by", "Olga", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert "reviewed_by: Olga\n" in (repo / "standards/next-step.en.md").read_text("utf-8")
    assert _git(repo, "rev-list", "--count", "HEAD") == "1\n"
    assert _git(repo, "status", "--porcelain").split() == [
        "M",
        "standards/next-step.en.md",
        "M",
        "standards/next-step.ru.md",
    ]


def test_outside_git_the_reviewer_is_the_os_user(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = new_handbook(tmp_path / "company", "--languages", "ru")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)  # no user.name anywhere
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("LOGNAME", "olga")
    run = cli("verify", "next-step", "--today", DAY, cwd=folder)
    assert run.exit_code == 0, run.stderr
    text = (folder / "standards/next-step.md").read_text("utf-8")
    assert "reviewed_by: olga\n" in text
    assert "отмечен как проверенный" in run.output  # the handbook's language
    assert "закоммичено" not in run.output


def test_an_unknown_id_is_a_usage_error(repo: Path) -> None:
    run = cli("verify", "no-such-standard", "--lang", "en", cwd=repo)
    assert run.exit_code == 2
    assert "no standard in the handbook has the id" in run.stderr


def test_a_name_that_needs_quotes_is_quoted(repo: Path) -> None:
    run = cli("verify", "next-step", "--today", DAY, "--by", "QA: Anna #2", cwd=repo)
    assert run.exit_code == 0, run.stderr
    assert "reviewed_by: 'QA: Anna #2'\n" in (repo / "standards/next-step.en.md").read_text()
    assert findings(repo, DAY) == []


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "id: a\nlast_reviewed:\nreview_every: 1 year\n",
            "id: a\nlast_reviewed: 2026-01-02\nreviewed_by: Ann\nreview_every: 1 year\n",
        ),
        (
            "id: a\nlast_reviewed:   # when\nowner: x\n",
            "id: a\nlast_reviewed: 2026-01-02  # when\nreviewed_by: Ann\nowner: x\n",
        ),
        (
            "id: a  # the id\nowner: x\nmetrics:\n  - id: m\n# about tags\ntags: []\n",
            "id: a  # the id\nowner: x\nlast_reviewed: 2026-01-02\nreviewed_by: Ann\n"
            "metrics:\n  - id: m\n# about tags\ntags: []\n",
        ),
        (
            "last_reviewed: '2025-01-01'\nreviewed_by: Bob # old\n",
            "last_reviewed: 2026-01-02\nreviewed_by: Ann # old\n",
        ),
        ("", "last_reviewed: 2026-01-02\nreviewed_by: Ann\n"),
    ],
)
def test_the_stamp_touches_only_its_two_values(front: str, expected: str) -> None:
    body = "\n# Title\n"
    assert stamped(f"---\n{front}---\n{body}", date(2026, 1, 2), "Ann") == (
        f"---\n{expected}---\n{body}"
    )

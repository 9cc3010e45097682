"""What git says changed since a revision (``stdlint check --changed-since REV``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from stdlint.i18n import Lang, Text
from stdlint.parse.source import file_key

if TYPE_CHECKING:
    import subprocess


class GitError(Exception):
    """``--changed-since`` cannot be answered: no git, not a repository, an unknown revision."""

    def __init__(self, text: Text, **fields: object) -> None:
        super().__init__(text.en.format(**fields))
        self.text = text
        self.fields = fields

    def message(self, lang: Lang) -> str:
        """The problem in ``lang``."""
        return self.text.render(lang, **self.fields)


_NO_GIT = Text(
    en="--changed-since needs git, and git cannot be run: {error}",
    ru="для --changed-since нужен git, а его не удаётся запустить: {error}",
)
_NOT_A_REPOSITORY = Text(
    en="--changed-since: {folder} is not in a git repository",
    ru="--changed-since: папка {folder} не в git-репозитории",
)
_UNKNOWN_REVISION = Text(
    en="--changed-since: git knows no revision “{revision}” (fetch it first, e.g. "
    "“git fetch origin main”, or give a commit, tag or branch)",
    ru="--changed-since: в git нет ревизии «{revision}» (сначала получите её, например "
    "«git fetch origin main», или укажите коммит, тег или ветку)",
)
_GIT_FAILED = Text(
    en="--changed-since: “git {command}” failed: {error}",
    ru="--changed-since: команда «git {command}» завершилась с ошибкой: {error}",
)


def changed_files(root: Path, revision: str) -> set[str]:
    """Keys (:func:`file_key`) of the files changed since ``revision`` that still exist.

    What ``git diff --name-only REVISION`` lists (committed, staged and unstaged changes;
    renamed files by their new name; deleted files left out) and the untracked files git does
    not ignore. Git runs in ``root``; raises :class:`GitError`.
    """
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    # A revision that looks like an option is none (and must not reach git as one).
    found = None if revision.startswith("-") else _run_git(root, *_VERIFY, f"{revision}^{{commit}}")
    if found is None or found.returncode != 0:
        raise GitError(_UNKNOWN_REVISION, revision=revision)
    commit = os.fsdecode(found.stdout).strip()
    changed = _git(root, "diff", "--name-only", "-z", "--diff-filter=d", commit, "--")
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--full-name", ":/")
    names = [name for name in (changed + untracked).split("\0") if name]
    return {file_key(top / name) for name in names if (top / name).is_file()}


_VERIFY = ("rev-parse", "--verify", "--quiet")


def _run_git(root: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    import subprocess  # here: every check imports this module, few run git

    try:
        return subprocess.run(["git", *arguments], cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise GitError(_NO_GIT, error=error.strerror or error) from None


def _git(root: Path, *arguments: str) -> str:
    """The output of ``git ARGUMENTS`` run in ``root`` (file names decoded as the OS does)."""
    completed = _run_git(root, *arguments)
    if completed.returncode != 0:
        if arguments[:2] == ("rev-parse", "--show-toplevel"):
            raise GitError(_NOT_A_REPOSITORY, folder=root)
        reason = os.fsdecode(completed.stderr).strip().split("\n")[-1]
        raise GitError(_GIT_FAILED, command=" ".join(arguments[:2]), error=reason)
    return os.fsdecode(completed.stdout)

"""Which files a run covers: the handbook's standards, the paths a user names, what git changed."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from stdlint.config import Profile
from stdlint.config.loading import is_glob, standards_entry_problem
from stdlint.i18n import Lang, Text
from stdlint.parse.source import Source, discover, file_key

__all__ = [
    "GitError",
    "changed_files",
    "changed_standards",
    "file_key",
    "handbook_paths",
    "handbook_sources",
    "select",
]


def handbook_paths(profile: Profile) -> list[Path]:
    """The folders and files the profile's ``standards`` entries name (glob patterns expanded).

    An entry that cannot name anything (absolute, a pattern pathlib refuses, a name too long,
    a folder that does not exist) is a configuration error reported when the profile loads
    (:func:`~stdlint.config.loading.reference_problems`); here it names nothing, so that a
    profile built in code with such an entry cannot crash a run either.
    """
    found: list[Path] = []
    for entry in profile.standards:
        if standards_entry_problem(entry) is not None:
            continue
        try:
            if is_glob(entry):
                found.extend(sorted(profile.root.glob(entry)))
            elif (profile.root / entry).exists():
                found.append(profile.root / entry)
        except (OSError, ValueError, NotImplementedError):
            continue
    return found


def handbook_sources(profile: Profile) -> list[Source]:
    """Every standard of the handbook, in path order, not yet read."""
    return list(discover(handbook_paths(profile), profile.exclude, profile.root))


def select(
    paths: Sequence[Path], profile: Profile, handbook: Sequence[Source]
) -> tuple[list[Source], list[Source]]:
    """The sources to check among ``paths``, and those found that are not standards.

    Any Markdown file is a standard when the user names it; found in a folder, only when it lies
    in the handbook's ``standards`` (a README.md beside handbook.yml is not a standard). Without
    a ``handbook.yml`` there is no such boundary, and every Markdown file found is checked.
    """
    in_handbook = {file_key(source.path) for source in handbook}
    named = {file_key(path) for path in paths if not path.is_dir()}
    targets: list[Source] = []
    skipped: list[Source] = []
    for source in discover(paths, profile.exclude, profile.root):
        key = file_key(source.path)
        if profile.path is None or source.problem is not None or key in in_handbook | named:
            targets.append(source)
        else:
            skipped.append(source)
    return targets, skipped


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


def changed_standards(
    profile: Profile, revision: str, paths: Sequence[Path] = ()
) -> tuple[list[Path] | None, bool]:
    """What ``--changed-since REVISION`` checks (None: the whole handbook), and whether that is
    because the profile changed; raises :class:`GitError`.

    The standards of the handbook changed since ``revision``; with ``paths``, only those that
    are named there or lie in a named folder (a named Markdown file counts even outside the
    handbook's ``standards``, as without ``--changed-since``). A changed ``handbook.yml`` can
    change any verdict, so then every standard (in ``paths``) is checked.
    """
    changed = changed_files(profile.root, revision)
    if profile.path is not None and file_key(profile.path) in changed:
        return list(paths) or None, True
    if not paths:
        return [s.path for s in handbook_sources(profile) if file_key(s.path) in changed], False
    targets, _ = select(paths, profile, handbook_sources(profile))
    return [source.path for source in targets if file_key(source.path) in changed], False

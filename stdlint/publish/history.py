"""What changed in the handbook lately: from git when the handbook is a repository, else from
the review and approval dates in the front matter."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from stdlint.handbook import reviewed_on
from stdlint.parse.facts import Facts


@dataclass(frozen=True, slots=True)
class Change:
    """The last change to one standard."""

    day: date
    path: str  # as Document.display_path: relative to the handbook root
    summary: str  # the commit subject; empty when the date comes from the front matter
    from_git: bool


def changes(standards: Iterable[Facts], root: Path, *, limit: int = 50) -> list[Change]:
    """The standards' last changes, newest first (ties by path), at most ``limit``."""
    docs = [doc for doc in standards if doc.meta is not None]
    history = _git_history(root)
    found: list[Change] = []
    for doc in docs:
        entry = history.get(doc.display_path)
        if entry is not None:
            found.append(Change(entry[0], doc.display_path, entry[1], True))
            continue
        day = reviewed_on(doc.meta)
        if day is not None:
            found.append(Change(day, doc.display_path, "", False))
    found.sort(key=lambda change: (-change.day.toordinal(), change.path))
    return found[:limit]


def _git_history(root: Path) -> dict[str, tuple[date, str]]:
    """Each file's last commit date and subject, by path relative to ``root``; {} without git."""
    git = shutil.which("git")
    if git is None:
        return {}
    try:
        completed = subprocess.run(
            [
                git,
                "-C",
                str(root),
                "log",
                "--relative",
                "--format=%x00%cs%x09%s",
                "--name-only",
                "--no-renames",
                "--",
                ".",
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    if completed.returncode != 0:
        return {}
    history: dict[str, tuple[date, str]] = {}
    for block in completed.stdout.split("\x00")[1:]:
        head, _, names = block.partition("\n")
        day_text, _, subject = head.partition("\t")
        try:
            day = date.fromisoformat(day_text.strip())
        except ValueError:
            continue
        for name in names.split("\n"):
            name = name.strip()
            if name and name not in history:
                history[name] = (day, subject.strip())
    return history

"""The few git questions the authoring commands ask, through the ``git`` command."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    """Run ``git ARGS`` in ``folder``; None when git is not installed."""
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def toplevel(folder: Path) -> Path | None:
    """The root of the git work tree that holds ``folder``, or None outside one."""
    done = _git(folder, "rev-parse", "--show-toplevel")
    if done is None or done.returncode != 0 or not done.stdout.strip():
        return None
    return Path(done.stdout.strip())


def user_name(folder: Path) -> str | None:
    """``git config user.name`` as seen from ``folder``."""
    done = _git(folder, "config", "user.name")
    if done is None or done.returncode != 0:
        return None
    return done.stdout.strip() or None


def uncommitted(root: Path, paths: Sequence[Path]) -> list[Path]:
    """Those of ``paths`` that differ from the last commit (changed, staged or untracked)."""
    found = []
    for path in paths:
        done = _git(root, "status", "--porcelain", "--", str(path))
        if done is None or done.returncode != 0 or done.stdout.strip():
            found.append(path)
    return found


def commit(root: Path, paths: Sequence[Path], message: str) -> str | None:
    """Commit exactly ``paths`` (nothing else that is staged); the error text if it failed."""
    done = _git(root, "commit", "--quiet", "--message", message, "--", *map(str, paths))
    if done is None:
        return "git is not installed"
    if done.returncode != 0:
        return (done.stderr or done.stdout).strip()
    return None

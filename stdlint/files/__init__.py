"""Which files a run covers: the handbook's standards and the paths a user names.

What git changed (``--changed-since``) is in :mod:`stdlint.files.git`, and how stdlint writes a
file, atomically, in :mod:`stdlint.files.atomic`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from stdlint.config import Profile
from stdlint.config.loading import is_glob, standards_entry_problem
from stdlint.files.atomic import write_atomic
from stdlint.files.git import GitError, changed_files
from stdlint.parse.source import Source, discover, file_key, source_key

__all__ = [
    "GitError",
    "changed_files",
    "changed_standards",
    "file_key",
    "handbook_paths",
    "handbook_sources",
    "select",
    "write_atomic",
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
    a ``handbook.yml`` there is no such boundary, and every Markdown file found is checked. A
    standard of the handbook is taken under the name the handbook gives it, however it is named.
    """
    in_handbook = {source_key(source): source for source in handbook}
    named = {file_key(path) for path in paths if not path.is_dir()}
    targets: list[Source] = []
    skipped: list[Source] = []
    for source in discover(paths, profile.exclude, profile.root):
        key = source_key(source)
        standard = in_handbook.get(key) if source.problem is None else None
        if standard is not None:
            # Named as a whole check names it: the same facts and findings, and the outcome
            # a whole check cached is found again.
            targets.append(standard)
        elif profile.path is None or source.problem is not None or key in named:
            targets.append(source)
        else:
            skipped.append(source)
    return targets, skipped


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
        return [s.path for s in handbook_sources(profile) if source_key(s) in changed], False
    targets, _ = select(paths, profile, handbook_sources(profile))
    return [source.path for source in targets if source_key(source) in changed], False

"""Which files a run covers (the standards of the handbook, the paths a user names), and how
stdlint writes a file: atomically."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from stdlint.config import Profile
from stdlint.config.loading import is_glob, standards_entry_problem
from stdlint.parse.source import Source, discover, file_key

__all__ = ["file_key", "handbook_paths", "handbook_sources", "select", "write_atomic"]


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


def write_atomic(target: Path, data: bytes | str) -> None:
    """Write ``data`` to ``target`` atomically: a reader sees the old file or the new one.

    The data goes to a temporary file in the same folder (so that the rename never crosses a
    file system), is flushed to disk, and replaces ``target`` in one ``os.replace``. An existing
    file keeps its permissions; a new one gets the usual ones (0666 less the umask), not the
    owner-only mode of a temporary file. On any failure the temporary file is removed and
    ``target`` is untouched.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current

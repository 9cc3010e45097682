"""How stdlint writes a file: atomically, so a reader sees the old file or the new one."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(
    target: Path, data: bytes | str | Iterable[bytes | memoryview], *, durable: bool = True
) -> None:
    """Write ``data`` to ``target`` atomically: a reader sees the old file or the new one.

    The data goes to a temporary file in the same folder (so that the rename never crosses a
    file system), is flushed to disk, and replaces ``target`` in one ``os.replace``. An existing
    file keeps its permissions; a new one gets the usual ones (0666 less the umask), not the
    owner-only mode of a temporary file. On any failure the temporary file is removed and
    ``target`` is untouched. ``data`` may come in pieces (never held whole). ``durable=False``
    skips the flush to disk, for a file whose loss in a power cut costs only time (a cache
    that checks its own bytes): the rename is atomic all the same.
    """
    pieces: Iterable[bytes | memoryview]
    if isinstance(data, str):
        pieces = (data.encode("utf-8"),)
    elif isinstance(data, bytes | bytearray | memoryview):
        pieces = (data,)
    else:
        pieces = data
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as stream:
            for piece in pieces:
                stream.write(piece)
            stream.flush()
            if durable:
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

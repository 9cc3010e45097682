"""stdlint's own YAML data files (the lexicons, the wording examples), read through their
compiled JSON twins.

The YAML is for people: comments, lists folded as they read best. Parsing it is slow beside
what it holds: 10 ms for the English lexicon, 13 ms for the Russian, once per process that
judges a file in that language. Its JSON twin (``en.yml`` → ``en.compiled.json``) loads the
same data in well under a millisecond. The twin's first line is the SHA-256 of the YAML bytes
it was compiled from; a twin that is missing, damaged or compiled from other bytes is passed
over and the YAML is parsed, so an edited lexicon is always read as edited. The twins shipped
are kept current by ``python -m stdlint.text.data_files`` (a test fails when one is not).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from stdlint.parse.yamlsource import load_data

# The data files with a twin, relative to the stdlint.text package.
FILES = ("lexicons/en.yml", "lexicons/ru.yml", "lexicons/examples.yml")


def load(relative: str, folder: Traversable | Path | None = None) -> Any:
    """The data of the YAML file ``relative`` (to ``folder``, by default the stdlint.text
    package), from its twin when the twin was compiled from these bytes."""
    folder = folder or resources.files("stdlint.text")
    source = folder.joinpath(relative).read_bytes()
    try:
        head, _, body = folder.joinpath(twin_name(relative)).read_bytes().partition(b"\n")
    except OSError:  # no twin (a data file added since, or a checkout without them)
        head = body = b""
    if head == _digest(source):
        try:
            return json.loads(body)
        except ValueError:  # damaged: the YAML is the truth
            pass
    return load_data(source.decode("utf-8"))


def twin_name(relative: str) -> str:
    """``lexicons/en.yml`` → ``lexicons/en.compiled.json``."""
    return relative.removesuffix(".yml") + ".compiled.json"


def compiled(source: bytes) -> bytes:
    """The twin of a YAML file of these bytes."""
    data = load_data(source.decode("utf-8"))
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _digest(source) + b"\n" + body.encode("utf-8") + b"\n"


def compile_all(folder: Path | None = None) -> list[str]:
    """Write anew each twin of :data:`FILES` (under ``folder``, by default the package's own)
    that is not current; the names of those written."""
    folder = folder or Path(str(resources.files("stdlint.text")))
    written = []
    for relative in FILES:
        twin = folder / twin_name(relative)
        text = compiled((folder / relative).read_bytes())
        if not twin.exists() or twin.read_bytes() != text:
            # Whole or not at all (stdlint.files.write_atomic is a layer above this one).
            temporary = twin.with_name(f".{twin.name}.tmp")
            temporary.write_bytes(text)
            os.replace(temporary, twin)
            written.append(twin_name(relative))
    return written


def _digest(source: bytes) -> bytes:
    return hashlib.sha256(source).hexdigest().encode("ascii")


if __name__ == "__main__":
    names = compile_all()
    print("\n".join(f"wrote {name}" for name in names) or "every twin is current")
    sys.exit(0)

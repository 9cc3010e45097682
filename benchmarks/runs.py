"""What the whole-process benchmarks record of one command over their rounds."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Runs:
    """The measurements of one command over the rounds."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    failed: str = ""


def as_installed(environment: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a measured command: this one's (or ``environment``), less
    ``PYTHONDONTWRITEBYTECODE``.

    A user's stdlint imports from byte code compiled once: pip compiles it on install, and an
    editable install writes it on first import. Where that variable is set (some build
    machines and containers set it), every run would compile stdlint's modules again, and the
    measure would be of the compiler: on 2026-12-01 it was 0.13 s of the 0.45 s a check of
    the example then took. The first run of a command writes the byte code; the benchmarks
    throw that run away.
    """
    kept = dict(os.environ if environment is None else environment)
    kept.pop("PYTHONDONTWRITEBYTECODE", None)
    return kept


def compile_stdlint() -> None:
    """Compile the byte code of the stdlint being measured, as pip does on install: the runs
    then measure stdlint, not the compiler (see :func:`as_installed`)."""
    import stdlint

    folder = Path(stdlint.__file__).parent
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(folder)],
        env=as_installed(),
        check=True,
        stdout=subprocess.DEVNULL,
    )

"""Whole-process time of stdlint commands on a handbook, optionally against a revision.

    .venv/bin/python benchmarks/bench_startup.py [--against REV] [--repeat 5]
        [--handbook DIR] [COMMAND ...]

Each command runs as a child process (``python -m stdlint …``, in the repository root, or in
``--handbook`` DIR with the code on PYTHONPATH) after one warm-up run; the median wall time and
the median CPU time (user + system, from ``os.wait4``) of ``--repeat`` runs are printed. The
byte code is compiled first and the runs may write it, as an installed stdlint's is
(``runs.as_installed``). With ``--against``, that revision is exported with ``git archive``
into a temporary folder and run from there (its own handbook, unless ``--handbook`` names one,
and its own code, this interpreter and its packages), alternating with the working tree run for
run, so that both see the same load of a shared machine. A handbook of 10 standards for the
start-up goal: ``generate_handbook.py --files 10 --out DIR``. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# needs the repository root, above
from benchmarks.runs import as_installed, compile_stdlint  # noqa: E402

COMMANDS: dict[str, list[str]] = {
    "check": ["-m", "stdlint", "check"],
    "help": ["-m", "stdlint", "--help"],
    "explain": ["-m", "stdlint", "explain"],
    "schema --check": ["-m", "stdlint", "schema", "--check"],
    "review": ["-m", "stdlint", "review"],
    "coverage": ["-m", "stdlint", "coverage"],
    "import stdlint.cli": ["-c", "import stdlint.cli"],
}


def run(folder: Path, args: list[str], handbook: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of ``python *args`` run in ``handbook`` (default: ``folder``) with the
    code of ``folder`` first on the path."""
    env = dict(as_installed(), PYTHONPATH=str(folder), STDLINT_TODAY="2026-11-30")
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *args],
        cwd=handbook or folder,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, _, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime


def export(revision: str, target: Path) -> Path:
    """The files of ``revision`` in ``target``."""
    archive = subprocess.run(
        ["git", "archive", revision], cwd=REPO, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("commands", nargs="*", help=f"some of: {', '.join(COMMANDS)}")
    parser.add_argument("--against", metavar="REV", help="also run this git revision")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--handbook", type=Path, help="run in this handbook's folder")
    options = parser.parse_args()
    compile_stdlint()
    commands = options.commands or list(COMMANDS)
    unknown = [name for name in commands if name not in COMMANDS]
    if unknown:
        parser.error(f"unknown command(s): {', '.join(unknown)}")
    with tempfile.TemporaryDirectory() as temporary:
        builds = {"this tree": REPO}
        if options.against:
            builds[options.against] = export(options.against, Path(temporary))
        for name in commands:
            times: dict[str, list[tuple[float, float]]] = {build: [] for build in builds}
            for repeat in range(options.repeat + 1):
                order = list(builds.items())
                for build, folder in order if repeat % 2 else reversed(order):
                    measured = run(folder, COMMANDS[name], options.handbook)
                    if repeat:  # the first round warms the caches and writes the .pyc files
                        times[build].append(measured)
            for build, runs in times.items():
                wall = statistics.median(w for w, _ in runs)
                cpu = statistics.median(c for _, c in runs)
                print(f"{name:20} {build:12} wall {wall:6.3f} s   cpu {cpu:6.3f} s", flush=True)


if __name__ == "__main__":
    main()

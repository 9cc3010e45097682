"""How long the example handbook takes to check with one broken file beside it, per kind of break.

Issue 9's promise: every reproducer is checked in well under a second. Prints, per reproducer,
the wall time of an in-process ``check`` of the example handbook with ``standards/broken.md``
replaced by it, and its ratio to the clean example checked the same way in the same run.

    .venv/bin/python benchmarks/bench_reproducers.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from stdlint import check, load_settings  # noqa: E402
from tests.test_reproducers import BROKEN_STANDARDS  # noqa: E402

DAY = date(2026, 11, 23)


def _time(handbook: Path, repeats: int = 3) -> float:
    settings = load_settings(handbook / "handbook.yml")
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        check(None, settings, DAY)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        handbook = Path(folder) / "handbook"
        handbook.mkdir()
        shutil.copy(REPO / "handbook.yml", handbook / "handbook.yml")
        shutil.copytree(REPO / "standards", handbook / "standards")
        _time(handbook, 1)  # warm the dictionaries and caches
        clean = _time(handbook)
        print(f"{'clean example (11 files)':<40} {clean * 1000:8.1f} ms")
        for name, data in BROKEN_STANDARDS:
            (handbook / "standards" / "broken.md").write_bytes(data)
            took = _time(handbook)
            print(f"{name:<40} {took * 1000:8.1f} ms  {took / clean:5.2f}x clean")


if __name__ == "__main__":
    main()

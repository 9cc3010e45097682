"""How fast ``stdlint check`` runs, and what the on-demand position loading saves.

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/bench_check.py [COPIES]``.

1. Front-matter loading: the safe loader (C where ruamel.yaml.clib is installed), which every
   file pays, against finding the positions of its keys (a node tree composed again by the C
   parser), which only files with a finding pay.
2. A whole check of a synthetic handbook: the example standards copied COPIES times with fresh
   ids (clean files), then the same with one broken field per file (every file needs positions).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from stdlint.config import load_profile
from stdlint.engine import check
from stdlint.parse.yamlpositions import Positions
from stdlint.parse.yamlsource import load_mapping

REPO = Path(__file__).resolve().parent.parent


def _best_of(repeats: int, action: object) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def bench_loaders(front_matters: list[str]) -> None:
    def fast() -> None:
        for text in front_matters:
            load_mapping(text, 2)

    def positioned() -> None:
        for text in front_matters:
            Positions(text, 2).key(("id",))

    fast_time = _best_of(5, fast)
    round_trip_time = _best_of(5, positioned)
    count = len(front_matters)
    print(f"front matter, safe loader:       {count / fast_time:10.0f} files/s")
    print(f"front matter, positions:         {count / round_trip_time:10.0f} files/s")
    print(f"positions / safe load time:      {round_trip_time / fast_time:10.2f}x")


def _make_handbook(folder: Path, copies: int, broken: bool) -> int:
    shutil.copy(REPO / "handbook.yml", folder / "handbook.yml")
    standards = sorted((REPO / "standards").rglob("*.md"))
    (folder / "standards").mkdir()
    for copy in range(copies):
        for index, path in enumerate(standards):
            text = path.read_text("utf-8")
            text = text.replace("\nid: ", f"\nid: copy{copy}-", 1)
            if broken:
                text = text.replace("\nstatus: active", "\nstatus: actve", 1)
            (folder / "standards" / f"{copy:04d}-{index}-{path.name}").write_text(text, "utf-8")
    return copies * len(standards)


def bench_check(copies: int, broken: bool) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        files = _make_handbook(folder, copies, broken)
        profile = load_profile(folder / "handbook.yml")
        check(None, profile, date(2026, 11, 23))  # warm caches (markdown parser, registry)
        start = time.perf_counter()
        result = check(None, profile, date(2026, 11, 23))
        elapsed = time.perf_counter() - start
        # Memory in a separate run: tracing slows Python down several times.
        tracemalloc.start()
        check(None, profile, date(2026, 11, 23))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        label = "one broken field each" if broken else "clean"
        print(
            f"check, {files} files ({label}): {files / elapsed:8.0f} files/s, "
            f"{len(result.diagnostics)} diagnostics, peak traced memory {peak / 1e6:.1f} MB"
        )


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    front_matters = [
        path.read_text("utf-8").split("---\n", 2)[1]
        for path in sorted((REPO / "standards").rglob("*.md"))
    ] * 50
    print(f"python {sys.version.split()[0]}")
    bench_loaders(front_matters)
    bench_check(copies, broken=False)
    bench_check(copies, broken=True)


if __name__ == "__main__":
    main()

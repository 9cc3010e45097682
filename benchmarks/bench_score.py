"""The scorecard at scale: ``stdlint score`` as a whole process against a DuckDB floor.

Prints figures; asserts nothing. Run from the repository root:
``.venv/bin/python benchmarks/bench_score.py [--rows 1000000 10000000] [--repeat 3]
[--formats csv parquet] [--keep DIR]`` (``--help`` for the rest).

1. Data: ``generate_measurements.py``'s rows for the example handbook (two months, 2026-09 and
   2026-10, ``--seed``, ``--bad``), one file per size and format, in a cache folder outside the
   repository (``$TMPDIR/stdlint-bench-score``, or ``--keep DIR``). A file is reused when it is
   there: its name holds the rows, the seed, the share of bad rows and a digest of the
   generator, the handbook and DuckDB's version. The generation's time and size are printed.
2. Rounds (``--repeat``), each running, in an order rotated from round to round:
   - ``floor``: a plain DuckDB query over the same file in a child process,
     ``SELECT count(*), avg(TRY_CAST(value AS DOUBLE)) FROM read_csv(FILE, all_varchar = true)``
     (``read_json``, ``read_parquet`` for the other formats): every row read, every value parsed
     once, as the scorecard must read them (as text, to report the ones that are not numbers);
   - ``score``: ``python -m stdlint score --data FILE --period 2026-10 --format json`` in the
     repository root (the example handbook), its JSON written to a file. Exit status 0 (clean
     data) and 1 (bad rows) both mean it ran; anything else is a failure, shown with its stderr.
   The ratio to the floor is taken round by round, and its median shown.

Every measured command is started by a fresh small Python process (``MEASURE``) that runs it,
waits, and reports ``resource.getrusage(RUSAGE_CHILDREN)``: peak memory as ``ru_maxrss`` (the
high-water mark of the command's resident set; the starter's own, about 10 MB, is its floor),
and CPU time user + system. The wall time is taken around the command alone, in the starter.
A fresh starter for every run: ``RUSAGE_CHILDREN`` in a long-lived process keeps the largest
child it ever waited for. On a shared machine seconds vary from run to run: compare the ratios
within a run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_scale import machine  # needs the repository root on sys.path, above
from benchmarks.generate_measurements import FORMATS
from benchmarks.runs import Runs, as_installed, compile_stdlint

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GENERATOR = REPO / "benchmarks" / "generate_measurements.py"
PERIOD = "2026-10"
START, END = "2026-09-01", "2026-10-31"
CACHE = Path(tempfile.gettempdir()) / "stdlint-bench-score"
SUFFIXES = {name: suffix for suffix, name in FORMATS.items()}  # csv -> .csv

# Runs the command in argv[3:], its stdout into argv[1] and its stderr into argv[2]; prints the
# exit status, the wall time, the CPU time and the peak RSS (KB) of the command.
MEASURE = """\
import resource, subprocess, sys, time
with open(sys.argv[1], "wb") as out, open(sys.argv[2], "wb") as err:
    start = time.perf_counter()
    status = subprocess.call(sys.argv[3:], stdout=out, stderr=err)
    wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(status, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""

# The floor: read every row of the file in argv[1] and parse its value, nothing else.
FLOOR = """\
import sys, duckdb
path = sys.argv[1].replace("'", "''")
reader = {
    ".parquet": f"read_parquet('{path}')",
    ".jsonl": f"read_json('{path}', format = 'newline_delimited')",
}.get(path[path.rfind("."):], f"read_csv('{path}', header = true, all_varchar = true)")
connection = duckdb.connect()
connection.execute("SET enable_progress_bar = false")  # it would print into the output
[(count, mean)] = connection.execute(
    f"SELECT count(*), avg(TRY_CAST(value AS DOUBLE)) FROM {reader}"
).fetchall()
print(count, mean)
"""


@dataclass(frozen=True, slots=True)
class Measured:
    """One run of a command: its exit status, seconds and peak memory."""

    status: int
    wall: float
    cpu: float
    rss_mb: float


def measure(command: list[str], output: Path, cwd: Path = REPO) -> tuple[Measured, str]:
    """Run ``command`` under a fresh starter; its stdout goes to ``output``. Returns its stderr."""
    errors = output.with_name(output.name + ".stderr")
    starter = subprocess.run(
        [PYTHON, "-c", MEASURE, str(output), str(errors), *command],
        cwd=cwd,
        env=as_installed(),
        capture_output=True,
        text=True,
        check=True,
    )
    status, wall, cpu, max_kb = starter.stdout.split()
    stderr = errors.read_text("utf-8", "replace") if errors.exists() else ""
    return Measured(int(status), float(wall), float(cpu), int(max_kb) / 1024), stderr


def floor_command(data: Path) -> list[str]:
    """The floor over ``data``: prints the row count and the mean value."""
    return [PYTHON, "-c", FLOOR, str(data)]


def score_command(data: Path, period: str = PERIOD) -> list[str]:
    """``stdlint score`` over ``data`` with JSON output."""
    return [
        PYTHON,
        "-m",
        "stdlint",
        "score",
        "--data",
        str(data),
        "--period",
        period,
        "--format",
        "json",
    ]


def record(runs: Runs, measured: Measured, stderr: str, ran: tuple[int, ...]) -> bool:
    """Add one run to ``runs`` when its exit status is one of ``ran``; else mark them failed."""
    if measured.status not in ran:
        runs.failed = f"exit status {measured.status}\n{stderr[-2000:]}"
        return False
    runs.wall.append(measured.wall)
    runs.cpu.append(measured.cpu)
    runs.rss_mb.append(measured.rss_mb)
    return True


def _digest(bad: float) -> str:
    """What the generated bytes depend on: the generator, the handbook, DuckDB's version."""
    from importlib.metadata import version

    digest = hashlib.sha256(GENERATOR.read_bytes())
    digest.update(version("duckdb").encode())
    digest.update(repr(bad).encode())
    for path in [REPO / "handbook.yml", *sorted((REPO / "standards").rglob("*.md"))]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def data_file(folder: Path, rows: int, output: str, seed: int, bad: float) -> Path:
    """The measurements file for ``rows`` and ``output``: reused, or generated (and timed)."""
    suffix = SUFFIXES[output]
    path = folder / f"measurements-{rows}-seed{seed}-bad{bad:g}-{_digest(bad)}{suffix}"
    if path.exists():
        print(f"reusing {path} ({path.stat().st_size / 1e6:.1f} MB)", flush=True)
        return path
    partial = path.with_name(f"partial-{os.getpid()}-{path.name}")
    command = [PYTHON, str(GENERATOR), "--rows", str(rows), "--from", START, "--to", END]
    command += ["--seed", str(seed), "--bad", repr(bad), "--out", str(partial)]
    measured, stderr = measure(command, folder / "generate.out")
    if measured.status != 0:
        partial.unlink(missing_ok=True)
        raise SystemExit(f"generating {path.name} failed:\n{stderr}")
    partial.replace(path)
    print(
        f"generated {rows:,} rows, {output}: {path.stat().st_size / 1e6:.1f} MB in "
        f"{measured.wall:.1f} s ({measured.cpu:.1f} s CPU, peak {measured.rss_mb:.0f} MB): {path}",
        flush=True,
    )
    return path


def _summary(output: Path) -> str:
    """A line about the scorecard's JSON: its size and top-level figures, whatever they are."""
    try:
        data = json.loads(output.read_text("utf-8"))
    except (OSError, ValueError) as error:
        return f"unreadable JSON ({error})"
    figures = ""
    if isinstance(data, dict):
        figures = ", ".join(
            f"{key} {value}"
            for key, value in data.items()
            if isinstance(value, int | float | str) and not isinstance(value, bool)
        )
    return f"JSON {output.stat().st_size:,} bytes; {figures}"


def bench(data: Path, rows: int, repeat: int, outputs: Path) -> None:
    """Floor and score alternated ``repeat`` times over ``data``; a table of medians."""
    commands = {"floor": floor_command(data), "score": score_command(data)}
    allowed = {"floor": (0,), "score": (0, 1)}
    results = {name: Runs() for name in commands}
    ratios: list[float] = []
    cpu_ratios: list[float] = []
    names = list(commands)
    measure(floor_command(data), outputs / "warm.out")  # the file in the page cache
    for round_ in range(repeat):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        seconds: dict[str, Measured] = {}
        for name in order:
            output = outputs / f"{name}.out"
            measured, stderr = measure(commands[name], output)
            if record(results[name], measured, stderr, allowed[name]):
                seconds[name] = measured
            print(
                f"  round {round_ + 1}/{repeat} {name:<6} {measured.wall:8.2f} s, "
                f"exit {measured.status}, peak {measured.rss_mb:.0f} MB",
                flush=True,
            )
            if name == "floor" and round_ == 0:
                print(f"  floor: count, mean = {output.read_text().strip()}", flush=True)
            if name == "score" and round_ == 0 and name in seconds:
                print(f"  score: {_summary(output)}", flush=True)
        if "floor" in seconds and "score" in seconds:
            ratios.append(seconds["score"].wall / seconds["floor"].wall)
            cpu_ratios.append(seconds["score"].cpu / seconds["floor"].cpu)
    table(results, rows, ratios, cpu_ratios)


def table(
    results: dict[str, Runs], rows: int, ratios: list[float], cpu_ratios: list[float]
) -> None:
    """Medians; the ratios to the floor are medians of the rounds' ratios (wall, CPU)."""
    print(
        f"  {'run':<8} {'wall s':>8} {'min–max':>13} {'rows/s':>11} {'CPU s':>8}"
        f" {'peak RSS MiB':>12} {'x floor':>8} {'CPU x fl.':>9}  wall x floor per round"
    )
    for name, runs in results.items():
        if runs.failed:
            print(f"  {name:<8} failed: {runs.failed}")
            continue
        if not runs.wall:
            continue
        wall = statistics.median(runs.wall)
        spread = f"{min(runs.wall):.2f}–{max(runs.wall):.2f}"
        shown = f"{'':8} {'':9}"
        each = ""
        if name == "score" and ratios:
            shown = f"{statistics.median(ratios):8.2f} {statistics.median(cpu_ratios):9.2f}"
            each = ", ".join(f"{ratio:.2f}" for ratio in ratios)
        print(
            f"  {name:<8} {wall:8.2f} {spread:>13} {rows / wall:11,.0f} "
            f"{statistics.median(runs.cpu):8.2f} {max(runs.rss_mb):12.0f} {shown}  {each}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[1_000_000, 10_000_000], help="sizes"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds per size and format")
    parser.add_argument(
        "--formats", nargs="+", choices=sorted(SUFFIXES), default=["csv", "parquet"]
    )
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--bad", type=float, default=0.0, help="the share of rows with a problem")
    parser.add_argument(
        "--keep", type=Path, help=f"keep the data and outputs in this folder (default: {CACHE})"
    )
    args = parser.parse_args()
    compile_stdlint()
    from importlib.metadata import version

    print(f"{machine()}, DuckDB {version('duckdb')}", flush=True)
    folder = (args.keep or CACHE).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-score-") as temporary:
        outputs = args.keep.resolve() if args.keep else Path(temporary)
        for rows in args.rows:
            for output in args.formats:
                data = data_file(folder, rows, output, args.seed, args.bad)
                size = data.stat().st_size / 1e6
                print(f"\n{rows:,} rows, {output} ({size:.1f} MB), {args.repeat} rounds")
                bench(data, rows, args.repeat, outputs)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

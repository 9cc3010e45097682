"""Checking at scale: ``stdlint check`` as a whole process against the floor, in one run.

Prints figures; asserts nothing. Run from the repository root:
``.venv/bin/python benchmarks/bench_scale.py [--files 1000] [--repeat 3] [--keep DIR]``
(``--help`` for the rest).

1. A handbook of ``--files`` standards from ``generate_handbook.py`` (``--seed``), or an existing
   one (``--handbook DIR``).
2. Rounds (``--repeat``), each running, in an order rotated from round to round:
   - ``floor``: ``benchmarks/floor.py``, reading every standard and parsing its front matter
     (ruamel.yaml's C loader) and body (markdown-it-py), nothing else;
   - ``check``: ``python -m stdlint check --format json --today 2026-11-23 --fail-on never``,
     the JSON written to a file, on one core (``--jobs 1``, when the help offers it);
   - ``check --jobs 2``, when ``stdlint check --help`` offers ``--jobs``;
   and then, with the cache warm if there is one (``--no-cache`` in the help makes the runs
   above cold and adds a ``check, nothing changed`` run), ``check, one file edited``: the same
   command after one standard's text has changed (the file is restored at the end). The warm
   runs are also shown as a share of the cold one-core check of their round.
   The ratio to the floor is taken round by round (the floor and the check ran minutes apart at
   most), and its median is shown.
3. The example handbook (the repository root): floor and check alternated ``--example-repeat``
   times, and the import time of ``stdlint.cli`` (``python -c "import stdlint.cli"`` minus
   ``python -c pass``, alternated; and ``-X importtime`` summed by top-level package).

Every measured command is a child process run under GNU time (``/usr/bin/time -f "%U %S %M"``),
which reports its own child's resource usage (with that child's reaped descendants: the worker
processes of ``--jobs``): wall time by ``time.perf_counter`` around it, CPU time user + system,
and peak memory as ``ru_maxrss``, the high-water mark of the resident set of the largest single
process (for ``--jobs`` the largest of the main process and the workers, not their sum). Not
``os.wait4`` on a child of this script: a forked child's high-water mark starts at this script's
resident set and keeps it across exec. Without GNU time, ``os.wait4`` it is, RSS inflated.
On a shared machine seconds vary from run to run: compare the ratios within a run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate_handbook import generate  # needs the repository root, above
from benchmarks.regional import REPO, TODAY
from benchmarks.runs import Runs, as_installed, compile_stdlint

PYTHON = sys.executable
FLOOR = [PYTHON, str(REPO / "benchmarks" / "floor.py"), "."]
CHECK = [PYTHON, "-m", "stdlint", "check", "--format", "json", "--today", TODAY]
CHECK += ["--fail-on", "never"]


# GNU time runs the command as its own child and reports that child's resource usage. Its
# peak RSS is the command's own: a child forked straight from this script starts with this
# script's resident set in its high-water mark, which survives exec (``python -c pass``
# measured 36 MB that way, 10 MB under GNU time).
GNU_TIME = "/usr/bin/time"


def run(command: list[str], cwd: Path, runs: Runs, output: Path | None = None) -> float:
    """Run ``command`` once as a child process and record it; returns its wall time."""
    with tempfile.TemporaryDirectory(prefix="bench-run-") as scratch:
        usage_file = Path(scratch) / "usage"
        errors = Path(scratch) / "stderr"
        timed = [GNU_TIME, "-f", "%U %S %M", "-o", str(usage_file), *command]
        with (
            (output or Path(os.devnull)).open("wb") as stdout,
            errors.open("wb") as stderr,
        ):
            start = time.perf_counter()
            child = subprocess.Popen(
                timed if _HAS_GNU_TIME else command,
                cwd=cwd,
                env=as_installed(),
                stdout=stdout,
                stderr=stderr,
            )
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            runs.failed = errors.read_text("utf-8", "replace")[-2000:]
            return elapsed
        if _HAS_GNU_TIME:
            user, system, max_kb = usage_file.read_text().split()[-3:]
            cpu, rss_kb = float(user) + float(system), int(max_kb)
        else:  # the child's own figures, its RSS inflated by this script's (see GNU_TIME)
            cpu, rss_kb = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    runs.wall.append(elapsed)
    runs.cpu.append(cpu)
    runs.rss_mb.append(rss_kb / 1024)
    return elapsed


def _gnu_time() -> bool:
    try:
        probe = subprocess.run(
            [GNU_TIME, "-f", "%M", "-o", os.devnull, "true"], capture_output=True, check=False
        )
    except OSError:
        return False
    return probe.returncode == 0


_HAS_GNU_TIME = _gnu_time()


def machine() -> str:
    """CPU model, cores, Python and stdlint versions: the line every figure goes with."""
    model = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib.metadata import version

    return (
        f"{model}, {os.cpu_count()} CPUs, {platform.platform()}, "
        f"Python {platform.python_version()}, stdlint {version('stdlint')}, "
        f"load average {os.getloadavg()[0]:.2f}"
    )


def check_options() -> tuple[bool, bool]:
    """Whether ``stdlint check`` has ``--jobs`` and ``--no-cache`` (added by later work)."""
    help_text = subprocess.run(
        [*CHECK[:4], "--help"], capture_output=True, text=True, check=True
    ).stdout
    return "--jobs" in help_text, "--no-cache" in help_text


def _summary(output: Path) -> str:
    data = json.loads(output.read_text("utf-8"))
    families = Counter(d["code"][:3] for d in data["diagnostics"])
    summary = data["summary"]
    return (
        f"{data['files']} files; {summary['error']} errors, {summary['warning']} warnings, "
        f"{summary['info']} info; by family: "
        + ", ".join(f"{family} {count}" for family, count in sorted(families.items()))
        + f"; JSON {output.stat().st_size / 1e6:.1f} MB"
    )


def _edit(path: Path, original: str, round_: int) -> None:
    """Change one standard's text (a new paragraph at its end), different every round."""
    path.write_text(f"{original}\nEdited for the benchmark, round {round_ + 1}.\n", "utf-8")


# --- the handbook at scale ----------------------------------------------------------------


def bench_handbook(folder: Path, files: int, repeat: int, outputs: Path) -> None:
    has_jobs, has_no_cache = check_options()
    cold = ["--no-cache"] if has_no_cache else []
    one_core = ["--jobs", "1"] if has_jobs else []
    commands: dict[str, list[str]] = {"floor": FLOOR, "check": [*CHECK, *cold, *one_core]}
    if has_jobs:
        commands["check --jobs 2"] = [*CHECK, *cold, "--jobs", "2"]
    print(
        f"stdlint check: --jobs {'found' if has_jobs else 'not found'}, "
        f"--no-cache {'found' if has_no_cache else 'not found'}"
    )
    results = {name: Runs() for name in commands}
    unchanged, edited = "check, nothing changed", "check, one file edited"
    if has_no_cache:
        results[unchanged] = Runs()
    results[edited] = Runs()
    ratios: dict[str, list[float]] = {name: [] for name in results if name != "floor"}
    cpu_ratios: dict[str, list[float]] = {name: [] for name in ratios}
    standards = sorted((folder / "standards").rglob("*.md"))
    touched = standards[len(standards) // 2]
    original = touched.read_text("utf-8")
    output = outputs / f"{folder.name}-check.json"
    warm = Runs()
    run(FLOOR, folder, warm)  # the files in the page cache, byte code compiled
    names = list(commands)
    try:
        for round_ in range(repeat):
            order = names[round_ % len(names) :] + names[: round_ % len(names)]
            seconds: dict[str, float] = {}
            for name in order:
                seconds[name] = run(commands[name], folder, results[name], output)
                print(
                    f"  round {round_ + 1}/{repeat} {name:<24} {seconds[name]:8.2f} s", flush=True
                )
                if name == "check" and round_ == 0 and not results[name].failed:
                    print(f"  findings: {_summary(output)}", flush=True)
            if has_no_cache:  # fill the cache, then a run with nothing changed
                run(CHECK, folder, Runs(), output)
                seconds[unchanged] = run(CHECK, folder, results[unchanged], output)
                print(f"  round {round_ + 1}/{repeat} {unchanged:<24} {seconds[unchanged]:8.2f} s")
            _edit(touched, original, round_)
            seconds[edited] = run(CHECK, folder, results[edited], output)
            print(
                f"  round {round_ + 1}/{repeat} {edited:<24} {seconds[edited]:8.2f} s", flush=True
            )
            for name in ratios:
                if not results[name].failed and not results["floor"].failed:
                    ratios[name].append(seconds[name] / seconds["floor"])
                    cpu_ratios[name].append(results[name].cpu[-1] / results["floor"].cpu[-1])
    finally:
        touched.write_text(original, "utf-8")
    print(f"\n{files} standard files, {repeat} rounds; edited: {touched.relative_to(folder)}")
    table(results, files, ratios, cpu_ratios)
    if not results["check"].failed:
        # What the cache saves: each warm run against the cold one-core check of its round.
        first = results["check"].wall
        for name in (unchanged, edited):
            if name in results and not results[name].failed:
                pairs = zip(results[name].wall, first, strict=False)
                shares = [warm / cold for warm, cold in pairs]
                print(
                    f"  {name}: {100 * statistics.median(shares):.1f} % of the cold check's wall "
                    f"time (rounds: {', '.join(f'{100 * share:.1f} %' for share in shares)})"
                )


def table(
    results: dict[str, Runs],
    files: int,
    ratios: dict[str, list[float]],
    cpu_ratios: dict[str, list[float]],
) -> None:
    """Medians; the ratios to the floor are medians of the rounds' ratios (wall, CPU)."""
    print(
        f"  {'run':<26} {'wall s':>8} {'min–max':>15} {'files/s':>8} {'CPU s':>8}"
        f" {'peak RSS MiB':>12} {'x floor':>8} {'CPU x fl.':>9}  wall x floor per round"
    )
    for name, runs in results.items():
        if runs.failed:
            print(f"  {name:<26} failed:\n{runs.failed}")
            continue
        wall = statistics.median(runs.wall)
        spread = f"{min(runs.wall):.2f}–{max(runs.wall):.2f}"
        ratio = ratios.get(name, [])
        shown = f"{statistics.median(ratio):8.2f}" if ratio else f"{'':8}"
        cpu_ratio = cpu_ratios.get(name, [])
        shown += f" {statistics.median(cpu_ratio):9.2f}" if cpu_ratio else f" {'':9}"
        each = ", ".join(f"{r:.2f}" for r in ratio)
        print(
            f"  {name:<26} {wall:8.2f} {spread:>15} {files / wall:8.0f} "
            f"{statistics.median(runs.cpu):8.2f} {max(runs.rss_mb):12.0f} {shown}  {each}"
        )


# --- the example handbook and the import time ---------------------------------------------


def import_times(repeat: int) -> None:
    """``import stdlint.cli`` in a fresh interpreter: by wall time, and by ``-X importtime``."""
    bare, imported = Runs(), Runs()
    for _ in range(repeat):
        run([PYTHON, "-c", "pass"], REPO, bare)
        run([PYTHON, "-c", "import stdlint.cli"], REPO, imported)
    difference = statistics.median(imported.wall) - statistics.median(bare.wall)
    print(
        f"  python -c pass: {statistics.median(bare.wall):.3f} s, "
        f"{max(bare.rss_mb):.0f} MB; python -c 'import stdlint.cli': "
        f"{statistics.median(imported.wall):.3f} s, {max(imported.rss_mb):.0f} MB; "
        f"import {difference:.3f} s (medians of {repeat})"
    )
    profile = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", "import stdlint.cli"],
        cwd=REPO,
        env=as_installed(),
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    by_package: Counter[str] = Counter()
    cumulative = 0
    for line in profile.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if match is None:
            continue
        self_us, total_us, _, name = match.groups()
        by_package[name.split(".")[0]] += int(self_us)
        if name == "stdlint.cli":
            cumulative = int(total_us)
    top = ", ".join(f"{name} {us / 1e6:.3f}" for name, us in by_package.most_common(8))
    print(
        f"  -X importtime: stdlint.cli cumulative {cumulative / 1e6:.3f} s; "
        f"self time summed over all modules {sum(by_package.values()) / 1e6:.3f} s; "
        f"by top-level package (s): {top}"
    )


def bench_example(repeat: int) -> None:
    files = len(list((REPO / "standards").rglob("*.md")))
    results = {"floor": Runs(), "check": Runs()}
    ratios: dict[str, list[float]] = {"check": []}
    cpu_ratios: dict[str, list[float]] = {"check": []}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temporary:
        output = Path(temporary) / "check.json"
        run(FLOOR, REPO, Runs())
        for round_ in range(repeat):
            order = ["floor", "check"] if round_ % 2 == 0 else ["check", "floor"]
            seconds = {}
            for name in order:
                command = FLOOR if name == "floor" else CHECK
                seconds[name] = run(command, REPO, results[name], output)
            ratios["check"].append(seconds["check"] / seconds["floor"])
            cpu_ratios["check"].append(results["check"].cpu[-1] / results["floor"].cpu[-1])
    print(f"\nthe example handbook (repository root): {files} files, {repeat} rounds")
    table(results, files, ratios, cpu_ratios)
    import_times(repeat)


def _where(key: tuple[str, int, str]) -> str:
    filename, line, function = key
    for marker in ("site-packages/", str(REPO) + "/"):
        if marker in filename:
            filename = filename.split(marker, 1)[1]
    return f"{filename}:{line}({function})"


def profile_check(folder: Path, outputs: Path, top: int = 15) -> None:
    """One ``stdlint check`` under cProfile: where its time goes, by cumulative and by own time.

    The chain of calls that wraps the whole run (runpy, click, the CLI, ``engine.check``) is
    left out of the cumulative list: every call above 90 % of the total.
    """
    dump = outputs / f"{folder.name}-check.prof"
    command = [PYTHON, "-m", "cProfile", "-o", str(dump), *CHECK[1:]]
    runs = Runs()
    run(command, folder, runs)
    if runs.failed:
        print(f"profiling failed:\n{runs.failed}")
        return
    stats = pstats.Stats(str(dump)).stats  # type: ignore[attr-defined]
    total = max(cumulative for _, _, _, cumulative, _ in stats.values())
    print(f"\none check under cProfile: {runs.wall[0]:.1f} s wall, {total:.1f} s profiled ({dump})")
    rows = sorted(stats.items(), key=lambda item: -item[1][3])
    print(f"  top {top} by cumulative seconds (below 90 % of the total):")
    for key, (_, calls, own, cumulative, _) in [r for r in rows if r[1][3] < 0.9 * total][:top]:
        print(f"  {cumulative:8.2f} {own:8.2f} {calls:9d}  {_where(key)}")
    print(f"  top {top} by own seconds:")
    for key, (_, calls, own, cumulative, _) in sorted(rows, key=lambda r: -r[1][2])[:top]:
        print(f"  {cumulative:8.2f} {own:8.2f} {calls:9d}  {_where(key)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=1000, help="standards to generate")
    parser.add_argument("--repeat", type=int, default=3, help="rounds at scale (median)")
    parser.add_argument("--example-repeat", type=int, default=7, help="rounds on the example")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument(
        "--handbook", type=Path, help="an existing handbook folder instead of a generated one"
    )
    parser.add_argument(
        "--keep", type=Path, help="generate into this new folder and keep it (and the outputs)"
    )
    parser.add_argument("--no-example", action="store_true", help="skip the example handbook")
    parser.add_argument(
        "--profile", action="store_true", help="then one check under cProfile: top 15 functions"
    )
    args = parser.parse_args()
    compile_stdlint()
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: the folder is not empty")
    print(machine(), flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as temporary:
        if args.handbook:
            folder = args.handbook.resolve()
            files = len(list((folder / "standards").rglob("*.md")))
        else:
            folder = (args.keep or Path(temporary)).resolve() / f"handbook-{args.files}"
            start = time.perf_counter()
            files = len(generate(folder, args.files, args.seed))
            print(f"generated {files} files in {time.perf_counter() - start:.1f} s: {folder}")
        outputs = (args.keep or Path(temporary)).resolve()
        outputs.mkdir(parents=True, exist_ok=True)
        bench_handbook(folder, files, args.repeat, outputs)
        if args.profile:
            profile_check(folder, outputs)
        if not args.no_example:
            bench_example(args.example_repeat)
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

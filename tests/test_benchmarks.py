"""The generators and measuring parts of ``benchmarks/``: seeded, what they promise, checkable.

Benchmarks print figures and assert none; what is tested here is only that the generated
handbook is what ``bench_scale.py`` claims to measure, and that ``bench_score.py``'s floor and
per-run measurement are what it says. No time is asserted. (The measurements generator has its
own tests, with the example's sample data: ``test_measurements_sample.py``.)
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.bench_score import floor_command, measure, record
from benchmarks.generate_handbook import SIZE_MAX, SIZE_MIN, Sources, generate, read_sources
from benchmarks.generate_measurements import generate as generate_measurements
from benchmarks.runs import Runs, as_installed
from stdlint import check, load_settings
from stdlint.cli import main


@pytest.fixture(scope="module")
def sources() -> Sources:
    return read_sources()


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_same_seed_writes_the_same_handbook(tmp_path: Path, sources: Sources) -> None:
    generate(tmp_path / "one", 40, seed=7, sources=sources)
    generate(tmp_path / "two", 40, seed=7, sources=sources)
    generate(tmp_path / "other", 40, seed=8, sources=sources)
    one = _contents(tmp_path / "one")
    assert one == _contents(tmp_path / "two")
    assert one != _contents(tmp_path / "other")


def test_the_generated_handbook_has_the_files_it_promises(
    tmp_path: Path, sources: Sources, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = generate(tmp_path, 20, seed=20261123, sources=sources)
    assert len(paths) == 20
    assert sorted(paths) == sorted((tmp_path / "standards").rglob("*.md"))
    assert (tmp_path / "handbook.yml").is_file()
    assert all(SIZE_MIN <= path.stat().st_size <= SIZE_MAX for path in paths)
    assert sum(path.name.endswith(".ru.md") for path in paths) == 10
    # Regional folders: standards/<branch>/<channel>/<name>.<lang>.md
    assert all(len(path.relative_to(tmp_path / "standards").parts) == 3 for path in paths)

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--today", "2026-11-23", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["files"] == 20
    codes = [diagnostic["code"] for diagnostic in report["diagnostics"]]
    # Valid front matter and sections: nothing about the structure.
    assert [code for code in codes if code.startswith("STR")] == []
    # Vague steps among the concrete ones: concreteness and measurability findings.
    assert any(code.startswith("CON") for code in codes)
    assert any(code.startswith("MEA") for code in codes)


def test_every_generated_front_matter_is_read_in_full(tmp_path: Path, sources: Sources) -> None:
    paths = generate(tmp_path, 20, seed=3, sources=sources)
    result = check(None, load_settings(tmp_path / "handbook.yml"), date(2026, 11, 23))
    # The check keeps a summary of each standard (Facts), not the parsed documents.
    assert len(result.handbook) == len(paths)
    for doc in result.handbook:
        assert doc.meta is not None, doc.display_path
        assert doc.meta.metrics, doc.display_path
        assert doc.meta.id.endswith(doc.path.parent.parent.name)  # the branch
    assert not [d for d in result.diagnostics if d.code.startswith("STR")]


# --- bench_score.py: the floor and the measurement of each run -------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl"])
def test_the_score_floor_reads_every_row_and_averages_the_values(
    tmp_path: Path, suffix: str
) -> None:
    generate_measurements(tmp_path / "data.csv", 2000, seed=9)
    generate_measurements(tmp_path / f"other{suffix}", 2000, seed=9)
    with (tmp_path / "data.csv").open(encoding="utf-8", newline="") as file:
        values = [float(row["value"]) for row in csv.DictReader(file)]
    measured, stderr = measure(floor_command(tmp_path / f"other{suffix}"), tmp_path / "out")
    assert measured.status == 0, stderr
    count, mean = (tmp_path / "out").read_text().split()
    assert int(count) == len(values) == 2000
    assert float(mean) == pytest.approx(sum(values) / len(values), rel=1e-12)


def test_each_score_run_is_measured_alone_and_judged_by_its_exit_status(tmp_path: Path) -> None:
    def child(code: str) -> list[str]:
        return [sys.executable, "-c", code]

    big, _ = measure(child("data = b'x' * 150_000_000"), tmp_path / "big")
    small, _ = measure(child("pass"), tmp_path / "small")
    # The peak is each run's own: a small run after a big one is not charged the big one's.
    assert big.rss_mb > 150
    assert small.rss_mb < 60
    assert big.wall > 0 and big.cpu > 0

    runs = Runs()
    bad_rows, stderr = measure(child("import sys; print('{}'); sys.exit(1)"), tmp_path / "one")
    assert record(runs, bad_rows, stderr, (0, 1))  # exit 1: bad rows, the command ran
    assert runs.wall == [bad_rows.wall] and not runs.failed
    unreadable, stderr = measure(
        child("import sys; sys.stderr.write('no such file'); sys.exit(2)"), tmp_path / "two"
    )
    assert not record(runs, unreadable, stderr, (0, 1))
    assert "exit status 2" in runs.failed and "no such file" in runs.failed
    assert len(runs.wall) == 1


def test_measured_commands_write_and_use_byte_code(tmp_path: Path) -> None:
    """A machine that sets PYTHONDONTWRITEBYTECODE would have every measured run compile
    stdlint again: the benchmarks' commands run without it, and everything else is kept."""
    import subprocess

    environment = {"PYTHONDONTWRITEBYTECODE": "1", "STDLINT_LANG": "ru", "PATH": "/usr/bin"}
    kept = as_installed(environment)
    assert kept == {"STDLINT_LANG": "ru", "PATH": "/usr/bin"}
    assert environment["PYTHONDONTWRITEBYTECODE"] == "1"  # the caller's own is left alone
    module = tmp_path / "measured.py"
    module.write_text("VALUE = 1\n", "utf-8")
    command = [sys.executable, "-c", "import measured"]
    subprocess.run(command, cwd=tmp_path, env={**kept, "PYTHONPATH": str(tmp_path)}, check=True)
    assert list((tmp_path / "__pycache__").glob("measured.*.pyc"))

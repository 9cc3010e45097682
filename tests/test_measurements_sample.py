"""The example company's measurements (``examples/measurements.csv``) and their generator.

The committed file must be what the command in ``examples/README.md`` writes, byte for byte;
the data must be what the scorecard needs to show something: every metric of the example's
active standards in both months, only channels, standards and units the handbook knows, green,
yellow and red metrics and a trend. The rows are judged here by a small classification of our
own, built on the handbook's facts (``stdlint.handbook``), not by the scorecard.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import shlex
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from benchmarks.generate_measurements import COLUMNS, ROW_PROBLEMS, generate
from stdlint.engine import read_handbook
from stdlint.handbook import active_standards, metric_unit, zone_of
from stdlint.i18n import Lang
from stdlint.parse.models import Direction, Metric, StandardMeta
from stdlint.scorecard.model import Light, ProblemKind, light_of
from stdlint.settings import load_settings
from stdlint.text.analysis import LanguageEngine

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "measurements.csv"
MONTHS = ("2026-09", "2026-10")
Row = dict[str, str | None]


@dataclass
class Handbook:
    """What the classification needs to know of the example handbook."""

    standards: dict[str, StandardMeta]  # active standards, one version per id
    metrics: dict[str, Metric]  # every metric of an active standard
    all_metrics: set[str]  # of every standard, in force or not
    channels: set[str]  # the profile's channel ids
    engine: LanguageEngine

    def having(self, metric: str) -> list[StandardMeta]:
        return [
            meta for meta in self.standards.values() if any(m.id == metric for m in meta.metrics)
        ]

    def unit(self, text: str, lang: str = "en") -> str | None:
        return metric_unit(Metric(id="x", unit=text), Lang(lang), self.engine)


@pytest.fixture(scope="module")
def handbook() -> Handbook:
    settings = load_settings(REPO / "handbook.yml", (), Lang.EN, require_profile=True)
    result = read_handbook(settings, bodies=False)
    active = {meta.id: meta for meta in active_standards(result.handbook)}
    metas = [facts.meta for facts in result.handbook if facts.meta is not None]
    return Handbook(
        standards=active,
        metrics={metric.id: metric for meta in active.values() for metric in meta.metrics},
        all_metrics={metric.id for meta in metas for metric in meta.metrics},
        channels={channel.id for channel in result.profile.channels},
        engine=LanguageEngine(),
    )


def problems(row: Row, book: Handbook) -> list[ProblemKind]:
    """Every problem of one row, by the definitions of ``ProblemKind``."""
    found = []
    metric = book.metrics.get(row["metric"] or "")
    if metric is None:  # nothing else can be judged against a metric we do not know
        return [ProblemKind.UNKNOWN_METRIC]
    having = book.having(metric.id)
    if row["standard"] and row["standard"] not in {meta.id for meta in having}:
        found.append(ProblemKind.UNKNOWN_STANDARD)
    channel = row["channel"]
    if channel and channel not in book.channels:
        found.append(ProblemKind.UNKNOWN_CHANNEL)
    elif channel and all(meta.channels and channel not in meta.channels for meta in having):
        found.append(ProblemKind.NOT_MEASURED)
    try:
        value = float(row["value"] or "")
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        found.append(ProblemKind.BAD_VALUE)
    elif value < 0 or (metric.unit == "%" and value > 100):
        found.append(ProblemKind.OUT_OF_RANGE)
    try:
        datetime.fromisoformat(row["timestamp"] or "")
    except ValueError:
        found.append(ProblemKind.BAD_TIMESTAMP)
    meta = next(meta for meta in having)
    if row["unit"] and book.unit(row["unit"]) != book.unit(metric.unit or "", meta.lang):
        found.append(ProblemKind.UNIT_MISMATCH)
    return found


def read_csv(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        assert tuple(reader.fieldnames or ()) == COLUMNS
        return [{key: value or None for key, value in row.items()} for row in reader]


def readme_command() -> list[str]:
    """The command examples/README.md gives to make the sample again."""
    text = (REPO / "examples" / "README.md").read_text("utf-8")
    lines = [line for line in text.splitlines() if "generate_measurements.py" in line]
    command = next(line for line in lines if line.startswith(".venv/bin/python "))
    return shlex.split(command)[1:]


def test_the_committed_sample_is_what_the_readme_command_writes(tmp_path: Path) -> None:
    arguments = readme_command()
    assert arguments[arguments.index("--out") + 1] == "examples/measurements.csv"
    arguments[arguments.index("--out") + 1] = str(tmp_path / "measurements.csv")
    done = subprocess.run(
        [sys.executable, *arguments], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "4,000 rows" in done.stdout
    assert (tmp_path / "measurements.csv").read_bytes() == SAMPLE.read_bytes()
    assert 100_000 <= SAMPLE.stat().st_size <= 300_000  # small enough for git


def test_every_active_metric_is_measured_in_both_months(handbook: Handbook) -> None:
    rows = read_csv(SAMPLE)
    months: dict[str, set[str]] = defaultdict(set)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        month = (row["timestamp"] or "")[:7]
        months[month].add(row["metric"] or "")
        counts[month, row["metric"] or ""] += 1
    assert sorted(months) == list(MONTHS)
    for month in MONTHS:
        assert months[month] == set(handbook.metrics), month
    # About 40-80 observations of each metric a month: enough for a light.
    assert min(counts.values()) >= 25
    assert max(counts.values()) <= 100


def test_the_sample_is_clean_and_its_optional_columns_sometimes_empty(
    handbook: Handbook,
) -> None:
    rows = read_csv(SAMPLE)
    bad = [(number, row, problems(row, handbook)) for number, row in enumerate(rows, 1)]
    assert [entry for entry in bad if entry[2]] == []
    for row in rows:
        when = datetime.fromisoformat(row["timestamp"] or "")
        assert date(2026, 9, 1) <= when.date() <= date(2026, 10, 31)
        assert 8 <= when.hour < 20, row  # working hours
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", row["timestamp"] or "")
    for column in ("channel", "standard", "unit"):
        filled = sum(row[column] is not None for row in rows)
        assert 0.5 * len(rows) < filled < len(rows), column


def _lights(rows: list[Row], book: Handbook) -> dict[str, dict[str, Light]]:
    """Each metric's light in each month, by the scorecard's rule (model.light_of)."""
    zones: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        metric = book.metrics[row["metric"] or ""]
        zone = zone_of(metric, float(row["value"] or ""))
        assert zone is not None
        zones[(row["timestamp"] or "")[:7], metric.id].append(zone.value)
    lights: dict[str, dict[str, Light]] = defaultdict(dict)
    for (month, metric_id), found in zones.items():
        green = found.count("green") / len(found)
        yellow = found.count("yellow") / len(found)
        lights[month][metric_id] = light_of(green, yellow)
    return lights


def test_the_sample_has_every_light_and_a_trend(handbook: Handbook) -> None:
    lights = _lights(read_csv(SAMPLE), handbook)
    for month in MONTHS:
        assert set(lights[month].values()) == {Light.GREEN, Light.YELLOW, Light.RED}, month
        # Mostly green, as a working company's scorecard is.
        assert list(lights[month].values()).count(Light.GREEN) > len(handbook.metrics) / 3
    changed = [m for m in handbook.metrics if lights["2026-09"][m] != lights["2026-10"][m]]
    assert changed  # the second month differs from the first: the trend has something to show


def test_times_are_right_skewed_and_shares_stay_within_0_to_100(handbook: Handbook) -> None:
    values: dict[str, list[float]] = defaultdict(list)
    for row in read_csv(SAMPLE):
        values[row["metric"] or ""].append(float(row["value"] or ""))
    for metric_id, observed in values.items():
        metric = handbook.metrics[metric_id]
        if metric.direction is Direction.LOWER:  # times: a long tail above the median
            observed.sort()
            median = observed[len(observed) // 2]
            assert sum(observed) / len(observed) > median, metric_id
            assert min(observed) >= 0
        else:
            assert all(0 <= value <= 100 for value in observed), metric_id


def test_bad_rows_have_one_problem_each_of_every_kind(tmp_path: Path, handbook: Handbook) -> None:
    generate(tmp_path / "clean.csv", 3000, seed=11)
    generate(tmp_path / "bad.csv", 3000, seed=11, bad=0.2)
    clean, bad = read_csv(tmp_path / "clean.csv"), read_csv(tmp_path / "bad.csv")
    assert len(clean) == len(bad) == 3000
    kinds: dict[ProblemKind, int] = defaultdict(int)
    for number, (good, row) in enumerate(zip(clean, bad, strict=True), 1):
        found = problems(row, handbook)
        assert len(found) <= 1, (number, row, found)
        # A bad row is the clean row with one field spoilt; a good row is the clean row.
        changed = [column for column in COLUMNS if good[column] != row[column]]
        assert len(changed) == len(found), (number, good, row)
        for kind in found:
            kinds[kind] += 1
    assert set(kinds) == set(ROW_PROBLEMS) == set(ProblemKind) - {ProblemKind.EMPTY_PERIOD}
    assert 0.15 * 3000 < sum(kinds.values()) < 0.25 * 3000
    # The wrong values the documentation promises are among them.
    values = {row["value"] for row in bad}
    assert {"abc", "12.5.1", "NaN", None} <= values
    assert any(
        row["timestamp"] and re.fullmatch(r"\d\d\.\d\d\.2026 .*", row["timestamp"]) for row in bad
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    for name, seed in (("one", 5), ("two", 5), ("other", 6)):
        for suffix in (".csv", ".jsonl", ".parquet"):
            generate(tmp_path / f"{name}{suffix}", 500, seed=seed, bad=0.1)
    for suffix in (".csv", ".jsonl", ".parquet"):
        assert _digest(tmp_path / f"one{suffix}") == _digest(tmp_path / f"two{suffix}")
        assert _digest(tmp_path / f"one{suffix}") != _digest(tmp_path / f"other{suffix}")
    # Enough rows for DuckDB to share the work between threads: the order and bytes hold.
    generate(tmp_path / "single.csv", 300_000, seed=5, threads=1)
    generate(tmp_path / "parallel.csv", 300_000, seed=5, threads=2)
    assert _digest(tmp_path / "single.csv") == _digest(tmp_path / "parallel.csv")


def _number(field: object) -> object:
    """A number as a float, whether written as text (CSV) or as a number (JSON, Parquet)."""
    if isinstance(field, int | float):
        return float(field)
    if isinstance(field, str) and re.fullmatch(r"-?\d+(\.\d+)?", field):
        return float(field)
    if isinstance(field, datetime):  # Parquet's TIMESTAMP
        return str(field)
    return field


def _fetch(query: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in duckdb.connect().execute(query).fetchall()]


@pytest.mark.parametrize("bad", [0.0, 0.1])
def test_jsonl_and_parquet_hold_the_rows_of_the_csv(tmp_path: Path, bad: float) -> None:
    for suffix in (".csv", ".jsonl", ".parquet"):
        generate(tmp_path / f"data{suffix}", 1500, seed=3, bad=bad)
    columns = ", ".join(COLUMNS)
    csv_rows = _fetch(f"SELECT {columns} FROM read_csv('{tmp_path}/data.csv', all_varchar=true)")
    types = ", ".join(f"{c}: '{'JSON' if c == 'value' else 'VARCHAR'}'" for c in COLUMNS)
    jsonl_rows = _fetch(
        f"SELECT {columns} FROM read_json('{tmp_path}/data.jsonl', columns={{{types}}})"
    )
    parquet_rows = _fetch(f"SELECT {columns} FROM read_parquet('{tmp_path}/data.parquet')")
    assert len(csv_rows) == 1500
    expected = [tuple(_number(field) for field in row) for row in csv_rows]
    # JSON Lines: a value is JSON (a number, or a string when it is not one); the rest text.
    assert [
        (row[0], None if row[1] is None else _number(json.loads(str(row[1]))), *row[2:])
        for row in jsonl_rows
    ] == expected
    assert [tuple(_number(field) for field in row) for row in parquet_rows] == expected
    # Without bad rows, Parquet has typed columns: values as DOUBLE, timestamps as TIMESTAMP.
    described = _fetch(f"DESCRIBE SELECT * FROM '{tmp_path}/data.parquet'")
    types_of = {str(row[0]): str(row[1]) for row in described}
    assert types_of["value"] == ("VARCHAR" if bad else "DOUBLE")
    assert types_of["timestamp"] == ("VARCHAR" if bad else "TIMESTAMP")
    if not bad:  # and JSON numbers: no value is quoted
        assert '"value":"' not in (tmp_path / "data.jsonl").read_text("utf-8")

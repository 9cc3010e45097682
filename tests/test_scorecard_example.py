"""The scorecard end to end on the example handbook and its sample measurements.

The figures are recomputed here with Python's csv module and the handbook's own zone rule,
independently of the DuckDB queries; the published site is the one the README's first command
builds.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from stdlint.handbook import Zone, zone_of
from stdlint.parse.models import Direction, Metric, Zones
from stdlint.scorecard.model import Period
from tests.conftest import REPO, Run

SAMPLE = REPO / "examples" / "measurements.csv"
# answer-time as the example writes it (standards/phone/answer-call.*.md).
ANSWER_TIME = Metric(
    id="answer-time", target=20, direction=Direction.LOWER, zones=Zones(green=20, yellow=40)
)


def _answer_times(period: Period) -> list[float]:
    """Every answer-time value of the sample in ``period`` (the sample names no other standard)."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        return [
            float(row["value"])
            for row in csv.DictReader(handle)
            if row["metric"] == "answer-time"
            and row["standard"] in ("", "phone-answer")
            and Period.parse(row["timestamp"][:7]).start == period.start
        ]


def test_the_sample_scores_clean_and_its_shares_match_a_count_by_hand(
    run_cli: Callable[..., Run],
) -> None:
    run = run_cli("score", "--data", str(SAMPLE), "--format", "json", cwd=REPO)
    assert run.exit_code == 0, run.stderr
    card = run.json()
    assert card["clean"] is True and card["problems"] == []
    assert card["period"]["label"] == "2026-10"  # the latest month with data
    standard = next(s for s in card["standards"] if s["id"] == "phone-answer")
    metric = next(m for m in standard["metrics"] if m["id"] == "answer-time")
    values = _answer_times(Period.parse("2026-10"))
    zones = [zone_of(ANSWER_TIME, value) for value in values]
    assert metric["count"] == len(values) > 20
    for zone in Zone:
        share = zones.count(zone) / len(values)
        assert abs(metric["shares"][zone.value] - share) < 1e-4, zone
    met = sum(value <= 20 for value in values) / len(values)
    assert abs(metric["attainment"] - met) < 1e-4
    before = _answer_times(Period.parse("2026-09"))
    assert metric["previous"]["count"] == len(before)
    assert metric["counterbalance"]["id"] == "call-rating"


def test_bad_rows_exit_1_with_their_rows_and_an_unreadable_file_exits_2(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    lines = SAMPLE.read_text("utf-8").splitlines()
    # Row 3 gets a value that is not a number: it is line 4 of the file.
    header, rows = lines[0], lines[1:]
    fields = rows[2].split(",")
    fields[1] = "fast"
    rows[2] = ",".join(fields)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    run = run_cli("score", "--data", str(bad), "--format", "json", cwd=REPO)
    assert run.exit_code == 1
    problem = run.json()["problems"][0]
    assert problem["kind"] == "bad-value" and problem["count"] == 1
    assert problem["examples"][0] == {"row": 3, "line": 4, "column": "value", "value": "fast"}

    unreadable = tmp_path / "other.csv"
    unreadable.write_text("a,b\n1,2\n", "utf-8")
    run = run_cli("score", "--data", str(unreadable), "--lang", "en", cwd=REPO)
    assert run.exit_code == 2
    assert "other.csv" in run.stderr and "metric" in run.stderr


def test_the_example_site_publishes_the_sample_scorecard(built_site: tuple[Path, str]) -> None:
    public, _ = built_site
    page = (public / "handbook" / "scorecard.html").read_text("utf-8")
    assert "Светофор сервиса" in page and "answer-time" in page
    assert 'class="stdlint-bar"' in page
    english = (public / "en" / "handbook" / "scorecard.html").read_text("utf-8")
    assert "Service scorecard" in english and "October 2026" in english

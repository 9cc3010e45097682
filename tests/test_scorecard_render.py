"""The scorecard's renderers and ``stdlint score``'s wiring, on scorecards built by hand.

Every expected line below was laid out by hand from the figures of :func:`scorecard`: the
column widths are those of the widest cell of each column over the whole scorecard.
"""

from __future__ import annotations

import json
import math
import os
import pty
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click
import pytest

from stdlint.i18n import Lang, Text
from stdlint.scorecard import SCORE_FORMATS, labels
from stdlint.scorecard.model import (
    DataError,
    Example,
    MetricScore,
    Period,
    Problem,
    ProblemKind,
    Scorecard,
    Skipped,
    StandardScore,
    Stats,
)
from stdlint.scorecard.render import render
from tests.conftest import REPO, Run

NO_DATA = Stats(0, None, None, None, None, None, None)


def scorecard() -> Scorecard:
    """Two standards; a speed metric balanced by a metric of the other standard; a metric
    without zones; a metric without data this month; a previous month present and absent;
    two kinds of bad data."""
    answer = MetricScore(
        "phone-answer", "answer-time", "Answer time", "seconds", 20, "lower", 20, 40,
        "call-rating",
        Stats(200, 0.85, 0.10, 0.05, 18.0, 45.5, 0.8801),
        Stats(180, 0.82, 0.12, 0.06, 19.0, 47.0, 0.85),
    )  # fmt: skip
    holds = MetricScore(
        "phone-answer", "hold-count", None, None, None, None, None, None, None,
        Stats(50, None, None, None, 1.0, 3.0, None),
        None,
    )  # fmt: skip
    rating = MetricScore(
        "call-quality", "call-rating", "Call rating", "%", 90, "higher", 90, 80, None,
        Stats(120, 0.925, 0.05, 0.025, 95.0, 85.5, 0.925),
        None,
    )  # fmt: skip
    callback = MetricScore(
        "call-quality", "callback-time", "Callback time", "minutes", 15, "lower", 15, 30, None,
        NO_DATA,
        Stats(30, 1 / 3, 1 / 3, 1 / 3, 15.5, 40.0, 0.5),
    )  # fmt: skip
    month = Period.parse("2026-10")
    return Scorecard(
        data="measurements.csv",
        period=month,
        previous=month.previous(),
        rows=12345,
        used=370,
        standards=(
            StandardScore(
                "phone-answer",
                "Answering an incoming call",
                "en",
                "standards/phone/answer-call.en.md",
                (answer, holds),
            ),
            StandardScore(
                "call-quality",
                "Checking call quality",
                "en",
                "standards/phone/quality.en.md",
                (rating, callback),
            ),
        ),
        problems=(
            Problem(
                ProblemKind.BAD_VALUE,
                7,
                (Example(3, "value", "abc", line=4), Example(9, "value", "")),
            ),
            Problem(ProblemKind.UNKNOWN_METRIC, 1, (Example(12, "metric", "answer-tme", 13),)),
        ),
        skipped=Skipped(outside_period=5, inactive=2),
    )


def clean_card() -> Scorecard:
    """The same scorecard without bad data."""
    return replace(scorecard(), problems=())


# --- JSON --------------------------------------------------------------------------------


def test_json_has_its_keys_in_a_fixed_order_and_the_card_figures() -> None:
    data = json.loads(render(scorecard(), "json", Lang.EN))
    assert list(data) == [
        "version", "period", "previous", "data", "rows", "used", "bad_rows", "clean", "light",
        "standards", "problems", "skipped",
    ]  # fmt: skip
    assert data["version"] == 1
    assert data["period"] == {"label": "2026-10", "start": "2026-10-01", "end": "2026-10-31"}
    assert data["previous"] == {"label": "2026-09", "start": "2026-09-01", "end": "2026-09-30"}
    assert (data["data"], data["rows"], data["used"]) == ("measurements.csv", 12345, 370)
    assert (data["bad_rows"], data["clean"], data["light"]) == (8, False, "yellow")
    assert data["skipped"] == {"outside_period": 5, "inactive": 2}
    assert [s["id"] for s in data["standards"]] == ["phone-answer", "call-quality"]
    first = data["standards"][0]
    assert list(first) == ["id", "title", "lang", "path", "light", "metrics"]
    assert first["light"] == "yellow"  # the worst of yellow and a metric without a light
    assert data["standards"][1]["light"] == "green"  # green and a metric with no data


def test_json_metric_with_its_previous_month_and_its_counterbalance_elsewhere() -> None:
    metric = json.loads(render(scorecard(), "json", Lang.EN))["standards"][0]["metrics"][0]
    assert list(metric) == [
        "id", "name", "unit", "target", "direction", "zones", "light", "count", "shares",
        "median", "p90", "attainment", "previous", "counterbalance",
    ]  # fmt: skip
    assert metric == {
        "id": "answer-time",
        "name": "Answer time",
        "unit": "seconds",
        "target": 20,
        "direction": "lower",
        "zones": {"green": 20, "yellow": 40},
        "light": "yellow",  # 85% green, 95% green or yellow
        "count": 200,
        "shares": {"green": 0.85, "yellow": 0.1, "red": 0.05},
        "median": 18.0,
        "p90": 45.5,
        "attainment": 0.8801,
        "previous": {
            "light": "yellow",
            "count": 180,
            "shares": {"green": 0.82, "yellow": 0.12, "red": 0.06},
            "median": 19.0,
            "p90": 47.0,
            "attainment": 0.85,
        },
        "counterbalance": {
            "id": "call-rating",
            "standard": "call-quality",
            "light": "green",
            "count": 120,
            "shares": {"green": 0.925, "yellow": 0.05, "red": 0.025},
        },
    }
    assert list(metric["previous"]) == ["light", "count", "shares", "median", "p90", "attainment"]


def test_json_metric_without_zones_and_metric_without_data() -> None:
    standards = json.loads(render(scorecard(), "json", Lang.EN))["standards"]
    holds, callback = standards[0]["metrics"][1], standards[1]["metrics"][1]
    assert holds["zones"] is None and holds["shares"] is None and holds["light"] == "none"
    assert (holds["count"], holds["median"], holds["p90"], holds["attainment"]) == (50, 1, 3, None)
    assert holds["target"] is None and holds["direction"] is None and holds["previous"] is None
    assert callback["count"] == 0 and callback["light"] == "none"
    assert (callback["shares"], callback["median"], callback["p90"]) == (None, None, None)
    # Shares are rounded to 4 places; the previous month had a third in each zone.
    assert callback["previous"]["shares"] == {"green": 0.3333, "yellow": 0.3333, "red": 0.3333}
    assert callback["previous"]["light"] == "red"
    rating = standards[1]["metrics"][0]
    assert rating["previous"] is None and rating["counterbalance"] is None


def test_json_problems_quote_rows_lines_columns_and_values() -> None:
    problems = json.loads(render(scorecard(), "json", Lang.EN))["problems"]
    assert problems == [
        {
            "kind": "bad-value",
            "count": 7,
            "examples": [
                {"row": 3, "line": 4, "column": "value", "value": "abc"},
                {"row": 9, "line": None, "column": "value", "value": ""},
            ],
        },
        {
            "kind": "unknown-metric",
            "count": 1,
            "examples": [{"row": 12, "line": 13, "column": "metric", "value": "answer-tme"}],
        },
    ]


def test_json_is_the_same_in_every_language_and_never_carries_nan() -> None:
    card = scorecard()
    assert render(card, "json", Lang.EN) == render(card, "json", Lang.RU)
    broken = replace(
        card.standards[0].metrics[0], current=Stats(2, 1.0, 0.0, 0.0, math.nan, math.inf, 1.0)
    )
    standard = replace(card.standards[0], metrics=(broken,))
    data = json.loads(render(replace(card, standards=(standard,)), "json", Lang.EN))
    metric = data["standards"][0]["metrics"][0]
    assert (metric["median"], metric["p90"], metric["light"]) == (None, None, "green")


def test_a_counterbalance_the_scorecard_does_not_hold_has_no_data() -> None:
    card = scorecard()
    lonely = replace(card.standards[0].metrics[0], counterbalance="chat-rating")
    standard = replace(card.standards[0], metrics=(lonely,))
    data = json.loads(render(replace(card, standards=(standard,)), "json", Lang.EN))
    assert data["standards"][0]["metrics"][0]["counterbalance"] == {
        "id": "chat-rating", "standard": None, "light": "none", "count": 0, "shares": None,
    }  # fmt: skip


# --- text --------------------------------------------------------------------------------


def test_text_in_english_lays_out_each_metric() -> None:
    lines = render(scorecard(), "text", Lang.EN).splitlines()
    assert lines[:3] == [
        "Scorecard 2026-10 (2026-10-01 – 2026-10-31), trend against 2026-09",
        "Data: measurements.csv — 12,345 rows read, 370 observations scored",
        "Not scored: 5 rows outside 2026-10 and 2026-09, 2 rows of metrics only draft or retired "
        "standards",
    ]
    at = lines.index("yellow  Answering an incoming call (phone-answer)")
    assert lines[at + 1 : at + 6] == [
        "  light     metric         count  green yellow red  median   p90  target  met",
        "  yellow    answer-time      200    85%    10%  5%      18  45.5    ≤ 20  88%",
        "            Answer time · seconds · 2026-09: +3 pp, was yellow",
        "            ↳ read with call-rating (call-quality): green, 92% green",
        "  no zones  hold-count        50      —      —   —       1     3       —    —",
    ]
    at = lines.index("green  Checking call quality (call-quality)")
    assert lines[at + 2 : at + 6] == [
        "  green     call-rating      120    92%     5%  2%      95  85.5    ≥ 90  92%",
        "            Call rating · %",
        "  no data   callback-time      0      —      —   —       —     —    ≤ 15    —",
        "            Callback time · minutes · 2026-09: was red",
    ]


def test_text_in_russian_has_russian_words_and_numbers() -> None:
    lines = render(scorecard(), "text", Lang.RU).splitlines()
    assert lines[:2] == [
        "Светофор за 2026-10 (2026-10-01 – 2026-10-31), динамика к 2026-09",
        "Данные: measurements.csv — прочитано строк: 12 345, учтено наблюдений: 370",
    ]
    at = lines.index("жёлтый  Answering an incoming call (phone-answer)")
    assert lines[at + 1 : at + 6] == [
        "  светофор    метрика        кол-во  зел. жёлт. кр.  медиана   p90  цель  в цели",
        "  жёлтый      answer-time       200   85%   10%  5%       18  45,5  ≤ 20     88%",
        "              Answer time · seconds · 2026-09: +3 п.п., был жёлтым",
        "              ↳ смотреть вместе с call-rating (call-quality): зелёный, в зелёной зоне 92%",
        "  нет зон     hold-count         50     —     —   —        1     3     —       —",
    ]
    assert (
        "  нет данных  callback-time       0     —     —   —        —     —  ≤ 15       —" in lines
    )


def test_text_problems_quote_the_rows_and_the_summary_says_not_clean() -> None:
    english = render(scorecard(), "text", Lang.EN)
    lines = english.splitlines()
    at = lines.index("Problems in the data")
    assert lines[at + 1].startswith("  bad-value (7 rows): the value is not a number;")
    assert lines[at + 3 : at + 6] == [
        '    row 3 (line 4), column value: "abc"',
        '    row 9, column value: ""',
        "    … and 5 more",
    ]
    assert '    row 12 (line 13), column metric: "answer-tme"' in lines
    assert "  unknown-metric (1 row): no standard of the handbook defines this metric id;" in (
        english
    )
    assert "… and 0 more" not in english
    flat = " ".join(english.split())
    assert flat.endswith(
        "Data not clean: problems in 8 of 12,345 rows (listed above), not scored. "
        "Overall light: yellow."
    )
    russian = render(scorecard(), "text", Lang.RU)
    assert '    строка 3 (строка файла 4), столбец value: "abc"' in russian.splitlines()
    assert "    … и ещё 5" in russian.splitlines()
    assert "  unknown-metric (1 строка): " in russian
    assert " ".join(russian.split()).endswith(
        "Данные с ошибками: проблемы в 8 из 12 345 строк (см. выше), они не учтены. "
        "Общий светофор: жёлтый."
    )


def test_text_of_clean_data_and_of_an_empty_period() -> None:
    assert render(clean_card(), "text", Lang.EN).endswith(
        "\n\nClean data: 370 observations scored. Overall light: yellow.\n"
    )
    assert "Problems in the data" not in render(clean_card(), "text", Lang.EN)
    empty = replace(
        clean_card(), standards=(), used=0, problems=(Problem(ProblemKind.EMPTY_PERIOD, 0),)
    )
    text = render(empty, "text", Lang.RU)
    assert "  empty-period: в периоде нет ни одного пригодного наблюдения;" in text
    assert text.endswith(
        "Данные с ошибками: в периоде 2026-10 нет ни одного пригодного наблюдения.\n"
    )
    both = replace(empty, problems=(*scorecard().problems, *empty.problems))
    assert " ".join(render(both, "text", Lang.EN).split()).endswith(
        "Data not clean: no usable observation in 2026-10. Problems in 8 of 12,345 rows "
        "(listed above)."
    )


def test_lights_are_words_without_colour_and_coloured_dots_with_it() -> None:
    plain = render(scorecard(), "text", Lang.EN)
    assert "\x1b[" not in plain and "●" not in plain
    coloured = render(scorecard(), "text", Lang.EN, color=True)
    yellow, green = click.style("●", fg="yellow"), click.style("●", fg="green")
    assert f"  {yellow} yellow    answer-time" in coloured
    assert f"↳ read with call-rating (call-quality): {green} green, 92% green" in coloured
    assert f"{yellow} yellow  Answering an incoming call (phone-answer)" in coloured
    # The dot takes two columns and the escape codes none: the columns still line up.
    lines = click.unstyle(coloured).splitlines()
    assert (
        "  ● yellow    answer-time      200    85%    10%  5%      18  45.5    ≤ 20  88%" in lines
    )
    assert (
        "  ● no zones  hold-count        50      —      —   —       1     3       —    —" in lines
    )


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("color", [False, True])
def test_text_fits_100_columns(lang: Lang, color: bool) -> None:
    card = scorecard()
    long_name = replace(card.standards[0].metrics[0], name="A very long metric name " * 8)
    standard = replace(card.standards[0], metrics=(long_name,))
    text = click.unstyle(render(replace(card, standards=(standard,)), "text", lang, color=color))
    assert max(len(line) for line in text.splitlines()) <= 100
    # The name is cut, never the unit or the trend after it.
    cut = next(line for line in text.splitlines() if "A very long" in line)
    assert "… · seconds · 2026-09: " in cut


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_tables_per_standard_with_emoji_lights() -> None:
    lines = render(scorecard(), "markdown", Lang.EN).splitlines()
    assert lines[0] == "# Scorecard 2026-10 (2026-10-01 – 2026-10-31)"
    at = lines.index("## Answering an incoming call (phone-answer): 🟡 yellow")
    assert lines[at + 2] == (
        "| Light | Metric | Count | Green | Yellow | Red | Median | p90 | Unit | Target | Met | "
        "Trend | Read together with |"
    )
    assert lines[at + 4 : at + 6] == [
        "| 🟡 yellow | `answer-time` Answer time | 200 | 85% | 10% | 5% | 18 | 45.5 | seconds | "
        "≤ 20 | 88% | +3 pp, was yellow | 🟢 green `call-rating` (call-quality): 92% green |",
        "| ⚪ no zones | `hold-count` | 50 | — | — | — | 1 | 3 | — | — | — | — | — |",
    ]
    assert "## Checking call quality (call-quality): 🟢 green" in lines
    assert (
        "| ⚪ no data | `callback-time` Callback time | 0 | — | — | — | — | — | minutes | ≤ 15 "
        "| — | was red | — |"
    ) in lines
    assert (
        "- **bad-value** (7 rows): the value is not a number; write it as 18 or 17.5 (a "
        "decimal comma is fine too)" in lines
    )
    assert '  - row 3 (line 4), column value: `"abc"`' in lines
    assert "  - … and 5 more" in lines


def test_markdown_in_russian_and_cells_that_stay_in_their_column() -> None:
    card = scorecard()
    piped = replace(card.standards[0].metrics[0], name="Answer | wait")
    standards = (replace(card.standards[0], metrics=(piped,)), card.standards[1])
    lines = render(replace(card, standards=standards), "markdown", Lang.RU).splitlines()
    assert lines[0] == "# Светофор за 2026-10 (2026-10-01 – 2026-10-31)"
    assert (
        "| 🟡 жёлтый | `answer-time` Answer \\| wait | 200 | 85% | 10% | 5% | 18 | 45,5 "
        "| seconds | ≤ 20 | 88% | +3 п.п., был жёлтым | 🟢 зелёный `call-rating` (call-quality): "
        "92% в зелёной зоне |"
    ) in lines


def test_every_format_of_scorecard_formats_renders() -> None:
    card = scorecard()
    outputs = {name: render(card, name, Lang.EN) for name in SCORE_FORMATS}
    assert outputs["json"].startswith('{\n  "version": 1,')
    assert outputs["markdown"].startswith("# Scorecard")
    assert outputs["text"].startswith("Scorecard")
    with pytest.raises(ValueError, match="html"):
        render(card, "html", Lang.EN)


# --- numbers -----------------------------------------------------------------------------


def test_numbers_in_each_language() -> None:
    assert [labels.number(value, Lang.EN) for value in (18.0, 45.5, 10 / 3, 1234.6, 0.05, 0)] == [
        "18", "45.5", "3.33", "1,235", "0.05", "0",
    ]  # fmt: skip
    assert [labels.number(value, Lang.RU) for value in (45.5, 1234.6, 12345678.0)] == [
        "45,5", "1 235", "12 345 678",
    ]  # fmt: skip
    assert labels.integer(10_000_000, Lang.RU) == "10 000 000"
    assert labels.bound(1.5, Lang.RU) == "1,5" and labels.bound(1_000_000, Lang.EN) == "1000000"


def test_shares_are_rounded_down_so_a_yellow_metric_never_shows_90_percent_green() -> None:
    assert [labels.percent(share) for share in (0.895, 0.9, 0.29, 1.0, 0.0)] == [
        "89%", "90%", "29%", "100%", "0%",
    ]  # fmt: skip


def test_trend_in_points_rounds_half_away_from_zero() -> None:
    metric = scorecard().standards[1].metrics[0]  # call-rating: 92.5% green
    before = Stats(100, 0.95, 0.03, 0.02, 96.0, 90.0, 0.95)
    assert labels.trend(replace(metric, previous=before), Lang.EN) == "−3 pp, was green"
    same = Stats(100, 0.925, 0.05, 0.025, 96.0, 90.0, 0.95)
    assert labels.trend(replace(metric, previous=same), Lang.RU) == "±0 п.п., был зелёным"
    assert labels.trend(metric, Lang.EN) is None


# --- the command -------------------------------------------------------------------------


@pytest.fixture
def scored(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """``stdlint score`` with :func:`scorecard` as the computed scorecard; each call recorded."""
    calls: list[dict[str, Any]] = []

    def score(
        result: object, data: Path, period: Period | None = None, **options: Any
    ) -> Scorecard:
        calls.append({"data": data, "period": period, **options})
        return scorecard()

    monkeypatch.setattr("stdlint.scorecard.measure.score", score)
    return calls


def _data(folder: Path) -> Path:
    path = folder / "measurements.csv"
    path.write_text("metric,value,timestamp\nanswer-time,18,2026-10-05T10:00\n", "utf-8")
    return path


def test_score_exits_1_on_data_that_is_not_clean(
    handbook: Path, run_cli: Any, scored: list[dict[str, Any]]
) -> None:
    data = _data(handbook)
    run: Run = run_cli("score", "--data", str(data), "--period", "2026-10", cwd=handbook)
    assert run.exit_code == 1
    assert run.output == render(scorecard(), "text", Lang.EN)  # no colour outside a terminal
    assert scored == [
        {"data": data, "period": Period.parse("2026-10"), "lang": Lang.EN, "threads": None}
    ]


def test_score_exits_0_on_clean_data_and_passes_the_period_and_jobs(
    handbook: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Period | None] = []

    def score(
        result: object, data: Path, period: Period | None = None, **options: Any
    ) -> Scorecard:
        seen.append(period)
        assert options == {"lang": Lang.RU, "threads": 3}
        return clean_card()

    monkeypatch.setattr("stdlint.scorecard.measure.score", score)
    data = str(_data(handbook))
    run = run_cli("score", "--data", data, "--period", "2026-Q4", "--lang", "ru", "-j", "3",
                  "--format", "json", cwd=handbook)  # fmt: skip
    assert run.exit_code == 0
    assert json.loads(run.output)["clean"] is True
    assert seen == [Period(date(2026, 10, 1), date(2026, 12, 31), "quarter")]
    options = ("--from", "2026-10-01", "--to", "2026-10-15", "--lang", "ru", "-j", "3")
    assert run_cli("score", "--data", data, *options, cwd=handbook).exit_code == 0
    assert seen[1] == Period(date(2026, 10, 1), date(2026, 10, 15))
    assert seen[1].label == "2026-10-01..2026-10-15"


def test_score_without_a_period_leaves_the_choice_to_the_data(
    handbook: Path, run_cli: Any, scored: list[dict[str, Any]]
) -> None:
    run = run_cli("score", "--data", str(_data(handbook)), "--format", "markdown", cwd=handbook)
    assert run.exit_code == 1
    assert run.output.startswith("# Scorecard 2026-10")
    assert scored[0]["period"] is None


@pytest.mark.parametrize(
    ("options", "english", "russian"),
    [
        (
            ["--period", "2026-13"],
            "cannot read the period “2026-13”: give a month (2026-10)",
            "не удаётся прочитать период «2026-13»: укажите месяц (2026-10)",
        ),
        (
            ["--from", "2026-10-01"],
            "--from and --to go together",
            "--from и --to указываются вместе",
        ),
        (
            ["--to", "2026-10-31"],
            "--from and --to go together",
            "--from и --to указываются вместе",
        ),
        (
            ["--period", "2026-10", "--from", "2026-10-01", "--to", "2026-10-31"],
            "give either --period or --from and --to, not both",
            "укажите либо --period, либо --from и --to",
        ),
        (
            ["--from", "2026-10-15", "--to", "2026-10-01"],
            "--from 2026-10-15 is after --to 2026-10-01",
            "--from 2026-10-15 позже, чем --to 2026-10-01",
        ),
    ],
)
def test_a_bad_period_exits_2_with_a_message_in_the_language(
    handbook: Path,
    run_cli: Any,
    scored: list[dict[str, Any]],
    options: list[str],
    english: str,
    russian: str,
) -> None:
    data = str(_data(handbook))
    run = run_cli("score", "--data", data, *options, cwd=handbook)
    assert (run.exit_code, run.output) == (2, "")
    assert run.stderr.startswith(f"stdlint score: {english}")
    run = run_cli("score", "--data", data, *options, "--lang", "ru", cwd=handbook)
    assert run.exit_code == 2
    assert run.stderr.startswith(f"stdlint score: {russian}")
    assert scored == []  # the data is never read


def test_unreadable_data_exits_2_with_its_message_in_the_language(
    handbook: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def score(*args: object, **options: object) -> Scorecard:
        problem = Text(en="{path}: no “metric” column", ru="{path}: нет столбца «metric»")
        raise DataError(problem, path="measurements.csv")

    monkeypatch.setattr("stdlint.scorecard.measure.score", score)
    data = str(_data(handbook))
    run = run_cli("score", "--data", data, cwd=handbook)
    assert (run.exit_code, run.output) == (2, "")
    assert run.stderr == "stdlint score: measurements.csv: no “metric” column\n"
    run = run_cli("score", "--data", data, "--lang", "ru", cwd=handbook)
    assert run.exit_code == 2
    assert run.stderr == "stdlint score: measurements.csv: нет столбца «metric»\n"


def test_missing_data_is_a_usage_error(
    handbook: Path, run_cli: Any, scored: list[dict[str, Any]]
) -> None:
    run = run_cli("score", "--data", str(handbook / "nowhere.csv"), cwd=handbook)
    assert run.exit_code == 2 and "nowhere.csv" in run.stderr
    assert run_cli("score", cwd=handbook).exit_code == 2  # --data is required
    assert scored == []


def test_help_lists_every_option(handbook: Path, run_cli: Any) -> None:
    run = run_cli("score", "--help", cwd=handbook)
    assert run.exit_code == 0
    for option in ("--data", "--period", "--from", "--to", "--format", "--config", "--lang"):
        assert option in run.output
    assert "--jobs" in run.output and "text|markdown|json" in run.output
    assert "9 observations in 10" in " ".join(run.output.split())


# A scorecard command whose score() returns this file's scorecard, run with its stdout a terminal.
TERMINAL = """
import sys
import stdlint.scorecard.measure as measure
from stdlint.cli import main
from tests.test_scorecard_render import clean_card
measure.score = lambda *args, **options: clean_card()
main(sys.argv[1:], prog_name="stdlint")
"""


@pytest.mark.parametrize(("no_color", "coloured"), [(None, True), ("1", False)])
def test_colour_only_on_a_terminal_without_no_color(
    handbook: Path, no_color: str | None, coloured: bool
) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    environment |= {"PYTHONPATH": str(REPO), "STDLINT_LANG": "en"}
    if no_color is not None:
        environment["NO_COLOR"] = no_color
    reader, terminal = pty.openpty()
    command = [sys.executable, "-c", TERMINAL, "score", "--data", str(_data(handbook))]
    process = subprocess.Popen(
        command, cwd=handbook, env=environment, stdout=terminal, stderr=subprocess.PIPE
    )
    os.close(terminal)
    output = b""
    while True:  # read as it is written: a full terminal buffer would stop the command
        try:
            chunk = os.read(reader, 65536)
        except OSError:  # the command has exited and closed its end
            break
        if not chunk:
            break
        output += chunk
    os.close(reader)
    assert process.wait() == 0, process.communicate()[1]
    text = output.decode("utf-8")
    assert "Clean data: 370 observations scored." in text
    assert (click.style("●", fg="yellow") in text) is coloured
    assert ("●" in text) is coloured


def test_help_imports_neither_duckdb_nor_the_scorecard_code() -> None:
    from tests.test_startup import loaded

    modules = ["duckdb", "stdlint.scorecard.measure", "stdlint.scorecard.render"]
    assert loaded(REPO, modules, "score", "--help") == dict.fromkeys(modules, False)


def test_a_handbook_without_metrics_is_told_how_to_add_them() -> None:
    bare = replace(scorecard(), standards=())
    english = " ".join(render(bare, "text", Lang.EN).split())
    assert "No standard in force has a metric to score: add metrics (id, unit, target," in english
    russian = " ".join(render(bare, "text", Lang.RU).split())
    assert "Ни у одного действующего стандарта нет показателей" in russian
    # A scorecard with standards does not say so.
    assert "No standard in force" not in render(scorecard(), "text", Lang.EN)

"""Scoring measurements against the standards: small data sets whose figures are worked out by
hand (the arithmetic is in the comments), every kind of bad data, and every input format."""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from stdlint.engine import read_handbook
from stdlint.i18n import Lang
from stdlint.result import Result
from stdlint.scorecard import lines, measure
from stdlint.scorecard.measure import score
from stdlint.scorecard.model import (
    DataError,
    Example,
    Light,
    MetricScore,
    Period,
    Problem,
    ProblemKind,
    Scorecard,
    Skipped,
    Stats,
)
from stdlint.settings import load_settings

FIXTURES = Path(__file__).parent / "fixtures" / "scorecard"
OCTOBER = Period.parse("2026-10")
HEADER = ["metric", "value", "timestamp", "channel", "standard", "unit"]

PROFILE = """\
languages: [en, ru]
standards: [standards]
channels: [phone, chat, email]
"""

# calls: phone only; answer-time lower-is-better (20/40, target 20), call-rating a percentage,
# higher-is-better (90/80, target 90).
CALLS_EN = """\
---
id: calls
title: Answering calls
lang: en
status: active
channels: [phone]
metrics:
  - id: answer-time
    name: Time to answer
    unit: seconds
    target: 20
    direction: lower
    zones: {green: 20, yellow: 40}
    counterbalance: call-rating
  - id: call-rating
    name: Callers who rate the call good
    unit: "%"
    target: 90
    direction: higher
    zones: {green: 90, yellow: 80}
---

# Answering calls
"""
# The Russian version drifted (zones 25/45): the figures still come from the first language.
CALLS_RU = """\
---
id: calls
title: Ответ на звонок
lang: ru
status: active
channels: [phone]
metrics:
  - id: answer-time
    name: Время ответа
    unit: секунды
    target: 20
    direction: lower
    zones: {green: 25, yellow: 45}
    counterbalance: call-rating
  - id: call-rating
    name: Доля хороших оценок
    unit: "%"
    target: 90
    direction: higher
    zones: {green: 90, yellow: 80}
---

# Ответ на звонок
"""
# chat: its own answer-time zones (30/60, target 30); reply-time in minutes (2/5, target 2).
# The lowercase title sorts before "Written answers" only when titles are compared casefolded.
CHAT = """\
---
id: chat-reply
title: chat replies
lang: en
status: active
channels: [chat]
metrics:
  - id: reply-time
    name: Time to reply
    unit: minutes
    target: 2
    direction: lower
    zones: {green: 2, yellow: 5}
  - id: answer-time
    name: Time to first answer
    unit: seconds
    target: 30
    direction: lower
    zones: {green: 30, yellow: 60}
---

# Chat replies
"""
# letters: every channel; letter-time has no zones, letter-score no direction at all.
LETTERS = """\
---
id: letters
title: Written answers
lang: en
status: active
metrics:
  - id: letter-time
    unit: working hours
    target: 8
    direction: lower
  - id: letter-score
    unit: points
---

# Written answers
"""
DRAFT = """\
---
id: old-survey
title: Old survey
lang: en
status: draft
metrics:
  - id: survey-score
    unit: points
    direction: higher
    zones: {green: 4, yellow: 3}
---

# Old survey
"""


def make_handbook(folder: Path) -> Result:
    """The handbook above, read as ``stdlint score`` reads it."""
    (folder / "standards").mkdir(parents=True)
    (folder / "handbook.yml").write_text(PROFILE, "utf-8")
    for name, text in [
        ("calls.en.md", CALLS_EN),
        ("calls.ru.md", CALLS_RU),
        ("chat.en.md", CHAT),
        ("letters.en.md", LETTERS),
        ("survey.en.md", DRAFT),
    ]:
        (folder / "standards" / name).write_text(text, "utf-8")
    return read_handbook(load_settings(folder / "handbook.yml", [folder]), date(2026, 11, 5))


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Result:
    return make_handbook(tmp_path_factory.mktemp("handbook"))


def write_csv(
    path: Path, rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ","
) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter=delimiter, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def rows_of(
    metric: str, values: Sequence[float | str], day: str, channel: str = ""
) -> list[list[str]]:
    return [[metric, str(value), day, channel, "", ""] for value in values]


def stats(card: Scorecard, standard: str, metric: str) -> Stats:
    found = card.metric(metric, standard)
    assert found is not None and found.standard == standard
    return found.current


# --- figures worked out by hand --------------------------------------------------------------


def test_zone_shares_quantiles_and_attainment(handbook: Result, tmp_path: Path) -> None:
    # answer-time on the phone (calls only: chat-reply lists chat), lower is better, 20/40:
    # sorted 5 10 15 20 20 | 30 40 | 45 60 100: green 5 (20 is on the bound: green), yellow 2
    # (40 on the bound: yellow), red 3. Median: position 0.5 × 9 = 4.5, between 20 and 30: 25.
    # p90 (lower is better: the 0.9 quantile): 0.9 × 9 = 8.1, 60 + 0.1 × (100 − 60) = 64.
    # Attainment (≤ 20): 5 of 10.
    answer = [60, 5, 20, 100, 10, 40, 15, 30, 20, 45]
    # call-rating, higher is better, 90/80: sorted 0 50 79 | 80 85 | 90 90 95 100 100: green 5
    # (90 on the bound), yellow 2 (80 on the bound), red 3. Median 4.5: (85 + 90) / 2 = 87.5.
    # p90 (higher is better: the 0.1 quantile): 0.1 × 9 = 0.9, 0 + 0.9 × (50 − 0) = 45.
    # Attainment (≥ 90): 5 of 10.
    rating = [100, 95, 90, 90, 85, 80, 79, 50, 0, 100]
    data = write_csv(
        tmp_path / "data.csv",
        rows_of("answer-time", answer, "2026-10-07", "phone")
        + rows_of("call-rating", rating, "2026-10-08 09:30", "phone"),
    )
    card = score(handbook, data, OCTOBER)

    assert stats(card, "calls", "answer-time") == Stats(
        count=10, green=0.5, yellow=0.2, red=0.3, median=25.0,
        p90=pytest.approx(64.0, rel=1e-12), attainment=0.5,
    )  # fmt: skip
    assert stats(card, "calls", "call-rating") == Stats(
        count=10, green=0.5, yellow=0.2, red=0.3, median=87.5,
        p90=pytest.approx(45.0, rel=1e-12), attainment=0.5,
    )  # fmt: skip
    # 50 % green, 70 % green or yellow: red, both; and so the standard.
    standard = next(each for each in card.standards if each.id == "calls")
    assert [metric.light for metric in standard.metrics] == [Light.RED, Light.RED]
    assert standard.light is Light.RED
    assert stats(card, "chat-reply", "answer-time").count == 0  # no chat row
    assert card.rows == card.used == 20
    assert card.clean


def test_a_metric_score_carries_its_definition(handbook: Result, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data.csv", rows_of("answer-time", [10], "2026-10-07", "phone"))
    found = score(handbook, data, OCTOBER).metric("answer-time", "calls")
    assert found == MetricScore(
        standard="calls",
        metric="answer-time",
        name="Time to answer",
        unit="seconds",
        target=20.0,
        direction="lower",
        green_bound=20.0,
        yellow_bound=40.0,
        counterbalance="call-rating",
        current=Stats(1, 1.0, 0.0, 0.0, 10.0, 10.0, 1.0),
        previous=None,
    )


def test_the_light_at_exactly_nine_in_ten_and_the_worst_light(
    handbook: Result, tmp_path: Path
) -> None:
    # reply-time (2/5): nine of ten at or under 2 minutes: 0.9 green exactly → green.
    reply = [1, 2, 1, 2, 1, 2, 1, 2, 1, 9]
    # chat answer-time (30/60): eight green, one yellow (60, on the bound), one red:
    # 0.8 green, 0.8 + 0.1 = 0.9 green or yellow exactly → yellow.
    answer = [10, 10, 10, 10, 30, 30, 30, 30, 60, 61]
    data = write_csv(
        tmp_path / "data.csv",
        rows_of("reply-time", reply, "2026-10-02", "chat")
        + rows_of("answer-time", answer, "2026-10-02", "chat"),
    )
    card = score(handbook, data, OCTOBER)
    chat = next(each for each in card.standards if each.id == "chat-reply")
    assert [(m.metric, m.light) for m in chat.metrics] == [
        ("reply-time", Light.GREEN),
        ("answer-time", Light.YELLOW),
    ]
    assert chat.light is Light.YELLOW  # the worst of green and yellow
    assert stats(card, "chat-reply", "reply-time").green == 0.9
    assert stats(card, "chat-reply", "answer-time").yellow == 0.1


def test_metrics_without_zones_or_direction(handbook: Result, tmp_path: Path) -> None:
    # letter-time: no zones → no shares and no light, but a median, a p90 (lower is better:
    # 0.9 × 3 = 2.7, 6 + 0.7 × (10 − 6) = 8.8) and attainment (≤ 8: 3 of 4).
    # letter-score: no direction → median only: (3 + 5) / 2 = 4.
    data = write_csv(
        tmp_path / "data.csv",
        rows_of("letter-time", [2, 4, 6, 10], "2026-10-02", "email")
        + rows_of("letter-score", [3, 5], "2026-10-02"),
    )
    card = score(handbook, data, OCTOBER)
    assert stats(card, "letters", "letter-time") == Stats(
        4, None, None, None, 5.0, pytest.approx(8.8, rel=1e-12), 0.75
    )
    assert stats(card, "letters", "letter-score") == Stats(2, None, None, None, 4.0, None, None)
    letters = next(each for each in card.standards if each.id == "letters")
    assert letters.light is Light.NONE


def test_the_previous_period_when_the_data_covers_it(handbook: Result, tmp_path: Path) -> None:
    # September: answer-time 10 and 30 → green 1, yellow 1; median 20; p90 0.9 × 1 = 0.9:
    # 10 + 0.9 × 20 = 28; attainment 1 of 2. call-rating has nothing in September.
    data = write_csv(
        tmp_path / "data.csv",
        rows_of("answer-time", [10, 30], "2026-09-30T23:59:59", "phone")
        + rows_of("answer-time", [50], "2026-10-01", "phone")
        + rows_of("call-rating", [95], "2026-10-01", "phone"),
    )
    card = score(handbook, data, OCTOBER)
    answer = card.metric("answer-time", "calls")
    assert answer is not None
    assert answer.current == Stats(1, 0.0, 0.0, 1.0, 50.0, 50.0, 0.0)
    assert answer.previous == Stats(2, 0.5, 0.5, 0.0, 20.0, pytest.approx(28.0, rel=1e-12), 0.5)
    rating = card.metric("call-rating", "calls")
    assert rating is not None and rating.previous is None
    assert card.previous == Period.parse("2026-09")
    assert card.used == 2  # September's rows are read but not in the period
    assert card.skipped == Skipped()


def test_rows_count_for_the_standards_they_name_and_on_their_channel(
    handbook: Result, tmp_path: Path
) -> None:
    rows = [
        ["answer-time", "10", "2026-10-01", "phone", "", ""],  # calls (phone)
        ["answer-time", "50", "2026-10-01", "chat", "", ""],  # chat-reply (chat)
        ["answer-time", "20", "2026-10-01", "", "chat-reply", ""],  # only the one it names
        ["answer-time", "30", "2026-10-01", "", "", ""],  # every standard with the metric
        ["letter-time", "3", "2026-10-01", "email", "", ""],  # letters lists no channel: all
        ["answer-time", "5", "2026-10-01", "chat", "calls", ""],  # calls is not on chat
    ]
    card = score(handbook, write_csv(tmp_path / "data.csv", rows), OCTOBER)
    # calls: 10 and 30. chat-reply: 50, 20 and 30 (median 30).
    assert stats(card, "calls", "answer-time").count == 2
    assert stats(card, "calls", "answer-time").median == 20.0
    assert stats(card, "chat-reply", "answer-time").count == 3
    assert stats(card, "chat-reply", "answer-time").median == 30.0
    assert stats(card, "letters", "letter-time").count == 1
    # Rows, not scores: the row for both standards is one observation.
    assert card.used == 5
    assert card.problems == (
        Problem(ProblemKind.NOT_MEASURED, 1, (Example(6, "channel", "chat", 7),)),
    )


def test_standards_in_title_order_with_the_shown_language(handbook: Result, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data.csv", rows_of("answer-time", [30], "2026-10-01", "phone"))
    english = score(handbook, data, OCTOBER, lang=Lang.EN)
    # Casefolded: "Answering…", "chat…", "Written…" (a plain sort would put "chat" last).
    assert [s.title for s in english.standards] == [
        "Answering calls",
        "chat replies",
        "Written answers",
    ]  # the draft standard is not scored
    russian = score(handbook, data, OCTOBER, lang=Lang.RU)
    calls = russian.standards[-1]  # «Ответ на звонок» sorts after the Latin titles
    assert (calls.id, calls.title, calls.lang, calls.path) == (
        "calls",
        "Ответ на звонок",
        "ru",
        "standards/calls.ru.md",
    )
    answer = calls.metrics[0]
    assert (answer.name, answer.unit) == ("Время ответа", "секунды")
    # The figures are the first language's: 30 s is yellow under 20/40 (not green under 25/45).
    assert (answer.green_bound, answer.yellow_bound) == (20.0, 40.0)
    assert answer.current.yellow == 1.0
    assert [s.id for s in russian.standards] == ["chat-reply", "letters", "calls"]
    chat = next(s for s in russian.standards if s.id == "chat-reply")
    assert (chat.title, chat.lang) == ("chat replies", "en")  # no Russian version


def test_the_default_period_is_the_latest_month_with_a_usable_row(
    handbook: Result, tmp_path: Path
) -> None:
    rows = [
        ["answer-time", "10", "2026-08-31", "phone", "", ""],
        ["answer-time", "10", "2026-09-15", "phone", "", ""],
        ["answer-time", "10", "2026-10-31T23:00:00-05:00", "phone", "", ""],  # the day as written
        ["survey-score", "4", "2026-11-03", "", "", ""],  # a draft's metric: not usable
        ["no-such-metric", "4", "2026-12-03", "phone", "", ""],  # bad: not usable
        ["answer-time", "10", "2027-01-03", "email", "", ""],  # not measured: not usable
    ]
    card = score(handbook, write_csv(tmp_path / "data.csv", rows))
    assert (card.period, card.previous) == (OCTOBER, Period.parse("2026-09"))
    assert card.used == 1
    assert card.skipped == Skipped(outside_period=1, inactive=1)  # August; the draft's row
    assert stats(card, "calls", "answer-time").count == 1
    previous = card.metric("answer-time", "calls")
    assert previous is not None and previous.previous is not None
    assert previous.previous.count == 1


def test_without_a_usable_row_the_period_is_todays_month_and_empty(
    handbook: Result, tmp_path: Path
) -> None:
    data = write_csv(tmp_path / "data.csv", [["survey-score", "4", "2026-11-03", "", "", ""]])
    card = score(handbook, data, today=date(2027, 2, 14))
    assert card.period == Period.parse("2027-02")
    assert card.problems == (Problem(ProblemKind.EMPTY_PERIOD, 0),)
    assert not card.clean
    assert card.skipped == Skipped(inactive=1)
    assert all(m.current.count == 0 for s in card.standards for m in s.metrics)
    assert all(s.light is Light.NONE for s in card.standards)


def test_an_explicit_period_with_no_data_is_empty(handbook: Result, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data.csv", rows_of("answer-time", [10], "2026-10-01", "phone"))
    card = score(handbook, data, Period.parse("2026-12"))
    assert card.problems == (Problem(ProblemKind.EMPTY_PERIOD, 0),)
    assert card.skipped == Skipped(outside_period=1)
    assert card.used == 0 and card.rows == 1


def test_a_quarter_compares_with_the_quarter_before(handbook: Result, tmp_path: Path) -> None:
    data = write_csv(
        tmp_path / "data.csv",
        rows_of("answer-time", [10], "2026-07-01", "phone")
        + rows_of("answer-time", [50, 30], "2026-12-31", "phone")
        + rows_of("answer-time", [10], "2026-06-30", "phone"),  # Q2: outside both
    )
    card = score(handbook, data, Period.parse("2026-Q4"))
    answer = card.metric("answer-time", "calls")
    assert answer is not None and answer.previous is not None
    assert (answer.current.count, answer.current.median, answer.previous.count) == (2, 40.0, 1)
    assert card.skipped == Skipped(outside_period=1)


# --- formats ---------------------------------------------------------------------------------

# One data set, written in every way a company exports it: every one gives the same scorecard.
SAMPLE = [
    ["answer-time", "12.5", "2026-10-01 08:00", "phone"],
    ["answer-time", "41", "2026-10-02T09:15:00Z", "phone"],
    ["answer-time", "20", "2026-10-02", "chat"],
    ["call-rating", "90", "2026-10-03T10:00:00.250+03:00", "phone"],
    ["call-rating", "79.5", "2026-09-03", "phone"],
    ["reply-time", "3", "2026-10-04", "chat"],
    ["reply-time", "many", "2026-10-04", "chat"],  # bad value, row 7
]


def plain(card: Scorecard) -> Scorecard:
    """The scorecard without the file name (the only thing that differs between formats)."""
    return replace(card, data="")


@pytest.fixture(scope="module")
def reference(handbook: Result, tmp_path_factory: pytest.TempPathFactory) -> Scorecard:
    folder = tmp_path_factory.mktemp("reference")
    header = ["metric", "value", "timestamp", "channel"]
    card = score(handbook, write_csv(folder / "data.csv", SAMPLE, header), OCTOBER)
    # 12.5 green (≤ 20), 41 red (> 40): half green; median 26.75. One bad value, row 7.
    assert stats(card, "calls", "answer-time") == Stats(
        2, 0.5, 0.0, 0.5, 26.75, pytest.approx(38.15, rel=1e-12), 0.5
    )
    assert card.problems == (Problem(ProblemKind.BAD_VALUE, 1, (Example(7, "value", "many", 8),)),)
    return card


def test_decimal_comma_semicolon_bom_and_russian_headers(
    handbook: Result, reference: Scorecard, tmp_path: Path
) -> None:
    data = tmp_path / "export.csv"
    lines = ["Метрика ; ЗНАЧЕНИЕ;Дата;канал"]
    lines += [";".join([row[0], row[1].replace(".", ","), *row[2:]]) for row in SAMPLE]
    data.write_text("\ufeff" + "\r\n".join(lines) + "\r\n", "utf-8")  # as Excel writes it
    card = score(handbook, data, OCTOBER)
    assert plain(card) == plain(replace_column(reference, "ЗНАЧЕНИЕ"))
    assert card.data == str(data)


def replace_column(card: Scorecard, column: str) -> Scorecard:
    """``card`` with its examples quoting ``column`` as the value column's header."""
    problems = tuple(
        replace(p, examples=tuple(replace(e, column=column) for e in p.examples))
        for p in card.problems
    )
    return replace(card, problems=problems)


def test_tab_separated(handbook: Result, reference: Scorecard, tmp_path: Path) -> None:
    header = ["metric", "value", "timestamp", "channel"]
    data = write_csv(tmp_path / "data.tsv", SAMPLE, header, delimiter="\t")
    assert plain(score(handbook, data, OCTOBER)) == plain(reference)


def test_json_lines_give_the_same_scorecard(
    handbook: Result, reference: Scorecard, tmp_path: Path
) -> None:
    data = tmp_path / "data.jsonl"
    lines = []
    for metric, value, timestamp, channel in SAMPLE:
        number: object = float(value) if value.replace(".", "").isdigit() else value
        lines.append(
            json.dumps(
                {"Metric": metric, "value": number, "timestamp": timestamp, "channel": channel}
            )
        )
    data.write_text("\n".join(lines) + "\n", "utf-8")
    # No header: row 7 is line 7.
    expected = replace(
        reference, problems=(Problem(ProblemKind.BAD_VALUE, 1, (Example(7, "value", "many", 7),)),)
    )
    assert plain(score(handbook, data, OCTOBER)) == plain(expected)
    # A blank line moves the lines of the file, not the row numbers.
    spaced = tmp_path / "spaced.ndjson"
    spaced.write_text("\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]) + "\n", "utf-8")
    card = score(handbook, spaced, OCTOBER)
    assert card.problems == (Problem(ProblemKind.BAD_VALUE, 1, (Example(7, "value", "many", 8),)),)


def test_parquet_file_and_folder_give_the_same_scorecard(
    handbook: Result, reference: Scorecard, tmp_path: Path
) -> None:
    import duckdb

    source = write_csv(tmp_path / "data.csv", SAMPLE, ["metric", "value", "timestamp", "channel"])
    single = tmp_path / "data.parquet"
    folder = tmp_path / "export"
    (folder / "part").mkdir(parents=True)
    with duckdb.connect() as connection:
        connection.execute(f"CREATE TABLE sample AS FROM read_csv('{source}', all_varchar = true)")
        connection.execute(f"COPY sample TO '{single}' (FORMAT parquet)")
        # A typed export, split over two files in two folders: the rows in path order.
        typed = (
            "SELECT metric AS METRIC, try_cast(value AS DOUBLE) AS value, timestamp, channel "
            "FROM sample"
        )
        connection.execute(f"COPY ({typed} LIMIT 3) TO '{folder / 'a.parquet'}' (FORMAT parquet)")
        connection.execute(
            f"COPY ({typed} OFFSET 3) TO '{folder / 'part' / 'b.parquet'}' (FORMAT parquet)"
        )
    expected = replace(
        reference,
        problems=tuple(
            replace(p, examples=tuple(replace(e, line=None) for e in p.examples))
            for p in reference.problems
        ),
    )
    assert plain(score(handbook, single, OCTOBER)) == plain(expected)
    typed_card = score(handbook, folder, OCTOBER)
    # The typed file has no text for "many": its value is missing (NULL), quoted as empty.
    assert plain(typed_card) == plain(
        replace(
            expected,
            problems=(Problem(ProblemKind.BAD_VALUE, 1, (Example(7, "value", "", None),)),),
        )
    )


# --- bad data --------------------------------------------------------------------------------


def test_every_kind_of_bad_data_is_counted_with_its_first_rows(handbook: Result) -> None:
    # tests/fixtures/scorecard/bad.csv: the last column ("note", which the score ignores) says
    # what each row is, but for row 15, a short row with only a metric and a value. A blank line
    # (line 15) and a value written on two lines (16–17) make lines and rows part from row 14.
    card = score(handbook, FIXTURES / "bad.csv", OCTOBER)
    kinds = {problem.kind: problem for problem in card.problems}
    assert list(kinds) == [
        ProblemKind.UNKNOWN_METRIC,
        ProblemKind.UNKNOWN_STANDARD,
        ProblemKind.UNKNOWN_CHANNEL,
        ProblemKind.BAD_VALUE,
        ProblemKind.OUT_OF_RANGE,
        ProblemKind.BAD_TIMESTAMP,
        ProblemKind.UNIT_MISMATCH,
        ProblemKind.NOT_MEASURED,
    ]
    assert kinds[ProblemKind.UNKNOWN_METRIC] == Problem(
        ProblemKind.UNKNOWN_METRIC,
        3,
        (
            Example(2, "metric", "no-such-metric", 3),
            # Bad in every column: counted once, under its first problem.
            Example(13, "metric", "nothing-known", 14),
            Example(14, "metric", "two\nlines", 16),
        ),
    )
    assert kinds[ProblemKind.UNKNOWN_STANDARD] == Problem(
        ProblemKind.UNKNOWN_STANDARD,
        2,
        (Example(3, "standard", "no-such-standard", 4), Example(4, "standard", "letters", 5)),
    )
    assert kinds[ProblemKind.UNKNOWN_CHANNEL] == Problem(
        ProblemKind.UNKNOWN_CHANNEL, 1, (Example(5, "channel", "fax", 6),)
    )
    # Six bad values; the first five are quoted.
    assert kinds[ProblemKind.BAD_VALUE] == Problem(
        ProblemKind.BAD_VALUE,
        6,
        (
            Example(6, "value", "abc", 7),
            Example(7, "value", "", 8),
            Example(22, "value", "nan", 25),
            Example(23, "value", "inf", 26),
            Example(24, "value", "1.2.3", 27),
        ),
    )
    assert kinds[ProblemKind.OUT_OF_RANGE] == Problem(
        ProblemKind.OUT_OF_RANGE,
        2,
        (Example(8, "value", "-5", 9), Example(9, "value", "101", 10)),
    )
    assert kinds[ProblemKind.BAD_TIMESTAMP] == Problem(
        ProblemKind.BAD_TIMESTAMP,
        3,
        (
            Example(10, "timestamp", "05.10.2026", 11),
            Example(15, "timestamp", "", 18),  # the short row: no timestamp at all
            Example(16, "timestamp", "2026-10-01T25:00", 19),
        ),
    )
    assert kinds[ProblemKind.UNIT_MISMATCH] == Problem(
        ProblemKind.UNIT_MISMATCH,
        2,
        (Example(11, "unit", "minutes", 12), Example(26, "unit", "kg", 29)),
    )
    assert kinds[ProblemKind.NOT_MEASURED] == Problem(
        ProblemKind.NOT_MEASURED, 1, (Example(12, "channel", "email", 13),)
    )
    assert card.bad_rows == 20
    assert card.skipped == Skipped(outside_period=1, inactive=1)
    # Valid: rows 1, 19 (spaces, "sec"), 20 ("points" as the standard writes it), 21 (a
    # decimal comma, "%"), 27 ("Seconds") and 28 («сек», normalised in Russian). Skipped:
    # row 17 (only a draft measures survey-score) and row 18 (August).
    assert card.used == 6
    assert card.rows == 28
    assert not card.clean
    assert stats(card, "calls", "answer-time").count == 4  # rows 1, 19, 27 and 28
    assert stats(card, "calls", "call-rating").median == 90.5


def test_examples_past_the_first_rows_of_the_file(
    handbook: Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With only 3 rows read first, most problems are not found there: the whole file is read.
    full = score(handbook, FIXTURES / "bad.csv", OCTOBER)
    monkeypatch.setattr(measure, "PREFIX_ROWS", 3)
    assert score(handbook, FIXTURES / "bad.csv", OCTOBER) == full


@pytest.mark.parametrize("block", [1, 7, 64, lines.BLOCK])
def test_lines_are_found_block_by_block(tmp_path: Path, block: int) -> None:
    # bad.csv (see above): row 1 on line 2; row 14 on line 16 (after the empty line 15), its
    # value going on to line 17; row 15 on line 18; row 28 on the last line, 31.
    wanted = {1, 14, 15, 28, 99}  # the file has no row 99
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines, "BLOCK", block)
        found = lines.row_lines(FIXTURES / "bad.csv", wanted, csv=True)
        assert found == {1: 2, 14: 16, 15: 18, 28: 31}
        # JSON Lines: no header; blank lines (spaces and tabs too) are no rows; no last line break.
        data = tmp_path / "data.jsonl"
        data.write_bytes(b'{"a": 1}\n\n \t\n{"a": "x\\"y"}\r\n{"a": 3}\n\n{"a": 4}')
        assert lines.row_lines(data, {1, 2, 3, 4}, csv=False) == {1: 1, 2: 4, 3: 5, 4: 7}


def test_data_too_large_for_the_memory_limit(
    handbook: Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    data = tmp_path / "big.csv"
    with duckdb.connect() as connection:
        connection.execute(
            "COPY (SELECT 'answer-time' AS metric, random() AS value, '2026-10-01' AS timestamp "
            f"FROM range(300000)) TO '{data}' (HEADER)"
        )
    monkeypatch.setattr(measure, "MEMORY_LIMIT", "2MB")
    with pytest.raises(DataError) as error:
        score(handbook, data)
    english, russian = messages(error)
    assert english.startswith(f"{data}: the data does not fit in 2MB of memory (Out of Memory")
    assert russian.startswith(f"{data}: данные не помещаются в 2MB памяти")


def test_a_lone_try_cast_over_csv_text_gives_null(tmp_path: Path) -> None:
    # DuckDB 2.0.1 pushes a lone try_cast into the CSV reader, which then raises on "many"; the
    # scorecard's connection turns that optimisation off (its own SQL reads the value twice).
    data = write_csv(tmp_path / "data.csv", [["1"], ["many"]], ["value"])
    scan = (
        f"read_csv('{data}', auto_detect = false, header = true, delim = ',', "
        "columns = {'c0': 'VARCHAR'})"
    )
    with measure._connection(None) as connection:
        found = connection.execute(f"SELECT try_cast(c0 AS DOUBLE) FROM {scan}").fetchall()
    assert found == [(1.0,), (None,)]


def test_a_clean_file_is_clean(handbook: Result, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data.csv", rows_of("answer-time", [10, 20], "2026-10-05", "phone"))
    card = score(handbook, data, OCTOBER)
    assert card.clean and card.problems == () and card.bad_rows == 0


def test_the_same_data_gives_the_same_scorecard(handbook: Result, tmp_path: Path) -> None:
    import duckdb

    data = tmp_path / "many.csv"
    with duckdb.connect() as connection:
        connection.execute(
            f"""COPY (SELECT CASE WHEN i % 3 = 0 THEN 'answer-time' WHEN i % 3 = 1
                    THEN 'call-rating' ELSE 'nope' END AS metric,
                    (i * 7919) % 101 AS value, DATE '2026-10-01' + (i % 45)::INT AS timestamp,
                    'phone' AS channel
                FROM range(30000) t(i)) TO '{data}' (HEADER)"""
        )
    first = score(handbook, data, threads=1)
    assert score(handbook, data, threads=2) == first
    assert first.rows == 30000
    assert first.problems[0].examples[0] == Example(3, "metric", "nope", 4)


def test_no_temporary_files_are_left(
    handbook: Result, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    data = write_csv(tmp_path / "data.csv", rows_of("answer-time", [10], "2026-10-05", "phone"))
    score(handbook, data, OCTOBER)
    assert list(temporary.iterdir()) == []
    with pytest.raises(DataError):
        score(handbook, tmp_path / "missing.csv")
    assert list(temporary.iterdir()) == []


# --- files that cannot be read ---------------------------------------------------------------


def messages(error: pytest.ExceptionInfo[DataError]) -> tuple[str, str]:
    return error.value.message(Lang.EN), error.value.message(Lang.RU)


def test_a_missing_file(handbook: Result, tmp_path: Path) -> None:
    with pytest.raises(DataError) as error:
        score(handbook, tmp_path / "october.csv")
    english, russian = messages(error)
    assert english.startswith(f"{tmp_path / 'october.csv'}: no such file or folder")
    assert russian.startswith(f"{tmp_path / 'october.csv'}: нет такого файла или папки")


def test_a_missing_metric_column(handbook: Result, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data.csv", [["10", "2026-10-01"]], ["Value", "timestamp"])
    with pytest.raises(DataError) as error:
        score(handbook, data)
    english, russian = messages(error)
    assert english.startswith(f"{data}: no column metric (the columns are: Value, timestamp);")
    assert russian.startswith(f"{data}: нет столбца metric (столбцы файла: Value, timestamp);")


def test_a_csv_that_is_not_utf8(handbook: Result, tmp_path: Path) -> None:
    data = tmp_path / "excel.csv"
    text = "metric;value;timestamp\nanswer-time;10;2026-10-01\nответ;10;2026-10-01\n"
    data.write_bytes(text.encode("cp1251"))
    with pytest.raises(DataError) as error:
        score(handbook, data)
    english, russian = messages(error)
    assert english.startswith(f"{data}: line 3 is not UTF-8 text;")
    assert russian.startswith(f"{data}: строка 3 — не текст в UTF-8;")
    # In the header, the file's first line, it is found before DuckDB reads anything.
    data.write_bytes("метрика;value;timestamp\n".encode("cp1251"))
    with pytest.raises(DataError) as error:
        score(handbook, data)
    assert messages(error)[0].startswith(f"{data}: line 1 is not UTF-8 text;")


def test_a_parquet_file_that_is_not_parquet(handbook: Result, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "data.parquet", rows_of("answer-time", [10], "2026-10-01"))
    with pytest.raises(DataError) as error:
        score(handbook, data)
    english, russian = messages(error)
    assert english.startswith(f"{data}: not a readable Parquet file:")
    assert russian.startswith(f"{data}: не читается как Parquet:")


@pytest.mark.parametrize(
    ("name", "content", "english"),
    [
        ("data.xlsx", "", "the name does not say the format"),
        ("empty.csv", "", "the file is empty"),
        ("broken.jsonl", '{"metric": "answer-time"\n', "not a readable JSON Lines file: line 1"),
    ],
)
def test_other_files_that_cannot_be_read(
    handbook: Result, tmp_path: Path, name: str, content: str, english: str
) -> None:
    data = tmp_path / name
    data.write_text(content, "utf-8")
    with pytest.raises(DataError) as error:
        score(handbook, data)
    assert error.value.message(Lang.EN).startswith(f"{data}: {english}")
    assert str(data) in error.value.message(Lang.RU)


def test_a_folder_without_parquet_files(handbook: Result, tmp_path: Path) -> None:
    write_csv(tmp_path / "data.csv", rows_of("answer-time", [10], "2026-10-01"))
    with pytest.raises(DataError) as error:
        score(handbook, tmp_path)
    assert messages(error)[0].startswith(f"{tmp_path}: the folder has no .parquet file")

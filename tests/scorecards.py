"""Hand-built scorecards of the example handbook, and a site build whose ``score`` returns one.

The scorecard page is tested apart from the code that reads measurements: these scorecards
are written by hand (their shares chosen so that every case of the page shows), and the build
replaces :func:`stdlint.scorecard.measure.score` with a function that returns them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from stdlint.scorecard.model import (
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
from tests.sitebuild import TODAY, site_copy

OCTOBER = Period.parse("2026-10")


def stats(
    count: int,
    green: float | None,
    yellow: float | None,
    red: float | None,
    median: float | None = None,
    p90: float | None = None,
    attainment: float | None = None,
) -> Stats:
    return Stats(count, green, yellow, red, median, p90, attainment)


def metric(
    standard: str,
    metric_id: str,
    current: Stats,
    previous: Stats | None = None,
    *,
    unit: str = "%",
    target: float | None = 90,
    direction: str | None = "higher",
    counterbalance: str | None = None,
    name: str | None = None,
) -> MetricScore:
    return MetricScore(
        standard=standard,
        metric=metric_id,
        name=name or metric_id,
        unit=unit,
        target=target,
        direction=direction,
        green_bound=None,
        yellow_bound=None,
        counterbalance=counterbalance,
        current=current,
        previous=previous,
    )


# The phone standard: a yellow speed metric (82 % green, 94 % green or yellow) read beside a
# green quality metric; the chat standard: red, and its quality metric has no observation.
ANSWER_TIME = metric(
    "phone-answer",
    "answer-time",
    stats(1000, 0.82, 0.12, 0.06, median=14.5, p90=38, attainment=0.82),
    stats(900, 0.78, 0.15, 0.07, median=16, p90=41, attainment=0.78),
    unit="секунды",
    target=20,
    direction="lower",
    counterbalance="call-rating",
)
CALL_RATING = metric(
    "phone-answer", "call-rating", stats(400, 0.93, 0.05, 0.02, 100, 80, 0.93), target=90
)
CHAT_TIME = metric(
    "chat-first-response",
    "chat-first-response-time",
    stats(250, 0.55, 0.25, 0.2, median=58, p90=170, attainment=0.55),
    unit="секунды",
    target=60,
    direction="lower",
    counterbalance="chat-rating",
)
CHAT_RATING = metric("chat-first-response", "chat-rating", stats(0, None, None, None), target=85)
# Observations of a metric whose standard sets no zones: figures, but no bar and no light.
EMAIL_COMPLETE = metric(
    "email-first-reply",
    "first-reply-complete",
    stats(120, None, None, None, median=96, p90=100, attainment=None),
    target=None,
    direction=None,
)

PROBLEMS = (
    Problem(
        ProblemKind.UNKNOWN_METRIC,
        12,
        (Example(4, "metric", "answer-tme"), Example(18, "metric", "answr-time")),
    ),
    Problem(ProblemKind.BAD_VALUE, 3, (Example(7, "value", "n/a"),)),
)


def example_card(*, problems: tuple[Problem, ...] = ()) -> Scorecard:
    """October 2026 at Volna Telecom: a yellow phone line, a red chat, an email without zones."""
    return Scorecard(
        data="/srv/exports/measurements.csv",
        period=OCTOBER,
        previous=OCTOBER.previous(),
        rows=12_345,
        used=1_770,
        standards=(
            StandardScore(
                "phone-answer",
                "Ответ на входящий звонок",
                "ru",
                "standards/phone/answer-call.ru.md",
                (ANSWER_TIME, CALL_RATING),
            ),
            StandardScore(
                "chat-first-response",
                "Первый ответ в чате",
                "ru",
                "standards/chat/first-response.ru.md",
                (CHAT_TIME, CHAT_RATING),
            ),
            StandardScore(
                "email-first-reply",
                "Первый ответ на письмо",
                "ru",
                "standards/email/first-reply.ru.md",
                (EMAIL_COMPLETE,),
            ),
        ),
        problems=problems,
        skipped=Skipped(outside_period=10_000, inactive=0),
    )


@dataclass
class Calls:
    """What the replaced ``score`` was called with."""

    arguments: list[tuple[Any, ...]] = field(default_factory=list)


@contextmanager
def scored(returns: Callable[[], Scorecard]) -> Iterator[Calls]:
    """``stdlint.scorecard.measure.score`` returns ``returns()`` (or raises what it raises)."""
    calls = Calls()

    def score(result: object, data: Path, period: Period | None = None, **options: Any) -> Any:
        calls.arguments.append((data, period, options))
        return returns()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("stdlint.scorecard.measure.score", score)
        yield calls


def build_site(folder: Path, *, strict: bool = True) -> None:
    """``mkdocs build`` of ``folder/mkdocs.yml`` in this process (so a replaced ``score`` is
    the one the plugin calls), with the example's date; raises what the build raises."""
    before = os.environ.get("STDLINT_TODAY")
    os.environ["STDLINT_TODAY"] = TODAY
    try:
        config = load_config(str(folder / "mkdocs.yml"), strict=strict)
        build(config)
    finally:
        if before is None:
            del os.environ["STDLINT_TODAY"]
        else:
            os.environ["STDLINT_TODAY"] = before


def example_with_scorecard(folder: Path, options: str) -> Path:
    """The example handbook whose plugin is given ``options`` (its checks off: not tested here)."""
    copy = site_copy(folder)
    config = (copy / "mkdocs.yml").read_text("utf-8")
    assert "      home: site/pages\n" in config
    # The example's own measurements are replaced by what the test gives.
    config = config.replace("      scorecard: examples/measurements.csv\n", "")
    config = config.replace(
        "      home: site/pages\n", f"      home: site/pages\n      lint: false\n{options}"
    )
    (copy / "mkdocs.yml").write_text(config, "utf-8")
    return copy

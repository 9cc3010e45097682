"""Dates, paths, globs and file reading at their limits (issue 9): no crash, no hang, right place.

Each test is a minimal reproducer of one failure a fuzzer found, checked through the library
(:func:`stdlint.engine.check`) and through the CLI, with the other files still checked.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from stdlint.config import Profile
from stdlint.engine import check, read_handbook
from stdlint.files import handbook_paths
from stdlint.parse.values import Interval
from stdlint.reports import review_queue
from stdlint.settings import load_settings
from tests.conftest import GOOD_STANDARD, Run

LAST_DAY = "9999-12-31"


def _standard(standard_id: str = "email-reply", lang: str = "en", **extra: str) -> str:
    """The good standard under another id, with front-matter lines added or replaced."""
    text = GOOD_STANDARD.replace("phone-answer", standard_id).replace("lang: en", f"lang: {lang}")
    for key, value in extra.items():
        if f"\n{key}:" in text:
            start = text.index(f"\n{key}:") + 1
            text = text[:start] + f"{key}: {value}" + text[text.index("\n", start) :]
        else:
            text = text.replace("\n---\n\n#", f"\n{key}: {value}\n---\n\n#", 1)
    return text


def _found(handbook: Path, today: str, paths: list[Path] | None = None) -> list[tuple[str, ...]]:
    """(path, code, line, column) of every finding of a library check of ``handbook``."""
    settings = load_settings(handbook / "handbook.yml", [handbook])
    result = check(paths, settings, date.fromisoformat(today))
    return sorted((d.path, d.code, str(d.line), str(d.column)) for d in result.diagnostics)


# --- dates stay within the calendar --------------------------------------------------------


def test_an_interval_past_the_end_of_the_calendar_is_never() -> None:
    assert Interval(1, "days").after(date.max) is None
    assert Interval(1, "weeks").after(date(9999, 12, 28)) is None
    assert Interval(1, "months").after(date(9999, 12, 1)) is None
    assert Interval(100, "years").after(date(9900, 1, 1)) is None
    assert Interval(100, "years").after(date(9899, 12, 31)) == date(9999, 12, 31)
    assert Interval(3, "days").after(date(9999, 12, 28)) == date.max
    assert Interval(100, "years").too_long is False
    assert Interval(101, "years").too_long is True
    assert Interval(36_526, "days").too_long is True


def test_last_reviewed_on_the_last_day_of_the_calendar(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "standards" / "late.md").write_text(
        _standard(last_reviewed=LAST_DAY), encoding="utf-8"
    )
    # Reviewed "in the future" is CUR004 on the date, and the review is never due.
    assert _found(handbook, "2026-11-23") == [("standards/late.md", "CUR004", "11", "16")]
    # On the last day itself the review is neither overdue nor due soon: it is never due.
    late = handbook / "standards" / "late.md"
    assert _found(handbook, LAST_DAY, [late]) == []
    queue = review_queue(read_handbook(load_settings(handbook / "handbook.yml"), date.max))
    entry = next(entry for entry in queue.entries if entry.path == "standards/late.md")
    assert (entry.state.value, entry.review.due) == ("fresh", None)
    run = run_cli("check", "--today", LAST_DAY, "--format", "json", str(late), cwd=handbook)
    assert (run.exit_code, run.json()["diagnostics"]) == (0, [])
    run = run_cli("review", "--today", LAST_DAY, "--format", "json", cwd=handbook)
    assert run.exit_code == 0, run.output + run.stderr
    json.loads(run.output)


def test_review_every_of_9999_years_is_a_positioned_error(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "standards" / "long.md").write_text(
        _standard(review_every="9999 years"), encoding="utf-8"
    )
    # The value is refused at its place; the profile's default interval (6 months) stands in.
    assert _found(handbook, "2026-03-01") == [("standards/long.md", "STR004", "9", "15")]
    run = run_cli("check", "--today", "2026-03-01", "--format", "json", cwd=handbook)
    report = run.json()
    assert report["files"] == 2
    (finding,) = report["diagnostics"]
    assert finding["path"] == "standards/long.md"
    assert "more than 100 years" in finding["message"]
    assert "at most 100 years" in finding["suggestion"]
    assert run.exit_code == 1
    # In Russian too.
    (handbook / "standards" / "long.md").write_text(
        _standard("dolgo", "ru", review_every="9999 лет"), encoding="utf-8"
    )
    run = run_cli("check", "--today", "2026-03-01", "--format", "json", cwd=handbook)
    messages = [d["message"] for d in run.json()["diagnostics"] if d["code"] == "STR004"]
    assert messages == ["в поле «review_every» указано «9999 лет»: срок больше 100 лет"]


@pytest.mark.parametrize(
    ("setting", "line", "column"),
    [("warn_within: 9999 years", 4, 16), ("translation_lag: 5219 weeks", 4, 20)],
)
def test_huge_profile_intervals_are_configuration_errors(
    run_cli: Callable[..., Run], handbook: Path, setting: str, line: int, column: int
) -> None:
    (handbook / "handbook.yml").write_text(
        f"languages: [en, ru]\nstandards: [standards]\nreview:\n  {setting}\n", encoding="utf-8"
    )
    run = run_cli("check", "--today", "2026-11-23", cwd=handbook)
    assert run.exit_code == 2
    (line_text,) = run.stderr.strip().splitlines()
    assert line_text.startswith(f"handbook.yml:{line}:{column}: ")
    assert "more than 100 years" in line_text


def test_longest_intervals_at_the_end_of_the_calendar(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "handbook.yml").write_text(
        "languages: [en, ru]\nstandards: [standards]\n"
        "review: {every: 100 years, warn_within: 100 years, translation_lag: 100 years}\n",
        encoding="utf-8",
    )
    standards = handbook / "standards"
    (standards / "good.md").write_text(_standard(last_reviewed="9950-01-01"), encoding="utf-8")
    (standards / "good.ru.md").write_text(
        _standard(lang="ru", last_reviewed=LAST_DAY), encoding="utf-8"
    )
    for today in ("2026-11-23", "9949-06-01", LAST_DAY):
        found = _found(handbook, today)
        # No translation lag (it would end past the calendar) and no crash, whatever the day.
        assert not [item for item in found if item[1] == "CNS003"], found
    # Due on the calendar's last day; the horizon of 100 years from 9949-06-01 reaches past the
    # calendar and so covers that day: the review is due soon.
    (standards / "good.ru.md").unlink()
    (standards / "good.md").write_text(
        _standard(last_reviewed="9899-12-31", review_every="100 years"), encoding="utf-8"
    )
    assert _found(handbook, "9949-06-01") == [("standards/good.md", "CUR002", "11", "16")]
    for command in ("check", "review"):
        run = run_cli(command, "--today", LAST_DAY, "--format", "json", cwd=handbook)
        assert run.exit_code in (0, 1), run.output + run.stderr
        json.loads(run.output)


# --- standards entries in handbook.yml ------------------------------------------------------

LONG_NAME = "x" * 256


@pytest.mark.parametrize(
    ("entry", "english", "russian"),
    [
        ('"/abs/*"', "is an absolute path", "указан абсолютный путь"),
        ('"/srv/handbook/standards"', "is an absolute path", "указан абсолютный путь"),
        ('"**foo"', "not a valid glob pattern", "недопустимый шаблон"),
        ('"standards/a**/*.md"', "not a valid glob pattern", "недопустимый шаблон"),
        (LONG_NAME, "longer than 255 bytes", "длиннее 255 байт"),
        (f'"standards/{LONG_NAME}*"', "longer than 255 bytes", "длиннее 255 байт"),
        ("/".join(["x" * 200] * 30), "cannot be used", "нельзя использовать"),
    ],
)
def test_unusable_standards_entries_are_configuration_errors(
    run_cli: Callable[..., Run], handbook: Path, entry: str, english: str, russian: str
) -> None:
    (handbook / "handbook.yml").write_text(
        f"languages: [en, ru]\nstandards:\n  - standards\n  - {entry}\n", encoding="utf-8"
    )
    for lang, words in (("en", english), ("ru", russian)):
        run = run_cli("check", "--lang", lang, "--today", "2026-11-23", cwd=handbook)
        assert run.exit_code == 2
        (line,) = run.stderr.strip().splitlines()
        assert line.startswith("handbook.yml:4:5: ")
        assert words in line
        assert len(line) < 400  # a long entry is shortened, not quoted whole


def test_a_profile_built_in_code_with_unusable_entries_checks_the_rest(handbook: Path) -> None:
    profile = Profile(standards=["standards", "/abs/*", "**foo", LONG_NAME, f"{LONG_NAME}/*"])
    profile.placed(handbook / "handbook.yml", None, handbook)
    assert handbook_paths(profile) == [handbook / "standards"]
    result = check(None, profile, date(2026, 11, 23))
    assert [record.path for record in result.files] == ["standards/good.md"]
    assert result.diagnostics == ()


def test_valid_patterns_still_name_standards(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "handbook.yml").write_text(
        'languages: [en, ru]\nstandards: ["standards/**/*.md", "extra*"]\n', encoding="utf-8"
    )
    (handbook / "extra").mkdir()
    (handbook / "extra" / "more.md").write_text(_standard("more"), encoding="utf-8")
    run = run_cli("check", "--today", "2026-11-23", "--format", "json", cwd=handbook)
    assert (run.exit_code, run.json()["files"], run.json()["diagnostics"]) == (0, 2, [])

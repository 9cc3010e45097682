"""Small value types: review intervals, dates, language helpers."""

from __future__ import annotations

from datetime import date

import pytest

from stdlint.i18n import Lang, detect_lang, plural
from stdlint.parse.values import Interval


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 months", Interval(6, "months")),
        ("90 days", Interval(90, "days")),
        ("1 year", Interval(1, "years")),
        ("2 weeks", Interval(2, "weeks")),
        ("6 месяцев", Interval(6, "months")),
        ("3 месяца", Interval(3, "months")),
        ("1 год", Interval(1, "years")),
        ("2 года", Interval(2, "years")),
        ("30 дней", Interval(30, "days")),
        ("12 мес.", Interval(12, "months")),
        ("полгода", Interval(6, "months")),
        ("квартал", Interval(3, "months")),
        ("Year", Interval(1, "years")),
    ],
)
def test_intervals_parse_in_both_languages(text: str, expected: Interval) -> None:
    assert Interval.parse(text) == expected


@pytest.mark.parametrize(
    "text", ["", "six months", "0 days", "6", "6 monthz", "-3 days", "6 months ago"]
)
def test_intervals_reject_what_is_not_a_period(text: str) -> None:
    with pytest.raises(ValueError):
        Interval.parse(text)


def test_interval_arithmetic_clamps_month_ends() -> None:
    assert Interval(1, "months").after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert Interval(6, "months").after(date(2026, 8, 31)) == date(2027, 2, 28)
    assert Interval(1, "years").after(date(2028, 2, 29)) == date(2029, 2, 28)
    assert Interval(90, "days").after(date(2026, 1, 1)) == date(2026, 4, 1)
    assert Interval(2, "weeks").after(date(2026, 12, 25)) == date(2027, 1, 8)
    assert str(Interval(6, "months")) == "6 months" and str(Interval(1, "years")) == "1 year"


def test_language_detection_and_plurals() -> None:
    assert detect_lang("Ответьте в течение 20 секунд", Lang.EN) is Lang.RU
    assert detect_lang("Answer within 20 seconds", Lang.RU) is Lang.EN
    assert detect_lang("12345 ---", Lang.RU) is Lang.RU
    assert [
        plural(Lang.RU, n, ("", ""), ("файл", "файла", "файлов")) for n in (1, 2, 5, 11, 21, 112)
    ] == ["1 файл", "2 файла", "5 файлов", "11 файлов", "21 файл", "112 файлов"]
    assert plural(Lang.EN, 1, ("file", "files"), ("", "", "")) == "1 file"

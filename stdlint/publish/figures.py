"""Figures, periods and counts as the scorecard page writes them, in each language's style.

Numbers are grouped and rounded as people read them (12,345 / «12 345», 14.5 / «14,5»), units
agree with their number («14 секунд», «1 рабочий час»), shares are whole per cents that add up
to 100, and periods are dates in words («октябрь 2026», "1–15 October 2026").
"""

from __future__ import annotations

from datetime import date

from stdlint.i18n import Lang, plural
from stdlint.publish import labels
from stdlint.scorecard.model import Period
from stdlint.text.morph import agree_with_number


def share_texts(shares: dict[str, float], lang: Lang) -> dict[str, str]:
    """Whole per cents that add up to 100 (largest remainder); a share above 0 is never "0 %",
    nor one below 1 "100 %"."""
    exact = {zone: 100 * share for zone, share in shares.items()}
    whole = {zone: int(value) for zone, value in exact.items()}
    spare = 100 - sum(whole.values()) if round(sum(exact.values())) == 100 else 0
    for zone in sorted(exact, key=lambda zone: whole[zone] - exact[zone])[: max(spare, 0)]:
        whole[zone] += 1
    sign = "\u00a0%" if lang is Lang.RU else "%"
    texts = {}
    for zone, value in exact.items():
        text = str(whole[zone])
        if whole[zone] == 0 and value > 0:
            text = "<1"
        elif whole[zone] == 100 and value < 100:
            text = ">99"
        texts[zone] = text + sign
    return texts


def percent(share: float, lang: Lang) -> str:
    """A share as a whole per cent: ``82%``, «82 %»."""
    return f"{round(100 * share)}\u00a0%" if lang is Lang.RU else f"{round(100 * share)}%"


def number(value: float, lang: Lang) -> str:
    """A figure as people read it: 12,345 / «12 345»; 14.5 / «14,5»; 0.25 / «0,25»."""
    places = 2 if abs(value) < 10 else 1 if abs(value) < 100 else 0
    rounded = round(value, places)
    text = f"{rounded:,.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if lang is Lang.RU:
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def amount(value: float, unit: str | None, lang: Lang) -> str:
    """A figure with its unit, the unit agreeing with it: «14 секунд», «92,5 %», "1 hour"."""
    text = number(value, lang)
    if not unit or not unit.strip():
        return text
    if unit.strip() == "%":
        return f"{text}\u00a0%" if lang is Lang.RU else f"{text}%"
    return f"{text}\u00a0{agree_with_number(unit.strip(), round(value, 2), lang)}"


def count_of(count: int, lang: Lang, en: tuple[str, str], ru: tuple[str, str, str]) -> str:
    """``count`` with its noun, the number grouped: "12,345 rows", «12 345 строк»."""
    words = plural(lang, count, en, ru).split(" ", 1)[1]
    return f"{number(count, lang)} {words}"


def period_text(period: Period, lang: Lang) -> str:
    """A period in the language's style: "October 2026", «4-й квартал 2026 (…)», "1–15 May"."""
    start = period.start
    if period.kind == "month":
        return f"{labels.MONTHS[lang.value][start.month - 1]} {start.year}"
    if period.kind == "quarter":
        quarter = labels.QUARTER.render(lang, quarter=(start.month + 2) // 3, year=start.year)
        return f"{quarter} ({day_range(period.start, period.end, lang)})"
    if period.kind == "year":
        return labels.YEAR.render(lang, year=start.year)
    return day_range(period.start, period.end, lang)


def day_range(start: date, end: date, lang: Lang) -> str:
    """Two days as a range, sharing what they share: «1–15 октября 2026»."""
    months = labels.MONTHS["ru-of" if lang is Lang.RU else "en"]
    if start == end:
        return f"{start.day} {months[start.month - 1]} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {months[end.month - 1]} {end.year}"
    first = f"{start.day} {months[start.month - 1]}"
    if start.year != end.year:
        first += f" {start.year}"
    return f"{first} – {end.day} {months[end.month - 1]} {end.year}"


__all__ = [
    "amount",
    "count_of",
    "day_range",
    "number",
    "percent",
    "period_text",
    "share_texts",
]

"""Value types shared by the standard and profile models: ids, dates, review intervals."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from pydantic import BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, StringConstraints
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Unit words for review intervals; every form a manager is likely to type, in both languages.
_INTERVAL_UNITS: dict[str, tuple[str, ...]] = {
    "days": ("d", "day", "days", "дн", "день", "дня", "дней", "сутки", "суток"),
    "weeks": ("w", "wk", "week", "weeks", "нед", "неделя", "недели", "недель", "неделю"),
    "months": ("mo", "month", "months", "мес", "месяц", "месяца", "месяцев"),
    "years": ("y", "yr", "year", "years", "г", "год", "года", "лет"),
}
_UNIT_OF = {word: unit for unit, words in _INTERVAL_UNITS.items() for word in words}
# Periods people name with one word.
_WHOLE_WORDS = {"полгода": (6, "months"), "квартал": (3, "months"), "quarter": (3, "months")}
# Spaces are read once: with the number optional, "\s*(\d)?\s*" could split a run of spaces
# between its two halves in every way, quadratic on a value of many spaces.
_INTERVAL = re.compile(r"^\s*(?:(\d{1,4})\s*)?([^\W\d_]+)\.?\s*$")
# The longest interval accepted, per unit: a hundred years. A review cycle, a warning horizon or a
# translation lag longer than a working life is a typo ("9999 years"), and keeping intervals
# this short keeps every date the linter computes inside the calendar for any real start date.
MAX_INTERVAL_YEARS = 100
_MAX_COUNT = {"days": 36_525, "weeks": 5_218, "months": 12 * MAX_INTERVAL_YEARS, "years": 100}
INTERVAL_PATTERN = (
    r"^\s*(\d{1,4}\s*)?("
    + "|".join(sorted([*_UNIT_OF, *_WHOLE_WORDS], key=len, reverse=True))
    + r")\.?\s*$"
)


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not _SLUG.match(value):
        raise PydanticCustomError("slug", "not a valid id", {"value": value})
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), BeforeValidator(_slug)]
"""An identifier: lowercase Latin letters and digits, joined by single hyphens."""


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("iso_date", "not a date", {"value": value})
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("impossible_date", "no such date", {"value": value}) from None


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A calendar date written ``YYYY-MM-DD``; impossible dates are rejected, numbers are not dates."""


def _one_or_many(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


OneOrMany = Annotated[
    tuple[Slug, ...], BeforeValidator(_one_or_many, json_schema_input_type=list[Slug] | Slug)
]
"""A list of ids, kept as a tuple; a single id written without brackets is a list of one."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A period such as "6 months" or «90 дней»: a count of days, weeks, months or years.

    Dates stay within the calendar. A written interval may be at most 100 years
    (:data:`MAX_INTERVAL_YEARS`); a longer one is a validation error (``interval_too_long``) at
    its place in the front matter or ``handbook.yml``. A date that an interval would carry past
    the end of the calendar (9999-12-31) is no date at all: :meth:`after` returns None, which
    callers read as "never" — a review due after the end of the calendar is never due, a
    warning horizon past it covers every later date, a lag past it is never exceeded.
    """

    count: int
    unit: str

    def __reduce__(self) -> tuple[type[Interval], tuple[int, str]]:
        # Built again by the constructor: faster to unpickle than a dataclass's own state.
        return Interval, (self.count, self.unit)

    @classmethod
    def parse(cls, text: str) -> Interval:
        """Read "6 months", "90 days", «1 год»; raise ValueError on anything else."""
        match = _INTERVAL.match(text.lower())
        if not match:
            raise ValueError(text)
        count, word = int(match.group(1) or 1), match.group(2)
        if word in _WHOLE_WORDS and not match.group(1):
            return cls(*_WHOLE_WORDS[word])
        if word not in _UNIT_OF or count == 0:
            raise ValueError(text)
        return cls(count, _UNIT_OF[word])

    @property
    def too_long(self) -> bool:
        """Whether the interval is longer than :data:`MAX_INTERVAL_YEARS`."""
        return self.count > _MAX_COUNT[self.unit]

    def after(self, start: date) -> date | None:
        """The date one interval after ``start``; None when that is past the end of the calendar.

        Month ends clamp: Jan 31 + 1 month = Feb 28.
        """
        if self.unit in ("days", "weeks"):
            ordinal = start.toordinal() + self.count * (7 if self.unit == "weeks" else 1)
            return date.fromordinal(ordinal) if ordinal <= date.max.toordinal() else None
        months = self.count * (12 if self.unit == "years" else 1)
        year, month = divmod(start.month - 1 + months, 12)
        year += start.year
        if year > date.max.year:
            return None
        day = min(start.day, calendar.monthrange(year, month + 1)[1])
        return date(year, month + 1, day)

    def __str__(self) -> str:
        unit = self.unit if self.count != 1 else self.unit.removesuffix("s")
        return f"{self.count} {unit}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> Interval:
            if isinstance(value, Interval):
                return value
            if isinstance(value, str):
                try:
                    interval = cls.parse(value)
                except ValueError:
                    pass
                else:
                    if interval.too_long:
                        raise PydanticCustomError(
                            "interval_too_long", "longer than 100 years", {"value": value}
                        )
                    return interval
            raise PydanticCustomError("interval", "not an interval", {"value": value})

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.to_string_ser_schema()
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": INTERVAL_PATTERN,
            "examples": ["6 months", "90 days", "1 year", "6 месяцев", "1 год"],
        }

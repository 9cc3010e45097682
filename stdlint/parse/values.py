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
    return [value] if isinstance(value, str) else value


OneOrMany = Annotated[
    list[Slug], BeforeValidator(_one_or_many, json_schema_input_type=list[Slug] | Slug)
]
"""A list of ids; a single id written without brackets is taken as a list of one."""


@dataclass(frozen=True, slots=True)
class Interval:
    """A period such as "6 months" or «90 дней»: a count of days, weeks, months or years."""

    count: int
    unit: str

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

    def after(self, start: date) -> date:
        """The date one interval after ``start`` (month ends clamp: Jan 31 + 1 month = Feb 28)."""
        if self.unit == "days":
            return date.fromordinal(start.toordinal() + self.count)
        if self.unit == "weeks":
            return date.fromordinal(start.toordinal() + 7 * self.count)
        months = self.count * (12 if self.unit == "years" else 1)
        year, month = divmod(start.month - 1 + months, 12)
        year += start.year
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
                    return cls.parse(value)
                except ValueError:
                    pass
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

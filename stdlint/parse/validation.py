"""Turn pydantic validation errors into field problems at YAML positions, in both languages."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from stdlint.diagnostics import Span
from stdlint.i18n import DID_YOU_MEAN, Lang, Text, join_quoted, quote
from stdlint.parse.yamlpositions import Positions
from stdlint.parse.yamlsource import Path

UNKNOWN, MISSING, INVALID = "unknown", "missing", "invalid"


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One thing wrong with one field: what kind, where, and the words to explain it."""

    kind: str  # UNKNOWN, MISSING or INVALID
    path: Path
    span: Span
    error_type: str
    value: object
    expected: tuple[str, ...] = ()
    candidates: tuple[str, ...] = ()

    @property
    def field(self) -> str:
        """The dotted name of the field, as an author would write it: ``metrics[0].zones``."""
        out = ""
        path = self.path
        if path and path[-1] == "[key]":
            path = path[:-2]  # a wrong key of a mapping: name the mapping
        for part in path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return _visible(out)

    @property
    def key(self) -> str:
        """The last key of the path."""
        names = [part for part in self.path if isinstance(part, str)]
        return names[-1] if names else ""

    def message(self, lang: Lang) -> str:
        """The problem in words."""
        field = quote(lang, self.field)
        if self.kind == UNKNOWN:
            return _UNKNOWN.render(lang, field=field)
        if self.kind == MISSING:
            return _MISSING.render(lang, field=field)
        text = _INVALID.get(self.error_type, _INVALID_OTHER)
        if self.error_type == "duplicate":
            field = quote(lang, self.path[0])
        return text.render(
            lang,
            field=field,
            value=quote(lang, _short(self.value)),
            expected=join_quoted(lang, self.expected),
        )

    def suggestion(self, lang: Lang) -> str:
        """A concrete next step."""
        if self.kind == UNKNOWN:
            if self.candidates:
                return DID_YOU_MEAN.render(lang, candidate=quote(lang, self.candidates[0]))
            return _ALLOWED.render(lang, allowed=", ".join(self.expected))
        if self.kind == MISSING:
            return _ADD_FIELD.render(lang, key=self.key)
        return _FIX_VALUE.get(self.error_type, _FIX_OTHER).render(
            lang, key=self.key, expected=", ".join(self.expected)
        )


def _short(value: object) -> str:
    """A value as a message quotes it: one line, at most 40 characters."""
    text = _visible(str(value))
    return text if len(text) <= 40 else text[:39] + "…"


def _visible(text: str) -> str:
    """``text`` on one line: line breaks, tabs and other invisible characters as escapes."""
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


_UNKNOWN = Text(en="unknown field {field}", ru="неизвестное поле {field}")
_MISSING = Text(en="required field {field} is missing", ru="нет обязательного поля {field}")
_ALLOWED = Text(
    en="remove it, or use one of the fields: {allowed}",
    ru="удалите его или используйте одно из полей: {allowed}",
)
_ADD_FIELD = Text(en="add a line “{key}: …” to the front matter", ru="добавьте строку «{key}: …»")
_INVALID_OTHER = Text(
    en="field {field} has an invalid value {value}",
    ru="у поля {field} недопустимое значение {value}",
)
_FIX_OTHER = Text(
    en="check the value of “{key}” against the template",
    ru="сверьте значение «{key}» с шаблоном",
)
_INVALID: dict[str, Text] = {
    "empty": Text(en="field {field} is empty", ru="поле {field} пустое"),
    "string_type": Text(en="field {field} must be text", ru="поле {field} должно быть текстом"),
    "float_parsing": Text(
        en="field {field} must be a number, not {value}",
        ru="поле {field} должно быть числом, а не {value}",
    ),
    "list_type": Text(en="field {field} must be a list", ru="поле {field} должно быть списком"),
    "model_type": Text(
        en="field {field} must be a set of “key: value” lines",
        ru="поле {field} должно состоять из строк «ключ: значение»",
    ),
    "enum": Text(
        en="field {field} is {value}; expected one of {expected}",
        ru="в поле {field} указано {value}; допустимо: {expected}",
    ),
    "slug": Text(
        en="{value} in {field} is not a valid id",
        ru="{value} в поле {field} — недопустимый идентификатор",
    ),
    "iso_date": Text(
        en="field {field} is {value}, not a date in the form YYYY-MM-DD",
        ru="в поле {field} указано {value}, а не дата вида ГГГГ-ММ-ДД",
    ),
    "impossible_date": Text(
        en="field {field} is {value}: there is no such date",
        ru="в поле {field} указано {value}: такой даты не существует",
    ),
    "interval": Text(
        en="field {field} is {value}, not a period such as “6 months”",
        ru="в поле {field} указано {value}, а не срок вида «6 месяцев»",
    ),
    "interval_too_long": Text(
        en="field {field} is {value}: a period of more than 100 years",
        ru="в поле {field} указано {value}: срок больше 100 лет",
    ),
    "bool_type": Text(
        en="field {field} must be true or false", ru="поле {field} должно быть true или false"
    ),
    "duplicate": Text(
        en="{value} appears more than once in {field}",
        ru="{value} встречается в {field} несколько раз",
    ),
    "empty_list": Text(en="field {field} lists nothing", ru="поле {field} ничего не перечисляет"),
}
_INVALID["float_type"] = _INVALID["float_parsing"]
_INVALID["int_parsing"] = _INVALID["int_type"] = _INVALID["float_parsing"]
_INVALID["dict_type"] = _INVALID["model_type"]
_INVALID["literal_error"] = _INVALID["enum"]
_INVALID["bool_parsing"] = _INVALID["bool_type"]
_INVALID["model_attributes_type"] = _INVALID["model_type"]
# The lists of a front matter are kept as tuples: to its author, each is a list.
_INVALID["tuple_type"] = _INVALID["list_type"]
_FIX_VALUE: dict[str, Text] = {
    "empty": Text(en="write a value after “{key}:”", ru="впишите значение после «{key}:»"),
    "string_type": Text(
        en="put the value of “{key}” in quotes", ru="возьмите значение «{key}» в кавычки"
    ),
    "float_parsing": Text(
        en="write a plain number, e.g. “{key}: 20”", ru="укажите число, например «{key}: 20»"
    ),
    "list_type": Text(
        en="write it as a list: “{key}: [a, b]”", ru="запишите списком: «{key}: [a, b]»"
    ),
    "model_type": Text(
        en="write “{key}:” on its own line and its fields indented below it",
        ru="напишите «{key}:» отдельной строкой, а его поля — ниже с отступом",
    ),
    "enum": Text(en="use one of: {expected}", ru="используйте одно из значений: {expected}"),
    "slug": Text(
        en="use lowercase Latin letters, digits and hyphens, e.g. “phone-greeting”",
        ru="используйте строчные латинские буквы, цифры и дефисы, например «phone-greeting»",
    ),
    "iso_date": Text(en="write the date as 2026-03-31", ru="запишите дату так: 2026-03-31"),
    "impossible_date": Text(en="check the day and the month", ru="проверьте день и месяц"),
    "interval": Text(
        en="write a number and a unit: “6 months”, “90 days”, “1 year”",
        ru="укажите число и единицу: «6 месяцев», «90 дней», «1 год»",
    ),
    "interval_too_long": Text(
        en="write a period of at most 100 years, e.g. “1 year”",
        ru="укажите срок не больше 100 лет, например «1 год»",
    ),
    "bool_type": Text(en="write true or false", ru="укажите true или false"),
    "duplicate": Text(en="keep one of them", ru="оставьте только одно"),
    "empty_list": Text(
        en="list at least one item, or remove the line “{key}:”",
        ru="перечислите хотя бы один элемент или удалите строку «{key}:»",
    ),
}
_FIX_VALUE["float_type"] = _FIX_VALUE["int_parsing"] = _FIX_VALUE["int_type"] = _FIX_VALUE[
    "float_parsing"
]
_FIX_VALUE["dict_type"] = _FIX_VALUE["model_attributes_type"] = _FIX_VALUE["model_type"]
_FIX_VALUE["literal_error"] = _FIX_VALUE["enum"]
_FIX_VALUE["bool_parsing"] = _FIX_VALUE["bool_type"]
_FIX_VALUE["tuple_type"] = _FIX_VALUE["list_type"]


def field_problems(
    error: ValidationError, model: type[BaseModel], positions: Positions
) -> Iterator[FieldProblem]:
    """Every error of ``error``, placed at the YAML position of its key or value.

    A model validator that finds a problem deep inside the data raises a custom error whose
    context names the place: ``{"path": (...), "value": ...}``.
    """
    seen: set[tuple[str, Path]] = set()
    for item in error.errors(include_url=False):
        path: Path = tuple(item.get("ctx", {}).get("path", ())) or tuple(item["loc"])
        kind, error_type, expected = _classify(item)
        if (kind, path) in seen:
            continue  # a union reports one failure per member; one message is enough
        seen.add((kind, path))
        if kind == UNKNOWN:
            allowed = tuple(_allowed_keys(model, path[:-1]))
            candidates = tuple(difflib.get_close_matches(str(path[-1]), allowed, n=1))
            yield FieldProblem(
                kind, path, positions.key(path), error_type, None, allowed, candidates
            )
        elif kind == MISSING:
            yield FieldProblem(kind, path, positions.key(path[:-1]), error_type, None)
        else:
            value = item.get("ctx", {}).get("value", item.get("input"))
            yield FieldProblem(kind, path, positions.value(path), error_type, value, expected)


def _classify(item: Any) -> tuple[str, str, tuple[str, ...]]:
    error_type: str = item["type"]
    if error_type == "extra_forbidden":
        return UNKNOWN, error_type, ()
    if error_type == "missing":
        return MISSING, error_type, ()
    if "path" in item.get("ctx", {}):
        return INVALID, error_type, ()
    if item.get("input", "") is None:
        return INVALID, "empty", ()
    expected = item.get("ctx", {}).get("expected", "")
    if isinstance(expected, str) and expected:
        names = [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",")]
        return INVALID, error_type, tuple(name for name in names if name)
    return INVALID, error_type, ()


def _allowed_keys(model: type[BaseModel], path: Path) -> list[str]:
    """The field names of the model found at ``path`` below ``model``."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``list[M]``, ``M | None``, ``dict[str, M]`` and the like."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_in(typing.get_args(annotation)[0])
    if origin in (list, dict, typing.Union, types.UnionType):
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None

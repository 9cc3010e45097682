"""Split a standard into front matter and body, and validate the front matter."""

from __future__ import annotations

from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from stdlint.diagnostics import Span
from stdlint.i18n import Lang, Text
from stdlint.parse.models import StandardMeta
from stdlint.parse.problems import Problem, Worded
from stdlint.parse.validation import INVALID, MISSING, UNKNOWN, field_problems
from stdlint.parse.yamlsource import Positions, YamlProblem, describe, load_mapping

_FENCE = "---"
_CLOSERS = ("---", "...")
_CODE_OF_KIND = {UNKNOWN: "STR003", INVALID: "STR004", MISSING: "STR005"}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the front matter says, where it is, and what is wrong with it."""

    body_first_line: int  # 1-based line of the first body line
    data: Mapping[str, Any] = field(default_factory=dict)  # raw values, even when invalid
    meta: StandardMeta | None = None  # set only when the whole front matter is valid
    positions: Positions | None = None
    problems: tuple[Problem, ...] = ()
    present: bool = False  # the file starts with a "---" line
    closed: bool = False  # ... and a closing "---" line was found, so there is a body

    def position(self, path: tuple[str | int, ...], *, value: bool = False) -> Span:
        """Where a key (or its value) of the front matter is written; line 1 if unknown."""
        if self.positions is None:
            return Span.point(1)
        return self.positions.value(path) if value else self.positions.key(path)


@dataclass(frozen=True, slots=True)
class _YamlExplained:
    problem: YamlProblem

    def message(self, lang: Lang) -> str:
        return describe(self.problem, lang)[0]

    def suggestion(self, lang: Lang) -> str:
        return describe(self.problem, lang)[1]


def split(lines: list[str]) -> FrontMatter:
    """Find, load and validate the front matter at the top of ``lines``."""
    if not any(line.strip() for line in lines):
        return FrontMatter(1, problems=(Problem("STR001", Span.point(1), Worded(*_EMPTY)),))
    if lines[0].rstrip() != _FENCE:
        return FrontMatter(1, problems=(Problem("STR001", Span.point(1), Worded(*_MISSING)),))
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSERS), None)
    if close is None:
        span = Span(1, 1, 1, 4)
        return FrontMatter(
            len(lines) + 1, present=True, problems=(Problem("STR002", span, Worded(*_UNCLOSED)),)
        )
    body_first_line = close + 2
    text = "\n".join(lines[1:close])
    try:
        data = load_mapping(text, first_line=2)
    except YamlProblem as problem:
        return FrontMatter(
            body_first_line,
            present=True,
            closed=True,
            problems=(Problem("STR002", problem.span, _YamlExplained(problem)),),
        )
    positions = Positions(text, first_line=2)
    meta, problems = _validate(data, positions)
    return FrontMatter(body_first_line, data, meta, positions, problems, present=True, closed=True)


def _validate(
    data: dict[str, Any], positions: Positions
) -> tuple[StandardMeta | None, tuple[Problem, ...]]:
    """The validated front matter (None if it is invalid) and the problems found."""
    try:
        return StandardMeta.model_validate(data), ()
    except ValidationError as error:
        found = list(field_problems(error, StandardMeta, positions))
    problems = tuple(
        Problem(_CODE_OF_KIND[item.kind], item.span, item, quote=item.field) for item in found
    )
    if all(item.kind == UNKNOWN for item in found):
        # Unknown keys alone (perhaps suppressed) must not hide the rest of the checks.
        return StandardMeta.model_validate(_without(data, [item.path for item in found])), problems
    return None, problems


def _without(data: dict[str, Any], paths: list[tuple[str | int, ...]]) -> dict[str, Any]:
    """A deep copy of ``data`` with the keys at ``paths`` removed."""
    copy: Any = deepcopy(data)
    for path in paths:
        node = copy
        for part in path[:-1]:
            node = node[part]
        node.pop(path[-1], None)
    return dict(copy)


_EMPTY = (
    Text(en="the file is empty", ru="файл пустой"),
    Text(
        en="start from the template in the README, or copy a standard from the handbook",
        ru="начните с шаблона из README или скопируйте готовый стандарт из справочника",
    ),
)
_MISSING = (
    Text(
        en="the file has no front matter: it must start with a line “---”",
        ru="у файла нет шапки (front matter): первая строка должна быть «---»",
    ),
    Text(
        en="add at the top: “---”, then id, title, lang and status lines, then “---”",
        ru="добавьте в начало: «---», строки id, title, lang и status, затем «---»",
    ),
)
_UNCLOSED = (
    Text(
        en="the front matter opened on line 1 is never closed",
        ru="шапка (front matter), открытая в строке 1, не закрыта",
    ),
    Text(
        en="add a line “---” after the last field",
        ru="добавьте строку «---» после последнего поля",
    ),
)

"""Split a standard into front matter and body, and validate the front matter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from stdlint.diagnostics import Span
from stdlint.i18n import Lang, Text
from stdlint.parse.models import StandardMeta
from stdlint.parse.problems import Problem, Worded
from stdlint.parse.repair import StandIns, repair
from stdlint.parse.validation import INVALID, MISSING, UNKNOWN, field_problems
from stdlint.parse.yamlmessages import describe
from stdlint.parse.yamlpositions import Positions
from stdlint.parse.yamlsource import YamlProblem, load_mapping

_FENCE = "---"
_CLOSERS = ("---", "...")
_CODE_OF_KIND = {UNKNOWN: "STR003", INVALID: "STR004", MISSING: "STR005"}


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """What the front matter says, where it is, and what is wrong with it."""

    body_first_line: int  # 1-based line of the first body line
    data: Mapping[str, Any] = field(default_factory=dict)  # raw values, even when invalid
    # What the rules judge: the front matter as written when it is valid, else a best-effort
    # repair of it (see repair.py); None when it is missing, unreadable or beyond repair.
    meta: StandardMeta | None = None
    positions: Positions | None = None  # set when the YAML loaded
    problems: tuple[Problem, ...] = ()
    present: bool = False  # the file starts with a "---" line
    closed: bool = False  # ... and a closing "---" line was found, so there is a body
    valid: bool = False  # the front matter validated as written: ``meta`` is not a repair

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


def _closing(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter opened by ``lines[0]``, if any."""
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSERS), None)


def front_matter_text(lines: list[str]) -> str | None:
    """The YAML text of the front matter at the top of ``lines`` (from line 2), as :func:`split`
    reads it; None when there is none, or it is not closed."""
    if not lines or lines[0].rstrip() != _FENCE:
        return None
    close = _closing(lines)
    return None if close is None else "\n".join(lines[1:close])


def _kept(problem: YamlProblem) -> YamlProblem:
    """The same problem, never raised: without the traceback (and the error it was raised from)
    that would keep the frames of the load, and this one, alive in a cycle."""
    return YamlProblem(problem.kind, problem.span, problem.detail)


def split(lines: list[str]) -> FrontMatter:
    """Find, load and validate the front matter at the top of ``lines``."""
    if not any(line.strip() for line in lines):
        return FrontMatter(1, problems=(Problem("STR001", Span.point(1), Worded(*_EMPTY)),))
    if lines[0].rstrip() != _FENCE:
        return FrontMatter(1, problems=(Problem("STR001", Span.point(1), Worded(*_MISSING)),))
    close = _closing(lines)
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
            problems=(Problem("STR002", problem.span, _YamlExplained(_kept(problem))),),
        )
    positions = Positions(text, first_line=2)
    try:
        meta = StandardMeta.model_validate(data)
    except ValidationError as error:
        problems = tuple(
            Problem(_CODE_OF_KIND[item.kind], item.span, item, quote=item.field)
            for item in field_problems(error, StandardMeta, positions)
        )
        return FrontMatter(body_first_line, data, None, positions, problems, True, True)
    return FrontMatter(body_first_line, data, meta, positions, (), True, True, valid=True)


def repaired(matter: FrontMatter, stand_ins: StandIns) -> FrontMatter:
    """``matter`` with a best-effort ``meta`` if its YAML loaded but did not validate.

    The problems stay as found: this only lets the other rules judge what can still be judged.
    """
    if matter.valid or matter.positions is None:
        return matter
    return replace(matter, meta=repair(dict(matter.data), stand_ins))


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

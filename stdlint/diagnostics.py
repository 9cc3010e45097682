"""The one record every rule produces and every formatter reads."""

from __future__ import annotations

import operator
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import chain, islice
from typing import Any

from stdlint.i18n import Lang


class Severity(StrEnum):
    """How serious a finding is; ``--fail-on`` compares against this order."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]

    def word(self, lang: Lang) -> str:
        """The severity as a reader of ``lang`` calls it."""
        return _SEVERITY_RU[self] if lang is Lang.RU else self.value


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
_SEVERITY_RU = {
    Severity.ERROR: "ошибка",
    Severity.WARNING: "предупреждение",
    Severity.INFO: "подсказка",
}


class Criterion(StrEnum):
    """The criteria of a usable standard; one rule family each."""

    STRUCTURE = "structure"
    CONCRETENESS = "concreteness"
    MEASURABILITY = "measurability"
    RELEVANCE = "relevance"
    TRANSPARENCY = "transparency"
    CURRENCY = "currency"
    COMPLETENESS = "completeness"
    CONSISTENCY = "consistency"
    FREEDOM = "freedom"
    ECONOMY = "economy"

    def word(self, lang: Lang) -> str:
        """The criterion as a reader of ``lang`` calls it."""
        return _CRITERION_RU[self] if lang is Lang.RU else self.value


_CRITERION_RU = {
    Criterion.STRUCTURE: "структура",
    Criterion.CONCRETENESS: "конкретность",
    Criterion.MEASURABILITY: "измеримость",
    Criterion.RELEVANCE: "релевантность",
    Criterion.TRANSPARENCY: "прозрачность",
    Criterion.CURRENCY: "актуальность",
    Criterion.COMPLETENESS: "полнота",
    Criterion.CONSISTENCY: "согласованность",
    Criterion.FREEDOM: "свобода отступления",
    Criterion.ECONOMY: "экономическая обоснованность",
}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A 1-based, inclusive-start, exclusive-end range of characters in the original file."""

    line: int
    column: int
    end_line: int
    end_column: int

    def __reduce__(self) -> tuple[type[Span], tuple[int, int, int, int]]:
        # Built again by the constructor: a third faster to unpickle than the dataclass's own
        # state, and Spans are among the most numerous objects a cache holds.
        return Span, (self.line, self.column, self.end_line, self.end_column)

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        """A zero-width span at one position."""
        return cls(line, column, line, column)

    @classmethod
    def of_text(cls, line: int, column: int, text: str) -> Span:
        """The span covering ``text`` that starts at ``line:column`` (text may hold newlines)."""
        parts = text.split("\n")
        if len(parts) == 1:
            return cls(line, column, line, column + len(text))
        return cls(line, column, line + len(parts) - 1, len(parts[-1]) + 1)


_intern, _set = sys.intern, object.__setattr__


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding at one place in one file."""

    path: str
    span: Span
    code: str
    criterion: Criterion
    severity: Severity
    message: str
    suggestion: str
    # The words the finding is about: part of a future baseline fingerprint, not of the output.
    quote: str = ""

    def __post_init__(self) -> None:
        # A check keeps every finding to the end, and most of their words are written alike
        # (a suggestion, a rule's message about the same words): each is kept once. Interned
        # strings are freed with their last finding. (Written out: tens of thousands of
        # findings are read back from the cache in one check.)
        try:
            message, suggestion = _intern(self.message), _intern(self.suggestion)
            quote = _intern(self.quote)
        except TypeError:  # a subclass of str, from a plugin: kept as it is
            return
        _set(self, "message", message)
        _set(self, "suggestion", suggestion)
        _set(self, "quote", quote)

    def __reduce__(self) -> tuple[Callable[..., Diagnostic], tuple[object, ...]]:
        span = self.span
        if type(span) is not Span:  # a plugin's own kind of span keeps its own pickling
            fields = (self.path, span, self.code, self.criterion, self.severity)
            return _restored, (*fields, self.message, self.suggestion, self.quote)
        where = (self.path, span.line, span.column, span.end_line, span.end_column)
        kind = (self.code, self.criterion, self.severity)
        return _restored_flat, (*where, *kind, self.message, self.suggestion, self.quote)

    @property
    def line(self) -> int:
        """1-based line where the finding starts."""
        return self.span.line

    @property
    def column(self) -> int:
        """1-based column where the finding starts."""
        return self.span.column

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Files in path order, then by position, then by code."""
        return (self.path, self.span.line, self.span.column, self.code, self.message)


def _restored(
    path: str,
    span: Span,
    code: str,
    criterion: Criterion,
    severity: Severity,
    message: str,
    suggestion: str,
    quote: str,
) -> Diagnostic:
    """A diagnostic unpickled: its words interned as the constructor interns them, in half the
    constructor's time (a warm check reads tens of thousands back from the cache)."""
    diagnostic = _new(Diagnostic)
    _path(diagnostic, path)
    _span(diagnostic, span)
    _code(diagnostic, code)
    _criterion(diagnostic, criterion)
    _severity(diagnostic, severity)
    _message(diagnostic, _intern(message) if type(message) is str else message)
    _suggestion(diagnostic, _intern(suggestion) if type(suggestion) is str else suggestion)
    _quote(diagnostic, _intern(quote) if type(quote) is str else quote)
    return diagnostic


def _restored_flat(
    path: str, line: int, column: int, end_line: int, end_column: int, *rest: Any
) -> Diagnostic:
    """:func:`_restored`, its span given as its four numbers (``rest``: the code, criterion,
    severity, message, suggestion and quote): one call makes both objects (a warm check reads
    tens of thousands of findings back from the cache)."""
    span = _new(Span)
    _line(span, line)
    _column(span, column)
    _end_line(span, end_line)
    _end_column(span, end_column)
    return _restored(path, span, *rest)


_new = object.__new__
_line, _column, _end_line, _end_column = (
    getattr(Span, name).__set__ for name in ("line", "column", "end_line", "end_column")
)
# Each field's slot set directly (what object.__setattr__ looks up by name on every call).
_path, _span, _code, _criterion, _severity, _message, _suggestion, _quote = (
    getattr(Diagnostic, name).__set__
    for name in ("path", "span", "code", "criterion", "severity", "message", "suggestion", "quote")
)
# They build a Diagnostic and nothing else: the cache's unpickler, which builds no function's
# result otherwise, may call them (stdlint.engine.cache.RECONSTRUCTOR).
_restored.stdlint_reconstructor = True  # type: ignore[attr-defined]
_restored_flat.stdlint_reconstructor = True  # type: ignore[attr-defined]


def in_order(
    paths: Sequence[str], groups: Sequence[Sequence[Diagnostic]], loose: Sequence[Diagnostic] = ()
) -> tuple[Diagnostic, ...]:
    """The diagnostics of ``groups`` (each file's, in order, under its path in ``paths``) and the
    ``loose`` ones, in the order of :meth:`Diagnostic.sort_key`: the order one sort of them all,
    in that order, gives, ties included. When every diagnostic of a group has its path and none
    is loose, the groups are only put in the order of their paths (most often they are in it
    already): a large handbook's hundreds of thousands of findings never have their sort keys
    made at once (tens of megabytes), and a warm check makes none for the files the cache
    answers. Two lists rather than a pair for each file: a check has one for each. A tuple,
    made from the groups without a list first (at 50,000 standards a list of them all is
    1.4 MB more at the end of the check)."""
    together = zip(paths, groups, strict=True)
    if not loose and all(d.path == path for path, group in together for d in group):
        if all(map(operator.le, paths, islice(paths, 1, None))):
            return tuple(chain.from_iterable(groups))
        places = sorted(range(len(paths)), key=paths.__getitem__)
        return tuple(chain.from_iterable(groups[place] for place in places))
    everything = [d for group in groups for d in group]
    everything += loose
    everything.sort(key=Diagnostic.sort_key)
    return tuple(everything)

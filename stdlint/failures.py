"""Containing bugs: an exception in one file's reading or one rule becomes a finding, not a crash.

A user's mistake is a diagnostic; a bug in stdlint keeps its traceback — but one bug must never
lose the findings of every other file. :class:`Guard` runs each step, and turns an unexpected
exception into a :class:`~stdlint.result.Failure` and an STR000 diagnostic on the file, worded
for its reader; ``stdlint check --debug`` prints the tracebacks.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import TypeVar

from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.i18n import Lang, Text
from stdlint.result import INTERNAL_ERROR, Failure

T = TypeVar("T")

_IN_RULE = Text(
    en="internal error in {stage} ({error}): this file was not fully checked",
    ru="внутренняя ошибка в {stage} ({error}): файл проверен не полностью",
)
_IN_READING = Text(
    en="internal error while reading the file ({error}): it was not checked",
    ru="внутренняя ошибка при чтении файла ({error}): файл не проверен",
)
_REPORT = Text(
    en="this is a bug in stdlint: please report it with the output of “stdlint check --debug”",
    ru="это ошибка stdlint: сообщите о ней, приложив вывод «stdlint check --debug»",
)
READ = "read"


class Guard:
    """Runs steps of a check and keeps, instead of raising, what went wrong in them."""

    def __init__(self) -> None:
        self.failures: list[Failure] = []
        self._langs: dict[str, Lang] = {}

    def run(self, path: str, stage: str, lang: Lang, step: Callable[[], T], fallback: T) -> T:
        """``step()``, or ``fallback`` when it raises (the failure is kept against ``path``)."""
        try:
            return step()
        except Exception as error:
            self.failures.append(Failure(path, stage, type(error).__name__, traceback.format_exc()))
            self._langs[path] = lang
            return fallback

    def absorb(self, other: Guard) -> None:
        """Keep what went wrong under ``other`` too (a step run apart, in a worker process)."""
        self.failures.extend(other.failures)
        self._langs.update(other._langs)

    def diagnostics(self) -> list[Diagnostic]:
        """One STR000 finding per failure, in the language of its file."""
        return [self._diagnostic(failure) for failure in self.failures]

    def _diagnostic(self, failure: Failure) -> Diagnostic:
        lang = self._langs.get(failure.path, Lang.EN)
        message = _IN_READING if failure.stage == READ else _IN_RULE
        return Diagnostic(
            path=failure.path,
            span=Span.point(1),
            code=INTERNAL_ERROR,
            criterion=Criterion.STRUCTURE,
            severity=Severity.ERROR,
            message=message.render(lang, stage=failure.stage, error=failure.error),
            suggestion=_REPORT.render(lang),
            quote=f"{failure.stage}:{failure.error}",
        )

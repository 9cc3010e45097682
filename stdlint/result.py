"""The outcome of a check: the one contract every consumer reads.

Formatters, reports, the MkDocs plugin and the scorecard take a :class:`Result` and the handbook
facts (:mod:`stdlint.handbook`): they never re-parse a file, and never import a private name.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from stdlint.config import Profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.i18n import Lang
from stdlint.parse.document import Document
from stdlint.parse.facts import Facts
from stdlint.rules import Rule, find_rule
from stdlint.rules.docs import SUMMARY, rule_documentation


class FileState(StrEnum):
    """What became of a file the run came across."""

    CHECKED = "checked"
    UNREADABLE = "unreadable"  # reported (STR009, STR010), not parsed
    SKIPPED = "skipped"  # found in a folder, but outside the handbook's ``standards``


@dataclass(frozen=True, slots=True, init=False)
class FileRecord:
    """One file and its state; ``path`` as diagnostics name it, ``absolute`` for tools.

    The absolute path is kept as a string (``where``): a check keeps a record for every file
    of the handbook, and a Path takes more than twice the memory of its string."""

    path: str
    where: str  # the absolute path
    state: FileState

    def __init__(self, path: str, where: str | os.PathLike[str], state: FileState) -> None:
        # The absolute path as a Path or a string, kept as a string; named as the field, so
        # that dataclasses.replace works.
        _set(self, "path", path)
        _set(self, "where", where if type(where) is str else os.fspath(where))
        _set(self, "state", state)

    @property
    def absolute(self) -> Path:
        """The absolute path, as a Path (a new one each time)."""
        return Path(self.where)


_set = object.__setattr__


INTERNAL_ERROR = "STR000"  # not a rule: a bug in stdlint (or a plugin), never suppressed


@dataclass(frozen=True, slots=True)
class Failure:
    """An unexpected exception while reading or checking one file: a bug, contained."""

    path: str  # the file the failure is reported on
    stage: str  # "read" for reading and parsing, else the code of the rule that failed
    error: str  # the exception's type
    traceback: str  # for ``--debug`` and bug reports


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule that ran: identity, criterion, the severity it reported at, its documentation."""

    code: str
    name: str
    criterion: Criterion
    severity: Severity
    # Per language, the sections by id: summary, what_it_does, why_it_matters, example, …
    documentation: Mapping[Lang, Mapping[str, str]]

    @classmethod
    def of(cls, rule: type[Rule], severity: Severity) -> RuleInfo:
        """The information of ``rule`` running at ``severity`` (built once per process)."""
        key = (rule.code, severity)
        if key not in _RULE_INFOS:
            docs = _Documentation(rule)
            _RULE_INFOS[key] = cls(rule.code, rule.name, rule.criterion, severity, docs)
        return _RULE_INFOS[key]

    def __reduce__(self) -> tuple[object, tuple[str, Severity]]:
        # The documentation is read-only and shared: a copy in another process rebuilds it.
        return _rule_info_by_code, (self.code, self.severity)

    def summary(self, lang: Lang) -> str:
        """The rule's one-line summary in ``lang``."""
        return self.documentation[lang].get(SUMMARY, "").split("\n")[0]


class _Documentation(Mapping[Lang, Mapping[str, str]]):
    """A rule's sections per language, read on first use.

    Most runs print text, which needs no documentation: the docstrings are parsed and
    ``docs.ru.yml`` read only when a format (SARIF, JSON) asks for them.
    """

    def __init__(self, rule: type[Rule]) -> None:
        self._rule = rule
        self._sections: dict[Lang, Mapping[str, str]] = {}

    def __getitem__(self, lang: Lang) -> Mapping[str, str]:
        if lang not in self._sections:
            if lang not in set(Lang):
                raise KeyError(lang)
            self._sections[lang] = MappingProxyType(rule_documentation(self._rule, Lang(lang)))
        return self._sections[lang]

    def __iter__(self) -> Iterator[Lang]:
        return iter(Lang)

    def __len__(self) -> int:
        return len(Lang)

    def __repr__(self) -> str:
        return f"<documentation of {self._rule.code}>"


def _rule_info_by_code(code: str, severity: Severity) -> RuleInfo:
    rule = find_rule(code)
    if rule is None:
        raise LookupError(f"no rule {code} is installed in this process")
    return RuleInfo.of(rule, severity)


# Built once per process: the documentation is read-only and shared by every Result.
_RULE_INFOS: dict[tuple[str, Severity], RuleInfo] = {}


@dataclass(frozen=True)
class Result:
    """Every diagnostic, sorted, and everything the run looked at."""

    diagnostics: tuple[Diagnostic, ...]
    files: tuple[FileRecord, ...]
    # Every standard of the handbook (the checked ones included); none when the caller of
    # check() asked for the findings alone (facts=False).
    handbook: tuple[Facts, ...]
    rules: tuple[RuleInfo, ...]  # the rules that ran, by code
    profile: Profile
    today: date
    suppressed: int = 0
    failures: tuple[Failure, ...] = ()  # each is also an STR000 diagnostic on its file
    # The parsed documents, when the call keeps them: check_text (its one document) and
    # read_handbook (for the published pages). check() keeps none: memory would grow with the
    # text of the handbook.
    documents: tuple[Document, ...] = ()

    @property
    def root(self) -> Path:
        """The handbook's folder; diagnostic paths are relative to it."""
        return self.profile.root

    @property
    def checked_files(self) -> int:
        """How many files were checked (read or not), skipped ones aside."""
        return sum(1 for record in self.files if record.state is not FileState.SKIPPED)

    @property
    def skipped_files(self) -> int:
        """How many files were found but are not standards of the handbook."""
        return sum(1 for record in self.files if record.state is FileState.SKIPPED)

    def absolute(self, diagnostic: Diagnostic) -> Path:
        """The absolute path of the file a diagnostic is about."""
        # The record, not the shown name: a name that is not UTF-8 is shown escaped.
        record = next((file for file in self.files if file.path == diagnostic.path), None)
        return record.absolute if record else (self.root / diagnostic.path).absolute()

    def standard(self, path: str) -> Facts | None:
        """The facts of the standard of the handbook whose diagnostic path is ``path``."""
        return next((facts for facts in self.handbook if facts.display_path == path), None)

    def document(self, path: str) -> Document | None:
        """The parsed document whose diagnostic path is ``path``, if the call kept it."""
        return next((doc for doc in self.documents if doc.display_path == path), None)

    def rule(self, code: str) -> RuleInfo | None:
        """The rule with ``code``, if it ran."""
        return next((rule for rule in self.rules if rule.code == code), None)

    def count(self, severity: Severity) -> int:
        """How many diagnostics have ``severity``."""
        return sum(1 for diagnostic in self.diagnostics if diagnostic.severity is severity)

    @property
    def summary(self) -> dict[str, int]:
        """Counts per severity, most severe first."""
        return {severity.value: self.count(severity) for severity in reversed(Severity)}

    def fails(self, fail_on: Severity | None) -> bool:
        """Whether any diagnostic is at or above ``fail_on`` (None: never), or stdlint failed."""
        if self.failures:
            return True  # a run that could not check everything is never clean
        if fail_on is None:
            return False
        return any(diagnostic.severity.rank >= fail_on.rank for diagnostic in self.diagnostics)

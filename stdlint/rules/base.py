"""What a rule is: a code, a name, a criterion, a default severity, documentation and a check."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar, Protocol

from pydantic import BaseModel, ConfigDict

from stdlint.config import Profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.i18n import Lang, Text
from stdlint.parse.document import Document
from stdlint.parse.facts import Facts
from stdlint.parse.suppressions import Suppression
from stdlint.text.analysis import LanguageEngine

CODE_PATTERN = re.compile(r"^(STR|CON|MEA|REL|TRN|CUR|CMP|CNS|FRD|ECO)\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")
DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Options")


class Located(Protocol):
    """What a finding is placed in: a parsed :class:`Document`, or a standard's :class:`Facts`."""

    @property
    def display_path(self) -> str:
        """The file's path as diagnostics name it."""
        ...

    @property
    def lang(self) -> Lang:
        """The language to word the finding in."""
        ...


@dataclass(frozen=True, slots=True)
class Context:
    """What every rule may consult besides the document: profile, date, language engine."""

    profile: Profile
    today: date
    language: LanguageEngine = field(default_factory=LanguageEngine)

    @classmethod
    def for_profile(cls, profile: Profile, today: date) -> Context:
        """A context whose language engine knows the company's own lexicon."""
        additions = {
            lang: (tuple(words.vague), tuple(words.allowed))
            for lang, words in profile.lexicon.items()
        }
        # A channel names itself by its id, its titles and its words, in every language.
        channels = tuple(
            (
                channel.id,
                (
                    *channel.title.values(),
                    *(word for words in channel.words.values() for word in words),
                ),
            )
            for channel in profile.channels
        )
        return cls(profile, today, LanguageEngine(additions, channels))


class NoOptions(BaseModel):
    """The options of a rule that has none: any key given is an error."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Rule:
    """Base of all rules. Subclass :class:`DocumentRule` or :class:`HandbookRule`.

    A rule a company may tune declares an ``Options`` model (pydantic, unknown keys forbidden);
    ``handbook.yml`` sets them as ``rules: {CODE: {severity: warning, option: value}}``, and they
    are validated with positions when the settings are resolved.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    criterion: ClassVar[Criterion]
    default_severity: ClassVar[Severity]
    Options: ClassVar[type[BaseModel]] = NoOptions
    # Whether what the rule finds while a file is judged (DocumentRule.check, HandbookRule.
    # gather) depends on the date of the check, ``ctx.today``: the cache then keeps a file's
    # outcome for that day only. None: stdlint's own rules do not (a test holds it; the dated
    # ones are FactsRules), a plugin's rule is taken to unless it says False.
    reads_today: ClassVar[bool | None] = None

    def __init__(self, options: BaseModel | None = None) -> None:
        self.options = options if options is not None else self.Options()

    def diagnostic(
        self, doc: Located, span: Span, message: str, suggestion: str, quote: str = ""
    ) -> Diagnostic:
        """A finding of this rule in ``doc``, at its default severity (the engine overrides it)."""
        return Diagnostic(
            path=doc.display_path,
            span=span,
            code=self.code,
            criterion=self.criterion,
            severity=self.default_severity,
            message=message,
            suggestion=suggestion,
            quote=quote,
        )

    def report(
        self,
        doc: Located,
        span: Span,
        message: Text,
        suggestion: Text,
        quote: str = "",
        **fields: object,
    ) -> Diagnostic:
        """A finding worded in the document's language."""
        return self.diagnostic(
            doc,
            span,
            message.render(doc.lang, **fields),
            suggestion.render(doc.lang, **fields),
            quote,
        )

    def in_profile(
        self,
        ctx: Context,
        where: tuple[str | int, ...],
        message: Text,
        suggestion: Text,
        quote: str = "",
        **fields: object,
    ) -> Diagnostic:
        """A finding about the handbook as a whole, placed at ``where`` in ``handbook.yml``."""
        profile = ctx.profile
        lang = profile.default_lang
        return Diagnostic(
            path=profile.display_path,
            span=profile.position(where),
            code=self.code,
            criterion=self.criterion,
            severity=self.default_severity,
            message=message.render(lang, **fields),
            suggestion=suggestion.render(lang, **fields),
            quote=quote,
        )

    @classmethod
    def documentation(cls) -> dict[str, str]:
        """The docstring's sections, by heading (``What it does`` …); the summary under ``""``."""
        return parse_doc(cls.__doc__ or "")


class DocumentRule(Rule):
    """A rule that looks at one document at a time."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """Findings in ``doc``."""
        raise NotImplementedError

    def rest(self) -> None:
        """Once the documents of a check are judged: let go of what was kept to judge the next
        one faster, so that the handbook-wide step and the output have its memory."""


class HandbookRule(Rule):
    """A rule that looks at all the standards of the handbook together.

    It sees their :class:`Facts`, not their text: each document is judged and dropped before
    the next is read. A rule that needs something from the body takes it in :meth:`gather`.
    """

    def gather(self, doc: Document, ctx: Context) -> object:
        """What this rule needs from ``doc`` beyond its facts (small, picklable); None: nothing."""
        return None

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """Findings across ``standards``."""
        raise NotImplementedError


class FactsRule(HandbookRule):
    """A rule that judges each standard alone, from its facts, at every check.

    For findings that depend on more than the file and the settings — the date of the check —
    so that what the cache keeps of a file holds on any day (see :attr:`Rule.reads_today`).
    """

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """The findings of each standard in turn."""
        for standard in standards:
            yield from self.check_standard(standard, ctx)

    def check_standard(self, doc: Facts, ctx: Context) -> Iterator[Diagnostic]:
        """The findings of one standard."""
        raise NotImplementedError


class ProblemRule(DocumentRule):
    """A structure rule that reports what reading and parsing found (see ``problems.py``)."""

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """The problems recorded under this rule's code."""
        for problem in doc.problems:
            if problem.code == self.code:
                yield self.diagnostic(
                    doc,
                    problem.span,
                    problem.explained.message(doc.lang),
                    problem.explained.suggestion(doc.lang),
                    problem.quote,
                )


def parse_doc(docstring: str) -> dict[str, str]:
    """Split a rule docstring into its ``## Heading`` sections."""
    lines = inspect.cleandoc(docstring).split("\n")
    sections: dict[str, list[str]] = {"": []}
    current = ""
    in_fence = False
    for line in lines:
        if line.startswith("```"):
            in_fence = not in_fence
        if line.startswith("## ") and not in_fence:
            current = line[3:].strip()
            sections[current] = []
        else:
            sections[current].append(line)
    return {heading: "\n".join(body).strip() for heading, body in sections.items()}


class SuppressionRule(Rule):
    """A rule about the suppression comments themselves; the engine runs it after applying them."""

    def check_suppressions(
        self,
        doc: Located,
        suppressions: Sequence[Suppression],
        ctx: Context,
        known: frozenset[str],
    ) -> Iterator[Diagnostic]:
        """Findings about ``suppressions`` of ``doc``; ``known`` holds every rule code and name."""
        raise NotImplementedError

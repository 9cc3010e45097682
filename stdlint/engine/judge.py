"""The two steps of a check: judge one document and keep its facts; then judge the handbook.

The first step is a pure function of the file's bytes, the settings and the date: it runs the
same in this process or in a worker, and what it returns (an :class:`Outcome`) is small and
picklable — the document itself is dropped. The second runs the handbook-wide rules once on the
facts of every standard, and applies the suppressions of each file to their findings.
"""

from __future__ import annotations

import logging
import operator
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial

from stdlint.config import Profile
from stdlint.diagnostics import Diagnostic, in_order
from stdlint.engine.apart import default_jobs, run_steps
from stdlint.failures import READ, Guard
from stdlint.parse.document import Document, parse, parse_front_matter
from stdlint.parse.facts import (
    Asked,
    Facts,
    asked_since,
    facts_of,
    keep_asked,
    positions_kept,
    signature,
)
from stdlint.parse.source import Fingerprint, Source, display_path, read
from stdlint.parse.suppressions import Suppression, parse_suppressions
from stdlint.rules import Context, DocumentRule, HandbookRule, SuppressionRule, all_rules
from stdlint.settings import Settings
from stdlint.text import morph
from stdlint.text.tokens import tokenize

log = logging.getLogger("stdlint")

_NONE: tuple[Diagnostic, ...] = ()  # what a rule that failed contributes
SUPPRESSIONS = "suppressions"  # the stage named when applying suppressions fails
# A file's suppressions, the findings they leave, and how many they silenced.
_Suppressed = tuple[tuple[Suppression, ...], tuple[Diagnostic, ...], int]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What is kept of one file once it has been judged."""

    facts: Facts
    findings: tuple[Diagnostic, ...] = ()  # the document rules' findings left after suppressions
    suppressions: tuple[Suppression, ...] = ()  # with the rules they have silenced so far
    silenced: int = 0
    guard: Guard | None = None  # what went wrong while judging it, when judged apart
    fingerprint: Fingerprint | None = None  # of the bytes judged, when read whole
    judged: bool = True  # False: only its facts were taken (a standard outside the files asked)
    # What the handbook-wide rules can see of it (stdlint.parse.facts.signature).
    signature: bytes | None = None

    @property
    def cacheable(self) -> bool:
        """Whether this outcome may be kept for the next run: the file was read whole, and
        nothing failed (a failure is judged again, so that --debug can show it)."""
        return self.fingerprint is not None and self.guard is None

    def __reduce__(self) -> tuple[type[Outcome], tuple[object, ...]]:
        # Built again by the constructor: faster to unpickle than a dataclass's own state.
        fields = (self.facts, self.findings, self.suppressions, self.silenced, self.guard)
        return Outcome, (*fields, self.fingerprint, self.judged, self.signature)


@dataclass(frozen=True, slots=True)
class Concluded:
    """What the handbook step concluded, as a whole and file by file."""

    diagnostics: tuple[Diagnostic, ...]  # every kept diagnostic, sorted
    suppressed: int  # how many findings suppressions silenced
    # The handbook-wide rules' findings about each file, before its suppressions.
    handbook: Mapping[str, tuple[Diagnostic, ...]]
    # Each file's kept diagnostics and how many of its findings were silenced (Judge.finish),
    # for the files whose are not those judged (see file_final).
    files: Mapping[str, tuple[tuple[Diagnostic, ...], int]]

    def file_final(self, outcome: Outcome) -> tuple[tuple[Diagnostic, ...], int]:
        """The kept diagnostics of the file of ``outcome`` and how many of its findings were
        silenced: those judged, unless the handbook step changed them."""
        return self.files.get(outcome.facts.display_path, (outcome.findings, outcome.silenced))


# From this many standards, the handbook-wide rules may be shared with a helper process
# (Judge._handbook_findings): below, forking it costs about what it saves.
APART_FROM = 2000
# Files judged in one check after which the dictionaries, the words analysed and the lexicons
# are let go (Judge.rest): loading them again takes about 0.15 s, about 1 % of judging so many.
RELEASE_FROM = 1000


class Judge:
    """The enabled rules of a run and their context, ready to judge one file after another."""

    def __init__(self, settings: Settings, today: date, *, signatures: bool = True) -> None:
        self.settings, self.today = settings, today
        # Whether each outcome carries its signature and its file's fingerprint: only a check
        # with a cache keeps or compares them.
        self.signatures = signatures
        self.ctx = Context.for_profile(settings.profile, today)
        rules = [setting.instance() for setting in settings.rules]
        self.document_rules = [rule for rule in rules if isinstance(rule, DocumentRule)]
        self.handbook_rules = [rule for rule in rules if isinstance(rule, HandbookRule)]
        self.suppression_rules = [rule for rule in rules if isinstance(rule, SuppressionRule)]
        self.severity_of = {setting.rule.code: setting.severity for setting in settings.rules}
        self.names = {rule.code: (rule.code, rule.name) for rule in all_rules()}
        self.known = frozenset(key for names in self.names.values() for key in names)
        self.disabled = {
            key
            for code, names in self.names.items()
            if code not in self.severity_of
            for key in names
        }

    def rest(self, judged: int, keep_words: Callable[[], object] | None = None) -> None:
        """Once the documents are judged (``judged`` of them now): let go of what judging them
        kept for the next one, the analyses of recent sentences and, after a large handbook,
        the lexicons, the dictionaries and the words analysed with them, so that the
        handbook-wide step and the output take their memory rather than more. A later check
        loads the dictionaries again, a small cost beside judging :data:`RELEASE_FROM` files.
        ``keep_words`` (a cache's :meth:`~stdlint.engine.cache.Cache.save_words`) is called
        before the words go, once the dictionaries have: it then takes the memory they leave."""
        self.ctx.language.forget()
        tokenize.cache_clear()
        for rule in self.document_rules:
            try:
                rule.rest()
            except Exception as error:  # a plugin's: only memory is at stake, never fatal
                log.debug("stdlint: %s could not rest (%r)", rule.code, error)
        large = judged >= RELEASE_FROM
        if large:
            self.ctx.language.release()
            morph.release()
        if keep_words is not None:
            keep_words()
        if large:
            morph.forget()

    # --- one document --------------------------------------------------------------------

    def source(self, source: Source, judged: bool) -> Outcome:
        """Read, parse and (when ``judged``) judge one file; the document is not kept."""
        guard = Guard()
        profile = self.settings.profile
        shown, lang = display_path(source.where, profile.root), profile.default_lang
        read_source = guard.run(shown, READ, lang, partial(read, source), None)
        where = source.where
        if read_source is None:
            doc = Document(source.path, shown, None, lang)
            return self.document(doc, judged, guard, where=where)
        # Read whole, and named so that it is found again from any folder (facts can come from
        # the cache to a check run elsewhere): its front matter can be read again for positions.
        on_disk = read_source.fingerprint is not None and os.path.isabs(read_source.where)
        doc = read_document(read_source, profile, guard)
        outcome = self.document(doc, judged, guard, on_disk=on_disk, where=where)
        if not self.signatures:
            return outcome
        return replace(outcome, fingerprint=read_source.fingerprint)

    def document(
        self,
        doc: Document,
        judged: bool,
        guard: Guard,
        *,
        on_disk: bool = False,
        where: str | None = None,
    ) -> Outcome:
        """The outcome of ``doc``: its facts, and its findings when ``judged``. ``on_disk`` and
        ``where``: see :func:`facts_of`.

        A file that is not judged (a standard outside the files asked for) only gives its facts
        to the handbook-wide rules. Each rule runs under ``guard``: a rule that raises on one
        file loses only its own findings there, and the failure becomes an STR000 finding.
        """
        path, lang, ctx = doc.display_path, doc.lang, self.ctx
        gathered: dict[str, object] = {}
        for gatherer in self.handbook_rules:
            value = guard.run(path, gatherer.code, lang, partial(gatherer.gather, doc, ctx), None)
            if value is not None:
                gathered[gatherer.code] = value
        facts = facts_of(doc, gathered, on_disk=on_disk, where=where)
        seen = signature(facts) if self.signatures else None
        if not judged:
            failed = guard if guard.failures else None
            return Outcome(facts, guard=failed, judged=False, signature=seen)
        findings: list[Diagnostic] = []
        for rule in self.document_rules:
            findings += guard.run(path, rule.code, lang, _findings(rule, doc, ctx), _NONE)
        apply = partial(self._suppress, doc, findings)
        unsuppressed: _Suppressed = ((), tuple(findings), 0)
        suppressions, kept, silenced = guard.run(path, SUPPRESSIONS, lang, apply, unsuppressed)
        if len(kept) > 1:  # in the order they are reported in (see finish)
            kept = tuple(sorted(kept, key=Diagnostic.sort_key))
        failed = guard if guard.failures else None
        return Outcome(facts, kept, suppressions, silenced, failed, signature=seen)

    def _suppress(self, doc: Document, findings: Iterable[Diagnostic]) -> _Suppressed:
        """The suppressions of ``doc``, the findings they leave, and how many they silenced."""
        if doc.text is None:
            return (), tuple(findings), 0
        matter = doc.front_matter
        matter_end = matter.body_first_line if matter and matter.closed else 1
        suppressions = tuple(parse_suppressions(doc.lines, doc.code_lines, matter_end))
        kept, silenced = self._silence(suppressions, findings)
        return suppressions, kept, silenced

    def profile(self, profile: Profile, guard: Guard) -> Outcome | None:
        """``handbook.yml`` as a file whose findings can be suppressed like any other."""
        if profile.path is None:
            return None
        try:
            text = profile.path.read_text("utf-8-sig").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
            return None
        lines = text.split("\n")
        shown, lang = profile.display_path, profile.default_lang
        facts = Facts(os.fspath(profile.path), shown, lang, readable=True)
        # Every line of handbook.yml is YAML, where "# stdlint-disable…" comments are allowed.
        step = partial(parse_suppressions, lines, frozenset(), len(lines) + 2)
        none: list[Suppression] = []
        found = guard.run(facts.display_path, SUPPRESSIONS, facts.lang, step, none)
        return Outcome(facts, suppressions=tuple(found))

    # --- the handbook --------------------------------------------------------------------

    def conclude(
        self,
        judged: Sequence[Outcome],
        others: Sequence[Outcome],
        profile: Outcome | None,
        guard: Guard,
    ) -> tuple[tuple[Diagnostic, ...], int]:
        """Every kept diagnostic of the judged files (and of handbook.yml), sorted; how many
        were silenced. The handbook-wide rules see the facts of ``others`` too."""
        concluded = self.concluded(judged, others, profile, guard)
        return concluded.diagnostics, concluded.suppressed

    def concluded(
        self,
        judged: Sequence[Outcome],
        others: Sequence[Outcome],
        profile: Outcome | None,
        guard: Guard,
        *,
        by_file: bool = True,
        jobs: int | None = 1,
    ) -> Concluded:
        """:meth:`conclude`, with what it found file by file (for :class:`Concluded`); with
        ``by_file=False`` only the whole (its mappings left empty), in less memory. With
        ``jobs`` of 2 or more, a large handbook's rules are shared with a helper process
        (:meth:`_handbook_findings`)."""
        standards = [outcome.facts for outcome in (*judged, *others)]
        files = [*judged, *([profile] if profile else [])]
        # A handbook-wide rule's failure is reported where handbook-wide findings go.
        owner = profile or (judged[0] if judged else None)
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        if owner is not None:
            for findings, failed in self._handbook_findings(standards, owner.facts, jobs):
                guard.absorb(failed)
                for diagnostic in findings:
                    found[diagnostic.path].append(diagnostic)
        paths: list[str] = []
        groups: list[tuple[Diagnostic, ...]] = []
        suppressed = 0
        finals: dict[str, tuple[tuple[Diagnostic, ...], int]] = {}
        handbook: dict[str, tuple[Diagnostic, ...]] = {}
        for outcome in files:
            path = outcome.facts.display_path
            # Popped: what is left at the end is about no file of this check (a standard
            # outside the files asked for), and is not reported.
            about = found.pop(path, ())
            final = self.finish(outcome, about, guard)
            if by_file:
                # Most files keep the findings judged: only the others are named (file_final).
                if final[0] is not outcome.findings or final[1] != outcome.silenced:
                    finals[path] = final
                if about:
                    handbook[path] = tuple(about)
            paths.append(path)
            groups.append(final[0])
            suppressed += final[1]
        # The guard's own findings are never suppressed, never switched off.
        kept = in_order(paths, groups, guard.diagnostics())
        return Concluded(kept, suppressed, handbook, finals)

    def _handbook_findings(
        self, standards: list[Facts], owner: Facts, jobs: int | None
    ) -> list[tuple[tuple[Diagnostic, ...], Guard]]:
        """Each handbook-wide rule's findings, in the order of the rules, and what went wrong
        in it (reported against ``owner``).

        From :data:`APART_FROM` standards, with ``jobs`` of 2 or more, the rules are shared
        with a helper process forked for them (:func:`~stdlint.engine.apart.run_steps`), each
        process taking the next rule left: at 10,000 standards they took 0.5 s in one. The
        positions the helper's rules asked are kept here too, with the facts."""
        steps = [
            partial(_rule_step, rule, standards, self.ctx, owner) for rule in self.handbook_rules
        ]
        # The positions the rules ask are kept with the facts for a cache only (``signatures``).
        with positions_kept(self.signatures):
            if len(standards) < APART_FROM or (jobs or default_jobs()) < 2:
                return [step() for step in steps]
            settle: Callable[[], list[tuple[int, Asked]]] = list  # no position kept: none
            if self.signatures:  # those asked so far, before the helper is forked
                settle = partial(asked_since, standards, [facts.found for facts in standards])
            return run_steps(steps, jobs, settle, partial(keep_asked, standards))

    def finish(
        self, outcome: Outcome, handbook_findings: Sequence[Diagnostic], guard: Guard
    ) -> tuple[tuple[Diagnostic, ...], int]:
        """One file's kept diagnostics, their severities set, in order
        (:meth:`Diagnostic.sort_key`), once its suppressions have met the handbook-wide
        findings about it; and how many of its findings were silenced."""
        facts = outcome.facts
        apply = partial(self._finish, outcome, handbook_findings)
        fallback = ([*outcome.findings, *handbook_findings], 0)
        diagnostics, silenced = guard.run(
            facts.display_path, SUPPRESSIONS, facts.lang, apply, fallback
        )
        kept: list[Diagnostic] = []
        for diagnostic in diagnostics:
            severity = self.severity_of.get(diagnostic.code)
            if severity is not None:
                same = severity is diagnostic.severity
                kept.append(diagnostic if same else replace(diagnostic, severity=severity))
        if len(kept) > 1:
            kept.sort(key=Diagnostic.sort_key)
        findings = outcome.findings
        if len(kept) == len(findings) and all(map(operator.is_, kept, findings)):
            # Most files: the tuple judged (in order already, see document) is kept, not a
            # copy of it, as the outcome is kept until the check ends.
            return findings, outcome.silenced + silenced
        return tuple(kept), outcome.silenced + silenced

    def _finish(
        self, outcome: Outcome, handbook_findings: Iterable[Diagnostic]
    ) -> tuple[list[Diagnostic], int]:
        """A file's findings once its suppressions have also met the handbook-wide findings,
        plus the findings about the suppressions themselves."""
        suppressions = outcome.suppressions
        kept, silenced = self._silence(suppressions, handbook_findings)
        for suppression in suppressions:
            suppression.used.update(name for name in suppression.rules if name in self.disabled)
        about = [
            diagnostic
            for rule in self.suppression_rules
            for diagnostic in rule.check_suppressions(
                outcome.facts, suppressions, self.ctx, self.known
            )
        ]
        return [*outcome.findings, *kept, *about], silenced

    def _silence(
        self, suppressions: Sequence[Suppression], diagnostics: Iterable[Diagnostic]
    ) -> tuple[tuple[Diagnostic, ...], int]:
        """The diagnostics no suppression covers, and how many were covered (marked used)."""
        if not suppressions:
            return tuple(diagnostics), 0
        kept: list[Diagnostic] = []
        silenced = 0
        for diagnostic in diagnostics:
            names = self.names.get(diagnostic.code, (diagnostic.code,))
            for suppression in suppressions:
                name = suppression.covers(diagnostic.line, names)
                if name is not None:
                    suppression.used.add(name)
                    silenced += 1
                    break
            else:
                kept.append(diagnostic)
        return tuple(kept), silenced


def read_document(
    source: Source, profile: Profile, guard: Guard, *, bodies: bool = True
) -> Document:
    """The parsed file; a bug while reading it leaves a document without text, and a failure.

    With ``bodies=False`` only its front matter is parsed.
    """
    shown = display_path(source.where, profile.root)
    lang = profile.default_lang
    parser = parse if bodies else parse_front_matter
    return guard.run(
        shown,
        READ,
        lang,
        lambda: parser(read(source), shown, lang),
        Document(source.path, shown, None, lang),
    )


def _findings(
    rule: DocumentRule, doc: Document, ctx: Context
) -> Callable[[], tuple[Diagnostic, ...]]:
    return lambda: tuple(rule.check(doc, ctx))


def _rule_step(
    rule: HandbookRule, standards: list[Facts], ctx: Context, owner: Facts
) -> tuple[tuple[Diagnostic, ...], Guard]:
    """One handbook-wide rule's findings, and what went wrong in it (reported against
    ``owner``): a guard of its own, as the rule may run in another process."""
    guard = Guard()
    step = partial(_all_findings, rule, standards, ctx)
    return guard.run(owner.display_path, rule.code, owner.lang, step, _NONE), guard


def _all_findings(
    rule: HandbookRule, standards: list[Facts], ctx: Context
) -> tuple[Diagnostic, ...]:
    return tuple(rule.check_handbook(standards, ctx))

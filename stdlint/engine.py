"""The library call behind every consumer: settings and files in, a :class:`Result` out.

Nothing here prints or exits. The flow: choose the files, read and parse each one (a pure
function of its bytes, the profile and the date), run the per-document rules on the files asked
for and the handbook-wide rules on every standard of the handbook, apply suppressions and
severities, sort.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

from stdlint.config import Profile, default_profile
from stdlint.diagnostics import Diagnostic
from stdlint.failures import READ, Guard
from stdlint.files import file_key, handbook_sources, select
from stdlint.parse.document import Document, parse, parse_front_matter
from stdlint.parse.frontmatter import FrontMatter
from stdlint.parse.source import Source, decode, display_path, read
from stdlint.parse.suppressions import parse_suppressions
from stdlint.result import FileRecord, FileState, Result, RuleInfo
from stdlint.rules import Context, DocumentRule, HandbookRule, SuppressionRule, all_rules
from stdlint.settings import Settings


def check(
    paths: Sequence[Path] | None = None,
    settings: Settings | Profile | None = None,
    today: date | None = None,
) -> Result:
    """Check ``paths`` (default: the whole handbook) and return every finding.

    Files named in ``paths`` are checked; files found in a folder of ``paths`` are checked when
    they are standards of the handbook, and recorded as skipped otherwise. Handbook-wide rules
    (duplicate ids …) also see the other standards of the handbook, so checking only the changed
    files still finds conflicts with the rest. Raises :class:`ConfigError` on wrong settings.
    """
    settings = _settings(settings)
    profile = settings.profile
    day = today or date.today()
    guard = Guard()
    handbook = handbook_sources(profile)
    targets, skipped = (handbook, []) if paths is None else select(paths, profile, handbook)
    target_keys = {file_key(source.path) for source in targets}
    # With nothing to check (no standard changed), the rest of the handbook need not be read.
    others = (
        [s for s in handbook if file_key(s.path) not in target_keys]
        if profile.path and targets
        else []
    )
    docs = [_read(source, profile, guard) for source in targets]
    context_docs = [_read(source, profile, guard) for source in others]
    # Findings about the handbook as a whole (a journey stage with no standard) belong to
    # handbook.yml and are reported when the whole handbook is checked.
    profile_doc = _profile_document(profile) if paths is None else None
    diagnostics, suppressed = _run(docs, context_docs, settings, day, guard, profile_doc)
    skipped_records = (
        FileRecord(
            display_path(source.path, profile.root),
            Path(os.path.abspath(source.path)),
            FileState.SKIPPED,
        )
        for source in skipped
    )
    return Result(
        diagnostics=diagnostics,
        files=(*(_record(doc) for doc in docs), *skipped_records),
        documents=tuple(docs),
        handbook=tuple(sorted([*docs, *context_docs], key=lambda doc: doc.display_path)),
        rules=_rule_infos(settings),
        profile=profile,
        today=day,
        suppressed=suppressed,
        failures=tuple(guard.failures),
    )


def read_handbook(
    settings: Settings | Profile | None = None,
    today: date | None = None,
    *,
    bodies: bool = True,
) -> Result:
    """Every standard of the handbook, parsed, with no rule run (for the reports).

    With ``bodies=False`` only the front matter is read: enough for the reports and the
    published pages (headers, indexes, navigation), in a fraction of the time.
    """
    profile = _settings(settings).profile
    guard = Guard()
    docs = tuple(
        _read(source, profile, guard, bodies=bodies) for source in handbook_sources(profile)
    )
    return Result(
        diagnostics=(),
        files=tuple(_record(doc) for doc in docs),
        documents=docs,
        handbook=docs,
        rules=(),
        profile=profile,
        today=today or date.today(),
        failures=tuple(guard.failures),
    )


def check_text(
    text: str,
    path: str = "standard.md",
    settings: Settings | Profile | None = None,
    today: date | None = None,
) -> Result:
    """Check one standard given as text (an editor buffer, a test); ``path`` is only its name."""
    settings = _settings(settings)
    day = today or date.today()
    guard = Guard()
    source = decode(Path(path), text.encode("utf-8"))
    doc = guard.run(
        path,
        READ,
        settings.profile.default_lang,
        lambda: parse(source, path, settings.profile.default_lang),
        Document(Path(path), path, None, settings.profile.default_lang),
    )
    diagnostics, suppressed = _run([doc], [], settings, day, guard)
    return Result(
        diagnostics=diagnostics,
        files=(_record(doc),),
        documents=(doc,),
        handbook=(doc,),
        rules=_rule_infos(settings),
        profile=settings.profile,
        today=day,
        suppressed=suppressed,
        failures=tuple(guard.failures),
    )


def _settings(settings: Settings | Profile | None) -> Settings:
    if isinstance(settings, Settings):
        return settings
    return Settings.from_profile(settings or default_profile())


def _rule_infos(settings: Settings) -> tuple[RuleInfo, ...]:
    return tuple(RuleInfo.of(setting.rule, setting.severity) for setting in settings.rules)


def _record(doc: Document) -> FileRecord:
    state = FileState.CHECKED if doc.text is not None else FileState.UNREADABLE
    return FileRecord(doc.display_path, Path(os.path.abspath(doc.path)), state)


def _read(source: Source, profile: Profile, guard: Guard, *, bodies: bool = True) -> Document:
    """The parsed file; a bug while reading it leaves a document without text, and a failure."""
    shown = display_path(source.path, profile.root)
    lang = profile.default_lang
    parser = parse if bodies else parse_front_matter
    return guard.run(
        shown,
        READ,
        lang,
        lambda: parser(read(source), shown, lang),
        Document(source.path, shown, None, lang),
    )


def _profile_document(profile: Profile) -> Document | None:
    """``handbook.yml`` as a document, so that its findings can be suppressed like any other."""
    if profile.path is None:
        return None
    try:
        text = profile.path.read_text("utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.count("\n") + 2
    # Every line of handbook.yml is YAML, where "# stdlint-disable…" comments are allowed.
    matter = FrontMatter(body_first_line=lines, present=True, closed=True)
    return Document(profile.path, profile.display_path, text, profile.default_lang, matter)


def _run(
    docs: list[Document],
    context_docs: list[Document],
    settings: Settings,
    today: date,
    guard: Guard,
    profile_doc: Document | None = None,
) -> tuple[tuple[Diagnostic, ...], int]:
    """Every kept diagnostic of ``docs`` (and of handbook.yml), sorted; how many were silenced.

    Each rule runs under ``guard``: a rule that raises on one file loses only its own findings
    there, and the failure becomes an STR000 finding.
    """
    ctx = Context.for_profile(settings.profile, today)
    enabled = [setting.instance() for setting in settings.rules]
    found: dict[str, list[Diagnostic]] = defaultdict(list)
    for doc in docs:
        for rule in enabled:
            if isinstance(rule, DocumentRule):
                step = _findings(rule, doc, ctx)
                found[doc.display_path] += guard.run(
                    doc.display_path, rule.code, doc.lang, step, _NONE
                )
    wanted = {doc.display_path for doc in docs}
    if profile_doc is not None:
        wanted.add(profile_doc.display_path)
    # A handbook-wide rule's failure is reported where handbook-wide findings go.
    owner = profile_doc or (docs[0] if docs else None)
    handbook = [*docs, *context_docs]
    for rule in enabled:
        if isinstance(rule, HandbookRule) and owner is not None:
            step = _handbook_findings(rule, handbook, ctx)
            for diagnostic in guard.run(owner.display_path, rule.code, owner.lang, step, _NONE):
                if diagnostic.path in wanted:
                    found[diagnostic.path].append(diagnostic)
    severity_of = {setting.rule.code: setting.severity for setting in settings.rules}
    known = frozenset(key for rule in all_rules() for key in (rule.code, rule.name))
    disabled = {
        key
        for rule in all_rules()
        if rule.code not in severity_of
        for key in (rule.code, rule.name)
    }
    suppression_rules = [rule for rule in enabled if isinstance(rule, SuppressionRule)]
    kept: list[Diagnostic] = []
    suppressed = 0
    for doc in [*docs, *([profile_doc] if profile_doc else [])]:
        own = found[doc.display_path]
        apply = partial(_suppress, doc, own, ctx, known, disabled, suppression_rules)
        diagnostics, silenced = guard.run(
            doc.display_path, "suppressions", doc.lang, apply, (own, 0)
        )
        suppressed += silenced
        kept.extend(
            replace(d, severity=severity_of[d.code]) for d in diagnostics if d.code in severity_of
        )
    kept.extend(guard.diagnostics())  # never suppressed, never switched off
    kept.sort(key=Diagnostic.sort_key)
    return tuple(kept), suppressed


_NONE: tuple[Diagnostic, ...] = ()  # what a rule that failed contributes


def _findings(
    rule: DocumentRule, doc: Document, ctx: Context
) -> Callable[[], tuple[Diagnostic, ...]]:
    return lambda: tuple(rule.check(doc, ctx))


def _handbook_findings(
    rule: HandbookRule, docs: list[Document], ctx: Context
) -> Callable[[], tuple[Diagnostic, ...]]:
    return lambda: tuple(rule.check_handbook(docs, ctx))


def _suppress(
    doc: Document,
    diagnostics: Iterable[Diagnostic],
    ctx: Context,
    known: frozenset[str],
    disabled: set[str],
    rules: list[SuppressionRule],
) -> tuple[list[Diagnostic], int]:
    """Diagnostics of ``doc`` that no suppression silences, plus findings about the suppressions."""
    if doc.text is None:
        return list(diagnostics), 0
    matter_end = (
        doc.front_matter.body_first_line if doc.front_matter and doc.front_matter.closed else 1
    )
    suppressions = parse_suppressions(doc.lines, doc.code_lines, matter_end)
    if not suppressions:
        return list(diagnostics), 0
    names = {rule.code: (rule.code, rule.name) for rule in all_rules()}
    kept: list[Diagnostic] = []
    silenced = 0
    for diagnostic in diagnostics:
        for suppression in suppressions:
            name = suppression.covers(
                diagnostic.line, names.get(diagnostic.code, (diagnostic.code,))
            )
            if name is not None:
                suppression.used.add(name)
                silenced += 1
                break
        else:
            kept.append(diagnostic)
    for suppression in suppressions:
        suppression.used.update(name for name in suppression.rules if name in disabled)
    for rule in rules:
        kept.extend(rule.check_suppressions(doc, suppressions, ctx, known))
    return kept, silenced

"""The library call behind the CLI and the MkDocs plugin: files in, a :class:`Result` out.

Nothing here prints or exits. The flow: find the files, read and parse each one (a pure function
of its bytes, the profile and the date), run the per-document rules on the files asked for, run
the handbook-wide rules on every standard of the handbook, apply suppressions and severities,
sort.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from stdlint.config.profile import ConfigError, Profile, default_profile
from stdlint.diagnostics import Diagnostic, Severity
from stdlint.i18n import Text
from stdlint.parse.document import Document, parse
from stdlint.parse.frontmatter import FrontMatter
from stdlint.parse.source import Source, decode, discover, display_path, read
from stdlint.parse.suppressions import parse_suppressions
from stdlint.rules import Context, DocumentRule, HandbookRule, Rule, SuppressionRule, all_rules


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of a check: every diagnostic, sorted, and what was looked at."""

    diagnostics: tuple[Diagnostic, ...]
    files: int
    suppressed: int = 0

    def count(self, severity: Severity) -> int:
        """How many diagnostics have ``severity``."""
        return sum(1 for diagnostic in self.diagnostics if diagnostic.severity is severity)

    @property
    def summary(self) -> dict[str, int]:
        """Counts per severity, most severe first."""
        return {severity.value: self.count(severity) for severity in reversed(Severity)}

    def fails(self, fail_on: Severity | None) -> bool:
        """Whether any diagnostic is at or above ``fail_on`` (never, when it is None)."""
        if fail_on is None:
            return False
        return any(diagnostic.severity.rank >= fail_on.rank for diagnostic in self.diagnostics)


def check(
    paths: Sequence[Path] | None = None,
    profile: Profile | None = None,
    today: date | None = None,
) -> Result:
    """Check ``paths`` (default: the profile's handbook) and return every finding.

    Handbook-wide rules (duplicate ids …) also see the other standards of the profile's
    handbook, so checking only the changed files still finds conflicts with the rest.
    Raises :class:`ConfigError` when the profile's rule settings or folders are wrong.
    """
    profile = profile or default_profile()
    severities = rule_severities(profile)
    handbook = list(discover(handbook_paths(profile), profile.exclude, profile.root))
    targets = (
        list(discover(paths, profile.exclude, profile.root)) if paths is not None else handbook
    )
    target_keys = {_key(source.path) for source in targets}
    others = (
        [source for source in handbook if _key(source.path) not in target_keys]
        if profile.path
        else []
    )
    docs = [_parse(read(source), profile) for source in targets]
    context_docs = [_parse(read(source), profile) for source in others]
    # Findings about the handbook as a whole (a journey stage with no standard) belong to
    # handbook.yml and are reported when the whole handbook is checked.
    profile_doc = _profile_document(profile) if paths is None else None
    return _run(docs, context_docs, profile, today or date.today(), severities, profile_doc)


def load_handbook(profile: Profile) -> list[Document]:
    """Every standard of the profile's handbook, parsed (for reports such as coverage)."""
    sources = discover(handbook_paths(profile), profile.exclude, profile.root)
    return [_parse(read(source), profile) for source in sources]


def check_text(
    text: str,
    path: str = "standard.md",
    profile: Profile | None = None,
    today: date | None = None,
) -> Result:
    """Check one standard given as text (an editor buffer, a test); ``path`` is only its name."""
    profile = profile or default_profile()
    severities = rule_severities(profile)
    source = decode(Path(path), text.encode("utf-8"))
    doc = parse(source, path, profile.default_lang)
    return _run([doc], [], profile, today or date.today(), severities)


def handbook_paths(profile: Profile) -> list[Path]:
    """The folders and files the profile's ``standards`` entries name (glob patterns expanded)."""
    found: list[Path] = []
    for index, entry in enumerate(profile.standards):
        if any(char in entry for char in "*?["):
            found.extend(sorted(profile.root.glob(entry)))
            continue
        path = profile.root / entry
        if not path.exists() and profile.path is not None:
            raise ConfigError(
                profile.path,
                [
                    (
                        profile.position(("standards", index)),
                        _NO_FOLDER.render(profile.default_lang, entry=entry),
                        "",
                    )
                ],
            )
        if path.exists():
            found.append(path)
    return found


_NO_FOLDER = Text(
    en="the standards folder “{entry}” does not exist",
    ru="папки со стандартами «{entry}» не существует",
)
_UNKNOWN_RULE = Text(
    en="unknown rule “{rule}” in “rules”", ru="неизвестное правило «{rule}» в «rules»"
)
_DID_YOU_MEAN = Text(en="did you mean “{candidate}”?", ru="возможно, имелось в виду «{candidate}»?")


def rule_severities(profile: Profile) -> dict[type[Rule], Severity]:
    """Every enabled rule with its severity after the profile's overrides."""
    rules = all_rules()
    by_key = {key: rule for rule in rules for key in (rule.code, rule.name)}
    severities = {rule: rule.default_severity for rule in rules}
    problems = []
    for key, setting in profile.rules.items():
        rule = by_key.get(key) or by_key.get(key.upper())
        if rule is None:
            lang = profile.default_lang
            close = difflib.get_close_matches(key, list(by_key), n=1)
            hint = _DID_YOU_MEAN.render(lang, candidate=close[0]) if close else ""
            problems.append(
                (profile.position(("rules", key)), _UNKNOWN_RULE.render(lang, rule=key), hint)
            )
        elif setting == "off":
            severities.pop(rule, None)
        else:
            severities[rule] = Severity(setting)
    if problems:
        raise ConfigError(profile.path or Path("handbook.yml"), problems)
    return severities


def _key(path: Path) -> str:
    # realpath, unlike Path.resolve(), does not raise on a symlink loop.
    return os.path.realpath(path)


def _parse(source: Source, profile: Profile) -> Document:
    return parse(source, display_path(source.path), profile.default_lang)


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
    profile: Profile,
    today: date,
    severities: dict[type[Rule], Severity],
    profile_doc: Document | None = None,
) -> Result:
    ctx = Context.for_profile(profile, today)
    enabled = [rule() for rule in severities]
    found: dict[str, list[Diagnostic]] = defaultdict(list)
    for doc in docs:
        for rule in enabled:
            if isinstance(rule, DocumentRule):
                found[doc.display_path].extend(rule.check(doc, ctx))
    wanted = {doc.display_path for doc in docs}
    if profile_doc is not None:
        wanted.add(profile_doc.display_path)
    for rule in enabled:
        if isinstance(rule, HandbookRule):
            for diagnostic in rule.check_handbook([*docs, *context_docs], ctx):
                if diagnostic.path in wanted:
                    found[diagnostic.path].append(diagnostic)
    severity_of = {rule.code: severity for rule, severity in severities.items()}
    known = frozenset(key for rule in all_rules() for key in (rule.code, rule.name))
    disabled = {
        key for rule in all_rules() if rule not in severities for key in (rule.code, rule.name)
    }
    suppression_rules = [rule for rule in enabled if isinstance(rule, SuppressionRule)]
    kept: list[Diagnostic] = []
    suppressed = 0
    for doc in [*docs, *([profile_doc] if profile_doc else [])]:
        diagnostics, silenced = _suppress(
            doc, found[doc.display_path], ctx, known, disabled, suppression_rules
        )
        suppressed += silenced
        kept.extend(
            replace(d, severity=severity_of[d.code]) for d in diagnostics if d.code in severity_of
        )
    kept.sort(key=Diagnostic.sort_key)
    return Result(tuple(kept), files=len(docs), suppressed=suppressed)


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

"""Settings, resolved once: the profile, the language to speak, each rule's severity and options.

The CLI, the MkDocs plugin and tests all call :func:`load_settings` (or
:meth:`Settings.from_profile`) and get the same answer: which ``handbook.yml`` applies (the
nearest one, or the defaults when there is none, said so), and which rules run at which severity
with which options — checked against the rule registry here, at load time, with positions in
``handbook.yml`` and a did-you-mean, so that a typo stops the run before any file is read.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from stdlint.config import (
    PROFILE_NAME,
    SEVERITY_SETTINGS,
    Choice,
    ConfigError,
    Profile,
    default_profile,
    find_profile,
    load_profile,
    peek_languages,
    reference_problems,
    selection,
)
from stdlint.config.selection import NO_CHOICE
from stdlint.diagnostics import Severity, Span
from stdlint.i18n import DID_YOU_MEAN, Lang, Text, environment_lang, quote
from stdlint.parse.validation import field_problems
from stdlint.parse.yamlpositions import Positions
from stdlint.rules import Rule, all_rules


@dataclass(frozen=True, slots=True)
class RuleSetting:
    """One enabled rule: its class, the severity it reports at, and its options."""

    rule: type[Rule]
    severity: Severity
    options: BaseModel

    def instance(self) -> Rule:
        """The rule, ready to check."""
        return self.rule(self.options)


@dataclass(frozen=True)
class Settings:
    """Everything a check needs besides the files: profile, language, rules."""

    profile: Profile
    rules: tuple[RuleSetting, ...]
    lang: Lang  # the language of summaries, reports and configuration errors
    notices: tuple[str, ...] = ()  # what the user should be told (no handbook.yml, empty one)

    @property
    def root(self) -> Path:
        """The handbook's folder: paths in diagnostics are relative to it."""
        return self.profile.root

    @classmethod
    def from_profile(
        cls, profile: Profile, lang: Lang | None = None, choice: Choice = NO_CHOICE
    ) -> Settings:
        """Settings for an already loaded profile; raise :class:`ConfigError` on bad rules.

        ``choice`` is the command line's ``--select`` / ``--ignore``, applied after the
        profile's own.
        """
        chosen = lang or environment_lang() or profile.default_lang
        return cls(profile, resolve_rules(profile, chosen, choice), chosen)


_NO_PROFILE = Text(
    en="no handbook.yml here or above: checking {folder} with the default settings "
    "(relevance and coverage need a handbook.yml)",
    ru="handbook.yml не найден: проверяю {folder} с настройками по умолчанию "
    "(для проверки релевантности и покрытия нужен handbook.yml)",
)
_NAMED_FILES = Text(en="the named files", ru="указанные файлы")
_EMPTY_PROFILE = Text(
    en="{path} is empty: using the default settings",
    ru="{path} пуст: использую настройки по умолчанию",
)
_PROFILE_REQUIRED = Text(
    en="no handbook.yml in {folder} or its parents: run stdlint in a handbook folder, "
    "or pass --config path/to/handbook.yml",
    ru="в папке {folder} и выше нет handbook.yml: запустите stdlint в папке справочника "
    "или укажите --config путь/к/handbook.yml",
)


def load_settings(
    config: Path | None = None,
    paths: Sequence[Path] = (),
    lang: Lang | None = None,
    *,
    require_profile: bool = False,
    choice: Choice = NO_CHOICE,
) -> Settings:
    """Resolve the settings for a run on ``paths`` (default: the current folder).

    ``config`` names the profile; otherwise the nearest ``handbook.yml`` in the folder that
    holds ``paths``, or above, is used; without one, the defaults (checking ``standards/`` if
    it exists, else the folder itself), with a notice. The language is ``lang``, else
    ``STDLINT_LANG`` or the locale, else the profile's first language, else English: one
    language for every message of the run. ``choice`` is the command line's ``--select`` and
    ``--ignore``, applied after the profile's ``select`` and ``ignore``.
    Raises :class:`ConfigError` (exit 2) when the profile or its rule settings are wrong, or,
    with ``require_profile``, when there is no profile at all.
    """
    folder = (
        Path(os.path.commonpath([os.path.abspath(path) for path in paths])) if paths else Path.cwd()
    )
    path = config if config is not None else find_profile(folder)
    asked = lang or environment_lang()
    if path is None:
        chosen = asked or Lang.EN
        if require_profile:
            message = _PROFILE_REQUIRED.render(chosen, folder=folder)
            raise ConfigError(Path(PROFILE_NAME), [(Span.point(1), message, "")], located=False)
        base = folder if folder.is_dir() else folder.parent
        standards = "standards" if (base / "standards").is_dir() else "."
        profile = default_profile(base, [standards])
        checking = _NAMED_FILES.render(chosen) if paths else standards
        notice = _NO_PROFILE.render(chosen, folder=checking)
        return Settings(profile, resolve_rules(profile, chosen, choice), chosen, (notice,))
    chosen = asked or peek_languages(path) or Lang.EN
    profile = load_profile(path, chosen, check_references=False)
    chosen = asked or profile.default_lang
    notices: tuple[str, ...] = ()
    if not profile.model_fields_set:
        notices = (_EMPTY_PROFILE.render(chosen, path=quote(chosen, path.name)),)
    # Every problem the profile has past its schema is reported in one run, in file order.
    problems = list(reference_problems(profile, chosen))
    try:
        rules = resolve_rules(profile, chosen, choice)
    except ConfigError as error:
        if not error.located:
            raise  # the command line is wrong, not handbook.yml
        problems += error.problems
    if problems:
        raise ConfigError(path, sorted(problems, key=lambda problem: problem[0]))
    return Settings(profile, rules, chosen, notices)


_UNKNOWN_RULE = Text(en="unknown rule {rule} in “rules”", ru="неизвестное правило {rule} в «rules»")
_LIST_RULES = Text(
    en="run “stdlint explain” for the list of rules",
    ru="список правил выводит «stdlint explain»",
)
_BAD_SEVERITY = Text(
    en="{value} is not a setting for {rule}; allowed: {allowed}",
    ru="{value} — недопустимая настройка для {rule}; допустимо: {allowed}",
)
_USE_SEVERITY = Text(en="use {candidate}", ru="укажите {candidate}")


def resolve_rules(
    profile: Profile, lang: Lang, choice: Choice = NO_CHOICE
) -> tuple[RuleSetting, ...]:
    """Every enabled rule with its severity and options after the profile's ``rules``.

    Then the profile's ``select`` / ``ignore`` and the command line's ``choice`` pick among
    the rules that are on: a rule that is ``off`` stays off whatever is selected.
    """
    rules = all_rules()
    by_key = {key: rule for rule in rules for key in (rule.code, rule.name)}
    chosen: dict[type[Rule], RuleSetting] = {
        rule: RuleSetting(rule, rule.default_severity, rule.Options()) for rule in rules
    }
    problems: list[tuple[Span, str, str]] = []
    for key, value in profile.rules.items():
        rule = by_key.get(key) or by_key.get(str(key).upper())
        if rule is None:
            close = difflib.get_close_matches(str(key), list(by_key), n=1)
            hint = (
                DID_YOU_MEAN.render(lang, candidate=quote(lang, close[0]))
                if close
                else _LIST_RULES.render(lang)
            )
            message = _UNKNOWN_RULE.render(lang, rule=quote(lang, key))
            problems.append((profile.position(("rules", key)), message, hint))
            continue
        setting, found = _rule_setting(profile, rule, key, value, lang)
        problems.extend(found)
        if setting is None:
            chosen.pop(rule, None)
        elif not found:
            chosen[rule] = setting
    problems += _selection_problems(profile, lang)
    if problems:
        raise ConfigError(profile.path or Path(PROFILE_NAME), problems)
    registry = _registry(rules)
    wrong = [
        (Span.point(1), message, hint)
        for option, selectors, ignoring in (
            ("--select", choice.select or (), False),
            ("--ignore", choice.ignore, True),
        )
        for _, message, hint in selection.problems(
            registry, selectors, option, lang, ignoring=ignoring
        )
    ]
    if wrong:
        raise ConfigError(Path("stdlint check"), wrong, located=False)
    own = Choice(None if profile.select is None else tuple(profile.select), tuple(profile.ignore))
    on = selection.chosen(registry, [own, choice])
    return tuple(setting for setting in chosen.values() if setting.rule.code in on)


def _registry(rules: Sequence[type[Rule]]) -> selection.Rules:
    return selection.Rules(
        tuple(rule.code for rule in rules), {rule.name: rule.code for rule in rules}
    )


def _selection_problems(profile: Profile, lang: Lang) -> Iterator[tuple[Span, str, str]]:
    """The entries of the profile's ``select`` and ``ignore`` that name no rule, placed."""
    registry = _registry(all_rules())
    for key, selectors in (("select", profile.select or []), ("ignore", profile.ignore)):
        where = quote(lang, key)
        found = selection.problems(registry, selectors, where, lang, ignoring=key == "ignore")
        for index, message, hint in found:
            yield profile.position((key, index), value=True), message, hint


def _rule_setting(
    profile: Profile, rule: type[Rule], key: str, value: Any, lang: Lang
) -> tuple[RuleSetting | None, list[tuple[Span, str, str]]]:
    """What ``rules: {key: value}`` asks of ``rule`` (None: switched off), and its problems."""
    where: tuple[str | int, ...] = ("rules", key)
    options: Mapping[str, Any] = {}
    severity_value: Any = value
    if isinstance(value, Mapping):
        options = {name: item for name, item in value.items() if name != "severity"}
        severity_value = value.get("severity", rule.default_severity.value)
        where = (*where, "severity") if "severity" in value else where
    if severity_value not in SEVERITY_SETTINGS:
        close = difflib.get_close_matches(str(severity_value), SEVERITY_SETTINGS, n=1, cutoff=0.4)
        message = _BAD_SEVERITY.render(
            lang,
            value=quote(lang, severity_value),
            rule=rule.code,
            allowed=", ".join(SEVERITY_SETTINGS),
        )
        hint = _USE_SEVERITY.render(lang, candidate=quote(lang, close[0])) if close else ""
        return None, [(profile.position(where, value=True), message, hint)]
    try:
        parsed = rule.Options.model_validate(dict(options))
    except ValidationError as error:
        return None, list(_option_problems(profile, error, rule, key, lang))
    if severity_value == "off":
        return None, []
    return RuleSetting(rule, Severity(severity_value), parsed), []


def _option_problems(
    profile: Profile, error: ValidationError, rule: type[Rule], key: str, lang: Lang
) -> Iterator[tuple[Span, str, str]]:
    """The problems of a rule's options, placed in ``handbook.yml`` below ``rules.KEY``."""
    positions = profile.positions or Positions("", first_line=1)
    prefix = ("rules", key)
    for problem in field_problems(error, rule.Options, _Prefixed(positions, prefix)):
        yield problem.span, problem.message(lang), problem.suggestion(lang)


class _Prefixed(Positions):
    """Positions of a sub-mapping: paths are relative to ``prefix``."""

    def __init__(self, positions: Positions, prefix: tuple[str | int, ...]) -> None:
        self._positions = positions
        self._prefix = prefix

    def key(self, path: tuple[str | int, ...]) -> Span:
        """Where the key at ``prefix + path`` is written."""
        return self._positions.key((*self._prefix, *path))

    def value(self, path: tuple[str | int, ...]) -> Span:
        """Where the value at ``prefix + path`` is written."""
        return self._positions.value((*self._prefix, *path))

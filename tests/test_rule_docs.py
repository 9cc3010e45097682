"""The registry and every rule's documentation: codes, names, sections, runnable examples, and
the Russian translation that `stdlint explain --lang ru` prints."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from stdlint.cli import main
from stdlint.config import default_profile, load_profile
from stdlint.diagnostics import Criterion, Severity
from stdlint.engine import check
from stdlint.i18n import Lang
from stdlint.rules import BUILTIN_RULES, DocumentRule, Rule, all_rules, find_rule
from stdlint.rules.base import CODE_PATTERN, DOC_SECTIONS, NAME_PATTERN
from stdlint.rules.docs import explain_text, rule_documentation, russian_documentation, section_id
from tests.harness import expected_findings, fixture_handbooks

_FENCE = re.compile(r"^```(\w+)([^\n]*)\n(.*?)^```$", re.S | re.M)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
# Rules whose trigger cannot be a committed fixture file; their docstring examples still run.
_NO_FIXTURE = {
    "STR010": "an unreadable file (a symlink loop) is made by the example and by test_bad_input"
}


def _rule_id(rule: type[Rule]) -> str:
    return f"{rule.code}-{rule.name}"


def test_registry_is_sorted_and_codes_and_names_are_unique() -> None:
    codes = [rule.code for rule in BUILTIN_RULES]
    names = [rule.name for rule in BUILTIN_RULES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert list(all_rules()) == sorted(all_rules(), key=lambda rule: rule.code)


@pytest.mark.parametrize("rule", all_rules(), ids=_rule_id)
def test_rule_code_name_and_documentation_sections(rule: type[Rule]) -> None:
    assert CODE_PATTERN.match(rule.code), rule.code
    assert NAME_PATTERN.match(rule.name), rule.name
    assert not rule.name.startswith("no-"), "a name says what is flagged, not what is wanted"
    sections = rule.documentation()
    assert sections[""], "the docstring starts with a one-line summary"
    for heading in ("What it does", "Why it matters", "Example", "Use instead"):
        assert sections.get(heading), f"{rule.code} lacks the section “{heading}”"
    assert set(sections) - {""} <= set(DOC_SECTIONS), f"unexpected sections in {rule.code}"


def _write_example(folder: Path, section: str) -> list[str]:
    """Write the fenced blocks of a docstring section as files in ``folder``; return their names."""
    blocks = _FENCE.findall(section)
    assert blocks, "the section has no fenced example"
    names = []
    for index, (_, attributes, body) in enumerate(blocks):
        options = dict(_ATTRIBUTE.findall(attributes))
        path = folder / options.get("title", f"example-{index}.md")
        if "symlink" in options:
            path.symlink_to(options["symlink"])
        else:
            path.write_bytes(body.encode(options.get("encoding", "utf-8")))
        names.append(path.name)
    return names


def _codes_by_file(tmp_path: Path, section: str) -> dict[str, set[str]]:
    names = _write_example(tmp_path, section)
    if "handbook.yml" in names:
        # An example with its own profile is checked as a whole handbook.
        names.remove("handbook.yml")
        result = check(None, load_profile(tmp_path / "handbook.yml"), date(2026, 6, 1))
        names.append("handbook.yml")
    else:
        result = check([tmp_path], default_profile(), date(2026, 6, 1))
    found: dict[str, set[str]] = {name: set() for name in names}
    for diagnostic in result.diagnostics:
        found[Path(diagnostic.path).name].add(diagnostic.code)
    return found


@pytest.mark.parametrize("rule", all_rules(), ids=_rule_id)
def test_example_raises_the_rule(rule: type[Rule], tmp_path: Path) -> None:
    found = _codes_by_file(tmp_path, rule.documentation()["Example"])
    if issubclass(rule, DocumentRule):
        # Every example file (often one per language) shows the rule on its own.
        assert all(rule.code in codes for name, codes in found.items() if name.endswith(".md")), (
            found
        )
    else:
        assert any(rule.code in codes for codes in found.values()), found


@pytest.mark.parametrize("rule", all_rules(), ids=_rule_id)
def test_use_instead_does_not_raise_the_rule(rule: type[Rule], tmp_path: Path) -> None:
    found = _codes_by_file(tmp_path, rule.documentation()["Use instead"])
    assert not any(rule.code in codes for codes in found.values()), found


@pytest.mark.parametrize("rule", all_rules(), ids=_rule_id)
def test_every_rule_has_a_fixture_that_expects_it(rule: type[Rule]) -> None:
    expected_codes = {
        code for handbook in fixture_handbooks() for (_, _, code) in expected_findings(handbook)
    }
    assert rule.code in expected_codes or rule.code in _NO_FIXTURE


# The Russian documentation (docs.ru.yml) and `stdlint explain --lang`.

_NUMBER = re.compile(r"\d+")
_BACKTICKED = re.compile(r"`([^`\n]+)`")
_TRANSLATED_SECTIONS = {"summary", "what_it_does", "why_it_matters", "options"}


def _lost_facts(english: str, russian: str) -> list[str]:
    """Numbers that differ between the two texts, and backticked names the Russian dropped."""
    numbers = set(_NUMBER.findall(english)) ^ set(_NUMBER.findall(russian))
    names = set(_BACKTICKED.findall(english)) - set(_BACKTICKED.findall(russian))
    return sorted(f"number {number}" for number in numbers) + sorted(f"`{n}`" for n in names)


def test_russian_documentation_has_exactly_the_builtin_rules() -> None:
    assert set(russian_documentation()) == {rule.code for rule in BUILTIN_RULES}


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=_rule_id)
def test_russian_documentation_translates_every_prose_section(rule: type[Rule]) -> None:
    english = {section_id(heading) for heading, body in rule.documentation().items() if body}
    russian = russian_documentation()[rule.code]
    assert set(russian) == english & _TRANSLATED_SECTIONS
    for section, text in russian.items():
        assert re.search("[а-яё]", text, re.I), f"{rule.code} {section} is not in Russian"
    assert "\n" not in russian["summary"], "the summary is one line"


@pytest.mark.parametrize("rule", BUILTIN_RULES, ids=_rule_id)
def test_russian_documentation_keeps_numbers_and_names(rule: type[Rule]) -> None:
    english = rule_documentation(rule, Lang.EN)
    russian = russian_documentation()[rule.code]
    lost = {section: _lost_facts(english[section], text) for section, text in russian.items()}
    assert not any(lost.values()), lost


def test_the_faithfulness_check_catches_a_changed_number_and_a_dropped_name() -> None:
    english = "Adds `review_every` (6 months by default) to `last_reviewed`."
    assert _lost_facts(english, "Прибавляет `review_every` (6 месяцев) к `last_reviewed`.") == []
    assert _lost_facts(english, "Прибавляет `review_every` (3 месяца) к дате пересмотра.") == [
        "number 3",
        "number 6",
        "`last_reviewed`",
    ]


class _PluginRule(DocumentRule):
    """A plugin's rule with no Russian text.

    ## What it does
    Flags nothing.

    ## Why it matters
    It shows the fallback.
    """

    code, name = "TRN901", "plugin-example"
    criterion, default_severity = Criterion.TRANSPARENCY, Severity.INFO


def test_a_rule_without_russian_text_falls_back_to_english() -> None:
    assert rule_documentation(_PluginRule, Lang.RU) == rule_documentation(_PluginRule, Lang.EN)
    text = click.unstyle(explain_text(_PluginRule, Lang.RU))
    assert "критерий: прозрачность · уровень по умолчанию: подсказка" in text
    assert "\nЧто проверяет\nFlags nothing.\n" in text


def test_examples_in_the_chosen_language_come_first() -> None:
    rule = find_rule("CNS002")
    assert rule is not None
    for lang, first, second in (
        (Lang.RU, "lang: ru", "lang: en"),
        (Lang.EN, "lang: en", "lang: ru"),
    ):
        for section in ("example", "use_instead"):
            text = rule_documentation(rule, lang)[section]
            assert text.index(first) < text.index(second), (lang, section)
            assert sorted(text.split("\n")) == sorted(
                rule_documentation(rule, Lang.EN)[section].split("\n")
            )


def _explain(*args: str, **env: str | None) -> Result:
    environment: dict[str, str | None] = {"STDLINT_LANG": None, "LC_ALL": None, "LC_MESSAGES": None}
    environment |= {"LANG": "C.UTF-8", **env}
    result = CliRunner().invoke(main, ["explain", *args], env=environment, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_explain_in_russian_prints_russian_headings_and_summary() -> None:
    output = _explain("STR003", "--lang", "ru").output
    assert output.startswith(
        "STR003 unknown-field\n"
        "критерий: структура · уровень по умолчанию: ошибка\n\n"
        "В шапке есть поле, которого нет в формате стандарта.\n"
    )
    for heading in ("Что проверяет", "Почему это важно", "Пример", "Как надо"):
        assert f"\n{heading}\n" in output
    assert "What it does" not in output
    assert "chanels: [phone]" in output, "the examples are shared"
    assert (
        "\nНастройки\n`required_sections` в `handbook.yml`"
        in _explain("STR006", "--lang", "ru").output
    )


def test_explain_in_english_prints_the_docstring_unchanged() -> None:
    rule = find_rule("STR003")
    assert rule is not None
    sections = rule.documentation()
    expected = [
        "STR003 unknown-field",
        "criterion: structure · default severity: error",
        "",
        sections[""],
    ]
    for heading in ("What it does", "Why it matters", "Example", "Use instead"):
        expected += ["", heading, sections[heading]]
    assert _explain("STR003", "--lang", "en").output == "\n".join(expected) + "\n"
    assert _explain("STR003").output == _explain("STR003", "--lang", "en").output
    listing = _explain("--lang", "en").output
    assert re.search(r"^STR001  missing-front-matter +error {4}The file", listing, re.M)


def test_explain_language_comes_from_stdlint_lang_or_the_locale() -> None:
    russian = _explain("CON002", "--lang", "ru").output
    assert _explain("CON002", STDLINT_LANG="ru").output == russian
    assert _explain("CON002", LANG="ru_RU.UTF-8").output == russian
    assert _explain("CON002", "--lang", "en", STDLINT_LANG="ru").output.startswith(
        "CON002 escape-clause\ncriterion: concreteness"
    )
    listing = _explain(STDLINT_LANG="ru").output
    assert len(listing.splitlines()) == len(all_rules())
    assert re.search(r"^CMP003  dimension-not-covered +предупреждение  Измерение", listing, re.M)
    unknown = CliRunner().invoke(main, ["explain", "XYZ123"], env={"STDLINT_LANG": "ru"})
    assert unknown.exit_code == 2
    assert "нет правила 'XYZ123'" in unknown.stderr

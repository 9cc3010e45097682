"""The registry and every rule's documentation: codes, names, sections, and runnable examples."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from stdlint.config.profile import default_profile, load_profile
from stdlint.engine import check
from stdlint.rules import BUILTIN_RULES, DocumentRule, Rule, all_rules
from stdlint.rules.base import CODE_PATTERN, DOC_SECTIONS, NAME_PATTERN
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

"""The README's promises: CI runs its test command, and its examples are true."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stdlint import load_settings

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text("utf-8")


def _commands() -> list[str]:
    section = README.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)\n```", section, re.S)


def test_readme_gives_exactly_two_commands() -> None:
    commands = _commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert "stdlint check && " in commands[0]
    assert commands[0].endswith("mkdocs build --strict")
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    script = (REPO / ".ci" / "run").read_text("utf-8").strip().split("\n")
    assert script[-1] == _commands()[1]


def test_readme_rule_table_lists_every_rule() -> None:
    from stdlint.rules import all_rules

    for rule in all_rules():
        assert f"| {rule.code} | {rule.name} |" in README, rule.code


def test_the_minimal_standard_in_the_readme_is_clean() -> None:
    from datetime import date

    from stdlint.engine import check_text

    section = README.split("## A minimal standard", 1)[1]
    text = re.search(r"```markdown\n(.*?)```", section, re.S)
    assert text is not None
    result = check_text(text.group(1), "minimal.md", today=date(2026, 11, 23))
    assert result.diagnostics == ()


def test_readme_library_example_runs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = README.split("## As a library", 1)[1]
    code = re.search(r"```python\n(.*?)\n```", section, re.S)
    assert code is not None
    monkeypatch.chdir(REPO)
    exec(compile(code.group(1), "README.md", "exec"), {})
    printed = capsys.readouterr().out.split("\n")
    assert "phone-answer ReviewState.FRESH" in printed or "phone-answer fresh" in printed
    assert printed[-2] == "100.0"


def test_readme_rule_settings_example_is_valid(tmp_path: Path) -> None:
    section = README.split("## The handbook profile", 1)[1]
    snippet = re.search(r"```yaml\n(.*?)\n```", section, re.S)
    assert snippet is not None
    (tmp_path / "handbook.yml").write_text(snippet.group(1) + "\nstandards: ['.']\n", "utf-8")
    settings = load_settings(tmp_path / "handbook.yml")
    by_code = {setting.rule.code: setting for setting in settings.rules}
    assert "TRN003" not in by_code
    assert by_code["STR011"].severity.value == "warning"
    assert by_code["TRN001"].options.model_dump() == {"max_words": 25}

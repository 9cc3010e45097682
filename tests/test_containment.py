"""A bug in one rule or one file never loses the other files' findings (STR000)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from stdlint import check
from stdlint.config import load_profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.engine import check_text
from stdlint.parse.document import Document
from stdlint.rules import DocumentRule, HandbookRule, all_rules
from stdlint.rules.base import Context
from tests.conftest import GOOD_STANDARD, Run

DAY = date(2026, 6, 1)


class CrashOnBroken(DocumentRule):
    """A plugin rule with a bug: it fails on files whose name says so.

    ## What it does
    Nothing useful.
    """

    code, name = "CON999", "crash-on-broken"
    criterion, default_severity = Criterion.CONCRETENESS, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """Fails on a broken file."""
        if "broken" in doc.display_path:
            raise KeyError("a bug")
        yield from ()


class CrashEverywhere(HandbookRule):
    """A handbook-wide plugin rule with a bug.

    ## What it does
    Nothing useful.
    """

    code, name = "CNS999", "crash-everywhere"
    criterion, default_severity = Criterion.CONSISTENCY, Severity.WARNING

    def check_handbook(self, docs: object, ctx: Context) -> Iterator[Diagnostic]:
        """Always fails."""
        raise ZeroDivisionError
        yield


@pytest.fixture
def buggy_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install the two buggy rules as if a plugin had brought them."""
    rules = tuple(sorted([*all_rules(), CrashOnBroken, CrashEverywhere], key=lambda r: r.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)


def _handbook(tmp_path: Path) -> Path:
    (tmp_path / "handbook.yml").write_text("languages: [en]\nstandards: [standards]\n", "utf-8")
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "good.md").write_text(GOOD_STANDARD, "utf-8")
    vague = GOOD_STANDARD.replace("Answer within 20 seconds.", "Answer promptly.")
    (tmp_path / "standards" / "broken.md").write_text(vague, "utf-8")
    return tmp_path


@pytest.mark.usefixtures("buggy_rules")
def test_a_failing_rule_costs_only_its_own_findings(tmp_path: Path) -> None:
    handbook = _handbook(tmp_path)
    result = check(None, load_profile(handbook / "handbook.yml"), DAY)
    found = {(d.path, d.code) for d in result.diagnostics}
    # The buggy document rule fails on broken.md; every other rule still judged that file.
    assert ("standards/broken.md", "MEA001") in found
    found_on_broken = ("standards/broken.md", "STR000")
    assert found_on_broken in found
    assert ("standards/good.md", "STR000") not in found
    # The handbook-wide rule's failure is reported on handbook.yml.
    assert ("handbook.yml", "STR000") in found
    assert sorted((f.path, f.stage, f.error) for f in result.failures) == [
        ("handbook.yml", "CNS999", "ZeroDivisionError"),
        ("standards/broken.md", "CON999", "KeyError"),
    ]
    internal = next(
        d for d in result.diagnostics if d.path == "standards/broken.md" and d.code == "STR000"
    )
    assert (
        internal.message == "internal error in CON999 (KeyError): this file was not fully checked"
    )
    assert internal.severity is Severity.ERROR
    assert result.fails(None)  # never clean, whatever --fail-on says


def test_a_failure_while_reading_one_file_leaves_the_others_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handbook = _handbook(tmp_path)
    real_parse = __import__("stdlint.engine.judge", fromlist=["parse"]).parse

    def parse(source: object, shown: str, lang: object) -> Document:
        if shown.endswith("broken.md"):
            raise RecursionError("deep")
        return real_parse(source, shown, lang)  # type: ignore[no-any-return]

    monkeypatch.setattr("stdlint.engine.judge.parse", parse)
    result = check(None, load_profile(handbook / "handbook.yml"), DAY)
    assert [(d.path, d.code) for d in result.diagnostics] == [("standards/broken.md", "STR000")]
    assert result.diagnostics[0].message.startswith("internal error while reading the file")
    states = {record.path: record.state.value for record in result.files}
    assert states == {"standards/broken.md": "unreadable", "standards/good.md": "checked"}


def test_the_internal_error_speaks_the_file_language(tmp_path: Path, buggy_rules: None) -> None:
    text = GOOD_STANDARD.replace("lang: en", "lang: ru")
    result = check_text(text, "broken.md", today=DAY)
    internal = sorted(d.message for d in result.diagnostics if d.code == "STR000")
    assert internal == [
        "внутренняя ошибка в CNS999 (ZeroDivisionError): файл проверен не полностью",
        "внутренняя ошибка в CON999 (KeyError): файл проверен не полностью",
    ]


@pytest.mark.usefixtures("buggy_rules")
def test_the_cli_says_the_run_is_not_clean_and_shows_tracebacks_on_request(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    handbook = _handbook(tmp_path)
    run = run_cli("check", "--fail-on", "never", "--format", "json", cwd=handbook)
    assert run.exit_code == 1
    codes = [(d["path"], d["code"], d["criterion"]) for d in run.json()["diagnostics"]]
    assert ("standards/broken.md", "STR000", "structure") in codes
    assert "--debug shows the tracebacks" in run.stderr
    assert "Traceback" not in run.stderr
    debug = run_cli("check", "--debug", cwd=handbook)
    assert "Traceback (most recent call last)" in debug.stderr
    assert "KeyError: 'a bug'" in debug.stderr
    assert "standards/broken.md [CON999]" in debug.stderr


def test_explain_knows_the_internal_error(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    run = run_cli("explain", "STR000", "--lang", "ru", cwd=tmp_path)
    assert run.exit_code == 0
    assert run.output.startswith("STR000 internal-error\nЭто не правило")

"""What a new user tripped on when writing a handbook from scratch: each case as they met it."""

from __future__ import annotations

import json
import pickle
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from stdlint import check, load_settings
from stdlint.config import load_profile
from stdlint.i18n import Lang
from tests.conftest import GOOD_STANDARD, REPO, Run, example_copy

RETAIL_PROFILE = """\
languages: [ru]
standards: [standards]
journey:
  - {id: purchase, title: {ru: Покупка}}
  - {id: support, title: {ru: Поддержка}}
channels:
  - {id: phone, title: {ru: Телефон}}
  - {id: store, title: {ru: Магазин}}
"""


def _handbook(tmp_path: Path, profile: str, standards: dict[str, str] | None = None) -> Path:
    (tmp_path / "standards").mkdir(parents=True)
    (tmp_path / "handbook.yml").write_text(profile, "utf-8")
    for name, text in (standards or {"good.md": GOOD_STANDARD}).items():
        (tmp_path / "standards" / name).write_text(text, "utf-8")
    return tmp_path


def test_a_typo_inside_coverage_stops_the_run_with_a_did_you_mean(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    profile = RETAIL_PROFILE + "coverage:\n  required:\n    - {stage: suport, channel: phone}\n"
    handbook = _handbook(tmp_path, profile)
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    assert run.stderr.strip() == (
        "handbook.yml:11:15: «suport» в «coverage.required[0].stage» — это не этап пути клиента "
        "(journey) — возможно, имелось в виду «support»?"
    )
    assert "CMP002" not in run.output


def test_an_unknown_channel_in_not_applicable_is_reported_too(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    profile = (
        RETAIL_PROFILE + "coverage:\n  not_applicable:\n    - {stage: support, channel: fax}\n"
    )
    run = run_cli("check", "--lang", "en", cwd=_handbook(tmp_path, profile))
    assert run.exit_code == 2
    assert "handbook.yml:11:33: “fax” in “coverage.not_applicable[0].channel”" in run.stderr
    assert "use one of: phone, store" in run.stderr


def test_a_severity_typo_gets_one_plain_message(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    handbook = _handbook(tmp_path, "languages: [en]\nrules:\n  CON001: warn\n")
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    assert run.stderr.strip() == (
        "handbook.yml:3:11: “warn” is not a setting for CON001; allowed: error, warning, info, "
        "off — use “warning”"
    )


def test_configuration_errors_speak_the_handbook_language_in_every_stage(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    unknown_field = _handbook(tmp_path / "a", "languages: [ru]\nchanels: [phone]\n")
    run = run_cli("check", cwd=unknown_field)
    assert run.exit_code == 2
    assert "неизвестное поле «chanels»" in run.stderr
    unknown_rule = _handbook(tmp_path / "b", "languages: [ru]\nrules: {CON999: error}\n")
    run = run_cli("check", cwd=unknown_rule)
    assert run.exit_code == 2
    assert "неизвестное правило «CON999»" in run.stderr
    run = run_cli("check", "--lang", "en", cwd=unknown_field)
    assert "unknown field “chanels”" in run.stderr


def test_rule_options_are_validated_with_positions(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    handbook = _handbook(tmp_path, "languages: [en]\nrules:\n  TRN001: {max_wrds: 12}\n")
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    assert "handbook.yml:3:12: unknown field “max_wrds” — did you mean “max_words”?" in run.stderr


def test_a_rule_option_changes_what_the_rule_finds(tmp_path: Path) -> None:
    long_step = GOOD_STANDARD.replace(
        "1. Answer within 20 seconds.",
        "1. Answer within 20 seconds and say the company name, your first name and the "
        "question you will help with today.",
    )
    handbook = _handbook(tmp_path, "languages: [en]\n", {"good.md": long_step})
    assert "TRN001" not in _codes(handbook)
    (handbook / "handbook.yml").write_text(
        "languages: [en]\nrules:\n  TRN001: {severity: error, max_words: 12}\n", "utf-8"
    )
    settings = load_settings(handbook / "handbook.yml")
    result = check(None, settings, date(2026, 6, 1))
    found = [d for d in result.diagnostics if d.code == "TRN001"]
    assert [(d.severity.value, d.line) for d in found] == [("error", 17)]
    assert found[0].message.endswith("more than 12 are hard to follow")


def _codes(handbook: Path) -> list[str]:
    profile = load_profile(handbook / "handbook.yml")
    return [d.code for d in check(None, profile, date(2026, 6, 1)).diagnostics]


def test_check_dot_does_not_lint_markdown_outside_the_standards(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "README.md").write_text("# How we write standards\n", "utf-8")
    run = run_cli("check", ".", "--format", "json", cwd=handbook)
    assert run.exit_code == 0
    assert run.json()["files"] == 1
    assert run.json()["diagnostics"] == []
    text = run_cli("check", ".", "--lang", "en", cwd=handbook).output
    assert "Skipped 1 file outside the handbook's standards" in text
    named = run_cli("check", "README.md", "--format", "json", cwd=handbook).json()
    assert [d["code"] for d in named["diagnostics"]] == ["STR001"]


def test_paths_are_relative_to_the_handbook_root_wherever_the_run_starts(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "standards" / "bad.md").write_text("no front matter\n", "utf-8")
    run = run_cli("check", "bad.md", "--format", "json", cwd=handbook / "standards")
    assert [d["path"] for d in run.json()["diagnostics"]] == ["standards/bad.md"]
    result = check([handbook / "standards" / "bad.md"], load_profile(handbook / "handbook.yml"))
    assert result.absolute(result.diagnostics[0]) == (handbook / "standards" / "bad.md")


def test_coverage_and_check_agree_on_dimensions(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    # No standard names a dimension and the profile keeps the defaults: neither reports gaps.
    quiet = _handbook(tmp_path / "quiet", "languages: [en]\njourney: [{id: support}]\n")
    assert "CMP003" not in run_cli("check", "--format", "json", cwd=quiet).output
    report = run_cli("coverage", "--format", "json", cwd=quiet).json()
    assert report["dimensions_tracked"] is False
    assert "not tracked yet" in run_cli("coverage", "--lang", "en", cwd=quiet).output
    # The profile lists its dimensions: both report the one nobody covers.
    listed = _handbook(
        tmp_path / "listed", "languages: [en]\njourney: [{id: support}]\ndimensions: [accuracy]\n"
    )
    codes = [
        d["code"] for d in run_cli("check", "--format", "json", cwd=listed).json()["diagnostics"]
    ]
    assert codes.count("CMP003") == 1
    report = run_cli("coverage", "--format", "json", cwd=listed).json()
    assert report["dimensions_tracked"] is True
    assert report["dimensions"] == [{"id": "accuracy", "title": "Accuracy", "standards": []}]


def test_a_russian_report_names_the_default_dimensions_in_russian(
    run_cli: Callable[..., Run],
) -> None:
    text = run_cli("coverage", "--lang", "ru", cwd=REPO).output
    assert "Доступность" in text and "Эффективность" in text
    assert "availability" not in text


def test_reports_without_a_handbook_do_not_advise_naming_files(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    for command in ("coverage", "review"):
        run = run_cli(command, cwd=tmp_path)
        assert run.exit_code == 2
        assert "pass --config" in run.stderr
        assert "name the files" not in run.stderr


def test_an_empty_handbook_yml_is_announced(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "handbook.yml").write_text("# to be filled in\n", "utf-8")
    run = run_cli("check", cwd=handbook)
    assert "handbook.yml” is empty: using the default settings" in run.stderr
    assert run.exit_code == 0


def test_the_readme_json_example_is_what_check_prints(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    block = README_JSON.search((REPO / "README.md").read_text("utf-8"))
    assert block is not None
    promised = json.loads(block.group(1))
    copy = example_copy(tmp_path)
    target = copy / "standards" / "email" / "first-reply.ru.md"
    target.write_text(
        target.read_text("utf-8").replace("status: active", "status: aktive"), "utf-8"
    )
    actual = run_cli("check", "--format", "json", "--today", "2026-11-23", cwd=copy).json()
    assert actual["files"] == promised["files"]
    assert actual["summary"] == promised["summary"]
    for key in ("path", "line", "column", "end_line", "end_column", "code", "severity"):
        assert [d[key] for d in actual["diagnostics"]] == [d[key] for d in promised["diagnostics"]]


README_JSON = re.compile(r"### JSON output.*?```json\n(.*?)\n```", re.S)


def test_the_result_is_enough_for_a_consumer(tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    shutil.copy(handbook / "standards" / "phone" / "answer-call.en.md", handbook / "NOTES.md")
    result = check([handbook], load_settings(handbook / "handbook.yml"), date(2026, 11, 23))
    states = {record.path: record.state.value for record in result.files}
    assert states["NOTES.md"] == "skipped"
    assert states["standards/phone/answer-call.en.md"] == "checked"
    assert result.checked_files == len(result.handbook)
    assert result.documents == ()  # check() keeps no parsed text, only each standard's facts
    assert result.today == date(2026, 11, 23)
    assert result.profile.path == (handbook / "handbook.yml").resolve()
    con001 = result.rule("CON001")
    assert con001 is not None and con001.criterion.value == "concreteness"
    assert con001.documentation[Lang.EN]["what_it_does"].startswith("Flags words such as")
    assert con001.summary(Lang.RU).startswith("Качество или манера поведения")
    facts = result.standard("standards/phone/answer-call.en.md")
    assert facts is not None and facts.meta is not None and facts.meta.id == "phone-answer"


def test_a_result_travels_between_processes() -> None:
    result = check(None, load_settings(REPO / "handbook.yml"), date(2026, 11, 23))
    copy = pickle.loads(pickle.dumps(result))
    assert copy.diagnostics == result.diagnostics
    assert [doc.meta for doc in copy.handbook] == [doc.meta for doc in result.handbook]
    assert copy.profile.position(("journey", 0)) == result.profile.position(("journey", 0))


def test_every_profile_problem_is_reported_in_one_run(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    profile = (
        RETAIL_PROFILE
        + "coverage:\n  required:\n    - {stage: suport, channel: phone}\n"
        + "rules:\n  CON001: warn\n"
    )
    run = run_cli("check", cwd=_handbook(tmp_path, profile))
    assert run.exit_code == 2
    assert [line.split(": ")[0] for line in run.stderr.strip().split("\n")] == [
        "handbook.yml:11:15",
        "handbook.yml:13:11",
    ]


def test_a_missing_standards_folder_is_reported_in_the_language_asked_for(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    handbook = _handbook(tmp_path, "languages: [ru]\nstandards: [standrds]\n")
    assert "папки со стандартами «standrds» не существует" in run_cli("check", cwd=handbook).stderr
    english = run_cli("check", "--lang", "en", cwd=handbook)
    assert english.exit_code == 2
    assert "handbook.yml:2:13: the standards folder “standrds” does not exist" in english.stderr

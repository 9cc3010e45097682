"""The CLI as users run it: the example handbook, a broken copy, formats, options, exit codes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from stdlint.i18n import Lang, plural
from tests.conftest import GOOD_STANDARD, Run, example_copy

REPO = Path(__file__).resolve().parent.parent
OUTPUT_SCHEMA = json.loads((Path(__file__).parent / "data" / "output.schema.json").read_text())
EXAMPLE_DAY = "2026-11-23"


def test_example_handbook_is_clean(run_cli: Callable[..., Run]) -> None:
    run = run_cli("check", "--today", EXAMPLE_DAY, cwd=REPO)
    assert run.exit_code == 0, run.output
    standards = len(list((REPO / "standards").rglob("*.md")))
    assert standards >= 5
    files = plural(Lang.RU, standards, ("file", "files"), ("файл", "файла", "файлов"))
    assert run.output.strip() == f"Проверено: {files}; замечаний нет."
    # The README quotes the same line.
    assert f"`Проверено: {files}; замечаний нет.`" in (REPO / "README.md").read_text("utf-8")


def test_example_handbook_json_is_clean_and_valid(run_cli: Callable[..., Run]) -> None:
    run = run_cli("check", "--format", "json", "--today", EXAMPLE_DAY, cwd=REPO)
    report = run.json()
    jsonschema.validate(report, OUTPUT_SCHEMA)
    assert report["diagnostics"] == []
    assert report["summary"] == {"error": 0, "warning": 0, "info": 0}
    assert run.exit_code == 0


def _break_first_standard(handbook: Path) -> tuple[Path, int]:
    """Misspell the status of one example standard; return its path and the status line."""
    target = sorted((handbook / "standards").rglob("*.md"))[0]
    lines = target.read_text("utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines[number] = "status: aktive"
    target.write_text("\n".join(lines), "utf-8")
    return target, number + 1


def test_broken_copy_text_output_points_at_the_line(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    handbook = example_copy(tmp_path)
    target, line = _break_first_standard(handbook)
    run = run_cli("check", "--today", EXAMPLE_DAY, cwd=handbook)
    relative = target.relative_to(handbook).as_posix()
    assert run.exit_code == 1
    assert re.search(rf"^{re.escape(relative)}:{line}:9 +ошибка +STR004  ", run.output, re.M), (
        run.output
    )
    assert "\x1b[" not in run.output, "no colour when the output is not a terminal"
    assert "→" in run.output


def test_broken_copy_json_output_matches_the_contract(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    handbook = example_copy(tmp_path)
    target, line = _break_first_standard(handbook)
    run = run_cli("check", "--format", "json", "--today", EXAMPLE_DAY, cwd=handbook)
    report = run.json()
    jsonschema.validate(report, OUTPUT_SCHEMA)
    assert run.exit_code == 1
    [diagnostic] = report["diagnostics"]
    assert diagnostic["path"] == target.relative_to(handbook).as_posix()
    assert (diagnostic["line"], diagnostic["column"]) == (line, 9)
    assert (diagnostic["code"], diagnostic["criterion"], diagnostic["severity"]) == (
        "STR004",
        "structure",
        "error",
    )
    assert "aktive" in diagnostic["message"]
    assert report["summary"] == {"error": 1, "warning": 0, "info": 0}


def test_messages_follow_the_file_language(run_cli: Callable[..., Run], handbook: Path) -> None:
    text = "---\nid: otvet\ntitle: Ответ\nlang: ru\nstatus: действует\n---\n"
    text += "\n## Правило\n\n1. Ответьте.\n"
    (handbook / "standards" / "ru.md").write_text(text, "utf-8")
    report = run_cli("check", "--format", "json", cwd=handbook).json()
    # The structure findings; the status is read as "active", so currency findings follow too.
    found = [
        (d["code"], d["message"], d["suggestion"])
        for d in report["diagnostics"]
        if d["code"].startswith("STR")
    ]
    assert found == [
        (
            "STR004",
            "в поле «status» указано «действует»; допустимо: «draft», «active», «retired»",
            "используйте одно из значений: draft, active, retired",
        ),
        (
            "STR006",
            "в стандарте нет раздела «Зачем»",
            "добавьте раздел «## Зачем»: причина для клиента и бизнеса",
        ),
        (
            "STR006",
            "в стандарте нет раздела «Как проверяем»",
            "добавьте раздел «## Как проверяем»: как проверяется выполнение",
        ),
    ]


def test_fail_on_levels(run_cli: Callable[..., Run], handbook: Path) -> None:
    text = GOOD_STANDARD.replace("phone-answer", "other").replace(
        "# Answering the phone", "# Answering calls"
    )
    (handbook / "standards" / "warning.md").write_text(text, "utf-8")
    assert run_cli("check", cwd=handbook).exit_code == 0  # a warning does not fail by default
    assert run_cli("check", "--fail-on", "warning", cwd=handbook).exit_code == 1
    (handbook / "standards" / "error.md").write_text("no front matter\n", "utf-8")
    assert run_cli("check", cwd=handbook).exit_code == 1
    assert run_cli("check", "--fail-on", "never", cwd=handbook).exit_code == 0


def test_severity_overrides_and_disabled_rules(run_cli: Callable[..., Run], handbook: Path) -> None:
    text = GOOD_STANDARD.replace("phone-answer", "other").replace(
        "# Answering the phone", "# Answering calls"
    )
    (handbook / "standards" / "warning.md").write_text(text, "utf-8")
    profile = handbook / "handbook.yml"
    profile.write_text(profile.read_text() + "rules:\n  title-mismatch: error\n")
    report = run_cli("check", "--format", "json", cwd=handbook).json()
    assert [(d["code"], d["severity"]) for d in report["diagnostics"]] == [("STR011", "error")]
    profile.write_text(profile.read_text().replace("title-mismatch: error", "STR011: off"))
    run = run_cli("check", "--format", "json", cwd=handbook)
    assert run.json()["diagnostics"] == []
    assert run.exit_code == 0


def test_configuration_error_exits_2_with_position(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    profile = handbook / "handbook.yml"
    profile.write_text(profile.read_text() + "chanels: [phone]\nrules:\n  STR999: off\n")
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    assert "handbook.yml:3:1: unknown field “chanels” — did you mean “channels”?" in run.stderr
    assert run.output == ""


def test_unknown_rule_in_profile_exits_2(run_cli: Callable[..., Run], handbook: Path) -> None:
    profile = handbook / "handbook.yml"
    profile.write_text(profile.read_text() + "rules:\n  title-mismatc: warning\n")
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    assert "handbook.yml:4:3: unknown rule “title-mismatc”" in run.stderr
    assert "did you mean “title-mismatch”?" in run.stderr


def test_bad_today_is_a_usage_error(run_cli: Callable[..., Run], handbook: Path) -> None:
    run = run_cli("check", "--today", "2026-02-30", cwd=handbook)
    assert run.exit_code == 2
    assert "--today" in run.stderr


def test_no_handbook_checks_the_standards_folder_with_defaults(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "one.md").write_text(GOOD_STANDARD, "utf-8")
    (tmp_path / "notes.md").write_text("not a standard\n", "utf-8")
    run = run_cli("check", "--format", "json", cwd=tmp_path)
    assert (
        "no handbook.yml here or above: checking standards with the default settings" in run.stderr
    )
    assert run.json()["files"] == 1
    assert run.exit_code == 0


def test_no_handbook_and_no_standards_folder_checks_the_current_folder(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "one.md").write_text("not a standard\n", "utf-8")
    run = run_cli("check", "--format", "json", cwd=tmp_path)
    assert "checking . with the default settings" in run.stderr
    assert [d["code"] for d in run.json()["diagnostics"]] == ["STR001"]
    assert run.exit_code == 1


def test_reports_need_a_handbook(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    run = run_cli("coverage", cwd=tmp_path)
    assert run.exit_code == 2
    assert "no handbook.yml" in run.stderr


def test_explicit_file_without_any_profile(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    (tmp_path / "one.md").write_text(GOOD_STANDARD, "utf-8")
    run = run_cli("check", "one.md", "--format", "json", cwd=tmp_path)
    assert run.json()["files"] == 1
    assert run.exit_code == 0


def test_checking_one_file_still_sees_the_rest_of_the_handbook(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "standards" / "copy.md").write_text(GOOD_STANDARD, "utf-8")
    report = run_cli("check", "standards/copy.md", "--format", "json", cwd=handbook).json()
    assert report["files"] == 1
    [diagnostic] = report["diagnostics"]
    assert diagnostic["code"] == "STR008"
    assert diagnostic["path"] == "standards/copy.md"
    assert "standards/good.md" in diagnostic["message"]


def test_russian_summary(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "standards" / "bad.md").write_text("нет шапки\n", "utf-8")
    run = run_cli("check", "--lang", "ru", cwd=handbook)
    assert run.output.strip().endswith(
        "Проверено: 2 файла; 1 ошибка, 0 предупреждений, 0 подсказок."
    )
    assert "standards/bad.md:1:1  ошибка  STR001  у файла нет шапки (front matter)" in run.output


@pytest.mark.parametrize(
    ("lang", "error", "warning", "info"),
    [("en", "error", "warning", "info"), ("ru", "ошибка", "предупреждение", "подсказка")],
    ids=["en", "ru"],
)
def test_text_output_names_the_severity_without_colour(
    run_cli: Callable[..., Run], handbook: Path, lang: str, error: str, warning: str, info: str
) -> None:
    profile = handbook / "handbook.yml"
    profile.write_text(profile.read_text() + "rules: {MEA001: warning, CON003: info}\n")
    vague = GOOD_STANDARD.replace("phone-answer", "vague").replace(
        "1. Answer within 20 seconds.", "1. Answer promptly and be polite where possible."
    )
    (handbook / "standards" / "vague.md").write_text(vague, "utf-8")
    run = run_cli("check", "--no-color", "--lang", lang, cwd=handbook)
    assert "\x1b[" not in run.output
    findings = [line for line in run.output.split("\n") if line.startswith("standards/")]
    assert {line.split()[2]: line.split()[1] for line in findings} == {
        "MEA001": warning,
        "CON003": info,
        "CON002": error,
    }, run.output
    # The severity and the code start in the same column on every line.
    assert len({line.index(line.split()[1]) for line in findings}) == 1, run.output
    assert len({line.index(line.split()[2]) for line in findings}) == 1, run.output


def test_colour_on_request(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "standards" / "bad.md").write_text("no front matter\n", "utf-8")
    assert "\x1b[" in run_cli("check", "--color", cwd=handbook).output


def test_suppressions_are_counted(run_cli: Callable[..., Run], handbook: Path) -> None:
    text = GOOD_STANDARD.replace("phone-answer", "other").replace(
        "# Answering the phone",
        "# Answering calls <!-- stdlint-disable-line STR011 -- short menu title -->",
    )
    (handbook / "standards" / "suppressed.md").write_text(text, "utf-8")
    run = run_cli("check", "--format", "json", cwd=handbook)
    assert run.json()["suppressed"] == 1
    assert run.json()["diagnostics"] == []
    assert "1 suppressed." in run_cli("check", cwd=handbook).output


def test_explain_prints_the_rule_documentation(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    run = run_cli("explain", "unknown-field", cwd=tmp_path)
    assert run.exit_code == 0
    assert run.output.startswith(
        "STR003 unknown-field\ncriterion: structure · default severity: error"
    )
    for heading in ("What it does", "Why it matters", "Example", "Use instead"):
        assert f"\n{heading}\n" in run.output
    assert "chanels: [phone]" in run.output


def test_explain_lists_rules_and_rejects_unknown_codes(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    listing = run_cli("explain", cwd=tmp_path).output
    assert re.search(r"^STR001  missing-front-matter\s+error\s+The file", listing, re.M)
    run = run_cli("explain", "XYZ123", cwd=tmp_path)
    assert run.exit_code == 2
    assert "stdlint explain" in run.stderr


def test_schema_command_writes_and_checks(run_cli: Callable[..., Run], tmp_path: Path) -> None:
    assert run_cli("schema", "--check", cwd=tmp_path).exit_code == 1
    written = run_cli("schema", cwd=tmp_path)
    assert "wrote schema/standard.schema.json" in written.output
    assert run_cli("schema", "--check", cwd=tmp_path).exit_code == 0
    assert run_cli("schema", cwd=tmp_path).output == ""  # nothing changed, nothing written


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "-m", "stdlint"], [str(Path(sys.executable).parent / "stdlint")]],
    ids=["python-m", "console-script"],
)
def test_installed_commands_on_the_example_handbook(command: list[str]) -> None:
    completed = subprocess.run(
        [*command, "check", "--format", "json", "--today", EXAMPLE_DAY],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert json.loads(completed.stdout)["diagnostics"] == []


def _command(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m stdlint ARGS`` as a user runs it: its own process, which ends quickly."""
    return subprocess.run(
        [sys.executable, "-m", "stdlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_command_flushes_all_its_output_before_it_ends_and_keeps_its_status(
    tmp_path: Path,
) -> None:
    # The process ends without tearing its objects down: everything written must be out first.
    clean = _command("check", "--format", "json", "--no-cache", cwd=REPO)
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["files"] == len(list((REPO / "standards").rglob("*.md")))
    findings = REPO / "tests" / "fixtures" / "language"
    found = _command(
        "check", "--format", "json", "--no-cache", "--today", "2026-06-01", cwd=findings
    )
    report = json.loads(found.stdout)
    assert found.returncode == 1 and len(report["diagnostics"]) > 5
    assert found.stdout.endswith("}\n")
    text = _command("check", "--no-cache", "--no-color", "--today", "2026-06-01", cwd=findings)
    assert text.returncode == 1 and text.stdout.rstrip().splitlines()[-1].startswith("Checked")
    usage = _command("check", "--no-such-option", cwd=REPO)
    assert usage.returncode == 2 and "No such option" in usage.stderr
    assert _command("--version", cwd=tmp_path).stdout.startswith("stdlint, version ")


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    # Findings enough to fill the pipe many times over: the command is still writing when the
    # reader goes, and its writes and its last flush meet a broken pipe.
    fixture = REPO / "tests" / "fixtures" / "language"
    handbook = tmp_path / "handbook"
    (handbook / "standards").mkdir(parents=True)
    shutil.copy(fixture / "handbook.yml", handbook / "handbook.yml")
    for copy in range(12):
        for path in fixture.glob("*.md"):
            shutil.copy(path, handbook / "standards" / f"{copy}-{path.name}")
    command = [sys.executable, "-m", "stdlint", "check", "--format", "json", "--no-cache"]
    with subprocess.Popen(
        command, cwd=handbook, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10) == b'{\n  "versi'
        process.stdout.close()  # as `stdlint check | head -c 10` does
        errors = process.stderr.read().decode()
        status = process.wait(timeout=120)
    assert status == 1
    assert "Traceback" not in errors and "Exception ignored" not in errors

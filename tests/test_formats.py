"""The report formats: golden outputs of one handbook, and each format read by its consumer.

``tests/golden/handbook`` is a small courier company's handbook with errors, warnings and notes
in English and Russian and a file that is not UTF-8. Each format's output is compared byte for
byte with ``tests/golden/<format>.<lang>.<ext>``; ``STDLINT_UPDATE_GOLDEN=1`` rewrites them.
Then each format is read the way its consumer reads it: SARIF against the official JSON Schema,
JUnit XML with junitparser, rdjsonl against reviewdog's JSON Schema, the GitHub and GitLab
formats against their documented rules.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import click
import jsonschema
import pytest
from junitparser import Failure, JUnitXml

from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.engine import check, read_handbook
from stdlint.fingerprints import fingerprints
from stdlint.formats import (
    FORMATS,
    auto,
    common,
    github,
    gitlab,
    json_format,
    junit,
    pieces,
    rdjsonl,
    sarif,
)
from stdlint.i18n import Lang
from stdlint.result import FileState, Result
from stdlint.settings import load_settings
from tests.conftest import Run

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"
HANDBOOK = GOLDEN / "handbook"
TODAY = date(2026, 11, 30)
UPDATE = os.environ.get("STDLINT_UPDATE_GOLDEN") == "1"
# The variables through which CI changes what the formats write: never set in a golden run.
CI_VARIABLES = (
    "GITHUB_ACTIONS",
    "GITHUB_WORKSPACE",
    "GITHUB_STEP_SUMMARY",
    "CI_PROJECT_DIR",
    "STDLINT_LANG",
)
EXTENSIONS = {
    "text": "txt",
    "json": "json",
    "sarif": "sarif.json",
    "github": "txt",
    "gitlab": "json",
    "junit": "xml",
    "rdjsonl": "jsonl",
}
# Formats whose words depend on the run's language get a golden file in each language; the
# SARIF log is in English only (its Russian rule texts are checked below): it carries the
# documentation of every rule, and one copy of that is enough to review.
GOLDEN_RUNS = [
    (name, lang)
    for name in EXTENSIONS
    for lang in Lang
    if lang is Lang.EN or name in ("text", "github", "junit")
]
# The handbook's address in the SARIF log depends on the checkout: the golden file has this.
ROOT_PLACEHOLDER = "file:///golden/handbook/"


@pytest.fixture(scope="module")
def result() -> Result:
    """The golden handbook, checked once."""
    settings = load_settings(HANDBOOK / "handbook.yml", (), Lang.EN)
    return check(None, settings, TODAY)


@pytest.fixture(autouse=True)
def outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts outside CI, in the golden handbook's folder (rdjsonl's paths)."""
    for name in CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(HANDBOOK)


def rendered(name: str, result: Result, lang: Lang) -> str:
    """The output of a format as a file would hold it: no terminal styles, no checkout path."""
    output = click.unstyle(FORMATS[name](result, lang))
    return output.replace(HANDBOOK.as_uri() + "/", ROOT_PLACEHOLDER)


# --- the golden handbook ------------------------------------------------------------------


def test_the_golden_handbook_has_findings_of_each_severity_in_both_languages(
    result: Result,
) -> None:
    langs = {doc.display_path: doc.lang for doc in result.handbook}
    found = Counter(
        (diagnostic.severity, langs.get(diagnostic.path)) for diagnostic in result.diagnostics
    )
    for severity in Severity:
        for lang in Lang:
            assert found[severity, lang] >= 2, (severity, lang, found)
    states = Counter(record.state for record in result.files)
    assert states[FileState.UNREADABLE] == 1
    assert states[FileState.CHECKED] == 3


@pytest.mark.parametrize(
    ("name", "lang"), GOLDEN_RUNS, ids=[f"{n}-{lang}" for n, lang in GOLDEN_RUNS]
)
def test_golden_output(name: str, lang: Lang, result: Result) -> None:
    golden = GOLDEN / f"{name}.{lang}.{EXTENSIONS[name]}"
    output = rendered(name, result, lang)
    if UPDATE:
        golden.write_bytes(output.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.name}: run with STDLINT_UPDATE_GOLDEN=1"
    expected = golden.read_bytes().decode("utf-8")
    assert output == expected, f"{name} ({lang}) differs from {golden.name}; rewrite it with "
    "STDLINT_UPDATE_GOLDEN=1 if the change is intended"


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_pieces_written_as_they_come_are_the_whole_output(name: str, result: Result) -> None:
    # The command line writes a format's pieces as they are rendered (json and text: a finding
    # at a time), never the output held whole; together they must be what render gives.
    from stdlint.formats import pieces

    chosen = "text" if name == "auto" else name
    parts = list(pieces(chosen, result, Lang.RU))
    assert "".join(parts) == FORMATS[chosen](result, Lang.RU)
    if chosen in ("json", "text"):
        assert len(parts) > len(result.diagnostics)  # written a finding at a time


def test_every_golden_file_is_still_produced() -> None:
    expected = {f"{name}.{lang}.{EXTENSIONS[name]}" for name, lang in GOLDEN_RUNS}
    present = {path.name for path in GOLDEN.iterdir() if path.is_file()}
    assert present == expected


def test_every_format_is_offered_by_check_and_text_stays_the_default(
    run_cli: Callable[..., Run],
) -> None:
    assert set(FORMATS) == {"text", "json", "sarif", "github", "gitlab", "junit", "rdjsonl", "auto"}
    run = run_cli("check", "--help", cwd=HANDBOOK)
    assert "[auto|github|gitlab|json|junit|rdjsonl|sarif|text]" in run.output
    plain = run_cli("check", "--today", TODAY.isoformat(), "--lang", "en", cwd=HANDBOOK)
    assert plain.exit_code == 1
    assert plain.output == click.unstyle(FORMATS["text"](check_golden(), Lang.EN))


@pytest.mark.parametrize("lang", list(Lang))
def test_text_unstyled_is_the_styled_text_without_its_styles(lang: Lang) -> None:
    result = check_golden()
    styled = "".join(pieces("text", result, lang))
    plain = "".join(pieces("text", result, lang, styled=False))
    assert "\x1b[" in styled and "\x1b[" not in plain
    assert plain == click.unstyle(styled)
    # A format that writes no styles is the same either way.
    assert "".join(pieces("json", result, lang, styled=False)) == FORMATS["json"](result, lang)


def check_golden() -> Result:
    return check(None, load_settings(HANDBOOK / "handbook.yml", (), Lang.EN), TODAY)


# --- SARIF --------------------------------------------------------------------------------


def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((TESTS / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("lang", list(Lang))
def test_sarif_is_valid_against_the_official_schema(result: Result, lang: Lang) -> None:
    log = json.loads(FORMATS["sarif"](result, lang))
    errors = [
        f"{list(error.path)}: {error.message}" for error in sarif_validator().iter_errors(log)
    ]
    assert errors == []


def test_the_sarif_schema_rejects_what_it_should(result: Result) -> None:
    # The validation above means something only if a broken log fails it.
    log = json.loads(FORMATS["sarif"](result, Lang.EN))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(sarif_validator().iter_errors(log))) == 2


def test_sarif_results_point_at_their_rules_files_and_fingerprints(result: Result) -> None:
    run = json.loads(FORMATS["sarif"](result, Lang.EN))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [rule.code for rule in result.rules]
    root = Path(unquote(run["originalUriBaseIds"]["%SRCROOT%"]["uri"].removeprefix("file://")))
    assert root == HANDBOOK
    levels = {"error": "error", "warning": "warning", "info": "note"}
    assert len(run["results"]) == len(result.diagnostics)
    for found, diagnostic, fingerprint in zip(
        run["results"], result.diagnostics, fingerprints(result), strict=True
    ):
        assert rules[found["ruleIndex"]]["id"] == found["ruleId"] == diagnostic.code
        assert found["level"] == levels[diagnostic.severity.value]
        assert found["partialFingerprints"] == {"stdlint/v1": fingerprint}
        location = found["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert (root / location["artifactLocation"]["uri"]).is_file()
        assert location["region"]["startLine"] == diagnostic.line
        assert location["region"]["startColumn"] == diagnostic.column
    assert len({found["partialFingerprints"]["stdlint/v1"] for found in run["results"]}) == len(
        run["results"]
    )


def test_sarif_takes_an_internal_error_and_a_file_outside_the_handbook(result: Result) -> None:
    failed = finding("internal error in CON001 (KeyError)", code="STR000")
    outside = finding(path="/elsewhere/phone.md", span=Span.point(1))
    log = sarif.sarif_log(dataclasses.replace(result, diagnostics=(failed, outside)), Lang.EN)
    assert list(sarif_validator().iter_errors(log)) == []
    internal, elsewhere = log["runs"][0]["results"]
    assert internal["ruleId"] == "STR000"
    assert "ruleIndex" not in internal  # not a rule: stdlint's own failure
    location = elsewhere["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "file:///elsewhere/phone.md"}
    assert location["region"] == {"startLine": 1, "startColumn": 1}  # a point: the whole line


def test_sarif_rules_are_documented_in_the_language_of_the_run(result: Result) -> None:
    english = json.loads(FORMATS["sarif"](result, Lang.EN))["runs"][0]
    russian = json.loads(FORMATS["sarif"](result, Lang.RU))["runs"][0]
    assert russian["language"] == "ru"
    for rule_en, rule_ru, info in zip(
        english["tool"]["driver"]["rules"],
        russian["tool"]["driver"]["rules"],
        result.rules,
        strict=True,
    ):
        assert rule_ru["shortDescription"]["text"] == info.summary(Lang.RU)
        assert rule_en["shortDescription"]["text"] == info.summary(Lang.EN)
        assert rule_en["helpUri"] == f"https://example.invalid/stdlint#{info.code.lower()}"
    vague = next(rule for rule in russian["tool"]["driver"]["rules"] if rule["id"] == "CON001")
    assert "### Что проверяет" in vague["help"]["markdown"]
    assert re.search("[а-я]", vague["fullDescription"]["text"])


def test_sarif_paths_start_at_the_ci_workspace_that_holds_the_handbook(result: Result) -> None:
    log = sarif.sarif_log(result, Lang.EN, str(GOLDEN))
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == GOLDEN.as_uri() + "/"
    uris = {
        found["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for found in run["results"]
    }
    assert "handbook/standards/phone-order.en.md" in uris
    assert all(uri.startswith("handbook/") for uri in uris)
    # A workspace that does not hold the handbook changes nothing.
    elsewhere = sarif.sarif_log(result, Lang.EN, str(TESTS / "data"))
    assert elsewhere["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == HANDBOOK.as_uri() + "/"


# --- GitHub -------------------------------------------------------------------------------


def unescape_data(value: str) -> str:
    """As GitHub's runner reads a command's message."""
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(value: str) -> str:
    """As GitHub's runner reads a command's property value."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def test_github_escapes_data_and_properties_as_the_runner_expects() -> None:
    assert github.escape_data("50% of calls\r\nnext: a, b") == "50%25 of calls%0D%0Anext: a, b"
    assert github.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    # %0A written by an author stays text: its % is escaped, so it is not read as a newline.
    assert unescape_data(github.escape_data("literal %0A")) == "literal %0A"


def finding(
    message: str = "“promptly” promises speed without a time limit",
    severity: Severity = Severity.ERROR,
    path: str = "standards/phone-order.en.md",
    span: Span | None = None,
    code: str = "MEA001",
) -> Diagnostic:
    return Diagnostic(
        path,
        span or Span(28, 20, 28, 28),
        code,
        Criterion.MEASURABILITY,
        severity,
        message,
        "replace “promptly” with a bound",
    )


def test_a_github_annotation_survives_percent_newline_colon_and_comma() -> None:
    diagnostic = finding("100% sure: answer, then\nconfirm")
    line = github.annotation(diagnostic, "standards/a,b:c.md", "MEA001 unbounded-deadline")
    assert line == (
        "::error file=standards/a%2Cb%3Ac.md,line=28,endLine=28,col=20,endColumn=28,"
        "title=MEA001 unbounded-deadline::100%25 sure: answer, then%0Aconfirm"
        "%0A→ replace “promptly” with a bound"
    )
    command = re.fullmatch(r"::(\w+) (.*?)::(.*)", line)
    assert command is not None
    properties = dict(part.split("=", 1) for part in command.group(2).split(","))
    assert unescape_property(properties["file"]) == "standards/a,b:c.md"
    assert unescape_data(command.group(3)).startswith("100% sure: answer, then\nconfirm\n→")


def test_a_github_annotation_spanning_lines_has_no_columns() -> None:
    line = github.annotation(finding(span=Span(3, 5, 6, 1)), "x.md", "MEA001")
    assert "line=3,endLine=6,title=" in line
    assert "col=" not in line


def many(result: Result) -> Result:
    """The golden result with 12 errors, 13 warnings and 11 notes, notes first."""
    diagnostics = [
        *(finding(f"note {n}", Severity.INFO, span=Span(n + 1, 1, n + 1, 2)) for n in range(11)),
        *(
            finding(f"warning {n}", Severity.WARNING, span=Span(n + 1, 1, n + 1, 2))
            for n in range(13)
        ),
        *(finding(f"error {n}", Severity.ERROR, span=Span(n + 1, 1, n + 1, 2)) for n in range(12)),
    ]
    return dataclasses.replace(result, diagnostics=tuple(diagnostics))


def test_github_annotations_go_most_severe_first_and_ten_of_each_kind(result: Result) -> None:
    output = github.annotated_log(many(result), Lang.EN)
    lines = output.split("\n")
    commands = [
        line.split(" ", 1)[0] for line in lines if re.match(r"::(error|warning|notice) ", line)
    ]
    assert commands == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 10
    assert next(line for line in lines if line.startswith("::error")).endswith(
        "::error 0%0A→ replace “promptly” with a bound"
    )
    notice = next(line for line in lines if line.startswith("GitHub shows"))
    assert "not shown as annotations: 2 errors, 3 warnings, 1 note" in notice
    # Every finding is still in the log, as a plain line.
    for kind, count in (("note", 11), ("warning", 13), ("error", 12)):
        for n in range(count):
            assert f"  MEA001  {kind} {n}\n" in output


def test_github_findings_listing_cannot_run_as_commands(result: Result) -> None:
    hostile = finding("::error file=x::injected", path="::warning::x.md")
    output = github.annotated_log(dataclasses.replace(result, diagnostics=(hostile,)), Lang.EN)
    lines = output.split("\n")
    start = next(index for index, line in enumerate(lines) if line.startswith("::stop-commands::"))
    token = lines[start].removeprefix("::stop-commands::")
    end = lines.index(f"::{token}::")
    assert len(token) == 32
    assert start < end
    assert token not in "\n".join(lines[start + 1 : end])
    assert any(line.startswith("::warning::x.md") for line in lines[start + 1 : end])


def test_github_paths_start_at_the_workspace_that_holds_the_handbook(result: Result) -> None:
    inside = github.annotated_log(result, Lang.EN, str(GOLDEN))
    assert "::error file=handbook/standards/phone-order.en.md,line=28," in inside
    assert "\nhandbook/standards/phone-order.en.md:28:20" in inside
    outside = github.annotated_log(result, Lang.EN, str(TESTS / "data"))
    assert "::error file=standards/phone-order.en.md,line=28," in outside


def test_github_step_summary_is_appended_when_github_names_the_file(
    run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("## An earlier step\n", "utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(GOLDEN))
    run = run_cli("check", "--format", "github", "--today", TODAY.isoformat(), cwd=HANDBOOK)
    assert run.exit_code == 1
    assert run.output.startswith("::error file=handbook/standards/")
    written = summary.read_text("utf-8")
    assert written.startswith("## An earlier step\n### stdlint\n")
    assert "Checked 4 files: 9 errors, 4 warnings, 6 notes." in written
    rows = [line for line in written.split("\n") if line.startswith("| handbook/")]
    assert len(rows) == 19
    assert "| handbook/standards/phone-order.en.md | 28 | error | MEA001 |" in written


def test_no_step_summary_outside_github_or_in_other_formats(
    run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run_cli("check", "--format", "text", "--today", TODAY.isoformat(), cwd=HANDBOOK)
    assert not summary.exists()


def test_a_step_summary_that_cannot_be_written_is_said_and_changes_nothing_else(
    run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder: cannot be opened
    run = run_cli("check", "--format", "github", "--today", TODAY.isoformat(), cwd=HANDBOOK)
    assert run.exit_code == 1
    assert f"could not write the step summary to {tmp_path}" in run.stderr
    assert run.output == github.annotated_log(check_golden(), Lang.EN)


def test_the_step_summary_table_is_capped_and_keeps_the_most_severe(result: Result) -> None:
    crowded = many(dataclasses.replace(result))
    more = tuple(
        finding(f"error {n}", Severity.ERROR, span=Span(n + 1, 1, n + 1, 2)) for n in range(12, 30)
    )
    crowded = dataclasses.replace(crowded, diagnostics=crowded.diagnostics + more)  # 54 in all
    text = github.step_summary(crowded, Lang.EN)
    rows = [line for line in text.split("\n") if line.startswith("| standards/")]
    assert len(rows) == github.SUMMARY_ROWS == 50
    assert "…and 4 more: every finding is in the step's log." in text
    assert sum("| info |" in row for row in rows) == 7  # 30 errors, 13 warnings, then notes
    russian = github.step_summary(crowded, Lang.RU)
    assert "| Файл | Строка | Уровень | Код | Замечание |" in russian
    assert "…и ещё 4: все замечания — в журнале шага." in russian


def test_the_step_summary_escapes_markdown(result: Result) -> None:
    hostile = finding("a | b <script> *bold*\nnext")
    text = github.step_summary(dataclasses.replace(result, diagnostics=(hostile,)), Lang.EN)
    assert "| a \\| b \\<script\\> \\*bold\\* next |" in text


# --- auto ---------------------------------------------------------------------------------


def test_auto_picks_github_under_github_actions(
    run_cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert auto.chosen({"GITHUB_ACTIONS": "true"}) == "github"
    assert auto.chosen({"GITHUB_ACTIONS": "false"}) == "text"
    assert auto.chosen({}) == "text"
    plain = run_cli("check", "--format", "auto", "--today", TODAY.isoformat(), cwd=HANDBOOK)
    assert plain.output.startswith("standards/chat-complaint.ru.md:9:16 ")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    annotated = run_cli("check", "--format", "auto", "--today", TODAY.isoformat(), cwd=HANDBOOK)
    assert annotated.output.startswith("::error file=standards/chat-complaint.ru.md,line=9,")
    assert annotated.exit_code == plain.exit_code == 1


# --- GitLab -------------------------------------------------------------------------------


def test_gitlab_report_has_the_fields_gitlab_requires(result: Result) -> None:
    report = json.loads(FORMATS["gitlab"](result, Lang.EN))
    assert isinstance(report, list)
    assert len(report) == len(result.diagnostics)
    severities = {"error": "major", "warning": "minor", "info": "info"}
    for issue, diagnostic in zip(report, result.diagnostics, strict=True):
        assert isinstance(issue["description"], str) and diagnostic.message in issue["description"]
        assert issue["check_name"] == diagnostic.code
        assert re.fullmatch("[0-9a-f]{32}", issue["fingerprint"])
        assert issue["severity"] == severities[diagnostic.severity.value]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert (HANDBOOK / issue["location"]["path"]).is_file()
        assert issue["location"]["lines"]["begin"] == diagnostic.line
        assert isinstance(issue["location"]["lines"]["begin"], int)
    assert len({issue["fingerprint"] for issue in report}) == len(report)
    assert not FORMATS["gitlab"](result, Lang.EN).startswith("\ufeff")


def test_gitlab_fingerprints_stay_unique_for_the_same_word_twice_on_a_line(result: Result) -> None:
    twice = (finding(span=Span(28, 20, 28, 28)), finding(span=Span(28, 40, 28, 48)))
    report = gitlab.code_quality(dataclasses.replace(result, diagnostics=twice))
    assert report[0]["fingerprint"] != report[1]["fingerprint"]


def test_gitlab_paths_start_at_the_project_folder_that_holds_the_handbook(result: Result) -> None:
    report = gitlab.code_quality(result, str(GOLDEN))
    assert all(issue["location"]["path"].startswith("handbook/standards/") for issue in report)
    assert all((GOLDEN / issue["location"]["path"]).is_file() for issue in report)


# --- JUnit --------------------------------------------------------------------------------


def test_junit_is_read_by_a_junit_parser(result: Result) -> None:
    xml = JUnitXml.fromstring(FORMATS["junit"](result, Lang.EN))
    suites = list(xml) if isinstance(xml, JUnitXml) else [xml]
    assert len(suites) == 1
    suite = suites[0]
    declared = (suite.tests, suite.failures, suite.errors)
    suite.update_statistics()
    assert (suite.tests, suite.failures, suite.errors) == declared
    checked = [record.path for record in result.files if record.state is not FileState.SKIPPED]
    cases = {case.name: case for case in suite}
    assert list(cases) == checked
    for path, case in cases.items():
        on_file = [diagnostic for diagnostic in result.diagnostics if diagnostic.path == path]
        failures = [entry for entry in case.result if isinstance(entry, Failure)]
        assert [failure.type for failure in failures] == [
            diagnostic.code for diagnostic in on_file if diagnostic.severity is not Severity.INFO
        ]
        for failure, diagnostic in zip(
            failures, [d for d in on_file if d.severity is not Severity.INFO], strict=True
        ):
            assert failure.message == diagnostic.message
            assert f"{path}:{diagnostic.line}:{diagnostic.column}" in failure.text
            assert diagnostic.suggestion in failure.text
        notes = [d for d in on_file if d.severity is Severity.INFO]
        assert (case.system_out or "").count("  info  ") == len(notes)
    assert suite.failures == sum(1 for d in result.diagnostics if d.severity is not Severity.INFO)


def test_junit_names_files_findings_are_about_that_were_not_checked(result: Result) -> None:
    extra = finding(path="handbook.yml", span=Span(3, 1, 3, 5))
    xml = junit.render(dataclasses.replace(result, diagnostics=(extra,)), Lang.EN)
    suite = next(iter(JUnitXml.fromstring(xml)))
    assert [case.name for case in suite][-1] == "handbook.yml"
    assert suite.failures == 1


def test_junit_stays_xml_with_control_characters_in_a_message(result: Result) -> None:
    odd = finding("bell \x07 and nul \x00")
    xml = junit.render(dataclasses.replace(result, diagnostics=(odd,)), Lang.EN)
    suite = next(iter(JUnitXml.fromstring(xml)))
    failure = next(entry for case in suite for entry in case.result)
    assert failure.message == "bell \\x07 and nul \\x00"


# --- rdjsonl ------------------------------------------------------------------------------


def rdjsonl_lines(output: str) -> Iterator[dict[str, object]]:
    assert output.endswith("\n")
    for line in output.rstrip("\n").split("\n"):
        yield json.loads(line)


def test_rdjsonl_lines_are_valid_against_reviewdogs_schema(result: Result) -> None:
    schema = json.loads((TESTS / "data" / "reviewdog-diagnostic.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    lines = list(rdjsonl_lines(FORMATS["rdjsonl"](result, Lang.EN)))
    assert len(lines) == len(result.diagnostics)
    for line in lines:
        assert list(validator.iter_errors(line)) == []
    assert list(validator.iter_errors({"severity": "FATAL"})) != []


def test_rdjsonl_columns_count_utf8_bytes(result: Result) -> None:
    lines = list(rdjsonl_lines(FORMATS["rdjsonl"](result, Lang.EN)))
    severities = {"error": "ERROR", "warning": "WARNING", "info": "INFO"}
    checked_russian = False
    # check() keeps no text: the documents as read_handbook parses them, lines as rules see them
    documents = read_handbook(load_settings(HANDBOOK / "handbook.yml"), TODAY, bodies=False)
    for line, diagnostic in zip(lines, result.diagnostics, strict=True):
        assert line["severity"] == severities[diagnostic.severity.value]
        assert line["code"] == {
            "value": diagnostic.code,
            "url": f"https://example.invalid/stdlint#{diagnostic.code.lower()}",
        }
        location = line["location"]
        assert isinstance(location, dict)
        assert location["path"] == diagnostic.path
        document = documents.document(diagnostic.path)
        if document is None or document.text is None:
            continue
        text = document.lines[diagnostic.line - 1]
        start = location["range"]["start"]
        assert start["column"] == len(text[: diagnostic.column - 1].encode()) + 1
        end_text = document.lines[diagnostic.span.end_line - 1]
        end = location["range"]["end"]
        assert end["column"] == len(end_text[: diagnostic.span.end_column - 1].encode()) + 1
        checked_russian |= start["column"] != diagnostic.column
    assert checked_russian  # some finding follows Cyrillic text on its line


def test_rdjsonl_paths_are_relative_to_the_working_folder(
    result: Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    below = rdjsonl.diagnostic_lines(result, GOLDEN)
    assert all(
        line["location"]["path"].startswith("handbook/")  # type: ignore[index]
        for line in rdjsonl_lines(below)
    )
    above = rdjsonl.diagnostic_lines(result, HANDBOOK / "standards")
    paths = [line["location"]["path"] for line in rdjsonl_lines(above)]  # type: ignore[index]
    # Run from a folder inside the handbook, reviewdog climbs out of it.
    assert "../standards/phone-order.en.md" in paths
    assert all((HANDBOOK / "standards" / path).is_file() for path in paths)


# --- shared -------------------------------------------------------------------------------


def test_the_documentation_url_is_the_one_pyproject_publishes() -> None:
    pyproject = tomllib.loads((TESTS.parent / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["urls"]["Documentation"] == common.DOCUMENTATION_URL


@pytest.mark.parametrize("count", [0, 1, 36])
def test_json_is_the_text_json_dumps_gives_for_the_whole(result: Result, count: int) -> None:
    # The format writes finding by finding (a big handbook's findings would otherwise be a
    # million small strings at once); the text must stay the one json.dumps writes.
    sample = dataclasses.replace(result, diagnostics=many(result).diagnostics[:count])
    whole = {
        "version": json_format.VERSION,
        "files": sample.checked_files,
        "diagnostics": [json_format.diagnostic_object(item) for item in sample.diagnostics],
        "summary": sample.summary,
        "suppressed": sample.suppressed,
    }
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    assert json_format.render(sample, Lang.RU) == expected

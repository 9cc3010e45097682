"""Adopting stdlint on a handbook with findings: --write-baseline, then --baseline FILE."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from stdlint import check
from stdlint.baseline import compare, entries
from stdlint.baseline.store import Entry
from stdlint.settings import load_settings
from tests.conftest import GOOD_STANDARD, Run, example_copy

EXAMPLE_DAY = "2026-11-23"
CHAT = Path("standards/chat/first-response.en.md")
STEP_3 = "3. Read the whole conversation with the assistant before you reply."


def _vague_chat(handbook: Path) -> Path:
    """Make two rule steps of the example's chat standard vague (three findings)."""
    target = handbook / CHAT
    text = target.read_text("utf-8")
    text = text.replace(STEP_3, "3. Read the conversation promptly and be polite.")
    text = text.replace(
        "4. Ask only for details the customer has not given yet, such as the contract number "
        "or address.",
        "4. Where possible, ask only for details the customer has not given yet.",
    )
    target.write_text(text, "utf-8")
    return target


def _codes(run: Run) -> list[tuple[str, str]]:
    return [(d["code"], d["message"]) for d in run.json()["diagnostics"]]


def test_moved_lines_keep_the_baseline_and_only_the_new_vague_step_is_reported(
    run_cli: Callable[..., Run], tmp_path: Path
) -> None:
    handbook = example_copy(tmp_path)
    target = _vague_chat(handbook)
    before = run_cli("check", "--format", "json", "--today", EXAMPLE_DAY, cwd=handbook)
    assert before.exit_code == 1
    assert sorted(code for code, _ in _codes(before)) == ["CON002", "CON003", "MEA001"]

    written = run_cli(
        "check",
        "--write-baseline",
        "stdlint-baseline.json",
        "--today",
        EXAMPLE_DAY,
        "--lang",
        "en",
        cwd=handbook,
    )
    assert written.exit_code == 0, written.stderr
    assert written.output == (
        "Wrote 3 findings in 1 file to stdlint-baseline.json; “stdlint check --baseline "
        "stdlint-baseline.json” now reports only new findings.\n"
    )
    baseline = json.loads((handbook / "stdlint-baseline.json").read_text("utf-8"))
    assert baseline["version"] == 1
    assert [(e["path"], e["code"], e["quote"]) for e in baseline["findings"]] == [
        (CHAT.as_posix(), "CON003", "be polite"),
        (CHAT.as_posix(), "MEA001", "promptly"),
        (CHAT.as_posix(), "CON002", "Where possible"),
    ]
    assert all(len(e["fingerprint"]) == 32 for e in baseline["findings"])

    # Lines inserted above the findings, and one new vague rule step.
    text = target.read_text("utf-8")
    text = text.replace("## Rule\n", "## Rule\n\nThese steps apply to every agent.\n\n", 1)
    text = text.replace(
        "tags: [chat, first-response, handover]",
        "tags:\n  - chat\n  - first-response\n  - handover",
    )
    text = text.replace(
        "6. Check at the start",
        "6. Close solved chats quickly.\n7. Check at the start",
    )
    target.write_text(text, "utf-8")
    after = run_cli(
        "check",
        "--baseline",
        "stdlint-baseline.json",
        "--format",
        "json",
        "--today",
        EXAMPLE_DAY,
        cwd=handbook,
    )
    [(code, message)] = _codes(after)
    assert (code, message) == ("MEA001", "“quickly” promises speed without a time limit")
    assert after.json()["summary"] == {"error": 1, "warning": 0, "info": 0}
    assert after.exit_code == 1
    assert "Не показано замечаний из базового списка stdlint-baseline.json: 3." in after.stderr
    assert "fixed" not in after.stderr


def _handbook_with(handbook: Path, exceptions: list[str]) -> Path:
    """The small handbook's standard with an Exceptions section of ``exceptions``."""
    section = "\n".join(f"- {line}" for line in exceptions)
    text = GOOD_STANDARD.replace(
        "2. Say the company name and your first name.\n",
        f"2. Say the company name and your first name.\n\n## Exceptions\n\n{section}\n",
    )
    target = handbook / "standards" / "good.md"
    target.write_text(text, "utf-8")
    return target


def test_a_fixed_finding_is_reported_as_fixed_without_failing(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    target = _handbook_with(
        handbook, ["Call back promptly.", "Outside office hours, reply as soon as possible."]
    )
    assert run_cli("check", "--write-baseline", "known.json", cwd=handbook).exit_code == 0
    target.write_text(target.read_text("utf-8").replace("- Call back promptly.\n", ""), "utf-8")
    run = run_cli("check", "--baseline", "known.json", cwd=handbook)
    assert run.exit_code == 0, run.output
    assert run.output == "Checked 1 file: no findings.\n"
    assert run.stderr.split("\n")[:2] == [
        "1 finding of the baseline known.json not shown.",
        "1 finding of the baseline is fixed; run “stdlint check --write-baseline known.json” "
        "to shrink it.",
    ]
    russian = run_cli("check", "--baseline", "known.json", "--lang", "ru", cwd=handbook)
    assert (
        "Исправлено замечаний из базового списка: 1; чтобы сократить его, запустите "
        "«stdlint check --write-baseline known.json»." in russian.stderr
    )
    # Writing the baseline again shrinks it.
    assert run_cli("check", "--write-baseline", "known.json", cwd=handbook).exit_code == 0
    shrunk = json.loads((handbook / "known.json").read_text("utf-8"))
    assert [entry["quote"] for entry in shrunk["findings"]] == ["as soon as possible"]


def test_two_identical_findings_are_counted_as_a_multiset(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    target = _handbook_with(handbook, ["Call back promptly.", "Call back promptly."])
    assert run_cli("check", "--write-baseline", "known.json", cwd=handbook).exit_code == 0
    baseline = json.loads((handbook / "known.json").read_text("utf-8"))
    prints = [entry["fingerprint"] for entry in baseline["findings"]]
    assert len(prints) == 2
    assert run_cli("check", "--baseline", "known.json", cwd=handbook).exit_code == 0
    target.write_text(
        target.read_text("utf-8").replace(
            "- Call back promptly.\n", "- Call back promptly.\n- Call back promptly.\n", 1
        ),
        "utf-8",
    )
    run = run_cli("check", "--baseline", "known.json", "--format", "json", cwd=handbook)
    assert [(d["code"], d["line"]) for d in run.json()["diagnostics"]] == [("MEA001", 24)]
    assert run.exit_code == 1
    assert "2 findings of the baseline known.json not shown." in run.stderr


def test_duplicate_entries_in_a_baseline_file_cover_as_many_findings(handbook: Path) -> None:
    _handbook_with(handbook, ["Call back promptly.", "Reply soon."])
    result = check(None, load_settings(handbook / "handbook.yml"), date(2026, 11, 23))
    first, second = entries(result)
    assert (first.quote, second.quote) == ("promptly", "soon")
    # A baseline that knows the first finding twice: it covers it once, the rest is fixed.
    comparison = compare(result, (first, first), whole_handbook=True)
    assert [d.quote for d in comparison.result.diagnostics] == ["soon"]
    assert (comparison.known, comparison.fixed) == (1, 1)


def test_a_baseline_only_counts_as_fixed_what_the_run_looked_at(handbook: Path) -> None:
    _handbook_with(handbook, ["Call back promptly."])
    result = check(None, load_settings(handbook / "handbook.yml"), date(2026, 11, 23))
    gone = Entry("0" * 32, "standards/other.md", "MEA001", 3, "soon", "…")
    not_run = Entry("1" * 32, "standards/good.md", "CON999", 3, "…", "…")
    assert compare(result, (gone, not_run), whole_handbook=False).fixed == 0
    # The whole handbook was checked: a file that is gone has lost its findings too.
    assert compare(result, (gone, not_run), whole_handbook=True).fixed == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the baseline known.json: No such file or directory"),
        ("{", "known.json is not a stdlint baseline: invalid JSON at line 1, column 2"),
        ("[]", "known.json is not a stdlint baseline: expected an object with “version”"),
        (
            '{"version": 7, "findings": []}',
            "known.json is not a stdlint baseline: version 7 where 1 was expected",
        ),
        (
            '{"version": 1, "findings": [{"path": "a.md", "code": "CON001"}]}',
            "known.json is not a stdlint baseline: entry 1 has no “fingerprint” text",
        ),
        (
            '{"version": 1, "fingerprints": "0", "findings": []}',
            "its fingerprints were made by another version of stdlint",
        ),
    ],
    ids=["missing", "not-json", "not-an-object", "version", "entry", "fingerprints"],
)
def test_an_unusable_baseline_is_a_usage_error(
    run_cli: Callable[..., Run], handbook: Path, content: str | None, message: str
) -> None:
    if content is not None:
        (handbook / "known.json").write_text(content, "utf-8")
    run = run_cli("check", "--baseline", "known.json", cwd=handbook)
    assert run.exit_code == 2
    assert run.output == ""
    assert run.stderr.startswith("stdlint check: ")
    assert message in run.stderr
    assert "Traceback" not in run.stderr


def test_an_unusable_baseline_is_explained_in_russian(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "known.json").write_text("not json", "utf-8")
    run = run_cli("check", "--baseline", "known.json", "--lang", "ru", cwd=handbook)
    assert run.exit_code == 2
    assert (
        "known.json — не базовый список stdlint: ошибка JSON в строке 1, столбце 1;" in run.stderr
    )
    assert "«stdlint check --write-baseline known.json»" in run.stderr


def test_write_baseline_needs_the_whole_handbook(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    for extra in (["standards/good.md"], ["--baseline", "old.json"]):
        run = run_cli("check", "--write-baseline", "known.json", *extra, cwd=handbook)
        assert run.exit_code == 2
        assert "--write-baseline records the whole handbook" in run.stderr
    assert not (handbook / "known.json").exists()


def test_the_baseline_is_written_atomically_and_sorted(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    _handbook_with(handbook, ["Reply soon.", "Call back promptly."])
    (handbook / "known.json").write_text("old content", "utf-8")
    assert run_cli("check", "--write-baseline", "known.json", cwd=handbook).exit_code == 0
    text = (handbook / "known.json").read_text("utf-8")
    document = json.loads(text)
    assert [(e["line"], e["quote"]) for e in document["findings"]] == [
        (22, "soon"),
        (23, "promptly"),
    ]
    assert text.endswith("}\n")
    assert sorted(path.name for path in handbook.iterdir()) == [
        "handbook.yml",
        "known.json",
        "standards",
    ]
    # A folder where the file should go is a usage error, not a traceback.
    run = run_cli("check", "--write-baseline", "standards", cwd=handbook)
    assert run.exit_code == 2
    assert "cannot write the baseline standards" in run.stderr


def test_a_baseline_written_in_a_subfolder_works_from_the_root(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    target = _handbook_with(handbook, ["Call back promptly."])
    written = run_cli("check", "--write-baseline", "known.json", cwd=handbook / "standards")
    assert written.exit_code == 0
    baseline = json.loads((handbook / "standards" / "known.json").read_text("utf-8"))
    assert [entry["path"] for entry in baseline["findings"]] == ["standards/good.md"]
    run = run_cli("check", "--baseline", "standards/known.json", cwd=handbook)
    assert run.exit_code == 0
    assert run.output == "Checked 1 file: no findings.\n"
    target.write_text(target.read_text("utf-8").replace("promptly", "soon"), "utf-8")
    new = run_cli("check", "--baseline", "standards/known.json", "--format", "json", cwd=handbook)
    assert [d["code"] for d in new.json()["diagnostics"]] == ["MEA001"]


def test_baseline_in_a_real_process(tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    _vague_chat(handbook)

    def stdlint(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "stdlint", "check", "--today", EXAMPLE_DAY, *arguments],
            cwd=handbook,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        )

    written = stdlint("--write-baseline", ".stdlint-baseline.json")
    assert written.returncode == 0, written.stderr
    assert written.stdout.startswith("Записано в .stdlint-baseline.json: 3 замечания в 1 файле;")
    clean = stdlint("--baseline", ".stdlint-baseline.json", "--format", "json")
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout)["diagnostics"] == []
    assert "Не показано замечаний из базового списка .stdlint-baseline.json: 3." in clean.stderr

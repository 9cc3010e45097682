"""Every failure the fuzzer found, as a user meets it: one broken file beside the example handbook.

A broken standard gives valid JSON, exit 0 or 1, a diagnostic on the broken file at a position
inside it, and every other file checked as before. A broken ``handbook.yml`` gives exit 2 and one
``handbook.yml:line:col:`` line per problem, each inside the file.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run, example_copy

TODAY = "2026-11-23"
HEAD = "---\nid: broken\ntitle: Broken\nlang: en\nstatus: active\n"
BODY = "---\n\n# Broken\n\n## Rule\n\n1. Answer within 20 seconds.\n"

# (name, bytes of standards/broken.md)
BROKEN_STANDARDS: list[tuple[str, bytes]] = [
    ("merge key with an unknown field", (HEAD + "<<: {colour: red}\n" + BODY).encode()),
    ("merge key with an invalid field", (HEAD + "<<: {approved_on: soon}\n" + BODY).encode()),
    ("front matter as !!omap", ("---\n!!omap\n- id: broken\n- title: Broken\n" + BODY).encode()),
    ("recursive merge", (HEAD + "x: &a {<<: *a}\n" + BODY).encode()),
    ("nested 1000 deep", (HEAD + "tags: " + "[" * 1000 + "]" * 1000 + "\n" + BODY).encode()),
    ("5000-digit integer", (HEAD + "owner: " + "9" * 5000 + "\n" + BODY).encode()),
    (
        "dates at the end of the calendar",
        (
            HEAD.replace("status: active\n", "status: active\nowner: A\napproved_by: B\n")
            + "approved_on: 2026-01-01\nlast_reviewed: 9999-12-31\nreview_every: 9999 years\n"
            + BODY
        ).encode(),
    ),
    ("U+2028 in a comment", (HEAD + "# one\u2028two\n" + BODY).encode()),
    ("NEL in a value", (HEAD + "owner: Head\u0085of support\n" + BODY).encode()),
    (
        "multi-line invalid value",
        (HEAD.replace("status: active", "status: |\n  act\n  ive") + BODY).encode(),
    ),
    ("control character", (HEAD + "owner: Head\x07of support\n" + BODY).encode()),
    (
        "25,000 values, no alias",
        (HEAD + "tags: [" + ", ".join(["a"] * 25_000) + "]\n" + BODY).encode(),
    ),
    ("not UTF-8 with CR line endings", b"---\rid: broken\rtitle: Broken\r\xff\r"),
    ("a run of 40,000 dots", (HEAD + BODY + "2. Wait" + "." * 40_000 + "\n").encode()),
    ("30,000 short sentences", (HEAD + BODY + "2. " + "Go. " * 30_000 + "\n").encode()),
]

# (name, text of handbook.yml)
BROKEN_PROFILES: list[tuple[str, str]] = [
    ("recursive merge", "languages: [en]\nx: &a {<<: *a}\n"),
    ("nested 1000 deep", "languages: [en]\nstandards: " + "[" * 1000 + "]" * 1000 + "\n"),
    ("5000-digit integer", "languages: [en]\ncompany: " + "9" * 5000 + "\n"),
    ("absolute glob", "standards: ['/abs/*']\n"),
    ("recursive glob in a name", "standards: ['**foo']\n"),
    ("overlong entry", "standards: ['" + "s" * 300 + "']\n"),
    ("review horizon past the calendar", "review: {warn_within: 9999 years}\n"),
    ("translation lag past the calendar", "review: {translation_lag: 9999 years}\n"),
    ("YAML error on the last line, no final newline", "languages: [en]\njourney: [a"),
    ("control character", "languages: [en]\ncompany: Volna\x07Telecom\n"),
]


def _lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, str]]]:
    """The example handbook's findings, per file, before anything is broken (none today)."""
    handbook = example_copy(tmp_path_factory.mktemp("clean"))
    return _findings(_check(handbook))


# Inputs that once made stdlint hang run in a subprocess with a time-out, so that a regression
# fails the test instead of stalling the suite; the rest run in-process (faster).
HANG_PRONE = {"a run of 40,000 dots", "30,000 short sentences"}


def _check(handbook: Path, run_cli: Callable[..., Run] | None = None) -> dict[str, object]:
    if run_cli is not None:
        # In-process: catch_exceptions=False makes any traceback fail the test.
        ran = run_cli("check", "--format", "json", "--today", TODAY, cwd=handbook)
        assert ran.exit_code in (0, 1), ran.stderr
        assert "failed on" not in ran.stderr, ran.stderr  # no STR000 either
        in_process: dict[str, object] = json.loads(ran.output)
        return in_process
    run = subprocess.run(
        [sys.executable, "-m", "stdlint", "check", "--format", "json", "--today", TODAY],
        cwd=handbook,
        capture_output=True,
        timeout=120,
        env={**os.environ, "STDLINT_LANG": "en"},
    )
    assert "Traceback" not in run.stderr.decode("utf-8", "replace"), run.stderr[-2000:]
    assert run.returncode in (0, 1), run.stderr[-2000:]
    result: dict[str, object] = json.loads(run.stdout.decode("utf-8"))
    return result


def _findings(result: dict[str, object]) -> dict[str, list[tuple[int, str]]]:
    found: dict[str, list[tuple[int, str]]] = {}
    for diagnostic in result["diagnostics"]:  # type: ignore[attr-defined]
        found.setdefault(diagnostic["path"], []).append((diagnostic["line"], diagnostic["code"]))
    return found


@pytest.mark.parametrize(("name", "data"), BROKEN_STANDARDS, ids=[n for n, _ in BROKEN_STANDARDS])
def test_a_broken_standard_is_a_positioned_finding_and_the_rest_is_checked(
    run_cli: Callable[..., Run],
    tmp_path: Path,
    clean: dict[str, list[tuple[int, str]]],
    name: str,
    data: bytes,
) -> None:
    handbook = example_copy(tmp_path)
    (handbook / "standards" / "broken.md").write_bytes(data)
    result = _check(handbook, None if name in HANG_PRONE else run_cli)
    found = _findings(result)
    found.pop("standards/broken.md", None)
    assert found == clean  # every other file checked, exactly as before
    lines = _lines(data)
    for diagnostic in result["diagnostics"]:  # type: ignore[attr-defined]
        if diagnostic["path"] != "standards/broken.md":
            continue
        assert 1 <= diagnostic["line"] <= diagnostic["end_line"] <= len(lines), diagnostic
        assert 1 <= diagnostic["column"] <= len(lines[diagnostic["line"] - 1]) + 1, diagnostic
        assert 1 <= diagnostic["end_column"] <= len(lines[diagnostic["end_line"] - 1]) + 1
        assert "\n" not in diagnostic["message"], diagnostic
        assert diagnostic["code"] != "STR000", diagnostic  # a known input is not a bug any more
    assert result["files"] == 18


@pytest.mark.parametrize(("name", "text"), BROKEN_PROFILES, ids=[n for n, _ in BROKEN_PROFILES])
def test_a_broken_profile_is_one_positioned_line_and_exit_2(
    run_cli: Callable[..., Run], tmp_path: Path, name: str, text: str
) -> None:
    handbook = example_copy(tmp_path)
    (handbook / "handbook.yml").write_text(text, "utf-8")
    run = run_cli("check", "--lang", "en", cwd=handbook)
    assert run.exit_code == 2, (run.output, run.stderr)
    lines = text.split("\n")
    problems = run.stderr.strip().split("\n")
    assert problems, run.stderr
    for problem in problems:
        where = re.match(r"handbook\.yml:(\d+):(\d+): \S", problem)
        assert where is not None, problem
        line, column = int(where.group(1)), int(where.group(2))
        assert 1 <= line <= len(lines), problem
        assert 1 <= column <= len(lines[line - 1]) + 1, problem


def test_special_files_named_md_are_reported_not_read(
    tmp_path: Path, clean: dict[str, list[tuple[int, str]]]
) -> None:
    handbook = example_copy(tmp_path)
    os.mkfifo(handbook / "standards" / "pipe.md")
    (handbook / "standards" / "zero.md").symlink_to("/dev/zero")
    found = _findings(_check(handbook))
    assert found.pop("standards/pipe.md") == [(1, "STR010")]
    assert found.pop("standards/zero.md") == [(1, "STR010")]
    assert found == clean

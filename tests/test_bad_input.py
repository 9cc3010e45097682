"""Bad input: each gives a diagnostic at its position, the run goes on, the exit code says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import GOOD_STANDARD, Run

FRONT = "---\nid: {id}\ntitle: Ответ на письмо\nlang: ru\nstatus: active\n---\n"
# A body with every required section, so that a bad front matter is the only finding.
BODY = GOOD_STANDARD.split("---\n", 2)[2]


def _check(run_cli: Callable[..., Run], handbook: Path) -> tuple[int, list[dict[str, object]]]:
    """Check the handbook, assert the good file is clean; return the exit code and the rest."""
    run = run_cli("check", "--format", "json", cwd=handbook)
    report = run.json()
    assert report["files"] == 2
    diagnostics = report["diagnostics"]
    assert not [d for d in diagnostics if d["path"] == "standards/good.md"]
    return run.exit_code, diagnostics


def _one(diagnostics: list[dict[str, object]]) -> tuple[str, int, int]:
    assert len(diagnostics) == 1, diagnostics
    found = diagnostics[0]
    return str(found["code"]), int(str(found["line"])), int(str(found["column"]))


def test_file_not_in_utf8(run_cli: Callable[..., Run], handbook: Path) -> None:
    text = FRONT.format(id="email-reply") + "\n## Правило\n"
    (handbook / "standards" / "bad.md").write_bytes(text.encode("cp1251"))
    exit_code, diagnostics = _check(run_cli, handbook)
    # Line 3 is "title: Ответ…": the first byte that is not UTF-8 is the "О" at column 8.
    assert _one(diagnostics) == ("STR009", 3, 8)
    assert exit_code == 1


def test_binary_file_named_md(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "standards" / "logo.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    exit_code, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR009", 1, 1)
    assert "binary" in str(diagnostics[0]["message"])
    assert exit_code == 1


def test_empty_file(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "standards" / "empty.md").write_bytes(b"")
    exit_code, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR001", 1, 1)
    assert exit_code == 1


def test_no_front_matter(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "standards" / "plain.md").write_text("# Greeting\n\n1. Answer within 20 seconds.\n")
    exit_code, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR001", 1, 1)
    assert exit_code == 1


def test_unterminated_front_matter(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "standards" / "open.md").write_text(
        "---\nid: x\ntitle: Open\n\n## Rule\n\n1. Answer.\n"
    )
    exit_code, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR002", 1, 1)
    assert exit_code == 1


def test_malformed_yaml(run_cli: Callable[..., Run], handbook: Path) -> None:
    text = GOOD_STANDARD.replace("title: Answering the phone", "title: Answering: the phone")
    (handbook / "standards" / "colon.md").write_text(text.replace("phone-answer", "phone-colon"))
    exit_code, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR002", 3, 17)
    assert "quotes" in str(diagnostics[0]["suggestion"])
    assert exit_code == 1


def test_front_matter_that_is_a_list(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "standards" / "list.md").write_text("---\n- id: x\n- title: y\n---\n" + BODY)
    exit_code, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR002", 2, 1)
    assert exit_code == 1


def test_python_tag_is_refused_and_never_constructed(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    marker = handbook / "PWNED"
    text = (
        f'---\nid: tagged\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n---\n' + BODY
    )
    (handbook / "standards" / "tag.md").write_text(text)
    exit_code, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR002", 3, 8)
    assert "python/object/apply:os.system" in str(diagnostics[0]["message"])
    assert not marker.exists()
    assert exit_code == 1


def test_alias_bomb_is_refused_without_hanging(handbook: Path) -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    text = (
        "---\nid: bomb\ntitle: Bomb\nlang: en\nstatus: active\n"
        + "\n".join(lines)
        + "\n---\n"
        + BODY
    )
    (handbook / "standards" / "bomb.md").write_text(text)
    # A subprocess with a deadline: expanding these aliases would take hours and gigabytes.
    completed = subprocess.run(
        [sys.executable, "-m", "stdlint", "check", "--format", "json"],
        cwd=handbook,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1
    report = json.loads(completed.stdout)
    assert report["files"] == 2
    # The first alias is on line 7 ("b: &b [*a, …"), column 8.
    assert _one(report["diagnostics"]) == ("STR002", 7, 8)


def test_ten_megabyte_file(run_cli: Callable[..., Run], handbook: Path) -> None:
    big = GOOD_STANDARD.replace("phone-answer", "huge") + (
        "1. Answer within 20 seconds.\n" * 360_000
    )
    (handbook / "standards" / "huge.md").write_text(big)
    assert (handbook / "standards" / "huge.md").stat().st_size > 10_000_000
    exit_code, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR010", 1, 1)
    assert "MB" in str(diagnostics[0]["message"])
    assert exit_code == 1


def test_crlf_line_endings_and_bom_keep_positions_exact(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    text = GOOD_STANDARD.replace("phone-answer", "crlf").replace(
        "status: active", "status: publishd"
    )
    text = text.replace("# Answering the phone", "# Answering a call")
    data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    (handbook / "standards" / "crlf.md").write_bytes(data)
    exit_code, diagnostics = _check(run_cli, handbook)
    found = [(d["code"], d["line"], d["column"], d["end_column"]) for d in diagnostics]
    # status is line 5; its value starts at column 9 and is 8 characters long.
    assert ("STR004", 5, 9, 17) in found
    assert exit_code == 1


def test_crlf_and_bom_valid_file_is_clean(run_cli: Callable[..., Run], handbook: Path) -> None:
    data = (
        b"\xef\xbb\xbf"
        + GOOD_STANDARD.replace("phone-answer", "crlf").replace("\n", "\r\n").encode()
    )
    (handbook / "standards" / "crlf.md").write_bytes(data)
    exit_code, diagnostics = _check(run_cli, handbook)
    assert diagnostics == []
    assert exit_code == 0


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="the platform has no symbolic links")
def test_symlink_loops_in_the_handbook_folder(run_cli: Callable[..., Run], handbook: Path) -> None:
    standards = handbook / "standards"
    (standards / "self.md").symlink_to("self.md")
    (standards / "again").symlink_to(".", target_is_directory=True)
    run = run_cli("check", "--format", "json", cwd=handbook)
    report = run.json()
    found = sorted((d["path"], d["code"], d["line"], d["column"]) for d in report["diagnostics"])
    assert found == [
        ("standards/again", "STR010", 1, 1),
        ("standards/self.md", "STR010", 1, 1),
    ]
    assert all("link" in d["message"] for d in report["diagnostics"])
    assert run.exit_code == 1


@pytest.mark.parametrize(
    ("name", "words"),
    [("greeting.ru.md", "у файла нет шапки"), ("greeting.en.md", "the file has no front matter")],
)
def test_a_translation_s_file_name_gives_the_language_of_its_messages(
    run_cli: Callable[..., Run], handbook: Path, name: str, words: str
) -> None:
    # No front matter to declare a language, and text too short to tell: the name says it.
    (handbook / "standards" / name).write_text("# Greeting\n\nOK.\n", "utf-8")
    _, diagnostics = _check(run_cli, handbook)
    assert _one(diagnostics) == ("STR001", 1, 1)
    assert words in str(diagnostics[0]["message"])

"""Dates, paths, globs and file reading at their limits (issue 9): no crash, no hang, right place.

Each test is a minimal reproducer of one failure a fuzzer found, checked through the library
(:func:`stdlint.engine.check`) and through the CLI, with the other files still checked.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stdlint.config import Profile
from stdlint.engine import check, read_handbook
from stdlint.files import handbook_paths
from stdlint.i18n import Lang
from stdlint.parse import source as source_module
from stdlint.parse.values import Interval
from stdlint.reports import review_queue
from stdlint.result import FileState
from stdlint.settings import load_settings
from tests.conftest import GOOD_STANDARD, Run

LAST_DAY = "9999-12-31"


def _standard(standard_id: str = "email-reply", lang: str = "en", **extra: str) -> str:
    """The good standard under another id, with front-matter lines added or replaced."""
    text = GOOD_STANDARD.replace("phone-answer", standard_id).replace("lang: en", f"lang: {lang}")
    for key, value in extra.items():
        if f"\n{key}:" in text:
            start = text.index(f"\n{key}:") + 1
            text = text[:start] + f"{key}: {value}" + text[text.index("\n", start) :]
        else:
            text = text.replace("\n---\n\n#", f"\n{key}: {value}\n---\n\n#", 1)
    return text


def _found(handbook: Path, today: str, paths: list[Path] | None = None) -> list[tuple[str, ...]]:
    """(path, code, line, column) of every finding of a library check of ``handbook``."""
    settings = load_settings(handbook / "handbook.yml", [handbook])
    result = check(paths, settings, date.fromisoformat(today))
    return sorted((d.path, d.code, str(d.line), str(d.column)) for d in result.diagnostics)


# --- dates stay within the calendar --------------------------------------------------------


def test_an_interval_past_the_end_of_the_calendar_is_never() -> None:
    assert Interval(1, "days").after(date.max) is None
    assert Interval(1, "weeks").after(date(9999, 12, 28)) is None
    assert Interval(1, "months").after(date(9999, 12, 1)) is None
    assert Interval(100, "years").after(date(9900, 1, 1)) is None
    assert Interval(100, "years").after(date(9899, 12, 31)) == date(9999, 12, 31)
    assert Interval(3, "days").after(date(9999, 12, 28)) == date.max
    assert Interval(100, "years").too_long is False
    assert Interval(101, "years").too_long is True
    assert Interval(36_526, "days").too_long is True


def test_last_reviewed_on_the_last_day_of_the_calendar(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "standards" / "late.md").write_text(
        _standard(last_reviewed=LAST_DAY), encoding="utf-8"
    )
    # Reviewed "in the future" is CUR004 on the date, and the review is never due.
    assert _found(handbook, "2026-11-23") == [("standards/late.md", "CUR004", "11", "16")]
    # On the last day itself the review is neither overdue nor due soon: it is never due.
    late = handbook / "standards" / "late.md"
    assert _found(handbook, LAST_DAY, [late]) == []
    queue = review_queue(read_handbook(load_settings(handbook / "handbook.yml"), date.max))
    entry = next(entry for entry in queue.entries if entry.path == "standards/late.md")
    assert (entry.state.value, entry.review.due) == ("fresh", None)
    run = run_cli("check", "--today", LAST_DAY, "--format", "json", str(late), cwd=handbook)
    assert (run.exit_code, run.json()["diagnostics"]) == (0, [])
    run = run_cli("review", "--today", LAST_DAY, "--format", "json", cwd=handbook)
    assert run.exit_code == 0, run.output + run.stderr
    json.loads(run.output)


def test_review_every_of_9999_years_is_a_positioned_error(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "standards" / "long.md").write_text(
        _standard(review_every="9999 years"), encoding="utf-8"
    )
    # The value is refused at its place; the profile's default interval (6 months) stands in.
    assert _found(handbook, "2026-03-01") == [("standards/long.md", "STR004", "9", "15")]
    run = run_cli("check", "--today", "2026-03-01", "--format", "json", cwd=handbook)
    report = run.json()
    assert report["files"] == 2
    (finding,) = report["diagnostics"]
    assert finding["path"] == "standards/long.md"
    assert "more than 100 years" in finding["message"]
    assert "at most 100 years" in finding["suggestion"]
    assert run.exit_code == 1
    # In Russian too.
    (handbook / "standards" / "long.md").write_text(
        _standard("dolgo", "ru", review_every="9999 лет"), encoding="utf-8"
    )
    run = run_cli("check", "--today", "2026-03-01", "--format", "json", cwd=handbook)
    messages = [d["message"] for d in run.json()["diagnostics"] if d["code"] == "STR004"]
    assert messages == ["в поле «review_every» указано «9999 лет»: срок больше 100 лет"]


@pytest.mark.parametrize(
    ("setting", "line", "column"),
    [("warn_within: 9999 years", 4, 16), ("translation_lag: 5219 weeks", 4, 20)],
)
def test_huge_profile_intervals_are_configuration_errors(
    run_cli: Callable[..., Run], handbook: Path, setting: str, line: int, column: int
) -> None:
    (handbook / "handbook.yml").write_text(
        f"languages: [en, ru]\nstandards: [standards]\nreview:\n  {setting}\n", encoding="utf-8"
    )
    run = run_cli("check", "--today", "2026-11-23", cwd=handbook)
    assert run.exit_code == 2
    (line_text,) = run.stderr.strip().splitlines()
    assert line_text.startswith(f"handbook.yml:{line}:{column}: ")
    assert "more than 100 years" in line_text


def test_longest_intervals_at_the_end_of_the_calendar(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "handbook.yml").write_text(
        "languages: [en, ru]\nstandards: [standards]\n"
        "review: {every: 100 years, warn_within: 100 years, translation_lag: 100 years}\n",
        encoding="utf-8",
    )
    standards = handbook / "standards"
    (standards / "good.md").write_text(_standard(last_reviewed="9950-01-01"), encoding="utf-8")
    (standards / "good.ru.md").write_text(
        _standard(lang="ru", last_reviewed=LAST_DAY), encoding="utf-8"
    )
    for today in ("2026-11-23", "9949-06-01", LAST_DAY):
        found = _found(handbook, today)
        # No translation lag (it would end past the calendar) and no crash, whatever the day.
        assert not [item for item in found if item[1] == "CNS003"], found
    # Due on the calendar's last day; the horizon of 100 years from 9949-06-01 reaches past the
    # calendar and so covers that day: the review is due soon.
    (standards / "good.ru.md").unlink()
    (standards / "good.md").write_text(
        _standard(last_reviewed="9899-12-31", review_every="100 years"), encoding="utf-8"
    )
    assert _found(handbook, "9949-06-01") == [("standards/good.md", "CUR002", "11", "16")]
    for command in ("check", "review"):
        run = run_cli(command, "--today", LAST_DAY, "--format", "json", cwd=handbook)
        assert run.exit_code in (0, 1), run.output + run.stderr
        json.loads(run.output)


# --- standards entries in handbook.yml ------------------------------------------------------

LONG_NAME = "x" * 256


@pytest.mark.parametrize(
    ("entry", "english", "russian"),
    [
        ('"/abs/*"', "is an absolute path", "указан абсолютный путь"),
        ('"/srv/handbook/standards"', "is an absolute path", "указан абсолютный путь"),
        ('"**foo"', "not a valid glob pattern", "недопустимый шаблон"),
        ('"standards/a**/*.md"', "not a valid glob pattern", "недопустимый шаблон"),
        (LONG_NAME, "longer than 255 bytes", "длиннее 255 байт"),
        (f'"standards/{LONG_NAME}*"', "longer than 255 bytes", "длиннее 255 байт"),
        ("/".join(["x" * 200] * 30), "cannot be used", "нельзя использовать"),
    ],
)
def test_unusable_standards_entries_are_configuration_errors(
    run_cli: Callable[..., Run], handbook: Path, entry: str, english: str, russian: str
) -> None:
    (handbook / "handbook.yml").write_text(
        f"languages: [en, ru]\nstandards:\n  - standards\n  - {entry}\n", encoding="utf-8"
    )
    for lang, words in (("en", english), ("ru", russian)):
        run = run_cli("check", "--lang", lang, "--today", "2026-11-23", cwd=handbook)
        assert run.exit_code == 2
        (line,) = run.stderr.strip().splitlines()
        assert line.startswith("handbook.yml:4:5: ")
        assert words in line
        assert len(line) < 400  # a long entry is shortened, not quoted whole


def test_a_profile_built_in_code_with_unusable_entries_checks_the_rest(handbook: Path) -> None:
    profile = Profile(standards=["standards", "/abs/*", "**foo", LONG_NAME, f"{LONG_NAME}/*"])
    profile.placed(handbook / "handbook.yml", None, handbook)
    assert handbook_paths(profile) == [handbook / "standards"]
    result = check(None, profile, date(2026, 11, 23))
    assert [record.path for record in result.files] == ["standards/good.md"]
    assert result.diagnostics == ()


def test_valid_patterns_still_name_standards(run_cli: Callable[..., Run], handbook: Path) -> None:
    (handbook / "handbook.yml").write_text(
        'languages: [en, ru]\nstandards: ["standards/**/*.md", "extra*"]\n', encoding="utf-8"
    )
    (handbook / "extra").mkdir()
    (handbook / "extra" / "more.md").write_text(_standard("more"), encoding="utf-8")
    run = run_cli("check", "--today", "2026-11-23", "--format", "json", cwd=handbook)
    assert (run.exit_code, run.json()["files"], run.json()["diagnostics"]) == (0, 2, [])


# --- reading files: only regular files, never past the limit, errors placed right -----------


def _subprocess_check(handbook: Path, *args: str) -> tuple[int, dict[str, Any]]:
    """``stdlint check --format json ARGS`` in a subprocess with a deadline (a hang fails)."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "stdlint",
            "check",
            "--today",
            "2026-11-23",
            "--format",
            "json",
            *args,
        ],
        cwd=handbook,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8", "STDLINT_LANG": "en"},
    )
    assert not completed.stderr, completed.stderr
    report: dict[str, Any] = json.loads(completed.stdout.decode("utf-8"))
    return completed.returncode, report


def _codes(report: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    return sorted((d["path"], d["code"], d["line"], d["column"]) for d in report["diagnostics"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the platform has no named pipes")
def test_a_fifo_named_md_is_reported_not_waited_for(handbook: Path) -> None:
    os.mkfifo(handbook / "standards" / "x.md")
    exit_code, report = _subprocess_check(handbook)
    assert (exit_code, report["files"]) == (1, 2)
    assert _codes(report) == [("standards/x.md", "STR010", 1, 1)]
    assert "named pipe (FIFO)" in report["diagnostics"][0]["message"]
    # Named on the command line, and through the library, the same.
    exit_code, report = _subprocess_check(handbook, "standards/x.md", "standards/good.md")
    assert _codes(report) == [("standards/x.md", "STR010", 1, 1)]
    assert _found(handbook, "2026-11-23") == [("standards/x.md", "STR010", "1", "1")]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="the platform has no /dev/zero")
def test_a_link_to_dev_zero_is_not_read_without_end(handbook: Path) -> None:
    (handbook / "standards" / "zero.md").symlink_to("/dev/zero")
    exit_code, report = _subprocess_check(handbook)
    assert (exit_code, report["files"]) == (1, 2)
    assert _codes(report) == [("standards/zero.md", "STR010", 1, 1)]
    message = report["diagnostics"][0]["message"]
    assert message == (
        "the file is a link to a device (“/dev/zero”), not to a regular file, and is not read"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="the platform has no named pipes")
def test_not_regular_files_are_reported_in_russian(handbook: Path) -> None:
    os.mkfifo(handbook / "standards" / "x.md")
    found = source_module.read(source_module.Source(handbook / "standards" / "x.md", None))
    assert found.problem is not None
    explained = found.problem.explained
    assert explained.message(Lang.RU) == (
        "это именованный канал (FIFO), а не обычный файл, и он не читается"
    )
    assert explained.suggestion(Lang.RU).startswith("замените его обычным файлом")


def test_the_reported_size_is_not_trusted(handbook: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file whose stat says 0 bytes (a growing file, /proc) is read no further than the limit.
    big = handbook / "standards" / "big.md"
    big.write_bytes(b"a" * 100)
    real_stat = Path.stat

    def stat_saying_empty(path: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        info = real_stat(path, follow_symlinks=follow_symlinks)
        return os.stat_result((info.st_mode, *info[1:6], 0, *info[7:10]))

    monkeypatch.setattr(Path, "stat", stat_saying_empty)
    monkeypatch.setattr(source_module, "MAX_FILE_BYTES", 10)
    found = source_module.read(source_module.Source(big, None))
    assert found.text is None and found.problem is not None
    assert found.problem.code == "STR010"
    assert found.problem.explained.message(Lang.EN).startswith("the file is 0.01 MB")


def test_a_file_just_past_the_limit_says_so_in_its_size(handbook: Path) -> None:
    big = handbook / "standards" / "big.md"
    big.write_bytes(b"a" * (source_module.MAX_FILE_BYTES + 1))
    found = source_module.read(source_module.Source(big, None))
    assert found.problem is not None and found.problem.code == "STR010"
    explained = found.problem.explained
    assert explained.message(Lang.EN) == "the file is 1.01 MB; a standard is at most 1 MB"
    assert explained.message(Lang.RU).startswith("файл занимает 1,01 МБ")


@pytest.mark.parametrize("reported", [0, 1, 5000])
def test_a_file_bigger_than_its_open_status_says_is_read_whole(
    handbook: Path, monkeypatch: pytest.MonkeyPatch, reported: int
) -> None:
    # Read at the size fstat reports, plus one byte to see more: then on to the end.
    grown = handbook / "standards" / "grown.md"
    text = _standard("grown") + "Ответьте на письмо в течение 2 рабочих часов.\n" * 3000
    grown.write_text(text, "utf-8")
    real_fstat = os.fstat

    class Saying:  # the status of the file opened, but for its size
        def __init__(self, info: os.stat_result) -> None:
            self.info = info

        def __getattr__(self, name: str) -> object:
            return reported if name == "st_size" else getattr(self.info, name)

    def fstat_saying(descriptor: int) -> object:
        return Saying(real_fstat(descriptor))

    monkeypatch.setattr(source_module.os, "fstat", fstat_saying)
    found = source_module.read(source_module.Source(grown, None))
    assert found.problem is None and found.text == text
    monkeypatch.setattr(source_module, "MAX_FILE_BYTES", len(text.encode("utf-8")) - 1)
    found = source_module.read(source_module.Source(grown, None))
    assert found.text is None and found.problem is not None and found.problem.code == "STR010"


@pytest.mark.parametrize(
    ("newline", "where"),
    [(b"\r", (3, 8)), (b"\r\n", (3, 8)), (b"\n", (3, 8)), (b"mixed", (3, 8))],
)
def test_not_utf8_is_placed_by_every_kind_of_line_end(
    handbook: Path, newline: bytes, where: tuple[int, int]
) -> None:
    lines = [b"---", b"id: email-reply", "title: Ответ".encode("cp1251"), b"---", b""]
    if newline == b"mixed":
        data = lines[0] + b"\r" + lines[1] + b"\r\n" + b"\n".join(lines[2:])
    else:
        data = newline.join(lines)
    (handbook / "standards" / "bad.md").write_bytes(b"\xef\xbb\xbf" + data)
    line, column = where
    expected = [("standards/bad.md", "STR009", str(line), str(column))]
    assert _found(handbook, "2026-11-23") == expected


def test_not_utf8_after_a_bom_on_the_first_line(handbook: Path) -> None:
    # Columns count characters after the BOM, as editors show them.
    (handbook / "standards" / "bad.md").write_bytes(b"\xef\xbb\xbfab\xff\r\n")
    assert _found(handbook, "2026-11-23") == [("standards/bad.md", "STR009", "1", "3")]


# --- one file, one name; names shown as text -------------------------------------------------


def test_overlapping_paths_are_no_loop_and_count_once(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    phone = handbook / "standards" / "phone"
    phone.mkdir()
    (phone / "reply.md").write_text(_standard("phone-reply"), encoding="utf-8")
    for paths in (("standards", "standards/phone"), ("standards/phone", "standards")):
        run = run_cli("check", "--today", "2026-11-23", "--format", "json", *paths, cwd=handbook)
        assert (run.exit_code, run.json()["files"], run.json()["diagnostics"]) == (0, 2, [])
    # Overlapping standards entries in handbook.yml, the same.
    (handbook / "handbook.yml").write_text(
        "languages: [en]\nstandards: [standards, standards/phone, 'standards/*']\n",
        encoding="utf-8",
    )
    run = run_cli("check", "--today", "2026-11-23", "--format", "json", cwd=handbook)
    assert (run.exit_code, run.json()["files"], run.json()["diagnostics"]) == (0, 2, [])
    assert _found(handbook, "2026-11-23", [handbook / "standards", phone]) == []


def test_one_file_named_two_ways_is_not_its_own_duplicate(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    good = handbook / "standards" / "good.md"
    run = run_cli(
        "check",
        "--today",
        "2026-11-23",
        "--format",
        "json",
        "standards/good.md",
        str(good),
        cwd=handbook,
    )
    assert (run.exit_code, run.json()["files"], run.json()["diagnostics"]) == (0, 1, [])
    assert _found(handbook, "2026-11-23", [good, Path(os.path.relpath(good))]) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="the platform has no symbolic links")
def test_a_link_to_a_folder_already_walked_is_no_loop(
    run_cli: Callable[..., Run], handbook: Path
) -> None:
    (handbook / "standards" / "phone").mkdir()
    (handbook / "standards" / "alias").symlink_to("phone", target_is_directory=True)
    (handbook / "standards" / "phone" / "reply.md").write_text(
        _standard("phone-reply"), encoding="utf-8"
    )
    run = run_cli("check", "--today", "2026-11-23", "--format", "json", cwd=handbook)
    assert (run.exit_code, run.json()["files"], run.json()["diagnostics"]) == (0, 2, [])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="the platform has no symbolic links")
def test_discovery_finds_each_file_with_the_key_it_would_be_resolved_to(
    handbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standards = handbook / "standards"
    (standards / "phone").mkdir()
    (standards / "phone" / "reply.md").write_text(_standard("phone-reply"), encoding="utf-8")
    (standards / "linked.md").symlink_to(standards / "phone" / "reply.md")
    (handbook / "elsewhere").mkdir()
    (handbook / "elsewhere" / "far.md").write_text(_standard("far"), encoding="utf-8")
    (standards / "far-link.md").symlink_to(handbook / "elsewhere" / "far.md")
    monkeypatch.chdir(handbook)
    named = [Path("standards"), Path("elsewhere/far.md"), standards / "phone" / "reply.md"]
    found = list(source_module.discover(named))
    # Each file once, under the first name met (in sorted order, linked.md before phone/),
    # with the key a resolution of that name gives.
    assert [source.path.as_posix() for source in found] == [
        "standards/far-link.md",
        "standards/good.md",
        "standards/linked.md",
    ]
    for source in found:
        assert source.key == source_module.file_key(source.path) == os.path.realpath(source.path)


@pytest.mark.parametrize("named", [".", "standards", "./standards", "standards/", "ABSOLUTE"])
def test_discovered_files_are_named_and_shown_as_paths_would_name_them(
    handbook: Path, monkeypatch: pytest.MonkeyPatch, named: str
) -> None:
    # Discovery joins a folder's name and a file's as strings (a source keeps no Path): the
    # same names as Path's own joining, "." dropped, and the same shown paths.
    (handbook / "standards" / "phone").mkdir()
    (handbook / "standards" / "phone" / "reply.md").write_text(_standard("reply"), "utf-8")
    monkeypatch.chdir(handbook)
    folder = Path(handbook / "standards" if named == "ABSOLUTE" else named)
    found = list(source_module.discover([folder]))
    by_path = sorted(str(folder / path.relative_to(folder)) for path in folder.rglob("*.md"))
    assert sorted(source.where for source in found) == by_path and len(by_path) >= 2
    for source in found:
        assert replace(source, text="x") == source_module.Source(source.path, "x", key=source.key)
        for base in (None, handbook, handbook / "standards", handbook / "elsewhere"):
            absolute = Path(os.path.abspath(source.where))
            try:
                expected = absolute.relative_to(os.path.abspath(base or Path.cwd())).as_posix()
            except ValueError:
                expected = absolute.as_posix()
            assert source_module.display_path(source.where, base) == expected
            assert source_module.display_path(source.path, base) == expected


def _undecodable_name(folder: Path) -> Path:
    """A file in ``folder`` whose name has the byte 0xFF, which is not UTF-8 (else a skip)."""
    path = Path(os.fsdecode(os.fsencode(folder) + b"/b\xffd.md"))
    try:
        path.write_text(GOOD_STANDARD, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    return path


def test_a_name_that_is_not_utf8_is_shown_escaped_in_every_format(handbook: Path) -> None:
    bad = _undecodable_name(handbook / "standards")  # the same id as good.md: STR008 on both
    exit_code, report = _subprocess_check(handbook)
    assert (exit_code, report["files"]) == (1, 2)
    assert _codes(report) == [
        ("standards/b\\xffd.md", "STR008", 2, 5),
        ("standards/good.md", "STR008", 2, 5),
    ]
    assert report["diagnostics"][1]["message"].endswith("used by standards/b\\xffd.md")
    completed = subprocess.run(
        [sys.executable, "-m", "stdlint", "check", "--today", "2026-11-23"],
        cwd=handbook,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "LANG": "C.UTF-8", "STDLINT_LANG": "en"},
    )
    text = completed.stdout.decode("utf-8")  # valid UTF-8, not a raw byte
    assert "standards/b\\xffd.md:2:5" in text
    # The library still knows the real file behind the escaped name.
    result = check(None, load_settings(handbook / "handbook.yml", [handbook]), date(2026, 11, 23))
    escaped = next(d for d in result.diagnostics if d.path == "standards/b\\xffd.md")
    assert result.absolute(escaped) == bad


def test_many_files_sharing_an_id_name_three_and_count_the_rest(handbook: Path) -> None:
    standards = handbook / "standards"
    for number in range(1, 8):
        (standards / f"copy{number}.md").write_text(GOOD_STANDARD, encoding="utf-8")
    (standards / "ru").mkdir()
    russian = _standard("phone-answer", "ru")
    for number in range(1, 4):
        (standards / "ru" / f"copy{number}.md").write_text(russian, encoding="utf-8")
    settings = load_settings(handbook / "handbook.yml", [handbook])
    result = check(None, settings, date(2026, 11, 23))
    messages = {d.path: d.message for d in result.diagnostics if d.code == "STR008"}
    assert len(messages) == 11
    assert messages["standards/good.md"] == (
        "id “phone-answer” is also used by standards/copy1.md, standards/copy2.md, "
        "standards/copy3.md and 4 other files"
    )
    assert messages["standards/copy1.md"].endswith(
        "standards/copy2.md, standards/copy3.md, standards/copy4.md and 4 other files"
    )
    # In Russian: three files are named, the rest counted; all named when there are three.
    assert messages["standards/ru/copy1.md"] == (
        "идентификатор «phone-answer» уже используется в standards/ru/copy2.md, "
        "standards/ru/copy3.md"
    )
    (standards / "ru" / "copy4.md").write_text(russian, encoding="utf-8")
    (standards / "ru" / "copy5.md").write_text(russian, encoding="utf-8")
    result = check(None, settings, date(2026, 11, 23))
    messages = {d.path: d.message for d in result.diagnostics if d.code == "STR008"}
    assert messages["standards/ru/copy1.md"].endswith("copy4.md и ещё 1 файле")


def test_hundreds_of_duplicates_give_bounded_output(handbook: Path) -> None:
    standards = handbook / "standards"
    short = "---\nid: same\ntitle: Same\nlang: en\nstatus: draft\n---\n\n# Same\n"
    for number in range(300):
        (standards / f"s{number:04}.md").write_text(short, encoding="utf-8")
    result = check(None, load_settings(handbook / "handbook.yml", [handbook]), date(2026, 11, 23))
    duplicates = [d for d in result.diagnostics if d.code == "STR008"]
    assert len(duplicates) == 300
    assert max(len(d.message) for d in duplicates) < 200
    assert duplicates[0].message.endswith("and 296 other files")


def test_a_files_record_keeps_its_absolute_path_as_a_string_and_gives_a_path(
    handbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(handbook)
    result = check(
        [Path("standards")], load_settings(handbook / "handbook.yml"), date(2026, 11, 23)
    )
    (record,) = result.files
    assert record.path == "standards/good.md" and isinstance(record.where, str)
    assert record.absolute == handbook / "standards" / "good.md" == Path(record.where)
    skipped = replace(record, state=FileState.SKIPPED)
    assert skipped.absolute == record.absolute and skipped.state is FileState.SKIPPED

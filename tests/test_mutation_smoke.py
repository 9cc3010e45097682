"""A mutation smoke test: mutated standards never crash a check, and findings stay in the file.

Every Markdown file of ``standards/`` and ``tests/fixtures/`` is mutated with a fixed seed
(lines deleted, duplicated, swapped, special characters and YAML oddities put in, the file cut
short) and checked with :func:`stdlint.engine.check_text` against the example handbook's
profile, within a fixed budget of mutants. Then one mutated file in a copy of the example
handbook must leave the other files' findings as they were. Every mutation class is drawn.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from stdlint.engine import check, check_text
from stdlint.result import FileState, Result
from stdlint.rules import all_rules
from stdlint.rules.base import DocumentRule
from stdlint.settings import Settings, load_settings
from tests.positions import assert_inside, lines_of

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261130
BUDGET = 300  # mutants checked in all
TODAY = date(2026, 6, 1)

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

Mutation = Callable[[list[str], random.Random], list[str]]


def _anywhere(lines: list[str], rng: random.Random, piece: str) -> list[str]:
    index = rng.randrange(len(lines))
    line = lines[index]
    column = rng.randint(0, len(line))
    return [*lines[:index], line[:column] + piece + line[column:], *lines[index + 1 :]]


def _front_matter_end(lines: list[str]) -> int:
    """The index of the front matter's closing line (0 when there is none)."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    return next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), 0)


def _in_body(lines: list[str], rng: random.Random, piece: str) -> list[str]:
    end = _front_matter_end(lines)
    # Any line of the body, blank ones too: a line of nothing but U+2028 must not move the
    # paragraph under it.
    if end + 1 >= len(lines):
        return lines
    index = rng.randrange(end + 1, len(lines))
    line = lines[index]
    column = rng.randint(0, len(line))
    return [*lines[:index], line[:column] + piece + line[column:], *lines[index + 1 :]]


def _in_front_matter(lines: list[str], rng: random.Random, piece: str) -> list[str]:
    end = _front_matter_end(lines)
    if end < 2:
        return lines
    index = rng.randrange(1, end)
    line = lines[index]
    column = rng.randint(0, len(line))
    return [*lines[:index], line[:column] + piece + line[column:], *lines[index + 1 :]]


def _as_omap(lines: list[str]) -> list[str]:
    """The front matter written as an ordered map: ``!!omap`` and a list of one-key maps."""
    end = _front_matter_end(lines)
    if end < 1:
        return lines
    pairs = [("- " if line[:1] not in " -#" else "  ") + line for line in lines[1:end]]
    return [lines[0], "!!omap", *pairs, *lines[end:]]


def _front_matter_line(lines: list[str], rng: random.Random, new: str) -> list[str]:
    """``new`` put in as a line of the front matter (or at the top if there is none)."""
    end = _front_matter_end(lines)
    # Before a key that is not indented, so that ``new`` is a key of the top-level mapping.
    places = [i for i in range(1, end + 1) if i == end or lines[i][:1] not in " -#"]
    index = rng.choice(places) if end else 0
    return [*lines[:index], *new.split("\n"), *lines[index:]]


def _delete(lines: list[str], rng: random.Random) -> list[str]:
    index = rng.randrange(len(lines))
    return lines[:index] + lines[index + 1 :]


def _duplicate(lines: list[str], rng: random.Random) -> list[str]:
    index = rng.randrange(len(lines))
    return [*lines[: index + 1], *lines[index:]]


def _swap(lines: list[str], rng: random.Random) -> list[str]:
    swapped = list(lines)
    first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
    swapped[first], swapped[second] = swapped[second], swapped[first]
    return swapped


def _truncate(lines: list[str], rng: random.Random) -> list[str]:
    text = "\n".join(lines)
    return text[: rng.randint(0, len(text))].split("\n")


MUTATIONS: dict[str, Mutation] = {
    "delete a line": _delete,
    "duplicate a line": _duplicate,
    "swap two lines": _swap,
    "truncate": _truncate,
    "insert NUL": lambda lines, rng: _anywhere(lines, rng, "\x00"),
    "insert a tab": lambda lines, rng: _anywhere(lines, rng, "\t"),
    "insert CR in the body": lambda lines, rng: _in_body(lines, rng, "\r"),
    "insert CR in front matter": lambda lines, rng: _in_front_matter(lines, rng, "\r"),
    "insert a BOM": lambda lines, rng: _anywhere(lines, rng, "\ufeff"),
    "insert U+2028 in the body": lambda lines, rng: _in_body(lines, rng, "\u2028"),
    "insert U+2028 in front matter": lambda lines, rng: _front_matter_line(
        lines, rng, "note: a\u2028b"
    ),
    "insert NEL in front matter": lambda lines, rng: _front_matter_line(
        lines, rng, "# a comment\x85with NEL"
    ),
    "insert special punctuation": lambda lines, rng: _anywhere(
        lines, rng, rng.choice(["«", "»", "…", "—", "`", "*", "_", "[", "](", "<!--", "-->"])
    ),
    "insert a suppression": lambda lines, rng: _anywhere(
        lines, rng, rng.choice(["<!-- stdlint-disable CON001 -->", "# stdlint-disable-line x"])
    ),
    "a merge key": lambda lines, rng: _front_matter_line(
        lines, rng, "base: &b {colour: red}\n<<: *b"
    ),
    "a recursive merge": lambda lines, rng: _front_matter_line(lines, rng, "x: &a {<<: *a}"),
    "!!omap front matter": lambda lines, rng: _as_omap(lines),
    "deep nesting": lambda lines, rng: _front_matter_line(
        lines, rng, "deep: " + "[" * 1200 + "]" * 1200
    ),
    "a huge number": lambda lines, rng: _front_matter_line(lines, rng, "big: " + "9" * 5000),
    "a date in year 9999": lambda lines, rng: (
        [_DATE.sub("9999-12-31", line) for line in lines[: _front_matter_end(lines)]]
        + lines[_front_matter_end(lines) :]
    ),
    "an alias": lambda lines, rng: _front_matter_line(lines, rng, "x: &a [1, 2]\ny: *a"),
    "a long line": lambda lines, rng: _anywhere(lines, rng, "Reply promptly. " * 500),
}

# A finding that reports a contained crash is a crash all the same (issue 9, point 2).
_INTERNAL_ERROR = ("internal error", "внутренняя ошибка")


def _corpus() -> list[tuple[Path, str]]:
    found = []
    for folder in (ROOT / "standards", ROOT / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*.md")):
            try:
                found.append((path, path.read_bytes().decode("utf-8")))
            except UnicodeDecodeError:
                continue  # the binary and windows-1251 fixtures: no text to mutate
    return found


@pytest.fixture(scope="module")
def settings() -> Settings:
    return load_settings(ROOT / "handbook.yml", [ROOT / "standards"])


_STRUCTURAL = {"delete a line", "duplicate a line", "swap two lines", "truncate"}


def _mutant(text: str, rng: random.Random, names: list[str]) -> tuple[str, list[str]]:
    lines = text.split("\n")
    applied = []
    chosen = [rng.choice(names) for _ in range(rng.randint(1, 3))]
    # Lines are moved before characters are put in, so that what is put in the body stays in
    # the body (a deleted closing "---" would make the body front matter).
    for name in sorted(chosen, key=lambda name: name not in _STRUCTURAL):
        if lines:
            lines = MUTATIONS[name](lines, rng)
            applied.append(name)
    return "\n".join(lines), applied


def _assert_sound(result: Result, text: str, what: object) -> None:
    lines = lines_of(text.removeprefix("\ufeff"))
    for diagnostic in result.diagnostics:
        assert_inside(diagnostic.span, lines, f"{what}: {diagnostic.code}")
        assert not any(words in diagnostic.message.lower() for words in _INTERNAL_ERROR), what


def test_mutated_standards_never_crash_and_stay_inside(settings: Settings) -> None:
    rng = random.Random(SEED)
    corpus = _corpus()
    names = sorted(MUTATIONS)
    for number in range(BUDGET):
        path, text = corpus[number % len(corpus)]
        mutant, applied = _mutant(text, rng, names)
        what = f"mutant {number} of {path.relative_to(ROOT)} ({', '.join(applied)})"
        try:
            result = check_text(mutant, path.name, settings, TODAY)
        except Exception as error:  # pragma: no cover - the failure report
            raise AssertionError(f"{what} raised {error!r}; text: {mutant[:2000]!r}") from error
        _assert_sound(result, mutant, what)


def _per_file_findings(result: Result, skip: str) -> dict[str, list[tuple[object, ...]]]:
    """Findings of the rules that judge one file at a time, by file, but for ``skip``."""
    per_file = {rule.code for rule in all_rules() if issubclass(rule, DocumentRule)}
    found: dict[str, list[tuple[object, ...]]] = {}
    for record in result.files:
        if record.path != skip:
            assert record.state is FileState.CHECKED, record
            found[record.path] = []
    for diagnostic in result.diagnostics:
        if diagnostic.path in found and diagnostic.code in per_file:
            found[diagnostic.path].append(
                (diagnostic.span, diagnostic.code, diagnostic.severity, diagnostic.message)
            )
    return found


@pytest.mark.parametrize(
    "mutation",
    [
        "truncate",
        "insert NUL",
        "duplicate a line",
        "a merge key",
    ],
)
def test_one_mutated_file_leaves_the_others_alone(tmp_path: Path, mutation: str) -> None:
    shutil.copy(ROOT / "handbook.yml", tmp_path / "handbook.yml")
    shutil.copytree(ROOT / "standards", tmp_path / "standards")
    victim = tmp_path / "standards" / "phone" / "answer-call.en.md"
    settings = load_settings(tmp_path / "handbook.yml", [tmp_path / "standards"])
    before = check(None, settings, TODAY)

    lines = victim.read_text("utf-8").split("\n")
    victim.write_text("\n".join(MUTATIONS[mutation](lines, random.Random(SEED))), "utf-8")
    after = check(None, settings, TODAY)

    victim_path = "standards/phone/answer-call.en.md"
    assert victim_path in {record.path for record in after.files}
    assert _per_file_findings(after, victim_path) == _per_file_findings(before, victim_path)
    victim_text = victim.read_bytes().decode("utf-8", errors="replace")
    for diagnostic in after.diagnostics:
        if diagnostic.path == victim_path:
            assert_inside(diagnostic.span, lines_of(victim_text), diagnostic.code)

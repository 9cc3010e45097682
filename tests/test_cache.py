"""The cache of outcomes: a second run judges only what changed, and says exactly what a fresh
run says; a damaged, foreign or planted cache is never trusted; faults are never fatal."""

from __future__ import annotations

import hashlib
import inspect
import io
import os
import pickle
import subprocess
import sys
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from stdlint.config import load_profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.engine import cache as cache_module
from stdlint.engine import check, judge
from stdlint.engine.cache import run_key
from stdlint.files import handbook_sources
from stdlint.i18n import Lang
from stdlint.parse import source as source_module
from stdlint.parse.document import Document
from stdlint.parse.facts import Facts, positions_of
from stdlint.parse.source import Fingerprint, Source, read, stamp
from stdlint.progress import Bar, wanted
from stdlint.result import Result
from stdlint.rules import HandbookRule, all_rules
from stdlint.rules.base import Context, DocumentRule
from stdlint.settings import Settings
from stdlint.text import morph
from tests.conftest import REPO, Run, example_copy
from tests.test_parallel import _troubled_handbook

DAY = date(2026, 11, 30)


@pytest.fixture
def judged(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths of the files judged (read and parsed) from now on, in order."""
    seen: list[str] = []
    real = judge.Judge.source

    def source(self: judge.Judge, source: judge.Source, judged: bool) -> judge.Outcome:
        outcome = real(self, source, judged)
        seen.append(outcome.facts.display_path)
        return outcome

    monkeypatch.setattr(judge.Judge, "source", source)
    return seen


def _json(result: Result) -> str:
    from stdlint.formats import FORMATS

    return FORMATS["json"](result, result.profile.default_lang)


def _check(handbook: Path, folder: Path | bool, **kwargs: object) -> Result:
    settings = Settings.from_profile(load_profile(handbook / "handbook.yml"))
    return check(None, settings, DAY, jobs=1, cache=folder, **kwargs)  # type: ignore[arg-type]


def _fresh(handbook: Path) -> str:
    return _json(_check(handbook, False))


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("outcomes-*.bin"))


def _cached_example(tmp_path: Path) -> tuple[Path, Path, str, Path]:
    """A copy of the example handbook checked once with a cache: the handbook, the cache's
    folder, the JSON of the findings, and the one cache file written."""
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    expected = _json(_check(handbook, folder))
    (file,) = _cache_files(folder)
    return handbook, folder, expected, file


def _run_key(handbook: Path) -> bytes:
    return run_key(Settings.from_profile(load_profile(handbook / "handbook.yml")), DAY)


class _Attack:
    """A pickle that a trusting reader would run: a shell command that creates ``marker``."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_second_run_judges_nothing_and_says_the_same(tmp_path: Path, judged: list[str]) -> None:
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    first = _json(_check(handbook, folder))
    files = len(judged)
    assert files > 30
    judged.clear()
    second = _json(_check(handbook, folder))
    # The files that failed to read as text are judged again (their outcome has no digest
    # only if it could not be read at all; a file that is not UTF-8 has one and is kept).
    assert judged == []
    assert second == first == _fresh(handbook)
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_text("utf-8").startswith("Signature: 8a477f597d28d17")


def test_only_the_edited_file_is_judged_again(tmp_path: Path, judged: list[str]) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _check(handbook, folder)
    edited = handbook / "standards" / "phone" / "answer-call.en.md"
    assert edited.exists()
    text = edited.read_text("utf-8")
    edited.write_text(text.replace("\n\n## Why", "\n6. Be polite at all times.\n\n## Why", 1))
    judged.clear()
    result = _check(handbook, folder)
    assert judged == ["standards/phone/answer-call.en.md"]
    assert any(d.path == "standards/phone/answer-call.en.md" for d in result.diagnostics)
    assert _json(result) == _fresh(handbook)


def test_a_second_run_finds_where_handbook_wide_findings_are_without_composing(
    tmp_path: Path,
) -> None:
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    first = _json(_check(handbook, folder))
    positions_of.cache_clear()
    second = _check(handbook, folder)
    # A duplicate id is a handbook-wide finding placed at the id: kept with the facts.
    assert any(d.code == "STR008" for d in second.diagnostics), "a handbook-wide finding"
    assert positions_of.cache_info().misses == 0, "no front matter composed again"
    assert _json(second) == first == _fresh(handbook)


def test_a_standard_named_alone_is_found_in_the_cache_of_a_whole_check(
    tmp_path: Path, judged: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # An author checks the file they edit, named relative to where they stand; the whole check
    # before named it from handbook.yml.
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _check(handbook, folder)
    monkeypatch.chdir(handbook / "standards")
    settings = Settings.from_profile(load_profile(handbook / "handbook.yml"))
    named = [Path("phone") / "answer-call.en.md"]
    judged.clear()
    alone = check(named, settings, DAY, jobs=1, cache=folder)
    assert judged == [], "judged already, under the handbook's name for it"
    assert [record.path for record in alone.files] == ["standards/phone/answer-call.en.md"]
    assert _json(alone) == _json(check(named, settings, DAY, jobs=1, cache=False))


def _analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The words analysed with a dictionary from now on, in a process that has analysed none."""
    analysed: list[str] = []
    monkeypatch.setattr(morph, "_KNOWN", {Lang.EN: {}, Lang.RU: {}})
    monkeypatch.setattr(morph, "_LEARNT", {Lang.EN: {}, Lang.RU: {}})
    for name in ("_analyse_english", "_analyse_russian"):
        real = getattr(morph, name)

        def counted(word: str, real: Callable[[str], morph.WordInfo] = real) -> morph.WordInfo:
            analysed.append(word)
            return real(word)

        monkeypatch.setattr(morph, name, counted)
    return analysed


def _edit_with_known_words(handbook: Path) -> None:
    edited = handbook / "standards" / "phone" / "answer-call.en.md"
    text = edited.read_text("utf-8")
    edited.write_text(text.replace("\n\n## Why", "\n6. Answer the call.\n\n## Why", 1), "utf-8")


def test_the_words_of_earlier_checks_are_known_without_a_dictionary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, judged: list[str]
) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _check(handbook, folder)
    assert list(folder.glob("words-*.bin")), "the words analysed are kept beside the outcomes"
    _edit_with_known_words(handbook)
    analysed = _analyses(monkeypatch)
    judged.clear()
    result = _check(handbook, folder)
    assert judged == ["standards/phone/answer-call.en.md"]
    assert analysed == [], "every word of the edited file was analysed by an earlier check"
    assert _json(result) == _fresh(handbook)


def test_words_learnt_are_analyses_when_asked_for_and_are_kept_again_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words = ["обращения", "позвоните", "стали", "два", "replies", "customer's"]
    langs = [Lang.RU] * 4 + [Lang.EN] * 2
    earlier = [morph.analyse_word(word, lang) for word, lang in zip(words, langs, strict=True)]
    rows = {lang: morph.known_words(lang) for lang in Lang}
    analysed = _analyses(monkeypatch)  # a new process: nothing analysed, nothing learnt
    for lang in Lang:
        morph.learn(lang, rows[lang])
        assert morph._KNOWN[lang] == {}  # nothing made before it is asked for
        assert morph.known_count(lang) == len(rows[lang])
        assert sorted(morph.known_words(lang)) == sorted(rows[lang])
    again = [morph.analyse_word(word, lang) for word, lang in zip(words, langs, strict=True)]
    assert again == earlier and analysed == []
    for lang in Lang:  # asked for or not, every word is kept for the next check
        assert sorted(morph.known_words(lang)) == sorted(rows[lang])


@pytest.mark.parametrize("damage", ["garbage", "planted", "wrong shape"])
def test_a_damaged_or_planted_word_cache_is_ignored_and_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _check(handbook, folder)
    (file,) = folder.glob("words-*.bin")
    key = _run_key(handbook)
    marker = tmp_path / "pwned"
    bodies = {
        "planted": pickle.dumps({"en": _Attack(marker), "ru": []}),
        "wrong shape": pickle.dumps(
            {"en": [("word", "not a tuple", "word", None, 0, 0)], "ru": []}
        ),
    }
    if damage == "garbage":
        file.write_bytes(os.urandom(file.stat().st_size))
    else:  # a valid header and checksum
        body = bodies[damage]
        checksum = zlib.crc32(body).to_bytes(4, "little")
        file.write_bytes(
            cache_module._WORDS_MAGIC + bytes([cache_module.FORMAT]) + key + body + checksum
        )
    assert cache_module._load_words(file, key) == {}
    assert not marker.exists()
    _edit_with_known_words(handbook)
    analysed = _analyses(monkeypatch)
    assert _json(_check(handbook, folder)) == _fresh(handbook)
    assert analysed, "the words are analysed again"
    assert not marker.exists()
    rebuilt = cache_module._load_words(file, key)
    assert "answer" in {row[0] for row in rebuilt[Lang.EN]}


def test_a_suppression_is_judged_unused_when_the_handbook_finding_it_silenced_is_gone(
    tmp_path: Path,
) -> None:
    # The suppression in zz-suppressed.md silences a handbook-wide finding (a duplicate id),
    # so whether it is used is only known once the whole handbook is seen: what is cached is
    # the file's own outcome, before that step.
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    before = _check(handbook, folder)
    unused = ("standards/zz-suppressed.md", "STR012")
    assert unused not in {(d.path, d.code) for d in before.diagnostics}
    (handbook / "standards" / "zz-duplicate.md").unlink()
    original = next(p for p in sorted((handbook / "standards").glob("*.md")))
    original.unlink()
    after = _check(handbook, folder)
    fresh = _fresh(handbook)
    assert _json(after) == fresh
    assert unused in {(d.path, d.code) for d in after.diagnostics}


def test_an_edit_pickles_only_its_own_piece_of_the_cache_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, judged: list[str]
) -> None:
    # Files just written are read again on each run, until their change is two seconds older
    # than the reading (see Fingerprint.again), and their entries are then kept anew: without
    # that window here, the files' entries stay as they were read.
    monkeypatch.setattr(source_module, "_RACY_NS", 0)
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _check(handbook, folder)
    (file,) = _cache_files(folder)
    key = _run_key(handbook)
    before = cache_module._load(file, key)
    # The pieces of outcomes are left in the file until asked for: read them before it is
    # replaced.
    read_before = {where: _piece(entry) for where, entry in before.items()}
    edited = handbook / "standards" / "phone" / "answer-call.en.md"
    edited.write_text(edited.read_text("utf-8") + "\nAnswer within 20 seconds.\n", "utf-8")
    pickled: list[int] = []
    real = cache_module._pickled

    def counted(stored: list[tuple[judge.Outcome, tuple[frozenset[str], ...]]]) -> bytes:
        pickled.append(len(stored))
        return real(stored)

    monkeypatch.setattr(cache_module, "_pickled", counted)
    judged.clear()
    result = _check(handbook, folder)
    assert judged == ["standards/phone/answer-call.en.md"]
    assert _json(result) == _fresh(handbook)
    where = str(edited.resolve())
    after = cache_module._load(file, key)
    assert after.keys() == before.keys()
    mates = [w for w in after if cache_module._bucket(w) == cache_module._bucket(where)]
    assert pickled == [len(mates)]  # the edited file's piece, and no other
    for other, entry in after.items():
        old, new = before[other].chunk, entry.chunk
        assert old is not None and new is not None
        assert old.listed is not None and new.listed is not None
        # The other pieces, and the lists of their files, are written as they were read; the
        # edited file's list holds its new digest.
        listed_alike = bytes(new.listed.payload) == bytes(old.listed.payload)
        assert listed_alike is (other not in mates), other
        if other not in mates:
            assert _piece(entry) == read_before[other]


def _piece(entry: cache_module._Entry) -> bytes:
    """The bytes of the piece of outcomes an entry was read from."""
    assert entry.chunk is not None
    payload = entry.chunk.read()
    assert payload is not None
    return bytes(payload)


def test_outcomes_read_back_are_stored_again_as_they_were_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One piece for all: the edit of one file pickles every other outcome again, among them
    # zz-suppressed.md's, whose suppression the handbook-wide step of the second run marked
    # used. Stored with that mark, the third run would not see it unused.
    monkeypatch.setattr(cache_module, "_BUCKETS", 1)
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    _check(handbook, folder)
    edited = next(p for p in sorted((handbook / "standards").glob("*.md")) if "zz" not in p.name)
    edited.write_text(edited.read_text("utf-8") + "\nAnswer within 20 seconds.\n", "utf-8")
    _check(handbook, folder)
    (handbook / "standards" / "zz-duplicate.md").unlink()
    original = next(p for p in sorted((handbook / "standards").glob("*.md")))
    original.unlink()
    after = _check(handbook, folder)
    assert ("standards/zz-suppressed.md", "STR012") in {(d.path, d.code) for d in after.diagnostics}
    assert _json(after) == _fresh(handbook)


def test_a_file_changed_while_it_is_judged_is_kept_under_the_bytes_judged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    target = handbook / "standards" / "phone" / "answer-call.en.md"
    old = target.read_bytes()
    new = old.replace(b"## Why\n", b"## Why\n\nBe polite at all times.\n\n", 1)
    real_again = Fingerprint.again

    def look_then_edit(self: Fingerprint, path: Path) -> Fingerprint | None:
        found = real_again(self, path)
        if path == target:  # the file changes between the cache's look and the judging
            target.write_bytes(new)
        return found

    _check(handbook, folder)  # a cache to look in
    target.write_bytes(old + b"\n")  # a miss, so that the file is judged again
    monkeypatch.setattr(Fingerprint, "again", look_then_edit)
    _check(handbook, folder)
    monkeypatch.setattr(Fingerprint, "again", real_again)
    for content in (new, old + b"\n"):
        target.write_bytes(content)
        assert _json(_check(handbook, folder)) == _fresh(handbook)


def test_a_file_that_disappears_during_the_run_is_reported_and_the_rest_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _check(handbook, folder)
    gone = handbook / "standards" / "phone" / "answer-call.en.md"
    gone.write_text(gone.read_text("utf-8") + "\n", "utf-8")  # judged again, so read again
    real_again = Fingerprint.again

    def look_then_delete(self: Fingerprint, path: Path | str) -> Fingerprint | None:
        found = real_again(self, path)
        if Path(path) == gone:
            gone.unlink()
        return found

    monkeypatch.setattr(Fingerprint, "again", look_then_delete)
    result = _check(handbook, folder)
    codes = {d.code for d in result.diagnostics if d.path == "standards/phone/answer-call.en.md"}
    assert "STR010" in codes
    assert len(result.handbook) == len(list((handbook / "standards").rglob("*.md"))) + 1


@pytest.mark.parametrize(
    "damage",
    ["truncated", "length flipped", "garbage", "empty", "other key", "a folder"],
)
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(
    tmp_path: Path, judged: list[str], damage: str
) -> None:
    handbook, folder, expected, file = _cached_example(tmp_path)
    data = file.read_bytes()
    if damage == "truncated":
        file.write_bytes(data[: len(data) // 2])
    elif damage == "length flipped":  # of the first piece: the checksum of them all fails
        at = len(cache_module._MAGIC) + 1 + 20
        file.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :])
    elif damage == "garbage":
        file.write_bytes(os.urandom(len(data)))
    elif damage == "empty":
        file.write_bytes(b"")
    elif damage == "other key":  # a whole, valid file of another run, renamed
        head = len(cache_module._MAGIC) + 1
        file.write_bytes(data[:head] + bytes(20) + data[head + 20 :])
    else:
        file.unlink()
        file.mkdir()
    judged.clear()
    assert _json(_check(handbook, folder)) == expected
    assert len(judged) == 32  # every file judged again
    if damage != "a folder":
        judged.clear()
        assert _json(_check(handbook, folder)) == expected
        assert judged == []  # and the rebuilt cache serves the next run


@pytest.mark.parametrize("damaged", ["outcomes", "list"])
def test_a_damaged_piece_costs_only_its_own_files(
    tmp_path: Path, judged: list[str], damaged: str
) -> None:
    # Each piece, and each list of the files of a piece, is checked against its own digest:
    # one flipped byte in either and only the standards of that piece are judged again; the
    # rest are trusted.
    handbook, folder, expected, file = _cached_example(tmp_path)
    entries = cache_module._load(file, _run_key(handbook))
    chunk = next(iter(entries.values())).chunk
    assert chunk is not None and chunk.listed is not None
    mates = sorted(where for where, entry in entries.items() if entry.chunk is chunk)
    data = bytearray(file.read_bytes())
    piece = chunk.read() if damaged == "outcomes" else chunk.listed.payload
    assert piece is not None
    start = bytes(data).index(bytes(piece))
    data[start + len(piece) // 2] ^= 1
    file.write_bytes(bytes(data))
    judged.clear()
    assert _json(_check(handbook, folder)) == expected
    assert sorted(os.path.abspath(handbook / path) for path in judged) == mates
    assert 0 < len(mates) < 32
    judged.clear()
    assert _json(_check(handbook, folder)) == expected
    assert judged == []  # the piece was written anew


def _cache_file(key: bytes, buckets: list[tuple[object, bytes]]) -> bytes:
    """A cache file as stdlint writes one: header; for each bucket, the list of its files and
    its piece of outcomes, each with its length and CRC-32 first; the CRC-32 of those lengths
    and CRCs."""
    return _pieces_file(
        key, [p for rows, payload in buckets for p in (pickle.dumps(rows), payload)]
    )


def _pieces_file(key: bytes, parts: list[bytes]) -> bytes:
    heads = [
        len(part).to_bytes(8, "little") + zlib.crc32(part).to_bytes(4, "little") for part in parts
    ]
    pieces = b"".join(head + part for head, part in zip(heads, parts, strict=True))
    checksum = zlib.crc32(b"".join(heads)).to_bytes(4, "little")
    return cache_module._MAGIC + bytes([cache_module.FORMAT]) + key + pieces + checksum


def test_a_planted_cache_runs_no_code(tmp_path: Path, judged: list[str]) -> None:
    handbook, folder, expected, file = _cached_example(tmp_path)
    key = _run_key(handbook)
    marker = tmp_path / "pwned"
    entries = cache_module._load(file, key)
    assert len(entries) == 32
    # Every entry names its place in one piece of planted outcomes, under a valid checksum.
    planted = pickle.dumps([_Attack(marker)] * len(entries))
    rows = []
    for index, (where, entry) in enumerate(sorted(entries.items())):
        rows.append((where, entry.given, entry.fingerprint.packed, entry.judged, index))
    file.write_bytes(_cache_file(key, [(rows, planted)]))
    assert len(cache_module._load(file, key)) == 32  # the list itself is read
    judged.clear()
    assert _json(_check(handbook, folder)) == expected
    assert not marker.exists()
    assert len(judged) == 32  # not one planted outcome was used


def test_the_cache_list_itself_builds_no_object(tmp_path: Path) -> None:
    # A list of files that would build an object (here a BytesIO): refused, not built; the
    # files of that list are left out, those of the other lists read.
    key = bytes(20)
    file = tmp_path / "outcomes.bin"
    row, other = ("a", "a", bytes(68), True, 0), ("b", "b", bytes(range(68)), True, 0)
    file.write_bytes(_cache_file(key, [([row, io.BytesIO(b"")], b"x"), ([other], b"y")]))
    assert list(cache_module._load(file, key)) == ["b"]
    # Written the same way without the object, the list is read: the refusal was the object's.
    file.write_bytes(_cache_file(key, [([row], b"x"), ([other], b"y")]))
    loaded = cache_module._load(file, key)
    assert list(loaded) == ["a", "b"]
    chunk = loaded["a"].chunk
    assert chunk is not None
    assert chunk.payload is None  # left in the file until one of its outcomes is asked for
    assert chunk.read() == b"x"
    # A piece that is not a list of outcomes gives none, and the entry is judged again.
    assert chunk.outcome(0, frozenset({"stdlint"})) is None
    # A list without its piece, under a valid checksum: the file is not of this shape at all.
    file.write_bytes(_pieces_file(key, [pickle.dumps([row]), b"x", pickle.dumps([other])]))
    assert cache_module._load(file, key) == {}
    # Each part of a row is of exactly its type and size: True is no place in a piece, a tuple
    # or 67 bytes no fingerprint.
    wrongs = [
        (*row[:4], True),
        (*row[:2], (1, 1, 1, 1, 1), *row[3:]),
        (*row[:2], bytes(67), *row[3:]),
    ]
    for wrong in wrongs:
        file.write_bytes(_cache_file(key, [([row, wrong], b"x"), ([other], b"y")]))
        assert list(cache_module._load(file, key)) == ["b"]


def test_what_the_run_depends_on_changes_the_key(tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    profile_file = handbook / "handbook.yml"
    base = Settings.from_profile(load_profile(profile_file))
    key = run_key(base, DAY)
    assert run_key(Settings.from_profile(load_profile(profile_file)), DAY) == key
    # stdlint's own rules judge no file by the date (the currency rules run on the facts).
    assert run_key(base, date(2026, 12, 1)) == key
    profile_file.write_text(
        profile_file.read_text("utf-8") + "\nrules:\n  CON001: warning\n", "utf-8"
    )
    assert run_key(Settings.from_profile(load_profile(profile_file)), DAY) != key


@pytest.mark.parametrize(("reads_today", "dated"), [(None, True), (True, True), (False, False)])
def test_a_plugin_rule_that_may_read_the_date_makes_the_key_daily(
    monkeypatch: pytest.MonkeyPatch, reads_today: bool | None, dated: bool
) -> None:
    plugin = type("DatedSteps", (ManySteps,), {"reads_today": reads_today})
    rules = tuple(sorted([*all_rules(), plugin], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)
    settings = Settings.from_profile(load_profile(REPO / "handbook.yml"))
    assert any(setting.rule is plugin for setting in settings.rules)
    assert (run_key(settings, DAY) != run_key(settings, date(2026, 12, 1))) is dated


def test_a_new_day_judges_no_file_again_and_the_dates_are_judged_anew(
    tmp_path: Path, judged: list[str]
) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    settings = Settings.from_profile(load_profile(handbook / "handbook.yml"))
    first = check(None, settings, DAY, jobs=1, cache=folder)
    later = date(2028, 1, 1)  # every review of the example is overdue by then
    judged.clear()
    result = check(None, settings, later, jobs=1, cache=folder)
    assert judged == []
    assert not any(d.code == "CUR001" for d in first.diagnostics)
    assert any(d.code == "CUR001" for d in result.diagnostics)
    assert _json(result) == _json(check(None, settings, later, jobs=1, cache=False))


def test_stdlint_judges_no_file_by_the_date() -> None:
    # What makes the key above the same every day: no rule of stdlint reads ``today`` while a
    # file is judged (the currency rules run with the handbook-wide ones, on the facts).
    for rule in all_rules():
        if not rule.__module__.startswith("stdlint."):
            continue
        assert rule.reads_today is None
        judging = [rule.check] if issubclass(rule, DocumentRule) else []
        if issubclass(rule, HandbookRule) and rule.gather is not HandbookRule.gather:
            judging.append(rule.gather)
        for function in judging:
            assert "today" not in inspect.getsource(function), (rule.code, function.__name__)


def test_the_key_is_the_same_in_every_process() -> None:
    # Sets in the settings must not make the key follow Python's hash seed.
    script = (
        "from datetime import date; from stdlint.settings import load_settings; "
        "from stdlint.engine.cache import run_key; "
        "print(run_key(load_settings(), date(2026, 11, 30)).hex())"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(keys) == 1


def test_an_unwritable_cache_costs_only_speed(tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    result = _check(handbook, blocker / "cache")
    assert _json(result) == _fresh(handbook)
    assert blocker.read_text("utf-8") == "not a folder"


def test_a_partial_run_keeps_the_others_and_a_whole_run_forgets_deleted_files(
    tmp_path: Path, judged: list[str]
) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _check(handbook, folder)
    settings = Settings.from_profile(load_profile(handbook / "handbook.yml"))
    one = handbook / "standards" / "phone" / "answer-call.en.md"
    judged.clear()
    check([one], settings, DAY, jobs=1, cache=folder)
    assert judged == []  # the named file and the other standards all came from the cache
    (file,) = _cache_files(folder)
    key = run_key(settings, DAY)
    assert len(cache_module._load(file, key)) == 32
    one.unlink()
    _check(handbook, folder)
    assert len(cache_module._load(file, key)) == 31


def test_old_cache_files_are_pruned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A plugin rule that may read the date makes each day a key of its own.
    rules = tuple(sorted([*all_rules(), ManySteps], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    settings = Settings.from_profile(load_profile(handbook / "handbook.yml"))
    for day in range(1, 8):
        check(None, settings, date(2026, 11, day), jobs=1, cache=folder)
    files = _cache_files(folder)
    assert len(files) == cache_module.KEEP
    assert folder / f"outcomes-{run_key(settings, date(2026, 11, 7)).hex()}.bin" in files
    words = sorted(folder.glob("words-*.bin"))
    assert [path.name.removeprefix("words-") for path in words] == [
        path.name.removeprefix("outcomes-") for path in files
    ]


def test_two_runs_at_once_leave_a_whole_cache(tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    command = [sys.executable, "-m", "stdlint", "check", "--format", "json", "--today"]
    command += [DAY.isoformat(), "--jobs", "1", "--fail-on", "never"]
    env = {**os.environ, "STDLINT_CACHE_DIR": str(folder)}
    runs = [
        subprocess.Popen(command, cwd=handbook, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=300)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0]
    assert len(set(outputs)) == 1
    assert outputs[0] == _fresh(handbook)
    (file,) = _cache_files(folder)
    settings = Settings.from_profile(load_profile(handbook / "handbook.yml"))
    assert len(cache_module._load(file, run_key(settings, DAY))) == 32
    assert not [path for path in folder.iterdir() if path.name.startswith(".outcomes-")]


def test_workers_fill_the_cache_and_a_second_run_needs_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, judged: list[str]
) -> None:
    from stdlint.engine import pool

    monkeypatch.setattr(pool, "POOL_FROM", 0)
    monkeypatch.setattr(pool, "CHUNK", 3)
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    settings = Settings.from_profile(load_profile(handbook / "handbook.yml"))
    parallel = _json(check(None, settings, DAY, jobs=2, cache=folder))
    assert parallel == _fresh(handbook)
    judged.clear()
    assert _json(check(None, settings, DAY, jobs=2, cache=folder)) == parallel
    assert judged == []


def test_the_command_line_uses_the_cache_unless_told_not_to(
    run_cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    handbook = example_copy(tmp_path)
    monkeypatch.delenv("STDLINT_CACHE_DIR")
    args = ("check", "--today", DAY.isoformat(), "--format", "json")
    no_cache = run_cli(*args, "--no-cache", cwd=handbook)
    assert not (handbook / ".stdlint_cache").exists()
    first = run_cli(*args, cwd=handbook)
    assert len(_cache_files(handbook / ".stdlint_cache")) == 1
    second = run_cli(*args, cwd=handbook)
    assert no_cache.output == first.output == second.output
    assert "Проверка" not in second.stderr and "Checking" not in second.stderr


# --- the progress bar -------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_on_a_terminal_after_its_delay_and_is_erased(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from stdlint.i18n import Lang

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = _Terminal()
    assert wanted(stream)
    bar = Bar(Lang.RU, stream, delay=0)
    bar.start(200, 50)
    bar.advance(10)
    bar.advance(40)
    bar.stop()
    shown = stream.getvalue()
    assert "Проверка" in shown
    assert "100/200" in shown
    assert shown.endswith("\r\x1b[2K\x1b[?25h")  # erased, and the cursor shown again


def test_a_quick_run_shows_no_bar() -> None:
    from stdlint.i18n import Lang

    stream = _Terminal()
    bar = Bar(Lang.EN, stream, delay=60)
    bar.start(200, 0)
    bar.advance(200)
    bar.stop()
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    ("ci", "term", "terminal", "expected"),
    [
        ("true", "xterm", True, False),
        ("", "dumb", True, False),
        ("", "xterm", False, False),
        ("false", "xterm", True, True),
    ],
)
def test_the_bar_is_never_drawn_in_a_log_or_a_pipe(
    monkeypatch: pytest.MonkeyPatch, ci: str, term: str, terminal: bool, expected: bool
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.setenv("TERM", term)
    assert wanted(_Terminal() if terminal else io.StringIO()) is expected


def test_the_engine_tells_the_bar_how_far_it_is(tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    heard: list[tuple[str, int, int]] = []

    class Spy:
        def start(self, total: int, done: int) -> None:
            heard.append(("start", total, done))

        def advance(self, files: int) -> None:
            heard.append(("advance", files, 0))

        def stop(self) -> None:
            heard.append(("stop", 0, 0))

    _check(handbook, folder, progress=Spy())
    assert heard[0] == ("start", 32, 0)
    assert sum(files for kind, files, _ in heard if kind == "advance") == 32
    assert heard[-1] == ("stop", 0, 0)
    heard.clear()
    (handbook / "standards" / "phone" / "answer-call.en.md").write_text("# changed\n", "utf-8")
    _check(handbook, folder, progress=Spy())
    assert heard == [("start", 32, 31), ("advance", 1, 0), ("stop", 0, 0)]


# --- plugin rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Steps:
    """What the plugin rule below gathers: a class of the plugin's own package."""

    count: int


class ManySteps(HandbookRule):
    """A handbook-wide plugin rule that gathers a value of its own class.

    ## What it does
    Flags every standard with more than four steps.
    """

    code, name = "CNS997", "many-steps"
    criterion, default_severity = Criterion.CONSISTENCY, Severity.WARNING

    def gather(self, doc: Document, ctx: Context) -> _Steps:
        """The number of steps."""
        return _Steps(len(doc.steps))

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """One finding per standard with more than four steps."""
        for facts in standards:
            steps = facts.gathered.get(self.code)
            if isinstance(steps, _Steps) and steps.count > 4:
                span = facts.position(("id",), value=True)
                yield self.diagnostic(facts, span, f"{steps.count} steps", "split it")


class GathersALambda(HandbookRule):
    """A handbook-wide plugin rule that gathers what cannot be pickled.

    ## What it does
    Nothing useful.
    """

    code, name = "CNS996", "gathers-a-lambda"
    criterion, default_severity = Criterion.CONSISTENCY, Severity.WARNING

    def gather(self, doc: Document, ctx: Context) -> object:
        """A function, which pickle refuses."""
        return lambda: doc.display_path

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """Nothing."""
        yield from ()


@pytest.mark.parametrize(("plugin", "cached"), [(ManySteps, True), (GathersALambda, False)])
def test_plugin_rules_are_cached_when_what_they_gather_can_be(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    judged: list[str],
    plugin: type[HandbookRule],
    cached: bool,
) -> None:
    rules = tuple(sorted([*all_rules(), plugin], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    first = _json(_check(handbook, folder))
    if plugin is ManySteps:
        assert '"CNS997"' in first
    judged.clear()
    second = _json(_check(handbook, folder))
    assert len(judged) == (0 if cached else 32)
    assert second == first == _fresh(handbook)


def test_the_collector_is_tuned_for_a_check_and_restored_after() -> None:
    import gc

    from stdlint.engine.pool import long_run

    before = gc.get_threshold()
    with long_run():
        assert gc.get_threshold()[0] > before[0]
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


# --- the status of a file ---------------------------------------------------------------------


def _read_anew(tmp_path: Path) -> tuple[Path, Fingerprint]:
    """A small standard written just now, and the fingerprint of reading it."""
    file = tmp_path / "a.md"
    file.write_text("---\nid: a\n---\n", "utf-8")
    fingerprint = read(Source(file, None)).fingerprint
    assert fingerprint is not None
    return file, fingerprint


def test_a_file_long_unchanged_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file, fingerprint = _read_anew(tmp_path)
    # Read just now, it must be read again: a change in the same tick would not show.
    assert fingerprint.again(file) is not None
    assert fingerprint.again(file) is not fingerprint
    # Read long after its last change, its status is enough.
    settled = _later(fingerprint, 10 * 10**9)

    def no_reading(source: Source) -> Source:
        raise AssertionError("read although its status is the one stored")

    monkeypatch.setattr("stdlint.parse.source.read", no_reading)
    assert settled.again(file) is settled


def _later(fingerprint: Fingerprint, ns: int) -> Fingerprint:
    """``fingerprint`` as if its file had been read ``ns`` later."""
    return Fingerprint.of(fingerprint.digest, fingerprint.stamp, fingerprint.read_ns + ns)


def test_a_fingerprint_keeps_its_parts_packed(tmp_path: Path) -> None:
    before = time.time_ns()
    file, fingerprint = _read_anew(tmp_path)
    assert fingerprint.digest == hashlib.blake2b(file.read_bytes(), digest_size=20).digest()
    assert before <= fingerprint.read_ns <= time.time_ns()
    again = Fingerprint.of(fingerprint.digest, fingerprint.stamp, fingerprint.read_ns)
    assert again == fingerprint and pickle.loads(pickle.dumps(fingerprint)) == fingerprint
    assert fingerprint.stamp == stamp(file.stat())
    assert _later(fingerprint, 5).read_ns == fingerprint.read_ns + 5
    for wrong in (fingerprint.packed[:-1], fingerprint.packed + b"x", bytearray(68)):
        with pytest.raises(ValueError):
            Fingerprint(wrong)  # type: ignore[arg-type]


def test_new_bytes_behind_an_old_modification_time_are_seen(tmp_path: Path) -> None:
    file, fingerprint = _read_anew(tmp_path)
    before = file.stat()
    settled = _later(fingerprint, 10 * 10**9)
    file.write_text("---\nid: b\n---\n", "utf-8")  # same size
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))  # the old time put back
    assert file.stat().st_mtime_ns == before.st_mtime_ns
    assert settled.again(file) is None  # the change time gives it away; the bytes confirm
    file.unlink()
    assert settled.again(file) is None


def test_the_same_bytes_with_a_new_status_are_kept_anew(tmp_path: Path) -> None:
    file, fingerprint = _read_anew(tmp_path)
    os.utime(file, ns=(0, 0))  # touched (checked out again, copied)
    again = fingerprint.again(file)
    assert again is not None and again is not fingerprint
    assert again.digest == fingerprint.digest and again.stamp != fingerprint.stamp


def test_findings_keep_the_words_they_write_alike_once(tmp_path: Path) -> None:
    """Thousands of findings kept to the end of a check share a suggestion, or a message about
    the same words: each text is kept once, made anew or read back from the cache."""
    from stdlint.diagnostics import Span

    def finding(line: int) -> Diagnostic:
        words = "".join(["быстро"])  # made anew each time, as a rendered message is
        return Diagnostic(
            "standards/a.ru.md",
            Span.point(line),
            "CON001",
            Criterion.CONCRETENESS,
            Severity.ERROR,
            f"расплывчатое слово «{words}»",
            "".join(["назовите ", "срок"]),
            words,
        )

    first, second = finding(3), finding(7)
    assert first.message is second.message
    assert first.suggestion is second.suggestion
    assert first.quote is second.quote
    read_back = pickle.loads(pickle.dumps((first, second)))
    assert read_back[1].suggestion is first.suggestion
    assert read_back == (first, second)

    class Marked(str):  # a plugin's own kind of text cannot be interned: it is kept as given
        pass

    marked = replace(first, message=Marked("своё сообщение"))
    assert type(marked.message) is Marked
    assert marked.suggestion == first.suggestion


def test_a_finding_read_back_is_the_finding_written() -> None:
    """A finding pickles as one call that rebuilds it with its span, which the cache's own
    unpickler (it calls only the functions marked as rebuilding stdlint's objects) makes."""
    from stdlint.diagnostics import Span

    finding = Diagnostic(
        "standards/a.md",
        Span(3, 5, 4, 1),
        "CON001",
        Criterion.CONCRETENESS,
        Severity.ERROR,
        "m",
        "s",
    )
    data = pickle.dumps((finding, finding.span))
    for read_back, span in (
        pickle.loads(data),
        cache_module._Classes(io.BytesIO(data), frozenset({"stdlint"})).load(),
    ):
        assert read_back == finding and span == finding.span
        assert type(read_back.span) is Span and read_back.span is not span


def test_a_piece_left_in_a_cache_file_another_run_has_replaced_is_not_read_from_the_new_one(
    tmp_path: Path,
) -> None:
    # A check reads the lists of a cache file and leaves its pieces of outcomes in it. Should
    # another run replace the file before one is asked for, the piece is not read from the new
    # file (its offsets are the old file's): its files count as not cached, and are judged.
    handbook, folder, _, _ = _cached_example(tmp_path)
    settings = Settings.from_profile(load_profile(handbook / "handbook.yml"))
    early = cache_module.Cache.for_run(settings, DAY, folder)
    sources = handbook_sources(settings.profile)
    kept = [early.get(source, True) for source in sources[:1]]
    assert kept[0] is not None  # read from the file as it is
    edited = handbook / "standards" / "phone" / "answer-call.en.md"
    edited.write_text(edited.read_text("utf-8") + "\nAnswer within 20 seconds.\n", "utf-8")
    assert _json(_check(handbook, folder)) == _fresh(handbook)  # the file is replaced
    stale = [
        source
        for source in sources
        if (entry := early._old.get(os.path.abspath(source.where))) is not None
        and entry.chunk is not None
        and entry.chunk.outcomes is None
        and entry.chunk.payload is None
    ]
    assert stale
    assert all(early.get(source, True) is None for source in stale)
    # A cache read now takes them from the new file.
    late = cache_module.Cache.for_run(settings, DAY, folder)
    assert all(late.get(source, True) is not None for source in stale)

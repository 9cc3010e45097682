"""What the last whole check concluded, kept for the next: a check that needs only the findings
(the command line, the MkDocs plugin) takes the unchanged standards' findings from it and runs
no handbook-wide rule when every changed standard still shows those rules the same facts.

Every test compares the output with a check that uses no cache at all: the stored conclusion
may only ever save time, never change a finding.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from stdlint.config import load_profile
from stdlint.engine import cache as cache_module
from stdlint.engine import check, judge, pool
from stdlint.engine.cache import run_key
from stdlint.parse.source import Source
from stdlint.result import Result
from stdlint.rules import all_rules
from stdlint.settings import Settings
from tests.conftest import example_copy
from tests.test_cache import ManySteps, _json
from tests.test_parallel import _troubled_handbook

DAY = date(2026, 11, 30)


class Counted:
    """How often the handbook step ran, and which files were judged, since the last clear."""

    def __init__(self) -> None:
        self.concluded = 0
        self.judged: list[str] = []
        self.unpickled = 0

    def clear(self) -> None:
        self.concluded, self.judged, self.unpickled = 0, [], 0


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counted:
    seen = Counted()
    concluded, source, outcomes = judge.Judge.concluded, judge.Judge.source, cache_module._outcomes

    def count_concluded(self: judge.Judge, *args: object, **named: bool) -> judge.Concluded:
        seen.concluded += 1
        return concluded(self, *args, **named)  # type: ignore[arg-type]

    def count_source(self: judge.Judge, source_: judge.Source, judged: bool) -> judge.Outcome:
        outcome = source(self, source_, judged)
        seen.judged.append(outcome.facts.display_path)
        return outcome

    def count_outcomes(
        payload: bytes | memoryview, packages: frozenset[str]
    ) -> list[judge.Outcome] | None:
        seen.unpickled += 1
        return outcomes(payload, packages)

    monkeypatch.setattr(judge.Judge, "concluded", count_concluded)
    monkeypatch.setattr(judge.Judge, "source", count_source)
    monkeypatch.setattr(cache_module, "_outcomes", count_outcomes)
    return seen


def _settings(handbook: Path) -> Settings:
    return Settings.from_profile(load_profile(handbook / "handbook.yml"))


def _findings(
    handbook: Path,
    folder: Path | bool,
    paths: Sequence[Path] | None = None,
    today: date = DAY,
) -> Result:
    """A check as the command line makes it: the findings alone."""
    return check(paths, _settings(handbook), today, jobs=1, cache=folder, facts=False)


def _fresh(handbook: Path, paths: Sequence[Path] | None = None, today: date = DAY) -> str:
    return _json(check(paths, _settings(handbook), today, jobs=1, cache=False))


def _pieces_shared(handbook: Path, path: Path) -> int:
    """1 if the piece of the cache that keeps ``path``'s outcome keeps another's, else 0."""
    bucket = cache_module._bucket(os.path.abspath(path))
    others = [
        other
        for other in (handbook / "standards").rglob("*.md")
        if other != path and cache_module._bucket(os.path.abspath(other)) == bucket
    ]
    return 1 if others else 0


def _make_id_unique(handbook: Path) -> Path:
    """A front-matter edit: the troubled handbook's copy of a standard gets an id of its own."""
    duplicate = handbook / "standards" / "zz-duplicate.md"
    text = duplicate.read_text("utf-8")
    duplicate.write_text(text.replace("\nid: ", "\nid: zz-unique-", 1), "utf-8")
    return duplicate


def _edit_body(path: Path, sentence: str = "Answer within 20 seconds.") -> None:
    """A new sentence at the end of the body: what the handbook-wide rules see is the same."""
    path.write_text(path.read_text("utf-8") + f"\n{sentence}\n", "utf-8")


def test_nothing_changed_reads_no_outcome_and_runs_no_handbook_rule(
    tmp_path: Path, counted: Counted
) -> None:
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    first = _json(_findings(handbook, folder))
    assert counted.concluded == 1
    assert len(list(folder.glob("conclusion-*.bin"))) == 1
    counted.clear()
    second = _findings(handbook, folder)
    assert (counted.concluded, counted.judged, counted.unpickled) == (0, [], 0)
    assert second.handbook == ()  # the facts were not asked for
    assert _json(second) == first == _fresh(handbook)
    # A handbook-wide finding, broken YAML and a file that is not UTF-8: all still reported.
    codes = {(d.path, d.code) for d in second.diagnostics}
    assert ("standards/zz-duplicate.md", "STR008") in codes
    assert ("standards/zz-broken-yaml.md", "STR002") in codes
    assert ("standards/zz-latin1.md", "STR009") in codes


def test_a_body_edit_judges_that_file_alone_and_runs_no_handbook_rule(
    tmp_path: Path, counted: Counted
) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)
    edited = handbook / "standards" / "phone" / "answer-call.en.md"
    # A step without a number (a number in the rule is compared between translations), and
    # another: the stored conclusion was brought up to date by the first.
    for step in ("Be polite at all times.", "Always be friendly and kind."):
        text = edited.read_text("utf-8")
        edited.write_text(text.replace("\n\n## Why", f"\n6. {step}\n\n## Why", 1), "utf-8")
        counted.clear()
        result = _findings(handbook, folder)
        assert counted.judged == ["standards/phone/answer-call.en.md"]
        assert counted.concluded == 0
        assert counted.unpickled == _pieces_shared(handbook, edited)
        line = edited.read_text("utf-8").splitlines().index(f"6. {step}") + 1
        assert any(
            d.path == "standards/phone/answer-call.en.md" and d.span.line == line
            for d in result.diagnostics
        ), "the new vague step is found"
        assert _json(result) == _fresh(handbook)


def test_files_judged_by_workers_carry_their_signature(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: Counted
) -> None:
    # Workers start even for the example, a few files each: what they judge is concluded with
    # its signature, so an edit of any file afterwards is still judged alone.
    monkeypatch.setattr(pool, "POOL_FROM", 0)
    monkeypatch.setattr(pool, "CHUNK", 3)
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    check(None, _settings(handbook), DAY, jobs=2, cache=folder, facts=False)
    cache = cache_module.Cache.for_run(_settings(handbook), DAY, folder)
    stored = cache.conclusion()
    assert stored is not None
    assert all(len(file.signature) == 20 for file in stored.files.values())
    _edit_body(handbook / "standards" / "phone" / "answer-call.ru.md", "Спасибо за звонок.")
    counted.clear()
    result = _findings(handbook, folder)
    assert counted.concluded == 0
    assert _json(result) == _fresh(handbook)


def test_a_check_without_cache_signs_nothing(tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    path = handbook / "standards" / "phone" / "answer-call.ru.md"
    with_cache = judge.Judge(_settings(handbook), DAY).source(Source(path, None), True)
    assert with_cache.signature is not None
    bare = judge.Judge(_settings(handbook), DAY, signatures=False).source(Source(path, None), True)
    assert bare.signature is None
    assert bare.findings == with_cache.findings


def test_a_front_matter_edit_runs_the_handbook_rules_again(
    tmp_path: Path, counted: Counted
) -> None:
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)
    _make_id_unique(handbook)  # its duplicate-id finding (a handbook-wide one) must go
    counted.clear()
    result = _findings(handbook, folder)
    assert counted.concluded == 1
    assert "standards/zz-duplicate.md" in counted.judged
    assert ("standards/zz-duplicate.md", "STR008") not in {
        (d.path, d.code) for d in result.diagnostics
    }
    assert _json(result) == _fresh(handbook)
    # The conclusion was kept anew, and the next check takes it.
    counted.clear()
    again = _findings(handbook, folder)
    assert counted.concluded == 0
    assert _json(again) == _fresh(handbook)


def test_a_new_conclusion_writes_only_the_pieces_of_files_concluded_otherwise(
    tmp_path: Path,
) -> None:
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)
    cache = cache_module.Cache.for_run(_settings(handbook), DAY, folder)
    before = cache.conclusion()
    assert before is not None
    # Its pieces stay in the file until written again: read them before it is replaced.
    read_before = {bucket: _bytes(piece) for bucket, piece in before.pieces.items()}
    duplicate = _make_id_unique(handbook)  # the handbook step runs again; some findings change
    _findings(handbook, folder)
    after = cache.conclusion()
    assert after is not None
    otherwise = {where for where, file in after.files.items() if before.files[where] != file}
    assert str(duplicate) in otherwise
    again = {cache_module._bucket(where) for where in otherwise}
    assert again != set(after.pieces)  # some pieces were kept
    for bucket, piece in after.pieces.items():
        same = _bytes(piece) == read_before[bucket]
        assert same is (bucket not in again), bucket
    # A piece whose file has been replaced since is not read from the new one.
    stale = next(iter(before.pieces.values()))
    assert stale.read() is None and stale.failed


def _bytes(piece: cache_module._Chunk) -> bytes:
    payload = piece.read()
    assert payload is not None
    return bytes(payload)


def test_a_suppression_in_an_edited_file_meets_the_findings_concluded_before(
    tmp_path: Path, counted: Counted
) -> None:
    # zz-suppressed.md silences its handbook-wide duplicate-id finding; a body edit of it
    # takes that finding from the stored conclusion, and the suppression is still used.
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)
    _edit_body(handbook / "standards" / "zz-suppressed.md")
    counted.clear()
    result = _findings(handbook, folder)
    assert counted.concluded == 0
    assert counted.judged == ["standards/zz-suppressed.md"]
    codes = {(d.path, d.code) for d in result.diagnostics}
    assert ("standards/zz-suppressed.md", "STR008") not in codes
    assert ("standards/zz-suppressed.md", "STR012") not in codes  # not an unused suppression
    assert result.suppressed >= 1
    assert _json(result) == _fresh(handbook)


@pytest.mark.parametrize("change", ["deleted", "added"])
def test_a_standard_deleted_or_added_runs_the_handbook_rules_again(
    tmp_path: Path, counted: Counted, change: str
) -> None:
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)
    copy = handbook / "standards" / "zz-duplicate.md"
    if change == "deleted":
        copy.unlink()
    else:
        (handbook / "standards" / "zz-third.md").write_bytes(copy.read_bytes())
    counted.clear()
    result = _findings(handbook, folder)
    assert counted.concluded == 1
    assert _json(result) == _fresh(handbook)


def test_a_new_day_works_the_dated_findings_out_anew(tmp_path: Path, counted: Counted) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    first = _findings(handbook, folder)
    later = date(2028, 1, 1)  # every review of the example is overdue by then
    counted.clear()
    result = _findings(handbook, folder, today=later)
    assert counted.concluded == 1
    assert not any(d.code == "CUR001" for d in first.diagnostics)
    assert any(d.code == "CUR001" for d in result.diagnostics)
    assert _json(result) == _fresh(handbook, today=later)


def test_a_standard_named_alone_takes_the_handbook_findings_from_the_conclusion(
    tmp_path: Path, counted: Counted
) -> None:
    # An author checks the file they edit, again and again, after one whole check.
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)
    named = handbook / "standards" / "zz-suppressed.md"
    for round_ in range(2):
        _edit_body(named, f"Answer within {20 + round_} seconds.")
        counted.clear()
        result = _findings(handbook, folder, [named])
        assert counted.judged == ["standards/zz-suppressed.md"]
        assert counted.concluded == 0
        # Of the outcomes kept, only the piece that keeps the edited file's is read, to be
        # written again with it, if it keeps others.
        assert counted.unpickled == _pieces_shared(handbook, named)
        assert [record.path for record in result.files] == ["standards/zz-suppressed.md"]
        assert _json(result) == _fresh(handbook, [named])


def test_a_file_that_disappears_during_the_run_is_reported_and_the_rest_taken_as_concluded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: Counted
) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)
    gone = handbook / "standards" / "phone" / "answer-call.en.md"
    real = cache_module.Cache.unchanged

    def look_then_delete(
        self: cache_module.Cache, source: Source, digest: bytes, where: str | None = None
    ) -> bool:
        found = real(self, source, digest, where)
        if source.path == gone:
            gone.unlink()  # after its status was read: gone when it would be judged
            return False
        return found

    monkeypatch.setattr(cache_module.Cache, "unchanged", look_then_delete)
    counted.clear()
    result = _findings(handbook, folder)
    monkeypatch.setattr(cache_module.Cache, "unchanged", real)
    # Unreadable now, its facts differ: the handbook step runs, and every other file is there.
    assert counted.concluded == 1
    assert ("standards/phone/answer-call.en.md", "STR010") in {
        (d.path, d.code) for d in result.diagnostics
    }
    assert len(result.files) == 32
    counted.clear()
    after = _findings(handbook, folder)  # the file gone for good: the handbook step again
    assert counted.concluded == 1
    assert _json(after) == _fresh(handbook)


# Where a byte is damaged: inside a piece, in the first piece's length, in the checksum.
_DAMAGE = {
    "payload": lambda data: len(data) // 2,
    "length": lambda data: len(cache_module._CONCLUSION_MAGIC) + 1 + 20,
    "checksum": lambda data: len(data) - 1,
}


@pytest.mark.parametrize("where", sorted(_DAMAGE))
def test_a_damaged_conclusion_is_ignored(tmp_path: Path, counted: Counted, where: str) -> None:
    handbook = _troubled_handbook(tmp_path)
    folder = tmp_path / "cache"
    expected = _json(_findings(handbook, folder))
    (file,) = folder.glob("conclusion-*.bin")
    data = bytearray(file.read_bytes())
    data[_DAMAGE[where](data)] ^= 0xFF
    file.write_bytes(bytes(data))
    counted.clear()
    assert _json(_findings(handbook, folder)) == expected
    assert counted.concluded == 1  # worked out anew, and kept again
    counted.clear()
    assert _json(_findings(handbook, folder)) == expected
    assert counted.concluded == 0


def test_a_conclusion_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)
    settings = _settings(handbook)
    cache = cache_module.Cache.for_run(settings, DAY, folder)
    stored = cache.conclusion()
    assert stored is not None and len(stored.files) == 32
    # A row naming a file of another piece than the one it sits in, under a valid checksum.
    (where, row), *_ = sorted(stored.files.items())
    other = next(w for w in stored.files if cache_module._bucket(w) != cache_module._bucket(where))
    moved = cache_module.Stored(stored.today, {other: row, **stored.files}, stored.profile)
    cache.conclude(moved)
    assert cache.conclusion() is not None  # written right, it is read
    forged = dict(stored.files)
    forged[where] = cache_module.StoredFile(*(["not a digest"] * 7))  # type: ignore[arg-type]
    cache.conclude(cache_module.Stored(stored.today, forged, stored.profile))
    assert cache.conclusion() is None


def test_a_plugin_handbook_rule_is_always_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, counted: Counted
) -> None:
    # A plugin's handbook-wide rule may look beyond the facts: its findings are never reused.
    rules = tuple(sorted([*all_rules(), ManySteps], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    first = _json(_findings(handbook, folder))
    assert not list(folder.glob("conclusion-*.bin"))
    counted.clear()
    assert _json(_findings(handbook, folder)) == first
    assert counted.concluded == 1
    assert run_key(_settings(handbook), DAY) in {
        bytes.fromhex(path.name.removeprefix("outcomes-").removesuffix(".bin"))
        for path in folder.glob("outcomes-*.bin")
    }


def test_the_command_line_takes_the_findings_from_the_conclusion(
    tmp_path: Path, counted: Counted
) -> None:
    from click.testing import CliRunner

    from stdlint.cli import main

    handbook = example_copy(tmp_path)
    arguments = ["check", "--format", "json", "--today", DAY.isoformat(), "--jobs", "1"]
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(handbook)
        patch.setenv("STDLINT_CACHE_DIR", str(tmp_path / "cache"))
        first = runner.invoke(main, arguments)
        counted.clear()
        second = runner.invoke(main, arguments)
    assert counted.concluded == 0
    assert second.output == first.output
    assert second.exit_code == first.exit_code


def test_the_cache_keeps_each_path_once_as_the_check_found_it(tmp_path: Path) -> None:
    """At 50,000 standards each copy of every path is 5 MB: the entries and the conclusion
    read back keep the very strings the check found its files as, not copies from the file."""
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    _findings(handbook, folder)  # writes the entries and the conclusion
    settings = _settings(handbook)
    found = [os.path.join(str(handbook), "x")[:-1] + rest for rest in _relative(handbook)]
    kept = cache_module.Cache.for_run(settings, DAY, folder, paths=found)
    stored = kept.conclusion()
    assert stored is not None
    assert len(kept._old) == len(found) == len(stored.files) > 30
    by_value = {path: path for path in found}
    for where, entry in kept._old.items():
        assert where is by_value[where]
        assert entry.given is where
    for where in stored.files:
        assert where is by_value[where]


def _relative(handbook: Path) -> list[str]:
    """The standards' paths below ``handbook``, each as a string made anew."""
    return sorted(
        str(path.relative_to(handbook)) for path in (handbook / "standards").rglob("*.md")
    )


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_the_cache_leaves_the_garbage_collector_as_it_was(
    tmp_path: Path, enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The collector is paused while the cache's objects are built (none is in a cycle), and
    left as the caller had it afterwards: on, or off, whether the file was whole or damaged."""
    handbook = example_copy(tmp_path)
    folder = tmp_path / "cache"
    expected = _json(_findings(handbook, folder))
    paused: list[bool] = []
    real = cache_module._Classes.load

    def watched(self: cache_module._Classes) -> object:
        paused.append(not gc.isenabled())
        return real(self)

    monkeypatch.setattr(cache_module._Classes, "load", watched)
    (conclusion,) = folder.glob("conclusion-*.bin")
    whole = conclusion.read_bytes()
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        for data in (whole, whole[:-3] + b"\0\0\0"):  # the second fails its checksum
            conclusion.write_bytes(data)
            kept = cache_module.Cache.for_run(_settings(handbook), DAY, folder)
            assert (kept.conclusion() is not None) == (data == whole)
            assert gc.isenabled() is enabled
            assert _json(_findings(handbook, folder)) == expected
            assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert paused and all(paused)


def test_the_rows_of_a_conclusion_are_those_of_each_outcome_by_its_path(tmp_path: Path) -> None:
    """The conclusion's rows are made when asked, found by their paths in sorted order: the
    same rows a dict of them would hold, a path given twice keeping its later outcome."""
    from stdlint.engine import _Rows, _work
    from stdlint.failures import Guard

    handbook = example_copy(tmp_path)
    settings = _settings(handbook)
    work, _, _ = _work(None, settings.profile)
    judging = judge.Judge(settings, DAY)
    outcomes = [judging.source(source, True) for source, _ in reversed(work)]  # not in order
    outcomes.append(judging.source(work[3][0], True))  # a path given twice
    guard = Guard()
    concluded = judging.concluded(outcomes, [], judging.profile(settings.profile, guard), guard)
    rows = _Rows(outcomes, concluded)
    by_path = {os.path.abspath(outcome.facts.where): outcome for outcome in outcomes}
    assert list(rows) == sorted(by_path) and len(rows) == len(by_path) == len(work)
    assert rows.keys() == by_path.keys() and by_path.keys() == rows.keys()
    assert sum(1 for where in by_path if rows[where].handbook) > 0  # some have CNS findings
    for where, outcome in by_path.items():
        kept, silenced = concluded.file_final(outcome)
        row = rows[where]
        assert where in rows
        assert row.display_path == outcome.facts.display_path
        assert (row.kept, row.suppressed) == (kept, silenced)
        assert row.signature == outcome.signature and outcome.signature
        assert row.digest == outcome.fingerprint.digest if outcome.fingerprint else not row.digest
    assert rows[os.path.abspath(work[3][0].where)].kept is concluded.file_final(outcomes[-1])[0]
    for missing in (str(tmp_path / "nowhere.md"), "", 3):
        assert missing not in rows
    with pytest.raises(KeyError):
        rows[str(tmp_path / "nowhere.md")]

"""The facts a check keeps of each standard: what the handbook-wide rules use survives pickling
(workers, a cache), and they keep nothing of the parse that could grow with the handbook."""

from __future__ import annotations

import gc
import pickle
import sys
import weakref
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

import pytest

from stdlint.config import load_profile
from stdlint.diagnostics import Span
from stdlint.engine import check
from stdlint.i18n import Lang
from stdlint.parse.document import Document, parse
from stdlint.parse.facts import (
    _FOUND_KEPT,
    Facts,
    asked_since,
    facts_of,
    keep_asked,
    positions_kept,
    positions_of,
)
from stdlint.parse.source import Source, decode, read
from stdlint.text.tokens import WORD, count_words, tokenize

REPO = Path(__file__).parent.parent
STANDARDS = sorted((REPO / "standards").rglob("*.md"))
STANDARD = REPO / "standards" / "phone" / "answer-call.ru.md"


def _read(path: Path) -> Document:
    return parse(read(Source(path, None)), path.name, Lang.EN)


def _copy(text: str, name: str) -> Document:
    return parse(decode(Path(name), text.encode("utf-8")), name, Lang.EN)


def _key_paths(
    value: object, prefix: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """Every key and list index of the front matter's data, as a path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from _key_paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*prefix, index)
            yield from _key_paths(item, (*prefix, index))


def _picture(facts: Facts) -> tuple[object, ...]:
    return (
        facts.path,
        facts.display_path,
        facts.lang,
        facts.readable,
        facts.meta,
        facts.written_id,
        facts.written_lang,
        facts.links,
        facts.gathered,
    )


@pytest.mark.parametrize("path", STANDARDS, ids=lambda path: path.relative_to(REPO).as_posix())
def test_facts_tell_where_every_key_is_written_as_the_document_does(path: Path) -> None:
    doc = _read(path)
    assert doc.front_matter is not None and doc.meta is not None
    facts = facts_of(doc)
    loaded = pickle.loads(pickle.dumps(facts))
    assert facts.meta == doc.meta
    assert _picture(loaded) == _picture(facts)
    paths = list(_key_paths(doc.front_matter.data))
    assert len(paths) > 10
    for where in [*paths, ("no-such-key",), ("metrics", 99, "target")]:
        for value in (False, True):
            expected = doc.front_matter.position(where, value=value)
            assert facts.position(where, value=value) == expected, (where, value)
            assert loaded.position(where, value=value) == expected, (where, value)


def test_the_facts_of_a_checked_handbook_survive_pickling() -> None:
    result = check(None, load_profile(REPO / "handbook.yml"), date(2026, 11, 30), jobs=1)
    gathered = [facts for facts in result.handbook if facts.gathered]
    assert gathered, "a handbook-wide rule gathers from the example's bodies"
    for facts in result.handbook:
        loaded = pickle.loads(pickle.dumps(facts))
        assert _picture(loaded) == _picture(facts)
        assert loaded.position(("id",), value=True) == facts.position(("id",), value=True)


def test_facts_keep_neither_the_parsed_model_nor_the_composed_positions() -> None:
    doc = _read(STANDARD)
    assert doc.front_matter is not None and doc.front_matter.positions is not None
    doc.front_matter.position(("metrics", 0, "target"), value=True)  # composes the node tree
    parsed_meta = weakref.ref(doc.meta)
    positions = weakref.ref(doc.front_matter.positions)
    facts = facts_of(doc)
    del doc
    gc.collect()
    assert parsed_meta() is None
    assert positions() is None
    assert facts.meta is not None and facts.position(("id",)).line == 2


def test_copies_of_a_standard_share_their_strings_and_field_names() -> None:
    text = STANDARD.read_text("utf-8")
    first, second = (facts_of(_copy(text, f"copy-{n}.md")) for n in range(2))
    shared = [
        pickle.loads(pickle.dumps(facts))  # pickled apart, as by two workers
        for facts in (first, second)
    ]
    for one, other in [(first, second), tuple(shared)]:
        assert one.meta is not None and other.meta is not None
        assert one.meta is not other.meta  # a standard's own, even written alike
        # Its title too: written once in a real handbook, it is not interned.
        assert one.meta.title == other.meta.title and one.meta.title is not other.meta.title
        assert one.meta.owner is other.meta.owner  # the rest of its strings are
        assert one.meta.channels[0] is other.meta.channels[0]
        assert one.meta.metrics[0].id is other.meta.metrics[0].id
        assert one.meta.model_fields_set is other.meta.model_fields_set
        assert one.meta.metrics[0].model_fields_set is other.meta.metrics[0].model_fields_set
        assert one.meta.metrics[0] is other.meta.metrics[0]  # frozen, made of frozen values
        assert one.meta.journey is other.meta.journey  # a tuple of ids, which cannot change
        # Dates and intervals cannot change either: one object of each value.
        assert one.meta.last_reviewed is not None and one.meta.review_every is not None
        assert one.meta.last_reviewed is other.meta.last_reviewed
        assert one.meta.review_every is other.meta.review_every
        assert isinstance(one.meta.journey, tuple) and isinstance(one.meta.tags, tuple)
    assert first.meta is not None and second.meta is not None
    fields_set = set(second.meta.model_fields_set)
    changed = first.meta.model_copy(update={"owner": "someone else"})
    assert changed.owner == "someone else" and first.meta.owner != "someone else"
    assert second.meta.model_fields_set == fields_set


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("target: 0.0", "target: -0.0"),
        ("target: 20", "target: 20.5"),
        ("zones: {green: 20, yellow: 40}", "zones: {green: 20, yellow: 41}"),
        ('name: "Время"', 'name: "Время "'),
    ],
)
def test_metrics_are_shared_only_when_they_are_written_alike(one: str, other: str) -> None:
    def metric(line: str, name: str) -> object:
        text = (
            f"---\nid: x\ntitle: X\nlang: ru\nstatus: draft\nmetrics:\n  - id: m\n    {line}\n---\n"
        )
        facts = facts_of(_copy(text, name))
        assert facts.meta is not None
        return facts.meta.metrics[0]

    first, second = metric(one, "a.md"), metric(other, "b.md")
    assert first is not second
    assert repr(first) != repr(second)
    assert metric(one, "c.md") is first


def test_what_the_handbook_rules_gather_is_one_mapping_for_standards_that_gave_the_same() -> None:
    from stdlint.parse.sharing import shared_mapping

    bounds = {"CNS002": ((20.0, "second"), (2.0, "hour"))}
    alike = {"CNS002": ((20.0, "second"), (2.0, "hour"))}
    one, other = shared_mapping(dict(bounds)), shared_mapping(alike)
    assert one is other and one == bounds
    # Told apart as exactly as written: 20 and 20.0, 0.0 and -0.0 are kept apart.
    ints = shared_mapping({"CNS002": ((20, "second"), (2.0, "hour"))})
    assert ints is not one and isinstance(ints, dict)
    assert type(ints["CNS002"][0][0]) is int
    assert shared_mapping({"X": -0.0}) is not shared_mapping({"X": 0.0})
    # Mappings that differ share the bounds they have alike, told apart as exactly.
    more = shared_mapping({"CNS002": ((20.0, "second"), (2.0, "hour"), (5.0, "day"))})
    mine, theirs, whole = (cast(tuple[object, ...], m["CNS002"]) for m in (one, more, ints))
    assert more is not one and theirs[0] is mine[0] and theirs[1] is mine[1]
    assert whole[0] is not mine[0] and whole[1] is mine[1]
    # A value that is not plain (a plugin's list) gets a mapping of its own, equal to it.
    listed = {"X": [1, 2]}
    own, again = shared_mapping(listed), shared_mapping(listed)
    assert own == listed and own is not listed and own is not again
    # Facts share it when made and when unpickled (from a worker, from the cache).
    text = STANDARD.read_text("utf-8")
    first, second = (facts_of(_copy(text, f"g-{n}.md"), bounds) for n in range(2))
    assert first.gathered is second.gathered is one
    apart = [pickle.loads(pickle.dumps(facts)) for facts in (first, second)]
    assert apart[0].gathered is apart[1].gathered == bounds


def test_the_positions_asked_are_kept_with_the_facts_a_few_at_most(tmp_path: Path) -> None:
    path = tmp_path / "kept.md"
    path.write_text(STANDARD.read_text("utf-8"), "utf-8")
    doc = parse(decode(path, path.read_bytes()), "kept.md", Lang.EN)
    facts = facts_of(doc, on_disk=True)
    assert not facts.found and facts.positions is not None and not facts.positions.kept
    key, value = facts.position(("status",)), facts.position(("status",), value=True)
    assert key != value and key.line == value.line
    asked = facts.found
    assert [(keys, of_value) for keys, of_value, _ in asked] == [
        (("status",), False),
        (("status",), True),
    ]
    assert facts.position(("status",), value=True) == value and facts.found is asked
    with positions_kept(False):  # a check with no cache: nothing later would find them
        assert facts.position(("id",)).line == 2
    assert facts.found is asked
    assert doc.meta is not None
    for name in type(doc.meta).model_fields:
        facts.position((name,))
    assert len(facts.found) == _FOUND_KEPT and facts.found[:2] == asked


def test_composed_positions_are_kept_for_the_last_few_standards_only() -> None:
    text = STANDARD.read_text("utf-8")
    many = [facts_of(_copy(text.replace("id: ", f"id: x{n}-", 1), f"{n}.md")) for n in range(40)]
    assert many[0].positions is not None
    many[0].position(("status",), value=True)
    composed = weakref.ref(positions_of(many[0].path, many[0].positions))
    for facts in many[1:]:
        facts.position(("status",), value=True)
    gc.collect()
    assert composed() is None


@pytest.mark.parametrize(
    "text",
    ["", "Ответьте в течение 2 рабочих часов, т. е. до 18:00.", "Don't wait — call back 3 times."],
)
def test_count_words_counts_the_word_tokens(text: str) -> None:
    assert count_words(text) == sum(1 for token in tokenize(text) if token.kind == WORD)


def test_positions_asked_for_are_kept_through_pickling_without_composing_again() -> None:
    facts = facts_of(_read(STANDARD))
    expected = facts.position(("id",), value=True)
    assert expected.line == 2
    loaded = pickle.loads(pickle.dumps(facts))
    positions_of.cache_clear()
    assert loaded.position(("id",), value=True) == expected
    assert positions_of.cache_info().misses == 0, "found without composing the front matter"
    assert loaded.position(("status",), value=True).line > expected.line
    assert positions_of.cache_info().misses == 1, "a position not asked before is composed"


def test_the_signature_tells_what_the_handbook_rules_see() -> None:
    from stdlint.parse.facts import signature

    text = STANDARD.read_text("utf-8")
    same = signature(facts_of(_copy(text, "a.md")))
    assert same is not None
    assert signature(facts_of(_copy(text, "a.md"))) == same  # parsed again: the same
    # A sentence more at the end of the body: nothing the handbook-wide rules see.
    assert signature(facts_of(_copy(text + "\nЕщё одно предложение.\n", "a.md"))) == same
    # Another id, another name, what a rule gathered, a link: all seen.
    other_id = text.replace("\nid: ", "\nid: x-", 1)
    assert signature(facts_of(_copy(other_id, "a.md"))) not in {same, None}
    assert signature(facts_of(_copy(text, "b.md"))) not in {same, None}
    assert signature(facts_of(_copy(text, "a.md"), {"CNS002": ((1.0, "second"),)})) != same
    linked = text + "\nСм. [другой стандарт](other.ru.md).\n"
    assert signature(facts_of(_copy(linked, "a.md"))) != same
    # A gathered value whose repr is an address cannot be told apart: no signature at all.
    assert signature(facts_of(_copy(text, "a.md"), {"X": object()})) is None


@pytest.mark.parametrize("on_disk", [False, True])
def test_the_signature_sees_every_value_of_the_front_matter_through_its_text(
    tmp_path: Path, on_disk: bool
) -> None:
    from stdlint.parse.facts import signature

    def facts(text: str) -> Facts:
        if on_disk:
            return _on_disk(tmp_path / "a.ru.md", text.encode("utf-8"))
        return facts_of(_copy(text, "a.ru.md"))

    text = STANDARD.read_text("utf-8")
    same = signature(facts(text))
    assert same is not None
    for old, new in [
        ("owner: Руководитель", "owner: Заместитель"),
        ("approved_on: 2026-09-15", "approved_on: 2026-09-16"),
        ("review_every: 1 год", "review_every: 2 года"),
        ("channels: [phone]", "channels: [phone, chat]"),
    ]:
        assert old in text
        assert signature(facts(text.replace(old, new, 1))) not in {same, None}
    # Told without reading the model out: its strings keep no UTF-8 copy of themselves to the
    # end of the check (3 MB at 50,000 standards).
    told = facts(text)
    assert told.meta is not None
    strings = [value for value in vars(told.meta).values() if isinstance(value, str)]
    sizes = [sys.getsizeof(value) for value in strings]
    assert signature(told) == same
    assert [sys.getsizeof(value) for value in strings] == sizes


def _on_disk(path: Path, data: bytes) -> Facts:
    path.write_bytes(data)
    return facts_of(_read(path), on_disk=True)


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_a_file_read_whole_keeps_a_digest_and_its_front_matter_is_read_again(
    tmp_path: Path, newline: bytes
) -> None:
    data = STANDARD.read_bytes().replace(b"\n", newline)
    if newline == b"\r\n":
        data = b"\xef\xbb\xbf" + data  # a BOM too: read again as the rules saw it
    facts = _on_disk(tmp_path / STANDARD.name, data)
    kept = facts_of(_copy(STANDARD.read_text("utf-8"), STANDARD.name))
    assert facts.positions is not None and kept.positions is not None
    assert not facts.positions.kept and kept.positions.kept
    assert len(pickle.dumps(facts.positions)) * 4 < len(pickle.dumps(kept.positions))
    assert kept.meta is not None and kept.meta.metrics
    keys = [("id",), ("status",), ("journey", 1), ("metrics", 0, "target")]
    positions_of.cache_clear()
    for key in keys:
        for value in (False, True):
            assert facts.position(key, value=value) == kept.position(key, value=value)
    assert facts.position(("status",), value=True).line > 2
    # Pickled (a worker, the cache), it still reads the file again.
    loaded = pickle.loads(pickle.dumps(facts))
    positions_of.cache_clear()
    assert loaded.position(("title",)) == kept.position(("title",))


def test_a_file_changed_or_gone_after_it_was_judged_gives_line_1_never_a_wrong_place(
    tmp_path: Path,
) -> None:
    path = tmp_path / STANDARD.name
    facts = _on_disk(path, STANDARD.read_bytes())
    pushed_down = STANDARD.read_text("utf-8").replace("\nid:", "\n# moved\n\nid:", 1)
    assert pushed_down != STANDARD.read_text("utf-8")
    path.write_text(pushed_down, "utf-8")
    positions_of.cache_clear()
    assert facts.position(("status",), value=True).line == 1
    path.unlink()
    positions_of.cache_clear()
    assert facts.position(("title",)).line == 1


def test_a_check_keeps_the_front_matter_of_a_file_named_relatively_digests_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A relative name may not find the file again from another folder (a later check that
    # takes these facts from the cache): such a file keeps its front matter's text.
    (tmp_path / "loose.md").write_bytes(STANDARD.read_bytes())
    monkeypatch.chdir(tmp_path)
    (loose,) = check([Path("loose.md")], None, date(2026, 11, 23)).handbook
    assert loose.positions is not None and loose.positions.kept
    handbook = check(None, load_profile(REPO / "handbook.yml"), date(2026, 11, 23)).handbook
    assert all(f.path.is_absolute() for f in handbook)
    assert all(f.positions is not None and not f.positions.kept for f in handbook if f.meta)


def test_judging_a_file_leaves_no_cycle_for_the_collector(tmp_path: Path) -> None:
    # A check keeps thousands of standards' facts: garbage that only the cycle collector can
    # free makes it look through all of them again and again. A document, its blocks and
    # sentences, and the YAML loader of its front matter are freed by reference counts.
    from stdlint.engine.judge import Judge
    from stdlint.settings import Settings

    judge = Judge(Settings.from_profile(load_profile(REPO / "handbook.yml")), date(2026, 11, 23))
    # The example's standards, and the fixtures: findings of every kind, broken YAML and all.
    fixtures = sorted((REPO / "tests" / "fixtures").rglob("*.md"))
    sources = [Source(path, None) for path in [*STANDARDS, *fixtures]]
    for source in sources:  # what is loaded once (lexicons, dictionaries, lazy imports)
        judge.source(source, True)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        outcomes = [judge.source(source, True) for source in sources]
        gc.collect()
        left = [type(each).__qualname__ for each in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert len(outcomes) == len(sources) > len(STANDARDS) > 20
    assert sum(len(outcome.findings) for outcome in outcomes) > 100
    assert left == []


def test_a_sentence_finds_its_block_while_the_document_is_kept() -> None:
    doc = _read(STANDARD)
    prose = next(block for block in doc.prose if len(list(block.sentences())) > 1)
    sentence = list(prose.sentences())[1]
    assert sentence.prose is prose
    assert prose.text[sentence.start :].startswith(sentence.text)
    del doc, prose
    gc.collect()
    with pytest.raises(ReferenceError):
        sentence.prose  # noqa: B018


def test_a_files_findings_are_judged_in_order_and_kept_as_judged_when_nothing_is_added() -> None:
    # The findings of a file that the handbook step leaves alike are the very tuple judged: a
    # check keeps each outcome to the end, and a copy would double what every finding takes.
    from stdlint.diagnostics import Diagnostic
    from stdlint.engine.judge import Judge
    from stdlint.failures import Guard
    from stdlint.settings import Settings

    judge = Judge(Settings.from_profile(load_profile(REPO / "handbook.yml")), date(2026, 11, 23))
    fixtures = sorted((REPO / "tests" / "fixtures").rglob("*.md"))
    outcomes = [judge.source(Source(path, None), True) for path in fixtures]
    many = [outcome for outcome in outcomes if len(outcome.findings) > 1]
    assert len(many) > 5
    for outcome in outcomes:
        findings = outcome.findings
        assert list(findings) == sorted(findings, key=Diagnostic.sort_key)
        kept, _ = judge.finish(outcome, (), Guard())
        if not outcome.suppressions and all(
            judge.severity_of[each.code] is each.severity for each in findings
        ):
            assert kept is findings
    # A handbook-wide finding joins them in order, in a tuple of their own.
    outcome = many[0]
    first = outcome.findings[0]
    joined = replace(first, code="CNS001", message="another", span=Span.point(first.line))
    kept, _ = judge.finish(outcome, (joined,), Guard())
    assert kept is not outcome.findings and joined in kept
    assert list(kept) == sorted([*outcome.findings, joined], key=Diagnostic.sort_key)


def test_positions_asked_in_another_process_join_those_asked_here_as_many_as_are_kept() -> None:
    def asked(line: int) -> tuple[tuple[str | int, ...], bool, Span]:
        return (("metrics", line), True, Span.point(line))

    standards = [Facts(f"s{n}.md", f"s{n}.md", Lang.EN, True) for n in range(3)]
    before = [facts.found for facts in standards]
    object.__setattr__(standards[1], "found", (asked(1), asked(2)))
    there = asked_since(standards, before)
    assert there == [(1, (asked(1), asked(2)))]
    # Here, meanwhile (the other process's copy was forked before): one alike, many others.
    here = tuple(asked(line) for line in range(2, 2 + _FOUND_KEPT - 1))
    object.__setattr__(standards[1], "found", here)
    keep_asked(standards, there)
    assert standards[1].found == (*here, asked(1))
    assert len(standards[1].found) == _FOUND_KEPT
    assert standards[0].found == standards[2].found == ()

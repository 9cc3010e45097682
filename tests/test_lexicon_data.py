"""Word lists that a company may tune are data: the lexicon files hold them, the rules read them."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stdlint.engine import check_text
from stdlint.i18n import Lang
from stdlint.parse.yamlsource import load_data
from stdlint.text import data_files, lexicon

STANDARD = """\
---
id: greeting
title: Greeting
lang: en
status: active
---

## Rule

1. Invariably greet the customer by name.

## Why

Customers greeted by name rate the visit higher.

## How we check

The store manager watches 10 greetings every Friday.
"""


def test_lexicon_files_hold_absolutes_modals_and_duty_words() -> None:
    english, russian = lexicon.build_lexicon(Lang.EN), lexicon.build_lexicon(Lang.RU)
    assert "under no circumstances" in english.absolutes
    assert "ни в коем случае" in russian.absolutes
    assert {"will", "must"} <= english.modals
    assert russian.modals == frozenset()
    assert {"должен", "обязан"} <= russian.duty_words
    assert english.duty_words == frozenset()


@pytest.fixture
def fresh_lexicons() -> Iterator[None]:
    """After the test, lexicons are built again from the real files."""
    yield
    lexicon._build.cache_clear()


def _codes() -> set[str]:
    return {d.code for d in check_text(STANDARD, "greeting.md", today=date(2026, 6, 1)).diagnostics}


def test_an_absolute_added_only_to_the_lexicon_file_is_flagged(
    monkeypatch: pytest.MonkeyPatch, fresh_lexicons: None
) -> None:
    assert "FRD001" not in _codes()
    real = lexicon._raw

    def with_invariably(lang: Lang) -> dict[str, Any]:
        data = copy.deepcopy(real(lang))
        if lang is Lang.EN:
            data["absolutes"] = [*data["absolutes"], "invariably"]
        return data

    monkeypatch.setattr(lexicon, "_raw", with_invariably)
    lexicon._build.cache_clear()
    assert "FRD001" in _codes()


@pytest.mark.parametrize("lang", [Lang.EN, Lang.RU], ids=lambda lang: lang.value)
def test_no_term_is_listed_twice_in_one_category(lang: Lang) -> None:
    raw = lexicon.lexicon_data(lang)
    lists = {
        **raw["terms"],
        **{key: raw.get(key, []) for key in ("time_depends", "time_extension")},
    }
    for category, items in lists.items():
        terms = [item if isinstance(item, str) else item["term"] for item in items]
        repeated = sorted({term for term in terms if terms.count(term) > 1})
        assert not repeated, (category, repeated)


# --- the compiled twins -------------------------------------------------------------------

_PACKAGE = Path(data_files.__file__).parent


@pytest.mark.parametrize("relative", data_files.FILES)
def test_each_data_file_has_a_current_twin_with_the_same_data(relative: str) -> None:
    source = (_PACKAGE / relative).read_bytes()
    twin = (_PACKAGE / data_files.twin_name(relative)).read_bytes()
    assert twin == data_files.compiled(source), (
        f"{data_files.twin_name(relative)} is not compiled from {relative}: "
        "run `python -m stdlint.text.data_files`"
    )
    assert data_files.load(relative) == load_data(source.decode("utf-8"))


def test_a_missing_stale_or_damaged_twin_is_passed_over(tmp_path: Path) -> None:
    data = tmp_path / "words.yml"
    twin = tmp_path / data_files.twin_name("words.yml")
    data.write_text("# for people\nvague: [promptly, soon]\n", "utf-8")
    assert data_files.load("words.yml", tmp_path) == {"vague": ["promptly", "soon"]}  # no twin
    twin.write_bytes(data_files.compiled(data.read_bytes()))
    assert data_files.load("words.yml", tmp_path) == {"vague": ["promptly", "soon"]}
    # The twin's own data is what is read while it is current…
    head, _, _ = twin.read_bytes().partition(b"\n")
    twin.write_bytes(head + b'\n{"vague": ["from the twin"]}\n')
    assert data_files.load("words.yml", tmp_path) == {"vague": ["from the twin"]}
    # …a damaged one is passed over, and so is one compiled from other bytes.
    twin.write_bytes(head + b'\n{"vague": [\n')
    assert data_files.load("words.yml", tmp_path) == {"vague": ["promptly", "soon"]}
    twin.write_bytes(data_files.compiled(data.read_bytes()))
    data.write_text("vague: [promptly, soon, asap]\n", "utf-8")
    assert data_files.load("words.yml", tmp_path) == {"vague": ["promptly", "soon", "asap"]}


def test_compiling_writes_only_the_twins_that_are_not_current(tmp_path: Path) -> None:
    for relative in data_files.FILES:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_bytes((_PACKAGE / relative).read_bytes())
    written = data_files.compile_all(tmp_path)
    assert written == [data_files.twin_name(relative) for relative in data_files.FILES]
    assert data_files.compile_all(tmp_path) == []
    for relative in data_files.FILES:
        twin = (tmp_path / data_files.twin_name(relative)).read_bytes()
        assert twin == (_PACKAGE / data_files.twin_name(relative)).read_bytes()
    assert sorted(path.name for path in tmp_path.rglob(".*")) == []  # no temporary file left

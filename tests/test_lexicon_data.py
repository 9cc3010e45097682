"""Word lists that a company may tune are data: the lexicon files hold them, the rules read them."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from stdlint.engine import check_text
from stdlint.i18n import Lang
from stdlint.text import lexicon

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

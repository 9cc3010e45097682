"""One bad front-matter value is reported, and does not hide the findings that can still be made."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from stdlint.config import load_profile
from stdlint.engine import check
from stdlint.i18n import Lang
from stdlint.parse.document import Document, parse
from stdlint.parse.models import Status
from stdlint.parse.source import decode

PROFILE = """\
languages: [en, ru]
standards: [standards]
channels: [phone, email]
"""

STANDARD = """\
---
id: phone-answer
title: Answering the phone
lang: en
status: aktive
channels: [phone, pigeon]
approved_on: 2024-01-15
last_reviewed: 2025-01-15
review_every: 6 months
---

# Answering the phone

## Rule

1. Answer within 20 seconds.

## Why

Callers who wait longer than 20 seconds hang up twice as often.

## How we check

The shift supervisor listens to 10 recorded calls per agent each month.
"""


def _codes(tmp_path: Path, text: str) -> set[str]:
    (tmp_path / "handbook.yml").write_text(PROFILE, "utf-8")
    (tmp_path / "standards").mkdir()
    (tmp_path / "standards" / "phone-answer.md").write_text(text, "utf-8")
    result = check(None, load_profile(tmp_path / "handbook.yml"), today=date(2026, 6, 1))
    return {diagnostic.code for diagnostic in result.diagnostics}


def _doc(text: str, name: str = "phone-answer.md") -> Document:
    return parse(decode(Path(name), text.encode("utf-8")), name, Lang.EN)


def test_a_mistyped_status_hides_neither_relevance_nor_currency(tmp_path: Path) -> None:
    codes = _codes(tmp_path, STANDARD)
    assert {"STR004", "REL001", "CUR001", "CUR003"} <= codes


def test_a_missing_status_still_gives_the_currency_findings(tmp_path: Path) -> None:
    codes = _codes(tmp_path, STANDARD.replace("status: aktive\n", ""))
    assert {"STR005", "REL001", "CUR001", "CUR003"} <= codes


def test_the_repair_takes_the_nearest_status_and_says_it_is_a_repair() -> None:
    doc = _doc(STANDARD)
    assert doc.front_matter is not None and not doc.front_matter.valid
    assert doc.meta is not None and doc.meta.status is Status.ACTIVE
    assert doc.front_matter.data["status"] == "aktive"  # the raw value is kept
    draft = _doc(STANDARD.replace("aktive", "drafft"))
    assert draft.meta is not None and draft.meta.status is Status.DRAFT
    unreadable = _doc(STANDARD.replace("aktive", "действует"))
    assert unreadable.meta is not None and unreadable.meta.status is Status.ACTIVE
    valid = _doc(STANDARD.replace("aktive", "active"))
    assert valid.front_matter is not None and valid.front_matter.valid


def test_required_fields_get_stand_ins_from_the_file() -> None:
    text = STANDARD.replace("id: phone-answer\n", "id: Phone Answer!\n")
    text = text.replace("title: Answering the phone\n", "").replace("lang: en\n", "lang: english\n")
    doc = _doc(text)
    assert doc.meta is not None
    assert (doc.meta.id, doc.meta.title, doc.meta.lang) == (
        "phone-answer",
        "Answering the phone",  # the H1
        Lang.EN,
    )
    no_id = _doc(STANDARD.replace("id: phone-answer\n", "id: Ответ\n"), "greeting.md")
    assert no_id.meta is not None and no_id.meta.id == "greeting"


def test_invalid_optional_values_are_dropped_leaf_first_then_parent() -> None:
    text = STANDARD.replace(
        "channels: [phone, pigeon]\n",
        "channels: [phone, Bad Id]\n"
        "metrics:\n"
        "  - id: answer-time\n"
        "    target: twenty\n"
        "    unit: seconds\n"
        "  - name: no id\n"
        "    unit: seconds\n",
    ).replace("review_every: 6 months\n", "review_every: twice a year\n")
    doc = _doc(text)
    assert doc.meta is not None
    assert doc.meta.channels == ("phone",)
    assert [(metric.id, metric.unit, metric.target) for metric in doc.meta.metrics] == [
        ("answer-time", "seconds", None)
    ]
    assert doc.meta.review_every is None
    assert doc.meta.status is Status.ACTIVE


def test_unreadable_yaml_is_not_repaired() -> None:
    doc = _doc("---\ntitle: [\n---\n\n## Rule\n")
    assert doc.meta is None and doc.front_matter is not None and not doc.front_matter.valid

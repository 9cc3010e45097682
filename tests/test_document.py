"""The parsed document: sections, steps and sentences, each at its exact place in the file."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from stdlint.diagnostics import Span
from stdlint.i18n import Lang
from stdlint.parse.document import Document, parse
from stdlint.parse.sections import SectionId
from stdlint.parse.source import Source, decode, read

TEXT = """\
---
id: email-reply
title: Ответ на письмо
lang: ru
status: active
---

# Ответ на письмо

## Правило

1. Ответьте на письмо в течение **двух рабочих часов**. Назовите номер
   обращения, т. е. `REQ-1234`, и [срок решения](#srok).
2. Если ответ требует проверки, напишите, когда она закончится.
   - Например: «до 18:00 завтра».

## Зачем

| Канал | Срок |
|-------|------|
| Почта | 2 ч |

## Как проверяем

Руководитель смены проверяет 10 писем в неделю.

## Свой раздел

Текст.
"""


def _doc(text: str) -> Document:
    return parse(decode(Path("x.md"), text.encode("utf-8")), "x.md", Lang.EN)


def _position_in_source(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def test_sections_are_recognised_in_russian_and_kept_in_order() -> None:
    doc = _doc(TEXT)
    assert [(s.id, s.heading.text, s.heading.span.line) for s in doc.sections] == [
        (SectionId.RULE, "Правило", 10),
        (SectionId.WHY, "Зачем", 17),
        (SectionId.VERIFICATION, "Как проверяем", 23),
        (None, "Свой раздел", 27),
    ]
    assert doc.title is not None and (doc.title.text, doc.title.span.line) == ("Ответ на письмо", 8)
    assert doc.lang is Lang.RU
    assert all(section.has_content for section in doc.sections)


def test_steps_have_numbers_text_and_line_spans() -> None:
    doc = _doc(TEXT)
    assert [(step.number, step.span.line, step.span.end_line) for step in doc.steps] == [
        (1, 12, 13),
        (2, 14, 15),
    ]
    assert doc.steps[0].text == (
        "Ответьте на письмо в течение двух рабочих часов. Назовите номер "
        "обращения, т. е. REQ-1234, и срок решения."
    )
    assert doc.steps[1].text.endswith("Например: «до 18:00 завтра».")


def test_sentences_map_back_to_exact_file_positions() -> None:
    doc = _doc(TEXT)
    sentences = [sentence for prose in doc.steps[0].prose for sentence in prose.sentences()]
    assert [sentence.text for sentence in sentences] == [
        "Ответьте на письмо в течение двух рабочих часов.",
        "Назовите номер обращения, т. е. REQ-1234, и срок решения.",
    ]
    first, second = sentences
    assert (first.span.line, first.span.column) == _position_in_source(TEXT, "Ответьте")
    assert (second.span.line, second.span.column) == _position_in_source(TEXT, "Назовите")
    assert (second.span.end_line, second.span.end_column) == (
        13,
        len("   обращения, т. е. `REQ-1234`, и [срок решения](#srok).") + 1,
    )
    # A word after markup and on a continuation line still maps to its own column.
    prose = doc.steps[0].prose[0]
    offset = prose.text.index("REQ-1234")
    assert prose.locate(offset) == _position_in_source(TEXT, "REQ-1234")
    offset = prose.text.index("двух")
    assert prose.locate(offset) == _position_in_source(TEXT, "двух")


def test_table_cells_on_one_line_map_to_their_own_columns() -> None:
    doc = _doc(TEXT)
    why = doc.section(SectionId.WHY)
    assert why is not None
    cells = {prose.text: prose.locate(0) for prose in why.prose}
    assert cells["Почта"] == _position_in_source(TEXT, "Почта")
    assert cells["2 ч"] == _position_in_source(TEXT, "2 ч")


def test_crlf_and_bom_give_the_same_positions() -> None:
    plain = _doc(TEXT)
    windows = parse(
        decode(Path("x.md"), b"\xef\xbb\xbf" + TEXT.replace("\n", "\r\n").encode()), "x.md", Lang.EN
    )
    spans = lambda doc: [s.span for p in doc.prose for s in p.sentences()]  # noqa: E731
    assert spans(windows) == spans(plain)
    assert windows.meta == plain.meta


def test_rule_written_as_paragraphs_gives_one_step_per_paragraph() -> None:
    text = TEXT.split("## Правило")[0] + "## Правило\n\nОтветьте на письмо.\n\nНазовите номер.\n"
    doc = _doc(text)
    assert [(step.number, step.text, step.span.line) for step in doc.steps] == [
        (1, "Ответьте на письмо.", 12),
        (2, "Назовите номер.", 14),
    ]


def test_language_is_guessed_when_the_front_matter_is_broken() -> None:
    doc = _doc("---\ntitle: [\n---\n\n## Правило\n\n1. Ответьте на письмо клиента.\n")
    assert doc.meta is None
    assert doc.lang is Lang.RU


REPO = Path(__file__).parent.parent
DOCUMENT_FILES = sorted(
    [*(REPO / "tests" / "fixtures").rglob("*.md"), *(REPO / "standards").rglob("*.md")]
)


def _read(path: Path) -> Document:
    return parse(read(Source(path, None)), path.name, Lang.EN)


def _picture(doc: Document) -> object:
    """What rules read of a document: sentences, steps, sections, links, spans, problems."""
    return (
        doc.lang,
        doc.meta,
        doc.title,
        [(s.text, s.span, s.start) for p in doc.prose for s in p.sentences()],
        [(step.number, step.text, step.span) for step in doc.steps],
        [(s.id, s.heading, s.prose, s.has_content) for s in doc.sections],
        doc.links,
        doc.code_lines,
        [(p.code, p.span, p.quote, p.explained.message(Lang.RU)) for p in doc.problems],
    )


@pytest.mark.parametrize("path", DOCUMENT_FILES, ids=lambda path: path.relative_to(REPO).as_posix())
def test_every_fixture_and_example_document_survives_pickling(path: Path) -> None:
    doc = _read(path)
    before = _picture(doc)  # fills the caches (split sentences) before pickling
    loaded = pickle.loads(pickle.dumps(doc))
    # The caches of a block (its sentences, the offsets of its anchors) are not pickled.
    assert not any(
        {"_sentences", "_offsets"} & set(vars(block)) for block in (*loaded.prose, *loaded.intro)
    )
    assert _picture(loaded) == before
    assert loaded == doc
    if doc.front_matter is not None and doc.front_matter.positions is not None:
        for key in ("id", "status", "title"):
            assert loaded.front_matter.position((key,), value=True) == doc.front_matter.position(
                (key,), value=True
            )


def test_pickled_positions_keep_the_text_not_the_yaml_tree() -> None:
    doc = _doc(TEXT)
    assert doc.front_matter is not None and doc.front_matter.positions is not None
    span = doc.front_matter.position(("status",), value=True)  # loads the round-trip tree
    loaded = pickle.loads(pickle.dumps(doc.front_matter.positions))
    assert "_root" not in vars(loaded)
    assert loaded.value(("status",)) == span == Span(5, 9, 5, 15)


def test_a_document_cannot_be_changed() -> None:
    doc = _doc(TEXT)
    with pytest.raises(FrozenInstanceError):
        doc.steps = ()  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        doc.sections[0].has_content = False  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        doc.front_matter.meta = None  # type: ignore[misc,union-attr]
    for collection in (doc.sections, doc.steps, doc.prose, doc.links, doc.problems):
        assert isinstance(collection, tuple)
    assert all(isinstance(section.prose, tuple) for section in doc.sections)

"""A top-level key is found from the parser's events, without composing the whole front
matter: the span must be the one the composed node tree gives, whatever the YAML looks like."""

from __future__ import annotations

from pathlib import Path

import pytest

from stdlint.diagnostics import Span
from stdlint.i18n import Lang
from stdlint.parse.document import parse
from stdlint.parse.facts import facts_of
from stdlint.parse.source import Source, read
from stdlint.parse.yamlpositions import Positions, plain_id_span
from stdlint.parse.yamlsource import YamlProblem, load_mapping
from tests.conftest import REPO

ODD = [
    "id: &a x\nlang: *a\n",  # an alias as value: written at its anchor
    "<<: {id: 1}\nid: 2\n",  # merged keys before the own one
    "x: 1\n<<: {id: 1}\n",  # only merged
    "id:\nlang: ''\n",  # written as nothing, and as an empty string
    "id: ~\ntitle: null\nstatus: NULL\n",
    "id: !!null ''\n",
    "id: ! null\n",  # a non-specific tag: a string
    "'id': 5\n\"lang\": en\n",
    "a: {id: 1}\nid: 2\n",  # the same name deeper first
    "id: [1, 2]\nlang: {a: 1}\n",
    "id: |\n  two\n  lines\n",
    "id: 'a\n  b'\n",
    "!!omap\n- id: 1\n- lang: en\n",
    "id: \u2028x\n",  # a foreign line break, masked
    "? complex\n: 1\nid: 3\n",
    "{id: flow, lang: en}\n",
]


def _front_matters() -> list[str]:
    texts = list(ODD)
    for path in [*REPO.glob("standards/**/*.md"), *REPO.glob("tests/fixtures/**/*.md")]:
        text = path.read_text("utf-8", errors="replace")
        end = text.find("\n---", 4)
        if text.startswith("---\n") and end > 0:
            texts.append(text[4 : end + 1])
    return texts


KEYS = ["id", "lang", "title", "status", "approved_on", "last_reviewed", "metrics", "x", "<<"]


@pytest.mark.parametrize("text", _front_matters())
def test_a_top_level_key_is_where_the_composed_tree_says(text: str) -> None:
    try:
        load_mapping(text, first_line=2)
    except YamlProblem:
        return  # positions are only made for a front matter that loaded
    for key in KEYS:
        for want_value in (True, False):
            quick = Positions(text, 2)
            composed = Positions(text, 2)
            assert composed._root is not None or text.strip() == ""
            asked = quick.value if want_value else quick.key
            expected = composed.value if want_value else composed.key
            assert asked((key,)) == expected((key,)), (key, want_value)


def test_the_quick_path_is_taken_for_a_key_near_the_top() -> None:
    text = (REPO / "standards/phone/answer-call.en.md").read_text("utf-8").split("---\n")[1]
    positions = Positions(text, 2)
    span = positions.value(("id",))
    assert (span.line, span.column) == (2, 5)
    assert "_root" not in positions.__dict__  # found without composing the front matter


# Where the value of ``id`` could be misread from the text: each is either told right at once,
# or left to composing (None).
ID_TRICKS = [
    "id: reply\n",
    "title: x\nid: reply  # a comment\nlang: en\n",
    "id:\treply\n",
    "id : reply\n",
    "id: reply#not-a-comment\n",
    "id: reply\n  continued\n",  # a plain value on two lines
    "id: 'reply'\n",
    'id: "reply"\n',
    "id: &a reply\nx: *a\n",
    "id: !!str reply\n",
    "id: 12\n",
    "id: null\n",
    "id:\n",
    'title: "a\nid: reply"\nid: reply\n',  # a quoted value whose second line looks like it
    '"id": reply\n',
    "title: \"a\nid: reply\"\n'id': reply\n",
    "{title: t,\nid: reply\n}\n",  # a flow mapping over lines
    "{title: t,\nid: reply}\n",
    "<<: {lang: en}\nid: reply\n",
    "? id\n: reply\n",
    "x:\n  id: deeper\nid: reply\n",
    "desc: |\n  id: inside\nid: reply\n",
    "id: -reply\n",
    "id: re ply\n",
    "id: reply \u2028x\n",
    "\nid: reply\n",
]


@pytest.mark.parametrize("text", [*ID_TRICKS, *_front_matters()])
def test_the_id_told_from_the_text_is_where_the_composed_tree_says(text: str) -> None:
    try:
        data = load_mapping(text, first_line=2)
    except YamlProblem:
        return
    told = plain_id_span(text, 2, data.get("id"))
    if told is not None:
        assert told == Positions(text, 2).value(("id",))


def test_the_id_is_told_from_the_text_for_the_standards_as_written() -> None:
    told = []
    for text in _front_matters()[len(ODD) :]:
        try:
            data = load_mapping(text, first_line=2)
        except YamlProblem:
            continue
        if text.startswith("id:") and isinstance(data.get("id"), str):
            told.append(plain_id_span(text, 2, data["id"]))
    assert len(told) > 30
    assert all(span is not None for span in told)
    assert plain_id_span("id: reply\n  continued\n", 2, "reply continued") is None
    assert plain_id_span("title: x\nid: reply  # why\n", 2, "reply") == Span(3, 5, 3, 10)


def test_a_handbook_finding_at_the_id_reads_no_file_again(tmp_path: Path) -> None:
    standard = tmp_path / "reply.md"
    standard.write_text("---\ntitle: Reply\nid: email-reply\n---\n\nText.\n", "utf-8")
    source = read(Source(str(standard), None))
    doc = parse(source, "reply.md", Lang.EN)
    facts = facts_of(doc, on_disk=True, where=str(standard))
    standard.unlink()  # read again, it would give line 1: the span is known without it
    assert facts.position(("id",), value=True) == Span(3, 5, 3, 16)

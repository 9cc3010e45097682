"""A top-level key is found from the parser's events, without composing the whole front
matter: the span must be the one the composed node tree gives, whatever the YAML looks like."""

from __future__ import annotations

import pytest

from stdlint.parse.yamlpositions import Positions
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

"""Precision and recall of the vagueness rules on labelled sentences, per language.

``devset/{en,ru}.yml`` and ``devset/dev*-{lang}.yml`` are development sets: the lexicons were
tuned on their mistakes, so they show how well they fit. ``devset/heldout-{en,ru}.yml`` was
written independently and its mistakes were never inspected: it estimates how stdlint does on
sentences it has not seen. Each sentence is
checked as a rule step of an otherwise valid standard, as a user's would be; it counts as
flagged when a concreteness or measurability finding of severity warning or error lands on its
line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from stdlint.engine import check_text
from stdlint.i18n import Lang
from stdlint.parse.sections import SectionId, heading_for

DEVSET = Path(__file__).parent / "devset"
VAGUENESS = {"concreteness", "measurability"}
# Floors: the fitted development sets must stay near perfect; the held-out sets must stay at or
# above the product's target of 0.85 (measured when this was written: en P 1.00 R 0.97,
# ru P 0.98 R 0.88).
DEVELOPMENT, HELD_OUT = (0.95, 0.95), (0.90, 0.85)
SETS = sorted(DEVSET.glob("*.yml"))
# Sentences quoted exactly from published documents, with their sources (published/RUBRIC.md):
# the text companies will bring. Floors are the figures measured when they were last raised,
# less a small margin; the held-out parts are only ever scored, never read while tuning.
PUBLISHED = sorted((DEVSET / "published").glob("*.yml"))
PUBLISHED_FLOORS = {
    "dev-en": (0.90, 0.95),
    "heldout-en": (0.91, 0.88),
    "dev-ru": (0.92, 0.91),
    "heldout-ru": (0.91, 0.82),
}


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    size: int
    mistakes: list[tuple[str, bool]]


def _standard(sentences: list[str], lang: Lang) -> tuple[str, int]:
    head = f"---\nid: devset\ntitle: Devset\nlang: {lang.value}\nstatus: active\n---\n\n"
    head += f"## {heading_for(SectionId.RULE, lang)}\n\n"
    first_line = head.count("\n") + 1
    steps = "".join(f"{number}. {text}\n" for number, text in enumerate(sentences, start=1))
    tail = f"\n## {heading_for(SectionId.WHY, lang)}\n\nReason.\n"
    tail += f"\n## {heading_for(SectionId.VERIFICATION, lang)}\n\n10 cases every Monday.\n"
    return head + steps + tail, first_line


def _lang(path: Path) -> Lang:
    return Lang(path.stem.rsplit("-", 1)[-1])


def score(path: Path) -> Score:
    """Check every sentence of a set; count hits and misses."""
    lang = _lang(path)
    items = YAML(typ="safe").load(path.read_text("utf-8"))
    text, first_line = _standard([item["text"] for item in items], lang)
    result = check_text(text, f"devset-{lang.value}.md", today=date(2026, 6, 1))
    flagged_lines = {
        d.line
        for d in result.diagnostics
        if d.criterion.value in VAGUENESS and d.severity.rank >= 1
    }
    true_positive = false_positive = false_negative = 0
    mistakes = []
    for index, item in enumerate(items):
        flagged = first_line + index in flagged_lines
        if flagged and item["vague"]:
            true_positive += 1
        elif flagged:
            false_positive += 1
            mistakes.append((item["text"], False))
        elif item["vague"]:
            false_negative += 1
            mistakes.append((item["text"], True))
    precision = true_positive / max(true_positive + false_positive, 1)
    recall = true_positive / max(true_positive + false_negative, 1)
    return Score(precision, recall, len(items), mistakes)


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.stem)
def test_precision_and_recall_stay_above_the_floor(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = score(path)
    floor_precision, floor_recall = HELD_OUT if path.stem.startswith("heldout-") else DEVELOPMENT
    with capsys.disabled():
        print(
            f"\n  {path.stem}: {result.size} sentences, "
            f"precision {result.precision:.3f}, recall {result.recall:.3f}"
        )
    assert result.size >= 150
    assert result.precision >= floor_precision, result.mistakes
    assert result.recall >= floor_recall, result.mistakes


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda path: f"published-{path.stem}")
def test_published_text_stays_above_its_floor(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = score(path)
    floor_precision, floor_recall = PUBLISHED_FLOORS[path.stem]
    with capsys.disabled():
        print(
            f"\n  published {path.stem}: {result.size} sentences, "
            f"precision {result.precision:.3f}, recall {result.recall:.3f}"
        )
    held_out = path.stem.startswith("heldout-")
    # A held-out part's mistakes are not shown: they must not be read while tuning.
    detail = (
        "held-out: see benchmarks/score_published.py for counts" if held_out else result.mistakes
    )
    assert result.size >= 150
    assert result.precision >= floor_precision, detail
    assert result.recall >= floor_recall, detail


def test_published_sentences_carry_their_source() -> None:
    texts: set[str] = set()
    for path in PUBLISHED:
        for item in YAML(typ="safe").load(path.read_text("utf-8")):
            source = item["source"]
            assert source["organisation"] and source["document"], item["text"]
            assert source["url"].startswith(("http://", "https://")), item["text"]
            assert isinstance(item["vague"], bool) and item["family"], item["text"]
            assert item["text"] not in texts, f"duplicate in {path.name}: {item['text']}"
            texts.add(item["text"])
    assert {path.stem for path in PUBLISHED} == set(PUBLISHED_FLOORS)


def test_published_parts_are_split_by_document() -> None:
    documents = {}
    for path in PUBLISHED:
        part = path.stem.split("-")[0]
        for item in YAML(typ="safe").load(path.read_text("utf-8")):
            key = (item["source"]["url"], item["source"]["document"])
            assert documents.setdefault(key, part) == part, f"{key} is in both parts"


def test_both_languages_have_development_and_held_out_sets() -> None:
    stems = {path.stem for path in SETS}
    assert {"en", "ru", "heldout-en", "heldout-ru"} <= stems


def test_sets_are_labelled_in_realistic_proportions() -> None:
    for path in SETS:
        items = YAML(typ="safe").load(path.read_text("utf-8"))
        share = sum(item["vague"] for item in items) / len(items)
        assert 0.3 <= share <= 0.5, path.name
        assert len({item["text"] for item in items}) == len(items), f"duplicates in {path.name}"

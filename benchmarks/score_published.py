"""How stdlint scores on the published-text corpus (sentences quoted from real documents).

Prints figures; asserts nothing. Run from the repository root:
``.venv/bin/python benchmarks/score_published.py [--mistakes]``.

For each ``tests/devset/published/{dev,heldout}-{en,ru}.yml`` that exists, the set is scored
exactly as ``tests/test_devset.py`` scores the written sets (its ``score()`` is imported and
reused, not copied): one table row per set with its size, share vague, precision, recall and
F1; then, per family of RUBRIC.md, the recall (vague families) or the false-positive rate
(checkable families).

Held-out sets print counts only, never a sentence: their mistakes must not be read while the
lexicons are tuned. ``--mistakes`` prints the missed and wrongly flagged sentences of the dev
sets only.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.test_devset import score  # noqa: E402  (needs the repository root on sys.path)

PUBLISHED = REPO / "tests" / "devset" / "published"
VAGUE_FAMILIES = (
    "manner",
    "no-number",
    "depends",
    "extension",
    "principle",
    "usual-case",
    "mixed",
    "means",
)
CHECKABLE_FAMILIES = ("bounded", "act", "capped-hedge", "target", "script", "method")


def _sets() -> list[Path]:
    names = [f"{part}-{lang}.yml" for lang in ("en", "ru") for part in ("dev", "heldout")]
    return [PUBLISHED / name for name in names if (PUBLISHED / name).exists()]


def _flagged(items: list[dict], mistakes: list[tuple[str, bool]]) -> list[bool]:
    """Whether each sentence was flagged, read back from score()'s list of mistakes."""
    missed = {text for text, vague in mistakes if vague}
    wrongly_flagged = {text for text, vague in mistakes if not vague}
    return [
        (item["text"] not in missed) if item["vague"] else (item["text"] in wrongly_flagged)
        for item in items
    ]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--mistakes",
        action="store_true",
        help="print the missed and wrongly flagged sentences of the dev sets (never held-out)",
    )
    args = parser.parse_args()
    paths = _sets()
    if not paths:
        print("no published sets in", PUBLISHED)
        return

    results = {}
    print(f"{'set':<12} {'sentences':>9} {'vague':>6} {'precision':>9} {'recall':>7} {'F1':>6}")
    for path in paths:
        items = YAML(typ="safe").load(path.read_text("utf-8"))
        result = score(path)
        results[path] = (items, result)
        share = sum(item["vague"] for item in items) / max(len(items), 1)
        print(
            f"{path.stem:<12} {result.size:>9} {share:>6.1%} {result.precision:>9.3f}"
            f" {result.recall:>7.3f} {_f1(result.precision, result.recall):>6.3f}"
        )

    for path, (items, result) in results.items():
        flagged = _flagged(items, result.mistakes)
        by_family: dict[str, list[bool]] = defaultdict(list)
        for item, hit in zip(items, flagged, strict=True):
            by_family[item.get("family", "?")].append(hit)
        print(f"\n{path.stem}: per family")
        print(f"  {'family':<13} {'n':>4}  measure")
        for family in VAGUE_FAMILIES:
            hits = by_family.pop(family, [])
            if hits:
                print(f"  {family:<13} {len(hits):>4}  recall {sum(hits) / len(hits):.3f}")
        for family in CHECKABLE_FAMILIES:
            hits = by_family.pop(family, [])
            if hits:
                rate = sum(hits) / len(hits)
                print(f"  {family:<13} {len(hits):>4}  false-positive rate {rate:.3f}")
        for family, hits in sorted(by_family.items()):
            print(f"  {family:<13} {len(hits):>4}  (family not in RUBRIC.md)")

    if args.mistakes:
        for path, (_items, result) in results.items():
            if path.stem.startswith("heldout-"):
                print(f"\n{path.stem}: mistakes not shown (held-out)")
                continue
            missed = [text for text, vague in result.mistakes if vague]
            wrong = [text for text, vague in result.mistakes if not vague]
            print(f"\n{path.stem}: {len(missed)} vague sentences missed")
            for text in missed:
                print(f"  - {text}")
            print(f"{path.stem}: {len(wrong)} checkable sentences flagged")
            for text in wrong:
                print(f"  + {text}")


if __name__ == "__main__":
    main()

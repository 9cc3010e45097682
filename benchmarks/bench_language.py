"""Speed of the language engine: sentences per second per language, and one-off costs.

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/bench_language.py``.

- The one-off cost of loading each language's dictionaries (pymorphy3 for Russian, simplemma
  for English), timed inside a fresh process each.
- Sentences per second on the labelled sets in ``tests/devset``: cold (every distinct word
  analysed for the first time) and warm (a new engine, so sentences are analysed again, but
  the per-word cache is full — the steady state of a handbook run).
- A 100 KB line, to show matching stays linear.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from ruamel.yaml import YAML

from stdlint.i18n import Lang
from stdlint.text import morph
from stdlint.text.analysis import LanguageEngine

DEVSET = Path(__file__).resolve().parent.parent / "tests" / "devset"


def _load_seconds(lang: Lang) -> float:
    """Time ``morph.load`` in a fresh process (the best of 5): imports done, dictionaries not."""
    code = (
        "import time; from stdlint.i18n import Lang; from stdlint.text import morph; "
        f"start = time.perf_counter(); morph.load(Lang.{lang.name}); "
        "print(time.perf_counter() - start)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(5)
    ]
    return min(runs)


def bench_loading() -> None:
    for lang in Lang:
        print(f"dictionary load, {lang.value}: {_load_seconds(lang):6.3f} s (once per process)")


def _sentences(lang: Lang) -> list[str]:
    texts: list[str] = []
    for path in sorted(DEVSET.glob(f"*{lang.value}.yml")):
        texts += [item["text"] for item in YAML(typ="safe").load(path.read_text("utf-8"))]
    return texts


def bench_sentences() -> None:
    for lang in Lang:
        sentences = _sentences(lang)
        morph.load(lang)
        engine = LanguageEngine()
        engine.lexicon(lang)
        start = time.perf_counter()
        for text in sentences:
            _ = engine.facts(text, lang).flags
        cold = time.perf_counter() - start
        warm = float("inf")
        for _ in range(5):
            engine = LanguageEngine()
            engine.lexicon(lang)
            start = time.perf_counter()
            for text in sentences:
                _ = engine.facts(text, lang).flags
            warm = min(warm, time.perf_counter() - start)
        print(
            f"sentences, {lang.value}: {len(sentences) / cold:8.0f}/s cold, "
            f"{len(sentences) / warm:8.0f}/s with the word cache full ({len(sentences)} sentences)"
        )


def bench_long_line() -> None:
    engine = LanguageEngine()
    text = "Answer the call and log it " * 4000 + "promptly."
    start = time.perf_counter()
    engine.facts(text, Lang.EN)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    for number in range(2000):  # distinct sentences: no cache hit
        engine.facts(f"Answer call {number} and log it promptly.", Lang.EN)
    per_short = (time.perf_counter() - start) / 2000
    words = len(text.split())
    print(
        f"one {len(text) // 1000} KB line ({words} words): {elapsed:.3f} s; "
        f"{elapsed / words * 1e6:.1f} µs per word vs {per_short / 8 * 1e6:.1f} µs per word "
        "in 8-word sentences"
    )


def main() -> None:
    print(f"python {sys.version.split()[0]}")
    bench_loading()
    bench_sentences()
    bench_long_line()


if __name__ == "__main__":
    main()

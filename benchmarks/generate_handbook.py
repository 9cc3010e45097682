"""A seeded generator of realistic handbooks for checking at scale.

Run: ``.venv/bin/python benchmarks/generate_handbook.py --files 1000 --seed 1 --out DIR``.

Writes ``DIR/handbook.yml`` (the example's profile: its journey stages, channels, roles and
policies) and FILES standards under ``DIR/standards/<branch>/<channel>/<name>.<lang>.md``, half
in Russian and half in English: each standard id has a Russian and an English version (the
translation pair stdlint compares), in the folder of one regional branch of the fictional
provider (``regional.py``). Every file is 2–3 KB (2,048–3,072 bytes) and has the full front
matter of the example standard it is modelled on (id, title, lang, status, owner, approved_by
and approved_on, last_reviewed, review_every, journey, channels, services, roles, dimensions,
metrics with their zones and counterbalances, verification, tags), with the branch in the id
and title and seeded stages, channels, dates and status.

The body is composed, not copied. Rule steps mix:

- steps of the example standards (concrete; the same step in both languages of a pair);
- sentences quoted from published customer-service documents, from the development parts of
  the published-text corpus (``tests/devset/published/dev-en.yml``, ``dev-ru.yml``; never the
  held-out parts), labelled ``vague: true`` or ``false`` there; each language draws its own.

The Why, Exceptions, How we check and Examples sections take lines of the example standards
(links to other standards turned into plain text) until the file reaches its seeded size.
The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.regional import (  # needs the repository root on sys.path, above
    LINK,
    REPO,
    TODAY,
    branch,
    flow_list,
    journey_and_channels,
    regional_choices,
    regional_front,
)

LANGS = ("ru", "en")
SIZE_MIN, SIZE_MAX = 2048, 3072  # bytes: "2–3 KB"
HEADINGS = {
    "en": {
        "rule": "Rule",
        "why": "Why",
        "exceptions": "Exceptions",
        "verification": "How we check",
        "examples": "Examples",
    },
    "ru": {
        "rule": "Правило",
        "why": "Зачем",
        "exceptions": "Исключения",
        "verification": "Как проверяем",
        "examples": "Примеры",
    },
}
# Published sentences longer than this read as paragraphs, not steps (some Russian
# regulations run to 900 characters); Markdown syntax in them would change the structure.
MAX_STEP_CHARS = 180
_MARKUP = set("*#[]`<>_|")
# The share of rule steps of each kind: an example step (concrete), a published sentence
# labelled vague, a published sentence labelled concrete.
EXAMPLE_STEP, VAGUE_STEP = 0.5, 0.25
STEPS = (3, 6)
STATUS = (("active", 0.94), ("draft", 0.04), ("retired", 0.02))
OVERDUE = 0.03  # reviews past due (CUR errors), on top of regional.py's one in ten due soon
SECTION_ORDER = ("why", "exceptions", "verification", "examples")


@dataclass(frozen=True)
class Example:
    """One example standard in one language, split into the parts the generator reuses."""

    stem: str  # "phone/answer-call"
    lang: str
    front: tuple[str, ...]  # the front matter's lines
    title: str
    sections: dict[str, tuple[str, ...]]  # "rule", "why" … → items without their markers


@dataclass(frozen=True)
class Sources:
    """Everything the generator draws from, read once."""

    examples: dict[str, dict[str, Example]]  # stem → lang → Example
    stems: tuple[str, ...]
    steps: tuple[dict[str, str], ...]  # example rule steps, each in both languages
    published: dict[tuple[str, bool], tuple[str, ...]]  # (lang, vague) → sentences
    lines: dict[tuple[str, str], tuple[str, ...]]  # (lang, section) → lines of all examples


def _unlink(text: str) -> str:
    return LINK.sub(lambda match: match.group(1), text)


def _item(line: str) -> str:
    """A list item or a paragraph line without its marker (``1. ``, ``- ``)."""
    head, _, rest = line.partition(" ")
    if head == "-" or (head.endswith(".") and head[:-1].isdigit()):
        return rest
    return line


def read_example(path: Path, stem: str, lang: str) -> Example:
    """The parts of one example standard."""
    _, front, body = path.read_text("utf-8").split("---\n", 2)
    keys = {heading: key for key, heading in HEADINGS[lang].items()}
    sections: dict[str, list[str]] = {}
    current = None
    title = ""
    for line in body.split("\n"):
        if line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("## "):
            current = keys.get(line[3:].strip())
            if current is not None:
                sections[current] = []
        elif current is not None and line.strip():
            sections[current].append(_unlink(_item(line.strip())))
    return Example(
        stem,
        lang,
        tuple(front.rstrip("\n").split("\n")),
        title,
        {key: tuple(items) for key, items in sections.items()},
    )


def _sentence(text: str) -> str:
    """A published quotation as a rule step: capitalised and ending with a full stop."""
    text = " ".join(text.split()).rstrip(";:, ")
    text = text[0].upper() + text[1:]
    return text if text[-1] in '.!?»"”' else text + "."


def read_sources(repo: Path = REPO) -> Sources:
    """The example standards and the development parts of the published-text corpus."""
    stems = tuple(
        sorted(
            {
                path.relative_to(repo / "standards").as_posix().rsplit(".", 2)[0]
                for path in (repo / "standards").rglob("*.md")
            }
        )
    )
    examples = {
        stem: {
            lang: read_example(repo / "standards" / f"{stem}.{lang}.md", stem, lang)
            for lang in LANGS
        }
        for stem in stems
    }
    steps = []
    for stem in stems:
        pair = examples[stem]
        for ru, en in zip(pair["ru"].sections["rule"], pair["en"].sections["rule"], strict=True):
            steps.append({"ru": ru, "en": en})
    published: dict[tuple[str, bool], list[str]] = {
        (lang, vague): [] for lang in LANGS for vague in (True, False)
    }
    yaml = YAML(typ="safe")
    for lang in LANGS:
        corpus = repo / "tests" / "devset" / "published" / f"dev-{lang}.yml"
        for entry in yaml.load(corpus.read_text("utf-8")):
            text = str(entry["text"])
            if len(text) <= MAX_STEP_CHARS and not _MARKUP & set(text) and "\n" not in text:
                published[(lang, bool(entry["vague"]))].append(_sentence(text))
    lines = {
        (lang, section): tuple(
            line
            for stem in stems
            for line in examples[stem][lang].sections.get(section, ())
            if len(line.encode("utf-8")) <= 600
        )
        for lang in LANGS
        for section in SECTION_ORDER
    }
    return Sources(
        examples,
        stems,
        tuple(steps),
        {key: tuple(value) for key, value in published.items()},
        lines,
    )


# --- one standard -------------------------------------------------------------------------


def _front_matter(
    example: Example, branch_names: tuple[str, str, str], choices: dict[str, Any]
) -> str:
    city = branch_names[1] if example.lang == "ru" else branch_names[2]
    lines = regional_front(example.front, branch_names[0], city, choices)
    return "---\n" + "\n".join(lines) + "\n---\n"


def _render(head: str, lang: str, steps: Sequence[str], sections: dict[str, list[str]]) -> str:
    names = HEADINGS[lang]
    parts = [head, f"\n## {names['rule']}\n\n"]
    parts.extend(f"{number}. {step}\n" for number, step in enumerate(steps, 1))
    for key in SECTION_ORDER:
        items = sections.get(key)
        if not items:
            continue
        parts.append(f"\n## {names[key]}\n\n")
        if key == "why":  # a paragraph per line, as the example writes it
            parts.append("\n".join(items) + "\n")
        else:
            parts.extend(f"- {item}\n" for item in items)
    return "".join(parts)


def _compose(
    rng: random.Random,
    sources: Sources,
    example: Example,
    branch_names: tuple[str, str, str],
    front: str,
    steps: Sequence[str],
    short: bool = False,
) -> str:
    """The standard in one language, grown section by section up to a seeded size."""
    lang = example.lang
    city = branch_names[1] if lang == "ru" else branch_names[2]
    head = f"{front}\n# {example.title} — {city}\n"
    target = rng.randint(SIZE_MIN + 100, SIZE_MAX - 100)
    # Required sections (rule, why, how we check) and exceptions start with one line each;
    # when even that is too long (the longest front matters are 1.8 KB in Russian), the
    # shortest lines of the required sections.
    sections: dict[str, list[str]] = {
        key: [
            min(sources.lines[(lang, key)], key=len)
            if short
            else rng.choice(sources.lines[(lang, key)])
        ]
        for key in SECTION_ORDER[:3]
        if not (short and key == "exceptions")
    }
    text = _render(head, lang, steps, sections)
    misses = 0
    while len(text.encode("utf-8")) < target and misses < 40:
        key = rng.choice(SECTION_ORDER)
        line = rng.choice(sources.lines[(lang, key)])
        sections.setdefault(key, [])
        if line in sections[key]:
            misses += 1
            continue
        sections[key].append(line)
        grown = _render(head, lang, steps, sections)
        if len(grown.encode("utf-8")) > SIZE_MAX:
            sections[key].pop()
            misses += 1
            continue
        text = grown
    return text


def _steps(rng: random.Random, sources: Sources) -> list[dict[str, str]]:
    """Rule steps for both languages: example steps shared, published sentences per language."""
    steps = []
    for _ in range(rng.randint(*STEPS)):
        kind = rng.random()
        if kind < EXAMPLE_STEP:
            steps.append(rng.choice(sources.steps))
        else:
            vague = kind < EXAMPLE_STEP + VAGUE_STEP
            steps.append({lang: rng.choice(sources.published[(lang, vague)]) for lang in LANGS})
    return steps


def _fits(text: str) -> bool:
    return SIZE_MIN <= len(text.encode("utf-8")) <= SIZE_MAX


def _status(rng: random.Random) -> str:
    draw = rng.random()
    for status, share in STATUS:
        if draw < share:
            return status
        draw -= share
    return STATUS[0][0]


def standard_pair(
    rng: random.Random,
    sources: Sources,
    stem: str,
    branch_names: tuple[str, str, str],
    stages: list[str],
    channels: list[str],
    today: date,
) -> dict[str, str]:
    """One standard id of ``branch_names`` modelled on the example ``stem``: lang → text."""
    pair = sources.examples[stem]
    front = "\n".join(pair["ru"].front)
    journey = flow_list(next(li for li in front.split("\n") if li.startswith("journey:")))
    own = flow_list(next(li for li in front.split("\n") if li.startswith("channels:")))
    choices: dict[str, Any] = regional_choices(rng, journey, own, stages, channels, today)
    if rng.random() < OVERDUE:
        reviewed = today - timedelta(days=rng.randint(380, 700))
        choices["last_reviewed"] = reviewed
        choices["approved_on"] = reviewed - timedelta(days=rng.randint(0, 60))
    choices["status"] = _status(rng)
    steps = _steps(rng, sources)
    texts: dict[str, str] = {}
    for lang in LANGS:
        example = pair[lang]
        head = _front_matter(example, branch_names, choices)
        # A long Russian quotation can leave no room: drop steps from the end (at least 2 stay).
        chosen = [step[lang] for step in steps]
        text = _compose(rng, sources, example, branch_names, head, chosen)
        while not _fits(text) and len(chosen) > 2:
            chosen.pop()
            text = _compose(rng, sources, example, branch_names, head, chosen)
        if not _fits(text):
            text = _compose(rng, sources, example, branch_names, head, chosen, short=True)
        texts[lang] = text
    return texts


# --- the handbook -------------------------------------------------------------------------


def generate(
    out: Path, files: int, seed: int, sources: Sources | None = None, today: str = TODAY
) -> list[Path]:
    """Write a handbook of ``files`` standards into ``out`` (new or empty); their paths."""
    sources = sources or read_sources()
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "handbook.yml", out / "handbook.yml")
    stages, channels = journey_and_channels(out / "handbook.yml")
    rng = random.Random(seed)
    day = date.fromisoformat(today)
    written: list[Path] = []
    number = 0
    while len(written) < files:
        stem = sources.stems[number % len(sources.stems)]
        branch_names = branch(number // len(sources.stems) + 1)
        texts = standard_pair(rng, sources, stem, branch_names, stages, channels, day)
        for lang in LANGS:
            if len(written) == files:
                break
            path = out / "standards" / branch_names[0] / f"{stem}.{lang}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(texts[lang], "utf-8")
            written.append(path)
        number += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=1000, help="standard files (default 1000)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--out", type=Path, required=True, help="a new or empty folder")
    args = parser.parse_args()
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"--out {args.out}: the folder is not empty")
    start = time.perf_counter()
    paths = generate(args.out, args.files, args.seed)
    sizes = [path.stat().st_size for path in paths]
    print(
        f"{len(paths)} standards in {args.out} in {time.perf_counter() - start:.1f} s: "
        f"{sum(sizes) / 1e6:.1f} MB, {min(sizes)}–{max(sizes)} bytes each"
    )


if __name__ == "__main__":
    main()

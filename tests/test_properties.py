"""Our own fuzzer: the parsers never raise, and every position they give falls inside the file.

Property-based (hypothesis), on the front-matter splitter, the document parser (random bytes
and mutated real standards), the suppression parser, the sentence splitter and the quantity
parser. Derandomised with a fixed, modest number of examples: a CI failure reproduces, and
the whole module runs in seconds. Input is built from pieces that matter to each parser (YAML
syntax, Markdown markup, directives, numbers and units in both languages) as well as from
arbitrary characters.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span, in_order
from stdlint.i18n import Lang
from stdlint.parse.document import parse
from stdlint.parse.frontmatter import split
from stdlint.parse.sentences import split_sentences
from stdlint.parse.source import decode
from stdlint.parse.suppressions import parse_suppressions
from stdlint.text.analysis import LanguageEngine
from tests.positions import assert_inside, document_spans, lines_of

ROOT = Path(__file__).resolve().parent.parent
REAL_STANDARDS = sorted(
    path
    for folder in (ROOT / "standards", ROOT / "tests" / "fixtures")
    for path in folder.rglob("*.md")
)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Characters that have tripped parsers elsewhere: line and paragraph separators, NEL, tabs,
# CR, a BOM, controls, a surrogate-free astral character, combining marks, wide quotes.
_SPECIAL = "\t\r\x0b\x0c\x1c\x85\u2028\u2029\ufeff\u200b\u0301\U0001f600«»“”—–…"
_PROSE_CHARS = st.sampled_from(list("aZяЖё .,;:!?-'\"()[]#*_`>|0123456789\n") + list(_SPECIAL))

_YAML_PIECES = [
    "id: phone-answer",
    "title: Answering the phone",
    "title: «Ответ»",
    "lang: en",
    "lang: ru",
    "lang: xx",
    "status: active",
    "status: aktive",
    "owner: Head of support",
    "approved_on: 2026-01-10",
    "approved_on: 2026-02-30",
    "last_reviewed: 20260115",
    "review_every: 6 months",
    "review_every: 1 год",
    "review_every: 0 days",
    "review_every: forever",
    "channels: [phone, chat]",
    "stages: [support]",
    "verification:",
    "supersedes: [old-id]",
    "metrics:",
    "  - id: answer-time",
    "    target: 20",
    "    unit: seconds",
    "  - a",
    "  b: c",
    "x: &a [1, 2]",
    "y: *a",
    "z: *missing",
    "!!str 5",
    "!!python/object:os.system x",
    "? complex",
    ": value",
    "key: 'quoted",
    'key: "quoted',
    "key: |",
    "key: >-",
    "  folded line",
    "{a: 1",
    "[1, 2",
    "}",
    "]",
    "- item",
    "# comment",
    "# stdlint-disable CUR001 -- reason",
    "id:",
    "id: 12",
    "id: [1]",
    "title: {a: b}",
    "a: b: c",
    "\t",
    "",
    "  ",
    "---",
    "...",
    "%YAML 1.2",
    "@",
    "`",
    "key: 1e400",
    "key: 0x1F",
    "key: .nan",
    "key: ~",
    "key: yes",
    "base: &b {colour: red}",
    "<<: *b",
    "<<: [*a, *b]",
    "x: &a {<<: *a}",
    "!!omap",
    "!!pairs",
    "- id: phone-answer",
    "- status: wrong",
    "note: a\u2028b",
    "# a comment\x85with NEL",
    "? unknown",
    "  key",
]
_YAML_CHARS = st.sampled_from(list("ab:-[]{},#&*!|>'\" \t\n?%@`<0123456789\r\x85\u2028\u2029"))

_MARKDOWN_PIECES = [
    "# Answering the phone",
    "# Ответ на звонок",
    "## Rule",
    "## Правило",
    "## Why",
    "## Exceptions",
    "## How we check",
    "## Examples",
    "### Sub",
    "1. Answer within 3 rings.",
    "2. Отвечайте в течение двух рабочих часов.",
    "10) Call back promptly",
    "- Be polite and friendly.",
    "* Reply as soon as possible, e.g. by 18:00.",
    "> quoted **bold** and *emphasis*",
    "Reply within 2 hours. Then close the ticket.",
    "Ответьте быстро, т. е. за 5 мин. Затем закройте.",
    "| Metric | Target |",
    "|---|---|",
    "| answer | 20 s |",
    "[link](other.md)",
    "[broken](missing.md#x)",
    "![image](x.png)",
    "`code` and ``more``",
    "```",
    "```yaml",
    "    indented code",
    "<!-- stdlint-disable CON001 -- reason -->",
    "<!-- stdlint-disable-next-line vague-quality -->",
    "<!-- stdlint-enable CON001 -->",
    "<!-- comment",
    "-->",
    "<div>html</div>",
    "***",
    "Setext",
    "===",
    "---",
    "",
    "   ",
    "A. B. Smith... Wow!!! Really?!",
    "«Здравствуйте!» — скажите клиенту.",
    "\\*escaped\\*",
    "&amp; &#1234; &nbsp;",
]


def _joined(pieces: list[str], separator: str = "\n") -> st.SearchStrategy[str]:
    return st.lists(
        st.one_of(st.sampled_from(pieces), st.text(_PROSE_CHARS, max_size=12)), max_size=25
    ).map(separator.join)


_front_matter = st.lists(
    st.one_of(st.sampled_from(_YAML_PIECES), st.text(_YAML_CHARS, max_size=10)), max_size=20
).map("\n".join)
_body = _joined(_MARKDOWN_PIECES)


@st.composite
def _standard_text(draw: st.DrawFn) -> str:
    """A standard-like text: maybe a front matter, maybe closed, then a body."""
    parts = []
    if draw(st.booleans()):
        parts += ["---", draw(_front_matter)]
        if draw(st.integers(0, 3)):
            parts.append(draw(st.sampled_from(["---", "...", "--- ", "----"])))
    parts.append(draw(_body))
    return "\n".join(parts)


def _mutated(text: str, data: st.DataObject) -> str:
    """``text`` with a few random edits: lines deleted, duplicated, swapped, characters put in."""
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        kind = data.draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "cut"]))
        at = data.draw(st.integers(0, len(lines) - 1), label="line") if lines else 0
        if kind == "delete" and lines:
            del lines[at]
        elif kind == "duplicate" and lines:
            lines.insert(at, lines[at])
        elif kind == "swap" and len(lines) > 1:
            other = data.draw(st.integers(0, len(lines) - 1), label="other line")
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "insert" and lines:
            line = lines[at]
            column = data.draw(st.integers(0, len(line)), label="column")
            piece = data.draw(st.text(_PROSE_CHARS, min_size=1, max_size=4), label="piece")
            lines[at] = line[:column] + piece + line[column:]
        elif kind == "cut" and lines:
            lines = lines[:at]
    return "\n".join(lines)


# --- the front-matter splitter ----------------------------------------------------------


@FUZZ
@given(_standard_text())
def test_front_matter_split_never_raises_and_places_problems_inside(text: str) -> None:
    lines = text.split("\n")
    matter = split(lines)
    assert 1 <= matter.body_first_line <= len(lines) + 1
    for problem in matter.problems:
        assert_inside(problem.span, lines, f"problem {problem.code}")


@FUZZ
@given(st.text(_YAML_CHARS, max_size=200))
def test_front_matter_split_of_raw_yaml_characters(yaml: str) -> None:
    lines = ["---", *yaml.split("\n"), "---", "# Title"]
    for problem in split(lines).problems:
        assert_inside(problem.span, lines, f"problem {problem.code}")


# --- the document parser ----------------------------------------------------------------


def _assert_document_inside(data: bytes) -> None:
    source = decode(Path("standard.md"), data)
    doc = parse(source, "standard.md", Lang.EN)
    if doc.text is None:
        lines = lines_of(data.decode("utf-8", errors="replace"))
    else:
        lines = doc.lines
        assert lines == lines_of(data.decode("utf-8").removeprefix("\ufeff"))
    for span, what in document_spans(doc):
        assert_inside(span, lines, what)


@FUZZ
@given(st.binary(max_size=400))
def test_document_parse_of_random_bytes(data: bytes) -> None:
    _assert_document_inside(data)


@FUZZ
@given(_standard_text(), st.sampled_from(["utf-8", "utf-8-sig"]), st.sampled_from(["\n", "\r\n"]))
def test_document_parse_of_generated_standards(text: str, encoding: str, newline: str) -> None:
    _assert_document_inside(text.replace("\n", newline).encode(encoding, errors="replace"))


@FUZZ
@given(st.sampled_from(REAL_STANDARDS), st.data())
def test_document_parse_of_mutated_real_standards(path: Path, data: st.DataObject) -> None:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _assert_document_inside(raw)
        return
    _assert_document_inside(_mutated(text, data).encode("utf-8"))


# --- the suppression parser -------------------------------------------------------------

_DIRECTIVE_PIECES = [
    "<!--",
    "-->",
    "#",
    " ",
    "stdlint-disable",
    "stdlint-disable-next-line",
    "stdlint-disable-line",
    "stdlint-enable",
    "stdlint-",
    "CON001",
    "vague-quality",
    ",",
    " -- ",
    "--",
    "reason",
    "причина",
    "\t",
    "x",
]


@FUZZ
@given(
    st.lists(
        st.lists(st.sampled_from(_DIRECTIVE_PIECES), max_size=12).map("".join),
        min_size=1,
        max_size=12,
    ),
    st.sets(st.integers(1, 14)),
    st.integers(1, 14),
)
def test_suppressions_parse_places_directives_inside(
    lines: list[str], code_lines: set[int], front_matter_end: int
) -> None:
    for suppression in parse_suppressions(lines, frozenset(code_lines), front_matter_end):
        assert_inside(suppression.span, lines, suppression.kind)
        assert suppression.first_line >= 1
        assert suppression.first_line <= suppression.last_line


# --- the sentence splitter --------------------------------------------------------------

_SENTENCE_PIECES = [
    "А.",
    "Б. ",
    "e.g.",
    "т. е.",
    "т.д.",
    "etc.",
    "Mr.",
    "min.",
    "approx.",
    "No.",
    "...",
    "…",
    "?!",
    "!",
    "?",
    ". ",
    " ",
    "  ",
    "\n",
    "Word",
    "слово",
    "Слово",
    "12",
    "3.5",
    "«",
    "»",
    "“",
    "”",
    '"',
    "'",
    "(",
    ")",
    "[",
    "]",
    "—",
    "-",
]


_SENTENCE_WORDS = [
    "Word",
    "word",
    "Слово",
    "слово",
    "A.",
    "А.",
    "12",
    "3.5",
    "e.g.",
    "e. g.",
    "т. е.",
    "т.д.",
    "etc.",
    "Mr.",
    "min.",
    "approx.",
    "No.",
    "г.",
    "(note)",
    "«Слово»",
    "“Word”",
    '"Word"',
    "—",
    "-",
]
_SENTENCE_ENDS = [".", "...", "…", "?!", "!", "?", ".»", ".”", '."', ".)", ""]
# Sentences as people write them: words and abbreviations, then an end, then a space.
_sentences = st.lists(
    st.tuples(
        st.lists(st.sampled_from(_SENTENCE_WORDS), min_size=1, max_size=5),
        st.sampled_from(_SENTENCE_ENDS),
        st.sampled_from([" ", "  ", "\n", "\u00a0", ""]),
    ).map(lambda parts: " ".join(parts[0]) + parts[1] + parts[2]),
    max_size=6,
).map("".join)


@settings(FUZZ, max_examples=400)
@given(
    st.one_of(
        _sentences,
        st.lists(st.sampled_from(_SENTENCE_PIECES), max_size=60).map("".join),
        st.text(_PROSE_CHARS, max_size=200),
        st.text(max_size=200),
    )
)
def test_sentences_cover_the_text_in_order(text: str) -> None:
    covered = 0
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        # Nothing but spaces is left between two sentences.
        assert not text[previous_end:start].strip()
        covered += end - start
        previous_end = end
    assert not text[previous_end:].strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Say “Good morning. How can I help you?” in a friendly manner. Then wait.",
            ["Say “Good morning. How can I help you?” in a friendly manner.", "Then wait."],
        ),
        (
            "Скажите «Добрый день. Чем помочь?» и улыбнитесь. Потом ждите.",
            ["Скажите «Добрый день. Чем помочь?» и улыбнитесь.", "Потом ждите."],
        ),
        ("Say “Hello.” Then wait.", ["Say “Hello.”", "Then wait."]),
        (
            'The message says: "Thank you for calling. We will call you back." Then hang up.',
            ['The message says: "Thank you for calling. We will call you back."', "Then hang up."],
        ),
        (
            'Say "Hello." Then say "Bye." Then wait.',
            ['Say "Hello."', 'Then say "Bye."', "Then wait."],
        ),
        # A quote that never closes does not swallow the paragraph.
        ("He said “wait. Then go. Now.", ["He said “wait.", "Then go.", "Now."]),
    ],
)
def test_a_quotation_stays_in_its_sentence(text: str, expected: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text)] == expected


# --- the quantity parser ----------------------------------------------------------------

_QUANTITY_PIECES = [
    "within",
    "in",
    "under",
    "no later than",
    "at least",
    "up to",
    "every",
    "by",
    "в течение",
    "не позднее",
    "не более",
    "до",
    "каждые",
    "за",
    "2",
    "20",
    "2,5",
    "0",
    "1000000000000000000000",
    "18:00",
    "9:5",
    "24:99",
    "two",
    "двух",
    "пяти",
    "полутора",
    "minutes",
    "hours",
    "business days",
    "seconds",
    "rings",
    "рабочих часов",
    "минут",
    "дней",
    "звонка",
    "%",
    "-",
    "–",
    "—",
    ".",
    ",",
    "(",
    ")",
    "third",
    "третьего",
    "a.m.",
    "ч.",
    "мин.",
    "per",
    "в",
    "раз",
    "day",
    "сутки",
]
_ENGINE = LanguageEngine()


@FUZZ
@given(
    st.lists(st.sampled_from(_QUANTITY_PIECES), max_size=14).map(" ".join),
    st.sampled_from([Lang.EN, Lang.RU]),
)
def test_quantities_fall_inside_the_sentence(text: str, lang: Lang) -> None:
    facts = _ENGINE.facts(text, lang)
    for quantity in facts.quantities:
        assert 0 <= quantity.start < quantity.end <= len(text), quantity
    for flag in facts.flags:
        assert 0 <= flag.start <= flag.end <= len(text), flag


@FUZZ
@given(st.text(_PROSE_CHARS, max_size=120), st.sampled_from([Lang.EN, Lang.RU]))
def test_language_engine_on_random_text(text: str, lang: Lang) -> None:
    facts = _ENGINE.facts(text, lang)
    for quantity in facts.quantities:
        assert 0 <= quantity.start < quantity.end <= len(text), quantity


def _sentence_spans(data: bytes) -> list[tuple[str, Span]]:
    doc = parse(decode(Path("standard.md"), data), "standard.md", Lang.EN)
    return [(sentence.text, sentence.span) for block in doc.prose for sentence in block.sentences()]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # markdown-it turns the line break inside a code span into a space: the span had one
        # anchor where it starts, and "0" was placed at 1:2, past the end of line 1.
        (b"`\n0`", [("0", Span(2, 1, 2, 2))]),
        (
            b"Say `hello\n   world` now. Then `x` end.",
            [("Say hello    world now.", Span(1, 1, 2, 15)), ("Then x end.", Span(2, 16, 2, 29))],
        ),
        # The code span's text ("` ") ends on line 2; the closing backticks are on line 3.
        (
            b"a ``\n` \n`` z. Next one.",
            [("a `  z.", Span(1, 1, 3, 6)), ("Next one.", Span(3, 7, 3, 16))],
        ),
        (
            b"- Reply `a\n  b`. Then close.",
            [("Reply a b.", Span(1, 3, 2, 6)), ("Then close.", Span(2, 7, 2, 18))],
        ),
    ],
)
def test_code_span_across_lines_is_placed_on_its_own_lines(
    data: bytes, expected: list[tuple[str, Span]]
) -> None:
    assert _sentence_spans(data) == expected


@pytest.mark.parametrize("blank", ["\xa0", "\x0c", "\x0b", "\u2028", "\u3000", "\x85 \x1c"])
@pytest.mark.parametrize(
    ("template", "expected"),
    [
        # markdown-it strips the paragraph's leading blanks (str.strip takes NBSP, form feed,
        # U+2028 …) but its map still starts on the blank line: the text was one line up.
        ("{}\nReply.", Span(2, 1, 2, 7)),
        ("{}\n{}\nReply.\n{}", Span(3, 1, 3, 7)),
        ("> {}\n> Reply.", Span(2, 3, 2, 9)),
        ("- {}\n  Reply.", Span(2, 3, 2, 9)),
        ("1. {}\n   1 reply.", Span(2, 4, 2, 12)),
    ],
)
def test_unicode_blank_line_keeps_the_paragraph_on_its_line(
    blank: str, template: str, expected: Span
) -> None:
    data = template.format(blank, blank, blank).encode("utf-8")
    [(_, span)] = _sentence_spans(data)
    assert span == expected


# --- CNS001: each metric is compared with a few candidates, not the whole group ---------


class _Metric:
    def __init__(self, target: int) -> None:
        self.target = target


class _Meta:
    def __init__(self, standard_id: str, target: int) -> None:
        self.id = standard_id
        self.metrics = [_Metric(target)]


class _Standard:
    def __init__(self, standard_id: str, target: int) -> None:
        self.meta = _Meta(standard_id, target)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3)), max_size=30))
def test_conflicting_targets_names_the_same_other_standard_as_a_full_scan(
    members: list[tuple[int, int]],
) -> None:
    from stdlint.rules.consistency.targets import _first_of_each_target

    group = [(_Standard(f"s{sid}", target), 0) for sid, target in members]

    def first_other(candidates: list[tuple[_Standard, int]], me: _Standard) -> object:
        return next(
            (
                other
                for other, _ in candidates
                if other.meta.id != me.meta.id
                and other.meta.metrics[0].target != me.meta.metrics[0].target
            ),
            None,
        )

    kept = _first_of_each_target(group)  # type: ignore[arg-type]
    for me, _ in group:
        assert first_other(kept, me) is first_other(group, me)  # type: ignore[arg-type]


@settings(FUZZ, max_examples=400)
@given(
    st.one_of(
        st.text(_PROSE_CHARS, max_size=200),
        st.text(max_size=200),
        st.lists(
            st.sampled_from(
                ["CSAT", "КРС", "SLA-2", "e-mail", "д'Артаньян", "12:30", "5мин", "_", "-", " "]
            ),
            max_size=30,
        ).map("".join),
    )
)
def test_the_words_of_a_paragraph_are_the_word_tokens_of_its_split(text: str) -> None:
    # TRN002 reads a paragraph's words as matched, without tokens: the same words, places.
    from stdlint.text.tokens import WORD, tokenize, words

    matched = [(match.group(), match.start(), match.end()) for match in words(text)]
    split = [(token.text, token.start, token.end) for token in tokenize(text) if token.kind == WORD]
    assert matched == split


# --- findings in order --------------------------------------------------------------------

_PATHS = ("a.md", "a-b/c.md", "a/b.md", "handbook.yml")
_finding = st.builds(
    lambda path, line, column, code, message, severity: Diagnostic(
        path,
        Span(line, column, line, column + 1),
        code,
        Criterion.CONCRETENESS,
        severity,
        message,
        "",
    ),
    st.sampled_from(_PATHS),
    st.integers(1, 3),
    st.integers(1, 3),
    st.sampled_from(("CON001", "MEA002")),
    st.sampled_from(("one", "two")),
    st.sampled_from(list(Severity)),  # not in the key: ties keep their order
)


@given(
    st.lists(st.tuples(st.sampled_from(_PATHS), st.lists(_finding, max_size=5)), max_size=4),
    st.lists(_finding, max_size=2),
    st.booleans(),
)
def test_findings_in_order_are_those_of_one_sort(
    groups: list[tuple[str, list[Diagnostic]]], loose: list[Diagnostic], own_paths: bool
) -> None:
    # Each file's findings in order (as Judge.finish gives them) under its own path (the usual
    # case: the files are put in order), or anywhere (sorted at once); one file per path, as a
    # check has.
    unique = {path: group for path, group in groups}
    if own_paths:
        unique = {path: [replace(d, path=path) for d in group] for path, group in unique.items()}
    pairs = [
        (path, tuple(sorted(group, key=Diagnostic.sort_key))) for path, group in unique.items()
    ]
    everything = [d for _, group in pairs for d in group] + loose
    expected = sorted(everything, key=Diagnostic.sort_key)
    found = in_order([path for path, _ in pairs], [group for _, group in pairs], loose)
    assert [id(d) for d in found] == [id(d) for d in expected]

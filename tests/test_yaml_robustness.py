"""Issue 9, the YAML layer: broken front matter or handbook.yml never crashes, hangs or misplaces.

A broken front matter gives one positioned STR diagnostic and every other file is still checked;
a broken ``handbook.yml`` gives exit 2 and one ``handbook.yml:line:col: message`` line.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from stdlint.engine import check_text
from stdlint.i18n import Lang
from stdlint.parse.yamlmessages import describe
from stdlint.parse.yamlsource import (
    MAX_DEPTH,
    MAX_INTEGER_DIGITS,
    MAX_VALUES,
    YamlProblem,
    load_mapping,
)
from tests.conftest import GOOD_STANDARD, Run

TODAY = date(2026, 6, 1)
# The good standard's front matter lines (2-10) and its body; line 11 is free for a new field.
FIELDS = GOOD_STANDARD.split("---\n", 2)[1]
BODY = GOOD_STANDARD.split("---\n", 2)[2]
EXTRA = 11


def _standard(fields: str) -> str:
    return "---\n" + fields + "---\n" + BODY


def _findings(text: str) -> list[tuple[str, int, int, int, int, str]]:
    """The findings of a standard: code, span and message; every span inside the file."""
    result = check_text(text, "bad.md", today=TODAY)
    lines = text.split("\n")
    found = []
    for diagnostic in result.diagnostics:
        span = diagnostic.span
        assert 1 <= span.line <= span.end_line <= len(lines), diagnostic
        assert 1 <= span.column <= len(lines[span.line - 1]) + 1, diagnostic
        assert span.end_column <= len(lines[span.end_line - 1]) + 1, diagnostic
        assert "\n" not in diagnostic.message and "\n" not in diagnostic.suggestion
        found.append((diagnostic.code, *span_tuple(span), diagnostic.message))
    return found


def span_tuple(span: object) -> tuple[int, int, int, int]:
    return (span.line, span.column, span.end_line, span.end_column)  # type: ignore[attr-defined]


def _one(text: str) -> tuple[str, int, int]:
    found = _findings(text)
    assert len(found) == 1, found
    return found[0][0], found[0][1], found[0][2]


DEEP_FLOW = "x: " + "[" * 800 + "]" * 800 + "\n"
DEEP_BLOCK = "".join("  " * level + f"k{level}:\n" for level in range(600))

# (name, extra front matter lines, code, line, column)
FRONT_MATTER_CASES = [
    # A merged key is placed where it is written: «foo» in the anchored mapping.
    ("merge-unknown", "base: &b {foo: 1}\n<<: *b\n", "STR003", EXTRA, 1),
    ("recursive-merge", "x: &a {<<: *a}\n", "STR002", EXTRA, 12),
    # The root mapping is level 1, so the 51st level is the 50th bracket, at column 4 + 49.
    ("deep-flow", DEEP_FLOW, "STR002", EXTRA, 4 + MAX_DEPTH - 1),
    # k0's value is level 2, so level 51 is the mapping of k50: line 11 + 50, column 101.
    ("deep-block", DEEP_BLOCK, "STR002", EXTRA + MAX_DEPTH, 2 * MAX_DEPTH + 1),
    ("long-integer", "x: " + "9" * 5000 + "\n", "STR002", EXTRA, 4),
    ("long-hex-integer", "x: 0x" + "f" * 5000 + "\n", "STR002", EXTRA, 4),
    ("control-character", "x: a\x07b\n", "STR002", EXTRA, 5),
    ("bad-float", "x: !!float abc\n", "STR002", EXTRA, 4),
    ("bad-bool", "x: !!bool maybe\n", "STR002", EXTRA, 4),
]


@pytest.mark.parametrize(
    ("extra", "code", "line", "column"),
    [case[1:] for case in FRONT_MATTER_CASES],
    ids=[case[0] for case in FRONT_MATTER_CASES],
)
def test_broken_front_matter_is_one_positioned_finding(
    extra: str, code: str, line: int, column: int
) -> None:
    found = [f for f in _findings(_standard(FIELDS + extra)) if f[1] == line]
    assert (found[0][0], found[0][1], found[0][2]) == (code, line, column), found


def test_merge_bringing_in_an_unknown_field() -> None:
    found = _findings(_standard(FIELDS + "base: &b {foo: 1}\n<<: *b\n"))
    assert [(code, line, column) for code, line, column, *_ in found] == [
        ("STR003", EXTRA, 1),  # base
        ("STR003", EXTRA, 11),  # foo, where it is written
    ]


def test_merge_bringing_in_an_invalid_value() -> None:
    fields = "base: &b {status: bogus}\n" + FIELDS.replace("status: active\n", "") + "<<: *b\n"
    found = _findings(_standard(fields))
    assert [(code, line, column, end) for code, line, column, _, end, _ in found] == [
        ("STR003", 2, 1, 5),
        ("STR004", 2, 19, 24),  # «bogus» inside the anchored mapping
    ]


def test_front_matter_written_as_omap() -> None:
    omap = "!!omap\n" + "".join(f"- {line}\n" for line in FIELDS.splitlines())
    assert _findings(_standard(omap)) == []
    found = _findings(_standard(omap + "- foo: 1\n"))
    assert [(code, line, column) for code, line, column, *_ in found] == [("STR003", 12, 3)]


def test_omap_with_a_key_written_twice_or_a_list_for_a_key() -> None:
    # Found by the mutation smoke test: ruamel.yaml only asserts an omap has no duplicate key
    # (AssertionError) and tests a list key for membership (TypeError).
    omap = "!!omap\n" + "".join(f"- {line}\n" for line in FIELDS.splitlines())
    found = _findings(_standard(omap + "- id: again\n"))
    assert [(code, line, column) for code, line, column, *_ in found] == [("STR002", 12, 3)]
    assert "“id”" in found[0][-1]
    found = _findings(_standard(omap + "- [a]: 1\n"))
    assert not any("internal error" in message for *_, message in found), found
    # A repeated key before an item that is not a pair (a later mutant): still the duplicate.
    found = _findings(_standard(omap + "- id: again\n- channels:phone\n"))
    assert [(code, line, column) for code, line, column, *_ in found] == [("STR002", 12, 3)]
    assert "“id”" in found[0][-1]


def test_recursive_alias_in_front_matter() -> None:
    assert _one(_standard(FIELDS + "x: &a [*a]\n")) == ("STR002", EXTRA, 8)


def test_nesting_brought_in_by_an_alias_is_bounded() -> None:
    anchored = "a: &a " + "[" * 45 + "]" * 45 + "\n"
    user = "b: " + "[" * 9 + "*a" + "]" * 9 + "\n"
    # 1 (root) + 9 brackets + 46 levels of «a» > 50: reported at the innermost bracket.
    found = _findings(_standard(FIELDS + anchored + user))
    assert ("STR002", EXTRA + 1, 12) in [(c, line, col) for c, line, col, *_ in found]


def test_a_megabyte_of_brackets_is_refused_quickly() -> None:
    extra = "x: " + "[" * 400_000 + "]" * 400_000 + "\n"
    assert _one(_standard(FIELDS + extra)) == ("STR002", EXTRA, 4 + MAX_DEPTH - 1)


def test_many_values_without_alias_are_not_an_alias_bomb() -> None:
    text = "x: [" + ",".join(["1"] * MAX_VALUES) + "]"
    with pytest.raises(YamlProblem) as caught:
        load_mapping(text, first_line=2)
    # root (1), key (2), list (3), items from 4: the 20,001st value is item 19,998.
    assert caught.value.kind == "too-many-values"
    assert caught.value.span.line == 2
    assert caught.value.span.column == 5 + 2 * (MAX_VALUES - 3)
    assert describe(caught.value, Lang.EN)[0] == f"the YAML has more than {MAX_VALUES} values"
    assert describe(caught.value, Lang.RU)[0] == f"в YAML больше {MAX_VALUES} значений"


def test_real_alias_bomb_keeps_its_message() -> None:
    lines = ["a: &a [1,1,1,1,1,1,1,1,1,1]"]
    for name, previous in zip("bcd", "abc", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 10) + "]")
    lines.append("e: [*d,*d,*d]")
    with pytest.raises(YamlProblem) as caught:
        load_mapping("\n".join(lines), first_line=2)
    assert caught.value.kind == "alias-bomb"
    assert (caught.value.span.line, caught.value.span.column) == (3, 8)  # the first alias


# Plain scalars whose type YAML 1.1 and 1.2 read differently, with and without a directive.
VERSIONED_TEXTS = [
    "a: yes\nb: on\nc: 010\nd: 0o10\ne: 1:20\nf: 2026-11-23\ng: ~\nh: 1_000\ni: .inf\n",
    "%YAML 1.1\n---\na: yes\nb: on\nc: 010\nd: 0o10\ne: 1:20\nf: 2026-11-23\ng: 0b101\n",
    "%YAML 1.2\n---\na: yes\nb: True\nc: 010\nd: 0x1F\n",
]


@pytest.mark.parametrize("text", VERSIONED_TEXTS)
def test_values_are_typed_as_the_safe_loader_types_them(text: str) -> None:
    """The loader's resolver is fixed to YAML 1.2 only where ruamel.yaml resolves by 1.2 anyway
    (its C parser ignores ``%YAML``): every value keeps the type ruamel.yaml gives it, and a
    second load of the same loader does too."""
    from ruamel.yaml import YAML

    loaded = YAML(typ="safe").load(text).items()
    # Dates stay text in a front matter; every other value is as ruamel.yaml types it.
    expected = {key: str(value) if isinstance(value, date) else value for key, value in loaded}
    for _ in range(2):
        assert load_mapping(text, first_line=2) == expected


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_foreign_line_break_in_a_comment_is_nothing(char: str) -> None:
    assert _findings(_standard(FIELDS + f"# a note{char}more words\n")) == []


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_foreign_line_break_keeps_positions_in_the_file(char: str) -> None:
    # Before: counted as a line break, the error landed on line 13, past the front matter.
    fields = FIELDS + f"x: a{char}b: [\n"
    assert _one(_standard(fields)) == ("STR002", EXTRA, 7)
    # A field after one is placed on its own line, and the value keeps the character.
    fields = FIELDS + f"# note{char}more\nowner2: a{char}b\n"
    found = _findings(_standard(fields))
    assert [(code, line, column) for code, line, column, *_ in found] == [("STR003", EXTRA + 1, 1)]
    assert load_mapping(f"x: a{char}b", first_line=1) == {"x": f"a{char}b"}


def test_multi_line_invalid_value_stays_on_its_line() -> None:
    fields = FIELDS.replace("status: active", 'status: "act\n  ive"')
    found = _findings(_standard(fields))
    # Line 5 is «status: "act»: the span ends at the end of that line, not 3 columns past it.
    assert [(code, *span) for code, *span, _ in found] == [("STR004", 5, 9, 5, 13)]


def test_unknown_key_written_over_two_lines_stays_on_its_first_line() -> None:
    # Found by the property tests: the key reads «unknown key», 11 characters, but its first
    # line «? unknown» ends 7 characters after the key starts.
    found = _findings(_standard(FIELDS + "? unknown\n  key\n: 1\n"))
    assert [(code, *span) for code, *span, _ in found] == [("STR003", EXTRA, 3, EXTRA, 10)]


def test_block_value_in_a_message_is_one_line() -> None:
    fields = FIELDS.replace("status: active", "status: |\n  act\n  ive")
    found = _findings(_standard(fields))
    assert [(code, line, column) for code, line, column, *_ in found] == [("STR004", 5, 9)]
    assert "“act\\nive\\n”" in found[0][5]


def test_control_character_message_is_one_line() -> None:
    with pytest.raises(YamlProblem) as caught:
        load_mapping("languages: [en]\nx: a\x07b\n", first_line=1)
    assert (caught.value.span.line, caught.value.span.column) == (2, 5)
    for lang in Lang:
        message, suggestion = describe(caught.value, lang)
        assert "U+0007" in message and "\n" not in message + suggestion
        assert "<unicode string>" not in message


# handbook.yml: exit 2, exactly one in-range "handbook.yml:line:col: message" line.
PROFILE_CASES = [
    ("no-final-newline", "languages: [en", 1, 15),
    ("control-character", "languages: [en]\nx: a\x07b\n", 2, 5),
    ("recursive-merge", "languages: [en]\nx: &a {<<: *a}\n", 2, 12),
    ("deep-flow", "x: " + "[" * 800 + "]" * 800 + "\n", 1, 4 + MAX_DEPTH - 1),
    ("deep-block", DEEP_BLOCK, 1 + MAX_DEPTH, 2 * MAX_DEPTH + 1),
    ("long-integer", "languages: [en]\nn: " + "9" * 5000 + "\n", 2, 4),
    ("many-values", "x: [" + ",".join(["1"] * MAX_VALUES) + "]\n", 1, 5 + 2 * (MAX_VALUES - 3)),
    ("foreign-break", "languages: [en]\n# a\u2028b\nstandards: [standards]\nbad: [\n", 4, 7),
]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [case[1:] for case in PROFILE_CASES],
    ids=[case[0] for case in PROFILE_CASES],
)
def test_broken_profile_is_one_positioned_line(
    run_cli: Callable[..., Run], handbook: Path, text: str, line: int, column: int
) -> None:
    (handbook / "handbook.yml").write_text(text, "utf-8", newline="")
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    assert lines[0].startswith(f"handbook.yml:{line}:{column}: "), lines[0]
    file_lines = text.split("\n")
    assert line <= len(file_lines) and column <= len(file_lines[line - 1]) + 1


def test_broken_profile_speaks_russian(run_cli: Callable[..., Run], handbook: Path) -> None:
    text = "languages: [ru]\nn: " + "9" * (MAX_INTEGER_DIGITS + 1) + "\n"
    (handbook / "handbook.yml").write_text(text, "utf-8")
    run = run_cli("check", cwd=handbook)
    assert run.exit_code == 2
    assert run.stderr.strip() == (
        f"handbook.yml:2:4: в числе {MAX_INTEGER_DIGITS + 1} цифр; допустимо не больше "
        f"{MAX_INTEGER_DIGITS} — проверьте число или возьмите его в кавычки, если это код, "
        "а не величина"
    )


@pytest.mark.parametrize(
    ("extra", "code", "line", "column"),
    [case[1:] for case in FRONT_MATTER_CASES],
    ids=[case[0] for case in FRONT_MATTER_CASES],
)
def test_other_files_are_still_checked(
    run_cli: Callable[..., Run],
    handbook: Path,
    extra: str,
    code: str,
    line: int,
    column: int,
) -> None:
    text = _standard(FIELDS.replace("phone-answer", "broken") + extra)
    (handbook / "standards" / "bad.md").write_text(text, "utf-8", newline="")
    run = run_cli("check", "--format", "json", cwd=handbook)
    assert run.exit_code == 1
    report = run.json()
    assert report["files"] == 2
    found = {(d["path"], d["code"], d["line"], d["column"]) for d in report["diagnostics"]}
    assert ("standards/bad.md", code, line, column) in found
    assert not [d for d in report["diagnostics"] if d["path"] == "standards/good.md"]


def test_new_messages_exist_in_both_languages() -> None:
    kinds = ["too-deep", "too-many-values", "long-number", "bad-value", "bad-character"]
    for kind in kinds:
        problem = YamlProblem(kind, span=_point(), detail="1")
        english, russian = describe(problem, Lang.EN), describe(problem, Lang.RU)
        assert english != russian and all(english) and all(russian)
        assert "{" not in "".join(english + russian)


def _point() -> object:
    from stdlint.diagnostics import Span

    return Span.point(1)


# --- the quick build of plain front matter ----------------------------------------------

# Texts that leave the quick build for the library's constructor, or come close to it.
BUILD_TEXTS = [
    "a: 1\nb: 1.0\nc: true\nd: ~\ne: 2026-11-23\nf: text\ng: '12'\nh: \"true\"\n",
    "a: [1, [2, [3, {b: c}]]]\nd:\n  - e: f\n    g: [h]\n  - null\n",
    "a: &x {b: 1}\nc: *x\n",  # an anchor: the same dict twice
    "base: &b {x: 1, y: 2}\nthis:\n  <<: *b\n  y: 3\n",  # a merge key
    "'<<': quoted\nb: 2\n",  # a quoted << is a plain key
    "a: 1\na: 2\n",
    "1: one\n1.0: one again\n",  # equal keys of different types
    "true: yes\n~: nothing\n0x10: hex\n",
    "? [a, b]\n: complex key\n",
    "? {a: b}\n: mapping key\n",
    "a: !!str 12\nb: !!int '0x10'\nc: !!float '1'\nd: !!bool 'false'\ne: !!null ''\n",
    "a: !!int twelve\n",
    "a: !!int twelve\nb: {c: !!float x}\n",  # two bad values: the library names the first
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !!omap [b: 1, c: 2]\n",
    "a: !custom thing\n",
    "a: !!str [1, 2]\n",
    "a:\n  - !!map {b: 1}\n  - !!seq [1]\n",
    "a: 1_000\nb: -0o17\nc: +12\nd: .inf\ne: -.Inf\nf: .NaN\ng: 1e3\n",
    "a: " + "9" * (MAX_INTEGER_DIGITS + 1) + "\n",
    "a:\n" + "".join(f"  k{index}: {index}\n" for index in range(MAX_VALUES // 2)),
    "a: " + "[" * 30 + "]" * 30 + "\n",
    "= : value key\nb: 2\n",
    "",
    "- just\n- a list\n",
]


def _typed(data: object, seen: dict[int, int] | None = None) -> object:
    """``data`` with the type of every value beside it (``1``, ``1.0`` and ``True`` differ),
    and a list or mapping met again (an alias's) as the number of its first appearance."""
    seen = {} if seen is None else seen
    if isinstance(data, dict | list):
        if id(data) in seen:
            return ("the same as", seen[id(data)])
        seen[id(data)] = len(seen)
    if isinstance(data, dict):
        return ("dict", [(_typed(key, seen), _typed(value, seen)) for key, value in data.items()])
    if isinstance(data, list):
        return ("list", [_typed(item, seen) for item in data])
    return (type(data).__name__, repr(data))


def _load_both(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """What the loader makes of ``text``, and what the library's own loading, resolver and
    constructor make of it (the shape of the data with its types, or the problem and its
    place)."""
    from ruamel.yaml.resolver import VersionedResolver

    from stdlint.parse import yamlsource

    def outcome() -> object:
        yamlsource._LOADERS.safe = None
        try:
            return _typed(load_mapping(text, first_line=2))
        except YamlProblem as problem:
            return (problem.kind, span_tuple(problem.span), problem.detail)

    quick = outcome()
    with monkeypatch.context() as patch:

        def unusual(*_: object) -> object:
            raise yamlsource._Unusual

        patch.setattr(yamlsource._SafeConstructor, "_quick", unusual)
        patch.setattr(yamlsource._Yaml12Resolver, "resolve", VersionedResolver.resolve)
        patch.setattr(yamlsource, "load_with", lambda yaml, text: yaml.load(text))
        library = outcome()
    yamlsource._LOADERS.safe = None
    return quick, library


@pytest.mark.parametrize("text", BUILD_TEXTS)
def test_quick_build_gives_what_the_library_gives(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick, library = _load_both(text, monkeypatch)
    assert quick == library


def test_quick_build_of_every_example_front_matter(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    texts = []
    for folder in (root / "standards", root / "tests" / "fixtures"):
        for path in sorted(folder.rglob("*.md")):
            text = path.read_bytes().decode("utf-8", errors="replace")
            if text.startswith("---\n") and text.count("---\n") >= 2:
                texts.append(text.split("---\n", 2)[1])
    assert len(texts) >= 90
    for text in texts:
        quick, library = _load_both(text, monkeypatch)
        assert quick == library, text


def test_loading_and_finding_positions_make_no_class_per_text() -> None:
    """ruamel.yaml's own ``load`` and ``compose`` make a loader class for every text, which
    lingers until the collector frees it: thousands of front matters held megabytes of them."""
    import gc

    from stdlint.parse.yamlpositions import Positions

    def loader_classes() -> int:
        return sum(
            1
            for item in gc.get_objects()
            if isinstance(item, type) and item.__name__ in ("XLoader", "Loader")
        )

    texts = [FIELDS.replace("Answering", f"Answering {index}") for index in range(20)]
    load_mapping(texts[0], first_line=2)
    Positions(texts[0], 2).value(("channels",))
    gc.collect()
    gc.disable()
    try:
        before = loader_classes()
        for text in texts:
            load_mapping(text, first_line=2)
            positions = Positions(text, 2)
            positions.key(("id",))  # read from the parser's events
            positions.value(("metrics", 0, "target"))  # composed
        assert loader_classes() == before
    finally:
        gc.enable()


def test_without_the_c_parser_the_library_loads_and_places_alike(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where ruamel.yaml.clib is missing, the YAML object's own methods load and compose."""
    from stdlint.parse import yamlsource
    from stdlint.parse.yamlpositions import Positions

    text = FIELDS + "metrics:\n  - id: answer-time\n    target: 20\n"
    loaded = load_mapping(text, first_line=2)
    positions = Positions(text, 2)
    places = (positions.key(("id",)), positions.value(("metrics", 0, "target")))
    monkeypatch.setattr(yamlsource, "_CParser", None)
    assert yamlsource._c_loader(yamlsource.safe_loader()) is None
    assert load_mapping(text, first_line=2) == loaded
    again = Positions(text, 2)
    assert (again.key(("id",)), again.value(("metrics", 0, "target"))) == places
    assert [type(event).__name__ for event in yamlsource.events_of("a: [1]\n")][:4] == [
        "StreamStartEvent",
        "DocumentStartEvent",
        "MappingStartEvent",
        "ScalarEvent",
    ]

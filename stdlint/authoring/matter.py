"""Front matter edited in place.

ruamel.yaml's round-trip composer says where every top-level key and value is written (character
offsets); an edit replaces only those characters, or inserts or moves whole lines. Everything
else — comments, key order, quoting, flow lists, indentation, blank lines — stays byte for byte
as the author wrote it, which a dump of the loaded data would not promise (it re-indents
sequences, re-wraps long values and re-spaces flow lists).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stdlint.i18n import Lang, Text

_FENCE = "---"
_CLOSERS = ("---", "...")


class MatterError(Exception):
    """The front matter is missing, unclosed, not YAML, or not a mapping."""

    def __init__(self, text: Text, line: int | None = None) -> None:
        super().__init__(text.render(Lang.EN, line=line))
        self.text, self.line = text, line

    def message(self, lang: Lang) -> str:
        """What is wrong, in ``lang``."""
        return self.text.render(lang, line=self.line)


_NO_FRONT_MATTER = Text(en="no front matter", ru="нет шапки (front matter)")
_NOT_CLOSED = Text(en="the front matter is not closed", ru="шапка (front matter) не закрыта")
_NOT_YAML = Text(
    en="the front matter is not valid YAML (line {line})",
    ru="шапка (front matter) — не корректный YAML (строка {line})",
)
_NOT_MAPPING = Text(
    en="the front matter is not a list of “key: value” lines",
    ru="шапка (front matter) — не список строк «ключ: значение»",
)


@dataclass(frozen=True, slots=True)
class Split:
    """A standard cut into its opening fence, the front matter's text and the rest."""

    head: str  # the opening "---" line (with a BOM, if the file has one)
    matter: str  # the lines between the fences, each with its newline
    tail: str  # the closing fence line and the body

    @property
    def text(self) -> str:
        """The whole file again."""
        return self.head + self.matter + self.tail


@dataclass(frozen=True, slots=True)
class Entry:
    """One top-level key of the front matter and where its value is written."""

    key: str
    key_start: int  # offsets into the front matter's text
    value_start: int
    value_end: int
    value: Node

    @property
    def scalar(self) -> str | None:
        """The value as text when it is a scalar (quotes removed), else None."""
        return str(self.value.value) if isinstance(self.value, ScalarNode) else None


def split(text: str) -> Split:
    """Cut ``text`` at its front matter fences; raise :class:`MatterError` if it has none."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].removeprefix("\ufeff").rstrip() != _FENCE:
        raise MatterError(_NO_FRONT_MATTER)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in _CLOSERS:
            return Split(lines[0], "".join(lines[1:index]), "".join(lines[index:]))
    raise MatterError(_NOT_CLOSED)


def entries(matter: str) -> list[Entry]:
    """The top-level keys of ``matter`` in written order; raise :class:`MatterError`."""
    try:
        root = YAML().compose(matter)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # The front matter starts on the file's line 2.
        raise MatterError(_NOT_YAML, mark.line + 2 if mark is not None else None) from None
    if root is None:
        return []
    if not isinstance(root, MappingNode):
        raise MatterError(_NOT_MAPPING)
    found = []
    for key, value in root.value:
        if not isinstance(key, ScalarNode):
            raise MatterError(_NOT_MAPPING)
        start, end = value.start_mark.index, _value_end(matter, value)
        if isinstance(value, ScalarNode) and value.value == "" and value.style is None:
            # "key:" with nothing after it: the empty value's marks point at the next token,
            # so its place is right after the colon.
            start = end = matter.index(":", key.end_mark.index) + 1
        found.append(Entry(str(key.value), key.start_mark.index, start, end, value))
    return found


def _value_end(matter: str, value: Node) -> int:
    """Where a value's own characters end.

    A block collection's end mark runs on to the next token, past blank lines and comments
    that belong to the next key, so its end is its last item's end.
    """
    node = value
    while isinstance(node, MappingNode | SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    end = int(node.end_mark.index)
    while end > value.start_mark.index and matter[end - 1] in " \t\r\n":
        end -= 1
    return end


def find(items: Sequence[Entry], key: str) -> Entry | None:
    """The entry for ``key``."""
    return next((entry for entry in items if entry.key == key), None)


def replace_value(matter: str, entry: Entry, text: str) -> str:
    """``matter`` with ``entry``'s value written as ``text`` (a YAML scalar as it should read)."""
    start, end = entry.value_start, entry.value_end
    if start == end:  # "key:" with no value: the colon needs a space after it
        rest = matter[start + 1 :] if matter[start : start + 1] == " " else matter[start:]
        return matter[:start] + " " + text + rest
    return matter[:start] + text + matter[end:]


def insert_after(matter: str, entry: Entry | None, line: str) -> str:
    """``matter`` with ``line`` added after ``entry``'s value (at the end if None)."""
    if entry is None:
        return matter + line + "\n"
    cut = matter.find("\n", entry.value_end)
    cut = len(matter) if cut == -1 else cut + 1
    prefix = matter[:cut] if matter[:cut].endswith("\n") else matter[:cut] + "\n"
    return prefix + line + "\n" + matter[cut:]


def scalar(value: str) -> str:
    """``value`` as a YAML scalar, quoted only when it must be (as ruamel.yaml writes it)."""
    yaml = YAML()
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump({"k": value}, stream)
    return stream.getvalue().removeprefix("k: ").rstrip("\n")


def reorder(matter: str, items: Sequence[Entry], rank: dict[str, int]) -> str:
    """``matter`` with its top-level keys in ``rank`` order, each moved with its own lines.

    A key's lines are the comment lines right above it, its own line and its value's lines, and
    the blank lines after them. Keys ``rank`` does not know keep their place after the known key
    they follow. The lines above the first key's comments and after the last value stay put.
    """
    if len(items) < 2:
        return matter
    lines = matter.splitlines(keepends=True)
    starts = [_line_of(matter, entry.key_start) for entry in items]
    ends = [_line_of(matter, max(entry.value_end - 1, entry.key_start)) for entry in items]
    for index in range(len(items)):
        floor = ends[index - 1] + 1 if index else 0
        while starts[index] > floor and lines[starts[index] - 1].lstrip().startswith("#"):
            starts[index] -= 1
    last_end = ends[-1] + 1
    blocks = [
        "".join(lines[starts[i] : starts[i + 1] if i + 1 < len(items) else last_end])
        for i in range(len(items))
    ]
    keys: list[tuple[float, int]] = []
    previous = -1.0
    for index, entry in enumerate(items):
        previous = float(rank[entry.key]) if entry.key in rank else previous + 0.001
        keys.append((previous, index))
    order = [index for _, index in sorted(keys)]
    if order == list(range(len(items))):
        return matter
    head, tail = "".join(lines[: starts[0]]), "".join(lines[last_end:])
    return head + "".join(_ended(blocks[index]) for index in order) + tail


def _ended(block: str) -> str:
    return block if block.endswith("\n") else block + "\n"


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)

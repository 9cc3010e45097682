"""YAML loading: a fast safe load for the common case, exact positions only when asked.

Front matter and ``handbook.yml`` are loaded with ruamel.yaml's safe loader (the C one where
``ruamel.yaml.clib`` is installed): no arbitrary tags are ever constructed.  Most files have no
finding, so the slower round-trip loader, which keeps every key's line and column, runs only
when a diagnostic needs a position (:class:`Positions`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.reader import ReaderError

from stdlint.diagnostics import Span
from stdlint.i18n import Lang, Text

# A front matter has a few dozen values, a profile a few hundred; a document whose aliases
# expand past this is an attack ("billion laughs") or an accident, and is refused before
# anything walks it. The same bound applies to the values written out, alias or not.
MAX_EXPANDED_NODES = 20_000
MAX_VALUES = 20_000
# Real front matter and profiles nest three or four levels; every later step (validation,
# repair, positions) walks the data recursively, so the depth is bounded before any of them.
MAX_DEPTH = 50
# Python refuses to turn longer digit strings into numbers (``sys.get_int_max_str_digits``);
# no amount in a standard comes near this.
MAX_INTEGER_DIGITS = 100
# The C composer recurses on the C stack and crashes the process some ten thousand levels
# deep, and the C scanner is quadratic in the depth: a text that might nest this deep is
# first measured by a scan of events that stops as soon as it passes MAX_DEPTH.
_C_SAFE_DEPTH = 1_000

_TAG = "tag:yaml.org,2002:"
# YAML 1.1 line breaks that YAML 1.2 (and every editor showing the file) treats as ordinary
# characters. ruamel.yaml still breaks lines at them, which shifts every position after them
# and turns a comment into content; they are swapped for private-use characters while loading.
_FOREIGN_BREAKS = "\x85\u2028\u2029"


def _tag(node: Node) -> str:
    return str(node.tag)


class _SafeConstructor(SafeConstructor):
    """Safe constructor that leaves dates as text and measures the data before building it."""

    def construct_document(self, node: Any) -> Any:
        """Refuse data too deep, too large or recursive, then build it."""
        _measure(node)
        return super().construct_document(node)

    def construct_yaml_omap(self, node: Any) -> Iterator[Any]:
        """An ``!!omap`` read as the mapping of its pairs, duplicate keys refused as in any
        mapping (the library only asserts there is none, and crashes on an unhashable key)."""
        mapping = _as_mapping(node)
        if mapping is None:  # not a list of one-pair mappings: the library says what is wrong
            yield from super().construct_yaml_omap(node)
            return
        data: dict[Any, Any] = {}
        yield data
        data.update(self.construct_mapping(mapping, deep=True))


def _checked(
    construct: Callable[[SafeConstructor, Any], Any],
) -> Callable[[SafeConstructor, Any], Any]:
    """A scalar constructor that reports a value unfit for its explicit tag at its place."""

    def wrapper(self: SafeConstructor, node: Any) -> Any:
        try:
            return construct(self, node)
        except (ValueError, KeyError, TypeError):
            tag = _tag(node).removeprefix(_TAG)
            raise _NodeProblem("bad-value", node, f"!!{tag} {node.value}") from None

    return wrapper


_SafeConstructor.add_constructor(_TAG + "timestamp", SafeConstructor.construct_yaml_str)
_SafeConstructor.add_constructor(_TAG + "omap", _SafeConstructor.construct_yaml_omap)
for _name in ("int", "float", "bool"):
    _SafeConstructor.add_constructor(
        _TAG + _name, _checked(SafeConstructor.yaml_constructors[_TAG + _name])
    )


@dataclass(frozen=True, slots=True)
class YamlProblem(Exception):
    """Why a YAML text could not be loaded, at a position in the original file."""

    kind: str
    span: Span
    detail: str = ""


class _NodeProblem(Exception):
    """A problem found at a node, before its file position is known."""

    def __init__(self, kind: str, node: Node | None, detail: str = "", index: int = -1) -> None:
        super().__init__(kind)
        self.kind = kind
        self.index = node.start_mark.index if node is not None and node.start_mark else index
        self.detail = detail


class _Lines:
    """Character offsets of a text turned into file lines and columns (LF only)."""

    def __init__(self, text: str, first_line: int) -> None:
        self._text = text
        self._first_line = first_line
        self._starts = [0]
        self._starts.extend(i + 1 for i, char in enumerate(text) if char == "\n")

    def point(self, index: int) -> Span:
        """The position of the character at ``index``; the end of the text stays on its last
        line (a text that ends in a line break does not gain a line after it)."""
        index = max(0, min(index, len(self._text)))
        if index == len(self._text) and self._text.endswith("\n"):
            index -= 1
        row = bisect_right(self._starts, index) - 1
        return Span.point(self._first_line + row, index - self._starts[row] + 1)

    def line_end(self, line: int) -> int:
        """The column just after the last character of file line ``line``."""
        row = min(max(line - self._first_line, 0), len(self._starts) - 1)
        end = self._starts[row + 1] - 1 if row + 1 < len(self._starts) else len(self._text)
        return end - self._starts[row] + 1


def _masks(text: str) -> dict[str, str]:
    """Private-use stand-ins for the foreign line breaks of ``text`` (none if it has none)."""
    found = [char for char in _FOREIGN_BREAKS if char in text]
    if not found:
        return {}
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    return dict(zip(found, free, strict=False))


def _masked(text: str, masks: dict[str, str]) -> str:
    table: dict[str, str | int | None] = dict(masks)
    return text.translate(str.maketrans(table)) if masks else text


def _unmasked(data: Any, masks: dict[str, str]) -> Any:
    """``data`` with the stand-ins of :func:`_masks` turned back into the original characters."""
    if not masks:
        return data
    back: dict[str, str | int | None] = {stand_in: char for char, stand_in in masks.items()}
    table = str.maketrans(back)

    def restore(value: Any) -> Any:
        return value.translate(table) if isinstance(value, str) else value

    done: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if id(node) in done:
            continue
        done.add(id(node))
        if isinstance(node, dict):
            items = [(restore(key), restore(value)) for key, value in node.items()]
            node.clear()
            node.update(items)
            stack.extend(node.values())
        elif isinstance(node, list):
            node[:] = [restore(value) for value in node]
            stack.extend(node)
    return restore(data)


def _fast_loader() -> YAML:
    yaml = YAML(typ="safe")
    yaml.Constructor = _SafeConstructor
    return yaml


def load_mapping(text: str, first_line: int) -> dict[str, Any]:
    """Load YAML whose first line is line ``first_line`` of its file; it must be a mapping.

    Raises :class:`YamlProblem` with a position for every way it can go wrong.
    """
    lines = _Lines(text, first_line)
    masks = _masks(text)
    source = _masked(text, masks)
    try:
        _check_depth_first(source)
        data = _fast_loader().load(source)
    except _NodeProblem as problem:
        span = _first_alias(source, lines) if problem.index < 0 else lines.point(problem.index)
        raise YamlProblem(problem.kind, span, _unmasked(problem.detail, masks)) from None
    except ReaderError as error:
        char = error.character if isinstance(error.character, str) else chr(error.character)
        detail = f"U+{ord(char):04X}"
        raise YamlProblem("bad-character", lines.point(error.position), detail) from None
    except MarkedYAMLError as error:
        raise _marked_problem(error, lines) from None
    except YAMLError as error:
        raise YamlProblem("syntax", lines.point(0), _one_line(str(error))) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlProblem("not-mapping", Span.point(first_line), type(data).__name__)
    result: dict[str, Any] = _unmasked(data, masks)
    return result


def _one_line(text: str) -> str:
    """An error text of the YAML library as one line, without its "in <unicode string>" notes."""
    kept = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith('in "<')
    ]
    return " ".join(" ".join(kept).split())


def _marked_problem(error: MarkedYAMLError, lines: _Lines) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    span = lines.point(mark.index if mark else 0)
    problem = error.problem or ""
    if "could not determine a constructor for the tag" in problem:
        tag = problem.rsplit("tag", 1)[-1].strip(" '")
        return YamlProblem("unsafe-tag", span, _one_line(tag.removeprefix(_TAG)))
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else ""
        return YamlProblem("duplicate-key", span, _one_line(key))
    if "undefined alias" in problem:
        return YamlProblem("undefined-alias", span)
    if "mapping values are not allowed" in problem:
        return YamlProblem("colon-in-value", span)
    if "cannot start any token" in problem and "\\t" in problem:
        return YamlProblem("tab", span)
    detail = _one_line(" ".join(filter(None, [error.context, problem])))
    return YamlProblem("syntax", span, detail)


def _check_depth_first(text: str) -> None:
    """Refuse a text nested past :data:`MAX_DEPTH` before the C composer can recurse on it.

    Flow collections nest one per bracket and block ones one per column of indentation (two
    with a sequence under a key), so most texts are shown shallow enough without parsing.
    """
    widest = max((len(line) for line in text.split("\n")), default=0)
    if text.count("[") + text.count("{") + 2 * (widest + 1) <= _C_SAFE_DEPTH:
        return
    depth = 0
    for event in YAML(typ="safe").parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                index = event.start_mark.index if event.start_mark else 0
                raise _NodeProblem("too-deep", None, index=index)
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _measure(root: Node) -> None:
    """Refuse data nested past :data:`MAX_DEPTH`, with more than :data:`MAX_VALUES` values, whose
    aliases are recursive or expand past :data:`MAX_EXPANDED_NODES`, or with a huge integer.

    One walk over the composed nodes with an explicit stack: aliases share a node, so sizes and
    heights are memoised and the walk stays linear in the nodes written.
    """
    sizes: dict[int, int] = {}
    heights: dict[int, int] = {}
    on_path: set[int] = set()
    written = 0
    stack: list[_Frame] = []

    def enter(node: Node) -> None:
        nonlocal written
        if id(node) in on_path:
            raise _NodeProblem("recursive-alias", None)
        written += 1
        if written > MAX_VALUES:
            raise _NodeProblem("too-many-values", node)
        if isinstance(node, ScalarNode):
            digits = sum(char.isalnum() for char in node.value)
            if _tag(node) == _TAG + "int" and digits > MAX_INTEGER_DIGITS:
                raise _NodeProblem("long-number", node, str(digits))
            sizes[id(node)], heights[id(node)] = 1, 0
            return
        if len(stack) + 1 > MAX_DEPTH:
            raise _NodeProblem("too-deep", node)
        on_path.add(id(node))
        stack.append(_Frame(node, _children(node)))

    enter(root)
    while stack:
        frame = stack[-1]
        child = next(frame.children, None)
        if child is None:
            stack.pop()
            on_path.discard(id(frame.node))
            sizes[id(frame.node)], heights[id(frame.node)] = frame.size, frame.height
            if stack:
                stack[-1].add(frame.node, frame.size, frame.height, len(stack))
            continue
        if id(child) in sizes:  # an alias of a node already measured
            stack[-1].add(child, sizes[id(child)], heights[id(child)], len(stack))
        else:
            enter(child)
            if isinstance(child, ScalarNode):
                frame.add(child, 1, 0, len(stack))
        frame.previous = child


class _Frame:
    """A collection being measured: children still to visit, expanded size and height so far."""

    def __init__(self, node: Node, children: Iterator[Node]) -> None:
        self.node = node
        self.children = children
        self.size = 1
        self.height = 1
        self.previous: Node = node  # the child visited last: the key of a value

    def add(self, child: Node, size: int, height: int, depth: int) -> None:
        """Count a measured child, ``depth`` levels below the top, into this collection."""
        self.size += size
        self.height = max(self.height, height + 1)
        if self.size > MAX_EXPANDED_NODES:
            raise _NodeProblem("alias-bomb", None)
        if depth + height > MAX_DEPTH:  # only an alias can bring in so deep a child
            where = self.previous if isinstance(self.node, MappingNode) else self.node
            raise _NodeProblem("too-deep", where)


def _children(node: Node) -> Iterator[Node]:
    if isinstance(node, MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, SequenceNode):
        yield from node.value


def _first_alias(text: str, lines: _Lines) -> Span:
    """Where the first alias is used: parsing events is linear in the text, unlike expanding."""
    try:
        for event in YAML(typ="safe").parse(text):
            if isinstance(event, AliasEvent) and event.start_mark is not None:
                return lines.point(event.start_mark.index)
    except YAMLError:
        pass
    return lines.point(0)


Path = tuple[str | int, ...]


class Positions:
    """Lines and columns of every key and value of a YAML text, computed on first use.

    The text has loaded (:func:`load_mapping`) before anyone asks, so it is composed again
    (nodes only, no values) without limits or errors to fear; merged keys (``<<``) are found
    where they are written, and so are the pairs of an ``!!omap``.
    """

    def __init__(self, text: str, first_line: int) -> None:
        self._text = text
        self._first_line = first_line

    def __reduce__(self) -> tuple[type[Positions], tuple[str, int]]:
        # The node tree is a cache: pickle the text alone and compose it again when asked.
        return Positions, (self._text, self._first_line)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Positions):
            return NotImplemented
        return (self._text, self._first_line) == (other._text, other._first_line)

    def __hash__(self) -> int:
        return hash((self._text, self._first_line))

    @cached_property
    def _masks(self) -> dict[str, str]:
        return _masks(self._text)

    @cached_property
    def _root(self) -> Node | None:
        try:
            node: Node | None = YAML(typ="safe").compose(_masked(self._text, self._masks))
        except YAMLError:
            return None
        return node

    @cached_property
    def _lines(self) -> _Lines:
        return _Lines(self._text, self._first_line)

    @property
    def start(self) -> Span:
        """Where the whole YAML text is introduced: the ``---`` line of a front matter."""
        return Span.point(max(self._first_line - 1, 1))

    def _span(self, node: Node, width: int) -> Span:
        start = self._lines.point(node.start_mark.index)
        end = min(start.column + max(width, 1), self._lines.line_end(start.line))
        return Span(start.line, start.column, start.line, max(end, start.column))

    def _walk(self, path: Path) -> Iterator[tuple[Node, Node]]:
        """For each part of ``path`` that exists: the node of its key (or item), and its value."""
        node = self._root
        for part in path:
            found = _step(node, _masked(part, self._masks) if isinstance(part, str) else part)
            if found is None:
                return
            yield found
            node = found[1]

    def key(self, path: Path) -> Span:
        """Where the key at ``path`` is written (the item for a list index)."""
        return self._locate(path, want_value=False)

    def value(self, path: Path) -> Span:
        """Where the value at ``path`` is written; the nearest existing parent if it is absent."""
        return self._locate(path, want_value=True)

    def _locate(self, path: Path, *, want_value: bool) -> Span:
        steps = list(self._walk(path))
        if not steps:
            return self.start
        # A path that ends at a missing key stops at the nearest key or item that exists.
        key, value = steps[-1]
        if want_value and len(steps) == len(path):
            if isinstance(value, ScalarNode) and _tag(value) != _TAG + "null":
                return self._span(value, len(value.value.split("\n")[0]))
            return self._span(value, 0)
        return self._span(key, len(str(path[len(steps) - 1])))


def _step(node: Node | None, part: str | int) -> tuple[Node, Node] | None:
    """The key (or item) node and the value node that ``part`` names inside ``node``."""
    if isinstance(node, SequenceNode) and _tag(node) not in (_TAG + "omap", _TAG + "pairs"):
        if isinstance(part, int) and 0 <= part < len(node.value):
            return node.value[part], node.value[part]
        return None
    for key, value in _pairs(node, 0):
        if isinstance(key, ScalarNode) and key.value == str(part):
            return key, value
    return None


def _as_mapping(node: Node) -> MappingNode | None:
    """The pairs of an ``!!omap`` or ``!!pairs`` as one mapping; None unless every item of
    ``node`` is a mapping of one pair."""
    if not isinstance(node, SequenceNode):
        return None
    if not all(isinstance(item, MappingNode) and len(item.value) == 1 for item in node.value):
        return None
    pairs = [item.value[0] for item in node.value]
    return MappingNode(_TAG + "map", pairs, node.start_mark, node.end_mark)


def _pairs(node: Node | None, depth: int) -> Iterator[tuple[Node, Node]]:
    """The key and value nodes of a mapping in the order that decides: its own keys, then the
    merged ones (``<<``), first mapping first; the pairs of an ``!!omap`` or ``!!pairs``."""
    if depth > MAX_DEPTH:
        return
    if isinstance(node, SequenceNode):
        node = _as_mapping(node)
    if isinstance(node, MappingNode):
        merged = [value for key, value in node.value if _tag(key) == _TAG + "merge"]
        yield from ((key, value) for key, value in node.value if _tag(key) != _TAG + "merge")
        for value in merged:
            yield from _pairs(value, depth + 1)


_YAML_TEXTS: dict[str, tuple[Text, Text]] = {
    "syntax": (
        Text(en="the YAML cannot be read: {detail}", ru="YAML не читается: {detail}"),
        Text(
            en="check indentation and quotes on this line and the one above",
            ru="проверьте отступы и кавычки в этой строке и строке выше",
        ),
    ),
    "colon-in-value": (
        Text(
            en="a value contains “: ” and reads as a new key",
            ru="в значении есть «: », и оно читается как новый ключ",
        ),
        Text(
            en="put the whole value in double quotes",
            ru="возьмите всё значение в двойные кавычки",
        ),
    ),
    "tab": (
        Text(
            en="a tab character is used for indentation",
            ru="для отступа использован символ табуляции",
        ),
        Text(en="indent with spaces", ru="делайте отступы пробелами"),
    ),
    "duplicate-key": (
        Text(en="key “{detail}” is written twice", ru="ключ «{detail}» указан дважды"),
        Text(en="keep one of the two lines", ru="оставьте одну из двух строк"),
    ),
    "undefined-alias": (
        Text(
            en="an alias refers to an anchor that does not exist",
            ru="псевдоним ссылается на несуществующий якорь",
        ),
        Text(en="write the value out in full", ru="запишите значение полностью"),
    ),
    "unsafe-tag": (
        Text(
            en="the tag “!!{detail}” is not allowed: only plain values, lists and mappings are",
            ru="тег «!!{detail}» запрещён: читаются только обычные значения, списки и словари",
        ),
        Text(en="remove the tag", ru="удалите тег"),
    ),
    "alias-bomb": (
        Text(
            en="YAML aliases expand to more than {limit} values",
            ru="псевдонимы YAML разворачиваются в более чем {limit} значений",
        ),
        Text(
            en="write the values out without anchors and aliases",
            ru="запишите значения без якорей и псевдонимов",
        ),
    ),
    "recursive-alias": (
        Text(en="a YAML alias refers to itself", ru="псевдоним YAML ссылается сам на себя"),
        Text(
            en="write the values out without anchors and aliases",
            ru="запишите значения без якорей и псевдонимов",
        ),
    ),
    "too-deep": (
        Text(
            en="the YAML is nested more than {depth} levels deep",
            ru="YAML вложен глубже {depth} уровней",
        ),
        Text(
            en="flatten the structure: a few levels of “key: value” lines and lists are enough",
            ru="упростите структуру: хватит нескольких уровней строк «ключ: значение» и списков",
        ),
    ),
    "too-many-values": (
        Text(
            en="the YAML has more than {values} values",
            ru="в YAML больше {values} значений",
        ),
        Text(
            en="keep only the fields that are needed and split long lists",
            ru="оставьте только нужные поля и разделите длинные списки",
        ),
    ),
    "long-number": (
        Text(
            en="a number has {detail} digits; at most {digits} are allowed",
            ru="в числе {detail} цифр; допустимо не больше {digits}",
        ),
        Text(
            en="check the number, or put it in quotes if it is a code, not an amount",
            ru="проверьте число или возьмите его в кавычки, если это код, а не величина",
        ),
    ),
    "bad-value": (
        Text(
            en="“{detail}”: the value does not fit its tag",
            ru="«{detail}»: значение не подходит к своему тегу",
        ),
        Text(
            en="remove the tag, or correct the value",
            ru="удалите тег или исправьте значение",
        ),
    ),
    "bad-character": (
        Text(
            en="the YAML contains the control character {detail}, which is not allowed",
            ru="в YAML есть управляющий символ {detail}, а он недопустим",
        ),
        Text(
            en="delete it (most editors do not show it: retype the line)",
            ru="удалите его (большинство редакторов его не показывает: наберите строку заново)",
        ),
    ),
    "not-mapping": (
        Text(
            en="the front matter is a {detail}, not a set of “key: value” lines",
            ru="front matter — это {detail}, а не набор строк «ключ: значение»",
        ),
        Text(
            en="write one “key: value” line per field, starting with “id:”",
            ru="пишите по строке «ключ: значение» на поле, начиная с «id:»",
        ),
    ),
}


def describe(problem: YamlProblem, lang: Lang) -> tuple[str, str]:
    """The message and suggestion for a YAML problem, in ``lang``."""
    message, suggestion = _YAML_TEXTS[problem.kind]
    detail = {"list": "list", "str": "text", "int": "number", "float": "number"}.get(
        problem.detail, problem.detail
    )
    fields = {
        "detail": _one_line(str(detail)),
        "limit": MAX_EXPANDED_NODES,
        "values": MAX_VALUES,
        "depth": MAX_DEPTH,
        "digits": MAX_INTEGER_DIGITS,
    }
    return message.render(lang, **fields), suggestion.render(lang, **fields)

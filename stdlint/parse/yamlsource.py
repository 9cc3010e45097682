"""YAML loading: one fast, safe, bounded load per file; positions and messages live beside it.

Front matter and ``handbook.yml`` are loaded with ruamel.yaml's safe loader (the C one where
``ruamel.yaml.clib`` is installed): no arbitrary tags are ever constructed, and nesting, the
number of values and the size of integers are bounded before anything walks the data. Most
files have no finding, so the positions of keys (``yamlpositions``) are found only when a
diagnostic asks; ``yamlmessages`` words every :class:`YamlProblem` in both languages.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import ruamel.yaml.main
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
from ruamel.yaml.resolver import BaseResolver, VersionedResolver
from ruamel.yaml.tag import Tag

from stdlint.diagnostics import Span

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

YAML_TAG = "tag:yaml.org,2002:"
# YAML 1.1 line breaks that YAML 1.2 (and every editor showing the file) treats as ordinary
# characters. ruamel.yaml still breaks lines at them, which shifts every position after them
# and turns a comment into content; they are swapped for private-use characters while loading.
_FOREIGN_BREAKS = "\x85\u2028\u2029"


def node_tag(node: Node) -> str:
    return str(node.tag)


class _Unusual(Exception):
    """A node the quick build of :meth:`_SafeConstructor.construct_document` leaves to the
    library's constructor (an alias, a merge key, a repeated key, a tag beyond the plain ones)."""


_STR, _SEQ, _MAP = (YAML_TAG + name for name in ("str", "seq", "map"))
# The scalar tags the quick build hands to this constructor's own function for the tag.
_PLAIN_SCALARS = frozenset(
    YAML_TAG + name for name in ("null", "bool", "int", "float", "timestamp")
)
# The tag the resolver gives a plain or quoted scalar that is a string: one object, shared.
_PLAIN_STR = BaseResolver.DEFAULT_SCALAR_TAG
# What the quick build takes on, with half the bounds of _measure to spare (as
# _plainly_within_bounds): anything bigger or deeper is measured and built by the library.
_QUICK_VALUES = min(MAX_VALUES, MAX_EXPANDED_NODES) // 2
_QUICK_DEPTH = MAX_DEPTH // 2


class _SafeConstructor(SafeConstructor):
    """Safe constructor that leaves dates as text and measures the data before building it."""

    def construct_document(self, node: Any) -> Any:
        """Refuse data too deep, too large or recursive, then build it.

        Front matter is plain mappings, lists and scalars without aliases: that is built by a
        walk of our own, which gives the same data as the library's constructor without its
        bookkeeping of anchors, merge keys and deferred generators (with the shared tags of
        :class:`_Yaml12Resolver`, 2,000 front matters loaded in 0.50 s instead of 1.30 s). A
        node it does not take on sends the whole document to the library's constructor, after
        the measure that refuses what is too big.
        """
        try:
            return self._quick(node, 1, [0], set())
        except (_Unusual, _NodeProblem):  # a bad value too: the library finds the first one
            pass
        _measure(node)
        return super().construct_document(node)

    def _quick(self, node: Node, depth: int, count: list[int], seen: set[int]) -> Any:
        """The data of ``node``, ``depth`` levels down, ``count[0]`` values met so far, the
        lists and mappings built so far in ``seen``. A string, the most common value by far,
        is taken where it is met."""
        kind = type(node)
        if kind is ScalarNode:
            return self._quick_scalar(node)
        if depth > _QUICK_DEPTH or id(node) in seen:  # an alias: the library shares its value
            raise _Unusual
        seen.add(id(node))
        items = node.value
        count[0] += 2 * len(items) if kind is MappingNode else len(items)
        if count[0] > _QUICK_VALUES:
            raise _Unusual
        tag = str(node.ctag)
        if kind is SequenceNode and tag == _SEQ:
            return [
                item.value
                if item.ctag is _PLAIN_STR and type(item) is ScalarNode
                else self._quick(item, depth + 1, count, seen)
                for item in items
            ]
        if kind is not MappingNode or tag != _MAP:
            raise _Unusual
        data: dict[Any, Any] = {}
        for key_node, value_node in items:
            if type(key_node) is not ScalarNode:
                raise _Unusual  # a list or mapping as a key
            key = key_node.value if key_node.ctag is _PLAIN_STR else self._quick_scalar(key_node)
            if key in data:
                raise _Unusual  # the library says which key, and where
            if value_node.ctag is _PLAIN_STR and type(value_node) is ScalarNode:
                data[key] = value_node.value
            else:
                data[key] = self._quick(value_node, depth + 1, count, seen)
        return data

    def _quick_scalar(self, node: Node) -> Any:
        tag = str(node.ctag)
        if tag == _STR:
            return node.value
        if tag not in _PLAIN_SCALARS or len(node.value) > MAX_INTEGER_DIGITS:
            raise _Unusual
        return self.yaml_constructors[tag](self, node)

    def construct_yaml_omap(self, node: Any) -> Iterator[Any]:
        """An ``!!omap`` read as the mapping of its pairs, duplicate keys refused as in any
        mapping (the library only asserts there is none, and crashes on an unhashable key)."""
        mapping = as_mapping(node)
        if mapping is None:  # not a list of one-pair mappings: the library says what is wrong,
            _refuse_duplicate_pair(node)  # once a repeated key before that is refused here
            yield from super().construct_yaml_omap(node)
            return
        data: dict[Any, Any] = {}
        yield data
        data.update(self.construct_mapping(mapping, deep=True))


def _refuse_duplicate_pair(node: Any) -> None:
    """Raise the duplicate-key problem at the first one-pair item whose key came before."""
    seen: set[object] = set()
    for item in getattr(node, "value", ()):
        if not isinstance(item, MappingNode) or len(item.value) != 1:
            return  # the library reports this item; keys after it do not matter
        key = item.value[0][0]
        if isinstance(key, ScalarNode):
            if key.value in seen:
                raise _NodeProblem("duplicate-key", key, one_line(str(key.value)))
            seen.add(key.value)


def _checked(
    construct: Callable[[SafeConstructor, Any], Any],
) -> Callable[[SafeConstructor, Any], Any]:
    """A scalar constructor that reports a value unfit for its explicit tag at its place."""

    def wrapper(self: SafeConstructor, node: Any) -> Any:
        try:
            return construct(self, node)
        except (ValueError, KeyError, TypeError):
            tag = node_tag(node).removeprefix(YAML_TAG)
            raise _NodeProblem("bad-value", node, f"!!{tag} {node.value}") from None

    return wrapper


_SafeConstructor.add_constructor(YAML_TAG + "timestamp", SafeConstructor.construct_yaml_str)
_SafeConstructor.add_constructor(YAML_TAG + "omap", _SafeConstructor.construct_yaml_omap)
for _name in ("int", "float", "bool"):
    _SafeConstructor.add_constructor(
        YAML_TAG + _name, _checked(SafeConstructor.yaml_constructors[YAML_TAG + _name])
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


_LINE_BREAK = re.compile("\n")


class SourceLines:
    """Character offsets of a text turned into file lines and columns (LF only)."""

    def __init__(self, text: str, first_line: int) -> None:
        self._text = text
        self._first_line = first_line
        self._starts = [0]
        self._starts.extend(match.end() for match in _LINE_BREAK.finditer(text))

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


def break_masks(text: str) -> dict[str, str]:
    """Private-use stand-ins for the foreign line breaks of ``text`` (none if it has none)."""
    found = [char for char in _FOREIGN_BREAKS if char in text]
    if not found:
        return {}
    free = (chr(code) for code in range(0xE000, 0xF900) if chr(code) not in text)
    return dict(zip(found, free, strict=False))


def masked(text: str, masks: dict[str, str]) -> str:
    table: dict[str, str | int | None] = dict(masks)
    return text.translate(str.maketrans(table)) if masks else text


def unmasked(data: Any, masks: dict[str, str]) -> Any:
    """``data`` with the stand-ins of :func:`break_masks` turned back into the characters."""
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


class _Yaml12Resolver(VersionedResolver):
    """Plain scalars resolved by YAML 1.2, without asking the document for its version.

    ruamel.yaml asks for the version at every scalar, which with the C parser costs two
    caught exceptions each time, and then answers 1.2 whatever the text says.
    """

    @property
    def processing_version(self) -> Any:
        return (1, 2)

    @property
    def versioned_resolver(self) -> Any:
        # The table of YAML 1.2's implicit types, the same for every scalar of every text: made
        # once, not once per scalar (asked twice each) nor once per text.
        table = _Yaml12Resolver._table
        if table is None:
            table = _Yaml12Resolver._table = super().versioned_resolver
        return table

    _table: ClassVar[Any] = None

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of a plain scalar as the library resolves it, one shared tag per name.

        The library makes a new tag for every scalar, and each one spells its name out again,
        character by character, when the constructor asks for it.
        """
        if kind is not ScalarNode or not implicit[0] or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        known = _Yaml12Resolver._resolved
        tag = known.get(value)
        if tag is not None:
            return tag
        first = value[:1]
        candidates = _Yaml12Resolver._by_first.get(first)
        if candidates is None:  # the patterns for a value that starts so, then for any value
            table = self.versioned_resolver
            candidates = (*table.get(first, ()), *table.get(None, ()))
            _Yaml12Resolver._by_first[first] = candidates
        tag = self.DEFAULT_SCALAR_TAG
        for name, regexp in candidates:
            if regexp.match(value):
                tag = _shared_tag(name)
                break
        if len(value) <= _RESOLVED_LENGTH:  # keys and short values come back, file after file
            if len(known) >= _RESOLVED_KEPT:
                known.clear()
            known[value] = tag
        return tag

    _by_first: ClassVar[dict[str, tuple[Any, ...]]] = {}
    _resolved: ClassVar[dict[str, Tag]] = {}  # the tags of short plain scalars resolved so far


_RESOLVED_LENGTH = 40  # longer plain scalars (titles, notes) are seldom written twice
_RESOLVED_KEPT = 4096
_TAGS: dict[str, Tag] = {}


def _shared_tag(name: str) -> Tag:
    tag = _TAGS.get(name)
    if tag is None:
        tag = _TAGS[name] = Tag(suffix=name)
    return tag


def load_data(text: str) -> Any:
    """One of stdlint's own data files (the lexicons, the rules' Russian documentation).

    They have no ``%YAML`` directive: with the version fixed the big lexicons load in about
    40 % less time.
    """
    yaml = YAML(typ="safe")
    yaml.Resolver = _Yaml12Resolver
    return yaml.load(text)


class _Loaders(threading.local):
    """One safe loader per thread, made on first use and kept.

    Making a ``YAML`` object looks for plug-ins on disk, which costs more than loading a
    front matter; one object serves any number of texts, one after another.
    """

    def __init__(self) -> None:
        self.safe: YAML | None = None


_LOADERS = _Loaders()


def safe_loader() -> YAML:
    """The safe loader of this thread (C parser; see :class:`_SafeConstructor`).

    Its resolver is fixed to YAML 1.2 where that changes nothing: where ruamel.yaml's loader
    already ignores a ``%YAML 1.1`` directive (as with the C parser, up to 0.19 at least),
    which is checked once here rather than assumed. Elsewhere a standard that says
    ``%YAML 1.1`` keeps its 1.1 booleans.
    """
    yaml = _LOADERS.safe
    if yaml is None:
        yaml = YAML(typ="safe")
        yaml.Constructor = _SafeConstructor
        if yaml.load("%YAML 1.1\n---\n- yes\n") == ["yes"]:
            yaml.Resolver = _Yaml12Resolver
        _LOADERS.safe = yaml
    infos = getattr(yaml, "doc_infos", None)  # a record of every document loaded: forget them
    if isinstance(infos, list):
        infos.clear()
    return yaml


# ruamel.yaml's C parser, as YAML objects know it (None without ruamel.yaml.clib: then YAML's
# own methods are used).
_CParser: Any = getattr(ruamel.yaml.main, "CParser", None)

_C_LOADERS: dict[tuple[type, type], type] = {}


def _c_loader(yaml: YAML) -> Any:
    """The class that loads a text with ``yaml``'s constructor and resolver on the C parser,
    made once; None when ``yaml`` does not use the C parser alone.

    It is the class ruamel.yaml's ``YAML.load`` and ``compose`` make anew for every text (and
    that then lingers until the collector frees a cycle): thousands of front matters made
    thousands of classes, about 6 KB each, and a fifth of the load's time.
    """
    if _CParser is None or yaml.Parser is not _CParser or yaml.Reader or yaml.Scanner:
        return None
    constructor: Any = yaml.Constructor
    resolver: Any = yaml.Resolver
    made = _C_LOADERS.get((constructor, resolver))
    if made is None:

        class Loader(_CParser, constructor, resolver):  # type: ignore[misc]
            def __init__(self, text: str) -> None:  # as ruamel.yaml's own, for one text
                _CParser.__init__(self, text)
                self._parser = self._composer = self
                constructor.__init__(self, loader=self)
                self.allow_duplicate_keys = False
                resolver.__init__(self, version=None, loadumper=self)

        made = _C_LOADERS[(constructor, resolver)] = Loader
    return made


def load_with(yaml: YAML, text: str) -> Any:
    """``yaml.load(text)``, on a loader class made once (see :func:`_c_loader`)."""
    loader_class = _c_loader(yaml)
    if loader_class is None:
        return yaml.load(text)
    loader = loader_class(text)
    try:
        return loader.get_single_data()
    finally:
        _drop(loader)


def compose_with(yaml: YAML, text: str) -> Node | None:
    """``yaml.compose(text)``, on a loader class made once (see :func:`_c_loader`)."""
    loader_class = _c_loader(yaml)
    if loader_class is None:
        node: Node | None = yaml.compose(text)
        return node
    loader = loader_class(text)
    try:
        composed: Node | None = loader.get_single_node()
        return composed
    finally:
        _drop(loader)


def _drop(loader: Any) -> None:
    """Free a loader of :func:`_c_loader` now. It names itself as its parser, its composer and
    its constructor's loader: a cycle, which only the collector would free, at its next full
    pass, with every other object of the check to look through."""
    loader.dispose()
    loader.__dict__.clear()


def events_of(text: str) -> Iterator[Any]:
    """The parser's events of ``text`` (``YAML(typ="safe").parse``, without a loader class)."""
    if _CParser is None:  # pragma: no cover - without ruamel.yaml.clib
        yield from YAML(typ="safe").parse(text)
        return
    parser = _CParser(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def load_mapping(text: str, first_line: int) -> dict[str, Any]:
    """Load YAML whose first line is line ``first_line`` of its file; it must be a mapping.

    Raises :class:`YamlProblem` with a position for every way it can go wrong.
    """
    masks = break_masks(text)
    source = masked(text, masks)
    try:
        _check_depth_first(source)
        data = load_with(safe_loader(), source)
    except _NodeProblem as problem:
        lines = SourceLines(text, first_line)
        span = _first_alias(source, lines) if problem.index < 0 else lines.point(problem.index)
        raise YamlProblem(problem.kind, span, unmasked(problem.detail, masks)) from None
    except ReaderError as error:
        lines = SourceLines(text, first_line)
        char = error.character if isinstance(error.character, str) else chr(error.character)
        detail = f"U+{ord(char):04X}"
        raise YamlProblem("bad-character", lines.point(error.position), detail) from None
    except MarkedYAMLError as error:
        raise _marked_problem(error, SourceLines(text, first_line)) from None
    except YAMLError as error:
        point = SourceLines(text, first_line).point(0)
        raise YamlProblem("syntax", point, one_line(str(error))) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlProblem("not-mapping", Span.point(first_line), type(data).__name__)
    result: dict[str, Any] = unmasked(data, masks)
    return result


def one_line(text: str) -> str:
    """An error text of the YAML library as one line, without its "in <unicode string>" notes."""
    kept = [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.strip().startswith('in "<')
    ]
    return " ".join(" ".join(kept).split())


def _marked_problem(error: MarkedYAMLError, lines: SourceLines) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    span = lines.point(mark.index if mark else 0)
    problem = error.problem or ""
    if "could not determine a constructor for the tag" in problem:
        tag = problem.rsplit("tag", 1)[-1].strip(" '")
        return YamlProblem("unsafe-tag", span, one_line(tag.removeprefix(YAML_TAG)))
    if "duplicate key" in problem:
        key = problem.split('"')[1] if '"' in problem else ""
        return YamlProblem("duplicate-key", span, one_line(key))
    if "undefined alias" in problem:
        return YamlProblem("undefined-alias", span)
    if "mapping values are not allowed" in problem:
        return YamlProblem("colon-in-value", span)
    if "cannot start any token" in problem and "\\t" in problem:
        return YamlProblem("tab", span)
    detail = one_line(" ".join(filter(None, [error.context, problem])))
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
    for event in events_of(text):
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
    if _plainly_within_bounds(root):
        return
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
            # Only a value longer than the bound can have too many digits: most are not counted.
            if len(node.value) > MAX_INTEGER_DIGITS and node_tag(node) == YAML_TAG + "int":
                digits = sum(char.isalnum() for char in node.value)
                if digits > MAX_INTEGER_DIGITS:
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


def _plainly_within_bounds(root: Node) -> bool:
    """Whether :func:`_measure` would find nothing to refuse, shown by a quicker walk: no node is
    reached twice (so no alias at all), the values are few and shallow, with half the bounds to
    spare, and none is a huge integer. The walk that says what is wrong, and where, is for the
    rest: real front matter is all of this, and most of its load was that walk.
    """
    seen: set[int] = set()
    values = min(MAX_VALUES, MAX_EXPANDED_NODES) // 2
    level: list[Node] = [root]  # the nodes at one depth, the root's being 1
    for depth in range(1, MAX_DEPTH // 2 + 2):
        deeper: list[Node] = []
        for node in level:
            if id(node) in seen:
                return False
            seen.add(id(node))
            if isinstance(node, ScalarNode):
                if len(node.value) > MAX_INTEGER_DIGITS and node_tag(node) == YAML_TAG + "int":
                    return False
            elif depth > MAX_DEPTH // 2:
                return False
            elif isinstance(node, MappingNode):
                for pair in node.value:
                    deeper.extend(pair)
            else:
                deeper.extend(node.value)
        if len(seen) + len(deeper) > values:
            return False
        if not deeper:
            return True
        level = deeper
    return False


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


def _first_alias(text: str, lines: SourceLines) -> Span:
    """Where the first alias is used: parsing events is linear in the text, unlike expanding."""
    try:
        for event in events_of(text):
            if isinstance(event, AliasEvent) and event.start_mark is not None:
                return lines.point(event.start_mark.index)
    except YAMLError:
        pass
    return lines.point(0)


Path = tuple[str | int, ...]  # where a value is: keys and list indexes from the root


def as_mapping(node: Node) -> MappingNode | None:
    """The pairs of an ``!!omap`` or ``!!pairs`` as one mapping; None unless every item of
    ``node`` is a mapping of one pair."""
    if not isinstance(node, SequenceNode):
        return None
    if not all(isinstance(item, MappingNode) and len(item.value) == 1 for item in node.value):
        return None
    pairs = [item.value[0] for item in node.value]
    return MappingNode(YAML_TAG + "map", pairs, node.start_mark, node.end_mark)

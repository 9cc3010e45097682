"""Where each key and value of a YAML text is written, computed when a diagnostic asks."""

from __future__ import annotations

import hashlib
import re
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamStartEvent,
)
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from stdlint.diagnostics import Span
from stdlint.parse.yamlsource import (
    MAX_DEPTH,
    YAML_TAG,
    Path,
    SourceLines,
    as_mapping,
    break_masks,
    compose_with,
    events_of,
    masked,
    node_tag,
)


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

    def detached(self) -> Positions:
        """The same positions without the node tree computed so far (to keep for long)."""
        return Positions(self._text, self._first_line)

    def packed(self, *, text: bool = True, written_id: object = None) -> PackedPositions:
        """The same positions in a few hundred bytes, to keep for long (see :func:`unpacked`);
        without ``text``, in a few dozen: a digest of the text, which is read again from its
        file when a position is asked (see ``PackedPositions.matches``). ``written_id``: the
        value ``id`` loaded as, to tell at once where it is written (:func:`plain_id_span`)."""
        encoded = self._text.encode("utf-8")
        id_value = plain_id_span(self._text, self._first_line, written_id)
        known = _packed_span(id_value) if id_value is not None else 0
        if not text:
            return PackedPositions(b"", self._first_line, _text_digest(encoded), known)
        return PackedPositions(zlib.compress(encoded), self._first_line, b"", known)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Positions):
            return NotImplemented
        return (self._text, self._first_line) == (other._text, other._first_line)

    def __hash__(self) -> int:
        return hash((self._text, self._first_line))

    @cached_property
    def _masks(self) -> dict[str, str]:
        return break_masks(self._text)

    @cached_property
    def _root(self) -> Node | None:
        try:
            node = compose_with(_composer(), masked(self._text, self._masks))
        except YAMLError:
            return None
        return node

    @cached_property
    def _lines(self) -> SourceLines:
        return SourceLines(self._text, self._first_line)

    @property
    def start(self) -> Span:
        """Where the whole YAML text is introduced: the ``---`` line of a front matter."""
        return Span.point(max(self._first_line - 1, 1))

    def _top_level(self, name: str) -> tuple[Event, Event] | None:
        """The events of key ``name`` of the top-level mapping and of its value, read from the
        parser's events until they are found; None when only composing the whole text can
        tell (the key is absent, or merged in; the text is not a plain mapping; the value is
        an alias), so that the answer is always the one :meth:`_walk` would give.

        Handbook-wide findings mostly sit at a key near the top (``id``): composing a whole
        front matter again for each of them was most of the time of a check the cache serves.
        """
        depth = 0
        expecting_key = True  # at depth 1: is the next node a key of the top mapping?
        key: Event | None = None
        try:
            for event in events_of(masked(self._text, self._masks)):
                if isinstance(event, StreamStartEvent | DocumentStartEvent):
                    continue
                if depth == 0 and not isinstance(event, MappingStartEvent):
                    return None  # a sequence (an !!omap), a scalar, the end: not a mapping
                if depth == 1 and key is not None:  # the value of the key asked for
                    if isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
                        return key, event
                    return None  # an alias: its node is written elsewhere
                if isinstance(event, MappingStartEvent | SequenceStartEvent):
                    if depth == 1 and expecting_key:
                        return None  # a key that is a mapping or a list
                    depth += 1
                    continue
                if isinstance(event, MappingEndEvent | SequenceEndEvent):
                    depth -= 1
                    if depth == 0:
                        return None  # not among the mapping's own keys
                    if depth == 1:
                        expecting_key = True
                    continue
                if depth == 1:
                    if expecting_key:
                        if not isinstance(event, ScalarEvent) or _merge(event):
                            return None  # an alias as key, or merged keys to weigh
                        if event.value == name:
                            key = event
                    expecting_key = not expecting_key
        except YAMLError:
            return None
        return None

    def _span(self, node: Node | Event, width: int) -> Span:
        start = self._lines.point(node.start_mark.index)
        end = min(start.column + max(width, 1), self._lines.line_end(start.line))
        return Span(start.line, start.column, start.line, max(end, start.column))

    def _walk(self, path: Path) -> Iterator[tuple[Node, Node]]:
        """For each part of ``path`` that exists: the node of its key (or item), and its value."""
        node = self._root
        for part in path:
            found = _step(node, masked(part, self._masks) if isinstance(part, str) else part)
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
        if len(path) == 1 and isinstance(path[0], str) and "_root" not in self.__dict__:
            found = self._top_level(masked(path[0], self._masks))
            if found is not None:  # a key of the top mapping, found without composing it all
                key_event, value_event = found
                if not want_value:
                    return self._span(key_event, len(path[0]))
                if isinstance(value_event, ScalarEvent) and not _null(value_event):
                    return self._span(value_event, len(value_event.value.split("\n")[0]))
                return self._span(value_event, 0)
        steps = list(self._walk(path))
        if not steps:
            return self.start
        # A path that ends at a missing key stops at the nearest key or item that exists.
        key, value = steps[-1]
        if want_value and len(steps) == len(path):
            if isinstance(value, ScalarNode) and node_tag(value) != YAML_TAG + "null":
                return self._span(value, len(value.value.split("\n")[0]))
            return self._span(value, 0)
        return self._span(key, len(str(path[len(steps) - 1])))


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})  # YAML 1.1 and 1.2 alike
_NULL, _MERGE = Tag(suffix=YAML_TAG + "null"), Tag(suffix=YAML_TAG + "merge")


class _PositionResolver(VersionedResolver):
    """The only implicit tags positions depend on: null (a value written as nothing) and merge
    (``<<``), the same in YAML 1.1 and 1.2; any other plain scalar is a string here.

    ruamel.yaml's own resolver tries every regular expression of the document's YAML version
    on every scalar, and asks for that version each time through two caught exceptions: most of
    the time of composing a front matter again for a finding's position.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is ScalarNode and implicit[0]:
            if value in _NULLS:
                return _NULL
            if value == "<<":
                return _MERGE
        return super().resolve(kind, value, (False, False))


def _resolved(event: ScalarEvent) -> str:
    """The tag the composer would give the scalar of ``event`` (with :class:`_PositionResolver`)."""
    tag = event.tag
    if tag is None or str(tag) == "!":
        if event.implicit[0] and event.value in _NULLS:
            return str(_NULL)
        if event.implicit[0] and event.value == "<<":
            return str(_MERGE)
        return YAML_TAG + "str"
    return str(tag)


def _null(event: ScalarEvent) -> bool:
    return _resolved(event) == str(_NULL)


def _merge(event: ScalarEvent) -> bool:
    return _resolved(event) == str(_MERGE)


_local = threading.local()  # a composer per thread, reused: making one costs as much as using it


def _composer() -> YAML:
    composer: YAML | None = getattr(_local, "composer", None)
    if composer is None:
        composer = YAML(typ="safe")
        composer.Resolver = _PositionResolver
        _local.composer = composer
    return composer


@dataclass(frozen=True, slots=True)
class PackedPositions:
    """The YAML text of :class:`Positions`, compressed: a front matter of 1 KB (up to 4 KB as a
    Python string, with its node tree another 10 KB once composed) takes about 600 bytes.

    Or only a digest of the text, when the text is in a file that can be read again: the
    positions are then those of the text read again, if it is still the same (:meth:`matches`).
    """

    text: bytes  # UTF-8, zlib; empty when the text is to be read again
    first_line: int
    digest: bytes = b""  # of the UTF-8 text, when it is to be read again
    # Where the value of ``id`` is written (line, column, end column in one number), when a
    # look at the text told at once (:func:`plain_id_span`); 0 when only composing tells. Most
    # handbook-wide findings point there, and would otherwise read the file again.
    id_value: int = 0

    def __reduce__(self) -> tuple[type[PackedPositions], tuple[bytes, int, bytes, int]]:
        # Built again by the constructor: faster to unpickle than a dataclass's own state.
        return PackedPositions, (self.text, self.first_line, self.digest, self.id_value)

    def known_id_value(self) -> Span | None:
        """Where the value of ``id`` is written, if that was told when it was packed."""
        known = self.id_value
        if not known:
            return None
        line, column, end = known >> 42, (known >> 21) & _FIELD, known & _FIELD
        return Span(line, column, line, end)

    @property
    def kept(self) -> bool:
        """Whether the text is kept here (else it is read again: :meth:`matches`)."""
        return not self.digest

    def matches(self, text: str) -> bool:
        """Whether ``text``, read again, is the text these positions were packed from."""
        return _text_digest(text.encode("utf-8")) == self.digest


_FIELD = (1 << 21) - 1  # a line, column or end column of a packed span


def _packed_span(span: Span) -> int:
    """A one-line span as one number (0 if a part does not fit)."""
    line, column, end = span.line, span.column, span.end_column
    if span.end_line != line or not (0 < line <= _FIELD and 0 < column <= end <= _FIELD):
        return 0
    return line << 42 | column << 21 | end


# ``id`` written plainly as a key, after a line break; what follows a plain value on its line.
_ID_KEY = re.compile(r"\nid[ \t]*:[ \t]+")
_AFTER_VALUE = re.compile(r"[ \t]*(?:[ \t]#.*)?")
# What makes a look at the text unsure of where the top-level key is, each after a line
# break: a quoted key, a complex key; merged keys anywhere. (Substrings, not a regular
# expression tried at every character: this is looked for in every front matter.)
_UNSURE = ('\n"id"', "\n'id'", "\n?")


def plain_id_span(text: str, first_line: int, value: object) -> Span | None:
    """Where the value of the top-level key ``id`` is written in the YAML ``text`` (a front
    matter whose first line is file line ``first_line``), when a look at the text settles it:
    the very span :meth:`Positions.value` gives for ``("id",)``. ``value`` is the value the
    text loaded as.

    It settles it when ``id:`` starts exactly one line, with ``value`` written plainly after
    it on the same line, followed by nothing but spaces or a comment, and the next line does
    not continue it. Otherwise (a quoted value, an anchor, a tag, a value on several lines, a
    flow mapping) None, and the position is found by composing the text when asked.
    """
    if type(value) is not str or not value or value[0] in _NOT_PLAIN_START:
        return None
    lined = "\n" + text  # every line, the first too, starts after a break
    if "<<" in text or any(unsure in lined for unsure in _UNSURE):
        return None
    key = None
    at = lined.find("\nid")
    while at >= 0:
        found = _ID_KEY.match(lined, at)
        if found is not None:
            if key is not None:
                return None  # two lines start so: only composing tells
            key = found
        at = lined.find("\nid", at + 1)
    if key is None:
        return None
    begin = key.end() - 1  # in ``text``
    end = begin + len(value)
    if text[begin:end] != value:
        return None
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    if not _AFTER_VALUE.fullmatch(text, end, line_end):
        return None
    if text[line_end + 1 : line_end + 2] in (" ", "\t"):  # the next line may continue it
        return None
    line = first_line + text.count("\n", 0, begin)
    column = begin - text.rfind("\n", 0, begin)  # 1-based: the break before is at column 0
    return Span(line, column, line, column + len(value))


# Characters a plain scalar cannot start with (or would be read as something else).
_NOT_PLAIN_START = frozenset("'\"&*!|>%@`{}[],#?:- \t")


def _text_digest(encoded: bytes) -> bytes:
    return hashlib.blake2b(encoded, digest_size=12).digest()


def unpacked(packed: PackedPositions) -> Positions:
    """The positions of ``packed``, whose text is :attr:`~PackedPositions.kept`."""
    return Positions(zlib.decompress(packed.text).decode("utf-8"), packed.first_line)


def _step(node: Node | None, part: str | int) -> tuple[Node, Node] | None:
    """The key (or item) node and the value node that ``part`` names inside ``node``."""
    if isinstance(node, SequenceNode) and node_tag(node) not in (
        YAML_TAG + "omap",
        YAML_TAG + "pairs",
    ):
        if isinstance(part, int) and 0 <= part < len(node.value):
            return node.value[part], node.value[part]
        return None
    for key, value in _pairs(node, 0):
        if isinstance(key, ScalarNode) and key.value == str(part):
            return key, value
    return None


def _pairs(node: Node | None, depth: int) -> Iterator[tuple[Node, Node]]:
    """The key and value nodes of a mapping in the order that decides: its own keys, then the
    merged ones (``<<``), first mapping first; the pairs of an ``!!omap`` or ``!!pairs``."""
    if depth > MAX_DEPTH:
        return
    if isinstance(node, SequenceNode):
        node = as_mapping(node)
    if isinstance(node, MappingNode):
        merged = [value for key, value in node.value if node_tag(key) == YAML_TAG + "merge"]
        yield from (
            (key, value) for key, value in node.value if node_tag(key) != YAML_TAG + "merge"
        )
        for value in merged:
            yield from _pairs(value, depth + 1)

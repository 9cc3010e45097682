"""Prose: the plain words of one Markdown block, with every character's place in the file.

Rules read plain text ("Answer the call within 20 s"), never Markdown syntax, yet a finding
must point at the exact line and column of the original file. A :class:`Prose` keeps, for each
run of characters that stands unbroken in the source, where it starts; any offset into the
plain text maps back to a file position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING
from weakref import ReferenceType, ref

from stdlint.diagnostics import Span
from stdlint.parse.sentences import split_sentences

if TYPE_CHECKING:
    from markdown_it.token import Token

# Inline tokens whose text is prose; everything else (markup, HTML comments, images) is skipped.
_TEXT_CHILDREN = {"text", "code_inline"}
_BREAKS = {"softbreak", "hardbreak"}
# The start of a line inside a container: indentation, quote markers, a list item's marker.
_CONTAINER_MARKERS = re.compile(r"(?:[ \t>]|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of prose and where it stands."""

    text: str
    span: Span
    # Its block, which keeps its sentences once split: held weakly, so that a document's blocks
    # and sentences are freed with it, by their reference counts, not by the cycle collector.
    block: ReferenceType[Prose] = field(repr=False, compare=False)
    start: int  # offset into prose.text

    @property
    def prose(self) -> Prose:
        """The block this sentence is part of (while its document is kept)."""
        prose = self.block()
        if prose is None:
            raise ReferenceError("the block of this sentence is no longer kept")
        return prose


@dataclass(frozen=True)
class Prose:
    """The plain text of one block (paragraph, heading, list item line, table cell)."""

    text: str
    anchors: tuple[tuple[int, int, int], ...]  # (offset into text, line, column), ascending
    line: int  # first source line of the block

    def locate(self, offset: int) -> tuple[int, int]:
        """File line and column of the character at ``offset``."""
        if not self.anchors:
            return self.line, 1
        index = max(bisect_right(self._offsets, offset) - 1, 0)
        start, line, column = self.anchors[index]
        return line, column + (offset - start)

    def span(self, start: int, end: int) -> Span:
        """The file span of ``text[start:end]``."""
        line, column = self.locate(start)
        end_line, end_column = self.locate(max(end - 1, start))
        return Span(line, column, end_line, end_column + (1 if end > start else 0))

    def sentences(self) -> Iterator[Sentence]:
        """The sentences of this block, each with its span."""
        return iter(self._sentences)

    def __getstate__(self) -> dict[str, object]:
        # The split sentences (which point back at this block) and the offsets are caches.
        return {
            key: value
            for key, value in self.__dict__.items()
            if key not in ("_sentences", "_offsets")
        }

    @cached_property
    def _offsets(self) -> tuple[int, ...]:
        # Every sentence is placed by bisecting these: build them once, not once per call.
        return tuple(anchor[0] for anchor in self.anchors)

    @cached_property
    def _sentences(self) -> tuple[Sentence, ...]:
        # Several rules read the same block: split it once.
        block = ref(self)
        return tuple(
            Sentence(self.text[start:end], self.span(start, end), block, start)
            for start, end in split_sentences(self.text)
        )


def build_prose(
    inline: Token, lines: Sequence[str], first_line: int, cursors: dict[int, int]
) -> Prose:
    """The prose of one markdown-it ``inline`` token.

    ``lines`` are the body's source lines, ``first_line`` the file line of ``lines[0]``;
    ``cursors`` remembers how far each line has been consumed (table cells share a line).
    """
    assert inline.map is not None
    content_lines = inline.content.split("\n")
    start_line = _first_content_line(inline.map, lines, len(content_lines))
    # Where each content line starts in the source: markers and indentation are stripped.
    line_starts: list[tuple[int, int]] = []
    for index, content_line in enumerate(content_lines):
        source_index = min(start_line + index, len(lines) - 1)
        source = lines[source_index]
        needle = content_line.strip()
        from_column = cursors.get(source_index, len(source) - len(source.lstrip()))
        found = source.find(needle, from_column) if needle else -1
        if found < 0:
            found = source.find(needle) if needle else from_column
        found = max(found, 0)
        cursors[source_index] = found + len(needle)
        line_starts.append((source_index, found - (len(content_line) - len(content_line.lstrip()))))
    text_parts: list[str] = []
    anchors: list[tuple[int, int, int]] = []
    offset = 0
    content_line_index = 0
    content_cursor = 0  # position within content_lines[content_line_index]
    for child in inline.children or []:
        if child.type in _BREAKS:
            content_line_index = min(content_line_index + 1, len(content_lines) - 1)
            content_cursor = 0
            text_parts.append(" ")
            offset += 1
            continue
        if child.type not in _TEXT_CHILDREN or not child.content:
            continue
        current = content_lines[content_line_index]
        found = current.find(child.content, content_cursor)
        parts = None
        if found < 0 and child.type == "code_inline":
            parts = _code_span_parts(child, content_lines, content_line_index, content_cursor)
        if parts is not None:
            places, (content_line_index, content_cursor) = parts
            for part_offset, line_index, column_in_content in places:
                source_index, column_shift = line_starts[line_index]
                line, column = first_line + source_index, column_shift + column_in_content + 1
                anchors.append((offset + part_offset, line, column))
            text_parts.append(child.content)
            offset += len(child.content)
            continue
        column_in_content = found if found >= 0 else content_cursor
        source_index, column_shift = line_starts[content_line_index]
        anchors.append((offset, first_line + source_index, column_shift + column_in_content + 1))
        if found >= 0:
            content_cursor = found + len(child.content)
        text_parts.append(child.content)
        offset += len(child.content)
    return Prose("".join(text_parts), tuple(anchors), first_line + start_line)


def _first_content_line(block_map: list[int], lines: Sequence[str], count: int) -> int:
    """The source line of the first of ``count`` content lines of a block at ``block_map``.

    markdown-it strips a paragraph's content with ``str.strip``, which also takes NBSP, form
    feed, U+2028 and other blanks that CommonMark does not count as a blank line: a line of
    them at the start leaves the content but not the map. Such lines are skipped here.
    """
    first, end = block_map
    spare = end - first - count  # lines of the map that are not in the content
    while spare > 0 and first < len(lines) - 1:
        line = lines[first]
        markers = _CONTAINER_MARKERS.match(line)
        if line[markers.end() if markers else 0 :].strip():
            break
        first += 1
        spare -= 1
    return first


Places = list[tuple[int, int, int]]  # (offset into a text, content line, column in that line)


def _code_span_parts(
    code: Token, content_lines: Sequence[str], line_index: int, cursor: int
) -> tuple[Places, tuple[int, int]] | None:
    """Where each line of a code span written over several lines stands, and where it closes.

    markdown-it turns the line breaks inside a code span into spaces, so its text is found in
    the content from ``cursor`` on ``content_lines[line_index]`` with line breaks read as
    spaces (the same length); each line gets its own place. None if it is not there.
    """
    rest = "\n".join([content_lines[line_index][cursor:], *content_lines[line_index + 1 :]])
    opening = rest.find(code.markup)
    start = rest.replace("\n", " ").find(code.content, opening + len(code.markup))
    closing = rest.find(code.markup, start + len(code.content))
    if opening < 0 or start < 0 or closing < 0:
        return None
    end = start + len(code.content)
    places: Places = []
    line_start = 0  # where the current line starts in ``rest``
    for number, line in enumerate(rest.split("\n")):
        shift = cursor if number == 0 else 0
        line_end = line_start + len(line)  # the line break after it, read as a space
        first = max(start, line_start)
        if first < min(end, line_end + 1):
            places.append((first - start, line_index + number, shift + first - line_start))
        if closing < line_end:
            return places, (line_index + number, shift + closing + len(code.markup) - line_start)
        line_start = line_end + 1
    return None

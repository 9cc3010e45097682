"""Prose: the plain words of one Markdown block, with every character's place in the file.

Rules read plain text ("Answer the call within 20 s"), never Markdown syntax, yet a finding
must point at the exact line and column of the original file. A :class:`Prose` keeps, for each
run of characters that stands unbroken in the source, where it starts; any offset into the
plain text maps back to a file position.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

from markdown_it.token import Token

from stdlint.diagnostics import Span
from stdlint.parse.sentences import split_sentences

# Inline tokens whose text is prose; everything else (markup, HTML comments, images) is skipped.
_TEXT_CHILDREN = {"text", "code_inline"}
_BREAKS = {"softbreak", "hardbreak"}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of prose and where it stands."""

    text: str
    span: Span
    prose: Prose
    start: int  # offset into prose.text


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
        index = max(bisect_right([anchor[0] for anchor in self.anchors], offset) - 1, 0)
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
        # The split sentences are a cache that points back at this block: leave them out.
        return {key: value for key, value in self.__dict__.items() if key != "_sentences"}

    @cached_property
    def _sentences(self) -> tuple[Sentence, ...]:
        # Several rules read the same block: split it once.
        return tuple(
            Sentence(self.text[start:end], self.span(start, end), self, start)
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
    start_line = inline.map[0]
    content_lines = inline.content.split("\n")
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
        column_in_content = found if found >= 0 else content_cursor
        source_index, column_shift = line_starts[content_line_index]
        anchors.append((offset, first_line + source_index, column_shift + column_in_content + 1))
        if found >= 0:
            content_cursor = found + len(child.content)
        text_parts.append(child.content)
        offset += len(child.content)
    return Prose("".join(text_parts), tuple(anchors), first_line + start_line)

"""The Markdown body of a standard, read in small passes over one markdown-it token stream.

The body is tokenised once; then each pass reads the tokens for one thing: the prose of every
block, the headings and the H2 sections, the steps of the Rule section, the links, the lines
inside code blocks.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from stdlint.diagnostics import Span
from stdlint.parse.prose import Prose, build_prose
from stdlint.parse.sections import SectionId, section_of

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True, slots=True)
class Heading:
    """A Markdown heading."""

    level: int
    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Link:
    """A Markdown link in the body."""

    target: str
    span: Span


@dataclass(frozen=True, slots=True)
class Section:
    """The part of the body under one H2 heading, up to the next H2."""

    id: SectionId | None  # None: a free-form section the handbook does not define
    heading: Heading
    prose: tuple[Prose, ...] = ()  # its blocks; its own sub-headings left out
    has_content: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """One numbered step of the Rule section."""

    number: int
    prose: tuple[Prose, ...]
    span: Span

    @property
    def text(self) -> str:
        """The step's plain text."""
        return " ".join(block.text for block in self.prose)


@dataclass(frozen=True, slots=True)
class Body:
    """What the passes found in the body."""

    title: Heading | None
    sections: tuple[Section, ...]
    steps: tuple[Step, ...]
    prose: tuple[Prose, ...]  # every block but the headings, in order
    intro: tuple[Prose, ...]  # the blocks before the first H2 section, headings left out
    links: tuple[Link, ...]
    code_lines: frozenset[int]


@dataclass(frozen=True, slots=True)
class _Stream:
    """The body's tokens, its source lines, and the prose of every inline token."""

    tokens: Sequence[Token]
    lines: Sequence[str]
    first_line: int  # file line of lines[0]
    blocks: dict[int, Prose]  # token index of an inline token -> its prose
    headings: frozenset[int]  # token indexes of the inline tokens that hold a heading's text
    block_indexes: tuple[int, ...]  # the keys of ``blocks``, ascending

    def prose_between(self, start: int, end: int) -> tuple[Prose, ...]:
        """The prose of the tokens in ``start:end``, headings left out."""
        indexes = self.block_indexes
        return tuple(
            self.blocks[index]
            for index in indexes[bisect_left(indexes, start) : bisect_left(indexes, end)]
            if index not in self.headings
        )


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # here: a check served by the cache parses nothing

    return MarkdownIt("commonmark").enable("table")


def read_body(lines: Sequence[str], first_line: int) -> Body:
    """Parse the body ``lines``, whose first line is line ``first_line`` of the file."""
    tokens = _markdown().parse("\n".join(lines))
    blocks = _prose_blocks(tokens, lines, first_line)
    stream = _Stream(
        tokens,
        lines,
        first_line,
        blocks,
        frozenset(index + 1 for index, token in enumerate(tokens) if token.type == "heading_open"),
        tuple(blocks),  # built in token order
    )
    ranges = _section_ranges(tokens)
    first_section = ranges[0][0] if ranges else len(tokens)
    sections = tuple(_section(stream, start, end) for start, end in ranges)
    return Body(
        title=_title(stream, first_section),
        sections=sections,
        steps=_steps(stream, ranges, sections),
        prose=stream.prose_between(0, len(tokens)),
        intro=stream.prose_between(0, first_section),
        links=tuple(link for token in tokens for link in _links(token, stream)),
        code_lines=_code_lines(stream),
    )


# Pass: prose. Every inline token, headings included, in order: table cells on one line share
# the ``cursors`` that say how far each line has been consumed.
def _prose_blocks(
    tokens: Sequence[Token], lines: Sequence[str], first_line: int
) -> dict[int, Prose]:
    cursors: dict[int, int] = {}
    return {
        index: build_prose(token, lines, first_line, cursors)
        for index, token in enumerate(tokens)
        if token.type == "inline"
    }


# Pass: headings and sections.
def _section_ranges(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(index of the H2's heading_open, index where the section ends) for every H2."""
    starts = [
        index
        for index, token in enumerate(tokens)
        if token.type == "heading_open" and token.tag == "h2"
    ]
    ends = [*starts[1:], len(tokens)]
    return list(zip(starts, ends[: len(starts)], strict=True))


def _heading(stream: _Stream, index: int) -> Heading:
    open_token = stream.tokens[index]
    assert open_token.map is not None
    line = stream.first_line + open_token.map[0]
    width = len(stream.lines[open_token.map[0]])
    text = stream.blocks[index + 1].text.strip()
    return Heading(int(open_token.tag[1:]), text, Span(line, 1, line, width + 1))


def _title(stream: _Stream, end: int) -> Heading | None:
    """The first H1 before any section."""
    for index in range(end):
        token = stream.tokens[index]
        if token.type == "heading_open" and token.tag == "h1":
            return _heading(stream, index)
    return None


def _section(stream: _Stream, start: int, end: int) -> Section:
    heading = _heading(stream, start)
    body = start + 3  # past heading_open, inline, heading_close
    tokens = stream.tokens
    # A sub-heading counts as content, even an empty one; a heading's text is not a block.
    has_content = any(
        tokens[index].type == "heading_open"
        or (index not in stream.headings and _is_content(tokens[index]))
        for index in range(body, end)
    )
    return Section(section_of(heading.text), heading, stream.prose_between(body, end), has_content)


def _is_content(token: Token) -> bool:
    if token.type == "inline":
        return bool(token.content.strip())
    return token.type in ("fence", "code_block", "hr", "table_open", "list_item_open")


# Pass: the steps of the Rule section.
def _steps(
    stream: _Stream, ranges: list[tuple[int, int]], sections: tuple[Section, ...]
) -> tuple[Step, ...]:
    found: list[Step] = []
    for (start, end), section in zip(ranges, sections, strict=True):
        if section.id is not SectionId.RULE:
            continue
        for opened, closed in _list_items(stream.tokens, start + 3, end):
            blocks = stream.prose_between(opened, closed)
            found.append(Step(len(found) + 1, blocks, _item_span(stream, stream.tokens[opened])))
    if found:
        return tuple(found)
    rule = next((section for section in sections if section.id is SectionId.RULE), None)
    if rule is None:
        return ()
    # A rule written as paragraphs, not a list: each paragraph is a step.
    return tuple(
        Step(number, (prose,), _paragraph_span(prose))
        for number, prose in enumerate(rule.prose, start=1)
    )


def _list_items(tokens: Sequence[Token], start: int, end: int) -> Iterator[tuple[int, int]]:
    """(open, close) indexes of the items of the section's first list level, nested ones inside."""
    depth: int | None = None  # token level of the list that holds the steps
    opened: int | None = None
    for index in range(start, end):
        token = tokens[index]
        if token.type == "list_item_open" and (depth is None or token.level == depth):
            depth, opened = token.level, index
        elif token.type == "list_item_close" and token.level == depth and opened is not None:
            yield opened, index
            opened = None


def _item_span(stream: _Stream, item: Token) -> Span:
    """From the item's marker to the end of its last non-blank line."""
    assert item.map is not None
    lines = stream.lines
    start, end = item.map[0], item.map[1] - 1
    while end > start and not lines[end].strip():
        end -= 1
    column = len(lines[start]) - len(lines[start].lstrip()) + 1
    first = stream.first_line
    return Span(first + start, column, first + end, len(lines[end]) + 1)


def _paragraph_span(prose: Prose) -> Span:
    end = prose.span(0, len(prose.text)) if prose.text else Span.point(prose.line)
    return Span(prose.line, 1, end.end_line, end.end_column)


# Pass: links.
def _links(token: Token, stream: _Stream) -> Iterator[Link]:
    """The links of an inline token, each placed at its ``](target`` in the source."""
    if token.type != "inline":
        return
    assert token.map is not None
    first_line = stream.first_line
    for child in token.children or []:
        if child.type != "link_open":
            continue
        target = str(child.attrs.get("href", ""))
        span = Span.point(first_line + token.map[0])
        for index in range(token.map[0], token.map[1]):
            column = stream.lines[index].find("](" + target)
            if column >= 0:
                start = column + 3
                span = Span(first_line + index, start, first_line + index, start + len(target))
                break
        yield Link(target, span)


# Pass: code lines.
def _code_lines(stream: _Stream) -> frozenset[int]:
    """File lines inside fenced or indented code blocks."""
    return frozenset(
        stream.first_line + line
        for token in stream.tokens
        if token.type in ("fence", "code_block") and token.map
        for line in range(token.map[0], token.map[1])
    )

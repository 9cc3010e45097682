"""One parse per file: front matter, headings, sections, rule steps and prose, with positions.

Rules never parse: they read a :class:`Document`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from stdlint.diagnostics import Span
from stdlint.i18n import Lang, detect_lang
from stdlint.parse.frontmatter import FrontMatter, split
from stdlint.parse.models import StandardMeta
from stdlint.parse.problems import Problem
from stdlint.parse.prose import Prose, Sentence, build_prose
from stdlint.parse.sections import SectionId, section_of
from stdlint.parse.source import Source


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


@dataclass(slots=True)
class Section:
    """The part of the body under one H2 heading, up to the next H2."""

    id: SectionId | None  # None: a free-form section the handbook does not define
    heading: Heading
    prose: list[Prose] = field(default_factory=list)
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


@dataclass(slots=True)
class Document:
    """Everything rules need to know about one file."""

    path: Path
    display_path: str
    text: str | None
    lang: Lang
    front_matter: FrontMatter | None = None
    title: Heading | None = None
    sections: list[Section] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    prose: list[Prose] = field(default_factory=list)
    code_lines: frozenset[int] = frozenset()  # lines inside code blocks: no comments there
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def meta(self) -> StandardMeta | None:
        """The validated front matter, or None if it is missing or invalid."""
        return self.front_matter.meta if self.front_matter else None

    @property
    def lines(self) -> list[str]:
        """The file's lines (empty when it could not be read)."""
        return self.text.split("\n") if self.text is not None else []

    def section(self, section_id: SectionId) -> Section | None:
        """The first section with this id."""
        return next((s for s in self.sections if s.id is section_id), None)

    def sentences(self, *section_ids: SectionId) -> Iterator[Sentence]:
        """Every sentence of the sections with these ids, in document order."""
        for section in self.sections:
            if section.id in section_ids:
                for prose in section.prose:
                    yield from prose.sentences()


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def parse(source: Source, display_path: str, default_lang: Lang) -> Document:
    """Parse a read source into a :class:`Document` (a problem-only one if it was unreadable)."""
    if source.text is None:
        problems = [source.problem] if source.problem else []
        return Document(source.path, display_path, None, default_lang, problems=problems)
    lines = source.text.split("\n")
    matter = split(lines)
    lang = _language(matter, source.text, default_lang)
    doc = Document(
        source.path, display_path, source.text, lang, matter, problems=list(matter.problems)
    )
    body_lines = lines[matter.body_first_line - 1 :]
    _read_body(doc, body_lines, matter.body_first_line)
    return doc


def _language(matter: FrontMatter, text: str, default: Lang) -> Lang:
    """The language to speak to the author in: the declared one, else a guess from the text."""
    declared = matter.data.get("lang")
    if declared in (Lang.EN.value, Lang.RU.value):
        return Lang(declared)
    return detect_lang(text, default)


def _read_body(doc: Document, lines: list[str], first_line: int) -> None:
    tokens = _markdown().parse("\n".join(lines))
    cursors: dict[int, int] = {}
    code_lines: set[int] = set()
    current: Section | None = None
    step_depth: int | None = None  # token level of the list that holds the rule's steps
    step_blocks: list[Prose] = []
    step_start: tuple[int, int] | None = None
    pending_heading: Token | None = None
    for token in tokens:
        if token.type == "inline":
            doc.links.extend(_links(token, lines, first_line))
        if token.type in ("fence", "code_block") and token.map:
            code_lines.update(range(first_line + token.map[0], first_line + token.map[1]))
        if token.type == "heading_open":
            pending_heading = token
            continue
        if token.type == "inline" and pending_heading is not None:
            heading = _heading(pending_heading, token, lines, first_line, cursors)
            pending_heading = None
            if heading.level == 1 and doc.title is None and current is None:
                doc.title = heading
            elif heading.level == 2:
                current = Section(section_of(heading.text), heading)
                doc.sections.append(current)
                step_depth = None
            elif current is not None:
                current.has_content = True
            continue
        if current is None:
            if token.type == "inline":
                doc.prose.append(build_prose(token, lines, first_line, cursors))
            continue
        if token.type not in ("html_block", "heading_close") and not token.type.endswith("_close"):
            current.has_content = current.has_content or _is_content(token)
        if current.id is SectionId.RULE:
            if token.type == "list_item_open" and (step_depth is None or token.level == step_depth):
                step_depth = token.level
                step_blocks = []
                assert token.map is not None
                step_start = (first_line + token.map[0], first_line + token.map[1] - 1)
            elif token.type == "list_item_close" and token.level == step_depth and step_start:
                _add_step(doc, step_blocks, step_start, lines, first_line)
                step_start = None
        if token.type == "inline":
            prose = build_prose(token, lines, first_line, cursors)
            doc.prose.append(prose)
            current.prose.append(prose)
            if step_start is not None:
                step_blocks.append(prose)
    doc.code_lines = frozenset(code_lines)
    rule = doc.section(SectionId.RULE)
    if rule is not None and not doc.steps:
        # A rule written as paragraphs, not a list: each paragraph is a step.
        for number, prose in enumerate(rule.prose, start=1):
            end = prose.span(0, len(prose.text)) if prose.text else Span.point(prose.line)
            doc.steps.append(
                Step(number, (prose,), Span(prose.line, 1, end.end_line, end.end_column))
            )


def _links(inline: Token, lines: list[str], first_line: int) -> list[Link]:
    """The links of an inline token, each placed at its ``](target`` in the source."""
    found = []
    assert inline.map is not None
    for child in inline.children or []:
        if child.type != "link_open":
            continue
        target = str(child.attrs.get("href", ""))
        span = Span.point(first_line + inline.map[0])
        for index in range(inline.map[0], inline.map[1]):
            column = lines[index].find("](" + target)
            if column >= 0:
                start = column + 3
                span = Span(first_line + index, start, first_line + index, start + len(target))
                break
        found.append(Link(target, span))
    return found


def _is_content(token: Token) -> bool:
    if token.type == "inline":
        return bool(token.content.strip())
    return token.type in ("fence", "code_block", "hr", "table_open", "list_item_open")


def _heading(
    open_token: Token, inline: Token, lines: list[str], first_line: int, cursors: dict[int, int]
) -> Heading:
    prose = build_prose(inline, lines, first_line, cursors)
    level = int(open_token.tag[1:])
    assert open_token.map is not None
    line = first_line + open_token.map[0]
    source = lines[open_token.map[0]]
    return Heading(level, prose.text.strip(), Span(line, 1, line, len(source) + 1))


def _add_step(
    doc: Document,
    blocks: list[Prose],
    lines_span: tuple[int, int],
    lines: list[str],
    first_line: int,
) -> None:
    start, end = lines_span
    while end > start and not lines[end - first_line].strip():
        end -= 1
    source = lines[start - first_line]
    column = len(source) - len(source.lstrip()) + 1
    span = Span(start, column, end, len(lines[end - first_line]) + 1)
    doc.steps.append(Step(len(doc.steps) + 1, tuple(blocks), span))

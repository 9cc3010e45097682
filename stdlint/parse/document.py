"""One parse per file: front matter, headings, sections, rule steps and prose, with positions.

Rules never parse: they read a :class:`Document`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from stdlint.i18n import Lang, detect_lang
from stdlint.parse.body import Heading, Link, Section, Step, read_body
from stdlint.parse.frontmatter import FrontMatter, repaired, split
from stdlint.parse.models import StandardMeta
from stdlint.parse.problems import Problem
from stdlint.parse.prose import Prose, Sentence
from stdlint.parse.repair import StandIns
from stdlint.parse.sections import SectionId
from stdlint.parse.source import Source

__all__ = ["Document", "Heading", "Link", "Section", "Step", "parse", "parse_front_matter"]


@dataclass(frozen=True, slots=True)
class Document:
    """Everything rules need to know about one file; immutable and picklable."""

    path: Path
    display_path: str
    text: str | None
    lang: Lang
    front_matter: FrontMatter | None = None
    title: Heading | None = None
    sections: tuple[Section, ...] = ()
    steps: tuple[Step, ...] = ()
    prose: tuple[Prose, ...] = ()  # every block of the body but the headings, in order
    intro: tuple[Prose, ...] = ()  # the blocks above the first H2 section (not the H1 title)
    code_lines: frozenset[int] = frozenset()  # lines inside code blocks: no comments there
    links: tuple[Link, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def meta(self) -> StandardMeta | None:
        """The front matter to judge (repaired if invalid: see ``front_matter.valid``), or None."""
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

    def instruction_prose(self) -> Iterator[Prose]:
        """The blocks judged as instructions, in document order: all but Why and Examples.

        That is the introduction above the first H2, Rule, Exceptions, How we check, and any
        free-form section the handbook does not define.
        """
        yield from self.intro
        for section in self.sections:
            if section.id not in _EXPLANATIONS:
                yield from section.prose

    def instructions(self) -> Iterator[Sentence]:
        """Every sentence of :meth:`instruction_prose`, in document order."""
        for prose in self.instruction_prose():
            yield from prose.sentences()


# Sections that explain and illustrate rather than instruct: a vague word there binds nobody.
_EXPLANATIONS = frozenset({SectionId.WHY, SectionId.EXAMPLES})


def parse(source: Source, display_path: str, default_lang: Lang) -> Document:
    """Parse a read source into a :class:`Document` (a problem-only one if it was unreadable)."""
    path = source.path
    if source.text is None:
        problems = (source.problem,) if source.problem else ()
        lang = named_language(path.name) or default_lang
        return Document(path, display_path, None, lang, problems=problems)
    lines = source.text.split("\n")
    matter = split(lines)
    body = read_body(lines[matter.body_first_line - 1 :], matter.body_first_line)
    lang = _language(matter, source.text, default_lang, path)
    title = body.title.text if body.title else None
    matter = repaired(matter, StandIns(lang, title, path.stem))
    return Document(
        path,
        display_path,
        source.text,
        lang,
        matter,
        title=body.title,
        sections=body.sections,
        steps=body.steps,
        prose=body.prose,
        intro=body.intro,
        code_lines=body.code_lines,
        links=body.links,
        problems=matter.problems,
    )


def parse_front_matter(source: Source, display_path: str, default_lang: Lang) -> Document:
    """Only the front matter of a read source: what publishing needs, at a fraction of the cost
    of :func:`parse` (no Markdown, no sentences). The body's fields stay empty."""
    path = source.path
    if source.text is None:
        problems = (source.problem,) if source.problem else ()
        lang = named_language(path.name) or default_lang
        return Document(path, display_path, None, lang, problems=problems)
    matter = split(source.text.split("\n"))
    lang = _language(matter, source.text, default_lang, path)
    matter = repaired(matter, StandIns(lang, None, path.stem))
    return Document(path, display_path, source.text, lang, matter, problems=matter.problems)


def _language(matter: FrontMatter, text: str, default: Lang, path: Path) -> Lang:
    """The language to speak to the author in: the declared one, else the one the file's name
    carries (``x.ru.md``, as translations are named), else a guess from the text."""
    declared = matter.data.get("lang")
    if declared in (Lang.EN.value, Lang.RU.value):
        return Lang(declared)
    return named_language(path.name) or detect_lang(text, default)


def named_language(where: str) -> Lang | None:
    """The language in a file's name: ``answer-call.ru.md`` is Russian. ``where`` is the
    file's path or name, as a string (its suffixes are read as :attr:`Path.suffixes` would)."""
    name = os.path.basename(where)
    if name.endswith("."):
        return None
    suffixes = name.lstrip(".").split(".")[1:]
    tag = suffixes[-2].lower() if len(suffixes) >= 2 else ""
    return next((lang for lang in Lang if lang.value == tag), None)

"""Where a position may fall: inside the file it names. Shared by the fuzzing tests."""

from __future__ import annotations

from collections.abc import Iterator

from stdlint.diagnostics import Span
from stdlint.parse.document import Document
from stdlint.parse.prose import Prose


def lines_of(text: str) -> list[str]:
    """The file's lines as editors count them (and as stdlint does after reading)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_inside(span: Span, lines: list[str], what: object = "") -> None:
    """1 ≤ line ≤ number of lines, 1 ≤ column ≤ length of the line + 1, start before end."""
    for line, column in ((span.line, span.column), (span.end_line, span.end_column)):
        assert 1 <= line <= len(lines), f"{what}: line {line} of {len(lines)} ({span})"
        width = len(lines[line - 1])
        assert 1 <= column <= width + 1, f"{what}: column {column} of {width} + 1 ({span})"
    assert (span.line, span.column) <= (span.end_line, span.end_column), f"{what}: {span}"


def _prose_spans(blocks: tuple[Prose, ...], what: str) -> Iterator[tuple[Span, str]]:
    for block in blocks:
        for sentence in block.sentences():
            yield sentence.span, f"{what} sentence {sentence.text!r}"


def document_spans(doc: Document) -> Iterator[tuple[Span, str]]:
    """Every position a parsed document holds, with what it belongs to."""
    for problem in doc.problems:
        yield problem.span, f"problem {problem.code}"
    if doc.title is not None:
        yield doc.title.span, "title"
    for section in doc.sections:
        yield section.heading.span, f"heading {section.heading.text!r}"
        yield from _prose_spans(section.prose, "section")
    for step in doc.steps:
        yield step.span, f"step {step.number}"
        yield from _prose_spans(step.prose, "step")
    for link in doc.links:
        yield link.span, f"link {link.target!r}"
    yield from _prose_spans(doc.prose, "body")
    yield from _prose_spans(doc.intro, "intro")

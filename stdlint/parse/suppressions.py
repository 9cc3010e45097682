"""Inline suppressions: ``<!-- stdlint-disable CODE -- reason -->`` and friends.

Text rules are fuzzy, so a finding may be waved through; but a reviewer must see why. Every
suppression names the rules it silences and, unless the profile relaxes it, gives a reason after
`` -- ``. Forms (``#`` instead of ``<!--`` in front matter, where comments are YAML):

- ``stdlint-disable CODE…`` — from this line to ``stdlint-enable CODE…`` or the end of the file;
- ``stdlint-disable-next-line CODE…`` — the next non-blank line;
- ``stdlint-disable-line CODE…`` — this line (a comment at the end of the line).

Codes may be written as codes (``CON001``) or names (``vague-quality``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from stdlint.diagnostics import Span

_DIRECTIVE = re.compile(
    r"(?:<!--|#)\s*stdlint-(disable-next-line|disable-line|disable|enable)\b(.*?)(?:-->|$)"
)


@dataclass(slots=True)
class Suppression:
    """One directive: which rules, which lines, why; and which of its rules it actually used."""

    kind: str
    rules: tuple[str, ...]  # as written
    reason: str
    span: Span
    first_line: int
    last_line: int  # inclusive
    used: set[str] = field(default_factory=set)

    def covers(self, line: int, names: Iterable[str]) -> str | None:
        """The name under which this suppression silences a finding on ``line``, if it does."""
        if not self.first_line <= line <= self.last_line:
            return None
        for name in names:
            if name in self.rules:
                return name
        return None


def parse_suppressions(
    lines: list[str], skip: frozenset[int], front_matter_end: int
) -> list[Suppression]:
    """Every directive in ``lines``; ``skip`` holds the 1-based lines inside code blocks.

    ``#`` comments count only inside the front matter (lines before ``front_matter_end``).
    """
    found: list[Suppression] = []
    open_blocks: list[Suppression] = []
    for index, text in enumerate(lines):
        line = index + 1
        if line in skip or "stdlint-" not in text:
            continue
        for match in _DIRECTIVE.finditer(text):
            if match.group(0).startswith("#") and line >= front_matter_end:
                continue
            kind, rest = match.group(1), match.group(2)
            rules, _, reason = rest.partition("--")
            names = tuple(name for name in re.split(r"[\s,]+", rules.strip()) if name)
            span = Span(line, match.start() + 1, line, match.end() + 1)
            if kind == "enable":
                for block in open_blocks:
                    if block.last_line == len(lines) and set(names) & set(block.rules):
                        block.last_line = line
                continue
            first, last = line, line
            if kind == "disable-next-line":
                first = last = _next_nonblank(lines, index)
            elif kind == "disable":
                last = len(lines)
            suppression = Suppression(kind, names, reason.strip(), span, first, last)
            found.append(suppression)
            if kind == "disable":
                open_blocks.append(suppression)
    return found


def _next_nonblank(lines: list[str], index: int) -> int:
    for following in range(index + 1, len(lines)):
        if lines[following].strip():
            return following + 1
    return index + 2

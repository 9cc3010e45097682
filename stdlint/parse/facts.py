"""The compact facts of one standard: what outlives its parse.

A check reads and judges one file at a time and keeps only these facts for the handbook-wide
rules, the reports and the published pages: the front matter, where its keys are written, the
links of the body, and what each handbook-wide rule gathered from the body. They are small and
picklable, so a handbook of any size is checked in bounded memory, and in worker processes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from stdlint.diagnostics import Span
from stdlint.i18n import Lang
from stdlint.parse.body import Link
from stdlint.parse.document import Document
from stdlint.parse.models import StandardMeta
from stdlint.parse.yamlpositions import Positions


@dataclass(frozen=True, slots=True, eq=False)
class Facts:
    """One standard of the handbook, without its text."""

    path: Path
    display_path: str
    lang: Lang  # the language to speak to its author in
    readable: bool  # False: the file could not be read as text (STR009, STR010)
    meta: StandardMeta | None = None  # the front matter to judge (see Document.meta)
    written_id: str | None = None  # ``id`` as written, even when the front matter is invalid
    written_lang: str | None = None  # ``lang`` as written, likewise
    positions: Positions | None = None  # of the front matter's keys, computed on demand
    links: tuple[Link, ...] = ()
    # What each handbook-wide rule took from the body (HandbookRule.gather), by rule code.
    gathered: Mapping[str, object] = field(default_factory=dict)

    def position(self, path: tuple[str | int, ...], *, value: bool = False) -> Span:
        """Where a key (or its value) of the front matter is written; line 1 if unknown."""
        if self.positions is None:
            return Span.point(1)
        return self.positions.value(path) if value else self.positions.key(path)


def facts_of(doc: Document, gathered: Mapping[str, object] | None = None) -> Facts:
    """The facts of ``doc`` (and what the handbook-wide rules gathered from it)."""
    matter = doc.front_matter
    data = matter.data if matter else {}
    written_id, written_lang = data.get("id"), data.get("lang")
    positions = matter.positions if matter else None
    return Facts(
        path=doc.path,
        display_path=doc.display_path,
        lang=doc.lang,
        readable=doc.text is not None,
        meta=doc.meta,
        written_id=written_id if isinstance(written_id, str) else None,
        written_lang=written_lang if isinstance(written_lang, str) else None,
        # Without the node tree the document's rules may have composed: only the text is kept.
        positions=positions.detached() if positions is not None else None,
        links=doc.links,
        gathered=dict(gathered or {}),
    )


__all__ = ["Facts", "facts_of"]

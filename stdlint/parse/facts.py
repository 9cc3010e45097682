"""The compact facts of one standard: what outlives its parse.

A check reads and judges one file at a time and keeps only these facts for the handbook-wide
rules, the reports and the published pages: the front matter, where its keys are written, the
links of the body, and what each handbook-wide rule gathered from the body. They are small and
picklable, so a handbook of any size is checked in bounded memory, and in worker processes.

Small means under 3 KB a standard: the front matter's text is not kept for a file read whole
(a digest of it is: the file is read again, and its front matter composed, only when a finding
asks where a key is; other text is kept compressed); the front-matter models share the strings
that many standards write alike (channel, stage and metric ids, units, owners), the tuples of
ids listed alike, the sets of field names pydantic keeps with every model instance, and the
metrics written alike; what the handbook-wide rules gathered is one mapping for all the
standards that gave exactly the same.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from stdlint.diagnostics import Span
from stdlint.i18n import Lang
from stdlint.parse.body import Link
from stdlint.parse.document import Document
from stdlint.parse.frontmatter import front_matter_text
from stdlint.parse.models import StandardMeta
from stdlint.parse.sharing import shared, shared_mapping
from stdlint.parse.source import Source, read
from stdlint.parse.yamlpositions import PackedPositions, Positions, unpacked

_ID = ("id",)  # the key most handbook-wide findings point at
_FOUND_KEPT = 8  # positions kept a standard: those of its handbook-wide findings, a few
# Whether the positions asked are kept with the facts at all (:func:`positions_kept`).
_KEEPING: ContextVar[bool] = ContextVar("stdlint_positions_kept", default=True)


# Positions asked of a standard (Facts.found): each key's path, whether of its value, where.
Asked = tuple[tuple[tuple[str | int, ...], bool, Span], ...]


@dataclass(frozen=True, slots=True, eq=False)
class Facts:
    """One standard of the handbook, without its text."""

    where: str  # the file's path, as the check was given it (see Source); ``path`` as a Path
    display_path: str
    lang: Lang  # the language to speak to its author in
    readable: bool  # False: the file could not be read as text (STR009, STR010)
    meta: StandardMeta | None = None  # the front matter to judge (see Document.meta)
    written_id: str | None = None  # ``id`` as written, even when the front matter is invalid
    written_lang: str | None = None  # ``lang`` as written, likewise
    positions: PackedPositions | None = None  # of the front matter's keys, computed on demand
    links: tuple[Link, ...] = ()
    # What each handbook-wide rule took from the body (HandbookRule.gather), by rule code.
    gathered: Mapping[str, object] = field(default_factory=dict)
    # The positions asked for so far (key path, whether of the value, where), kept with the
    # facts (and in the cache): a warm check asks the same of unchanged standards and finds
    # them without composing the front matter. A tuple, not a dict: most standards are asked
    # about one key at most, and facts are kept for every standard.
    found: Asked = ()

    @property
    def path(self) -> Path:
        """The file's path (a new Path each time: facts are kept for every standard, and a
        Path takes more than twice the memory of its string)."""
        return Path(self.where)

    def position(self, path: tuple[str | int, ...], *, value: bool = False) -> Span:
        """Where a key (or its value) of the front matter is written; line 1 if unknown."""
        if self.positions is None:
            return Span.point(1)
        if value and path == _ID:
            known_span = self.positions.known_id_value()
            if known_span is not None:
                return known_span
        for known, of_value, span in self.found:
            if of_value == value and known == path:
                return span
        positions = positions_of(self.where, self.positions)
        if positions is None:  # the file has changed since it was judged
            return Span.point(1)
        span = positions.value(path) if value else positions.key(path)
        if len(self.found) < _FOUND_KEPT and _KEEPING.get():
            object.__setattr__(self, "found", (*self.found, (path, value, span)))
        return span

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        # Without field names; the front matter's models share what others write alike.
        return _unpickled, tuple(getattr(self, each.name) for each in fields(self))


@contextmanager
def positions_kept(keep: bool) -> Iterator[None]:
    """Within it, the positions asked of facts are kept with them (``found``) only if
    ``keep``: a check whose facts go to no cache, and to no caller, has no later use for them,
    and a large handbook's handbook-wide rules ask for tens of thousands."""
    token = _KEEPING.set(keep)
    try:
        yield
    finally:
        _KEEPING.reset(token)


def asked_since(standards: Sequence[Facts], before: Sequence[Asked]) -> list[tuple[int, Asked]]:
    """The positions asked of each standard since ``before`` (their ``found`` then), by its
    place: what a process that judged the handbook apart tells the one it was forked from."""
    return [
        (place, facts.found[len(then) :])
        for place, (facts, then) in enumerate(zip(standards, before, strict=True))
        if facts.found is not then
    ]


def keep_asked(standards: Sequence[Facts], asked: Sequence[tuple[int, Asked]]) -> None:
    """Keep with the facts the positions asked of them in another process (:func:`asked_since`),
    beside those asked here, as many as a standard keeps."""
    for place, positions in asked:
        facts = standards[place]
        kept = facts.found
        for position in positions:
            if len(kept) >= _FOUND_KEPT:
                break
            if position not in kept:
                kept = (*kept, position)
        object.__setattr__(facts, "found", kept)


@lru_cache(maxsize=32)
def positions_of(where: str, packed: PackedPositions) -> Positions | None:
    """The positions of ``packed``: of its text, or of the front matter of the file at
    ``where``, read again, if it is still the text they were packed from (else None).

    Composed when first asked; the last few are kept, so a rule that asks about one standard
    again and again reads and composes its front matter once."""
    if packed.kept:
        return unpacked(packed)
    again = read(Source(where, None)).text
    text = front_matter_text(again.split("\n")) if again is not None else None
    return Positions(text, packed.first_line) if text and packed.matches(text) else None


def facts_of(
    doc: Document,
    gathered: Mapping[str, object] | None = None,
    *,
    on_disk: bool = False,
    where: str | None = None,
) -> Facts:
    """The facts of ``doc`` (and what the handbook-wide rules gathered from it). ``on_disk``:
    the document's text is the whole of its file as read now, so the front matter's text need
    not be kept for its positions; it is read again, when asked, from the file. ``where``: the
    document's path as its source gave it (:attr:`Source.where`), one string for both."""
    matter = doc.front_matter
    data = matter.data if matter else {}
    written_id, written_lang = data.get("id"), data.get("lang")
    positions = matter.positions if matter else None
    # Without the node tree the document's rules may have composed: only the text is kept,
    # and where the id's value is, if a look at the text tells.
    packed = None
    if positions is not None:
        packed = positions.packed(text=not on_disk, written_id=written_id)
    return Facts(
        where=where if where is not None else os.fspath(doc.path),
        display_path=doc.display_path,
        lang=doc.lang,
        readable=doc.text is not None,
        meta=shared(doc.meta) if doc.meta is not None else None,
        written_id=sys.intern(str(written_id)) if isinstance(written_id, str) else None,
        written_lang=sys.intern(str(written_lang)) if isinstance(written_lang, str) else None,
        positions=packed,
        links=doc.links,
        gathered=shared_mapping(gathered or {}),
    )


def signature(facts: Facts) -> bytes | None:
    """A digest of all the handbook-wide rules can see of a standard: everything of its facts
    but the positions asked so far (which follow from the front matter's text, part of it).

    Two standards with the same signature are the same to those rules, so an edit that keeps a
    standard's signature (a sentence reworded in the body) leaves every handbook-wide finding
    as it was. None when it cannot be told (a value of a plugin rule that has no faithful repr
    would make two equal facts differ: that only costs speed).
    """
    try:
        seen = (
            facts.display_path,
            facts.lang,
            facts.readable,
            facts.written_id,
            facts.written_lang,
            facts.positions,
            facts.links,
            facts.gathered,
        )
        text = repr(seen).encode("utf-8", "surrogatepass")
        # The front matter's values follow from its text, which the positions carry (or its
        # digest): the model is read out only without them. (Read out, each of its non-ASCII
        # strings would keep a UTF-8 copy of itself to the end of the check: 3 MB at 50,000.)
        matter = b"-"
        if facts.meta is not None and facts.positions is None:
            matter = facts.meta.model_dump_json().encode("utf-8")
    except Exception:  # never fatal: the handbook-wide rules are then run again
        return None
    if b" object at 0x" in text:  # a default repr: an address, not the value
        return None
    digest = hashlib.blake2b(text, digest_size=20)
    digest.update(b"\0")
    digest.update(matter)
    return digest.digest()


def _unpickled(*values: Any) -> Facts:
    facts = Facts(*values)
    gathered = shared_mapping(facts.gathered)  # as facts_of shares it
    if gathered is not facts.gathered:
        object.__setattr__(facts, "gathered", gathered)
    return facts


# It builds a Facts and nothing else: the cache's unpickler, which builds no function's result
# otherwise, may call it (stdlint.engine.cache.RECONSTRUCTOR).
_unpickled.stdlint_reconstructor = True  # type: ignore[attr-defined]


__all__ = [
    "Asked",
    "Facts",
    "asked_since",
    "facts_of",
    "keep_asked",
    "positions_kept",
    "positions_of",
    "signature",
]

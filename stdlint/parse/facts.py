"""The compact facts of one standard: what outlives its parse.

A check reads and judges one file at a time and keeps only these facts for the handbook-wide
rules, the reports and the published pages: the front matter, where its keys are written, the
links of the body, and what each handbook-wide rule gathered from the body. They are small and
picklable, so a handbook of any size is checked in bounded memory, and in worker processes.

Small means about 3 KB a standard: the front matter's text is kept compressed and composed
again only when a finding asks where a key is; the front-matter models share the strings that
many standards write alike (channel, stage and metric ids, units, owners), the sets of field
names pydantic keeps with every model instance, and the metrics written alike.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from stdlint.diagnostics import Span
from stdlint.i18n import Lang
from stdlint.parse.body import Link
from stdlint.parse.document import Document
from stdlint.parse.models import StandardMeta
from stdlint.parse.yamlpositions import PackedPositions, unpacked

_Model = TypeVar("_Model", bound=BaseModel)


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
    positions: PackedPositions | None = None  # of the front matter's keys, computed on demand
    links: tuple[Link, ...] = ()
    # What each handbook-wide rule took from the body (HandbookRule.gather), by rule code.
    gathered: Mapping[str, object] = field(default_factory=dict)

    def position(self, path: tuple[str | int, ...], *, value: bool = False) -> Span:
        """Where a key (or its value) of the front matter is written; line 1 if unknown."""
        if self.positions is None:
            return Span.point(1)
        positions = unpacked(self.positions)
        return positions.value(path) if value else positions.key(path)

    def __reduce__(self) -> tuple[Any, tuple[object, ...]]:
        # Unpickled facts (from a worker, a cache) share their strings with the others again.
        return _unpickled, tuple(getattr(self, each.name) for each in fields(self))


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
        meta=_shared(doc.meta) if doc.meta is not None else None,
        written_id=sys.intern(str(written_id)) if isinstance(written_id, str) else None,
        written_lang=sys.intern(str(written_lang)) if isinstance(written_lang, str) else None,
        # Without the node tree the document's rules may have composed: only the text is kept.
        positions=positions.packed() if positions is not None else None,
        links=doc.links,
        gathered=dict(gathered or {}),
    )


def _unpickled(*values: Any) -> Facts:
    facts = Facts(*values)
    return facts if facts.meta is None else replace(facts, meta=_shared(facts.meta))


# It builds a Facts and nothing else: the cache's unpickler, which builds no function's result
# otherwise, may call it (stdlint.engine.cache.RECONSTRUCTOR).
_unpickled.stdlint_reconstructor = True  # type: ignore[attr-defined]


# One set of field names for all the models that have the same: pydantic keeps a set with
# every instance (700 bytes for a standard's 17 fields), and never changes a frozen model's.
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


# A model made only of values that cannot change (a metric, its zones) is shared by the
# standards that write it alike, as every regional copy of a standard does. Kept while the
# process lives, so bounded: a long-lived one (the MkDocs server) checks again and again.
_MODELS_KEPT = 4096
_MODELS: dict[object, BaseModel] = {}
_UNCHANGING = (str, int, float, type(None), Enum, date)


def _shared(model: _Model) -> _Model:
    """An equal model whose strings are interned and whose set of field names is shared; the
    model itself is shared when it cannot change."""
    names = frozenset(model.model_fields_set)
    fields_set = _FIELDS_SETS.setdefault(names, set(names))
    values = {name: _shared_value(value) for name, value in model.__dict__.items()}
    built = type(model).model_construct(fields_set, **values)
    signature = _signature(built)
    if signature is None:
        return built
    if len(_MODELS) >= _MODELS_KEPT:
        _MODELS.clear()
    shared = _MODELS.setdefault(signature, built)
    assert isinstance(shared, type(model))
    return shared


def _signature(model: BaseModel) -> object:
    """What tells a frozen model of unchanging values from any other, exactly: the type of each
    value and its repr (20 and 20.0, 0.0 and -0.0 differ); None for a model that can change."""
    if not model.model_config.get("frozen"):
        return None
    parts: list[object] = [type(model), frozenset(model.model_fields_set)]
    for value in model.__dict__.values():
        if isinstance(value, BaseModel):
            inner = _signature(value)
            if inner is None:
                return None
            parts.append(inner)
        elif isinstance(value, _UNCHANGING):
            parts.append((type(value), repr(value)))
        else:
            return None
    return tuple(parts)


def _shared_value(value: Any) -> Any:
    # Exactly str: a StrEnum member (Lang, Status) is shared already, and must stay itself.
    if type(value) is str:
        return sys.intern(value)
    if type(value) is list:
        return [_shared_value(item) for item in value]
    if isinstance(value, BaseModel):
        return _shared(value)
    return value


__all__ = ["Facts", "facts_of"]

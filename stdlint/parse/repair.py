"""A best-effort reading of a front matter that does not validate, so one bad value hides nothing.

The problems are reported as written (STR003–STR005); this module only decides what the other
rules may still judge. An invalid optional value is dropped (a nested one leaf first, then its
parent if that still fails); a required field that is invalid or missing gets a stand-in:

- ``status``: the nearest valid value if one is close («aktive» → active), else ``active`` — a
  standard in the handbook whose status cannot be read is judged as in force;
- ``lang``: the language the file is written in;
- ``title``: the value as text, else the first H1 of the body, else the file name;
- ``id``: the value made into a valid id, else the file name made into one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from stdlint.i18n import Lang
from stdlint.parse.models import StandardMeta, Status
from stdlint.parse.yamlsource import Path

_ROUNDS = 5  # each round drops or replaces at least one value; real front matter needs one or two
_STATUSES = [status.value for status in Status]
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class StandIns:
    """What the file itself says when its front matter does not: its language, H1 and name."""

    lang: Lang
    heading: str | None  # the first H1 of the body, if any
    file_stem: str

    def value(self, key: str, raw: object) -> object:
        """The stand-in for the required field ``key`` whose value ``raw`` is invalid or absent."""
        if key == "status":
            close = difflib.get_close_matches(str(raw).strip().lower(), _STATUSES, n=1)
            return close[0] if raw is not None and close else Status.ACTIVE.value
        if key == "lang":
            return self.lang.value
        if key == "title":
            if isinstance(raw, str | int | float) and str(raw).strip():
                return str(raw).strip()
            return self.heading or self.file_stem
        return _slug(raw) or _slug(self.file_stem) or "standard"


def _slug(raw: object) -> str:
    if raw is None or isinstance(raw, dict | list):
        return ""
    return _NOT_SLUG.sub("-", str(raw).lower()).strip("-")


def repair(data: dict[str, Any], stand_ins: StandIns) -> StandardMeta | None:
    """The front matter as the rules can judge it, or None if no repair makes it valid."""
    mended: dict[str, Any] = deepcopy(data)
    acted: set[Path] = set()
    for _ in range(_ROUNDS):
        try:
            return StandardMeta.model_validate(mended)
        except ValidationError as error:
            paths = {
                tuple(item.get("ctx", {}).get("path", ()) or item["loc"])
                for item in error.errors(include_url=False)
            }
        if not all(_mend(mended, path, stand_ins, acted) for path in paths):
            return None
        _purge(mended)
    return None


_DROPPED = object()  # marks a value to remove once every error of a round is handled


def _mend(data: dict[str, Any], path: Path, stand_ins: StandIns, acted: set[Path]) -> bool:
    """Drop or replace the value behind one error; False when there is nothing left to try."""
    target = _existing(data, path)
    if path and not target and path[0] in StandardMeta.model_fields:
        target = path[:1]  # a missing top-level field
    while target in acted and len(target) > 1:
        target = target[:-1]  # the leaf went and the parent still fails: drop the parent
    if not target or target in acted:
        return False
    acted.add(target)
    key = target[0]
    if len(target) == 1 and key in _REQUIRED:
        data[str(key)] = stand_ins.value(str(key), data.get(str(key)))
        return True
    parent: Any = data
    for part in target[:-1]:
        parent = parent[part]
    parent[target[-1]] = _DROPPED
    return True


_REQUIRED = frozenset(
    name for name, info in StandardMeta.model_fields.items() if info.is_required()
)


def _existing(data: dict[str, Any], path: Path) -> Path:
    """The longest prefix of ``path`` that names a value present in ``data``."""
    node: Any = data
    for index, part in enumerate(path):
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_mapping or in_list) or node[part] is _DROPPED:
            return tuple(path[:index])
        node = node[part]
    return tuple(path)


def _purge(node: Any) -> None:
    """Remove the values marked as dropped, at any depth."""
    if isinstance(node, dict):
        for key in [key for key, value in node.items() if value is _DROPPED]:
            del node[key]
        children: Sequence[Any] = list(node.values())
    elif isinstance(node, list):
        node[:] = [value for value in node if value is not _DROPPED]
        children = node
    else:
        return
    for child in children:
        _purge(child)

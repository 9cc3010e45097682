"""Output formats: each a function of the finished :class:`~stdlint.engine.Result`.

A format module exposes ``render(result, lang) -> str``; this registry maps the names accepted
by ``--format`` to them.
"""

from __future__ import annotations

from collections.abc import Callable

from stdlint.formats import json_format, text
from stdlint.i18n import Lang
from stdlint.result import Result

Renderer = Callable[[Result, Lang], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,
    "json": json_format.render,
}

__all__ = ["FORMATS", "Renderer"]

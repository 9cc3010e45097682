"""Output formats: each a function of the finished :class:`~stdlint.engine.Result`.

A format module exposes ``render(result, lang) -> str``, and may expose ``chunks(result, lang)``,
the same text in pieces for a caller that writes them as they come (:func:`pieces`); one that
styles its text for a terminal sets ``STYLED = True`` and takes ``styled=False``. This
registry maps the names accepted by ``--format`` to them. A format's module is imported when
its renderer is first asked for, so a run pays only for the format it prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stdlint.i18n import Lang
    from stdlint.result import Result

Renderer = Callable[["Result", "Lang"], str]

# The module of each format, in stdlint.formats.
_MODULES: dict[str, str] = {
    "text": "text",  # people at a terminal, CI logs
    "json": "json_format",  # other tools: the contract of DESIGN.md
    "sarif": "sarif",  # GitHub code scanning, SARIF viewers
    "github": "github",  # GitHub Actions annotations
    "gitlab": "gitlab",  # GitLab Code Quality (merge request widget)
    "junit": "junit",  # test reports of GitLab, Jenkins, Azure
    "rdjsonl": "rdjsonl",  # reviewdog
    "auto": "auto",  # github under GitHub Actions, else text
}


class _Registry(Mapping[str, Renderer]):
    """Format name → ``render``, importing the format's module on first use."""

    def __getitem__(self, name: str) -> Renderer:
        module = import_module(f"stdlint.formats.{_MODULES[name]}")
        renderer: Renderer = module.render
        return renderer

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, Renderer] = _Registry()

__all__ = ["FORMATS", "Renderer", "pieces", "resolve"]


def pieces(name: str, result: Result, lang: Lang, *, styled: bool = True) -> Iterable[str]:
    """The text of format ``name`` in pieces: a finding at a time where the format can (so a
    large handbook's output is never held whole), else in one piece. A format that styles its
    text for a terminal (``STYLED`` in its module) writes none when not ``styled``."""
    module = import_module(f"stdlint.formats.{_MODULES[name]}")
    options = {} if styled or not getattr(module, "STYLED", False) else {"styled": False}
    if hasattr(module, "chunks"):
        found: Iterable[str] = module.chunks(result, lang, **options)
        return found
    return (module.render(result, lang, **options),)


def resolve(name: str) -> str:
    """The format ``name`` stands for: ``auto`` becomes the one it picks here."""
    if name != "auto":
        return name
    from stdlint.formats import auto

    return auto.chosen()

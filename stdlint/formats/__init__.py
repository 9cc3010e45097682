"""Output formats: each a function of the finished :class:`~stdlint.engine.Result`.

A format module exposes ``render(result, lang) -> str``; this registry maps the names accepted
by ``--format`` to them.
"""

from __future__ import annotations

from collections.abc import Callable

from stdlint.formats import auto, github, gitlab, json_format, junit, rdjsonl, sarif, text
from stdlint.i18n import Lang
from stdlint.result import Result

Renderer = Callable[[Result, Lang], str]

FORMATS: dict[str, Renderer] = {
    "text": text.render,  # people at a terminal, CI logs
    "json": json_format.render,  # other tools: the contract of DESIGN.md
    "sarif": sarif.render,  # GitHub code scanning, SARIF viewers
    "github": github.render,  # GitHub Actions annotations
    "gitlab": gitlab.render,  # GitLab Code Quality (merge request widget)
    "junit": junit.render,  # test reports of GitLab, Jenkins, Azure
    "rdjsonl": rdjsonl.render,  # reviewdog
    "auto": auto.render,  # github under GitHub Actions, else text
}

__all__ = ["FORMATS", "Renderer", "resolve"]


def resolve(name: str) -> str:
    """The format ``name`` stands for: ``auto`` becomes the one it picks here."""
    return auto.chosen() if name == "auto" else name

"""``--format auto``: the GitHub format in GitHub Actions, the text format anywhere else."""

from __future__ import annotations

import os
from collections.abc import Mapping

from stdlint.formats import github, text
from stdlint.i18n import Lang
from stdlint.result import Result


def chosen(environ: Mapping[str, str] = os.environ) -> str:
    """The name of the format ``auto`` stands for in ``environ``."""
    # GitHub sets GITHUB_ACTIONS=true in every step of a workflow.
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def render(result: Result, lang: Lang) -> str:
    """The result in the chosen format."""
    renderer = github.render if chosen() == "github" else text.render
    return renderer(result, lang)

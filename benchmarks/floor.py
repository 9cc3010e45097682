"""The floor for checking a handbook: read and parse every standard, and nothing else.

Run: ``.venv/bin/python benchmarks/floor.py [HANDBOOK]`` (default: the current folder).

For every ``*.md`` file under the folders that ``HANDBOOK/handbook.yml`` lists in
``standards``: read it, load its front matter with ruamel.yaml's safe loader (the C loader,
as stdlint does) and parse its body with markdown-it-py (CommonMark with tables, as stdlint
does). No validation, no rules, no output but one line. ``bench_scale.py`` runs it as a whole
process beside ``stdlint check``: what any checker of these files has to pay, start-up included.
"""

from __future__ import annotations

import sys
from pathlib import Path

from markdown_it import MarkdownIt
from ruamel.yaml import YAML


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path()
    yaml = YAML(typ="safe")  # pure=False: the C parser where ruamel.yaml.clib is installed
    folders = yaml.load((root / "handbook.yml").read_text("utf-8")).get("standards", ["."])
    markdown = MarkdownIt("commonmark").enable("table")
    files = tokens = 0
    for folder in folders:
        for path in sorted((root / folder).rglob("*.md")):
            text = path.read_text("utf-8")
            _, front, body = text.split("---\n", 2) if text.startswith("---\n") else ("", "", text)
            yaml.load(front)
            tokens += len(markdown.parse(body))
            files += 1
    loader = type(yaml.parser).__name__ if hasattr(yaml, "parser") else "?"
    print(f"{files} files, {tokens} Markdown tokens, YAML parser {loader}")


if __name__ == "__main__":
    main()

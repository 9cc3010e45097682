"""The package reads as the data flows, and no module reaches back up the flow."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "stdlint"

# The flow a newcomer follows, lowest first: a module may import its own layer and those below.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("diagnostics", "i18n"),
    ("parse",),
    ("config",),
    ("text",),
    ("handbook",),
    ("rules",),
    ("settings", "result"),
    ("failures", "files", "engine", "fingerprints"),
    ("reports", "formats", "baseline", "progress", "scorecard"),  # what a run is turned into
    ("publish",),  # the published handbook as data: headers, generated pages, navigation
    ("authoring",),  # init, new, fix, verify: the commands that write files
    ("cli", "mkdocs", "__init__", "__main__"),  # the consumers: command line and MkDocs plugin
)


def _layer(module: str) -> int:
    top = module.split(".")[0]
    for index, names in enumerate(LAYERS):
        if top in names:
            return index
    raise AssertionError(f"stdlint.{module} belongs to no layer: add it to LAYERS")


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("stdlint."):
            found.add(node.module.removeprefix("stdlint."))
        elif isinstance(node, ast.ImportFrom) and node.module == "stdlint":
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.removeprefix("stdlint.")
                for alias in node.names
                if alias.name.startswith("stdlint.")
            )
    return found


def test_every_module_has_a_layer_and_imports_only_downwards() -> None:
    backwards = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
        own = _layer(module)
        for imported in _imports(path):
            if imported == "__version__":
                continue
            if _layer(imported) > own:
                backwards.append(f"stdlint.{module} imports stdlint.{imported}")
    assert backwards == []


def test_the_top_level_stays_small() -> None:
    modules = sorted(path.stem for path in PACKAGE.glob("*.py"))
    assert len(modules) <= 12, modules

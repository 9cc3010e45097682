"""JSON Schemas of the front matter and of ``handbook.yml``, generated from the models.

Editors that understand JSON Schema (VS Code's YAML extension, JetBrains IDEs) use them to
validate and complete fields while the author types.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from stdlint.config.profile import Profile
from stdlint.parse.models import StandardMeta

SCHEMAS: dict[str, type[BaseModel]] = {
    "standard.schema.json": StandardMeta,
    "handbook.schema.json": Profile,
}
_TITLES = {
    "standard.schema.json": "stdlint standard front matter",
    "handbook.schema.json": "stdlint handbook profile (handbook.yml)",
}


def schema_text(filename: str) -> str:
    """The schema file's exact content."""
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **SCHEMAS[filename].model_json_schema(mode="validation"),
    }
    schema["title"] = _TITLES[filename]
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder`` (atomically, each file); return the files changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for filename in SCHEMAS:
        target = folder / filename
        text = schema_text(filename)
        if target.exists() and target.read_text("utf-8") == text:
            continue
        temporary = target.with_suffix(".tmp")
        temporary.write_text(text, "utf-8")
        temporary.replace(target)
        changed.append(target)
    return changed


def stale_schemas(folder: Path) -> list[Path]:
    """Schema files in ``folder`` that are missing or differ from the models."""
    return [
        folder / filename
        for filename in SCHEMAS
        if not (folder / filename).exists()
        or (folder / filename).read_text("utf-8") != schema_text(filename)
    ]

"""The committed JSON Schemas match the models, and validate the example handbook as editors do."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from ruamel.yaml import YAML

from stdlint.config.schema import SCHEMAS, schema_text

REPO = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_current() -> None:
    for filename in SCHEMAS:
        committed = (REPO / "schema" / filename).read_text("utf-8")
        assert committed == schema_text(filename), (
            f"schema/{filename} is stale: run “stdlint schema”"
        )


def _front_matter(path: Path) -> object:
    text = path.read_text("utf-8")
    _, matter, _ = text.split("---\n", 2)
    # JSON Schema sees what an editor's YAML plug-in sees: dates stay text.
    return json.loads(json.dumps(YAML(typ="safe").load(matter), default=str))


def test_example_front_matter_is_valid_against_the_schema() -> None:
    schema = json.loads(schema_text("standard.schema.json"))
    standards = sorted((REPO / "standards").rglob("*.md"))
    assert standards
    for path in standards:
        jsonschema.validate(_front_matter(path), schema)


def test_example_profile_is_valid_against_the_schema() -> None:
    schema = json.loads(schema_text("handbook.schema.json"))
    profile = YAML(typ="safe").load((REPO / "handbook.yml").read_text("utf-8"))
    jsonschema.validate(json.loads(json.dumps(profile, default=str)), schema)


def test_schema_rejects_what_stdlint_rejects() -> None:
    schema = json.loads(schema_text("standard.schema.json"))
    bad = {"id": "Phone Answer", "title": "x", "lang": "de", "status": "published", "chanels": []}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert {error.validator for error in errors} >= {"pattern", "additionalProperties"}
    assert len(errors) >= 4

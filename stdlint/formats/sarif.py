"""``--format sarif``: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run: the rules that ran, documented from their docstrings in the run's language, and one
result per finding with its region and the stdlint fingerprint (``partialFingerprints``), so a
viewer follows a finding across commits. Artifact URIs are relative to ``%SRCROOT%``: the
repository's root in GitHub Actions or GitLab CI when the handbook lies inside it (code scanning
resolves URIs from there), else the handbook's root; ``originalUriBaseIds`` gives its address.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from stdlint import __version__
from stdlint.diagnostics import Diagnostic, Severity, Span
from stdlint.fingerprints import VERSION as FINGERPRINT_VERSION
from stdlint.fingerprints import fingerprints
from stdlint.formats.common import (
    DOCUMENTATION_URL,
    TOOL,
    PathMapper,
    full_message,
    paths_from,
    rule_url,
)
from stdlint.i18n import Lang
from stdlint.result import Result, RuleInfo
from stdlint.rules.docs import SUMMARY, section_heading

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT_KEY = f"stdlint/v{FINGERPRINT_VERSION}"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# The sections of a rule's help, in order; the summary is its short description.
_HELP_SECTIONS = ("what_it_does", "why_it_matters", "example", "use_instead", "options")
# Environment variables that name the repository's root in CI (GitHub Actions, GitLab CI).
WORKSPACE_VARIABLES = ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")


def render(result: Result, lang: Lang) -> str:
    """The SARIF log of ``result`` as JSON (UTF-8, not ASCII-escaped)."""
    workspace = next((os.environ[name] for name in WORKSPACE_VARIABLES if os.environ.get(name)), "")
    log = sarif_log(result, lang, workspace)
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def sarif_log(result: Result, lang: Lang, workspace: str = "") -> dict[str, Any]:
    """The SARIF log as plain data; paths relative to ``workspace`` when it holds the handbook."""
    paths = paths_from(result, workspace)
    index = {rule.code: position for position, rule in enumerate(result.rules)}
    prints = fingerprints(result)
    run = {
        "tool": {
            "driver": {
                "name": TOOL,
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": DOCUMENTATION_URL,
                "rules": [_rule(rule, lang) for rule in result.rules],
            }
        },
        "invocations": [{"executionSuccessful": not result.failures}],
        "originalUriBaseIds": {SOURCE_ROOT: {"uri": paths.base.absolute().as_uri() + "/"}},
        "language": lang.value,
        # Columns count characters (code points), as stdlint's do, not UTF-16 units.
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(diagnostic, index.get(diagnostic.code), fingerprint, paths)
            for diagnostic, fingerprint in zip(result.diagnostics, prints, strict=True)
        ],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(rule: RuleInfo, lang: Lang) -> dict[str, Any]:
    docs = rule.documentation[lang]
    sections = [(section_heading(key, lang), docs[key]) for key in _HELP_SECTIONS if key in docs]
    summary = rule.summary(lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": docs.get("what_it_does", docs.get(SUMMARY, summary))},
        "help": {
            "text": "\n\n".join(f"{heading}\n{body}" for heading, body in sections) or summary,
            "markdown": "\n\n".join(f"### {heading}\n\n{body}" for heading, body in sections)
            or summary,
        },
        "helpUri": rule_url(rule.code),
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
        "properties": {"tags": [rule.criterion.value]},
    }


def _result(
    diagnostic: Diagnostic, rule_index: int | None, fingerprint: str, paths: PathMapper
) -> dict[str, Any]:
    path = paths(diagnostic.path)
    if path.startswith("/"):  # a file outside the folder of %SRCROOT%: an absolute URI
        location: dict[str, str] = {"uri": Path(path).as_uri()}
    else:
        location = {"uri": quote(path), "uriBaseId": SOURCE_ROOT}
    found: dict[str, Any] = {"ruleId": diagnostic.code}
    if rule_index is not None:  # STR000, stdlint's own failure, is not a rule
        found["ruleIndex"] = rule_index
    found |= {
        "level": _LEVELS[diagnostic.severity],
        "message": {"text": full_message(diagnostic)},
        "locations": [
            {"physicalLocation": {"artifactLocation": location, "region": _region(diagnostic.span)}}
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    return found


def _region(span: Span) -> dict[str, int]:
    region = {"startLine": span.line, "startColumn": span.column}
    if span.end_line != span.line:
        region["endLine"] = span.end_line
    if (span.end_line, span.end_column) != (span.line, span.column):
        # SARIF's endColumn is exclusive, as stdlint's is; without it the region runs to the
        # end of the line, which suits a finding about a place rather than some words.
        region |= {"endLine": span.end_line, "endColumn": span.end_column}
    return region

"""The fixture harness: real standards carrying their expected findings in comments.

A fixture handbook is a folder under ``tests/fixtures`` with a ``handbook.yml``. Every Markdown
file in it states what stdlint must find, on the line it must find it:

- ``<!-- expect: CODE -->`` (or ``# expect: CODE`` in front matter) — on this line;
- ``CODE@+1`` / ``CODE@-1`` — on a line relative to this one; ``CODE@7`` — on line 7;
- several codes separated by commas; a code twice means two findings.

Files that cannot hold a comment (empty, binary, another encoding) list theirs in the folder's
``expect.yml``. The harness compares the multiset of (file, line, code) found with the one
expected and fails on anything missing or extra.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML

from stdlint.config import load_profile
from stdlint.engine import check

FIXTURES = Path(__file__).parent / "fixtures"
# Fixture results never depend on the day the tests run.
FIXED_TODAY = date(2026, 6, 1)
_ENTRY = r"[A-Z]{3}\d{3}(?:@[+-]?\d+)?"
_EXPECT = re.compile(rf"(?:<!--|#)\s*expect:\s*({_ENTRY}(?:\s*,\s*{_ENTRY})*)")

Finding = tuple[str, int, str]  # (path relative to the fixture handbook, line, code)


def fixture_handbooks() -> list[Path]:
    """Every folder under ``tests/fixtures`` that has a ``handbook.yml``."""
    return sorted(path.parent for path in FIXTURES.rglob("handbook.yml"))


def _entry(entry: str, line: int) -> tuple[str, int]:
    code, _, where = entry.partition("@")
    if not where:
        return code, line
    if where[0] in "+-":
        return code, line + int(where)
    return code, int(where)


def expected_findings(handbook: Path) -> Counter[Finding]:
    """What the fixture files of ``handbook`` say must be found."""
    expected: Counter[Finding] = Counter()
    for path in sorted([*handbook.rglob("*.md"), handbook / "handbook.yml"]):
        relative = path.relative_to(handbook).as_posix()
        text = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
        for number, line in enumerate(text.split("\n"), start=1):
            for match in _EXPECT.finditer(line):
                for entry in re.split(r"\s*,\s*", match.group(1)):
                    code, at = _entry(entry, number)
                    expected[(relative, at, code)] += 1
    sidecar = handbook / "expect.yml"
    if sidecar.exists():
        for relative, entries in (YAML(typ="safe").load(sidecar.read_text("utf-8")) or {}).items():
            for entry in entries:
                code, at = _entry(entry, 1)
                expected[(relative, at, code)] += 1
    return expected


def actual_findings(handbook: Path, today: date = FIXED_TODAY) -> Counter[Finding]:
    """What stdlint finds when it checks the whole fixture handbook."""
    profile = load_profile(handbook / "handbook.yml")
    result = check(None, profile, today)
    found: Counter[Finding] = Counter()
    for diagnostic in result.diagnostics:
        relative = result.absolute(diagnostic).resolve().relative_to(handbook.resolve()).as_posix()
        found[(relative, diagnostic.line, diagnostic.code)] += 1
    return found

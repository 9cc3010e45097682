"""Every fixture handbook yields exactly the findings its files expect: none missing, none extra."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.harness import FIXTURES, actual_findings, expected_findings, fixture_handbooks


@pytest.mark.parametrize(
    "handbook", fixture_handbooks(), ids=lambda path: path.relative_to(FIXTURES).as_posix()
)
def test_fixture_handbook_findings_match_expectations(handbook: Path) -> None:
    expected = expected_findings(handbook)
    actual = actual_findings(handbook)
    missing = sorted((expected - actual).elements())
    extra = sorted((actual - expected).elements())
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


def test_there_are_fixture_handbooks_with_expectations() -> None:
    handbooks = fixture_handbooks()
    assert handbooks, "no fixture handbook found"
    assert all(expected_findings(handbook) for handbook in handbooks)

"""The handbook generator of ``benchmarks/``: seeded, the sizes it promises, checkable.

Benchmarks print figures and assert none; what is tested here is only that the generated
handbook is what ``bench_scale.py`` claims to measure. No time is asserted.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.generate_handbook import SIZE_MAX, SIZE_MIN, Sources, generate, read_sources
from stdlint import check, load_settings
from stdlint.cli import main


@pytest.fixture(scope="module")
def sources() -> Sources:
    return read_sources()


def _contents(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_same_seed_writes_the_same_handbook(tmp_path: Path, sources: Sources) -> None:
    generate(tmp_path / "one", 40, seed=7, sources=sources)
    generate(tmp_path / "two", 40, seed=7, sources=sources)
    generate(tmp_path / "other", 40, seed=8, sources=sources)
    one = _contents(tmp_path / "one")
    assert one == _contents(tmp_path / "two")
    assert one != _contents(tmp_path / "other")


def test_the_generated_handbook_has_the_files_it_promises(
    tmp_path: Path, sources: Sources, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = generate(tmp_path, 20, seed=20261123, sources=sources)
    assert len(paths) == 20
    assert sorted(paths) == sorted((tmp_path / "standards").rglob("*.md"))
    assert (tmp_path / "handbook.yml").is_file()
    assert all(SIZE_MIN <= path.stat().st_size <= SIZE_MAX for path in paths)
    assert sum(path.name.endswith(".ru.md") for path in paths) == 10
    # Regional folders: standards/<branch>/<channel>/<name>.<lang>.md
    assert all(len(path.relative_to(tmp_path / "standards").parts) == 3 for path in paths)

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--today", "2026-11-23", "--fail-on", "never"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["files"] == 20
    codes = [diagnostic["code"] for diagnostic in report["diagnostics"]]
    # Valid front matter and sections: nothing about the structure.
    assert [code for code in codes if code.startswith("STR")] == []
    # Vague steps among the concrete ones: concreteness and measurability findings.
    assert any(code.startswith("CON") for code in codes)
    assert any(code.startswith("MEA") for code in codes)


def test_every_generated_front_matter_is_read_in_full(tmp_path: Path, sources: Sources) -> None:
    paths = generate(tmp_path, 20, seed=3, sources=sources)
    result = check(None, load_settings(tmp_path / "handbook.yml"), date(2026, 11, 23))
    # The check keeps a summary of each standard (Facts), not the parsed documents.
    assert len(result.handbook) == len(paths)
    for doc in result.handbook:
        assert doc.meta is not None, doc.display_path
        assert doc.meta.metrics, doc.display_path
        assert doc.meta.id.endswith(doc.path.parent.parent.name)  # the branch
    assert not [d for d in result.diagnostics if d.code.startswith("STR")]

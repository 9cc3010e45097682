"""A wheel built from this repository carries every file of the package, data files included.

The other tests run on an editable install, which reads the source folder and so never notices
a lexicon or data file that `[tool.setuptools.package-data]` leaves out of a built wheel: a
handbook repository that installs stdlint from a wheel or from git would then fail at run time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_the_wheel_carries_every_file_of_the_package(tmp_path: Path) -> None:
    # Build from a copy: an in-tree build leaves build/lib behind, and setuptools would pack
    # its stale files into the next wheel.
    source = tmp_path / "source"
    source.mkdir()
    for name in ["pyproject.toml", "README.md"]:
        shutil.copy(REPO / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "stdlint", source / "stdlint", ignore=ignore)
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", "dist", "."],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    version = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    wheel = source / "dist" / f"stdlint-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        packed = set(archive.namelist())
        entry_points = archive.read(f"stdlint-{version}.dist-info/entry_points.txt").decode()
    package = {
        path.relative_to(source).as_posix()
        for path in (source / "stdlint").rglob("*")
        if path.is_file()
    }
    assert package - packed == set(), "files of the package missing from the wheel"
    assert {name for name in package if not name.endswith(".py")} >= {
        "stdlint/py.typed",
        "stdlint/data/sections.yml",
        "stdlint/rules/docs.ru.yml",
        "stdlint/text/lexicons/en.yml",
        "stdlint/text/lexicons/ru.yml",
        "stdlint/text/lexicons/ru.compiled.json",
    }
    assert "stdlint = stdlint.cli:run" in entry_points
    assert "stdlint = stdlint.mkdocs.plugin:StdlintPlugin" in entry_points

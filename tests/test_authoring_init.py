"""``stdlint init``: a new handbook repository that passes ``stdlint check`` as written."""

from __future__ import annotations

import fnmatch
import json
import os
import tomllib
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from stdlint.authoring import ci
from stdlint.files import write_atomic
from tests.authoring import TODAY, cli, findings, new_handbook
from tests.sitebuild import mkdocs, stdlint

COMMIT = "0123456789abcdef0123456789abcdef01234567"
FILES = {
    ".github/workflows/stdlint.yml",
    ".gitignore",
    ".gitlab-ci.yml",
    ".pre-commit-config.yaml",
    "handbook.yml",
    "mkdocs.yml",
    "schema/handbook.schema.json",
    "schema/standard.schema.json",
    "standards/next-step.en.md",
    "standards/next-step.ru.md",
}


def _files(folder: Path) -> set[str]:
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def _yaml(path: Path) -> object:
    return YAML(typ="safe").load(path.read_text("utf-8"))


def test_init_yes_writes_a_handbook_that_passes_check(tmp_path: Path) -> None:
    folder = new_handbook(tmp_path / "company", today=None)
    assert _files(folder) == FILES
    assert findings(folder, date.today().isoformat()) == []
    run = stdlint("check", "--lang", "en", cwd=folder)  # a process, as a user runs it
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no findings" in run.stdout


def test_handbook_yml_points_editors_at_its_schema_and_is_valid_against_it(
    tmp_path: Path,
) -> None:
    folder = new_handbook(tmp_path / "company")
    text = (folder / "handbook.yml").read_text("utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=schema/handbook.schema.json"
    schema = json.loads((folder / "schema/handbook.schema.json").read_text("utf-8"))
    jsonschema.validate(_yaml(folder / "handbook.yml"), schema)
    repo_schema = Path(__file__).resolve().parent.parent / "schema/handbook.schema.json"
    assert (folder / "schema/handbook.schema.json").read_text("utf-8") == repo_schema.read_text(
        "utf-8"
    )


def test_init_asks_in_russian_and_takes_the_answers(tmp_path: Path) -> None:
    folder = tmp_path / "romashka"
    answers = (
        "ООО «Ромашка»: сервис\nru\ndiscover, bogus-\ndiscover, support, repairs\nphone, store\n"
    )
    run = cli("init", str(folder), "--lang", "ru", "--today", TODAY, cwd=tmp_path, input=answers)
    assert run.exit_code == 0, run.stderr
    assert "Этапы пути клиента" in run.output
    assert "не идентификатор" in run.output  # "bogus-" was asked again
    assert "Справочник готов" in run.output
    profile = _yaml(folder / "handbook.yml")
    assert isinstance(profile, dict)
    assert profile["company"] == "ООО «Ромашка»: сервис"
    assert profile["languages"] == ["ru"]
    assert [stage["id"] for stage in profile["journey"]] == ["discover", "support", "repairs"]
    assert [channel["id"] for channel in profile["channels"]] == ["phone", "store"]
    assert (folder / "standards/next-step.md").is_file()  # one language: no suffix
    assert findings(folder) == []


def test_init_refuses_a_folder_with_files_but_not_one_with_only_git(tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", "utf-8")
    run = cli("init", str(busy), "--yes", cwd=tmp_path)
    assert run.exit_code == 2
    assert "notes.txt" in run.stderr
    assert _files(busy) == {"notes.txt"}

    only_git = tmp_path / "repo"
    (only_git / ".git").mkdir(parents=True)
    run = cli("init", str(only_git), "--yes", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert (only_git / "handbook.yml").is_file()
    assert "git init" not in run.output  # the next steps know it is a repository already
    assert "git init" in cli("init", str(tmp_path / "new"), "--yes", cwd=tmp_path).output


def test_force_adds_missing_files_and_never_overwrites(tmp_path: Path) -> None:
    folder = tmp_path / "company"
    folder.mkdir()
    (folder / "handbook.yml").write_text("languages: [en]\n", "utf-8")
    (folder / "README.md").write_text("ours\n", "utf-8")
    run = cli("init", str(folder), "--yes", "--force", "--languages", "en", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert (folder / "handbook.yml").read_text("utf-8") == "languages: [en]\n"
    assert (folder / "README.md").read_text("utf-8") == "ours\n"
    assert "kept handbook.yml" in run.output
    assert (folder / ".gitlab-ci.yml").is_file()


def test_ci_files_install_the_given_version_with_a_note(tmp_path: Path) -> None:
    folder = new_handbook(tmp_path / "company", "--install", "stdlint==1.2.3")
    github = _yaml(folder / ".github/workflows/stdlint.yml")
    assert github == {
        "name": "stdlint",
        "on": ["push", "pull_request"],
        "jobs": {
            "check": {
                "runs-on": "ubuntu-latest",
                "steps": [
                    {"uses": "actions/checkout@v4"},
                    {"uses": "actions/setup-python@v5", "with": {"python-version": "3.11"}},
                    {"run": 'pip install "stdlint==1.2.3"'},
                    {"run": "stdlint check --format github"},
                ],
            }
        },
    }
    gitlab = _yaml(folder / ".gitlab-ci.yml")
    assert gitlab == {
        "stdlint": {
            "image": "python:3.11",
            "script": [
                'pip install "stdlint==1.2.3"',
                "stdlint check --format gitlab --fail-on never > gl-code-quality-report.json",
                "stdlint check",
            ],
            "artifacts": {
                "when": "always",
                "reports": {"codequality": "gl-code-quality-report.json"},
            },
        }
    }
    hook = _yaml(folder / ".pre-commit-config.yaml")
    assert hook == {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        "id": "stdlint",
                        "name": "stdlint",
                        "entry": "stdlint check",
                        "language": "python",
                        "additional_dependencies": ["stdlint==1.2.3"],
                        "pass_filenames": False,
                        "files": r"\.md$|handbook\.yml$",
                    }
                ],
            }
        ]
    }
    for name in (".github/workflows/stdlint.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml"):
        assert "not on your package index" in (folder / name).read_text("utf-8")


def test_a_git_install_uses_stdlints_own_hook_and_no_note(tmp_path: Path) -> None:
    spec = f"stdlint @ git+https://git.example.org/tools/stdlint.git@{COMMIT}"
    folder = new_handbook(tmp_path / "company", "--install", spec)
    assert _yaml(folder / ".pre-commit-config.yaml") == {
        "repos": [
            {
                "repo": "https://git.example.org/tools/stdlint.git",
                "rev": COMMIT,
                "hooks": [{"id": "stdlint"}],
            }
        ]
    }
    workflow = (folder / ".github/workflows/stdlint.yml").read_text("utf-8")
    assert f'- run: pip install "{spec}"' in workflow
    assert "package index" not in workflow + (folder / ".gitlab-ci.yml").read_text("utf-8")


def test_an_install_spec_that_would_break_the_files_is_refused(tmp_path: Path) -> None:
    run = cli("init", str(tmp_path / "c"), "--yes", "--install", 'stdlint"; rm -rf /', cwd=tmp_path)
    assert run.exit_code == 2
    assert not (tmp_path / "c").exists()


class _Distribution:
    def __init__(self, direct_url: str | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return self.direct_url if name == "direct_url.json" else None


def test_the_default_spec_follows_how_stdlint_was_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    vcs = {
        "url": "https://git.example.org/tools/stdlint.git",
        "vcs_info": {"vcs": "git", "commit_id": COMMIT},
    }
    monkeypatch.setattr(ci.metadata, "distribution", lambda name: _Distribution(json.dumps(vcs)))
    from_git = ci.running_install()
    assert from_git.spec == f"stdlint @ git+https://git.example.org/tools/stdlint.git@{COMMIT}"
    assert not from_git.from_index
    assert from_git.git == ("https://git.example.org/tools/stdlint.git", COMMIT)

    local = {"url": "file:///home/me/stdlint", "dir_info": {"editable": True}}
    monkeypatch.setattr(ci.metadata, "distribution", lambda name: _Distribution(json.dumps(local)))
    monkeypatch.setattr(ci.metadata, "version", lambda name: "9.8.7")
    published = ci.running_install()
    # Not installed from git: the repository stdlint is published in, at its version's tag.
    assert published.spec == "stdlint @ git+https://github.com/stdlint/stdlint.git@v9.8.7"
    assert not published.from_index
    assert published.git == ("https://github.com/stdlint/stdlint.git", "v9.8.7")


def test_the_new_handbook_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    folder = new_handbook(tmp_path / "company", today=None)  # the build judges by today
    build = mkdocs("build", "--strict", cwd=folder)
    assert build.returncode == 0, build.stderr
    assert (folder / "site/index.html").is_file()
    assert (folder / "site/ru/index.html").is_file()  # the second language
    assert "site/" in (folder / ".gitignore").read_text("utf-8").split()


def test_a_failed_write_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "handbook.yml"
    target.write_text("old: true\n", "utf-8")
    os.chmod(target, 0o640)

    def broken(source: object, destination: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new: " + "x" * 100_000)
    assert target.read_text("utf-8") == "old: true\n"
    assert [path.name for path in tmp_path.iterdir()] == ["handbook.yml"]  # no temporary left
    monkeypatch.undo()
    write_atomic(target, "new: true\n")
    assert target.read_text("utf-8") == "new: true\n"
    assert (target.stat().st_mode & 0o777) == 0o640  # the file keeps its permissions


def test_a_written_file_is_flushed_to_disk_unless_it_is_a_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda handle: synced.append(handle) or real(handle))
    write_atomic(tmp_path / "kept.yml", "a: 1\n")
    assert len(synced) == 1
    write_atomic(tmp_path / "cache.bin", b"x", durable=False)
    assert len(synced) == 1  # no flush: a cache checks its own bytes, and is rebuilt
    assert (tmp_path / "cache.bin").read_bytes() == b"x"


def test_every_data_file_is_packaged() -> None:
    root = Path(__file__).resolve().parent.parent
    patterns = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"][
        "package-data"
    ]["stdlint"]
    data = [
        path.relative_to(root / "stdlint").as_posix()
        for path in (root / "stdlint/data").rglob("*")
        if path.is_file()
    ]
    assert "data/starter/example.ru.md" in data
    missing = [name for name in data if not any(fnmatch.fnmatch(name, p) for p in patterns)]
    assert missing == []


def test_init_force_on_its_own_result_changes_nothing(tmp_path: Path) -> None:
    folder = new_handbook(tmp_path / "company")
    before = {name: (folder / name).read_bytes() for name in _files(folder)}
    run = cli("init", str(folder), "--yes", "--force", "--languages", "en,ru", cwd=tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "wrote" not in run.output
    assert {name: (folder / name).read_bytes() for name in _files(folder)} == before

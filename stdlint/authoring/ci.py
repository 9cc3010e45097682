"""The CI and pre-commit files ``stdlint init`` writes, and the pip requirement they install.

The company's handbook is not stdlint's repository, so every file installs stdlint by a
requirement: ``--install SPEC``, else the way the running stdlint was installed (PEP 610's
``direct_url.json``): from git, ``stdlint @ git+URL@COMMIT``; otherwise the repository stdlint is
published in (the ``Source`` address of its metadata) at the tag of the running version, which is
what the README's CI recipes install. A ``--install stdlint==VERSION`` gets a comment saying what
to do if stdlint is not on the company's package index.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass
from importlib import metadata

from stdlint import __version__
from stdlint.i18n import Lang, Text

_GIT_SPEC = re.compile(r"^\s*stdlint\s*@\s*git\+(?P<url>\S+)@(?P<rev>[^@/\s]+)\s*$")


@dataclass(frozen=True, slots=True)
class Install:
    """A pip requirement for stdlint, and whether it needs a package index that has stdlint."""

    spec: str
    from_index: bool

    @property
    def git(self) -> tuple[str, str] | None:
        """(repository URL, revision) when the requirement is a git URL with a revision."""
        match = _GIT_SPEC.match(self.spec)
        return (match["url"], match["rev"]) if match else None


def running_install() -> Install:
    """How the running stdlint was installed, as a requirement another machine can use."""
    try:
        raw = metadata.distribution("stdlint").read_text("direct_url.json")
        direct = json.loads(raw) if raw else {}
    except (metadata.PackageNotFoundError, ValueError):
        direct = {}
    vcs = direct.get("vcs_info") if isinstance(direct, dict) else None
    url = direct.get("url") if isinstance(direct, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and vcs.get("commit_id") and url:
        return Install(f"stdlint @ git+{url}@{vcs['commit_id']}", from_index=False)
    return published_install()


def published_install() -> Install:
    """stdlint from the repository it is published in, at the tag of the running version."""
    try:
        version = metadata.version("stdlint")
        entries = metadata.metadata("stdlint").get_all("Project-URL") or []
        urls = dict(entry.split(", ", 1) for entry in entries if ", " in entry)
    except metadata.PackageNotFoundError:
        version, urls = __version__, {}
    source = urls.get("Source", _SOURCE).rstrip("/").removesuffix(".git")
    return Install(f"stdlint @ git+{source}.git@v{version}", from_index=False)


_SOURCE = "https://github.com/stdlint/stdlint"  # as in pyproject.toml, for a copy without metadata


def given_install(spec: str) -> Install:
    """A requirement given with ``--install``; ValueError if it cannot go into the files."""
    if not spec.strip() or any(char in spec for char in "\"'\n\r\\`$"):
        raise ValueError(spec)
    return Install(spec.strip(), from_index=bool(re.match(r"^\s*stdlint\s*(==|>=|~=|$)", spec)))


_NOT_ON_INDEX = Text(
    en="If stdlint is not on your package index, replace {spec} with a git URL "
    "(stdlint @ git+https://…@COMMIT) or the URL of a wheel.",
    ru="Если stdlint нет в вашем индексе пакетов, замените {spec} на адрес в git "
    "(stdlint @ git+https://…@COMMIT) или на адрес wheel-файла.",
)


def _note(install: Install, lang: Lang, indent: str) -> str:
    if not install.from_index:
        return ""
    lines = textwrap.wrap(_NOT_ON_INDEX.render(lang, spec=install.spec), 88 - len(indent))
    return "".join(f"{indent}# {line}\n" for line in lines)


def github_workflow(install: Install, lang: Lang) -> str:
    """``.github/workflows/stdlint.yml``."""
    return (
        "name: stdlint\n"
        "on: [push, pull_request]\n"
        "jobs:\n"
        "  check:\n"
        "    runs-on: ubuntu-latest\n"
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - uses: actions/setup-python@v5\n"
        "        with:\n"
        '          python-version: "3.11"\n'
        f"{_note(install, lang, '      ')}"
        f'      - run: pip install "{install.spec}"\n'
        "      - run: stdlint check --format github\n"
    )


def gitlab_ci(install: Install, lang: Lang) -> str:
    """``.gitlab-ci.yml``: the findings as a code quality report, then in the job's log.

    The report is written whatever the findings (``--fail-on never``); the second run prints them
    as text and its exit status fails the job.
    """
    return (
        "stdlint:\n"
        "  image: python:3.11\n"
        "  script:\n"
        f"{_note(install, lang, '    ')}"
        f'    - pip install "{install.spec}"\n'
        "    - stdlint check --format gitlab --fail-on never > gl-code-quality-report.json\n"
        "    - stdlint check\n"
        "  artifacts:\n"
        "    when: always\n"
        "    reports:\n"
        "      codequality: gl-code-quality-report.json\n"
    )


def pre_commit_config(install: Install, lang: Lang) -> str:
    """``.pre-commit-config.yaml``: stdlint's own hook from git, else a local Python hook."""
    if install.git is not None:
        url, rev = install.git
        return f"repos:\n  - repo: {url}\n    rev: {rev}\n    hooks:\n      - id: stdlint\n"
    return (
        "repos:\n"
        "  - repo: local\n"
        "    hooks:\n"
        "      - id: stdlint\n"
        "        name: stdlint\n"
        "        entry: stdlint check\n"
        "        language: python\n"
        f"{_note(install, lang, '        ')}"
        f"        additional_dependencies: [{json.dumps(install.spec)}]\n"
        "        pass_filenames: false\n"
        "        files: '\\.md$|handbook\\.yml$'\n"
    )

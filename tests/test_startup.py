"""What a command loads: each language's morphology only for that language's prose, and nothing
heavy for --help or for commands that read no prose (issue 13).

Each case runs the command in a fresh interpreter and asserts which modules it imported: never
times, which differ from machine to machine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

RUSSIAN, ENGLISH = "pymorphy3", "simplemma"
# Run a stdlint command in this process, then print which of the modules it imported.
SCRIPT = """
import json, sys
from stdlint.cli import main
try:
    main(sys.argv[2:], prog_name="stdlint")
except SystemExit:
    pass
print(json.dumps({name: name in sys.modules for name in sys.argv[1].split(",")}))
"""

NO_PROSE = """\
---
id: phone-answer
title: {title}
lang: {lang}
status: draft
owner: Head of support
review_every: 10 years
---

# {title}

## {rule}

## {why}
"""


def loaded(folder: Path, modules: list[str], *args: str) -> dict[str, bool]:
    """Which of ``modules`` ``stdlint *args``, run in ``folder``, imported."""
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, ",".join(modules), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, bool] = json.loads(run.stdout.splitlines()[-1])
    return found


def one_language(tmp_path: Path, lang: str) -> Path:
    """The example's phone standards in ``lang`` alone, with a profile of that language."""
    folder = tmp_path / lang
    (folder / "standards").mkdir(parents=True)
    profile = (REPO / "handbook.yml").read_text("utf-8")
    assert "languages: [ru, en]\n" in profile
    (folder / "handbook.yml").write_text(
        profile.replace("languages: [ru, en]\n", f"languages: [{lang}]\n"), "utf-8"
    )
    for path in (REPO / "standards" / "phone").glob(f"*.{lang}.md"):
        shutil.copy(path, folder / "standards" / path.name)
    return folder


@pytest.mark.parametrize(
    ("lang", "wanted", "unwanted"), [("en", ENGLISH, RUSSIAN), ("ru", RUSSIAN, ENGLISH)]
)
def test_a_check_loads_the_morphology_of_its_languages_only(
    tmp_path: Path, lang: str, wanted: str, unwanted: str
) -> None:
    folder = one_language(tmp_path, lang)
    modules = loaded(
        folder, [wanted, unwanted, "stdlint.authoring.init", "stdlint.publish"], "check"
    )
    assert modules == {
        wanted: True,
        unwanted: False,
        "stdlint.authoring.init": False,
        "stdlint.publish": False,
    }


def test_a_check_of_standards_without_prose_loads_no_morphology(tmp_path: Path) -> None:
    (tmp_path / "standards").mkdir()
    (tmp_path / "handbook.yml").write_text("languages: [en, ru]\nstandards: [standards]\n", "utf-8")
    (tmp_path / "standards" / "answer.en.md").write_text(
        NO_PROSE.format(title="Answering the phone", lang="en", rule="Rule", why="Why"), "utf-8"
    )
    (tmp_path / "standards" / "answer.ru.md").write_text(
        NO_PROSE.format(title="Ответ на звонок", lang="ru", rule="Правило", why="Зачем"), "utf-8"
    )
    modules = loaded(tmp_path, [RUSSIAN, ENGLISH, "stdlint.engine"], "check")
    assert modules == {RUSSIAN: False, ENGLISH: False, "stdlint.engine": True}


@pytest.mark.parametrize(
    "args",
    [
        ["explain"],
        ["explain", "CON001"],
        ["schema", "--check"],
        ["review"],
        ["coverage"],
        ["check", "--select", "STR"],
    ],
)
def test_structure_only_work_loads_no_morphology(args: list[str]) -> None:
    assert loaded(REPO, [RUSSIAN, ENGLISH], *args) == {RUSSIAN: False, ENGLISH: False}


def test_help_loads_neither_the_rules_nor_the_parsers() -> None:
    heavy = [
        RUSSIAN,
        ENGLISH,
        "stdlint.rules",
        "stdlint.engine",
        "stdlint.text.analysis",
        "pydantic",
        "markdown_it",
        "ruamel.yaml",
    ]
    assert loaded(REPO, heavy, "--help") == dict.fromkeys(heavy, False)


def test_a_text_check_imports_no_other_format_nor_the_reports_or_authoring() -> None:
    others = [
        "stdlint.formats.sarif",
        "stdlint.formats.junit",
        "stdlint.formats.gitlab",
        "stdlint.reports.tables",
        "stdlint.authoring.init",
        "stdlint.authoring.fix",
        "stdlint.publish",
        "stdlint.mkdocs",
        "stdlint.scorecard.model",  # the scorecard's formats are named, its model not needed
    ]
    modules = loaded(REPO, ["stdlint.formats.text", *others], "check", "--select", "STR")
    assert modules == {"stdlint.formats.text": True, **dict.fromkeys(others, False)}


def test_the_public_names_are_imported_on_first_use() -> None:
    import stdlint
    import stdlint.scorecard

    for package in (stdlint, stdlint.scorecard):
        for name in package.__all__:
            assert getattr(package, name) is not None
        assert set(package.__all__) <= set(dir(package))
        with pytest.raises(AttributeError):
            _ = package.no_such_name
    from stdlint.scorecard import Scorecard, score
    from stdlint.scorecard.measure import score as measured
    from stdlint.scorecard.model import Scorecard as modelled

    assert (Scorecard, score) == (modelled, measured)


def test_the_data_loader_reads_every_data_file_as_the_safe_loader_does() -> None:
    from ruamel.yaml import YAML

    from stdlint.parse.yamlsource import load_data

    files = sorted((REPO / "stdlint").rglob("*.yml"))
    assert len(files) >= 5
    for path in files:
        text = path.read_text("utf-8")
        assert load_data(text) == YAML(typ="safe").load(text), path


def test_once_the_documents_are_judged_the_rules_let_go_of_what_they_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The paragraphs the abbreviation rule read last (up to 4,096 of them) are kept only while
    # documents are judged; a plugin rule that fails to let go costs only memory.
    from stdlint.rules import transparency
    from stdlint.rules.base import DocumentRule
    from tests.harness import FIXTURES, actual_findings, expected_findings

    def refuse(self: DocumentRule) -> None:
        raise RuntimeError("a plugin's bug")

    handbook = FIXTURES / "language"
    read: list[int] = []
    real = transparency.UndefinedAbbreviation.rest

    def counted(self: transparency.UndefinedAbbreviation) -> None:
        read.append(transparency._candidates.cache_info().currsize)
        real(self)

    monkeypatch.setattr(transparency.UndefinedAbbreviation, "rest", counted)
    monkeypatch.setattr(transparency.LongSentence, "rest", refuse)
    assert actual_findings(handbook) == expected_findings(handbook)
    assert read and read[-1] > 0
    assert transparency._candidates.cache_info().currsize == 0


@pytest.mark.parametrize("name", ["language", "handbook-consistency"])
def test_after_a_large_check_the_russian_dictionary_is_let_go_and_the_findings_hold(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Once the documents are judged, a large check lets the dictionary go before the
    # handbook-wide step and the output; whatever they ask of it is found again.
    from stdlint.engine import judge
    from stdlint.i18n import Lang
    from stdlint.text import channels, lexicon, morph
    from tests.harness import FIXTURES, actual_findings, expected_findings

    handbook = FIXTURES / name
    kept = actual_findings(handbook)
    assert lexicon._build.cache_info().currsize > 0  # kept after a small check
    assert morph._russian.cache_info().currsize == 1  # fewer files than judge.RELEASE_FROM
    monkeypatch.setattr(judge, "RELEASE_FROM", 1)
    released = actual_findings(handbook)
    assert morph._russian.cache_info().currsize == 0
    assert morph._english.cache_info().currsize == 0
    assert morph.known_count(Lang.RU) == morph.known_count(Lang.EN) == 0  # the words too
    # The lexicons and channel finders too: no handbook-wide rule asked for them again.
    assert (
        lexicon._build.cache_info().currsize == channels.channel_finder.cache_info().currsize == 0
    )
    assert released == kept == expected_findings(handbook)
    assert sum(kept.values()) > 5
    morph.agree_with_number.cache_clear()
    assert morph.agree_with_number("рабочие часы", 37, Lang.RU) == "рабочих часов"  # loaded
    assert morph._russian.cache_info().currsize == 1
    morph._KNOWN[Lang.EN].pop("harpsichords", None)  # a word not analysed yet
    assert morph.analyse_word("harpsichords", Lang.EN).best == "harpsichord"  # loaded too
    assert morph._english.cache_info().currsize == 1

"""``stdlint init [FOLDER]``: a new company's handbook repository, ready for ``stdlint check``.

It writes ``handbook.yml`` (its first line points editors at the JSON Schema copied into
``schema/``), ``mkdocs.yml``, one example standard per language that passes ``stdlint check``,
the CI files (GitHub Actions, GitLab CI), a pre-commit configuration and a ``.gitignore``. The
folder must be new or empty (a ``.git`` folder alone is fine); ``--force`` adds the files that
are missing to a folder that is not, and never overwrites one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click

from stdlint.authoring import ci, prompts, scaffold
from stdlint.authoring.scaffold import Answers, Choice
from stdlint.files import write_atomic
from stdlint.i18n import Lang, Text

EXIT_OK, EXIT_USAGE = 0, 2
LANGUAGE_CHOICES = ("ru", "en", "both")


@dataclass
class InitOptions:
    """What the command line gave; None or empty means "ask" (or the default with --yes)."""

    company: str | None = None
    languages: str | None = None  # ru, en, both, or "ru,en" in the order wanted
    stages: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    install: str | None = None
    force: bool = False
    today: date | None = None


def run_init(folder: Path, given: InitOptions, lang: Lang, *, ask: bool) -> int:
    """Create the handbook repository in ``folder``; return the exit code."""
    if folder.exists() and not folder.is_dir():
        click.echo(_NOT_A_FOLDER.render(lang, folder=folder), err=True)
        return EXIT_USAGE
    present = (
        sorted(p.name for p in folder.iterdir() if p.name != ".git") if folder.exists() else []
    )
    if present and not given.force:
        shown = ", ".join(present[:5]) + (", …" if len(present) > 5 else "")
        click.echo(_NOT_EMPTY.render(lang, folder=folder, files=shown), err=True)
        return EXIT_USAGE
    try:
        install = ci.given_install(given.install) if given.install else ci.running_install()
        answers = _answers(folder, given, lang, ask=ask)
    except ValueError:
        click.echo(_BAD_INSTALL.render(lang, spec=given.install), err=True)
        return EXIT_USAGE
    except click.UsageError as error:
        click.echo(f"stdlint init: {error.message}", err=True)
        return EXIT_USAGE
    files = {
        "handbook.yml": scaffold.handbook_yml(answers, lang),
        **scaffold.schemas(),
        **scaffold.example_standards(answers),
        "mkdocs.yml": scaffold.mkdocs_yml(answers, lang),
        ".github/workflows/stdlint.yml": ci.github_workflow(install, lang),
        ".gitlab-ci.yml": ci.gitlab_ci(install, lang),
        ".pre-commit-config.yaml": ci.pre_commit_config(install, lang),
        ".gitignore": scaffold.GITIGNORE,
    }
    for relative, text in files.items():
        target = folder / relative
        if target.exists():
            click.echo(_KEPT.render(lang, path=relative))
            continue
        write_atomic(target, text)
        click.echo(_WROTE.render(lang, path=relative))
    has_git = (folder / ".git").exists()
    click.echo(
        _NEXT.render(
            lang,
            folder=folder,
            git="" if has_git else " && git init",
            example=f"standards/{scaffold.EXAMPLE_STEM}*.md",
        )
    )
    return EXIT_OK


def _answers(folder: Path, given: InitOptions, lang: Lang, *, ask: bool) -> Answers:
    """The company's answers, from flags, then questions (with ``ask``), then defaults."""
    company = given.company
    if company is None:
        default = folder.resolve().name or "Company"
        company = prompts.ask_text(_ASK_COMPANY.render(lang), default) if ask else default
    languages = given.languages
    if languages is None:
        languages = (
            click.prompt(
                _ASK_LANGUAGES.render(lang),
                type=click.Choice(LANGUAGE_CHOICES),
                default=lang.value,
            )
            if ask
            else lang.value
        )
    chosen = _languages(languages, lang)
    stages = _choose(given.stages, scaffold.starter_stages(), None, chosen, lang, ask, _ASK_STAGES)
    channels = _choose(
        given.channels,
        scaffold.starter_channels(),
        scaffold.default_channels(),
        chosen,
        lang,
        ask,
        _ASK_CHANNELS,
    )
    return Answers(company, chosen, stages, channels, given.today or date.today())


def _languages(text: str, lang: Lang) -> tuple[Lang, ...]:
    """``ru``, ``en``, ``both`` (the user's language first) or ``ru,en``, as languages."""
    if text.strip() == "both":
        other = Lang.EN if lang is Lang.RU else Lang.RU
        return (lang, other)
    values = prompts.parse_ids(text, lang, [language.value for language in Lang], required=True)
    return tuple(Lang(value) for value in values)


def _choose(
    given: list[str],
    offered: list[Choice],
    default: list[str] | None,
    languages: tuple[Lang, ...],
    lang: Lang,
    ask: bool,
    question: Text,
) -> tuple[Choice, ...]:
    """Stages or channels: the given ids, else asked for, else the defaults; ids the starter
    list does not have are the company's own."""
    by_id = {choice.id: choice for choice in offered}
    wanted = default if default is not None else list(by_id)
    if given:
        wanted = prompts.parse_ids(" ".join(given), lang, required=True)
    elif ask:
        names = [(choice.id, choice.name(lang)) for choice in offered]
        wanted = prompts.ask_ids(
            question.render(lang), names, wanted, lang, only_offered=False, required=True
        )
    return tuple(by_id.get(item, Choice(item, {})) for item in wanted)


_NOT_A_FOLDER = Text(
    en="stdlint init: {folder} is not a folder", ru="stdlint init: {folder} — не папка"
)
_NOT_EMPTY = Text(
    en="stdlint init: {folder} is not empty ({files}); choose an empty or new folder, "
    "or add --force to write only the files that do not exist yet",
    ru="stdlint init: папка {folder} не пуста ({files}); укажите пустую или новую папку "
    "или добавьте --force, чтобы записать только недостающие файлы",
)
_BAD_INSTALL = Text(
    en="stdlint init: --install {spec!r} cannot go into the CI files (no quotes, $ or backslashes)",
    ru="stdlint init: --install {spec!r} нельзя записать в файлы CI (без кавычек, $ и \\)",
)
_ASK_COMPANY = Text(en="Company name", ru="Название компании")
_ASK_LANGUAGES = Text(en="Languages of the handbook", ru="Языки справочника")
_ASK_STAGES = Text(
    en="Stages of the customer journey, in order (ids separated by commas; your own ids too)",
    ru="Этапы пути клиента по порядку (идентификаторы через запятую; можно свои)",
)
_ASK_CHANNELS = Text(
    en="Channels the company uses (ids separated by commas; your own ids too)",
    ru="Каналы, которыми пользуется компания (идентификаторы через запятую; можно свои)",
)
_WROTE = Text(en="  wrote {path}", ru="  записан {path}")
_KEPT = Text(en="  kept {path} (it exists)", ru="  оставлен {path} (уже есть)")
_NEXT = Text(
    en="\nThe handbook is ready. Next steps:\n"
    "  1. cd {folder}{git}\n"
    "  2. stdlint check          — the example standard passes with no findings\n"
    "  3. stdlint new            — write your first standard, then delete {example}\n"
    "  4. mkdocs serve           — read the handbook in a browser as staff will\n"
    "  5. git commit, git push   — CI (GitHub or GitLab) runs stdlint check on every push;\n"
    "     pre-commit install     — runs it before each commit on your machine",
    ru="\nСправочник готов. Дальше:\n"
    "  1. cd {folder}{git}\n"
    "  2. stdlint check          — пример стандарта проходит без замечаний\n"
    "  3. stdlint new            — напишите первый стандарт, затем удалите {example}\n"
    "  4. mkdocs serve           — посмотрите справочник в браузере глазами сотрудника\n"
    "  5. git commit, git push   — CI (GitHub или GitLab) проверяет каждую отправку;\n"
    "     pre-commit install     — та же проверка перед каждым коммитом на вашем компьютере",
)

"""``stdlint new``: a new standard, from questions or flags, with a hint in every section.

The file is a draft with the full front matter and every section of its language. Each section
holds only a hint (an HTML comment), so ``stdlint check`` reports it as empty (STR007) until the
author replaces the hint with text: a half-written standard cannot pass.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click

from stdlint.authoring import prompts, skeleton
from stdlint.authoring.matter import scalar
from stdlint.config import Profile
from stdlint.engine import read_handbook
from stdlint.files import write_atomic
from stdlint.i18n import Lang, Text, quote
from stdlint.parse.facts import Facts
from stdlint.parse.source import display_path
from stdlint.parse.values import Interval
from stdlint.settings import Settings

EXIT_OK, EXIT_USAGE = 0, 2


@dataclass
class NewStandard:
    """What the user gave on the command line; None (or empty) means "ask" or "default"."""

    id: str | None = None
    title: str | None = None
    lang: Lang | None = None
    stages: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    owner: str | None = None
    review_every: str | None = None
    path: Path | None = None
    today: date | None = None


def run_new(settings: Settings, given: NewStandard, ui_lang: Lang, *, ask: bool) -> int:
    """Create the standard; ask for what is missing when ``ask``. Return the exit code."""
    profile = settings.profile
    handbook = read_handbook(settings, bodies=False).handbook
    try:
        wanted = _complete(given, profile, handbook, ui_lang, ask=ask)
    except click.UsageError as error:
        click.echo(f"stdlint new: {error.message}", err=True)
        return EXIT_USAGE
    target = wanted.path
    assert target is not None
    if target.exists():
        click.echo(_EXISTS.render(ui_lang, path=display_path(target)), err=True)
        return EXIT_USAGE
    write_atomic(target, standard_text(wanted, profile))
    click.echo(_CREATED.render(ui_lang, path=display_path(target)))
    return EXIT_OK


def standard_text(wanted: NewStandard, profile: Profile) -> str:
    """The new standard's text: front matter, H1 title, sections with hints."""
    lang = wanted.lang or profile.default_lang
    interval = Interval.parse(wanted.review_every) if wanted.review_every else profile.review.every
    today = wanted.today or date.today()
    assert wanted.id is not None and wanted.title is not None
    lines = [
        f"id: {wanted.id}",
        f"title: {scalar(wanted.title)}",
        f"lang: {lang.value}",
        "status: draft",
        f"owner: {scalar(wanted.owner)}" if wanted.owner else "owner:",
        "approved_by:",
        "approved_on:",
        f"last_reviewed: {today.isoformat()}",
        f"review_every: {skeleton.interval_text(interval, lang)}",
        f"journey: [{', '.join(wanted.stages)}]",
        f"channels: [{', '.join(wanted.channels)}]",
        "roles: []",
        "verification: []",
    ]
    matter = "\n".join(lines)
    return f"---\n{matter}\n---\n\n{skeleton.body(wanted.title, lang)}"


def _complete(
    given: NewStandard,
    profile: Profile,
    handbook: tuple[Facts, ...],
    ui_lang: Lang,
    *,
    ask: bool,
) -> NewStandard:
    """``given`` with every value filled in and checked; raise click.UsageError."""
    languages = [lang.value for lang in profile.languages]
    lang = given.lang
    if lang is None:
        lang = (
            Lang(click.prompt(_ASK_LANG.render(ui_lang), type=click.Choice(languages)))
            if ask and len(languages) > 1
            else profile.default_lang
        )
    title = given.title
    if not title:
        if not ask:
            raise click.UsageError(_TITLE_REQUIRED.render(ui_lang))
        title = prompts.ask_text(_ASK_TITLE.render(ui_lang))
    taken = _ids_by_lang(handbook)
    standard_id = given.id
    if standard_id is None:
        standard_id = _ask_id(title, lang, taken, ui_lang) if ask else prompts.slugify(title)
    _check_id(standard_id, lang, taken, ui_lang)
    stages = _ids(given.stages, profile, "journey", ui_lang, ask, _ASK_STAGES)
    channels = _ids(given.channels, profile, "channels", ui_lang, ask, _ASK_CHANNELS)
    owner = given.owner
    if owner is None and ask:
        owner = prompts.ask_text(_ASK_OWNER.render(ui_lang), required=False) or None
    review_every = given.review_every
    default_interval = skeleton.interval_text(profile.review.every, lang)
    if review_every is None and ask:
        review_every = click.prompt(
            _ASK_INTERVAL.render(ui_lang),
            default=default_interval,
            value_proc=lambda text: _interval(text, ui_lang),
        )
    if review_every is not None:
        review_every = _interval(review_every, ui_lang)
    path = given.path or _default_path(standard_id, lang, profile, taken)
    if lang.value not in languages:
        click.echo(_NOT_HANDBOOK_LANG.render(ui_lang, lang=lang.value), err=True)
    if standard_id in taken and lang not in taken[standard_id]:
        other = ", ".join(sorted(other_lang.value for other_lang in taken[standard_id]))
        click.echo(_TRANSLATION.render(ui_lang, id=quote(ui_lang, standard_id), langs=other))
    return NewStandard(
        standard_id, title, lang, stages, channels, owner, review_every, path, given.today
    )


def _ids_by_lang(handbook: tuple[Facts, ...]) -> dict[str, dict[Lang, Path]]:
    """Every id written in the handbook, with the file of each language that has it."""
    taken: dict[str, dict[Lang, Path]] = {}
    for doc in handbook:
        if doc.written_id is not None:
            taken.setdefault(doc.written_id, {})[doc.lang] = doc.path
    return taken


def _ask_id(title: str, lang: Lang, taken: dict[str, dict[Lang, Path]], ui_lang: Lang) -> str:
    def proc(text: str) -> str:
        _check_id(text.strip(), lang, taken, ui_lang)
        return text.strip()

    answer: str = click.prompt(
        _ASK_ID.render(ui_lang), default=prompts.slugify(title), value_proc=proc
    )
    return answer


def _check_id(value: str, lang: Lang, taken: dict[str, dict[Lang, Path]], ui_lang: Lang) -> None:
    if not prompts.is_slug(value):
        raise click.UsageError(prompts.NOT_AN_ID.render(ui_lang, value=quote(ui_lang, value)))
    if lang in taken.get(value, {}):
        raise click.UsageError(
            _DUPLICATE.render(
                ui_lang,
                id=quote(ui_lang, value),
                lang=lang.value,
                path=display_path(taken[value][lang]),
            )
        )


def _ids(
    given: list[str], profile: Profile, kind: str, ui_lang: Lang, ask: bool, question: Text
) -> list[str]:
    """Stage or channel ids: given ones checked against the profile, else asked for."""
    items = getattr(profile, kind)
    offered = [item.id for item in items]
    if given:
        return prompts.parse_ids(" ".join(given), ui_lang, offered or None)
    if not ask or not items:
        return []
    choices = [(item.id, item.name(ui_lang)) for item in items]
    return prompts.ask_ids(question.render(ui_lang), choices, [], ui_lang)


def _interval(text: str, ui_lang: Lang) -> str:
    try:
        interval = Interval.parse(text)
    except ValueError:
        raise click.UsageError(_BAD_INTERVAL.render(ui_lang, value=quote(ui_lang, text))) from None
    if interval.too_long:
        raise click.UsageError(_BAD_INTERVAL.render(ui_lang, value=quote(ui_lang, text)))
    return text.strip()


def _default_path(
    standard_id: str, lang: Lang, profile: Profile, taken: dict[str, dict[Lang, Path]]
) -> Path:
    """Beside its translation if it has one (the language switch needs them side by side);
    else in the first standards folder. Named ``ID.LANG.md`` when the handbook has several
    languages, ``ID.md`` when it has one."""
    suffix = f".{lang.value}.md" if len(profile.languages) > 1 else ".md"
    translations = taken.get(standard_id, {})
    if translations:
        sibling = next(iter(translations.values()))
        stem = sibling.name.split(".")[0]
        return sibling.with_name(stem + suffix)
    folder = profile.standards[0] if profile.standards else "."
    if any(char in folder for char in "*?["):
        folder = "."
    return profile.root / folder / (standard_id + suffix)


_ASK_LANG = Text(en="Language of the standard", ru="Язык стандарта")
_ASK_TITLE = Text(
    en="Title (what staff will search for, e.g. “First reply to an email”)",
    ru="Название (по нему сотрудники будут искать, например «Первый ответ на письмо»)",
)
_ASK_ID = Text(
    en="Id (Latin letters, digits and hyphens; the same in every language)",
    ru="Идентификатор (латинские буквы, цифры и дефисы; одинаковый во всех языках)",
)
_ASK_STAGES = Text(
    en="Journey stages it covers (comma-separated ids)",
    ru="Этапы пути клиента, к которым он относится (идентификаторы через запятую)",
)
_ASK_CHANNELS = Text(
    en="Channels it applies to (comma-separated ids)",
    ru="Каналы, в которых он действует (идентификаторы через запятую)",
)
_ASK_OWNER = Text(
    en="Owner: who keeps it current (a role, e.g. “Head of contact centre”)",
    ru="Владелец: кто отвечает за актуальность (должность, например «Руководитель контакт-центра»)",
)
_ASK_INTERVAL = Text(en="Review every", ru="Пересматривать каждые")
_TITLE_REQUIRED = Text(
    en="give the title with --title (or leave out --yes to be asked)",
    ru="укажите название через --title (или запустите без --yes, чтобы ответить на вопросы)",
)
_DUPLICATE = Text(
    en="the id {id} is already used by {path} ({lang}); choose another id",
    ru="идентификатор {id} уже занят файлом {path} ({lang}); выберите другой",
)
_BAD_INTERVAL = Text(
    en="{value} is not a review interval; write e.g. “6 months”, “1 year”, “90 days”",
    ru="{value} — не срок пересмотра; напишите, например, «6 месяцев», «1 год», «90 дней»",
)
_EXISTS = Text(
    en="stdlint new: {path} already exists; nothing written (choose another --path)",
    ru="stdlint new: файл {path} уже есть; ничего не записано (укажите другой --path)",
)
_NOT_HANDBOOK_LANG = Text(
    en="note: the handbook's languages (handbook.yml) do not include {lang}",
    ru="обратите внимание: языка {lang} нет в languages справочника (handbook.yml)",
)
_TRANSLATION = Text(
    en="{id} exists in {langs}: this file will be its translation.",
    ru="{id} уже есть на языке {langs}: этот файл будет его переводом.",
)
_CREATED = Text(
    en="Created {path} (a draft).\n"
    "Next: replace every hint (<!-- hint: … -->) with your text, fill in the empty fields, "
    "then run “stdlint check”; set “status: active” once it is approved.",
    ru="Создан {path} (черновик).\n"
    "Дальше: замените каждую подсказку (<!-- подсказка: … -->) своим текстом, заполните пустые "
    "поля и запустите «stdlint check»; после утверждения укажите «status: active».",
)

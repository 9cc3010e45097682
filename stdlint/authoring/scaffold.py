"""The files of a new handbook repository: profile, site configuration, example standards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from string import Template
from typing import Any

from ruamel.yaml import YAML

from stdlint.authoring.matter import scalar
from stdlint.config.schema import schema_text
from stdlint.i18n import Lang, Text

SCHEMA_FOLDER = "schema"
PROFILE_SCHEMA = "handbook.schema.json"
# The first line of handbook.yml: editors with the YAML extension (yaml-language-server)
# validate and complete the file against the schema copied next to it, offline.
SCHEMA_COMMENT = f"# yaml-language-server: $schema={SCHEMA_FOLDER}/{PROFILE_SCHEMA}"
EXAMPLE_STEM = "next-step"


@dataclass(frozen=True, slots=True)
class Choice:
    """A journey stage or channel offered to a new handbook."""

    id: str
    title: dict[Lang, str]

    def name(self, lang: Lang) -> str:
        """Its name in ``lang``; the id for one the user typed."""
        return self.title.get(lang, self.id)


@dataclass(frozen=True, slots=True)
class Answers:
    """What ``stdlint init`` was told about the company."""

    company: str
    languages: tuple[Lang, ...]
    stages: tuple[Choice, ...]
    channels: tuple[Choice, ...]
    today: date


@cache
def _starter() -> dict[str, Any]:
    text = resources.files("stdlint").joinpath("data/starter.yml").read_text("utf-8")
    loaded: dict[str, Any] = YAML(typ="safe").load(text)
    return loaded


def starter_stages() -> list[Choice]:
    """The journey stages a new handbook is offered."""
    return [_choice(item) for item in _starter()["journey"]]


def starter_channels() -> list[Choice]:
    """The channels a new handbook is offered."""
    return [_choice(item) for item in _starter()["channels"]]


def default_channels() -> list[str]:
    """The channels taken when the user does not choose."""
    return list(_starter()["default_channels"])


def _choice(item: dict[str, Any]) -> Choice:
    return Choice(item["id"], {Lang(lang): name for lang, name in item["title"].items()})


def handbook_yml(answers: Answers, lang: Lang) -> str:
    """``handbook.yml``: the schema line first, then the profile with a word on each part."""
    languages = ", ".join(language.value for language in answers.languages)
    parts = [
        SCHEMA_COMMENT,
        f"# {_PROFILE_INTRO.render(lang)}",
        f"company: {scalar(answers.company)}",
        f"languages: [{languages}]",
        "standards: [standards]",
        "",
        f"# {_JOURNEY.render(lang)}",
        "journey:",
        *_items(answers.stages, answers.languages),
        "",
        f"# {_CHANNELS.render(lang)}",
        "channels:",
        *_items(answers.channels, answers.languages),
        "",
        "required_sections: [rule, why, verification]",
        "",
        f"# {_REVIEW.render(lang)}",
        "review:",
        "  every: 1 year",
        "  warn_within: 30 days",
        "",
        "suppressions:",
        "  require_reason: true",
    ]
    return "\n".join(parts) + "\n"


def _items(choices: tuple[Choice, ...], languages: tuple[Lang, ...]) -> list[str]:
    lines = []
    for choice in choices:
        lines.append(f"  - id: {choice.id}")
        titles = [
            f"{lang.value}: {scalar(choice.title[lang])}"
            for lang in languages
            if lang in choice.title
        ]
        if titles:
            lines.append(f"    title: {{{', '.join(titles)}}}")
    return lines


_STEMS = Text(
    en="Search finds other forms of a word (“complaint” finds “complaints”).",
    ru="Поиск находит другие формы слова («жалоба» находит «жалобу»).",
)
_SHIM = Text(
    en="Search works from a folder with no internet: the shim comes with the stdlint plugin.",
    ru="Поиск работает из папки без интернета: нужный скрипт входит в плагин stdlint.",
)


def mkdocs_yml(answers: Answers, lang: Lang) -> str:
    """``mkdocs.yml``: Material and the stdlint plugin; one site per language when bilingual."""
    first = answers.languages[0]
    lines = [
        f"# {_MKDOCS_INTRO.render(lang)}",
        f"site_name: {scalar(_SITE_NAME.render(first, company=answers.company))}",
        "docs_dir: standards",
        "",
        "theme:",
        "  name: material",
        f"  language: {first.value}",
        f"  # {_NO_FONTS.render(lang)}",
        "  font: false",
        "  features:",
        "    - navigation.prune",
        "    - navigation.top",
        "    - search.highlight",
        "",
        "plugins:",
        "  - stdlint",
    ]
    if len(answers.languages) > 1:
        lines += [
            "  - i18n:",
            "      docs_structure: suffix",
            "      fallback_to_default: true",
            "      reconfigure_material: true",
            "      reconfigure_search: true",
            "      languages:",
        ]
        for index, language in enumerate(answers.languages):
            lines += [
                f"        - locale: {language.value}",
                f"          name: {_LANGUAGE_NAMES[language]}",
                *(["          default: true"] if index == 0 else []),
                "          build: true",
            ]
            if index:
                site_name = _SITE_NAME.render(language, company=answers.company)
                lines.append(f"          site_name: {scalar(site_name)}")
    lines += [
        "  - search:",
        f"      lang: [{', '.join(language.value for language in answers.languages)}]",
        f"      # {_STEMS.render(lang)}",
        "      pipeline: [stemmer, stopWordFilter, trimmer]",
        "  - tags",
        f"  # {_OFFLINE.render(lang)}",
        "  - offline",
        "",
        "extra:",
        f"  # {_SHIM.render(lang)}",
        "  polyfills:",
        "    - assets/javascripts/iframe-worker-shim.js",
        "",
        "markdown_extensions:",
        "  - admonition",
        "  - attr_list",
        "  - md_in_html",
        "  - tables",
        "  - toc:",
        "      permalink: true",
    ]
    return "\n".join(lines) + "\n"


def example_standards(answers: Answers) -> dict[str, str]:
    """One example standard per language, by path: it passes ``stdlint check`` as written."""
    suffixed = len(answers.languages) > 1
    files = {}
    for language in answers.languages:
        template = resources.files("stdlint").joinpath(f"data/starter/example.{language.value}.md")
        text = Template(template.read_text("utf-8")).substitute(
            today=answers.today.isoformat(),
            journey=f"[{', '.join(stage.id for stage in answers.stages)}]",
            channels=f"[{', '.join(channel.id for channel in answers.channels)}]",
        )
        name = f"{EXAMPLE_STEM}.{language.value}.md" if suffixed else f"{EXAMPLE_STEM}.md"
        files[f"standards/{name}"] = text
    return files


def schemas() -> dict[str, str]:
    """The JSON Schemas of handbook.yml and of the front matter, by path."""
    return {
        f"{SCHEMA_FOLDER}/{name}": schema_text(name)
        for name in (PROFILE_SCHEMA, "standard.schema.json")
    }


GITIGNORE = (
    "# The built handbook, stdlint's cache and a local virtual environment.\n"
    "site/\n.stdlint_cache/\n.venv/\n"
)

_LANGUAGE_NAMES = {Lang.RU: "Русский", Lang.EN: "English"}
_PROFILE_INTRO = Text(
    en="What the company really does: stdlint judges relevance and completeness against it.",
    ru="Что компания действительно делает: по этому stdlint судит об уместности и полноте.",
)
_JOURNEY = Text(
    en="Stages of the customer journey, in order; each needs at least one active standard.",
    ru="Этапы пути клиента по порядку; для каждого нужен хотя бы один действующий стандарт.",
)
_CHANNELS = Text(
    en="Channels the company really uses.",
    ru="Каналы, которыми компания действительно пользуется.",
)
_REVIEW = Text(
    en="How often standards are reviewed, and how early a coming review is flagged.",
    ru="Как часто пересматривать стандарты и за сколько дней предупреждать о пересмотре.",
)
_MKDOCS_INTRO = Text(
    en="The handbook for staff: “mkdocs serve” while writing, “mkdocs build --strict” in CI.",
    ru="Справочник для сотрудников: «mkdocs serve» при написании, «mkdocs build --strict» в CI.",
)
_NO_FONTS = Text(
    en="No web fonts: the handbook builds and reads offline.",
    ru="Без веб-шрифтов: справочник собирается и читается без интернета.",
)
_OFFLINE = Text(
    en="Links that work when the built site is opened from a folder, with no web server.",
    ru="Ссылки работают, когда собранный сайт открывают из папки, без веб-сервера.",
)
_SITE_NAME = Text(en="{company} service standards", ru="Стандарты обслуживания: {company}")

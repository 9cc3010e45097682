"""Questions the authoring commands ask, in the user's language, and the ids they accept."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import click

from stdlint.i18n import Lang, Text, join_quoted
from stdlint.parse.values import SLUG_PATTERN

_SLUG = re.compile(SLUG_PATTERN)
_LATIN = "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"
_TRANSLITERATION = {
    cyrillic: latin.strip("_")
    for cyrillic, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _LATIN.split(), strict=True)
}

NOT_AN_ID = Text(
    en="{value} is not an id: use lowercase Latin letters and digits joined by hyphens",
    ru="{value} — не идентификатор: используйте строчные латинские буквы и цифры через дефис",
)
_NOT_OFFERED = Text(
    en="{values}: not in the list; choose from {choices}",
    ru="{values}: нет в списке; выберите из {choices}",
)


def slugify(text: str) -> str:
    """An id made from a title: «Ответ на письмо» → ``otvet-na-pismo``."""
    letters = "".join(_TRANSLITERATION.get(char, char) for char in text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", letters.replace("-", " ")).strip("-")
    return slug or "standard"


def is_slug(value: str) -> bool:
    """Whether ``value`` is a valid id."""
    return bool(_SLUG.match(value))


def parse_ids(
    text: str, lang: Lang, offered: Sequence[str] | None = None, *, required: bool = False
) -> list[str]:
    """Ids typed as a list (commas or spaces); raise click.UsageError on a bad or unknown one.

    With ``offered``, only those ids are accepted.
    """
    values = [value for value in re.split(r"[,\s]+", text.strip()) if value]
    if required and not values:
        raise click.UsageError(_EMPTY.render(lang))
    bad = [value for value in values if not is_slug(value)]
    if bad:
        raise click.UsageError(NOT_AN_ID.render(lang, value=join_quoted(lang, bad)))
    if offered is not None:
        unknown = [value for value in values if value not in offered]
        if unknown:
            raise click.UsageError(
                _NOT_OFFERED.render(
                    lang, values=join_quoted(lang, unknown), choices=", ".join(offered)
                )
            )
    return list(dict.fromkeys(values))


_EMPTY = Text(en="choose at least one", ru="выберите хотя бы один вариант")


def ask_ids(
    question: str,
    choices: Sequence[tuple[str, str]],
    default: Sequence[str],
    lang: Lang,
    *,
    only_offered: bool = True,
    required: bool = False,
) -> list[str]:
    """Show ``choices`` (id, name) and ask for some of them, comma-separated."""
    for item_id, name in choices:
        click.echo(f"  {item_id:<14} {name}" if name != item_id else f"  {item_id}")
    offered = [item_id for item_id, _ in choices] if only_offered else None
    proc: Callable[[str], list[str]] = lambda text: parse_ids(  # noqa: E731
        text, lang, offered, required=required
    )
    answer: list[str] = click.prompt(
        question, default=", ".join(default), value_proc=proc, show_default=bool(default)
    )
    return answer


def ask_text(question: str, default: str | None = None, *, required: bool = True) -> str:
    """Ask for a line of text."""
    if default is None and not required:
        default = ""
    answer: str = click.prompt(question, default=default, show_default=bool(default))
    return answer.strip()

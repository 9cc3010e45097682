"""Reading ``handbook.yml``: validation with positions, references, discovery, the default."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from stdlint.config.profile import PROFILE_NAME, Profile
from stdlint.diagnostics import Span
from stdlint.i18n import DID_YOU_MEAN, Lang, Text, quote
from stdlint.parse.validation import field_problems
from stdlint.parse.yamlsource import Positions, YamlProblem, describe, load_mapping


class ConfigError(Exception):
    """``handbook.yml`` (or another configuration) cannot be used; the run stops with exit 2."""

    def __init__(
        self, path: Path, problems: list[tuple[Span, str, str]], *, located: bool = True
    ) -> None:
        super().__init__("; ".join(message for _, message, _ in problems))
        self.path = path
        self.problems = problems  # (where, message, suggestion), in the run's language
        self.located = located  # False: about no file in particular (no handbook.yml at all)

    def lines(self, display_path: str) -> list[str]:
        """``path:line:col: message — suggestion`` lines for the terminal."""
        return [
            (f"{display_path}:{span.line}:{span.column}: " if self.located else "")
            + message
            + (f" — {hint}" if hint else "")
            for span, message, hint in self.problems
        ]


_NOT_FOUND = Text(en="cannot read the profile: {error}", ru="не удаётся прочитать профиль: {error}")
_NO_FOLDER = Text(
    en="the standards folder “{entry}” does not exist",
    ru="папки со стандартами «{entry}» не существует",
)
_CREATE_FOLDER = Text(
    en="create it, or correct the path (relative to handbook.yml)",
    ru="создайте её или исправьте путь (он отсчитывается от папки handbook.yml)",
)
_UNKNOWN_REFERENCE = Text(
    en="{value} in “{field}” is not {what}",
    ru="{value} в «{field}» — это не {what}",
)
_REFERENCE_KINDS = {
    "stage": (
        "journey",
        Text(en="a stage of the journey", ru="этап пути клиента (journey)"),
    ),
    "channel": ("channels", Text(en="one of the channels", ru="один из каналов (channels)")),
}
_USE_ONE_OF = Text(
    en="use one of: {known}; or add it to “{list}”",
    ru="используйте одно из: {known}; или добавьте его в «{list}»",
)


# ``languages:`` read from the text when the YAML itself cannot be loaded.
_LANGUAGES_LINE = re.compile(r"^languages:[ \t]*(?:\[[ \t]*|\n[ \t]*-[ \t]*)?(en|ru)\b", re.M)


def peek_languages(path: Path) -> Lang | None:
    """The first language a profile declares, read leniently (for messages about the profile).

    A profile whose YAML cannot be loaded is still read for its ``languages:`` line, so that
    the problem is told in the handbook's language.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        data = load_mapping(text, first_line=1)
    except YamlProblem:
        found = _LANGUAGES_LINE.search(text.replace("\r\n", "\n"))
        return Lang(found.group(1)) if found else None
    languages = data.get("languages")
    first = languages[0] if isinstance(languages, list) and languages else languages
    return Lang(first) if first in (Lang.EN.value, Lang.RU.value) else None


def load_profile(path: Path, lang: Lang = Lang.EN, *, check_references: bool = True) -> Profile:
    """Read and validate ``handbook.yml``; raise :class:`ConfigError`, with positions, if wrong.

    ``check_references=False`` leaves the ids that point into the profile itself to the caller
    (:func:`reference_problems`), which may report them together with other problems.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(
            path, [(Span.point(1), _NOT_FOUND.render(lang, error=error), "")]
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        data = load_mapping(text, first_line=1)
    except YamlProblem as problem:
        message, hint = describe(problem, lang)
        raise ConfigError(path, [(problem.span, message, hint)]) from None
    positions = Positions(text, first_line=1)
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        problems = [
            (problem.span, problem.message(lang), problem.suggestion(lang))
            for problem in field_problems(error, Profile, positions)
        ]
        raise ConfigError(path, problems) from None
    profile.placed(path.resolve(), positions)
    references = list(reference_problems(profile, lang)) if check_references else []
    if references:
        raise ConfigError(path, references)
    return profile


def reference_problems(profile: Profile, lang: Lang) -> Iterator[tuple[Span, str, str]]:
    """What the profile names that does not exist: coverage cells, standards folders."""
    for index, entry in enumerate(profile.standards):
        if not any(char in entry for char in "*?[") and not (profile.root / entry).exists():
            yield (
                profile.position(("standards", index), value=True),
                _NO_FOLDER.render(lang, entry=entry),
                _CREATE_FOLDER.render(lang),
            )
    known = {
        "stage": [stage.id for stage in profile.journey],
        "channel": [channel.id for channel in profile.channels],
    }
    cells = profile.coverage.required if isinstance(profile.coverage.required, list) else []
    for list_name, listed in (
        ("required", cells),
        ("not_applicable", profile.coverage.not_applicable),
    ):
        for index, cell in enumerate(listed):
            for kind in ("stage", "channel"):
                value = getattr(cell, kind)
                if value in known[kind]:
                    continue
                where = ("coverage", list_name, index, kind)
                source, what = _REFERENCE_KINDS[kind]
                close = difflib.get_close_matches(value, known[kind], n=1)
                hint = (
                    DID_YOU_MEAN.render(lang, candidate=quote(lang, close[0]))
                    if close
                    else _USE_ONE_OF.render(lang, known=", ".join(known[kind]) or "—", list=source)
                )
                field = f"coverage.{list_name}[{index}].{kind}"
                message = _UNKNOWN_REFERENCE.render(
                    lang, value=quote(lang, value), field=field, what=what.render(lang)
                )
                yield profile.position(where, value=True), message, hint


def find_profile(start: Path) -> Path | None:
    """The nearest ``handbook.yml`` in ``start`` or one of its parents."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        candidate = folder / PROFILE_NAME
        if candidate.is_file():
            return candidate
    return None


def default_profile(root: Path | None = None, standards: list[str] | None = None) -> Profile:
    """The profile used when there is no ``handbook.yml``: no company facts, default policy."""
    profile = Profile() if standards is None else Profile(standards=standards)
    return profile.placed(None, None, root)

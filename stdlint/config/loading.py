"""Reading ``handbook.yml``: validation with positions, references, discovery, the default."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from stdlint.config.profile import PROFILE_NAME, Profile
from stdlint.diagnostics import Span
from stdlint.i18n import DID_YOU_MEAN, Lang, Text, quote
from stdlint.parse.validation import field_problems
from stdlint.parse.yamlmessages import describe
from stdlint.parse.yamlpositions import Positions
from stdlint.parse.yamlsource import YamlProblem, load_mapping


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
_ABSOLUTE = (
    Text(
        en="the standards entry “{entry}” is an absolute path",
        ru="в standards указан абсолютный путь «{entry}»",
    ),
    Text(
        en="write it relative to the folder of handbook.yml, e.g. “standards”, so that the "
        "handbook is checked the same way on every machine",
        ru="укажите его относительно папки handbook.yml, например «standards», чтобы справочник "
        "проверялся одинаково на любом компьютере",
    ),
)
_BAD_GLOB = (
    Text(
        en="the standards entry “{entry}” is not a valid glob pattern: “**” must be a whole "
        "part of the path",
        ru="в standards указан недопустимый шаблон «{entry}»: «**» должно быть целой частью пути",
    ),
    Text(
        en="write “**” between slashes, e.g. “standards/**/*.md”, or use “*” within a name",
        ru="пишите «**» между косыми чертами, например «standards/**/*.md», а внутри имени — «*»",
    ),
)
_NAME_TOO_LONG = (
    Text(
        en="the standards entry “{entry}” has a name longer than {limit} bytes",
        ru="в пути «{entry}» в standards есть имя длиннее {limit} байт",
    ),
    Text(
        en="shorten the folder name: file systems allow at most {limit} bytes in a name",
        ru="сократите имя папки: файловые системы допускают не больше {limit} байт в имени",
    ),
)
_UNUSABLE = (
    Text(
        en="the standards entry “{entry}” cannot be used: {error}",
        ru="путь «{entry}» в standards нельзя использовать: {error}",
    ),
    Text(
        en="correct the path (relative to handbook.yml)",
        ru="исправьте путь (он отсчитывается от папки handbook.yml)",
    ),
)
# The longest name (one part of a path) that common file systems accept, in bytes.
MAX_NAME_BYTES = 255
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


def is_glob(entry: str) -> bool:
    """Whether a ``standards`` entry is a glob pattern rather than a folder or a file."""
    return any(char in entry for char in "*?[")


def standards_entry_problem(entry: str) -> tuple[tuple[Text, Text], dict[str, object]] | None:
    """Why a ``standards`` entry cannot name standards (texts and their fields), if it cannot.

    An absolute path (the profile would check differently on every machine, and pathlib cannot
    glob one), a ``**`` that is not a whole part of a pattern (pathlib refuses it), a name longer
    than the file system allows — all found from the text alone, before the disk is touched.
    """
    shown = _shown(entry)
    if Path(entry).is_absolute() or entry.startswith("/"):
        return _ABSOLUTE, {"entry": shown}
    parts = entry.replace(os.sep, "/").split("/")
    if any(len(os.fsencode(part)) > MAX_NAME_BYTES for part in parts):
        return _NAME_TOO_LONG, {"entry": shown, "limit": MAX_NAME_BYTES}
    if is_glob(entry) and any("**" in part and part != "**" for part in parts):
        return _BAD_GLOB, {"entry": shown}
    return None


def _shown(entry: str) -> str:
    """An entry short enough to quote in one line of a message."""
    return entry if len(entry) <= 60 else entry[:59] + "…"


def reference_problems(profile: Profile, lang: Lang) -> Iterator[tuple[Span, str, str]]:
    """What the profile names that cannot be used or does not exist: standards, coverage cells."""
    yield from _standards_problems(profile, lang)
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


def _standards_problems(profile: Profile, lang: Lang) -> Iterator[tuple[Span, str, str]]:
    """Each ``standards`` entry that cannot be used, or names a folder that does not exist."""
    for index, entry in enumerate(profile.standards):
        span = profile.position(("standards", index), value=True)
        problem = standards_entry_problem(entry)
        if problem is not None:
            (message, hint), fields = problem
            yield span, message.render(lang, **fields), hint.render(lang, **fields)
            continue
        if is_glob(entry):
            continue
        try:
            exists = (profile.root / entry).exists()
        except (OSError, ValueError) as error:  # a whole path too long, a NUL character
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            message, hint = _UNUSABLE
            yield span, message.render(lang, entry=_shown(entry), error=reason), hint.render(lang)
            continue
        if not exists:
            yield span, _NO_FOLDER.render(lang, entry=entry), _CREATE_FOLDER.render(lang)


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

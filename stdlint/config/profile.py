"""The handbook profile (``handbook.yml``): what the company really does, and its lint policy."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from stdlint.diagnostics import Severity, Span
from stdlint.i18n import Lang, Text
from stdlint.parse.models import Strict
from stdlint.parse.sections import SectionId
from stdlint.parse.source import display_path
from stdlint.parse.validation import field_problems
from stdlint.parse.values import Interval, Slug
from stdlint.parse.yamlsource import Positions, YamlProblem, describe, load_mapping

PROFILE_NAME = "handbook.yml"
DEFAULT_DIMENSIONS = (
    "availability",
    "courtesy",
    "consistency",
    "accuracy",
    "responsiveness",
    "efficiency",
)


def _item_from_text(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


class Item(Strict):
    """Something the company has (a channel, a service, a role), with titles per language."""

    id: Slug = Field(description="Id used in front matter.")
    title: dict[Lang, str] = Field({}, description="Display name per language (en, ru).")
    words: dict[Lang, list[str]] = Field(
        {}, description="Words that name it in prose, per language, besides the built-in ones."
    )

    def name(self, lang: Lang) -> str:
        """The display name in ``lang``, else in any language, else the id."""
        return self.title.get(lang) or next(iter(self.title.values()), self.id)


ItemEntry = Annotated[Item, BeforeValidator(_item_from_text, json_schema_input_type=Item | Slug)]


class Stage(Strict):
    """A stage of the customer journey."""

    id: Slug = Field(description="Id used in the front matter's journey list.")
    title: dict[Lang, str] = Field({}, description="Display name per language (en, ru).")

    def name(self, lang: Lang) -> str:
        """The display name in ``lang``, else in any language, else the id."""
        return self.title.get(lang) or next(iter(self.title.values()), self.id)


class ReviewPolicy(Strict):
    """How often standards are reviewed by default, and how early a due review is flagged."""

    every: Interval = Field(Interval(6, "months"), description="Default review interval.")
    warn_within: Interval = Field(
        Interval(30, "days"), description="A review due within this period is a warning."
    )
    translation_lag: Interval = Field(
        Interval(90, "days"),
        description="Translations of one standard reviewed further apart than this have drifted.",
    )


class Cell(Strict):
    """One journey stage on one channel."""

    stage: Slug
    channel: Slug


class CoveragePolicy(Strict):
    """Which stage × channel cells must have an active standard."""

    required: Literal["all", "none"] | list[Cell] = Field(
        "none", description='"all" cells, "none", or a list of {stage, channel}.'
    )
    not_applicable: list[Cell] = Field([], description="Cells that need no standard.")


class LexiconAdditions(Strict):
    """A company's own words: extra vague terms to flag, and terms never to flag."""

    vague: list[str] = Field([], description="Extra vague words or phrases.")
    allowed: list[str] = Field([], description="Words or phrases never flagged.")


class SuppressionPolicy(Strict):
    """How inline ``stdlint-disable`` comments are treated."""

    require_reason: bool = Field(True, description='Every suppression must say why after " -- ".')


RuleSetting = Severity | Literal["off"]


class Profile(Strict):
    """Everything in ``handbook.yml``."""

    company: str | dict[Lang, str] | None = Field(None, description="Company name.")
    languages: list[Lang] = Field(
        [Lang.EN], min_length=1, description="Languages of the handbook; the first is the default."
    )
    standards: list[str] = Field(
        ["standards"], description="Folders (or glob patterns) that hold the standards."
    )
    exclude: list[str] = Field([], description="Glob patterns of files that are not standards.")
    journey: list[Stage] = Field([], description="Ordered stages of the customer journey.")
    channels: list[ItemEntry] = Field([], description="Channels the company really uses.")
    services: list[ItemEntry] = Field([], description="Services the company offers.")
    roles: list[ItemEntry] = Field([], description="Roles of staff who follow standards.")
    dimensions: list[ItemEntry] = Field(
        [Item(id=name) for name in DEFAULT_DIMENSIONS], description="Quality dimensions to cover."
    )
    required_sections: list[SectionId] = Field(
        [SectionId.RULE, SectionId.WHY, SectionId.VERIFICATION],
        description="Sections every standard must have.",
    )
    review: ReviewPolicy = Field(ReviewPolicy(), description="Review policy.")
    coverage: CoveragePolicy = Field(CoveragePolicy(), description="Coverage policy.")
    lexicon: dict[Lang, LexiconAdditions] = Field({}, description="Company lexicon, per language.")
    rules: dict[str, RuleSetting] = Field(
        {}, description="Severity per rule code or name: error, warning, info or off."
    )
    suppressions: SuppressionPolicy = Field(SuppressionPolicy(), description="Suppressions.")

    _path: Path | None = PrivateAttr(None)
    _positions: Positions | None = PrivateAttr(None)

    @model_validator(mode="before")
    @classmethod
    def _journey_is_not_empty(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("journey") == []:
            raise PydanticCustomError("empty_list", "empty", {"path": ("journey",), "value": "[]"})
        return data

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Profile:
        for name in ("journey", "channels", "services", "roles", "dimensions"):
            seen: set[str] = set()
            for index, item in enumerate(getattr(self, name)):
                if item.id in seen:
                    raise PydanticCustomError(
                        "duplicate", "duplicate id", {"path": (name, index), "value": item.id}
                    )
                seen.add(item.id)
        return self

    @property
    def path(self) -> Path | None:
        """The ``handbook.yml`` it was read from (None for the built-in default)."""
        return self._path

    @property
    def root(self) -> Path:
        """The handbook's folder: paths in the profile are relative to it."""
        return self._path.parent if self._path else Path.cwd()

    @property
    def display_path(self) -> str:
        """``handbook.yml`` as the user should see it (relative to the current folder)."""
        return display_path(self._path) if self._path else PROFILE_NAME

    @property
    def default_lang(self) -> Lang:
        """The handbook's first language."""
        return self.languages[0]

    def position(self, path: tuple[str | int, ...], *, value: bool = False) -> Span:
        """Where ``path`` is written in ``handbook.yml`` (line 1 for the built-in default)."""
        if self._positions is None:
            return Span.point(1)
        return self._positions.value(path) if value else self._positions.key(path)


class ConfigError(Exception):
    """``handbook.yml`` (or another configuration) cannot be used; the run stops with exit 2."""

    def __init__(self, path: Path, problems: list[tuple[Span, str, str]]) -> None:
        super().__init__(f"{path}: {len(problems)} problem(s)")
        self.path = path
        self.problems = problems  # (where, message, suggestion)

    def lines(self, display_path: str) -> list[str]:
        """``path:line:col: message (suggestion)`` lines for the terminal."""
        return [
            f"{display_path}:{span.line}:{span.column}: {message}" + (f" — {hint}" if hint else "")
            for span, message, hint in self.problems
        ]


_NOT_FOUND = Text(en="cannot read the profile: {error}", ru="не удаётся прочитать профиль: {error}")


def load_profile(path: Path, lang: Lang = Lang.EN) -> Profile:
    """Read and validate ``handbook.yml``; raise :class:`ConfigError`, with positions, if wrong."""
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
    profile._path = path.resolve()
    profile._positions = positions
    return profile


def find_profile(start: Path) -> Path | None:
    """The nearest ``handbook.yml`` in ``start`` or one of its parents."""
    start = start.resolve()
    for folder in [start, *start.parents] if start.is_dir() else start.parents:
        candidate = folder / PROFILE_NAME
        if candidate.is_file():
            return candidate
    return None


def default_profile() -> Profile:
    """The profile used when no ``handbook.yml`` is found: no company facts, default policy."""
    return Profile()

"""The handbook profile (``handbook.yml``): what the company really does, and its lint policy."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Field,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError
from ruamel.yaml import YAML

from stdlint.diagnostics import Severity, Span
from stdlint.i18n import Lang
from stdlint.parse.models import Strict
from stdlint.parse.sections import SectionId
from stdlint.parse.values import Interval, Slug
from stdlint.parse.yamlpositions import Positions

PROFILE_NAME = "handbook.yml"


@cache
def builtin_dimensions() -> dict[str, dict[Lang, str]]:
    """The six default quality dimensions and their names (data/dimensions.yml)."""
    text = resources.files("stdlint").joinpath("data/dimensions.yml").read_text("utf-8")
    raw = YAML(typ="safe").load(text)
    return {key: {Lang(lang): name for lang, name in names.items()} for key, names in raw.items()}


def _item_from_text(value: Any) -> Any:
    return {"id": value} if isinstance(value, str) else value


class Item(Strict):
    """Something the company has (a channel, a service, a role), with titles per language."""

    id: Slug = Field(description="Id used in front matter.")
    title: dict[Lang, str] = Field({}, description="Display name per language (en, ru).")
    words: dict[Lang, list[str]] = Field(
        {},
        description="Words that name it in prose, per language; they win over built-in words.",
    )

    def name(self, lang: Lang) -> str:
        """The display name in ``lang``, else in any language, else the id."""
        return self.title.get(lang) or next(iter(self.title.values()), self.id)


ItemEntry = Annotated[Item, BeforeValidator(_item_from_text, json_schema_input_type=Item | Slug)]


def _dimension_from_text(value: Any) -> Any:
    """A built-in dimension written by its id alone gets its names in both languages."""
    value = _item_from_text(value)
    if isinstance(value, dict) and not value.get("title"):
        titles = builtin_dimensions().get(str(value.get("id")))
        if titles:
            value = {**value, "title": {lang.value: name for lang, name in titles.items()}}
    return value


DimensionEntry = Annotated[
    Item, BeforeValidator(_dimension_from_text, json_schema_input_type=Item | Slug)
]


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


SEVERITY_SETTINGS = (*(severity.value for severity in reversed(Severity)), "off")
# Checked against the rule registry, and each rule's options, when settings are resolved
# (stdlint.settings): the profile itself does not know which rules exist.
RuleSetting = Annotated[
    Any,
    WithJsonSchema(
        {
            "anyOf": [
                {"enum": list(SEVERITY_SETTINGS)},
                {
                    "type": "object",
                    "properties": {"severity": {"enum": list(SEVERITY_SETTINGS)}},
                    "description": "A severity and the rule's options.",
                },
            ]
        }
    ),
]


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
    dimensions: list[DimensionEntry] = Field(
        default_factory=lambda: [
            Item(id=key, title=titles) for key, titles in builtin_dimensions().items()
        ],
        description="Quality dimensions to cover.",
    )
    required_sections: list[SectionId] = Field(
        [SectionId.RULE, SectionId.WHY, SectionId.VERIFICATION],
        description="Sections every standard must have.",
    )
    review: ReviewPolicy = Field(ReviewPolicy(), description="Review policy.")
    coverage: CoveragePolicy = Field(CoveragePolicy(), description="Coverage policy.")
    lexicon: dict[Lang, LexiconAdditions] = Field({}, description="Company lexicon, per language.")
    rules: dict[str, RuleSetting] = Field(
        {},
        description="Per rule code or name: error, warning, info or off; or a mapping of "
        "severity and the rule's options.",
    )
    select: list[str] | None = Field(
        None,
        description="Rules to run, by code, code prefix (CON, MEA00), name, or ALL "
        "(default: every rule that is not off); a --select on the command line replaces it.",
    )
    ignore: list[str] = Field(
        [],
        description="Rules not to run, by code, code prefix or name; the most specific match "
        "between select and ignore wins. --ignore on the command line adds to it.",
    )
    suppressions: SuppressionPolicy = Field(SuppressionPolicy(), description="Suppressions.")

    _path: Path | None = PrivateAttr(None)
    _root: Path | None = PrivateAttr(None)
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

    def placed(
        self, path: Path | None, positions: Positions | None, root: Path | None = None
    ) -> Profile:
        """This profile, as read from ``path`` (positions of its keys), or rooted at ``root``."""
        self._path = path
        self._positions = positions
        self._root = root
        return self

    @property
    def path(self) -> Path | None:
        """The ``handbook.yml`` it was read from (None for the built-in default)."""
        return self._path

    @property
    def root(self) -> Path:
        """The handbook's folder: paths in the profile are relative to it."""
        if self._path is not None:
            return self._path.parent
        return self._root or Path.cwd()

    @property
    def display_path(self) -> str:
        """``handbook.yml`` as diagnostics name it: relative to the handbook's root."""
        return self._path.name if self._path else PROFILE_NAME

    @property
    def default_lang(self) -> Lang:
        """The handbook's first language."""
        return self.languages[0]

    @property
    def positions(self) -> Positions | None:
        """Where every key of ``handbook.yml`` is written (None for the built-in default)."""
        return self._positions

    def position(self, path: tuple[str | int, ...], *, value: bool = False) -> Span:
        """Where ``path`` is written in ``handbook.yml`` (line 1 for the built-in default)."""
        if self._positions is None:
            return Span.point(1)
        return self._positions.value(path) if value else self._positions.key(path)

"""YAML loading: a fast safe load for the common case, exact positions only when asked.

Front matter and ``handbook.yml`` are loaded with ruamel.yaml's safe loader (the C one where
``ruamel.yaml.clib`` is installed): no arbitrary tags are ever constructed.  Most files have no
finding, so the slower round-trip loader, which keeps every key's line and column, runs only
when a diagnostic needs a position (:class:`Positions`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from stdlint.diagnostics import Span
from stdlint.i18n import Lang, Text

# A front matter has a few dozen values; a document whose aliases expand past this is an attack
# ("billion laughs") or an accident, and is refused before anything walks it.
MAX_EXPANDED_NODES = 20_000
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _SafeConstructor(SafeConstructor):
    """Safe constructor that leaves dates as text, so validation reports impossible dates."""


class _RoundTripConstructor(RoundTripConstructor):
    """Round-trip constructor with the same treatment of dates."""


_SafeConstructor.add_constructor(_TIMESTAMP_TAG, SafeConstructor.construct_yaml_str)
_RoundTripConstructor.add_constructor(_TIMESTAMP_TAG, SafeConstructor.construct_yaml_str)


@dataclass(frozen=True, slots=True)
class YamlProblem(Exception):
    """Why a YAML text could not be loaded, at a position in the original file."""

    kind: str
    span: Span
    detail: str = ""


def _fast_loader() -> YAML:
    yaml = YAML(typ="safe")
    yaml.Constructor = _SafeConstructor
    return yaml


def _round_trip_loader() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _RoundTripConstructor
    return yaml


def load_mapping(text: str, first_line: int) -> dict[str, Any]:
    """Load YAML whose first line is line ``first_line`` of its file; it must be a mapping.

    Raises :class:`YamlProblem` with a position for every way it can go wrong.
    """
    try:
        data = _fast_loader().load(text)
    except MarkedYAMLError as error:
        raise _marked_problem(error, first_line) from None
    except YAMLError as error:
        raise YamlProblem("syntax", Span.point(first_line), str(error)) from None
    except RecursionError:
        raise YamlProblem("too-deep", Span.point(first_line)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise YamlProblem("not-mapping", Span.point(first_line), type(data).__name__)
    _check_expansion(data, text, first_line)
    return data


def _marked_problem(error: MarkedYAMLError, first_line: int) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    span = Span.point(first_line + mark.line, mark.column + 1) if mark else Span.point(first_line)
    problem = error.problem or ""
    if "could not determine a constructor for the tag" in problem:
        tag = problem.rsplit("tag", 1)[-1].strip(" '")
        return YamlProblem("unsafe-tag", span, tag.removeprefix("tag:yaml.org,2002:"))
    if "duplicate key" in problem:
        return YamlProblem("duplicate-key", span, problem.split('"')[1] if '"' in problem else "")
    if "undefined alias" in problem:
        return YamlProblem("undefined-alias", span)
    if "mapping values are not allowed" in problem:
        return YamlProblem("colon-in-value", span)
    if "cannot start any token" in problem and "\\t" in problem:
        return YamlProblem("tab", span)
    return YamlProblem("syntax", span, " ".join(filter(None, [error.context, problem])))


def _check_expansion(data: object, text: str, first_line: int) -> None:
    """Refuse alias structures that are recursive or expand past :data:`MAX_EXPANDED_NODES`."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()

    def size(node: object) -> int:
        if not isinstance(node, dict | list):
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in on_path:
            raise YamlProblem("recursive-alias", _first_alias(text, first_line))
        on_path.add(key)
        children = node.values() if isinstance(node, dict) else node
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_EXPANDED_NODES:
                raise YamlProblem("alias-bomb", _first_alias(text, first_line))
        on_path.discard(key)
        sizes[key] = total
        return total

    size(data)


def _first_alias(text: str, first_line: int) -> Span:
    """Where the first alias is used: parsing events is linear in the text, unlike expanding."""
    from ruamel.yaml.events import AliasEvent

    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, AliasEvent) and event.start_mark is not None:
                mark = event.start_mark
                return Span.point(first_line + mark.line, mark.column + 1)
    except YAMLError:
        pass
    return Span.point(first_line)


Path = tuple[str | int, ...]


class Positions:
    """Lines and columns of every key and value of a YAML text, computed on first use."""

    def __init__(self, text: str, first_line: int) -> None:
        self._text = text
        self._first_line = first_line

    def __reduce__(self) -> tuple[type[Positions], tuple[str, int]]:
        # The round-trip tree is a cache: pickle the text alone and load it again when asked.
        return Positions, (self._text, self._first_line)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Positions):
            return NotImplemented
        return (self._text, self._first_line) == (other._text, other._first_line)

    def __hash__(self) -> int:
        return hash((self._text, self._first_line))

    @cached_property
    def _root(self) -> Any:
        try:
            return _round_trip_loader().load(self._text)
        except (YAMLError, RecursionError, ValueError):
            return None

    @property
    def start(self) -> Span:
        """Where the whole YAML text is introduced: the ``---`` line of a front matter."""
        return Span.point(max(self._first_line - 1, 1))

    def _span(self, line: int, column: int, value: object = None) -> Span:
        line += self._first_line
        column += 1
        if isinstance(value, str | int | float):
            width = len(str(value).split("\n")[0])
            return Span(line, column, line, column + max(width, 1))
        return Span.point(line, column)

    def _walk(self, path: Path) -> Iterator[tuple[Any, str | int]]:
        node = self._root
        for part in path:
            in_mapping = isinstance(node, Mapping) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if in_mapping or in_list:
                yield node, part
                node = node[part]
            else:
                return

    def key(self, path: Path) -> Span:
        """Where the key at ``path`` is written (the item for a list index)."""
        return self._locate(path, want_value=False)

    def value(self, path: Path) -> Span:
        """Where the value at ``path`` is written; the nearest existing parent if it is absent."""
        return self._locate(path, want_value=True)

    def _locate(self, path: Path, *, want_value: bool) -> Span:
        found = self.start
        steps = list(self._walk(path))
        complete = len(steps) == len(path)
        for index, (parent, part) in enumerate(steps):
            value_wanted = want_value and complete and index == len(steps) - 1
            positions: Any = parent.lc  # ruamel.yaml's line/column record; untyped
            if isinstance(parent, Mapping):
                line, column = positions.value(part) if value_wanted else positions.key(part)
            else:
                line, column = positions.item(part)
            found = self._span(line, column, parent[part] if value_wanted else part)
        # A path that ends at a missing key stops at the nearest mapping or item that exists.
        return found


_YAML_TEXTS: dict[str, tuple[Text, Text]] = {
    "syntax": (
        Text(en="the YAML cannot be read: {detail}", ru="YAML не читается: {detail}"),
        Text(
            en="check indentation and quotes on this line and the one above",
            ru="проверьте отступы и кавычки в этой строке и строке выше",
        ),
    ),
    "colon-in-value": (
        Text(
            en="a value contains “: ” and reads as a new key",
            ru="в значении есть «: », и оно читается как новый ключ",
        ),
        Text(
            en="put the whole value in double quotes",
            ru="возьмите всё значение в двойные кавычки",
        ),
    ),
    "tab": (
        Text(
            en="a tab character is used for indentation",
            ru="для отступа использован символ табуляции",
        ),
        Text(en="indent with spaces", ru="делайте отступы пробелами"),
    ),
    "duplicate-key": (
        Text(en="key “{detail}” is written twice", ru="ключ «{detail}» указан дважды"),
        Text(en="keep one of the two lines", ru="оставьте одну из двух строк"),
    ),
    "undefined-alias": (
        Text(
            en="an alias refers to an anchor that does not exist",
            ru="псевдоним ссылается на несуществующий якорь",
        ),
        Text(en="write the value out in full", ru="запишите значение полностью"),
    ),
    "unsafe-tag": (
        Text(
            en="the tag “!!{detail}” is not allowed: only plain values, lists and mappings are",
            ru="тег «!!{detail}» запрещён: читаются только обычные значения, списки и словари",
        ),
        Text(en="remove the tag", ru="удалите тег"),
    ),
    "alias-bomb": (
        Text(
            en="YAML aliases expand to more than {limit} values",
            ru="псевдонимы YAML разворачиваются в более чем {limit} значений",
        ),
        Text(
            en="write the values out without anchors and aliases",
            ru="запишите значения без якорей и псевдонимов",
        ),
    ),
    "recursive-alias": (
        Text(en="a YAML alias refers to itself", ru="псевдоним YAML ссылается сам на себя"),
        Text(
            en="write the values out without anchors and aliases",
            ru="запишите значения без якорей и псевдонимов",
        ),
    ),
    "too-deep": (
        Text(en="the YAML is nested too deeply", ru="YAML слишком глубоко вложен"),
        Text(en="flatten the structure", ru="упростите структуру"),
    ),
    "not-mapping": (
        Text(
            en="the front matter is a {detail}, not a set of “key: value” lines",
            ru="front matter — это {detail}, а не набор строк «ключ: значение»",
        ),
        Text(
            en="write one “key: value” line per field, starting with “id:”",
            ru="пишите по строке «ключ: значение» на поле, начиная с «id:»",
        ),
    ),
}


def describe(problem: YamlProblem, lang: Lang) -> tuple[str, str]:
    """The message and suggestion for a YAML problem, in ``lang``."""
    message, suggestion = _YAML_TEXTS[problem.kind]
    detail = {"list": "list", "str": "text", "int": "number", "float": "number"}.get(
        problem.detail, problem.detail
    )
    fields = {"detail": detail, "limit": MAX_EXPANDED_NODES}
    return message.render(lang, **fields), suggestion.render(lang, **fields)

"""What each YAML problem means to an author, and what to do about it, in both languages."""

from __future__ import annotations

from stdlint.i18n import Lang, Text
from stdlint.parse.yamlsource import (
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    MAX_INTEGER_DIGITS,
    MAX_VALUES,
    YamlProblem,
    one_line,
)

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
        Text(
            en="the YAML is nested more than {depth} levels deep",
            ru="YAML вложен глубже {depth} уровней",
        ),
        Text(
            en="flatten the structure: a few levels of “key: value” lines and lists are enough",
            ru="упростите структуру: хватит нескольких уровней строк «ключ: значение» и списков",
        ),
    ),
    "too-many-values": (
        Text(
            en="the YAML has more than {values} values",
            ru="в YAML больше {values} значений",
        ),
        Text(
            en="keep only the fields that are needed and split long lists",
            ru="оставьте только нужные поля и разделите длинные списки",
        ),
    ),
    "long-number": (
        Text(
            en="a number has {detail} digits; at most {digits} are allowed",
            ru="в числе {detail} цифр; допустимо не больше {digits}",
        ),
        Text(
            en="check the number, or put it in quotes if it is a code, not an amount",
            ru="проверьте число или возьмите его в кавычки, если это код, а не величина",
        ),
    ),
    "bad-value": (
        Text(
            en="“{detail}”: the value does not fit its tag",
            ru="«{detail}»: значение не подходит к своему тегу",
        ),
        Text(
            en="remove the tag, or correct the value",
            ru="удалите тег или исправьте значение",
        ),
    ),
    "bad-character": (
        Text(
            en="the YAML contains the control character {detail}, which is not allowed",
            ru="в YAML есть управляющий символ {detail}, а он недопустим",
        ),
        Text(
            en="delete it (most editors do not show it: retype the line)",
            ru="удалите его (большинство редакторов его не показывает: наберите строку заново)",
        ),
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
    fields = {
        "detail": one_line(str(detail)),
        "limit": MAX_EXPANDED_NODES,
        "values": MAX_VALUES,
        "depth": MAX_DEPTH,
        "digits": MAX_INTEGER_DIGITS,
    }
    return message.render(lang, **fields), suggestion.render(lang, **fields)

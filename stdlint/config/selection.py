"""Choosing rules by code or prefix: ``select`` and ``ignore``, as ruff resolves them.

A selector is a rule code (``CON001``), a prefix of codes (``CON``, ``MEA00``), a rule name
(``vague-quality``) or ``ALL``. Within one layer (the profile, then the command line) the most
specific selector that matches a rule decides — the longest prefix; a name counts as its full
code; on a tie ``ignore`` wins. A layer that has a ``select`` replaces what the layers before it
chose; a layer with only ``ignore`` narrows it. The rule registry is not known here: callers pass
the codes and names, so the profile can be checked before any rule is imported.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from stdlint.i18n import DID_YOU_MEAN, Lang, Text, quote

ALL = "ALL"
# Not a rule: a bug in stdlint. It is always reported, so it can never be ignored.
INTERNAL_ERROR = "STR000"


@dataclass(frozen=True, slots=True)
class Choice:
    """One layer of selection: ``select`` (None: not given) and ``ignore``."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()

    @classmethod
    def of(cls, select: Iterable[str] | None, ignore: Iterable[str]) -> Choice:
        """A layer from option values that may hold comma-separated selectors."""
        return cls(None if select is None else tuple(split(select)), tuple(split(ignore)))

    def __bool__(self) -> bool:
        return self.select is not None or bool(self.ignore)


NO_CHOICE = Choice()  # nothing chosen on the command line


def split(values: Iterable[str]) -> Iterator[str]:
    """Each selector of ``values`` (``--select CON,MEA --select TRN001``), blanks dropped."""
    for value in values:
        yield from (part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True, slots=True)
class Rules:
    """The codes of every installed rule and the code of each rule name."""

    codes: tuple[str, ...]
    names: Mapping[str, str]

    def matches(self, selector: str) -> tuple[set[str], int]:
        """The codes ``selector`` matches and its specificity (0 for ALL, else a length)."""
        if selector.upper() == ALL:
            return set(self.codes), 0
        code = self.names.get(selector.lower())
        if code is not None:
            return {code}, len(code)
        prefix = selector.upper()
        return {code for code in self.codes if code.startswith(prefix)}, len(prefix)

    def known(self, selector: str) -> bool:
        """Whether ``selector`` matches a rule (or is STR000, which is always on)."""
        return selector.upper() == INTERNAL_ERROR or bool(self.matches(selector)[0])

    def nearest(self, selector: str) -> str | None:
        """The selector the user most likely meant."""
        families = sorted({code[:3] for code in self.codes})
        candidates = {name.lower(): name for name in (*self.codes, *self.names, *families, ALL)}
        close = difflib.get_close_matches(selector.lower(), list(candidates), n=1, cutoff=0.6)
        return candidates[close[0]] if close else None


def chosen(rules: Rules, layers: Sequence[Choice]) -> set[str]:
    """The codes that stay on after every layer, starting from all of ``rules``."""
    result = set(rules.codes)
    for layer in layers:
        decided: dict[str, bool] = {}
        weighted = [(selector, True) for selector in layer.select or ()]
        weighted += [(selector, False) for selector in layer.ignore]
        # Least specific first, and ignore after select at equal specificity: the last word wins.
        ranked = sorted(
            ((rules.matches(selector), keep) for selector, keep in weighted),
            key=lambda item: (item[0][1], not item[1]),
        )
        for (codes, _), keep in ranked:
            decided.update(dict.fromkeys(codes, keep))
        if layer.select is not None:
            result = {code for code, keep in decided.items() if keep}
        else:
            result -= {code for code, keep in decided.items() if not keep}
    return result


_UNKNOWN = Text(
    en="{selector} in {where} is not a rule code, prefix or name",
    ru="{selector} в {where} — не код, префикс или имя правила",
)
_LIST_RULES = Text(
    en="run “stdlint explain” for the list of rules",
    ru="список правил выводит «stdlint explain»",
)
_NOT_IGNORABLE = Text(
    en="STR000 in {where} cannot be ignored: it reports a failure of stdlint itself",
    ru="STR000 в {where} нельзя отключить: это сбой самого stdlint",
)
_REMOVE = Text(
    en="remove it; “stdlint check --debug” shows the traceback to report",
    ru="уберите его; трассировку для отчёта покажет «stdlint check --debug»",
)


def problems(
    rules: Rules, selectors: Sequence[str], where: str, lang: Lang, *, ignoring: bool
) -> Iterator[tuple[int, str, str]]:
    """(index, message, hint) for each selector of ``selectors`` that cannot be used."""
    for index, selector in enumerate(selectors):
        if ignoring and selector.upper() == INTERNAL_ERROR:
            yield index, _NOT_IGNORABLE.render(lang, where=where), _REMOVE.render(lang)
        elif not rules.known(selector):
            nearest = rules.nearest(selector)
            hint = (
                DID_YOU_MEAN.render(lang, candidate=quote(lang, nearest))
                if nearest
                else _LIST_RULES.render(lang)
            )
            yield index, _UNKNOWN.render(lang, selector=quote(lang, selector), where=where), hint

"""STR rules that look across the handbook."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.i18n import Text, plural
from stdlint.parse.facts import Facts
from stdlint.rules.base import Context, HandbookRule

# How many of the other files with the same id a finding names; the rest are counted, so that
# N files sharing an id give N findings of bounded length, not N² paths.
NAMED_OTHERS = 3
_AND_MORE = Text(en="{named} and {rest}", ru="{named} и ещё {rest}")


def _others(doc: Facts, group: list[Facts]) -> str:
    """The first few other files of ``group``, and how many more, in the document's language."""
    named: list[str] = []
    for other in group:
        if other is not doc:
            named.append(other.display_path)
            if len(named) == NAMED_OTHERS:
                break
    rest = len(group) - 1 - len(named)
    if rest == 0:
        return ", ".join(named)
    more = plural(doc.lang, rest, ("other file", "other files"), ("файле", "файлах", "файлах"))
    return _AND_MORE.render(doc.lang, named=", ".join(named), rest=more)


class DuplicateId(HandbookRule):
    """Two standards in the same language share an id.

    ## What it does
    Flags every standard whose `id` and `lang` are both used by another file of the handbook,
    naming up to 3 of the other files and counting the rest. The same id in another language
    is a translation, not a duplicate.

    ## Why it matters
    Links, translations, supersession and the published page address all follow the id: two
    standards with one id make the handbook show one and lose the other.

    ## Example
    ```markdown title="phone-greeting.md"
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---
    ```
    ```markdown title="phone-farewell.md"
    ---
    id: phone-greeting
    title: Ending a call
    lang: en
    status: active
    ---
    ```

    ## Use instead
    ```markdown title="phone-greeting.md"
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---
    ```
    ```markdown title="phone-farewell.md"
    ---
    id: phone-farewell
    title: Ending a call
    lang: en
    status: active
    ---
    ```
    """

    code, name = "STR008", "duplicate-id"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR
    _message = Text(
        en="id “{id}” is also used by {others}",
        ru="идентификатор «{id}» уже используется в {others}",
    )
    _suggestion = Text(
        en="give this standard its own id; a translation keeps the id but changes “lang”",
        ru="дайте стандарту собственный id; у перевода id тот же, но другой «lang»",
    )

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """One finding on each file that shares its (id, lang) with another."""
        groups: dict[tuple[str, str], list[Facts]] = defaultdict(list)
        for doc in standards:
            if doc.written_id is not None and doc.written_lang is not None:
                groups[(doc.written_id, doc.written_lang)].append(doc)
        for (standard_id, _), group in groups.items():
            if len(group) < 2:
                continue
            for doc in group:
                others = _others(doc, group)
                span = doc.position(("id",), value=True)
                yield self.report(
                    doc,
                    span,
                    self._message,
                    self._suggestion,
                    standard_id,
                    id=standard_id,
                    others=others,
                )

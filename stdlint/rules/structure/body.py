"""STR rules about the body of a standard: sections and the title heading."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.i18n import Text, quote
from stdlint.parse.document import Document
from stdlint.parse.sections import SectionId, heading_for, is_hint, normalise_heading
from stdlint.rules.base import Context, DocumentRule


class MissingSection(DocumentRule):
    """A section the handbook requires is missing.

    ## What it does
    Checks that each section listed in the profile's `required_sections` (by default Rule, Why
    and How we check; in Russian «Правило», «Зачем», «Как проверяем») has an H2 heading.

    ## Why it matters
    Staff need the steps, the reason behind them and how they will be checked; a manager
    reviewing the standard needs the same three things to judge it.

    ## Example
    ```markdown
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    ---

    ## Правило

    1. Ответьте на письмо в течение двух рабочих часов.
    ```

    ## Use instead
    ```markdown
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    ---

    ## Правило

    1. Ответьте на письмо в течение двух рабочих часов.

    ## Зачем

    Клиент, не получивший ответа в тот же день, пишет повторно или звонит.

    ## Как проверяем

    Руководитель смены раз в неделю выгружает время первого ответа из системы обращений.
    ```

    ## Options
    `required_sections` in `handbook.yml`: any of `rule`, `why`, `exceptions`, `verification`,
    `examples`.
    """

    code, name = "STR006", "missing-section"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR
    _message = Text(
        en="the standard has no “{heading}” section", ru="в стандарте нет раздела «{heading}»"
    )
    _suggestion = Text(
        en="add a section “## {heading}”: {what}",
        ru="добавьте раздел «## {heading}»: {what}",
    )
    _what: ClassVar[dict[SectionId, Text]] = {
        SectionId.RULE: Text(en="the numbered steps", ru="пронумерованные шаги"),
        SectionId.WHY: Text(
            en="the reason for the customer and the business", ru="причина для клиента и бизнеса"
        ),
        SectionId.EXCEPTIONS: Text(
            en="when staff may deviate", ru="когда можно отступить от правила"
        ),
        SectionId.VERIFICATION: Text(
            en="how compliance is checked", ru="как проверяется выполнение"
        ),
        SectionId.EXAMPLES: Text(en="a do / don't example", ru="пример «как надо / как не надо»"),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per required section without a heading."""
        if doc.front_matter is None or not doc.front_matter.closed:
            return
        present = {section.id for section in doc.sections}
        where = doc.title.span if doc.title else Span.point(doc.front_matter.body_first_line - 1)
        for section in ctx.profile.required_sections:
            if section not in present:
                heading = heading_for(section, doc.lang)
                what = self._what[section].render(doc.lang)
                yield self.report(
                    doc, where, self._message, self._suggestion, heading=heading, what=what
                )


class EmptySection(DocumentRule):
    """A section has a heading and nothing under it.

    ## What it does
    Flags an H2 section with no text, list or table before the next H2 heading (HTML comments
    do not count).

    ## Why it matters
    An empty "Why" or "How we check" looks complete in a table of contents and tells staff
    nothing; usually it is a template that was never filled in.

    ## Example
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---

    ## Rule

    1. Answer within three rings.

    ## Why

    ## How we check

    A supervisor listens to ten recorded calls a week.
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---

    ## Rule

    1. Answer within three rings.

    ## Why

    A caller who waits longer is more likely to hang up.

    ## How we check

    A supervisor listens to ten recorded calls a week.
    ```
    """

    code, name = "STR007", "empty-section"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR
    _message = Text(en="section “{heading}” is empty", ru="раздел «{heading}» пустой")
    _suggestion = Text(
        en="write the section, or remove the heading if the section is not needed",
        ru="заполните раздел или удалите заголовок, если раздел не нужен",
    )

    _hint_message = Text(
        en="section “{heading}” still holds only its hint",
        ru="в разделе «{heading}» пока только подсказка",
    )
    _hint_suggestion = Text(
        en="replace the hint (<!-- hint: … -->) with the section's text, or remove the heading "
        "if the section is not needed",
        ru="замените подсказку (<!-- подсказка: … -->) текстом раздела или удалите заголовок, "
        "если раздел не нужен",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per empty section."""
        lines = doc.lines
        for index, section in enumerate(doc.sections):
            if section.has_content:
                continue
            heading = section.heading
            following = doc.sections[index + 1 :]
            end = following[0].heading.span.line - 1 if following else len(lines)
            hinted = any(is_hint(line) for line in lines[heading.span.line : end])
            yield self.report(
                doc,
                heading.span,
                self._hint_message if hinted else self._message,
                self._hint_suggestion if hinted else self._suggestion,
                heading.text,
                heading=heading.text,
            )


class TitleMismatch(DocumentRule):
    """The H1 heading says something other than the front matter's title.

    ## What it does
    Compares the first H1 heading of the body with `title` (ignoring case, spaces and a final
    full stop). A standard with no H1 is fine: the title is shown from the front matter.

    ## Why it matters
    The handbook's navigation and search show `title`; staff who open the page see the H1.
    When they differ, people cannot find the standard they were told about.

    ## Example
    ```markdown
    ---
    id: email-reply
    title: Ответ на письмо клиента
    lang: ru
    status: active
    ---

    # Ответ на звонок
    ```

    ## Use instead
    ```markdown
    ---
    id: email-reply
    title: Ответ на письмо клиента
    lang: ru
    status: active
    ---

    # Ответ на письмо клиента
    ```
    """

    code, name = "STR011", "title-mismatch"
    criterion, default_severity = Criterion.STRUCTURE, Severity.WARNING
    _message = Text(
        en="the heading {heading} differs from the title {title} in the front matter",
        ru="заголовок {heading} не совпадает с названием {title} в шапке",
    )
    _suggestion = Text(
        en="make them the same, or remove the H1 heading (the title is shown anyway)",
        ru="сделайте их одинаковыми или удалите заголовок H1 (название показывается и без него)",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """A finding when both exist and differ."""
        meta = doc.meta
        if meta is None or doc.title is None:
            return
        if _comparable(meta.title) != _comparable(doc.title.text):
            yield self.report(
                doc,
                doc.title.span,
                self._message,
                self._suggestion,
                doc.title.text,
                heading=quote(doc.lang, doc.title.text),
                title=quote(doc.lang, meta.title),
            )


def _comparable(title: str) -> str:
    return normalise_heading(title).rstrip(".")

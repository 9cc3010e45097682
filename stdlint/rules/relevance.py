"""REL: relevance — only the stages, channels, services and roles the company really has."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from stdlint.config.profile import Profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.i18n import Text, quote
from stdlint.parse.document import Document
from stdlint.parse.sections import SectionId
from stdlint.rules.base import Context, DocumentRule

# Front-matter field -> the profile list its values must come from.
_FIELDS = ("journey", "channels", "services", "roles", "dimensions")
# Sections that tell staff what to do; Why and Examples may describe other channels.
_INSTRUCTIONS = (SectionId.RULE, SectionId.EXCEPTIONS, SectionId.VERIFICATION)


def _known(profile: Profile, field: str) -> list[str]:
    return [item.id for item in getattr(profile, field)]


class UnknownProfileValue(DocumentRule):
    """A stage, channel, service, role or dimension that the company does not have.

    ## What it does
    Checks every value of `journey`, `channels`, `services`, `roles` and `dimensions` in the
    front matter against `handbook.yml`, and suggests the nearest known value. A list the
    profile does not define (no `services:` at all) is not checked.

    ## Why it matters
    Relevance: a standard for a channel nobody staffs is dead paper, and a misspelt stage
    (`suport`) silently leaves the real stage without its standard in the coverage map.

    ## Example
    ```yaml title="handbook.yml"
    standards: ["."]
    journey: [{id: support}]
    channels: [phone, email]
    ```
    ```markdown title="chat.md"
    ---
    id: chat-reply
    title: Replying in the chat
    lang: en
    status: active
    journey: [suport]
    channels: [chat]
    ---
    ```

    ## Use instead
    ```yaml title="handbook.yml"
    standards: ["."]
    journey: [{id: support}]
    channels: [phone, email, chat]
    ```
    ```markdown title="chat.md"
    ---
    id: chat-reply
    title: Replying in the chat
    lang: en
    status: active
    journey: [support]
    channels: [chat]
    ---
    ```
    """

    code, name = "REL001", "unknown-profile-value"
    criterion, default_severity = Criterion.RELEVANCE, Severity.ERROR
    _message = Text(
        en="{value} in “{field}” is not in handbook.yml",
        ru="{value} в поле «{field}» нет в handbook.yml",
    )
    _did_you_mean = Text(en="did you mean {candidate}?", ru="возможно, имелось в виду {candidate}?")
    _suggestion = Text(
        en="use one of: {known}; or add it to handbook.yml if the company really has it",
        ru="используйте одно из: {known}; или добавьте в handbook.yml, если это действительно есть",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per unknown value."""
        meta, matter = doc.meta, doc.front_matter
        if meta is None or matter is None:
            return
        for field in _FIELDS:
            known = _known(ctx.profile, field)
            if not known:
                continue
            for index, value in enumerate(getattr(meta, field)):
                if value in known:
                    continue
                close = difflib.get_close_matches(value, known, n=1)
                hint = self._did_you_mean if close else self._suggestion
                yield self.report(
                    doc,
                    matter.position((field, index), value=True),
                    self._message,
                    hint,
                    value,
                    value=quote(doc.lang, value),
                    field=field,
                    candidate=quote(doc.lang, close[0]) if close else "",
                    known=", ".join(known),
                )


class ChannelNotOffered(DocumentRule):
    """Prose that sends customers or staff to a channel the company does not use.

    ## What it does
    Finds channel words — "fax", "WhatsApp", "by post", «факс», «по почте», «в Телеграм» — in
    the sections that instruct (Rule, Exceptions, How we check), matched by lemma («по факсу»
    is «факс»), and flags those whose channel is not in `handbook.yml`. A company names its own
    words for a channel with `words:` (`{id: messenger, words: {ru: [Макс]}}`). Nothing is
    checked when the profile lists no channels.

    ## Why it matters
    Relevance: a rule that says "fax the form" when there is no fax sends the customer nowhere,
    and tells staff the standard was copied from somewhere else.

    ## Example
    ```yaml title="handbook.yml"
    standards: ["."]
    channels: [phone, email]
    ```
    ```markdown title="refund.ru.md"
    ---
    id: refund-form
    title: Заявление на возврат
    lang: ru
    status: active
    ---

    ## Правило

    1. Попросите клиента отправить заявление по факсу.

    ## Зачем

    Без заявления бухгалтерия не может вернуть деньги.

    ## Как проверяем

    Бухгалтер каждую пятницу сверяет 10 заявлений с возвратами.
    ```

    ## Use instead
    ```yaml title="handbook.yml"
    standards: ["."]
    channels: [phone, email]
    ```
    ```markdown title="refund.ru.md"
    ---
    id: refund-form
    title: Заявление на возврат
    lang: ru
    status: active
    ---

    ## Правило

    1. Попросите клиента отправить заявление по электронной почте.

    ## Зачем

    Без заявления бухгалтерия не может вернуть деньги.

    ## Как проверяем

    Бухгалтер каждую пятницу сверяет 10 заявлений с возвратами.
    ```
    """

    code, name = "REL002", "channel-not-offered"
    criterion, default_severity = Criterion.RELEVANCE, Severity.ERROR
    _message = Text(
        en="{words} names the channel “{channel}”, which the company does not use",
        ru="{words} — канал «{channel}», которого у компании нет",
    )
    _suggestion = Text(
        en="send the customer to a channel from handbook.yml ({known}), or add the channel there",
        ru="направьте клиента в канал из handbook.yml ({known}) или добавьте канал туда",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per mention of a channel the profile does not list."""
        known = _known(ctx.profile, "channels")
        if not known:
            return
        for section in doc.sections:
            if section.id not in _INSTRUCTIONS:
                continue
            for prose in section.prose:
                for channel, start, end in ctx.language.channel_mentions(prose.text, doc.lang):
                    if channel in known:
                        continue
                    words = prose.text[start:end]
                    yield self.report(
                        doc,
                        prose.span(start, end),
                        self._message,
                        self._suggestion,
                        words,
                        words=quote(doc.lang, words),
                        channel=channel,
                        known=", ".join(known),
                    )

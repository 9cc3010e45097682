"""REL: relevance — only the stages, channels, services and roles the company really has."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from stdlint.config import Profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.i18n import DID_YOU_MEAN, Text, quote
from stdlint.parse.document import Document
from stdlint.rules.base import Context, DocumentRule

# Front-matter field -> the profile list its values must come from.
_FIELDS = ("journey", "channels", "services", "roles", "dimensions")


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
                hint = DID_YOU_MEAN if close else self._suggestion
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
    Finds channel words in the text that instructs (everything but Why and Examples),
    matched by lemma («по факсу» is «факс», «в Телеграме» is Telegram): generic channels
    ("fax", "by post", «мессенджер», «соцсеть») and networks by name (WhatsApp, Telegram,
    VK/ВКонтакте, Одноклассники, YouTube, Яндекс Карты, 2ГИС …). It flags a mention unless a
    channel in `handbook.yml` offers it:

    - the company's channel names it: its id when it is one word (`vk`, `telegram`), a title in
      any language or one of its `words:`. The company's names always win: where one overlaps
      a built-in name (`words: {ru: [Яндекс]}` in «Яндекс Картах»), the built-in one is ignored;
    - the company has a channel with the built-in channel's id (`whatsapp`), or one whose id,
      a title or a word is a whole name of that network (a channel titled «ВКонтакте» makes
      «ВК» fine too);
    - the company has the generic channel the network belongs to: `messenger` covers WhatsApp,
      Telegram, Viber, MAX and WeChat; `social` covers VK, Odnoklassniki, Instagram, Facebook,
      YouTube, TikTok, X (Twitter) and LinkedIn; `reviews` covers Yandex Maps, 2GIS, Otzovik,
      Google Maps, Trustpilot and Tripadvisor. A named network in turn covers its generic word:
      a company with `telegram` may write «в мессенджере».

    Nothing is checked when the profile lists no channels.

    ## Why it matters
    Relevance: a rule that says "fax the form" or «ответьте в Одноклассниках» when the company
    has neither sends the customer nowhere, and tells staff the standard was copied from
    somewhere else.

    ## Example
    ```yaml title="handbook.yml"
    standards: ["."]
    channels:
      - phone
      - {id: vk, title: {ru: ВКонтакте}}
    ```
    ```markdown title="review.ru.md"
    ---
    id: review-reply
    title: Ответ на отзыв
    lang: ru
    status: active
    ---

    ## Правило

    1. Ответьте на отзыв в Одноклассниках в течение 2 часов.
    2. Попросите клиента прислать чек по факсу.

    ## Зачем

    На отзыв без ответа смотрят те, кто ещё выбирает, где купить.

    ## Как проверяем

    Старший смены каждую пятницу проверяет 10 ответов на отзывы.
    ```
    ```markdown title="review.en.md"
    ---
    id: review-reply
    title: Replying to a review
    lang: en
    status: active
    ---

    ## Rule

    1. Reply to the review on Instagram within 2 hours.

    ## Why

    People who are still choosing where to buy read reviews that got no answer.

    ## How we check

    The shift lead checks 10 replies to reviews every Friday.
    ```

    ## Use instead
    ```yaml title="handbook.yml"
    standards: ["."]
    channels:
      - phone
      - {id: vk, title: {ru: ВКонтакте}}
    ```
    ```markdown title="review.ru.md"
    ---
    id: review-reply
    title: Ответ на отзыв
    lang: ru
    status: active
    ---

    ## Правило

    1. Ответьте на отзыв во ВКонтакте в течение 2 часов.
    2. Попросите клиента прислать фотографию чека в личные сообщения ВК.

    ## Зачем

    На отзыв без ответа смотрят те, кто ещё выбирает, где купить.

    ## Как проверяем

    Старший смены каждую пятницу проверяет 10 ответов на отзывы.
    ```
    ```markdown title="review.en.md"
    ---
    id: review-reply
    title: Replying to a review
    lang: en
    status: active
    ---

    ## Rule

    1. Reply to the review on VK within 2 hours.

    ## Why

    People who are still choosing where to buy read reviews that got no answer.

    ## How we check

    The shift lead checks 10 replies to reviews every Friday.
    ```

    ## Options
    The channels in `handbook.yml`. Give a channel a `title:` per language and, when prose names
    it otherwise, `words:` per language; both are matched by lemma in standards of every
    language, and they win over the built-in words: `{id: max, title: {ru: Макс}}`, or
    `{id: community, words: {ru: [группа ВКонтакте, ВК]}}`.
    """

    code, name = "REL002", "channel-not-offered"
    criterion, default_severity = Criterion.RELEVANCE, Severity.ERROR
    _message = Text(
        en="{words} names the channel {channel}, which the company does not use",
        ru="{words} — канал {channel}, которого у компании нет",
    )
    _suggestion = Text(
        en="send the customer to a channel from handbook.yml ({known}), or add {id} there",
        ru="направьте клиента в канал из handbook.yml ({known}) или добавьте туда {id}",
    )
    _suggestion_in_group = Text(
        en="send the customer to a channel from handbook.yml ({known}), or add {id} there, "
        "or {group} for every {group_name}",
        ru="направьте клиента в канал из handbook.yml ({known}) или добавьте туда {id} "
        "либо {group} — для всех каналов группы «{group_name}»",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per mention of a channel that no channel of the profile offers."""
        known = _known(ctx.profile, "channels")
        if not known:
            return
        lang = doc.lang
        for prose in doc.instruction_prose():
            for mention in ctx.language.channel_mentions(prose.text, lang):
                channel = mention.channel
                if mention.offered_by is not None or channel is None:
                    continue
                group = channel.group
                words = prose.text[mention.start : mention.end]
                yield self.report(
                    doc,
                    prose.span(mention.start, mention.end),
                    self._message,
                    self._suggestion if group is None else self._suggestion_in_group,
                    words,
                    words=quote(lang, words),
                    channel=quote(lang, channel.name)
                    + (f" ({group.name})" if group is not None else ""),
                    known=", ".join(known),
                    id=quote(lang, channel.id),
                    group=quote(lang, group.id) if group is not None else "",
                    group_name=group.name if group is not None else "",
                )

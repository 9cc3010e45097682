"""Channels named in prose: the built-in channel words of a language and the company's own.

The built-in channels live in ``lexicons/<lang>.yml`` (``channels:``, ``channel_groups:``): generic
ones (``messenger``, ``social``, ``reviews`` …) and named networks grouped under them (``telegram``
under ``messenger``, ``vk`` under ``social``). A company's channel names itself by its id, its
titles in every language and its ``words:``. Everything is matched by lemma («во ВКонтакте»,
«в Телеграме»), and the company's terms always win:

- a mention of the company's own terms is offered, and a built-in match that overlaps it is
  dropped;
- a built-in channel is offered when the company has a channel with its id, or a channel whose
  id, title or word is one of its names (a company channel titled «ВКонтакте» makes «ВК» fine
  too), or the generic channel it belongs to; a generic channel is offered when the company has
  one of its named channels.

Matchers are built once per process for each language and set of company channels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from stdlint.i18n import Lang
from stdlint.text.lexicon import Entry, Matcher, lexicon_data
from stdlint.text.morph import WordInfo, analyse_word
from stdlint.text.tokens import NUMBER, WORD, Token, tokenize

# The company's channels as the language engine gets them: (id, titles and words in any language).
CompanyChannels = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class BuiltinChannel:
    """A channel the lexicon knows, with its name in the lexicon's language."""

    id: str
    name: str
    group: BuiltinChannel | None = None  # the generic channel a named one belongs to


@dataclass(frozen=True, slots=True)
class ChannelMention:
    """Words of a sentence that name a channel; offsets are into the sentence text."""

    start: int
    end: int
    channel: BuiltinChannel | None  # None when only the company's own terms name it
    offered_by: str | None  # the id of the company's channel that offers it, if any


@dataclass(frozen=True, slots=True)
class _Word:
    info: WordInfo
    start: int
    end: int


def _words(
    tokens: Sequence[Token], lang: Lang, infos: Sequence[WordInfo] | None = None
) -> list[_Word]:
    """The words of ``tokens``; a number glued to a word is one word («2ГИС»).

    ``infos``, when given, are the analyses of the WORD tokens, in order (the language engine
    has already made them): only a glued number and word is analysed here.
    """
    known = iter(infos) if infos is not None else None
    words: list[_Word] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if (
            token.kind == NUMBER
            and following is not None
            and following.kind == WORD
            and following.start == token.end
        ):
            form = token.lower + following.lower
            words.append(_Word(analyse_word(form, lang), token.start, following.end))
            if known is not None:
                next(known)  # the word glued to the number
            index += 2
            continue
        if token.kind == WORD:
            info = next(known) if known is not None else analyse_word(token.lower, lang)
            words.append(_Word(info, token.start, token.end))
        index += 1
    return words


def _term(text: str, lang: Lang) -> str:
    """A name as the matcher takes it: its words, split the way prose is split."""
    return " ".join(word.info.form for word in _words(tokenize(text), lang))


@dataclass(frozen=True)
class _BuiltinChannels:
    channels: Mapping[str, BuiltinChannel]
    matcher: Matcher  # entry category: the built-in channel id


@cache
def _builtin(lang: Lang) -> _BuiltinChannels:
    raw = lexicon_data(lang)
    words: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for channel_id, value in raw.get("channels", {}).items():
        channel_id = str(channel_id)
        items: list[Any] = value["words"] if isinstance(value, dict) else value
        words[channel_id] = [str(item) for item in items]
        names[channel_id] = str(value["name"]) if isinstance(value, dict) else str(items[0])
    generic = {
        group: BuiltinChannel(group, names[group]) for group in raw.get("channel_groups", {})
    }
    groups = {
        str(member): generic[group]
        for group, members in raw.get("channel_groups", {}).items()
        for member in members
    }
    channels = {
        channel_id: generic.get(channel_id)
        or BuiltinChannel(channel_id, names[channel_id], groups.get(channel_id))
        for channel_id in words
    }
    entries = (
        Entry(channel_id, term)
        for channel_id, items in words.items()
        for term in (_term(item, lang) for item in items)
        if term
    )
    return _BuiltinChannels(channels, Matcher(lang, entries))


class ChannelFinder:
    """Finds channel mentions in one language for one company's set of channels."""

    def __init__(self, lang: Lang, company: CompanyChannels) -> None:
        self.lang = lang
        self._builtin = _builtin(lang)
        self._own = Matcher(lang, self._own_entries(company))
        self._offered = self._offered_builtin(company)

    def _own_entries(self, company: CompanyChannels) -> Iterable[Entry]:
        for channel_id, names in company:
            # The id counts only when prose can write it as one word ("vk", "telegram").
            if _term(channel_id, self.lang) == channel_id:
                yield Entry(channel_id, channel_id)
            for name in names:
                term = _term(name, self.lang)
                if term:
                    yield Entry(channel_id, term)

    def _offered_builtin(self, company: CompanyChannels) -> dict[str, str]:
        """Built-in channel id -> the company's channel that offers it."""
        channels = self._builtin.channels
        direct: dict[str, str] = {}
        for channel_id, _ in company:
            if channel_id in channels:
                direct.setdefault(channel_id, channel_id)
        for channel_id, names in company:
            for name in (channel_id, *names):
                # A name of the company's channel that is a built-in channel's whole name.
                words = _words(tokenize(name), self.lang)
                for match in self._builtin.matcher.find([word.info for word in words]):
                    if match.first == 0 and match.last == len(words):
                        direct.setdefault(match.entry.category, channel_id)
        offered = dict(direct)
        for channel in channels.values():
            group = channel.group
            if group is None:
                continue
            if group.id in direct:
                offered.setdefault(channel.id, direct[group.id])
            if channel.id in direct:
                offered.setdefault(group.id, direct[channel.id])
        return offered

    def find(
        self, tokens: Sequence[Token], infos: Sequence[WordInfo] | None = None
    ) -> list[ChannelMention]:
        """Every channel named by ``tokens``, in order; the company's terms win overlaps.

        ``infos``: the analyses of the WORD tokens, when the caller has them already.
        """
        words = _words(tokens, self.lang, infos)
        infos = [word.info for word in words]
        own = self._own.find(infos)
        mentions = [
            ChannelMention(words[m.first].start, words[m.last - 1].end, None, m.entry.category)
            for m in own
        ]
        for match in self._builtin.matcher.find(infos):
            if any(m.first < match.last and match.first < m.last for m in own):
                continue
            channel = self._builtin.channels[match.entry.category]
            mentions.append(
                ChannelMention(
                    words[match.first].start,
                    words[match.last - 1].end,
                    channel,
                    self._offered.get(channel.id),
                )
            )
        return sorted(mentions, key=lambda mention: mention.start)


@cache
def channel_finder(lang: Lang, company: CompanyChannels = ()) -> ChannelFinder:
    """The finder of ``lang`` for the company's channels (built once per process)."""
    return ChannelFinder(lang, company)


def release() -> None:
    """Let go of the channel finders built so far (each is built again when next asked for)."""
    channel_finder.cache_clear()
    _builtin.cache_clear()


__all__ = [
    "BuiltinChannel",
    "ChannelFinder",
    "ChannelMention",
    "CompanyChannels",
    "channel_finder",
    "release",
]

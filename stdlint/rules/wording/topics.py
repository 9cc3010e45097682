"""What a step is about, and the observable action to offer instead of a manner word.

"Greet the caller in a friendly manner" is a greeting; "Dress in a professional manner" is
about appearance; "Reply to emails politely" about writing. The topic words of
``examples.yml`` are matched by lemma (every plausible reading of a Russian word) in the part
of the sentence around the finding, between commas, semicolons or dashes, first; then in the
whole sentence; then in the standard's title ("Ending a call": "Be professional" there is about
the farewell). Of the topics found in one place, the one listed first in the data wins: "end
the conversation in a professional way by thanking the caller" is a farewell, not a call.
"""

from __future__ import annotations

from collections.abc import Sequence

from stdlint.rules.wording.data import GENERAL, Wording
from stdlint.text.analysis import SentenceFacts
from stdlint.text.lexicon import Match
from stdlint.text.morph import WordInfo

_CLAUSE_MARKS = frozenset(",;:()[]—–")


def manner_example(
    facts: SentenceFacts, first: int, last: int, title: Sequence[WordInfo], data: Wording
) -> str:
    """The action to offer for a manner word quoted from word ``first`` to word ``last``."""
    return data.manner[step_topic(facts, first, last, title, data)]


def step_topic(
    facts: SentenceFacts, first: int, last: int, title: Sequence[WordInfo], data: Wording
) -> str:
    """The topic of the words ``first``..``last``: their clause's, the sentence's or the title's."""
    matches = data.topics.find(facts.infos)
    start, end = clause(facts, first, last)
    in_clause = [match for match in matches if start <= match.first and match.last <= end]
    for found in (in_clause, matches, data.topics.find(title)):
        topic = _first_listed(found, data)
        if topic is not None:
            return topic
    return GENERAL


def clause(facts: SentenceFacts, first: int, last: int) -> tuple[int, int]:
    """The words around ``first``..``last`` up to a comma, a semicolon or a dash: [start, end)."""
    start = first
    while start > 0 and not _boundary(facts, start - 1, start):
        start -= 1
    end = last + 1
    while end < len(facts.words) and not _boundary(facts, end - 1, end):
        end += 1
    return start, end


def _boundary(facts: SentenceFacts, left: int, right: int) -> bool:
    between = facts.text[facts.words[left].end : facts.words[right].start]
    return any(mark in _CLAUSE_MARKS for mark in between)


def _first_listed(matches: Sequence[Match], data: Wording) -> str | None:
    if not matches:
        return None
    best = min(matches, key=lambda match: data.priorities[match.entry.category, match.entry.term])
    return best.entry.category

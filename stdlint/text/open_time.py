"""Time left open, hard caps, targets and hedges of method: the verdicts of issue 11.

Called by :func:`stdlint.text.analysis.flags`; each function reads one sentence's facts.

- **Open time** (MEA001): a promise of time that "depends on" something («зависит от»,
  «в индивидуальном порядке») with no time bound in the sentence; an extension ("we may extend",
  «может быть продлён», "take longer than 10 days") with no quantity after it to cap it. Inside
  a condition ("if we take longer than this, we pay £30") it is not a promise.
- **A hard cap** after a hedge ("most in 3 days, and all within 10", «обычно за день, но не
  позднее 3 рабочих дней»): the cap is the commitment, the hedge is not MEA004.
- **A target** ("we aim to answer within 20 seconds", «стремимся …»): an aspiration or an
  effort next to a bound states a target; it is not a hedged bound.
- **The bound first** ("dispatched within 24 hours (usually the same day)", «не более 7 дней,
  как правило — 2–3 дня»): a hedge that adds a better usual case after the whole bound does
  not weaken it; a condition after it ("…, unless your case is complex") does.
- **A hedge of method** ("within 2 days, normally by courier"): not a hedge of the bound.
- **Frequency per clause**: "confirm within an hour and keep you posted" — the hour bounds the
  confirmation, not the updates; a duration clears a frequency word only in its own clause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from stdlint.text import lexicon as lx
from stdlint.text.quantities import DEADLINE, DURATION, FREQUENCY, PERCENT, opening_hours
from stdlint.text.tokens import WORD, Token

if TYPE_CHECKING:
    from stdlint.text.analysis import SentenceFacts, Term

OPEN_CATEGORIES = frozenset({lx.TIME_DEPENDS, lx.TIME_EXTENSION})
_CAP_CLAUSE_WORDS = 4  # words between a hedge and a cap in a clause of its own
_CAP_REACH = 16  # characters between a cap phrase and its quantity ("no later than 3 days")
_FLOOR_ENDS = frozenset({"than", "чем"})  # "longer than 10 days" is a floor, not a cap
_CONTRASTS = frozenset({"but", "and", "yet", "но", "а", "и", "однако"})
_POSSIBLE = frozenset({"may", "might", "could", "can", "likely", "может", "могут", "возможно"})
_ANSWER_WORDS = 6  # "we will let you know": the telling verb opens the answer to a condition
_TELL_REACH = 4  # tokens between "tell", «сообщить» and the "if", «ли» of what is told
_TARGET_WORDS = frozenset({"target", "targets", "цель", "целевой", "целевое", "целевая"})
_MAIN_CLAUSE = frozenset({"will", "shall", "we’ll", "we'll", "you’ll", "you'll"})
# "As soon as the seller provides …": the trigger's own "soon" does not make it about time.
_TRIGGER_WORDS = frozenset({"soon", "скоро"})
_EXCEPT = frozenset({"unless", "except", "barring", "кроме", "помимо", "исключением"})
_CLAUSE_ENDS = frozenset({",", ";", ":", "—", "(", "–"})
_BOUND_WORDS = frozenset(
    {
        "no",
        "not",
        "later",
        "than",
        "up",
        "to",
        "any",
        "case",
        "event",
        "all",
        "at",
        "the",
        "latest",
        "не",
        "позднее",
        "позже",
        "более",
        "в",
        "течение",
        "до",
        "срок",
        "любом",
        "случае",
    }
)
_METHOD_REACH = 2  # a hedge, up to one word, then the method ("normally delivered by courier")
_BOUND_LEAD = 4  # words from an "and" to the bound it adds ("and not later than 20 days")
_CLAUSE_BREAKS = frozenset({"and", "и", "а", ";"})


def is_open(facts: SentenceFacts, term: Term) -> bool:
    """Does this "depends on" or extension term leave the time open?"""
    lexicon = facts.lexicon
    if lexicon is None or _in_condition(facts, term):
        return False
    # Both speak of time (a duration does): "extend the network" and "the price depends on the
    # floor" do not.
    if not any(q.kind == DURATION for q in facts.quantities) and not any(
        word.lower in lexicon.time_subjects or info.lemmas & lexicon.time_subjects
        for word, info in zip(facts.words, facts.infos, strict=True)
        if not (term.start <= word.start < term.end and word.lower in _TRIGGER_WORDS)
    ):
        return False
    if term.category == lx.TIME_DEPENDS:
        return not facts.has_time_bound
    if term.text.split()[-1].lower() in _FLOOR_ENDS and any(
        word.lower in _POSSIBLE for word in facts.words[: term.first_word]
    ):
        return True  # "it may take longer than 10 days": a floor, not a cap
    # "will take slightly longer … on receipt": a moment of an event caps nothing.
    return not any(
        quantity.start >= term.end and not _event_moment(facts, quantity.start)
        for quantity in facts.quantities
    )


def _event_moment(facts: SentenceFacts, start: int) -> bool:
    lexicon = facts.lexicon
    assert lexicon is not None
    first = next((word for word in facts.words if word.start >= start), None)
    return first is not None and first.lower in lexicon.event_moments


def hedge_counts(facts: SentenceFacts, term: Term) -> bool:
    """Is this hedge, escape or aspiration next to a number really a hedged bound (MEA004)?"""
    return not (
        is_target(facts, term)
        or _is_capped(facts, term)
        or _is_method(facts, term)
        or _is_exception(facts, term)
        or _is_metric(facts, term)
    )


def frequency_bounded(facts: SentenceFacts, term: Term) -> bool:
    """A frequency anywhere, or a duration or deadline in the frequency word's own clause.

    Opening hours ("Monday to Friday", «с 9:00 до 18:00») say when, not how often."""
    hours = opening_hours(facts.quantities, facts.text)
    for quantity in facts.quantities:
        if quantity in hours or _a_period(facts, quantity.start):
            continue  # "throughout the eight week investigation": how long, not how often
        if quantity.kind == FREQUENCY:
            return True
        if quantity.kind in (DURATION, DEADLINE) and not break_between(
            facts, term, quantity.start, quantity.end
        ):
            return True
    return False


def _a_period(facts: SentenceFacts, start: int) -> bool:
    lexicon = facts.lexicon
    assert lexicon is not None
    before = [word for word in facts.words if word.end <= start][-2:]
    return any(word.lower in lexicon.period_words for word in before)


def is_target(facts: SentenceFacts, term: Term) -> bool:
    """Does this aspiration next to a bound state a target ("we aim to answer within 20 s")?"""
    lexicon = facts.lexicon
    if lexicon is None or term.category != lx.ASPIRATION:
        return False
    # A target names a time or a share ("within 20 seconds", "80 % of calls") or says it is one
    # ("no less than our target of 1 bar"); "aim to offer 3 tariffs" is a hedged count.
    named = any(word.lower in _TARGET_WORDS for word in facts.words)
    if not (facts.has_time_bound or any(q.kind == PERCENT for q in facts.quantities) or named):
        return False
    first = facts.infos[term.first_word]
    return first.form in lexicon.target_leads or bool(first.lemmas & lexicon.target_leads)


def _is_metric(facts: SentenceFacts, term: Term) -> bool:
    """ "Within 30 seconds on average, measured each month": an average with its period."""
    lexicon = facts.lexicon
    if lexicon is None:
        return False
    if not facts.term_has(term, lexicon.average_words):
        return False
    # "Average wait does not exceed 7 minutes" caps the average: a metric's target.
    capped = any(
        cap.category == lx.HARD_CAP
        and any(q.is_time and 0 <= q.start - cap.end <= _CAP_REACH for q in facts.quantities)
        for cap in facts.terms
    )
    return capped or any(info.lemmas & lexicon.metric_periods for info in facts.infos)


def _is_exception(facts: SentenceFacts, term: Term) -> bool:
    """ "In exceptional circumstances … up to 8 weeks": the exception comes with its own bound."""
    lexicon = facts.lexicon
    if lexicon is None or not facts.has_amount:
        return False
    before = [word for word in facts.words if word.end <= term.start][-2:]
    if any(word.lower in _EXCEPT for word in before):
        return False  # "unless exceptional circumstances apply": the exception has no bound
    return facts.term_has(term, lexicon.exception_words)


def _is_capped(facts: SentenceFacts, term: Term) -> bool:
    lexicon = facts.lexicon
    assert lexicon is not None
    if (term.category in (lx.HEDGE, lx.ASPIRATION) or _own_act(facts, term)) and _bound_first(
        facts, term
    ):
        # The bound first, then a hedge with its own better case. Only hedges, aims and efforts
        # with an act of their own: a condition after it ("…, unless complex") still hedges it.
        return True
    for cap in facts.terms:
        if cap.category != lx.HARD_CAP:
            continue
        capped = [q for q in facts.quantities if 0 <= q.start - cap.end <= _CAP_REACH]
        # «не позднее окончания рабочего дня», "no later than the end of the day": a moment.
        moment = any(
            0 <= word.start - cap.end <= _CAP_REACH and info.lemmas & lexicon.moment_words
            for word, info in zip(facts.words, facts.infos, strict=True)
        )
        if not capped and not moment:
            continue
        before = [token for token in facts.tokens if token.end <= cap.start]
        between = [token for token in before if token.start >= term.end]
        # A second bound: another quantity besides the capped one ("up to 10 days; usually 3",
        # «не более 7 дней, как правило — 2–3 дня»), a contrast right before the cap, or the
        # cap in a clause of its own ("we try to reply at once; please allow up to 21 days").
        if (
            (
                any(q.is_time for q in capped)
                and any(q.is_time and q not in capped for q in facts.quantities)
            )
            or any(q.end <= cap.start for q in facts.quantities)
            or (cap.end <= term.start and bool(capped))  # "up to 10 days, usually sooner"
            or (before and before[-1].lower in _CONTRASTS)
            or (
                any(token.text in (",", ";") for token in between)
                and sum(token.kind == WORD for token in between) >= _CAP_CLAUSE_WORDS
            )
        ):
            return True
    return False


def _own_act(facts: SentenceFacts, term: Term) -> bool:
    """An effort or option with its own act ("we try to do it sooner", «стараемся уложиться …»,
    «при необходимости помогает заполнить»): it qualifies that act, not the bound before it."""
    if term.category != lx.ESCAPE:
        return False
    lexicon = facts.lexicon
    assert lexicon is not None
    text = term.text.lower()
    if text.endswith(" to") or any(text.startswith(lead) for lead in lexicon.choice_leads):
        return True  # "within 3 days, depending on load": the load picks a time inside the bound
    following = [
        info for word, info in zip(facts.words, facts.infos, strict=True) if word.start >= term.end
    ][:1]
    return bool(following) and following[0].pos in ("INFN", "VERB")


def _bound_first(facts: SentenceFacts, term: Term) -> bool:
    """ "Dispatched within 24 hours (usually the same day)", «не более 7 дней, как правило —
    2–3 дня»: the bound is stated whole before the hedge, which only adds a better usual case
    in a clause of its own."""
    for quantity in facts.quantities:
        if not quantity.is_time or quantity.end > term.start:
            continue
        between = [t for t in facts.tokens if quantity.end <= t.start and t.end <= term.start]
        later = [q for q in facts.quantities if q.start >= term.end]
        own = any(word.start >= term.end for word in facts.words)  # "…, normally." hedges it
        if (
            own
            and between
            and all(t.kind != WORD or t.lower in _CONTRASTS for t in between)
            and any(t.text in _CLAUSE_ENDS for t in between)
            and (not later or all(q.is_time for q in later))
        ):
            return True
    return False


def _is_method(facts: SentenceFacts, term: Term) -> bool:
    lexicon = facts.lexicon
    if lexicon is None or term.category not in (lx.HEDGE, lx.ESCAPE):
        return False
    # The marker right after the hedge, or after one word of it ("normally delivered by …"),
    # with no punctuation between: "Usually, in stock items ship …" is no method.
    after = [token for token in facts.tokens if token.start >= term.end][:_METHOD_REACH]
    marker = next(
        (
            index
            for index, token in enumerate(after)
            if token.kind == WORD and token.lower in lexicon.method_markers
        ),
        None,
    )
    if marker is None or any(token.kind != WORD for token in after[:marker]):
        return False
    # The bound comes first ("sent within 2 days, normally by courier") or not after it at all;
    # "usually appear on your statement within 5 days" hedges the bound.
    if any(q.is_time and q.start >= term.end for q in facts.quantities) and not any(
        q.is_time and q.end <= term.start for q in facts.quantities
    ):
        return False
    # "normally by 5 pm", «обычно через 2 дня»: a time after the marker is the bound itself.
    return not any(term.end <= q.start <= after[marker].end + 12 for q in facts.quantities)


def _in_condition(facts: SentenceFacts, term: Term) -> bool:
    """The term sits in a clause opened by "if", «если» … (up to the comma before it).

    After a verb of telling ("tell you if it will take longer", «сообщим, будет ли срок
    продлён») the word says what to tell, and the extension is still promised.
    """
    lexicon = facts.lexicon
    assert lexicon is not None
    before = [token for token in facts.tokens if token.end <= term.start]
    for index in range(len(before) - 1, -1, -1):
        token = before[index]
        if token.text in _CLAUSE_ENDS and token.lower not in lexicon.condition_words:
            return False
        if token.lower in _MAIN_CLAUSE:
            return False  # "if we cannot reply within 30 days we will tell you when …": the promise
        if token.lower in lexicon.condition_words:
            if _after_telling(facts, before[max(0, index - _TELL_REACH) : index]):
                return False
            return term.category != lx.TIME_EXTENSION or not _only_tells(facts, term)
    return False


def _only_tells(facts: SentenceFacts, term: Term) -> bool:
    """ "If we need more time, we will let you know": the promise answering the condition only
    tells of the delay and bounds nothing, so the extension is left open."""
    lexicon = facts.lexicon
    assert lexicon is not None
    after = [token for token in facts.tokens if token.start >= term.end]
    end = next((i for i, token in enumerate(after) if token.text in _CLAUSE_ENDS), None)
    if end is None:
        return False
    main = after[end + 1 :]
    if not main or any(q.start >= main[0].start for q in facts.quantities):
        return False
    # The telling is the answer itself: "we will let you know", not "it will do so by sending
    # a written notice".
    starts = {token.start for token in main if token.kind == WORD}
    starts = set(sorted(starts)[:_ANSWER_WORDS])
    return any(
        info.lemmas & lexicon.telling_verbs
        for word, info in zip(facts.words, facts.infos, strict=True)
        if word.start in starts
    )


def _after_telling(facts: SentenceFacts, tokens: list[Token]) -> bool:
    lexicon = facts.lexicon
    assert lexicon is not None
    for token in tokens:
        if token.kind != WORD:
            continue
        index = next(i for i, word in enumerate(facts.words) if word.start == token.start)
        if facts.infos[index].lemmas & lexicon.telling_verbs:
            return True
    return False


def _leads_to_bound(
    facts: SentenceFacts, tokens: tuple[Token, ...], index: int, start: int
) -> bool:
    """Only words of a bound ("within", "no later than") lie between the "and" and the bound."""
    lexicon = facts.lexicon
    assert lexicon is not None
    following = tokens[index + 1 : index + 1 + _BOUND_LEAD]
    for token in following:
        if token.start >= start:
            return True
        if token.lower not in lexicon.comparators and token.lower not in _BOUND_WORDS:
            return False
    return False


def break_between(facts: SentenceFacts, term: Term, start: int, end: int) -> bool:
    """Does an "and", «и» or ";" start a new clause between ``term`` and a quantity?

    "As soon as possible and within 20 working days": an "and" right before the bound (up to a
    comparator such as "within") joins two bounds of one promise, not two clauses.
    """
    low, high = (term.end, start) if term.end <= start else (end, term.start)
    quantities = facts.quantities
    tokens = facts.tokens
    for index, token in enumerate(tokens):
        inside = low <= token.start and token.end <= high and token.lower in _CLAUSE_BREAKS
        if not inside or any(q.start <= token.start and token.end <= q.end for q in quantities):
            continue
        if term.end <= start and _leads_to_bound(facts, tokens, index, start):
            continue  # "… and within 20 days", «… и не позднее 3 дней»
        return True
    return False

"""STR rules about inline suppression comments: each must be needed and explained."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.i18n import Text, quote
from stdlint.parse.suppressions import Suppression
from stdlint.rules.base import Context, Located, SuppressionRule


class UnusedSuppression(SuppressionRule):
    """A suppression comment that silences nothing.

    ## What it does
    Flags each rule named in a `stdlint-disable…` comment that had no finding to silence where
    the comment applies, a rule code or name that does not exist, and a comment naming no rule.

    ## Why it matters
    A suppression outlives the wording it was written for: once the sentence is fixed, the
    comment would silently wave through the next problem on that line.

    ## Example
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---

    # Greeting on the phone <!-- stdlint-disable-line STR011 -- the H1 is shortened -->

    ## Rule

    1. Answer within three rings.

    ## Why

    A caller who waits longer is more likely to hang up.

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

    # Phone greeting <!-- stdlint-disable-line STR011 -- the H1 is shortened -->

    ## Rule

    1. Answer within three rings.

    ## Why

    A caller who waits longer is more likely to hang up.

    ## How we check

    A supervisor listens to ten recorded calls a week.
    ```
    """

    code, name = "STR012", "unused-suppression"
    criterion, default_severity = Criterion.STRUCTURE, Severity.WARNING
    _unused = Text(
        en="the suppression of {rule} silences nothing here",
        ru="подавление {rule} здесь ничего не скрывает",
    )
    _unused_hint = Text(en="remove it from the comment", ru="уберите его из комментария")
    _unknown = Text(en="{rule} is not a stdlint rule", ru="{rule} — не правило stdlint")
    _unknown_hint = Text(
        en="write a rule code such as STR011 (see “stdlint explain”)",
        ru="укажите код правила, например STR011 (см. «stdlint explain»)",
    )
    _empty = Text(en="the suppression names no rule", ru="в подавлении не указано правило")
    _empty_hint = Text(
        en="name the rules to silence: “stdlint-disable-next-line CODE -- reason”",
        ru="укажите правила: «stdlint-disable-next-line КОД -- причина»",
    )

    def check_suppressions(
        self,
        doc: Located,
        suppressions: Sequence[Suppression],
        ctx: Context,
        known: frozenset[str],
    ) -> Iterator[Diagnostic]:
        """Unknown, unused and empty suppressions."""
        for item in suppressions:
            if not item.rules:
                yield self.report(doc, item.span, self._empty, self._empty_hint)
            for rule in item.rules:
                if rule not in known:
                    yield self.report(
                        doc,
                        item.span,
                        self._unknown,
                        self._unknown_hint,
                        rule,
                        rule=quote(doc.lang, rule),
                    )
                elif rule not in item.used:
                    yield self.report(
                        doc,
                        item.span,
                        self._unused,
                        self._unused_hint,
                        rule,
                        rule=quote(doc.lang, rule),
                    )


class UnexplainedSuppression(SuppressionRule):
    """A suppression comment that does not say why.

    ## What it does
    Flags a `stdlint-disable…` comment with no reason after ` -- `, unless `handbook.yml` sets
    `suppressions: {require_reason: false}`. The suppression still applies.

    ## Why it matters
    Text rules are fuzzy and a finding may be waved through, but the reviewer of the change must
    see why it was: "the law requires this wording" is a reason; silence is not.

    ## Example
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---

    # Phone greeting <!-- stdlint-disable-line STR011 -->

    ## Rule

    1. Answer within three rings.

    ## Why

    A caller who waits longer is more likely to hang up.

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

    # Phone greeting <!-- stdlint-disable-line STR011 -- the menu needs a short title -->

    ## Rule

    1. Answer within three rings.

    ## Why

    A caller who waits longer is more likely to hang up.

    ## How we check

    A supervisor listens to ten recorded calls a week.
    ```

    ## Options
    `suppressions.require_reason` in `handbook.yml` (default `true`).
    """

    code, name = "STR013", "unexplained-suppression"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR
    _message = Text(en="the suppression gives no reason", ru="в подавлении не указана причина")
    _suggestion = Text(
        en="add the reason after “--”: “<!-- stdlint-disable-next-line CODE -- why -->”",
        ru="добавьте причину после «--»: «<!-- stdlint-disable-next-line КОД -- почему -->»",
    )

    def check_suppressions(
        self,
        doc: Located,
        suppressions: Sequence[Suppression],
        ctx: Context,
        known: frozenset[str],
    ) -> Iterator[Diagnostic]:
        """One finding per suppression without a reason."""
        if not ctx.profile.suppressions.require_reason:
            return
        for item in suppressions:
            if item.rules and not item.reason:
                yield self.report(doc, item.span, self._message, self._suggestion)

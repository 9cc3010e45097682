"""CUR: currency — every standard is owned, approved, and reviewed on schedule."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import date
from typing import ClassVar

from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.handbook import is_active, is_retired, review_due
from stdlint.i18n import Lang, Text, quote
from stdlint.parse.document import Document
from stdlint.parse.facts import Facts
from stdlint.parse.models import StandardMeta
from stdlint.rules.base import Context, DocumentRule, FactsRule, HandbookRule


def _active(doc: Document | Facts) -> StandardMeta | None:
    return doc.meta if is_active(doc.meta) else None


def _date_text(lang: Lang, day: date) -> str:
    return day.strftime("%d.%m.%Y") if lang is Lang.RU else day.isoformat()


class ReviewOverdue(FactsRule):
    """An active standard whose review date has passed.

    ## What it does
    Adds `review_every` (or the profile's `review.every`, 6 months by default) to
    `last_reviewed` (or to `approved_on` if there has been no review) and flags an active
    standard whose review was due before `--today`.

    ## Why it matters
    Currency: prices, systems and channels change; a standard nobody has looked at for a year
    teaches staff yesterday's process.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    owner: Head of support
    approved_by: Service director
    approved_on: 2024-01-15
    last_reviewed: 2025-01-15
    review_every: 6 months
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    owner: Head of support
    approved_by: Service director
    approved_on: 2024-01-15
    last_reviewed: 2026-04-15
    review_every: 6 months
    ---
    ```
    """

    code, name = "CUR001", "review-overdue"
    criterion, default_severity = Criterion.CURRENCY, Severity.ERROR
    _message = Text(en="the review was due on {due}", ru="срок пересмотра истёк {due}")
    _suggestion = Text(
        en="review the standard with its owner and set “last_reviewed” to the review date",
        ru="пересмотрите стандарт с его владельцем и укажите дату в «last_reviewed»",
    )

    def check_standard(self, doc: Facts, ctx: Context) -> Iterator[Diagnostic]:
        """A finding when the review date is before today."""
        meta = _active(doc)
        if meta is None:
            return
        due = review_due(meta, ctx.profile)
        if due is not None and due[0] < ctx.today:
            span = doc.position((due[1],), value=True)
            yield self.report(
                doc, span, self._message, self._suggestion, due=_date_text(doc.lang, due[0])
            )


class ReviewDueSoon(FactsRule):
    """An active standard whose review falls due within the warning horizon.

    ## What it does
    Flags an active standard whose next review (see CUR001) is due within the profile's
    `review.warn_within` (30 days by default) of `--today`.

    ## Why it matters
    Currency: a review needs the owner's time; a warning a month ahead lets them plan it
    instead of finding a blocked merge request.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    owner: Head of support
    approved_by: Service director
    approved_on: 2025-12-10
    review_every: 6 months
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    owner: Head of support
    approved_by: Service director
    approved_on: 2025-12-10
    last_reviewed: 2026-05-20
    review_every: 6 months
    ---
    ```

    ## Options
    `review: {warn_within: 30 days}` in `handbook.yml`.
    """

    code, name = "CUR002", "review-due-soon"
    criterion, default_severity = Criterion.CURRENCY, Severity.WARNING
    _message = Text(en="the review is due on {due}", ru="пересмотр нужен до {due}")
    _suggestion = Text(
        en="plan the review with the owner before that date",
        ru="запланируйте пересмотр с владельцем до этой даты",
    )

    def check_standard(self, doc: Facts, ctx: Context) -> Iterator[Diagnostic]:
        """A finding when the review falls due within the horizon."""
        meta = _active(doc)
        if meta is None:
            return
        due = review_due(meta, ctx.profile)
        horizon = ctx.profile.review.warn_within.after(ctx.today)  # None: the calendar's end
        if due is not None and ctx.today <= due[0] and (horizon is None or due[0] <= horizon):
            span = doc.position((due[1],), value=True)
            yield self.report(
                doc, span, self._message, self._suggestion, due=_date_text(doc.lang, due[0])
            )


class MissingGovernance(DocumentRule):
    """An active standard without an owner or an approval.

    ## What it does
    Flags an active standard that lacks `owner`, `approved_by` or `approved_on`. Drafts are not
    checked: they are not yet approved.

    ## Why it matters
    Currency: without an owner nobody reviews the standard; without an approval staff cannot
    tell a rule from someone's opinion, and the review clock has no start.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    owner: Head of support
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    owner: Head of support
    approved_by: Service director
    approved_on: 2026-03-01
    ---
    ```
    """

    code, name = "CUR003", "missing-governance"
    criterion, default_severity = Criterion.CURRENCY, Severity.ERROR
    _message = Text(
        en="the active standard has no “{field}”", ru="у действующего стандарта нет поля «{field}»"
    )
    _suggestion = Text(
        en="add “{field}: …” to the front matter ({what})",
        ru="добавьте в шапку «{field}: …» ({what})",
    )
    _what: ClassVar[dict[str, Text]] = {
        "owner": Text(en="who keeps it current", ru="кто отвечает за актуальность"),
        "approved_by": Text(en="who approved it", ru="кто утвердил"),
        "approved_on": Text(en="the approval date, YYYY-MM-DD", ru="дата утверждения, ГГГГ-ММ-ДД"),
    }

    _empty = Text(
        en="“{field}” of the active standard is empty",
        ru="у действующего стандарта пустое поле «{field}»",
    )
    _fill = Text(
        en="write it after “{field}:” ({what})", ru="впишите его после «{field}:» ({what})"
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per missing or empty field (an invalid value is STR004's)."""
        meta = _active(doc)
        if meta is None or doc.front_matter is None:
            return
        written = doc.front_matter.data
        for field, what in self._what.items():
            if getattr(meta, field):
                continue
            # A key written with no value («approved_by:», as `stdlint new` leaves it) is
            # reported at its line; a value that is not valid is reported by STR004.
            present = field in written
            if present and written[field] is not None:
                continue
            yield self.report(
                doc,
                doc.front_matter.position((field,)) if present else Span.point(1),
                self._empty if present else self._message,
                self._fill if present else self._suggestion,
                field,
                field=field,
                what=what.render(doc.lang),
            )


class DateInFuture(FactsRule):
    """An approval or review dated after today.

    ## What it does
    Flags `approved_on` or `last_reviewed` later than `--today`, and a review dated before the
    approval.

    ## Why it matters
    Currency: a date in the future is a typo (2062 for 2026) that postpones every review
    reminder by years.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    approved_on: 2062-03-01
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    approved_on: 2026-03-01
    ---
    ```
    """

    code, name = "CUR004", "date-in-future"
    criterion, default_severity = Criterion.CURRENCY, Severity.ERROR
    _future = Text(
        en="“{field}” is {day}, after today", ru="«{field}» — {day}, это позже сегодняшнего дня"
    )
    _future_hint = Text(en="check the year and the month", ru="проверьте год и месяц")
    _order = Text(
        en="the review ({day}) is dated before the approval",
        ru="пересмотр ({day}) датирован раньше утверждения",
    )
    _order_hint = Text(en="check both dates", ru="проверьте обе даты")

    def check_standard(self, doc: Facts, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per impossible date."""
        meta = doc.meta
        if meta is None:
            return
        for field in ("approved_on", "last_reviewed"):
            day = getattr(meta, field)
            if day is not None and day > ctx.today:
                span = doc.position((field,), value=True)
                yield self.report(
                    doc,
                    span,
                    self._future,
                    self._future_hint,
                    field,
                    field=field,
                    day=day.isoformat(),
                )
        if meta.approved_on and meta.last_reviewed and meta.last_reviewed < meta.approved_on:
            span = doc.position(("last_reviewed",), value=True)
            yield self.report(
                doc, span, self._order, self._order_hint, day=meta.last_reviewed.isoformat()
            )


class LinkToRetired(HandbookRule):
    """An active standard that links to a retired one.

    ## What it does
    Follows every Markdown link from an active standard to another file of the handbook and
    flags the link when that standard is retired.

    ## Why it matters
    Currency: staff who follow the link land on a rule that no longer applies.

    ## Example
    ```markdown title="greeting.md"
    ---
    id: phone-greeting
    title: Greeting
    lang: en
    status: active
    ---

    ## Rule

    1. Greet the caller as the [old script](old-script.md) says.
    ```
    ```markdown title="old-script.md"
    ---
    id: old-script
    title: Old script
    lang: en
    status: retired
    ---
    ```

    ## Use instead
    ```markdown title="greeting.md"
    ---
    id: phone-greeting
    title: Greeting
    lang: en
    status: active
    ---

    ## Rule

    1. Greet the caller as the [script](script.md) says.
    ```
    ```markdown title="script.md"
    ---
    id: script
    title: Script
    lang: en
    status: active
    ---
    ```
    """

    code, name = "CUR005", "link-to-retired"
    criterion, default_severity = Criterion.CURRENCY, Severity.WARNING
    _message = Text(
        en="the link goes to {target}, a retired standard",
        ru="ссылка ведёт на {target} — отменённый стандарт",
    )
    _suggestion = Text(
        en="link to the standard that replaced it, or remove the link",
        ru="дайте ссылку на стандарт, который его заменил, или удалите ссылку",
    )

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """One finding per link from an active standard to a retired one."""
        # Only a retired standard can be the target of a finding: the others' real paths
        # (a call to the file system each) are never looked up.
        retired = {
            os.path.realpath(doc.path): doc
            for doc in standards
            if doc.meta is not None and is_retired(doc.meta)
        }
        for doc in standards if retired else ():
            if not is_active(doc.meta):
                continue
            for link in doc.links:
                if "://" in link.target or link.target.startswith(("#", "mailto:")):
                    continue
                target_path = os.path.realpath(doc.path.parent / link.target.split("#")[0])
                target = retired.get(target_path)
                if target is not None and target.meta is not None:
                    yield self.report(
                        doc,
                        link.span,
                        self._message,
                        self._suggestion,
                        link.target,
                        target=quote(doc.lang, target.meta.title),
                    )


class SupersededButActive(HandbookRule):
    """A standard that another active standard supersedes, but which is still active.

    ## What it does
    For every active standard with `supersedes`, flags each superseded standard that is still
    active, and each superseded id that no standard of the handbook has.

    ## Why it matters
    Currency: two active standards for one situation contradict each other; staff follow the
    one they find first.

    ## Example
    ```markdown title="new.md"
    ---
    id: phone-greeting-2026
    title: Greeting
    lang: en
    status: active
    supersedes: [phone-greeting]
    ---
    ```
    ```markdown title="old.md"
    ---
    id: phone-greeting
    title: Greeting (2024)
    lang: en
    status: active
    ---
    ```

    ## Use instead
    ```markdown title="new.md"
    ---
    id: phone-greeting-2026
    title: Greeting
    lang: en
    status: active
    supersedes: [phone-greeting]
    ---
    ```
    ```markdown title="old.md"
    ---
    id: phone-greeting
    title: Greeting (2024)
    lang: en
    status: retired
    ---
    ```
    """

    code, name = "CUR006", "superseded-but-active"
    criterion, default_severity = Criterion.CURRENCY, Severity.ERROR
    _message = Text(
        en="the standard is still active, but {newer} supersedes it",
        ru="стандарт всё ещё действует, хотя его заменяет {newer}",
    )
    _suggestion = Text(en="set “status: retired”", ru="укажите «status: retired»")
    _unknown = Text(
        en="“supersedes” names {old}, which is not in the handbook",
        ru="в «supersedes» указан {old}, которого нет в справочнике",
    )
    _unknown_hint = Text(
        en="check the id of the standard this one replaces",
        ru="проверьте id стандарта, который заменяет этот",
    )

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """Findings on superseded standards that are still active, and on unknown ids."""
        by_id: dict[str, list[Facts]] = {}
        for doc in standards:
            if doc.meta is not None:
                by_id.setdefault(doc.meta.id, []).append(doc)
        for doc in standards:
            meta = doc.meta
            if meta is None or not is_active(meta):
                continue
            for index, old_id in enumerate(meta.supersedes):
                if old_id not in by_id:
                    span = doc.position(("supersedes", index), value=True)
                    yield self.report(
                        doc,
                        span,
                        self._unknown,
                        self._unknown_hint,
                        old_id,
                        old=quote(doc.lang, old_id),
                    )
                    continue
                for old in by_id[old_id]:
                    if is_active(old.meta):
                        span = old.position(("status",), value=True)
                        newer = quote(old.lang, doc.display_path)
                        yield self.report(old, span, self._message, self._suggestion, newer=newer)

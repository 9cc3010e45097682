"""CMP: completeness — the whole journey, every required channel and dimension is covered."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.handbook import (
    covered_cells,
    covered_stages,
    dimension_coverage,
    dimensions_tracked,
    is_active,
    required_cells,
)
from stdlint.i18n import Text
from stdlint.parse.document import Document
from stdlint.parse.facts import Facts
from stdlint.rules.base import Context, DocumentRule, HandbookRule


class StageWithoutStandard(HandbookRule):
    """A journey stage that no active standard covers.

    ## What it does
    Flags, in `handbook.yml`, each stage of `journey` that no active standard lists in its own
    `journey`. Reported when the whole handbook is checked.

    ## Why it matters
    Completeness: a handbook full of greeting rules and silent about closing a contract leaves
    the customer alone exactly where they decide whether to stay.

    ## Example
    ```yaml title="handbook.yml"
    standards: ["."]
    journey: [{id: order}, {id: support}]
    ```
    ```markdown title="support.md"
    ---
    id: support-call
    title: Support call
    lang: en
    status: active
    journey: [support]
    ---
    ```

    ## Use instead
    ```yaml title="handbook.yml"
    standards: ["."]
    journey: [{id: order}, {id: support}]
    ```
    ```markdown title="support.md"
    ---
    id: support-call
    title: Support call
    lang: en
    status: active
    journey: [order, support]
    ---
    ```
    """

    code, name = "CMP001", "stage-without-standard"
    criterion, default_severity = Criterion.COMPLETENESS, Severity.ERROR
    _message = Text(
        en="no active standard covers the stage “{stage}”",
        ru="ни один действующий стандарт не охватывает этап «{stage}»",
    )
    _suggestion = Text(
        en="write a standard for it (journey: [{id}]), or remove the stage from the journey",
        ru="напишите для него стандарт (journey: [{id}]) или уберите этап из пути клиента",
    )

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """One finding per uncovered stage."""
        covered = covered_stages(standards)
        lang = ctx.profile.default_lang
        for index, stage in enumerate(ctx.profile.journey):
            if stage.id not in covered:
                yield self.in_profile(
                    ctx,
                    ("journey", index),
                    self._message,
                    self._suggestion,
                    stage.id,
                    stage=stage.name(lang),
                    id=stage.id,
                )


class CellWithoutStandard(HandbookRule):
    """A required stage × channel cell with no active standard.

    ## What it does
    For each cell that `coverage.required` asks for (`all` cells, or a list of
    `{stage, channel}`), minus `coverage.not_applicable`, flags the cell when no active standard
    lists both the stage and the channel.

    ## Why it matters
    Completeness: customers who write in the chat deserve the same promise as those who call;
    the coverage map shows which channel of which stage has no rule at all.

    ## Example
    ```yaml title="handbook.yml"
    standards: ["."]
    journey: [{id: support}]
    channels: [phone, chat]
    coverage: {required: all}
    ```
    ```markdown title="support.md"
    ---
    id: support-call
    title: Support call
    lang: en
    status: active
    journey: [support]
    channels: [phone]
    ---
    ```

    ## Use instead
    ```yaml title="handbook.yml"
    standards: ["."]
    journey: [{id: support}]
    channels: [phone, chat]
    coverage:
      required: all
      not_applicable: [{stage: support, channel: chat}]
    ```
    ```markdown title="support.md"
    ---
    id: support-call
    title: Support call
    lang: en
    status: active
    journey: [support]
    channels: [phone]
    ---
    ```

    ## Options
    `coverage: {required: all | none | [{stage, channel}], not_applicable: [{stage, channel}]}`.
    """

    code, name = "CMP002", "cell-without-standard"
    criterion, default_severity = Criterion.COMPLETENESS, Severity.ERROR
    _message = Text(
        en="no active standard covers “{stage}” on “{channel}”",
        ru="нет действующего стандарта для этапа «{stage}» в канале «{channel}»",
    )
    _suggestion = Text(
        en="write one (journey: [{stage_id}], channels: [{channel_id}]), or declare the cell "
        "not applicable in coverage.not_applicable",
        ru="напишите его (journey: [{stage_id}], channels: [{channel_id}]) или отметьте ячейку "
        "в coverage.not_applicable",
    )

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """One finding per empty required cell."""
        covered = covered_cells(standards)
        profile, lang = ctx.profile, ctx.profile.default_lang
        stages = {stage.id: (index, stage) for index, stage in enumerate(profile.journey)}
        channels = {channel.id: channel for channel in profile.channels}
        for cell in required_cells(profile):
            index, stage_id, channel_id = cell.index, cell.stage, cell.channel
            if (stage_id, channel_id) in covered:
                continue
            where: tuple[str | int, ...] = (
                ("coverage", "required", index)
                if index is not None
                else ("journey", stages[stage_id][0])
                if stage_id in stages
                else ("coverage",)
            )
            stage_name = stages[stage_id][1].name(lang) if stage_id in stages else stage_id
            channel_name = channels[channel_id].name(lang) if channel_id in channels else channel_id
            yield self.in_profile(
                ctx,
                where,
                self._message,
                self._suggestion,
                f"{stage_id}/{channel_id}",
                stage=stage_name,
                channel=channel_name,
                stage_id=stage_id,
                channel_id=channel_id,
            )


class DimensionNotCovered(HandbookRule):
    """A quality dimension that no active standard addresses.

    ## What it does
    Flags, in `handbook.yml`, each of the profile's `dimensions` (by default availability,
    courtesy, consistency, accuracy, responsiveness, efficiency) that no active standard lists
    in its `dimensions`. A handbook that has not adopted dimensions — `handbook.yml` keeps the
    default list and no active standard names one — is not checked (`stdlint coverage` says
    the same).

    ## Why it matters
    Completeness: the six dimensions are the minimum every service needs; a handbook about
    speed alone says nothing of accuracy, and customers notice both.

    ## Example
    ```yaml title="handbook.yml"
    standards: ["."]
    dimensions: [availability, accuracy]
    ```
    ```markdown title="support.md"
    ---
    id: support-call
    title: Support call
    lang: en
    status: active
    dimensions: [availability]
    ---
    ```

    ## Use instead
    ```yaml title="handbook.yml"
    standards: ["."]
    dimensions: [availability, accuracy]
    ```
    ```markdown title="support.md"
    ---
    id: support-call
    title: Support call
    lang: en
    status: active
    dimensions: [availability, accuracy]
    ---
    ```
    """

    code, name = "CMP003", "dimension-not-covered"
    criterion, default_severity = Criterion.COMPLETENESS, Severity.WARNING
    _message = Text(
        en="no active standard addresses the dimension “{dimension}”",
        ru="ни один действующий стандарт не затрагивает измерение «{dimension}»",
    )
    _suggestion = Text(
        en="add “{id}” to the dimensions of the standard that covers it, or write one",
        ru="добавьте «{id}» в dimensions стандарта, который его охватывает, или напишите новый",
    )

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """One finding per uncovered dimension."""
        if not dimensions_tracked(ctx.profile, standards):
            return
        covered = dimension_coverage(ctx.profile, standards)
        lang = ctx.profile.default_lang
        for index, dimension in enumerate(ctx.profile.dimensions):
            if not covered[dimension.id]:
                yield self.in_profile(
                    ctx,
                    ("dimensions", index),
                    self._message,
                    self._suggestion,
                    dimension.id,
                    dimension=dimension.name(lang),
                    id=dimension.id,
                )


class UnverifiedStandard(DocumentRule):
    """An active standard that does not say how compliance is checked.

    ## What it does
    Flags an active standard whose front matter lists no `verification` method (for example
    `call-recording-review`, `mystery-shopper`, `customer-survey`, `supervisor-check`,
    `helpdesk-metric`).

    ## Why it matters
    Completeness: a rule nobody checks is a wish. The method in the front matter also tells
    the quality team which checks to plan.

    ## Example
    ```markdown
    ---
    id: support-call
    title: Support call
    lang: en
    status: active
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: support-call
    title: Support call
    lang: en
    status: active
    verification: [call-recording-review]
    ---
    ```
    """

    code, name = "CMP004", "unverified-standard"
    criterion, default_severity = Criterion.COMPLETENESS, Severity.WARNING
    _message = Text(
        en="the standard does not say how compliance is checked",
        ru="в стандарте не указано, как проверяется выполнение",
    )
    _suggestion = Text(
        en="add e.g. “verification: [call-recording-review, customer-survey]”",
        ru="добавьте, например, «verification: [call-recording-review, customer-survey]»",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """A finding when an active standard has no verification method."""
        meta = doc.meta
        if meta is not None and is_active(meta) and not meta.verification:
            yield self.report(doc, Span.point(1), self._message, self._suggestion)

"""MEA in front matter: every metric has a unit, a target and sensible traffic-light zones."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.handbook import SECONDS, is_speed, metric_unit
from stdlint.i18n import Text, quote
from stdlint.parse.document import Document
from stdlint.parse.models import Direction, Metric
from stdlint.parse.sections import SectionId
from stdlint.rules.base import Context, DocumentRule
from stdlint.text.quantities import DURATION


def _metrics(doc: Document) -> list[Metric]:
    return list(doc.meta.metrics) if doc.meta is not None else []


class IncompleteMetric(DocumentRule):
    """A metric without unit, target, direction or zones.

    ## What it does
    Flags each metric that lacks any of `unit`, `target`, `direction` (lower or higher is
    better) and traffic-light `zones` (`green` and `yellow` bounds; red is beyond yellow).

    ## Why it matters
    Measurability: a number without a unit or a target cannot be judged, and without zones the
    scorecard cannot say whether the team is fine, watching, or in trouble.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    metrics:
      - id: answer-time
        target: 20
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    metrics:
      - id: answer-time
        unit: seconds
        target: 20
        direction: lower
        zones: {green: 20, yellow: 40}
        counterbalance: call-rating
      - id: call-rating
        unit: "%"
        target: 90
        direction: higher
        zones: {green: 90, yellow: 80}
    ---
    ```
    """

    code, name = "MEA005", "incomplete-metric"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.ERROR
    _message = Text(en="the metric “{id}” has no {missing}", ru="у метрики «{id}» нет: {missing}")
    _suggestion = Text(
        en="add unit, target, direction (lower/higher) and zones {{green: …, yellow: …}}",
        ru="добавьте unit, target, direction (lower/higher) и zones {{green: …, yellow: …}}",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per incomplete metric."""
        for index, metric in enumerate(_metrics(doc)):
            missing = [
                key
                for key in ("unit", "target", "direction", "zones")
                if getattr(metric, key) is None
            ]
            if missing and doc.front_matter is not None:
                yield self.report(
                    doc,
                    doc.front_matter.position(("metrics", index)),
                    self._message,
                    self._suggestion,
                    metric.id,
                    id=metric.id,
                    missing=", ".join(missing),
                )


class NonMonotoneZones(DocumentRule):
    """Traffic-light zones in the wrong order for the metric's direction.

    ## What it does
    For a lower-is-better metric the green bound must not exceed the yellow one (green ≤ 20 s,
    yellow ≤ 40 s); for a higher-is-better metric green must not be below yellow (green ≥ 90 %,
    yellow ≥ 80 %).

    ## Why it matters
    Measurability: reversed zones colour a good month red and a bad one green.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    metrics:
      - id: call-rating
        unit: "%"
        target: 90
        direction: higher
        zones: {green: 80, yellow: 90}
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    metrics:
      - id: call-rating
        unit: "%"
        target: 90
        direction: higher
        zones: {green: 90, yellow: 80}
    ---
    ```
    """

    code, name = "MEA006", "non-monotone-zones"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.ERROR
    _message = Text(
        en="the zones of “{id}” are reversed: {direction} is better, "
        "green {green}, yellow {yellow}",
        ru="зоны метрики «{id}» перепутаны: лучше {direction}, зелёная {green}, жёлтая {yellow}",
    )
    _suggestion = Text(
        en="swap the green and yellow bounds", ru="поменяйте местами границы зелёной и жёлтой зон"
    )
    _directions: ClassVar[dict[Direction, Text]] = {
        Direction.LOWER: Text(en="lower", ru="меньше"),
        Direction.HIGHER: Text(en="higher", ru="больше"),
    }

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per metric whose zones are in the wrong order."""
        for index, metric in enumerate(_metrics(doc)):
            zones, direction = metric.zones, metric.direction
            if zones is None or direction is None or doc.front_matter is None:
                continue
            reversed_zones = (
                zones.green > zones.yellow
                if direction is Direction.LOWER
                else zones.green < zones.yellow
            )
            if reversed_zones:
                yield self.report(
                    doc,
                    doc.front_matter.position(("metrics", index, "zones"), value=True),
                    self._message,
                    self._suggestion,
                    metric.id,
                    id=metric.id,
                    direction=self._directions[direction].render(doc.lang),
                    green=f"{zones.green:g}",
                    yellow=f"{zones.yellow:g}",
                )


class TargetOutsideGreen(DocumentRule):
    """A target that the metric's own green zone does not include.

    ## What it does
    For a lower-is-better metric the target must be at or below the green bound; for a
    higher-is-better one, at or above it.

    ## Why it matters
    Measurability: a team that meets its target must be green; otherwise the scorecard and the
    standard contradict each other.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    metrics:
      - id: call-rating
        unit: "%"
        target: 85
        direction: higher
        zones: {green: 90, yellow: 80}
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    metrics:
      - id: call-rating
        unit: "%"
        target: 90
        direction: higher
        zones: {green: 90, yellow: 80}
    ---
    ```
    """

    code, name = "MEA007", "target-outside-green"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.ERROR
    _message = Text(
        en="the target {target} of “{id}” is outside its green zone ({green})",
        ru="цель {target} метрики «{id}» вне её зелёной зоны ({green})",
    )
    _suggestion = Text(
        en="set the target inside the green zone, or move the green bound to the target",
        ru="поставьте цель внутри зелёной зоны или сдвиньте границу зелёной зоны к цели",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per target outside green."""
        for index, metric in enumerate(_metrics(doc)):
            zones, direction, target = metric.zones, metric.direction, metric.target
            if zones is None or direction is None or target is None or doc.front_matter is None:
                continue
            outside = target > zones.green if direction is Direction.LOWER else target < zones.green
            if outside:
                yield self.report(
                    doc,
                    doc.front_matter.position(("metrics", index, "target"), value=True),
                    self._message,
                    self._suggestion,
                    metric.id,
                    id=metric.id,
                    target=f"{target:g}",
                    green=f"{zones.green:g}",
                )


class ProseContradictsTarget(DocumentRule):
    """A time in the rule that contradicts a metric's target.

    ## What it does
    For each metric measured in time (seconds to weeks), looks at the times written in the Rule
    section. If none equals the target (after converting units) and one is written in the
    metric's own unit, that one is flagged: "within 30 seconds" against a target of 20 s.

    ## Why it matters
    Measurability: staff follow the text, the scorecard follows the metric; when they disagree,
    the team is measured against a promise nobody was told about.

    ## Example
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    metrics:
      - id: answer-time
        unit: seconds
        target: 20
    ---

    ## Rule

    1. Answer every call within 30 seconds.
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    metrics:
      - id: answer-time
        unit: seconds
        target: 20
    ---

    ## Rule

    1. Answer every call within 20 seconds.
    ```
    """

    code, name = "MEA008", "prose-contradicts-target"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.ERROR
    _message = Text(
        en="{words} in the rule, but the metric “{id}” targets {target} {unit}",
        ru="в правиле {words}, а цель метрики «{id}» — {target} {unit}",
    )
    _suggestion = Text(
        en="make the rule and the metric say the same number",
        ru="приведите правило и метрику к одному числу",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per time metric that the rule contradicts."""
        times = [
            (sentence, quantity)
            for sentence in doc.sentences(SectionId.RULE)
            for quantity in ctx.language.facts(sentence.text, doc.lang).quantities
            if quantity.kind == DURATION and quantity.unit in SECONDS and quantity.value is not None
        ]
        for metric in _metrics(doc):
            unit = metric_unit(metric, doc.lang, ctx.language)
            if unit not in SECONDS or metric.target is None:
                continue
            target_seconds = metric.target * SECONDS[unit]
            if any(
                q.value * SECONDS[q.unit] == target_seconds for _, q in times if q.value and q.unit
            ):
                continue
            for sentence, quantity in times:
                if quantity.unit == unit:
                    words = sentence.text[quantity.start : quantity.end]
                    span = sentence.prose.span(
                        sentence.start + quantity.start, sentence.start + quantity.end
                    )
                    yield self.report(
                        doc,
                        span,
                        self._message,
                        self._suggestion,
                        words,
                        words=quote(doc.lang, words),
                        id=metric.id,
                        target=f"{metric.target:g}",
                        unit=metric.unit,
                    )
                    break


class SpeedWithoutCounterbalance(DocumentRule):
    """A speed metric with no quality metric to keep it honest.

    ## What it does
    Flags a metric measured in time where lower is better (answer time, time to resolve) that
    names no `counterbalance`, or names one that is not a metric of the same standard.

    ## Why it matters
    Measurability: pushing a single speed target makes staff give brush-off answers; a customer
    rating or first-contact resolution next to it shows whether speed cost quality.

    ## Example
    ```markdown
    ---
    id: ticket-resolution
    title: Resolving tickets
    lang: en
    status: active
    metrics:
      - id: time-to-resolve
        unit: hours
        target: 8
        direction: lower
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: ticket-resolution
    title: Resolving tickets
    lang: en
    status: active
    metrics:
      - id: time-to-resolve
        unit: hours
        target: 8
        direction: lower
        counterbalance: resolution-rating
      - id: resolution-rating
        unit: "%"
        target: 85
        direction: higher
    ---
    ```
    """

    code, name = "MEA009", "speed-without-counterbalance"
    criterion, default_severity = Criterion.MEASURABILITY, Severity.WARNING
    _message = Text(
        en="the speed metric “{id}” has no quality metric to balance it",
        ru="у метрики скорости «{id}» нет уравновешивающей метрики качества",
    )
    _unknown = Text(
        en="the counterbalance “{other}” of “{id}” is not a metric of this standard",
        ru="уравновешивающая метрика «{other}» для «{id}» не описана в этом стандарте",
    )
    _suggestion = Text(
        en="add a quality metric (customer rating, first-contact resolution) and name it in "
        "“counterbalance”",
        ru="добавьте метрику качества (оценка клиента, решение с первого обращения) и укажите её "
        "в «counterbalance»",
    )

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """One finding per speed metric without a valid counterbalance."""
        metrics = _metrics(doc)
        ids = {metric.id for metric in metrics}
        for index, metric in enumerate(metrics):
            if doc.front_matter is None or not is_speed(metric, doc.lang, ctx.language):
                continue
            if metric.counterbalance is None:
                span = doc.front_matter.position(("metrics", index))
                yield self.report(
                    doc, span, self._message, self._suggestion, metric.id, id=metric.id
                )
            elif metric.counterbalance not in ids:
                span = doc.front_matter.position(("metrics", index, "counterbalance"), value=True)
                yield self.report(
                    doc,
                    span,
                    self._unknown,
                    self._suggestion,
                    metric.counterbalance,
                    id=metric.id,
                    other=metric.counterbalance,
                )

"""CNS001: one target per metric and channel across the handbook."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence

from stdlint.diagnostics import Criterion, Diagnostic, Severity
from stdlint.handbook import is_active
from stdlint.i18n import Text, quote
from stdlint.parse.facts import Facts
from stdlint.rules.base import Context, HandbookRule
from stdlint.rules.consistency.differences import number_text


class ConflictingTargets(HandbookRule):
    """Two active standards promise different targets for one metric on one channel.

    ## What it does
    Groups the metrics of active standards by metric `id` and channel, and flags each metric
    whose target differs from another standard's target for the same pair. Translations (the
    same standard `id`) are compared by CNS002 instead.

    ## Why it matters
    Consistency: if the phone standard promises an answer in 20 seconds and the complaints
    standard 60 seconds, the customer gets whichever agent they reach, and reports disagree.

    ## Example
    ```markdown title="a.md"
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    channels: [phone]
    metrics: [{id: answer-time, unit: seconds, target: 20}]
    ---
    ```
    ```markdown title="b.md"
    ---
    id: complaint-call
    title: Complaint calls
    lang: en
    status: active
    channels: [phone]
    metrics: [{id: answer-time, unit: seconds, target: 60}]
    ---
    ```

    ## Use instead
    ```markdown title="a.md"
    ---
    id: phone-answer
    title: Answering the phone
    lang: en
    status: active
    channels: [phone]
    metrics: [{id: answer-time, unit: seconds, target: 20}]
    ---
    ```
    ```markdown title="b.md"
    ---
    id: complaint-call
    title: Complaint calls
    lang: en
    status: active
    channels: [phone]
    metrics: [{id: answer-time, unit: seconds, target: 20}]
    ---
    ```
    """

    code, name = "CNS001", "conflicting-targets"
    criterion, default_severity = Criterion.CONSISTENCY, Severity.ERROR
    _message = Text(
        en="“{metric}” on “{channel}” targets {target} here but {other_target} in {other}",
        ru="«{metric}» в канале «{channel}»: здесь цель {target}, а в {other} — {other_target}",
    )
    _suggestion = Text(
        en="agree one target with both owners and write it in both standards",
        ru="согласуйте одну цель с владельцами обоих стандартов и укажите её в обоих",
    )

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """One finding on each metric that disagrees with another standard's."""
        groups: dict[tuple[str, str], list[tuple[Facts, int]]] = defaultdict(list)
        for doc in standards:
            meta = doc.meta
            if meta is None or not is_active(meta):
                continue
            for index, metric in enumerate(meta.metrics):
                if metric.target is None:
                    continue
                for channel in meta.channels or ["*"]:
                    groups[(metric.id, channel)].append((doc, index))
        reported: set[tuple[str, int]] = set()
        for (metric_id, channel), members in groups.items():
            candidates = _first_of_each_target(members)
            for doc, index in members:
                assert doc.meta is not None
                target = doc.meta.metrics[index].target
                # The first other standard, in handbook order, whose target differs.
                for other, other_index in candidates:
                    assert other.meta is not None
                    other_target = other.meta.metrics[other_index].target
                    if other.meta.id == doc.meta.id or other_target == target:
                        continue
                    if (doc.display_path, index) in reported:
                        break
                    reported.add((doc.display_path, index))
                    yield self.report(
                        doc,
                        doc.position(("metrics", index, "target"), value=True),
                        self._message,
                        self._suggestion,
                        metric_id,
                        metric=metric_id,
                        channel=channel,
                        target=number_text(target),
                        other_target=number_text(other_target),
                        other=quote(doc.lang, other.display_path),
                    )
                    break


def _first_of_each_target(members: list[tuple[Facts, int]]) -> list[tuple[Facts, int]]:
    """For each target value, its first two members of different standards, in their order.

    Whatever a member's own id and target, the first member of the group with another id and
    another target is among these; so each member is matched in a few steps, not against the
    whole group (a thousand standards sharing one target made the rule quadratic).
    """
    kept: list[tuple[Facts, int]] = []
    ids_by_target: dict[object, list[str]] = defaultdict(list)
    for doc, index in members:
        assert doc.meta is not None
        ids = ids_by_target[doc.meta.metrics[index].target]
        if len(ids) < 2 and doc.meta.id not in ids:
            ids.append(doc.meta.id)
            kept.append((doc, index))
    return kept


Bound = tuple[float, str | None]  # (value, unit name as the language engine reports it)

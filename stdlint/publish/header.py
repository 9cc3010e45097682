"""The header of a published standard: owner, status, review badge, stages, channels, metrics.

The header is plain data (strings, lists and dicts) put into the page's metadata under
``stdlint``, so a template that reads only page metadata can show it: the plugin fills it in
during a build, and ``stdlint site`` writes it into the front matter of the pages it copies.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from stdlint.config import Profile
from stdlint.handbook import review
from stdlint.i18n import Lang
from stdlint.parse.models import Direction, Metric, StandardMeta
from stdlint.publish import labels
from stdlint.text.morph import agree_with_number


def page_header(meta: StandardMeta, profile: Profile, today: date, lang: Lang) -> dict[str, Any]:
    """The header of the standard ``meta`` as it is shown on its page, in ``lang``."""
    state = review(meta, profile, today)
    stages = {stage.id: stage for stage in profile.journey}
    channels = {channel.id: channel for channel in profile.channels}
    roles = {role.id: role for role in profile.roles}
    return {
        "owner": meta.owner or "—",
        "status": meta.status.value,
        "status_label": labels.STATUS[meta.status].render(lang),
        "approved_by": meta.approved_by or "",
        "approved_on": _day(meta.approved_on),
        "review": state.state.value,
        "review_label": labels.REVIEW_STATE[state.state].render(lang),
        "last_review": _day(state.last),
        "next_review": _day(state.due),
        "stages": [stages[s].name(lang) if s in stages else s for s in meta.journey],
        "channels": [channels[c].name(lang) if c in channels else c for c in meta.channels],
        "roles": [roles[r].name(lang) if r in roles else r for r in meta.roles],
        "metrics": [_metric(metric, meta.metrics, lang) for metric in meta.metrics],
        "labels": {
            key: text.render(lang)
            for key, text in {
                "owner": labels.OWNER,
                "status": labels.STATUS_LABEL,
                "last_review": labels.LAST_REVIEW,
                "next_review": labels.NEXT_REVIEW,
                "stages": labels.STAGES,
                "channels": labels.CHANNELS,
                "roles": labels.ROLES,
                "metrics": labels.METRICS,
                "metric": labels.METRIC,
                "target": labels.TARGET,
                "green": labels.ZONE_NAMES["green"],
                "yellow": labels.ZONE_NAMES["yellow"],
                "red": labels.ZONE_NAMES["red"],
            }.items()
        },
    }


def tags(meta: StandardMeta, profile: Profile, lang: Lang) -> list[str]:
    """The page's tags: its channels and roles by name, then its own tags."""
    header_channels = {channel.id: channel.name(lang) for channel in profile.channels}
    header_roles = {role.id: role.name(lang) for role in profile.roles}
    names = [header_channels.get(c, c) for c in meta.channels]
    names += [header_roles.get(r, r) for r in meta.roles]
    names += meta.tags
    return list(dict.fromkeys(names))


def _day(day: date | None) -> str:
    return day.isoformat() if day else "—"


def _metric(metric: Metric, siblings: Sequence[Metric], lang: Lang) -> dict[str, str]:
    row = {
        "name": metric.name or metric.id,
        "id": metric.id,
        "target": _amount(metric.target, metric.unit, lang),
        "direction": labels.DIRECTION[metric.direction].render(lang) if metric.direction else "",
        "green": "",
        "yellow": "",
        "red": "",
        "counterbalance": "",
    }
    if metric.zones is not None and metric.direction is not None:
        green, yellow = metric.zones.green, metric.zones.yellow
        better, worse = ("≤", ">") if metric.direction is Direction.LOWER else ("≥", "<")
        row["green"] = f"{better} {_amount(green, metric.unit, lang)}"
        row["yellow"] = f"{better} {_amount(yellow, metric.unit, lang)}"
        row["red"] = f"{worse} {_amount(yellow, metric.unit, lang)}"
    if metric.counterbalance:
        other = next((m for m in siblings if m.id == metric.counterbalance), None)
        name = (other.name or other.id) if other else metric.counterbalance
        row["counterbalance"] = f"{labels.BALANCED_BY.render(lang)}: {name}"
    return row


def _amount(value: float | None, unit: str | None, lang: Lang) -> str:
    if value is None:
        return "—"
    number = f"{value:g}"
    if lang is Lang.RU:
        number = number.replace(".", ",")
    if not unit:
        return number
    if unit.strip() == "%":
        return f"{number} %" if lang is Lang.RU else f"{number}%"
    return f"{number} {agree_with_number(unit.strip(), value, lang)}"

"""The scorecard page of the published handbook: the traffic lights, for staff on a phone.

One page per language from one :class:`~stdlint.scorecard.model.Scorecard`: the period and the
data it was read from, the overall light, any problems in the data, then each standard with its
light and one card per metric — a bar of green, yellow and red shares drawn with HTML and CSS
alone (no script), the shares in words beside it, the figures, the trend, and the
counterbalancing metric. Titles, metric names and units come from the standard in the page's
language, so one scorecard serves every language of a build.

The standards' headings are Markdown (their links are checked and rewritten by MkDocs like any
other); everything else is raw HTML with no blank line inside, which any Markdown engine passes
through, so the page needs no extension that a handbook's ``mkdocs.yml`` may lack.
"""

from __future__ import annotations

import html
from pathlib import PurePath

from stdlint.i18n import Lang, quote
from stdlint.parse.models import Direction, Metric
from stdlint.publish import labels
from stdlint.publish.figures import amount, count_of, number, percent, period_text, share_texts
from stdlint.publish.pages import GeneratedPage, Site, link, markdown_escape
from stdlint.scorecard.model import (
    Light,
    MetricScore,
    Problem,
    ProblemKind,
    Scorecard,
    StandardScore,
    Stats,
)

ZONES = ("green", "yellow", "red")


def scorecard_page(site: Site, card: Scorecard, lang: Lang) -> GeneratedPage:
    """The scorecard page in ``lang``, at ``handbook/scorecard(.lang).md``."""
    name = site.page_name("scorecard", lang)
    title = labels.SCORECARD_TITLE.render(lang)
    lines = ["---\nsearch: {exclude: true}\n---\n", f"# {title}", "", *_summary(card, lang)]
    lines += _problems(card, lang)
    for standard in card.standards:
        lines += _standard(site, card, standard, name, lang)
    if not card.standards:
        lines += [f"<p>{html.escape(labels.SCORECARD_NO_METRICS.render(lang))}</p>", ""]
    lines += [f"## {labels.SCORECARD_HOW.render(lang)}", ""]
    lines += [f"- {rule.render(lang)}" for rule in labels.SCORECARD_RULES]
    return GeneratedPage(name, title, "\n".join(lines).rstrip() + "\n")


# --- the top of the page ---------------------------------------------------------------------


def _summary(card: Scorecard, lang: Lang) -> list[str]:
    period = labels.SCORECARD_PERIOD.render(lang, period=period_text(card.period, lang))
    compared = labels.SCORECARD_COMPARED.render(lang, period=period_text(card.previous, lang))
    data = labels.SCORECARD_DATA.render(
        lang,
        data=PurePath(card.data).name or card.data,  # never the server's folders
        rows=count_of(card.rows, lang, *labels.ROWS),
        used=count_of(card.used, lang, *labels.OBSERVATIONS),
    )
    aside = []
    if card.skipped.outside_period:
        aside.append(
            labels.SCORECARD_OUTSIDE.render(lang, count=number(card.skipped.outside_period, lang))
        )
    if card.skipped.inactive:
        aside.append(
            labels.SCORECARD_INACTIVE.render(lang, count=number(card.skipped.inactive, lang))
        )
    if aside:
        data += "; " + ", ".join(aside)
    tally = []
    for light in (Light.RED, Light.YELLOW, Light.GREEN, Light.NONE):
        count = sum(1 for standard in card.standards if standard.light is light)
        if count:
            standards = count_of(count, lang, *labels.STANDARDS_COUNT)
            tally.append(f"<li>{badge(light, lang)} {html.escape(standards)}</li>")
    return [
        '<div class="stdlint-summary">',
        f'<p class="stdlint-summary__period"><strong>{html.escape(period)}</strong>; '
        f"{html.escape(compared)}.</p>",
        f'<p class="stdlint-summary__data">{html.escape(data)}.</p>',
        f'<p class="stdlint-summary__overall">'
        f"{html.escape(labels.SCORECARD_OVERALL.render(lang))} {badge(card.light, lang)}</p>",
        f'<ul class="stdlint-tally">{"".join(tally)}</ul>' if tally else "",
        "</div>",
        "",
    ]


def _problems(card: Scorecard, lang: Lang) -> list[str]:
    """The problems in the data, as Material's warning admonition (its HTML, no extension)."""
    if not card.problems:
        return []
    if card.bad_rows:
        rows = count_of(card.bad_rows, lang, *labels.ROWS)
        title = labels.PROBLEMS_TITLE.render(lang, rows=rows)
    else:
        title = labels.EMPTY_TITLE.render(lang)
    items = [_problem(problem, lang) for problem in card.problems]
    command = f"<code>stdlint score --data {html.escape(PurePath(card.data).name)}</code>"
    return [
        '<div class="admonition warning stdlint-problems">',
        f'<p class="admonition-title">{html.escape(title)}</p>',
        f"<ul>{''.join(items)}</ul>",
        f"<p>{labels.PROBLEMS_MORE.render(lang, command=command)}</p>",
        "</div>",
        "",
    ]


def _problem(problem: Problem, lang: Lang) -> str:
    kind = labels.PROBLEM_KIND[problem.kind.value].render(lang)
    if problem.kind is ProblemKind.EMPTY_PERIOD:
        return f"<li>{html.escape(kind)}</li>"
    text = labels.PROBLEM_ROWS.render(
        lang, kind=kind, rows=count_of(problem.count, lang, *labels.ROWS)
    )
    examples = "; ".join(
        labels.PROBLEM_EXAMPLE.render(lang, row=example.row, value=quote(lang, example.value))
        for example in problem.examples
    )
    more = "…" if problem.count > len(problem.examples) else ""
    suffix = f' <span class="stdlint-problems__rows">({html.escape(examples)}{more})</span>'
    return f"<li>{html.escape(text)}{suffix if examples else ''}</li>"


def data_warning(card: Scorecard, data: str, lang: Lang) -> str:
    """One line for the log when the data is not clean: each kind of problem with its count."""
    parts = []
    for problem in card.problems:
        kind = labels.PROBLEM_KIND[problem.kind.value].render(lang)
        if problem.kind is not ProblemKind.EMPTY_PERIOD:
            kind = labels.PROBLEM_ROWS.render(
                lang, kind=kind, rows=count_of(problem.count, lang, *labels.ROWS)
            )
        parts.append(kind)
    return labels.NOT_CLEAN.render(lang, data=data, problems="; ".join(parts))


# --- a standard and its metrics ---------------------------------------------------------------


def _standard(
    site: Site, card: Scorecard, standard: StandardScore, page: str, lang: Lang
) -> list[str]:
    doc = site.standard(standard.id, lang)
    heading = link(site, doc, page, lang) if doc else markdown_escape(standard.title)
    # The light below the title, not in it: the table of contents lists titles only.
    lines = [f"## {heading}", "", badge(standard.light, lang), "", '<div class="stdlint-standard">']
    for metric in standard.metrics:
        lines.append(_metric(site, card, metric, lang))
    return [*lines, "</div>", ""]


def _metric(site: Site, card: Scorecard, metric: MetricScore, lang: Lang) -> str:
    name, unit = _definition(site, metric, lang)
    stats = metric.current
    parts = [
        f'<div class="stdlint-metric stdlint-metric--{metric.light.value}" '
        f'id="{_anchor(metric.standard, metric.metric)}">',
        '<div class="stdlint-metric__head"><p class="stdlint-metric__name">'
        f"{html.escape(name)} <small><code>{html.escape(metric.metric)}</code></small></p>"
        f"{badge(metric.light, lang)}</div>",
    ]
    if not stats.count:
        period = period_text(card.period, lang)
        note = labels.NO_OBSERVATIONS.render(lang, period=period)
        parts.append(f'<p class="stdlint-metric__note">{html.escape(note)}</p>')
    elif stats.green is None or stats.yellow is None or stats.red is None:
        parts.append(
            f'<p class="stdlint-metric__note">{html.escape(labels.NO_ZONES.render(lang))}</p>'
        )
    else:
        parts += _bar(stats.green, stats.yellow, stats.red, lang)
    parts.append(_figures(metric, unit, lang))
    if metric.counterbalance:
        parts.append(_balance(site, card, metric, lang))
    parts.append("</div>")
    return "".join(parts)


def _bar(green: float, yellow: float, red: float, lang: Lang) -> list[str]:
    """The shares as a three-part bar (widths exact) and in words (whole per cents)."""
    shares = dict(zip(ZONES, (green, yellow, red), strict=True))
    texts = share_texts(shares, lang)
    segments = "".join(
        f'<span class="stdlint-bar__{zone}" style="width:{_width(share)}%"></span>'
        for zone, share in shares.items()
        if share > 0
    )
    label = labels.SHARES_LABEL.render(lang, **texts)
    words = " ".join(
        f'<span class="stdlint-share stdlint-share--{zone}">'
        f"{html.escape(labels.SHARE[zone].render(lang, share=texts[zone]))}</span>"
        for zone in ZONES
    )
    # The bar is an image with its words as its name; the same words are printed beside it
    # for readers who cannot tell the colours apart, hidden from screen readers (said once).
    return [
        f'<div class="stdlint-bar" role="img" aria-label="{html.escape(label)}">{segments}</div>',
        f'<p class="stdlint-shares" aria-hidden="true">{words}</p>',
    ]


def _figures(metric: MetricScore, unit: str | None, lang: Lang) -> str:
    stats = metric.current
    rows: list[tuple[str, str]] = []
    if stats.count:
        rows.append((labels.OBSERVED.render(lang), number(stats.count, lang)))
    if stats.median is not None:
        rows.append((labels.MEDIAN.render(lang), amount(stats.median, unit, lang)))
    if stats.p90 is not None:
        sign = "≥ " if metric.direction == Direction.HIGHER.value else "≤ "
        rows.append((labels.NINE_IN_TEN.render(lang), sign + amount(stats.p90, unit, lang)))
    if metric.target is not None:
        rows.append((labels.TARGET.render(lang), _target(metric, unit, lang)))
    if stats.attainment is not None:
        rows.append((labels.ATTAINMENT.render(lang), percent(stats.attainment, lang)))
    if stats.count and metric.previous is not None and metric.previous.count:
        rows.append((labels.TREND.render(lang), _trend(stats, metric.previous, unit, lang)))
    cells = "".join(
        f"<div><dt>{html.escape(term)}</dt><dd>{html.escape(value)}</dd></div>"
        for term, value in rows
    )
    return f'<dl class="stdlint-figures">{cells}</dl>' if cells else ""


def _trend(now: Stats, before: Stats, unit: str | None, lang: Lang) -> str:
    if now.green is not None and before.green is not None:
        change = round(100 * now.green) - round(100 * before.green)
        arrow = "▲" if change > 0 else "▼" if change < 0 else "="
        points = "п.\u00a0п." if lang is Lang.RU else "pp"
        signed = f"{change:+d}".replace("-", "−") if change else "0"  # a minus sign, not a hyphen
        text = f"{arrow}\u00a0{signed}\u00a0{points}"
        return labels.TREND_GREEN.render(
            lang, before=percent(before.green, lang), now=percent(now.green, lang), change=text
        )
    if now.median is not None and before.median is not None:
        return labels.TREND_MEDIAN.render(
            lang, before=number(before.median, lang), now=amount(now.median, unit, lang)
        )
    return "—"


def _balance(site: Site, card: Scorecard, metric: MetricScore, lang: Lang) -> str:
    """The counterbalancing metric, right under the one it keeps honest: its light and share."""
    other_id = metric.counterbalance or ""
    other = card.metric(other_id, metric.standard)
    name = (
        _definition(site, other, lang)[0]
        if other
        else _name_in(site, metric.standard, other_id, lang)
    )
    title = html.escape(name or other_id)
    if other is not None:
        title = f'<a href="#{_anchor(other.standard, other.metric)}">{title}</a>'
    if other is not None and other.current.count and other.current.green is not None:
        share = labels.BALANCE_GREEN.render(lang, share=percent(other.current.green, lang))
        state = f"{badge(other.light, lang)} {html.escape(share)}"
    else:
        state = f"{badge(Light.NONE, lang)} {html.escape(labels.BALANCE_NONE.render(lang))}"
    return (
        f'<p class="stdlint-balance"><span class="stdlint-balance__label">'
        f"{html.escape(labels.BALANCE.render(lang))}:</span> {title} {state}</p>"
    )


# --- names, numbers and dates ------------------------------------------------------------------


def badge(light: Light, lang: Lang) -> str:
    """A light as a badge: its colour and its word."""
    word = html.escape(labels.LIGHT[light.value].render(lang))
    return f'<span class="stdlint-light stdlint-light--{light.value}">{word}</span>'


def _definition(site: Site, metric: MetricScore, lang: Lang) -> tuple[str, str | None]:
    """The metric's name and unit as its standard writes them in ``lang``, if it has them."""
    found = _metric_in(site, metric.standard, metric.metric, lang)
    if found is not None:
        return found.name or metric.name or metric.metric, found.unit or metric.unit
    return metric.name or metric.metric, metric.unit


def _metric_in(site: Site, standard: str, metric: str, lang: Lang) -> Metric | None:
    doc = site.standard(standard, lang)
    if doc is None or doc.meta is None:
        return None
    return next((m for m in doc.meta.metrics if m.id == metric), None)


def _name_in(site: Site, standard: str, metric: str, lang: Lang) -> str | None:
    found = _metric_in(site, standard, metric, lang)
    return (found.name or found.id) if found else None


def _anchor(standard: str, metric: str) -> str:
    return html.escape(f"{standard}--{metric}")


def _target(metric: MetricScore, unit: str | None, lang: Lang) -> str:
    assert metric.target is not None
    sign = {Direction.LOWER.value: "≤ ", Direction.HIGHER.value: "≥ "}.get(
        metric.direction or "", ""
    )
    return sign + amount(metric.target, unit, lang)


def _width(share: float) -> str:
    """A share as a CSS percentage, to a hundredth: ``0.8235`` → ``82.35``."""
    return f"{100 * share:.2f}".rstrip("0").rstrip(".")


__all__ = ["data_warning", "scorecard_page"]

"""The generated pages of the published handbook, as Markdown, and its navigation.

Each page exists once per language. Links point at the standards' own source files (relative
to the documentation folder), so MkDocs checks and rewrites them as it does any link.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from stdlint.handbook import ReviewState, is_active, review
from stdlint.i18n import Lang, Text
from stdlint.parse.facts import Facts
from stdlint.parse.models import StandardMeta, Status
from stdlint.publish import labels
from stdlint.publish.history import Change
from stdlint.reports.data import coverage
from stdlint.result import Result
from stdlint.scorecard.model import Scorecard

_REVIEW_ORDER = [ReviewState.OVERDUE, ReviewState.DUE_SOON, ReviewState.NO_DATA, ReviewState.FRESH]
PAGES_FOLDER = "handbook"


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """One generated page: where it goes in the documentation folder, and its Markdown."""

    src_uri: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Site:
    """A handbook as it is published: the result of reading it and where its pages live.

    ``docs_dir`` is the documentation folder relative to the handbook root (``standards``);
    ``suffixed`` says whether page names carry their language (``coverage.ru.md``), as a
    multilingual build needs.
    """

    result: Result
    docs_dir: str
    suffixed: bool
    changes: tuple[Change, ...] = ()
    _by_id: dict[str, dict[Lang, Facts]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for doc in self.result.handbook:
            if doc.meta is not None and self.src_uri(doc) is not None:
                self._by_id.setdefault(doc.meta.id, {}).setdefault(doc.meta.lang, doc)

    def src_uri(self, doc: Facts) -> str | None:
        """The document's path inside the documentation folder, or None when it is outside."""
        path = PurePosixPath(doc.display_path)
        folder = PurePosixPath(self.docs_dir) if self.docs_dir not in ("", ".") else None
        if folder is None:
            return str(path)
        try:
            return str(path.relative_to(folder))
        except ValueError:
            return None

    def page_name(self, stem: str, lang: Lang) -> str:
        """The generated page ``stem`` in ``lang``: ``handbook/coverage.ru.md``."""
        suffix = f".{lang.value}" if self.suffixed else ""
        return f"{PAGES_FOLDER}/{stem}{suffix}.md"

    def standards(self, lang: Lang, *, published_only: bool = True) -> list[Facts]:
        """One document per standard id, in ``lang`` where it exists, ordered by title."""
        chosen = []
        for versions in self._by_id.values():
            doc = versions.get(lang) or next(iter(versions.values()))
            assert doc.meta is not None
            if published_only and doc.meta.status is not Status.ACTIVE:
                continue
            chosen.append(doc)
        return sorted(chosen, key=lambda doc: doc.meta.title.casefold() if doc.meta else "")

    def standard(self, standard_id: str, lang: Lang) -> Facts | None:
        """The standard ``standard_id`` in ``lang`` where it exists, else in another language."""
        versions = self._by_id.get(standard_id, {})
        return versions.get(lang) or next(iter(versions.values()), None)

    def translation(self, doc: Facts, lang: Lang) -> Facts | None:
        """The version of ``doc`` in ``lang``, if there is one."""
        return None if doc.meta is None else self._by_id.get(doc.meta.id, {}).get(lang)


def navigation(site: Site, lang: Lang) -> list[tuple[str, list[str]]]:
    """The sections of the navigation: each journey stage with its standards, by source path.

    A standard sits under the first stage it lists, so it appears once; standards with no
    known stage come last.
    """
    profile = site.result.profile
    sections: dict[str, list[str]] = {stage.id: [] for stage in profile.journey}
    other: list[str] = []
    for doc in site.standards(lang):
        assert doc.meta is not None
        uri = site.src_uri(doc)
        assert uri is not None
        stage = next((s for s in doc.meta.journey if s in sections), None)
        (sections[stage] if stage else other).append(uri)
    result = [(stage.name(lang), sections[stage.id]) for stage in profile.journey]
    result = [(title, uris) for title, uris in result if uris]
    if other:
        result.append((labels.UNASSIGNED.render(lang), other))
    return result


def generated_pages(
    site: Site, lang: Lang, *, scorecard: Scorecard | None = None
) -> list[GeneratedPage]:
    """The coverage map, review queue, role and channel indexes and recent changes in ``lang``.

    With a ``scorecard`` (measurements were given), its page comes first.
    """
    builders: list[tuple[str, Text, Callable[[Site, Lang, str], list[str]]]] = [
        ("coverage", labels.COVERAGE_TITLE, _coverage),
        ("reviews", labels.REVIEWS_TITLE, _reviews),
        ("roles", labels.ROLES_TITLE, _roles),
        ("channels", labels.CHANNELS_TITLE, _channels),
        ("recent", labels.RECENT_TITLE, _recent),
    ]
    pages = []
    for stem, title, build in builders:
        name = site.page_name(stem, lang)
        # Staff search for what to do: the indexes would crowd the standards out of results.
        hide = "\nhide: [toc]" if stem == "coverage" else ""
        matter = f"---\nsearch: {{exclude: true}}{hide}\n---\n"
        lines = [matter, f"# {title.render(lang)}", "", *build(site, lang, name)]
        pages.append(GeneratedPage(name, title.render(lang), "\n".join(lines).rstrip() + "\n"))
    if scorecard is not None:
        from stdlint.publish.scorecard import scorecard_page  # it builds on this module

        pages.insert(0, scorecard_page(site, scorecard, lang))
    return pages


def home_page(site: Site, lang: Lang, *, scorecard: bool = False) -> GeneratedPage:
    """A home page for a handbook that has none: the standards by stage, and the indexes
    (the scorecard first, when there is one)."""
    company = site.result.profile.company
    name = (
        company.get(lang) or next(iter(company.values()), "")
        if isinstance(company, dict)
        else company
    )
    title = (
        labels.HOME_TITLE.render(lang, company=name)
        if name
        else labels.HOME_TITLE_PLAIN.render(lang)
    )
    page = "index.md" if not site.suffixed else f"index.{lang.value}.md"
    matter = "---\nsearch: {exclude: true}\n---\n"
    lines = [matter, f"# {markdown_escape(title)}", "", labels.HOME_INTRO.render(lang), ""]
    if scorecard:
        lines.append(
            f"- [{labels.SCORECARD_TITLE.render(lang)}]({site.page_name('scorecard', lang)})"
        )
    for stem, text in (
        ("roles", labels.ROLES_TITLE),
        ("channels", labels.CHANNELS_TITLE),
        ("recent", labels.RECENT_TITLE),
        ("coverage", labels.COVERAGE_TITLE),
        ("reviews", labels.REVIEWS_TITLE),
    ):
        lines.append(f"- [{text.render(lang)}]({site.page_name(stem, lang)})")
    lines.append("")
    standards = site.standards(lang)
    by_uri = {site.src_uri(doc): doc for doc in standards}
    for stage_title, uris in navigation(site, lang):
        lines += [f"## {markdown_escape(stage_title)}", ""]
        lines += [f"- {link(site, by_uri[uri], page, lang)}" for uri in uris]
        lines.append("")
    return GeneratedPage(page, title, "\n".join(lines).rstrip() + "\n")


def link(site: Site, doc: Facts, page: str, lang: Lang) -> str:
    """A Markdown link from ``page`` to the standard ``doc``, marked if not in ``lang``."""
    assert doc.meta is not None
    uri = site.src_uri(doc)
    assert uri is not None
    target = posixpath.relpath(uri, posixpath.dirname(page) or ".")
    marker = f" ({doc.meta.lang.value})" if doc.meta.lang is not lang else ""
    return f"[{markdown_escape(doc.meta.title)}]({target}){marker}"


def markdown_escape(text: str) -> str:
    """``text`` with the characters that would end a link's text or a table cell escaped."""
    return text.replace("[", "\\[").replace("]", "\\]").replace("|", "\\|")


def _coverage(site: Site, lang: Lang, page: str) -> list[str]:
    report = coverage(site.result)
    channels = report.channels
    intro = labels.COVERAGE_INTRO.render(
        lang, gap=_cell_mark("gap", "✕"), na=_cell_mark("na", "—"), none=_cell_mark("none", "·")
    )
    # An HTML table: compact, its stage column stays in view while it scrolls sideways on a
    # phone (the stylesheet), and it renders the same in any Markdown engine.
    header = "".join(f'<th scope="col">{html.escape(c.name(lang))}</th>' for c in channels)
    lines = [
        intro,
        "",
        '<div class="stdlint-coverage" tabindex="0">',
        '<table class="stdlint-coverage__table">',
        f'<thead><tr><th scope="col">{html.escape(labels.STAGE.render(lang))}</th>{header}</tr>'
        "</thead>",
        "<tbody>",
    ]
    for stage in report.stages:
        cells = []
        for channel in channels:
            cell = report.cell(stage.id, channel.id)
            if cell.not_applicable:
                mark = _cell_mark("na", "—")
            elif cell.standards:
                mark = _cell_mark("covered", str(len(cell.standards)))
            else:
                mark = _cell_mark("gap", "✕") if cell.required else _cell_mark("none", "·")
            cells.append(f"<td>{mark}</td>")
        lines.append(
            f'<tr><th scope="row">{html.escape(stage.name(lang))}</th>{"".join(cells)}</tr>'
        )
    lines += ["</tbody>", "</table>", "</div>"]
    figures = report.figures()
    lines += [
        "",
        labels.COVERAGE_SUMMARY.render(
            lang, covered=figures["covered_required_cells"], total=figures["required_cells"]
        )
        if figures["required_cells"]
        else "",
        "",
        f"## {labels.COVERAGE_BY_STAGE.render(lang)}",
        "",
    ]
    channel_names = {c.id: c.name(lang) for c in channels}
    standards = site.standards(lang)
    for stage in report.stages:
        lines += [f"### {stage.name(lang)}", ""]
        listed = [doc for doc in standards if doc.meta and stage.id in doc.meta.journey]
        for doc in listed:
            assert doc.meta is not None
            names = ", ".join(channel_names.get(c, c) for c in doc.meta.channels)
            lines.append(f"- {link(site, doc, page, lang)} — {names}")
        if not listed:
            lines.append(labels.NO_STANDARD.render(lang))
        lines.append("")
    return lines


def _cell_mark(kind: str, text: str) -> str:
    """A coverage cell, coloured by the stylesheet; the text alone still reads on paper."""
    return f'<span class="stdlint-cell stdlint-cell--{kind}">{text}</span>'


def _reviews(site: Site, lang: Lang, page: str) -> list[str]:
    result = site.result
    lines = [labels.REVIEWS_INTRO.render(lang, today=result.today.isoformat()), ""]
    by_owner: dict[str, list[tuple[Facts, StandardMeta]]] = {}
    for doc in site.standards(lang):
        assert doc.meta is not None
        if is_active(doc.meta):
            by_owner.setdefault(doc.meta.owner or "—", []).append((doc, doc.meta))
    header = [labels.STATE, labels.STANDARD, labels.LAST_REVIEW, labels.NEXT_REVIEW]
    for owner in sorted(by_owner, key=str.casefold):
        rows = []
        for doc, meta in by_owner[owner]:
            state = review(meta, result.profile, result.today)
            rows.append((_REVIEW_ORDER.index(state.state), state.due, doc, state))
        rows.sort(key=lambda row: (row[0], row[1] or result.today, row[2].display_path))
        lines += [f"## {markdown_escape(owner)}", ""]
        lines.append("| " + " | ".join(text.render(lang) for text in header) + " |")
        lines.append("|---|---|---|---|")
        for _, _, doc, state in rows:
            badge = (
                f'<span class="stdlint-badge stdlint-badge--{state.state.value}">'
                f"{labels.REVIEW_STATE[state.state].render(lang)}</span>"
            )
            last = state.last.isoformat() if state.last else "—"
            due = state.due.isoformat() if state.due else "—"
            lines.append(f"| {badge} | {link(site, doc, page, lang)} | {last} | {due} |")
        lines.append("")
    return lines


def _index(site: Site, lang: Lang, page: str, items: list[tuple[str, str]], key: str) -> list[str]:
    standards = site.standards(lang)
    lines: list[str] = []
    for item_id, name in items:
        listed = [doc for doc in standards if doc.meta and item_id in getattr(doc.meta, key)]
        if not listed:
            continue
        lines += [f"## {markdown_escape(name)}", ""]
        lines += [f"- {link(site, doc, page, lang)}" for doc in listed]
        lines.append("")
    return lines


def _roles(site: Site, lang: Lang, page: str) -> list[str]:
    roles = [(role.id, role.name(lang)) for role in site.result.profile.roles]
    return [labels.ROLES_INTRO.render(lang), "", *_index(site, lang, page, roles, "roles")]


def _channels(site: Site, lang: Lang, page: str) -> list[str]:
    channels = [(channel.id, channel.name(lang)) for channel in site.result.profile.channels]
    return [labels.CHANNELS_INTRO.render(lang), "", *_index(site, lang, page, channels, "channels")]


def _recent(site: Site, lang: Lang, page: str) -> list[str]:
    from_git = any(change.from_git for change in site.changes)
    intro = labels.RECENT_INTRO_GIT if from_git else labels.RECENT_INTRO_DATES
    lines = [intro.render(lang), ""]
    lines.append(
        f"| {labels.DATE.render(lang)} | {labels.STANDARD.render(lang)} | "
        f"{labels.CHANGE.render(lang)} |"
    )
    lines.append("|---|---|---|")
    by_path = {doc.display_path: doc for doc in site.result.handbook}
    for change in site.changes:
        doc = by_path.get(change.path)
        if doc is None or doc.meta is None or site.src_uri(doc) is None:
            continue
        if doc.meta.lang is not lang and site.translation(doc, lang) is not None:
            continue
        what = change.summary or (
            labels.REVIEWED if doc.meta.last_reviewed else labels.APPROVED_CHANGE
        ).render(lang)
        to = link(site, doc, page, lang)
        lines.append(f"| {change.day.isoformat()} | {to} | {markdown_escape(what)} |")
    return lines

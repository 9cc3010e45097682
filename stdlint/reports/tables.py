"""The reports as tables for people: aligned text for a terminal, Markdown for pages."""

from __future__ import annotations

from collections.abc import Callable

from stdlint.handbook import ReviewState
from stdlint.i18n import Lang, Text
from stdlint.reports.data import Cell, Coverage, ReviewQueue

Table = tuple[list[str], list[list[str]]]

_COVERAGE_TITLE = Text(en="Coverage of the customer journey", ru="Покрытие пути клиента")
_STAGE = Text(en="Stage", ru="Этап")
_DIMENSIONS = Text(en="Quality dimensions", ru="Измерения качества")
_STANDARDS = Text(en="Standards", ru="Стандарты")
_LEGEND = Text(
    en="Numbers are active standards per cell; GAP: a required cell with none; "
    "n/a: not applicable; ·: none, not required.",
    ru="Числа — действующие стандарты в ячейке; «нет стандарта» — обязательная ячейка без "
    "стандарта; н/п — неприменимо; · — нет, не обязательно.",
)
_SUMMARY = Text(
    en="Coverage: {percent}% ({covered} of {total} {basis}); "
    "stages covered: {stages_covered} of {stages}.",
    ru="Покрытие: {percent}% ({covered} из {total}, {basis}); "
    "этапов охвачено: {stages_covered} из {stages}.",
)
_BASIS_REQUIRED = Text(en="required cells", ru="обязательные ячейки")
_BASIS_ALL = Text(en="applicable cells", ru="применимые ячейки")
_GAP = Text(en="GAP", ru="нет стандарта")
_NA = Text(en="n/a", ru="н/п")
_UNTRACKED = Text(
    en="Quality dimensions are not tracked yet: no active standard lists any. Add "
    "“dimensions: [...]” to the standards (or list the dimensions in handbook.yml) to see gaps.",
    ru="Измерения качества пока не отслеживаются: ни один действующий стандарт их не указывает. "
    "Добавьте «dimensions: [...]» в стандарты (или перечислите измерения в handbook.yml).",
)


def coverage_text(report: Coverage, lang: Lang) -> str:
    """The coverage report as aligned text."""
    return _coverage(report, lang, _text_table, title=None)


def coverage_markdown(report: Coverage, lang: Lang) -> str:
    """The coverage report as a Markdown page."""
    return _coverage(report, lang, _markdown_table, title=f"# {_COVERAGE_TITLE.render(lang)}")


def _coverage(
    report: Coverage, lang: Lang, table: Callable[[Table], str], title: str | None
) -> str:
    header = [_STAGE.render(lang), *(channel.name(lang) for channel in report.channels)]
    rows = [
        [
            stage.name(lang),
            *(_cell(report.cell(stage.id, channel.id), lang) for channel in report.channels),
        ]
        for stage in report.stages
    ]
    lines = [title, ""] if title else []
    lines += [table((header, rows)), "", _LEGEND.render(lang), ""]
    if title:
        lines += [f"## {_DIMENSIONS.render(lang)}", ""]
    if report.dimensions_tracked:
        dimension_rows = [
            [entry.dimension.name(lang), ", ".join(entry.standards) or _GAP.render(lang)]
            for entry in report.dimensions
        ]
        header = [_DIMENSIONS.render(lang), _STANDARDS.render(lang)]
        lines += [table((header, dimension_rows)), ""]
    else:
        lines += [_UNTRACKED.render(lang), ""]
    lines += [_summary(report, lang), ""]
    return "\n".join(lines)


def _cell(cell: Cell, lang: Lang) -> str:
    if cell.not_applicable:
        return _NA.render(lang)
    if cell.standards:
        return str(len(cell.standards))
    return _GAP.render(lang) if cell.required else "·"


def _summary(report: Coverage, lang: Lang) -> str:
    figures = report.figures()
    required = bool(figures["required_cells"])
    return _SUMMARY.render(
        lang,
        percent=f"{figures['percent']:g}",
        covered=figures["covered_required_cells"] if required else figures["covered_cells"],
        total=figures["required_cells"] if required else figures["applicable_cells"],
        basis=(_BASIS_REQUIRED if required else _BASIS_ALL).render(lang),
        stages_covered=figures["covered_stages"],
        stages=figures["stages"],
    )


_STATE_NAMES = {
    ReviewState.OVERDUE: Text(en="overdue", ru="просрочен"),
    ReviewState.DUE_SOON: Text(en="due soon", ru="скоро"),
    ReviewState.FRESH: Text(en="fresh", ru="актуален"),
    ReviewState.NO_DATA: Text(en="no review data", ru="нет данных"),
}
_REVIEW_TITLE = Text(en="Reviews by owner", ru="Пересмотры по владельцам")
_REVIEW_HEADER = (
    Text(en="State", ru="Состояние"),
    Text(en="Due", ru="Срок"),
    Text(en="Last reviewed", ru="Пересмотрен"),
    Text(en="Standard", ru="Стандарт"),
    Text(en="File", ru="Файл"),
)
_REVIEW_SUMMARY = Text(
    en="{overdue} overdue, {soon} due soon, {fresh} fresh, {none} without review data "
    "(as of {today}).",
    ru="Просрочено: {overdue}, скоро: {soon}, актуально: {fresh}, без данных: {none} (на {today}).",
)


def review_text(queue: ReviewQueue, lang: Lang) -> str:
    """The review queue as aligned text, one table per owner."""
    return _review(queue, lang, markdown=False)


def review_markdown(queue: ReviewQueue, lang: Lang) -> str:
    """The review queue as a Markdown page, one section per owner."""
    return _review(queue, lang, markdown=True)


def _review(queue: ReviewQueue, lang: Lang, *, markdown: bool) -> str:
    header = [text.render(lang) for text in _REVIEW_HEADER]
    lines = [f"# {_REVIEW_TITLE.render(lang)}", ""] if markdown else []
    for owner, owned in queue.by_owner().items():
        rows = [
            [
                _STATE_NAMES[e.state].render(lang),
                e.review.due.isoformat() if e.review.due else "—",
                e.review.last.isoformat() if e.review.last else "—",
                f"{e.title} ({e.lang.value})",
                e.path,
            ]
            for e in owned
        ]
        if markdown:
            lines += [f"## {owner}", "", _markdown_table((header, rows)), ""]
        else:
            lines += [owner, _text_table((header, rows)), ""]
    counts = queue.counts()
    summary = _REVIEW_SUMMARY.render(
        lang,
        overdue=counts[ReviewState.OVERDUE],
        soon=counts[ReviewState.DUE_SOON],
        fresh=counts[ReviewState.FRESH],
        none=counts[ReviewState.NO_DATA],
        today=queue.today.isoformat(),
    )
    return "\n".join([*lines, summary, ""])


def _markdown_table(table: Table) -> str:
    header, rows = table

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    return "\n".join([line(header), "|" + "---|" * len(header), *(line(row) for row in rows)])


def _text_table(table: Table) -> str:
    header, rows = table
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            str(cell).ljust(width) for cell, width in zip(cells, widths, strict=True)
        ).rstrip()

    return "\n".join(
        [line(header), line(["-" * width for width in widths]), *(line(row) for row in rows)]
    )

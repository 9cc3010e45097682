"""The scorecard page of the published handbook: its Markdown, the plugin's options, the CLI.

The scorecards are built by hand (tests/scorecards.py) and ``score`` is replaced by one that
returns them, so these tests check the page and its plumbing, not the measuring.
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import markdown
import pytest
from mkdocs.exceptions import Abort

from stdlint.i18n import Lang, Text
from stdlint.publish import Site, generated_pages, home_page
from stdlint.publish.figures import amount, day_range, period_text, share_texts
from stdlint.publish.scorecard import scorecard_page
from stdlint.scorecard.model import (
    DataError,
    MetricScore,
    Period,
    Problem,
    ProblemKind,
    Scorecard,
    StandardScore,
)
from tests.conftest import Run
from tests.scorecards import (
    ANSWER_TIME,
    OCTOBER,
    PROBLEMS,
    build_site,
    example_card,
    example_with_scorecard,
    scored,
    stats,
)
from tests.sitebuild import site_copy
from tests.test_publish import example_site

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The example handbook as published in two languages."""
    return example_site(tmp_path_factory.mktemp("scorecard"))


def card_element(page: str, anchor: str) -> ElementTree.Element:
    """The metric card with the id ``anchor``, parsed (so it must be well-formed)."""
    line = next(line for line in page.splitlines() if f'id="{anchor}"' in line)
    return ElementTree.fromstring(line)


def text_of(element: ElementTree.Element) -> str:
    return "".join(element.itertext())


# --- the bar and its words --------------------------------------------------------------------


def test_the_bar_segments_are_as_wide_as_the_shares(site: Site) -> None:
    # 140 of 170 green, 20 yellow, 10 red: 82.35 %, 11.76 %, 5.88 % (to a hundredth).
    current = stats(170, 140 / 170, 20 / 170, 10 / 170, 15, 38, 140 / 170)
    card = replace(example_card(), standards=(_with_metric(replace(ANSWER_TIME, current=current)),))
    page = scorecard_page(site, card, Lang.RU).markdown
    bar = card_element(page, "phone-answer--answer-time").find("div[@class='stdlint-bar']")
    assert bar is not None
    widths = [(span.get("class"), span.get("style")) for span in bar]
    assert widths == [
        ("stdlint-bar__green", "width:82.35%"),
        ("stdlint-bar__yellow", "width:11.76%"),
        ("stdlint-bar__red", "width:5.88%"),
    ]


def test_the_shares_are_written_out_for_screen_readers_and_without_colour(site: Site) -> None:
    page = scorecard_page(site, example_card(), Lang.RU).markdown
    metric = card_element(page, "phone-answer--answer-time")
    bar = metric.find("div[@class='stdlint-bar']")
    assert bar is not None and bar.get("role") == "img"
    assert (
        bar.get("aria-label") == f"Зелёная зона — 82{NBSP}%, жёлтая — 12{NBSP}%, красная — 6{NBSP}%"
    )
    words = metric.find("p[@class='stdlint-shares']")
    assert words is not None
    assert [text_of(span) for span in words] == [
        f"зелёная 82{NBSP}%",
        f"жёлтая 12{NBSP}%",
        f"красная 6{NBSP}%",
    ]
    # The light is a word as well as a colour.
    head = metric.find("div[@class='stdlint-metric__head']")
    assert head is not None
    badge = head.find("span")
    assert badge is not None and badge.get("class") == "stdlint-light stdlint-light--yellow"
    assert text_of(badge) == "Жёлтый"


@pytest.mark.parametrize(
    ("shares", "expected"),
    [
        # 82.35 + 11.76 + 5.88 = 99.99: cut to 82, 11, 5, the two largest remainders get 1 each.
        ((140 / 170, 20 / 170, 10 / 170), ("82%", "12%", "6%")),
        # A third each: 33 + 33 + 33, the first of the equal remainders gets the spare 1.
        ((1 / 3, 1 / 3, 1 / 3), ("34%", "33%", "33%")),
        # 1 red in 1,000 is not "0 %", and 995 green in 1,000 not "100 %".
        ((0.995, 0.004, 0.001), (">99%", "<1%", "<1%")),
        ((1.0, 0.0, 0.0), ("100%", "0%", "0%")),
    ],
)
def test_the_shares_in_words_add_up_to_100(
    shares: tuple[float, float, float], expected: tuple[str, str, str]
) -> None:
    texts = share_texts(dict(zip(("green", "yellow", "red"), shares, strict=True)), Lang.EN)
    assert (texts["green"], texts["yellow"], texts["red"]) == expected


def test_a_zone_with_no_observation_draws_no_segment(site: Site) -> None:
    current = stats(50, 1.0, 0.0, 0.0, 10, 18, 1.0)
    card = replace(example_card(), standards=(_with_metric(replace(ANSWER_TIME, current=current)),))
    page = scorecard_page(site, card, Lang.EN).markdown
    bar = card_element(page, "phone-answer--answer-time").find("div[@class='stdlint-bar']")
    assert bar is not None
    assert [(span.get("class"), span.get("style")) for span in bar] == [
        ("stdlint-bar__green", "width:100%")
    ]
    assert bar.get("aria-label") == "Green zone 100%, yellow zone 0%, red zone 0%"


# --- figures, counterbalance, no data ---------------------------------------------------------


def test_the_figures_have_units_target_attainment_and_trend(site: Site) -> None:
    page = scorecard_page(site, example_card(), Lang.RU).markdown
    figures = card_element(page, "phone-answer--answer-time").find("dl")
    assert figures is not None
    pairs = {text_of(pair[0]): text_of(pair[1]) for pair in figures}
    assert pairs == {
        "Наблюдений": f"1{NBSP}000",
        "Медиана": f"14,5{NBSP}секунды",  # a fraction agrees like 2
        "9 из 10": f"≤ 38{NBSP}секунд",
        "Цель": f"≤ 20{NBSP}секунд",
        "Цель выполнена": f"82{NBSP}%",
        # September: 78 % green; October: 82 %.
        "Прошлый период": f"зелёная 78{NBSP}% → 82{NBSP}% (▲{NBSP}+4{NBSP}п.{NBSP}п.)",
    }
    english = scorecard_page(site, example_card(), Lang.EN).markdown
    figures = card_element(english, "phone-answer--answer-time").find("dl")
    assert figures is not None
    pairs = {text_of(pair[0]): text_of(pair[1]) for pair in figures}
    # The unit as the English standard writes it, agreeing with its number.
    assert pairs["Median"] == f"14.5{NBSP}seconds" and pairs["9 in 10"] == f"≤ 38{NBSP}seconds"
    assert pairs["Previous period"] == f"green 78% → 82% (▲{NBSP}+4{NBSP}pp)"


def test_a_quality_metric_reads_its_nine_in_ten_as_at_least(site: Site) -> None:
    page = scorecard_page(site, example_card(), Lang.EN).markdown
    figures = card_element(page, "phone-answer--call-rating").find("dl")
    assert figures is not None
    pairs = {text_of(pair[0]): text_of(pair[1]) for pair in figures}
    assert pairs["9 in 10"] == "≥ 80%" and pairs["Target"] == "≥ 90%"
    assert "Previous period" not in pairs  # no data for September


def test_the_counterbalance_sits_inside_the_card_of_its_metric(site: Site) -> None:
    page = scorecard_page(site, example_card(), Lang.RU).markdown
    metric = card_element(page, "phone-answer--answer-time")
    balance = metric.find("p[@class='stdlint-balance']")
    assert balance is not None
    assert text_of(balance) == (
        "Смотреть вместе с: Доля звонящих, оценивших разговор на «хорошо» Зелёный "
        f"в зелёной зоне 93{NBSP}%"
    )
    link = balance.find("a")
    assert link is not None and link.get("href") == "#phone-answer--call-rating"
    assert card_element(page, "phone-answer--call-rating").get("class") == (
        "stdlint-metric stdlint-metric--green"
    )
    light = balance.find("span[@class='stdlint-light stdlint-light--green']")
    assert light is not None


def test_a_metric_without_observations_or_zones_says_so_instead_of_a_bar(site: Site) -> None:
    page = scorecard_page(site, example_card(), Lang.RU).markdown
    empty = card_element(page, "chat-first-response--chat-rating")
    assert empty.find(".//div[@class='stdlint-bar']") is None
    assert text_of(empty).count("Наблюдений за период (октябрь 2026) нет.") == 1
    assert empty.get("class") == "stdlint-metric stdlint-metric--none"
    # Its speed metric shows that its counterbalance has nothing to show.
    speed = card_element(page, "chat-first-response--chat-first-response-time")
    balance = speed.find("p[@class='stdlint-balance']")
    assert balance is not None and text_of(balance).endswith("Нет оценки нет данных")
    no_zones = card_element(page, "email-first-reply--first-reply-complete")
    assert no_zones.find(".//div[@class='stdlint-bar']") is None
    assert "Стандарт не задаёт зон этому показателю: светофора нет." in text_of(no_zones)
    assert "Наблюдений120" in text_of(no_zones)  # its figures still show


# --- the top of the page ------------------------------------------------------------------


def test_the_summary_names_the_period_the_data_and_the_overall_light(site: Site) -> None:
    ru = scorecard_page(site, example_card(), Lang.RU)
    assert ru.src_uri == "handbook/scorecard.ru.md" and ru.title == "Светофор сервиса"
    assert "# Светофор сервиса\n" in ru.markdown
    assert "<strong>Период: октябрь 2026</strong>; для сравнения — сентябрь 2026." in ru.markdown
    # The file's name only: the page never shows the server's folders.
    assert (
        f"Данные: measurements.csv — прочитано 12{NBSP}345 строк, за период учтено "
        f"1{NBSP}770 наблюдений; вне периода — 10{NBSP}000." in ru.markdown
    )
    assert "/srv/exports" not in ru.markdown
    overall = re.search(
        r'stdlint-summary__overall">([^<]*)<span class="([^"]+)">([^<]+)<', ru.markdown
    )
    assert overall and overall.groups() == (
        "Общий сигнал ",
        "stdlint-light stdlint-light--red",
        "Красный",
    )
    en = scorecard_page(site, example_card(), Lang.EN)
    assert en.src_uri == "handbook/scorecard.en.md" and en.title == "Service scorecard"
    assert "Period: October 2026</strong>; compared with September 2026." in en.markdown
    assert "12,345 rows read, 1,770 observations scored in the period; 10,000 outside it" in (
        en.markdown
    )


def test_each_standard_links_to_its_page_in_the_pages_language(site: Site) -> None:
    ru = scorecard_page(site, example_card(), Lang.RU).markdown
    en = scorecard_page(site, example_card(), Lang.EN).markdown
    assert (
        '## [Ответ на входящий звонок](../phone/answer-call.ru.md)\n\n<span class="stdlint-light '
        'stdlint-light--yellow">Жёлтый</span>' in ru
    )
    assert "## [Answering an incoming call](../phone/answer-call.en.md)" in en
    # Standards in the scorecard's order, metric names from the standard in the page's language.
    headings = re.findall(r"^## \[([^\]]+)\]", en, re.M)
    assert headings == [
        "Answering an incoming call",
        "First response in the website chat",
        "First reply to a customer email",
    ]
    assert "Time to answer <small><code>answer-time</code></small>" in en


def test_problems_in_the_data_are_a_warning_with_each_kind_counted(site: Site) -> None:
    page = scorecard_page(site, example_card(problems=PROBLEMS), Lang.RU).markdown
    block = page[page.index('<div class="admonition warning') :]
    block = block[: block.index("\n</div>") + 7]
    warning = ElementTree.fromstring(block)
    title = warning.find("p[@class='admonition-title']")
    assert title is not None and text_of(title) == "Ошибки в данных: не учтено 15 строк"
    items = [text_of(item) for item in warning.iter("li")]
    assert items == [
        "Неизвестный показатель — 12 строк (строка 4: «answer-tme»; строка 18: «answr-time»…)",
        "Значение — не число — 3 строки (строка 7: «n/a»…)",
    ]
    # Above the standards, where a manager looks first.
    assert page.index("admonition warning") < page.index("## [")
    assert "admonition" not in scorecard_page(site, example_card(), Lang.RU).markdown


def test_a_period_without_data_is_said_without_a_row_count(site: Site) -> None:
    empty = (Problem(ProblemKind.EMPTY_PERIOD, 0),)
    page = scorecard_page(site, example_card(problems=empty), Lang.EN).markdown
    assert '<p class="admonition-title">No data for the period</p>' in page
    assert "<li>No usable observation in the period</li>" in page


# --- the page in Markdown engines ---------------------------------------------------------


@pytest.mark.parametrize(
    "extensions", [["admonition", "attr_list", "md_in_html", "tables", "toc"], []]
)
def test_the_page_renders_with_the_examples_extensions_and_with_none(
    site: Site, extensions: list[str]
) -> None:
    page = scorecard_page(site, example_card(problems=PROBLEMS), Lang.RU).markdown
    body = page.split("---\n", 2)[2]
    rendered = markdown.markdown(body, extensions=extensions)
    # The HTML passes through untouched, and the standards' links are Markdown links.
    assert rendered.count('<div class="stdlint-bar" role="img"') == 3
    assert '<span class="stdlint-bar__green" style="width:82%"></span>' in rendered
    assert '<a href="../phone/answer-call.ru.md">Ответ на входящий звонок</a>' in rendered
    assert '<div class="admonition warning stdlint-problems">' in rendered
    assert "<p>&lt;" not in rendered and "<p><div" not in rendered  # no HTML shown as text


# --- numbers and dates --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "lang", "expected"),
    [
        (Period.parse("2026-10"), Lang.RU, "октябрь 2026"),
        (Period.parse("2026-10"), Lang.EN, "October 2026"),
        (Period.parse("2026-Q4"), Lang.EN, "Q4 2026 (1 October – 31 December 2026)"),
        (Period.parse("2026-Q1"), Lang.RU, "1-й квартал 2026 (1 января – 31 марта 2026)"),
        (Period.parse("2026"), Lang.RU, "2026 год"),
        (Period(date(2026, 10, 1), date(2026, 10, 15)), Lang.RU, "1–15 октября 2026"),
        (Period(date(2026, 9, 20), date(2026, 10, 5)), Lang.EN, "20 September – 5 October 2026"),
        (Period(date(2025, 12, 20), date(2026, 1, 5)), Lang.RU, "20 декабря 2025 – 5 января 2026"),
    ],
)
def test_periods_are_written_in_the_languages_style(
    period: Period, lang: Lang, expected: str
) -> None:
    assert period_text(period, lang) == expected


def test_a_single_day_is_one_date() -> None:
    assert day_range(date(2026, 5, 1), date(2026, 5, 1), Lang.RU) == "1 мая 2026"


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (12345, None, Lang.RU, f"12{NBSP}345"),
        (12345, None, Lang.EN, "12,345"),
        (1, "рабочие часы", Lang.RU, f"1{NBSP}рабочий час"),
        (0.25, "hours", Lang.EN, f"0.25{NBSP}hours"),
        (92.46, "%", Lang.RU, f"92,5{NBSP}%"),
        (1234.56, "seconds", Lang.EN, f"1,235{NBSP}seconds"),
    ],
)
def test_figures_are_rounded_grouped_and_agree_with_their_unit(
    value: float, unit: str | None, lang: Lang, expected: str
) -> None:
    assert amount(value, unit, lang) == expected


# --- the generated pages ------------------------------------------------------------------


def test_the_scorecard_page_is_generated_only_with_a_scorecard(site: Site) -> None:
    without = [page.src_uri for page in generated_pages(site, Lang.EN)]
    assert "handbook/scorecard.en.md" not in without
    with_card = [page.src_uri for page in generated_pages(site, Lang.EN, scorecard=example_card())]
    assert with_card == ["handbook/scorecard.en.md", *without]


# --- the MkDocs plugin --------------------------------------------------------------------


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno >= logging.WARNING]


def test_the_plugin_adds_the_page_in_both_languages_and_the_navigation(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = example_with_scorecard(
        tmp_path, "      scorecard: data/measurements.csv\n      scorecard_period: 2026-10\n"
    )
    with scored(example_card) as calls:
        build_site(copy)  # strict: clean data, no warning
    assert not warnings(caplog)
    # Scored once for both languages, from the file beside mkdocs.yml, for the period asked.
    assert calls.arguments == [(copy / "data" / "measurements.csv", OCTOBER, {})]
    public = copy / "public"
    ru = (public / "handbook" / "scorecard.html").read_text("utf-8")
    assert re.search(r"<h1[^>]*>Светофор сервиса", ru)
    assert '<span class="stdlint-bar__green" style="width:82%"></span>' in ru
    # MkDocs rewrote the link to the standard's source into its page.
    assert '<a href="../phone/answer-call.html">Ответ на входящий звонок</a>' in ru
    en = (public / "en" / "handbook" / "scorecard.html").read_text("utf-8")
    assert re.search(r"<h1[^>]*>Service scorecard", en)
    assert '<a href="../phone/answer-call.html">Answering an incoming call</a>' in en
    # First under "The handbook": the section's link on every other page leads to it.
    between = r"(?:\s|<[^>]+>)*"
    index = (public / "index.html").read_text("utf-8")
    assert re.search(
        rf'<a href="handbook/scorecard\.html" class="md-nav__link">{between}О справочнике', index
    )
    active = r'<a href="scorecard\.html" class="md-nav__link md-nav__link--active">'
    assert re.search(rf"{active}{between}Service scorecard", en)


def test_bad_rows_are_one_warning_that_fails_a_strict_build(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = example_with_scorecard(tmp_path, "      scorecard: measurements.csv\n")
    with scored(lambda: example_card(problems=PROBLEMS)), pytest.raises(Abort, match="1 warnings"):
        build_site(copy)
    caplog.clear()
    with scored(lambda: example_card(problems=PROBLEMS)):
        build_site(copy, strict=False)
    # One warning for the run, in the build's language, though two languages were built.
    assert warnings(caplog) == [
        "stdlint: в данных для светофора measurements.csv есть ошибки, они не учтены: "
        "Неизвестный показатель — 12 строк; Значение — не число — 3 строки. Они перечислены "
        "на странице светофора; все строки покажет `stdlint score --data measurements.csv`."
    ]
    for page in ("handbook/scorecard.html", "en/handbook/scorecard.html"):
        html = (copy / "public" / page).read_text("utf-8")
        assert '<div class="admonition warning stdlint-problems">' in html


UNREADABLE = Text(en="{path}: no such file", ru="{path}: файла нет")


def _unreadable() -> Scorecard:
    raise DataError(UNREADABLE, path="missing.csv")


def test_data_that_cannot_be_read_stops_the_build_naming_the_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = example_with_scorecard(tmp_path, "      scorecard: missing.csv\n")
    with scored(_unreadable), pytest.raises(Abort, match="BuildError"):
        build_site(copy, strict=False)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [
        "stdlint: данные для светофора missing.csv не читаются: missing.csv: файла нет"
    ]
    assert not (copy / "public" / "handbook" / "scorecard.html").exists()


def test_an_impossible_period_is_a_configuration_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    copy = example_with_scorecard(
        tmp_path, "      scorecard: measurements.csv\n      scorecard_period: 2026-13\n"
    )
    with scored(example_card) as calls, pytest.raises(Abort):
        build_site(copy, strict=False)
    assert calls.arguments == []
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "scorecard_period" in errors[0] and "2026-13" in errors[0]


def test_without_the_option_there_is_no_scorecard_page(tmp_path: Path) -> None:
    copy = example_with_scorecard(tmp_path, "")
    with scored(example_card) as calls:
        build_site(copy)
    assert calls.arguments == []
    assert not (copy / "public" / "handbook" / "scorecard.html").exists()
    assert "scorecard.html" not in (copy / "public" / "index.html").read_text("utf-8")


# --- stdlint site --data ------------------------------------------------------------------


def test_stdlint_site_writes_the_scorecard_page_in_each_language(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    copy = site_copy(tmp_path)
    with scored(example_card) as calls:
        run = run_cli(
            "site", "build/docs", "--data", "m.csv", "--period", "2026-10", "--today", "2026-11-23",
            cwd=copy,
        )  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert calls.arguments == [(Path("m.csv"), OCTOBER, {})]
    ru = (copy / "build" / "docs" / "handbook" / "scorecard.ru.md").read_text("utf-8")
    assert "# Светофор сервиса" in ru and "](../phone/answer-call.ru.md)" in ru
    en = (copy / "build" / "docs" / "handbook" / "scorecard.en.md").read_text("utf-8")
    assert "# Service scorecard" in en


def test_stdlint_site_with_bad_rows_writes_the_page_and_exits_1(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    copy = site_copy(tmp_path)
    with scored(lambda: example_card(problems=PROBLEMS)):
        run = run_cli("site", "out", "--data", "m.csv", "--lang", "en", cwd=copy)
    assert run.exit_code == 1
    assert "Unknown metric id — 12 rows; Value is not a number — 3 rows" in run.stderr
    assert "admonition warning" in (copy / "out" / "handbook" / "scorecard.en.md").read_text(
        "utf-8"
    )


def test_stdlint_site_with_unreadable_data_exits_2(
    tmp_path: Path, run_cli: Callable[..., Run]
) -> None:
    copy = site_copy(tmp_path)
    with scored(_unreadable):
        run = run_cli("site", "out", "--data", "missing.csv", "--lang", "ru", cwd=copy)
    assert run.exit_code == 2
    assert "missing.csv: файла нет" in run.stderr and "Traceback" not in run.stderr
    assert not (copy / "out").exists()
    with scored(example_card):
        run = run_cli("site", "out", "--data", "m.csv", "--period", "2026-13", cwd=copy)
    assert run.exit_code == 2 and "2026-13" in run.stderr
    run = run_cli("site", "out", "--period", "2026-10", "--lang", "en", cwd=copy)
    assert run.exit_code == 2 and "--period needs --data" in run.stderr
    assert not (copy / "out").exists()


def _with_metric(metric: MetricScore) -> StandardScore:
    """The phone standard with ``metric`` alone."""
    path = "standards/phone/answer-call.ru.md"
    return StandardScore("phone-answer", "Ответ на входящий звонок", "ru", path, (metric,))


def test_a_worse_month_points_down_and_a_metric_without_zones_compares_medians(
    site: Site,
) -> None:
    worse = replace(ANSWER_TIME, previous=stats(900, 0.85, 0.1, 0.05, 13, 30, 0.85))
    no_zones = replace(
        ANSWER_TIME,
        current=stats(80, None, None, None, 14.5, 38, None),
        previous=stats(70, None, None, None, 16, 41, None),
        metric="call-rating",
        counterbalance=None,
    )
    card = replace(example_card(), standards=(_with_metric(worse),))
    figures = card_element(
        scorecard_page(site, card, Lang.EN).markdown, "phone-answer--answer-time"
    ).find("dl")
    assert figures is not None
    assert text_of(figures).endswith(f"Previous periodgreen 85% → 82% (▼{NBSP}−3{NBSP}pp)")
    card = replace(example_card(), standards=(_with_metric(no_zones),))
    figures = card_element(
        scorecard_page(site, card, Lang.EN).markdown, "phone-answer--call-rating"
    ).find("dl")
    assert figures is not None
    # The unit is the call rating's own (%), from the English standard.
    assert text_of(figures).endswith("Previous periodmedian 16 → 14.5%")


def test_a_handbook_without_metrics_in_force_says_so(site: Site) -> None:
    page = scorecard_page(site, replace(example_card(), standards=()), Lang.RU).markdown
    assert "<p>Ни у одного действующего стандарта нет показателей.</p>" in page
    assert 'Общий сигнал <span class="stdlint-light stdlint-light--none">Нет оценки</span>' in page
    assert "stdlint-tally" not in page and "## [" not in page


def test_a_generated_home_page_links_the_scorecard_first(site: Site) -> None:
    lines = home_page(site, Lang.EN, scorecard=True).markdown.splitlines()
    links = [line for line in lines if line.startswith("- [")]
    assert links[0] == "- [Service scorecard](handbook/scorecard.en.md)"
    assert "scorecard" not in home_page(site, Lang.EN).markdown

"""The published handbook in a real browser: headless Chromium at desktop and phone widths.

A strict build of the example handbook (in a temporary copy) is served over loopback and
opened with Playwright, which drives Debian's `chromium` (`apt-get install chromium`), never a
browser build of its own. Without chromium these tests are skipped, except under CI, where
they fail: .ci/run installs it.

Every page the tests open is saved as a screenshot, for a person to look at, in
`$STDLINT_ARTIFACTS/screenshots/` (default: `build/test-artifacts/screenshots/` in the
repository), named page-language-width: `phone-answer-call-ru-390.png`.
"""

from __future__ import annotations

import colorsys
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.scorecards import (
    ANSWER_TIME,
    PROBLEMS,
    build_site,
    example_card,
    example_with_scorecard,
    scored,
)
from tests.sitebuild import REPO

try:
    from playwright.sync_api import Browser, Page, expect, sync_playwright
except ImportError:  # reported by the `browser` fixture, as a skip or (under CI) a failure
    sync_playwright = None

# Chromium cannot reach the internet here: without these flags its background connections
# (updates, sync, QUIC probes) are refused and slow it down.
CHROMIUM_ARGS = [
    "--no-sandbox",  # runs as root in CI
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous for a 2-core CI machine; every wait is on a condition, none is a plain sleep.
TIMEOUT_MS = 15_000


@dataclass(frozen=True)
class Screen:
    name: str
    width: int
    height: int

    @property
    def phone(self) -> bool:
        return self.name == "phone"


DESKTOP = Screen("desktop", 1280, 900)
PHONE = Screen("phone", 390, 844)
SMALL_PHONE = Screen("phone", 360, 740)  # the narrowest phone in common use


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    """Skip the browser tests here; under CI, where they must run, fail instead."""
    if _under_ci():
        pytest.fail(f"CI must run the browser tests, but {reason}", pytrace=False)
    pytest.skip(reason)


def _chromium() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


# --- fixtures -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless chromium, launched once; missing chromium skips (fails under CI)."""
    if sync_playwright is None:
        _unavailable(
            "the Playwright package is not installed: run .venv/bin/pip install -e '.[test]'"
        )
    executable = _chromium()
    if executable is None:
        _unavailable(
            "Debian's chromium is not installed (`sudo apt-get install chromium`); "
            "the browser tests use it rather than a browser downloaded by Playwright"
        )
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def site(built_site: tuple[Path, str]) -> Path:
    """`mkdocs build --strict` of the example handbook in a temporary copy: its public/."""
    public, _ = built_site
    assert (public / "phone" / "answer-call.html").is_file(), "the build wrote no standard page"
    return public


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served over loopback, as a base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    """The built site served over loopback, as a base URL ending in '/'."""
    with served(site) as url:
        yield url


@pytest.fixture(scope="session")
def screenshots() -> Path:
    root = Path(os.environ.get("STDLINT_ARTIFACTS") or REPO / "build" / "test-artifacts")
    folder = root / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(params=[DESKTOP, PHONE], ids=lambda screen: screen.name)
def screen(request: pytest.FixtureRequest) -> Screen:
    return request.param


@pytest.fixture
def page(browser: Browser, screen: Screen) -> Iterator[Page]:
    """A fresh browser tab at the screen's size; an uncaught script error fails the test."""
    context = browser.new_context(viewport={"width": screen.width, "height": screen.height})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield tab
    finally:
        context.close()
    assert not errors, f"script errors on the page: {errors}"


def shoot(page: Page, folder: Path, name: str, screen: Screen, *, full: bool = True) -> None:
    page.screenshot(path=folder / f"{name}-{screen.width}.png", full_page=full)


def rgb(css: str) -> tuple[int, int, int]:
    found = re.match(r"rgba?\((\d+), (\d+), (\d+)", css)
    assert found, f"not an rgb() colour: {css!r}"
    red, green, blue = (int(part) for part in found.groups())
    return red, green, blue


def hue(css: str) -> float:
    """The hue of a CSS colour in degrees (0 red, 50 yellow, 120 green)."""
    red, green, blue = rgb(css)
    return colorsys.rgb_to_hsv(red / 255, green / 255, blue / 255)[0] * 360


# --- a standard page ------------------------------------------------------------------------


def test_a_standard_page_shows_its_header_and_metric_zones(
    page: Page, site_url: str, screen: Screen, screenshots: Path
) -> None:
    page.goto(site_url + "phone/answer-call.html")
    article = page.locator("article.md-content__inner")
    expect(article.locator("h1")).to_have_text(re.compile(r"^Ответ на входящий звонок"))

    header = article.locator(".stdlint-header")
    expect(header).to_be_visible()
    owner = header.locator(".stdlint-facts div", has_text="Владелец").locator("dd")
    expect(owner).to_be_visible()
    expect(owner).to_have_text("Руководитель контакт-центра")
    status = header.locator(".stdlint-badge--active")
    expect(status).to_be_visible()
    expect(status).to_have_text("Действует")
    review = header.locator(".stdlint-badge--fresh")
    expect(review).to_be_visible()
    expect(review).to_have_text("Актуален")

    table = header.locator(".stdlint-metrics__table")
    expect(table).to_be_visible()
    answer_time = table.locator("tbody tr", has_text="Время ответа на звонок")
    green = answer_time.locator("td.stdlint-zone--green")
    yellow = answer_time.locator("td.stdlint-zone--yellow")
    red = answer_time.locator("td.stdlint-zone--red")
    for cell, text in ((green, "≤ 20 секунд"), (yellow, "≤ 40 секунд"), (red, "> 40 секунд")):
        expect(cell).to_be_visible()
        expect(cell).to_contain_text(text)
    # The zones are coloured by stdlint.css, which a broken stylesheet link would lose.
    backgrounds = {
        zone: cell.evaluate("element => getComputedStyle(element).backgroundColor")
        for zone, cell in (("green", green), ("yellow", yellow), ("red", red))
    }
    assert 90 <= hue(backgrounds["green"]) <= 150, backgrounds
    assert 30 <= hue(backgrounds["yellow"]) <= 65, backgrounds
    assert hue(backgrounds["red"]) >= 330 or hue(backgrounds["red"]) <= 15, backgrounds
    # Nothing of the header is wider than the screen (a phone shows each metric as a card).
    width = header.evaluate("element => element.getBoundingClientRect().right")
    assert width <= screen.width, f"the header runs off the screen: {width} > {screen.width}"
    shoot(page, screenshots, "phone-answer-call-ru", screen)


# --- the coverage page ----------------------------------------------------------------------


def test_the_coverage_page_shows_the_map_by_journey_stage(
    page: Page, site_url: str, screen: Screen, screenshots: Path
) -> None:
    page.goto(site_url + "handbook/coverage.html")
    article = page.locator("article.md-content__inner")
    expect(article.locator("h1")).to_have_text(re.compile(r"^Карта покрытия"))
    table = article.locator("table").first
    expect(table).to_be_visible()
    expect(table.locator("thead th").first).to_have_text("Этап")
    for stage in ("Выбор тарифа", "Смена тарифа или расторжение"):
        first_cell = table.locator('tbody tr th[scope="row"]', has_text=stage)
        expect(first_cell).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(7)
    frame = article.locator(".stdlint-coverage")
    overflow = frame.evaluate("element => element.scrollWidth - element.clientWidth")
    if screen.width >= 1000:
        # A manager sees every channel at once on a desktop.
        assert overflow <= 1, f"the coverage map scrolls sideways on a desktop by {overflow}px"
    else:
        # On a phone the map scrolls sideways and the stage names stay in view.
        assert overflow > 0
        frame.evaluate("element => { element.scrollLeft = element.scrollWidth }")
        stage = table.locator('tbody tr th[scope="row"]').first
        left = stage.evaluate("element => element.getBoundingClientRect().left")
        frame_left = frame.evaluate("element => element.getBoundingClientRect().left")
        assert abs(left - frame_left) <= 2, (left, frame_left)
        expect(stage).to_be_visible()
        frame.evaluate("element => { element.scrollLeft = 0 }")
    summary = article.get_by_text("Стандарт есть в 15 из 15 обязательных ячеек.", exact=True)
    expect(summary).to_be_visible()
    shoot(page, screenshots, "handbook-coverage-ru", screen)


# --- the language switch --------------------------------------------------------------------


def _switch_language(page: Page, language: str) -> None:
    """Open Material's language selector in the header and pick a language."""
    button = page.locator(".md-header .md-select > button")
    expect(button).to_be_visible()
    button.click()
    choice = page.locator(".md-header .md-select__link", has_text=language)
    expect(choice).to_be_visible()
    choice.click()


def test_the_language_switch_leads_to_the_translation_and_back(
    page: Page, site_url: str, screen: Screen, screenshots: Path
) -> None:
    page.goto(site_url + "phone/answer-call.html")
    title = page.locator("article.md-content__inner h1")
    expect(title).to_have_text(re.compile(r"^Ответ на входящий звонок"))

    _switch_language(page, "English")
    expect(page).to_have_url(site_url + "en/phone/answer-call.html")
    expect(title).to_have_text(re.compile(r"^Answering an incoming call¶?$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    owner = page.locator(".stdlint-facts div", has_text="Owner").locator("dd")
    expect(owner).to_be_visible()
    shoot(page, screenshots, "phone-answer-call-en", screen)

    _switch_language(page, "Русский")
    expect(page).to_have_url(site_url + "phone/answer-call.html")
    expect(title).to_have_text(re.compile(r"^Ответ на входящий звонок¶?$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")


# --- search ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    slug: str  # for the screenshot's name
    start: str  # the page the search is typed on
    query: str
    ready: str  # the search box's prompt once its index is loaded
    expected: str  # a page that has another form of the word, and not the query itself
    form: str  # that form, highlighted in the result


SEARCHES = [
    # «жалоба» in nominative; the cancellation standard only says «пишет публичную жалобу».
    Search("zhaloba-ru", "phone/answer-call.html", "жалоба", "Начните печатать",
           "cancellation/cancellation.html", "жалобу"),
    # The infinitive; the plan consultation standard only says «…, перезвоните клиенту».
    Search("perezvonit-ru", "phone/answer-call.html", "перезвонить", "Начните печатать",
           "phone/plan-consultation.html", "перезвоните"),
    # English is stemmed too: the plural finds the singular.
    Search("complaints-en", "en/phone/answer-call.html", "complaints", "Type to start",
           "en/cancellation/cancellation.html", "complaint"),
]  # fmt: skip


def _open_search(page: Page, screen: Screen) -> None:
    """Bring up Material's search box as a person would at this width."""
    if screen.phone:
        # On a phone the header shows only a magnifier, which opens the search overlay.
        icon = page.locator(".md-header label.md-header__button[for='__search']")
        expect(icon).to_be_visible()
        icon.click()
    else:
        page.locator(".md-search__input").click()
    expect(page.locator(".md-search__input")).to_be_visible()
    expect(page.locator(".md-search__input")).to_be_focused()


@pytest.mark.parametrize("search", SEARCHES, ids=lambda search: search.slug)
def test_search_finds_other_forms_of_the_word(
    page: Page, site_url: str, site: Path, screen: Screen, screenshots: Path, search: Search
) -> None:
    # The expected page must not contain the query itself, or this would prove nothing.
    text = (site / search.expected).read_text(encoding="utf-8").lower()
    assert re.search(rf"\b{search.form}\b", text), f"{search.expected} lost «{search.form}»"
    assert search.query not in text, f"{search.expected} now says «{search.query}» itself"

    page.goto(site_url + search.start)
    _open_search(page, screen)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text(search.ready)  # the index is loaded
    box = page.locator(".md-search__input")
    # Cyrillic letters are typed as text input, with no key events; Material searches on
    # keyup, so end with a key a person's typing would also release.
    box.press_sequentially(search.query)
    box.press("End")
    expect(box).to_have_value(search.query)

    result = page.locator(".md-search-result__item").filter(
        has=page.locator(f"a[href^='{site_url}{search.expected}']")
    )
    try:
        expect(result).to_be_visible()
    except AssertionError:
        found = page.locator(".md-search-result__item > a").evaluate_all(
            "links => links.map(link => link.getAttribute('href'))"
        )
        raise AssertionError(
            f"searching «{search.query}» did not list {search.expected}: "
            f"{meta.inner_text()!r}, {found}"
        ) from None
    highlighted = result.locator("mark", has_text=re.compile(rf"^{search.form}$", re.I))
    expect(highlighted.first).to_be_visible()
    shoot(page, screenshots, f"search-{search.slug}", screen, full=False)


def test_the_offline_copy_searches_word_forms_from_a_file(
    browser: Browser, site: Path, screenshots: Path
) -> None:
    """Opened from file://, search runs in the iframe-worker shim instead of a web worker."""
    context = browser.new_context(viewport={"width": DESKTOP.width, "height": DESKTOP.height})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((site / "phone" / "answer-call.html").as_uri())
        # From a file, Material loads the search index only when the search box opens.
        _open_search(page, DESKTOP)
        expect(page.locator(".md-search-result__meta")).to_contain_text("Начните печатать")
        box = page.locator(".md-search__input")
        box.press_sequentially("жалоба")
        box.press("End")
        result = page.locator(".md-search-result__item").filter(
            has=page.locator("a[href*='/public/cancellation/cancellation.html']")
        )
        expect(result).to_be_visible()
        expect(result.locator("mark", has_text="жалобу").first).to_be_visible()
        assert not errors, f"script errors on the page: {errors}"
    finally:
        context.close()


# --- print ---------------------------------------------------------------------------------


def test_a_standard_prints_without_the_site_around_it(
    browser: Browser, site_url: str, screenshots: Path
) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 1100})
    try:
        tab = context.new_page()
        tab.goto(site_url + "phone/answer-call.html")
        tab.emulate_media(media="print")
        article = tab.locator("article.md-content__inner")
        expect(article.locator(".stdlint-header")).to_be_visible()
        expect(article.locator(".stdlint-metrics__table")).to_be_visible()
        # No navigation, search, tags or edit button on paper.
        for chrome in (".md-sidebar--primary", ".md-header", ".md-tags", ".md-content__button"):
            expect(tab.locator(chrome).first).to_be_hidden()
        # Zones stay readable in black and white: a coloured dot before the value.
        red = article.locator("td.stdlint-zone--red").first
        marker = red.evaluate("element => getComputedStyle(element, '::before').content")
        assert "●" in marker
        tab.screenshot(path=screenshots / "print-answer-call-ru-800.png", full_page=True)
    finally:
        context.close()


# --- the scorecard page ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def scorecard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example built with a hand-built scorecard (bad rows included), served."""
    copy = example_with_scorecard(
        tmp_path_factory.mktemp("scorecard-site"), "      scorecard: measurements.csv\n"
    )
    with scored(lambda: example_card(problems=PROBLEMS)):
        build_site(copy, strict=False)  # the bad rows are a warning
    with served(copy / "public") as url:
        yield url


def rgba(css: str) -> tuple[float, float, float, float]:
    found = re.match(r"rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)", css)
    assert found, f"not an rgb() colour: {css!r}"
    red, green, blue, alpha = found.groups()
    return float(red), float(green), float(blue), float(alpha) if alpha is not None else 1.0


def contrast(
    foreground: tuple[float, float, float], background: tuple[float, float, float]
) -> float:
    """WCAG's contrast ratio of two colours (1 to 21)."""

    def luminance(colour: tuple[float, float, float]) -> float:
        parts = [c / 255 for c in colour]
        linear = [p / 12.92 if p <= 0.04045 else ((p + 0.055) / 1.055) ** 2.4 for p in parts]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Every background from the element up to the page, the page's own first when none is opaque.
BACKGROUNDS = """element => {
  const colours = [];
  for (let node = element; node; node = node.parentElement) {
    colours.push(getComputedStyle(node).backgroundColor);
  }
  return colours;
}"""


def shown_background(colours: list[str]) -> tuple[float, float, float]:
    """The colour a stack of (possibly translucent) backgrounds shows, over a white canvas."""
    red, green, blue = 255.0, 255.0, 255.0
    for css in reversed(colours):
        top_red, top_green, top_blue, alpha = rgba(css)
        red = alpha * top_red + (1 - alpha) * red
        green = alpha * top_green + (1 - alpha) * green
        blue = alpha * top_blue + (1 - alpha) * blue
    return red, green, blue


def bar_parts(card: Any) -> tuple[float, list[float]]:
    """The width of a metric card's bar and of each of its coloured parts, in pixels."""
    bar = card.locator(".stdlint-bar")
    expect(bar).to_be_visible()
    total = bar.evaluate("element => element.getBoundingClientRect().width")
    parts = bar.locator("span").evaluate_all(
        "spans => spans.map(s => s.getBoundingClientRect().width)"
    )
    return total, parts


def assert_as_wide_as_the_shares(total: float, parts: list[float]) -> None:
    """The answer time's bar: its parts are 82 %, 12 % and 6 % of it, to a pixel."""
    shares = [ANSWER_TIME.current.green, ANSWER_TIME.current.yellow, ANSWER_TIME.current.red]
    assert total > 200, total
    assert len(parts) == 3, parts
    for width, share in zip(parts, shares, strict=True):
        assert share is not None and abs(width - share * total) <= 1, (parts, total)


@pytest.mark.parametrize("screen", [SMALL_PHONE, DESKTOP], ids=lambda screen: str(screen.width))
@pytest.mark.parametrize(("lang", "scheme"), [("ru", "light"), ("ru", "dark"), ("en", "light")])
def test_the_scorecard_fits_a_phone_and_its_lights_read_in_both_palettes(
    browser: Browser, scorecard_url: str, screen: Screen, lang: str, scheme: str, screenshots: Path
) -> None:
    context = browser.new_context(
        viewport={"width": screen.width, "height": screen.height},
        color_scheme="dark" if scheme == "dark" else "light",
    )
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(scorecard_url + ("" if lang == "ru" else "en/") + "handbook/scorecard.html")
        article = tab.locator("article.md-content__inner")
        title = "Светофор сервиса" if lang == "ru" else "Service scorecard"
        expect(article.locator("h1")).to_have_text(re.compile(f"^{title}"))
        palette = tab.locator("body").get_attribute("data-md-color-scheme")
        assert palette == ("slate" if scheme == "dark" else "default"), palette

        # Nothing runs off the side: the page does not scroll sideways.
        scroll = tab.evaluate(
            "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        assert scroll[0] <= scroll[1], f"the page scrolls sideways: {scroll}"
        cards = article.locator(".stdlint-metric")
        expect(cards).to_have_count(5)
        rights = cards.evaluate_all("cards => cards.map(c => c.getBoundingClientRect().right)")
        assert max(rights) <= screen.width, rights

        card = article.locator("#phone-answer--answer-time")
        assert_as_wide_as_the_shares(*bar_parts(card))
        colours = card.locator(".stdlint-bar span").evaluate_all(
            "spans => spans.map(s => getComputedStyle(s).backgroundColor)"
        )
        assert 90 <= hue(colours[0]) <= 150 and 30 <= hue(colours[1]) <= 65, colours
        assert hue(colours[2]) >= 330 or hue(colours[2]) <= 15, colours
        # The shares in words under the bar, and the counterbalance in the same card.
        expect(card.locator(".stdlint-shares")).to_be_visible()
        expect(card.locator(".stdlint-balance a")).to_be_visible()
        # A metric with no observations has no bar.
        expect(article.locator("#chat-first-response--chat-rating .stdlint-bar")).to_have_count(0)

        # Each light reads: its word stands out from its badge (WCAG AA for small text).
        for light in ("green", "yellow", "red", "none"):
            badge = article.locator(f".stdlint-metric .stdlint-light--{light}").first
            expect(badge).to_be_visible()
            text = rgba(badge.evaluate("element => getComputedStyle(element).color"))[:3]
            background = shown_background(badge.evaluate(BACKGROUNDS))
            ratio = contrast(text, background)
            assert ratio >= 4.5, f"the {light} light in {scheme}: contrast {ratio:.2f}"

        suffix = "" if scheme == "light" else "-dark"
        shoot(tab, screenshots, f"handbook-scorecard-{lang}{suffix}", screen)
    finally:
        context.close()
    assert not errors, f"script errors on the page: {errors}"


def test_the_scorecard_needs_no_script(browser: Browser, scorecard_url: str) -> None:
    context = browser.new_context(
        viewport={"width": SMALL_PHONE.width, "height": SMALL_PHONE.height},
        java_script_enabled=False,
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        tab = context.new_page()
        tab.goto(scorecard_url + "handbook/scorecard.html")
        article = tab.locator("article.md-content__inner")
        assert article.locator("script").count() == 0
        assert_as_wide_as_the_shares(*bar_parts(article.locator("#phone-answer--answer-time")))
        # The cards fit the phone (Material's own language menu, hidden, is wider without its
        # script: the article is measured, not the page).
        rights = article.locator(".stdlint-metric").evaluate_all(
            "cards => cards.map(c => c.getBoundingClientRect().right)"
        )
        assert max(rights) <= SMALL_PHONE.width, rights
    finally:
        context.close()

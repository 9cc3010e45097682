"""The published handbook as data: page headers, generated pages, navigation, recent changes.

These are the pure functions under the MkDocs plugin and ``stdlint site``; the real builds are
in test_site_build.py.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from stdlint.engine import read_handbook
from stdlint.i18n import Lang
from stdlint.parse.models import StandardMeta
from stdlint.publish import Site, changes, generated_pages, navigation, page_header
from stdlint.publish.header import tags
from stdlint.settings import load_settings
from stdlint.text.morph import agree_with_number
from tests.conftest import example_copy

TODAY = date(2026, 11, 23)


def example_site(folder: Path, *, suffixed: bool = True) -> Site:
    copy = example_copy(folder)
    result = read_handbook(load_settings(copy / "handbook.yml", [copy]), TODAY)
    return Site(result, "standards", suffixed, tuple(changes(result.handbook, copy)))


def meta(**fields: object) -> StandardMeta:
    base: dict[str, object] = {"id": "x", "title": "X", "lang": "en", "status": "active"}
    return StandardMeta.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("words", "number", "expected"),
    [
        ("секунды", 20, "секунд"),
        ("секунды", 1, "секунда"),
        ("секунды", 3, "секунды"),
        ("рабочие часы", 2, "рабочих часа"),  # «часы» the unit, not the watch
        ("рабочие часы", 21, "рабочий час"),
        ("рабочих дней", 5, "рабочих дней"),
        ("календарные дни", 1, "календарный день"),
        ("минуты", 1.5, "минуты"),  # a fraction agrees like 2
        ("минут", 11, "минут"),
        ("%", 7, "%"),  # not a word: left alone
    ],
)
def test_russian_units_agree_with_their_number(words: str, number: float, expected: str) -> None:
    assert agree_with_number(words, number, Lang.RU) == expected


def test_english_units_agree_with_their_number() -> None:
    assert agree_with_number("minutes", 1, Lang.EN) == "minute"
    assert agree_with_number("minutes", 2, Lang.EN) == "minutes"
    assert agree_with_number("working hours", 1, Lang.EN) == "working hour"


def test_the_header_writes_zones_by_direction(tmp_path: Path) -> None:
    site = example_site(tmp_path)
    standard = meta(
        owner="Head of support",
        last_reviewed="2026-01-15",
        review_every="1 year",
        journey=["support"],
        channels=["phone"],
        metrics=[
            {
                "id": "wait",
                "name": "Wait",
                "unit": "seconds",
                "target": 20,
                "direction": "lower",
                "zones": {"green": 20, "yellow": 40},
                "counterbalance": "rating",
            },
            {
                "id": "rating",
                "name": "Rating",
                "unit": "%",
                "target": 92.5,
                "direction": "higher",
                "zones": {"green": 90, "yellow": 80},
            },
        ],
    )
    header = page_header(standard, site.result.profile, TODAY, Lang.EN)
    wait, rating = header["metrics"]
    assert (wait["green"], wait["yellow"], wait["red"]) == (
        "≤ 20 seconds",
        "≤ 40 seconds",
        "> 40 seconds",
    )
    assert wait["counterbalance"] == "read together with: Rating"
    assert (rating["target"], rating["green"], rating["red"]) == ("92.5%", "≥ 90%", "< 80%")
    # Due on 2027-01-15: within the profile's 30 days of 2026-12-16, not of 2026-11-23.
    assert header["review"] == "fresh" and header["next_review"] == "2027-01-15"
    assert page_header(standard, site.result.profile, date(2026, 12, 20), Lang.EN)["review"] == (
        "due-soon"
    )
    overdue = page_header(standard, site.result.profile, date(2027, 2, 1), Lang.RU)
    assert (overdue["review"], overdue["review_label"]) == ("overdue", "Пересмотр просрочен")
    assert header["stages"] == ["Questions and requests"] and header["channels"] == ["Phone"]
    ru = page_header(standard, site.result.profile, TODAY, Lang.RU)
    assert ru["metrics"][1]["target"] == "92,5 %" and ru["labels"]["green"] == "Зелёная зона"


def test_tags_are_channel_and_role_names_then_the_standards_own(tmp_path: Path) -> None:
    site = example_site(tmp_path)
    standard = meta(channels=["social"], roles=["social-media-specialist"], tags=["reviews"])
    assert tags(standard, site.result.profile, Lang.RU) == [
        "Соцсети и карты",
        "Специалист по соцсетям",
        "reviews",
    ]


def test_navigation_puts_each_standard_under_its_first_stage_once(tmp_path: Path) -> None:
    site = example_site(tmp_path)
    sections = navigation(site, Lang.EN)
    titles = [title for title, _ in sections]
    assert titles[0] == "Choosing a plan" and titles[-1] == "Plan change or cancellation"
    listed = [uri for _, uris in sections for uri in uris]
    assert len(listed) == len(set(listed)) == 16
    assert all(uri.endswith(".en.md") for uri in listed)
    support = dict(sections)["Questions and requests"]
    assert "phone/answer-call.en.md" in support  # journey: [support, repair, billing]


def test_a_draft_is_not_published_and_a_missing_translation_falls_back(tmp_path: Path) -> None:
    copy = example_copy(tmp_path)
    draft = copy / "standards" / "phone" / "answer-call.en.md"
    draft.write_text(draft.read_text("utf-8").replace("status: active", "status: draft"), "utf-8")
    (copy / "standards" / "chat" / "first-response.en.md").unlink()
    result = read_handbook(load_settings(copy / "handbook.yml", [copy]), TODAY)
    site = Site(result, "standards", True)
    listed = [uri for _, uris in navigation(site, Lang.EN) for uri in uris]
    assert "phone/answer-call.en.md" not in listed
    assert "chat/first-response.ru.md" in listed  # the Russian version stands in
    roles = next(p for p in generated_pages(site, Lang.EN) if p.src_uri.endswith("roles.en.md"))
    assert "(../chat/first-response.ru.md) (ru)" in roles.markdown


def test_generated_pages_link_to_the_standards_sources(tmp_path: Path) -> None:
    site = example_site(tmp_path)
    pages = {page.src_uri: page for page in generated_pages(site, Lang.RU)}
    assert set(pages) == {
        f"handbook/{name}.ru.md" for name in ("coverage", "reviews", "roles", "channels", "recent")
    }
    coverage = pages["handbook/coverage.ru.md"].markdown
    assert "Стандарт есть в 15 из 15 обязательных ячеек." in coverage
    assert "[Ответ на входящий звонок](../phone/answer-call.ru.md)" in coverage
    # install × social is not applicable in the profile.
    row = next(line for line in coverage.splitlines() if '"row">Подключение<' in line)
    assert "stdlint-cell--na" in row
    (tmp_path / "plain").mkdir()
    unsuffixed = example_site(tmp_path / "plain", suffixed=False)
    assert {p.src_uri for p in generated_pages(unsuffixed, Lang.EN)} == {
        f"handbook/{name}.md" for name in ("coverage", "reviews", "roles", "channels", "recent")
    }


def test_a_coverage_gap_shows_as_a_gap(tmp_path: Path) -> None:
    copy = example_copy(tmp_path)
    for path in (copy / "standards" / "office").glob("contract-signing.*.md"):
        path.unlink()
    result = read_handbook(load_settings(copy / "handbook.yml", [copy]), TODAY)
    coverage = generated_pages(Site(result, "standards", True), Lang.EN)[0].markdown
    row = next(line for line in coverage.splitlines() if '"row">Order and contract<' in line)
    assert "stdlint-cell--gap" in row
    assert "14 of 15 required cells" in coverage


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env={
            "GIT_COMMITTER_DATE": "2026-11-02T10:00:00",
            "GIT_AUTHOR_DATE": "2026-11-02T10:00:00",
            "PATH": "/usr/bin:/bin",
            "HOME": str(cwd),
        },
    )


def test_recent_changes_come_from_git_when_the_handbook_is_a_repository(tmp_path: Path) -> None:
    copy = example_copy(tmp_path)
    without_git = changes(
        read_handbook(load_settings(copy / "handbook.yml", [copy]), TODAY).handbook, copy
    )
    assert not any(change.from_git for change in without_git)
    newest = without_git[0]
    assert newest.day == max(change.day for change in without_git)  # review dates, newest first
    _git("init", "-q", cwd=copy)
    _git("add", ".", cwd=copy)
    _git("commit", "-q", "-m", "Handbook as of November", cwd=copy)
    result = read_handbook(load_settings(copy / "handbook.yml", [copy]), TODAY)
    with_git = changes(result.handbook, copy)
    assert all(change.from_git for change in with_git)
    assert {change.day for change in with_git} == {date(2026, 11, 2)}
    assert with_git[0].summary == "Handbook as of November"
    recent = next(
        page
        for page in generated_pages(Site(result, "standards", True, tuple(with_git)), Lang.EN)
        if page.src_uri.endswith("recent.en.md")
    )
    assert "| 2026-11-02 | [" in recent.markdown and "Handbook as of November" in recent.markdown

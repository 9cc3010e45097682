"""``stdlint fix``: mechanical fixes that keep every other byte, and change nothing twice."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from stdlint.authoring.fix import DATE_FIELDS, normalise_date, normalise_interval
from stdlint.i18n import Lang
from stdlint.parse.models import StandardMeta
from tests.authoring import cli, findings
from tests.conftest import REPO, example_copy

REAL = (REPO / "standards/email/first-reply.en.md").read_text("utf-8")
_BODY = REAL[REAL.index("\n---\n") + 5 :]

# The example's first-reply standard as a hurried author might leave it: keys out of order,
# dates and the interval written other ways, comments and quoting of every kind.
MESSY = (
    """\
---
# Reviewed with the contact centre team; ask Olga before changing the targets.
title: 'First reply to a customer email'   # the H1 says the same
id: email-first-reply
status: active
lang: en
review_every: "every year"  # a year
last_reviewed: 30.09.2026
approved_on: 2026-8-28
owner: Head of contact centre
approved_by: Customer service director
journey: [support, repair, billing]
channels: [email]
services: [home-internet, iptv, business-internet]
roles: [contact-center-agent, shift-supervisor]
dimensions: [responsiveness, accuracy]
# Both metrics are in the monthly report.
metrics:
  - id: first-reply-time
    name: Time to first reply to an email
    unit: working hours
    target: 2
    direction: lower
    zones: {green: 2, yellow: 4}
    counterbalance: first-reply-complete
  - id: first-reply-complete
    name: Share of first replies with the ticket number, next step and date
    unit: "%"
    target: 95
    direction: higher
    zones: {green: 95, yellow: 85}
tags: [email, tickets]
verification: [helpdesk-metric, supervisor-check]   # see "How we check"
---
"""
    + _BODY
)

FIXED = (
    """\
---
id: email-first-reply
# Reviewed with the contact centre team; ask Olga before changing the targets.
title: 'First reply to a customer email'   # the H1 says the same
lang: en
status: active
owner: Head of contact centre
approved_by: Customer service director
approved_on: 2026-08-28
last_reviewed: 2026-09-30
review_every: 1 year  # a year
journey: [support, repair, billing]
channels: [email]
services: [home-internet, iptv, business-internet]
roles: [contact-center-agent, shift-supervisor]
dimensions: [responsiveness, accuracy]
# Both metrics are in the monthly report.
metrics:
  - id: first-reply-time
    name: Time to first reply to an email
    unit: working hours
    target: 2
    direction: lower
    zones: {green: 2, yellow: 4}
    counterbalance: first-reply-complete
  - id: first-reply-complete
    name: Share of first replies with the ticket number, next step and date
    unit: "%"
    target: 95
    direction: higher
    zones: {green: 95, yellow: 85}
verification: [helpdesk-metric, supervisor-check]   # see "How we check"
tags: [email, tickets]
---
"""
    + _BODY
)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    folder = example_copy(tmp_path)
    (folder / "standards/email/first-reply.en.md").write_text(MESSY, "utf-8")
    return folder


def test_fix_rewrites_only_what_it_fixes_and_keeps_every_comment(messy: Path) -> None:
    target = messy / "standards/email/first-reply.en.md"
    run = cli("fix", "--lang", "en", cwd=messy)
    assert run.exit_code == 0, run.stderr
    assert target.read_text("utf-8") == FIXED
    assert "standards/email/first-reply.en.md:" in run.output
    assert "Fixed 1 of 32 file(s)." in run.output
    assert findings(messy, "2026-11-23") == []


def test_a_second_run_changes_nothing(messy: Path) -> None:
    target = messy / "standards/email/first-reply.en.md"
    assert cli("fix", cwd=messy).exit_code == 0
    first = target.read_bytes()
    again = cli("fix", "--lang", "en", cwd=messy)
    assert again.exit_code == 0
    assert target.read_bytes() == first
    assert "Fixed 0 of 32 file(s)." in again.output


def test_the_example_handbook_needs_no_fix(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    before = {path: path.read_bytes() for path in folder.rglob("*.md")}
    run = cli("fix", "--diff", cwd=folder)
    assert run.exit_code == 0, run.output
    assert run.output == ""
    assert {path: path.read_bytes() for path in folder.rglob("*.md")} == before


def test_diff_prints_the_change_writes_nothing_and_exits_1(messy: Path) -> None:
    target = messy / "standards/email/first-reply.en.md"
    run = cli("fix", "--diff", "--lang", "en", "standards/email", cwd=messy)
    assert run.exit_code == 1
    assert target.read_text("utf-8") == MESSY
    assert "--- a/standards/email/first-reply.en.md\n" in run.output
    assert "-last_reviewed: 30.09.2026\n" in run.output
    assert "+last_reviewed: 2026-09-30\n" in run.output
    assert "would change; nothing written" in run.stderr
    assert cli("fix", cwd=messy).exit_code == 0
    assert cli("fix", "--diff", cwd=messy).exit_code == 0


def test_a_missing_required_section_gets_its_heading_and_hint(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    target = folder / "standards/email/first-reply.ru.md"
    text = target.read_text("utf-8")
    why = text[text.index("## Зачем") : text.index("## Исключения")]
    target.write_text(text.replace(why, ""), "utf-8")
    run = cli("fix", "standards/email/first-reply.ru.md", cwd=folder)
    assert run.exit_code == 0, run.stderr
    fixed = target.read_text("utf-8")
    assert "## Правило" in fixed.split("## Зачем")[0]
    assert "\n## Зачем\n\n<!-- подсказка: " in fixed
    assert fixed.index("## Зачем") < fixed.index("## Исключения")
    assert [d["code"] for d in findings(folder, "2026-11-23")] == ["STR007"]
    assert cli("fix", "--diff", cwd=folder).exit_code == 0  # and nothing more to do


def test_an_unreadable_file_is_reported_and_the_others_are_still_fixed(messy: Path) -> None:
    broken = messy / "standards/phone/answer-call.en.md"
    broken.write_text("---\nid: [unclosed\n---\n\n# Answer\n", "utf-8")
    run = cli("fix", cwd=messy)
    assert run.exit_code == 1
    assert (
        "standards/phone/answer-call.en.md: пропущен, исправить нельзя (шапка (front matter) — "
        "не корректный YAML (строка 3))" in run.stderr
    )
    assert broken.read_text("utf-8") == "---\nid: [unclosed\n---\n\n# Answer\n"
    assert (messy / "standards/email/first-reply.en.md").read_text("utf-8") == FIXED


def test_windows_newlines_and_a_bom_stay(messy: Path) -> None:
    target = messy / "standards/email/first-reply.en.md"
    target.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode())
    assert cli("fix", str(target), cwd=messy).exit_code == 0
    assert target.read_bytes() == b"\xef\xbb\xbf" + FIXED.replace("\n", "\r\n").encode()


def test_a_failed_write_leaves_the_standard_whole(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = messy / "standards/email/first-reply.en.md"

    def broken(source: object, destination: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        cli("fix", str(target), cwd=messy)
    assert target.read_text("utf-8") == MESSY
    assert sorted(p.name for p in target.parent.iterdir()) == [
        "first-reply.en.md",
        "first-reply.ru.md",
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2026-1-5", ("2026-01-05", False)),
        ("2026/01/05", ("2026-01-05", False)),
        ("2026.1.5", ("2026-01-05", False)),
        ("05.01.2026", ("2026-01-05", False)),
        ("5.1.2026", ("2026-01-05", False)),
        ("13/01/2026", ("2026-01-13", False)),
        ("01/13/2026", ("2026-01-13", False)),
        ("07/07/2026", ("2026-07-07", False)),
        ("03/04/2026", (None, True)),
        ("31.02.2026", (None, False)),
        ("next week", (None, False)),
        ("2026-01-05", ("2026-01-05", False)),
    ],
)
def test_dates(written: str, expected: tuple[str | None, bool]) -> None:
    assert normalise_date(written) == expected


@pytest.mark.parametrize(
    ("written", "lang", "expected"),
    [
        ("6 month", Lang.EN, "6 months"),
        ("6 Months", Lang.EN, "6 months"),
        ("every 6 months", Lang.EN, "6 months"),
        ("6-month", Lang.EN, "6 months"),
        ("annually", Lang.EN, "1 year"),
        ("year", Lang.EN, "1 year"),
        ("полгода", Lang.RU, "6 месяцев"),
        ("раз в полгода", Lang.RU, "6 месяцев"),
        ("каждые 2 года", Lang.RU, "2 года"),
        ("6 мес.", Lang.RU, "6 месяцев"),
        ("ежеквартально", Lang.RU, "3 месяца"),
        ("21 день", Lang.RU, "21 день"),
        ("6 months", Lang.RU, "6 месяцев"),
        ("now and then", Lang.EN, None),
        ("9999 years", Lang.EN, None),
    ],
)
def test_intervals(written: str, lang: Lang, expected: str | None) -> None:
    assert normalise_interval(written, lang) == expected


def test_the_date_fields_are_the_models_dates() -> None:
    dated = [
        name
        for name, field in StandardMeta.model_fields.items()
        if "date" in str(field.annotation).lower()
    ]
    assert tuple(dated) == DATE_FIELDS


def test_fix_reads_no_further_than_the_handbook(tmp_path: Path) -> None:
    folder = example_copy(tmp_path)
    readme = folder / "README.md"
    shutil.copy(REPO / "README.md", readme)
    before = readme.read_bytes()
    assert cli("fix", cwd=folder).exit_code == 0
    assert readme.read_bytes() == before

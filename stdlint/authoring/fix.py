"""``stdlint fix``: safe, mechanical fixes a manager should never have to make by hand.

- front matter keys in the order of the model (id, title, lang, status, owner …);
- dates written another unambiguous way (``2026-1-5``, ``05.01.2026``, ``2026/01/05``) as
  ``YYYY-MM-DD``; an ambiguous one (``03/04/2026``) is left as written, with a note;
- ``review_every`` in the canonical form of the file's language ("6 month" → "6 months",
  «полгода» → «6 месяцев», "every year" → "1 year");
- a required section that is missing gets its heading and hint (so it stays an empty-section
  finding until the author writes it).

Nothing else changes: edits touch only the characters of the values they fix, or move whole
lines (:mod:`stdlint.authoring.matter`), so comments and quoting stay as written. A file that
cannot be read or has no readable front matter is reported and skipped.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from stdlint.authoring import matter, skeleton
from stdlint.config import Profile
from stdlint.files import handbook_sources, select, write_atomic
from stdlint.i18n import Lang, Text, join_quoted
from stdlint.parse.body import Section
from stdlint.parse.document import parse
from stdlint.parse.frontmatter import FrontMatter
from stdlint.parse.models import StandardMeta
from stdlint.parse.sections import SectionId, heading_for
from stdlint.parse.source import Source, display_path
from stdlint.parse.values import Interval
from stdlint.settings import Settings

EXIT_OK, EXIT_CHANGES = 0, 1
DATE_FIELDS = ("approved_on", "last_reviewed")
_RANK = {name: index for index, name in enumerate(StandardMeta.model_fields)}
_ORDER = list(SectionId)


@dataclass(frozen=True, slots=True)
class Change:
    """One thing fixed in a file, to tell the user."""

    text: Text
    fields: tuple[tuple[str, str], ...] = ()

    def render(self, lang: Lang) -> str:
        """The change in ``lang``."""
        return self.text.render(lang, **dict(self.fields))


def fixed(text: str, path: Path, profile: Profile) -> tuple[str, list[Change]]:
    """``text`` (LF newlines) with every safe fix applied, and what changed.

    Raise :class:`~stdlint.authoring.matter.MatterError` when the front matter cannot be read.
    """
    parts = matter.split(text)
    items = matter.entries(parts.matter)
    doc = parse(Source(path, text.removeprefix("\ufeff")), path.name, profile.default_lang)
    lang = doc.lang
    changes: list[Change] = []
    edits: list[tuple[matter.Entry, str]] = []
    for entry in items:
        value = entry.scalar
        if value is None:
            continue
        if entry.key in DATE_FIELDS:
            new, ambiguous = normalise_date(value)
            if ambiguous:
                changes.append(Change(_AMBIGUOUS, (("field", entry.key), ("value", value))))
            elif new is not None and new != value:
                edits.append((entry, new))
                changes.append(Change(_DATE, (("field", entry.key), ("old", value), ("new", new))))
        elif entry.key == "review_every":
            canonical = normalise_interval(value, lang)
            if canonical is not None and canonical != value:
                edits.append((entry, canonical))
                changes.append(Change(_INTERVAL, (("old", value), ("new", canonical))))
    text_of_matter = parts.matter
    for entry, new in sorted(edits, key=lambda edit: -edit[0].value_start):
        text_of_matter = matter.replace_value(text_of_matter, entry, new)
    ordered = matter.reorder(text_of_matter, matter.entries(text_of_matter), _RANK)
    if ordered != text_of_matter:
        changes.append(Change(_ORDERED))
    tail, added = _with_sections(parts.tail, doc.sections, doc.front_matter, profile, lang)
    if added:
        names = tuple(heading_for(section, lang) for section in added)
        changes.append(Change(_SECTIONS, (("sections", join_quoted(lang, names)),)))
    return parts.head + ordered + tail, changes


def normalise_date(value: str) -> tuple[str | None, bool]:
    """``value`` as ``YYYY-MM-DD`` if it is an unambiguous date (None if it is no date), and
    whether it is a date that could be read two ways."""
    text = value.strip()
    year_first = re.fullmatch(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})", text)
    day_first = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    either = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", text)
    if year_first:
        year, month, day = (int(part) for part in year_first.groups())
    elif day_first:  # dots are day-first wherever people write them (05.01.2026)
        day, month, year = (int(part) for part in day_first.groups())
    elif either:
        first, second, year = (int(part) for part in either.groups())
        if first != second and first <= 12 and second <= 12:
            return None, True
        day, month = (first, second) if first > 12 or first == second else (second, first)
    else:
        return None, False
    try:
        return date(year, month, day).isoformat(), False
    except ValueError:
        return None, False


_PREFIX = re.compile(
    r"^(?:once\s+)?(?:every|each|once\s+a|(?:1\s+|один\s+)?раз\s+в|кажд(?:ые|ый|ую|ое|ая))\s+"
)
_ADVERBS = {
    "annually": Interval(1, "years"),
    "yearly": Interval(1, "years"),
    "ежегодно": Interval(1, "years"),
    "quarterly": Interval(3, "months"),
    "ежеквартально": Interval(3, "months"),
    "monthly": Interval(1, "months"),
    "ежемесячно": Interval(1, "months"),
    "weekly": Interval(1, "weeks"),
    "еженедельно": Interval(1, "weeks"),
}


def normalise_interval(value: str, lang: Lang) -> str | None:
    """``value`` as the canonical interval of ``lang`` ("6 months", «6 месяцев»), or None."""
    text = " ".join(value.strip().lower().split())
    interval = _ADVERBS.get(text)
    if interval is None:
        text = _PREFIX.sub("", text)
        text = re.sub(r"^(\d+)-", r"\1 ", text)
        try:
            interval = Interval.parse(text)
        except ValueError:
            return None
    if interval.too_long:
        return None
    return skeleton.interval_text(interval, lang)


def _with_sections(
    tail: str,
    present: Sequence[Section],
    front: FrontMatter | None,
    profile: Profile,
    lang: Lang,
) -> tuple[str, list[SectionId]]:
    """The body with a heading and hint for each required section it lacks."""
    if front is None or not front.closed:
        return tail, []
    have = {section.id for section in present}
    missing = [section for section in _ORDER if section in profile.required_sections]
    missing = [section for section in missing if section not in have]
    if not missing:
        return tail, []
    lines = tail.split("\n")  # lines[0] is the closing fence: line body_first_line - 1
    offset = front.body_first_line - 1
    by_anchor: dict[int, list[SectionId]] = {}
    for section in missing:
        later = [
            found
            for found in present
            if found.id is not None and _ORDER.index(found.id) > _ORDER.index(section)
        ]
        anchor = later[0].heading.span.line - offset if later else len(lines)
        by_anchor.setdefault(anchor, []).append(section)
    for anchor in sorted(by_anchor, reverse=True):
        blocks = [skeleton.section_block(section, lang) for section in by_anchor[anchor]]
        if anchor == len(lines):
            while lines and lines[-1] == "":
                lines.pop()
            lines.extend(["", *"\n".join(blocks).rstrip("\n").split("\n"), ""])
        else:
            lines[anchor:anchor] = "\n".join(blocks).split("\n")
    return "\n".join(lines), missing


def run_fix(settings: Settings, paths: Sequence[Path], show_diff: bool) -> int:
    """Fix the files (or print the diff); return the exit code (module docstring of cli)."""
    lang, profile = settings.lang, settings.profile
    handbook = handbook_sources(profile)
    sources = select(list(paths), profile, handbook)[0] if paths else handbook
    changed = failed = 0
    for source in sources:
        shown = display_path(source.path)
        try:
            data = source.path.read_bytes()
            original = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            click.echo(_SKIPPED.render(lang, path=shown, reason=error), err=True)
            failed += 1
            continue
        crlf = "\r\n" in original
        text = original.replace("\r\n", "\n")
        try:
            new, changes = fixed(text, source.path, profile)
        except matter.MatterError as error:
            click.echo(_SKIPPED.render(lang, path=shown, reason=error.message(lang)), err=True)
            failed += 1
            continue
        for change in changes:
            if change.text is _AMBIGUOUS:
                click.echo(f"{shown}: {change.render(lang)}", err=True)
        if new == text:
            continue
        changed += 1
        final = new.replace("\n", "\r\n") if crlf else new
        if show_diff:
            click.echo(
                "".join(
                    difflib.unified_diff(
                        text.splitlines(keepends=True),
                        new.splitlines(keepends=True),
                        f"a/{shown}",
                        f"b/{shown}",
                    )
                ),
                nl=False,
            )
            continue
        write_atomic(source.path, final.encode("utf-8"))
        done = "; ".join(change.render(lang) for change in changes if change.text is not _AMBIGUOUS)
        click.echo(f"{shown}: {done}")
    summary = _WOULD_FIX if show_diff else _FIXED
    click.echo(summary.render(lang, changed=changed, files=len(sources)), err=show_diff)
    if failed or (show_diff and changed):
        return EXIT_CHANGES
    return EXIT_OK


_AMBIGUOUS = Text(
    en="{field}: “{value}” can be read as two dates; left as written, write it as YYYY-MM-DD",
    ru="{field}: «{value}» можно прочитать как две разные даты; оставлено как есть, "
    "запишите дату в виде ГГГГ-ММ-ДД",
)
_DATE = Text(en="{field} {old} → {new}", ru="{field} {old} → {new}")
_INTERVAL = Text(en="review_every “{old}” → “{new}”", ru="review_every «{old}» → «{new}»")
_ORDERED = Text(en="front matter keys put in order", ru="поля шапки расставлены по порядку")
_SECTIONS = Text(
    en="added the missing sections {sections} (replace their hints with text)",
    ru="добавлены недостающие разделы {sections} (замените подсказки текстом)",
)
_SKIPPED = Text(
    en="{path}: skipped, cannot be fixed ({reason}); “stdlint check” shows what is wrong",
    ru="{path}: пропущен, исправить нельзя ({reason}); что не так, покажет «stdlint check»",
)
_FIXED = Text(
    en="Fixed {changed} of {files} file(s).", ru="Исправлено файлов: {changed} из {files}."
)
_WOULD_FIX = Text(
    en="{changed} of {files} file(s) would change; nothing written.",
    ru="Изменились бы файлов: {changed} из {files}; ничего не записано.",
)

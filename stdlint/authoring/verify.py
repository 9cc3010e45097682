"""``stdlint verify ID``: record that a standard was reviewed today, and by whom.

Every file with that id (the standard and its translations: one standard, reviewed together)
gets ``last_reviewed: <today>`` and ``reviewed_by: <name>``, edited in place. A standard with
errors is refused: a review confirms a standard that passes ``stdlint check``, except for the
findings that the review itself clears (an overdue review, translations reviewed apart).

Inside a git work tree the stamp is committed alone, as an audit trail, when the files had no
uncommitted changes before; otherwise they are written and left for the author to commit.
"""

from __future__ import annotations

import getpass
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import click

from stdlint.authoring import git, matter
from stdlint.diagnostics import Severity
from stdlint.engine import check, check_text
from stdlint.files import write_atomic
from stdlint.i18n import Lang, Text, quote
from stdlint.parse.models import StandardMeta
from stdlint.parse.source import display_path
from stdlint.settings import Settings

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
# Findings a review clears by its date: they do not stop the review that fixes them. Those of
# the standard alone are also found by checking it before and after the stamp (_cleared_by);
# CNS003 (translations reviewed apart) needs the whole handbook to see.
CLEARED_BY_REVIEW = frozenset({"CUR001", "CUR002", "CNS003"})
_RANK = list(StandardMeta.model_fields)


def run_verify(
    settings: Settings,
    standard_id: str,
    by: str | None,
    today: date | None,
    *,
    commit: bool,
) -> int:
    """Stamp the standard ``standard_id`` as reviewed; return the exit code."""
    lang = settings.lang
    day = today or date.today()
    result = check(None, settings, day, jobs=None, cache=True)
    docs = [doc for doc in result.handbook if doc.written_id == standard_id]
    if not docs:
        click.echo(_NOT_FOUND.render(lang, id=quote(lang, standard_id)), err=True)
        return EXIT_USAGE
    root = result.root
    name = by or git.user_name(root) or getpass.getuser()
    stamps: list[tuple[Path, str]] = []
    cleared: set[tuple[str, str, str]] = set()
    for doc in docs:
        text = doc.path.read_text("utf-8")
        new = stamped(text, day, name)
        if new != text:
            stamps.append((doc.path, new))
        cleared |= _cleared_by(text, new, doc.display_path, settings, day)
    shown = {doc.display_path for doc in docs}
    errors = [
        diagnostic
        for diagnostic in result.diagnostics
        if diagnostic.path in shown
        and diagnostic.severity is Severity.ERROR
        and diagnostic.code not in CLEARED_BY_REVIEW
        and (diagnostic.path, diagnostic.code, diagnostic.message) not in cleared
    ]
    if errors:
        for diagnostic in errors:
            where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
            click.echo(f"{where}: {diagnostic.code} {diagnostic.message}", err=True)
        click.echo(_REFUSED.render(lang, id=quote(lang, standard_id)), err=True)
        return EXIT_REFUSED
    if not stamps:
        click.echo(_ALREADY.render(lang, id=standard_id, day=day.isoformat(), name=name))
        return EXIT_OK
    paths = [path for path, _ in stamps]
    top = git.toplevel(root) if commit else None
    dirty = git.uncommitted(top, paths) if top is not None else []
    for path, new in stamps:
        write_atomic(path, new)
    click.echo(_STAMPED.render(lang, id=standard_id, day=day.isoformat(), name=name))
    return _record(
        top, paths, dirty, f"stdlint verify {standard_id}: reviewed {day} by {name}", lang
    )


def _record(
    top: Path | None, paths: Sequence[Path], dirty: Sequence[Path], message: str, lang: Lang
) -> int:
    """Commit the stamp when that is safe; say what was done."""
    if top is None:
        return EXIT_OK
    if dirty:
        files = ", ".join(display_path(path) for path in dirty)
        click.echo(_NOT_COMMITTED.render(lang, files=files))
        return EXIT_OK
    failure = git.commit(top, paths, message)
    if failure is not None:
        click.echo(_COMMIT_FAILED.render(lang, error=failure), err=True)
        return EXIT_REFUSED
    click.echo(_COMMITTED.render(lang, message=message))
    return EXIT_OK


def _cleared_by(
    text: str, new: str, path: str, settings: Settings, day: date
) -> set[tuple[str, str, str]]:
    """The findings of ``path`` that stamping it clears (a review dated before the approval).

    The file is checked on its own before and after the stamp; what the stamp removes does not
    stop the review that removes it.
    """
    before = check_text(text, path, settings, day).diagnostics
    after = {(d.code, d.message) for d in check_text(new, path, settings, day).diagnostics}
    return {(path, d.code, d.message) for d in before if (d.code, d.message) not in after}


def stamped(text: str, day: date, name: str) -> str:
    """``text`` with ``last_reviewed: day`` and ``reviewed_by: name`` in its front matter."""
    parts = matter.split(text)
    new = _set(parts.matter, "last_reviewed", day.isoformat(), day.isoformat())
    new = _set(new, "reviewed_by", name, matter.scalar(name))
    return parts.head + new + parts.tail


def _set(front: str, key: str, value: str, written: str) -> str:
    """``front`` with ``key`` set to ``value`` (written as ``written``), added if absent."""
    items = matter.entries(front)
    entry = matter.find(items, key)
    if entry is not None:
        return front if entry.scalar == value else matter.replace_value(front, entry, written)
    # After the nearest key that comes before it in the model's order.
    earlier = reversed(_RANK[: _RANK.index(key)])
    anchor = next((found for name in earlier if (found := matter.find(items, name))), None)
    if anchor is None:
        return f"{key}: {written}\n{front}"
    return matter.insert_after(front, anchor, f"{key}: {written}")


_NOT_FOUND = Text(
    en="no standard in the handbook has the id {id}",
    ru="в справочнике нет стандарта с идентификатором {id}",
)
_REFUSED = Text(
    en="{id} still has errors (above): fix them, then verify it again",
    ru="в {id} есть ошибки (см. выше): исправьте их и подтвердите проверку снова",
)
_ALREADY = Text(
    en="{id} is already marked reviewed on {day} by {name}; nothing changed",
    ru="{id} уже отмечен как проверенный {day} ({name}); ничего не изменено",
)
_STAMPED = Text(
    en="{id}: marked reviewed on {day} by {name}",
    ru="{id}: отмечен как проверенный {day} ({name})",
)
_NOT_COMMITTED = Text(
    en="written, not committed: {files} had uncommitted changes; commit them together",
    ru="записано, но не закоммичено: в {files} были незакоммиченные изменения; "
    "закоммитьте их вместе",
)
_COMMITTED = Text(en="committed: {message}", ru="закоммичено: {message}")
_COMMIT_FAILED = Text(
    en="written, but git could not commit it: {error}",
    ru="записано, но git не смог закоммитить: {error}",
)

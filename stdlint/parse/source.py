"""Finding the standards on disk and reading each one into text, whatever state it is in."""

from __future__ import annotations

import errno
import fnmatch
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stdlint.diagnostics import Span
from stdlint.i18n import Text
from stdlint.parse.problems import Problem, Worded

MARKDOWN_SUFFIXES = (".md", ".markdown")
# A standard is a page or two; anything past this is not one, and reading it would only slow CI.
MAX_FILE_BYTES = 1024 * 1024
_SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"}


@dataclass(frozen=True, slots=True)
class Source:
    """A file to check: its path, and its text (no BOM, LF newlines) or why it has none."""

    path: Path
    text: str | None
    problem: Problem | None = None


def display_path(path: Path, base: Path | None = None) -> str:
    """The path as a user should see it: relative to ``base`` (default: cwd) where possible."""
    # abspath, not resolve(): a symlink keeps the name the user knows, and a looping one
    # must not raise here.
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(base or Path.cwd())).as_posix()
    except ValueError:
        return absolute.as_posix()


def discover(
    paths: Iterable[Path], exclude: Iterable[str] = (), root: Path | None = None
) -> Iterator[Source]:
    """Every Markdown file named or found below ``paths``, once each, in sorted order.

    Directory symlinks are followed, but a folder already visited (a symlink loop) is reported
    and not entered again. Files matching an ``exclude`` glob (relative to ``root``) are skipped.
    """
    patterns = list(exclude)
    seen_files: set[Path] = set()
    visited_dirs: set[tuple[int, int]] = set()
    for path in paths:
        if path.is_dir():
            yield from _walk(path, patterns, root, seen_files, visited_dirs)
        elif path not in seen_files:
            seen_files.add(path)
            if not _excluded(path, patterns, root):
                yield Source(path, None)


def _walk(
    folder: Path,
    patterns: list[str],
    root: Path | None,
    seen_files: set[Path],
    visited_dirs: set[tuple[int, int]],
) -> Iterator[Source]:
    try:
        info = folder.stat()
    except OSError as error:
        yield _unreadable(folder, error)
        return
    if (info.st_dev, info.st_ino) in visited_dirs:
        yield Source(folder, None, _problem("STR010", _LOOP, path=folder.name))
        return
    visited_dirs.add((info.st_dev, info.st_ino))
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield _unreadable(folder, error)
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or entry.name in _SKIPPED_DIRS:
            continue
        if _excluded(path, patterns, root):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as error:
            yield _unreadable(path, error)
            continue
        if is_dir:
            yield from _walk(path, patterns, root, seen_files, visited_dirs)
        elif entry.name.lower().endswith(MARKDOWN_SUFFIXES) and path not in seen_files:
            # Not is_file(): a dangling or looping link is still reported, by read().
            seen_files.add(path)
            yield Source(path, None)


def _excluded(path: Path, patterns: list[str], root: Path | None) -> bool:
    if not patterns:
        return False
    try:
        relative = (
            Path(os.path.abspath(path)).relative_to(os.path.abspath(root or Path.cwd())).as_posix()
        )
    except ValueError:
        relative = path.as_posix()
    return any(
        fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(path.name, pattern)
        for pattern in patterns
    )


def read(source: Source) -> Source:
    """``source`` with its text, or with the problem that stopped it being read."""
    if source.problem is not None:
        return source
    path = source.path
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Source(
                path,
                None,
                _problem(
                    "STR010",
                    _TOO_LARGE,
                    size=f"{size / 1024 / 1024:.1f}",
                    limit=MAX_FILE_BYTES // 1024 // 1024,
                ),
            )
        data = path.read_bytes()
    except OSError as error:
        return _unreadable(path, error)
    return decode(path, data)


def decode(path: Path, data: bytes) -> Source:
    """Text of ``data`` if it is UTF-8 text (BOM dropped, CRLF and CR made LF); else the problem."""
    if b"\0" in data[:8192]:
        return Source(path, None, _problem("STR009", _BINARY))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        prefix = data[: error.start]
        line = prefix.count(b"\n") + 1
        line_start = prefix.rfind(b"\n") + 1
        column = len(prefix[line_start:].decode("utf-8", errors="replace")) + 1
        byte = data[error.start : error.start + 1].hex().upper()
        span = Span(line, column, line, column + 1)
        return Source(path, None, _problem("STR009", _NOT_UTF8, span, byte=byte))
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Source(path, text)


def _problem(
    code: str, texts: tuple[Text, Text], span: Span | None = None, **fields: object
) -> Problem:
    return Problem(code, span or Span.point(1), Worded(texts[0], texts[1], dict(fields)))


def _unreadable(path: Path, error: OSError) -> Source:
    if error.errno == errno.ELOOP:
        return Source(path, None, _problem("STR010", _LOOP, path=path.name))
    if error.errno in (errno.EACCES, errno.EPERM):
        return Source(path, None, _problem("STR010", _DENIED))
    if error.errno == errno.ENOENT:
        return Source(path, None, _problem("STR010", _MISSING))
    return Source(path, None, _problem("STR010", _OS_ERROR, error=error.strerror or str(error)))


_NOT_UTF8 = (
    Text(
        en="the file is not in UTF-8: byte 0x{byte} cannot be read",
        ru="файл не в кодировке UTF-8: байт 0x{byte} не читается",
    ),
    Text(
        en="save the file as UTF-8 (in most editors: Save as → Encoding → UTF-8)",
        ru="сохраните файл в UTF-8 (в большинстве редакторов: Сохранить как → Кодировка → UTF-8)",
    ),
)
_BINARY = (
    Text(en="the file is binary, not Markdown text", ru="файл двоичный, а не текст Markdown"),
    Text(
        en="rename it so it does not end in .md, or replace it with the standard's text",
        ru="переименуйте его, чтобы имя не оканчивалось на .md, или замените текстом стандарта",
    ),
)
_TOO_LARGE = (
    Text(
        en="the file is {size} MB; a standard is at most {limit} MB",
        ru="файл занимает {size} МБ; стандарт не может быть больше {limit} МБ",
    ),
    Text(
        en="split it into several standards, or exclude it in handbook.yml",
        ru="разделите его на несколько стандартов или исключите в handbook.yml",
    ),
)
_LOOP = (
    Text(en="symbolic link loop at “{path}”", ru="символические ссылки зациклены: «{path}»"),
    Text(
        en="point the link at a real file or folder, or remove it",
        ru="направьте ссылку на настоящий файл или папку либо удалите её",
    ),
)
_DENIED = (
    Text(en="permission denied: the file cannot be read", ru="нет прав на чтение файла"),
    Text(
        en="make the file readable to the user running stdlint",
        ru="дайте права на чтение пользователю, запускающему stdlint",
    ),
)
_MISSING = (
    Text(en="the file does not exist", ru="файла не существует"),
    Text(en="check the path", ru="проверьте путь"),
)
_OS_ERROR = (
    Text(en="the file cannot be read: {error}", ru="файл не читается: {error}"),
    Text(en="check the file and its permissions", ru="проверьте файл и права доступа"),
)

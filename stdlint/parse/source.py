"""Finding the standards on disk and reading each one into text, whatever state it is in."""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import math
import os
import re
import stat
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from stdlint.diagnostics import Span
from stdlint.i18n import Lang, Text
from stdlint.parse.problems import Problem, Worded

MARKDOWN_SUFFIXES = (".md", ".markdown")
# A standard is a page or two; anything past this is not one, and reading it would only slow CI.
MAX_FILE_BYTES = 1024 * 1024
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SKIPPED_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv"}


@dataclass(frozen=True, slots=True, init=False)
class Source:
    """A file to check: its path, and its text (no BOM, LF newlines) or why it has none.

    The path is kept as the string it was given as (``where``); :attr:`path` makes a Path of
    it when asked. A check keeps a source for each file of the handbook until it is judged, and
    a Path takes more than twice the memory of its string (its parts are kept apart).
    """

    where: str
    text: str | None
    problem: Problem | None
    fingerprint: Fingerprint | None  # of the bytes read, when read as a regular file
    key: str | None  # its file_key, when discovery has found it already

    def __init__(
        self,
        where: str | os.PathLike[str],
        text: str | None,
        problem: Problem | None = None,
        fingerprint: Fingerprint | None = None,
        key: str | None = None,
    ) -> None:
        # A Path is taken too (and kept as its string); named as the field, so that
        # dataclasses.replace works.
        _set(self, "where", where if type(where) is str else os.fspath(where))
        _set(self, "text", text)
        _set(self, "problem", problem)
        _set(self, "fingerprint", fingerprint)
        _set(self, "key", key)

    @property
    def path(self) -> Path:
        """The file's path (a new Path each time: keep it, rather than ask again)."""
        return Path(self.where)


_set = object.__setattr__


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file was when it was read: the digest of its bytes, and its status then.

    Kept packed in one bytes object (digest, :func:`stamp`, the time it was read): one is kept
    for every file of a check with a cache, and three objects a file were 6 MB more at 50,000
    files. Made with :meth:`of`."""

    packed: bytes

    def __post_init__(self) -> None:
        if type(self.packed) is not bytes or len(self.packed) != _PACKED_BYTES:
            raise ValueError("not a fingerprint of stdlint's")

    @classmethod
    def of(cls, digest: bytes, stamp: bytes, read_ns: int) -> Fingerprint:
        """The fingerprint of bytes of ``digest`` (:func:`digest`), read at ``read_ns``
        (time.time_ns()) from a file of status ``stamp`` (:func:`stamp`)."""
        return cls(digest + stamp + _READ.pack(read_ns))

    @property
    def digest(self) -> bytes:
        """The :func:`digest` of the bytes read."""
        return self.packed[:DIGEST_BYTES]

    @property
    def stamp(self) -> bytes:
        """The :func:`stamp` of the file they were read from."""
        return self.packed[DIGEST_BYTES:_READ_AT]

    @property
    def read_ns(self) -> int:
        """When they were read (time.time_ns())."""
        read_ns: int = _READ.unpack_from(self.packed, _READ_AT)[0]
        return read_ns

    def __reduce__(self) -> tuple[type[Fingerprint], tuple[bytes]]:
        # Built again by the constructor: faster to unpickle than a dataclass's own state.
        return Fingerprint, (self.packed,)

    def again(self, path: Path | str) -> Fingerprint | None:
        """This fingerprint if ``path`` still has these bytes (a fresh one if it has them with
        another status: touched, checked out again), None if they changed or cannot be read.

        The status alone settles it when it is the same and the file last changed well before
        it was read; a file changed again within the same tick of the clock as it was read
        would otherwise look unchanged. The change time is part of the status because the
        modification time can be set back and the change time cannot. Otherwise the bytes are
        read and their digest compared.
        """
        try:
            info = os.stat(path)
        except OSError:
            return None
        # The same status: the change time is then the stamp's own.
        if stamp(info) == self.stamp and info.st_ctime_ns < self.read_ns - _RACY_NS:
            return self
        found = read(Source(Path(path), None)).fingerprint
        return found if found is not None and found.digest == self.digest else None


_RACY_NS = 2_000_000_000  # a change this close to the read is not trusted to the status


def stamp(info: os.stat_result) -> bytes:
    """The parts of a file's status that change when its bytes do (the change time even when
    the modification time is set back): modified and changed (ns), size, inode and device,
    packed in 40 bytes."""
    parts = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino, info.st_dev)
    return _STAMP.pack(*parts)


DIGEST_BYTES = 20  # of digest()
_STAMP = struct.Struct("<qqQQQ")  # stamp(): times may be before 1970, the rest is unsigned
_READ = struct.Struct("<q")  # Fingerprint.read_ns
_READ_AT = DIGEST_BYTES + _STAMP.size  # where read_ns is in Fingerprint.packed
_PACKED_BYTES = _READ_AT + _READ.size


def absolute(where: str) -> str:
    """``where`` made absolute: the very string when it is already (a handbook's files are
    found so), as the cache and the records keep one for every file."""
    made = os.path.abspath(where)
    return where if made == where else made


def display_path(path: str | os.PathLike[str], base: Path | None = None) -> str:
    """The path as a user should see it: relative to ``base`` (default: cwd) where possible.

    Bytes of the name that are not UTF-8, and control characters, are shown escaped (``\\xff``),
    so that every output format stays valid text on one line.
    """
    # abspath, not resolve(): a symlink keeps the name the user knows, and a looping one
    # must not raise here.
    where = os.path.abspath(path)
    folder = os.path.abspath(base or Path.cwd())
    inside = folder if folder.endswith(os.sep) else folder + os.sep
    # Most files: no Path made, none parsed. (POSIX names only: "//" starts another root.)
    if os.sep == "/" and where.startswith(inside) and not where.startswith("//"):
        return printable(where[len(inside) :])
    absolute = Path(where)
    try:
        shown = absolute.relative_to(folder).as_posix()
    except ValueError:
        shown = absolute.as_posix()
    return printable(shown)


def printable(name: str) -> str:
    """A file name as text: undecodable bytes (surrogate escapes) and control characters escaped."""
    try:
        raw = name.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no file name decoding produces
        raw = name.encode("utf-8", "backslashreplace")
    text = raw.decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def file_key(path: str | os.PathLike[str]) -> str:
    """One key per file however it is named (symlinks and relative paths resolved)."""
    # realpath, unlike Path.resolve(), does not raise on a symlink loop.
    return os.path.realpath(path)


def source_key(source: Source) -> str:
    """The :func:`file_key` of ``source``: found with it, or resolved now."""
    return source.key or file_key(source.where)


def discover(
    paths: Iterable[Path], exclude: Iterable[str] = (), root: Path | None = None
) -> Iterator[Source]:
    """Every Markdown file named or found below ``paths``, once each, in sorted order.

    A file is found once however it is named (relative or absolute, through a link: see
    :func:`file_key`), under the first name met. Directory symlinks are followed; a folder that
    contains itself (a symlink loop) is reported and not entered again, while a folder reached
    a second time another way (overlapping paths such as ``standards standards/phone``, a link
    to a sibling folder) is simply not walked twice. Files matching an ``exclude`` glob
    (relative to ``root``) are skipped.
    """
    patterns = list(exclude)
    seen_files: set[str] = set()
    visited_dirs: set[tuple[int, int]] = set()
    for path in paths:
        if path.is_dir():
            yield from _walk(path, patterns, root, seen_files, visited_dirs, ())
            continue
        key = file_key(path)
        if _first_time(key, seen_files) and not _excluded(path, patterns, root):
            yield Source(path, None, key=key)


def _first_time(key: str, seen_files: set[str]) -> bool:
    if key in seen_files:
        return False
    seen_files.add(key)
    return True


def _walk(
    folder: Path,
    patterns: list[str],
    root: Path | None,
    seen_files: set[str],
    visited_dirs: set[tuple[int, int]],
    ancestors: tuple[tuple[int, int], ...],
    real_folder: str | None = None,
) -> Iterator[Source]:
    try:
        info = os.stat(folder)
    except OSError as error:
        yield _unreadable(folder, error)
        return
    identity = (info.st_dev, info.st_ino)
    if identity in ancestors:
        yield Source(folder, None, _problem("STR010", _LOOP, path=printable(folder.name)))
        return
    if identity in visited_dirs:
        return  # reached before by another way: its files are already found
    visited_dirs.add(identity)
    ancestors = (*ancestors, identity)
    # Once a folder, not once a file: a file that is not a link is then the folder's real path
    # and its name; so is a folder that is not a link, whose real path is not looked up again.
    real_folder = real_folder or os.path.realpath(folder)
    inside = real_folder if real_folder.endswith(os.sep) else real_folder + os.sep
    try:
        entries = sorted(os.scandir(folder), key=_name)
    except OSError as error:
        yield _unreadable(folder, error)
        return
    # A file's path is the folder's and its name joined as Path would join them ("." is no
    # folder to Path: "./a.md" is "a.md"), without making a Path of each (see Source).
    shown = str(folder)
    base = "" if shown == "." else shown
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name in _SKIPPED_DIRS:
            continue
        if patterns and _excluded(folder / name, patterns, root):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as error:
            yield _unreadable(folder / name, error)
            continue
        if is_dir:
            real = _entry_key(entry, inside)
            path = folder / name  # the folder's parts joined, not a whole path parsed again
            yield from _walk(path, patterns, root, seen_files, visited_dirs, ancestors, real)
        elif name.lower().endswith(MARKDOWN_SUFFIXES):
            where = os.path.join(base, name)
            key = _entry_key(entry, inside) or file_key(where)
            if key == where:  # one string for both: a source is kept for every file
                key = where
            if _first_time(key, seen_files):
                # Not is_file(): a dangling or looping link, a pipe or a device named .md is
                # still reported, by read().
                yield Source(where, None, key=key)


def _entry_key(entry: os.DirEntry[str], inside: str) -> str | None:
    """The real path of a file or folder found in a folder, if it is not a link (else None);
    ``inside``: the folder's real path, ending with a separator."""
    try:
        link = entry.is_symlink()
    except OSError:
        return None
    return None if link else inside + entry.name


_name = attrgetter("name")


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
    """``source`` with its text, or with the problem that stopped it being read.

    Only a regular file is read (a named pipe would block the run, a device such as /dev/zero
    never ends), and never more than :data:`MAX_FILE_BYTES` + 1 bytes, whatever size the file
    reports. A file read whole carries its :class:`Fingerprint` (the :func:`digest` of its
    bytes): what the cache of outcomes is keyed by, taken from the very bytes that are judged.
    A source already read (or already found unreadable) is returned as it is.
    """
    if source.problem is not None or source.text is not None:
        return source
    read_ns = time.time_ns()
    where = source.where
    found = _bytes(where)
    if isinstance(found, Source):
        return found
    data, info = found
    decoded = decode(where, data)
    fingerprint = Fingerprint.of(digest(data), stamp(info), read_ns)
    return Source(where, decoded.text, decoded.problem, fingerprint)


def _bytes(where: str) -> tuple[bytes, os.stat_result] | Source:
    """The bytes of the file at ``where`` (:func:`read`'s rules) and the status of the file
    they came from, or a source with the problem. (A string, not a Path: one Path a file would
    take longer to make than to stat.)"""
    try:
        info = os.stat(where)
        if not stat.S_ISREG(info.st_mode):
            return Source(where, None, _not_regular(Path(where), info.st_mode))
        # O_NONBLOCK: should the file become a pipe between stat and open, opening it does not
        # wait for a writer; fstat then sees what was really opened.
        descriptor = os.open(where, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            opened = os.fstat(descriptor)
            if not stat.S_ISREG(opened.st_mode):
                return Source(where, None, _not_regular(Path(where), opened.st_mode))
            data = _read_whole(descriptor, opened.st_size)
        finally:
            os.close(descriptor)
    except OSError as error:
        return _unreadable(Path(where), error)
    if len(data) > MAX_FILE_BYTES:
        # Rounded up, to hundredths: a file just past the limit must not read "1.0 MB".
        size = f"{math.ceil(max(opened.st_size, len(data)) * 100 / 1024 / 1024) / 100:.2f}"
        limit = MAX_FILE_BYTES // 1024 // 1024
        problem = _problem(
            "STR010", _TOO_LARGE, size=size, size_ru=size.replace(".", ","), limit=limit
        )
        return Source(where, None, problem)
    return data, opened


def _read_whole(descriptor: int, size: int) -> bytes:
    """The bytes of an open regular file of ``size`` bytes, and one more if it has grown; never
    more than :data:`MAX_FILE_BYTES` + 1.

    Read at the size the file reports, not at the limit: a read of up to 1 MB makes Python
    allocate (and the system map) 1 MB for every file, which took most of the time of reading
    a standard of a few KB.
    """
    limit = MAX_FILE_BYTES + 1
    chunks: list[bytes] = []
    total = 0
    want = min(size, MAX_FILE_BYTES) + 1  # the one more tells a file that grew since fstat
    while total < limit:
        chunk = os.read(descriptor, min(want, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 16
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def digest(data: bytes) -> bytes:
    """A short, collision-resistant digest of a file's bytes."""
    return hashlib.blake2b(data, digest_size=DIGEST_BYTES).digest()


def decode(path: str | os.PathLike[str], data: bytes) -> Source:
    """Text of ``data`` if it is UTF-8 text (BOM dropped, CRLF and CR made LF); else the problem."""
    if b"\0" in data[:8192]:
        return Source(path, None, _problem("STR009", _BINARY))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        # Lines and columns as in the decoded text: CRLF, CR and LF each end a line, and the
        # BOM is not a column.
        prefix = _normalise(data[: error.start].decode("utf-8", errors="replace"))
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        byte = data[error.start : error.start + 1].hex().upper()
        span = Span(line, column, line, column + 1)
        return Source(path, None, _problem("STR009", _NOT_UTF8, span, byte=byte))
    return Source(path, _normalise(text))


def _normalise(text: str) -> str:
    """The BOM dropped, CRLF and CR made LF."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _problem(
    code: str, texts: tuple[Text, Text], span: Span | None = None, **fields: object
) -> Problem:
    return Problem(code, span or Span.point(1), Worded(texts[0], texts[1], dict(fields)))


def _not_regular(path: Path, mode: int) -> Problem:
    kind = next((text for test, text in _SPECIAL_KINDS if test(mode)), _SPECIAL_FILE)
    target = printable(os.readlink(path)) if path.is_symlink() else None
    return Problem("STR010", Span.point(1), _NotRegular(kind, target))


@dataclass(frozen=True, slots=True)
class _NotRegular:
    """A pipe, a device or a socket where a standard was expected (or a link to one)."""

    kind: Text
    target: str | None  # where the link points, if the path is a link

    def message(self, lang: Lang) -> str:
        text = _NOT_REGULAR if self.target is None else _LINK_NOT_REGULAR
        return text.render(lang, kind=self.kind.render(lang), target=self.target)

    def suggestion(self, lang: Lang) -> str:
        return _USE_REGULAR.render(lang)


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
        ru="файл занимает {size_ru} МБ; стандарт не может быть больше {limit} МБ",
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
_NOT_REGULAR = Text(
    en="the file is {kind}, not a regular file, and is not read",
    ru="это {kind}, а не обычный файл, и он не читается",
)
_LINK_NOT_REGULAR = Text(
    en="the file is a link to {kind} (“{target}”), not to a regular file, and is not read",
    ru="это ссылка на {kind} («{target}»), а не на обычный файл, и она не читается",
)
_USE_REGULAR = Text(
    en="replace it with a regular file that holds the standard's text, or rename it so that "
    "its name does not end in .md",
    ru="замените его обычным файлом с текстом стандарта или переименуйте, чтобы имя "
    "не оканчивалось на .md",
)
_SPECIAL_FILE = Text(en="a special file", ru="специальный файл")
_SPECIAL_KINDS: tuple[tuple[Callable[[int], bool], Text], ...] = (
    (stat.S_ISFIFO, Text(en="a named pipe (FIFO)", ru="именованный канал (FIFO)")),
    (stat.S_ISCHR, Text(en="a device", ru="устройство")),
    (stat.S_ISBLK, Text(en="a device", ru="устройство")),
    (stat.S_ISSOCK, Text(en="a socket", ru="сокет")),
)
_OS_ERROR = (
    Text(en="the file cannot be read: {error}", ru="файл не читается: {error}"),
    Text(en="check the file and its permissions", ru="проверьте файл и права доступа"),
)

"""The cache of outcomes: what a check learnt of each file, kept for the next run.

**Where.** ``.stdlint_cache/`` in the handbook's folder (the one that holds ``handbook.yml``),
or the folder named by ``STDLINT_CACHE_DIR``. It ignores itself in git (a ``.gitignore`` of
``*``) and carries a ``CACHEDIR.TAG``, so backup tools skip it.

**What.** One file per *run key*: stdlint's version and code (the size and time of each of its
files, and of each plugin rule's module), the libraries whose output a finding depends on, the
Python version, the settings (profile with its lexicon, rules, severities, options), and the
date of the check only if a plugin's rule may read it while a file is judged (stdlint's dated
rules, the currency rules, run with the handbook-wide ones). In that file, for each standard:
its path, the digest of its bytes and its status when they were read, whether it was judged or
only gave its facts, and its :class:`Outcome`, pickled together with those of the other files
of its piece (one of :data:`_BUCKETS`, by path: a piece is unpickled at once, and what its
outcomes write alike is read once; a change pickles only its own piece again, and only its
piece's list of files, which comes just before it). A file whose
status is the one stored (and whose last change came well before that read) is not read at all;
one whose bytes have the digest stored is read for the digest only; neither is parsed or judged
again. A change of settings or version is a new key: a full check, whose file then sits beside
the older ones (the newest :data:`KEEP` are kept). Beside it, a smaller file of the same key
keeps the words the checks analysed (their lemmas and grammar), so that judging a file whose
words were all seen before loads no dictionary.

**Trust: none.** A cache file is used only when its magic, format, key and checksum all match;
its list is unpickled with no class allowed at all, and each piece of outcomes by an unpickler
that builds only stdlint's own classes and a few plain value types (dates, paths), so a planted
file cannot run code. Anything wrong, and the file is ignored and rebuilt; the files of a piece
that does not load are judged again.

**Two runs at once.** A cache file is written whole to a temporary file and renamed over the
old one: a reader sees one whole file or the other, and the last writer's stays. A cache that
cannot be written (a read-only checkout, a full disk) only costs the next run its speed.
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import logging
import os
import pickle
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from importlib import metadata
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Any, NamedTuple

from pydantic import BaseModel

from stdlint.diagnostics import Diagnostic
from stdlint.engine.judge import Outcome
from stdlint.files.atomic import write_atomic
from stdlint.i18n import Lang
from stdlint.parse.source import Fingerprint, Source, absolute
from stdlint.settings import RuleSetting, Settings
from stdlint.text import morph

log = logging.getLogger("stdlint")

FOLDER = ".stdlint_cache"
ENVIRONMENT = "STDLINT_CACHE_DIR"
FORMAT = 14  # of the cache file; a new format is a new key
KEEP = 4  # cache files kept in the folder: this run's and the three used last before it
_MAGIC = b"stdlint outcome cache\n"
_KEY_BYTES = 20
_CHECK_BYTES = 4  # a CRC-32: pieces and files are checked against damage, not forgery
_BUCKETS = 64  # pieces of the cache file, each pickled whole (see _Chunk)
_PREFIX, _SUFFIX = "outcomes-", ".bin"
_WORDS_PREFIX, _WORDS_MAGIC = "words-", b"stdlint word cache\n"
_CONCLUSION_PREFIX, _CONCLUSION_MAGIC = "conclusion-", b"stdlint conclusion\n"
_TEMPORARY = (
    f".{_PREFIX}",
    f".{_WORDS_PREFIX}",
    f".{_CONCLUSION_PREFIX}",
)  # write_atomic's, left by a killed run
# Libraries whose behaviour can change a finding: a new version is a new key.
_LIBRARIES = (
    "markdown-it-py",
    "pydantic",
    "ruamel.yaml",
    "pymorphy3",
    "pymorphy3-dicts-ru",
    "simplemma",
)
_GITIGNORE = "# Created by stdlint: nothing here belongs in git.\n*\n"
_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by stdlint.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


class _Chunk:
    """One piece of a cache file: outcomes pickled together (what they write alike, a channel's
    id, a metric shared by regional copies, the classes themselves, is written and read once for
    all of them), the list of their files, or a piece of a conclusion.

    Its bytes (``payload``) are read with the file, or left in it and read when first asked for
    (:meth:`read`): a check that the conclusion answers needs none of the outcomes, and at
    50,000 standards they are 58 MB. Checked against its digest and unpickled whole, the first
    time one of its outcomes is asked for."""

    __slots__ = (
        "digest",
        "entries",
        "failed",
        "file",
        "identity",
        "length",
        "listed",
        "offset",
        "outcomes",
        "payload",
        "size",
        "used",
    )

    def __init__(
        self,
        payload: bytes | memoryview | None,
        digest: bytes,
        file: Path,
        identity: tuple[int, ...],
        offset: int,
        length: int,
    ) -> None:
        self.payload = payload  # its bytes, if read with the file
        self.digest = digest  # of the payload, as the file gives it
        self.file, self.offset, self.length = file, offset, length  # where the payload lies
        self.identity = identity  # of the file it was found in (_identity)
        self.size = 0  # how many entries of the cache file name one of its outcomes
        # The piece that lists its files, and the entries read from that list, in its order.
        self.listed: _Chunk | None = None
        self.entries: tuple[_Entry, ...] = ()
        self.outcomes: list[Outcome] | None = None
        self.used: list[tuple[frozenset[str], ...]] = []  # as read, for each outcome
        self.failed = False

    def read(self, *, checked: bool = True) -> bytes | memoryview | None:
        """Its bytes, if they still have the digest the file gave them: kept from when the file
        was read, or read now from the file, if it is still the one they were found in (another
        run may have replaced it meanwhile). None, and the piece failed, else. ``checked=False``
        (a piece written back as it was read) skips the digest: a damaged piece is written as
        damaged, and the next run that asks for it finds so."""
        payload = self.payload
        if payload is None and not self.failed:
            try:
                with open(self.file, "rb") as stream:
                    if _identity(os.fstat(stream.fileno())) == self.identity:
                        stream.seek(self.offset)
                        payload = stream.read(self.length)
            except OSError:
                payload = None
        if (
            payload is None
            or len(payload) != self.length
            or (checked and not _intact(payload, self.digest))
        ):
            self.failed = True
            return None
        return payload

    def outcome(self, index: int, packages: frozenset[str]) -> Outcome | None:
        """Its outcome number ``index``; None if the piece does not load (never trusted)."""
        if self.outcomes is None and not self.failed:
            payload = self.read()
            outcomes = _outcomes(payload, packages) if payload is not None else None
            if outcomes is None:
                self.failed = True
                return None
            self.outcomes = outcomes
            self.used = [_used(outcome) for outcome in outcomes]
        if self.outcomes is None or not 0 <= index < len(self.outcomes):
            return None
        return self.outcomes[index]


class _Entry(NamedTuple):
    """One file's outcome, with what it was computed from: number ``place`` of a piece read
    back from the cache file, or the outcome itself, judged in this run, pickled only as the
    file is written (so a first check never holds its outcomes twice). A tuple: one is made
    for every file of the cache file as it is read."""

    given: str  # the path as the run named it (relative paths depend on the folder)
    fingerprint: Fingerprint  # of the bytes the outcome was computed from
    judged: bool
    chunk: _Chunk | None  # the piece of the cache file it was read from
    place: int = 0  # its place in that piece
    outcome: Outcome | None = None  # judged in this run, not pickled yet
    # What its suppressions had used when it was judged: the handbook-wide step marks more,
    # which depends on the other files and must not be stored.
    used: tuple[frozenset[str], ...] = ()

    def stored(self, packages: frozenset[str]) -> tuple[Outcome, tuple[frozenset[str], ...]] | None:
        """The outcome to store, with what its suppressions had used when it was judged."""
        if self.outcome is not None:
            return self.outcome, self.used
        if self.chunk is None:
            return None
        outcome = self.chunk.outcome(self.place, packages)
        if outcome is None:
            return None
        return outcome, self.chunk.used[self.place]


def _used(outcome: Outcome) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(suppression.used) for suppression in outcome.suppressions)


def _bucket(where: str) -> int:
    """The piece of the cache file a file's outcome is kept in: by its path, so that adding or
    removing a standard changes only its own piece. (Not remembered: at 50,000 files that took
    3.6 MB, and no less time than working it out three times, 10 ms each.)"""
    return zlib.crc32(where.encode("utf-8", "surrogateescape")) % _BUCKETS


def _pickled(stored: list[tuple[Outcome, tuple[frozenset[str], ...]]]) -> bytes:
    """The outcomes pickled together, each suppression with what it had used when judged."""
    suppressions = [s for outcome, _ in stored for s in outcome.suppressions]
    now = [suppression.used for suppression in suppressions]
    then = [set(used) for _, kept in stored for used in kept]
    try:
        for suppression, used in zip(suppressions, then, strict=True):
            suppression.used = used
        return pickle.dumps([outcome for outcome, _ in stored], protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        for suppression, current in zip(suppressions, now, strict=True):
            suppression.used = current


class StoredFile(NamedTuple):
    """One standard as the last whole check of a run key concluded on it: a row of the
    conclusion (a tuple, read back as it was written: tens of thousands in a warm check)."""

    display_path: str
    digest: bytes  # of the bytes judged
    signature: bytes  # what the handbook-wide rules saw of it (stdlint.parse.facts.signature)
    readable: bool
    handbook: tuple[Diagnostic, ...]  # the handbook-wide findings about it, before suppressions
    kept: tuple[Diagnostic, ...]  # its diagnostics as reported
    suppressed: int  # how many of its findings were silenced


@dataclass(frozen=True, slots=True)
class Stored:
    """The conclusion of the last whole check of a run key (see :meth:`Cache.conclusion`)."""

    today: date
    files: Mapping[str, StoredFile]  # by absolute path, as the cache's entries are
    profile: tuple[str, tuple[Diagnostic, ...]] | None  # handbook.yml and the findings about it
    # Each piece of the file as read, with its digest (by its number, see _bucket): written
    # again as it is when none of its files has changed.
    pieces: Mapping[int, _Chunk] = field(default_factory=dict)


class Cache:
    """The outcomes of one run key, read from and written back to its folder."""

    def __init__(self, folder: Path, key: bytes) -> None:
        self.folder, self.key = folder, key
        self.file = folder / f"{_PREFIX}{key.hex()}{_SUFFIX}"
        self._old: dict[str, _Entry] = {}
        # The entries to write. An outcome judged in this run, of a file named by its absolute
        # path and with no suppressions, is kept as itself, made an entry only as it is written
        # (:func:`_entry`): an entry each was 5.6 MB at 50,000 files.
        self._new: dict[str, _Entry | Outcome] = {}
        self._changed = False
        self.words_file = folder / f"{_WORDS_PREFIX}{key.hex()}{_SUFFIX}"
        self.conclusion_file = folder / f"{_CONCLUSION_PREFIX}{key.hex()}{_SUFFIX}"
        self._words_known: dict[Lang, int] | None = None  # how many the file holds, once read
        # The packages whose classes an outcome may hold: stdlint's and its plugin rules'.
        self.packages = frozenset({"stdlint"})

    @classmethod
    def for_run(
        cls,
        settings: Settings,
        today: date,
        folder: Path | None = None,
        *,
        paths: Iterable[str] = (),
    ) -> Cache:
        """The cache of a check with these settings on this day, loaded (empty if unusable).

        ``paths``: the files of the check as found (:attr:`Source.where`); the cache keeps
        those very strings for the files it knows, not copies read from its file (at 50,000
        files, each copy of every path is 5 MB)."""
        if folder is None:
            named = os.environ.get(ENVIRONMENT)
            folder = Path(named) if named else settings.profile.root / FOLDER
        cache = cls(folder, run_key(settings, today))
        cache.packages |= {setting.rule.__module__.split(".")[0] for setting in settings.rules}
        cache._old = _load(cache.file, cache.key, {path: path for path in paths})
        return cache

    def get(self, source: Source, judged: bool) -> Outcome | None:
        """The stored outcome of ``source`` if its bytes are those it was computed from."""
        where = os.path.abspath(source.where)
        entry = self._old.get(where)
        if entry is None or entry.given != source.where or (judged and not entry.judged):
            return None
        fingerprint = entry.fingerprint.again(source.where)
        if fingerprint is None or entry.chunk is None:
            return None
        outcome = entry.chunk.outcome(entry.place, self.packages)
        if outcome is None:
            return None
        if fingerprint is not entry.fingerprint:  # the same bytes, a new status: kept anew
            entry = entry._replace(fingerprint=fingerprint)
            self._changed = True
        self._new[where] = entry
        if not judged:  # a judged outcome holds the facts too
            fingerprint, seen = outcome.fingerprint, outcome.signature
            return Outcome(outcome.facts, fingerprint=fingerprint, judged=False, signature=seen)
        return outcome

    def unchanged(self, source: Source, digest: bytes, where: str | None = None) -> bool:
        """Whether ``source`` still has the bytes of ``digest``, as an entry of the cache says;
        the entry is then kept for the next run without its outcome being read. ``where``: its
        absolute path, if the caller has it."""
        where = where or os.path.abspath(source.where)
        entry = self._old.get(where)
        if entry is None or entry.given != source.where or entry.fingerprint.digest != digest:
            return False
        fingerprint = entry.fingerprint.again(where)  # its absolute path: the same file
        if fingerprint is None:
            return False
        if fingerprint is not entry.fingerprint:
            entry = entry._replace(fingerprint=fingerprint)
            self._changed = True
        self._new[where] = entry
        return True

    def conclusion(self) -> Stored | None:
        """What the last whole check of this run key concluded, file by file; None if there is
        none, or it is damaged, foreign or of another shape (never trusted, like the rest).

        Its pieces are read and unpickled one at a time, and their bytes let go: they are read
        again from the file, if it still holds them, when they are written back as they were
        (:meth:`conclude`)."""
        try:
            pieces = _pieces(self.conclusion_file, _CONCLUSION_MAGIC, self.key, _nothing)
            if pieces is None:
                return None
            loaded = []
            with _unwatched():
                for piece in pieces:
                    payload = piece.read()
                    if payload is None:
                        raise ValueError("a piece is damaged")
                    loaded.append(_Classes(io.BytesIO(payload), self.packages).load())
                    del payload
                (day, profile), *rest = loaded
                # Keyed by the very strings the entries are, not copies of them.
                known = {where: where for where in self._old}
                return _checked_conclusion(day, profile, rest, pieces[1:], known)
        except Exception as error:  # a bad file of any kind is ignored, never trusted
            log.debug("stdlint: %s could not be read (%r); ignored", self.conclusion_file, error)
            return None

    def conclude(self, stored: Stored, changed: Iterable[str] | None = None) -> None:
        """Keep ``stored`` as the conclusion of this run key; never raises.

        The files are kept in pieces by path, as the outcomes are: when the files that
        ``changed`` since ``stored`` was read are named, the other pieces are written as read
        (read again from the file being replaced, and streamed through).
        """
        again = None if changed is None else {_bucket(where) for where in changed}
        buckets: dict[int, list[str]] = {}
        for where in sorted(stored.files):
            buckets.setdefault(_bucket(where), []).append(where)

        def pieces() -> Iterator[bytes | memoryview]:
            checksum = _Crc()
            yield _CONCLUSION_MAGIC + bytes([FORMAT]) + self.key
            first = (stored.today.isoformat(), stored.profile)
            yield from _digested(pickle.dumps(first, pickle.HIGHEST_PROTOCOL), None, checksum)
            for bucket, wheres in sorted(buckets.items()):
                read = stored.pieces.get(bucket)
                if read is not None and again is not None and bucket not in again:
                    payload = read.read(checked=False)  # checked when it was read
                    if payload is not None:  # not pickled, nor digested, again
                        yield from _digested(payload, read.digest, checksum)
                        continue
                rows = [(where, *stored.files[where]) for where in wheres]
                piece = pickle.dumps((bucket, rows), protocol=pickle.HIGHEST_PROTOCOL)
                yield from _digested(piece, None, checksum)
            yield checksum.digest()

        try:
            _prepare(self.folder)
            write_atomic(self.conclusion_file, pieces(), durable=False)
        except Exception as error:  # only the next run's speed is at stake: never fatal
            log.debug("stdlint: the conclusion was not kept (%r)", error)

    def learn_words(self) -> None:
        """Before files are judged in this process: the words earlier checks analysed."""
        if self._words_known is not None:
            return
        kept = _load_words(self.words_file, self.key)
        for lang, rows in kept.items():
            morph.learn(lang, rows)
        self._words_known = {lang: len(kept.get(lang, ())) for lang in Lang}

    def put(self, given: str, outcome: Outcome) -> None:
        """Keep ``outcome`` of the source named ``given`` (:attr:`Source.where`) for the next
        run, with what its suppressions have used so far (before a handbook-wide step marks
        more)."""
        fingerprint = outcome.fingerprint
        if not outcome.cacheable or fingerprint is None:
            return
        where = absolute(given)
        kept = self._new.get(where) or self._old.get(where)
        if (
            not outcome.judged
            and kept
            and kept.judged
            and kept.fingerprint is not None
            and kept.fingerprint.digest == fingerprint.digest
        ):
            self._new[where] = kept  # a judged outcome of the same bytes is worth more
            return
        if given is where and not outcome.suppressions:
            self._new[where] = outcome
        else:
            used = _used(outcome)
            self._new[where] = _Entry(given, fingerprint, outcome.judged, None, 0, outcome, used)
        self._changed = True

    def save(self, *, whole: bool) -> None:
        """Write the entries back, if anything changed, and let them go; never raises.

        After a check of the ``whole`` handbook the file holds exactly the files it saw, so a
        deleted standard leaves the cache; after a partial one, the entries of the files it
        did not see stay. Once saved, the cache holds no entry (a later :meth:`get` finds
        nothing), and the outcomes it held are let go as they are written."""
        self.save_words()
        # Not a copy when the whole handbook was checked: at 50,000 files a copy is 5 MB.
        entries = self._new if whole else {**self._old, **self._new}
        changed = self._changed or entries.keys() != self._old.keys()
        self._old, self._new, self._changed = {}, {}, False
        if not changed:
            return
        try:
            _prepare(self.folder)
            write_atomic(self.file, _dump(self.key, entries, self.packages), durable=False)
            _prune(self.folder, self.file)
        except OSError as error:
            log.debug("stdlint: the cache was not written (%s)", error)

    def save_words(self) -> None:
        """Keep the words this process knows, if the file lacks some; never raises."""
        if self._words_known is None:
            return  # nothing was judged here
        if all(morph.known_count(lang) <= self._words_known[lang] for lang in Lang):
            return
        rows = {lang: morph.known_words(lang) for lang in Lang}
        try:
            body = pickle.dumps({lang.value: rows[lang] for lang in Lang}, pickle.HIGHEST_PROTOCOL)
            checksum = _Crc(body).digest()
            _prepare(self.folder)
            head = _WORDS_MAGIC + bytes([FORMAT]) + self.key
            write_atomic(self.words_file, (head, body, checksum), durable=False)
        except Exception as error:  # only the next run's speed is at stake: never fatal
            log.debug("stdlint: the words were not kept (%r)", error)
        else:
            self._words_known = {lang: len(rows[lang]) for lang in Lang}


def run_key(settings: Settings, today: date) -> bytes:
    """What every outcome of a run depends on besides the file's own bytes and path."""
    fingerprint = {
        "format": FORMAT,
        "python": sys.version,
        "code": _code(settings),
        "libraries": {name: _version(name) for name in _LIBRARIES},
        "settings": _canonical(settings.profile),
        "profile": [str(settings.profile.path), str(settings.profile.root)],
        "rules": [
            [rule.rule.code, rule.severity.value, _canonical(rule.options)]
            for rule in settings.rules
        ],
        # A new day judges no file again, unless a plugin's rule may read the date as it does.
        "today": today.isoformat() if any(map(_reads_today, settings.rules)) else None,
    }
    text = json.dumps(fingerprint, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=_KEY_BYTES).digest()


def _code(settings: Settings) -> list[list[object]]:
    """stdlint's files (code and data) and each plugin rule's module: name, size, time."""
    package = Path(__file__).resolve().parent.parent
    files = [
        Path(folder, name)
        for folder, dirs, names in os.walk(package)
        if not dirs.sort() and "__pycache__" not in folder
        for name in sorted(names)
        if not name.endswith(".pyc")
    ]
    for setting in settings.rules:
        module = sys.modules.get(setting.rule.__module__)
        where = getattr(module, "__file__", None)
        if where and not Path(where).resolve().is_relative_to(package):
            files.append(Path(where))
    described: list[list[object]] = []
    for file in files:
        try:
            info = file.stat()
        except OSError:
            continue
        described.append([str(file), info.st_size, info.st_mtime_ns])
    return described


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _reads_today(setting: RuleSetting) -> bool:
    rule = setting.rule
    if rule.reads_today is not None:
        return rule.reads_today
    return not rule.__module__.startswith("stdlint.")


def _canonical(value: Any) -> Any:
    """``value`` as plain JSON data that is the same in every process (sets sorted)."""
    if isinstance(value, BaseModel):
        fields = {name: _canonical(field) for name, field in value}
        return {"model": type(value).__qualname__, "fields": fields}
    if isinstance(value, Enum):
        return _canonical(value.value)
    if isinstance(value, Mapping):  # in its own order: that of handbook.yml
        return [[_canonical(key), _canonical(item)] for key, item in value.items()]
    if isinstance(value, set | frozenset):
        return sorted((_canonical(item) for item in value), key=json.dumps)
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, date | PurePath):
        return str(value)
    return repr(value)


# --- the file ------------------------------------------------------------------------------


def _entry(where: str, kept: _Entry | Outcome) -> _Entry:
    """What :meth:`Cache.put` kept of the file at ``where``, as an entry."""
    if isinstance(kept, _Entry):
        return kept
    assert kept.fingerprint is not None  # only an outcome read whole is kept (cacheable)
    return _Entry(where, kept.fingerprint, kept.judged, None, 0, kept)


def _dump(
    key: bytes, entries: dict[str, _Entry | Outcome], packages: frozenset[str]
) -> Iterator[bytes | memoryview]:
    """The cache file in pieces, made as they are written: the header; for each bucket, the
    list of its files (path, digest, status, and the place of the outcome) and its piece of
    outcomes (:class:`_Chunk`), each with its length and digest first; the checksum of every
    length and digest. A bucket whose entries are all the ones read from the file is written
    as it was read, neither pickled nor digested again; a piece whose outcomes are all the ones
    read back from one piece, in the same order, likewise, under a list made anew. So a check
    that finds a file changed pickles and digests only that file's bucket. ``entries`` is
    emptied as they are written.
    """
    yield _MAGIC + bytes([FORMAT]) + key
    checksum = _Crc()
    buckets: dict[int, list[str]] = {}
    for where in entries:
        buckets.setdefault(_bucket(where), []).append(where)
    for bucket in sorted(buckets):
        # A bucket at a time, taken out of ``entries``: its outcomes go once it is written.
        members = [(where, _entry(where, entries.pop(where))) for where in buckets.pop(bucket)]
        read = _listed_as_read(members)
        if read is not None and read.listed is not None and read.listed.payload is not None:
            payload = read.read(checked=False)  # from the file being replaced, streamed
            if payload is not None:
                yield from _digested(read.listed.payload, read.listed.digest, checksum)
                yield from _digested(payload, read.digest, checksum)
                continue
        members.sort(key=_where)  # the order the piece was written in
        kept = _as_read(members) or _repickled(members, packages)
        if kept is None:
            continue
        payload, payload_digest, members = kept
        rows: list[_Row] = []
        for place, (where, entry) in enumerate(members):
            given = where if entry.given == where else entry.given  # pickled once
            rows.append((where, given, entry.fingerprint.packed, entry.judged, place))
        listed = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
        yield from _digested(listed, None, checksum)
        yield from _digested(payload, payload_digest, checksum)
    yield checksum.digest()


def _where(member: tuple[str, _Entry]) -> str:
    return member[0]


class _Crc:
    """zlib's CRC-32 as a running checksum, spelled as hashlib's are (update, digest): several
    times faster than a cryptographic digest over the megabytes a warm check reads, and as
    sure to notice a damaged or truncated file. (A planted file could carry any checksum; the
    unpicklers are what make it harmless.)"""

    __slots__ = ("value",)

    def __init__(self, data: bytes | memoryview = b"") -> None:
        self.value = zlib.crc32(data)

    def update(self, data: bytes | memoryview) -> None:
        self.value = zlib.crc32(data, self.value)

    def digest(self) -> bytes:
        return self.value.to_bytes(_CHECK_BYTES, "little")


def _digested(
    payload: bytes | memoryview, digest: bytes | None, checksum: _Crc
) -> tuple[bytes, bytes | memoryview]:
    """A piece as the file holds it: its length and digest (``digest``, or computed now), whose
    ``checksum`` they update, then the payload."""
    if digest is None:
        digest = _Crc(payload).digest()
    head = len(payload).to_bytes(8, "little") + digest
    checksum.update(head)
    return head, payload


def _identity(status: os.stat_result) -> tuple[int, ...]:
    """What tells a cache file from the one another run has put in its place since (they are
    replaced whole, never written in place): its inode, device, size and time of change."""
    return (status.st_ino, status.st_dev, status.st_size, status.st_mtime_ns)


def _nothing(number: int) -> bool:
    """No piece's payload is read with the file (see _pieces)."""
    return False


def _intact(payload: bytes | memoryview, digest: bytes) -> bool:
    """Whether a piece's payload still has the digest the file gives it (else it is damaged,
    and its files are judged again)."""
    if _Crc(payload).digest() == digest:
        return True
    log.debug("stdlint: a piece of the cache does not match its digest; not used")
    return False


_Members = list[tuple[str, _Entry]]
_Kept = tuple[bytes | memoryview, bytes | None, _Members]


def _as_read(members: _Members) -> _Kept | None:
    """The bytes of the piece these entries were all read from, in its order; else None."""
    chunk = members[0][1].chunk
    if (
        chunk is None
        or chunk.failed
        or any(
            entry.chunk is not chunk or entry.outcome is not None or entry.place != index
            for index, (_, entry) in enumerate(members)
        )
    ):
        return None
    if chunk.size != len(members):  # one of them has gone: the piece is made anew
        return None
    payload = chunk.read(checked=False)
    return None if payload is None else (payload, chunk.digest, members)


def _listed_as_read(members: _Members) -> _Chunk | None:
    """The piece these entries were all read from, if they are all of its entries, each as it
    was read (neither judged again nor found with a new status): it and its list are then
    written as they were read."""
    chunk = members[0][1].chunk
    if chunk is None or chunk.failed or chunk.listed is None or chunk.size != len(members):
        return None
    read = chunk.entries
    for _, entry in members:
        place = entry.place
        if entry.chunk is not chunk or not 0 <= place < len(read) or read[place] is not entry:
            return None
    return chunk


def _repickled(members: _Members, packages: frozenset[str]) -> _Kept | None:
    """These entries' outcomes pickled together; those that cannot be (a plugin rule
    gathered something that does not pickle, a piece that no longer loads) are left out."""
    stored = [(where, entry, entry.stored(packages)) for where, entry in members]
    kept = [(where, entry, found) for where, entry, found in stored if found is not None]
    try:
        return _pickled([found for _, _, found in kept]), None, [(w, e) for w, e, _ in kept]
    except Exception:  # find the ones that do not pickle, and keep the others
        pass
    good = []
    for where, entry, found in kept:
        try:
            _pickled([found])
        except Exception as error:
            log.debug("stdlint: the outcome of %s is not kept (%r)", entry.given, error)
        else:
            good.append((where, entry, found))
    if not good:
        return None
    return _pickled([found for _, _, found in good]), None, [(w, e) for w, e, _ in good]


def _headed(file: Path, magic: bytes, key: bytes) -> tuple[bytes, int] | None:
    """The bytes of ``file`` and where its header ends; None if it is missing, unreadable, or
    of another kind or run."""
    try:
        data = file.read_bytes()
    except OSError:
        return None
    head = len(magic) + 1 + _KEY_BYTES
    if data[:head] != magic + bytes([FORMAT]) + key or len(data) < head + _CHECK_BYTES:
        log.debug("stdlint: %s is not a cache of this run; ignored", file)
        return None
    return data, head


def _verified(file: Path, magic: bytes, key: bytes) -> tuple[memoryview, int] | None:
    """The bytes of ``file`` before its checksum, and where its header ends; None if it is
    missing, unreadable, of another kind or run, or damaged (the checksum of all after the
    header, last in the file, does not match)."""
    headed = _headed(file, magic, key)
    if headed is None:
        return None
    data, head = headed
    view = memoryview(data)[: len(data) - _CHECK_BYTES]
    if _Crc(view[head:]).digest() != data[len(view) :]:
        log.debug("stdlint: %s is damaged; ignored", file)
        return None
    return view, head


def _load(
    file: Path, key: bytes, known: Mapping[str, str] = MappingProxyType({})
) -> dict[str, _Entry]:
    """The entries of ``file``, or none if it is missing, unreadable, foreign or corrupt; a
    path found in ``known`` is kept as the string there.

    The lengths and digests of its pieces are checked whole, and each list of files against
    its digest (a damaged one costs only its own files); each piece of outcomes is left in the
    file, and read, checked against its digest and unpickled when one of its outcomes is first
    asked for."""
    try:
        # Each list is read (the even pieces); each piece of outcomes left where it lies.
        chunks = _pieces(file, _MAGIC, key, lambda number: number % 2 == 0)
        if chunks is None:
            return {}
        if len(chunks) % 2:
            raise ValueError("a piece without its list")
    except (OSError, ValueError) as error:
        log.debug("stdlint: %s could not be read (%s); ignored", file, error)
        return {}
    entries: dict[str, _Entry] = {}
    with _unwatched():
        for listed, chunk in zip(chunks[0::2], chunks[1::2], strict=True):
            read = _listed(listed, chunk, known)
            if read is None:
                continue
            chunk.listed, chunk.size = listed, len(read)
            chunk.entries = tuple(entry for _, entry in read)
            entries.update(read)
    return entries


def _listed(
    listed: _Chunk, chunk: _Chunk, known: Mapping[str, str]
) -> list[tuple[str, _Entry]] | None:
    """The entries of a list of files whose outcomes are in ``chunk`` (see :func:`_load`), or
    None if it is damaged."""
    payload = listed.read()
    if payload is None:
        return None
    try:
        rows = _Plain(io.BytesIO(payload)).load()
        read = []
        for written, given, packed, judged, place in _checked_rows(rows):
            where = known.get(written, written)
            # The name given is mostly the path itself: one string for both.
            name = where if given == where else given
            read.append((where, _Entry(name, Fingerprint(packed), judged, chunk, place)))
    except (pickle.UnpicklingError, ValueError, TypeError, EOFError) as error:
        log.debug("stdlint: a list of %s could not be read (%s); ignored", listed.file, error)
        return None
    return read


def _load_words(file: Path, key: bytes) -> dict[Lang, list[morph.WordRow]]:
    """The words kept in ``file``, by language; none if it is missing, foreign or corrupt."""
    verified = _verified(file, _WORDS_MAGIC, key)
    if verified is None:
        return {}
    view, head = verified
    try:
        loaded = _Plain(io.BytesIO(view[head:])).load()
        return {lang: _checked_words(loaded[lang.value]) for lang in Lang}
    except (pickle.UnpicklingError, ValueError, TypeError, KeyError, EOFError) as error:
        log.debug("stdlint: %s could not be read (%s); ignored", file, error)
        return {}


def _checked_words(rows: object) -> list[morph.WordRow]:
    if not isinstance(rows, list):
        raise ValueError("not a list of words")
    for row in rows:
        if not (
            isinstance(row, tuple)
            and len(row) == 6
            and type(row[0]) is str
            and isinstance(row[1], tuple)
            and all(type(lemma) is str for lemma in row[1])
            and type(row[2]) is str
            and (row[3] is None or type(row[3]) is str)
            and type(row[4]) is bool
            and type(row[5]) is bool
        ):
            raise ValueError("a word of the wrong shape")
    return rows


def _checked_conclusion(
    day: object,
    profile: object,
    loaded: list[object],
    pieces: list[_Chunk],
    known: Mapping[str, str],
) -> Stored:
    """The conclusion unpickled, if it has the shape :meth:`Cache.conclude` writes; a path
    found in ``known`` is kept as the string there."""
    if not isinstance(day, str):
        raise ValueError("not a conclusion")
    if profile is not None and not (
        isinstance(profile, tuple)
        and len(profile) == 2
        and isinstance(profile[0], str)
        and _diagnostics(profile[1])
    ):
        raise ValueError("a profile of the wrong shape")
    files: dict[str, StoredFile] = {}
    read: dict[int, _Chunk] = {}
    for piece, payload in zip(loaded, pieces, strict=True):
        if not (isinstance(piece, tuple) and len(piece) == 2 and type(piece[0]) is int):
            raise ValueError("a piece of the wrong shape")
        bucket, rows = piece
        if not isinstance(rows, list):
            raise ValueError("a piece of the wrong shape")
        for row in rows:
            # Exact types, as written, in one comparison; then the findings, in C.
            if not (
                type(row) is tuple
                and tuple(map(type, row)) == _STORED_SHAPE
                and _diagnostics(row[5])
                and _diagnostics(row[6])
                and _bucket(row[0]) == bucket
            ):
                raise ValueError("a file of the wrong shape")
            files[known.get(row[0], row[0])] = _stored_file(StoredFile, row[1:])
        read[bucket] = payload
    return Stored(date.fromisoformat(day), files, profile, read)


# A row of the conclusion: the file's absolute path, then StoredFile's fields.
_STORED_SHAPE = (str, str, bytes, bytes, bool, tuple, tuple, int)
_stored_file = tuple.__new__  # a StoredFile of fields already checked, without a call to build


def _diagnostics(value: object) -> bool:
    """Whether ``value`` is a tuple of diagnostics (tens of thousands are checked: in C)."""
    return type(value) is tuple and set(map(type, value)) <= _DIAGNOSTIC


_DIAGNOSTIC = {Diagnostic}


def _pieces(
    file: Path, magic: bytes, key: bytes, keep: Callable[[int], bool]
) -> list[_Chunk] | None:
    """The pieces of a cache file after its header, each with its length and digest first, if
    the checksum that ends the file is that of their lengths and digests (else ValueError);
    None if the file is missing or of another kind or run. The payload of piece number ``n``
    is read now if ``keep(n)``, else left in the file (:meth:`_Chunk.read`). OSError if the
    file cannot be read."""
    try:
        stream = open(file, "rb")  # noqa: SIM115 - closed below, on every path
    except FileNotFoundError:
        return None
    with stream:
        header = magic + bytes([FORMAT]) + key
        if stream.read(len(header)) != header:
            log.debug("stdlint: %s is not a cache of this run; ignored", file)
            return None
        status = os.fstat(stream.fileno())
        identity = _identity(status)
        start, end = len(header), status.st_size - _CHECK_BYTES
        checksum = _Crc()
        chunks: list[_Chunk] = []
        while start < end:
            top = stream.read(8 + _CHECK_BYTES)
            after = start + len(top)
            length = int.from_bytes(top[:8], "little")
            if len(top) != 8 + _CHECK_BYTES or after + length > end:
                raise ValueError("a piece runs past the end of the file")
            checksum.update(top)
            payload: bytes | None = None
            if keep(len(chunks)):
                payload = stream.read(length)
            else:
                stream.seek(length, os.SEEK_CUR)
            chunks.append(_Chunk(payload, top[8:], file, identity, after, length))
            start = after + length
        if not chunks or start != end or checksum.digest() != stream.read(_CHECK_BYTES):
            raise ValueError("the file is damaged")
    return chunks


# A file of a list: its path, the path as given, its fingerprint (packed), whether judged, and
# the place of its outcome in the piece after the list.
_Row = tuple[str, str, bytes, bool, int]
_SHAPE = (str, str, bytes, bool, int)


def _checked_rows(rows: object) -> Iterable[_Row]:
    if not isinstance(rows, list):
        raise ValueError("not a list of entries")
    for row in rows:
        # Exact types, as written (a subclass, even bool for int, is of the wrong shape).
        if type(row) is not tuple or tuple(map(type, row)) != _SHAPE:
            raise ValueError("an entry of the wrong shape")
        yield row


def _outcomes(payload: bytes | memoryview, packages: frozenset[str]) -> list[Outcome] | None:
    try:
        with _unwatched():
            outcomes = _Classes(io.BytesIO(payload), packages).load()
    except Exception as error:  # a bad piece of any kind is judged again, never trusted
        log.debug("stdlint: cached outcomes could not be read (%r)", error)
        return None
    if not isinstance(outcomes, list) or not all(isinstance(each, Outcome) for each in outcomes):
        return None
    return outcomes


@contextmanager
def _unwatched() -> Iterator[None]:
    """The garbage collector paused while the cache's objects are built: tens of thousands of
    them, none in a cycle, each scanned up to twice for nothing otherwise (at 10,000 standards,
    26 ms of a 0.6 s check with one file edited). What a damaged file might build in a cycle
    is collected once the collector runs again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _prepare(folder: Path) -> None:
    """Create the folder with what keeps it out of git and backups."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        if not (folder / name).exists():
            write_atomic(folder / name, text)


def _prune(folder: Path, current: Path) -> None:
    """Remove all but the newest :data:`KEEP` cache files (and the word files of the others),
    and temporary files left by runs that were killed while writing (older than an hour)."""
    files: list[tuple[float, Path]] = []
    words: list[Path] = []
    for path in folder.iterdir():
        try:
            changed = path.stat().st_mtime
        except OSError:
            continue
        if path.name.startswith(_PREFIX) and path.name.endswith(_SUFFIX):
            files.append((changed, path))
        elif path.name.startswith((_WORDS_PREFIX, _CONCLUSION_PREFIX)) and path.name.endswith(
            _SUFFIX
        ):
            words.append(path)
        elif path.name.startswith(_TEMPORARY) and changed < time.time() - 3600:
            path.unlink(missing_ok=True)
    files.sort(reverse=True)
    kept = {current.name.removeprefix(_PREFIX)}
    for index, (_, path) in enumerate(files):
        if index < KEEP:
            kept.add(path.name.removeprefix(_PREFIX))
        elif path != current:
            path.unlink(missing_ok=True)
    for path in words:  # and the conclusions of the others
        name = path.name.removeprefix(_WORDS_PREFIX).removeprefix(_CONCLUSION_PREFIX)
        if name not in kept:
            path.unlink(missing_ok=True)


# --- unpickling without trust ------------------------------------------------------------------


class _Plain(pickle.Unpickler):
    """Builds lists, tuples, strings, bytes and numbers only: no class at all."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache's list")


_SAFE = {
    "builtins": {"set", "frozenset", "complex", "slice", "range", "bytearray"},
    "datetime": {"date", "datetime", "time", "timedelta", "timezone"},
    "pathlib": {"Path", "PosixPath", "WindowsPath", "PurePath", "PurePosixPath"},
    "decimal": {"Decimal"},
    "fractions": {"Fraction"},
    "collections": {"OrderedDict"},
    "copyreg": {"_reconstructor"},
}
_found: dict[tuple[str, str], Any] = {}
# The attribute, set to True, that marks a function of stdlint or a plugin as one that only
# rebuilds an object from its pickled values (a ``__reduce__`` that is not the class itself).
RECONSTRUCTOR = "stdlint_reconstructor"


class _Classes(pickle.Unpickler):
    """Builds the classes of ``packages`` (stdlint's and its plugin rules') and the plain types
    of :data:`_SAFE`; of their functions, only those marked as rebuilding an object of theirs
    from its pickled values (:data:`RECONSTRUCTOR`, as ``Facts`` does to share its strings)."""

    def __init__(self, file: io.BytesIO, packages: frozenset[str]) -> None:
        super().__init__(file)
        self.packages = packages

    def find_class(self, module: str, name: str) -> Any:
        known = _found.get((module, name))
        if known is not None:
            return known
        allowed = name in _SAFE.get(module, ()) or module.split(".")[0] in self.packages
        found = super().find_class(module, name) if allowed else None
        if found is None or (
            module not in _SAFE
            and not isinstance(found, type)
            and getattr(found, RECONSTRUCTOR, False) is not True
        ):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the cache")
        _found[(module, name)] = found
        return found

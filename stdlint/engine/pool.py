"""Judging the files of a check in several processes: this one and worker processes.

Each worker resolves the rules and the language engine once (the pool's initializer), then
takes chunks of files from the first; this process takes chunks from the last until they
meet, the files grouped by language so that each process mostly judges one. The outcomes are
put back in the order the files were given, so a run with any number of processes gives the
same result as a serial one, byte for byte. A small handbook is judged in this process alone:
a spawned worker needs about a second to start and warm up (imports, dictionaries, lexicons),
as long as this process takes for a hundred or so files. Where it is safe, the workers are
forked from this process, and import nothing and resolve no rule of their own.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Protocol, cast

from stdlint.engine.apart import default_jobs, forkable, take, take_all
from stdlint.engine.judge import Judge, Outcome
from stdlint.i18n import Lang
from stdlint.parse.document import named_language
from stdlint.parse.source import Source
from stdlint.settings import Settings

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import SynchronizedArray

log = logging.getLogger("stdlint")

# Fewer files than this are judged in this process, whatever ``jobs`` says. Measured on two
# cores: with copies of the example standards (warm caches make each file cheap) a worker
# pays for itself from about 150 files; standards with more varied text cost more each.
POOL_FROM = 100
# At most this many files are taken at a time: taking a chunk costs a few microseconds, and
# small chunks keep every process busy to the end (at 10,000 files, 8 rather than 16 took
# 0.97 of the time).
CHUNK = 8
# A worker's task takes at most this many chunks, then returns their outcomes (pickled, about
# 250 kilobytes), so that they are not all held to the end; each worker has this many
# tasks in hand, so that it never waits for this process to give it the next one. A task
# reserves no chunk: one that finds none left returns at once.
BATCH, TASKS = 32, 2

Work = tuple[Source, bool]  # a file, and whether it is judged or only gives its facts

# A worker process's own (set by _start, or copied from this process when forked): its
# judge, the chunks of the check, and the count of those taken.
_judge: Judge | None = None
_chunks: list[list[Work]] | None = None
_taken: SynchronizedArray[int] | None = None


class Progress(Protocol):
    """Told how far a check is (a progress bar)."""

    def start(self, total: int, done: int) -> None:
        """``total`` files to judge, ``done`` of them already (from the cache)."""

    def advance(self, files: int) -> None:
        """``files`` more were judged."""

    def stop(self) -> None:
        """Every file was judged."""


def judge_all(
    work: list[Work], judge: Judge, jobs: int | None = 1, progress: Progress | None = None
) -> list[Outcome]:
    """The outcome of each file of ``work``, in order, judged by ``jobs`` processes (None: one
    per core): this one and ``jobs - 1`` workers; ``progress`` hears of each file or chunk.

    ``work`` is emptied as its files are judged: a source is let go once read (a check of a
    large handbook would otherwise keep one for every file to the end)."""
    if jobs is None:
        jobs = default_jobs()
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs < 2 or len(work) < POOL_FROM:
        return _judge_here(judge, work, progress)
    size = max(1, min(CHUNK, len(work) // (jobs * 4)))
    if len(work) <= size:
        return _judge_here(judge, work, progress)
    order = _by_language(work)
    dealt = [work[index] for index in order]
    work.clear()  # the chunks hold the sources now
    chunks = [dealt[start : start + size] for start in range(0, len(dealt), size)]
    del dealt
    try:
        done = _share(chunks, min(jobs - 1, len(chunks) - 1), judge, progress)
    except OSError as error:  # no process could start (no /dev/shm, a process limit): all here
        log.debug("stdlint: no worker processes (%s)", error)
        done = [None] * len(chunks)
    else:
        left = sum(len(chunk) for chunk, got in zip(chunks, done, strict=True) if got is None)
        if left:
            log.warning("stdlint: a worker process failed; checking %d file(s) in this one", left)
    outcomes: list[Outcome | None] = [None] * len(order)
    places = iter(order)
    for chunk, chunk_outcomes in zip(chunks, done, strict=True):
        # A chunk whose worker died is judged here: nothing is lost.
        if chunk_outcomes is None:
            chunk_outcomes = _judge_here(judge, chunk, progress)
        for outcome in chunk_outcomes:
            outcomes[next(places)] = outcome
    return cast(list[Outcome], outcomes)  # every place is filled, once


def _by_language(work: Sequence[Work]) -> list[int]:
    """The places of ``work`` in the order the processes take them: grouped by the language in
    each file's name (``x.ru.md``), Russian first, English last, otherwise as given.

    The workers take files from the front and this process from the back, so in a handbook
    of two languages each process judges mostly one: it analyses the sentences and words of
    that language alone, where each would otherwise analyse both (its warm-up, paid once per
    process), and loads one dictionary. The workers take the Russian files: this process then
    need not load the Russian dictionary (20 MB), nor free it with a full collection once the
    files are judged (:meth:`Judge.rest`), while every other process waits for it."""
    return sorted(
        range(len(work)),
        key=lambda index: _DEALT.get(named_language(work[index][0].where), _UNNAMED),
    )


# The order of :func:`_by_language`: a name of no known language goes between the two.
_DEALT: dict[Lang | None, int] = {Lang.RU: 0, Lang.EN: 2}
_UNNAMED = 1


def _judge_here(judge: Judge, work: list[Work], progress: Progress | None = None) -> list[Outcome]:
    """The outcomes of ``work``, in order, judged in this process; ``work`` is emptied, each
    source let go once judged."""
    outcomes = []
    work.reverse()
    while work:
        source, judged = work.pop()
        outcomes.append(judge.source(source, judged))
        if progress is not None:
            progress.advance(1)
    return outcomes


def _share(
    chunks: list[list[Work]], workers: int, judge: Judge, progress: Progress | None
) -> list[list[Outcome] | None]:
    """Each chunk's outcomes, or None for a chunk whose worker failed.

    The workers take the chunks from the first and this process from the last, until the
    two meet; which chunk is next at each end is counted in memory they all share
    (:func:`~stdlint.engine.apart.take`). Nothing is handed out: a worker never waits for this
    process to give it work, nor this one for a queue of chunks given out ahead to run dry at
    the end. A worker returns its outcomes a batch of chunks at a time (:data:`BATCH`); this
    process unpickles them between chunks of its own.

    Where a fork is safe (:func:`~stdlint.engine.apart.forkable`), the workers are forked from
    this process before it judges a file: they import nothing and resolve no rule of their
    own, and find the chunks in their copy of this process. Each then loads the dictionary and
    builds the lexicons of the language it judges while this process does so for its own.
    (Forked once this process had judged a chunk, they inherited its lexicons, of the language
    they did not judge, as the files are dealt by language; the other core idled those 0.2 s,
    and in 3 runs of 36 at 10,000 standards the largest process peaked at 111-114 MiB rather
    than 86.) Elsewhere the workers are spawned, each given the chunks, and each warms up by
    itself.
    """
    global _judge, _chunks, _taken
    done: list[list[Outcome] | None] = [None] * len(chunks)
    forked = forkable()
    context = multiprocessing.get_context("fork" if forked else "spawn")
    # The next chunk of the workers, one past the last left to this process, and how many
    # files the workers have judged (for the progress bar).
    taken = context.Array("q", [0, len(chunks), 0])
    if forked:  # the forked workers' own copies (multiprocessing flushes the standard
        # streams before it forks: nothing written so far is written twice)
        _judge, _chunks, _taken = judge, chunks, taken
        initializer: Callable[..., None] = _tune_collector
        arguments: tuple[object, ...] = ()
    else:
        initializer = _start
        arguments = (judge.settings, judge.today, judge.signatures, chunks, taken)
    try:
        with (
            _prompt_threads(),
            ProcessPoolExecutor(
                workers, mp_context=context, initializer=initializer, initargs=arguments
            ) as pool,
        ):
            try:
                told = _alongside(pool, workers, judge, chunks, taken, done, progress)
            except BaseException:  # interrupted (Ctrl-C), or a bug here: before the pool
                take_all(taken)  # waits for the tasks it holds, none is left to take
                raise
    finally:
        _judge = _chunks = _taken = None  # not kept past the check
    if progress is not None:
        workers_judged = sum(len(chunk) for chunk, got in zip(chunks, done, strict=True) if got)
        if workers_judged > told:
            progress.advance(workers_judged - told)
    return done


def _alongside(
    pool: ProcessPoolExecutor,
    workers: int,
    judge: Judge,
    chunks: list[list[Work]],
    taken: SynchronizedArray[int],
    done: list[list[Outcome] | None],
    progress: Progress | None,
) -> int:
    """Judge chunks from the last here while the workers of ``pool`` take them from the first,
    each task's outcomes put in ``done`` as it returns; how many of the workers' files progress
    has heard of."""
    told = 0
    running: set[Future[bytes]] = set()
    broken = False
    while True:
        for future in [future for future in running if future.done()]:
            running.discard(future)
            broken |= not _collect(future, done)
        while not broken and len(running) < TASKS * workers and taken[0] < taken[1]:
            try:
                running.add(pool.submit(_judge_from_front))
            except RuntimeError:  # a worker died (BrokenProcessPool), or none started
                broken = True
        index = take(taken, first=False)
        if index is None:
            break
        done[index] = _judge_here(judge, chunks[index], progress)
        if progress is not None:
            told = _tell(progress, taken, told)
    for future in running:
        _collect(future, done)
    return told


# How long this thread holds the GIL while the pool's threads wait for it (Python's default is
# 5 ms): they read each worker's outcomes, in pieces as large as a pipe holds, and the worker
# waits until they have. At 10,000 standards a worker waited 0.13-0.18 s in all with the
# default, 0.04 s with this.
SWITCH_INTERVAL = 0.0005


@contextmanager
def _prompt_threads() -> Iterator[None]:
    """This process's threads given the GIL sooner (:data:`SWITCH_INTERVAL`) for the time of
    the pool; a thread that waits for none holds it as long as before."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)


def _collect(future: Future[bytes], done: list[list[Outcome] | None]) -> bool:
    """Put the outcomes a worker's task returned in ``done``; False if the pool is broken."""
    try:
        for index, outcomes in pickle.loads(future.result()):  # our own worker's
            if outcomes is not None:
                done[index] = outcomes
    except BrokenProcessPool:  # killed, out of memory, a crash in native code
        return False
    except Exception as error:  # judged again here, where a bug keeps its traceback
        log.debug("stdlint: a worker failed (%r)", error)
    return True


def _tell(progress: Progress, taken: SynchronizedArray[int], told: int) -> int:
    """Tell ``progress`` of the files the workers have judged since it was told ``told``."""
    judged = taken[2]
    if judged > told:
        progress.advance(judged - told)
    return max(judged, told)


def _judge_from_front() -> bytes:
    """In a worker: judge the first chunks left, :data:`BATCH` of them at most; each chunk's
    index and its outcomes (None if judging it failed: it is judged again in the main process,
    where a bug keeps its traceback), pickled together (:func:`_pickled`)."""
    assert _judge is not None and _chunks is not None and _taken is not None, "set up first"
    judged: list[tuple[int, list[Outcome] | None]] = []
    while len(judged) < BATCH and (index := take(_taken, first=True)) is not None:
        chunk = _chunks[index]
        outcomes: list[Outcome] | None
        try:
            outcomes = [_judge.source(source, is_judged) for source, is_judged in chunk]
        except Exception as error:
            log.debug("stdlint: judging a chunk failed in a worker (%r)", error)
            outcomes = None
        judged.append((index, outcomes))
        with _taken.get_lock():
            _taken[2] += len(chunk)
        _chunks[index] = []  # its sources are let go
    return _pickled(judged)


def _pickled(judged: list[tuple[int, list[Outcome] | None]]) -> bytes:
    """A task's outcomes pickled at once: what many standards share (their metrics, the
    strings and lists of ids they write alike) is written once, not once a chunk. At 10,000
    standards that halved the bytes, and took 0.7 of the time to write and 0.9 to read. A
    chunk whose outcomes cannot be pickled (a plugin's value) is None: judged again."""
    try:
        return pickle.dumps(judged, pickle.HIGHEST_PROTOCOL)
    except Exception:
        kept: list[tuple[int, list[Outcome] | None]] = []
        for index, outcomes in judged:
            try:
                pickle.dumps(outcomes, pickle.HIGHEST_PROTOCOL)
            except Exception as error:
                log.debug("stdlint: a chunk's outcomes could not be pickled (%r)", error)
                outcomes = None
            kept.append((index, outcomes))
        return pickle.dumps(kept, pickle.HIGHEST_PROTOCOL)


def _start(
    settings: Settings,
    today: date,
    signatures: bool,
    chunks: list[list[Work]],
    taken: SynchronizedArray[int],
) -> None:
    """Set up a spawned worker: its judge, the chunks of the check, the count of those taken."""
    global _judge, _chunks, _taken
    _tune_collector()  # for the worker's life
    _judge = Judge(settings, today, signatures=signatures)
    _chunks, _taken = chunks, taken


@contextmanager
def long_run() -> Iterator[None]:
    """The garbage collector tuned for judging many files, for the time of a check.

    Nearly every object a check makes is freed by its reference count, and what is kept (each
    file's facts and findings) lives to the end; the collector's default pace scans that
    growing heap again and again, about a tenth of a check's time. What is loaded by now
    (modules, lexicons) is moved out of its sight, and young objects are collected less often.
    The collector is as it was afterwards (a worker process keeps the tuning for its life).
    """
    threshold = gc.get_threshold()
    _tune_collector()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _tune_collector() -> None:
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)

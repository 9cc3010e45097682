"""Judging the files of a check in several processes: this one and worker processes.

Each worker resolves the rules and the language engine once (the pool's initializer), then
judges chunks of files from the first; this process judges chunks from the last until they
meet. The outcomes are put back in the order the files were given, so a run with any number
of processes gives the same result as a serial one, byte for byte. A small handbook is judged
in this process alone: a spawned worker needs about a second to start and warm up (imports,
dictionaries, lexicons), as long as this process takes for a hundred or so files. Where it is
safe, the workers are forked from this process once it is warm, and need none of that.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from datetime import date
from functools import partial
from typing import Protocol

from stdlint.engine.judge import Judge, Outcome
from stdlint.parse.source import Source
from stdlint.settings import Settings

log = logging.getLogger("stdlint")

# Fewer files than this are judged in this process, whatever ``jobs`` says. Measured on two
# cores: with copies of the example standards (warm caches make each file cheap) a worker
# pays for itself from about 150 files; standards with more varied text cost more each.
POOL_FROM = 100
CHUNK = 16  # at most this many files per task: big enough to pay for itself, small enough
# to keep every process busy to the end
# Chunks handed to each worker ahead of time. This process refills the workers' queue only
# between two chunks of its own, and the pool's thread that feeds them waits for the same
# interpreter lock: with two chunks ahead, a worker on 10,000 files sat idle for about a sixth
# of the run; with six, it is kept busy, and at the end the workers hold at most a few chunks
# while this one has none left.
AHEAD = 6

Work = tuple[Source, bool]  # a file, and whether it is judged or only gives its facts

_judge: Judge | None = None  # the worker process's own, made by _start


class Progress(Protocol):
    """Told how far a check is (a progress bar)."""

    def start(self, total: int, done: int) -> None:
        """``total`` files to judge, ``done`` of them already (from the cache)."""

    def advance(self, files: int) -> None:
        """``files`` more were judged."""

    def stop(self) -> None:
        """Every file was judged."""


def default_jobs() -> int:
    """One process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


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
    chunks = [work[start : start + size] for start in range(0, len(work), size)]
    if len(chunks) < 2:
        return _judge_here(judge, work, progress)
    work.clear()  # the chunks hold the sources now
    try:
        done = _share(chunks, min(jobs - 1, len(chunks) - 1), judge, progress)
    except OSError as error:  # no process could start (no /dev/shm, a process limit): all here
        log.debug("stdlint: no worker processes (%s)", error)
        done = [None] * len(chunks)
    else:
        left = sum(len(chunk) for chunk, got in zip(chunks, done, strict=True) if got is None)
        if left:
            log.warning("stdlint: a worker process failed; checking %d file(s) in this one", left)
    outcomes: list[Outcome] = []
    for chunk, chunk_outcomes in zip(chunks, done, strict=True):
        # A chunk whose worker died is judged here: nothing is lost.
        if chunk_outcomes is None:
            chunk_outcomes = _judge_here(judge, chunk, progress)
        outcomes.extend(chunk_outcomes)
    return outcomes


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

    The workers take the chunks from the first, a few at a time; this process, already warm,
    takes them from the last, until the two meet. (Handing out chunks as they are needed,
    rather than cancelling queued ones: Python 3.11's pool deadlocks when a worker dies with a
    cancelled task in its queue.)

    Where a fork is safe (:func:`_forkable`), this process judges its first chunk before the
    workers start, and they are forked from it warm: they load no dictionary and build no
    lexicon of their own. Elsewhere they are spawned, and each warms up by itself.
    """
    global _judge
    done: list[list[Outcome] | None] = [None] * len(chunks)
    running: dict[Future[list[Outcome]], int] = {}
    front, back, broken = 0, len(chunks), False
    forked = _forkable()
    if forked:
        back -= 1
        done[back] = _judge_here(judge, chunks[back], progress)
        _judge = judge  # the forked workers' own copy, warm (multiprocessing flushes the
        # standard streams before it forks: nothing written so far is written twice)
    context = multiprocessing.get_context("fork" if forked else "spawn")
    initializer: Callable[[], None] = (
        _tune_collector
        if forked
        else partial(_start, judge.settings, judge.today, judge.signatures)
    )
    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer) as pool:
            while front < back or running:
                while not broken and front < back and len(running) < AHEAD * workers:
                    try:
                        running[pool.submit(_judge_chunk, chunks[front])] = front
                    except RuntimeError:  # a worker died (BrokenProcessPool), or none started
                        broken = True
                        break
                    front += 1
                for future in [future for future in running if future.done()]:
                    index = running.pop(future)
                    try:
                        done[index] = future.result()
                        if progress is not None:
                            progress.advance(len(chunks[index]))
                    except BrokenProcessPool:  # killed, out of memory, a crash in native code
                        broken = True
                    except Exception as error:  # judged again here, where a bug keeps its traceback
                        log.debug("stdlint: a worker failed (%r)", error)
                if front < back:
                    back -= 1
                    done[back] = _judge_here(judge, chunks[back], progress)
                elif running:
                    wait(running, return_when=FIRST_COMPLETED)
    finally:
        _judge = None  # this process's judge is not kept past the check
    return done


def _forkable() -> bool:
    """Whether workers may be forked from this process: on Linux, and with no other thread
    running (the command line, ``mkdocs build``). A forked copy of another thread's state can
    hang (``mkdocs serve`` runs a server thread), and macOS's system libraries are not safe to
    fork; there the workers are spawned."""
    return sys.platform == "linux" and threading.active_count() == 1


def _start(settings: Settings, today: date, signatures: bool) -> None:
    global _judge
    _tune_collector()  # for the worker's life
    _judge = Judge(settings, today, signatures=signatures)


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


def _judge_chunk(chunk: Sequence[Work]) -> list[Outcome]:
    assert _judge is not None, "the pool's initializer sets up the judge"
    return [_judge.source(source, judged) for source, judged in chunk]

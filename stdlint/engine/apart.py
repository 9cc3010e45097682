"""Work shared between processes: how many there may be, whether they may be forked, a count
of the pieces taken from either end of a list that they all share, and steps of work run
beside this process in a forked helper.

The pool of workers that judge the files (:mod:`.pool`) and the handbook-wide rules
(:meth:`~stdlint.engine.judge.Judge.concluded`) both take their pieces this way: one side from
the first, the other from the last, until the two meet, so that nothing is handed out ahead
and neither waits for the other while pieces are left.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import struct
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from typing import IO, TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import SynchronizedArray

log = logging.getLogger("stdlint")

T = TypeVar("T")
S = TypeVar("S")

# How long a process waits for the count of pieces taken, which is held for the time of a
# few reads: longer only if a process died holding it (killed at that very moment); the
# others then stop taking pieces, and what is left is done here.
LOCK_WAIT = 5.0


def default_jobs() -> int:
    """One process per core this process may run on."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def forkable() -> bool:
    """Whether other processes may be forked from this one: on Linux, and with no other thread
    running (the command line, ``mkdocs build``). A forked copy of another thread's state can
    hang (``mkdocs serve`` runs a server thread), and macOS's system libraries are not safe to
    fork; there workers are spawned."""
    return sys.platform == "linux" and threading.active_count() == 1


def take(taken: SynchronizedArray[int], *, first: bool) -> int | None:
    """The index of the next piece, the first left or (``first=False``) the last; None when
    none is left, or the count could not be had. ``taken`` holds the index of the first piece
    left and one past the last."""
    lock = taken.get_lock()
    if not lock.acquire(timeout=LOCK_WAIT):
        return None
    try:
        front, back = taken[0], taken[1]  # (the lock is re-entrant)
        if front >= back:
            return None
        if first:
            taken[0] = front + 1
            return front
        taken[1] = back - 1
        return back - 1
    finally:
        lock.release()


def take_all(taken: SynchronizedArray[int]) -> None:
    """Leave no piece to take: a process that takes from ``taken`` stops at its next one."""
    lock = taken.get_lock()
    if lock.acquire(timeout=LOCK_WAIT):
        try:
            taken[1] = taken[0]
        finally:
            lock.release()


# The length of each record a helper writes (:func:`_record`).
_LENGTH = struct.Struct("<Q")
_SETTLED = -1  # the index of the record of what ``settle`` returned


def run_steps(
    steps: Sequence[Callable[[], T]],
    jobs: int | None,
    settle: Callable[[], S],
    merge: Callable[[S], None],
) -> list[T]:
    """The result of each of ``steps``, in order, each of them picklable.

    With ``jobs`` of 2 or more (None: one per core), where a fork is safe, they are shared
    with a helper process forked from this one: it takes steps from the first while this
    process takes them from the last, until the two meet. The helper writes each result to a
    file this process reads once the helper has ended; after its last step it runs
    ``settle``, whose result (what the helper's steps changed in its copy of this process's
    objects, which this process needs too) is given to ``merge`` here. A step the helper took
    and did not finish (it died) is run here: its result is the same. Otherwise every step is
    run here, in order.
    """
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 2 or len(steps) < 2 or not forkable():
        return [step() for step in steps]
    context = multiprocessing.get_context("fork")
    results: dict[int, T] = {}
    settled: list[S] = []
    with ExitStack() as held:
        try:
            written = held.enter_context(tempfile.TemporaryFile())
            taken = context.Array("q", [0, len(steps)])
            helper = context.Process(
                target=_help, args=(steps, taken, written.fileno(), settle), daemon=True
            )
            helper.start()
        except OSError as error:  # nowhere to write, no process could start (a process limit)
            log.debug("stdlint: no helper process (%s)", error)
            return [step() for step in steps]
        try:
            while (index := take(taken, first=False)) is not None:
                results[index] = steps[index]()
        except BaseException:  # interrupted (Ctrl-C), or a bug here: no helper is left behind
            take_all(taken)
            helper.terminate()
            raise
        finally:
            helper.join()
        _read(written, results, settled)
    if helper.exitcode != 0:
        log.debug("stdlint: the helper process ended with %s", helper.exitcode)
    for found in settled:
        merge(found)
    return [results[index] if index in results else step() for index, step in enumerate(steps)]


def _help(
    steps: Sequence[Callable[[], object]],
    taken: SynchronizedArray[int],
    descriptor: int,
    settle: Callable[[], object],
) -> None:
    """In the helper: run the first steps left, write each result, then what ``settle``
    returns. Ends quietly, whatever happens: what it did not write is done by its parent."""
    try:
        with open(descriptor, "wb", closefd=False) as out:
            while (index := take(taken, first=True)) is not None:
                _record(out, index, steps[index]())
            _record(out, _SETTLED, settle())
    except BaseException as error:  # interrupted too: the parent is, and says so
        log.debug("stdlint: the helper process stopped (%r)", error)
        os._exit(1)


def _record(out: IO[bytes], index: int, result: object) -> None:
    pickled = pickle.dumps((index, result), pickle.HIGHEST_PROTOCOL)
    out.write(_LENGTH.pack(len(pickled)))
    out.write(pickled)
    out.flush()


def _read(written: IO[bytes], results: dict[int, Any], settled: list[Any]) -> None:
    """The records a helper wrote, into ``results`` by index, and ``settled``; a record cut
    short (the helper died writing it) ends them."""
    written.seek(0)
    while len(length := written.read(_LENGTH.size)) == _LENGTH.size:
        pickled = written.read(_LENGTH.unpack(length)[0])
        try:
            index, result = pickle.loads(pickled)  # our own helper's
        except Exception as error:
            log.debug("stdlint: a record of the helper process is cut short (%r)", error)
            return
        if index == _SETTLED:
            settled.append(result)
        else:
            results[index] = result

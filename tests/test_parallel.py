"""Checking in worker processes gives the serial result byte for byte, and keeps no text."""

from __future__ import annotations

import gc
import json
import logging
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from stdlint.config import load_profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.engine import apart, check, pool
from stdlint.i18n import Lang
from stdlint.parse.document import Document, named_language
from stdlint.parse.facts import Facts
from stdlint.parse.source import Source
from stdlint.result import Result
from stdlint.rules import DocumentRule, HandbookRule, all_rules
from stdlint.rules.base import Context
from tests.conftest import REPO, Run
from tests.test_containment import CrashEverywhere, CrashOnBroken

GOLDEN = Path(__file__).resolve().parent / "golden" / "handbook"
DAY = "2026-11-30"


@pytest.fixture(params=["fork", "spawn"])
def small_pools(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Start workers even for a small handbook, and give each a few files at a time; forked
    from this process (the command line), or spawned (a process with threads,
    such as ``mkdocs serve``, or another system than Linux)."""
    monkeypatch.setattr(pool, "POOL_FROM", 0)
    monkeypatch.setattr(pool, "CHUNK", 3)
    monkeypatch.setattr(pool, "forkable", lambda: request.param == "fork")
    started = multiprocessing.get_context

    def context(method: str | None = None) -> object:
        assert method == request.param
        return started(method)

    monkeypatch.setattr(pool.multiprocessing, "get_context", context)


def _troubled_handbook(tmp_path: Path) -> Path:
    """Findings of every kind, across files: the golden handbook, the example standards, a
    duplicate id, a suppressed handbook-wide finding, broken YAML and a file that is not UTF-8."""
    handbook = tmp_path / "handbook"
    shutil.copytree(GOLDEN, handbook)
    standards = handbook / "standards"
    shutil.copytree(REPO / "standards", standards / "example")
    first = sorted(GOLDEN.glob("standards/*.md"))[0]
    text = first.read_text("utf-8")
    (standards / "zz-duplicate.md").write_text(text, "utf-8")
    suppressed = text.replace("\nid: ", "\n# stdlint-disable-next-line STR008 -- a test\nid: ", 1)
    (standards / "zz-suppressed.md").write_text(suppressed, "utf-8")
    (standards / "zz-broken-yaml.md").write_text("---\nid: [broken\ntitle: x\n---\n\nText.\n")
    (standards / "zz-latin1.md").write_bytes("---\nid: caf\xe9\n---\n".encode("latin-1"))
    return handbook


@pytest.mark.usefixtures("small_pools")
@pytest.mark.parametrize("output_format", ["json", "text"])
def test_workers_give_the_serial_output_on_the_example_handbook(
    run_cli: Callable[..., Run], output_format: str
) -> None:
    args = ("check", "--format", output_format, "--today", DAY, "--no-color")
    serial = run_cli(*args, "--jobs", "1", cwd=REPO)
    parallel = run_cli(*args, "--jobs", "2", cwd=REPO)
    assert (parallel.exit_code, parallel.output) == (serial.exit_code, serial.output)


@pytest.mark.usefixtures("small_pools")
@pytest.mark.parametrize("output_format", ["json", "text"])
def test_workers_give_the_serial_output_with_findings_and_broken_files(
    run_cli: Callable[..., Run], tmp_path: Path, output_format: str
) -> None:
    handbook = _troubled_handbook(tmp_path)
    args = ("check", "--format", output_format, "--today", DAY, "--no-color")
    serial = run_cli(*args, "--jobs", "1", cwd=handbook)
    parallel = run_cli(*args, "--jobs", "2", cwd=handbook)
    assert serial.exit_code == 1
    assert (parallel.exit_code, parallel.output) == (serial.exit_code, serial.output)
    if output_format == "json":
        output = json.loads(serial.output)
        found = {(item["path"], item["code"]) for item in output["diagnostics"]}
        for code in ("STR002", "STR008", "STR009"):
            assert any(found_code == code for _, found_code in found), code
        assert ("standards/zz-duplicate.md", "STR008") in found
        assert ("standards/zz-suppressed.md", "STR008") not in found
        assert output["suppressed"] >= 1


@pytest.mark.parametrize("jobs", ["0", "-1"])
def test_jobs_below_one_is_a_usage_error(run_cli: Callable[..., Run], jobs: str) -> None:
    run = run_cli("check", "--jobs", jobs, cwd=REPO)
    assert run.exit_code == 2
    assert "--jobs" in run.stderr


def test_the_engine_refuses_jobs_below_one() -> None:
    with pytest.raises(ValueError, match="jobs"):
        check(None, load_profile(REPO / "handbook.yml"), date(2026, 11, 30), jobs=0)


def test_a_check_keeps_no_document(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = 0
    real_parse = __import__("stdlint.engine.judge", fromlist=["parse"]).parse

    def parse(*args: object) -> Document:
        nonlocal parsed
        parsed += 1
        return real_parse(*args)  # type: ignore[no-any-return]

    monkeypatch.setattr("stdlint.engine.judge.parse", parse)
    result = check(None, load_profile(REPO / "handbook.yml"), date(2026, 11, 30), jobs=1)
    gc.collect()
    alive = [item for item in gc.get_objects() if isinstance(item, Document)]
    assert parsed == len(result.handbook) > 30
    assert alive == []
    assert result.documents == ()
    assert all(isinstance(standard, Facts) for standard in result.handbook)


@pytest.fixture
def buggy_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """Install rules with bugs, as if a plugin had brought them."""
    extra = [CrashOnBroken, CrashEverywhere, DiesInWorkers]
    rules = tuple(sorted([*all_rules(), *extra], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)


class DiesInWorkers(DocumentRule):
    """A plugin rule that kills the worker process it runs in (as native code might).

    ## What it does
    Nothing useful.
    """

    code, name = "CON998", "dies-in-workers"
    criterion, default_severity = Criterion.CONCRETENESS, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """Ends a worker process on the file named to die; reports nothing in the main one.

        With ``$DIED`` set, the worker first creates that file, and the main process waits
        for it before it judges a file of its own while a worker runs: the workers take files
        as they come, and the main one would otherwise judge every file of a small handbook
        before a spawned worker has started."""
        died = os.environ.get("DIED")
        if multiprocessing.parent_process():
            if "to-die-in-worker" in doc.display_path:
                if died:
                    Path(died).touch()
                os._exit(1)
        elif died and multiprocessing.active_children():
            deadline = time.monotonic() + 60
            while not os.path.exists(died) and time.monotonic() < deadline:
                time.sleep(0.01)
        yield from ()


@pytest.mark.usefixtures("small_pools", "buggy_rules")
def test_rule_failures_and_dead_workers_lose_no_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    handbook = _troubled_handbook(tmp_path)
    (handbook / "standards" / "broken.md").write_text(
        (GOLDEN / "standards" / "phone-order.en.md").read_text("utf-8"), "utf-8"
    )
    profile = load_profile(handbook / "handbook.yml")
    serial = check(None, profile, date(2026, 11, 30), jobs=1)
    assert {"CON999", "CNS999"} <= {failure.stage for failure in serial.failures}
    parallel = check(None, profile, date(2026, 11, 30), jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    assert _failures(parallel) == _failures(serial)
    assert parallel.files == serial.files
    # A worker that dies takes its files with it: they are checked in this process instead.
    # The workers take the first files (this process the last), Russian ones first (the pool
    # deals files by the language in their names): the file comes first.
    (handbook / "standards" / "a-to-die-in-worker.ru.md").write_bytes(
        (GOLDEN / "standards" / "returns.ru.md").read_bytes()
    )
    serial = check(None, profile, date(2026, 11, 30), jobs=1)
    monkeypatch.setenv("DIED", str(tmp_path / "died"))
    with caplog.at_level(logging.WARNING, logger="stdlint"):
        parallel = check(None, profile, date(2026, 11, 30), jobs=2)
    assert (tmp_path / "died").exists()
    assert parallel.diagnostics == serial.diagnostics
    assert parallel.files == serial.files
    assert "a worker process failed" in caplog.text


class GathersALambdaOnce(HandbookRule):
    """A handbook-wide plugin rule that gathers, from one standard, what pickle refuses.

    ## What it does
    Reports the standard it gathered a function from.
    """

    code, name = "CNS995", "gathers-a-lambda-once"
    criterion, default_severity = Criterion.CONSISTENCY, Severity.WARNING

    def gather(self, doc: Document, ctx: Context) -> object:
        """A function from the dispute standards, nothing from the others."""
        return (lambda: None) if "dispute" in doc.display_path else None

    def check_handbook(self, standards: Sequence[Facts], ctx: Context) -> Iterator[Diagnostic]:
        """A finding where a function was gathered."""
        for facts in standards:
            if callable(facts.gathered.get(self.code)):
                yield self.diagnostic(facts, Span.point(1), "a function", "none")


@pytest.mark.usefixtures("small_pools")
def test_a_chunk_whose_outcomes_cannot_be_pickled_is_judged_again_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rules = tuple(sorted([*all_rules(), GathersALambdaOnce], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)
    profile = load_profile(REPO / "handbook.yml")
    serial = check(None, profile, date(2026, 11, 30), jobs=1)
    parallel = check(None, profile, date(2026, 11, 30), jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    assert parallel.files == serial.files
    assert {d.path for d in parallel.diagnostics if d.code == "CNS995"} == {
        "standards/billing/dispute.en.md",
        "standards/billing/dispute.ru.md",
    }


@pytest.mark.usefixtures("small_pools")
def test_the_pool_threads_get_the_gil_sooner_while_workers_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[float] = []
    alongside = pool._alongside

    def recorded(*args: Any) -> int:
        seen.append(sys.getswitchinterval())
        return alongside(*args)

    monkeypatch.setattr(pool, "_alongside", recorded)
    before = sys.getswitchinterval()
    check(None, load_profile(REPO / "handbook.yml"), date(2026, 11, 30), jobs=2)
    assert seen == [pool.SWITCH_INTERVAL] and before > pool.SWITCH_INTERVAL
    assert sys.getswitchinterval() == before


def test_a_task_pickles_its_chunks_together_and_leaves_out_those_it_cannot() -> None:
    judged: list[tuple[int, list[object] | None]] = [(4, ["a", "b"]), (5, [len]), (6, None)]
    assert pickle.loads(pool._pickled(judged)) == judged  # type: ignore[arg-type]
    judged.append((7, ["c", lambda: None]))
    pickled = pool._pickled(judged)  # type: ignore[arg-type]
    assert pickle.loads(pickled) == [(4, ["a", "b"]), (5, [len]), (6, None), (7, None)]


def _failures(result: Result) -> list[tuple[str, str, str]]:
    return [(failure.path, failure.stage, failure.error) for failure in result.failures]


def test_default_jobs_is_the_cores_this_process_may_use() -> None:
    assert apart.default_jobs() >= 1


def test_forked_workers_build_no_judge_of_their_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pool, "POOL_FROM", 0)
    monkeypatch.setattr(pool, "CHUNK", 3)
    monkeypatch.setattr(pool, "forkable", lambda: True)

    def cold_start(*args: object) -> None:
        raise AssertionError("a forked worker has its judge already")

    monkeypatch.setattr(pool, "_start", cold_start)
    profile = load_profile(REPO / "handbook.yml")
    serial = check(None, profile, date(2026, 11, 30), jobs=1)
    parallel = check(None, profile, date(2026, 11, 30), jobs=2)
    assert parallel.files == serial.files and len(parallel.files) > 20
    assert parallel.diagnostics == serial.diagnostics
    assert pool._judge is None  # not kept past the check


FORKED_AFTER_PRINTING = """
import sys
from datetime import date
from pathlib import Path
from stdlint.config import load_profile
from stdlint.engine import apart, check, pool

if __name__ == "__main__":
    pool.POOL_FROM, pool.CHUNK = 0, 3
    assert apart.forkable()
    print("written before the check", end="")  # not flushed: stdout is a pipe
    result = check(None, load_profile(Path(sys.argv[1])), date(2026, 11, 30), jobs=2)
    print(f"; {len(result.files)} files")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_what_was_printed_before_forking_is_written_once(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(FORKED_AFTER_PRINTING, "utf-8")
    run = subprocess.run(
        [sys.executable, str(script), str(REPO / "handbook.yml")],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    files = len(list((REPO / "standards").rglob("*.md")))
    assert run.stdout == f"written before the check; {files} files\n"


class RecordsJudged(DocumentRule):
    """A plugin rule that writes down, in the file ``$JUDGED_LOG``, each file it judges.

    ## What it does
    Nothing useful.
    """

    code, name = "CON997", "records-judged"
    criterion, default_severity = Criterion.CONCRETENESS, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Diagnostic]:
        """Appends the file's path and this process's id to the log, one line each."""
        line = f"{os.getpid()} {doc.display_path}\n".encode()
        descriptor = os.open(os.environ["JUDGED_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(descriptor, line)  # one write: lines of two processes never interleave
        finally:
            os.close(descriptor)
        yield from ()


@pytest.mark.usefixtures("small_pools")
def test_every_file_is_judged_once_and_progress_hears_of_each(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rules = tuple(sorted([*all_rules(), RecordsJudged], key=lambda rule: rule.code))
    monkeypatch.setattr("stdlint.settings.all_rules", lambda: rules)
    log = tmp_path / "judged.log"
    monkeypatch.setenv("JUDGED_LOG", str(log))
    heard: list[int] = []

    class Spy:
        def start(self, total: int, done: int) -> None:
            heard.append(-total)

        def advance(self, files: int) -> None:
            heard.append(files)

        def stop(self) -> None:
            pass

    result = check(
        None, load_profile(REPO / "handbook.yml"), date(2026, 11, 30), jobs=2, progress=Spy()
    )
    judged = [line.split(" ", 1)[1] for line in log.read_text("utf-8").splitlines()]
    standards = sorted(record.path for record in result.files)
    assert len(standards) > 30
    assert sorted(judged) == standards  # each once: no chunk is taken by two processes
    assert heard[0] == -len(standards)
    assert all(files > 0 for files in heard[1:])
    assert sum(heard[1:]) == len(standards)


@pytest.mark.parametrize(
    "name",
    [
        "reply.ru.md",
        "a/b/reply.EN.md",
        "reply.md",
        ".ru.md",
        "..ru.md",
        "reply.ru.",
        "x.fr.md",
        "ru.md",
        "a.b.en.md",
        "dir.ru/reply.md",
        ".hidden.en.md",
    ],
)
def test_the_language_of_a_name_is_read_as_its_path_would_be(name: str) -> None:
    suffixes = Path(name).suffixes
    tag = suffixes[-2].lstrip(".").lower() if len(suffixes) >= 2 else ""
    expected = next((lang for lang in Lang if lang.value == tag), None)
    assert named_language(name) == expected


def test_the_pool_deals_files_grouped_by_the_language_in_their_names() -> None:
    names = ["c.ru.md", "a.en.md", "b.md", "d.ru.md", "e.en.md", "f.md"]
    work: list[pool.Work] = [(Source(name, None), True) for name in names]
    order = pool._by_language(work)
    # Russian first, for the workers: this process then loads no Russian dictionary.
    assert [names[index] for index in order] == [
        "c.ru.md",
        "d.ru.md",
        "b.md",
        "f.md",
        "a.en.md",
        "e.en.md",
    ]


def test_chunks_are_taken_once_from_either_end_and_never_waited_for_forever(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    taken = multiprocessing.get_context("spawn").Array("q", [0, 5, 0])
    order = [apart.take(taken, first=first) for first in (True, False, True, False, True, True)]
    assert order == [0, 4, 1, 3, 2, None]
    # Interrupted: what is left is taken by no one, and the workers end their tasks.
    taken = multiprocessing.get_context("spawn").Array("q", [0, 5, 0])
    assert apart.take(taken, first=True) == 0
    apart.take_all(taken)
    assert apart.take(taken, first=True) is None
    assert apart.take(taken, first=False) is None
    # A process killed while it held the count: the others stop taking, and do not hang.
    monkeypatch.setattr(apart, "LOCK_WAIT", 0.05)
    taken = multiprocessing.get_context("spawn").Array("q", [0, 5, 0])
    holder = threading.Thread(target=taken.get_lock().acquire)
    holder.start()
    holder.join()
    assert apart.take(taken, first=True) is None


@pytest.mark.usefixtures("small_pools")
def test_an_interrupted_check_stops_its_workers_and_leaves_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    judge_here, emptied = pool._judge_here, []

    def interrupted(*args: object, **named: object) -> list[object]:
        if multiprocessing.active_children():  # in the pool's loop: the workers have started
            raise KeyboardInterrupt
        return judge_here(*args, **named)  # type: ignore[arg-type]

    def take_all(taken: object) -> None:
        emptied.append(multiprocessing.active_children())  # the workers still run
        pool_take_all(taken)  # type: ignore[arg-type]

    pool_take_all = pool.take_all
    monkeypatch.setattr(pool, "_judge_here", interrupted)
    monkeypatch.setattr(pool, "take_all", take_all)
    with pytest.raises(KeyboardInterrupt):
        check(None, load_profile(REPO / "handbook.yml"), date(2026, 11, 30), jobs=2)
    assert len(emptied) == 1 and emptied[0]  # emptied before the pool waited for its workers
    assert multiprocessing.active_children() == []

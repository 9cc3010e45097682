"""The library call behind every consumer: settings and files in, a :class:`Result` out.

Nothing here prints or exits. The flow: choose the files; read, parse and judge each one on its
own (a pure function of its bytes, the profile and the date: :mod:`.judge`), possibly in worker
processes (:mod:`.pool`), keeping only its findings and its compact facts; then run the
handbook-wide rules once on the facts of every standard of the handbook, apply suppressions and
severities, sort. No document outlives its own step, so memory does not grow with the text of
the handbook.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from stdlint.config import Profile, default_profile
from stdlint.diagnostics import Diagnostic, in_order
from stdlint.engine.cache import Cache, Stored, StoredFile
from stdlint.engine.judge import Concluded, Judge, Outcome, read_document
from stdlint.engine.pool import Progress, Work, judge_all
from stdlint.failures import READ, Guard
from stdlint.files import handbook_sources, select
from stdlint.parse.document import Document, parse
from stdlint.parse.facts import Facts, facts_of
from stdlint.parse.source import Source, absolute, decode, display_path, source_key
from stdlint.result import FileRecord, FileState, Result, RuleInfo
from stdlint.settings import Settings


def check(
    paths: Sequence[Path] | None = None,
    settings: Settings | Profile | None = None,
    today: date | None = None,
    *,
    jobs: int | None = 1,
    cache: bool | Path = False,
    progress: Progress | None = None,
    facts: bool = True,
) -> Result:
    """Check ``paths`` (default: the whole handbook) and return every finding.

    Files named in ``paths`` are checked; files found in a folder of ``paths`` are checked when
    they are standards of the handbook, and recorded as skipped otherwise. Handbook-wide rules
    (duplicate ids …) also see the other standards of the handbook, so checking only the changed
    files still finds conflicts with the rest. ``jobs`` processes share the files: this one and
    ``jobs - 1`` workers (None: one per core); the result is the same whatever their number.
    The default is this process alone: a script that starts workers must guard its own code with
    ``if __name__ == "__main__"``, as workers import it again. With ``facts=False`` the
    result's ``handbook`` (every standard's facts) is left empty, for a caller that needs only
    the findings: a check with the cache can then take them from what the last whole check
    concluded, without reading the unchanged standards' outcomes at all. Raises
    :class:`ConfigError` on wrong settings, ValueError when ``jobs`` is below 1.
    """
    settings = _settings(settings)
    profile = settings.profile
    day = today or date.today()
    guard = Guard()
    work, targets, skipped = _work(paths, profile)
    judge = Judge(settings, day, signatures=cache is not False)
    kept = None
    if cache is not False:
        folder = None if cache is True else cache
        kept = Cache.for_run(settings, day, folder, paths=(source.where for source, _ in work))
    skipped_records = tuple(
        FileRecord(
            display_path(source.where, profile.root),
            os.path.abspath(source.where),
            FileState.SKIPPED,
        )
        for source in skipped
    )
    ready: dict[int, Outcome] = {}  # outcomes already at hand, by their place in ``work``
    stored = None  # what the last whole check concluded
    if kept is not None and not facts and _foreseeable(judge):
        stored = kept.conclusion()
        if stored is not None and stored.today == day:
            reused = _reuse(work, targets, paths is None, judge, kept, stored, jobs, progress)
            if isinstance(reused, Result):
                return replace(reused, files=(*reused.files, *skipped_records))
            ready = reused
    outcomes = _judge(work, judge, jobs, kept, progress, ready)  # and lets the sources go
    for outcome in outcomes:
        if outcome.guard is not None:
            guard.absorb(outcome.guard)
    judged, context = outcomes[:targets], outcomes[targets:]
    # Findings about the handbook as a whole (a journey stage with no standard) belong to
    # handbook.yml and are reported when the whole handbook is checked.
    profile_file = judge.profile(profile, guard) if paths is None else None
    concluding = kept is not None and paths is None and _foreseeable(judge)  # see _stored
    concluded = judge.concluded(judged, context, profile_file, guard, by_file=concluding, jobs=jobs)
    if kept is not None and concluding and not guard.failures:
        now = _stored(day, judged, profile_file, concluded)
        if stored is None or stored.files.keys() != now.files.keys():
            kept.conclude(now)
        else:  # the pieces of the files concluded alike are written as they were read
            alike = stored.files
            changed = [where for where, file in now.files.items() if alike[where] != file]
            kept.conclude(replace(now, pieces=stored.pieces), changed)
        del now
    # What the handbook step concluded file by file was for the conclusion: the records take
    # its memory (at 50,000 standards, the peak of a first check was while both were held).
    diagnostics, suppressed = concluded.diagnostics, concluded.suppressed
    del concluded
    records = tuple(_record(outcome.facts) for outcome in judged)
    standards = (outcome.facts for outcome in outcomes) if facts else ()
    handbook = tuple(sorted(standards, key=lambda facts: facts.display_path))
    if kept is not None:
        # Saved after the handbook-wide rules, whose findings' places the facts keep. Nothing
        # more is needed of the outcomes: the cache lets each piece of them go once written.
        for held in (outcomes, judged, context):
            held.clear()
        ready.clear()
        kept.save(whole=paths is None)
    return Result(
        diagnostics=diagnostics,
        files=(*records, *skipped_records),
        handbook=handbook,
        rules=_rule_infos(settings),
        profile=profile,
        today=day,
        suppressed=suppressed,
        failures=tuple(guard.failures),
    )


def _work(paths: Sequence[Path] | None, profile: Profile) -> tuple[list[Work], int, list[Source]]:
    """The files of a check, each with whether it is judged or only gives its facts to the
    handbook-wide rules (:data:`Work`); how many of them (the first) are judged; the files
    named that are no standards of the handbook (skipped).

    Files named in ``paths`` are judged, the rest of the handbook gives its facts; without
    ``paths``, the whole handbook is judged."""
    handbook = handbook_sources(profile)
    if paths is None:
        return [(source, True) for source in handbook], len(handbook), []
    targets, skipped = select(paths, profile, handbook)
    work: list[Work] = [(source, True) for source in targets]
    # With nothing to check (no standard changed), the rest of the handbook need not be read.
    if profile.path and targets:
        target_keys = {source_key(source) for source in targets}
        work += ((s, False) for s in handbook if source_key(s) not in target_keys)
    return work, len(targets), skipped


def _foreseeable(judge: Judge) -> bool:
    """Whether the handbook step's findings follow from the standards' facts alone (and the
    settings and the date): true of stdlint's own rules; a plugin's handbook-wide rule may
    look further, so its findings are always worked out anew."""
    rules = [*judge.handbook_rules, *judge.suppression_rules]
    return all(type(rule).__module__.startswith("stdlint.") for rule in rules)


def _stored(
    day: date, judged: Sequence[Outcome], profile_file: Outcome | None, concluded: Concluded
) -> Stored:
    """What a whole check concluded, kept for the next (see :func:`_reuse`)."""
    profile = None
    if profile_file is not None:
        shown = profile_file.facts.display_path
        profile = (shown, concluded.handbook.get(shown, ()))
    return Stored(day, _Rows(judged, concluded), profile)


class _Rows(Mapping[str, StoredFile]):
    """The rows of a conclusion (:class:`StoredFile`), by absolute path, each made when asked:
    at 50,000 standards, all of them made at once took 5 MiB more, at the end of the check.
    The outcomes are kept in the order of their paths, and found by bisection: a dict of them
    took 2.6 MiB more."""

    def __init__(self, judged: Sequence[Outcome], concluded: Concluded) -> None:
        self._wheres: list[str] = []
        self._outcomes: list[Outcome] = []
        for outcome in sorted(judged, key=_where):  # stable: of one path's, the later is last
            where = _where(outcome)
            if self._wheres and self._wheres[-1] == where:
                self._outcomes[-1] = outcome
            else:
                self._wheres.append(where)
                self._outcomes.append(outcome)
        self._concluded = concluded

    def _place(self, where: object) -> int | None:
        place = bisect_left(self._wheres, where) if isinstance(where, str) else len(self._wheres)
        return place if place < len(self._wheres) and self._wheres[place] == where else None

    def __contains__(self, where: object) -> bool:
        return self._place(where) is not None

    def __getitem__(self, where: str) -> StoredFile:
        place = self._place(where)
        if place is None:
            raise KeyError(where)
        outcome = self._outcomes[place]
        facts = outcome.facts
        kept, suppressed = self._concluded.file_final(outcome)
        return StoredFile(
            facts.display_path,
            outcome.fingerprint.digest if outcome.fingerprint else b"",  # b"": judged again
            outcome.signature or b"",  # b"": never the same as a new one
            facts.readable,
            self._concluded.handbook.get(facts.display_path, ()),
            kept,
            suppressed,
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self._wheres)

    def __len__(self) -> int:
        return len(self._wheres)


def _where(outcome: Outcome) -> str:
    return absolute(outcome.facts.where)


def _reuse(
    work: list[Work],
    targets: int,
    whole: bool,
    judge: Judge,
    cache: Cache,
    stored: Stored,
    jobs: int | None,
    progress: Progress | None,
) -> Result | dict[int, Outcome]:
    """The result from what the last whole check concluded, when that still holds: the same
    standards, each with the bytes it had then or with the same :func:`signature` (what the
    handbook-wide rules see of it), so that every handbook-wide finding is the same. Only the
    files that changed are judged; the others' findings are those reported then, and their
    outcomes are not even read from the cache.

    When it does not hold, the outcomes judged meanwhile (by their place in ``work``), for
    the check to go on with."""
    rows = stored.files
    wheres = [absolute(source.where) for source, _ in work]
    if len(set(wheres)) != len(wheres) or set(wheres) != rows.keys():
        return {}
    changed = [
        index
        for index, (source, _) in enumerate(work)
        if not cache.unchanged(source, rows[wheres[index]].digest, wheres[index])
    ]
    fresh = _judge([work[index] for index in changed], judge, jobs, cache, progress)
    ready = dict(zip(changed, fresh, strict=True))
    for index, outcome in ready.items():
        row = rows[wheres[index]]
        if (
            outcome.guard is not None
            or outcome.signature is None
            or outcome.signature != row.signature
            or outcome.facts.display_path != row.display_path
        ):
            return ready
    guard = Guard()
    profile = judge.settings.profile
    profile_file = judge.profile(profile, guard) if whole else None
    if (profile_file is None) != (stored.profile is None or not whole):
        return ready
    paths: list[str] = []
    groups: list[tuple[Diagnostic, ...]] = []
    suppressed = 0
    records: list[FileRecord] = []
    files = dict(rows)
    for index in range(targets):
        where = wheres[index]
        row, now = rows[where], ready.get(index)
        kept, silenced, readable = row.kept, row.suppressed, row.readable
        if now is not None:
            kept, silenced = judge.finish(now, row.handbook, guard)
            readable = now.facts.readable
            digest = now.fingerprint.digest if now.fingerprint else b""
            files[where] = row._replace(
                digest=digest, readable=readable, kept=kept, suppressed=silenced
            )
        paths.append(row.display_path)
        groups.append(kept)
        suppressed += silenced
        state = FileState.CHECKED if readable else FileState.UNREADABLE
        records.append(FileRecord(row.display_path, where, state))
    if profile_file is not None and stored.profile is not None:
        shown, handbook_findings = stored.profile
        if shown != profile_file.facts.display_path:
            return ready
        kept, silenced = judge.finish(profile_file, handbook_findings, guard)
        paths.append(shown)
        groups.append(kept)
        suppressed += silenced
    # The guard's own findings are never suppressed, never switched off.
    diagnostics = in_order(paths, groups, guard.diagnostics())
    cache.save(whole=whole)
    if whole and ready and not guard.failures:
        changed_files = [wheres[index] for index in ready]
        cache.conclude(replace(stored, files=files), changed_files)
    return Result(
        diagnostics=diagnostics,
        files=tuple(records),
        handbook=(),
        rules=_rule_infos(judge.settings),
        profile=profile,
        today=stored.today,
        suppressed=suppressed,
        failures=tuple(guard.failures),
    )


def _judge(
    work: list[Work],
    judge: Judge,
    jobs: int | None,
    cache: Cache | None,
    progress: Progress | None,
    ready: dict[int, Outcome] | None = None,
) -> list[Outcome]:
    """The outcome of each file of ``work``, in order: at hand already (``ready``, by place),
    from the cache, or judged now. ``work`` is emptied: each source is let go once its file
    is judged (see :func:`judge_all`), as nothing of a file but its outcome is kept."""
    ready = ready or {}
    found = [
        ready.get(index) or (cache.get(source, judged) if cache else None)
        for index, (source, judged) in enumerate(work)
    ]
    missing = [index for index, outcome in enumerate(found) if outcome is None]
    if cache is not None and missing:
        cache.learn_words()  # the words earlier checks analysed: fewer dictionaries to load
    if progress is not None:
        progress.start(len(work), len(work) - len(missing))
    wheres = [work[index][0].where for index in missing]  # for the cache
    todo = [work[index] for index in missing]
    work.clear()
    try:
        fresh = judge_all(todo, judge, jobs, progress)
    finally:  # interrupted too: the bar leaves the terminal as it found it
        if progress is not None:
            progress.stop()
    if missing:
        judge.rest(len(missing), cache.save_words if cache is not None else None)
    for index, where, outcome in zip(missing, wheres, fresh, strict=True):
        found[index] = outcome
        if cache is not None:
            cache.put(where, outcome)
    return [outcome for outcome in found if outcome is not None]


def read_handbook(
    settings: Settings | Profile | None = None,
    today: date | None = None,
    *,
    bodies: bool = True,
) -> Result:
    """Every standard of the handbook, parsed, with no rule run (for the reports and pages).

    The documents are kept (``Result.documents``), for the published pages that show their
    text. With ``bodies=False`` only the front matter is read: enough for the reports and the
    published pages (headers, indexes, navigation), in a fraction of the time.
    """
    profile = _settings(settings).profile
    guard = Guard()
    docs = tuple(
        read_document(source, profile, guard, bodies=bodies) for source in handbook_sources(profile)
    )
    standards = tuple(facts_of(doc) for doc in docs)
    return Result(
        diagnostics=(),
        files=tuple(_record(facts) for facts in standards),
        handbook=standards,
        rules=(),
        profile=profile,
        today=today or date.today(),
        failures=tuple(guard.failures),
        documents=docs,
    )


def check_text(
    text: str,
    path: str = "standard.md",
    settings: Settings | Profile | None = None,
    today: date | None = None,
) -> Result:
    """Check one standard given as text (an editor buffer, a test); ``path`` is only its name.

    The parsed document is kept (``Result.documents``).
    """
    settings = _settings(settings)
    day = today or date.today()
    guard = Guard()
    source = decode(Path(path), text.encode("utf-8"))
    lang = settings.profile.default_lang
    doc = guard.run(
        path,
        READ,
        lang,
        lambda: parse(source, path, lang),
        Document(Path(path), path, None, lang),
    )
    judge = Judge(settings, day)
    outcome: Outcome = judge.document(doc, True, guard)
    diagnostics, suppressed = judge.conclude([outcome], [], None, guard)
    return Result(
        diagnostics=diagnostics,
        files=(_record(outcome.facts),),
        handbook=(outcome.facts,),
        rules=_rule_infos(settings),
        profile=settings.profile,
        today=day,
        suppressed=suppressed,
        failures=tuple(guard.failures),
        documents=(doc,),
    )


def _settings(settings: Settings | Profile | None) -> Settings:
    if isinstance(settings, Settings):
        return settings
    return Settings.from_profile(settings or default_profile())


def _rule_infos(settings: Settings) -> tuple[RuleInfo, ...]:
    return tuple(RuleInfo.of(setting.rule, setting.severity) for setting in settings.rules)


def _record(facts: Facts) -> FileRecord:
    state = FileState.CHECKED if facts.readable else FileState.UNREADABLE
    return FileRecord(facts.display_path, absolute(facts.where), state)

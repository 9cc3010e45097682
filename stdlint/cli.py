"""The ``stdlint`` command: thin click commands over plain functions that return exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from stdlint import __version__
from stdlint.formats import FORMATS
from stdlint.i18n import Lang, Text, environment_lang, plural, quote
from stdlint.parse.source import display_path
from stdlint.reports import REPORT_FORMATS
from stdlint.scorecard import SCORE_FORMATS

# Only what --help needs is imported here: each command imports the rest of stdlint when it
# runs, so «stdlint explain» never loads the language engine's data, nor «stdlint check» the
# authoring commands, the reports or the formats it does not print.
if TYPE_CHECKING:
    from stdlint import baseline as known_findings
    from stdlint.config import Choice, ConfigError, Profile
    from stdlint.result import Result
    from stdlint.scorecard.model import Period
    from stdlint.settings import Settings

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def run_check(
    paths: tuple[Path, ...],
    config: Path | None,
    output_format: str,
    today: date | None,
    fail_on: str,
    lang: Lang | None,
    color: bool | None,
    debug: bool = False,
    *,
    choice: Choice | None = None,
    baseline: Path | None = None,
    write_baseline: Path | None = None,
    changed_since: str | None = None,
    jobs: int | None = None,
    cache: bool = True,
) -> int:
    """``stdlint check``: print the findings (or write the baseline); return the exit code."""
    from stdlint import baseline as known_findings
    from stdlint.baseline import BaselineError
    from stdlint.config import ConfigError
    from stdlint.config.selection import NO_CHOICE
    from stdlint.diagnostics import Severity
    from stdlint.engine import check
    from stdlint.engine.pool import long_run
    from stdlint.files import GitError, changed_standards
    from stdlint.formats import pieces, resolve
    from stdlint.progress import Bar, wanted
    from stdlint.settings import load_settings

    try:
        settings = load_settings(config, paths, lang, choice=choice or NO_CHOICE)
        _print_notices(settings)
    except ConfigError as error:
        _print_config_error(error)
        return EXIT_USAGE
    ui = settings.lang
    if write_baseline is not None and (baseline is not None or paths or changed_since):
        click.echo(_WHOLE_BASELINE.render(ui), err=True)
        return EXIT_USAGE
    try:
        known = (baseline, known_findings.read(baseline)) if baseline is not None else None
        targets = list(paths) or None
        if changed_since is not None:
            targets, everything = changed_standards(settings.profile, changed_since, paths)
            _print_changed(targets, everything, changed_since, settings.profile, ui)
        progress = Bar(ui) if wanted() else None
        with long_run():
            result = check(
                targets, settings, today, jobs=jobs, cache=cache, progress=progress, facts=False
            )
        if write_baseline is not None:
            return _write_baseline(result, write_baseline, ui, debug)
    except ConfigError as error:
        _print_config_error(error)
        return EXIT_USAGE
    except (BaselineError, GitError) as error:
        click.echo(f"stdlint check: {error.message(ui)}", err=True)
        return EXIT_USAGE
    comparison = None
    if known is not None:
        comparison = known_findings.compare(result, known[1], whole_handbook=targets is None)
        result = comparison.result
    chosen = resolve(output_format)
    _write(pieces(chosen, result, ui, styled=_styled(color)), color)
    if chosen == "github":
        _append_step_summary(result, ui)
    if known is not None and comparison is not None:
        _print_baseline(comparison, known[0], ui)
    _print_failures(result, ui, debug)
    threshold = None if fail_on == "never" else Severity(fail_on)
    return EXIT_FINDINGS if result.fails(threshold) else EXIT_OK


def _write(texts: Iterable[str], color: bool | None) -> None:
    """Write the output as it is rendered, some 64 KB at a time: never held whole."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= 65536:
            click.echo("".join(batch), nl=False, color=color)
            batch, size = [], 0
    if batch:
        click.echo("".join(batch), nl=False, color=color)


def _styled(color: bool | None) -> bool:
    """Whether the output is to be styled: as ``--color``/``--no-color`` say, else when it goes
    to a terminal (click then strips styles from anything else: none need be written)."""
    if color is not None:
        return color
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # replaced, or closed
        return False


def _append_step_summary(result: Result, lang: Lang) -> None:
    """Under GitHub Actions, add the findings to the job's summary page (GITHUB_STEP_SUMMARY)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from stdlint.formats import github

    summary = github.step_summary(result, lang, os.environ.get("GITHUB_WORKSPACE", ""))
    try:
        # Append, as GitHub asks: other steps' summaries share the file; one write call.
        with open(target, "a", encoding="utf-8") as file:
            file.write(summary)
    except OSError as error:
        click.echo(_NO_SUMMARY.render(lang, path=target, error=error.strerror), err=True)


_NO_SUMMARY = Text(
    en="stdlint: could not write the step summary to {path}: {error}",
    ru="stdlint: не удалось записать сводку шага в {path}: {error}",
)

_FINDINGS = (("finding", "findings"), ("замечание", "замечания", "замечаний"))
_STANDARDS = (("standard", "standards"), ("стандарт", "стандарта", "стандартов"))
_WHOLE_BASELINE = Text(
    en="stdlint check: --write-baseline records the whole handbook: give it without paths, "
    "--changed-since or --baseline",
    ru="stdlint check: --write-baseline записывает весь справочник: укажите его без путей, "
    "--changed-since и --baseline",
)
_BASELINE_WRITTEN = Text(
    en="Wrote {findings} in {files} to {path}; “stdlint check --baseline {path}” now reports "
    "only new findings.",
    ru="Записано в {path}: {findings} в {files}; теперь «stdlint check --baseline {path}» "
    "сообщает только о новых замечаниях.",
)
_BASELINE_KNOWN = Text(
    en="{findings} of the baseline {path} not shown.",
    ru="Не показано замечаний из базового списка {path}: {count}.",
)
_BASELINE_FIXED = Text(
    en="{findings} of the baseline {verb} fixed; run “stdlint check --write-baseline {path}” "
    "to shrink it.",
    ru="Исправлено замечаний из базового списка: {count}; чтобы сократить его, запустите "
    "«stdlint check --write-baseline {path}».",
)
_NOTHING_CHANGED = Text(
    en="No standard changed since {revision}: nothing to check.",
    ru="С ревизии {revision} ни один стандарт не изменился: проверять нечего.",
)
_PROFILE_CHANGED = Text(
    en="{profile} changed since {revision}: checking every standard.",
    ru="{profile} изменился с ревизии {revision}: проверяю все стандарты.",
)
_CHANGED = Text(
    en="Checking {standards} changed since {revision}.",
    ru="Проверяю изменённые с ревизии {revision} стандарты: {standards}.",
)


def _write_baseline(result: Result, path: Path, lang: Lang, debug: bool) -> int:
    """Record every finding of ``result`` in ``path``; exit 1 if stdlint failed somewhere."""
    from stdlint import baseline as known_findings

    entries = list(known_findings.entries(result))
    known_findings.write(path, entries)
    findings = plural(lang, len(entries), *_FINDINGS)
    paths = {entry.path for entry in entries}
    files = plural(lang, len(paths), ("file", "files"), ("файле", "файлах", "файлах"))
    click.echo(_BASELINE_WRITTEN.render(lang, findings=findings, files=files, path=path))
    _print_failures(result, lang, debug)
    return EXIT_FINDINGS if result.failures else EXIT_OK


def _print_baseline(comparison: known_findings.Comparison, path: Path, lang: Lang) -> None:
    """How many findings the baseline hid, and how many of its entries are fixed."""
    if comparison.known:
        findings = plural(lang, comparison.known, *_FINDINGS)
        message = _BASELINE_KNOWN.render(lang, findings=findings, count=comparison.known, path=path)
        click.echo(message, err=True)
    if comparison.fixed:
        findings = plural(lang, comparison.fixed, *_FINDINGS)
        verb = "is" if comparison.fixed == 1 else "are"
        message = _BASELINE_FIXED.render(
            lang, findings=findings, verb=verb, count=comparison.fixed, path=path
        )
        click.echo(message, err=True)


def _print_changed(
    targets: list[Path] | None, everything: bool, revision: str, profile: Profile, lang: Lang
) -> None:
    """What --changed-since found to check."""
    shown = quote(lang, revision)
    if everything:
        message = _PROFILE_CHANGED.render(lang, profile=profile.display_path, revision=shown)
    elif targets:
        standards = plural(lang, len(targets), *_STANDARDS)
        message = _CHANGED.render(lang, standards=standards, revision=shown)
    else:
        message = _NOTHING_CHANGED.render(lang, revision=shown)
    click.echo(message, err=True)


_FAILED = Text(
    en="stdlint failed on {count}: the run is not clean; --debug shows the tracebacks",
    ru="сбой stdlint: {count}; проверка неполная, трассировки покажет --debug",
)


def _print_failures(result: Result, lang: Lang, debug: bool) -> None:
    """Say that stdlint itself failed somewhere (STR000), with the tracebacks under --debug."""
    if not result.failures:
        return
    if debug:
        for failure in result.failures:
            click.echo(f"{failure.path} [{failure.stage}]\n{failure.traceback}", err=True)
        return
    count = plural(lang, len(result.failures), ("step", "steps"), ("шаг", "шага", "шагов"))
    click.echo(_FAILED.render(lang, count=count), err=True)


def _print_notices(settings: Settings) -> None:
    for notice in settings.notices:
        click.echo(notice, err=True)


def _print_config_error(error: ConfigError) -> None:
    for line in error.lines(display_path(error.path)):
        click.echo(line, err=True)


# Options shared by the commands that read a handbook.
config_option = click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Profile to use instead of the nearest handbook.yml.",
)
today_option = click.option(
    "--today",
    type=click.DateTime(["%Y-%m-%d"]),
    help="The date reviews are judged by (default: today).",
)


def lang_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--lang en|ru``."""
    return click.option("--lang", type=click.Choice([lang.value for lang in Lang]), help=help_text)


def format_option(
    choices: list[str], help_text: str = "Output format."
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--format`` with ``choices``, text by default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help=help_text,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stdlint")
def main() -> None:
    """Lint customer-service standards and publish them as a handbook."""


def run() -> NoReturn:
    """The ``stdlint`` command as installed, and ``python -m stdlint``: :func:`main`, then a
    quick exit.

    Once its output is flushed, the process ends without freeing its objects one by one, as
    mypy's command does: after a check of 10,000 standards, tens of thousands of findings and
    facts (about 0.2 s; 30 ms, a twentieth, of a check the cache answers).
    Nothing else is left to do by then: no thread, no worker process, no file open for
    writing. A reader that has gone (``stdlint check | head``) ends it with status 1, as
    click says of a broken pipe.
    """
    try:
        main()
        code: object = 0
    except SystemExit as exit:
        code = exit.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # a message, which Python would print
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            code = 1
        except OSError:
            pass
    os._exit(code)


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
@format_option(
    sorted(FORMATS),
    "Output format: text for people; json for tools; sarif (code scanning), github "
    "(annotations), gitlab (Code Quality), junit (test reports), rdjsonl (reviewdog); "
    "auto: github under GitHub Actions, else text.",
)
@today_option
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit status 1.",
)
@lang_option("Language of the summary (findings use each file's language).")
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text output (default: when writing to a terminal).",
)
@click.option(
    "--debug",
    is_flag=True,
    help="Print the traceback of any internal error (STR000) to stderr.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODES",
    help="Run only these rules: codes, prefixes (CON, MEA00) or names, comma-separated; "
    "replaces the profile's select and ignore.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODES",
    help="Do not run these rules (codes, prefixes or names); adds to the profile's ignore. "
    "The most specific match between --select and --ignore wins.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    help="Report only findings that are not in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path),
    help="Record every finding of the handbook in this file (exit 0) instead of reporting them.",
)
@click.option(
    "--changed-since",
    metavar="REV",
    help="Check only the standards changed since this git revision (with PATHS: those of "
    "them in PATHS); handbook-wide rules still see the whole handbook.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that share the files: this one and N-1 workers (default: one per core). "
    "The output is the same whatever the number.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Judge every file again, and keep nothing for the next run (the cache is "
    ".stdlint_cache/ beside handbook.yml, or $STDLINT_CACHE_DIR).",
)
def check_command(
    paths: tuple[Path, ...],
    config: Path | None,
    output_format: str,
    today: datetime | None,
    fail_on: str,
    lang: str | None,
    color: bool | None,
    debug: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    baseline: Path | None,
    write_baseline: Path | None,
    changed_since: str | None,
    jobs: int | None,
    no_cache: bool,
) -> None:
    """Check standards: the handbook of the current folder, or the given files and folders.

    Exit status: 0 no finding at or above --fail-on, 1 findings (or an internal error,
    STR000), 2 usage or configuration error.
    """
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    day = today.date() if today is not None else None
    from stdlint.config import Choice

    ui = Lang(lang) if lang else None
    choice = Choice.of(select or None, ignore)
    sys.exit(
        run_check(
            paths,
            config,
            output_format,
            day,
            fail_on,
            ui,
            color,
            debug,
            choice=choice,
            baseline=baseline,
            write_baseline=write_baseline,
            changed_since=changed_since,
            jobs=jobs,
            cache=not no_cache,
        )
    )


@main.command("explain")
@click.argument("code", required=False)
@lang_option("Language of the documentation (examples are shared).")
def explain_command(code: str | None, lang: str | None) -> None:
    """Show a rule's documentation (by code or name); without CODE, list every rule."""
    from stdlint.result import INTERNAL_ERROR
    from stdlint.rules import all_rules, find_rule
    from stdlint.rules.docs import explain_text, rule_summary

    ui_lang = Lang(lang) if lang else environment_lang() or Lang.EN
    if code is None:
        for rule in all_rules():
            click.echo(rule_summary(rule, ui_lang))
        return
    if code.strip().upper() == INTERNAL_ERROR:
        click.echo(_INTERNAL_ERROR_DOC.render(ui_lang))
        return
    found = find_rule(code)
    if found is None:
        unknown = Text(
            en="no rule {code!r}; run “stdlint explain” for the list",
            ru="нет правила {code!r}; список всех правил покажет «stdlint explain»",
        )
        raise click.BadParameter(unknown.render(ui_lang, code=code), param_hint="CODE")
    click.echo(explain_text(found, ui_lang))


_INTERNAL_ERROR_DOC = Text(
    en="STR000 internal-error\n"
    "Not a rule: stdlint (or a plugin rule) failed on this file. The step that failed lost its "
    "findings there; every other rule and every other file were still checked. The run exits 1 "
    "whatever --fail-on says, and the finding cannot be suppressed or switched off.\n"
    "Run “stdlint check --debug” to see the traceback, and report it.",
    ru="STR000 internal-error\n"
    "Это не правило: stdlint (или правило из плагина) дал сбой на этом файле. Шаг, на котором "
    "случился сбой, потерял свои замечания в этом файле; остальные правила и файлы проверены. "
    "Код выхода — 1 при любом --fail-on; замечание нельзя подавить или отключить.\n"
    "Запустите «stdlint check --debug», чтобы увидеть трассировку, и сообщите о ней.",
)


@main.command("schema")
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schema"),
    show_default=True,
    help="Folder to write the schemas to.",
)
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a schema is out of date."
)
def schema_command(output: Path, check_only: bool) -> None:
    """Write the JSON Schemas of the front matter and of handbook.yml."""
    from stdlint.config.schema import stale_schemas, write_schemas

    if check_only:
        stale = stale_schemas(output)
        for path in stale:
            click.echo(f"{display_path(path)}: out of date; run “stdlint schema”", err=True)
        sys.exit(EXIT_FINDINGS if stale else EXIT_OK)
    for path in write_schemas(output):
        click.echo(f"wrote {display_path(path)}")


def _handbook(
    config: Path | None,
    lang: str | None,
    today: date | None,
    before: Callable[[Lang], object] | None = None,
) -> tuple[Result, Lang]:
    """The parsed handbook and the language to report in; exit 2 on a bad or missing profile.

    ``before`` is called with that language before the standards are read: a check of the
    command line that exits costs no reading of the handbook.
    """
    from stdlint.config import ConfigError
    from stdlint.engine import read_handbook
    from stdlint.settings import load_settings

    try:
        settings = load_settings(config, (), Lang(lang) if lang else None, require_profile=True)
        _print_notices(settings)
        if before is not None:
            before(settings.lang)
        result = read_handbook(settings, today)
        _print_failures(result, settings.lang, debug=False)
        return result, settings.lang
    except ConfigError as error:
        _print_config_error(error)
        sys.exit(EXIT_USAGE)


@main.command("coverage")
@config_option
@format_option(list(REPORT_FORMATS))
@lang_option("Language of the report.")
def coverage_command(config: Path | None, output_format: str, lang: str | None) -> None:
    """Show which journey stages and channels the active standards cover, and the gaps."""
    from stdlint.reports import coverage, render_coverage

    result, ui_lang = _handbook(config, lang, None)
    click.echo(render_coverage(coverage(result), output_format, ui_lang), nl=False)


@main.command("site")
@click.argument("output", type=click.Path(file_okay=False, path_type=Path))
@config_option
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The documentation folder (default: the handbook's first standards folder).",
)
@click.option(
    "--home",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of extra pages, such as the home page (default: site/pages if it exists).",
)
@click.option(
    "--theme",
    "theme_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where to write the page header's theme files, for theme.custom_dir "
    "(default: a folder “theme” beside OUTPUT).",
)
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    help="Measurements (CSV, JSON Lines, Parquet, or a folder of Parquet files): "
    "write the scorecard page too.",
)
@click.option(
    "--period",
    help="The scorecard's period: 2026-10, 2026-Q4 or 2026 (default: the latest month with data).",
)
@today_option
@lang_option("Language of the messages.")
def site_command(
    output: Path,
    config: Path | None,
    docs_dir: Path | None,
    home: Path | None,
    theme_dir: Path | None,
    data: Path | None,
    period: str | None,
    today: datetime | None,
    lang: str | None,
) -> None:
    """Write the published handbook as plain Markdown into OUTPUT.

    The standards get their page header and tags in the front matter, and the coverage map,
    review queue, role and channel indexes and recent changes are written as pages: what the
    MkDocs plugin adds during a build, for engines that do not run plugins (Zensical). The
    theme files that draw the page header go to --theme, for the engine's theme.custom_dir.
    With --data, the scorecard page is written too; the exit status is then 1 if the data has
    bad rows (the pages are written, the page lists them) and 2 if it cannot be read.
    """
    from stdlint.publish import Site, changes
    from stdlint.publish.folder import FolderError, write_site, write_theme
    from stdlint.publish.scorecard import data_warning
    from stdlint.scorecard.model import DataError, Period, PeriodError

    result, ui_lang = _handbook(config, lang, today.date() if today is not None else None)
    if period is not None and data is None:
        click.echo(_PERIOD_WITHOUT_DATA.render(ui_lang), err=True)
        sys.exit(EXIT_USAGE)
    card = None
    if data is not None:
        from stdlint.scorecard import measure

        try:
            span = Period.parse(period) if period is not None else None
            card = measure.score(result, data, span)
        except PeriodError:
            click.echo(_SITE_BAD_PERIOD.render(ui_lang, value=quote(ui_lang, period)), err=True)
            sys.exit(EXIT_USAGE)
        except DataError as error:
            click.echo(f"stdlint site: {error.message(ui_lang)}", err=True)
            sys.exit(EXIT_USAGE)
    root = result.profile.root
    folder = docs_dir or root / (result.profile.standards[0] if result.profile.standards else ".")
    if home is None and (root / "site" / "pages").is_dir():
        home = root / "site" / "pages"
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        click.echo(_SITE_OUTSIDE.render(ui_lang, folder=folder), err=True)
        sys.exit(EXIT_USAGE)
    suffixed = len(result.profile.languages) > 1
    site = Site(result, relative, suffixed, tuple(changes(result.handbook, root)))
    theme = theme_dir or output.parent / "theme"
    try:
        written = write_site(site, folder, output, home, scorecard=card)
        written += write_theme(theme)
    except FolderError as error:
        click.echo(f"stdlint site: {error.message(ui_lang)}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:
        click.echo(f"stdlint site: {error}", err=True)
        sys.exit(EXIT_USAGE)
    click.echo(_SITE_WRITTEN.render(ui_lang, files=len(written), output=output, theme=theme))
    if card is not None and not card.clean:
        click.echo(f"stdlint site: {data_warning(card, str(data), ui_lang)}", err=True)
        sys.exit(EXIT_FINDINGS)


_SITE_OUTSIDE = Text(
    en="The documentation folder {folder} is outside the handbook.",
    ru="Папка документации {folder} находится вне справочника.",
)
_SITE_BAD_PERIOD = Text(
    en="--period must be a month (2026-10), a quarter (2026-Q4) or a year (2026), not {value}.",
    ru="--period должен быть месяцем (2026-10), кварталом (2026-Q4) или годом (2026), "
    "а не {value}.",
)
_PERIOD_WITHOUT_DATA = Text(
    en="--period needs --data: the measurements to score.",
    ru="--period задаётся вместе с --data — данными для светофора.",
)
_SITE_WRITTEN = Text(
    en="Wrote {files} changed file(s) to {output} and {theme} (set theme.custom_dir to {theme}).",
    ru="Записано изменённых файлов: {files}, в {output} и {theme} (укажите {theme} "
    "в theme.custom_dir).",
)


@main.command("review")
@config_option
@format_option(list(REPORT_FORMATS))
@today_option
@lang_option("Language of the report.")
def review_command(
    config: Path | None, output_format: str, today: datetime | None, lang: str | None
) -> None:
    """List active standards by review state (overdue, due soon, fresh), grouped by owner."""
    from stdlint.reports import render_review, review_queue

    result, ui_lang = _handbook(config, lang, today.date() if today is not None else None)
    click.echo(render_review(review_queue(result), output_format, ui_lang), nl=False)


@main.command("score")
@click.option(
    "--data",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="The measurements: a CSV, JSON Lines or Parquet file, or a folder of Parquet files, "
    "one row per observation (metric, value, timestamp; channel, standard, unit if known).",
)
@click.option(
    "--period",
    metavar="PERIOD",
    help="A month (2026-10), a quarter (2026-Q4) or a year (2026); default: the latest month "
    "the data has observations in.",
)
@click.option(
    "--from",
    "start",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="First day of a period of your own (with --to), e.g. 2026-10-01.",
)
@click.option(
    "--to",
    "end",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="Last day of that period (with --from), included.",
)
@format_option(
    list(SCORE_FORMATS),
    "Output format: text for a terminal or a CI log, markdown for a pull-request comment or "
    "a wiki page, json for tools.",
)
@config_option
@lang_option("Language of the scorecard.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Threads that read and count the data (default: one per core).",
)
def score_command(
    data: Path,
    period: str | None,
    start: datetime | None,
    end: datetime | None,
    output_format: str,
    config: Path | None,
    lang: str | None,
    jobs: int | None,
) -> None:
    """Score real service against the standards: a traffic light for every metric.

    Each observation (a call, a letter, a visit) falls in its metric's green, yellow or red
    zone. For each metric of each active standard the scorecard shows how many observations
    fall in each zone, the median and the 90th percentile, how often the target is met, and
    the change since the period before. A speed metric is shown with the quality metric that
    keeps it honest. A metric is green when 9 observations in 10 are green, yellow when 9 in
    10 are green or yellow, red otherwise; a standard takes the light of its worst metric.

    Exit status: 0 the data is clean, 1 some rows could not be scored or the period has no
    data (the scorecard lists them), 2 the data cannot be read, or a usage error.
    """
    from stdlint.scorecard import measure
    from stdlint.scorecard.model import DataError
    from stdlint.scorecard.render import render

    chosen: list[Period | None] = []
    result, ui = _handbook(
        config,
        lang,
        None,
        before=lambda ui_lang: chosen.append(_score_period(period, start, end, ui_lang)),
    )
    try:
        card = measure.score(result, data, chosen[0], lang=ui, threads=jobs)
    except DataError as error:
        click.echo(f"stdlint score: {error.message(ui)}", err=True)
        sys.exit(EXIT_USAGE)
    # As «stdlint check» decides: colour on a terminal, unless NO_COLOR asks for none.
    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    click.echo(render(card, output_format, ui, color=color), nl=False, color=color)
    sys.exit(EXIT_OK if card.clean else EXIT_FINDINGS)


def _score_period(
    text: str | None, start: datetime | None, end: datetime | None, lang: Lang
) -> Period | None:
    """The period --period or --from/--to name; None for the default. Exits 2 if it is wrong."""
    from stdlint.scorecard.model import Period, PeriodError

    if text is not None and (start is not None or end is not None):
        problem = _PERIOD_AND_DATES.render(lang)
    elif (start is None) != (end is None):
        problem = _HALF_RANGE.render(lang)
    else:
        try:
            if text is not None:
                return Period.parse(text)
            if start is not None and end is not None:
                return Period(start.date(), end.date())
            return None
        except PeriodError:
            if text is not None:
                problem = _BAD_PERIOD.render(lang, period=quote(lang, text))
            else:
                assert start is not None and end is not None
                problem = _BACKWARDS.render(
                    lang, start=start.date().isoformat(), end=end.date().isoformat()
                )
    click.echo(f"stdlint score: {problem}", err=True)
    sys.exit(EXIT_USAGE)


_PERIOD_AND_DATES = Text(
    en="give either --period or --from and --to, not both",
    ru="укажите либо --period, либо --from и --to, но не то и другое вместе",
)
_HALF_RANGE = Text(
    en="--from and --to go together: give both days, e.g. --from 2026-10-01 --to 2026-10-15",
    ru="--from и --to указываются вместе: задайте оба дня, например "
    "--from 2026-10-01 --to 2026-10-15",
)
_BAD_PERIOD = Text(
    en="cannot read the period {period}: give a month (2026-10), a quarter (2026-Q4) or a year "
    "(2026), or the days with --from and --to",
    ru="не удаётся прочитать период {period}: укажите месяц (2026-10), квартал (2026-Q4) или "
    "год (2026) либо дни через --from и --to",
)
_BACKWARDS = Text(
    en="--from {start} is after --to {end}: the first day comes first",
    ru="--from {start} позже, чем --to {end}: первым указывается начальный день",
)


# Authoring commands (issue 12): each a thin call into stdlint.authoring.


def _settings_or_exit(
    config: Path | None, lang: Lang | None, paths: tuple[Path, ...] = ()
) -> Settings:
    """The settings of the handbook; exit 2 on a bad or missing profile."""
    from stdlint.config import ConfigError
    from stdlint.settings import load_settings

    try:
        settings = load_settings(config, paths, lang, require_profile=True)
    except ConfigError as error:
        _print_config_error(error)
        sys.exit(EXIT_USAGE)
    _print_notices(settings)
    return settings


@main.command("init")
@click.argument(
    "folder", required=False, default=".", type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--company", help="Company name.")
@click.option(
    "--languages",
    help="Languages of the handbook: ru, en, both, or e.g. ru,en (the first is the default).",
)
@click.option("--stage", "stages", multiple=True, help="A journey stage id (repeatable).")
@click.option("--channel", "channels", multiple=True, help="A channel id (repeatable).")
@click.option(
    "--install",
    "install_spec",
    help="pip requirement that installs stdlint in CI and pre-commit "
    "(default: how this stdlint was installed).",
)
@click.option("--yes", "-y", is_flag=True, help="Take every default without asking.")
@click.option("--force", is_flag=True, help="Add the missing files to a non-empty folder.")
@today_option
@lang_option("Language of the questions and messages.")
def init_command(
    folder: Path,
    company: str | None,
    languages: str | None,
    stages: tuple[str, ...],
    channels: tuple[str, ...],
    install_spec: str | None,
    yes: bool,
    force: bool,
    today: datetime | None,
    lang: str | None,
) -> None:
    """Create a new handbook repository in FOLDER (default: the current folder)."""
    from stdlint.authoring.init import InitOptions, run_init

    ui_lang = Lang(lang) if lang else environment_lang() or Lang.EN
    options = InitOptions(
        company,
        languages,
        list(stages),
        list(channels),
        install_spec,
        force,
        today.date() if today else None,
    )
    sys.exit(run_init(folder, options, ui_lang, ask=not yes))


@main.command("new")
@click.option("--id", "standard_id", help="Id of the standard (default: made from the title).")
@click.option("--title", help="Title of the standard.")
@click.option(
    "--lang",
    type=click.Choice([lang.value for lang in Lang]),
    help="Language of the standard (default: the handbook's first language).",
)
@click.option("--stage", "stages", multiple=True, help="A journey stage id (repeatable).")
@click.option("--channel", "channels", multiple=True, help="A channel id (repeatable).")
@click.option("--owner", help="Who keeps the standard current.")
@click.option("--review-every", help='Review interval, e.g. "6 months" (default: the profile\'s).')
@click.option(
    "--path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to create (default: in the first standards folder).",
)
@click.option("--yes", "-y", is_flag=True, help="Ask nothing; take defaults for what is not given.")
@config_option
@today_option
def new_command(
    standard_id: str | None,
    title: str | None,
    lang: str | None,
    stages: tuple[str, ...],
    channels: tuple[str, ...],
    owner: str | None,
    review_every: str | None,
    path: Path | None,
    yes: bool,
    config: Path | None,
    today: datetime | None,
) -> None:
    """Create a draft standard with every section and a hint in each."""
    from stdlint.authoring.new import NewStandard, run_new

    standard_lang = Lang(lang) if lang else None
    settings = _settings_or_exit(config, None)
    ui_lang = environment_lang() or standard_lang or settings.lang
    given = NewStandard(
        standard_id,
        title,
        standard_lang,
        list(stages),
        list(channels),
        owner,
        review_every,
        path,
        today.date() if today else None,
    )
    sys.exit(run_new(settings, given, ui_lang, ask=not yes))


@main.command("fix")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the changes as a diff; write nothing."
)
@config_option
@lang_option("Language of the messages.")
def fix_command(
    paths: tuple[Path, ...], show_diff: bool, config: Path | None, lang: str | None
) -> None:
    """Apply safe, mechanical fixes: key order, dates, review_every, missing sections.

    Exit status: 0 done (with --diff: nothing to change), 1 with --diff: changes would be
    made, or a file could not be fixed; 2 usage or configuration error.
    """
    from stdlint.authoring.fix import run_fix

    settings = _settings_or_exit(config, Lang(lang) if lang else None, paths)
    sys.exit(run_fix(settings, paths, show_diff))


@main.command("verify")
@click.argument("standard_id", metavar="ID")
@click.option("--by", help="Who reviewed it (default: git config user.name, else the OS user).")
@click.option("--no-commit", is_flag=True, help="Do not commit the change in git.")
@config_option
@today_option
@lang_option("Language of the messages.")
def verify_command(
    standard_id: str,
    by: str | None,
    no_commit: bool,
    config: Path | None,
    today: datetime | None,
    lang: str | None,
) -> None:
    """Mark the standard ID reviewed today (last_reviewed, reviewed_by) and commit it.

    Refused (exit 1) while the standard has errors. Inside a git repository the change is
    committed alone when the files had no other uncommitted changes.
    """
    from stdlint.authoring.verify import run_verify

    settings = _settings_or_exit(config, Lang(lang) if lang else None)
    day = today.date() if today else None
    sys.exit(run_verify(settings, standard_id, by, day, commit=not no_commit))

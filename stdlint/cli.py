"""The ``stdlint`` command: thin click commands over plain functions that return exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import click

from stdlint import __version__
from stdlint.config.profile import ConfigError, Profile, default_profile, find_profile, load_profile
from stdlint.config.schema import stale_schemas, write_schemas
from stdlint.diagnostics import Severity
from stdlint.engine import check, load_handbook
from stdlint.formats import FORMATS
from stdlint.i18n import Lang, Text
from stdlint.parse.document import Document
from stdlint.parse.source import display_path
from stdlint.reports import coverage, render_coverage, render_review, review_queue
from stdlint.rules import all_rules, find_rule
from stdlint.rules.docs import explain_text, rule_summary

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
_NO_PROFILE_FALLBACK = Text(
    en="no handbook.yml here or above: checking {folder} with the default settings "
    "(relevance and coverage need a handbook.yml)",
    ru="handbook.yml не найден: проверяю {folder} с настройками по умолчанию "
    "(для проверки релевантности и покрытия нужен handbook.yml)",
)
_NO_PROFILE = Text(
    en="no handbook.yml in {folder} or its parents: run stdlint in a handbook folder, "
    "pass --config, or name the files to check",
    ru="в папке {folder} и выше нет handbook.yml: запустите stdlint в папке справочника, "
    "укажите --config или перечислите файлы для проверки",
)


def environment_lang() -> Lang | None:
    """The language asked for by ``STDLINT_LANG`` or the locale, if it is one stdlint speaks."""
    explicit = os.environ.get("STDLINT_LANG", "").lower()
    if explicit:
        return Lang.RU if explicit.startswith("ru") else Lang.EN
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").lower()
        if value:
            return next((lang for lang in Lang if value.startswith(lang.value)), None)
    return None


def resolve_profile(paths: tuple[Path, ...], config: Path | None, lang: Lang) -> Profile:
    """The profile named by ``--config``, else the nearest ``handbook.yml``, else the default."""
    if config is not None:
        return load_profile(config, lang)
    start = Path(os.path.commonpath([os.path.abspath(p) for p in paths])) if paths else Path.cwd()
    found = find_profile(start)
    if found is None:
        if not paths:
            raise click.UsageError(_NO_PROFILE.render(lang, folder=Path.cwd()))
        return default_profile()
    return load_profile(found, lang)


def run_check(
    paths: tuple[Path, ...],
    config: Path | None,
    output_format: str,
    today: date | None,
    fail_on: str,
    lang: Lang | None,
    color: bool | None,
) -> int:
    """``stdlint check``: print the findings; return the exit code."""
    ui_lang = lang or environment_lang() or Lang.EN
    if config is None and not paths and find_profile(Path.cwd()) is None:
        # No handbook.yml: still check what is here, with the default settings, and say so.
        folder = Path("standards") if Path("standards").is_dir() else Path(".")
        click.echo(_NO_PROFILE_FALLBACK.render(ui_lang, folder=folder.as_posix()), err=True)
        paths = (folder,)
    try:
        profile = resolve_profile(paths, config, ui_lang)
        ui_lang = lang or environment_lang() or profile.default_lang
        result = check(list(paths) or None, profile, today)
    except ConfigError as error:
        _print_config_error(error)
        return EXIT_USAGE
    click.echo(FORMATS[output_format](result, ui_lang), nl=False, color=color)
    threshold = None if fail_on == "never" else Severity(fail_on)
    return EXIT_FINDINGS if result.fails(threshold) else EXIT_OK


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


def format_option(choices: list[str]) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """``--format`` with ``choices``, text by default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default="text",
        show_default=True,
        help="Output format.",
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="stdlint")
def main() -> None:
    """Lint customer-service standards and publish them as a handbook."""


@main.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@config_option
@format_option(sorted(FORMATS))
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
def check_command(
    paths: tuple[Path, ...],
    config: Path | None,
    output_format: str,
    today: datetime | None,
    fail_on: str,
    lang: str | None,
    color: bool | None,
) -> None:
    """Check standards: the handbook of the current folder, or the given files and folders.

    Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage or configuration error.
    """
    if color is None and os.environ.get("NO_COLOR"):
        color = False
    day = today.date() if today is not None else None
    sys.exit(
        run_check(paths, config, output_format, day, fail_on, Lang(lang) if lang else None, color)
    )


@main.command("explain")
@click.argument("code", required=False)
@lang_option("Language of the documentation (examples are shared).")
def explain_command(code: str | None, lang: str | None) -> None:
    """Show a rule's documentation (by code or name); without CODE, list every rule."""
    ui_lang = Lang(lang) if lang else environment_lang() or Lang.EN
    if code is None:
        for rule in all_rules():
            click.echo(rule_summary(rule, ui_lang))
        return
    found = find_rule(code)
    if found is None:
        unknown = Text(
            en="no rule {code!r}; run “stdlint explain” for the list",
            ru="нет правила {code!r}; список всех правил покажет «stdlint explain»",
        )
        raise click.BadParameter(unknown.render(ui_lang, code=code), param_hint="CODE")
    click.echo(explain_text(found, ui_lang))


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
    if check_only:
        stale = stale_schemas(output)
        for path in stale:
            click.echo(f"{display_path(path)}: out of date; run “stdlint schema”", err=True)
        sys.exit(EXIT_FINDINGS if stale else EXIT_OK)
    for path in write_schemas(output):
        click.echo(f"wrote {display_path(path)}")


def _handbook_documents(
    config: Path | None, lang: str | None
) -> tuple[Profile, Lang, list[Document]]:
    """The profile, the language to report in, and every standard; exit 2 on a bad profile."""
    ui_lang = Lang(lang) if lang else environment_lang() or Lang.EN
    try:
        profile = resolve_profile((), config, ui_lang)
        docs = load_handbook(profile)
    except ConfigError as error:
        _print_config_error(error)
        sys.exit(EXIT_USAGE)
    return profile, (Lang(lang) if lang else environment_lang() or profile.default_lang), docs


_REPORT_FORMATS = ["text", "markdown", "json"]


@main.command("coverage")
@config_option
@format_option(_REPORT_FORMATS)
@lang_option("Language of the report.")
def coverage_command(config: Path | None, output_format: str, lang: str | None) -> None:
    """Show which journey stages and channels the active standards cover, and the gaps."""
    profile, ui_lang, docs = _handbook_documents(config, lang)
    click.echo(render_coverage(coverage(docs, profile), output_format, ui_lang), nl=False)


@main.command("review")
@config_option
@format_option(_REPORT_FORMATS)
@today_option
@lang_option("Language of the report.")
def review_command(
    config: Path | None, output_format: str, today: datetime | None, lang: str | None
) -> None:
    """List active standards by review state (overdue, due soon, fresh), grouped by owner."""
    profile, ui_lang, docs = _handbook_documents(config, lang)
    day = today.date() if today is not None else date.today()
    click.echo(
        render_review(review_queue(docs, profile, day), output_format, ui_lang, day), nl=False
    )

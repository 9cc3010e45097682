"""The ``stdlint`` MkDocs plugin: lints the handbook once per build and publishes it.

- Every finding is logged through the plugin logger as ``path:line:col CODE message``;
  findings at or above ``fail_on`` are warnings, so ``mkdocs build --strict`` fails on them.
- Each standard page gets its header (owner, status, review badge, stages, channels, metrics)
  in ``page.meta["stdlint"]`` and its channels and roles as tags; the theme override shows it.
- The coverage map, review queue, role and channel indexes and recent changes are added as
  pages, and the navigation is built by journey stage.
- Given measurements (``scorecard``), the scorecard page is added too: the data is scored once
  per run, for every language; a file that cannot be read stops the build, bad rows are one
  warning (so ``--strict`` fails on them) and are listed on the page.

The engine reads the files' own source from disk, front matter included, so positions are
those of the file. With the ``i18n`` plugin each language is a separate build; the handbook is
read once per run and reused until a file changes.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from stdlint.config import ConfigError
from stdlint.diagnostics import Diagnostic, Severity
from stdlint.engine import read_handbook
from stdlint.i18n import Lang, Text
from stdlint.mkdocs.lint import lint
from stdlint.parse.facts import Facts
from stdlint.parse.source import display_path
from stdlint.publish import (
    Site,
    changes,
    generated_pages,
    home_page,
    labels,
    navigation,
    page_header,
)
from stdlint.publish.folder import THEME
from stdlint.publish.header import tags
from stdlint.publish.scorecard import data_warning
from stdlint.result import Failure
from stdlint.scorecard.model import DataError, Period, PeriodError, Scorecard
from stdlint.settings import Settings, load_settings

log = get_plugin_logger(__name__)
T = TypeVar("T")

_SEVERITIES = tuple(severity.value for severity in Severity)


_BAD_TODAY = Text(
    en="'today' must be a date as YYYY-MM-DD, not “{value}”",
    ru="«today» должно быть датой вида ГГГГ-ММ-ДД, а не «{value}»",
)
_OUTSIDE = Text(
    en="the docs folder {folder} is outside the handbook {root}",
    ru="папка документации {folder} находится вне справочника {root}",
)
_BAD_PERIOD = Text(
    en="'scorecard_period' must be a month (2026-10), a quarter (2026-Q4) or a year (2026), "
    "not “{value}”",
    ru="«scorecard_period» должен быть месяцем (2026-10), кварталом (2026-Q4) или годом (2026), "
    "а не «{value}»",
)
_UNREADABLE = Text(
    en="the scorecard data {data} cannot be read: {problem}",
    ru="данные для светофора {data} не читаются: {problem}",
)
_BUILT = Text(
    en="the handbook is built: open {index} in a browser (it works offline)",
    ru="справочник собран: откройте {index} в браузере (работает и без интернета)",
)


class StdlintPluginConfig(base.Config):
    """Options of the ``stdlint`` plugin in ``mkdocs.yml``."""

    enabled = options.Type(bool, default=True)
    """Switch the plugin off (for instance ``enabled: !ENV [STDLINT_PLUGIN, true]``)."""
    profile = options.Optional(options.File(exists=True))
    """The handbook profile; by default the ``handbook.yml`` nearest to ``mkdocs.yml``."""
    fail_on = options.Choice(_SEVERITIES, default="error")
    """Findings at or above this severity are build warnings (``--strict`` fails on them)."""
    lint = options.Type(bool, default=True)
    """Lint the handbook during the build."""
    pages = options.Type(bool, default=True)
    """Add the coverage map, review queue, indexes and recent changes."""
    navigation = options.Type(bool, default=True)
    """Build the navigation by journey stage (replaces ``nav``)."""
    home = options.Optional(options.Dir(exists=True))
    """A folder of extra pages (the home page), added to the site as if in the docs folder."""
    today = options.Optional(options.Type((str, date)))
    """The date reviews are judged against, YYYY-MM-DD (default: today), for reproducible builds."""
    scorecard = options.Optional(options.Type(str))
    """Measurements for the scorecard page (CSV, JSON Lines, Parquet, or a folder of Parquet
    files), relative to ``mkdocs.yml``; no scorecard page without it."""
    scorecard_period = options.Optional(options.Type((str, int)))
    """The scorecard's period: a month (2026-10), a quarter (2026-Q4) or a year (2026);
    default: the latest month the data has observations in."""


def _add_theme(config: MkDocsConfig) -> None:
    """Put stdlint's additions to Material (page header, styles, search worker) in the theme.

    They come after the handbook's own ``custom_dir``, which may still override any of them,
    and before Material's templates; every handbook gets them with the installed package.
    """
    theme = config.theme
    if theme.name != "material" or str(THEME) in theme.dirs:
        return
    theme.dirs.insert(1 if theme.custom_dir else 0, str(THEME))


class StdlintPlugin(BasePlugin[StdlintPluginConfig]):
    """Lint the handbook once per build, then publish its standards with headers and indexes."""

    def __init__(self) -> None:
        self._settings: Settings | None = None
        self._today: date = date.today()
        self._stamp: tuple[Any, ...] | None = None
        self._site: Site | None = None
        self._by_path: dict[str, Facts] = {}
        self._command: str | None = None
        self._site_dir: str | None = None
        self._built = False
        self._pool: ProcessPoolExecutor | None = None
        self._lint_job: Future[tuple[tuple[Diagnostic, ...], tuple[Failure, ...]]] | None = None
        self._period: Period | None = None
        self._card: Scorecard | None = None
        self._card_stamp: tuple[Any, ...] | None = None
        self._warned_in: MkDocsConfig | None = None

    # --- configuration ------------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        _add_theme(config)
        root = Path(config.config_file_path or ".").resolve().parent
        profile = Path(self.config.profile) if self.config.profile else None
        try:
            self._settings = load_settings(profile, [root / config.docs_dir])
        except ConfigError as error:
            where = display_path(error.path, root)
            raise PluginError("stdlint: " + "\n".join(error.lines(where))) from error
        if isinstance(self.config.today, date):
            self._today = self.config.today
        elif self.config.today:
            try:
                self._today = date.fromisoformat(str(self.config.today))
            except ValueError as error:
                message = _BAD_TODAY.render(self._settings.lang, value=self.config.today)
                raise PluginError(f"stdlint: {message}") from error
        if self.config.scorecard_period is not None:
            try:
                self._period = Period.parse(str(self.config.scorecard_period))
            except PeriodError as error:
                value = self.config.scorecard_period
                message = _BAD_PERIOD.render(self._settings.lang, value=value)
                raise PluginError(f"stdlint: {message}") from error
        return None

    # --- the handbook, read once ---------------------------------------------------------

    def _read(self, config: MkDocsConfig) -> Site:
        """The handbook as published: read once, and again only when a file has changed.

        Pages need only the front matter, read here; the rules run in a worker process while
        MkDocs renders, and their findings are logged in ``on_post_build``.
        """
        assert self._settings is not None
        profile = self._settings.profile
        stamp = _stamp(profile.root, config.docs_dir, profile.path)
        if self._site is not None and stamp == self._stamp:
            return self._site
        if self.config.lint:
            self._start_lint(Path(config.docs_dir))
        result = read_handbook(self._settings, self._today, bodies=False)
        docs_dir = Path(config.docs_dir).resolve()
        try:
            relative = docs_dir.relative_to(profile.root.resolve()).as_posix()
        except ValueError as error:
            message = _OUTSIDE.render(self._settings.lang, folder=docs_dir, root=profile.root)
            raise PluginError(f"stdlint: {message}") from error
        site = Site(
            result,
            relative,
            suffixed="i18n" in config.plugins,
            changes=tuple(changes(result.handbook, profile.root)),
        )
        self._stamp, self._site = stamp, site
        self._by_path = {os.path.abspath(doc.path): doc for doc in result.handbook}
        return site

    # --- the scorecard, scored once ------------------------------------------------------

    def _scorecard(self, site: Site, config: MkDocsConfig, lang: Lang) -> Scorecard | None:
        """The scorecard of the measurements, if given: scored once, and again only when the
        data or the handbook has changed (one scorecard serves every language)."""
        if not self.config.scorecard:
            return None
        from stdlint.scorecard import measure  # DuckDB is loaded only when there is data

        given = self.config.scorecard
        data = Path(config.config_file_path or ".").resolve().parent / given
        stamp = (self._stamp, _data_stamp(data), self._period)
        if self._card is None or stamp != self._card_stamp:
            try:
                self._card = measure.score(site.result, data, self._period)
            except DataError as error:
                message = _UNREADABLE.render(lang, data=given, problem=error.message(lang))
                raise PluginError(f"stdlint: {message}") from error
            self._card_stamp = stamp
        # Once per run (the i18n plugin builds each language with the run's config), and in
        # every run of `mkdocs serve`, though the scorecard itself is kept.
        if not self._card.clean and config is not self._warned_in:
            log.warning(data_warning(self._card, given, lang))
            self._warned_in = config
        return self._card

    # --- linting beside the build --------------------------------------------------------

    def _start_lint(self, docs_dir: Path) -> None:
        """Start the check in a worker process (in this one if processes cannot start)."""
        self._stop_lint()
        profile = self._settings.profile.path if self._settings else None
        arguments = (profile, docs_dir.resolve(), self._today)
        try:
            # spawn, not fork: `mkdocs serve` runs threads, and a forked copy of them can hang.
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
            self._lint_job = self._pool.submit(lint, *arguments)
        except (OSError, RuntimeError) as error:
            log.debug(f"linting in the build process: no worker process ({error})")
            self._stop_lint()
            self._lint_job = _done(lint(*arguments))

    def _finish_lint(self) -> None:
        """Log the findings of the running check, once."""
        job, self._lint_job = self._lint_job, None
        if job is None:
            return
        try:
            diagnostics, failures = job.result()
        finally:
            # Its work done, the worker is waited for: a pool left to stop on its own can meet
            # Python 3.11's exit handler with its wake-up pipe closed ("Bad file descriptor").
            self._stop_lint(wait=True)
        self._log(diagnostics, failures)

    def _stop_lint(self, *, wait: bool = False) -> None:
        """Stop the worker; without waiting for it when a check is abandoned (a rebuild)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=True)

    def _log(self, diagnostics: tuple[Diagnostic, ...], failures: tuple[Failure, ...]) -> None:
        fail_on = Severity(self.config.fail_on)
        for diagnostic in diagnostics:
            where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}"
            text = f"{where}: {diagnostic.code} {diagnostic.message}"
            if diagnostic.suggestion:
                text += f" → {diagnostic.suggestion}"
            if diagnostic.severity.rank >= fail_on.rank:
                log.warning(text)
            else:
                log.info(text)
        for failure in failures:  # reported as STR000 above; the traceback for bug reports
            log.debug(f"{failure.path}: {failure.stage}: {failure.traceback}")

    # --- files and navigation ------------------------------------------------------------

    @event_priority(-150)  # after the i18n plugin (-100) has kept this build's language
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        site = self._read(config)
        lang = build_language(config, site.result.profile.languages)
        prefix = _language_prefix(config, lang)
        # A file stdlint could not read (not UTF-8) would stop MkDocs with a traceback: it is left
        # out of the site, and the check reports it at its position like any other finding.
        for file in files.documentation_pages():
            doc = self._by_path.get(os.path.abspath(file.abs_src_path or ""))
            if doc is not None and not doc.readable:
                files.remove(file)
        added: list[str] = []

        def add(uri: str, *, content: str | None = None, source: Path | None = None) -> None:
            """Add a page under ``uri`` unless the docs folder has one, at its i18n address."""
            if files.get_file_from_path(uri) is not None:
                return
            if source is not None:
                file = File.generated(config, uri, abs_src_path=str(source))
            else:
                file = File.generated(config, uri, content=content or "")
            _localise(file, uri, prefix, site, config)
            files.append(file)
            added.append(uri)

        if self.config.home:
            home = Path(self.config.home)
            for path in sorted(home.rglob("*.md")):
                uri = path.relative_to(home).as_posix()
                if _page_language(uri, site) in (None, lang):
                    add(uri, source=path)
        card = self._scorecard(site, config, lang)
        pages = generated_pages(site, lang, scorecard=card)
        if self.config.pages:
            start = home_page(site, lang, scorecard=card is not None)
            if not {start.src_uri, "index.md"} & set(_page_uris(files)):
                add(start.src_uri, content=start.markdown)
            for page in pages:
                add(page.src_uri, content=page.markdown)
        elif card is not None:  # asked for by its own option
            add(pages[0].src_uri, content=pages[0].markdown)
        if self.config.navigation:
            generated = [page.src_uri for page in pages]
            config.nav = self._navigation(site, lang, files, added, generated)
        return files

    def _navigation(
        self, site: Site, lang: Lang, files: Files, added: list[str], generated: list[str]
    ) -> list[dict[str, Any]]:
        """Home, one section per journey stage, then the generated pages."""
        present = {file.src_uri for file in files.documentation_pages()}
        nav: list[dict[str, Any]] = []
        home = next((uri for uri in (f"index.{lang.value}.md", "index.md") if uri in present), None)
        if home:
            nav.append({labels.HOME.render(lang): home})
        for title, uris in navigation(site, lang):
            entries = [uri for uri in uris if uri in present]
            if entries:
                nav.append({title: entries})
        handbook = [uri for uri in generated if uri in added or uri in present]
        if handbook:
            nav.append({labels.HANDBOOK.render(lang): handbook})
        return nav

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled or self._site is None:
            return None
        doc = self._by_path.get(os.path.abspath(page.file.abs_src_path or ""))
        if doc is None or doc.meta is None:
            return None
        site = self._site
        lang = doc.meta.lang
        profile = site.result.profile
        page.meta["stdlint"] = page_header(doc.meta, profile, site.result.today, lang)
        page.meta["tags"] = tags(doc.meta, profile, lang)
        # Material reads "status" as its own page status (an icon in the navigation); the
        # standard's status is in the header.
        page.meta.pop("status", None)
        return None

    # --- the end of the run --------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._command = command

    def on_shutdown(self) -> None:
        job = self._lint_job
        self._stop_lint(wait=job is None or job.done())  # a check still running is not awaited
        if self.config.enabled and self._command == "build" and self._site_dir and self._built:
            index = Path(self._site_dir) / "index.html"
            lang = self._settings.lang if self._settings else Lang.EN
            log.info(_BUILT.render(lang, index=index))

    @event_priority(-200)  # after the i18n plugin has built the other languages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # The findings are logged at the very end, so the check runs beside every language's
        # build; a warning logged here still aborts a --strict build.
        if self.config.enabled:
            self._finish_lint()
        if self._site_dir is None:
            self._site_dir = config.site_dir  # the first build's: the default language's
        self._built = not (config.strict and _warnings_so_far())

    def on_build_error(self, *, error: Exception) -> None:
        self._lint_job = None
        self._stop_lint()


def build_language(config: MkDocsConfig, profile_languages: list[Lang]) -> Lang:
    """The language of the build in progress: the i18n plugin's, the theme's, else the
    handbook's first."""
    i18n = config.plugins.get("i18n")
    theme = str(getattr(i18n, "current_language", None) or config.theme.get("language") or "")
    for lang in Lang:
        if theme.startswith(lang.value):
            return lang
    return profile_languages[0] if profile_languages else Lang.EN


def _done(value: T) -> Future[T]:
    future: Future[T] = Future()
    future.set_result(value)
    return future


def _page_uris(files: Files) -> list[str]:
    return [file.src_uri for file in files.documentation_pages()]


def _warnings_so_far() -> bool:
    """Whether this build has logged a warning, which makes a strict build abort."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler) and handler.get_counts():
            return True
    return False


def _language_prefix(config: MkDocsConfig, lang: Lang) -> str:
    """Where the i18n plugin puts this language's pages: "" for the default, else "en/"."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return ""
    default = getattr(i18n, "default_language", None)
    return "" if default in (None, lang.value) else f"{lang.value}/"


def _page_language(uri: str, site: Site) -> Lang | None:
    """The language a page name carries (``index.ru.md``), if the build is multilingual."""
    if not site.suffixed:
        return None
    parts = uri.rsplit(".", 2)
    return next((lang for lang in Lang if len(parts) == 3 and parts[1] == lang.value), None)


def _localise(file: File, uri: str, prefix: str, site: Site, config: MkDocsConfig) -> None:
    """Give a page added after the i18n plugin the address it would have given it."""
    if not site.suffixed:
        return
    folder, _, name = uri.rpartition("/")
    stem = name.rsplit(".", 2)[0] if _page_language(uri, site) else name.rsplit(".", 1)[0]
    base = f"{folder}/{stem}" if folder else stem
    if stem == "index" or not config.use_directory_urls:
        dest = f"{base}.html"
    else:
        dest = f"{base}/index.html"
    file.dest_uri = prefix + dest


def _data_stamp(data: Path) -> tuple[tuple[str, int, int], ...]:
    """What the scorecard depends on besides the handbook: the data file's, or the data
    folder's files', size and time."""
    paths = sorted(path for path in data.rglob("*") if path.is_file()) if data.is_dir() else [data]
    entries = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:  # missing: the scorer says so
            continue
        entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


def _stamp(root: Path, docs_dir: str, profile: Path | None) -> tuple[Any, ...]:
    """What the last check depends on: every Markdown file's size and time, and the profile's."""
    entries: list[tuple[str, int, int]] = []
    for folder, _, names in os.walk(docs_dir):
        for name in names:
            if name.endswith(".md"):
                stat = os.stat(os.path.join(folder, name))
                entries.append((os.path.join(folder, name), stat.st_size, stat.st_mtime_ns))
    if profile is not None and profile.exists():
        stat = profile.stat()
        entries.append((str(profile), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(entries))


__all__ = ["StdlintPlugin", "StdlintPluginConfig"]

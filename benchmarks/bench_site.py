"""How long the published handbook takes to build, and the stdlint plugin's share of it.

Prints figures; asserts nothing. Run: ``.venv/bin/python benchmarks/bench_site.py``
(``--ids 500 --repeat 3`` by default; ``--help`` for the options).

Two handbooks, each a folder in a temporary directory with the example's ``mkdocs.yml``,
``handbook.yml`` and ``site/``, made a git repository with one commit (as a real handbook is:
the plugin's "recent changes" page reads ``git log``):

- ``example``: the example's 16 standards in Russian and English (32 files);
- ``generated``: IDS standard ids, each in Russian and English (2 x IDS files, so the default
  is 1,000 pages: 500 in each language's build). The example comes first, verbatim; then one
  regional branch after another, each with its own copy of the 16 standards under
  ``standards/<branch>/<channel>/``: fresh ids, the branch in the title and H1, seeded review
  and approval dates, journey stages reordered and sometimes one more stage or channel from
  ``handbook.yml``, metrics with their zones as in the example. The prose is the example's, so
  the linter has real work; links between standards stay inside their branch.
  (``bench_check.py``'s copier is not reused: it numbers the Russian and English files of a
  standard differently, so mkdocs-static-i18n cannot pair them, and its flat folder breaks the
  standards' relative links.)

Every variant is a subprocess ``python -m mkdocs build -q -f <cfg>`` (STDLINT_TODAY=2026-11-23),
with a variant config written next to the real ``mkdocs.yml``:

- ``plain-one-entry``: the stdlint plugin disabled, ``nav:`` with the home page only: the floor.
- ``plain-full-nav``: plugin disabled, mkdocs' automatic navigation listing every page, and no
  ``navigation.prune``: every page renders the whole navigation.
- ``plain-full-nav-prune``: the same with ``navigation.prune`` (what prune alone saves).
- ``plugin-lint-only``: the plugin on with ``pages: false, navigation: false`` and the one-entry
  ``nav``: linting, page headers and tags, without generated pages or the stage navigation.
- ``plugin``: the real ``mkdocs.yml``: lint, headers, generated pages, navigation by journey
  stage, ``navigation.prune``.
- ``lint (stdlint check)``: ``python -m stdlint check`` on the same handbook, in a process of
  its own (start-up, dictionaries, parsing and rules): what linting costs without a site.
- ``plugin-no-sections`` (only with ``--variants``): the real config without
  ``navigation.sections``.

With the plugin disabled there is no home page (the plugin adds ``site/pages``), so the plain
variants read a copy of ``standards/`` with the home pages in it. Variants are interleaved and
rotated on every repeat; the table shows medians of wall time and of the child's CPU time
(user + system), and the child's peak RSS (``os.wait4``). On a shared machine, compare the
ratios within one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import pstats
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.regional import (  # needs the repository root on sys.path, above
    LINK,
    REPO,
    TODAY,
    branch,
    flow_list,
    journey_and_channels,
    regional_choices,
    regional_front,
)
from benchmarks.runs import Runs, as_installed, compile_stdlint

MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "-q"]
STDLINT_CHECK = [sys.executable, "-m", "stdlint", "check", "--today", TODAY, "--fail-on", "never"]


# --- the handbooks ----------------------------------------------------------------------


def _copy_skeleton(folder: Path) -> None:
    """The example's configuration and site customisation, without its standards."""
    folder.mkdir(parents=True)
    for name in ("mkdocs.yml", "handbook.yml"):
        shutil.copy(REPO / name, folder / name)
    shutil.copytree(REPO / "site", folder / "site")


def copy_example(folder: Path) -> int:
    """The example handbook as it is in the repository; returns the number of standard files."""
    _copy_skeleton(folder)
    shutil.copytree(REPO / "standards", folder / "standards")
    return len(list((folder / "standards").rglob("*.md")))


def _variant(
    text: str,
    lang: str,
    branch: tuple[str, str, str],
    choices: dict[str, Any],
    present: set[str],
    here: str,
) -> str:
    """One standard of the example rewritten for ``branch`` with the seeded ``choices``."""
    _, front, body = text.split("---\n", 2)
    city = branch[1] if lang == "ru" else branch[2]
    written = front.split("\n")
    title = next(
        (line.split(":", 1)[1].strip() for line in written if line.startswith("title:")), ""
    )
    lines = regional_front(written, branch[0], city, choices)
    body = body.replace(f"\n# {title}\n", f"\n# {title} — {city}\n", 1)

    def relink(match: re.Match[str]) -> str:
        target = os.path.normpath(os.path.join(os.path.dirname(here), match.group(2)))
        return match.group(0) if target in present else match.group(1)

    return "---\n" + "\n".join(lines) + "---\n" + LINK.sub(relink, body)


def generate_handbook(folder: Path, ids: int, seed: int) -> int:
    """A handbook of ``ids`` standards in Russian and English (2 x ``ids`` files), seeded.

    The example's 16 standards first, as they are; then one branch after another, each with
    the example's standards in turn. Returns the number of files written.
    """
    _copy_skeleton(folder)
    rng = random.Random(seed)
    stages, channels = journey_and_channels()
    docs = folder / "standards"
    originals = sorted(
        {
            path.relative_to(REPO / "standards").as_posix().rsplit(".", 2)[0]
            for path in (REPO / "standards").rglob("*.md")
        }
    )  # e.g. "phone/answer-call": one entry per standard, in both languages
    per_branch = len(originals)
    rounds = -(-ids // per_branch)
    written = 0
    today = date.fromisoformat(TODAY)
    for number in range(rounds):
        chosen = originals[: min(per_branch, ids - number * per_branch)]
        if number == 0:  # the example itself
            for stem in chosen:
                for lang in ("ru", "en"):
                    source = REPO / "standards" / f"{stem}.{lang}.md"
                    target = docs / f"{stem}.{lang}.md"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(source, target)
                    written += 1
            continue
        branch_names = branch(number)
        slug = branch_names[0]
        present = {f"{stem}.{lang}.md" for stem in chosen for lang in ("ru", "en")}
        for stem in chosen:
            source_ru = (REPO / "standards" / f"{stem}.ru.md").read_text("utf-8")
            front = source_ru.split("---\n", 2)[1]
            journey = flow_list(next(li for li in front.split("\n") if li.startswith("journey:")))
            own = flow_list(next(li for li in front.split("\n") if li.startswith("channels:")))
            choices = regional_choices(rng, journey, own, stages, channels, today)
            for lang in ("ru", "en"):
                text = (REPO / "standards" / f"{stem}.{lang}.md").read_text("utf-8")
                here = f"{stem}.{lang}.md"
                target = docs / slug / here
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(
                    _variant(text, lang, branch_names, choices, present, here), "utf-8"
                )
                written += 1
    return written


def _git_commit(folder: Path) -> None:
    """Make the handbook a git repository with one commit, if git is installed."""
    git = shutil.which("git")
    if git is None:
        return
    author = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    for command in (["init", "-q"], ["add", "-A"], [*author, "commit", "-q", "-m", "Handbook"]):
        subprocess.run([git, *command], check=True, capture_output=True, cwd=folder)


# --- the variants -----------------------------------------------------------------------


def _yaml() -> YAML:
    yaml = YAML()  # round trip: keeps !ENV tags, comments and flow style
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def _plugin_options(config: Any, name: str) -> Any:
    for entry in config["plugins"]:
        if isinstance(entry, dict) and name in entry:
            if entry[name] is None:
                entry[name] = {}
            return entry[name]
    raise KeyError(f"plugin {name!r} not in mkdocs.yml")


def _one_entry(config: Any) -> None:
    config["nav"] = [{"Home": "index.md"}]


def _plain(config: Any) -> None:
    _plugin_options(config, "stdlint")["enabled"] = False
    config["docs_dir"] = "docs-plain"


def _no_prune(config: Any) -> None:
    config["theme"]["features"].remove("navigation.prune")


def _lint_only(config: Any) -> None:
    options = _plugin_options(config, "stdlint")
    options["pages"] = False
    options["navigation"] = False


def _no_sections(config: Any) -> None:
    config["theme"]["features"].remove("navigation.sections")


VARIANTS: dict[str, list[Callable[[Any], None]]] = {
    "plain-one-entry": [_plain, _one_entry],
    "plain-full-nav": [_plain, _no_prune],
    "plain-full-nav-prune": [_plain],
    "plugin-lint-only": [_lint_only, _one_entry],
    "plugin": [],
    # Not run by default: the real config without navigation.sections, so that the stage
    # sections are no longer top-level "sections", which Material never prunes.
    "plugin-no-sections": [_no_sections],
}
DEFAULT_VARIANTS = [name for name in VARIANTS if name != "plugin-no-sections"]
LINT = "lint (stdlint check)"


def write_configs(folder: Path, variants: list[str]) -> dict[str, Path]:
    """A config per variant, next to the real ``mkdocs.yml`` (relative paths stay right)."""
    yaml = _yaml()
    configs = {}
    for name in variants:
        config = yaml.load((folder / "mkdocs.yml").read_text("utf-8"))
        for change in VARIANTS[name]:
            change(config)
        config["site_dir"] = str(folder / "out" / name)
        path = folder / f"mkdocs.{name}.yml"
        with path.open("w", encoding="utf-8") as stream:
            yaml.dump(config, stream)
        configs[name] = path
    # The plain variants have no plugin to add the home pages: give them a docs folder with them.
    if any(name.startswith("plain") for name in variants):
        shutil.copytree(folder / "standards", folder / "docs-plain")
        for page in (folder / "site" / "pages").glob("*.md"):
            shutil.copy(page, folder / "docs-plain" / page.name)
    return configs


# --- running ----------------------------------------------------------------------------


def _environment() -> dict[str, str]:
    env = as_installed()
    env["STDLINT_TODAY"] = TODAY
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run(command: list[str], cwd: Path, runs: Runs) -> None:
    """Run ``command`` once; record its wall time, CPU time and peak RSS in ``runs``."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=_environment(), stdout=out, stderr=out)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            out.seek(0)
            runs.failed = out.read().decode("utf-8", "replace")[-2000:]
            return
    runs.wall.append(elapsed)
    runs.cpu.append(usage.ru_utime + usage.ru_stime)
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    runs.rss_mb.append(usage.ru_maxrss * scale)


def _commands(configs: dict[str, Path], lint: bool) -> dict[str, list[str]]:
    commands = {name: [*MKDOCS_BUILD, "-f", str(path)] for name, path in configs.items()}
    if lint:
        commands[LINT] = STDLINT_CHECK
    return commands


def _site_facts(folder: Path, name: str) -> tuple[int, float] | None:
    """Navigation links on the first standard's page, and the size of the built site in MB."""
    out = folder / "out" / name
    first = sorted((folder / "standards").rglob("*.ru.md"))[0].relative_to(folder / "standards")
    stem = first.as_posix().rsplit(".", 2)[0]
    page = next((p for p in (out / f"{stem}.html", out / stem / "index.html") if p.exists()), None)
    if page is None:
        return None
    links = page.read_text("utf-8").count('class="md-nav__link')
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return links, size / 1e6


def bench(
    label: str, folder: Path, files: int, variants: list[str], repeat: int, lint: bool
) -> dict[str, Runs]:
    configs = write_configs(folder, variants)
    commands = _commands(configs, lint)
    names = list(commands)
    results = {name: Runs() for name in names}
    print(f"\n{label}: {files} standard files, {folder}", flush=True)
    for round_ in range(repeat):
        order = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in order:
            if results[name].failed:
                continue
            run(commands[name], folder, results[name])
            runs = results[name]
            shown = f"{runs.wall[-1]:7.2f} s" if not runs.failed else "FAILED"
            print(f"  round {round_ + 1}/{repeat} {name:<22} {shown}", flush=True)
    _table(folder, results)
    return results


def _table(folder: Path, results: dict[str, Runs]) -> None:
    floor = results.get("plain-one-entry")
    base = statistics.median(floor.wall) if floor and floor.wall else 0.0
    base_cpu = statistics.median(floor.cpu) if floor and floor.cpu else 0.0
    print(
        f"\n  {'variant':<22} {'wall s':>7} {'x floor':>8} {'share':>7} {'cpu s':>7}"
        f" {'x floor':>8} {'RSS MB':>7} {'nav links':>10} {'site MB':>8}  wall of each run"
    )
    for name, runs in results.items():
        if runs.failed:
            print(f"  {name:<22} failed:\n{runs.failed}")
            continue
        wall, cpu = statistics.median(runs.wall), statistics.median(runs.cpu)
        ratio = f"{wall / base:8.2f}" if base else f"{'':8}"
        share = f"{(wall - base) / base:+7.0%}" if base else f"{'':7}"
        ratio_cpu = f"{cpu / base_cpu:8.2f}" if base_cpu else f"{'':8}"
        facts = _site_facts(folder, name) if name in VARIANTS else None
        shown = f"{facts[0]:10d} {facts[1]:8.1f}" if facts else f"{'':10} {'':8}"
        print(
            f"  {name:<22} {wall:7.2f} {ratio} {share} {cpu:7.2f} {ratio_cpu}"
            f" {max(runs.rss_mb):7.0f} {shown}  {', '.join(f'{t:.2f}' for t in runs.wall)}"
        )
    plugin = results.get("plugin")
    if base and plugin and plugin.wall:
        times = statistics.median(plugin.wall) / base
        print(
            f"  goal, the plugin adds at most 15 % to plain-one-entry: {times - 1:+.0%}, "
            f"{'met' if times <= 1.15 else 'missed'}; within 3x plain-one-entry: "
            f"{times:.2f}x, {'met' if times <= 3 else 'missed'}"
        )


# --- profiling --------------------------------------------------------------------------

# Where the time of a profiled build goes: (label, file name contains, function name; a
# trailing * matches a prefix). Times are cumulative, so nested rows are parts of the row above
# them (indented), and rows at one level do not add up to the total.
PROFILE_ROWS: list[tuple[str, str, str]] = [
    ("stdlint: lint (engine.check)", "stdlint/engine.py", "check"),
    ("  parse (front matter, Markdown)", "stdlint/engine.py", "_read"),
    ("  rules", "stdlint/engine.py", "_run"),
    ("stdlint: generated pages (markdown)", "stdlint/publish/pages.py", "generated_pages"),
    ("stdlint: navigation by stage", "stdlint/mkdocs/plugin.py", "_navigation"),
    ("stdlint: page headers and tags", "stdlint/mkdocs/plugin.py", "on_page_markdown"),
    ("Markdown to HTML (all pages)", "markdown/core.py", "convert"),
    ("templates (Material, all pages)", "material/templates/base.html", "root"),
    ("  navigation (partials/nav.html)", "material/templates/partials/nav.html", "root"),
    ("  stdlint header (overrides)", "partials/stdlint-header.html", "root"),
    ("  tags (partials/tags.html)", "material/templates/partials/tags.html", "root"),
    ("Material search plugin", "material/plugins/search/plugin.py", "on_*"),
    ("Material tags plugin", "material/plugins/tags/plugin.py", "on_*"),
    ("Material privacy plugin", "material/plugins/privacy/plugin.py", "on_*"),
    ("Material offline plugin", "material/plugins/offline/plugin.py", "on_*"),
    (
        "i18n: search indexes merged",
        "mkdocs_static_i18n/reconfigure.py",
        "reconfigure_search_index",
    ),
    ("i18n: files and nav per language", "mkdocs_static_i18n/plugin.py", "on_files"),
    ("loading mkdocs.yml and plugins", "mkdocs/config/base.py", "load_config"),
]


def profile_attribution(path: Path) -> list[tuple[str, float]]:
    """Cumulative seconds per :data:`PROFILE_ROWS` row in a cProfile dump, then the total."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    rows = []
    for label, file_part, function in PROFILE_ROWS:
        prefix = function.endswith("*")
        seconds = sum(
            cumulative
            for (filename, _, name), (_, _, _, cumulative, _) in stats.items()
            if file_part in filename.replace(os.sep, "/")
            and (name.startswith(function[:-1]) if prefix else name == function)
        )
        rows.append((label, seconds))
    rows.append(("total (profiled)", pstats.Stats(str(path)).total_tt))  # type: ignore[attr-defined]
    return rows


def profile(folder: Path, variants: list[str]) -> None:
    """Build each variant once under cProfile and show where the time goes, side by side."""
    configs = {name: folder / f"mkdocs.{name}.yml" for name in variants}
    columns = []
    for name, config in configs.items():
        dump = folder / f"profile.{name}.prof"
        runs = Runs()
        command = [sys.executable, "-m", "cProfile", "-o", str(dump), *MKDOCS_BUILD[1:]]
        run([*command, "-f", str(config)], folder, runs)
        if runs.failed:
            print(f"  profiling {name} failed:\n{runs.failed}")
            continue
        columns.append((name, profile_attribution(dump)))
        print(f"  profiled {name}: {runs.wall[0]:.1f} s under cProfile, {dump}", flush=True)
    if not columns:
        return
    print(
        f"\n  {'cumulative seconds under cProfile':<38}"
        + "".join(f"{name:>18}" for name, _ in columns)
    )
    for index, (label, _) in enumerate(columns[0][1]):
        print(f"  {label:<38}" + "".join(f"{rows[index][1]:18.1f}" for _, rows in columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--ids",
        type=int,
        default=500,
        help="standard ids in the generated handbook, each in ru and en (default 500: 1,000 files)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="builds per variant (median)")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--handbook", choices=["example", "generated", "both"], default="both")
    parser.add_argument(
        "--variants",
        default=",".join(DEFAULT_VARIANTS),
        help="comma-separated, from: " + ", ".join(VARIANTS),
    )
    parser.add_argument("--no-lint", action="store_true", help="skip the stdlint check floor")
    parser.add_argument(
        "--no-git", action="store_true", help="do not make the handbooks git repositories"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after timing, build plain-one-entry, plugin-lint-only and plugin "
        "once more each under cProfile and show where the time goes",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        default=None,
        help="build in this new folder and keep it (for profiling) instead of a temporary one",
    )
    args = parser.parse_args()
    compile_stdlint()
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep}: the folder is not empty")
    variants = [name.strip() for name in args.variants.split(",") if name.strip()]
    unknown = [name for name in variants if name not in VARIANTS]
    if unknown:
        parser.error(f"unknown variants: {', '.join(unknown)}")

    print(
        f"python {sys.version.split()[0]} ({platform.python_implementation()}), "
        f"mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}, "
        f"mkdocs-static-i18n {version('mkdocs-static-i18n')}, {os.cpu_count()} CPUs, "
        f"{platform.platform()}"
    )
    with tempfile.TemporaryDirectory(prefix="bench-site-") as temporary:
        root = args.keep or Path(temporary)
        root.mkdir(parents=True, exist_ok=True)
        handbooks: list[tuple[str, Path, int]] = []
        if args.handbook in ("example", "both"):
            folder = root / "example"
            handbooks.append(("example", folder, copy_example(folder)))
        if args.handbook in ("generated", "both"):
            folder = root / f"generated-{args.ids}"
            start = time.perf_counter()
            files = generate_handbook(folder, args.ids, args.seed)
            print(f"generated {files} files in {time.perf_counter() - start:.1f} s")
            handbooks.append((f"generated ({args.ids} ids x ru, en)", folder, files))
        for _, folder, _ in handbooks:
            if not args.no_git:
                _git_commit(folder)
        # One untimed build first: byte-code compiled, dictionaries and templates in the cache.
        warm = Runs()
        label, folder, _ = handbooks[0]
        config = str(folder / "mkdocs.yml")
        run([*MKDOCS_BUILD, "-f", config, "-d", str(root / "warm-up")], folder, warm)
        if warm.failed:
            print(f"warm-up build failed:\n{warm.failed}")
        for label, folder, files in handbooks:
            bench(label, folder, files, variants, args.repeat, not args.no_lint)
            if args.profile:
                profiled = ("plain-one-entry", "plugin-lint-only", "plugin")
                profile(folder, [name for name in profiled if name in variants])


if __name__ == "__main__":
    main()

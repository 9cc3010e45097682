"""``stdlint site``: the published handbook as an ordinary folder of Markdown.

For engines that read ``mkdocs.yml`` but do not run MkDocs plugins (Zensical), and for anyone
who wants to see what the plugin adds: the folder holds every file of the documentation folder,
the standards with their header (``stdlint:``) and tags written into their front matter, the
home pages, and the generated pages. The theme override shows the header from page metadata
alone, so a build of this folder without the plugin looks like a build with it.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from ruamel.yaml import YAML

from stdlint.files import write_atomic
from stdlint.i18n import Lang, Text
from stdlint.parse.document import Document
from stdlint.publish.header import page_header, tags
from stdlint.publish.pages import Site, generated_pages, home_page
from stdlint.scorecard.model import Scorecard

MARKER = ".stdlint-site"
# stdlint's additions to Material: the page header, its stylesheet, the search worker. The
# MkDocs plugin adds this folder to the theme; ``stdlint site`` copies it for other engines.
THEME = Path(__file__).resolve().parent / "theme"


class FolderError(Exception):
    """The output folder cannot be written (it holds files stdlint did not write)."""

    def __init__(self, text: Text, output: Path) -> None:
        super().__init__(text.render(Lang.EN, output=output))
        self.text, self.output = text, output

    def message(self, lang: Lang) -> str:
        """The problem in ``lang``."""
        return self.text.render(lang, output=self.output)


_NOT_A_FOLDER = Text(en="{output} is not a folder", ru="{output} — не папка")
_NOT_OURS = Text(
    en="{output} is not empty and was not written by stdlint site; choose an empty or new folder",
    ru="папка {output} не пуста и записана не командой stdlint site; "
    "укажите пустую или новую папку",
)


def write_site(
    site: Site,
    docs_dir: Path,
    output: Path,
    home: Path | None = None,
    *,
    scorecard: Scorecard | None = None,
) -> list[Path]:
    """Write the published handbook of ``site`` into ``output``; return the files written.

    With a ``scorecard``, its page is written in each language with the other generated pages.

    ``output`` must be empty, missing, or a folder this function wrote before (its files from
    the last run that are no longer produced are removed). Each file is written atomically.
    """
    output = output.resolve()
    previous = _previous_files(output)
    files: dict[str, bytes] = {}
    # The documents read_handbook kept: their text is what is published.
    by_path = {os.path.abspath(doc.path): doc for doc in site.result.documents}
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file() or output in path.resolve().parents:
            continue
        relative = path.relative_to(docs_dir).as_posix()
        if relative.split("/")[0].startswith("."):
            continue
        doc = by_path.get(os.path.abspath(path))
        if doc is not None and doc.text is None:
            continue  # not readable as UTF-8: `stdlint check` reports it; no engine could build it
        data = path.read_bytes()
        if doc is not None and doc.meta is not None and doc.front_matter and doc.text:
            data = _with_header(doc.text, doc.front_matter.body_first_line, site, doc).encode()
        files[relative] = data
    if home is not None:
        for path in sorted(home.rglob("*.md")):
            files.setdefault(path.relative_to(home).as_posix(), path.read_bytes())
    for lang in site.result.profile.languages or []:
        start = home_page(site, lang, scorecard=scorecard is not None)
        if start.src_uri not in files and "index.md" not in files:
            files[start.src_uri] = start.markdown.encode()
        for page in generated_pages(site, lang, scorecard=scorecard):
            files[page.src_uri] = page.markdown.encode()
        if not site.suffixed:
            break
    return _sync(output, previous, files)


def write_theme(output: Path) -> list[Path]:
    """Write stdlint's additions to Material (:data:`THEME`) into ``output``; return the files.

    For an engine that runs no plugins: its ``theme.custom_dir`` points at ``output``. The
    folder follows the rules of :func:`write_site` (empty, missing, or written here before).
    """
    output = output.resolve()
    previous = _previous_files(output)
    files = {
        path.relative_to(THEME).as_posix(): path.read_bytes()
        for path in sorted(THEME.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    return _sync(output, previous, files)


def _sync(output: Path, previous: set[str], files: dict[str, bytes]) -> list[Path]:
    """Make ``output`` hold exactly ``files`` (by relative path), writing only what changed."""
    written = []
    for relative, data in files.items():
        target = output / relative
        if target.exists() and target.read_bytes() == data:
            continue
        write_atomic(target, data)
        written.append(target)
    for relative in previous - set(files):
        stale = output / relative
        if stale.is_file():
            stale.unlink()
    write_atomic(output / MARKER, ("\n".join(sorted(files)) + "\n").encode())
    return written


def _previous_files(output: Path) -> set[str]:
    if not output.exists():
        return set()
    if not output.is_dir():
        raise FolderError(_NOT_A_FOLDER, output)
    marker = output / MARKER
    if marker.is_file():
        return {line for line in marker.read_text("utf-8").splitlines() if line}
    if any(output.iterdir()):
        raise FolderError(_NOT_OURS, output)
    return set()


def _with_header(text: str, body_first_line: int, site: Site, doc: Document) -> str:
    """The file with the page header and tags added to its front matter, ``status`` renamed."""
    lines = text.split("\n")
    matter = "\n".join(lines[1 : body_first_line - 2])
    body = "\n".join(lines[body_first_line - 1 :])
    yaml = YAML()  # round trip: the author's keys, order and comments stay as written
    yaml.width = 4096
    data = yaml.load(matter) or {}
    meta = doc.meta
    assert meta is not None
    profile, today = site.result.profile, site.result.today
    data["stdlint"] = json.loads(json.dumps(page_header(meta, profile, today, meta.lang)))
    data["tags"] = tags(meta, profile, meta.lang)
    # Material reads "status" as its own page status; the header carries the standard's.
    data.pop("status", None)
    stream = io.StringIO()
    yaml.dump(data, stream)
    return f"---\n{stream.getvalue()}---\n{body}"


__all__ = ["MARKER", "FolderError", "write_site"]

"""The baseline file: JSON a reviewer can read and diff, written atomically, read strictly.

One entry per finding, sorted by file and position: its fingerprint (what is compared), and
for the reader the file, the code, the quoted words, the message and the line at the time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from stdlint.files import write_atomic
from stdlint.fingerprints import VERSION as FINGERPRINT_VERSION
from stdlint.i18n import Lang, Text

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """One known finding: only ``fingerprint`` is compared; the rest is for the reader."""

    fingerprint: str
    path: str
    code: str
    line: int
    quote: str
    message: str

    def sort_key(self) -> tuple[str, int, str, str]:
        """Files in path order, then by line, then by code."""
        return (self.path, self.line, self.code, self.fingerprint)


class BaselineError(Exception):
    """A baseline file cannot be read or written (a usage error: exit 2)."""

    def __init__(
        self, text: Text, detail: tuple[Text, dict[str, object]] | None = None, **fields: object
    ) -> None:
        self.text = text
        self.detail = detail  # the ``error`` field, itself a message to render
        self.fields = fields
        super().__init__(self.message(Lang.EN))

    def message(self, lang: Lang) -> str:
        """The problem in ``lang``."""
        fields = dict(self.fields)
        if self.detail is not None:
            fields["error"] = self.detail[0].render(lang, **self.detail[1])
        return self.text.render(lang, **fields)


_UNREADABLE = Text(
    en="cannot read the baseline {path}: {error}; write one with “stdlint check "
    "--write-baseline {path}”",
    ru="не удаётся прочитать базовый список {path}: {error}; создать его можно командой "
    "«stdlint check --write-baseline {path}»",
)
_MALFORMED = Text(
    en="{path} is not a stdlint baseline: {error}; write it again with “stdlint check "
    "--write-baseline {path}”",
    ru="{path} — не базовый список stdlint: {error}; запишите его заново командой "
    "«stdlint check --write-baseline {path}»",
)
_NOT_JSON = Text(
    en="invalid JSON at line {line}, column {column} ({reason})",
    ru="ошибка JSON в строке {line}, столбце {column}",
)
_OTHER_VERSION = Text(
    en="version {found} where {expected} was expected",
    ru="версия {found}, а ожидалась {expected}",
)
_OTHER_FINGERPRINTS = Text(
    en="its fingerprints were made by another version of stdlint ({found}, now {expected})",
    ru="его отпечатки сделаны другой версией stdlint ({found}, сейчас {expected})",
)
_BAD_ENTRY = Text(
    en="entry {index} has no “{field}” text",
    ru="в записи {index} нет текстового поля «{field}»",
)
_NOT_AN_OBJECT = Text(
    en="expected an object with “version” and “findings”",
    ru="ожидался объект с полями «version» и «findings»",
)
_NOT_WRITTEN = Text(
    en="cannot write the baseline {path}: {error}",
    ru="не удаётся записать базовый список {path}: {error}",
)


def write(path: Path, entries: Sequence[Entry]) -> None:
    """Write ``entries`` to ``path`` atomically (a temporary file beside it, then a rename)."""
    document = {
        "version": FORMAT_VERSION,
        "fingerprints": FINGERPRINT_VERSION,
        "findings": [asdict(entry) for entry in sorted(entries, key=Entry.sort_key)],
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    try:
        write_atomic(path, text)
    except OSError as error:
        raise BaselineError(_NOT_WRITTEN, path=path, error=error.strerror or error) from None


def read(path: Path) -> tuple[Entry, ...]:
    """The entries of the baseline at ``path``; raises :class:`BaselineError`."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise BaselineError(_UNREADABLE, path=path, error=reason) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        place = {"line": error.lineno, "column": error.colno, "reason": error.msg}
        raise BaselineError(_MALFORMED, (_NOT_JSON, place), path=path) from None
    return _entries(path, document)


def _entries(path: Path, document: Any) -> tuple[Entry, ...]:
    def malformed(text: Text, **fields: object) -> BaselineError:
        return BaselineError(_MALFORMED, (text, fields), path=path)

    if not isinstance(document, dict) or not isinstance(document.get("findings"), list):
        raise malformed(_NOT_AN_OBJECT)
    if document.get("version") != FORMAT_VERSION:
        raise malformed(_OTHER_VERSION, found=document.get("version"), expected=FORMAT_VERSION)
    if document.get("fingerprints", FINGERPRINT_VERSION) != FINGERPRINT_VERSION:
        found = document.get("fingerprints")
        raise malformed(_OTHER_FINGERPRINTS, found=found, expected=FINGERPRINT_VERSION)
    entries = []
    for index, item in enumerate(document["findings"], start=1):
        for field in ("fingerprint", "path", "code"):
            if not isinstance(item, dict) or not isinstance(item.get(field), str):
                raise malformed(_BAD_ENTRY, index=index, field=field)
        line = item.get("line")
        entries.append(
            Entry(
                item["fingerprint"],
                item["path"],
                item["code"],
                line if isinstance(line, int) else 0,
                str(item.get("quote", "")),
                str(item.get("message", "")),
            )
        )
    return tuple(entries)

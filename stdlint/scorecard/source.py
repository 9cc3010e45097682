"""The measurements file as DuckDB reads it: format, columns, and the errors that stop a score.

A source turns a CSV, JSON Lines or Parquet file (or a folder of Parquet files) into one SQL
relation with the same columns whatever the format: the text of ``metric``, ``standard``,
``channel``, ``unit``, ``value`` and ``timestamp`` as written, ``v`` (the value as a number)
and ``d`` (the day of the observation). Column names are matched without regard to case or
surrounding spaces, in English or Russian. DuckDB is imported by the caller, never here.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stdlint.i18n import Text
from stdlint.scorecard.lines import row_lines
from stdlint.scorecard.model import DataError

# The columns a measurements file must have; "standard", "channel" and "unit" it may have.
REQUIRED = ("metric", "value", "timestamp")
# Header names, lowercased; for the timestamp the first one present wins (дата + время columns:
# the day is in дата).
ALIASES: dict[str, tuple[str, ...]] = {
    "metric": ("metric", "метрика"),
    "value": ("value", "значение"),
    "timestamp": ("timestamp", "дата", "время"),
    "standard": ("standard", "стандарт"),
    "channel": ("channel", "канал"),
    "unit": ("unit", "единица"),
}
CSV_SUFFIXES = (".csv", ".tsv")
JSON_SUFFIXES = (".jsonl", ".ndjson")
DELIMITERS = (",", ";", "\t")
_JSON_SAMPLE = 1000  # lines read to learn how a JSON Lines file spells its keys
_HEADER_BYTES = 1 << 20

# ISO 8601: a date, or a date and time (minutes, seconds and a fraction optional) with an
# optional Z or ±HH:MM. The day is the date as written, whatever the offset.
ISO_TIMESTAMP = (
    r"\d{4}-\d{2}-\d{2}(?:[Tt ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?"
    r"(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?"
)
_INTEGERS = ("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT")
_NUMERIC = (*_INTEGERS, *(f"U{name}" for name in _INTEGERS), "FLOAT", "DOUBLE", "DECIMAL")

NO_FILE = Text(
    en="{path}: no such file or folder; give --data a CSV, JSON Lines or Parquet file, "
    "or a folder of Parquet files",
    ru="{path}: нет такого файла или папки; укажите в --data файл CSV, JSON Lines или Parquet "
    "или папку с файлами Parquet",
)
UNKNOWN_FORMAT = Text(
    en="{path}: the name does not say the format; name the file .csv, .jsonl, .ndjson or "
    ".parquet (or give a folder of .parquet files)",
    ru="{path}: по имени файла не понять формат; назовите файл .csv, .jsonl, .ndjson или "
    ".parquet (или укажите папку с файлами .parquet)",
)
NO_PARQUET = Text(
    en="{path}: the folder has no .parquet file; give a folder of Parquet files, or the file "
    "itself",
    ru="{path}: в папке нет файлов .parquet; укажите папку с файлами Parquet или сам файл",
)
UNREADABLE = Text(
    en="{path}: cannot be read ({error}); check that the file exists and you may read it",
    ru="{path}: не удаётся прочитать ({error}); проверьте, что файл есть и доступен для чтения",
)
EMPTY = Text(
    en="{path}: the file is empty; its first line must name the columns metric, value and "
    "timestamp",
    ru="{path}: файл пуст; первая строка должна называть столбцы metric, value и timestamp "
    "(или метрика, значение, время)",
)
NOT_UTF8 = Text(
    en="{path}: line {line} is not UTF-8 text; save the file in UTF-8 (in Excel: "
    "“CSV UTF-8”) and score it again",
    ru="{path}: строка {line} — не текст в UTF-8; сохраните файл в кодировке UTF-8 (в Excel: "
    "«CSV UTF-8») и запустите снова",
)
MISSING_COLUMNS = Text(
    en="{path}: no column {missing} (the columns are: {found}); the first line must name the "
    "columns metric, value and timestamp (or метрика, значение, время)",
    ru="{path}: нет столбца {missing} (столбцы файла: {found}); первая строка должна называть "
    "столбцы metric, value и timestamp (или метрика, значение, время)",
)
NOT_FORMAT = Text(
    en="{path}: not a readable {format} file: {error}; export the data again as {format}, or "
    "give the file the suffix of its real format",
    ru="{path}: не читается как {format}: {error}; выгрузите данные заново в {format} или "
    "дайте файлу расширение его настоящего формата",
)


@dataclass
class Source:
    """One data file (or folder) as DuckDB reads it."""

    shown: str  # as the user gave it
    path: Path
    format: str  # csv, jsonl or parquet
    files: str  # SQL: the file, or the list of files of a folder
    headers: dict[str, str]  # canonical column → its name as the file writes it
    text: dict[str, str]  # canonical column → SQL of its text (VARCHAR) over the scan
    value_sql: str = ""  # SQL of the value as a DOUBLE (NULL when not a number)
    day_sql: str = ""  # SQL of the day as a DATE (NULL when not an ISO 8601 timestamp)
    delimiter: str = ","  # CSV: the sniffed delimiter
    width: int = 0  # CSV: the number of columns of the header
    parallel: bool = True  # CSV: False once a quoted line break asks for the serial reader

    @property
    def has_units(self) -> bool:
        """Whether the file has a unit column."""
        return "unit" in self.text

    def scan(self) -> str:
        """The table function that reads the file."""
        if self.format == "jsonl":
            return f"read_json_objects({self.files}, format='newline_delimited')"
        if self.format == "parquet":
            return f"read_parquet({self.files}, union_by_name=true)"
        # Every column as text, named by position; a short row is padded with NULLs and the
        # cells past the header's are dropped, so that no row is lost to its shape.
        columns = ", ".join(f"'c{index}': 'VARCHAR'" for index in range(self.width))
        return (
            f"read_csv({self.files}, auto_detect=false, header=true, "
            f"delim={_literal(self.delimiter)}, quote='\"', escape='\"', "
            f"columns={{{columns}}}, strict_mode=false, null_padding=true, "
            f"parallel={str(self.parallel).lower()})"
        )

    def relation(self, *, numbered: bool = False, limit: int | None = None) -> str:
        """The rows in the shared shape: ``metric_text`` … ``unit_text``, ``v`` and ``d``.

        ``numbered``: with ``data_row`` (1 is the first data row), in file order, and only the
        first ``limit`` rows when a limit is given.
        """
        scan = self.scan()
        if numbered:
            scan = f"(SELECT row_number() OVER () AS data_row, * FROM {scan}"
            scan += f" LIMIT {int(limit)})" if limit is not None else ")"
        columns = [
            *(["data_row"] if numbered else []),
            *(f"{self.text.get(name, 'NULL::VARCHAR')} AS {name}_text" for name in ALIASES),
            f"{self.value_sql} AS v",
            f"{self.day_sql} AS d",
        ]
        return f"SELECT {', '.join(columns)} FROM {scan}"

    def lines(self, rows: set[int]) -> dict[int, int]:
        """The line of the file each of ``rows`` starts on (CSV, with its header on line 1,
        and JSON Lines). Read with Python up to the last of ``rows`` only: for the examples."""
        if not rows or self.format == "parquet":
            return {}
        return row_lines(self.path, rows, csv=self.format == "csv")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def open_source(shown: str, path: Path, describe: Callable[[str], list[tuple[str, str]]]) -> Source:
    """The source of ``path``; ``describe(sql)`` gives the (name, type) columns of a query
    (for Parquet). Raises :class:`DataError` when the file cannot be read at all."""
    if path.is_dir():
        files = sorted(path.rglob("*.parquet"), key=lambda file: file.relative_to(path).as_posix())
        files = [file for file in files if file.is_file()]
        if not files:
            raise DataError(NO_PARQUET, path=shown)
        return _parquet(shown, path, files, describe)
    if not path.exists():
        raise DataError(NO_FILE, path=shown)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return _parquet(shown, path, [path], describe)
    if suffix in JSON_SUFFIXES:
        return _jsonl(shown, path)
    if suffix in CSV_SUFFIXES:
        return _csv(shown, path)
    raise DataError(UNKNOWN_FORMAT, path=shown)


def _canonical(names: list[str]) -> dict[str, list[int]]:
    """Which of ``names`` (by position) is each canonical column, best spelling first."""
    found: dict[str, list[int]] = {}
    for column, aliases in ALIASES.items():
        for alias in aliases:
            found.setdefault(column, []).extend(
                index for index, name in enumerate(names) if name.strip().lower() == alias
            )
        if not found[column]:
            del found[column]
    return found


def _require(shown: str, names: list[str], found: dict[str, list[int]]) -> None:
    missing = [column for column in REQUIRED if column not in found]
    if missing:
        shown_names = ", ".join(name.strip() for name in names) or "—"
        raise DataError(MISSING_COLUMNS, path=shown, missing=", ".join(missing), found=shown_names)


def _value_from_text(text: str) -> str:
    # A decimal comma (Russian Excel) reads as a point; a number as written is read first.
    return (
        f"coalesce(try_cast({text} AS DOUBLE), try_cast(replace(trim({text}), ',', '.') AS DOUBLE))"
    )


def _day_from_text(text: str) -> str:
    # One anchored match with the spaces around (cheaper than trimming every value first).
    return (
        f"CASE WHEN regexp_matches({text}, {_literal(f'^ *{ISO_TIMESTAMP} *$')}) "
        f"THEN try_cast(left(ltrim({text}), 10) AS DATE) END"
    )


def _read_header(shown: str, path: Path) -> str:
    try:
        with path.open("rb") as file:
            first = file.readline(_HEADER_BYTES)
    except OSError as error:
        raise DataError(UNREADABLE, path=shown, error=error.strerror or error) from error
    try:
        header = first.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise DataError(NOT_UTF8, path=shown, line=1) from error
    if not header.strip():
        raise DataError(EMPTY, path=shown)
    return header


def _csv(shown: str, path: Path) -> Source:
    header = _read_header(shown, path)
    # The delimiter that splits the header into the most known columns, then the most columns.
    candidates = []
    for rank, delimiter in enumerate(DELIMITERS):
        names = next(csv.reader([header], delimiter=delimiter), [])
        candidates.append(((len(_canonical(names)), len(names), -rank), delimiter, names))
    _, delimiter, names = max(candidates)
    found = _canonical(names)
    _require(shown, names, found)
    text = {column: f"c{indexes[0]}" for column, indexes in found.items()}
    return Source(
        shown=shown,
        path=path,
        format="csv",
        files=_literal(str(path)),
        headers={column: names[indexes[0]].strip() for column, indexes in found.items()},
        text=text,
        value_sql=_value_from_text(text["value"]),
        day_sql=_day_from_text(text["timestamp"]),
        delimiter=delimiter,
        width=len(names),
    )


def _jsonl(shown: str, path: Path) -> Source:
    keys: list[str] = []
    try:
        with path.open("rb") as file:
            seen = 0
            for number, raw in enumerate(file, start=1):
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                except UnicodeDecodeError as error:
                    raise DataError(NOT_UTF8, path=shown, line=number) from error
                try:
                    item = json.loads(line)
                except ValueError as error:
                    detail = f"line {number}: {error}"
                    raise DataError(
                        NOT_FORMAT, path=shown, format="JSON Lines", error=detail
                    ) from error
                if isinstance(item, dict):
                    keys.extend(key for key in item if key not in keys)
                seen += 1
                if seen >= _JSON_SAMPLE:
                    break
    except OSError as error:
        raise DataError(UNREADABLE, path=shown, error=error.strerror or error) from error
    if not keys and seen == 0:
        raise DataError(EMPTY, path=shown)
    found = _canonical(keys)
    _require(shown, keys, found)
    text = {
        column: _coalesce([f"(json ->> {_literal(keys[index])})" for index in indexes])
        for column, indexes in found.items()
    }
    return Source(
        shown=shown,
        path=path,
        format="jsonl",
        files=_literal(str(path)),
        headers={column: keys[indexes[0]].strip() for column, indexes in found.items()},
        text=text,
        value_sql=_value_from_text(text["value"]),
        day_sql=_day_from_text(text["timestamp"]),
    )


def _coalesce(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"coalesce({', '.join(parts)})"


def _parquet(
    shown: str, path: Path, files: list[Path], describe: Callable[[str], list[tuple[str, str]]]
) -> Source:
    listed = "[" + ", ".join(_literal(str(file)) for file in files) + "]"
    source = Source(shown, path, "parquet", listed, {}, {})
    columns = describe(f"SELECT * FROM {source.scan()}")
    names = [name for name, _ in columns]
    types = dict(columns)
    found = _canonical(names)
    _require(shown, names, found)
    chosen = {column: names[indexes[0]] for column, indexes in found.items()}
    source.headers = {column: name.strip() for column, name in chosen.items()}
    source.text = {
        column: f"CAST({_identifier(name)} AS VARCHAR)" for column, name in chosen.items()
    }
    value, day = chosen["value"], chosen["timestamp"]
    value_type, day_type = types[value].upper(), types[day].upper()
    source.value_sql = (
        f"CAST({_identifier(value)} AS DOUBLE)"
        if value_type.startswith(_NUMERIC)
        else _value_from_text(source.text["value"])
    )
    source.day_sql = (
        f"CAST({_identifier(day)} AS DATE)"
        if day_type == "DATE" or day_type.startswith("TIMESTAMP")
        else _day_from_text(source.text["timestamp"])
    )
    return source

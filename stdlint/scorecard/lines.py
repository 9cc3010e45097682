"""Which line of a CSV or JSON Lines file a row starts on, for the rows the examples quote.

DuckDB numbers rows, not lines: a CSV value in quotes may hold a line break, and blank lines
are no rows. The file is read once more, up to the last row asked for, a block at a time: a
block's line breaks are counted with bytes methods (in C), and a block is read line by line
only when it holds a row asked for, a blank line or a quoted line break.
"""

from __future__ import annotations

from pathlib import Path

BLOCK = 1 << 20  # bytes read at a time
# Every byte but the double quote and the line break, deleted to count the quotes of lines.
_NOT_QUOTES = bytes(byte for byte in range(256) if byte not in b'"\n')


def row_lines(path: Path, rows: set[int], *, csv: bool) -> dict[int, int]:
    """The line each of ``rows`` starts on (1 is the first data row; a CSV file's first
    record is its header). Rows past the end of the file, or of what can be read, are left
    out."""
    wanted = sorted(rows)
    found: dict[int, int] = {}
    record = -1 if csv else 0  # records read, the header not counted
    line = start = 0  # lines read; the line the record being read starts on
    quoted = False  # inside a quoted value at the end of the last line read
    rest = b""
    try:
        with path.open("rb") as file:
            while wanted:
                block = file.read(BLOCK)
                data = rest + block
                cut = data.rfind(b"\n") + 1 if block else len(data)
                chunk, rest = data[:cut], data[cut:]
                if not chunk:
                    if block:
                        continue  # a line longer than a block
                    break
                if not chunk.endswith(b"\n"):
                    chunk += b"\n"  # the last line has no line break
                lines = chunk.count(b"\n")
                if not quoted and _plain(chunk, csv) and record + lines < wanted[0]:
                    record += lines  # every line a record, none of them asked for
                    line += lines
                    continue
                for text in chunk.split(b"\n")[:-1]:
                    line += 1
                    if not quoted:
                        if not (text.strip(b"\r") if csv else text.strip()):
                            continue  # an empty line (CSV), a blank one (JSON): no row
                        start = line
                    if csv and text.count(b'"') % 2:
                        quoted = not quoted
                    if not quoted:
                        record += 1
                        if record == wanted[0]:
                            found[wanted.pop(0)] = start
                            if not wanted:
                                break
                if not block:
                    break
    except OSError:
        pass  # the rows are still quoted by number
    return found


def _plain(chunk: bytes, csv: bool) -> bool:
    """Whether every line of ``chunk`` (whole lines, outside quotes) is one whole record."""
    if not csv:  # a JSON object on every line
        return chunk.count(b"\n{") + chunk.startswith(b"{") == chunk.count(b"\n")
    if chunk.startswith((b"\n", b"\r\n")) or b"\n\n" in chunk or b"\n\r\n" in chunk:
        return False  # an empty line
    # Quotes in pairs on every line: once the pairs are gone, no quote is left.
    return b'"' not in chunk or b'"' not in chunk.translate(None, _NOT_QUOTES).replace(b'""', b"")

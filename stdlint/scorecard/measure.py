"""Reading measurements with DuckDB and computing the scorecard (to be written: issue 14)."""

from __future__ import annotations

from pathlib import Path

from stdlint.result import Result
from stdlint.scorecard.model import Period, Scorecard


def score(
    result: Result,
    data: Path,
    period: Period | None = None,
    *,
    threads: int | None = None,
) -> Scorecard:
    """The scorecard of ``result``'s handbook from the measurements in ``data``.

    ``data`` is a CSV, JSON Lines or Parquet file, or a folder of Parquet files. ``period``
    defaults to the latest calendar month the data has a usable observation in. Raises
    :class:`~stdlint.scorecard.model.DataError` when the data cannot be read at all.
    """
    raise NotImplementedError

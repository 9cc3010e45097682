"""Gradual adoption: record today's findings, then report only the new ones.

``stdlint check --write-baseline FILE`` records every finding of a whole-handbook run;
``stdlint check --baseline FILE`` takes them out of the :class:`~stdlint.result.Result` (so
every output format works unchanged) and counts the entries that no longer occur as fixed.
Findings are matched by fingerprint (:mod:`stdlint.fingerprints`: code, file, quoted words,
the line's text — never a line number), as a multiset: two identical entries cover two
identical findings, and a third is new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from stdlint.baseline.store import BaselineError, Entry, read, write
from stdlint.fingerprints import fingerprints
from stdlint.result import INTERNAL_ERROR, FileState, Result

__all__ = ["BaselineError", "Comparison", "Entry", "compare", "entries", "read", "write"]


def entries(result: Result) -> Iterator[Entry]:
    """Each finding of ``result`` as a baseline entry; a failure of stdlint (STR000) never is."""
    for diagnostic, fingerprint in zip(result.diagnostics, fingerprints(result), strict=True):
        if diagnostic.code != INTERNAL_ERROR:
            yield Entry(
                fingerprint,
                diagnostic.path,
                diagnostic.code,
                diagnostic.line,
                diagnostic.quote,
                diagnostic.message,
            )


@dataclass(frozen=True, slots=True)
class Comparison:
    """A result without the findings of the baseline, and what became of the baseline."""

    result: Result  # only the findings the baseline does not know
    known: int  # findings left out because the baseline has them
    fixed: int  # entries of the baseline that the run could have found, and did not


def compare(result: Result, baseline: tuple[Entry, ...], *, whole_handbook: bool) -> Comparison:
    """Leave out of ``result`` the findings ``baseline`` knows; count the fixed entries.

    An entry is fixed only where the run looked: its rule ran, and its file was checked (or the
    whole handbook was, so a file that is gone has lost its findings too).
    """
    remaining = Counter(entry.fingerprint for entry in baseline)
    new = []
    for diagnostic, fingerprint in zip(result.diagnostics, fingerprints(result), strict=True):
        if diagnostic.code != INTERNAL_ERROR and remaining[fingerprint] > 0:
            remaining[fingerprint] -= 1
        else:
            new.append(diagnostic)
    ran = {rule.code for rule in result.rules}
    checked = {record.path for record in result.files if record.state is not FileState.SKIPPED}
    fixed = 0
    for entry in baseline:
        if remaining[entry.fingerprint] > 0:
            remaining[entry.fingerprint] -= 1
            fixed += entry.code in ran and (whole_handbook or entry.path in checked)
    known = len(result.diagnostics) - len(new)
    return Comparison(replace(result, diagnostics=tuple(new)), known, fixed)

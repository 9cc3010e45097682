"""The progress bar of a long check: on a terminal's standard error, never in a log or a pipe.

It stays hidden for the first :data:`DELAY` seconds, so a quick check (the usual one, and any
run the cache makes quick) prints nothing more than its findings; it is drawn by click's
progress bar, and erased when the files are judged, before the findings are printed.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any, TextIO

import click

from stdlint.i18n import Lang, Text

DELAY = 2.0  # seconds before the bar shows

_LABEL = Text(en="Checking", ru="Проверка")


def wanted(stream: TextIO | None = None) -> bool:
    """Whether a bar belongs on ``stream`` (standard error): a terminal, not a CI log."""
    stream = stream or sys.stderr
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        return False
    ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
    return terminal and not ci and os.environ.get("TERM") != "dumb"


class Bar:
    """A :class:`stdlint.engine.pool.Progress` drawn on standard error after a delay."""

    def __init__(self, lang: Lang, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.label = _LABEL.render(lang)
        self.stream = stream or sys.stderr
        self.delay = delay
        self.total = self.done = 0
        self.began = 0.0
        self._bar: Any = None  # click's ProgressBar, once shown

    def start(self, total: int, done: int) -> None:
        self.total, self.done, self.began = total, done, time.monotonic()

    def advance(self, files: int) -> None:
        self.done += files
        if self._bar is not None:
            self._bar.update(files)
        elif time.monotonic() - self.began >= self.delay and self.done < self.total:
            self._bar = click.progressbar(
                length=self.total,
                label=self.label,
                file=self.stream,
                show_pos=True,
                update_min_steps=max(1, self.total // 500),  # redrawn at most 500 times
            )
            self._bar.__enter__()
            self._bar.update(self.done)

    def stop(self) -> None:
        if self._bar is not None:
            # Erase the bar's line (the findings follow), and show the cursor click hid.
            self.stream.write("\r\x1b[2K\x1b[?25h")
            self.stream.flush()
            self._bar = None

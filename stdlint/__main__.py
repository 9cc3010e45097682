"""``python -m stdlint``."""

from stdlint.cli import run

run()

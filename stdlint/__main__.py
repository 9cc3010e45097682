"""``python -m stdlint``."""

from stdlint.cli import main

main()

"""stdlint: lint customer-service standards (Markdown + YAML front matter) and publish them.

The public face: resolve the settings once (:func:`load_settings`), check paths or a text
(:func:`check`, :func:`check_text`) or just read the handbook (:func:`read_handbook`), and read
the :class:`Result`, whose ``handbook`` holds the :class:`Facts` of every standard. Facts about
standards live in :mod:`stdlint.handbook`; the reports' data in :mod:`stdlint.reports`.
"""

from __future__ import annotations

__version__ = "0.1.0"

from stdlint.config import ConfigError, Profile, load_profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.engine import check, check_text, read_handbook
from stdlint.parse.facts import Facts
from stdlint.result import FileRecord, FileState, Result, RuleInfo
from stdlint.rules import Rule
from stdlint.settings import Settings, load_settings

__all__ = [
    "ConfigError",
    "Criterion",
    "Diagnostic",
    "Facts",
    "FileRecord",
    "FileState",
    "Profile",
    "Result",
    "Rule",
    "RuleInfo",
    "Settings",
    "Severity",
    "Span",
    "__version__",
    "check",
    "check_text",
    "load_profile",
    "load_settings",
    "read_handbook",
]

"""stdlint: lint customer-service standards (Markdown + YAML front matter) and publish them.

The public face: resolve the settings once (:func:`load_settings`), check paths or a text
(:func:`check`, :func:`check_text`) or just read the handbook (:func:`read_handbook`), and read
the :class:`Result`, whose ``handbook`` holds the :class:`Facts` of every standard. Facts about
standards live in :mod:`stdlint.handbook`; the reports' data in :mod:`stdlint.reports`.

The names are imported on first use (PEP 562): ``stdlint --help`` or ``stdlint explain`` import
``stdlint.cli``, and through it this package, without paying for the rules and the language
engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from stdlint.config import ConfigError, Profile, load_profile
    from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
    from stdlint.engine import check, check_text, read_handbook
    from stdlint.parse.facts import Facts
    from stdlint.result import FileRecord, FileState, Result, RuleInfo
    from stdlint.rules import Rule
    from stdlint.settings import Settings, load_settings

# Each public name, by the module it comes from.
_SOURCES = {
    "ConfigError": "stdlint.config",
    "Profile": "stdlint.config",
    "load_profile": "stdlint.config",
    "Criterion": "stdlint.diagnostics",
    "Diagnostic": "stdlint.diagnostics",
    "Severity": "stdlint.diagnostics",
    "Span": "stdlint.diagnostics",
    "check": "stdlint.engine",
    "check_text": "stdlint.engine",
    "read_handbook": "stdlint.engine",
    "Facts": "stdlint.parse.facts",
    "FileRecord": "stdlint.result",
    "FileState": "stdlint.result",
    "Result": "stdlint.result",
    "RuleInfo": "stdlint.result",
    "Rule": "stdlint.rules",
    "Settings": "stdlint.settings",
    "load_settings": "stdlint.settings",
}


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module 'stdlint' has no attribute {name!r}")
    value = getattr(import_module(source), name)
    globals()[name] = value  # the next look-up is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_SOURCES})


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

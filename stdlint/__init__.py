"""stdlint: lint customer-service standards (Markdown + YAML front matter) and publish them."""

from __future__ import annotations

__version__ = "0.1.0"

from stdlint.config.profile import ConfigError, Profile, load_profile
from stdlint.diagnostics import Criterion, Diagnostic, Severity, Span
from stdlint.engine import Result, check, check_text
from stdlint.rules import Rule

__all__ = [
    "ConfigError",
    "Criterion",
    "Diagnostic",
    "Profile",
    "Result",
    "Rule",
    "Severity",
    "Span",
    "__version__",
    "check",
    "check_text",
    "load_profile",
]

"""The handbook profile (``handbook.yml``): the models, loading with positions, JSON Schemas."""

from stdlint.config.loading import (
    ConfigError,
    default_profile,
    find_profile,
    load_profile,
    peek_languages,
    reference_problems,
)
from stdlint.config.profile import PROFILE_NAME, SEVERITY_SETTINGS, Item, Profile, Stage
from stdlint.config.selection import Choice

__all__ = [
    "PROFILE_NAME",
    "SEVERITY_SETTINGS",
    "Choice",
    "ConfigError",
    "Item",
    "Profile",
    "Stage",
    "default_profile",
    "find_profile",
    "load_profile",
    "peek_languages",
    "reference_problems",
]

"""STR: structure — a file stdlint can read, with the fields and sections a standard needs."""

from stdlint.rules.structure.body import EmptySection, MissingSection, TitleMismatch
from stdlint.rules.structure.files import (
    InvalidFieldValue,
    InvalidFrontMatter,
    MissingField,
    MissingFrontMatter,
    NotUtf8,
    UnknownField,
    UnreadableFile,
)
from stdlint.rules.structure.handbook import DuplicateId
from stdlint.rules.structure.suppressions import UnexplainedSuppression, UnusedSuppression

__all__ = [
    "DuplicateId",
    "EmptySection",
    "InvalidFieldValue",
    "InvalidFrontMatter",
    "MissingField",
    "MissingFrontMatter",
    "MissingSection",
    "NotUtf8",
    "TitleMismatch",
    "UnexplainedSuppression",
    "UnknownField",
    "UnreadableFile",
    "UnusedSuppression",
]

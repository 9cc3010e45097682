"""Problems found while reading and parsing a file, before any rule runs.

Reading and parsing cannot stop at the first bad file, and they do not know the severity
policy: they record a :class:`Problem` with the code of the structure rule that reports it, and
that rule turns it into a diagnostic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from stdlint.diagnostics import Span
from stdlint.i18n import Lang, Text


class Explained(Protocol):
    """Anything that can say what is wrong and what to do, in either language."""

    def message(self, lang: Lang) -> str:
        """What is wrong."""
        ...

    def suggestion(self, lang: Lang) -> str:
        """What to do about it."""
        ...


@dataclass(frozen=True, slots=True)
class Worded:
    """A message and a suggestion with their placeholders' values."""

    message_text: Text
    suggestion_text: Text
    fields: dict[str, object] = field(default_factory=dict)

    def message(self, lang: Lang) -> str:
        """What is wrong."""
        return self.message_text.render(lang, **self.fields)

    def suggestion(self, lang: Lang) -> str:
        """What to do about it."""
        return self.suggestion_text.render(lang, **self.fields)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem, to be reported by the rule with ``code``."""

    code: str
    span: Span
    explained: Explained
    quote: str = ""

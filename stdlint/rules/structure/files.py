"""STR rules about reading a file and its front matter: reported from what parsing found."""

from __future__ import annotations

from stdlint.diagnostics import Criterion, Severity
from stdlint.rules.base import ProblemRule


class MissingFrontMatter(ProblemRule):
    """The file does not start with a front matter block (or is empty).

    ## What it does
    Flags a Markdown file in the handbook that does not begin with a `---` line, and an empty file.

    ## Why it matters
    The front matter says what the standard is, who owns it and when it was approved; without it
    stdlint cannot judge the standard's currency or relevance, and the handbook cannot list it.

    ## Example
    ```markdown
    # Greeting on the phone

    1. Answer within three rings.
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---

    ## Rule

    1. Answer within three rings.

    ## Why

    A caller who waits longer is more likely to hang up.

    ## How we check

    A supervisor listens to ten recorded calls a week.
    ```
    """

    code, name = "STR001", "missing-front-matter"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR


class InvalidFrontMatter(ProblemRule):
    """The front matter cannot be read as YAML, or is not a set of fields.

    ## What it does
    Flags a front matter that is never closed, is not valid YAML, is a list or a single value
    instead of `key: value` lines, writes a key twice, uses a YAML tag (`!!python/object` and
    the like are refused, never constructed), or uses aliases that expand without bound.

    ## Why it matters
    Nothing else about the standard can be checked until its fields can be read.

    ## Example
    ```markdown
    ---
    id: phone-greeting
    title: Greeting: on the phone
    lang: en
    status: active
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-greeting
    title: "Greeting: on the phone"
    lang: en
    status: active
    ---

    ## Rule

    1. Answer within three rings.

    ## Why

    A caller who waits longer is more likely to hang up.

    ## How we check

    A supervisor listens to ten recorded calls a week.
    ```
    """

    code, name = "STR002", "invalid-front-matter"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR


class UnknownField(ProblemRule):
    """The front matter has a field the standard format does not define.

    ## What it does
    Flags every unknown key, at its line, and suggests the nearest known one.

    ## Why it matters
    A misspelt field (`chanels`, `reveiw_every`) is silently lost: the standard then looks as if
    it had no channels or no review interval. Unknown keys are never ignored.

    ## Example
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    chanels: [phone]
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    channels: [phone]
    ---
    ```
    """

    code, name = "STR003", "unknown-field"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR


class InvalidFieldValue(ProblemRule):
    """A front-matter field has a value of the wrong kind.

    ## What it does
    Flags a status or language outside the allowed values, an impossible date (`2026-02-30`),
    a date not written `YYYY-MM-DD`, a review interval that is not a number and a unit, an id
    with spaces or capitals, text where a number or a list is expected, and an empty value.

    ## Why it matters
    Dates and intervals drive the review reminders; ids link translations and superseded
    standards. A value that cannot be read breaks them without a word.

    ## Example
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: published
    last_reviewed: 2026-02-30
    review_every: twice a year
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    last_reviewed: 2026-02-28
    review_every: 6 months
    ---
    ```
    """

    code, name = "STR004", "invalid-field-value"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR


class MissingField(ProblemRule):
    """A required front-matter field is missing.

    ## What it does
    Flags a front matter without `id`, `title`, `lang` or `status`, and a metric without `id`.

    ## Why it matters
    These fields identify the standard: without an id it cannot be linked or translated,
    without a status nobody knows whether it is in force.

    ## Example
    ```markdown
    ---
    title: Greeting on the phone
    lang: en
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: draft
    ---
    ```
    """

    code, name = "STR005", "missing-field"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR


class NotUtf8(ProblemRule):
    """The file is not UTF-8 text.

    ## What it does
    Flags a file that cannot be decoded as UTF-8, at the first byte that fails, and a binary
    file with a `.md` name.

    ## Why it matters
    A standard saved in Windows-1251 shows as garbage on the published site and in every
    review; a binary file is not a standard at all.

    ## Example
    ```markdown encoding="cp1251"
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    ---
    ```

    ## Use instead
    ```markdown
    ---
    id: email-reply
    title: Ответ на письмо
    lang: ru
    status: active
    ---
    ```
    """

    code, name = "STR009", "non-utf8-file"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR


class UnreadableFile(ProblemRule):
    """The file cannot be read at all.

    ## What it does
    Flags a file that cannot be opened (no permission, a symbolic link that points to itself
    or into a loop of folders) and a file too large to be a standard (over 1 MB).

    ## Why it matters
    A standard that cannot be read is not checked and not published; the run goes on with the
    other files, and this finding says which one was left out.

    ## Example
    ```markdown title="loop.md" symlink="loop.md"
    ```

    ## Use instead
    ```markdown title="loop.md"
    ---
    id: phone-greeting
    title: Greeting on the phone
    lang: en
    status: active
    ---
    ```
    """

    code, name = "STR010", "unreadable-file"
    criterion, default_severity = Criterion.STRUCTURE, Severity.ERROR

"""Every regular expression of the package, and inputs built to make a non-linear one hang.

Shared by ``tests/test_regex_linear.py`` (a hang detector) and ``benchmarks/bench_regex.py``
(figures). Patterns are found, not listed, so a new one is covered the day it is written:

- compiled patterns at module level and in the body of a class (``re.Pattern`` objects);
- string literals passed to ``re.compile``, ``re.search``, ``re.split`` … inside functions;
- module-level strings named ``*_PATTERN`` (patterns handed to pydantic or a JSON Schema).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from types import ModuleType

import stdlint

_RE_FUNCTIONS = {
    "compile",
    "search",
    "match",
    "fullmatch",
    "split",
    "findall",
    "finditer",
    "sub",
    "subn",
}

# Runs of one character: each is where a pattern with two ways to read the same text
# (nested or adjacent quantifiers, a search retried from every position) backtracks.
RUN_UNITS = (
    ".",
    "…",
    "!",
    "?",
    " ",
    "\t",
    "\n",
    "-",
    "_",
    "1",
    "a",
    "я",
    "Я",
    "«",
    "»",
    '"',
    "'",
    ":",
    ",",
    "#",
    "`",
    "<",
    # Runs of short pieces: sentences, abbreviations, numbers, clock times, chained words.
    "А. ",
    "a. ",
    "Слово. ",
    "e.g. ",
    "т. е. ",
    ". ",
    "!? ",
    "1.",
    "1,",
    "12:",
    "1 ",
    "a-",
    "a.",
    "a'",
    "-->",
    "```x\n",
    "```\n",
    "<!-- stdlint-disable ",
    "# stdlint-disable-line CON001 -- ",
)

# A long run behind something a pattern must match first (an anchor, a keyword).
PREFIXED_RUNS = (
    ("lang:", " "),
    ("lang: ", "x"),
    ("<!-- stdlint-disable", " "),
    ("<!-- stdlint-enable ", "x"),
    ("# stdlint-disable-next-line ", "CON001,"),
    ("5", " "),
    ("5 ", "д"),
    ("CON", "1"),
    ("a", "-a"),
    ("```", "x"),
    ("Слово", "."),
)


def package_modules() -> Iterator[ModuleType]:
    """Every module of the package, imported (but ``__main__``, which runs the CLI)."""
    yield stdlint
    for info in pkgutil.walk_packages(stdlint.__path__, "stdlint."):
        if not info.name.endswith(".__main__"):
            yield importlib.import_module(info.name)


def package_patterns() -> dict[str, re.Pattern[str]]:
    """Every pattern of the package by a readable name (``module.NAME`` or ``module:line``)."""
    found: dict[str, re.Pattern[str]] = {}
    for module in package_modules():
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[f"{module.__name__}.{name}"] = value
            elif isinstance(value, str) and name.endswith("_PATTERN"):
                found[f"{module.__name__}.{name}"] = re.compile(value)
            elif isinstance(value, type) and value.__module__ == module.__name__:
                for attribute, member in vars(value).items():
                    if isinstance(member, re.Pattern):
                        found[f"{module.__name__}.{name}.{attribute}"] = member
        known = {(pattern.pattern, pattern.flags) for pattern in found.values()}
        for line, pattern in _literal_patterns(module):
            if (pattern.pattern, pattern.flags) not in known:
                found[f"{module.__name__}:{line}"] = pattern
                known.add((pattern.pattern, pattern.flags))
    return found


def _literal_patterns(module: ModuleType) -> Iterator[tuple[int, re.Pattern[str]]]:
    """Patterns written as string literals in calls to ``re`` functions."""
    try:
        source = inspect.getsource(module)
    except (OSError, TypeError):
        return
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in _RE_FUNCTIONS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            continue
        flags = re.RegexFlag(0)
        for argument in [*node.args[1:], *(keyword.value for keyword in node.keywords)]:
            for part in ast.walk(argument):
                if (
                    isinstance(part, ast.Attribute)
                    and isinstance(part.value, ast.Name)
                    and part.value.id == "re"
                    and isinstance(getattr(re, part.attr, None), re.RegexFlag)
                ):
                    flags |= getattr(re, part.attr)
        yield node.lineno, re.compile(node.args[0].value, flags)


def adversarial_inputs(size: int) -> dict[str, str]:
    """Inputs of about ``size`` characters, by name."""
    inputs: dict[str, str] = {}
    for unit in RUN_UNITS:
        run = unit * max(1, size // len(unit))
        inputs[f"run {unit!r}"] = run
        # A character no pattern expects after the run forces a pattern to give it back.
        inputs[f"run {unit!r} + NUL"] = run + "\x00"
    for prefix, unit in PREFIXED_RUNS:
        run = unit * max(1, (size - len(prefix)) // len(unit))
        inputs[f"{prefix!r} + run {unit!r} + NUL"] = prefix + run + "\x00"
    # Everything at once, in a fixed order: every pair of neighbouring pieces occurs.
    pieces = [*RUN_UNITS, *(prefix for prefix, _ in PREFIXED_RUNS)]
    mix = "".join(a + b for a in pieces for b in pieces)
    inputs["mix of every piece"] = (mix * (size // len(mix) + 1))[:size]
    return inputs


def exercise(pattern: re.Pattern[str], text: str) -> int:
    """Run ``pattern`` over ``text`` as the package might: search, match and every match."""
    count = 0
    if pattern.search(text):
        count += 1
    if pattern.match(text):
        count += 1
    for _ in pattern.finditer(text):
        count += 1
    return count


def main() -> None:
    """Exercise every pattern on every input, naming each before it runs (see the test)."""
    patterns = package_patterns()
    inputs = adversarial_inputs(100_000)
    for name, pattern in patterns.items():
        for input_name, text in inputs.items():
            print(f"{name} on {input_name}", flush=True)
            exercise(pattern, text)
    print(f"checked {len(patterns)} patterns on {len(inputs)} inputs", flush=True)


if __name__ == "__main__":
    main()

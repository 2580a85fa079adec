"""libyaml's syntax errors in plain words, at the line where the mistake is.

A parser says "could not find expected ':'" where a quote was left open lines above, or
"mapping values are not allowed here" for a colon in a value: each becomes a Problem that says
what is wrong in a config author's words, with the fix as its hint.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from phi_policy.model import Location, Problem


def syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    """The Problem for a parser error in `text` (the config at `path`)."""
    problem = error.problem or "syntax error"
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    error_line = mark.line if mark is not None else 0
    opened = _unclosed_quote(text, error_line)
    if opened is not None:
        line, col = opened
        lines = len(text.splitlines())
        until = f"line {error_line + 1}" if error_line < lines else "the end of the file"
        return Problem(
            Location(path, line, col),
            f"invalid YAML: the quote opened here is not closed on its line (YAML reads on "
            f"to {until})", hint="close the quote on the same line", code="yaml-syntax")
    message, hint, use_context = _explain(problem, context, _char_at(text, mark))
    if use_context and error.context_mark is not None:
        mark = error.context_mark
    where = (Location(path, mark.line + 1, mark.column + 1) if mark is not None
             else Location(path, 1, 1))
    return Problem(where, f"invalid YAML: {message}", hint=hint, code="yaml-syntax")


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


_QUOTE_START = re.compile(r"""^\s*(?:-\s+)*(?:[^\s#'"][^#]*?:\s+)?(["'])""")
_QUOTE_CLOSE = {'"': re.compile(r'(?:[^"\\]|\\.)*"'), "'": re.compile(r"(?:[^']|'')*'")}


def _unclosed_quote(text: str, error_line: int) -> tuple[int, int] | None:
    """(line, col) of a value whose opening quote has no closing quote on its line, on a line
    before the 0-based `error_line`: a quoted scalar may span lines, so an unclosed quote shows
    up as a puzzling error far below it."""
    for number, line in enumerate(text.splitlines()[:error_line]):
        start = _QUOTE_START.match(line)
        if start and not _QUOTE_CLOSE[start.group(1)].match(line, start.end()):
            return number + 1, start.start(1) + 1
    return None


def _explain(problem: str, context: str, char: str) -> tuple[str, str, bool]:
    """A parser error in plain words: (message, hint, whether to point at the context mark)."""
    if "mapping values are not allowed" in problem:
        return ("a ':' is not allowed here",
                "quote a value that contains ': ', and put a nested key on its own line, "
                "indented under its parent", False)
    if "cannot start any token" in problem or "found a tab" in problem:
        if char == "\t":
            return "a tab character is not allowed here", "indent with spaces, never tabs", False
        shown = repr(char) if char else "this character"
        return (f"{shown} cannot start a value", "quote the value ('...')", False)
    if "could not find expected ':'" in problem:
        return ("this line is neither 'key: value' nor part of a value",
                "add ':' after the key, or quote a value that spans lines", True)
    if "end of stream" in problem and "quoted" in context:
        return "this quoted value is never closed", "add the closing quote", True
    if "escape" in problem:
        return ("unknown escape sequence in a double-quoted value",
                "use single quotes ('C:\\path'), or double the backslash", False)
    if "tag" in problem:
        return "unknown tag handle", "remove the tag: a config is plain data", False
    if "']'" in problem or "flow sequence" in context:
        return ("a [ ... ] list is not closed, or its items are not separated by commas",
                "close the list with ']' and separate its items with ', '", False)
    if "'}'" in problem or "flow mapping" in context:
        return ("a { ... } mapping is not closed, or its entries are not separated by commas",
                "close the mapping with '}' and separate its entries with ', '", False)
    if "block collection" in context or "'-' indicator" in problem:
        return ("this line does not fit the list above it",
                "start every item of a list with '- ' at the same indentation", False)
    if "block mapping" in context or "expected key" in problem:
        return ("this line is not indented like the keys around it",
                "line the key up with the other keys of its mapping (indent with spaces)", False)
    if "directive" in problem or "directive" in context:
        return (f"{problem} ({context})" if context else problem,
                "remove the line starting with '%'", False)
    detail = f"{problem} ({context})" if context else problem
    return detail, "check the YAML syntax on this line and the one before it", False

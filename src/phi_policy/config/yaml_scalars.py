"""What a plain (unquoted) YAML scalar means in a config, and how a value reads in a message.

Scalars follow the YAML 1.2 core schema, stricter wherever YAML 1.1 surprises people:

- quoted ('...', "...") and block (|, >) scalars are always strings;
- plain `true`, `True`, `TRUE`, `false`, `False`, `FALSE` are booleans; `yes`, `no`, `on`,
  `off`, `y`, `n` stay strings (the schema then says to write true or false);
- plain `null`, `Null`, `NULL`, `~` and an empty value are None;
- plain integers `[-+]?(0|[1-9][0-9]*)` are ints; a leading zero (`0755`), `0x1F`, `0o17`,
  `1_000` and sexagesimal `1:30` stay strings, so nothing is read in an unexpected base;
- plain floats `[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?` with a `.` or an
  exponent are floats (so `1.10` is the number 1.1: versions must be quoted, "1.10", and the
  schema says so); `.inf` and `.nan` stay strings;
- dates and timestamps stay strings (`2024-01-15`, and `2024-13-45` too): the schema checks them.
"""

from __future__ import annotations

import re
from typing import Any

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INT_MAX_DIGITS = 4000  # below Python's int-from-string limit (4300 digits)


def resolve_plain(value: str) -> Any:
    """A plain (unquoted) scalar's value under the rules in this module's docstring."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[:1].isalpha():  # most values and keys: neither pattern below starts with a letter
        return value
    if _INT.fullmatch(value):
        return int(value) if len(value) <= _INT_MAX_DIGITS else value
    if ("." in value or "e" in value or "E" in value) and _FLOAT.fullmatch(value):
        return float(value)
    return value


def described(value: Any) -> str:
    """How a value reads to a person, for messages."""
    if value is None:
        return "null (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        # Never the text itself: a file that is not a config (a key, a token file) would be
        # printed back whole.
        return f"a string of {len(value):,} character{'s' if len(value) != 1 else ''}"
    if isinstance(value, list):
        return "a list"
    return "a mapping"

"""How the source map names and places a value: its JSON pointer, and its Location.

The builder records one pointer and one Location per value of a config (a thousand or so), and
the schema's errors are matched to them by pointer, so both sides build pointers here.
"""

from __future__ import annotations

from collections.abc import Callable

from phi_policy.model import Location


def escape(key: str) -> str:
    """One JSON pointer segment (RFC 6901)."""
    if "~" not in key and "/" not in key:
        return key
    return key.replace("~", "~0").replace("/", "~1")


def _make_location() -> Callable[[str, int, int], Location]:
    """A Location built without the frozen dataclass's __init__ (three object.__setattr__
    calls, three times slower): a config has a thousand values, each located. The object is
    the same in every respect (fields, equality, hash, repr)."""
    if hasattr(Location, "__slots__"):
        return Location
    new = object.__new__

    def location(file: str, line: int, col: int) -> Location:
        made = new(Location)
        made.__dict__.update(file=file, line=line, col=col)
        return made

    return location


#: Location(file, line, col), made faster.
new_location = _make_location()

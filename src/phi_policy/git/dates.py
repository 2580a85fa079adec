"""Reading the dates git prints or stores, none of which may make a command fail.

Commit dates are claims, and `git commit` accepts some Python cannot hold: the year 10000
(`fromisoformat` stops at 9999) and offsets up to +99:59 (Python's stop at 23:59). Such a date
is kept as close as Python allows (the last second of 9999; the offset cut to 23:59), which
still reads as a date in the future, so it is flagged (phi_policy.audit.dating), and one
commit can no longer make every command that reads the history fail.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(
    r"(?P<year>[0-9]{4,})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})T(?P<hour>[0-9]{2}):"
    r"(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?:(?P<zone>Z)|(?P<sign>[+-])(?P<zh>[0-9]{2}):?"
    r"(?P<zm>[0-9]{2}))?"
)
_RAW_COMMITTER = re.compile(rb" (\d+) ([+-])(\d\d)(\d\d)$")
#: The largest offset Python's timezone takes (git accepts up to +99:59).
_MAX_OFFSET = dt.timedelta(hours=23, minutes=59)


def parse_datetime(text: str) -> dt.datetime:
    """A date git printed (ISO 8601, `%aI`/`%cI`), as an aware datetime; never an exception."""
    try:
        parsed = dt.datetime.fromisoformat(text)
        if parsed.tzinfo is not None:
            return parsed
    except ValueError:
        pass
    match = _ISO.match(text.strip())
    if match is None:
        return dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    offset = dt.timedelta(0)
    if match.group("sign"):
        offset = dt.timedelta(hours=int(match.group("zh")), minutes=int(match.group("zm")))
        offset = min(offset, _MAX_OFFSET)
        if match.group("sign") == "-":
            offset = -offset
    zone = dt.timezone(offset)
    if int(match.group("year")) > dt.MAXYEAR:
        return dt.datetime.max.replace(tzinfo=zone)
    try:
        return dt.datetime(
            int(match.group("year")), int(match.group("month")), int(match.group("day")),
            int(match.group("hour")), int(match.group("minute")), int(match.group("second")),
            tzinfo=zone,
        )
    except ValueError:
        return dt.datetime.max.replace(tzinfo=zone)


def parse_date(text: str) -> dt.date:
    """The calendar date of a date git printed, in its own offset (see `parse_datetime`)."""
    return parse_datetime(text).date()


def committer_datetime(data: bytes) -> str | None:
    """The committer date of a raw commit object, as ISO 8601 with its offset: what `%cI`
    prints, for commits read in bulk through `git cat-file --batch` rather than `git log`."""
    for line in data.split(b"\n"):
        if not line:
            break  # the headers end at the first empty line
        if line.startswith(b"committer "):
            match = _RAW_COMMITTER.search(line)
            if match is None:
                return None
            sign = 1 if match.group(2) == b"+" else -1
            offset = dt.timedelta(hours=int(match.group(3)), minutes=int(match.group(4)))
            zone = dt.timezone(sign * min(offset, _MAX_OFFSET))  # git takes up to +99:59
            try:
                return dt.datetime.fromtimestamp(int(match.group(1)), zone).isoformat()
            except (ValueError, OverflowError, OSError):  # past the year 9999
                return dt.datetime.max.replace(tzinfo=zone).isoformat()
    return None

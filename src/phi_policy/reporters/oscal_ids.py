"""UUIDs and timestamps of an OSCAL document, made from stable inputs and never from the clock.

Every UUID is a version-5 UUID of a fixed namespace and stable inputs (the source path,
`as_of`, the profile, the commit when read from git, and the control id), and every timestamp
is derived from `as_of` (midnight UTC), so the same input gives byte-identical output.
"""

from __future__ import annotations

import datetime as dt
import uuid

from phi_policy.model import Assessment
from phi_policy.reporters.oscal_props import NS

#: The namespace of every UUID in the document: changing it would change every UUID.
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)


class Ids:
    """UUIDs for one assessment: version 5, of the kind of object and its stable key."""

    def __init__(self, a: Assessment) -> None:
        commit = a.revision.commit if a.revision else ""
        self._subject = (a.source, a.as_of.isoformat(), a.profile, commit)

    def __call__(self, kind: str, *key: str) -> str:
        return str(uuid.uuid5(UUID_NAMESPACE, "\x1f".join((kind, *self._subject, *key))))


def midnight(day: dt.date) -> str:
    """A date as the OSCAL timestamp phi-policy uses for it: "2026-11-01T00:00:00Z"."""
    return f"{day.isoformat()}T00:00:00Z"


def day_of(text: str) -> dt.date | None:
    """A decision's date as written, or None when it is no ISO date (it then dates nothing)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None

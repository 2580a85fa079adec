"""Commit dates are claims: which ones cannot be true, said on the commit that makes them.

Whoever commits sets the date (`GIT_COMMITTER_DATE`, a wrong clock, a rebase). Two claims
are impossible: a commit dated before its parent (it cannot have been made before what it
was made on), and a commit dated after the date the run takes as today (it cannot have been
made yet). Both are flagged on the commit itself, wherever its date is used: `history`'s rows,
`check --at-date`'s answer and the evidence bundle's flags, with one wording.

A parent whose own date lies in the future is not used to judge its child: the parent's date
is the impossible one, and blaming the honest commit that follows would point an auditor at
the wrong change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from phi_policy.git.dates import parse_datetime

SHORT = 7
DateKind = Literal["date_before_parent", "future_date"]


@dataclass(frozen=True)
class DateNote:
    """A date a commit claims that cannot be true, and why, as one line."""

    kind: DateKind
    commit: str
    message: str


def end_of(day: dt.date) -> dt.datetime:
    """The last moment of `day` anywhere on Earth: its end at UTC-12 (Anywhere on Earth, the
    last zone to finish a day), so that a commit made on `day` in any zone is not after it.
    (UTC+14 is where the day ends first: taking its end flagged a commit made that very
    afternoon in Europe or America as dated in the future.)"""
    zone = dt.timezone(dt.timedelta(hours=-12))
    return dt.datetime.combine(day, dt.time.max, tzinfo=zone)


def notes(
    sha: str,
    committed: str,
    parents: Sequence[str],
    parent_dates: Sequence[str],
    today: dt.date | None,
) -> tuple[DateNote, ...]:
    """The date notes of one commit: its committer date `committed` (ISO 8601, as git prints
    it) against its parents' (`parent_dates`, "" where unknown, as in a shallow clone) and
    against the end of `today`, the date the run takes as today (None: no future check)."""
    landed = parse_datetime(committed)
    now = end_of(today) if today is not None else None
    short = sha[:SHORT]
    found: list[DateNote] = []
    for parent, stamp in zip(parents, parent_dates, strict=False):
        if not stamp:
            continue
        before = parse_datetime(stamp)
        if now is not None and before > now:
            continue  # the parent's date is the impossible one; it is flagged itself
        if before > landed:
            found.append(DateNote(
                "date_before_parent", sha,
                f"commit {short} is dated {committed}, earlier than its parent "
                f"{parent[:SHORT]} ({stamp}): its date cannot be trusted",
            ))
    if now is not None and today is not None and landed > now:
        found.append(DateNote(
            "future_date", sha,
            f"commit {short} is dated {committed}, after {today.isoformat()} (the date this "
            "run took as today): its date cannot be trusted",
        ))
    return tuple(found)

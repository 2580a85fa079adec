"""The history of a config: one point per commit that changed it, and each control's timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from phi_policy.model.terms import Band, Status


@dataclass(frozen=True)
class HistoryPoint:
    """One commit that changed the config, and its score then (as_of = the commit's date).

    `score` is None when the config did not load or validate at that commit; `invalid` says why.
    """

    sha: str
    date: dt.date
    author: str
    subject: str
    score: float | None
    band: Band | None
    invalid: str | None = None


@dataclass(frozen=True)
class Interval:
    """A stretch of history during which a control kept one status."""

    status: Status
    since_sha: str
    since_date: dt.date
    author: str
    until_sha: str | None = None
    until_date: dt.date | None = None


@dataclass(frozen=True)
class ControlTimeline:
    """For one control: the intervals in which it passed or failed, oldest first."""

    control_id: str
    title: str
    intervals: tuple[Interval, ...]

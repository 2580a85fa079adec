"""Control timelines: for every control, the stretches of history in which its status held.

Pure: from each control's status at the commits that changed the config (oldest first), each
control's intervals of constant status (pass, partial, fail, waived, not_applicable, error),
each opened by the commit that brought the status (its sha, date and author) and closed by the
commit that changed it (the last one stays open: "to date"). Commits whose config did not load
or validate are not steps here (nothing could be judged there; the history shows them), so
they neither open nor close an interval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from phi_policy.model import ControlTimeline, Interval, Status


class Marked(Protocol):
    """What a timeline needs of a control's outcome at a step."""

    @property
    def control_id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def status(self) -> Status: ...


class Step(NamedTuple):
    """One valid commit: its sha, the date it was judged at, its author and each control's
    status then (`phi_policy.audit.judging.Mark`s: control id, title and status, in any order)."""

    sha: str
    date: dt.date
    author: str
    marks: Sequence[Marked]


def build(steps: Sequence[Step]) -> tuple[ControlTimeline, ...]:
    """Every control's timeline, sorted by control id (controls no step assessed are absent)."""
    titles: dict[str, str] = {}
    open_: dict[str, Interval] = {}
    closed: dict[str, list[Interval]] = {}
    for step in steps:
        seen = set()
        for mark in step.marks:
            cid = mark.control_id
            seen.add(cid)
            titles[cid] = mark.title
            current = open_.get(cid)
            if current is not None and current.status == mark.status:
                continue
            if current is not None:
                closed.setdefault(cid, []).append(_close(current, step))
            open_[cid] = Interval(mark.status, step.sha, step.date, step.author)
        for cid in [c for c in open_ if c not in seen]:  # a control the step no longer has
            closed.setdefault(cid, []).append(_close(open_.pop(cid), step))
    ids = sorted(set(closed) | set(open_))
    return tuple(
        ControlTimeline(
            cid,
            titles[cid],
            tuple(closed.get(cid, [])) + ((open_[cid],) if cid in open_ else ()),
        )
        for cid in ids
    )


def _close(interval: Interval, step: Step) -> Interval:
    return Interval(
        interval.status,
        interval.since_sha,
        interval.since_date,
        interval.author,
        until_sha=step.sha,
        until_date=step.date,
    )


def changed(timelines: Iterable[ControlTimeline]) -> list[ControlTimeline]:
    """The timelines with more than one interval: the controls whose status moved."""
    return [t for t in timelines if len(t.intervals) > 1]

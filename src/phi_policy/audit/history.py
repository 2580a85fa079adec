"""The config's history: every commit that changed it, each judged as it stood on its own date.

Two steps. `git_history.read` asks git for the commits that changed the config and the bytes
of every distinct version (a `Source`). `build` is pure: given those plain values it has each
distinct version judged at the dates of the commits that have it (`judging`, in worker
processes) and makes one `Row` per commit, with the change in score and in each control's
status since the previous valid commit.

The committer date is the one that counts because it is when the change landed on the
branch (a rebased or merged commit keeps its older author date); the author date is shown
too. A commit at which the config does not load or validate is a row marked invalid with the
first problem, never a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from phi_policy.audit.dating import DateNote
from phi_policy.audit.git_history import Source
from phi_policy.audit.judging import Verdict, judge_all, plan
from phi_policy.audit.timelines import Step
from phi_policy.catalog.packs import Catalog
from phi_policy.config.loader import Document
from phi_policy.engine import rounding
from phi_policy.git.log import ConfigCommit
from phi_policy.model import Decision, HistoryPoint, Status

SHORT = 7
DELETED = "the config was deleted in this commit"
LINKED = "the config is a symbolic link in this commit; phi-policy does not follow links"


@dataclass(frozen=True)
class Change:
    """A control whose status differs from the previous valid commit's."""

    control_id: str
    title: str
    before: Status
    after: Status


@dataclass(frozen=True)
class Row:
    """One commit that changed the config, judged as of its committer date.

    `verdict` is None when the config did not load or validate there; `invalid` says why.
    `delta` and `changes` compare with the previous valid row (the last change before the
    period for the first one). `decisions` are the config's documented decisions there;
    `parent_dates` the parents' committer dates, in order; `dating` what cannot be true of its
    date (a date before its parent's, or after the run's today: phi_policy.audit.dating).
    """

    commit: ConfigCommit
    as_of: dt.date
    verdict: Verdict | None
    invalid: str | None = None
    delta: float | None = None
    changes: tuple[Change, ...] = ()
    parent_dates: tuple[str, ...] = ()
    decisions: tuple[Decision, ...] = ()
    dating: tuple[DateNote, ...] = ()

    @property
    def short_sha(self) -> str:
        return self.commit.sha[:SHORT]

    @property
    def score(self) -> float | None:
        return self.verdict.score if self.verdict else None


@dataclass(frozen=True)
class History:
    """The rows of the period, oldest first, and the last change before it (`before`)."""

    path: str
    head: str
    first_parent: bool
    profile: str
    rows: tuple[Row, ...]
    before: Row | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    blobs: Mapping[str, bytes] = field(default_factory=dict, compare=False, repr=False)

    def document(self, row: Row) -> Document | None:
        """The config as it was at a valid row (loaded again from its bytes), to judge it at
        another date; None for an invalid row."""
        from phi_policy.config.loader import load_text

        if row.verdict is None or row.commit.blob is None:
            return None
        return load_text(self.blobs[row.commit.blob], row.commit.path)

    def points(self) -> tuple[HistoryPoint, ...]:
        """The rows as the HTML report's score-over-time chart wants them."""
        return tuple(
            HistoryPoint(
                sha=r.commit.sha,
                date=r.as_of,
                author=r.commit.author_name,
                subject=r.commit.subject,
                score=r.score,
                band=r.verdict.band if r.verdict else None,
                invalid=r.invalid,
            )
            for r in self.rows
        )

    def steps(self) -> tuple[Step, ...]:
        """The valid rows (the one before the period first) as timeline steps."""
        rows = ([self.before] if self.before else []) + list(self.rows)
        return tuple(
            Step(r.commit.sha, r.as_of, r.commit.author_name, r.verdict.marks)
            for r in rows
            if r.verdict is not None
        )


def build(
    source: Source,
    catalog: Catalog,
    profile: str = "hipaa",
    *,
    jobs: int | None = 1,
    on_step: Callable[[int], None] | None = None,
    today: dt.date | None = None,
) -> History:
    """Judge every commit of `source` as of its committer date, the distinct versions in up to
    `jobs` worker processes (None: the machine's cores). Pure; `on_step(n)` is called as n
    more versions of `plan(source)` are judged (a progress bar). `today` is the date the
    run takes as today: a commit dated after it is flagged (None: not checked)."""
    from phi_policy.audit import dating

    versions = plan(source)
    judged = judge_all(versions, catalog, profile, jobs=jobs, on_step=on_step)
    found = {
        (v.blob, v.path): (j, dict(zip(v.dates, j.verdicts, strict=False)))
        for v, j in zip(versions, judged, strict=True)
    }

    def row(commit: ConfigCommit) -> Row:
        as_of = commit.date
        parents = tuple(source.parent_dates.get(p, "") for p in commit.parents)
        notes = dating.notes(commit.sha, commit.committer_datetime, commit.parents, parents,
                             today)
        if commit.blob is None:
            return Row(commit, as_of, None, DELETED, parent_dates=parents, dating=notes)
        if commit.link:
            return Row(commit, as_of, None, LINKED, parent_dates=parents, dating=notes)
        result, verdicts = found[(commit.blob, commit.path)]
        if result.invalid is not None:
            return Row(commit, as_of, None, result.invalid, parent_dates=parents, dating=notes)
        return Row(commit, as_of, verdicts[as_of], parent_dates=parents,
                   decisions=result.decisions, dating=notes)

    before = row(source.before) if source.before else None
    previous = before if before and before.verdict else None
    rows = []
    for commit in source.commits:
        current = row(commit)
        if current.verdict is not None:
            if previous is not None and previous.verdict is not None:
                current = _compared(current, previous.verdict)
            previous = current
        rows.append(current)
    return History(
        path=source.path,
        head=source.head,
        first_parent=source.first_parent,
        profile=profile,
        rows=tuple(rows),
        before=before,
        since=source.since,
        until=source.until,
        blobs=source.blobs,
    )


def _compared(row: Row, previous: Verdict) -> Row:
    assert row.verdict is not None
    now = row.verdict
    delta = rounding.change(previous.score, now.score)
    before = {m.control_id: m.status for m in previous.marks}
    changes = tuple(
        Change(m.control_id, m.title, before[m.control_id], m.status)
        for m in now.marks
        if m.control_id in before and before[m.control_id] != m.status
    )
    return replace(row, delta=delta, changes=changes)


def printable(history: History) -> History:
    """The history with the text of its commits and problems on one line each (a line break
    in a subject, a name or a config's value shows as \\n), for the text formats."""
    from phi_policy.safe_text import flatten

    def one(row: Row) -> Row:
        return replace(row, commit=flatten(row.commit), invalid=flatten(row.invalid),
                       dating=flatten(row.dating))

    return replace(history, rows=tuple(one(r) for r in history.rows),
                   before=one(history.before) if history.before else None)

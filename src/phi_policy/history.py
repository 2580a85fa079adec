"""The config's history: every commit that changed it, each judged as it stood on its own date.

Two steps. `read` asks git (through `gitsource`, in two processes whatever the length of the
history: one `git log`, one `git cat-file --batch`) for the commits that changed the config
and the bytes of every distinct version. `build` is pure: given those plain values it loads
and validates each distinct blob once (a version seen again, as after a revert, is not parsed
again) and evaluates each commit with `as_of` = its committer date, so a BAA that expired or a
review that fell due is judged as it was when the commit landed. Only the evaluation depends
on the date; a blob that reappears on the same date is not even evaluated twice.

The committer date is the one that counts because it is when the change landed on the
branch (a rebased or merged commit keeps its older author date); the author date is shown
too. A commit at which the config does not load or validate is a row marked invalid with the
first problem, never a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from phi_policy import gitsource
from phi_policy.errors import GitError, InputError
from phi_policy.gitsource import ConfigCommit, Repository
from phi_policy.loader import Document
from phi_policy.model import Assessment, Context, HistoryPoint, Status, Waiver
from phi_policy.packs import Catalog
from phi_policy.problems_format import dotted
from phi_policy.timelines import Step

SHORT = 7
DELETED = "the config was deleted in this commit"


@dataclass(frozen=True)
class Source:
    """What git said: the commits in the period (oldest first), the last change before it,
    the bytes of each version by blob name, and the committer dates of the commits' parents."""

    path: str
    head: str
    first_parent: bool
    commits: tuple[ConfigCommit, ...]
    before: ConfigCommit | None
    blobs: Mapping[str, bytes]
    parent_dates: Mapping[str, str] = field(default_factory=dict)
    since: dt.date | None = None
    until: dt.date | None = None


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

    `assessment` is None when the config did not load or validate there; `invalid` says why.
    `delta` and `changes` compare with the previous valid row (the last change before the
    period for the first one). `document` is the loaded config (for a later re-judging at
    another date, or its waivers); `parent_dates` the parents' committer dates, in order.
    """

    commit: ConfigCommit
    as_of: dt.date
    assessment: Assessment | None
    invalid: str | None = None
    delta: float | None = None
    changes: tuple[Change, ...] = ()
    parent_dates: tuple[str, ...] = ()
    document: Document | None = field(default=None, compare=False, repr=False)

    @property
    def short_sha(self) -> str:
        return self.commit.sha[:SHORT]

    @property
    def score(self) -> float | None:
        return self.assessment.score if self.assessment else None

    @property
    def waivers(self) -> tuple[Waiver, ...]:
        from phi_policy.waivers import read_waivers

        return tuple(read_waivers(self.document.data)) if self.document is not None else ()


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

    def points(self) -> tuple[HistoryPoint, ...]:
        """The rows as the HTML report's score-over-time chart wants them."""
        return tuple(
            HistoryPoint(
                sha=r.commit.sha,
                date=r.as_of,
                author=r.commit.author_name,
                subject=r.commit.subject,
                score=r.score,
                band=r.assessment.band if r.assessment else None,
                invalid=r.invalid,
            )
            for r in self.rows
        )

    def steps(self) -> tuple[Step, ...]:
        """The valid rows (the one before the period first) as timeline steps."""
        rows = ([self.before] if self.before else []) + list(self.rows)
        return tuple(
            Step(r.commit.sha, r.as_of, r.commit.author_name, r.assessment)
            for r in rows
            if r.assessment is not None
        )


def select(
    commits: Sequence[ConfigCommit], since: dt.date | None, until: dt.date | None
) -> tuple[list[ConfigCommit], ConfigCommit | None]:
    """(the commits dated within [since, until], the last one dated before `since`)."""
    chosen = [
        c
        for c in commits
        if (since is None or c.date >= since) and (until is None or c.date <= until)
    ]
    earlier = [c for c in commits if since is not None and c.date < since]
    return chosen, (earlier[-1] if earlier else None)


def read(
    repo: Repository,
    path: str,
    rev: str = "HEAD",
    *,
    every_ref: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Source:
    """Read the history of `path` from git: one `git log`, one `git cat-file --batch`.

    GitError when nothing in the history changed the config (it was never committed there).
    """
    head = gitsource.resolve_sha(repo, rev)
    commits = gitsource.config_log(repo, path, head, every_ref=every_ref)
    if not commits:
        raise GitError(
            f"{path} has no history at {rev} ({head[:12]}): no commit there changed it",
            hint="check the config path, and commit the config first",
        )
    chosen, before = select(commits, since, until)
    wanted = [c for c in ([before] if before else []) + chosen if c.blob]
    objects = gitsource.read_objects(
        repo,
        [c.blob for c in wanted if c.blob],
        [p for c in chosen for p in c.parents],
    )
    blobs = {objects.blob_ids[name]: data for name, data in objects.blobs.items()}

    def named(commit: ConfigCommit | None) -> ConfigCommit | None:
        """The commit with its blob named by id (a merge git showed no diff for is read by
        `<commit>:<path>`)."""
        if commit is None or commit.blob is None or commit.blob in blobs:
            return commit
        return replace(commit, blob=objects.blob_ids[commit.blob])

    return Source(
        path=path,
        head=head,
        first_parent=not every_ref,
        commits=tuple(c for c in map(named, chosen) if c is not None),
        before=named(before),
        blobs=blobs,
        parent_dates=objects.commit_dates,
        since=since,
        until=until,
    )


def build(
    source: Source,
    catalog: Catalog,
    profile: str = "hipaa",
    *,
    on_step: Callable[[], None] | None = None,
) -> History:
    """Judge every commit of `source` as of its committer date. Pure; `on_step` is called
    after each commit (a progress bar)."""
    from phi_policy.pipeline import assess

    loaded: dict[tuple[str, str], Document | str] = {}
    assessed: dict[tuple[str, str, dt.date], Assessment] = {}

    def judge(commit: ConfigCommit) -> Row:
        as_of = commit.date
        parents = tuple(source.parent_dates.get(p, "") for p in commit.parents)
        if commit.blob is None:
            return Row(commit, as_of, None, DELETED, parent_dates=parents)
        key = (commit.blob, commit.path)
        if key not in loaded:
            loaded[key] = _load(source.blobs[commit.blob], commit.path, catalog)
        document = loaded[key]
        if isinstance(document, str):
            return Row(commit, as_of, None, document, parent_dates=parents)
        dated = (commit.blob, commit.path, as_of)
        if dated not in assessed:
            assessed[dated] = assess(document, catalog, Context(as_of, profile))
        return Row(commit, as_of, assessed[dated], parent_dates=parents, document=document)

    before = judge(source.before) if source.before else None
    previous = before if before and before.assessment else None
    rows = []
    for commit in source.commits:
        row = judge(commit)
        if row.assessment is not None:
            if previous is not None and previous.assessment is not None:
                row = _compared(row, previous.assessment)
            previous = row
        rows.append(row)
        if on_step is not None:
            on_step()
    return History(
        path=source.path,
        head=source.head,
        first_parent=source.first_parent,
        profile=profile,
        rows=tuple(rows),
        before=before,
        since=source.since,
        until=source.until,
    )


def _load(data: bytes, path: str, catalog: Catalog) -> Document | str:
    """The valid document, or why it is not one: its first problem at file:line:col."""
    from phi_policy.pipeline import load_valid_text

    try:
        return load_valid_text(data, path, catalog)
    except InputError as error:
        if not error.problems:
            return error.message
        first = sorted(error.problems, key=lambda p: (p.location.line, p.location.col))[0]
        where = dotted(first.pointer)
        reason = f"{first.location}: {where + ': ' if where else ''}{first.message}"
        more = len(error.problems) - 1
        return reason + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")


def _compared(row: Row, previous: Assessment) -> Row:
    assert row.assessment is not None
    now = row.assessment
    delta = None
    if now.score is not None and previous.score is not None:
        delta = round(now.score - previous.score, 2) + 0.0
    before = {r.control_id: r.outcome.status for r in previous.results}
    changes = tuple(
        Change(r.control_id, r.title, before[r.control_id], r.outcome.status)
        for r in now.results
        if r.control_id in before and before[r.control_id] != r.outcome.status
    )
    return replace(row, delta=delta, changes=changes)


def load(
    config: str,
    rev: str = "HEAD",
    *,
    every_ref: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    cwd: Path | None = None,
) -> Source:
    """Open the repository holding `config` (relative to `cwd`), read its history, close it."""
    here = Path(cwd or Path.cwd())
    with gitsource.open_repo(here / config) as repo:
        path = repo.relative(config, here)
        return read(repo, path, rev, every_ref=every_ref, since=since, until=until)

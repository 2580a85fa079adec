"""The config's history: every commit that changed it, each judged as it stood on its own date.

Two steps. `read` asks git (through phi_policy.git, in two processes whatever the length of the
history: one `git log`, one `git cat-file --batch`) for the commits that changed the config
and the bytes of every distinct version. `build` is pure: given those plain values it loads
and validates each distinct version once (a version seen again, as after a revert, is not
parsed again) and judges it at the committer date of each commit that has it, so a BAA that
expired or a review that fell due is judged as it was when the commit landed. For a version
judged at several dates only the date-driven part is recomputed: the controls that read the
date, the decisions' review dates and the scores (see `evaluate`'s `known`). The versions are judged
in worker processes (`jobs`), as fleet mode does, and each comes back as a small `Verdict`
(scores, band, each control's status), not as a full assessment, so that a history of
thousands of versions stays small in memory.

The committer date is the one that counts because it is when the change landed on the
branch (a rebased or merged commit keeps its older author date); the author date is shown
too. A commit at which the config does not load or validate is a row marked invalid with the
first problem, never a crash.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from phi_policy.audit.dating import DateNote
from phi_policy.audit.timelines import Step
from phi_policy.catalog.packs import Catalog
from phi_policy.config.loader import Document
from phi_policy.engine import rounding
from phi_policy.errors import GitError, InputError
from phi_policy.git.changes import config_log
from phi_policy.git.files import link_error
from phi_policy.git.log import ConfigCommit
from phi_policy.git.objects import read_objects
from phi_policy.git.repo import SHALLOW_HINT, Repository, open_repo
from phi_policy.git.revisions import resolve_sha
from phi_policy.model import Assessment, Band, Context, Decision, HistoryPoint, Outcome, Status
from phi_policy.reporters.problems import dotted

SHORT = 7
DELETED = "the config was deleted in this commit"
LINKED = "the config is a symbolic link in this commit; phi-policy does not follow links"
#: Fewer distinct versions than this are judged in this process: starting workers would cost
#: more than they save.
PARALLEL_FROM = 48


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


class Mark(NamedTuple):
    """One control's outcome in a verdict."""

    control_id: str
    title: str
    status: Status
    credit: float | None


@dataclass(frozen=True)
class Verdict:
    """What history keeps of an assessment: the scores, the band and every control's status
    (what the rows, the timelines and the evidence bundle show), a few KB instead of the
    assessment's tens."""

    score: float | None
    raw_score: float | None
    band: Band | None
    marks: tuple[Mark, ...]

    @classmethod
    def of(cls, assessment: Assessment) -> Verdict:
        return cls(
            assessment.score,
            assessment.raw_score,
            assessment.band,
            tuple(
                Mark(r.control_id, r.title, r.outcome.status, r.outcome.credit)
                for r in assessment.results
            ),
        )


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


def select(
    commits: Sequence[ConfigCommit], since: dt.date | None, until: dt.date | None
) -> tuple[list[ConfigCommit], ConfigCommit | None]:
    """(the commits of the period, the last one before it), by their place on the line.

    The period runs from the first commit dated on or after `since` to the last one dated
    on or before `until`, and holds every commit between them whatever its date: a date is
    a claim, and a commit dated in the future or backdated inside the period must stay in
    the evidence (flagged), not vanish and leave its change to the next commit.
    """
    start = 0
    if since is not None:
        start = next((i for i, c in enumerate(commits) if c.date >= since), len(commits))
    end = len(commits)
    if until is not None:
        end = next((i + 1 for i in range(len(commits) - 1, -1, -1) if commits[i].date <= until),
                   0)
    chosen = list(commits[start:end]) if end > start else []
    return chosen, (commits[start - 1] if start > 0 else None)


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
    head = resolve_sha(repo, rev)
    commits = config_log(repo, path, head, every_ref=every_ref)
    if not commits:
        raise GitError(
            f"{path} has no history at {rev} ({head[:12]}): no commit there changed it",
            hint="check the config path, and commit the config first",
        )
    if commits[-1].link:
        raise link_error(path, f"at {rev} ({head[:12]})")
    chosen, before = select(commits, since, until)
    wanted = [c for c in ([before] if before else []) + chosen if c.blob]
    objects = read_objects(
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


@dataclass(frozen=True)
class Version:
    """A distinct version of the config (its blob, under its path) and the dates it is to be
    judged at: the work of one worker step."""

    blob: str
    path: str
    data: bytes
    dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class Judged:
    """A version judged: why it is invalid, or its decisions and a verdict per date."""

    invalid: str | None
    decisions: tuple[Decision, ...] = ()
    verdicts: tuple[Verdict, ...] = ()


def plan(source: Source) -> list[Version]:
    """The distinct versions to judge, in order of first appearance, each with its dates."""
    dates: dict[tuple[str, str], set[dt.date]] = {}
    for commit in ([source.before] if source.before else []) + list(source.commits):
        if commit.blob is not None and not commit.link:
            dates.setdefault((commit.blob, commit.path), set()).add(commit.date)
    return [
        Version(blob, path, source.blobs[blob], tuple(sorted(days)))
        for (blob, path), days in dates.items()
    ]


def judge(state: tuple[Catalog, str], version: Version) -> Judged:
    """Load and validate a version once, then judge it at each of its dates, recomputing only
    the date-driven part after the first (module level: a worker process runs it)."""
    from phi_policy.config.decisions import read_decisions
    from phi_policy.pipeline import assess

    catalog, profile = state
    document = _load(version.data, version.path, catalog)
    if isinstance(document, str):
        return Judged(document)
    # Watching which controls read the date only pays when there is a next date.
    known: dict[str, Outcome] | None = {} if len(version.dates) > 1 else None
    verdicts = tuple(
        Verdict.of(assess(document, catalog, Context(day, profile), known=known))
        for day in version.dates
    )
    return Judged(None, tuple(read_decisions(document.data)), verdicts)


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
    from phi_policy.fleet import workers as pool

    versions = plan(source)
    reload = catalog.reloader()
    rebuild = None if reload is None else functools.partial(_state_again, reload, profile)
    judged = pool.run(judge, versions, (catalog, profile), workers=jobs,
                      min_items=PARALLEL_FROM, rebuild=rebuild, on_done=on_step)
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


def _state_again(reload: Callable[[], Catalog], profile: str) -> tuple[Catalog, str]:
    """A spawned worker's state: the same catalog, loaded again, and the profile."""
    return reload(), profile


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


def load(
    config: str,
    rev: str = "HEAD",
    *,
    every_ref: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
    cwd: Path | None = None,
    allow_shallow: bool = False,
) -> Source:
    """Open the repository holding `config` (relative to `cwd`), read its history, close it.

    GitError when the clone is shallow (unless `allow_shallow`), or when the config is a
    symbolic link at `rev` or in the working tree.
    """
    here = Path(cwd or Path.cwd())
    with open_repo(here / config) as repo:
        require_full_history(repo, allow_shallow)
        path = repo.relative(config, here)
        return read(repo, path, rev, every_ref=every_ref, since=since, until=until)


def require_full_history(repo: Repository, allow_shallow: bool) -> None:
    """GitError (exit 2) in a shallow clone: its history is cut, and a history or a bundle
    read from it would show a few commits as if they were all, and verify."""
    if repo.shallow and not allow_shallow:
        raise GitError(
            "this is a shallow clone: its history is cut, so the history read from it would "
            "be incomplete",
            hint=SHALLOW_HINT + "; or pass --allow-shallow if the cut is intended",
        )


def printable(history: History) -> History:
    """The history with the text of its commits and problems on one line each (a line break
    in a subject, a name or a config's value shows as \\n), for the text formats."""
    from phi_policy.safe_text import flatten

    def one(row: Row) -> Row:
        return replace(row, commit=flatten(row.commit), invalid=flatten(row.invalid),
                       dating=flatten(row.dating))

    return replace(history, rows=tuple(one(r) for r in history.rows),
                   before=one(history.before) if history.before else None)

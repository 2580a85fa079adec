"""The config's history as git has it: the commits that changed it and the bytes of each version.

Reading asks git (through phi_policy.git) in two processes whatever the length of the history:
one `git log` for the commits that changed the config, one `git cat-file --batch` for the bytes
of every distinct version and the dates of the commits' parents. What comes back is a `Source`
of plain values, so judging it (`phi_policy.audit.history.build`) needs no repository and can
run in worker processes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from phi_policy.errors import GitError
from phi_policy.git.changes import config_log
from phi_policy.git.files import link_error
from phi_policy.git.log import ConfigCommit
from phi_policy.git.objects import read_objects
from phi_policy.git.repo import SHALLOW_HINT, Repository, open_repo
from phi_policy.git.revisions import resolve_sha


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

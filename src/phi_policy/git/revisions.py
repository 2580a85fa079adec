"""Resolving revisions: names to commits, merge bases, refs, and the commit at a date.

A revision is what a user typed (HEAD~1, main, a tag, a sha), so each failure says which one
git knew no commit by, and why that may be (a shallow clone's cut, a branch not fetched, a
repository without commits). A detached HEAD (the normal state in CI) is fine: only the
evidence asks for the current branch, and takes None for an answer.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from phi_policy.errors import GitError
from phi_policy.git.dates import parse_date
from phi_policy.git.log import Commit, read_log
from phi_policy.git.repo import SHALLOW_HINT, Repository, missing_hint

#: A full commit id (SHA-1 or SHA-256), which needs no resolving.
FULL_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


def resolve_sha(repo: Repository, rev: str) -> str:
    """The full commit id `rev` names; GitError saying which revision when it names none."""
    if not rev or rev.startswith("-") or any(ch in rev for ch in "\0\n"):
        raise GitError(
            f"{rev!r} is not a revision", hint="pass a commit, branch or tag, e.g. HEAD~1"
        )
    sha = _commit_id(repo, rev, doing=f"resolving revision {rev}")
    if sha is not None:
        return sha
    if re.fullmatch(r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}", rev):
        raise GitError(
            f"commit {rev} is not in this repository (its objects are missing)",
            hint=missing_hint(repo),
        )
    hint = (
        SHALLOW_HINT
        if repo.shallow
        else ("check the name with git log --oneline, and fetch the branch if it is remote")
    )
    if rev == "HEAD" and not repo.shallow:
        hint = "the repository has no commits yet: commit the config first"
    raise GitError(f"unknown revision {rev!r}: git knows no commit by that name", hint=hint)


def resolve(repo: Repository, rev: str, *, signatures: bool = True) -> Commit:
    """Everything the reports need about the commit `rev` names."""
    sha = resolve_sha(repo, rev)
    log = read_log(repo, "-1", sha, doing=f"reading commit {rev}", signatures=signatures,
                   abbreviate=True)
    return log[0].commit


def branch_exists(repo: Repository, name: str) -> bool:
    """Whether `name` names a commit here (a branch, tag or any revision)."""
    return _commit_id(repo, name, doing=f"resolving {name}") is not None


def _commit_id(repo: Repository, rev: str, *, doing: str) -> str | None:
    return repo.ask("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", doing=doing)


def default_branch_merge_base(repo: Repository, head: str = "HEAD") -> tuple[str, str]:
    """(the default branch's name, the merge base of `head` with it), as a pull request's diff.

    The default branch is origin/HEAD's target, else main, else master (local, then origin/).
    """
    head_sha = resolve_sha(repo, head)
    for name in _default_branch_candidates(repo):
        if branch_exists(repo, name):
            out = _merge_base(repo, name, head_sha, head)
            if not out.strip():
                break
            return name, out.split()[0]
    hint = SHALLOW_HINT if repo.shallow else "pass the base revision explicitly, e.g. origin/main"
    raise GitError(
        f"cannot find the merge base of {head} with the default branch "
        "(tried origin/HEAD, main, master, origin/main, origin/master)",
        hint=hint,
    )


def _merge_base(repo: Repository, name: str, head_sha: str, head: str) -> str:
    """`git merge-base NAME HEAD`; GitError saying so when the two share no history (git
    then exits 1 and prints nothing, which alone reads as "git exited with status 1")."""
    out = repo.ask("merge-base", name, head_sha,
                   doing=f"finding the merge base of {head} with {name}")
    if out is not None:
        return out
    raise GitError(
        f"{head} and {name} have no commit in common (unrelated histories), so there is no "
        "merge base to compare with",
        hint=SHALLOW_HINT if repo.shallow else "pass the base revision explicitly, e.g. "
        f"phi-policy diff {name} {head}, or rebase the branch onto {name}",
    )


def _default_branch_candidates(repo: Repository) -> list[str]:
    names = []
    target = repo.ask("symbolic-ref", "-q", "refs/remotes/origin/HEAD",
                      doing="reading origin/HEAD")
    if target is not None:
        names.append(target.removeprefix("refs/remotes/"))
    names += ["main", "master", "origin/main", "origin/master"]
    return list(dict.fromkeys(names))


def current_branch(repo: Repository) -> str | None:
    """The checked-out branch's name; None on a detached HEAD (as in CI)."""
    name = repo.ask("symbolic-ref", "-q", "--short", "HEAD", doing="reading the current branch")
    return (name or "").strip() or None


def ref_names(repo: Repository) -> list[str]:
    """The short names of every branch, tag and remote-tracking branch, sorted: what a shell
    completes a revision argument with."""
    out = repo.git("for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags",
                   "refs/remotes", doing="listing the branches and tags")
    return sorted({line for line in str(out).splitlines() if line and not line.endswith("/HEAD")})


def ancestors(repo: Repository, rev: str) -> set[str]:
    """Every commit reachable from `rev` (itself included): one `git rev-list`."""
    sha = resolve_sha(repo, rev)
    out = repo.git("rev-list", sha, doing=f"listing the history of {rev}")
    return set(out.split())


def commit_at_date(
    repo: Repository, rev: str, day: dt.date, today: dt.date | None = None
) -> tuple[Commit, tuple[Any, ...]]:
    """(the commit `rev`'s first-parent line was at on `day`, its date notes).

    Walked oldest first: the answer is the last commit before the first one dated after
    `day`. A commit dated on or before `day` that comes after one dated later cannot have
    existed on `day` (what it was made on did not), so a backdated commit is never the
    answer. The notes (phi_policy.audit.dating) say when the answer's own date cannot be true.
    GitError when even the first commit is dated after `day`.
    """
    from phi_policy.audit import dating

    sha = resolve_sha(repo, rev)
    line = [
        entry.commit
        for entry in read_log(repo, "--first-parent", sha, doing=f"reading the history of {rev}",
                              signatures=False)
    ]
    line.reverse()
    chosen: int | None = None
    for index, commit in enumerate(line):
        if parse_date(commit.committer_datetime) > day:
            break
        chosen = index
    if chosen is None:
        oldest = (
            f"; its first commit is {line[0].sha[:12]} of {line[0].committer_datetime[:10]}"
            if line else ""
        )
        raise GitError(
            f"no commit on the first-parent line of {rev} is dated on or before "
            f"{day.isoformat()}{oldest}",
            hint=SHALLOW_HINT if repo.shallow else "pick a later --as-of date",
        )
    found = line[chosen]
    parents = list(found.parents)
    parent_dates = [line[chosen - 1].committer_datetime] if chosen > 0 and parents else []
    notes = dating.notes(found.sha, found.committer_datetime, parents[:1], parent_dates, today)
    return resolve(repo, found.sha), notes

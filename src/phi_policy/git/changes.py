"""What changed a file: the commits that touched it, the files revisions differ in, blame.

Each walk is one `git log` (or `git diff`, or `git blame`) whatever the length of the
history, read through the one format and parser of phi_policy.git.log.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from phi_policy.git.log import (
    Commit,
    ConfigCommit,
    FileChange,
    main_change,
    parse_changes,
    read_log,
)
from phi_policy.git.objects import batch
from phi_policy.git.repo import Repository, gitpython, stderr_text, translated
from phi_policy.git.revisions import FULL_SHA, resolve, resolve_sha

_BLAME_HEADER = re.compile(r"^([0-9a-f]{40}) \d+ \d+")


def commits_for_path(
    repo: Repository, path: str, rev: str = "HEAD", *, signatures: bool = True
) -> list[ConfigCommit]:
    """The commits reachable from `rev` that changed `path`, following renames, newest first.

    Each entry carries the file's name in that commit (so a rename shows as change "renamed"
    with `old_path`). This is `git log --follow`, so only one file can be followed at a time;
    a file created as a copy of another shows as "copied", and the entries after it (older)
    are the source file's history, as git reports them.
    """
    sha = resolve_sha(repo, rev)
    entries = read_log(
        repo, "--follow", "-M", "--raw", sha, "--", path,
        doing=f"reading the history of {path}", signatures=signatures,
    )
    return [
        ConfigCommit.of(entry.commit, change)
        for entry in entries
        if (change := main_change(entry.changes)) is not None
    ]


def config_log(
    repo: Repository,
    path: str,
    rev: str = "HEAD",
    *,
    every_ref: bool = False,
    follow: bool = True,
) -> list[ConfigCommit]:
    """Every commit that changed `path`, oldest first, with the config's blob id in each.

    By default the first-parent line of `rev` (what landed on the branch: a merged pull
    request is its merge commit, compared with the branch before it), in ONE `git log` run:
    `--follow` follows renames, which is reliable on a line without merges to cross (a rename
    made on a branch shows at the merge that brought it). The blob ids come from the same run
    (`--raw`), so nothing is read per commit.

    `every_ref` walks every commit reachable from any ref instead (a merged change is then the
    branch commit that made it, and the merge too when it differs from its first parent). git's
    `--follow` keeps one name at a time along a date-ordered walk, so across branches it loses
    commits; instead the names the file had on the first-parent line are all given as paths,
    in a second `git log` run, and rename detection among them does the following.
    """
    sha = rev if FULL_SHA.fullmatch(rev) else resolve_sha(repo, rev)
    line = _config_log(repo, ["--first-parent", sha], [path], follow=follow)
    if not every_ref:
        return line
    names = sorted({c.path for c in line} | {c.old_path for c in line if c.old_path} | {path})
    return _config_log(repo, ["--all", "--date-order"], names, follow=False)


def _config_log(
    repo: Repository, walk: list[str], paths: list[str], *, follow: bool
) -> list[ConfigCommit]:
    args = ["--raw", "-M", "--diff-merges=first-parent", *walk]
    if follow:
        args.append("--follow")
    entries = read_log(repo, *args, "--", *paths, doing=f"reading the history of {paths[0]}")
    commits = [
        # A merge git showed without a diff: its blob is read by name.
        ConfigCommit.of(entry.commit, main_change(entry.changes)
                        or FileChange("modified", paths[0], blob=f"{entry.commit.sha}:{paths[0]}"))
        for entry in entries
    ]
    commits.reverse()
    return commits


@dataclass(frozen=True)
class ConfigVersion:
    """A commit of a range with the config's bytes in it and in each of its parents (None
    where the config is absent)."""

    sha: str
    author_name: str
    author_email: str
    data: bytes | None
    parents: tuple[bytes | None, ...]


def config_versions(
    repo: Repository, base: str, head: str, paths: Sequence[str]
) -> tuple[list[ConfigVersion], bytes | None]:
    """(every commit of `base..head` oldest first, with the config in it and its parents;
    the config at `head`), in two git processes: one `git log`, one `git cat-file --batch`.

    The config is read under the first of `paths` that a commit has (its name at the head,
    then at the base, to follow a rename inside the range). This is what attributing an
    entry to the commits that wrote it needs (phi_policy.audit.attribution): the pull request's
    own commits, in order, rather than `git blame`'s latest committer time.
    """
    head_sha = resolve_sha(repo, head)
    commits = [
        entry.commit
        for entry in read_log(repo, "--reverse", "--topo-order", f"{base}..{head_sha}",
                              doing=f"listing the commits from {base[:12]} to {head}",
                              signatures=False)
    ]
    wanted = {head_sha} | {c.sha for c in commits} | {p for c in commits for p in c.parents}
    names = [f"{sha}:{path}" for sha in sorted(wanted) for path in paths]
    found = batch(repo, names) if names else {}

    def data(sha: str) -> bytes | None:
        for path in paths:
            entry = found.get(f"{sha}:{path}")
            if entry is not None and entry[1] == "blob":
                return entry[2]
        return None

    versions = [
        ConfigVersion(c.sha, c.author_name, c.author_email, data(c.sha),
                      tuple(data(p) for p in c.parents))
        for c in commits
    ]
    return versions, data(head_sha)


def changed_files(
    repo: Repository, base: str, head: str | None, paths: Sequence[str],
    *, similarity: int | None = None,
) -> list[FileChange]:
    """Files under `paths` that differ from `base` to `head` (None: the working tree, with
    untracked files counted as added), sorted by path. A rename is detected at git's default
    similarity (50%), or at `similarity` percent."""
    if not paths:
        return []
    base_sha = resolve_sha(repo, base)
    revs = [base_sha] if head is None else [base_sha, resolve_sha(repo, head)]
    out = repo.git(
        "diff",
        "--raw",
        "--no-abbrev",
        f"-M{similarity}%" if similarity is not None else "-M",
        "-z",
        "--no-color",
        *revs,
        "--",
        *paths,
        doing="comparing the control packs",
    )
    changes = parse_changes(out)
    if head is None:
        untracked = repo.git(
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--",
            *paths,
            doing="listing untracked files",
        )
        changes += [FileChange("added", p) for p in untracked.split("\0") if p]
    return sorted(changes, key=lambda c: (c.path, c.status))


def last_change(
    repo: Repository, rev: str | None, path: str, start: int, end: int
) -> Commit | None:
    """The commit that last changed lines `start`..`end` of `path` at `rev` (`git blame`).

    With `rev` None the working tree's file is blamed, and None means a line is uncommitted.
    """
    args = ["blame", "--porcelain", "-L", f"{start},{end}"]
    if rev is not None:
        args.append(resolve_sha(repo, rev))
    with translated(repo, f"reading who changed {path}"):
        git = gitpython()
        try:
            out = str(repo.handle.git.execute(["git", *args, "--", path]))
        except git.exc.GitCommandError as error:
            if rev is None and "no such path" in stderr_text(error.stderr):
                return None  # a new file, not yet added
            raise
    latest: tuple[int, str] | None = None
    current = ""
    for line in out.splitlines():
        match = _BLAME_HEADER.match(line)
        if match:
            current = match.group(1)
            if set(current) == {"0"}:
                return None
        elif line.startswith("committer-time ") and current:
            stamp = int(line.split()[1])
            if latest is None or stamp > latest[0]:
                latest = (stamp, current)
    return resolve(repo, latest[1]) if latest else None

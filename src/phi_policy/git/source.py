"""The one module that talks to git: configs, packs and commit facts at any revision.

Everything else in phi-policy receives plain values from here (text, a commit's date and
author, a list of changed files), so the pipeline stays pure and the git edge stays small.
Nothing here touches the working tree, the index or any ref: every read is of an object
(`git cat-file`, `git ls-tree`, `git log`), so a run never changes the repository.

GitPython is imported inside the functions that need it, so `phi-policy --help`, `validate`
and `check` without `--rev` never load it. Every failure, whatever GitPython raises
(GitCommandError, InvalidGitRepositoryError, NoSuchPathError, BadName, ValueError), becomes
`errors.GitError` (exit status 2) with a message saying what could not be read and a hint
saying what to do: the shallow clone of a CI checkout and git's "dubious ownership" refusal
are both named, since they are the two failures a first-time user meets.

A detached HEAD (the normal state in CI) is fine: nothing here asks for the current branch.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from phi_policy.errors import GitError

SHALLOW_HINT = (
    "this is a shallow clone; fetch full history (actions/checkout with fetch-depth: 0, "
    "or git fetch --unshallow)"
)
NOT_A_REPO_HINT = "run inside the repository or pass a config inside one"

#: `git log --format=%G?` letter -> the signature status phi-policy reports.
SIGNATURES: dict[str, str] = {
    "G": "good",
    "B": "bad",
    "U": "good, unknown validity",
    "X": "good, expired signature",
    "Y": "good, expired key",
    "R": "good, revoked key",
    "E": "unverifiable (missing key)",
    "N": "unsigned",
}

# One record per commit: fields split by US (0x1f), records started by RS (0x1e).
_FIELDS = ("%H", "%h", "%an", "%ae", "%cn", "%ce", "%aI", "%cI", "%P", "%G?", "%s")
_FORMAT = "%x1e" + "%x1f".join(_FIELDS)
_FORMAT_UNSIGNED = _FORMAT.replace("%G?", "?")
_DUBIOUS = re.compile(r"dubious ownership in repository at '([^']+)'")
_MISSING = (
    "bad object",
    "missing",
    "not a valid object",
    "unable to read",
    "bad file",
    "not a tree object",
    "does not point to a valid object",
    "corrupt",
)
_STATUS_WORDS = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "C": "copied",
    "T": "modified",
}


@dataclass(frozen=True)
class CommitInfo:
    """What the reports and the evidence need to know about a commit, as plain values.

    Dates are the author's and committer's own (with their offsets in the ISO strings);
    `signature` reads `git log --format=%G?` through SIGNATURES ("unsigned" for most commits).
    """

    sha: str
    short_sha: str
    author_name: str
    author_email: str
    committer_name: str
    committer_email: str
    author_date: dt.date
    author_datetime: str
    commit_date: dt.date
    commit_datetime: str
    subject: str
    parents: tuple[str, ...]
    signature: str


@dataclass(frozen=True)
class PathCommit:
    """One commit that changed a file: the file's name in that commit and what happened to it."""

    commit: CommitInfo
    path: str
    status: str
    old_path: str | None = None


@dataclass(frozen=True)
class FileChange:
    """A file that differs between two revisions: added, modified, deleted or renamed."""

    status: str
    path: str
    old_path: str | None = None


@dataclass(frozen=True)
class ConfigAtRevision:
    """A config file's bytes at a revision, where it was, and the commit it was read from.

    `path` is the file's name at that revision, relative to the repository's root; it differs
    from `asked_path` (and `renamed` is true) when a rename since then was followed.
    """

    data: bytes
    path: str
    display: str
    blob_sha: str
    commit: CommitInfo
    asked_path: str

    @property
    def renamed(self) -> bool:
        return self.path != self.asked_path


class Repository:
    """An open repository: its root, whether it is shallow, and GitPython's handle.

    Use it as a context manager: closing it ends the helper processes GitPython keeps.
    """

    def __init__(self, handle: Any, root: Path, shallow: bool) -> None:
        self.handle = handle
        self.root = root
        self.shallow = shallow

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.handle.close()

    def git(self, *args: str, doing: str, binary: bool = False) -> Any:
        """Run one read-only git command; any failure becomes a GitError about `doing`."""
        with translated(self, doing):
            return self.handle.git.execute(
                ["git", *args],
                stdout_as_string=not binary,
                strip_newline_in_stdout=not binary,
            )

    def relative(self, path: str | os.PathLike[str], cwd: Path | None = None) -> str:
        """`path` (relative to `cwd`, or absolute) as a POSIX path relative to the root.

        The path is a name in git, never resolved through the working tree: a symbolic link
        there stays the link's own name (which `check_not_link` then refuses), so a pull
        request cannot point the name of its config or pack at another file. Only the
        folder the user stands in is resolved (the root is too), so that a repository
        reached through a linked folder (/tmp on macOS) still matches.
        """
        here = Path(cwd or Path.cwd()).resolve()
        given = Path(path)
        absolute = Path(os.path.normpath(given if given.is_absolute() else here / given))
        for candidate in (absolute, _resolve_outside(absolute, self.root)):
            try:
                return candidate.relative_to(self.root).as_posix()
            except ValueError:
                continue
        raise GitError(
            f"{path} is outside the repository at {self.root}",
            hint="pass a path inside the repository",
        )


# --- dates --------------------------------------------------------------------------------------

_ISO = re.compile(
    r"(?P<year>[0-9]{4,})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})T(?P<hour>[0-9]{2}):"
    r"(?P<minute>[0-9]{2}):(?P<second>[0-9]{2})(?:(?P<zone>Z)|(?P<sign>[+-])(?P<zh>[0-9]{2}):?"
    r"(?P<zm>[0-9]{2}))?"
)
#: The largest offset Python's timezone takes (git accepts up to +99:59).
_MAX_OFFSET = dt.timedelta(hours=23, minutes=59)


def parse_datetime(text: str) -> dt.datetime:
    """A date git printed (ISO 8601, `%aI`/`%cI`), as an aware datetime; never an exception.

    Commit dates are claims, and `git commit` accepts some Python cannot hold: the year
    10000 (`fromisoformat` stops at 9999) and offsets up to +99:59 (Python's at 23:59). Such
    a date is kept as close as Python allows (the last second of 9999; the offset cut to
    23:59), which still reads as a date in the future, so it is flagged, and one commit can
    no longer make every command that reads the history fail.
    """
    try:
        parsed = dt.datetime.fromisoformat(text)
        if parsed.tzinfo is not None:
            return parsed
    except ValueError:
        pass
    match = _ISO.match(text.strip())
    if match is None:
        return dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    offset = dt.timedelta(0)
    if match.group("sign"):
        offset = dt.timedelta(hours=int(match.group("zh")), minutes=int(match.group("zm")))
        offset = min(offset, _MAX_OFFSET)
        if match.group("sign") == "-":
            offset = -offset
    zone = dt.timezone(offset)
    if int(match.group("year")) > dt.MAXYEAR:
        return dt.datetime.max.replace(tzinfo=zone)
    try:
        return dt.datetime(
            int(match.group("year")), int(match.group("month")), int(match.group("day")),
            int(match.group("hour")), int(match.group("minute")), int(match.group("second")),
            tzinfo=zone,
        )
    except ValueError:
        return dt.datetime.max.replace(tzinfo=zone)


def parse_date(text: str) -> dt.date:
    """The calendar date of a date git printed, in its own offset (see `parse_datetime`)."""
    return parse_datetime(text).date()


def _resolve_outside(absolute: Path, root: Path) -> Path:
    """An absolute path whose leading folders (those above the repository) are resolved, the
    rest kept as named: `/private/tmp/repo/x` for `/tmp/repo/x` when /tmp is a link."""
    parts = absolute.parts
    for depth in range(len(parts), 0, -1):
        head = Path(*parts[:depth])
        try:
            if head.resolve() == root:
                return root.joinpath(*parts[depth:])
        except OSError:
            continue
    return absolute


# --- links: a config or a pack is a regular file or folder in git -------------------------------

LINK_MODE = "120000"
LINK_HINT = (
    "phi-policy reads configs and control packs only as regular files and folders in git, so "
    "that a pull request cannot point a name at another file: commit the file itself"
)


def link_error(path: str, where: str) -> GitError:
    """The error for a config or pack that is a symbolic link."""
    return GitError(f"{path} is a symbolic link {where}; phi-policy refuses to follow it",
                    hint=LINK_HINT)


def check_not_link(repo: Repository, path: str, rev: str | None) -> None:
    """GitError (exit 2) when `path`, or a folder on the way to it, is a symbolic link at
    `rev` (None: in the working tree)."""
    parts = PurePosixPath(path).parts
    for depth in range(1, len(parts) + 1):
        name = "/".join(parts[:depth])
        if rev is None:
            if (repo.root / name).is_symlink():
                raise link_error(name, "in the working tree")
        else:
            entry = tree_entry(repo, rev, name)
            if entry is not None and entry[0] == LINK_MODE:
                raise link_error(name, f"at {rev[:12] if _FULL_SHA.fullmatch(rev) else rev}")


def tree_entry(repo: Repository, rev: str, path: str) -> tuple[str, str, str] | None:
    """(mode, type, object id) of `path` at `rev`, or None when nothing is there."""
    sha = rev if _FULL_SHA.fullmatch(rev) else resolve_sha(repo, rev)
    out = repo.git("ls-tree", "-z", "--full-tree", sha, "--", path.rstrip("/"),
                   doing=f"listing {path} at {sha[:12]}")
    for entry in filter(None, out.split("\0")):
        meta, name = entry.split("\t", 1)
        mode, kind, object_id = meta.split()
        if name == path.rstrip("/"):
            return mode, kind, object_id
    return None


# --- errors -------------------------------------------------------------------------------------


def _git() -> Any:
    """GitPython, imported on first use; GitError when git itself cannot be found."""
    try:
        import git
    except ImportError as error:  # GitPython refuses to import without a git executable
        raise GitError(
            f"cannot use git: {str(error).splitlines()[0]}",
            hint="install git and make sure it is on PATH",
        ) from None
    return git


@contextmanager
def translated(repo: Repository | None, doing: str) -> Iterator[None]:
    """Turn whatever GitPython or gitdb raises while `doing` something into a GitError."""
    git = _git()
    import gitdb.exc  # type: ignore[import-untyped]

    try:
        yield
    except GitError:
        raise
    except git.exc.GitCommandNotFound:
        raise GitError(
            f"{doing}: the git executable was not found",
            hint="install git and make sure it is on PATH",
        ) from None
    except git.exc.GitCommandError as error:
        raise command_error(error, repo, doing) from None
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError) as error:
        raise GitError(f"{doing}: {error} is not a git repository", hint=NOT_A_REPO_HINT) from None
    except gitdb.exc.BadObject as error:
        missing = error.args[0] if error.args else ""
        shown = (
            missing.hex() if isinstance(missing, bytes) and len(missing) == 20 else _text(missing)
        )
        raise GitError(
            f"{doing}: git object {shown} is missing", hint=_missing_hint(repo)
        ) from None
    except (git.exc.GitError, gitdb.exc.ODBError, ValueError, KeyError, OSError) as error:
        detail = str(error).strip() or type(error).__name__
        raise GitError(f"{doing}: {detail}", hint=_missing_hint(repo)) from None


def command_error(error: Any, repo: Repository | None, doing: str) -> GitError:
    """A GitError for a failed git command, read from what git printed."""
    stderr = _text(getattr(error, "stderr", "")).strip()
    dubious = _DUBIOUS.search(stderr)
    if dubious or "dubious ownership" in stderr:
        where = dubious.group(1) if dubious else str(repo.root if repo else ".")
        return GitError(
            f"git refuses to read the repository at {where}: it is owned by another user "
            '("dubious ownership")',
            hint="if you trust this repository, run: "
            f"git config --global --add safe.directory {where}",
        )
    if "not a git repository" in stderr:
        return GitError(f"{doing}: not a git repository", hint=NOT_A_REPO_HINT)
    reason = _fatal_line(stderr) or f"git exited with status {getattr(error, 'status', '?')}"
    lowered = stderr.lower()
    hint: str | None = SHALLOW_HINT if repo is not None and repo.shallow else None
    if hint is None and any(word in lowered for word in _MISSING):
        hint = _missing_hint(repo)
    return GitError(f"{doing}: {reason}", hint=hint)


def _missing_hint(repo: Repository | None) -> str:
    if repo is not None and repo.shallow:
        return SHALLOW_HINT
    return "the repository is missing objects: fetch again, or run git fsck to find the damage"


def _fatal_line(stderr: str) -> str:
    for line in stderr.splitlines():
        line = line.strip()
        if line.startswith(("fatal:", "error:")):
            return line.split(":", 1)[1].strip()
    return stderr.splitlines()[0].strip() if stderr else ""


def _text(value: Any) -> str:
    """What git printed, without the "stderr: '...'" wrapping GitCommandError adds."""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = str(value or "")
    wrapped = re.fullmatch(r"\s*stderr: '(.*)'\s*", text, re.DOTALL)
    return wrapped.group(1) if wrapped else text


# --- opening ------------------------------------------------------------------------------------


def open_repo(path: str | os.PathLike[str] = ".") -> Repository:
    """The repository containing `path` (a file or folder, which need not exist), searching up."""
    git = _git()

    start = Path(os.path.abspath(path))
    while not start.is_dir() and start != start.parent:
        start = start.parent
    try:
        handle = git.Repo(start, search_parent_directories=True)
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError):
        raise GitError(f"{start} is not inside a git repository", hint=NOT_A_REPO_HINT) from None
    except Exception as error:  # GitPython reads config files here; anything may go wrong
        raise GitError(
            f"cannot open the repository at {start}: {error}", hint=NOT_A_REPO_HINT
        ) from None
    if handle.working_tree_dir is None:
        handle.close()
        raise GitError(
            f"{start} is inside a bare repository, which has no working tree",
            hint="run phi-policy in a clone with a working tree",
        )
    repo = Repository(handle, Path(handle.working_tree_dir).resolve(), shallow=False)
    try:
        # Also the first git command run: git's ownership check refuses here, not later.
        repo.shallow = (
            repo.git("rev-parse", "--is-shallow-repository", doing="reading the repository")
            == "true"
        )
    except GitError:
        repo.close()
        raise
    return repo


# --- revisions ----------------------------------------------------------------------------------


def resolve_sha(repo: Repository, rev: str) -> str:
    """The full commit id `rev` names; GitError saying which revision when it names none."""
    if not rev or rev.startswith("-") or any(ch in rev for ch in "\0\n"):
        raise GitError(
            f"{rev!r} is not a revision", hint="pass a commit, branch or tag, e.g. HEAD~1"
        )
    with translated(repo, f"resolving revision {rev}"):
        git = _git()
        try:
            return str(
                repo.handle.git.execute(
                    ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]
                )
            )
        except git.exc.GitCommandError as error:
            if _text(error.stderr).strip():
                raise
    if re.fullmatch(r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}", rev):
        raise GitError(
            f"commit {rev} is not in this repository (its objects are missing)",
            hint=_missing_hint(repo),
        )
    hint = (
        SHALLOW_HINT
        if repo.shallow
        else ("check the name with git log --oneline, and fetch the branch if it is remote")
    )
    if rev == "HEAD" and not repo.shallow:
        hint = "the repository has no commits yet: commit the config first"
    raise GitError(f"unknown revision {rev!r}: git knows no commit by that name", hint=hint)


def resolve(repo: Repository, rev: str, *, signature: bool = True) -> CommitInfo:
    """Everything the reports need about the commit `rev` names."""
    sha = resolve_sha(repo, rev)
    out = repo.git(
        "log",
        "-1",
        f"--format={_FORMAT if signature else _FORMAT_UNSIGNED}",
        sha,
        doing=f"reading commit {rev}",
    )
    return _parse_record(out.lstrip("\x1e"))


def _parse_record(record: str) -> CommitInfo:
    fields = record.split("\x1f", len(_FIELDS) - 1)
    sha, short, an, ae, cn, ce, adate, cdate, parents, sig, subject = fields
    return CommitInfo(
        sha=sha,
        short_sha=short,
        author_name=an,
        author_email=ae,
        committer_name=cn,
        committer_email=ce,
        author_date=parse_date(adate),
        author_datetime=adate,
        commit_date=parse_date(cdate),
        commit_datetime=cdate,
        subject=subject.rstrip("\n"),
        parents=tuple(parents.split()),
        signature=SIGNATURES.get(sig, "not checked"),
    )


def default_branch_merge_base(repo: Repository, head: str = "HEAD") -> tuple[str, str]:
    """(the default branch's name, the merge base of `head` with it), as a pull request's diff.

    The default branch is origin/HEAD's target, else main, else master (local, then origin/).
    """
    head_sha = resolve_sha(repo, head)
    for name in _default_branch_candidates(repo):
        if _exists(repo, name):
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
    doing = f"finding the merge base of {head} with {name}"
    with translated(repo, doing):
        git = _git()
        try:
            return str(repo.handle.git.execute(["git", "merge-base", name, head_sha]))
        except git.exc.GitCommandError as error:
            if _text(error.stderr).strip() or getattr(error, "status", None) != 1:
                raise
    raise GitError(
        f"{head} and {name} have no commit in common (unrelated histories), so there is no "
        "merge base to compare with",
        hint=SHALLOW_HINT if repo.shallow else "pass the base revision explicitly, e.g. "
        f"phi-policy diff {name} {head}, or rebase the branch onto {name}",
    )


def _default_branch_candidates(repo: Repository) -> list[str]:
    names = []
    with translated(repo, "reading origin/HEAD"):
        git = _git()
        try:
            target = repo.handle.git.execute(
                ["git", "symbolic-ref", "-q", "refs/remotes/origin/HEAD"]
            )
            names.append(str(target).removeprefix("refs/remotes/"))
        except git.exc.GitCommandError as error:
            if _text(error.stderr).strip():
                raise
    names += ["main", "master", "origin/main", "origin/master"]
    return list(dict.fromkeys(names))


def _exists(repo: Repository, rev: str) -> bool:
    with translated(repo, f"resolving {rev}"):
        git = _git()
        try:
            repo.handle.git.execute(
                ["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"]
            )
            return True
        except git.exc.GitCommandError as error:
            if _text(error.stderr).strip():
                raise
            return False


# --- files at a revision ------------------------------------------------------------------------


def blob_sha(repo: Repository, sha: str, path: str) -> str | None:
    """The id of the blob at `path` in commit `sha`, or None when there is no file there."""
    out = repo.git(
        "ls-tree", "-z", "--full-tree", sha, "--", path, doing=f"listing {path} at {sha[:12]}"
    )
    for entry in filter(None, out.split("\0")):
        meta, name = entry.split("\t", 1)
        mode, kind, object_id = meta.split()
        if name == path and kind == "blob":
            if mode == LINK_MODE:
                raise link_error(path, f"at {sha[:12]}")
            return object_id
    return None


def read_blob_bytes(repo: Repository, rev: str, path: str) -> tuple[bytes, str]:
    """(the bytes of `path` at `rev`, the blob's id); GitError naming both when it is absent."""
    sha = resolve_sha(repo, rev)
    object_id = blob_sha(repo, sha, path)
    if object_id is None:
        raise _absent(repo, rev, sha, path)
    data = repo.git("cat-file", "blob", object_id, doing=f"reading {path} at {rev}", binary=True)
    return bytes(data), object_id


def read_blob(repo: Repository, rev: str, path: str) -> tuple[str, str]:
    """(the text of `path` at `rev`, the blob's id). The bytes must be UTF-8."""
    data, object_id = read_blob_bytes(repo, rev, path)
    try:
        return data.decode("utf-8"), object_id
    except UnicodeDecodeError as error:
        raise GitError(
            f"{path} at {rev} is not UTF-8 text: {error.reason} at byte {error.start}",
            hint="save the file as UTF-8",
        ) from None


def path_at(
    repo: Repository, rev: str, path: str, *, since: str = "HEAD", label: str | None = None
) -> str:
    """The name `path` had at `rev`: itself, or the older name a rename since then hides.

    `label` names the revision in the error when the file is absent ("the base, main (1a2b3c4)").
    """
    sha = resolve_sha(repo, rev)
    if blob_sha(repo, sha, path) is not None:
        return path
    older = _older_name_at(repo, sha, path, since)
    if older is None:
        raise _absent(repo, rev, sha, path, label)
    return older


def _older_name_at(repo: Repository, sha: str, path: str, since: str) -> str | None:
    try:
        history = commits_for_path(repo, path, since, signatures=False)
    except GitError:
        return None
    for entry in history:
        names = [entry.path]
        if entry.status == "copied":
            break  # before a copy, the history is another file's, which still exists
        if entry.status == "renamed" and entry.old_path:
            names.append(entry.old_path)
        for name in names:
            if name != path and blob_sha(repo, sha, name) is not None:
                return name
    return None


def _absent(repo: Repository, rev: str, sha: str, path: str, label: str | None = None) -> GitError:
    where = label or (f"{rev} ({sha[:12]})" if rev != sha else sha[:12])
    later = None
    with suppress(GitError):  # the error is about the absent file; a failed search adds nothing
        later = _renamed_since(repo, sha, path)
    if later is not None:
        return GitError(
            f"{path} does not exist at {where}; it was renamed to {later} since",
            hint=f"pass the config as {later}, or a revision where {path} exists",
        )
    return GitError(
        f"{path} does not exist at {where}",
        hint="check the config path (relative to the repository root or the current folder) "
        "and that the file was committed at that revision",
    )


def _renamed_since(repo: Repository, sha: str, path: str) -> str | None:
    """The name `path` was renamed to before `sha`, if a rename took it away; else None.

    (The other direction, a file that had an older name at `sha`, is `path_at`'s.)
    """
    gone = repo.git(
        "log",
        "-1",
        "--diff-filter=D",
        "--format=%H",
        sha,
        "--",
        path,
        doing=f"looking for a rename of {path}",
    )
    if not gone.strip():
        return None
    out = repo.git(
        "show",
        "-M",
        "--name-status",
        "-z",
        "--format=",
        gone.strip(),
        doing=f"looking for a rename of {path}",
    )
    parts = [p.strip("\n") for p in out.split("\0")]
    parts = [p for p in parts if p]
    for i, part in enumerate(parts[:-2]):
        if part.startswith("R") and parts[i + 1] == path:
            return parts[i + 2]
    return None


def tree_files(repo: Repository, rev: str, folder: str) -> list[tuple[str, bytes]] | None:
    """Every file under `folder` at `rev`: (path relative to the folder, bytes); None if absent."""
    sha = resolve_sha(repo, rev)
    out = repo.git(
        "ls-tree", "-r", "-z", "--full-tree", sha, "--", folder, doing=f"listing {folder} at {rev}"
    )
    files = []
    prefix = folder.rstrip("/") + "/"
    for entry in filter(None, out.split("\0")):
        meta, name = entry.split("\t", 1)
        mode, kind, object_id = meta.split()
        if kind != "blob" or not name.startswith(prefix):
            continue
        if mode == LINK_MODE:
            raise link_error(name, f"at {rev}")
        data = repo.git(
            "cat-file", "blob", object_id, doing=f"reading {name} at {rev}", binary=True
        )
        files.append((name[len(prefix) :], bytes(data)))
    return files or None


def extract(repo: Repository, rev: str, folder: str, destination: Path) -> bool:
    """Write the files under `folder` at `rev` into `destination`; False if there were none."""
    files = tree_files(repo, rev, folder)
    if not files:
        return False
    for relative, data in files:
        target = destination.joinpath(*PurePosixPath(relative).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return True


def config_at(path: str | os.PathLike[str], rev: str, cwd: Path | None = None) -> ConfigAtRevision:
    """Read a config at `rev` from the repository holding it, following a rename since then.

    `path` is relative to `cwd` (inside the repository) or absolute; when no file by that name
    exists there, the same name from the repository's root is tried.
    """
    base = Path(cwd or Path.cwd())
    with open_repo(base / path) as repo:
        commit = resolve(repo, rev)
        asked = repo.relative(path, base)
        candidates = [asked]
        from_root = os.path.normpath(path).replace(os.sep, "/")
        if not Path(path).is_absolute() and not from_root.startswith("../") and from_root != asked:
            candidates.append(from_root)
        found = next((c for c in candidates if blob_sha(repo, commit.sha, c) is not None), None)
        if found is None:
            found = path_at(repo, commit.sha, asked, label=f"{rev} ({commit.short_sha})")
        data, object_id = read_blob_bytes(repo, commit.sha, found)
        from phi_policy.config.loader import display_path

        return ConfigAtRevision(
            data=data,
            path=found,
            display=display_path(repo.root / found),
            blob_sha=object_id,
            commit=commit,
            asked_path=asked,
        )


# --- history ------------------------------------------------------------------------------------


def commits_for_path(
    repo: Repository, path: str, rev: str = "HEAD", *, signatures: bool = True
) -> list[PathCommit]:
    """The commits reachable from `rev` that changed `path`, following renames, newest first.

    Each entry carries the file's name in that commit (so a rename shows as status "renamed"
    with `old_path`). This is `git log --follow`, so only one file can be followed at a time;
    a file created as a copy of another shows as "copied", and the entries after it (older)
    are the source file's history, as git reports them.
    """
    sha = resolve_sha(repo, rev)
    out = repo.git(
        "log",
        "--follow",
        "-M",
        "--name-status",
        "-z",
        f"--format={_FORMAT if signatures else _FORMAT_UNSIGNED}",
        sha,
        "--",
        path,
        doing=f"reading the history of {path}",
    )
    entries = []
    for record in filter(None, out.split("\x1e")):
        header, _, rest = record.partition("\0")
        commit = _parse_record(header.rstrip("\n"))
        parts = [p.strip("\n") for p in rest.split("\0")]
        parts = [p for p in parts if p]
        if not parts:
            continue
        status = parts[0][:1]
        if status in ("R", "C") and len(parts) >= 3:
            entries.append(PathCommit(commit, parts[2], _STATUS_WORDS[status], parts[1]))
        else:
            entries.append(
                PathCommit(
                    commit,
                    parts[1] if len(parts) > 1 else path,
                    _STATUS_WORDS.get(status, "modified"),
                )
            )
    return entries


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
        "--name-status",
        f"-M{similarity}%" if similarity is not None else "-M",
        "-z",
        "--no-color",
        *revs,
        "--",
        *paths,
        doing="comparing the control packs",
    )
    parts = [p for p in out.split("\0") if p]
    changes: list[FileChange] = []
    i = 0
    while i < len(parts):
        status = parts[i][:1]
        if status in ("R", "C"):
            changes.append(FileChange(_STATUS_WORDS[status], parts[i + 2], parts[i + 1]))
            i += 3
        else:
            changes.append(FileChange(_STATUS_WORDS.get(status, "modified"), parts[i + 1]))
            i += 2
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
) -> CommitInfo | None:
    """The commit that last changed lines `start`..`end` of `path` at `rev` (`git blame`).

    With `rev` None the working tree's file is blamed, and None means a line is uncommitted.
    """
    args = ["blame", "--porcelain", "-L", f"{start},{end}"]
    if rev is not None:
        args.append(resolve_sha(repo, rev))
    with translated(repo, f"reading who changed {path}"):
        git = _git()
        try:
            out = str(repo.handle.git.execute(["git", *args, "--", path]))
        except git.exc.GitCommandError as error:
            if rev is None and "no such path" in _text(error.stderr):
                return None  # a new file, not yet added
            raise
    latest: tuple[int, str] | None = None
    header = re.compile(r"^([0-9a-f]{40}) \d+ \d+")
    current = ""
    for line in out.splitlines():
        match = header.match(line)
        if match:
            current = match.group(1)
            if set(current) == {"0"}:
                return None
        elif line.startswith("committer-time ") and current:
            stamp = int(line.split()[1])
            if latest is None or stamp > latest[0]:
                latest = (stamp, current)
    return resolve(repo, latest[1]) if latest else None


def user_name(repo: Repository) -> str | None:
    """The user.name git would put on a commit made here, if one is configured."""
    return _config_value(repo, "user.name")


def user_email(repo: Repository) -> str | None:
    """The user.email git would put on a commit made here, if one is configured."""
    return _config_value(repo, "user.email")


def _config_value(repo: Repository, key: str) -> str | None:
    with translated(repo, f"reading {key}"):
        git = _git()
        try:
            value = str(repo.handle.git.execute(["git", "config", "--get", key])).strip()
        except git.exc.GitCommandError as error:
            if _text(error.stderr).strip():
                raise
            return None
    return value or None


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
    out = repo.git("log", "--no-show-signature", "--reverse", "--topo-order",
                   "--format=%H%x1f%P%x1f%an%x1f%ae", f"{base}..{head_sha}",
                   doing=f"listing the commits from {base[:12]} to {head}")
    commits = []
    for line in out.splitlines():
        sha, parents, name, email = [*line.split("\x1f"), "", "", ""][:4]
        if sha:
            commits.append((sha, parents.split(), name, email))
    wanted = {head_sha} | {c[0] for c in commits} | {p for c in commits for p in c[1]}
    names = [f"{sha}:{path}" for sha in sorted(wanted) for path in paths]
    found = _batch(repo, names) if names else {}

    def data(sha: str) -> bytes | None:
        for path in paths:
            entry = found.get(f"{sha}:{path}")
            if entry is not None and entry[1] == "blob":
                return entry[2]
        return None

    versions = [
        ConfigVersion(sha, name, email, data(sha), tuple(data(p) for p in parents))
        for sha, parents, name, email in commits
    ]
    return versions, data(head_sha)


# --- history in bulk (history, evidence) --------------------------------------------------------

#: `git log --format=%G?` letter -> the one-word signature status the evidence records. git can
#: check the signature's mathematics, not who holds the key: "U" (a good signature by a key
#: nobody in the local keyring vouched for) is reported as unknown_key, like "E" (no key here).
SIGNATURE_STATUS: dict[str, str] = {
    "G": "good",
    "B": "bad",
    "U": "unknown_key",
    "X": "expired",
    "Y": "expired",
    "R": "revoked",
    "E": "unknown_key",
    "N": "unsigned",
}

_LOG_FIELDS = ("%H", "%T", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%G?", "%s")
_LOG_FORMAT = "%x1e" + "%x1f".join(_LOG_FIELDS)
_ZERO = re.compile(r"0+")
_FULL_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


@dataclass(frozen=True)
class ConfigCommit:
    """A commit that changed the config, as `config_log` read it: plain values only.

    `path` is the config's name in that commit and `blob` its blob id there (None when the
    commit deleted it); `change` says what happened (added, modified, renamed, copied,
    deleted), with `old_path` the name before a rename or copy. Dates are ISO 8601 with the
    author's and committer's own offsets; `signature` reads SIGNATURE_STATUS.
    """

    sha: str
    tree: str
    parents: tuple[str, ...]
    author_name: str
    author_email: str
    author_datetime: str
    committer_name: str
    committer_email: str
    committer_datetime: str
    signature: str
    subject: str
    path: str
    blob: str | None
    change: str
    old_path: str | None = None
    link: bool = False  # the config is a symbolic link in this commit (mode 120000)

    @property
    def date(self) -> dt.date:
        """The committer date (when the change landed), in the committer's own offset."""
        return parse_date(self.committer_datetime)

    @property
    def landed(self) -> dt.datetime:
        """The committer date and time (aware), as `parse_datetime` reads it."""
        return parse_datetime(self.committer_datetime)

    @property
    def author_date(self) -> dt.date:
        return parse_date(self.author_datetime)


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
    (`--raw --no-abbrev`), so nothing is read per commit.

    `every_ref` walks every commit reachable from any ref instead (a merged change is then the
    branch commit that made it, and the merge too when it differs from its first parent). git's
    `--follow` keeps one name at a time along a date-ordered walk, so across branches it loses
    commits; instead the names the file had on the first-parent line are all given as paths,
    in a second `git log` run, and rename detection among them does the following.
    """
    sha = rev if _FULL_SHA.fullmatch(rev) else resolve_sha(repo, rev)
    line = _config_log(repo, ["--first-parent", sha], [path], follow=follow)
    if not every_ref:
        return line
    names = sorted({c.path for c in line} | {c.old_path for c in line if c.old_path} | {path})
    return _config_log(repo, ["--all", "--date-order"], names, follow=False)


def _config_log(
    repo: Repository, walk: list[str], paths: list[str], *, follow: bool
) -> list[ConfigCommit]:
    # --no-show-signature: a user's log.showSignature would otherwise mix gpg's text in.
    args = ["log", "--no-show-signature", "--raw", "--no-abbrev", "-z", "-M"]
    args += ["--diff-merges=first-parent", f"--format={_LOG_FORMAT}", *walk]
    if follow:
        args.append("--follow")
    out = repo.git(*args, "--", *paths, doing=f"reading the history of {paths[0]}")
    commits = [
        _log_record(record, paths) for record in out.split("\x1e") if record.strip("\0\n")
    ]
    commits.reverse()
    return commits


def _log_record(record: str, paths: list[str]) -> ConfigCommit:
    parts = record.split("\0")
    fields = parts[0].split("\x1f", len(_LOG_FIELDS) - 1)
    sha, tree, parents, an, ae, adate, cn, ce, cdate, sig, subject = fields
    raw = [p.strip("\n") for p in parts[1:]]
    raw = [p for p in raw if p]
    # (rank, change, name, old name, blob): a rename or copy first, then a change that leaves
    # a file, then a deletion (several entries only when several names were asked for).
    entries: list[tuple[int, str, str, str | None, str | None, bool]] = []
    i = 0
    while i < len(raw):
        meta = raw[i].split()
        if not raw[i].startswith(":") or len(meta) < 5:
            i += 1
            continue
        letter = meta[4][:1]
        old: str | None = None
        if letter in ("R", "C") and i + 2 < len(raw):
            old, name, i = raw[i + 1], raw[i + 2], i + 3
        else:
            name, i = (raw[i + 1] if i + 1 < len(raw) else paths[0]), i + 2
        blob = None if _ZERO.fullmatch(meta[3]) else meta[3]
        rank = 0 if old is not None else (1 if blob is not None else 2)
        entries.append((rank, _STATUS_WORDS.get(letter, "modified"), name, old, blob,
                        meta[1] == LINK_MODE))
    link = False
    if entries:
        _, change, name, old, blob, link = min(entries, key=lambda e: e[0])
    else:  # a merge git showed without a diff: read the blob by name
        change, name, old, blob = "modified", paths[0], None, f"{sha}:{paths[0]}"
    return ConfigCommit(
        sha=sha,
        tree=tree,
        parents=tuple(parents.split()),
        author_name=an,
        author_email=ae,
        author_datetime=adate,
        committer_name=cn,
        committer_email=ce,
        committer_datetime=cdate,
        signature=SIGNATURE_STATUS.get(sig, "unknown_key"),
        subject=subject.rstrip("\n"),
        path=name,
        blob=blob,
        change=change,
        old_path=old,
        link=link,
    )


@dataclass(frozen=True)
class Objects:
    """What one `git cat-file --batch` run read: blobs by the name asked for, and commits'
    committer dates (ISO 8601 with offset). Commits missing here (a shallow clone's cut) are
    simply absent from `commit_dates`."""

    blobs: dict[str, bytes]
    blob_ids: dict[str, str]
    commit_dates: dict[str, str]


def read_objects(
    repo: Repository, blobs: Sequence[str], commits: Sequence[str] = ()
) -> Objects:
    """Read every blob and commit asked for through ONE `git cat-file --batch` process.

    A blob may be named by its id or as `<commit>:<path>`; `blob_ids` gives the id each name
    resolved to. The names are written on one stream while the answers are read from the
    other, so thousands of objects cost one process and no round trip each. A missing blob
    is a GitError (the history cannot be judged without it).
    """
    names = list(dict.fromkeys([*blobs, *commits]))
    found: dict[str, tuple[str, str, bytes]] = {}
    if names:
        found = _batch(repo, names)
    out = Objects({}, {}, {})
    for name in dict.fromkeys(blobs):
        entry = found.get(name)
        if entry is None or entry[1] != "blob":
            raise GitError(
                f"reading the config's history: object {name} is missing",
                hint=_missing_hint(repo),
            )
        out.blob_ids[name], _, out.blobs[name] = entry
    for name in dict.fromkeys(commits):
        entry = found.get(name)
        if entry is not None and entry[1] == "commit":
            stamp = _committer_datetime(entry[2])
            if stamp is not None:
                out.commit_dates[name] = stamp
    return out


def _batch(repo: Repository, names: list[str]) -> dict[str, tuple[str, str, bytes]]:
    """name -> (object id, type, bytes) for every name `git cat-file --batch` finds."""
    import subprocess
    import threading

    doing = "reading the config's history"
    with translated(repo, doing):
        process = repo.handle.git.execute(
            ["git", "cat-file", "--batch"], as_process=True, istream=subprocess.PIPE
        )
    request = "".join(f"{name}\n" for name in names).encode("utf-8")

    def feed() -> None:
        with suppress(OSError, ValueError):  # git stopped early: its status says why
            process.proc.stdin.write(request)
            process.proc.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    found: dict[str, tuple[str, str, bytes]] = {}
    stream = process.proc.stdout
    try:
        for name in names:
            header = stream.readline().decode("utf-8", "replace").rstrip("\n")
            if not header:
                break
            parts = header.split()
            if len(parts) != 3:  # "<name> missing" or "<name> ambiguous"
                continue
            object_id, kind, size = parts[0], parts[1], int(parts[2])
            data = stream.read(size)
            stream.read(1)  # the newline after the contents
            found[name] = (object_id, kind, data)
    finally:
        writer.join()
        with translated(repo, doing):
            process.wait()
    return found


def _committer_datetime(data: bytes) -> str | None:
    """The committer date of a raw commit object, as ISO 8601 with its offset."""
    for line in data.split(b"\n"):
        if not line:
            break  # the headers end at the first empty line
        if line.startswith(b"committer "):
            match = re.search(rb" (\d+) ([+-])(\d\d)(\d\d)$", line)
            if match is None:
                return None
            sign = 1 if match.group(2) == b"+" else -1
            offset = dt.timedelta(hours=int(match.group(3)), minutes=int(match.group(4)))
            zone = dt.timezone(sign * min(offset, _MAX_OFFSET))  # git takes up to +99:59
            try:
                return dt.datetime.fromtimestamp(int(match.group(1)), zone).isoformat()
            except (ValueError, OverflowError, OSError):  # past the year 9999
                return dt.datetime.max.replace(tzinfo=zone).isoformat()
    return None


def existing_commits(repo: Repository, shas: Sequence[str]) -> set[str]:
    """Which of `shas` name commits this repository still holds (one `cat-file --batch-check`)."""
    import tempfile

    if not shas:
        return set()
    with tempfile.TemporaryFile() as names, translated(repo, "looking up the recorded commits"):
        names.write("".join(f"{s}\n" for s in shas).encode("utf-8"))
        names.seek(0)
        out = repo.handle.git.execute(["git", "cat-file", "--batch-check"], istream=names)
    present = set()
    for line in str(out).splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] == "commit":
            present.add(parts[0])
    return present


def ancestors(repo: Repository, rev: str) -> set[str]:
    """Every commit reachable from `rev` (itself included): one `git rev-list`."""
    sha = resolve_sha(repo, rev)
    out = repo.git("rev-list", sha, doing=f"listing the history of {rev}")
    return set(out.split())


def current_branch(repo: Repository) -> str | None:
    """The checked-out branch's name; None on a detached HEAD (as in CI)."""
    with translated(repo, "reading the current branch"):
        git = _git()
        try:
            name = str(repo.handle.git.execute(["git", "symbolic-ref", "-q", "--short", "HEAD"]))
        except git.exc.GitCommandError as error:
            if _text(error.stderr).strip():
                raise
            return None
    return name.strip() or None


def ref_names(repo: Repository) -> list[str]:
    """The short names of every branch, tag and remote-tracking branch, sorted: what a shell
    completes a revision argument with."""
    out = repo.git("for-each-ref", "--format=%(refname:short)", "refs/heads", "refs/tags",
                   "refs/remotes", doing="listing the branches and tags")
    return sorted({line for line in str(out).splitlines() if line and not line.endswith("/HEAD")})


def branch_exists(repo: Repository, name: str) -> bool:
    """Whether `name` names a commit here (a branch, tag or any revision)."""
    return _exists(repo, name)


def commit_on_or_before(repo: Repository, rev: str, day: dt.date) -> CommitInfo:
    """The commit that `rev`'s first-parent line was at on `day` (see `commit_at_date`)."""
    return commit_at_date(repo, rev, day)[0]


def commit_at_date(
    repo: Repository, rev: str, day: dt.date, today: dt.date | None = None
) -> tuple[CommitInfo, tuple[Any, ...]]:
    """(the commit `rev`'s first-parent line was at on `day`, its date notes).

    Walked oldest first: the answer is the last commit before the first one dated after
    `day`. A commit dated on or before `day` that comes after one dated later cannot have
    existed on `day` (what it was made on did not), so a backdated commit is never the
    answer. The notes (phi_policy.audit.dating) say when the answer's own date cannot be true.
    GitError when even the first commit is dated after `day`.
    """
    from phi_policy.audit import dating

    sha = resolve_sha(repo, rev)
    out = repo.git(
        "log",
        "--no-show-signature",
        "--first-parent",
        "--format=%H%x1f%cI%x1f%P",
        sha,
        doing=f"reading the history of {rev}",
    )
    line: list[tuple[str, str, list[str]]] = []
    for record in out.splitlines():
        commit, _, rest = record.partition("\x1f")
        stamp, _, parents = rest.partition("\x1f")
        if stamp:
            line.append((commit, stamp, parents.split()))
    line.reverse()
    chosen: int | None = None
    for index, (_, stamp, _) in enumerate(line):
        if parse_date(stamp) > day:
            break
        chosen = index
    if chosen is None:
        oldest = f"; its first commit is {line[0][0][:12]} of {line[0][1][:10]}" if line else ""
        raise GitError(
            f"no commit on the first-parent line of {rev} is dated on or before "
            f"{day.isoformat()}{oldest}",
            hint=SHALLOW_HINT if repo.shallow else "pick a later --as-of date",
        )
    commit, stamp, parents = line[chosen]
    parent_dates = [line[chosen - 1][1]] if chosen > 0 and parents else []
    return resolve(repo, commit), dating.notes(commit, stamp, parents[:1], parent_dates, today)


def files_at(repo: Repository, rev: str | None) -> list[str]:
    """Every file path (relative to the root, POSIX) at `rev`, sorted; None: the working tree,
    its tracked files still on disk and its untracked files that are not ignored."""
    return sorted(files_and_links(repo, rev)[0])


def files_and_links(repo: Repository, rev: str | None) -> tuple[list[str], list[str]]:
    """(the regular files, the symbolic links) at `rev` (None: the working tree), as
    `files_at` lists them: a link is a name git keeps, never the file it points at."""
    if rev is not None:
        sha = resolve_sha(repo, rev)
        out = repo.git("ls-tree", "-r", "-z", "--full-tree", sha,
                       doing=f"listing the files at {rev}")
        files: list[str] = []
        links: list[str] = []
        for entry in filter(None, out.split("\0")):
            meta, name = entry.split("\t", 1)
            mode, kind, _ = meta.split()
            if kind == "blob":
                (links if mode == LINK_MODE else files).append(name)
        return sorted(files), sorted(links)
    out = repo.git("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name",
                   ":/", doing="listing the files of the working tree")
    names = {p for p in out.split("\0") if p}
    links = sorted(p for p in names if (repo.root / p).is_symlink())
    return sorted(p for p in names if p not in links and (repo.root / p).is_file()), links

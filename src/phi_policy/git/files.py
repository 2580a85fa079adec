"""Reading configs and control packs as committed at a revision, never through a link.

Every read is of an object (`git ls-tree`, `git cat-file`), never of the working tree, so a
config is judged as it was committed. A config or pack must be a regular file or folder in
git: a symbolic link is refused wherever it stands on the way, so that a pull request cannot
point the name of its config or pack at another file. A file renamed since the revision asked
for is found under its older name, and a file renamed away says to what.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from phi_policy.errors import GitError
from phi_policy.git.changes import commits_for_path
from phi_policy.git.log import LINK_MODE, Commit, read_log
from phi_policy.git.repo import Repository, open_repo
from phi_policy.git.revisions import FULL_SHA, resolve, resolve_sha

LINK_HINT = (
    "phi-policy reads configs and control packs only as regular files and folders in git, so "
    "that a pull request cannot point a name at another file: commit the file itself"
)


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
    commit: Commit
    asked_path: str

    @property
    def renamed(self) -> bool:
        return self.path != self.asked_path


# --- links --------------------------------------------------------------------------------------


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
                raise link_error(name, f"at {rev[:12] if FULL_SHA.fullmatch(rev) else rev}")


# --- trees --------------------------------------------------------------------------------------


def _ls_tree(repo: Repository, *args: str, doing: str) -> Iterator[tuple[str, str, str, str]]:
    """(mode, type, object id, path) of each entry `git ls-tree -z --full-tree ARGS` lists."""
    out = repo.git("ls-tree", "-z", "--full-tree", *args, doing=doing)
    for entry in filter(None, out.split("\0")):
        meta, name = entry.split("\t", 1)
        mode, kind, object_id = meta.split()
        yield mode, kind, object_id, name


def tree_entry(repo: Repository, rev: str, path: str) -> tuple[str, str, str] | None:
    """(mode, type, object id) of `path` at `rev`, or None when nothing is there."""
    sha = rev if FULL_SHA.fullmatch(rev) else resolve_sha(repo, rev)
    wanted = path.rstrip("/")
    for mode, kind, object_id, name in _ls_tree(repo, sha, "--", wanted,
                                                doing=f"listing {path} at {sha[:12]}"):
        if name == wanted:
            return mode, kind, object_id
    return None


def blob_sha(repo: Repository, sha: str, path: str) -> str | None:
    """The id of the blob at `path` in commit `sha`, or None when there is no file there."""
    for mode, kind, object_id, name in _ls_tree(repo, sha, "--", path,
                                                doing=f"listing {path} at {sha[:12]}"):
        if name == path and kind == "blob":
            if mode == LINK_MODE:
                raise link_error(path, f"at {sha[:12]}")
            return object_id
    return None


def files_and_links(repo: Repository, rev: str | None) -> tuple[list[str], list[str]]:
    """(the regular files, the symbolic links) at `rev`, sorted, as POSIX paths relative to the
    root: a link is a name git keeps, never the file it points at. None: the working tree, its
    tracked files still on disk and its untracked files that are not ignored."""
    if rev is not None:
        sha = resolve_sha(repo, rev)
        files: list[str] = []
        links: list[str] = []
        for mode, kind, _, name in _ls_tree(repo, "-r", sha, doing=f"listing the files at {rev}"):
            if kind == "blob":
                (links if mode == LINK_MODE else files).append(name)
        return sorted(files), sorted(links)
    out = repo.git("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name",
                   ":/", doing="listing the files of the working tree")
    names = {p for p in out.split("\0") if p}
    links = sorted(p for p in names if (repo.root / p).is_symlink())
    return sorted(p for p in names if p not in links and (repo.root / p).is_file()), links


def extract(repo: Repository, rev: str, folder: str, destination: Path) -> bool:
    """Write the files under `folder` at `rev` into `destination`; False if there were none."""
    sha = resolve_sha(repo, rev)
    prefix = folder.rstrip("/") + "/"
    files = []
    for mode, kind, object_id, name in _ls_tree(repo, "-r", sha, "--", folder,
                                                doing=f"listing {folder} at {rev}"):
        if kind != "blob" or not name.startswith(prefix):
            continue
        if mode == LINK_MODE:
            raise link_error(name, f"at {rev}")
        data = repo.git(
            "cat-file", "blob", object_id, doing=f"reading {name} at {rev}", binary=True
        )
        files.append((name[len(prefix) :], bytes(data)))
    for relative, data in files:
        target = destination.joinpath(*PurePosixPath(relative).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return bool(files)


# --- blobs --------------------------------------------------------------------------------------


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


# --- renames ------------------------------------------------------------------------------------


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
        if entry.change == "copied":
            break  # before a copy, the history is another file's, which still exists
        if entry.change == "renamed" and entry.old_path:
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
    doing = f"looking for a rename of {path}"
    gone = read_log(repo, "-1", "--diff-filter=D", sha, "--", path, doing=doing,
                    signatures=False)
    if not gone:
        return None
    deleted = read_log(repo, "-1", "-M", "--raw", gone[0].commit.sha,
                       doing=doing, signatures=False)
    for change in deleted[0].changes if deleted else ():
        if change.status == "renamed" and change.old_path == path:
            return change.path
    return None

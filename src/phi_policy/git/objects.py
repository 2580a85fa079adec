"""Reading many git objects through one process, so that a long history costs no process each.

`git cat-file --batch` answers every name written to it on one stream while the answers are
read from the other: thousands of blobs and commits cost one process and no round trip each.
"""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass

from phi_policy.errors import GitError
from phi_policy.git.dates import committer_datetime
from phi_policy.git.repo import Repository, missing_hint, translated


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
    resolved to. A missing blob is a GitError (the history cannot be judged without it).
    """
    names = list(dict.fromkeys([*blobs, *commits]))
    found: dict[str, tuple[str, str, bytes]] = {}
    if names:
        found = batch(repo, names)
    out = Objects({}, {}, {})
    for name in dict.fromkeys(blobs):
        entry = found.get(name)
        if entry is None or entry[1] != "blob":
            raise GitError(
                f"reading the config's history: object {name} is missing",
                hint=missing_hint(repo),
            )
        out.blob_ids[name], _, out.blobs[name] = entry
    for name in dict.fromkeys(commits):
        entry = found.get(name)
        if entry is not None and entry[1] == "commit":
            stamp = committer_datetime(entry[2])
            if stamp is not None:
                out.commit_dates[name] = stamp
    return out


def batch(repo: Repository, names: list[str]) -> dict[str, tuple[str, str, bytes]]:
    """name -> (object id, type, bytes) for every name `git cat-file --batch` finds; a name
    it does not find is left out, for the caller to say what its absence means."""
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


def existing_commits(repo: Repository, shas: Sequence[str]) -> set[str]:
    """Which of `shas` name commits this repository still holds (one `cat-file --batch-check`)."""
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

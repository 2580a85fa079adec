"""Commit records, and the one `git log` format and parser that fill them.

Every commit phi-policy reports on is read by `read_log`, whether one revision is resolved or
the whole history of the config is walked, so a commit reads the same everywhere: the same
fields, the same words for its signature, and for the files it changed the same words as
`git diff` gets (`parse_changes`). The records are plain values: everything downstream of git
(the reports, the evidence, the attribution of decisions) stays pure.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import NamedTuple

from phi_policy.git.dates import parse_date
from phi_policy.git.repo import Repository

#: `git log --format=%G?` letter -> the one-word signature status phi-policy reports (the
#: evidence records it). git can check the signature's mathematics, not who holds the key: "U"
#: (a good signature by a key nobody in the local keyring vouched for) is reported as
#: unknown_key, like "E" (no key here). "-" is no letter of git's: the format prints it instead
#: of %G? when signatures are not checked, since checking runs gpg on every signed commit.
SIGNATURES: dict[str, str] = {
    "G": "good",
    "B": "bad",
    "U": "unknown_key",
    "X": "expired",
    "Y": "expired",
    "R": "revoked",
    "E": "unknown_key",
    "N": "unsigned",
    "-": "unchecked",
}
#: `--raw` (or `--name-status`) status letter -> the word phi-policy reports.
STATUS_WORDS = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "C": "copied",
    "T": "modified",
}
#: The mode git gives a symbolic link in a tree.
LINK_MODE = "120000"

# One record per commit: started by RS (0x1e), fields split by US (0x1f), the subject last (it
# is the one field a committer writes freely).
_FIELDS = ("%H", "%h", "%T", "%P", "%an", "%ae", "%aI", "%cn", "%ce", "%cI", "%G?", "%s")
_FORMAT = "%x1e" + "%x1f".join(_FIELDS)
_ZERO = re.compile(r"0+")


@dataclass(frozen=True)
class Commit:
    """What the reports and the evidence need to know about a commit, as plain values.

    Dates are ISO 8601 with the author's and committer's own offsets, as git printed them
    (`date` and `author_date` read them). `short_sha` is git's abbreviation (%h, as long as the
    repository needs) of a commit `revisions.resolve` read, the full id of one a walk read.
    `signature` is a word of SIGNATURES.
    """

    sha: str
    short_sha: str
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

    @property
    def date(self) -> dt.date:
        """The committer date (when the change landed), in the committer's own offset."""
        return parse_date(self.committer_datetime)

    @property
    def author_date(self) -> dt.date:
        return parse_date(self.author_datetime)


@dataclass(frozen=True)
class FileChange:
    """A file a commit (or a comparison of two revisions) changed: added, modified, deleted,
    renamed or copied (`old_path` the name before a rename or copy).

    `blob` is the file's id after the change (None when it was deleted, or, in the working
    tree, not yet hashed) and `link` whether it is a symbolic link there (mode 120000).
    """

    status: str
    path: str
    old_path: str | None = None
    blob: str | None = None
    link: bool = False


@dataclass(frozen=True)
class ConfigCommit(Commit):
    """A commit that changed the config (or the one file `changes.commits_for_path` follows).

    `path` is the config's name in that commit and `blob` its blob id there (None when the
    commit deleted it); `change` says what happened (added, modified, renamed, copied,
    deleted), with `old_path` the name before a rename or copy.
    """

    path: str
    blob: str | None
    change: str
    old_path: str | None = None
    link: bool = False  # the config is a symbolic link in this commit (mode 120000)

    @classmethod
    def of(cls, commit: Commit, change: FileChange) -> ConfigCommit:
        """The commit with what it did to the file, as one record the reports read flat."""
        facts = {f.name: getattr(commit, f.name) for f in fields(Commit)}
        return cls(**facts, path=change.path, blob=change.blob, change=change.status,
                   old_path=change.old_path, link=change.link)


class LogEntry(NamedTuple):
    """One commit `git log` printed, and the files it changed (with `--raw`; else none)."""

    commit: Commit
    changes: tuple[FileChange, ...]


def read_log(
    repo: Repository, *args: str, doing: str, signatures: bool = True, abbreviate: bool = False
) -> list[LogEntry]:
    """`git log` with `args`, in the one format, parsed.

    `signatures=False` leaves gpg alone (each signature is then "unchecked"). Ids are read in
    full (`--no-abbrev`, which `--raw` needs for blob ids and which spares a walk the lookup
    of each commit's shortest unique prefix) unless `abbreviate` asks for git's `short_sha`.
    `--no-show-signature`: a user's log.showSignature would otherwise mix gpg's text in.
    """
    form = _FORMAT if signatures else _FORMAT.replace("%G?", "-")
    options = ["--no-show-signature", "-z", f"--format={form}"]
    if not abbreviate:
        options.append("--no-abbrev")
    return parse_log(repo.git("log", *options, *args, doing=doing))


def parse_log(out: str) -> list[LogEntry]:
    """The commits of a `git log -z` run in the one format, with their `--raw` entries if any."""
    read: list[tuple[Commit, list[FileChange]]] = []
    for item in _records(out):
        if isinstance(item, Commit):
            read.append((item, []))
        elif read:
            read[-1][1].append(item)
    return [LogEntry(commit, tuple(changes)) for commit, changes in read]


def parse_changes(out: str) -> list[FileChange]:
    """The entries of a `git diff --raw -z` run, read as `parse_log` reads a commit's."""
    return [item for item in _records(out) if isinstance(item, FileChange)]


def _records(out: str) -> Iterator[Commit | FileChange]:
    """Read token by token (git ends each with NUL), a file name by count rather than by its
    content, so that no name a committer chooses can pass for a commit or a change."""
    tokens = out.split("\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith("\x1e"):
            yield _commit(token[1:])
            i += 1
        elif token.startswith(":"):
            change, i = _change(tokens, i)
            if change is not None:
                yield change
        else:
            i += 1


def main_change(changes: tuple[FileChange, ...]) -> FileChange | None:
    """What a commit did to the file, when git listed several entries for it (only when
    several names were asked for): a rename or copy first, then a change that leaves a file,
    then a deletion."""
    def rank(change: FileChange) -> int:
        return 0 if change.old_path is not None else (1 if change.blob is not None else 2)

    return min(changes, key=rank) if changes else None


def _commit(header: str) -> Commit:
    (sha, short, tree, parents, an, ae, adate, cn, ce, cdate, sig, subject) = header.split(
        "\x1f", len(_FIELDS) - 1
    )
    return Commit(
        sha=sha,
        short_sha=short,
        tree=tree,
        parents=tuple(parents.split()),
        author_name=an,
        author_email=ae,
        author_datetime=adate,
        committer_name=cn,
        committer_email=ce,
        committer_datetime=cdate,
        signature=SIGNATURES.get(sig, "unknown_key"),
        subject=subject.rstrip("\n"),
    )


def _change(tokens: list[str], i: int) -> tuple[FileChange | None, int]:
    """The `--raw` entry at tokens[i] (`:old-mode new-mode old-id new-id status`, then one
    name, or two for a rename or copy), and the index after it."""
    meta = tokens[i].lstrip("\n").split()
    if len(meta) < 5:
        return None, i + 1
    letter = meta[4][:1]
    old: str | None = None
    if letter in ("R", "C") and i + 2 < len(tokens):
        old, name, i = tokens[i + 1], tokens[i + 2], i + 3
    elif i + 1 < len(tokens):
        name, i = tokens[i + 1], i + 2
    else:
        return None, i + 1
    blob = None if _ZERO.fullmatch(meta[3]) else meta[3]
    return FileChange(STATUS_WORDS.get(letter, "modified"), name, old, blob,
                      meta[1] == LINK_MODE), i

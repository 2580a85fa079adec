"""Who wrote each documented decision a pull request adds or changes, and whether they approve it.

`git blame` answers "who last touched these lines", by the latest committer time. Both parts
are wrong for a gate: lines move (an entry written above an old comment block is blamed on
the comment's author), and committer times are claims (a backdated commit makes blame pick
another one). So attribution walks the commits of the pull request itself, `base..head` on
the first-parent line of the head, in order, reads the config at each, and records every
commit whose version of an entry differs from the one before. An entry's author is the last
such commit's; it is self-approved when its approver is the author of ANY of them, so a
later cosmetic edit by someone else does not launder a self-approval.

Entries are the items of the top-level lists `decisions` and the deprecated `waivers`,
identified by JSON pointers into the head's config (`/waivers/0`, `/decisions/3`). An
entry is followed from commit to commit by its `control` (with its `instances`, when given),
or, lacking those, by its content.

`approver_matches` decides whether an approver names an author: the same name however it is
written (`Dana Whitfield`, `Whitfield, Dana`, `Dr. Dana Whitfield`, `Dana Whitfield, CISO`,
`Dana Whitfield (CISO)`), or the author's own e-mail address anywhere in it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The top-level lists whose items carry `approved_by`.
LISTS = ("waivers", "decisions")
_HONORIFICS = frozenset({
    "dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "rev", "hon", "md", "phd", "do",
    "rn", "np", "pa", "jr", "sr", "ii", "iii", "esq", "cissp", "cisa", "cism", "chps",
})
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass(frozen=True)
class Author:
    """One commit's author, as the commit claims."""

    name: str
    email: str
    sha: str


@dataclass(frozen=True)
class Attribution:
    """Who wrote an entry: every commit in base..head that changed it, oldest first (empty
    when none did, as for a change still uncommitted), and who approves it."""

    authors: tuple[Author, ...]
    approved_by: str

    @property
    def last(self) -> Author | None:
        return self.authors[-1] if self.authors else None

    @property
    def self_approved(self) -> bool:
        return any(approver_matches(self.approved_by, a.name, a.email) for a in self.authors)


def entries(config: Any) -> dict[str, Mapping[str, Any]]:
    """pointer -> item, for every item of the lists in LISTS that a config holds."""
    found: dict[str, Mapping[str, Any]] = {}
    if not isinstance(config, Mapping):
        return found
    for key in LISTS:
        items = config.get(key)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, Mapping):
                    found[f"/{key}/{index}"] = item
    return found


def identity(pointer: str, item: Mapping[str, Any]) -> str:
    """What follows an entry across versions: its list, its control and its instances (the
    content itself when it names no control)."""
    key = pointer.split("/")[1]
    if item.get("control"):
        return json.dumps([key, item.get("control"), item.get("instances")], sort_keys=True,
                          default=str)
    return json.dumps([key, item], sort_keys=True, default=str)


@dataclass(frozen=True)
class Version:
    """The config as one commit of base..head left it, and as each of its parents had it
    (None where it is absent or does not load)."""

    author: Author
    data: Any
    parents: tuple[Any, ...]


def attribute(
    versions: Sequence[Version],
    head: Any,
    committed: Any,
    pointers: Sequence[str],
) -> dict[str, Attribution]:
    """pointer -> Attribution for each of `pointers` in the `head` config.

    `versions` are the commits of base..head, oldest first; a commit changed an entry when
    its version differs from the entry in every parent (so a merge that only brings another
    branch's entry in changes nothing). `committed` is the config at the head commit: where
    `head` (the working tree's) differs from it, the entry is not committed yet and has no
    author. Pure: `diff_run` reads the versions through `git.changes.config_versions`.
    """
    def index(data: Any) -> dict[str, str]:
        return {
            identity(p, item): json.dumps(item, sort_keys=True, default=str)
            for p, item in entries(data).items()
        }

    changed_by: dict[str, list[Author]] = {}
    for version in versions:
        now = index(version.data)
        before = [index(p) for p in version.parents] or [{}]
        for key, content in now.items():
            if all(b.get(key) != content for b in before):
                changed_by.setdefault(key, []).append(version.author)
    last = index(committed)
    wanted = entries(head)
    found: dict[str, Attribution] = {}
    for pointer in pointers:
        item = wanted.get(pointer)
        if item is None:
            continue
        key = identity(pointer, item)
        authors = tuple(changed_by.get(key, ()))
        if last.get(key) != json.dumps(item, sort_keys=True, default=str):
            authors = ()  # the head differs from the last commit: not committed yet
        found[pointer] = Attribution(authors, str(item.get("approved_by") or ""))
    return found


def approver_matches(approver: str, name: str, email: str = "") -> bool:
    """Whether `approver` (free text from a config) names the person `name` <`email`>.

    True for the same name once titles, roles and punctuation are set aside, in either
    order ("Whitfield, Dana"), and for the author's e-mail address written anywhere in it.
    """
    if email and email.casefold() in {m.casefold() for m in _EMAIL.findall(approver)}:
        return True
    author = _words(name)
    if not author:
        return False
    for candidate in _readings(approver):
        if candidate == author or (len(author) > 1 and sorted(candidate) == sorted(author)):
            return True
    return False


def same_person(approver: str, author: str) -> bool:
    """Whether an approver ("Dana Whitfield (CISO)") names the same person as a git author:
    the two names alike once roles in brackets and punctuation are set aside. Stricter than
    `approver_matches` (same word order, no e-mail), for callers that have two names only."""
    a, b = _person(approver), _person(author)
    return bool(a) and a == b


def _person(name: str) -> str:
    name = re.sub(r"\([^)]*\)|<[^>]*>", " ", name)
    return " ".join(re.sub(r"[^\w\s.'-]", " ", name).split()).casefold()


def _readings(approver: str) -> list[list[str]]:
    """The ways an approver's text may name one person: the whole, the part before a comma
    ("Name, CISO"), and "Last, First" turned around."""
    text = re.sub(r"\([^)]*\)|<[^>]*>|\[[^\]]*\]", " ", approver)
    text = _EMAIL.sub(" ", text)
    readings = [_words(text)]
    parts = [p for p in (x.strip() for x in re.split(r"[,;/]| - | \u2013 | \u2014 ", text)) if p]
    if parts:
        readings.append(_words(parts[0]))
    if len(parts) >= 2:
        readings.append(_words(parts[1]) + _words(parts[0]))
    return [r for r in readings if r]


def _words(text: str) -> list[str]:
    """The name's words, case-folded, without honorifics, initials' dots or punctuation."""
    words = re.sub(r"[^\w\s'-]", " ", text).casefold().split()
    return [w for w in words if w.strip("'-") and w.strip(".'-") not in _HONORIFICS]

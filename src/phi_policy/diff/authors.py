"""Who wrote each decision a pull request adds or changes, read from git, onto the Delta.

The commits of base..head are read in order (phi_policy.audit.attribution), never blamed by
committer time; an entry the working tree changed since the last commit is the configured
git user's ("uncommitted" when none is configured).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from phi_policy.audit import attribution
from phi_policy.config.loader import load_text
from phi_policy.diff.decisions import attach_authors
from phi_policy.diff.sides import Revisions
from phi_policy.errors import InputError
from phi_policy.git.changes import config_versions
from phi_policy.git.repo import Repository, user_email, user_name
from phi_policy.model.delta import Delta

#: (key, JSON pointer in the head's config) of an added or changed decision: the key is the
#: pointer too, so that two decisions for one control stay apart.
Span = tuple[str, str]


def decision_spans(delta: Delta) -> tuple[Span, ...]:
    """Which entries the head adds or changes (each by its pointer, so two decisions for one
    control stay apart), and where each is in the head's config."""
    return tuple(
        (w.decision.pointer, w.decision.pointer)
        for w in delta.decisions
        if w.kind in ("added", "changed")
    )


def with_authors(
    repo: Repository,
    revs: Revisions,
    delta: Delta,
    spans: Sequence[Span],
    head_data: Any,
) -> Delta:
    """The delta with who wrote each added or changed entry and whether they approve it."""
    if not spans:
        return delta
    head_rev = revs.head.sha if revs.head else "HEAD"
    paths = list(dict.fromkeys([delta.head_side.path, delta.base_side.path]))
    versions, committed = config_versions(repo, revs.base.sha, head_rev, paths)
    found = attribution.attribute(
        [attribution.Version(attribution.Author(v.author_name, v.author_email, v.sha),
                             _data(v.data), tuple(_data(p) for p in v.parents))
         for v in versions],
        head_data, _data(committed), [pointer for _, pointer in spans],
    )
    authors: dict[str, tuple[str, str | None]] = {}
    self_approved: dict[str, bool] = {}
    user: tuple[str, str] | None = None
    for key, pointer in spans:
        entry = found.get(pointer)
        if entry is not None and entry.last is not None:
            authors[key] = (entry.last.name, entry.last.sha[:7])
            self_approved[key] = entry.self_approved
            continue
        if user is None:
            user = (user_name(repo) or "uncommitted", user_email(repo) or "")
        authors[key] = (user[0], None)
        approver = entry.approved_by if entry is not None else ""
        self_approved[key] = attribution.approver_matches(approver, *user)
    return attach_authors(delta, authors, self_approved)


def _data(raw: bytes | None) -> Any:
    """A version's data, or None when it does not load (its entries then count as absent)."""
    if raw is None:
        return None
    try:
        return load_text(raw).data
    except InputError:
        return None

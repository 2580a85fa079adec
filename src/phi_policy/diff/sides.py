"""The two sides of a diff: which commits they are, how each is named, each side's config.

Both sides are read as names in git (a blob at a commit) or, for a head that is the working
tree, from disk; both are judged with the same date, profile and catalog, so that only the
config's data differs between them. An invalid side says which side it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from phi_policy.catalog.packs import Catalog
from phi_policy.config.loader import MAX_BYTES, Document
from phi_policy.diff.compare import compare
from phi_policy.diff.request import DiffRequest
from phi_policy.errors import GitError, InputError, UnreadableFile
from phi_policy.git.files import check_not_link, read_blob_bytes
from phi_policy.git.log import Commit
from phi_policy.git.repo import Repository
from phi_policy.git.revisions import default_branch_merge_base, resolve
from phi_policy.model import Context
from phi_policy.model.delta import Delta, RuleChange, Side
from phi_policy.pipeline import assess, load_valid_text


@dataclass(frozen=True)
class Revisions:
    """The two revisions compared: the base commit and its label, the head commit (None: the
    working tree), and the revision a rename is followed back from."""

    base: Commit
    base_label: str
    head: Commit | None
    since: str


def revisions(repo: Repository, request: DiffRequest) -> Revisions:
    head = resolve(repo, request.head) if request.head else None
    since = head.sha if head else "HEAD"
    base, base_label = _base(repo, request.base, since)
    return Revisions(base, base_label, head, since)


def _base(
    repo: Repository, base: str | None, head: str
) -> tuple[Commit, str]:
    if base is not None:
        commit = resolve(repo, base)
        return commit, f"{base} ({commit.short_sha})"
    branch, sha = default_branch_merge_base(repo, head)
    commit = resolve(repo, sha)
    return commit, f"merge base with {branch} ({commit.short_sha})"


def base_side(request: DiffRequest, revs: Revisions, path: str) -> Side:
    return Side(revs.base_label, path, request.base, revs.base.sha, revs.base.short_sha)


def head_side(request: DiffRequest, revs: Revisions, path: str) -> Side:
    if revs.head is None:
        return Side("working tree", path)
    return Side(
        f"{request.head} ({revs.head.short_sha})",
        path,
        request.head,
        revs.head.sha,
        revs.head.short_sha,
    )


def load_side(side: Side, load: Callable[[], Document]) -> Document:
    """Load one side, saying which side an invalid config is on."""
    try:
        return load()
    except InputError as error:
        error.message = f"{side.label}: {error.message}"
        raise error from None
    except GitError as error:
        raise GitError(f"{side.label}: {error.message}", hint=error.hint) from None


def read_file(path: Path, shown: str) -> bytes:
    """A working-tree config's bytes, one past the size limit, so that the loader refuses an
    oversized file as it would on disk."""
    try:
        with open(path, "rb") as stream:
            return stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise UnreadableFile(shown, error.strerror or str(error),
                             "check the config path (--config) and the file's permissions"
                             ) from None


def load_config(repo: Repository, side: Side, catalog: Catalog) -> Document:
    """The config of one side: the blob at its commit, or the file in the working tree."""
    if side.commit is None:
        check_not_link(repo, side.path, None)
        return load_side(
            side,
            lambda: load_valid_text(
                read_file(repo.root / side.path, side.path), side.path, catalog
            ),
        )
    commit = side.commit
    return load_side(
        side,
        lambda: load_valid_text(
            read_blob_bytes(repo, commit, side.path)[0], side.path, catalog
        ),
    )


def parse_side(side: Side, data: bytes | None, catalog: Catalog) -> Document:
    """The config of one side from bytes already read from git (a combined diff reads them
    in bulk)."""
    assert data is not None
    return load_side(side, lambda: load_valid_text(data, side.path, catalog))


def compare_sides(
    request: DiffRequest,
    catalog: Catalog,
    base_doc: Document,
    head_doc: Document,
    base: Side,
    head: Side,
    rule_changes: Sequence[RuleChange] = (),
) -> Delta:
    """Assess both sides of one config with the same date, profile and rules; compare them."""
    ctx = Context(as_of=request.as_of, profile=request.profile)
    notes = (
        [f"the config was renamed from {base.path} to {head.path}"]
        if base.path != head.path
        else []
    )
    return compare(
        base_doc,
        assess(base_doc, catalog, ctx),
        head_doc,
        assess(head_doc, catalog, ctx),
        base_side=base,
        head_side=head,
        rule_changes=rule_changes,
        notes=notes,
    )

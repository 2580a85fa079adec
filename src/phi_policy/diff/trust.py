"""What a pull request may not change unnoticed: the rules that judge it.

The base's rules judge the head. Built-in controls come from the installed package; a custom
control pack kept in the repository (`--controls DIR`) is read from the BASE revision into a
temporary folder and loaded from there, so the head's version of a pack file is never
imported. Only the config's data comes from the head. Every change the head makes to a pack
file or to the gate's own files (workflows, CODEOWNERS, the action) is listed as a rule
change, so a pull request cannot weaken the rules that judge it unnoticed; a pack folder that
is a symbolic link is refused, and one gone at the head fails the gate.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.diff.request import DiffRequest
from phi_policy.diff.sides import Revisions
from phi_policy.errors import GitError, PackError
from phi_policy.git.changes import changed_files
from phi_policy.git.files import check_not_link, extract, link_error, tree_entry
from phi_policy.git.log import Commit
from phi_policy.git.repo import Repository
from phi_policy.model.delta import RuleChange

#: Files that decide how the gate runs: a change to them is flagged like a pack change.
GATE_PATHS: tuple[str, ...] = (
    ".github/workflows",
    ".github/CODEOWNERS",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    "action.yml",
    "action.yaml",
    ".pre-commit-config.yaml",
)
PACK_NOTE = "the base's version judged this change"
ADDED_FILE_NOTE = "not at the base, so not loaded"
NEW_PACK_NOTE = "the folder is not at the base, so its controls were not loaded"
PACK_GONE_NOTE = (
    "its controls judged both sides as they were at the base, but a pull request that removes "
    "a pack the gate relies on must be reviewed and merged on its own"
)
GATE_NOTE = "a pull request runs its own copy of a workflow: protect these files with CODEOWNERS"


def rules(
    repo: Repository, request: DiffRequest, revs: Revisions, here: Path
) -> tuple[Catalog, list[RuleChange]]:
    """The base's catalog, and every change the head makes to packs and the gate's files."""
    catalog, rule_changes = base_catalog(repo, request.control_dirs, revs.base, request.head, here)
    rule_changes += [
        RuleChange("gate", c.path, c.status, c.old_path, GATE_NOTE)
        for c in changed_files(repo, revs.base.sha, request.head, GATE_PATHS)
    ]
    return catalog, rule_changes


def base_catalog(
    repo: Repository,
    control_dirs: Sequence[str],
    base: Commit,
    head: str | None,
    cwd: Path,
) -> tuple[Catalog, list[RuleChange]]:
    """The catalog that judges both sides: built-in controls, and each pack as at the base.

    A pack folder is a name in git, never resolved through the working tree: a pack that is
    a symbolic link (or lies under one) at the base or at the head is refused (GitError,
    exit 2), and one that is gone or no longer a folder at the head is a rule change that
    fails the gate (`RuleChange.fails`). A pack folder outside the repository is not the
    pull request's to change: it is loaded from disk as it is.
    """
    changes: list[RuleChange] = []
    with tempfile.TemporaryDirectory(prefix="phi-policy-base-packs-") as tmp:
        dirs: list[Path] = []
        shown: dict[str, str] = {}
        for index, given in enumerate(control_dirs):
            try:
                folder = repo.relative(given, cwd)
            except GitError:
                dirs.append(Path(given))
                continue
            check_not_link(repo, folder, base.sha)
            at_head = _pack_kind(repo, folder, head)
            if at_head == "link":
                raise link_error(folder, _head_words(head))
            destination = Path(tmp) / str(index) / (Path(folder).name or "pack")
            if extract(repo, base.sha, folder, destination):
                dirs.append(destination)
                shown[str(destination)] = f"{folder} (at {base.short_sha})"
                if at_head != "folder":
                    changes.append(RuleChange(
                        "control pack", folder, "deleted" if at_head == "missing" else
                        "no longer a folder", note=PACK_GONE_NOTE, fails=True))
            else:
                changes.append(RuleChange("control pack", folder, "added", note=NEW_PACK_NOTE))
            changes += [
                RuleChange(
                    "control pack",
                    c.path,
                    c.status,
                    c.old_path,
                    ADDED_FILE_NOTE if c.status == "added" else PACK_NOTE,
                )
                for c in changed_files(repo, base.sha, head, [folder])
            ]
        try:
            catalog = load_catalog(dirs)
        except PackError as error:
            message = error.message
            for temporary, name in shown.items():
                message = message.replace(temporary, name)
            raise PackError(message, hint=error.hint) from None
    return catalog, changes


def _head_words(head: str | None) -> str:
    return "in the working tree" if head is None else f"at the head, {head}"


def _pack_kind(
    repo: Repository, folder: str, head: str | None
) -> Literal["folder", "missing", "link", "file"]:
    """What the pack's name is at the head (None: in the working tree), without following
    a link: a folder, nothing, a symbolic link (there or on the way), or another file."""
    if head is None:
        target = repo.root / folder
        parts = Path(folder).parts
        if any((repo.root.joinpath(*parts[:n])).is_symlink() for n in range(1, len(parts) + 1)):
            return "link"
        if not target.exists():
            return "missing"
        return "folder" if target.is_dir() else "file"
    try:
        check_not_link(repo, folder, head)
    except GitError:
        return "link"
    entry = tree_entry(repo, head, folder)
    if entry is None:
        return "missing"
    return "folder" if entry[1] == "tree" else "file"


def pack_failures(rule_changes: Sequence[RuleChange]) -> tuple[str, ...]:
    """A gate failure for each rule change that fails whatever the options (a pack folder
    gone or no longer a folder at the head: the head may no longer run those controls)."""
    return tuple(
        f"control pack {r.path} is {r.status} at the head: {PACK_GONE_NOTE}"
        for r in rule_changes
        if r.fails
    )

"""What `phi-policy diff` does once its options are parsed: read both sides, compare, gate.

Trust: the base's rules judge the head. Built-in controls come from the installed package; a
custom control pack kept in the repository (`--controls DIR`) is read from the BASE revision
into a temporary folder and loaded from there, so the head's version of a pack file is never
imported. Only the config's data comes from the head. Every change the head makes to a pack
file, to the gate's own files or to the waivers is listed as a rule change, so a pull request
cannot weaken the rules that judge it unnoticed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import click

from phi_policy import gitsource
from phi_policy.delta import (
    Delta,
    GateSettings,
    RuleChange,
    Side,
    attach_authors,
    compare,
    gated,
    waiver_lines,
)
from phi_policy.errors import EXIT_GATE, EXIT_OK, GitError, InputError, PackError, UsageError
from phi_policy.loader import MAX_BYTES, Document
from phi_policy.model import Context, Location, Problem
from phi_policy.output import emit
from phi_policy.packs import Catalog, load_catalog
from phi_policy.pipeline import assess, load_valid_text
from phi_policy.reporters import RenderOptions

#: format name -> module under phi_policy.reporters. The diff formats render the Delta; sarif
#: and junit render the head's assessment with the reporters `check` uses.
DIFF_FORMATS: dict[str, str] = {
    "text": "diff_text",
    "json": "diff_json",
    "markdown": "diff_markdown",
    "github": "diff_github",
    "sarif": "sarif",
    "junit": "junit",
}
HEAD_ONLY_FORMATS = frozenset({"sarif", "junit"})

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
NO_BASE_HINT = (
    "check --config; if this change adds the config, there is nothing to compare it "
    "with: run phi-policy check {path} instead"
)
GATE_NOTE = "a pull request runs its own copy of a workflow: protect these files with CODEOWNERS"


@dataclass(frozen=True)
class DiffRequest:
    config: str = "phi-policy.yaml"
    base: str | None = None
    head: str | None = None
    fmt: str = "text"
    output: str | None = None
    as_of: dt.date = dt.date(2000, 1, 1)
    profile: str = "hipaa"
    control_dirs: tuple[str, ...] = ()
    gate: GateSettings = field(default_factory=GateSettings)
    critical_cap: bool = False
    color: bool = False
    verbose: int = 0
    quiet: bool = False


def run_diff(request: DiffRequest, cwd: Path | None = None) -> int:
    """Compare, report, and return the exit status: 1 when a gate fails."""
    delta = build_delta(request, cwd)
    if not request.quiet or request.output:
        options = RenderOptions(color=request.color, verbose=request.verbose)
        emit(render(request.fmt, delta, options), request.output)
    for failure in delta.failures:
        click.echo(f"phi-policy: gate failed: {failure}", err=True)
    return EXIT_GATE if delta.failures else EXIT_OK


def render(fmt: str, delta: Delta, options: RenderOptions) -> str:
    module_name = f"phi_policy.reporters.{DIFF_FORMATS[fmt]}"
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        raise UsageError(
            f"the {fmt} format is not available in this installation",
            hint="choose text, json, markdown or github",
        ) from None
    if fmt in HEAD_ONLY_FORMATS:
        return str(module.render(delta.head, options))
    return str(module.render(delta, options))


def build_delta(request: DiffRequest, cwd: Path | None = None) -> Delta:
    """Read, validate and assess both sides with the base's catalog, then compare and gate."""
    here = Path(cwd or Path.cwd())
    with gitsource.open_repo(here / request.config) as repo:
        path = repo.relative(request.config, here)
        head_commit = gitsource.resolve(repo, request.head) if request.head else None
        since = head_commit.sha if head_commit else "HEAD"
        base_commit, base_label = _base(repo, request.base, since)
        try:
            base_path = gitsource.path_at(
                repo, base_commit.sha, path, since=since, label=f"the base, {base_label}"
            )
        except GitError as error:
            renamed = "renamed to" in error.message
            raise GitError(
                error.message, hint=error.hint if renamed else NO_BASE_HINT.format(path=path)
            ) from None
        head_path = path
        if head_commit is not None:
            head_path = gitsource.path_at(
                repo,
                head_commit.sha,
                path,
                since="HEAD",
                label=f"the head, {request.head} ({head_commit.short_sha})",
            )
        base_side = Side(
            base_label, base_path, request.base, base_commit.sha, base_commit.short_sha
        )
        if head_commit is None:
            head_side = Side("working tree", head_path)
        else:
            head_side = Side(
                f"{request.head} ({head_commit.short_sha})",
                head_path,
                request.head,
                head_commit.sha,
                head_commit.short_sha,
            )

        catalog, rule_changes = base_catalog(
            repo, request.control_dirs, base_commit, request.head, here
        )
        rule_changes += [
            RuleChange("gate", c.path, c.status, c.old_path, GATE_NOTE)
            for c in gitsource.changed_files(repo, base_commit.sha, request.head, GATE_PATHS)
        ]
        base_doc = _side(
            base_side,
            lambda: load_valid_text(
                gitsource.read_blob_bytes(repo, base_commit.sha, base_path)[0], base_path, catalog
            ),
        )
        if head_commit is None:
            head_doc = _side(
                head_side,
                lambda: load_valid_text(
                    _read_file(repo.root / head_path, head_path), head_path, catalog
                ),
            )
        else:
            head_doc = _side(
                head_side,
                lambda: load_valid_text(
                    gitsource.read_blob_bytes(repo, head_commit.sha, head_path)[0],
                    head_path,
                    catalog,
                ),
            )

        ctx = Context(as_of=request.as_of, profile=request.profile)
        base = assess(base_doc, catalog, ctx, critical_cap=request.critical_cap)
        head = assess(head_doc, catalog, ctx, critical_cap=request.critical_cap)
        notes = (
            [f"the config was renamed from {base_path} to {head_path}"]
            if base_path != head_path
            else []
        )
        delta = compare(
            base_doc,
            base,
            head_doc,
            head,
            base_side=base_side,
            head_side=head_side,
            rule_changes=rule_changes,
            notes=notes,
        )
        delta = attach_authors(
            delta, _waiver_authors(repo, delta, head_doc, head_commit.sha if head_commit else None)
        )
    return gated(delta, request.gate)


def _base(
    repo: gitsource.Repository, base: str | None, head: str
) -> tuple[gitsource.CommitInfo, str]:
    if base is not None:
        commit = gitsource.resolve(repo, base)
        return commit, f"{base} ({commit.short_sha})"
    branch, sha = gitsource.default_branch_merge_base(repo, head)
    commit = gitsource.resolve(repo, sha)
    return commit, f"merge base with {branch} ({commit.short_sha})"


def base_catalog(
    repo: gitsource.Repository,
    control_dirs: Sequence[str],
    base: gitsource.CommitInfo,
    head: str | None,
    cwd: Path,
) -> tuple[Catalog, list[RuleChange]]:
    """The catalog that judges both sides: built-in controls, and each pack as at the base.

    A pack folder outside the repository is not the pull request's to change: it is loaded
    from disk as it is.
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
            destination = Path(tmp) / str(index) / (Path(folder).name or "pack")
            if gitsource.extract(repo, base.sha, folder, destination):
                dirs.append(destination)
                shown[str(destination)] = f"{folder} (at {base.short_sha})"
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
                for c in gitsource.changed_files(repo, base.sha, head, [folder])
            ]
        try:
            catalog = load_catalog(dirs)
        except PackError as error:
            message = error.message
            for temporary, name in shown.items():
                message = message.replace(temporary, name)
            raise PackError(message, hint=error.hint) from None
    return catalog, changes


def _side(side: Side, load: Callable[[], Document]) -> Document:
    """Load one side, saying which side an invalid config is on."""
    try:
        return load()
    except InputError as error:
        raise InputError(f"{side.label}: {error.message}", error.problems) from None
    except GitError as error:
        raise GitError(f"{side.label}: {error.message}", hint=error.hint) from None


def _read_file(path: Path, shown: str) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(
            Location(shown, 1, 1),
            f"cannot read the file: {reason}",
            hint="check the config path (--config) and the file's permissions",
            code="unreadable",
        )
        raise InputError(f"{shown}: cannot read the file: {reason}", [problem]) from None


def _waiver_authors(
    repo: gitsource.Repository, delta: Delta, head_doc: Document, head_sha: str | None
) -> dict[str, tuple[str, str | None]]:
    """Who last changed each added or changed waiver's lines (git blame at the head)."""
    authors: dict[str, tuple[str, str | None]] = {}
    fallback: str | None = None
    for w in delta.waivers:
        if w.kind not in ("added", "changed"):
            continue
        start, end = waiver_lines(head_doc, w.waiver)
        commit = gitsource.last_change(repo, head_sha, delta.head_side.path, start, end)
        if commit is not None:
            authors[w.control] = (commit.author_name, commit.short_sha)
        else:
            if fallback is None:
                fallback = gitsource.user_name(repo) or "uncommitted"
            authors[w.control] = (fallback, None)
    return authors

"""Verify an evidence bundle written by `phi_policy.audit.evidence`.

`verify` recomputes what it can: each file's digest against the manifest, each recorded commit
against the repository (still there, still an ancestor of the branch), and the whole
evidence.json again from the repository at the recorded head, so an edited score, an edited
file or a rewritten history is named. The manifest alone proves nothing (whoever edits a file
can edit the manifest): the recomputation (`phi_policy.audit.comparison`) is what catches a
forged bundle.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phi_policy.audit import git_history
from phi_policy.audit import history as history_
from phi_policy.audit.bundle import Repo, bundle
from phi_policy.audit.comparison import Findings, compare_evidence, compare_files, label
from phi_policy.audit.history import SHORT
from phi_policy.audit.manifest import (
    ASSESSMENT,
    EVIDENCE,
    MANIFEST,
    REPORT,
    check_files,
    load_json,
    read_manifest,
)
from phi_policy.catalog.packs import load_catalog
from phi_policy.errors import GitError, InputError


@dataclass
class Verification:
    """What `verify` found: every mismatch (each names what differs), notes, and a summary."""

    folder: Path
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    summary: str = ""
    tip: str = ""

    @property
    def ok(self) -> bool:
        return not self.mismatches


def required_files(
    folder: Path, files: Mapping[str, str], recorded: Mapping[str, Any]
) -> list[str]:
    """A mismatch for each file the bundle format requires that the manifest does not list:
    evidence.json always; assessment.json when evidence.json records a current assessment
    (its "current" names it); report.html beside it when this installation can render it.
    Removing a file from the folder and the manifest alike must not make a bundle verify."""
    required = [EVIDENCE]
    current = recorded.get("current")
    if isinstance(current, dict):
        required.append(str(current.get("file") or ASSESSMENT))
        if _has_html():
            required.append(REPORT)
    return [
        f"{name}: missing from the bundle and its manifest (the format requires it)"
        for name in required
        if name not in files and not (folder / name).is_file()
    ]


def _has_html() -> bool:
    import importlib.util

    return importlib.util.find_spec("phi_policy.reporters.html") is not None


def _schema_problems(data: Any) -> list[str]:
    from jsonschema import Draft202012Validator

    from phi_policy.config.refs import inline_refs
    from phi_policy.resources import schema_path

    schema = json.loads(schema_path("evidence.schema.json").read_text(encoding="utf-8"))
    # Inlined references: a bundle of 2,500 commits validates in 17 s instead of 26 s.
    validator = Draft202012Validator(
        inline_refs(schema), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    ]


def verify(
    folder: Path,
    *,
    repo_path: Path | None = None,
    rev: str | None = None,
    control_dirs: Sequence[str] = (),
    jobs: int | None = 1,
    allow_shallow: bool = False,
) -> Verification:
    """Check the bundle in `folder` against its manifest and the repository at `repo_path`.

    InputError (exit 2) when the folder is not a readable bundle at all; GitError (exit 2)
    when the repository is a shallow clone, unless `allow_shallow` (a cut history would
    make a cut bundle verify).
    """
    result = Verification(folder)
    head, files = read_manifest(folder)
    result.mismatches += check_files(folder, files)
    evidence_changed = any(m.startswith(f"{EVIDENCE}:") for m in result.mismatches)
    try:
        recorded = load_json(folder / EVIDENCE, EVIDENCE)
        problems = _schema_problems(recorded)
    except InputError:
        if evidence_changed:
            result.mismatches.append(f"{EVIDENCE}: no longer readable, so nothing was recomputed")
            return result
        raise
    if problems:
        if evidence_changed:
            result.mismatches.append(
                f"{EVIDENCE}: no longer follows its schema ({problems[0]}), so nothing was "
                "recomputed"
            )
            return result
        raise InputError(f"{folder / EVIDENCE} is not valid evidence: {problems[0]}")
    result.mismatches += required_files(folder, files, recorded)
    if recorded["repository"]["head"] != head:
        result.mismatches.append(
            f"{MANIFEST}: head {head[:SHORT]} differs from {EVIDENCE}'s head "
            f"{recorded['repository']['head'][:SHORT]}"
        )
    _against_repository(result, folder, recorded, repo_path, rev, control_dirs, jobs,
                        allow_shallow)
    if result.ok:
        commits = recorded["commits"]
        span = f"{len(commits)} commit{'s' if len(commits) != 1 else ''}"
        if commits:
            span += f" from {commits[0]['as_of']} to {commits[-1]['as_of']}"
        result.summary = (
            f"{folder}: the evidence bundle verifies: {len(files)} files match the manifest; "
            f"{span} of {recorded['repository']['config']} are in the repository and part of "
            f"{result.tip}; every score and outcome recomputes with catalog "
            f"{recorded['catalog']['sha256'][:12]}."
        )
    return result


def _against_repository(
    result: Verification,
    folder: Path,
    recorded: Mapping[str, Any],
    repo_path: Path | None,
    rev: str | None,
    control_dirs: Sequence[str],
    jobs: int | None = 1,
    allow_shallow: bool = False,
) -> None:
    """Is every recorded commit still there and on the branch, and does everything recompute?"""
    from phi_policy.git.objects import existing_commits
    from phi_policy.git.repo import open_repo
    from phi_policy.git.revisions import ancestors, branch_exists, resolve, resolve_sha

    facts = recorded["repository"]
    head, branch = facts["head"], facts["branch"]
    entries = ([recorded["before"]] if recorded["before"] else []) + list(recorded["commits"])
    catalog = load_catalog(control_dirs)
    with open_repo(repo_path or Path.cwd()) as repo:
        git_history.require_full_history(repo, allow_shallow)
        shallow = repo.shallow
        present = existing_commits(repo, [head, *(e["sha"] for e in entries)])
        tip_rev = rev or (branch if branch and branch_exists(repo, branch) else "HEAD")
        tip = resolve_sha(repo, tip_rev)
        reachable = ancestors(repo, tip)
        where = result.tip = f"{tip_rev} ({tip[:SHORT]})"
        for entry in entries:
            if entry["sha"] not in present:
                result.mismatches.append(
                    f"{label(entry)}: no longer in the repository (the history was rewritten "
                    "or force-pushed, or this is another repository)"
                )
            elif entry["sha"] not in reachable:
                result.mismatches.append(
                    f"{label(entry)}: no longer an ancestor of {where}: the history was "
                    "rewritten or force-pushed"
                )
        if head not in present:
            result.mismatches.append(
                f"the recorded head {head[:SHORT]} is not in this repository, so nothing could "
                "be recomputed"
            )
            return
        if head not in reachable:
            result.mismatches.append(
                f"the recorded head {head[:SHORT]} is no longer an ancestor of {where}: the "
                "history was rewritten or force-pushed"
            )
        period = recorded["period"]
        since = dt.date.fromisoformat(period["since"]) if period["since"] else None
        until = dt.date.fromisoformat(period["until"]) if period["until"] else None
        try:
            source = git_history.read(repo, facts["config"], head, since=since, until=until)
            head_date = resolve(repo, head).date
        except GitError as error:
            result.mismatches.append(f"the history could not be read again: {error.message}")
            return
    today = dt.date.fromisoformat(period["today"]) if period.get("today") else None
    walked = history_.build(source, catalog, recorded["profile"], jobs=jobs, today=today)
    files = bundle(walked, catalog, Repo(head, head_date, branch,
                                         bool(facts.get("shallow")) or shallow),
                   require_signed=recorded["require_signed"], today=today)
    again = json.loads(files[EVIDENCE])
    _take(result, compare_evidence(recorded, again))
    flagged = {m.split(":", 1)[0] for m in result.mismatches}
    _take(result, compare_files(folder, recorded, again, files, flagged))


def _take(result: Verification, found: Findings) -> None:
    result.mismatches += found.mismatches
    result.notes += found.notes


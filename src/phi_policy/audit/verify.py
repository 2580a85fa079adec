"""Verify an evidence bundle written by `phi_policy.audit.evidence`.

`verify` recomputes what it can: each file's digest against the manifest, each recorded commit
against the repository (still there, still an ancestor of the branch), and the whole
evidence.json again from the repository at the recorded head, so an edited score, an edited
file or a rewritten history is named. The manifest alone proves nothing (whoever edits a file
can edit the manifest): the recomputation is what catches a forged bundle.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phi_policy.audit import history as history_
from phi_policy.audit.evidence import (
    ALWAYS_FLAGGED,
    ASSESSMENT,
    EVIDENCE,
    MANIFEST,
    REPORT,
    SHORT,
    Repo,
    _sha256,
    bundle,
)
from phi_policy.catalog.packs import load_catalog
from phi_policy.errors import GitError, InputError

GIT_FACTS = (
    "tree", "parents", "path", "change", "old_path", "blob", "author", "committer", "subject",
    "as_of",
)
VERDICT_FACTS = ("valid", "invalid", "score", "raw_score", "band", "delta", "changes")


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


def _load_json(path: Path, what: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            f"{path.parent} is not an evidence bundle: it has no {path.name}"
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{path}: cannot read {what}: {error}") from None


def _read_manifest(folder: Path) -> tuple[str, dict[str, str]]:
    if not folder.is_dir():
        raise InputError(f"{folder} is not an evidence bundle: no such folder")
    data = _load_json(folder / MANIFEST, "the manifest")
    files = data.get("files") if isinstance(data, dict) else None
    head = data.get("head") if isinstance(data, dict) else None
    if (
        not isinstance(files, dict)
        or not isinstance(head, str)
        or EVIDENCE not in files
        or not all(isinstance(v, str) for v in files.values())
    ):
        raise InputError(
            f"{folder / MANIFEST} is not an evidence bundle's manifest: it needs "
            f'"head" and "files" (with {EVIDENCE})'
        )
    for name in files:
        parts = Path(name).parts
        if Path(name).is_absolute() or ".." in parts or name == MANIFEST:
            raise InputError(f"{folder / MANIFEST}: {name!r} is not a file of the bundle")
    return head, files


def check_files(folder: Path, files: Mapping[str, str]) -> list[str]:
    """A mismatch for each file whose digest differs, that is missing, or that was added."""
    found = []
    for name, digest in sorted(files.items()):
        path = folder / name
        if not path.is_file():
            found.append(f"{name}: missing (the manifest lists it)")
            continue
        now = _sha256(path.read_bytes())
        if now != digest:
            found.append(
                f"{name}: changed since the bundle was written (sha256 {now[:16]}..., the "
                f"manifest says {digest[:16]}...)"
            )
    present = sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
    )
    for name in present:
        if name != MANIFEST and name not in files:
            found.append(f"{name}: not in the manifest (added after the bundle was written)")
    return found


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

    from phi_policy.config.schema_check import inline_refs
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
    head, files = _read_manifest(folder)
    result.mismatches += check_files(folder, files)
    evidence_changed = any(m.startswith(f"{EVIDENCE}:") for m in result.mismatches)
    try:
        recorded = _load_json(folder / EVIDENCE, EVIDENCE)
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


def _label(entry: Mapping[str, Any]) -> str:
    return f'commit {entry["sha"][:SHORT]} ({entry["as_of"]}, "{entry["subject"]}")'


def _show(value: Any) -> str:
    if isinstance(value, dict) and {"name", "email", "date"} <= set(value):
        return f"{value['name']} <{value['email']}> {value['date']}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


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
        history_.require_full_history(repo, allow_shallow)
        shallow = repo.shallow
        present = existing_commits(repo, [head, *(e["sha"] for e in entries)])
        tip_rev = rev or (branch if branch and branch_exists(repo, branch) else "HEAD")
        tip = resolve_sha(repo, tip_rev)
        reachable = ancestors(repo, tip)
        where = result.tip = f"{tip_rev} ({tip[:SHORT]})"
        for entry in entries:
            if entry["sha"] not in present:
                result.mismatches.append(
                    f"{_label(entry)}: no longer in the repository (the history was rewritten "
                    "or force-pushed, or this is another repository)"
                )
            elif entry["sha"] not in reachable:
                result.mismatches.append(
                    f"{_label(entry)}: no longer an ancestor of {where}: the history was "
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
            source = history_.read(repo, facts["config"], head, since=since, until=until)
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
    _compare(result, recorded, again)
    _compare_files(result, folder, recorded, again, files)


def _compare(result: Verification, recorded: Mapping[str, Any], again: Mapping[str, Any]) -> None:
    same_catalog = recorded["catalog"]["sha256"] == again["catalog"]["sha256"]
    if recorded["tool"]["version"] != again["tool"]["version"]:
        result.notes.append(
            f"the bundle was written by phi-policy {recorded['tool']['version']}; this is "
            f"{again['tool']['version']}"
        )
    if not same_catalog:
        result.mismatches.append(
            "the control catalog differs from the one the bundle was written with (sha256 "
            f"{recorded['catalog']['sha256'][:12]}, installed {again['catalog']['sha256'][:12]}): "
            "scores and outcomes were not recomputed; verify with phi-policy "
            f"{recorded['tool']['version']} and the same control packs"
        )
    keyring: set[str] = set()
    pairs = [(recorded["before"], again["before"])] if recorded["before"] or again["before"] else []
    old = {e["sha"]: e for e in recorded["commits"]}
    new = {e["sha"]: e for e in again["commits"]}
    for sha, entry in old.items():
        if sha not in new:
            result.mismatches.append(
                f"{_label(entry)}: not a change to {recorded['repository']['config']} in the "
                f"period in the history of {recorded['repository']['head'][:SHORT]}"
            )
    for sha, entry in new.items():
        if sha not in old:
            result.mismatches.append(
                f"{_label(entry)}: changed the config in the period but is not in the bundle"
            )
    pairs += [(old[sha], new[sha]) for sha in old if sha in new]
    for before, now in pairs:
        if before is None or now is None:
            result.mismatches.append(
                "the last change before the period: recorded "
                f"{before['sha'][:SHORT] if before else 'none'}, the repository has "
                f"{now['sha'][:SHORT] if now else 'none'}"
            )
            continue
        _compare_entry(result, before, now, same_catalog, keyring)
    if same_catalog:
        _compare_timelines(result, recorded["timelines"], again["timelines"])
        if recorded["current"] != again["current"]:
            result.mismatches.append(
                f"current: the assessment at the end of the period was recorded as "
                f"{_show(recorded['current'])}, it recomputes to {_show(again['current'])}"
            )
    _compare_flags(result, recorded["flags"], again["flags"], keyring)


def _compare_entry(
    result: Verification,
    before: Mapping[str, Any],
    now: Mapping[str, Any],
    same_catalog: bool,
    keyring: set[str],
) -> None:
    label = _label(before)
    for key in GIT_FACTS:
        if before.get(key) != now.get(key):
            result.mismatches.append(
                f"{label}: {key} recorded {_show(before.get(key))}, the repository has "
                f"{_show(now.get(key))}"
            )
    if before["signature"] != now["signature"]:
        if now["signature"] == "unknown_key" and before["signature"] not in ALWAYS_FLAGGED:
            keyring.add(before["sha"])
            result.notes.append(
                f"{label}: signature recorded {before['signature']}; this machine cannot check "
                "it (its keyring lacks or does not trust the key)"
            )
        else:
            result.mismatches.append(
                f"{label}: signature recorded {before['signature']}, this machine sees "
                f"{now['signature']}"
            )
    if not same_catalog:
        return
    for key in VERDICT_FACTS:
        if before.get(key) != now.get(key):
            result.mismatches.append(
                f"{label}: {key} recorded {_show(before.get(key))}, recomputes to "
                f"{_show(now.get(key))}"
            )
    was = {o["control"]: (o["status"], o["credit"]) for o in before["outcomes"]}
    is_ = {o["control"]: (o["status"], o["credit"]) for o in now["outcomes"]}
    for control in sorted(set(was) | set(is_)):
        if was.get(control) != is_.get(control):
            result.mismatches.append(
                f"{label}: {control} recorded {_outcome(was.get(control))}, recomputes to "
                f"{_outcome(is_.get(control))}"
            )


def _outcome(value: tuple[str, Any] | None) -> str:
    if value is None:
        return "absent"
    status, credit = value
    return status if credit is None else f"{status} (credit {credit:g})"


def _compare_timelines(
    result: Verification, recorded: Sequence[Mapping[str, Any]], again: Sequence[Mapping[str, Any]]
) -> None:
    old = {t["control"]: t for t in recorded}
    new = {t["control"]: t for t in again}
    for control in sorted(set(old) | set(new)):
        if old.get(control) != new.get(control):
            result.mismatches.append(
                f"timeline of {control}: the recorded intervals differ from the recomputed ones"
            )


def _compare_flags(
    result: Verification,
    recorded: Sequence[Mapping[str, Any]],
    again: Sequence[Mapping[str, Any]],
    keyring: set[str],
) -> None:
    def key(f: Mapping[str, Any]) -> tuple[str, str, str]:
        return f["kind"], f["commit"], f["message"]

    def counted(f: Mapping[str, Any]) -> bool:
        return not (f["kind"] == "signature" and f["commit"] in keyring)

    old = {key(f) for f in recorded if counted(f)}
    new = {key(f) for f in again if counted(f)}
    for kind, commit, message in sorted(old - new):
        result.mismatches.append(
            f"flag {kind} on commit {commit[:SHORT]} is not what the repository shows: {message}"
        )
    for kind, commit, message in sorted(new - old):
        result.mismatches.append(
            f"flag {kind} on commit {commit[:SHORT]} is missing from the bundle: {message}"
        )


def _compare_files(
    result: Verification,
    folder: Path,
    recorded: Mapping[str, Any],
    again: Mapping[str, Any],
    files: Mapping[str, str],
) -> None:
    """assessment.json and report.html against what the repository gives now."""
    if recorded["catalog"]["sha256"] != again["catalog"]["sha256"]:
        return
    flagged = {m.split(":", 1)[0] for m in result.mismatches}
    for name in (ASSESSMENT, REPORT):
        path = folder / name
        if name in flagged or not path.is_file():
            continue
        if name not in files:
            if name == REPORT:
                result.notes.append(
                    f"{name} was not re-rendered: the HTML reporter is not installed"
                )
            else:
                result.mismatches.append(f"{name}: the repository gives no valid config to assess")
            continue
        text = path.read_text(encoding="utf-8")
        if name == ASSESSMENT:
            same = _without_tool(text) == _without_tool(files[name])
        elif recorded["tool"]["version"] != again["tool"]["version"]:
            result.notes.append(f"{name} was not re-rendered: another phi-policy version wrote it")
            continue
        else:
            same = text == files[name]
        if not same:
            result.mismatches.append(
                f"{name}: does not match what the repository gives (re-rendered and compared)"
            )


def _without_tool(text: str) -> Any:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if isinstance(data, dict):
        data.pop("tool", None)
    return data

"""The audit evidence bundle: what the config's history shows, written so it can be checked later.

`write` puts four files in a folder: evidence.json (every commit that changed the config in the
audit period, with its git facts, score and every outcome; the control timelines; the flags an
auditor should look at; the tool and catalog versions), assessment.json (the posture at the
end of the period, as `check --format json` writes it), report.html (the same with the history
and timelines, when the HTML reporter is installed) and manifest.json, written last, with the
SHA-256 of every other file and the head commit. Nothing depends on the clock: the period and
every `as_of` come from the commits and the options, so the same repository and options give
the same bytes.

`verify` recomputes what it can: each file's digest against the manifest, each recorded commit
against the repository (still there, still an ancestor of the branch), and the whole
evidence.json again from the repository at the recorded head, so an edited score, an edited
file or a rewritten history is named. The manifest alone proves nothing (whoever edits a file
can edit the manifest): the recomputation is what catches a forged bundle.

What git can prove is limited, and the bundle says so: author and committer are claims made by
whoever committed (recorded separately), dates are claims too (a commit dated before its
parent is flagged), and only a good signature ties a commit to a key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from phi_policy import __version__
from phi_policy import history as history_
from phi_policy import timelines as timelines_
from phi_policy.delta import same_person
from phi_policy.errors import GitError, InputError, UsageError
from phi_policy.history import History, Row
from phi_policy.history_formats import row_dict, timeline_dict
from phi_policy.model import Assessment, Context, ControlTimeline, Waiver
from phi_policy.packs import Catalog, load_catalog

EVIDENCE_SCHEMA_ID = "https://phi-policy.dev/schemas/evidence/v1.json"
EVIDENCE = "evidence.json"
ASSESSMENT = "assessment.json"
REPORT = "report.html"
MANIFEST = "manifest.json"
SHORT = history_.SHORT
FLAG_KINDS = (
    "signature",
    "date_before_parent",
    "author_not_committer",
    "direct_push",
    "self_approved_waiver",
)
#: Signature statuses flagged whatever the policy: they say something is wrong.
ALWAYS_FLAGGED = frozenset({"bad", "revoked"})
SIGNATURE_WORDS = {
    "bad": "has a BAD signature",
    "revoked": "is signed with a revoked key",
    "unsigned": "is unsigned",
    "unknown_key": "is signed with a key this machine cannot check (unknown or untrusted)",
    "expired": "is signed with an expired key or signature",
}


def catalog_version(catalog: Catalog) -> str:
    """SHA-256 over what decides a score: every control's id, domain, weight, severity,
    requirement, citations, profiles and whether it is proposed (not titles or prose).

    A verifier whose catalog gives another digest is judging with other rules, so a score
    that differs is not evidence of tampering.
    """
    data = [
        {
            "id": c.id,
            "domain": c.domain,
            "weight": c.weight,
            "severity": c.severity,
            "requirement": c.requirement,
            "citations": [x.section for x in c.citations],
            "profiles": list(c.profiles),
            "proposed": c.proposed,
        }
        for c in sorted(catalog.controls, key=lambda c: c.id)
    ]
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- flags --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """Something in the history an auditor should look at, and why."""

    kind: str
    commit: str
    message: str


def _same_identity(c: Any) -> bool:
    return c.author_email.casefold() == c.committer_email.casefold() or same_person(
        c.author_name, c.committer_name
    )


def _who(name: str, email: str) -> str:
    return f"{name} <{email}>"


def flags(history: History, *, require_signed: bool = False) -> list[Flag]:
    """The flags for the commits of the period, in commit order.

    - signature: bad or revoked always; with `require_signed`, anything but a good signature;
    - date_before_parent: a committer date earlier than a parent's (dates are claims);
    - author_not_committer: git records two people; the bundle shows both;
    - direct_push (first-parent history only): a non-merge commit on the branch whose author
      is its committer, so no second person merged it (a heuristic: a local fast-forward
      merge after an off-line review looks the same);
    - self_approved_waiver: the commit adds or changes a waiver its own author approves.
    """
    found: list[Flag] = []
    previous: Row | None = history.before if history.before and history.before.assessment else None
    for row in history.rows:
        c, short = row.commit, row.commit.sha[:SHORT]
        status = c.signature
        if status in ALWAYS_FLAGGED or (require_signed and status != "good"):
            policy = " (the policy asks for signed commits)" if require_signed else ""
            words = SIGNATURE_WORDS.get(status, status)
            found.append(Flag("signature", c.sha, f"commit {short} {words}{policy}"))
        landed = dt.datetime.fromisoformat(c.committer_datetime)
        for parent, stamp in zip(c.parents, row.parent_dates, strict=False):
            if stamp and dt.datetime.fromisoformat(stamp) > landed:
                found.append(Flag(
                    "date_before_parent", c.sha,
                    f"commit {short} is dated {c.committer_datetime}, earlier than its parent "
                    f"{parent[:SHORT]} ({stamp}): its date cannot be trusted",
                ))
        same = _same_identity(c)
        if not same:
            found.append(Flag(
                "author_not_committer", c.sha,
                f"commit {short} was authored by {_who(c.author_name, c.author_email)} and "
                f"committed by {_who(c.committer_name, c.committer_email)}",
            ))
        if history.first_parent and same and len(c.parents) <= 1:
            found.append(Flag(
                "direct_push", c.sha,
                f"commit {short} by {c.author_name} landed on the branch without a merge by a "
                "second person (author and committer are the same)",
            ))
        if row.assessment is not None:
            known = {_waiver_key(w) for w in previous.waivers} if previous else set()
            for waiver in row.waivers:
                if _waiver_key(waiver) in known:
                    continue
                if same_person(waiver.approved_by, c.author_name):
                    found.append(Flag(
                        "self_approved_waiver", c.sha,
                        f"commit {short} by {c.author_name} adds or changes the waiver for "
                        f"{waiver.control}, approved by {waiver.approved_by}: the approver is "
                        "the author",
                    ))
            previous = row
    return found


def _waiver_key(w: Waiver) -> tuple[str, ...]:
    """A waiver's content, wherever it sits in the list."""
    return (
        w.control, w.justification, w.alternative_measure, w.approved_by, w.approved_on, w.expires
    )


# --- the bundle ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Repo:
    """The repository facts the bundle records: the head commit, its date, the branch."""

    head: str
    head_date: dt.date
    branch: str | None


def current(history: History) -> Row | None:
    """The last valid version in the period (or before it), to be judged at the period's end."""
    rows = ([history.before] if history.before else []) + list(history.rows)
    valid = [r for r in rows if r.assessment is not None]
    return valid[-1] if valid else None


def outcomes(a: Assessment) -> list[dict[str, Any]]:
    return [
        {"control": r.control_id, "status": r.outcome.status, "credit": r.outcome.credit}
        for r in a.results
    ]


def commit_entry(row: Row) -> dict[str, Any]:
    entry = row_dict(row)
    entry["outcomes"] = outcomes(row.assessment) if row.assessment else []
    return entry


def evidence_dict(
    history: History,
    timelines: Sequence[ControlTimeline],
    found: Sequence[Flag],
    catalog: Catalog,
    repo: Repo,
    *,
    as_of: dt.date,
    assessment: Assessment | None,
    current_row: Row | None,
    require_signed: bool,
) -> dict[str, Any]:
    """evidence.json as data (schemas/evidence.schema.json)."""
    return {
        "$schema": EVIDENCE_SCHEMA_ID,
        "tool": {"name": "phi-policy", "version": __version__},
        "catalog": {
            "sha256": catalog_version(catalog),
            "controls": len(catalog.controls),
            "packs": list(catalog.packs),
        },
        "profile": history.profile,
        "repository": {
            "head": repo.head,
            "branch": repo.branch,
            "config": history.path,
            "first_parent": history.first_parent,
        },
        "period": {
            "since": history.since.isoformat() if history.since else None,
            "until": history.until.isoformat() if history.until else None,
        },
        "require_signed": require_signed,
        "current": None
        if assessment is None or current_row is None
        else {
            "file": ASSESSMENT,
            "commit": current_row.commit.sha,
            "path": current_row.commit.path,
            "blob": current_row.commit.blob,
            "as_of": as_of.isoformat(),
            "score": _two(assessment.score),
            "raw_score": _two(assessment.raw_score),
            "band": assessment.band,
        },
        "before": commit_entry(history.before) if history.before else None,
        "commits": [commit_entry(r) for r in history.rows],
        "timelines": [timeline_dict(t) for t in timelines],
        "flags": [{"kind": f.kind, "commit": f.commit, "message": f.message} for f in found],
    }


def _two(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def bundle(
    history: History,
    catalog: Catalog,
    repo: Repo,
    *,
    require_signed: bool = False,
) -> dict[str, str]:
    """Every file of the bundle but the manifest: name -> text. Pure given the history."""
    from phi_policy.pipeline import assess
    from phi_policy.reporters import json_report

    as_of = history.until or repo.head_date
    row = current(history)
    assessment = None
    if row is not None and row.document is not None:
        assessment = assess(row.document, catalog, Context(as_of, history.profile))
    steps = history.steps()
    timelines = timelines_.build(steps)
    found = flags(history, require_signed=require_signed)
    files = {
        EVIDENCE: _json(evidence_dict(
            history, timelines, found, catalog, repo, as_of=as_of, assessment=assessment,
            current_row=row, require_signed=require_signed,
        ))
    }
    if assessment is not None:
        files[ASSESSMENT] = json_report.render(assessment)
        html = _html()
        if html is not None:
            files[REPORT] = html(assessment, None, history=history.points(), timelines=timelines)
    return files


def _html() -> Callable[..., str] | None:
    """The HTML reporter's render, when this installation has it."""
    try:
        from phi_policy.reporters import html
    except ModuleNotFoundError as error:
        if error.name != "phi_policy.reporters.html":
            raise
        return None
    render: Callable[..., str] = html.render
    return render


def manifest(head: str, files: Mapping[str, str]) -> str:
    """manifest.json: the head commit and the SHA-256 of every other file of the bundle."""
    digests = {name: _sha256(text.encode("utf-8")) for name, text in sorted(files.items())}
    return _json({"head": head, "files": digests})


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WriteRequest:
    out: str
    config: str = "phi-policy.yaml"
    since: dt.date | None = None
    until: dt.date | None = None
    require_signed: bool = False
    force: bool = False
    profile: str = "hipaa"
    control_dirs: tuple[str, ...] = ()


def check_target(out: Path, force: bool) -> None:
    """Refuse, before anything is read or written, to write into a file or a folder that
    already holds something (unless `force`): an earlier bundle is evidence too."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder", hint="choose another --out folder")
    if out.is_dir() and any(out.iterdir()) and not force:
        raise UsageError(
            f"{out} is not empty; an evidence bundle is written into a new or empty folder",
            hint="choose another --out folder, or pass --force to replace the bundle in it",
        )


def read_history(
    config: str,
    catalog: Catalog,
    *,
    profile: str,
    since: dt.date | None,
    until: dt.date | None,
    cwd: Path | None = None,
    on_steps: Callable[[int], Any] | None = None,
) -> tuple[History, Repo]:
    """The first-parent history of `config` from HEAD, judged, and the repository's facts.

    `on_steps(total)` may return a context manager giving a per-commit callback (a progress
    bar) or None.
    """
    from phi_policy import gitsource

    here = Path(cwd or Path.cwd())
    with gitsource.open_repo(here / config) as repo:
        path = repo.relative(config, here)
        head = gitsource.resolve(repo, "HEAD")
        branch = gitsource.current_branch(repo)
        source = history_.read(repo, path, head.sha, since=since, until=until)
    facts = Repo(head.sha, head.commit_date, branch)
    if on_steps is None:
        return history_.build(source, catalog, profile), facts
    with on_steps(len(source.commits)) as step:
        return history_.build(source, catalog, profile, on_step=step), facts


def write(
    request: WriteRequest,
    *,
    cwd: Path | None = None,
    on_steps: Callable[[int], Any] | None = None,
) -> tuple[Path, dict[str, str], History]:
    """Write the bundle; (the folder, the files written by name, the history)."""
    from phi_policy.output import write_atomic

    out = Path(request.out) if cwd is None else Path(cwd) / request.out
    check_target(out, request.force)
    catalog = load_catalog(request.control_dirs)
    walked, repo = read_history(
        request.config, catalog, profile=request.profile, since=request.since,
        until=request.until, cwd=cwd, on_steps=on_steps,
    )
    files = bundle(walked, catalog, repo, require_signed=request.require_signed)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        write_atomic(out / name, text)
    files[MANIFEST] = manifest(repo.head, files)
    write_atomic(out / MANIFEST, files[MANIFEST])  # last: a bundle without it is unfinished
    return out, files, walked


# --- verifying ----------------------------------------------------------------------------------

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


def _schema_problems(data: Any) -> list[str]:
    from jsonschema import Draft202012Validator

    from phi_policy.resources import schema_path

    schema = json.loads(schema_path("evidence.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
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
) -> Verification:
    """Check the bundle in `folder` against its manifest and the repository at `repo_path`.

    InputError (exit 2) when the folder is not a readable bundle at all.
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
    if recorded["repository"]["head"] != head:
        result.mismatches.append(
            f"{MANIFEST}: head {head[:SHORT]} differs from {EVIDENCE}'s head "
            f"{recorded['repository']['head'][:SHORT]}"
        )
    _against_repository(result, folder, recorded, repo_path, rev, control_dirs)
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
) -> None:
    """Is every recorded commit still there and on the branch, and does everything recompute?"""
    from phi_policy import gitsource

    facts = recorded["repository"]
    head, branch = facts["head"], facts["branch"]
    entries = ([recorded["before"]] if recorded["before"] else []) + list(recorded["commits"])
    catalog = load_catalog(control_dirs)
    with gitsource.open_repo(repo_path or Path.cwd()) as repo:
        present = gitsource.existing_commits(repo, [head, *(e["sha"] for e in entries)])
        tip_rev = rev or (branch if branch and gitsource.branch_exists(repo, branch) else "HEAD")
        tip = gitsource.resolve_sha(repo, tip_rev)
        reachable = gitsource.ancestors(repo, tip)
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
            head_date = gitsource.resolve(repo, head).commit_date
        except GitError as error:
            result.mismatches.append(f"the history could not be read again: {error.message}")
            return
    walked = history_.build(source, catalog, recorded["profile"])
    files = bundle(walked, catalog, Repo(head, head_date, branch),
                   require_signed=recorded["require_signed"])
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

"""The audit evidence bundle: what the config's history shows, written so it can be checked later.

`write` puts four files in a folder: evidence.json (every commit that changed the config in the
audit period, with its git facts, score and every outcome; the control timelines; the flags an
auditor should look at; the tool and catalog versions), assessment.json (the posture at the
end of the period, as `check --format json` writes it), report.html (the same with the history
and timelines, when the HTML reporter is installed) and manifest.json, written last, with the
SHA-256 of every other file and the head commit. Nothing depends on the clock: the period and
every `as_of` come from the commits and the options, so the same repository and options give
the same bytes.

`phi_policy.audit.verify` checks a bundle later against its manifest and the repository.

What git can prove is limited, and the bundle says so: author and committer are claims made by
whoever committed (recorded separately), dates are claims too (a commit dated before its
parent is flagged), and only a good signature ties a commit to a key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from phi_policy import __version__
from phi_policy.audit import history as history_
from phi_policy.audit import timelines as timelines_
from phi_policy.audit.attribution import approver_matches, same_person
from phi_policy.audit.history import History, Row, Verdict
from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.errors import UsageError
from phi_policy.model import Assessment, Context, ControlTimeline, Decision
from phi_policy.reporters.history import row_dict, timeline_dict

EVIDENCE_SCHEMA_ID = "https://phi-policy.dev/schemas/evidence/v1.json"
EVIDENCE = "evidence.json"
ASSESSMENT = "assessment.json"
REPORT = "report.html"
MANIFEST = "manifest.json"
SHORT = history_.SHORT
FLAG_KINDS = (
    "signature",
    "date_before_parent",
    "future_date",
    "author_not_committer",
    "direct_push",
    "self_approved_decision",
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
    legal basis, citations, profiles and tailorable number (not titles or prose), and the
    source of every module of every pack (`pack_sources`).

    A verifier whose catalog gives another digest is judging with other rules, so a score
    that differs is not evidence of tampering. The code counts as much as the metadata: a
    pack whose controls keep their ids and weights but always pass is another catalog.
    """
    data = {
        "controls": [
            {
                "id": c.id,
                "domain": c.domain,
                "weight": c.weight,
                "severity": c.severity,
                "basis": c.basis,
                "citations": [x.section for x in c.citations],
                "profiles": list(c.profiles),
                "tailorable": c.tailorable,
            }
            for c in sorted(catalog.controls, key=lambda c: c.id)
        ],
        "sources": pack_sources(catalog),
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def pack_sources(catalog: Catalog) -> list[list[str]]:
    """[pack, file, sha256] for every Python file of every pack the catalog was loaded from
    (helpers starting with "_" too: they decide outcomes as much as the controls do), with
    paths relative to the pack's folder, so the digest is the same on every machine. Files a
    control was declared in outside those folders (an entry point's module) are named by
    their file name."""
    from phi_policy.resources import builtin_controls_dir

    folders: list[tuple[str, Path]] = [("builtin", builtin_controls_dir())]
    if catalog.loaded_with is not None:
        folders += [(f"pack {i + 1}", Path(d)) for i, d in enumerate(catalog.loaded_with[0])]
    found: dict[str, list[str]] = {}
    for label, folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            key = str(path.resolve())
            found[key] = [label, path.relative_to(folder).as_posix(), _file_digest(path)]
    for control in catalog.controls:
        file = control.origin.rsplit(":", 1)[0]
        path = Path(file)
        if path.is_file() and str(path.resolve()) not in found:
            found[str(path.resolve())] = [control.pack, path.name, _file_digest(path)]
    return sorted(found.values())


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


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
    - future_date: a committer date after the date the run took as today (`Row.dating`);
    - author_not_committer: git records two people; the bundle shows both;
    - direct_push (first-parent history only): a non-merge commit on the branch whose author
      is its committer, so no second person merged it (a heuristic: a local fast-forward
      merge after an off-line review looks the same);
    - self_approved_decision: the commit adds or changes a documented decision its own author
      approves (by name in any common form, or by e-mail:
      phi_policy.audit.attribution.approver_matches).
    """
    found: list[Flag] = []
    previous: Row | None = history.before if history.before and history.before.verdict else None
    for row in history.rows:
        c, short = row.commit, row.commit.sha[:SHORT]
        status = c.signature
        if status in ALWAYS_FLAGGED or (require_signed and status != "good"):
            policy = " (the policy asks for signed commits)" if require_signed else ""
            words = SIGNATURE_WORDS.get(status, status)
            found.append(Flag("signature", c.sha, f"commit {short} {words}{policy}"))
        found += [Flag(note.kind, note.commit, note.message) for note in row.dating]
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
        if row.verdict is not None:
            known = {_decision_key(d) for d in previous.decisions} if previous else set()
            for decision in row.decisions:
                if _decision_key(decision) in known:
                    continue
                if approver_matches(decision.approved_by, c.author_name, c.author_email):
                    found.append(Flag(
                        "self_approved_decision", c.sha,
                        f"commit {short} by {c.author_name} adds or changes the decision for "
                        f"{decision.control}, approved by {decision.approved_by}: the approver "
                        "is the author",
                    ))
            previous = row
    return found


def _decision_key(d: Decision) -> tuple[object, ...]:
    """A decision's content, wherever it sits in the list."""
    return (
        d.control, d.kind, d.instances, d.value, d.reason, d.alternative_measure, d.approved_by,
        d.approved_on, d.review_by,
    )


# --- the bundle ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Repo:
    """The repository facts the bundle records: the head commit, its date, the branch, and
    whether the clone was shallow (read with --allow-shallow: the history is cut)."""

    head: str
    head_date: dt.date
    branch: str | None
    shallow: bool = False


def current(history: History) -> Row | None:
    """The last valid version in the period (or before it), to be judged at the period's end."""
    rows = ([history.before] if history.before else []) + list(history.rows)
    valid = [r for r in rows if r.verdict is not None]
    return valid[-1] if valid else None


def outcomes(verdict: Verdict) -> list[dict[str, Any]]:
    return [
        {"control": m.control_id, "status": m.status, "credit": m.credit}
        for m in verdict.marks
    ]


def commit_entry(row: Row) -> dict[str, Any]:
    entry = row_dict(row)
    entry["outcomes"] = outcomes(row.verdict) if row.verdict else []
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
    today: dt.date | None = None,
) -> dict[str, Any]:
    """evidence.json as data (schemas/evidence.schema.json). `today` is the date the run took
    as today (commits dated after it are flagged future_date), recorded so that `verify`
    judges the dates against the same day."""
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
            **({"shallow": True} if repo.shallow else {}),
        },
        "period": {
            "since": history.since.isoformat() if history.since else None,
            "until": history.until.isoformat() if history.until else None,
            **({"today": today.isoformat()} if today is not None else {}),
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
    today: dt.date | None = None,
) -> dict[str, str]:
    """Every file of the bundle but the manifest: name -> text. Pure given the history (built
    with the same `today`, which evidence.json records)."""
    from phi_policy.pipeline import assess
    from phi_policy.reporters import json_report

    as_of = history.until or repo.head_date
    row = current(history)
    assessment = None
    document = history.document(row) if row is not None else None
    if document is not None:
        assessment = assess(document, catalog, Context(as_of, history.profile))
    steps = history.steps()
    timelines = timelines_.build(steps)
    found = flags(history, require_signed=require_signed)
    files = {
        EVIDENCE: _json(evidence_dict(
            history, timelines, found, catalog, repo, as_of=as_of, assessment=assessment,
            current_row=row, require_signed=require_signed, today=today,
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
    jobs: int | None = 1  # worker processes for the history; None: the machine's cores
    allow_shallow: bool = False
    #: The date the run takes as today (None: the clock's): commits dated after it, or after
    #: --until, are flagged future_date.
    today: dt.date | None = None

    def judged_against(self) -> dt.date:
        """The date commit dates must not be after: today, or the period's end if earlier."""
        today = self.today or dt.date.today()
        return min(today, self.until) if self.until else today


def check_target(out: Path, force: bool) -> None:
    """Refuse, before anything is read or written, to write into a file or a folder that
    already holds something (unless `force`): an earlier bundle is evidence too. A symbolic
    link is refused too (the bundle would land wherever it points)."""
    if out.is_symlink():
        raise UsageError(f"{out} is a symbolic link; an evidence bundle is written into a "
                         "real folder", hint="choose another --out folder")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} exists and is not a folder", hint="choose another --out folder")
    if out.is_dir() and _non_empty(out) and not force:
        raise UsageError(
            f"{out} is not empty; an evidence bundle is written into a new or empty folder",
            hint="choose another --out folder, or pass --force to replace the bundle in it",
        )
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise UsageError(f"cannot write {out}: {parent} is not a folder",
                         hint="choose another --out folder")


def _non_empty(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError as error:
        from phi_policy.output import unwritable

        raise unwritable(folder, error) from None


def read_history(
    config: str,
    catalog: Catalog,
    *,
    profile: str,
    since: dt.date | None,
    until: dt.date | None,
    cwd: Path | None = None,
    jobs: int | None = 1,
    on_steps: Callable[[int], Any] | None = None,
    allow_shallow: bool = False,
    today: dt.date | None = None,
) -> tuple[History, Repo]:
    """The first-parent history of `config` from HEAD, judged (in `jobs` worker processes),
    and the repository's facts. GitError in a shallow clone unless `allow_shallow`.

    `on_steps(total)` may return a context manager giving a callback that advances n of the
    total versions (a progress bar), or None.
    """
    from phi_policy.git import source as gitsource

    here = Path(cwd or Path.cwd())
    with gitsource.open_repo(here / config) as repo:
        history_.require_full_history(repo, allow_shallow)
        path = repo.relative(config, here)
        head = gitsource.resolve(repo, "HEAD")
        branch = gitsource.current_branch(repo)
        source = history_.read(repo, path, head.sha, since=since, until=until)
        shallow = repo.shallow
    facts = Repo(head.sha, head.commit_date, branch, shallow)
    if on_steps is None:
        return history_.build(source, catalog, profile, jobs=jobs, today=today), facts
    with on_steps(len(history_.plan(source))) as step:
        return history_.build(source, catalog, profile, jobs=jobs, on_step=step,
                              today=today), facts


def write(
    request: WriteRequest,
    *,
    cwd: Path | None = None,
    on_steps: Callable[[int], Any] | None = None,
) -> tuple[Path, dict[str, str], History]:
    """Write the bundle; (the folder, the files written by name, the history).

    The files go into a new temporary folder beside `out`, which is then renamed into
    place: an interrupted run leaves no partial bundle, `--force` replaces the old bundle
    whole (no stale file stays to spoil `verify`), and of two runs into one new folder the
    second fails instead of silently replacing the first.
    """
    out = Path(request.out) if cwd is None else Path(cwd) / request.out
    check_target(out, request.force)
    catalog = load_catalog(request.control_dirs)
    today = request.judged_against()
    walked, repo = read_history(
        request.config, catalog, profile=request.profile, since=request.since,
        until=request.until, cwd=cwd, jobs=request.jobs, on_steps=on_steps,
        allow_shallow=request.allow_shallow, today=today,
    )
    files = bundle(walked, catalog, repo, require_signed=request.require_signed, today=today)
    files[MANIFEST] = manifest(repo.head, files)
    _write_folder(out, files, force=request.force)
    return out, files, walked


def _write_folder(out: Path, files: Mapping[str, str], *, force: bool) -> None:
    """Write `files` into a temporary folder beside `out`, then rename it to `out`."""
    import os
    import shutil
    import tempfile

    from phi_policy.output import unwritable

    parent = out.parent if str(out.parent) else Path(".")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    except OSError as error:
        raise unwritable(out, error) from None
    old: Path | None = None
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8", newline="\n")
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes 0700; a folder gets the umask's mode
        if out.is_dir() and not out.is_symlink() and _non_empty(out):
            if not force:
                raise UsageError(
                    f"{out} was filled by another run while this one was writing; nothing "
                    "was replaced", hint="choose another --out folder")
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=parent))
            os.rename(out, old / "bundle")
        try:
            os.rename(staging, out)  # replaces an empty folder; fails on a filled one
        except OSError as error:
            if old is not None:
                os.rename(old / "bundle", out)
            if out.is_dir():
                raise UsageError(
                    f"{out} was filled by another run while this one was writing; nothing "
                    "was replaced", hint="choose another --out folder") from None
            raise unwritable(out, error) from None
    except OSError as error:
        raise unwritable(out, error) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

"""Writing the audit evidence bundle: what the config's history shows, so it can be checked later.

`write` reads and judges the config's first-parent history from HEAD, computes the bundle's
files (`phi_policy.audit.bundle`: evidence.json, assessment.json, report.html) and writes them
with manifest.json (`phi_policy.audit.manifest`), all at once: into a temporary folder renamed
into place, so a folder holds a whole bundle or none. Nothing depends on the clock but the
date the run takes as today, which evidence.json records: the same repository and options
give the same bytes that day.

`phi_policy.audit.verify` checks a bundle later against its manifest and the repository.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from phi_policy.audit import git_history, judging
from phi_policy.audit import history as history_
from phi_policy.audit.bundle import Repo, bundle
from phi_policy.audit.history import History
from phi_policy.audit.manifest import MANIFEST, manifest
from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.errors import UsageError


@dataclass(frozen=True)
class WriteRequest:
    """What `phi-policy evidence` was asked for: its options as one value, so that `write`
    can be called (by the command, by tests) without a command line."""

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
    from phi_policy.git.repo import open_repo
    from phi_policy.git.revisions import current_branch, resolve

    here = Path(cwd or Path.cwd())
    with open_repo(here / config) as repo:
        git_history.require_full_history(repo, allow_shallow)
        path = repo.relative(config, here)
        head = resolve(repo, "HEAD")
        branch = current_branch(repo)
        source = git_history.read(repo, path, head.sha, since=since, until=until)
        shallow = repo.shallow
    facts = Repo(head.sha, head.date, branch, shallow)
    if on_steps is None:
        return history_.build(source, catalog, profile, jobs=jobs, today=today), facts
    with on_steps(len(judging.plan(source))) as step:
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

"""What `phi-policy diff` does once its options are parsed: read both sides, compare, gate.

Several configs (`--config` repeated, folders, globs) give one comparison per config and one
combined report: each config found at the head is compared with its version at the base, one
found only at the head is reported as added, one found only at the base as removed (a config
moved unchanged is compared with its old self), and an invalid one as invalid (the run then
exits 2 once everything is reported). The gates apply to every comparison; the catalog and
the rule changes are the repository's, read once.

Trust: the base's rules judge the head. Built-in controls come from the installed package; a
custom control pack kept in the repository (`--controls DIR`) is read from the BASE revision
into a temporary folder and loaded from there, so the head's version of a pack file is never
imported. Only the config's data comes from the head. Every change the head makes to a pack
file, to the gate's own files or to the decisions is listed as a rule change, so a pull request
cannot weaken the rules that judge it unnoticed.
"""

from __future__ import annotations

import datetime as dt
import importlib
import posixpath
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import click

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.config.loader import MAX_BYTES, Document
from phi_policy.diff.delta import (
    Delta,
    GateSettings,
    RuleChange,
    Side,
    attach_authors,
    compare,
    gated,
)
from phi_policy.errors import (
    EXIT_GATE,
    EXIT_INPUT,
    EXIT_OK,
    GitError,
    InputError,
    PackError,
    UnreadableFile,
    UsageError,
)
from phi_policy.git.changes import changed_files, config_versions
from phi_policy.git.files import (
    check_not_link,
    extract,
    files_and_links,
    link_error,
    path_at,
    read_blob_bytes,
    tree_entry,
)
from phi_policy.git.log import Commit
from phi_policy.git.objects import read_objects
from phi_policy.git.repo import Repository, open_repo, user_email, user_name
from phi_policy.git.revisions import default_branch_merge_base, resolve
from phi_policy.model import Assessment, Context, Location, Problem
from phi_policy.output import emit
from phi_policy.pipeline import assess, load_valid_text
from phi_policy.reporters import RenderOptions
from phi_policy.safe_text import COMMAND_FORMATS, for_format

if TYPE_CHECKING:
    from phi_policy.fleet.assess import Fleet

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
PACK_GONE_NOTE = (
    "its controls judged both sides as they were at the base, but a pull request that removes "
    "a pack the gate relies on must be reviewed and merged on its own"
)
NO_BASE_HINT = (
    "check --config; if this change adds the config, there is nothing to compare it "
    "with: run phi-policy check {path} instead"
)
GATE_NOTE = "a pull request runs its own copy of a workflow: protect these files with CODEOWNERS"


@dataclass(frozen=True, kw_only=True)
class DiffRequest:
    config: str = "phi-policy.yaml"
    base: str | None = None
    head: str | None = None
    fmt: str = "text"
    output: str | None = None
    as_of: dt.date  # required: what 'today' means is the caller's to say, never a default
    profile: str = "hipaa"
    control_dirs: tuple[str, ...] = ()
    gate: GateSettings = field(default_factory=GateSettings)
    color: bool = False
    verbose: int = 0
    quiet: bool = False
    configs: tuple[str, ...] = ()
    jobs: int | None = None  # worker processes for several configs; None: the machine's cores
    allow_deleted_configs: bool = False  # a fleet config gone at the head does not fail


def run_diff(request: DiffRequest, cwd: Path | None = None) -> int:
    """Compare, report, and return the exit status: 1 when a gate fails."""
    from phi_policy.config.discover import is_fleet

    if is_fleet(request.configs):
        return run_diff_many(request, cwd)
    if request.configs:
        request = replace(request, config=request.configs[0])
    delta = build_delta(request, cwd)
    if not request.quiet or request.output:
        options = RenderOptions(color=request.color, verbose=request.verbose)
        emit(render(request.fmt, for_format(request.fmt, delta), options), request.output,
             commands=request.fmt in COMMAND_FORMATS)
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
    with open_repo(here / request.config) as repo:
        path = repo.relative(request.config, here)
        revs = _revisions(repo, request)
        try:
            base_path = path_at(
                repo, revs.base.sha, path, since=revs.since, label=f"the base, {revs.base_label}"
            )
        except GitError as error:
            renamed = "renamed to" in error.message
            raise GitError(
                error.message, hint=error.hint if renamed else NO_BASE_HINT.format(path=path)
            ) from None
        head_path = path
        if revs.head is not None:
            head_path = path_at(
                repo,
                revs.head.sha,
                path,
                since="HEAD",
                label=f"the head, {request.head} ({revs.head.short_sha})",
            )
        catalog, rule_changes = _rules(repo, request, revs, here)
        delta = _compare(repo, request, revs, base_path, head_path, catalog, rule_changes)
    return _gated(delta, request.gate)


def _gated(delta: Delta, settings: GateSettings, extra: Sequence[str] = ()) -> Delta:
    """The delta gated by the options, plus the failures no option turns off (a pack gone
    at the head) and any `extra` ones."""
    found = gated(delta, settings)
    more = (*pack_failures(delta.rule_changes), *extra)
    return replace(found, failures=found.failures + tuple(more)) if more else found


@dataclass(frozen=True)
class _Revisions:
    """The two revisions compared: the base commit and its label, the head commit (None: the
    working tree), and the revision a rename is followed back from."""

    base: Commit
    base_label: str
    head: Commit | None
    since: str


def _revisions(repo: Repository, request: DiffRequest) -> _Revisions:
    head = resolve(repo, request.head) if request.head else None
    since = head.sha if head else "HEAD"
    base, base_label = _base(repo, request.base, since)
    return _Revisions(base, base_label, head, since)


def _base_side(request: DiffRequest, revs: _Revisions, path: str) -> Side:
    return Side(revs.base_label, path, request.base, revs.base.sha, revs.base.short_sha)


def _head_side(request: DiffRequest, revs: _Revisions, path: str) -> Side:
    if revs.head is None:
        return Side("working tree", path)
    return Side(
        f"{request.head} ({revs.head.short_sha})",
        path,
        request.head,
        revs.head.sha,
        revs.head.short_sha,
    )


def _rules(
    repo: Repository, request: DiffRequest, revs: _Revisions, here: Path
) -> tuple[Catalog, list[RuleChange]]:
    """The base's catalog, and every change the head makes to packs and the gate's files."""
    catalog, rule_changes = base_catalog(repo, request.control_dirs, revs.base, request.head, here)
    rule_changes += [
        RuleChange("gate", c.path, c.status, c.old_path, GATE_NOTE)
        for c in changed_files(repo, revs.base.sha, request.head, GATE_PATHS)
    ]
    return catalog, rule_changes


def _load(repo: Repository, side: Side, catalog: Catalog) -> Document:
    """The config of one side: the blob at its commit, or the file in the working tree."""
    if side.commit is None:
        check_not_link(repo, side.path, None)
        return _side(
            side,
            lambda: load_valid_text(
                _read_file(repo.root / side.path, side.path), side.path, catalog
            ),
        )
    commit = side.commit
    return _side(
        side,
        lambda: load_valid_text(
            read_blob_bytes(repo, commit, side.path)[0], side.path, catalog
        ),
    )


def _compare(
    repo: Repository,
    request: DiffRequest,
    revs: _Revisions,
    base_path: str,
    head_path: str,
    catalog: Catalog,
    rule_changes: Sequence[RuleChange],
) -> Delta:
    """Load and assess both sides of one config, compare them and say who wrote each decision."""
    base_side = _base_side(request, revs, base_path)
    head_side = _head_side(request, revs, head_path)
    base_doc = _load(repo, base_side, catalog)
    head_doc = _load(repo, head_side, catalog)
    delta = _delta(request, catalog, base_doc, head_doc, base_side, head_side, rule_changes)
    return _with_authors(repo, revs, delta, _decision_spans(delta), head_doc.data)


def _delta(
    request: DiffRequest,
    catalog: Catalog,
    base_doc: Document,
    head_doc: Document,
    base_side: Side,
    head_side: Side,
    rule_changes: Sequence[RuleChange] = (),
) -> Delta:
    """Assess both sides of one config with the same date, profile and rules; compare them."""
    ctx = Context(as_of=request.as_of, profile=request.profile)
    base = assess(base_doc, catalog, ctx)
    head = assess(head_doc, catalog, ctx)
    notes = (
        [f"the config was renamed from {base_side.path} to {head_side.path}"]
        if base_side.path != head_side.path
        else []
    )
    return compare(
        base_doc,
        base,
        head_doc,
        head,
        base_side=base_side,
        head_side=head_side,
        rule_changes=rule_changes,
        notes=notes,
    )


def _base(
    repo: Repository, base: str | None, head: str
) -> tuple[Commit, str]:
    if base is not None:
        commit = resolve(repo, base)
        return commit, f"{base} ({commit.short_sha})"
    branch, sha = default_branch_merge_base(repo, head)
    commit = resolve(repo, sha)
    return commit, f"merge base with {branch} ({commit.short_sha})"


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


def _side(side: Side, load: Callable[[], Document]) -> Document:
    """Load one side, saying which side an invalid config is on."""
    try:
        return load()
    except InputError as error:
        error.message = f"{side.label}: {error.message}"
        raise error from None
    except GitError as error:
        raise GitError(f"{side.label}: {error.message}", hint=error.hint) from None


def _read_file(path: Path, shown: str) -> bytes:
    try:
        with open(path, "rb") as stream:
            return stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise UnreadableFile(shown, error.strerror or str(error),
                             "check the config path (--config) and the file's permissions"
                             ) from None


#: (key, JSON pointer in the head's config) of an added or changed decision: the key is the
#: pointer too, so that two decisions for one control stay apart.
Span = tuple[str, str]


def _decision_spans(delta: Delta) -> tuple[Span, ...]:
    """Which entries the head adds or changes (each by its pointer, so two decisions for one
    control stay apart), and where each is in the head's config."""
    return tuple(
        (w.decision.pointer, w.decision.pointer)
        for w in delta.decisions
        if w.kind in ("added", "changed")
    )


def _with_authors(
    repo: Repository,
    revs: _Revisions,
    delta: Delta,
    spans: Sequence[Span],
    head_data: Any,
) -> Delta:
    """The delta with who wrote each added or changed entry and whether they approve it.

    The commits of base..head are read in order (phi_policy.audit.attribution), never blamed by
    committer time; an entry the working tree changed since the last commit is the
    configured git user's ("uncommitted" when none is configured).
    """
    from phi_policy.audit import attribution

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
    from phi_policy.config.loader import load_text

    try:
        return load_text(raw).data
    except InputError:
        return None


# --- several configs ----------------------------------------------------------------------------

ConfigKind = Literal["compared", "added", "removed", "invalid"]
#: The formats of a combined diff: module under phi_policy.reporters, and its function.
MANY_FORMATS: dict[str, tuple[str, str]] = {
    "text": ("diff_many", "render_text"),
    "json": ("diff_many", "render_json"),
    "markdown": ("diff_many", "render_markdown"),
    "github": ("diff_many", "render_github"),
}


@dataclass(frozen=True)
class ConfigDiff:
    """One config of a combined diff: its comparison, or why there is none.

    `path` is the head's path (the base's for a removed config). An added config carries the
    head's assessment, a removed one the base's; an invalid one its first problem, the side
    it is on ("the base, main (1a2b3c4)", "working tree") and how many problems it has.
    """

    path: str
    kind: ConfigKind
    delta: Delta | None = None
    assessment: Assessment | None = None
    problem: Problem | None = None
    side: str = ""
    problems: int = 0

    @property
    def problem_text(self) -> str:
        """"working tree: sites/a.yaml:3:1: setting: message", or "" for a valid config."""
        from phi_policy.fleet.assess import problem_line

        if self.problem is None:
            return ""
        return f"{self.side}: {problem_line(self.problem)}" if self.side else problem_line(
            self.problem
        )


@dataclass(frozen=True)
class DiffSet:
    """Every config compared between the same two revisions, with the same rules."""

    base_label: str
    head_label: str
    as_of: dt.date
    profile: str
    configs: tuple[ConfigDiff, ...]
    rule_changes: tuple[RuleChange, ...] = ()
    gate: GateSettings = field(default_factory=GateSettings)
    failures: tuple[str, ...] = ()

    def of_kind(self, kind: ConfigKind) -> list[ConfigDiff]:
        return [c for c in self.configs if c.kind == kind]


def run_diff_many(request: DiffRequest, cwd: Path | None = None) -> int:
    """Compare every config, report them together; exit 2 if one is invalid, else 1 when a
    gate fails for any config."""
    found = build_many(request, cwd)
    if not request.quiet or request.output:
        options = RenderOptions(color=request.color, verbose=request.verbose)
        emit(render_many(request.fmt, for_format(request.fmt, found), options), request.output,
             commands=request.fmt in COMMAND_FORMATS)
    invalid = found.of_kind("invalid")
    for item in invalid:
        click.echo(f"phi-policy: error: {item.problem_text}", err=True)
    for failure in found.failures:
        click.echo(f"phi-policy: gate failed: {failure}", err=True)
    if invalid:
        click.echo(
            f"phi-policy: error: {len(invalid)} of {len(found.configs)} configs are invalid",
            err=True,
        )
        return EXIT_INPUT
    return EXIT_GATE if found.failures else EXIT_OK


def render_many(fmt: str, found: DiffSet, options: RenderOptions) -> str:
    """The combined report; sarif and junit describe the heads, as a fleet."""
    if fmt in HEAD_ONLY_FORMATS:
        from phi_policy.fleet import assess as fleet

        return fleet.render(fmt, heads(found), options)
    module, function = MANY_FORMATS[fmt]
    rendered: str = getattr(importlib.import_module(f"phi_policy.reporters.{module}"), function)(
        found, options
    )
    return rendered


def heads(found: DiffSet) -> Fleet:
    """The head of every config still there (compared, added, invalid), as a fleet."""
    from phi_policy.fleet.assess import Fleet, Row, row_of, summarize

    rows: list[Row] = []
    for item in found.configs:
        if item.kind == "compared" and item.delta is not None:
            rows.append(row_of(item.delta.head, item.delta.failures, keep=True))
        elif item.kind == "added" and item.assessment is not None:
            rows.append(row_of(item.assessment, keep=True))
        elif item.kind == "invalid" and item.problem is not None:
            rows.append(Row(path=item.path, problem=item.problem, problems=item.problems))
    rows.sort(key=lambda row: row.path)
    return Fleet(tuple(rows), summarize(rows), found.as_of, found.profile)


#: Fewer configs than this are compared in this process: starting workers would cost more
#: than they save.
PARALLEL_FROM = 32
#: The similarity (percent of lines kept) at which git's rename detection pairs a config
#: removed at the base with one added at the head (see `_renames`).
RENAME_SIMILARITY = 80


@dataclass(frozen=True)
class _Job:
    """One config of a combined diff with the bytes of its sides, read from git beforehand:
    all that judging it needs, so that a worker process can do it."""

    kind: Literal["compared", "added", "removed"]
    path: str  # the head's path (the base's for a removed config)
    base_path: str | None = None
    base: bytes | None = None
    head: bytes | None = None


def build_many(request: DiffRequest, cwd: Path | None = None) -> DiffSet:
    """Find the configs on both sides, then compare each (see the module docstring).

    Git is read first, in bulk (one `git cat-file --batch` for every version of every
    config); the configs are then judged in `request.jobs` worker processes; last, `git blame`
    names who wrote each added or changed decision.
    """
    here = Path(cwd or Path.cwd())
    with open_repo(here) as repo:
        revs = _revisions(repo, request)
        base_files, base_links = files_and_links(repo, revs.base.sha)
        head_files, head_links = files_and_links(
            repo, revs.head.sha if revs.head else None)
        folder = repo.relative(".", here)
        for links, where in ((base_links, f"at the base, {revs.base_label}"),
                             (head_links, f"at the head, {_head_side(request, revs, '').label}")):
            linked = matching(request.configs, links, folder)
            if linked:
                raise link_error(linked[0], where)
        at_head = matching(request.configs, head_files, folder)
        at_base = matching(request.configs, base_files, folder)
        if not at_head and not at_base:
            shown = ", ".join(request.configs)
            raise UsageError(
                f"no config matches {shown} at the base or at the head",
                hint="configs end in .yaml or .yml; paths and globs are relative to the "
                "current folder; quote a glob so that the shell leaves it alone",
            )
        catalog, rule_changes = _rules(repo, request, revs, here)
        base_listed, head_listed = set(base_files), set(head_files)
        base_bytes, head_bytes, unreadable = _read_sides(repo, revs, at_base, at_head)
        added = [p for p in at_head if p not in base_listed]
        removed = [p for p in at_base if p not in head_listed]
        renamed = _renames(repo, revs, base_bytes, head_bytes, removed, added)
        gone = set(renamed.values())
        work: list[_Job] = []
        items: list[ConfigDiff] = []
        for path in at_head:
            if path in unreadable:
                items.append(_invalid(path, _head_side(request, revs, path).label,
                                      unreadable[path]))
            elif path in base_listed or path in renamed:
                base_path = renamed.get(path, path)
                work.append(_Job("compared", path, base_path, base_bytes[base_path],
                                 head_bytes[path]))
            else:
                work.append(_Job("added", path, head=head_bytes[path]))
        work += [_Job("removed", p, base=base_bytes[p]) for p in removed if p not in gone]
        from phi_policy.fleet import workers

        # No rebuild: the catalog may come from the base's packs, extracted to a folder that
        # is gone by now; where workers cannot fork, the work stays in this process.
        judged = workers.run(_judge, work, (request, revs, catalog), workers=request.jobs,
                             min_items=PARALLEL_FROM, chunk=4)
        for item, spans, head_data in judged:
            if spans and item.delta is not None:
                authored = _with_authors(repo, revs, item.delta, spans, head_data)
                item = replace(item, delta=gated(authored, request.gate))
            items.append(item)
    items.sort(key=lambda item: item.path)
    failures = tuple(
        f"{item.path}: {failure}"
        for item in items
        if item.delta is not None
        for failure in item.delta.failures
    )
    failures += pack_failures(rule_changes)
    if not request.allow_deleted_configs:
        failures += tuple(
            f"{item.path}: the config was deleted at the head; a fleet loses a site only on "
            "purpose (pass --allow-deleted-configs when the deletion is intended)"
            for item in items
            if item.kind == "removed"
        )
    return DiffSet(
        base_label=revs.base_label,
        head_label=_head_side(request, revs, "").label,
        as_of=request.as_of,
        profile=request.profile,
        configs=tuple(items),
        rule_changes=tuple(rule_changes),
        gate=request.gate,
        failures=failures,
    )


def _read_sides(
    repo: Repository, revs: _Revisions, at_base: Sequence[str], at_head: Sequence[str]
) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, InputError]]:
    """(base path -> bytes, head path -> bytes, head path -> why it cannot be read): every
    committed version through one `git cat-file --batch`, the working tree's from disk."""
    names = {f"{revs.base.sha}:{p}": ("base", p) for p in at_base}
    if revs.head is not None:
        names.update({f"{revs.head.sha}:{p}": ("head", p) for p in at_head})
    objects = read_objects(repo, list(names))
    sides: dict[str, dict[str, bytes]] = {"base": {}, "head": {}}
    for name, (side, path) in names.items():
        sides[side][path] = objects.blobs[name]
    unreadable: dict[str, InputError] = {}
    if revs.head is None:
        for path in at_head:
            try:
                sides["head"][path] = _read_file(repo.root / path, path)
            except InputError as error:
                unreadable[path] = error
    return sides["base"], sides["head"], unreadable


def _renames(
    repo: Repository,
    revs: _Revisions,
    base_bytes: dict[str, bytes],
    head_bytes: dict[str, bytes],
    removed: Sequence[str],
    added: Sequence[str],
) -> dict[str, str]:
    """{head path: base path} for each config moved between the base and the head, as git's
    rename detection (`git diff -M`, among the removed and added configs only) pairs them,
    so that a config renamed and weakened in one pull request is compared with its old
    self, not reported as one config gone and a new one. The threshold is
    RENAME_SIMILARITY, not git's 50%: the sites of a fleet come from one template and share
    some 60% of their lines, so a closed site would pair with a new one; a moved config
    keeps nearly all of its own. A config moved and rewritten beyond that is a deletion,
    which fails the gate on its own unless --allow-deleted-configs. Files git does not know
    (the working tree's untracked ones) are paired when their bytes are exactly a removed
    one's.
    """
    moves: dict[str, str] = {}
    if removed and added:
        for change in changed_files(repo, revs.base.sha,
                                    revs.head.sha if revs.head else None,
                                    [*removed, *added], similarity=RENAME_SIMILARITY):
            old = change.old_path
            if change.status == "renamed" and old is not None and old in removed \
                    and change.path in added:
                moves[change.path] = old
    before: dict[bytes, str] = {}
    taken = set(moves.values())
    for path in removed:
        if path not in taken:
            before.setdefault(base_bytes[path], path)
    for path in added:
        if path in moves:
            continue
        old = before.pop(head_bytes[path], None) if path in head_bytes else None
        if old is not None:
            moves[path] = old
    return moves


def _judge(
    state: tuple[DiffRequest, _Revisions, Catalog], job: _Job
) -> tuple[ConfigDiff, tuple[Span, ...], Any]:
    """One config of a combined diff, judged (module level: a worker process runs it), with
    its added or changed decisions and the head's data, to say who wrote them afterwards."""
    request, revs, catalog = state
    if job.kind == "added":
        side = _head_side(request, revs, job.path)
        try:
            document = _parsed(side, job.head, catalog)
        except InputError as error:
            return _invalid(job.path, side.label, error), (), None
        ctx = Context(as_of=request.as_of, profile=request.profile)
        head = assess(document, catalog, ctx)
        return ConfigDiff(job.path, "added", assessment=head), (), None
    if job.kind == "removed":
        try:
            document = _parsed(_base_side(request, revs, job.path), job.base, catalog)
        except InputError:  # it is gone: how it was broken no longer matters
            return ConfigDiff(job.path, "removed"), (), None
        ctx = Context(as_of=request.as_of, profile=request.profile)
        base = assess(document, catalog, ctx)
        return ConfigDiff(job.path, "removed", assessment=base), (), None
    assert job.base_path is not None
    base_side = _base_side(request, revs, job.base_path)
    head_side = _head_side(request, revs, job.path)
    try:
        base_doc = _parsed(base_side, job.base, catalog)
        head_doc = _parsed(head_side, job.head, catalog)
    except InputError as error:
        # _side put the side's label before the message: "the base, main (1a2b3c4): ..."
        return _invalid(job.path, error.message.split(": ", 1)[0], error), (), None
    delta = _delta(request, catalog, base_doc, head_doc, base_side, head_side)
    item = ConfigDiff(job.path, "compared", delta=gated(delta, request.gate))
    return item, _decision_spans(delta), head_doc.data


def _parsed(side: Side, data: bytes | None, catalog: Catalog) -> Document:
    assert data is not None
    return _side(side, lambda: load_valid_text(data, side.path, catalog))


def _invalid(path: str, side: str, error: InputError) -> ConfigDiff:
    """The first problem of an invalid config, and the side it is on."""
    problems = error.problems or (Problem(Location(path, 1, 1), error.message),)
    return ConfigDiff(path, "invalid", problem=problems[0], side=side, problems=len(problems))


# --- which configs: paths, folders and globs against a revision's file list ---------------------

SUFFIXES = (".yaml", ".yml")
_SKIPPED = frozenset({"node_modules", "__pycache__"})


def matching(given: Sequence[str], files: Sequence[str], folder: str) -> list[str]:
    """The files (repository paths) that `given` names, relative to `folder` (the current
    folder in the repository, "." at its root), as `phi-policy validate` reads them on disk:
    a file as it is, a folder's YAML files (hidden and vendored folders skipped), a glob's
    matches (`**` crosses folders) and the YAML files in the folders it matches."""
    found: set[str] = set()
    for item in given:
        pattern = posixpath.normpath(posixpath.join(folder, item.replace("\\", "/")))
        if not _has_magic(item):
            if pattern in files:
                found.add(pattern)
            else:
                found.update(f for f in files if _in_folder(f, pattern))
            continue
        regex = _glob_regex(pattern)
        for f in files:
            if regex.match(f) and not _hidden(f, pattern):
                found.add(f)
                continue
            parts = f.split("/")
            for depth in range(1, len(parts)):
                parent = "/".join(parts[:depth])
                if regex.match(parent) and not _hidden(parent, pattern) and _in_folder(f, parent):
                    found.add(f)
                    break
    return sorted(found)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _in_folder(path: str, folder: str) -> bool:
    """A YAML config under `folder`, not under a hidden or vendored folder below it."""
    prefix = "" if folder in ("", ".") else folder.rstrip("/") + "/"
    if not path.startswith(prefix) or not path.lower().endswith(SUFFIXES):
        return False
    below = path[len(prefix):].split("/")
    return not any(p.startswith(".") or p in _SKIPPED for p in below[:-1]) and not below[
        -1
    ].startswith(".")


def _hidden(path: str, pattern: str) -> bool:
    """Like glob: a wildcard does not match a name starting with a dot."""
    return "/." not in "/" + pattern and any(p.startswith(".") for p in path.split("/"))


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regular expression over POSIX paths: `*` and `?` stay within a folder,
    `**/` is any number of folders, `[...]` a character class."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:[^/]+/)*")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        elif pattern[i] == "[" and "]" in pattern[i + 2 :]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1 : end].replace("\\", "\\\\")
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body}]")
            i = end + 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")

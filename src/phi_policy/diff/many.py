"""`phi-policy diff` of several configs (`--config` repeated, folders, globs): one report.

Each config found at the head is compared with its version at the base, one found only at the
head is reported as added, one found only at the base as removed (a config moved unchanged is
compared with its old self), and an invalid one as invalid (the run then exits 2 once
everything is reported). The gates apply to every comparison; the catalog and the rule changes
are the repository's, read once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import click

from phi_policy.catalog.packs import Catalog
from phi_policy.config.discover import matching
from phi_policy.diff import sides
from phi_policy.diff.authors import Span, decision_spans, with_authors
from phi_policy.diff.request import DiffRequest
from phi_policy.diff.trust import pack_failures, rules
from phi_policy.engine.gates import gated
from phi_policy.errors import EXIT_GATE, EXIT_INPUT, EXIT_OK, InputError, UsageError
from phi_policy.git.changes import changed_files
from phi_policy.git.files import files_and_links, link_error
from phi_policy.git.objects import read_objects
from phi_policy.git.repo import Repository, open_repo
from phi_policy.model import Context, Location, Problem
from phi_policy.model.delta import ConfigDiff, DiffSet
from phi_policy.model.fleet import Fleet, Row
from phi_policy.output import emit
from phi_policy.pipeline import assess
from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters.diff_wording import problem_text
from phi_policy.safe_text import COMMAND_FORMATS, for_format

#: Fewer configs than this are compared in this process: starting workers would cost more
#: than they save.
PARALLEL_FROM = 32
#: The similarity (percent of lines kept) at which git's rename detection pairs a config
#: removed at the base with one added at the head (see `_renames`).
RENAME_SIMILARITY = 80


def run_many(request: DiffRequest, cwd: Path | None = None) -> int:
    """Compare every config, report them together; exit 2 if one is invalid, else 1 when a
    gate fails for any config."""
    found = build_many(request, cwd)
    if not request.quiet or request.output:
        options = RenderOptions(color=request.color, verbose=request.verbose)
        emit(render_many(request.fmt, for_format(request.fmt, found), options), request.output,
             commands=request.fmt in COMMAND_FORMATS, fit=request.fmt == "text")
    invalid = found.of_kind("invalid")
    for item in invalid:
        click.echo(f"phi-policy: error: {problem_text(item)}", err=True)
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
    entry = registry.reporter("diff-set", fmt)
    return entry.load()(heads(found) if entry.of_head else found, options)


def heads(found: DiffSet) -> Fleet:
    """The head of every config still there (compared, added, invalid), as a fleet."""
    from phi_policy.fleet.assess import row_of, summarize

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
        revs = sides.revisions(repo, request)
        base_files, base_links = files_and_links(repo, revs.base.sha)
        head_files, head_links = files_and_links(
            repo, revs.head.sha if revs.head else None)
        head_label = sides.head_side(request, revs, "").label
        folder = repo.relative(".", here)
        for links, where in ((base_links, f"at the base, {revs.base_label}"),
                             (head_links, f"at the head, {head_label}")):
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
        catalog, rule_changes = rules(repo, request, revs, here)
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
                items.append(_invalid(path, head_label, unreadable[path]))
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
                authored = with_authors(repo, revs, item.delta, spans, head_data)
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
        head_label=head_label,
        as_of=request.as_of,
        profile=request.profile,
        configs=tuple(items),
        rule_changes=tuple(rule_changes),
        gate=request.gate,
        failures=failures,
    )


def _read_sides(
    repo: Repository, revs: sides.Revisions, at_base: Sequence[str],
    at_head: Sequence[str],
) -> tuple[dict[str, bytes], dict[str, bytes], dict[str, InputError]]:
    """(base path -> bytes, head path -> bytes, head path -> why it cannot be read): every
    committed version through one `git cat-file --batch`, the working tree's from disk."""
    names = {f"{revs.base.sha}:{p}": ("base", p) for p in at_base}
    if revs.head is not None:
        names.update({f"{revs.head.sha}:{p}": ("head", p) for p in at_head})
    objects = read_objects(repo, list(names))
    found: dict[str, dict[str, bytes]] = {"base": {}, "head": {}}
    for name, (side, path) in names.items():
        found[side][path] = objects.blobs[name]
    unreadable: dict[str, InputError] = {}
    if revs.head is None:
        for path in at_head:
            try:
                found["head"][path] = sides.read_file(repo.root / path, path)
            except InputError as error:
                unreadable[path] = error
    return found["base"], found["head"], unreadable


def _renames(
    repo: Repository,
    revs: sides.Revisions,
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
    state: tuple[DiffRequest, sides.Revisions, Catalog], job: _Job
) -> tuple[ConfigDiff, tuple[Span, ...], Any]:
    """One config of a combined diff, judged (module level: a worker process runs it), with
    its added or changed decisions and the head's data, to say who wrote them afterwards."""
    request, revs, catalog = state
    if job.kind == "added":
        side = sides.head_side(request, revs, job.path)
        try:
            document = sides.parse_side(side, job.head, catalog)
        except InputError as error:
            return _invalid(job.path, side.label, error), (), None
        ctx = Context(as_of=request.as_of, profile=request.profile)
        head = assess(document, catalog, ctx)
        return ConfigDiff(job.path, "added", assessment=head), (), None
    if job.kind == "removed":
        try:
            document = sides.parse_side(sides.base_side(request, revs, job.path), job.base,
                                        catalog)
        except InputError:  # it is gone: how it was broken no longer matters
            return ConfigDiff(job.path, "removed"), (), None
        ctx = Context(as_of=request.as_of, profile=request.profile)
        base = assess(document, catalog, ctx)
        return ConfigDiff(job.path, "removed", assessment=base), (), None
    assert job.base_path is not None
    base_side = sides.base_side(request, revs, job.base_path)
    head_side = sides.head_side(request, revs, job.path)
    try:
        base_doc = sides.parse_side(base_side, job.base, catalog)
        head_doc = sides.parse_side(head_side, job.head, catalog)
    except InputError as error:
        # load_side put the side's label before the message: "the base, main (1a2b3c4): ..."
        return _invalid(job.path, error.message.split(": ", 1)[0], error), (), None
    delta = sides.compare_sides(request, catalog, base_doc, head_doc, base_side, head_side)
    item = ConfigDiff(job.path, "compared", delta=gated(delta, request.gate))
    return item, decision_spans(delta), head_doc.data


def _invalid(path: str, side: str, error: InputError) -> ConfigDiff:
    """The first problem of an invalid config, and the side it is on."""
    problems = error.problems or (Problem(Location(path, 1, 1), error.message),)
    return ConfigDiff(path, "invalid", problem=problems[0], side=side, problems=len(problems))

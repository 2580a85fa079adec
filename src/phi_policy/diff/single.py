"""`phi-policy diff` of one config: read both sides, compare, gate, report.

The config is followed across a rename between the base and the head; the base's rules judge
both sides (phi_policy.diff.trust); who wrote each added or changed decision is read from the
commits in between (phi_policy.diff.authors).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import click

from phi_policy.catalog.packs import Catalog
from phi_policy.diff import sides
from phi_policy.diff.authors import decision_spans, with_authors
from phi_policy.diff.request import DiffRequest
from phi_policy.diff.trust import pack_failures, rules
from phi_policy.engine.gates import gated
from phi_policy.errors import EXIT_GATE, EXIT_OK, GitError
from phi_policy.git.files import path_at
from phi_policy.git.repo import Repository, open_repo
from phi_policy.model.delta import Delta, GateSettings, RuleChange
from phi_policy.output import emit
from phi_policy.reporters import RenderOptions, registry
from phi_policy.safe_text import COMMAND_FORMATS, for_format

NO_BASE_HINT = (
    "check --config; if this change adds the config, there is nothing to compare it "
    "with: run phi-policy check {path} instead"
)


def run_one(request: DiffRequest, cwd: Path | None = None) -> int:
    """Compare, report, and return the exit status: 1 when a gate fails."""
    if request.configs:
        request = replace(request, config=request.configs[0])
    delta = build_delta(request, cwd)
    if not request.quiet or request.output:
        options = RenderOptions(color=request.color, verbose=request.verbose)
        emit(render(request.fmt, for_format(request.fmt, delta), options), request.output,
             commands=request.fmt in COMMAND_FORMATS, fit=request.fmt == "text")
    for failure in delta.failures:
        click.echo(f"phi-policy: gate failed: {failure}", err=True)
    return EXIT_GATE if delta.failures else EXIT_OK


def render(fmt: str, delta: Delta, options: RenderOptions) -> str:
    """The diff report; sarif and junit describe the head's assessment, as `check` would."""
    entry = registry.reporter("diff", fmt)
    return entry.load()(delta.head if entry.of_head else delta, options)


def build_delta(request: DiffRequest, cwd: Path | None = None) -> Delta:
    """Read, validate and assess both sides with the base's catalog, then compare and gate."""
    here = Path(cwd or Path.cwd())
    with open_repo(here / request.config) as repo:
        path = repo.relative(request.config, here)
        revs = sides.revisions(repo, request)
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
        catalog, rule_changes = rules(repo, request, revs, here)
        delta = _compare(repo, request, revs, base_path, head_path, catalog, rule_changes)
    return _gated(delta, request.gate)


def _gated(delta: Delta, settings: GateSettings, extra: Sequence[str] = ()) -> Delta:
    """The delta gated by the options, plus the failures no option turns off (a pack gone
    at the head) and any `extra` ones."""
    found = gated(delta, settings)
    more = (*pack_failures(delta.rule_changes), *extra)
    return replace(found, failures=found.failures + tuple(more)) if more else found


def _compare(
    repo: Repository,
    request: DiffRequest,
    revs: sides.Revisions,
    base_path: str,
    head_path: str,
    catalog: Catalog,
    rule_changes: Sequence[RuleChange],
) -> Delta:
    """Load and assess both sides of one config, compare them and say who wrote each decision."""
    base_side = sides.base_side(request, revs, base_path)
    head_side = sides.head_side(request, revs, head_path)
    base_doc = sides.load_config(repo, base_side, catalog)
    head_doc = sides.load_config(repo, head_side, catalog)
    delta = sides.compare_sides(
        request, catalog, base_doc, head_doc, base_side, head_side, rule_changes
    )
    return with_authors(repo, revs, delta, decision_spans(delta), head_doc.data)

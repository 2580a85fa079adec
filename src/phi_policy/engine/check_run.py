"""What `phi-policy check` does once its options are parsed: build the parts, run, gate.

One config gives the single report. Several configs, or a folder or a glob, give fleet mode
(phi_policy.fleet.assess): every config assessed, in worker processes, and one fleet report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import click

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.config.decisions import legacy_notices
from phi_policy.config.loader import Document
from phi_policy.engine.gates import failing_gates, mean_gate
from phi_policy.errors import EXIT_GATE, EXIT_INPUT, EXIT_OK, UsageError
from phi_policy.model import Context, Revision
from phi_policy.output import emit
from phi_policy.pipeline import assess, load_valid, load_valid_text
from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters.problems import problem_line
from phi_policy.safe_text import COMMAND_FORMATS, for_format


@dataclass(frozen=True, kw_only=True)
class CheckRequest:
    config: str
    fmt: str = "text"
    output: str | None = None
    as_of: dt.date  # required: what 'today' means is the caller's to say, never a default
    profile: str = "hipaa"
    control_dirs: tuple[str, ...] = ()
    fail_under: float | None = None
    fail_on: str | None = None
    horizon: int = 30
    color: bool = False
    verbose: int = 0
    quiet: bool = False
    rev: str | None = None
    at_date: bool = False
    configs: tuple[str, ...] = ()
    jobs: int | None = None
    fail_under_mean: float | None = None


def run_check(request: CheckRequest) -> int:
    from phi_policy.config.discover import is_fleet

    if is_fleet(request.configs):
        return run_fleet_check(request)
    if request.configs:
        request = replace(request, config=request.configs[0])
    catalog = load_catalog(request.control_dirs)
    revision: Revision | None = None
    if request.at_date:
        request = replace(request, rev=_commit_at_date(request))
    if request.rev is None:
        if not request.configs and not Path(request.config).exists():
            from phi_policy.config.discover import missing_default

            raise missing_default()
        document = load_valid(request.config, catalog)
    else:
        document, revision = _load_at_revision(request, catalog)
    for notice in legacy_notices(document, document.data):
        click.echo(f"{notice.location}: warning: {notice.message}; {notice.hint}", err=True)
    assessment = assess(
        document,
        catalog,
        Context(as_of=request.as_of, profile=request.profile),
        horizon_days=request.horizon,
    )
    assessment = replace(assessment, revision=revision)
    if not request.quiet or request.output:
        options = RenderOptions(color=request.color, verbose=request.verbose)
        shown = for_format(request.fmt, assessment)
        emit(registry.render("check", request.fmt, shown, options), request.output,
             commands=request.fmt in COMMAND_FORMATS)
    failures = failing_gates(assessment, fail_under=request.fail_under, fail_on=request.fail_on)
    if request.fail_under_mean is not None:  # the mean of one config is its score
        failures += mean_gate(assessment.score, request.fail_under_mean)
    for failure in failures:
        click.echo(f"phi-policy: gate failed: {failure}", err=True)
    if failures and assessment.recommendations:
        first = assessment.recommendations[0]
        click.echo(
            f"phi-policy: fix first: {first.control_id} {first.title} (+{first.gain:.1f} points)",
            err=True,
        )
    return EXIT_GATE if failures else EXIT_OK


def run_fleet_check(request: CheckRequest) -> int:
    """Fleet mode: assess every config, report the fleet, then gate each config and the mean.

    Exit 2 when a config is invalid (after reporting every config), else 1 when a gate fails.
    """
    from phi_policy.config import discover
    from phi_policy.fleet import assess as fleet

    if request.rev is not None or request.at_date:
        option = "--at-date" if request.at_date else "--rev"
        raise UsageError(
            f"{option} reads one config as committed at a revision, not a fleet",
            hint="give one config (phi-policy check CONFIG --rev REV), once per config",
        )
    if request.fmt not in registry.formats("fleet"):
        raise UsageError(
            f"the {request.fmt} format describes one config, not a fleet",
            hint=f"with several configs choose one of: {', '.join(registry.formats('fleet'))}",
        )
    files = discover.expand(request.configs)
    catalog = load_catalog(request.control_dirs)
    settings = fleet.Settings(
        as_of=request.as_of,
        profile=request.profile,
        horizon=request.horizon,
        fail_under=request.fail_under,
        fail_on=request.fail_on,
        keep_assessments=registry.reporter("fleet", request.fmt).needs_assessments,
    )
    result = fleet.run(files, settings, catalog, jobs=request.jobs)
    if not request.quiet or request.output:
        options = RenderOptions(color=request.color, verbose=request.verbose)
        emit(fleet.render(request.fmt, for_format(request.fmt, result), options),
             request.output, commands=request.fmt in COMMAND_FORMATS)
    for row in result.rows:
        if not row.valid:
            more = row.problems - 1
            rest = f" (and {more} more: phi-policy validate {row.path})" if more else ""
            click.echo(f"phi-policy: error: {problem_line(row.problem)}{rest}", err=True)
    failures = [f"{row.path}: {gate}" for row in result.rows for gate in row.gates]
    if request.fail_under_mean is not None:
        failures += mean_gate(result.summary.mean, request.fail_under_mean, "fleet mean ")
    for failure in failures:
        click.echo(f"phi-policy: gate failed: {failure}", err=True)
    first = next((row for row in result.attention() if row.score is not None), None)
    if failures and first is not None and first.top_gap is not None:
        gap = first.top_gap
        click.echo(
            f"phi-policy: attend first: {first.path} (score {first.score:.1f}); fix first "
            f"{gap.control_id} {gap.title} (+{gap.gain:.1f} points)",
            err=True,
        )
    if result.summary.invalid:
        n, total = result.summary.invalid, result.summary.configs
        click.echo(f"phi-policy: error: {n} of {total} configs are invalid", err=True)
        return EXIT_INPUT
    return EXIT_GATE if failures else EXIT_OK


def _load_at_revision(request: CheckRequest, catalog: Catalog) -> tuple[Document, Revision]:
    """The config as committed at `request.rev` (its blob, never the working tree), and the
    revision it was read at (for Assessment.revision). A rename since then is followed."""
    from phi_policy.git.files import config_at

    found = config_at(request.config, request.rev or "HEAD")
    if found.renamed and not request.quiet:
        click.echo(f"phi-policy: note: at {request.rev} the config was {found.display} "
                   f"(renamed to {request.config} since)", err=True)
    document = load_valid_text(found.data, found.display, catalog)
    revision = Revision(rev=request.rev or "HEAD", commit=found.commit.sha, blob=found.blob_sha)
    return document, revision


def _commit_at_date(request: CheckRequest) -> str:
    """`--at-date`: the last commit on the first-parent line of --rev (default HEAD) dated on
    or before --as-of, so the config is judged as it stood that day, by that day's date."""
    from phi_policy.git.repo import open_repo
    from phi_policy.git.revisions import commit_at_date

    with open_repo(Path.cwd() / request.config) as repo:
        rev = request.rev or "HEAD"
        commit, notes = commit_at_date(repo, rev, request.as_of, dt.date.today())
    if not request.quiet:
        from phi_policy.safe_text import one_line

        click.echo(
            f"phi-policy: as of {request.as_of.isoformat()}, {rev} was at commit "
            f"{commit.sha[:12]} of {commit.committer_datetime[:10]} by "
            f"{one_line(commit.author_name)}: {one_line(commit.subject)}",
            err=True,
        )
    for note in notes:  # said even with --quiet: the answer rests on that date
        click.echo(f"phi-policy: warning: {note.message}", err=True)
    return commit.sha

"""What `phi-policy check` does once its options are parsed: build the parts, run, gate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import click

from phi_policy.errors import EXIT_GATE, EXIT_OK
from phi_policy.gates import failing_gates
from phi_policy.loader import Document
from phi_policy.model import Context
from phi_policy.output import emit
from phi_policy.packs import Catalog, load_catalog
from phi_policy.pipeline import assess, load_valid, load_valid_text
from phi_policy.reporters import RenderOptions, renderer


@dataclass(frozen=True)
class CheckRequest:
    config: str
    fmt: str = "text"
    output: str | None = None
    as_of: dt.date = dt.date(2000, 1, 1)
    profile: str = "hipaa"
    control_dirs: tuple[str, ...] = ()
    fail_under: float | None = None
    fail_on: str | None = None
    critical_cap: bool = False
    horizon: int = 30
    color: bool = False
    verbose: int = 0
    quiet: bool = False
    rev: str | None = None
    at_date: bool = False


def run_check(request: CheckRequest) -> int:
    catalog = load_catalog(request.control_dirs)
    revision: dict[str, str] = {}
    if request.at_date:
        request = replace(request, rev=_commit_at_date(request))
    if request.rev is None:
        document = load_valid(request.config, catalog)
    else:
        document, revision = _load_at_revision(request, catalog)
    assessment = assess(
        document,
        catalog,
        Context(as_of=request.as_of, profile=request.profile),
        critical_cap=request.critical_cap,
        horizon_days=request.horizon,
    )
    assessment.meta.update(revision)
    if not request.quiet or request.output:
        options = RenderOptions(color=request.color, verbose=request.verbose)
        emit(renderer(request.fmt)(assessment, options), request.output)
    failures = failing_gates(assessment, fail_under=request.fail_under, fail_on=request.fail_on)
    for failure in failures:
        click.echo(f"phi-policy: gate failed: {failure}", err=True)
    if failures and assessment.recommendations:
        first = assessment.recommendations[0]
        click.echo(
            f"phi-policy: fix first: {first.control_id} {first.title} (+{first.gain:.1f} points)",
            err=True,
        )
    return EXIT_GATE if failures else EXIT_OK


def _load_at_revision(request: CheckRequest, catalog: Catalog) -> tuple[Document, dict[str, str]]:
    """The config as committed at `request.rev` (its blob, never the working tree), and the
    revision it was read at (for Assessment.meta). A rename since then is followed."""
    from phi_policy.gitsource import config_at

    found = config_at(request.config, request.rev or "HEAD")
    if found.renamed and not request.quiet:
        click.echo(f"phi-policy: note: at {request.rev} the config was {found.display} "
                   f"(renamed to {request.config} since)", err=True)
    document = load_valid_text(found.data, found.display, catalog)
    revision = {"rev": request.rev or "HEAD", "commit": found.commit.sha, "blob": found.blob_sha}
    return document, revision


def _commit_at_date(request: CheckRequest) -> str:
    """`--at-date`: the last commit on the first-parent line of --rev (default HEAD) dated on
    or before --as-of, so the config is judged as it stood that day, by that day's date."""
    from phi_policy import gitsource

    with gitsource.open_repo(Path.cwd() / request.config) as repo:
        rev = request.rev or "HEAD"
        commit = gitsource.commit_on_or_before(repo, rev, request.as_of)
    if not request.quiet:
        click.echo(
            f"phi-policy: as of {request.as_of.isoformat()}, {rev} was at commit "
            f"{commit.sha[:12]} of {commit.commit_datetime[:10]} by {commit.author_name}: "
            f"{commit.subject}",
            err=True,
        )
    return commit.sha

"""`phi-policy history`: the config's score at every commit that changed it, oldest first."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from phi_policy.commands.options import (
    DATE,
    allow_shallow_option,
    color_option,
    controls_option,
    history_jobs_option,
    profile_option,
    use_color,
)
from phi_policy.commands.shell_completion import files, revisions
from phi_policy.reporters import registry

#: Walks longer than this show a progress bar (on a terminal's standard error only).
PROGRESS_FROM = 50


@contextmanager
def progress(
    total: int, label: str = "Judging versions"
) -> Iterator[Callable[[int], None] | None]:
    """A callback advancing a progress bar on standard error by n steps, when the walk is long
    and standard error is a terminal; None (no bar) otherwise, so logs and pipes stay clean."""
    from phi_policy.commands.options import dumb_terminal

    if total <= PROGRESS_FROM or not sys.stderr.isatty() or dumb_terminal():
        yield None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


@click.command(
    epilog="""\b
Examples:
  phi-policy history
  phi-policy history --since 2026-01-01 --until 2026-12-31 --format csv -o changes.csv
  phi-policy history deploy/phi-policy.yaml --timelines --format markdown
  phi-policy history --all --format json

\b
Exit status: 0 the history was read; 2 bad arguments, not a git repository, an unknown
revision, a shallow clone (without --allow-shallow), a config that was never committed or
that is a symbolic link, or an output file that cannot be written; 3 internal error; 130
interrupted.""",
)
@click.argument("config", required=False, default="phi-policy.yaml", metavar="[CONFIG]",
                shell_complete=files)
@click.option(
    "--rev", default="HEAD", show_default=True, metavar="REV", shell_complete=revisions,
    help="Walk back from this revision (a commit, branch or tag).",
)
@click.option(
    "--all", "every_ref", is_flag=True,
    help="Every commit reachable from any ref, not only the first-parent line of REV (a "
    "merged change then shows as the commits that made it, and the merge).",
)
@click.option("--since", type=DATE, help="Only commits dated on or after DATE (commit date).")
@click.option("--until", type=DATE, help="Only commits dated on or before DATE (commit date).")
@click.option(
    "--format", "fmt", type=click.Choice(registry.formats("history")), default="text",
    show_default=True,
    help="text for people, json for tools, csv (RFC 4180) for a spreadsheet, markdown for a "
    "ticket or wiki.",
)
@click.option(
    "--timelines", is_flag=True,
    help="Add each control's timeline: the intervals in which it passed, failed or was waived, "
    "with the commit, date and author of each change (with csv: the intervals instead of the "
    "commits).",
)
@click.option("-o", "--output", metavar="FILE", shell_complete=files,
              help="Write to FILE instead of standard output.")
@allow_shallow_option
@history_jobs_option
@profile_option
@controls_option
@color_option
def history(
    config: str,
    rev: str,
    every_ref: bool,
    since: dt.date | None,
    until: dt.date | None,
    fmt: str,
    timelines: bool,
    output: str | None,
    allow_shallow: bool,
    jobs: int | None,
    profile: str,
    control_dirs: tuple[str, ...],
    color: str,
) -> int:
    """Score CONFIG (default: phi-policy.yaml) at every commit that changed it, oldest first.

    One row per commit on the first-parent line of REV (what landed on the branch: a merged
    pull request is its merge commit): short sha, commit date, author, score, band, the change
    since the previous valid commit, the controls whose status changed, and the subject.
    Renames of the config are followed.

    Each commit is judged as of its own commit date (the committer date, when the change
    landed; the author date is in the json and csv output), so a BAA that expired or a review
    that fell due counts as it did then. Dates are claims: a commit dated before its parent,
    or after today, is marked with a line saying so. A commit at which the config does not
    load or validate is a row marked invalid with the first problem. The controls are today's
    (the installed catalog and any --controls), applied to every version.
    """
    from phi_policy.audit import git_history, judging
    from phi_policy.audit import history as history_
    from phi_policy.audit import timelines as timelines_
    from phi_policy.catalog.packs import load_catalog
    from phi_policy.errors import EXIT_OK, UsageError
    from phi_policy.output import emit

    if since and until and since > until:
        raise UsageError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}",
            hint="swap the dates",
        )
    catalog = load_catalog(control_dirs)
    source = git_history.load(config, rev, every_ref=every_ref, since=since, until=until,
                              allow_shallow=allow_shallow)
    with progress(len(judging.plan(source))) as step:
        walked = history_.build(source, catalog, profile, jobs=jobs, on_step=step,
                                today=dt.date.today())
    shown = timelines_.build(walked.steps()) if timelines else None
    if fmt != "json":  # a config's or a commit's text stays on its line
        from phi_policy.safe_text import flatten

        walked, shown = history_.printable(walked), flatten(shown)
    emit(registry.render("history", fmt, walked, shown), output, fit=fmt == "text",
         color=fmt == "text" and not output and use_color(color))
    return EXIT_OK

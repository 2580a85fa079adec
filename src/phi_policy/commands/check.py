"""`phi-policy check`: score one config, or a fleet of them, and gate on the result."""

from __future__ import annotations

import datetime as dt

import click

from phi_policy.commands.options import (
    DATE,
    color_option,
    controls_option,
    profile_option,
    severity_choice,
    use_color,
)
from phi_policy.commands.shell_completion import files, revisions
from phi_policy.reporters import registry


@click.command()
@click.argument("configs", nargs=-1, metavar="[CONFIG]...", shell_complete=files)
@click.option("--format", "fmt", type=click.Choice(registry.formats("check")), default="text",
              show_default=True,
              help="text for people, json for tools, markdown for a pull request, github for "
              "workflow annotations, sarif for code scanning, junit for test dashboards, html for "
              "a self-contained report, oscal for NIST OSCAL assessment-results.")
@click.option("-o", "--output", metavar="FILE", shell_complete=files,
              help="Write the report to FILE instead of standard output.")
@click.option("--as-of", type=DATE,
              help="The date that 'today' means for expiries and reviews. [default: today]")
@click.option("--rev", metavar="REV", shell_complete=revisions,
              help="Read CONFIG as committed at this git revision (a commit, branch or tag), not "
              "from the working tree; a rename since then is followed.")
@click.option("--at-date", is_flag=True,
              help="With --as-of DATE: read CONFIG as committed at the last commit dated on or "
              "before DATE on the first-parent line of --rev (default HEAD), and say which "
              "commit that was: the posture on that date.")
@profile_option
@controls_option
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="SCORE",
              help="Exit 1 when the score is below SCORE (0-100); in a fleet, any config's.")
@click.option("--fail-on", type=severity_choice,
              help="Exit 1 when a control of this severity or higher fails (in any config).")
@click.option("--fail-under-mean", type=click.FloatRange(0, 100), metavar="SCORE",
              help="Exit 1 when the fleet's mean score is below SCORE (0-100).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Assess a fleet in N worker processes; 1 runs in this process. "
              "[default: the machine's cores]")
@click.option("--critical-cap", is_flag=True, hidden=True,
              help="Deprecated no-op: open critical and high findings always cap the band.")
@click.option("--horizon", type=click.IntRange(0, 3650), default=30, show_default=True,
              metavar="DAYS", help="List what will fall due or expire within DAYS.")
@color_option
@click.option("-v", "--verbose", count=True, help="Also list passing controls.")
@click.option("-q", "--quiet", is_flag=True,
              help="Print nothing but failing gates; use the exit status.")
def check(
    configs: tuple[str, ...],
    fmt: str,
    output: str | None,
    as_of: dt.date | None,
    rev: str | None,
    at_date: bool,
    profile: str,
    control_dirs: tuple[str, ...],
    fail_under: float | None,
    fail_on: str | None,
    fail_under_mean: float | None,
    jobs: int | None,
    critical_cap: bool,
    horizon: int,
    color: str,
    verbose: int,
    quiet: bool,
) -> int:
    """Score CONFIG (default: phi-policy.yaml) against the HIPAA controls.

    Prints the overall score and band (red below 60, yellow below 80, green from 80, capped
    at red by a failing critical control and at yellow by a failing high one, with the
    reason), a score per domain, an action plan ranked by risk (critical now, high within 30
    days, medium within 90, low at the next review), every failing control with its legal
    basis, citation and YAML line, and what falls due within the horizon.

    Several configs, a folder or a glob give a fleet report: a row per config, the sites that
    need attention first, the mean and minimum score, the bands, and the controls failing in
    the most sites. --fail-under and --fail-on then apply to every config (so --fail-under is
    also the gate on the fleet's minimum); --fail-under-mean gates the mean. An invalid
    config is a row of the report, and the run exits 2 once everything is reported.

    \b
    Examples:
      phi-policy check
      phi-policy check examples/org-config/riverbend-clinic.yaml --fail-under 80
      phi-policy check --format markdown -o report.md --as-of 2026-03-01
      phi-policy check --rev HEAD~1
      phi-policy check --as-of 2026-03-01 --at-date
      phi-policy check sites/ --fail-under 60 --fail-under-mean 80
      phi-policy check 'sites/**/phi-policy.yaml' --format json -o fleet.json --jobs 4

    \b
    Exit status: 0 every gate holds; 1 a gate failed (--fail-under, --fail-on,
    --fail-under-mean); 2 bad arguments, an invalid or unreadable config (or one that is a
    symbolic link), a git problem with --rev or --at-date, or an output file that cannot be
    written; 3 internal error; 130 interrupted.
    """
    from phi_policy.commands.options import critical_cap_notice
    from phi_policy.engine.check_run import CheckRequest, run_check
    from phi_policy.errors import UsageError

    critical_cap_notice(critical_cap)

    if at_date and as_of is None:
        raise UsageError(
            "--at-date needs --as-of DATE: the date whose posture you want",
            hint="e.g. phi-policy check --as-of 2026-03-01 --at-date",
        )
    return run_check(
        CheckRequest(
            config=configs[0] if configs else "phi-policy.yaml",
            configs=configs,
            jobs=jobs,
            fail_under_mean=fail_under_mean,
            fmt=fmt,
            output=output,
            as_of=as_of or dt.date.today(),
            profile=profile,
            control_dirs=control_dirs,
            fail_under=fail_under,
            fail_on=fail_on,
            horizon=horizon,
            color=use_color(color) and fmt == "text" and not output,
            verbose=verbose,
            quiet=quiet,
            rev=rev,
            at_date=at_date,
        )
    )

"""`phi-policy diff`: score the config at two revisions and gate a pull request on the change."""

from __future__ import annotations

import datetime as dt

import click

from phi_policy.commands.options import DATE, color_option, profile_option, use_color
from phi_policy.commands.shell_completion import files, revisions
from phi_policy.model import SEVERITIES
from phi_policy.model.delta import GateSettings
from phi_policy.reporters import registry


@click.command()
@click.argument("base", required=False, metavar="[BASE]", shell_complete=revisions)
@click.argument("head", required=False, metavar="[HEAD]", shell_complete=revisions)
@click.option(
    "--config",
    "configs",
    shell_complete=files,
    multiple=True,
    metavar="PATH",
    help="The config, relative to the current folder inside the repository "
    "[default: phi-policy.yaml]. Repeat it, or give a folder or a quoted glob, to compare "
    "several configs in one report.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(registry.formats("diff")),
    default="text",
    show_default=True,
    help="text for people, json for tools, markdown for a PR comment or job summary, "
    "github for workflow annotations; sarif and junit describe the head.",
)
@click.option(
    "-o", "--output", metavar="FILE", shell_complete=files,
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--as-of", type=DATE, help="The date that 'today' means on both sides. [default: today]"
)
@profile_option
@click.option(
    "--controls",
    "control_dirs",
    multiple=True,
    metavar="DIR",
    help="Also load this control pack (repeatable); a folder in the repository is read "
    "from BASE, never from HEAD.",
)
@click.option(
    "--max-drop",
    type=click.FloatRange(0, 100),
    default=0.0,
    show_default=True,
    metavar="POINTS",
    help="Exit 1 when the score drops by more than POINTS (scores rounded to 2 decimals).",
)
@click.option(
    "--fail-on-regression",
    type=click.Choice([*SEVERITIES, "none"]),
    default="low",
    show_default=True,
    help="Exit 1 when a control of this severity or higher passed at BASE and does not "
    "at HEAD, even if the score rose; none turns this gate off.",
)
@click.option(
    "--fail-on-band-change",
    is_flag=True,
    help="Exit 1 when the band drops (green to yellow, yellow to red).",
)
@click.option(
    "--fail-on-self-approved",
    is_flag=True,
    help="Exit 1 when a documented decision the head adds or changes is approved by a person "
    "who wrote it in one of the commits from BASE to HEAD (by name, 'Last, First', with a "
    "title or role, or by e-mail address).",
)
@click.option(
    "--allow-deleted-configs",
    is_flag=True,
    help="With several configs: a config at BASE that is gone at HEAD (and not renamed) does "
    "not fail the gate. Without it, deleting a config of a fleet fails, since it removes a "
    "site from the gate.",
)
@click.option(
    "--critical-cap",
    is_flag=True,
    hidden=True,
    help="Deprecated no-op: open critical and high findings always cap the band.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Compare a large set of configs (dozens or more) in N worker processes; 1 "
              "runs in this process. [default: the machine's cores]")
@color_option
@click.option("-v", "--verbose", count=True, help="Also say how to fix each regression.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Print nothing but failing gates; use the exit status."
)
def diff(
    base: str | None,
    head: str | None,
    configs: tuple[str, ...],
    fmt: str,
    output: str | None,
    as_of: dt.date | None,
    profile: str,
    control_dirs: tuple[str, ...],
    max_drop: float,
    fail_on_regression: str,
    fail_on_band_change: bool,
    fail_on_self_approved: bool,
    allow_deleted_configs: bool,
    critical_cap: bool,
    jobs: int | None,
    color: str,
    verbose: int,
    quiet: bool,
) -> int:
    """Compare the config at BASE with HEAD, and fail when the change weakens it.

    HEAD defaults to the working tree (the file on disk); BASE to the merge base with the
    default branch (origin/HEAD, else main, else master), as a pull request's diff does. Both
    sides are scored with the same date, profile and controls, and the controls are the
    base's: a pull request cannot change the rules that judge it.

    Reports the score and domain changes, every control that regressed or improved (with
    its points, citation and YAML line), documented decisions added, changed, removed or
    past their review date, and every change to control packs and the gate's own files.

    With several configs each is compared on its own (a config only at HEAD is reported as
    added, one only at BASE as removed), in one report with a summary; the gates apply to
    every config, and an invalid config makes the run exit 2 once everything is reported.

    \b
    Examples:
      phi-policy diff
      phi-policy diff origin/main --format markdown -o summary.md
      phi-policy diff main HEAD --fail-on-regression high --fail-on-band-change
      phi-policy diff origin/main --config 'sites/**/*.yaml' --format markdown

    The config and any pack folder in the repository are names in git: a symbolic link at
    either revision is refused (exit 2), and a pack folder gone or no longer a folder at HEAD
    fails the gate. Each added or changed decision names who wrote it, from the commits BASE..
    HEAD in order; --fail-on-self-approved fails when its approver is among them.

    \b
    Exit status: 0 every gate holds; 1 a gate failed (a drop, a regression, a band change,
    a self-approved decision with --fail-on-self-approved, a pack folder gone, a config of a
    fleet deleted without --allow-deleted-configs); 2 bad arguments, an invalid config, a
    symbolic link, a git problem (unknown revision, no merge base, missing objects) or an
    output file that cannot be written; 3 internal error; 130 interrupted.
    """
    from phi_policy.commands.options import critical_cap_notice
    from phi_policy.diff.request import DiffRequest
    from phi_policy.diff.run import run_diff

    critical_cap_notice(critical_cap)

    return run_diff(
        DiffRequest(
            config=configs[0] if configs else "phi-policy.yaml",
            configs=configs,
            base=base,
            head=head,
            fmt=fmt,
            output=output,
            as_of=as_of or dt.date.today(),
            profile=profile,
            control_dirs=control_dirs,
            gate=GateSettings(
                max_drop=max_drop,
                fail_on_regression=None if fail_on_regression == "none" else fail_on_regression,
                fail_on_band_change=fail_on_band_change,
                fail_on_self_approved=fail_on_self_approved,
            ),
            allow_deleted_configs=allow_deleted_configs,
            color=use_color(color) and fmt == "text" and not output,
            verbose=verbose,
            quiet=quiet,
            jobs=jobs,
        )
    )

"""`phi-policy evidence`: write an audit evidence bundle, or verify one.

    phi-policy evidence --out DIR [CONFIG] [OPTIONS]     write a bundle
    phi-policy evidence verify DIR [OPTIONS]             verify one

Writing is what the command does; `verify` as its first word hands the rest to the verify
command. One command rather than a group, so that `evidence --out DIR` needs no subcommand
word and `evidence --help` shows the options of the common case (a config literally named
`verify` is written `./verify`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click
from click.shell_completion import CompletionItem

from phi_policy.commands.options import (
    DATE,
    allow_shallow_option,
    controls_option,
    history_jobs_option,
    profile_option,
)
from phi_policy.commands.shell_completion import folders, revisions

VERIFY = "verify"


@click.command(
    name="evidence verify",
    epilog="""\b
Exit status: 0 everything verifies; 1 a mismatch (each is named: a file changed, missing or
added, a file the format requires missing, a commit gone, a score or flag that does not
recompute); 2 bad arguments, DIR is not a readable bundle (no manifest, bad JSON), the
repository cannot be read, or it is a shallow clone (without --allow-shallow); 3 internal
error; 130 interrupted.""",
)
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--repo", "repo_path", type=click.Path(file_okay=False, path_type=Path),
              metavar="PATH", help="The repository to check against. [default: the current "
              "folder's]")
@click.option("--rev", metavar="REV", shell_complete=revisions,
              help="The branch the recorded commits must still be part of. [default: the "
              "recorded branch if it exists here, else HEAD]")
@allow_shallow_option
@history_jobs_option
@controls_option
def verify(
    folder: Path,
    repo_path: Path | None,
    rev: str | None,
    allow_shallow: bool,
    jobs: int | None,
    control_dirs: tuple[str, ...],
) -> int:
    """Verify the evidence bundle in DIR against its manifest and the repository.

    Recomputes what it can and names every mismatch: a file whose SHA-256 differs from the
    manifest, a file missing or added; a commit that no longer exists or is no longer an
    ancestor of the branch (rewritten or force-pushed history); a git fact, config blob,
    score, outcome, timeline or flag that does not recompute from the repository at the
    recorded head. When the installed control catalog differs from the bundle's, it says so
    instead of blaming the scores.
    """
    from phi_policy.audit import verify as evidence_verify
    from phi_policy.errors import EXIT_GATE, EXIT_OK

    found = evidence_verify.verify(folder, repo_path=repo_path, rev=rev, control_dirs=control_dirs,
                                   jobs=jobs, allow_shallow=allow_shallow)
    for note in found.notes:
        click.echo(f"phi-policy: note: {note}", err=True)
    if found.ok:
        click.echo(found.summary)
        return EXIT_OK
    count = len(found.mismatches)
    click.echo(f"{folder}: the evidence bundle does NOT verify: {count} "
               f"mismatch{'es' if count != 1 else ''}")
    for mismatch in found.mismatches:
        click.echo(f"  - {mismatch}")
    return EXIT_GATE


def _config_or_verify(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The first word after `evidence`: `verify`, or else a config file name."""
    if incomplete and VERIFY.startswith(incomplete):
        return [CompletionItem(VERIFY)]
    return [CompletionItem(incomplete, type="file")]


class WriteOrVerify(click.Command):
    """The write command, which hands `verify ...` to the verify command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] == VERIFY:
            ctx.meta["phi_policy.verify_args"] = args[1:]
            if ctx.resilient_parsing:  # shell completion: offer verify's options and values
                verify.parse_args(ctx, args[1:])
            return []
        return super().parse_args(ctx, args)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if ctx.resilient_parsing and "phi_policy.verify_args" in ctx.meta:
            return verify.get_params(ctx)
        return super().get_params(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        rest = ctx.meta.get("phi_policy.verify_args")
        if rest is None:
            return super().invoke(ctx)
        # No parent context: its path would show this command's [CONFIG] in verify's usage.
        name = f"{ctx.command_path} {VERIFY}"
        with verify.make_context(name, list(rest), help_option_names=ctx.help_option_names) as sub:
            return verify.invoke(sub)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, "--out DIR [OPTIONS] [CONFIG]")
        formatter.write_usage(ctx.command_path, f"{VERIFY} DIR [OPTIONS]", prefix="   or: ")


@click.command(
    cls=WriteOrVerify,
    epilog="""\b
Verify a bundle later (see phi-policy evidence verify --help):
  phi-policy evidence verify DIR [--repo PATH] [--rev REV] [--controls DIR]
It exits 1 naming every file, commit, score, outcome or flag that does not recompute.

\b
Examples:
  phi-policy evidence --out audit-2026 --since 2026-01-01 --until 2026-12-31
  phi-policy evidence --out audit-2026 deploy/phi-policy.yaml --require-signed
  phi-policy evidence verify audit-2026
  phi-policy evidence verify audit-2026 --repo ../lakeside --rev origin/main

\b
Exit status: 0 the bundle was written; 2 bad arguments, DIR is not empty (without --force)
or cannot be written, --out is missing, not a git repository, a shallow clone (without
--allow-shallow), a config that was never committed or that is a symbolic link; 3 internal
error; 130 interrupted (nothing is left half-written).""",
)
@click.argument("config", required=False, default="phi-policy.yaml", metavar="[CONFIG]",
                shell_complete=_config_or_verify)
@click.option("--out", metavar="DIR", shell_complete=folders,
              help="The folder to write the bundle into (created; must be new or empty). "
              "Required.")
@click.option("--since", type=DATE, help="The audit period's first day (commit date).")
@click.option("--until", type=DATE,
              help="The audit period's last day (commit date); also the date the end-of-period "
              "assessment is judged at. [default: the head commit's date]")
@click.option("--require-signed", is_flag=True,
              help="The policy asks for signed commits: flag every commit without a good "
              "signature (bad and revoked signatures are always flagged).")
@click.option("--force", is_flag=True,
              help="Replace the bundle in a folder that is not empty (the folder is replaced "
              "whole, so no file of the old bundle stays).")
@allow_shallow_option
@history_jobs_option
@profile_option
@controls_option
def evidence(
    config: str,
    out: str | None,
    since: dt.date | None,
    until: dt.date | None,
    require_signed: bool,
    force: bool,
    allow_shallow: bool,
    jobs: int | None,
    profile: str,
    control_dirs: tuple[str, ...],
) -> int:
    """Write an audit evidence bundle for CONFIG (default: phi-policy.yaml) into DIR.

    Walks the first-parent line of HEAD (what landed on the branch), judges every commit that
    changed the config as of its commit date, and writes evidence.json (every commit in the
    period: git facts, author and committer, signature status, score and every outcome; the
    control timelines; flags for the auditor), assessment.json (the posture at the end of the
    period), report.html and, last, manifest.json with the SHA-256 of each file and the head
    commit. The files are written into a temporary folder beside DIR and renamed into place,
    so DIR holds a whole bundle or nothing. Dates are claims: every commit of the period
    stays in the bundle, and one dated before its parent, or after today (or --until), is
    flagged. The bundle depends only on the repository, the options and the date it takes
    as today (recorded), so writing it again that day gives the same bytes.
    """
    from phi_policy.audit import evidence as evidence_
    from phi_policy.audit.history import SHORT
    from phi_policy.commands.history import progress
    from phi_policy.errors import EXIT_OK, UsageError

    if out is None:
        raise UsageError(
            "--out DIR is required: the folder to write the bundle into",
            hint="e.g. phi-policy evidence --out audit-2026; to check a bundle, "
            "phi-policy evidence verify DIR",
        )
    if since and until and since > until:
        raise UsageError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}",
            hint="swap the dates",
        )
    folder, files, walked = evidence_.write(
        evidence_.WriteRequest(
            out=out,
            config=config,
            since=since,
            until=until,
            require_signed=require_signed,
            force=force,
            profile=profile,
            control_dirs=control_dirs,
            jobs=jobs,
            allow_shallow=allow_shallow,
        ),
        on_steps=progress,
    )
    click.echo(
        f"phi-policy: wrote {folder}: {', '.join(sorted(files))} ({len(walked.rows)} commits "
        f"of {walked.path}, head {walked.head[:SHORT]})",
        err=True,
    )
    return EXIT_OK

"""Shell completion (bash, zsh, fish) through click's own machinery, with dynamic candidates.

The shell calls `phi-policy` with `_PHI_POLICY_COMPLETE=<shell>_complete` (or `_source` to get
the script) and the words typed so far; `phi_policy.cli.run` hands that to click before
anything else runs. Option choices (formats, profiles, severities) complete from their
`click.Choice`; the functions here add what only the current folder knows: the ids of the
loaded control catalog and the repository's branches and tags. Completion must never print an
error into the user's prompt, so every failure here gives no candidates.
"""

from __future__ import annotations

from contextlib import suppress

import click
from click.shell_completion import CompletionItem, get_completion_class, shell_complete

PROG = "phi-policy"
#: The environment variable click reads: `_{PROG_NAME}_COMPLETE`, upper case, - as _.
COMPLETE_VAR = "_PHI_POLICY_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def complete(cli: click.Command, instruction: str) -> int:
    """Answer the shell's request (`bash_complete`, `zsh_source`, ...); click prints it."""
    return shell_complete(cli, {}, PROG, COMPLETE_VAR, instruction)


def script(cli: click.Command, shell: str) -> str:
    """The script a shell sources to complete `phi-policy`."""
    cls = get_completion_class(shell)
    if cls is None:  # click.Choice on the command keeps other names out
        raise ValueError(shell)
    return cls(cli, {}, PROG, COMPLETE_VAR).source()


def files(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Let the shell complete file names, as it does for a command with no completion: for
    config and output paths, which are plain strings (a config may be a glob or a git path)."""
    return [CompletionItem(incomplete, type="file")]


def folders(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Let the shell complete folder names."""
    return [CompletionItem(incomplete, type="dir")]


def control_ids(
    ctx: click.Context, param: click.Parameter, incomplete: str
) -> list[CompletionItem]:
    """The ids of the catalog the command would load (built-in, its --controls folders and
    installed packs), each with its title; nothing when the catalog does not load."""
    from phi_policy.catalog.packs import load_catalog
    from phi_policy.errors import PhiPolicyError

    dirs = tuple(ctx.params.get("control_dirs") or ())
    try:
        catalog = load_catalog(dirs)
    except (PhiPolicyError, OSError):
        return []
    wanted = incomplete.upper()
    return [CompletionItem(c.id, help=c.title) for c in catalog.controls if c.id.startswith(wanted)]


def revisions(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """HEAD and the branches and tags of the repository around the current folder; nothing
    outside a repository, without git, or when git refuses."""
    from phi_policy.errors import PhiPolicyError
    from phi_policy.git.repo import open_repo
    from phi_policy.git.revisions import ref_names

    names = ["HEAD"]
    with suppress(PhiPolicyError, OSError, ImportError), open_repo(".") as repo:
        names += ref_names(repo)
    return [CompletionItem(name) for name in names if name.startswith(incomplete)]

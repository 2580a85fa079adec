"""`phi-policy completion SHELL`: print the script that makes a shell complete phi-policy."""

from __future__ import annotations

import click

from phi_policy.commands.shell_completion import SHELLS


@click.command(
    epilog="""\b
Set-up, once:
  bash  in ~/.bashrc:   eval "$(phi-policy completion bash)"
  zsh   in ~/.zshrc, after compinit:   eval "$(phi-policy completion zsh)"
  fish  phi-policy completion fish > ~/.config/fish/completions/phi-policy.fish
\b
The script asks phi-policy for the candidates each time Tab is pressed (by running it with
_PHI_POLICY_COMPLETE set), so they follow the installed version and the current folder:
subcommands, options, --format and --profile choices, control ids for `controls show`, and
branches and tags for --rev, BASE and HEAD. Faster shell start-up: save the output to a file
and source that file instead of running eval.""",
)
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> int:
    """Print the completion script for SHELL (bash, zsh or fish)."""
    from phi_policy.cli import cli
    from phi_policy.commands.shell_completion import script

    click.echo(script(cli, shell), nl=False)
    return 0

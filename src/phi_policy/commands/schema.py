"""`phi-policy schema`: print the config's JSON Schema, or where it is installed."""

from __future__ import annotations

import click

from phi_policy import resources
from phi_policy.errors import PhiPolicyError


@click.command(
    epilog="""\b
Editor wiring (VS Code's YAML extension, or any yaml-language-server client): put this
line at the top of phi-policy.yaml for completion, hover docs and errors as you type:
  # yaml-language-server: $schema=<the path printed by `phi-policy schema --path`>
or keep a copy in the repository:
  phi-policy schema > schemas/phi-policy.schema.json

\b
Exit status: 0 printed; 2 bad arguments, or the schema is missing from the installation;
3 internal error.""",
)
@click.option("--path", "show_path", is_flag=True, help="Print the schema file's path instead.")
def schema(show_path: bool) -> int:
    """Print the JSON Schema (draft 2020-12) that phi-policy.yaml must follow.

    It is the schema `phi-policy validate` uses, shipped with this version of phi-policy.
    """
    path = resources.schema_path()
    if not path.is_file():
        raise PhiPolicyError(f"the schema is missing from {path}", hint="reinstall phi-policy")
    click.echo(str(path) if show_path else path.read_text(encoding="utf-8").rstrip("\n"))
    return 0

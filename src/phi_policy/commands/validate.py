"""`phi-policy validate`: check configs against the schema, print every problem with its line."""

from __future__ import annotations

import click

from phi_policy import discover, schema_check
from phi_policy.errors import EXIT_INPUT, EXIT_OK
from phi_policy.problems_format import RENDERERS


@click.command(
    epilog="""\b
Examples:
  phi-policy validate                          # ./phi-policy.yaml
  phi-policy validate configs/                 # every *.yaml / *.yml under configs/
  phi-policy validate 'sites/**/phi-policy.yaml' --format json

\b
Exit status: 0 every config is valid; 2 a config is invalid or unreadable, or no config was
found.""",
)
@click.argument("paths", nargs=-1)
@click.option(
    "--format", "output_format", type=click.Choice(sorted(RENDERERS)), default="text",
    show_default=True, help="text: one `file:line:col: error: ...` line per problem; json: "
    "one document for tools.",
)
def validate(paths: tuple[str, ...], output_format: str) -> int:
    """Check configs against the phi-policy schema, before any control runs.

    PATHS are config files, folders (searched for *.yaml and *.yml, hidden folders skipped) or
    glob patterns; with none, ./phi-policy.yaml. Every problem is reported at once, each with
    its file:line:col, the setting's path, what is wrong and how to fix it: YAML syntax,
    duplicate keys, unknown keys (with the closest known key), wrong types (`yes` is not a
    boolean: write true), invalid dates, values out of range, missing sections.
    """
    from phi_policy.semantic import catalog_checks

    results = schema_check.validate_files(discover.expand(paths), extra=catalog_checks())
    click.echo(RENDERERS[output_format](results))
    return EXIT_INPUT if any(problems for _, problems in results) else EXIT_OK

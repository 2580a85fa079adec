"""`phi-policy schema`: print the config's JSON Schema, say where it is, or write a copy."""

from __future__ import annotations

import click

from phi_policy import resources
from phi_policy.config.schema_file import MODELINE, SCHEMA_FILE
from phi_policy.errors import UsageError


@click.command(
    epilog=f"""\b
Editor wiring (VS Code's YAML extension, or any yaml-language-server client): write the
schema beside the config, and start the config with the line that names it:
  phi-policy schema --write .
  {MODELINE}
The two files work together offline and wherever they are copied. After an upgrade of
phi-policy, run `phi-policy schema --write . --force` to replace the copy. See
docs/editors.md for VS Code settings, JetBrains IDEs and SchemaStore.

\b
Exit status: 0 printed or written; 2 bad arguments, a different file already at PATH (without
--force), or the schema is missing from the installation; 3 internal error.""",
)
@click.option("--path", "show_path", is_flag=True,
              help="Print the installed schema file's path instead.")
@click.option("--write", "write_to", metavar="PATH", type=click.Path(),
              help=f"Write the schema to PATH, a file or a folder (then PATH/{SCHEMA_FILE}), "
              "beside your config. A different file already there is kept unless --force.")
@click.option("--force", is_flag=True,
              help="With --write: replace a file that differs (an older version's schema).")
def schema(show_path: bool, write_to: str | None, force: bool) -> int:
    """Print the JSON Schema (draft 2020-12) that phi-policy.yaml must follow.

    It is the schema `phi-policy validate` uses, shipped with this version of phi-policy.

    \b
    Examples:
      phi-policy schema --write .          # ./org-config.schema.json, for the editor
      phi-policy schema --path
      phi-policy schema > phi-policy.schema.json

    Exit status: 0 printed or written (or already up to date), 2 usage, or a different file
    is in the way without --force.
    """
    from phi_policy.config import schema_file

    if write_to is not None:
        if show_path:
            raise UsageError("--path and --write do different things; give one of them")
        return _write(write_to, force)
    if force:
        raise UsageError("--force only goes with --write PATH",
                         hint="e.g. phi-policy schema --write . --force")
    text = schema_file.schema_text()  # says how to fix a broken install
    click.echo(str(resources.schema_path(SCHEMA_FILE)) if show_path else text.rstrip("\n"))
    return 0


def _write(path: str, force: bool) -> int:
    from phi_policy import __version__
    from phi_policy.config import schema_file

    target = schema_file.target_for(path)
    result = schema_file.write(target, force=force)
    if result == "differs":
        raise UsageError(
            f"{target} exists and is not the schema of phi-policy {__version__}; "
            "nothing was written",
            hint=f"pass --force to replace it: phi-policy schema --write {path} --force",
        )
    if result == "unchanged":
        click.echo(f"{target} is already the schema of phi-policy {__version__}")
    else:
        click.echo(f"wrote {target} (the config schema of phi-policy {__version__})")
    modeline = MODELINE.replace(SCHEMA_FILE, target.name)
    click.echo(f"A config in the same folder uses it with this first line:\n  {modeline}")
    return 0

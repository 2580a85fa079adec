"""`phi-policy validate`: check configs against the schema, print every problem with its line."""

from __future__ import annotations

import os

import click

from phi_policy.commands.options import color_option, use_color
from phi_policy.commands.shell_completion import files
from phi_policy.config import discover
from phi_policy.config.declarations import undeclared
from phi_policy.config.loader import load
from phi_policy.config.validation import CatalogOnDemand, validate_file
from phi_policy.errors import EXIT_GATE, EXIT_INPUT, EXIT_OK
from phi_policy.fleet import workers
from phi_policy.model import Problem
from phi_policy.output import emit
from phi_policy.reporters import registry
from phi_policy.reporters.problems import FileResult

#: Fewer configs than this are validated in this process: a config takes milliseconds, and
#: starting workers would cost more than they save.
PARALLEL_FROM = 32


@click.command(
    epilog="""\b
Examples:
  phi-policy validate                          # ./phi-policy.yaml
  phi-policy validate configs/                 # every *.yaml / *.yml under configs/
  phi-policy validate 'sites/**/phi-policy.yaml' --format json

\b
Exit status: 0 every config is valid; 2 bad arguments, a config is invalid, unreadable or a
symbolic link, or no config was found; 1 (with --strict only) every config is valid, but one
leaves an applicability key undeclared; 3 internal error; 130 interrupted.""",
)
@click.argument("paths", nargs=-1, shell_complete=files)
@click.option(
    "--format", "output_format", type=click.Choice(registry.formats("validate")), default="text",
    show_default=True, help="text: one `file:line:col: error: ...` line per problem; json: "
    "one document for tools.",
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Validate a large set of configs (dozens or more) in N worker processes; 1 "
              "runs in this process. [default: the machine's cores]")
@color_option
@click.option("--strict", is_flag=True,
              help="Also fail (exit 1) when a valid config leaves out an applicability key: "
              "whether it holds 42 CFR Part 2 records, uses AI scribes, treats minors, provides "
              "behavioral health care, or over which channels audio-only visits run. Until "
              "declared, the controls that depend on one are unscored (`check` lists them "
              "under \"to declare\").")
def validate(
    paths: tuple[str, ...], output_format: str, jobs: int | None, strict: bool, color: str
) -> int:
    """Check configs against the phi-policy schema, before any control runs.

    PATHS are config files, folders (searched for *.yaml and *.yml, hidden folders skipped) or
    glob patterns; with none, ./phi-policy.yaml. Every problem is reported at once, each with
    its file:line:col, the setting's path, what is wrong and how to fix it: YAML syntax,
    duplicate keys, unknown keys (with the closest known key), wrong types (`yes` is not a
    boolean: write true), invalid dates, values out of range, missing sections.
    """
    files = discover.expand(paths)
    results = workers.run(_validate, files, CatalogOnDemand(), workers=jobs,
                          min_items=PARALLEL_FROM, rebuild=CatalogOnDemand, chunk=8)
    invalid = any(problems for _, problems in results)
    incomplete = False
    if strict:
        results = [(path, problems or _undeclared(file)) for file, (path, problems)
                   in zip(files, results, strict=True)]
        incomplete = any(problems for _, problems in results)
    text = registry.render("validate", output_format, results) + "\n"
    # Lines stay whole (never fitted): editors and CI problem matchers read file:line:col lines.
    emit(text, None, color=output_format == "text" and use_color(color))
    if invalid:
        return EXIT_INPUT
    return EXIT_GATE if incomplete else EXIT_OK


def _undeclared(file: str | os.PathLike[str]) -> list[Problem]:
    """The applicability keys a valid config leaves out, as problems at the nearest line."""
    document = load(file)
    return [
        Problem(
            document.location(item.pointer),
            f"not declared: {item.question}",
            pointer=item.pointer,
            hint=f"{item.hint}; until then {', '.join(item.controls)} "
            f"{'is' if len(item.controls) == 1 else 'are'} unscored",
            code="undeclared",
        )
        for item in undeclared(document.data)
    ]


def _validate(catalog: CatalogOnDemand, file: str | os.PathLike[str]) -> FileResult:
    """One config, in a worker process (whose catalog is loaded once, if a config has
    decisions to check against it)."""
    return validate_file(file, catalog)

"""`phi-policy controls list|show|coverage`: the catalog, one control, and the map to HIPAA.

Thin commands: they load the catalog (built-in pack, `--controls DIR`, installed entry points),
pick what was asked for and print what a renderer in `phi_policy.reporters.catalog` (list,
show) or `phi_policy.reporters.catalog_coverage` (coverage) returns.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

import click
from click.decorators import FC

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.catalog.vocabulary import PROFILES
from phi_policy.commands import shell_completion as completion
from phi_policy.commands.options import color_option, controls_option, use_color
from phi_policy.errors import UsageError
from phi_policy.model import BASES, DOMAINS, SEVERITIES
from phi_policy.output import emit
from phi_policy.reporters import registry
from phi_policy.reporters.registry import Subject
from phi_policy.resources import builtin_controls_dir

EXIT_STATUS = """\b
Exit status: 0 printed; 2 bad arguments{extra}, or a control pack that
does not load; 3 internal error; 130 interrupted."""


def _format_option(subject: Subject) -> Callable[[FC], FC]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(registry.formats(subject)),
        default="text",
        show_default=True,
        help="text for people, json for tools, markdown for docs and pull requests.",
    )


def _entry_points_option(fn: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--entry-points/--no-entry-points",
        default=True,
        show_default=True,
        help="Include control packs installed as 'phi_policy.controls' entry points.",
    )(fn)


def _print(text: str, fmt: str, color: str) -> None:
    """Text fitted to the terminal and colored if asked; JSON and Markdown exactly as made."""
    emit(text, None, fit=fmt == "text", color=fmt == "text" and use_color(color))


def _load(control_dirs: tuple[str, ...], entry_points: bool) -> Catalog:
    return load_catalog(control_dirs, entry_points=entry_points)


@click.group(epilog=EXIT_STATUS.format(extra=""))
def controls() -> None:
    """List, show and map the controls to the HIPAA regulation."""


@controls.command("list", epilog=EXIT_STATUS.format(extra=""))
@click.option(
    "--domain",
    type=click.Choice(list(DOMAINS)),
    multiple=True,
    help="Only controls of this domain (repeatable).",
)
@click.option(
    "--profile",
    type=click.Choice(list(PROFILES)),
    help="Only controls that run under this profile.",
)
@click.option(
    "--severity",
    type=click.Choice(list(SEVERITIES)),
    multiple=True,
    help="Only controls of this severity (repeatable).",
)
@click.option(
    "--basis",
    type=click.Choice(list(BASES)),
    multiple=True,
    help="Only controls of this legal basis (repeatable): required, addressable, benchmark, "
    "proposed, other_law.",
)
@controls_option
@_entry_points_option
@_format_option("controls")
@color_option
def list_controls(
    domain: tuple[str, ...],
    profile: str | None,
    severity: tuple[str, ...],
    basis: tuple[str, ...],
    control_dirs: tuple[str, ...],
    entry_points: bool,
    fmt: str,
    color: str,
) -> int:
    """List the controls: id, domain, severity, legal basis, weight, first citation, title.

    \b
    Examples:
      phi-policy controls list --domain technical --severity critical
      phi-policy controls list --basis benchmark
      phi-policy controls list --controls ./our-controls --format json
    """
    catalog = _load(control_dirs, entry_points)
    chosen = catalog.for_profile(profile) if profile else catalog.controls
    chosen = tuple(
        c
        for c in chosen
        if (not domain or c.domain in domain)
        and (not severity or c.severity in severity)
        and (not basis or c.basis in basis)
    )
    _print(registry.render("controls", fmt, chosen, builtin_controls_dir()), fmt, color)
    return 0


@controls.command("show", epilog=EXIT_STATUS.format(extra=", an unknown ID"))
@click.argument("control_id", metavar="ID", shell_complete=completion.control_ids)
@controls_option
@_entry_points_option
@_format_option("control")
@color_option
def show(
    control_id: str, control_dirs: tuple[str, ...], entry_points: bool, fmt: str, color: str
) -> int:
    """Show one control: citations, why it matters, how to fix, and where it is declared."""
    catalog = _load(control_dirs, entry_points)
    known = catalog.by_id()
    control = known.get(control_id.upper())
    if control is None:
        close = difflib.get_close_matches(control_id.upper(), list(known), n=3, cutoff=0.6)
        raise UsageError(
            f"unknown control {control_id!r}",
            hint=f"did you mean {' or '.join(close)}?"
            if close
            else "run `phi-policy controls list` to see the ids",
        )
    _print(registry.render("control", fmt, control, builtin_controls_dir()), fmt, color)
    return 0


@controls.command("coverage", epilog=EXIT_STATUS.format(extra=""))
@controls_option
@_entry_points_option
@_format_option("coverage")
@color_option
def coverage_command(
    control_dirs: tuple[str, ...], entry_points: bool, fmt: str, color: str
) -> int:
    """Map every Security Rule standard and implementation specification to its controls.

    Marks each as required (R) or addressable (A), flags the ones no control cites, and lists
    the Breach Notification and Privacy Rule sections the controls cite.
    """
    from phi_policy.catalog.coverage import coverage

    rows = coverage(_load(control_dirs, entry_points))
    _print(registry.render("coverage", fmt, rows), fmt, color)
    return 0

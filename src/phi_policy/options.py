"""Options shared by several commands, declared once so they read and behave the same."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from phi_policy.model import SEVERITIES

F = TypeVar("F", bound=Callable[..., Any])


class DateType(click.ParamType):
    """A calendar date written YYYY-MM-DD."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD", param, ctx)


DATE = DateType()


def critical_cap_notice(given: bool) -> None:
    """Say once that --critical-cap (0.1) no longer does anything: the cap is always on."""
    if given:
        click.echo(
            "phi-policy: --critical-cap is deprecated and does nothing: open critical and high "
            "findings always cap the band (see docs/scoring.md)",
            err=True,
        )


def color_option(fn: F) -> F:
    return click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help="Color the text output: auto colors a terminal unless NO_COLOR is set.",
    )(fn)


def use_color(choice: str, stream: Any = None) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    return bool(getattr(stream, "isatty", lambda: False)())


def controls_option(fn: F) -> F:
    return click.option(
        "--controls",
        "control_dirs",
        multiple=True,
        type=click.Path(exists=True, file_okay=False),
        metavar="DIR",
        help="Also load the controls in this folder (repeatable).",
    )(fn)


def profile_option(fn: F) -> F:
    return click.option(
        "--profile",
        type=click.Choice(["hipaa", "hipaa-2025-nprm"]),
        default="hipaa",
        show_default=True,
        help="hipaa: the rule in force. hipaa-2025-nprm: also readiness for the January 2025 "
        "proposed rule (scored apart as readiness, never as violations; the current-rule "
        "score is the same under both).",
    )(fn)


severity_choice = click.Choice(list(SEVERITIES))


def history_jobs_option(fn: F) -> F:
    return click.option(
        "-j", "--jobs", type=click.IntRange(min=1), metavar="N",
        help="Judge the config's distinct versions in N worker processes (a long history: "
        "from 48 versions); 1 runs in this process. [default: the machine's cores]",
    )(fn)

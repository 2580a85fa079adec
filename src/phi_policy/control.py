"""The control API: a control is a plain function with its metadata declared right above it.

    from phi_policy.control import control, passed, failed

    @control(
        id="TECH-003",
        title="Automatic logoff at 15 minutes or less",
        domain="technical",
        cites=["164.312(a)(2)(iii)"],
        requirement="addressable",
        severity="high",
        weight=3,
        rationale="An unattended session exposes ePHI to whoever walks by.",
        remediation="Set access_control.automatic_logoff_minutes to 15 or less.",
    )
    def automatic_logoff(config, ctx):
        minutes = config["access_control"]["automatic_logoff_minutes"]
        ...
        return passed("...", "/access_control/automatic_logoff_minutes")

The decorator only records the metadata on the function. It does no I/O and keeps no global
registry: the pack loader (`phi_policy.packs`) collects decorated functions the way pytest
collects tests, so two runs never share state and importing a module registers nothing.

This module is the one import a control needs: the decorator, the outcome helpers (`passed`,
`failed`, `partial`, `not_applicable`, `by_fraction`, and `flag` and `cadence_outcome` built on
them), and, re-exported from `phi_policy.control_kit`, the helpers that read the config
(`get`, `where`, `is_on`, `items`...), handle dates and cadences, and word messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from phi_policy.control_kit import (
    Cadence,
    CadenceState,
    Config,
    add_months,
    all_of,
    cadence,
    cadence_days,
    cycle_months,
    describe_cadence,
    ephi_associates,
    get,
    is_on,
    items,
    join,
    name_of,
    not_in_place,
    parse_date,
    plural,
    unique,
    were,
    where,
)
from phi_policy.model import Citation, Context, Domain, Outcome, Requirement, Severity

__all__ = [
    "ATTRIBUTE",
    "DEFAULT_PROFILES",
    "Cadence",
    "CadenceState",
    "CheckFunction",
    "Config",
    "ControlSpec",
    "add_months",
    "all_of",
    "at_most",
    "by_fraction",
    "cadence",
    "cadence_days",
    "cadence_outcome",
    "control",
    "cycle_months",
    "describe_cadence",
    "ephi_associates",
    "failed",
    "flag",
    "get",
    "is_on",
    "items",
    "join",
    "name_of",
    "not_applicable",
    "not_in_place",
    "parse_date",
    "partial",
    "passed",
    "plural",
    "unique",
    "were",
    "where",
]

ATTRIBUTE = "__phi_policy_control__"
CheckFunction = Callable[[Config, Context], Outcome]
F = TypeVar("F", bound=Callable[..., Outcome])

#: Profiles a control belongs to when it does not say: the current rule, and the proposed one
#: (which keeps every current requirement).
DEFAULT_PROFILES = ("hipaa", "hipaa-2025-nprm")


@dataclass(frozen=True)
class ControlSpec:
    """What a control declares about itself. `cites` are resolved to Citations by the loader."""

    id: str
    title: str
    domain: Domain
    cites: tuple[str | Citation, ...]
    requirement: Requirement
    severity: Severity
    weight: float
    rationale: str
    remediation: str
    profiles: tuple[str, ...] = DEFAULT_PROFILES
    proposed: bool = False


def control(
    *,
    id: str,
    title: str,
    domain: Domain,
    cites: Iterable[str | Citation],
    requirement: Requirement,
    severity: Severity,
    weight: float,
    rationale: str,
    remediation: str,
    profiles: Iterable[str] = DEFAULT_PROFILES,
    proposed: bool = False,
) -> Callable[[F], F]:
    """Declare a control. Checks of the values happen when the pack loads, naming the file.

    `proposed=True` marks a readiness check for a proposed rule (the 2025 Security Rule NPRM):
    its outcome is reported as a readiness gap, never as a violation, and is scored apart.
    """

    spec = ControlSpec(
        id=id,
        title=title,
        domain=domain,
        cites=tuple(cites),
        requirement=requirement,
        severity=severity,
        weight=weight,
        rationale=rationale,
        remediation=remediation,
        profiles=tuple(profiles),
        proposed=proposed,
    )

    def record(fn: F) -> F:
        setattr(fn, ATTRIBUTE, spec)
        return fn

    return record


def _paths(paths: Iterable[str] | str) -> tuple[str, ...]:
    return (paths,) if isinstance(paths, str) else tuple(paths)


def passed(
    message: str,
    paths: Iterable[str] | str = (),
    *,
    turns_on: dt.date | None = None,
    turns_why: str | None = None,
) -> Outcome:
    """The control holds. `turns_on` says when it will stop holding by itself (an expiry)."""
    return Outcome("pass", message, 1.0, _paths(paths), turns_on, turns_why)


def failed(message: str, paths: Iterable[str] | str = ()) -> Outcome:
    return Outcome("fail", message, 0.0, _paths(paths))


def partial(
    credit: float,
    message: str,
    paths: Iterable[str] | str = (),
    *,
    turns_on: dt.date | None = None,
    turns_why: str | None = None,
) -> Outcome:
    """Part of the control holds; `credit` (strictly between 0 and 1) is the part."""
    if not 0.0 < credit < 1.0:
        raise ValueError(f"partial credit must be strictly between 0 and 1, not {credit!r}")
    return Outcome("partial", message, round(credit, 4), _paths(paths), turns_on, turns_why)


def not_applicable(message: str, paths: Iterable[str] | str = ()) -> Outcome:
    """The part of the setup this control is about is absent (no BYOD, no video platform)."""
    return Outcome("not_applicable", message, None, _paths(paths))


def by_fraction(
    met: int,
    total: int,
    message: str,
    paths: Iterable[str] | str = (),
) -> Outcome:
    """pass when all of `total` items are met, fail when none, partial in between."""
    if total <= 0:
        return not_applicable(message, paths)
    if met >= total:
        return passed(message, paths)
    if met <= 0:
        return failed(message, paths)
    return partial(met / total, message, paths)


def flag(config: Config, pointer: str, good: str, bad: str) -> Outcome:
    """pass with `good` when the boolean at `pointer` is true, else fail with `bad`.

    The commonest control: one yes/no safeguard. Absent counts as not in place (`is_on`), and
    the failure points at the key, or where it should be added (`where`).
    """
    if is_on(config, pointer):
        return passed(good, pointer)
    return failed(bad, where(config, pointer))


def at_most(
    config: Config,
    pointer: str,
    limit: float,
    *,
    half_credit_up_to: float,
    missing: str,
    within: Callable[[Any], str],
    over: Callable[[Any], str],
) -> Outcome:
    """A number that must stay at or under `limit` (minutes, days, hours).

    pass at or under `limit`; half credit up to `half_credit_up_to`, since a setting somewhat
    over a benchmark still protects more than none; fail beyond it, or with `missing` when the
    key is absent (pointing at where it should be added). `within` and `over` make the message
    from the value.
    """
    value = get(config, pointer)
    if value is None:
        return failed(missing, where(config, pointer))
    if value <= limit:
        return passed(within(value), pointer)
    if value <= half_credit_up_to:
        return partial(0.5, over(value), pointer)
    return failed(over(value), pointer)


def cadence_outcome(
    config: Config,
    pointer: str,
    months: int,
    ctx: Context,
    *,
    what: str,
    turns_why: str,
    prefix: str = "",
) -> Outcome:
    """A recurring activity last done on the date at `pointer`, due every `months` months.

    pass while the cycle is current, with `turns_on` the day it falls due (so `check` can warn
    ahead); fail when the date is missing, overdue, or after `ctx.as_of` (a typo or a plan is
    not evidence). The message is `prefix` + `describe_cadence(...)`, naming `what` was done.
    """
    state = cadence(get(config, pointer), ctx.as_of, months)
    message = prefix + describe_cadence(state, what, f"{months}-month", ctx.as_of)
    if state.current:
        return passed(message, pointer, turns_on=state.due, turns_why=turns_why)
    return failed(message, where(config, pointer))

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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from phi_policy.model import Citation, Context, Domain, Outcome, Requirement, Severity

ATTRIBUTE = "__phi_policy_control__"

Config = Mapping[str, Any]
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


def parse_date(value: object) -> dt.date | None:
    """A config date (validated as YYYY-MM-DD by the schema) as a date; None when absent."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus a number of calendar months, clamped to the month's last day (Jan 31 + 1 = Feb 28)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def get(config: Config, pointer: str, default: Any = None) -> Any:
    """The value at a JSON pointer ("/access_control/mfa/remote_access"), or `default`."""
    node: Any = config
    for part in pointer.split("/")[1:]:
        if isinstance(node, Mapping):
            if part not in node:
                return default
            node = node[part]
        elif isinstance(node, list):
            try:
                node = node[int(part)]
            except (ValueError, IndexError):
                return default
        else:
            return default
    return node

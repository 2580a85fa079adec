"""The control API: a control is a plain function with its metadata declared right above it.

    from phi_policy.control import control, passed, failed

    @control(
        id="TECH-026",
        title="Automatic logoff at 15 minutes or less (benchmark)",
        domain="technical",
        cites=["164.312(a)(2)(iii)"],
        basis="benchmark",
        severity="medium",
        risk="A long timeout leaves a session open a while; a logoff exists either way.",
        tailorable="minutes of inactivity before logoff",
        rationale="CIS Controls v8 4.3 and NIST SP 800-63B name 15 minutes; HIPAA names none.",
        remediation="Set access_control.automatic_logoff_minutes to 15 or less.",
    )
    def logoff_benchmark(config, ctx):
        limit = ctx.limit(15)
        ...
        return passed("...", "/access_control/automatic_logoff_minutes")

The decorator only records the metadata on the function. It does no I/O and keeps no global
registry: the pack loader (`phi_policy.catalog.packs`) collects decorated functions the way pytest
collects tests, so two runs never share state and importing a module registers nothing.

This module is the one import a control needs: the decorator and, re-exported, the outcome
helpers of `phi_policy.catalog.outcomes` (`passed`, `failed`, `partial`, `not_applicable`,
`each`, `by_fraction`, and `flag` and `cadence_outcome` built on them) and the helpers of
`phi_policy.catalog.kit` that read the config (`get`, `where`, `is_on`, `items`...), handle
dates and cadences, and word messages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from phi_policy.catalog.kit import (
    Cadence,
    CadenceState,
    Config,
    add_months,
    all_of,
    associates_with_baa_in_force,
    baa_problem,
    cadence,
    cadence_days,
    cycle_months,
    describe_cadence,
    ephi_associates,
    ephi_platforms,
    get,
    handles_ephi,
    is_on,
    items,
    join,
    key_path,
    mfa_enforced,
    name_of,
    not_in_place,
    parse_date,
    plural,
    shortfalls,
    unique,
    were,
    where,
)
from phi_policy.catalog.outcomes import (
    Checked,
    all_in_place,
    applies,
    at_most,
    by_fraction,
    cadence_outcome,
    each,
    failed,
    flag,
    not_applicable,
    partial,
    passed,
    with_note,
)
from phi_policy.model import Basis, Citation, Context, Domain, Outcome, Severity

__all__ = [
    "ATTRIBUTE",
    "DEFAULT_PROFILES",
    "Cadence",
    "CadenceState",
    "CheckFunction",
    "Checked",
    "Config",
    "ControlSpec",
    "add_months",
    "all_in_place",
    "all_of",
    "applies",
    "associates_with_baa_in_force",
    "at_most",
    "baa_problem",
    "by_fraction",
    "cadence",
    "cadence_days",
    "cadence_outcome",
    "control",
    "cycle_months",
    "describe_cadence",
    "each",
    "ephi_associates",
    "ephi_platforms",
    "failed",
    "flag",
    "get",
    "handles_ephi",
    "is_on",
    "items",
    "join",
    "key_path",
    "mfa_enforced",
    "name_of",
    "not_applicable",
    "not_in_place",
    "parse_date",
    "partial",
    "passed",
    "plural",
    "shortfalls",
    "unique",
    "were",
    "where",
    "with_note",
]

ATTRIBUTE = "__phi_policy_control__"
CheckFunction = Callable[[Config, Context], Outcome]
F = TypeVar("F", bound=Callable[..., Outcome])

#: Profiles a control belongs to when it does not say: the current rule, and the proposed one
#: (which keeps every current requirement).
DEFAULT_PROFILES = ("hipaa", "hipaa-2025-nprm")



@dataclass(frozen=True)
class ControlSpec:
    """What a control declares about itself. `cites` are resolved to Citations by the loader.

    `requirement` and `proposed` are the 0.1 spellings of `basis`: recorded only so that the
    loader can say how to rewrite a pack that still uses them.
    """

    id: str
    title: str
    domain: str
    cites: tuple[str | Citation, ...]
    basis: str | None
    severity: str
    risk: str
    rationale: str
    remediation: str
    partial_credit: str | None = None
    tailorable: str | None = None
    weight: float | None = None
    profiles: tuple[str, ...] = DEFAULT_PROFILES
    requirement: str | None = None
    proposed: bool | None = None


def control(
    *,
    id: str,
    title: str,
    domain: Domain,
    cites: Iterable[str | Citation],
    severity: Severity,
    rationale: str,
    remediation: str,
    basis: Basis | None = None,
    risk: str = "",
    partial_credit: str | None = None,
    tailorable: str | None = None,
    weight: float | None = None,
    profiles: Iterable[str] = DEFAULT_PROFILES,
    requirement: str | None = None,
    proposed: bool | None = None,
) -> Callable[[F], F]:
    """Declare a control. Checks of the values happen when the pack loads, naming the file.

    - `basis`: the legal basis, declared here and never inferred from a citation: `required`
      (the rule itself demands exactly what the control checks), `addressable` (164.306(d)(3)),
      `benchmark` (a best practice or guidance number: never worded as a HIPAA requirement),
      `proposed` (the 2025 NPRM: readiness only, scored apart) or `other_law` (DEA, state
      law: scored apart, never in the HIPAA score).
    - `severity` is the risk of the gap for a telehealth organization and `risk` says why;
      together with the basis it sets the weight (`phi_policy.engine.scoring.weight_of`). `weight`
      overrides it for a pack author who must, within the checked limits.
    - `partial_credit` is the rule by which the control gives partial credit; a control that
      declares none may only pass or fail (a partial outcome from it is an error).
    - `tailorable` names the benchmark number that a `tailored` decision may set (read it with
      `ctx.limit(default, instance)`); only benchmarks have one.
    """

    spec = ControlSpec(
        id=id,
        title=title,
        domain=domain,
        cites=tuple(cites),
        basis=basis,
        severity=severity,
        risk=risk,
        rationale=rationale,
        remediation=remediation,
        partial_credit=partial_credit,
        tailorable=tailorable,
        weight=weight,
        profiles=tuple(profiles),
        requirement=requirement,
        proposed=proposed,
    )

    def record(fn: F) -> F:
        setattr(fn, ATTRIBUTE, spec)
        return fn

    return record

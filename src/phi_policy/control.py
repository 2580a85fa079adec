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

This module is the one import a control needs: the decorator, the outcome helpers (`passed`,
`failed`, `partial`, `not_applicable`, `by_fraction`, and `flag` and `cadence_outcome` built on
them), and, re-exported from `phi_policy.catalog.kit`, the helpers that read the config
(`get`, `where`, `is_on`, `items`...), handle dates and cadences, and word messages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

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
    "mfa_enforced",
    "key_path",
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

#: One in-scope instance a control checked: (JSON pointer, name, problem or None if it holds).
Checked = tuple[str, str, str | None]


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


def failed(
    message: str, paths: Iterable[str] | str = (), *, instances: Iterable[str] = ()
) -> Outcome:
    """The control does not hold; `instances` names each in-scope item that fails."""
    return Outcome("fail", message, 0.0, _paths(paths), instances=tuple(instances))


def partial(
    credit: float,
    message: str,
    paths: Iterable[str] | str = (),
    *,
    turns_on: dt.date | None = None,
    turns_why: str | None = None,
    instances: Iterable[str] = (),
) -> Outcome:
    """Part of a graded measure holds; `credit` (strictly between 0 and 1) is the part.

    Only for a control that declares its `partial_credit` rule: a list of instances is never
    graded (one failing vendor fails the control; use `each`).
    """
    if not 0.0 < credit < 1.0:
        raise ValueError(f"partial credit must be strictly between 0 and 1, not {credit!r}")
    return Outcome(
        "partial", message, round(credit, 4), _paths(paths), turns_on, turns_why,
        tuple(instances),
    )


def not_applicable(message: str, paths: Iterable[str] | str = ()) -> Outcome:
    """The part of the setup this control is about is absent (no BYOD, no video platform)."""
    return Outcome("not_applicable", message, None, _paths(paths))


def applies(config: Config, pointer: str, no: str) -> Outcome | None:
    """None when the applicability key at `pointer` is true and the control applies; else
    not_applicable: with `no` when it is false, and "not declared" with the key's hint when it
    is absent, since an absent applicability key is neither a pass nor a fail (the report
    lists it under "to declare", phi_policy.config.declarations)."""
    from phi_policy.config import declarations

    value = declarations.value_at(config, pointer)
    if value is True:
        return None
    if declarations.absent(value):
        item = declarations.declaration(pointer)
        return not_applicable(
            f"not declared: {item.question} ({item.hint})", where(config, pointer)
        )
    return not_applicable(no, pointer)


def each(
    checked: Iterable[Checked],
    *,
    what: str,
    none: Outcome,
    ok: str | None = None,
) -> Outcome:
    """Every in-scope instance must hold: one failing instance fails the control.

    `checked` holds (pointer, name, problem) for each in-scope instance, `problem` None when it
    holds. The failure names every failing instance and its problem and points at each one;
    `none` is returned when nothing is in scope (usually `not_applicable`). `what` names the
    instances in plural ("ePHI platforms"); `ok` replaces the default pass message.
    """
    rows = list(checked)
    if not rows:
        return none
    bad = [(pointer, name, problem) for pointer, name, problem in rows if problem]
    if not bad:
        names = join(name for _, name, _ in rows)
        return passed(ok or f"{len(rows)} {what} checked, all hold: {names}",
                      [pointer for pointer, _, _ in rows])
    detail = "; ".join(f"{name}: {problem}" for _, name, problem in bad)
    return failed(
        f"{len(bad)} of {len(rows)} {what} fail: {detail}",
        unique(pointer for pointer, _, _ in bad),
        instances=unique(name for _, name, _ in bad),
    )


def with_note(outcome: Outcome, note: str) -> Outcome:
    """`outcome` with `note` appended to its message when it fails or is partial.

    For a benchmark that words its finding with a shared helper (`cadence_outcome`, `each`):
    the note says what the number is and that HIPAA sets none, so the finding never reads as a
    legal requirement; a pass needs no such note.
    """
    if outcome.status not in ("fail", "partial"):
        return outcome
    return dataclasses.replace(outcome, message=f"{outcome.message}; {note}")


def by_fraction(
    met: int,
    total: int,
    message: str,
    paths: Iterable[str] | str = (),
) -> Outcome:
    """pass when all of `total` items are met, fail when none, partial in between.

    For graded measures only (a share of topics covered, of staff trained), by a control that
    declares this as its `partial_credit` rule; never for a list of instances (use `each`).
    """
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


def all_in_place(
    config: Config, checks: Iterable[tuple[str, str]], good: str, bad: str
) -> Outcome:
    """pass with `good` when every (label, boolean pointer) is true; else fail naming each gap.

    For a group of distinct legal duties: each is demanded on its own, so one missing fails the
    control (no credit by count). The failure is `bad` followed by the labels, an absent key's
    saying "not declared" and naming the key to set (`shortfalls`).
    """
    checks = list(checks)
    missing = shortfalls(config, checks)
    if not missing:
        return passed(good, [pointer for _, pointer in checks])
    return failed(bad + join(label for label, _ in missing), unique(at for _, at in missing))


def at_most(
    config: Config,
    pointer: str,
    limit: float,
    *,
    half_credit_up_to: float | None,
    missing: str,
    within: Callable[[Any], str],
    over: Callable[[Any], str],
) -> Outcome:
    """A number that must stay at or under `limit` (minutes, days, hours).

    pass at or under `limit`; with `half_credit_up_to`, half credit up to it (the control's
    declared `partial_credit` rule: a setting somewhat over a benchmark still protects more
    than none); fail beyond it, or with `missing` when the key is absent (pointing at where it
    should be added). `within` and `over` make the message from the value. A benchmark passes
    `ctx.limit(default)` as `limit`, so that a tailored decision moves it.
    """
    value = get(config, pointer)
    if value is None:
        return failed(missing, where(config, pointer))
    if value <= limit:
        return passed(within(value), pointer)
    if half_credit_up_to is not None and value <= max(half_credit_up_to, limit):
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

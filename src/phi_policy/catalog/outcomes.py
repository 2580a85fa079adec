"""The outcome helpers of the control API: what a control returns, and checks built on them.

The common shapes of a check (each instance, a fraction, a flag, a cadence) are built on the
four outcomes.

Control authors import them from `phi_policy.control`, which re-exports this module; they
live apart from the decorator so that each module has one job.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from phi_policy.catalog.kit import (
    Config,
    cadence,
    describe_cadence,
    get,
    is_on,
    join,
    shortfalls,
    unique,
    where,
)
from phi_policy.model import Context, Outcome

#: One in-scope instance a control checked: (JSON pointer, name, problem or None if it holds).
Checked = tuple[str, str, str | None]


def paths_of(paths: Iterable[str] | str) -> tuple[str, ...]:
    return (paths,) if isinstance(paths, str) else tuple(paths)


def passed(
    message: str,
    paths: Iterable[str] | str = (),
    *,
    turns_on: dt.date | None = None,
    turns_why: str | None = None,
) -> Outcome:
    """The control holds. `turns_on` says when it will stop holding by itself (an expiry)."""
    return Outcome("pass", message, 1.0, paths_of(paths), turns_on, turns_why)


def failed(
    message: str, paths: Iterable[str] | str = (), *, instances: Iterable[str] = ()
) -> Outcome:
    """The control does not hold; `instances` names each in-scope item that fails."""
    return Outcome("fail", message, 0.0, paths_of(paths), instances=tuple(instances))


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
        "partial", message, round(credit, 4), paths_of(paths), turns_on, turns_why,
        tuple(instances),
    )


def not_applicable(message: str, paths: Iterable[str] | str = ()) -> Outcome:
    """The part of the setup this control is about is absent (no BYOD, no video platform)."""
    return Outcome("not_applicable", message, None, paths_of(paths))


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

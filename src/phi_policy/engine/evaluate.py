"""Evaluate: run the controls of a profile over a validated config and build the Assessment.

Pure: the result depends only on the config, the controls, `as_of`, the profile and the
options, so a past result can be recomputed exactly (history, evidence verification).
A control that raises becomes an `error` outcome carrying the exception; the run goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from phi_policy.catalog.packs import Control
from phi_policy.config import decisions as decided
from phi_policy.config.declarations import to_declare
from phi_policy.engine import flexibility, scoring
from phi_policy.model import (
    Assessment,
    Context,
    Located,
    Outcome,
    Result,
    ToDeclare,
    Upcoming,
)

DEFAULT_HORIZON_DAYS = 30


class DateWatch(Context):
    """A Context that notes whether the control it is given to reads `as_of`.

    A control that never reads the date gives the same outcome for the same config at any
    date, so judging a config again at another date (history: a version that several commits
    share) reruns only the controls that read it.
    """

    date_read: bool

    def __getattribute__(self, name: str) -> Any:
        if name == "as_of":
            object.__setattr__(self, "date_read", True)
        return object.__getattribute__(self, name)


def _watched(ctx: Context) -> DateWatch:
    watch = DateWatch(ctx.as_of, ctx.profile, ctx.limits)
    object.__setattr__(watch, "date_read", False)
    return watch


def run_control(control: Control, config: Mapping[str, Any], ctx: Context) -> Outcome:
    """The control's outcome, or an `error` outcome if it raised or returned something else."""
    try:
        outcome = control.check(config, ctx)
    except Exception as error:  # a broken control must not stop the others
        return Outcome("error", f"control raised {type(error).__name__}: {error}", 0.0)
    if not isinstance(outcome, Outcome):
        return Outcome("error", f"control returned {type(outcome).__name__}, not an Outcome", 0.0)
    if outcome.status == "partial" and not control.partial_credit:
        return Outcome(
            "error",
            f"control gave partial credit ({outcome.message}) but declares no partial_credit "
            "rule; a control over instances fails when one fails",
            0.0,
            outcome.paths,
        )
    return outcome


def evaluate(
    document: Located,
    controls: Sequence[Control],
    ctx: Context,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    known: dict[str, Outcome] | None = None,
) -> Assessment:
    """Score `document` with `controls` (already chosen for ctx.profile).

    `known`, when given, is a memo for this document and profile across dates: a control's
    raw outcome is stored there when the control did not read the date, and taken from there
    instead of running the control again at the next date. Decisions (which fall due for
    review), scores and recommendations are always computed for `ctx.as_of`. Decisions count
    the same under every profile: the proposed rule never changes the current-rule score.
    """
    config = document.data
    decisions = decided.by_control(decided.read_decisions(config))
    results = []
    for control in controls:
        mine = decisions.get(control.id, ())
        raw = _raw(control, config, ctx, known)
        tailored_ctx = decided.tailored_context(ctx, mine) if mine else None
        tailored = run_control(control, config, tailored_ctx) if tailored_ctx else None
        outcome, decision = decided.apply(raw, tailored, mine, ctx.as_of) if mine else (raw, None)
        outcome = flexibility.noted(outcome, control, config)
        raw = flexibility.noted(raw, control, config)
        locations = tuple(dict.fromkeys(document.location(p) for p in outcome.paths))
        results.append(
            Result(
                control_id=control.id,
                title=control.title,
                domain=control.domain,
                severity=control.severity,
                basis=control.basis,
                weight=control.weight,
                citations=control.citations,
                remediation=control.remediation,
                outcome=outcome,
                raw_outcome=raw,
                decision=decision,
                locations=locations,
            )
        )
    undeclared = to_declare(config, {c.id for c in controls})
    return assemble(document.path, ctx.as_of, ctx.profile, results, horizon_days, undeclared)


def assemble(
    source: str,
    as_of: dt.date,
    profile: str,
    results: Sequence[Result],
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    undeclared: tuple[ToDeclare, ...] = (),
) -> Assessment:
    """The Assessment of scored results: scores, capped band, action plan, upcoming, and the
    applicability keys still to declare."""
    results = sorted(results, key=lambda r: r.control_id)
    scores = scoring.score(results)
    score_band = scoring.band(scores.score)
    band, reasons = scoring.capped_band(score_band, results)
    ctx = Context(as_of, profile)
    return Assessment(
        source=source,
        as_of=ctx.as_of,
        profile=ctx.profile,
        score=scores.score,
        raw_score=scores.raw_score,
        band=band,
        raw_band=scoring.band(scores.raw_score),
        score_band=score_band,
        cap_reasons=reasons,
        domains=scores.domains,
        results=tuple(results),
        recommendations=scoring.recommendations(results, ctx.as_of),
        upcoming=upcoming(results, ctx.as_of, horizon_days, scores.total_weight),
        readiness=scores.readiness,
        readiness_gaps=scoring.recommendations(results, ctx.as_of, pool="proposed"),
        other_law_score=scores.other_law,
        other_law_gaps=scoring.recommendations(results, ctx.as_of, pool="other_law"),
        ledger=scores.ledger,
        horizon_days=horizon_days,
        to_declare=undeclared,
    )


def _raw(
    control: Control, config: Mapping[str, Any], ctx: Context, known: dict[str, Outcome] | None
) -> Outcome:
    """The control's outcome as specified, from the memo when it does not depend on the date."""
    if known is None:
        return run_control(control, config, ctx)
    if control.id in known:
        return known[control.id]
    watch = _watched(ctx)
    raw = run_control(control, config, watch)
    if not watch.date_read:
        known[control.id] = raw
    return raw


def upcoming(
    results: Sequence[Result], as_of: dt.date, horizon_days: int, total_weight: float
) -> tuple[Upcoming, ...]:
    """What turns by itself within the horizon (an expiry, a review falling due), soonest first."""
    items = []
    for r in results:
        on = r.outcome.turns_on
        if on is None or r.outcome.status == "not_applicable":
            continue
        days = (on - as_of).days
        if not 0 <= days <= horizon_days:
            continue
        what = r.outcome.turns_why or f"{r.title} turns"
        when = "today" if days == 0 else f"in {days} day{'s' if days != 1 else ''}"
        cite = r.citations[0].section if r.citations else ""
        points = 0.0
        if total_weight and r.scored:
            points = 100.0 * r.weight * scoring.credit(r.outcome) / total_weight
        items.append(
            Upcoming(
                control_id=r.control_id,
                on=on,
                in_days=days,
                message=f"{what} {when} ({on.isoformat()}; {r.control_id} {cite})".replace(
                    " )", ")"
                ),
                points=points,
            )
        )
    items.sort(key=lambda u: (u.on, -u.points, u.control_id))
    return tuple(items)

"""Gates: the conditions under which a run exits 1, for `check`, a fleet and `diff`.

Pure functions of what was found (an assessment, a fleet's mean, a Delta), side by side so
that the gates of every command word a failure the same way and round as the reports do.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from phi_policy.engine import rounding
from phi_policy.model import SEVERITY_RANK, Assessment

if TYPE_CHECKING:  # a check never builds the diff's classes
    from phi_policy.model.delta import Delta, GateSettings

#: Bands from worst to best, for --fail-on-band-change.
BAND_RANK: dict[str, int] = {"red": 0, "yellow": 1, "green": 2}


def failing_gates(
    assessment: Assessment,
    *,
    fail_under: float | None = None,
    fail_on: str | None = None,
) -> list[str]:
    """One message per gate that fails; empty when every gate asked for holds.

    `fail_under`: the risk-accepted score is below it (a config with nothing applicable has no
    score, which fails the gate: nothing was shown to hold). `fail_on`: a current-rule control
    of that severity or higher fails or could not decide (error).
    """
    failures = []
    if fail_under is not None:
        score = assessment.score
        if score is None:
            failures.append(
                f"no applicable controls, so no score to compare with --fail-under {fail_under:g}"
            )
        elif round(score, 2) < fail_under:
            failures.append(f"score {score:.1f} is under --fail-under {fail_under:g}")
    if fail_on is not None:
        floor = SEVERITY_RANK[fail_on]
        bad = [
            r
            for r in assessment.results
            if not r.proposed
            and SEVERITY_RANK[r.severity] >= floor
            and r.outcome.status in ("fail", "error")
        ]
        if bad:
            names = ", ".join(f"{r.control_id} ({r.severity})" for r in bad[:8])
            more = f" and {len(bad) - 8} more" if len(bad) > 8 else ""
            failures.append(
                f"{len(bad)} control(s) at or above --fail-on {fail_on} fail: {names}{more}"
            )
    return failures


def mean_gate(score: float | None, floor: float, what: str = "") -> list[str]:
    """--fail-under-mean: the fleet's mean score (two decimals) is below the floor. `what`
    names the mean in the message ("fleet mean "); a single config's mean is its score."""
    if score is None:
        return [f"no config has a score, so no {what or 'mean '}to compare with "
                f"--fail-under-mean {floor:g}"]
    if round(score, 2) < floor:
        return [f"{what}score {score:.2f} is under --fail-under-mean {floor:g}"]
    return []


def gate_failures(delta: Delta, settings: GateSettings) -> tuple[str, ...]:
    """One message per gate of `phi-policy diff` that fails; empty when every gate holds.

    --max-drop: the risk-accepted score, both rounded to 2 decimals, fell by more than the
    allowed points (a head with no score fails when the base had one). --fail-on-regression:
    a control at or above that severity passed at base and does not at head, even if the score
    rose. --fail-on-band-change: the band dropped (green to yellow, yellow to red).
    --fail-on-self-approved: a decision the head adds or changes is approved by a person who
    wrote it (phi_policy.audit.attribution).
    """
    failures = []
    base, head = delta.base.score, delta.head.score
    if settings.max_drop is not None and base is not None:
        if head is None:
            failures.append(
                f"the head has no applicable controls, so no score to compare with the "
                f"base's {base:.2f}"
            )
        else:
            # base - head, both as shown: the drop a reader computes from the two scores.
            drop = rounding.change(head, base)
            assert drop is not None
            if drop > settings.max_drop:
                failures.append(
                    f"the score dropped {drop:.2f} points, from {base:.2f} to "
                    f"{head:.2f} (--max-drop {settings.max_drop:g})"
                )
    if settings.fail_on_regression is not None:
        floor = SEVERITY_RANK[settings.fail_on_regression]
        bad = [c for c in delta.changes if c.newly_failing and SEVERITY_RANK[c.severity] >= floor]
        if bad:
            names = ", ".join(f"{c.control_id} ({c.severity}, {c.head_status})" for c in bad)
            failures.append(
                f"{len(bad)} control{'s' if len(bad) != 1 else ''} at or above "
                f"{settings.fail_on_regression} severity passed at base and "
                f"{'do' if len(bad) != 1 else 'does'} not at head: {names} "
                f"(--fail-on-regression {settings.fail_on_regression})"
            )
    if settings.fail_on_band_change and delta.base.band is not None:
        head_band = delta.head.band
        if head_band is None or BAND_RANK[head_band] < BAND_RANK[delta.base.band]:
            failures.append(
                f"the band dropped from {delta.base.band} to {head_band or 'no score'} "
                "(--fail-on-band-change)"
            )
    if settings.fail_on_self_approved:
        mine = [w for w in delta.decisions if w.self_approved]
        if mine:
            names = ", ".join(f"{w.control} (approved by {w.decision.approved_by}, written by "
                              f"{w.author})" for w in mine)
            failures.append(
                f"{len(mine)} decision{'s' if len(mine) != 1 else ''} approved by "
                f"{'their' if len(mine) != 1 else 'its'} own author: {names} "
                "(--fail-on-self-approved)"
            )
    return tuple(failures)


def gated(delta: Delta, settings: GateSettings) -> Delta:
    """The delta with its gate settings and failures recorded, for the reports."""
    return replace(delta, gate=settings, failures=gate_failures(delta, settings))

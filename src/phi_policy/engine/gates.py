"""Gates: the conditions under which a run exits 1. Pure functions of an assessment."""

from __future__ import annotations

from phi_policy.model import SEVERITY_RANK, Assessment


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
            failures.append(f"no applicable controls, so no score to compare with --fail-under {fail_under:g}")
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
            failures.append(f"{len(bad)} control(s) at or above --fail-on {fail_on} fail: {names}{more}")
    return failures

"""Scoring: one pure function from scored results to numbers, bands and recommendations.

Weights follow risk. A control's weight is its severity's weight times its basis factor:

    severity   critical 10, high 5, medium 2, low 1      (a steep scale: one critical gap
                                                           outweighs several small ones)
    basis      required and addressable 1, benchmark 0.5 (a legal requirement never weighs less
                                                           than a benchmark of the same severity)

For the controls C that count in the HIPAA score (basis required, addressable or benchmark;
status not `not_applicable`), with weight w and credit s (pass 1, fail 0, partial between,
error 0 because a control that could not decide must not raise the score):

    score = 100 * sum(w * s) / sum(w)          (a domain's score: the same over its controls)

A valid documented decision makes a control pass (credit 1); `raw_score` is the same formula
with no decision honoured (the setup as specified). Band by score: below 60 red, 60 to below
80 yellow, 80 and above green. The band shown is the lower of that and the cap from open
findings: a failing, partial or erroring critical control caps it at red, a failing or
erroring high control at yellow; the reasons are kept so that a report can say why.

A non-passing control's gain, the points the score would rise if it passed, is
100 * w * (1 - s) / sum(w); the gains are also the ledger, so the points lost add up to exactly
100 - score. Readiness (proposed-rule controls) and the other-law score (DEA, state law) are
the same formula over their own controls, kept apart so that neither moves the HIPAA score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from phi_policy.model import (
    BASIS_RANK,
    DOMAINS,
    PRIORITY_BY_SEVERITY,
    SEVERITY_RANK,
    Band,
    CapReason,
    DomainScore,
    Outcome,
    Recommendation,
    Result,
)

RED_BELOW = 60.0
GREEN_FROM = 80.0
UNCOUNTED = frozenset({"not_applicable"})
SEVERITY_WEIGHTS: dict[str, float] = {"critical": 10.0, "high": 5.0, "medium": 2.0, "low": 1.0}
BASIS_FACTORS: dict[str, float] = {
    "required": 1.0,
    "addressable": 1.0,
    "benchmark": 0.5,
    "proposed": 1.0,
    "other_law": 1.0,
}
BAND_ORDER: dict[str, int] = {"red": 0, "yellow": 1, "green": 2}


def weight_of(severity: str, basis: str) -> float:
    """The weight a control of this severity and basis carries (see the module docstring)."""
    return SEVERITY_WEIGHTS[severity] * BASIS_FACTORS[basis]


def band(score: float | None) -> Band | None:
    """red below 60, yellow 60 to below 80, green from 80; None when nothing was scored."""
    if score is None:
        return None
    if score < RED_BELOW:
        return "red"
    if score < GREEN_FROM:
        return "yellow"
    return "green"


def credit(outcome: Outcome) -> float:
    """The credit an applicable outcome earns: error counts as 0."""
    if outcome.status == "error" or outcome.credit is None:
        return 0.0
    return outcome.credit


def counts(outcome: Outcome) -> bool:
    return outcome.status not in UNCOUNTED


def weighted_score(pairs: Iterable[tuple[float, Outcome]]) -> float | None:
    """100 * sum(w * s) / sum(w) over the outcomes that count; None if none count."""
    total = earned = 0.0
    for weight, outcome in pairs:
        if counts(outcome):
            total += weight
            earned += weight * credit(outcome)
    if total == 0:
        return None
    return 100.0 * earned / total


def cap_reason(result: Result) -> CapReason | None:
    """Why this result holds the band down, if it does: critical fail/partial/error -> red,
    high fail/error -> yellow. Only controls in the HIPAA score cap the band."""
    status = result.outcome.status
    if not result.scored:
        return None
    if result.severity == "critical" and status in ("fail", "partial", "error"):
        cap: Band = "red"
    elif result.severity == "high" and status in ("fail", "error"):
        cap = "yellow"
    else:
        return None
    return CapReason(result.control_id, result.severity, status, cap, result.outcome.instances)


def capped_band(
    by_score: Band | None, results: Sequence[Result]
) -> tuple[Band | None, tuple[CapReason, ...]]:
    """The band shown: the lower of the band by score and every open finding's cap.

    The reasons returned are the findings that set the final band (those at the lowest cap),
    and only when that cap is below the band by score.
    """
    if by_score is None:
        return None, ()
    reasons = [r for r in (cap_reason(x) for x in results) if r is not None]
    if not reasons:
        return by_score, ()
    lowest = min(reasons, key=lambda r: BAND_ORDER[r.cap]).cap
    if BAND_ORDER[lowest] >= BAND_ORDER[by_score]:
        return by_score, ()
    severity_first = sorted(
        (r for r in reasons if r.cap == lowest),
        key=lambda r: (-SEVERITY_RANK[r.severity], r.control_id),
    )
    return lowest, tuple(severity_first)


@dataclass(frozen=True)
class Scores:
    score: float | None
    raw_score: float | None
    readiness: float | None
    other_law: float | None
    domains: tuple[DomainScore, ...]
    ledger: tuple[tuple[str, float], ...]
    total_weight: float


def score(results: Sequence[Result]) -> Scores:
    """Every number in a report, from the results alone."""
    current = [r for r in results if r.scored]
    domains = []
    for domain in DOMAINS:
        mine = [r for r in current if r.domain == domain]
        domains.append(
            DomainScore(
                domain=domain,
                score=weighted_score((r.weight, r.outcome) for r in mine),
                raw_score=weighted_score((r.weight, r.raw_outcome) for r in mine),
                weight=sum(r.weight for r in mine if counts(r.outcome)),
                controls=len(mine),
            )
        )
    total = sum(r.weight for r in current if counts(r.outcome))
    ledger = tuple(
        (r.control_id, 100.0 * r.weight * (1.0 - credit(r.outcome)) / total)
        for r in current
        if total and counts(r.outcome) and credit(r.outcome) < 1.0
    )
    return Scores(
        score=weighted_score((r.weight, r.outcome) for r in current),
        raw_score=weighted_score((r.weight, r.raw_outcome) for r in current),
        readiness=weighted_score((r.weight, r.outcome) for r in results if r.basis == "proposed"),
        other_law=weighted_score((r.weight, r.outcome) for r in results if r.basis == "other_law"),
        domains=tuple(domains),
        ledger=ledger,
        total_weight=total,
    )


def recommendations(
    results: Sequence[Result], as_of: dt.date, *, pool: str = "hipaa"
) -> tuple[Recommendation, ...]:
    """Non-passing controls ranked by risk: severity, then legal basis, then gain, then how
    soon they fall due. `priority` (when to act) follows the severity.

    `pool` is "hipaa" (the scored controls), "proposed" (readiness gaps, gains relative to
    readiness) or "other_law" (gains relative to the other-law score).
    """
    if pool == "hipaa":
        chosen = [r for r in results if r.scored]
    else:
        chosen = [r for r in results if r.basis == pool]
    total = sum(r.weight for r in chosen if counts(r.outcome))
    recs = []
    for r in chosen:
        if not counts(r.outcome) or credit(r.outcome) >= 1.0 or not total:
            continue
        gain = 100.0 * r.weight * (1.0 - credit(r.outcome)) / total
        due = r.outcome.turns_on
        recs.append(
            Recommendation(
                control_id=r.control_id,
                title=r.title,
                gain=gain,
                priority=PRIORITY_BY_SEVERITY[r.severity],
                severity=r.severity,
                basis=r.basis,
                remediation=r.remediation,
                citations=r.citations,
                locations=r.locations,
                due_in_days=(due - as_of).days if due else None,
                instances=r.outcome.instances,
            )
        )
    recs.sort(
        key=lambda x: (
            -SEVERITY_RANK[x.severity],
            -BASIS_RANK[x.basis],
            -round(x.gain, 9),
            x.due_in_days if x.due_in_days is not None else 10**6,
            x.control_id,
        )
    )
    return tuple(recs)

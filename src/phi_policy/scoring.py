"""Scoring: one pure function from scored results to numbers, bands and recommendations.

For the applicable controls C (status not `not_applicable`, not validly `waived`, and not a
proposed-rule readiness check), with weight w and credit s (pass 1, fail 0, partial between,
error 0 because a control that could not decide must not raise the score):

    score = 100 * sum(w * s) / sum(w)          (a domain's score: the same over its controls)

Bands: below 60 red, 60 to below 80 yellow, 80 and above green. A non-passing control's gain,
the points the overall score would rise if it passed, is 100 * w * (1 - s) / sum(w); the gains
are also the ledger, so the points lost add up to exactly 100 - score. The raw score is the
same formula with every waiver ignored. Readiness is the same formula over proposed-rule
controls, kept apart so a proposed rule never counts as a violation of the current one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from phi_policy.model import (
    DOMAINS,
    SEVERITY_RANK,
    Band,
    DomainScore,
    Outcome,
    Recommendation,
    Result,
)

RED_BELOW = 60.0
GREEN_FROM = 80.0
UNCOUNTED = frozenset({"not_applicable", "waived"})


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


@dataclass(frozen=True)
class Scores:
    score: float | None
    raw_score: float | None
    readiness: float | None
    domains: tuple[DomainScore, ...]
    ledger: tuple[tuple[str, float], ...]
    total_weight: float


def score(results: Sequence[Result]) -> Scores:
    """Every number in a report, from the results alone."""
    current = [r for r in results if not r.proposed]
    proposed = [r for r in results if r.proposed]
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
        readiness=weighted_score((r.weight, r.outcome) for r in proposed),
        domains=tuple(domains),
        ledger=ledger,
        total_weight=total,
    )


def priority(gain: float, severity: str) -> str:
    """high for critical controls or big gains; medium for high severity or fair gains."""
    if severity == "critical" or gain >= 4.0:
        return "high"
    if severity == "high" or gain >= 2.0:
        return "medium"
    return "low"


def recommendations(
    results: Sequence[Result], as_of: dt.date, *, proposed: bool = False
) -> tuple[Recommendation, ...]:
    """Non-passing controls ranked by gain, then severity, then how soon they fall due.

    With `proposed=True`, the same over the readiness checks, gains relative to readiness.
    """
    pool = [r for r in results if r.proposed == proposed]
    total = sum(r.weight for r in pool if counts(r.outcome))
    recs = []
    for r in pool:
        if not counts(r.outcome) or credit(r.outcome) >= 1.0 or not total:
            continue
        gain = 100.0 * r.weight * (1.0 - credit(r.outcome)) / total
        due = r.outcome.turns_on
        recs.append(
            Recommendation(
                control_id=r.control_id,
                title=r.title,
                gain=gain,
                priority=priority(gain, r.severity),  # type: ignore[arg-type]
                severity=r.severity,
                remediation=r.remediation,
                citations=r.citations,
                locations=r.locations,
                due_in_days=(due - as_of).days if due else None,
            )
        )
    recs.sort(
        key=lambda x: (
            -round(x.gain, 9),
            -SEVERITY_RANK[x.severity],
            x.due_in_days if x.due_in_days is not None else 10**6,
            x.control_id,
        )
    )
    return tuple(recs)

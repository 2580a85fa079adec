"""The words of the model: domains, severities, legal bases, statuses, priorities, bands.

Each is a Literal type and a tuple of its values in display order, so that a typo in a
control's metadata is a type error and every report lists them in the same order.
"""

from __future__ import annotations

from typing import Literal

Domain = Literal["governance", "technical", "administrative", "physical", "privacy"]
DOMAINS: tuple[Domain, ...] = ("governance", "technical", "administrative", "physical", "privacy")
DOMAIN_TITLES: dict[str, str] = {
    "governance": "Organizational governance",
    "technical": "Technical safeguards",
    "administrative": "Administrative safeguards",
    "physical": "Physical safeguards",
    "privacy": "Privacy policies",
}

Severity = Literal["critical", "high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low")
SEVERITY_RANK: dict[str, int] = {"critical": 4, "high": 3, "medium": 2, "low": 1}

Requirement = Literal["required", "addressable"]

#: The legal basis of a control, declared where the control is (never inherited from a
#: citation): what the law itself demands, what it lets an entity address another way, what
#: only a benchmark or guidance asks, what a proposed rule would demand, and what another law
#: (DEA, state) demands. Only the first three count in the HIPAA score.
Basis = Literal["required", "addressable", "benchmark", "proposed", "other_law"]
BASES: tuple[Basis, ...] = ("required", "addressable", "benchmark", "proposed", "other_law")
#: Bases whose controls make up the HIPAA score (the rule in force and the benchmarks that
#: measure how well it is met); `proposed` is readiness and `other_law` is scored apart.
HIPAA_BASES: frozenset[str] = frozenset({"required", "addressable", "benchmark"})
#: How strongly the law stands behind a gap, for ranking fixes of equal severity.
BASIS_RANK: dict[str, int] = {
    "required": 3, "addressable": 2, "other_law": 2, "benchmark": 1, "proposed": 0
}
BASIS_WORDS: dict[str, str] = {
    "required": "required by HIPAA",
    "addressable": "addressable HIPAA specification (164.306(d)(3))",
    "benchmark": "benchmark, not a HIPAA requirement",
    "proposed": "proposed rule, not in force",
    "other_law": "other law, not HIPAA",
}

Status = Literal["pass", "partial", "fail", "not_applicable", "error"]
STATUSES: tuple[Status, ...] = ("pass", "partial", "fail", "not_applicable", "error")

#: When to act on a fix, which follows the gap's severity: a critical gap now, a high one
#: within 30 days, a medium one within 90, a low one at the next review.
Priority = Literal["now", "30-days", "90-days", "next-review"]
PRIORITIES: tuple[Priority, ...] = ("now", "30-days", "90-days", "next-review")
PRIORITY_BY_SEVERITY: dict[str, Priority] = {
    "critical": "now", "high": "30-days", "medium": "90-days", "low": "next-review"
}
PRIORITY_WORDS: dict[str, str] = {
    "now": "now",
    "30-days": "within 30 days",
    "90-days": "within 90 days",
    "next-review": "at the next review",
}
PRIORITY_DAYS: dict[str, int | None] = {"now": 0, "30-days": 30, "90-days": 90, "next-review": None}

Band = Literal["red", "yellow", "green"]

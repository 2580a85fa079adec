"""Cases for controls/substance_use_records.py (PART2-001..PART2-004): 42 CFR Part 2, other law."""

from __future__ import annotations

import datetime as dt

from tests.controls.harness import DELETE, Case

HOLDS = "/organization/holds_part2_records"
P2 = "/part2"
HOLDER = {
    HOLDS: True,
    P2: {
        "consent_form_updated": True,
        "patient_notice_updated": True,
        "breach_notification": True,
        "security_policies": True,
        "redisclosure_notice": True,
    },
}
BEFORE = dt.date(2026, 1, 15)

CASES = [
    Case("PART2-001", "no-records", "not_applicable"),
    Case("PART2-001", "undeclared", "not_applicable", {HOLDS: DELETE}, message="not declared"),
    Case("PART2-001", "consent-updated", "pass", HOLDER, paths=(f"{P2}/consent_form_updated",)),
    Case(
        "PART2-001", "consent-not-updated", "fail",
        {**HOLDER, f"{P2}/consent_form_updated": False},
        message="42 CFR Part 2 (not HIPAA)",
    ),
    Case(
        "PART2-001", "before-compliance-date", "pass",
        {**HOLDER, f"{P2}/consent_form_updated": False}, as_of=BEFORE,
        turns_on=dt.date(2026, 2, 16),
    ),
    Case("PART2-002", "notice-updated", "pass", HOLDER),
    Case(
        "PART2-002", "notice-not-declared", "fail",
        {**HOLDER, f"{P2}/patient_notice_updated": DELETE}, paths=(P2,), message="not declared",
    ),
    Case("PART2-003", "breach-covered", "pass", HOLDER),
    Case(
        "PART2-003", "breach-not-covered", "fail", {**HOLDER, f"{P2}/breach_notification": False},
        paths=(f"{P2}/breach_notification",),
    ),
    Case("PART2-004", "safeguards", "pass", HOLDER,
         paths=(f"{P2}/security_policies", f"{P2}/redisclosure_notice")),
    Case(
        "PART2-004", "no-redisclosure-notice", "fail",
        {**HOLDER, f"{P2}/redisclosure_notice": False}, message="2.32",
    ),
    Case(
        "PART2-004", "old-duty-before-the-date", "fail",
        {**HOLDER, f"{P2}/security_policies": DELETE}, as_of=BEFORE, message="not declared",
    ),
]

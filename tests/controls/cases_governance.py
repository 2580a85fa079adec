"""Pass, fail, partial, boundary and not-applicable cases for controls/governance.py."""

from __future__ import annotations

import datetime as dt

from tests.controls.harness import DELETE, Case

D = dt.date
BA0 = "/business_associates/0"

#: A second business associate handling ePHI whose BAA is still pending.
PENDING_BA = {
    "name": "Scribe Partners LLC",
    "services": ["medical scribing"],
    "handles_ephi": True,
    "conduit_only": False,
    "baa": {"status": "pending"},
}

#: A second business associate with a complete, signed BAA.
SIGNED_BA = {
    "name": "Northwind Cloud",
    "services": ["hosting"],
    "handles_ephi": True,
    "conduit_only": False,
    "baa": {
        "status": "signed",
        "signed": "2025-06-01",
        "expires": "2026-12-01",
        "last_reviewed": "2026-06-01",
        "breach_notification_days": 45,
        "subcontractors_covered": True,
    },
}

#: A business associate handling ePHI whose BAA expired before the assessment date (and whose
#: terms would fail every BAA-content control): it is not in force, so not "signed".
EXPIRED_BA = {
    "name": "Old Transcribe Co.",
    "services": ["transcription"],
    "handles_ephi": True,
    "conduit_only": False,
    "baa": {
        "status": "signed",
        "signed": "2023-07-01",
        "expires": "2026-06-30",
        "subcontractors_covered": False,
    },
}

CORE_POLICIES = [
    {"topic": topic, "title": topic.replace("_", " ").title(), "last_reviewed": "2026-05-01"}
    for topic in (
        "access_control",
        "incident_response",
        "contingency",
        "sanctions",
        "training",
        "risk_management",
        "business_associates",
        "device_and_media",
        "workstation_use",
    )
]

CASES = [
    # GOV-001 security official
    Case(
        "GOV-001",
        "named",
        "pass",
        paths=("/officials/security_official/name",),
        message="Dana Whitfield (CISO) is the named security official",
    ),
    Case(
        "GOV-001",
        "appointed-on-as-of",
        "pass",
        {"/officials/security_official/appointed": "2026-11-01"},
    ),
    Case(
        "GOV-001",
        "absent",
        "fail",
        {"/officials/security_official": DELETE},
        paths=("/officials",),
        message="no security official is named",
    ),
    Case(
        "GOV-001",
        "blank-name",
        "fail",
        {"/officials/security_official/name": "  "},
        paths=("/officials/security_official",),
        message="no security official is named",
    ),
    Case(
        "GOV-001",
        "appointed-in-future",
        "fail",
        {"/officials/security_official/appointed": "2026-11-02"},
        paths=("/officials/security_official/appointed",),
        message="appointed on 2026-11-02, after the assessment date 2026-11-01",
    ),
    # GOV-002 privacy official
    Case(
        "GOV-002",
        "named",
        "pass",
        paths=("/officials/privacy_official/name",),
        message="Marcus Chen (Privacy Officer) is the named privacy official",
    ),
    Case(
        "GOV-002",
        "hybrid-entity-still-needs-one",
        "fail",
        {"/organization/type": "hybrid_entity", "/officials/privacy_official": DELETE},
        message="no privacy official is named",
    ),
    Case(
        "GOV-002",
        "absent",
        "fail",
        {"/officials/privacy_official": DELETE},
        paths=("/officials",),
        message="no privacy official is named",
    ),
    Case(
        "GOV-002",
        "appointed-in-future",
        "fail",
        {"/officials/privacy_official/appointed": "2027-01-01"},
        paths=("/officials/privacy_official/appointed",),
        message="privacy official Marcus Chen is recorded as appointed on 2027-01-01",
    ),
    # Finding: 164.530(a) binds covered entities; the old control failed a BA without one.
    Case(
        "GOV-002",
        "business-associate-organization",
        "not_applicable",
        {"/organization/type": "business_associate", "/officials/privacy_official": DELETE},
        paths=("/organization/type",),
        message="164.530(a) requires a privacy official of covered entities only",
    ),
    # GOV-003 written policies
    Case(
        "GOV-003",
        "umbrella-policy",
        "pass",
        paths=("/policies/documents/0",),
        message="1 written policy, including the umbrella information security policy",
    ),
    Case("GOV-003", "all-core-topics", "pass", {"/policies/documents": CORE_POLICIES}),
    Case(
        "GOV-003",
        "no-documents",
        "fail",
        {"/policies/documents": []},
        paths=("/policies/documents",),
        message="no written policies are listed",
    ),
    Case(
        "GOV-003",
        "no-documents-key",
        "fail",
        {"/policies/documents": DELETE},
        paths=("/policies",),
    ),
    Case(
        "GOV-003",
        "three-of-nine-topics",
        "partial",
        {"/policies/documents": CORE_POLICIES[:3]},
        credit=0.3333,
        paths=("/policies/documents",),
        message="no written policy for sanctions, training, risk management",
    ),
    # GOV-004 policy review on the organization's own cycle (required)
    Case(
        "GOV-004",
        "reviewed",
        "pass",
        paths=("/policies/documents/0/last_reviewed",),
        turns_on=D(2027, 3, 15),
        message="the next review (Information Security Policy) is due before 2027-03-15",
    ),
    Case(
        "GOV-004",
        "reviewed-one-day-inside",
        "pass",
        {"/policies/documents/0/last_reviewed": "2025-11-02"},
        turns_on=D(2026, 11, 2),
    ),
    # The law asks for periodic review on the organization's own cycle, with no number: a
    # 24-month cycle kept passes here (the 12-month benchmark, GOV-018, fails it).
    Case(
        "GOV-004",
        "own-longer-cycle-kept",
        "pass",
        {
            "/policies/review_frequency_months": 24,
            "/policies/documents/0/last_reviewed": "2025-06-01",
        },
        turns_on=D(2027, 6, 1),
        message="reviewed within the 24-month cycle",
    ),
    Case(
        "GOV-004",
        "anniversary-is-overdue",
        "fail",
        {"/policies/documents/0/last_reviewed": "2025-11-01"},
        paths=("/policies/documents/0/last_reviewed",),
        message="Information Security Policy: last reviewed 2025-11-01, overdue since 2026-11-01",
    ),
    Case(
        "GOV-004",
        "shorter-own-cycle",
        "fail",
        {"/policies/review_frequency_months": 6},
        paths=("/policies/documents/0/last_reviewed",),
        message="overdue since 2026-09-15 (6-month cycle)",
    ),
    Case(
        "GOV-004",
        "review-in-future",
        "fail",
        {"/policies/documents/0/last_reviewed": "2026-12-01"},
        paths=("/policies/documents/0/last_reviewed",),
        message="last_reviewed 2026-12-01 is after 2026-11-01",
    ),
    # Every policy counts (the old control gave half credit for one of two).
    Case(
        "GOV-004",
        "one-of-two-never-reviewed",
        "fail",
        {"/policies/documents/-": {"topic": "byod", "title": "BYOD Policy"}},
        paths=("/policies/documents/1",),
        message="policies not reviewed within the organization's 12-month review cycle: 1 of 2 "
        "policies fail: BYOD Policy: never reviewed",
    ),
    Case(
        "GOV-004",
        "no-cycle-declared",
        "fail",
        {"/policies/review_frequency_months": DELETE},
        paths=("/policies",),
        message="no review cycle is declared",
    ),
    Case(
        "GOV-004",
        "no-documents",
        "not_applicable",
        {"/policies/documents": []},
    ),
    # GOV-018 policy review every 12 months (benchmark)
    Case(
        "GOV-018",
        "reviewed",
        "pass",
        paths=("/policies/documents/0/last_reviewed",),
        turns_on=D(2027, 3, 15),
        message="reviewed within the benchmark cycle",
    ),
    Case(
        "GOV-018",
        "own-longer-cycle-held-to-benchmark",
        "fail",
        {
            "/policies/review_frequency_months": 24,
            "/policies/documents/0/last_reviewed": "2025-06-01",
        },
        paths=("/policies/documents/0/last_reviewed",),
        message="overdue since 2026-06-01 (12-month cycle); benchmark: a review every 12 months; "
        "HIPAA says periodically, with no number",
    ),
    Case(
        "GOV-018",
        "one-of-two-overdue-named",
        "fail",
        {
            "/policies/documents/-": {
                "topic": "byod", "title": "BYOD Policy", "last_reviewed": "2025-01-10",
            }
        },
        paths=("/policies/documents/1/last_reviewed",),
        message="1 of 2 policies fail: BYOD Policy: last reviewed 2025-01-10",
    ),
    Case("GOV-018", "no-documents", "not_applicable", {"/policies/documents": []}),
    # GOV-005 retention
    Case(
        "GOV-005",
        "six-years",
        "pass",
        paths=("/policies/documentation/retention_years",),
        message="documentation is kept 6 years",
    ),
    Case("GOV-005", "seven-years", "pass", {"/policies/documentation/retention_years": 7}),
    Case(
        "GOV-005",
        "five-years",
        "fail",
        {"/policies/documentation/retention_years": 5},
        paths=("/policies/documentation/retention_years",),
        message="documentation is kept 5 years; HIPAA requires 6",
    ),
    Case(
        "GOV-005",
        "unset",
        "fail",
        {"/policies/documentation/retention_years": DELETE},
        paths=("/policies/documentation",),
        message="no documentation retention period is set",
    ),
    # GOV-006 availability
    Case(
        "GOV-006",
        "available",
        "pass",
        paths=("/policies/documentation/available_to_workforce",),
    ),
    Case(
        "GOV-006",
        "not-available",
        "fail",
        {"/policies/documentation/available_to_workforce": False},
        paths=("/policies/documentation/available_to_workforce",),
        message="not recorded as available to the workforce",
    ),
    Case(
        "GOV-006",
        "documentation-absent",
        "fail",
        {"/policies/documentation": DELETE},
        paths=("/policies",),
    ),
    # GOV-007 written (required)
    Case(
        "GOV-007",
        "written",
        "pass",
        paths=("/policies/documents",),
        message="1 written policy kept in writing",
    ),
    # Version tracking is a benchmark now (GOV-019): it no longer costs GOV-007 half its credit.
    Case("GOV-007", "not-versioned-still-written", "pass",
         {"/policies/documentation/version_controlled": False}),
    Case(
        "GOV-007",
        "no-documents",
        "fail",
        {"/policies/documents": []},
        paths=("/policies/documents",),
        message="no written policies are listed",
    ),
    # GOV-019 version tracking (benchmark)
    Case(
        "GOV-019",
        "versioned",
        "pass",
        paths=("/policies/documentation/version_controlled",),
        message="1 written policy, with changes tracked",
    ),
    Case(
        "GOV-019",
        "not-versioned",
        "fail",
        {"/policies/documentation/version_controlled": False},
        paths=("/policies/documentation/version_controlled",),
        message="changes to them are not tracked (version_controlled is not true); benchmark",
    ),
    Case("GOV-019", "no-documents", "not_applicable", {"/policies/documents": []}),
    # GOV-008 risk analysis performed (required, critical)
    Case(
        "GOV-008",
        "performed",
        "pass",
        paths=("/risk_analysis/last_performed",),
        message="a risk analysis was performed on 2026-04-10",
    ),
    # Finding: the age is a benchmark (GOV-020); the legal duty holds for an old analysis.
    Case(
        "GOV-008",
        "old-analysis-still-exists",
        "pass",
        {"/risk_analysis/last_performed": "2023-09-01"},
        message="a risk analysis was performed on 2023-09-01",
    ),
    Case(
        "GOV-008",
        "in-future",
        "fail",
        {"/risk_analysis/last_performed": "2027-01-01"},
        paths=("/risk_analysis/last_performed",),
        message="dated 2027-01-01, after the assessment date 2026-11-01",
    ),
    Case(
        "GOV-008",
        "never",
        "fail",
        {"/risk_analysis/last_performed": DELETE},
        paths=("/risk_analysis",),
        message="no risk analysis is on record",
    ),
    Case(
        "GOV-008",
        "no-section",
        "fail",
        {"/risk_analysis": DELETE},
        paths=("/risk_analysis",),
    ),
    # GOV-020 risk analysis age (benchmark)
    Case(
        "GOV-020",
        "current",
        "pass",
        paths=("/risk_analysis/last_performed",),
        turns_on=D(2027, 4, 10),
        message="the last risk analysis was on 2026-04-10; the next is due before 2027-04-10",
    ),
    Case(
        "GOV-020",
        "overdue",
        "fail",
        {"/risk_analysis/last_performed": "2025-10-01"},
        paths=("/risk_analysis/last_performed",),
        message="the last risk analysis was on 2025-10-01, overdue since 2026-10-01 (12-month "
        "cycle); benchmark: 12 months or the organization's shorter cycle; HIPAA sets no interval",
    ),
    Case(
        "GOV-020",
        "18-month-cycle-held-to-the-benchmark",
        "fail",
        {"/risk_analysis/last_performed": "2025-08-01", "/risk_analysis/frequency_months": 18},
        message="overdue since 2026-08-01",
    ),
    Case(
        "GOV-020",
        "18-month-cycle-under-a-tailored-decision",
        "pass",
        {"/risk_analysis/last_performed": "2025-08-01", "/risk_analysis/frequency_months": 18},
        limits=((None, 18),),
        turns_on=D(2027, 2, 1),
    ),
    Case(
        "GOV-020",
        "anniversary-on-as-of",
        "fail",
        {"/risk_analysis/last_performed": "2025-11-01"},
        message="overdue since 2026-11-01",
    ),
    Case(
        "GOV-020",
        "day-after-anniversary-is-current",
        "pass",
        {"/risk_analysis/last_performed": "2025-11-02"},
        turns_on=D(2026, 11, 2),
    ),
    Case(
        "GOV-020",
        "in-future",
        "fail",
        {"/risk_analysis/last_performed": "2027-01-01"},
        paths=("/risk_analysis/last_performed",),
    ),
    Case(
        "GOV-020",
        "long-cycle-held-to-12-months",
        "fail",
        {"/risk_analysis/frequency_months": 24, "/risk_analysis/last_performed": "2025-06-01"},
        message="overdue since 2026-06-01 (12-month cycle)",
    ),
    Case(
        "GOV-020",
        "own-shorter-cycle",
        "fail",
        {"/risk_analysis/frequency_months": 6},
        message="overdue since 2026-10-10 (6-month cycle)",
    ),
    Case(
        "GOV-020",
        "none-at-all-is-gov-008",
        "not_applicable",
        {"/risk_analysis/last_performed": DELETE},
        message="GOV-008",
    ),
    # GOV-009 risk analysis scope
    Case("GOV-009", "enterprise", "pass", paths=("/risk_analysis/scope",)),
    Case(
        "GOV-009",
        "telehealth-only",
        "fail",
        {"/risk_analysis/scope": "telehealth_only"},
        paths=("/risk_analysis/scope",),
        message="the scope is telehealth_only, not enterprise-wide",
    ),
    Case(
        "GOV-009",
        "nothing",
        "fail",
        {
            "/risk_analysis/scope": DELETE,
            "/risk_analysis/covers_all_ephi": False,
            "/risk_analysis/after_significant_change": DELETE,
        },
        paths=(
            "/risk_analysis",
            "/risk_analysis/covers_all_ephi",
        ),
        message="no scope is recorded, it is not recorded as covering all ePHI and it is not "
        "updated after significant changes",
    ),
    # GOV-010 risk management (required)
    Case(
        "GOV-010",
        "documented-clean",
        "pass",
        paths=("/risk_analysis/risk_management_plan/open_high_risks",),
        message="the risk management plan is documented and has no open high risks",
    ),
    # The update interval is a benchmark (GOV-021) and no longer halves this control.
    Case(
        "GOV-010",
        "stale-but-clean",
        "pass",
        {"/risk_analysis/risk_management_plan/last_updated": "2025-01-01"},
    ),
    Case(
        "GOV-010",
        "not-documented",
        "fail",
        {"/risk_analysis/risk_management_plan/documented": False},
        paths=("/risk_analysis/risk_management_plan/documented",),
        message="no risk management plan is documented",
    ),
    Case(
        "GOV-010",
        "no-plan",
        "fail",
        {"/risk_analysis/risk_management_plan": DELETE},
        paths=("/risk_analysis",),
    ),
    Case(
        "GOV-010",
        "open-high-risks",
        "fail",
        {"/risk_analysis/risk_management_plan/open_high_risks": 2},
        paths=("/risk_analysis/risk_management_plan/open_high_risks",),
        message="2 high risks are still open",
    ),
    Case(
        "GOV-010",
        "one-open",
        "fail",
        {"/risk_analysis/risk_management_plan/open_high_risks": 1},
        message="1 high risk is still open",
    ),
    # GOV-021 risk management plan update (benchmark)
    Case(
        "GOV-021",
        "current",
        "pass",
        paths=("/risk_analysis/risk_management_plan/last_updated",),
        turns_on=D(2027, 5, 1),
        message="the last plan update was on 2026-05-01",
    ),
    Case(
        "GOV-021",
        "stale",
        "fail",
        {"/risk_analysis/risk_management_plan/last_updated": "2025-10-01"},
        paths=("/risk_analysis/risk_management_plan/last_updated",),
        message="risk management plan: the last plan update was on 2025-10-01, overdue since "
        "2026-10-01 (12-month cycle); benchmark: 12 months",
    ),
    Case(
        "GOV-021",
        "never-updated",
        "fail",
        {"/risk_analysis/risk_management_plan/last_updated": DELETE},
        paths=("/risk_analysis/risk_management_plan",),
    ),
    Case(
        "GOV-021",
        "no-plan",
        "not_applicable",
        {"/risk_analysis/risk_management_plan/documented": False},
    ),
    # GOV-011 security management process
    Case("GOV-011", "all-parts", "pass", paths=("/risk_analysis/last_performed",)),
    Case(
        "GOV-011",
        "no-sanction-policy",
        "fail",
        {"/workforce/sanctions_policy": False},
        paths=("/workforce/sanctions_policy",),
        message="the security management process lacks a sanction policy",
    ),
    Case(
        "GOV-011",
        "nothing",
        "fail",
        {
            "/risk_analysis/last_performed": DELETE,
            "/risk_analysis/risk_management_plan/documented": False,
            "/workforce/sanctions_policy": False,
            "/audit_controls/enabled": False,
        },
        paths=("/risk_analysis", "/audit_controls/review_frequency_days"),
        message="lacks a risk analysis, a risk management plan, a sanction policy and a regular "
        "audit log review",
    ),
    Case(
        "GOV-011",
        "risk-analysis-in-future-is-none",
        "fail",
        {"/risk_analysis/last_performed": "2027-02-01"},
        paths=("/risk_analysis/last_performed",),
    ),
    # GOV-012 BAA in force (critical; every associate counts)
    Case(
        "GOV-012",
        "signed-unexpired",
        "pass",
        paths=(f"{BA0}/baa/expires",),
        turns_on=D(2027, 1, 15),
        message="CareLink Health Inc. has a signed BAA in force until 2027-01-15",
    ),
    Case(
        "GOV-012",
        "expires-day-after-as-of",
        "pass",
        {f"{BA0}/baa/expires": "2026-11-02"},
        turns_on=D(2026, 11, 2),
    ),
    Case(
        "GOV-012",
        "evergreen",
        "pass",
        {f"{BA0}/baa/expires": DELETE},
        message="has a signed BAA in force, with no expiry date",
    ),
    Case(
        "GOV-012",
        "two-signed-first-expiry",
        "pass",
        {"/business_associates/-": SIGNED_BA},
        turns_on=D(2026, 12, 1),
        paths=("/business_associates/1/baa/expires",),
        message="all 2 business associates handling ePHI have a signed BAA in force; the first "
        "to expire is Northwind Cloud's, on 2026-12-01",
    ),
    Case(
        "GOV-012",
        "government-other-arrangement",
        "pass",
        {f"{BA0}/baa/status": "other_arrangement"},
        paths=(f"{BA0}/baa/expires",),
    ),
    Case(
        "GOV-012",
        "expired",
        "fail",
        {f"{BA0}/baa/expires": "2026-03-01"},
        paths=(f"{BA0}/baa/expires",),
        message="CareLink Health Inc.: BAA expired on 2026-03-01",
    ),
    Case(
        "GOV-012",
        "one-of-two-expired-fails-and-is-named",
        "fail",
        {"/business_associates/-": SIGNED_BA, f"{BA0}/baa/expires": "2026-03-01"},
        paths=(f"{BA0}/baa/expires",),
        instances=("CareLink Health Inc.",),
        message="CareLink Health Inc.: BAA expired on 2026-03-01",
    ),
    Case(
        "GOV-012",
        "expires-on-as-of",
        "fail",
        {f"{BA0}/baa/expires": "2026-11-01"},
        paths=(f"{BA0}/baa/expires",),
        message="expired on 2026-11-01",
    ),
    Case(
        "GOV-012",
        "pending",
        "fail",
        {f"{BA0}/baa/status": "pending"},
        paths=(f"{BA0}/baa/status",),
        message="CareLink Health Inc.: BAA pending, not signed",
    ),
    Case(
        "GOV-012",
        "no-baa",
        "fail",
        {f"{BA0}/baa": DELETE},
        paths=(BA0,),
        message="CareLink Health Inc.: no BAA",
    ),
    Case(
        "GOV-012",
        "status-none",
        "fail",
        {f"{BA0}/baa/status": "none"},
        paths=(f"{BA0}/baa",),
        message="CareLink Health Inc.: no BAA",
    ),
    Case(
        "GOV-012",
        "not-required-but-handles-ephi",
        "fail",
        {f"{BA0}/baa/status": "not_required"},
        paths=(f"{BA0}/baa/status",),
        message="marked not_required although the associate handles ePHI",
    ),
    Case(
        "GOV-012",
        "signed-in-future",
        "fail",
        {f"{BA0}/baa/signed": "2026-12-01"},
        paths=(f"{BA0}/baa/signed",),
        message="dated as signed on 2026-12-01, after the assessment date 2026-11-01",
    ),
    # Finding: every instance counts. The old control gave 0.5 for one pending BAA of two.
    Case(
        "GOV-012",
        "one-of-two-pending",
        "fail",
        {"/business_associates/-": PENDING_BA},
        paths=("/business_associates/1/baa/status",),
        message="1 of 2 business associates handling ePHI fail: Scribe Partners LLC: BAA pending, "
        "not signed",
    ),
    Case(
        "GOV-012",
        "two-of-three-named",
        "fail",
        {"/business_associates": [SIGNED_BA, PENDING_BA, EXPIRED_BA]},
        paths=("/business_associates/1/baa/status", "/business_associates/2/baa/expires"),
        message="2 of 3 business associates handling ePHI fail: Scribe Partners LLC: BAA "
        "pending, not signed; Old Transcribe Co.: BAA expired on 2026-06-30",
    ),
    Case(
        "GOV-012",
        "conduit-only",
        "not_applicable",
        {f"{BA0}/conduit_only": True, f"{BA0}/baa": DELETE},
    ),
    Case("GOV-012", "no-ephi", "not_applicable", {f"{BA0}/handles_ephi": False}),
    Case("GOV-012", "no-business-associates", "not_applicable", {"/business_associates": []}),
    # GOV-013 incident and breach reporting terms
    Case(
        "GOV-013",
        "thirty-days",
        "pass",
        paths=(f"{BA0}/baa/breach_notification_days",),
        message="the BAA in force requires reporting of security incidents and of breaches "
        "within 60 days of discovery (the longest allows 30 days)",
    ),
    Case(
        "GOV-013",
        "sixty-days",
        "pass",
        {f"{BA0}/baa/breach_notification_days": 60},
        message="the longest allows 60 days",
    ),
    Case(
        "GOV-013",
        "no-term",
        "fail",
        {f"{BA0}/baa/breach_notification_days": DELETE},
        paths=(f"{BA0}/baa",),
        message="CareLink Health Inc.: the BAA records no incident and breach reporting term",
    ),
    Case(
        "GOV-013",
        "over-sixty",
        "fail",
        {f"{BA0}/baa/breach_notification_days": 61},
        paths=(f"{BA0}/baa/breach_notification_days",),
        message="the BAA allows 61 days to report a breach; 164.410(b) sets 60 days after "
        "discovery as the outer limit",
    ),
    Case(
        "GOV-013",
        "one-of-two-without-term",
        "fail",
        {
            "/business_associates/-": SIGNED_BA,
            "/business_associates/1/baa/breach_notification_days": DELETE,
        },
        paths=("/business_associates/1/baa",),
        message="1 of 2 BAAs in force fail: Northwind Cloud:",
    ),
    # Finding: an expired BAA is not a signed one. The old control examined this expired BAA's
    # terms (and failed on its missing deadline); it binds no one, so only CareLink counts here.
    Case(
        "GOV-013",
        "expired-baa-not-examined",
        "pass",
        {"/business_associates/-": EXPIRED_BA},
        message="the BAA in force requires",
    ),
    Case("GOV-013", "only-pending", "not_applicable", {f"{BA0}/baa/status": "pending"}),
    Case("GOV-013", "only-expired", "not_applicable", {f"{BA0}/baa/expires": "2026-06-30"}),
    # GOV-014 subcontractors
    Case(
        "GOV-014",
        "covered",
        "pass",
        paths=(f"{BA0}/baa/subcontractors_covered",),
        message="the BAA in force flows down to subcontractors",
    ),
    Case(
        "GOV-014",
        "not-covered",
        "fail",
        {f"{BA0}/baa/subcontractors_covered": False},
        paths=(f"{BA0}/baa/subcontractors_covered",),
        message="CareLink Health Inc.: the BAA does not cover subcontractors",
    ),
    Case(
        "GOV-014",
        "unrecorded",
        "fail",
        {f"{BA0}/baa/subcontractors_covered": DELETE},
        paths=(f"{BA0}/baa",),
    ),
    Case(
        "GOV-014",
        "one-of-two",
        "fail",
        {
            "/business_associates/-": SIGNED_BA,
            "/business_associates/1/baa/subcontractors_covered": False,
        },
        paths=("/business_associates/1/baa/subcontractors_covered",),
        message="1 of 2 BAAs in force fail: Northwind Cloud: the BAA does not cover subcontractors",
    ),
    # Finding: the expired BAA (no flow-down) was counted as signed and failed the control.
    Case("GOV-014", "expired-baa-not-examined", "pass", {"/business_associates/-": EXPIRED_BA}),
    Case("GOV-014", "no-signed-baa", "not_applicable", {f"{BA0}/baa/status": "pending"}),
    # GOV-015 BAA review (benchmark)
    Case(
        "GOV-015",
        "reviewed",
        "pass",
        paths=(f"{BA0}/baa/last_reviewed",),
        turns_on=D(2027, 1, 10),
        message="the BAA in force was reviewed within the benchmark cycle",
    ),
    Case(
        "GOV-015",
        "overdue",
        "fail",
        {f"{BA0}/baa/last_reviewed": "2025-09-01"},
        paths=(f"{BA0}/baa/last_reviewed",),
        message="CareLink Health Inc.: the last review was on 2025-09-01, overdue since "
        "2026-09-01 (12-month cycle); benchmark: a review every 12 months",
    ),
    Case(
        "GOV-015",
        "never",
        "fail",
        {f"{BA0}/baa/last_reviewed": DELETE},
        paths=(f"{BA0}/baa",),
        message="no date is recorded for the last review",
    ),
    Case(
        "GOV-015",
        "one-of-two-overdue",
        "fail",
        {
            "/business_associates/-": SIGNED_BA,
            "/business_associates/1/baa/last_reviewed": "2025-01-01",
        },
        paths=("/business_associates/1/baa/last_reviewed",),
        message="1 of 2 BAAs in force fail: Northwind Cloud:",
    ),
    # Finding: the expired BAA, never reviewed, was counted as signed.
    Case("GOV-015", "expired-baa-not-examined", "pass", {"/business_associates/-": EXPIRED_BA}),
    Case("GOV-015", "no-signed-baa", "not_applicable", {f"{BA0}/baa/status": "none"}),
    # GOV-016 platforms covered by a BAA in force
    Case(
        "GOV-016",
        "covered",
        "pass",
        paths=("/platforms/0/business_associate",),
        turns_on=D(2027, 1, 15),
        message="CareLink Video traces to a business associate with a signed BAA in force",
    ),
    Case(
        "GOV-016",
        "self-hosted",
        "not_applicable",
        {
            "/platforms/0/business_associate": DELETE,
            "/platforms/0/vendor": "Lakeside Telehealth Partners",
        },
    ),
    Case(
        "GOV-016",
        "non-clinical-no-ephi",
        "not_applicable",
        {"/platforms/0/handles_ephi": False, "/platforms/0/purpose": "scheduling"},
    ),
    # Finding: one definition of "handles ePHI". A video platform flagged handles_ephi: false
    # stays in scope by its clinical purpose (the old control skipped it).
    Case(
        "GOV-016",
        "video-platform-flag-false-still-in-scope",
        "fail",
        {"/platforms/0/handles_ephi": False, "/platforms/0/business_associate": DELETE},
        paths=("/platforms/0",),
        message="CareLink Video: names no business associate",
    ),
    Case(
        "GOV-016",
        "unknown-associate",
        "fail",
        {"/platforms/0/business_associate": "Zoomish Inc."},
        paths=("/platforms/0/business_associate",),
        message="CareLink Video: names business associate Zoomish Inc., which is not in "
        "business_associates",
    ),
    Case(
        "GOV-016",
        "no-associate",
        "fail",
        {"/platforms/0/business_associate": DELETE},
        paths=("/platforms/0",),
        message="CareLink Video: names no business associate",
    ),
    Case(
        "GOV-016",
        "associate-baa-expired",
        "fail",
        {f"{BA0}/baa/expires": "2026-10-31"},
        paths=(f"{BA0}/baa/expires",),
        message="CareLink Video: CareLink Health Inc.: BAA expired on 2026-10-31",
    ),
    # Every platform counts: the old control gave 0.5 here.
    Case(
        "GOV-016",
        "one-of-two-uncovered",
        "fail",
        {
            "/platforms/-": {
                "name": "QuickChat",
                "purpose": "secure_messaging",
                "handles_ephi": True,
                "vendor": "QuickChat Ltd",
            }
        },
        paths=("/platforms/1",),
        message="1 of 2 platforms handling ePHI fail: QuickChat: names no business associate",
    ),
    # GOV-017 group health plan
    Case("GOV-017", "no-plan", "not_applicable"),
    Case(
        "GOV-017",
        "sponsor-duties-in-place",
        "pass",
        {"/organization/sponsors_group_health_plan": True},
        paths=("/organization/sponsors_group_health_plan",),
        message="keep the amended plan documents on file",
    ),
    Case(
        "GOV-017",
        "no-role-based-access",
        "fail",
        {
            "/organization/sponsors_group_health_plan": True,
            "/access_control/role_based_access": False,
        },
        paths=("/access_control/role_based_access",),
        message="not yet in place: role-based access separating plan ePHI",
    ),
    Case(
        "GOV-017",
        "nothing-in-place",
        "fail",
        {
            "/organization/sponsors_group_health_plan": True,
            "/risk_analysis/covers_all_ephi": False,
            "/access_control/role_based_access": False,
            f"{BA0}/baa/status": "pending",
            "/incident_response/reporting_channel": False,
        },
        paths=("/business_associates", "/incident_response/reporting_channel"),
    ),
]

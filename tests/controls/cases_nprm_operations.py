"""Cases for controls/nprm_operations.py (NPRM-016..NPRM-024), under the proposed-rule profile."""

from __future__ import annotations

from typing import Any

from tests.controls.harness import DELETE, Case

NPRM = "hipaa-2025-nprm"
BAA = "/business_associates/0/baa"
TRAINING = "/workforce/training"


def nprm(control: str, name: str, status: str, patch: Any = None, **expect: Any) -> Case:
    return Case(control, name, status, patch or {}, profile=NPRM, **expect)


CASES = [
    nprm("NPRM-016", "base", "pass", paths=(f"{BAA}",), message="ready: 1 BAAs in force checked"),
    nprm("NPRM-016", "forty-eight-hours", "fail", {f"{BAA}/contingency_notice_hours": 48},
         instances=("CareLink Health Inc.",), message="the notice time is 48, over 24"),
    nprm("NPRM-016", "undeclared", "fail", {f"{BAA}/contingency_notice_hours": DELETE},
         message="not declared: set business_associates[0].baa.contingency_notice_hours"),
    nprm("NPRM-016", "no-associates", "not_applicable", {"/business_associates": []}),
    nprm("NPRM-017", "base", "pass", paths=("/workforce/access_change_notice_hours",),
         message="the proposed rule would require notice to other entities"),
    nprm("NPRM-017", "undeclared", "fail", {"/workforce/access_change_notice_hours": DELETE},
         paths=("/workforce",), message="not declared: set workforce.access_change_notice_hours"),
    nprm("NPRM-018", "base", "pass", paths=(f"{TRAINING}/after_policy_change_within_days",)),
    nprm("NPRM-018", "sixty-day-onboarding", "fail", {f"{TRAINING}/new_hire_within_days": 60},
         paths=(f"{TRAINING}/new_hire_within_days",),
         message="the deadline for training new members, in days is 60, over 30"),
    nprm("NPRM-018", "no-policy-change-deadline", "fail",
         {f"{TRAINING}/after_policy_change_within_days": DELETE}, paths=(TRAINING,),
         message="(not declared: set workforce.training.after_policy_change_within_days)"),
    nprm("NPRM-019", "base", "pass", paths=("/incident_response/last_tested",)),
    nprm("NPRM-019", "tested-long-ago", "fail", {"/incident_response/last_tested": "2025-01-01"},
         paths=("/incident_response/last_tested",), message="overdue since 2026-01-01"),
    nprm("NPRM-020", "base", "pass", paths=("/access_control/separate_privileged_accounts",)),
    nprm("NPRM-020", "shared-admin-accounts", "fail",
         {"/access_control/separate_privileged_accounts": False},
         paths=("/access_control/separate_privileged_accounts",),
         message="no separate privileged identities"),
    nprm("NPRM-021", "base", "pass", paths=("/audit_controls/real_time_alerting",)),
    nprm("NPRM-021", "undeclared", "fail", {"/audit_controls/real_time_alerting": DELETE},
         paths=("/audit_controls",), message="not declared: set audit_controls.real_time_alerting"),
    nprm("NPRM-022", "base", "pass",
         paths=("/vulnerability_management/vulnerability_sources_monitored",)),
    nprm("NPRM-022", "not-monitored", "fail",
         {"/vulnerability_management/vulnerability_sources_monitored": False},
         message="vulnerability sources are not monitored"),
    nprm("NPRM-023", "base", "pass", paths=("/contingency/backup/last_review",)),
    nprm("NPRM-023", "reviewed-a-year-ago", "fail",
         {"/contingency/backup/last_review": "2025-11-01"},
         paths=("/contingency/backup/last_review",), message="(6-month cycle)"),
    nprm("NPRM-024", "base", "pass", paths=("/evaluation/before_changes",)),
    nprm("NPRM-024", "after-only", "fail", {"/evaluation/before_changes": False},
         paths=("/evaluation/before_changes",),
         message="the proposed rule would require an evaluation before changes (not yet in "
         "force); changes are not evaluated before they are made"),
]

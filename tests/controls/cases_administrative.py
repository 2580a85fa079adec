"""Pass, fail, partial, boundary and not-applicable cases for controls/administrative.py.

Legal duties and their benchmark numbers are separate controls: a case that the old, mixed
control scored one way (partial for a 31-day log review, say) now checks the legal control
passes and the benchmark control takes the loss.
"""

from __future__ import annotations

import datetime as dt

from tests.controls.harness import DELETE, Case

D = dt.date
TRAINING = "/workforce/training"
TOPICS = "/workforce/training/topics"
PASSWORDS = "/access_control/password_policy"
LOCKOUT = "/access_control/password_policy/lockout_after_failed_attempts"
BACKUP = "/contingency/backup"
REVOCATION = "/workforce/termination/access_revocation_hours"

CASES = [
    # ADM-001 sanction policy (required)
    Case(
        "ADM-001",
        "policy-and-records",
        "pass",
        paths=("/workforce/sanctions_policy", "/workforce/sanctions_applied_documented"),
    ),
    # Not a graded measure: the old 0.5 for an undocumented application is a failure now.
    Case(
        "ADM-001",
        "not-documented",
        "fail",
        {"/workforce/sanctions_applied_documented": False},
        paths=("/workforce/sanctions_applied_documented",),
        message="a sanction policy exists but the sanctions applied are not documented",
    ),
    Case(
        "ADM-001",
        "no-policy",
        "fail",
        {"/workforce/sanctions_policy": DELETE},
        paths=("/workforce",),
        message="there is no workforce sanction policy",
    ),
    # ADM-002 information system activity review (required)
    Case(
        "ADM-002",
        "weekly",
        "pass",
        paths=("/audit_controls/review_frequency_days",),
        message="audit logs are reviewed every 7 days",
    ),
    # Finding: 30 days is a benchmark (ADM-024); the legal review duty holds at 91 days.
    Case(
        "ADM-002",
        "ninety-one-days-still-regular",
        "pass",
        {"/audit_controls/review_frequency_days": 91},
        message="reviewed every 91 days",
    ),
    Case(
        "ADM-002",
        "logging-disabled",
        "fail",
        {"/audit_controls/enabled": False},
        paths=("/audit_controls/enabled",),
        message="audit logging is not enabled",
    ),
    Case(
        "ADM-002",
        "no-frequency",
        "fail",
        {"/audit_controls/review_frequency_days": DELETE},
        paths=("/audit_controls",),
        message="no audit log review interval is declared",
    ),
    # ADM-024 log review every 30 days (benchmark)
    Case(
        "ADM-024",
        "weekly",
        "pass",
        paths=("/audit_controls/review_frequency_days",),
        message="audit logs are reviewed every 7 days (benchmark: 30)",
    ),
    Case("ADM-024", "thirty-days", "pass", {"/audit_controls/review_frequency_days": 30}),
    Case(
        "ADM-024",
        "thirty-one-days",
        "partial",
        {"/audit_controls/review_frequency_days": 31},
        credit=0.5,
        paths=("/audit_controls/review_frequency_days",),
        message="audit logs are reviewed every 31 days; benchmark: 30 or less (HIPAA says "
        "regularly, with no number)",
    ),
    Case(
        "ADM-024",
        "ninety-days",
        "partial",
        {"/audit_controls/review_frequency_days": 90},
        credit=0.5,
    ),
    Case(
        "ADM-024",
        "ninety-one-days",
        "fail",
        {"/audit_controls/review_frequency_days": 91},
        paths=("/audit_controls/review_frequency_days",),
        message="reviewed every 91 days",
    ),
    Case(
        "ADM-024",
        "logging-disabled-is-adm-002",
        "not_applicable",
        {"/audit_controls/enabled": False},
        message="ADM-002",
    ),
    # ADM-003 authorization and supervision
    Case("ADM-003", "in-place", "pass", paths=("/workforce/authorization_supervision",)),
    Case(
        "ADM-003",
        "false",
        "fail",
        {"/workforce/authorization_supervision": False},
        paths=("/workforce/authorization_supervision",),
        message="no procedure for authorizing or supervising",
    ),
    Case(
        "ADM-003",
        "absent",
        "fail",
        {"/workforce/authorization_supervision": DELETE},
        paths=("/workforce",),
    ),
    # ADM-004 clearance
    Case("ADM-004", "in-place", "pass", paths=("/workforce/clearance_procedure",)),
    Case(
        "ADM-004",
        "false",
        "fail",
        {"/workforce/clearance_procedure": False},
        paths=("/workforce/clearance_procedure",),
        message="there is no workforce clearance procedure",
    ),
    # ADM-005 termination procedure (addressable)
    Case(
        "ADM-005",
        "documented",
        "pass",
        paths=("/workforce/termination/procedure_documented",),
        message="a documented termination procedure ends access",
    ),
    # Finding: 24 hours is a benchmark (ADM-025); a 73-hour revocation keeps the procedure.
    Case("ADM-005", "slow-revocation-still-a-procedure", "pass", {REVOCATION: 73}),
    Case(
        "ADM-005",
        "no-procedure",
        "fail",
        {"/workforce/termination/procedure_documented": False},
        paths=("/workforce/termination/procedure_documented",),
        message="there is no documented termination procedure",
    ),
    # ADM-025 revocation within 24 hours (benchmark)
    Case(
        "ADM-025",
        "one-hour",
        "pass",
        paths=(REVOCATION,),
        message="access is revoked within 1 hour of termination (benchmark: 24)",
    ),
    Case("ADM-025", "twenty-four-hours", "pass", {REVOCATION: 24}, message="within 24 hours"),
    Case(
        "ADM-025",
        "twenty-five-hours",
        "partial",
        {REVOCATION: 25},
        credit=0.5,
        paths=(REVOCATION,),
        message="access is revoked within 25 hours of termination; benchmark: 24 or less "
        "(HIPAA sets no deadline)",
    ),
    Case("ADM-025", "seventy-two-hours", "partial", {REVOCATION: 72}, credit=0.5),
    Case(
        "ADM-025",
        "seventy-three-hours",
        "fail",
        {REVOCATION: 73},
        paths=(REVOCATION,),
        message="within 73 hours",
    ),
    Case(
        "ADM-025",
        "no-deadline",
        "fail",
        {REVOCATION: DELETE},
        paths=("/workforce/termination",),
        message="no deadline for revoking access after termination is declared",
    ),
    # ADM-006 clearinghouse isolation
    Case("ADM-006", "not-a-clearinghouse", "not_applicable"),
    Case(
        "ADM-006",
        "isolated",
        "pass",
        {"/organization/clearinghouse_functions": True},
        paths=("/access_control/network_segmentation", "/access_control/role_based_access"),
    ),
    # Both measures carry the isolation: one missing fails (the old control gave 0.5).
    Case(
        "ADM-006",
        "no-segmentation",
        "fail",
        {
            "/organization/clearinghouse_functions": True,
            "/access_control/network_segmentation": False,
        },
        paths=("/access_control/network_segmentation",),
        message="clearinghouse functions are not isolated: missing network segmentation",
    ),
    Case(
        "ADM-006",
        "not-isolated",
        "fail",
        {
            "/organization/clearinghouse_functions": True,
            "/access_control/network_segmentation": DELETE,
            "/access_control/role_based_access": False,
        },
        paths=("/access_control", "/access_control/role_based_access"),
        message="missing network segmentation and role-based access",
    ),
    # ADM-007 access authorization
    Case(
        "ADM-007", "documented", "pass", paths=("/access_control/access_authorization_documented",)
    ),
    Case(
        "ADM-007",
        "undocumented",
        "fail",
        {"/access_control/access_authorization_documented": False},
        paths=("/access_control/access_authorization_documented",),
        message="no documented policy for authorizing access to ePHI",
    ),
    # ADM-008 access establishment, modification and review (addressable)
    Case(
        "ADM-008",
        "six-monthly-review",
        "pass",
        paths=("/access_control/access_review_frequency_months",),
        message="reviewed every 6 months",
    ),
    # Finding: 12 months is a benchmark (ADM-026); a declared 13-month review is a review.
    Case(
        "ADM-008",
        "thirteen-months-still-reviewed",
        "pass",
        {"/access_control/access_review_frequency_months": 13},
    ),
    Case(
        "ADM-008",
        "never-reviewed",
        "fail",
        {"/access_control/access_review_frequency_months": DELETE},
        paths=("/access_control",),
        message="no periodic review is declared",
    ),
    Case(
        "ADM-008",
        "no-procedure",
        "fail",
        {"/access_control/access_modification_procedure": False},
        paths=("/access_control/access_modification_procedure",),
        message="no documented procedure for establishing and modifying access",
    ),
    # ADM-026 access review every 12 months (benchmark)
    Case(
        "ADM-026",
        "six-months",
        "pass",
        paths=("/access_control/access_review_frequency_months",),
        message="access is reviewed every 6 months (benchmark: 12)",
    ),
    Case(
        "ADM-026", "twelve-months", "pass",
        {"/access_control/access_review_frequency_months": 12}
    ),
    Case(
        "ADM-026",
        "thirteen-months",
        "fail",
        {"/access_control/access_review_frequency_months": 13},
        paths=("/access_control/access_review_frequency_months",),
        message="access is reviewed every 13 months; benchmark: 12 or less (HIPAA sets no "
        "interval)",
    ),
    Case(
        "ADM-026",
        "undeclared-is-adm-008",
        "not_applicable",
        {"/access_control/access_review_frequency_months": DELETE},
    ),
    # ADM-009 training program (required)
    Case(
        "ADM-009",
        "delivered",
        "pass",
        paths=(f"{TRAINING}/last_completed", f"{TRAINING}/new_hire_within_days"),
        message="training: a cycle was completed on 2026-08-30; new hires are trained within "
        "30 days",
    ),
    # Finding: cadence and completion are benchmarks; the program exists at 60% and 2 years.
    Case(
        "ADM-009",
        "old-and-incomplete-still-a-program",
        "pass",
        {f"{TRAINING}/last_completed": "2024-09-01", f"{TRAINING}/completion_rate_percent": 60},
    ),
    Case(
        "ADM-009",
        "never-trained",
        "fail",
        {f"{TRAINING}/last_completed": DELETE},
        paths=(TRAINING,),
        message="no date is recorded for the last training cycle",
    ),
    Case(
        "ADM-009",
        "in-future",
        "fail",
        {f"{TRAINING}/last_completed": "2026-12-01"},
        paths=(f"{TRAINING}/last_completed",),
        message="after the assessment date",
    ),
    Case(
        "ADM-009",
        "new-hires-left-out",
        "fail",
        {f"{TRAINING}/new_hire_within_days": DELETE},
        paths=(TRAINING,),
        message="no deadline is declared for training new hires",
    ),
    # ADM-027 training every 12 months (benchmark)
    Case(
        "ADM-027",
        "current",
        "pass",
        paths=(f"{TRAINING}/last_completed",),
        turns_on=D(2027, 8, 30),
        message="the last training cycle was on 2026-08-30",
    ),
    Case(
        "ADM-027",
        "overdue",
        "fail",
        {f"{TRAINING}/last_completed": "2025-10-01"},
        paths=(f"{TRAINING}/last_completed",),
        message="overdue since 2026-10-01 (12-month cycle); benchmark: 12 months or the "
        "organization's shorter cycle; HIPAA sets none",
    ),
    Case(
        "ADM-027",
        "long-own-cycle-held-to-12",
        "fail",
        {f"{TRAINING}/frequency_months": 24, f"{TRAINING}/last_completed": "2025-09-01"},
        message="overdue since 2026-09-01 (12-month cycle)",
    ),
    Case(
        "ADM-027",
        "own-shorter-cycle",
        "fail",
        {f"{TRAINING}/frequency_months": 6, f"{TRAINING}/last_completed": "2026-04-01"},
        message="overdue since 2026-10-01 (6-month cycle)",
    ),
    Case(
        "ADM-027",
        "never-is-adm-009",
        "not_applicable",
        {f"{TRAINING}/last_completed": DELETE},
    ),
    # ADM-028 completion 95% (benchmark, graded)
    Case(
        "ADM-028",
        "ninety-seven",
        "pass",
        paths=(f"{TRAINING}/completion_rate_percent",),
        message="training completion is 97% (benchmark: 95%)",
    ),
    Case("ADM-028", "ninety-five", "pass", {f"{TRAINING}/completion_rate_percent": 95}),
    Case(
        "ADM-028",
        "ninety-four",
        "partial",
        {f"{TRAINING}/completion_rate_percent": 94},
        credit=0.5,
        message="training completion is 94%; benchmark: 95% (HIPAA sets no target)",
    ),
    Case(
        "ADM-028",
        "ninety",
        "partial",
        {f"{TRAINING}/completion_rate_percent": 90},
        credit=0.5,
    ),
    Case(
        "ADM-028",
        "eighty-nine",
        "fail",
        {f"{TRAINING}/completion_rate_percent": 89},
        paths=(f"{TRAINING}/completion_rate_percent",),
    ),
    Case(
        "ADM-028",
        "not-recorded",
        "fail",
        {f"{TRAINING}/completion_rate_percent": DELETE},
        paths=(TRAINING,),
        message="no training completion rate is recorded",
    ),
    # ADM-029 new hires within 30 days (benchmark)
    Case(
        "ADM-029",
        "thirty",
        "pass",
        paths=(f"{TRAINING}/new_hire_within_days",),
        message="new hires are trained within 30 days (benchmark: 30)",
    ),
    Case(
        "ADM-029",
        "thirty-one",
        "fail",
        {f"{TRAINING}/new_hire_within_days": 31},
        message="new hires are trained within 31 days; benchmark: 30 or less",
    ),
    Case(
        "ADM-029",
        "undeclared-is-adm-009",
        "not_applicable",
        {f"{TRAINING}/new_hire_within_days": DELETE},
    ),
    # ADM-010 training topics (benchmark, graded by share of topics)
    Case("ADM-010", "all-topics", "pass", paths=(TOPICS,)),
    Case(
        "ADM-010",
        "no-telehealth-no-byod-needed",
        "pass",
        {
            "/organization/telehealth_services": [],
            "/byod/allowed": False,
            TOPICS: ["phishing", "passwords", "malware", "login_monitoring", "incident_reporting"],
        },
    ),
    Case(
        "ADM-010",
        "no-phishing",
        "partial",
        {
            TOPICS: [
                "passwords", "malware", "login_monitoring", "incident_reporting",
                "byod", "telehealth_privacy",
            ]
        },
        credit=0.8571,
        paths=(TOPICS,),
        message="training does not cover phishing (benchmark topics)",
    ),
    Case(
        "ADM-010",
        "no-topics",
        "fail",
        {TOPICS: DELETE},
        paths=(TRAINING,),
        message="training does not cover phishing, passwords, malware",
    ),
    # ADM-011 reminders
    Case("ADM-011", "sent", "pass", paths=(f"{TRAINING}/security_reminders",)),
    Case(
        "ADM-011",
        "not-sent",
        "fail",
        {f"{TRAINING}/security_reminders": False},
        paths=(f"{TRAINING}/security_reminders",),
        message="no periodic security reminders",
    ),
    # ADM-012 malware
    Case("ADM-012", "in-place", "pass", paths=("/vulnerability_management/anti_malware",)),
    # Malware training is judged by ADM-010 (it cost ADM-012 half its credit before).
    Case("ADM-012", "untrained-but-tooled", "pass", {TOPICS: ["phishing"]}),
    Case(
        "ADM-012",
        "no-anti-malware",
        "fail",
        {"/vulnerability_management/anti_malware": False},
        paths=("/vulnerability_management/anti_malware",),
        message="no anti-malware protection is in place",
    ),
    # ADM-013 log-in monitoring
    Case("ADM-013", "monitored", "pass", paths=("/access_control/login_monitoring",)),
    Case(
        "ADM-013",
        "not-monitored",
        "fail",
        {"/access_control/login_monitoring": False},
        paths=("/access_control/login_monitoring",),
        message="failed log-in attempts are not monitored",
    ),
    # ADM-031 lockout threshold (benchmark). Finding: the key was never evaluated, and a
    # threshold of 1000 passed every control.
    Case(
        "ADM-031",
        "ten",
        "pass",
        paths=(LOCKOUT,),
        message="accounts lock after 10 failed attempts (benchmark: 10)",
    ),
    Case("ADM-031", "five", "pass", {LOCKOUT: 5}),
    Case(
        "ADM-031",
        "eleven",
        "partial",
        {LOCKOUT: 11},
        credit=0.5,
        paths=(LOCKOUT,),
        message="accounts lock after 11 failed attempts; benchmark: 10 or fewer (NIST SP "
        "800-63B caps it at 100",
    ),
    Case("ADM-031", "nist-ceiling", "partial", {LOCKOUT: 100}, credit=0.5),
    Case(
        "ADM-031",
        "thousand",
        "fail",
        {LOCKOUT: 1000},
        paths=(LOCKOUT,),
        message="accounts lock after 1000 failed attempts",
    ),
    Case(
        "ADM-031",
        "absent",
        "fail",
        {LOCKOUT: DELETE},
        paths=(PASSWORDS,),
        message="not declared",
    ),
    # ADM-014 password procedures (addressable)
    Case(
        "ADM-014",
        "policy",
        "pass",
        paths=(f"{PASSWORDS}/min_length",),
        message="a password policy is in place (minimum length 14)",
    ),
    # Finding: NIST settings are a benchmark (ADM-030); short passwords still mean a policy.
    Case("ADM-014", "short-still-a-policy", "pass", {f"{PASSWORDS}/min_length": 6}),
    Case(
        "ADM-014",
        "no-policy",
        "fail",
        {PASSWORDS: DELETE},
        paths=("/access_control",),
        message="no password policy is declared",
    ),
    # ADM-030 NIST SP 800-63B settings (benchmark)
    Case(
        "ADM-030",
        "fourteen-with-mfa",
        "pass",
        paths=(f"{PASSWORDS}/min_length", f"{PASSWORDS}/breached_password_screening"),
        message="passwords are at least 14 characters (with MFA on all ePHI access)",
    ),
    Case(
        "ADM-030",
        "fifteen-without-mfa",
        "pass",
        {"/access_control/mfa/all_ephi_access": False, f"{PASSWORDS}/min_length": 15},
    ),
    Case(
        "ADM-030",
        "fourteen-without-mfa",
        "fail",
        {"/access_control/mfa/all_ephi_access": False},
        paths=(f"{PASSWORDS}/min_length",),
        message="the minimum password length is 14; benchmark: 15 without MFA on all ePHI access",
    ),
    Case(
        "ADM-030",
        "seven-with-mfa",
        "fail",
        {f"{PASSWORDS}/min_length": 7},
        message="benchmark: 8 with MFA on all ePHI access",
    ),
    Case(
        "ADM-030",
        "no-screening",
        "fail",
        {f"{PASSWORDS}/breached_password_screening": DELETE},
        paths=(PASSWORDS,),
        message="passwords are not screened against breached-password lists (NIST SP 800-63B; "
        "HIPAA names no settings)",
    ),
    Case("ADM-030", "no-policy-is-adm-014", "not_applicable", {PASSWORDS: DELETE}),
    # ADM-015 incident response plan (required)
    Case(
        "ADM-015",
        "documented",
        "pass",
        paths=("/incident_response/plan_documented",),
        message="an incident response plan is documented",
    ),
    # Finding: testing is a benchmark (ADM-032); an untested plan is still the required plan.
    Case(
        "ADM-015", "never-tested-still-a-plan", "pass",
        {"/incident_response/last_tested": DELETE}
    ),
    Case(
        "ADM-015",
        "no-plan",
        "fail",
        {"/incident_response/plan_documented": False},
        paths=("/incident_response/plan_documented",),
        message="no incident response plan is documented",
    ),
    # ADM-032 incident response test every 12 months (benchmark)
    Case(
        "ADM-032",
        "tested",
        "pass",
        paths=("/incident_response/last_tested",),
        turns_on=D(2027, 3, 20),
        message="incident response plan: the last test was on 2026-03-20",
    ),
    Case(
        "ADM-032",
        "overdue",
        "fail",
        {"/incident_response/last_tested": "2025-10-01"},
        paths=("/incident_response/last_tested",),
        message="overdue since 2026-10-01 (12-month cycle); benchmark: a test every 12 months; "
        "HIPAA sets no interval",
    ),
    Case(
        "ADM-032",
        "never-tested",
        "fail",
        {"/incident_response/last_tested": DELETE},
        paths=("/incident_response",),
        message="no date is recorded for the last test",
    ),
    Case(
        "ADM-032",
        "no-plan-is-adm-015",
        "not_applicable",
        {"/incident_response/plan_documented": False},
    ),
    # ADM-016 reporting channel
    Case("ADM-016", "channel", "pass", paths=("/incident_response/reporting_channel",)),
    # Reporting training is judged by ADM-010 (it cost ADM-016 half its credit before).
    Case("ADM-016", "untrained-but-channel", "pass", {TOPICS: ["phishing"]}),
    Case(
        "ADM-016",
        "no-channel",
        "fail",
        {"/incident_response/reporting_channel": False},
        paths=("/incident_response/reporting_channel",),
        message="the workforce has no channel to report security incidents",
    ),
    # ADM-017 data backup plan (required, critical)
    Case("ADM-017", "backed-up", "pass", paths=(f"{BACKUP}/enabled",), message="ePHI is backed up"),
    # Finding: encryption and restore tests are addressable, offsite a benchmark: each is its
    # own control now, and none of them costs the required backup control.
    Case(
        "ADM-017",
        "backed-up-but-weak",
        "pass",
        {f"{BACKUP}/offsite": False, f"{BACKUP}/encrypted": False,
         f"{BACKUP}/last_restore_test": DELETE},
    ),
    Case(
        "ADM-017",
        "no-backup",
        "fail",
        {f"{BACKUP}/enabled": False},
        paths=(f"{BACKUP}/enabled",),
        message="ePHI is not backed up",
    ),
    Case("ADM-017", "no-backup-section", "fail", {BACKUP: DELETE}, paths=("/contingency",)),
    # ADM-033 backup encryption (addressable, critical)
    Case("ADM-033", "encrypted", "pass", paths=(f"{BACKUP}/encrypted",)),
    Case(
        "ADM-033",
        "unencrypted",
        "fail",
        {f"{BACKUP}/encrypted": False},
        paths=(f"{BACKUP}/encrypted",),
        message="backups holding ePHI are not encrypted",
    ),
    Case("ADM-033", "no-backup", "not_applicable", {f"{BACKUP}/enabled": False}, message="ADM-017"),
    # ADM-034 restore tested (addressable)
    Case(
        "ADM-034",
        "tested",
        "pass",
        paths=(f"{BACKUP}/last_restore_test",),
        message="a restore from backup was tested on 2026-10-01",
    ),
    Case("ADM-034", "old-test-still-a-test", "pass", {f"{BACKUP}/last_restore_test": "2023-01-01"}),
    Case(
        "ADM-034",
        "never-tested",
        "fail",
        {f"{BACKUP}/last_restore_test": DELETE},
        paths=(BACKUP,),
        message="no date is recorded for the last restore test",
    ),
    Case(
        "ADM-034",
        "in-future",
        "fail",
        {f"{BACKUP}/last_restore_test": "2027-01-01"},
        paths=(f"{BACKUP}/last_restore_test",),
    ),
    Case("ADM-034", "no-backup", "not_applicable", {f"{BACKUP}/enabled": False}),
    # ADM-035 restore test every 12 months (benchmark)
    Case(
        "ADM-035",
        "recent",
        "pass",
        paths=(f"{BACKUP}/last_restore_test",),
        turns_on=D(2027, 10, 1),
    ),
    Case(
        "ADM-035",
        "overdue",
        "fail",
        {f"{BACKUP}/last_restore_test": "2025-10-01"},
        paths=(f"{BACKUP}/last_restore_test",),
        message="the last restore test was on 2025-10-01, overdue since 2026-10-01 (12-month "
        "cycle); benchmark: 12 months",
    ),
    Case("ADM-035", "never-is-adm-034", "not_applicable", {f"{BACKUP}/last_restore_test": DELETE}),
    Case("ADM-035", "no-backup", "not_applicable", {f"{BACKUP}/enabled": False}),
    # ADM-036 offsite copy (benchmark)
    Case("ADM-036", "offsite", "pass", paths=(f"{BACKUP}/offsite",)),
    Case(
        "ADM-036",
        "onsite-only",
        "fail",
        {f"{BACKUP}/offsite": False},
        paths=(f"{BACKUP}/offsite",),
        message="backups are not kept offsite (benchmark",
    ),
    Case("ADM-036", "no-backup", "not_applicable", {f"{BACKUP}/enabled": False}),
    # ADM-018 disaster recovery plan (required)
    Case(
        "ADM-018",
        "documented",
        "pass",
        paths=("/contingency/disaster_recovery/plan_documented",),
    ),
    Case(
        "ADM-018",
        "no-rto-still-a-plan",
        "pass",
        {"/contingency/disaster_recovery/restore_time_hours": DELETE},
    ),
    Case(
        "ADM-018",
        "no-plan",
        "fail",
        {"/contingency/disaster_recovery/plan_documented": False},
        paths=("/contingency/disaster_recovery/plan_documented",),
        message="no disaster recovery plan is documented",
    ),
    # ADM-037 restore-time objective (benchmark)
    Case(
        "ADM-037",
        "set",
        "pass",
        paths=("/contingency/disaster_recovery/restore_time_hours",),
        message="restores service within 24 hours",
    ),
    Case(
        "ADM-037",
        "no-rto",
        "fail",
        {"/contingency/disaster_recovery/restore_time_hours": DELETE},
        paths=("/contingency/disaster_recovery",),
        message="sets no restore-time objective",
    ),
    Case(
        "ADM-037",
        "no-plan",
        "not_applicable",
        {"/contingency/disaster_recovery/plan_documented": False},
    ),
    # ADM-019 emergency mode
    Case("ADM-019", "documented", "pass", paths=("/contingency/emergency_mode/plan_documented",)),
    Case(
        "ADM-019",
        "absent",
        "fail",
        {"/contingency/emergency_mode": DELETE},
        paths=("/contingency",),
        message="no emergency mode operation plan is documented",
    ),
    # ADM-020 contingency testing on the organization's cycle (addressable)
    Case(
        "ADM-020",
        "tested",
        "pass",
        paths=("/contingency/testing/last_test",),
        turns_on=D(2027, 7, 12),
        message="(12-month cycle, the organization's own)",
    ),
    Case(
        "ADM-020",
        "own-longer-cycle-kept",
        "pass",
        {
            "/contingency/testing/frequency_months": 24,
            "/contingency/testing/last_test": "2025-06-01",
        },
        turns_on=D(2027, 6, 1),
    ),
    Case(
        "ADM-020",
        "overdue-on-own-cycle",
        "fail",
        {"/contingency/testing/last_test": "2025-07-01"},
        paths=("/contingency/testing/last_test",),
        message="overdue since 2026-07-01 (12-month cycle)",
    ),
    Case(
        "ADM-020",
        "never",
        "fail",
        {"/contingency/testing/last_test": DELETE},
        paths=("/contingency/testing",),
        message="no date is recorded for the last contingency plan test",
    ),
    Case(
        "ADM-020",
        "no-cycle-declared",
        "fail",
        {"/contingency/testing/frequency_months": DELETE},
        paths=("/contingency/testing",),
        message="no cycle is declared",
    ),
    # ADM-038 contingency testing every 12 months (benchmark)
    Case("ADM-038", "tested", "pass", turns_on=D(2027, 7, 12)),
    Case(
        "ADM-038",
        "own-longer-cycle-held-to-12",
        "fail",
        {
            "/contingency/testing/frequency_months": 24,
            "/contingency/testing/last_test": "2025-06-01",
        },
        message="overdue since 2026-06-01 (12-month cycle); benchmark: 12 months",
    ),
    Case(
        "ADM-038", "never-is-adm-020", "not_applicable",
        {"/contingency/testing/last_test": DELETE}
    ),
    # ADM-021 criticality analysis
    Case("ADM-021", "done", "pass", paths=("/contingency/criticality_analysis",)),
    Case(
        "ADM-021",
        "not-done",
        "fail",
        {"/contingency/criticality_analysis": False},
        paths=("/contingency/criticality_analysis",),
    ),
    # ADM-022 evaluation on the organization's cycle and after changes (required)
    Case(
        "ADM-022",
        "current",
        "pass",
        paths=("/evaluation/last_performed",),
        turns_on=D(2027, 6, 20),
    ),
    Case(
        "ADM-022",
        "overdue",
        "fail",
        {"/evaluation/last_performed": "2025-06-01"},
        paths=("/evaluation/last_performed",),
        message="overdue since 2026-06-01",
    ),
    # Not a graded measure: "not after environment changes" failed half before, fails now.
    Case(
        "ADM-022",
        "not-after-change",
        "fail",
        {"/evaluation/after_environment_change": False},
        paths=("/evaluation/after_environment_change",),
        message="it is not repeated after environment changes",
    ),
    Case(
        "ADM-022",
        "never",
        "fail",
        {"/evaluation/last_performed": DELETE},
        paths=("/evaluation",),
        message="no date is recorded for the last evaluation",
    ),
    # ADM-039 evaluation every 12 months (benchmark)
    Case("ADM-039", "current", "pass", turns_on=D(2027, 6, 20)),
    Case(
        "ADM-039",
        "own-longer-cycle-held-to-12",
        "fail",
        {"/evaluation/frequency_months": 24, "/evaluation/last_performed": "2025-06-01"},
        message="overdue since 2026-06-01 (12-month cycle); benchmark: 12 months",
    ),
    Case("ADM-039", "never-is-adm-022", "not_applicable", {"/evaluation/last_performed": DELETE}),
    # ADM-023 workforce security across the lifecycle
    Case("ADM-023", "all-stages", "pass"),
    Case(
        "ADM-023",
        "clearance-only-is-enough-to-join",
        "pass",
        {"/workforce/authorization_supervision": False},
    ),
    Case(
        "ADM-023",
        "no-joining-measure",
        "fail",
        {"/workforce/authorization_supervision": False, "/workforce/clearance_procedure": False},
        paths=("/workforce/authorization_supervision", "/workforce/clearance_procedure"),
        message="workforce access has no control when joining",
    ),
    Case(
        "ADM-023",
        "nothing",
        "fail",
        {
            "/workforce/authorization_supervision": False,
            "/workforce/clearance_procedure": False,
            "/access_control/least_privilege": False,
            "/workforce/termination/procedure_documented": False,
        },
        message="when joining (authorization, supervision or clearance), working (least "
        "privilege) and leaving (a termination procedure)",
    ),
]

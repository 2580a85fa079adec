"""Cases for controls/technical.py (TECH-001..TECH-037), as patches to the strong base config.

The base has one platform, /platforms/0 "CareLink Video" (video_visits, handles ePHI). Cases
that need a second platform append PORTAL (a patient portal handling ePHI) as /platforms/1.
Cases marked "old logic" fail (or pass) where the control before issue 10 gave another answer.
"""

from __future__ import annotations

import datetime as dt

from tests.controls.harness import DELETE, Case

PORTAL = {
    "name": "Acme Portal",
    "vendor": "Acme Health IT",
    "purpose": "patient_portal",
    "handles_ephi": True,
    "tls_min_version": "1.2",
    "encryption_at_rest": {"enabled": True, "algorithm": "AES-256", "fips_validated": True},
    "mfa": True,
    "audit_logging": True,
    "session_timeout_minutes": 10,
    "public_facing": False,
    "tracking_technologies": False,
}


def _portal(*drop: str, **changes: object) -> dict[str, object]:
    """PORTAL with some keys changed and the keys named in `drop` removed."""
    return {key: value for key, value in {**PORTAL, **changes}.items() if key not in drop}


NO_PLATFORMS: dict[str, object] = {"/platforms": []}
SCHEDULER_ONLY = {
    "/platforms": [{"name": "Booker", "purpose": "scheduling", "handles_ephi": False}]
}
#: A clinical purpose is in scope whatever the flag says (the one handles_ephi definition).
PORTAL_FLAGGED_OUT = _portal(handles_ephi=False)
RECORDING = {"/platforms/0/recording/allowed": True}
TX = "/transmission_security"
REQUEST = f"{TX}/unencrypted_at_patient_request"
WARNED = {"channels": ["email", "sms"], "risk_warning_given": True, "choice_recorded": True}

CASES = [
    # TECH-001 unique user ids, no shared accounts
    Case("TECH-001", "base", "pass", paths=("/access_control/unique_user_ids",)),
    Case(
        "TECH-001",
        "shared-accounts",  # old logic: half credit
        "fail",
        {"/access_control/shared_accounts": True},
        paths=("/access_control/shared_accounts",),
        message="users have unique ids but shared accounts are still in use",
    ),
    Case(
        "TECH-001",
        "no-unique-ids",
        "fail",
        {"/access_control/unique_user_ids": False},
        paths=("/access_control/unique_user_ids",),
        message="unique user ids are not enforced for access to ePHI",
    ),
    Case(
        "TECH-001",
        "unique-ids-absent",
        "fail",
        {"/access_control/unique_user_ids": DELETE},
        paths=("/access_control",),
    ),
    Case(
        "TECH-001",
        "neither",
        "fail",
        {"/access_control/unique_user_ids": False, "/access_control/shared_accounts": True},
        paths=("/access_control/unique_user_ids", "/access_control/shared_accounts"),
        message="unique user ids are not enforced and shared accounts are in use",
    ),
    # TECH-028 person or entity authentication (required part of 164.312(d))
    Case("TECH-028", "base", "pass", message="users authenticate with their own credentials"),
    Case(
        "TECH-028",
        "mfa-only",
        "pass",
        {"/access_control/password_policy": DELETE},
    ),
    Case(
        "TECH-028",
        "password-policy-only",
        "pass",
        {"/access_control/mfa": DELETE},
    ),
    Case(
        "TECH-028",
        "no-mechanism",
        "fail",
        {"/access_control/mfa": DELETE, "/access_control/password_policy": DELETE},
        paths=("/access_control",),
        message="no authentication mechanism (password policy or MFA) is recorded",
    ),
    Case(
        "TECH-028",
        "shared-logins",
        "fail",
        {"/access_control/shared_accounts": True},
        paths=("/access_control/shared_accounts",),
        message="shared logins are in use",
    ),
    # TECH-002 emergency access procedure (required)
    Case(
        "TECH-002",
        "base",
        "pass",
        paths=("/access_control/emergency_access/procedure_documented",),
    ),
    Case(
        "TECH-002",
        "never-tested-still-documented",  # old logic: half credit; the cadence is TECH-029's
        "pass",
        {"/access_control/emergency_access/last_tested": DELETE},
    ),
    Case(
        "TECH-002",
        "not-documented",
        "fail",
        {"/access_control/emergency_access/procedure_documented": False},
        paths=("/access_control/emergency_access/procedure_documented",),
        message="no emergency access procedure is documented",
    ),
    # TECH-029 emergency access test cadence (benchmark)
    Case(
        "TECH-029",
        "base",
        "pass",
        paths=("/access_control/emergency_access/last_tested",),
        turns_on=dt.date(2027, 5, 5),
    ),
    Case(
        "TECH-029",
        "tested-12-months-less-a-day",
        "pass",
        {"/access_control/emergency_access/last_tested": "2025-11-02"},
        turns_on=dt.date(2026, 11, 2),
    ),
    Case(
        "TECH-029",
        "due-exactly-today",
        "fail",
        {"/access_control/emergency_access/last_tested": "2025-11-01"},
        paths=("/access_control/emergency_access/last_tested",),
        message="overdue since 2026-11-01 (12-month cycle) (benchmark: a yearly test is a "
        "convention; HIPAA sets no cadence)",
    ),
    Case(
        "TECH-029",
        "tailored-18-months",
        "pass",
        {"/access_control/emergency_access/last_tested": "2025-11-01"},
        limits=((None, 18),),
        turns_on=dt.date(2027, 5, 1),
    ),
    Case(
        "TECH-029",
        "test-date-in-future",
        "fail",
        {"/access_control/emergency_access/last_tested": "2026-11-02"},
        message="after the assessment date",
    ),
    Case(
        "TECH-029",
        "never-tested",
        "fail",
        {"/access_control/emergency_access/last_tested": DELETE},
        paths=("/access_control/emergency_access",),
        message="no date is recorded for the last emergency access test",
    ),
    Case(
        "TECH-029",
        "no-procedure",
        "not_applicable",
        {"/access_control/emergency_access/procedure_documented": False},
        message="(TECH-002)",
    ),
    # TECH-003 automatic logoff configured (addressable)
    Case("TECH-003", "15-minutes", "pass", paths=("/access_control/automatic_logoff_minutes",)),
    Case(
        "TECH-003",
        "60-minutes-still-a-logoff",  # old logic: fail; the number is TECH-026's
        "pass",
        {"/access_control/automatic_logoff_minutes": 60},
        message="automatic logoff after 60 minutes",
    ),
    Case(
        "TECH-003",
        "absent",
        "fail",
        {"/access_control/automatic_logoff_minutes": DELETE},
        paths=("/access_control",),
        message="no automatic logoff is configured",
    ),
    # TECH-026 automatic logoff benchmark (15 minutes, tailorable)
    Case(
        "TECH-026",
        "15-minutes",
        "pass",
        paths=("/access_control/automatic_logoff_minutes",),
        message="(benchmark: 15 minutes)",
    ),
    Case(
        "TECH-026",
        "16-minutes",
        "partial",
        {"/access_control/automatic_logoff_minutes": 16},
        credit=0.5,
        paths=("/access_control/automatic_logoff_minutes",),
        message="automatic logoff is 16 minutes; benchmark: 15 minutes or less (CIS Controls v8 "
        "4.3 names 15; HIPAA sets no number)",
    ),
    Case(
        "TECH-026",
        "30-minutes",
        "partial",
        {"/access_control/automatic_logoff_minutes": 30},
        credit=0.5,
    ),
    Case(
        "TECH-026",
        "31-minutes",
        "fail",
        {"/access_control/automatic_logoff_minutes": 31},
        message="automatic logoff is 31 minutes",
    ),
    Case(
        "TECH-026",
        "tailored-20-minutes",
        "pass",
        {"/access_control/automatic_logoff_minutes": 20},
        limits=((None, 20),),
        message="(benchmark: 20 minutes)",
    ),
    Case(
        "TECH-026",
        "absent",
        "not_applicable",
        {"/access_control/automatic_logoff_minutes": DELETE},
        message="(TECH-003)",
    ),
    # TECH-004 every ePHI platform ends idle sessions (addressable)
    Case(
        "TECH-004",
        "base",
        "pass",
        paths=("/platforms/0/session_timeout_minutes",),
    ),
    Case(
        "TECH-004",
        "60-minutes-still-a-timeout",  # the number is TECH-027's
        "pass",
        {"/platforms/0/session_timeout_minutes": 60},
    ),
    Case(
        "TECH-004",
        "one-of-two-unrecorded",  # old logic: half credit
        "fail",
        {"/platforms/-": _portal("session_timeout_minutes")},
        paths=("/platforms/1",),
        message="1 of 2 ePHI platforms fail: Acme Portal: no session timeout is recorded",
        instances=("Acme Portal",),
    ),
    Case("TECH-004", "no-platforms", "not_applicable", NO_PLATFORMS, paths=("/platforms",)),
    Case("TECH-004", "no-ephi-platform", "not_applicable", SCHEDULER_ONLY),
    # TECH-027 platform timeout benchmark (15 minutes, tailorable per platform)
    Case("TECH-027", "15-minutes", "pass", paths=("/platforms/0/session_timeout_minutes",)),
    Case(
        "TECH-027",
        "16-minutes",
        "fail",
        {"/platforms/0/session_timeout_minutes": 16},
        paths=("/platforms/0/session_timeout_minutes",),
        message="CareLink Video: times out after 16 minutes (benchmark: 15 minutes or less)",
        instances=("CareLink Video",),
    ),
    Case(
        "TECH-027",
        "one-of-two-too-long",  # old logic: half credit
        "fail",
        {"/platforms/-": _portal(session_timeout_minutes=60)},
        paths=("/platforms/1/session_timeout_minutes",),
        message="1 of 2 ePHI platforms fail: Acme Portal: times out after 60 minutes",
        instances=("Acme Portal",),
    ),
    Case(
        "TECH-027",
        "tailored-for-that-platform",
        "pass",
        {"/platforms/-": _portal(session_timeout_minutes=60)},
        limits=(("Acme Portal", 60),),
    ),
    Case(
        "TECH-027",
        "tailored-for-another-platform",
        "fail",
        {"/platforms/-": _portal(session_timeout_minutes=60)},
        limits=(("CareLink Video", 60),),
        instances=("Acme Portal",),
    ),
    Case(
        "TECH-027",
        "flag-cannot-take-a-portal-out-of-scope",
        "fail",
        {"/platforms/-": _portal(handles_ephi=False, session_timeout_minutes=60)},
        instances=("Acme Portal",),
    ),
    Case(
        "TECH-027",
        "timeout-unrecorded",
        "not_applicable",
        {"/platforms/0/session_timeout_minutes": DELETE},
        message="(TECH-004)",
    ),
    # TECH-005 role-based, least privilege
    Case(
        "TECH-005",
        "base",
        "pass",
        paths=("/access_control/role_based_access", "/access_control/least_privilege"),
    ),
    Case(
        "TECH-005",
        "no-least-privilege",  # old logic: half credit
        "fail",
        {"/access_control/least_privilege": False},
        paths=("/access_control/least_privilege",),
        message="least privilege not enforced",
    ),
    Case(
        "TECH-005",
        "neither",
        "fail",
        {"/access_control/role_based_access": DELETE, "/access_control/least_privilege": False},
        paths=("/access_control", "/access_control/least_privilege"),
        message="role-based access and least privilege not enforced",
    ),
    # TECH-006 encryption at rest, every storage class
    Case("TECH-006", "base", "pass", paths=("/encryption/at_rest/covers",)),
    Case(
        "TECH-006",
        "workstations-and-removable-media-left-out",  # old logic: pass
        "fail",
        {
            "/encryption/at_rest/covers": [
                "servers", "databases", "backups", "laptops", "mobile_devices"
            ]
        },
        paths=("/encryption/at_rest/covers",),
        message="does not cover 2 of 7 classes of storage: workstations and removable_media",
        instances=("workstations", "removable_media"),
    ),
    Case(
        "TECH-006",
        "laptops-uncovered",  # old logic: partial credit
        "fail",
        {
            "/encryption/at_rest/covers": [
                "servers", "databases", "backups", "workstations", "mobile_devices",
                "removable_media",
            ]
        },
        message="does not cover 1 of 7 classes of storage: laptops",
        instances=("laptops",),
    ),
    Case(
        "TECH-006",
        "not-fips-is-the-benchmarks",  # old logic: partial credit; FIPS is TECH-030's
        "pass",
        {"/encryption/at_rest/fips_validated": False},
    ),
    Case(
        "TECH-006",
        "disabled",
        "fail",
        {"/encryption/at_rest/enabled": False},
        paths=("/encryption/at_rest/enabled",),
        message="encryption at rest is not enabled for ePHI",
        instances=(
            "servers", "databases", "backups", "laptops", "workstations", "mobile_devices",
            "removable_media",
        ),
    ),
    Case(
        "TECH-006",
        "algorithm-none",
        "fail",
        {"/encryption/at_rest/algorithm": "none"},
        paths=("/encryption/at_rest/algorithm",),
    ),
    Case(
        "TECH-006",
        "nothing-covered",
        "fail",
        {"/encryption/at_rest/covers": DELETE},
        paths=("/encryption/at_rest",),
    ),
    # TECH-007 platform encryption at rest
    Case("TECH-007", "base", "pass", paths=("/platforms/0/encryption_at_rest/enabled",)),
    Case(
        "TECH-007",
        "not-fips-is-the-benchmarks",  # old logic: half credit
        "pass",
        {"/platforms/0/encryption_at_rest/fips_validated": False},
    ),
    Case(
        "TECH-007",
        "disabled",
        "fail",
        {"/platforms/0/encryption_at_rest/enabled": False},
        paths=("/platforms/0/encryption_at_rest/enabled",),
        message="CareLink Video: does not encrypt ePHI at rest",
    ),
    Case(
        "TECH-007",
        "second-platform-unencrypted",  # old logic: half credit
        "fail",
        {"/platforms/-": _portal("encryption_at_rest")},
        paths=("/platforms/1",),
        message="1 of 2 ePHI platforms fail: Acme Portal: does not encrypt ePHI at rest",
        instances=("Acme Portal",),
    ),
    Case("TECH-007", "no-platforms", "not_applicable", NO_PLATFORMS),
    # TECH-030 FIPS-validated modules at rest (benchmark)
    Case("TECH-030", "base", "pass", paths=("/encryption/at_rest/fips_validated",)),
    Case(
        "TECH-030",
        "org-not-fips",
        "fail",
        {"/encryption/at_rest/fips_validated": False},
        paths=("/encryption/at_rest/fips_validated",),
        message="organization storage: its modules are not recorded as FIPS-validated",
        instances=("organization storage",),
    ),
    Case(
        "TECH-030",
        "other-algorithm",
        "fail",
        {"/encryption/at_rest/algorithm": "other"},
        message="its algorithm 'other' is not a FIPS-approved AES",
    ),
    Case(
        "TECH-030",
        "portal-not-fips",
        "fail",
        {"/platforms/-": _portal(encryption_at_rest={"enabled": True, "algorithm": "AES-256"})},
        paths=("/platforms/1/encryption_at_rest",),
        message="1 of 3 encrypted stores fail: Acme Portal",
        instances=("Acme Portal",),
    ),
    Case(
        "TECH-030",
        "nothing-encrypted",
        "not_applicable",
        {"/encryption/at_rest/enabled": False, "/platforms": []},
    ),
    # TECH-008 AES-256 policy (benchmark)
    Case(
        "TECH-008",
        "base",
        "pass",
        paths=("/encryption/at_rest/algorithm", "/platforms/0/encryption_at_rest/algorithm"),
    ),
    Case(
        "TECH-008",
        "org-aes-128",  # old logic: half credit
        "fail",
        {"/encryption/at_rest/algorithm": "AES-128"},
        paths=("/encryption/at_rest/algorithm",),
        message="organization storage: uses AES-128 (policy benchmark: AES-256)",
        instances=("organization storage",),
    ),
    Case(
        "TECH-008",
        "all-short",
        "fail",
        {
            "/encryption/at_rest/algorithm": "AES-128",
            "/platforms/0/encryption_at_rest/algorithm": "AES-192",
        },
        paths=("/encryption/at_rest/algorithm", "/platforms/0/encryption_at_rest/algorithm"),
        message="AES-128 and AES-192 are FIPS-approved too, and HIPAA names no key length",
        instances=("organization storage", "CareLink Video"),
    ),
    Case(
        "TECH-008",
        "tailored-128",
        "pass",
        {"/encryption/at_rest/algorithm": "AES-128"},
        limits=(("organization storage", 128),),
    ),
    Case(
        "TECH-008",
        "no-encryption-to-compare",
        "not_applicable",
        {"/encryption/at_rest/enabled": False, "/platforms": []},
    ),
    # TECH-009 keys stored apart
    Case("TECH-009", "base", "pass", paths=("/encryption/key_management/keys_stored_separately",)),
    Case(
        "TECH-009",
        "keys-beside-data",
        "fail",
        {"/encryption/key_management/keys_stored_separately": False},
        paths=("/encryption/key_management/keys_stored_separately",),
        message="encryption keys are not stored separately",
    ),
    # TECH-031 key management documented
    Case("TECH-031", "base", "pass", paths=("/encryption/key_management/documented",)),
    Case(
        "TECH-031",
        "undocumented",
        "fail",
        {"/encryption/key_management/documented": False},
        paths=("/encryption/key_management/documented",),
        message="key management (generation, storage, rotation, destruction) is not documented",
    ),
    # TECH-032 key rotation (benchmark)
    Case("TECH-032", "base", "pass", paths=("/encryption/key_management/rotation_months",)),
    Case(
        "TECH-032", "rotation-24-months", "pass", {"/encryption/key_management/rotation_months": 24}
    ),
    Case(
        "TECH-032",
        "rotation-25-months",
        "fail",
        {"/encryption/key_management/rotation_months": 25},
        paths=("/encryption/key_management/rotation_months",),
        message="keys rotate every 25 months; benchmark: 24 or less",
    ),
    Case(
        "TECH-032",
        "tailored-36-months",
        "pass",
        {"/encryption/key_management/rotation_months": 36},
        limits=((None, 36),),
    ),
    Case(
        "TECH-032",
        "no-rotation",
        "fail",
        {"/encryption/key_management/rotation_months": DELETE},
        paths=("/encryption/key_management",),
        message="no key rotation period is set",
    ),
    # TECH-010 audit controls
    Case("TECH-010", "base", "pass", paths=("/audit_controls/systems",)),
    Case(
        "TECH-010",
        "telemedicine-not-covered",  # old logic: half credit
        "fail",
        {"/audit_controls/systems": ["ehr", "patient_portal"]},
        paths=("/audit_controls/systems",),
        message="audit logging does not cover CareLink Video (telemedicine_platform is not in "
        "audit_controls.systems)",
        instances=("CareLink Video",),
    ),
    Case(
        "TECH-010",
        "portal-and-video-uncovered",
        "fail",
        {"/audit_controls/systems": ["ehr"], "/platforms/-": PORTAL},
        instances=("CareLink Video", "Acme Portal"),
    ),
    Case(
        "TECH-010",
        "scope-unconfirmed",
        "fail",
        {"/audit_controls/covers_all_ephi_systems": False},
        paths=("/audit_controls/covers_all_ephi_systems",),
        instances=(),
    ),
    Case(
        "TECH-010",
        "disabled",
        "fail",
        {"/audit_controls/enabled": False},
        paths=("/audit_controls/enabled",),
        message="audit controls are not enabled",
    ),
    # TECH-011 platform audit logging
    Case("TECH-011", "base", "pass", paths=("/platforms/0/audit_logging",)),
    Case(
        "TECH-011",
        "no-logging",
        "fail",
        {"/platforms/0/audit_logging": False},
        paths=("/platforms/0/audit_logging",),
        message="CareLink Video: keeps no audit log",
    ),
    Case(
        "TECH-011",
        "second-platform-unlogged",  # old logic: half credit
        "fail",
        {"/platforms/-": _portal("audit_logging")},
        paths=("/platforms/1",),
        message="1 of 2 ePHI platforms fail: Acme Portal: keeps no audit log",
        instances=("Acme Portal",),
    ),
    Case("TECH-011", "no-platforms", "not_applicable", NO_PLATFORMS),
    # TECH-012 audit log tamper protection (benchmark)
    Case("TECH-012", "base", "pass", paths=("/audit_controls/tamper_protection",)),
    Case(
        "TECH-012",
        "not-tamper-protected",
        "fail",
        {"/audit_controls/tamper_protection": False},
        paths=("/audit_controls/tamper_protection",),
        message="audit logs are not protected from tampering (benchmark",
    ),
    Case(
        "TECH-012",
        "audit-disabled",  # old logic: fail, double-counting TECH-010
        "not_applicable",
        {"/audit_controls/enabled": False},
        message="(TECH-010)",
    ),
    # TECH-033 audit log retention 6 years (benchmark)
    Case("TECH-033", "six-years", "pass", paths=("/audit_controls/retention_years",)),
    Case(
        "TECH-033",
        "five-years",
        "fail",
        {"/audit_controls/retention_years": 5},
        paths=("/audit_controls/retention_years",),
        message="audit logs are kept 5 years; the convention is 6 (not an explicit HIPAA rule)",
    ),
    Case(
        "TECH-033",
        "tailored-three-years",
        "pass",
        {"/audit_controls/retention_years": 3},
        limits=((None, 3),),
    ),
    Case(
        "TECH-033",
        "absent",
        "fail",
        {"/audit_controls/retention_years": DELETE},
        paths=("/audit_controls",),
        message="no audit log retention period is set",
    ),
    Case("TECH-033", "audit-disabled", "not_applicable", {"/audit_controls/enabled": False}),
    # TECH-013 integrity standard (required)
    Case(
        "TECH-013",
        "base",
        "pass",
        paths=("/integrity/ephi_integrity_checks", "/contingency/backup/enabled"),
    ),
    Case(
        "TECH-013",
        "mutable-backups-is-the-benchmarks",  # old logic: half credit; now TECH-034's
        "pass",
        {"/contingency/backup/immutable": False},
    ),
    Case(
        "TECH-013",
        "no-integrity-checks",
        "fail",
        {"/integrity/ephi_integrity_checks": False},
        paths=("/integrity/ephi_integrity_checks",),
        message="nothing detects improper alteration of stored ePHI",
    ),
    Case(
        "TECH-013",
        "neither",
        "fail",
        {"/integrity/ephi_integrity_checks": False, "/contingency/backup/enabled": DELETE},
        paths=("/integrity/ephi_integrity_checks", "/contingency/backup"),
        message="and nothing protects ePHI from destruction (no backup)",
    ),
    # TECH-034 immutable backups (benchmark)
    Case("TECH-034", "base", "pass", paths=("/contingency/backup/immutable",)),
    Case(
        "TECH-034",
        "mutable",
        "fail",
        {"/contingency/backup/immutable": False},
        paths=("/contingency/backup/immutable",),
        message="backups are not immutable or offline (benchmark",
    ),
    Case("TECH-034", "no-backup", "not_applicable", {"/contingency/backup/enabled": False}),
    # TECH-014 integrity mechanism
    Case("TECH-014", "base", "pass", paths=("/integrity/ephi_integrity_checks",)),
    Case(
        "TECH-014",
        "no-mechanism",
        "fail",
        {"/integrity/ephi_integrity_checks": False},
        paths=("/integrity/ephi_integrity_checks",),
        message="no mechanism (checksum, hash or signature)",
    ),
    Case(
        "TECH-014",
        "integrity-section-absent",
        "fail",
        {"/integrity": DELETE},
        paths=("/integrity",),
    ),
    # TECH-015 MFA for remote and administrative access (benchmark)
    Case(
        "TECH-015",
        "phishing-resistant",
        "pass",
        paths=("/access_control/mfa/remote_access",),
        message="phishing-resistant MFA protects remote and administrative access",
    ),
    Case(
        "TECH-015",
        "plain-mfa",
        "pass",
        {"/access_control/mfa/phishing_resistant": False},
        message="MFA protects remote and administrative access",
    ),
    Case(
        "TECH-015",
        "no-remote-mfa",  # old logic: half credit
        "fail",
        {"/access_control/mfa/remote_access": False},
        paths=("/access_control/mfa/remote_access",),
        message="remote access: no MFA is required (benchmark: HIPAA's 164.312(d) requires "
        "authentication but names no method",
        instances=("remote access",),
    ),
    Case(
        "TECH-015",
        "no-mfa",
        "fail",
        {"/access_control/mfa": DELETE},
        paths=("/access_control",),
        instances=("remote access", "administrative access"),
    ),
    # TECH-016 platform MFA (benchmark)
    Case("TECH-016", "base", "pass", paths=("/platforms/0/mfa",)),
    Case(
        "TECH-016",
        "sso-without-mfa",
        "fail",
        {"/platforms/0/mfa": False},
        paths=("/platforms/0/mfa",),
        message="CareLink Video: uses SSO without MFA recorded (SSO alone is not MFA)",
    ),
    Case(
        "TECH-016",
        "second-platform-no-mfa",  # old logic: half credit
        "fail",
        {"/platforms/-": _portal(mfa=False)},
        paths=("/platforms/1/mfa",),
        message="1 of 2 ePHI platforms fail: Acme Portal: has no MFA",
        instances=("Acme Portal",),
    ),
    Case(
        "TECH-016",
        "portal-flagged-out-still-in-scope",  # old logic: pass (a flag took it out of scope)
        "fail",
        {"/platforms/-": {**PORTAL_FLAGGED_OUT, "mfa": False}},
        instances=("Acme Portal",),
    ),
    Case("TECH-016", "no-platforms", "not_applicable", NO_PLATFORMS),
    # TECH-017 messaging channels (addressable), patient requests honoured
    Case("TECH-017", "base", "pass", paths=(f"{TX}/email_encryption",)),
    Case(
        "TECH-017",
        "sms",  # old logic: 0.75 credit
        "fail",
        {f"{TX}/sms_for_ephi": True},
        paths=(f"{TX}/sms_for_ephi",),
        message="SMS: ePHI is sent by SMS",
        instances=("SMS",),
    ),
    Case(
        "TECH-017",
        "patient-requested-sms-and-email",  # old logic: fail
        "pass",
        {f"{TX}/sms_for_ephi": True, f"{TX}/email_encryption": False, REQUEST: WARNED},
        paths=(REQUEST,),
        message="unencrypted SMS and e-mail goes only to patients who asked after a risk warning",
    ),
    Case(
        "TECH-017",
        "patient-request-without-warning",
        "fail",
        {
            f"{TX}/email_encryption": False,
            REQUEST: {"channels": ["email"], "choice_recorded": True},
        },
        message="e-mail: is listed as a patient request, but the risk warning or the recorded "
        "choice is missing",
        instances=("e-mail",),
    ),
    Case(
        "TECH-017",
        "request-for-email-does-not-cover-sms",
        "fail",
        {f"{TX}/sms_for_ephi": True, REQUEST: {**WARNED, "channels": ["email"]}},
        instances=("SMS",),
    ),
    Case(
        "TECH-017",
        "personal-email-never-honoured",
        "fail",
        {f"{TX}/personal_email_for_ephi": True, REQUEST: WARNED},
        paths=(f"{TX}/personal_email_for_ephi",),
        instances=("personal e-mail",),
    ),
    Case(
        "TECH-017",
        "secure-messaging-is-the-benchmarks",  # old logic: 0.75 credit; now TECH-035's
        "pass",
        {f"{TX}/secure_messaging": False},
    ),
    Case(
        "TECH-017",
        "all-wrong",
        "fail",
        {
            f"{TX}/sms_for_ephi": True,
            f"{TX}/personal_email_for_ephi": True,
            f"{TX}/email_encryption": DELETE,
        },
        paths=(f"{TX}/personal_email_for_ephi", TX),
        instances=("SMS", "e-mail", "personal e-mail"),
    ),
    # TECH-035 secure messaging (benchmark)
    Case("TECH-035", "base", "pass", paths=(f"{TX}/secure_messaging",)),
    Case(
        "TECH-035",
        "none",
        "fail",
        {f"{TX}/secure_messaging": False},
        paths=(f"{TX}/secure_messaging",),
        message="no secure messaging channel is provided (benchmark",
    ),
    # TECH-018 encryption in transit (addressable), organization and every platform
    Case(
        "TECH-018",
        "base",
        "pass",
        paths=(f"{TX}/tls_min_version", "/platforms/0/tls_min_version"),
    ),
    Case(
        "TECH-018",
        "tls-1.0-still-encrypts",  # the version is TECH-019's
        "pass",
        {"/platforms/0/tls_min_version": "1.0"},
    ),
    Case(
        "TECH-018",
        "platform-records-no-tls",  # old logic: pass (only the organization was read)
        "fail",
        {"/platforms/-": _portal("tls_min_version")},
        paths=("/platforms/1",),
        message="1 of 3 services and ePHI platforms fail: Acme Portal: no encryption in "
        "transit (TLS) is recorded",
        instances=("Acme Portal",),
    ),
    Case(
        "TECH-018",
        "organization-records-no-tls",
        "fail",
        {f"{TX}/tls_min_version": DELETE},
        paths=(TX,),
        instances=("organization services",),
    ),
    # TECH-019 TLS 1.2+ (benchmark), organization and every platform
    Case("TECH-019", "base", "pass", paths=("/platforms/0/tls_min_version",)),
    Case("TECH-019", "tls-1.3", "pass", {f"{TX}/tls_min_version": "1.3"}),
    Case(
        "TECH-019",
        "organization-tls-1.1",
        "fail",
        {f"{TX}/tls_min_version": "1.1"},
        paths=(f"{TX}/tls_min_version",),
        message="organization services: accepts TLS 1.1 (benchmark: NIST SP 800-52r2 requires "
        "1.2 or higher)",
        instances=("organization services",),
    ),
    Case(
        "TECH-019",
        "portal-tls-1.0-while-organization-is-1.2",  # old TECH-018: pass
        "fail",
        {"/platforms/-": _portal(tls_min_version="1.0")},
        paths=("/platforms/1/tls_min_version",),
        message="1 of 3 services and ePHI platforms fail: Acme Portal: accepts TLS 1.0",
        instances=("Acme Portal",),
    ),
    Case(
        "TECH-019",
        "unrecorded-is-tech-018s",  # old logic: half credit
        "pass",
        {"/platforms/-": _portal("tls_min_version")},
    ),
    Case(
        "TECH-019",
        "nothing-recorded",
        "not_applicable",
        {f"{TX}/tls_min_version": DELETE, "/platforms": []},
    ),
    # TECH-020 transmission integrity
    Case("TECH-020", "base", "pass", paths=("/integrity/transmission_integrity",)),
    Case(
        "TECH-020",
        "off",
        "fail",
        {"/integrity/transmission_integrity": False},
        paths=("/integrity/transmission_integrity",),
        message="no integrity protection",
    ),
    # TECH-021 VPN
    Case("TECH-021", "base", "pass", paths=(f"{TX}/vpn_for_remote_access",)),
    Case(
        "TECH-021",
        "absent",
        "fail",
        {f"{TX}/vpn_for_remote_access": DELETE},
        paths=(TX,),
        message="does not go through a VPN or equivalent",
    ),
    # TECH-022 video media encrypted (addressable)
    Case("TECH-022", "base", "pass", paths=("/platforms/0/video/protocol",)),
    Case(
        "TECH-022",
        "not-end-to-end-is-the-benchmarks",  # old logic: half credit; now TECH-036's
        "pass",
        {"/platforms/0/video/end_to_end_encryption": False},
    ),
    Case(
        "TECH-022",
        "unencrypted",
        "fail",
        {"/platforms/0/video/protocol": "unencrypted"},
        paths=("/platforms/0/video/protocol",),
        message="CareLink Video: sends video unencrypted",
        instances=("CareLink Video",),
    ),
    Case(
        "TECH-022",
        "protocol-unrecorded-but-e2ee",
        "pass",
        {"/platforms/0/video/protocol": DELETE},
    ),
    Case(
        "TECH-022",
        "no-video-section",
        "fail",
        {"/platforms/0/video": DELETE},
        paths=("/platforms/0",),
        message="records no encrypted media protocol",
    ),
    Case(
        "TECH-022",
        "second-video-platform-unencrypted",
        "fail",
        {
            "/platforms/-": _portal(
                name="OpenCam", purpose="video_visits", video={"protocol": "unencrypted"}
            )
        },
        paths=("/platforms/1/video/protocol",),
        message="1 of 2 video visit platforms fail: OpenCam: sends video unencrypted",
        instances=("OpenCam",),
    ),
    Case(
        "TECH-022",
        "no-video-platform",
        "not_applicable",
        {"/platforms/0/purpose": "secure_messaging"},
        message="no platform is used for video visits",
    ),
    # TECH-036 video end-to-end encryption (benchmark)
    Case("TECH-036", "base", "pass", paths=("/platforms/0/video/end_to_end_encryption",)),
    Case(
        "TECH-036",
        "not-end-to-end",
        "fail",
        {"/platforms/0/video/end_to_end_encryption": False},
        paths=("/platforms/0/video/end_to_end_encryption",),
        message="CareLink Video: video is not end-to-end encrypted",
        instances=("CareLink Video",),
    ),
    Case(
        "TECH-036",
        "unencrypted-is-tech-022s",
        "not_applicable",
        {"/platforms/0/video/protocol": "unencrypted"},
    ),
    # TECH-023 public-facing products
    Case("TECH-023", "base", "pass", paths=("/platforms/0/public_facing",)),
    Case(
        "TECH-023",
        "facebook-live",
        "fail",
        {"/platforms/-": _portal(name="Facebook Live", purpose="video_visits", public_facing=True)},
        paths=("/platforms/1/public_facing",),
        message="1 of 2 ePHI platforms fail: Facebook Live: is public-facing",
        instances=("Facebook Live",),
    ),
    Case("TECH-023", "no-platforms", "not_applicable", NO_PLATFORMS),
    # TECH-024 recordings encrypted (addressable)
    Case(
        "TECH-024",
        "recording-not-allowed",
        "not_applicable",
        message="no platform allows session recording",
    ),
    Case(
        "TECH-024",
        "allowed-encrypted",
        "pass",
        RECORDING,
        paths=("/platforms/0/recording/encrypted",),
    ),
    Case(
        "TECH-024",
        "no-consent-is-state-law",  # old logic: half credit; consent is TECH-037's
        "pass",
        {**RECORDING, "/platforms/0/recording/consent_required": False},
    ),
    Case(
        "TECH-024",
        "unencrypted",
        "fail",
        {**RECORDING, "/platforms/0/recording/encrypted": False},
        paths=("/platforms/0/recording/encrypted",),
        message="CareLink Video: recordings are not encrypted",
        instances=("CareLink Video",),
    ),
    # TECH-037 recording consent (other law)
    Case("TECH-037", "recording-not-allowed", "not_applicable"),
    Case(
        "TECH-037",
        "allowed-with-consent",
        "pass",
        RECORDING,
        paths=("/platforms/0/recording/consent_required",),
    ),
    Case(
        "TECH-037",
        "no-consent",
        "fail",
        {**RECORDING, "/platforms/0/recording/consent_required": DELETE},
        paths=("/platforms/0/recording",),
        message="CareLink Video: recording does not require patient consent",
        instances=("CareLink Video",),
    ),
    # TECH-025 tracking technologies
    Case("TECH-025", "base", "pass", paths=("/platforms/0/tracking_technologies",)),
    Case(
        "TECH-025",
        "pixel-on-portal",
        "fail",
        {"/platforms/-": _portal(tracking_technologies=True)},
        paths=("/platforms/1/tracking_technologies",),
        message="1 of 2 ePHI platforms fail: Acme Portal: runs third-party tracking",
        instances=("Acme Portal",),
    ),
    Case("TECH-025", "no-ephi-platform", "not_applicable", SCHEDULER_ONLY),
    # TECH-038 transmission security standard: some measure at all
    Case("TECH-038", "tls-and-vpn", "pass", paths=("/transmission_security/tls_min_version",),
         message="ePHI in transit is guarded by TLS 1.2 minimum and a VPN for remote access"),
    Case("TECH-038", "vpn-only", "pass", {"/transmission_security/tls_min_version": DELETE},
         paths=("/transmission_security/vpn_for_remote_access",)),
    Case(
        "TECH-038",
        "nothing-recorded",
        "fail",
        {"/transmission_security/tls_min_version": DELETE,
         "/transmission_security/vpn_for_remote_access": False},
        paths=("/transmission_security",),
        message="no transmission security measure is recorded",
    ),
]

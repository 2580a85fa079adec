"""Pass, fail and boundary cases for controls/nprm.py (profile hipaa-2025-nprm).

Every NPRM control is basis `proposed`: its messages say what the proposed rule would require,
and a control over a list fails when any instance fails, naming each (no credit by count).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from tests.controls.harness import DELETE, Case

D = dt.date
NPRM = "hipaa-2025-nprm"


def req(what: str) -> str:
    """How every NPRM message opens: what the proposed rule would require, never a violation."""
    return f"the proposed rule would require {what} (not yet in force); "


BACKUP = "/contingency/backup"

#: A second platform that handles ePHI: no MFA, no at-rest encryption, TLS 1.2.
CHAT_PLATFORM = {
    "name": "QuickChat",
    "purpose": "secure_messaging",
    "handles_ephi": True,
    "business_associate": "CareLink Health Inc.",
    "tls_min_version": "1.2",
    "encryption_at_rest": {"enabled": True, "algorithm": "AES-128"},
    "mfa": False,
}

#: A second business associate handling ePHI, never verified.
SECOND_ASSOCIATE = {
    "name": "NimbusCloud Hosting",
    "services": ["hosting"],
    "handles_ephi": True,
    "conduit_only": False,
    "baa": {"status": "signed", "signed": "2025-01-01"},
}


def nprm(
    control: str,
    name: str,
    status: str,
    patch: Mapping[str, Any] | None = None,
    **expect: Any,
) -> Case:
    """A case run under the NPRM profile, where these controls live."""
    return Case(control, name, status, patch or {}, profile=NPRM, **expect)


CASES = [
    # NPRM-001 asset inventory and network map
    nprm(
        "NPRM-001",
        "maintained",
        "pass",
        paths=("/risk_analysis/asset_inventory/last_updated",),
        turns_on=D(2027, 4, 1),
        message=req("an asset inventory and a network map, each updated at least every 12 months")
        + "ready: the asset inventory and network map are maintained",
    ),
    nprm(
        "NPRM-001",
        "no-network-map-fails",
        "fail",
        {"/risk_analysis/network_map/maintained": False},
        paths=("/risk_analysis/network_map/maintained",),
        message="(not yet in force); no network map is maintained",
    ),
    nprm(
        "NPRM-001",
        "both-stale",
        "fail",
        {
            "/risk_analysis/asset_inventory/last_updated": "2025-10-01",
            "/risk_analysis/network_map": DELETE,
        },
        paths=("/risk_analysis/asset_inventory/last_updated", "/risk_analysis"),
        message="the last asset inventory update was on 2025-10-01, overdue since 2026-10-01",
    ),
    # NPRM-002 yearly risk analysis
    nprm(
        "NPRM-002",
        "current",
        "pass",
        turns_on=D(2027, 4, 10),
        message=req("a written risk analysis reviewed at least every 12 months")
        + "the last risk analysis was on 2026-04-10",
    ),
    nprm(
        "NPRM-002",
        "two-year-policy-fails",
        "fail",
        {"/risk_analysis/frequency_months": 24},
        paths=("/risk_analysis/frequency_months",),
        message="(not yet in force); the policy cycle is 24 months, longer than 12",
    ),
    nprm(
        "NPRM-002",
        "overdue-and-two-year-policy",
        "fail",
        {"/risk_analysis/last_performed": "2025-08-01", "/risk_analysis/frequency_months": 24},
        paths=("/risk_analysis/last_performed", "/risk_analysis/frequency_months"),
        message="(not yet in force); the last risk analysis was on 2025-08-01, overdue since "
        "2026-08-01 (12-month cycle); the policy cycle is 24 months",
    ),
    nprm(
        "NPRM-002",
        "overdue",
        "fail",
        {"/risk_analysis/last_performed": "2025-08-01"},
        paths=("/risk_analysis/last_performed",),
        message=req("a written risk analysis reviewed at least every 12 months")
        + "the last risk analysis was on 2025-08-01, overdue since 2026-08-01",
    ),
    # NPRM-003 patch deadlines
    nprm(
        "NPRM-003",
        "fifteen-and-thirty",
        "pass",
        paths=(
            "/vulnerability_management/patch_critical_days",
            "/vulnerability_management/patch_high_days",
        ),
        message="critical patches within 15 days and high within 30 days",
    ),
    nprm(
        "NPRM-003",
        "critical-sixteen-fails",
        "fail",
        {"/vulnerability_management/patch_critical_days": 16},
        paths=("/vulnerability_management/patch_critical_days",),
        message=req("critical patches within 15 days and high ones within 30")
        + "critical patches take up to 16 days; the proposed limit is 15",
    ),
    nprm(
        "NPRM-003",
        "both-late",
        "fail",
        {
            "/vulnerability_management/patch_critical_days": 30,
            "/vulnerability_management/patch_high_days": DELETE,
        },
        paths=("/vulnerability_management/patch_critical_days", "/vulnerability_management"),
        message="no deadline is set for high patches (proposed limit 30 days)",
    ),
    # NPRM-004 one-hour termination
    nprm(
        "NPRM-004",
        "one-hour",
        "pass",
        paths=("/workforce/termination/access_revocation_hours",),
        message=req("access removed within 1 hour of termination")
        + "ready: access is removed within 1 hour of termination",
    ),
    nprm(
        "NPRM-004",
        "immediate",
        "pass",
        {"/workforce/termination/access_revocation_hours": 0},
        message="within 0 hours",
    ),
    nprm(
        "NPRM-004",
        "two-hours",
        "fail",
        {"/workforce/termination/access_revocation_hours": 2},
        paths=("/workforce/termination/access_revocation_hours",),
        message=req("access removed within 1 hour of termination")
        + "access is removed within 2 hours of termination",
    ),
    nprm(
        "NPRM-004",
        "no-deadline",
        "fail",
        {"/workforce/termination": DELETE},
        paths=("/workforce",),
    ),
    # NPRM-005 MFA everywhere
    nprm(
        "NPRM-005",
        "everywhere",
        "pass",
        paths=("/access_control/mfa/all_ephi_access", "/platforms/0/mfa"),
        message="enabled on every ePHI platform (1)",
    ),
    nprm(
        "NPRM-005",
        "not-all-access",
        "fail",
        {"/access_control/mfa/all_ephi_access": False},
        paths=("/access_control/mfa/all_ephi_access",),
        message=req("MFA for all access to ePHI") + "MFA is not required for all access to ePHI",
    ),
    nprm(
        "NPRM-005",
        "all-access-flag-but-no-remote-mfa",
        "fail",
        {"/access_control/mfa/remote_access": False},
        paths=("/access_control/mfa/remote_access",),
        message=req("MFA for all access to ePHI") + "remote access does not require MFA",
    ),
    nprm(
        "NPRM-005",
        "platform-without-mfa-fails-and-is-named",
        "fail",
        {"/platforms/-": CHAT_PLATFORM},
        paths=("/platforms/1/mfa",),
        message="1 of 2 ePHI platforms do not enforce MFA: QuickChat",
    ),
    nprm(
        "NPRM-005",
        "clinical-platform-flagged-no-ephi-still-counts",
        "fail",
        {"/platforms/-": {**CHAT_PLATFORM, "handles_ephi": False}},
        paths=("/platforms/1/mfa",),
        message="do not enforce MFA: QuickChat",
    ),
    # NPRM-006 encryption everywhere
    nprm(
        "NPRM-006",
        "everywhere",
        "pass",
        paths=("/encryption/at_rest/covers",),
        message="ePHI is encrypted at rest (AES-256) on every storage class and in transit "
        "(TLS 1.2 or later)",
    ),
    nprm(
        "NPRM-006",
        "tls-1-1",
        "fail",
        {"/transmission_security/tls_min_version": "1.1"},
        paths=("/transmission_security/tls_min_version",),
        message=req("encryption of all ePHI at rest and in transit")
        + "the minimum TLS version is 1.1; 1.2 or later is needed",
    ),
    nprm(
        "NPRM-006",
        "workstations-and-removable-media-count",
        "fail",
        {
            "/encryption/at_rest/covers": [
                "servers",
                "databases",
                "backups",
                "laptops",
                "mobile_devices",
            ]
        },
        paths=("/encryption/at_rest/covers",),
        message="at-rest encryption does not cover workstations and removable media",
    ),
    nprm(
        "NPRM-006",
        "backups-not-covered",
        "fail",
        {
            "/encryption/at_rest/covers": [
                "servers",
                "databases",
                "laptops",
                "workstations",
                "mobile_devices",
                "removable_media",
            ]
        },
        paths=("/encryption/at_rest/covers",),
        message="at-rest encryption does not cover backups",
    ),
    nprm(
        "NPRM-006",
        "unencrypted-video",
        "fail",
        {"/platforms/0/video/protocol": "unencrypted"},
        paths=("/platforms/0/video/protocol",),
        message="CareLink Video does not encrypt ePHI in transit (unencrypted video)",
    ),
    nprm(
        "NPRM-006",
        "second-platform-unencrypted-at-rest-is-named",
        "fail",
        {"/platforms/-": {**CHAT_PLATFORM, "encryption_at_rest": {"enabled": False}}},
        paths=("/platforms/1/encryption_at_rest",),
        message="QuickChat does not encrypt ePHI at rest",
    ),
    nprm(
        "NPRM-006",
        "platform-inherits-org-tls",
        "fail",
        {
            "/platforms/0/tls_min_version": DELETE,
            "/transmission_security/tls_min_version": "1.0",
        },
        paths=("/platforms/0", "/transmission_security/tls_min_version"),
        message="CareLink Video does not encrypt ePHI in transit (TLS 1.0)",
    ),
    nprm(
        "NPRM-006",
        "nothing-encrypted",
        "fail",
        {
            "/encryption/at_rest": {"enabled": False, "algorithm": "none", "covers": []},
            "/transmission_security/tls_min_version": "1.0",
            "/transmission_security/email_encryption": False,
            "/transmission_security/sms_for_ephi": True,
            "/transmission_security/personal_email_for_ephi": True,
            "/platforms/0/encryption_at_rest/enabled": False,
            "/platforms/0/tls_min_version": "1.0",
        },
        paths=(
            "/encryption/at_rest/enabled",
            "/transmission_security/sms_for_ephi",
            "/platforms/0/encryption_at_rest",
            "/platforms/0/tls_min_version",
        ),
        message="ePHI at rest is not encrypted with a standard algorithm (algorithm none)",
    ),
    # NPRM-007 segmentation
    nprm("NPRM-007", "segmented", "pass", paths=("/access_control/network_segmentation",)),
    nprm(
        "NPRM-007",
        "flat",
        "fail",
        {"/access_control/network_segmentation": False},
        paths=("/access_control/network_segmentation",),
        message=req("network segmentation") + "the network is not segmented",
    ),
    # NPRM-008 vulnerability scan
    nprm(
        "NPRM-008",
        "recent",
        "pass",
        paths=("/vulnerability_management/last_vulnerability_scan",),
        turns_on=D(2027, 3, 1),
        message="(6-month cycle)",
    ),
    nprm(
        "NPRM-008",
        "six-months-one-day-inside",
        "pass",
        {"/vulnerability_management/last_vulnerability_scan": "2026-05-02"},
        turns_on=D(2026, 11, 2),
    ),
    nprm(
        "NPRM-008",
        "six-months-on-as-of",
        "fail",
        {"/vulnerability_management/last_vulnerability_scan": "2026-05-01"},
        paths=("/vulnerability_management/last_vulnerability_scan",),
        message=req("vulnerability scans at least every 6 months")
        + "the last vulnerability scan was on 2026-05-01, overdue since 2026-11-01",
    ),
    # NPRM-009 penetration test
    nprm(
        "NPRM-009",
        "recent",
        "pass",
        paths=("/vulnerability_management/last_penetration_test",),
        turns_on=D(2027, 2, 14),
    ),
    nprm(
        "NPRM-009",
        "never",
        "fail",
        {"/vulnerability_management/last_penetration_test": DELETE},
        paths=("/vulnerability_management",),
        message=req("a penetration test at least every 12 months")
        + "no date is recorded for the last penetration test",
    ),
    # NPRM-010 72-hour restore
    nprm(
        "NPRM-010",
        "twenty-four-hours",
        "pass",
        paths=("/contingency/disaster_recovery/restore_time_hours",),
        message="ready: critical systems are restored within 24 hours",
    ),
    nprm(
        "NPRM-010",
        "seventy-two-hours",
        "pass",
        {"/contingency/disaster_recovery/restore_time_hours": 72},
    ),
    nprm(
        "NPRM-010",
        "seventy-three-hours",
        "fail",
        {"/contingency/disaster_recovery/restore_time_hours": 73},
        paths=("/contingency/disaster_recovery/restore_time_hours",),
        message=req("restoring critical systems within 72 hours")
        + "critical systems are restored within 73 hours",
    ),
    nprm(
        "NPRM-010",
        "no-plan",
        "fail",
        {"/contingency/disaster_recovery/plan_documented": False},
        paths=("/contingency/disaster_recovery/plan_documented",),
    ),
    # NPRM-011 backup freshness and monthly test restores
    nprm(
        "NPRM-011",
        "restore-test-31-days-ago",
        "pass",
        paths=(f"{BACKUP}/last_restore_test",),
        turns_on=D(2026, 11, 2),
        message="the last test restore was on 2026-10-01; the next is due before 2026-11-02",
    ),
    nprm(
        "NPRM-011",
        "forty-eight-hours",
        "pass",
        {f"{BACKUP}/frequency_hours": 48},
    ),
    nprm(
        "NPRM-011",
        "restore-test-32-days-ago",
        "fail",
        {f"{BACKUP}/last_restore_test": "2026-09-30"},
        paths=(f"{BACKUP}/last_restore_test",),
        message="the last test restore was on 2026-09-30, overdue since 2026-11-01 (31-day cycle)",
    ),
    nprm(
        "NPRM-011",
        "forty-nine-hours",
        "fail",
        {f"{BACKUP}/frequency_hours": 49},
        paths=(f"{BACKUP}/frequency_hours",),
        message=req("backups at most 48 hours old and a test restore at least monthly")
        + "backups run every 49 hours; the proposed limit is 48",
    ),
    nprm(
        "NPRM-011",
        "stale-and-untested",
        "fail",
        {f"{BACKUP}/frequency_hours": 168, f"{BACKUP}/last_restore_test": DELETE},
        paths=(f"{BACKUP}/frequency_hours", BACKUP),
    ),
    nprm(
        "NPRM-011",
        "no-backups",
        "fail",
        {f"{BACKUP}/enabled": False},
        paths=(f"{BACKUP}/enabled",),
        message="(not yet in force); ePHI is not backed up",
    ),
    # NPRM-012 compliance audit
    nprm(
        "NPRM-012",
        "current",
        "pass",
        paths=("/compliance_audit/last_performed",),
        turns_on=D(2027, 6, 20),
    ),
    nprm(
        "NPRM-012",
        "never",
        "fail",
        {"/compliance_audit": DELETE},
        paths=("/compliance_audit",),
        message=req("a compliance audit at least every 12 months")
        + "no date is recorded for the last compliance audit",
    ),
    nprm(
        "NPRM-012",
        "in-future",
        "fail",
        {"/compliance_audit/last_performed": "2026-11-15"},
        message="dated 2026-11-15, after the assessment date 2026-11-01",
    ),
    # NPRM-013 business associate verification: every BA handling ePHI counts
    nprm(
        "NPRM-013",
        "verified",
        "pass",
        paths=("/business_associates/0/security_verified",),
        turns_on=D(2027, 1, 10),
    ),
    nprm(
        "NPRM-013",
        "stale",
        "fail",
        {"/business_associates/0/security_verified": "2025-10-01"},
        paths=("/business_associates/0/security_verified",),
        message="CareLink Health Inc.: the last security verification was on 2025-10-01, "
        "overdue since 2026-10-01",
    ),
    nprm(
        "NPRM-013",
        "one-of-two-unverified-fails-and-is-named",
        "fail",
        {"/business_associates/-": SECOND_ASSOCIATE},
        paths=("/business_associates/1",),
        message="1 of 2 business associates handling ePHI not verified; NimbusCloud Hosting: "
        "no date is recorded for the last security verification",
    ),
    nprm(
        "NPRM-013",
        "never",
        "fail",
        {"/business_associates/0/security_verified": DELETE},
        paths=("/business_associates/0",),
    ),
    nprm(
        "NPRM-013",
        "no-ephi-associates",
        "not_applicable",
        {"/business_associates/0/conduit_only": True},
    ),
    # NPRM-014 configuration management
    nprm(
        "NPRM-014",
        "in-place",
        "pass",
        paths=("/integrity/configuration_management", "/vulnerability_management/anti_malware"),
    ),
    nprm(
        "NPRM-014",
        "no-baselines-fails",
        "fail",
        {"/integrity/configuration_management": False},
        paths=("/integrity/configuration_management",),
        message=req("secure configuration baselines and anti-malware")
        + "missing configuration management against secure baselines",
    ),
    nprm(
        "NPRM-014",
        "neither",
        "fail",
        {"/integrity": DELETE, "/vulnerability_management/anti_malware": False},
        paths=("/integrity", "/vulnerability_management/anti_malware"),
    ),
    # NPRM-015 yearly documentation review: every listed policy counts
    nprm(
        "NPRM-015",
        "reviewed",
        "pass",
        paths=("/policies/documents/0/last_reviewed",),
        turns_on=D(2027, 3, 15),
        message="the policy was reviewed within 12 months",
    ),
    nprm(
        "NPRM-015",
        "two-year-cycle-fails",
        "fail",
        {"/policies/review_frequency_months": 24},
        paths=("/policies/review_frequency_months",),
        message=req("written policies reviewed at least every 12 months")
        + "the policy review cycle is 24 months, longer than 12",
    ),
    nprm(
        "NPRM-015",
        "one-of-two-policies-overdue-is-named",
        "fail",
        {
            "/policies/documents/-": {
                "topic": "privacy",
                "title": "Privacy Policy",
                "last_reviewed": "2025-05-01",
            }
        },
        paths=("/policies/documents/1/last_reviewed",),
        message="Privacy Policy: the last review was on 2025-05-01",
    ),
    nprm(
        "NPRM-015",
        "two-year-cycle-and-overdue",
        "fail",
        {
            "/policies/review_frequency_months": 24,
            "/policies/documents/0/last_reviewed": "2025-05-01",
        },
        paths=("/policies/documents/0/last_reviewed",),
        message="Information Security Policy: the last review was on 2025-05-01",
    ),
    nprm(
        "NPRM-015",
        "no-documents",
        "fail",
        {"/policies/documents": []},
        paths=("/policies/documents",),
    ),
]

"""The starter config's safeguard sections: access, audit, integrity, encryption, devices, backups.

These are the Security Rule's technical and physical safeguards and its contingency and
incident procedures. Only what the questionnaire asks is written as answered; every other
safeguard is written as not in place with a TODO, so the first score is never flattering.
"""

from __future__ import annotations

from phi_policy.init.answers import UNKNOWN, Answers
from phi_policy.init.vendor_sections import tls
from phi_policy.init.yaml_lines import Writer


def technical(w: Writer, a: Answers) -> None:
    """Access control, audit, integrity, transmission security and encryption at rest."""
    w.section(
        "access_control",
        "Access control, 164.312(a)(1): unique user ids (a)(2)(i), emergency access (a)(2)(ii), "
        "automatic logoff (a)(2)(iii); person or entity authentication, 164.312(d).",
    )
    w.flag("unique_user_ids", False, 2, "confirm every user has their own login (164.312(a)(2)(i))"
    )
    minutes = a.get("logoff_minutes")
    if minutes:
        w.key("automatic_logoff_minutes", minutes, 2)
    else:
        w.missing(
            "automatic_logoff_minutes",
            "15",
            2,
            "inactivity timeout in minutes (164.312(a)(2)(iii))",
        )
    w.open("mfa", 2)
    w.flag("remote_access", a.get("mfa_remote"), 4, "require MFA for remote access")
    w.flag("administrative_access", a.get("mfa_admin"), 4, "require MFA for administrative access"
    )
    w.section(
        "audit_controls",
        "Audit controls, 164.312(b), and information system activity review, 164.308(a)(1)(ii)(D).",
    )
    w.flag("enabled", False, 2, "confirm audit logging on systems with ePHI")
    w.section(
        "integrity",
        "Integrity, 164.312(c)(1): protect ePHI from improper alteration or destruction; "
        "integrity controls in transit, 164.312(e)(2)(i).",
    )
    w.flag("ephi_integrity_checks", False, 2, "confirm (164.312(c)(2))")
    w.flag("transmission_integrity", False, 2, "confirm (164.312(e)(2)(i))")
    w.section(
        "transmission_security",
        "Transmission security, 164.312(e)(1): ePHI encrypted in transit (e)(2)(ii); NIST SP "
        "800-52r2 expects TLS 1.2 or higher.",
    )
    tls(w, a, 2)
    w.section(
        "encryption",
        "Encryption of ePHI at rest, 164.312(a)(2)(iv) (addressable). ePHI encrypted as HHS "
        "guidance describes is 'secured': losing it is not a reportable breach (164.402).",
    )
    w.open("at_rest", 2)
    algorithm = a.get("at_rest_algorithm", UNKNOWN)
    if algorithm in (None, UNKNOWN):
        w.key("enabled", False, 4, "confirm whether ePHI is encrypted at rest, and with what")
    elif algorithm == "none":
        w.key("enabled", False, 4)
        w.key("algorithm", "none", 4)
    else:
        w.key("enabled", True, 4)
        w.key("algorithm", algorithm, 4)
        w.flag("fips_validated", a.get("at_rest_fips"), 4, "confirm FIPS 140 validated modules")


def devices_and_physical(w: Writer, a: Answers) -> None:
    """Personal devices, facilities, workstations and media disposal."""
    w.section(
        "byod",
        "Personal devices: device and media controls 164.310(d)(1), workstation security "
        "164.310(c). allowed: false makes the BYOD controls not applicable.",
    )
    allowed = bool(a.get("byod_allowed"))
    w.key("allowed", allowed, 2)
    if allowed:
        w.flag("mdm_required", a.get("byod_mdm"), 2, "require mobile device management")
        w.flag("remote_wipe", a.get("byod_remote_wipe"), 2, "make lost devices wipeable")
        w.flag(
            "containerization",
            a.get("byod_containerization"),
            2,
            "keep ePHI in a managed container",
        )
    w.section(
        "physical",
        "Facility access controls 164.310(a)(1), workstation use and security 164.310(b)-(c), "
        "device and media disposal and re-use 164.310(d)(2)(i)-(ii).",
    )
    w.open("facility", 2)
    w.flag(
        "security_plan",
        a.get("facility_plan"),
        4,
        "write a facility security plan (164.310(a)(2)(ii))",
    )
    w.open("workstations", 2)
    w.flag("use_policy", False, 4, "confirm a workstation use policy (164.310(b))")
    w.open("device_media", 2)
    disposal = a.get("disposal_method", UNKNOWN)
    if disposal in (None, UNKNOWN):
        w.key(
            "disposal_method",
            "none",
            4,
            "how media are sanitized: nist_800_88_clear, nist_800_88_purge, "
            "nist_800_88_destroy or vendor_certified (164.310(d)(2)(i))",
        )
    else:
        w.key("disposal_method", disposal, 4)


def contingency_and_incidents(w: Writer, a: Answers) -> None:
    """Backups, recovery and emergency plans, their tests, and incident response."""
    w.section(
        "contingency",
        "Contingency plan, 164.308(a)(7): data backup (ii)(A), disaster recovery (ii)(B), "
        "emergency mode operation (ii)(C), testing and revision (ii)(D).",
    )
    w.open("backup", 2)
    w.flag(
        "enabled",
        a.get("backups"),
        4,
        "take retrievable exact copies of ePHI (164.308(a)(7)(ii)(A))",
    )
    if a.get("backups"):
        w.date(
            "last_restore_test",
            a.get("backup_last_restore_test"),
            4,
            "date of the last test restore",
        )
    w.open("disaster_recovery", 2)
    w.flag("plan_documented", False, 4, "confirm a disaster recovery plan (164.308(a)(7)(ii)(B))")
    w.open("emergency_mode", 2)
    w.flag("plan_documented", False, 4, "confirm an emergency mode plan (164.308(a)(7)(ii)(C))")
    w.open("testing", 2)
    w.date(
        "last_test",
        a.get("contingency_last_test"),
        4,
        "date the contingency plan was last tested",
    )
    w.key("frequency_months", 12, 4)
    w.section(
        "incident_response",
        "Security incident procedures, 164.308(a)(6), and breach notification, 164.400-414: "
        "individuals are told within 60 days of discovery (164.404(b)).",
    )
    w.flag(
        "plan_documented",
        a.get("ir_plan"),
        2,
        "write an incident response plan (164.308(a)(6)(ii))",
    )
    w.open("breach_notification", 2)
    w.flag("procedure_documented", False, 4, "confirm a breach notification procedure (164.404)")

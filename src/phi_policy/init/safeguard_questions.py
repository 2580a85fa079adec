"""The questions every organization answers: who it is and which HIPAA safeguards are in place.

Defaults are conservative: a safeguard not confirmed is "not in place" and a date not known is
left out, so a starter config never scores better than what someone actually knows. The areas
that apply only to some practices are asked after these (init.care_area_questions).
"""

from __future__ import annotations

from phi_policy.init.answers import DEFAULT_ORG_NAME, UNKNOWN
from phi_policy.init.question import Given, Question, yes

ID_METHODS = (
    "government_id",
    "knowledge_based",
    "video_id_match",
    "patient_portal_login",
    "insurance_card",
    "verbal_demographics",
    "two_factor_sms",
)


def _encrypted(answers: Given) -> bool:
    return answers.get("at_rest_algorithm") not in (None, "none", UNKNOWN)


SAFEGUARD_QUESTIONS: tuple[Question, ...] = (
    Question("org_name", "Organization name", "text", DEFAULT_ORG_NAME, "Organization"),
    Question(
        "org_type",
        "Entity type",
        "choice",
        "covered_entity",
        "Organization",
        choices=("covered_entity", "business_associate", "hybrid_entity"),
    ),
    Question(
        "org_size",
        "Size (small <50 workforce, medium 50-500, large >500)",
        "choice",
        "small",
        "Organization",
        choices=("small", "medium", "large"),
    ),
    Question(
        "sites", "Number of physical sites (0 = fully virtual)", "int", 1, "Organization", minimum=0
    ),
    Question(
        "states",
        "States where you see patients (2-letter codes, comma-separated)",
        "list",
        "",
        "Organization",
    ),
    Question(
        "security_official", "Security official's name (164.308(a)(2))", "text", "", "Officials"
    ),
    Question("privacy_official", "Privacy official's name (164.530(a))", "text", "", "Officials"),
    Question(
        "risk_analysis_date",
        "Date of the last risk analysis (YYYY-MM-DD)",
        "date",
        "",
        "Risk analysis",
    ),
    Question(
        "training_frequency_months",
        "Security training cadence in months",
        "int",
        12,
        "Training",
        minimum=1,
        maximum=60,
    ),
    Question(
        "training_last_completed",
        "Date the last training cycle was completed (YYYY-MM-DD)",
        "date",
        "",
        "Training",
    ),
    Question(
        "video_platform", "Video visit platform name (empty if none)", "text", "", "Platforms"
    ),
    Question(
        "video_vendor",
        "Its vendor (empty if the same as the platform name)",
        "text",
        "",
        "Platforms",
        when=yes("video_platform"),
    ),
    Question(
        "video_e2ee",
        "Are its video visits end-to-end encrypted?",
        "bool",
        False,
        "Platforms",
        when=yes("video_platform"),
    ),
    Question(
        "video_baa_signed",
        "Is a business associate agreement (BAA) signed with the vendor?",
        "bool",
        False,
        "Platforms",
        when=yes("video_platform"),
    ),
    Question(
        "video_baa_expires",
        "When does the BAA expire (YYYY-MM-DD, or 'none' if it does not)",
        "date",
        "",
        "Platforms",
        past=False,
        when=yes("video_baa_signed"),
    ),
    Question(
        "mfa_remote",
        "Is multi-factor authentication required for remote access?",
        "bool",
        False,
        "Access control",
    ),
    Question(
        "mfa_admin",
        "Is multi-factor authentication required for administrative access?",
        "bool",
        False,
        "Access control",
    ),
    Question(
        "logoff_minutes",
        "Automatic logoff after how many minutes of inactivity",
        "int",
        "",
        "Access control",
        minimum=1,
        maximum=1440,
    ),
    Question(
        "at_rest_algorithm",
        "Encryption of ePHI at rest",
        "choice",
        UNKNOWN,
        "Encryption",
        choices=("AES-256", "AES-192", "AES-128", "other", "none", UNKNOWN),
    ),
    Question(
        "at_rest_fips",
        "Are the encryption modules FIPS 140 validated?",
        "bool",
        False,
        "Encryption",
        when=_encrypted,
    ),
    Question(
        "tls_min_version",
        "Minimum TLS version accepted for ePHI in transit",
        "choice",
        UNKNOWN,
        "Encryption",
        choices=("1.3", "1.2", "1.1", "1.0", UNKNOWN),
    ),
    Question(
        "byod_allowed",
        "Do staff use personal phones, tablets or laptops for ePHI or telehealth?",
        "bool",
        True,
        "Devices",
    ),
    Question(
        "byod_mdm",
        "Is mobile device management (MDM) required on them?",
        "bool",
        False,
        "Devices",
        when=yes("byod_allowed"),
    ),
    Question(
        "byod_remote_wipe",
        "Can they be wiped remotely?",
        "bool",
        False,
        "Devices",
        when=yes("byod_allowed"),
    ),
    Question(
        "byod_containerization",
        "Is ePHI kept in a managed container or work profile on them?",
        "bool",
        False,
        "Devices",
        when=yes("byod_allowed"),
    ),
    Question(
        "facility_plan", "Is there a written facility security plan?", "bool", False, "Physical"
    ),
    Question(
        "disposal_method",
        "How are devices and media holding ePHI disposed of",
        "choice",
        UNKNOWN,
        "Physical",
        choices=(
            "nist_800_88_clear",
            "nist_800_88_purge",
            "nist_800_88_destroy",
            "vendor_certified",
            "none",
            UNKNOWN,
        ),
    ),
    Question("backups", "Are ePHI backups taken?", "bool", False, "Contingency"),
    Question(
        "backup_last_restore_test",
        "Date of the last test restore from backup (YYYY-MM-DD)",
        "date",
        "",
        "Contingency",
        when=yes("backups"),
    ),
    Question(
        "contingency_last_test",
        "Date the contingency plan was last tested (YYYY-MM-DD)",
        "date",
        "",
        "Contingency",
    ),
    Question(
        "ir_plan",
        "Is there a documented incident response plan?",
        "bool",
        False,
        "Incident response",
    ),
    Question(
        "npp_published", "Is a notice of privacy practices published?", "bool", False, "Privacy"
    ),
    Question(
        "npp_telehealth",
        "Does it cover telehealth visits?",
        "bool",
        False,
        "Privacy",
        when=yes("npp_published"),
    ),
    Question(
        "id_methods",
        "How is a patient's identity verified (comma-separated: " + ", ".join(ID_METHODS) + ")",
        "list",
        "",
        "Patient identity",
        choices=ID_METHODS,
    ),
    Question(
        "controlled_substances",
        "Are controlled substances prescribed through telehealth?",
        "bool",
        True,
        "Patient identity",
    ),
    Question(
        "cs_enhanced",
        "Is identity verified with extra steps before prescribing them?",
        "bool",
        False,
        "Patient identity",
        when=yes("controlled_substances"),
    ),
)

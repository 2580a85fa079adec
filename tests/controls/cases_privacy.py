"""Cases for controls/privacy.py (PRIV-001..PRIV-020), as patches to the strong base config."""

from __future__ import annotations

import datetime as dt

from tests.controls.harness import DELETE, Case

NPP = "/privacy/notice_of_privacy_practices"
RIGHTS = "/privacy/patient_rights"
BREACH = "/incident_response/breach_notification"
BUSINESS_ASSOCIATE = {"/organization/type": "business_associate"}
NO_NPP = {f"{NPP}/published": False}
CS = "/patient_identity/controlled_substances"
SESSIONS = "/privacy/telehealth_sessions"

CASES = [
    # PRIV-001 NPP published, on the website, acknowledged
    Case(
        "PRIV-001",
        "base",
        "pass",
        paths=(f"{NPP}/posted_on_website", f"{NPP}/acknowledgment_collected"),
        message="published, posted on the website and acknowledged by patients",
    ),
    Case(
        "PRIV-001",
        "not-on-website",
        "partial",
        {f"{NPP}/posted_on_website": False},
        credit=round(2 / 3, 4),
        paths=(f"{NPP}/posted_on_website",),
        message="the notice of privacy practices is published, but it is not posted on the website",
    ),
    Case(
        "PRIV-001",
        "neither-website-nor-acknowledgment",
        "partial",
        {f"{NPP}/posted_on_website": False, f"{NPP}/acknowledgment_collected": DELETE},
        credit=round(1 / 3, 4),
        paths=(f"{NPP}/posted_on_website", NPP),
        message="patients' acknowledgments of receipt are not collected",
    ),
    Case(
        "PRIV-001",
        "health-plan-needs-no-acknowledgment",
        "pass",
        {"/organization/entity_kind": "health_plan", f"{NPP}/acknowledgment_collected": False},
        paths=(f"{NPP}/posted_on_website",),
    ),
    Case(
        "PRIV-001",
        "not-published",
        "fail",
        NO_NPP,
        paths=(f"{NPP}/published",),
        message="no notice of privacy practices is published",
    ),
    Case("PRIV-001", "npp-absent", "fail", {NPP: DELETE}, paths=("/privacy",)),
    Case(
        "PRIV-001",
        "business-associate",
        "not_applicable",
        BUSINESS_ASSOCIATE,
        paths=("/organization/type",),
        message="a business associate does not issue a notice of privacy practices",
    ),
    # PRIV-002 NPP covers telehealth
    Case("PRIV-002", "base", "pass", paths=(f"{NPP}/telehealth_terms",)),
    Case(
        "PRIV-002",
        "no-telehealth-terms",
        "fail",
        {f"{NPP}/telehealth_terms": False},
        paths=(f"{NPP}/telehealth_terms",),
        message="does not describe telehealth uses and disclosures",
    ),
    Case("PRIV-002", "not-published", "fail", NO_NPP, paths=(f"{NPP}/published",)),
    Case("PRIV-002", "business-associate", "not_applicable", BUSINESS_ASSOCIATE),
    # PRIV-003 NPP revised after each material change (required)
    Case(
        "PRIV-003",
        "base-no-change-recorded",
        "pass",
        paths=(f"{NPP}/last_revised",),
        message="last revised on 2026-02-01; no later material change is recorded",
    ),
    Case(
        "PRIV-003",
        "old-notice-without-material-change-is-not-a-violation",
        "pass",
        {f"{NPP}/last_revised": "2021-01-01"},
    ),
    Case(
        "PRIV-003",
        "revised-after-change",
        "pass",
        {f"{NPP}/last_material_change": "2026-01-15"},
        paths=(f"{NPP}/last_material_change",),
        message="revised on 2026-02-01, after the last recorded material change (2026-01-15)",
    ),
    Case(
        "PRIV-003",
        "change-after-revision",
        "fail",
        {f"{NPP}/last_material_change": "2026-06-01"},
        paths=(f"{NPP}/last_material_change", f"{NPP}/last_revised"),
        message="a material change in privacy practices on 2026-06-01 came after the notice's "
        "last revision on 2026-02-01; 164.520(b)(3) requires prompt revision",
    ),
    Case(
        "PRIV-003",
        "planned-change-turns",
        "pass",
        {f"{NPP}/last_material_change": "2026-12-01"},
        turns_on=dt.date(2026, 12, 1),
        message="a material change is planned for 2026-12-01",
    ),
    Case(
        "PRIV-003",
        "date-in-future",
        "fail",
        {f"{NPP}/last_revised": "2027-01-01"},
        paths=(f"{NPP}/last_revised",),
        message="the notice's revision date 2027-01-01 is after the assessment date 2026-11-01",
    ),
    Case(
        "PRIV-003",
        "no-date",
        "fail",
        {f"{NPP}/last_revised": DELETE},
        paths=(NPP,),
        message="no revision (effective) date is recorded",
    ),
    Case("PRIV-003", "business-associate", "not_applicable", BUSINESS_ASSOCIATE),
    # PRIV-017 NPP reviewed at least every 36 months (benchmark, split from PRIV-003)
    Case("PRIV-017", "base", "pass", paths=(f"{NPP}/last_revised",), turns_on=dt.date(2029, 2, 1)),
    Case(
        "PRIV-017",
        "revised-3-years-less-a-day",
        "pass",
        {f"{NPP}/last_revised": "2023-11-02"},
        turns_on=dt.date(2026, 11, 2),
    ),
    Case(
        "PRIV-017",
        "due-exactly-today-fails-not-half-credit",
        "fail",
        {f"{NPP}/last_revised": "2023-11-01"},
        paths=(f"{NPP}/last_revised",),
        message="benchmark: the notice of privacy practices was last reviewed on 2023-11-01, more "
        "than 36 months ago (review was due 2026-11-01); HIPAA sets no review cycle",
    ),
    Case(
        "PRIV-017",
        "no-date",
        "fail",
        {f"{NPP}/last_revised": DELETE},
        paths=(NPP,),
        message="no review date is recorded",
    ),
    Case("PRIV-017", "business-associate", "not_applicable", BUSINESS_ASSOCIATE),
    # PRIV-004 right of access: 30 days; a standing longer policy fails (164.524(b)(2))
    Case("PRIV-004", "30-days", "pass", paths=(f"{RIGHTS}/access_request_days",)),
    Case(
        "PRIV-004",
        "31-days",
        "fail",
        {f"{RIGHTS}/access_request_days": 31},
        paths=(f"{RIGHTS}/access_request_days",),
        message="access requests are acted on within 31 days by policy; 164.524(b)(2) allows 30",
    ),
    Case(
        "PRIV-004",
        "standing-60-day-policy-fails-not-half-credit",
        "fail",
        {f"{RIGHTS}/access_request_days": 60},
        message="one 30-day extension per request only by written notice within the 30 days "
        "giving the reasons and the date, so a standing longer deadline is not allowed",
    ),
    Case(
        "PRIV-004",
        "absent",
        "fail",
        {f"{RIGHTS}/access_request_days": DELETE},
        paths=(RIGHTS,),
        message="no response time is set for patient access requests",
    ),
    # PRIV-005 amendment
    Case("PRIV-005", "base", "pass", paths=(f"{RIGHTS}/amendment_procedure",)),
    Case(
        "PRIV-005",
        "off",
        "fail",
        {f"{RIGHTS}/amendment_procedure": False},
        paths=(f"{RIGHTS}/amendment_procedure",),
        message="no procedure handles patients' requests to amend their PHI",
    ),
    # PRIV-006 accounting of disclosures
    Case("PRIV-006", "base", "pass", paths=(f"{RIGHTS}/accounting_of_disclosures",)),
    Case(
        "PRIV-006",
        "absent",
        "fail",
        {RIGHTS: DELETE},
        paths=("/privacy",),
        message="disclosures are not tracked",
    ),
    # PRIV-007 restrictions (164.522(a)) and confidential communications (164.522(b))
    Case(
        "PRIV-007",
        "base",
        "pass",
        paths=(f"{RIGHTS}/restriction_requests", f"{RIGHTS}/confidential_communications"),
    ),
    Case(
        "PRIV-007",
        "no-confidential-communications-fails",
        "fail",
        {f"{RIGHTS}/confidential_communications": False},
        paths=(f"{RIGHTS}/confidential_communications",),
        message="no procedure handles confidential communication requests (164.522(b))",
    ),
    Case(
        "PRIV-007",
        "neither",
        "fail",
        {f"{RIGHTS}/confidential_communications": False, f"{RIGHTS}/restriction_requests": False},
        message="no procedure handles restriction requests (164.522(a)) and confidential "
        "communication requests (164.522(b))",
    ),
    # PRIV-008 minimum necessary: policy and role-based application both required
    Case("PRIV-008", "base", "pass", paths=("/privacy/minimum_necessary/policy",)),
    Case(
        "PRIV-008",
        "not-role-based-fails",
        "fail",
        {"/privacy/minimum_necessary/role_based": False},
        paths=("/privacy/minimum_necessary/role_based",),
        message="minimum necessary lacks role-based application",
    ),
    Case(
        "PRIV-008",
        "absent",
        "fail",
        {"/privacy/minimum_necessary": DELETE},
        paths=("/privacy",),
        message="minimum necessary lacks a minimum necessary policy and role-based application",
    ),
    # PRIV-009 breach procedure
    Case("PRIV-009", "base", "pass", paths=(f"{BREACH}/procedure_documented",)),
    Case(
        "PRIV-009",
        "off",
        "fail",
        {f"{BREACH}/procedure_documented": False},
        paths=(f"{BREACH}/procedure_documented",),
        message="no breach notification procedure is documented",
    ),
    Case("PRIV-009", "business-associate-still-applies", "pass", BUSINESS_ASSOCIATE),
    # PRIV-010 four-factor risk assessment
    Case("PRIV-010", "base", "pass", paths=(f"{BREACH}/risk_assessment_four_factor",)),
    Case(
        "PRIV-010",
        "absent",
        "fail",
        {BREACH: DELETE},
        paths=("/incident_response",),
        message="so every one is presumed a breach",
    ),
    # PRIV-011 individual notice within the legal limit (required)
    Case("PRIV-011", "30-days", "pass", paths=(f"{BREACH}/individual_notice_days",)),
    Case(
        "PRIV-011",
        "60-days-is-within-the-law",
        "pass",
        {f"{BREACH}/individual_notice_days": 60},
        message="within 60 days of discovery (legal limit: without unreasonable delay",
    ),
    Case(
        "PRIV-011",
        "over-60-days",
        "fail",
        {f"{BREACH}/individual_notice_days": 75},
        paths=(f"{BREACH}/individual_notice_days",),
        message="75 days, beyond the 60-day limit of 164.404(b)",
    ),
    Case(
        "PRIV-011",
        "absent",
        "fail",
        {f"{BREACH}/individual_notice_days": DELETE},
        paths=(BREACH,),
        message="no deadline is set for notifying individuals",
    ),
    Case(
        "PRIV-011",
        "business-associate",
        "not_applicable",
        BUSINESS_ASSOCIATE,
        message="a business associate does not issue breach notices to individuals",
    ),
    # PRIV-018 internal notice target well inside 60 days (benchmark, split from PRIV-011)
    Case(
        "PRIV-018",
        "30-days",
        "pass",
        paths=(f"{BREACH}/individual_notice_days",),
        message="(benchmark: 30 days or less)",
    ),
    Case(
        "PRIV-018",
        "45-days-half-credit",
        "partial",
        {f"{BREACH}/individual_notice_days": 45},
        credit=0.5,
        paths=(f"{BREACH}/individual_notice_days",),
        message="benchmark: the internal target for notifying individuals is 45 days, over 30; "
        "HIPAA sets only",
    ),
    Case(
        "PRIV-018",
        "60-days-fails",
        "fail",
        {f"{BREACH}/individual_notice_days": 60},
        paths=(f"{BREACH}/individual_notice_days",),
    ),
    Case(
        "PRIV-018",
        "absent",
        "fail",
        {f"{BREACH}/individual_notice_days": DELETE},
        paths=(BREACH,),
        message="no internal target is set",
    ),
    Case("PRIV-018", "business-associate", "not_applicable", BUSINESS_ASSOCIATE),
    # PRIV-012 HHS reporting and breach log: two duties, each required
    Case("PRIV-012", "base", "pass", paths=(f"{BREACH}/hhs_reporting", f"{BREACH}/breach_log")),
    Case(
        "PRIV-012",
        "no-log-fails",
        "fail",
        {f"{BREACH}/breach_log": False},
        paths=(f"{BREACH}/breach_log",),
        message="breach notification lacks a breach log",
    ),
    Case(
        "PRIV-012",
        "neither",
        "fail",
        {f"{BREACH}/breach_log": DELETE, f"{BREACH}/hhs_reporting": False},
        paths=(f"{BREACH}/hhs_reporting", BREACH),
        message="breach notification lacks reporting to HHS and a breach log",
    ),
    Case("PRIV-012", "business-associate", "not_applicable", BUSINESS_ASSOCIATE),
    # PRIV-013 media notice
    Case("PRIV-013", "base", "pass", paths=(f"{BREACH}/media_notice_procedure",)),
    Case(
        "PRIV-013",
        "off",
        "fail",
        {f"{BREACH}/media_notice_procedure": False},
        paths=(f"{BREACH}/media_notice_procedure",),
        message="more than 500 residents of a state",
    ),
    Case("PRIV-013", "business-associate", "not_applicable", BUSINESS_ASSOCIATE),
    # PRIV-014 patient identity verified (required: any method; 164.514(h))
    Case(
        "PRIV-014",
        "base",
        "pass",
        paths=("/patient_identity/methods", "/patient_identity/verification_required"),
        message="patient identity is verified before telehealth visits "
        "(government_id, video_id_match)",
    ),
    Case(
        "PRIV-014",
        "weak-method-meets-the-rule",
        "pass",
        {"/patient_identity/methods": ["verbal_demographics"]},
        message="(verbal_demographics)",
    ),
    Case(
        "PRIV-014",
        "no-methods",
        "fail",
        {"/patient_identity/methods": DELETE},
        paths=("/patient_identity",),
        message="no method is listed to verify patient identity",
    ),
    Case(
        "PRIV-014",
        "not-required",
        "fail",
        {"/patient_identity/verification_required": False},
        paths=("/patient_identity/verification_required",),
        message="patient identity verification is not required",
    ),
    # PRIV-019 strength of the method (benchmark, split from PRIV-014)
    Case(
        "PRIV-019",
        "base",
        "pass",
        paths=("/patient_identity/methods",),
        message="patient identity is verified with a strong method "
        "(government_id, video_id_match)",
    ),
    Case(
        "PRIV-019",
        "sms-only",
        "partial",
        {"/patient_identity/methods": ["two_factor_sms", "knowledge_based"]},
        credit=0.5,
        paths=("/patient_identity/methods",),
        message="benchmark: patient identity is verified only with two_factor_sms, "
        "knowledge_based; add a strong method",
    ),
    Case(
        "PRIV-019",
        "weak-only",
        "fail",
        {"/patient_identity/methods": ["knowledge_based", "verbal_demographics"]},
        paths=("/patient_identity/methods",),
        message="verified only with weak methods (knowledge_based, verbal_demographics)",
    ),
    Case(
        "PRIV-019",
        "not-required",
        "fail",
        {"/patient_identity/verification_required": False},
        paths=("/patient_identity/verification_required",),
    ),
    # PRIV-015 identity before controlled-substance prescribing (DEA, other_law)
    Case(
        "PRIV-015",
        "base",
        "pass",
        paths=(f"{CS}/methods", f"{CS}/enhanced_verification"),
        message="(government_id, video_id_match)",
    ),
    Case(
        "PRIV-015",
        "any-recorded-method-no-grading",
        "pass",
        {f"{CS}/methods": ["two_factor_sms"]},
        message="confirmed before prescribing (two_factor_sms)",
    ),
    Case(
        "PRIV-015",
        "no-identity-check",
        "fail",
        {f"{CS}/enhanced_verification": False},
        paths=(f"{CS}/enhanced_verification",),
        message="DEA rules (not HIPAA): controlled substances are prescribed by telemedicine "
        "without confirming the patient's identity first",
    ),
    Case(
        "PRIV-015",
        "no-method-recorded",
        "fail",
        {f"{CS}/methods": DELETE},
        paths=(CS,),
        message="no method is recorded",
    ),
    Case(
        "PRIV-015",
        "does-not-prescribe",
        "not_applicable",
        {f"{CS}/prescribes": False},
        paths=(f"{CS}/prescribes",),
        message="no controlled substances are prescribed",
    ),
    Case(
        "PRIV-015", "section-absent", "not_applicable", {CS: DELETE}, paths=("/patient_identity",)
    ),
    # PRIV-016 private setting (164.530(c)); consent is PRIV-020 now
    Case(
        "PRIV-016",
        "base",
        "pass",
        paths=(f"{SESSIONS}/private_setting_required",),
    ),
    Case(
        "PRIV-016",
        "no-consent-is-not-a-hipaa-gap",
        "pass",
        {f"{SESSIONS}/patient_consent_documented": False},
    ),
    Case(
        "PRIV-016",
        "not-private",
        "fail",
        {f"{SESSIONS}/private_setting_required": False},
        paths=(f"{SESSIONS}/private_setting_required",),
        message="clinicians are not required to hold telehealth sessions in a private setting",
    ),
    Case("PRIV-016", "absent", "fail", {SESSIONS: DELETE}, paths=("/privacy",)),
    # PRIV-020 consent to telehealth (state law, other_law; split from PRIV-016)
    Case("PRIV-020", "base", "pass", paths=(f"{SESSIONS}/patient_consent_documented",)),
    Case(
        "PRIV-020",
        "no-consent",
        "fail",
        {f"{SESSIONS}/patient_consent_documented": False},
        paths=(f"{SESSIONS}/patient_consent_documented",),
        message="state law (not HIPAA): patients' consent to telehealth is not documented",
    ),
    Case("PRIV-020", "business-associate", "not_applicable", BUSINESS_ASSOCIATE),
    Case(
        "PRIV-020",
        "health-plan",
        "not_applicable",
        {"/organization/entity_kind": "health_plan"},
        paths=("/organization/entity_kind",),
    ),
]

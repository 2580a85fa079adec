"""Cases for controls/privacy.py (PRIV-001..PRIV-016), as patches to the strong base config."""

from __future__ import annotations

import datetime as dt

from tests.controls.harness import DELETE, Case

NPP = "/privacy/notice_of_privacy_practices"
RIGHTS = "/privacy/patient_rights"
BREACH = "/incident_response/breach_notification"
BUSINESS_ASSOCIATE = {"/organization/type": "business_associate"}
NO_NPP = {f"{NPP}/published": False}
CS = "/patient_identity/controlled_substances"

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
    # PRIV-003 NPP revised within 3 years
    Case("PRIV-003", "base", "pass", paths=(f"{NPP}/last_revised",), turns_on=dt.date(2029, 2, 1)),
    Case(
        "PRIV-003",
        "revised-3-years-less-a-day",
        "pass",
        {f"{NPP}/last_revised": "2023-11-02"},
        turns_on=dt.date(2026, 11, 2),
    ),
    Case(
        "PRIV-003",
        "due-exactly-today",
        "partial",
        {f"{NPP}/last_revised": "2023-11-01"},
        credit=0.5,
        paths=(f"{NPP}/last_revised",),
        message="last revised on 2023-11-01, more than 3 years ago (review was due 2026-11-01)",
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
        message="no revision date is recorded",
    ),
    Case("PRIV-003", "business-associate", "not_applicable", BUSINESS_ASSOCIATE),
    # PRIV-004 right of access
    Case("PRIV-004", "30-days", "pass", paths=(f"{RIGHTS}/access_request_days",)),
    Case(
        "PRIV-004",
        "31-days",
        "partial",
        {f"{RIGHTS}/access_request_days": 31},
        credit=0.5,
        paths=(f"{RIGHTS}/access_request_days",),
        message="access requests are answered within 31 days; the rule allows 30",
    ),
    Case("PRIV-004", "60-days", "partial", {f"{RIGHTS}/access_request_days": 60}, credit=0.5),
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
    # PRIV-007 restrictions and confidential communications
    Case(
        "PRIV-007",
        "base",
        "pass",
        paths=(f"{RIGHTS}/restriction_requests", f"{RIGHTS}/confidential_communications"),
    ),
    Case(
        "PRIV-007",
        "no-confidential-communications",
        "partial",
        {f"{RIGHTS}/confidential_communications": False},
        credit=0.5,
        paths=(f"{RIGHTS}/confidential_communications",),
        message="no procedure handles confidential communication requests",
    ),
    Case(
        "PRIV-007",
        "neither",
        "fail",
        {f"{RIGHTS}/confidential_communications": False, f"{RIGHTS}/restriction_requests": False},
        message="no procedure handles restriction requests or confidential communication requests",
    ),
    # PRIV-008 minimum necessary
    Case("PRIV-008", "base", "pass", paths=("/privacy/minimum_necessary/policy",)),
    Case(
        "PRIV-008",
        "not-role-based",
        "partial",
        {"/privacy/minimum_necessary/role_based": False},
        credit=0.5,
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
    # PRIV-011 individual notice
    Case("PRIV-011", "30-days", "pass", paths=(f"{BREACH}/individual_notice_days",)),
    Case("PRIV-011", "59-days", "pass", {f"{BREACH}/individual_notice_days": 59}),
    Case(
        "PRIV-011",
        "60-days-outer-limit",
        "partial",
        {f"{BREACH}/individual_notice_days": 60},
        credit=0.5,
        paths=(f"{BREACH}/individual_notice_days",),
        message="the internal target for notifying individuals is 60 days, the legal outer limit",
    ),
    Case(
        "PRIV-011",
        "absent",
        "fail",
        {f"{BREACH}/individual_notice_days": DELETE},
        paths=(BREACH,),
        message="no internal deadline is set for notifying individuals",
    ),
    Case(
        "PRIV-011",
        "business-associate",
        "not_applicable",
        BUSINESS_ASSOCIATE,
        message="a business associate does not issue breach notices to individuals",
    ),
    # PRIV-012 HHS reporting and breach log
    Case("PRIV-012", "base", "pass", paths=(f"{BREACH}/hhs_reporting", f"{BREACH}/breach_log")),
    Case(
        "PRIV-012",
        "no-log",
        "partial",
        {f"{BREACH}/breach_log": False},
        credit=0.5,
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
    # PRIV-014 patient identity verification
    Case(
        "PRIV-014",
        "base",
        "pass",
        paths=("/patient_identity/methods",),
        message="patient identity is verified with a strong method "
        "(government_id, patient_portal_login, "
        "video_id_match)",
    ),
    Case(
        "PRIV-014",
        "sms-only",
        "partial",
        {"/patient_identity/methods": ["two_factor_sms", "knowledge_based"]},
        credit=0.5,
        paths=("/patient_identity/methods",),
        message="patient identity is verified only with two_factor_sms, knowledge_based; "
        "add a strong method",
    ),
    Case(
        "PRIV-014",
        "weak-only",
        "fail",
        {"/patient_identity/methods": ["knowledge_based", "verbal_demographics"]},
        paths=("/patient_identity/methods",),
        message="verified only with weak methods (knowledge_based, verbal_demographics)",
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
    # PRIV-015 controlled substances
    Case(
        "PRIV-015",
        "base",
        "pass",
        paths=(f"{CS}/methods",),
        message="(government_id, video_id_match)",
    ),
    Case(
        "PRIV-015",
        "sms-only",
        "partial",
        {f"{CS}/methods": ["two_factor_sms"]},
        credit=0.5,
        paths=(f"{CS}/methods",),
        message="a patient receiving controlled substances is verified only with two_factor_sms",
    ),
    Case(
        "PRIV-015",
        "no-enhanced-verification",
        "fail",
        {f"{CS}/enhanced_verification": False},
        paths=(f"{CS}/enhanced_verification",),
        message="controlled substances are prescribed without enhanced identity verification",
    ),
    Case(
        "PRIV-015",
        "insurance-card-only",
        "fail",
        {f"{CS}/methods": ["insurance_card"]},
        message="weak methods (insurance_card)",
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
    # PRIV-016 private telehealth sessions with consent
    Case(
        "PRIV-016",
        "base",
        "pass",
        paths=("/privacy/telehealth_sessions/private_setting_required",),
    ),
    Case(
        "PRIV-016",
        "no-consent",
        "partial",
        {"/privacy/telehealth_sessions/patient_consent_documented": False},
        credit=0.5,
        paths=("/privacy/telehealth_sessions/patient_consent_documented",),
        message="for telehealth sessions patient consent is not documented",
    ),
    Case(
        "PRIV-016",
        "absent",
        "fail",
        {"/privacy/telehealth_sessions": DELETE},
        paths=("/privacy",),
        message="a private setting is not required and patient consent is not documented",
    ),
]

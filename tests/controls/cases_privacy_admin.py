"""Cases for controls/privacy_admin.py, breach.py, baa_terms.py, byod.py and security_testing.py."""

from __future__ import annotations

import datetime as dt

from tests.controls.harness import DELETE, Case

ADMIN = "/privacy_administration"
TRAINING = f"{ADMIN}/training"
BREACH = "/incident_response/breach_notification"
BAA = "/business_associates/0/baa"
BUSINESS_ASSOCIATE = {"/organization/type": "business_associate"}
HYBRID = {
    "/organization/type": "hybrid_entity",
    "/hybrid_entity": {
        "health_care_components": ["Telehealth clinic", "Pharmacy"],
        "designation_documented": True,
        "component_safeguards": True,
    },
}
VM = "/vulnerability_management"

CASES = [
    # PRIV-021 privacy training (164.530(b))
    Case("PRIV-021", "base", "pass", paths=(f"{TRAINING}/trained", f"{TRAINING}/documented"),
         message="new members and those a material change affects included"),
    Case(
        "PRIV-021",
        "not-documented",
        "fail",
        {f"{TRAINING}/documented": False},
        paths=(f"{TRAINING}/documented",),
        message="privacy training lacks documentation of the training (164.530(b)(2)(ii))",
    ),
    Case(
        "PRIV-021",
        "section-absent",
        "fail",
        {ADMIN: DELETE},
        paths=(ADMIN,),
        message="(not declared: set privacy_administration.training.trained)",
    ),
    Case("PRIV-021", "business-associate", "not_applicable", BUSINESS_ASSOCIATE,
         paths=("/organization/type",), message="164.530 binds covered entities"),
    Case("PRIV-021", "hybrid-entity-is-bound", "fail",
         {**HYBRID, f"{TRAINING}/new_members": False},
         message="training of new members after joining"),
    # PRIV-022 complaints (164.530(d))
    Case("PRIV-022", "base", "pass", paths=(f"{ADMIN}/complaints/process",)),
    Case(
        "PRIV-022",
        "not-logged",
        "fail",
        {f"{ADMIN}/complaints/documented": DELETE},
        paths=(f"{ADMIN}/complaints",),
        message="documentation of complaints and their disposition (not declared: set "
        "privacy_administration.complaints.documented)",
    ),
    # PRIV-023 sanctions for privacy violations (164.530(e))
    Case("PRIV-023", "base", "pass", paths=(f"{ADMIN}/sanctions_cover_privacy",)),
    Case(
        "PRIV-023",
        "security-only-policy",
        "fail",
        {f"{ADMIN}/sanctions_cover_privacy": False},
        paths=(f"{ADMIN}/sanctions_cover_privacy",),
        message="privacy sanctions (164.530(e)) lack its application to privacy violations",
    ),
    Case(
        "PRIV-023",
        "no-policy-at-all",
        "fail",
        {"/workforce/sanctions_policy": False, f"{ADMIN}/sanctions_cover_privacy": DELETE},
        paths=("/workforce/sanctions_policy", ADMIN),
        message="a sanction policy and its application to privacy violations (not declared",
    ),
    # PRIV-024 mitigation (164.530(f))
    Case("PRIV-024", "base", "pass", paths=(f"{ADMIN}/mitigation_procedure",)),
    Case("PRIV-024", "none", "fail", {f"{ADMIN}/mitigation_procedure": False},
         paths=(f"{ADMIN}/mitigation_procedure",),
         message="not mitigated; missing: a mitigation procedure"),
    # PRIV-025 no retaliation (164.530(g))
    Case("PRIV-025", "base", "pass", paths=(f"{ADMIN}/non_retaliation",)),
    Case("PRIV-025", "absent", "fail", {f"{ADMIN}/non_retaliation": DELETE}, paths=(ADMIN,),
         message="not declared: set privacy_administration.non_retaliation"),
    # PRIV-026 no waiver of rights (164.530(h))
    Case("PRIV-026", "base", "pass", paths=(f"{ADMIN}/no_waiver_of_rights",)),
    Case("PRIV-026", "not-reviewed", "fail", {f"{ADMIN}/no_waiver_of_rights": False},
         paths=(f"{ADMIN}/no_waiver_of_rights",),
         message="intake forms and terms are not shown to be free of waivers"),
    # PRIV-027 Privacy Rule documentation retention (164.530(j))
    Case("PRIV-027", "base", "pass",
         paths=("/policies/documentation/retention_years", f"{ADMIN}/records_retained"),
         message="kept 6 years (6 required)"),
    Case(
        "PRIV-027",
        "three-years",
        "fail",
        {"/policies/documentation/retention_years": 3},
        paths=("/policies/documentation/retention_years",),
        message="lacks 6 years of retention (it is 3)",
    ),
    Case(
        "PRIV-027",
        "privacy-records-left-out",
        "fail",
        {f"{ADMIN}/records_retained": DELETE},
        paths=(ADMIN,),
        message="the privacy records (not declared: set privacy_administration.records_retained)",
    ),
    # GOV-022 hybrid entity designation (164.105)
    Case("GOV-022", "covered-entity", "not_applicable", paths=("/organization/type",)),
    Case("GOV-022", "designated", "pass", HYBRID,
         paths=("/hybrid_entity/health_care_components",),
         message="(Telehealth clinic and Pharmacy)"),
    Case(
        "GOV-022",
        "nothing-declared",
        "fail",
        {"/organization/type": "hybrid_entity"},
        paths=("/hybrid_entity",),
        message="lacks a designation of health care components (not declared: set "
        "hybrid_entity.health_care_components), documentation of the designation",
    ),
    Case(
        "GOV-022",
        "empty-designation",
        "fail",
        {**HYBRID, "/hybrid_entity/health_care_components": []},
        paths=("/hybrid_entity/health_care_components",),
        message="the hybrid entity lacks a designation of health care components",
    ),
    # PRIV-028 a business associate notifies its covered entities (164.410)
    Case("PRIV-028", "covered-entity", "not_applicable", paths=("/organization/type",)),
    Case("PRIV-028", "thirty-days", "pass",
         {**BUSINESS_ASSOCIATE, f"{BREACH}/covered_entity_notice_days": 30},
         paths=(f"{BREACH}/covered_entity_notice_days",), message="within 30 days"),
    Case("PRIV-028", "undeclared", "fail", BUSINESS_ASSOCIATE, paths=(BREACH,),
         message="(not declared: set incident_response.breach_notification."
         "covered_entity_notice_days)"),
    Case("PRIV-028", "ninety-days", "fail",
         {**BUSINESS_ASSOCIATE, f"{BREACH}/covered_entity_notice_days": 90},
         paths=(f"{BREACH}/covered_entity_notice_days",),
         message="90 days, beyond the 60-day limit of 164.410(b)"),
    # PRIV-029 notice content (164.404(c))
    Case("PRIV-029", "base", "pass", paths=(f"{BREACH}/notice_content",)),
    Case("PRIV-029", "no-template", "fail", {f"{BREACH}/notice_content": DELETE},
         paths=(BREACH,), message="not declared: set incident_response.breach_notification."
         "notice_content"),
    Case("PRIV-029", "business-associate", "not_applicable", BUSINESS_ASSOCIATE,
         message="it notifies its covered entities (164.410, PRIV-028)"),
    # PRIV-030 substitute notice (164.404(d)(2))
    Case("PRIV-030", "base", "pass", paths=(f"{BREACH}/substitute_notice_procedure",)),
    Case("PRIV-030", "none", "fail", {f"{BREACH}/substitute_notice_procedure": False},
         paths=(f"{BREACH}/substitute_notice_procedure",),
         message="breach notification lacks a substitute notice procedure"),
    # PRIV-031 law-enforcement delay (164.412), for covered entities and associates alike
    Case("PRIV-031", "base", "pass", paths=(f"{BREACH}/law_enforcement_delay_procedure",)),
    Case("PRIV-031", "business-associate-without", "fail",
         {**BUSINESS_ASSOCIATE, f"{BREACH}/law_enforcement_delay_procedure": False},
         paths=(f"{BREACH}/law_enforcement_delay_procedure",),
         message="lacks a law-enforcement delay procedure"),
    # GOV-023 BAA terms (164.504(e)(2)(ii)(I)-(J), 164.314(a)(2)(i)(C))
    Case("GOV-023", "base", "pass", paths=(f"{BAA}/return_or_destroy",),
         message="the BAA in force requires security-incident reporting"),
    Case(
        "GOV-023",
        "no-return-or-destroy",
        "fail",
        {f"{BAA}/return_or_destroy": False, f"{BAA}/hhs_access_to_records": DELETE},
        paths=(BAA,),
        instances=("CareLink Health Inc.",),
        message="CareLink Health Inc.: the BAA lacks HHS access to books and records "
        "(164.504(e)(2)(ii)(I)) (not declared: set business_associates[0].baa."
        "hhs_access_to_records) and return or destruction",
    ),
    Case("GOV-023", "expired-baa-is-gov-012s", "not_applicable", {f"{BAA}/expires": "2026-06-01"},
         message="(GOV-012)"),
    # PHYS-021 BYOD policy (164.310(b)-(c), 164.316)
    Case("PHYS-021", "base", "pass", paths=("/byod/policy_documented",)),
    Case("PHYS-021", "byod-without-policy", "fail", {"/byod/policy_documented": DELETE},
         paths=("/byod",),
         message="personal devices may reach ePHI without a written BYOD policy (not declared: "
         "set byod.policy_documented)"),
    Case("PHYS-021", "no-byod", "not_applicable", {"/byod/allowed": False},
         paths=("/byod/allowed",)),
    # TECH-039 vulnerability scans every 3 months (benchmark)
    Case("TECH-039", "base", "pass", paths=(f"{VM}/last_vulnerability_scan",),
         turns_on=dt.date(2026, 12, 1)),
    Case("TECH-039", "six-months-old", "fail", {f"{VM}/last_vulnerability_scan": "2026-05-01"},
         paths=(f"{VM}/last_vulnerability_scan",),
         message="benchmark: the last vulnerability scan was on 2026-05-01, overdue since "
         "2026-08-01 (3-month cycle); CIS Controls v8 7.5-7.6"),
    Case("TECH-039", "never", "fail", {f"{VM}/last_vulnerability_scan": DELETE}, paths=(VM,),
         message="not declared: set vulnerability_management.last_vulnerability_scan"),
    Case("TECH-039", "tailored-to-six-months", "pass",
         {f"{VM}/last_vulnerability_scan": "2026-06-01"}, limits=((None, 6.0),),
         turns_on=dt.date(2026, 12, 1)),
    # TECH-040 penetration test every 12 months (benchmark)
    Case("TECH-040", "base", "pass", paths=(f"{VM}/last_penetration_test",),
         turns_on=dt.date(2027, 2, 14)),
    Case("TECH-040", "two-years-old", "fail", {f"{VM}/last_penetration_test": "2024-10-01"},
         paths=(f"{VM}/last_penetration_test",), message="HIPAA names no interval"),
    Case("TECH-040", "future-date", "fail", {f"{VM}/last_penetration_test": "2027-01-01"},
         paths=(f"{VM}/last_penetration_test",), message="after the assessment date"),
]

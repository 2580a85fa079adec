"""Cases for the issue-13 telehealth controls (TELE-001..TELE-013), as patches to the base config.

The base declares every applicability key false (no AI scribe, no minors, no behavioral health,
no Part 2 records), carries audio-only visits over landlines only, and has the always-applicable
safeguards in place; cases patch in what each control looks at.
"""

from __future__ import annotations

from tests.controls.harness import DELETE, Case

ORG = "/organization"
SCRIBE = {
    "name": "Murmur Notes",
    "vendor": "Murmur AI Inc.",
    "purpose": "ai_scribe",
    "handles_ephi": True,
    "business_associate": "Murmur AI Inc.",
    "ai_scribe": {
        "baa_prohibits_model_training": True,
        "audio_retention_days": 0,
        "patient_notice": True,
    },
}
USES_SCRIBE = {f"{ORG}/uses_ai_scribes": True, "/platforms/-": SCRIBE}
AUDIO = "/audio_only"
VOIP = {f"{AUDIO}/channels": ["voip"]}
PHONE_BA = {
    "name": "Northwind Voice",
    "handles_ephi": True,
    "conduit_only": True,
    "baa": {"status": "not_required"},
}
ANSWERING_BA = {
    "name": "AfterHours Answering",
    "handles_ephi": True,
    "conduit_only": False,
    "baa": {"status": "signed", "signed": "2025-03-01"},
}
BEHAVIORAL = {f"{ORG}/behavioral_health": True}
NOTES = "/privacy/psychotherapy_notes"
KEEPS_NOTES = {
    **BEHAVIORAL,
    f"{NOTES}/kept": True,
    f"{NOTES}/kept_separately": True,
    f"{NOTES}/authorization_required": True,
}
THREAT = "/privacy/serious_threat_disclosures/procedure_documented"
REPS = "/privacy/personal_representatives"
SESSIONS = "/privacy/telehealth_sessions"
PLAN = f"{SESSIONS}/emergency_plan"
REQUEST = "/transmission_security/unencrypted_at_patient_request"
PORTAL = {"name": "Lakeside Portal", "purpose": "patient_portal", "handles_ephi": True}
PORTAL_PROOF = {"/patient_identity/methods": ["government_id", "patient_portal_login"]}

CASES = [
    # TELE-001 AI scribe BAA forbids training
    Case("TELE-001", "no-scribes-declared-false", "not_applicable"),
    Case(
        "TELE-001", "uses-not-declared", "not_applicable", {f"{ORG}/uses_ai_scribes": DELETE},
        message="not declared", paths=(ORG,),
    ),
    Case("TELE-001", "training-barred", "pass", USES_SCRIBE,
         paths=("/platforms/1/ai_scribe/baa_prohibits_model_training",)),
    Case(
        "TELE-001", "training-allowed", "fail",
        {**USES_SCRIBE, "/platforms/1/ai_scribe/baa_prohibits_model_training": False},
        instances=("Murmur Notes",), message="lets the vendor train models",
    ),
    Case(
        "TELE-001", "term-not-declared", "fail",
        {**USES_SCRIBE, "/platforms/1/ai_scribe": DELETE},
        paths=("/platforms/1",), message="not declared",
    ),
    Case("TELE-001", "uses-but-none-listed", "fail", {f"{ORG}/uses_ai_scribes": True},
         message="no platform with purpose ai_scribe"),
    # TELE-002 audio retention
    Case("TELE-002", "deleted-at-once", "pass", USES_SCRIBE),
    Case(
        "TELE-002", "kept-a-year", "fail",
        {**USES_SCRIBE, "/platforms/1/ai_scribe/audio_retention_days": 365},
        paths=("/platforms/1/ai_scribe/audio_retention_days",), message="365 days, over 30",
    ),
    Case(
        "TELE-002", "tailored-to-a-year", "pass",
        {**USES_SCRIBE, "/platforms/1/ai_scribe/audio_retention_days": 365},
        limits=((None, 365.0),),
    ),
    Case(
        "TELE-002", "retention-not-declared", "fail",
        {**USES_SCRIBE, "/platforms/1/ai_scribe/audio_retention_days": DELETE},
        message="not declared how long",
    ),
    # TELE-003 patient notice (state law)
    Case("TELE-003", "patients-told", "pass", USES_SCRIBE),
    Case(
        "TELE-003", "patients-not-told", "fail",
        {**USES_SCRIBE, "/platforms/1/ai_scribe/patient_notice": False},
        message="state law (not HIPAA)",
    ),
    # TELE-004 telephony vendors
    Case("TELE-004", "landline-only", "pass", message="Security Rule does not apply"),
    Case("TELE-004", "no-audio-only", "not_applicable",
         {f"{ORG}/telehealth_services": ["video_visits"]}),
    Case("TELE-004", "channels-not-declared", "not_applicable", {f"{AUDIO}/channels": DELETE},
         paths=(AUDIO,), message="not declared"),
    Case("TELE-004", "no-channel-listed", "fail", {f"{AUDIO}/channels": []},
         message="no channel is listed"),
    Case("TELE-004", "voip-no-vendor", "fail", VOIP, message="no telephony vendor is declared"),
    Case(
        "TELE-004", "voip-conduit", "pass",
        {**VOIP, "/business_associates/-": PHONE_BA,
         f"{AUDIO}/telephony_vendors": [{"business_associate": "Northwind Voice",
                                         "stores_content": False}]},
        paths=("/business_associates/1/conduit_only",),
    ),
    Case(
        "TELE-004", "conduit-that-stores-voicemail", "fail",
        {**VOIP, "/business_associates/-": PHONE_BA,
         f"{AUDIO}/telephony_vendors": [{"business_associate": "Northwind Voice",
                                         "stores_content": True}]},
        instances=("Northwind Voice",), message="not a conduit",
    ),
    Case(
        "TELE-004", "answering-service-with-baa", "pass",
        {**VOIP, "/business_associates/-": ANSWERING_BA,
         f"{AUDIO}/telephony_vendors": [{"business_associate": "AfterHours Answering",
                                         "stores_content": True}]},
    ),
    Case(
        "TELE-004", "answering-service-without-baa", "fail",
        {**VOIP, "/business_associates/-": {**ANSWERING_BA, "baa": {"status": "none"}},
         f"{AUDIO}/telephony_vendors": [{"business_associate": "AfterHours Answering",
                                         "stores_content": True}]},
        message="no BAA in force (none)",
    ),
    Case(
        "TELE-004", "vendor-not-listed", "fail",
        {**VOIP, f"{AUDIO}/telephony_vendors": [{"business_associate": "Ghost Telecom",
                                                 "stores_content": False}]},
        message="is not listed in business_associates",
    ),
    # TELE-005 risk analysis covers audio-only
    Case("TELE-005", "landline-only", "pass"),
    Case("TELE-005", "voip-covered", "pass", VOIP, paths=(f"{AUDIO}/in_risk_analysis",)),
    Case("TELE-005", "voip-not-covered", "fail", {**VOIP, f"{AUDIO}/in_risk_analysis": DELETE},
         paths=(AUDIO,)),
    # TELE-006 psychotherapy notes
    Case("TELE-006", "no-behavioral-health", "not_applicable"),
    Case("TELE-006", "kept-not-declared", "not_applicable", BEHAVIORAL, message="not declared"),
    Case("TELE-006", "none-kept", "not_applicable", {**BEHAVIORAL, f"{NOTES}/kept": False}),
    Case("TELE-006", "kept-apart-authorized", "pass", KEEPS_NOTES),
    Case(
        "TELE-006", "in-the-shared-note", "fail",
        {**KEEPS_NOTES, f"{NOTES}/kept_separately": False},
        paths=(f"{NOTES}/kept_separately",), message="kept apart from the medical record",
    ),
    Case(
        "TELE-006", "no-authorization", "fail",
        {**KEEPS_NOTES, f"{NOTES}/authorization_required": DELETE},
        message="specific authorization",
    ),
    # TELE-007 serious threat procedure
    Case("TELE-007", "no-behavioral-health", "not_applicable"),
    Case("TELE-007", "procedure", "pass", {**BEHAVIORAL, THREAT: True}),
    Case("TELE-007", "no-procedure", "fail", BEHAVIORAL, message="benchmark"),
    # TELE-008 personal representatives
    Case("TELE-008", "base", "pass"),
    Case("TELE-008", "not-declared", "fail", {f"{REPS}/procedure_documented": DELETE},
         paths=(REPS,), message="not declared"),
    Case("TELE-008", "business-associate", "not_applicable",
         {f"{ORG}/type": "business_associate"}),
    # TELE-009 minors
    Case("TELE-009", "no-minors", "not_applicable"),
    Case("TELE-009", "minors-undeclared", "not_applicable", {f"{ORG}/treats_minors": DELETE},
         message="not declared"),
    Case("TELE-009", "minors-state-law", "pass", {f"{ORG}/treats_minors": True}),
    Case(
        "TELE-009", "minors-no-state-law", "fail",
        {f"{ORG}/treats_minors": True, f"{REPS}/minors_state_law_applied": False},
        paths=(f"{REPS}/minors_state_law_applied",),
    ),
    # TELE-010 family or friends present
    Case("TELE-010", "base", "pass"),
    Case("TELE-010", "not-asked", "fail", {f"{SESSIONS}/others_present_agreement": False}),
    # TELE-011 unencrypted delivery on request
    Case("TELE-011", "honoured-base", "pass", message="the risk warning or the recorded choice"),
    Case(
        "TELE-011", "honoured-warned", "pass",
        {f"{REQUEST}/risk_warning_given": True, f"{REQUEST}/choice_recorded": True},
        message="after a risk warning, with the choice recorded",
    ),
    Case("TELE-011", "refused", "fail", {f"{REQUEST}/honoured": False}, message="164.524(c)(2)"),
    Case("TELE-011", "not-declared", "fail", {REQUEST: DELETE}, message="not declared"),
    # TELE-012 emergency plan
    Case("TELE-012", "base", "pass"),
    Case(
        "TELE-012", "location-only", "partial",
        {f"{PLAN}/emergency_contact": False, f"{PLAN}/local_emergency_route": DELETE},
        credit=round(1 / 3, 4), message="an emergency contact is taken",
    ),
    Case("TELE-012", "none", "fail", {PLAN: DELETE}, message="HHS telehealth guidance"),
    Case("TELE-012", "messaging-only", "not_applicable",
         {f"{ORG}/telehealth_services": ["secure_messaging"]}),
    # TELE-013 portal login as identity proof
    Case("TELE-013", "portal-not-listed", "fail", PORTAL_PROOF,
         message="no platform with purpose"),
    Case(
        "TELE-013", "portal-old-mfa-key", "pass",
        {**PORTAL_PROOF, "/platforms/-": {**PORTAL, "mfa": True}},
        paths=("/platforms/1/mfa",),
    ),
    Case(
        "TELE-013", "portal-patients-without-mfa", "fail",
        {**PORTAL_PROOF, "/platforms/-": {**PORTAL, "mfa": True, "patient_mfa": False}},
        paths=("/platforms/1/patient_mfa",), instances=("Lakeside Portal",),
    ),
    Case("TELE-013", "portal-login-not-used", "not_applicable"),
]

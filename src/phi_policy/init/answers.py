"""The answers `phi-policy init` collects: one typed shape shared by the questionnaire and template.

The questionnaire fills it and the template reads it, so a key renamed on one side and not the
other is a type error rather than an answer silently written as unknown. Every key is optional:
a follow-up question not asked (no video platform, so no vendor) leaves its key out.
"""

from __future__ import annotations

from typing import TypedDict

#: A date answer for "does not expire" (a BAA with no end date).
NO_EXPIRY = "none"
#: A choice answer for "not known": written conservatively, with a TODO.
UNKNOWN = "unknown"
DEFAULT_ORG_NAME = "My Telehealth Organization"


class Answers(TypedDict, total=False):
    """What each question's answer parses to.

    Numbers are "" and dates "" when unknown; an applicability answer (does this area apply at
    all?) is None when unknown, since neither yes nor no can be assumed for it.
    """

    org_name: str
    org_type: str
    org_size: str
    sites: int | str
    states: list[str]
    security_official: str
    privacy_official: str
    risk_analysis_date: str
    training_frequency_months: int | str
    training_last_completed: str
    video_platform: str
    video_vendor: str
    video_e2ee: bool
    video_baa_signed: bool
    video_baa_expires: str
    mfa_remote: bool
    mfa_admin: bool
    logoff_minutes: int | str
    at_rest_algorithm: str
    at_rest_fips: bool
    tls_min_version: str
    byod_allowed: bool
    byod_mdm: bool
    byod_remote_wipe: bool
    byod_containerization: bool
    facility_plan: bool
    disposal_method: str
    backups: bool
    backup_last_restore_test: str
    contingency_last_test: str
    ir_plan: bool
    npp_published: bool
    npp_telehealth: bool
    id_methods: list[str]
    controlled_substances: bool
    cs_enhanced: bool
    behavioral_health: bool | None
    psychotherapy_notes_kept: bool | None
    psychotherapy_notes_separate: bool
    psychotherapy_notes_authorization: bool
    serious_threat_procedure: bool
    holds_part2_records: bool | None
    part2_consent_form: bool
    part2_patient_notice: bool
    part2_breach_notification: bool
    part2_security_policies: bool
    part2_redisclosure_notice: bool
    treats_minors: bool | None
    minors_state_law: bool
    uses_ai_scribes: bool | None
    scribe_name: str
    scribe_vendor: str
    scribe_baa_signed: bool
    scribe_no_training: bool
    scribe_audio_days: int | str
    scribe_patient_notice: bool
    audio_only: bool
    audio_channels: list[str]
    audio_in_risk_analysis: bool

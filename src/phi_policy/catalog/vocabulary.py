"""The names a control may declare: the profiles it runs under and the frameworks it cites.

They live apart from the loader because the metadata checks, the catalog and the reports
(coverage, `controls list`) all read them, and none of those should have to import another of
them for a table of names.
"""

from __future__ import annotations

PROFILES: dict[str, str] = {
    "hipaa": "HIPAA Security Rule as in force (45 CFR 164 Subpart C, 2013), with the Privacy "
    "and Breach Notification Rules and telehealth safeguards",
    "hipaa-2025-nprm": "Readiness for the Security Rule changes proposed in January 2025 "
    "(90 FR 898, not final): no addressable distinction, plus proposed-only checks",
}
FRAMEWORKS: dict[str, str] = {
    "security_rule": "HIPAA Security Rule",
    "breach_rule": "HIPAA Breach Notification Rule",
    "privacy_rule": "HIPAA Privacy Rule",
    "nprm_2025": "HIPAA Security Rule NPRM 2025 (proposed)",
    "other_law": "Other law (not HIPAA)",
}
PROPOSED_FRAMEWORK = FRAMEWORKS["nprm_2025"]
OTHER_LAW_FRAMEWORK = FRAMEWORKS["other_law"]

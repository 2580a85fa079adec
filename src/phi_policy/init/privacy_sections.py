"""The starter config's privacy sections: the Privacy Rule, 42 CFR Part 2 and patient identity.

The parts for areas only some practices have (personal representatives of minors,
psychotherapy notes, serious-threat disclosures, Part 2) are written only when the answers say
the area applies: a config then carries what its controls read, and nothing that would only
invite a reader to fill in a section that does not concern them.
"""

from __future__ import annotations

from typing import Literal

from phi_policy.init.answers import Answers
from phi_policy.init.governance_sections import declared
from phi_policy.init.yaml_lines import Writer

Part2Answer = Literal[
    "part2_consent_form",
    "part2_patient_notice",
    "part2_breach_notification",
    "part2_security_policies",
    "part2_redisclosure_notice",
]

#: The Part 2 safeguards: (key under part2, answer, what to do when not in place).
PART2_DUTIES: tuple[tuple[str, Part2Answer, str], ...] = (
    ("consent_form_updated", "part2_consent_form",
     "base disclosures on a consent that meets 42 CFR 2.31 as amended in 2024"),
    ("patient_notice_updated", "part2_patient_notice",
     "give patients the 42 CFR 2.22 notice, revised for the 2024 rule"),
    ("breach_notification", "part2_breach_notification",
     "bring Part 2 records into the breach notification procedure (42 CFR 2.16)"),
    ("security_policies", "part2_security_policies",
     "write policies that protect Part 2 records (42 CFR 2.16)"),
    ("redisclosure_notice", "part2_redisclosure_notice",
     "attach the notice against redisclosure to each disclosure (42 CFR 2.32)"),
)


def privacy(w: Writer, a: Answers) -> None:
    """The Privacy Rule duties; representatives and psychotherapy notes only where they apply."""
    w.section(
        "privacy",
        "Privacy Rule: notice of privacy practices 164.520, individual rights 164.524-164.528, "
        "minimum necessary 164.502(b).",
    )
    w.open("notice_of_privacy_practices", 2)
    published = a.get("npp_published")
    w.flag("published", published, 4, "publish a notice of privacy practices (164.520)")
    w.flag(
        "telehealth_terms",
        published and a.get("npp_telehealth"),
        4,
        "say how telehealth visits use PHI",
    )
    w.open("minimum_necessary", 2)
    w.flag("policy", False, 4, "confirm a minimum necessary policy (164.502(b))")
    if a.get("treats_minors"):
        w.open("personal_representatives", 2)
        w.flag("procedure_documented", False, 4,
               "confirm a procedure verifying a representative's authority (164.502(g))")
        w.flag("minors_state_law_applied", a.get("minors_state_law"), 4,
               "follow state law on when a parent acts for a minor (164.502(g)(3))")
    if a.get("behavioral_health"):
        _behavioral_health(w, a)


def _behavioral_health(w: Writer, a: Answers) -> None:
    kept = a.get("psychotherapy_notes_kept")
    if kept is None:
        w.lines.append("  # psychotherapy_notes:")
    else:
        w.open("psychotherapy_notes", 2)
    declared(w, "/privacy/psychotherapy_notes/kept", kept, 4)
    if kept:
        w.flag("kept_separately", a.get("psychotherapy_notes_separate"), 4,
               "keep them apart from the medical record (164.501)")
        w.flag("authorization_required", a.get("psychotherapy_notes_authorization"), 4,
               "require a specific authorization to disclose them (164.508(a)(2))")
    w.open("serious_threat_disclosures", 2)
    w.flag("procedure_documented", a.get("serious_threat_procedure"), 4,
           "document who decides on duty-to-warn disclosures, and how (164.512(j))")


def part2(w: Writer, a: Answers) -> None:
    """42 CFR Part 2's duties, written only for an organization that holds Part 2 records."""
    if not a.get("holds_part2_records"):
        return
    w.section(
        "part2",
        "42 CFR Part 2, substance use disorder records: other law, scored apart from HIPAA. "
        "The 2024 rule aligned it with HIPAA (its 2.16 applies the breach rule, "
        "164.400-164.414, to Part 2 records); compliance date 2026-02-16.",
    )
    for key, answer, todo in PART2_DUTIES:
        w.flag(key, a.get(answer), 2, todo)


def patient_identity(w: Writer, a: Answers) -> None:
    """How a patient's identity is verified, and more strictly before controlled substances."""
    w.section(
        "patient_identity",
        "Knowing who is on the other end of a telehealth visit before disclosing PHI (164.514(h)); "
        "stronger checks before prescribing controlled substances.",
    )
    methods = a.get("id_methods") or []
    if methods:
        w.key("verification_required", True, 2)
        w.key("methods", methods, 2)
    else:
        w.key("verification_required", False, 2, "how is a patient's identity verified at a visit?")
        w.key("methods", [], 2)
    w.open("controlled_substances", 2)
    prescribes = bool(a.get("controlled_substances"))
    w.key("prescribes", prescribes, 4)
    if prescribes:
        w.flag(
            "enhanced_verification",
            a.get("cs_enhanced"),
            4,
            "verify identity more strictly before prescribing",
        )

"""Who else is on the call: personal representatives, parents of minors, family and friends.

Telehealth puts other people in the room without the front desk seeing them: a guardian who
logs in for an adult patient, a parent beside a teenager, a spouse off camera. The Privacy Rule
says who may act for a patient (personal representatives, 164.502(g), with state law deciding
much for minors) and when PHI may be discussed in front of family or friends (164.510(b)). A
business associate meets no patients, so these apply to covered entities.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    applies,
    control,
    flag,
    get,
    not_applicable,
)
from phi_policy.model import Context, Outcome

REPS = "/privacy/personal_representatives"
SESSIONS = "/privacy/telehealth_sessions"


def _covered_entity_only(config: Config) -> Outcome | None:
    if get(config, "/organization/type") == "business_associate":
        return not_applicable(
            "a business associate does not decide who acts for a patient; its covered "
            "entities do",
            "/organization/type",
        )
    return None


@control(
    id="TELE-008",
    title="Personal representatives' authority verified before they act for a patient",
    domain="privacy",
    cites=["164.502(g)", "164.514(h)"],
    basis="required",
    severity="medium",
    risk="Someone claiming to be a guardian or agent on a video call gets a patient's PHI, or a "
    "real representative is turned away; either is a Privacy Rule violation.",
    rationale="A covered entity must treat a personal representative (a person with authority "
    "under law to act for the patient in health care decisions) as the individual "
    "(164.502(g)(1)-(2)), and verify the authority of a person requesting PHI whose authority "
    "is not known to it (164.514(h)). Telehealth never shows the court order or power of "
    "attorney at a front desk, so the procedure has to.",
    remediation="Document how a representative's authority is verified and recorded, and set "
    "privacy.personal_representatives.procedure_documented: true.",
)
def personal_representatives(config: Config, ctx: Context) -> Outcome:
    """A voice on the call saying 'I am her guardian' is not proof."""
    return _covered_entity_only(config) or flag(
        config,
        f"{REPS}/procedure_documented",
        "a documented procedure verifies personal representatives' authority",
        "no documented procedure verifies a personal representative's authority (not declared "
        "counts as not in place: set privacy.personal_representatives.procedure_documented)",
    )


@control(
    id="TELE-009",
    title="Minors: parents and guardians act for them only as state law allows",
    domain="privacy",
    cites=["164.502(g)(3)", "164.502(g)(5)"],
    basis="required",
    severity="medium",
    risk="A teenager's confidential care (reproductive, mental health, substance use) "
    "disclosed to a parent where state law lets the minor consent alone breaks the minor's "
    "trust and the law.",
    rationale="A parent or guardian is the personal representative of an unemancipated minor, "
    "except where the minor may lawfully consent to the care alone, a court authorized it, or "
    "the parent agreed to confidentiality; state law on disclosure to parents governs "
    "(164.502(g)(3)). A covered entity may decline to treat someone as a representative when "
    "it reasonably believes the patient is subject to abuse or endangerment (164.502(g)(5)).",
    remediation="Apply the minors' consent and disclosure rules of each state where patients "
    "are located in the representatives procedure and set "
    "privacy.personal_representatives.minors_state_law_applied: true.",
)
def minors(config: Config, ctx: Context) -> Outcome:
    """A parent on the family account can read what a teenager told the clinician alone."""
    skip = _covered_entity_only(config) or applies(
        config, "/organization/treats_minors", "the organization declares it treats no minors"
    )
    if skip is not None:
        return skip
    return flag(
        config,
        f"{REPS}/minors_state_law_applied",
        "parents and guardians act for minors only as state law allows (164.502(g)(3))",
        "the organization treats minors, but its procedure does not apply state law on when "
        "parents act for them (not declared counts as not in place: set "
        "privacy.personal_representatives.minors_state_law_applied)",
    )


@control(
    id="TELE-010",
    title="Family or friends on a visit: the patient agrees or may object first",
    domain="privacy",
    cites=["164.510(b)"],
    basis="required",
    severity="medium",
    risk="PHI discussed in front of a relative the patient did not want there is an "
    "impermissible disclosure, and on video the clinician may not even see who is listening.",
    rationale="A covered entity may disclose PHI to a family member, relative or friend "
    "involved in the patient's care when the patient is present only if the patient agrees, "
    "is given the opportunity to object and does not, or the clinician reasonably infers from "
    "the circumstances that the patient does not object (164.510(b)(2)); for a patient who "
    "cannot agree, professional judgment decides (164.510(b)(3)). Telehealth visits need the "
    "question asked on camera.",
    remediation="Have clinicians ask who else is present and obtain the patient's agreement (or "
    "offer the chance to object) before discussing PHI; set "
    "privacy.telehealth_sessions.others_present_agreement: true.",
)
def others_present(config: Config, ctx: Context) -> Outcome:
    """Off camera, a spouse or parent hears everything unless someone asks."""
    return _covered_entity_only(config) or flag(
        config,
        f"{SESSIONS}/others_present_agreement",
        "the patient's agreement is obtained, or a chance to object given, before PHI is "
        "discussed with others present",
        "clinicians are not required to ask the patient before discussing PHI with family or "
        "friends present (not declared counts as not in place: set "
        "privacy.telehealth_sessions.others_present_agreement)",
    )

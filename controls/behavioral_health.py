"""Behavioral health: psychotherapy notes and disclosures to avert a serious threat.

Both apply when the organization declares it provides mental health or substance use disorder
treatment (organization.behavioral_health). Psychotherapy notes are the one kind of PHI for
which even treatment uses need the patient's authorization (164.508(a)(2)); a serious threat to
someone's safety is the one moment a clinician may disclose without it (164.512(j)), under a
state duty-to-warn law or not. Substance use disorder records under 42 CFR Part 2 are judged
apart (controls/substance_use_records.py).
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    applies,
    control,
    failed,
    flag,
    not_in_place,
    passed,
)
from phi_policy.model import Context, Outcome

BEHAVIORAL = "/organization/behavioral_health"
NOTES = "/privacy/psychotherapy_notes"
THREAT = "/privacy/serious_threat_disclosures"
NOT_BEHAVIORAL = "the organization declares it provides no mental health or substance use " \
    "disorder treatment"


@control(
    id="TELE-006",
    title="Psychotherapy notes kept apart and disclosed only with the patient's specific "
    "authorization",
    domain="privacy",
    cites=["164.508(a)(2)"],
    basis="required",
    severity="high",
    risk="Psychotherapy notes are the most sensitive record a practice holds; disclosed with "
    "the chart to a payer or another provider, they expose what a patient said in therapy.",
    rationale="A covered entity must obtain an authorization for any use or disclosure of "
    "psychotherapy notes, except to carry out the originator's own treatment, supervised "
    "training, its defense in a legal action brought by the patient, and the few disclosures "
    "164.508(a)(2)(ii) lists (164.508(a)(2), required). Notes count as psychotherapy notes only "
    "when kept apart from the rest of the medical record (definition in 164.501); notes "
    "typed into the EHR's shared note are ordinary PHI and lose that protection.",
    remediation="Keep psychotherapy notes in a separate, access-restricted store "
    "(privacy.psychotherapy_notes.kept_separately: true) and require a specific authorization "
    "before disclosing them (authorization_required: true).",
)
def psychotherapy_notes(config: Config, ctx: Context) -> Outcome:
    """A therapist's notes sent with the chart expose what a patient said in session."""
    skip = applies(config, BEHAVIORAL, NOT_BEHAVIORAL) or applies(
        config, f"{NOTES}/kept", "clinicians keep no psychotherapy notes"
    )
    if skip is not None:
        return skip
    missing = not_in_place(
        config,
        (
            ("kept apart from the medical record", f"{NOTES}/kept_separately"),
            ("disclosed only with a specific authorization", f"{NOTES}/authorization_required"),
        ),
    )
    if not missing:
        return passed(
            "psychotherapy notes are kept apart from the medical record and disclosed only with "
            "the patient's specific authorization",
            [f"{NOTES}/kept_separately", f"{NOTES}/authorization_required"],
        )
    labels = [label for label, _ in missing]
    return failed(
        "psychotherapy notes are kept but not " + " and not ".join(labels)
        + " (not declared counts as not in place: set privacy.psychotherapy_notes."
        "kept_separately and authorization_required)",
        [at for _, at in missing],
    )


@control(
    id="TELE-007",
    title="Documented procedure for disclosures to avert a serious threat (duty to warn) "
    "(benchmark)",
    domain="privacy",
    cites=["164.512(j)", "164.530(i)"],
    basis="benchmark",
    severity="medium",
    risk="In a crisis on a video visit, a clinician without a procedure either discloses too "
    "much or calls no one; both end in harm or a complaint.",
    rationale="164.512(j) permits, and does not require, disclosing PHI when the clinician "
    "believes in good faith that it is necessary to prevent or lessen a serious and imminent "
    "threat to a person or the public, to someone able to prevent or lessen it; many states add "
    "a duty to warn or protect. The Privacy Rule requires policies and procedures for its "
    "standards in general (164.530(i)) but no specific serious-threat procedure, so a written "
    "one, covering who decides, the state duty, the patient's location and how the disclosure "
    "is recorded, is a benchmark for a behavioral health practice.",
    remediation="Write the serious-threat (duty-to-warn) procedure and set "
    "privacy.serious_threat_disclosures.procedure_documented: true.",
)
def serious_threat(config: Config, ctx: Context) -> Outcome:
    """Telehealth crises happen with the patient miles away and the clinician alone."""
    skip = applies(config, BEHAVIORAL, NOT_BEHAVIORAL)
    if skip is not None:
        return skip
    return flag(
        config,
        f"{THREAT}/procedure_documented",
        "a documented procedure governs disclosures to avert a serious threat (164.512(j))",
        "benchmark: no documented procedure for disclosures to avert a serious threat "
        "(duty to warn); set privacy.serious_threat_disclosures.procedure_documented once "
        "it exists",
    )

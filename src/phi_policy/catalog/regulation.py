"""The regulation sections that controls cite, as data.

The facts (citation, title, kind, required or addressable) come from the HIPAA Security
Rule (45 CFR 164 Subpart C, Appendix A), the Breach Notification Rule (Subpart D), the
Privacy Rule (Subpart E) and the January 2025 Security Rule NPRM (90 FR 898, proposed only).
They live in the package so that `controls coverage` works in any installation; a test
checks them against the reference catalogue the project was built from.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Source = Literal["security_rule", "breach_rule", "privacy_rule", "nprm_2025", "other_law"]


@dataclass(frozen=True)
class Section:
    """One citable paragraph of the regulation."""

    citation: str
    title: str
    source: Source
    kind: Literal["standard", "implementation_spec", "section"] = "section"
    requirement: Literal["required", "addressable"] | None = None
    safeguard: str | None = None
    parent: str | None = None


SECURITY_RULE: tuple[Section, ...] = (
    Section("164.308(a)(1)", "Security management process", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(a)(1)(ii)(A)", "Risk analysis", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(1)"),
    Section("164.308(a)(1)(ii)(B)", "Risk management", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(1)"),
    Section("164.308(a)(1)(ii)(C)", "Sanction policy", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(1)"),
    Section("164.308(a)(1)(ii)(D)", "Information system activity review", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(1)"),
    Section("164.308(a)(2)", "Assigned security responsibility", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(a)(3)", "Workforce security", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(a)(3)(ii)(A)", "Authorization and/or supervision", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(3)"),
    Section("164.308(a)(3)(ii)(B)", "Workforce clearance procedure", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(3)"),
    Section("164.308(a)(3)(ii)(C)", "Termination procedures", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(3)"),
    Section("164.308(a)(4)", "Information access management", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(a)(4)(ii)(A)", "Isolating health care clearinghouse functions", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(4)"),
    Section("164.308(a)(4)(ii)(B)", "Access authorization", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(4)"),
    Section("164.308(a)(4)(ii)(C)", "Access establishment and modification", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(4)"),
    Section("164.308(a)(5)", "Security awareness and training", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(a)(5)(ii)(A)", "Security reminders", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(5)"),
    Section("164.308(a)(5)(ii)(B)", "Protection from malicious software", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(5)"),
    Section("164.308(a)(5)(ii)(C)", "Log-in monitoring", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(5)"),
    Section("164.308(a)(5)(ii)(D)", "Password management", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(5)"),
    Section("164.308(a)(6)", "Security incident procedures", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(a)(6)(ii)", "Response and reporting", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(6)"),
    Section("164.308(a)(7)", "Contingency plan", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(a)(7)(ii)(A)", "Data backup plan", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(7)"),
    Section("164.308(a)(7)(ii)(B)", "Disaster recovery plan", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(7)"),
    Section("164.308(a)(7)(ii)(C)", "Emergency mode operation plan", "security_rule", "implementation_spec", "required", "administrative", "164.308(a)(7)"),
    Section("164.308(a)(7)(ii)(D)", "Testing and revision procedures", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(7)"),
    Section("164.308(a)(7)(ii)(E)", "Applications and data criticality analysis", "security_rule", "implementation_spec", "addressable", "administrative", "164.308(a)(7)"),
    Section("164.308(a)(8)", "Evaluation", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(b)(1)", "Business associate contracts and other arrangements", "security_rule", "standard", "required", "administrative", None),
    Section("164.308(b)(3)", "Written contract or other arrangement", "security_rule", "implementation_spec", "required", "administrative", "164.308(b)(1)"),
    Section("164.310(a)(1)", "Facility access controls", "security_rule", "standard", "required", "physical", None),
    Section("164.310(a)(2)(i)", "Contingency operations", "security_rule", "implementation_spec", "addressable", "physical", "164.310(a)(1)"),
    Section("164.310(a)(2)(ii)", "Facility security plan", "security_rule", "implementation_spec", "addressable", "physical", "164.310(a)(1)"),
    Section("164.310(a)(2)(iii)", "Access control and validation procedures", "security_rule", "implementation_spec", "addressable", "physical", "164.310(a)(1)"),
    Section("164.310(a)(2)(iv)", "Maintenance records", "security_rule", "implementation_spec", "addressable", "physical", "164.310(a)(1)"),
    Section("164.310(b)", "Workstation use", "security_rule", "standard", "required", "physical", None),
    Section("164.310(c)", "Workstation security", "security_rule", "standard", "required", "physical", None),
    Section("164.310(d)(1)", "Device and media controls", "security_rule", "standard", "required", "physical", None),
    Section("164.310(d)(2)(i)", "Disposal", "security_rule", "implementation_spec", "required", "physical", "164.310(d)(1)"),
    Section("164.310(d)(2)(ii)", "Media re-use", "security_rule", "implementation_spec", "required", "physical", "164.310(d)(1)"),
    Section("164.310(d)(2)(iii)", "Accountability", "security_rule", "implementation_spec", "addressable", "physical", "164.310(d)(1)"),
    Section("164.310(d)(2)(iv)", "Data backup and storage", "security_rule", "implementation_spec", "addressable", "physical", "164.310(d)(1)"),
    Section("164.312(a)(1)", "Access control", "security_rule", "standard", "required", "technical", None),
    Section("164.312(a)(2)(i)", "Unique user identification", "security_rule", "implementation_spec", "required", "technical", "164.312(a)(1)"),
    Section("164.312(a)(2)(ii)", "Emergency access procedure", "security_rule", "implementation_spec", "required", "technical", "164.312(a)(1)"),
    Section("164.312(a)(2)(iii)", "Automatic logoff", "security_rule", "implementation_spec", "addressable", "technical", "164.312(a)(1)"),
    Section("164.312(a)(2)(iv)", "Encryption and decryption", "security_rule", "implementation_spec", "addressable", "technical", "164.312(a)(1)"),
    Section("164.312(b)", "Audit controls", "security_rule", "standard", "required", "technical", None),
    Section("164.312(c)(1)", "Integrity", "security_rule", "standard", "required", "technical", None),
    Section("164.312(c)(2)", "Mechanism to authenticate electronic protected health information", "security_rule", "implementation_spec", "addressable", "technical", "164.312(c)(1)"),
    Section("164.312(d)", "Person or entity authentication", "security_rule", "standard", "required", "technical", None),
    Section("164.312(e)(1)", "Transmission security", "security_rule", "standard", "required", "technical", None),
    Section("164.312(e)(2)(i)", "Integrity controls", "security_rule", "implementation_spec", "addressable", "technical", "164.312(e)(1)"),
    Section("164.312(e)(2)(ii)", "Encryption", "security_rule", "implementation_spec", "addressable", "technical", "164.312(e)(1)"),
    Section("164.314(a)(1)", "Business associate contracts or other arrangements", "security_rule", "standard", "required", "organizational", None),
    Section("164.314(a)(2)(i)", "Business associate contracts", "security_rule", "implementation_spec", "required", "organizational", "164.314(a)(1)"),
    Section("164.314(a)(2)(ii)", "Other arrangements", "security_rule", "implementation_spec", "required", "organizational", "164.314(a)(1)"),
    Section("164.314(a)(2)(iii)", "Business associate contracts with subcontractors", "security_rule", "implementation_spec", "required", "organizational", "164.314(a)(1)"),
    Section("164.314(b)(1)", "Requirements for group health plans", "security_rule", "standard", "required", "organizational", None),
    Section("164.314(b)(2)", "Group health plan implementation specifications (plan document provisions)", "security_rule", "implementation_spec", "required", "organizational", "164.314(b)(1)"),
    Section("164.316(a)", "Policies and procedures", "security_rule", "standard", "required", "policies_procedures_documentation", None),
    Section("164.316(b)(1)", "Documentation", "security_rule", "standard", "required", "policies_procedures_documentation", None),
    Section("164.316(b)(2)(i)", "Time limit", "security_rule", "implementation_spec", "required", "policies_procedures_documentation", "164.316(b)(1)"),
    Section("164.316(b)(2)(ii)", "Availability", "security_rule", "implementation_spec", "required", "policies_procedures_documentation", "164.316(b)(1)"),
    Section("164.316(b)(2)(iii)", "Updates", "security_rule", "implementation_spec", "required", "policies_procedures_documentation", "164.316(b)(1)"),
)

BREACH_RULE: tuple[Section, ...] = (
    Section("164.400", "Applicability", "breach_rule"),
    Section("164.402", "Breach, unsecured PHI, and the four-factor risk assessment", "breach_rule"),
    Section("164.404(a)(2)", "When a breach is discovered", "breach_rule"),
    Section("164.404(b)", "Individual notice deadline", "breach_rule"),
    Section("164.404(c)", "Content of individual notice", "breach_rule"),
    Section("164.404(d)", "Method of individual notice and substitute notice", "breach_rule"),
    Section("164.406", "Media notice", "breach_rule"),
    Section("164.408(b)", "HHS notice, 500 or more individuals", "breach_rule"),
    Section("164.408(c)", "HHS notice and log, fewer than 500 individuals", "breach_rule"),
    Section("164.410", "Business associate notice to covered entity", "breach_rule"),
    Section("164.412", "Law enforcement delay", "breach_rule"),
    Section("164.414", "Administrative requirements and burden of proof", "breach_rule"),
    Section("16 CFR Part 318", "FTC Health Breach Notification Rule (non-HIPAA health apps)", "breach_rule"),
)

PRIVACY_RULE: tuple[Section, ...] = (
    Section("164.502(b)", "Minimum necessary standard", "privacy_rule"),
    Section("164.502(e)", "Disclosures to business associates", "privacy_rule"),
    Section("164.504(e)(2)", "Required business associate agreement content", "privacy_rule"),
    Section("164.520", "Notice of privacy practices (NPP)", "privacy_rule"),
    Section("164.524", "Individual right of access", "privacy_rule"),
    Section("164.526", "Right to amend", "privacy_rule"),
    Section("164.528", "Accounting of disclosures", "privacy_rule"),
    Section("164.530(c)", "Administrative, technical and physical safeguards for all PHI", "privacy_rule"),
    Section("164.530(j)", "Privacy Rule documentation retention", "privacy_rule"),
)

# Proposed only: cited with the prefix "NPRM " so they never mix with current law.
NPRM_2025: tuple[Section, ...] = (
    Section("NPRM 164.306(c)", "Remove the required/addressable distinction", "nprm_2025"),
    Section("NPRM 164.304", "New and revised definitions", "nprm_2025"),
    Section("NPRM 164.316(a)", "Everything in writing", "nprm_2025"),
    Section("NPRM 164.316(b)(3)", "Documentation reviewed at least every 12 months", "nprm_2025"),
    Section("NPRM 164.308(a)(1)", "Technology asset inventory and network map", "nprm_2025"),
    Section("NPRM 164.308(a)(2)", "Written risk analysis with specified contents", "nprm_2025"),
    Section("NPRM 164.308(a)(3)", "Evaluation before changes", "nprm_2025"),
    Section("NPRM 164.308(a)(4)", "Patch management with deadlines", "nprm_2025"),
    Section("NPRM 164.308(a)(5)", "Written risk management plan", "nprm_2025"),
    Section("NPRM 164.308(a)(6)", "Sanction policy in writing", "nprm_2025"),
    Section("NPRM 164.308(a)(7)", "Information system activity review", "nprm_2025"),
    Section("NPRM 164.308(a)(8)", "Security official identified in writing", "nprm_2025"),
    Section("NPRM 164.308(a)(9)(ii)(C)", "Access termination within one hour", "nprm_2025"),
    Section("NPRM 164.308(a)(9)(ii)(D)", "24-hour notice to other regulated entities of access changes", "nprm_2025"),
    Section("NPRM 164.308(a)(10)", "Information access management incl. authentication management and segmentation", "nprm_2025"),
    Section("NPRM 164.308(a)(11)", "Security awareness training with fixed cadence", "nprm_2025"),
    Section("NPRM 164.308(a)(12)", "Written, tested incident response plan", "nprm_2025"),
    Section("NPRM 164.308(a)(13)", "Contingency plan with 72-hour restoration", "nprm_2025"),
    Section("NPRM 164.308(a)(14)", "Annual compliance audit", "nprm_2025"),
    Section("NPRM 164.308(b)(1)-(2)", "Business associate verification", "nprm_2025"),
    Section("NPRM 164.308(b)(3)", "Delegation to a business associate", "nprm_2025"),
    Section("NPRM 164.310", "Physical safeguards rewritten and put in writing", "nprm_2025"),
    Section("NPRM 164.312(a)", "Technical access control expanded", "nprm_2025"),
    Section("NPRM 164.312(b)", "Encryption of ePHI at rest and in transit", "nprm_2025"),
    Section("NPRM 164.312(c)", "Configuration management", "nprm_2025"),
    Section("NPRM 164.312(d)", "Audit trail and system log controls", "nprm_2025"),
    Section("NPRM 164.312(f)(2)(ii)", "Mandatory multi-factor authentication", "nprm_2025"),
    Section("NPRM 164.312(h)(2)(i)", "Vulnerability scanning at least every 6 months", "nprm_2025"),
    Section("NPRM 164.312(h)(2)(ii)", "Monitoring authoritative vulnerability sources", "nprm_2025"),
    Section("NPRM 164.312(h)(2)(iii)", "Penetration testing at least every 12 months", "nprm_2025"),
    Section("NPRM 164.312(i)", "Data backup and recovery", "nprm_2025"),
    Section("NPRM 164.312(j)", "Information systems backup and recovery", "nprm_2025"),
    Section("NPRM 164.314(a)(2)(i)(D)", "BA must report contingency plan activation within 24 hours", "nprm_2025"),
    Section("NPRM 164.318", "Transition for existing BAAs", "nprm_2025"),
)

# Privacy Rule sections the controls cite beyond the reference catalogue above (titles from
# the CFR headings of 45 CFR 164 Subpart E).
PRIVACY_RULE_MORE: tuple[Section, ...] = (
    Section("164.502(g)", "Personal representatives", "privacy_rule"),
    Section("164.502(g)(3)", "Personal representatives of unemancipated minors (state law governs)", "privacy_rule"),
    Section("164.502(g)(5)", "Abuse, neglect and endangerment: declining to treat a person as a personal representative", "privacy_rule"),
    Section("164.504(e)(2)(ii)(D)", "BA ensures subcontractors agree to the same restrictions", "privacy_rule"),
    Section("164.508(a)(2)", "Authorization required: psychotherapy notes", "privacy_rule"),
    Section("164.510(b)", "Uses and disclosures for involvement in the individual's care and notification purposes", "privacy_rule"),
    Section("164.512(j)", "Uses and disclosures to avert a serious threat to health or safety", "privacy_rule"),
    Section("164.514(d)", "Minimum necessary requirements (role-based access to PHI, standard protocols)", "privacy_rule"),
    Section("164.514(h)", "Verification requirements", "privacy_rule"),
    Section("164.520(b)(3)", "Revisions to the notice: prompt revision and distribution after a material change", "privacy_rule"),
    Section("164.522", "Rights to request privacy protection for protected health information", "privacy_rule"),
    Section("164.522(a)", "Right of an individual to request restriction of uses and disclosures", "privacy_rule"),
    Section("164.522(b)", "Confidential communications requirements", "privacy_rule"),
    Section("164.524(b)(2)", "Time limits for acting on a request for access (30 days, one 30-day extension)", "privacy_rule"),
    Section("164.524(c)(2)", "Form and format of access, including electronic copies", "privacy_rule"),
    Section("164.530(a)(1)", "Personnel designations (privacy official)", "privacy_rule"),
    Section("164.530(i)", "Policies and procedures (applied to breach notification by 164.414(a))", "privacy_rule"),
    Section("164.504(e)(2)(ii)(I)", "BA contract: internal practices, books and records available to the Secretary", "privacy_rule"),
    Section("164.504(e)(2)(ii)(J)", "BA contract: return or destroy PHI at termination, or extend the protections if infeasible", "privacy_rule"),
    Section("164.530(b)", "Training of the workforce on privacy policies and procedures", "privacy_rule"),
    Section("164.530(d)", "Complaints to the covered entity: a process, and documentation of complaints and their disposition", "privacy_rule"),
    Section("164.530(e)", "Sanctions for workforce members who violate privacy policies, documented", "privacy_rule"),
    Section("164.530(f)", "Mitigation of harmful effects of a known violation", "privacy_rule"),
    Section("164.530(g)", "Refraining from intimidating or retaliatory acts", "privacy_rule"),
    Section("164.530(h)", "Waiver of rights: never a condition of treatment, payment, enrollment or eligibility", "privacy_rule"),
    Section("164.530(j)(2)", "Retention period: 6 years from creation or last effective date", "privacy_rule"),
)

# Subpart A organizational requirements (164.105) that shape how the Privacy and Security Rules
# apply; listed with the Privacy Rule, whose uses and disclosures the designation governs most.
GENERAL_PROVISIONS: tuple[Section, ...] = (
    Section("164.105(a)(2)(ii)", "Hybrid entity: safeguards keeping PHI inside the health care components (Subpart A)", "privacy_rule"),
    Section("164.105(a)(2)(iii)(D)", "Hybrid entity: designate the health care components (Subpart A)", "privacy_rule"),
    Section("164.105(c)", "Hybrid entity: documentation of the designation, kept 6 years (Subpart A)", "privacy_rule"),
)

# Security Rule paragraphs below the level of the Appendix A matrix that controls cite for
# precision (the reference catalogue lists their parent).
SECURITY_RULE_MORE: tuple[Section, ...] = (
    Section("164.308(b)(2)", "Business associate contracts with subcontractors (satisfactory assurances)", "security_rule", "section", "required", "administrative", "164.308(b)(1)"),
    Section("164.314(a)(2)(i)(B)", "BA contract: subcontractors agree to the same requirements", "security_rule", "section", "required", "organizational", "164.314(a)(2)(i)"),
    Section("164.314(a)(2)(i)(C)", "BA contract: report security incidents, including breaches", "security_rule", "section", "required", "organizational", "164.314(a)(2)(i)"),
)

# Breach Notification Rule paragraphs cited for precision.
BREACH_RULE_MORE: tuple[Section, ...] = (
    Section("164.410(b)", "Timeliness of business associate notice (60 days)", "breach_rule"),
    Section("164.404(d)(2)", "Substitute notice when contact information is insufficient or out of date", "breach_rule"),
)

# Not HIPAA: laws that a telehealth practice also answers to. Controls citing these have the
# legal basis `other_law`, are reported apart and never count in the HIPAA score.
OTHER_LAW: tuple[Section, ...] = (
    Section("21 U.S.C. 829(e)", "Controlled substances dispensed by means of the Internet (Ryan Haight Act): in-person evaluation or a telemedicine exception", "other_law"),
    Section("21 U.S.C. 802(54)", "Practice of telemedicine: the exceptions to the in-person evaluation", "other_law"),
    Section("21 CFR 1306.04(a)", "A prescription for a controlled substance must be issued for a legitimate medical purpose in the usual course of practice", "other_law"),
    Section("21 CFR 1306.05(a)", "A controlled-substance prescription bears the patient's full name and address", "other_law"),
    Section("DEA-HHS temporary rule 2025-24123", "Fourth temporary extension of COVID-19 telemedicine flexibilities for controlled medications, through 2026-12-31", "other_law"),
    Section("42 CFR 2.12", "Part 2 applicability: federally assisted substance use disorder programs and lawful holders of their records", "other_law"),
    Section("42 CFR 2.16", "Part 2 security for records and notification of breaches", "other_law"),
    Section("42 CFR 2.22", "Part 2 notice to patients of federal confidentiality requirements", "other_law"),
    Section("42 CFR 2.31", "Part 2 consent requirements (single consent for treatment, payment and health care operations, 2024 rule)", "other_law"),
    Section("42 CFR 2.32", "Part 2 notice to accompany disclosure (prohibition on redisclosure)", "other_law"),
    Section("State telehealth consent law", "State laws on informed consent to telehealth and to recording (they vary by state)", "other_law"),
    Section("State recording consent law", "State wiretap and recording laws (one-party or all-party consent)", "other_law"),
)

ALL_SECTIONS: tuple[Section, ...] = (
    SECURITY_RULE
    + SECURITY_RULE_MORE
    + BREACH_RULE
    + BREACH_RULE_MORE
    + PRIVACY_RULE
    + PRIVACY_RULE_MORE
    + GENERAL_PROVISIONS
    + NPRM_2025
    + OTHER_LAW
)
_BY_CITATION: dict[str, Section] = {s.citation: s for s in ALL_SECTIONS}


def lookup(citation: str) -> Section | None:
    """The section a citation string names ("164.312(a)(2)(iii)", "NPRM 164.312(h)(2)(i)")."""
    return _BY_CITATION.get(citation.removeprefix("45 CFR ").strip())

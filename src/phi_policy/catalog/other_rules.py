"""The provisions the controls cite besides the Security Rule, as (citation, title) data.

The Breach Notification and Privacy Rules (45 CFR 164 Subparts D and E), the hybrid-entity
provisions of Subpart A, the January 2025 Security Rule NPRM (proposed only) and the laws
besides HIPAA a telehealth practice answers to. Each entry is (citation, title), the title
from the CFR heading or the rule text.
"""

from __future__ import annotations

from phi_policy.catalog.sections import Section, cited

BREACH_RULE: tuple[Section, ...] = cited("breach_rule", (
    ("164.400", "Applicability"),
    ("164.402", "Breach, unsecured PHI, and the four-factor risk assessment"),
    ("164.404(a)(2)", "When a breach is discovered"),
    ("164.404(b)", "Individual notice deadline"),
    ("164.404(c)", "Content of individual notice"),
    ("164.404(d)", "Method of individual notice and substitute notice"),
    ("164.406", "Media notice"),
    ("164.408(b)", "HHS notice, 500 or more individuals"),
    ("164.408(c)", "HHS notice and log, fewer than 500 individuals"),
    ("164.410", "Business associate notice to covered entity"),
    ("164.412", "Law enforcement delay"),
    ("164.414", "Administrative requirements and burden of proof"),
    ("16 CFR Part 318", "FTC Health Breach Notification Rule (non-HIPAA health apps)"),
))

# Breach Notification Rule paragraphs cited for precision.
BREACH_RULE_MORE: tuple[Section, ...] = cited("breach_rule", (
    ("164.410(b)", "Timeliness of business associate notice (60 days)"),
    ("164.404(d)(2)", "Substitute notice when contact information is insufficient or out of date"),
))

PRIVACY_RULE: tuple[Section, ...] = cited("privacy_rule", (
    ("164.502(b)", "Minimum necessary standard"),
    ("164.502(e)", "Disclosures to business associates"),
    ("164.504(e)(2)", "Required business associate agreement content"),
    ("164.520", "Notice of privacy practices (NPP)"),
    ("164.524", "Individual right of access"),
    ("164.526", "Right to amend"),
    ("164.528", "Accounting of disclosures"),
    ("164.530(c)", "Administrative, technical and physical safeguards for all PHI"),
    ("164.530(j)", "Privacy Rule documentation retention"),
))

# Privacy Rule sections the controls cite beyond the reference catalogue above (titles from
# the CFR headings of 45 CFR 164 Subpart E).
PRIVACY_RULE_MORE: tuple[Section, ...] = cited("privacy_rule", (
    ("164.502(g)", "Personal representatives"),
    ("164.502(g)(3)", "Personal representatives of unemancipated minors (state law governs)"),
    ("164.502(g)(5)",
        "Abuse, neglect and endangerment: declining to treat a person as a personal representative",
    ),
    ("164.504(e)(2)(ii)(D)", "BA ensures subcontractors agree to the same restrictions"),
    ("164.508(a)(2)", "Authorization required: psychotherapy notes"),
    ("164.510(b)",
        "Uses and disclosures for involvement in the individual's care and notification purposes",
    ),
    ("164.512(j)", "Uses and disclosures to avert a serious threat to health or safety"),
    ("164.514(d)", "Minimum necessary requirements (role-based access to PHI, standard protocols)"),
    ("164.514(h)", "Verification requirements"),
    ("164.520(b)(3)",
        "Revisions to the notice: prompt revision and distribution after a material change",
    ),
    ("164.522", "Rights to request privacy protection for protected health information"),
    ("164.522(a)", "Right of an individual to request restriction of uses and disclosures"),
    ("164.522(b)", "Confidential communications requirements"),
    ("164.524(b)(2)",
        "Time limits for acting on a request for access (30 days, one 30-day extension)",
    ),
    ("164.524(c)(2)", "Form and format of access, including electronic copies"),
    ("164.530(a)(1)", "Personnel designations (privacy official)"),
    ("164.530(i)", "Policies and procedures (applied to breach notification by 164.414(a))"),
    ("164.504(e)(2)(ii)(I)",
        "BA contract: internal practices, books and records available to the Secretary",
    ),
    ("164.504(e)(2)(ii)(J)",
        "BA contract: return or destroy PHI at termination, or extend the protections if "
        "infeasible",
    ),
    ("164.530(b)", "Training of the workforce on privacy policies and procedures"),
    ("164.530(d)",
        "Complaints to the covered entity: a process, and documentation of complaints and their "
        "disposition",
    ),
    ("164.530(e)", "Sanctions for workforce members who violate privacy policies, documented"),
    ("164.530(f)", "Mitigation of harmful effects of a known violation"),
    ("164.530(g)", "Refraining from intimidating or retaliatory acts"),
    ("164.530(h)",
        "Waiver of rights: never a condition of treatment, payment, enrollment or eligibility",
    ),
    ("164.530(j)(2)", "Retention period: 6 years from creation or last effective date"),
))

# Subpart A organizational requirements (164.105) that shape how the Privacy and Security Rules
# apply; listed with the Privacy Rule, whose uses and disclosures the designation governs most.
GENERAL_PROVISIONS: tuple[Section, ...] = cited("privacy_rule", (
    ("164.105(a)(2)(ii)",
        "Hybrid entity: safeguards keeping PHI inside the health care components (Subpart A)",
    ),
    ("164.105(a)(2)(iii)(D)", "Hybrid entity: designate the health care components (Subpart A)"),
    ("164.105(c)", "Hybrid entity: documentation of the designation, kept 6 years (Subpart A)"),
))

# Proposed only: cited with the prefix "NPRM " so they never mix with current law.
NPRM_2025: tuple[Section, ...] = cited("nprm_2025", (
    ("NPRM 164.306(c)", "Remove the required/addressable distinction"),
    ("NPRM 164.304", "New and revised definitions"),
    ("NPRM 164.316(a)", "Everything in writing"),
    ("NPRM 164.316(b)(3)", "Documentation reviewed at least every 12 months"),
    ("NPRM 164.308(a)(1)", "Technology asset inventory and network map"),
    ("NPRM 164.308(a)(2)", "Written risk analysis with specified contents"),
    ("NPRM 164.308(a)(3)", "Evaluation before changes"),
    ("NPRM 164.308(a)(4)", "Patch management with deadlines"),
    ("NPRM 164.308(a)(5)", "Written risk management plan"),
    ("NPRM 164.308(a)(6)", "Sanction policy in writing"),
    ("NPRM 164.308(a)(7)", "Information system activity review"),
    ("NPRM 164.308(a)(8)", "Security official identified in writing"),
    ("NPRM 164.308(a)(9)(ii)(C)", "Access termination within one hour"),
    ("NPRM 164.308(a)(9)(ii)(D)", "24-hour notice to other regulated entities of access changes"),
    ("NPRM 164.308(a)(10)",
        "Information access management incl. authentication management and segmentation",
    ),
    ("NPRM 164.308(a)(11)", "Security awareness training with fixed cadence"),
    ("NPRM 164.308(a)(12)", "Written, tested incident response plan"),
    ("NPRM 164.308(a)(13)", "Contingency plan with 72-hour restoration"),
    ("NPRM 164.308(a)(14)", "Annual compliance audit"),
    ("NPRM 164.308(b)(1)-(2)", "Business associate verification"),
    ("NPRM 164.308(b)(3)", "Delegation to a business associate"),
    ("NPRM 164.310", "Physical safeguards rewritten and put in writing"),
    ("NPRM 164.312(a)", "Technical access control expanded"),
    ("NPRM 164.312(b)", "Encryption of ePHI at rest and in transit"),
    ("NPRM 164.312(c)", "Configuration management"),
    ("NPRM 164.312(d)", "Audit trail and system log controls"),
    ("NPRM 164.312(f)(2)(ii)", "Mandatory multi-factor authentication"),
    ("NPRM 164.312(h)(2)(i)", "Vulnerability scanning at least every 6 months"),
    ("NPRM 164.312(h)(2)(ii)", "Monitoring authoritative vulnerability sources"),
    ("NPRM 164.312(h)(2)(iii)", "Penetration testing at least every 12 months"),
    ("NPRM 164.312(i)", "Data backup and recovery"),
    ("NPRM 164.312(j)", "Information systems backup and recovery"),
    ("NPRM 164.314(a)(2)(i)(D)", "BA must report contingency plan activation within 24 hours"),
    ("NPRM 164.318", "Transition for existing BAAs"),
))

# Not HIPAA: laws that a telehealth practice also answers to. Controls citing these have the
# legal basis `other_law`, are reported apart and never count in the HIPAA score.
OTHER_LAW: tuple[Section, ...] = cited("other_law", (
    ("21 U.S.C. 829(e)",
        "Controlled substances dispensed by means of the Internet (Ryan Haight Act): in-person "
        "evaluation or a telemedicine exception",
    ),
    ("21 U.S.C. 802(54)", "Practice of telemedicine: the exceptions to the in-person evaluation"),
    ("21 CFR 1306.04(a)",
        "A prescription for a controlled substance must be issued for a legitimate medical purpose "
        "in the usual course of practice",
    ),
    ("21 CFR 1306.05(a)",
        "A controlled-substance prescription bears the patient's full name and address",
    ),
    ("DEA-HHS temporary rule 2025-24123",
        "Fourth temporary extension of COVID-19 telemedicine flexibilities for controlled "
        "medications, through 2026-12-31",
    ),
    ("42 CFR 2.12",
        "Part 2 applicability: federally assisted substance use disorder programs and lawful "
        "holders of their records",
    ),
    ("42 CFR 2.16", "Part 2 security for records and notification of breaches"),
    ("42 CFR 2.22", "Part 2 notice to patients of federal confidentiality requirements"),
    ("42 CFR 2.31",
        "Part 2 consent requirements (single consent for treatment, payment and health care "
        "operations, 2024 rule)",
    ),
    ("42 CFR 2.32", "Part 2 notice to accompany disclosure (prohibition on redisclosure)"),
    ("State telehealth consent law",
        "State laws on informed consent to telehealth and to recording (they vary by state)",
    ),
    ("State recording consent law",
        "State wiretap and recording laws (one-party or all-party consent)",
    ),
))

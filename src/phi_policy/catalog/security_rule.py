"""The HIPAA Security Rule as the controls cite it, by safeguard, as data.

The standards and implementation specifications of 45 CFR 164 Subpart C (Appendix A), and a
few paragraphs below that matrix.

Each safeguard lists its standards in the rule's order, each followed by its implementation
specifications: (citation, title) is a standard, which the rule makes required;
(citation, title, R or A) is a specification of the standard above it, required or
addressable. tests/test_coverage.py checks every entry against the reference catalogue.
"""

from __future__ import annotations

from phi_policy.catalog.sections import A, R, Section, safeguard

ADMINISTRATIVE = safeguard("administrative", (
    ("164.308(a)(1)", "Security management process"),
    ("164.308(a)(1)(ii)(A)", "Risk analysis", R),
    ("164.308(a)(1)(ii)(B)", "Risk management", R),
    ("164.308(a)(1)(ii)(C)", "Sanction policy", R),
    ("164.308(a)(1)(ii)(D)", "Information system activity review", R),
    ("164.308(a)(2)", "Assigned security responsibility"),
    ("164.308(a)(3)", "Workforce security"),
    ("164.308(a)(3)(ii)(A)", "Authorization and/or supervision", A),
    ("164.308(a)(3)(ii)(B)", "Workforce clearance procedure", A),
    ("164.308(a)(3)(ii)(C)", "Termination procedures", A),
    ("164.308(a)(4)", "Information access management"),
    ("164.308(a)(4)(ii)(A)", "Isolating health care clearinghouse functions", R),
    ("164.308(a)(4)(ii)(B)", "Access authorization", A),
    ("164.308(a)(4)(ii)(C)", "Access establishment and modification", A),
    ("164.308(a)(5)", "Security awareness and training"),
    ("164.308(a)(5)(ii)(A)", "Security reminders", A),
    ("164.308(a)(5)(ii)(B)", "Protection from malicious software", A),
    ("164.308(a)(5)(ii)(C)", "Log-in monitoring", A),
    ("164.308(a)(5)(ii)(D)", "Password management", A),
    ("164.308(a)(6)", "Security incident procedures"),
    ("164.308(a)(6)(ii)", "Response and reporting", R),
    ("164.308(a)(7)", "Contingency plan"),
    ("164.308(a)(7)(ii)(A)", "Data backup plan", R),
    ("164.308(a)(7)(ii)(B)", "Disaster recovery plan", R),
    ("164.308(a)(7)(ii)(C)", "Emergency mode operation plan", R),
    ("164.308(a)(7)(ii)(D)", "Testing and revision procedures", A),
    ("164.308(a)(7)(ii)(E)", "Applications and data criticality analysis", A),
    ("164.308(a)(8)", "Evaluation"),
    ("164.308(b)(1)", "Business associate contracts and other arrangements"),
    ("164.308(b)(3)", "Written contract or other arrangement", R),
))

PHYSICAL = safeguard("physical", (
    ("164.310(a)(1)", "Facility access controls"),
    ("164.310(a)(2)(i)", "Contingency operations", A),
    ("164.310(a)(2)(ii)", "Facility security plan", A),
    ("164.310(a)(2)(iii)", "Access control and validation procedures", A),
    ("164.310(a)(2)(iv)", "Maintenance records", A),
    ("164.310(b)", "Workstation use"),
    ("164.310(c)", "Workstation security"),
    ("164.310(d)(1)", "Device and media controls"),
    ("164.310(d)(2)(i)", "Disposal", R),
    ("164.310(d)(2)(ii)", "Media re-use", R),
    ("164.310(d)(2)(iii)", "Accountability", A),
    ("164.310(d)(2)(iv)", "Data backup and storage", A),
))

TECHNICAL = safeguard("technical", (
    ("164.312(a)(1)", "Access control"),
    ("164.312(a)(2)(i)", "Unique user identification", R),
    ("164.312(a)(2)(ii)", "Emergency access procedure", R),
    ("164.312(a)(2)(iii)", "Automatic logoff", A),
    ("164.312(a)(2)(iv)", "Encryption and decryption", A),
    ("164.312(b)", "Audit controls"),
    ("164.312(c)(1)", "Integrity"),
    ("164.312(c)(2)", "Mechanism to authenticate electronic protected health information", A),
    ("164.312(d)", "Person or entity authentication"),
    ("164.312(e)(1)", "Transmission security"),
    ("164.312(e)(2)(i)", "Integrity controls", A),
    ("164.312(e)(2)(ii)", "Encryption", A),
))

ORGANIZATIONAL = safeguard("organizational", (
    ("164.314(a)(1)", "Business associate contracts or other arrangements"),
    ("164.314(a)(2)(i)", "Business associate contracts", R),
    ("164.314(a)(2)(ii)", "Other arrangements", R),
    ("164.314(a)(2)(iii)", "Business associate contracts with subcontractors", R),
    ("164.314(b)(1)", "Requirements for group health plans"),
    (
        "164.314(b)(2)",
        "Group health plan implementation specifications (plan document provisions)",
        R,
    ),
))

DOCUMENTATION = safeguard("policies_procedures_documentation", (
    ("164.316(a)", "Policies and procedures"),
    ("164.316(b)(1)", "Documentation"),
    ("164.316(b)(2)(i)", "Time limit", R),
    ("164.316(b)(2)(ii)", "Availability", R),
    ("164.316(b)(2)(iii)", "Updates", R),
))

SECURITY_RULE: tuple[Section, ...] = (
    ADMINISTRATIVE + PHYSICAL + TECHNICAL + ORGANIZATIONAL + DOCUMENTATION
)

# Security Rule paragraphs below the level of the Appendix A matrix that controls cite for
# precision (the reference catalogue lists their parent).
SECURITY_RULE_MORE: tuple[Section, ...] = (
    Section(
        "164.308(b)(2)",
        "Business associate contracts with subcontractors (satisfactory assurances)",
        "security_rule", "section", R, "administrative", "164.308(b)(1)",
    ),
    Section(
        "164.314(a)(2)(i)(B)", "BA contract: subcontractors agree to the same requirements",
        "security_rule", "section", R, "organizational", "164.314(a)(2)(i)",
    ),
    Section(
        "164.314(a)(2)(i)(C)", "BA contract: report security incidents, including breaches",
        "security_rule", "section", R, "organizational", "164.314(a)(2)(i)",
    ),
)

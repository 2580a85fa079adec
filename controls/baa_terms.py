"""The terms every business associate agreement must contain beyond its signature (164.504(e)(2)).

controls/governance.py checks that each ePHI business associate has a BAA in force, that it
sets a breach reporting deadline and that it flows down to subcontractors. This checks the
other terms an auditor reads a BAA for: the security-incident reporting clause
(164.314(a)(2)(i)(C)), access for HHS to the associate's books and records
(164.504(e)(2)(ii)(I)) and the return or destruction of PHI at termination
(164.504(e)(2)(ii)(J)). Each is a required contract term, so one BAA in force that lacks one
fails the control, naming it; an expired or unsigned BAA is GOV-012's finding, not this one's.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    all_of,
    associates_with_baa_in_force,
    control,
    each,
    join,
    name_of,
    not_applicable,
    passed,
    shortfalls,
)
from phi_policy.model import Context, Outcome

#: (label, key under baa) for each term this control reads.
TERMS = (
    ("security-incident reporting (164.314(a)(2)(i)(C))", "security_incident_reporting"),
    ("HHS access to books and records (164.504(e)(2)(ii)(I))", "hhs_access_to_records"),
    ("return or destruction of PHI at termination (164.504(e)(2)(ii)(J))", "return_or_destroy"),
)


@control(
    id="GOV-023",
    title="BAAs require security-incident reporting, HHS access to records, and return or "
    "destruction of PHI at termination",
    domain="governance",
    cites=["164.504(e)(2)(ii)(J)", "164.504(e)(2)(ii)(I)", "164.314(a)(2)(i)(C)"],
    basis="required",
    severity="medium",
    risk="A BAA without these terms leaves patient data with a former vendor after the contract "
    "ends, lets incidents go unreported, and keeps HHS from the vendor's records; the data is "
    "still under a signed agreement.",
    rationale="A business associate contract must require the associate to report to the "
    "covered entity any security incident it becomes aware of, breaches included "
    "(164.314(a)(2)(i)(C)); to make its internal practices, books and records on the use and "
    "disclosure of PHI available to the Secretary (164.504(e)(2)(ii)(I)); and at termination to "
    "return or destroy all PHI it still holds, keeping no copies, or, where that is infeasible, "
    "extend the contract's protections to it (164.504(e)(2)(ii)(J)). A business associate's "
    "contracts with its subcontractors need the same terms (164.504(e)(5)). Telehealth vendors "
    "keep recordings, transcripts and messages long after a contract ends. Every BAA in force "
    "counts.",
    remediation="Make each BAA contain the three terms and record business_associates[].baa."
    "security_incident_reporting, hhs_access_to_records and return_or_destroy: true.",
)
def baa_terms(config: Config, ctx: Context) -> Outcome:
    """Recordings and transcripts outlive the contract unless the BAA says what happens to them."""
    associates = associates_with_baa_in_force(config, ctx.as_of)
    rows = []
    for pointer, ba in associates:
        gaps = shortfalls(config, [(label, f"{pointer}/baa/{key}") for label, key in TERMS])
        problem = "the BAA lacks " + join(label for label, _ in gaps) if gaps else None
        rows.append((f"{pointer}/baa", name_of(ba, pointer), problem))
    outcome = each(
        rows,
        what="BAAs in force",
        none=not_applicable(
            "no BAA in force with a business associate handling ePHI to examine (GOV-012)",
            "/business_associates",
        ),
    )
    if outcome.status != "pass":
        return outcome
    return passed(
        f"{all_of(len(associates), 'BAA in force', 'BAAs in force')} require"
        f"{'s' if len(associates) == 1 else ''} security-incident reporting, HHS access to "
        "records, and return or destruction of PHI at termination",
        [f"{p}/baa/{key}" for p, _ in associates for _, key in TERMS],
    )

"""Privacy Rule administrative requirements (164.530) and a hybrid entity's designation (164.105).

164.530 binds a covered entity (for a hybrid entity, its health care components): privacy
training, complaints, sanctions, mitigation, no retaliation, no waiver of rights and 6-year
retention. Each is a Privacy Rule standard worded "must" or "may not", so each control is
`required` (the Privacy Rule has no addressable specifications). A business associate is bound
by them only where it carries out a covered entity's Privacy Rule duties (164.504(e)(2)(ii)(H)),
which the config cannot say, so they are not applicable to organization.type
business_associate.

These duties apply to every covered entity, so an absent key is a gap: the finding says "not
declared" and names the key to set.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    all_in_place,
    control,
    failed,
    get,
    join,
    key_path,
    not_applicable,
    passed,
    shortfalls,
    where,
)
from phi_policy.model import Context, Outcome

ADMIN = "/privacy_administration"
TRAINING = f"{ADMIN}/training"
COMPLAINTS = f"{ADMIN}/complaints"
WORKFORCE = "/workforce"
RETENTION = "/policies/documentation/retention_years"
HYBRID = "/hybrid_entity"
COMPONENTS = f"{HYBRID}/health_care_components"


def covered_entity_duty(config: Config, what: str) -> Outcome | None:
    """not_applicable for a business associate, which 164.530 does not bind directly."""
    if get(config, "/organization/type") == "business_associate":
        return not_applicable(
            f"164.530 binds covered entities: a business associate has {what} only where its "
            "BAA delegates a covered entity's Privacy Rule duty to it (164.504(e)(2)(ii)(H))",
            "/organization/type",
        )
    return None


@control(
    id="PRIV-021",
    title="The workforce is trained on the privacy policies and procedures",
    domain="privacy",
    cites=["164.530(b)"],
    basis="required",
    severity="medium",
    risk="Staff who never learned the privacy policies disclose PHI by habit (a visit discussed "
    "within earshot, records sent to a relative who asked); OCR asks for training records in "
    "most investigations.",
    rationale="A covered entity must train all members of its workforce on its policies and "
    "procedures with respect to PHI, as necessary and appropriate for their functions "
    "(164.530(b)(1)): each new member within a reasonable period after joining, and each member "
    "whose functions a material change affects within a reasonable period after it takes effect "
    "(164.530(b)(2)(i)); and it must document that the training was provided "
    "(164.530(b)(2)(ii)). This is apart from the security awareness training of 164.308(a)(5) "
    "(ADM-009). HIPAA sets no number of days for 'a reasonable period'.",
    remediation="Train the workforce on the privacy policies and record "
    "privacy_administration.training: trained, new_members, after_material_change and "
    "documented, each true.",
)
def privacy_training(config: Config, ctx: Context) -> Outcome:
    """A policy the staff never learned is not followed at the moment PHI is asked for."""
    absent = covered_entity_duty(config, "privacy training duties")
    if absent is not None:
        return absent
    return all_in_place(
        config,
        (
            ("training of every workforce member (164.530(b)(1))", f"{TRAINING}/trained"),
            ("training of new members after joining", f"{TRAINING}/new_members"),
            ("training after a material change", f"{TRAINING}/after_material_change"),
            ("documentation of the training (164.530(b)(2)(ii))", f"{TRAINING}/documented"),
        ),
        "the workforce is trained on the privacy policies, new members and those a material "
        "change affects included, and the training is documented",
        "privacy training lacks ",
    )


@control(
    id="PRIV-022",
    title="Privacy complaints have a process, and each complaint and its disposition is "
    "documented",
    domain="privacy",
    cites=["164.530(d)"],
    basis="required",
    severity="low",
    risk="Without a complaint process patients take concerns straight to OCR, and a problem the "
    "organization could have fixed surfaces first in an investigation; no PHI is exposed by it.",
    rationale="A covered entity must provide a process for individuals to complain about its "
    "privacy policies and procedures or its compliance with them or with the Privacy and Breach "
    "Notification Rules (164.530(d)(1)), through the contact its notice names "
    "(164.530(a)(1)(ii)), and must document every complaint received and its disposition, if "
    "any (164.530(d)(2)). Each is its own duty.",
    remediation="Set up the complaint process (privacy_administration.complaints.process: true) "
    "and a complaint log with dispositions (complaints.documented: true).",
)
def privacy_complaints(config: Config, ctx: Context) -> Outcome:
    """Complaints nobody logs cannot show an investigator what was done about them."""
    absent = covered_entity_duty(config, "a complaint process")
    if absent is not None:
        return absent
    return all_in_place(
        config,
        (
            ("a complaint process (164.530(d)(1))", f"{COMPLAINTS}/process"),
            ("documentation of complaints and their disposition", f"{COMPLAINTS}/documented"),
        ),
        "patients can complain about privacy practices, and complaints and their disposition "
        "are documented",
        "privacy complaints lack ",
    )


@control(
    id="PRIV-023",
    title="Sanctions apply to privacy violations and are documented",
    domain="privacy",
    cites=["164.530(e)"],
    basis="required",
    severity="medium",
    risk="A sanction policy written only for security lets snooping in a neighbour's record or "
    "gossip about a visit go without consequence; it weakens every privacy policy.",
    rationale="A covered entity must have and apply appropriate sanctions against workforce "
    "members who fail to comply with its privacy policies and procedures or the Privacy and "
    "Breach Notification Rules (164.530(e)(1)), and must document the sanctions applied "
    "(164.530(e)(2)). The Security Rule's sanction policy (164.308(a)(1)(ii)(C), ADM-001) "
    "covers security policies; this checks that the policy also reaches privacy violations.",
    remediation="Extend the sanction policy to privacy violations "
    "(privacy_administration.sanctions_cover_privacy: true, workforce.sanctions_policy: true) "
    "and document sanctions applied (workforce.sanctions_applied_documented: true).",
)
def privacy_sanctions(config: Config, ctx: Context) -> Outcome:
    """Snooping in a record is a privacy violation before it is a security one."""
    absent = covered_entity_duty(config, "privacy sanction duties")
    if absent is not None:
        return absent
    return all_in_place(
        config,
        (
            ("a sanction policy", f"{WORKFORCE}/sanctions_policy"),
            ("its application to privacy violations", f"{ADMIN}/sanctions_cover_privacy"),
            ("documentation of the sanctions applied", f"{WORKFORCE}/sanctions_applied_documented"),
        ),
        "sanctions apply to privacy violations and the sanctions applied are documented",
        "privacy sanctions (164.530(e)) lack ",
    )


@control(
    id="PRIV-024",
    title="Known harmful effects of privacy violations are mitigated",
    domain="privacy",
    cites=["164.530(f)"],
    basis="required",
    severity="medium",
    risk="A misdirected record nobody retrieves, or a recipient nobody asks to delete it, keeps "
    "disclosing PHI after the organization knows of it.",
    rationale="A covered entity must mitigate, to the extent practicable, any harmful effect it "
    "knows of from a use or disclosure of PHI, by it or its business associate, that violates "
    "its policies or the Privacy Rule (164.530(f)). Telehealth errors (a visit link or summary "
    "sent to the wrong address) are the usual case.",
    remediation="Adopt a mitigation procedure (retrieve or have destroyed what was sent, tell "
    "the patient, fix the cause) and set privacy_administration.mitigation_procedure: true.",
)
def mitigation(config: Config, ctx: Context) -> Outcome:
    """A disclosure keeps doing harm until someone retrieves what was sent."""
    absent = covered_entity_duty(config, "a mitigation duty")
    if absent is not None:
        return absent
    return all_in_place(
        config,
        (("a mitigation procedure", f"{ADMIN}/mitigation_procedure"),),
        "a procedure mitigates the known harmful effects of privacy violations",
        "the known harmful effects of privacy violations are not mitigated; missing: ",
    )


@control(
    id="PRIV-025",
    title="No one is retaliated against for exercising privacy rights or complaining",
    domain="privacy",
    cites=["164.530(g)"],
    basis="required",
    severity="low",
    risk="Fear of retaliation keeps patients and staff from reporting privacy problems; the "
    "missing policy exposes no PHI, but retaliation itself is a violation.",
    rationale="A covered entity may not intimidate, threaten, coerce, discriminate against or "
    "take other retaliatory action against anyone for exercising a Privacy Rule right, filing a "
    "complaint, taking part in an investigation or opposing an unlawful practice (164.530(g)). "
    "A written policy that says so, known to managers, is how the organization shows it.",
    remediation="Adopt a non-retaliation policy and set "
    "privacy_administration.non_retaliation: true.",
)
def non_retaliation(config: Config, ctx: Context) -> Outcome:
    """Complaints stop coming when complaining has a cost."""
    absent = covered_entity_duty(config, "a non-retaliation duty")
    if absent is not None:
        return absent
    return all_in_place(
        config,
        (("a non-retaliation policy", f"{ADMIN}/non_retaliation"),),
        "a policy forbids retaliation against those who exercise privacy rights or complain",
        "nothing forbids retaliation against those who exercise privacy rights or complain; "
        "missing: ",
    )


@control(
    id="PRIV-026",
    title="Patients are never asked to waive their privacy rights as a condition of care",
    domain="privacy",
    cites=["164.530(h)"],
    basis="required",
    severity="medium",
    risk="A telehealth sign-up screen that makes care conditional on waiving HIPAA rights "
    "violates the rule for every patient who clicks through it.",
    rationale="A covered entity may not require individuals to waive their rights under the "
    "Privacy and Breach Notification Rules or to complain to HHS (160.306) as a condition of "
    "treatment, payment, enrollment in a health plan or eligibility for benefits (164.530(h)). "
    "App terms of service and online intake forms are where such waivers slip in.",
    remediation="Review intake forms, consents and app terms for waivers of HIPAA rights, remove "
    "them, and set privacy_administration.no_waiver_of_rights: true.",
)
def no_waiver(config: Config, ctx: Context) -> Outcome:
    """App terms written for consumers often carry waivers a covered entity may not ask for."""
    absent = covered_entity_duty(config, "the duty not to ask for waivers")
    if absent is not None:
        return absent
    return all_in_place(
        config,
        (("a review that no form or terms ask for a waiver", f"{ADMIN}/no_waiver_of_rights"),),
        "no intake form, consent or terms of service asks patients to waive their privacy rights",
        "intake forms and terms are not shown to be free of waivers of privacy rights; missing: ",
    )


@control(
    id="PRIV-027",
    title="Privacy Rule documentation is kept for 6 years",
    domain="privacy",
    cites=["164.530(j)", "164.530(j)(2)"],
    basis="required",
    severity="low",
    risk="Without the old notices, acknowledgments, complaint files and sanction records the "
    "organization cannot show an investigator what it did; its safeguards are unchanged.",
    rationale="A covered entity must keep its privacy policies and procedures, the "
    "communications and records of actions, activities and designations the Privacy Rule "
    "requires (notices and acknowledgments, complaints and their disposition, sanctions, "
    "training) for 6 years from their creation or the date they were last in effect, whichever "
    "is later (164.530(j)). The retention period is the one the Security Rule documentation "
    "uses (policies.documentation.retention_years, GOV-005); this checks it reaches the privacy "
    "records too.",
    remediation="Keep documentation 6 years (policies.documentation.retention_years: 6 or more) "
    "and extend it to the privacy records (privacy_administration.records_retained: true).",
)
def privacy_retention(config: Config, ctx: Context) -> Outcome:
    """An investigation asks for the notice and complaint file of years ago."""
    absent = covered_entity_duty(config, "Privacy Rule documentation duties")
    if absent is not None:
        return absent
    years = get(config, RETENTION)
    gaps = shortfalls(config, [("the privacy records", f"{ADMIN}/records_retained")])
    if not isinstance(years, int) or isinstance(years, bool):
        gaps.insert(0, (f"a retention period (not declared: set {key_path(RETENTION)})",
                        where(config, RETENTION)))
    elif years < 6:
        gaps.insert(0, (f"6 years of retention (it is {years})", RETENTION))
    if gaps:
        return failed(
            "Privacy Rule documentation retention (164.530(j)) lacks "
            + join(label for label, _ in gaps),
            [at for _, at in gaps],
        )
    return passed(
        f"documentation, the privacy records included, is kept {years} years (6 required)",
        [RETENTION, f"{ADMIN}/records_retained"],
    )


@control(
    id="GOV-022",
    title="A hybrid entity has designated and documented its health care components",
    domain="governance",
    cites=["164.105(a)(2)(iii)(D)", "164.105(c)", "164.105(a)(2)(ii)"],
    basis="required",
    severity="high",
    risk="Without a documented designation the whole legal entity is the covered entity, and PHI "
    "reaches its non-covered parts with none of the separation 164.105 requires; every other "
    "finding then covers only part of what HIPAA reaches.",
    rationale="A hybrid entity (a single legal entity with covered and non-covered functions) "
    "must designate its health care components (164.105(a)(2)(iii)(D)), document the designation "
    "and keep it 6 years (164.105(c)), and keep PHI inside the components: no disclosure to "
    "another component that the Privacy Rule would forbid between separate entities, and staff "
    "working in both use the components' PHI only for them (164.105(a)(2)(ii)). Only then do the "
    "Privacy and Security Rules apply to the components alone.",
    remediation="Designate the health care components (hybrid_entity.health_care_components), "
    "document the designation (hybrid_entity.designation_documented: true) and separate their "
    "PHI from the rest of the entity (hybrid_entity.component_safeguards: true).",
)
def hybrid_designation(config: Config, ctx: Context) -> Outcome:
    """An undesignated hybrid is covered as a whole, whatever it believes its scope to be."""
    if get(config, "/organization/type") != "hybrid_entity":
        return not_applicable(
            "the organization is not a hybrid entity (organization.type)", "/organization/type"
        )
    components = get(config, COMPONENTS)
    gaps = shortfalls(
        config,
        [
            ("documentation of the designation (164.105(c))",
             f"{HYBRID}/designation_documented"),
            ("safeguards keeping PHI inside the components (164.105(a)(2)(ii))",
             f"{HYBRID}/component_safeguards"),
        ],
    )
    if not isinstance(components, list) or not components:
        hint = (
            "" if isinstance(components, list)
            else f" (not declared: set {key_path(COMPONENTS)})"
        )
        gaps.insert(
            0, (f"a designation of health care components{hint}", where(config, COMPONENTS))
        )
    if gaps:
        return failed("the hybrid entity lacks " + join(label for label, _ in gaps),
                      [at for _, at in gaps])
    return passed(
        "the hybrid entity designated its health care components "
        f"({join(map(str, components))}), documented the designation and keeps their PHI apart",
        [COMPONENTS, f"{HYBRID}/designation_documented", f"{HYBRID}/component_safeguards"],
    )

"""42 CFR Part 2: confidentiality of substance use disorder patient records (other law, not HIPAA).

Part 2 protects records of federally assisted substance use disorder (SUD) programs and
follows them to whoever receives them. The 2024 final rule (89 FR 12472, Feb 16 2024) aligned
it with HIPAA: a single consent may cover all future treatment, payment and health care
operations (2.31), the patient notice was revised (2.22), and the HIPAA Breach Notification Rule
applies to breaches of unsecured Part 2 records (2.16). Its compliance date is 2026-02-16;
before it, each control says what turns on that date. Basis `other_law`: scored apart from the
HIPAA score and never called HIPAA. They apply when the organization declares it holds Part 2
records (organization.holds_part2_records).
"""

from __future__ import annotations

import datetime as dt

from phi_policy.control import (
    Config,
    applies,
    control,
    failed,
    get,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

HOLDS = "/organization/holds_part2_records"
PART2 = "/part2"
COMPLIANCE_DATE = dt.date(2026, 2, 16)
NO_RECORDS = "the organization declares it holds no 42 CFR Part 2 records"


def _check(config: Config, ctx: Context, key: str, good: str, bad: str, *,
           since_2024: bool) -> Outcome:
    """The one-duty Part 2 control: applies only to a holder; absent counts as not in place.

    A duty the 2024 rule changed (`since_2024`) and that is not yet met before its compliance
    date passes with a warning that it turns on 2026-02-16: the earlier rule still governed.
    """
    skip = applies(config, HOLDS, NO_RECORDS)
    if skip is not None:
        return skip
    at = f"{PART2}/{key}"
    value = get(config, at)
    if value is True:
        return passed(good, at)
    if since_2024 and ctx.as_of < COMPLIANCE_DATE:
        return passed(
            f"42 CFR Part 2 (not HIPAA): the 2024 rule's compliance date is "
            f"{COMPLIANCE_DATE.isoformat()}; until then the earlier rule governs",
            where(config, at),
            turns_on=COMPLIANCE_DATE,
            turns_why=f"the 2024 Part 2 rule applies ({bad})",
        )
    state = "not declared" if value is None else "not in place"
    return failed(f"42 CFR Part 2 (not HIPAA): {bad} ({state}: set part2.{key})",
                  where(config, at))


@control(
    id="PART2-001",
    title="Part 2 records disclosed only with written consent meeting 42 CFR 2.31 (other law)",
    domain="privacy",
    cites=["42 CFR 2.31", "42 CFR 2.12"],
    basis="other_law",
    severity="high",
    risk="A Part 2 record disclosed on a HIPAA treatment basis alone, without Part 2 consent, "
    "is a violation that OCR now enforces with HIPAA's penalties.",
    rationale="Not HIPAA. Part 2 records may be disclosed only with the patient's written "
    "consent meeting 42 CFR 2.31, or under Part 2's narrow exceptions; the 2024 rule allows a "
    "single consent for all future treatment, payment and health care operations and HIPAA-"
    "style redisclosure by its recipients (compliance date 2026-02-16).",
    remediation="Adopt a consent form meeting 42 CFR 2.31 as amended in 2024 and set "
    "part2.consent_form_updated: true.",
)
def part2_consent(config: Config, ctx: Context) -> Outcome:
    """Records disclosed on a HIPAA treatment basis alone, as if Part 2 did not exist."""
    return _check(
        config, ctx, "consent_form_updated",
        "42 CFR Part 2 (not HIPAA): disclosures rest on written consent meeting 2.31 as "
        "amended in 2024",
        "disclosures do not rest on a consent form meeting 2.31 as amended in 2024",
        since_2024=True,
    )


@control(
    id="PART2-002",
    title="Patients given the Part 2 confidentiality notice of 42 CFR 2.22 (other law)",
    domain="privacy",
    cites=["42 CFR 2.22"],
    basis="other_law",
    severity="medium",
    risk="Patients who are not told how Part 2 protects their records cannot exercise its "
    "rights; a documented duty, no exposure by itself.",
    rationale="Not HIPAA. A Part 2 program must notify each patient of the federal "
    "confidentiality protections at admission or as soon as the patient can understand it "
    "(42 CFR 2.22); the 2024 rule revised the notice's content to parallel the HIPAA notice of "
    "privacy practices (compliance date 2026-02-16).",
    remediation="Revise the Part 2 patient notice for the 2024 rule and set "
    "part2.patient_notice_updated: true.",
)
def part2_notice(config: Config, ctx: Context) -> Outcome:
    """An admission packet written for the old rule misstates patients' rights."""
    return _check(
        config, ctx, "patient_notice_updated",
        "42 CFR Part 2 (not HIPAA): patients receive the 2.22 notice revised for the 2024 rule",
        "patients do not receive the 2.22 notice revised for the 2024 rule",
        since_2024=True,
    )


@control(
    id="PART2-003",
    title="Breaches of Part 2 records handled under the breach notification procedure "
    "(other law)",
    domain="privacy",
    cites=["42 CFR 2.16"],
    basis="other_law",
    severity="high",
    risk="A breach of SUD records, among the most stigmatizing there are, goes unreported "
    "when the breach procedure covers only HIPAA PHI.",
    rationale="Not HIPAA. The 2024 rule made the HIPAA Breach Notification Rule (45 CFR 164 "
    "subpart D) apply to breaches of unsecured Part 2 records in the same manner as to PHI "
    "(42 CFR 2.16 as amended; compliance date 2026-02-16).",
    remediation="Bring Part 2 records into the breach notification procedure and set "
    "part2.breach_notification: true.",
)
def part2_breach(config: Config, ctx: Context) -> Outcome:
    """The breach procedure was written for PHI and forgets the SUD program's records."""
    return _check(
        config, ctx, "breach_notification",
        "42 CFR Part 2 (not HIPAA): breaches of Part 2 records are handled under the breach "
        "notification procedure",
        "breaches of Part 2 records are not handled under the breach notification procedure",
        since_2024=True,
    )


@control(
    id="PART2-004",
    title="Formal policies protect Part 2 records and each disclosure carries the "
    "redisclosure notice (other law)",
    domain="privacy",
    cites=["42 CFR 2.16", "42 CFR 2.32"],
    basis="other_law",
    severity="medium",
    risk="Without written safeguards and the notice on each disclosure, recipients treat SUD "
    "records as ordinary PHI and pass them on.",
    rationale="Not HIPAA. A Part 2 program or other lawful holder must have formal policies "
    "and procedures to protect Part 2 records, paper and electronic, against unauthorized use "
    "and disclosure (42 CFR 2.16), and each disclosure made with the patient's consent must "
    "carry the notice against redisclosure (42 CFR 2.32). Both duties predate the 2024 rule.",
    remediation="Adopt Part 2 security policies (part2.security_policies: true) and attach the "
    "2.32 notice to each disclosure (part2.redisclosure_notice: true).",
)
def part2_safeguards(config: Config, ctx: Context) -> Outcome:
    """SUD records leave the program without the notice that keeps them protected."""
    first = _check(
        config, ctx, "security_policies",
        "formal policies protect Part 2 records", "no formal policies protect Part 2 records",
        since_2024=False,
    )
    if first.status != "pass":
        return first
    second = _check(
        config, ctx, "redisclosure_notice",
        "", "disclosures do not carry the 2.32 notice against redisclosure", since_2024=False,
    )
    if second.status != "pass":
        return second
    return passed(
        "42 CFR Part 2 (not HIPAA): formal policies protect Part 2 records and each disclosure "
        "carries the 2.32 redisclosure notice",
        [f"{PART2}/security_policies", f"{PART2}/redisclosure_notice"],
    )

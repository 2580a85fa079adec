"""Privacy Rule and Breach Notification Rule safeguards for telemedicine (45 CFR 164 D and E).

Notice of privacy practices, patient rights, minimum necessary, breach notification readiness,
patient identity verification and private telehealth sessions. A business associate issues no
notice of privacy practices and notifies its covered entity rather than individuals, HHS or the
media (164.410), so those controls do not apply to organization.type business_associate.

Each control declares its legal basis. A Privacy or Breach Rule provision is `required` where
the control checks exactly what the provision demands; a number the rule does not set (a 3-year
review of the notice, a 30-day notice target, a strong identity-proofing method) is a separate
`benchmark` control; what only DEA rules or state law demand (identity before a controlled-
substance prescription, consent to telehealth) is `other_law`, reported apart from the HIPAA
score.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    at_most,
    cadence,
    control,
    failed,
    flag,
    get,
    is_on,
    join,
    not_applicable,
    not_in_place,
    parse_date,
    partial,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

NPP = "/privacy/notice_of_privacy_practices"
RIGHTS = "/privacy/patient_rights"
BREACH = "/incident_response/breach_notification"
IDENTITY = "/patient_identity"
SESSIONS = "/privacy/telehealth_sessions"
CS = f"{IDENTITY}/controlled_substances"

#: Benchmark defaults (a `tailored` decision moves each; HIPAA sets none of them).
NPP_REVIEW_MONTHS = 36
NOTICE_TARGET_DAYS = 30

#: Identity proofing strength of each patient_identity method (benchmark PRIV-019).
STRONG = ("government_id", "video_id_match", "patient_portal_login")
MODERATE = ("two_factor_sms",)

_VERIFICATION = "164.514(h)"
_DEA = (
    "21 U.S.C. 829(e)",
    "21 U.S.C. 802(54)",
    "21 CFR 1306.04(a)",
    "21 CFR 1306.05(a)",
    "DEA-HHS temporary rule 2025-24123",
)


def _covered_entity_only(config: Config, what: str) -> Outcome | None:
    """not_applicable for a business associate, whose covered entities carry `what`."""
    if get(config, "/organization/type") == "business_associate":
        return not_applicable(
            f"a business associate does not issue {what}; its covered entities do",
            "/organization/type",
        )
    return None


def _npp_missing(config: Config) -> Outcome | None:
    """A failure when no notice of privacy practices is published, else None."""
    if not is_on(config, f"{NPP}/published"):
        return failed(
            "no notice of privacy practices is published", where(config, f"{NPP}/published")
        )
    return None


def _all_in_place(
    config: Config, checks: tuple[tuple[str, str], ...], good: str, bad: str
) -> Outcome:
    """pass when every (label, boolean pointer) is on; else fail naming each one missing.

    For controls over distinct legal duties: each is demanded on its own, so one missing
    fails the control (no credit by count).
    """
    missing = not_in_place(config, checks)
    if not missing:
        return passed(good, [pointer for _, pointer in checks])
    return failed(bad + join(label for label, _ in missing), [at for _, at in missing])


def _methods(config: Config, pointer: str) -> list[str]:
    value = get(config, pointer)
    return [str(m) for m in value] if isinstance(value, list) else []


# --------------------------------------------------------------------------------------------
# Notice of privacy practices 164.520
# --------------------------------------------------------------------------------------------


@control(
    id="PRIV-001",
    title="Notice of privacy practices published, posted on the website and acknowledged",
    domain="privacy",
    cites=["164.520"],
    basis="required",
    severity="medium",
    risk="Patients who never receive the notice do not learn how their PHI is used or what "
    "rights they have; a documented duty OCR checks, but it exposes no PHI by itself.",
    partial_credit="credit = share of the notice's delivery duties met: published, posted on "
    "the website and (for a provider) acknowledgment of receipt sought; no notice published "
    "fails",
    rationale="A covered entity must provide its notice of privacy practices by the first service "
    "(electronically for telehealth), post it prominently on its website, and a provider with a "
    "direct treatment relationship must make a good-faith effort to obtain written "
    "acknowledgment of receipt (164.520(c)).",
    remediation="Publish the notice (privacy.notice_of_privacy_practices.published: true), post it "
    "on the website (posted_on_website: true) and collect acknowledgments, e.g. as a step of "
    "telehealth intake (acknowledgment_collected: true).",
)
def npp_published(config: Config, ctx: Context) -> Outcome:
    """Telehealth patients never pass a clinic's front desk: the notice must reach them online."""
    absent = _covered_entity_only(config, "a notice of privacy practices") or _npp_missing(config)
    if absent is not None:
        return absent
    checks = [("posted on the website", "it is not posted on the website", "posted_on_website")]
    if get(config, "/organization/entity_kind", "provider") == "provider":
        checks.append(
            (
                "acknowledged by patients",
                "patients' acknowledgments of receipt are not collected",
                "acknowledgment_collected",
            )
        )
    missing = not_in_place(config, [(bad, f"{NPP}/{key}") for _, bad, key in checks])
    if not missing:
        return passed(
            "the notice of privacy practices is published, "
            + " and ".join(good for good, _, _ in checks),
            [f"{NPP}/{key}" for _, _, key in checks],
        )
    return partial(
        (1 + len(checks) - len(missing)) / (1 + len(checks)),
        "the notice of privacy practices is published, but "
        + " and ".join(bad for bad, _ in missing),
        [at for _, at in missing],
    )


@control(
    id="PRIV-002",
    title="Notice of privacy practices describes telehealth (benchmark)",
    domain="privacy",
    cites=["164.520"],
    basis="benchmark",
    severity="low",
    risk="A notice silent on telehealth leaves patients unaware of vendor platforms, recordings "
    "and device data; the notice still states their rights, so this is a documentation gap.",
    rationale="The notice must describe the uses and disclosures the entity makes, with examples "
    "(164.520(b)(1)(ii)), but HIPAA prescribes no telehealth wording. Describing visits over "
    "vendor platforms, recordings if any, remote monitoring data and electronic delivery is a "
    "good practice for a telehealth organization, not a HIPAA requirement.",
    remediation="Add a telehealth section to the notice (platforms, recordings, remote "
    "monitoring, electronic communications) and set "
    "privacy.notice_of_privacy_practices.telehealth_terms: true.",
)
def npp_telehealth(config: Config, ctx: Context) -> Outcome:
    """A clinic-era notice says nothing about video vendors, recordings or device data."""
    absent = _covered_entity_only(config, "a notice of privacy practices") or _npp_missing(config)
    if absent is not None:
        return absent
    return flag(
        config,
        f"{NPP}/telehealth_terms",
        "the notice of privacy practices describes telehealth",
        "benchmark: the notice of privacy practices does not describe telehealth uses and "
        "disclosures (HIPAA prescribes no telehealth wording)",
    )


@control(
    id="PRIV-003",
    title="Notice of privacy practices revised after each material change",
    domain="privacy",
    cites=["164.520(b)(3)", "164.520"],
    basis="required",
    severity="low",
    risk="A notice not revised after a material change misdescribes how PHI is used; patients "
    "are misinformed, but no PHI is exposed by it.",
    rationale="A covered entity must promptly revise and distribute its notice whenever there is "
    "a material change to the uses or disclosures, the individual's rights, its legal duties or "
    "other privacy practices it states, and may not implement the change before the revised "
    "notice takes effect (164.520(b)(3)); the notice carries its effective date "
    "(164.520(b)(1)(viii)). HIPAA sets no fixed revision cycle (see PRIV-017 for that benchmark).",
    remediation="Record the notice's last revision (privacy.notice_of_privacy_practices."
    "last_revised) and the date of the latest material change in privacy practices "
    "(last_material_change); revise the notice whenever such a change comes after it.",
)
def npp_revised(config: Config, ctx: Context) -> Outcome:
    """A new platform, vendor or rule change can make the notice untrue overnight."""
    absent = _covered_entity_only(config, "a notice of privacy practices") or _npp_missing(config)
    if absent is not None:
        return absent
    at = f"{NPP}/last_revised"
    revised = parse_date(get(config, at))
    if revised is None:
        return failed(
            "no revision (effective) date is recorded for the notice of privacy practices",
            where(config, at),
        )
    if revised > ctx.as_of:
        return failed(
            f"the notice's revision date {revised} is after the assessment date {ctx.as_of}; "
            "record the date it was actually revised",
            at,
        )
    change_at = f"{NPP}/last_material_change"
    change = parse_date(get(config, change_at))
    if change is None:
        return passed(
            f"the notice of privacy practices was last revised on {revised}; no later material "
            "change is recorded",
            at,
        )
    if change <= revised:
        return passed(
            f"the notice of privacy practices was revised on {revised}, after the last recorded "
            f"material change ({change})",
            [at, change_at],
        )
    if change > ctx.as_of:
        return passed(
            f"the notice of privacy practices was last revised on {revised}; a material change "
            f"is planned for {change}, and the revised notice must take effect by then",
            [at, change_at],
            turns_on=change,
            turns_why="the recorded material change takes effect and the notice must reflect it",
        )
    return failed(
        f"a material change in privacy practices on {change} came after the notice's last "
        f"revision on {revised}; 164.520(b)(3) requires prompt revision",
        [change_at, at],
    )


@control(
    id="PRIV-017",
    title="Notice of privacy practices reviewed at least every 36 months (benchmark)",
    domain="privacy",
    cites=["164.520"],
    basis="benchmark",
    severity="low",
    risk="A notice untouched for years has likely missed a change in platforms, vendors or "
    "rules; a documentation risk only.",
    tailorable="months between reviews of the notice of privacy practices",
    rationale="HIPAA sets no review cycle for the notice, only revision after a material change "
    "(164.520(b)(3), PRIV-003). Changes come often in telehealth (new platforms and vendors; rule "
    "changes such as the 2024 Part 2 amendments with a 2026-02-16 compliance date), so a periodic "
    "review catches the ones nobody recorded. 36 months is this tool's convention, echoing the "
    "3-year reminder 164.520(c)(1)(ii) asks of health plans; a documented decision may tailor it.",
    remediation="Review the notice against current practices and rules at least every 36 months "
    "and record the date in privacy.notice_of_privacy_practices.last_revised.",
)
def npp_review_benchmark(config: Config, ctx: Context) -> Outcome:
    """A periodic look catches the material changes nobody recorded."""
    absent = _covered_entity_only(config, "a notice of privacy practices") or _npp_missing(config)
    if absent is not None:
        return absent
    months = max(1, round(ctx.limit(NPP_REVIEW_MONTHS)))
    at = f"{NPP}/last_revised"
    state = cadence(get(config, at), ctx.as_of, months)
    if state.state == "missing":
        return failed(
            "no review date is recorded for the notice of privacy practices", where(config, at)
        )
    if state.state == "future":
        return failed(
            f"the notice's revision date {state.last} is after the assessment date {ctx.as_of}; "
            "record the date it was actually reviewed",
            at,
        )
    if state.state == "overdue":
        return failed(
            f"benchmark: the notice of privacy practices was last reviewed on {state.last}, more "
            f"than {months} months ago (review was due {state.due}); HIPAA sets no review "
            "cycle, only revision after a material change",
            at,
        )
    return passed(
        f"the notice of privacy practices was reviewed on {state.last}; next review due "
        f"{state.due} ({months}-month benchmark)",
        at,
        turns_on=state.due,
        turns_why=f"the {months}-month review of the notice of privacy practices falls due",
    )


# --------------------------------------------------------------------------------------------
# Patient rights 164.522-164.528
# --------------------------------------------------------------------------------------------


@control(
    id="PRIV-004",
    title="Patient access requests acted on within 30 days",
    domain="privacy",
    cites=["164.524(b)(2)", "164.524"],
    basis="required",
    severity="high",
    risk="Right of access is OCR's most frequent enforcement initiative: a standing delay beyond "
    "30 days is a violation for every request and draws settlements even in small practices.",
    rationale="A covered entity must act on a request for access no later than 30 days after "
    "receiving it. It may extend once, by no more than 30 days, only if within the 30 days it "
    "gives the individual a written statement of the reasons for the delay and the date it will "
    "act; only one extension per request (164.524(b)(2)). A standing policy longer than 30 days "
    "is therefore not allowed. Right of access is OCR's most frequent enforcement initiative.",
    remediation="Commit to acting on access requests within 30 days "
    "(privacy.patient_rights.access_request_days: 30 or less) and keep the one 30-day extension "
    "for individual requests, with the written notice of reasons and date.",
)
def right_of_access(config: Config, ctx: Context) -> Outcome:
    """Slow record requests are the privacy complaint OCR settles most often."""
    return at_most(
        config,
        f"{RIGHTS}/access_request_days",
        30,
        half_credit_up_to=None,
        missing="no response time is set for patient access requests",
        within=lambda days: f"access requests are acted on within {days} days",
        over=lambda days: (
            f"access requests are acted on within {days} days by policy; "
            "164.524(b)(2) allows 30 days, and one 30-day extension per request only by written "
            "notice within the 30 days giving the reasons and the date, so a standing longer "
            "deadline is not allowed"
        ),
    )


@control(
    id="PRIV-005",
    title="Procedure for requests to amend PHI",
    domain="privacy",
    cites=["164.526"],
    basis="required",
    severity="medium",
    risk="Without a procedure, errors in a record stay and follow the patient to later "
    "providers, and the 60-day limit to act is missed; no PHI is exposed.",
    rationale="Patients may ask to amend their records; the organization must act within 60 days "
    "(one 30-day extension), amend and notify others, or deny in writing with a right to "
    "disagree.",
    remediation="Document the amendment procedure and set privacy.patient_rights."
    "amendment_procedure: true.",
)
def amendment(config: Config, ctx: Context) -> Outcome:
    """Errors in a telehealth record follow the patient to every later provider."""
    return flag(
        config,
        f"{RIGHTS}/amendment_procedure",
        "a procedure handles requests to amend PHI",
        "no procedure handles patients' requests to amend their PHI",
    )


@control(
    id="PRIV-006",
    title="Accounting of disclosures available on request",
    domain="privacy",
    cites=["164.528"],
    basis="required",
    severity="medium",
    risk="Disclosures not tracked when made cannot be accounted for later, and nobody sees a "
    "pattern of improper ones; no PHI is exposed by the gap itself.",
    rationale="Patients may request an accounting of disclosures of the past 6 years (treatment, "
    "payment and operations excepted), answered within 60 days; without a way to track "
    "disclosures, the organization cannot produce one.",
    remediation="Track disclosures that must be accounted for and set privacy.patient_rights."
    "accounting_of_disclosures: true.",
)
def accounting(config: Config, ctx: Context) -> Outcome:
    """Disclosures not tracked when made cannot be accounted for years later."""
    return flag(
        config,
        f"{RIGHTS}/accounting_of_disclosures",
        "disclosures are tracked so an accounting can be given on request",
        "disclosures are not tracked, so no accounting of disclosures can be given",
    )


@control(
    id="PRIV-007",
    title="Restriction and confidential communication requests honoured",
    domain="privacy",
    cites=["164.522(a)", "164.522(b)"],
    basis="required",
    severity="medium",
    risk="A reminder sent to a channel the patient asked to avoid can disclose a visit to a "
    "family member or employer; one patient at a time, not a broad exposure.",
    rationale="Patients may ask to restrict uses and disclosures, and a restriction must be "
    "agreed to for items paid in full out of pocket when the disclosure would go to a health "
    "plan (164.522(a)); they may ask to be contacted by other means or at other addresses, "
    "which a provider must accommodate when reasonable (164.522(b)). Telehealth makes channel "
    "choices (phone, portal, e-mail) part of that right. Each is its own duty, so both must be "
    "in place.",
    remediation="Set up procedures for restriction requests (privacy.patient_rights."
    "restriction_requests: true) and confidential communications (confidential_communications: "
    "true).",
)
def restrictions(config: Config, ctx: Context) -> Outcome:
    """A reminder text to the family phone can disclose a visit the patient wanted kept private."""
    return _all_in_place(
        config,
        (
            ("restriction requests (164.522(a))", f"{RIGHTS}/restriction_requests"),
            (
                "confidential communication requests (164.522(b))",
                f"{RIGHTS}/confidential_communications",
            ),
        ),
        "restriction and confidential communication requests are handled",
        "no procedure handles ",
    )


@control(
    id="PRIV-008",
    title="Minimum necessary policy, applied by role",
    domain="privacy",
    cites=["164.502(b)", "164.514(d)"],
    basis="required",
    severity="medium",
    risk="Without role-based limits every staff member may see every visit note, which invites "
    "snooping; the technical access controls carry most of that exposure.",
    rationale="Uses, disclosures and requests of PHI must be limited to the minimum necessary "
    "(164.502(b)), implemented by identifying the workforce who need access, the categories of "
    "PHI each needs and limiting access accordingly (164.514(d)(2)); treatment disclosures to "
    "providers are exempt. The policy and its role-based application are both demanded.",
    remediation="Adopt a minimum necessary policy (privacy.minimum_necessary.policy: true) and "
    "apply it through role definitions (role_based: true).",
)
def minimum_necessary(config: Config, ctx: Context) -> Outcome:
    """Schedulers and billers in a telehealth team do not need the visit notes."""
    base = "/privacy/minimum_necessary"
    return _all_in_place(
        config,
        (
            ("a minimum necessary policy", f"{base}/policy"),
            ("role-based application", f"{base}/role_based"),
        ),
        "a minimum necessary policy is in place and applied by role",
        "minimum necessary lacks ",
    )


# --------------------------------------------------------------------------------------------
# Breach notification 164.400-164.414
# --------------------------------------------------------------------------------------------


@control(
    id="PRIV-009",
    title="Breach notification procedure documented",
    domain="privacy",
    cites=["164.414", "164.530(i)", "164.404(a)(2)"],
    basis="required",
    severity="high",
    risk="Without a procedure, the 60-day clock that starts at discovery runs out while the "
    "organization works out who must be told; late notice is a violation OCR settles.",
    rationale="The Privacy Rule's policy, training and documentation duties apply to breach "
    "notification (164.414(a), 164.530(i)), and the organization bears the burden of proving "
    "notices were sent or that no breach occurred (164.414(b)). The clock starts when any "
    "workforce member knew or should have known (164.404(a)(2)), so the procedure must be ready "
    "before an incident.",
    remediation="Document the breach notification procedure (incident_response."
    "breach_notification.procedure_documented: true).",
)
def breach_procedure(config: Config, ctx: Context) -> Outcome:
    """The 60-day clock runs from discovery, not from the day someone finds the procedure."""
    return flag(
        config,
        f"{BREACH}/procedure_documented",
        "a breach notification procedure is documented",
        "no breach notification procedure is documented",
    )


@control(
    id="PRIV-010",
    title="Four-factor breach risk assessment",
    domain="privacy",
    cites=["164.402", "164.414"],
    basis="required",
    severity="medium",
    risk="Without the assessment an incident is either notified as a breach or closed without a "
    "record that shows why it was not one; the second is a violation.",
    rationale="An impermissible use or disclosure is presumed a breach unless a documented "
    "assessment of at least four factors (the PHI involved, the recipient, whether it was "
    "actually acquired or viewed, and mitigation) shows a low probability of compromise "
    "(164.402); the organization bears the burden of proof (164.414(b)). The assessment is the "
    "only lawful way to conclude that an incident is not a notifiable breach.",
    remediation="Adopt the four-factor risk assessment in the breach procedure and set "
    "incident_response.breach_notification.risk_assessment_four_factor: true.",
)
def breach_risk_assessment(config: Config, ctx: Context) -> Outcome:
    """Without the assessment every misdirected message must be notified as a breach."""
    return flag(
        config,
        f"{BREACH}/risk_assessment_four_factor",
        "incidents are assessed with the four-factor breach risk assessment",
        "incidents are not assessed with the four-factor breach risk assessment, so every one "
        "is presumed a breach that must be notified (164.402)",
    )


@control(
    id="PRIV-011",
    title="Individuals notified of a breach without unreasonable delay, within 60 days",
    domain="privacy",
    cites=["164.404(b)"],
    basis="required",
    severity="high",
    risk="Late notice keeps affected patients from protecting themselves and is among the "
    "breach-rule failures OCR has settled on its own.",
    rationale="Individuals must be notified without unreasonable delay and in no case later than "
    "60 calendar days after discovery (164.404(b)). The procedure must set a deadline within that "
    "limit; 60 days is an outer limit, and how much shorter to aim is a benchmark (PRIV-018).",
    remediation="Set the deadline for notifying individuals in the breach procedure "
    "(incident_response.breach_notification.individual_notice_days, 60 or less) and notify "
    "without unreasonable delay within it.",
)
def individual_notice(config: Config, ctx: Context) -> Outcome:
    """A breach procedure without a deadline is not designed to meet the 60-day limit."""
    absent = _covered_entity_only(config, "breach notices to individuals")
    if absent is not None:
        return absent
    at = f"{BREACH}/individual_notice_days"
    days = get(config, at)
    if days is None:
        return failed(
            "no deadline is set for notifying individuals of a breach; 164.404(b) requires "
            "notice without unreasonable delay and no later than 60 days after discovery",
            where(config, at),
        )
    if days <= 60:
        return passed(
            f"individuals are to be notified within {days} days of discovery (legal limit: "
            "without unreasonable delay, and no later than 60 days)",
            at,
        )
    return failed(
        f"the deadline for notifying individuals is {days} days, beyond the 60-day limit of "
        "164.404(b)",
        at,
    )


@control(
    id="PRIV-018",
    title="Breach notice to individuals targeted well inside 60 days (benchmark)",
    domain="privacy",
    cites=["164.404(b)"],
    basis="benchmark",
    severity="medium",
    risk="A plan that aims at day 60 has no margin for a late discovery or a slow mailing, and "
    "waiting until day 60 without reason can itself be unreasonable delay.",
    tailorable="days after discovery targeted for notifying individuals",
    partial_credit="half credit for a target over the benchmark but under the 60-day legal "
    "limit (up to 59 days); a 60-day target fails",
    rationale="HIPAA sets only 'without unreasonable delay' and the 60-day outer limit "
    "(164.404(b), PRIV-011); HHS stresses that 60 days is an outer limit, not a target. "
    "An internal target of 30 days is this tool's benchmark default, the clock several state "
    "breach laws set; a documented decision may tailor it.",
    remediation="Set an internal target well inside 60 days "
    "(incident_response.breach_notification.individual_notice_days, e.g. 30).",
)
def individual_notice_target(config: Config, ctx: Context) -> Outcome:
    """A plan that aims at day 60 has no margin for a late discovery or a slow mailing."""
    absent = _covered_entity_only(config, "breach notices to individuals")
    if absent is not None:
        return absent
    limit = ctx.limit(NOTICE_TARGET_DAYS)
    return at_most(
        config,
        f"{BREACH}/individual_notice_days",
        limit,
        half_credit_up_to=59,
        missing="no internal target is set for notifying individuals of a breach",
        within=lambda days: (
            f"the internal target for notifying individuals is {days} days "
            f"(benchmark: {limit:g} days or less)"
        ),
        over=lambda days: (
            f"benchmark: the internal target for notifying individuals is "
            f"{days} days, over {limit:g}; HIPAA sets only 'without unreasonable delay' and the "
            "60-day outer limit"
        ),
    )


@control(
    id="PRIV-012",
    title="Breaches reported to HHS and logged",
    domain="privacy",
    cites=["164.408(b)", "164.408(c)"],
    basis="required",
    severity="medium",
    risk="Unreported or unlogged breaches are a violation found at the next OCR inquiry; the "
    "gap is in reporting, not a new exposure of PHI.",
    rationale="A breach of 500 or more individuals is reported to HHS together with the individual "
    "notices (164.408(b)); smaller breaches go into a log reported to HHS within 60 days after "
    "the end of the calendar year (164.408(c)). Each is its own duty, so both must be in place.",
    remediation="Set up HHS breach reporting (incident_response.breach_notification.hhs_reporting: "
    "true) and a breach log (breach_log: true).",
)
def hhs_reporting(config: Config, ctx: Context) -> Outcome:
    """Small breaches are forgotten by year end unless they are logged when they happen."""
    absent = _covered_entity_only(config, "breach reports to HHS")
    if absent is not None:
        return absent
    return _all_in_place(
        config,
        (
            ("reporting to HHS", f"{BREACH}/hhs_reporting"),
            ("a breach log", f"{BREACH}/breach_log"),
        ),
        "breaches are reported to HHS and logged",
        "breach notification lacks ",
    )


@control(
    id="PRIV-013",
    title="Media notice procedure for breaches of more than 500 residents of a state",
    domain="privacy",
    cites=["164.406"],
    basis="required",
    severity="medium",
    risk="Multi-state telehealth breaches can cross the per-state media threshold unnoticed, "
    "and the media notice is then missed; rare, but a violation when it happens.",
    rationale="A breach involving more than 500 residents of one state or jurisdiction requires "
    "notice to prominent media outlets there, within the same 60-day limit (164.406). Telehealth "
    "across several states makes knowing residents per state part of the procedure.",
    remediation="Add a media notice step to the breach procedure and set "
    "incident_response.breach_notification.media_notice_procedure: true.",
)
def media_notice(config: Config, ctx: Context) -> Outcome:
    """Multi-state telehealth breaches can cross the per-state media threshold unnoticed."""
    absent = _covered_entity_only(config, "breach notices to the media")
    if absent is not None:
        return absent
    return flag(
        config,
        f"{BREACH}/media_notice_procedure",
        "a media notice procedure covers breaches of more than 500 residents of a state",
        "no procedure covers media notice for a breach of more than 500 residents of a state",
    )


# --------------------------------------------------------------------------------------------
# Telehealth sessions and patient identity
# --------------------------------------------------------------------------------------------


@control(
    id="PRIV-014",
    title="Patient identity verified before PHI is disclosed in telehealth",
    domain="privacy",
    cites=[_VERIFICATION],
    basis="required",
    severity="high",
    risk="With no identity check an impostor or family member can join a visit and hear or see "
    "another person's PHI; in telehealth the patient is never physically present.",
    rationale="Before disclosing PHI, a covered entity must verify the identity of a person "
    "requesting it when that identity is not known to it (164.514(h)); in telehealth the "
    "patient is never physically present. HIPAA names no method (this checks that one is "
    "used; how strong it is is the benchmark PRIV-019). 164.312(d) is not cited: it is about "
    "users of the information system (the workforce), not patients.",
    remediation="Require verification (patient_identity.verification_required: true) and list "
    "the methods used in patient_identity.methods.",
)
def patient_identity(config: Config, ctx: Context) -> Outcome:
    """Impostors and family members can join a visit and hear or see someone else's PHI."""
    at = f"{IDENTITY}/verification_required"
    if not is_on(config, at):
        return failed(
            "patient identity verification is not required before telehealth visits",
            where(config, at),
        )
    methods_at = f"{IDENTITY}/methods"
    methods = _methods(config, methods_at)
    if not methods:
        return failed("no method is listed to verify patient identity", where(config, methods_at))
    return passed(
        f"patient identity is verified before telehealth visits ({', '.join(methods)})",
        [at, methods_at],
    )


@control(
    id="PRIV-019",
    title="Patient identity verified with a strong method (benchmark)",
    domain="privacy",
    cites=[_VERIFICATION],
    basis="benchmark",
    severity="medium",
    risk="Knowledge questions, demographics and insurance cards can be answered by others, so "
    "a weak check lets a determined impostor through; a check of some kind exists.",
    partial_credit="half credit when the strongest method is moderate (an SMS code, which "
    "proves control of a phone number only); weak methods alone fail",
    rationale="HIPAA requires verification but names no method (164.514(h), PRIV-014). Ranking "
    "identity evidence as identity-proofing guidance such as NIST SP 800-63A does, a government "
    "ID shown on video, a video match against ID on file, or an authenticated portal login is "
    "strong; an SMS code proves only control of a phone number; knowledge questions, verbal "
    "demographics and insurance cards can be answered by others. A benchmark, not a HIPAA "
    "requirement.",
    remediation="Include at least one of government_id, video_id_match or patient_portal_login "
    "in patient_identity.methods.",
)
def patient_identity_strength(config: Config, ctx: Context) -> Outcome:
    """A check anyone in the household can pass does not tell patients apart."""
    at = f"{IDENTITY}/verification_required"
    if not is_on(config, at):
        return failed(
            "patient identity verification is not required, so no method of any strength is used",
            where(config, at),
        )
    methods_at = f"{IDENTITY}/methods"
    methods = _methods(config, methods_at)
    strong = [m for m in methods if m in STRONG]
    moderate = [m for m in methods if m in MODERATE]
    if strong:
        return passed(
            f"patient identity is verified with a strong method ({', '.join(strong)})", methods_at
        )
    if moderate:
        return partial(
            0.5,
            f"benchmark: patient identity is verified only with {', '.join(methods)}; add a "
            "strong method (government_id, video_id_match or patient_portal_login)",
            methods_at,
        )
    if methods:
        return failed(
            f"benchmark: patient identity is verified only with weak methods "
            f"({', '.join(methods)}) that others can answer; add government_id, video_id_match "
            "or patient_portal_login",
            methods_at,
        )
    return failed("no method is listed to verify patient identity", where(config, methods_at))


@control(
    id="PRIV-015",
    title="Patient identity confirmed before controlled substances are prescribed by "
    "telemedicine (DEA rules, not HIPAA)",
    domain="privacy",
    cites=list(_DEA),
    basis="other_law",
    severity="high",
    risk="A prescription issued to an impostor diverts controlled substances and puts the "
    "prescriber's DEA registration at risk; this is DEA law, reported apart from HIPAA.",
    rationale="Not HIPAA. A controlled substance may be dispensed by means of the Internet only "
    "on a valid prescription (Ryan Haight Act, 21 U.S.C. 829(e)): issued for a legitimate "
    "medical purpose by a practitioner acting in the usual course of professional practice "
    "(21 CFR 1306.04(a)), bearing the patient's full name and address (21 CFR 1306.05(a)), after "
    "an in-person medical evaluation or within the practice of telemedicine (21 U.S.C. "
    "802(54)). The DEA-HHS fourth temporary extension (FR Doc 2025-24123, 90 FR 61301) lets a "
    "DEA-registered practitioner prescribe schedule II-V medications by telemedicine without an "
    "in-person evaluation from 2026-01-01 through 2026-12-31, over an interactive "
    "telecommunications system. None of these names an identity-verification method; this "
    "control checks only that the patient's identity is confirmed, by a recorded method, before "
    "such a prescription, so that it names the patient actually evaluated. It grades no method. "
    "Recheck the DEA rules after 2026-12-31, when the temporary rule ends.",
    remediation="Confirm the patient's identity before prescribing controlled substances by "
    "telemedicine (patient_identity.controlled_substances.enhanced_verification: true) and "
    "record how in controlled_substances.methods.",
)
def controlled_substances(config: Config, ctx: Context) -> Outcome:
    """A fake identity in a telehealth visit can divert controlled substances."""
    if not is_on(config, f"{CS}/prescribes"):
        return not_applicable(
            "no controlled substances are prescribed via telehealth",
            where(config, f"{CS}/prescribes"),
        )
    check = f"{CS}/enhanced_verification"
    if not is_on(config, check):
        return failed(
            "DEA rules (not HIPAA): controlled substances are prescribed by telemedicine without "
            "confirming the patient's identity first, so a prescription may not name the "
            "patient evaluated (21 CFR 1306.04(a), 1306.05(a))",
            where(config, check),
        )
    methods_at = f"{CS}/methods"
    methods = _methods(config, methods_at)
    if not methods:
        return failed(
            "DEA rules (not HIPAA): no method is recorded for confirming the identity of a "
            "patient before a controlled-substance prescription",
            where(config, methods_at),
        )
    return passed(
        "the identity of a patient receiving controlled substances is confirmed before "
        f"prescribing ({', '.join(methods)})",
        [check, methods_at],
    )


@control(
    id="PRIV-016",
    title="Telehealth sessions held in a private setting",
    domain="privacy",
    cites=["164.530(c)"],
    basis="required",
    severity="medium",
    risk="A visit overheard in an open office or on a speakerphone discloses one patient's PHI "
    "at a time, even with perfect encryption.",
    rationale="A covered entity must have reasonable safeguards against intentional or "
    "unintentional use or disclosure of PHI, oral PHI included, and must limit incidental "
    "disclosures (164.530(c)); OCR's audio-only telehealth guidance (June 2022) expects a private "
    "setting, lowered voices and no speakerphone. Consent to telehealth is state law, checked "
    "apart (PRIV-020).",
    remediation="Require clinicians to conduct visits from a private setting "
    "(privacy.telehealth_sessions.private_setting_required: true).",
)
def private_sessions(config: Config, ctx: Context) -> Outcome:
    """A visit overheard in an open-plan office is a disclosure, even with perfect encryption."""
    return flag(
        config,
        f"{SESSIONS}/private_setting_required",
        "telehealth sessions are held in a private setting",
        "clinicians are not required to hold telehealth sessions in a private setting",
    )


@control(
    id="PRIV-020",
    title="Patient consent to telehealth documented (state law, not HIPAA)",
    domain="privacy",
    cites=["State telehealth consent law"],
    basis="other_law",
    severity="medium",
    risk="Treating without the consent a state requires exposes the clinician's license and "
    "the claim; this is state law, reported apart from HIPAA.",
    rationale="Not HIPAA: the Privacy Rule does not require consent for treatment. Most states "
    "require informed consent to telehealth (verbal or written, once or per visit), and payers "
    "often do; the rules vary by state, so check those of each state where patients are "
    "located.",
    remediation="Obtain and document each patient's consent to telehealth as the states where "
    "patients are located require (privacy.telehealth_sessions.patient_consent_documented: "
    "true).",
)
def telehealth_consent(config: Config, ctx: Context) -> Outcome:
    """A state board asks for the consent a clinic never recorded."""
    if get(config, "/organization/type") == "business_associate":
        return not_applicable(
            "a business associate does not obtain patients' consent to telehealth; its "
            "covered entities do",
            "/organization/type",
        )
    if get(config, "/organization/entity_kind", "provider") != "provider":
        return not_applicable(
            "consent to telehealth is obtained by the health care providers who treat; this "
            "organization is not one",
            "/organization/entity_kind",
        )
    return flag(
        config,
        f"{SESSIONS}/patient_consent_documented",
        "patients' consent to telehealth is documented",
        "state law (not HIPAA): patients' consent to telehealth is not documented",
    )

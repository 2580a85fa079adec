"""Organizational governance: officials, written policies and their upkeep, documentation,
risk analysis and risk management, business associate agreements, group health plans.

Citations: 164.308(a)(1)-(2), 164.308(b), 164.314 and 164.316 of the Security Rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from phi_policy.control import (
    Config,
    all_of,
    by_fraction,
    cadence,
    cadence_outcome,
    control,
    cycle_months,
    describe_cadence,
    ephi_associates,
    failed,
    flag,
    get,
    is_on,
    items,
    join,
    name_of,
    not_applicable,
    parse_date,
    partial,
    passed,
    plural,
    unique,
    were,
    where,
)
from phi_policy.model import Context, Outcome

PRIVACY_OFFICIAL_CITATION = "164.530(a)(1)"

SECURITY_OFFICIAL = "/officials/security_official"
PRIVACY_OFFICIAL = "/officials/privacy_official"
DOCUMENTS = "/policies/documents"
REVIEW_FREQUENCY = "/policies/review_frequency_months"
RETENTION = "/policies/documentation/retention_years"
AVAILABLE = "/policies/documentation/available_to_workforce"
VERSIONED = "/policies/documentation/version_controlled"
RISK_DONE = "/risk_analysis/last_performed"
RISK_FREQUENCY = "/risk_analysis/frequency_months"
RMP = "/risk_analysis/risk_management_plan"

#: Topic policies that, together, stand in for an umbrella information security policy.
CORE_TOPICS = (
    "access_control",
    "incident_response",
    "contingency",
    "sanctions",
    "training",
    "risk_management",
    "business_associates",
    "device_and_media",
    "workstation_use",
)


def _signed_associates(config: Config) -> list[tuple[str, Mapping[str, Any]]]:
    """ePHI business associates whose BAA is signed: the ones whose terms can be examined."""
    return [
        (pointer, ba)
        for pointer, ba in ephi_associates(config)
        if isinstance(ba.get("baa"), Mapping) and ba["baa"].get("status") == "signed"
    ]


def _named_official(config: Config, ctx: Context, pointer: str, role: str) -> Outcome:
    """A named person; an appointment dated after as_of is a typo or a plan, not a designation."""
    official = get(config, pointer)
    name = str(official.get("name") or "").strip() if isinstance(official, Mapping) else ""
    if not isinstance(official, Mapping) or not name:
        return failed(
            f"no {role} is named; designate one person in writing", where(config, pointer)
        )
    appointed = parse_date(official.get("appointed"))
    if appointed is not None and appointed > ctx.as_of:
        return failed(
            f"{role} {name} is recorded as appointed on {appointed}, after the assessment date "
            f"{ctx.as_of}; record the date the designation actually took effect",
            f"{pointer}/appointed",
        )
    title = f" ({official['title']})" if official.get("title") else ""
    return passed(f"{name}{title} is the named {role}", f"{pointer}/name")


@control(
    id="GOV-001",
    title="A security official is named",
    domain="governance",
    cites=["164.308(a)(2)"],
    basis="required",
    severity="critical",
    risk="TODO",
    rationale="HIPAA requires one identified official responsible for developing and "
    "implementing the security policies; without a named owner, nobody is accountable for the "
    "telehealth stack's safeguards or for answering OCR.",
    remediation="Set officials.security_official.name (with title, email and the appointed "
    "date) to the person designated in writing.",
)
def security_official(config: Config, ctx: Context) -> Outcome:
    """Every other safeguard needs an owner; the rule names this one explicitly."""
    return _named_official(config, ctx, SECURITY_OFFICIAL, "security official")


@control(
    id="GOV-002",
    title="A privacy official is named",
    domain="governance",
    cites=[PRIVACY_OFFICIAL_CITATION],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="The Privacy Rule (164.530(a)(1)) requires a designated privacy official for "
    "privacy policies and a contact for complaints; telehealth raises patient questions "
    "(recordings, who is in the room) that need a named person. One person may hold both "
    "roles in a small practice.",
    remediation="Set officials.privacy_official.name (with title, email and the appointed "
    "date) to the person designated in writing.",
)
def privacy_official(config: Config, ctx: Context) -> Outcome:
    """Patients and regulators need one person answerable for privacy practices."""
    return _named_official(config, ctx, PRIVACY_OFFICIAL, "privacy official")


@control(
    id="GOV-003",
    title="Written security policies and procedures exist",
    domain="governance",
    cites=["164.316(a)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Safeguards that exist only in people's heads cannot be followed consistently, "
    "trained or shown to an auditor. HIPAA asks for reasonable and appropriate written "
    "policies, not for a set of named documents: an umbrella information security policy "
    "counts, as does a full set of topic policies.",
    remediation="List the written policies under policies.documents: an information_security "
    "umbrella policy, or topic policies for access control, incident response, contingency, "
    "sanctions, training, risk management, business associates, device and media, and "
    "workstation use.",
)
def written_policies(config: Config, ctx: Context) -> Outcome:
    """The Security Rule's standards all resolve into written policies and procedures."""
    documents = items(config, DOCUMENTS)
    if not documents:
        return failed("no written policies are listed", where(config, DOCUMENTS))
    for pointer, document in documents:
        if document.get("topic") == "information_security":
            title = name_of(document, "information security policy")
            return passed(
                f"{plural(len(documents), 'written policy', 'written policies')}, including "
                f"the umbrella information security policy ({title})",
                pointer,
            )
    topics = {str(document.get("topic")) for _, document in documents}
    missing = [topic for topic in CORE_TOPICS if topic not in topics]
    covered = len(CORE_TOPICS) - len(missing)
    if not missing:
        return passed(f"written policies cover all {covered} core security topics", DOCUMENTS)
    return by_fraction(
        covered,
        len(CORE_TOPICS),
        "there is no umbrella information security policy and no written policy for "
        + join(t.replace("_", " ") for t in missing),
        DOCUMENTS,
    )


@control(
    id="GOV-004",
    title="Policies are reviewed on their review cycle",
    domain="governance",
    cites=["164.316(b)(2)(iii)", "164.316(b)(1)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="Policies written for last year's platforms drift from practice (a new video "
    "vendor, BYOD). HIPAA requires periodic review; the interval is the organization's own "
    "(policies.review_frequency_months, 12 when unset).",
    remediation="Review each policy and set its last_reviewed date under policies.documents; "
    "keep policies.review_frequency_months at 12 or less.",
)
def policies_reviewed(config: Config, ctx: Context) -> Outcome:
    """A policy nobody has reread since the last platform change no longer describes practice."""
    documents = items(config, DOCUMENTS)
    if not documents:
        return not_applicable("no written policies are listed to review", where(config, DOCUMENTS))
    value = get(config, REVIEW_FREQUENCY)
    months = value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 12
    gaps: list[str] = []
    paths: list[str] = []
    dues = []
    for pointer, document in documents:
        title = name_of(document, pointer)
        state = cadence(document.get("last_reviewed"), ctx.as_of, months)
        if state.current:
            dues.append((state.due, title))
            continue
        if state.state == "missing":
            gaps.append(f"{title} (never reviewed)")
            paths.append(pointer)
        elif state.state == "future":
            gaps.append(f"{title} (last_reviewed {state.last} is after {ctx.as_of})")
            paths.append(f"{pointer}/last_reviewed")
        else:
            gaps.append(f"{title} (last reviewed {state.last}, overdue since {state.due})")
            paths.append(f"{pointer}/last_reviewed")
    if not gaps:
        due, title = min(dues)
        return passed(
            f"{all_of(len(documents), 'policy', 'policies')} {were(len(documents))} "
            f"reviewed within the {months}-month "
            f"cycle; the next review ({title}) is due before {due}",
            [f"{p}/last_reviewed" for p, _ in documents],
            turns_on=due,
            turns_why=f"review of {title} falls due",
        )
    return by_fraction(
        len(documents) - len(gaps),
        len(documents),
        f"policies not reviewed within the {months}-month cycle ({len(gaps)} of "
        f"{len(documents)}): {join(gaps)}",
        paths,
    )


@control(
    id="GOV-005",
    title="Required documentation is kept for 6 years",
    domain="governance",
    cites=["164.316(b)(2)(i)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="HIPAA requires policies, procedures and records of required actions to be kept "
    "6 years from creation or from when they were last in effect; OCR investigations reach "
    "back that far.",
    remediation="Set policies.documentation.retention_years to 6 or more and configure the "
    "document store to keep superseded versions that long.",
)
def documentation_retention(config: Config, ctx: Context) -> Outcome:
    """An investigation asks for the policy in force when the incident happened, years later."""
    years = get(config, RETENTION)
    if years is None:
        return failed(
            "no documentation retention period is set; HIPAA requires 6 years",
            where(config, RETENTION),
        )
    if years >= 6:
        return passed(f"documentation is kept {years} years (6 required)", RETENTION)
    return failed(f"documentation is kept {years} years; HIPAA requires 6", RETENTION)


@control(
    id="GOV-006",
    title="Documentation is available to those who carry out the procedures",
    domain="governance",
    cites=["164.316(b)(2)(ii)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="A procedure the on-call clinician or help desk cannot find at 2 a.m. is not "
    "followed; HIPAA requires documentation to be available to those responsible for it.",
    remediation="Publish the policies and procedures where the workforce can reach them (an "
    "intranet, the policy platform) and set policies.documentation.available_to_workforce: true.",
)
def documentation_available(config: Config, ctx: Context) -> Outcome:
    """Procedures only work if the people who run them can read them."""
    return flag(
        config,
        AVAILABLE,
        "documentation is available to the workforce",
        "documentation is not recorded as available to the workforce who carry out the procedures",
    )


@control(
    id="GOV-007",
    title="Policies are kept in writing with tracked versions",
    domain="governance",
    cites=["164.316(b)(1)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="HIPAA requires written (electronic is fine) policies and a written record of "
    "required actions; tracked versions show which text was in force on a given date, which "
    "is what an auditor or an investigation asks for.",
    remediation="Keep the policies in a version-controlled store (git, a document system with "
    "history), list them under policies.documents and set "
    "policies.documentation.version_controlled: true.",
)
def documentation_written(config: Config, ctx: Context) -> Outcome:
    """Without versions nobody can show which policy applied on the day something went wrong."""
    documents = items(config, DOCUMENTS)
    if not documents:
        return failed("no written policies are listed", where(config, DOCUMENTS))
    if is_on(config, VERSIONED):
        return passed(
            f"{plural(len(documents), 'written policy', 'written policies')}, with changes tracked",
            VERSIONED,
        )
    return partial(
        0.5,
        f"{plural(len(documents), 'written policy', 'written policies')} listed but "
        "changes to them are not tracked (version_controlled is not true)",
        where(config, VERSIONED),
    )


@control(
    id="GOV-008",
    title="The risk analysis is current (12 months or the organization's shorter cycle)",
    domain="governance",
    cites=["164.308(a)(1)(ii)(A)"],
    basis="required",
    severity="critical",
    risk="TODO",
    rationale="The risk analysis is the most-cited failure in OCR enforcement. HIPAA sets no "
    "interval; 12 months is the common benchmark (and the NPRM's proposed cadence), so a "
    "longer configured cycle is held to 12 months and a shorter one is honoured.",
    remediation="Perform the risk analysis and set risk_analysis.last_performed; keep "
    "risk_analysis.frequency_months at 12 or less.",
)
def risk_analysis_current(config: Config, ctx: Context) -> Outcome:
    """Every addressable decision rests on the risk analysis, so a stale one undermines them all."""
    months = cycle_months(config, RISK_FREQUENCY)
    return cadence_outcome(
        config,
        RISK_DONE,
        months,
        ctx,
        what="risk analysis",
        turns_why="the risk analysis falls due",
    )


@control(
    id="GOV-009",
    title="The risk analysis is enterprise-wide, covers all ePHI and follows significant change",
    domain="governance",
    cites=["164.308(a)(1)(ii)(A)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="HIPAA requires an accurate and thorough assessment of risks to all ePHI. A "
    "telehealth-only or partial scope leaves the EHR, email or billing outside it; OCR "
    "settlements repeatedly cite analyses that were not enterprise-wide, and an analysis that "
    "is not revisited after a new platform or vendor misses the new risk.",
    remediation="Set risk_analysis.scope: enterprise, covers_all_ephi: true (including every "
    "telehealth platform and business associate) and after_significant_change: true.",
)
def risk_analysis_scope(config: Config, ctx: Context) -> Outcome:
    """An analysis that leaves systems out gives a false sense of coverage."""
    scope = get(config, "/risk_analysis/scope")
    gaps: list[str] = []
    paths: list[str] = []
    if scope != "enterprise":
        gaps.append(
            f"the scope is {scope}, not enterprise-wide" if scope else "no scope is recorded"
        )
        paths.append(where(config, "/risk_analysis/scope"))
    if not is_on(config, "/risk_analysis/covers_all_ephi"):
        gaps.append("it is not recorded as covering all ePHI")
        paths.append(where(config, "/risk_analysis/covers_all_ephi"))
    if not is_on(config, "/risk_analysis/after_significant_change"):
        gaps.append("it is not updated after significant changes")
        paths.append(where(config, "/risk_analysis/after_significant_change"))
    if not gaps:
        return passed(
            "the risk analysis is enterprise-wide, covers all ePHI and is updated after "
            "significant changes",
            "/risk_analysis/scope",
        )
    return by_fraction(3 - len(gaps), 3, "risk analysis: " + join(gaps), unique(paths))


@control(
    id="GOV-010",
    title="A documented risk management plan, kept current, with no open high risks",
    domain="governance",
    cites=["164.308(a)(1)(ii)(B)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Finding risks is half the requirement: HIPAA also requires measures that bring "
    "them down to a reasonable and appropriate level. Open high risks and a plan nobody has "
    "updated in a year are what OCR cites after a breach.",
    remediation="Document the risk management plan (risk_analysis.risk_management_plan."
    "documented), update it at least every 12 months (last_updated) and close or accept, in "
    "writing, each high risk (open_high_risks: 0).",
)
def risk_management(config: Config, ctx: Context) -> Outcome:
    """Identified risks that nobody is treating are known, unmitigated exposures."""
    if not is_on(config, f"{RMP}/documented"):
        return failed("no risk management plan is documented", where(config, f"{RMP}/documented"))
    credit = 1.0
    gaps: list[str] = []
    paths: list[str] = []
    open_high = get(config, f"{RMP}/open_high_risks", 0)
    if isinstance(open_high, int) and open_high > 0:
        credit *= 0.5
        gaps.append(f"{open_high} high risk{'s are' if open_high != 1 else ' is'} still open")
        paths.append(f"{RMP}/open_high_risks")
    state = cadence(get(config, f"{RMP}/last_updated"), ctx.as_of, 12)
    if not state.current:
        credit *= 0.5
        gaps.append(describe_cadence(state, "plan update", "12-month", ctx.as_of))
        paths.append(where(config, f"{RMP}/last_updated"))
    if not gaps:
        return passed(
            f"the risk management plan is documented, was updated on {state.last} and has no "
            "open high risks",
            f"{RMP}/open_high_risks" if get(config, f"{RMP}/open_high_risks") is not None else RMP,
            turns_on=state.due,
            turns_why="the risk management plan's yearly update falls due",
        )
    return partial(credit, "risk management plan: " + "; ".join(gaps), unique(paths))


@control(
    id="GOV-011",
    title="The security management process is in place end to end",
    domain="governance",
    cites=["164.308(a)(1)", "164.308(a)(1)(ii)(A)", "164.308(a)(1)(ii)(B)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="The standard asks for a process that prevents, detects, contains and corrects "
    "security violations; its four parts (risk analysis, risk management, sanctions, activity "
    "review) only work together. This control checks that each part exists; the other "
    "controls judge how well.",
    remediation="Put each part in place: a performed risk analysis (risk_analysis."
    "last_performed), a documented risk management plan, a sanction policy (workforce."
    "sanctions_policy) and audit log review (audit_controls.enabled with review_frequency_days).",
)
def security_management_process(config: Config, ctx: Context) -> Outcome:
    """A missing part (nobody reviews the logs, say) breaks the prevent-detect-correct loop."""
    done = parse_date(get(config, RISK_DONE))
    parts = [
        (
            "a risk analysis",
            done is not None and done <= ctx.as_of,
            where(config, RISK_DONE),
        ),
        (
            "a risk management plan",
            is_on(config, f"{RMP}/documented"),
            where(config, f"{RMP}/documented"),
        ),
        (
            "a sanction policy",
            is_on(config, "/workforce/sanctions_policy"),
            where(config, "/workforce/sanctions_policy"),
        ),
        (
            "a regular audit log review",
            is_on(config, "/audit_controls/enabled")
            and get(config, "/audit_controls/review_frequency_days") is not None,
            where(config, "/audit_controls/review_frequency_days"),
        ),
    ]
    missing = [(label, path) for label, ok, path in parts if not ok]
    if not missing:
        return passed(
            "risk analysis, risk management plan, sanction policy and audit log review are all "
            "in place",
            [RISK_DONE, f"{RMP}/documented"],
        )
    return by_fraction(
        len(parts) - len(missing),
        len(parts),
        "the security management process lacks " + join(label for label, _ in missing),
        unique(path for _, path in missing),
    )


def _baa_problem(pointer: str, ba: Mapping[str, Any], ctx: Context) -> tuple[str, str] | None:
    """Why an ePHI business associate has no BAA in force (message, pointer), or None."""
    name = name_of(ba, pointer)
    baa = ba.get("baa")
    if not isinstance(baa, Mapping) or baa.get("status") in (None, "none"):
        return f"{name} has no BAA", f"{pointer}/baa" if isinstance(baa, Mapping) else pointer
    status = baa.get("status")
    if status == "pending":
        return f"the BAA with {name} is pending, not signed", f"{pointer}/baa/status"
    if status == "not_required":
        return (
            f"the BAA with {name} is marked not_required although it handles ePHI and is not "
            "a conduit",
            f"{pointer}/baa/status",
        )
    signed = parse_date(baa.get("signed"))
    if signed is not None and signed > ctx.as_of:
        return (
            f"the BAA with {name} is dated as signed on {signed}, after the assessment date "
            f"{ctx.as_of}",
            f"{pointer}/baa/signed",
        )
    expires = parse_date(baa.get("expires"))
    if expires is not None and expires <= ctx.as_of:
        return f"the BAA with {name} expired on {expires}", f"{pointer}/baa/expires"
    return None


@control(
    id="GOV-012",
    title="Every business associate handling ePHI has a signed BAA in force",
    domain="governance",
    cites=["164.308(b)(3)", "164.308(b)(1)", "164.314(a)(2)(ii)", "164.502(e)"],
    basis="required",
    severity="critical",
    risk="TODO",
    rationale="A vendor that creates, receives, maintains or transmits ePHI (video platform, "
    "cloud host, e-prescribing network) may do so only under a written BAA; OCR has fined "
    "providers for a missing or lapsed one. Pure conduits (telecom carriers) are exempt. A "
    "government 'other arrangement' under 164.314(a)(2)(ii) (an MOU) is recorded as signed.",
    remediation="Sign a BAA with each business associate that handles ePHI, record "
    "business_associates[].baa.status: signed with its signed and expires dates, and renew "
    "before expiry.",
)
def baa_in_force(config: Config, ctx: Context) -> Outcome:
    """Sharing ePHI with a vendor without a BAA in force is itself an impermissible disclosure."""
    associates = ephi_associates(config)
    if not associates:
        return not_applicable("no business associate handles ePHI", "/business_associates")
    problems = [p for p in (_baa_problem(pointer, ba, ctx) for pointer, ba in associates) if p]
    if problems:
        return by_fraction(
            len(associates) - len(problems),
            len(associates),
            join(message for message, _ in problems),
            unique(path for _, path in problems),
        )
    expiring = [
        (parse_date(ba["baa"].get("expires")), name_of(ba, pointer), pointer)
        for pointer, ba in associates
        if parse_date(ba["baa"].get("expires")) is not None
    ]
    if len(associates) == 1:
        subject = f"{name_of(associates[0][1], associates[0][0])} has"
    else:
        subject = f"all {len(associates)} business associates handling ePHI have"
    if not expiring:
        return passed(
            f"{subject} a signed BAA in force, with no expiry date", [p for p, _ in associates]
        )
    expires, name, pointer = min(expiring)
    return passed(
        f"{subject} a signed BAA in force; the first to expire is {name}'s, on {expires}"
        if len(associates) > 1
        else f"{subject} a signed BAA in force until {expires}",
        f"{pointer}/baa/expires",
        turns_on=expires,
        turns_why=f"BAA with {name} expires",
    )


@control(
    id="GOV-013",
    title="BAAs require security incident and breach reporting within 60 days",
    domain="governance",
    cites=["164.314(a)(2)(i)", "164.314(a)(1)", "164.410"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="A BAA must bind the business associate to report security incidents and "
    "breaches of unsecured PHI (164.314(a)(2)(i)(C), 164.410); 60 days after discovery is the "
    "legal outer limit, and the covered entity's own 60-day clock may already be running.",
    remediation="Make each BAA state the breach notification deadline and record it as "
    "business_associates[].baa.breach_notification_days (60 or less; shorter is better).",
)
def baa_breach_reporting(config: Config, ctx: Context) -> Outcome:
    """The covered entity cannot notify patients in time if its vendors may stay silent."""
    associates = _signed_associates(config)
    if not associates:
        return not_applicable(
            "no signed BAA with a business associate handling ePHI to examine",
            "/business_associates",
        )
    problems: list[tuple[str, str]] = []
    longest = 0
    for pointer, ba in associates:
        name = name_of(ba, pointer)
        days = ba["baa"].get("breach_notification_days")
        if not isinstance(days, int) or isinstance(days, bool):
            problems.append(
                (f"the BAA with {name} sets no breach notification deadline", f"{pointer}/baa")
            )
        elif days > 60:
            problems.append(
                (
                    f"the BAA with {name} allows {days} days to report a breach; the limit is 60",
                    f"{pointer}/baa/breach_notification_days",
                )
            )
        else:
            longest = max(longest, days)
    if problems:
        return by_fraction(
            len(associates) - len(problems),
            len(associates),
            join(message for message, _ in problems),
            unique(path for _, path in problems),
        )
    return passed(
        f"every signed BAA requires breach notification within 60 days (the longest allows "
        f"{longest} days)",
        [f"{p}/baa/breach_notification_days" for p, _ in associates],
    )


@control(
    id="GOV-014",
    title="BAAs flow down to the business associates' subcontractors",
    domain="governance",
    cites=["164.314(a)(2)(iii)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Since the 2013 Omnibus Rule a business associate must bind its own "
    "subcontractors (the video vendor's cloud host, its transcription service) to the same "
    "terms; otherwise ePHI leaves the chain of assurances one hop away.",
    remediation="Make each BAA require subcontractor agreements with the same restrictions and "
    "record business_associates[].baa.subcontractors_covered: true.",
)
def baa_subcontractors(config: Config, ctx: Context) -> Outcome:
    """The ePHI a vendor passes to its own vendors needs the same contractual protection."""
    associates = _signed_associates(config)
    if not associates:
        return not_applicable(
            "no signed BAA with a business associate handling ePHI to examine",
            "/business_associates",
        )
    missing = [
        (
            name_of(ba, pointer),
            f"{pointer}/baa/subcontractors_covered"
            if "subcontractors_covered" in ba["baa"]
            else f"{pointer}/baa",
        )
        for pointer, ba in associates
        if ba["baa"].get("subcontractors_covered") is not True
    ]
    if not missing:
        return passed(
            f"{all_of(len(associates), 'signed BAA')} "
            f"flow{'s' if len(associates) == 1 else ''} down to subcontractors",
            [f"{p}/baa/subcontractors_covered" for p, _ in associates],
        )
    return by_fraction(
        len(associates) - len(missing),
        len(associates),
        "the BAA with " + join(name for name, _ in missing) + " does not cover subcontractors",
        unique(path for _, path in missing),
    )


@control(
    id="GOV-015",
    title="BAAs are reviewed at least every 12 months",
    domain="governance",
    cites=["164.316(b)(2)(iii)", "164.308(b)(1)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="Services change (a vendor adds recording storage, a new subcontractor), so the "
    "assurances a BAA gives must be rechecked; HIPAA requires documentation to be reviewed "
    "periodically and 12 months is the common cycle.",
    remediation="Review each BAA against the services actually used and record "
    "business_associates[].baa.last_reviewed.",
)
def baa_reviewed(config: Config, ctx: Context) -> Outcome:
    """A BAA signed for one service quietly stops matching what the vendor now does."""
    associates = _signed_associates(config)
    if not associates:
        return not_applicable(
            "no signed BAA with a business associate handling ePHI to examine",
            "/business_associates",
        )
    gaps: list[tuple[str, str]] = []
    dues = []
    for pointer, ba in associates:
        name = name_of(ba, pointer)
        state = cadence(ba["baa"].get("last_reviewed"), ctx.as_of, 12)
        if state.current:
            dues.append((state.due, name, pointer))
        else:
            gaps.append(
                (
                    f"BAA with {name}: " + describe_cadence(state, "review", "12-month", ctx.as_of),
                    where(config, f"{pointer}/baa/last_reviewed"),
                )
            )
    if gaps:
        return by_fraction(
            len(associates) - len(gaps),
            len(associates),
            "; ".join(message for message, _ in gaps),
            unique(path for _, path in gaps),
        )
    due, name, pointer = min(dues)
    return passed(
        f"{all_of(len(associates), 'signed BAA')} {were(len(associates))} reviewed "
        "within 12 months; the next review "
        f"({name}) is due before {due}",
        f"{pointer}/baa/last_reviewed",
        turns_on=due,
        turns_why=f"yearly review of the BAA with {name} falls due",
    )


@control(
    id="GOV-016",
    title="Every platform handling ePHI is covered by a business associate's BAA",
    domain="governance",
    cites=["164.308(b)(1)", "164.502(e)"],
    basis="required",
    severity="critical",
    risk="TODO",
    rationale="The platforms list is where telehealth vendors actually appear; a video, "
    "portal or messaging product that handles ePHI must trace to a business associate with a "
    "signed BAA in force, or the disclosure to its vendor is impermissible. Platforms whose "
    "vendor is the organization itself are self-hosted and need none.",
    remediation="Set platforms[].business_associate to the name of an entry in "
    "business_associates, and give that entry a signed BAA in force.",
)
def platforms_covered(config: Config, ctx: Context) -> Outcome:
    """An unlisted or unsigned platform vendor is the classic telehealth BAA gap."""
    organization = get(config, "/organization/name")
    associates = {
        str(ba.get("name")): (pointer, ba) for pointer, ba in items(config, "/business_associates")
    }
    platforms = [
        (pointer, platform)
        for pointer, platform in items(config, "/platforms")
        if platform.get("handles_ephi") is True
        and not (
            platform.get("business_associate") is None and platform.get("vendor") == organization
        )
    ]
    if not platforms:
        return not_applicable("no third-party platform handles ePHI", "/platforms")
    problems: list[tuple[str, str]] = []
    expiries = []
    for pointer, platform in platforms:
        name = name_of(platform, pointer)
        associate = platform.get("business_associate")
        if not associate:
            problems.append((f"{name} names no business associate", pointer))
            continue
        if associate not in associates:
            problems.append(
                (
                    f"{name} names business associate {associate}, which is not in "
                    "business_associates",
                    f"{pointer}/business_associate",
                )
            )
            continue
        ba_pointer, ba = associates[associate]
        problem = _baa_problem(ba_pointer, ba, ctx)
        if problem is not None:
            problems.append((f"{name}: {problem[0]}", problem[1]))
            continue
        expires = parse_date(ba["baa"].get("expires"))
        if expires is not None:
            expiries.append((expires, str(associate)))
    if problems:
        return by_fraction(
            len(platforms) - len(problems),
            len(platforms),
            "; ".join(message for message, _ in problems),
            unique(path for _, path in problems),
        )
    message = (
        f"all {len(platforms)} platforms handling ePHI trace to a business associate with a "
        "signed BAA in force"
        if len(platforms) > 1
        else f"{name_of(platforms[0][1], platforms[0][0])} traces to a business "
        "associate with a signed BAA in force"
    )
    paths = [f"{p}/business_associate" for p, _ in platforms]
    if not expiries:
        return passed(message, paths)
    expires, associate = min(expiries)
    return passed(message, paths, turns_on=expires, turns_why=f"BAA with {associate} expires")


@control(
    id="GOV-017",
    title="As a group health plan sponsor, the sponsor's security duties are in place",
    domain="governance",
    cites=["164.314(b)(2)", "164.314(b)(1)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="When the organization sponsors a group health plan, the plan documents must "
    "bind it (as sponsor) to safeguard plan ePHI, keep it separate with security measures, "
    "bind its agents and report incidents (164.314(b)(2)(i)-(iv)). The config cannot record "
    "the plan-document amendment itself, so this control checks the duties it imposes: plan "
    "ePHI within the risk analysis, role-based access for separation, agents bound by BAAs "
    "with flow-down, and an incident reporting route.",
    remediation="Amend the plan documents as 164.314(b)(2) requires and keep them on file; "
    "set risk_analysis.covers_all_ephi, access_control.role_based_access, incident_response."
    "plan_documented and reporting_channel, and sign BAAs (with subcontractors_covered) with "
    "every agent that handles plan ePHI.",
)
def group_health_plan(config: Config, ctx: Context) -> Outcome:
    """An employer that sponsors a health plan handles plan ePHI under separate duties."""
    if not is_on(config, "/organization/sponsors_group_health_plan"):
        return not_applicable(
            "the organization does not sponsor a group health plan", "/organization"
        )
    associates = ephi_associates(config)
    agents_bound = all(
        _baa_problem(pointer, ba, ctx) is None and ba["baa"].get("subcontractors_covered") is True
        for pointer, ba in associates
    )
    parts = [
        (
            "plan ePHI within the risk analysis",
            is_on(config, "/risk_analysis/covers_all_ephi"),
            where(config, "/risk_analysis/covers_all_ephi"),
        ),
        (
            "role-based access separating plan ePHI",
            is_on(config, "/access_control/role_based_access"),
            where(config, "/access_control/role_based_access"),
        ),
        (
            "agents bound by BAAs with flow-down",
            agents_bound,
            "/business_associates",
        ),
        (
            "a documented incident plan and reporting route",
            is_on(config, "/incident_response/plan_documented")
            and is_on(config, "/incident_response/reporting_channel"),
            where(config, "/incident_response/reporting_channel"),
        ),
    ]
    missing = [(label, path) for label, ok, path in parts if not ok]
    if not missing:
        return passed(
            "as group health plan sponsor, in place: "
            + join(label for label, _, _ in parts)
            + " (keep the amended plan documents on file; the config does not record them)",
            "/organization/sponsors_group_health_plan",
        )
    return by_fraction(
        len(parts) - len(missing),
        len(parts),
        "as group health plan sponsor, not yet in place: " + join(label for label, _ in missing),
        unique(["/organization/sponsors_group_health_plan", *[path for _, path in missing]]),
    )

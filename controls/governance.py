"""Organizational governance: officials, written policies and their upkeep, documentation,
risk analysis and risk management, business associate agreements, group health plans.

Citations: 164.308(a)(1)-(2), 164.308(b), 164.314 and 164.316 of the Security Rule, 164.530(a)
of the Privacy Rule and 164.410 of the Breach Notification Rule.

Legal duties and benchmark numbers are separate controls: "a risk analysis exists" (GOV-008,
required) and "it is at most 12 months old" (GOV-020, benchmark) fail apart, and only the
benchmark's number can be tailored by a documented decision. A BAA counts only while it is in
force (signed, not expired on the assessment date), for every control here; a control over
business associates or platforms fails when any one of them fails, naming each.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from phi_policy.control import (
    Checked,
    Config,
    all_of,
    associates_with_baa_in_force,
    baa_problem,
    by_fraction,
    cadence,
    cadence_outcome,
    control,
    cycle_months,
    describe_cadence,
    each,
    ephi_associates,
    ephi_platforms,
    failed,
    flag,
    get,
    is_on,
    items,
    join,
    name_of,
    not_applicable,
    parse_date,
    passed,
    plural,
    unique,
    were,
    where,
    with_note,
)
from phi_policy.model import Context, Outcome

PRIVACY_OFFICIAL_CITATION = "164.530(a)(1)"

ORGANIZATION_TYPE = "/organization/type"
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

#: Months of the common review cycle: a benchmark (and the NPRM's proposed cadence); HIPAA
#: sets no interval for any of the recurring activities below.
BENCHMARK_MONTHS = 12


def _months(value: float) -> int:
    """A month count from `ctx.limit` (a tailored value may arrive as a float)."""
    return max(1, int(value))


def _own_cycle(config: Config, pointer: str) -> int | None:
    """The organization's own declared cycle in months, or None when it declares none."""
    value = get(config, pointer)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value



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
    risk="With no one assigned security responsibility, no safeguard in the telehealth stack "
    "has an owner; OCR treats it as the absence of a security program.",
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
    title="A privacy official is named (covered entities)",
    domain="governance",
    cites=[PRIVACY_OFFICIAL_CITATION],
    basis="required",
    severity="high",
    risk="Without a privacy official, privacy policies, patient requests and complaints about "
    "telehealth (recordings, who is in the room) have no owner, a clear Privacy Rule gap.",
    rationale="The Privacy Rule (164.530(a)(1)) requires a covered entity to designate a "
    "privacy official for its privacy policies and a contact for complaints; telehealth raises "
    "patient questions that need a named person. One person may hold both roles in a small "
    "practice. The duty binds covered entities (hybrid entities included), not business "
    "associates: a business associate organization is not applicable here.",
    remediation="Set officials.privacy_official.name (with title, email and the appointed "
    "date) to the person designated in writing.",
)
def privacy_official(config: Config, ctx: Context) -> Outcome:
    """Patients and regulators need one person answerable for privacy practices."""
    if get(config, ORGANIZATION_TYPE) == "business_associate":
        return not_applicable(
            "the organization is a business associate; 164.530(a) requires a privacy official "
            "of covered entities only",
            ORGANIZATION_TYPE,
        )
    return _named_official(config, ctx, PRIVACY_OFFICIAL, "privacy official")


@control(
    id="GOV-003",
    title="Written security policies and procedures exist",
    domain="governance",
    cites=["164.316(a)"],
    basis="required",
    severity="high",
    risk="Safeguards that are not written down are applied inconsistently and cannot be "
    "trained or shown to OCR; missing topics leave whole safeguard areas without direction.",
    partial_credit="credit = share of the nine core topic policies listed (access control, "
    "incident response, contingency, sanctions, training, risk management, business "
    "associates, device and media, workstation use); an umbrella information security policy "
    "covers all nine",
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


def _review_rows(
    documents: Iterable[tuple[str, Mapping[str, Any]]], ctx: Context, months_for: Any
) -> tuple[list[tuple[str, str, str | None]], list[tuple[Any, str]]]:
    """(pointer, title, problem) per policy judged on its cycle, and (due, title) of the
    current ones. `months_for(title)` is the cycle in months, None to ask only for a review
    on record."""
    rows: list[tuple[str, str, str | None]] = []
    dues: list[tuple[Any, str]] = []
    for pointer, document in documents:
        title = name_of(document, pointer)
        months = months_for(title)
        state = cadence(document.get("last_reviewed"), ctx.as_of, months or 1200)
        if state.state == "missing":
            rows.append((pointer, title, "never reviewed"))
        elif state.state == "future":
            rows.append(
                (f"{pointer}/last_reviewed", title,
                 f"last_reviewed {state.last} is after {ctx.as_of}")
            )
        elif not state.current:
            rows.append(
                (f"{pointer}/last_reviewed", title,
                 f"last reviewed {state.last}, overdue since {state.due} ({months}-month cycle)")
            )
        else:
            rows.append((f"{pointer}/last_reviewed", title, None))
            if months:
                dues.append((state.due, title))
    return rows, dues


@control(
    id="GOV-004",
    title="Policies are reviewed periodically, on the organization's own review cycle",
    domain="governance",
    cites=["164.316(b)(2)(iii)", "164.316(b)(1)"],
    basis="required",
    severity="medium",
    risk="Policies nobody rereads drift from practice (a new video vendor, BYOD), so the "
    "workforce follows rules that no longer fit the platforms in use.",
    rationale="HIPAA requires documentation to be reviewed periodically and updated as needed; "
    "it sets no interval. This control holds each policy to the organization's own declared "
    "cycle (policies.review_frequency_months); with no cycle declared it asks for a review on "
    "record. The 12-month benchmark is GOV-018.",
    remediation="Review each policy and set its last_reviewed date under policies.documents; "
    "declare the review cycle in policies.review_frequency_months.",
)
def policies_reviewed(config: Config, ctx: Context) -> Outcome:
    """A policy nobody has reread since the last platform change no longer describes practice."""
    documents = items(config, DOCUMENTS)
    if not documents:
        return not_applicable("no written policies are listed to review", where(config, DOCUMENTS))
    months = _own_cycle(config, REVIEW_FREQUENCY)
    rows, dues = _review_rows(documents, ctx, lambda _title: months)
    outcome = each(rows, what="policies", none=not_applicable("no policies", DOCUMENTS))
    if outcome.status != "pass":
        cycle = (
            f"within the organization's {months}-month review cycle"
            if months
            else "(and no review cycle is declared)"
        )
        return dataclasses.replace(
            outcome, message=f"policies not reviewed {cycle}: {outcome.message}"
        )
    if not months:
        return failed(
            f"{all_of(len(documents), 'policy', 'policies')} {were(len(documents))} reviewed, "
            "but no review cycle is declared (policies.review_frequency_months), so periodic "
            "review cannot be shown",
            where(config, REVIEW_FREQUENCY),
        )
    due, title = min(dues)
    return passed(
        f"{all_of(len(documents), 'policy', 'policies')} {were(len(documents))} "
        f"reviewed within the {months}-month "
        f"cycle; the next review ({title}) is due before {due}",
        [f"{p}/last_reviewed" for p, _ in documents],
        turns_on=due,
        turns_why=f"review of {title} falls due",
    )


@control(
    id="GOV-018",
    title="Each policy is reviewed at least every 12 months (benchmark)",
    domain="governance",
    cites=["164.316(b)(2)(iii)"],
    basis="benchmark",
    severity="low",
    risk="A policy reviewed less than yearly may miss a platform or vendor change for a while; "
    "the review duty itself is judged by GOV-004.",
    tailorable="months between reviews of a policy",
    rationale="Benchmark: a yearly policy review is common practice and the NPRM's proposed "
    "cadence; HIPAA asks only for periodic review and sets no number. A documented decision "
    "may tailor the number for all policies or for one.",
    remediation="Review each policy at least every 12 months and record its last_reviewed "
    "date under policies.documents.",
)
def policies_reviewed_benchmark(config: Config, ctx: Context) -> Outcome:
    """Yearly is the cadence auditors expect; the law only says periodically."""
    documents = items(config, DOCUMENTS)
    if not documents:
        return not_applicable("no written policies are listed to review", where(config, DOCUMENTS))
    rows, dues = _review_rows(
        documents, ctx, lambda title: _months(ctx.limit(BENCHMARK_MONTHS, instance=title))
    )
    outcome = each(rows, what="policies", none=not_applicable("no policies", DOCUMENTS))
    if outcome.status != "pass":
        return with_note(
            outcome, "benchmark: a review every 12 months; HIPAA says periodically, with no number"
        )
    due, title = min(dues)
    return passed(
        f"{all_of(len(documents), 'policy', 'policies')} {were(len(documents))} reviewed "
        f"within the benchmark cycle; the next review ({title}) is due before {due}",
        [f"{p}/last_reviewed" for p, _ in documents],
        turns_on=due,
        turns_why=f"the yearly review of {title} falls due",
    )


@control(
    id="GOV-005",
    title="Required documentation is kept for 6 years",
    domain="governance",
    cites=["164.316(b)(2)(i)"],
    basis="required",
    severity="low",
    risk="A short retention period loses the policy or record in force at the time of an "
    "incident; it weakens the organization's defence in an investigation, not its safeguards.",
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
    risk="Procedures the on-call clinician or help desk cannot find are not followed when an "
    "incident or outage happens.",
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
    title="Policies and procedures are kept in writing",
    domain="governance",
    cites=["164.316(b)(1)"],
    basis="required",
    severity="medium",
    risk="Policies that are not kept in written (electronic) form cannot be shown to an "
    "auditor or retained as 164.316(b)(2)(i) requires.",
    rationale="HIPAA requires the policies and procedures to be maintained in written (it may "
    "be electronic) form, with a written record of required actions. Tracking versions is the "
    "usual way to keep superseded text, judged apart as a benchmark (GOV-019).",
    remediation="Keep the policies in a document store and list them under policies.documents.",
)
def documentation_written(config: Config, ctx: Context) -> Outcome:
    """Without written text nobody can show which policy applied on the day something went wrong."""
    documents = items(config, DOCUMENTS)
    if not documents:
        return failed("no written policies are listed", where(config, DOCUMENTS))
    return passed(
        f"{plural(len(documents), 'written policy', 'written policies')} kept in writing",
        DOCUMENTS,
    )


@control(
    id="GOV-019",
    title="Policy changes are version-tracked (benchmark)",
    domain="governance",
    cites=["164.316(b)(2)(i)", "164.316(b)(1)"],
    basis="benchmark",
    severity="low",
    risk="Without tracked versions it is hard to show which text was in force on a given date; "
    "a documentation detail, not an exposure of ePHI.",
    rationale="Benchmark: version control (git, a document system with history) is the usual "
    "way to keep each superseded policy for the 6 years 164.316(b)(2)(i) requires and to show "
    "which text was in force on a date; HIPAA does not name a mechanism.",
    remediation="Keep the policies in a version-controlled store and set "
    "policies.documentation.version_controlled: true.",
)
def documentation_versioned(config: Config, ctx: Context) -> Outcome:
    """An investigation asks for the version in force on the day of the incident."""
    documents = items(config, DOCUMENTS)
    if not documents:
        return not_applicable("no written policies are listed", where(config, DOCUMENTS))
    if is_on(config, VERSIONED):
        return passed(
            f"{plural(len(documents), 'written policy', 'written policies')}, with changes tracked",
            VERSIONED,
        )
    return failed(
        f"{plural(len(documents), 'written policy', 'written policies')} listed but changes to "
        "them are not tracked (version_controlled is not true); benchmark: version control, "
        "HIPAA names no mechanism",
        where(config, VERSIONED),
    )


@control(
    id="GOV-008",
    title="A risk analysis has been performed",
    domain="governance",
    cites=["164.308(a)(1)(ii)(A)"],
    basis="required",
    severity="critical",
    risk="With no risk analysis, no safeguard decision rests on known risks; it is the failure "
    "OCR cites most and a hallmark of its largest resolution agreements.",
    rationale="HIPAA requires an accurate and thorough assessment of the risks to all ePHI. "
    "This control asks that one has been performed and is on record; its scope is GOV-009 and "
    "its age (a benchmark: 12 months or the organization's shorter cycle) is GOV-020.",
    remediation="Perform an enterprise-wide risk analysis and set risk_analysis.last_performed "
    "to the date it was completed.",
)
def risk_analysis_performed(config: Config, ctx: Context) -> Outcome:
    """Every addressable decision rests on the risk analysis."""
    state = cadence(get(config, RISK_DONE), ctx.as_of, 1200)
    if state.state == "missing":
        return failed("no risk analysis is on record", where(config, RISK_DONE))
    if state.state == "future":
        return failed(describe_cadence(state, "risk analysis", "", ctx.as_of), RISK_DONE)
    return passed(f"a risk analysis was performed on {state.last}", RISK_DONE)


@control(
    id="GOV-020",
    title="The risk analysis is at most 12 months old, or the organization's shorter cycle "
    "(benchmark)",
    domain="governance",
    cites=["164.308(a)(1)(ii)(A)"],
    basis="benchmark",
    severity="high",
    risk="A stale risk analysis misses the platforms, vendors and threats added since; OCR "
    "settlements cite analyses that were not kept current.",
    tailorable="months between risk analyses",
    rationale="Benchmark: HIPAA sets no interval for the risk analysis; 12 months is the common "
    "practice (and the NPRM's proposed cadence). A shorter cycle the organization declares "
    "(risk_analysis.frequency_months) is honoured; a longer one is held to the benchmark. Not "
    "applicable when there is no risk analysis at all (GOV-008 fails).",
    remediation="Repeat the risk analysis at least every 12 months and set "
    "risk_analysis.last_performed; keep risk_analysis.frequency_months at 12 or less.",
)
def risk_analysis_current(config: Config, ctx: Context) -> Outcome:
    """A stale analysis undermines every addressable decision that rests on it."""
    if cadence(get(config, RISK_DONE), ctx.as_of, 1).state == "missing":
        return not_applicable(
            "no risk analysis is on record to date (GOV-008)", where(config, RISK_DONE)
        )
    months = cycle_months(config, RISK_FREQUENCY, cap=_months(ctx.limit(BENCHMARK_MONTHS)))
    outcome = cadence_outcome(
        config, RISK_DONE, months, ctx, what="risk analysis",
        turns_why="the risk analysis falls due",
    )
    return with_note(
        outcome, "benchmark: 12 months or the organization's shorter cycle; HIPAA sets no interval"
    )


@control(
    id="GOV-009",
    title="The risk analysis is enterprise-wide, covers all ePHI and follows significant change",
    domain="governance",
    cites=["164.308(a)(1)(ii)(A)"],
    basis="required",
    severity="high",
    risk="A partial analysis (telehealth only, no EHR or e-mail) leaves systems holding ePHI "
    "with unassessed risks; OCR repeatedly cites analyses that were not enterprise-wide.",
    rationale="HIPAA requires an accurate and thorough assessment of risks to all ePHI. A "
    "telehealth-only or partial scope leaves the EHR, email or billing outside it; OCR "
    "settlements repeatedly cite analyses that were not enterprise-wide, and HHS's risk "
    "analysis guidance expects it to be revisited after a new platform or vendor, or it is no "
    "longer accurate.",
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
    return failed("risk analysis: " + join(gaps), unique(paths))


@control(
    id="GOV-010",
    title="A documented risk management plan leaves no high risk untreated",
    domain="governance",
    cites=["164.308(a)(1)(ii)(B)"],
    basis="required",
    severity="high",
    risk="Known high risks that are neither reduced nor formally accepted are open exposures "
    "of ePHI; OCR cites them after breaches.",
    rationale="Finding risks is half the requirement: HIPAA also requires measures that bring "
    "them down to a reasonable and appropriate level. A documented plan, with every high risk "
    "closed or accepted in writing, is how that is shown. How recently the plan was updated is "
    "a benchmark (GOV-021).",
    remediation="Document the risk management plan (risk_analysis.risk_management_plan."
    "documented) and close or accept, in writing, each high risk (open_high_risks: 0).",
)
def risk_management(config: Config, ctx: Context) -> Outcome:
    """Identified risks that nobody is treating are known, unmitigated exposures."""
    if not is_on(config, f"{RMP}/documented"):
        return failed("no risk management plan is documented", where(config, f"{RMP}/documented"))
    open_high = get(config, f"{RMP}/open_high_risks", 0)
    if isinstance(open_high, int) and not isinstance(open_high, bool) and open_high > 0:
        return failed(
            f"risk management plan: {open_high} high risk"
            f"{'s are' if open_high != 1 else ' is'} still open (neither reduced nor accepted "
            "in writing)",
            f"{RMP}/open_high_risks",
        )
    return passed(
        "the risk management plan is documented and has no open high risks",
        f"{RMP}/open_high_risks" if get(config, f"{RMP}/open_high_risks") is not None else RMP,
    )


@control(
    id="GOV-021",
    title="The risk management plan is updated at least every 12 months (benchmark)",
    domain="governance",
    cites=["164.308(a)(1)(ii)(B)"],
    basis="benchmark",
    severity="medium",
    risk="A plan not updated in over a year may track risks that changed and miss new ones; "
    "the treatment itself is judged by GOV-010.",
    tailorable="months between risk management plan updates",
    rationale="Benchmark: a yearly update, after each risk analysis, is common practice; HIPAA "
    "sets no interval. Not applicable when no plan is documented (GOV-010 fails).",
    remediation="Update the risk management plan at least every 12 months and set "
    "risk_analysis.risk_management_plan.last_updated.",
)
def risk_management_updated(config: Config, ctx: Context) -> Outcome:
    """A plan frozen last year tracks last year's risks."""
    if not is_on(config, f"{RMP}/documented"):
        return not_applicable(
            "no risk management plan is documented (GOV-010)", where(config, f"{RMP}/documented")
        )
    months = _months(ctx.limit(BENCHMARK_MONTHS))
    outcome = cadence_outcome(
        config, f"{RMP}/last_updated", months, ctx, what="plan update",
        turns_why="the risk management plan's yearly update falls due",
        prefix="risk management plan: ",
    )
    return with_note(outcome, "benchmark: 12 months; HIPAA sets no interval")


@control(
    id="GOV-011",
    title="The security management process is in place end to end",
    domain="governance",
    cites=["164.308(a)(1)", "164.308(a)(1)(ii)(A)", "164.308(a)(1)(ii)(B)"],
    basis="required",
    severity="high",
    risk="A missing part (no one reviews the logs, no sanctions) breaks the prevent, detect, "
    "contain and correct loop the standard requires.",
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
    return failed(
        "the security management process lacks " + join(label for label, _ in missing),
        unique(path for _, path in missing),
    )


# --------------------------------------------------------------------------------------------
# Business associate agreements
# --------------------------------------------------------------------------------------------


NO_BAA_IN_FORCE = "no BAA in force with a business associate handling ePHI to examine (GOV-012)"


@control(
    id="GOV-012",
    title="Every business associate handling ePHI has a signed BAA in force",
    domain="governance",
    cites=["164.308(b)(1)", "164.308(b)(3)", "164.314(a)(2)(i)", "164.502(e)", "164.314(a)(1)",
           "164.314(a)(2)(iii)", "164.314(a)(2)(ii)"],
    basis="required",
    severity="critical",
    risk="ePHI shared with a vendor that has no BAA in force (a video, hosting or scribe "
    "service) is an impermissible disclosure; a missing BAA is a hallmark of OCR's largest "
    "resolution agreements.",
    rationale="A vendor that creates, receives, maintains or transmits ePHI (video platform, "
    "cloud host, e-prescribing network) may do so only under a written BAA in force; OCR has "
    "fined providers for a missing or lapsed one. An expired, pending or unsigned agreement "
    "does not count. Pure conduits (telecom carriers) are exempt. Every associate counts: one "
    "without a BAA fails the control, whatever the others have. For an organization that is "
    "itself a business associate, the vendors it lists are its subcontractors, and the same "
    "contract requirements apply to those agreements (164.314(a)(2)(iii), 164.308(b)(2)). "
    "Where both parties are government entities, a memorandum of understanding or a law that "
    "binds the associate to the same terms stands in for the contract (164.314(a)(2)(ii)): "
    "record it as baa.status: other_arrangement.",
    remediation="Sign a BAA with each business associate that handles ePHI, record "
    "business_associates[].baa.status: signed with its signed and expires dates, and renew "
    "before expiry.",
)
def baa_in_force(config: Config, ctx: Context) -> Outcome:
    """Sharing ePHI with a vendor without a BAA in force is itself an impermissible disclosure."""
    associates = ephi_associates(config)
    rows = []
    for pointer, ba in associates:
        problem = baa_problem(pointer, ba, ctx.as_of)
        rows.append((problem[1] if problem else pointer, name_of(ba, pointer),
                     problem[0] if problem else None))
    outcome = each(
        rows,
        what="business associates handling ePHI",
        none=not_applicable("no business associate handles ePHI", "/business_associates"),
    )
    if outcome.status != "pass":
        return outcome
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
    title="BAAs require reporting of security incidents, and of breaches within 60 days of "
    "discovery",
    domain="governance",
    cites=["164.314(a)(2)(i)(C)", "164.410(b)"],
    basis="required",
    severity="high",
    risk="A vendor not bound to report incidents and breaches can leave the organization "
    "unaware while its own breach notification clock runs.",
    rationale="A BAA must require the business associate to report any security incident it "
    "becomes aware of, including breaches of unsecured PHI (164.314(a)(2)(i)(C)). Only breaches "
    "have a legal deadline: without unreasonable delay and no later than 60 calendar days "
    "after discovery (164.410(b)); the rule sets none for other security incidents. The "
    "config records the reporting term as the breach notification deadline it sets; an "
    "agreement allowing more than 60 days contradicts 164.410(b). Only BAAs in force are "
    "examined (an expired one binds no one: GOV-012).",
    remediation="Make each BAA require reporting of security incidents and of breaches "
    "(without unreasonable delay, within 60 days of discovery at the latest) and record the "
    "breach deadline as business_associates[].baa.breach_notification_days (60 or less; "
    "shorter is better).",
)
def baa_breach_reporting(config: Config, ctx: Context) -> Outcome:
    """The covered entity cannot notify patients in time if its vendors may stay silent."""
    associates = associates_with_baa_in_force(config, ctx.as_of)
    rows: list[Checked] = []
    longest = 0
    for pointer, ba in associates:
        days = ba["baa"].get("breach_notification_days")
        if not isinstance(days, int) or isinstance(days, bool):
            rows.append((f"{pointer}/baa", name_of(ba, pointer),
                         "the BAA records no incident and breach reporting term "
                         "(breach_notification_days)"))
        elif days > 60:
            rows.append((f"{pointer}/baa/breach_notification_days", name_of(ba, pointer),
                         f"the BAA allows {days} days to report a breach; 164.410(b) sets 60 "
                         "days after discovery as the outer limit"))
        else:
            longest = max(longest, days)
            rows.append((f"{pointer}/baa/breach_notification_days", name_of(ba, pointer), None))
    outcome = each(
        rows, what="BAAs in force",
        none=not_applicable(NO_BAA_IN_FORCE, "/business_associates"),
    )
    if outcome.status != "pass":
        return outcome
    return passed(
        f"{all_of(len(associates), 'BAA in force', 'BAAs in force')} require"
        f"{'s' if len(associates) == 1 else ''} reporting of security incidents and of breaches "
        f"within 60 days of discovery (the longest allows {longest} days)",
        [f"{p}/baa/breach_notification_days" for p, _ in associates],
    )


@control(
    id="GOV-014",
    title="BAAs flow down to the business associates' subcontractors",
    domain="governance",
    cites=["164.314(a)(2)(i)(B)", "164.308(b)(2)", "164.504(e)(2)(ii)(D)"],
    basis="required",
    severity="high",
    risk="ePHI a vendor passes to its own subcontractors (a cloud host, a transcription "
    "service) leaves the chain of assurances one hop away.",
    rationale="Since the 2013 Omnibus Rule a BAA must require the business associate to bind "
    "its own subcontractors (the video vendor's cloud host, its transcription service) to the "
    "same requirements (164.314(a)(2)(i)(B), 164.308(b)(2); 164.504(e)(2)(ii)(D) for the "
    "Privacy Rule restrictions). Only BAAs in force are examined.",
    remediation="Make each BAA require subcontractor agreements with the same restrictions and "
    "record business_associates[].baa.subcontractors_covered: true.",
)
def baa_subcontractors(config: Config, ctx: Context) -> Outcome:
    """The ePHI a vendor passes to its own vendors needs the same contractual protection."""
    associates = associates_with_baa_in_force(config, ctx.as_of)
    rows = [
        (
            f"{pointer}/baa/subcontractors_covered"
            if "subcontractors_covered" in ba["baa"]
            else f"{pointer}/baa",
            name_of(ba, pointer),
            None if ba["baa"].get("subcontractors_covered") is True
            else "the BAA does not cover subcontractors",
        )
        for pointer, ba in associates
    ]
    outcome = each(
        rows, what="BAAs in force",
        none=not_applicable(NO_BAA_IN_FORCE, "/business_associates"),
    )
    if outcome.status != "pass":
        return outcome
    return passed(
        f"{all_of(len(associates), 'BAA in force', 'BAAs in force')} "
        f"flow{'s' if len(associates) == 1 else ''} down to subcontractors",
        [f"{p}/baa/subcontractors_covered" for p, _ in associates],
    )


@control(
    id="GOV-015",
    title="BAAs are reviewed at least every 12 months (benchmark)",
    domain="governance",
    cites=["164.308(b)(1)", "164.316(b)(2)(iii)"],
    basis="benchmark",
    severity="low",
    risk="A BAA not reread in over a year may no longer match the services used (new recording "
    "storage, a new subcontractor); the agreement itself stays in force.",
    tailorable="months between reviews of a BAA",
    rationale="Benchmark: services change, so a yearly review of each BAA against the services "
    "actually used is common practice; HIPAA requires the agreement, not a review interval. "
    "Only BAAs in force are examined; each one counts.",
    remediation="Review each BAA against the services actually used and record "
    "business_associates[].baa.last_reviewed.",
)
def baa_reviewed(config: Config, ctx: Context) -> Outcome:
    """A BAA signed for one service quietly stops matching what the vendor now does."""
    associates = associates_with_baa_in_force(config, ctx.as_of)
    rows: list[Checked] = []
    dues = []
    for pointer, ba in associates:
        name = name_of(ba, pointer)
        months = _months(ctx.limit(BENCHMARK_MONTHS, instance=name))
        state = cadence(ba["baa"].get("last_reviewed"), ctx.as_of, months)
        if state.current:
            dues.append((state.due, name, pointer))
            rows.append((f"{pointer}/baa/last_reviewed", name, None))
        else:
            rows.append((where(config, f"{pointer}/baa/last_reviewed"), name,
                         describe_cadence(state, "review", f"{months}-month", ctx.as_of)))
    outcome = each(
        rows, what="BAAs in force",
        none=not_applicable(NO_BAA_IN_FORCE, "/business_associates"),
    )
    if outcome.status != "pass":
        return with_note(outcome, "benchmark: a review every 12 months; HIPAA sets none")
    due, name, pointer = min(dues)
    return passed(
        f"{all_of(len(associates), 'BAA in force', 'BAAs in force')} {were(len(associates))} "
        f"reviewed within the benchmark cycle; the next review ({name}) is due before {due}",
        f"{pointer}/baa/last_reviewed",
        turns_on=due,
        turns_why=f"yearly review of the BAA with {name} falls due",
    )


@control(
    id="GOV-016",
    title="Every platform handling ePHI is covered by a business associate's BAA in force",
    domain="governance",
    cites=["164.308(b)(1)", "164.502(e)"],
    basis="required",
    severity="critical",
    risk="A video, portal or messaging platform whose vendor has no BAA in force receives "
    "patients' ePHI without assurances: the classic telehealth BAA gap OCR has fined.",
    rationale="The platforms list is where telehealth vendors actually appear; a video, "
    "portal or messaging product that handles ePHI (by its flag or by its clinical purpose) "
    "must trace to a business associate with a signed BAA in force, or the disclosure to its "
    "vendor is impermissible. Platforms whose vendor is the organization itself are "
    "self-hosted and need none. Every platform counts: one uncovered platform fails the "
    "control.",
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
        for pointer, platform in ephi_platforms(config)
        if not (
            platform.get("business_associate") is None and platform.get("vendor") == organization
        )
    ]
    rows: list[tuple[str, str, str | None]] = []
    expiries = []
    for pointer, platform in platforms:
        name = name_of(platform, pointer)
        associate = platform.get("business_associate")
        if not associate:
            rows.append((pointer, name, "names no business associate"))
            continue
        if str(associate) not in associates:
            rows.append((f"{pointer}/business_associate", name,
                         f"names business associate {associate}, which is not in "
                         "business_associates"))
            continue
        ba_pointer, ba = associates[str(associate)]
        problem = baa_problem(ba_pointer, ba, ctx.as_of)
        if problem is not None:
            rows.append((problem[1], name, f"{associate}: {problem[0]}"))
            continue
        rows.append((f"{pointer}/business_associate", name, None))
        expires = parse_date(ba["baa"].get("expires"))
        if expires is not None:
            expiries.append((expires, str(associate)))
    outcome = each(
        rows, what="platforms handling ePHI",
        none=not_applicable("no third-party platform handles ePHI", "/platforms"),
    )
    if outcome.status != "pass":
        return outcome
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
    risk="Plan ePHI handled by the sponsoring employer without separation or bound agents can "
    "reach employment decisions or unbound vendors.",
    rationale="When the organization sponsors a group health plan, the plan documents must "
    "bind it (as sponsor) to safeguard plan ePHI, keep it separate with security measures, "
    "bind its agents and report incidents (164.314(b)(2)(i)-(iv)). The config cannot record "
    "the plan-document amendment itself, so this control checks the duties it imposes: plan "
    "ePHI within the risk analysis, role-based access for separation, agents bound by BAAs in "
    "force with flow-down, and an incident reporting route. Each duty is needed: one missing "
    "fails the control.",
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
        baa_problem(pointer, ba, ctx.as_of) is None
        and ba["baa"].get("subcontractors_covered") is True
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
    return failed(
        "as group health plan sponsor, not yet in place: " + join(label for label, _ in missing),
        unique(["/organization/sponsors_group_health_plan", *[path for _, path in missing]]),
    )

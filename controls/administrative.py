"""Administrative safeguards: sanctions, activity review, workforce security, information access
management, security awareness and training, incident procedures, contingency planning and
evaluation.

Citations: 164.308(a)(1)(ii)(C)-(D) and 164.308(a)(3)-(8) of the Security Rule.

Each legal duty (a standard or implementation specification) is one control, and each number
HIPAA does not set (30-day log review, 24-hour revocation, 12-month cycles, 95% completion, a
lockout threshold, NIST SP 800-63B settings) is a separate benchmark control whose number a
documented `tailored` decision may move (`ctx.limit`). A benchmark whose subject does not exist
yet (no backup, no incident response plan) is not applicable: the legal control fails instead,
and the report names it.
"""

from __future__ import annotations

import dataclasses

from phi_policy.control import (
    Config,
    at_most,
    by_fraction,
    cadence,
    cadence_outcome,
    control,
    cycle_months,
    describe_cadence,
    failed,
    flag,
    get,
    is_on,
    join,
    not_applicable,
    not_in_place,
    partial,
    passed,
    plural,
    unique,
    where,
    with_note,
)
from phi_policy.model import Context, Outcome

WORKFORCE = "/workforce"
TRAINING = "/workforce/training"
TOPICS = "/workforce/training/topics"
REVOCATION = "/workforce/termination/access_revocation_hours"
TERMINATION = "/workforce/termination/procedure_documented"
LOGGING = "/audit_controls/enabled"
REVIEW_DAYS = "/audit_controls/review_frequency_days"
ACCESS_PROCEDURE = "/access_control/access_modification_procedure"
ACCESS_REVIEW = "/access_control/access_review_frequency_months"
PASSWORDS = "/access_control/password_policy"
LOCKOUT = "/access_control/password_policy/lockout_after_failed_attempts"
INCIDENT = "/incident_response"
BACKUP = "/contingency/backup"
DR_PLAN = "/contingency/disaster_recovery/plan_documented"
RTO = "/contingency/disaster_recovery/restore_time_hours"
CONTINGENCY_TEST = "/contingency/testing/last_test"
CONTINGENCY_CYCLE = "/contingency/testing/frequency_months"
EVALUATION = "/evaluation/last_performed"
EVALUATION_CYCLE = "/evaluation/frequency_months"

#: Training topics of the benchmark curriculum: the subjects the 164.308(a)(5)(ii)
#: specifications name (malicious software, log-in monitoring, passwords) and how those
#: threats reach and leave the workforce (phishing, incident reporting).
CORE_TOPICS = ("phishing", "passwords", "malware", "login_monitoring", "incident_reporting")

#: Months of the common cycle for recurring activities: a benchmark (and the NPRM's proposed
#: cadence); HIPAA sets no interval.
BENCHMARK_MONTHS = 12


def _n(value: float) -> int | float:
    """A number for a message: 30 rather than 30.0."""
    return int(value) if float(value).is_integer() else value


def _months(value: float) -> int:
    return max(1, int(value))



def _own_cycle(config: Config, pointer: str) -> int | None:
    """The organization's own declared cycle in months, or None when it declares none."""
    value = get(config, pointer)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None
    return value


def _on_record(config: Config, pointer: str, ctx: Context) -> bool:
    """Whether a "last done" date is recorded and not after the assessment date."""
    return cadence(get(config, pointer), ctx.as_of, 1).state in ("current", "overdue")


def _periodic(
    config: Config, ctx: Context, pointer: str, cycle_pointer: str, what: str, turns_why: str
) -> Outcome:
    """A periodic duty judged on the organization's own declared cycle (any length).

    The rule says "periodic" and sets no number, so the legal control holds the organization
    to its own cycle; the 12-month number is a separate benchmark control.
    """
    months = _own_cycle(config, cycle_pointer)
    if months is None:
        state = cadence(get(config, pointer), ctx.as_of, 1200)
        if not state.current:
            return failed(describe_cadence(state, what, "", ctx.as_of), where(config, pointer))
        return failed(
            f"the last {what} was on {state.last}, but no cycle is declared "
            f"({cycle_pointer.split('/')[-1]}), so periodic {what}s cannot be shown",
            where(config, cycle_pointer),
        )
    outcome = cadence_outcome(config, pointer, months, ctx, what=what, turns_why=turns_why)
    if outcome.status == "pass":
        return dataclasses.replace(
            outcome, message=outcome.message.replace("-month cycle)", "-month cycle, the "
                                                     "organization's own)")
        )
    return outcome


@control(
    id="ADM-001",
    title="A sanction policy exists and sanctions applied are documented",
    domain="administrative",
    cites=["164.308(a)(1)(ii)(C)", "164.316(b)(1)"],
    basis="required",
    severity="medium",
    risk="Without sanctions, snooping in records or recording visits on personal phones has "
    "no consequence; it weakens every other policy rather than exposing ePHI by itself.",
    rationale="HIPAA requires appropriate sanctions against workforce members who break "
    "security policy (snooping in a celebrity's record, recording a video visit on a personal "
    "phone), and a written record of required actions (164.316(b)(1)); the Privacy Rule also "
    "asks covered entities to document the sanctions applied. OCR asks for both the policy "
    "and the records.",
    remediation="Adopt a written sanction policy (workforce.sanctions_policy: true) and keep a "
    "record of the sanctions applied (workforce.sanctions_applied_documented: true).",
)
def sanction_policy(config: Config, ctx: Context) -> Outcome:
    """Policies without consequences are advice; the rule requires the consequences."""
    policy = f"{WORKFORCE}/sanctions_policy"
    applied = f"{WORKFORCE}/sanctions_applied_documented"
    if not is_on(config, policy):
        return failed("there is no workforce sanction policy", where(config, policy))
    if not is_on(config, applied):
        return failed(
            "a sanction policy exists but the sanctions applied are not documented",
            where(config, applied),
        )
    return passed(
        "a sanction policy exists and sanctions applied are documented", [policy, applied]
    )


@control(
    id="ADM-002",
    title="Information system activity (audit logs, access reports) is reviewed regularly",
    domain="administrative",
    cites=["164.308(a)(1)(ii)(D)"],
    basis="required",
    severity="high",
    risk="Logs nobody reviews detect nothing: inappropriate record access or a compromised "
    "clinician account goes unnoticed until patients or OCR report it.",
    rationale="HIPAA requires regular review of records of information system activity: audit "
    "logs, access reports and security incident tracking. This control asks that logging is "
    "on and a review interval is declared; HIPAA sets no number, and the 30-day benchmark is "
    "ADM-024.",
    remediation="Enable audit logging (audit_controls.enabled) and declare the review interval "
    "(audit_controls.review_frequency_days).",
)
def activity_review(config: Config, ctx: Context) -> Outcome:
    """Inappropriate record access is found in the logs, if someone looks."""
    if not is_on(config, LOGGING):
        return failed(
            "audit logging is not enabled, so there is no system activity to review",
            where(config, LOGGING),
        )
    days = get(config, REVIEW_DAYS)
    if days is None:
        return failed(
            "no audit log review interval is declared (review_frequency_days)",
            where(config, REVIEW_DAYS),
        )
    return passed(f"audit logs are reviewed every {plural(days, 'day')}", REVIEW_DAYS)


@control(
    id="ADM-024",
    title="Audit logs are reviewed at least every 30 days (benchmark)",
    domain="administrative",
    cites=["164.308(a)(1)(ii)(D)"],
    basis="benchmark",
    severity="medium",
    risk="Monthly or rarer review lets inappropriate access run for weeks before anyone sees "
    "it; review happens either way.",
    tailorable="days between audit log reviews",
    partial_credit="half credit when the interval is over the benchmark but at most three "
    "times it (31 to 90 days against 30): a quarterly review still finds what a monthly one "
    "finds, later",
    rationale="Benchmark: HIPAA says 'regularly' and sets no interval; 30 days is the benchmark "
    "used here (weekly or continuous review is better). Not applicable when logging or a "
    "review interval is missing (ADM-002 fails).",
    remediation="Review the audit logs at least monthly: set audit_controls."
    "review_frequency_days to 30 or less.",
)
def activity_review_benchmark(config: Config, ctx: Context) -> Outcome:
    """The longer the interval, the longer a snooping insider goes unnoticed."""
    if not is_on(config, LOGGING) or get(config, REVIEW_DAYS) is None:
        return not_applicable(
            "no audit logging with a declared review interval to judge (ADM-002)",
            where(config, REVIEW_DAYS),
        )
    limit = ctx.limit(30)
    return at_most(
        config,
        REVIEW_DAYS,
        limit,
        half_credit_up_to=3 * limit,
        missing="no audit log review interval is declared",
        within=lambda days: f"audit logs are reviewed every {plural(days, 'day')} "
        f"(benchmark: {_n(limit)})",
        over=lambda days: f"audit logs are reviewed every {days} days; benchmark: "
        f"{_n(limit)} or less (HIPAA says regularly, with no number)",
    )


@control(
    id="ADM-003",
    title="Workforce members with ePHI access are authorized or supervised",
    domain="administrative",
    cites=["164.308(a)(3)(ii)(A)", "164.308(a)(3)"],
    basis="addressable",
    severity="medium",
    risk="Trainees, contractors or scribes joining video visits without authorization or "
    "supervision may see more ePHI than their role needs.",
    rationale="Workforce security starts with knowing who may work with ePHI, and supervising "
    "those (trainees, contractors, scribes joining video visits) who are not yet authorized.",
    remediation="Document the authorization and supervision procedure and set "
    "workforce.authorization_supervision: true.",
)
def authorization_supervision(config: Config, ctx: Context) -> Outcome:
    """Unauthorized staff near ePHI (a scribe on a video visit) need supervision."""
    return flag(
        config,
        f"{WORKFORCE}/authorization_supervision",
        "workforce members with ePHI access are authorized or supervised",
        "there is no procedure for authorizing or supervising workforce members who work with ePHI",
    )


@control(
    id="ADM-004",
    title="A workforce clearance procedure precedes ePHI access",
    domain="administrative",
    cites=["164.308(a)(3)(ii)(B)"],
    basis="addressable",
    severity="medium",
    risk="Granting access before deciding a person is suitable for it lets unsuitable people "
    "near ePHI; other access controls still limit what they reach.",
    rationale="Deciding whether a person's access is appropriate (background or reference "
    "checks scaled to the role) before granting it keeps unsuitable people away from ePHI.",
    remediation="Adopt a clearance procedure proportionate to each role and set "
    "workforce.clearance_procedure: true.",
)
def clearance(config: Config, ctx: Context) -> Outcome:
    """Access should follow a decision that the person is suitable for it, not precede it."""
    return flag(
        config,
        f"{WORKFORCE}/clearance_procedure",
        "a clearance procedure decides whether each workforce member's ePHI access is appropriate",
        "there is no workforce clearance procedure before ePHI access is granted",
    )


@control(
    id="ADM-005",
    title="A documented termination procedure ends access when employment ends",
    domain="administrative",
    cites=["164.308(a)(3)(ii)(C)"],
    basis="addressable",
    severity="high",
    risk="A departed clinician whose telehealth and EHR accounts still work is a common "
    "source of breaches; without a procedure nobody is sure to close them.",
    rationale="Termination procedures end access to ePHI when employment or engagement ends. "
    "HIPAA sets no deadline: the 24-hour benchmark is ADM-025 (a proposed rule would require "
    "1 hour).",
    remediation="Document the termination procedure and set workforce.termination."
    "procedure_documented: true.",
)
def termination(config: Config, ctx: Context) -> Outcome:
    """Accounts that outlive employment are open doors to ePHI."""
    return flag(
        config,
        TERMINATION,
        "a documented termination procedure ends access when employment ends",
        "there is no documented termination procedure",
    )


@control(
    id="ADM-025",
    title="Access is revoked within 24 hours of termination (benchmark)",
    domain="administrative",
    cites=["164.308(a)(3)(ii)(C)"],
    basis="benchmark",
    severity="medium",
    risk="Each extra day a departed user's accounts stay open is a window for misuse; the "
    "accounts do get closed.",
    tailorable="hours from termination to access revocation",
    partial_credit="half credit when revocation takes longer than the benchmark but at most "
    "three times it (25 to 72 hours against 24)",
    rationale="Benchmark: HIPAA sets no deadline for ending access; 24 hours is the benchmark "
    "used here, and a proposed rule (the 2025 NPRM) would require 1 hour.",
    remediation="Revoke all access within 24 hours of termination and record it as "
    "workforce.termination.access_revocation_hours (24 or less; 1 to meet the NPRM).",
)
def termination_benchmark(config: Config, ctx: Context) -> Outcome:
    """The first day after a departure is when a grudge or a lost badge does harm."""
    limit = ctx.limit(24)
    return at_most(
        config,
        REVOCATION,
        limit,
        half_credit_up_to=3 * limit,
        missing="no deadline for revoking access after termination is declared "
        "(access_revocation_hours)",
        within=lambda hours: f"access is revoked within {plural(hours, 'hour')} of termination "
        f"(benchmark: {_n(limit)})",
        over=lambda hours: f"access is revoked within {hours} hours of termination; benchmark: "
        f"{_n(limit)} or less (HIPAA sets no deadline)",
    )


@control(
    id="ADM-006",
    title="Clearinghouse functions are isolated from the rest of the organization",
    domain="administrative",
    cites=["164.308(a)(4)(ii)(A)", "164.308(a)(4)"],
    basis="required",
    severity="high",
    risk="Clearinghouse ePHI reachable from the rest of the organization is exposed to "
    "workforce members and systems with no need for it.",
    rationale="A clearinghouse inside a larger organization must shield its ePHI from the rest "
    "of it. The config records the two measures that carry the isolation, and both are "
    "needed: network segmentation and role-based access.",
    remediation="Segment the clearinghouse systems (access_control.network_segmentation) and "
    "restrict them by role (access_control.role_based_access).",
)
def clearinghouse_isolation(config: Config, ctx: Context) -> Outcome:
    """Clearinghouse ePHI must not be reachable from the rest of the organization."""
    if not is_on(config, "/organization/clearinghouse_functions"):
        return not_applicable(
            "the organization performs no clearinghouse functions", "/organization"
        )
    measures = {
        "network segmentation": "/access_control/network_segmentation",
        "role-based access": "/access_control/role_based_access",
    }
    missing = not_in_place(config, measures.items())
    if not missing:
        return passed(
            "clearinghouse functions are isolated by network segmentation and role-based access",
            list(measures.values()),
        )
    return failed(
        "clearinghouse functions are not isolated: missing " + join(label for label, _ in missing),
        [at for _, at in missing],
    )


@control(
    id="ADM-007",
    title="Access to ePHI is granted under a documented authorization policy",
    domain="administrative",
    cites=["164.308(a)(4)(ii)(B)", "164.308(a)(4)"],
    basis="addressable",
    severity="medium",
    risk="Ad-hoc access grants accumulate into everyone seeing everything; least-privilege "
    "and role-based controls elsewhere limit the damage.",
    rationale="Information access management requires policies for granting access to ePHI "
    "consistent with the Privacy Rule's minimum necessary standard; ad-hoc grants accumulate "
    "into everyone seeing everything.",
    remediation="Document how access to ePHI systems is requested, approved and granted and "
    "set access_control.access_authorization_documented: true.",
)
def access_authorization(config: Config, ctx: Context) -> Outcome:
    """Without an approval rule, access grows by request rather than by need."""
    return flag(
        config,
        "/access_control/access_authorization_documented",
        "access to ePHI is granted under a documented authorization policy",
        "there is no documented policy for authorizing access to ePHI",
    )


@control(
    id="ADM-008",
    title="Access is established, modified and periodically reviewed by procedure",
    domain="administrative",
    cites=["164.308(a)(4)(ii)(C)"],
    basis="addressable",
    severity="medium",
    risk="Without a procedure and a review, role changes leave stale privileges to ePHI "
    "behind.",
    rationale="The specification asks for procedures that establish, document, review and "
    "modify each user's access. This control asks for the procedure and a declared review "
    "interval; HIPAA sets no number, and the 12-month benchmark is ADM-026.",
    remediation="Document the access establishment and modification procedure (access_control."
    "access_modification_procedure: true) and declare the review interval "
    "(access_review_frequency_months).",
)
def access_modification(config: Config, ctx: Context) -> Outcome:
    """Role changes leave stale privileges unless access is reviewed on a schedule."""
    if not is_on(config, ACCESS_PROCEDURE):
        return failed(
            "there is no documented procedure for establishing and modifying access",
            where(config, ACCESS_PROCEDURE),
        )
    months = get(config, ACCESS_REVIEW)
    if months is None:
        return failed(
            "access is established and modified by procedure but no periodic review is declared "
            "(access_review_frequency_months)",
            where(config, ACCESS_REVIEW),
        )
    return passed(
        f"access is managed by procedure and reviewed every {plural(months, 'month')}",
        [ACCESS_PROCEDURE, ACCESS_REVIEW],
    )


@control(
    id="ADM-026",
    title="Access rights are reviewed at least every 12 months (benchmark)",
    domain="administrative",
    cites=["164.308(a)(4)(ii)(C)"],
    basis="benchmark",
    severity="medium",
    risk="Reviews rarer than yearly let privileges from old roles linger longer; a review "
    "still happens.",
    tailorable="months between access reviews",
    rationale="Benchmark: HIPAA sets no interval for access reviews; 12 months is the outer "
    "benchmark used here (quarterly or semi-annual reviews are common for privileged and "
    "telehealth accounts). Not applicable when no review interval is declared (ADM-008 fails).",
    remediation="Review all access at least yearly: set access_control."
    "access_review_frequency_months to 12 or less.",
)
def access_review_benchmark(config: Config, ctx: Context) -> Outcome:
    """A yearly look catches the privileges that role changes leave behind."""
    if get(config, ACCESS_REVIEW) is None:
        return not_applicable(
            "no access review interval is declared (ADM-008)", where(config, ACCESS_REVIEW)
        )
    limit = ctx.limit(BENCHMARK_MONTHS)
    return at_most(
        config,
        ACCESS_REVIEW,
        limit,
        half_credit_up_to=None,
        missing="no access review interval is declared",
        within=lambda months: f"access is reviewed every {plural(months, 'month')} "
        f"(benchmark: {_n(limit)})",
        over=lambda months: f"access is reviewed every {months} months; benchmark: "
        f"{_n(limit)} or less (HIPAA sets no interval)",
    )


@control(
    id="ADM-009",
    title="A security awareness and training program trains the workforce, new hires included",
    domain="administrative",
    cites=["164.308(a)(5)"],
    basis="required",
    severity="high",
    risk="An untrained workforce is the telehealth stack's largest attack surface: phishing "
    "and misdirected ePHI start with people.",
    rationale="HIPAA requires a security awareness and training program for all workforce "
    "members, management included. This control asks that training has been delivered (a "
    "completed cycle on record) and that new hires are brought into it (a declared deadline). "
    "HIPAA sets no interval or completion target: the yearly cycle (ADM-027), 95% completion "
    "(ADM-028) and 30 days for new hires (ADM-029) are benchmarks.",
    remediation="Run the training and record workforce.training.last_completed; declare when "
    "new hires are trained (new_hire_within_days).",
)
def training_program(config: Config, ctx: Context) -> Outcome:
    """People are the telehealth stack's largest attack surface; training is the patch."""
    state = cadence(get(config, f"{TRAINING}/last_completed"), ctx.as_of, 1200)
    gaps: list[str] = []
    paths: list[str] = []
    if state.state in ("missing", "future"):
        gaps.append(describe_cadence(state, "training cycle", "", ctx.as_of))
        paths.append(where(config, f"{TRAINING}/last_completed"))
    if get(config, f"{TRAINING}/new_hire_within_days") is None:
        gaps.append("no deadline is declared for training new hires (new_hire_within_days)")
        paths.append(where(config, f"{TRAINING}/new_hire_within_days"))
    if gaps:
        return failed("training: " + "; ".join(gaps), unique(paths))
    return passed(
        f"training: a cycle was completed on {state.last}; new hires are trained within "
        f"{plural(get(config, f'{TRAINING}/new_hire_within_days'), 'day')}",
        [f"{TRAINING}/last_completed", f"{TRAINING}/new_hire_within_days"],
    )


@control(
    id="ADM-027",
    title="Security training runs at least every 12 months (benchmark)",
    domain="administrative",
    cites=["164.308(a)(5)"],
    basis="benchmark",
    severity="medium",
    risk="Training older than a year no longer covers current lures and platforms; the "
    "workforce was trained once.",
    tailorable="months between training cycles",
    rationale="Benchmark: HIPAA sets no interval for training; yearly is common practice (and "
    "the NPRM's proposal). A shorter cycle the organization declares (workforce.training."
    "frequency_months) is honoured, a longer one is held to the benchmark. Not applicable when "
    "no training is on record (ADM-009 fails).",
    remediation="Run the training cycle at least every 12 months and record workforce.training."
    "last_completed; keep frequency_months at 12 or less.",
)
def training_cycle(config: Config, ctx: Context) -> Outcome:
    """Awareness fades; yearly is the usual refresh."""
    if not _on_record(config, f"{TRAINING}/last_completed", ctx):
        return not_applicable(
            "no completed training cycle is on record (ADM-009)",
            where(config, f"{TRAINING}/last_completed"),
        )
    months = cycle_months(
        config, f"{TRAINING}/frequency_months", cap=_months(ctx.limit(BENCHMARK_MONTHS))
    )
    outcome = cadence_outcome(
        config, f"{TRAINING}/last_completed", months, ctx, what="training cycle",
        turns_why="the yearly training cycle falls due",
    )
    return with_note(
        outcome, "benchmark: 12 months or the organization's shorter cycle; HIPAA sets none"
    )


@control(
    id="ADM-028",
    title="At least 95% of the workforce completed the current training (benchmark)",
    domain="administrative",
    cites=["164.308(a)(5)"],
    basis="benchmark",
    severity="medium",
    risk="The untrained few are who phishing finds; most of the workforce is trained either "
    "way.",
    tailorable="percent of the workforce that completed the current training cycle",
    partial_credit="half credit for completion within 5 points below the benchmark (90% to "
    "94% against 95%); none below that",
    rationale="Benchmark: HIPAA asks for training of all workforce members and sets no "
    "completion target; 95% is the benchmark used here, since a cycle never reaches every "
    "person on leave or newly departed.",
    remediation="Chase the remaining staff until completion reaches 95% and record workforce."
    "training.completion_rate_percent.",
)
def training_completion(config: Config, ctx: Context) -> Outcome:
    """A course most people skipped trained nobody."""
    pointer = f"{TRAINING}/completion_rate_percent"
    rate = get(config, pointer)
    target = ctx.limit(95)
    if rate is None:
        return failed("no training completion rate is recorded", where(config, pointer))
    if rate >= target:
        return passed(f"training completion is {rate}% (benchmark: {_n(target)}%)", pointer)
    message = (
        f"training completion is {rate}%; benchmark: {_n(target)}% (HIPAA sets no target)"
    )
    if rate >= target - 5:
        return partial(0.5, message, pointer)
    return failed(message, pointer)


@control(
    id="ADM-029",
    title="New hires are trained within 30 days (benchmark)",
    domain="administrative",
    cites=["164.308(a)(5)"],
    basis="benchmark",
    severity="low",
    risk="New staff work with ePHI a little longer before training; they are trained.",
    tailorable="days from hiring to security training",
    rationale="Benchmark: HIPAA sets no deadline for training new workforce members; 30 days is "
    "the benchmark used here (a proposed rule would require 30 days). Not applicable when no "
    "deadline is declared (ADM-009 fails).",
    remediation="Train new hires within 30 days and set workforce.training."
    "new_hire_within_days to 30 or less.",
)
def new_hire_training(config: Config, ctx: Context) -> Outcome:
    """A new hire is the least likely to spot a lure aimed at the organization."""
    pointer = f"{TRAINING}/new_hire_within_days"
    if get(config, pointer) is None:
        return not_applicable(
            "no new-hire training deadline is declared (ADM-009)", where(config, pointer)
        )
    limit = ctx.limit(30)
    return at_most(
        config,
        pointer,
        limit,
        half_credit_up_to=None,
        missing="no new-hire training deadline is declared",
        within=lambda days: f"new hires are trained within {plural(days, 'day')} "
        f"(benchmark: {_n(limit)})",
        over=lambda days: f"new hires are trained within {days} days; benchmark: {_n(limit)} "
        "or less (HIPAA sets no deadline)",
    )


@control(
    id="ADM-010",
    title="Training covers the benchmark topics: phishing, passwords, malware, log-in "
    "monitoring, incident reporting, telehealth and BYOD",
    domain="administrative",
    cites=["164.308(a)(5)", "164.308(a)(5)(ii)(B)", "164.308(a)(5)(ii)(C)",
           "164.308(a)(5)(ii)(D)"],
    basis="benchmark",
    severity="medium",
    risk="A course that skips phishing or telehealth privacy trains for the wrong threats; "
    "the workforce is still trained.",
    partial_credit="credit = share of the applicable topics covered (five core topics, plus "
    "telehealth privacy when offering telehealth and BYOD when BYOD is allowed)",
    rationale="Benchmark: HIPAA requires a training program but no curriculum. The topic list "
    "follows the subjects the training specifications name (malicious software, log-in "
    "monitoring, password management) and how threats reach and leave the workforce "
    "(phishing, incident reporting); an organization that offers telehealth or allows BYOD "
    "should train on those too.",
    remediation="Add the missing topics to workforce.training.topics and to the course: "
    "phishing, passwords, malware, login_monitoring, incident_reporting, plus "
    "telehealth_privacy when offering telehealth and byod when byod.allowed is true.",
)
def training_topics(config: Config, ctx: Context) -> Outcome:
    """A course that skips phishing or telehealth privacy trains for the wrong threats."""
    required = list(CORE_TOPICS)
    if get(config, "/organization/telehealth_services"):
        required.append("telehealth_privacy")
    if is_on(config, "/byod/allowed"):
        required.append("byod")
    topics = get(config, TOPICS) or []
    missing = [topic for topic in required if topic not in topics]
    if not missing:
        return passed("training covers " + join(required), TOPICS)
    return by_fraction(
        len(required) - len(missing),
        len(required),
        "training does not cover " + join(missing) + " (benchmark topics)",
        where(config, TOPICS),
    )


@control(
    id="ADM-011",
    title="Periodic security reminders go to the workforce",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(A)"],
    basis="addressable",
    severity="low",
    risk="Awareness fades between training cycles without reminders; a hygiene gap, not an "
    "exposure by itself.",
    rationale="A yearly course fades; short reminders (a new phishing lure, a change of video "
    "platform) keep security in mind between cycles.",
    remediation="Send periodic security reminders and set "
    "workforce.training.security_reminders: true.",
)
def security_reminders(config: Config, ctx: Context) -> Outcome:
    """Awareness decays within months without reminders."""
    return flag(
        config,
        f"{TRAINING}/security_reminders",
        "periodic security reminders go to the workforce",
        "no periodic security reminders go to the workforce",
    )


@control(
    id="ADM-012",
    title="Malicious software is guarded against",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(B)"],
    basis="addressable",
    severity="high",
    risk="Ransomware is the leading cause of large health care breaches; without anti-malware "
    "it reaches the EHR and takes telehealth offline.",
    rationale="The specification asks for procedures to guard against, detect and report "
    "malicious software: anti-malware tooling on endpoints and servers. Training the "
    "workforce to recognize and report malware is judged with the other training topics "
    "(ADM-010).",
    remediation="Deploy anti-malware on all endpoints and servers (vulnerability_management."
    "anti_malware: true).",
)
def malware_protection(config: Config, ctx: Context) -> Outcome:
    """Ransomware takes telehealth offline and ePHI with it."""
    return flag(
        config,
        "/vulnerability_management/anti_malware",
        "anti-malware protection is in place",
        "no anti-malware protection is in place",
    )


@control(
    id="ADM-013",
    title="Log-in attempts are monitored and discrepancies reported",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(C)"],
    basis="addressable",
    severity="medium",
    risk="Password spraying against a patient portal or clinician accounts goes unseen until "
    "an account falls.",
    rationale="Repeated failed log-ins to a patient portal or clinician account are the first "
    "sign of password spraying; the specification asks for monitoring of log-in attempts and "
    "reporting of discrepancies. Training the workforce to report anomalies is judged with "
    "the other training topics (ADM-010); the lockout threshold is a benchmark (ADM-031).",
    remediation="Monitor and alert on failed log-ins (access_control.login_monitoring: true).",
)
def login_monitoring(config: Config, ctx: Context) -> Outcome:
    """Credential attacks show up as failed log-ins long before they succeed."""
    return flag(
        config,
        "/access_control/login_monitoring",
        "log-in attempts are monitored",
        "failed log-in attempts are not monitored",
    )


@control(
    id="ADM-031",
    title="Accounts lock or throttle after at most 10 consecutive failed log-ins (benchmark)",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(C)", "164.308(a)(5)(ii)(D)"],
    basis="benchmark",
    severity="medium",
    risk="Without a low lockout threshold, online password guessing against clinician and "
    "portal accounts runs unchecked; MFA and monitoring limit the damage.",
    tailorable="consecutive failed log-in attempts before lockout or throttling",
    partial_credit="half credit above the benchmark up to NIST SP 800-63B's ceiling of 100 "
    "attempts; none above 100 or when undeclared",
    rationale="Benchmark: HIPAA sets no lockout threshold (log-in monitoring, 164.308(a)(5)"
    "(ii)(C), is addressable). NIST SP 800-63B 5.2.2 caps consecutive failed attempts at 100; "
    "this control uses 10, the '10 or fewer' of the CIS Microsoft Windows benchmarks and a "
    "common identity-provider default.",
    remediation="Lock or throttle accounts after 10 or fewer consecutive failed log-ins and set "
    "access_control.password_policy.lockout_after_failed_attempts.",
)
def lockout_threshold(config: Config, ctx: Context) -> Outcome:
    """An unlimited number of guesses turns any weak password into a breach."""
    limit = ctx.limit(10)
    return at_most(
        config,
        LOCKOUT,
        limit,
        half_credit_up_to=100,
        missing="no lockout threshold for failed log-ins is declared "
        "(password_policy.lockout_after_failed_attempts not declared)",
        within=lambda n: f"accounts lock after {plural(n, 'failed attempt')} "
        f"(benchmark: {_n(limit)})",
        over=lambda n: f"accounts lock after {n} failed attempts; benchmark: {_n(limit)} or "
        "fewer (NIST SP 800-63B caps it at 100; HIPAA sets no number)",
    )


@control(
    id="ADM-014",
    title="Password management procedures are in place",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(D)"],
    basis="addressable",
    severity="medium",
    risk="With no password rules, weak and reused passwords guard clinician accounts; MFA, "
    "where in place, limits the damage.",
    rationale="The specification asks for procedures for creating, changing and safeguarding "
    "passwords; it names no settings. This control asks that a password policy is declared "
    "(its minimum length); the NIST SP 800-63B settings are a benchmark (ADM-030).",
    remediation="Adopt a password policy and record access_control.password_policy.min_length.",
)
def password_management(config: Config, ctx: Context) -> Outcome:
    """Weak or breached passwords are the commonest way into a telehealth account."""
    length_path = f"{PASSWORDS}/min_length"
    length = get(config, length_path)
    if length is None:
        return failed("no password policy is declared (min_length)", where(config, length_path))
    return passed(
        f"a password policy is in place (minimum length {length})", length_path
    )


@control(
    id="ADM-030",
    title="Password settings follow NIST SP 800-63B (benchmark)",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(D)"],
    basis="benchmark",
    severity="medium",
    risk="Short or breached passwords are guessed or stuffed; MFA and lockout limit the damage.",
    tailorable="minimum password length when passwords are the only factor (8 behind MFA on "
    "all ePHI access)",
    rationale="Benchmark: HIPAA asks only for password procedures; NIST SP 800-63B is the "
    "benchmark: at least 8 characters behind MFA, 15 for single-factor passwords, screening "
    "against breached-password lists, and no forced periodic rotation (not penalized here). "
    "Not applicable when no password policy is declared (ADM-014 fails).",
    remediation="Set access_control.password_policy.min_length to 8 or more with MFA on all "
    "ePHI access (15 or more without) and enable breached_password_screening.",
)
def password_benchmark(config: Config, ctx: Context) -> Outcome:
    """NIST's settings are the yardstick auditors use for password procedures."""
    length_path = f"{PASSWORDS}/min_length"
    length = get(config, length_path)
    if length is None:
        return not_applicable("no password policy is declared (ADM-014)",
                              where(config, length_path))
    mfa = is_on(config, "/access_control/mfa/all_ephi_access")
    needed = 8 if mfa else ctx.limit(15)
    factor = "with MFA on all ePHI access" if mfa else "without MFA on all ePHI access"
    gaps: list[str] = []
    paths: list[str] = []
    if length < needed:
        gaps.append(f"the minimum password length is {length}; benchmark: {_n(needed)} {factor}")
        paths.append(length_path)
    screening = f"{PASSWORDS}/breached_password_screening"
    if not is_on(config, screening):
        gaps.append("passwords are not screened against breached-password lists")
        paths.append(where(config, screening))
    if gaps:
        return failed("; ".join(gaps) + " (NIST SP 800-63B; HIPAA names no settings)",
                      unique(paths))
    return passed(
        f"passwords are at least {length} characters ({factor}) and screened against "
        "breached-password lists",
        [length_path, screening],
    )


@control(
    id="ADM-015",
    title="An incident response plan is documented",
    domain="administrative",
    cites=["164.308(a)(6)(ii)"],
    basis="required",
    severity="high",
    risk="Without a response plan, a breach is contained and notified late, if at all, while "
    "breach clocks run from discovery.",
    rationale="HIPAA requires identifying and responding to security incidents, mitigating "
    "their harmful effects and documenting them and their outcomes: a documented response "
    "plan. Testing it every 12 months is a benchmark (ADM-032).",
    remediation="Document the incident response plan and set incident_response."
    "plan_documented: true.",
)
def incident_response(config: Config, ctx: Context) -> Outcome:
    """Breach clocks start at discovery; a written plan is what meets them."""
    return flag(
        config,
        f"{INCIDENT}/plan_documented",
        "an incident response plan is documented",
        "no incident response plan is documented",
    )


@control(
    id="ADM-032",
    title="The incident response plan is tested at least every 12 months (benchmark)",
    domain="administrative",
    cites=["164.308(a)(6)(ii)"],
    basis="benchmark",
    severity="medium",
    risk="An untested plan fails at the first real incident; the plan exists either way.",
    tailorable="months between incident response tests",
    rationale="Benchmark: HIPAA does not require testing the response plan; a yearly tabletop "
    "is common practice (and the NPRM's proposal). Not applicable when there is no plan "
    "(ADM-015 fails).",
    remediation="Test the incident response plan (a tabletop exercise) at least every 12 "
    "months and record incident_response.last_tested.",
)
def incident_response_tested(config: Config, ctx: Context) -> Outcome:
    """A rehearsed plan is what meets the breach clocks."""
    if not is_on(config, f"{INCIDENT}/plan_documented"):
        return not_applicable(
            "no incident response plan is documented to test (ADM-015)",
            where(config, f"{INCIDENT}/plan_documented"),
        )
    months = _months(ctx.limit(BENCHMARK_MONTHS))
    outcome = cadence_outcome(
        config, f"{INCIDENT}/last_tested", months, ctx, what="test",
        turns_why="the yearly incident response test falls due",
        prefix="incident response plan: ",
    )
    return with_note(outcome, "benchmark: a test every 12 months; HIPAA sets no interval")


@control(
    id="ADM-016",
    title="The workforce has a channel to report security incidents",
    domain="administrative",
    cites=["164.308(a)(6)"],
    basis="required",
    severity="medium",
    risk="Incidents the workforce sees first (a misdirected message, a lost phone, a stranger "
    "on a video visit) are neither contained nor notified if nobody knows where to report.",
    rationale="Most incidents are seen first by the workforce; the standard's procedures only "
    "start if people can report. Training on incident reporting is judged with the other "
    "training topics (ADM-010).",
    remediation="Provide a reporting channel (incident_response.reporting_channel: true).",
)
def incident_reporting(config: Config, ctx: Context) -> Outcome:
    """Unreported incidents are neither contained nor notified."""
    return flag(
        config,
        f"{INCIDENT}/reporting_channel",
        "an incident reporting channel exists",
        "the workforce has no channel to report security incidents",
    )


@control(
    id="ADM-017",
    title="ePHI is backed up as retrievable exact copies",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(A)", "164.308(a)(7)"],
    basis="required",
    severity="critical",
    risk="With no backup, ransomware, a failed disk or a deleted record destroys the only copy "
    "of patient records.",
    rationale="HIPAA requires a data backup plan: procedures to create and maintain "
    "retrievable exact copies of ePHI. Encrypting the backups (ADM-033) and testing restores "
    "(ADM-034) are addressable specifications; offsite copies (ADM-036) and a 12-month restore "
    "cycle (ADM-035) are benchmarks.",
    remediation="Back up ePHI and set contingency.backup.enabled: true.",
)
def data_backup(config: Config, ctx: Context) -> Outcome:
    """After ransomware, the backup is the only copy of the patient record."""
    return flag(config, f"{BACKUP}/enabled", "ePHI is backed up", "ePHI is not backed up")


def _no_backup(config: Config) -> Outcome | None:
    if is_on(config, f"{BACKUP}/enabled"):
        return None
    return not_applicable(
        "ePHI is not backed up, so there is no backup to judge (ADM-017)",
        where(config, f"{BACKUP}/enabled"),
    )


@control(
    id="ADM-033",
    title="Backups holding ePHI are encrypted",
    domain="administrative",
    cites=["164.312(a)(2)(iv)", "164.308(a)(7)(ii)(A)"],
    basis="addressable",
    severity="critical",
    risk="An unencrypted backup copy of all ePHI that is lost or stolen is a reportable breach "
    "of every patient's record.",
    rationale="Encryption of ePHI at rest is addressable (164.312(a)(2)(iv)); a backup holds "
    "all of it in one place, so an unencrypted copy is among the largest avoidable breaches. "
    "Not applicable when there is no backup (ADM-017 fails).",
    remediation="Encrypt the backups and set contingency.backup.encrypted: true, or record a "
    "documented decision with the equivalent measure.",
)
def backup_encrypted(config: Config, ctx: Context) -> Outcome:
    """A stolen backup is every patient's record at once."""
    return _no_backup(config) or flag(
        config,
        f"{BACKUP}/encrypted",
        "backups are encrypted",
        "backups holding ePHI are not encrypted",
    )


@control(
    id="ADM-034",
    title="Restores from backup are tested",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(D)"],
    basis="addressable",
    severity="high",
    risk="A backup never restored is not known to be retrievable: ransomware recovery fails "
    "exactly when it is needed.",
    rationale="Testing and revision of the contingency plans is addressable; a restore test is "
    "the test that shows the backup's copies are retrievable. Not applicable when there is no "
    "backup (ADM-017 fails); how recent the test is, is a benchmark (ADM-035).",
    remediation="Restore from backup as a test and record contingency.backup.last_restore_test.",
)
def restore_tested(config: Config, ctx: Context) -> Outcome:
    """The backup is only as good as the last restore that worked."""
    none = _no_backup(config)
    if none is not None:
        return none
    pointer = f"{BACKUP}/last_restore_test"
    state = cadence(get(config, pointer), ctx.as_of, 1200)
    if state.state in ("missing", "future"):
        return failed(describe_cadence(state, "restore test", "", ctx.as_of),
                      where(config, pointer))
    return passed(f"a restore from backup was tested on {state.last}", pointer)


@control(
    id="ADM-035",
    title="A restore from backup is tested at least every 12 months (benchmark)",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(D)"],
    basis="benchmark",
    severity="medium",
    risk="A restore test older than a year may no longer reflect today's systems; restores "
    "were shown to work once.",
    tailorable="months between restore tests",
    rationale="Benchmark: HIPAA sets no interval for restore tests; 12 months is the benchmark "
    "used here (a proposed rule would require monthly tests). Not applicable when there is no "
    "backup or no restore test on record (ADM-017, ADM-034 fail).",
    remediation="Test a restore at least every 12 months and record contingency.backup."
    "last_restore_test.",
)
def restore_test_cycle(config: Config, ctx: Context) -> Outcome:
    """Systems change; a restore that worked last year may not work today."""
    none = _no_backup(config)
    if none is not None:
        return none
    pointer = f"{BACKUP}/last_restore_test"
    if not _on_record(config, pointer, ctx):
        return not_applicable("no restore test is on record (ADM-034)", where(config, pointer))
    outcome = cadence_outcome(
        config, pointer, _months(ctx.limit(BENCHMARK_MONTHS)), ctx, what="restore test",
        turns_why="the yearly restore test falls due",
    )
    return with_note(outcome, "benchmark: 12 months; HIPAA sets no interval")


@control(
    id="ADM-036",
    title="A copy of the backups is kept offsite (benchmark)",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(A)"],
    basis="benchmark",
    severity="medium",
    risk="Backups kept beside the originals can be lost with them to fire or ransomware; "
    "they still cover ordinary data loss.",
    rationale="Benchmark: HIPAA requires retrievable copies but does not say where they are "
    "kept; an offsite or separate-region copy is common practice and HHS's ransomware "
    "guidance stresses backups the attack cannot reach. Not applicable when there is no backup "
    "(ADM-017 fails).",
    remediation="Keep a copy of the backups offsite or in a separate cloud region and set "
    "contingency.backup.offsite: true.",
)
def backup_offsite(config: Config, ctx: Context) -> Outcome:
    """Copies kept beside the originals die with them."""
    return _no_backup(config) or flag(
        config,
        f"{BACKUP}/offsite",
        "a copy of the backups is kept offsite",
        "backups are not kept offsite (benchmark: an offsite or separate-region copy)",
    )


@control(
    id="ADM-018",
    title="A disaster recovery plan is documented",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(B)"],
    basis="required",
    severity="high",
    risk="Without a recovery plan, an outage or ransomware attack keeps telehealth and the "
    "record down while a way back is improvised.",
    rationale="HIPAA requires procedures to restore any loss of data. A restore-time objective "
    "is a benchmark (ADM-037).",
    remediation="Document the disaster recovery plan and set contingency.disaster_recovery."
    "plan_documented: true.",
)
def disaster_recovery(config: Config, ctx: Context) -> Outcome:
    """Backups are useless without a rehearsed way back to service."""
    return flag(
        config,
        DR_PLAN,
        "a disaster recovery plan is documented",
        "no disaster recovery plan is documented",
    )


@control(
    id="ADM-037",
    title="The disaster recovery plan sets a restore-time objective (benchmark)",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(B)"],
    basis="benchmark",
    severity="low",
    risk="A plan without a target restore time cannot be tested or resourced; the plan "
    "exists.",
    rationale="Benchmark: HIPAA asks for restore procedures, not for a target time; a "
    "restore-time objective is common practice (a proposed rule would require 72 hours). Not "
    "applicable when there is no plan (ADM-018 fails).",
    remediation="Set a restore-time objective in the plan and record it as "
    "contingency.disaster_recovery.restore_time_hours.",
)
def restore_time_objective(config: Config, ctx: Context) -> Outcome:
    """What cannot be measured cannot be rehearsed."""
    if not is_on(config, DR_PLAN):
        return not_applicable("no disaster recovery plan is documented (ADM-018)",
                              where(config, DR_PLAN))
    hours = get(config, RTO)
    if hours is None:
        return failed(
            "the disaster recovery plan sets no restore-time objective (benchmark; HIPAA sets "
            "none)",
            where(config, RTO),
        )
    return passed(f"the disaster recovery plan restores service within {plural(hours, 'hour')}",
                  RTO)


@control(
    id="ADM-019",
    title="An emergency mode operation plan is documented",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(C)"],
    basis="required",
    severity="high",
    risk="Downtime workarounds improvised under pressure (personal phones, paper left out) "
    "are where ePHI leaks while systems are down.",
    rationale="When systems are down, care continues (phone visits, paper downtime forms); "
    "HIPAA requires procedures that keep critical processes running with ePHI still protected.",
    remediation="Document the emergency mode operation plan and set "
    "contingency.emergency_mode.plan_documented: true.",
)
def emergency_mode(config: Config, ctx: Context) -> Outcome:
    """Downtime workarounds improvised under pressure are where ePHI leaks."""
    return flag(
        config,
        "/contingency/emergency_mode/plan_documented",
        "an emergency mode operation plan is documented",
        "no emergency mode operation plan is documented",
    )


@control(
    id="ADM-020",
    title="Contingency plans are tested and revised periodically, on the organization's cycle",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(D)"],
    basis="addressable",
    severity="medium",
    risk="Contingency plans rot as platforms change; the first test of an untested plan "
    "should not be the disaster.",
    rationale="The specification asks for periodic testing and revision of the contingency "
    "plans and sets no interval: this control holds the organization to its own declared "
    "cycle (contingency.testing.frequency_months). The 12-month benchmark is ADM-038.",
    remediation="Test the contingency plans (a tabletop or failover exercise), revise them, set "
    "contingency.testing.last_test and declare contingency.testing.frequency_months.",
)
def contingency_testing(config: Config, ctx: Context) -> Outcome:
    """The first test of an untested plan should not be the disaster."""
    return _periodic(
        config, ctx, CONTINGENCY_TEST, CONTINGENCY_CYCLE, "contingency plan test",
        "the contingency plan test falls due on the organization's cycle",
    )


@control(
    id="ADM-038",
    title="Contingency plans are tested at least every 12 months (benchmark)",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(D)"],
    basis="benchmark",
    severity="low",
    risk="A plan tested less than yearly may lag platform changes for a while; it has been "
    "tested.",
    tailorable="months between contingency plan tests",
    rationale="Benchmark: yearly testing is common practice; HIPAA says periodically. Not "
    "applicable when no test is on record (ADM-020 fails).",
    remediation="Test the contingency plans at least every 12 months and record "
    "contingency.testing.last_test.",
)
def contingency_testing_benchmark(config: Config, ctx: Context) -> Outcome:
    """Yearly is the cadence auditors expect for contingency exercises."""
    if not _on_record(config, CONTINGENCY_TEST, ctx):
        return not_applicable("no contingency plan test is on record (ADM-020)",
                              where(config, CONTINGENCY_TEST))
    outcome = cadence_outcome(
        config, CONTINGENCY_TEST, _months(ctx.limit(BENCHMARK_MONTHS)), ctx,
        what="contingency plan test", turns_why="the yearly contingency plan test falls due",
    )
    return with_note(outcome, "benchmark: 12 months; HIPAA says periodically")


@control(
    id="ADM-021",
    title="Applications and data are ranked by criticality",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(E)"],
    basis="addressable",
    severity="medium",
    risk="Without a ranking, recovery restores whatever someone remembers first, and the EHR "
    "or e-prescribing may come back last.",
    rationale="Recovery order decides what comes back first (the EHR and e-prescribing before "
    "scheduling); a criticality analysis sets it before the outage, not during.",
    remediation="Rank applications and data by criticality and set "
    "contingency.criticality_analysis: true.",
)
def criticality_analysis(config: Config, ctx: Context) -> Outcome:
    """Without a ranking, recovery restores whatever someone remembers first."""
    return flag(
        config,
        "/contingency/criticality_analysis",
        "applications and data are ranked by criticality for recovery",
        "no applications and data criticality analysis exists",
    )


@control(
    id="ADM-022",
    title="Security is evaluated periodically, on the organization's cycle, and after "
    "environment changes",
    domain="administrative",
    cites=["164.308(a)(8)"],
    basis="required",
    severity="medium",
    risk="Safeguards drift from the rule as platforms change; without evaluation the drift "
    "goes unnoticed.",
    rationale="HIPAA requires periodic technical and non-technical evaluation of how well the "
    "safeguards meet the rule, and again in response to environmental or operational changes "
    "(a new telehealth platform). It sets no interval: this control holds the organization to "
    "its own declared cycle (evaluation.frequency_months); the 12-month benchmark is ADM-039.",
    remediation="Perform the evaluation (evaluation.last_performed) on the declared cycle "
    "(evaluation.frequency_months) and after changes (evaluation.after_environment_change: true).",
)
def evaluation(config: Config, ctx: Context) -> Outcome:
    """Safeguards drift from the rule as the setup changes; evaluation catches the drift."""
    outcome = _periodic(
        config, ctx, EVALUATION, EVALUATION_CYCLE, "evaluation",
        "the periodic evaluation falls due on the organization's cycle",
    )
    change = "/evaluation/after_environment_change"
    if is_on(config, change):
        return outcome
    message = "it is not repeated after environment changes"
    if outcome.status == "pass":
        return failed(f"{outcome.message}; {message}", [*outcome.paths, where(config, change)])
    return failed(f"{outcome.message}; {message}", unique([*outcome.paths, where(config, change)]))


@control(
    id="ADM-039",
    title="Security is evaluated at least every 12 months (benchmark)",
    domain="administrative",
    cites=["164.308(a)(8)"],
    basis="benchmark",
    severity="low",
    risk="An evaluation older than a year may miss recent drift; the safeguards were "
    "evaluated.",
    tailorable="months between evaluations",
    rationale="Benchmark: yearly evaluation is common practice (and the NPRM's proposed "
    "compliance audit cadence); HIPAA says periodically. Not applicable when no evaluation is "
    "on record (ADM-022 fails).",
    remediation="Evaluate at least every 12 months and record evaluation.last_performed.",
)
def evaluation_benchmark(config: Config, ctx: Context) -> Outcome:
    """Yearly is the cadence auditors expect for the evaluation."""
    if not _on_record(config, EVALUATION, ctx):
        return not_applicable("no evaluation is on record (ADM-022)", where(config, EVALUATION))
    outcome = cadence_outcome(
        config, EVALUATION, _months(ctx.limit(BENCHMARK_MONTHS)), ctx, what="evaluation",
        turns_why="the yearly evaluation falls due",
    )
    return with_note(outcome, "benchmark: 12 months; HIPAA says periodically")


@control(
    id="ADM-023",
    title="Workforce access to ePHI is controlled from hiring to departure",
    domain="administrative",
    cites=["164.308(a)(3)", "164.308(a)(3)(ii)(A)", "164.308(a)(3)(ii)(B)", "164.308(a)(3)(ii)(C)"],
    basis="required",
    severity="high",
    risk="Access that is never granted deliberately, or never taken away, is how insiders and "
    "former staff reach ePHI they should not.",
    rationale="The workforce security standard is required even though its three "
    "specifications are addressable: whatever the means, access must be appropriate when a "
    "person joins (authorization, supervision or clearance), stay limited while they work "
    "(least privilege), and end when they leave (a termination procedure). Every stage needs "
    "a measure: one missing fails the control. ADM-003 to ADM-005 judge the measures.",
    remediation="Put a measure at each stage: workforce.authorization_supervision or "
    "clearance_procedure when joining, access_control.least_privilege while working, and "
    "workforce.termination.procedure_documented when leaving.",
)
def workforce_security(config: Config, ctx: Context) -> Outcome:
    """Access that is never granted deliberately, or never taken away, is how insiders overreach."""
    joining = [f"{WORKFORCE}/authorization_supervision", f"{WORKFORCE}/clearance_procedure"]
    stages = [
        (
            "joining (authorization, supervision or clearance)",
            any(is_on(config, path) for path in joining),
            [where(config, path) for path in joining],
        ),
        (
            "working (least privilege)",
            is_on(config, "/access_control/least_privilege"),
            [where(config, "/access_control/least_privilege")],
        ),
        (
            "leaving (a termination procedure)",
            is_on(config, TERMINATION),
            [where(config, TERMINATION)],
        ),
    ]
    missing = [(label, paths) for label, ok, paths in stages if not ok]
    if not missing:
        return passed(
            "workforce access is controlled when joining, while working and when leaving",
            [
                f"{WORKFORCE}/authorization_supervision",
                "/access_control/least_privilege",
                TERMINATION,
            ],
        )
    return failed(
        "workforce access has no control when " + join(label for label, _ in missing),
        unique(path for _, paths in missing for path in paths),
    )

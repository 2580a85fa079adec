"""NPRM readiness for notices, cadences and monitoring (90 FR 898, January 2025): PROPOSED only.

controls/nprm.py holds the first readiness checks (inventory, patching, MFA, encryption, scans,
backups). These add the proposed rule's remaining operational duties: 24-hour notices (a
business associate's contingency-plan activation, workforce access changes at other entities),
training every 12 months and within 30 days, a yearly incident response test, account lockout
with separate privileged identities, real-time audit alerting, monitoring of vulnerability
sources, a six-monthly backup review and an evaluation before changes. They run only under the
`hipaa-2025-nprm` profile, cite only proposed sections and are readiness gaps, never
violations: every message says what the proposed rule would require (not yet in force).
"""

from __future__ import annotations

from collections.abc import Iterable

from phi_policy.control import (
    Config,
    associates_with_baa_in_force,
    cadence,
    control,
    describe_cadence,
    each,
    failed,
    get,
    key_path,
    name_of,
    not_applicable,
    passed,
    shortfalls,
    unique,
    where,
)
from phi_policy.model import Context, Outcome

PROFILE = ["hipaa-2025-nprm"]
TRAINING = "/workforce/training"


def proposed(what: str) -> str:
    """The opening every readiness message shares, so none reads as a violation."""
    return f"the proposed rule would require {what} (not yet in force); "


def undeclared(pointer: str) -> str:
    """The hint for an absent key: a readiness item is never ready by silence."""
    return f"not declared: set {key_path(pointer)}"


def readiness(what: str, gaps: list[tuple[str, str]], ready: str, paths: Iterable[str]) -> Outcome:
    """Ready when `gaps` (label, pointer) is empty; else a readiness gap naming each."""
    if gaps:
        return failed(proposed(what) + "; ".join(label for label, _ in gaps),
                      unique(at for _, at in gaps))
    return passed(proposed(what) + "ready: " + ready, list(paths))


def hours_within(config: Config, pointer: str, limit: int, label: str) -> list[tuple[str, str]]:
    """The gap, if any, of a number of hours (or days) that must be declared and at most `limit`."""
    value = get(config, pointer)
    if not isinstance(value, int) or isinstance(value, bool):
        return [(f"no {label} is set ({undeclared(pointer)})", where(config, pointer))]
    if value > limit:
        return [(f"the {label} is {value}, over {limit}", pointer)]
    return []


def every(
    config: Config, ctx: Context, pointer: str, months: int, what: str
) -> list[tuple[str, str]]:
    """The gap, if any, of an activity due every `months` months."""
    state = cadence(get(config, pointer), ctx.as_of, months)
    if state.current:
        return []
    text = describe_cadence(state, what, f"{months}-month", ctx.as_of)
    if state.state == "missing":
        text += f" ({undeclared(pointer)})"
    return [(text, where(config, pointer))]


@control(
    id="NPRM-016",
    title="BAAs require notice within 24 hours of a contingency plan activation",
    domain="governance",
    cites=["NPRM 164.314(a)(2)(i)(D)"],
    basis="proposed",
    severity="medium",
    risk="A vendor that quietly runs on its contingency plan leaves the organization unaware "
    "that its telehealth platform or records may be degraded or lost.",
    rationale="The NPRM would require each BAA to make the business associate report the "
    "activation of its contingency plan to the covered entity without unreasonable delay and "
    "no later than 24 hours after activation. Every BAA in force counts. Proposed, not in force.",
    remediation="Add the 24-hour term to each BAA at renewal and record "
    "business_associates[].baa.contingency_notice_hours (24 or less).",
    profiles=PROFILE,
)
def contingency_notice(config: Config, ctx: Context) -> Outcome:
    """An outage at the video vendor is the organization's outage too."""
    what = "BAAs to require notice within 24 hours of a contingency plan activation"
    rows = []
    for pointer, ba in associates_with_baa_in_force(config, ctx.as_of):
        gaps = hours_within(config, f"{pointer}/baa/contingency_notice_hours", 24, "notice time")
        rows.append((f"{pointer}/baa", name_of(ba, pointer), gaps[0][0] if gaps else None))
    outcome = each(
        rows, what="BAAs in force",
        none=not_applicable(proposed(what) + "no BAA in force to examine", "/business_associates"),
    )
    if outcome.status == "fail":
        return failed(proposed(what) + outcome.message, outcome.paths, instances=outcome.instances)
    if outcome.status == "pass":
        return passed(proposed(what) + "ready: " + outcome.message, outcome.paths)
    return outcome


@control(
    id="NPRM-017",
    title="Other entities told within 24 hours when a workforce member's access to their ePHI "
    "changes",
    domain="administrative",
    cites=["NPRM 164.308(a)(9)(ii)(D)"],
    basis="proposed",
    severity="medium",
    risk="A departed employee's account at a partner's EHR or portal stays open until someone "
    "there notices.",
    rationale="The NPRM would require a regulated entity to notify another covered entity or "
    "business associate within 24 hours when a workforce member's authorization to access that "
    "entity's ePHI or systems changes or ends. Proposed, not in force.",
    remediation="Add the notice to the termination and access-change procedures and set "
    "workforce.access_change_notice_hours (24 or less).",
    profiles=PROFILE,
)
def access_change_notice(config: Config, ctx: Context) -> Outcome:
    """The partner cannot close an account it does not know should be closed."""
    pointer = "/workforce/access_change_notice_hours"
    return readiness(
        "notice to other entities within 24 hours of a workforce access change",
        hours_within(config, pointer, 24, "notice time for access changes, in hours"),
        f"other entities are told within {get(config, pointer)} hours",
        [pointer],
    )


@control(
    id="NPRM-018",
    title="Security training every 12 months, and within 30 days for new or affected staff",
    domain="administrative",
    cites=["NPRM 164.308(a)(11)"],
    basis="proposed",
    severity="medium",
    risk="Staff trained years ago, or not yet trained, fall for the phishing that starts most "
    "telehealth breaches.",
    rationale="The NPRM would require security awareness training of all workforce members at "
    "least every 12 months, of new members within 30 days of first access, and of members a "
    "material change affects within 30 days of it. Proposed, not in force.",
    remediation="Train at least yearly (workforce.training.frequency_months <= 12, "
    "last_completed within 12 months), new hires within 30 days (new_hire_within_days) and "
    "affected staff within 30 days of a policy change (after_policy_change_within_days).",
    profiles=PROFILE,
)
def training_cadence(config: Config, ctx: Context) -> Outcome:
    """A fixed cadence would replace 'periodic' and 'reasonable period'."""
    gaps = (
        hours_within(config, f"{TRAINING}/frequency_months", 12, "training cycle, in months")
        + every(config, ctx, f"{TRAINING}/last_completed", 12, "training")
        + hours_within(config, f"{TRAINING}/new_hire_within_days", 30,
                       "deadline for training new members, in days")
        + hours_within(config, f"{TRAINING}/after_policy_change_within_days", 30,
                       "deadline for training after a policy change, in days")
    )
    return readiness(
        "training every 12 months and within 30 days for new or affected staff",
        gaps,
        "training runs every 12 months or less, and new and affected staff are trained within "
        "30 days",
        [f"{TRAINING}/{k}" for k in ("frequency_months", "last_completed",
                                     "new_hire_within_days", "after_policy_change_within_days")],
    )


@control(
    id="NPRM-019",
    title="Incident response plan written and tested every 12 months",
    domain="administrative",
    cites=["NPRM 164.308(a)(12)"],
    basis="proposed",
    severity="medium",
    risk="An untested plan fails on the night of a ransomware attack: wrong phone numbers, "
    "missing roles, no way to reach the platform vendor.",
    rationale="The NPRM would require written incident response plans and procedures, tested "
    "at least every 12 months with the results documented. Proposed, not in force.",
    remediation="Document the plan (incident_response.plan_documented: true) and test it "
    "yearly (incident_response.last_tested).",
    profiles=PROFILE,
)
def incident_plan_tested(config: Config, ctx: Context) -> Outcome:
    """A tabletop exercise finds the gaps before an attacker does."""
    gaps = shortfalls(config, [("no written incident response plan",
                                "/incident_response/plan_documented")])
    gaps += every(config, ctx, "/incident_response/last_tested", 12, "incident response test")
    return readiness(
        "a written incident response plan tested every 12 months",
        gaps,
        "the incident response plan is written and was tested within 12 months",
        ["/incident_response/plan_documented", "/incident_response/last_tested"],
    )


@control(
    id="NPRM-020",
    title="Accounts lock after failed log-ins, and privileged work uses separate identities",
    domain="technical",
    cites=["NPRM 164.312(a)"],
    basis="proposed",
    severity="medium",
    risk="Unlimited password guessing and everyday accounts with administrator rights turn one "
    "phished clinician or admin into control of every system.",
    rationale="The NPRM's expanded access control would require, among other things, locking "
    "accounts after failed log-in attempts and separate user identities for privileged "
    "access. Proposed, not in force; the number of attempts would be the entity's to set.",
    remediation="Set access_control.password_policy.lockout_after_failed_attempts and give "
    "administrators separate privileged accounts (access_control.separate_privileged_accounts: "
    "true).",
    profiles=PROFILE,
)
def lockout_and_privileged(config: Config, ctx: Context) -> Outcome:
    """Admin rights on an everyday mailbox account are one phish from the whole domain."""
    lockout = "/access_control/password_policy/lockout_after_failed_attempts"
    gaps = []
    if not isinstance(get(config, lockout), int):
        gaps.append((f"no lockout after failed log-ins is set ({undeclared(lockout)})",
                     where(config, lockout)))
    gaps += shortfalls(config, [("no separate privileged identities",
                                 "/access_control/separate_privileged_accounts")])
    return readiness(
        "account lockout after failed log-ins and separate privileged identities",
        gaps,
        f"accounts lock after {get(config, lockout)} failed log-ins and privileged work uses "
        "separate identities",
        [lockout, "/access_control/separate_privileged_accounts"],
    )


def one_flag(
    config: Config, what: str, pointer: str, missing: str, ready: str
) -> Outcome:
    """A readiness item that is one yes/no safeguard."""
    return readiness(what, shortfalls(config, [(missing, pointer)]), ready, [pointer])


@control(
    id="NPRM-021",
    title="Audit logs alert on suspicious activity in real time",
    domain="technical",
    cites=["NPRM 164.312(d)"],
    basis="proposed",
    severity="medium",
    risk="Logs read once a month show an intrusion weeks after the data left.",
    rationale="The NPRM would require technical controls that record activity in relevant "
    "systems in real time and alert on suspicious activity. Proposed, not in force.",
    remediation="Send the ePHI systems' logs to monitoring that alerts in real time and set "
    "audit_controls.real_time_alerting: true.",
    profiles=PROFILE,
)
def real_time_alerting(config: Config, ctx: Context) -> Outcome:
    """Detection measured in minutes, not in review cycles."""
    return one_flag(config, "real-time alerting on audit logs",
                    "/audit_controls/real_time_alerting", "no real-time alerting",
                    "audit logs alert on suspicious activity in real time")


@control(
    id="NPRM-022",
    title="Authoritative vulnerability sources are monitored",
    domain="technical",
    cites=["NPRM 164.312(h)(2)(ii)"],
    basis="proposed",
    severity="low",
    risk="A vulnerability under active exploitation is patched only when a scan happens to "
    "find it.",
    rationale="The NPRM would require monitoring authoritative sources of known vulnerabilities "
    "on an ongoing basis and remediating what they report. Proposed, not in force.",
    remediation="Subscribe to vendor advisories and the CISA Known Exploited Vulnerabilities "
    "catalog and set vulnerability_management.vulnerability_sources_monitored: true.",
    profiles=PROFILE,
)
def vulnerability_sources(config: Config, ctx: Context) -> Outcome:
    """Advisories arrive between scans."""
    return one_flag(config, "monitoring of authoritative vulnerability sources",
                    "/vulnerability_management/vulnerability_sources_monitored",
                    "vulnerability sources are not monitored",
                    "authoritative vulnerability sources are monitored")


@control(
    id="NPRM-023",
    title="Backup and recovery controls reviewed every 6 months",
    domain="administrative",
    cites=["NPRM 164.312(j)"],
    basis="proposed",
    severity="low",
    risk="Backup jobs drift (a new system left out, a retention change) and nobody notices "
    "until a restore fails.",
    rationale="The NPRM would require reviewing and testing the information systems' backup "
    "and recovery controls at least every six months. Proposed, not in force.",
    remediation="Review the backup and recovery controls every 6 months and record "
    "contingency.backup.last_review.",
    profiles=PROFILE,
)
def backup_review(config: Config, ctx: Context) -> Outcome:
    """A backup nobody reviews silently stops covering the newest system."""
    pointer = "/contingency/backup/last_review"
    gaps = every(config, ctx, pointer, 6, "backup and recovery review")
    return readiness("a review of backup and recovery controls every 6 months", gaps,
                     "the backup and recovery controls were reviewed within 6 months", [pointer])


@control(
    id="NPRM-024",
    title="Security evaluated before changes to the environment or operations",
    domain="governance",
    cites=["NPRM 164.308(a)(3)"],
    basis="proposed",
    severity="low",
    risk="A new platform or vendor evaluated only after go-live runs with its gaps until then.",
    rationale="The NPRM would require a written evaluation within a reasonable time before "
    "changes to the environment or operations that may affect ePHI (today's 164.308(a)(8) "
    "asks for one in response to such changes). Proposed, not in force.",
    remediation="Evaluate planned changes before they go live and set "
    "evaluation.before_changes: true.",
    profiles=PROFILE,
)
def evaluation_before_changes(config: Config, ctx: Context) -> Outcome:
    """The cheapest moment to find a gap in a new platform is before patients use it."""
    return one_flag(config, "an evaluation before changes", "/evaluation/before_changes",
                    "changes are not evaluated before they are made",
                    "changes are evaluated before they are made")

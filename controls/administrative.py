"""Administrative safeguards: sanctions, activity review, workforce security, information access
management, security awareness and training, incident procedures, contingency planning and
evaluation.

Citations: 164.308(a)(1)(ii)(C)-(D) and 164.308(a)(3)-(8) of the Security Rule.
"""

from __future__ import annotations

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
)
from phi_policy.model import Context, Outcome

WORKFORCE = "/workforce"
TRAINING = "/workforce/training"
TOPICS = "/workforce/training/topics"
REVOCATION = "/workforce/termination/access_revocation_hours"
REVIEW_DAYS = "/audit_controls/review_frequency_days"
PASSWORDS = "/access_control/password_policy"
INCIDENT = "/incident_response"
BACKUP = "/contingency/backup"

#: Training topics every security awareness program covers (the 164.308(a)(5)(ii) subjects).
CORE_TOPICS = ("phishing", "passwords", "malware", "incident_reporting")


@control(
    id="ADM-001",
    title="A sanction policy exists and sanctions applied are documented",
    domain="administrative",
    cites=["164.308(a)(1)(ii)(C)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="HIPAA requires sanctions against workforce members who break security policy "
    "(snooping in a celebrity's record, recording a video visit on a personal phone); OCR "
    "asks for the policy and for records showing it is applied.",
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
        return partial(
            0.5,
            "a sanction policy exists but the sanctions applied are not documented",
            where(config, applied),
        )
    return passed(
        "a sanction policy exists and sanctions applied are documented", [policy, applied]
    )


@control(
    id="ADM-002",
    title="Audit logs are reviewed at least every 30 days",
    domain="administrative",
    cites=["164.308(a)(1)(ii)(D)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Logs nobody reads do not detect anything: HIPAA requires regular review of "
    "audit logs, access reports and incident tracking. HIPAA sets no interval; 30 days is the "
    "benchmark used here (weekly or continuous review is better), 90 days earns partial credit.",
    remediation="Enable audit logging (audit_controls.enabled) and review the logs at least "
    "monthly: set audit_controls.review_frequency_days to 30 or less.",
)
def activity_review(config: Config, ctx: Context) -> Outcome:
    """Inappropriate record access is found in the logs, if someone looks."""
    if not is_on(config, "/audit_controls/enabled"):
        return failed(
            "audit logging is not enabled, so there is no system activity to review",
            where(config, "/audit_controls/enabled"),
        )
    return at_most(
        config,
        REVIEW_DAYS,
        30,
        half_credit_up_to=90,
        missing="no audit log review frequency is set",
        within=lambda days: f"audit logs are reviewed every {days} days",
        over=lambda days: f"audit logs are reviewed every {days} days; the benchmark is 30 or less",
    )


@control(
    id="ADM-003",
    title="Workforce members with ePHI access are authorized or supervised",
    domain="administrative",
    cites=["164.308(a)(3)(ii)(A)", "164.308(a)(3)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
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
    risk="TODO",
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
    title="Access is revoked within 24 hours of termination",
    domain="administrative",
    cites=["164.308(a)(3)(ii)(C)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="A departed clinician whose telehealth and EHR accounts still work is a common "
    "source of breaches. HIPAA sets no deadline; 24 hours is the benchmark used here (72 "
    "hours earns partial credit), and the NPRM would require 1 hour.",
    remediation="Document the termination procedure (workforce.termination."
    "procedure_documented) and revoke all access within 24 hours (access_revocation_hours: "
    "24 or less; 1 to meet the NPRM).",
)
def termination(config: Config, ctx: Context) -> Outcome:
    """Accounts that outlive employment are open doors to ePHI."""
    procedure = f"{WORKFORCE}/termination/procedure_documented"
    if not is_on(config, procedure):
        return failed("there is no documented termination procedure", where(config, procedure))
    return at_most(
        config,
        REVOCATION,
        24,
        half_credit_up_to=72,
        missing="the termination procedure sets no deadline for revoking access",
        within=lambda hours: f"access is revoked within {plural(hours, 'hour')} of termination",
        over=lambda hours: f"access is revoked within {hours} hours of termination; "
        "the benchmark is 24 or less",
    )


@control(
    id="ADM-006",
    title="Clearinghouse functions are isolated from the rest of the organization",
    domain="administrative",
    cites=["164.308(a)(4)(ii)(A)", "164.308(a)(4)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="A clearinghouse inside a larger organization must shield its ePHI from the rest "
    "of it. The config records the two measures that carry the isolation: network "
    "segmentation and role-based access.",
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
    return by_fraction(
        len(measures) - len(missing),
        len(measures),
        "clearinghouse functions are not isolated: missing " + join(label for label, _ in missing),
        [at for _, at in missing],
    )


@control(
    id="ADM-007",
    title="Access to ePHI is granted under a documented authorization policy",
    domain="administrative",
    cites=["164.308(a)(4)(ii)(B)", "164.308(a)(4)"],
    basis="addressable",
    severity="high",
    risk="TODO",
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
    title="Access is established, modified and reviewed at least every 12 months",
    domain="administrative",
    cites=["164.308(a)(4)(ii)(C)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="Users change roles; access rights must be set up, changed and periodically "
    "reviewed to match. HIPAA sets no interval; 12 months is the outer benchmark used here "
    "(quarterly or semi-annual reviews are common for privileged and telehealth accounts).",
    remediation="Document the access establishment and modification procedure (access_control."
    "access_modification_procedure: true) and review all access at least yearly "
    "(access_review_frequency_months: 12 or less).",
)
def access_modification(config: Config, ctx: Context) -> Outcome:
    """Role changes leave stale privileges unless access is reviewed on a schedule."""
    procedure = "/access_control/access_modification_procedure"
    frequency = "/access_control/access_review_frequency_months"
    if not is_on(config, procedure):
        return failed(
            "there is no documented procedure for establishing and modifying access",
            where(config, procedure),
        )
    months = get(config, frequency)
    if months is None:
        return partial(
            0.5,
            "access is established and modified by procedure but never periodically reviewed",
            where(config, frequency),
        )
    if months <= 12:
        return passed(
            f"access is managed by procedure and reviewed every {months} months", frequency
        )
    return partial(
        0.5, f"access is reviewed every {months} months; the benchmark is 12 or less", frequency
    )


@control(
    id="ADM-009",
    title="Security training runs at least yearly with 95% completion",
    domain="administrative",
    cites=["164.308(a)(5)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="HIPAA requires a security awareness and training program for all workforce "
    "members including management. It sets no interval: yearly is the benchmark (and the "
    "NPRM's proposal), with new hires trained within 30 days. Completion under 95% earns "
    "partial credit, under 80% none: the untrained few are who phishing finds.",
    remediation="Run the training cycle at least every 12 months (workforce.training."
    "last_completed, frequency_months), reach 95% completion (completion_rate_percent) and "
    "train new hires within 30 days (new_hire_within_days).",
)
def training_program(config: Config, ctx: Context) -> Outcome:
    """People are the telehealth stack's largest attack surface; training is the patch."""
    months = cycle_months(config, f"{TRAINING}/frequency_months")
    state = cadence(get(config, f"{TRAINING}/last_completed"), ctx.as_of, months)
    failures: list[str] = []
    gaps: list[str] = []
    paths: list[str] = []
    credit = 1.0
    if not state.current:
        failures.append(describe_cadence(state, "training cycle", f"{months}-month", ctx.as_of))
        paths.append(where(config, f"{TRAINING}/last_completed"))
    rate = get(config, f"{TRAINING}/completion_rate_percent")
    if rate is None:
        credit *= 0.5
        gaps.append("no completion rate is recorded")
        paths.append(where(config, f"{TRAINING}/completion_rate_percent"))
    elif rate < 80:
        failures.append(f"completion is {rate}%; the benchmark is 95% (80% for partial credit)")
        paths.append(f"{TRAINING}/completion_rate_percent")
    elif rate < 95:
        credit *= 0.5
        gaps.append(f"completion is {rate}%; the benchmark is 95%")
        paths.append(f"{TRAINING}/completion_rate_percent")
    new_hire = get(config, f"{TRAINING}/new_hire_within_days")
    if new_hire is None or new_hire > 30:
        credit *= 0.75
        gaps.append(
            "no deadline is set for training new hires"
            if new_hire is None
            else f"new hires are trained within {new_hire} days; the benchmark is 30"
        )
        paths.append(where(config, f"{TRAINING}/new_hire_within_days"))
    if failures:
        return failed("training: " + "; ".join(failures + gaps), unique(paths))
    if gaps:
        return partial(
            credit,
            "training: " + "; ".join(gaps),
            unique(paths),
            turns_on=state.due,
            turns_why="the yearly training cycle falls due",
        )
    return passed(
        f"training: {describe_cadence(state, 'training cycle', f'{months}-month', ctx.as_of)}; "
        f"{rate}% completion; new hires within {new_hire} days",
        f"{TRAINING}/last_completed",
        turns_on=state.due,
        turns_why="the yearly training cycle falls due",
    )


@control(
    id="ADM-010",
    title="Training covers phishing, passwords, malware, incident reporting, telehealth and BYOD",
    domain="administrative",
    cites=["164.308(a)(5)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="The training standard's specifications name malicious software, log-in "
    "monitoring and password management; phishing and incident reporting are how those "
    "threats reach and leave the workforce. An organization that offers telehealth or allows "
    "BYOD must also train on those.",
    remediation="Add the missing topics to workforce.training.topics and to the course: "
    "phishing, passwords, malware, incident_reporting, plus telehealth_privacy when offering "
    "telehealth and byod when byod.allowed is true.",
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
        "training does not cover " + join(missing),
        where(config, TOPICS),
    )


@control(
    id="ADM-011",
    title="Periodic security reminders go to the workforce",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(A)"],
    basis="addressable",
    severity="low",
    risk="TODO",
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
    title="Malicious software is guarded against, and the workforce is trained on it",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(B)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="Ransomware is the leading cause of large health care breaches; the "
    "specification asks for procedures to guard against, detect and report malicious "
    "software, which means both anti-malware tooling and a workforce that recognizes and "
    "reports it.",
    remediation="Deploy anti-malware on all endpoints and servers (vulnerability_management."
    "anti_malware: true) and add malware to workforce.training.topics.",
)
def malware_protection(config: Config, ctx: Context) -> Outcome:
    """Ransomware takes telehealth offline and ePHI with it."""
    tooling = "/vulnerability_management/anti_malware"
    if not is_on(config, tooling):
        return failed("no anti-malware protection is in place", where(config, tooling))
    if "malware" not in (get(config, TOPICS) or []):
        return partial(
            0.5,
            "anti-malware is in place but the workforce is not trained to recognize and report "
            "malware",
            where(config, TOPICS),
        )
    return passed(
        "anti-malware is in place and the workforce is trained on malware", [tooling, TOPICS]
    )


@control(
    id="ADM-013",
    title="Log-in attempts are monitored and discrepancies reported",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(C)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="Repeated failed log-ins to a patient portal or clinician account are the first "
    "sign of password spraying; the specification asks for monitoring and for the workforce "
    "to report anomalies (an unexpected MFA prompt).",
    remediation="Monitor and alert on failed log-ins (access_control.login_monitoring: true) "
    "and add login_monitoring to workforce.training.topics.",
)
def login_monitoring(config: Config, ctx: Context) -> Outcome:
    """Credential attacks show up as failed log-ins long before they succeed."""
    monitoring = "/access_control/login_monitoring"
    if not is_on(config, monitoring):
        return failed("failed log-in attempts are not monitored", where(config, monitoring))
    if "login_monitoring" not in (get(config, TOPICS) or []):
        return partial(
            0.75,
            "log-ins are monitored but the workforce is not trained to report log-in anomalies",
            where(config, TOPICS),
        )
    return passed(
        "log-in attempts are monitored and the workforce is trained to report anomalies", monitoring
    )


@control(
    id="ADM-014",
    title="Password management follows NIST SP 800-63B",
    domain="administrative",
    cites=["164.308(a)(5)(ii)(D)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="HIPAA asks only for password procedures; NIST SP 800-63B is the benchmark: at "
    "least 8 characters behind MFA, 15 for single-factor passwords, screening against "
    "breached-password lists, and no forced periodic rotation (not penalized here).",
    remediation="Set access_control.password_policy.min_length to 8 or more with MFA on all "
    "ePHI access (15 or more without) and enable breached_password_screening.",
)
def password_management(config: Config, ctx: Context) -> Outcome:
    """Weak or breached passwords are the commonest way into a telehealth account."""
    length_path = f"{PASSWORDS}/min_length"
    length = get(config, length_path)
    if length is None:
        return failed("no password policy minimum length is set", where(config, length_path))
    mfa = is_on(config, "/access_control/mfa/all_ephi_access")
    needed = 8 if mfa else 15
    factor = "with MFA on all ePHI access" if mfa else "without MFA on all ePHI access"
    if length < 8:
        return failed(
            f"the minimum password length is {length}; the benchmark is {needed} {factor}",
            length_path,
        )
    credit = 1.0
    gaps: list[str] = []
    paths: list[str] = []
    if length < needed:
        credit *= 0.5
        gaps.append(f"the minimum password length is {length}; the benchmark is {needed} {factor}")
        paths.append(length_path)
    screening = f"{PASSWORDS}/breached_password_screening"
    if not is_on(config, screening):
        credit *= 0.5
        gaps.append("passwords are not screened against breached-password lists")
        paths.append(where(config, screening))
    if gaps:
        return partial(credit, "; ".join(gaps), unique(paths))
    return passed(
        f"passwords are at least {length} characters ({factor}) and screened against "
        "breached-password lists",
        [length_path, screening],
    )


@control(
    id="ADM-015",
    title="An incident response plan is documented and tested within 12 months",
    domain="administrative",
    cites=["164.308(a)(6)(ii)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="HIPAA requires identifying and responding to security incidents, mitigating "
    "their effects and documenting them. An untested plan fails at the first real incident; "
    "yearly tabletop testing is the benchmark (and the NPRM's proposal).",
    remediation="Document the incident response plan (incident_response.plan_documented) and "
    "test it at least every 12 months (incident_response.last_tested).",
)
def incident_response(config: Config, ctx: Context) -> Outcome:
    """Breach clocks start at discovery; a rehearsed plan is what meets them."""
    plan = f"{INCIDENT}/plan_documented"
    tested = f"{INCIDENT}/last_tested"
    if not is_on(config, plan):
        return failed("no incident response plan is documented", where(config, plan))
    state = cadence(get(config, tested), ctx.as_of, 12)
    message = "the incident response plan is documented; " + describe_cadence(
        state, "test", "12-month", ctx.as_of
    )
    if state.current:
        return passed(
            message,
            tested,
            turns_on=state.due,
            turns_why="the yearly incident response test falls due",
        )
    if state.state == "future":
        return failed(message, tested)
    return partial(0.5, message, where(config, tested))


@control(
    id="ADM-016",
    title="The workforce has a channel to report security incidents, and is trained to use it",
    domain="administrative",
    cites=["164.308(a)(6)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="Most incidents (a misdirected message, a lost phone, a stranger on a video "
    "visit) are seen first by the workforce; the standard's procedures only start if people "
    "know where and how to report.",
    remediation="Provide a reporting channel (incident_response.reporting_channel: true) and "
    "add incident_reporting to workforce.training.topics.",
)
def incident_reporting(config: Config, ctx: Context) -> Outcome:
    """Unreported incidents are neither contained nor notified."""
    channel = f"{INCIDENT}/reporting_channel"
    if not is_on(config, channel):
        return failed(
            "the workforce has no channel to report security incidents",
            where(config, channel),
        )
    if "incident_reporting" not in (get(config, TOPICS) or []):
        return partial(
            0.5,
            "an incident reporting channel exists but the workforce is not trained to use it",
            where(config, TOPICS),
        )
    return passed(
        "an incident reporting channel exists and the workforce is trained to use it", channel
    )


@control(
    id="ADM-017",
    title="ePHI is backed up offsite, encrypted, and restores are proven yearly",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(A)", "164.308(a)(7)"],
    basis="required",
    severity="critical",
    risk="TODO",
    rationale="HIPAA requires retrievable exact copies of ePHI. Copies kept beside the "
    "originals die with them (ransomware, fire), unencrypted copies are a breach waiting to "
    "happen, and a backup never restored is not known to be retrievable: a restore test "
    "within 12 months is the benchmark here (the NPRM proposes monthly).",
    remediation="Enable backups (contingency.backup.enabled), keep them offsite and encrypted "
    "(offsite, encrypted) and test a restore at least yearly (last_restore_test).",
)
def data_backup(config: Config, ctx: Context) -> Outcome:
    """After ransomware, the backup is the only copy of the patient record."""
    if not is_on(config, f"{BACKUP}/enabled"):
        return failed("ePHI is not backed up", where(config, f"{BACKUP}/enabled"))
    gaps: list[str] = []
    paths: list[str] = []
    for key, text in (
        ("offsite", "backups are not kept offsite"),
        ("encrypted", "backups are not encrypted"),
    ):
        if not is_on(config, f"{BACKUP}/{key}"):
            gaps.append(text)
            paths.append(where(config, f"{BACKUP}/{key}"))
    state = cadence(get(config, f"{BACKUP}/last_restore_test"), ctx.as_of, 12)
    if not state.current:
        gaps.append(describe_cadence(state, "restore test", "12-month", ctx.as_of))
        paths.append(where(config, f"{BACKUP}/last_restore_test"))
    if gaps:
        return partial(
            (4 - len(gaps)) / 4, "ePHI is backed up, but " + "; ".join(gaps), unique(paths)
        )
    return passed(
        "ePHI is backed up offsite and encrypted; "
        + describe_cadence(state, "restore test", "12-month", ctx.as_of),
        f"{BACKUP}/last_restore_test",
        turns_on=state.due,
        turns_why="the yearly restore test falls due",
    )


@control(
    id="ADM-018",
    title="A disaster recovery plan with a restore-time objective is documented",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(B)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="HIPAA requires procedures to restore any loss of data; a plan without a target "
    "restore time cannot be tested or resourced.",
    remediation="Document the disaster recovery plan (contingency.disaster_recovery."
    "plan_documented: true) with a restore-time objective (restore_time_hours).",
)
def disaster_recovery(config: Config, ctx: Context) -> Outcome:
    """Backups are useless without a rehearsed way back to service."""
    plan = "/contingency/disaster_recovery/plan_documented"
    rto = "/contingency/disaster_recovery/restore_time_hours"
    if not is_on(config, plan):
        return failed("no disaster recovery plan is documented", where(config, plan))
    hours = get(config, rto)
    if hours is None:
        return partial(
            0.5,
            "the disaster recovery plan sets no restore-time objective",
            where(config, rto),
        )
    return passed(
        f"the disaster recovery plan restores service within {plural(hours, 'hour')}",
        [plan, rto],
    )


@control(
    id="ADM-019",
    title="An emergency mode operation plan is documented",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(C)"],
    basis="required",
    severity="high",
    risk="TODO",
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
    title="Contingency plans are tested and revised at least every 12 months",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(D)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="Contingency plans rot as platforms change; HIPAA asks for periodic testing and "
    "revision. The organization's cycle is used, held to 12 months at most.",
    remediation="Test the contingency plans (a tabletop or failover exercise), revise them, and "
    "set contingency.testing.last_test; keep contingency.testing.frequency_months at 12 or less.",
)
def contingency_testing(config: Config, ctx: Context) -> Outcome:
    """The first test of an untested plan should not be the disaster."""
    months = cycle_months(config, "/contingency/testing/frequency_months")
    return cadence_outcome(
        config,
        "/contingency/testing/last_test",
        months,
        ctx,
        what="contingency plan test",
        turns_why="the contingency plan test falls due",
    )


@control(
    id="ADM-021",
    title="Applications and data are ranked by criticality",
    domain="administrative",
    cites=["164.308(a)(7)(ii)(E)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
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
    title="Security is evaluated at least every 12 months and after environment changes",
    domain="administrative",
    cites=["164.308(a)(8)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="HIPAA requires periodic technical and non-technical evaluation of how well the "
    "safeguards meet the rule, and again when the environment changes (a new telehealth "
    "platform). HIPAA sets no interval; 12 months is the benchmark here.",
    remediation="Perform the evaluation (evaluation.last_performed) at least every 12 months "
    "(evaluation.frequency_months) and after changes (evaluation.after_environment_change: true).",
)
def evaluation(config: Config, ctx: Context) -> Outcome:
    """Safeguards drift from the rule as the setup changes; evaluation catches the drift."""
    months = cycle_months(config, "/evaluation/frequency_months")
    outcome = cadence_outcome(
        config,
        "/evaluation/last_performed",
        months,
        ctx,
        what="evaluation",
        turns_why="the periodic evaluation falls due",
    )
    change = "/evaluation/after_environment_change"
    if outcome.status == "pass" and not is_on(config, change):
        return partial(
            0.5,
            outcome.message + "; it is not repeated after environment changes",
            [*outcome.paths, where(config, change)],
            turns_on=outcome.turns_on,
            turns_why=outcome.turns_why,
        )
    return outcome


@control(
    id="ADM-023",
    title="Workforce access to ePHI is controlled from hiring to departure",
    domain="administrative",
    cites=["164.308(a)(3)", "164.308(a)(3)(ii)(A)", "164.308(a)(3)(ii)(B)", "164.308(a)(3)(ii)(C)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="The workforce security standard is required even though its three "
    "specifications are addressable: whatever the means, access must be appropriate when a "
    "person joins (authorization, supervision or clearance), stay limited while they work "
    "(least privilege), and end when they leave (a termination procedure). This control "
    "checks that each stage has a measure; ADM-003 to ADM-005 judge the measures.",
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
            is_on(config, f"{WORKFORCE}/termination/procedure_documented"),
            [where(config, f"{WORKFORCE}/termination/procedure_documented")],
        ),
    ]
    missing = [(label, paths) for label, ok, paths in stages if not ok]
    if not missing:
        return passed(
            "workforce access is controlled when joining, while working and when leaving",
            [
                f"{WORKFORCE}/authorization_supervision",
                "/access_control/least_privilege",
                f"{WORKFORCE}/termination/procedure_documented",
            ],
        )
    return by_fraction(
        len(stages) - len(missing),
        len(stages),
        "workforce access has no control when " + join(label for label, _ in missing),
        unique(path for _, paths in missing for path in paths),
    )

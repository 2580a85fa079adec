"""Readiness for the 2025 Security Rule NPRM (90 FR 898, January 6 2025): PROPOSED, not in force.

These controls run only under the `hipaa-2025-nprm` profile and have the legal basis
`proposed`: they cite only proposed sections ("NPRM ..."), their outcomes are readiness gaps
scored apart from the HIPAA score, never violations, and every message says what the proposed
rule would require. Cadences are those of the proposed regulatory text (90 FR 1010-1022): scans
every 6 months, penetration tests every 12, critical patches in 15 days and high in 30, access
removal within 1 hour, restore within 72 hours, backups at most 48 hours old with monthly test
restores (read here as 31 days), yearly audit and BA verification.

Every instance counts: a control over a list (ePHI platforms, storage classes, business
associates, policy documents) fails when any one fails, naming each; none gives credit by count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from phi_policy.control import (
    Config,
    all_of,
    cadence,
    cadence_days,
    cadence_outcome,
    control,
    describe_cadence,
    ephi_associates,
    ephi_platforms,
    failed,
    get,
    is_on,
    items,
    join,
    mfa_enforced,
    name_of,
    not_applicable,
    not_in_place,
    passed,
    plural,
    unique,
    were,
    where,
)
from phi_policy.model import Context, Outcome

PROFILE = ["hipaa-2025-nprm"]
TLS_ORDER = {"1.0": 0, "1.1": 1, "1.2": 2, "1.3": 3}
#: Every kind of storage the config can name (schema: encryption.at_rest.covers); the proposed
#: rule would require encryption of all ePHI at rest, so each one counts.
STORAGE_CLASSES = (
    "servers",
    "databases",
    "backups",
    "laptops",
    "workstations",
    "mobile_devices",
    "removable_media",
)


def _requires(what: str) -> str:
    return f"the proposed rule would require {what} (not yet in force); "


def _ready(what: str, detail: str, paths: Iterable[str] | str, **turns: Any) -> Outcome:
    """Ready for what the proposed rule would require."""
    return passed(_requires(what) + "ready: " + detail, paths, **turns)


def _gap(
    what: str, gaps: Iterable[str], paths: Iterable[str], instances: Iterable[str] = ()
) -> Outcome:
    """A readiness gap: what the proposed rule would require, then each gap found."""
    return failed(_requires(what) + "; ".join(gaps), unique(paths), instances=unique(instances))


def _dated(
    config: Config, ctx: Context, pointer: str, months: int, requires: str, what: str, why: str
) -> Outcome:
    return cadence_outcome(
        config, pointer, months, ctx, what=what, turns_why=why, prefix=_requires(requires)
    )


@control(
    id="NPRM-001",
    title="Technology asset inventory and network map updated within 12 months",
    domain="governance",
    cites=["NPRM 164.308(a)(1)"],
    basis="proposed",
    severity="high",
    risk="Assets nobody listed are left out of the risk analysis and unprotected; a stale map "
    "hides where ePHI flows today.",
    rationale="The NPRM would require a written inventory of technology assets and a network "
    "map of how ePHI moves through them, reviewed at least every 12 months; the risk analysis "
    "cannot cover assets nobody listed. Proposed, not in force.",
    remediation="Maintain the asset inventory and network map and record risk_analysis."
    "asset_inventory and network_map with maintained: true and last_updated within 12 months.",
    profiles=PROFILE,
)
def inventory_and_map(config: Config, ctx: Context) -> Outcome:
    """Unknown assets are unprotected assets; the NPRM makes the inventory explicit."""
    requires = "an asset inventory and a network map, each updated at least every 12 months"
    parts = {
        "asset inventory": "/risk_analysis/asset_inventory",
        "network map": "/risk_analysis/network_map",
    }
    gaps: list[str] = []
    paths: list[str] = []
    dues = []
    for label, pointer in parts.items():
        if not is_on(config, f"{pointer}/maintained"):
            gaps.append(f"no {label} is maintained")
            paths.append(where(config, f"{pointer}/maintained"))
            continue
        state = cadence(get(config, f"{pointer}/last_updated"), ctx.as_of, 12)
        if state.current:
            dues.append((state.due, label))
        else:
            gaps.append(describe_cadence(state, f"{label} update", "12-month", ctx.as_of))
            paths.append(where(config, f"{pointer}/last_updated"))
    if gaps:
        return _gap(requires, gaps, paths)
    due, label = min(dues)
    return _ready(
        requires,
        f"the asset inventory and network map are maintained; the next update ({label}) is "
        f"due before {due}",
        [f"{p}/last_updated" for p in parts.values()],
        turns_on=due,
        turns_why=f"the yearly {label} update falls due",
    )


@control(
    id="NPRM-002",
    title="Written risk analysis reviewed at least every 12 months",
    domain="governance",
    cites=["NPRM 164.308(a)(2)"],
    basis="proposed",
    severity="high",
    risk="A risk analysis older than a year misses new platforms, vendors and threats, so the "
    "safeguards chosen from it no longer match the risks.",
    rationale="The NPRM would fix the risk analysis cadence at 12 months (and on change) and "
    "specify its contents; a policy cycle longer than 12 months would no longer do. "
    "Proposed, not in force.",
    remediation="Perform the risk analysis at least every 12 months (risk_analysis."
    "last_performed) and set risk_analysis.frequency_months to 12 or less.",
    profiles=PROFILE,
)
def risk_analysis_yearly(config: Config, ctx: Context) -> Outcome:
    """The NPRM turns the common 12-month benchmark into a fixed deadline."""
    requires = "a written risk analysis reviewed at least every 12 months"
    outcome = _dated(
        config,
        ctx,
        "/risk_analysis/last_performed",
        12,
        requires,
        "risk analysis",
        "the yearly risk analysis falls due",
    )
    frequency = get(config, "/risk_analysis/frequency_months")
    if isinstance(frequency, int) and not isinstance(frequency, bool) and frequency > 12:
        gaps = [f"the policy cycle is {frequency} months, longer than 12"]
        if outcome.status != "pass":
            gaps.insert(0, outcome.message.removeprefix(_requires(requires)))
        return _gap(requires, gaps, [*outcome.paths, "/risk_analysis/frequency_months"])
    return outcome


@control(
    id="NPRM-003",
    title="Critical patches within 15 days, high within 30",
    domain="technical",
    cites=["NPRM 164.308(a)(4)"],
    basis="proposed",
    severity="high",
    risk="Unpatched known vulnerabilities are a leading ransomware entry point; exploits for "
    "critical ones appear within days of disclosure.",
    rationale="The NPRM would require patching critical risks within 15 calendar days and high "
    "risks within 30; unpatched known vulnerabilities are a leading ransomware entry point. "
    "Proposed, not in force.",
    remediation="Set vulnerability_management.patch_critical_days to 15 or less and "
    "patch_high_days to 30 or less, and meet them.",
    profiles=PROFILE,
)
def patch_deadlines(config: Config, ctx: Context) -> Outcome:
    """Exploits for critical vulnerabilities appear within days of disclosure."""
    requires = "critical patches within 15 days and high ones within 30"
    limits = {
        "critical": ("/vulnerability_management/patch_critical_days", 15),
        "high": ("/vulnerability_management/patch_high_days", 30),
    }
    gaps: list[str] = []
    paths: list[str] = []
    for label, (pointer, limit) in limits.items():
        days = get(config, pointer)
        if days is None:
            gaps.append(f"no deadline is set for {label} patches (proposed limit {limit} days)")
            paths.append(where(config, pointer))
        elif days > limit:
            gaps.append(f"{label} patches take up to {days} days; the proposed limit is {limit}")
            paths.append(pointer)
    if gaps:
        return _gap(requires, gaps, paths)
    return _ready(
        requires,
        f"critical patches within {get(config, limits['critical'][0])} days and high within "
        f"{get(config, limits['high'][0])} days",
        [pointer for pointer, _ in limits.values()],
    )


@control(
    id="NPRM-004",
    title="Access removed within 1 hour of termination",
    domain="administrative",
    cites=["NPRM 164.308(a)(9)(ii)(C)"],
    basis="proposed",
    severity="medium",
    risk="A departing employee keeps access for hours or days; a real but short window, and "
    "termination procedures exist either way.",
    rationale="The NPRM would require ending a departing workforce member's access to ePHI, "
    "systems and facilities no later than one hour after employment ends. Proposed, not in force.",
    remediation="Automate deprovisioning from the HR system so that workforce.termination."
    "access_revocation_hours can be 1 or less.",
    profiles=PROFILE,
)
def termination_one_hour(config: Config, ctx: Context) -> Outcome:
    """A departing employee's last hours are the riskiest; the NPRM closes them."""
    requires = "access removed within 1 hour of termination"
    pointer = "/workforce/termination/access_revocation_hours"
    hours = get(config, pointer)
    if hours is None:
        return _gap(
            requires,
            ["no deadline is set for removing access at termination"],
            [where(config, pointer)],
        )
    if hours <= 1:
        return _ready(
            requires,
            f"access is removed within {hours} hour{'s' if hours != 1 else ''} of termination",
            pointer,
        )
    return _gap(requires, [f"access is removed within {hours} hours of termination"], [pointer])


@control(
    id="NPRM-005",
    title="Multi-factor authentication for all access to ePHI",
    domain="technical",
    cites=["NPRM 164.312(f)(2)(ii)"],
    basis="proposed",
    severity="high",
    risk="A stolen password alone opens any system without MFA; stolen credentials remain the "
    "commonest way into health care networks.",
    rationale="The NPRM would require MFA on all technology assets in relevant systems, not "
    "only remote or privileged access; stolen passwords remain the commonest way in. An "
    "organization-wide flag does not hold while remote or administrative access, or any ePHI "
    "platform, goes without MFA. Proposed, not in force.",
    remediation="Require MFA for every access to ePHI (access_control.mfa.all_ephi_access, "
    "remote_access and administrative_access: true) and enable it on every platform that "
    "handles ePHI (platforms[].workforce_mfa: true, or mfa: true for every user).",
    profiles=PROFILE,
)
def mfa_everywhere(config: Config, ctx: Context) -> Outcome:
    """A password alone would no longer be enough for any ePHI system."""
    requires = "MFA for all access to ePHI"
    mfa = "/access_control/mfa"
    gaps: list[str] = []
    paths: list[str] = []
    for key, text in (
        ("all_ephi_access", "MFA is not required for all access to ePHI"),
        ("remote_access", "remote access does not require MFA"),
        ("administrative_access", "administrative access does not require MFA"),
    ):
        if not is_on(config, f"{mfa}/{key}"):
            gaps.append(text)
            paths.append(where(config, f"{mfa}/{key}"))
    platforms = ephi_platforms(config)
    mfa_of = {pointer: mfa_enforced(p, "workforce") for pointer, p in platforms}
    bad = [(pointer, p) for pointer, p in platforms if not mfa_of[pointer][0]]
    names = [name_of(p, pointer) for pointer, p in bad]
    if bad:
        gaps.append(
            f"{len(bad)} of {plural(len(platforms), 'ePHI platform')} do not enforce MFA: "
            + join(names)
        )
        paths.extend(
            f"{pointer}/{mfa_of[pointer][1]}" if mfa_of[pointer][1] in p else pointer
            for pointer, p in bad
        )
    if gaps:
        return _gap(requires, gaps, paths, names)
    return _ready(
        requires,
        "MFA is required for all, remote and administrative access to ePHI and enabled on "
        f"every ePHI platform ({len(platforms)})",
        [f"{mfa}/all_ephi_access", *(f"{pointer}/{mfa_of[pointer][1]}" for pointer in mfa_of)],
    )


def _tls_ok(version: object) -> bool:
    return TLS_ORDER.get(str(version), -1) >= TLS_ORDER["1.2"]


@control(
    id="NPRM-006",
    title="Encryption of all ePHI at rest and in transit",
    domain="technical",
    cites=["NPRM 164.312(b)"],
    basis="proposed",
    severity="critical",
    risk="Unencrypted ePHI on a lost laptop, a stolen drive or an open connection is exposed "
    "in bulk and notifiable as a breach.",
    rationale="The NPRM would make encryption of ePHI at rest and in transit mandatory, with "
    "no addressable escape and only narrow documented exceptions. Checked here: at-rest "
    "encryption with a standard algorithm covering every storage class (servers, databases, "
    "backups, laptops, workstations, mobile devices, removable media); TLS 1.2 or later; "
    "encrypted email, no SMS or personal email for ePHI; and every ePHI platform encrypted at "
    "rest and in transit. Proposed, not in force.",
    remediation="Enable encryption.at_rest (AES, covering servers, databases, backups, laptops, "
    "workstations, mobile_devices and removable_media), keep transmission_security."
    "tls_min_version at 1.2 or later with email_encryption, stop sms_for_ephi and "
    "personal_email_for_ephi, and encrypt every ePHI platform at rest (platforms[]."
    "encryption_at_rest.enabled) and in transit.",
    profiles=PROFILE,
)
def encryption_everywhere(config: Config, ctx: Context) -> Outcome:
    """Unencrypted ePHI anywhere would be a gap, not a documented risk decision."""
    requires = "encryption of all ePHI at rest and in transit"
    gaps: list[str] = []
    paths: list[str] = []
    instances: list[str] = []
    at_rest = "/encryption/at_rest"
    algorithm = get(config, f"{at_rest}/algorithm")
    enabled = is_on(config, f"{at_rest}/enabled")
    standard = (isinstance(algorithm, str) and algorithm.startswith("AES-")) or (
        algorithm == "other" and is_on(config, f"{at_rest}/fips_validated")
    )
    if not (enabled and standard):
        gaps.append(
            "ePHI at rest is not encrypted with a standard algorithm"
            + (f" (algorithm {algorithm})" if algorithm else "")
        )
        paths.append(where(config, f"{at_rest}/enabled" if not enabled else f"{at_rest}/algorithm"))
    covers = get(config, f"{at_rest}/covers")
    covered = set(covers) if isinstance(covers, list) else set()
    uncovered = [c for c in STORAGE_CLASSES if c not in covered]
    if uncovered:
        gaps.append(
            "at-rest encryption does not cover " + join(c.replace("_", " ") for c in uncovered)
        )
        paths.append(where(config, f"{at_rest}/covers"))
        instances.extend(uncovered)
    tls = get(config, "/transmission_security/tls_min_version")
    if not _tls_ok(tls):
        gaps.append(f"the minimum TLS version is {tls}; 1.2 or later is needed")
        paths.append(where(config, "/transmission_security/tls_min_version"))
    if not is_on(config, "/transmission_security/email_encryption"):
        gaps.append("email carrying ePHI is not encrypted")
        paths.append(where(config, "/transmission_security/email_encryption"))
    for key, text in (
        ("sms_for_ephi", "ePHI is sent by SMS"),
        ("personal_email_for_ephi", "ePHI is sent from personal email"),
    ):
        if get(config, f"/transmission_security/{key}") is True:
            gaps.append(text)
            paths.append(f"/transmission_security/{key}")
    for pointer, platform in ephi_platforms(config):
        name = name_of(platform, pointer)
        rest = platform.get("encryption_at_rest")
        if not (isinstance(rest, Mapping) and rest.get("enabled") is True):
            gaps.append(f"{name} does not encrypt ePHI at rest")
            paths.append(f"{pointer}/encryption_at_rest" if isinstance(rest, Mapping) else pointer)
            instances.append(name)
        version = platform.get("tls_min_version", tls)
        video = platform.get("video")
        plain_video = isinstance(video, Mapping) and video.get("protocol") == "unencrypted"
        if plain_video or not _tls_ok(version):
            gaps.append(
                f"{name} does not encrypt ePHI in transit"
                + (" (unencrypted video)" if plain_video else f" (TLS {version})")
            )
            paths.append(
                f"{pointer}/video/protocol"
                if plain_video
                else f"{pointer}/tls_min_version"
                if "tls_min_version" in platform
                else pointer
            )
            instances.append(name)
    if gaps:
        return _gap(requires, gaps, paths, instances)
    return _ready(
        requires,
        f"ePHI is encrypted at rest ({algorithm}) on every storage class and in transit "
        f"(TLS {tls} or later) on every ePHI platform",
        [f"{at_rest}/covers", "/transmission_security/tls_min_version"],
    )


@control(
    id="NPRM-007",
    title="Networks are segmented",
    domain="technical",
    cites=["NPRM 164.308(a)(10)", "NPRM 164.312(a)"],
    basis="proposed",
    severity="high",
    risk="On a flat network one compromised laptop reaches every ePHI system, which is how "
    "ransomware spreads through a whole organization.",
    rationale="The NPRM would require network segmentation so that one compromised device "
    "cannot reach every ePHI system; flat networks let ransomware spread. Proposed, not in force.",
    remediation="Segment the network (ePHI systems, clinical devices, guest Wi-Fi apart) and "
    "set access_control.network_segmentation: true.",
    profiles=PROFILE,
)
def segmentation(config: Config, ctx: Context) -> Outcome:
    """Segmentation limits how far one compromised laptop can reach."""
    requires = "network segmentation"
    pointer = "/access_control/network_segmentation"
    if is_on(config, pointer):
        return _ready(requires, "the network is segmented", pointer)
    return _gap(requires, ["the network is not segmented"], [where(config, pointer)])


@control(
    id="NPRM-008",
    title="Vulnerability scans at least every 6 months",
    domain="technical",
    cites=["NPRM 164.312(h)(2)(i)"],
    basis="proposed",
    severity="high",
    risk="Known vulnerabilities go unnoticed between scans and are found by attackers first.",
    rationale="The NPRM would require automated vulnerability scanning at least every six "
    "months (more often if the risk analysis calls for it). Proposed, not in force.",
    remediation="Scan all relevant systems at least every 6 months and record "
    "vulnerability_management.last_vulnerability_scan.",
    profiles=PROFILE,
)
def vulnerability_scan(config: Config, ctx: Context) -> Outcome:
    """Known vulnerabilities are found by scanning before attackers find them."""
    return _dated(
        config,
        ctx,
        "/vulnerability_management/last_vulnerability_scan",
        6,
        "vulnerability scans at least every 6 months",
        "vulnerability scan",
        "the 6-monthly vulnerability scan falls due",
    )


@control(
    id="NPRM-009",
    title="Penetration test at least every 12 months",
    domain="technical",
    cites=["NPRM 164.312(h)(2)(iii)"],
    basis="proposed",
    severity="medium",
    risk="Weaknesses that only chain together under a real attack stay unknown; scans still "
    "find the single known flaws.",
    rationale="The NPRM would require penetration testing of relevant systems by a qualified "
    "person at least every 12 months. Proposed, not in force.",
    remediation="Commission a penetration test at least yearly and record "
    "vulnerability_management.last_penetration_test.",
    profiles=PROFILE,
)
def penetration_test(config: Config, ctx: Context) -> Outcome:
    """Scanners find known flaws; testers find how they chain together."""
    return _dated(
        config,
        ctx,
        "/vulnerability_management/last_penetration_test",
        12,
        "a penetration test at least every 12 months",
        "penetration test",
        "the yearly penetration test falls due",
    )


@control(
    id="NPRM-010",
    title="Critical systems restored within 72 hours",
    domain="administrative",
    cites=["NPRM 164.308(a)(13)"],
    basis="proposed",
    severity="high",
    risk="Without a tested restore target, a ransomware outage can stop telehealth visits and "
    "record access for weeks.",
    rationale="The NPRM would require procedures to restore critical relevant systems and data "
    "within 72 hours of a loss; ransomware outages at hospitals have lasted weeks. "
    "Proposed, not in force.",
    remediation="Document the disaster recovery plan and set contingency.disaster_recovery."
    "restore_time_hours to 72 or less, then prove it in a test.",
    profiles=PROFILE,
)
def restore_72_hours(config: Config, ctx: Context) -> Outcome:
    """Telehealth patients cannot wait a week for the platform to come back."""
    requires = "restoring critical systems within 72 hours"
    plan = "/contingency/disaster_recovery/plan_documented"
    pointer = "/contingency/disaster_recovery/restore_time_hours"
    if not is_on(config, plan):
        return _gap(requires, ["no disaster recovery plan is documented"], [where(config, plan)])
    hours = get(config, pointer)
    if hours is None:
        return _gap(
            requires, ["the disaster recovery plan sets no restore time"], [where(config, pointer)]
        )
    if hours <= 72:
        return _ready(requires, f"critical systems are restored within {hours} hours", pointer)
    return _gap(requires, [f"critical systems are restored within {hours} hours"], [pointer])


@control(
    id="NPRM-011",
    title="Backups at most 48 hours old, with a test restore in the last 31 days",
    domain="administrative",
    cites=["NPRM 164.312(i)"],
    basis="proposed",
    severity="high",
    risk="Old or untested backups fail when a ransomware recovery depends on them, losing days "
    "of records.",
    rationale="The NPRM would require backups no more than 48 hours older than live ePHI and a "
    "test restore of a representative sample at least monthly (read here as within 31 days). "
    "Proposed, not in force.",
    remediation="Back up at least every 48 hours (contingency.backup.frequency_hours) and "
    "test-restore monthly (contingency.backup.last_restore_test).",
    profiles=PROFILE,
)
def backup_freshness(config: Config, ctx: Context) -> Outcome:
    """Monthly restores prove the backups a 72-hour recovery depends on."""
    requires = "backups at most 48 hours old and a test restore at least monthly"
    backup = "/contingency/backup"
    if not is_on(config, f"{backup}/enabled"):
        return _gap(requires, ["ePHI is not backed up"], [where(config, f"{backup}/enabled")])
    gaps: list[str] = []
    paths: list[str] = []
    hours = get(config, f"{backup}/frequency_hours")
    if hours is None or hours > 48:
        gaps.append(
            "no backup frequency is set"
            if hours is None
            else f"backups run every {hours} hours; the proposed limit is 48"
        )
        paths.append(where(config, f"{backup}/frequency_hours"))
    state = cadence_days(get(config, f"{backup}/last_restore_test"), ctx.as_of, 31)
    if not state.current:
        gaps.append(describe_cadence(state, "test restore", "31-day", ctx.as_of))
        paths.append(where(config, f"{backup}/last_restore_test"))
    if gaps:
        return _gap(requires, gaps, paths)
    return _ready(
        requires,
        f"backups run every {hours} hours; "
        + describe_cadence(state, "test restore", "31-day", ctx.as_of),
        [f"{backup}/frequency_hours", f"{backup}/last_restore_test"],
        turns_on=state.due,
        turns_why="the monthly test restore falls due",
    )


@control(
    id="NPRM-012",
    title="Compliance audit at least every 12 months",
    domain="governance",
    cites=["NPRM 164.308(a)(14)"],
    basis="proposed",
    severity="medium",
    risk="Without a yearly audit, drift from the documented safeguards goes unnoticed until an "
    "incident or an OCR inquiry finds it.",
    rationale="The NPRM would require a documented audit of compliance with every standard "
    "and implementation specification at least every 12 months. Proposed, not in force.",
    remediation="Audit compliance with the whole Security Rule yearly and record "
    "compliance_audit.last_performed.",
    profiles=PROFILE,
)
def compliance_audit(config: Config, ctx: Context) -> Outcome:
    """A yearly audit turns this report's findings into a documented, dated record."""
    return _dated(
        config,
        ctx,
        "/compliance_audit/last_performed",
        12,
        "a compliance audit at least every 12 months",
        "compliance audit",
        "the yearly compliance audit falls due",
    )


@control(
    id="NPRM-013",
    title="Business associates verify their safeguards in writing every 12 months",
    domain="governance",
    cites=["NPRM 164.308(b)(1)-(2)"],
    basis="proposed",
    severity="high",
    risk="A vendor's promised safeguards may not exist; breaches at business associates "
    "expose many covered entities' patients at once.",
    rationale="Beyond the BAA, the NPRM would require written verification at least every 12 "
    "months (an analysis by a qualified person plus a certification) that each business "
    "associate has deployed the technical safeguards. Every business associate handling ePHI "
    "counts: one unverified fails the control. Proposed, not in force.",
    remediation="Obtain each business associate's written security verification yearly and "
    "record business_associates[].security_verified.",
    profiles=PROFILE,
)
def ba_verification(config: Config, ctx: Context) -> Outcome:
    """A signed BAA promises safeguards; the verification shows they exist."""
    requires = "written verification of each business associate's safeguards every 12 months"
    associates = ephi_associates(config)
    if not associates:
        return not_applicable(
            _requires(requires) + "no business associate handles ePHI", "/business_associates"
        )
    gaps: list[str] = []
    paths: list[str] = []
    names: list[str] = []
    dues = []
    for pointer, ba in associates:
        name = name_of(ba, pointer)
        state = cadence(ba.get("security_verified"), ctx.as_of, 12)
        if state.current:
            dues.append((state.due, name, pointer))
        else:
            gaps.append(
                f"{name}: "
                + describe_cadence(state, "security verification", "12-month", ctx.as_of)
            )
            paths.append(where(config, f"{pointer}/security_verified"))
            names.append(name)
    if gaps:
        return _gap(
            requires,
            [
                f"{len(gaps)} of {plural(len(associates), 'business associate')} handling ePHI "
                "not verified",
                *gaps,
            ],
            paths,
            names,
        )
    due, name, pointer = min(dues)
    return _ready(
        requires,
        f"every business associate handling ePHI ({len(associates)}) verified its safeguards in "
        f"writing within 12 months; the next ({name}) is due before {due}",
        [f"{p}/security_verified" for p, _ in associates],
        turns_on=due,
        turns_why=f"{name}'s yearly security verification falls due",
    )


@control(
    id="NPRM-014",
    title="Configuration management with secure baselines and anti-malware",
    domain="technical",
    cites=["NPRM 164.312(c)"],
    basis="proposed",
    severity="high",
    risk="Default or drifted configurations and hosts without anti-malware are the easy way in "
    "for attackers.",
    rationale="The NPRM would require secure configuration baselines, anti-malware on all "
    "relevant assets, removal of extraneous software and closed unneeded ports. "
    "Proposed, not in force.",
    remediation="Manage configurations against secure baselines (integrity."
    "configuration_management: true) and deploy anti-malware everywhere "
    "(vulnerability_management.anti_malware: true).",
    profiles=PROFILE,
)
def configuration_management(config: Config, ctx: Context) -> Outcome:
    """Drifted, default-configured systems are the easy targets."""
    requires = "secure configuration baselines and anti-malware"
    parts = {
        "configuration management against secure baselines": "/integrity/configuration_management",
        "anti-malware": "/vulnerability_management/anti_malware",
    }
    missing = not_in_place(config, parts.items())
    if missing:
        return _gap(
            requires,
            ["missing " + join(label for label, _ in missing)],
            [at for _, at in missing],
        )
    return _ready(
        requires,
        "configurations are managed against secure baselines and anti-malware is deployed",
        list(parts.values()),
    )


@control(
    id="NPRM-015",
    title="Policies and documentation reviewed at least every 12 months",
    domain="governance",
    cites=["NPRM 164.316(b)(3)", "NPRM 164.316(a)"],
    basis="proposed",
    severity="low",
    risk="Stale policies describe safeguards that changed; a documentation gap more than an "
    "exposure.",
    rationale="The NPRM would require all policies in writing and documentation reviewed at "
    "least every 12 months (and promptly after a change), replacing 'periodically'. Every "
    "listed policy counts: one overdue fails the control. Proposed, not in force.",
    remediation="Set policies.review_frequency_months to 12 or less and review every document "
    "in policies.documents within the last 12 months.",
    profiles=PROFILE,
)
def documentation_yearly(config: Config, ctx: Context) -> Outcome:
    """A 12-month review cycle would become the legal maximum."""
    requires = "written policies reviewed at least every 12 months"
    documents = items(config, "/policies/documents")
    if not documents:
        return _gap(
            requires, ["no written policies are listed"], [where(config, "/policies/documents")]
        )
    gaps: list[str] = []
    paths: list[str] = []
    names: list[str] = []
    frequency = get(config, "/policies/review_frequency_months")
    if isinstance(frequency, int) and not isinstance(frequency, bool) and frequency > 12:
        gaps.append(f"the policy review cycle is {frequency} months, longer than 12")
        paths.append("/policies/review_frequency_months")
    dues = []
    for pointer, document in documents:
        title = name_of(document, pointer)
        state = cadence(document.get("last_reviewed"), ctx.as_of, 12)
        if state.current:
            dues.append((state.due, title))
        else:
            gaps.append(f"{title}: " + describe_cadence(state, "review", "12-month", ctx.as_of))
            paths.append(where(config, f"{pointer}/last_reviewed"))
            names.append(title)
    if gaps:
        return _gap(requires, gaps, paths, names)
    due, title = min(dues)
    return _ready(
        requires,
        f"{all_of(len(documents), 'policy', 'policies')} {were(len(documents))} "
        "reviewed within 12 months; "
        f"the next ({title}) is due before {due}",
        [f"{p}/last_reviewed" for p, _ in documents],
        turns_on=due,
        turns_why=f"the yearly review of {title} falls due",
    )
